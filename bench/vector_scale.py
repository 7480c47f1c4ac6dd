"""Dense candidate search as the collection grows: the exact scan StudyQA uses below
rag.store.ANN_THRESHOLD against the IVF index it builds above it (rag.store.build_ann: 4*sqrt(n)
cells, 8-bit codes, a tenth of the cells scanned), one query at a time, top 100 candidates.

Reports p50/p95 latency and recall@10 / recall@100 against the exact scan:
  - on clustered synthetic 384-d vectors at each --sizes (up to 1 M);
  - with --index DIR, on the real passage vectors of an index, queried with the dev questions
    and with 300 of its own sentences (this is what the threshold and nprobe were set from).
Writes bench/results/vector_scale.json (bench/plots.py draws it).

    python bench/vector_scale.py [--sizes 25000 100000 300000 1000000] [--index DIR]"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import faiss
import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from rag.store import ANN_THRESHOLD, PassageIndex, build_ann  # noqa: E402
from results_file import DEV_QUESTIONS, write_result  # noqa: E402

TOP = 100


def clustered(n: int, dim: int, rng: np.random.Generator, centers: int = 2000) -> np.ndarray:
    base = rng.standard_normal((centers, dim)).astype(np.float32)
    x = base[rng.integers(0, centers, n)] + 0.35 * rng.standard_normal((n, dim)).astype(np.float32)
    faiss.normalize_L2(x)
    return x


def exact_top(x: np.ndarray, q: np.ndarray) -> np.ndarray:
    """What the product does below the threshold: one matrix-vector product, then a partition."""
    scores = x @ q
    top = np.argpartition(-scores, TOP)[:TOP]
    return top[np.argsort(-scores[top])]


def measure(name: str, n: int, x: np.ndarray, queries: np.ndarray) -> list[dict]:
    rows = []
    exact, times = [], []
    for q in queries:
        t = time.perf_counter()
        exact.append(exact_top(x, q))
        times.append(time.perf_counter() - t)
    rows.append({"data": name, "n": n, "index": "exact scan", "p50_ms": 1000 * statistics.median(times),
                 "p95_ms": 1000 * float(np.percentile(times, 95)), "recall10": 1.0, "recall100": 1.0,
                 "build_s": 0.0})
    t = time.perf_counter()
    ann = build_ann(x, np.arange(n, dtype=np.int64))
    build_s = time.perf_counter() - t
    ivf = faiss.extract_index_ivf(ann)
    found, times = [], []
    for q in queries:
        t = time.perf_counter()
        _, ids = ann.search(q[None, :], TOP)
        times.append(time.perf_counter() - t)
        found.append(ids[0])
    r10 = np.mean([len(set(f[:10]) & set(e[:10])) / 10 for f, e in zip(found, exact)])
    r100 = np.mean([len(set(f) & set(e)) / TOP for f, e in zip(found, exact)])
    rows.append({"data": name, "n": n, "index": f"IVF{ivf.nlist},SQ8 nprobe={ivf.nprobe}",
                 "p50_ms": 1000 * statistics.median(times), "p95_ms": 1000 * float(np.percentile(times, 95)),
                 "recall10": float(r10), "recall100": float(r100), "build_s": build_s})
    for r in rows:
        print(f"{r['data']:<10}{r['n']:>9} {r['index']:<28}{r['p50_ms']:>8.2f}{r['p95_ms']:>8.2f}"
              f"{r['recall10']:>7.3f}{r['recall100']:>7.3f}{r['build_s']:>9.1f}", flush=True)
    return rows


def real_vectors(index_dir: Path):
    """An index's passage vectors, and queries: the dev questions plus 300 of its sentences."""
    from embeddings import load_encoder
    from rag.evaluate import load_questions
    index = PassageIndex.load(index_dir)
    x = index.stored_vectors()[1].copy()
    sentences = index.sentence_block
    rng = np.random.default_rng(0)
    sample = sentences[np.sort(rng.choice(len(sentences), 300, replace=False))].astype(np.float32)
    faiss.normalize_L2(sample)
    questions = [q["question"] for q in load_questions(DEV_QUESTIONS)]
    asked = load_encoder(index.model).encode_queries(questions).astype(np.float32)
    return x, np.vstack([asked, sample])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[25_000, 100_000, 300_000, 1_000_000])
    parser.add_argument("--dim", type=int, default=384)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--index", help="also measure on this index's real vectors")
    args = parser.parse_args()
    print(f"threshold in the product: IVF from {ANN_THRESHOLD} passages; top {TOP} candidates")
    print(f"{'data':<10}{'n':>9} {'index':<28}{'p50 ms':>8}{'p95 ms':>8}{'R@10':>7}{'R@100':>7}{'build s':>9}")
    results = []
    if args.index:
        x, queries = real_vectors(Path(args.index))
        results += measure("real", len(x), x, queries)
    rng = np.random.default_rng(0)
    for n in args.sizes:
        x = clustered(n, args.dim, rng)
        results += measure("synthetic", n, x, clustered(args.queries, args.dim, rng))
        del x
    write_result("vector_scale", {"threshold": ANN_THRESHOLD, "top": TOP, "rows": results})


if __name__ == "__main__":
    main()
