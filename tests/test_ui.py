"""The web UI answers through its public API, as gradio_client (and the page) call it."""
import json
import socket
from pathlib import Path

import pytest

from rag.store import PassageIndex, StudyQAError
from rag.types import Hit
from ui.app import render_hits



def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_cards_escape_record_text():
    hit = Hit(text="<script>alert(1)</script>正文", score=0.9, date="2020-03-04", topic="<img src=x onerror=alert(1)>",
              place="QQ线上", source="a&b.txt", paragraph=0, heading=None, line=3, record=0)
    page = render_hits([hit])
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<img" not in page and "a&amp;b.txt" in page and "2020年3月4日" in page


@pytest.mark.slow
def test_search_api_with_gradio_client(seed_index, real_encoder):
    from gradio_client import Client

    from ui.app import serve
    port = _free_port()
    demo = serve(index_dir=seed_index, port=port, prevent_thread_lock=True)
    try:
        client = Client(f"http://127.0.0.1:{port}/", verbose=False)
        html, hits = client.predict("应急物资保障要遵循哪些原则？", 3, api_name="/search")
        assert len(hits) == 3
        assert "集中管理、统一调拨、平时服务、灾时应急" in hits[0]["text"]
        assert hits[0]["date"] == "2020-03-04" and hits[0]["source"] == "000_5fe3251cdd8066f2.txt"
        assert 'class="sq-card"' in html and "2020年3月4日" in html
        html, hits = client.predict("應急物資保障要遵循哪些原則？", 3, api_name="/search")
        assert "集中管理、统一调拨、平时服务、灾时应急" in hits[0]["text"]
        assert "read in simplified characters" in html and "应急物资保障要遵循哪些原则" in html
        html, hits = client.predict("   ", 3, api_name="/search")
        assert hits == [] and "请输入问题" in html
        # the whole session of a hit, as `studyqa show --json` gives it
        record = client.predict("000_5fe3251cdd8066f2.txt", 23, api_name="/record")
        assert record["at"]["line"] <= 23 and record["at"]["date"] == "2020-03-04"
        assert record["header"].startswith("时间：2020年3月4日") and len(record["passages"]) == 16
        assert [p["paragraph"] for p in record["passages"]] == list(range(16))
        with pytest.raises(Exception, match="'nope.txt' is not an indexed file"):
            client.predict("nope.txt", 1, api_name="/record")
        # the answers as a Markdown file, the sessions as CSV
        path = client.predict("应急物资保障要遵循哪些原则？", 2, "", "", "", "", api_name="/export")
        assert open(path, encoding="utf-8").read().startswith("# 问 Question：应急物资保障要遵循哪些原则？")
        path = client.predict("网格化管理", api_name="/sessions_csv")
        rows = open(path, encoding="utf-8-sig").read().splitlines()
        assert rows[0].startswith("日期 date,") and len(rows) == 2 and rows[1].startswith("2020-03-11,")
        # a mistyped filter is answered on the page (not as a server error with a traceback)
        html, hits = client.predict("疫情", 3, "2020年13月45日", "", "", api_name="/search")
        assert hits == [] and "is not a date" in html
        # a second server on the same port: one plain error
        with pytest.raises(StudyQAError, match=f"cannot listen on 127.0.0.1:{port}.*--port"):
            serve(index_dir=seed_index, port=port, prevent_thread_lock=True)
    finally:
        demo.close()


