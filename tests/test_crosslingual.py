"""English questions: CC-CEDICT read backwards gives their words' Chinese translations, and the
lexical leg scores passages by the translations they hold."""
import importlib

import numpy as np
import pytest

from conftest import RECORD_A, RECORD_B, searcher_of_records_a_and_b, write
from rag import Searcher, update_index
from rag import crosslingual, lexical
from rag.crosslingual import Lexicon, Unit, content_words, singular, stem
from rag.lexical import BM25

CEDICT_LINES = [
    "# CC-CEDICT excerpt",
    "天花 天花 [tian1 hua1] /smallpox/ceiling/",
    "退稅 退税 [tui4 shui4] /tax rebate or refund/",
    "出口 出口 [chu1 kou3] /an exit/to speak/to export/",
    "縣 县 [xian4] /county/",
    "數 数 [shu4] /to count/",
    "鄉村振興 乡村振兴 [xiang1 cun1 zhen4 xing1] /rural revitalization/",
    "農民 农民 [nong2 min2] /peasant/farmer/",
    "3C 3C [san1 C] /computers, communications, and consumer electronics/",
    "接種 接种 [jie1 zhong4] /to be vaccinated/to be inoculated/",
    # traditional and simplified spellings: 著 is 着 in most words, but stays 著 in 顯著
    "著 着 [zhe5] /aspect particle/",
    "看著 看着 [kan4 zhe5] /watching/",
    "接著 接着 [jie1 zhe5] /to follow/",
    "顯著 显著 [xian3 zhu4] /notable/",
    "垃圾 垃圾 [la1 ji1] /trash/",
    "時間 时间 [shi2 jian1] /time/",
    "分類 分类 [fen1 lei4] /to classify/",
    "養成 养成 [yang3 cheng2] /to cultivate/",
    "習慣 习惯 [xi2 guan4] /habit/",
    "綠水青山 绿水青山 [lu:4 shui3 qing1 shan1] /lush mountains and lucid waters/",
    "衛生 卫生 [wei4 sheng1] /hygiene/",
    "衞 衞 [wei4] /variant of 衛|卫[wei4]/to guard/",
    # place names: the name is the gloss; a trailing `, Hubei` says where a county lies
    "武漢 武汉 [Wu3 han4] /Wuhan city on Changjiang, subprovincial city and capital of Hubei province/",
    "湖北 湖北 [Hu2 bei3] /Hubei Province (Hupeh) in central China, abbr. 鄂[E4], capital Wuhan 武漢|武汉[Wu3 han4]/",
    "華容 华容 [Hua2 rong2] /Huarong district of Ezhou city 鄂州市[E4 zhou1 shi4], Hubei/Huarong county in Yueyang 岳陽|岳阳[Yue4 yang2], Hunan/",
]


@pytest.fixture(scope="module")
def small():
    return Lexicon.from_cedict_lines(CEDICT_LINES)


def test_words_are_singular_content_words_and_numbers():
    assert content_words("How many counties had 52 export tax rebates?") == [
        "counties"[:-3] + "y", "52", "export", "tax", "rebate"]
    assert singular("supplies") == "supply" and singular("crisis") == "crisis"
    # `-ses`: only the s goes, but `-sses` loses its es (it gave `cas`, `diseas`, `enterpris`)
    assert [singular(w) for w in ("cases", "diseases", "enterprises", "courses", "classes", "addresses")] == [
        "case", "disease", "enterprise", "course", "class", "address"]
    assert stem("vaccination") == stem("vaccinated") == "vaccin"


def test_units_prefer_phrases_and_keep_county_apart_from_count(small):
    units = small.units("Which export tax rebates reach the counties? We count 52.")
    assert units == [Unit("export", ["出口"]), Unit("tax rebate", ["退税"]), Unit("county", ["县"]),
                     Unit("count", ["数"]), Unit("52", ["52"])]
    assert small.units("smallpox vaccination") == [Unit("smallpox", ["天花"]), Unit("vaccination", ["接种"])]
    assert small.units("What is it?") == []          # nothing but stop words
    # `times` in `how many times` asks how often, it is no content
    assert small.units("How many times did we study trash?") == [Unit("trash", ["垃圾"])]
    assert small.units("What time is it?") == [Unit("time", ["时间"])]
    assert small.units("When did we last study trash?") == [Unit("trash", ["垃圾"])]
    assert all("3C" not in u.chinese for u in small.units("computers"))


def test_superlatives_and_adverbs_read_through_their_base_word():
    lexicon = Lexicon.from_cedict_lines(["大 大 [da4] /big/large/great/", "高 高 [gao1] /high/tall/",
                                         "嚴格 严格 [yan2 ge2] /strict/", "嚴 严 [yan2] /strict/",
                                         "早 早 [zao3] /early/", "出色 出色 [chu1 se4] /outstanding/",
                                         "問題 问题 [wen4 ti2] /problem/"])
    # `biggest` (doubled g), `largest` (-e), `earliest` (-y): 最 and the base word's one-character words
    assert lexicon.units("the biggest problem") == [Unit("biggest", ["最大"]), Unit("problem", ["问题"])]
    def first(question):
        return lexicon.units(question + " problem")[0].chinese
    assert first("the largest") == ["最大"] and first("the highest") == ["最高"]
    assert first("the strictest") == ["最严"]       # held by 最严格 too
    assert first("the earliest") == ["最早"]
    assert first("an outstandingly solved") == ["出色"]
    assert first("the best") == ["最好", "最佳"]
    # a word of no base form CC-CEDICT glosses, and a short one, stay unread
    assert lexicon.units("the zestiest problem") == lexicon.units("a nest problem") == [Unit("problem", ["问题"])]


