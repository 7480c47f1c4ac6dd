"""Retrieval quality among look-alike records: seeds/ plus every record of
../shared/data/scale_sessions/ indexed together, then the dev questions (a hit must come from the
right session date). Prints R@1/5/10 and MRR@10 for lexical only, dense only and hybrid, and query
latency; writes bench/results/scale_eval.json.

    python bench/scale_eval.py [--work DIR] [--model multilingual-e5-small-int8]

The index is built incrementally in --work (default /tmp/studyqa-scale), so a second run reuses it."""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from rag import Searcher, update_index  # noqa: E402
from rag.evaluate import evaluate, load_questions  # noqa: E402
from results_file import DEV_QUESTIONS, write_result  # noqa: E402

SHARED = REPO.parent / "shared"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", default="/tmp/studyqa-scale")
    parser.add_argument("--model", default="multilingual-e5-small-int8")
    parser.add_argument("--questions", default=str(DEV_QUESTIONS))
    parser.add_argument("--scale", default=str(SHARED / "data" / "scale_sessions"))
    args = parser.parse_args()

    work = Path(args.work)
    seeds = work / "seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    for src in [*sorted((REPO / "seeds").glob("*.txt")), *sorted(Path(args.scale).glob("*.txt"))]:
        link = seeds / src.name
        if not link.exists():
            link.symlink_to(src)
    started = time.perf_counter()
    report = update_index(seeds, work / "index", model=args.model)
    build_s = time.perf_counter() - started
    print(report.summary())

    searcher = Searcher(work / "index")
    questions = load_questions(Path(args.questions))
    results = {"model": searcher.index.model, "passages": len(searcher.index),
               "sessions": report.sessions_total, "build_seconds": round(build_s, 1), "modes": {}}
    for mode in ("lexical", "dense", "hybrid"):
        latencies = []

        def search(q, k, mode=mode, latencies=latencies):
            t = time.perf_counter()
            hits = searcher.search(q, k, mode=mode)
            latencies.append(time.perf_counter() - t)
            return hits

        result = evaluate(questions, search)
        results["modes"][mode] = {"r1": result.recall[1], "r5": result.recall[5], "r10": result.recall[10],
                                  "mrr10": result.mrr10, "per_kind": result.per_kind,
                                  "p50_ms": 1000 * statistics.median(latencies),
                                  "misses": result.misses}
    print(f"\n{len(questions)} questions, {results['passages']} passages, {results['sessions']} sessions")
    print(f"{'retriever':<10}{'R@1':>8}{'R@5':>8}{'R@10':>8}{'MRR@10':>8}{'p50 ms':>9}")
    for mode, m in results["modes"].items():
        print(f"{mode:<10}{m['r1']:>8.3f}{m['r5']:>8.3f}{m['r10']:>8.3f}{m['mrr10']:>8.3f}{m['p50_ms']:>9.1f}")
    write_result("scale_eval", results)


if __name__ == "__main__":
    main()
