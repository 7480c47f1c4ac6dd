"""Unit tests of the retrieval pieces: lexical leg, question dates, filters, highlights, fusion."""
import importlib
import re

import numpy as np
import pytest

from conftest import RECORD_A, RECORD_B, searcher_of, searcher_of_records_a_and_b, write
from rag import PassageIndex, Searcher, lexical, update_index, zh
from rag.crosslingual import (asks_for_appraisal_english, asks_for_remedy_english, asks_for_sanction_english,
                              asks_for_speech_english)
from rag.lexical import BM25, TermCounts, term_ids
from ui.app import highlighted


def test_terms_are_characters_and_bigrams():
    ids = term_ids("网格化，管理")
    assert len(ids) == 5 + 3    # 5 characters; bigrams 网格 格化 管理 (not across the comma)
    assert len(term_ids("")) == 0 and len(term_ids("，。！")) == 0


def test_bm25_scores_chinese_and_prefers_the_exact_phrase():
    texts = ["要推进网格化管理，织密防控网络。", "管理体制要改革，网络要安全。", "今天天气很好。"]
    bm25 = BM25(texts)
    scores = bm25.scores("网格化管理")
    assert scores[0] > scores[1] > 0 and scores[2] == 0
    assert bm25.max_score("网格化管理") >= scores[0] * 0.5
    assert np.all(bm25.scores("完全无关的词语xyz") >= 0)
    assert not bm25.scores("").any()


def test_bm25_matches_a_plain_reference_implementation():
    """The vectorized counting (one sort over all (term, text) keys) against BM25 written out
    term by term with Counters."""
    import math
    from collections import Counter
    texts = ["要推进网格化管理，织密防控网络。", "管理体制要改革，网络要安全，管理要严。", "今天天气很好。",
             "", "网格化管理 grid management 2020年", "垃圾分类，人人有责；垃圾分类从娃娃抓起。"]
    k1, b = 1.2, 0.75
    docs = [Counter(term_ids(t).tolist()) for t in texts]
    avg = sum(sum(d.values()) for d in docs) / len(docs)
    for question in ("网格化管理", "垃圾分类", "管理网络安全", "grid 2020"):
        expected = []
        for d in docs:
            length, score = sum(d.values()), 0.0
            for term in set(term_ids(question).tolist()):
                df = sum(1 for other in docs if term in other)
                if df == 0 or term not in d:
                    continue
                idf = math.log1p((len(docs) - df + 0.5) / (df + 0.5))
                tf = d[term]
                score += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / avg))
            expected.append(score)
        assert np.allclose(BM25(texts).scores(question), expected, rtol=1e-5), question


def test_coverage_counts_each_question_term_once_whatever_the_length():
    """BM25 prefers a short text repeating some terms; coverage prefers the text that holds all
    of them, however long (the long paragraphs of a speech among short news items)."""
    long_text = "会议强调，要健全统一的应急物资保障体系，" + "各地区各部门要抓好落实，" * 20 + "推进网格化管理。"
    short_text = "网格化管理，网格化管理，应急物资保障。"
    bm25 = BM25([long_text, short_text, "今天天气很好。"])
    scores, coverage = bm25.match("应急物资保障体系和网格化管理")
    assert scores[1] > scores[0]                       # BM25: the short repeater wins
    assert coverage[0] == pytest.approx(1.0) and coverage[0] > coverage[1] > 0 == coverage[2]
    assert np.allclose(scores, bm25.scores("应急物资保障体系和网格化管理"))
    assert not bm25.match("xyz")[1].any()


def test_coverage_weighs_words_above_scattered_characters():
    """A long paragraph holds most characters of any question; the bigrams tell whether it holds
    the words."""
    scattered = "网上办事，格外方便，化解矛盾，管好用好，理顺关系。"
    bm25 = BM25([scattered, "实行严格的网格化管理。", "今天天气很好。"])
    _, coverage = bm25.match("网格化管理")
    assert coverage[1] == pytest.approx(1.0)
    assert 0 < coverage[0] <= 1 - lexical.BIGRAM_SHARE + 1e-6 and coverage[2] == 0
    _, single = bm25.match("网")                     # no bigram in the question: characters only
    assert single[0] == pytest.approx(1.0) and single[1] == pytest.approx(1.0)


def test_coverage_counts_a_words_other_form():
    """`深改委` in the question, `中央全面深化改革委员会` in the text: with zh.other_forms the text holds
    the question's word, and outscores a text holding the short form of another meeting."""
    full = "中央全面深化改革委员会第十二次会议审议通过了多份文件。"
    short = "中央深改委第二十次会议审议通过了方案。"
    bm25 = BM25([full, short, "今天天气很好。"])
    question = "深改委第十二次会议"
    _, plain = bm25.match(question)
    _, either = bm25.match(question, zh.other_forms(question))
    assert plain[1] >= plain[0]                        # as written: the other meeting's short form, or a tie
    assert either[0] > either[1] and either[0] > plain[0] and either[1] == plain[1] and either[2] == 0
    assert bm25.rows_holding("中央全面深化改革委员会").tolist() == [0]


def test_a_short_form_in_the_question_finds_the_full_form(tmp_path, bigram):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "full.txt", RECORD_A.replace("生态文明", "深化改革").replace(
        "垃圾分类", "中央全面深化改革委员会第十二次会议审议通过了多份文件。垃圾分类"))
    write(seeds / "short.txt", RECORD_B.replace("乡村振兴要", "中央深改委第二十次会议审议通过了方案。乡村振兴要"))
    update_index(seeds, index, encoder=bigram, model=bigram.name, progress=None)
    searcher = Searcher(index, encoder=bigram)
    [hit], understood = searcher.ask("深改委第十二次会议审议通过了什么？", k=1)
    assert hit.date == "2021-05-06" and "第十二次会议" in hit.text
    assert understood.other_forms == [("深改委", "中央全面深化改革委员会")]
    assert "深改委 = 中央全面深化改革委员会" in understood.describe()      # the page and the CLI show it


def test_a_latin_abbreviation_finds_the_chinese_words(tmp_path, bigram):
    """`CDC` in a Chinese question, 疾病预防控制 in the record: matched as the record writes it,
    and the page says how it was read."""
    searcher = searcher_of(tmp_path, bigram, {
        "a.txt": RECORD_A.replace("垃圾分类工作就是新时尚", "要改革完善疾病预防控制体系，坚持预防为主"),
        "b.txt": RECORD_B.replace("乡村振兴要发展特色产业", "体制改革要发展特色产业，完善要求")})
    [hit], understood = searcher.ask("CDC体系改革有啥要求？", k=1)
    assert "疾病预防控制体系" in hit.text
    assert understood.other_forms == [("CDC", "疾病预防控制"), ("疾病预防控制", "疾控")]
    assert "CDC = 疾病预防控制" in understood.describe()


LEXICAL_TEXTS = ["要推进网格化管理，织密防控网络。", "管理体制要改革，网络要安全。", "今天天气很好。",
                 "网格化管理 grid management", "", "垃圾分类，人人有责。"]


def test_edited_term_counts_equal_counting_afresh(tmp_path):
    """A build drops removed passages' rows and appends new ones; BM25 must come out the same
    as counting the final texts from scratch (idf, lengths and new terms included)."""
    keep = np.array([True, False, True, True, False, True])
    added = ["垃圾分类新词：厨余垃圾", "网格化管理"]
    edited = TermCounts.of_texts(LEXICAL_TEXTS).edited(keep, added)
    fresh = TermCounts.of_texts([t for t, k in zip(LEXICAL_TEXTS, keep) if k] + added)
    edited.save(tmp_path, 7)
    loaded = TermCounts.load(tmp_path, 7)
    for question in ("网格化管理", "垃圾分类", "厨余", "网络安全", "xyz"):
        expected = BM25(counts=fresh).scores(question)
        assert np.allclose(BM25(counts=edited).scores(question), expected)
        assert np.allclose(BM25(counts=loaded).scores(question), expected)
    assert BM25(counts=edited).scores("厨余").argmax() == 4   # a term only the new text has
    assert TermCounts.load(tmp_path, 8) is None               # no files: None, not an error


def test_index_keeps_term_counts_in_step_with_its_passages(tmp_path, bigram):
    """After adds, changes and deletes, the stored counts score exactly like a fresh BM25."""
    from rag.lexical import lexical_text
    from rag.store import PassageIndex
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    update_index(seeds, index, encoder=bigram, progress=None)
    write(seeds / "b.txt", RECORD_B)
    update_index(seeds, index, encoder=bigram, progress=None)
    write(seeds / "a.txt", RECORD_A.replace("垃圾分类", "垃圾减量"))
    update_index(seeds, index, encoder=bigram, progress=None)
    (seeds / "b.txt").unlink()
    write(seeds / "c.txt", RECORD_B.replace("乡村振兴", "乡村建设"))
    update_index(seeds, index, encoder=bigram, progress=None)
    stored = PassageIndex.load(index)
    assert stored.lexical is not None and list(stored.lexical_ids) == sorted(stored.passages)
    fresh = BM25([lexical_text(stored.passages[p]) for p in sorted(stored.passages)])
    for question in ("垃圾减量", "垃圾分类", "乡村建设", "乡村振兴"):
        assert np.allclose(BM25(counts=stored.lexical).scores(question), fresh.scores(question))


@pytest.mark.parametrize("question, expected", [
    ("3月4日那次学习讲了什么？", {"month_day": (3, 4)}),
    ("2020年3月学了哪些内容", {"date_from": "2020-03-01", "date_to": "2020-03-31"}),
    ("2020年12月学了什么", {"date_from": "2020-12-01", "date_to": "2020-12-31"}),
    ("2020年3月11日的集中学习讲了什么", {"date_from": "2020-03-11", "date_to": "2020-03-11"}),
    ("2021年学了哪些内容？", {"date_from": "2021-01-01", "date_to": "2021-12-31"}),
    ("2020年3月上旬学了什么？", {"date_from": "2020-03-01", "date_to": "2020-03-10"}),
    ("2021年2月下旬学的是哪篇讲话", {"date_from": "2021-02-21", "date_to": "2021-02-28"}),
    ("3月中旬那次学习的主题是啥？", {"month_day": (3, 11, 20)}),     # every year
    ("6月底学了什么", {"month_day": (6, 21, 31)}),
    ("2020年有多少贫困人口？", None),
    ("1月7日主持召开了什么会议？", None),                # a date in the content, not a session
    ("2015年以来就脱贫攻坚召开过几次专题座谈会？", None),
    ("从2012年底到2019年底，贫困人口减少了多少？", None),
    ("2019年那次脱贫攻坚专题座谈会是在哪个城市开的？", None),     # the date of the meeting asked about
    ("2015年那次在延安召开的座谈会讲了什么", None),
    ("2015年在延安召开的那次座谈会，围绕的是什么主题？", None),   # the meeting held then
    ("2015年在贵阳开的那次座谈会讨论的是什么主题？", None),       # held (开的), said plainly
    ("2016年在银川的那次扶贫协作座谈会讲了什么", None),            # a place before 那次…座谈会
    # blind25: an event named alone after 那次 (a year the scale records hold became their filter)
    ("2018年那次研讨班上列举风险时，对传染病是怎么提醒的？", None), ("2019年那次座谈会在哪开的？", None),
    ("3月4日在支部的那次学习讲了什么", {"month_day": (3, 4)}),      # …but 学习 is the session
    ("2020年3月4日召开的那次学习会讲了什么", {"date_from": "2020-03-04", "date_to": "2020-03-04"}),
    ("3月4日那次会议讲了什么？", {"month_day": (3, 4)}),            # 会议 alone: the study meeting
    ("3月11日那次深改委会议上学的内容", {"month_day": (3, 11)}),   # a study word in the clause
    # written in Chinese numerals, as people type them too
    ("三月四号那次学习讲了什么", {"month_day": (3, 4)}),
    ("二〇二〇年三月十一日那次学习的主题是什么", {"date_from": "2020-03-11", "date_to": "2020-03-11"}),
    ("二零二零年三月学了什么", {"date_from": "2020-03-01", "date_to": "2020-03-31"}),
    ("十二月三十一日那次学的", {"month_day": (12, 31)}),
    ("三月上旬那次学习讲了哪些改革", {"month_day": (3, 1, 10)}),
    ("2020年十二月学的", {"date_from": "2020-12-01", "date_to": "2020-12-31"}),
    ("十三月那次学习", None),                                   # no such month
    ("一九五三年冬季以来商业改造的情况", None),                   # no session word
    ("阳春三月学习", None),                                     # a month without its day
    # dates listed together: either of them
    ("3月4日和3月11日的学习分别是什么主题？", {"either": ({"month_day": (3, 4)}, {"month_day": (3, 11)})}),
    ("3月4日、3月11日那两次学习都讲了什么", {"either": ({"month_day": (3, 4)}, {"month_day": (3, 11)})}),
    ("2020年3月4日和11日那次学习讲了什么", {"either": ({"date_from": "2020-03-04", "date_to": "2020-03-04"},
                                                    {"date_from": "2020-03-11", "date_to": "2020-03-11"})}),
    ("三月四日和十一日的学习", {"either": ({"month_day": (3, 4)}, {"month_day": (3, 11)})}),
    ("2020年两次会议都讲了什么", None),                          # 两次 alone is no session word
    # a day of the month alone, right before a session word: that day of any month
    ("4号那次学习讲了什么", {"month_day": (0, 4)}),
    ("在11日的学习中讲了什么", {"month_day": (0, 11)}),
    ("十一号学的是什么", {"month_day": (0, 11)}),
    ("一日三餐的学习", None),
    ("第三日那次学习", None),
    # spans a date opens or closes: from it on, up to it, or to a second date
    ("2023年以来学过哪些关于粮食安全的内容", {"date_from": "2023-01-01"}),
    ("从2023年3月开始学了哪些内容", {"date_from": "2023-03-01"}),
    ("2023年至今学了哪些关于粮食安全的内容", {"date_from": "2023-01-01"}),
    ("2023年之前学过网格化管理吗", {"date_to": "2022-12-31"}),
    ("2021年3月以前学的内容", {"date_to": "2021-02-28"}),
    ("2022年到2023年之间学了什么", {"date_from": "2022-01-01", "date_to": "2023-12-31"}),
    ("2023年3月至6月学了哪些内容", {"date_from": "2023-03-01", "date_to": "2023-06-30"}),
    ("2023年3月4日到11日学了什么", {"date_from": "2023-03-04", "date_to": "2023-03-11"}),
    ("2023年到2022年学了什么", {"date_from": "2022-01-01", "date_to": "2023-12-31"}),   # either way round
    ("3月4日到11日的学习讲了什么", {"month_day": (3, 4, 11)}),                          # every year
    ("2024年上半年学习了哪些内容", {"date_from": "2024-01-01", "date_to": "2024-06-30"}),
    ("2024年第三季度学了什么", {"date_from": "2024-07-01", "date_to": "2024-09-30"}),
    ("2015年以来就脱贫攻坚召开过几次专题座谈会？", None),       # the span of what the text reports
    ("2020年前三季度那次学习", {"date_from": "2020-01-01", "date_to": "2020-09-30"}),  # its first three quarters
    # months said as one, or a span of months, without a year: those months of every year
    ("3月到4月学了什么", {"either": ({"month_day": (3, 1, 31)}, {"month_day": (4, 1, 31)})}),
    # a date written compactly, or with a full-width dot
    ("20200304那次学习讲了什么", {"date_from": "2020-03-04", "date_to": "2020-03-04"}),
    ("３．４那次学习讲了什么", {"month_day": (3, 4)}),
    ("编号20200304的文件", None),
    # a year, an event of it, then after or before it: from the year's start, or to its end
    ("2022年二十大召开后学了哪些内容", {"date_from": "2022-01-01"}),
    ("2020年疫情发生后我们学过什么", {"date_from": "2020-01-01"}),
    ("2021年动员大会召开之前学了什么", {"date_to": "2021-12-31"}),
    ("2020年3月疫情发生以来学了什么", {"date_from": "2020-03-01"}),
    ("2022年学的内容以后还考吗", {"date_from": "2022-01-01", "date_to": "2022-12-31"}),   # no event
    ("2020年疫情发生后有多少病例", None),                        # about the text, not the sessions
    ("2021年学习了党的十八大以来的哪些成就", {"date_from": "2021-01-01", "date_to": "2021-12-31"}),  # what was studied
    ("2022年二十大以来学了什么", {"date_from": "2022-01-01"}),                  # a meeting ends the event too
    ("2023年中央经济工作会议以后学了什么", {"date_from": "2023-01-01"}),
    ("2021年党史学习教育动员大会召开后学了什么", {"date_from": "2021-01-01"}),   # 学 within the event
    # a date opening a question about the sessions names their period, though no session word
    # stands right after it
    ("2024年二十届三中全会精神学过几次？", {"date_from": "2024-01-01", "date_to": "2024-12-31"}),
    ("2023年关于粮食安全学了哪些内容？", {"date_from": "2023-01-01", "date_to": "2023-12-31"}),
    # a month without its year (digits, or numerals with 份), and a month and day jotted with a dot
    ("3月份学了几次？", {"month_day": (3, 1, 31)}),
    ("三月份学习了什么", {"month_day": (3, 1, 31)}),
    ("2020年3月份的学习讲了什么", {"date_from": "2020-03-01", "date_to": "2020-03-31"}),
    ("3.11那次学习讲了什么", {"month_day": (3, 11)}),
    ("增长3.5%那次学习", None),
    ("第3.1节学习", None),
    # a date and `讲了啥`: what that day's session covered (applied only when a session falls on it)
    ("3月11号讲了啥", {"month_day": (3, 11)}),
    ("1月7日讲了什么话", None),
])
def test_question_dates(question, expected):
    assert zh.question_dates(question) == expected


