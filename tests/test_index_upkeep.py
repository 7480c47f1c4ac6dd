"""Keeping an index in step with its seeds folder the way users change it: interrupted builds,
an index asked for by its folder alone, unreadable files, renames, files changed since a build."""
import json
import os

import numpy as np
import pytest

from conftest import RECORD_A, RECORD_B, write
from rag import PassageIndex, Searcher, update_index
from rag import indexer
from rag.indexer import BuildInterrupted, seeds_changes
from rag.search import seeds_dir_for


def build(seeds, index, enc, **kw):
    return update_index(seeds, index, encoder=enc, model=enc.name, progress=None, **kw)


class InterruptAfter:
    """Wraps an encoder; Ctrl-C arrives during its `calls`-th bulk embedding call."""

    def __init__(self, enc, calls):
        self.enc, self.calls = enc, calls
        self.name, self.dim, self.max_passage_chars = enc.name, enc.dim, enc.max_passage_chars

    def encode_queries(self, texts):
        return self.enc.encode_queries(texts)

    def encode_passages(self, texts, batch_size=None, progress=None):
        self.calls -= 1
        if self.calls <= 0:
            raise KeyboardInterrupt
        return self.enc.encode_passages(texts, batch_size, progress)


def test_an_interrupted_build_keeps_what_it_embedded_and_the_next_goes_on(tmp_path, bigram, monkeypatch):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    build(seeds, index, bigram)
    for n in range(6):   # six more sessions, 12 new passages
        write(seeds / f"more{n}.txt", RECORD_B.replace("2021年6月7日", f"2021年7月{n + 1}日")
              .replace("特色产业", f"特色产业{n}号").replace("战斗堡垒", f"战斗堡垒{n}号"))
    monkeypatch.setattr(indexer, "CHECKPOINT_CHARS", 60)    # a checkpoint every 2 or 3 sentences
    with pytest.raises(BuildInterrupted) as stopped:
        build(seeds, index, InterruptAfter(bigram, calls=4))
    message = str(stopped.value)
    assert message.startswith("interrupted; the index is as it was before this build; the ")
    assert "sentences embedded so far are kept" in message
    kept = int(message.split("the ")[2].split(" sentences")[0])
    assert 3 <= kept < 12              # three calls of the 12 passages' 12 sentences finished
    # the index itself is untouched: the first file only, still searchable
    assert set(PassageIndex.load(index).files) == {"a.txt"}
    assert Searcher(index, encoder=bigram).search("垃圾分类", k=1)[0].source == "a.txt"

    bigram.embedded.clear()
    report = build(seeds, index, bigram)
    assert report.passages_embedded == 12 and report.sentences_resumed == kept
    # only the sentences not embedded before, and the new sessions' topic
    assert len(bigram.embedded) == 12 - kept + 1
    assert f"({kept} of their sentences by the interrupted build before)" in report.summary()
    assert not (index / indexer.PARTIAL_DIR).exists()    # all of it is in the index now
    hit = Searcher(index, encoder=bigram).search("特色产业3号", k=1)[0]
    assert hit.source == "more3.txt" and hit.date == "2021-07-04"
    # the resumed vectors are the ones a build without interruption makes
    fresh = tmp_path / "fresh"
    build(seeds, fresh, bigram)
    a, b = PassageIndex.load(index), PassageIndex.load(fresh)
    vectors = {a.keys[i]: v for i, v in zip(*a.stored_vectors())}
    for i, v in zip(*b.stored_vectors()):
        assert np.allclose(vectors[b.keys[i]], v, atol=1e-6)


def test_a_first_build_interrupted_says_there_is_no_index_yet(tmp_path, bigram):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    with pytest.raises(BuildInterrupted, match="^interrupted; no index was written yet$"):
        build(seeds, index, InterruptAfter(bigram, calls=1))


