"""What the query adapter (embeddings/query_adapter.py) changes: each question set on each index
searched with it (the default, ADAPTED_QUERY_WEIGHT) and without it (weight 0), and the CMRC 2018
dev questions split into those whose passages trained it (even-numbered) and those held out;
and, for the question sets, how often a right first hit's first highlight holds the gold substring.

    python bench/query_adapter.py --index SEED_INDEX --index FULL_INDEX \\
        [--questions FILE ...] [--cmrc-index CMRC_INDEX [--cmrc ../shared/data/cmrc2018/dev]]

CMRC_INDEX is the index `studyqa eval --cmrc DIR --index CMRC_INDEX` builds. Prints R@1 / R@5 /
MRR@10 per set, index and variant; writes bench/results/query_adapter.json."""
from __future__ import annotations

import argparse
import importlib
import json
import logging
import sys
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from rag import Searcher  # noqa: E402
from rag.evaluate import evaluate, first_relevant_rank, load_questions, prepare_cmrc  # noqa: E402
from results_file import question_file, write_result  # noqa: E402

SEARCH = importlib.import_module("rag.search")   # the module (rag.search is also a function)
CHINESE_SETS = [question_file(name) for name in
                ("dev", "blind", "blind2", "blind3", "blind4", "extra", "traditional")]


def cmrc_halves(split_dir: Path, seeds_dir: Path) -> dict[str, list[dict]]:
    """CMRC questions by whether their passage trained the adapter (scripts/train_query_adapter.py:
    passages numbered in corpus.jsonl order, even ones trained)."""
    number = {json.loads(line)["id"]: i for i, line in
              enumerate((split_dir / "corpus.jsonl").read_text(encoding="utf-8").splitlines())}
    halves: dict[str, list[dict]] = {"CMRC dev, passages it trained on": [], "CMRC dev, held out": []}
    for q in prepare_cmrc(split_dir, seeds_dir):
        held = number[q["source"][:-len(".txt")]] % 2 == 1
        halves["CMRC dev, held out" if held else "CMRC dev, passages it trained on"].append(q)
    return halves


def highlights_holding_gold(searcher, questions: list[dict]) -> tuple[int, int]:
    """(right first hits, those whose first highlighted sentence holds a gold substring)."""
    right = held = 0
    for q in questions:
        hits = searcher.search(q["question"], 1)
        if not hits or first_relevant_rank(hits, q["gold"], q.get("session_date")) != 1:
            continue
        right += 1
        if hits[0].highlights:
            a, b = hits[0].highlights[0]
            held += first_relevant_rank([replace(hits[0], text=hits[0].text[a:b])], q["gold"], None) == 1
    return right, held


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", action="append", default=[])
    parser.add_argument("--questions", action="append", help="question files (default: the Chinese sets)")
    parser.add_argument("--cmrc-index")
    parser.add_argument("--cmrc", default=str(REPO.parent / "shared" / "data" / "cmrc2018" / "dev"))
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    default_weight = SEARCH.ADAPTED_QUERY_WEIGHT
    jobs = []
    for index in args.index:
        for path in (args.questions or CHINESE_SETS):
            jobs.append((index, Path(path).name, load_questions(Path(path))))
    if args.cmrc_index:
        seeds = Path(args.cmrc_index).parent / (Path(args.cmrc_index).name + "-seeds")
        for name, questions in cmrc_halves(Path(args.cmrc), seeds).items():
            jobs.append((args.cmrc_index, name, questions))
    rows = []
    for index, name, questions in jobs:
        searcher = Searcher(Path(index))
        for variant, weight in (("without the adapter", 0.0), ("with it (default)", default_weight)):
            SEARCH.ADAPTED_QUERY_WEIGHT = weight
            result = evaluate(questions, searcher.search)
            row = {"index": index, "questions": name, "variant": variant, "n": result.total,
                   "r1": result.recall[1], "r5": result.recall[5], "mrr10": result.mrr10}
            line = (f"{index}  {name:36s} {variant:20s} n {result.total:5d}  R@1 {result.recall[1]:.3f}  "
                    f"R@5 {result.recall[5]:.3f}  MRR@10 {result.mrr10:.3f}")
            if not name.startswith("CMRC"):
                row["right_first"], row["highlight_holds_gold"] = highlights_holding_gold(searcher, questions)
                line += f"  highlight holds gold {row['highlight_holds_gold']}/{row['right_first']}"
            rows.append(row)
            print(line, flush=True)
        SEARCH.ADAPTED_QUERY_WEIGHT = default_weight
    write_result("query_adapter", {"rows": rows})


if __name__ == "__main__":
    main()
