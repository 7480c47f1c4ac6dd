"""Korean questions: Sino-Korean words read back into Chinese characters.

Most words of a Korean question about these records are Sino-Korean: 방역 is 防疫, 감염병 感染病,
빈곤 贫困, each syllable the Korean reading of one character. A pair of adjacent syllables of the
question stands for the bigrams of the collection read that way (방역 -> 防疫; 감염 -> 感染, 염병
-> 染病 of 传染病), matched like an English word's translations (rag/crosslingual.py `Unit`);
native words (`무엇`, `어떻게`) are read as no bigram the collection holds and drop out.

The readings are Unihan's kHangul field (Unicode, Inc.; rag/data/UNICODE-LICENSE.txt), written to
rag/data/hangul_readings.json by scripts/make_hangul_readings.py."""
from __future__ import annotations

import json
import re
import threading
from pathlib import Path
from typing import Callable

from .crosslingual import Unit
from .zh import date_filter, dates_listed_after, first_that_is_none, is_date_alone, signed_count, written_range, written_through

READINGS_FILE = Path(__file__).with_name("data") / "hangul_readings.json"
_HANGUL_RUN = re.compile(r"[\uac00-\ud7a3]+")
_FIRST = 0xAC00
# Initial consonants (choseong, by index) and the vowels before which the initial-sound rule
# (두음법칙) makes ㄹ and ㄴ silent at the start of a word (理 리 -> 이론, 女 녀 -> 여자); before
# others ㄹ becomes ㄴ (劳 로 -> 노동). Unihan gives some such forms, not all.
_NIEUN, _RIEUL, _IEUNG = 2, 5, 11
_I_VOWELS = frozenset({2, 6, 7, 12, 17, 20})        # ㅑ ㅕ ㅖ ㅛ ㅠ ㅣ

_lock = threading.Lock()
_table: dict[str, str] | None = None


def reading_variants(reading: str) -> set[str]:
    """A character's reading and the form it takes at the start of a word: 리 -> 이, 로 -> 노."""
    initial, rest = divmod(ord(reading) - _FIRST, 588)
    if initial not in (_RIEUL, _NIEUN):
        return {reading}
    if rest // 28 in _I_VOWELS:
        return {reading, chr(_FIRST + _IEUNG * 588 + rest)}
    if initial == _RIEUL:
        return {reading, chr(_FIRST + _NIEUN * 588 + rest)}
    return {reading}


def chars_by_reading() -> dict[str, str]:
    """Hangul syllable -> the characters read that way, in one string (read once). Without the
    file (an install that left out the package data), `{}`: Korean is left to the sentence model."""
    global _table
    with _lock:
        if _table is None:
            try:
                _table = json.loads(READINGS_FILE.read_text(encoding="utf-8"))
            except FileNotFoundError:
                _table = {}
        return _table


def _cut(question: str, start: int, end: int) -> str:
    """The question without question[start:end] (what was read from it), single spaces."""
    return re.sub(r"\s{2,}", " ", question[:start] + question[end:]).strip()


def has_hangul(text: str) -> bool:
    return bool(_HANGUL_RUN.search(text))


def syllable_pairs(question: str) -> list[str]:
    """Each pair of adjacent Hangul syllables within a word of `question`, in order, once."""
    pairs: list[str] = []
    for run in _HANGUL_RUN.findall(question):
        for i in range(len(run) - 1):
            if run[i:i + 2] not in pairs:
                pairs.append(run[i:i + 2])
    return pairs


# A session's date in a Korean question (`2020년 3월 4일 학습에서…`, `3월 11일 학습의 주제는?`), next to
# words about studying; written the Chinese way for zh.date_filter.
_DATE_KO = re.compile(r"(?:(?P<year>(?:19|20)\d\d)\s*년\s*)?(?P<month>\d{1,2})\s*월"
                      r"(?:\s*(?P<day>\d{1,2})\s*일|\s*(?P<part>초순|상순|중순|하순|초|말))?"
                      r"(?:에서|에는|에|의)?")
# half or a quarter of a year (`2024년 상반기`, `2024년 3분기`, `2024년 제3분기`): `2024年上半年`, `2024年第3季度`
_PART_OF_YEAR_KO = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)\s*년\s*(?:(?P<half>상반기|하반기)|(?:제\s*)?(?P<quarter>[1-4])\s*분기)"
                              r"(?:에서|에는|에|의)?")