@pytest.mark.slow
def test_upload_rebuild_filters_and_twenty_parallel_searches(tmp_path, real_encoder):
    """Upload through the API, rebuild incrementally, filter, then a bounded loopback load test."""
    import shutil
    from concurrent.futures import ThreadPoolExecutor

    from gradio_client import Client, handle_file

    from conftest import RECORD_A, SEED_FILE
    from rag import update_index
    from ui.app import serve

    seeds, index = tmp_path / "seeds", tmp_path / "index"
    seeds.mkdir()
    shutil.copy(SEED_FILE, seeds)
    update_index(seeds, index, encoder=real_encoder, progress=None)
    port = _free_port()
    demo = serve(index_dir=index, seeds_dir=seeds, port=port, prevent_thread_lock=True)
    try:
        client = Client(f"http://127.0.0.1:{port}/", verbose=False)
        upload = tmp_path / "生态.txt"
        upload.write_text(RECORD_A, encoding="utf-8")
        log, stats, _places, sessions, _ = client.predict([handle_file(str(upload))], api_name="/upload")
        assert "生态.txt" in log and "1 added" in log and "2 embedded" in log
        assert "**3** 次学习" in stats
        assert (seeds / "生态.txt").is_file()
        # the Sessions tab shows the new session too, after the two of the seed file
        assert [row[0] for row in sessions["data"]] == ["2020-03-04", "2020-03-11", "2021-05-06"]
        assert sessions["data"][-1][1:5] == ["三楼会议室", "集中学习", "生态文明", "生态.txt:7"]

        log, stats, _, _ = client.predict(api_name="/rebuild")
        assert "0 added, 0 changed, 0 removed, 2 unchanged" in log and "0 embedded" in log

        _, hits = client.predict("垃圾分类", 5, "2021-01-01", "", "", api_name="/search")
        assert hits and {h["date"] for h in hits} == {"2021-05-06"}
        _, hits = client.predict("疫情防控", 5, "", "", "QQ线上", api_name="/search")
        assert hits and {h["place"] for h in hits} == {"QQ线上"}
        page, hits = client.predict("疫情防控", 5, "", "", "党员活动室", api_name="/search")
        assert hits == [] and "没有地点含“党员活动室”的记录" in page and "QQ线上" in page   # why, on the page

        questions = {
            "应急物资保障要遵循哪些原则？": "集中管理、统一调拨",
            "农民工怎么返岗复工？": "点对点",
            "垃圾分类要从娃娃抓起": "垃圾分类",
            "全国一共派出了多少个驻村工作队？": "驻村工作队",
        }
        jobs = [q for q in questions for _ in range(5)]   # 20 searches at once

        def ask(q):
            return q, Client(f"http://127.0.0.1:{port}/", verbose=False).predict(q, 5, api_name="/search")[1]

        with ThreadPoolExecutor(max_workers=20) as pool:
            results = list(pool.map(ask, jobs, timeout=120))
        assert len(results) == 20
        for q, hits in results:
            assert any(questions[q] in h["text"] for h in hits), q

        # a PDF record is uploaded like any other, and its cards say which page
        pdf = Path(__file__).parent / "data" / "pdf_record.pdf"
        log, _, _, sessions, _ = client.predict([handle_file(str(pdf))], api_name="/upload")
        assert "pdf_record.pdf" in log and "1 added" in log
        assert ["2020-03-04", "QQ线上", "", "完善重大疫情防控体制机制", "pdf_record.pdf:7"] in [
            row[:5] for row in sessions["data"]]
        page, hits = client.predict("减轻困难群众就医就诊后顾之忧", 1, "", "", "", "pdf_record", api_name="/search")
        assert hits[0]["page"] == 1 and "文件 pdf_record.pdf 第1页" in page

        # an upload while another build runs is saved, and the log says the index waits for a rebuild
        from rag.indexer import build_lock
        more = tmp_path / "更多.txt"
        more.write_text(RECORD_A.replace("2021年5月6日", "2021年7月1日"), encoding="utf-8")
        with build_lock(index):
            log, _, _, _, _ = client.predict([handle_file(str(more))], api_name="/upload")
        assert "已添加 added: 更多.txt" in log and "another build" in log and "重建索引" in log
        assert (seeds / "更多.txt").is_file() and not (seeds / "更多 (2).txt").exists()
        # the seeds folder gone (a drive not mounted): an upload is refused and the index kept whole
        passages = PassageIndex.load(index).passages
        seeds.rename(tmp_path / "seeds-moved")
        with pytest.raises(Exception, match="is not\\s+there now"):
            client.predict([handle_file(str(more))], api_name="/upload")
        assert not seeds.exists() and len(PassageIndex.load(index).passages) == len(passages)
    finally:
        demo.close()


def test_cards_show_bold_answer_and_also_dates():
    from ui.app import render_hits
    text = "第一句话是背景。第二句话是答案<b>。"
    hit = Hit(text=text, score=1.0, date="2021-05-06", topic="主题", place="会议室", source="a.txt",
              paragraph=0, heading=None, line=1, record=0, highlights=[(8, len(text))],
              also_dates=["2021-09-09"])
    page = render_hits([hit], understood="筛选 Filters: 日期 date: 2021-05-06 – 2021-05-06")
    assert '<b class="sq-hl">第二句话是答案&lt;b&gt;。</b>' in page
    assert "2021年9月9日" in page and "筛选 Filters" in page
    assert "得分 score 1.000" in page
    assert "得分" not in render_hits([hit], scores=False)      # sessions listed by date have no score


