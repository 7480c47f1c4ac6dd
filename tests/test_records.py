import codecs

from datetime import date

import pytest

from conftest import SEED_FILE, write
from rag import zh
from rag.records import UnreadableFile, decode_bytes, load_sessions, parse_sessions, dates_to_check

RECORD = "集中学习记录\n\t时间：2021年5月6日\n\t地点:三楼会议室\n\t方式：集中学习\n\t学习主题：学习党史\n\t学习内容：\n" \
         "\u3000\u3000第一段内容讲的是建党百年的历史经验。\n\u3000\u3000第二段内容讲的是新时代的伟大成就。\n"


def test_seed_file_has_two_dated_records():
    sessions = load_sessions(SEED_FILE, SEED_FILE.parent)
    assert [s.date for s in sessions] == ["2020-03-04", "2020-03-11"]
    first, second = sessions
    assert first.place == "QQ线上" and first.format == "集中学习"
    assert first.topic.startswith("习近平主持召开中央全面深化改革委员会第十二次会议强调")
    assert second.place == "线上学习"
    content = "\n".join(line.text for line in second.lines)
    # The two speeches after the 2020-03-11 record have no header: they belong to it.
    assert "凝心聚力打赢脱贫攻坚战" in content           # the poverty speech
    assert "军事医学研究院、清华大学医学院调研" in content  # the research speech
    assert "军事医学研究院" not in "\n".join(line.text for line in first.lines)
    assert all(s.source == SEED_FILE.name for s in sessions)


def test_fields_any_order_missing_and_inline_content():
    text = "集中学习记录\n学习主题:主题在前\n时间:2022/1/2\n学习内容：内容和标签在同一行。\n第二行内容。\n"
    [s] = parse_sessions(text, "a.txt")
    assert (s.topic, s.date, s.place, s.format) == ("主题在前", "2022-01-02", "", "")
    assert [line.text for line in s.lines] == ["内容和标签在同一行。", "第二行内容。"]
    assert s.lines[0].number == 4


def test_who_chaired_attended_and_took_the_minutes_stay_in_the_header():
    """Branch templates put 主持人, 参加人员, 缺席人员, 记录人 among the header fields: they are kept
    in the header as written, are not studied text, and the fields after them are still read."""
    text = ("集中学习记录\n学习时间：2021年6月7日上午9:00\n学习地点：党员活动室\n主持人：王书记\n"
            "参加人员：张三、李四、王五\n缺席人员：无\n记录人：赵六\n学习形式：集中学习\n学习主题：学习党史\n"
            "学习内容：\n\u3000\u3000第一段内容讲的是建党百年的历史经验。\n")
    (session,) = parse_sessions(text, "a.txt")
    assert (session.date, session.place, session.format, session.topic) == (
        "2021-06-07", "党员活动室", "集中学习", "学习党史")
    assert [line.text for line in session.lines] == ["第一段内容讲的是建党百年的历史经验。"]
    assert session.header[2:6] == ["主持人：王书记", "参加人员：张三、李四、王五", "缺席人员：无", "记录人：赵六"]
    # after the content has started, such a line is content
    (session,) = parse_sessions(RECORD + "主持人：王书记作了总结。\n", "a.txt")
    assert session.lines[-1].text == "主持人：王书记作了总结。"


def test_titles_worded_as_branches_write_them_open_a_record_when_a_field_follows():
    text = ("第一党支部集中学习记录（2021年第3次）\n时间：2021年6月7日\n学习主题：学习党史\n学习内容：\n"
            "\u3000\u3000第一段内容，讲了党的历史。\n\u3000\u3000要认真做好学习记录\n\u3000\u3000第二段。\n"
            "理论学习中心组学习记录表\n\n时间：2021年7月7日\n学习内容：\n第三段内容。\n")
    first, second = parse_sessions(text, "a.txt")
    assert (first.date, first.topic, first.title_line) == ("2021-06-07", "学习党史", 1)
    assert first.header[0] == "第一党支部集中学习记录（2021年第3次）"        # which record: kept with the header
    # a line of the content worded like a title, with no field after it, stays content
    assert [line.text for line in first.lines] == ["第一段内容，讲了党的历史。", "要认真做好学习记录", "第二段。"]
    assert (second.date, second.title_line, [line.text for line in second.lines]) == ("2021-07-07", 8, ["第三段内容。"])
    for title in ("集中学习记录表", "2021年第3次集中学习记录", "学习纪要", "党支部学习记录（一）"):
        assert zh.may_be_title_line(title), title
    assert not zh.may_be_title_line("要认真做好学习记录。") and not zh.may_be_title_line("学习记录的要求是什么")


def test_other_labels_of_the_same_fields():
    text = ("集中学习记录\n学习日期：2021年6月7日\n活动地点：党员活动室\n活动形式：线上\n学习专题：学习党史\n"
            "主要内容：\n第一段内容。\n")
    (session,) = parse_sessions(text, "a.txt")
    assert (session.date, session.place, session.format, session.topic) == ("2021-06-07", "党员活动室", "线上", "学习党史")
    assert [line.text for line in session.lines] == ["第一段内容。"]


def test_a_date_without_its_year_takes_the_year_of_the_record_before_or_of_the_file_name():
    text = ("集中学习记录\n时间：2021年11月7日\n学习内容：\n第一段。\n集中学习记录\n时间：12月5日\n学习内容：\n第二段。\n"
            "集中学习记录\n时间：一月九日上午\n学习内容：\n第三段。\n")
    sessions = parse_sessions(text, "a.txt")
    assert [s.date for s in sessions] == ["2021-11-07", "2021-12-05", "2022-01-09"]    # the year turns
    problems = dates_to_check(sessions)
    assert [(p.line, p.reason.split(";")[0]) for p in problems] == [
        (6, "the date '12月5日' has no year"), (10, "the date '一月九日上午' has no year")]
    assert "read as 2022-01-09 (the year of the record before it)" in problems[1].reason
    assert "write it like 2022年1月9日" in problems[1].reason
    [alone] = parse_sessions("集中学习记录\n时间：3月4日\n学习内容：\n正文。\n", "支部2020年学习记录.txt")
    assert (alone.date, alone.year_from) == ("2020-03-04", "the file name")
    [unknown] = parse_sessions("集中学习记录\n时间：3月4日\n学习内容：\n正文。\n", "记录.txt")
    assert unknown.date is None
    [problem] = dates_to_check([unknown])
    assert "has no year, and neither a record before it nor the file name gives one" in problem.reason
    [leap] = parse_sessions("集中学习记录\n时间：2月29日\n学习内容：\n正文。\n", "2021.txt")
    assert leap.date is None        # 2021 has no 29 February: not guessed, and said so
    [problem] = dates_to_check([leap])
    assert problem.line == 2 and "2021 (the year of the file name) has no 2月29日" in problem.reason
    assert "like 2020年2月29日" in problem.reason and "neither" not in problem.reason


def test_a_label_spaced_out_as_forms_print_it_is_a_field():
    text = "集中学习记录\n时  间：2020年5月6日\n地\u3000点：三楼会议室\n方 式：集中学习\n主  持  人：张三\n学习内容：\n正文。\n"
    [session] = parse_sessions(text, "a.txt")
    assert (session.date, session.place, session.format) == ("2020-05-06", "三楼会议室", "集中学习")
    assert session.header[-1] == "主  持  人：张三" and [line.text for line in session.lines] == ["正文。"]
    assert dates_to_check([session]) == []


