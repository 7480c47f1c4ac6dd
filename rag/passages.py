"""Sessions -> Passages: one passage per paragraph (a non-blank line), with context lines folded in.

Short lines that are not content on their own (a speech title, its date line, `习近平`, `同志们：`)
are glued in front of the next paragraph, so that nothing is lost and the passage carries its
context. Section headings are recorded on the passages below them. A paragraph too long for the
model is split at sentence ends."""
from __future__ import annotations

from . import zh
from .types import Line, Passage, Session

# e5 reads at most 512 tokens; a token covers at least one character, and the prefix and the
# special tokens take a few, so 480 characters always fit.
DEFAULT_MAX_CHARS = 480
# A sentence shorter than this says too little to stand alone; it is glued to the next paragraph.
MIN_PASSAGE_CHARS = 20


def split_long(text: str, max_chars: int) -> list[str]:
    """Split `text` into pieces of at most `max_chars`, at sentence ends where possible."""
    if len(text) <= max_chars:
        return [text]
    pieces: list[str] = []
    current = ""
    for sentence in zh.split_sentences(text):
        if len(sentence) > max_chars:  # one sentence longer than the limit: cut in equal parts,
            if current:                # so that no scrap like a lone `。` is left over
                pieces.append(current)
                current = ""
            parts = -(-len(sentence) // max_chars)
            size = -(-len(sentence) // parts)
            pieces.extend(sentence[i:i + size] for i in range(0, len(sentence) - size, size))
            sentence = sentence[size * (parts - 1):]
        if len(current) + len(sentence) > max_chars:
            pieces.append(current)
            current = ""
        current += sentence
    if current:
        pieces.append(current)
    return pieces


def session_passages(session: Session, max_chars: int = DEFAULT_MAX_CHARS) -> list[Passage]:
    passages: list[Passage] = []
    pending: list[Line] = []       # context lines waiting for the next paragraph
    heading: str | None = None
    heading_line: Line | None = None   # the current heading until a passage carries it
    heading_at = 0                     # where it stands among the pending lines (short lines follow it)

    def emit(lines: list[Line], text: str | None = None) -> None:
        """A passage of `lines` (their text joined, or `text`), in pieces when too long: each piece
        cites the line its own text starts on (a piece may begin in a line after the first)."""
        nonlocal heading_line
        heading_line = None
        text = "\n".join(line.text for line in lines) if text is None else text
        starts, at = [], 0          # where each line's text starts in `text`
        for line in lines:
            starts.append(at)
            at += len(line.text) + 1
        pieces = split_long(text, max_chars)
        at = 0
        for number, piece in enumerate(pieces, start=1):
            begins = at + len(piece) - len(piece.lstrip("\n"))
            line = next((line for line, start in zip(reversed(lines), reversed(starts)) if start <= begins), None)
            at += len(piece)
            passages.append(Passage(
                text=piece, source=session.source, record=session.record, paragraph=len(passages),
                line=line.number if line else 0, heading=heading, date=session.date, date_end=session.date_end, topic=session.topic,
                place=session.place, format=session.format, page=line.page if line else None,
                part=number if len(pieces) > 1 else 0))

    # a list of the texts studied (`1.《…》` `2.《…》`): context of what follows, not its headings
    listed = [zh.lists_a_text(line.text) for line in session.lines]
    texts_listed = {i for i, item in enumerate(listed)
                    if item and ((i > 0 and listed[i - 1]) or (i + 1 < len(listed) and listed[i + 1]))}
    for number, line in enumerate(session.lines):
        if number in texts_listed:
            pending.append(line)
            continue
        if zh.is_heading(line.text) or (line.styled_heading and zh.is_styled_heading(line.text)):
            if heading_line is not None:  # a heading with only short lines under it: keep its text
                pending.insert(heading_at, heading_line)
            heading, heading_line, heading_at = line.text, line, len(pending)
            continue
        if zh.is_context_line(line.text):
            # A signature, salutation, title or date line starts a new speech: the previous section
            # heading no longer applies. Any other short line (`一年来，我们主要做了以下工作：`, or a
            # line a scraped page cut short, `广义货币M`, `2.5`) is within the section.
            if heading_line is not None:  # a heading with only short lines under it: keep its text
                pending.insert(heading_at, heading_line)
            heading = None if zh.starts_new_text(line.text) else heading
            heading_line = None
            pending.append(line)
            continue
        if len(line.text) < MIN_PASSAGE_CHARS:
            following = session.lines[number + 1].text if number + 1 < len(session.lines) else ""
            if (not pending and heading_line is None and passages and zh.closes_what_came_before(line.text)
                    and (not following or zh.is_context_line(following))
                    and len(passages[-1].text) + len(line.text) + 1 <= max_chars):
                # `王毅参加会见。`, `会议还研究了其他事项。` before the next item's headline: the end of the
                # item before, not a lead into the next (whose hit then highlighted it); a short
                # sentence before a paragraph leads into it (`切实加强政风建设。`)
                passages[-1].text += "\n" + line.text
                continue
            pending.append(line)        # `下面，我讲几点意见。` leads into what follows
            continue
        emit(pending + [line])
        pending = []

    if heading_line is not None:
        pending.insert(heading_at, heading_line)
    if pending:  # context lines at the very end (a signature): keep them with the last passage
        tail = "\n".join(p.text for p in pending)
        if passages and len(passages[-1].text) + len(tail) + 1 <= max_chars:
            passages[-1].text += "\n" + tail
        else:
            emit(pending)
    if session.topic and not passages:
        emit([], session.topic)
    if passages and session.header:
        # once per session: a hit answering `…是在哪里学的？` quotes it (`地点:线上学习`, as typed)
        passages[0].header = zh.HEADER_SEPARATOR.join(session.header)
    return passages
