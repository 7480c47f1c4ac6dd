"""Should a passage be embedded with its context (the session topic)? Measured on an existing
index with the dev questions, four ways:

- the default: the topic has its own vector, and its cosine is a separate fusion term (0.3);
- no topic at all;
- the topic embedded with the passage: since a passage's vector is the normalized mean of its
  sentence vectors, embedding the topic as one more sentence of every passage gives
  normalize(n * passage + topic), computed here from the stored vectors (n = its sentences);
- both.

    python bench/topic_context.py --index DIR [--index DIR ...]

Prints R@1 / R@5 / MRR@10 per variant and index; writes bench/results/topic_context.json."""
from __future__ import annotations

import argparse
import importlib
import logging
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from rag import Searcher  # noqa: E402
from rag.evaluate import evaluate, load_questions  # noqa: E402
from results_file import DEV_QUESTIONS, write_result  # noqa: E402

SEARCH = importlib.import_module("rag.search")   # the module (rag.search is also a function)


def with_topic_inside(loaded) -> np.ndarray:
    """Each passage vector as if its session topic had been embedded as one more sentence."""
    topics = np.vstack([loaded.topic_matrix, np.zeros((1, loaded.matrix.shape[1]), np.float32)])
    mixed = loaded.matrix * loaded.sentence_count[:, None].astype(np.float32) + topics[loaded.topic_of_row]
    return mixed / np.linalg.norm(mixed, axis=1, keepdims=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", action="append", required=True)
    parser.add_argument("--questions", default=str(DEV_QUESTIONS))
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    questions = load_questions(Path(args.questions))
    default_weight = SEARCH.TOPIC_WEIGHT
    rows = []
    for index in args.index:
        searcher = Searcher(Path(index))
        loaded = searcher._current()
        stored, inside = loaded.matrix, with_topic_inside(loaded)
        if loaded.ann is not None:
            print(f"{index}: uses IVF candidates, which this bench does not re-embed; skipped")
            continue
        for name, matrix, weight in (("separate topic term (default)", stored, default_weight),
                                     ("no topic", stored, 0.0),
                                     ("topic embedded with the passage", inside, 0.0),
                                     ("both", inside, default_weight)):
            loaded.matrix, SEARCH.TOPIC_WEIGHT = matrix, weight
            result = evaluate(questions, searcher.search)
            rows.append({"index": index, "variant": name, "r1": result.recall[1],
                         "r5": result.recall[5], "mrr10": result.mrr10})
            print(f"{index}  {name:34s} R@1 {result.recall[1]:.3f}  R@5 {result.recall[5]:.3f}  "
                  f"MRR@10 {result.mrr10:.3f}", flush=True)
        loaded.matrix, SEARCH.TOPIC_WEIGHT = stored, default_weight
    write_result("topic_context", {"questions": args.questions, "rows": rows})


if __name__ == "__main__":
    main()
