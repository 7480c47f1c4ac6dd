"""An int8 path for the default model: ONNX Runtime with dynamically quantized linear layers.

Built once from the float sentence-transformers folder (export to ONNX, per-channel int8
quantization of the MatMul weights) into the cache, then loaded from there. On 2 CPU cores it
embeds about 2.5x faster than the float model through PyTorch, with vectors at cosine ≈ 0.997 to
the float ones (see README "Speed"). Each text runs alone, so no padding is computed and a
text's vector does not depend on what it is embedded with (`OnnxInt8Model.encode`)."""
from __future__ import annotations

import json
import logging
import os
import queue
import shutil
import sys
import tempfile
import threading
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable

import numpy as np

from .e5_offline import ensure_model_folder, is_current_build

BUILD_VERSION = 1


def ensure_int8_folder(float_folder: Path | None = None) -> Path:
    float_folder = float_folder or ensure_model_folder()
    target = float_folder.with_name(float_folder.name + "-onnx-int8")
    if is_current_build(target, BUILD_VERSION):
        return target
    print(f"building the int8 model into {target} (first run only, about a minute)", file=sys.stderr)
    return _build(float_folder, target)


def _build(float_folder: Path, target: Path) -> Path:
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel

    class LastHidden(torch.nn.Module):
        def __init__(self, model):
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask):
            return self.model(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    model = AutoModel.from_pretrained(str(float_folder)).eval()
    tmp = Path(tempfile.mkdtemp(prefix=".onnx-build-", dir=float_folder.parent))
    try:
        dummy = torch.ones((1, 8), dtype=torch.int64)
        # The tracer's warnings concern branches that do not depend on the input length here
        # (the attention mask always matches the input); the tests compare int8 with float.
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(LastHidden(model), (dummy, dummy), str(tmp / "float.onnx"),
                              input_names=["input_ids", "attention_mask"], output_names=["hidden"],
                              dynamic_axes={"input_ids": {0: "batch", 1: "seq"},
                                            "attention_mask": {0: "batch", 1: "seq"},
                                            "hidden": {0: "batch", 1: "seq"}},
                              opset_version=17, dynamo=False)
        root, level = logging.getLogger(), logging.getLogger().level
        root.setLevel(logging.ERROR)   # quantize_dynamic logs advice on pre-processing as a warning
        try:
            quantize_dynamic(str(tmp / "float.onnx"), str(tmp / "model.onnx"),
                             weight_type=QuantType.QInt8, per_channel=True)
        finally:
            root.setLevel(level)
        (tmp / "float.onnx").unlink()
        shutil.copyfile(float_folder / "tokenizer.json", tmp / "tokenizer.json")
        (tmp / "STUDYQA_BUILD.json").write_text(json.dumps({
            "build_version": BUILD_VERSION, "from": str(float_folder),
            "quantization": "onnxruntime dynamic int8, per channel, MatMul weights"}, indent=2))
        if target.exists():
            shutil.rmtree(target)
        os.replace(tmp, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


class OnnxInt8Model:
    """Mean-pooled, normalized embeddings from the int8 ONNX model (the same interface the
    Encoder uses: `encode(texts, batch_size) -> np.ndarray`).

    One question runs on one session using every core (latency). Bulk embedding runs one
    single-threaded session per core on different batches at once: the small matrices of short
    sentences keep a core busier that way (9,700 vs 8,200 characters/s on 2 cores)."""

    max_seq_length = 512

    def __init__(self, folder: Path, threads: int | None = None):
        from tokenizers import Tokenizer

        self.folder = folder
        self.threads = threads or os.cpu_count() or 1
        self.session = self._session(self.threads)
        self._workers: list | None = None        # created on the first bulk encode
        self._workers_lock = threading.Lock()
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(self.max_seq_length)
        self.tokenizer.no_padding()
        self.dim = 384

    def _session(self, threads: int):
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # ONNX Runtime's threads otherwise spin for a while after each run, holding both cores
        # while the search's own matrix products (OpenBLAS) want them: 13 -> 6 ms vector search
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        return ort.InferenceSession(str(self.folder / "model.onnx"), options,
                                    providers=["CPUExecutionProvider"])

    def _worker_sessions(self) -> list:
        with self._workers_lock:
            if self._workers is None:
                self._workers = [self._session(1) for _ in range(self.threads)]
            return self._workers

    def encode(self, texts: list[str], batch_size: int = 1,
               on_batch: Callable[[np.ndarray], None] | None = None) -> np.ndarray:
        """`on_batch(rows)` is called as each batch finishes (one at a time), for progress.

        Each text runs alone by default. The model quantizes its activations with one scale per
        run, so a text run in a batch gets a vector that depends on the texts beside it (and on
        their padding): a passage's vector would change with the build that embedded it, and
        would not be in the regime of the questions, which always run alone. Alone, the same text
        always gets the same vector. Batches (`batch_size` > 1) embedded the full scale
        collection, with its many short sentences, about 20% faster (README "Speed"); they are
        kept for benchmarks."""
        # token ids only, tokenized a slice at a time: the tokenizer's Encoding objects (offsets,
        # token strings...) for 270 k sentences at once would take gigabytes
        token_ids = []
        for start in range(0, len(texts), 4096):
            token_ids.extend(np.array(e.ids, dtype=np.int64)
                             for e in self.tokenizer.encode_batch(list(texts[start:start + 4096])))
        lengths = np.array([len(ids) for ids in token_ids])
        # batches of similar length (little padding), the longest first: the pool's last batches
        # are then the quickest, so no core waits long for another at the end of a call
        order = np.argsort(-lengths, kind="stable")
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        batches = [order[i:i + batch_size] for i in range(0, len(texts), batch_size)]

        def run(session, rows):
            if len(rows) == 1:      # the usual case: no padding, no mask to build
                pooled = _run_alone(session, token_ids[rows[0]]).mean(axis=0, keepdims=True)
            else:
                width = int(lengths[rows].max())
                ids = np.ones((len(rows), width), dtype=np.int64)      # 1 = <pad>
                mask = np.zeros((len(rows), width), dtype=np.int64)
                for r, i in enumerate(rows):
                    n = lengths[i]
                    ids[r, :n] = token_ids[i]
                    mask[r, :n] = 1
                hidden = session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
                pooled = (hidden * mask[:, :, None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
            out[rows] = pooled / np.linalg.norm(pooled, axis=1, keepdims=True).clip(1e-12)
            if on_batch:
                with report_lock:
                    on_batch(rows)

        report_lock = threading.Lock()
        self._on_sessions(batches, run)
        return out

    def token_vectors(self, texts: list[str], skip_first: int = 0) -> list[np.ndarray]:
        """Each text's contextual token vectors (the model's last layer, L2-normalized per token),
        without <s> and </s> and without the first `skip_first` tokens of the text (a prefix such
        as `query:`). Each text runs alone, as in `encode`, so its token vectors never depend on
        the texts beside it."""
        out: list = [None] * len(texts)

        def run(session, i):
            ids = np.array(self.tokenizer.encode(texts[i]).ids, dtype=np.int64)
            hidden = _run_alone(session, ids)[1 + skip_first:-1]
            out[i] = hidden / np.linalg.norm(hidden, axis=1, keepdims=True).clip(1e-12)

        self._on_sessions(list(range(len(texts))), run)
        return out

    def _on_sessions(self, jobs: list, run: Callable) -> None:
        """`run(session, job)` for every job: on the session using every core when there are few
        jobs, else each job on a free single-threaded session, the sessions in parallel."""
        if len(jobs) < 2 * self.threads or self.threads < 2:
            for job in jobs:
                run(self.session, job)
            return
        idle = queue.SimpleQueue()   # each job takes a free single-threaded session
        for session in self._worker_sessions():
            idle.put(session)

        def run_on_idle(job):
            session = idle.get()
            try:
                run(session, job)
            finally:
                idle.put(session)

        pool = ThreadPoolExecutor(self.threads)   # ONNX Runtime releases the GIL
        try:
            list(pool.map(run_on_idle, jobs))
        finally:
            # Ctrl-C, even while map() is still submitting (thousands of texts run alone):
            # drop what has not started, wait only for the runs under way
            pool.shutdown(wait=True, cancel_futures=True)


def _run_alone(session, ids: np.ndarray) -> np.ndarray:
    """The last layer for one text's token ids, (tokens, dim): no padding, no mask to build."""
    mask = np.ones((1, len(ids)), dtype=np.int64)
    return session.run(None, {"input_ids": ids[None], "attention_mask": mask})[0][0]
