"""What a question asks before any passage is scored (rag/understand.py) and the filters it makes
(rag/filters.py): pure functions of the question and the records' dates and places."""
import pytest

import re
from datetime import date

from rag.filters import date_passes, describe_date, iso_or_none
from rag import zh
from rag.understand import read_filters

DATES = ("2020-03-04", "2020-03-11")
PLACES = ("QQ线上", "线上学习")


DATE_PLACES = (("2020-03-04", "QQ线上"), ("2020-03-11", "线上学习"))


def _read(question, date_from=None, date_to=None, place=None, source=None, dates_from_question=True,
          today=None):
    return read_filters(question, date_from, date_to, place, source, dates_from_question, DATES, PLACES, today,
                        DATE_PLACES)


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


@pytest.mark.parametrize("question, written, why", [
    ("2020年2月30日学了什么？", "2020年2月30日", "2020年2月只有29天"),
    ("2021年2月29日那次学习讲了什么", "2021年2月29日", "2021年2月只有28天"),
    ("二〇二〇年十三月学了什么", "2020年13月", "一年只有12个月"),
    ("3月32日那次学习讲了什么", "3月32日", "3月最多31天"),
    ("2020-04-31的学习", "2020年4月31日", "2020年4月只有30天"),
    ("32号那次学习", "32日", "一个月最多31天"),
    ("What did we study on February 30, 2020?", "2020年2月30日", "2020年2月只有29天"),
    ("Qu'avons-nous étudié le 30 février 2020 ?", "2020年2月30日", "2020年2月只有29天"),
    ("2020년 2월 30일 학습에서 무엇을 배웠나요?", "2020年2月30日", "2020年2月只有29天"),
    ("2020年2月30日の学習は何でしたか？", "2020年2月30日", "2020年2月只有29天"),
])
def test_a_date_no_calendar_has_is_said_and_the_whole_question_searched(question, written, why):
    understood = _read(question)
    assert understood.not_a_date == written and understood.filters == {} and understood.content == question
    assert f"“{written}”不是有效日期（{why}）" in understood.describe()
    assert "is not a date" in understood.describe()


def test_real_dates_and_leap_days_are_no_error():
    for question in ("2020年2月29日学了什么", "2月29日那次学习", "3月4日那次学习讲了什么", "1月7日开了什么会？",
                     "What did we study on February 30 or March 4, 2020?"):
        assert _read(question).not_a_date == "", question
    # the first date of a list that is none is passed over for the next one, as before
    assert _read("What did we study on February 30 or March 4, 2020?").filters == {
        "date_from": "2020-03-04", "date_to": "2020-03-04"}
    assert _read("2020年2月30日学了什么？", dates_from_question=False).not_a_date == ""


def test_a_place_in_the_question_becomes_a_filter():
    understood = _read("在QQ上学的那次是几月几号？")
    assert understood.filters == {"place": "QQ"} and understood.content == "是几月几号？"
    assert understood.place_from_question == "QQ"
    assert "地点 place: QQ（从问题中识别" in understood.describe()
    understood = _read("我们在QQ群里学的那次，讲话是谁作的？")
    assert understood.filters == {"place": "QQ"}
    # (the group, then online, between the platform and the session words: blind37)
    understood = _read("在QQ群里线上搞的那次集中学习，是几月几号？")
    assert understood.filters == {"place": "QQ"} and understood.content == "是几月几号？"


@pytest.mark.parametrize("question, on, content", [
    ("上次学习讲了什么？", "2020-03-11", "讲了什么？"),
    ("最近一次学习的主题是什么？", "2020-03-11", "主题是什么？"),
    ("最后那次学习的时间", "2020-03-11", "时间"),
    ("上次学习中关于科技攻关讲了什么", "2020-03-11", "关于科技攻关讲了什么"),
    ("第一次学习学了什么", "2020-03-04", "学了什么"),
    ("第二次集中学习的地点", "2020-03-11", "地点"),
    ("倒数第二次学习讲了什么", "2020-03-04", "讲了什么"),
    ("上上次学习讲了什么", "2020-03-04", "讲了什么"),
    ("2020年3月最后一次学习讲了什么", "2020-03-11", "讲了什么"),     # the last within the month
    ("What did we study in the last session?", "2020-03-11", "What did we study?"),
    ("What was the topic of our first study session?", "2020-03-04", "What was the topic?"),
    ("What did we study last time?", "2020-03-11", "What did we study?"),
    # Korean, Japanese, French, German, Spanish, Russian: the order word taken out
    ("지난 학습에서 무엇을 배웠나요?", "2020-03-11", "학습에서 무엇을 배웠나요?"),
    ("첫 번째 학습의 주제는 무엇이었나요?", "2020-03-04", "학습의 주제는 무엇이었나요?"),
    ("前回の学習では何を学びましたか？", "2020-03-11", "学習では何を学びましたか？"),
    ("第2回の勉強会のテーマは何でしたか？", "2020-03-11", "勉強会のテーマは何でしたか？"),
    ("Qu'avons-nous étudié lors de la dernière séance ?", "2020-03-11", "Qu'avons-nous étudié lors de la séance?"),
    ("Was war das Thema der ersten Sitzung?", "2020-03-04", "Was war das Thema der Sitzung?"),
    ("¿Qué estudiamos en la última sesión?", "2020-03-11", "¿Qué estudiamos en la sesión?"),
    ("Что мы изучали на последнем занятии?", "2020-03-11", "Что мы изучали на занятии?"),
])
def test_a_session_named_by_its_order_becomes_its_date(question, on, content):
    understood = _read(question)
    assert understood.filters == {"date_from": on, "date_to": on} and understood.content == content
    assert understood.order_date == on and f"= {on}" in understood.describe()


@pytest.mark.parametrize("question", [
    "最近一次学习脱贫攻坚是哪天？",          # when 脱贫攻坚 was last studied: the hits' dates answer it
    "上次会议提出了哪些要求？",               # a meeting of the text
    "第三次学习讲了什么",                    # the records hold two session dates
    "What was decided at the third session of the 13th NPC?",
    "What happened last time?",             # not about studying
])
def test_words_of_order_that_name_no_session_of_the_records_make_no_filter(question):
    understood = _read(question)
    assert understood.filters == {} and understood.order_date == ""


def test_an_order_beyond_the_records_is_said_and_given_filters_bound_the_count():
    understood = _read("第三次学习讲了什么")
    assert understood.session_order == 3 and understood.content == "第三次学习讲了什么"
    assert "记录中没有第3次学习" in understood.describe() and "共 2 个学习日期" in understood.describe()
    understood = _read("第一次学习讲了什么", date_from="2020-03-05")       # the first from then on
    assert understood.filters == {"date_from": "2020-03-11", "date_to": "2020-03-11"}
    assert _read("上次学习讲了什么", dates_from_question=False).filters == {}


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
    # what is wrong, when it can be said
    for written, why in (("2020-02-30", "February 2020 has 29 days"), ("2021年2月29日", "February 2021 has 28 days"),
                         ("2020-13", "a year has 12 months"), ("2020/4/31", "April 2020 has 30 days"),
                         ("3月4日", "it has no year")):
        with pytest.raises(ValueError, match=rf"the end date '{written}' is not a date \({why}\); write it like"):
            iso_or_none(written, "the end date", end=True)


@pytest.mark.parametrize("written, first, last", [
    ("2020年3月", "2020-03-01", "2020-03-31"), ("2020-02", "2020-02-01", "2020-02-29"),
    ("2021/2", "2021-02-01", "2021-02-28"), ("２０２０年１２月", "2020-12-01", "2020-12-31"),
    ("二〇二〇年三月", "2020-03-01", "2020-03-31"), ("2020", "2020-01-01", "2020-12-31"),
    ("2020年", "2020-01-01", "2020-12-31"), ("2020年3月下旬", "2020-03-21", "2020-03-31"),
    ("2020-03-04", "2020-03-04", "2020-03-04")])
def test_a_month_or_a_year_in_a_filter_field_is_its_first_or_last_day(written, first, last):
    """`从 2020年3月 到 2020年5月` is what people type: from the first month's first day to the last
    month's last day."""
    assert iso_or_none(written, "the start date") == first
    assert iso_or_none(written, "the end date", end=True) == last


def test_a_month_in_both_filter_fields_is_that_month():
    understood = _read("疫情防控", date_from="2020年3月", date_to="2020年3月")
    assert understood.filters == {"date_from": "2020-03-01", "date_to": "2020-03-31"}
    for not_a_month in ("2020-13", "2020-00", "0000", "3月", "20201", "上周"):
        with pytest.raises(ValueError, match="a month like 2020-03 or 2020年3月"):
            _read("疫情防控", date_to=not_a_month)


def test_date_filters():
    assert date_passes("2020-03-04") and not date_passes(None, date_from="2020-01-01")
    assert date_passes("2020-03-04", "2020-03-01", "2020-03-31")
    assert not date_passes("2020-04-01", "2020-03-01", "2020-03-31")
    assert date_passes("2023-03-04", month_day=(3, 4)) and not date_passes("2023-03-05", month_day=(3, 4))
    assert date_passes("2021-06-15", month_day=(6, 11, 20)) and not date_passes("2021-06-21", month_day=(6, 11, 20))
    assert describe_date({"month_day": (6, 11, 20)}) == "每年 every year 6月11日–20日"
    assert describe_date({"date_from": "2020-03-01"}) == "2020-03-01 – …"
    # a day of any month (`4号那次学习`), either of several date filters (`3月4日和3月11日的学习`)
    assert date_passes("2020-05-04", month_day=(0, 4)) and not date_passes("2020-05-14", month_day=(0, 4))
    assert describe_date({"month_day": (0, 4)}) == "每月 every month 4日"
    either = ({"month_day": (3, 4)}, {"date_from": "2020-03-11", "date_to": "2020-03-11"})
    assert date_passes("2021-03-04", either=either) and date_passes("2020-03-11", either=either)
    assert not date_passes("2021-03-11", either=either)
    assert describe_date({"either": either}) == "每年 every year 3月4日 或 or 2020-03-11"
    assert describe_date({"date_from": "2020-03-11", "date_to": "2020-03-11"}) == "2020-03-11"


def test_a_day_of_the_month_alone_next_to_a_session_word():
    understood = _read("4号那次学习讲了什么")
    assert understood.filters == {"month_day": (0, 4)} and understood.content == "讲了什么"
    understood = _read("4号和11号那两次学习都讲了什么")
    assert understood.filters == {"either": ({"month_day": (0, 4)}, {"month_day": (0, 11)})}
    assert _read("一日三餐的学习").filters == {} and _read("7日主持召开了什么会议").filters == {}


def test_dates_said_relative_to_today():
    understood = _read("去年学了什么", today=date(2021, 5, 1))
    assert understood.filters == {"date_from": "2020-01-01", "date_to": "2020-12-31"} and understood.content == "什么"
    understood = _read("上个月学习的主题是什么？", today=date(2020, 4, 2))
    assert understood.filters == {"date_from": "2020-03-01", "date_to": "2020-03-31"}
    assert _read("上个月学的", today=date(2021, 1, 9)).filters == {"date_from": "2020-12-01", "date_to": "2020-12-31"}
    understood = _read("今年3月4日那次学习讲了什么", today=date(2020, 12, 1))
    assert understood.filters == {"date_from": "2020-03-04", "date_to": "2020-03-04"}
    assert understood.content == "讲了什么"
    # no session then: not applied, and said, the question searched as typed
    understood = _read("去年学习的脱贫攻坚内容", today=date(2026, 12, 4))
    assert understood.filters == {} and understood.content == "去年学习的脱贫攻坚内容"
    assert understood.unmatched_date == {"date_from": "2025-01-01", "date_to": "2025-12-31"}
    # content, not a session's date
    assert _read("去年年底组织的全面排查", today=date(2020, 4, 2)).filters == {}
    # a date without its year opening a span: the last such day up to today
    assert _read("3月4日以来学了什么", today=date(2020, 12, 1)).filters == {"date_from": "2020-03-04"}
    assert _read("3月11日以前学的内容", today=date(2021, 2, 1)).filters == {"date_to": "2020-03-10"}
    assert _read("3月4日那次学习讲了什么", today=date(2020, 12, 1)).filters == {"month_day": (3, 4)}
    # quarters, and a half year without its year: this year's
    assert _read("上季度学了什么", today=date(2020, 5, 2)).filters == {"date_from": "2020-01-01",
                                                                    "date_to": "2020-03-31"}
    assert _read("本季度学习了哪些内容", today=date(2020, 3, 20)).filters == {"date_from": "2020-01-01",
                                                                       "date_to": "2020-03-31"}
    assert _read("上半年学了哪些内容", today=date(2020, 11, 2)).filters == {"date_from": "2020-01-01",
                                                                      "date_to": "2020-06-30"}
    assert _read("上季度学的脱贫内容", today=date(2021, 2, 1)).unmatched_date == {"date_from": "2020-10-01",
                                                                           "date_to": "2020-12-31"}


