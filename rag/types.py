"""Plain dataclasses passed between the steps: files -> Session -> Passage -> (index) -> Hit."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields

from . import zh


@dataclass
class Line:
    """One non-blank line of a record's content, with its 1-based line number in the file."""
    number: int
    text: str
    page: int | None = None     # the page it stands on, in a PDF (None in other files)
    styled_heading: bool = False    # Word styles it as a heading (`标题 1`), though it has no number


@dataclass
class Session:
    """One study session (one `集中学习记录` record) read from a file."""
    source: str                 # file path relative to the seeds folder
    record: int                 # 0-based position of the record in its file
    date: str | None = None     # ISO YYYY-MM-DD, None when no readable date
    date_text: str = ""         # the date as written in the record
    place: str = ""
    format: str = ""
    topic: str = ""
    lines: list[Line] = field(default_factory=list)
    has_header: bool = True     # False when the file had no `集中学习记录` title at all
    title_line: int = 0         # line number of the `集中学习记录` title (0: none)
    date_line: int = 0          # line number of the 时间 field (0: none)
    year_from: str = ""         # where the year of a date written without one came from ("" when written)
    year_tried: int = 0         # that year, when the day is not in it (2月29日 in 2021): left undated
    header: list[str] = field(default_factory=list)   # its header field lines as written
    date_end: str | None = None     # its last day, ISO, when held over several days (`5月8日—9日`)


@dataclass
class Passage:
    """One searchable paragraph of a session, with the session's metadata copied alongside."""
    text: str
    source: str
    record: int
    paragraph: int              # 0-based position among the session's passages
    line: int                   # line number in the file where the passage starts
    heading: str | None = None
    date: str | None = None
    topic: str = ""
    place: str = ""
    format: str = ""
    header: str = ""            # the session's header fields as written, on its first passage only
    page: int | None = None     # the page it starts on, in a PDF (None in other files)
    part: int = 0               # 1, 2… for the pieces of a paragraph too long for one passage; 0: whole
    date_end: str | None = None     # the session's last day when held over several days

    def to_dict(self) -> dict:
        # fields are plain values: a shallow dict is enough, and 20x faster than asdict's deep
        # copy when a build writes 100 k passages
        return {name: getattr(self, name) for name in _PASSAGE_FIELDS}


_PASSAGE_FIELDS = tuple(f.name for f in fields(Passage))


@dataclass
class Hit:
    """A search result: the passage, its fused relevance score (higher is better) and its source."""
    text: str
    score: float
    date: str | None
    topic: str
    place: str
    source: str
    paragraph: int
    heading: str | None
    line: int
    record: int
    format: str = ""
    id: int = -1
    # (start, end) character spans in `text` of the sentence(s) that best answer the question
    highlights: list[tuple[int, int]] = field(default_factory=list)
    # dates of other sessions that studied the same text (shown once, here)
    also_dates: list[str] = field(default_factory=list)
    page: int | None = None     # the page it starts on, in a PDF (None in other files)
    part: int = 0               # which piece of a paragraph split in several passages (0: whole)
    date_end: str | None = None     # the session's last day when held over several days (None: one day)
    # a session's later text (a speech or news item after its first; rag/outline.py): that text's
    # opening, as `topic` names the first ("" for the first text)
    text_opening: str = ""

    @property
    def where(self) -> str:
        """`a.txt:57` (as `studyqa show` takes it), and in a PDF its page: `a.pdf:57 (第3页 page 3)`;
        a piece of a long paragraph says which: `a.txt:57 (该段第2部分 part 2 of the paragraph)`."""
        return (f"{self.source}:{self.line}"
                + (f" ({zh.place_in_file(self.line, self.page)} page {self.page})" if self.page else "")
                + (f" ({zh.part_of_paragraph(self.part)} part {self.part} of the paragraph)" if self.part else ""))

    @property
    def citation(self) -> str:
        """（2020年3月4日集中学习《主题》）; from a session's later text, which one:
        （2020年3月11日集中学习《主题》中“这次会议的主要任务是……”一篇）"""
        return zh.citation(self.date, self.topic, self.format, self.date_end, self.text_opening)

    def to_dict(self) -> dict:
        """Its fields as plain values, with `citation` and `where` (what `ask --json` and the
        page's API give)."""
        return {**asdict(self), "citation": self.citation, "where": self.where}


@dataclass
class FileProblem:
    """A file that could not be (fully) read: which file, which line if known, and why."""
    source: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.reason}"
