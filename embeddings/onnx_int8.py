"""An int8 path for the default model: ONNX Runtime with dynamically quantized linear layers.

Built once from the float sentence-transformers folder (export to ONNX, per-channel int8
quantization of the MatMul weights) into the cache, then loaded from there. On 2 CPU cores it
embeds about 2.5x faster than the float model through PyTorch, with vectors at cosine ≈ 0.997 to
the float ones (see docs/measurements.md, "Speed"). A text's vector does not depend on what it is
embedded with (`OnnxInt8Model.encode`): a question runs alone, and bulk embedding runs batches of
texts of one token length through a copy of the graph that quantizes each text on its own
(`per_text_quant.py`, `BATCHED_GRAPH`)."""
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

from .e5_offline import ensure_model_folder, is_current_build, remove_stale_builds

# 2: weights quantized to 7 bits (reduce_range). ONNX Runtime multiplies uint8 activations by
# int8 weights with VPMADDUBSW on CPUs without AVX512-VNNI (AVX2 only): it adds two products into
# 16 bits and saturates, so the same text got another vector there (cosine to float 0.9967
# instead of 0.9972, and three first hits fewer over the seven Chinese sets on the seed records).
# With 7-bit weights no pair of products can overflow (255 x 64 x 2 < 32,767): the integer products
# are exact on every CPU, at the same speed (docs/measurements.md, "Vectors that do not depend on
# the CPU"). A model folder or an index from an earlier build is rebuilt (`model_build`).
BUILD_VERSION = 2
PLAIN_GRAPH = "model.onnx"
# PLAIN_GRAPH with activations quantized per text (per_text_quant.py), derived from it in seconds
BATCHED_GRAPH = "model-per-text.onnx"


def ensure_int8_folder(float_folder: Path | None = None) -> Path:
    float_folder = float_folder or ensure_model_folder()
    target = float_folder.with_name(float_folder.name + "-onnx-int8")
    if is_current_build(target, BUILD_VERSION):
        return target
    print(f"building the int8 model into {target} (first run only, about a minute)", file=sys.stderr)
    return _build(float_folder, target)