def test_place_names_translate_to_the_place(small):
    assert small.units("Wuhan and Hubei") == [Unit("wuhan", ["武汉"]), Unit("hubei", ["湖北"])]
    assert small.units("Huarong") == [Unit("huarong", ["华容"])]


PEOPLE_AND_MEETINGS = [
    "習近平 习近平 [Xi2 Jin4 ping2] /Xi Jinping (1953-), PRC politician, General Secretary of the CCP from 2012/",
    "息縣 息县 [Xi1 xian4] /Xi county in Xinyang 信陽|信阳[Xin4 yang2], Henan/",
    "唐朝 唐朝 [Tang2 chao2] /Tang Dynasty (618-907)/",
    "主席 主席 [zhu3 xi2] /chairperson/president/",
    "出席 出席 [chu1 xi2] /to attend/to participate/present/",
    "會議 会议 [hui4 yi4] /meeting/conference/",
    "開會 开会 [kai1 hui4] /to hold a meeting/to attend a meeting/",
]


def test_a_surname_with_a_capital_stands_for_the_people_of_that_name():
    people = Lexicon.from_cedict_lines(PEOPLE_AND_MEETINGS)
    # `President Xi`: CC-CEDICT glosses `Xi` alone only as a county
    assert people.units("What did President Xi say?") == [Unit("president", ["主席"]), Unit("xi", ["习近平", "息县"])]
    assert people.units("what did xi say")[0] == Unit("xi", ["息县"])     # no capital: no name
    assert "唐朝" not in people.by_surname.get("tang", "")       # a dynasty is no person


def test_a_phrase_no_text_holds_is_read_word_by_word():
    people = Lexicon.from_cedict_lines(PEOPLE_AND_MEETINGS)
    assert people.units("Who attended the meeting?") == [Unit("attended meeting", ["开会"])]
    held = {"出席", "会议"}
    assert people.units("Who attended the meeting?", holds=held.__contains__) == [
        Unit("attended", ["出席"]), Unit("meeting", ["会议"])]
    # a single word is kept even when no text holds it: the page says it found nothing
    assert people.units("Who attended the meeting?", holds=set().__contains__) == [
        Unit("attended", ["出席"]), Unit("meeting", ["会议"])]


def test_official_english_terms_join_the_dictionary(tmp_path, capsys):
    people = Lexicon.from_cedict_lines(PEOPLE_AND_MEETINGS)
    terms = tmp_path / "terms.tsv"
    terms.write_text("# a comment\ncommission\t委员会\nwhole-process people's democracy\t全过程人民民主\n"
                     "no tab here\nmeeting\t会\n", encoding="utf-8")
    read = crosslingual.read_terms(terms)
    assert read == [("commission", ["委员会"]), ("whole-process people's democracy", ["全过程人民民主"]),
                    ("meeting", ["会"])]
    assert "line 4" in capsys.readouterr().err          # the bad line, by its number
    people.add_terms(read)
    assert people.units("Which commission met?") == [Unit("commission", ["委员会"])]
    # five words, longer than CC-CEDICT's phrases; beside the dictionary's own translations
    assert people.units("What is whole-process people's democracy at a meeting?") == [
        Unit("whole process people democracy", ["全过程人民民主"]), Unit("meeting", ["会", "会议"])]


def test_a_term_alone_is_searched_as_the_records_write_it():
    belt_and_road = [Unit("belt road", ["一带一路"])]
    assert crosslingual.term_alone("the Belt and Road", belt_and_road, [["一带一路"]]) == "一带一路"
    assert crosslingual.term_alone("When did we study the Belt and Road?", belt_and_road, [["一带一路"]]) == "一带一路"
    assert crosslingual.term_alone("Belt and Road", belt_and_road, [[]]) is None          # no text holds it
    # more than the term, a single word of many senses, or letters of another script
    assert crosslingual.term_alone("Belt and Road ports", belt_and_road, [["一带一路"]]) is None
    assert crosslingual.term_alone("support", [Unit("support", ["支持", "支撑"])], [["支持", "支撑"]]) is None
    assert crosslingual.term_alone("biosafety", [Unit("biosafety", ["生物安全"])], [["生物安全"]]) == "生物安全"
    assert crosslingual.term_alone("Xi", [Unit("xi", ["习", "习近平"])], [["习"]]) is None       # one character
    assert crosslingual.term_alone("Как COVID 19 повлиял?", [Unit("covid 19", ["新冠肺炎"])], [["新冠肺炎"]]) is None


