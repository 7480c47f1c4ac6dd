"""PDF records (rag/pdf.py): lines placed on pages joined back into paragraphs. The fixtures
tests/data/pdf_record.pdf and pdf_two_columns.pdf were exported by LibreOffice from python-docx
records (tests/data/make_pdf_record.py, make_pdf_columns.py; fonts embedded as subsets); the other PDFs are drawn here with
reportlab's built-in Chinese font (not embedded, its characters named through a standard CMap),
line by line where each test needs them."""
import importlib.util
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from conftest import RECORD_A, write
from rag import Searcher, update_index
from rag.pdf import PdfLine, paragraphs, without_page_furniture
from rag.records import UnreadableFile, parse_sessions, read_record, read_text_file

DATA = Path(__file__).parent / "data"
SIZE = 12          # points: a character's width and height in reportlab's STSong-Light
LEFT, RIGHT = 72, 72 + 36 * SIZE     # a body 36 characters wide
PAGE_HEIGHT = 842


def draw_pdf(path: Path, pages: list[list[tuple]], encrypt: str | None = None) -> Path:
    """A PDF whose pages hold (x, y, text) lines (y from the top) in STSong-Light 12 pt; a page
    given as "image" holds only a drawn shape, as a scan's pages hold no text."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    page = canvas.Canvas(str(path), pagesize=(595, PAGE_HEIGHT), encrypt=encrypt)
    for lines in pages:
        if lines == "image":
            page.rect(100, 100, 300, 500, fill=1)
            lines = []
        for x, y, text in lines:
            page.setFont("STSong-Light", SIZE)
            page.drawString(x, PAGE_HEIGHT - y, text)
        page.showPage()
    page.save()
    return path


def wrapped(text: str, first_y: int, indent: bool = True) -> list[tuple]:
    """A paragraph as a page sets it: the first line indented two characters, 36 a line."""
    lines, y, width = [], first_y, 34 if indent else 36
    x = LEFT + 2 * SIZE if indent else LEFT
    while text:
        lines.append((x, y, text[:width]))
        text, y, x, width = text[width:], y + 18, LEFT, 36
    return lines


PARAGRAPH_1 = ("习近平强调，要健全统一的应急物资保障体系，把应急物资保障作为国家应急管理体系建设的重要内容，按照集中管理、"
               "统一调拨、平时服务、灾时应急、采储结合、节约高效的原则，尽快健全相关工作机制和应急预案。")
PARAGRAPH_2 = "要优化重要应急物资产能保障和区域布局，做到关键时刻调得出、用得上。"


def test_the_fixture_reads_as_the_document_it_was_exported_from():
    spec = importlib.util.spec_from_file_location("make_pdf_record", DATA / "make_pdf_record.py")
    maker = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(maker)
    text = read_text_file(DATA / "pdf_record.pdf")
    # the running header and the `- 1 -` page numbers are gone; the table's rows are fields; the
    # paragraph that goes on over the page break is one line; `“十三五”` (its quote marks drawn in
    # another font) and the English words keep their places and spaces
    assert text.split("\n") == (["集中学习记录"] + [f"{label}：{value}" for label, value in maker.HEADER]
                                + ["学习内容："] + [line for _, line in maker.BODY])
    [session] = parse_sessions(text, "学习记录.pdf")
    assert (session.date, session.place, session.topic) == ("2020-03-04", "QQ线上", "完善重大疫情防控体制机制")


def test_a_page_in_two_columns_reads_each_column_in_turn():
    # tests/data/pdf_two_columns.pdf (make_pdf_columns.py): title, header and heading across the
    # page, the text in two columns over two pages; read row by row, each row would join a line of
    # the left column to one of the right
    spec = importlib.util.spec_from_file_location("make_pdf_columns", DATA / "make_pdf_columns.py")
    maker = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(maker)
    text = read_text_file(DATA / "pdf_two_columns.pdf")
    assert text.split("\n") == ["集中学习记录", *maker.HEADER, maker.HEADING, *maker.body_paragraphs()]
    [session] = parse_sessions(text, "求是文章.pdf")
    assert (session.date, session.place) == ("2020-03-04", "QQ线上")


def in_columns(paragraphs: list[str], count: int, width: int, left: float, gap: float, top: int,
               lowered: tuple[int, int] = (0, 0)) -> list[tuple]:
    """Paragraphs set as a newspaper page sets them: `count` columns `width` characters wide, `gap`
    points apart, each paragraph opening two characters in, and flowing from the foot of one
    column to the head of the next. `lowered`: (column, lines) that column (0 the first) starts so
    many lines lower, under a picture."""
    rows = []                      # (indented, text) a printed line
    for paragraph in paragraphs:
        text, room = paragraph, width - 2
        while text:
            rows.append((room < width, text[:room]))
            text, room = text[room:], width
    per_column = -(-len(rows) // count)
    lines = []
    for number, (indented, text) in enumerate(rows):
        column, row = divmod(number, per_column)
        x = left + column * (width * SIZE + gap) + (2 * SIZE if indented else 0)
        lines.append((x, top + 18 * (row + (lowered[1] if column == lowered[0] else 0)), text))
    return lines


def newspaper_page(path: Path, count: int, width: int, left: float,
                   lowered: tuple[int, int] = (0, 0)) -> tuple[Path, list[str]]:
    """A newspaper page printed for a session, drawn: the title centred and three header fields
    over the seed's first five paragraphs of its 2020-03-04 record, set in `count` columns `width`
    characters wide (in_columns); and the lines it should read as."""
    spec = importlib.util.spec_from_file_location("make_pdf_columns", DATA / "make_pdf_columns.py")
    maker = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(maker)
    paragraphs, fields = maker.body_paragraphs(5), maker.HEADER[:3]
    page = [(250, 50, "集中学习记录")] + [(left, 80 + 18 * i, field) for i, field in enumerate(fields)]
    page += in_columns(paragraphs, count, width, left, 1.5 * SIZE, 150, lowered)
    return draw_pdf(path, [page]), ["集中学习记录", *fields, *paragraphs]


COLUMN_LAYOUTS = [(3, 13, 60, (0, 0)), (4, 10, 40, (0, 0)),      # columns, characters wide, left margin
                  (3, 13, 60, (0, 8)), (3, 13, 60, (2, 8)), (4, 10, 40, (3, 8))]   # (column, lines) lower


@pytest.mark.parametrize("count, width, left, lowered", COLUMN_LAYOUTS)
def test_a_page_in_three_or_four_columns_reads_each_column_in_turn(tmp_path, count, width, left, lowered):
    # each side of the gutter found first is split again; the title, centred, crosses no gutter
    # (it stands within the middle column of three) and comes first all the same; a column
    # starting lower (under a picture) leaves the others' first lines theirs
    pdf, want = newspaper_page(tmp_path / "报纸.pdf", count, width, left, lowered)
    assert read_text_file(pdf).split("\n") == want


def test_a_pdf_record_is_indexed_and_found_with_its_session(tmp_path, bigram):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    seeds.mkdir()
    shutil.copy(DATA / "pdf_record.pdf", seeds / "2020年3月学习.pdf")
    report = update_index(seeds, index, encoder=bigram, model=bigram.name, progress=None)
    assert report.added == ["2020年3月学习.pdf"] and not report.problems
    [hit] = Searcher(index, encoder=bigram).search("减轻困难群众就医就诊后顾之忧", k=1)
    assert (hit.source, hit.date, hit.place, hit.heading) == ("2020年3月学习.pdf", "2020-03-04", "QQ线上",
                                                              "二、健全统一的应急物资保障体系")
    assert hit.text.startswith("习近平指出，要健全重大疾病医疗保险") and hit.text.endswith("后顾之忧。")
    # a PDF is cited by its pages: this paragraph starts on page 1 and goes on over the break; the
    # last one stands on page 2
    [last] = Searcher(index, encoder=bigram).search("十三五规划收官之年", k=1)
    assert (hit.page, last.page) == (1, 2) and last.where == f"2020年3月学习.pdf:{last.line} (第2页 page 2)"
    from rag.export import hits_markdown
    from ui.app import render_hits
    assert "文件 file：2020年3月学习.pdf 第2页 page" in hits_markdown("问", [last.to_dict()])
    assert "<span>文件 2020年3月学习.pdf 第2页</span>" in render_hits([last])


def test_paragraphs_go_on_over_a_page_break_and_page_furniture_goes(tmp_path):
    first = wrapped(PARAGRAPH_1, 120)
    # `集 中 学 习 记 录` set wide, one character at a time, is a title, not six table cells
    page_1 = [(200 + 3 * SIZE * i, 60, ch) for i, ch in enumerate("集中学习记录")]
    page_1 += [(LEFT, 90, "时间：2021年5月6日")] + first[:2]
    page_2 = [(x, 80 + 18 * i, text) for i, (x, _, text) in enumerate(first[2:])]
    page_2 += wrapped(PARAGRAPH_2, 80 + 18 * len(first[2:]))
    for number, page in enumerate([page_1, page_2], start=1):      # a running header, page numbers
        page += [(LEFT, 40, "中共示例支部委员会"), (280, 810, f"第 {number} 页 共 2 页")]
    text = read_text_file(draw_pdf(tmp_path / "r.pdf", [page_1, page_2]))
    assert text.split("\n") == ["集中学习记录", "时间：2021年5月6日", PARAGRAPH_1, PARAGRAPH_2]


def test_a_form_row_gives_its_fields_and_a_wider_gap_ends_a_paragraph(tmp_path):
    form = [(LEFT, 90, "时间"), (LEFT + 8 * SIZE, 90, "2021年5月6日"), (LEFT + 18 * SIZE, 90, "地点"),
            (LEFT + 26 * SIZE, 90, "三楼会议室")]
    # paragraphs set flush left, a wider gap between them; the first's last line ends at the edge
    two_lines = PARAGRAPH_1[:72]
    lines = wrapped(two_lines, 130, indent=False) + wrapped(PARAGRAPH_2, 130 + 2 * 18 + 10, indent=False)
    text = read_text_file(draw_pdf(tmp_path / "r.pdf", [[(250, 60, "集中学习记录")] + form + lines]))
    assert text.split("\n") == ["集中学习记录", "时间：2021年5月6日", "地点：三楼会议室", two_lines, PARAGRAPH_2]


def test_latin_words_keep_their_spaces_and_chinese_gets_none(tmp_path):
    text = read_text_file(draw_pdf(tmp_path / "r.pdf", [[(LEFT, 100, "2020年GDP growth 6.1%，比上年回落。")]]))
    assert text == "2020年GDP growth 6.1%，比上年回落。"


def test_a_headline_under_a_paragraph_that_filled_its_last_line_is_its_own(tmp_path):
    # news items printed flush left: the paragraph's last line ends a sentence at the right edge,
    # the headline under it ends short, without punctuation; a paragraph's own short last line
    # ends in punctuation and goes on
    filled = PARAGRAPH_1[:71] + "。"                       # two full lines, the second ending `。`
    headline = "“五一”假期将至 旅游市场大幅升温"
    lines = wrapped(filled, 100, indent=False) + [(LEFT, 136, headline)]
    lines += wrapped(PARAGRAPH_2, 154, indent=False)
    text = read_text_file(draw_pdf(tmp_path / "r.pdf", [[(250, 60, "集中学习记录")] + lines]))
    assert text.split("\n") == ["集中学习记录", filled, headline, PARAGRAPH_2]


def scanned(pdf: Path, out: Path, dpi: int = 150) -> Path:
    """A scan of `pdf`: its pages rendered as images (pdftoppm) and put in a PDF that holds only them."""
    import subprocess
    from reportlab.pdfgen import canvas

    pages = Path(tempfile.mkdtemp())        # not beside it: an image in the seeds is a record too
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), str(pages / "scan")], check=True)
    page = canvas.Canvas(str(out), pagesize=(595, PAGE_HEIGHT))
    for image in sorted(pages.glob("scan-*.png")):
        page.drawImage(str(image), 0, 0, width=595, height=PAGE_HEIGHT)
        page.showPage()
    page.save()
    return out


def needs_ocr():
    from rag.ocr import missing_tools
    if missing_tools():
        if os.environ.get("CI"):
            pytest.fail(f"{missing_tools()} missing in CI: .ci/run should have installed them")
        pytest.skip(f"OCR needs {' '.join(missing_tools())} (apt-get install)")


def test_a_scanned_record_is_read_by_ocr(tmp_path, bigram):
    """The fixture's pages as images only, as a scanner makes them: Tesseract reads them, and the
    same rules as for a PDF's text join its lines (the page numbers and the running header go)."""
    import difflib
    needs_ocr()
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    scan = scanned(DATA / "pdf_record.pdf", seeds / "扫描件.pdf")
    want = read_text_file(DATA / "pdf_record.pdf").split("\n")
    got = read_text_file(scan).split("\n")
    # every field and paragraph a line of its own, nearly every character right
    assert len(got) == len(want) and got[:2] == ["集中学习记录", "时间：2020年3月4日"]
    similar = difflib.SequenceMatcher(a="".join(want), b="".join(got), autojunk=False).ratio()
    assert similar > 0.97, (similar, got)
    # the build shows its progress page by page, OCR taking seconds a page (read afresh here: an
    # upload's check and its build share one reading)
    import rag.records
    rag.records._PDFS_READ.clear()
    told = []
    update_index(seeds, tmp_path / "index", encoder=bigram, model=bigram.name,
                 progress=lambda stage, done, total: told.append((stage, done, total)))
    assert [t for t in told if "OCR" in t[0]] == [("reading 扫描件.pdf by OCR, pages", 1, 2),
                                                  ("reading 扫描件.pdf by OCR, pages", 2, 2)]
    [hit] = Searcher(tmp_path / "index", encoder=bigram).search("减轻困难群众就医就诊后顾之忧", k=1)
    assert (hit.source, hit.date, hit.place, hit.page) == ("扫描件.pdf", "2020-03-04", "QQ线上", 1)


