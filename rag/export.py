"""Hits -> a Markdown page to keep: the question, what was understood, and each passage with its
session, place, file and line and the citation a 心得体会 uses. What the page's 导出 Export button
and `studyqa ask --markdown` give; the hits are plain dicts (`Hit.to_dict()`), as the page and
`ask --json` hold them."""
from __future__ import annotations

import re

from datetime import datetime

from .zh import format_date_cn, format_dates_cn, part_of_paragraph, place_in_file

# Everything Markdown could read as markup (emphasis, links, HTML and entities, headings, tables,
# strikethrough) is escaped, so that a record's text shows as written.
_MARKDOWN_SPECIALS = str.maketrans({c: "\\" + c for c in "\\`*_[]<>&#|~"})
# A line opening like a list item (`- `, `+ `, `1. `, `1) `) would become one.
_LIST_OPENING = re.compile(r"^(\s*)(?:([-+])|(\d{1,9})([.)]))(?=\s|$)")
# CommonMark closes `**` after punctuation only before a space or more punctuation, never before a
# Chinese character (`…应急预案。**要优化`): punctuation at a bold span's ends is left outside it.
_EDGE_PUNCTUATION = "。！？；，、：…!?;,:“”‘’「」『』（）()《》【】\"'"


def _plain(text: str) -> str:
    """Record text as Markdown that shows it as written: its markup characters escaped."""
    return (text or "").translate(_MARKDOWN_SPECIALS)


def _not_a_list_item(line: str) -> str:
    """`1) 第一点` -> `1\\) 第一点`: a line of record text that would open a list, kept as text."""
    return _LIST_OPENING.sub(lambda m: m.group(1) + (f"\\{m.group(2)}" if m.group(2) else f"{m.group(3)}\\{m.group(4)}"),
                             line)


def _bold(part: str) -> str:
    core = part.strip(_EDGE_PUNCTUATION + " \u3000")
    if not core:
        return _plain(part)
    start = part.index(core)
    return _plain(part[:start]) + f"**{_plain(core)}**" + _plain(part[start + len(core):])


def _with_bold(text: str, spans) -> str:
    """The passage with its highlighted sentences in bold, each line quoted."""
    pieces, at = [], 0
    for start, end in sorted(tuple(span) for span in spans or []):
        if start < at or end <= start:
            continue
        pieces.append(_plain(text[at:start]))
        # bold within one line: a span crossing a line break is bolded line by line
        pieces.append("\n".join(_bold(part) for part in text[start:end].split("\n")))
        at = end
    pieces.append(_plain(text[at:]))
    # each line of the passage its own paragraph of the quote, as the record has it
    return "\n>\n".join("> " + _not_a_list_item(line) for line in "".join(pieces).split("\n") if line.strip())


def stamp() -> str:
    """When a page was made, as its line under the question says it."""
    return datetime.now().strftime("%Y-%m-%d %H:%M")


def hits_markdown(question: str, hits: list[dict], understood: str = "", when: str = "", outline=None) -> str:
    """`hits` (as `Hit.to_dict()` gives them) as a Markdown page under the question; `outline`
    (rag/outline.py), the parts of the speech the question asked about, as a numbered list."""
    lines = [f"# 问 Question：{_plain(question.strip())}", ""]
    if understood:
        lines += [f"*{_plain(understood)}*", ""]
    if when:
        lines += [f"StudyQA · {when}", ""]
    if outline is not None:
        lines += [_plain(outline.summary()), ""]
        # the headings are numbered already (`一、`): a list of them as they are, those within a part indented
        lines += [f"{'' if outline.is_part(heading) else '    '}- {_plain(heading)}（第{line}行 line {line}）"
                  for heading, line in outline.headings]
        lines += [""] if outline.headings else []
    if not hits:
        lines += ["（没有找到段落 no passage found）", ""]
    for rank, hit in enumerate(hits, start=1):
        date = format_dates_cn(hit.get("date"), hit.get("date_end"))
        lines += [f"## {rank}. {date}《{_plain(hit.get('topic') or '无主题')}》", ""]
        in_file = f"{place_in_file(hit.get('line'), hit.get('page'))} {'page' if hit.get('page') else 'line'}"
        if hit.get("part"):
            in_file += f"（{part_of_paragraph(hit['part'])} part {hit['part']} of the paragraph）"
        where = [f"地点 place：{_plain(hit.get('place') or '不详')}",
                 f"文件 file：{_plain(hit.get('source', ''))} {in_file}"]
        if hit.get("text_opening"):
            where.append(f"本篇 this text：{_plain(hit['text_opening'])}")
        if hit.get("heading"):
            where.append(f"标题 heading：{_plain(hit['heading'])}")
        if hit.get("also_dates"):
            where.append("也学于 also studied on：" + "、".join(format_date_cn(d) for d in hit["also_dates"]))
        lines += [" · ".join(where), "", _with_bold(hit.get("text", ""), hit.get("highlights")), "",
                  f"引用 citation：{_plain(hit.get('citation', ''))}", ""]
    return "\n".join(lines)