def test_the_shipped_terms_file_reads_without_a_complaint(capsys):
    terms = crosslingual.read_terms(crosslingual.TERMS_FILE)
    assert len(terms) > 50 and capsys.readouterr().err == ""
    assert ("rural revitalization", ["乡村振兴"]) in terms
    # policy terms whose words the dictionary glosses otherwise (`pooling` as 水池)
    assert ("national pooling", ["全国统筹"]) in terms
    # everyday words CC-CEDICT glosses otherwise (`social` as 社会性 only) or lacks (`outbreak`)
    assert ("social", ["社会"]) in terms and ("outbreak", ["疫情", "暴发", "爆发"]) in terms
    # abbreviations CC-CEDICT lacks (CDC as 疾控中心 only, the records say 疾病预防控制体系)
    assert ("CDC", ["疾病预防控制", "疾控", "疾控中心"]) in terms
    units = crosslingual.lexicon().units("How much did GDP fall?")
    assert units[0].english == "gdp" and "国内生产总值" in units[0].chinese
    # `role` as the records' 作用 (CC-CEDICT: 角色, 职能…), the goods households need as 生活必需品
    units = _translations("What role does the market play? How are household goods delivered?")
    assert "作用" in units["role"] and "生活必需品" in units["household good"]
    # a meeting chaired (CC-CEDICT: 椅子), the first day of the lunar year as the records name it
    units = _translations("What was set up at the meeting Xi chaired on Lunar New Year's Day?")
    assert "主持" in units["chaired"] and "大年初一" in units["lunar new year day"]


def _translations(question: str) -> dict[str, list[str]]:
    """Each English word or phrase of `question` with its Chinese translations (the shipped lexicon)."""
    return {unit.english: unit.chinese for unit in crosslingual.lexicon().units(question)}


def test_the_terms_files_translations_come_first():
    """`the Party's`: CC-CEDICT's 各方, 一方… hold more texts, and one character (党) comes after
    words: the term file's translation, in its order, is the one the Chinese view is made of."""
    texts = ["党中央作出部署。", "各方共同努力。", "各方积极配合。", "签了军令状，承诺了就要兑现。"]
    bm25 = BM25(texts)
    units = crosslingual.lexicon().units("the Party's written pledge")
    assert [unit.english for unit in units] == ["party", "written pledge"]
    found = bm25.unit_coverage(units)[1]
    assert found[0][0] == "党" and "各方" in found[0]
    assert found[1] == ["军令状"]
    # without the term file's word, CC-CEDICT's order: words first, the commonest first
    assert bm25.unit_coverage([Unit("party", ["党", "各方"])])[1] == [["各方", "党"]]
    # extremely poor people not able to work, officials who lag behind (stop 61)
    units = _translations("Are people not able to work covered? Which officials lag behind?")
    assert units["able work"] == ["劳动能力"] and "跟不上" in units["lag behind"]
    units = _translations("What made the final year of the anti-poverty fight harder?")
    assert "收官之年" in units["final year"] and "脱贫攻坚" in units["anti poverty fight"]
    units = _translations("Which laws were reviewed for amendment?")
    assert "评估" in units["reviewed"] and "修改" in units["amendment"]
    units = _translations("Which cities and prefectures must follow the law in the three regions and three prefectures?")
    assert units["city prefecture"] == ["市州"] and "依法" in units["follow law"]
    assert units["three region three prefecture"] == ["三区三州"]


def test_a_number_with_million_or_billion_is_read_as_the_records_count():
    """`ten million`: the records write 1000万 (CC-CEDICT has no `million` of a number)."""
    units = {u.english: u.chinese for u in crosslingual.lexicon().units(
        "Did China lift more than ten million people out of poverty, nearly 2.5 million or 1 billion?")}
    assert units["ten million"] == ["1000万", "千万"] and units["2.5 million"] == ["250万"]
    assert units["1 billion"] == ["10亿"]
    assert crosslingual._scaled_number_at(["100", "million"], 0) == ["1亿", "亿"]
    assert crosslingual._scaled_number_at(["ten", "people"], 0) == []


def test_unit_coverage_weighs_rare_units_more():
    texts = ["全国还有52个贫困县未摘帽，出口要稳。", "出口退税政策要用好，稳住外贸。", "今天天气很好。"]
    bm25 = BM25(texts)
    export, rebate, county = Unit("export", ["出口", "外销"]), Unit("tax rebate", ["退税"]), Unit("county", ["县"])
    coverage, found = bm25.unit_coverage([export, rebate])
    assert coverage[1] == pytest.approx(1.0) and coverage[2] == 0
    assert 0 < coverage[0] < 0.5            # 出口 is in two texts, 退税 in one: it weighs more
    assert found == [["出口"], ["退税"]]       # 外销 is in no text
    assert bm25.unit_coverage([county])[0][0] == pytest.approx(1.0)
    coverage, found = bm25.unit_coverage([Unit("absent", ["不存在的词"])])
    assert not coverage.any() and found == [[]]
    assert not bm25.unit_coverage([])[0].any()


def test_found_translations_put_words_before_characters_commonest_first():
    bm25 = BM25(["贸易往来，贸易额增长。", "对外贸易。", "行业协会，贸易。", "工人"])
    _, [found] = bm25.unit_coverage([Unit("trade", ["工", "行业", "贸易", "经贸"])])
    assert found == ["贸易", "行业", "工"]


@pytest.fixture
def searcher_ab(tmp_path, bigram, small, monkeypatch):
    """Records A and B indexed with the bigram stand-in model; the small lexicon translates."""
    monkeypatch.setattr(importlib.import_module("rag.search"), "lexicon", lambda: small)
    return searcher_of_records_a_and_b(tmp_path, bigram)


