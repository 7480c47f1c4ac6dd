"""Draws the benchmark results (bench/results/*.json) as PNGs in bench/results/:

  latency_vs_size.png    dense candidate search p50 against collection size: exact scan and the
                         IVF index StudyQA switches to (vector_scale.json), with the full query
                         p50 on the real full index (query_latency.json)
  build_throughput.png   embedding characters/s: raw float model, raw int8 model and the
                         indexing pipeline (throughput.json)

    pip install -e '.[bench]' && python bench/plots.py"""
from __future__ import annotations

import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"


def latency_vs_size() -> Path:
    data = json.loads((RESULTS / "vector_scale.json").read_text())
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for data_kind, marker in (("synthetic", "o"), ("real", "*")):
        for kind, color in (("exact", "tab:blue"), ("IVF", "tab:orange")):
            rows = sorted((r for r in data["rows"] if r["data"] == data_kind and r["index"].startswith(kind)),
                          key=lambda r: r["n"])
            if not rows:
                continue
            label = f"{'exact scan' if kind == 'exact' else 'IVF (SQ8, nprobe = lists/10)'}, {data_kind} vectors"
            ax.plot([r["n"] for r in rows], [r["p50_ms"] for r in rows], marker=marker, color=color,
                    linestyle="-" if data_kind == "synthetic" else "none", markersize=12 if marker == "*" else 6,
                    label=label)
            if kind == "IVF":
                for r in rows:
                    ax.annotate(f"R@10 {r['recall10']:.2f}", (r["n"], r["p50_ms"]), textcoords="offset points",
                                xytext=(4, -12), fontsize=7, color=color)
    latency = RESULTS / "query_latency.json"
    if latency.is_file():
        q = json.loads(latency.read_text())
        ax.plot([q["passages"]], [q["total"]["p50_ms"]], marker="D", color="tab:green", linestyle="none",
                label=f"whole query p50 on the full index ({q['passages']:,} passages)")
    ax.axvline(data["threshold"], color="gray", linestyle="--", linewidth=1)
    ax.text(data["threshold"] * 1.05, ax.get_ylim()[1] * 0.5, "IVF from here", color="gray", fontsize=8)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("passages (vectors) in the index")
    ax.set_ylabel("p50 latency per query, ms")
    ax.set_title(f"Dense candidate search (top {data['top']}), 2 CPU cores")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7, loc="lower right")
    return _save(fig, "latency_vs_size.png")


def build_throughput() -> Path:
    data = json.loads((RESULTS / "throughput.json").read_text())
    labels = {"raw float model": "raw float\n(sentence-\ntransformers)",
              "raw int8 model, per-text": "raw int8\n(per-text\nbatches)",
              "raw int8 model, each text alone": "raw int8\n(each text\nalone)",
              "raw int8 model": "raw int8\n(ONNX Runtime)",
              "indexing pipeline": "indexing\npipeline (int8,\nupdate_index)"}
    names, values = [], []
    for row in data["rows"]:
        names.append(next((v for k, v in labels.items() if row["path"].startswith(k)), row["path"]))
        values.append(row["chars_per_s"])
    fig, ax = plt.subplots(figsize=(6.5, 4))
    colors = {"raw float": "tab:gray", "indexing": "tab:orange"}
    bars = ax.bar(names, values, color=[next((c for k, c in colors.items() if n.startswith(k)), "tab:blue")
                                        for n in names])
    for bar, value in zip(bars, values):
        ax.text(bar.get_x() + bar.get_width() / 2, value, f"{value:,}", ha="center", va="bottom", fontsize=9)
    ax.set_ylabel("characters embedded per second")
    ax.set_title(f"Embedding throughput, 2 CPU cores ({data['chars']:,} characters, "
                 f"{data['sentences']:,} sentences)", fontsize=10)
    ax.set_ylim(0, max(values) * 1.15)
    ax.grid(True, axis="y", alpha=0.3)
    return _save(fig, "build_throughput.png")


def _save(fig, name: str) -> Path:
    out = RESULTS / name
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    plt.close(fig)
    return out


def main() -> None:
    for draw in (latency_vs_size, build_throughput):
        try:
            print(f"written {draw()}")
        except FileNotFoundError as exc:
            print(f"skipped {draw.__name__}: {exc.filename} is missing; run the benchmark that writes it")


if __name__ == "__main__":
    main()
