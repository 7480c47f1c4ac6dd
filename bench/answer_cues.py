"""Which questions the answer cues (rag/cues.py) fire on, and the rank of each one's first right
hit as one cue's weight varies: the measurement behind each cue's weight, reproducible. Only
questions a cue fires on can move, so the others are counted, not searched.

    python bench/answer_cues.py --index DIR [--cue FORMULA_WEIGHT] [--weights 0,0.03,0.06]
                                [--sets dev,blind,...,formula]

`formula` (eval/formula_questions.jsonl) holds typed questions whose answers only the scale
records hold, with no session date (any date counts); run it on the seed + scale index."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from rag import Searcher, cues  # noqa: E402
from rag.evaluate import first_relevant_rank, load_questions  # noqa: E402
from results_file import question_file, write_result  # noqa: E402

SETS = ("dev,blind,blind2,blind3,blind4,blind5,blind6,blind7,blind8,blind9,extra,traditional,metadata,when,about,crosslingual,"
        "blind_crosslingual,multilingual,metadata_foreign,formula")
CUE_WEIGHTS = ("QUANTITY_WEIGHT", "TITLE_WEIGHT", "VERBATIM_WEIGHT", "FORMULA_WEIGHT", "SPEECH_WEIGHT",
               "SANCTION_WEIGHT", "REMEDY_WEIGHT", "APPRAISAL_WEIGHT")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", required=True)
    parser.add_argument("--cue", default="FORMULA_WEIGHT", choices=CUE_WEIGHTS)
    parser.add_argument("--weights", default="0,0.03,0.06", help="weights of that cue, comma-separated")
    parser.add_argument("--sets", default=SETS)
    args = parser.parse_args()
    searcher = Searcher(Path(args.index))
    shipped = getattr(cues, args.cue)
    weights = [float(w) for w in args.weights.split(",")]

    def fires(question: str) -> bool:
        # the cue's weight set apart: a cue fires when its weight is among the question's cues
        marker = object()
        setattr(cues, args.cue, marker)
        try:
            return any(weight is marker for weight, _ in cues.answer_cues(question))
        finally:
            setattr(cues, args.cue, shipped)

    questions, asked = [], 0
    for name in args.sets.split(","):
        for q in load_questions(question_file(name)):
            asked += 1
            if fires(q["question"]):
                questions.append((name, q))
    print(f"{args.cue}: fires on {len(questions)} of {asked} questions ({args.index})\n")
    set_width = max([len(name) for name, _ in questions] + [12]) + 2
    print(f"{'set':<{set_width}}{'id':<22}" + "".join(f"{w:>8g}" for w in weights) + "  question")
    rows = []
    for name, q in questions:
        ranks = []
        for w in weights:
            setattr(cues, args.cue, w)
            hits = searcher.search(q["question"], k=10)
            ranks.append(first_relevant_rank(hits, q["gold"], q.get("session_date")))
        setattr(cues, args.cue, shipped)
        rows.append({"set": name, "id": q.get("id"), "question": q["question"], "ranks": ranks})
        print(f"{name:<{set_width}}{str(q.get('id')):<22}" + "".join(f"{r or '-':>8}" for r in ranks) + f"  {q['question']}")
    firsts = [sum(r["ranks"][i] == 1 for r in rows) for i in range(len(weights))]
    top5 = [sum(bool(r["ranks"][i]) and r["ranks"][i] <= 5 for r in rows) for i in range(len(weights))]
    print(f"\n{'first hits':<{set_width + 22}}" + "".join(f"{n:>8}" for n in firsts))
    print(f"{'top 5':<{set_width + 22}}" + "".join(f"{n:>8}" for n in top5))
    write_result(f"answer_cues_{args.cue.lower()}", {"index": str(args.index), "cue": args.cue, "weights": weights,
                                                     "asked": asked, "questions": rows,
                                                     "first_hits": firsts, "top5": top5})


if __name__ == "__main__":
    main()