def test_english_question_reaches_chinese_passage_through_translations(searcher_ab, monkeypatch):
    """The bigram stand-in model shares nothing between English and Chinese text: only the
    translated terms can bring the right passage to the top."""
    search_module = importlib.import_module("rag.search")    # `rag.search` is also a function
    searcher = searcher_ab
    [hit], understood = searcher.ask("rural revitalization: how do farmers get richer?", k=1)
    assert hit.text.startswith("乡村振兴要发展特色产业")
    assert understood.translations == [("rural revitalization", ["乡村振兴"]), ("farmer", ["农民"])]
    assert "farmer → 农民" in understood.describe()
    monkeypatch.setattr(search_module, "TRANSLATED_WEIGHT", 0.0)
    assert searcher.search("rural revitalization: how do farmers get richer?", k=1)[0].score < hit.score


def test_an_english_term_alone_is_matched_as_the_records_write_it(searcher_ab):
    [hit], understood = searcher_ab.ask("Rural revitalization", k=1)
    assert hit.text.startswith("乡村振兴要发展特色产业") and understood.term_alone == "乡村振兴"
    assert "searched as written" in understood.describe()
    # more than the term: translated word by word, as before
    assert searcher_ab.ask("rural revitalization: how do farmers get richer?", k=1)[1].term_alone == ""


def test_translations_also_count_by_their_characters_and_bigrams(tmp_path, bigram, monkeypatch):
    """`pension` is 养老金: a passage holding 养老保险 holds part of it (养老), which counts, as the
    parts of a Chinese question's words do; less than the whole word, and nothing for neither."""
    search_module = importlib.import_module("rag.search")
    monkeypatch.setattr(search_module, "lexicon",
                        lambda: Lexicon.from_cedict_lines(["養老金 养老金 [yang3 lao3 jin1] /pension/"]))
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "c.txt", "集中学习记录\n时间：2021年7月1日\n学习内容：\n\u3000\u3000农民的养老金要按时足额发放到位，不得拖欠。\n"
                           "\u3000\u3000城乡居民基本养老保险制度要实现全面覆盖。\n\u3000\u3000垃圾分类工作要从娃娃抓起，推动形成好的习惯。\n")
    update_index(seeds, index, encoder=bigram, model=bigram.name, progress=None)
    searcher = Searcher(index, encoder=bigram)

    def scores():
        # not `pension` alone, which is matched as 养老金 itself (term_alone)
        return {h.text[:2]: h.score for h in searcher.search("pension payments", k=3)}
    with_terms = scores()
    monkeypatch.setattr(search_module, "TRANSLATION_TERMS_SHARE", 0.0)
    gain = {text: with_terms[text] - score for text, score in scores().items()}
    # (the stand-in model's own scores differ by passage; the gain is the terms' alone)
    assert gain["农民"] > gain["城乡"] > 0 and gain["垃圾"] == 0


def test_only_english_is_read_word_by_word(small):
    """French shares `pour` with English; read as English it would be translated word by word."""
    assert small.reads_as_english("How do farmers get richer?")
    assert small.reads_as_english("rural revitalization")
    assert not small.reads_as_english("Comment les agriculteurs peuvent-ils s'enrichir pour de bon ?")
    assert not small.reads_as_english("¿Cómo pueden enriquecerse los agricultores?")
    assert not small.reads_as_english("Как крестьянам разбогатеть?")      # no Latin letters at all
    assert not small.reads_as_english("乡村振兴")


@pytest.mark.parametrize("question", ["Welche Rolle spielt der Markt bei der Ressourcenverteilung?",
                                      "gestion par quadrillage",
                                      "Was tun bei psychischen Problemen in häuslicher Quarantäne?"])
def test_german_and_french_are_not_read_as_english(question):
    """Words that stem like some word of CC-CEDICT's glosses (`der` -> d, `gestion` -> gest, `rolle`
    -> roll) made them English, translated word by word (`rolle` -> 幅/挽)."""
    assert not crosslingual.lexicon().reads_as_english(question)
    assert crosslingual.lexicon().reads_as_english("What role does the market play in allocating resources?")


def test_a_question_in_another_language_gets_no_english_translations(searcher_ab):
    searcher = searcher_ab
    assert searcher.ask("farmers", k=1)[1].translations == [("farmer", ["农民"])]
    _, understood = searcher.ask("Les farmers de la région", k=1)    # one English word in four
    assert understood.translations == [] and "English words" not in understood.describe()
    _, understood = searcher.ask("Les 52 farmers de la région", k=1)   # numbers stand for themselves
    assert [english for english, _ in understood.translations] == ["52"]
    assert "English words" not in understood.describe()