def test_a_first_build_stopped_is_finished_from_the_same_folder(tmp_path, bigram, monkeypatch):
    """A first build killed after some checkpoints: asking says so and gives the command with its
    seeds folder (it gave `studyqa index --index DIR`, which builds ./seeds, the sample records),
    and `--index DIR` alone finishes it from that folder, going on from what was embedded."""
    from rag.store import IndexNotFound
    seeds, index = tmp_path / "records" / "mine", tmp_path / "index"
    for n in range(4):
        write(seeds / f"r{n}.txt", RECORD_B.replace("2021年6月7日", f"2021年7月{n + 1}日")
              .replace("特色产业", f"特色产业{n}号"))
    monkeypatch.setattr(indexer, "CHECKPOINT_CHARS", 60)
    with pytest.raises(BuildInterrupted, match="^interrupted; no index was written yet; the "):
        build(seeds, index, InterruptAfter(bigram, calls=3))
    monkeypatch.delenv("STUDYQA_SEEDS", raising=False)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(IndexNotFound) as missing:
        PassageIndex.load(index)
    assert "its first build, from" in str(missing.value)
    assert str(missing.value).endswith(f"studyqa index --seeds {seeds.absolute()} --index {index}")
    assert seeds_dir_for(index) == seeds.absolute()
    report = build(seeds_dir_for(index), index, bigram)
    assert report.sentences_resumed > 0 and len(report.added) == 4
    assert not (index / indexer.PARTIAL_DIR).exists()
    assert seeds_dir_for(index) == seeds.absolute()         # now from the manifest


def test_ctrl_c_as_a_build_ends_says_the_new_index_is_complete(tmp_path, bigram, monkeypatch):
    """Ctrl-C after the new index was saved (here: while the build removes index/partial) must not
    say the index is as it was: it is the new one."""
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    build(seeds, index, bigram)
    write(seeds / "b.txt", RECORD_B)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(indexer.shutil, "rmtree", interrupted)
    with pytest.raises(BuildInterrupted, match=f"^{indexer.FINISHED_BEFORE_INTERRUPT}$"):
        build(seeds, index, bigram)
    assert set(PassageIndex.load(index).files) == {"a.txt", "b.txt"}


def test_an_index_remembers_its_seeds_folder(tmp_path, bigram, monkeypatch):
    seeds, index = tmp_path / "records" / "seeds", tmp_path / "elsewhere" / "index"
    write(seeds / "a.txt", RECORD_A)
    build(seeds, index, bigram)
    monkeypatch.delenv("STUDYQA_SEEDS", raising=False)
    monkeypatch.chdir(tmp_path)              # a folder whose ./seeds is not the index's
    assert seeds_dir_for(index) == seeds.absolute()
    assert seeds_dir_for(index, tmp_path / "other") == tmp_path / "other"
    os.rename(tmp_path / "records", tmp_path / "moved")
    os.rename(tmp_path / "elsewhere", tmp_path / "moved2")
    moved_index = tmp_path / "moved2" / "index"
    # moved apart: the recorded folder (relative to the index) is not there
    assert seeds_dir_for(moved_index) == tmp_path / "records" / "seeds"
    # the seeds folder gone: a plain error that names it, and the index is untouched
    with pytest.raises(FileNotFoundError, match="was built from the seeds folder .*not there now.*--seeds"):
        build(seeds_dir_for(moved_index), moved_index, bigram)
    assert len(PassageIndex.load(moved_index)) == 2


def test_seeds_folder_moved_with_its_index_is_still_found(tmp_path, bigram):
    project = tmp_path / "project"
    write(project / "seeds" / "a.txt", RECORD_A)
    build(project / "seeds", project / "index", bigram)
    os.rename(project, tmp_path / "renamed")
    assert seeds_dir_for(tmp_path / "renamed" / "index") == tmp_path / "renamed" / "seeds"


