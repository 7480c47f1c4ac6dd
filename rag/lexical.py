"""The lexical leg: BM25 over Chinese characters and character bigrams.

Chinese has no spaces, so terms are single characters (recall) plus adjacent-character bigrams
(precision: 网格/格化/化管/管理 pin down 网格化管理). Tokenization is vectorized over code points.

The raw term counts (`TermCounts`) are stored with each index generation as plain .npy files, and
edited there by a build (rows of removed passages dropped, rows of new ones appended), so neither
a build nor a start-up tokenizes the whole collection again. BM25 weights depend on collection
statistics (idf, mean length), so they are computed from the counts at load time: one vectorized
pass, a fraction of a second for 95 k passages."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse

from .crosslingual import lexicon

_BIGRAM_SHIFT = np.int64(1 << 21)        # code points are < 2**21
_BIGRAM_FLAG = np.int64(1 << 43)         # keeps bigram ids apart from character ids
# Punctuation and spaces separate terms; letters, digits and CJK characters are terms.
_SEPARATORS = re.compile(r"[^\w]|_", re.UNICODE)
COUNT_FILES = ("terms", "indptr", "rows", "counts", "lengths")
# Bumped when term_ids changes (2: traditional characters folded to simplified). The manifest
# records it; stored counts of another format are counted again (rag/store.py).
LEXICAL_FORMAT = 2
# Share of coverage (BM25.match) that comes from bigrams, the rest from single characters. With
# the characters' and bigrams' idf pooled (before), a question's many characters made up most of
# it. eval/blind_questions.jsonl on the seed records: R@1 0.818 -> 0.864 at 0.8; the dev set
# keeps its R@1 and R@5 (docs/measurements.md).
BIGRAM_SHARE = 0.8


def term_ids(text: str) -> np.ndarray:
    """int64 ids of the character and bigram terms of `text` (with repeats). Traditional
    characters count as their simplified forms (rag/crosslingual.py `Lexicon.simplify`), in
    passages and questions alike: 資源 and 资源 are one term."""
    cleaned = _SEPARATORS.sub(" ", lexicon().simplify(text).lower())
    cps = np.frombuffer(cleaned.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    if cps.size == 0:
        return cps
    is_char = cps != 32
    chars = cps[is_char]
    pair_ok = is_char[:-1] & is_char[1:]
    bigrams = (cps[:-1][pair_ok] * _BIGRAM_SHIFT + cps[1:][pair_ok]) | _BIGRAM_FLAG
    return np.concatenate([chars, bigrams])


def word_terms(word: str) -> np.ndarray:
    """The terms a text must hold to contain `word`, about: its bigrams (its character alone when
    it has one)."""
    ids = np.unique(term_ids(word))
    bigrams = ids[(ids & _BIGRAM_FLAG) != 0]
    return bigrams if bigrams.size else ids


def lexical_text(passage) -> str:
    """What the keyword leg matches: the passage with its session topic and section heading, so
    `深改委第十二次会议` finds the passages of that session."""
    return "\n".join(filter(None, (passage.topic, passage.heading, passage.text)))


@dataclass
class TermCounts:
    """How often each term occurs in each text, column-major (one column per term): row r of
    column j is `rows[indptr[j]:indptr[j+1]]`, with `counts` beside it; rows ascend in a column."""
    terms: np.ndarray     # (n_terms,) int64 term ids, see term_ids
    indptr: np.ndarray    # (n_terms + 1,) int64
    rows: np.ndarray      # (nnz,) int32
    counts: np.ndarray    # (nnz,) uint16
    lengths: np.ndarray   # (n_texts,) int32: terms in each text, repeats included

    @property
    def n_texts(self) -> int:
        return len(self.lengths)

    @classmethod
    def of_texts(cls, texts: list[str]) -> "TermCounts":
        per_text = [term_ids(t) for t in texts]
        lengths = np.array([len(ids) for ids in per_text], dtype=np.int32)
        n_texts = max(len(texts), 1)
        all_terms = np.concatenate(per_text) if per_text else np.zeros(0, dtype=np.int64)
        del per_text
        # hash-based vocabulary: a second for the 27 M terms of 95 k passages
        key, terms = pd.factorize(all_terms)
        del all_terms
        # one key per (term, text), sorted in place: equal keys are one entry's repeats, and the
        # order is column-major with rows ascending, as stored. Few temporaries: a full build's
        # peak memory stays low.
        key = key.astype(np.int64)
        key *= n_texts
        key += np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
        key.sort()
        starts = np.flatnonzero(np.concatenate([[True], key[1:] != key[:-1]])) if len(key) else \
            np.zeros(0, dtype=np.int64)
        counts = np.diff(np.append(starts, len(key)))
        key = key[starts]
        cols = key // n_texts
        indptr = np.zeros(len(terms) + 1, dtype=np.int64)
        np.cumsum(np.bincount(cols, minlength=len(terms)), out=indptr[1:])
        return cls(terms=np.asarray(terms, dtype=np.int64), indptr=indptr,
                   rows=(key - cols * n_texts).astype(np.int32),
                   counts=np.minimum(counts, 65535).astype(np.uint16), lengths=lengths)

    def edited(self, keep: np.ndarray, new_texts: list[str]) -> "TermCounts":
        """Counts with only the rows where `keep` is true (in order), then `new_texts` appended.

        Linear in the stored entries and without sorting them: new rows number after all kept
        ones, so in every column the new entries simply go after the surviving old ones."""
        keep = np.asarray(keep, dtype=bool)
        new = TermCounts.of_texts(new_texts)
        # the new texts' terms: known ones map to their column, unknown ones get new columns
        position = (pd.Index(np.asarray(self.terms)).get_indexer(new.terms) if len(self.terms)
                    else np.full(len(new.terms), -1, dtype=np.int64))
        unknown = position < 0
        position[unknown] = len(self.terms) + np.arange(int(unknown.sum()))
        terms = np.concatenate([self.terms, new.terms[unknown]])

        # surviving old entries (still column-major) and how many survive in each column
        rows, counts = np.asarray(self.rows), np.asarray(self.counts)
        alive = keep[rows]
        dead = np.flatnonzero(~alive)
        dead_per_col = np.bincount(np.searchsorted(self.indptr, dead, side="right") - 1,
                                   minlength=len(self.terms))
        old_per_col = np.zeros(len(terms), dtype=np.int64)
        old_per_col[:len(self.terms)] = np.diff(self.indptr) - dead_per_col
        renumber = (np.cumsum(keep) - 1).astype(np.int32)
        rows, counts = renumber[rows[alive]], counts[alive]
        # new entries by column (stable: rows stay ascending), inserted after each column's survivors
        new_cols = position[np.repeat(np.arange(len(new.terms)), np.diff(new.indptr))]
        order = np.argsort(new_cols, kind="stable")
        new_cols = new_cols[order]
        at = np.cumsum(old_per_col)[new_cols]
        rows = np.insert(rows, at, (new.rows[order] + int(keep.sum())).astype(np.int32))
        counts = np.insert(counts, at, new.counts[order])
        indptr = np.zeros(len(terms) + 1, dtype=np.int64)
        np.cumsum(old_per_col + np.bincount(new_cols, minlength=len(terms)), out=indptr[1:])
        return TermCounts(terms=terms, indptr=indptr, rows=rows, counts=counts,
                          lengths=np.concatenate([np.asarray(self.lengths)[keep], new.lengths]).astype(np.int32))

    def save(self, folder: Path, generation: int) -> list[Path]:
        paths = []
        for name in COUNT_FILES:
            path = Path(folder) / f"lexical_{name}-{generation}.npy"
            with open(path, "wb") as out:
                np.save(out, getattr(self, name), allow_pickle=False)
            paths.append(path)
        return paths

    @classmethod
    def load(cls, folder: Path, generation: int) -> "TermCounts | None":
        """The stored counts, or None when this generation has none (an index built before)."""
        paths = {name: Path(folder) / f"lexical_{name}-{generation}.npy" for name in COUNT_FILES}
        if not all(p.is_file() for p in paths.values()):
            return None
        # memory-mapped: BM25 weights are computed from them once, then the pages can go
        loaded = {}
        for name, path in paths.items():
            try:
                loaded[name] = np.load(path, mmap_mode="r", allow_pickle=False)
            except (OSError, ValueError) as exc:
                raise DamagedCounts(f"{path.name} cannot be read ({exc})") from exc
        counts = cls(**loaded)
        if counts.indptr[-1] != len(counts.rows) or len(counts.rows) != len(counts.counts) \
                or len(counts.indptr) != len(counts.terms) + 1:
            raise DamagedCounts("the lexical_*.npy files do not fit together")
        # bytes changed in place (a disk's fault, a copy cut short and padded) keep the lengths:
        # each file's values are checked too, as any search reads them all
        indptr, rows = np.asarray(counts.indptr), np.asarray(counts.rows)
        problems = {
            "indptr": len(indptr) and (indptr[0] != 0 or np.any(np.diff(indptr) < 0)),
            "rows": len(rows) and (rows.min() < 0 or rows.max() >= len(counts.lengths)),
            "counts": len(counts.counts) and np.asarray(counts.counts).min() <= 0,
            "lengths": len(counts.lengths) and np.asarray(counts.lengths).min() < 0,
            "terms": not pd.Index(np.asarray(counts.terms)).is_unique,
        }
        damaged = [name for name, bad in problems.items() if bad]
        if damaged:
            raise DamagedCounts(f"{', '.join(paths[name].name for name in damaged)} hold values no count has")
        return counts


class DamagedCounts(ValueError):
    """Stored term counts that cannot be used: they are counted again from the passages."""


class BM25:
    """BM25 (k1, b) over a fixed list of texts; `scores(query)` gives one score per text."""

    def __init__(self, texts: list[str] | None = None, k1: float = 1.2, b: float = 0.75,
                 counts: TermCounts | None = None):
        self.k1, self.b = k1, b
        counts = counts if counts is not None else TermCounts.of_texts(texts or [])
        self.vocab = pd.Index(np.asarray(counts.terms))
        n_texts = max(counts.n_texts, 1)
        df = np.diff(counts.indptr)
        self.idf = np.log1p((n_texts - df + 0.5) / (df + 0.5)).astype(np.float32)
        lengths = np.asarray(counts.lengths, dtype=np.float32)
        avg_len = max(float(lengths.mean()) if len(lengths) else 1.0, 1.0)
        norm = (k1 * (1 - b + b * lengths / avg_len)).astype(np.float32)
        # BM25 term weight per (text, term), so a query is one sparse column sum.
        tf = np.asarray(counts.counts, dtype=np.float32)
        rows = np.asarray(counts.rows)
        weights = tf * (k1 + 1) / (tf + norm[rows])
        weights *= np.repeat(self.idf, df)
        self.weights = sparse.csc_matrix((weights, rows, np.asarray(counts.indptr)),
                                         shape=(counts.n_texts, len(counts.terms)))

    def query_terms(self, question: str) -> np.ndarray:
        """Column indices of the question's known terms (each once)."""
        ids = np.unique(term_ids(question))
        if ids.size == 0 or len(self.vocab) == 0:
            return np.zeros(0, dtype=np.int64)
        pos = self.vocab.get_indexer(ids)
        return pos[pos >= 0].astype(np.int64)

    def scores(self, question: str) -> np.ndarray:
        return self.match(question)[0]

    def rows_holding(self, word: str) -> np.ndarray:
        """The texts holding every term of `word` (about: the texts holding the word), ascending;
        none when a term is not in the collection."""
        cols = self.vocab.get_indexer(word_terms(word))
        if cols.size == 0 or (cols < 0).any():
            return np.zeros(0, dtype=np.int64)
        indptr, indices = self.weights.indptr, self.weights.indices
        postings = sorted((indices[indptr[c]:indptr[c + 1]] for c in cols), key=len)
        rows = postings[0]
        for other in postings[1:]:
            rows = np.intersect1d(rows, other, assume_unique=True)
        return rows

    def match(self, question: str, other_forms: dict | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Per text: the BM25 score, and coverage: the idf-weighted share of the question's
        terms that occur in it at all (0..1). Coverage ignores repeats and text length, so a long
        paragraph that holds every term of the question is not outscored by a short one that
        repeats a few of them, which BM25's length normalization favours. With `other_forms`
        (zh.other_forms: {a word of the question: its other form}; zh.spoken_forms: {an everyday
        word: its written forms}), a text holding a word's other form counts as holding the word's
        terms."""
        cols = self.query_terms(question)
        n = self.weights.shape[0]
        if cols.size == 0:
            return np.zeros(n, dtype=np.float32), np.zeros(n, dtype=np.float32)
        sub = self.weights[:, cols]
        scores = np.asarray(sub.sum(axis=1)).ravel().astype(np.float32)
        present = sparse.csc_matrix((np.ones_like(sub.data), sub.indices, sub.indptr), shape=sub.shape)
        if other_forms:
            # a text holding a word's other form (中央全面深化改革委员会 for 深改委) holds its terms
            rows, at = [], []
            for word, other in other_forms.items():
                # (an everyday word has several written forms: zh.spoken_forms)
                holding = (self.rows_holding(other) if isinstance(other, str) else
                           np.unique(np.concatenate([self.rows_holding(o) for o in other])))
                word_cols = np.flatnonzero(np.isin(cols, self.vocab.get_indexer(np.unique(term_ids(word)))))
                rows.append(np.repeat(holding, word_cols.size))
                at.append(np.tile(word_cols, holding.size))
            rows, at = np.concatenate(rows), np.concatenate(at)
            credit = sparse.csc_matrix((np.ones(rows.size, dtype=present.dtype), (rows, at)), shape=present.shape)
            present = sparse.csc_matrix(present.maximum(credit))
        # characters and bigrams apart: a long paragraph holds most of a question's characters
        # anyway, so its bigrams (words) are the better evidence
        is_bigram = (np.asarray(self.vocab[cols]) & _BIGRAM_FLAG) != 0
        coverage, weight = np.zeros(n, dtype=np.float64), 0.0
        for part, share in ((~is_bigram, 1 - BIGRAM_SHARE), (is_bigram, BIGRAM_SHARE)):
            idf = np.where(part, self.idf[cols], 0.0)
            if idf.sum() > 0:
                coverage += share * (present @ idf) / float(idf.sum())
                weight += share
        return scores, (coverage / max(weight, 1e-9)).astype(np.float32)

    def present_bigrams(self, bigrams: list[str]) -> list[str]:
        """Those of `bigrams` (two characters each) that some text holds: one vocabulary look-up
        for all of them (a Korean syllable pair stands for hundreds, rag/korean.py)."""
        if not bigrams or len(self.vocab) == 0:
            return []
        cps = np.array([[ord(b[0]), ord(b[1])] for b in bigrams], dtype=np.int64)
        ids = (cps[:, 0] * _BIGRAM_SHIFT + cps[:, 1]) | _BIGRAM_FLAG
        held = self.vocab.get_indexer(ids) >= 0
        return [b for b, ok in zip(bigrams, held) if ok]

    def unit_coverage(self, units) -> tuple[np.ndarray, list[list[str]]]:
        """Per text: the idf-weighted share of `units` (rag/crosslingual.py: an English word or
        phrase with the Chinese words that may translate it) that the text holds a translation of.
        A unit's weight is the idf of the texts holding any of its translations, so a vague
        English word with many everyday translations counts for little. Also, per unit, the
        translations some text holds (about: all their terms occur): those terms_en.tsv gives
        first, in its order, then words before lone characters, each commonest first."""
        n = self.weights.shape[0]
        covered, total, found = np.zeros(n, dtype=np.float32), 0.0, []
        for unit in units:
            present, held = np.zeros(n, dtype=bool), []
            for word in unit.chinese:
                rows = self.rows_holding(word)
                if rows.size:
                    present[rows] = True
                    first = unit.preferred.index(word) if word in unit.preferred else len(unit.preferred)
                    held.append((first, len(word) == 1, -rows.size, word))
            found.append([word for *_, word in sorted(held)])
            df = int(present.sum())
            if df == 0:
                continue
            weight = float(np.log1p((n - df + 0.5) / (df + 0.5)))
            covered += weight * present
            total += weight
        return (covered / total if total else covered), found

    def max_score(self, question: str) -> float:
        """The score a passage holding every query term would roughly get: a scale for fusion."""
        cols = self.query_terms(question)
        return float(self.idf[cols].sum()) * (self.k1 + 1) / (1 + self.k1) if cols.size else 0.0
