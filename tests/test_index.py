"""Index lifecycle with a tiny deterministic encoder: exact top hit after every operation."""
import json
from pathlib import Path

import pytest

from conftest import RECORD_A, RECORD_B, write
from rag import IndexCorrupt, IndexNotFound, ModelMismatch, PassageIndex, Searcher, update_index
from rag.store import StudyQAError


def build(seeds, index, enc):
    return update_index(seeds, index, encoder=enc, model=enc.name, progress=None)


def top(index, enc, question):
    return Searcher(index, encoder=enc).search(question, k=1)[0]


def test_build_save_load_add_change_delete(tmp_path, bigram):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    report = build(seeds, index, bigram)
    assert report.added == ["a.txt"] and report.passages_embedded == 2
    hit = top(index, bigram, "垃圾分类要从娃娃抓起")
    assert (hit.source, hit.date, hit.place, hit.topic) == ("a.txt", "2021-05-06", "三楼会议室", "生态文明")
    assert "垃圾分类" in hit.text

    # load from disk in a fresh object: same answer
    loaded = PassageIndex.load(index)
    assert len(loaded) == 2 and loaded.model == bigram.name
    manifest = json.loads((index / "manifest.json").read_text())
    assert manifest["format_version"] == 2 and set(manifest["files"]) == {"a.txt"}

    # nothing changed: nothing embedded, index not rewritten
    before = (index / "manifest.json").stat().st_mtime_ns
    report = build(seeds, index, bigram)
    assert report.passages_embedded == 0 and report.unchanged == 1 and not report.changed_anything
    assert (index / "manifest.json").stat().st_mtime_ns == before

    # add a file
    write(seeds / "sub" / "b.txt", RECORD_B)
    report = build(seeds, index, bigram)
    assert report.added == ["sub/b.txt"] and report.passages_embedded == 2
    hit = top(index, bigram, "乡村振兴要发展特色产业")
    assert (hit.source, hit.date) == ("sub/b.txt", "2021-06-07")

    # change one paragraph of a file: only that paragraph is embedded again
    bigram.embedded.clear()
    write(seeds / "a.txt", RECORD_A.replace("垃圾分类工作就是新时尚", "节约用水工作就是新风尚"))
    report = build(seeds, index, bigram)
    assert report.changed == ["a.txt"] and report.passages_embedded == 1 and report.passages_reused == 1
    assert len(bigram.embedded) == 1 and "节约用水" in bigram.embedded[0]
    hit = top(index, bigram, "节约用水工作就是新风尚")
    assert hit.source == "a.txt" and "节约用水" in hit.text
    assert not any("垃圾分类工作就是新时尚" in p.text for p in PassageIndex.load(index).passages.values())

    # delete a file: its passages leave the index
    (seeds / "sub" / "b.txt").unlink()
    report = build(seeds, index, bigram)
    assert report.removed == ["sub/b.txt"] and report.passages_total == 2
    assert all(h.source == "a.txt" for h in Searcher(index, encoder=bigram).search("乡村振兴", k=5))


def test_same_text_in_two_files_is_embedded_once(tmp_path, bigram):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    write(seeds / "copy.txt", RECORD_A.replace("2021年5月6日", "2021年9月9日"))
    report = build(seeds, index, bigram)
    assert report.passages_total == 4 and report.passages_embedded == 2
    searcher = Searcher(index, encoder=bigram)
    # shown once, with the other session's date
    hits = searcher.search("垃圾分类", k=2)
    assert hits[0].date == "2021-05-06" and hits[0].also_dates == ["2021-09-09"]
    assert all("垃圾分类" not in h.text for h in hits[1:])
    assert {h.date for h in searcher.search("垃圾分类", k=2, dedupe=False)} == {"2021-05-06", "2021-09-09"}


def test_unreadable_file_is_reported_and_the_rest_indexed(tmp_path, bigram):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    (seeds / "broken.txt").write_bytes(b"\x00\x01binary\x00" * 10)
    (seeds / "notes.pdf").write_bytes(b"%PDF-1.4")
    (seeds / "slides.pptx").write_bytes(b"PK\x03\x04")
    (seeds / "cut.txt").write_bytes(b"\xef\xbb\xbf" + RECORD_A.encode()[:-2])     # a UTF-8 mark, cut off
    report = build(seeds, index, bigram)
    assert report.added == ["a.txt"] and report.passages_total == 2
    problems = {p.source: p.reason for p in report.problems}
    assert "is not valid UTF-8" in problems["cut.txt"]
    assert "binary" in problems["broken.txt"] and "not supported" in problems["slides.pptx"]
    assert "damaged PDF" in problems["notes.pdf"]
    assert "broken.txt" in report.summary()


