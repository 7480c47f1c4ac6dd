"""Retrieval quality at a glance: every question set on each index, for the keyword leg alone, the
sentence model alone and the hybrid (the default), plus CMRC 2018 dev. This is the README's
"Measured" table.

    python bench/quality.py --index seed=SEED_INDEX [--index full=FULL_INDEX] [--cmrc-index CMRC_INDEX]
        [--questions FILE ...] [--modes lexical,dense,hybrid]

SEED_INDEX is `studyqa index` of seeds/; FULL_INDEX adds every record of
../shared/data/scale_sessions/ (`python bench/full_build.py --keep`); CMRC_INDEX is the index
`studyqa eval --cmrc ../shared/data/cmrc2018/dev --index CMRC_INDEX` builds. Prints one line per
set, index and mode (R@1 / R@5 / R@10 / MRR@10, and the seconds it took), then a Markdown table of
R@1 / R@5; writes bench/results/quality.json."""
from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from rag import Searcher  # noqa: E402
from rag.evaluate import evaluate, index_cmrc, load_questions  # noqa: E402
from results_file import question_file, write_result  # noqa: E402

QUESTION_SETS = [question_file(name) for name in (
    "dev", "blind", *(f"blind{n}" for n in range(2, 25)), "list_items", "list_items2", "list_last",
    "extra", "traditional", "crosslingual", "blind_crosslingual", "multilingual", "when", "about",
    "metadata", "metadata_foreign", "metadata_european", "metadata_japanese", "metadata2", "textmeta")]
CMRC_DEV = REPO.parent / "shared" / "data" / "cmrc2018" / "dev"


_SEARCHERS: dict[Path, Searcher] = {}      # one per index: its files and model load once


def measure(label: str, index: Path, name: str, questions: list[dict], mode: str,
            dates_from_question: bool = True) -> dict:
    if index not in _SEARCHERS:
        _SEARCHERS[index] = Searcher(index)
    searcher = _SEARCHERS[index]
    started = time.perf_counter()
    result = evaluate(questions, lambda q, k: searcher.search(
        q, k, mode=mode, dates_from_question=dates_from_question))
    row = {"label": label, "index": str(index), "questions": name, "mode": mode, "n": result.total,
           "r1": round(result.recall[1], 3), "r5": round(result.recall[5], 3),
           "r10": round(result.recall[10], 3), "mrr10": round(result.mrr10, 3),
           "seconds": round(time.perf_counter() - started, 1)}
    print(f"{name:34s} {mode:8s} n {row['n']:5d}  R@1 {row['r1']:.3f}  R@5 {row['r5']:.3f}  "
          f"R@10 {row['r10']:.3f}  MRR@10 {row['mrr10']:.3f}  ({row['seconds']} s)  {index}", flush=True)
    return row


def markdown(rows: list[dict], modes: list[str]) -> str:
    """Markdown tables of R@1 / R@5, one line per question set and one column per index and mode
    (the hybrid in bold); sets measured on other indexes (CMRC) get a table of their own."""
    cell = {(r["questions"], r["label"], r["mode"]): r for r in rows}
    groups: dict[tuple, list[str]] = {}
    for name in dict.fromkeys(r["questions"] for r in rows):
        labels = tuple(dict.fromkeys(r["label"] for r in rows if r["questions"] == name))
        groups.setdefault(labels, []).append(name)
    tables = []
    for labels, names in groups.items():
        head = [f"{label}: {mode}" for label in labels for mode in modes]
        lines = ["| questions (n) | " + " | ".join(head) + " |", "|---" * (len(head) + 1) + "|"]
        for name in names:
            n = next(r["n"] for r in rows if r["questions"] == name)
            values = []
            for label in labels:
                for mode in modes:
                    r = cell.get((name, label, mode))
                    text = f"{r['r1']:.3f} / {r['r5']:.3f}" if r else "—"
                    values.append(f"**{text}**" if r and mode == "hybrid" else text)
            lines.append(f"| {name} ({n}) | " + " | ".join(values) + " |")
        tables.append("\n".join(lines))
    return "\n\n".join(tables)


def named(spec: str) -> tuple[str, Path]:
    """`seed=/tmp/seedidx` -> ("seed", path); a bare path is named after its folder."""
    label, _, path = spec.rpartition("=")
    return (label or Path(path).name), Path(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", action="append", default=[],
                        help="an index folder, or NAME=FOLDER to name its columns (repeatable)")
    parser.add_argument("--questions", action="append", help="question files (default: every set)")
    parser.add_argument("--cmrc-index", help="the CMRC 2018 dev index (built on first use)")
    parser.add_argument("--cmrc", default=str(CMRC_DEV))
    parser.add_argument("--modes", default="lexical,dense,hybrid")
    args = parser.parse_args()
    if not args.index and not args.cmrc_index:
        parser.error("give at least one --index or --cmrc-index")
    logging.disable(logging.WARNING)
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    rows = []
    for path in (args.questions or QUESTION_SETS):
        questions = load_questions(Path(path))
        name = Path(path).name.removesuffix("_questions.jsonl")
        for label, index in map(named, args.index):
            for mode in modes:
                rows.append(measure(label, index, name, questions, mode))
    if args.cmrc_index:
        questions = index_cmrc(Path(args.cmrc), Path(args.cmrc_index))
        for mode in modes:
            rows.append(measure("cmrc", Path(args.cmrc_index), "cmrc2018 dev", questions, mode,
                                dates_from_question=False))
    print()
    print(markdown(rows, modes))
    write_result("quality", {"rows": rows})


if __name__ == "__main__":
    main()
