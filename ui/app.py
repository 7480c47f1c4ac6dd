"""The Gradio web UI: search with filters, result cards with context and citations, and an index
panel (stats, rebuild, upload).

Everything the page shows from the records is escaped; the page loads nothing from other hosts
(system fonts only, analytics off). Binding to anything but loopback requires a password."""
from __future__ import annotations

import contextvars
import html
import ipaddress
import os
import re
import tempfile
import time
from collections import OrderedDict
from pathlib import Path

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr  # noqa: E402 - the environment must be set before gradio is imported

from rag.crosslingual import lexicon  # noqa: E402
from rag.indexer import seeds_changes, update_index  # noqa: E402
from rag.records import PARSER_VERSION, SUPPORTED_SUFFIXES  # noqa: E402
from rag.search import Searcher, StaleHit, default_index_dir, get_searcher, seeds_dir_for  # noqa: E402
from rag.export import hits_markdown, stamp  # noqa: E402
from rag.sessions import sessions_csv  # noqa: E402
from rag.store import StudyQAError, read_manifest, stale_model_build  # noqa: E402
from rag.uploads import save_upload  # noqa: E402
from rag.zh import dates_iso, format_date_cn, format_dates_cn, place_in_file  # noqa: E402

EXAMPLES = [
    "应急物资保障要遵循哪些原则？",
    "怎样帮助中小微企业渡过疫情难关？",
    "贫困县摘帽以后有哪“四个不摘”？",
    "What did the speech say about vaccine research?",
    "上次学习的主题是什么？",
    "2020年以来学过几次疫情防控？",
    "3月4日和3月11日那两次学习都提到了哪些法律？",
    "脱贫攻坚座谈会上的讲话分为哪几个部分？",
]

CSS = """
#sq-exported, #sq-exported-answers {max-height: 120px; min-height: 0;}
#sq-exported > div, #sq-exported-answers > div {min-height: 0;}
.sq-card {border: 1px solid #d0d7de; border-radius: 8px; padding: 12px 14px; margin: 10px 0; overflow-wrap: anywhere;}
.sq-meta {color: #57606a; font-size: 0.9em; margin-bottom: 6px; display: flex; flex-wrap: wrap; gap: 4px 14px;}
.sq-rank {font-weight: bold; color: #b3261e;}
.sq-heading {font-weight: bold; margin: 4px 0;}
.sq-text {white-space: pre-wrap; line-height: 1.7; font-size: 1.02em;}
.sq-context {color: #57606a; white-space: pre-wrap; line-height: 1.6; margin: 6px 0; font-size: 0.95em;}
.sq-cite {display: flex; gap: 8px; align-items: center; margin-top: 8px; flex-wrap: wrap;}
.sq-cite code {background: #f6f8fa; padding: 2px 6px; border-radius: 4px;}
.sq-copy {border: 1px solid #d0d7de; border-radius: 6px; padding: 2px 10px; background: #fff; cursor: pointer;}
.sq-empty {color: #57606a; padding: 12px 0;}
.sq-hl {background: #fff3b0;}
.sq-also {color: #57606a; font-size: 0.9em; margin-top: 6px;}
.sq-understood {color: #0b5cad; padding: 6px 0;}
.sq-outline {border-left: 3px solid #0b5cad; padding: 4px 10px; margin: 4px 0 10px;}
.sq-outline ul {margin: 4px 0 0 0.6em; padding: 0; list-style: none;}
.sq-line {color: #666; font-size: 0.85em;}
.sq-outline li.sq-sub {margin-left: 1.4em;}
.sq-record {max-height: 32em; overflow-y: auto; position: relative; border-left: 3px solid #d0d7de;
            padding-left: 10px; margin: 6px 0;}
.sq-record p {white-space: pre-wrap; line-height: 1.6; margin: 4px 0;}
.sq-record .sq-here {background: #fff8db;}
"""

# System fonts only: the page must render with no outside network (no web fonts).
THEME = gr.themes.Default(
    font=["system-ui", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "sans-serif"],
    font_mono=["ui-monospace", "Consolas", "monospace"],
)

