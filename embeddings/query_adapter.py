"""The query adapter: one learned matrix that moves a question's vector toward the sentence that
answers it (trained by scripts/train_query_adapter.py on CMRC 2018; README "How it works").

e5-small places a question near the text on its subject; among the paragraphs of one speech,
which all share the subject, it is less sure which one answers. The adapter was trained for that
choice alone: among the sentences of one passage, rank the one holding the answer first. Passage
vectors are untouched, so an index needs no rebuild; it applies only to the model it was trained
on."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from .encoder import FLOAT_MODEL, INT8_MODEL

ADAPTER_FILE = Path(__file__).with_name("query_adapter.npy")
# trained on the int8 model's vectors; the float model's agree with them to a cosine of 0.997
ADAPTED_MODELS = (INT8_MODEL, FLOAT_MODEL)
ADAPTED_DIM = 384           # their vectors' dimension

_cache: dict[Path, np.ndarray] = {}


def load_query_adapter(model_name: str, path: Path = ADAPTER_FILE) -> np.ndarray | None:
    """The adapter matrix (dim x dim, float32) for `model_name`; None for other models, or where
    the file is missing (before scripts/train_query_adapter.py has made it: the question's
    vector is then used alone)."""
    if model_name not in ADAPTED_MODELS or not path.is_file():
        return None
    if path not in _cache:
        matrix = np.load(path).astype(np.float32)
        if matrix.shape != (ADAPTED_DIM, ADAPTED_DIM):
            raise ValueError(f"{path}: the query adapter of {model_name} is a {ADAPTED_DIM} x {ADAPTED_DIM} "
                             f"matrix, found shape {matrix.shape}; run scripts/train_query_adapter.py to make "
                             f"it again")
        _cache[path] = matrix
    return _cache[path]


def adapt_query(query: np.ndarray, adapter: np.ndarray) -> np.ndarray:
    """q -> normalize(q + q·W), as trained."""
    moved = query + query @ adapter
    return (moved / np.linalg.norm(moved)).astype(np.float32)
