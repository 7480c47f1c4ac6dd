"""Incremental rebuilds on the full index: adding one month's file, and changing one paragraph.

Works on a copy of an existing full index (seed + scale records, e.g. the one bench/scale_eval.py
builds) and a seeds folder of links to the same files, so the original is never touched:

  1. remove the month's file and update (the starting point: the full index without it);
  2. embed that file's sentences with the same model and nothing else (the least any pipeline
     must spend);
  3. put the file back and update: target <= 1.2 x step 2 + 3 s;
  4. change one paragraph of it and update: target <= 5 s.

Each update is `update_index` as `studyqa index` runs it, model loading included. Prints a table
and writes bench/results/incremental.json.

    python bench/incremental.py --index /tmp/studyqa-scale/index --seeds /tmp/studyqa-scale/seeds"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from embeddings import load_encoder  # noqa: E402
from rag import update_index  # noqa: E402
from rag.indexer import embedding_text, sentence_texts  # noqa: E402
from rag.passages import session_passages  # noqa: E402
from rag.records import load_sessions  # noqa: E402
from rag.store import read_manifest  # noqa: E402
from results_file import write_result  # noqa: E402


def timed_update(seeds: Path, index: Path):
    started = time.perf_counter()
    report = update_index(seeds, index, progress=None)
    return time.perf_counter() - started, report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", required=True, help="a full index (not modified)")
    parser.add_argument("--seeds", required=True, help="the folder it was built from")
    parser.add_argument("--month", default="2024-06_集中学习记录.txt",
                        help="the file to take out and add back")
    parser.add_argument("--work", default=None, help="scratch folder (default: a temporary one)")
    args = parser.parse_args()

    work = Path(args.work or tempfile.mkdtemp(prefix="studyqa-incremental-"))
    index, seeds = work / "index", work / "seeds"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(args.index, index)
    seeds.mkdir(parents=True)
    for src in Path(args.seeds).iterdir():
        if src.is_file():
            (seeds / src.name).symlink_to(src.resolve())
    month_src = Path(args.seeds) / args.month
    month = seeds / args.month
    model = read_manifest(index)["model"]
    results = {"model": model, "month_file": args.month,
               "month_chars": len(month_src.read_text(encoding="utf-8"))}

    # 1. the full index without the month
    month.unlink()
    seconds, report = timed_update(seeds, index)
    results["remove_month_s"] = round(seconds, 2)
    results["passages_without_month"] = report.passages_total
    print(f"1. removed {args.month}: {seconds:.1f} s, index holds {report.passages_total} passages")

    # 2. the same model embedding the month's sentences, and nothing else
    encoder = load_encoder(model)
    sentences = []
    for session in load_sessions(month_src, month_src.parent):
        for passage in session_passages(session, encoder.max_passage_chars):
            text = embedding_text(passage)
            sentences.extend(sentence_texts(text) or [text])
    started = time.perf_counter()
    encoder.encode_passages(sentences)
    embed_alone = time.perf_counter() - started
    results.update(embed_alone_s=round(embed_alone, 2), month_sentences=len(sentences))
    print(f"2. embedding its {len(sentences)} sentences, nothing else: {embed_alone:.1f} s")
    del encoder

    # 3. add it back
    shutil.copyfile(month_src, month)
    seconds, report = timed_update(seeds, index)
    target = 1.2 * embed_alone + 3
    results.update(add_month_s=round(seconds, 2), add_month_target_s=round(target, 2),
                   add_month_embedded=report.passages_embedded, passages_total=report.passages_total)
    print(f"3. added it back: {seconds:.1f} s ({report.passages_embedded} passages embedded, "
          f"target <= {target:.1f} s)")

    # 4. change one paragraph in the middle of the file
    text = month.read_text(encoding="utf-8")
    lines = text.split("\n")
    middle = max(range(len(lines) // 2, len(lines)), key=lambda i: len(lines[i]) > 40)
    lines[middle] += "这一段在基准测试中修改过。"
    month.write_text("\n".join(lines), encoding="utf-8")
    seconds, report = timed_update(seeds, index)
    results.update(change_paragraph_s=round(seconds, 2), change_paragraph_target_s=5.0,
                   change_paragraph_embedded=report.passages_embedded)
    print(f"4. changed one paragraph: {seconds:.1f} s ({report.passages_embedded} passage embedded, "
          f"target <= 5 s)")

    write_result("incremental", results)
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
