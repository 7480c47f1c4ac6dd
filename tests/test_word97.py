"""Word 97-2003 `.doc` files (and `.wps` files WPS saves in that format), read through their piece
table (rag/word97.py). The fixtures in tests/data were saved as .doc by LibreOffice from .docx files
made with python-docx: a record with a header table and numbered headings followed by a second
record, an English page with a hyperlink field and a table with empty cells, and the record of
test_reliability.py whose headings are a Word numbered list (`一、` `（一）` that Word shows and the
text does not hold)."""
import os
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from conftest import write
from rag import Searcher, update_index
from rag.word97 import NotWord97, _lines, _main_text, _without_field_codes, doc_text

DATA = Path(__file__).parent / "data"


def test_the_main_text_line_by_line_with_the_header_table_as_fields():
    assert doc_text(DATA / "word97_record.doc").split("\n") == [
        "集中学习记录", "时间：2019年11月5日", "地点：支部活动室", "方式：集中学习", "学习主题：学习十九届四中全会公报",
        "学习内容：", "一、全会的主要成果",
        "全会审议通过了关于坚持和完善中国特色社会主义制度、推进国家治理体系和治理能力现代化若干重大问题的决定。",
        "二、贯彻落实的要求",
        "各级党组织要把学习宣传贯彻全会精神作为当前和今后一个时期的重大政治任务，Word 97 files keep this English too。",
        "集中学习记录", "时间：2019年12月3日", "地点：三楼会议室", "学习主题：垃圾分类工作", "学习内容：",
        "垃圾分类工作就是新时尚，要让垃圾分类成为居民的自觉行动和生活习惯。", ""]


def test_a_field_shows_its_result_and_a_row_its_cells():
    text = doc_text(DATA / "word97_fields_and_cells.doc")
    assert "See the link text here." in text and "HYPERLINK" not in text
    assert text.split("\n")[-2] == "Plain ASCII paragraph only."
    # fields nest; one without a separator shows nothing
    assert _without_field_codes("a\x13 PAGE \x15b\x13 HYPERLINK x\x14c\x13 REF\x14d\x15e\x15f") == "abcdef"
    assert _lines("时间\x072020年3月4日\x07地点\x07会议室\x07\x07正文。\r") == [
        "时间：2020年3月4日", "地点：会议室", "正文。", ""]


def test_word_numbered_lists_keep_the_numbers_word_shows():
    """The numbers of Word's own lists are counted from the document's list definitions (PlfLst,
    PlfLfo) and each paragraph's list and level (its PAPX), as for a .docx: the same lines."""
    assert doc_text(DATA / "word97_numbered.doc").split("\n")[5:] == [
        "一、关于理论武装", "（一）读原著学原文", "要坚持读原著、学原文、悟原理，把学习成果转化为推动工作的实际行动。",
        "二、关于调查研究", "要大兴调查研究之风，深入基层一线，听取群众意见，解决实际问题。",
        "1.每月至少开展一次调研，形成调研报告并在支部会上交流。", ""]
    # a document without lists reads as before
    assert "一、全会的主要成果" in doc_text(DATA / "word97_record.doc").split("\n")


def test_paragraph_marks_are_found_in_8_bit_and_utf_16_pieces():
    """Where each paragraph mark stands in the WordDocument stream (a paragraph's list properties
    are found by it): an 8-bit piece stores its place doubled, with bit 30 set."""
    word = b"\0" * 100 + b"ab\rc\r" + "一\r二".encode("utf-16-le")
    cps = struct.pack("<3I", 0, 5, 8)
    pieces = struct.pack("<HIH", 0, 0x40000000 | 200, 0) + struct.pack("<HIH", 0, 105, 0)
    clx = b"\x02" + struct.pack("<I", len(cps + pieces)) + cps + pieces
    assert _main_text(word, clx, 8) == ("ab\rc\r一\r二", [102, 104, 107])


