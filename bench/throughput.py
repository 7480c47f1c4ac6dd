"""Embedding throughput: the indexing pipeline against the raw model, on the same text, in the
same run.

Takes whole sessions from one scale file (about --chars characters), and measures:
  - raw float model: sentence-transformers `encode` on the sentences the pipeline embeds;
  - raw int8 model: the ONNX Runtime model's own `encode` on the same sentences, as the pipeline
    runs them (batches of up to 16 sentences of one token length, each quantized on its own, so
    that vectors never depend on their batch), and each sentence alone (as before: the same
    vectors, the plain graph);
  - pipeline: `update_index` on a folder holding those sessions, fresh index, model already
    loaded (parsing, sentence splitting, embedding, topics, lexical counts and writing included).
Prints characters/s and sentences/s with the ratios and writes bench/results/throughput.json.

    python bench/throughput.py [--chars 60000] [--file 2023-03_集中学习记录.txt]"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from embeddings import FLOAT_MODEL, INT8_MODEL, load_encoder  # noqa: E402
from rag import update_index  # noqa: E402
from rag.indexer import embedding_text, sentence_texts  # noqa: E402
from rag.passages import session_passages  # noqa: E402
from rag.records import load_sessions  # noqa: E402
from rag.zh import RECORD_TITLE  # noqa: E402
from results_file import write_result  # noqa: E402

SCALE = REPO.parent / "shared" / "data" / "scale_sessions"


def first_sessions(path: Path, chars: int) -> str:
    """The file's first records, cut at a record title once `chars` characters are reached."""
    text = path.read_text(encoding="utf-8")
    cut = text.find(RECORD_TITLE, chars)
    return text if cut < 0 else text[:cut]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--file", default="2023-03_集中学习记录.txt")
    parser.add_argument("--chars", type=int, default=60_000)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="studyqa-throughput-"))
    seeds = work / "seeds"
    seeds.mkdir()
    (seeds / args.file).write_text(first_sessions(SCALE / args.file, args.chars), encoding="utf-8")
    int8, float_ = load_encoder(INT8_MODEL), load_encoder(FLOAT_MODEL)
    sentences = []
    for session in load_sessions(seeds / args.file, seeds):
        for passage in session_passages(session, int8.max_passage_chars):
            text = embedding_text(passage)
            sentences.extend(sentence_texts(text) or [text])
    chars = sum(len(s) for s in sentences)
    prefixed = [int8.passage_prefix + s for s in sentences]
    for batch_size in (1, int8.batch_size):     # warm-up: both graphs' sessions created, caches filled
        int8._model.encode(prefixed[:64], batch_size=batch_size)

    rows = []

    def record(name, seconds):
        rows.append({"path": name, "seconds": round(seconds, 2), "chars_per_s": round(chars / seconds),
                     "sentences_per_s": round(len(sentences) / seconds, 1)})

    started = time.perf_counter()
    float_._model.encode(prefixed, batch_size=32, normalize_embeddings=True, show_progress_bar=False)
    record("raw float model (sentence-transformers encode)", time.perf_counter() - started)
    started = time.perf_counter()
    int8._model.encode(prefixed, batch_size=int8.batch_size)
    record(f"raw int8 model, per-text batches of {int8.batch_size} (as the pipeline)", time.perf_counter() - started)
    started = time.perf_counter()
    int8._model.encode(prefixed, batch_size=1)
    record("raw int8 model, each text alone (same vectors)", time.perf_counter() - started)
    started = time.perf_counter()
    report = update_index(seeds, work / "index", encoder=int8, progress=None)
    record("indexing pipeline, int8 (update_index, fresh index)", time.perf_counter() - started)

    raw_float, raw_int8, raw_int8_alone, pipeline = (r["chars_per_s"] for r in rows)
    print(f"{len(sentences)} sentences, {chars} characters, {report.passages_total} passages, "
          f"{report.sessions_total} sessions from {args.file}")
    print(f"{'path':<55}{'s':>7}{'chars/s':>9}{'sent/s':>8}")
    for r in rows:
        print(f"{r['path']:<55}{r['seconds']:>7.1f}{r['chars_per_s']:>9}{r['sentences_per_s']:>8}")
    print(f"pipeline / raw int8 model: {pipeline / raw_int8:.2f}   (target >= 0.9)")
    print(f"pipeline int8 / raw float model: {pipeline / raw_float:.2f}   (target >= 1.8)")
    print(f"raw int8 / raw float model: {raw_int8 / raw_float:.2f}")
    print(f"raw int8 in per-text batches / each text alone: {raw_int8 / raw_int8_alone:.2f}")
    result = {"file": args.file, "sentences": len(sentences), "chars": chars,
              "passages": report.passages_total, "rows": rows,
              "pipeline_vs_raw_int8": round(pipeline / raw_int8, 3),
              "pipeline_int8_vs_raw_float": round(pipeline / raw_float, 3),
              "raw_int8_vs_raw_float": round(raw_int8 / raw_float, 3),
              "raw_int8_batched_vs_alone": round(raw_int8 / raw_int8_alone, 3)}
    write_result("throughput", result)


if __name__ == "__main__":
    main()