@pytest.mark.parametrize("question, expected", [
    ("What did we study on March 4, 2020?", ("2020年3月4日", "What did we study?")),
    ("What did we learn on the 4th of March 2020 about biosafety?",
     ("2020年3月4日", "What did we learn about biosafety?")),
    ("Which speech was the topic of the study session on Mar. 11?",
     ("3月11日", "Which speech was the topic of the study session?")),
    ("What did we study in March 2020?", ("2020年3月", "What did we study?")),
    ("What did we study in early March 2020?", ("2020年3月上旬", "What did we study?")),
    ("What was the topic of the study session in mid-March?",
     ("3月中旬", "What was the topic of the study session?")),
    ("What did we study at the end of March?", ("3月下旬", "What did we study?")),
    ("In the session on 2020-03-04, what was said about pensions?",
     ("2020年3月4日", "In the session, what was said about pensions?")),
    ("What did we study in 2020?", ("2020年", "What did we study?")),
    ("Which sessions were held during 2019?", ("2019年", "Which sessions were held?")),
    ("What did we learn about the 2020 targets?", (None, "What did we learn about the 2020 targets?")),
    ("What did we learn about the plan for 2020?", (None, "What did we learn about the plan for 2020?")),
    # not a session's date: no word about studying, or an event's date in the text
    ("How many teams were sent by March 1?", (None, "How many teams were sent by March 1?")),
    ("What was decided at the meeting held on February 23 that we studied?",
     (None, "What was decided at the meeting held on February 23 that we studied?")),
    ("What did we study in May?", ("5月", "What did we study?")),     # May of any year, as 5月份 is
    ("What did the May 4th Movement teach us?", (None, "What did the May 4th Movement teach us?")),
])
def test_a_session_date_in_an_english_question(question, expected):
    assert crosslingual.split_session_date_english(question) == expected


def test_month_names_are_written_as_the_records_write_them(small):
    assert small.units("By the end of February, in 52 counties") == [
        Unit("february", ["2月"]), Unit("52", ["52"]), Unit("county", ["县"])]
    assert all(u.english != "may" for u in small.units("What may be done in May?"))


def test_an_english_question_names_no_content_once_its_date_is_read():
    assert crosslingual.asks_for_sessions_english("What did we study?")
    assert crosslingual.asks_for_sessions_english("What was covered?")
    assert crosslingual.asks_for_sessions_english("Which speech was the topic of the group study session?")
    assert crosslingual.asks_for_sessions_english("Which sessions were held?")
    assert not crosslingual.asks_for_sessions_english("What did we study about pensions?")
    assert not crosslingual.asks_for_sessions_english("2020年3月学了什么？")     # not English


# Per language: the sessions of a day; a question on that day's content; a day no session falls on
# (the whole question is searched, and the page says so); a year; a year no session falls in.
DATED_QUESTIONS = {
    "en": ("What did we study on June 7, 2021?", "What did we learn about farmers on 7 June 2021?",
           "What did we study about farmers on June 8, 2021?", "What did we study in 2021?",
           "Which sessions were held in 2019?"),
    "fr": ("Qu'avons-nous étudié le 7 juin 2021 ?", "Qu'avons-nous appris sur les farmers le 7 juin 2021 ?",
           "Qu'avons-nous appris sur les farmers le 8 juin 2021 ?", "Qu'avons-nous étudié en 2021 ?",
           "Qu'avons-nous étudié en 2019 ?"),
    "de": ("Was haben wir am 7. Juni 2021 gelernt?", "Was haben wir am 7. Juni 2021 über farmers gelernt?",
           "Was haben wir am 8. Juni 2021 über farmers gelernt?", "Was haben wir 2021 gelernt?",
           "Was wurde 2019 gelernt?"),
    "es": ("¿Qué estudiamos el 7 de junio de 2021?", "¿Qué aprendimos sobre los farmers el 7 de junio de 2021?",
           "¿Qué aprendimos sobre los farmers el 8 de junio de 2021?", "¿Qué estudiamos en 2021?",
           "¿Qué estudiamos en 2019?"),
    "ru": ("Что мы изучали 7 июня 2021 года?", "Что мы изучали о farmers 7 июня 2021 года?",
           "Что мы изучали о farmers 8 июня 2021 года?", "Что мы изучали в 2021 году?",
           "Что мы изучали в 2019 году?"),
}


@pytest.mark.parametrize("lang", sorted(DATED_QUESTIONS))
def test_a_session_date_in_a_foreign_question_filters(tmp_path, bigram, lang):
    day, content, no_session, year, no_year = DATED_QUESTIONS[lang]
    searcher = searcher_of_records_a_and_b(tmp_path, bigram)
    hits, understood = searcher.ask(day, k=10)
    assert understood.filters == {"date_from": "2021-06-07", "date_to": "2021-06-07"}
    assert understood.sessions and [h.date for h in hits] == ["2021-06-07"]     # the session itself
    hits, understood = searcher.ask(content, k=10)
    assert "farmers" in understood.content and "7" not in understood.content
    assert hits and {h.date for h in hits} == {"2021-06-07"} and not understood.sessions
    hits, understood = searcher.ask(no_session, k=10)
    assert understood.unmatched_date and {h.date for h in hits} == {"2021-05-06", "2021-06-07"}
    hits, understood = searcher.ask(year, k=10)
    assert understood.sessions and [h.date for h in hits] == ["2021-05-06", "2021-06-07"]
    hits, understood = searcher.ask(no_year, k=10)
    assert hits == [] and "2021年5月6日 – 2021年6月7日" in understood.nothing_passes


