"""The first results of a search put in order again after fusion (README "How it works", steps 6
and 7): a question not all in Chinese token by token, a Chinese one's paragraphs of one session by
their token match within the speech, then the reranker (rag/rerank.py). The token match is the
MaxSim of late-interaction retrievers such as ColBERT, here with e5's own last-layer tokens.

Each step takes `order` (text keys, best first) and `best` (key -> (score, passage id, sentence
cosines), as rag/search.py fuses them), returns the new order and writes the new scores to `best`."""
from __future__ import annotations

import numpy as np

from .rerank import FOREIGN_FEATURES, FOREIGN_RERANKER_FILE, feature_matrix, load_reranker
from .zh import foreign_share, sentence_spans

# A question not (all) in Chinese: the best TOKEN_MATCH_DEPTH results are scored again word by
# word. Each token of the question (the model's last layer) is matched with its nearest token of
# the passage, and the mean of those cosines, times this and the question's non-Chinese share
# (`zh.foreign_share`: of its letters, digits left out, so `2020年3月…` is all Chinese), is
# added (the MaxSim of late-interaction retrievers such as ColBERT, here with e5's own tokens).
# One pooled vector blurs a long question in another language; token by token, `poverty` still
# finds 贫困. Over the English dev, English blind and other-language sets (204 questions per
# index) this gains 13 first hits among the seed records and 13 among the scale records; Chinese questions
# gain nothing from it, and lose one or two among the scale records, hence the share
# (docs/experiments.md). It costs a run of the model per passage: about 0.34 s a question on 2 cores.
TOKEN_MATCH_WEIGHT = 1.0
TOKEN_MATCH_DEPTH = 10
# A question in Chinese: among its best SESSION_TOKEN_DEPTH results, the paragraphs of one session
# keep the places they hold but are put in order among them by their fused score plus this times
# their token match (above). The paragraphs of one speech share its words and its subject, so
# their fused scores are close, and the one the question's words point at token by token is more
# often the one that answers. Across sessions the order is left as it is: there, among the
# look-alike records of other dates, the token match gained nothing (docs/experiments.md).
# Seven Chinese sets (302 questions), first hits over whole paragraphs: seed records 279 -> 284,
# scale records 241 -> 241, top 5 unchanged (the int8 model's build 2; on build 1 281 -> 288 and
# 238 -> 237, where weights 1-4 and the best 10 scored within three; docs/measurements.md).
# It costs a run of the model per passage of such a session, when two of the best share one.
# The best 8, not 5 (stop 22): an answer at places 6-8 among paragraphs of its own session moves
# into the top 5. Seven Chinese sets, top 5 (seed / scale records): depth 5 299 / 283, 6 299 / 283,
# 7-10 301 / 284; first hits 285 / 243 at every depth; p50 on the full index +30-40 ms.
# 1, not 2 (stop 51): the reranker (stop 28) reads the token match too, so at 2 it counted twice
# and overturned a clear fused lead within a speech (`b4-noarrive`: fused +0.058, token match
# -0.041). All 1,158 set questions, first hits: seed records 1,060 -> 1,063, scale records
# 874/875 -> 876, top 5 unchanged; held out, blind15 49 -> 50 and 43 -> 44 (docs/measurements.md).
SESSION_TOKEN_WEIGHT = 1.0
SESSION_TOKEN_DEPTH = 8
# ...over each passage's best sentence (by the fused sentence cosine) and this many sentences on
# either side, not the whole passage: the answer is there, and a long paragraph's other
# sentences add tokens that match the question's subject anywhere in the speech. Seven Chinese
# sets, first hits (seed / scale records): whole passage 284 / 241, +-2 sentences 285 / 242,
# +-1 285 / 243, the best sentence alone 285 / 241; top 5 283 on the scale records for each.
# Token match p50 on the full index 237 -> 149-156 ms (docs/measurements.md).
SESSION_TOKEN_WINDOW = 1
DEFAULT_RERANKER = object()    # Searcher.reranker / foreign_reranker: the file fitted for the index's model