def test_a_scan_in_two_columns_is_read_column_by_column(tmp_path):
    """The two-column fixture scanned: Tesseract reads each column apart (read as one column, it
    joins the two columns' lines and misreads the characters either side of the gutter)."""
    import difflib
    needs_ocr()
    want = read_text_file(DATA / "pdf_two_columns.pdf").split("\n")
    got = read_text_file(scanned(DATA / "pdf_two_columns.pdf", tmp_path / "扫描件.pdf")).split("\n")
    assert len(got) == len(want) and got[0] == "集中学习记录"
    similar = difflib.SequenceMatcher(a="".join(want), b="".join(got), autojunk=False).ratio()
    assert similar > 0.97, (similar, got)


@pytest.mark.parametrize("count, width, left, lowered", COLUMN_LAYOUTS)
def test_a_scan_in_three_or_four_columns_is_read_column_by_column(tmp_path, count, width, left, lowered):
    """A newspaper page in narrow columns, scanned: each side of the first gutter is split again, and
    the title centred over the columns (inking no gutter) comes first, also where a column starts
    lower. Read with two columns only, the lines of two columns were joined row by row
    (similarity about 0.7)."""
    import difflib
    needs_ocr()
    pdf, want = newspaper_page(tmp_path / "报纸.pdf", count, width, left, lowered)
    got = read_text_file(scanned(pdf, tmp_path / "扫描件.pdf")).split("\n")
    assert len(got) == len(want) and got[0] == "集中学习记录"
    similar = difflib.SequenceMatcher(a="".join(want), b="".join(got), autojunk=False).ratio()
    assert similar > 0.97, (similar, got)