def test_english_dates_listed_together_and_said_relative_to_today():
    both = {"either": ({"date_from": "2020-03-04", "date_to": "2020-03-04"},
                       {"date_from": "2020-03-11", "date_to": "2020-03-11"})}
    for question in ("What did we study on March 4 and 11, 2020?", "What did we study on 4 March and 11 March 2020?",
                     "What did we study on March 4, 2020 and March 11, 2020?"):
        understood = _read(question)
        assert understood.filters == both and understood.content == "What did we study?"
    assert _read("What did we study on March 4 and March 11?").filters == {
        "either": ({"month_day": (3, 4)}, {"month_day": (3, 11)})}
    # what follows is no date: the first alone, as before
    assert _read("What did we study on March 4, and how?").filters == {"month_day": (3, 4)}
    understood = _read("What did we study last month?", today=date(2020, 4, 2))
    assert understood.filters == {"date_from": "2020-03-01", "date_to": "2020-03-31"}
    assert understood.content == "What did we study?"
    assert _read("What did we study this year about poverty?", today=date(2020, 4, 2)).content == (
        "What did we study about poverty?")
    assert _read("What was decided last year?", today=date(2021, 4, 2)).filters == {}     # not about studying


@pytest.mark.parametrize("question, content", [
    ("先月の学習のテーマは何でしたか？", "学習のテーマは何でしたか？"),
    ("지난달 학습의 주제는?", "학습의 주제는?"),
    ("Qu'avons-nous étudié le mois dernier ?", "Qu'avons-nous étudié?"),
    ("Was haben wir letzten Monat gelernt?", "Was haben wir gelernt?"),
    ("¿Qué estudiamos el mes pasado?", "¿Qué estudiamos?"),
    ("Что мы изучали в прошлом месяце?", "Что мы изучали?"),
])
def test_a_month_back_in_other_languages(question, content):
    understood = _read(question, today=date(2020, 4, 2))
    assert understood.filters == {"date_from": "2020-03-01", "date_to": "2020-03-31"}
    assert understood.content == content


def test_a_year_back_in_other_languages_and_not_outside_a_question_about_studying():
    assert _read("작년 학습에서 무엇을 배웠나요?", today=date(2021, 1, 5)).filters == {
        "date_from": "2020-01-01", "date_to": "2020-12-31"}
    assert _read("¿Qué estudiamos este año?", today=date(2020, 6, 1)).filters == {
        "date_from": "2020-01-01", "date_to": "2020-12-31"}
    assert _read("Was war letzten Monat los?", today=date(2020, 4, 2)).filters == {}


def test_an_order_counts_among_the_sessions_at_the_place_filtered_on():
    understood = _read("上次在QQ上学的那次讲了什么")          # the place took the study words
    assert understood.filters == {"date_from": "2020-03-04", "date_to": "2020-03-04", "place": "QQ"}
    assert understood.content == "讲了什么" and understood.order_date == "2020-03-04"
    understood = _read("上次学习讲了什么", place="QQ")         # a place given
    assert understood.filters["date_from"] == "2020-03-04"
    understood = _read("第二次在线上学的那次讲了什么")       # 线上: both places, so both dates count
    assert understood.filters["date_from"] == "2020-03-11" and understood.filters["place"] == "线上"
    understood = _read("第二次在QQ上学的那次讲了什么")       # one session there: said, not applied
    assert understood.order_date == "" and "共 1 个学习日期" in understood.describe()


def test_weeks_and_spans_up_to_today_in_chinese():
    today = date(2020, 3, 13)           # a Friday
    understood = _read("上周学习讲了什么", today=today)
    assert understood.filters == {"date_from": "2020-03-02", "date_to": "2020-03-08"} and understood.content == "讲了什么"
    assert "上周 last week = 2020-03-02 – 2020-03-08" in understood.describe()
    assert _read("本周的学习主题", today=today).filters == {"date_from": "2020-03-09", "date_to": "2020-03-15"}
    # a day of last week: that day alone
    assert _read("上周三那次学习讲了什么", today=today).filters == {"date_from": "2020-03-04", "date_to": "2020-03-04"}
    # but `一共` (in all) and `一起` (together) after 上周 are no Monday: the whole week
    for question in ("上周一共学习了几次？", "上周一起学习了什么"):
        assert _read(question, today=today).filters == {"date_from": "2020-03-02", "date_to": "2020-03-08"}, question
    assert zh.split_relative_date("上周一那次学习讲了什么")[0] == ("week", 1, 1)      # Monday, as before
    understood = _read("最近三个月学了哪些内容", today=today)
    assert understood.filters == {"date_from": "2019-12-13", "date_to": "2020-03-13"}
    assert "最近3个月 the past 3 months = 2019-12-13 – 2020-03-13" in understood.describe()
    assert understood.content == "哪些内容"
    assert _read("过去半年里学过什么", today=today).filters["date_from"] == "2019-09-13"
    assert _read("近两周学习的主题", today=today).filters["date_from"] == "2020-02-28"
    # no session in the span: not applied, said, and the question searched as typed
    understood = _read("上周学习的脱贫攻坚内容", today=date(2020, 4, 1))
    assert understood.filters == {} and understood.unmatched_date == {"date_from": "2020-03-23", "date_to": "2020-03-29"}
    # content, not a session's dates; and an order is not a span
    assert _read("过去三年我国脱贫攻坚取得了什么成就", today=today).filters == {}
    assert _read("最近一次学习讲了什么", today=today).order_date == "2020-03-11"
    # an order counted within a span
    understood = _read("本周的第一次学习讲了什么", today=today)
    assert understood.order_date == "2020-03-11" and understood.counted_within == "2020-03-09 – 2020-03-15"


@pytest.mark.parametrize("question, content, date_from", [
    ("What did we study in the past year?", "What did we study?", "2019-03-13"),
    ("What did we study over the last three months about poverty?", "What did we study about poverty?", "2019-12-13"),
    ("지난 1년간 학습한 내용은?", "학습한 내용은?", "2019-03-13"),
    ("最近3か月の学習で何を学びましたか？", "学習で何を学びましたか？", "2019-12-13"),
    ("Qu'avons-nous étudié au cours des trois derniers mois ?", "Qu'avons-nous étudié?", "2019-12-13"),
    ("Was haben wir in den letzten zwei Wochen gelernt?", "Was haben wir gelernt?", "2020-02-28"),
    ("¿Qué estudiamos en el último año?", "¿Qué estudiamos?", "2019-03-13"),
    ("Что мы изучали за последние три месяца?", "Что мы изучали?", "2019-12-13"),
])
def test_spans_up_to_today_in_other_languages(question, content, date_from):
    understood = _read(question, today=date(2020, 3, 13))
    assert understood.filters == {"date_from": date_from, "date_to": "2020-03-13"} and understood.content == content


@pytest.mark.parametrize("question", ["What did we study last week?",
                                      "지난주 학습의 주제는?", "先週の学習のテーマは？", "Qu'avons-nous étudié la semaine dernière ?",
                                      "Was haben wir letzte Woche gelernt?", "¿Qué estudiamos la semana pasada?",
                                      "Что мы изучали на прошлой неделе?"])
def test_last_week_in_other_languages(question):
    understood = _read(question, today=date(2020, 3, 10))
    assert understood.filters == {"date_from": "2020-03-02", "date_to": "2020-03-08"}
    understood = _read("This week, what did the session cover?", today=date(2020, 3, 10))
    assert understood.filters == {"date_from": "2020-03-09", "date_to": "2020-03-15"}
    assert understood.content == "what did the session cover?"


@pytest.mark.parametrize("question, content", [
    ("3월 4일과 3월 11일 학습의 주제는?", "학습의 주제는?"),
    ("3月4日と3月11日の学習のテーマは何でしたか？", "学習のテーマは何でしたか？"),
    ("Qu'avons-nous étudié le 4 mars et le 11 mars ?", "Qu'avons-nous étudié?"),
    ("Was haben wir am 4. und 11. März gelernt?", "Was haben wir gelernt?"),
    ("Что мы изучали 4 марта и 11 марта?", "Что мы изучали?"),
])
def test_dates_listed_together_in_other_languages(question, content):
    understood = _read(question)
    assert understood.filters == {"either": ({"month_day": (3, 4)}, {"month_day": (3, 11)})}
    assert understood.content == content


@pytest.mark.parametrize("question", ["2020년 3월 4일과 11일에 무엇을 학습했나요?", "2020年3月4日と11日の勉強会では何を学びましたか？",
                                      "Qu'avons-nous étudié les 4 et 11 mars 2020 ?", "¿Qué estudiamos el 4 y el 11 de marzo de 2020?",
                                      "Что мы изучали 4 и 11 марта 2020 года?"])
def test_a_day_alone_in_a_list_takes_the_month_and_year_of_the_date_beside_it(question):
    assert _read(question).filters == {"either": ({"date_from": "2020-03-04", "date_to": "2020-03-04"},
                                                  {"date_from": "2020-03-11", "date_to": "2020-03-11"})}


def test_a_list_stops_where_no_date_follows():
    assert _read("Qu'avons-nous étudié le 4 mars, et pourquoi ?").filters == {"month_day": (3, 4)}
    assert _read("3月4日の学習と感想").filters == {"month_day": (3, 4)}
    assert _read("3월 4일과 학습 내용").filters == {"month_day": (3, 4)}


BOTH_DATES = {"either": ({"date_from": "2020-03-04", "date_to": "2020-03-04"},
                         {"date_from": "2020-03-11", "date_to": "2020-03-11"})}


def test_several_sessions_named_by_their_order():
    understood = _read("最近两次学习讲了什么")
    assert understood.filters == BOTH_DATES and understood.content == "讲了什么"
    assert understood.counted_dates == ["2020-03-04", "2020-03-11"] and "最近2次学习" in understood.describe()
    assert _read("前两次学习的主题是什么").filters == BOTH_DATES
    understood = _read("What did we study in the last two sessions?")
    assert understood.filters == BOTH_DATES and understood.content == "What did we study?"
    # within a date filter, and more sessions than the records hold: said, not applied
    assert _read("2020年3月最近两次学习讲了什么").filters == BOTH_DATES
    understood = _read("最近三次学习讲了什么")
    assert understood.filters == {} and understood.counted_dates == []
    assert "记录中不足最近3次学习" in understood.describe()
    # one session is an order (split_session_order); a count of meetings is content
    assert _read("最近一次学习讲了什么").order_date == "2020-03-11" and _read("最近一次学习讲了什么").counted_dates == []
    assert _read("前三次会议的主要内容").filters == {}
    assert _read("the first two sessions of the NPC").filters == {}


@pytest.mark.parametrize("question", ["최근 두 번의 학습의 주제는?", "直近2回の学習のテーマは？",
                                      "Qu'avons-nous étudié lors des deux dernières séances ?",
                                      "Was haben wir in den letzten zwei Sitzungen gelernt?",
                                      "¿Qué estudiamos en las dos últimas sesiones?",
                                      "Что мы изучали на последних двух занятиях?"])
def test_several_sessions_named_by_their_order_in_other_languages(question):
    understood = _read(question)
    assert understood.filters == BOTH_DATES and understood.sessions_counted == -2


def test_spans_of_dates_in_questions_filter_every_session_within_them():
    dates = ("2019-05-01", "2020-03-04", "2020-03-11", "2023-02-05", "2024-07-22", "2025-10-28")
    read = lambda q, today=None: read_filters(q, None, None, None, None, True, dates, PLACES, today, ())
    understood = read("2023年以来学过哪些关于粮食安全的内容")
    assert understood.filters == {"date_from": "2023-01-01"} and understood.content == "哪些关于粮食安全的内容"
    assert [d for d in dates if date_passes(d, **understood.filters)] == ["2023-02-05", "2024-07-22", "2025-10-28"]
    assert "2023-01-01 – …" in understood.describe()
    assert read("2020年以前学过脱贫攻坚吗").filters == {"date_to": "2019-12-31"}
    # relative years are written out first: `今年以来` is from this year's first day
    assert read("今年以来学了哪些内容", today=date(2025, 11, 29)).filters == {"date_from": "2025-01-01"}
    # and a span one of them ends is read whole
    today = date(2025, 11, 29)
    assert read("2023年到去年学了什么", today).filters == {"date_from": "2023-01-01", "date_to": "2024-12-31"}
    assert read("2024年3月到上个月学了什么", today).filters == {"date_from": "2024-03-01", "date_to": "2025-10-31"}
    understood = read("2023年到今年学了什么", today)
    assert understood.filters == {"date_from": "2023-01-01", "date_to": "2025-12-31"} and understood.content == "什么"
    # `2月29日以来` in a year without one: since the last 29 February
    assert read("2月29日以来学了什么", today).filters == {"date_from": "2024-02-29"}
    # how often within a year: `学过几次` stays in the content, so the term is counted
    understood = read("2024年学过几次二十届三中全会？")
    assert understood.filters == {"date_from": "2024-01-01", "date_to": "2024-12-31"}
    assert understood.content == "学过几次二十届三中全会？"
    # a span no session falls within is not applied, and the page says so
    understood = read("2026年以来学了哪些关于粮食安全的内容")
    assert understood.filters == {} and understood.unmatched_date == {"date_from": "2026-01-01"}