@pytest.mark.parametrize("question, asks", [
    ("When did we study biosafety?", True),
    ("Which session covered grid management?", True),
    ("In which sessions did we discuss poverty alleviation?", True),
    ("On what day was the meeting on epidemic control held?", False),    # a date in the text
    ("When was COVID-19 classified as class B?", False),
    ("How many times did we study grid management?", True),       # the sessions answer it
    ("How many times was the meeting held?", False),
])
def test_when_did_we_study_in_english(question, asks):
    assert crosslingual.asks_when_studied_english(question) is asks


@pytest.mark.parametrize("question, asks", [
    ("Where did we study the speech on poverty alleviation?", True),
    ("Was the session on biosafety online or offline?", True),
    ("When did we study biosafety?", True),
    ("What was the topic of the session we studied on QQ?", True),    # the header's 学习主题
    ("What was the place of the session on 11 March 2020?", True),    # the header's 地点
    ("Which platform was the session held on?", True),
    ("What was the format of the study session?", True),             # 方式
    ("What measures were put in place?", False),
    ("What format should epidemic information take?", False),       # no study word
    ("Where were the medical teams sent?", False),            # a place in the text
    ("What did the speech say about vaccines?", False),
    # face to face or online, which speech was studied (h18)
    ("Did our group's 4 March study meeting take place face to face, or did we do it over QQ?", True),
    ("For the mid-March online study, which of Xi's speeches was the reading?", True),
    ("Should officials meet face to face with the people?", False),     # no study word
    # met remotely, on some other tool; what text everyone read together (stop 61)
    ("We met remotely in early March — on QQ or on some other tool? (the 4 March record)", True),
    ("For the second March session, what text by Xi did everyone read together?", True),
    ("What text did the communiqué use for the new law?", False),
    ("Can doctors consult remotely?", False),
])
def test_where_did_we_study_in_english(question, asks):
    assert crosslingual.asks_about_session_english(question) is asks


@pytest.mark.slow
def test_the_shipped_dictionary_is_read_once_then_cached(tmp_path, monkeypatch):
    monkeypatch.setenv("STUDYQA_CACHE", str(tmp_path))
    monkeypatch.setattr(crosslingual, "_lexicon", None)
    lexicon = crosslingual.lexicon()
    assert crosslingual.cache_path().is_file() and str(tmp_path) in str(crosslingual.cache_path())
    units = {u.english: u.chinese for u in lexicon.units("smallpox, tax rebates, counties")}
    assert "天花" in units["smallpox"] and units["tax rebate"] == ["退税"] and "县" in units["county"]
    # (`export tax rebates` whole is the terms file's: 出口退税); the terms join the dictionary's words
    assert [u.chinese for u in lexicon.units("export tax rebates")] == [["出口退税"]]
    assert [u.chinese for u in lexicon.units("social")] == [["社会", "社会性"]]
    assert "曲水" not in units["county"]          # (`Qüxü county`, a name in accented letters)
    again = Lexicon.from_json(crosslingual.cache_path().read_bytes())
    # the terms file is read at every start, not cached: an edit to it counts at once
    again.add_terms(crosslingual.read_terms(crosslingual.TERMS_FILE))
    assert again.by_words == lexicon.by_words and again.by_stems == lexicon.by_stems
    assert again.by_surname == lexicon.by_surname and "习近平" in again.by_surname["xi"]
    # a cache of another format is rebuilt, not trusted
    crosslingual.cache_path().write_bytes(b'{"format": 0, "words": {}, "stems": {}}')
    monkeypatch.setattr(crosslingual, "_lexicon", None)
    assert crosslingual.lexicon().units("smallpox")[0].chinese == units["smallpox"]
    assert np.asarray(crosslingual.cache_path().stat().st_size) > 1_000_000