def test_several_fields_on_one_line_are_each_read():
    """Some forms, and StudyQA's own header lines (`zh.session_header`), put the fields on one line."""
    line = zh.session_header("2020-04-08", "三楼会议室", "集中学习", "学习党史")
    assert line == "时间：2020年4月8日\u3000地点：三楼会议室\u3000方式：集中学习\u3000学习主题：学习党史"
    [session] = parse_sessions(f"集中学习记录\n{line}\n学习内容：\n正文。\n", "a.txt")
    assert (session.date, session.place, session.format, session.topic) == (
        "2020-04-08", "三楼会议室", "集中学习", "学习党史")
    assert session.header == [line] and [line.text for line in session.lines] == ["正文。"]
    # two or more spaces part fields too; the studied text after 学习内容 is read whole
    [session] = parse_sessions("集中学习记录\n时间：2020年4月8日  地点:会议室\u3000学习内容：一是形式：要新。\n二段。\n", "a.txt")
    assert (session.date, session.place) == ("2020-04-08", "会议室")
    assert session.header == ["时间：2020年4月8日  地点:会议室"]
    assert [line.text for line in session.lines] == ["一是形式：要新。", "二段。"]
    # a value holding a colon or a single space is not split
    [session] = parse_sessions("集中学习记录\n时间：2020年4月8日 下午\n学习主题：关于时间：的问题\n学习内容：\n正文。\n", "a.txt")
    assert (session.date, session.topic) == ("2020-04-08", "关于时间：的问题")


def test_records_kept_without_titles_split_at_a_date_line_with_a_field_after_it():
    text = ("时间：2021年3月4日\n地点：会议室\n内容：\n第一段。\n时间：2021年5月1日前报送材料。\n\n"
            "时间：2021年3月11日\n地点：会议室\n学习内容：第二段。\n")
    first, second = parse_sessions(text, "a.txt")
    assert (first.date, second.date, second.place) == ("2021-03-04", "2021-03-11", "会议室")
    # a 时间 line with no other field after it is the text's own
    assert [line.text for line in first.lines] == ["第一段。", "时间：2021年5月1日前报送材料。"]
    assert [line.text for line in second.lines] == ["第二段。"]
    # in a titled file the same holds: the next record's header without its title still opens it
    titled = parse_sessions(RECORD + "时间：2021年6月1日\n学习主题：学习党章\n学习内容：\n第三段。\n", "b.txt")
    assert [(s.date, s.topic) for s in titled] == [("2021-05-06", "学习党史"), ("2021-06-01", "学习党章")]


def test_missing_content_label_starts_content_at_first_plain_line():
    [s] = parse_sessions("集中学习记录\n时间：2022年1月2日\n这是正文第一段。\n", "a.txt")
    assert s.date == "2022-01-02" and [line.text for line in s.lines] == ["这是正文第一段。"]


def test_unreadable_date_is_none_but_text_kept():
    [s] = parse_sessions("集中学习记录\n时间：上周五\n学习内容：\n正文。\n", "2021-01-01.txt")
    assert s.date is None and s.date_text == "上周五"


def test_file_without_header_is_one_record_dated_from_file_name():
    [s] = parse_sessions("没有标题的学习材料第一段。\n第二段。\n", "学习_2021-07-01.txt")
    assert not s.has_header and s.date == "2021-07-01" and len(s.lines) == 2


def test_several_records_and_text_before_the_first_title():
    text = "前言说明文字。\n" + RECORD + RECORD.replace("2021年5月6日", "2021年6月7日")
    sessions = parse_sessions(text, "x.txt")
    assert [(s.has_header, s.date) for s in sessions] == [(False, None), (True, "2021-05-06"),
                                                         (True, "2021-06-07")]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_encodings_and_line_ends(tmp_path, encoding, newline):
    path = write(tmp_path / "r.txt", RECORD.replace("\n", newline), encoding)
    [s] = load_sessions(path, tmp_path)
    assert s.date == "2021-05-06" and s.place == "三楼会议室" and s.topic == "学习党史"
    assert [line.text for line in s.lines] == ["第一段内容讲的是建党百年的历史经验。", "第二段内容讲的是新时代的伟大成就。"]


def test_utf16_big_endian_with_bom():
    data = codecs.BOM_UTF16_BE + RECORD.encode("utf-16-be")
    assert decode_bytes(data) == RECORD


def test_binary_and_undecodable_files_are_rejected_with_a_reason():
    with pytest.raises(UnreadableFile, match="binary"):
        decode_bytes(b"PK\x03\x04\x00\x00binary")
    with pytest.raises(UnreadableFile, match="UTF-8"):
        decode_bytes(bytes([0x81, 0x30, 0xFF, 0xFF, 0xFE]) * 10)
    # a UTF-8 file with its mark, cut off inside a character: which line, and the build goes on
    with pytest.raises(UnreadableFile, match="line 2 is not valid UTF-8"):
        decode_bytes(codecs.BOM_UTF8 + "集中学习记录\n时间：2020年3月11日".encode()[:-2])


def test_markdown_record_reads_like_the_plain_one(tmp_path):
    md = ("# 集中学习记录\n\n- **时间**：2021年5月6日\n- 地点: 三楼会议室\n\n| 方式 | 集中学习 |\n|---|---|\n\n"
          "**学习主题**：学习党史\n\n## 学习内容：\n\n> 第一段内容讲的是**建党百年**的历史经验。\n\n---\n\n"
          "1. 第二段内容讲的是新时代的伟大成就。\n")
    [s] = load_sessions(write(tmp_path / "r.md", md), tmp_path)
    assert (s.date, s.place, s.format, s.topic) == ("2021-05-06", "三楼会议室", "集中学习", "学习党史")
    # numbered items keep their numbers: in a speech they are its own headings
    assert [line.text for line in s.lines] == ["第一段内容讲的是建党百年的历史经验。",
                                               "1. 第二段内容讲的是新时代的伟大成就。"]
    # the same text as .txt is read as it is: `# ` stays text there
    [plain] = load_sessions(write(tmp_path / "r.txt", md), tmp_path)
    assert plain.date is None and not plain.has_header
    # a form's row of two pairs, as Word forms have them
    md = ("# 集中学习记录\n\n| 时间 | 2021年5月6日 | 地点 | 三楼会议室 |\n|---|---|---|---|\n"
          "| 主持人 | 王书记 | 学习主题 | 学习党史 |\n\n学习内容：\n\n第一段内容讲的是建党百年的历史经验。\n")
    [s] = load_sessions(write(tmp_path / "form.md", md), tmp_path)
    assert (s.date, s.place, s.topic) == ("2021-05-06", "三楼会议室", "学习党史")
    assert "主持人：王书记" in s.header and [line.text for line in s.lines] == ["第一段内容讲的是建党百年的历史经验。"]


