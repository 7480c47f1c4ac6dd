"""A session holding several texts (the seed's 2020-03-11 record: a speech, then a poverty speech and
a visit to researchers with no header of their own): the later texts are matched on their own opening
(zh.text_opening, outline.later_text_openings), not on the session topic, which names the first."""
from __future__ import annotations

import numpy as np
import pytest

from conftest import BigramEncoder, write
from rag import Searcher, update_index
from rag.outline import later_text_openings
from rag.store import PassageIndex
from rag.zh import text_opening

VISIT = "这次来农业大学调研，主要是考察春耕备耕科研工作进展情况。"
RECORD = ("集中学习记录\n时间：2021年5月6日\n地点：三楼会议室\n学习主题：在生态环境保护大会上的讲话\n学习内容：\n"
          "在生态环境保护大会上的讲话\n习近平\n同志们：\n"
          "\u3000\u3000绿水青山就是金山银山，要坚持生态优先、绿色发展。\n"
          "\u3000\u3000一、关于生态文明建设\n"
          "\u3000\u3000生态文明建设是关系中华民族永续发展的根本大计。\n垃圾分类要从娃娃抓起，推动习惯养成。\n"
          " 习近平\n"
          f"\u3000\u3000{VISIT}\n"
          "\u3000\u3000种子是农业的芯片，要加快种业科技攻关，把种子牢牢攥在自己手里。\n")


@pytest.mark.parametrize("text, opening", [
    # the seed's second and third 2020-03-11 texts: a speaker's name and a salutation, then the opening sentence
    ("习近平\n同志们：\n这次会议的主要任务是，分析当前形势，凝心聚力打赢脱贫攻坚战。刚才，5位同志作了发言。",
     "这次会议的主要任务是，分析当前形势，凝心聚力打赢脱贫攻坚战。"),
    ("习近平\n这次来军事医学研究院、清华大学医学院调研，主要是考察疫情防控科研攻关工作进展情况。党中央高度重视。",
     "这次来军事医学研究院、清华大学医学院调研，主要是考察疫情防控科研攻关工作进展情况。"),
    # a titled speech: its title; a news item: its headline
    ("在统筹推进新冠肺炎疫情防控和经济社会发展工作部署会议上的讲话\n（2020年2月23日）\n习近平\n同志们：",
     "在统筹推进新冠肺炎疫情防控和经济社会发展工作部署会议上的讲话"),
    ("李强出席中国—印度尼西亚工商界晚餐会并致辞\n央视网消息（新闻联播）：当地时间5日，国务院总理李强…",
     "李强出席中国—印度尼西亚工商界晚餐会并致辞"),
    ("习近平\n同志们：", ""),
])
def test_a_texts_opening_is_its_title_or_first_sentence(text, opening):
    assert text_opening(text) == opening


def _indexed(tmp_path, encoder):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD)
    update_index(seeds, index, encoder=encoder, model=encoder.name, progress=None)
    return index


def test_a_later_texts_passages_are_matched_on_its_opening(tmp_path):
    encoder = BigramEncoder()
    index_dir = _indexed(tmp_path, encoder)
    index = PassageIndex.load(index_dir)
    openings = later_text_openings(index)
    later = sorted(pid for pid, p in index.passages.items() if "农业" in p.text)
    assert sorted(openings) == later and set(openings.values()) == {VISIT}
    assert VISIT in index.topics        # embedded once, beside the session topic

    loaded = Searcher(index_dir, encoder=encoder)._current()
    topics = sorted(index.topics)
    for row, pid in enumerate(loaded.row_ids.tolist()):
        wanted = VISIT if pid in later else "在生态环境保护大会上的讲话"
        assert loaded.topic_of_row[row] == topics.index(wanted)
    np.testing.assert_allclose(loaded.topic_matrix[topics.index(VISIT)], encoder.encode_passages([VISIT])[0],
                               atol=1e-3)
    # the hit still names its session: date, topic and citation are the record's
    hit = Searcher(index_dir, encoder=encoder).search("种子是农业的芯片", k=1)[0]
    assert "种子" in hit.text and hit.topic == "在生态环境保护大会上的讲话" and hit.date == "2021-05-06"


def test_an_index_built_before_gets_the_openings_on_its_next_update(tmp_path):
    encoder = BigramEncoder()
    index_dir = _indexed(tmp_path, encoder)
    index = PassageIndex.load(index_dir)
    del index.topics[VISIT]            # as an index built before openings were embedded
    index.save(index_dir)
    index = PassageIndex.load(index_dir)
    assert VISIT not in index.topics
    loaded = Searcher(index_dir, encoder=encoder)._current()
    session_topic = sorted(index.topics).index("在生态环境保护大会上的讲话")
    assert set(loaded.topic_of_row.tolist()) == {session_topic}     # the session topic meanwhile

    encoder.embedded.clear()
    report = update_index(tmp_path / "seeds", index_dir, encoder=encoder, model=encoder.name, progress=None)
    assert encoder.embedded == [VISIT] and report.unchanged == 1    # only the opening, no passage again
    assert VISIT in PassageIndex.load(index_dir).topics


def test_a_hit_of_a_later_text_says_which_text_and_its_citation_names_it(tmp_path):
    """The session topic names the first text: a passage of the visit is cited as the session's,
    with the visit's opening, so a 心得体会 quoting it does not credit the first speech."""
    from rag.export import hits_markdown
    encoder = BigramEncoder()
    searcher = Searcher(_indexed(tmp_path, encoder), encoder=encoder)
    hits = searcher.search("种子 农业 芯片 绿水青山", k=10)
    visit = next(h for h in hits if "种子是农业的芯片" in h.text)
    first = next(h for h in hits if "绿水青山" in h.text)
    assert visit.text_opening == VISIT and first.text_opening == ""
    assert visit.citation == ("（2021年5月6日集中学习《在生态环境保护大会上的讲话》中"
                              "“这次来农业大学调研，主要是考察春耕备耕科研工作进……”一篇）")   # its first 24 characters
    assert first.citation == "（2021年5月6日集中学习《在生态环境保护大会上的讲话》）"
    assert visit.to_dict()["text_opening"] == VISIT
    page = hits_markdown("种子", [visit.to_dict()])
    assert f"本篇 this text：{VISIT}" in page
