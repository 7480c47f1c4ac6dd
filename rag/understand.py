"""What a question asks before any passage is scored: a session date or place it names (made
filters), and whether it asks for the sessions themselves, when they were or where, in each
language StudyQA reads; `Understood` holds it for the page and the CLI to show."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, fields
from typing import NamedTuple
from datetime import date

from . import korean
from .crosslingual import (asks_about_session_english, asks_for_sessions_english, asks_when_studied_english,
                           date_alone_english, date_that_is_none_english, mentions_studying_english,
                           split_neighbour_session_english, split_session_date_english, split_relative_date_english,
                           split_session_order_english, split_session_place_english,
                           split_session_place_latin, split_sessions_counted_english, written_out_english)
from .european import (asks_about_session_european, asks_for_sessions_european, asks_when_studied_european,
                       date_alone_european, date_that_is_none_european, mentions_studying_european,
                       split_session_date_european, split_relative_date_european, split_session_order_european,
                       split_sessions_counted_european, written_out_european)
from .filters import (DATE_KEYS, come_by_today, date_passes, date_range, describe_date, describe_relative,
                      relative_filter)
from .japanese import (asks_about_session_japanese, asks_for_sessions_japanese, asks_when_studied_japanese,
                       mentions_studying_japanese, split_relative_date_japanese, split_session_date_japanese,
                       split_session_order_japanese, split_sessions_counted_japanese)
from .outline import Outline, Part
from .zh import (asks_about_session, asks_for_sessions, asks_whether_held, asks_only_what_was_said, asks_when_studied, cjk_share, date_filter, date_that_is_none,
                 format_date_cn, neighbour_cn, order_cn, place_name_parts, says_an_order, session_words_written, sessions_counted_cn, split_neighbour_session,
                 split_relative_date, split_session_date, split_session_order, split_session_place, split_sessions_counted, why_not_a_date, written_out_dates,
                 session_topic_named, topic_holds)


# A question longer than this is a text pasted in: its first characters are read (the model reads
# 512 tokens of it at most, and reading dates and places in 50 k characters took seconds)
MAX_QUESTION_CHARS = 2000


class Neighbour(NamedTuple):
    """A session named as the next after, or the one before, a session a date names
    (`3月4日那次之后，下一次学习…`, `the session after March 4`)."""
    direction: int          # +1 the next, -1 the one before
    written: str            # the date named, in Chinese (`3月4日`)
    dates: tuple            # the session dates it stands for: none when the records hold no such session
    written_en: str = ""    # the date as an English question wrote it (`March 4`)


@dataclass
class Understood:
    """What the search made of a question, for the UI to show."""
    filters: dict
    from_question: dict | None       # date filter read from the question itself, if any
    content: str = ""                # the question without that date: what passages are matched on
                                     # (but for an English term alone: `term_alone`)
    # English words of the question -> their Chinese translations found in the collection
    translations: list = field(default_factory=list)
    term_alone: str = ""             # an English question that is one term: matched on this, as written
    simplified: str = ""             # the question in simplified characters, when typed in traditional
    sessions: bool = False           # the question names no content: the sessions are listed
    sessions_found: int = 0          # …and how many sessions pass the filters (the listing shows k of them)
    studied_on: list = field(default_factory=list)   # a "when did we study X?" question: the hits' dates
    # `最近一次学习X是哪天？`, `When did we first study X?`: the last (or first) of those dates
    studied_last: str = ""
    studied_first: str = ""
    place_from_question: str = ""    # place filter read from the question itself, if any
    topic_named: str = ""            # a session named by its topic (`以…为主题的那期`): the dates are its sessions'
    # a session question naming the session by what it studied (`习近平在部署会议上的讲话是哪天学的？`):
    # the sessions whose topic holds it come first (search.NAMED_TOPIC_WEIGHT)
    session_named: str = ""
    # a session date read from the question that no session falls on: not applied (`2019年那次
    # 座谈会…` when nothing was studied in 2019: the date belongs to what is asked about)
    unmatched_date: dict | None = None
    # the filters let no passage through: why, in words, with what the records do hold
    nothing_passes: str = ""
    # short or full forms the question names, each matched in its other form too (zh.ABBREVIATIONS)
    other_forms: list = field(default_factory=list)
    # everyday words of the question with the records' written forms of each (zh.spoken_forms)
    spoken_forms: list = field(default_factory=list)
    # a session named by its order (`上次学习`, `第一次学习`, `the last session`): 1 the first by
    # date, -1 the latest (zh.split_session_order), and the date it stands for ("" when the records
    # hold fewer sessions than that: then it is not applied)
    session_order: int | None = None
    order_date: str = ""
    # a session named as the next after, or the one before, another (no date applied when the
    # records hold no such session)
    neighbour: Neighbour | None = None
    dates_counted: int = 0           # how many session dates the order was counted among
    counted_within: str = ""         # the date filter they passed, when one did (`2020年第一次学习`)
    dates_after_today: int = 0       # session dates after today left out of `上次学习`'s count
    # several sessions named by their order (`最近三次学习`, `the first two sessions`): -n the last n,
    # n the first n, and the dates they stand for (none when the records hold fewer)
    sessions_counted: int | None = None
    counted_dates: list = field(default_factory=list)
    # `网格化管理学过几次？`: the term asked about, when it is one, and the dates of every session
    # (passing the filters) whose text or topic holds it as written (sessions.sessions_holding)
    term: str = ""
    term_dates: list = field(default_factory=list)
    term_also: tuple = ()            # its other forms counted with it (深改委: 中央全面深化改革委员会)
    # a date said relative to today (`上周`, `最近三个月`, `the past year`): filters.relative_filter's
    # (unit, back[, day of the week]), for the page to name it beside the dates it stands for
    relative: tuple | None = None
    # a date the question writes that no calendar has (`2020年2月30日`, `February 30, 2020`), written the
    # Chinese way: not read as a session date, and the page says why
    not_a_date: str = ""
    given_over_question: tuple = ()  # what the question named that the filters given replace: (cn, en)
    # `讲话分为哪几个部分？`: the section headings of the speech holding the best hit (rag/outline.py)
    outline: Outline | None = None
    # `讲话的第二部分讲了什么？`: that part (rag/outline.py Part), whose passages are the hits; or the
    # part asked for (1 the first, -1 the last) when the speech has none such
    part: Part | None = None
    no_such_part: tuple = ()             # (the part asked for, how many the speech found has)
    cut_from: int = 0                    # a question longer than MAX_QUESTION_CHARS: how long it was
    # `…重点工作里，第二点是什么？`: the item asked for by its place in a list (rag/lists.py), and how
    # many items the question says the list has (0: not said)
    list_item: int = 0
    list_size: int = 0

    def to_dict(self) -> dict:
        """For JSON: the fields, and `description`, the line the UI and the CLI show."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        if self.outline is not None:
            values["outline"] = self.outline.to_dict()
        if self.part is not None:
            values["part"] = self.part.to_dict()
        return {**values, "description": self.describe()}

    def listed(self) -> bool:
        """The hits are listed in the records' order (sessions by date, a speech's part), not scored."""
        return self.sessions or self.part is not None

    def describe(self, outline: bool = True) -> str:
        """What was understood, in one line (`outline=False`: without the speech's outline, which the
        page shows as a list of its own)."""
        described = self._describe_filters()
        if self.cut_from:
            described = "; ".join(filter(None, [f"问题共 {self.cut_from} 字，只读前 {MAX_QUESTION_CHARS} 字 the question has "
                                                f"{self.cut_from} characters; its first {MAX_QUESTION_CHARS} are read",
                                                described]))
        if self.simplified:
            described = "; ".join(filter(None, [f"简体 read in simplified characters: {self.simplified}",
                                                described]))
        if self.sessions:
            found = (f"（共 {self.sessions_found} 次学习 {self.sessions_found} "
                     f"session{'s' if self.sessions_found != 1 else ''}）" if self.sessions_found else "")
            # (without a date filter the latest come first: the k listed are the most recent)
            order = ("从近到远 newest first" if not any(self.filters.get(key) for key in DATE_KEYS)
                     else "从早到晚 oldest first")
            described = "; ".join(filter(None, [described, f"问题未指明内容，按日期（{order.split()[0]}）列出各次学习的记录头和"
                                                f"开头{found} the question names no content: each session's header "
                                                f"and opening, by date, {order.split()[1]} {order.split()[2]}"]))
        # (counted within the dates given: those are what was searched, not every session)
        where = (("筛选范围内", "within the filters", "已在筛选范围内检索", "the sessions within the filters were searched")
                 if self.counted_within else ("记录中", "in the records", "已在全部记录中检索", "all sessions were searched"))
        if self.neighbour and not self.neighbour.dates:
            cn, en = neighbour_cn(self.neighbour.direction, self.neighbour.written, self.neighbour.written_en)
            described = "; ".join(filter(None, [described, f"记录中没有{cn}，已在全部记录中检索 the records hold no "
                                                           f"{en.removeprefix('the ')}; all sessions were searched"]))
        if self.session_order is not None and not self.order_date:
            described = "; ".join(filter(None, [described, "%s没有%s（共 %d 个学习日期 session dates），%s no such session %s; %s"
                                                % (where[0], order_cn(self.session_order), self.dates_counted, where[2],
                                                   where[1], where[3])]))
        if self.sessions_counted is not None and not self.counted_dates:
            described = "; ".join(filter(None, [described, "%s不足%s（共 %d 个学习日期 session dates），%s %s hold fewer "
                                                "sessions; %s" % (where[0], sessions_counted_cn(self.sessions_counted),
                                                                  self.dates_counted, where[2],
                                                                  "the filters" if self.counted_within else "the records",
                                                                  where[3])]))
        if self.not_a_date:
            why_cn, why_en = why_not_a_date(self.not_a_date)
            described = "; ".join(filter(None, [described, f"问题中的“{self.not_a_date}”不是有效日期（{why_cn}），"
                                                f"已在全部记录中检索 {_in_english(self.not_a_date)} is not a date "
                                                f"({why_en}); all sessions were searched"]))
        if self.unmatched_date:
            described = "; ".join(filter(None, [described, "问题中的日期（%s）没有对应的学习记录，已在全部记录中检索 "
                                                "no session falls on the date in the question; all sessions were searched"
                                                % ((f"{describe_relative(*self.relative)} = " if self.relative else "")
                                                   + describe_date(self.unmatched_date))]))
        if self.nothing_passes:
            described = "; ".join(filter(None, [described, self.nothing_passes]))
        if self.given_over_question:
            cn = "和".join(c for c, _ in self.given_over_question)
            en = " and ".join(e for _, e in self.given_over_question)
            described = "; ".join(filter(None, [described, f"问题中的{cn}未使用，按给定的筛选 the question's {en} "
                                                f"was not used: the filters given apply"]))
        if self.outline is not None and outline:
            described = "; ".join(filter(None, [described, self.outline.describe()]))
        if self.part is not None:
            described = "; ".join(filter(None, [described, self.part.describe()]))
        if self.no_such_part:
            wanted, has = self.no_such_part
            which = "最后一" if wanted < 0 else f"第{wanted}"
            why = (f"只有 {has} 个部分 has {has} parts" if has else "没有编号的小标题 has no numbered headings")
            described = "; ".join(filter(None, [described, f"找到的讲话没有{which}部分，它{why}；已按问题检索 "
                                                f"the speech found has no such part; the question was searched"]))
        if self.list_item:
            size_cn, size_en = (f"共{self.list_size}项的", f" of {self.list_size}") if self.list_size else ("", "")
            place_cn, place_en = ((f"第{self.list_item}项", f"item {self.list_item}") if self.list_item > 0
                                  else ("最后一项", "the last item") if self.list_item == -1
                                  else (f"倒数第{-self.list_item}项", f"item {-self.list_item} from the end"))
            described = "; ".join(filter(None, [described, f"问的是{size_cn}列表中的{place_cn}，以它开头的段落在前 "
                                                f"{place_en} of a list{size_en} asked for: the paragraphs "
                                                f"opening it come first"]))
        held_nowhere = bool(self.term) and not self.term_dates
        if held_nowhere:
            # `量子计算学过几次？` where no record says it: the passages found are only near in
            # meaning, and their dates are no answer to "when"
            within, within_en = ("在筛选范围内", " within the filters") if self.filters else ("", "")
            described = "; ".join(filter(None, [described, f"{within}没有学习记录的原文含“{self.term}” no session"
                                                f"{within_en} holds “{self.term}” as written"]))
        if self.studied_on and not self.term_dates:
            # (when the sessions holding the term are counted, those are the answer: the dates of
            # the few passages shown beside them read as a second, smaller answer)
            dates = "、".join(format_date_cn(d) for d in self.studied_on)
            said = "按意思找到的段落的日期 dates of the passages nearest in meaning" if held_nowhere else "学习日期 studied on"
            described = "; ".join(filter(None, [described, f"{said}: {dates}"]))
        # (of the sessions holding the term, when one is counted; else of the dates found)
        of_them = ("原文含该词的", "the last session holding it", "the first session holding it") \
            if self.term_dates else ("其中", "the last of them", "the first of them")
        if self.studied_last and not held_nowhere:
            described += f"; {of_them[0]}最近一次 {of_them[1]}: {format_date_cn(self.studied_last)}"
        if self.studied_first and not held_nowhere:
            described += f"; {of_them[0]}最早一次 {of_them[2]}: {format_date_cn(self.studied_first)}"
        if self.term_dates:
            described = "; ".join(filter(None, [described, _described_term_dates(self.term, self.term_dates,
                                                                                   self.term_also)]))
        if self.session_named:
            described = "; ".join(filter(None, [described, f"学习主题含“{self.session_named}”的学习优先 sessions whose "
                                                           "topic names it first"]))
        if self.other_forms:
            forms = "; ".join(f"{form} = {other}" for form, other in self.other_forms)
            described = "; ".join(filter(None, [described, f"简称与全称 short and full forms: {forms}"]))
        if self.spoken_forms:
            forms = "; ".join(f"{word} = {'/'.join(written)}" for word, written in self.spoken_forms)
            described = "; ".join(filter(None, [described, f"口语词也按书面说法检索 everyday words also matched as the "
                                                           f"records write them: {forms}"]))
        words = "; ".join(f"{english} → {'/'.join(chinese) if chinese else '（无 none）'}"
                          for english, chinese in self.translations
                          if not re.fullmatch(r"[\d.]+", english))       # a number stands for itself
        if words:
            label = ("韩文词 Korean words" if any(korean.has_hangul(english) for english, _ in self.translations)
                     else "英文词 English words")
            if self.term_alone:
                words += f"（按原文“{self.term_alone}”检索 searched as written）"
            described = "; ".join(filter(None, [described, f"{label}: {words}"]))
        return described

    def _describe_filters(self) -> str:
        parts = []
        f = self.filters
        within = f"（{self.counted_within} 之内 within）" if self.counted_within else ""
        if self.dates_after_today:
            n = self.dates_after_today
            within += (f"（不计今天以后的 {n} 个日期 not counting {n} session date{'s' if n != 1 else ''} "
                       "after today）")
        if self.neighbour and self.neighbour.dates:
            named = " ".join(neighbour_cn(self.neighbour.direction, self.neighbour.written, self.neighbour.written_en))
            parts.append(f"日期 date: {named} = {'、'.join(self.neighbour.dates)}")
        elif self.order_date:
            parts.append(f"日期 date: {order_cn(self.session_order)}{within} = {self.order_date}")
        elif self.counted_dates:
            parts.append(f"日期 date: {sessions_counted_cn(self.sessions_counted)}{within} = {'、'.join(self.counted_dates)}")
        elif self.topic_named and any(f.get(key) for key in DATE_KEYS):
            parts.append(f"日期 date: 学习主题为“{self.topic_named}”的学习 sessions on that topic = " + describe_date(f))
        elif any(f.get(key) for key in DATE_KEYS):
            named = f"{describe_relative(*self.relative)} = " if self.relative and self.from_question else ""
            parts.append("日期 date: " + named + describe_date(f))
        read = [bool(self.from_question)] * len(parts)      # which parts the question gave
        for key, label in (("place", "地点 place"), ("source", "文件 file")):
            if f.get(key):
                parts.append(f"{label}: {f[key]}")
                read.append(key == "place" and bool(self.place_from_question))
        if not parts:
            return ""
        origin = "（从问题中识别 read from the question）"
        if all(read):
            described = "筛选 Filters: " + "; ".join(parts) + origin
        else:       # `--place QQ` with `上次学习…`: only the date was read from the question
            described = "筛选 Filters: " + "; ".join(part + (origin if was_read else "") for part, was_read in zip(parts, read))
        if (self.from_question or self.place_from_question) and not self.sessions:
            described += f"; 检索内容 searching for: {self.content}"
        return described


