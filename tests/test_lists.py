"""An item asked for by its place in a list (`讲话回顾的工作中，二是什么？`): the lists of a text
(rag/lists.py) and the search that gives the item of the list the question is about."""
import pytest

from conftest import searcher_of
from rag.crosslingual import asked_list_size_english
from rag.lists import NumberedLists, items_to_add, lift_items, place_opened
from rag.zh import asked_list_size, bullet_openers, list_item_openers, part_or_list_item

RECORD = """集中学习记录
时间：2021年5月6日
地点：三楼会议室
方式：集中学习
学习主题：在乡村工作会议上的讲话
学习内容：
在乡村工作会议上的讲话
同志们：
近一段时间，我们主要做了以下工作，村里的面貌有了很大变化，群众看在眼里。
一是修通了村里的道路，家家户户出门走上了水泥路。
二是建好了村卫生室，群众小病不出村就能看上医生。
三是办起了合作社，农产品有了稳定的销路和收入。
当前，要抓好以下几项重点工作，确保今年各项目标任务落到实处。
第一，培育特色产业，带动农民增收，让腰包鼓起来。
第二，改善人居环境，整治村容村貌，让村庄美起来。
第三，加强基层组织，选好带头人，让班子强起来。
最后，我提两点要求。一要狠抓落实，不能只开会不干事。二要转变作风，多到群众中去。
"""


@pytest.fixture
def searcher(tmp_path, bigram):
    return searcher_of(tmp_path, bigram, {"a.txt": RECORD})


def test_the_lists_of_a_speech(searcher):
    index = searcher.index
    lists = index.numbered_lists()
    texts = [{place: index.passages[pid].text[:4] for place, pid in items.items()} for items in lists.items]
    assert texts == [{1: "一是修通", 2: "二是建好", 3: "三是办起"},
                     {1: "第一，培", 2: "第二，改", 3: "第三，加"},
                     {1: "最后，我", 2: "最后，我"}]          # (one paragraph holding its whole list)
    lead = next(pid for pid, p in index.passages.items() if "近一段时间" in p.text)
    assert lists.member_of[lead] == [0]          # the paragraph leading into the list belongs to it
    assert items_to_add(lists, [lead], 2) == {lists.items[0][2]}


def test_items_marked_by_bullets_count_by_their_order(tmp_path, bigram):
    """`──` items in paragraphs following one another are one list; a paragraph without one ends it."""
    text = RECORD.replace("当前，要抓好以下几项重点工作，确保今年各项目标任务落到实处。\n", "同时要看到，困难挑战依然不少，主要有这样几个方面。\n"
                          "──产业基础薄弱，特色产业规模小、链条短，抗风险能力弱。\n──人才留不住，年轻人大多外出务工，村里缺少带头人。\n"
                          "──群众内生动力不足，等靠要思想仍然存在。\n当前，要抓好以下几项重点工作，确保今年各项目标任务落到实处。\n")
    searcher = searcher_of(tmp_path, bigram, {"a.txt": text})
    lists = searcher.index.numbered_lists()
    bulleted = [{place: searcher.index.passages[pid].text[:4] for place, pid in items.items()} for items in lists.items
                if searcher.index.passages[items[1]].text.startswith("──")]
    assert bulleted == [{1: "──产业", 2: "──人才", 3: "──群众"}]
    assert searcher.search("讲话说的困难挑战里，第二条是什么？", k=1)[0].text.startswith("──人才留不住")


def test_items_open_lines_and_sentences_and_count_up():
    assert list_item_openers("影响主要有这几个方面。一是外出务工受阻。二是产品滞销。") == [("is", 1, 11), ("is", 2, 20)]
    assert [place for _, place, _ in list_item_openers("第一，加强研发。\n（二）完善体系；3. 落实")] == [1, 2, 3]
    assert list_item_openers("统一是关键，这是第一，也是唯一。1.5亿元") == []
    assert [place for _, place, _ in list_item_openers("①加强研发；②完善体系")] == [1, 2]
    assert bullet_openers("──剩余任务艰巨。\n●疫情带来挑战") == [0, 10] and bullet_openers("两个一百年——奋斗目标") == []