# Copies the citation next to the button; plain DOM, no outside script. The clipboard API is only
# there on https or this machine (http://127.0.0.1): served to the office network over plain http,
# a hidden text box is copied instead, and the button says so when even that fails.
_COPY_JS = ("var t=this.dataset.cite,b=this;"
            "function done(ok){b.textContent=ok?'已复制 Copied':'未能复制，请手动复制 Copy it by hand'}"
            "function byHand(){var a=document.createElement('textarea');a.value=t;a.style.position='fixed';"
            "a.style.opacity='0';document.body.appendChild(a);a.select();var ok=false;"
            "try{ok=document.execCommand('copy')}catch(e){}document.body.removeChild(a);done(ok)}"
            "if(navigator.clipboard&&window.isSecureContext){navigator.clipboard.writeText(t)"
            ".then(function(){done(true)},byHand)}else{byHand()}")
# Opens a whole record at the first of the results in it (plain DOM, no outside script).
_TO_RESULT_JS = ("if(this.open){var r=this.querySelector('.sq-record'),h=r&&r.querySelector('.sq-here');"
                 "if(h)r.scrollTop=h.offsetTop-8}")


def highlighted(text: str, spans) -> str:
    """Escaped text with the answering sentences in bold."""
    out, pos = [], 0
    for a, b in sorted(spans or []):
        if a < pos or b > len(text):
            continue
        out.append(html.escape(text[pos:a]))
        out.append(f'<b class="sq-hl">{html.escape(text[a:b])}</b>')
        pos = b
    out.append(html.escape(text[pos:]))
    return "".join(out)


# A whole record longer than this many characters shows the paragraphs nearest the results only
# (a 20 MB upload may be one record; the page must stay light). The longest record of the scale
# collection, a government work report, has 56 k.
RECORD_MAX_CHARS = 100_000


def _nearest_the_results(passages, marked: set[int], budget: int) -> list[int]:
    """Positions of the paragraphs to show: the marked ones, then their neighbours ring by ring
    while `budget` characters allow."""
    keep = {i for i, p in enumerate(passages) if p.paragraph in marked} or {0}
    used = sum(len(passages[i].text) for i in keep)
    while True:
        ring = [i for i in sorted({i + d for i in keep for d in (-1, 1)} - keep) if 0 <= i < len(passages)]
        if not ring:
            break
        for i in ring:
            if used + len(passages[i].text) > budget:
                return sorted(keep)
            keep.add(i)
            used += len(passages[i].text)
    return sorted(keep)


def render_record(passages, ranks: dict[int, int], max_chars: int = RECORD_MAX_CHARS, opened: bool = False,
                  term: str = "") -> str:
    """A session's paragraphs in order, in a collapsed block; those among the results (`ranks`:
    paragraph -> rank) marked with their rank, and those holding `term` marked with it in them.
    Headings are shown where they change. A record longer than `max_chars` shows the paragraphs
    nearest the results (or the term), and says how many are left out and where to read them all."""
    e, parts, heading = html.escape, [], None
    holding = {p.paragraph for p in passages if term and term in p.text}
    shown = list(range(len(passages)))
    if sum(len(p.text) for p in passages) > max_chars:
        shown = _nearest_the_results(passages, set(ranks) | holding, max_chars)
    last = -1
    for i in shown + [len(passages)]:
        if i - last > 1:
            gap, first = i - last - 1, passages[last + 1]
            parts.append(f'<p class="sq-also">……（此处省略 {gap} 段 {gap} paragraph(s) left out: '
                         f'studyqa show {e(first.source)}:{first.line}）……</p>')
        last = i
        if i == len(passages):
            break
        p = passages[i]
        if p.heading and p.heading != heading:
            parts.append(f'<p class="sq-heading">{e(p.heading)}</p>')
        heading = p.heading
        if p.paragraph in ranks:
            rank = ranks[p.paragraph]
            parts.append(f'<p class="sq-here"><span class="sq-rank">#{rank}</span> {e(p.text)}</p>')
        elif p.paragraph in holding:
            marked = f"<mark class=sq-hl>{e(term)}</mark>".join(e(piece) for piece in p.text.split(term))
            parts.append(f'<p class="sq-here">{marked}</p>')
        else:
            parts.append(f"<p>{e(p.text)}</p>")
    return (f'<details{" open" if opened else ""} ontoggle="{_TO_RESULT_JS}">'
            f'<summary>全文 Whole record（{len(passages)} 段 paragraphs）</summary>'
            f'<div class="sq-record">{"".join(parts)}</div></details>')


def render_outline(outline) -> str:
    """A speech's section headings (rag/outline.py), numbered as the record numbers them, each with
    its line; a heading within a part indented."""
    e = html.escape
    items = "".join(f'<li{"" if outline.is_part(heading) else " class=sq-sub"}>{e(heading)} '
                    f'<span class="sq-line">第{line}行 line {line}</span></li>' for heading, line in outline.headings)
    return f'<div class="sq-outline">{e(outline.summary())}' + (f"<ul>{items}</ul>" if items else "") + "</div>"