@pytest.mark.parametrize("question, filters, content", [
    ("What did we study about food security since 2023?", {"date_from": "2023-01-01"},
     "What did we study about food security?"),
    ("What have we studied after March 2023?", {"date_from": "2023-04-01"}, "What have we studied?"),
    ("What did we study before 2021 about poverty?", {"date_to": "2020-12-31"}, "What did we study about poverty?"),
    ("What did we study until June 2023?", {"date_to": "2023-06-30"}, "What did we study?"),
    ("What did we study between 2022 and 2023 about grain?", {"date_from": "2022-01-01", "date_to": "2023-12-31"},
     "What did we study about grain?"),
    ("What did we study from March to June 2023?", {"date_from": "2023-03-01", "date_to": "2023-06-30"},
     "What did we study?"),
    ("What did we study from March 2023 onwards?", {"date_from": "2023-03-01"}, "What did we study?"),
    ("What did we study in the first half of 2024?", {"date_from": "2024-01-01", "date_to": "2024-06-30"},
     "What did we study?"),
    ("Which sessions in Q3 2024 covered reform?", {"date_from": "2024-07-01", "date_to": "2024-09-30"},
     "Which sessions covered reform?"),
    # Japanese writes its dates the Chinese way, its spans with 以降, より前, から…まで
    ("2023年以降に食料安全保障について何を学習しましたか？", {"date_from": "2023-01-01"},
     "食料安全保障について何を学習しましたか？"),
    ("2021年より前に学習した貧困対策は？", {"date_to": "2020-12-31"}, "学習した貧困対策は？"),
    ("2023年6月までに何を学びましたか？", {"date_to": "2023-06-30"}, "何を学びましたか？"),
    ("2023年3月から6月までに何を学習しましたか？", {"date_from": "2023-03-01", "date_to": "2023-06-30"},
     "何を学習しましたか？"),
    # Korean, French, German, Spanish and Russian say them with their own words
    ("2023년 이후에 식량 안보에 대해 무엇을 학습했나요?", {"date_from": "2023-01-01"}, "식량 안보에 대해 무엇을 학습했나요?"),
    ("2022년부터 2023년까지 무엇을 학습했나요?", {"date_from": "2022-01-01", "date_to": "2023-12-31"}, "무엇을 학습했나요?"),
    ("2023년 6월까지 무엇을 배웠나요?", {"date_to": "2023-06-30"}, "무엇을 배웠나요?"),
    ("Qu'avons-nous étudié depuis 2023 sur la sécurité alimentaire ?", {"date_from": "2023-01-01"},
     "Qu'avons-nous étudié sur la sécurité alimentaire?"),
    ("Was haben wir von März bis Juni 2023 gelernt?", {"date_from": "2023-03-01", "date_to": "2023-06-30"},
     "Was haben wir gelernt?"),
    ("¿Qué estudiamos antes de 2021?", {"date_to": "2020-12-31"}, "¿Qué estudiamos?"),
    ("Что мы изучали с 2022 по 2023 год?", {"date_from": "2022-01-01", "date_to": "2023-12-31"}, "Что мы изучали?"),
])
def test_spans_of_dates_in_questions_in_other_languages(question, filters, content):
    dates = ("2019-05-01", "2020-03-04", "2023-02-05", "2024-07-22")
    understood = read_filters(question, None, None, None, None, True, dates, PLACES, None, ())
    assert understood.filters == filters and understood.content == content


def test_a_date_and_what_was_said_is_a_session_only_when_one_falls_on_it():
    understood = _read("3月11号讲了啥")
    assert understood.filters == {"month_day": (3, 11)} and understood.content == "讲了啥"
    # the day the speech was given, not a session: the whole question is searched, and the page says so
    understood = _read("2月23日讲了什么？")
    assert understood.filters == {} and understood.content == "2月23日讲了什么？"
    assert understood.unmatched_date == {"month_day": (2, 23)}
    # a month every year, said so
    understood = _read("3月份学了几次？")
    assert understood.filters == {"month_day": (3, 1, 31)} and "每年 every year 3月" in understood.describe()


@pytest.mark.parametrize("question, filters, content", [
    # a day of no year opening or closing a span: the last such day up to today, as `3月4日以来` is
    ("What did we study since March 4?", {"date_from": "2026-03-04"}, "What did we study?"),
    ("What did we study after March 4?", {"date_from": "2026-03-05"}, "What did we study?"),
    ("What did we study before March?", {"date_to": "2026-02-28"}, "What did we study?"),
    ("What did we study until March 4?", {"date_to": "2026-03-04"}, "What did we study?"),
    # the second date a day alone, in the first's month; with a year after it, or of every year
    ("What did we study from March 4 to 11, 2020?", {"date_from": "2020-03-04", "date_to": "2020-03-11"},
     "What did we study?"),
    ("What did we study from March 4 to 11?", {"month_day": (3, 4, 11)}, "What did we study?"),
    # the other languages alike; a day alone first takes the second date's month and year
    ("Qu'avons-nous étudié depuis le 4 mars ?", {"date_from": "2026-03-04"}, "Qu'avons-nous étudié?"),
    ("Was haben wir seit dem 4. März gelernt?", {"date_from": "2026-03-04"}, "Was haben wir gelernt?"),
    ("Что мы изучали с 4 марта?", {"date_from": "2026-03-04"}, "Что мы изучали?"),
    ("Qu'avons-nous étudié du 4 au 11 mars 2020 ?", {"date_from": "2020-03-04", "date_to": "2020-03-11"},
     "Qu'avons-nous étudié?"),
    ("Was haben wir vom 4. bis 11. März 2020 gelernt?", {"date_from": "2020-03-04", "date_to": "2020-03-11"},
     "Was haben wir gelernt?"),
    ("¿Qué estudiamos del 4 al 11 de marzo de 2020?", {"date_from": "2020-03-04", "date_to": "2020-03-11"},
     "¿Qué estudiamos?"),
    ("Что мы изучали с 4 по 11 марта 2020 года?", {"date_from": "2020-03-04", "date_to": "2020-03-11"},
     "Что мы изучали?"),
    ("Что мы изучали с 2 коллегами?", {}, "Что мы изучали с 2 коллегами?"),      # a day alone opens no span
    ("3월 4일 이후에 무엇을 학습했나요?", {"date_from": "2026-03-04"}, "무엇을 학습했나요?"),
    ("3月4日以降に何を学習しましたか？", {"date_from": "2026-03-04"}, "何を学習しましたか？"),
    ("3月4日から11日までに何を学習しましたか？", {"month_day": (3, 4, 11)}, "何を学習しましたか？"),
])
def test_spans_of_days_without_a_year_in_other_languages(question, filters, content):
    dates = ("2020-03-04", "2020-03-11", "2024-02-05", "2026-03-20")
    understood = read_filters(question, None, None, None, None, True, dates, PLACES, date(2026, 12, 5), ())
    assert understood.filters == filters and understood.content == content


def test_english_months_without_a_year_and_topics_asked_of_a_date():
    understood = _read("What did we study in March?")
    assert understood.filters == {"month_day": (3, 1, 31)} and understood.content == "What did we study?"
    understood = _read("What was the topic on 11 March?")
    assert understood.filters == {"month_day": (3, 11)} and understood.content == "What was the topic?"


@pytest.mark.parametrize("question, filters", [
    # an event's date with its year is no session's, nor is the month inside it
    ("Qu'avons-nous étudié sur la réunion tenue le 23 février 2020 ?", {}),
    ("¿Qué estudiamos sobre la reunión celebrada el 23 de febrero de 2020?", {}),
    # `maintenant` is no `mai`
    ("Qu'avons-nous étudié depuis maintenant deux ans ?", {}),
    # after a month: from the next; until one: to its end
    ("Was haben wir nach März 2023 gelernt?", {"date_from": "2023-04-01"}),
    ("¿Qué estudiamos después de marzo de 2023?", {"date_from": "2023-04-01"}),
    ("Qu'avons-nous étudié jusqu'en juin 2023 ?", {"date_to": "2023-06-30"}),
    ("Was haben wir bis Juni 2023 gelernt?", {"date_to": "2023-06-30"}),
    ("Was haben wir von März bis Juni 2023 gelernt?", {"date_from": "2023-03-01", "date_to": "2023-06-30"}),
    # a day first that no calendar has is not its month
    ("What did we study on 30 February 2020?", {}),
    # a year said relative to today, beside a span word or a month, is read with it
    ("What did we study since last year?", {"date_from": "2023-01-01"}),
    ("What did we study before this year?", {"date_to": "2023-12-31"}),
    ("What did we study from 2020 to last year?", {"date_from": "2020-01-01", "date_to": "2023-12-31"}),
    ("What did we study in March last year?", {"date_from": "2023-03-01", "date_to": "2023-03-31"}),
    # halves and quarters as Japanese says them
    ("2023年上半期の学習のテーマは？", {"date_from": "2023-01-01", "date_to": "2023-06-30"}),
    ("2023年第3四半期の学習のテーマは？", {"date_from": "2023-07-01", "date_to": "2023-09-30"}),
    ("昨年3月の学習のテーマは？", {"date_from": "2023-03-01", "date_to": "2023-03-31"}),
])
def test_dates_in_other_languages_read_as_a_reader_means_them(question, filters):
    dates = ("2020-02-05", "2023-03-10", "2023-04-20", "2023-06-30", "2023-08-01", "2024-01-10")
    understood = read_filters(question, None, None, None, None, True, dates, PLACES, date(2024, 3, 15), ())
    assert understood.filters == filters


@pytest.mark.parametrize("question, order", [
    ("Qu'avons-nous étudié lors de l'avant-dernière séance ?", -2),
    ("Was haben wir in der vorletzten Sitzung gelernt?", -2),
    ("¿Qué estudiamos en la penúltima sesión?", -2),
    ("Что мы изучали на предпоследнем занятии?", -2),
    ("Qu'avons-nous étudié lors de la dernière séance ?", -1),
])
def test_the_second_to_last_session_in_other_languages(question, order):
    from rag.european import split_session_order_european
    assert split_session_order_european(question)[0] == order


@pytest.mark.parametrize("question, expected", [
    # days listed before a day-first date are in its month (English)
    ("What did we study on 4 and 11 March 2020?", ["2020-03-04", "2020-03-11"]),
    ("What did we study on the 4th and 11th of March 2020?", ["2020-03-04", "2020-03-11"]),
    # an order word with the year after the session word counts within that year
    ("Qu'avons-nous étudié lors de la première séance de 2020 ?", ["2020-03-04"]),
    ("¿Qué estudiamos en la última sesión de 2020?", ["2020-03-11"]),
    ("Was haben wir in der ersten Sitzung 2020 gelernt?", ["2020-03-04"]),
    ("Что мы изучали на последнем занятии 2020 года?", ["2020-03-11"]),
])
def test_dates_and_orders_of_a_year_in_other_languages(question, expected):
    dates = ("2019-11-05", "2020-03-04", "2020-03-11", "2021-01-10")
    understood = read_filters(question, None, None, None, None, True, dates, PLACES, date(2024, 3, 15), ())
    either = understood.filters.get("either") or (understood.filters,)
    assert [one["date_from"] for one in either] == expected


@pytest.mark.parametrize("question, date_to", [
    ("到2020年3月为止学了哪些内容", "2020-03-31"),
    ("截至2020年3月学了什么", "2020-03-31"),
    ("截止到2020年3月4日学习了哪些内容", "2020-03-04"),
    ("2020年3月底以前学过几次防控", "2020-03-31"),      # by the end of March, not before its last ten days
    ("到3月为止学了什么", "2020-03-31"),                # no year: this March's, asked in March
    ("What did we study until March?", "2020-03-31"),
    ("What did we study until March 11?", "2020-03-11"),
    ("3월까지 학습한 내용", "2020-03-31"),
    ("3月までの学習", "2020-03-31"),
    ("Was haben wir bis März gelernt?", "2020-03-31"),
])
def test_a_span_up_to_the_end_of_a_date_asked_within_it(question, date_to):
    assert _read(question, today=date(2020, 3, 15)).filters == {"date_to": date_to}, question


def test_a_date_closing_a_span_of_no_year_is_the_last_such_date_come():
    assert _read("3月4日以前学了什么", today=date(2021, 2, 1)).filters == {"date_to": "2020-03-03"}
    assert _read("What did we study until March 4?", today=date(2020, 3, 4)).filters == {"date_to": "2020-03-04"}
    assert _read("What did we study until December?", today=date(2021, 3, 4)).filters == {"date_to": "2020-12-31"}


def test_korean_years_said_relative_to_today_in_a_span_and_halves_and_quarters():
    today = date(2021, 6, 1)
    assert _read("2019년부터 작년까지 학습한 내용", today=today).filters == {"date_from": "2019-01-01",
                                                                   "date_to": "2020-12-31"}
    assert _read("작년 3월 학습에서 무엇을 배웠나요", today=today).filters == {"date_from": "2020-03-01",
                                                                  "date_to": "2020-03-31"}
    assert _read("2020년 상반기 학습 내용", today=today).filters == {"date_from": "2020-01-01", "date_to": "2020-06-30"}
    assert _read("작년 1분기에 학습한 내용", today=today).filters == {"date_from": "2020-01-01", "date_to": "2020-03-31"}


@pytest.mark.parametrize("question, on", [
    ("第二回学习讲了什么", "2020-03-11"),
    ("上回学习讲了什么", "2020-03-11"),
    ("Qu'avons-nous étudié lors de la 2e séance ?", "2020-03-11"),
    ("Was haben wir in der 2. Sitzung gelernt?", "2020-03-11"),
    ("¿Qué estudiamos en la 1ª sesión?", "2020-03-04"),
    ("Что мы изучали на втором занятии?", "2020-03-11"),
])
def test_more_ways_to_name_a_session_by_its_order(question, on):
    assert _read(question).filters == {"date_from": on, "date_to": on}, question


def test_third_to_tenth_in_other_languages():
    from rag.european import split_session_order_european
    assert split_session_order_european("Что мы изучали на третьем занятии?")[0] == 3
    assert split_session_order_european("Qu'avons-nous étudié lors de la cinquième séance ?")[0] == 5
    assert split_session_order_european("Was war das Thema der vierten Sitzung?")[0] == 4
    assert split_session_order_european("¿Qué estudiamos en la décima sesión?")[0] == 10
    assert split_session_order_european("Что мы изучали на 3-м занятии?")[0] == 3


