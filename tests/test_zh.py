import pytest

from conftest import SEED_FILE, SHARED
from rag import zh


@pytest.mark.parametrize("text, iso", [
    ("2020年3月4日", "2020-03-04"),
    ("时间：2020 年 3 月 11 日下午", "2020-03-11"),
    ("2020-03-04", "2020-03-04"),
    ("2020.3.4", "2020-03-04"),
    ("2020/3/4", "2020-03-04"),
    ("２０２０年３月４日", "2020-03-04"),
    ("二〇二〇年三月十一日", "2020-03-11"),
    ("二〇二〇年十二月二十三日", "2020-12-23"),
    ("2021_20210305_学习.txt", "2021-03-05"),
    ("2020年2月30日", None),           # not a real day
    ("2022-09_集中学习记录.txt", None),  # a month is not a date
    ("没有日期", None),
])
def test_parse_date(text, iso):
    assert zh.parse_date(text) == iso


def test_fields_accept_both_colons_and_indentation():
    assert zh.match_field("\t时间：2020年3月4日") == ("date", "2020年3月4日")
    assert zh.match_field("\u3000\u3000地点:QQ线上") == ("place", "QQ线上")
    assert zh.match_field("学习主题： 习近平讲话") == ("topic", "习近平讲话")
    assert zh.match_field("学习内容：") == ("content", "")
    assert zh.match_field("时间过得很快：真快") is None


def test_title_line():
    assert zh.is_title_line("\u3000集中学习记录 ")
    assert not zh.is_title_line("集中学习记录表格说明")


def test_context_lines_and_headings():
    for line in ["同志们：", " 习近平", "（2020年2月23日）", "一、关于前一段疫情防控工作",
                 "在统筹推进新冠肺炎疫情防控和经济社会发展工作部署会议上的讲话"]:
        assert zh.is_context_line(line), line
    assert zh.is_heading("\u3000\u3000一、关于前一段疫情防控工作")
    assert zh.is_heading("（三）加强组织领导")
    assert not zh.is_heading("习近平")
    assert not zh.is_context_line("中央全面深化改革委员会委员出席会议，中央和国家机关有关部门负责同志列席会议。")


def test_split_sentences_keeps_punctuation_and_quotes():
    text = "第一句。“第二句！”第三句？最后没有句号"
    assert zh.split_sentences(text) == ["第一句。", "“第二句！”", "第三句？", "最后没有句号"]
    assert "".join(zh.split_sentences(text)) == text


def test_format_date_cn():
    assert zh.format_date_cn("2020-03-04") == "2020年3月4日"
    assert zh.format_date_cn(None) == "日期不详"


def test_a_japanese_question_counts_its_keywords_for_less():
    assert zh.keyword_share("网格化管理") == 1.0
    japanese = "グリッド化管理とは何ですか"
    assert zh.keyword_share(japanese) == pytest.approx(zh.JAPANESE_KEYWORD_SHARE * zh.cjk_share(japanese))
    assert 0 < zh.keyword_share(japanese) < zh.cjk_share(japanese)


def test_citation_with_and_without_a_date():
    assert zh.citation("2020-03-04", "主题") == "（2020年3月4日集中学习《主题》）"
    assert zh.citation(None, "主题", "线上学习") == "（线上学习《主题》，日期不详）"


def test_the_fillers_of_a_half_remembered_question_are_no_keywords():
    assert zh.keywords_of("那个讲心理疏导的地方说了啥来着").split() == ["那个讲心理疏导的地方说了"]
    assert zh.keywords_of("我记得好像有说过医务人员要带薪休假吧？").split() == ["有说过医务人员要带薪休假", "？"]