def render_hits(hits, neighbours=None, understood: str = "", scores: bool = True, records=None,
                outline=None) -> str:
    """Result cards as HTML; every value from the records is escaped. `neighbours` maps a hit's id
    to its (previous, next) paragraphs, shown in a collapsed block; `records` maps a hit's
    (source, record) to its session's paragraphs, shown collapsed under the first card from that
    session (the others point to it). `scores=False` for sessions listed by date, which have none.
    `outline`: the section headings of the speech a question asked the parts of, above the cards."""
    e = html.escape
    note = f'<div class="sq-understood">{e(understood)}</div>' if understood else ""
    if outline is not None:
        note += render_outline(outline)
    if not hits:
        return note + '<div class="sq-empty">没有找到相关段落。No matching passages.</div>'
    cards = [note] if note else []
    first_of_session: dict[tuple, int] = {}
    for rank, h in enumerate(hits, start=1):
        first_of_session.setdefault((h.source, h.record), rank)
    for rank, h in enumerate(hits, start=1):
        record = ""
        passages = (records or {}).get((h.source, h.record))
        if passages and first_of_session[(h.source, h.record)] == rank:
            ranks = {other.paragraph: r for r, other in enumerate(hits, start=1)
                     if (other.source, other.record) == (h.source, h.record)}
            record = render_record(passages, ranks)
        elif passages:
            first = first_of_session[(h.source, h.record)]
            record = f'<div class="sq-also">全文见 #{first} Whole record: see #{first}</div>'
        heading = f'<div class="sq-heading">{e(h.heading)}</div>' if h.heading else ""
        also = (f'<div class="sq-also">也在这些日期学习过 Also studied on: '
                f'{e("、".join(format_date_cn(d) for d in h.also_dates))}</div>' if h.also_dates else "")
        before, after = (neighbours or {}).get(h.id, (None, None))
        context = ""
        if before or after:
            parts = [f'<div class="sq-context">{e(n.text)}</div>' for n in (before,) if n]
            parts.append('<div class="sq-context">……（本段）……</div>')
            parts += [f'<div class="sq-context">{e(n.text)}</div>' for n in (after,) if n]
            context = f"<details><summary>上下文 Context</summary>{''.join(parts)}</details>"
        cards.append(
            f'<div class="sq-card">'
            f'<div class="sq-meta"><span class="sq-rank">#{rank}</span>'
            f'<span>日期 {e(format_dates_cn(h.date, h.date_end))}</span>'
            f'<span>主题 {e(h.topic or "（无主题）")}</span>'
            + (f'<span>本篇 This text: {e(h.text_opening)}</span>' if h.text_opening else "")
            + f'<span>地点 {e(h.place or "（不详）")}</span>'
            f'<span>文件 {e(h.source)} {place_in_file(h.line, h.page, h.part)}</span>'
            + (f'<span>得分 score {h.score:.3f}</span>' if scores else "") + '</div>'
            f'{heading}<div class="sq-text">{highlighted(h.text, h.highlights)}</div>{also}{context}{record}'
            f'<div class="sq-cite"><code>{e(h.citation)}</code>'
            f'<button class="sq-copy" data-cite="{e(h.citation, quote=True)}" onclick="{_COPY_JS}">'
            f'复制引用 Copy citation</button></div></div>')
    return "\n".join(cards)


