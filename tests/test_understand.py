"""What a question asks before any passage is scored (rag/understand.py) and the filters it makes
(rag/filters.py): pure functions of the question and the records' dates and places."""
import pytest

from rag.filters import date_passes, describe_date, iso_or_none
from rag.understand import read_filters

DATES = ("2020-03-04", "2020-03-11")
PLACES = ("QQ线上", "线上学习")


def _read(question, date_from=None, date_to=None, place=None, source=None, dates_from_question=True):
    return read_filters(question, date_from, date_to, place, source, dates_from_question, DATES, PLACES)


def test_a_session_date_in_the_question_becomes_a_filter_and_leaves_the_content():
    understood = _read("3月4日那次学习讲了什么")
    assert understood.filters == {"month_day": (3, 4)} and understood.content == "讲了什么"
    assert understood.from_question == {"month_day": (3, 4)} and understood.unmatched_date is None
    assert _read("三月四号那次学习讲了什么").filters == {"month_day": (3, 4)}     # Chinese numerals
    assert _read("三月四日").filters == {"month_day": (3, 4)}                      # a date alone
    understood = _read("What did we study on March 11, 2020?")
    assert understood.filters == {"date_from": "2020-03-11", "date_to": "2020-03-11"}
    assert understood.content == "What did we study?"


def test_a_date_no_session_falls_on_is_not_applied_and_is_said():
    # a meeting's date, not a session's: the text is searched for it
    understood = _read("2月23日")
    assert understood.filters == {} and understood.unmatched_date == {"month_day": (2, 23)}
    assert "没有对应的学习记录" in understood.describe()
    # a year that dates the event the question asks about
    understood = _read("2019年那次脱贫攻坚座谈会在哪开的？")
    assert understood.filters == {} and understood.content == "2019年那次脱贫攻坚座谈会在哪开的？"


def test_a_place_in_the_question_becomes_a_filter():
    understood = _read("在QQ上学的那次是几月几号？")
    assert understood.filters == {"place": "QQ"} and understood.content == "是几月几号？"
    assert understood.place_from_question == "QQ"
    assert "地点 place: QQ（从问题中识别" in understood.describe()
    understood = _read("我们在QQ群里学的那次，讲话是谁作的？")
    assert understood.filters == {"place": "QQ"}


def test_given_filters_win_and_nothing_is_read_when_asked_not_to():
    understood = _read("3月4日那次学习讲了什么", date_from="2020年3月1日", place=" 线上 ")
    assert understood.filters == {"date_from": "2020-03-01", "place": "线上"}
    assert understood.content == "3月4日那次学习讲了什么"
    understood = _read("在QQ上学的那次讲了什么", dates_from_question=False)
    assert understood.filters == {} and understood.content == "在QQ上学的那次讲了什么"


def test_dates_that_are_none_or_a_range_that_holds_none_are_errors_in_words():
    with pytest.raises(ValueError, match="is not a date; write it like 2020-03-04"):
        _read("疫情防控", date_from="昨天")
    with pytest.raises(ValueError, match="swap the two dates"):
        _read("疫情防控", date_from="2020-03-11", date_to="2020-03-04")
    assert iso_or_none(" ", "the start date") is None
    assert iso_or_none("2020年3月4日", "the start date") == "2020-03-04"


def test_date_filters():
    assert date_passes("2020-03-04") and not date_passes(None, date_from="2020-01-01")
    assert date_passes("2020-03-04", "2020-03-01", "2020-03-31")
    assert not date_passes("2020-04-01", "2020-03-01", "2020-03-31")
    assert date_passes("2023-03-04", month_day=(3, 4)) and not date_passes("2023-03-05", month_day=(3, 4))
    assert date_passes("2021-06-15", month_day=(6, 11, 20)) and not date_passes("2021-06-21", month_day=(6, 11, 20))
    assert describe_date({"month_day": (6, 11, 20)}) == "每年 every year 6月11日–20日"
    assert describe_date({"date_from": "2020-03-01"}) == "2020-03-01 – …"