def _described_term_dates(term: str, dates: list, also: tuple = ()) -> str:
    """`原文含“网格化管理”的学习 sessions holding it as written: 3 次 sessions（2020年3月11日、…）`, one date
    per session (`dates`: two sessions on a day give `2024年3月4日×2`, one without a date `日期不详`);
    a long list shows its first and last three, and the first and last dates are named."""
    sessions_on = Counter(dates)
    days = list(sessions_on)
    named = [format_date_cn(d) + (f"×{sessions_on[d]}" if sessions_on[d] > 1 else "") for d in days]
    shown = named if len(days) <= 8 else named[:3] + named[-3:]
    listed = "、".join(shown) if len(days) <= 8 else "、".join(shown[:3]) + "……" + "、".join(shown[3:])
    dated = [d for d in days if d]
    # the last up to today, as 上次 counts (a record dated later, a typo, is listed, not the last)
    come = come_by_today(dated)
    ends = (f"；最早 first {format_date_cn(dated[0])}，最近 last {format_date_cn(come[-1])}"
            if len(dated) > 1 else "")
    # counted, but said: the last is the last up to today, and a branch reporting its count should know
    now = date.today().isoformat()
    later = sum(sessions_on[d] for d in dated if d > now)
    if later:
        ends += f"（其中 {later} 次日期在今天以后 {later} of them dated after today）"
    cn = "”或“".join((term, *also))
    en = "” or “".join((term, *also))
    return f"原文含“{cn}”的学习 sessions holding “{en}” as written: {len(dates)} 次 sessions（{listed}）{ends}"


