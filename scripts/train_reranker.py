"""Fit the reranker shipped in rag/data/reranker.json (rag/rerank.py; README, "How it works").

Each Chinese question of the question sets is asked of each index with the reranker's weights at
zero (the order it would get without it); its best DEPTH passages' features and which of them
answer it (a gold substring, the question's session date; for a question asking when, where or
how something was studied, in the hit as shown, with its session's header) are kept. A question
answered with the sessions themselves (their listing) has none and is left out.

First the sets are held out one at a time: the weights are fitted on the other sets and the
held-out set's first hits and top 5 are printed against the order without a reranker, per index
(this is the estimate of what a new question gets, as none of its set was fitted on). Then the
weights are fitted on every set and written (with --write).

    python scripts/train_reranker.py --index seed=SEED --index seed+scale=FULL [--sets dev,blind,...] [--strength 50] [--write]
    python scripts/train_reranker.py --foreign --index seed=SEED --index seed+scale=FULL [--write]

With --foreign, the reranker of questions in other languages (rag/data/reranker_foreign.json) is
fitted on the English and other-language sets instead, held out one set and language at a time
(the multilingual set's French, German… questions apart).

SEED: `studyqa index --seeds seeds --index SEED`; FULL: `python bench/full_build.py --keep` (the
seed records and all of ../shared/data/scale_sessions). About 4 minutes per index on 2 cores.
"""
from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from rag.evaluate import first_relevant_rank, load_questions  # noqa: E402
from rag.rerank import FEATURES, FOREIGN_FEATURES, FOREIGN_RERANKER_FILE, RERANKER_FILE, Reranker, fit  # noqa: E402
from rag.search import Searcher, _hit, _with_header  # noqa: E402
from rag.understand import ASKS_ABOUT_SESSION, any_language  # noqa: E402
from results_file import question_file  # noqa: E402

SETS = "dev,blind,blind2,blind3,blind4,blind5,blind6,extra,traditional,metadata,when,about"
FOREIGN_SETS = "crosslingual,blind_crosslingual,multilingual"
DEPTH = 10          # the best 10: as good held out as the best 20, at half the token matches
STRENGTH = 50.0     # held out, 30-100 all gain; 50 the most first hits among the scale records


def collect(index: Path, sets: list[str], depth: int, features: tuple, attribute: str) -> tuple[str, list[dict]]:
    """The index's model, and per question: its group (set, and language where the set gives
    one), id, rank without a reranker, and its candidates (scores, features, which are right),
    or no candidates. `attribute`: the Searcher's reranker being fitted (`reranker` or
    `foreign_reranker`), set to one of `features` with zero weights; the other one is off, so
    that a question of the other kind (an English question of a Chinese set) gives no candidates."""
    searcher = Searcher(index)
    model = searcher.index.model
    zero = Reranker(model, depth, np.zeros(len(features)), np.ones(len(features)), np.zeros(len(features)), {},
                    features)
    searcher.reranker = searcher.foreign_reranker = None
    setattr(searcher, attribute, zero)
    found = []
    for name in sets:
        started = time.time()
        for q in load_questions(question_file(name)):
            searcher.last_rerank = None
            hits, understood = searcher.ask(q["question"], k=10)
            rank = first_relevant_rank(hits, q["gold"], q.get("session_date"))
            group = f"{name}:{q['lang']}" if q.get("lang") else name
            item = {"set": group, "id": q.get("id", q["question"]), "rank": rank, "candidates": None}
            got = searcher.last_rerank
            if got is not None:
                # each candidate as it would be shown (with its session's header, for a question
                # asking when, where or how something was studied)
                shown = [_hit(searcher.index, pid, score) for pid, score in zip(got["pids"], got["scores"])]
                if any_language(ASKS_ABOUT_SESSION, understood.content):
                    shown = [_with_header(hit, searcher.index) for hit in shown]
                right = np.array([first_relevant_rank([hit], q["gold"], q.get("session_date")) == 1
                                  for hit in shown])
                first = int(np.argmax(right)) + 1 if right.any() else None
                # the hits shown are these passages in this order, unless the answer is a header
                if first == rank or (first is None and (rank is None or rank > depth)):
                    item["candidates"] = (np.array(got["scores"]), got["features"], right)
            found.append(item)
        print(f"{index}  {name:<12} {time.time() - started:5.0f} s", file=sys.stderr, flush=True)
    return model, found


