"""First hits and top-5 hits over the seven Chinese question sets (dev, blind, blind2-4, extra,
traditional: 302 questions), the count every fusion weight in docs/measurements.md was chosen
on, and each question's rank, so that two runs can be compared question by question.

    python bench/first_hits.py --index DIR [--index DIR ...] [--sets dev,blind,...]
    python bench/first_hits.py --index DIR --compare bench/results/first_hits.json

A hit counts as in `studyqa eval`: a gold substring in its text and the question's session date.
Prints per set and in total; writes bench/results/first_hits.json (counts and per-question ranks,
None when not in the top 10). With --compare, also lists the questions whose rank changed
against an earlier run's file."""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from rag import Searcher  # noqa: E402
from rag.evaluate import first_relevant_rank, load_questions  # noqa: E402
from results_file import question_file, write_result  # noqa: E402

SETS = ["dev", "blind", "blind2", "blind3", "blind4", "extra", "traditional"]


def ranks_of(searcher: Searcher, questions: list[dict]) -> dict[str, int | None]:
    return {q.get("id", q["question"]): first_relevant_rank(searcher.search(q["question"], k=10), q["gold"],
                                                            q.get("session_date"))
            for q in questions}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", action="append", required=True, help="index folder (repeatable)")
    parser.add_argument("--sets", default=",".join(SETS), help="question sets (default: the seven Chinese ones)")
    parser.add_argument("--compare", help="an earlier run's bench/results/first_hits.json")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    earlier = json.loads(Path(args.compare).read_text(encoding="utf-8")) if args.compare else {}
    results = {}
    for index in args.index:
        searcher = Searcher(Path(index))
        per_set, ranks = {}, {}
        for name in args.sets.split(","):
            got = ranks_of(searcher, load_questions(question_file(name)))
            first = sum(r == 1 for r in got.values())
            top5 = sum(r is not None and r <= 5 for r in got.values())
            per_set[name] = {"n": len(got), "first": first, "top5": top5}
            ranks.update(got)
            print(f"{index}  {name:<12} n {len(got):>3}  first hits {first:>3}  top 5 {top5:>3}", flush=True)
        first = sum(s["first"] for s in per_set.values())
        top5 = sum(s["top5"] for s in per_set.values())
        print(f"{index}  {'all':<12} n {len(ranks):>3}  first hits {first:>3}  top 5 {top5:>3}")
        before = earlier.get(str(index), {}).get("ranks", {})
        for qid, rank in ranks.items():
            if qid in before and before[qid] != rank:
                print(f"    {qid}: rank {before[qid]} -> {rank}")
        results[str(index)] = {"sets": per_set, "first": first, "top5": top5, "ranks": ranks}
    write_result("first_hits", results)


if __name__ == "__main__":
    main()