_MONTH_PART_ZH = {"초": "上旬", "초순": "上旬", "상순": "上旬", "중순": "中旬", "하순": "下旬", "말": "下旬"}
_STUDIED_KO = re.compile(r"학습|공부|배[웠운우]|세션|모임")


def mentions_studying_korean(question: str) -> bool:
    """`학습`, `공부`, `배웠`…: the question is about the sessions."""
    return bool(_STUDIED_KO.search(question))


def split_session_date_korean(question: str) -> tuple[str | None, str]:
    """(the session date a Korean question names, as `2020年3月4日` / `3月11日` / `2020年3月`, or
    None) and the question without it. Only in a question about studying (`학습`, `배웠`…); a month
    alone needs its year, and a day that is none (`2월 30일`) is passed over."""
    if not mentions_studying_korean(question):
        return None, question
    span = _span_korean(question)
    if span:
        written, start, end = span
        return written, _cut(question, start, end)
    part = _PART_OF_YEAR_KO.search(question)
    if part:
        written = f"{part.group('year')}年" + (f"第{part.group('quarter')}季度" if part.group("quarter")
                                               else {"상반기": "上半年", "하반기": "下半年"}[part.group("half")])
        return written, _cut(question, part.start(), part.end())
    for m in _DATE_KO.finditer(question):
        written = _written(m)
        if not written:
            continue
        if not date_filter(written):
            continue            # no such day (`2월 30일`): the question's next date, if any
        listed, end = dates_listed_after(question, written, m.end(), _JOINER_KO, _date_at, _DAY_ALONE_KO)
        rest = _cut(question, m.start(), end)
        return "和".join(listed), rest
    year = _YEAR_KO.search(question)
    if year:        # `2024년에 무엇을 학습했나요?`, `2024년 학습에서…`: that year's sessions
        return f"{year.group(1)}年", _cut(question, year.start(), year.end())
    return None, question


# A year alone, said as when (`2024년에`) or before a word for the sessions (`2024년 학습에서`); not a
# year the text is about (`2020년 빈곤 인구`)
_YEAR_KO = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*년(?:(?:에는|에)(?![가-힣])|(?:의)?(?=\s*(?:학습|공부|세션|모임)))")


# A span a date opens or closes (`2023년 이후`, `2023년부터`, `2021년 이전`, `2023년 6월까지`, `2022년부터
# 2023년까지`, `3월 4일 이후`), written the Chinese way for zh.date_filter (`2023年以来`, `2021年以前`,
# `2022年到2023年`, `3月4日以来`); a year alone counts here, as the word after it says it is a date
_SPAN_DATE_KO = re.compile(r"(?<!\d)(?:(?P<year>(?:19|20)\d\d)\s*년)?(?:\s*(?P<month>\d{1,2})\s*월)?"
                           r"(?:\s*(?P<day>\d{1,2})\s*일)?")
_LATER_DATE_KO = re.compile(r"\s*(?:(?P<year>(?:19|20)\d\d)\s*년)?(?:\s*(?P<month>\d{1,2})\s*월)?(?:\s*(?P<day>\d{1,2})\s*일)?")
_FROM_KO = re.compile(r"\s*(?:이후|이래|부터)(?:에|의|에는)?")
_BEFORE_KO = re.compile(r"\s*(?:이전|전)(?:에|의|에는)?")
_UNTIL_KO = re.compile(r"\s*까지(?:의|에)?")


def _written_ko(m: re.Match) -> str:
    """A date of _SPAN_DATE_KO or _LATER_DATE_KO written the Chinese way as far as it goes (`2023年3月`,
    `6月`)."""
    return "".join(f"{int(m.group(g))}{zh}" for g, zh in (("year", "年"), ("month", "月"), ("day", "日"))
                   if m.group(g))


def _span_korean(question: str) -> tuple[str, int, int] | None:
    """The first span a Korean question names, written the Chinese way, with where it starts and
    ends; None when it names none. A date of no year (`3월 4일 이후`) is the last such day up to
    today, as in Chinese (zh.written_out_dates)."""
    for m in _SPAN_DATE_KO.finditer(question):
        written = _written_ko(m)
        if not (m.group("year") or m.group("month")) or not date_filter(written):
            continue
        opened = _FROM_KO.match(question, m.end())
        if opened and opened.group().strip().startswith("부터"):
            last = _LATER_DATE_KO.match(question, opened.end())
            until = _UNTIL_KO.match(question, last.end()) if last and last.group().strip() else None
            span = written_range(written, _written_ko(last)) if until else None
            if span:
                return span, m.start(), until.end()
        if opened:
            return f"{written}以来", m.start(), opened.end()
        closed = _BEFORE_KO.match(question, m.end())
        if closed:
            return f"{written}以前", m.start(), closed.end()
        until = _UNTIL_KO.match(question, m.end())
        if until and written_through(written):
            return written_through(written), m.start(), until.end()
    return None