def test_the_last_session_is_the_last_up_to_today():
    # a record dated after today (a typo, a plan) is no last time; the page says it was left out
    dates = ("2020-03-04", "2020-03-11", "2041-03-15")
    understood = read_filters("上次学习讲了什么", None, None, None, None, True, dates, PLACES, date(2026, 12, 6))
    assert understood.filters == {"date_from": "2020-03-11", "date_to": "2020-03-11"}
    assert "不计今天以后的 1 个日期" in understood.describe()
    understood = read_filters("最近两次学习", None, None, None, None, True, dates, PLACES, date(2026, 12, 6))
    assert understood.counted_dates == ["2020-03-04", "2020-03-11"]
    # the first counts from the start, and a date after today is the last when every date is
    assert read_filters("第三次学习讲了什么", None, None, None, None, True, dates, PLACES,
                        date(2026, 12, 6)).filters["date_from"] == "2041-03-15"
    assert read_filters("上次学习讲了什么", None, None, None, None, True, dates[2:], PLACES,
                        date(2026, 12, 6)).filters["date_from"] == "2041-03-15"


def test_a_german_date_before_its_participle_is_the_event_s():
    assert _read("Was haben wir über die am 4. März 2020 abgehaltene Konferenz gelernt?").filters == {}
    assert _read("Was wurde in der am 11. März 2020 abgehaltenen Sitzung gelernt?").filters == {
        "date_from": "2020-03-11", "date_to": "2020-03-11"}


def _read_in(question, years=(2023, 2024, 2025), today=date(2026, 12, 6)):
    dates = tuple(f"{y}-{m:02d}-04" for y in years for m in range(1, 13))
    return read_filters(question, None, None, None, None, True, dates, PLACES, today)


@pytest.mark.parametrize("question, filters", [
    ("2025年10月后学过几次粮食安全", {"date_from": "2025-10-01"}),            # a bare 后: from then on
    ("2024年3月4日前后那次学习讲了什么", {"date_from": "2024-02-26", "date_to": "2024-03-11"}),   # around it
    ("2024年10月前后学了什么", {"date_from": "2024-10-01", "date_to": "2024-10-31"}),
    ("2023-2024年学过几次粮食安全", {"date_from": "2023-01-01", "date_to": "2024-12-31"}),
    ("2024年3、4月份学了什么", {"date_from": "2024-03-01", "date_to": "2024-04-30"}),
    ("2025年的10月学了什么", {"date_from": "2025-10-01", "date_to": "2025-10-31"}),
    ("2024年底那次学习讲了什么", {"date_from": "2024-12-01", "date_to": "2024-12-31"}),
    ("去年年底那次学习讲了什么", {"date_from": "2025-12-01", "date_to": "2025-12-31"}),
    ("大前年学过几次粮食安全", {"date_from": "2023-01-01", "date_to": "2023-12-31"}),
    ("上上个月学了什么", {"date_from": "2025-10-01", "date_to": "2025-10-31"}),
    ("2024年下半年到2025年上半年学了什么", {"date_from": "2024-07-01", "date_to": "2025-06-30"}),
])
def test_more_chinese_dates_and_spans(question, filters):
    today = date(2025, 12, 6) if "上上个月" in question else date(2026, 12, 6)
    assert _read_in(question, today=today).filters == filters, question


@pytest.mark.parametrize("question", ["上次学了什么", "上次学的啥", "最近一次学了什么"])
def test_the_last_session_asked_plainly(question):
    assert _read(question).filters == {"date_from": "2020-03-11", "date_to": "2020-03-11"}


def test_how_often_and_when_in_more_words_keep_the_term():
    for question in ("网格化管理一共学了多少次", "网格化管理总共学过几次", "网格化管理学了几回", "网格化管理是啥时候学的",
                     "网格化管理是几月份学的"):
        assert zh.studied_term(question) == "网格化管理", question
    assert zh.studied_term("共同富裕学过几次") == "共同富裕"        # 共 of a term stays


def test_the_branch_or_a_meeting_is_no_place_part():
    places = ["支部活动室", "三楼会议室", "腾讯会议"]
    assert zh.split_session_place("在支部学过几次粮食安全", places)[0] is None
    assert zh.split_session_place("在会议上学的那次讲了什么", places)[0] is None
    assert zh.split_session_place("在支部活动室学的那次讲了什么", places)[0] == "支部活动室"


@pytest.mark.parametrize("question, either", [
    ("2024年和2025年学了几次粮食安全", [("2024-01-01", "2024-12-31"), ("2025-01-01", "2025-12-31")]),
    ("2024年3月、4月和5月学了什么", [("2024-03-01", "2024-03-31"), ("2024-04-01", "2024-04-30"),
                                 ("2024-05-01", "2024-05-31")]),
    ("2024年上半年和下半年各学了几次", [("2024-01-01", "2024-06-30"), ("2024-07-01", "2024-12-31")]),
    ("去年和今年学了什么", [("2025-01-01", "2025-12-31"), ("2026-01-01", "2026-12-31")]),
])
def test_years_months_and_halves_listed_together_take_either(question, either):
    understood = _read_in(question, years=(2024, 2025, 2026))
    assert understood.filters == {"either": tuple({"date_from": f, "date_to": t} for f, t in either)}, question


def test_a_quarter_without_its_year_is_the_last_begun_and_a_two_digit_year_is_this_century():
    assert _read_in("第三季度学了什么", years=(2026,)).filters == {"date_from": "2026-07-01", "date_to": "2026-09-30"}
    assert _read_in("第四季度学了什么", years=(2025,), today=date(2026, 2, 6)).filters == {
        "date_from": "2025-10-01", "date_to": "2025-12-31"}
    assert _read_in("24年3月学了什么", years=(2024,)).filters == {"date_from": "2024-03-01", "date_to": "2024-03-31"}


def test_a_day_of_the_week_alone_is_the_last_one_up_to_today():
    today = date(2020, 3, 13)           # a Friday: the last Wednesday is March 11
    understood = _read("周三那次学习讲了什么", today=today)
    assert understood.filters == {"date_from": "2020-03-11", "date_to": "2020-03-11"} and understood.content == "讲了什么"
    assert "最近的周三 the last Wednesday" in understood.describe()
    assert _read("每周三学习的制度", today=today).filters == {}       # every Wednesday: no one day
    assert _read("上周三那次学习讲了什么", today=today).filters == {"date_from": "2020-03-04", "date_to": "2020-03-04"}


def test_other_languages_the_one_before_the_last_genitives_and_parts_of_a_year_said_relative_to_today():
    today = date(2026, 12, 6)
    read = lambda question: _read_in(question, years=(2024, 2025, 2026), today=today).filters  # noqa: E731
    assert read("Was haben wir vorletztes Jahr gelernt?") == {"date_from": "2024-01-01", "date_to": "2024-12-31"}
    assert read("재작년에 몇 번 학습했나요?") == {"date_from": "2024-01-01", "date_to": "2024-12-31"}
    assert read("지지난달 학습") == {"date_from": "2026-10-01", "date_to": "2026-10-31"}
    assert read("지지난 학습") == {"date_from": "2026-11-04", "date_to": "2026-11-04"}     # the one before the last
    for question in ("Quel était le thème de la première séance du mois dernier ?",
                     "Was war das Thema der ersten Sitzung des letzten Monats?",
                     "Какая была тема первого занятия прошлого месяца?"):
        assert read(question) == {"date_from": "2026-11-04", "date_to": "2026-11-04"}, question
    assert read("What did we study in the third quarter of last year?") == {"date_from": "2025-07-01",
                                                                          "date_to": "2025-09-30"}
    assert read("What was the topic of the last session of last year?") == {"date_from": "2025-12-04",
                                                                           "date_to": "2025-12-04"}
    assert read("What was the topic of the first session of 2025?") == {"date_from": "2025-01-04",
                                                                       "date_to": "2025-01-04"}
    assert read("What did we study in 2024 and 2025?") == {"either": (
        {"date_from": "2024-01-01", "date_to": "2024-12-31"}, {"date_from": "2025-01-01", "date_to": "2025-12-31"})}


@pytest.mark.parametrize("question", ["Où avons-nous étudié la dernière fois ?", "¿Dónde estudiamos la última vez?",
                                      "Wo haben wir zuletzt gelernt?", "Где мы занимались в последний раз?"])
def test_last_time_in_the_european_languages(question):
    assert _read(question).filters == {"date_from": "2020-03-11", "date_to": "2020-03-11"}


@pytest.mark.parametrize("question, filters", [
    ("今年の第1四半期の学習", {"date_from": "2026-01-01", "date_to": "2026-03-31"}),
    ("昨年の第3四半期の学習", {"date_from": "2025-07-01", "date_to": "2025-09-30"}),
    ("2024年の3月の学習", {"date_from": "2024-03-01", "date_to": "2024-03-31"}),
])
def test_japanese_no_between_the_year_and_its_month_or_quarter(question, filters):
    assert _read_in(question, years=(2024, 2025, 2026)).filters == filters


@pytest.mark.parametrize("question, filters", [
    ("What did we study the week before last?", {"date_from": "2026-11-16", "date_to": "2026-11-22"}),
    ("What did we study two months ago?", {"date_from": "2026-10-01", "date_to": "2026-10-31"}),
    ("What did we study the year before last?", {"date_from": "2024-01-01", "date_to": "2024-12-31"}),
    ("What did we study last quarter?", {"date_from": "2026-07-01", "date_to": "2026-09-30"}),
    ("What did we study since the beginning of the year?", {"date_from": "2026-01-01"}),
    ("What did we study since the start of 2024?", {"date_from": "2024-01-01"}),
])
def test_english_said_relative_to_today_the_one_before_quarters_and_the_start_of_a_year(question, filters):
    dates = tuple(f"{y}-{m:02d}-{d:02d}" for y in (2024, 2025, 2026) for m in range(1, 13) for d in (4, 18))
    understood = read_filters(question, None, None, None, None, True, dates + ("2026-11-19",), PLACES,
                              date(2026, 12, 6))
    assert understood.filters == filters, question


def test_a_place_typed_in_lower_case_or_full_width_is_the_records_place():
    for question in ("上次在qq上学的那次讲了什么", "上次在ＱＱ上学的那次讲了什么"):
        understood = _read(question)
        assert understood.filters["place"] == "QQ" and understood.content == "讲了什么", question
    assert _read("讲了什么", place="ｑｑ线上", dates_from_question=False).filters == {"place": "QQ线上"}


def test_a_date_or_place_in_the_question_set_aside_for_the_filters_given_is_said():
    understood = _read("3月4日那次学习讲了什么", date_from="2020-03-05")
    assert understood.filters == {"date_from": "2020-03-05"}
    assert "问题中的日期未使用" in understood.describe() and "the question's date was not used" in understood.describe()
    understood = _read("在线上学习学的那次讲了什么", place="QQ")
    assert understood.filters == {"place": "QQ"} and "the question's place was not used" in understood.describe()
    assert "not used" not in _read("3月4日那次学习讲了什么").describe()


@pytest.mark.parametrize("question", ["Qu'avons-nous étudié en 2024 et 2025 ?", "Was haben wir 2024 und 2025 gelernt?",
                                      "¿Qué estudiamos en 2024 y 2025?", "Что мы изучали в 2024 и 2025 годах?"])
def test_years_listed_together_in_the_european_languages_take_either(question):
    assert _read_in(question, years=(2024, 2025)).filters == {"either": (
        {"date_from": "2024-01-01", "date_to": "2024-12-31"}, {"date_from": "2025-01-01", "date_to": "2025-12-31"})}


@pytest.mark.parametrize("question", ["2020年3月学了什么？", "2020年3月4日那次学习讲了什么", "2023年以来学过哪些关于粮食安全的内容？"])
def test_a_date_read_from_the_question_alone_is_not_said_to_be_set_aside(question):
    assert "not used" not in _read(question).describe()


@pytest.mark.parametrize("question, content", [
    ("2020年中西医结合学过几次？", "中西医结合学过几次？"),     # the 中 of a term is no `…中` after a date
    ("2020年上海外贸学过几次？", "上海外贸学过几次？"),
    ("2020年学习强国上学了什么", "学习强国上学了什么"),         # an app, not 学习
    ("2020年时代楷模学过几次", "时代楷模学过几次"),
])
def test_the_words_beside_a_question_s_date_stay_in_its_content(question, content):
    understood = _read_in(question, years=(2020,))
    assert understood.filters == {"date_from": "2020-01-01", "date_to": "2020-12-31"}
    assert understood.content == content


@pytest.mark.parametrize("question", ["3月十一二号那次学习讲了什么", "十一二号那次学习", "2020年十一二月学了什么"])
def test_two_numbers_said_together_are_no_crash(question):
    understood = _read_in(question, years=(2020,))
    assert understood.content


def test_the_filters_read_from_the_question_are_told_apart_from_those_given():
    described = _read("上次学习讲了什么", place="QQ").describe()
    assert "= 2020-03-04（从问题中识别 read from the question）; 地点 place: QQ;" in described
    assert not described.endswith("（从问题中识别 read from the question）")
    assert "地点 place: QQ线上（从问题中识别 read from the question）" in _read("在QQ线上学的那次讲了什么").describe()


_MANY_DATES = tuple(f"{y}-{m:02d}-{d:02d}" for y in range(2019, 2027) for m in range(1, 13) for d in (4, 11, 20))