def test_dates_to_check_say_which_line_and_what_to_write():
    text = ("集中学习记录\n时间：2020年13月45日\n学习内容：\n正文一。\n"
            "集中学习记录\n地点：会议室\n学习内容：\n正文二。\n"
            "集中学习记录\n时间：2021年1月2日\n学习内容：\n正文三。\n")
    problems = dates_to_check(parse_sessions(text, "a.txt"))
    assert [(p.source, p.line) for p in problems] == [("a.txt", 2), ("a.txt", 5)]
    assert "'2020年13月45日' is not a date" in problems[0].reason and "2020年3月4日" in problems[0].reason
    assert "no 时间 line" in problems[1].reason
    assert str(problems[0]).startswith("a.txt:2: ")
    # a header-less file dated by its name is fine; one with no date anywhere is reported
    assert dates_to_check(parse_sessions("正文。\n", "学习_2021-07-01.txt")) == []
    [p] = dates_to_check(parse_sessions("\n正文。\n", "notes.txt"))
    assert p.line == 2 and "file name" in p.reason
    # a date after today: most likely a typo (2041 for 2021), which 最近一次学习 would take as the latest
    future = parse_sessions("集中学习记录\n时间：2041年3月15日\n学习内容：\n正文。\n", "b.txt")
    [p] = dates_to_check(future, today=date(2026, 12, 5))
    assert (p.source, p.line) == ("b.txt", 2) and "'2041年3月15日' is after today (2026年12月5日)" in p.reason
    assert dates_to_check(future, today=date(2041, 3, 15)) == []


T = "党章是党的根本大法，是全党必须共同遵守的根本行为规范，我们要认真学习。"


def test_a_page_break_before_a_record_s_fields_still_opens_it():
    text = f"时间：2020年3月11日\n地点：三楼\n学习内容：\n{T}\n\f时间：2020年4月8日\n地点：线上\n学习主题：学习条例\n学习内容：\n{T}\n"
    first, second = parse_sessions(text, "a.txt")
    assert (first.date, second.date, second.topic) == ("2020-03-11", "2020-04-08", "学习条例")
    assert [line.text for line in first.lines] == [T]
    [session] = parse_sessions(f"\f集中学习记录\n时间：2020年3月11日\n学习内容：\n{T}\n\f\n", "a.txt")
    assert session.header == ["时间：2020年3月11日"] and [line.text for line in session.lines] == [T]


@pytest.mark.parametrize("written", ["二O二O年三月十一日", "二0二0年三月十一日", "２０２０．３．１１", "２０２０－３－１１"])
def test_dates_typed_with_a_letter_o_or_in_full_width(written):
    assert zh.parse_date(written) == "2020-03-11"


def test_a_notice_or_a_table_s_column_heads_inside_a_titled_record_are_its_text():
    notice = (f"集中学习记录\n时间：2020年3月11日\n地点：三楼\n学习主题：学习通知\n学习内容：\n{T}\n一、会议时间\n"
              "时间：2020年3月20日上午9:00\n地点：县委三楼会议室\n二、参会人员\n各乡镇党委书记参加会议。\n")
    [session] = parse_sessions(notice, "a.txt")
    assert session.date == "2020-03-11" and "地点：县委三楼会议室" in [line.text for line in session.lines]
    plan = f"集中学习记录\n时间：2020年3月11日\n学习主题：学习计划\n学习内容：\n{T}\n时间：\n学习内容：\n参加人员：\n3月 学习党章\n"
    [session] = parse_sessions(plan, "a.txt")
    assert session.lines[-1].text == "3月 学习党章"
    # a titled file's record without its own title, with a study record's fields, still opens one
    two = f"集中学习记录\n时间：2020年3月11日\n学习内容：\n{T}\n时间：2020年4月8日\n学习主题：学习条例\n学习内容：\n{T}\n"
    assert [s.date for s in parse_sessions(two, "a.txt")] == ["2020-03-11", "2020-04-08"]


@pytest.mark.parametrize("line", ["地点：三楼会议室 时间：2020年3月11日", "时间：2020年3月11日，地点：三楼会议室；方式：集中学习",
                                  "时间：2020年3月11日 地点：三楼会议室 方式：集中学习"])
def test_fields_on_one_line_after_a_space_or_a_comma(line):
    [session] = parse_sessions(f"集中学习记录\n{line}\n学习内容：\n{T}\n", "a.txt")
    assert (session.date, session.place) == ("2020-03-11", "三楼会议室")


@pytest.mark.parametrize("between", ["（2020年第3次）", "第一党支部", "填表单位：第一党支部"])
def test_a_line_between_the_title_and_the_fields_is_the_header_s(between):
    [session] = parse_sessions(f"集中学习记录\n{between}\n时间：2020年3月11日\n地点：三楼\n学习内容：\n{T}\n", "a.txt")
    assert session.date == "2020-03-11" and session.header[0] == between and [l.text for l in session.lines] == [T]


@pytest.mark.parametrize("header", [
    "一、学习时间：2020年3月11日\n二、学习地点：三楼会议室",
    "1.时间：2020年3月11日\n2.地点：三楼会议室",
    "【时间】2020年3月11日\n【地点】三楼会议室",
    "时间\t2020年3月11日\t地点\t三楼会议室",          # a Word table's row pasted as text
])
def test_numbered_bracketed_or_tab_separated_fields(header):
    [session] = parse_sessions(f"集中学习记录\n{header}\n学习内容：\n{T}\n", "a.txt")
    assert (session.date, session.place) == ("2020-03-11", "三楼会议室") and [l.text for l in session.lines] == [T]


@pytest.mark.parametrize("fields", ["时间：下午3:00-5:00\n日期：2020年3月11日", "日期：2020年3月11日\n时间：下午3:00-5:00"])
def test_the_hour_and_the_date_in_two_fields(fields):
    [session] = parse_sessions(f"集中学习记录\n{fields}\n地点：三楼\n学习内容：\n{T}\n", "a.txt")
    assert session.date == "2020-03-11" and "时间：下午3:00-5:00" in session.header
    assert [line.text for line in session.lines] == [T]


def test_records_kept_without_titles_whose_header_opens_with_another_field():
    text = (f"学习主题：学习党章\n时间：2020年3月11日\n地点：三楼\n学习内容：\n{T}\n\n"
            f"学习主题：学习条例\n时间：2020年4月8日\n地点：线上\n学习内容：\n{T}\n"
            f"主持人：李四\n时间：2020年5月8日\n学习内容：\n{T}\n")
    sessions = parse_sessions(text, "a.txt")
    assert [(s.date, s.topic) for s in sessions] == [("2020-03-11", "学习党章"), ("2020-04-08", "学习条例"),
                                                     ("2020-05-08", "")]
    assert all([line.text for line in s.lines] == [T] for s in sessions)
    assert sessions[2].header[0] == "主持人：李四"


def test_a_date_on_the_line_after_its_label_and_a_topic_wrapped_onto_two_lines():
    [session] = parse_sessions(f"集中学习记录\n时间：\n2020年3月11日\n地点：三楼\n学习内容：\n{T}\n", "a.txt")
    assert session.date == "2020-03-11" and [line.text for line in session.lines] == [T]
    [session] = parse_sessions(f"集中学习记录\n时间：2020年3月11日\n学习主题：健全国家公共卫生\n应急管理体系\n学习内容：\n{T}\n",
                               "a.txt")
    assert session.topic == "健全国家公共卫生应急管理体系" and [line.text for line in session.lines] == [T]


def test_a_rule_above_the_first_record_and_a_title_spaced_out_make_no_record_of_their_own():
    sessions = parse_sessions(f"----------\n集 中 学 习 记 录\n时间：2020年3月11日\n学习内容：\n{T}\n"
                              f"集　中　学　习　记　录\n时间：2020年4月1日\n学习内容：\n{T}\n", "a.txt")
    assert [(s.date, s.has_header, [line.text for line in s.lines]) for s in sessions] == [
        ("2020-03-11", True, [T]), ("2020-04-01", True, [T])]