def index_stats(index_dir: Path, seeds_dir: Path | None = None) -> str:
    manifest = read_manifest(index_dir)
    if manifest is None:
        return f"还没有索引 No index yet at `{index_dir}`: press **重建索引 Rebuild index**."
    stats = (f"**{manifest.get('sessions', 0)}** 次学习 sessions · **{manifest.get('passages', 0)}** 段 passages · "
             f"**{len(manifest.get('files', {}))}** 个文件 files · 模型 model `{manifest.get('model')}` · "
             f"上次构建 last build {manifest.get('built_at', '?')}")
    stale = stale_model_build(manifest.get("model", ""), manifest.get("model_build"))
    if stale:
        stats += (f"\n\n索引由旧版模型构建 The index {stale}: press **重建索引 Rebuild index** "
                  f"(every passage is embedded again).")
    older = [s for s, entry in manifest.get("files", {}).items() if entry.get("parser", 1) != PARSER_VERSION]
    if older:
        # read by an older record reader: what it reads better now (a paragraph's pieces, a form's
        # fields) shows once the next build reads them again, embedding only text it lacks
        stats += (f"\n\n**{len(older)}** 个文件由旧版读取程序读入 file(s) read by an older record reader: press "
                  f"**重建索引 Rebuild index** to read them again (only new text is embedded).")
    skipped = manifest.get("skipped") or {}
    if skipped:
        # files the last build could not read, with why (a scan where OCR is not installed says
        # what to install): the page's Index tab is where a branch looks
        shown = "; ".join(f"`{source}` {entry.get('reason', '')}" for source, entry in list(skipped.items())[:3])
        more = f"; … {len(skipped) - 3} more" if len(skipped) > 3 else ""
        stats += f"\n\n**{len(skipped)}** 个文件未能读取 file(s) not read: {shown}{more}"
    changed = seeds_changes(seeds_dir, index_dir) if seeds_dir else []
    if changed:
        stats += (f"\n\n**{len(changed)}** 个文件在上次构建后有变化，搜索结果尚未包含 "
                  f"file(s) changed since the last build, not searched yet: press **重建索引 Rebuild index**.")
    return stats


SESSION_HEADERS = ["日期 Date", "地点 Place", "方式 Format", "主题 Topic", "文件 File:Line", "段落 Passages"]


def session_rows(searcher: Searcher, holding: str | None = None) -> list[list]:
    """Every session of the index as the 学习记录 Sessions tab shows it, by date (Searcher.sessions);
    with `holding`, those whose text or topic holds that term as written (FILE:LINE and passages:
    where and how often it stands); none while there is no index."""
    try:
        rows = searcher.sessions(holding=holding)
    except StudyQAError:
        return []
    return [[dates_iso(r.date, r.date_end), r.place, r.format, r.topic, f"{r.source}:{r.line}", r.passages] for r in rows]


_export_folders: list[Path] = []


def _export_folder() -> Path:
    """A folder of this server's own for the files it offers to download, made private (0700) and
    with a name no other user can guess, so none can plant a link there beforehand."""
    if not _export_folders or not _export_folders[0].is_dir():
        _export_folders[:] = [Path(tempfile.mkdtemp(prefix="studyqa-export-"))]
    return _export_folders[0]


def _file_name_part(text: str, limit: int) -> str:
    """`text` as part of a file name any system takes: no path, shell or control characters, no spaces."""
    return re.sub(r"[\\/:*?\"<>|\s\x00-\x1f\x7f？！!。，,]+", "_", (text or "").strip()).strip("_")[:limit]


def page_ask(searcher: Searcher, question: str, k, date_from, date_to, place, source=""):
    """`searcher.ask` with the page's inputs: empty fields are no filter, k within 1–50."""
    filters = dict(date_from=date_from or None, date_to=date_to or None, place=place or None, source=source or None)
    return searcher.ask(question, k=max(1, min(int(k or 5), 50)), **filters)


def answers_markdown_file(searcher: Searcher, question: str, k=5, date_from=None, date_to=None, place=None,
                          source=None) -> str | None:
    """The answers to `question` with these filters, as the page shows them, as a Markdown file to
    keep (rag/export.py): each passage with its session, file and line and its citation. A
    gr.Error saying why when there is no question or the filters are not dates (the page shows it)."""
    question = (question or "").strip()
    if not question:
        raise gr.Error("请输入问题后再导出。Type a question to export its answers.")
    try:
        hits, understood = page_ask(searcher, question, k, date_from, date_to, place, source)
    except (StudyQAError, ValueError) as exc:
        raise gr.Error(f"未能导出 nothing exported: {exc}") from None
    text = hits_markdown(question, [h.to_dict() for h in hits], understood.describe(outline=False), stamp(),
                         understood.outline)
    path = _export_folder() / f"问答_{_file_name_part(question, 30) or 'answers'}.md"
    path.write_text(text, encoding="utf-8")
    return str(path)


def sessions_csv_file(searcher: Searcher, holding: str | None = None) -> str | None:
    """The Sessions tab's rows (with `holding`, those holding the term) as a CSV file to download,
    UTF-8 with a byte-order mark so that Excel shows the Chinese; None while there is no index."""
    try:
        rows = searcher.sessions(holding=holding)
    except StudyQAError:
        return None
    term = _file_name_part(holding, 40)
    path = _export_folder() / (f"学习记录_{term}.csv" if term else "学习记录.csv")
    path.write_text(sessions_csv(rows), encoding="utf-8-sig", newline="")
    return str(path)


