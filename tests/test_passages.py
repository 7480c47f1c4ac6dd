from conftest import SEED_FILE
from rag.passages import session_passages, split_long
from rag.records import load_sessions, parse_sessions


def _seed_passages():
    return [session_passages(s) for s in load_sessions(SEED_FILE, SEED_FILE.parent)]


def test_context_lines_are_not_passages_of_their_own():
    first, second = _seed_passages()
    texts = [p.text for p in first + second]
    for short in ["同志们：", "习近平", "（2020年2月23日）", "一、关于前一段疫情防控工作"]:
        assert short not in texts
    assert all(len(t) >= 20 for t in texts)
    # The speech title and its date line lead into the first paragraph of the speech.
    opening = second[0].text
    assert opening.startswith("在统筹推进新冠肺炎疫情防控和经济社会发展工作部署会议上的讲话\n（2020年2月23日）\n习近平\n同志们：\n")


def test_headings_are_recorded_on_the_passages_under_them():
    _, second = _seed_passages()
    grid = next(p for p in second if "社区是疫情联防联控、群防群控的关键防线" in p.text)
    assert grid.heading == "四、关于加强党对统筹推进疫情防控和经济社会发展工作的领导"
    # The research speech after the poverty speech does not inherit the poverty speech's heading.
    research = next(p for p in second if "军事医学研究院" in p.text)
    assert research.heading is None
    assert next(p for p in second if "全国还有52个贫困县未摘帽" in p.text).heading == \
        "二、高度重视打赢脱贫攻坚战面临的困难挑战"


def test_a_short_line_within_a_section_keeps_its_heading_a_new_speech_does_not():
    """A lead-in (`一年来，我们主要做了以下工作：`) or a line a scraped page cut short (`广义货币M`,
    `2.5`) is within its section; a speaker's name, a salutation or a date line opens another text."""
    text = ("集中学习记录\n时间：2019年3月15日\n学习内容：\n一、2018年工作回顾\n"
            "过去一年是全面贯彻党的十九大精神开局之年，我国发展面临多年少有的国内外复杂严峻形势。\n"
            "一年来，我们主要做了以下工作：\n"
            "稳健的货币政策要松紧适度。广义货币M\n2\n和社会融资规模增速要与国内生产总值名义增速相匹配。\n"
            "习近平\n这次来军事医学研究院调研，主要是考察疫情防控科研攻关工作。\n")
    [session] = parse_sessions(text, "r.txt")
    passages = session_passages(session)
    assert [p.heading for p in passages] == ["一、2018年工作回顾", "一、2018年工作回顾", None]
    assert passages[1].text.startswith("一年来，我们主要做了以下工作：\n稳健的货币政策要松紧适度。广义货币M\n2\n")


def test_passages_carry_session_metadata_and_positions():
    first, second = _seed_passages()
    assert [p.paragraph for p in second] == list(range(len(second)))
    assert {p.date for p in first} == {"2020-03-04"} and {p.date for p in second} == {"2020-03-11"}
    assert first[1].line == 11 and first[1].text.startswith("中共中央政治局常委")


def test_the_first_passage_keeps_the_header_as_written():
    """`地点:线上学习` with the record's own half-width colon: quoted as is when a hit answers
    `…是在哪里学的？` (search._with_header); once per session, not on every passage."""
    first, second = _seed_passages()
    assert second[0].header.split("\u3000")[:3] == ["时间：2020年3月11日", "地点:线上学习", "方式：集中学习"]
    assert second[0].header.split("\u3000")[3].startswith("学习主题：习近平：在统筹推进新冠肺炎疫情防控")
    assert first[0].header.startswith("时间：2020年3月4日\u3000地点:QQ线上")
    assert not any(p.header for p in first[1:] + second[1:])
    [no_header] = session_passages(parse_sessions("只有正文的一段话，没有记录头，也要能搜到。\n", "x.txt")[0])
    assert no_header.header == ""


def test_no_text_is_lost():
    for session in load_sessions(SEED_FILE, SEED_FILE.parent):
        passages = session_passages(session)
        kept = "".join(p.text for p in passages).replace("\n", "") + "".join(
            {p.heading for p in passages if p.heading})
        for line in session.lines:
            assert line.text in kept or line.text in {p.heading for p in passages}, line


def test_long_paragraph_split_at_sentence_ends():
    sentence = "这是一个用来测试切分的句子，长度大约二十个字。"
    text = sentence * 60
    pieces = split_long(text, 480)
    assert "".join(pieces) == text
    assert all(len(p) <= 480 and p.endswith("。") for p in pieces)
    assert len(split_long("无标点" * 400, 480)) == 3   # no sentence end at all: hard cut, nothing lost


