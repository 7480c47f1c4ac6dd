"""Vector search beyond one collection: exact (IndexFlatIP) against IVF (IndexIVFFlat) on
synthetic normalized vectors, reporting latency and recall@10 against exact search, so the size
at which StudyQA should switch index type and the nprobe to use come from measurements.

    python bench/vector_scale.py [--sizes 100000 300000 1000000] [--dim 384]

Synthetic vectors are clustered (like real embeddings) rather than uniform. Writes
bench/results/vector_scale.json."""
from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import faiss
import numpy as np


def clustered(n: int, dim: int, rng: np.random.Generator, centers: int = 2000) -> np.ndarray:
    base = rng.standard_normal((centers, dim)).astype(np.float32)
    x = base[rng.integers(0, centers, n)] + 0.35 * rng.standard_normal((n, dim)).astype(np.float32)
    faiss.normalize_L2(x)
    return x


def timed_search(index, queries, k):
    per_query = []
    found = []
    for q in queries:
        t = time.perf_counter()
        _, ids = index.search(q[None, :], k)
        per_query.append(time.perf_counter() - t)
        found.append(ids[0])
    return np.array(found), 1000 * statistics.median(per_query), 1000 * np.percentile(per_query, 95)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 300_000, 1_000_000])
    parser.add_argument("--dim", type=int, default=384)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    results = []
    print(f"{'n':>9} {'index':<22}{'p50 ms':>8}{'p95 ms':>8}{'R@10':>7}{'build s':>9}")
    for n in args.sizes:
        x = clustered(n, args.dim, rng)
        queries = clustered(args.queries, args.dim, rng)
        t = time.perf_counter()
        flat = faiss.IndexFlatIP(args.dim)
        flat.add(x)
        exact, p50, p95 = timed_search(flat, queries, 10)
        row = {"n": n, "index": "flat", "p50_ms": p50, "p95_ms": p95, "recall10": 1.0,
               "build_s": time.perf_counter() - t}
        results.append(row)
        print(f"{n:>9} {'IndexFlatIP':<22}{p50:>8.2f}{p95:>8.2f}{1.0:>7.3f}{row['build_s']:>9.1f}")
        nlist = int(4 * np.sqrt(n))   # FAISS guideline: 4*sqrt(n) to 16*sqrt(n) lists
        t = time.perf_counter()
        ivf = faiss.IndexIVFFlat(faiss.IndexFlatIP(args.dim), args.dim, nlist, faiss.METRIC_INNER_PRODUCT)
        ivf.train(x[rng.choice(n, min(n, 64 * nlist), replace=False)])
        ivf.add(x)
        build_s = time.perf_counter() - t
        for nprobe in (8, 16, 32, 64):
            ivf.nprobe = nprobe
            found, p50, p95 = timed_search(ivf, queries, 10)
            recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(found, exact)])
            results.append({"n": n, "index": f"ivf{nlist},nprobe={nprobe}", "p50_ms": p50,
                            "p95_ms": p95, "recall10": float(recall), "build_s": build_s})
            print(f"{n:>9} {f'IVF{nlist} nprobe={nprobe}':<22}{p50:>8.2f}{p95:>8.2f}{recall:>7.3f}{build_s:>9.1f}")
    out = Path(__file__).resolve().parent / "results" / "vector_scale.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    print(f"written {out}")


if __name__ == "__main__":
    main()