def order_best_again(encoder, question: str, order: list[str], best: dict, loaded, rows: np.ndarray,
                     measured: dict, reranker=DEFAULT_RERANKER,
                     foreign_reranker=DEFAULT_RERANKER) -> tuple[list[str], dict | None]:
    """The first results put in order again: token by token and by the foreign reranker for a
    question not all in Chinese; a Chinese one's paragraphs of one session by their token
    match within the speech, then the reranker. `best` gets the new scores. Returns the order
    and what the reranker read ({"pids", "scores", "features"}; None when none ran), which
    scripts/train_reranker.py fits on. `loaded`: rag/search.py's index with its search
    structures; `rows` its candidates' rows, `measured` their cosines."""
    share = foreign_share(question)
    read = None
    if share > 0 and TOKEN_MATCH_WEIGHT:
        chosen = reranker_for(encoder, measured, foreign_reranker, foreign=True)
        depth = max(TOKEN_MATCH_DEPTH, chosen.depth if chosen is not None else 0)
        order, matches = match_tokens(encoder, question, order, best, TOKEN_MATCH_WEIGHT * share,
                                      loaded.index, depth)
        if chosen is not None:
            order, read = rerank(order, best, loaded, rows, matches, measured, chosen)
    elif share == 0:
        chosen = reranker_for(encoder, measured, reranker)
        matches = {}
        if chosen is not None:       # it reads the token match of all its candidates
            matches = window_matches(encoder, question, order, best, loaded,
                                     max(chosen.depth, SESSION_TOKEN_DEPTH), everyone=True)
        elif SESSION_TOKEN_WEIGHT:
            matches = window_matches(encoder, question, order, best, loaded, SESSION_TOKEN_DEPTH,
                                     everyone=False)
        if SESSION_TOKEN_WEIGHT:
            order = order_within_sessions(order, best, loaded, matches)
        if chosen is not None:
            order, read = rerank(order, best, loaded, rows, matches, measured, chosen)
    return order, read


def token_match(encoder, question: str, texts: list[str]) -> list[float]:
    """Per text: the mean over the question's tokens of each one's best cosine with the text's
    tokens (TOKEN_MATCH_WEIGHT)."""
    question_tokens = encoder.token_vectors([question], query=True)[0]
    if not len(question_tokens):
        return [0.0] * len(texts)
    return [float((question_tokens @ tokens.T).max(axis=1).mean()) if len(tokens) else 0.0
            for tokens in encoder.token_vectors(texts)]


def match_tokens(encoder, question: str, order: list[str], best: dict, weight: float,
                 index, depth: int = TOKEN_MATCH_DEPTH) -> tuple[list[str], dict[str, float]]:
    """`order` with its first `depth` results scored again token by token (see
    TOKEN_MATCH_WEIGHT), and their token matches (the foreign reranker reads them); `best`
    gets their new scores."""
    top = order[:depth]
    if not top:
        return order, {}
    matches = token_match(encoder, question, [index.passages[best[key][1]].text for key in top])
    for key, match in zip(top, matches):
        fused, pid, sentence_cos = best[key]
        best[key] = (fused + weight * match, pid, sentence_cos)
    return sorted(top, key=lambda key: -best[key][0]) + order[depth:], dict(zip(top, matches))


def reranker_for(encoder, measured: dict, chosen, foreign: bool = False):
    """The reranker to apply (`chosen`; DEFAULT_RERANKER: the file fitted for the encoder's model,
    the foreign one for a question in another language), or None: also where the adapted cosines
    it reads were not measured (no query adapter)."""
    if "best_sentence_adapted" not in measured:
        return None
    if chosen is not DEFAULT_RERANKER:
        return chosen
    if foreign:
        return load_reranker(encoder.name, FOREIGN_RERANKER_FILE, FOREIGN_FEATURES)
    return load_reranker(encoder.name)


def window_matches(encoder, question: str, order: list[str], best: dict, loaded, depth: int,
                   everyone: bool) -> dict[str, float]:
    """The token match (token_match) of the question with each of the first `depth` results'
    best sentence ± SESSION_TOKEN_WINDOW: for all of them (`everyone`, the reranker reads them),
    or only for those that share their session with another of them."""
    top = order[:depth]
    if not everyone:
        sessions = [int(loaded.session_of_row[loaded.row_of[best[key][1]]]) for key in top[:SESSION_TOKEN_DEPTH]]
        top = [key for key, session in zip(top, sessions) if sessions.count(session) > 1]
    if not top:
        return {}
    texts = [around_best_sentence(loaded.index.passages[best[key][1]].text, best[key][2], SESSION_TOKEN_WINDOW)
             for key in top]
    return dict(zip(top, token_match(encoder, question, texts)))