# The questions about the sessions themselves, as each language asks them: what was studied (the
# sessions are the answer), when, where or on what topic (their headers are), and whether a question
# is about studying at all (a date or place it names may then be a session's).
LISTS_SESSIONS = (asks_for_sessions, asks_for_sessions_english, korean.asks_for_sessions_korean,
                   asks_for_sessions_european, asks_for_sessions_japanese)
ASKS_WHEN_STUDIED = (asks_when_studied, asks_when_studied_english, korean.asks_when_studied_korean,
                      asks_when_studied_european, asks_when_studied_japanese)
ASKS_ABOUT_SESSION = (asks_about_session, asks_about_session_english, korean.asks_about_session_korean,
                       asks_about_session_european, asks_about_session_japanese)
MENTIONS_STUDYING = (mentions_studying_english, korean.mentions_studying_korean, mentions_studying_european,
                      mentions_studying_japanese)


def asks_of_the_header(content: str) -> bool:
    """Where, how or on what topic a session was held (`…是在哪里学的？`, `学习主题是什么？`): a field of
    its header answers, in any language. Not when (`哪天学的…？`): the date is on every hit, and the
    passages are the evidence of what was studied then."""
    return any_language(ASKS_ABOUT_SESSION, content) and not any_language(ASKS_WHEN_STUDIED, content)


