"""Korean questions: Sino-Korean syllables read back into the bigrams of the collection."""
import importlib

import pytest

from conftest import searcher_of_records_a_and_b
from rag import korean
from rag.crosslingual import Unit
from rag.lexical import BM25


def test_readings_come_from_unihan_with_simplified_characters_and_initial_sound_forms():
    table = korean.chars_by_reading()
    assert "防" in table["방"] and "疫" in table["역"]
    assert "医" in table["의"] and "疗" in table["료"]      # simplified: the readings of 醫, 療
    assert "疗" in table["요"] and "劳" in table["노"]      # 요금, 노동: at the start of a word
    assert "极" in table["극"]                                # 極, not only 极's own reading
    assert korean.reading_variants("리") == {"리", "이"}
    assert korean.reading_variants("로") == {"로", "노"}
    assert korean.reading_variants("녀") == {"녀", "여"}
    assert korean.reading_variants("방") == {"방"}


def test_syllable_pairs_stay_within_words():
    assert korean.syllable_pairs("방역 체계는? 방역") == ["방역", "체계", "계는"]
    assert korean.syllable_pairs("COVID-19 가") == []
    assert korean.has_hangul("코로나19") and not korean.has_hangul("新冠肺炎 covid")


def test_units_keep_the_bigrams_the_collection_holds():
    bm25 = BM25(["要健全防疫体系，做好防疫工作。", "传染病防治法要修改。"])
    units = korean.units("방역 체계는 어떻게 되나요? 감염병", bm25.present_bigrams)
    assert units == [Unit("방역", ["防疫"]), Unit("체계", ["体系"]), Unit("염병", ["染病"])]
    assert bm25.present_bigrams(["防疫", "疫苗", "无此"]) == ["防疫"]
    assert BM25([]).present_bigrams(["防疫"]) == []
    coverage, found = bm25.unit_coverage(units)
    assert coverage[0] > coverage[1] > 0 and found == [["防疫"], ["体系"], ["染病"]]


@pytest.fixture
def searcher_ab(tmp_path, bigram):
    return searcher_of_records_a_and_b(tmp_path, bigram)


def test_a_korean_question_reaches_the_chinese_passage(searcher_ab, monkeypatch):
    """The bigram stand-in model shares nothing between Korean and Chinese text: only the
    syllables read as bigrams can bring the right passage to the top."""
    question = "농촌 기층 당조직 건설은 어떻게 강화해야 하나요?"      # 农村 基层 党组织 建设 加强
    [hit], understood = searcher_ab.ask(question, k=1)
    assert hit.text.startswith("要加强农村基层党组织建设")
    assert "韩文词 Korean words: 농촌 → 农村" in understood.describe()
    monkeypatch.setattr(importlib.import_module("rag.search").korean, "units", lambda question, present: [])
    assert searcher_ab.search(question, k=1)[0].score < hit.score


def test_without_the_readings_file_korean_is_left_to_the_model(tmp_path, monkeypatch):
    monkeypatch.setattr(korean, "READINGS_FILE", tmp_path / "missing.json")
    monkeypatch.setattr(korean, "_table", None)
    assert korean.units("방역 체계", BM25(["防疫体系"]).present_bigrams) == []


@pytest.mark.parametrize("question, expected", [
    ("2020년 3월 4일 학습에서 무엇을 배웠나요?", ("2020年3月4日", "학습에서 무엇을 배웠나요?")),
    ("3월 11일 학습의 주제는 무엇인가요?", ("3月11日", "학습의 주제는 무엇인가요?")),
    ("2020년 3월에 무엇을 공부했나요?", ("2020年3月", "무엇을 공부했나요?")),
    ("코로나19는 3월에 어떻게 되었나요?", (None, "코로나19는 3월에 어떻게 되었나요?")),     # no study word
    ("3월에 무엇을 배웠나요?", (None, "3월에 무엇을 배웠나요?")),      # a month needs its year
    ("2020년 3월 초에는 무엇을 학습했나요?", ("2020年3月上旬", "무엇을 학습했나요?")),
    ("3월 중순 학습의 주제는 무엇이었나요?", ("3月中旬", "학습의 주제는 무엇이었나요?")),
    ("2월 30일 학습에서 무엇을 배웠나요?", (None, "2월 30일 학습에서 무엇을 배웠나요?")),    # no such day
    ("2월 30일이나 2020년 3월 4일 학습에서 무엇을 배웠나요?",                          # the next date
     ("2020年3月4日", "2월 30일이나 학습에서 무엇을 배웠나요?")),
    ("13월 4일 학습에서 무엇을 배웠나요?", (None, "13월 4일 학습에서 무엇을 배웠나요?")),
])
def test_a_session_date_in_a_korean_question(question, expected):
    assert korean.split_session_date_korean(question) == expected


def test_korean_questions_about_the_session_get_its_header(searcher_ab):
    hits, understood = searcher_ab.ask("2021년 6월 7일 학습의 주제는 무엇인가요?", k=3)
    assert understood.filters == {"date_from": "2021-06-07", "date_to": "2021-06-07"}
    assert hits and all(h.date == "2021-06-07" and h.text.startswith("时间：2021年6月7日") for h in hits)
    hits, understood = searcher_ab.ask("농촌 기층 당조직 건설은 언제 학습했나요?", k=1)
    assert understood.studied_on == ["2021-06-07"] and hits[0].text.startswith("时间：2021年6月7日")
    assert korean.asks_about_session_korean("어디에서 학습했나요?")
    assert not korean.asks_about_session_korean("방역 체계의 주요 원칙은?")       # no study word


@pytest.mark.parametrize("content, asks", [
    ("학습의 주제는 무엇이었나요?", True),
    ("학습한 연설은 어느 것인가요?", True),
    ("학습 장소는 어디였나요?", True),
    ("학습에서 양로보험에 대해 무엇을 배웠나요?", False),      # names something: 养老保险
    ("", False),
])
def test_a_korean_question_that_names_no_content_asks_for_the_sessions(content, asks):
    assert korean.asks_for_sessions_korean(content) == asks


def test_a_dated_korean_question_naming_nothing_else_gets_the_sessions(searcher_ab):
    hits, understood = searcher_ab.ask("2021년 6월 7일 학습의 주제는 무엇이었나요?", k=5)
    assert understood.sessions and [h.date for h in hits] == ["2021-06-07"]


def test_a_korean_year_alone_said_as_when_is_that_year_s_sessions():
    from rag.korean import split_session_date_korean
    assert split_session_date_korean("2024년에 무엇을 학습했나요?") == ("2024年", "무엇을 학습했나요?")
    assert split_session_date_korean("2024년 학습에서 무엇을 배웠나요?") == ("2024年", "학습에서 무엇을 배웠나요?")
    assert split_session_date_korean("2020년 빈곤 인구는 얼마나 줄었다고 학습했나요?")[0] is None   # the text's year


def test_a_korean_loanword_reaches_the_chinese_the_records_write():
    """`백신` (vaccine) is no Sino-Korean reading of 疫苗: the syllables alone reached nothing."""
    from rag.korean import units
    held = units("백신 연구개발은?", lambda bigrams: [b for b in bigrams if b in {"疫苗", "开发"}])
    assert ("백신", ["疫苗"]) in [(u.english, u.chinese) for u in held]