def test_doc_and_wps_records_are_indexed_with_their_sessions(tmp_path, bigram):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    seeds.mkdir()
    shutil.copy(DATA / "word97_record.doc", seeds / "2019年学习记录.doc")
    shutil.copy(DATA / "word97_record.doc", seeds / "wps存档.wps")
    report = update_index(seeds, index, encoder=bigram, model=bigram.name, progress=None)
    assert sorted(report.added) == ["2019年学习记录.doc", "wps存档.wps"] and not report.problems
    searcher = Searcher(index, encoder=bigram)
    [hit] = searcher.search("学习宣传贯彻全会精神", k=1, source=".doc")
    assert (hit.date, hit.place, hit.topic, hit.heading) == ("2019-11-05", "支部活动室", "学习十九届四中全会公报",
                                                             "二、贯彻落实的要求")
    assert {row.date for row in searcher.sessions(source=".wps")} == {"2019-11-05", "2019-12-03"}


def test_files_that_are_not_word_97_say_why(tmp_path, bigram):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds / "text.doc", "集中学习记录，存成了 .doc")
    write(seeds / "rtf.doc", "{\\rtf1 集中学习记录\\par 时间：2021年9月1日\\par 学习内容：\\par 正文。}")     # (read: rag/rtf.py)
    write(seeds / "empty.wps", "")
    encrypted = seeds / "locked.doc"
    shutil.copy(DATA / "word97_record.doc", encrypted)
    import olefile
    with olefile.OleFileIO(str(encrypted), write_mode=True) as ole:
        word = bytearray(ole.openstream("WordDocument").read())
        struct.pack_into("<H", word, 0x0A, struct.unpack_from("<H", word, 0x0A)[0] | 0x0100)
        ole.write_stream("WordDocument", bytes(word))
    with pytest.raises(NotWord97, match="password-protected"):
        doc_text(encrypted)
    word95 = tmp_path / "word95.doc"
    shutil.copy(DATA / "word97_record.doc", word95)
    with olefile.OleFileIO(str(word95), write_mode=True) as ole:
        word = bytearray(ole.openstream("WordDocument").read())
        struct.pack_into("<H", word, 2, 0x0068)
        ole.write_stream("WordDocument", bytes(word))
    with pytest.raises(NotWord97, match="Word 6 or Word 95"):
        doc_text(word95)
    report = update_index(seeds, index, encoder=bigram, model=bigram.name, progress=None)
    reasons = {p.source: p.reason for p in report.problems}
    assert "not a Word 97-2003 document" in reasons["text.doc"] and "save it as .docx" in reasons["text.doc"]
    assert "rtf.doc" not in reasons
    assert "password-protected" in reasons["locked.doc"]
    assert reasons["empty.wps"] == "is empty"


def test_the_same_text_as_catdoc_reads():
    """Against a reference reader of Word 97 files (Debian's catdoc, installed by .ci/run): the same
    characters in the same order, whitespace and the `：` a header row gets aside."""
    if not shutil.which("catdoc"):
        if os.environ.get("CI"):
            pytest.fail("catdoc is missing in CI: .ci/run should have installed it")
        pytest.skip("catdoc is not installed (apt-get install catdoc)")
    path = DATA / "word97_record.doc"
    reference = subprocess.run(["catdoc", "-d", "utf-8", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.sub(r"[\s：]", "", doc_text(path)) == re.sub(r"[\s：]", "", reference)


def test_a_doc_upload_is_checked_like_any_other(tmp_path):
    from rag.uploads import UploadRejected, save_upload
    stored = save_upload(DATA / "word97_record.doc", "2019年学习记录.doc", tmp_path / "seeds")
    assert stored.name == "2019年学习记录.doc" and stored.read_bytes() == (DATA / "word97_record.doc").read_bytes()
    fake = write(tmp_path / "fake.doc", "集中学习记录，存成了 .doc")
    with pytest.raises(UploadRejected, match="not a Word 97-2003 document.*save it as .docx"):
        save_upload(fake, "另存的.doc", tmp_path / "seeds")
    # RTF saved as .doc is read (rag/rtf.py)
    rtf = write(tmp_path / "rtf.doc", "{\\rtf1 集中学习记录\\par 时间：2021年9月1日\\par 学习内容：\\par 正文。}")
    assert save_upload(rtf, "另存的.doc", tmp_path / "seeds").name == "另存的.doc"