def test_a_missing_dictionary_package_leaves_english_to_the_model(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("STUDYQA_CACHE", str(tmp_path))
    monkeypatch.setattr(crosslingual, "_lexicon", None)

    def missing(name):
        raise ModuleNotFoundError(f"No module named '{name}'")
    monkeypatch.setattr(crosslingual.resources, "files", missing)
    assert crosslingual.lexicon().units("smallpox") == []
    assert "pip install -e ." in capsys.readouterr().err
    assert not crosslingual.cache_path().exists()      # nothing half-built is cached
    monkeypatch.setattr(crosslingual, "_lexicon", None)


def test_traditional_characters_become_simplified_word_by_word(small):
    assert small.simplified_chars["類"] == "类"
    assert "垃" not in small.simplified_chars                # the same in both scripts
    # 著 is also a simplified character (显著): it changes only inside the words that change it
    assert "著" not in small.simplified_chars and small.simplified_words["看著"] == "看着"
    assert small.simplify("看著垃圾分類，效果顯著") == "看着垃圾分类，效果显著"
    assert small.simplify("效果显著，著名") == "效果显著，著名"
    assert small.simplify("看著") == "看著"                     # nothing else says it is traditional
    assert small.simplify("衞生") == "卫生"                     # a variant, through 衛
    assert small.simplify("English stays as it is") == "English stays as it is"
    assert Lexicon([]).simplify("分類") == "分類"              # no table: the text as typed
    again = Lexicon.from_json(small.to_json())
    assert again.simplify("顯著的分類") == "显著的分类"


def test_traditional_and_simplified_characters_are_one_script_to_search(tmp_path, bigram, small, monkeypatch):
    """Keywords in traditional characters match the same words in simplified ones, both ways: a
    question typed in traditional characters finds simplified records, and a simplified question
    finds a record written in traditional characters."""
    _with(monkeypatch, small)
    assert np.array_equal(lexical.term_ids("垃圾分類"), lexical.term_ids("垃圾分类"))
    coverage = {}
    for name, table in (("without the table", Lexicon([])), ("with it", small)):
        _with(monkeypatch, table)
        seeds, index = tmp_path / name / "seeds", tmp_path / name / "index"
        write(seeds / "a.txt", _traditional(RECORD_A))
        write(seeds / "b.txt", RECORD_B)
        update_index(seeds, index, encoder=bigram, model=bigram.name, progress=None)
        searcher = Searcher(index, encoder=bigram)
        [found] = searcher.search("怎样养成垃圾分类的习惯", k=1, mode="lexical")
        assert found.date == "2021-05-06"
        coverage[name] = searcher._current().bm25.match("怎样养成垃圾分类的习惯")[1][0]   # a.txt's first passage
    assert coverage["with it"] > coverage["without the table"]

    [hit], understood = searcher.ask("垃圾分類要從娃娃抓起，怎樣養成習慣？", k=1)
    assert hit.date == "2021-05-06" and "垃圾分類" in hit.text
    assert understood.simplified == "垃圾分类要從娃娃抓起，怎樣养成习惯？"
    assert "read in simplified characters" in understood.describe()


def _with(monkeypatch, table) -> None:
    """Search and the keyword leg use `table` as their lexicon."""
    for module in (importlib.import_module("rag.search"), lexical):
        monkeypatch.setattr(module, "lexicon", lambda: table)


def _traditional(record: str) -> str:
    return record.replace("分类", "分類").replace("养成", "養成").replace("习惯", "習慣")


@pytest.mark.slow
def test_the_shipped_dictionary_reads_traditional_questions(tmp_path, monkeypatch):
    monkeypatch.setenv("STUDYQA_CACHE", str(tmp_path))
    monkeypatch.setattr(crosslingual, "_lexicon", None)
    lexicon = crosslingual.lexicon()
    assert lexicon.simplify("市場在資源配置中起什麼作用？") == "市场在资源配置中起什么作用？"
    assert lexicon.simplify("聯合國祕書長是怎麼評價中國精準扶貧的？") == "联合国秘书长是怎么评价中国精准扶贫的？"
    assert lexicon.simplify("顯著、乾淨、羣衆、關於") == "显著、干净、群众、关于"
    monkeypatch.setattr(crosslingual, "_lexicon", None)


@pytest.mark.parametrize("question, expected", [
    ("On what date was the session we studied online via QQ?",
     ("QQ", "On what date was the session we studied online?")),
    ("À quelle date a eu lieu la séance que nous avons étudiée via qq ?",
     ("QQ", "À quelle date a eu lieu la séance que nous avons étudiée?")),
    ("Какого числа было занятие через QQ?", ("QQ", "Какого числа было занятие?")),
    ("What did we study about tax rebates?", (None, "What did we study about tax rebates?")),
])
def test_a_place_named_by_its_latin_letters(question, expected):
    assert crosslingual.split_session_place_latin(question, ["QQ线上", "三楼会议室"]) == expected


def test_a_place_named_by_its_latin_letters_filters(tmp_path, bigram):
    """`the session we studied via QQ` in English, French, Korean or Japanese is the session held QQ线上."""
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    write(seeds / "q.txt", RECORD_A.replace("2021年5月6日", "2021年7月8日").replace("三楼会议室", "QQ线上"))
    update_index(seeds, index, encoder=bigram, model=bigram.name, progress=None)
    searcher = Searcher(index, encoder=bigram)
    for question in ("On what date was the session we studied via QQ?",
                     "Quel jour avons-nous étudié via QQ ?", "QQ에서 학습한 날은 언제였나요?",
                     "QQで学習した回は何日でしたか？"):
        hits, understood = searcher.ask(question, k=5)
        assert understood.filters == {"place": "QQ"} and understood.place_from_question == "QQ", question
        assert hits and {h.date for h in hits} == {"2021-07-08"}, question
    _, understood = searcher.ask("What did QQ say?", k=5)        # not about studying: no filter
    assert understood.filters == {}


PLACES = ["QQ线上", "线上学习", "三楼会议室", "党员活动室", "支部活动室", "腾讯会议"]


@pytest.mark.parametrize("question, expected", [
    ("What did we study in the third-floor meeting room?", ("三楼会议室", "What did we study?")),
    ("What did we learn in the branch activity room about poverty?", ("支部活动室", "What did we learn about poverty?")),
    ("When did we study grid management in the party members' activity room?",
     ("党员活动室", "When did we study grid management?")),
    ("What did we cover in the meeting room session?", ("会议室", "What did we cover in the session?")),
    ("When did we study in the activity room?", ("活动室", "When did we study?")),     # both activity rooms
    ("What was the topic of the online session?", ("线上", "What was the topic of the session?")),
    ("What did we study online?", ("线上", "What did we study?")),
    # not a place named: asked for, part of something else, a session word, or words not in the dictionary
    ("Was the study session held online or in person?", (None, "Was the study session held online or in person?")),
    ("What did we study about growth in the online economy?",
     (None, "What did we study about growth in the online economy?")),
    ("What did we learn at the meeting on February 23?", (None, "What did we learn at the meeting on February 23?")),
    ("What did we study in the first session?", (None, "What did we study in the first session?")),
    ("What did we study on Tencent Meeting?", ("腾讯会议", "What did we study?")),     # terms_en.tsv names it
    ("In what form was the branch's study session organized?",          # the branch holds every session
     (None, "In what form was the branch's study session organized?")),
    ("What did we study in the branch session?", (None, "What did we study in the branch session?")),
])
def test_a_place_named_in_english_words(question, expected):
    assert crosslingual.split_session_place_english(question, PLACES) == expected


def test_a_place_named_in_english_words_filters(tmp_path, bigram):
    """`in the third-floor meeting room` is the session held 三楼会议室, not the one in 党员活动室."""
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)                 # 2021-05-06, 三楼会议室
    write(seeds / "p.txt", RECORD_A.replace("2021年5月6日", "2021年7月8日").replace("三楼会议室", "党员活动室"))
    update_index(seeds, index, encoder=bigram, model=bigram.name, progress=None)
    searcher = Searcher(index, encoder=bigram)
    hits, understood = searcher.ask("What did we study in the third-floor meeting room?", k=5)
    assert understood.filters == {"place": "三楼会议室"} and understood.sessions
    assert [h.date for h in hits] == ["2021-05-06"]
    hits, understood = searcher.ask("When did we study in the party members' activity room?", k=5)
    assert understood.filters == {"place": "党员活动室"} and {h.date for h in hits} == {"2021-07-08"}
    _, understood = searcher.ask("What did the meeting room say?", k=5)      # not about studying
    assert understood.filters == {}