def test_a_file_that_becomes_unreadable_keeps_its_passages(tmp_path, bigram):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    build(seeds, index, bigram)
    (seeds / "a.txt").write_bytes(b"\x00garbage\x00")
    report = build(seeds, index, bigram)
    assert report.passages_total == 2 and "kept" in report.problems[0].reason
    assert top(index, bigram, "垃圾分类").source == "a.txt"


def test_a_file_cut_down_to_its_header_keeps_its_passages_as_an_emptied_one_does(tmp_path, bigram):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    write(seeds / "b.txt", RECORD_B)
    build(seeds, index, bigram)
    write(seeds / "a.txt", "\n".join(RECORD_A.splitlines()[:3]) + "\n")        # title and two fields
    report = build(seeds, index, bigram)
    assert report.passages_total == 4 and top(index, bigram, "垃圾分类").source == "a.txt"
    [problem] = [p for p in report.problems if p.source == "a.txt"]
    assert "no text to index now" in problem.reason and "previously indexed passages are kept" in problem.reason
    # its text back: read again, as any changed file
    write(seeds / "a.txt", RECORD_A.replace("绿水青山", "金山银山"))
    assert build(seeds, index, bigram).changed == ["a.txt"]


def test_a_folder_that_cannot_be_opened_keeps_its_files_passages(tmp_path, bigram, monkeypatch):
    """`chmod 000 seeds/2021` (or a drive not mounted under it): its files are not gone. (Root
    opens any folder, so the refusal is made as the operating system makes it.)"""
    import os

    import rag.records
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    write(seeds / "2021" / "b.txt", RECORD_B)
    build(seeds, index, bigram)
    real_walk = os.walk

    def walk(top, onerror=None, followlinks=False):
        for folder, subfolders, files in real_walk(top, onerror=onerror, followlinks=followlinks):
            if Path(folder).name == "2021":
                onerror(PermissionError(13, "Permission denied", folder))
                continue
            yield folder, subfolders, files
    monkeypatch.setattr(rag.records.os, "walk", walk)
    report = build(seeds, index, bigram)
    assert report.removed == [] and report.passages_total == 4
    [problem] = report.problems
    assert problem.source == "2021/" and "cannot be opened (Permission denied)" in problem.reason
    assert "kept" in problem.reason


def test_records_behind_a_link_to_nothing_or_on_a_drive_not_mounted_are_kept(tmp_path, bigram, monkeypatch):
    """A drive not mounted: a link in the seeds folder to a file or a folder on it points at
    nothing, and a folder it was mounted on is empty. Their records are not deleted from the index
    (nor does a question's note ask for the build that would delete them); deleting the link or the
    folder removes them. (The mount is made as the operating system tells it: no root here.)"""
    import os
    import shutil

    from rag.indexer import seeds_changes
    seeds, index, drive = tmp_path / "seeds", tmp_path / "index", tmp_path / "drive"
    write(seeds / "a.txt", RECORD_A)
    write(drive / "b.txt", RECORD_B)
    write(drive / "2021" / "c.txt", RECORD_B.replace("2020年3月11日", "2021年3月11日"))
    (seeds / "b.txt").symlink_to(drive / "b.txt")
    (seeds / "2021").symlink_to(drive / "2021")
    write(seeds / "usb" / "d.txt", RECORD_B.replace("2020年3月11日", "2022年3月11日"))
    real_ismount = os.path.ismount
    monkeypatch.setattr(os.path, "ismount", lambda path: Path(path) == seeds / "usb" or real_ismount(path))
    assert build(seeds, index, bigram).passages_total == 8
    assert json.loads((index / "manifest.json").read_text())["files"]["usb/d.txt"]["mount"] == "usb"
    shutil.rmtree(drive)
    monkeypatch.setattr(os.path, "ismount", real_ismount)
    (seeds / "usb" / "d.txt").unlink()          # what the folder shows once its drive is out
    assert seeds_changes(seeds, index) == []
    report = build(seeds, index, bigram)
    assert report.removed == [] and report.passages_total == 8
    said = {p.source: p.reason for p in report.problems}
    assert "is a link to something not there" in said["b.txt"] and "kept" in said["b.txt"]
    assert "is a link to something not there" in said["2021/"]
    assert "not now; their passages are kept" in said["usb/"] and "delete the folder" in said["usb/"]
    # removed on purpose: the links and the folder deleted
    (seeds / "b.txt").unlink()
    (seeds / "2021").unlink()
    (seeds / "usb").rmdir()
    assert seeds_changes(seeds, index) == ["2021/c.txt", "b.txt", "usb/d.txt"]
    report = build(seeds, index, bigram)
    assert report.removed == ["2021/c.txt", "b.txt", "usb/d.txt"] and report.passages_total == 2


