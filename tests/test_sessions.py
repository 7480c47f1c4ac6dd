"""The sessions an index holds, one row each (rag/sessions.py), through Searcher.sessions, the
CLI (`studyqa sessions`) and the page's Sessions tab."""
import csv
import json
from pathlib import Path

import pytest

from conftest import RECORD_A, RECORD_B, write


@pytest.fixture
def searcher(tmp_path, bigram):
    from rag import Searcher, update_index
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    write(seeds / "b.txt", RECORD_B)
    write(seeds / "c.txt", "没有标题的一段讲话。\n第二段。\n")       # no header: no date
    update_index(seeds, index, encoder=bigram, model=bigram.name, progress=None)
    return Searcher(index, encoder=bigram)


def test_every_session_once_by_date_undated_last(searcher):
    rows = searcher.sessions()
    assert [(r.date, r.source) for r in rows] == [("2021-05-06", "a.txt"), ("2021-06-07", "b.txt"), (None, "c.txt")]
    a = rows[0]
    assert (a.place, a.format, a.topic, a.passages) == ("三楼会议室", "集中学习", "生态文明", 2)
    assert searcher.passage_at(a.source, a.line).paragraph == 0        # the line opens the session


def test_filters_as_search_has_them(searcher):
    assert [r.source for r in searcher.sessions(date_from="2021年6月1日")] == ["b.txt"]
    assert [r.source for r in searcher.sessions(place="会议室")] == ["a.txt"]
    assert [r.source for r in searcher.sessions(source="c.")] == ["c.txt"]
    assert searcher.sessions(date_to="2021-01-01") == []
    # a month in both fields is that whole month; a year, that year
    assert [r.source for r in searcher.sessions(date_from="2021年5月", date_to="2021-05")] == ["a.txt"]
    assert [r.source for r in searcher.sessions(date_from="2021", date_to="2021年")] == ["a.txt", "b.txt"]
    with pytest.raises(ValueError, match="is not a date"):
        searcher.sessions(date_from="昨天")