def _ensure_batched_graph(folder: Path) -> None:
    """Write BATCHED_GRAPH beside model.onnx if it is not there yet (whole or not at all). Made
    when a build first needs it (`OnnxInt8Model._worker_sessions`), not when the model loads:
    a process that only answers questions never uses it."""
    if (folder / BATCHED_GRAPH).is_file():
        return
    remove_stale_builds(folder, f".{BATCHED_GRAPH}.*.tmp")
    import onnx

    from .per_text_quant import per_text_quantization
    tmp = folder / f".{BATCHED_GRAPH}.{os.getpid()}.tmp"
    try:
        onnx.save(per_text_quantization(onnx.load(str(folder / "model.onnx"))), str(tmp))
        os.replace(tmp, folder / BATCHED_GRAPH)
    finally:
        tmp.unlink(missing_ok=True)


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
    remove_stale_builds(float_folder.parent, ".onnx-build-*")
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
                             weight_type=QuantType.QInt8, per_channel=True, reduce_range=True)
        finally:
            root.setLevel(level)
        (tmp / "float.onnx").unlink()
        shutil.copyfile(float_folder / "tokenizer.json", tmp / "tokenizer.json")
        (tmp / "STUDYQA_BUILD.json").write_text(json.dumps({
            "build_version": BUILD_VERSION, "from": str(float_folder),
            "quantization": "onnxruntime dynamic int8 (uint8 activations per text, "
                             "7-bit weights per channel), MatMul weights"}, indent=2))
        if target.exists():
            shutil.rmtree(target)
        os.replace(tmp, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def usable_cpus() -> int:
    """The cores this process may run on (a container's or `taskset`'s limit), not the machine's:
    each bulk-embedding worker session holds about 120 MB per graph."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:      # not on Linux
        return os.cpu_count() or 1


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
        self.threads = threads or usable_cpus()
        self.session = self._session(self.threads)
        self._workers: dict[str, list] = {}      # graph -> its worker sessions, made on first use
        self._workers_lock = threading.Lock()
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(self.max_seq_length)
        self.tokenizer.no_padding()
        self.dim = 384

    def _session(self, threads: int, graph: str = PLAIN_GRAPH):
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # ONNX Runtime's threads otherwise spin for a while after each run, holding both cores
        # while the search's own matrix products (OpenBLAS) want them: 13 -> 6 ms vector search
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        return ort.InferenceSession(str(self.folder / graph), options,
                                    providers=["CPUExecutionProvider"])

    def _worker_sessions(self, graph: str) -> list:
        """One single-threaded session per core: of PLAIN_GRAPH (fastest for a text alone, its
        quantization fused into the matrix products) or of BATCHED_GRAPH (for batches)."""
        with self._workers_lock:
            if graph not in self._workers:
                if graph == BATCHED_GRAPH:
                    _ensure_batched_graph(self.folder)
                self._workers[graph] = [self._session(1, graph) for _ in range(self.threads)]
            return self._workers[graph]

    def release_batch_sessions(self) -> None:
        """Free the BATCHED_GRAPH worker sessions (about 240 MB on 2 cores): a server keeps its
        model between builds, and builds are rare; the next one makes them again (about 1 s)."""
        with self._workers_lock:
            self._workers.pop(BATCHED_GRAPH, None)

    def encode(self, texts: list[str], batch_size: int = 1,
               on_batch: Callable[[np.ndarray], None] | None = None) -> np.ndarray:
        """`on_batch(rows)` is called as each batch finishes (one at a time), for progress.

        A text's vector never depends on the texts beside it, so a passage gets the same vector
        in a full, an incremental or a resumed build, and is in the regime of the questions,
        which run alone. model.onnx quantizes its activations with one scale per run: in a
        batch, a text's vector would move with its batch. So up to `batch_size` texts of one
        token length (no padding) run together through BATCHED_GRAPH, which quantizes each text
        on its own: the same vector as alone, up to float rounding (1e-7). Batches made the full
        build 21% faster on 2 cores (docs/measurements.md, "Speed"); a text with no other of its
        length, or a call with few batches (on the session using every core), runs alone."""
        # token ids only, tokenized a slice at a time: the tokenizer's Encoding objects (offsets,
        # token strings...) for 270 k sentences at once would take gigabytes
        token_ids = []
        for start in range(0, len(texts), 4096):
            token_ids.extend(np.array(e.ids, dtype=np.int64)
                             for e in self.tokenizer.encode_batch(list(texts[start:start + 4096])))
        lengths = np.array([len(ids) for ids in token_ids])
        # the longest first: the pool's last batches are then the quickest, so no core waits long
        # for another at the end of a call
        order = np.argsort(-lengths, kind="stable")
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        size, batches = max(batch_size, 1), []
        for start, end in _runs_of_equal(lengths[order]):
            batches.extend(order[i:min(i + size, end)] for i in range(start, end, size))

        def run(sessions, rows):
            batched = sessions.get(BATCHED_GRAPH)
            if len(rows) == 1 or batched is None:
                pooled = np.stack([_run_alone(sessions[PLAIN_GRAPH], token_ids[i]).mean(axis=0)
                                   for i in rows])
            else:
                ids = np.stack([token_ids[i] for i in rows])       # one length: no padding
                hidden = batched.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})[0]
                pooled = hidden.mean(axis=1)
            out[rows] = pooled / np.linalg.norm(pooled, axis=1, keepdims=True).clip(1e-12)
            if on_batch:
                with report_lock:
                    on_batch(rows)

        report_lock = threading.Lock()
        any_batch = any(len(rows) > 1 for rows in batches)    # else no batch sessions to make
        self._on_sessions(batches, run, (PLAIN_GRAPH, BATCHED_GRAPH) if any_batch else (PLAIN_GRAPH,))
        return out

    def token_vectors(self, texts: list[str], skip_first: int = 0) -> list[np.ndarray]:
        """Each text's contextual token vectors (the model's last layer, L2-normalized per token),
        without <s> and </s> and without the first `skip_first` tokens of the text (a prefix such
        as `query:`). Each text runs alone, as in `encode`, so its token vectors never depend on
        the texts beside it."""
        out: list = [None] * len(texts)

        def run(sessions, i):
            ids = np.array(self.tokenizer.encode(texts[i]).ids, dtype=np.int64)
            hidden = _run_alone(sessions[PLAIN_GRAPH], ids)[1 + skip_first:-1]
            out[i] = hidden / np.linalg.norm(hidden, axis=1, keepdims=True).clip(1e-12)

        self._on_sessions(list(range(len(texts))), run, (PLAIN_GRAPH,))
        return out

    def _on_sessions(self, jobs: list, run: Callable, graphs: tuple) -> None:
        """`run(sessions, job)` for every job, `sessions` mapping each of `graphs` to a session:
        the session of model.onnx using every core when there are few jobs (no other graph
        then), else a free worker's single-threaded sessions, the workers in parallel."""
        if len(jobs) < 2 * self.threads or self.threads < 2:
            for job in jobs:
                run({PLAIN_GRAPH: self.session}, job)
            return
        idle = queue.SimpleQueue()   # each job takes a free worker
        for sessions in zip(*(self._worker_sessions(graph) for graph in graphs)):
            idle.put(dict(zip(graphs, sessions)))

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


def _runs_of_equal(values: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) of each run of equal neighbours in `values`."""
    if not len(values):
        return []
    cuts = np.flatnonzero(np.diff(values)) + 1
    return list(zip([0, *cuts.tolist()], [*cuts.tolist(), len(values)]))


def _run_alone(session, ids: np.ndarray) -> np.ndarray:
    """The last layer for one text's token ids, (tokens, dim): no padding, no mask to build."""
    mask = np.ones((1, len(ids)), dtype=np.int64)
    return session.run(None, {"input_ids": ids[None], "attention_mask": mask})[0][0]