def _as_typed(text: str) -> str:
    """Text for a gr.Markdown that shows as typed: HTML escaped, and Markdown's marks too."""
    return re.sub(r"([\\`*_\[\]{}()#+\-.!|~])", r"\\\1", html.escape(text))


def holding_note(searcher: Searcher, holding: str | None, shown: int) -> str:
    """The line under the Sessions tab's term box: how many sessions hold the term, of how many."""
    term = _as_typed((holding or "").strip())      # shown back as typed, never as markup
    if not term:
        return ""
    try:
        total = searcher.index.session_count()      # a count, not the whole list again
    except StudyQAError:
        total = 0
    return (f"{shown} 次学习的原文含“{term}”（共 {total} 次）{shown} of {total} sessions hold “{term}” as written"
            if shown else f"没有学习记录的原文含“{term}”（共 {total} 次）no session holds “{term}” as written")


STALE_ROW = ("这一行已过时：索引在列表显示后更新了，列表已刷新，请再点一次。The list was out of date (the index "
             "changed since it was shown); it is listed again: click the row again.")


def row_is_current(searcher: Searcher, row: list) -> bool:
    """Whether a Sessions row (as shown, perhaps before a rebuild) still names the session at its
    FILE:LINE: same date, place, format and topic."""
    source, _, line = str(row[4]).rpartition(":")
    try:
        at = searcher.passage_at(source, int(line))
    except (StudyQAError, ValueError):
        return False
    return (dates_iso(at.date, at.date_end) == (row[0] or "") and at.place == row[1] and at.format == row[2]
            and at.topic == row[3])


def render_session(searcher: Searcher, where: str, term: str = "") -> str:
    """The session a row of the Sessions tab names (`FILE:LINE`) as a card: its date, topic,
    place, file, header line and every paragraph (a long record: its start, or the paragraphs
    holding `term`, and where to read the rest), `term` marked where it stands. A row that no
    longer matches the index says so."""
    e = html.escape
    source, _, line = (where or "").rpartition(":")
    try:
        at = searcher.passage_at(source, int(line))
    except (StudyQAError, ValueError) as exc:
        return f'<div class="sq-empty" role="alert">{e(str(exc))}</div>'
    passages = searcher.session_passages(at)
    return (f'<div class="sq-card"><div class="sq-meta">'
            f'<span>日期 {e(format_dates_cn(at.date, at.date_end))}</span><span>主题 {e(at.topic or "（无主题）")}</span>'
            f'<span>地点 {e(at.place or "（不详）")}</span><span>文件 {e(at.source)} {place_in_file(at.line, at.page)}</span></div>'
            f'<div class="sq-heading">{e(searcher.header_of(at))}</div>'
            f'{render_record(passages, {}, opened=True, term=lexicon().simplify((term or "").strip()))}'
            f'<div class="sq-cite"><code>{e(at.citation)}</code></div></div>')


def _places(searcher: Searcher) -> list[str]:
    try:
        return sorted({p.place for p in searcher.index.passages.values() if p.place})
    except StudyQAError:
        return []


