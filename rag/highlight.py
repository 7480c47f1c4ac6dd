"""Answer highlighting: which sentences of a hit answer its question, as character spans into
its text (`Hit.highlights`), chosen by the sentence model's cosines and the question's terms."""
from __future__ import annotations

import re

import numpy as np

from .lexical import term_ids
from .zh import (announces_next, asks_for_day, cjk_share, is_lead_sentence, list_item_openers, opens_list_item,
                 sentence_spans, states_day)

# How much sharing the question's terms counts when choosing the sentence to highlight.
HIGHLIGHT_TERM_WEIGHT = 0.3
# A sentence stating what the question asks for (a number for `多少`, a day for `哪天`; the answer
# cues of rag/cues.py) gains their weights times this: over the twelve Chinese sets and blind10, the
# answer is in a highlight of 563 of the 598 right hits on the seed records (561 without) and of 540
# of 573 among the scale records (538), none lost; at 2.0 one gained and one lost more.
HIGHLIGHT_CUE_SHARE = 1.0
# The sentence after the best one comes with it when it is the runner-up by no more than this: the
# best often restates the question (`防控正处在最吃劲的关键阶段。`) and the next answers it (`这个时候，
# 必须高度警惕麻痹思想…`). Over every set (1,258 questions, seed records), the answer is in a highlight
# of 1,157 of the 1,236 right hits without it; 1,165 at 0.05, 1,168 at 0.1 (highlighted characters
# +5% and +8%), none lost; the runner-up before the best as well, at 0.05: 1,167 for +10%.
HIGHLIGHT_NEXT_MARGIN = 0.1


def highlights(text: str, sentence_cos: np.ndarray, question: str, asked: str = "",
               item: int = 0) -> list[tuple[int, int]]:
    """The best-answering sentence (and a runner-up that scores almost as well), as spans; a point's
    opening sentence comes with the best sentence it leads, an announcement with what it announces.
    `question`: its keywords, matched as terms; `asked`: the question as asked, read for what it asks
    for (a number, a day: its answer cues). `item`: the place in a list of the item the question asks
    for (lists.place_opened: one counted from the end has its place from the start), 0 none."""
    spans = sentence_spans(text)
    if len(spans) != len(sentence_cos) or not spans:
        return []
    terms = set(term_ids(question).tolist())
    term_weight = HIGHLIGHT_TERM_WEIGHT * cjk_share(question)     # once, not per sentence
    cues = sentence_cues(asked or question)
    scores = []
    for (a, b), cos in zip(spans, sentence_cos.tolist()):
        sentence_terms = set(term_ids(text[a:b]).tolist())
        overlap = len(terms & sentence_terms) / max(len(terms), 1)
        cued = sum(weight for weight, states in cues if states(text[a:b]))
        scores.append(cos + term_weight * overlap + HIGHLIGHT_CUE_SHARE * cued)
    order = sorted(range(len(spans)), key=lambda i: -scores[i])
    sentences = [text[a:b] for a, b in spans]
    opening = [i for i, sentence in enumerate(sentences) if item > 0 and opens_list_item(sentence, item)]
    if opening:
        # `第二点是什么？`: the sentence opening that item, and the next when it goes on with it
        # (`二要增强忧患意识。` says little alone), whatever the cosines
        i = opening[0]
        goes_on = i + 1 < len(spans) and not list_item_openers(sentences[i + 1])
        return [_trimmed(text, *spans[j]) for j in ([i, i + 1] if goes_on else [i])]
    # the runner-up comes with it when it scores almost as well, or within HIGHLIGHT_NEXT_MARGIN as the
    # sentence after it
    chosen = [order[0]] + [i for i in order[1:2] if scores[i] >= scores[order[0]] - (
        HIGHLIGHT_NEXT_MARGIN if i == order[0] + 1 else 0.01)]
    if is_lead_sentence(sentences[order[0]]):
        # the point's opening names what the question asks about; the answer is usually in the
        # sentences it leads: the best of those with it
        led = [i for i in order if not is_lead_sentence(sentences[i])]
        if led:
            chosen = [order[0], led[0]]
    # `有两个基本情况。` is followed by them
    # and `但也有少数干部表现不佳甚至很差。` by the `有的…；有的…` it sums up
    chosen += [i + 1 for i in chosen if i + 1 < len(spans)
               and (announces_next(sentences[i]) or _opens_list(sentences[i], sentences[i + 1]))]
    return [_trimmed(text, *spans[i]) for i in sorted(set(chosen))]


# `有的…；有的…`: the sentences of such a list each open with the same word
_LIST_ITEM = re.compile(r"^\s*(?:有的|有些|有时|或者|或是)")


def _opens_list(sentence: str, following: str) -> bool:
    """Whether `sentence` is the one before an `有的…；有的…` list (not an item of it)."""
    return bool(_LIST_ITEM.match(following)) and not _LIST_ITEM.match(sentence)


def _trimmed(text: str, a: int, b: int) -> tuple[int, int]:
    """The span a..b of `text` without the spaces and line break at its ends."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def with_term(text: str, spans: list[tuple[int, int]], term: str) -> list[tuple[int, int]]:
    """`spans` plus the sentence where `term` first stands in `text`, when none of them holds it:
    `When did we study grid management?` shows where the records say 网格化管理."""
    at = text.find(term)
    if at < 0 or any(a <= at < b for a, b in spans):
        return spans
    sentence = next((a, b) for a, b in sentence_spans(text) if a <= at < b)
    return sorted(spans + [_trimmed(text, *sentence)])


def sentence_cues(question: str) -> list:
    """The answer cues of the question (rag/cues.py), and a day asked for (`哪天召开的`): a sentence
    stating one answers it more likely than the one restating the question."""
    from .cues import DAY_WEIGHT, answer_cues      # (cues imports the dictionary's module)
    cues = answer_cues(question)
    if asks_for_day(question):
        cues.append((DAY_WEIGHT, states_day))
    return cues