def test_a_file_reached_by_several_names_is_indexed_once_under_its_own(tmp_path, bigram):
    """`alias.txt` a link to `orig.txt`, `hard.txt` a hard link: one session, not three (学过几次
    counted it three times), cited by the file's own name."""
    import os
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "orig.txt", RECORD_A)
    (seeds / "alias.txt").symlink_to(seeds / "orig.txt")
    os.link(seeds / "orig.txt", seeds / "hard.txt")
    report = build(seeds, index, bigram)
    assert report.added == ["hard.txt"] and report.passages_total == 2
    said = {p.source: p.reason for p in report.warnings}
    assert said["alias.txt"] == "is the same file as hard.txt (a link to it); indexed once, as hard.txt"
    assert "orig.txt" in said and not report.problems
    assert top(index, bigram, "垃圾分类").source == "hard.txt"


def test_missing_and_corrupt_index_say_how_to_rebuild(tmp_path, bigram):
    with pytest.raises(IndexNotFound, match="studyqa index --index"):
        Searcher(tmp_path / "nothing", encoder=bigram).search("问题")
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    build(seeds, index, bigram)
    generation = PassageIndex.load(index).generation
    (index / f"vectors-{generation}.faiss").write_bytes(b"not faiss")
    with pytest.raises(IndexCorrupt, match=f"\\(vectors-{generation}.faiss: .*Rebuild it with: studyqa index --index"):
        PassageIndex.load(index)
    # the next build replaces the damaged index, and says so (as a note: nothing was skipped)
    report = build(seeds, index, bigram)
    assert report.passages_total == 2 and top(index, bigram, "垃圾分类").source == "a.txt"
    assert report.problems == [] and "damaged or incomplete" in report.warnings[0].reason
    assert "warning: " in report.summary() and "skipped" not in report.summary()


def test_an_empty_seeds_folder_never_empties_an_index(tmp_path, bigram):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    build(seeds, index, bigram)
    (seeds / "a.txt").unlink()
    # a wrong --seeds path or a drive not mounted looks just like this: keep everything
    with pytest.raises(StudyQAError, match="holds no record files.*nothing was changed"):
        build(seeds, index, bigram)
    assert len(PassageIndex.load(index)) == 2
    # a new, empty index is allowed, with a warning
    report = build(seeds, tmp_path / "other", bigram)
    assert report.passages_total == 0 and "holds no record files" in report.summary()


def test_undated_records_are_indexed_with_a_warning(tmp_path, bigram):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A.replace("2021年5月6日", "2021年5月66日"))
    report = build(seeds, index, bigram)
    assert report.passages_total == 2 and report.problems == []
    assert "warning: a.txt:2: the date '2021年5月66日' is not a date" in report.summary()


def test_reversed_date_range_is_an_error(tmp_path, bigram):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    build(seeds, index, bigram)
    with pytest.raises(ValueError, match="start date .2021-06-01. is after the end date .2021-05-01.*swap"):
        Searcher(index, encoder=bigram).search("垃圾", date_from="2021-06-01", date_to="2021-05-01")


def test_querying_with_another_model_is_a_clear_error(tmp_path, bigram):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    build(seeds, index, bigram)
    with pytest.raises(ModelMismatch, match="studyqa index --index .* --model multilingual-e5-small"):
        Searcher(index, model="multilingual-e5-small").search("垃圾分类")