def test_an_unreadable_file_is_not_read_again_until_it_changes(tmp_path, bigram, monkeypatch):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    (seeds / "bad.docx").write_bytes(b"not a zip")
    build(seeds, index, bigram)
    read = []
    real = indexer.load_sessions
    monkeypatch.setattr(indexer, "load_sessions", lambda path, folder, pages=None: read.append(path.name) or real(path, folder, pages))
    prefetched = []
    monkeypatch.setattr(indexer, "_prefetch_encoder", prefetched.append)
    report = update_index(seeds, index, progress=None)    # no encoder given: none may be loaded
    assert read == [] and prefetched == [] and not report.changed_anything
    assert "bad.docx" in report.summary() and "not a Word document" in report.summary()
    # changed: read again (and still reported)
    (seeds / "bad.docx").write_bytes(b"still not a zip")
    report = build(seeds, index, bigram)
    assert read == ["bad.docx"] and "not a Word document" in report.summary()
    assert seeds_changes(seeds, index) == []     # nothing a build would do
    # a file indexed before that turns unreadable: its passages kept, and not a pending change
    (seeds / "a.txt").write_bytes(b"\x00garbage\x00")
    assert seeds_changes(seeds, index) == ["a.txt"]
    assert "kept" in build(seeds, index, bigram).summary()
    assert seeds_changes(seeds, index) == []
    # gone: no longer reported
    (seeds / "bad.docx").unlink()
    assert "bad.docx" not in build(seeds, index, bigram).summary()


def test_a_file_an_older_reader_could_not_read_is_tried_again(tmp_path, bigram, monkeypatch):
    """A file skipped as unreadable is not read again until it changes, unless the reader is newer
    (it may read it now: a .docx holding a web page was refused before this one read them)."""
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    write(seeds / "b.txt", RECORD_B)
    real = indexer.load_sessions

    def older(path, folder, pages=None):
        if path.name == "b.txt":
            raise indexer.UnreadableFile("is of a kind this reader does not read")
        return real(path, folder, pages)
    monkeypatch.setattr(indexer, "load_sessions", older)
    assert "b.txt" in build(seeds, index, bigram).summary()
    assert build(seeds, index, bigram).added == []          # not tried again by the same reader
    monkeypatch.setattr(indexer, "load_sessions", real)
    assert build(seeds, index, bigram).added == []
    monkeypatch.setattr(indexer, "PARSER_VERSION", indexer.PARSER_VERSION + 1)
    report = build(seeds, index, bigram)
    assert "b.txt" in report.added and "b.txt" in PassageIndex.load(index).files


def test_a_file_saved_while_the_build_reads_it_is_read_again_by_the_next(tmp_path, bigram, monkeypatch):
    """An editor saving (or a sync tool writing) the file between its hash and its reading: what
    was read is not kept under the hash taken before, which hid the change from every later build."""
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    build(seeds, index, bigram)
    real = indexer.load_sessions

    def saved_meanwhile(path, folder, pages=None):
        sessions = real(path, folder, pages)
        write(path, RECORD_A.replace("垃圾分类工作就是新时尚", "节约用水工作就是新风尚"))    # saved again now
        return sessions
    write(seeds / "a.txt", RECORD_A.replace("垃圾分类工作就是新时尚", "节约粮食工作就是新风尚"))
    monkeypatch.setattr(indexer, "load_sessions", saved_meanwhile)
    report = build(seeds, index, bigram)
    assert "a.txt: changed while it was being indexed" in report.summary() and report.changed == []
    assert seeds_changes(seeds, index) == ["a.txt"]
    monkeypatch.setattr(indexer, "load_sessions", real)
    assert build(seeds, index, bigram).changed == ["a.txt"]
    assert any("节约用水" in p.text for p in PassageIndex.load(index).passages.values())


