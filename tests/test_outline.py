"""`讲话分为哪几个部分？`: the section headings of the speech a question names (rag/outline.py), on a
tiny record holding two speeches, as the seed's 2020-03-11 record does."""
import pytest

from conftest import searcher_of, write
from rag import Searcher, update_index
from rag.export import hits_markdown
from rag.crosslingual import asks_for_outline_english, names_no_text_english, part_asked_english
from rag.zh import asks_for_outline, heading_kind, names_no_text, part_asked, without_outline_words
from ui.app import render_hits

RECORD = """集中学习记录
时间：2021年5月6日
地点：三楼会议室
方式：集中学习
学习主题：在垃圾分类工作推进会上的讲话
学习内容：
在垃圾分类工作推进会上的讲话
同志们：
今天召开垃圾分类工作推进会，部署下一阶段垃圾分类工作。
一、垃圾分类取得的成绩
垃圾分类覆盖了全市所有小区，居民参与率明显提高。
居民主动分类投放的习惯正在养成，志愿者队伍不断壮大。
二、垃圾分类存在的问题
有的小区分类设施不全，混装混运时有发生，群众意见较大。
三、下一步垃圾分类工作安排
要完善分类设施，加强收运监管，做到分类收运。
 习近平
同志们：
这次座谈会专门研究乡村振兴，听取各地发展特色产业的情况。
一、乡村振兴的总体形势
乡村特色产业发展势头良好，农民收入稳步增长，村容村貌明显改善。
二、发展特色产业的重点任务
要培育特色产业，拓宽农产品销售渠道，带动农民就近就业增收。
"""


@pytest.fixture
def searcher(tmp_path, bigram):
    return searcher_of(tmp_path, bigram, {"a.txt": RECORD})


@pytest.mark.parametrize("question, named", [
    ("讲话分为哪几个部分？", "讲话"), ("脱贫攻坚座谈会上的讲话有几部分？", "脱贫攻坚座谈会上的讲话"),
    ("这篇讲话的提纲是什么？", "这篇讲话"), ("部署会议讲话的结构是怎样的", "部署会议讲话"),
    ("讲话一共分了几个部分", "讲话"), ("讲话由哪几部分组成？", "讲话"),
    ("脱贫攻坚座谈会讲话，正文分成了哪几大块？", "脱贫攻坚座谈会讲话，正文分成了"),
])
def test_questions_asking_for_a_speech_s_parts(question, named):
    assert asks_for_outline(question) and without_outline_words(question) == named


@pytest.mark.parametrize("question", ["优化产业结构要怎么做？", "完善制度框架", "疫情的影响表现在哪几个方面？",
                                      "哪部分人群受影响大", "垃圾分类要从娃娃抓起", "嘉兴南站由哪几个部分组成？",
                                      "佛洛依德将主导行动的人格分为哪几个部分？",
                                      # what the speech lists of something (blind36), not its parts
                                      "部署会议讲话收尾时，列举了我们打赢这场仗靠的哪几方面底气？",
                                      "在防控到位的前提下推动非重点地区复工复产，讲话说这件事关系到哪些方面？",
                                      "讲话为什么说卫生运动不只是搞清洁，还涉及生活习惯等哪些方面？"])
def test_content_questions_do_not_ask_for_an_outline(question):
    assert not asks_for_outline(question)


def test_english_questions_asking_for_a_speech_s_parts():
    assert asks_for_outline_english("What are the main parts of the speech on rural revitalization?")
    assert asks_for_outline_english("How is the speech structured?") and names_no_text_english("How is the speech structured?")
    assert not names_no_text_english("What are the parts of the speech on rural revitalization?")
    assert not asks_for_outline_english("What are the parts of the plan?")      # no text named
    assert names_no_text("这篇讲话") and names_no_text("讲话") and not names_no_text("乡村振兴座谈会讲话")
    assert names_no_text("讲话讲了什么？") and names_no_text_english("What does the speech say?")