@pytest.mark.parametrize("question, filters", [
    # a month with a year said relative to today, or the last such month
    ("Qu'avons-nous étudié en mars de l'année dernière ?", ("2025-03-01", "2025-03-31")),
    ("Was haben wir im März letzten Jahres gelernt?", ("2025-03-01", "2025-03-31")),
    ("¿Qué estudiamos en marzo del año pasado?", ("2025-03-01", "2025-03-31")),
    ("Что мы изучали в марте прошлого года?", ("2025-03-01", "2025-03-31")),
    ("What did we study last March?", ("2026-03-01", "2026-03-31")),
    ("Qu'avons-nous étudié en mars dernier ?", ("2026-03-01", "2026-03-31")),
    ("Was haben wir im letzten März gelernt?", ("2026-03-01", "2026-03-31")),
    ("¿Qué estudiamos el marzo pasado?", ("2026-03-01", "2026-03-31")),
    # quarters and halves of a year
    ("Qu'avons-nous étudié au premier trimestre 2020 ?", ("2020-01-01", "2020-03-31")),
    ("Was haben wir im ersten Quartal 2020 gelernt?", ("2020-01-01", "2020-03-31")),
    ("Was haben wir in der zweiten Jahreshälfte 2020 gelernt?", ("2020-07-01", "2020-12-31")),
    ("¿Qué estudiamos en el segundo semestre de 2020?", ("2020-07-01", "2020-12-31")),
    ("Что мы изучали в первом квартале 2020 года?", ("2020-01-01", "2020-03-31")),
    ("Что мы изучали во втором полугодии 2020 года?", ("2020-07-01", "2020-12-31")),
    # so many weeks, months or years ago
    ("What did we study three weeks ago?", ("2026-11-09", "2026-11-15")),
    ("Qu'avons-nous étudié il y a deux semaines ?", ("2026-11-16", "2026-11-22")),
    ("Was haben wir vor zwei Wochen gelernt?", ("2026-11-16", "2026-11-22")),
    ("¿Qué estudiamos hace dos semanas?", ("2026-11-16", "2026-11-22")),
    ("Что мы изучали две недели назад?", ("2026-11-16", "2026-11-22")),
    ("2주 전에 무엇을 학습했나요?", ("2026-11-16", "2026-11-22")),
    ("2週間前に何を学習しましたか？", ("2026-11-16", "2026-11-22")),
    ("两周前学了什么？", ("2026-11-16", "2026-11-22")),
    ("三个月前那次学习讲了什么", ("2026-09-01", "2026-09-30")),
    # the last Wednesday (asked on Sunday 2026-12-06), and Wednesday of last week
    ("What did we study last Wednesday?", ("2026-12-02", "2026-12-02")),
    ("Qu'avons-nous étudié mercredi dernier ?", ("2026-12-02", "2026-12-02")),
    ("Was haben wir letzten Mittwoch gelernt?", ("2026-12-02", "2026-12-02")),
    ("¿Qué estudiamos el miércoles pasado?", ("2026-12-02", "2026-12-02")),
    ("Что мы изучали в прошлую среду?", ("2026-12-02", "2026-12-02")),
    ("지난 수요일에 무엇을 학습했나요?", ("2026-12-02", "2026-12-02")),
    ("先週の水曜日に何を学習しましたか？", ("2026-11-25", "2026-11-25")),
    # the session before last, and last time said apart from the session word
    ("What did we study in the session before last?", ("2026-11-20", "2026-11-20")),
    ("Qu'avons-nous étudié l'avant-dernière fois ?", ("2026-11-20", "2026-11-20")),
    ("前々回の学習は？", ("2026-11-20", "2026-11-20")),
    ("지난번에 무엇을 학습했나요?", ("2026-12-04", "2026-12-04")),
    ("前回は何を学習しましたか？", ("2026-12-04", "2026-12-04")),
])
def test_dates_said_in_other_languages_as_chinese_says_them(question, filters):
    understood = read_filters(question, None, None, None, None, True, _MANY_DATES, PLACES, date(2026, 12, 6))
    assert (understood.filters.get("date_from"), understood.filters.get("date_to")) == filters
    assert not re.search(r"\d|mars|März|marzo|марте|trimestre|Quartal|semestre|ago|semaines|Wochen|semanas|недели|"
                         r"Wednesday|mercredi|Mittwoch|miércoles|среду|수요일|水曜|前回|지난번|before last|avant", understood.content)


def test_ten_years_ago_in_the_text_is_no_date():
    assert read_filters("十年前我们国家怎么样", None, None, None, None, True, _MANY_DATES, PLACES,
                        date(2026, 12, 6)).filters == {}


def test_a_question_pasted_whole_from_a_text_is_read_to_its_first_characters(tmp_path, bigram):
    """A 50 k-character question took seconds to read for dates and places before any search."""
    from conftest import searcher_of_records_a_and_b
    from rag.understand import MAX_QUESTION_CHARS
    hits, understood = searcher_of_records_a_and_b(tmp_path, bigram).ask("垃圾分类" + "在QQ" * 25_000, k=1)
    assert hits and understood.cut_from == 4 + 75_000
    assert understood.describe().startswith(f"问题共 75004 字，只读前 {MAX_QUESTION_CHARS} 字")


@pytest.mark.parametrize("question, months", [("三四月份学了什么？", (3, 4)), ("十一二月学了什么", (11, 12))])
def test_two_months_said_as_one_are_both(question, months):
    """`三四月份`: March and April (it was read as a 34th month, and said to be no date)."""
    understood = read_filters(question, None, None, None, None, True, _MANY_DATES, PLACES, date(2026, 12, 6))
    assert understood.filters == {"either": tuple({"month_day": (m, 1, 31)} for m in months)}
    assert understood.content.startswith("什么") and not understood.not_a_date


def test_filters_given_set_aside_a_date_said_in_any_form_and_sessions_counted_within_them_say_so():
    for question in ("What did we study on March 4, 2020?", "去年学了什么", "What did we study last month?"):
        understood = _read(question, date_from="2020-03-01", date_to="2020-03-31")
        assert ("日期", "date") in understood.given_over_question, question
    described = _read("最近两次学习讲了什么", date_from="2020-03-01", date_to="2020-03-05").describe()
    assert "筛选范围内不足最近2次学习" in described and "the sessions within the filters were searched" in described
    assert "all sessions were searched" not in described


@pytest.mark.parametrize("question, filters", [
    ("两三周前学的内容", {}),                      # said roughly: no date (it read 23 weeks back)
    ("两三十个月前学的内容", {}),                  # (it raised a KeyError)
    ("2024年三四月份学了什么", {"date_from": "2024-03-01", "date_to": "2024-04-30"}),
    ("去年三四月份学了什么", {"date_from": "2025-03-01", "date_to": "2025-04-30"}),
    ("저번 달에 학습한 내용은?", {"date_from": "2026-11-01", "date_to": "2026-11-30"}),   # last month, not last time
    ("令和5年前半に何を学習しましたか？", {}),     # an era's year, not five years ago
])
def test_dates_said_roughly_or_by_other_words_are_not_misread(question, filters):
    understood = read_filters(question, None, None, None, None, True, _MANY_DATES, PLACES, date(2026, 12, 6))
    assert understood.filters == filters


def test_sessions_counted_for_a_term_say_how_many_are_dated_after_today():
    """`2023年以来学过几次粮食安全？` counted 15 sessions dated 2027-2041 (typos) and named the last up to
    today as the last: the line now says how many of the count are after today."""
    from rag.understand import _described_term_dates
    line = _described_term_dates("粮食安全", ["2023-03-04", "2024-03-04", "2098-03-15", "2099-03-15"])
    assert "4 次 sessions" in line and "最近 last 2024年3月4日" in line
    assert line.endswith("（其中 2 次日期在今天以后 2 of them dated after today）")
    assert "today" not in _described_term_dates("粮食安全", ["2023-03-04", "2024-03-04"])


def test_days_said_relative_to_today_and_the_last_n_days():
    today = date(2020, 3, 13)
    # `昨天学习的主题`, `前天`, `三天前`: that day (they were not read; a record dated 2041 came first)
    assert _read("昨天学习的主题是什么", today=today).filters == {"date_from": "2020-03-12", "date_to": "2020-03-12"}
    assert _read("前天学了什么", today=date(2020, 3, 13)).filters == {"date_from": "2020-03-11", "date_to": "2020-03-11"}
    understood = _read("九天前学了什么", today=today)
    assert understood.filters == {"date_from": "2020-03-04", "date_to": "2020-03-04"}
    assert "9天前 9 days ago = 2020-03-04" in understood.describe()
    assert _read("昨天的会议精神", today=today).filters == {}        # no session word: content
    # `近7天`: today and the six days before (it was eight days, and counted eight)
    assert _read("近7天学了几次", today=today).filters == {"date_from": "2020-03-07", "date_to": "2020-03-13"}


@pytest.mark.parametrize("question, expected", [
    # a quarter after 前 or 、 was read as another year's quarter (`2023年前三季度` -> 2024's third)
    ("2023年前三季度学了多少次", {"date_from": "2023-01-01", "date_to": "2023-09-30"}),
    ("2020年前半年学了什么", {"date_from": "2020-01-01", "date_to": "2020-06-30"}),
    # two parts of a month (`中下旬` was the whole month)
    ("2020年3月中下旬学了什么", {"date_from": "2020-03-11", "date_to": "2020-03-31"}),
    ("3月上中旬学了什么", {"month_day": (3, 1, 20)}),
    # spans and lists of dates written with dots, dashes or slashes kept one end only
    ("2020-03-04到2020-03-11学了什么", {"date_from": "2020-03-04", "date_to": "2020-03-11"}),
    ("2020年3.4-3.11学了什么", {"date_from": "2020-03-04", "date_to": "2020-03-11"}),
    ("2020.3.4至3.11学了什么", {"date_from": "2020-03-04", "date_to": "2020-03-11"}),
    ("3.4-3.11学了什么", {"month_day": (3, 4, 11)}),
    ("3.4和3.11两次学习分别讲了什么", {"either": ({"month_day": (3, 4)}, {"month_day": (3, 11)})}),
    # numbers with dots that are no dates stay content
    ("年均增长6.5到7.0学过吗", {}), ("2020年1.5亿人学习了什么", {}),
    # a date right before the speech or meeting it dates is the speech's, not a session's
    ("2月23日讲话学过几次", {}), ("3月10日在湖北考察时的讲话学过几次", {}), ("2月14日中央深改委会议精神学过几次", {}),
    ("3月4日学习的讲话讲了什么", {"month_day": (3, 4)}),
])
def test_quarters_month_parts_dotted_spans_and_dates_of_speeches(question, expected):
    assert _read(question, today=date(2020, 12, 1)).filters == expected


def test_a_span_said_before_a_place_is_read_with_it():
    # `上周在线上学了什么` kept the place and dropped the week (the span had to touch the session word)
    today = date(2020, 3, 13)
    understood = _read("上周在线上学了什么", today=today)
    assert understood.filters == {"date_from": "2020-03-02", "date_to": "2020-03-08", "place": "线上"}
    understood = _read("最近三个月在QQ线上学过几次", today=today)
    assert understood.filters == {"date_from": "2019-12-13", "date_to": "2020-03-13", "place": "QQ线上"}
    assert _read("最近三年在脱贫攻坚中学到了什么", today=today).filters == {}      # no session word: content


@pytest.mark.parametrize("question, expected", [
    # two days of a week listed or as a span kept one (`上周三和上周五` searched 上周三 as text)
    ("上周三和上周五的学习分别讲了什么", {"either": ({"date_from": "2020-03-04", "date_to": "2020-03-04"},
                                                   {"date_from": "2020-03-06", "date_to": "2020-03-06"})}),
    ("上周一到上周三学了什么", {"date_from": "2020-03-02", "date_to": "2020-03-04"}),
    ("上周一共学习了几次", {"date_from": "2020-03-02", "date_to": "2020-03-08"}),       # 一共: the week
    # a year's first months or quarters were the whole year
    ("2019年前两个季度学了什么", {"date_from": "2019-01-01", "date_to": "2019-06-30"}),
    ("今年前两个月学了几次", {"date_from": "2020-01-01", "date_to": "2020-02-29"}),
    # `去年同期`: this month of last year (was the whole of last year)
    ("去年同期学了什么", {"date_from": "2019-03-01", "date_to": "2019-03-31"}),
    ("与去年同期相比增长了多少", {}),
])
def test_weekdays_listed_first_months_and_the_same_time_last_year(question, expected):
    assert _read(question, today=date(2020, 3, 13)).filters == expected


def test_an_order_or_year_parted_from_the_session_word_by_a_place_is_read_within_it():
    # the place alone was read (`今年第一次…`), or the order alone, counted among every place's
    # sessions (`在三楼会议室的最后一次学习`: a 腾讯会议 session's date)
    dates = ("2024-03-04", "2024-05-06", "2024-06-11", "2025-03-04", "2025-06-11", "2025-06-17")
    where = dict(zip(dates, ("三楼会议室", "腾讯会议", "三楼会议室", "三楼会议室", "三楼会议室", "腾讯会议")))
    places = ("三楼会议室", "腾讯会议")

    def read(question):
        return read_filters(question, None, None, None, None, True, dates, places, date(2025, 6, 18),
                            tuple(where.items()))
    for question, day in (("今年第一次在三楼会议室学习讲了什么", "2025-03-04"),
                          ("在三楼会议室的最后一次学习是哪天", "2025-06-11"),
                          ("2024年在三楼会议室的第一次学习", "2024-03-04")):
        understood = read(question)
        assert understood.filters == {"date_from": day, "date_to": day, "place": "三楼会议室"}, question
        assert understood.place_from_question == "三楼会议室"
    assert read("在三楼会议室讲了什么").filters == {}          # no session word: content