# ---- records as branches write them (forms, minutes, exports) -----------------------------------
def _sessions(text: str):
    return parse_sessions(text, "a.txt")


def test_a_form_row_of_who_was_absent_and_why_is_a_header_field_and_closing_signatures_too():
    text = ("集中学习记录\n时间：2021年5月8日\n缺席人员及原因：王五（出差）\n审核人：张三\n学习主题：学习党史\n学习内容：\n"
            "全党要把学习贯彻党的创新理论作为首要政治任务。\n记录人签字：李四\n支部书记签字：张三\n")
    [s] = _sessions(text)
    assert s.topic == "学习党史"
    assert [line.text for line in s.lines] == ["全党要把学习贯彻党的创新理论作为首要政治任务。"]
    # what closes the record is its header's, in the order written, not its text
    assert s.header[-2:] == ["记录人签字：李四", "支部书记签字：张三"]


def test_what_the_host_said_is_text_and_a_part_label_after_the_topic_is_not_the_topic():
    text = ("党支部集中学习记录\n时间：2021年9月1日\n地点：二楼会议室\n方式：专题研讨\n学习主题：学习“七一”重要讲话精神\n"
            "讨论情况：\n主持人：今天我们围绕伟大建党精神开展专题研讨，请大家结合岗位实际踊跃发言。\n"
            "张三：伟大建党精神是中国共产党的精神之源。\n")
    [s] = _sessions(text)
    assert s.topic == "学习“七一”重要讲话精神"
    assert [line.text for line in s.lines][:2] == ["讨论情况：", "主持人：今天我们围绕伟大建党精神开展专题研讨，请大家结合岗位实际踊跃发言。"]
    # a host's name alone is still a header field
    [s] = _sessions("集中学习记录\n时间：2021年9月1日\n主持人：张三\n学习主题：党史\n学习内容：\n正文一段。\n")
    assert "主持人：张三" in s.header and [line.text for line in s.lines] == ["正文一段。"]


def test_a_long_list_of_names_on_the_line_after_its_label_stays_in_the_header():
    names = "张三、李四、王五、赵六、孙七、周八、吴九、郑十、钱十一、陈十二、褚十三、卫十四、蒋十五、沈十六"
    text = f"集中学习记录\n时间：2021年10月9日\n参加人员：\n{names}\n学习主题：学习六中全会公报\n学习内容：\n全会审议通过了决议。\n"
    [s] = _sessions(text)
    assert s.topic == "学习六中全会公报" and s.header[-2] == "参加人员：" + names
    assert [line.text for line in s.lines] == ["全会审议通过了决议。"]


def test_a_record_closing_with_its_minute_taker_keeps_it_when_an_untitled_record_follows():
    text = ("时间：2023年4月12日　地点：支部会议室\n学习主题：学习选读第一卷\n学习内容：\n选读第一卷收入了重要著作。\n记录人：李四\n"
            "时间：2023年5月10日　地点：支部会议室\n学习主题：主题教育\n学习内容：\n主题教育的总要求是学思想。\n记录人：赵六\n")
    first, second = _sessions(text)
    assert (first.date, second.date) == ("2023-04-12", "2023-05-10")
    assert first.header[-1] == "记录人：李四" and second.header[-1] == "记录人：赵六"
    assert [line.text for line in second.lines] == ["主题教育的总要求是学思想。"]


def test_a_notice_quoted_in_a_titled_record_opens_no_session():
    text = ("集中学习记录\n时间：2023年6月20日\n地点：三楼会议室\n方式：集中学习\n学习主题：学习通知精神\n学习内容：\n"
            "关于开展主题党日活动的通知\n一、活动时间：2023年6月30日上午9:00\n二、活动地点：市革命烈士纪念馆\n"
            "三、活动主题：牢记初心使命\n会上，支部书记对活动作了具体部署，讨论很热烈。\n")
    [s] = _sessions(text)
    assert s.date == "2023-06-20"
    assert "一、活动时间：2023年6月30日上午9:00" in [line.text for line in s.lines]
    assert s.lines[-1].text == "会上，支部书记对活动作了具体部署，讨论很热烈。"


@pytest.mark.parametrize("space", ["\u2003", "\u2002", "\u2009", "\u200b", "\u202f"])
def test_web_spaces_and_zero_width_spaces_indent_like_any_other(space):
    text = RECORD.replace("\t", space * 2).replace("\u3000\u3000", space * 2)
    [s] = _sessions(text)
    assert (s.date, s.place, s.topic) == ("2021-05-06", "三楼会议室", "学习党史")
    assert s.lines[0].text == "第一段内容讲的是建党百年的历史经验。"
    [s] = _sessions(RECORD.replace("时间：", "时间\u200b："))
    assert s.date == "2021-05-06"


@pytest.mark.parametrize("colon", ["∶", "﹕", "︰"])
def test_colon_look_alikes_are_colons(colon):
    [s] = _sessions(RECORD.replace("：", colon).replace(":", colon))
    assert (s.date, s.place, s.format, s.topic) == ("2021-05-06", "三楼会议室", "集中学习", "学习党史")


@pytest.mark.parametrize("title", ["【集中学习记录】", "《集中学习记录》", "集中学习记录　时间：2021年5月6日"])
def test_a_title_in_brackets_or_with_its_first_field_on_its_line(title):
    one = RECORD.replace("集中学习记录\n\t时间：2021年5月6日" if "时间" in title else "集中学习记录", title)
    sessions = _sessions(one + one.replace("2021年5月6日", "2021年6月7日"))
    assert [(s.date, s.topic) for s in sessions] == [("2021-05-06", "学习党史"), ("2021-06-07", "学习党史")]
    assert all(title not in line.text for s in sessions for line in s.lines)


def test_a_date_in_the_title_or_alone_under_it_dates_a_record_without_a_date_field():
    [s] = _sessions("集中学习记录（2020年3月4日）\n地点：会议室\n学习主题：党史\n学习内容：\n正文一段。\n")
    assert s.date == "2020-03-04" and not dates_to_check([s])
    [s] = _sessions("集中学习记录\n2020年3月4日\n地点：会议室\n学习主题：党史\n学习内容：\n正文一段。\n")
    assert s.date == "2020-03-04"
    # a 时间 field, when there is one, is the date
    [s] = _sessions("集中学习记录（2020年3月4日）\n时间：2020年3月5日\n学习主题：党史\n学习内容：\n正文一段。\n")
    assert s.date == "2020-03-05"


def test_a_record_with_a_header_and_nothing_else_is_reported():
    text = "集中学习记录\n时间：2020年3月1日\n地点：会议室\n主持人：张三\n\n" + RECORD
    empty, kept = _sessions(text)
    [problem] = [p for p in dates_to_check([empty, kept]) if p.line == 1]
    assert "no text under it" in problem.reason


def test_a_forms_ticked_choice_is_the_format():
    [s] = _sessions(RECORD.replace("方式：集中学习", "方式：☑集中学习 □专题研讨 □视频学习"))
    assert s.format == "集中学习"
    [s] = _sessions(RECORD.replace("方式：集中学习", "方式：□集中学习 □专题研讨"))
    assert s.format == "□集中学习 □专题研讨"       # none ticked: as written


