"""Text -> normalized vectors with a sentence-transformers model, offline.

The default model is multilingual-e5-small, built once from registry packages (see e5_offline).
Any other sentence-transformers model name or local folder can be given; nothing is downloaded."""
from __future__ import annotations

import os
import shutil
import sys
import threading
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

# Never reach the Hugging Face hub: weights come from registry packages or local folders.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
# ONNX Runtime (1.32 on) queues usage events for Microsoft's collector in ~/.cache/Microsoft unless
# this is set before it is imported: StudyQA sends nothing anywhere.
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

FLOAT_MODEL = "multilingual-e5-small"
INT8_MODEL = "multilingual-e5-small-int8"     # the same model through ONNX Runtime, int8 weights
# The int8 path scores within 0.01 of the float model on the dev questions and embeds ~2.5x
# faster (docs/measurements.md, "Speed"), so it is the default; the float model stays one option away.
DEFAULT_MODEL = INT8_MODEL
_ALIASES = {"intfloat/multilingual-e5-small": FLOAT_MODEL, "e5-small": FLOAT_MODEL,
            "e5-small-int8": INT8_MODEL}


class ModelLoadError(RuntimeError):
    """The requested embedding model could not be loaded; the message says what to do."""


def _prefixes(name: str) -> tuple[str, str]:
    # e5 models were trained with these prefixes and lose quality without them.
    return ("query: ", "passage: ") if "e5" in name.lower() else ("", "")


class Encoder:
    """Embeds questions and passages into L2-normalized float32 vectors."""

    def __init__(self, model: str = DEFAULT_MODEL, device: str = "cpu"):
        """`model`: multilingual-e5-small-int8 (default, ONNX Runtime), multilingual-e5-small
        (float, sentence-transformers), or any sentence-transformers name or folder."""
        self.name = self.canonical_name(model)
        self.query_prefix, self.passage_prefix = _prefixes(self.name)
        self._model = _load(self.name, device)
        if hasattr(self._model, "dim"):
            self.dim = self._model.dim
        else:
            get_dim = getattr(self._model, "get_embedding_dimension", None) or \
                self._model.get_sentence_embedding_dimension  # renamed in sentence-transformers 6
            self.dim = int(get_dim())
        self.max_tokens = int(self._model.max_seq_length or 512)
        # the int8 model batches only texts of one token length, each quantized on its own, so
        # that a text's vector never depends on the texts embedded with it (OnnxInt8Model.encode)
        self.batch_size = 16 if self.name == INT8_MODEL else 32
        self._prefix_token_counts: dict[str, int] = {}
        from .query_adapter import load_query_adapter   # here: it imports this module's names
        # None for models it was not trained on (embeddings/query_adapter.py)
        self.query_adapter = load_query_adapter(self.name)

    @staticmethod
    def canonical_name(model: str) -> str:
        """The name recorded in the index manifest: aliases of the default model collapse to one."""
        return _ALIASES.get(model, model)

    @property
    def max_passage_chars(self) -> int:
        """Characters that always fit in the model input (a token covers at least one character)."""
        return max(32, self.max_tokens - 32)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode([self.query_prefix + t for t in texts], self.batch_size)

    def encode_passages(self, texts: Sequence[str], batch_size: int | None = None,
                        progress: Callable[[int, int], None] | None = None) -> np.ndarray:
        """Embed passages in length-sorted chunks so padding stays small. Progress is reported as
        (characters done, characters in all): the time left follows characters, not texts.

        `batch_size` None is the encoder's own (`self.batch_size`)."""
        batch_size = batch_size or self.batch_size
        total = len(texts)
        total_chars = sum(len(t) for t in texts)
        if self.name == INT8_MODEL and total:
            # one call over everything: its sessions stay busy to the end (chunks would leave a
            # core idle at each chunk's tail); progress comes per finished batch
            done = [0]

            def on_batch(rows):
                done[0] += sum(len(texts[i]) for i in rows)
                if progress:
                    progress(done[0], total_chars)
            vectors = self._model.encode([self.passage_prefix + t for t in texts], batch_size,
                                         on_batch=on_batch)
            return np.ascontiguousarray(vectors, dtype=np.float32)
        out = np.zeros((total, self.dim), dtype=np.float32)
        order = sorted(range(total), key=lambda i: len(texts[i]))
        done_chars = 0
        chunk = batch_size * 16   # big enough to keep every core busy between progress reports
        for start in range(0, total, chunk):
            ids = order[start:start + chunk]
            out[ids] = self._encode([self.passage_prefix + texts[i] for i in ids], batch_size)
            done_chars += sum(len(texts[i]) for i in ids)
            if progress:
                progress(done_chars, total_chars)
        return out

    def release_batch_sessions(self) -> None:
        """After a build: free what only bulk embedding uses (the int8 model's batch sessions)."""
        release = getattr(self._model, "release_batch_sessions", None)
        if release:
            release()

    def token_vectors(self, texts: Sequence[str], query: bool = False) -> list[np.ndarray]:
        """Each text's contextual token vectors, L2-normalized, one row per token of the text
        itself (no special tokens, no `query:`/`passage:` prefix): for matching a question's
        words with a passage's one by one (rag/search.py, `TOKEN_MATCH_WEIGHT`)."""
        prefix = self.query_prefix if query else self.passage_prefix
        skip = self._prefix_tokens(prefix)
        if self.name == INT8_MODEL:
            return self._model.token_vectors([prefix + t for t in texts], skip_first=skip)
        out = []
        for tokens in self._model.encode([prefix + t for t in texts], output_value="token_embeddings",
                                         batch_size=1, show_progress_bar=False):
            tokens = np.asarray(tokens.float().cpu(), dtype=np.float32)[1 + skip:-1]
            out.append(tokens / np.linalg.norm(tokens, axis=1, keepdims=True).clip(1e-12))
        return out

    def _prefix_tokens(self, prefix: str) -> int:
        """How many tokens `prefix` takes at the start of a text (`query:` is three)."""
        if not prefix.strip():
            return 0
        if prefix not in self._prefix_token_counts:
            tokenizer = self._model.tokenizer
            ids = (tokenizer.encode(prefix.strip()).ids if self.name == INT8_MODEL
                   else tokenizer(prefix.strip())["input_ids"])
            self._prefix_token_counts[prefix] = len(ids) - 2      # less <s> and </s>
        return self._prefix_token_counts[prefix]

    def _encode(self, texts: list[str], batch_size: int) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self.name == INT8_MODEL:
            vectors = self._model.encode(texts, batch_size=batch_size)
        else:
            vectors = self._model.encode(texts, batch_size=batch_size, convert_to_numpy=True,
                                         normalize_embeddings=True, show_progress_bar=False)
        return np.ascontiguousarray(vectors, dtype=np.float32)