# A session named by its order (`上次学习`, `the last session`, `지난 학습`, `前回の学習`, `la dernière séance`)
ORDER_SPLITS = (split_session_order, split_session_order_english, korean.split_session_order_korean,
                split_session_order_european, split_session_order_japanese)
# Several sessions named by their order (`最近三次学习`, `the last three sessions`, `최근 두 번의 학습`,
# `直近2回の学習`, `les deux dernières séances`): -n the last n, n the first n
COUNTED_SPLITS = (split_sessions_counted, split_sessions_counted_english, korean.split_sessions_counted_korean,
                  split_sessions_counted_european, split_sessions_counted_japanese)


# A year, month or week said relative to today, or a span up to today, in Chinese (weeks and spans:
# its years and months are written out, as they combine with a month and day: zh.written_out_dates),
# English, Korean, Japanese, French, German, Spanish or Russian
RELATIVE_SPLITS = (split_relative_date, split_relative_date_english, korean.split_relative_date_korean,
                   split_relative_date_japanese, split_relative_date_european)


def any_language(checks, text: str) -> bool:
    return any(check(text) for check in checks)


# The first date a question writes that no calendar has, per language (Japanese writes dates the
# Chinese way)
DATES_THAT_ARE_NONE = (date_that_is_none, date_that_is_none_english, korean.date_that_is_none_korean,
                       date_that_is_none_european)


