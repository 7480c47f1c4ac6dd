"""How a studied speech is laid out: `讲话分为哪几个部分？`, `What are the parts of the speech?` are
answered by its section headings (`一、关于前一段疫情防控工作`…), which a passage search alone would
not list. A session can hold several speeches (the seed's 2020-03-11 record holds three): the one
holding the question's best passage is outlined."""
from __future__ import annotations

from dataclasses import dataclass, field

from .store import PassageIndex
from .types import Hit
from .zh import format_date_cn, heading_kind, is_heading, opens_speech, opens_another_text, speech_title, text_opening


@dataclass
class Outline:
    date: str | None
    source: str
    title: str                   # the speech's title line, else the session topic ("" when neither)
    line: int                    # where the speech starts in its file
    headings: list = field(default_factory=list)    # [heading, line of its first passage], in order

    def where(self) -> str:
        """`《title》（2020年3月11日，a.txt:52）`: which speech."""
        where = "，".join(filter(None, [format_date_cn(self.date) if self.date else "", f"{self.source}:{self.line}"]))
        return f"《{self.title}》（{where}）" if self.title else f"（{where}）"

    def summary(self) -> str:
        """Which speech, and how many parts: `讲话结构 outline: 《…》（2020年3月11日，a.txt:52）分 4 个部分 parts`."""
        if not self.headings:
            return f"讲话结构 outline: {self.where()}没有分部分的小标题 the text has no section headings"
        return f"讲话结构 outline: {self.where()}分 {len(self.parts())} 个部分 parts"

    def describe(self) -> str:
        """The summary and the headings, on one line (what was understood, as the CLI and exports show it)."""
        if not self.headings:
            return self.summary()
        return self.summary() + ": " + "；".join(f"{heading}（第{line}行 line {line}）" for heading, line in self.headings)

    def parts(self) -> list[str]:
        """The top headings: those numbered as the first one is (`一、` `二、`, not the `（一）` under them)."""
        return [heading for heading, _ in self.headings if self.is_part(heading)]

    def is_part(self, heading: str) -> bool:
        return bool(self.headings) and heading_kind(heading) == heading_kind(self.headings[0][0])

    def to_dict(self) -> dict:
        return {"date": self.date, "source": self.source, "title": self.title, "line": self.line,
                "headings": [list(h) for h in self.headings]}


def session_speeches(index: PassageIndex, source: str, record: int) -> list[list]:
    """A session's passages in order, cut into its speeches (or other texts): where a text opens
    (a title ending in 讲话, `同志们：`), or where a passage without a heading after a headed one
    starts with a speaker's name (`习近平`: the next text, untitled). Elsewhere a passage without a
    heading inside a section (after a line the record cut short) stays in it."""
    positions = index.position_lookup()
    speeches: list[list] = []
    paragraph = 0
    while (source, record, paragraph) in positions:
        passage = index.passages[positions[(source, record, paragraph)]]
        previous = speeches[-1][-1] if speeches else None
        if previous is None or (opens_speech(passage.text) and paragraph > 0) or (
                passage.heading is None and previous.heading is not None and opens_another_text(passage.text)):
            speeches.append([])
        speeches[-1].append(passage)
        paragraph += 1
    return speeches


def later_text_openings(index: PassageIndex) -> dict[int, str]:
    """Per passage id of a session's second or later text (speech, news item: session_speeches),
    that text's opening (zh.text_opening). The session's topic names its first text only: the
    seed's 2020-03-11 record goes on with a poverty speech and a visit to researchers, a news
    record with other items, so search.py matches these passages' opening as their topic."""
    positions = index.position_lookup()
    openings: dict[int, str] = {}
    for source, record in sorted({(p.source, p.record) for p in index.passages.values()}):
        for speech in session_speeches(index, source, record)[1:]:
            opening = text_opening(speech[0].text)
            if opening:
                openings.update((positions[(p.source, p.record, p.paragraph)], opening) for p in speech)
    return openings


def speech_passages(index: PassageIndex, hit: Hit, speeches: list[list] | None = None) -> list:
    """The passages of the speech holding `hit`, in order (of `speeches`, its session's
    session_speeches when already cut)."""
    if speeches is None:
        speeches = session_speeches(index, hit.source, hit.record)
    return next((speech for speech in speeches if any(p.paragraph == hit.paragraph for p in speech)), [])


def _headings_of(passage) -> list[str]:
    """The headings a passage opens, in order: a heading with another right under it (`一、…` then
    `（一）…`) is kept as the passage's first line, the inner one as its heading."""
    above = [line for line in passage.text.split("\n")[:-1] if is_heading(line)]
    return above + ([passage.heading] if passage.heading else [])