def test_cli_lists_sessions_and_says_how_many(searcher, capsys):
    from rag.cli import main
    assert main(["sessions", "--index", str(searcher.index_dir)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("2021年5月6日  三楼会议室  集中学习  《生态文明》  a.txt:") and out[-1] == "3 次学习 sessions"
    assert main(["sessions", "--index", str(searcher.index_dir), "--place", "党员活动室"]) == 0
    assert "0 of 3" in capsys.readouterr().out
    assert main(["sessions", "--index", str(searcher.index_dir), "--json", "--to", "2021-05-31"]) == 0
    assert [row["source"] for row in json.loads(capsys.readouterr().out)] == ["a.txt"]


def test_the_sessions_as_csv_for_excel(searcher, tmp_path, capsys):
    """`studyqa sessions --csv FILE` and the tab's Export: one session a row, the header first,
    UTF-8 with a byte-order mark (Excel reads Chinese then); a topic holding a comma stays one cell."""
    from rag.cli import main
    out = tmp_path / "学习记录.csv"
    assert main(["sessions", "--index", str(searcher.index_dir), "--csv", str(out), "--to", "2021-12-31"]) == 0
    assert "wrote 2 sessions" in capsys.readouterr().out
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][0] == "日期 date" and [r[0] for r in rows[1:]] == ["2021-05-06", "2021-06-07"]
    assert rows[1][1:4] == ["三楼会议室", "集中学习", "生态文明"] and rows[1][4] == "a.txt"
    assert main(["sessions", "--index", str(searcher.index_dir), "--csv", "-", "--holding", "乡村振兴"]) == 0
    printed = list(csv.reader(capsys.readouterr().out.splitlines()))
    assert [r[4] for r in printed[1:]] == ["b.txt"]
    assert main(["sessions", "--index", str(searcher.index_dir), "--csv", str(tmp_path / "no" / "x.csv")]) == 1
    assert "cannot write" in capsys.readouterr().err
    from rag.sessions import SessionRow, sessions_csv
    text = sessions_csv([SessionRow("2021-01-02", "会议室", "", "学习党章，党规", "d.txt", 3, 1)])
    assert list(csv.reader(text.splitlines()))[1][3] == "学习党章，党规"
    text = sessions_csv([SessionRow(None, "", "", 'a,"b"', "d.txt", 3, 1)])
    assert list(csv.reader(text.splitlines()))[1][:4] == ["", "", "", 'a,"b"']
    from ui.app import sessions_csv_file
    path = sessions_csv_file(searcher, "乡村/振兴")
    assert path.endswith("学习记录_乡村_振兴.csv") and open(path, encoding="utf-8-sig").read().count("\n") == 1
    # a cell Excel would run as a formula (`=HYPERLINK(…)` typed into a record) gets its text mark
    text = sessions_csv([SessionRow("2021-01-02", '=HYPERLINK("http://x.example","会议室")', "-", "+1 学习", "@a.txt", 3, 1)])
    assert list(csv.reader(text.splitlines()))[1][1:5] == [
        '\'=HYPERLINK("http://x.example","会议室")', "'-", "'+1 学习", "'@a.txt"]
    # the download folder is this server's own: private, under a name no one could guess
    import os
    import stat
    from ui.app import _export_folder
    assert stat.S_IMODE(os.stat(_export_folder()).st_mode) == 0o700 and Path(path).parent == _export_folder()
    assert sessions_csv_file(searcher, "乡村\x00振兴").endswith("学习记录_乡村_振兴.csv")   # no NUL in a name


def test_the_sessions_tab_rows(searcher):
    from ui.app import SESSION_HEADERS, session_rows
    rows = session_rows(searcher)
    assert len(rows[0]) == len(SESSION_HEADERS) and rows[0][0] == "2021-05-06" and rows[-1][0] == ""
    assert rows[1][4].startswith("b.txt:") and rows[1][5] == 2


def test_a_row_of_the_sessions_tab_opens_its_session(searcher):
    from ui.app import render_session, session_rows
    rows = session_rows(searcher)
    page = render_session(searcher, rows[0][4])
    assert "时间：2021年5月6日" in page and "垃圾分类工作就是新时尚" in page and "绿水青山" in page
    assert "乡村振兴" not in page and "<details open" in page
    # a row from before a rebuild that removed its file: said in words
    assert "is not an indexed file" in render_session(searcher, "gone.txt:3")


def test_how_often_a_term_was_studied_counts_every_session_holding_it(tmp_path, bigram):
    from rag import Searcher, update_index
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    write(seeds / "b.txt", RECORD_B)
    write(seeds / "d.txt", "集中学习记录\n时间：2021年7月8日\n地点：村委会\n学习主题：垃圾分类\n学习内容：\n"
                           "各村要把环境整治作为乡村振兴的重要内容。\n")        # the term in its topic only
    update_index(seeds, index, encoder=bigram, model=bigram.name, progress=None)
    searcher = Searcher(index, encoder=bigram)
    _, understood = searcher.ask("垃圾分类学过几次？", k=1)        # one hit; every session counted
    assert understood.term == "垃圾分类" and understood.term_dates == ["2021-05-06", "2021-07-08"]
    assert "原文含“垃圾分类”的学习" in understood.describe() and "2 次" in understood.describe()
    _, understood = searcher.ask("最近一次学习垃圾分类是哪天？", place="村委会")
    assert understood.term_dates == ["2021-07-08"]
    # within a span the question names: counted there only, however the question puts its date
    # at a place the question names: `学过` stays with `几次` when the place is read
    _, understood = searcher.ask("在村委会学过几次垃圾分类？", k=1)
    assert understood.filters == {"place": "村委会"} and understood.term_dates == ["2021-07-08"]
    for question in ("2021年6月以来学过几次垃圾分类？", "2021年6月以来垃圾分类学过几次？"):
        _, understood = searcher.ask(question, k=1)
        assert understood.filters == {"date_from": "2021-06-01"}, question
        assert understood.term_dates == ["2021-07-08"] and "1 次" in understood.describe(), question
    # not a term (a phrase), or not a "when" question: nothing counted
    assert searcher.ask("什么时候学过垃圾分类的做法？")[1].term_dates == []
    assert searcher.ask("垃圾分类")[1].term_dates == []
    # two sessions on one day, and one without a date, are sessions too, as the Sessions tab lists them
    write(seeds / "e.txt", RECORD_A.replace("三楼会议室", "二楼会议室"))               # 2021-05-06 again
    write(seeds / "f.txt", RECORD_A.replace("时间：2021年5月6日", "时间："))              # no date
    update_index(seeds, index, encoder=bigram, model=bigram.name, progress=None)
    searcher = Searcher(index, encoder=bigram)
    _, understood = searcher.ask("垃圾分类学过几次？", k=1)
    assert understood.term_dates == ["2021-05-06", "2021-05-06", "2021-07-08", None]
    assert len(understood.term_dates) == len(searcher.sessions(holding="垃圾分类"))
    assert "4 次 sessions（2021年5月6日×2、2021年7月8日、日期不详）" in understood.describe()
    # a term no record holds: said, and the passages' dates are not called the dates it was studied
    described = searcher.ask("量子计算学过几次？", k=1)[1].describe()
    assert "没有学习记录的原文含“量子计算”" in described and "学习日期 studied on" not in described
    assert "在筛选范围内没有" in searcher.ask("2021年6月以来学过几次生态文明？", k=1)[1].describe()


def test_how_often_a_term_was_studied_asked_in_english(tmp_path, bigram):
    from rag import Searcher, update_index
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    write(seeds / "e.txt", "集中学习记录\n时间：2020年3月11日\n地点：线上\n学习主题：疫情防控\n学习内容：\n"
                           "要织密织牢社区防控网，实行严格的网格化管理。\n做好疫情防控工作。\n"
                           "集中学习记录\n时间：2022年11月26日\n地点：线上\n学习主题：基层治理\n学习内容：\n"
                           "社区开展网格化管理，为居民提供精细化服务。\n常态化疫情防控不能松懈。\n")
    update_index(seeds, index, encoder=bigram, model=bigram.name, progress=None)
    searcher = Searcher(index, encoder=bigram)
    # grid -> 网格, management -> 管理: the records write them 网格化管理, and every session holding it is counted
    _, understood = searcher.ask("How many times did we study grid management?", k=1)
    assert understood.term == "网格化管理" and understood.term_dates == ["2020-03-11", "2022-11-26"]
    assert "原文含“网格化管理”的学习" in understood.describe() and "2 次" in understood.describe()
    _, understood = searcher.ask("When did we last study grid management before 2021?", k=1)
    assert understood.filters == {"date_to": "2020-12-31"} and understood.term_dates == ["2020-03-11"]
    # epidemic -> 疫 alone: 疫情防控 is written in two texts, so it is a term
    _, understood = searcher.ask("When did we study epidemic prevention and control?", k=1)
    assert understood.term == "疫情防控" and understood.term_dates == ["2020-03-11", "2022-11-26"]
    # no question about studying, or words no text holds together: nothing counted
    assert not searcher.ask("grid management")[1].term
    assert searcher.ask("How many times did we study grid protection?")[1].term_dates == []


def test_the_term_of_a_when_question():
    from rag.zh import studied_term
    assert studied_term("网格化管理学过几次？") == "网格化管理"
    assert studied_term("最近一次学习脱贫攻坚是哪天？") == "脱贫攻坚"
    assert studied_term("第一次学网格化管理是什么时候？") == "网格化管理"
    assert studied_term("我们什么时候学习过关于生物安全的内容？") == "生物安全"
    assert studied_term("什么时候学的习近平在湖北考察时的讲话？") is None
    assert studied_term("网格化管理是什么？") is None
    assert studied_term("我们学过哪些关于生物安全的内容？") == "生物安全"          # what was studied about it
    assert studied_term("学习中提到过哪些关于网格化管理的要求？") == "网格化管理"    # the kind of text asked for
    assert studied_term("学过的内容里有哪些涉及养老保险的？") == "养老保险"


def test_sessions_holding_a_term_in_the_cli_the_api_and_the_tab(searcher, capsys):
    from rag.cli import main
    from ui.app import holding_note, session_rows
    rows = searcher.sessions(holding="垃圾分类")
    assert [r.source for r in rows] == ["a.txt"] and rows[0].passages == 1
    assert searcher.sessions(holding="垃圾分類")[0].source == "a.txt"          # typed in traditional
    assert searcher.sessions(holding="绿水青山")[0].line == 8 != searcher.sessions()[0].line   # where it stands
    assert searcher.sessions(holding="没有的词") == [] and len(searcher.sessions(holding="  ")) == 3
    assert searcher.sessions(holding="垃圾分类", place="村委会") == []
    assert main(["sessions", "--index", str(searcher.index_dir), "--holding", "乡村振兴"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("2021年6月7日") and "含“乡村振兴”" in out[0] and out[-1] == "1 of 3 次学习 sessions"
    rows = session_rows(searcher, "乡村振兴")
    assert [row[4].split(":")[0] for row in rows] == ["b.txt"]
    assert holding_note(searcher, "乡村振兴", len(rows)).startswith("1 次学习的原文含“乡村振兴”（共 3 次）")
    assert holding_note(searcher, "", 3) == "" and "没有" in holding_note(searcher, "没有的词", 0)


def test_a_session_opened_from_the_tab_marks_the_term_typed(searcher):
    from ui.app import render_session, session_rows
    row = session_rows(searcher, "绿水青山")[0]
    page = render_session(searcher, row[4], "绿水青山")
    assert page.count("<mark class=sq-hl>绿水青山</mark>") == 1 and "垃圾分类工作就是新时尚" in page
    assert "<mark" not in render_session(searcher, row[4])


def test_the_term_is_shown_back_as_text(searcher):
    from ui.app import holding_note
    assert "<img" not in holding_note(searcher, "<img src=x onerror=alert(1)>", 0)
    # shown in Markdown: its marks are text too, not a link, bold or emphasis
    note = holding_note(searcher, "[点我](http://x.example) **粗** _斜_", 0)
    assert "\\[点我\\]\\(http://x\\.example\\) \\*\\*粗\\*\\* \\_斜\\_" in note
    # a term that is part of an HTML entity marks the text, not the entity
    from ui.app import render_record
    from rag.types import Hit
    passage = Hit(text='quot：他说"好"', score=0.0, date=None, topic="", place="", source="a.txt", paragraph=0,
                  heading=None, line=1, record=0)
    assert '<mark class=sq-hl>quot</mark>：他说&quot;好&quot;' in render_record([passage], {}, term="quot")


def test_how_many_sessions_a_period_held_is_said_with_the_listing(searcher):
    # `2021年一共学习了多少次？` names no content: the sessions are listed, and counted
    for question in ("2021年一共学习了多少次？", "2021年学了什么", "How many sessions did we hold in 2021?"):
        hits, understood = searcher.ask(question, k=1)
        assert understood.sessions and understood.sessions_found == 2, question
        assert len(hits) == 1 and "共 2 次学习 2 sessions" in understood.describe(), question
    hits, understood = searcher.ask("2021年6月以来学过几次？", k=5)
    assert understood.sessions_found == 1 and [h.source for h in hits] == ["b.txt"]
    assert "共 1 次学习 1 session）" in understood.describe()


def test_holding_counts_the_paragraphs_whose_text_holds_it_not_the_topic_every_passage_carries(tmp_path, bigram):
    from conftest import RECORD_A, write
    from rag import PassageIndex, update_index
    from rag.sessions import list_sessions
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)                                # topic 生态文明, in no paragraph
    write(seeds / "b.txt", RECORD_A.replace("2021年5月6日", "2021年9月9日").replace("绿水青山", "生态文明建设绿水青山"))
    update_index(seeds, index, encoder=bigram, model=bigram.name, progress=None)
    rows = list_sessions(PassageIndex.load(index), holding="生态文明")
    assert [(r.date, r.passages) for r in rows] == [("2021-05-06", 0), ("2021-09-09", 1)]