def test_an_image_of_a_record_is_read_by_ocr(tmp_path):
    """A scan saved as an image (a TIFF's pages each a page, a paragraph going on over the break);
    an image without Chinese text (a photo, a logo) and a damaged one are refused, saying why."""
    import difflib
    import subprocess
    from PIL import Image
    needs_ocr()
    subprocess.run(["pdftoppm", "-r", "150", "-gray", "-png", str(DATA / "pdf_record.pdf"), str(tmp_path / "p")],
                   check=True)
    first, second = (Image.open(tmp_path / f"p-{n}.png") for n in (1, 2))
    first.save(tmp_path / "记录.tif", save_all=True, append_images=[second])
    want = [line for line in read_text_file(DATA / "pdf_record.pdf").split("\n") if len(line) > 30]
    record = read_record(tmp_path / "记录.tif")
    got = [line for line in record.text.split("\n") if len(line) > 30]
    assert len(got) == len(want) and record.pages[-1] == 2
    similar = difflib.SequenceMatcher(a="".join(want), b="".join(got), autojunk=False).ratio()
    assert similar > 0.97, (similar, got)
    Image.new("L", (800, 600), 255).save(tmp_path / "风景.jpg")
    (tmp_path / "坏的.png").write_bytes(b"\x89PNG\r\n\x1a\n broken")
    with pytest.raises(UnreadableFile, match="no Chinese text that OCR could find"):
        read_text_file(tmp_path / "风景.jpg")
    with pytest.raises(UnreadableFile, match="could not be read"):
        read_text_file(tmp_path / "坏的.png")


