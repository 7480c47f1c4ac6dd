"""Japanese questions about the sessions: their dates, and whether they ask when, where or what
was studied.

A Japanese question writes dates as the records do (`2020年3月4日`, `3月中旬`) and is read in
simplified characters before it gets here (`学習` is 学习, `講話` 讲话), so zh.split_session_date
reads most of its dates already; `3月11日には…学習しましたか` (a particle after the date, the study word
further on) is read here. `いつ`, `どこ`, `テーマ`, `何を学習しましたか` are read as zh.asks_when_studied,
zh.asks_about_session and zh.asks_for_sessions read them in Chinese. Every check needs kana, so a
Chinese question is never read as Japanese. Words are otherwise left to the sentence model."""
from __future__ import annotations

import re

from .zh import date_filter, dates_listed_after, find_date, signed_count, written_range, written_through

_KANA = re.compile(r"[\u3041-\u309f\u30a0-\u30ff]")
_STUDIED = re.compile(r"学[習习]|勉[強强]|学[びんぶべ]")
_AFTER_DATE = re.compile(r"(?:に[はも]?|で[はも]?|の)?")
_WHEN = re.compile(r"いつ|何日|何月何日|日付|日にち")
_WHERE_HOW = re.compile(r"どこ|[場场]所|オンライン|オフライン|[対对]面|形式|どのような形|テーマ|主[題题]")
# What a question that asks only what was studied is made of, once its date is read (`には何を学習
# しましたか？`, `にはどの講話を学習しましたか？`, `の学習会ではどんな資料を学びましたか？`).
_SESSION_ONLY = re.compile(r"学[習习]会?|勉[強强]会?|学[びんぶ]|[講讲]話|[讲講]话|演[説说]|スピーチ|[資资]料|内容|"
                           r"テーマ|主[題题]|集[団团]|支部|うちの|私たち|我々|何|なに|どんな|どの|どれ|ような|"
                           r"でしたか|ましたか|ですか|しました|した|でした|ました|し|は|に|で|を|が|か|も|の|会|回|"
                           r"[？?。、！!\s]")


def is_japanese(question: str) -> bool:
    return bool(_KANA.search(question))


def mentions_studying_japanese(question: str) -> bool:
    """`学習`, `勉強`, `学びました`…: the question is about the sessions."""
    return is_japanese(question) and bool(_STUDIED.search(question))


# Halves and quarters of a year as Japanese says them (`2024年上半期`, `第3四半期`), in the Chinese
# words zh.find_date reads (`上半年`, `第3季度`)
_HALVES_AND_QUARTERS = re.compile(r"(?<=年)(?:(上|下)半期|第?([1-4１-４一二三四])四半期)")


def _as_chinese(m: re.Match) -> str:
    return f"{m.group(1)}半年" if m.group(1) else f"第{m.group(2)}季度"


def split_session_date_japanese(question: str) -> tuple[str | None, str]:
    """(the session date a Japanese question about studying names, written as the records write
    it for zh.date_filter, or None) and the question without it and the particle after it."""
    if not mentions_studying_japanese(question):
        return None, question
    question = _HALVES_AND_QUARTERS.sub(_as_chinese, question)
    m = find_date(question)
    if not m:
        return None, question
    span = _span_after(question, m.group().strip(), m.end())
    if span:
        written, end = span
        listed = [written]
    else:
        listed, end = dates_listed_after(question, m.group().strip(), m.end(), _JOINER, _date_at, _DAY_ALONE)
    end = _AFTER_DATE.match(question, end).end()     # with the particle after it
    return "和".join(listed), (question[:m.start()] + question[end:]).strip()


# A span a date opens or closes (`2023年以降`, `2021年より前`, `2023年6月まで`, `2022年から2023年まで`),
# written the Chinese way for zh.date_filter (`2023年以来`, `2021年以前`, `2022年到2023年`)
_FROM_JA = re.compile(r"\s*(?:以降|以来|以後|より後|から)")
_BEFORE_JA = re.compile(r"\s*(?:以前|より前)")
_UNTIL_JA = re.compile(r"\s*までに?")


_MONTH_OR_DAY_JA = re.compile(r"\s*(\d{1,2}月(?:\d{1,2}日)?|\d{1,2}日)")