def test_a_renamed_file_is_reported_as_renamed_and_not_embedded_again(tmp_path, bigram):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    build(seeds, index, bigram)
    os.rename(seeds / "a.txt", seeds / "2021-05 学习.txt")
    bigram.embedded.clear()
    report = build(seeds, index, bigram)
    assert report.renamed == [("a.txt", "2021-05 学习.txt")] and report.passages_embedded == 0
    assert "renamed: a.txt -> 2021-05 学习.txt" in report.summary()
    # counted once, as renamed: it was also "1 added, 1 removed" beside that line
    assert "files: 0 added, 0 changed, 0 removed, 1 renamed, 0 unchanged" in report.summary()
    assert Searcher(index, encoder=bigram).search("垃圾分类", k=1)[0].source == "2021-05 学习.txt"


def test_seeds_changes_lists_what_the_next_build_would_pick_up(tmp_path, bigram):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    write(seeds / "b.txt", RECORD_B)
    assert seeds_changes(seeds, index) == []           # no index yet: nothing to compare
    build(seeds, index, bigram)
    assert seeds_changes(seeds, index) == []
    os.utime(seeds / "a.txt", ns=(1, 1))               # touched, same content: not a change
    assert seeds_changes(seeds, index) == []
    write(seeds / "b.txt", RECORD_B.replace("村委会", "党员活动室"))
    write(seeds / "c.md", "# 集中学习记录\n- 时间：2021年8月1日\n\n学习内容：新内容。\n")
    (seeds / "~$c.docx").write_bytes(b"Word's lock file")   # never a record, never a change
    assert seeds_changes(seeds, index) == ["b.txt", "c.md"]
    (seeds / "a.txt").unlink()
    assert seeds_changes(seeds, index) == ["a.txt", "b.txt", "c.md"]
    report = build(seeds, index, bigram)
    assert not any("~$" in p.source for p in report.problems)
    assert seeds_changes(seeds, index) == []


def test_a_file_saved_while_a_build_runs_is_a_change_the_next_build_picks_up(tmp_path, bigram, monkeypatch):
    """The manifest keeps the size and time the file had when it was hashed, not after embedding:
    an edit saved meanwhile is not taken for indexed."""
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    write(seeds / "b.txt", RECORD_B)
    embed = indexer._embed

    def embed_while_the_user_saves(*args, **kwargs):
        out = embed(*args, **kwargs)
        write(seeds / "a.txt", RECORD_A + "　　新增一段：加强基层党组织建设。\n")
        return out
    monkeypatch.setattr(indexer, "_embed", embed_while_the_user_saves)
    build(seeds, index, bigram)
    monkeypatch.setattr(indexer, "_embed", embed)
    assert seeds_changes(seeds, index) == ["a.txt"]
    assert build(seeds, index, bigram).changed == ["a.txt"]
    assert any("基层党组织" in p.text for p in PassageIndex.load(index).passages.values())
    assert seeds_changes(seeds, index) == []


def test_the_first_search_builds_the_index_and_says_what_it_built(tmp_path, bigram, capsys):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    searcher = Searcher(index, seeds_dir=seeds, encoder=bigram, model=bigram.name)
    assert searcher.search("垃圾分类", k=1)[0].source == "a.txt"
    err = capsys.readouterr().err
    assert f"no index at {index} yet: building it from {seeds}" in err
    assert "files: 1 added" in err and "index now holds 2 passages from 1 sessions" in err


def test_an_incremental_build_gives_the_vectors_of_a_full_one(tmp_path, real_encoder):
    """With the default int8 model every sentence is embedded alone, so a file added later gets
    exactly the vectors it gets in a build of everything at once (batched, it did not)."""
    seeds_full, seeds_step = tmp_path / "full" / "seeds", tmp_path / "step" / "seeds"
    for seeds in (seeds_full, seeds_step):
        write(seeds / "a.txt", RECORD_A)
    write(seeds_full / "b.txt", RECORD_B)
    build(seeds_step, tmp_path / "step" / "index", real_encoder)
    write(seeds_step / "b.txt", RECORD_B)
    build(seeds_step, tmp_path / "step" / "index", real_encoder)
    build(seeds_full, tmp_path / "full" / "index", real_encoder)

    def vectors(root):
        index = PassageIndex.load(root / "index")
        return {(p.source, p.paragraph): (index.vectors.reconstruct(pid), index.sentences[pid])
                for pid, p in index.passages.items()}
    full, step = vectors(tmp_path / "full"), vectors(tmp_path / "step")
    assert full.keys() == step.keys() and len(full) == 4
    for where, (passage, sentences) in full.items():
        assert np.array_equal(passage, step[where][0]) and np.array_equal(sentences, step[where][1]), where