def test_latin_abbreviations_stand_for_the_chinese_the_records_write():
    assert zh.other_forms("CDC体系改革有啥要求") == {"CDC": "疾病预防控制"}
    assert zh.other_forms("gdp受疫情影响大吗") == {"gdp": "国内生产总值"}      # any case, three letters or more
    assert zh.other_forms("人工智能怎么用") == {"人工智能": "AI"}             # and the other way round
    assert zh.other_forms("ai在防疫中") == {} and zh.other_forms("上海Shanghai") == {}   # `ai`: not in capitals; in a word
    assert zh.other_forms("Who attended the meeting?") == {}                 # English `who` is no WHO
    assert zh.other_forms("What did the WHO say?") == {"WHO": "世界卫生组织"}
    assert zh.latin_written_out("CDC体系改革和gdp") == ("疾病预防控制体系改革和国内生产总值",
                                                     [("CDC", "疾病预防控制"), ("gdp", "国内生产总值")])
    assert zh.latin_written_out("What did the CDC say?") == ("What did the CDC say?", [])   # English: word by word


def test_a_short_form_and_its_full_form_stand_for_each_other():
    assert zh.other_forms("深改委第十二次会议审议通过了什么？") == {"深改委": "中央全面深化改革委员会"}
    assert zh.other_forms("中央全面深化改革委员会第十二次会议") == {"中央全面深化改革委员会": "深改委"}
    assert zh.other_forms("公卫人才和医保支付") == {"公卫": "公共卫生", "医保": "医疗保障"}
    assert zh.other_forms("网格化管理") == {}
    # blind15/16: everyday short forms of the records' words
    assert zh.other_forms("科学技术与打赢抗疫是什么关系？") == {"科学技术": "科技"}
    assert zh.other_forms("能不能在网上申请领取失业金？") == {"失业金": "失业保险金"}
    assert zh.written_otherwise("深改委第十二次会议", {"深改委": "中央全面深化改革委员会"}) == \
        "中央全面深化改革委员会第十二次会议"


def test_a_point_s_opening_sentence_and_an_announcement():
    for lead in ("第二，全力做好北京疫情防控工作。", "二要增强忧患意识。", "一是外出务工受阻。",
                 "（三）加强组织领导。", "三、深化改革。"):
        assert zh.is_lead_sentence(lead), lead
    for other in ("要守住入京通道第一道防线。", "第一次会议明确了方向。", "二十年来，我们坚持不懈。",
                  "第三，多措并举巩固成果。国务院扶贫开发领导小组去年年底组织各地对已脱贫的9300多万人口开展了全面排查。"):
        assert not zh.is_lead_sentence(other), other
    for announcing in ("我国从上世纪80年代开始扶贫，有两个基本情况。", "疫情对脱贫攻坚的影响主要表现在这样几个方面。",
                       "我讲以下三点意见：", "同志们："):
        assert zh.announces_next(announcing), announcing
    for other in ("有两位同志发言。", "要加强京津冀地区联防联控。",
                  "有两个方面的工作要抓紧，一是复工复产要分区分级推进，二是脱贫攻坚要如期完成，这是今年必须完成的任务。"):
        assert not zh.announces_next(other), other



def test_what_a_line_break_cannot_split():
    cases = {"“疫”队，这": "“疫”", "15.5%、31.8%，新型": "15.5%、31.8%，", "2.1倍": "2.1", "1/3。此外": "1/3。",
             "GDP growth": "GDP", "（一）加强": "（一）", "第一": "第", "": ""}
    assert {text: text[:zh.unbreakable_prefix(text)] for text in cases} == cases


def test_wrapped_lines_and_page_numbers():
    assert zh.join_wrapped("比上年增长", "GDP") == "比上年增长GDP"
    assert zh.join_wrapped("GDP", "growth") == "GDP growth" and zh.join_wrapped("2020", "年") == "2020年"
    assert all(map(zh.is_page_number, ["3", "- 3 -", "— 12 —", "第3页", "第 3 页 共 5 页", "3/5", "Page 3 of 5", "－３－", "一 3 一"]))
    assert not any(map(zh.is_page_number, ["3月", "第三部分", "2020年3月4日", "一、"]))