def _span_after(question: str, written: str, end: int) -> tuple[str, int] | None:
    """The span the date `written` (ending at `end`) opens or closes, written the Chinese way, and
    where it ends; None when it opens or closes none. A second date after `から` may leave out what
    the first says (`2023年3月から6月まで`: zh.written_range); a date of no year (`3月4日以降`) is the
    last such day up to today, as in Chinese (zh.written_out_dates)."""
    if not date_filter(written):
        return None
    opened = _FROM_JA.match(question, end)
    if opened and opened.group().strip() == "から":
        last = _date_at(question, opened.end())
        if not last:
            alone = _MONTH_OR_DAY_JA.match(question, opened.end())
            last = (alone.group(1), alone.end()) if alone else None
        until = _UNTIL_JA.match(question, last[1]) if last else None
        span = written_range(written, last[0]) if until else None
        if span:
            return span, until.end()
    if opened:
        return f"{written}以来", opened.end()
    closed = _BEFORE_JA.match(question, end)
    if closed:
        return f"{written}以前", closed.end()
    until = _UNTIL_JA.match(question, end)
    if until and written_through(written):
        return written_through(written), until.end()
    return None


# Dates listed together (`3月4日と3月11日の学習`, `3月4日と11日`): a day alone is in the month before it.
_JOINER = re.compile(r"\s*(?:と|、|および|及び|や|か|,|，)\s*")
_DAY_ALONE = re.compile(r"(\d{1,2})日")


def _date_at(question: str, at: int) -> tuple[str, int] | None:
    found = find_date(question[at:])
    return (found.group().strip(), at + found.end()) if found and found.start() == 0 else None


def asks_when_studied_japanese(question: str) -> bool:
    """`…を学習したのは何日でしたか？`: the answer is dates (zh.asks_when_studied)."""
    return mentions_studying_japanese(question) and bool(_WHEN.search(question))


def asks_about_session_japanese(question: str) -> bool:
    """When, where, in what form or on what topic something was studied (`3月4日の学習会はどこで
    行われましたか？`): the answer is in the sessions' headers (zh.asks_about_session)."""
    return asks_when_studied_japanese(question) or (mentions_studying_japanese(question)
                                                    and bool(_WHERE_HOW.search(question)))


def asks_for_sessions_japanese(content: str) -> bool:
    """True when a Japanese question, its date read, asks only what was studied: the answer is
    the sessions themselves (zh.asks_for_sessions)."""
    return mentions_studying_japanese(content) and not _SESSION_ONLY.sub("", content)


# A session named by its place in time (`前回の学習`, `最初の学習会`, `第2回の学習`, `3回目の勉強会`), as
# zh.split_session_order reads `上次学习`: the order word right before a word for the session.
_SESSION_ORDER = re.compile(
    r"(?:(?P<last>前回|最後|最新|直近|この前)|(?P<first>最初|初回)|第(?P<nth>\d{1,2})回|(?P<nth_count>\d{1,2})回目)"
    r"の?(?=学[習习]|勉[強强])")


_LAST_TIME_JA = re.compile(r"(前々回|前回)(?:は|に|で|の)?")


def split_session_order_japanese(question: str) -> tuple[int | None, str]:
    """(which session a Japanese question names by its order: 1 the first by date, -1 the latest;
    or None) and the question without the order words."""
    if not is_japanese(question):
        return None, question
    m = _SESSION_ORDER.search(question)
    if not m:
        # `前回は何を学習しましたか？`: last time (`前々回`: the time before), said apart from the session word
        alone = _LAST_TIME_JA.search(question) if mentions_studying_japanese(question) else None
        if alone:
            return -2 if alone.group(1) == "前々回" else -1, (question[:alone.start()] + question[alone.end():]).strip()
        return None, question
    order = -1 if m.group("last") else 1 if m.group("first") else int(m.group("nth") or m.group("nth_count"))
    if order == 0:
        return None, question
    return order, (question[:m.start()] + question[m.end():]).strip()


