import json

from rag.evaluate import evaluate, first_relevant_rank, load_questions, prepare_cmrc
from rag.types import Hit


def _hit(text, date="2020-03-04", source="a.txt"):
    return Hit(text=text, score=1.0, date=date, topic="", place="", source=source, paragraph=0,
               heading=None, line=1, record=0)


def test_metrics_ranks_and_misses(tmp_path):
    path = tmp_path / "q.jsonl"
    rows = [{"id": "a", "question": "甲", "gold": ["答案甲"], "kind": "factoid", "session_date": "2020-03-04"},
            {"id": "b", "question": "乙", "gold": ["答案乙"], "kind": "paraphrase", "session_date": "2020-03-04"},
            {"id": "c", "question": "丙", "gold": ["答案丙"], "kind": "paraphrase", "session_date": "2020-03-04"}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n")
    first = _hit("这里有答案甲。别的句子。")
    first.highlights = [(0, 6)]                                        # the answer is in bold
    third = _hit("答案乙。别的句子。")
    third.highlights = [(4, 9)]                                        # another sentence is
    results = {
        "甲": [first],                                                  # rank 1
        "乙": [_hit("无关"), _hit("答案乙", date="2021-01-01"), third],  # wrong date, then rank 3
        "丙": [_hit("无关")],                                            # miss
    }
    result = evaluate(load_questions(path), lambda q, k: results[q])
    assert result.recall == {1: 1 / 3, 5: 2 / 3, 10: 2 / 3}
    assert abs(result.mrr10 - (1 + 1 / 3) / 3) < 1e-9
    assert result.per_kind["paraphrase"]["n"] == 2 and result.per_kind["factoid"]["r1"] == 1.0
    assert [(m["id"], m["rank"]) for m in result.misses] == [("b", 3), ("c", None)]
    assert (result.right, result.highlighted) == (2, 1)
    assert "all" in result.table() and "answer in a highlight: 1 of 2 right hits" in result.table()


def test_gold_matches_across_full_and_half_width_forms():
    """A gold copied from a record (`地点:线上学习`, half-width colon) is found in a hit's header
    line, which labels fields with a full-width one; other characters still have to match."""
    header = _hit("时间：2020年3月11日\u3000地点：线上学习\n正文", date="2020-03-11")
    assert first_relevant_rank([_hit("无关"), header], ["地点:线上学习"], "2020-03-11") == 2
    assert first_relevant_rank([header], ["时间:2020年3月11日"], None) == 1
    assert first_relevant_rank([_hit("２０２０年")], ["2020年"], None) == 1
    assert first_relevant_rank([header], ["地点:线下学习"], None) is None


def test_cmrc_mode_writes_one_file_per_passage(tmp_path):
    split = tmp_path / "dev"
    split.mkdir()
    (split / "corpus.jsonl").write_text(json.dumps({"id": "DEV_0", "title": "标题", "text": "正文。"},
                                                   ensure_ascii=False) + "\n")
    (split / "queries.jsonl").write_text(json.dumps({"id": "Q0", "question": "问？", "context_id": "DEV_0",
                                                    "answers": ["正文"]}, ensure_ascii=False) + "\n")
    questions = prepare_cmrc(split, tmp_path / "seeds")
    assert (tmp_path / "seeds" / "DEV_0.txt").read_text() == "标题\n正文。\n"
    assert questions[0]["source"] == "DEV_0.txt"
    result = evaluate(questions, lambda q, k: [_hit("x", source="DEV_1.txt"), _hit("y", source="DEV_0.txt")])
    assert result.recall[1] == 0 and result.recall[5] == 1


def test_cmrc_mode_never_builds_into_an_index_of_other_records(tmp_path, bigram):
    """`studyqa eval --cmrc DIR --index ./index` given the user's own index: refused, unchanged
    (it replaced every record in it with the CMRC passages)."""
    import pytest

    from conftest import RECORD_A, write
    from rag.evaluate import index_cmrc
    from rag.indexer import update_index
    from rag.store import StudyQAError
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    update_index(seeds, index, encoder=bigram, model=bigram.name, progress=None)
    before = (index / "manifest.json").read_text()
    split = tmp_path / "dev"
    split.mkdir()
    (split / "corpus.jsonl").write_text(json.dumps({"id": "DEV_0", "title": "标题", "text": "正文。"}) + "\n")
    (split / "queries.jsonl").write_text(json.dumps({"id": "Q0", "question": "问？", "context_id": "DEV_0"}) + "\n")
    with pytest.raises(StudyQAError, match="is an index of other records .*nothing was changed"):
        index_cmrc(split, index)
    assert (index / "manifest.json").read_text() == before and not (tmp_path / "index-seeds").exists()


def test_a_questions_file_missing_or_not_utf8_is_named(tmp_path):
    import pytest
    with pytest.raises(FileNotFoundError, match="no questions file .*nothing.jsonl"):
        load_questions(tmp_path / "nothing.jsonl")
    bad = tmp_path / "gbk.jsonl"
    bad.write_bytes('{"question": "甲", "gold": ["乙"]}\n'.encode() + '{"question": "问"}\n'.encode("gb18030"))
    with pytest.raises(ValueError, match=r"gbk.jsonl:2: not UTF-8 text"):
        load_questions(bad)
