"""The last step of a Chinese question's ranking: its best RERANK_DEPTH passages nudged by a small
linear model over what the search has measured for them (how well the best sentence, the
session's topic and the question's tokens match, and the passage's length).

The fused score's weights were chosen one at a time; fitted together on the question sets
(`scripts/train_reranker.py`, a softmax over each question's candidates, the fused score kept as
it is and the weights held near zero), these signals set the look-alike records of other dates
apart a little better: leave-one-set-out, the sets held out gain first hits among the scale
records and lose none on the seed records (docs/measurements.md, "A reranker fitted on the
question sets"). The model is plain numbers in `data/reranker.json`, for the model it was fitted
with only.

Questions in other languages have a reranker of their own (`data/reranker_foreign.json`, fitted
on the English and other-language sets): their token match is over the whole passage, and the
passage's own cosines count too (FOREIGN_FEATURES)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

RERANKER_FILE = Path(__file__).with_name("data") / "reranker.json"
FOREIGN_RERANKER_FILE = Path(__file__).with_name("data") / "reranker_foreign.json"
FORMAT = 1

# what each passage is described by, in this order (feature_matrix)
FEATURES = (
    "best_sentence",            # cosine of the question and the passage's best sentence
    "best_sentence_adapted",    # the same with the query adapter's question
    "topic",                    # cosine of the question and the session topic (0: none)
    "topic_adapted",
    "token_match",              # the question's tokens against the best sentence ± 1 (search.py)
    "token_match_vs_session",   # that minus the best of the passage's session among the candidates
    "token_match_vs_mean",      # that minus the candidates' mean
    "log_length",               # log of the passage's characters
)
# A question in another language: the token match is over the whole passage (search.py), and the
# passage's cosines are added (held out per language, they gain first hits there, not in Chinese).
FOREIGN_FEATURES = FEATURES + (
    "passage",                  # cosine of the question and the whole passage
    "passage_adapted",
)


@dataclass
class Reranker:
    model: str                   # the sentence model the features were measured with
    depth: int                   # how many of the best passages it orders again
    mean: np.ndarray             # per feature, to standardize
    scale: np.ndarray
    weights: np.ndarray          # per standardized feature, in fused-score units
    about: dict                  # how it was fitted (data, settings, held-out numbers)
    features: tuple = FEATURES   # what each weight is for (FEATURES or FOREIGN_FEATURES)

    def adjust(self, features: np.ndarray) -> np.ndarray:
        """What to add to each candidate's fused score (`features`: feature_matrix's)."""
        return ((features - self.mean) / self.scale) @ self.weights

    def to_dict(self) -> dict:
        return {"format": FORMAT, "model": self.model, "depth": self.depth, "features": list(self.features),
                "mean": self.mean.tolist(), "scale": self.scale.tolist(),
                "weights": self.weights.tolist(), "about": self.about}

    def save(self, path: Path = RERANKER_FILE) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=1) + "\n",
                              encoding="utf-8")

    @classmethod
    def load(cls, path: Path = RERANKER_FILE, features: tuple = FEATURES) -> "Reranker":
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or tuple(data.get("features", ())) != features:
            raise ValueError(f"{path}: a reranker of another format or other features than this StudyQA's "
                             f"({', '.join(features)}); run scripts/train_reranker.py to fit it again")
        arrays = [np.asarray(data[name], dtype=np.float64) for name in ("mean", "scale", "weights")]
        if any(a.shape != (len(features),) for a in arrays) or not np.all(arrays[1] > 0):
            raise ValueError(f"{path}: mean, scale and weights must hold one number per feature "
                             f"({len(features)}), scales above 0; run scripts/train_reranker.py again")
        return cls(data["model"], int(data["depth"]), *arrays, data.get("about", {}), features)


_cache: dict[tuple[Path, tuple], Reranker] = {}


def load_reranker(model_name: str, path: Path = RERANKER_FILE, features: tuple = FEATURES) -> Reranker | None:
    """The reranker fitted for `model_name`, or None (another model, or no file: the fused order
    stands). `features`: FOREIGN_FEATURES for FOREIGN_RERANKER_FILE."""
    if (path, features) not in _cache:     # asked on every question: read the file once
        if not Path(path).is_file():
            return None
        _cache[path, features] = Reranker.load(path, features)
    reranker = _cache[path, features]
    return reranker if reranker.model == model_name else None


def feature_matrix(best_sentence: np.ndarray, best_sentence_adapted: np.ndarray, topic: np.ndarray,
                   topic_adapted: np.ndarray, token_match: np.ndarray, sessions: np.ndarray,
                   lengths: np.ndarray, passage: np.ndarray | None = None,
                   passage_adapted: np.ndarray | None = None) -> np.ndarray:
    """One row per candidate (in FEATURES' order; in FOREIGN_FEATURES' with the passage cosines);
    `sessions` tells which candidates share a session, `lengths` are in characters."""
    token_match = np.asarray(token_match, dtype=np.float64)
    sessions = np.asarray(sessions)
    session_best = {s: token_match[sessions == s].max() for s in set(sessions.tolist())}
    columns = [
        np.asarray(best_sentence, dtype=np.float64), np.asarray(best_sentence_adapted, dtype=np.float64),
        np.asarray(topic, dtype=np.float64), np.asarray(topic_adapted, dtype=np.float64),
        token_match, token_match - np.array([session_best[s] for s in sessions.tolist()]),
        token_match - token_match.mean(), np.log(np.maximum(np.asarray(lengths, dtype=np.float64), 1.0)),
    ]
    if passage is not None:
        columns += [np.asarray(passage, dtype=np.float64), np.asarray(passage_adapted, dtype=np.float64)]
    return np.stack(columns, axis=1)


def fit(questions: list[tuple[np.ndarray, np.ndarray, np.ndarray]], strength: float,
        mean: np.ndarray | None = None, scale: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Weights for `questions`, each (fused scores, feature_matrix, which candidates are right),
    by the softmax of `a × fused + standardized features · w` over each question's candidates
    (the right ones' share maximised), with `strength` × |w|² / 1000 holding w near zero.
    Returns (mean, scale, weights in fused-score units: w / a)."""
    from scipy.optimize import minimize   # only for fitting

    questions = [q for q in questions if np.any(q[2])]
    if not questions:
        raise ValueError("no question has a right passage among its candidates: nothing to fit")
    stacked = np.concatenate([q[1] for q in questions])
    mean = stacked.mean(axis=0) if mean is None else mean
    scale = stacked.std(axis=0) + 1e-9 if scale is None else scale
    standardized = [(fused, (features - mean) / scale, right) for fused, features, right in questions]

    def loss(theta):
        a, w = theta[0], theta[1:]
        total, grad = 0.0, np.zeros_like(theta)
        for fused, z, right in standardized:
            s = a * fused + z @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            p_right = p[right].sum()
            total -= np.log(p_right + 1e-12)
            d = p - np.where(right, p / (p_right + 1e-12), 0.0)
            grad[0] += d @ fused
            grad[1:] += z.T @ d
        n = len(standardized)
        total, grad = total / n + strength * (w @ w) / 1000, grad / n
        grad[1:] += 2 * strength * w / 1000
        return total, grad

    count = stacked.shape[1]
    start = np.zeros(1 + count)
    start[0] = 50.0
    # the fused score counts positively: it is the order being adjusted
    bounds = [(1.0, None)] + [(None, None)] * count
    theta = minimize(loss, start, jac=True, method="L-BFGS-B", bounds=bounds).x
    return mean, scale, theta[1:] / theta[0]