def build_app(index_dir: str | Path | None = None, seeds_dir: str | Path | None = None) -> gr.Blocks:
    index_dir = Path(index_dir) if index_dir else default_index_dir()
    # without --seeds: the folder this index was built from, never another checkout's seeds/
    seeds_dir = seeds_dir_for(index_dir, seeds_dir)
    searcher = get_searcher(index_dir)

    def do_search(question, k, date_from, date_to, place, source=""):
        question = (question or "").strip()
        if not question:
            return '<div class="sq-empty">请输入问题。Type a question.</div>', []
        try:
            for attempt in (1, 2):
                hits, understood = page_ask(searcher, question, k, date_from, date_to, place, source)
                try:
                    neighbours = {h.id: searcher.neighbours(h) for h in hits}
                    firsts = {(h.source, h.record): h for h in reversed(hits)}      # one hit per session
                    records = {key: searcher.session_passages(h) for key, h in firsts.items()}
                    break
                except StaleHit:
                    if attempt == 2:
                        raise
                    # the index was rebuilt between the search and its context: search it again
        except (StudyQAError, ValueError) as exc:
            # the user's input (a date that is not one): said on the page, not a server traceback
            return f'<div class="sq-empty" role="alert">{html.escape(str(exc))}</div>', []
        return (render_hits(hits, neighbours, understood.describe(outline=False), scores=not understood.listed(),
                            records=records, outline=understood.outline),
                [h.to_dict() for h in hits])

    def do_rebuild(progress=gr.Progress()):
        # the encoder reports from its worker threads, which do not see this event's context (Gradio
        # finds the event it updates there): each report runs in a copy of it
        this_event = contextvars.copy_context()

        def report_progress(stage, done, total):
            this_event.copy().run(progress, (done, total), desc=stage)
        try:
            report = update_index(seeds_dir, index_dir, progress=report_progress)
        except (StudyQAError, OSError) as exc:
            raise gr.Error(str(exc)) from exc
        return (report.summary(), index_stats(index_dir, seeds_dir), gr.update(choices=[""] + _places(searcher)),
                session_rows(searcher))

    def do_upload(files, progress=gr.Progress()):
        if not seeds_dir.is_dir() and (Path(index_dir) / "manifest.json").exists():
            # A build from a folder created anew would drop every record the index holds.
            raise gr.Error(f"记录文件夹不在 the seeds folder {seeds_dir}, which this index was built from, is not "
                           f"there now (moved, renamed, or a drive not mounted?); nothing was added. Put it "
                           f"back, or start StudyQA with --seeds FOLDER")
        saved, problems = [], []
        for f in files or []:
            path = Path(getattr(f, "name", f))
            original = getattr(f, "orig_name", None) or path.name
            try:
                saved.append(save_upload(path, original, seeds_dir).name)
            except StudyQAError as exc:
                problems.append(str(exc))
            except OSError as exc:      # a full disk, a folder not writable: said, per file
                problems.append(f"{original}: 未能保存 could not be saved ({exc.strerror or exc})")
        if not saved:
            raise gr.Error("；".join(problems) or "没有选择文件 No file chosen")
        head = "已添加 added: " + ", ".join(saved) + ("\n" + "\n".join(problems) if problems else "")
        try:
            log, stats, places, sessions = do_rebuild(progress)
        except gr.Error as exc:
            # The files are saved: say so, and what the build said (another build running: the
            # next one takes them), rather than an error that reads as if nothing was added.
            return (f"{head}\n索引未更新 the index was not updated: {exc.message}\n"
                    f"按“重建索引”更新 press Rebuild index to add them", index_stats(index_dir, seeds_dir),
                    gr.update(), session_rows(searcher), None)
        return head + "\n" + log, stats, places, sessions, None

    def do_record(source: str, line: int = 1) -> dict:
        """The whole session holding line `line` of an indexed file, as `studyqa show --json`
        gives it: {"header", "at", "passages"}."""
        try:
            return searcher.record_at((source or "").strip(), int(line or 1))
        except (StudyQAError, ValueError) as exc:
            raise gr.Error(str(exc)) from None

    with gr.Blocks(title="StudyQA 学习记录问答") as demo:
        gr.Markdown("## StudyQA 学习记录问答\n用自己的话提问，找到学过的原文段落及其学习日期、主题、地点和文件。"
                    "Ask in your own words: Chinese, English or another language.")
        # (tabs that do not fit a phone's width wrap onto a second line: in a "⋯" menu, unlabelled,
        # the Sessions and Index tabs went unseen)
        with gr.Tabs(overflow_behavior="wrap"):
            with gr.Tab("搜索 Search"):
                with gr.Row():
                    question = gr.Textbox(label="问题 Question", placeholder="例如：应急物资保障要遵循哪些原则？",
                                          scale=5, lines=1, max_lines=3, elem_id="sq-question")
                    k = gr.Slider(1, 20, value=5, step=1, label="结果数 Results", scale=1)
                with gr.Accordion("筛选 Filters", open=False):
                    with gr.Row():
                        date_from = gr.Textbox(value="", label="从 From (2020-03-01, 2020年3月, 2020)", max_lines=1)
                        date_to = gr.Textbox(value="", label="到 To (2020-03-31, 2020年3月, 2020)", max_lines=1)
                        place = gr.Dropdown(choices=[""] + _places(searcher), value="", label="地点 Place",
                                            allow_custom_value=True)
                        source = gr.Textbox(value="", label="文件 File (名称包含 name contains)", max_lines=1)
                ask = gr.Button("搜索 Search", variant="primary", elem_id="sq-search")
                gr.Examples(EXAMPLES, inputs=question)
                results = gr.HTML(elem_id="sq-results")
                with gr.Row():
                    export_answers = gr.Button("导出 Markdown Export", scale=1, elem_id="sq-export-answers")
                    exported_answers = gr.File(label="问答 Answers (.md)", interactive=False, scale=3, height=90,
                                               elem_id="sq-exported-answers")
                with gr.Accordion("JSON", open=False):
                    hits_json = gr.JSON()
            with gr.Tab("学习记录 Sessions"):
                gr.Markdown("每次学习一行：日期、地点、方式、主题和文件位置（`studyqa show 文件:行` 可看全文）。"
                            "点一行看全文（列头⋮菜单可排序）。One row per session; sort from a column head's ⋮ menu, type to search, "
                            "click a row to read that session.")
                with gr.Row():
                    holding = gr.Textbox(label="原文含 Holding (a term as written)", max_lines=1, scale=4,
                                         placeholder="例如：网格化管理 — 只列出原文含这个词的学习；清空列出全部",
                                         elem_id="sq-holding")
                    holding_go = gr.Button("筛选 Filter", scale=1)
                holding_count = gr.Markdown("", elem_id="sq-holding-count")
                # (filled as the page loads, by rows_on_load: built here too, it went to the browser twice)
                sessions_table = gr.Dataframe(value=[], headers=SESSION_HEADERS,
                                              interactive=False, show_search="search", wrap=True,
                                              column_widths=["11%", "12%", "9%", "40%", "20%", "8%"],
                                              elem_id="sq-sessions")
                with gr.Row():
                    export = gr.Button("导出 CSV Export (Excel)", scale=1, elem_id="sq-export")
                    exported = gr.File(label="学习记录 CSV", interactive=False, scale=3, height=90,
                                       elem_id="sq-exported")
                session_view = gr.HTML('<div class="sq-empty">点一行看这次学习的全文。Click a row to read that session.</div>',
                                       elem_id="sq-session")
            with gr.Tab("索引 Index"):
                stats = gr.Markdown(index_stats(index_dir, seeds_dir))
                rebuild = gr.Button("重建索引 Rebuild index")
                uploads = gr.File(label="添加记录 Add session files (.txt .md .docx .doc .wps .pdf .html .mht, or a scan as .png .jpg .tif; ≤ 20 MB)",
                                  file_count="multiple", file_types=list(SUPPORTED_SUFFIXES))
                add = gr.Button("添加并更新索引 Add and update index")
                log = gr.Textbox(label="结果 Log", lines=6, interactive=False)

        inputs = [question, k, date_from, date_to, place, source]
        # one event for the button and Enter, the last question asked always answered last: two
        # events raced (a slower first answer replaced the second's), and a question asked while
        # one was running was dropped
        gr.on([ask.click, question.submit], do_search, inputs, [results, hits_json], api_name="search",
              concurrency_limit=4, trigger_mode="always_last")
        # the answers as shown, with their citations, as a file to keep (the search is run again:
        # ~0.2 s, and the page's API keeps its two outputs); the file box is kept low until it has one
        # (the box is emptied first: an export that fails must not leave the last one to download)
        export_answers.click(lambda: None, None, exported_answers, api_name=False, queue=False).then(
            lambda *values: answers_markdown_file(searcher, *values), inputs, exported_answers, api_name="export",
            concurrency_limit=4)

        def filter_sessions(term: str) -> tuple[list[list], str]:
            rows = session_rows(searcher, term)
            return rows, holding_note(searcher, term, len(rows))

        def refresh_page():
            # a page opened after a rebuild (by another tab, an upload, `studyqa index`) shows the
            # index as it is now, not as it was when the server started
            return index_stats(index_dir, seeds_dir), gr.update(choices=[""] + _places(searcher))

        demo.load(refresh_page, None, [stats, place], api_name=False)
        # The rows, as the page opens. A term filtered on before they come is not undone by them: they
        # are the rows of the box as it was when the page opened (all), and replaced the filtered ones.
        # The pages that filtered are noted by their session (a gr.State would hold a connection open
        # for every page), the latest few thousand.
        filtered_pages: OrderedDict[str, None] = OrderedDict()

        def rows_on_load(term: str, request: gr.Request):
            if request is not None and request.session_hash in filtered_pages:
                return gr.update(), gr.update()
            return filter_sessions(term)

        def filter_on_request(term: str, request: gr.Request):
            if request is not None:
                filtered_pages[request.session_hash] = None
                while len(filtered_pages) > 5000:
                    filtered_pages.popitem(last=False)
            return filter_sessions(term)

        demo.load(rows_on_load, holding, [sessions_table, holding_count], api_name=False)
        for trigger in (holding.submit, holding_go.click):
            trigger(filter_on_request, holding, [sessions_table, holding_count], api_name=False, concurrency_limit=4)
        # a rebuild or an upload lists the sessions again: the term typed still applies
        rebuild.click(do_rebuild, None, [log, stats, place, sessions_table], api_name="rebuild", concurrency_limit=1
                      ).then(filter_sessions, holding, [sessions_table, holding_count], api_name=False)
        add.click(do_upload, [uploads], [log, stats, place, sessions_table, uploads], api_name="upload",
                  concurrency_limit=1).then(filter_sessions, holding, [sessions_table, holding_count], api_name=False)
        gr.api(do_record, api_name="record", concurrency_limit=4)

        def show_session(term: str, evt: gr.SelectData):
            # the row as shown (sorted or searched): its FILE:LINE column names the session; the
            # term typed in 原文含 Holding is marked in it. A row from before a rebuild (another
            # tab rebuilt) may name another session there now: said, and the list shown again.
            if not row_is_current(searcher, evt.row_value):
                rows = session_rows(searcher, term)
                return (f'<div class="sq-empty" role="alert">{html.escape(STALE_ROW)}</div>', rows,
                        holding_note(searcher, term, len(rows)))
            return render_session(searcher, str(evt.row_value[4]), term), gr.update(), gr.update()

        sessions_table.select(show_session, holding, [session_view, sessions_table, holding_count], api_name=False,
                              concurrency_limit=4)

        # the rows listed (all, or those holding the term typed) as a file a branch hands in
        export.click(lambda term: sessions_csv_file(searcher, term), holding, exported,
                     api_name="sessions_csv", concurrency_limit=4)
    return demo


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def read_auth(auth: str | None = None, auth_file: str | Path | None = None) -> list[tuple[str, str]]:
    """`USER:PASSWORD`, or a file with one `USER:PASSWORD` per line."""
    entries = [("--auth", auth)] if auth else []
    if auth_file:
        try:
            # utf-8-sig: Notepad saves a byte-order mark, which became part of the first user's name
            text = Path(auth_file).read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise ValueError(f"the auth file {auth_file} cannot be read ({exc.strerror or exc})") from None
        except UnicodeDecodeError:
            raise ValueError(f"the auth file {auth_file} is not UTF-8 text; save it as UTF-8") from None
        lines = [(f"{auth_file}:{number}", line.strip()) for number, line in enumerate(text.splitlines(), start=1)
                 if line.strip() and not line.strip().startswith("#")]
        if not lines:
            raise ValueError(f"the auth file {auth_file} holds no USER:PASSWORD line; write one per line")
        entries += lines
    pairs = []
    for where, entry in entries:
        user, sep, password = entry.partition(":")
        if not sep or not user or not password:
            raise ValueError(f"{where}: auth must be USER:PASSWORD (both non-empty)")
        pairs.append((user, password))
    return pairs