def _passage_lines(index_dir):
    generation = json.loads((index_dir / "manifest.json").read_text(encoding="utf-8"))["generation"]
    lines = (index_dir / f"passages-{generation}.jsonl").read_bytes().splitlines(keepends=True)
    return {source: [line for line in lines if json.loads(line)["source"] == source]
            for source in ("a.txt", "b.txt")}


def test_a_build_writes_unchanged_passages_as_they_were_read(tmp_path, bigram, monkeypatch):
    """A build keeps the passages file's lines it read (`keep_rows`) and writes an unchanged
    passage's line as it is (serializing 95 k passages again took half a second of a one-paragraph
    change); the changed file's passages are written afresh, and the index loads them as parsed."""
    from rag.types import Passage
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    write(seeds / "b.txt", RECORD_B)
    build(seeds, index, bigram)
    before = _passage_lines(index)
    write(seeds / "a.txt", RECORD_A.replace("垃圾分类工作就是新时尚", "垃圾分类工作是新的时尚"))
    serialized = []
    to_dict = Passage.to_dict
    monkeypatch.setattr(Passage, "to_dict", lambda self: serialized.append(self.source) or to_dict(self))
    build(seeds, index, bigram)
    assert serialized == ["a.txt", "a.txt"]
    after = _passage_lines(index)
    assert after["b.txt"] == before["b.txt"] and len(after["b.txt"]) == 2
    assert after["a.txt"] != before["a.txt"]
    texts = [p.text for p in PassageIndex.load(index).passages.values() if p.source == "a.txt"]
    assert any("垃圾分类工作是新的时尚" in t for t in texts)
    assert not any("就是新时尚" in t for t in texts)


def test_a_passage_field_this_version_does_not_know_is_read_and_dropped(tmp_path, bigram):
    """An index written by a newer StudyQA with an extra passage field still loads, and the next
    save writes every passage in this version's form."""
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    write(seeds / "b.txt", RECORD_B)
    build(seeds, index, bigram)
    generation = json.loads((index / "manifest.json").read_text(encoding="utf-8"))["generation"]
    path = index / f"passages-{generation}.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    path.write_text("".join(json.dumps({**row, "summary": "新字段"}, ensure_ascii=False) + "\n"
                            for row in rows), encoding="utf-8")
    loaded = PassageIndex.load(index, keep_rows=True)
    assert len(loaded) == 4 and loaded.rows_as_read is None
    write(seeds / "a.txt", RECORD_A.replace("2021年5月6日", "2021年5月8日"))
    build(seeds, index, bigram)
    assert not any(b"summary" in line for lines in _passage_lines(index).values() for line in lines)
    assert len(PassageIndex.load(index)) == 4


