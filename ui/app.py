"""The Gradio web UI: a question box, a number of results, and result cards with their source.

Everything the page shows from the records is escaped; the page loads nothing from other hosts
(system fonts only, analytics off)."""
from __future__ import annotations

import html
import os
from pathlib import Path

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr  # noqa: E402 - the environment must be set before gradio is imported

from rag.search import get_searcher  # noqa: E402
from rag.store import StudyQAError  # noqa: E402
from rag.zh import format_date_cn  # noqa: E402

EXAMPLES = [
    "应急物资保障要遵循哪些原则？",
    "怎样帮助中小微企业渡过疫情难关？",
    "贫困县摘帽以后有哪“四个不摘”？",
    "What did the speech say about vaccine research?",
]

CSS = """
.sq-card {border: 1px solid #d0d7de; border-radius: 8px; padding: 12px 14px; margin: 10px 0;}
.sq-meta {color: #57606a; font-size: 0.9em; margin-bottom: 6px; display: flex; flex-wrap: wrap; gap: 4px 14px;}
.sq-rank {font-weight: bold; color: #b3261e;}
.sq-heading {font-weight: bold; margin: 4px 0;}
.sq-text {white-space: pre-wrap; line-height: 1.7; font-size: 1.02em;}
.sq-empty {color: #57606a; padding: 12px 0;}
"""

# System fonts only: the page must render with no outside network (no web fonts).
THEME = gr.themes.Default(
    font=["system-ui", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "sans-serif"],
    font_mono=["ui-monospace", "Consolas", "monospace"],
)


def render_hits(hits) -> str:
    """Result cards as HTML; every value from the records is escaped."""
    if not hits:
        return '<div class="sq-empty">没有找到相关段落。No matching passages.</div>'
    cards = []
    for rank, h in enumerate(hits, start=1):
        e = html.escape
        heading = f'<div class="sq-heading">{e(h.heading)}</div>' if h.heading else ""
        cards.append(
            f'<div class="sq-card">'
            f'<div class="sq-meta"><span class="sq-rank">#{rank}</span>'
            f'<span>📅 {e(format_date_cn(h.date))}</span>'
            f'<span>📘 {e(h.topic or "（无主题）")}</span>'
            f'<span>📍 {e(h.place or "（地点不详）")}</span>'
            f'<span>📄 {e(h.source)} 第{h.line}行</span>'
            f'<span>相似度 {h.score:.3f}</span></div>'
            f'{heading}<div class="sq-text">{e(h.text)}</div></div>')
    return "\n".join(cards)


def build_app(index_dir: str | Path | None = None) -> gr.Blocks:
    searcher = get_searcher(index_dir)

    def do_search(question: str, k: float):
        question = (question or "").strip()
        if not question:
            return '<div class="sq-empty">请输入问题。Type a question.</div>', []
        try:
            hits = searcher.search(question, k=max(1, min(int(k or 5), 50)))
        except StudyQAError as exc:
            raise gr.Error(str(exc)) from exc
        return render_hits(hits), [h.to_dict() for h in hits]

    with gr.Blocks(title="StudyQA 学习记录问答") as demo:
        gr.Markdown("## StudyQA 学习记录问答\n用自己的话提问，找到学过的原文段落及其学习日期、主题、地点和文件。")
        with gr.Row():
            question = gr.Textbox(label="问题 Question", placeholder="例如：应急物资保障要遵循哪些原则？",
                                  scale=5, lines=1, max_lines=3)
            k = gr.Slider(1, 20, value=5, step=1, label="结果数 Results", scale=1)
        ask = gr.Button("搜索 Search", variant="primary")
        gr.Examples(EXAMPLES, inputs=question)
        results = gr.HTML()
        with gr.Accordion("JSON", open=False):
            hits_json = gr.JSON()
        for trigger in (ask.click, question.submit):
            trigger(do_search, inputs=[question, k], outputs=[results, hits_json],
                    api_name="search" if trigger == ask.click else False)
    return demo


def serve(index_dir: str | Path | None = None, host: str = "127.0.0.1", port: int = 7860,
          prevent_thread_lock: bool = False):
    searcher = get_searcher(index_dir)
    searcher.index  # build (first run) or load before the page is up, not on the first question
    searcher.encoder
    demo = build_app(index_dir)
    demo.launch(server_name=host, server_port=port, theme=THEME, css=CSS, share=False,
                prevent_thread_lock=prevent_thread_lock, show_error=True, quiet=prevent_thread_lock)
    return demo