@pytest.mark.parametrize("end", ["\u2028", "\u2029", "\x85"])
def test_unicode_line_ends_end_lines(end):
    [s] = _sessions(decode_bytes(RECORD.replace("\n", end).encode("utf-8")))
    assert (s.date, s.topic, len(s.lines)) == ("2021-05-06", "学习党史", 2)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_its_byte_order_mark_is_read(encoding):
    assert decode_bytes(RECORD.encode(encoding)) == RECORD
    with pytest.raises(UnreadableFile, match="binary"):
        decode_bytes(b"\x00\x01\x02\x03" * 10)


def test_a_full_date_or_a_year_in_the_file_name_not_a_document_number():
    assert zh.year_in_file_name("支部20210101-20211231.txt") == 2021
    assert zh.year_in_file_name("1998号文件2021.txt") == 2021
    assert zh.year_in_file_name("2021年学习记录.txt") == 2021


def test_pandoc_markdown_hard_breaks_and_headings_that_are_labels():
    from rag.records import markdown_text
    [s] = _sessions(markdown_text("**时间：**2022年5月18日\\\n**地点：**线上腾讯会议\\\n**学习主题：**学习讲话\n\n正文一段，很长的内容。\n"))
    assert (s.date, s.place, s.topic) == ("2022-05-18", "线上腾讯会议", "学习讲话")
    text = "# 集中学习记录\n## 时间\n2022年6月15日\n## 地点\n\n三楼会议室\n## 学习主题\n学习条例\n## 学习内容\n条例规定了纪律。\n"
    read = markdown_text(text)
    assert read.count("\n") == text.count("\n")     # lines keep their numbers
    [s] = _sessions(read)
    assert (s.date, s.place, s.topic) == ("2022-06-15", "三楼会议室", "学习条例")
    assert [(line.number, line.text) for line in s.lines] == [(10, "条例规定了纪律。")]


def test_a_list_of_the_texts_studied_is_no_heading_of_what_follows():
    from rag.passages import session_passages
    text = ("集中学习记录\n时间：2021年5月6日\n学习主题：法治\n学习内容：\n1.《习近平法治思想概论》第三章\n2.《民法典》总则编\n"
            "习近平法治思想是全面依法治国的根本遵循和行动指南。\n民法典被称为社会生活的百科全书，是民事权利的宣言书。\n")
    [s] = _sessions(text)
    passages = session_passages(s)
    assert [p.heading for p in passages] == [None, None]
    assert passages[0].text.startswith("1.《习近平法治思想概论》第三章\n2.《民法典》总则编\n习近平法治思想")


_W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_TEXT_BOX = ('<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
             '<mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>'
             '</w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p>'
             '</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>')


def _docx_with_a_box_and_a_note(path, box: str, note: str):
    """A .docx whose second paragraph refers to a footnote and whose third holds a text box (Word
    writes the box twice: the drawing, and an older copy for old readers)."""
    import docx
    import zipfile
    document = docx.Document()
    for line in ["集中学习记录", "时间：2022年3月10日", "学习主题：两会精神", "学习内容：",
                 "报告提出，今年国内生产总值增长5.5%左右FNREF。", "BOX", "会议强调，要坚持稳字当头、稳中求进。"]:
        document.add_paragraph(line)
    document.save(str(path) + ".tmp")
    notes = (f'<w:footnotes {_W_NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
             f'</w:footnote><w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve"> {note}</w:t></w:r></w:p></w:footnote>'
             '</w:footnotes>')
    with zipfile.ZipFile(str(path) + ".tmp") as zin, zipfile.ZipFile(path, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.endswith(".xml") or item.filename.endswith(".rels"):
                data = data.decode("utf-8")
            if item.filename == "word/document.xml":
                data = data.replace("FNREF。</w:t></w:r>", '。</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r>')
                data = data.replace("<w:r><w:t>BOX</w:t></w:r>", _TEXT_BOX.format(text=box))
            elif item.filename == "[Content_Types].xml":
                data = data.replace("</Types>", '<Override PartName="/word/footnotes.xml" ContentType="application/'
                                    'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>')
            elif item.filename == "word/_rels/document.xml.rels":
                data = data.replace("</Relationships>", '<Relationship Id="rIdFn" Type="http://schemas.openxmlformats.org/'
                                    'officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>')
            zout.writestr(item, data)
        zout.writestr("word/footnotes.xml", notes)
    return path


def test_docx_text_boxes_and_footnotes_are_read_where_word_shows_them(tmp_path):
    from rag.records import docx_text
    path = _docx_with_a_box_and_a_note(tmp_path / "a.docx", "金句摘录：就业是最基本的民生。", "这一目标综合考虑了稳就业的需要。")
    [s] = parse_sessions(docx_text(path), "a.docx")
    assert [line.text for line in s.lines] == [
        "报告提出，今年国内生产总值增长5.5%左右。", "注：这一目标综合考虑了稳就业的需要。",
        "金句摘录：就业是最基本的民生。",          # once, though Word keeps the box twice
        "会议强调，要坚持稳字当头、稳中求进。"]


def test_docx_form_a_label_written_down_its_cell_a_character_a_line(tmp_path):
    import docx
    from rag.records import docx_text
    document = docx.Document()
    document.add_paragraph("集中学习记录")
    table = document.add_table(rows=0, cols=2)
    for label, value in (("时间", "2021年5月8日"), ("学习主题", "党史"), ("学\n习\n内\n容", "全党要把学习贯彻党的创新理论作为首要政治任务。")):
        cells = table.add_row().cells
        cells[0].text = ""
        for i, char in enumerate(label.split("\n")):
            (cells[0].paragraphs[0] if i == 0 else cells[0].add_paragraph()).text = char
        cells[1].text = value
    document.save(str(tmp_path / "a.docx"))
    [s] = parse_sessions(docx_text(tmp_path / "a.docx"), "a.docx")
    assert (s.date, s.topic) == ("2021-05-08", "党史")
    assert [line.text for line in s.lines] == ["全党要把学习贯彻党的创新理论作为首要政治任务。"]


def test_who_attended_in_a_sentence_stays_in_the_header_and_the_topic_is_read():
    [s] = _sessions("集中学习记录\n时间：2021年5月8日\n参加人员：支部全体党员共15人，其中正式党员12人、预备党员3人。\n"
                    "学习主题：党史学习教育动员大会精神\n学习内容：\n全党要把学习贯彻党的创新理论作为首要政治任务。\n")
    assert s.topic == "党史学习教育动员大会精神" and s.header[1].startswith("参加人员：支部全体党员共15人")


def test_records_after_a_titled_one_with_numbered_fields_are_records_of_their_own():
    one = "一、时间：{}\n二、地点：三楼会议室\n三、学习主题：党史\n四、学习内容：\n全党要把学习贯彻党的创新理论作为首要政治任务。\n"
    sessions = _sessions("集中学习记录\n" + one.format("2021年5月8日") + one.format("2021年6月8日"))
    assert [s.date for s in sessions] == ["2021-05-08", "2021-06-08"]


def test_records_that_open_with_their_minute_taker_keep_it():
    text = ("记录人：李四\n时间：2023年4月12日　地点：支部会议室\n学习主题：选读\n学习内容：\n选读第一卷收入了重要著作。\n"
            "记录人：赵六\n时间：2023年5月10日　地点：支部会议室\n学习主题：主题教育\n学习内容：\n主题教育的总要求是学思想。\n")
    first, second = _sessions(text)
    assert first.header[0] == "记录人：李四" and second.header[0] == "记录人：赵六"
    assert [line.text for line in first.lines] == ["选读第一卷收入了重要著作。"]


def test_the_year_a_file_name_writes_with_nian_comes_before_a_date_in_it():
    assert zh.year_in_file_name("2022年记录-2021.12.31备份.txt") == 2022


@pytest.mark.parametrize("title, between", [("第一党支部集中学习记录（2021年第3次）", "填表单位：第一党支部"),
                                            ("理论学习中心组学习记录", "（2021年第3次）")])
def test_a_title_worded_otherwise_with_a_short_line_under_it_opens_the_record(title, between):
    """The README's own examples together: they made an undated, empty session of the title."""
    [s] = _sessions(f"{title}\n{between}\n时间：2021年4月8日\n学习主题：两会精神\n学习内容：\n正文一段。\n")
    assert (s.date, s.topic) == ("2021-04-08", "两会精神") and s.header[:2] == [title, between]


def test_a_meeting_notice_or_a_line_ending_in_xuexi_jilu_within_the_text_opens_no_record():
    """A notice read out (`会议时间：… 会议地点：…`) and a heading or a sentence ending in 学习记录
    with fields after it (a session on how to fill in records) are the record's text."""
    notice = ("集中学习记录\n时间：2021年3月4日\n地点：三楼会议室\n学习内容：\n一、传达《关于召开支部党员大会的通知》\n通知要求如下：\n"
              "会议时间：2021年3月10日下午3点\n会议地点：支部活动室\n会议内容：选举产生新一届支部委员会\n"
              "请全体党员准时参加，不得无故缺席。\n")
    [s] = _sessions(notice)
    assert s.date == "2021-03-04" and s.lines[-1].text == "请全体党员准时参加，不得无故缺席。"
    for lead in ("二、规范填写学习记录\n（一）基本要素", "支部书记要求各位党员要认真做好个人学习记录\n具体安排如下"):
        [s] = _sessions("集中学习记录\n时间：2021年5月20日\n学习主题：规范\n学习内容：\n正文一段。\n" + lead
                        + "\n学习时间：写明具体日期\n学习地点：写明具体场所\n")
        assert s.date == "2021-05-20" and s.lines[-1].text == "学习地点：写明具体场所"


def test_a_session_held_over_several_days_keeps_its_last_day(tmp_path):
    # written without a year in a year's notebook, the last day takes the first day's year
    text = ("集中学习记录\n时间：2021年5月8日至9日\n学习主题：党史读书班\n学习内容：\n第一天学习。\n\n"
            "集中学习记录\n时间：12月30日—1月2日\n学习主题：跨年读书班\n学习内容：\n跨年学习。\n\n"
            "集中学习记录\n时间：2022年1月5日上午9:00-11:00\n学习主题：一天\n学习内容：\n一天学习。\n")
    sessions = load_sessions(write(tmp_path / "2021年记录.txt", text), tmp_path)
    assert [(s.date, s.date_end) for s in sessions] == [
        ("2021-05-08", "2021-05-09"), ("2021-12-30", "2022-01-02"), ("2022-01-05", None)]


_BODY_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14"')


def _docx_of_body(path, body: str, styles: str = ""):
    """A .docx whose body is `body` (WordprocessingML as Word writes it), with `styles` added."""
    import io
    import zipfile
    import docx
    blank = io.BytesIO()
    docx.Document().save(blank)
    with zipfile.ZipFile(io.BytesIO(blank.getvalue())) as zin, zipfile.ZipFile(path, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_BODY_NS}>'
                        f'<w:body>{body}<w:sectPr/></w:body></w:document>').encode()
            elif item.filename == "word/styles.xml":
                data = data.replace(b"</w:styles>", styles.encode() + b"</w:styles>")
            zout.writestr(item, data)
    return path