def test_files_read_by_an_older_record_reader_are_read_again_and_nothing_is_embedded_again(tmp_path, bigram):
    """An index built before the reader learned a record's header fields (主持人…) holds them as
    text; the next build reads such files again by itself, embeds only text it lacks, and says so."""
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A.replace("\t方式：集中学习\n", "\t主持人：王书记\n\t方式：集中学习\n"))
    write(seeds / "b.txt", RECORD_B)
    build(seeds, index, bigram)
    manifest = json.loads((index / "manifest.json").read_text(encoding="utf-8"))
    assert {f["parser"] for f in manifest["files"].values()} == {indexer.PARSER_VERSION}
    for entry in manifest["files"].values():        # as an index of the earlier reader has them
        del entry["parser"]
    (index / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    report = build(seeds, index, bigram)
    assert report.reread == ["a.txt", "b.txt"] and not report.changed and report.passages_embedded == 0
    assert "reader updated: 2 unchanged file(s) read again" in report.summary()
    [hit] = Searcher(index, encoder=bigram).search("垃圾分类", k=1)
    assert hit.format == "集中学习" and "主持人" not in hit.text
    again = build(seeds, index, bigram)
    assert not again.reread and again.unchanged == 2 and not again.changed_anything


def test_progress_on_a_log_says_each_tenth_and_done(capsys):
    """Not on a terminal (a log, CI): a line every tenth, and the last says done, not `starting`."""
    progress = indexer.StderrProgress()
    for done in range(0, 101):
        progress("embedding sentences", done, 100)
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 11 and lines[-1].startswith("embedding sentences: [" + "#" * 30 + "] 100/100")
    assert lines[-1].endswith("elapsed, done")


def test_a_hit_kept_across_a_rebuild_that_moved_its_paragraphs_says_so(tmp_path, bigram):
    # its neighbours were read by its old position: the hit itself came back as "next"
    from rag.search import StaleHit
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    build(seeds, index, bigram)
    searcher = Searcher(index, encoder=bigram)
    [hit] = searcher.search("绿水青山就是金山银山", k=1)
    assert searcher.neighbours(hit)[0].text.startswith("垃圾分类")
    write(seeds / "a.txt", RECORD_A.replace("\u3000\u3000垃圾分类", "\u3000\u3000新插入的一段文字，讲的是节约用水的重要意义。\n\u3000\u3000垃圾分类"))
    build(seeds, index, bigram)
    with pytest.raises(StaleHit, match="search again"):
        searcher.neighbours(hit)
    with pytest.raises(StaleHit, match="search again"):
        searcher.session_passages(hit)
    [again] = searcher.search("绿水青山就是金山银山", k=1)
    assert searcher.neighbours(again)[0].text.startswith("垃圾分类")


def test_an_index_written_by_a_newer_studyqa_is_neither_read_nor_rebuilt_over(tmp_path, bigram):
    # it was called damaged, and `studyqa index` embedded everything again over it in the old format
    from rag import IndexTooNew
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    build(seeds, index, bigram)
    manifest = json.loads((index / "manifest.json").read_text(encoding="utf-8"))
    manifest["format_version"] += 1
    (index / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    before = sorted((p.name, p.stat().st_mtime_ns) for p in index.iterdir())
    with pytest.raises(IndexTooNew, match="newer StudyQA.*left as it is"):
        Searcher(index, encoder=bigram).search("垃圾分类", k=1)
    with pytest.raises(IndexTooNew):
        build(seeds, index, bigram)
    assert sorted((p.name, p.stat().st_mtime_ns) for p in index.iterdir()) == before


def test_a_copy_of_a_record_file_beside_it_is_said(tmp_path, bigram):
    # indexed twice unsaid: 学过几次 counted its sessions twice, 2020年一共学习了多少次 once
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    write(seeds / "a - 副本.txt", RECORD_A)
    write(seeds / "b.txt", RECORD_B)
    report = build(seeds, index, bigram)
    assert [(w.source, "same content as a - 副本.txt" in w.reason) for w in report.warnings] == [("a.txt", True)]
    # renamed and copied at once: two new names of one file (it said "-1 removed")
    os.rename(seeds / "b.txt", seeds / "b2.txt")
    write(seeds / "b3.txt", RECORD_B)
    assert "files: 0 added, 0 changed, 0 removed, 2 renamed" in build(seeds, index, bigram).summary()
    # empty files are no copies of one another
    write(seeds / "e1.txt", "")
    write(seeds / "e2.txt", "")
    assert not [w for w in build(seeds, index, bigram).warnings if w.source.startswith("e")]