def rank_after(item: dict, mean, scale, weights) -> int | None:
    if item["candidates"] is None:
        return item["rank"]
    scores, features, right = item["candidates"]
    order = np.argsort(-(scores + ((features - mean) / scale) @ weights), kind="stable")
    ranks = [place for place, i in enumerate(order, start=1) if right[i]]
    return ranks[0] if ranks else item["rank"]


def counts(ranks) -> tuple[int, int]:
    ranks = list(ranks)
    return sum(r == 1 for r in ranks), sum(r is not None and r <= 5 for r in ranks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", action="append", required=True,
                        help="index folder, or NAME=FOLDER (repeatable)")
    parser.add_argument("--foreign", action="store_true",
                        help="fit the reranker of questions in other languages (default sets: "
                             f"{FOREIGN_SETS})")
    parser.add_argument("--sets", help=f"question sets (default: {SETS})")
    parser.add_argument("--strength", type=float, default=STRENGTH, help="how near zero the weights are held")
    parser.add_argument("--depth", type=int, default=DEPTH, help="how many of the best passages it orders")
    parser.add_argument("--write", action="store_true",
                        help=f"write {RERANKER_FILE.relative_to(REPO)} (with --foreign: {FOREIGN_RERANKER_FILE.name})")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    args.sets = args.sets or (FOREIGN_SETS if args.foreign else SETS)
    sets = args.sets.split(",")
    features, target, attribute = ((FOREIGN_FEATURES, FOREIGN_RERANKER_FILE, "foreign_reranker") if args.foreign
                                   else (FEATURES, RERANKER_FILE, "reranker"))
    folders = dict(given.split("=", 1) if "=" in given else (given, given) for given in args.index)
    collected = {name: collect(Path(folder), sets, args.depth, features, attribute)
                 for name, folder in folders.items()}
    models = {model for model, _ in collected.values()}
    if len(models) != 1:
        sys.exit(f"the indexes were built with different models ({', '.join(sorted(models))}): a reranker "
                 "is fitted for one model; give indexes of one model")
    model = models.pop()
    items = {name: found for name, (_, found) in collected.items()}
    pooled = [item for found in items.values() for item in found]

    print(f"held out one set at a time (strength {args.strength}, depth {args.depth}): first hits / top 5")
    totals = {index: [0, 0, 0, 0] for index in items}
    held_out = {}
    groups = list(dict.fromkeys(item["set"] for item in pooled))    # sets, or set and language
    for name in groups:
        mean, scale, weights = fit([i["candidates"] for i in pooled
                                    if i["set"] != name and i["candidates"] is not None], args.strength)
        line = [f"{name:<12}"]
        for index, found in items.items():
            mine = [i for i in found if i["set"] == name]
            before, after = counts(i["rank"] for i in mine), counts(rank_after(i, mean, scale, weights) for i in mine)
            totals[index] = [t + v for t, v in zip(totals[index], before + after)]
            line.append(f"{index}: {before[0]} / {before[1]} -> {after[0]} / {after[1]}")
            held_out.setdefault(str(index), {})[name] = {"n": len(mine), "before": before, "after": after}
        print("   ".join(line))
    for index, (b1, b5, a1, a5) in totals.items():
        print(f"all          {index}: {b1} / {b5} -> {a1} / {a5}")

    mean, scale, weights = fit([i["candidates"] for i in pooled if i["candidates"] is not None], args.strength)
    print("weights (fused-score units per standard deviation):",
          ", ".join(f"{f} {w:+.4f}" for f, w in zip(features, weights)))
    if args.write:
        about = {"data": f"StudyQA's question sets {args.sets}, asked of {len(items)} indexes",
                 "questions_fitted": sum(i["candidates"] is not None and bool(i["candidates"][2].any())
                                         for i in pooled),
                 "strength": args.strength, "held_out_first_hits_top5": held_out}
        Reranker(model, args.depth, mean, scale, weights, about, features).save(target)
        print(f"written {target}")


if __name__ == "__main__":
    main()