def _p(*runs: str) -> str:
    return "<w:p>" + "".join(f'<w:r><w:t xml:space="preserve">{r}</w:t></w:r>' if not r.startswith("<") else r
                             for r in runs) + "</w:p>"


def _row(*cells: str) -> str:
    return "<w:tr>" + "".join(f"<w:tc>{_p(c)}</w:tc>" for c in cells) + "</w:tr>"


_GRID = "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"


def test_a_form_rows_and_cells_inside_content_controls_and_a_nested_table_are_read(tmp_path):
    # a repeating section (rows in a control), a cell in a control, a table inside a cell: all
    # were dropped unsaid (python-docx reads a table's own rows and cells only)
    body = (_p("集中学习记录") + _GRID + _row("时间", "2020年3月11日")
            # (Word's repeating section: a control of controls, sdt > sdt > tr)
            + "<w:sdt><w:sdtPr/><w:sdtContent><w:sdt><w:sdtPr/><w:sdtContent>" + _row("地点", "三楼会议室")
            + "</w:sdtContent></w:sdt></w:sdtContent></w:sdt>"
            + f"<w:tr><w:tc>{_p('学习主题')}</w:tc><w:sdt><w:sdtPr/><w:sdtContent><w:tc>{_p('党史学习')}</w:tc>"
            + "</w:sdtContent></w:sdt></w:tr>"
            + f"<w:tr><w:tc>{_p('学习内容')}</w:tc><w:tc>{_p('学习了以下文件：')}{_GRID}"
            + _row("内嵌表格中的重要文字。") + f"</w:tbl>{_p('')}</w:tc></w:tr></w:tbl>")
    [s] = load_sessions(_docx_of_body(tmp_path / "form.docx", body), tmp_path)
    assert (s.date, s.place, s.topic) == ("2020-03-11", "三楼会议室", "党史学习")
    assert "内嵌表格中的重要文字。" in "\n".join(line.text for line in s.lines)


def test_hidden_text_an_empty_controls_prompt_and_symbol_check_boxes_read_as_word_shows_them(tmp_path):
    wingdings = '<w:r><w:rPr><w:rFonts w:ascii="Wingdings 2" w:hAnsi="Wingdings 2"/></w:rPr><w:t>{}</w:t></w:r>'
    body = (_p("集中学习记录") + _p("时间：2020年3月11日")
            + _p("学习主题：", '<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r>'
                 '<w:t>单击或点击此处输入文字。</w:t></w:r></w:sdtContent></w:sdt>')
            # Insert > Symbol, and `R` / `£` typed in Wingdings 2: ☑ and □
            + _p("方式：", '<w:r><w:sym w:font="Wingdings 2" w:char="F052"/></w:r>', "集中学习 ",
                 '<w:r><w:sym w:font="Wingdings 2" w:char="F0A3"/></w:r>', "专题研讨")
            + _p("地点：", wingdings.format("£"), "会议室 ", wingdings.format("R"), "线上")
            + _p("学习内容：")
            + _p("可见文字。", '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏文字。</w:t></w:r>')
            + _p("2020", "<w:r><w:noBreakHyphen/></w:r>", "2021年度计划，学习",
                 '<w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>jiàn</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>践</w:t>'
                 '</w:r></w:rubyBase></w:ruby></w:r>', "行。")
            + _p('<mc:AlternateContent><mc:Choice Requires="w14"><w:r><w:t>选项文字。</w:t></w:r></mc:Choice>'
                 '<mc:Fallback><w:r><w:t>选项文字。</w:t></w:r></mc:Fallback></mc:AlternateContent>'))
    [s] = load_sessions(_docx_of_body(tmp_path / "r.docx", body), tmp_path)
    assert (s.place, s.format, s.topic) == ("线上", "集中学习", "")
    assert [line.text for line in s.lines] == ["可见文字。", "2020-2021年度计划，学习践行。", "选项文字。"]