def _in_english(written: str) -> str:
    """`2020年2月30日` as `2020-02-30`, `3月32日` as `03-32`: a date that is none in the digits any reader reads."""
    return "-".join(n if len(n) > 2 else n.zfill(2) for n in re.findall(r"\d+", written))


def foreign_session_date(question: str, today: date) -> tuple[dict | None, str]:
    """A session date named in an English, Korean, French, German, Spanish, Russian or Japanese
    question (`What did we study on March 4, 2020?`, `2020년 3월 4일 학습에서…`, `le 4 mars 2020`) as
    zh.split_session_date gives it for a Chinese one: (the filter, the question without the
    date), or (None, the question). A day of no year opening a span (`since March 4`, written
    `3月4日以来`) is the last such day up to `today`, as in Chinese."""
    for split in (split_session_date_english, korean.split_session_date_korean,
                  split_session_date_european, split_session_date_japanese):
        written, rest = split(question)
        if written:
            # `on March 4 and March 11`: written `3月4日和3月11日`, either date
            read = [date_filter(written_out_dates(one, today)) for one in written.split("和")]
            if not all(read):
                return None, question
            return (read[0] if len(read) == 1 else {"either": tuple(read)}), rest
    return None, question


def written_out_everywhere(question: str, today: date) -> str:
    """The question with the dates it says relative to today written out, in every language read
    (`去年` -> `2025年`, `last March`, `en mars de l'année dernière`, `작년 3월`)."""
    return written_out_european(korean.written_out_korean(
        written_out_english(written_out_dates(question, today), today), today), today)


def _names_a_date(question: str, today: date) -> bool:
    """Whether the question names a session date in any form read (`2020年3月4日那次`, `去年`, `on March 4,
    2020`, `last month`, `le mois dernier`), so that filters given instead say they set it aside."""
    written_out = written_out_everywhere(question, today)
    return bool(split_session_date(written_out)[0] or foreign_session_date(written_out, today)[0]
                or any(split(question)[0] for split in RELATIVE_SPLITS))