def test_files_that_hold_no_readable_text_say_why(tmp_path, bigram, monkeypatch):
    import rag.ocr
    # on a machine without OCR, a scan says what to install
    monkeypatch.setattr(rag.ocr, "missing_tools", lambda for_pdf=True: ["tesseract-ocr-chi-sim"])
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    draw_pdf(seeds / "扫描件.pdf", ["image", "image"])
    draw_pdf(seeds / "加密.pdf", [[(LEFT, 100, "集中学习记录")]], encrypt="secret")
    write(seeds / "damaged.pdf", "%PDF-1.4\n1 0 obj << /Type /Catalog >>\ntrailer\n")
    write(seeds / "empty.pdf", "")
    write(seeds / "照片.jpg", "\xff\xd8\xff")
    write(seeds / "a.txt", RECORD_A)
    # fonts that do not map their glyphs back to characters: the text would be `(cid:123)`s
    unmapped = (DATA / "pdf_record.pdf").read_bytes().replace(b"/ToUnicode", b"/ToUnicodX")
    (seeds / "unmapped.pdf").write_bytes(unmapped)
    for name, reason in [("扫描件.pdf", "a scan"), ("加密.pdf", "password-protected"),
                         ("damaged.pdf", "damaged PDF"), ("empty.pdf", "is empty"),
                         ("unmapped.pdf", "fonts that do not say which characters they draw")]:
        with pytest.raises(UnreadableFile, match=reason):
            read_text_file(seeds / name)
    report = update_index(seeds, tmp_path / "index", encoder=bigram, model=bigram.name, progress=None)
    reasons = {p.source: p.reason for p in report.problems}
    assert "apt-get install tesseract-ocr-chi-sim" in reasons["扫描件.pdf"]
    assert "is an image" in reasons["照片.jpg"] and "apt-get install tesseract-ocr-chi-sim" in reasons["照片.jpg"]
    assert "save a copy without the password" in reasons["加密.pdf"]
    assert "save the record as .docx" in reasons["damaged.pdf"]
    # the page's Index tab names the files not read, with why
    from ui.app import index_stats
    stats = index_stats(tmp_path / "index")
    assert "**6** 个文件未能读取 file(s) not read: `damaged.pdf` is a damaged PDF" in stats and "… 3 more" in stats