def test_a_new_build_of_the_model_embeds_everything_again(tmp_path, bigram, monkeypatch, capsys):
    """When StudyQA makes a model's vectors differently (the int8 model's build 2: integer
    products exact on every CPU), an index of the earlier build still answers, says how to update it,
    and the next build embeds every passage again, then nothing more."""
    import embeddings
    import rag.indexer
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    build(seeds, index, bigram)
    assert json.loads((index / "manifest.json").read_text())["model_build"] is None

    def build_two(model):
        return 2 if model == bigram.name else None
    monkeypatch.setattr(embeddings, "model_build", build_two)
    monkeypatch.setattr(rag.indexer, "model_build", build_two)
    capsys.readouterr()
    assert "垃圾分类" in top(index, bigram, "垃圾分类要从娃娃抓起").text
    note = capsys.readouterr().err
    assert "was embedded with build 1 of test-bigram" in note and f"studyqa index --index {index}" in note

    bigram.embedded.clear()
    report = build(seeds, index, bigram)
    assert report.rebuilt_from_build == 1 and report.passages_embedded == 2 and len(bigram.embedded) > 0
    assert report.summary().startswith("model updated: every passage embedded again with build 2")
    assert json.loads((index / "manifest.json").read_text())["model_build"] == 2
    bigram.embedded.clear()
    report = build(seeds, index, bigram)
    assert not report.changed_anything and not bigram.embedded
    capsys.readouterr()
    assert "垃圾分类" in top(index, bigram, "垃圾分类要从娃娃抓起").text
    assert "embedded with build" not in capsys.readouterr().err


def test_half_written_generation_is_ignored_then_cleaned(tmp_path, bigram):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    build(seeds, index, bigram)
    # as if a build was killed after writing its data files but before switching the manifest
    (index / "vectors-99.faiss").write_bytes(b"partial")
    (index / "passages-99.jsonl").write_text('{"id": 0')
    assert len(PassageIndex.load(index)) == 2
    write(seeds / "b.txt", RECORD_B)
    build(seeds, index, bigram)
    names = sorted(p.name for p in index.iterdir() if not p.name.startswith("."))
    generation = PassageIndex.load(index).generation
    lexical = [f"lexical_{name}-{generation}.npy" for name in ("counts", "indptr", "lengths", "rows", "terms")]
    assert names == [*lexical, "manifest.json", f"passages-{generation}.jsonl", f"sentences-{generation}.npy",
                     f"topics-{generation}.json", f"topics-{generation}.npy", f"vectors-{generation}.faiss"]


def test_files_that_are_not_the_index_s_own_are_never_touched(tmp_path, bigram):
    """A folder of the user's given as --index by mistake is refused, not written into; and a file
    named like a data file (`budget-2024.json`) found in an index folder stays where it is."""
    seeds, index = tmp_path / "seeds", tmp_path / "mydocs"
    write(seeds / "a.txt", RECORD_A)
    write(index / "budget-2024.json", "{}")
    write(index / "学习心得-草稿.jsonl", "{}")
    with pytest.raises(StudyQAError, match="holds files that are not a StudyQA index.*budget-2024.json"):
        build(seeds, index, bigram)
    assert sorted(p.name for p in index.iterdir()) == ["budget-2024.json", "学习心得-草稿.jsonl"]
    index = tmp_path / "index"
    build(seeds, index, bigram)
    write(index / "weights-v2.npy", "x")                 # put there later, by hand
    write(index / "notes-1.json", "{}")
    write(seeds / "b.txt", RECORD_B)
    build(seeds, index, bigram)
    assert (index / "weights-v2.npy").is_file() and (index / "notes-1.json").is_file()


def test_empty_question_and_k(tmp_path, bigram):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    build(seeds, index, bigram)
    searcher = Searcher(index, encoder=bigram)
    assert searcher.search("   ") == [] and searcher.search("垃圾", k=0) == []
    assert len(searcher.search("垃圾", k=50)) == 2


def test_only_one_build_at_a_time(tmp_path, bigram):
    from rag.indexer import BuildInProgress, build_lock
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    with build_lock(index):
        with pytest.raises(BuildInProgress, match="another build"):
            build(seeds, index, bigram)
    assert build(seeds, index, bigram).passages_total == 2