def read_filters(question: str, date_from, date_to, place, source, dates_from_question: bool,
                 dates: tuple, places: tuple, today: date | None = None, date_places: tuple = (),
                 days_held: tuple = (), date_topics: tuple = ()) -> Understood:
    """The filters given (dates in ISO form; a ValueError in words for a date that is none, or a
    range that holds none) combined with a session date or place named in the question (unless
    `dates_from_question` is False), which the question's content is then read without. A date
    is taken only when a session of the records (`dates`, `places`: each once) falls on it. Dates
    said relative to `today` (default: the day it runs) are read too (`去年学了什么`). A session named
    by its order counts among the sessions at the place filtered on, when `date_places` (each
    session's (date, place), once) are given. `days_held`: the days after their first that
    sessions held over several days fall on (a date named is taken on them too). `date_topics`: each
    session's (date, topic), once: a session named by its topic (`以…为主题的那期`) is read as the
    dates of the sessions holding it."""
    question = session_words_written(question)
    start, end = date_range(date_from, date_to)
    filters = {"date_from": start, "date_to": end,
               "place": as_the_records_write(place, places), "source": (source or "").strip() or None}
    from_question, content, place_named, unmatched, relative = None, question, "", None, None
    topic_named = ""
    neighbour = None
    if dates_from_question and not (filters["date_from"] or filters["date_to"]):
        # `3月4日那次之后，下一次学习…`: the session after (or before) the one that date names
        direction, anchor, written, rest = split_neighbour_session(question)
        written_en = ""
        if not direction:
            # `the session after the one on March 4`: the date as Chinese writes it, read alike
            direction, written, written_en, rest = split_neighbour_session_english(question)
            anchor = date_filter(written) if direction else None
            direction = direction if anchor else 0
        anchors = [d for d in dates if date_passes(d, **anchor)] if direction else []
        if anchors:
            # (`dates` are the records' session dates in order, each once, as the orders count them)
            at = {d: i for i, d in enumerate(dates)}
            found = sorted({dates[at[d] + direction] for d in anchors if 0 <= at[d] + direction < len(dates)})
            neighbour, content = Neighbour(direction, written, tuple(found), written_en), rest
            if found:
                from_question = _on_dates(found)
                filters.update(from_question)
    if dates_from_question and not (filters["date_from"] or filters["date_to"]) and neighbour is None:
        # `去年学了什么`, `上个月学习的主题`, `今年3月4日那次`, `since last year`: read written out, and
        # first, so that a span one of them ends (`2023年到去年`, `from 2023 to last year`) or a month
        # beside it (`in March last year`) is read whole
        written_out = written_out_everywhere(question, today or date.today())
        read, rest = None, question
        if written_out != question:
            read, rest = split_session_date(written_out)
            if not read:
                read, rest = foreign_session_date(written_out, today or date.today())
            else:
                # the date read is one written as it is (`三月中旬`), and a relative one elsewhere
                # is content (`今年应届大学生…`: the records' own 今年, not 2026年)
                as_written, rest_as_written = split_session_date(question)
                if as_written == read:
                    rest = rest_as_written
        if not read:
            read, rest = split_session_date(question)
        if not read:
            read, rest = foreign_session_date(question, today or date.today())
        if read and rest == written_out:
            rest = question
        if not read:
            # `last month`, `上周`, `最近三个月`, `先月の学習`, `le mois dernier`: a year, month or week back, or a span
            relative, rest = next(((found, rest) for found, rest in (split(question) for split in RELATIVE_SPLITS)
                                   if found), (None, question))
            read = relative_filter(today or date.today(), *relative) if relative else None
        alone = None if read else date_alone(question)
        if alone:
            # a date and nothing else (`3月4日`): that day's sessions if there are any, else
            # the text is searched for it (`2月23日`, a meeting's date), and the page says so
            if any(date_passes(d, **alone) for d in (*dates, *days_held)):
                read, rest = alone, question
            else:
                unmatched = alone
        if read and rest != question and (not any_language(LISTS_SESSIONS, rest) or asks_only_what_was_said(rest)) \
                and not any(date_passes(d, **read) for d in (*dates, *days_held)):
            unmatched = read        # content remains: search it all, the date included
        elif read:
            from_question, content = read, rest
            filters.update(read)
    if dates_from_question and from_question is None and unmatched is None and date_topics \
            and not (filters["date_from"] or filters["date_to"]):
        # `以完善重大疫情防控体制机制为主题的那期学习…`: the sessions whose topic that is (the text of
        # another session may say the same words; the topic is what the question names)
        named, rest = session_topic_named(content)
        found = sorted({d for d, topic in date_topics if topic_holds(topic, named)}) if named else []
        topic_named = named if found else ""
        if found:
            from_question = _on_dates(found)
            filters.update(from_question)
            content = rest
    set_aside = []
    if dates_from_question and (start or end) and _names_a_date(question, today or date.today()):
        # `2020年3月4日那次…`, `on March 4, 2020`, `去年`, `last month` with --from 2022: the filter given rules
        set_aside.append(("日期", "date"))
    order, after_order, several = None, content, None
    if dates_from_question and unmatched is None:
        # `上次学习…`, `2020年第一次学习…`, `the last session`, `最近三次学习`: resolved below, once a
        # place is read
        several, after_order = next(((n, rest) for n, rest in (split(content) for split in COUNTED_SPLITS)
                                     if n is not None), (None, content))
        if several is None:
            order, after_order = next(((order, rest) for order, rest in (split(content) for split in ORDER_SPLITS)
                                      if order is not None), (None, content))
    if dates_from_question and filters["place"] and _place_in(content, places)[0]:
        set_aside.append(("地点", "place"))
    # (`…那回是在网上学的吗？` asks whether it was held there: no filter, which would leave out a session held elsewhere)
    if dates_from_question and not filters["place"] and not asks_whether_held(content):
        named, rest = _place_in(after_order if order is not None or several is not None else content, places)
        if named:
            filters["place"] = place_named = named
            if order is not None or several is not None:
                after_order, content = rest, _place_in(content, places)[1]
            else:
                content = rest
                if unmatched is None:
                    # `上次在QQ上学的那次讲了什么`: the place took the study words, the order is left
                    order, after_order = split_session_order(content, alone=True)
    order_date, counted, within, chosen, after_today = "", 0, "", [], 0
    if order is not None or several is not None:
        # the nth session date (or the last or first n) among those the date filters (and the place
        # filtered on) let through
        dated_by = {k: filters[k] for k in DATE_KEYS if filters.get(k)}
        held = ({d for d, p in date_places if filters["place"] in p} if filters["place"] and date_places
                else set(dates))
        counted_dates = [d for d in dates if d in held and date_passes(d, **dated_by)]
        now = (today or date.today()).isoformat()
        if (order or 0) < 0 or (several or 0) < 0:
            # `上次学习`: the last session up to today; a record dated later (a typo, a plan) is
            # no last time, unless every date counted is
            up_to_today = [d for d in counted_dates if d <= now]
            after_today = len(counted_dates) - len(up_to_today)
            if after_today and up_to_today:
                counted_dates = up_to_today
            else:
                after_today = 0
        counted, within = len(counted_dates), describe_date(dated_by) if dated_by else ""
        if several is not None and abs(several) <= counted:
            chosen = counted_dates[several:] if several < 0 else counted_dates[:several]
            content = after_order
            from_question = {"either": tuple({"date_from": d, "date_to": d} for d in chosen)}
            filters.update(from_question, month_day=None, date_from=None, date_to=None)
        if order is not None and _one_day(dated_by):
            # `3月11号第二次集中学习…`: the day names the session, the order only says which it was
            # (not the second session held on that day, nor the second of the years' 3月11日)
            order, content = None, after_order
        elif order is not None and -counted <= order <= counted:
            order_date = counted_dates[order - 1 if order > 0 else order]
            content = after_order
            from_question = {"date_from": order_date, "date_to": order_date}
            filters.update(from_question, month_day=None, either=None)
    read_a_date = bool(from_question or unmatched or relative or order is not None or several is not None
                       or neighbour is not None)
    if dates_from_question and not place and (bool(place_named) != read_a_date
                                               or not place_named and not read_a_date and says_an_order(question)):
        # `今年第一次在三楼会议室学习…` (the place read, not the date or order it parts from the session
        # word), `在三楼会议室的最后一次学习是哪天` (the order read, not the place): read with the place
        # taken out, the order counted within it
        named, without = _place_phrase(question, places, place_named)
        if named:
            again = read_filters(without, date_from, date_to, named, source, True, dates, places, today,
                                 date_places, days_held, date_topics)
            kept = (order is None or again.session_order is not None) and (several is None or again.sessions_counted is not None)
            if (again.from_question or again.order_date or again.counted_dates) and kept:
                again.place_from_question = named
                return again
    if (from_question and _one_day(from_question) and not order_date and not topic_named
            and _STUDY_WORDS_LEFT.match(content) and _DAY_ASKED.search(content) and asks_when_studied(content)):
        # `3月4日学的那篇会议通稿，会议本身是哪天、由谁主持开的？`: the day named the session, so the day
        # asked is one its text tells of (the meeting's): the words of studying left before the text go
        text_asked = _STUDY_WORDS_LEFT.sub("", content, count=1)
        if re.search(r"\w", text_asked) and not asks_when_studied(text_asked):
            content = text_asked
    not_a_date = ""
    if dates_from_question and not (from_question or unmatched or relative):
        not_a_date = next(filter(None, (find(question) for find in DATES_THAT_ARE_NONE)), "")
    return Understood({k: v for k, v in filters.items() if v}, from_question, content, not_a_date=not_a_date,
                      place_from_question=place_named, topic_named=topic_named, unmatched_date=unmatched, session_order=order,
                      order_date=order_date, dates_counted=counted, counted_within=within,
                      dates_after_today=after_today if order_date or chosen else 0,
                      sessions_counted=several, counted_dates=chosen,
                      relative=relative if (from_question or unmatched) and not order_date and not chosen else None,
                      given_over_question=tuple(set_aside), neighbour=neighbour)


