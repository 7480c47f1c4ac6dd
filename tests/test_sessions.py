"""The sessions an index holds, one row each (rag/sessions.py), through Searcher.sessions, the
CLI (`studyqa sessions`) and the page's Sessions tab."""
import json

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