def test_topics_are_embedded_once_and_reach_their_session(tmp_path, bigram):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    write(seeds / "b.txt", RECORD_B + RECORD_B.replace("2021年6月7日", "2021年7月7日"))
    build(seeds, index, bigram)
    loaded = PassageIndex.load(index)
    assert set(loaded.topics) == {"生态文明", "乡村振兴"}
    assert bigram.embedded.count("乡村振兴") == 1
    hit = top(index, bigram, "生态文明")        # the topic, not in the passage text
    assert hit.source == "a.txt" and hit.topic == "生态文明"


def test_reparse_embeds_nothing_new_and_old_indexes_get_topics(tmp_path, bigram):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    build(seeds, index, bigram)
    generation = PassageIndex.load(index).generation
    (index / f"topics-{generation}.json").unlink()   # as built before topics were embedded
    (index / f"topics-{generation}.npy").unlink()
    bigram.embedded.clear()
    report = update_index(seeds, index, encoder=bigram, model=bigram.name, progress=None, reparse=True)
    assert report.changed == ["a.txt"] and report.passages_embedded == 0
    assert bigram.embedded == ["生态文明"] and "生态文明" in PassageIndex.load(index).topics
    # the file is as indexed: read again, not "changed" in the report
    assert "files: 0 added, 0 changed, 0 removed, 1 unchanged (1 read again: --reparse)" in report.summary()


def test_index_without_stored_term_counts_still_searches_then_gets_them(tmp_path, bigram):
    """An index written before the keyword leg's counts were stored: search counts the terms
    itself, and the next `studyqa index`, with nothing changed, adds them without embedding."""
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    write(seeds / "b.txt", RECORD_B)
    build(seeds, index, bigram)
    for path in index.glob("lexical_*.npy"):
        path.unlink()
    assert PassageIndex.load(index).lexical is None
    assert top(index, bigram, "垃圾分类").source == "a.txt"
    bigram.embedded.clear()
    report = update_index(seeds, index, encoder=bigram, progress=None)
    assert not report.changed_anything and bigram.embedded == []
    assert PassageIndex.load(index).lexical is not None
    assert top(index, bigram, "乡村振兴要发展特色产业").source == "b.txt"