def test_the_index_line_asks_for_a_rebuild_after_a_model_update(tmp_path):
    """An int8 index from before build 2 (no `model_build` in its manifest): the page says so and
    how to update it; one of the current build says nothing of it."""
    import json

    from embeddings import INT8_MODEL, model_build
    from ui.app import index_stats
    manifest = {"format_version": 2, "model": INT8_MODEL, "sessions": 1, "passages": 2, "files": {},
                "built_at": "2026-01-01", "generation": 1}
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    assert "was embedded with build 1" in index_stats(tmp_path) and "Rebuild index" in index_stats(tmp_path)
    (tmp_path / "manifest.json").write_text(json.dumps({**manifest, "model_build": model_build(INT8_MODEL)}))
    assert "embedded with build" not in index_stats(tmp_path)


def test_the_whole_record_opens_under_the_first_card_of_its_session():
    """Each session among the results has its paragraphs in order under its first card, headings
    where they change and the results marked with their rank; later cards from it point there."""
    def passage(paragraph, text, heading=None, record=0, source="a.txt"):
        return Hit(text=text, score=0.0, date="2021-05-06", topic="主题", place="会议室", source=source,
                   paragraph=paragraph, heading=heading, line=10 + paragraph, record=record)
    session = [passage(0, "开头<一>。", "一、总体"), passage(1, "第二段。", "一、总体"),
               passage(2, "第三段答案。", "二、措施")]
    other = [passage(0, "别的记录。", record=1)]
    hits = [session[2], other[0], session[0]]
    page = render_hits(hits, records={("a.txt", 0): session, ("a.txt", 1): other})
    assert page.count("全文 Whole record") == 2
    first_card, second_card, third_card = page.split('<div class="sq-card">')[1:]
    assert "全文 Whole record（3 段 paragraphs）" in first_card
    record = first_card[first_card.index('<div class="sq-record">'):]
    assert record.index("开头&lt;一&gt;。") < record.index("第二段。") < record.index("第三段答案。")
    assert record.count("一、总体") == 1 and record.count("二、措施") == 1
    assert '<p class="sq-here"><span class="sq-rank">#1</span> 第三段答案。</p>' in record
    assert '<p class="sq-here"><span class="sq-rank">#3</span> 开头&lt;一&gt;。</p>' in record
    assert "<p>第二段。</p>" in record
    assert "全文 Whole record（1 段 paragraphs）" in second_card
    assert "全文见 #1" in third_card and "sq-record" not in third_card
    assert "全文" not in render_hits(hits)          # without records: no block


def test_a_very_long_record_shows_the_paragraphs_nearest_the_results():
    """Past `max_chars` the whole record keeps the results and their nearest neighbours, and says
    how many paragraphs it left out and how to read them."""
    from ui.app import render_record
    passages = [Hit(text=f"第{i}段" + "字" * 96, score=0.0, date="2021-05-06", topic="长", place="",
                    source="long.txt", paragraph=i, heading=None, line=100 + i, record=0) for i in range(50)]
    page = render_record(passages, {20: 1, 22: 2}, max_chars=700)
    shown = [i for i in range(50) if f"第{i}段" in page]
    assert shown == [18, 19, 20, 21, 22, 23, 24]            # 7 x 100 characters: both results, then rings
    assert "此处省略 18 段 18 paragraph(s) left out: studyqa show long.txt:100" in page
    assert "此处省略 25 段 25 paragraph(s) left out: studyqa show long.txt:125" in page
    assert '<span class="sq-rank">#2</span> 第22段' in page
    assert "省略" not in render_record(passages, {20: 1})   # within the default limit: all of it