def serve(index_dir: str | Path | None = None, seeds_dir: str | Path | None = None,
          host: str = "127.0.0.1", port: int = 7860, auth: list[tuple[str, str]] | None = None,
          prevent_thread_lock: bool = False):
    if not is_loopback(host) and not auth:
        raise StudyQAError(f"refusing to serve on {host} without a password: anyone on the network could "
                           f"read the records. Add --auth USER:PASSWORD (or --auth-file FILE), or use "
                           f"--host 127.0.0.1")
    get_searcher(index_dir).warm_up()   # build or load before the page is up, not on the first question
    demo = build_app(index_dir, seeds_dir)
    demo.queue(default_concurrency_limit=4)
    try:
        # quiet: Gradio's banner suggests share=True, a public link, which StudyQA never makes
        demo.launch(server_name=host, server_port=port, theme=THEME, css=CSS, share=False,
                    auth=auth or None, prevent_thread_lock=True, show_error=True,
                    quiet=True, max_file_size="20mb")
    except OSError as exc:
        raise StudyQAError(f"cannot listen on {host}:{port} (the port is in use, or the address is "
                           f"not this computer's); choose another with --port or --host") from exc
    if not prevent_thread_lock:
        # Not demo.block_thread(): it takes Ctrl-C for a normal end (exit code 0), and StudyQA's
        # commands end on Ctrl-C with 130, saying so once. The line is printed within the try: a
        # Ctrl-C right after it (a script stopping the server it saw start) said only `interrupted`.
        try:
            print(f"StudyQA is running at {demo.local_url}  (Ctrl-C stops it)", flush=True)
            while True:
                time.sleep(0.5)
        except KeyboardInterrupt:
            demo.close()
            raise KeyboardInterrupt("stopped; the page is closed") from None
    return demo