def test_ordinals_translate_as_the_records_number_meetings():
    # CC-CEDICT has no `twelfth`; the records write 第十二次会议, 第二十次全国代表大会
    units = {u.english: u.chinese for u in crosslingual.lexicon().units(
        "What did the twelfth meeting and the 20th National Congress stress?")}
    assert units["twelfth"] == ["第十二"] and units["20th"] == ["第二十"]
    assert not crosslingual.Unit("20th", ["第二十"]).is_number and crosslingual.Unit("20", ["20"]).is_number
    # `first` keeps the dictionary's glosses; a number alone stands for itself
    units = {u.english: u.chinese for u in crosslingual.lexicon().units("the first meeting of 2020")}
    assert units["2020"] == ["2020"] and "第一" not in units["first"][:1]


def test_the_chinese_term_english_words_stand_for_as_the_records_write_it():
    from rag.crosslingual import term_written
    words = {"网格", "管理", "粮食", "安全", "食品"}.__contains__
    # at most a character apart, in any order, the shortest stretch, the commonest of the texts
    assert term_written([["网格"], ["管理"]], ["实行严格的网格化管理。", "网格化管理", "管理网格"], words) == "网格化管理"
    assert term_written([["管理"], ["网格"]], ["管理网格。", "管理网格", "网格化管理"], words) == "管理网格"
    # not across a particle or punctuation, and none when no text holds them so
    assert term_written([["网格"], ["管理"]], ["网格的管理", "网格，管理"], words) is None
    # a single character at an end takes its neighbour when the two make a word: 食 of "food"
    assert term_written([["食品", "食"], ["安全"]], ["保障粮食安全。", "确保粮食安全"], words) == "粮食安全"
    # ...and counts only where two texts write it; characters alone make no term
    assert term_written([["食品", "食"], ["安全"]], ["保障粮食安全。"], words) is None
    assert term_written([["带"], ["路"]], ["一带一路", "带路", "带路"], words) is None



def test_a_gloss_naming_a_place_in_accented_letters_is_no_gloss_of_its_common_word():
    # CC-CEDICT's 曲水 is `Qüxü county`: the accented name was dropped, leaving plain `county`, so
    # "county" was matched as 曲水 (and passages about 羊曲水电站 counted)
    lexicon = Lexicon([("曲水", ["Qüxü county, Tibetan: Chu shur rdzong"]), ("县", ["county"])])
    assert lexicon.by_stems.get("county") and "曲水" not in lexicon.by_stems["county"]
    assert "县" in lexicon.by_stems["county"]


def test_a_stop_word_in_capitals_is_an_abbreviation():
    """`the WHO`: terms_en.tsv's WHO line is read, and an English question's WHO translated; `Who…`
    and a question all in capitals keep `who` a stop word."""
    assert crosslingual.content_words("What did the speech say about the WHO?") == ["speech", "say", "who"]
    assert crosslingual.content_words("Who chaired it?") == ["chaired"]
    assert crosslingual.content_words("WHO CHAIRED IT") == ["chaired"]
    units = crosslingual.lexicon().units("How should China cooperate with the WHO?")
    assert any(u.english == "who" and "世卫组织" in u.chinese for u in units)


@pytest.mark.parametrize("question", ["Which app did we use?", "What chat app was the session held on?",
                                      "Which software did we use?"])
def test_the_app_a_session_was_held_on_is_asked_of_the_sessions(question):
    assert crosslingual.asks_for_sessions_english(question)
    assert crosslingual.mentions_studying_english(question)