def test_a_place_read_from_a_how_often_question_leaves_how_often():
    places = ["三楼会议室", "QQ线上", "腾讯会议"]
    assert zh.split_session_place("在三楼会议室学过几次网格化管理？", places) == ("三楼会议室", "学过几次网格化管理？")
    assert zh.split_session_place("在腾讯会议上学了多少次疫情防控？", places) == ("腾讯会议", "学了多少次疫情防控？")
    assert zh.split_session_place("在QQ上学过几次粮食安全？", places) == ("QQ", "学过几次粮食安全？")
    assert zh.split_session_place("在三楼会议室学的那次讲了什么", places) == ("三楼会议室", "讲了什么")


def test_the_day_after_a_date_and_spans_between_dates_with_or_without_a_year():
    from rag.zh import day_after, written_range, written_through
    assert day_after("2023年6月") == "2023年7月1日" and day_after("2020年2月28日") == "2020年2月29日"
    # no year: one of no year, the year given once today is known (written_out_dates)
    assert day_after("3月4日") == "3月5日" and day_after("12月") == "1月" and day_after("2月28日") == "3月1日"
    assert day_after("2月29日") == "3月1日" and day_after("2月30日") is None
    assert day_after("上旬") is None and written_through("3月4日") == "3月4日为止" and written_through("上旬") is None
    # until a date: through its end, read from the date itself (`until March`, asked in March: not
    # `4月以前`, whose April is yet to come and so last year's)
    assert written_through("2023年6月") == "2023年6月为止" and zh.date_filter("2023年6月为止") == {"date_to": "2023-06-30"}
    assert written_range("2023年3月4日", "11日") == "2023年3月4日到2023年3月11日"
    assert written_range("3月4日", "3月11日") == "3月4日到3月11日"      # those days of every year
    assert written_range("4日", "2020年3月11日") == "2020年3月4日到2020年3月11日" and written_range("4日", "2020年") is None
    assert written_range("2023年", "2022年") is not None and written_range("3月4日", "奇怪") is None


@pytest.mark.parametrize("text, last", [
    ("2021年5月8日—9日", "2021-05-09"), ("2021年5月8日至9日", "2021-05-09"), ("2021年5月8日-5月9日", "2021-05-09"),
    ("2021年5月30日至6月1日", "2021-06-01"), ("2021.5.8-5.9", "2021-05-09"), ("2021-05-08至2021-05-10", "2021-05-10"),
    ("2021年5月8日、9日", "2021-05-09"), ("2021年5月8日（周六）至9日（周日）", "2021-05-09"),
    ("二〇二一年五月八日至九日", "2021-05-09"), ("2021年12月30日—1月2日", "2022-01-02"),
    # one day: a time of day after it, a single date, a span going backwards or over a month
    ("2021年5月8日上午9:00-11:00", None), ("2021年5月8日 14:00-16:00", None), ("2021年5月8日下午2-4点", None),
    ("2021年5月8日-9时", None), ("2020年3月4日", None), ("2021年5月8日-7日", None), ("2021年5月8日-2021年7月8日", None),
    ("2021年5月8日、14日", None),       # two days listed apart: no session between them
])
def test_the_last_day_of_a_session_held_over_several_days(text, last):
    assert zh.last_day(text) == last


def test_several_days_written_as_a_citation_writes_them():
    assert zh.format_dates_cn("2021-05-08", "2021-05-09") == "2021年5月8日—9日"
    assert zh.format_dates_cn("2021-05-30", "2021-06-01") == "2021年5月30日—6月1日"
    assert zh.format_dates_cn("2021-12-31", "2022-01-01") == "2021年12月31日—2022年1月1日"
    assert zh.format_dates_cn("2021-05-08") == "2021年5月8日"
    assert zh.days_of("2021-05-30", "2021-06-01") == ["2021-05-30", "2021-05-31", "2021-06-01"]
    assert zh.dates_iso("2021-05-08", "2021-05-09") == "2021-05-08—2021-05-09"