def _written(m: re.Match) -> str:
    """A date matched by _DATE_KO written the Chinese way (`2020年3月4日`), a day that is none as it
    is (`2月30日`); "" for a month alone without its year."""
    year, month, day, part = m.group("year"), int(m.group("month")), m.group("day"), m.group("part")
    if not (day or year or part):
        return ""
    return ((f"{int(year)}年" if year else "") + f"{month}月" + (f"{int(day)}日" if day else "")
            + (_MONTH_PART_ZH[part] if part else ""))


def date_that_is_none_korean(question: str) -> str | None:
    """The first session date a Korean question names that no calendar has (`2월 30일 학습`),
    written the Chinese way (`2月30日`); None if none."""
    found = list(_DATE_KO.finditer(question))
    if not (mentions_studying_korean(question) or is_date_alone(question, found)):
        return None
    return first_that_is_none(map(_written, found))


# Dates listed together (`3월 4일과 3월 11일 학습`, `3월 4일과 11일`): a day alone is in the month before it.
_JOINER_KO = re.compile(r"\s*(?:과|와|하고|이랑|랑|및|또는|,|，)\s*")
_DAY_ALONE_KO = re.compile(r"(\d{1,2})\s*일(?:에|의|에는)?")


def _date_at(question: str, at: int) -> tuple[str, int] | None:
    found = _DATE_KO.match(question, at)
    if not (found and found.group("day")):
        return None
    year = found.group("year")
    return (f"{int(year)}年" if year else "") + f"{int(found.group('month'))}月{int(found.group('day'))}日", found.end()


_WHEN_KO = re.compile(r"언제|며칠|몇\s*월\s*며칠|어느\s*날|무슨\s*요일")
_WHERE_HOW_KO = re.compile(r"주제|어디|장소|방식|형식|온라인|오프라인")


def asks_when_studied_korean(question: str) -> bool:
    """`생물안전은 언제 학습했나요?`: the answer is dates (zh.asks_when_studied)."""
    return bool(_WHEN_KO.search(question) and _STUDIED_KO.search(question))


def asks_about_session_korean(question: str) -> bool:
    """When, where, how or on what topic something was studied (`3월 11일 학습의 주제는?`): the answer
    is in the session's header (zh.asks_about_session)."""
    return asks_when_studied_korean(question) or bool(_WHERE_HOW_KO.search(question)
                                                      and _STUDIED_KO.search(question))


# Words that ask about the sessions themselves (`학습한 연설은 어느 것인가요?`, `학습의 주제는 무엇이었나요?`),
# matched at the start of each word, whatever ending follows.
_SESSION_WORD_KO = re.compile(r"(?:학습|공부|배[웠운우]|연설|주제|자료|내용|무엇|무슨|어느|어떤|것|어디|장소|언제|방식|형식|"
                              r"온라인|오프라인|몇|며칠|집중|지부|우리|했|하였|이었|였)")


def asks_for_sessions_korean(content: str) -> bool:
    """True when a Korean question names nothing to look for once its date is a filter, only asks
    what was studied, where or on what topic: the answer is the sessions (zh.asks_for_sessions)."""
    words = _HANGUL_RUN.findall(content)
    return bool(words) and all(_SESSION_WORD_KO.match(word) for word in words)


# Words Korean takes from English, which no Sino-Korean reading reaches (`백신` is no 疫苗 read aloud):
# the Chinese the records write for them
LOANWORDS_KO = {"백신": "疫苗", "바이러스": "病毒", "데이터": "数据", "빅데이터": "大数据", "인터넷": "互联网",
                "디지털": "数字", "플랫폼": "平台", "마스크": "口罩", "시스템": "系统", "네트워크": "网络",
                "프로젝트": "项目", "센터": "中心", "에너지": "能源", "온라인": "线上", "오프라인": "线下",
                "코로나": "新冠", "클라우드": "云计算", "스마트": "智能", "로봇": "机器人", "칩": "芯片",
                "반도체": "半导体", "배터리": "电池", "드론": "无人机", "이커머스": "电子商务", "팬데믹": "大流行"}