@pytest.mark.parametrize("question, content", [
    ("3月4日那次学习讲了生物安全的什么内容？", "讲了生物安全的什么内容？"),
    ("在2020年3月11日的学习中，关于春耕讲了什么", "关于春耕讲了什么"),
    ("2020年3月学了哪些关于脱贫攻坚的内容", "哪些关于脱贫攻坚的内容"),
    ("2020-03-11那次学习中提到的网格化管理", "提到的网格化管理"),
    ("1月7日主持召开了什么会议？", "1月7日主持召开了什么会议？"),     # content: kept whole
    ("2020年3月4日那次学习", "2020年3月4日那次学习"),                 # nothing else to match on
    ("三月十一日学习的脱贫讲话", "脱贫讲话"),
    ("2022年二十大召开后学了哪些内容", "二十大哪些内容"),     # the event is content, not its being held
    ("3月4日和3月11日那两次学习都提到了疫情防控的什么", "都提到了疫情防控的什么"),
])
def test_split_session_date_leaves_the_content(question, content):
    assert zh.split_session_date(question)[1] == content
    assert zh.split_session_date(question)[0] == zh.question_dates(question)


@pytest.mark.parametrize("content, only_sessions", [
    ("什么？", True), ("主题是哪篇讲话？", True), ("都学习了哪些内容？", True), ("是在哪里学的？", True),
    ("讲了生物安全的什么内容？", False), ("网格化管理", False), ("2020年有多少贫困人口", False), ("", True),
    ("在什么平台上学的", True), ("学习强国平台上讲了什么", False),       # (it listed one session of two)
    ("平台", False), ("讲了哪些平台", False),                         # 平台 asked about
    # blind23: the platform asked with 通过 / 借助 / 使用 (`是通过什么平台进行的？`) was searched as text
    ("是通过什么平台进行的？", True), ("是通过什么方式开展的？", True), ("借助什么平台开展？", True),
    ("使用的是什么软件？", True), ("通过什么渠道开展？", True), ("安排在什么场所？", True),
    ("会议通过了哪些文件？", False),                                  # 通过 as passed: the text answers
])
def test_a_question_that_names_no_content_asks_for_the_sessions(content, only_sessions):
    assert zh.asks_for_sessions(content) is only_sessions


@pytest.mark.parametrize("question, keywords", [
    ("我们什么时候学习过关于生物安全的内容？", "生物安全"),
    ("哪次学习讲到了网格化管理？", "网格化管理"),
    ("我们学过哪些关于生物安全的内容？", "生物安全"),               # what did we study about X
    ("关于春耕备耕，我们学了什么？", "春耕备耕，"),
    ("脱贫攻坚普查从什么时候开始？", "脱贫攻坚普查从开始"),           # a when about the content itself
    ("生物安全要被纳入哪个体系？", "生物安全要被纳入体系"),            # question words are never keywords
    ("什么是新发展理念？", "新发展理念"),
    ("什么？", "什么"),                                           # nothing left: matched whole
    ("学习的科技创新内容", "科技创新"),                             # "… content" at the end
    ("学习了垃圾分类内容吗？", "垃圾分类"),
    ("吃野味这种习惯以后还能不能有？", "吃野味这种习惯以后还有"),      # spoken question words too
    ("个体户啥时候能开张啊", "个体户能开张"),
    ("复工是不是太急了，有没有说法？", "复工太急了，说法"),
])
def test_keywords_of_a_question(question, keywords):
    assert re.sub(r"[\s？]", "", zh.keywords_of(question)) == re.sub(r"[\s？]", "", keywords)


def test_when_was_it_studied_matches_the_subject_not_the_question_words(tmp_path, bigram, monkeypatch):
    """`什么时候学过垃圾分类？`: a passage that says 什么时候 must not outrank the one on 垃圾分类."""
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    write(seeds / "c.txt", RECORD_B.replace("乡村振兴要发展特色产业", "什么时候学过什么，什么时候都要记住"))
    update_index(seeds, index, encoder=bigram, model=bigram.name, progress=None)
    searcher = Searcher(index, encoder=bigram)
    [hit], understood = searcher.ask("我们什么时候学过垃圾分类？", k=1, mode="lexical")
    assert "垃圾分类" in hit.text
    # (the sessions holding the term are the answer said; the hits' own dates are not said beside them)
    assert understood.studied_on == ["2021-05-06"] and "1 次 sessions（2021年5月6日）" in understood.describe()
    assert "studied on" not in understood.describe()
    assert searcher.ask("垃圾分类要从娃娃抓起", k=1)[1].studied_on == []
    monkeypatch.setattr(importlib.import_module("rag.search"), "keywords_of", lambda q: q)
    assert "什么时候" in searcher.search("我们什么时候学过垃圾分类？", k=1, mode="lexical")[0].text


def test_spoken_question_words_do_not_find_chatty_passages(tmp_path, bigram, monkeypatch):
    """`垃圾分类能不能不搞啊？`: a passage that happens to say 能不能 and 啊 must not outrank the one
    on 垃圾分类 in the keyword match."""
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    write(seeds / "c.txt", RECORD_B.replace("乡村振兴要发展特色产业", "能不能不搞形式主义啊，能不能不搞，搞"))
    update_index(seeds, index, encoder=bigram, model=bigram.name, progress=None)
    searcher = Searcher(index, encoder=bigram)
    assert "垃圾分类" in searcher.search("垃圾分类能不能不搞啊？", k=1, mode="lexical")[0].text
    monkeypatch.setattr(importlib.import_module("rag.search"), "keywords_of", lambda q: q)
    assert "能不能" in searcher.search("垃圾分类能不能不搞啊？", k=1, mode="lexical")[0].text


def test_what_was_studied_lists_the_sessions(tmp_path, bigram):
    """`2021年5月学了什么？` names no content: each session's opening passage, by date."""
    searcher = _index(tmp_path, bigram)
    hits, understood = searcher.ask("2021年学了哪些内容？", k=5)
    assert [(h.date, h.paragraph) for h in hits] == [("2021-05-06", 0), ("2021-06-07", 0)]
    assert understood.sessions and "each session's header and opening" in understood.describe()
    assert "searching for" not in understood.describe()
    # each session answers with its header, bold, then its opening passage
    header = "时间：2021年5月6日\u3000地点:三楼会议室\u3000方式：集中学习\u3000学习主题：生态文明"
    assert hits[0].text.startswith(header + "\n垃圾分类") and hits[0].highlights == [(0, len(header))]
    [hit] = searcher.search("6月7日那次学习是在哪里学的？", k=1)
    assert hit.date == "2021-06-07" and "地点：村委会" in hit.text
    assert [h.date for h in searcher.search("6月7日那次学习", k=5)] == ["2021-06-07"]
    assert [h.date for h in searcher.search("都学了什么？", k=1)] == ["2021-06-07"]   # newest first
    hits, understood = searcher.ask("2021年学了垃圾分类的什么内容？", k=1)       # content: searched
    assert not understood.sessions and "垃圾分类" in hits[0].text


def test_who_chaired_or_attended_is_answered_by_the_header(tmp_path, bigram):
    """The header fields kept as written (主持人, 参加人员) answer who chaired or attended a session."""
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A.replace("\t方式：集中学习\n", "\t主持人：王书记\n\t参加人员：全体党员\n\t方式：集中学习\n"))
    write(seeds / "b.txt", RECORD_B)
    update_index(seeds, index, encoder=bigram, model=bigram.name, progress=None)
    searcher = Searcher(index, encoder=bigram)
    for question in ("2021年5月6日那次学习是谁主持的？", "5月6日的学习有哪些人参加？", "学习生态文明那次的主持人是谁？",
                     "Who chaired the study session on May 6, 2021?"):
        hits, understood = searcher.ask(question, k=1)
        assert hits[0].date == "2021-05-06" and "主持人：王书记" in hits[0].text, question
        assert "参加人员：全体党员" in hits[0].text
    [hit] = searcher.search("上次学习由谁主持？", k=1)      # the latest session, by its order
    assert hit.date == "2021-06-07" and hit.text.startswith("时间：2021年6月7日")
    assert zh.asks_for_sessions("是谁主持的？") and zh.asks_about_session("生态文明那次学习是谁主持的？")
    assert not zh.asks_for_sessions("会议由谁主持召开，研究了什么？")


def test_a_record_kept_in_two_files_is_listed_once(tmp_path, bigram):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    write(seeds / "b.txt", RECORD_B)
    write(seeds / "a - copy.txt", RECORD_A)
    update_index(seeds, index, encoder=bigram, model=bigram.name, progress=None)
    hits = Searcher(index, encoder=bigram).search("2021年学了哪些内容？", k=5)
    assert [h.date for h in hits] == ["2021-05-06", "2021-06-07"]


def test_sentence_spans_cover_the_text():
    text = "标题\n（2020年2月23日）\n今天开会。一是好。二是要坚持问题导向！最后"
    spans = zh.sentence_spans(text)
    assert "".join(text[a:b] for a, b in spans) == text
    assert all(a < b for a, b in spans)


def _index(tmp_path, bigram):
    return searcher_of_records_a_and_b(tmp_path, bigram)


def test_filters_dates_place_source_and_question_dates(tmp_path, bigram):
    searcher = _index(tmp_path, bigram)
    assert {h.date for h in searcher.search("要", k=10)} == {"2021-05-06", "2021-06-07"}
    assert {h.date for h in searcher.search("要", k=10, date_from="2021-06-01")} == {"2021-06-07"}
    assert {h.date for h in searcher.search("要", k=10, date_to="2021年5月31日")} == {"2021-05-06"}
    assert {h.place for h in searcher.search("要", k=10, place="村委")} == {"村委会"}
    assert {h.source for h in searcher.search("要", k=10, source="a.")} == {"a.txt"}
    assert searcher.search("要", k=10, date_from="2022-01-01") == []
    with pytest.raises(ValueError, match="not a date"):
        searcher.search("要", date_from="昨天")
    # a session date in the question filters, and the UI can say so
    assert {h.date for h in searcher.search("6月7日那次学习讲了什么", k=10)} == {"2021-06-07"}
    assert "6月7日" in searcher.understand("6月7日那次学习讲了什么").describe()
    assert searcher.understand("乡村振兴").describe() == ""
    # a part of a month, every year
    assert {h.date for h in searcher.search("6月上旬学的乡村振兴", k=10)} == {"2021-06-07"}
    # no session then: the date is not applied, and the description says so (a misremembered date
    # still finds the passage)
    hits, understood = searcher.ask("6月中旬学的乡村振兴", k=10)
    assert hits and understood.unmatched_date == {"month_day": (6, 11, 20)}
    assert "6月11日–20日）没有对应的学习记录" in understood.describe()
    assert "6月1日–10日" in searcher.understand("6月上旬学的乡村振兴").describe()