def _spoken_table_of(monkeypatch, tmp_path, lines: str) -> None:
    """zh.spoken_forms reading `lines` as its table file."""
    table = tmp_path / "spoken_forms.tsv"
    table.write_text(lines, encoding="utf-8")
    monkeypatch.setattr(zh, "SPOKEN_FORMS_FILE", table)
    monkeypatch.setattr(zh, "_spoken_table", None)


def test_everyday_words_are_read_as_the_records_write_them(monkeypatch, tmp_path):
    _spoken_table_of(monkeypatch, tmp_path, "# spoken\twritten\n看病\t就医|救治\n外地\t异地\n报销\t结算\n"
                                            "卖不\t不卖\n卖不出去\t滞销\n")
    assert zh.spoken_forms("在外地看病能报销吗？") == {"外地": ("异地",), "看病": ("就医", "救治"),
                                                     "报销": ("结算",)}
    # the longest word first, and none inside it (卖不 of 卖不出去)
    assert zh.spoken_forms("农产品卖不出去怎么办？") == {"卖不出去": ("滞销",)}
    # a written form already in the question: the question needs no other
    assert zh.spoken_forms("异地就医能在外地报销吗") == {"报销": ("结算",)}
    assert zh.spoken_forms("网格化管理") == {}
    assert zh.written_otherwise("在外地看病", {"外地": ("异地",), "看病": ("就医", "救治")}) == "在异地就医"


def test_the_shipped_table_of_everyday_words_is_well_formed():
    table = zh.spoken_forms_table()
    assert len(table) >= 100
    for spoken, written in table.items():
        assert 2 <= len(spoken) <= 6 and zh.is_cjk_word(spoken), spoken
        assert written and all(spoken not in form for form in written), spoken
    # every written form is one the records write: the seed records' or the scale records'
    texts = [path.read_text(encoding="utf-8") for path in sorted((SHARED / "data" / "scale_sessions").glob("*.txt"))]
    texts.append(SEED_FILE.read_text(encoding="utf-8"))
    unwritten = [form for forms in table.values() for form in forms if not any(form in text for text in texts)]
    assert not unwritten
    # a holiday by its other name, everyday goods as the records write them
    assert zh.spoken_forms("正月初一那次常委会上作了哪些安排？") == {"正月初一": ("大年初一", "春节")}
    assert zh.spoken_forms("日常用品供应怎么保障？")["日常用品"][0] == "生活必需品"
    # racing against time as the speech says it (blind38, stop 61)
    assert zh.spoken_forms("跟疫情抢时间")["抢时间"][0] == "同时间赛跑"
    assert zh.spoken_forms("中央和地方一起使劲，拧成了一股什么？") == {"一起使劲": ("合力", "齐心协力", "共同努力"),
                                                          "拧成": ("合力",)}
    # a share as the records say it; hurt as an impact; kept from doing, not from happening (不让小毛病拖成…)
    assert zh.spoken_forms("特殊困难群体占比有多高？") == {"占比": ("比例", "比重")}
    assert zh.spoken_forms("疫情会不会伤到经济？") == {"伤到": ("冲击", "影响")}
    assert "不让人" in zh.spoken_forms("村里不让人下地干活") and zh.spoken_forms("怎样才能不让小毛病拖成大的疫情？") == {}


def test_a_bad_line_in_the_table_of_everyday_words_says_where(monkeypatch, tmp_path):
    _spoken_table_of(monkeypatch, tmp_path, "# comment\n看病\t就医|救治\n报销 结算\n")
    with pytest.raises(ValueError, match=r"spoken_forms.tsv, line 3: write a spoken word, a tab"):
        zh.spoken_forms_table()