@pytest.mark.parametrize("name", ["rows", "indptr", "terms", "counts"])
def test_term_counts_damaged_in_place_are_counted_again_and_rewritten(tmp_path, bigram, name):
    """Bytes of a lexical_*.npy changed without its size (a disk's fault): searches crashed, and
    `studyqa index` kept the damaged file. The counts are the passages' words: counted again."""
    import numpy as np
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    write(seeds / "b.txt", RECORD_B)
    build(seeds, index, bigram)
    [path] = index.glob(f"lexical_{name}-*.npy")
    array = np.load(path, allow_pickle=False)
    damaged = array.copy()
    if name == "terms":
        damaged[1] = damaged[0]
    elif name == "rows":
        damaged[:] = 117899313
    else:
        damaged[len(damaged) // 2:] = 0 if damaged.dtype.kind == "u" else -7
    with open(path, "wb") as out:
        np.save(out, damaged, allow_pickle=False)
    assert PassageIndex.load(index).lexical is None
    assert top(index, bigram, "垃圾分类").source == "a.txt"
    bigram.embedded.clear()
    update_index(seeds, index, encoder=bigram, progress=None)
    assert bigram.embedded == [] and PassageIndex.load(index).lexical is not None


def test_a_topics_file_alone_missing_is_damage(tmp_path, bigram):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    build(seeds, index, bigram)
    next(index.glob("topics-*.json")).unlink()
    with pytest.raises(IndexCorrupt, match="damaged"):
        PassageIndex.load(index)


def test_store_search_returns_ids_and_cosines(tmp_path, bigram):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    build(seeds, index, bigram)
    loaded = PassageIndex.load(index)
    pid = next(iter(loaded.passages))
    [[(found, score), *_]] = loaded.search(loaded.vectors.reconstruct(pid)[None, :], k=2)
    assert found == pid and abs(score - 1.0) < 1e-5


def test_large_index_gets_an_ivf_index_kept_in_step(tmp_path, bigram, monkeypatch):
    """Above the size threshold dense candidates come from an IVF index: it is trained, saved,
    loaded, follows adds and deletes, and answers like the exact scan; below it, it goes away."""
    import shutil
    from conftest import SEED_FILE
    from rag.store import PassageIndex as Store
    monkeypatch.setattr(Store, "ann_threshold", 60)
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    seeds.mkdir()
    shutil.copy(SEED_FILE, seeds / "seed.txt")
    report = build(seeds, index, bigram)
    assert report.passages_total > 60
    manifest = json.loads((index / "manifest.json").read_text(encoding="utf-8"))
    loaded = PassageIndex.load(index)
    assert manifest["ann"]["kind"].startswith("IVF") and loaded.ann.ntotal == len(loaded)
    assert (index / f"ann-{loaded.generation}.faiss").is_file()
    questions = ["网格化管理", "应急物资保障体系", "野生动物保护法", "农民工返岗复工"]
    with_ivf = [top(index, bigram, q).text for q in questions]
    assert Searcher(index, encoder=bigram)._current().ann is not None   # search goes through it
    monkeypatch.setattr(Store, "ann_threshold", 10**9)
    build(seeds, index, bigram)                     # below the threshold now: exact scan, no file
    assert PassageIndex.load(index).ann is None and not list(index.glob("ann-*"))
    assert [top(index, bigram, q).text for q in questions] == with_ivf
    monkeypatch.setattr(Store, "ann_threshold", 60)
    write(seeds / "b.txt", RECORD_B)                 # added passages reach the IVF index
    build(seeds, index, bigram)
    assert PassageIndex.load(index).ann.ntotal == len(PassageIndex.load(index))
    assert top(index, bigram, "乡村振兴要发展特色产业").source == "b.txt"
    (seeds / "b.txt").unlink()                       # and removed ones leave it
    build(seeds, index, bigram)
    loaded = PassageIndex.load(index)
    assert loaded.ann.ntotal == len(loaded) and all(p.source == "seed.txt" for p in loaded.passages.values())


def test_term_counts_of_an_older_kind_are_counted_again(tmp_path, bigram):
    """Counts stored by an older StudyQA (before traditional characters were folded) are not
    used: search counts afresh, and the next `studyqa index` stores counts of the current kind."""
    from rag.lexical import LEXICAL_FORMAT
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    build(seeds, index, bigram)
    manifest = json.loads((index / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["lexical_format"] == LEXICAL_FORMAT
    del manifest["lexical_format"]                     # as written before the field existed
    (index / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert PassageIndex.load(index).lexical is None
    assert top(index, bigram, "垃圾分类").source == "a.txt"
    bigram.embedded.clear()
    assert not update_index(seeds, index, encoder=bigram, progress=None).changed_anything
    assert bigram.embedded == [] and PassageIndex.load(index).lexical is not None


def test_k_is_a_whole_number_of_hits_and_a_searcher_holds_its_index_by_its_full_path(tmp_path, bigram, monkeypatch):
    from rag.search import _searchers, get_searcher
    seeds, index = tmp_path / "A" / "seeds", tmp_path / "A" / "idx"
    write(seeds / "a.txt", RECORD_A)
    write(seeds / "b.txt", RECORD_B)
    build(seeds, index, bigram)
    searcher = Searcher(index, encoder=bigram)
    assert len(searcher.search("垃圾分类", k=2.0)) == len(searcher.search("垃圾分类", k="2")) == 2
    with pytest.raises(ValueError, match="a whole number such as 5, not 2.5"):
        searcher.search("垃圾分类", k=2.5)
    with pytest.raises(ValueError, match="not None"):
        searcher.search("垃圾分类", k=None)
    # asked for by a relative path, then (elsewhere) by its full one: the same index, still found
    monkeypatch.chdir(tmp_path / "A")
    first = get_searcher("idx")
    monkeypatch.chdir(tmp_path)
    try:
        again = get_searcher(index)
        assert again is first and len(again.sessions()) == 2
    finally:
        _searchers.clear()


def test_ctrl_c_after_the_switch_says_the_new_index_is_saved_and_the_next_build_clears_the_old(
        tmp_path, bigram, monkeypatch):
    import rag.store
    from rag.indexer import FINISHED_BEFORE_INTERRUPT, BuildInterrupted
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    build(seeds, index, bigram)
    write(seeds / "b.txt", RECORD_B)

    def interrupted(index_dir, keep):
        raise KeyboardInterrupt
    monkeypatch.setattr(rag.store, "remove_stale_files", interrupted)
    with pytest.raises(BuildInterrupted, match=FINISHED_BEFORE_INTERRUPT):
        build(seeds, index, bigram)
    monkeypatch.undo()
    assert len(PassageIndex.load(index)) == 4 and any(index.glob("vectors-1.faiss"))
    report = build(seeds, index, bigram)          # nothing to do, but the old generation goes
    assert not report.changed_anything and sorted(p.name for p in index.glob("vectors-*")) == ["vectors-2.faiss"]


def test_an_index_folder_that_cannot_be_written_is_said_before_any_work(tmp_path, bigram):
    from rag.store import _write_faiss
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    (index / ".write-test").mkdir(parents=True)    # what a write there meets (root writes anywhere)
    with pytest.raises(StudyQAError, match="cannot write to the index folder .*nothing was changed"):
        build(seeds, index, bigram)
    assert bigram.embedded == []
    # a read-only folder: its lock file cannot be opened either, and the same is said (it gave
    # `Read-only file system: …/.build.lock`)
    import builtins
    real_open = builtins.open

    def read_only(path, *args, **kwargs):
        if str(path).startswith(str(index)) and (args[:1] or [kwargs.get("mode", "r")])[0] != "r":
            raise OSError(30, "Read-only file system", str(path))
        return real_open(path, *args, **kwargs)
    (index / ".write-test").rmdir()
    import pathlib
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(builtins, "open", read_only)
        patch.setattr(pathlib.Path, "write_bytes", lambda self, data: read_only(self, "wb"))
        with pytest.raises(StudyQAError, match="cannot write to the index folder .*Read-only file system.*nothing was changed"):
            build(seeds, index, bigram)
    import faiss
    with pytest.raises(OSError, match="cannot write .*vectors-9.faiss"):
        _write_faiss(faiss.IndexFlatIP(4), tmp_path / "no such folder" / "vectors-9.faiss")


def test_a_full_disk_while_saving_leaves_the_index_as_it_was_and_removes_what_the_build_began(
        tmp_path, bigram, monkeypatch):
    """A disk filling up as the new generation is written: the message says so and that the index
    is unchanged, and the half-written files go (they kept the disk full); the old one answers."""
    import errno
    import numpy as np

    import rag.store
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    build(seeds, index, bigram)
    before = sorted(p.name for p in index.iterdir())
    write(seeds / "b.txt", RECORD_B)
    real_save = np.save

    def full_disk(file, array, **kwargs):
        real_save(file, array[:1], **kwargs)        # part of it written, then no room
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(rag.store.np, "save", full_disk)
    with pytest.raises(OSError, match="cannot write the index at .*the disk is full.*the index is as it was before "
                                      "this build, and the files it began are removed"):
        build(seeds, index, bigram)
    # (what was embedded is kept in partial/, for the next build)
    assert sorted(p.name for p in index.iterdir() if p.name != "partial") == before
    monkeypatch.undo()
    assert top(index, bigram, "垃圾分类").source == "a.txt"
    # a part a killed build left unfinished goes at the next build's start
    (index / "partial").mkdir(exist_ok=True)
    (index / "partial" / "1-2.tmp").write_bytes(b"half")
    # and a part a power cut left empty (its name saved, not its data) is embedded again: every
    # build crashed on it (EOFError) until the folder was deleted by hand
    (index / "partial" / "1-3.npz").write_bytes(b"")
    assert build(seeds, index, bigram).added == ["b.txt"]
    assert not (index / "partial").exists()


def test_a_file_indexed_before_that_cannot_be_opened_says_its_passages_are_kept(tmp_path, bigram, monkeypatch):
    import rag.indexer
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    build(seeds, index, bigram)
    real_hash = rag.indexer.file_hash

    def no_permission(path):
        if path.name == "a.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real_hash(path)
    monkeypatch.setattr(rag.indexer, "file_hash", no_permission)
    report = build(seeds, index, bigram)
    assert report.passages_total == 2
    assert report.problems[0].reason == "cannot be read (Permission denied) (its previously indexed passages are kept)"


def test_another_seeds_folder_holding_few_of_the_index_s_files_is_refused_while_its_own_is_there(tmp_path, bigram):
    """`studyqa index --seeds seeds/2021`, meant `--seeds seeds`: the records it lacks stay."""
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    write(seeds / "b.txt", RECORD_B)
    write(seeds / "2021" / "c.txt", RECORD_A.replace("2021年5月6日", "2021年9月9日"))
    build(seeds, index, bigram)
    with pytest.raises(StudyQAError, match=r"was built from .*seeds, and .*2021 lacks 3 of its 3 files .*nothing was changed"):
        build(seeds / "2021", index, bigram)
    assert len(PassageIndex.load(index).files) == 3
    # the folder moved (its old place gone): taken, as before
    moved = tmp_path / "records"
    seeds.rename(moved)
    report = build(moved, index, bigram)
    assert report.removed == [] and report.passages_embedded == 0


def test_a_file_whose_name_is_not_utf8_is_said_and_the_rest_indexed(tmp_path, bigram):
    """A GBK name unzipped on a UTF-8 system (`学习记录.txt` as GBK bytes): every build stopped at
    its end with a traceback, and a new index was left broken."""
    import os
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    gbk_name = "学习记录.txt".encode("gb18030")
    with open(os.path.join(os.fsencode(seeds), gbk_name), "w", encoding="utf-8") as out:
        out.write(RECORD_B)
    report = build(seeds, index, bigram)
    assert report.added == ["a.txt"] and report.passages_total == 2
    [problem] = report.problems
    assert "its name is not UTF-8" in problem.reason and "学习记录.txt" in problem.reason
    assert top(index, bigram, "垃圾分类").source == "a.txt"


def test_a_record_of_only_a_header_is_said_at_every_build_and_not_counted_added(tmp_path, bigram):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "a.txt", RECORD_A)
    write(seeds / "h.txt", "集中学习记录\n时间：2021年5月6日\n地点：三楼会议室\n")
    for _ in range(2):
        report = build(seeds, index, bigram)
        assert "h.txt" not in report.added and [p.source for p in report.problems] == ["h.txt"]
        assert "holds no text to index" in report.problems[0].reason


def test_studyqa_index_set_to_a_missing_folder_is_said_as_a_missing_index_given(tmp_path, monkeypatch):
    # it quietly built a new index there from the checkout's sample seeds; --index says it is missing
    from rag import IndexNotFound
    from rag.search import get_searcher
    monkeypatch.setenv("STUDYQA_INDEX", str(tmp_path / "typo"))
    with pytest.raises(IndexNotFound, match="no index at"):
        get_searcher().search("生物安全", k=1)
    assert not (tmp_path / "typo").exists()


def test_a_question_or_k_of_the_wrong_kind_is_said_in_words(tmp_path, bigram):
    from conftest import searcher_of_records_a_and_b
    searcher = searcher_of_records_a_and_b(tmp_path, bigram)
    with pytest.raises(TypeError, match=r"decode it first"):
        searcher.search("垃圾分类".encode("utf-8"))
    with pytest.raises(TypeError, match="not int"):
        searcher.search(5)
    for k in (-1, float("inf"), 2.5):
        with pytest.raises(ValueError, match="how many passages"):
            searcher.search("垃圾分类", k=k)
    assert searcher.search("垃圾分类", k=0) == [] and len(searcher.search("垃圾分类", k="2")) == 2


def test_an_index_path_that_is_a_file_says_so(tmp_path, bigram):
    # it said "Build it with: studyqa index --index FILE", which then failed
    from rag import IndexNotFound, PassageIndex
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(IndexNotFound, match="is a file, not an index folder"):
        PassageIndex.load(tmp_path / "notes.txt")


def test_the_commands_suggested_for_an_index_on_a_path_with_spaces_can_be_pasted(tmp_path):
    # `studyqa index --index /x/我的 索引/idx 1` pasted as printed failed: unrecognized arguments
    import shlex
    from rag.store import rebuild_command
    folder = tmp_path / "我的 索引" / "idx 1"
    assert shlex.split(rebuild_command(folder))[-1] == str(folder)
