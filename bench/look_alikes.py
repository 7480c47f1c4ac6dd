"""Where the first hits go among look-alike records: for each question set, R@1 as asked and R@1
with the question's own session date given as a filter (what the ranking would score if nothing
of another date competed), and the misses sorted by what came first: a passage of another date,
or another passage of the right date. Also counts the questions whose gold text is written word
for word in a passage of another date (a hit there is right for a reader, a miss for the
benchmark). Prints a table by set and one by the questions' `kind` (paraphrase, keyword…), and
writes bench/results/look_alikes.json.

    python bench/look_alikes.py --index DIR [--sets dev,blind,blind2,...]

DIR is normally the seed + scale index of `python bench/full_build.py --keep`; on the seed index
the two R@1 columns differ only where the two seed sessions compete."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from rag import Searcher  # noqa: E402
from rag.evaluate import first_relevant_rank, load_questions  # noqa: E402
from rag.zh import fold_width  # noqa: E402
from results_file import question_file, write_result  # noqa: E402

CHINESE_SETS = "dev,blind,blind2,blind3,blind4,blind5,blind6,extra,traditional"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", required=True)
    parser.add_argument("--sets", default=CHINESE_SETS, help="question sets, comma-separated")
    args = parser.parse_args()
    searcher = Searcher(Path(args.index))
    passages = list(searcher.index.passages.values())
    folded = [(p.date, fold_width(p.text)) for p in passages]

    print_header("set")
    rows, totals, kinds = {}, _counts(), {}
    for name in args.sets.split(","):
        counts = _counts()
        misses = []
        for q in load_questions(question_file(name)):
            date = q["session_date"]
            hits = searcher.search(q["question"], k=10)
            rank = first_relevant_rank(hits, q["gold"], date)
            dated = searcher.search(q["question"], k=10, date_from=date, date_to=date)
            gold = [fold_width(g) for g in q["gold"]]
            elsewhere = any(d != date and any(g in text for g in gold) for d, text in folded)
            first = None
            if rank != 1 and hits:
                first = "same_date_first" if hits[0].date == date else "other_date_first"
                misses.append({"id": q.get("id"), "rank": rank, "first": first, "first_date": hits[0].date,
                               "gold_elsewhere": elsewhere})
            for tally in (counts, kinds.setdefault(q.get("kind", "?"), _counts())):
                tally["n"] += 1
                tally["r1"] += rank == 1
                tally["r5"] += rank is not None and rank <= 5
                tally["r1_dated"] += first_relevant_rank(dated, q["gold"], date) == 1
                tally["gold_elsewhere"] += elsewhere
                if first:
                    tally[first] += 1
        rows[name] = {**counts, "misses": misses}
        for key in totals:
            totals[key] += counts[key]
        print_row(name, counts)
    print_row("all", totals)
    print()
    print_header("kind")
    for kind in sorted(kinds):
        print_row(kind, kinds[kind])
    write_result("look_alikes", {"index": str(args.index), "passages": len(passages), "sets": rows,
                                 "kinds": kinds, "all": totals})


def _counts() -> dict:
    return dict(n=0, r1=0, r5=0, r1_dated=0, other_date_first=0, same_date_first=0, gold_elsewhere=0)


def print_header(first: str) -> None:
    print(f"{first:<14}{'n':>5}{'R@1':>8}{'R@5':>8}{'R@1 date given':>16}{'misses: other date first':>26}"
          f"{'same date first':>17}{'gold text elsewhere':>21}")


def print_row(name: str, c: dict) -> None:
    n = c["n"] or 1
    print(f"{name:<14}{c['n']:>5}{c['r1'] / n:>8.3f}{c['r5'] / n:>8.3f}{c['r1_dated'] / n:>16.3f}"
          f"{c['other_date_first']:>26}{c['same_date_first']:>17}{c['gold_elsewhere']:>21}")


if __name__ == "__main__":
    main()