# What a session's day leaves of its study words right before the text studied (`3月4日学的那篇…`:
# `学的`; not `学的是…哪次会议？`, which the header's topic answers), and a day asked for
_STUDY_WORDS_LEFT = re.compile(r"^\s*(?:的)?\s*学(?:的|了|过)(?=\s*(?:那篇|这篇|那个|这个)?\s*(?:讲话|文章|会议|通稿|公报|报告|稿子))")
_DAY_ASKED = re.compile(r"哪天|哪一天|什么时候|什么时间|何时|几月几[号日]")


def _one_day(dated_by: dict) -> bool:
    """Whether a date filter names one day (`3月11日`, every year; `2020年3月11日`), not a span
    (`3月上旬`, `每月4号`, `2020年3月`)."""
    month_day = dated_by.get("month_day")
    if month_day:
        return len(month_day) == 2 and month_day[0] > 0 and not dated_by.get("date_from") and not dated_by.get("date_to")
    return bool(dated_by.get("date_from")) and dated_by.get("date_from") == dated_by.get("date_to")


_LATIN_FOLD = str.maketrans({**{chr(c): chr(c - 0xFEE0).lower() for c in range(0xFF01, 0xFF5F)},
                             **{chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)}})
_LATIN_FOLD_NEEDED = re.compile(r"[a-zA-Z\uff01-\uff5e]")