@pytest.mark.parametrize("question, expected", [
    ("用QQ线上学的那次是几月几号？", ("QQ线上", "是几月几号？")),
    ("在三楼会议室学习的那次讲了什么", ("三楼会议室", "讲了什么")),
    ("线上学习要注意什么？", (None, "线上学习要注意什么？")),     # no session word after it: content
    ("QQ线上", (None, "QQ线上")),
    ("在QQ线上学习", ("QQ线上", "")),                          # nothing else: the sessions
    ("地点标注为“线上学习”的那次是哪天？", ("线上学习", "地点标注为是哪天？")),    # in quotes
    ("在“线上学习”的那次是哪天？", ("线上学习", "是哪天？")),
    # the start or end of a place's name, after 在/用 and before words pointing at one session;
    # the filter matches every place holding it (线上: QQ线上 and 线上学习)
    ("在QQ上集中学习的那次，学习主题是什么？", ("QQ", "学习主题是什么？")),
    ("在线上学的那次讲了什么", ("线上", "讲了什么")),
    ("在会议室学过哪些内容", ("会议室", "哪些内容")),
    ("在会议上学习的内容", (None, "在会议上学习的内容")),          # 会议: the middle of 三楼会议室
    ("要在三楼学习中交流", (None, "要在三楼学习中交流")),          # no one session pointed at
    # where in the place between (里, 上, 内; 群 for its chat group), then one session pointed at
    ("在三楼会议室里学习的那次主题是什么？", ("三楼会议室", "主题是什么？")),
    ("我们在QQ群里学的那次，讲话是谁作的？", ("QQ", "我们，讲话是谁作的？")),
    ("在QQ群学的那次讲了什么", ("QQ", "讲了什么")),
    ("在三楼会议室里开会", (None, "在三楼会议室里开会")),          # no session word
    ("在线上学习中遇到的问题", (None, "在线上学习中遇到的问题")),
    # a full name with where in it, or 开会, before the session word: not `习时讲了什么` left over
    ("在QQ线上上学习时讲了什么", ("QQ线上", "讲了什么")),
    ("在三楼会议室里学习时讲了什么", ("三楼会议室", "讲了什么")),
    ("在三楼会议室开会学习时讲了什么", ("三楼会议室", "讲了什么")),
])
def test_split_session_place(question, expected):
    assert zh.split_session_place(question, ["QQ线上", "线上学习", "三楼会议室"]) == expected


def test_a_place_named_in_the_question_filters(tmp_path, bigram):
    searcher = _index(tmp_path, bigram)
    hits, understood = searcher.ask("在村委会学的那次是几月几号？", k=5)
    assert understood.sessions and [h.date for h in hits] == ["2021-06-07"]
    assert "地点 place: 村委会（从问题中识别" in understood.describe()
    assert searcher.understand("在村委会学的那次是几月几号？").filters["place"] == "村委会"
    hits, understood = searcher.ask("在三楼会议室学习时讲了垃圾分类的什么？", k=5)
    assert {h.source for h in hits} == {"a.txt"} and understood.content == "讲了垃圾分类的什么？"
    # part of the place's name: the filter is that part (places match as substrings)
    hits, understood = searcher.ask("在三楼学的那次讲了什么？", k=5)
    assert understood.filters["place"] == "三楼" and {h.source for h in hits} == {"a.txt"}
    # an explicit place wins, and `dates_from_question=False` reads nothing from the question
    assert searcher.ask("在三楼会议室学习时讲了什么", k=5, place="村委")[1].filters["place"] == "村委"
    assert "place" not in searcher.ask("在三楼会议室学习时讲了什么", k=5, dates_from_question=False)[1].filters


def test_when_and_where_questions_answer_with_the_session_header(tmp_path, bigram):
    """`…是在哪里学的？`, `…是哪天学的？`: the hits of the sessions that studied it, each with its
    header line above its text, in bold; the keyword leg matches the subject only."""
    searcher = _index(tmp_path, bigram)
    for question in ("垃圾分类那次是在哪里学的？", "我们是哪天学的垃圾分类？",
                     "学垃圾分类的那次，学习主题是哪方面的？"):    # 学习主题: the header's topic field
        hit = searcher.search(question, k=1, mode="lexical")[0]
        # the record's header lines as written: its 地点 has a half-width colon
        header = "时间：2021年5月6日\u3000地点:三楼会议室\u3000方式：集中学习\u3000学习主题：生态文明"
        assert hit.text.startswith(header + "\n") and "垃圾分类" in hit.text, question
        assert hit.highlights[0] == (0, len(header))
        assert all(len(header) < a for a, _ in hit.highlights[1:])    # the text's own, shifted
    assert zh.keywords_of("垃圾分类那次是在哪里学的？").replace(" ", "") == "垃圾分类？"
    # a plain content question is not touched, nor one about a campaign named 主题教育
    assert not searcher.search("垃圾分类", k=1)[0].text.startswith("时间：")
    assert not zh.asks_about_session("我们学的主题教育有哪些要求？")
    # the platform or the form of a session (`在什么平台上学的`), not of what the text asks for
    assert zh.asks_about_session("2020年3月11日那次学习是在什么平台上学的？")
    assert zh.asks_about_session("学脱贫讲话那次是哪种形式？")
    assert not zh.asks_about_session("要搭建什么平台？")
    # where a speech said something or a meeting was held, or `存在哪些`, asks of the text
    assert not zh.asks_about_session("讲话说当前脱贫攻坚最大的问题是什么，去年在哪个会上讲过？")
    assert not zh.asks_about_session("讲到剩余任务时，农村喝水方面还存在哪些不稳定的情况？")
    assert not zh.asks_about_session("2019年那次脱贫攻坚专题座谈会是在哪个城市开的，围绕什么主题？")
    assert zh.asks_about_session("讲到粮食安全的那次学习是在哪儿？")
    # ...also when the text is named by the session that studied it (blind36: which meeting the text
    # mentions; a 会议室 is still a place)
    assert not zh.asks_about_session("3月11日学的科研攻关那篇讲话里，提到总书记前不久在哪个会上作过讲话？")
    assert zh.asks_about_session("部署会议讲话是在哪个会议室学的？")


def test_a_question_about_the_sessions_shows_each_session_once(tmp_path, bigram):
    """`…是在哪里学的？`: a session's header answers it, so each session shows once (its best
    passage), and k hits are k sessions though one session holds the best two passages; a
    question about the text, or asking when (the passages are the evidence), keeps both of them."""
    from rag import Searcher, update_index
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", "集中学习记录\n时间：2021年5月6日\n地点：三楼会议室\n学习主题：生态文明\n学习内容：\n"
                           "垃圾分类工作就是新时尚，垃圾分类要从娃娃抓起。\n垃圾分类要推动习惯养成，垃圾分类人人有责。\n")
    write(seeds / "b.txt", "集中学习记录\n时间：2021年6月7日\n地点：村委会\n学习主题：乡村振兴\n学习内容：\n"
                           "乡村振兴要发展特色产业，也要抓好农村垃圾分类和人居环境整治。\n")
    update_index(seeds, index, encoder=bigram, model=bigram.name, progress=None)
    searcher = Searcher(index, encoder=bigram)
    assert [h.source for h in searcher.search("垃圾分类", k=2, mode="lexical")] == ["a.txt", "a.txt"]
    hits, understood = searcher.ask("垃圾分类那次是在哪里学的？", k=2, mode="lexical")
    assert [(h.source, h.date) for h in hits] == [("a.txt", "2021-05-06"), ("b.txt", "2021-06-07")]
    assert hits[1].text.startswith("时间：2021年6月7日\u3000地点：村委会")
    hits = searcher.search("学垃圾分类的那次，学习主题是哪方面的？", k=2, mode="lexical")
    assert [h.source for h in hits] == ["a.txt", "b.txt"]
    hits, understood = searcher.ask("我们是哪天学的垃圾分类？", k=2, mode="lexical")
    assert [h.source for h in hits] == ["a.txt", "a.txt"] and understood.studied_on == ["2021-05-06"]


def test_the_header_is_quoted_as_written_or_else_as_read():
    """The header line above a hit is the record's own (`时间：2021.5.6`, `地点:` with its half-width
    colon); an index built before headers were kept gives the fields as read."""
    from dataclasses import replace

    from rag.types import Hit
    with_header = importlib.import_module("rag.search")._with_header
    hit = Hit(text="正文。", score=1.0, date="2021-05-06", topic="生态文明", place="三楼会议室", source="a.txt",
              paragraph=3, heading=None, line=9, record=0, format="集中学习", highlights=[(0, 3)])
    written = "时间：2021.5.6\u3000地点:三楼会议室"
    from types import SimpleNamespace

    def index_with(headers):     # (source, record) -> the header on that session's first passage
        positions = {(source, record, 0): n for n, (source, record) in enumerate(headers)}
        passages = {n: SimpleNamespace(header=header) for n, header in enumerate(headers.values())}
        return SimpleNamespace(position_lookup=lambda: positions, passages=passages)
    quoted = with_header(replace(hit, highlights=[(0, 3)]),
                         index_with({("a.txt", 0): written, ("a.txt", 1): "时间：别的"}))
    assert quoted.text == written + "\n正文。" and quoted.highlights == [(0, len(written)), (len(written) + 1,
                                                                                              len(written) + 4)]
    read = "时间：2021年5月6日\u3000地点：三楼会议室\u3000方式：集中学习\u3000学习主题：生态文明"
    assert with_header(replace(hit, highlights=[]), index_with({})).text == read + "\n正文。"


def test_one_of_each_text_keeps_the_best_and_collects_the_other_dates():
    """The same text in several sessions is kept once, at its best score, with the other
    sessions' dates; `dedupe=False` keeps every passage."""
    from types import SimpleNamespace

    one_of_each_text = importlib.import_module("rag.search")._one_of_each_text
    passages = {1: SimpleNamespace(date="2021-05-06"), 2: SimpleNamespace(date="2021-09-09"),
                3: SimpleNamespace(date="2021-09-09"), 4: SimpleNamespace(date=None)}
    index = SimpleNamespace(keys={1: "same", 2: "other", 3: "same", 4: "same"}, passages=passages)
    scored = [(0.9, 1, "cos1"), (0.8, 2, "cos2"), (0.7, 3, "cos3"), (0.6, 4, "cos4")]
    best, other_dates, order = one_of_each_text(index, scored, dedupe=True)
    assert order == ["same", "other"]
    assert best["same"] == (0.9, 1, "cos1") and other_dates == {"same": {"2021-09-09"}, "other": set()}
    best, other_dates, order = one_of_each_text(index, scored, dedupe=False)
    assert order == ["1", "2", "3", "4"] and all(not dates for dates in other_dates.values())


def test_a_hit_s_whole_session_and_the_passage_at_a_line(tmp_path, bigram):
    """`session_passages` gives every paragraph of a hit's session in order; `passage_at` finds
    the passage holding a file's line, as `studyqa ask` prints it (`a.txt:8`)."""
    searcher = searcher_of_records_a_and_b(tmp_path, bigram)
    hit = searcher.search("绿水青山就是金山银山", k=1)[0]
    assert hit.source == "a.txt" and hit.paragraph == 1
    whole = searcher.session_passages(hit)
    assert [p.paragraph for p in whole] == [0, 1] and whole[0].text.startswith("垃圾分类工作")
    assert {p.source for p in whole} == {"a.txt"} and whole[1].text == hit.text
    assert searcher.passage_at("a.txt", hit.line).text == hit.text
    (tmp_path / "seeds" / "a.txt").write_text(RECORD_A + "\n\n", encoding="utf-8")   # blank lines at its end
    assert searcher.passage_at("a.txt", hit.line + 2).text == hit.text       # after the last passage: it
    with pytest.raises(ValueError, match="'a.txt' has 10 lines; line 13 is past its end"):
        searcher.passage_at("a.txt", hit.line + 5)
    assert searcher.passage_at("a.txt", 1).paragraph == 0                      # the header: the first one
    assert searcher.passage_at("b.txt", 7).text.startswith("要加强农村基层党组织建设")
    assert searcher.passage_at(str(tmp_path / "seeds" / "b.txt"), 7).source == "b.txt"   # a longer path
    with pytest.raises(ValueError, match="'c.txt' is not an indexed file; the index holds 2 file"):
        searcher.passage_at("c.txt", 1)


def test_a_session_date_in_the_question_filters_and_is_not_matched_as_content(tmp_path, bigram):
    """`6月7日那次学习…` picks the session; the passage that merely repeats those words must not
    outrank the one about what was asked."""
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    write(seeds / "c.txt", "集中学习记录\n时间：2021年6月7日\n地点：村委会\n学习主题：环境整治\n学习内容：\n"
                           "6月7日那次学习由支部书记主持，大家认真学习了上级下发的有关文件。\n"
                           "垃圾分类要从源头减量，做到干湿分开，人人参与、户户落实。\n")
    update_index(seeds, index, encoder=bigram, model=bigram.name, progress=None)
    searcher = Searcher(index, encoder=bigram)
    hits, understood = searcher.ask("6月7日那次学习讲了垃圾分类的什么？", k=2)
    assert [h.date for h in hits] == ["2021-06-07", "2021-06-07"]
    assert hits[0].text.startswith("垃圾分类要从源头减量")
    assert understood.content == "讲了垃圾分类的什么？"
    assert "讲了垃圾分类的什么" in understood.describe()


def test_a_session_named_by_its_order_is_searched_alone(tmp_path, bigram):
    """`上次学习…`, `第一次学习…`, `the last session`: the session of that place among the records'
    dates, listed when nothing else is asked, else searched alone."""
    searcher = searcher_of_records_a_and_b(tmp_path, bigram)
    hits, understood = searcher.ask("上次学习讲了什么？", k=3)
    assert understood.sessions and [h.date for h in hits] == ["2021-06-07"]
    assert "最近一次学习 the latest session = 2021-06-07" in understood.describe()
    hits, understood = searcher.ask("第一次学习中关于发展道路讲了什么", k=3)
    assert {h.date for h in hits} == {"2021-05-06"} and hits[0].text.startswith("绿水青山")
    hits, _ = searcher.ask("What did we study in the first session?", k=3)
    assert [h.date for h in hits] == ["2021-05-06"]
    # the last one at a place: counted among that place's sessions
    hits, understood = searcher.ask("上次在三楼会议室学的那次讲了什么？", k=3)
    assert [h.date for h in hits] == ["2021-05-06"] and understood.filters["place"] == "三楼会议室"