def test_the_speech_named_is_outlined_with_its_headings_and_lines(searcher):
    hits, understood = searcher.ask("乡村振兴座谈会上的讲话分为哪几个部分？", k=3, mode="lexical")
    assert understood.content == "乡村振兴座谈会上的讲话"
    outline = understood.outline
    assert outline.headings == [["一、乡村振兴的总体形势", 21], ["二、发展特色产业的重点任务", 23]]
    assert outline.date == "2021-05-06" and outline.source == "a.txt" and outline.line == 17
    described = understood.describe()
    assert "分 2 个部分 parts: 一、乡村振兴的总体形势（第21行 line 21）；二、发展特色产业的重点任务（第23行 line 23）" in described
    # the first speech: its three parts, and its title line
    outline = searcher.ask("垃圾分类推进会讲话的提纲是什么？", k=3, mode="lexical")[1].outline
    assert [h for h, _ in outline.headings] == ["一、垃圾分类取得的成绩", "二、垃圾分类存在的问题", "三、下一步垃圾分类工作安排"]
    assert outline.title == "在垃圾分类工作推进会上的讲话"
    # JSON and the page
    assert understood.to_dict()["outline"]["headings"][0] == ["一、乡村振兴的总体形势", 21]
    html = render_hits(hits, understood=understood.describe(outline=False), outline=understood.outline)
    assert "<ul><li>一、乡村振兴的总体形势" in html and "讲话结构" not in understood.describe(outline=False)
    page = hits_markdown("乡村振兴座谈会上的讲话分为哪几个部分？", [h.to_dict() for h in hits],
                         understood.describe(outline=False), "", understood.outline)
    assert "- 一、乡村振兴的总体形势（第21行 line 21）\n- 二、发展特色产业的重点任务（第23行 line 23）" in page


def test_an_outline_question_gets_each_part_s_opening_under_its_heading(searcher):
    """`…讲话分为哪几个部分？` (blind36: a gold heading that no passage's text holds): the hits are the
    parts' first paragraphs, in order, each under its heading."""
    hits, understood = searcher.ask("垃圾分类推进会讲话分为哪几个部分？", k=5, mode="lexical")
    assert [h.text.split("\n")[0] for h in hits] == ["一、垃圾分类取得的成绩", "二、垃圾分类存在的问题",
                                                      "三、下一步垃圾分类工作安排"]
    assert [h.heading for h in hits] == [h.text.split("\n")[0] for h in hits]
    assert all(h.highlights[0] == (0, len(h.heading)) for h in hits)
    assert len(searcher.ask("垃圾分类推进会讲话分为哪几个部分？", k=2, mode="lexical")[0]) == 2


def test_a_question_without_the_outline_words_gets_no_outline(searcher):
    assert searcher.ask("乡村振兴座谈会讲了什么？", k=3, mode="lexical")[1].outline is None


def test_a_speech_without_headings_says_so(tmp_path, bigram):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "b.txt", RECORD.split(" 习近平")[0].replace("一、", "").replace("二、", "").replace("三、", ""))
    update_index(seeds, index, encoder=bigram, model=bigram.name, progress=None)
    outline = Searcher(index, encoder=bigram).ask("垃圾分类讲话有几部分", k=3, mode="lexical")[1].outline
    assert outline.headings == [] and "没有分部分的小标题" in outline.describe()


def test_a_named_speech_without_headings_is_not_swapped_for_one_with_them(tmp_path, bigram):
    """The second speech loses its headings: asked for by name, it is the one said to have none,
    not the first speech, which has some."""
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD.replace("一、乡村振兴的总体形势\n", "").replace("二、发展特色产业的重点任务\n", ""))
    update_index(seeds, index, encoder=bigram, model=bigram.name, progress=None)
    searcher = Searcher(index, encoder=bigram)
    hits, understood = searcher.ask("乡村振兴座谈会上的讲话分为哪几个部分？", k=3, mode="lexical")
    assert hits[0].text.startswith("习近平") or "乡村" in hits[0].text
    assert understood.outline.headings == [] and understood.outline.line == 17
    hits, understood = searcher.ask("乡村振兴座谈会讲话的第二部分讲了什么", k=3, mode="lexical")
    assert understood.part is None and understood.no_such_part is not None
    assert not names_no_text_english("乡村振兴座谈会上的讲话分为哪几个部分？")     # no English words: not read


@pytest.mark.parametrize("question, number, rest", [
    ("脱贫攻坚座谈会讲话的第二部分讲了什么？", 2, "脱贫攻坚座谈会讲话讲了什么？"),
    ("讲话的最后一部分讲了什么", -1, "讲话讲了什么"), ("讲话第十二部分", 12, "讲话"),
])
def test_questions_asking_for_one_part_of_a_speech(question, number, rest):
    assert part_asked(question) == (number, rest)


