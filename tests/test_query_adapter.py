"""The query adapter (embeddings/query_adapter.py): the shipped matrix, how search uses it, and
(slow) that it still does on held-out CMRC questions what it was trained for."""
import json
import sys

import numpy as np
import pytest

from conftest import RECORD_A, RECORD_B, REPO, SHARED, BigramEncoder, write
from embeddings import DEFAULT_MODEL, FLOAT_MODEL
from embeddings.query_adapter import ADAPTER_FILE, adapt_query, load_query_adapter
from rag import Searcher, update_index

search_module = sys.modules["rag.search"]


def test_the_shipped_adapter_is_a_square_matrix_for_the_default_model():
    W = load_query_adapter(DEFAULT_MODEL)
    assert W is not None and W.shape == (384, 384) and W.dtype == np.float32
    assert np.isfinite(W).all() and np.abs(W).max() > 0
    assert load_query_adapter(FLOAT_MODEL) is W                 # the same model, in float
    assert load_query_adapter("some/other-model") is None
    report = json.loads(ADAPTER_FILE.with_suffix(".json").read_text(encoding="utf-8"))
    first = report["held_out_answer_sentence_first"]
    assert report["model"] == DEFAULT_MODEL and first["after"] >= first["before"] + 0.03


def test_adapt_query_moves_and_normalizes(tmp_path):
    q = np.array([3.0, 4.0, 0.0], dtype=np.float32) / 5
    assert np.allclose(adapt_query(q, np.zeros((3, 3), np.float32)), q)
    moved = adapt_query(q, np.array([[0, 0, 1], [0, 0, 1], [0, 0, 0]], np.float32))
    assert np.isclose(np.linalg.norm(moved), 1.0) and moved[2] > 0
    # a missing file: no adapter (the question's vector alone); a broken one: says what to do
    assert load_query_adapter(DEFAULT_MODEL, tmp_path / "none.npy") is None
    np.save(tmp_path / "bad.npy", np.zeros((3, 4), np.float32))
    with pytest.raises(ValueError, match="bad.npy.*384 x 384 matrix.*train_query_adapter"):
        load_query_adapter(DEFAULT_MODEL, tmp_path / "bad.npy")
    np.save(tmp_path / "square.npy", np.zeros((256, 256), np.float32))     # square, but not the model's size
    with pytest.raises(ValueError, match=r"found shape \(256, 256\)"):
        load_query_adapter(DEFAULT_MODEL, tmp_path / "square.npy")


class AdaptedBigramEncoder(BigramEncoder):
    """The test encoder with an adapter that turns one question's vector into one target text's."""

    def __init__(self, question: str, target: str):
        super().__init__()
        q, t = self._vec(question), self._vec(target)
        # q + q·W = (q·q) t = t
        self.query_adapter = (-np.eye(self.dim) + np.outer(q, t)).astype(np.float32)


def test_search_scores_with_the_adapted_question_in_hybrid_mode_only(tmp_path, monkeypatch):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    write(seeds / "b.txt", RECORD_B)
    plain = BigramEncoder()
    update_index(seeds, index, encoder=plain, model=plain.name, progress=None)
    question, target = "垃圾分类要怎么做", "要加强农村基层党组织建设，把党组织建成坚强战斗堡垒。"
    assert Searcher(index, encoder=plain).search(question, k=1)[0].text.startswith("垃圾分类")

    adapted = AdaptedBigramEncoder(question, target)
    monkeypatch.setattr(search_module, "ADAPTED_QUERY_WEIGHT", 1.0)
    [hit] = Searcher(index, encoder=adapted).search(question, k=1)
    assert hit.text == target and hit.text[slice(*hit.highlights[0])] == target
    # the dense mode is the plain sentence model, for comparison
    assert Searcher(index, encoder=adapted).search(question, k=1, mode="dense")[0].text.startswith("垃圾分类")
    monkeypatch.setattr(search_module, "ADAPTED_QUERY_WEIGHT", 0.0)
    assert Searcher(index, encoder=adapted).search(question, k=1)[0].text.startswith("垃圾分类")


@pytest.mark.slow
def test_the_adapter_still_picks_answer_sentences_better_on_held_out_cmrc_questions(real_encoder):
    """What it was trained for, measured again with this checkout's encoder on the questions it
    was not trained on (CMRC dev, odd-numbered passages): the answer's sentence first among its
    passage's sentences more often than with the question's vector alone."""
    cmrc = SHARED / "data" / "cmrc2018" / "dev"
    if not cmrc.is_dir():
        pytest.skip(f"no CMRC data at {cmrc}")
    sys.path.insert(0, str(REPO / "scripts"))
    import train_query_adapter as training
    from rag.indexer import sentence_texts
    split = training.load_split(cmrc, sentence_texts)
    held = [i for i, q in enumerate(split["questions"]) if q["passage"] % 2 == 1][::2]   # half: time
    sentences = sorted({int(s) for i in held for s in split["members"][split["questions"][i]["passage"]]})
    vectors = np.zeros((len(split["sentences"]), real_encoder.dim), np.float32)
    vectors[sentences] = real_encoder.encode_passages([split["sentences"][s] for s in sentences])
    questions = real_encoder.encode_queries([split["questions"][i]["text"] for i in held])
    all_vectors = np.zeros((len(split["questions"]), real_encoder.dim), np.float32)
    all_vectors[held] = questions
    items = training.examples(split, vectors, all_vectors, keep=lambda p: p % 2 == 1)
    items = [item for item in items if item[0].any()]
    before, _ = training.within_passage_accuracy(items, np.zeros((384, 384), np.float32))
    after, _ = training.within_passage_accuracy(items, real_encoder.query_adapter)
    assert len(items) > 600
    print(f"held-out answer sentence first: {before:.3f} -> {after:.3f} over {len(items)} questions")
    assert after >= before + 0.03, (before, after)


def test_a_built_wheel_ships_the_adapter(tmp_path):
    """`pip install .` (not only the editable install of ./test.sh) carries the matrix."""
    import subprocess
    import zipfile
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                            "-q", "-w", str(tmp_path), str(REPO)], capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    [wheel] = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "embeddings/query_adapter.npy" in names and "embeddings/query_adapter.json" in names