def test_dates_listed_in_the_question_take_the_sessions_of_either(tmp_path, bigram):
    searcher = searcher_of_records_a_and_b(tmp_path, bigram)
    hits, understood = searcher.ask("5月6日和6月7日的学习分别是什么主题？", k=5)
    assert understood.sessions and sorted(h.date for h in hits) == ["2021-05-06", "2021-06-07"]
    assert "每年 every year 5月6日 或 or 每年 every year 6月7日" in understood.describe()
    hits, understood = searcher.ask("2021年5月6日和7日学习中关于垃圾分类讲了什么", k=3)
    assert understood.filters == {"either": ({"date_from": "2021-05-06", "date_to": "2021-05-06"},
                                             {"date_from": "2021-05-07", "date_to": "2021-05-07"})}
    assert hits[0].text.startswith("垃圾分类")
    # content asked of both: each date's best passage shows, the better first
    hits, _ = searcher.ask("5月6日和6月7日的学习都讲了哪些关于垃圾分类和绿色发展的内容？", k=2)
    assert hits[0].text.startswith("垃圾分类") and [h.date for h in hits] == ["2021-05-06", "2021-06-07"]

    # the same text studied on two of the dates listed: one hit, the other date among its also_dates
    write(tmp_path / "seeds" / "c.txt", RECORD_A.replace("2021年5月6日", "2021年6月8日"))
    update_index(tmp_path / "seeds", tmp_path / "index", encoder=bigram, model=bigram.name, progress=None)
    searcher = Searcher(tmp_path / "index", encoder=bigram)
    hits, _ = searcher.ask("5月6日和6月8日的学习讲了垃圾分类什么", k=5)
    texts = [h.text for h in hits]
    assert len(texts) == len(set(texts)) and hits[0].text.startswith("垃圾分类")
    assert {hits[0].date, *hits[0].also_dates} == {"2021-05-06", "2021-06-08"}


def test_a_date_in_the_question_that_no_session_falls_on_is_not_applied(tmp_path, bigram):
    """`2019年那次学习…` when nothing was studied in 2019: the date is part of what is asked about,
    all sessions are searched, and the description says so; a question naming nothing but the
    date still lists that date's sessions: none."""
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    write(seeds / "b.txt", RECORD_B)
    update_index(seeds, index, encoder=bigram, model=bigram.name, progress=None)
    searcher = Searcher(index, encoder=bigram)
    hits, understood = searcher.ask("2019年学习的垃圾分类讲了什么？", k=2)
    assert understood.unmatched_date == {"date_from": "2019-01-01", "date_to": "2019-12-31"}
    assert "date_from" not in understood.filters and understood.content == "2019年学习的垃圾分类讲了什么？"
    assert hits and hits[0].text.startswith("垃圾分类") and "没有对应的学习记录" in understood.describe()
    hits, understood = searcher.ask("2021年学习的垃圾分类讲了什么？", k=2)
    assert understood.filters["date_from"] == "2021-01-01" and understood.unmatched_date is None
    assert hits[0].text.startswith("垃圾分类")
    hits, understood = searcher.ask("2019年那次学习", k=2)
    assert hits == [] and understood.filters["date_from"] == "2019-01-01"


def test_highlight_is_the_answering_sentence(tmp_path, bigram):
    searcher = _index(tmp_path, bigram)
    [hit] = searcher.search("农民腰包鼓起来", k=1)
    assert hit.source == "b.txt" and len(hit.highlights) >= 1
    a, b = hit.highlights[0]
    assert "腰包鼓起来" in hit.text[a:b]
    page = highlighted(hit.text, hit.highlights)
    assert '<b class="sq-hl">' in page and "腰包鼓起来" in page


def test_a_point_s_opening_is_highlighted_with_the_sentence_that_answers():
    """`第二，全力做好北京疫情防控工作。` opens the point and shares the question's words; the answer
    follows it. An announcement (`有两个基本情况。`) comes with what it announces."""
    from rag.highlight import highlights
    text = "第二，全力做好北京疫情防控工作。北京是首都，责任重大。要守住入京通道第一道防线，加强京津冀地区联防联控。"
    spans = zh.sentence_spans(text)
    assert highlights(text, np.array([0.95, 0.80, 0.85]), "北京的疫情防控要守住什么？") == [spans[0], spans[2]]
    # a best sentence that opens no point is highlighted alone, as before
    assert highlights(text, np.array([0.70, 0.80, 0.95]), "北京的疫情防控要守住什么？") == [spans[2]]
    text = ("我国从上世纪80年代开始扶贫，有两个基本情况。一个是贫困人口减到3000万左右就减不动了，另一个是戴贫困县帽子的"
            "越扶越多。这次脱贫攻坚扭转了这种趋势。")
    spans = zh.sentence_spans(text)
    assert highlights(text, np.array([0.95, 0.85, 0.80]), "扶贫遇到过什么瓶颈？") == [spans[0], spans[1]]


def test_the_sentence_after_one_restating_the_question_is_highlighted_with_it():
    """blind10's `防控到了关键阶段要警惕哪些不好的心态？`: the best sentence restates the question, the
    next one, a close runner-up, answers it. A runner-up further off, or before the best, is not shown."""
    from rag.highlight import HIGHLIGHT_NEXT_MARGIN, highlights
    text = ("当前疫情形势依然严峻复杂，防控正处在最吃劲的关键阶段。这个时候，必须高度警惕麻痹思想、厌战情绪、侥幸心理、"
            "松劲心态，否则将带来严重后果。各级党委和政府要坚定必胜信念。")
    spans = zh.sentence_spans(text)
    close = 0.9 - HIGHLIGHT_NEXT_MARGIN + 0.01
    assert highlights(text, np.array([0.9, close, 0.5]), "") == [spans[0], spans[1]]
    assert highlights(text, np.array([0.9, close - 0.03, 0.5]), "") == [spans[0]]
    assert highlights(text, np.array([close, 0.9, 0.5]), "") == [spans[1]]


def test_the_sentence_stating_what_the_question_asks_for_is_highlighted():
    # `多少…` asks for a number, `哪天…` for a day: the sentence restating the question (a little
    # nearer in meaning) was highlighted, not the one holding the number or the date
    from rag.highlight import highlights
    text = "要切实加强防止医院感染工作，对已被感染的医务人员全部免费治疗。已经有超过2000名医务人员确诊感染。"
    spans = zh.sentence_spans(text)
    question = "到开会时已有多少医护人员被感染？"
    # (no keywords: the sentences' cosines and the cue alone)
    assert highlights(text, np.array([0.865, 0.85]), "", question) == [spans[1]]
    # asked for nothing: the best sentence, and the next one as a close runner-up
    assert highlights(text, np.array([0.865, 0.85]), "") == [spans[0], spans[1]]
    text = "会议由习近平主持，研究部署疫情防控工作。这次会议于2020年2月23日在北京召开。"
    spans = zh.sentence_spans(text)
    assert highlights(text, np.array([0.865, 0.85]), "", "这次会议是哪天召开的？") == [spans[1]]


def _blind(bigram):
    """An encoder whose vectors are all alike: a dense leg that knows nothing."""
    class Blind(type(bigram)):
        name = "blind"

        def _vec(self, text):
            v = np.ones(self.dim, dtype=np.float32)
            return v / np.linalg.norm(v)

    return Blind()


def test_keyword_leg_finds_exact_terms_the_dense_leg_misses(tmp_path, bigram):
    """With a dense leg that knows nothing (all vectors alike), BM25 alone must rank the passage."""
    blind = _blind(bigram)
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    write(seeds / "b.txt", RECORD_B)
    update_index(seeds, index, encoder=blind, model=blind.name, progress=None)
    searcher = Searcher(index, encoder=blind)
    assert "战斗堡垒" in searcher.search("战斗堡垒", k=1)[0].text
    # an English question gets no lexical weight: nothing Chinese to match
    assert zh.cjk_share("What about the fortress?") == 0.0
    # the keyword leg alone, and no keyword held: no candidates, no results (not an error)
    assert searcher.search("What about the fortress?", k=3, mode="lexical") == []


@pytest.mark.parametrize("test, question, asks", [
    (zh.asks_for_quantity, "全国一共派出了多少个驻村工作队？", True),
    (zh.asks_for_quantity, "2015年以来召开过几次专题座谈会？", True),
    (zh.asks_for_quantity, "贫困发生率从多少降到了多少？", True),
    (zh.asks_for_quantity, "科研攻关启动以后，多久就见到了初步成效？", True),     # a duration is a number too
    (zh.asks_for_quantity, "企业复工需要哪几方面畅通？", False),
    (zh.asks_for_quantity, "驻村工作队有什么作用？", False), (zh.asks_for_quantity, "几时学的？", False),
    (zh.asks_for_places, "座谈会上发言的是哪几个地方的同志？", True), (zh.asks_for_places, "来自哪些省份？", True),
    (zh.asks_for_places, "驻村工作队有什么作用？", False), (zh.asks_for_places, "座谈会是在哪里开的？", False),
    (zh.asks_for_places, "要激发哪些市场主体的活力？", False), (zh.asks_for_places, "发展哪些县域经济？", False),
    (zh.asks_for_places, "有哪些城市参加？", True),
    (zh.asks_for_title, "党中央专门印发的那份通知叫什么名字？", True),
    (zh.asks_for_title, "在哪份文件里已经作了部署？", True),
    (zh.asks_for_title, "深改委给自己去年收尾、今年打算的两份文件叫啥？", True),     # blind41 (stop 61)
    (zh.asks_for_title, "是哪两份？", True),
    (zh.asks_for_title, "我国古代哪部史书里有隔离的记载？", True), (zh.asks_for_title, "兩份文件分別叫甚麼？", True),
    (zh.asks_for_title, "会议审议通过了哪些内容？", False), (zh.asks_for_title, "驻村工作队叫停了哪些做法？", False),
    (zh.asks_for_speech, "3月11日那次集中学习，除了疫情防控部署会议的讲话，还学了哪篇关于脱贫的讲话？", True),
    (zh.asks_for_speech, "学的是哪两篇讲话？", True), (zh.asks_for_speech, "那天学习的是什么重要讲话", True),
    (zh.asks_for_speech, "1986年迟子建在《人民文学》上发表哪篇文章而成名？", False),
    (zh.asks_for_speech, "讲话对武汉人民是怎么评价的？", False), (zh.asks_for_speech, "讲话提出了哪些要求？", False),
    (asks_for_speech_english, "Which speech on poverty did we study on March 11?", True),
    (asks_for_speech_english, "What important speech was the topic?", True),
    (asks_for_speech_english, "What did the speech propose on customs clearance?", False),
    (zh.asks_for_sanction, "关键时刻临阵退缩的干部会受到什么处理？", True),
    (zh.asks_for_sanction, "抗疫关键时刻临阵当逃兵的干部，组织上怎么处理？", True),
    (asks_for_sanction_english, "How are officials who back down at a critical moment dealt with?", True),
    (zh.asks_for_sanction, "去年深改委对地方上的先行先试是怎么抓的，试出来的经验怎么处理？", False),
    (zh.asks_for_sanction, "疫情形势越来越好以后，各省的应急响应级别要怎么处理？", False),
    (asks_for_sanction_english, "Some places went too far with traffic lockdowns. How was that dealt with afterwards?",
     False),
    (zh.asks_for_remedy, "贫困地区的农产品卖不出去怎么办？", True), (zh.asks_for_remedy, "貧困地區的農產品賣不出去怎麼辦？", True),
    (zh.asks_for_remedy, "短期内物资供应出现短缺时应该怎么应对？", True),
    (zh.asks_for_remedy, "疫情形势越来越好以后，各省的应急响应级别要怎么处理？", True),
    (zh.asks_for_remedy, "有些地方交通封控搞得太过了，后来怎么处理的？", False),    # what was done
    (zh.asks_for_remedy, "去年深改委对地方上的先行先试是怎么抓的，试出来的经验怎么处理？", False),
    (zh.asks_for_remedy, "新冠疫情对脱贫攻坚造成了哪些影响？", False),
    (asks_for_remedy_english, "What should be done when farm products from poor areas cannot be sold?", True),
    (asks_for_remedy_english, "How can we make sure residents' household goods get delivered?", True),
    (asks_for_remedy_english, "How did the epidemic affect poverty alleviation?", False),
    (zh.asks_for_appraisal, "讲话对武汉和湖北当地老百姓在防疫中的表现是怎么评价的？", True),
    (zh.asks_for_appraisal, "讲话中是怎么肯定部队官兵在这场抗疫斗争里的表现的？", True),
    (zh.asks_for_appraisal, "讲话如何判断这次疫情对我国经济的冲击？", False),
    (zh.asks_for_appraisal, "怎么看待贫困县摘帽和今后工作的关系？", False),
    (asks_for_appraisal_english, "How did the international community evaluate China's epidemic control?", True),
    (asks_for_appraisal_english, "How did the epidemic affect the economy?", False),
    (zh.bare_term, "网格化管理", True), (zh.bare_term, " 逆周期调节？", True),
    (zh.bare_term, "一方水土养活不了一方人", True), (zh.bare_term, "网格化管理是什么？", False),
    (zh.bare_term, "谢尔的面积有多大", False), (zh.bare_term, "哪次学习讲到了网格化管理", False),
    (zh.bare_term, "3月4日", False), (zh.bare_term, "grid management", False), (zh.bare_term, "网", False)])
def test_what_a_question_asks_for(test, question, asks):
    """A number (`多少`, `几个`, not `哪几`), a document's name (`叫什么`, `哪份文件`); or the
    question is a bare term (no question word, Chinese only)."""
    assert bool(test(question)) is asks


@pytest.mark.parametrize("question, characters, shared", [
    ("党中央针对这次疫情提出的总要求是哪十六个字？", 16, None), ("十六字方针是什么？", 16, None),
    ("社会主义核心价值观是哪24个字？", 24, None), ("社会主义核心价值观的二十四個字", 24, None),
    ("稳外资要做好哪三个带“商”字的工作？", 0, ("商", 3)), ("带'稳'字的要求有哪些？", 0, ("稳", 0)),
    ("怎样用数字技术支撑疫情防控？", 0, None), ("十字路口怎么走？", 0, None), ("这句话有几个字？", 0, None),
    ("有哪些名字？", 0, None), ("那份文件有名字吗？", 0, None), ("含“稳”字的有几条？", 0, ("稳", 0)),
    ("哪两个带商字的工作？", 0, ("商", 2))])