def units(question: str, present: Callable[[list[str]], list[str]]) -> list[Unit]:
    """The question's syllable pairs as units (rag/crosslingual.py `Unit`), each with the bigrams
    read that way that `present` (bigrams -> those the collection holds) keeps; a pair that no
    bigram of the collection is read as is left out. A loanword (LOANWORDS_KO) is a unit of the
    bigrams of the Chinese for it."""
    table = chars_by_reading()
    out = []
    for word, chinese in LOANWORDS_KO.items():
        if word in question:
            held = present([chinese[i:i + 2] for i in range(len(chinese) - 1)] or [chinese])
            if held:
                out.append(Unit(word, held))
    for pair in syllable_pairs(question):
        first, second = table.get(pair[0], ""), table.get(pair[1], "")
        held = present([a + b for a in first for b in second]) if first and second else []
        if held:
            out.append(Unit(pair, held))
    return out


# A session named by its place in time (`지난 학습에서`, `마지막 학습`, `첫 번째 학습`), as
# zh.split_session_order reads `上次学习`: the order word right before a word for the session.
_ORDER_NUMBERS_KO = {"첫": 1, "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6}
_SESSION_ORDER_KO = re.compile(
    r"(?:(?P<before_last>지지난번|지지난)|(?P<last>지난번|지난|마지막|가장\s*최근의?|최근|직전)|(?P<first>처음|첫)(?:\s*번째)?|"
    r"(?P<nth>\d{1,2}|두|세|네|다섯)\s*번째)\s*(?:의\s*)?(?=학습|공부|세션|모임)")


_LAST_TIME_KO = re.compile(r"(지지난번|지난번|저번)(?!\s*(?:주|달|해|\d))\s*(?:에는|에|의)?")


def split_session_order_korean(question: str) -> tuple[int | None, str]:
    """(which session a Korean question names by its order: 1 the first by date, -1 the latest;
    or None) and the question without the order words."""
    m = _SESSION_ORDER_KO.search(question)
    if not m:
        # `지난번에 무엇을 학습했나요?`, `저번에 배운 내용`: last time (`지지난번`: the time before)
        alone = _LAST_TIME_KO.search(question) if mentions_studying_korean(question) else None
        if alone:
            return (-2 if alone.group(1).startswith("지지") else -1,
                    _cut(question, alone.start(), alone.end()))
        return None, question
    nth = m.group("nth")
    order = -2 if m.group("before_last") else -1 if m.group("last") else 1 if m.group("first") else (
        int(nth) if nth.isdigit() else _ORDER_NUMBERS_KO[nth])
    if order == 0:
        return None, question
    return order, _cut(question, m.start(), m.end())


# Several sessions named by their order (`최근 두 번의 학습`, `지난 3회 학습`, `처음 두 번의 학습`), as
# zh.split_sessions_counted reads `最近两次学习`
_SESSIONS_COUNTED_KO = re.compile(r"(?:(?P<last>최근|지난|마지막|직전)|(?P<first>처음|맨\s*처음))\s*(?:의\s*)?"
                                  r"(?P<count>\d{1,2}|두|세|네|다섯|여섯)\s*(?:번|회)(?!\s*째)(?:\s*의)?\s*"
                                  r"(?=학습|공부|세션|모임)")


def split_sessions_counted_korean(question: str) -> tuple[int | None, str]:
    """(how many of the latest (-n) or earliest (n) sessions a Korean question names, or None) and
    the question without those words."""
    m = _SESSIONS_COUNTED_KO.search(question)
    if not m:
        return None, question
    written = m.group("count")
    count = signed_count(int(written) if written.isdigit() else _ORDER_NUMBERS_KO[written], bool(m.group("last")))
    if count is None:
        return None, question
    return count, _cut(question, m.start(), m.end())


# A year, month or week said relative to today (`작년 학습에서`, `지난달 학습의 주제`, `지난주 학습`), or a
# span up to today (`최근 3개월 동안`, `지난 1년간`, `최근 두 달`), in a question about studying: (unit,
# how many back), as zh.written_out_dates reads `去年`
# (`재작년`, `지지난…`: the one before; the longer word is matched first)
_RELATIVE_KO = {"재작년": ("year", 2), "지지난해": ("year", 2), "지지난달": ("month", 2), "지지난 달": ("month", 2),
                "지지난주": ("week", 2), "지지난 주": ("week", 2),
                "작년": ("year", 1), "지난해": ("year", 1), "올해": ("year", 0), "금년": ("year", 0),
                "지난달": ("month", 1), "지난 달": ("month", 1), "이번 달": ("month", 0), "이번달": ("month", 0),
                "저번 달": ("month", 1), "저번달": ("month", 1), "지난주": ("week", 1), "지난 주": ("week", 1), "저번 주": ("week", 1), "저번주": ("week", 1),
                "이번 주": ("week", 0), "이번주": ("week", 0), "금주": ("week", 0)}
_NUMBERS_KO = {"한": 1, "두": 2, "세": 3, "석": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9, "열": 10,
               "일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "칠": 7, "팔": 8, "구": 9, "십": 10}
_SPAN_UNITS_KO = {"일": "day", "주": "week", "주일": "week", "개월": "month", "달": "month", "년": "year", "해": "year"}
_SPAN_KO = re.compile(r"(?:최근|지난|요\s*근래)\s*(?:(\d{1,3}|" + "|".join(sorted(_NUMBERS_KO, key=len, reverse=True)) +
                      r")\s*(주일|개월|일|주|달|년|해)|(반년))\s*(?:간|동안|사이)?(?:에|의|에는)?")
_RELATIVE_KO_RE = re.compile("(?:" + "|".join(sorted(_RELATIVE_KO, key=len, reverse=True)) + r")(?:에는|에|의)?")


# A year said relative to today that opens or closes a span, or holds a month (`2023년부터 작년까지`,
# `작년 3월 학습`, `올해 이후`): written out (`2025년`) before the question's dates are read, as
# zh.written_out_dates writes `去年`
_RELATIVE_YEAR_KO = {"재작년": -2, "작년": -1, "지난해": -1, "올해": 0, "금년": 0}
_RELATIVE_YEAR_IN_DATE_KO = re.compile(r"(재작년|작년|지난해|올해|금년)(?=\s*(?:\d{1,2}\s*월|상반기|하반기|(?:제\s*)?[1-4]\s*분기|부터|까지|이후|이전|이래|에서\s*\d))")


def written_out_korean(question: str, today) -> str:
    """`2023년부터 작년까지 학습` -> `2023년부터 2025년까지 학습` (today in 2026); the question as it is
    when no such year is said."""
    return _RELATIVE_YEAR_IN_DATE_KO.sub(lambda m: f"{today.year + _RELATIVE_YEAR_KO[m.group(1)]}년", question or "")


# `3주 전`, `두 달 전`, `1년 전`: that week, month or year back; `지난 수요일`: the last Wednesday
_AGO_KO = re.compile(r"(\d{1,2}|" + "|".join(sorted(_NUMBERS_KO, key=len, reverse=True)) + r")\s*(주일|주|개월|달|년|해)\s*전(?:에|의)?")
_WEEKDAYS_KO = "월화수목금토일"
_WEEKDAY_KO = re.compile(r"(?:지난|저번)\s*([" + _WEEKDAYS_KO + r"])요일(?:에|의)?")


def split_relative_date_korean(question: str) -> tuple[tuple | None, str]:
    """((unit, back) of a year, month or week said relative to today, or of a span up to today, or
    None) and the question without it."""
    if not mentions_studying_korean(question):
        return None, question
    ago = _AGO_KO.search(question)
    if ago and (ago.group(1).isdigit() or ago.group(1) in _NUMBERS_KO):
        count = int(ago.group(1)) if ago.group(1).isdigit() else _NUMBERS_KO[ago.group(1)]
        if count:
            return ((_SPAN_UNITS_KO[ago.group(2)], count),
                    _cut(question, ago.start(), ago.end()))
    day = _WEEKDAY_KO.search(question)
    if day:
        return (("weekday", 0, _WEEKDAYS_KO.index(day.group(1)) + 1),
                _cut(question, day.start(), day.end()))
    span = _SPAN_KO.search(question)
    if span and (span.group(3) or (span.group(1).isdigit() or span.group(1) in _NUMBERS_KO)):
        count = 6 if span.group(3) else (int(span.group(1)) if span.group(1).isdigit() else _NUMBERS_KO[span.group(1)])
        unit = "month" if span.group(3) else _SPAN_UNITS_KO[span.group(2)]
        if count:
            return ("past-" + unit, count), _cut(question, span.start(), span.end())
    m = _RELATIVE_KO_RE.search(question)
    if not m:
        return None, question
    word = next(w for w in sorted(_RELATIVE_KO, key=len, reverse=True) if m.group().startswith(w))
    return _RELATIVE_KO[word], _cut(question, m.start(), m.end())