def test_a_pdf_upload_is_checked_like_any_other(tmp_path):
    from rag.uploads import UploadRejected, save_upload
    stored = save_upload(DATA / "pdf_record.pdf", "学习记录.pdf", tmp_path / "seeds")
    assert stored.read_bytes() == (DATA / "pdf_record.pdf").read_bytes()
    blank = draw_pdf(tmp_path / "scan.pdf", ["image"])     # an image with no text on it
    with pytest.raises(UploadRejected, match="a scan"):
        save_upload(blank, "扫描件.pdf", tmp_path / "seeds")


def line(text, x0=LEFT, x1=None, top=100.0, page=1, size=SIZE):
    x1 = x0 + len(text) * size if x1 is None else x1
    return PdfLine(text, page, x0, x1, top, top - size, size)


def test_paragraphs_from_where_lines_stand():
    full = "一" * 36
    assert paragraphs([]) == []
    # runs to the edge and the next is flush left: one paragraph
    assert paragraphs([line(full, top=100), line("二。", top=82)]) == [full + "二。"]
    # the next is indented two characters: a new paragraph
    assert paragraphs([line(full, top=100), line("三" * 20, x0=LEFT + 2 * SIZE, top=82), line(full, top=64)]) == [
        full, "三" * 20, full]
    # a line ending short ends its paragraph
    assert paragraphs([line(full, top=100), line("四" * 10, top=82), line("五" * 36, top=64)]) == [
        full + "四" * 10, "五" * 36]
    # a line of another size (a heading set larger) stands alone
    assert paragraphs([line(full, top=100), line("六" * 30, top=80, size=16, x1=RIGHT)]) == [full, "六" * 30]
    # a table row's cells give fields
    row = PdfLine("学习主题\t乡村振兴", 1, LEFT, RIGHT, 120, 108, SIZE, ("学习主题", "乡村振兴"))
    assert paragraphs([row, line(full, top=100)]) == ["学习主题：乡村振兴", full]