def test_a_question_asking_for_a_formula(question, characters, shared):
    """A set number of characters, or words sharing one: the count and the character."""
    assert zh.asks_for_characters(question) == characters
    assert zh.asks_for_shared_character(question) == shared


def test_text_listing_a_formula():
    assert zh.states_characters("及时提出坚定信心、同舟共济、科学防治、精准施策的总要求", 16)
    assert not zh.states_characters("及时提出坚定信心、同舟共济、科学防治、精准施策的总要求", 12)
    values = "倡导富强、民主、文明、和谐，倡导自由、平等、公正、法治，倡导爱国、敬业、诚信、友善，积极培育"
    assert zh.states_characters(values, 24) and zh.states_characters(values, 8)
    assert not zh.states_characters(values, 20)
    # a list ends at other punctuation: the next sentence's items do not add to it
    assert not zh.states_characters("坚定信心、同舟共济。科学防治、精准施策。", 16)
    assert not zh.states_characters("要坚持不懈地抓好疫情防控工作，统筹推进经济社会发展", 16)
    assert zh.states_shared_character("要继续优化营商环境，做好招商、安商、稳商工作。", "商", 3)
    assert zh.states_shared_character("做好招商、安商、稳商工作", "商")
    assert not zh.states_shared_character("做好招商、安商、稳商工作", "商", 2)
    assert not zh.states_shared_character("做好招商引资、优化环境、稳定预期工作", "商")


def test_a_bare_term_is_the_question_stripped():
    assert zh.bare_term(" 逆周期调节？") == "逆周期调节"


def test_text_stating_a_number():
    from rag.crosslingual import asks_for_quantity_foreign
    assert zh.states_quantity("全国共派出25.5万个驻村工作队") and zh.states_quantity("召开了七个专题会议")
    assert zh.states_quantity("３３０多支医疗队") and zh.states_quantity("两万名医护人员")
    assert not zh.states_quantity("一是扶贫产品销售困难，要组织好产销对接。")
    assert asks_for_quantity_foreign("How many village-based work teams were sent?")
    assert asks_for_quantity_foreign("¿Cuántos equipos médicos se enviaron?")
    assert asks_for_quantity_foreign("Wie viele Teams wurden entsandt?")
    assert not asks_for_quantity_foreign("What do village work teams do?")


def test_how_often_something_was_studied_asks_for_dates_not_a_number():
    from rag.cues import QUANTITY_WEIGHT, answer_cues
    from rag.crosslingual import asks_when_studied_english
    for question in ("疫情防控学过几次？", "我们学习了多少次关于脱贫攻坚的内容？", "How many times did we study poverty?",
                     "How often did we discuss epidemic control?"):
        assert (zh.asks_when_studied(question) or asks_when_studied_english(question)) and answer_cues(question) == []
    assert zh.keywords_of("疫情防控学过几次？").strip(" ？") == "疫情防控"
    # a number in the text asked for: the dates are no answer, the passage stating it is
    for question in ("2015年以来就脱贫攻坚召开过几次专题座谈会？", "How many work teams were sent?"):
        # (the number's cue, and for 几次 its measure word's: `7次`)
        assert not zh.asks_when_studied(question) and answer_cues(question)
        assert {weight for weight, _ in answer_cues(question)} == {QUANTITY_WEIGHT}


def test_when_something_was_first_or_last_studied(tmp_path, bigram):
    from rag.crosslingual import first_or_last_studied_english
    assert zh.first_or_last_studied("最近一次学习垃圾分类是什么时候？") == -1
    assert zh.first_or_last_studied("第一次学垃圾分类是哪天？") == 1
    assert zh.first_or_last_studied("什么时候学过垃圾分类？") == 0
    assert zh.first_or_last_studied("最后要做到什么？") == 0                      # no "when"
    assert first_or_last_studied_english("When did we last study waste sorting?") == -1
    assert first_or_last_studied_english("When did we first discuss it?") == 1
    assert first_or_last_studied_english("What is the first-level response?") == 0
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    write(seeds / "d.txt", RECORD_A.replace("2021年5月6日", "2022年9月1日"))
    update_index(seeds, index, encoder=bigram, model=bigram.name, progress=None)
    searcher = Searcher(index, encoder=bigram)
    _, understood = searcher.ask("最近一次学习垃圾分类是什么时候？", k=3)
    assert understood.studied_on == ["2021-05-06", "2022-09-01"] and understood.studied_last == "2022-09-01"
    assert "原文含该词的最近一次 the last session holding it: 2022年9月1日" in understood.describe()
    _, understood = searcher.ask("第一次学垃圾分类是哪天？", k=3)
    assert understood.studied_first == "2021-05-06" and understood.studied_last == ""
    # the last of every session holding the term, not of the few passages found (k=1 here)
    write(seeds / "e.txt", RECORD_A.replace("2021年5月6日", "2023-01-01").replace(
        "垃圾分类工作就是新时尚，垃圾分类要从娃娃抓起，推动习惯养成。", "社区开展了一次宣传活动，顺带讲了垃圾分类。"))
    update_index(seeds, index, encoder=bigram, model=bigram.name, progress=None)
    searcher = Searcher(index, encoder=bigram)
    _, last = searcher.ask("最近一次学习垃圾分类是什么时候？", k=1)
    _, first = searcher.ask("第一次学垃圾分类是哪天？", k=1)
    assert last.studied_last == "2023-01-01" and first.studied_first == "2021-05-06"
    # one passage found (k=1) holds not both ends: they come from every session holding the term
    assert not {"2021-05-06", "2023-01-01"} <= set(last.studied_on)
    # a question of no one term: the last of the dates found, as before
    _, understood = searcher.ask("最近一次学习绿水青山和垃圾分类是什么时候？", k=3)
    assert not understood.term_dates and "其中最近一次 the last of them" in understood.describe()


def test_text_opening_a_speech():
    """Its title or the first salutation among its first lines; a later `同志们！` is mid-speech."""
    assert zh.opens_speech("习近平\n同志们：\n这次会议的主要任务是，分析当前形势。")
    assert zh.opens_speech("在统筹推进新冠肺炎疫情防控和经济社会发展工作部署会议上的讲话\n（2020年2月23日）\n习近平\n同志们：")
    assert zh.opens_speech("韩正出席第十一届世界和平论坛开幕式并致辞\n央视网消息（新闻联播）：国家副主席韩正出席。")
    assert not zh.opens_speech("同志们！\n我们必须看到，成绩是主要的。")
    assert not zh.opens_speech("要认真学习领会讲话精神，推动工作落实。")
    assert not zh.opens_speech("第一段\n第二段\n第三段\n第四段\n同志们：")     # past the first lines


def test_text_praising():
    assert zh.states_appraisal("武汉人民识大体顾大局，展现了坚忍不拔的顽强斗志。") and zh.states_appraisal("值得充分肯定")
    assert not zh.states_appraisal("有的不敢担当、不愿负责，畏首畏尾。")


def test_text_saying_what_must_be_done():
    assert zh.states_remedy("第二，努力克服疫情影响。要落实分区分级精准防控策略。") and zh.states_remedy("必须如期实现。")
    assert zh.states_remedy("各地，應當加強監測")
    # the problem described, a demand named, or 要 inside a word: no
    assert not zh.states_remedy("疫情对脱贫攻坚的影响主要表现在这样几个方面。一是外出务工受阻。")
    assert not zh.states_remedy("要求各地加强监测。") and not zh.states_remedy("这是重要的一步。")


def test_text_stating_a_sanction():
    assert zh.states_sanction("对紧要关头当“逃兵”的要就地免职。") and zh.states_sanction("要严肃追究相关人员的责任")
    assert zh.states_sanction("給予黨紀處分") and not zh.states_sanction("少数干部表现不佳甚至很差。")


def test_who_spoke():
    """blind11-13's speaker questions: the paragraph naming who spoke, not the one listing earlier meetings."""
    for question in ["座谈会上发言的是哪几个地方的同志？", "脱贫座谈会上是哪几个地方的同志发的言？",
                     "脱贫座谈会上都有哪几个地方的人上台发言了？", "谁在会上发了言？"]:
        assert zh.asks_who_spoke(question), question
    assert not zh.asks_who_spoke("会议上讲了哪些问题？") and not zh.asks_who_spoke("发言稿怎么写")
    assert zh.states_who_spoke("刚才，怒江州、和田地区、兰考县、大化县、赫章县的5位同志作了发言，讲得都很好")
    assert zh.states_who_spoke("李克强、王沪宁在会上发言")
    assert not zh.states_who_spoke("2015年在延安召开革命老区脱贫致富座谈会、在贵阳召开部分省区市扶贫攻坚与“十三五”时期经济社会发展座谈会")
    assert not zh.states_who_spoke("他在会上发言说，要抓落实。")


def test_text_listing_places():
    assert zh.states_places("刚才，怒江州、和田地区、兰考县、大化县、赫章县的5位同志作了发言")
    assert zh.states_places("广西壮族自治区、贵州省、云南省")
    assert not zh.states_places("北京、上海、广州等地") and not zh.states_places("兰考县、大化县的同志")


def test_a_number_with_the_measure_word_asked_for():
    """blind14: `多少天` favours `300天` over a passage stating some other number."""
    from rag.cues import QUANTITY_WEIGHT, answer_cues
    cues = answer_cues("科研攻关启动以后用了多少天？")
    assert [weight for weight, _ in cues] == [QUANTITY_WEIGHT, QUANTITY_WEIGHT]
    assert [test("300多天就见到了成效") for _, test in cues] == [True, True]
    assert [test("用了3个月就见到了成效") for _, test in cues] == [True, False]
    assert zh.asked_unit("有多少个县摘帽？").search("52个县") and zh.asked_unit("有多少人？") is not None
    assert zh.asked_unit("有多少资金？") is None and zh.asked_unit("哪几天") is None


def test_where_a_meeting_was_held_and_short_forms_in_quotes():
    assert zh.asks_where_held("2019年那次座谈会是在哪个城市开的？") and zh.states_where_held("在宁夏银川召开")
    assert not zh.asks_where_held("那次学习是在哪开的？")       # a session's place: its header's
    assert zh.asks_for_shared_character("“四早”具体指哪四个早？") == ("早", 4)
    assert zh.asks_for_shared_character("“两个维护”是什么？") is None
    listed = "我们提出早发现、早报告、早隔离、早治疗的防控要求和集中患者、集中专家、集中资源、集中救治的救治要求"
    assert zh.states_shared_character(listed, "早", 4) and zh.states_shared_character(listed, "集中", 4)
    assert not zh.states_shared_character(listed, "早", 3)     # (a run within the four is no list of three)


@pytest.mark.parametrize("question, item", [
    ("去军事医学研究院考察时讲的下一步重点里，第一条要把哪几方面结合起来？", 1), ("讲话提出的第三点要求是什么？", 3),
    ("第二个方面讲了什么？", 2), ("工作要点中，一是讲什么", 1), ("头一条是什么？", 1), ("第２项", 2),
    ("回顾前期做了七件事，第三件是啥？", 3), ("当前重点工作，头一个是什么？", 1), ("这些要求里第二个是什么？", 2),
    ("What is the first point of the next steps?", 1), ("the 3rd key measure", 3), ("What was the second priority?", 2),
    # a count or an order of other things, not an item of a list
    ("第一次学习是哪天？", 0), ("第一线的医务人员", 0), ("要守住第一道防线", 0), ("第十二次会议", 0),
    ("首先要做什么？", 0), ("最后一次学习是哪天？", 0), ("守住最后一道防线", 0),
    # counted from the end
    ("收官之年的工作部署，最后一条是什么？", -1), ("重点工作里倒数第二项", -2), ("What is the last point of the key tasks?", -1),
    ("the second-to-last measure", -2), ("the last session", 0),
    # an article of a law or rule cited by its number
    ("部署会议结尾提的3点要求，一要什么？", 1), ("困难挑战列了几条，末尾那条讲的是什么？", -1), ("守住最后一条防线", 0),
    ("纪律处分条例第三条规定了什么？", 0), ("我国第一条高铁是哪年建成的？", 0), ("第三项技术突破在哪里", 0), ("《宪法》第一条怎么说的", 0), ("党章第十条讲的是什么？", 0), ("第一个百年奋斗目标是什么？", 0), ("第一个提出的人是谁", 0),
    ("脱贫专题座谈会里头一个是在哪开的？", 0), ("第二个是什么？", 0), ("the first time we studied it", 0), ("on the front line", 0),
    # a rank in a phrase (第一道防线), not an item (h18: `as the first line of defence` read as item 1)
    ("Which places did the meeting single out as the first line of defence?", 0), ("the first-line medical workers", 0)])
def test_a_question_asking_for_an_item_of_a_list(question, item):
    from rag.crosslingual import asks_for_list_item_english
    assert (zh.asks_for_list_item(question) or asks_for_list_item_english(question)) == item


def test_text_opening_an_item_of_a_list():
    work = "近一段时间，我们主要做了以下工作。\n一是及时制定疫情防控战略策略。二是组织开展湖北保卫战。"
    assert zh.opens_list_item(work, 1) and zh.opens_list_item(work, 2) and not zh.opens_list_item(work, 3)
    assert zh.opens_list_item("第一，加强药物、医疗装备研发和临床救治相结合", 1)
    assert not zh.opens_list_item("第一，加强药物、医疗装备研发和临床救治相结合", 5)
    assert zh.opens_list_item("　　（三）加强组织领导", 3) and zh.opens_list_item("12. 加强组织领导", 12)
    assert zh.opens_list_item("第十二，加强组织领导", 12) and not zh.opens_list_item("第十二，加强组织领导", 2)
    # a number or an order inside a sentence opens no item
    assert not zh.opens_list_item("1.5亿元资金", 1) and not zh.opens_list_item("这是第一，也是唯一", 1)
    assert not zh.opens_list_item("统一是关键", 1)


def test_a_question_asking_what_a_meeting_was_for():
    for question in ("2月23日那次部署会议，召开的主要目的是什么？", "决战脱贫攻坚座谈会这次开会主要是要干什么？",
                     "开头交代召开这次会议主要是要做什么？"):
        assert zh.asks_for_purpose(question), question
    for question in ("总书记有没有打算等疫情过去再去外地开这个会？", "会议先强调知识产权方面要做什么？",
                     "总的要有利于达到什么目的？"):
        assert not zh.asks_for_purpose(question), question
    assert zh.states_purpose("这次会议的主要任务是，分析当前形势")
    assert zh.states_purpose("今天，我们召开部署会议，主要是分析疫情防控形势")
    assert not zh.states_purpose("会议强调，要加强知识产权保护")


