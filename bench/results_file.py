"""What the benchmarks share: where they write (bench/results/NAME.json, plain JSON read by
bench/plots.py) and the dev questions they measure by default (in ../shared beside the repo)."""
from __future__ import annotations

import json
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
DEV_QUESTIONS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev_questions.jsonl"
EVAL = Path(__file__).resolve().parents[1] / "eval"


def question_file(name: str) -> Path:
    """A question set by name: `dev` is ../shared's dev set, any other NAME eval/NAME_questions.jsonl."""
    return DEV_QUESTIONS if name == "dev" else EVAL / f"{name}_questions.jsonl"


def write_result(name: str, data) -> Path:
    """Write `data` as bench/results/NAME.json and say so."""
    out = RESULTS / f"{name}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"written {out}")
    return out