def test_a_page_opened_after_a_rebuild_shows_the_index_as_it_is_and_a_stale_row_is_said(tmp_path, bigram):
    import gradio as gr
    from conftest import RECORD_A, write
    from rag.indexer import update_index
    from rag.search import get_searcher
    from ui.app import STALE_ROW, answers_markdown_file, build_app, row_is_current
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    update_index(seeds, index, encoder=bigram, model=bigram.name, progress=None)
    demo = build_app(index, seeds)
    refresh = next(f.fn for f in demo.fns.values() if f.name == "refresh_page")
    rows_of = next(f.fn for f in demo.fns.values() if f.name == "filter_sessions")
    [old_row] = rows_of("")[0]
    # rebuilt elsewhere (another tab, `studyqa index`): blank lines move a.txt's session, b.txt adds one
    write(seeds / "a.txt", "\n\n\n" + RECORD_A.replace("2021年5月6日", "2021年5月7日"))
    write(seeds / "b.txt", RECORD_A.replace("三楼会议室", "支部活动室").replace("2021年5月6日", "2021年9月9日"))
    update_index(seeds, index, encoder=bigram, model=bigram.name, progress=None)
    (stats, places), (rows, note) = refresh(), rows_of("")
    assert len(rows) == 2 and "**2** 次学习" in stats and "支部活动室" in places["choices"]
    # a row shown before the rebuild names another session at its FILE:LINE now: not opened
    searcher = get_searcher(index)
    assert not row_is_current(searcher, old_row) and all(row_is_current(searcher, row) for row in rows)
    # same date and topic at that line, another place: another session too
    assert not row_is_current(searcher, [rows[0][0], "别处", *rows[0][2:]])
    assert "click the row again" in STALE_ROW
    # an export that cannot be made says why on the page (it gave no file and no word)
    with pytest.raises(gr.Error, match="Type a question"):
        answers_markdown_file(searcher, "  ")
    with pytest.raises(gr.Error, match="nothing exported.*not a date"):
        answers_markdown_file(searcher, "生态文明", 3, "2020-13-01")
    # files read by an older record reader: the Index tab says a rebuild reads them again
    from ui.app import index_stats
    manifest = json.loads((index / "manifest.json").read_text(encoding="utf-8"))
    assert "older record reader" not in index_stats(index, seeds)
    manifest["files"]["a.txt"]["parser"] = 1
    (index / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert "**1** 个文件由旧版读取程序读入" in index_stats(index, seeds)


@pytest.mark.slow
def test_the_rebuild_progress_follows_the_embedding_done_in_the_encoder_s_threads(tmp_path, real_encoder):
    """Gradio finds the event a progress report updates through the context of the call; the
    encoder reports from its worker threads, so each report must carry the event's context."""
    import contextvars

    from conftest import write
    from ui.app import build_app
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    # sentences of many lengths: many batches, which the encoder runs on its worker threads
    paragraphs = "\n".join("　　" + "".join(f"坚持以人民为中心{'的发展思想' * (i % 9)}，第{n}段第{i}句。" for i in range(n))
                           for n in range(1, 30))
    write(seeds / "a.txt", f"集中学习记录\n时间：2021年5月6日\n学习主题：发展\n学习内容：\n{paragraphs}\n")
    event = contextvars.ContextVar("event", default=None)
    reports = []

    def progress(value, desc=None):
        reports.append((desc, event.get()))

    rebuild = next(f.fn for f in build_app(index, seeds).fns.values() if f.name == "do_rebuild")
    event.set("this event")
    log = rebuild(progress=progress)[0]
    assert "1 added" in log
    embedding = [seen for desc, seen in reports if desc.startswith("embedding")]
    assert len(embedding) >= 4 and set(embedding) == {"this event"}


def test_a_search_whose_hits_went_stale_meanwhile_is_asked_again(tmp_path, bigram, monkeypatch):
    """A rebuild (another tab, `studyqa index`) between the search and the reading of its hits'
    context: the page searches again, so the cards hold the new index's paragraphs (StaleHit); a
    second stale reading in a row is said on the page, not as a server error."""
    from conftest import RECORD_A, write
    from rag.indexer import update_index
    from rag.search import StaleHit, get_searcher
    from ui.app import build_app
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    update_index(seeds, index, encoder=bigram, model=bigram.name, progress=None)
    search = next(f.fn for f in build_app(index, seeds).fns.values() if f.name == "do_search")
    searcher = get_searcher(index)
    monkeypatch.setattr(searcher, "_encoder", bigram)
    real, stale = searcher.neighbours, [1]

    def neighbours(hit):
        if stale[0]:
            stale[0] -= 1
            raise StaleHit("the index was rebuilt")
        return real(hit)
    monkeypatch.setattr(searcher, "neighbours", neighbours)
    page, hits = search("垃圾分类", 3, "", "", "")
    assert hits and 'class="sq-card"' in page and stale == [0]
    stale[0] = 2
    page, hits = search("垃圾分类", 3, "", "", "")
    assert hits == [] and "the index was rebuilt" in page and 'role="alert"' in page