def test_a_line_that_line_breaking_ended_short_goes_on(tmp_path):
    """A ragged right edge: `“疫”` may not be split, so it went whole to the next line and the line
    before ended three characters short; the paragraph goes on. A space the page draws between
    Chinese words is kept."""
    first, short, carried, last = "甲" * 34, "乙" * 33, "“疫”" + "丙" * 33, "丁" * 10 + "。"
    lines = [(LEFT + 2 * SIZE, 100, first), (LEFT, 118, short), (LEFT, 136, carried), (LEFT, 154, last),
             (LEFT + 2 * SIZE, 172, "习近平强调 完善重大疫情防控体制机制。")]
    text = read_text_file(draw_pdf(tmp_path / "r.pdf", [lines]))
    assert text.split("\n") == [first + short + carried + last, "习近平强调 完善重大疫情防控体制机制。"]
    # without the carried quote, a line ending three characters short ends its paragraph
    lines[2] = (LEFT, 136, "丙" * 36)
    assert read_text_file(draw_pdf(tmp_path / "r.pdf", [lines])).split("\n")[:2] == [first + short, "丙" * 36 + last]


def test_a_body_line_at_the_foot_of_some_pages_is_no_footer():
    lines, heights = [], [842.0] * 6
    for page in range(1, 7):
        lines.append(PdfLine("一" * 36, page, LEFT, RIGHT, 700, 688, SIZE))
        if page in (1, 3):      # a paragraph's last line that ends two of six pages: the same text twice
            lines.append(PdfLine("并深入基层与干部群众互动交流。", page, LEFT, LEFT + 15 * SIZE, 70, 58, SIZE))
        lines.append(PdfLine("中共示例支部委员会", page, LEFT, LEFT + 9 * SIZE, 50, 38, SIZE))
        lines.append(PdfLine(f"- {page} -", page, 290, 320, 30, 18, SIZE))
    kept = without_page_furniture(lines, heights)
    assert [line.text for line in kept if line.page in (1, 2)] == ["一" * 36, "并深入基层与干部群众互动交流。", "一" * 36]


