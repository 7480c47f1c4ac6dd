""""When did we study X?" and "what did we study about X?" (eval/when_questions.jsonl,
eval/about_questions.jsonl): every session that studied X answers them, so besides recall of the
one gold passage this counts how many of the top 5 hits hold the question's subject (its
"subject" field, such as 生物安全) at all: precision@5. Measured with the keyword leg matching
the whole question, and matching only the subject (the default, `zh.keywords_of`).

    python bench/when_studied.py --index DIR [--index DIR ...]

Prints precision@5, R@1 and R@5 per variant and index; writes bench/results/when_studied.json."""
from __future__ import annotations

import argparse
import importlib
import logging
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from rag import Searcher  # noqa: E402
from rag.evaluate import evaluate, load_questions  # noqa: E402
from rag.zh import session_header  # noqa: E402
from results_file import write_result  # noqa: E402

SEARCH = importlib.import_module("rag.search")   # the module (rag.search is also a function)
QUESTION_FILES = [REPO / "eval" / "when_questions.jsonl", REPO / "eval" / "about_questions.jsonl"]
VARIANTS = {"whole question": lambda question: question, "subject only (default)": SEARCH.keywords_of}


def passage_text(hit) -> str:
    """The hit's passage without the session header a "when" question's hits carry: the header
    holds the session topic, which may name the subject without the passage doing so."""
    header = session_header(hit.date, hit.place, hit.format, hit.topic)
    return hit.text[len(header) + 1:] if header and hit.text.startswith(header + "\n") else hit.text


def measure(searcher: Searcher, questions: list[dict]) -> dict:
    holding = shown = 0
    for q in questions:
        hits = searcher.search(q["question"], k=5)
        holding += sum(q["subject"] in passage_text(h) for h in hits)
        shown += len(hits)
    recall = evaluate(questions, searcher.search)
    return {"precision@5": holding / max(shown, 1), "R@1": recall.recall[1], "R@5": recall.recall[5]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", action="append", required=True, help="index folder (repeatable)")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    results = {}
    for index in args.index:
        searcher = Searcher(Path(index))
        for path in QUESTION_FILES:
            questions = load_questions(path)
            for name, keywords in VARIANTS.items():
                SEARCH.keywords_of = keywords
                row = measure(searcher, questions)
                results[f"{index} | {path.name} | {name}"] = row
                print(f"{index:<20} {path.name:<22} {name:<24} precision@5 {row['precision@5']:.3f}  "
                      f"R@1 {row['R@1']:.3f}  R@5 {row['R@5']:.3f}")
    write_result("when_studied", results)


if __name__ == "__main__":
    main()