def test_an_item_is_given_by_the_list_the_question_is_about(searcher):
    """The words are the lead's (`近一段时间…做了以下工作`) or the list's, not the item's."""
    hits = searcher.search("近一段时间做了哪些工作？其中二是什么？", k=3)
    assert hits[0].text.startswith("二是建好了村卫生室")
    hits, understood = searcher.ask("当前要抓好的三项重点工作里，第二点是什么？", k=3)
    assert hits[0].text.startswith("第二，改善人居环境")
    assert (understood.list_item, understood.list_size) == (2, 3)
    assert "问的是共3项的列表中的第2项" in understood.describe() and "item 2 of a list of 3" in understood.describe()
    hits = searcher.search("讲话提的两点要求里，第二点是什么？", k=3)        # a list within one paragraph
    assert hits[0].text.startswith("最后，我提两点要求")
    # ...whose highlight is the item asked for, not the sentence sharing the question's words
    assert [hits[0].text[a:b] for a, b in hits[0].highlights] == ["二要转变作风，多到群众中去。"]
    # counted from the end
    hits, understood = searcher.ask("近一段时间做的几项工作里，最后一项是什么？", k=3)
    assert hits[0].text.startswith("三是办起了合作社") and "最后一项" in understood.describe()
    assert [hits[0].text[a:b] for a, b in hits[0].highlights][0].startswith("三是办起了合作社")
    assert searcher.search("重点工作里倒数第二条是什么？", k=1)[0].text.startswith("第二，改善人居环境")
    # without a place asked for, the lead answers the question about the work done
    assert "近一段时间" in searcher.search("近一段时间做了哪些工作？", k=1)[0].text


def test_lifting_keeps_the_order_when_no_candidate_opens_the_item():
    lists = NumberedLists(items=[{1: 10, 2: 11}, {1: 20, 2: 21, 3: 22}],
                          member_of={9: [0], 10: [0], 11: [0], 20: [1], 21: [1], 22: [1]})
    best = {"lead": (0.9, 9), "a1": (0.5, 10), "a2": (0.4, 11), "b2": (0.6, 21), "b3": (0.3, 22), "x": (0.7, 5)}
    order = ["lead", "x", "b2", "a1", "a2", "b3"]
    assert lift_items(order, dict(best), lists, 4, 0.05) == order
    lifted = dict(best)
    # item 2: the list led by the best paragraph gives it, scored as that paragraph plus the weight
    assert lift_items(order, lifted, lists, 2, 0.05)[:2] == ["a2", "b2"] and lifted["a2"][0] == pytest.approx(0.95)
    # counted from the end: the last of each list; its place from the start, as its opening says
    assert lift_items(order, dict(best), lists, -1, 0.05)[:2] == ["a2", "b3"]
    assert place_opened(lists, 22, -1) == 3 and place_opened(lists, 21, -1) == 0 and place_opened(lists, 11, -1) == 2
    # a list of three items asked for: the other list's item 2 is not taken
    assert lift_items(order, dict(best), lists, 2, 0.05, size=3)[0] == "b2"


@pytest.mark.parametrize("question, size", [
    ("讲话谈统筹时提出了八个方面的举措，第三个方面是什么？", 8), ("结尾提的三点要求里，第二点是什么？", 3),
    ("第三个方面是什么", 0), ("回顾前期做了七件事，第三件是啥？", 7), ("几项工作中，第二项", 0), ("下午3点开会，第二项议程", 0)])
def test_how_many_items_a_question_says_its_list_has(question, size):
    assert asked_list_size(question) == size


def test_how_many_items_an_english_question_says_its_list_has():
    assert asked_list_size_english("Xi listed six achievements of the campaign. What is the sixth?") == 6
    assert asked_list_size_english("He reviewed seven things done in recent weeks. What was the seventh?") == 7
    assert asked_list_size_english("What did the 2 speeches say?") == 0


def test_a_part_of_a_speech_or_an_item_of_a_list():
    """`第二点` of a speech named and nothing more is its second part; with more, an item of a list."""
    assert part_or_list_item("脱贫攻坚讲话的第二点讲了什么") == (2, "脱贫攻坚讲话讲了什么")
    assert part_or_list_item("脱贫攻坚座谈会讲话的第二部分讲了什么？")[0] == 2
    assert part_or_list_item("脱贫攻坚座谈会讲话总结脱贫攻坚成就，第三个方面讲的是什么？") is None
    assert part_or_list_item("部署会议讲话结尾提的三点要求里，第二点是什么？") is None