_shared: dict[str, Encoder] = {}
_shared_lock = threading.Lock()


def model_build(model: str) -> int | None:
    """Which build of `model` StudyQA makes now, for the models it builds itself whose vectors
    changed between releases (the int8 one); None for the others. An index records it: one from
    another build is embedded again (`studyqa index`), as its vectors and a question's would differ."""
    if Encoder.canonical_name(model) == INT8_MODEL:
        from .onnx_int8 import BUILD_VERSION
        return BUILD_VERSION
    return None


def load_encoder(model: str = DEFAULT_MODEL) -> Encoder:
    """One Encoder per model name per process: loading takes seconds, so indexing and searching share it."""
    name = Encoder.canonical_name(model)
    with _shared_lock:
        if name not in _shared:
            _shared[name] = Encoder(name)
        return _shared[name]


def _load(name: str, device: str):
    if name in (FLOAT_MODEL, INT8_MODEL):
        try:
            return _load_built(name, device)
        except (ModelLoadError, MemoryError):
            raise           # out of memory says nothing about the files: they stay
        except Exception as exc:  # noqa: BLE001 - ONNX Runtime and tokenizers raise plain Exceptions
            # a cached file deleted or cut short: built again, once
            from .e5_offline import default_cache_dir
            cache = default_cache_dir()
            print(f"the model in {cache} could not be loaded ({type(exc).__name__}: {exc}); building it "
                  f"again", file=sys.stderr)
            for folder in cache.glob(f"{FLOAT_MODEL}*"):
                shutil.rmtree(folder, ignore_errors=True)
            try:
                return _load_built(name, device)
            except Exception as again:  # noqa: BLE001
                raise ModelLoadError(f"cannot load the model {name} built in {cache} ({again}); delete that "
                                     f"folder and run again") from again
    try:
        return _sentence_transformer(name, device)
    except Exception as exc:  # noqa: BLE001 - any failure here means "model not available offline"
        hint = ("the folder exists but is not a sentence-transformers model"
                if Path(name).exists() else
                "give a local sentence-transformers folder, or a model already in the Hugging Face "
                "cache (nothing is downloaded)")
        raise ModelLoadError(f"cannot load embedding model '{name}': {hint} ({exc})") from exc


def _load_built(name: str, device: str):
    """The default model (int8) or its float form, from the folders StudyQA builds in its cache."""
    from .e5_offline import ModelBuildError, ensure_model_folder
    try:
        path = ensure_model_folder()
    except ModelBuildError as exc:
        raise ModelLoadError(str(exc)) from exc
    if name == INT8_MODEL:
        from .onnx_int8 import OnnxInt8Model, ensure_int8_folder
        return OnnxInt8Model(ensure_int8_folder(path))   # no torch import: faster start-up
    return _sentence_transformer(str(path), device)


def _sentence_transformer(name_or_folder: str, device: str):
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # one model load is not worth a progress bar
    return SentenceTransformer(name_or_folder, device=device)
