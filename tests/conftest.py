"""Shared fixtures. Fast tests use a tiny deterministic encoder; tests marked slow use the real model."""
from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STUDYQA_SHARED", REPO.parent / "shared"))
SEED_FILE = REPO / "seeds" / "000_5fe3251cdd8066f2.txt"
DEV_QUESTIONS = SHARED / "eval" / "dev_questions.jsonl"


class BigramEncoder:
    """Hashed bag of character bigrams, L2-normalized: similar text -> similar vector, no model.

    Stands in for the sentence model in tests of parsing, indexing and search plumbing; counts
    every text it embeds so tests can check that unchanged text is never re-embedded."""

    name = "test-bigram"
    dim = 256
    max_passage_chars = 480

    def __init__(self):
        self.embedded: list[str] = []

    def _vec(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, dtype=np.float32)
        for a, b in zip(text, text[1:]):
            v[int(hashlib.md5((a + b).encode()).hexdigest(), 16) % self.dim] += 1.0
        n = np.linalg.norm(v)
        return v / n if n else v

    def encode_queries(self, texts):
        return np.stack([self._vec(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    def encode_passages(self, texts, batch_size=None, progress=None):
        self.embedded.extend(texts)
        if progress:
            progress(len(texts), len(texts))
        return np.stack([self._vec(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)


@pytest.fixture
def bigram():
    return BigramEncoder()


@pytest.fixture(scope="session")
def real_encoder():
    """The default model (int8 through ONNX Runtime)."""
    from embeddings import load_encoder
    return load_encoder()


@pytest.fixture(scope="session")
def float_encoder():
    """The float model through sentence-transformers."""
    from embeddings import FLOAT_MODEL, load_encoder
    return load_encoder(FLOAT_MODEL)


def shipped_seeds(folder: Path) -> Path:
    """A seeds folder under `folder` holding the shipped records only (SEED_FILE): the tests that
    measure them keep passing when a user adds records of their own to seeds/."""
    seeds = folder / "seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    shutil.copy(SEED_FILE, seeds / SEED_FILE.name)
    return seeds


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory, real_encoder):
    """The shipped records indexed with the default model, once per test run."""
    from rag import update_index
    folder = tmp_path_factory.mktemp("seed")
    index_dir = folder / "index"
    update_index(shipped_seeds(folder), index_dir, encoder=real_encoder, progress=None)
    return index_dir


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


RECORD_A = ("集中学习记录\n\t时间：2021年5月6日\n\t地点:三楼会议室\n\t方式：集中学习\n\t学习主题：生态文明\n\t学习内容：\n"
            "\u3000\u3000垃圾分类工作就是新时尚，垃圾分类要从娃娃抓起，推动习惯养成。\n"
            "\u3000\u3000绿水青山就是金山银山，要坚持生态优先、绿色发展的道路。\n")
RECORD_B = ("集中学习记录\n时间：2021年6月7日\n地点：村委会\n学习主题：乡村振兴\n学习内容：\n"
            "乡村振兴要发展特色产业，让农民腰包鼓起来，日子好起来。\n"
            "要加强农村基层党组织建设，把党组织建成坚强战斗堡垒。\n")


def searcher_of_records_a_and_b(tmp_path, encoder):
    """A Searcher over RECORD_A and RECORD_B (a.txt, b.txt), indexed with `encoder`."""
    return searcher_of(tmp_path, encoder, {"a.txt": RECORD_A, "b.txt": RECORD_B})


def searcher_of(tmp_path, encoder, records: dict[str, str]):
    """A Searcher over `records` (file name -> text) written to tmp_path/seeds, indexed with `encoder`."""
    from rag import Searcher, update_index
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    for name, text in records.items():
        write(seeds / name, text)
    update_index(seeds, index, encoder=encoder, model=encoder.name, progress=None)
    return Searcher(index, encoder=encoder)