def test_a_part_of_anything_else_is_content():
    assert part_asked("第二部分讲了什么") is None and part_asked("嘉兴南站第二部分在哪里？") is None
    assert part_asked_english("What does the second part of the speech say?")[0] == 2
    assert part_asked_english("What is in the last section of the report?")[0] == -1
    assert part_asked_english("What is the second part of the plan?") is None
    assert [heading_kind(h) for h in ("一、关于", "（一）读原著", "1.每月", "三．再", "第二部分 总体")] == [
        "C、", "（C）", "D.", "C.", "第C部分"]


def test_one_part_of_the_speech_named_is_its_passages_in_order(searcher):
    hits, understood = searcher.ask("垃圾分类推进会上的讲话第二部分讲了什么？", k=5, mode="lexical")
    part = understood.part
    assert (part.number, part.of, part.heading) == (2, 3, "二、垃圾分类存在的问题")
    # (under its heading, in bold: passages carry their heading as context only)
    assert [h.heading for h in hits] == ["二、垃圾分类存在的问题"]
    assert hits[0].text == "二、垃圾分类存在的问题\n有的小区分类设施不全，混装混运时有发生，群众意见较大。"
    assert hits[0].highlights[0] == (0, len("二、垃圾分类存在的问题"))
    assert understood.listed() and "第2部分 part 2 of 3：二、垃圾分类存在的问题" in understood.describe()
    assert understood.to_dict()["part"]["heading"] == "二、垃圾分类存在的问题"
    last = searcher.ask("乡村振兴座谈会讲话的最后一部分讲了什么", k=5, mode="lexical")[1].part
    assert (last.number, last.of, last.heading) == (2, 2, "二、发展特色产业的重点任务")
    hits, understood = searcher.ask("乡村振兴座谈会讲话的第五部分讲了什么", k=5, mode="lexical")
    assert understood.part is None and understood.no_such_part == (5, 2) and hits
    assert "只有 2 个部分 has 2 parts" in understood.describe() and not understood.listed()


def test_a_speech_named_by_nothing_is_chosen_among_more_hits_than_asked_for(tmp_path, bigram):
    """`讲话分为哪几个部分？` with k=1 on the seed records (three speeches, the last without headings):
    the best hit's speech among those with headings, not only the one hit shown."""
    from conftest import shipped_seeds
    index = tmp_path / "index"
    update_index(shipped_seeds(tmp_path), index, encoder=bigram, model=bigram.name, progress=None)
    searcher = Searcher(index, encoder=bigram)
    for question in ("讲话分为哪几个部分？", "How is the speech structured?"):
        hits, understood = searcher.ask(question, k=1)
        assert len(hits) == 1 and len(understood.outline.parts()) == 4, question
    hits, understood = searcher.ask("讲话的最后一部分讲了什么", k=2)     # the part whole, whatever k
    assert understood.part.number == 4 and {h.heading for h in hits} == {understood.part.heading}
    assert len(hits) == len(understood.part.passage_ids) > 2


def test_more_ways_to_ask_for_an_outline_or_a_part():
    assert part_asked("脱贫攻坚讲话的倒数第二部分") == (-2, "脱贫攻坚讲话")
    assert part_asked("脱贫攻坚讲话的第二点讲了什么")[0] == 2 and part_asked("脱贫攻坚讲话第二方面讲了什么？")[0] == 2
    for question in ("疫情防控的讲话分几个方面", "疫情防控讲话讲了哪几个方面？", "脱贫攻坚讲话的小标题是什么",
                     "脱贫攻坚座谈会讲话有几个大标题", "脱贫攻坚讲话讲了哪几个问题"):
        assert asks_for_outline(question), question


@pytest.mark.slow
def test_the_speech_named_wins_over_a_passage_of_another_that_mentions_it(seed_index, real_encoder):
    """`…部署会议上的讲话第四部分`: a passage of the next speech (`…部署会议，我作了讲话`) ranked
    first, and the page said that speech has no headings."""
    searcher = Searcher(seed_index, encoder=real_encoder)
    for question in ("疫情防控讲话的第四部分讲了啥？", "统筹推进疫情防控和经济社会发展工作部署会议上的讲话第四部分讲了什么"):
        _, understood = searcher.ask(question, k=3)
        assert understood.part is not None and understood.part.heading.startswith("四、关于加强党对统筹推进"), question
    _, understood = searcher.ask("脱贫攻坚讲话的倒数第二部分", k=3)
    assert understood.part.heading == "三、确保高质量完成脱贫攻坚目标任务"
    # a part past the end: how many the speech taken has (4), not the best hit's speech (none)
    _, understood = searcher.ask("统筹推进疫情防控和经济社会发展工作部署会议上的讲话第五部分讲了什么", k=3)
    assert understood.no_such_part == (5, 4)
