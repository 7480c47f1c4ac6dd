"""Query latency on an existing index, split by step: query encoding, vector search, lexical
search, fusion and the rest. Prints p50/p95 in ms and writes bench/results/query_latency.json.

    python bench/query_latency.py --index DIR [--repeat 3]"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from rag import Searcher  # noqa: E402
from rag.evaluate import load_questions  # noqa: E402
from results_file import DEV_QUESTIONS, write_result  # noqa: E402


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", required=True)
    parser.add_argument("--questions", default=str(DEV_QUESTIONS))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    started = time.perf_counter()
    searcher = Searcher(Path(args.index))
    searcher.search("预热 warm-up", k=5)
    print(f"load index + model + first query: {time.perf_counter() - started:.2f} s")
    questions = [q["question"] for q in load_questions(Path(args.questions))]
    totals, steps = [], {}
    for _ in range(args.repeat):
        for q in questions:
            t = time.perf_counter()
            searcher.search(q, k=5)
            totals.append(time.perf_counter() - t)
            for name, seconds in searcher.last_timings.items():
                steps.setdefault(name, []).append(seconds)
    rows = {"total": totals, **steps}
    print(f"{len(totals)} queries on {len(searcher.index)} passages ({searcher.index.model})")
    print(f"{'step':<16}{'p50 ms':>9}{'p95 ms':>9}")
    result = {"passages": len(searcher.index), "model": searcher.index.model, "queries": len(totals)}
    for name, values in rows.items():
        p50, p95 = 1000 * statistics.median(values), 1000 * pct(values, 0.95)
        print(f"{name:<16}{p50:>9.2f}{p95:>9.2f}")
        result[name] = {"p50_ms": round(p50, 2), "p95_ms": round(p95, 2)}
    write_result("query_latency", result)


if __name__ == "__main__":
    main()
