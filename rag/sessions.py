"""The sessions an index holds, one row each: date, place, format, topic, file and line, and how
many passages. The collection's table of contents ("what did we study, and when?"), for
`studyqa sessions` and the page's 学习记录 Sessions tab."""
from __future__ import annotations

import csv
import io
import re
from dataclasses import asdict, dataclass

from .filters import filter_ids, passes
from .store import PassageIndex
from .zh import dates_iso


@dataclass
class SessionRow:
    """One session (one record of one file) as the index holds it."""
    date: str | None            # ISO, None when the record states no readable date
    place: str
    format: str
    topic: str
    source: str                 # the file, relative to the seeds folder
    line: int                   # where its first passage starts (`studyqa show FILE:LINE`)
    passages: int
    date_end: str | None = None     # its last day, when held over several days

    def to_dict(self) -> dict:
        return asdict(self)


CSV_HEADERS = ("日期 date", "地点 place", "方式 format", "学习主题 topic", "文件 file", "行 line", "段落 passages")


def sessions_csv(rows: list[SessionRow]) -> str:
    """The rows as CSV text, one session a line under CSV_HEADERS: the table a branch hands in
    with its yearly summary. Written out with a byte-order mark (`utf-8-sig`) so that Excel reads
    the Chinese as Chinese."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADERS)
    writer.writerows((dates_iso(r.date, r.date_end), _cell(r.place), _cell(r.format), _cell(r.topic), _cell(r.source), r.line,
                      r.passages) for r in rows)
    return out.getvalue()


def _cell(text: str) -> str:
    """A text cell Excel shows as written: one opening with `=`, `+`, `-` or `@` (`=HYPERLINK(…)`
    typed into a record) would be run as a formula, so it gets Excel's text mark `'` first."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def first_passages(index: PassageIndex, allowed: set[int] | None) -> dict[tuple, tuple[int, int]]:
    """Per session (source, record) with passages among `allowed` (None: all): the id of its
    first passage there and how many it has there."""
    found: dict[tuple, tuple[int, int]] = {}
    for pid in (allowed if allowed is not None else index.passages):
        p = index.passages[pid]
        key = (p.source, p.record)
        first, count = found.get(key, (pid, 0))
        if p.paragraph < index.passages[first].paragraph:
            first = pid
        found[key] = (first, count + 1)
    return found


def list_sessions(index: PassageIndex, date_from=None, date_to=None, place=None, source=None,
                  holding: str | None = None) -> list[SessionRow]:
    """Every session passing the filters (ISO dates, substrings of place and file), by date
    (undated last), then file and line. `holding`: only the sessions whose text or topic holds
    that term as written, each row's line and passages then those of its passages holding it."""
    allowed = filter_ids(index, date_from=date_from, date_to=date_to, place=place, source=source)
    topic_only = []
    if holding:
        base = allowed if allowed is not None else index.passages
        allowed = {pid for pid in base if _text_holds(index.passages[pid], holding)}
        # a session whose topic or header alone holds it: listed, with none of its paragraphs
        # counted (the topic is every passage's, and counted so it said all of them held it)
        in_text = {(index.passages[pid].source, index.passages[pid].record) for pid in allowed}
        topic_only = [first for first, _ in first_passages(index, {pid for pid in base
                                                                    if _holds(index.passages[pid], holding)}).values()
                      if (index.passages[first].source, index.passages[first].record) not in in_text]
    rows = [SessionRow(p.date, p.place, p.format, p.topic, p.source, p.line, count, p.date_end)
            for first, count in [*first_passages(index, allowed).values(), *((pid, 0) for pid in topic_only)]
            for p in [index.passages[first]]]
    return sorted(rows, key=lambda r: (r.date is None, r.date or "", r.source, r.line))


def sessions_holding(index: PassageIndex, term: str, filters: dict,
                     also: tuple[str, ...] = ()) -> list[str | None]:
    """The date of each session passing `filters` whose text or topic holds `term` (or one of
    `also`: its other forms, 深改委 for 中央全面深化改革委员会) as written, quotation marks aside
    (`十四五规划` in `“十四五”规划`), in order (two sessions on one day: that date twice; a session
    without a date: None, last): what `网格化管理学过几次？` counts, beside the hits found by meaning,
    as the Sessions tab's *原文含 Holding* lists them."""
    terms = tuple(dict.fromkeys((term, *also)))
    sessions = {(p.source, p.record): p.date for p in index.passages.values()
                if any(_holds(p, one) for one in terms) and passes(p, **filters)}
    return sorted(sessions.values(), key=lambda date: (date is None, date or ""))


_QUOTES = re.compile(r"[“”‘’「」『』\"]")


def _holds(passage, term: str) -> bool:
    """Its text, topic or header holds `term` (the header: `王建国主持过几次学习？` is answered by
    `主持人：王建国`)."""
    return _text_holds(passage, term) or _written_in(passage.topic, term) or term in passage.header


def _text_holds(passage, term: str) -> bool:
    return _written_in(passage.text, term)


def _written_in(text: str, term: str) -> bool:
    # `十四五规划` asked, `“十四五”规划` written: checked only where the term's ends both stand
    return term in text or (term[0] in text and term[-1] in text and bool(_QUOTES.search(text))
                            and term in _QUOTES.sub("", text))