def test_a_question_asking_how_often():
    for question in ("疫情期间总书记多久就防控工作作一次指示？", "政治局常委会多长时间开一次会？", "检测频率是多少？",
                     "几天一次核酸？"):
        assert zh.asks_how_often(question), question
    # how often the branch studied is answered by its sessions; how long something takes is no frequency
    for question in ("多久学一次？", "隔多久学习一次", "疫情防控学过几次？", "多久能完成？", "一共开了几次会？"):
        assert not zh.asks_how_often(question), question
    assert zh.states_frequency("我时刻关注着疫情防控工作，每天都作出口头指示和批示")
    assert zh.states_frequency("要定期开展督导检查") and zh.states_frequency("每个季度召开一次")
    assert not zh.states_frequency("疫情发生后，党中央高度重视")


def test_a_question_asking_for_a_saying():
    for question in ("讲加强党的领导那一部分，开头引用的古语是哪一句？", "讲话引用了哪句名句？", "开头引用了哪句话？",
                     "用了哪句俗话？"):
        assert zh.asks_for_saying(question), question
    for question in ("讲话怎样肯定媒体记者的表现？", "引用了哪些数据？", "哪句话表明不获全胜决不收兵？"):
        assert not zh.asks_for_saying(question), question
    assert zh.states_saying("“沧海横流，方显英雄本色。”在这场严峻斗争中，各级党组织冲锋在前")
    assert zh.states_saying("疾风知劲草，板荡识诚臣。能不能打好这场战争，是对各级党组织的考验")
    assert zh.states_saying("古人说，治国之道，富民为始")
    # a quotation of no couplet, a short clause opening a long sentence: no saying
    assert not zh.states_saying("“像非典那样的重大传染性疾病，也要时刻保持警惕、严密防范”")
    assert not zh.states_saying("目前看，脱贫进度符合预期，成就举世瞩目。")


def _scores_with_and_without(searcher, question, monkeypatch, weight_name):
    """Each date's best score for `question` as it is and with rag.search's `weight_name` at 0, and
    that weight."""
    search_module = importlib.import_module("rag.search")
    weight = getattr(search_module, weight_name)

    def scores():
        return {h.date: h.score for h in reversed(searcher.ask(question, k=5)[0])}
    weighted = scores()
    monkeypatch.setattr(search_module, weight_name, 0.0)
    return weighted, scores(), weight


def test_the_occasion_a_question_is_asked_within():
    question = "在军事医学研究院和清华调研时，讲话最后希望科技工作者不辜负什么？"
    start, end = zh.text_scope(question)
    assert question[start:end] == "在军事医学研究院和清华调研时，"
    assert zh.text_scope("部署会议讲话中，总书记向哪些人表达了哀思？") == (0, 8)
    assert zh.text_scope("讲话希望科技工作者不辜负什么？") is None
    assert zh.text_scope("会议强调了什么？") is None
    assert zh.scope_named("部署会议讲话中，") == "部署会议讲话"
    assert zh.scope_named("在军事医学研究院和清华调研时，") == "军事医学研究院和清华调研"


def test_the_occasion_named_counts_for_the_session_not_for_the_passage_naming_it(tmp_path, bigram, monkeypatch):
    """`在军事医学研究院调研时，…希望科研人员不辜负什么？`: the words naming the occasion say which session
    (its passages share them), not which passage answers; the speech's opening, which names the occasion,
    no longer outscores the paragraph holding the answer (all vectors alike: the keyword leg decides)."""
    search_module = importlib.import_module("rag.search")
    record = ("集中学习记录\n时间：2021年5月6日\n地点：三楼会议室\n学习主题：科研攻关\n学习内容：\n"
              "这次来军事医学研究院调研，看望奋战在一线的科研人员。\n"
              "希望科研人员不辜负人民期盼，再接再厉。\n")
    other = ("集中学习记录\n时间：2021年6月7日\n地点：村委会\n学习主题：乡村振兴\n学习内容：\n"
             "乡村振兴要发展特色产业，让农民腰包鼓起来。\n")
    searcher = searcher_of(tmp_path, _blind(bigram), {"a.txt": record, "b.txt": other})
    question = "在军事医学研究院调研时，讲话希望科研人员不辜负什么？"
    assert "不辜负" in searcher.search(question, k=1)[0].text
    monkeypatch.setattr(search_module, "SCOPE_APART", False)
    assert "这次来军事医学研究院" in searcher.search(question, k=1)[0].text


def test_a_question_asked_within_an_occasion_prefers_the_session_whose_topic_it_is(tmp_path, bigram, monkeypatch):
    """`部署会议讲话中，要向谁致敬？`: the session whose topic is that speech gains NAMED_TOPIC_WEIGHT over
    another saying the same words, and the page says so."""
    speech = ("集中学习记录\n时间：2021年5月6日\n地点：三楼会议室\n学习主题：部署会议讲话\n学习内容：\n"
              "要向奋战在一线的医务人员致敬。\n")
    other = ("集中学习记录\n时间：2021年6月7日\n地点：村委会\n学习主题：乡村振兴\n学习内容：\n"
             "我们要向奋战在一线的广大医务人员致敬。\n")       # (not the same text: that would show once)
    searcher = searcher_of(tmp_path, _blind(bigram), {"a.txt": speech, "b.txt": other})
    question = "部署会议讲话中，要向谁致敬？"
    hits, understood = searcher.ask(question, k=5)
    assert hits[0].date == "2021-05-06" and understood.session_named == "部署会议讲话"
    weighted, plain, weight = _scores_with_and_without(searcher, question, monkeypatch, "NAMED_TOPIC_WEIGHT")
    assert weighted["2021-05-06"] - plain["2021-05-06"] == pytest.approx(weight, abs=1e-6) and weight > 0
    assert weighted["2021-06-07"] == pytest.approx(plain["2021-06-07"], abs=1e-6)


def test_the_meetings_a_question_mentions():
    assert zh.meetings_mentioned("针对此番疫情里显露出的薄弱之处，深改委会议要求采取什么行动？") == ["深改委会议"]
    assert zh.meetings_mentioned("部署会议讲话关于恢复经济社会秩序的部署中，第六项是什么？") == ["部署会议"]
    # a meeting body named by its short form alone: its meeting is what a topic names
    assert zh.meetings_mentioned("深改委对未来基建网络提出了什么样的建设目标和特点？") == ["深改委"]
    assert zh.meetings_mentioned("深改委会议和国常会都提了什么？") == ["深改委会议", "国常会"]
    assert zh.meetings_mentioned("除了深改委，还学了什么？") == [] and zh.meetings_mentioned("医保怎么报销？") == []
    # a meeting set aside is no clue to the session
    assert zh.meetings_mentioned("除了疫情防控部署会议的讲话，还学了哪篇？") == []
    # `这次会议`, `那个座谈会` name no meeting in particular (a speech opening `这次会议的主要任务是` would match)
    assert zh.meetings_mentioned("这次会议要求什么？") == [] and zh.scope_named("这次会议上，") == ""
    assert zh.session_named_by("这次座谈会是哪天学的？") == ""


def test_a_meeting_the_question_mentions_weighs_the_session_whose_topic_names_it(tmp_path, bigram, monkeypatch):
    """`深改委会议要求怎么办？`: the session whose topic is that meeting gains MENTION_WEIGHT."""
    meeting = ("集中学习记录\n时间：2021年5月6日\n地点：三楼会议室\n学习主题：中央全面深化改革委员会第十二次会议\n"
               "学习内容：\n要抓紧补短板、堵漏洞、强弱项。\n")
    other = ("集中学习记录\n时间：2021年6月7日\n地点：村委会\n学习主题：乡村振兴\n学习内容：\n"
             "我们要抓紧补短板、堵漏洞。\n")
    searcher = searcher_of(tmp_path, _blind(bigram), {"a.txt": meeting, "b.txt": other})
    weighted, plain, weight = _scores_with_and_without(searcher, "深改委会议要求怎么补短板？", monkeypatch,
                                                       "MENTION_WEIGHT")
    assert weighted["2021-05-06"] - plain["2021-05-06"] == pytest.approx(weight, abs=1e-6) and weight > 0
    assert weighted["2021-06-07"] == pytest.approx(plain["2021-06-07"], abs=1e-6)


def test_how_a_session_named_by_its_date_was_held_is_answered_with_its_header(tmp_path, bigram):
    searcher = searcher_of_records_a_and_b(tmp_path, bigram)
    hits, understood = searcher.ask("2021年6月7日那次集中学习是线下开会还是网上进行的？", k=3)
    assert hits and all(h.date == "2021-06-07" for h in hits)
    assert hits[0].text.startswith("时间：2021年6月7日")


def test_what_a_session_question_names_the_session_by():
    assert zh.session_named_by("习近平在部署会议上的讲话是哪天学的？") == "习近平在部署会议上的讲话"
    assert zh.session_named_by("学习深改委会议是线上还是线下？") == "深改委会议"
    assert zh.session_named_by("深改委会议那次学习是在哪学的？") == "深改委会议"
    assert zh.session_named_by("深改委那次学习的主题是什么？") == "深改委"      # a short form: three characters
    assert zh.session_named_by("上次在哪学的？") == "" and zh.session_named_by("哪天学的？") == ""


def test_a_session_question_prefers_the_session_whose_topic_it_names(tmp_path, bigram, monkeypatch):
    """`学习深改委会议是在哪学的？`: the session whose topic is that meeting gains NAMED_TOPIC_WEIGHT over one
    whose text mentions it (all vectors alike: the keyword leg and that weight decide)."""
    topic_named = ("集中学习记录\n时间：2021年5月6日\n地点：三楼会议室\n学习主题：中央全面深化改革委员会第十二次会议精神\n"
                   "学习内容：\n会议强调，要完善重大疫情防控体制机制。\n")
    mentioned = ("集中学习记录\n时间：2021年6月7日\n地点：村委会\n学习主题：乡村振兴\n学习内容：\n"
                 "我主持召开了中央全面深化改革委员会会议，研究乡村振兴。\n")
    searcher = searcher_of(tmp_path, _blind(bigram), {"a.txt": topic_named, "b.txt": mentioned})
    question = "学习深改委会议是在哪学的？"
    hits, understood = searcher.ask(question, k=2)
    assert hits[0].date == "2021-05-06" and understood.session_named == "深改委会议"
    assert "学习主题含“深改委会议”的学习优先" in understood.describe()
    weighted, plain, weight = _scores_with_and_without(searcher, question, monkeypatch, "NAMED_TOPIC_WEIGHT")
    # the session named gains exactly the weight; the other scores as before
    assert weighted["2021-05-06"] - plain["2021-05-06"] == pytest.approx(weight, abs=1e-6) and weight > 0
    assert weighted["2021-06-07"] == pytest.approx(plain["2021-06-07"], abs=1e-6)
    # a question about content names no session: nothing preferred
    assert searcher.ask("深改委会议研究了什么？", k=2)[1].session_named == ""


def test_text_citing_a_document():
    assert zh.states_title("会议审议通过了《关于推动基础设施高质量发展的意见》。")
    assert not zh.states_title("会议审议通过了关于推动基础设施高质量发展的意见。")
    assert not zh.states_title("《》")


def test_a_title_naming_what_the_question_names():
    named = zh.title_named("深改委第十二次会议通过的文件里，专门讲基础设施的那一份叫什么名字？")
    assert named("会议审议通过了《关于新时代加快完善社会主义市场经济体制的意见》、《关于推动基础设施高质量发展的意见》")
    assert not named("会议审议通过了《中央全面深化改革委员会2019年工作总结报告》")
    assert not named("会议指出，基础设施是经济社会发展的重要支撑")       # the subject, but no title
    # a document's kind is no subject: `的意见` asked and written names no document in particular
    assert not zh.title_named("那份关于帮扶的意见叫什么？")("会议通过了《关于加强党建的意见》")


