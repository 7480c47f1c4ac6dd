"""The answers as a Markdown page to keep (rag/export.py), from the CLI and the page."""
import pytest

from rag.export import hits_markdown


HIT = {"text": "习近平\n同志们：\n这次会议的主要任务是，凝心聚力打赢脱贫攻坚战。要*加强*领导。", "date": "2020-03-11",
       "topic": "在座谈会上的讲话", "place": "线上学习", "source": "seeds_a/记录.txt", "line": 149,
       "heading": "一、形势", "highlights": [[9, 32]], "also_dates": ["2021-01-05"],
       "citation": "（2020年3月11日集中学习《在座谈会上的讲话》）"}


def test_each_hit_with_its_session_file_line_bold_answer_and_citation():
    md = hits_markdown("脱贫攻坚座谈会的任务是什么？", [HIT], "筛选 Filters: 日期 date: 2020-03-11", "2026-12-05 10:00")
    lines = md.split("\n")
    assert lines[0] == "# 问 Question：脱贫攻坚座谈会的任务是什么？"
    assert "*筛选 Filters: 日期 date: 2020-03-11*" in lines and "StudyQA · 2026-12-05 10:00" in lines
    assert "## 1. 2020年3月11日《在座谈会上的讲话》" in lines
    assert ("地点 place：线上学习 · 文件 file：seeds\\_a/记录.txt 第149行 line · 标题 heading：一、形势 · "
            "也学于 also studied on：2021年1月5日") in lines
    # each line of the passage a paragraph of the quote; the answer bold, its 。 outside the bold
    # (CommonMark would not close `**` between 。 and a Chinese character)
    assert "> 习近平\n>\n> 同志们：\n>\n> **这次会议的主要任务是，凝心聚力打赢脱贫攻坚战**。要\\*加强\\*领导。" in md
    assert lines[-2] == "引用 citation：（2020年3月11日集中学习《在座谈会上的讲话》）"


def test_no_hit_says_so_and_markup_in_records_stays_text():
    assert "（没有找到段落 no passage found）" in hits_markdown("问题", [])
    md = hits_markdown("<b>问</b>", [{**HIT, "text": "<script>x</script>", "highlights": []}])
    assert "\\<script\\>x\\</script\\>" in md and "\\<b\\>问\\</b\\>" in md
    # emphasis, links, entities, headings and list openings of record text stay text too
    text = "_责任制_与[通知](http://x.example) &amp;\n# 三、第二部分\n1) 第一点\n- 第二点\n1.每月一次"
    md = hits_markdown("问", [{**HIT, "text": text, "topic": "[链接](http://x.example)", "highlights": []}])
    assert "> \\_责任制\\_与\\[通知\\](http://x.example) \\&amp;\n>\n> \\# 三、第二部分\n>\n> 1\\) 第一点\n>\n> \\- 第二点" in md
    assert "> 1.每月一次" in md and "《\\[链接\\](http://x.example)》" in md      # `1.每月` opens no list


def test_the_cli_and_the_page_give_the_same_page(tmp_path, bigram, capsys, monkeypatch):
    import rag.cli
    from conftest import searcher_of_records_a_and_b
    from rag.cli import main
    searcher = searcher_of_records_a_and_b(tmp_path, bigram)
    monkeypatch.setattr(rag.cli, "_searcher", lambda args: searcher)     # the test encoder, not a model
    assert main(["ask", "垃圾分类", "-k", "1", "--markdown", "--index", str(searcher.index_dir)]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("# 问 Question：垃圾分类\n") and "## 1. 2021年5月6日《生态文明》" in printed
    from ui.app import answers_markdown_file
    path = answers_markdown_file(searcher, "垃圾分类", 1)
    assert path.endswith("问答_垃圾分类.md")
    saved = open(path, encoding="utf-8").read()
    assert saved.split("\n")[0] == "# 问 Question：垃圾分类" and "## 1. 2021年5月6日《生态文明》" in saved
    # no question, or a date that is none: said on the page (it gave no file and no word)
    import gradio as gr
    for args in (("  ",), ("x", 1, "昨天")):
        with pytest.raises(gr.Error):
            answers_markdown_file(searcher, *args)