def test_each_page_has_its_own_margins():
    """A scanner sets each page a little aside (here the second 28 points right, more than a
    paragraph's indent): a page's lines are measured against its own left and right edges."""
    def page_of(number, shift):
        lines = [line("甲" * 34, x0=LEFT + shift + 2 * SIZE, top=700, page=number)]
        lines += [line("乙" * 36, x0=LEFT + shift, top=700 - 18 * i, page=number) for i in range(1, 8)]
        return lines + [line("丙" * 10 + "。", x0=LEFT + shift, top=700 - 18 * 8, page=number)]
    paragraph = "甲" * 34 + "乙" * 36 * 7 + "丙" * 10 + "。"
    assert paragraphs(page_of(1, 0) + page_of(2, 28)) == [paragraph, paragraph]


def test_a_form_with_values_typed_close_to_their_labels_gives_its_fields(tmp_path):
    """| 时间 | 2020年3月4日 | with the value a character's width from the label's cell (under
    the gap that parts a table's cells): the fields were read as `时间2020年3月4日`, no field."""
    form = [(LEFT, 90, "时间"), (LEFT + 3 * SIZE, 90, "2021年5月6日"), (LEFT + 18 * SIZE, 90, "地点"),
            (LEFT + 21 * SIZE, 90, "三楼会议室")]
    text = read_text_file(draw_pdf(tmp_path / "r.pdf", [[(250, 60, "集中学习记录")] + form +
                                                        wrapped(PARAGRAPH_2, 130)]))
    assert text.split("\n") == ["集中学习记录", "时间：2021年5月6日", "地点：三楼会议室", PARAGRAPH_2]


@pytest.mark.parametrize("left, right", [("集中学习记录", "第{n}页"), ("中共示例支部委员会", "第 {n} 页 共 3 页")])
def test_a_running_header_or_footer_with_the_page_number_beside_it_goes(tmp_path, left, right):
    """`集中学习记录 … 第2页` at the top of each page split one record into several undated ones;
    `中共某支部 … 第 1 页 共 4 页` at the foot broke each paragraph at the page's end."""
    first = wrapped(PARAGRAPH_1 * 2, 120)
    pages = [[(200, 60, "集中学习记录"), (LEFT, 90, "时间：2021年5月6日")] + first[:3], first[3:6], first[6:]]
    pages = [[(x, 80 + 18 * i if n else y, text) for i, (x, y, text) in enumerate(page)]
             if n else page for n, page in enumerate(pages)]
    for n, page in enumerate(pages, start=1):
        page += [(LEFT, 30, left), (LEFT + 30 * SIZE, 30, right.format(n=n))]
    text = read_text_file(draw_pdf(tmp_path / "r.pdf", pages))
    assert text.split("\n") == ["集中学习记录", "时间：2021年5月6日", PARAGRAPH_1 * 2]
    assert len(parse_sessions(text, "r.pdf")) == 1


def test_an_image_is_read_upright_and_on_white():
    """A phone photo saved sideways (EXIF orientation 6) was read sideways, and a transparent PNG
    turned all black: both were refused as holding no text."""
    from PIL import Image, ImageOps

    from rag.ocr import upright_on_white
    clear = Image.new("RGBA", (40, 20), (0, 0, 0, 0))
    clear.putpixel((5, 5), (0, 0, 0, 255))                  # one black dot of "text"
    grey = upright_on_white(clear, ImageOps)
    assert grey.mode == "L" and grey.getpixel((0, 0)) == 255 and grey.getpixel((5, 5)) == 0
    sideways = Image.new("RGB", (40, 20), "white")
    exif = sideways.getexif()
    exif[0x0112] = 6                                         # Orientation: rotate 90° to view
    path = Path(tempfile.mkdtemp()) / "photo.jpg"
    sideways.save(path, exif=exif)
    with Image.open(path) as photo:
        assert upright_on_white(photo, ImageOps).size == (20, 40)


def test_a_docx_named_doc_or_wps_is_read_as_the_docx_it_is(tmp_path):
    import docx
    document = docx.Document()
    for line in ("集中学习记录", "时间：2020年3月4日", "学习内容：", PARAGRAPH_2):
        document.add_paragraph(line)
    for suffix in (".doc", ".wps"):
        document.save(str(tmp_path / f"a{suffix}"))
        assert read_text_file(tmp_path / f"a{suffix}").split("\n")[-1] == PARAGRAPH_2
