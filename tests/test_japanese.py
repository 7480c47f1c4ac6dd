"""Japanese questions about the sessions (rag/japanese.py)."""
import pytest

from conftest import searcher_of_records_a_and_b
from rag.crosslingual import lexicon
from rag.japanese import (asks_about_session_japanese, asks_for_sessions_japanese, asks_when_studied_japanese,
                          split_session_date_japanese)


def _simplified(question: str) -> str:
    return lexicon().simplify(question)     # as the search reads it: 学習 -> 学习


@pytest.mark.parametrize("question, expected", [
    ("3月11日にはどの講話を学習しましたか？", ("3月11日", "どの讲话を学习しましたか？")),
    ("2020年3月上旬には何を学習しましたか？", ("2020年3月上旬", "何を学习しましたか？")),
    ("2020年3月4日の学習はどこで行われましたか？", ("2020年3月4日", "学习はどこで行われましたか？")),
    ("3月1日までに派遣された医療チームは何チームですか？", (None, "3月1日までに派遣された医疗チームは何チームですか？")),
    ("3月11日那次学习的主题是什么？", (None, "3月11日那次学习的主题是什么？")),     # Chinese: zh reads it
])
def test_a_session_date_in_a_japanese_question(question, expected):
    assert split_session_date_japanese(_simplified(question)) == expected


@pytest.mark.parametrize("question, when, about, sessions", [
    ("生物安全はいつ学習しましたか？", True, True, False),
    ("講話を学習したのは何日でしたか？", True, True, False),
    ("の学習会はどこで行われましたか？", False, True, False),
    ("の集団学習のテーマは何でしたか？", False, True, True),
    ("には何を学習しましたか？", False, False, True),
    ("の学習会ではどんな資料を学びましたか？", False, False, True),
    ("の学習で貧困対策について何を学びましたか？", False, False, False),
    ("感染症はいつ流行しましたか？", False, False, False),          # no study word
    ("我们什么时候学习过生物安全？", False, False, False),           # Chinese: no kana
])
def test_what_a_japanese_question_asks_about_the_sessions(question, when, about, sessions):
    question = _simplified(question)
    assert asks_when_studied_japanese(question) is when
    assert asks_about_session_japanese(question) is about
    assert asks_for_sessions_japanese(question) is sessions


def test_japanese_questions_about_the_sessions_end_to_end(tmp_path, bigram):
    searcher = searcher_of_records_a_and_b(tmp_path, bigram)
    hits, understood = searcher.ask("2021年6月7日には何を学習しましたか？", k=5)
    assert understood.sessions and [h.date for h in hits] == ["2021-06-07"]
    hits, understood = searcher.ask("5月6日の学習会はどこで行われましたか？", k=1)
    assert understood.filters == {"month_day": (5, 6)}
    assert hits[0].text.startswith("时间：2021年5月6日") and "三楼会议室" in hits[0].text


def test_a_japanese_question_s_dates_are_read_as_typed_and_its_words_in_simplified_characters(tmp_path, bigram):
    """The question was put in simplified characters before its dates were read: `先週` became 先周
    and `学習` 学习, and the Japanese reader found no date in it."""
    from conftest import searcher_of_records_a_and_b
    searcher = searcher_of_records_a_and_b(tmp_path, bigram)
    _, understood = searcher.ask("先週の学習で何を学びましたか？", k=1)
    assert "上周 last week" in understood.describe()
    _, understood = searcher.ask("2021年以降、幹部について何を学習しましたか？", k=1)
    assert understood.filters.get("date_from") == "2021-01-01" and "干部" in understood.content
    assert not understood.simplified
    # old forms the Japanese reader does not know (學): read in simplified characters after all
    _, understood = searcher.ask("2021年5月6日に學んだこと", k=1)
    assert understood.filters.get("date_from") == "2021-05-06"
