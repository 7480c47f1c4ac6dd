"""French, German, Spanish and Russian questions about the sessions (rag/european.py)."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import searcher_of_records_a_and_b
from rag import crosslingual
from rag.european import (asks_about_session_european, asks_for_sessions_european, asks_when_studied_european,
                          date_alone_european, split_session_date_european)
from rag.zh import date_filter


@pytest.mark.parametrize("question, expected", [
    ("Qu'avons-nous étudié le 4 mars 2020 ?", ("2020年3月4日", "Qu'avons-nous étudié?")),
    ("Quel était le thème de la séance du 11 mars ?", ("3月11日", "Quel était le thème de la séance?")),
    ("Qu'avons-nous appris en mars 2020 ?", ("2020年3月", "Qu'avons-nous appris?")),
    ("Qu'avons-nous étudié en 2020 ?", ("2020年", "Qu'avons-nous étudié?")),
    ("Was haben wir am 4. März 2020 gelernt?", ("2020年3月4日", "Was haben wir gelernt?")),
    ("Was war das Thema der Sitzung vom 11. März?", ("3月11日", "Was war das Thema der Sitzung?")),
    ("Was haben wir im März 2020 gelernt?", ("2020年3月", "Was haben wir gelernt?")),
    ("Was haben wir im Jahr 2019 gelernt?", ("2019年", "Was haben wir gelernt?")),
    ("Was haben wir 2019 gelernt?", ("2019年", "Was haben wir gelernt?")),     # German: a year alone
    ("Was wurde 2020 in der Sitzung gelernt?", ("2020年", "Was wurde in der Sitzung gelernt?")),
    ("Was haben wir über die Ziele 2020 gelernt?", (None, "Was haben wir über die Ziele 2020 gelernt?")),
    ("¿Qué estudiamos el 4 de marzo de 2020?", ("2020年3月4日", "¿Qué estudiamos?")),
    ("¿Cuál fue el tema de la sesión del 11 de marzo?", ("3月11日", "¿Cuál fue el tema de la sesión?")),
    ("Что мы изучали 4 марта 2020 года?", ("2020年3月4日", "Что мы изучали?")),
    ("Что мы изучали в марте 2020 года?", ("2020年3月", "Что мы изучали?")),
    ("Что мы изучали в 2020 году?", ("2020年", "Что мы изучали?")),
    # parts of a month, as 上旬 / 中旬 / 下旬
    ("Qu'avons-nous étudié début mars 2020 ?", ("2020年3月上旬", "Qu'avons-nous étudié?")),
    ("Quel était le thème de la séance de la mi-mars ?", ("3月中旬", "Quel était le thème de la séance?")),
    ("Was war das Thema der Lernsitzung Mitte März?", ("3月中旬", "Was war das Thema der Lernsitzung?")),
    ("¿Qué estudiamos a finales de marzo de 2020?", ("2020年3月下旬", "¿Qué estudiamos?")),
    ("Что мы изучали в начале марта 2020 года?", ("2020年3月上旬", "Что мы изучали?")),
    # not a session's date: no word about studying, or an event's date in the text
    ("Combien d'équipes ont été envoyées avant le 1er mars ?", (None, "Combien d'équipes ont été envoyées avant le 1er mars ?")),
    ("Wie viele Teams wurden bis 1. März entsandt?", (None, "Wie viele Teams wurden bis 1. März entsandt?")),
    ("Qu'a décidé la réunion tenue le 23 février que nous avons étudiée ?",
     (None, "Qu'a décidé la réunion tenue le 23 février que nous avons étudiée ?")),
    ("Что мы изучали о совещании, состоявшемся 23 февраля?",
     (None, "Что мы изучали о совещании, состоявшемся 23 февраля?")),
])
def test_a_session_date_in_a_european_question(question, expected):
    assert split_session_date_european(question) == expected


def test_a_question_that_names_nothing_but_the_session():
    assert asks_for_sessions_european("Qu'avons-nous étudié?")
    assert asks_for_sessions_european("Was war das Thema der Sitzung?")
    assert asks_for_sessions_european("¿Qué estudiamos?")
    assert asks_for_sessions_european("Was wurde in der Sitzung gelernt?")
    assert asks_for_sessions_european("Что мы изучали?")
    assert not asks_for_sessions_european("Qu'avons-nous étudié sur les retraites?")
    assert not asks_for_sessions_european("Что мы изучали о бедности?")
    assert not asks_for_sessions_european("What did we study?")      # English has its own


@pytest.mark.parametrize("question, when, about", [
    ("Quand avons-nous étudié la biosécurité ?", True, True),
    ("An welchem Tag haben wir die Rede studiert?", True, True),
    ("¿Qué día estudiamos el discurso sobre la pobreza?", True, True),
    ("Когда мы изучали биобезопасность?", True, True),
    ("Où s'est tenue la séance d'étude ?", False, True),
    ("Fand die Lernsitzung online oder in Präsenz statt?", False, True),
    ("¿De qué forma se organizó la sesión de estudio?", False, True),
    ("Какой была тема занятия?", False, True),
    ("Quand la COVID-19 a-t-elle été classée en catégorie B ?", False, False),   # a date in the text
    ("Wo sollen die Arbeitsmigranten wieder arbeiten?", False, False),
])
def test_when_and_where_a_european_question_asks_about_the_session(question, when, about):
    assert asks_when_studied_european(question) is when
    assert asks_about_session_european(question) is about


def test_where_a_european_question_asks_is_answered_by_the_header(tmp_path, bigram):
    searcher = searcher_of_records_a_and_b(tmp_path, bigram)     # dates: tests/test_crosslingual.py
    hits, understood = searcher.ask("Où s'est tenue la séance d'étude du 6 mai 2021 ?", k=1)
    assert understood.filters == {"date_from": "2021-05-06", "date_to": "2021-05-06"}
    assert hits[0].text.startswith("时间：2021年5月6日") and "三楼会议室" in hits[0].text


DATE_WORDS = ["le", "am", "el", "в", "de", "del", "of", "the", "in", "during", "4", "11.", "29", "30", "45",
              "4th", "mars", "März", "марта", "Mai", "February", "Feb", "March", "Mitte", "début", "early",
              "2020", "2021", "года", "году", "2020-03-04", "2020-13-45", "étudié", "Sitzung", "изучали",
              "study", "session", "held", "tenue", "?", "¿"]


@given(st.lists(st.sampled_from(DATE_WORDS), min_size=1, max_size=8).map(" ".join))
@settings(max_examples=400, deadline=None)
def test_every_date_read_from_a_question_is_a_day_there_is(question):
    """Whatever the words, a date read from an English or European question is one that
    zh.date_filter reads too (no `2月30日`, no `2020年13月45日`), and reading never fails."""
    for written in (split_session_date_european(question)[0], crosslingual.split_session_date_english(question)[0],
                    date_alone_european(question), crosslingual.date_alone_english(question)):
        assert written is None or date_filter(written) is not None, written


def test_an_impossible_day_is_passed_over_for_the_next_date():
    assert crosslingual.split_session_date_english("What did we study on February 30 or March 4, 2020?")[0] == \
        "2020年3月4日"
    assert split_session_date_european("Qu'avons-nous étudié le 45 mars ou le 4 mars 2020 ?")[0] == "2020年3月4日"
    assert crosslingual.date_alone_english("February 30") is None and date_alone_european("30 février") is None


def test_ordinals_translate_as_the_records_number_meetings():
    from rag.european import ordinal_units
    for question in ("Quel jour avons-nous étudié la douzième réunion ?", "Wann haben wir die zwölfte Sitzung studiert?",
                     "¿Qué día estudiamos la duodécima reunión?", "Когда мы изучали материалы двенадцатого заседания?",
                     "la 12e réunion", "die 12. Sitzung", "на 12-м заседании"):
        assert [u.chinese for u in ordinal_units(question)] == [["第十二"]], question
    # the same stems alone are other words: `acht` (eight), `пять` (five)
    assert ordinal_units("acht Punkte, пять лет") == []