@pytest.mark.parametrize("question", ["February 30, 2020", "30 février 2020", "30. Februar 2020",
                                      "30 de febrero de 2020", "30 февраля 2020", "2020년 2월 30일"])
def test_a_date_no_calendar_has_typed_alone_in_another_language_is_said(question):
    # said only with a study word (`What did we study on February 30, 2020?`); a valid date typed
    # alone is read as a session's
    understood = _read(question)
    assert understood.filters == {} and understood.not_a_date == "2020年2月30日"
    assert "February 2020 has 29 days" in understood.describe()


@pytest.mark.parametrize("question, expected", [
    # a count or a place after 和/到 is no second weekday (`五个支部`, `三楼会议室`)
    ("上周三和五个支部联合学习了什么", {}),
    ("上周一到周五一共学了几次", {"date_from": "2020-03-02", "date_to": "2020-03-06"}),   # (一共: no number)
    ("3月4日到3月11日一共学了几次", {"month_day": (3, 4, 11)}),
    # up to today, and the study app, are no day
    ("截至今天学习了几次", {}), ("今天学习强国的文章", {}), ("昨天学习强国上看到的文章讲了什么", {}),
])
def test_what_this_rounds_readings_must_not_take(question, expected):
    assert _read(question, today=date(2020, 3, 13)).filters == expected


def test_a_place_after_the_session_word_leaves_the_order_among_all_sessions():
    # `最后一次学习是在三楼会议室吗` asks whether the last session was there: counted among all
    dates = ("2024-03-04", "2024-06-11", "2025-06-11", "2025-06-17")
    where = tuple(zip(dates, ("三楼会议室", "三楼会议室", "三楼会议室", "腾讯会议")))
    understood = read_filters("最后一次学习是在三楼会议室吗", None, None, None, None, True, dates,
                              ("三楼会议室", "腾讯会议"), date(2025, 6, 18), where)
    assert understood.filters == {"date_from": "2025-06-17", "date_to": "2025-06-17"}
    understood = read_filters("2024年最后一次学习在三楼会议室吗", None, None, None, None, True, dates,
                              ("三楼会议室", "腾讯会议"), date(2025, 6, 18), where)
    assert understood.filters == {"date_from": "2024-06-11", "date_to": "2024-06-11"}


@pytest.mark.parametrize("question, expected", [
    ("半年前学了什么", {"date_from": "2019-09-01", "date_to": "2019-09-30"}),       # that month
    ("半个月前学的", {}),
    ("2020年3月前两周学了什么", {"date_from": "2020-03-01", "date_to": "2020-03-14"}),   # (was all of March)
    ("3月份前两周学了什么", {"month_day": (3, 1, 14)}),
])
def test_half_a_year_ago_and_a_months_first_weeks(question, expected):
    assert _read(question, today=date(2020, 3, 13)).filters == expected


@pytest.mark.parametrize("question, expected, content", [
    # a month said alone, then a word counting its sessions (`一共`: no number after the month;
    # 份 stays with its month)
    ("3月一共学了几次", {"month_day": (3, 1, 31)}, "一共学了几次"),
    ("3月份一共学了几次", {"month_day": (3, 1, 31)}, "一共学了几次"),
    # the session word further on than eight characters, behind 组织/开展 … 几次
    ("2020年3月一共组织了几次集中学习", {"date_from": "2020-03-01", "date_to": "2020-03-31"}, "一共组织了几次集中学习"),
    ("3月开展过几次集中学习", {"month_day": (3, 1, 31)}, "开展过几次集中学习"),
    # a month's Nth week: its days 7N-6 to 7N, as 前两周 counts them (it was the whole month)
    ("2020年3月第2周学了什么", {"date_from": "2020-03-08", "date_to": "2020-03-14"}, "什么"),
    ("3月的第二个星期学了什么", {"month_day": (3, 8, 14)}, "什么"),
    ("2020年2月第5周学了什么", {"date_from": "2020-02-29", "date_to": "2020-02-29"}, "什么"),
    # 年初/年底 without a year, before a session word: this year's start, the last year-end begun
    ("年初学了什么", {"date_from": "2020-01-01", "date_to": "2020-01-31"}, "什么"),
    ("年底学习了哪些内容", {"date_from": "2019-12-01", "date_to": "2019-12-31"}, "哪些内容"),
])
def test_a_months_count_its_nth_week_and_a_yearless_year_end(question, expected, content):
    understood = _read(question, today=date(2020, 3, 13))
    assert understood.filters == expected and understood.content == content


@pytest.mark.parametrize("question", [
    "政府工作报告年初提出的目标是什么",       # the text's 年初, no session's
    "2月23日召开了几次会议",                  # a meeting counted, not sessions
])
def test_what_the_month_count_and_year_end_readings_must_not_take(question):
    assert _read(question, today=date(2020, 3, 13)).filters == {}


def test_a_session_held_said_with_everyday_verbs():
    """blind11: `搞/开/办的` say a session was held as `学的` does; `…开的` after `那次学习` is the
    session's own holding, not an event of the text; a year before a seminar's opening is the
    seminar's (研讨班, 开班式: the date filter let the answer through on no index holding 2018)."""
    understood = _read("3月4日那次学习是在哪开的")
    assert understood.filters == {"month_day": (3, 4)}
    understood = _read("3月4日那次集中学习是在什么平台上搞的？")
    assert understood.filters == {"month_day": (3, 4)} and zh.asks_for_sessions(understood.content)
    understood = _read("在QQ上搞的学习，主题是什么？")
    assert understood.filters == {"place": "QQ"} and understood.content == "主题是什么？"
    dates = ("2018-01-05", "2020-03-04")
    understood = read_filters("2018年那次研讨班开班式上列了多少个具体风险？", None, None, None, None, True, dates,
                              PLACES, date(2020, 3, 13))
    assert understood.filters == {}


_R23_DATES = ("2020-03-04", "2020-03-11", "2024-03-08", "2024-03-20", "2025-01-10", "2025-12-26", "2026-02-15",
              "2026-03-04", "2026-11-05", "2026-11-27", "2026-12-02", "2026-12-04")
_R23_PLACES = ("QQ线上", "线上学习", "三楼会议室", "腾讯会议", "支部活动室")
_R23_WHERE = tuple(zip(_R23_DATES, ("QQ线上", "线上学习", "三楼会议室", "腾讯会议", "支部活动室", "三楼会议室",
                                    "腾讯会议", "QQ线上", "支部活动室", "腾讯会议", "三楼会议室", "支部活动室")))


def _read_r23(question):
    return read_filters(question, None, None, None, None, True, _R23_DATES, _R23_PLACES, date(2026, 12, 6), _R23_WHERE)


@pytest.mark.parametrize("question, expected", [
    # a probe of 206 everyday session questions (stop 50): each of these was read wrongly
    ("再上一次学习讲了什么", {"date_from": "2026-12-02", "date_to": "2026-12-02"}),      # (was the latest)
    ("上次那个学习是在哪开的", {"date_from": "2026-12-04", "date_to": "2026-12-04"}),
    ("上次办的学习在哪", {"date_from": "2026-12-04", "date_to": "2026-12-04"}),
    ("上回学的东西", {"date_from": "2026-12-04", "date_to": "2026-12-04"}),
    ("线上开了几次学习", {"place": "线上"}),                        # (was every session counted)
    ("三楼会议室一共开了几次学习", {"place": "三楼会议室"}),
    ("腾讯会议上开过几次学习会", {"place": "腾讯会议"}),
    ("上个月在腾讯会议上开的那次学习讲了什么",
     {"date_from": "2026-11-01", "date_to": "2026-11-30", "place": "腾讯会议"}),     # (上个月 was searched)
    ("最近一个月开了几次学习", {"date_from": "2026-11-06", "date_to": "2026-12-06"}),
    ("11月中旬以后学了几次", {"date_from": "2026-11-11"}),
    ("从11月到现在学了几次", {"date_from": "2026-11-01"}),
    ("上个月月底那次学习讲的啥", {"date_from": "2026-11-21", "date_to": "2026-11-30"}),
    # a place opening the question before an order word, without 在 (the latest of all was answered)
    ("三楼会议室上次学的是什么", {"date_from": "2026-12-02", "date_to": "2026-12-02", "place": "三楼会议室"}),
    # part of a place right after an order word opening the question (every session was listed)
    ("上次线上学习是什么时候", {"date_from": "2026-03-04", "date_to": "2026-03-04", "place": "线上"}),
    # the place said after the sessions asked for (every session was counted)
    ("哪几次学习是在线上进行的", {"place": "线上"}), ("在线上学习的有几次", {"place": "线上"}),
    ("哪些学习是用腾讯会议搞的", {"place": "腾讯会议"}),
    ("今年哪几次学习是在三楼会议室开的？", {"date_from": "2026-01-01", "date_to": "2026-12-31", "place": "三楼会议室"}),
    # part of a place between an order word and the study word (neither was read)
    ("最近一次在QQ上学习的主题", {"date_from": "2026-03-04", "date_to": "2026-03-04", "place": "QQ"}),
    ("上个月共组织了几次集中学习", {"date_from": "2026-11-01", "date_to": "2026-11-30"}),     # 共 alone
])
def test_everyday_session_questions(question, expected):
    assert _read_r23(question).filters == expected


@pytest.mark.parametrize("question", [
    "3月份办了几次企业座谈会",        # a count the text gives, of meetings it names
    "2020年进行了几次人口普查",
    "党中央开了几次会研究疫情防控",
    "哪些措施是在线上进行的",         # no sessions asked for
])
def test_counts_of_what_the_text_tells_are_no_session_filter(question):
    assert _read_r23(question).filters == {}


def test_a_place_asked_as_where_asks_about_the_session():
    understood = _read_r23("十一月五号那次学习在哪个地方")
    assert understood.filters == {"month_day": (11, 5)} and zh.asks_for_sessions(understood.content)
    # a place's name opening a question about something else is content
    assert _read_r23("腾讯会议上次更新了什么功能").filters == {}


@pytest.mark.parametrize("question, expected, sessions_asked", [
    # English session questions the probe found unread (stop 50)
    ("Which platform did we use last time?", {"date_from": "2026-12-04", "date_to": "2026-12-04"}, True),
    ("Where did we meet last time?", {"date_from": "2026-12-04", "date_to": "2026-12-04"}, True),
    ("Who chaired the last session?", {"date_from": "2026-12-04", "date_to": "2026-12-04"}, True),
    ("What did we study the day before yesterday?", {"date_from": "2026-12-04", "date_to": "2026-12-04"}, True),
    ("What did we study two days ago?", {"date_from": "2026-12-04", "date_to": "2026-12-04"}, True),
    # a quarter written Q1 … Q4 in a Chinese question
    ("今年Q1学了什么", {"date_from": "2026-01-01", "date_to": "2026-03-31"}, True),
    ("2024年Q1学了什么", {"date_from": "2024-01-01", "date_to": "2024-03-31"}, True),
])
def test_english_session_questions_and_quarters_written_q(question, expected, sessions_asked):
    from rag.crosslingual import asks_for_sessions_english
    understood = _read_r23(question)
    assert understood.filters == expected
    asks = asks_for_sessions_english if re.search(r"[A-Za-z]{3}", understood.content) else zh.asks_for_sessions
    assert asks(understood.content) == sessions_asked


@pytest.mark.parametrize("question", ["What did the report say about yesterday's meeting?",
                                      "Where did the virus come from?", "GDP同比增长Q1"])
def test_english_and_q_words_that_name_no_session(question):
    assert _read_r23(question).filters == {}


@pytest.mark.parametrize("question, expected", [
    # blind12 (stop 50): a month in Chinese numerals without 份 before a session or order word, and
    # 那回 naming the session (the month was searched as text, or every session counted)
    ("三月学了什么？", {"month_day": (3, 1, 31)}),
    ("十一月那次学习在哪搞的？", {"month_day": (11, 1, 31)}),
    ("三月头一回集中学习是在哪个平台上搞的？", {"date_from": "2020-03-04", "date_to": "2020-03-04"}),
    ("3月4号那回学习是在哪儿搞的？", {"month_day": (3, 4)}),
    ("阳春三月学习了什么", {}), ("烟花三月的学习", {}),
])
def test_a_month_in_chinese_numerals_and_na_hui(question, expected):
    assert _read(question, today=date(2020, 3, 13)).filters == expected


def test_a_relative_date_in_the_content_stays_as_written_when_another_date_is_read():
    """blind12: `今年` in the content was written out (2026年) though the date read was 三月中旬: the
    records' own 今年 no longer matched, and 2026's passages gained."""
    understood = read_filters("今年应届大学生找工作难，三月中旬学的那篇讲话怎么说？", None, None, None, None, True,
                              ("2020-03-11",), PLACES, date(2026, 12, 6))
    assert understood.filters == {"month_day": (3, 11, 20)}
    assert understood.content == "今年应届大学生找工作难，学的那篇讲话怎么说？"
    # the relative date read itself is still taken out
    understood = read_filters("今年3月4日那次学习讲了什么", None, None, None, None, True, ("2026-03-04",), PLACES,
                              date(2026, 12, 6))
    assert understood.filters == {"date_from": "2026-03-04", "date_to": "2026-03-04"} and understood.content == "讲了什么"