def test_long_paragraph_becomes_several_passages_with_same_line():
    [s] = parse_sessions("集中学习记录\n时间：2021年1月1日\n学习内容：\n" + "很长的段落内容。" * 100 + "\n", "a.txt")
    passages = session_passages(s, max_chars=200)
    assert len(passages) == 4 and {p.line for p in passages} == {4}
    assert "".join(p.text for p in passages) == "很长的段落内容。" * 100
    # the pieces say which they are, as they share a line: two hits at `a.txt:4` are no duplicate
    assert [p.part for p in passages] == [1, 2, 3, 4]
    [whole] = session_passages(s, max_chars=1000)
    assert whole.part == 0


def test_a_hit_on_a_piece_of_a_paragraph_says_which_piece():
    from rag.types import Hit
    from rag.zh import place_in_file
    hit = Hit(text="…", score=1.0, date=None, topic="", place="", source="a.txt", paragraph=1, heading=None,
              line=4, record=0, part=2)
    assert hit.where == "a.txt:4 (该段第2部分 part 2 of the paragraph)"
    assert place_in_file(4, None, 2) == "第4行（该段第2部分）" and place_in_file(4) == "第4行"
    assert Hit(**{**hit.__dict__, "part": 0}).where == "a.txt:4" and hit.to_dict()["part"] == 2


def test_topic_only_record_is_still_searchable():
    [s] = parse_sessions("集中学习记录\n时间：2021年1月1日\n学习主题：只有主题没有内容\n", "a.txt")
    [p] = session_passages(s)
    assert p.text == "只有主题没有内容" and p.date == "2021-01-01"


def test_trailing_signature_joins_the_last_passage():
    [s] = parse_sessions("集中学习记录\n学习内容：\n这是讲话的最后一段内容，写得比较长一些。\n习近平\n", "a.txt")
    [p] = session_passages(s)
    assert p.text.endswith("\n习近平")


def test_heading_with_nothing_under_it_keeps_its_text():
    [s] = parse_sessions("一、关于前一段工作\n习近平\n这是讲话正文的第一段，内容足够长，可以单独成段。\n二、最后的标题\n", "a.txt")
    [p] = session_passages(s)
    assert p.text.startswith("一、关于前一段工作\n习近平\n") and p.heading is None
    assert p.text.endswith("\n二、最后的标题")


def test_a_heading_with_only_a_short_line_under_it_keeps_its_place_before_it():
    text = ("一、关于疫情防控\n下面讲两点意见。\n二、关于复工复产\n"
            "要统筹推进疫情防控和经济社会发展，分区分级恢复生产秩序，做好企业复工复产的服务保障工作。\n")
    [s] = parse_sessions(text, "a.txt")
    [p] = session_passages(s)
    assert p.text.startswith("一、关于疫情防控\n下面讲两点意见。\n要统筹推进") and p.line == 1
    assert p.heading == "二、关于复工复产"


def test_a_piece_of_a_paragraph_cites_the_line_its_text_starts_on():
    """A lead line glued before a long paragraph: the first piece starts on the lead's line, the
    next pieces on the paragraph's own."""
    [s] = parse_sessions("集中学习记录\n时间：2021年1月1日\n学习内容：\n下面，我讲几点意见。\n\n" + "很长的段落内容。" * 60
                         + "\n", "a.txt")
    passages = session_passages(s, max_chars=200)
    assert [p.line for p in passages] == [4, 6, 6]
    assert passages[0].text.startswith("下面，我讲几点意见。\n很长的段落内容。")


def test_a_short_sentence_ending_an_item_stays_with_it_one_leading_on_goes_with_the_next():
    [s] = parse_sessions("集中学习记录\n时间：2021年1月1日\n学习内容：\n"
                         "国家主席习近平在人民大会堂同来访的外国总统举行会谈，双方就双边关系深入交换意见。\n"
                         "王毅参加会见。\n"
                         "全国人大常委会第七次会议在京举行\n"
                         "全国人大常委会第七次会议在京举行，会议审议了多部法律草案和有关报告。\n"
                         "切实加强政风建设。\n"
                         "各级政府要坚持依法行政，严格按照法定权限和程序履行职责，接受人民监督。\n"
                         "下面，我讲几点意见。\n"
                         "第一，要坚持以人民为中心的发展思想，把群众的急难愁盼问题放在心上。\n"
                         "各位代表！\n"
                         "现在，我代表国务院，向大会报告政府工作，请予审议。\n", "a.txt")
    texts = [p.text for p in session_passages(s)]
    assert texts[0].endswith("举行会谈，双方就双边关系深入交换意见。\n王毅参加会见。")
    assert texts[1].startswith("全国人大常委会第七次会议在京举行\n全国人大常委会第七次会议在京举行，")
    assert texts[2].startswith("切实加强政风建设。\n各级政府")       # before a paragraph: it leads into it
    assert texts[3].startswith("下面，我讲几点意见。\n第一，")
    assert texts[4].startswith("各位代表！\n现在，")
