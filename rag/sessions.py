"""The sessions an index holds, one row each: date, place, format, topic, file and line, and how
many passages. The collection's table of contents ("what did we study, and when?"), for
`studyqa sessions` and the page's 学习记录 Sessions tab."""
from __future__ import annotations

from dataclasses import asdict, dataclass

from .filters import filter_ids
from .store import PassageIndex


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

    def to_dict(self) -> dict:
        return asdict(self)


def list_sessions(index: PassageIndex, date_from=None, date_to=None, place=None, source=None) -> list[SessionRow]:
    """Every session passing the filters (ISO dates, substrings of place and file), by date
    (undated last), then file and line."""
    allowed = filter_ids(index, date_from=date_from, date_to=date_to, place=place, source=source)
    first: dict[tuple, object] = {}
    counts: dict[tuple, int] = {}
    for pid in (allowed if allowed is not None else index.passages):
        p = index.passages[pid]
        key = (p.source, p.record)
        counts[key] = counts.get(key, 0) + 1
        if key not in first or p.paragraph < first[key].paragraph:
            first[key] = p
    rows = [SessionRow(p.date, p.place, p.format, p.topic, p.source, p.line, counts[key])
            for key, p in first.items()]
    return sorted(rows, key=lambda r: (r.date is None, r.date or "", r.source, r.line))