# Several sessions named by their order (`直近2回の学習`, `最近の3回の勉強会`, `最初の2回の学習`), as
# zh.split_sessions_counted reads `最近两次学习`
_SESSIONS_COUNTED = re.compile(r"(?:(?P<last>直近|最近|最後|最新|この)|(?P<first>最初|初め|はじめ))の?"
                               r"(?P<count>\d{1,2}|[二三四五六七八九十])回(?!目)(?:分)?の?(?=学[習习]|勉[強强])")


def split_sessions_counted_japanese(question: str) -> tuple[int | None, str]:
    """(how many of the latest (-n) or earliest (n) sessions a Japanese question names, or None)
    and the question without those words."""
    if not is_japanese(question):
        return None, question
    m = _SESSIONS_COUNTED.search(question)
    if not m:
        return None, question
    written = m.group("count")
    count = signed_count(int(written) if written.isdigit() else _NUMBERS_JA[written], bool(m.group("last")))
    return (count, (question[:m.start()] + question[m.end():]).strip()) if count is not None else (None, question)


# A year, month or week said relative to today (`先月の学習`, `昨年の勉強会`, `先週の学習`; 去年 and 今年 are
# read as in Chinese), or a span up to today (`最近3か月の学習`, `過去1年間に`, `この半年`), in a
# question about studying: (unit, how many back)
_RELATIVE = {"先月": ("month", 1), "今月": ("month", 0), "昨年": ("year", 1), "去年": ("year", 1),
             "今年": ("year", 0), "先週": ("week", 1), "今週": ("week", 0), "先々週": ("week", 2)}
_RELATIVE_RE = re.compile("(" + "|".join(sorted(_RELATIVE, key=len, reverse=True)) + r")(?:に[はも]?|の)?")
_NUMBERS_JA = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11,
               "十二": 12}
_SPAN_UNITS_JA = {"日": "day", "日間": "day", "週": "week", "週間": "week", "年": "year", "年間": "year"}
_SPAN_JA = re.compile(r"(?:最近|過去|ここ|この)の?\s*(?:(\d{1,3}|十[一二]?|[一二三四五六七八九])\s*"
                      r"(か月|ヶ月|ケ月|カ月|ヵ月|箇月|ヶ月間|か月間|日間|週間|年間|日|週|年)|(半年))(?:間)?(?:に[はも]?|で[はも]?|の)?")


# (not an era's year, `令和5年前半`: the first half of Reiwa 5)
_AGO_JA = re.compile(r"(?<![\d和成正治])(\d{1,2}|十[一二]?|[一二三四五六七八九])\s*(週間|か月|ヶ月|ケ月|カ月|ヵ月|年)前(?!半)"
                     r"(?:に[はも]?|の)?")
_LAST_WEEK_DAY_JA = re.compile(r"先週の?([月火水木金土日])曜日?(?:に[はも]?|の)?")


def split_relative_date_japanese(question: str) -> tuple[tuple | None, str]:
    """((unit, back) of a year, month or week said relative to today, or of a span up to today, or
    None) and the question without it."""
    if not mentions_studying_japanese(question):
        return None, question
    span = _SPAN_JA.search(question)
    if span:
        count = 6 if span.group(3) else (int(span.group(1)) if span.group(1).isdigit() else _NUMBERS_JA[span.group(1)])
        unit = "month" if span.group(3) or "月" in span.group(2) else _SPAN_UNITS_JA[span.group(2)]
        if count:
            return ("past-" + unit, count), (question[:span.start()] + question[span.end():]).strip()
    ago = _AGO_JA.search(question)
    if ago:     # `2週間前`, `3か月前`, `1年前`: that week, month or year back
        count = int(ago.group(1)) if ago.group(1).isdigit() else _NUMBERS_JA[ago.group(1)]
        unit = "month" if "月" in ago.group(2) else "week" if "週" in ago.group(2) else "year"
        if count:
            return (unit, count), (question[:ago.start()] + question[ago.end():]).strip()
    day = _LAST_WEEK_DAY_JA.search(question)
    if day:     # `先週の水曜日`: that day of last week, as 上周三
        return ("week", 1, "月火水木金土日".index(day.group(1)) + 1), (question[:day.start()] + question[day.end():]).strip()
    m = _RELATIVE_RE.search(question)
    if not m:
        return None, question
    return _RELATIVE[m.group(1)], (question[:m.start()] + question[m.end():]).strip()
