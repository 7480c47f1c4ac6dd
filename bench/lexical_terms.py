"""Which terms should the lexical leg use on Chinese? Characters, character bigrams, both (the
default), jieba words, or jieba words plus characters, measured on an existing index with the
dev questions: the lexical leg alone (BM25) and the full hybrid (whose lexical term is the
coverage of the question's terms).

    pip install -e '.[bench]'      # jieba
    python bench/lexical_terms.py --index DIR [--index DIR ...]

Prints R@1 / R@5 / MRR@10 per variant and index; writes bench/results/lexical_terms.json."""
from __future__ import annotations

import argparse
import importlib
import logging
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import rag.lexical as lexical  # noqa: E402
from rag import Searcher  # noqa: E402
from rag.evaluate import evaluate, load_questions  # noqa: E402
from rag.store import PassageIndex  # noqa: E402
from results_file import DEV_QUESTIONS, write_result  # noqa: E402

SEARCH = importlib.import_module("rag.search")   # the module (rag.search is also a function)
DEFAULT = lexical.term_ids
_WORD_IDS: dict[str, int] = {}
_WORD_BASE = 1 << 50          # apart from character and bigram ids


def chars(text: str) -> np.ndarray:
    ids = DEFAULT(text)
    return ids[ids < lexical._BIGRAM_FLAG]


def bigrams(text: str) -> np.ndarray:
    ids = DEFAULT(text)
    return ids[ids >= lexical._BIGRAM_FLAG]


def words(text: str) -> np.ndarray:
    import jieba
    tokens = [t for t in jieba.lcut(lexical._SEPARATORS.sub(" ", text.lower())) if t.strip()]
    return np.array([_WORD_IDS.setdefault(t, _WORD_BASE + len(_WORD_IDS)) for t in tokens], dtype=np.int64)


def words_and_chars(text: str) -> np.ndarray:
    return np.concatenate([words(text), chars(text)])


VARIANTS = {"characters": chars, "bigrams": bigrams, "characters + bigrams (default)": DEFAULT,
            "jieba words": words, "jieba words + characters": words_and_chars}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", action="append", required=True)
    parser.add_argument("--questions", default=str(DEV_QUESTIONS))
    args = parser.parse_args()
    import jieba
    jieba.setLogLevel(logging.WARNING)
    questions = load_questions(Path(args.questions))
    results = []
    print(f"{'index':<28}{'terms':<32}{'mode':<9}{'R@1':>7}{'R@5':>7}{'MRR@10':>8}")
    for index_dir in args.index:
        index = PassageIndex.load(Path(index_dir))
        for name, tokenize in VARIANTS.items():
            lexical.term_ids = tokenize
            try:
                index.lexical = None              # recount with these terms
                searcher = Searcher(Path(index_dir))
                loaded = SEARCH._Loaded.of(index)          # BM25 built with these terms
                searcher._current = lambda loaded=loaded: loaded   # noqa: E731
                for mode in ("lexical", "hybrid"):
                    result = evaluate(questions, lambda q, k: searcher.search(q, k, mode=mode))
                    row = {"index": index_dir, "terms": name, "mode": mode, "r1": result.recall[1],
                           "r5": result.recall[5], "mrr10": result.mrr10}
                    results.append(row)
                    print(f"{Path(index_dir).name:<28}{name:<32}{mode:<9}{row['r1']:>7.3f}{row['r5']:>7.3f}"
                          f"{row['mrr10']:>8.3f}", flush=True)
            finally:
                lexical.term_ids = DEFAULT
    write_result("lexical_terms", results)


if __name__ == "__main__":
    main()