def _fold_latin(text: str) -> str:
    """Full-width Latin letters and digits as ASCII, and letters in lower case: one for one."""
    return text.translate(_LATIN_FOLD)


def as_the_records_write(place: str | None, places: tuple) -> str | None:
    """A place filter given (`qq`, `ＱＱ`) as the records' places write it (`QQ`), when only the
    case or width of its letters differs; as given otherwise."""
    place = (place or "").strip() or None
    if place and places and not any(place in p for p in places):
        folded = _fold_latin(place)
        for p in places:
            if folded in _fold_latin(p):
                at = _fold_latin(p).index(folded)
                return p[at:at + len(folded)]
    return place


def _place_phrase(question: str, places: tuple, named: str = "") -> tuple[str | None, str]:
    """A place of the records (or the part of one `named` already) said with 在/于/用 (`在三楼会议室的`,
    `在QQ群里`), and the question without those words; (None, question) when it says none."""
    # the records' places, then the start or end of one (`最近一次在QQ上学习的主题`, QQ of QQ线上)
    full = sorted((p for p in places if len(p) >= 2), key=len, reverse=True)
    parts = sorted(place_name_parts(full) - set(full), key=len, reverse=True)
    for place in ([named] if named else []) + full + parts:
        # (before the session word or the order it parts from it: not `最后一次学习是在三楼会议室吗`)
        m = re.search(r"(?:在|于|用)\s*" + re.escape(place) + r"(?:群里|群|上|里|内)?(?:的)?"
                      r"(?=\s*(?:第|最后|最近|上一?次|首次|头一次|(?:搞|开|办|弄|举行|进行)的|学习|学了|学过|学的|集中学习|那次|这次))", question)
        # or opening the question before an order word (`三楼会议室上次学的是什么`)
        m = m or re.match(r"\s*" + re.escape(place) + r"(?:的)?(?=\s*(?:第|最后一?[次回]|最近一?[次回]|上一?[次回]|上上[次回]"
                          r"|首次|头一次))", question)
        if m:
            return place, (question[:m.start()] + question[m.end():]).strip()
    return None, question


def _on_dates(found: list[str]) -> dict:
    """The date filter taking the sessions on these days (ISO, sorted): one day, or either of several."""
    return ({"date_from": found[0], "date_to": found[0]} if len(found) == 1
            else {"either": tuple({"date_from": d, "date_to": d} for d in found)})


def _place_in(content: str, places: tuple) -> tuple[str | None, str]:
    """A place of the records the question names as a session's (or None), and the question without
    it: `在三楼会议室学的那次…`, `the session we studied online via QQ`, `in the third-floor meeting room`."""
    named, rest = split_session_place(content, places)
    if not named and _LATIN_FOLD_NEEDED.search(content):
        # `在qq上学的那次`, `在ＱＱ上…`: the records write `QQ线上`; a letter's case or width is no
        # other place (folded one character for one, so the part found maps back to the place's)
        found, rest = split_session_place(_fold_latin(content), tuple(_fold_latin(p) for p in places))
        named = as_the_records_write(found, places) if found else None
    if not named and cjk_share(content) < 0.5 and any_language(MENTIONS_STUDYING, content):
        # a place named by its Latin letters, else in English words
        named, rest = split_session_place_latin(content, places)
        if not named:
            named, rest = split_session_place_english(content, places)
    return named, rest


def date_alone(question: str) -> dict | None:
    """The date filter of a question that is a date and nothing else, in Chinese (`3月4日`), English
    (`March 4, 2020`) or French, German, Spanish or Russian (`4 mars 2020`); else None."""
    written = date_alone_english(question) or date_alone_european(question)
    return date_filter(written or question.rstrip("？?。.!！ "))