@pytest.mark.parametrize("weight_name, plain_text, answering_text, question, other_question", [
    ("QUANTITY_WEIGHT", "全国共派出大批驻村工作队，帮扶贫困村。", "全国共派出25.5万个驻村工作队，帮扶贫困村。",
     "全国派出了多少个驻村工作队？", "全国派出驻村工作队帮扶贫困村"),
    ("TITLE_WEIGHT", "会议审议通过了关于驻村工作队帮扶贫困村的意见。",
     "会议审议通过了《关于驻村工作队帮扶贫困村的意见》。",
     "会议审议通过的那份帮扶意见叫什么？", "驻村工作队帮扶贫困村的意见"),
    ("VERBATIM_WEIGHT", "驻村工作队要帮扶贫困村，工作队帮扶到户。", "驻村工作队帮扶贫困村，帮扶到户。",
     "驻村工作队帮扶", "驻村工作队帮扶什么？"),
    ("FORMULA_WEIGHT", "驻村工作队要坚定信心，同舟共济，科学防治。", "驻村工作队要坚定信心、同舟共济、科学防治。",
     "驻村工作队要做到哪十二个字？", "驻村工作队要做到什么？"),
    ("FORMULA_WEIGHT", "驻村工作队要做好招商引资、稳定就业工作。", "驻村工作队要做好招商、安商、稳商工作。",
     "驻村工作队要做好哪三个带“商”字的工作？", "驻村工作队要做好哪些工作？"),
    ("PLACES_WEIGHT", "驻村工作队的同志们作了发言，讲得都很好。", "兰考县、大化县、赫章县驻村工作队的同志们作了发言。",
     "哪几个地方驻村工作队的同志作了发言？", "驻村工作队的同志作了发言"),
    # (a list before `发言`, over one naming where earlier meetings were held)
    ("SPEAKERS_WEIGHT", "驻村工作队座谈会先后在延安、贵阳、银川召开。", "延安、贵阳、银川驻村工作队的同志作了发言。",
     "驻村工作队座谈会上是哪几个地方的同志发的言？", "驻村工作队座谈会开在哪里"),
    # (blind14: a short form in quotes, its items within a longer list; where a meeting of the text was held)
    ("FORMULA_WEIGHT", "驻村工作队要做到早发现，及时报告和集中救治。",
     "驻村工作队提出早发现、早报告、早隔离、早治疗的要求和集中患者、集中救治的要求。",
     "驻村工作队的“四早”具体指什么？", "驻村工作队提出了什么要求？"),
    ("PLACES_WEIGHT", "驻村工作队座谈会开得很好，同志们作了发言。", "驻村工作队座谈会在宁夏银川召开，同志们作了发言。",
     "驻村工作队座谈会是在哪个城市开的？", "驻村工作队座谈会开得怎么样"),
    ("SANCTION_WEIGHT", "驻村工作队干部不担当的，要批评教育。", "驻村工作队干部不担当的，要严肃问责。",
     "不担当的驻村工作队干部会受到什么处理？", "驻村工作队干部不担当怎么办？"),
    ("PURPOSE_WEIGHT", "驻村工作队座谈会开得很好，帮扶贫困村。", "驻村工作队座谈会的主要任务是，帮扶贫困村。",
     "驻村工作队座谈会召开的主要目的是什么？", "驻村工作队座谈会帮扶贫困村"),
    ("SAYING_WEIGHT", "驻村工作队帮扶贫困村，要真抓实干。", "“为政之要，莫先于得人。”驻村工作队帮扶贫困村。",
     "讲驻村工作队帮扶贫困村时引用了哪句古语？", "驻村工作队怎样帮扶贫困村？"),
    ("FREQUENCY_WEIGHT", "驻村工作队常去贫困村走访，帮扶到户。", "驻村工作队每周去贫困村走访，帮扶到户。",
     "驻村工作队多久去贫困村走访一次？", "驻村工作队去贫困村走访"),
    # (a place in a list: the item's opening, over a paragraph of the same list that is another item)
    ("LIST_ITEM_WEIGHT", "第一，驻村工作队要帮扶贫困村，帮扶到户。", "第三，驻村工作队要帮扶贫困村，帮扶到户。",
     "驻村工作队帮扶贫困村的第三点要求是什么？", "驻村工作队帮扶贫困村的要求是什么？"),
    ("LIST_ITEM_WEIGHT", "驻村工作队要帮扶贫困村。一是帮扶到户。", "驻村工作队要帮扶贫困村。二是帮扶到户。",
     "What is the second task of village work teams helping poor villages?", "What do village work teams do?"),
    ("SPEECH_WEIGHT", "驻村工作队要帮扶贫困村，帮扶到户。", "同志们：\n驻村工作队要帮扶贫困村，帮扶到户。",
     "讲驻村工作队帮扶贫困村的是哪篇讲话？", "驻村工作队怎样帮扶贫困村？"),
    ("SPEECH_WEIGHT", "驻村工作队要帮扶贫困村，帮扶到户。", "在驻村工作座谈会上的讲话\n驻村工作队要帮扶贫困村，帮扶到户。",
     "Which speech did we study on village work teams?", "What do village work teams do?")])
def test_a_question_prefers_the_passage_that_states_what_it_asks_for(
        tmp_path, bigram, monkeypatch, weight_name, plain_text, answering_text, question, other_question):
    """Two passages alike but for what is asked for (a number, a document's name in 《》, a bare
    term as written, a formula): the question puts the one stating it first, by exactly that cue's weight;
    other questions score them as before."""
    cues_module = importlib.import_module("rag.cues")
    weight = getattr(cues_module, weight_name)
    blind = _blind(bigram)      # every vector alike: only the keyword leg and the cue count
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A.replace("垃圾分类工作就是新时尚，垃圾分类要从娃娃抓起，推动习惯养成。", plain_text))
    write(seeds / "b.txt", RECORD_B.replace("乡村振兴要发展特色产业，让农民腰包鼓起来，日子好起来。", answering_text))
    update_index(seeds, index, encoder=blind, model=blind.name, progress=None)
    searcher = Searcher(index, encoder=blind)

    def scores(q):
        return {h.source: h.score for h in searcher.search(q, k=10) if "驻村工作队" in h.text}

    with_cue = scores(question)
    assert searcher.search(question, k=1)[0].source == "b.txt"
    plain = scores(other_question)
    monkeypatch.setattr(cues_module, weight_name, 0.0)
    assert scores(other_question) == plain
    unweighted = scores(question)
    assert with_cue["b.txt"] - unweighted["b.txt"] == pytest.approx(weight, abs=1e-6) and weight > 0
    assert with_cue["a.txt"] == pytest.approx(unweighted["a.txt"], abs=1e-6)


def test_a_question_naming_the_documents_subject_prefers_the_title_holding_it(tmp_path, bigram, monkeypatch):
    """Two passages citing a title each: the question naming what the document is about
    (`专门讲驻村工作队的那一份`) adds TITLE_WEIGHT once more to the one whose title holds it."""
    cues_module = importlib.import_module("rag.cues")
    blind = _blind(bigram)
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A.replace("垃圾分类工作就是新时尚，垃圾分类要从娃娃抓起，推动习惯养成。",
                                            "会议审议通过了《关于帮扶贫困村的意见》，驻村工作队。"))
    write(seeds / "b.txt", RECORD_B.replace("乡村振兴要发展特色产业，让农民腰包鼓起来，日子好起来。",
                                            "会议审议通过了《关于驻村工作队帮扶贫困村的意见》。"))
    update_index(seeds, index, encoder=blind, model=blind.name, progress=None)
    searcher = Searcher(index, encoder=blind)
    question = "会议通过的文件里，专门讲驻村工作队的那一份叫什么名字？"

    def lead_of_b():
        scores = {h.source: h.score for h in searcher.search(question, k=10) if "《" in h.text}
        return scores["b.txt"] - scores["a.txt"]

    weight, with_cue = cues_module.TITLE_WEIGHT, lead_of_b()
    assert searcher.search(question, k=1)[0].source == "b.txt" and weight > 0
    monkeypatch.setattr(cues_module, "TITLE_WEIGHT", 0.0)
    assert with_cue - lead_of_b() == pytest.approx(weight, abs=1e-6)


def _token_matching(bigram):
    """A dense leg that knows nothing (all vectors alike) but token vectors that match a made-up
    word, `zzfort`, with the character 垒: only the token match can find the passage."""
    blind = _blind(bigram)
    vocabulary: dict[str, int] = {}

    def one_hot(unit):
        v = np.zeros(1024, dtype=np.float32)
        v[vocabulary.setdefault(unit, len(vocabulary))] = 1.0
        return v

    def token_vectors(texts, query=False):
        blind.token_calls += 1
        units = [re.findall(r"[a-z]+", t.lower()) if query else list(t) for t in texts]
        return [np.stack([one_hot({"zzfort": "垒"}.get(u, u)) for u in us]) if us
                else np.zeros((0, 1024), np.float32) for us in units]

    blind.token_vectors, blind.token_calls = token_vectors, 0
    return blind


def test_a_question_in_another_language_is_matched_token_by_token(tmp_path, bigram, monkeypatch):
    """The best results of a question not in Chinese are scored again token by token: each
    question token's nearest passage token (cosine 1 for the passage holding 垒, 0 elsewhere here),
    averaged, times TOKEN_MATCH_WEIGHT. Chinese questions are not matched that way."""
    reorder = importlib.import_module("rag.reorder")
    encoder, weight = _token_matching(bigram), reorder.TOKEN_MATCH_WEIGHT
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    write(seeds / "b.txt", RECORD_B)
    update_index(seeds, index, encoder=encoder, model=encoder.name, progress=None)
    searcher = Searcher(index, encoder=encoder)

    hits = searcher.search("zzfort?", k=4)
    assert "战斗堡垒" in hits[0].text and encoder.token_calls == 2    # the question, then the passages
    monkeypatch.setattr(reorder, "TOKEN_MATCH_WEIGHT", 0.0)
    plain = {h.text: h.score for h in searcher.search("zzfort?", k=4)}
    assert encoder.token_calls == 2
    assert hits[0].score - plain[hits[0].text] == pytest.approx(weight * 1.0, abs=1e-6) and weight > 0
    assert all(h.score == pytest.approx(plain[h.text], abs=1e-6) for h in hits[1:])

    monkeypatch.setattr(reorder, "TOKEN_MATCH_WEIGHT", 1.0)
    monkeypatch.setattr(reorder, "SESSION_TOKEN_WEIGHT", 0.0)    # (next test)
    searcher.search("战斗堡垒", k=2)
    searcher.search("2021年6月的战斗堡垒", k=2)
    assert encoder.token_calls == 2      # Chinese questions, digits or not: not over the best 10


def test_a_chinese_question_orders_the_paragraphs_of_one_session_token_by_token(tmp_path, bigram,
                                                                               monkeypatch):
    """Among the best SESSION_TOKEN_DEPTH results of a Chinese question, the paragraphs of one
    session swap places by fused score + SESSION_TOKEN_WEIGHT x token match, each taking the score
    of the place it moves to; the other sessions' results keep their places and scores."""
    reorder = importlib.import_module("rag.reorder")
    encoder = _blind(bigram)             # all vectors alike: the keyword leg alone orders
    encoder.token_calls = 0

    def token_vectors(texts, query=False):
        # the question's one token matches only the paragraph on 绿水青山 (cosine 1, else 0)
        encoder.token_calls += 1
        return [np.ones((1, 4), np.float32) / 2 if query or "绿水" in t
                else np.array([[0, 0, 0, 1]], np.float32) for t in texts]

    encoder.token_vectors = token_vectors
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    write(seeds / "b.txt", RECORD_B)
    update_index(seeds, index, encoder=encoder, model=encoder.name, progress=None)
    searcher = Searcher(index, encoder=encoder)

    monkeypatch.setattr(reorder, "SESSION_TOKEN_WEIGHT", 0.0)
    plain = searcher.search("垃圾分类要从娃娃抓起", k=4)
    assert "娃娃" in plain[0].text and "绿水" in plain[1].text and encoder.token_calls == 0
    assert {plain[2].source, plain[3].source} == {"b.txt"}

    monkeypatch.setattr(reorder, "SESSION_TOKEN_WEIGHT", 100.0)
    hits = searcher.search("垃圾分类要从娃娃抓起", k=4)
    assert encoder.token_calls == 2                  # the question, then the session's paragraphs
    assert "绿水" in hits[0].text and "娃娃" in hits[1].text
    assert [h.score for h in hits] == [h.score for h in plain]   # the places keep their scores
    assert [h.text for h in hits[2:]] == [h.text for h in plain[2:]]

    monkeypatch.setattr(reorder, "SESSION_TOKEN_DEPTH", 1)    # one result: nothing to order
    assert "娃娃" in searcher.search("垃圾分类要从娃娃抓起", k=4)[0].text and encoder.token_calls == 2


def test_the_token_match_within_a_session_reads_the_best_sentence_and_its_neighbours():
    """SESSION_TOKEN_WINDOW: the best sentence (highest cosine) and one on either side, as
    written; at a passage's edge the window is cut short; a text indexed whole stays whole."""
    from rag.reorder import around_best_sentence
    text = "第一句讲总体要求。第二句讲重点任务。第三句讲保障措施！第四句讲组织领导。\n第五句讲工作纪律。"
    assert around_best_sentence(text, np.array([0.1, 0.2, 0.9, 0.3, 0.1]), 1) == \
        "第二句讲重点任务。第三句讲保障措施！第四句讲组织领导。"
    assert around_best_sentence(text, np.array([0.9, 0.2, 0.1, 0.3, 0.1]), 1) == "第一句讲总体要求。第二句讲重点任务。"
    assert around_best_sentence(text, np.array([0.1, 0.2, 0.1, 0.3, 0.9]), 0) == "第五句讲工作纪律。"
    assert around_best_sentence(text, np.array([0.5]), 1) == text


def test_the_share_of_a_question_in_another_language():
    assert zh.foreign_share("How many counties?") == 1.0
    assert zh.foreign_share("2020年3月4日那次学习讲了什么？") == 0.0      # digits are no language
    assert zh.foreign_share("GDP增长了多少？") == pytest.approx(3 / 8)
    assert 0.4 < zh.foreign_share("農産物の販売はどうする？") < 0.6           # kana are not Chinese
    assert zh.foreign_share("？") == 0.0 and zh.foreign_share("") == 0.0


def test_keyword_score_is_shared_with_the_session():
    """OWN_COVERAGE_SHARE of a candidate's own keyword score, the rest its session's best."""
    from rag.search import OWN_COVERAGE_SHARE as own_share
    own = np.array([0.30, 0.10, 0.20, 0.0])
    shared = importlib.import_module("rag.search")._shared_with_session(own, np.array([5, 5, 7, 5]))
    expected = [0.30, own_share * 0.10 + (1 - own_share) * 0.30, 0.20, (1 - own_share) * 0.30]
    assert shared == pytest.approx(expected) and 0 < own_share < 1


def test_a_paragraph_of_the_record_that_holds_the_words_gains_on_other_records(tmp_path, bigram, monkeypatch):
    """Keyword leg only (all vectors alike): the record whose paragraph holds every word of the
    question lends its other paragraph (1 - OWN_COVERAGE_SHARE) of the difference, which lifts
    it above another record's paragraph holding a few of the words; the best paragraph and the
    other record's keep their scores."""
    search_module = importlib.import_module("rag.search")
    share = search_module.OWN_COVERAGE_SHARE
    monkeypatch.setattr(importlib.import_module("rag.cues"), "VERBATIM_WEIGHT", 0.0)   # a bare term
    blind = _blind(bigram)
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    write(seeds / "b.txt", RECORD_B.replace("乡村振兴要发展特色产业，让农民腰包鼓起来，日子好起来。",
                                            "垃圾分类从社区做起，人人参与。"))
    update_index(seeds, index, encoder=blind, model=blind.name, progress=None)
    searcher = Searcher(index, encoder=blind)

    def ranked():
        return [((h.source, h.paragraph), h.score) for h in searcher.search("垃圾分类要从娃娃抓起", k=10)]

    shared = ranked()
    monkeypatch.setattr(search_module, "OWN_COVERAGE_SHARE", 1.0)
    own = ranked()
    best, other, elsewhere = ("a.txt", 0), ("a.txt", 1), ("b.txt", 0)
    assert [key for key, _ in own][:3] == [best, elsewhere, other]
    assert [key for key, _ in shared][:3] == [best, other, elsewhere]
    own, shared = dict(own), dict(shared)
    assert shared[best] == pytest.approx(own[best], abs=1e-6)
    assert shared[elsewhere] == pytest.approx(own[elsewhere], abs=1e-6)
    assert shared[other] - own[other] == pytest.approx((1 - share) * (own[best] - own[other]), abs=1e-6)