_EVERY_MONTH = tuple(f"{y}-{m:02d}-04" for y in range(2020, 2027) for m in range(1, 13))


@pytest.mark.parametrize("question", [
    # a probe of 323 content questions (stop 50): this stop's new readings took these as sessions
    "年初那次疫情是怎么控制住的？", "年底那次中央经济工作会议提出了什么？", "年初那几次寒潮造成了什么影响？",
    "二月那次会议讲了什么？", "十月那次全会通过了什么？", "三月学习强国上发布了什么？",
    "Where did we host the Winter Olympics in 2022?", "In 2020, where did we send medical teams?",
    "招聘会有几次是在线上开的？", "签约项目中哪些是在线上进行的？",
    "Q1学习型社会建设有什么进展？", "3月份开展了几次活动？", "2023年组织了几次活动？",
    "线上那次招商会签了多少项目？",       # (older: a place before 那次 and an event of the text)
    # (review r25: 搞/开/办的 before 那次 and an event of the text; 前/近/每 before a month's number)
    "在QQ上办的那次展会有多少人参加？", "用QQ线上开的那次发布会说了什么？", "在三楼会议室搞的那次抽奖有多少人参加？",
    "前三月学了几次？", "近三月学习情况怎么样？", "每三月学习一次的制度是什么？",
])
def test_content_questions_this_stops_readings_must_not_take(question):
    understood = read_filters(question, None, None, None, None, True, _EVERY_MONTH, ("QQ线上", "三楼会议室"),
                              date(2026, 12, 6))
    assert understood.filters == {}


@pytest.mark.parametrize("question, expected", [
    ("年初学了什么", {"date_from": "2026-01-01", "date_to": "2026-01-31"}),
    ("年底那次学习讲了什么", {"date_from": "2026-12-01", "date_to": "2026-12-31"}),     # (asked in December)
    ("三月学了什么", {"month_day": (3, 1, 31)}),
    ("Which platform did we use last time?", {"date_from": "2026-12-04", "date_to": "2026-12-04"}),
    ("哪几次学习是在线上进行的", {"place": "线上"}),
    ("在QQ上那次的主题是什么", {"place": "QQ"}), ("在三楼会议室那次讲了什么", {"place": "三楼会议室"}),
    ("在QQ上搞的那次讲了什么", {"place": "QQ"}), ("用QQ线上开的那次主题是什么", {"place": "QQ线上"}),
    ("在QQ上办的那次学习讲了什么", {"place": "QQ"}),
])
def test_and_the_session_questions_they_read(question, expected):
    understood = read_filters(question, None, None, None, None, True, _EVERY_MONTH + ("2026-12-04",),
                              ("QQ线上", "三楼会议室"), date(2026, 12, 6))
    assert understood.filters == expected


def test_a_meeting_asked_about_is_no_list_of_sessions():
    assert not zh.asks_for_sessions("开了什么会？") and zh.asks_for_sessions("是在哪开的")
    assert not zh.asks_for_sessions("上次那个会议说了什么？")
    # words saying sessions were held, in a question about studying: the sessions are the answer
    for content in ("总共开了几次学习会", "搞了几次学习", "全年共开展几次学习", "那几次讲了什么", "弄的那个学习讲啥了",
                    "两次学习分别讲了什么"):
        assert zh.asks_for_sessions(content), content


@pytest.mark.parametrize("question, expected, sessions_asked", [
    # left unread at stop 50: the start or end of a year in English (read as the whole year), and a
    # place with `did we meet` (meeting was no word about studying)
    ("What did we study at the end of last year?", {"date_from": "2025-12-01", "date_to": "2025-12-31"}, True),
    ("What did we study in early 2024?", {"date_from": "2024-01-01", "date_to": "2024-01-31"}, True),
    ("What did we study in late 2023?", {"date_from": "2023-12-01", "date_to": "2023-12-31"}, True),
    ("What did we study at the beginning of this year?", {"date_from": "2026-01-01", "date_to": "2026-01-31"}, True),
    ("What did we study at the end of the year?", {"date_from": "2026-12-01", "date_to": "2026-12-31"}, True),
    # after a span word it opens or closes the span
    ("What did we study from 2022 to the end of 2023?", {"date_from": "2022-01-01", "date_to": "2023-12-31"}, True),
    ("What did we study since the end of 2023?", {"date_from": "2023-12-01"}, True),
    ("What did we study before the end of 2020?", {"date_to": "2020-12-31"}, True),
    ("How many times did we meet on Tencent Meeting?", {"place": "腾讯会议"}, True),
    ("How many times did we meet online?", {"place": "线上"}, True),
])
def test_year_ends_and_meeting_places_in_english(question, expected, sessions_asked):
    from rag.crosslingual import asks_for_sessions_english
    understood = _read_r23(question)
    assert understood.filters == expected
    assert asks_for_sessions_english(understood.content) == sessions_asked


@pytest.mark.parametrize("question", [
    # a year-end of the text: `covered by` is no word about studying (blind8 read all of 2025)
    "At the end of last year, how many people already lifted out of poverty were covered by the nationwide "
    "comprehensive check?",
    "When did the leaders meet in Beijing?", "What did the report say about the end of the year 2020 goals?",
])
def test_english_year_ends_and_meetings_of_the_text_are_no_filter(question):
    assert _read_r23(question).filters == {}


@pytest.mark.parametrize("question, expected", [
    # a place before `开的会` or after an opening 那次 (left unread at stop 50: every session was listed)
    ("那次在三楼会议室开的会学了啥", {"place": "三楼会议室"}),
    ("在三楼会议室开的那次会学了啥", {"place": "三楼会议室"}),
    ("在腾讯会议上开的会是什么主题", {"place": "腾讯会议"}),
    ("那次在线上学习讲了什么", {"place": "线上"}),
    ("那次在QQ上开的会讲了什么", {"place": "QQ"}),
])
def test_a_place_before_kai_de_hui_or_after_na_ci(question, expected):
    understood = _read_r23(question)
    assert understood.filters == expected and zh.asks_for_sessions(understood.content)


@pytest.mark.parametrize("question", ["在线上开的会签了多少项目", "在线上开的会议决定了什么", "在线上学习要注意什么"])
def test_a_meeting_of_the_text_held_at_a_place_is_no_filter(question):
    assert _read_r23(question).filters == {}


@pytest.mark.parametrize("question, expected", [
    # blind13 (stop 51): a word of holding between the order word and 那次 (no filter was read)
    ("咱们最早办的那次集中学习学的是哪个会议？", {"date_from": "2020-03-04", "date_to": "2020-03-04"}),
    ("最后开的那次学习讲了什么", {"date_from": "2026-12-04", "date_to": "2026-12-04"}),
    ("最早搞的那次学习在哪", {"date_from": "2020-03-04", "date_to": "2020-03-04"}),
    ("在QQ上办的那次学习讲了什么", {"place": "QQ"}),          # (上办的那次 is no order: a place's)
    # 网上 for the places written 线上
    ("在网上学的那次主题是什么", {"place": "线上"}),
    ("三月中旬那次在网上开的学习会，学的那篇讲话原来是哪天讲的？", {"place": "线上", "month_day": (3, 11, 20)}),
])
def test_order_words_with_a_word_of_holding_and_places_said_otherwise(question, expected):
    assert _read_r23(question).filters == expected


@pytest.mark.parametrize("question", [
    # a date of the text before 那天 and its content (blind13: every year's March 1 was filtered on)
    "3月1日那天重症和危重症病人还剩多少？", "2月23日那天全国确诊病例有多少",
    "网上购物怎么发展", "在网上销售的农产品有多少",
])
def test_a_day_of_the_text_and_net_words_of_the_text_are_no_filter(question):
    assert _read_r23(question).filters == {}


def test_the_day_of_a_visit_of_the_text_is_no_filter():
    """blind17: `2月10日在北京调研那天…` is the day of a visit the speech tells of; among the scale
    records, sessions held on a February 10 were filtered on, and the answer was hidden."""
    dates = _R23_DATES + ("2023-02-10",)
    question = "2月10日在北京调研那天，总书记是通过什么方式同湖北前方沟通的？"
    assert read_filters(question, None, None, None, None, True, dates, _R23_PLACES, date(2026, 12, 6)).filters == {}
    assert read_filters("2月10日那天学了什么", None, None, None, None, True, dates, _R23_PLACES,
                        date(2026, 12, 6)).filters == {"month_day": (2, 10)}


def test_a_day_of_the_text_before_a_comma_is_no_filter():
    """blind30: `3月1日那天，全国还有多少…` asks of a day the speech tells of; among the scale records,
    sessions held on a March 1 were filtered on, and the answer was hidden. A session's day before a
    comma is still read when the question goes on about studying, speaking or the header."""
    dates = _R23_DATES + ("2023-03-01",)
    read = lambda question: read_filters(question, None, None, None, None, True, dates, _R23_PLACES,
                                         date(2026, 12, 6)).filters
    assert read("3月1日那天，全国还有多少重症和危重症病人？") == {}
    for question in ("3月1日那天，我们学了什么？", "3月1日那天，讲话说了什么", "3月1日那天，学习地点在哪"):
        assert read(question) == {"month_day": (3, 1)}, question


def test_a_session_day_before_natian_is_still_read():
    for question in ("3月4日那天学了什么", "3月4日那天讲了什么", "3月4日当天在哪学的", "3月4日那天的学习主题",
                     "3月4日那天，我们学了什么？", "3月4日那天，关于复工复产说了什么？", "3月4日那天，主题是什么"):
        assert _read_r23(question).filters == {"month_day": (3, 4)}, question


@pytest.mark.parametrize("content", ["是在啥平台上弄的？", "在啥地方学的", "是用什么软件学的", "搞的那次学习是在啥平台上弄的？"])
def test_spoken_question_words_ask_for_the_sessions_as_written_ones_do(content):
    """blind13: `在啥平台上学的` was searched as text (平台 matched a monitoring platform)."""
    assert zh.asks_for_sessions(content)
    assert not zh.asks_for_sessions("啥平台最好用")


def test_a_year_start_before_an_event_of_the_text_is_no_whole_year():
    """blind14: `2018年初那次专题研讨班…` became all of 2018 (the year-start was no session's, so the year
    alone was read) with a stray 初 searched."""
    dates = ("2018-01-10", "2018-06-11", "2020-03-04")
    understood = read_filters("2018年初那次专题研讨班上列出了多少个具体风险？", None, None, None, None, True, dates, PLACES,
                              date(2026, 12, 6))
    assert understood.filters == {} and understood.content == "2018年初那次专题研讨班上列出了多少个具体风险？"
    for question, month in (("2018年初那次学习讲了什么？", "01"), ("2018年底学了什么", "12"), ("2018年末学了什么", "12")):
        understood = read_filters(question, None, None, None, None, True, dates, PLACES, date(2026, 12, 6))
        last = "31"
        assert understood.filters == {"date_from": f"2018-{month}-01", "date_to": f"2018-{month}-{last}"}, question


@pytest.mark.parametrize("question", ["What did we study in the meeting room on the third floor?",
                                      "What did we study in the meeting room on floor 3?"])
def test_an_english_place_with_its_floor_after_it(question):
    """`in the meeting room on the third floor` read 会议室 (every meeting room), `on the third floor`
    searched as text; the records write the floor first (三楼会议室)."""
    understood = _read_r23(question)
    assert understood.filters == {"place": "三楼会议室"} and understood.content == "What did we study?"


@pytest.mark.parametrize("question, on, content", [
    ("3月4日那次之后，下一次集中学习是在哪一天？", "2020-03-11", "是在哪一天？"),
    ("3月4日那次学习的下一次讲了什么", "2020-03-11", "讲了什么"),
    ("3月4日之后的第一次学习讲了什么", "2020-03-11", "讲了什么"),
    ("3月11日那次的上一次学习在哪？", "2020-03-04", "在哪？"),
    ("2020年3月11日之前的那次学习是在哪里？", "2020-03-04", "是在哪里？"),
    ("三月十一号那回的前一次学的是什么", "2020-03-04", "是什么"),
    ("Where was the session after the one on March 4 held?", "2020-03-11", "Where was held?"),
    ("What was the topic of the study session before March 11, 2020?", "2020-03-04", "What was the topic?"),
])
def test_a_session_named_as_the_next_or_the_one_before_another(question, on, content):
    understood = _read(question)
    assert understood.filters == {"date_from": on, "date_to": on} and understood.content == content
    assert understood.neighbour[2] == (on,)
    assert f"= {on}（从问题中识别 read from the question）" in understood.describe()
    assert ("the session after" if on == "2020-03-11" else "the session before") in understood.describe()


def test_the_next_session_after_the_last_is_said_not_to_be_and_all_are_searched():
    understood = _read("3月11日那次之后的下一次学习讲了什么？")
    assert understood.filters == {} and understood.content == "讲了什么？"
    assert "记录中没有3月11日那次的下一次学习" in understood.describe()
    assert "the records hold no session after 3月11日" in understood.describe()
    described = _read("What did we study in the session after March 11?").describe()
    assert "记录中没有3月11日那次的下一次学习" in described and "no session after March 11;" in described
    # a date named each year: the session after each
    dates = ("2020-03-04", "2020-03-11", "2021-03-04", "2021-05-01")
    understood = read_filters("3月4日那次之后，下一次学习讲了什么", None, None, None, None, True, dates, PLACES)
    assert understood.filters == {"either": ({"date_from": "2020-03-11", "date_to": "2020-03-11"},
                                             {"date_from": "2021-05-01", "date_to": "2021-05-01"})}