def order_within_sessions(order: list[str], best: dict, loaded, matches: dict[str, float]) -> list[str]:
    """`order` with the paragraphs of one session among its first SESSION_TOKEN_DEPTH results
    put in order among their own places by fused score + SESSION_TOKEN_WEIGHT x token match
    (`matches`, window_matches'); each takes the score of the place it moves to, so the
    scores still descend."""
    top = order[:SESSION_TOKEN_DEPTH]
    places: dict[int, list[int]] = {}
    for place, key in enumerate(top):
        session = int(loaded.session_of_row[loaded.row_of[best[key][1]]])
        places.setdefault(session, []).append(place)
    shared = [session_places for session_places in places.values() if len(session_places) > 1]
    if not shared:
        return order
    new_top, new_best = list(top), {}
    for session_places in shared:
        ranked = sorted(session_places,
                        key=lambda p: -(best[top[p]][0] + SESSION_TOKEN_WEIGHT * matches[top[p]]))
        for place, moved in zip(session_places, ranked):
            key = top[moved]
            _, pid, sentence_cos = best[key]
            new_top[place] = key
            new_best[key] = (best[top[place]][0], pid, sentence_cos)    # the place's score
    best.update(new_best)
    return new_top + order[SESSION_TOKEN_DEPTH:]


def rerank(order: list[str], best: dict, loaded, rows: np.ndarray, matches: dict[str, float],
           measured: dict, reranker) -> tuple[list[str], dict | None]:
    """`order` with its first `reranker.depth` results scored again: their score plus the
    reranker's adjustment (rag/rerank.py); `best` gets the new scores. `measured` holds the
    cosines per candidate row (`rows`). Also returns what the reranker read (None: fewer than two
    results, nothing to order)."""
    top = order[:reranker.depth]
    if len(top) < 2:
        return order, None
    position = {int(loaded.row_ids[row]): i for i, row in enumerate(rows.tolist())}
    at = [position[best[key][1]] for key in top]
    # the passage cosines, for a reranker that reads them (FOREIGN_FEATURES)
    passages = {name: measured[name][at] for name in ("passage", "passage_adapted")
                if name in reranker.features}
    features = feature_matrix(
        measured["best_sentence"][at], measured["best_sentence_adapted"][at], measured["topic"][at],
        measured["topic_adapted"][at], [matches[key] for key in top],
        [int(loaded.session_of_row[loaded.row_of[best[key][1]]]) for key in top],
        [len(loaded.index.passages[best[key][1]].text) for key in top], **passages)
    read = {"pids": [best[key][1] for key in top], "scores": [best[key][0] for key in top],
            "features": features}
    for key, change in zip(top, reranker.adjust(features)):
        score, pid, sentence_cos = best[key]
        best[key] = (score + float(change), pid, sentence_cos)
    # the results after them keep their order, scored no higher than the last reranked one (their
    # scores rose above it where the adjustments were below zero): scores descend with the rank
    floor = min(best[key][0] for key in top)
    for key in order[reranker.depth:]:
        score, pid, sentence_cos = best[key]
        best[key] = (min(score, floor), pid, sentence_cos)
    return sorted(top, key=lambda key: -best[key][0]) + order[reranker.depth:], read


def around_best_sentence(text: str, sentence_cos: np.ndarray, window: int) -> str:
    """The part of `text` from `window` sentences before its best sentence (the highest of
    `sentence_cos`, one per sentence as indexed) to `window` after it, as written (stripped)."""
    spans = sentence_spans(text)
    if len(spans) != len(sentence_cos):     # a text embedded whole (no sentence ends)
        return text
    best = int(np.argmax(sentence_cos))
    return text[spans[max(0, best - window)][0]:spans[min(len(spans) - 1, best + window)][1]].strip()