def test_a_word_97_document_renamed_docx_is_read_and_a_damaged_docx_says_what_to_do(tmp_path):
    from conftest import REPO
    renamed = tmp_path / "old.docx"
    renamed.write_bytes((REPO / "tests" / "data" / "word97_record.doc").read_bytes())
    as_doc = tmp_path / "old.doc"
    as_doc.write_bytes(renamed.read_bytes())
    read = load_sessions(renamed, tmp_path)
    assert read and [s.topic for s in read] == [s.topic for s in load_sessions(as_doc, tmp_path)]
    cut = tmp_path / "cut.docx"
    cut.write_bytes(b"PK\x03\x04 cut off in copying")
    with pytest.raises(UnreadableFile, match="save it as .docx|copy it again"):
        load_sessions(cut, tmp_path)


_CHUNK = ('<w:altChunk xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
          'r:id="rIdHtml"/>')


def _docx_with_chunk(path, content_type: str, name: str, data: bytes, before: str = ""):
    """A .docx whose body is one altChunk (after `before`) pointing at a part `name` of `content_type`."""
    import zipfile
    plain = _docx_of_body(path.with_suffix(".plain.docx"), before + _CHUNK)
    rel = (f'<Relationship Id="rIdHtml" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" '
           f'Target="{name}"/>')
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(path, "w") as zout:
        for item in zin.infolist():
            data_in = zin.read(item.filename)
            if item.filename == "word/_rels/document.xml.rels":
                data_in = data_in.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
            elif item.filename == "[Content_Types].xml":
                data_in = data_in.replace(b"</Types>", f'<Override PartName="/word/{name}" ContentType="{content_type}"/>'
                                          .encode() + b"</Types>")
            zout.writestr(item, data_in)
        zout.writestr(f"word/{name}", data)
    plain.unlink()
    return path


_PAGE = ("<html><head><meta charset='gbk'><title>导出</title><style>p {{margin:0}}</style></head><body>"
         "<p align=center><b>集中学习记录</b></p>"
         "<table border=1><tr><td>时间</td><td>2021年9月1日</td></tr><tr><td>地点</td><td>党员&nbsp;活动室</td></tr>"
         "<tr><td>学习主题</td><td>学习新思想</td></tr></table>"
         "<p>学习内容：</p><p>　　第一段，学习新时代中国特色社会主义思想的<span>世界观</span>和方法论。</p>"
         "<p>第二段<br>换行之后的一句。</p><script>var x = '不是正文';</script></body></html>")


def test_a_docx_holding_its_text_as_an_embedded_web_page_is_read(tmp_path):
    """Web systems export Word files as one altChunk pointing at an HTML page (or an MHT archive);
    it was "an empty Word document", then a message to save it again in Word."""
    path = _docx_with_chunk(tmp_path / "export.docx", "text/html", "afchunk.htm", _PAGE.encode("gbk"))
    [session] = load_sessions(path, tmp_path)
    assert (session.date, session.place, session.topic) == ("2021-09-01", "党员 活动室", "学习新思想")
    texts = [line.text.strip() for line in session.lines]
    assert texts == ["第一段，学习新时代中国特色社会主义思想的世界观和方法论。", "第二段", "换行之后的一句。"]
    # an MHT web archive, as Word and OA systems save it (quoted-printable, its charset in the header)
    import quopri
    mht = (b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="----=_NextPart"\r\n\r\n'
           b'------=_NextPart\r\nContent-Type: text/html; charset="utf-8"\r\n'
           b'Content-Transfer-Encoding: quoted-printable\r\n\r\n'
           + quopri.encodestring(_PAGE.replace("charset='gbk'", "").encode("utf-8")) + b'\r\n------=_NextPart--\r\n')
    path = _docx_with_chunk(tmp_path / "export2.docx", "message/rfc822", "afchunk.mht", mht)
    [session] = load_sessions(path, tmp_path)
    assert session.date == "2021-09-01" and "世界观和方法论" in session.lines[0].text


def test_a_docx_holding_its_text_as_an_embedded_word_document_is_read(tmp_path):
    """Documents merged by a program (a mail merge, an OA system) embed each whole .docx as an
    altChunk; it was refused as a part of a kind not read."""
    inner = _docx_of_body(tmp_path / "inner.docx", _p("集中学习记录") + _p("时间：2021年9月1日") + _p("学习主题：学习新思想")
                          + _p("学习内容：") + _p("第一段，学习新时代中国特色社会主义思想的世界观和方法论。"))
    path = _docx_with_chunk(tmp_path / "merged.docx",
                            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                            "afchunk.docx", inner.read_bytes())
    [session] = load_sessions(path, tmp_path)
    assert (session.date, session.topic) == ("2021-09-01", "学习新思想")
    assert [line.text for line in session.lines] == ["第一段，学习新时代中国特色社会主义思想的世界观和方法论。"]
    # a damaged embedded document: said as a part not read
    path = _docx_with_chunk(tmp_path / "broken.docx",
                            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                            "afchunk.docx", b"PK\x03\x04 cut")
    with pytest.raises(UnreadableFile, match="embedded part"):
        load_sessions(path, tmp_path)


_RTF = ("{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0\\fnil\\fcharset134 \\'cb\\'ce\\'cc\\'e5;}}"
        "{\\colortbl;\\red0\\green0\\blue0;}{\\*\\generator Riched20;}{\\info{\\title \\'b1\\'ea\\'cc\\'e2}}"
        "\\uc1\\pard\\qc\\f0 " + "".join("\\'%02x" % b for b in "集中学习记录".encode("gbk")) + "\\par\n"
        "\\trowd\\cellx2000\\cellx6000 \\intbl \\u26102?\\u38388?\\cell \\intbl 2021\\u24180?9\\u26376?1\\u26085?\\cell\\row\n"
        "\\trowd\\cellx2000\\cellx6000 \\intbl \\u23398?\\u20064?\\u20027?\\u39064?\\cell \\intbl "
        + "".join("\\'%02x" % b for b in "学习新思想".encode("gbk")) + "\\cell\\row\n"
        "\\pard " + "".join("\\'%02x" % b for b in "学习内容：".encode("gbk")) + "\\par "
        "{\\field{\\*\\fldinst HYPERLINK \"http://x\"}{\\fldrslt " + "".join("\\'%02x" % b for b in "第一段".encode("gbk"))
        + "}}\\u65292?\\u19990?\\u30028?\\u35266?\\u12290?\\par}")


def test_an_rtf_record_is_read(tmp_path):
    """Word's and WPS's Rich Text (.rtf), and a .doc that is RTF (as OA systems export "Word"
    files): GBK bytes and \\u characters, a header table's rows as fields, no font table or field
    code in the text."""
    for name in ("记录.rtf", "导出.doc"):
        (tmp_path / name).write_bytes(_RTF.encode("ascii"))
        [session] = load_sessions(tmp_path / name, tmp_path)
        assert (session.date, session.topic) == ("2021-09-01", "学习新思想"), name
        assert [line.text for line in session.lines] == ["第一段，世界观。"], name
    (tmp_path / "not.rtf").write_bytes("集中学习记录".encode("gbk"))
    with pytest.raises(UnreadableFile, match="not an RTF document"):
        load_sessions(tmp_path / "not.rtf", tmp_path)