@pytest.mark.parametrize("question", ["上次学习讲了什么", "下一次学习什么时候", "3月4日那次学习讲了什么",
                                      "那次之后下次学什么", "3月4日以后第一线的医护人员"])
def test_words_of_next_or_before_without_a_session_date_before_them_name_no_neighbour(question):
    assert zh.split_neighbour_session(question)[0] == 0


@pytest.mark.parametrize("question", ["What did we study in the session before the last?",
                                      "What did we study in the next session?", "What happened after March 4?"])
def test_english_words_of_next_or_before_without_a_session_and_date_name_no_neighbour(question):
    from rag.crosslingual import split_neighbour_session_english
    assert split_neighbour_session_english(question)[0] == 0


def test_a_place_before_that_one_session_is_read():
    for question in ("在QQ上集中学习的那一次，学的是哪次会议的精神？", "在QQ上学的那一回，主题是什么？"):
        assert _read(question).filters == {"place": "QQ"}


@pytest.mark.parametrize("question, filters, field_asked", [
    # metadata2 (stop 56): each of these was read wrongly or searched as text
    ("两次集中学习里，先开展的那次是哪天？", {"date_from": "2020-03-04", "date_to": "2020-03-04"}, True),
    ("两次学习中较早那次的学习主题是？", {"date_from": "2020-03-04", "date_to": "2020-03-04"}, True),
    ("在QQ上组织的那场学习，日期是？", {"place": "QQ"}, True),                   # 那场 as 那次
    ("3·4那次学习是通过什么渠道开展的？", {"month_day": (3, 4)}, True),          # a middle dot
    ("3月初那次集中学习的场所是？", {"month_day": (3, 1, 10)}, True),
    ("3月4日那次是个人自学还是集中学习？", {"month_day": (3, 4)}, True),         # either of two forms
    ("3月4日那次学习是在会议室线下学的，还是在网上？", {"month_day": (3, 4)}, True),
    ("三月十一号那场学习，记录上的地点写的啥？", {"month_day": (3, 11)}, True),
    ("三月第一次学习围绕什么内容展开？", {"date_from": "2020-03-04", "date_to": "2020-03-04"}, True),
])
def test_a_session_asked_for_in_more_everyday_words(question, filters, field_asked):
    understood = _read(question)
    assert understood.filters == filters
    assert zh.asks_for_sessions(understood.content) is field_asked


@pytest.mark.parametrize("question, filters, asked", [
    # whether a session was held at a place or in a form, yes or no: what is asked, never a filter
    # (a filter would leave out the session if it was held elsewhere)
    ("学部署会议讲话那回是在网上学的吗？", {}, "网上"),
    ("3月4日那次学习是在QQ上吗？", {"month_day": (3, 4)}, "QQ"),
    ("3月11日那次学习是线上进行的吗？", {"month_day": (3, 11)}, "线上"),
    ("深改委那次学习是不是集中学习？", {}, "集中"),
    ("学脱贫攻坚座谈会讲话那次，是不是在会议室学的？", {}, "会议室"),
    ("3月4日那次学习是自学吗？", {"month_day": (3, 4)}, "自学"),
])
def test_whether_a_session_was_held_at_a_place_asks_for_the_session(question, filters, asked):
    assert zh.asks_whether_held(question) == asked
    understood = _read(question)
    assert understood.filters == filters
    assert zh.asks_about_session(understood.content) or zh.asks_for_sessions(understood.content)


def test_how_a_session_named_by_its_date_was_held():
    """`3月11日那次集中学习是线下开会还是网上进行的？`: the date took the word of studying with it, and
    what is left still asks how the session was held (search.py answers with its header)."""
    understood = _read("3月11日那次集中学习是线下开会还是网上进行的？")
    assert understood.filters == {"month_day": (3, 11)} and zh.asks_how_held(understood.content)
    assert zh.asks_how_held("用的什么平台？") and zh.asks_how_held("是自学还是集中学的？")
    # where a meeting the text names was held is asked of the text
    assert not zh.asks_how_held("那次会议是在哪里召开的？") and not zh.asks_how_held("讲了什么？")


@pytest.mark.parametrize("question", ["深改委会议是不是强调了要完善应急物资保障？", "疫情防控是不是要依靠群众？",
                                      "这次疫情是不是新中国成立以来传播速度最快的？", "在QQ上学的那次讲了什么？",
                                      "座谈会是在线上开的", "3月4日学的是深改委会议吗？"])
def test_a_yes_or_no_question_about_the_text_is_no_question_of_place(question):
    assert zh.asks_whether_held(question) == ""


SEED_TOPICS = (("2020-03-04", "习近平主持召开中央全面深化改革委员会第十二次会议强调 完善重大疫情防控体制机制 健全国家公共卫生应急管理体系"),
               ("2020-03-11", "习近平：在统筹推进新冠肺炎疫情防控和经济社会发展工作部署会议上的讲话"))


@pytest.mark.parametrize("question, filters, topic, content", [
    ("以完善重大疫情防控体制机制为主题的那期支部学习，是借助什么平台在网上开展的？",
     {"date_from": "2020-03-04", "date_to": "2020-03-04"}, "完善重大疫情防控体制机制", "那期支部学习，是借助什么平台在网上开展的？"),
    ("学习记录里，以部署会议讲话为学习主题的那一期，时间一栏写的是哪天？",       # the topic's words, not all in a row
     {"date_from": "2020-03-11", "date_to": "2020-03-11"}, "部署会议讲话", "学习记录里，那一期，时间一栏写的是哪天？"),
    ("学习主题是“部署会议讲话”的那次，在哪里学的？", {"date_from": "2020-03-11", "date_to": "2020-03-11"},
     "部署会议讲话", "那次，在哪里学的？"),
    # a topic no session has stays the question's content; words of the text are no topic
    ("以党史为主题的那期学习是哪天？", {}, "", "以党史为主题的那期学习是哪天？"),
    ("会议强调以人民为中心的发展思想是什么？", {}, "", "会议强调以人民为中心的发展思想是什么？"),
])
def test_a_session_named_by_its_topic_is_read_as_its_dates(question, filters, topic, content):
    understood = read_filters(question, None, None, None, None, True, DATES, PLACES, None, DATE_PLACES,
                              date_topics=SEED_TOPICS)
    assert understood.filters == filters and understood.topic_named == topic and understood.content == content
    if topic:
        assert f"学习主题为“{topic}”的学习" in understood.describe()
    # without the topics (an index of another kind), nothing is read
    assert _read(question).filters == {}


def test_a_place_ending_in_shang_before_natci_is_no_last_time():
    """`用QQ线上那次学习…` was read as `上那次`, the latest session: 上 names the last time only as
    `上次` / `上一次`."""
    understood = _read("用QQ线上那次学习采用的方式是？")
    assert understood.filters == {"place": "QQ线上"} and understood.session_order is None
    assert zh.split_session_order("上次学习讲了什么？") == (-1, "讲了什么？")
    assert zh.split_session_order("那场疫情以后学了什么")[0] is None
    assert zh.session_words_written("那场疫情以后，在QQ上组织的那场学习") == "那场疫情以后，在QQ上组织的那次学习"


def test_an_either_or_of_forms_in_english_asks_for_the_session():
    understood = _read("Was the session held over QQ a group study or self-study?")
    assert understood.filters == {"place": "QQ"}
    from rag.crosslingual import asks_for_sessions_english
    assert asks_for_sessions_english(understood.content)


@pytest.mark.parametrize("question, filters, content", [
    # blind32 (stop 59): a date said in brackets after the session word, and a date beside an order
    ("第二次集中学习（3月11号）围绕什么主题展开？", {"month_day": (3, 11)}, "围绕什么主题展开？"),
    ("第一次学习(2020年3月4日)讲了什么", {"date_from": "2020-03-04", "date_to": "2020-03-04"}, "讲了什么"),
    ("3月11号第二次集中学习围绕什么主题展开？", {"month_day": (3, 11)}, "围绕什么主题展开？"),
    # an order, a place or a weekday in brackets
    ("3月4日（第一次）学习的主题是什么？", {"month_day": (3, 4)}, "主题是什么？"),
    ("第一次学习（QQ线上）讲了哪些内容？", {"date_from": "2020-03-04", "date_to": "2020-03-04", "place": "QQ线上"},
     "讲了哪些内容？"),
    ("3月4日（周三）学习的主题", {"month_day": (3, 4)}, "主题"),
    # a month and day with a slash or a dash, before a session word
    ("3-11学习的主题", {"month_day": (3, 11)}, "主题"),
    ("3/4那次学习讲了什么", {"month_day": (3, 4)}, "讲了什么"),
])
def test_a_bracketed_date_and_a_date_beside_an_order_name_the_session(question, filters, content):
    understood = _read(question)
    assert understood.filters == filters and understood.content == content
    assert "没有第" not in understood.describe()        # the day named the session; no order to fail


def test_a_day_beside_an_order_is_not_counted_within_over_the_years():
    """`第二次集中学习（3月11号）` with 3月11日 sessions in several years: those sessions, not the
    second of them (2021's); a span still counts the order within it."""
    dates = ("2020-03-04", "2020-03-11", "2021-03-11", "2022-03-11")
    read = lambda q: read_filters(q, None, None, None, None, True, dates, PLACES, date(2026, 12, 6))
    assert read("第二次集中学习（3月11号）围绕什么主题展开？").filters == {"month_day": (3, 11)}
    assert read("2020年3月第二次学习讲了什么").filters == {"date_from": "2020-03-11", "date_to": "2020-03-11"}


@pytest.mark.parametrize("question", [
    "讲话（2月23日）里说了什么",          # the speech's date, not a session's
    "学了2-3次的内容",                    # a count
    "1/3的人参加了什么",                  # a share
])
def test_dates_that_are_not_a_sessions_stay_in_the_question(question):
    assert "month_day" not in _read(question).filters


@pytest.mark.parametrize("question", [
    "3月4号学习用的是哪个聊天软件组织的？",
    "3月11日的学习用的什么app？",
    "3月4日和3月11日的学习地点一样吗",
    "两次学习的方式有什么不同？",
    "3月11日那场学习的记录里，地点一栏填的是什么？",      # blind33: a field of the record's header
])
def test_platforms_and_comparisons_ask_about_the_sessions_themselves(question):
    from rag.zh import asks_for_sessions
    assert asks_for_sessions(_read(question).content)


def test_a_day_asked_of_a_session_named_by_its_day_is_the_text_s():
    """blind36: `3月4日学的那篇会议通稿，会议本身是哪天…？` names the session by its day, so the day it
    asks is one its text tells of (the meeting's): a content question, not one asking when we studied."""
    from rag.zh import asks_when_studied
    read = _read_r23("3月4日学的那篇会议通稿，会议本身是哪天、由谁主持开的？")
    assert read.filters == {"month_day": (3, 4)} and read.content == "那篇会议通稿，会议本身是哪天、由谁主持开的？"
    assert not asks_when_studied(read.content)
    assert _read_r23("3月11日学的那篇讲话是哪天发表的？").content == "那篇讲话是哪天发表的？"
    # (the header answers `学的是…哪次会议？` and a topic-named session's `时间一栏写的是哪天？`: blind8, blind28)
    assert _read_r23("2020年3月4日那次集中学习，学的是习近平主持的哪次会议？").content == "学的是习近平主持的哪次会议？"
    # a question asking what was studied that day is still about the session
    assert _read_r23("3月4日那次学的讲话讲了什么").content.startswith("学的")
    # no day named: when we studied it is what is asked
    assert asks_when_studied(_read_r23("我们哪天学的脱贫攻坚讲话？").content)


def test_how_a_session_was_held_said_before_its_study_word_goes_with_the_date():
    """`三月中旬那次网上集中学习，…`: 网上 says how the dated session was held; left in the question
    it matched `统筹网上网下` in a paragraph of the text."""
    understood = _read("三月中旬那次网上集中学习，学的讲话出自哪场工作部署会议？")
    assert understood.filters == {"month_day": (3, 11, 20)}
    assert understood.content == "学的讲话出自哪场工作部署会议？"
    assert _read("3月11日那次线上学习讲了什么？").content == "讲了什么？"
    # in person or through an app, asked of the dated session (blind38)
    understood = _read("3月4日那回学习，大伙是当面坐一起学，还是用聊天软件远程学的？")
    assert understood.filters == {"month_day": (3, 4)} and zh.asks_how_held(understood.content)
    assert not zh.asks_how_held("要当面听取意见")
    # the record's field asked, whatever else is said (blind41)
    understood = _read("记得3月4号那次学习没在党员活动室开，记录上地点写的哪儿？")
    assert understood.filters == {"month_day": (3, 4)} and zh.asks_how_held(understood.content)
    assert zh.asks_how_held("地点一栏填的什么？") and not zh.asks_how_held("座谈会是在哪里召开的？")
    # a session by its order, then 所学 (blind42); at which meeting the speech studied was given: the
    # header's topic says it, not a meeting the text tells of
    understood = _read("第二次集中学习所学的那篇讲话，原本是在什么会上发表的？")
    assert understood.filters == {"date_from": "2020-03-11", "date_to": "2020-03-11"}
    assert zh.asks_about_session(understood.content)
    assert zh.asks_about_session("我们学的那篇讲话是在哪个会上讲的？")
    assert not zh.asks_about_session("学的科研攻关那篇讲话里，提到总书记前不久在哪个会上作过讲话？")
    # not a place of the text: `3月4日那次现场会` keeps its meeting
    assert "现场会" in _read("3月4日那次现场会开得怎么样？").content