def test_filters_that_let_nothing_through_say_why_and_what_the_records_hold(tmp_path, bigram):
    """No result is never left unexplained: a date no session falls within gives the records' span
    and the nearest session; a place or file no record has lists the ones they have; filters that
    each pass alone but not together say so."""
    searcher = searcher_of_records_a_and_b(tmp_path, bigram)
    hits, understood = searcher.ask("2019年我们学习了什么？", k=3)
    assert hits == [] and understood.sessions
    assert "2021年5月6日 – 2021年6月7日" in understood.nothing_passes
    assert "之后 after: 2021年5月6日" in understood.nothing_passes
    assert understood.nothing_passes in understood.describe()
    hits, understood = searcher.ask("垃圾分类", k=3, date_from="2022-01-01")
    assert hits == [] and "之前 before: 2021年6月7日" in understood.nothing_passes
    hits, understood = searcher.ask("垃圾分类", k=3, place="党员活动室")
    assert hits == [] and "党员活动室" in understood.nothing_passes
    assert "三楼会议室、村委会" in understood.nothing_passes
    hits, understood = searcher.ask("垃圾分类", k=3, source="c.txt")
    assert hits == [] and "a.txt、b.txt" in understood.nothing_passes
    hits, understood = searcher.ask("垃圾分类", k=3, place="村委会", date_to="2021-05-31")
    assert hits == [] and "together" in understood.nothing_passes
    hits, understood = searcher.ask("垃圾分类", k=3, place="村委会")
    assert hits and understood.nothing_passes == ""


def test_an_empty_index_says_how_to_fill_it(tmp_path, bigram):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    seeds.mkdir()
    update_index(seeds, index, encoder=bigram, model=bigram.name, progress=None)
    hits, understood = Searcher(index, encoder=bigram).ask("垃圾分类", k=3)
    assert hits == [] and "studyqa index" in understood.nothing_passes


def test_a_date_and_nothing_else(tmp_path, bigram):
    """`6月7日` (`June 7, 2021`, `7 juin 2021`…): that day's sessions; a date no session falls on (`2月23日`, a meeting's date in a
    text) is searched for in the text, and the page says no session falls on it."""
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    write(seeds / "b.txt", RECORD_B.replace("要加强农村基层党组织建设", "2月23日召开的会议要求加强农村基层党组织建设"))
    update_index(seeds, index, encoder=bigram, model=bigram.name, progress=None)
    searcher = Searcher(index, encoder=bigram)
    for question in ("6月7日", "2021年6月7日？", "June 7, 2021", "7 juin 2021", "am 7. Juni", "7 июня 2021 года"):
        hits, understood = searcher.ask(question, k=5)
        assert understood.sessions and [h.date for h in hits] == ["2021-06-07"], question
        assert hits[0].text.startswith("时间：2021年6月7日")
    hits, understood = searcher.ask("2月23日", k=5)
    assert not understood.sessions and understood.unmatched_date == {"month_day": (2, 23)}
    assert hits and "2月23日召开的会议" in hits[0].text and "没有对应的学习记录" in understood.describe()


def _searcher_to_rerank(tmp_path, bigram):
    """Records A and B, with a query adapter that leaves the question as it is and token vectors
    that match every text alike (the reranker reads both)."""
    bigram.query_adapter = np.zeros((bigram.dim, bigram.dim), np.float32)     # adapt_query(q) = q
    bigram.token_vectors = lambda texts, query=False: [np.ones((1, 4), np.float32) / 2 for _ in texts]
    return searcher_of_records_a_and_b(tmp_path, bigram)


def _reranked_by_length(searcher, question: str, weight: float, features: tuple):
    """`question`'s hits with a reranker of only a length weight: the Chinese one (FEATURES) or the
    one of other languages (FOREIGN_FEATURES)."""
    from rag.rerank import FOREIGN_FEATURES, Reranker
    n = len(features)
    weights = np.zeros(n)
    weights[features.index("log_length")] = weight
    reranker = Reranker(searcher.encoder.name, 10, np.zeros(n), np.ones(n), weights, {}, features)
    if features == FOREIGN_FEATURES:
        searcher.foreign_reranker = reranker
    else:
        searcher.reranker = reranker
    searcher.last_rerank = None
    return searcher.search(question, k=10)


@pytest.mark.parametrize("question, foreign", [("垃圾分类要从娃娃抓起", False),
                                               ("green mountains and clear water", True)])
def test_a_questions_best_results_are_reranked_by_its_languages_reranker(tmp_path, bigram, question, foreign):
    """With a reranker for the index's model (rag/rerank.py), a question's best `depth` results are
    put in order by their score plus its adjustment, and keep those scores; with its weights at zero
    the order is the fused one (for a question in another language: after its token match). A
    Chinese question reads `reranker` (FEATURES), one in another language `foreign_reranker`
    (FOREIGN_FEATURES: the passage cosines too); neither reads the other's, and models a file was
    not fitted with are left as they are."""
    from rag.rerank import FEATURES, FOREIGN_FEATURES
    from rag.reorder import DEFAULT_RERANKER
    searcher = _searcher_to_rerank(tmp_path, bigram)
    features, other_question = ((FOREIGN_FEATURES, "垃圾分类要从娃娃抓起") if foreign
                                else (FEATURES, "green mountains and clear water"))

    searcher.reranker = searcher.foreign_reranker = None
    plain = searcher.search(question, k=10)
    assert len(plain) >= 3 and searcher.last_rerank is None
    unchanged = _reranked_by_length(searcher, question, 0.0, features)
    assert [(h.text, h.score) for h in unchanged] == [(h.text, h.score) for h in plain]
    assert searcher.last_rerank["features"].shape == (len(plain), len(features))
    assert searcher.last_rerank["pids"] == [h.id for h in plain]

    longest_first = _reranked_by_length(searcher, question, 100.0, features)
    assert [len(h.text) for h in longest_first] == sorted((len(h.text) for h in plain), reverse=True)
    by_text = {h.text: h.score for h in plain}
    assert all(h.score == pytest.approx(by_text[h.text] + 100 * np.log(len(h.text))) for h in longest_first)
    shortest_first = _reranked_by_length(searcher, question, -100.0, features)
    assert [len(h.text) for h in shortest_first] == sorted(len(h.text) for h in plain)

    searcher.last_rerank = None
    searcher.search(other_question, k=4)          # the other language's reranker is None
    assert searcher.last_rerank is None
    # the shipped files are for the default model, not this one
    searcher.reranker = searcher.foreign_reranker = DEFAULT_RERANKER
    assert [h.text for h in searcher.search(question, k=10)] == [h.text for h in plain]
    assert searcher.last_rerank is None


def test_the_sentence_holding_a_counted_term_is_highlighted():
    from rag.highlight import with_term
    text = "要紧紧扭住两个关键。\n织密织牢社区防控网，实行严格的网格化管理。坚持关口前移。"
    first = (0, 10)
    spans = with_term(text, [first], "网格化管理")
    assert spans == [first, (11, text.index("坚持"))] and text[slice(*spans[1])].endswith("网格化管理。")
    # already shown, or not in the text: as they were
    assert with_term(text, spans, "网格化管理") == spans and with_term(text, [first], "生物安全") == [first]


@pytest.mark.parametrize("question", ["网格化管理分别是什么时候学的？", "网格化管理都是什么时候学的", "哪几次学习提到了网格化管理？",
                                      "网格化管理方面的内容学过几次", "网格化管理这个内容学过几次？", "网格化管理相关内容学了几次",
                                      "网格化管理学过没有？", "有没有学过网格化管理？", "我们学过网格化管理吗"])
def test_the_term_counted_without_the_question_s_words_around_it(question):
    """`分别`, `都`, `相关`, `方面`, `这个`, `提到了` glued to the term made the page say no session held it."""
    assert zh.studied_term(question) == "网格化管理" and zh.asks_when_studied(question)


def test_a_term_is_counted_in_its_other_form_and_across_quotation_marks(tmp_path, bigram):
    from rag.sessions import sessions_holding
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A.replace("垃圾分类工作", "中央全面深化改革委员会会议强调垃圾分类工作"))
    write(seeds / "b.txt", RECORD_A.replace("2021年5月6日", "2022年9月1日").replace("垃圾分类工作", "深改委会议强调“十四五”规划"))
    update_index(seeds, index, encoder=bigram, model=bigram.name, progress=None)
    loaded = PassageIndex.load(index)
    assert sessions_holding(loaded, "深改委", {}) == ["2022-09-01"]
    assert sessions_holding(loaded, "深改委", {}, ("中央全面深化改革委员会",)) == ["2021-05-06", "2022-09-01"]
    assert sessions_holding(loaded, "十四五规划", {}) == ["2022-09-01"]
    _, understood = Searcher(index, encoder=bigram).ask("深改委学过几次？", k=3)
    assert understood.term_dates == ["2021-05-06", "2022-09-01"]
    assert "原文含“深改委”或“中央全面深化改革委员会”的学习" in understood.describe()


@pytest.mark.parametrize("question", ["上次学习地点是哪里", "上次学习形式是什么", "最近一次学习地点在哪", "第一次学习用的什么形式"])
def test_an_order_word_right_before_a_header_word(question):
    assert zh.split_session_order(question)[0] in (-1, 1)


def test_using_what_form_names_no_content():
    assert zh.asks_for_sessions("是用什么形式？") and not zh.asks_for_sessions("用什么方法防控疫情")


def test_a_longer_term_or_one_with_a_particle_is_counted_when_the_records_hold_it_so():
    held = {"全面从严治党", "习近平新时代中国特色社会主义思想"}.__contains__
    assert zh.studied_term("全面从严治党学过几次？", held=held) == "全面从严治党"
    assert zh.studied_term("习近平新时代中国特色社会主义思想学过几次", held=held) == "习近平新时代中国特色社会主义思想"
    assert zh.studied_term("全面从严治党学过几次？") is None                  # no records to ask: as before
    assert zh.studied_term("野生动物保护法的修改学过几次", held=held) is None    # a phrase they word otherwise
    assert zh.studied_term("“十四五”规划学过几次") == "十四五规划"


def test_who_chaired_or_attended_how_often_is_counted_from_the_headers(tmp_path, bigram):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A.replace("\t方式：集中学习\n", "\t方式：集中学习\n\t主持人：王建国\n\t参加人员：李明、张华\n"))
    write(seeds / "b.txt", RECORD_B.replace("学习主题：", "主持人：王建国\n学习主题："))
    update_index(seeds, index, encoder=bigram, model=bigram.name, progress=None)
    searcher = Searcher(index, encoder=bigram)
    assert searcher.ask("王建国主持过几次学习？", k=3)[1].term_dates == ["2021-05-06", "2021-06-07"]
    assert searcher.ask("李明参加过几次学习", k=3)[1].term_dates == ["2021-05-06"]


def test_a_count_question_in_two_clauses_keeps_its_term():
    assert zh.studied_term("网格化管理学过几次？分别是哪天？") == "网格化管理"
    assert zh.studied_term("网格化管理学过几次?都是什么时候") == "网格化管理"
    assert zh.studied_term("网格化管理学过几次？粮食安全呢？") is None        # two terms: none counted


READING_CLASS = ("集中学习记录\n时间：2021年5月8日—9日\n地点：党员活动室\n方式：读书班\n学习主题：党史专题读书班\n学习内容：\n"
                 "第一天上午，全体党员集中学习《中国共产党简史》第一章，交流了建党初心。\n"
                 "第二天下午，围绕学党史、悟思想、办实事、开新局进行分组讨论。\n\n"
                 "集中学习记录\n时间：5月20日\n地点：党员活动室\n方式：集中学习\n学习主题：乡村振兴\n学习内容：\n"
                 "全面推进乡村振兴，加快农业农村现代化。\n")


def test_a_session_held_over_two_days_is_found_on_either_day(tmp_path, bigram):
    # a 读书班 over a weekend: dated on its first day, a filter or a question naming its second day
    # found nothing (and the question's date was searched as text)
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", READING_CLASS)
    update_index(seeds, index, encoder=bigram, model=bigram.name, progress=None)
    searcher = Searcher(index, encoder=bigram)
    hits = searcher.search("分组讨论", k=10, date_from="2021-05-09", date_to="2021-05-09")
    assert {(h.date, h.date_end) for h in hits} == {("2021-05-08", "2021-05-09")}
    assert hits[0].citation == "（2021年5月8日—9日读书班《党史专题读书班》）"
    hits, understood = searcher.ask("5月9日那次学习讲了什么", k=10)
    assert understood.unmatched_date is None and {h.date for h in hits} == {"2021-05-08"}
    assert {h.date for h in searcher.search("要", k=10, date_from="2021-05-10")} == {"2021-05-20"}
    # a one-day session has no last day; the sessions list writes the days
    assert {(h.date, h.date_end) for h in searcher.search("乡村振兴", k=1)} == {("2021-05-20", None)}
    assert [(r.date, r.date_end) for r in searcher.sessions()] == [("2021-05-08", "2021-05-09"), ("2021-05-20", None)]


def test_an_everyday_word_in_the_question_finds_the_records_written_word(tmp_path, bigram, monkeypatch):
    """`卖不出去` asked, `滞销` written: with zh.spoken_forms the paragraph saying 滞销 comes first,
    and the page says how the word was read; switched off, the other paragraph wins."""
    monkeypatch.setattr(zh, "_spoken_table", {"卖不出去": ("滞销",)})
    sold = RECORD_A.replace("垃圾分类工作就是新时尚，垃圾分类要从娃娃抓起，推动习惯养成。", "要切实解决农产品滞销问题，稳定生产。")
    other = RECORD_B.replace("乡村振兴要发展特色产业，让农民腰包鼓起来，日子好起来。", "农产品出去卖要看市场，不能盲目生产。")
    searcher = searcher_of(tmp_path, bigram, {"a.txt": sold, "b.txt": other})
    [hit], understood = searcher.ask("农产品卖不出去怎么办？", k=1)
    assert "滞销" in hit.text
    assert understood.spoken_forms == [("卖不出去", ("滞销",))]
    assert "卖不出去 = 滞销" in understood.describe()
    monkeypatch.setattr(importlib.import_module("rag.search"), "SPOKEN_FORMS", False)
    [hit], understood = searcher.ask("农产品卖不出去怎么办？", k=1)
    assert "滞销" not in hit.text and understood.spoken_forms == []
