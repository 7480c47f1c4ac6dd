"""The reranker (rag/rerank.py): its features, its file, fitting, and the file that ships."""
from __future__ import annotations

import json

import numpy as np
import pytest

from rag.rerank import (FEATURES, FOREIGN_FEATURES, FOREIGN_RERANKER_FILE, RERANKER_FILE, Reranker, feature_matrix, fit,
                        load_reranker)


def test_feature_matrix_compares_token_matches_within_the_session_and_the_candidates():
    features = feature_matrix(best_sentence=[0.9, 0.8, 0.7], best_sentence_adapted=[0.3, 0.2, 0.1],
                              topic=[0.5, 0.5, 0.0], topic_adapted=[0.1, 0.1, 0.0],
                              token_match=[0.6, 0.9, 0.3], sessions=[4, 4, 7], lengths=[100, 10, 0])
    assert features.shape == (3, len(FEATURES))
    column = dict(zip(FEATURES, features.T))
    assert column["best_sentence"].tolist() == [0.9, 0.8, 0.7]
    assert column["token_match_vs_session"] == pytest.approx([0.6 - 0.9, 0.0, 0.0])   # session 4's best is 0.9
    assert column["token_match_vs_mean"] == pytest.approx([0.0, 0.3, -0.3])
    assert column["log_length"] == pytest.approx([np.log(100), np.log(10), 0.0])       # an empty text: log 1


def test_a_foreign_questions_features_add_the_passage_cosines():
    features = feature_matrix(best_sentence=[0.9, 0.8], best_sentence_adapted=[0.3, 0.2], topic=[0.5, 0.0],
                              topic_adapted=[0.1, 0.0], token_match=[0.6, 0.9], sessions=[1, 2], lengths=[10, 20],
                              passage=[0.85, 0.75], passage_adapted=[0.2, 0.4])
    assert features.shape == (2, len(FOREIGN_FEATURES)) and FOREIGN_FEATURES[:len(FEATURES)] == FEATURES
    column = dict(zip(FOREIGN_FEATURES, features.T))
    assert column["passage"].tolist() == [0.85, 0.75] and column["passage_adapted"].tolist() == [0.2, 0.4]
    assert column["token_match_vs_session"].tolist() == [0.0, 0.0]      # each alone in its session


def test_the_file_round_trips_and_is_for_one_model_only(tmp_path):
    path = tmp_path / "reranker.json"
    reranker = Reranker("some-model", 10, np.arange(8.0), np.ones(8), np.linspace(-0.01, 0.01, 8), {"data": "x"})
    reranker.save(path)
    loaded = Reranker.load(path)
    assert loaded.depth == 10 and loaded.about == {"data": "x"}
    assert np.array_equal(loaded.weights, reranker.weights) and np.array_equal(loaded.mean, reranker.mean)
    assert load_reranker("some-model", path) is not None
    assert load_reranker("another-model", path) is None
    assert load_reranker("some-model", tmp_path / "none.json") is None


def test_a_file_is_read_for_the_features_it_was_fitted_with(tmp_path):
    path = tmp_path / "reranker_foreign.json"
    n = len(FOREIGN_FEATURES)
    Reranker("m", 10, np.zeros(n), np.ones(n), np.full(n, 0.001), {}, FOREIGN_FEATURES).save(path)
    assert json.loads(path.read_text(encoding="utf-8"))["features"] == list(FOREIGN_FEATURES)
    assert Reranker.load(path, FOREIGN_FEATURES).features == FOREIGN_FEATURES
    with pytest.raises(ValueError, match="other features"):
        Reranker.load(path)                     # the Chinese questions' features: not this file's


@pytest.mark.parametrize("change, says", [
    ({"features": ["best_sentence"]}, "other features"),
    ({"format": 99}, "another format"),
    ({"weights": [0.0] * 3}, "one number per feature"),
    ({"scale": [0.0] * 8}, "scales above 0"),
])
def test_a_damaged_file_says_what_to_run(tmp_path, change, says):
    path = tmp_path / "reranker.json"
    Reranker("m", 10, np.zeros(8), np.ones(8), np.zeros(8), {}).save(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(change)
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match=says) as error:
        Reranker.load(path)
    assert "scripts/train_reranker.py" in str(error.value)


def _questions(n: int, rng: np.random.Generator):
    """Questions whose right candidate has the same fused score as the others but a higher
    token match: only that feature can tell it apart."""
    questions = []
    for _ in range(n):
        fused = np.full(6, 1.0) + rng.normal(0, 0.001, 6)
        features = rng.normal(0, 1, (6, len(FEATURES)))
        right = np.zeros(6, dtype=bool)
        right[rng.integers(6)] = True
        features[right, FEATURES.index("token_match")] += 2.0
        questions.append((fused, features, right))
    return questions


def test_fitting_finds_the_feature_that_tells_the_right_candidate_apart():
    rng = np.random.default_rng(0)
    mean, scale, weights = fit(_questions(200, rng), strength=1.0)
    assert int(np.argmax(weights)) == FEATURES.index("token_match") and weights.max() > 0
    firsts = 0
    for fused, features, right in _questions(100, rng):        # new questions
        firsts += bool(right[np.argmax(fused + ((features - mean) / scale) @ weights)])
    assert firsts >= 70                                         # by fused score alone: about 1 in 6
    # held near zero, the weights leave the fused order as it is
    _, _, held = fit(_questions(200, rng), strength=1e7)
    assert np.abs(held).max() < 1e-4


def test_fitting_needs_a_right_candidate():
    with pytest.raises(ValueError, match="nothing to fit"):
        fit([(np.ones(3), np.zeros((3, len(FEATURES))), np.zeros(3, dtype=bool))], strength=1.0)


def test_the_shipped_reranker_is_a_small_nudge_for_the_default_model():
    from embeddings import INT8_MODEL
    from rag.reorder import SESSION_TOKEN_DEPTH
    reranker = load_reranker(INT8_MODEL)
    assert reranker is not None and reranker.depth >= SESSION_TOKEN_DEPTH
    assert RERANKER_FILE.is_file()
    # a change of at most a few hundredths per standard deviation: the fused score still leads
    assert 0 < np.abs(reranker.weights).max() < 0.02


def test_the_shipped_reranker_of_other_languages_is_a_small_nudge_for_the_default_model():
    from embeddings import INT8_MODEL
    from rag.reorder import TOKEN_MATCH_DEPTH
    reranker = load_reranker(INT8_MODEL, FOREIGN_RERANKER_FILE, FOREIGN_FEATURES)
    assert FOREIGN_RERANKER_FILE.is_file() and reranker is not None
    assert reranker.features == FOREIGN_FEATURES and reranker.depth == TOKEN_MATCH_DEPTH
    assert 0 < np.abs(reranker.weights).max() < 0.02
    # it was fitted on questions in other languages, held out one set and language at a time
    assert "multilingual:fr" in reranker.about["held_out_first_hits_top5"]["seed"]