def test_rtf_binary_data_is_skipped_in_any_group():
    """`\\binN` is followed by N bytes of binary data: skipped whole, in a picture's group or not, even
    where they hold a brace (which would end a group early and let the rest of a picture into the text)."""
    from rag.rtf import rtf_lines
    assert rtf_lines(b"{\\rtf1\\ansi Before\\par {\\bin6 a}b{\\c}After\\par}") == ["Before", "After", ""]
    assert rtf_lines(b"{\\rtf1\\ansi A\\par{\\pict\\bin3 }}x}B\\par}") == ["A", "B", ""]


def test_a_doc_that_is_a_web_page_is_read(tmp_path):
    """OA systems export "Word" files as an HTML page or web archive named .doc; it was refused as
    not a Word 97-2003 document."""
    (tmp_path / "导出.doc").write_bytes(_PAGE.encode("gbk"))
    [session] = load_sessions(tmp_path / "导出.doc", tmp_path)
    assert (session.date, session.topic) == ("2021-09-01", "学习新思想")
    (tmp_path / "unicode.doc").write_bytes(_PAGE.replace("charset='gbk'", "").encode("utf-16"))
    [session] = load_sessions(tmp_path / "unicode.doc", tmp_path)
    assert session.date == "2021-09-01" and "世界观和方法论" in session.lines[0].text
    # an embedded RTF part of a .docx likewise
    path = _docx_with_chunk(tmp_path / "export.docx", "application/rtf", "afchunk.rtf", _RTF.encode("ascii"))
    [session] = load_sessions(path, tmp_path)
    assert session.date == "2021-09-01" and session.lines[0].text == "第一段，世界观。"


def test_a_docx_holding_its_text_in_a_part_not_read_says_so(tmp_path):
    path = _docx_with_chunk(tmp_path / "export.docx", "application/x-unknown", "afchunk.bin", b"\x00\x01 text")
    with pytest.raises(UnreadableFile, match="embedded part.*save it as .docx"):
        load_sessions(path, tmp_path)


def test_a_compilations_table_of_contents_is_no_record(tmp_path):
    # `目录` then `集中学习记录（第1次）\t1`…: it became an undated session of its entries, with a
    # warning to add a header; typed out, or made by Word (styles `toc 1`, Chinese Word's ids `11`)
    typed = ("目录\n集中学习记录（第1次）\t1\n集中学习记录（第2次）……………4\n\n"
             "集中学习记录\n时间：2021年1月3日\n学习主题：甲\n学习内容：\n地区\t人数\n北京\t12\n上海\t15\n\n"
             "集中学习记录\n时间：2021年1月8日\n学习主题：乙\n学习内容：\n正文。\n")
    sessions = _sessions(typed)
    assert [(s.date, s.topic) for s in sessions] == [("2021-01-03", "甲"), ("2021-01-08", "乙")]
    # a table's rows of the same shape without a 目录 above them are text
    assert [line.text for line in sessions[0].lines] == ["地区\t人数", "北京\t12", "上海\t15"]
    # and a contents list within a record's text is that text's
    pasted = "集中学习记录\n时间：2021年1月3日\n学习内容：\n目录\n一、总体要求\t1\n二、重点任务\t3\n正文。\n"
    assert [line.text for line in _sessions(pasted)[0].lines] == ["目录", "一、总体要求\t1", "二、重点任务\t3", "正文。"]
    toc = '<w:p><w:pPr><w:pStyle w:val="11"/></w:pPr><w:r><w:t>集中学习记录（第{}次）</w:t><w:tab/><w:t>{}</w:t></w:r></w:p>'
    body = (_p("学习记录汇编") + toc.format(1, 1) + toc.format(2, 3) + _p("集中学习记录") + _p("时间：2021年1月3日")
            + _p("学习主题：甲") + _p("学习内容：") + _p("正文。"))
    styles = '<w:style w:type="paragraph" w:styleId="11"><w:name w:val="toc 1"/></w:style>'
    sessions = load_sessions(_docx_of_body(tmp_path / "汇编.docx", body, styles), tmp_path)
    # (the cover's line before the first title stays text of its own, as any such line does)
    assert [(s.date, [line.text for line in s.lines]) for s in sessions] == [
        (None, ["学习记录汇编"]), ("2021-01-03", ["正文。"])]


def test_a_saved_web_page_or_web_archive_is_a_record(tmp_path):
    """A record saved from a browser or a study platform as .html or .mht (a single-file web page)."""
    (tmp_path / "记录.html").write_bytes(_PAGE.encode("gbk"))
    [session] = load_sessions(tmp_path / "记录.html", tmp_path)
    assert (session.date, session.place, session.topic) == ("2021-09-01", "党员 活动室", "学习新思想")
    assert "世界观和方法论" in session.lines[0].text and "不是正文" not in " ".join(l.text for l in session.lines)
    import quopri
    mht = (b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b1"\r\n\r\n--b1\r\n'
           b'Content-Type: text/html; charset="gb2312"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n'
           + quopri.encodestring(_PAGE.replace("charset='gbk'", "").encode("gbk")) + b'\r\n--b1--\r\n')
    (tmp_path / "记录.mht").write_bytes(mht)
    [session] = load_sessions(tmp_path / "记录.mht", tmp_path)
    assert session.date == "2021-09-01" and "世界观和方法论" in session.lines[0].text
    (tmp_path / "empty.mht").write_bytes(b"MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nhello\r\n")
    with pytest.raises(UnreadableFile, match="no HTML part"):
        load_sessions(tmp_path / "empty.mht", tmp_path)


def test_a_web_page_s_optional_end_tags_a_layout_table_and_a_byte_order_mark(tmp_path):
    """(review r25) `</head>` and `</tr>` may be left out (HTML allows it): the whole body was
    skipped, or a row's cells were run into the next row's; a record framed by a layout table (its
    form a table in the frame's cell) lost every field; a UTF-16 page (Word's `Unicode` web page)
    was read as GB18030, one line of mojibake indexed as an undated record."""
    form = ("<table border=1><tr><td>时间<td>2021年9月1日<tr><td>地点<td>党员活动室<tr><td>学习主题<td>学习新思想"
            "</table><p>　　第一段，学习新时代中国特色社会主义思想的世界观和方法论。</p>")
    pages = {"no_head_end.html": "<html><head><meta charset=utf-8><title>导出</title><body><p>集中学习记录</p>" + form,
             "framed.html": "<meta charset=utf-8><table width=100%><tr><td><p>集中学习记录</p>" + form + "</td></tr></table>",
             "unicode.htm": "<html><head><meta charset=unicode></head><body><p>集中学习记录</p>" + form}
    for name, page in pages.items():
        (tmp_path / name).write_bytes(page.encode("utf-16" if name == "unicode.htm" else "utf-8"))
        [session] = load_sessions(tmp_path / name, tmp_path)
        assert (session.date, session.place, session.topic) == ("2021-09-01", "党员活动室", "学习新思想"), name
        assert "世界观和方法论" in session.lines[0].text
    # a page saved as .mht that is plain HTML; <hr> parts lines
    (tmp_path / "plain.mht").write_bytes(pages["no_head_end.html"].replace("。</p>", "。<hr>第二行。</p>").encode("utf-8"))
    [session] = load_sessions(tmp_path / "plain.mht", tmp_path)
    assert session.date == "2021-09-01" and [line.text.strip() for line in session.lines][-1] == "第二行。"