@dataclass
class Part:
    """One part of a speech (`讲话的第二部分讲了什么？`): its heading and its passages."""
    outline: Outline
    number: int                  # 1-based, among the speech's top headings
    of: int                      # how many top headings the speech has
    heading: str
    passage_ids: list            # the part's passages, in order

    def describe(self) -> str:
        return (f"第{self.number}部分 part {self.number} of {self.of}：{self.heading}；{self.outline.where()}"
                f"{len(self.passage_ids)} 段 paragraphs")

    def to_dict(self) -> dict:
        return {"number": self.number, "of": self.of, "heading": self.heading,
                "passage_ids": list(self.passage_ids), "outline": self.outline.to_dict()}


def part_of(index: PassageIndex, hit: Hit, number: int, speech: list | None = None) -> Part | None:
    """The `number`th part (1-based; -1 the last) of the speech holding `hit`: its heading and its
    passages. The parts are the headings numbered as the first one is (`一、` `二、`, not the `（一）`
    under them); None when the speech has no such part. `speech`: its passages, when already found."""
    speech = speech if speech is not None else speech_passages(index, hit)
    outline = outline_of(index, hit, speech)
    tops = outline.parts() if outline is not None else []
    if not -len(tops) <= number <= len(tops) or number == 0:
        return None
    wanted = tops[number - 1 if number > 0 else number]
    positions, ids, current = index.position_lookup(), [], None
    for passage in speech:
        for heading in _headings_of(passage):
            if heading in tops:
                current = heading
        if current == wanted:
            ids.append(positions[(passage.source, passage.record, passage.paragraph)])
    return Part(outline, tops.index(wanted) + 1, len(tops), wanted, ids)


def outline_of(index: PassageIndex, hit: Hit, speech: list | None = None) -> Outline | None:
    """The section headings of the speech holding `hit`, each with the line its first passage
    starts on; None when the hit's session is not in the index. `speech`: its passages, when
    already found."""
    speech = speech if speech is not None else speech_passages(index, hit)
    if not speech:
        return None
    headings: list = []
    for passage in speech:
        for heading in _headings_of(passage):
            if not headings or headings[-1][0] != heading:
                headings.append([heading, passage.line])
    title = speech_title(speech[0].text) or (hit.topic if speech[0].paragraph == 0 else "")
    return Outline(hit.date, hit.source, title, speech[0].line, headings)


NAMED_TRIES = 3
NAMED_OPENING = 200     # characters of a speech's opening that may name it (`这次座谈会专门研究乡村振兴`)


def structure_asked(index: PassageIndex, hits: list, outline: bool, part: int | None,
                    unnamed: bool, named: str = "") -> tuple[Outline | None, Part | None, tuple]:
    """What a question about a speech's layout gets, from its hits (best first): (the outline it
    asked for, the part it asked for, (that part, how many the speech has) when it has none such).
    The speech is the best hit's, unless one of the next hits' (NAMED_TRIES) has a title (counted
    twice) and opening sharing more of what the question `named` (`统筹推进疫情防控…部署会议上的讲话`):
    a passage of another speech that mentions the one asked for (`…部署会议，我作了讲话`) may rank
    first. A question naming none (`讲话分为哪几个部分？`, `unnamed`) takes the best hit's among those
    whose speech has headings (or that part)."""
    speeches = list(_speeches_of(index, hits if unnamed else hits[:NAMED_TRIES]))
    if not unnamed and speeches:
        asked = _bigrams(named)

        def shared(hit, speech) -> int:
            return (2 * len(asked & _bigrams(outline_of(index, hit, speech).title))
                    + len(asked & _bigrams(speech[0].text[:NAMED_OPENING])))
        speeches = [max(speeches, key=lambda pair: shared(*pair))]      # a tie: the better hit's
    if outline:
        found = [o for o in (outline_of(index, hit, speech) for hit, speech in speeches) if o is not None]
        return next((o for o in found if o.headings), found[0] if found else None), None, ()
    chosen = next((p for p in (part_of(index, hit, part, speech) for hit, speech in speeches) if p is not None),
                  None)
    if chosen is not None:
        return None, chosen, ()
    # how many parts the speech taken has (not the best hit's, when another was taken by its name)
    speech = outline_of(index, *speeches[0]) if speeches else outline_of(index, hits[0])
    return None, None, (part, len(speech.parts()) if speech else 0)


def _bigrams(text: str) -> set[str]:
    text = "".join(ch for ch in text or "" if ch.isalnum())
    # (pairs with a particle or a question's words name no speech)
    return {text[i:i + 2] for i in range(len(text) - 1)
            if not set(text[i:i + 2]) & set("的上在了和与是会几哪些个分部")}


def _speeches_of(index: PassageIndex, hits: list):
    """(a hit, its speech's passages) for each speech the hits fall in, once, best hit first: ten
    hits of one speech cut their session and read its headings once, not ten times."""
    sessions: dict[tuple, list[list]] = {}
    seen: set[tuple] = set()
    for hit in hits:
        key = (hit.source, hit.record)
        if key not in sessions:
            sessions[key] = session_speeches(index, *key)
        speech = speech_passages(index, hit, sessions[key])
        if speech and (*key, speech[0].paragraph) not in seen:
            seen.add((*key, speech[0].paragraph))
            yield hit, speech
