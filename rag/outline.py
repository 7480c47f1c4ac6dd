"""How a studied speech is laid out: `讲话分为哪几个部分？`, `What are the parts of the speech?` are
answered by its section headings (`一、关于前一段疫情防控工作`…), which a passage search alone would
not list. A session can hold several speeches (the seed's 2020-03-11 record holds three): the one
holding the question's best passage is outlined."""
from __future__ import annotations

from dataclasses import dataclass, field

from .store import PassageIndex
from .types import Hit
from .zh import format_date_cn, is_heading, opens_speech, speech_title


@dataclass
class Outline:
    date: str | None
    source: str
    title: str                   # the speech's title line, else the session topic ("" when neither)
    line: int                    # where the speech starts in its file
    headings: list = field(default_factory=list)    # [heading, line of its first passage], in order

    def summary(self) -> str:
        """Which speech, and how many parts: `讲话结构 outline: 《…》（2020年3月11日，a.txt:52）分 4 个部分 parts`."""
        where = "，".join(filter(None, [format_date_cn(self.date) if self.date else "", f"{self.source}:{self.line}"]))
        named = f"《{self.title}》（{where}）" if self.title else f"（{where}）"
        if not self.headings:
            return f"讲话结构 outline: {named}没有分部分的小标题 the text has no section headings"
        return f"讲话结构 outline: {named}分 {len(self.headings)} 个部分 parts"

    def describe(self) -> str:
        """The summary and the headings, on one line (what was understood, as the CLI and exports show it)."""
        if not self.headings:
            return self.summary()
        return self.summary() + ": " + "；".join(f"{heading}（第{line}行 line {line}）" for heading, line in self.headings)

    def to_dict(self) -> dict:
        return {"date": self.date, "source": self.source, "title": self.title, "line": self.line,
                "headings": [list(h) for h in self.headings]}


def speech_passages(index: PassageIndex, hit: Hit) -> list:
    """The passages of the speech (or other text) holding `hit`, in order: its session's passages,
    cut where a text opens (a title ending in 讲话, `同志们：`) or where headings start again (a
    passage without one after a headed passage: the next text's opening)."""
    positions = index.position_lookup()
    session, paragraph = [], 0
    while (hit.source, hit.record, paragraph) in positions:
        session.append(index.passages[positions[(hit.source, hit.record, paragraph)]])
        paragraph += 1
    speeches: list[list] = []
    for passage in session:
        previous = speeches[-1][-1] if speeches and speeches[-1] else None
        starts = previous is None or (opens_speech(passage.text) and passage.paragraph > 0) or (
            passage.heading is None and previous.heading is not None)
        if starts:
            speeches.append([])
        speeches[-1].append(passage)
    return next((speech for speech in speeches if any(p.paragraph == hit.paragraph for p in speech)), [])


def outline_of(index: PassageIndex, hit: Hit) -> Outline | None:
    """The section headings of the speech holding `hit`, each with the line its first passage
    starts on; None when the hit's session is not in the index."""
    speech = speech_passages(index, hit)
    if not speech:
        return None
    headings: list = []
    for passage in speech:
        # a heading with another right under it (`一、…` then `（一）…`) is kept as the passage's
        # first line, the inner one as its heading
        lines = passage.text.split("\n")
        above = [line for line in lines[:-1] if is_heading(line)]
        for heading in above + ([passage.heading] if passage.heading else []):
            if not headings or headings[-1][0] != heading:
                headings.append([heading, passage.line])
    title = speech_title(speech[0].text) or (hit.topic if speech[0].paragraph == 0 else "")
    return Outline(hit.date, hit.source, title, speech[0].line, headings)
