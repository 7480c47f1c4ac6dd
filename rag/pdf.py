"""PDF records (a Word or WPS file exported to PDF, a downloaded notice) as text lines.

A PDF holds no paragraphs, only characters placed on pages. pdfminer.six gives each character and
where it stands; they are set back into lines, and the lines joined into paragraphs the way a
reader sees them: a line that runs to the right margin goes on in the next one, unless that one is
indented (the two characters a Chinese paragraph opens with), set in another size or set apart by
a wider gap. A page set in columns is read column by column. Page numbers and running
headers are left out, and a table row's cells are read as header fields where they are
(| 时间 | 2020年3月4日 | -> `时间：2020年3月4日`, as in .docx). Scans (pages that are images) are
read by OCR (rag/ocr.py) where the machine has the tools."""
from __future__ import annotations

import itertools
import logging
import re
import statistics
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from . import zh

# A gap wider than this many character sizes splits a row into cells (a table, a form).
CELL_GAP = 2.0
# ...and a narrower one after a field's label (`| 时间 | 2020年3月4日 |` with the value typed close to
# the label's cell: a character's width or less)
LABEL_GAP = 0.5
# A line starting further right than the body's left edge by this many character sizes is
# indented: a paragraph's first line (two full-width spaces), a centred title.
INDENT = 0.5
# A line ending short of the right edge by more than this many character sizes ends its paragraph.
SHORT_BY = 1.5
# Page numbers and running headers stand in the top and bottom this share of the page.
MARGIN_BAND = 0.12


# An image holding fewer Chinese characters than this is no record: a photo of the session kept
# beside its record (a banner reads `学习贯彻党的二十大精神`), a logo. A record's page holds hundreds.
MIN_IMAGE_CHARS = 50
# A character whose font does not say which one it is (pdfminer writes `(cid:123)`).
_UNDECODABLE = "\ufffd"
# pdfminer logs each flaw of a damaged file it reads past; the build reports what matters.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


class NotReadablePdf(ValueError):
    """The PDF has no text this reader can take, with the reason in words."""


@dataclass
class PdfLine:
    """One line as the page shows it: its text, page, left and right edges, top and bottom (PDF
    units, y growing upwards) and character size."""
    text: str
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    cells: tuple = ()       # a table row's or form's cells, left to right, when it is one
    # how wide its first characters that a line break cannot split are (`“疫”`): when the line
    # before ends shorter than that, they did not fit there, and the paragraph goes on
    opening_width: float = 0.0
    # on a page set in columns, the column it stands in (1 the leftmost, then 2, 3…; 0: across them)
    column: int = 0


def pdf_text(path: Path, progress=None) -> tuple[str, list[int]]:
    """The text of a PDF, a line per paragraph (and per table row's field), and the page each of
    those lines starts on. `progress(pages done, pages)`: how OCR of a scan goes, if it is one."""
    lines, page_heights = _layout_lines(path)
    indent = INDENT
    if not any(line.text.strip() for line in lines):
        from .ocr import OCR_INDENT
        lines, page_heights = _scanned_lines(path, progress)
        indent = OCR_INDENT
    undecodable = sum(line.text.count(_UNDECODABLE) for line in lines)
    if undecodable > 0.3 * sum(len(line.text) for line in lines):
        raise NotReadablePdf("uses fonts that do not say which characters they draw, so its text "
                             "cannot be read; save the record from Word or WPS as .docx")
    return _joined(lines, page_heights, indent)


def image_text(path: Path, progress=None) -> tuple[str, list[int]]:
    """An image of a record (a scan or photo saved as .png, .jpg or .tif) read by OCR, its lines
    joined as a scanned PDF's are, and the page each line starts on (a TIFF may hold several)."""
    from .ocr import OCR_INDENT, image_lines

    lines, heights = _by_ocr(image_lines, path, progress, "is an image (a scan or photo of a record?)",
                             for_pdf=False)
    if zh.chinese_characters("".join(line.text for line in lines)) < MIN_IMAGE_CHARS:
        raise NotReadablePdf("is an image with no Chinese text that OCR could find, or too little for a "
                             "record (a photo of the session, a logo?); records are indexed from their text")
    return _joined(lines, heights, OCR_INDENT)


def _scanned_lines(path: Path, progress=None) -> tuple[list[PdfLine], list[float]]:
    """A scan's lines, read by OCR (rag/ocr.py) where this machine has the tools for it."""
    from .ocr import ocr_lines

    lines, heights = _by_ocr(ocr_lines, path, progress, "holds no text: its pages are images (a scan)")
    if not any(line.text.strip() for line in lines):
        raise NotReadablePdf("holds no text: its pages are images (a scan), and OCR found no text on them")
    return lines, heights


def _by_ocr(read_lines, path: Path, progress, what: str, for_pdf: bool = True):
    """`read_lines(path, progress)` (rag/ocr.py), or why not in words: the tools to install where
    they are missing, what failed where they are there. `what` says what the file is."""
    from .ocr import missing_tools

    missing = missing_tools(for_pdf)
    if missing:
        raise NotReadablePdf(f"{what}. To have it read by OCR, install {' '.join(missing)} (Debian: "
                             f"apt-get install {' '.join(missing)}) and index again; or save the record "
                             f"from Word or WPS as .docx")
    try:
        return read_lines(path, progress)
    except (OSError, ValueError, subprocess.SubprocessError) as exc:    # Pillow: OSError on a damaged image
        detail = getattr(exc, "stderr", None) or exc
        raise NotReadablePdf(f"{what}, and it could not be read ({str(detail).strip()[:200]})") from exc


def _joined(lines: list[PdfLine], heights: list[float], indent: float) -> tuple[str, list[int]]:
    """The lines less page furniture, joined into paragraphs: the text, and each line's page."""
    read = paragraphs_on_pages(without_page_furniture(lines, heights), indent)
    return "\n".join(text for text, _ in read).replace(_UNDECODABLE, ""), [page for _, page in read]


def _layout_lines(path: Path) -> tuple[list[PdfLine], list[float]]:
    """Every text line of every page, top to bottom, built from the characters where they stand:
    pdfminer's own lines put a quote mark of another font (`“十三五”`) in a line of its own."""
    from pdfminer.high_level import extract_pages

    lines: list[PdfLine] = []
    heights: list[float] = []
    for number, page in enumerate(extract_pages(str(path)), start=1):
        heights.append(page.height)
        lines.extend(_in_reading_order(list(_chars(page)), number))
    return lines, heights


# Two columns: the gutter between them is sought in the middle of the text's width, where no more
# characters stand than this share of those at the columns' own middles (a title or heading set
# across the page crosses it)...
GUTTER_SHARE = 0.25
# ...and it is at least this many character sizes wide; each column holds at least this share of
# the page's characters.
GUTTER_WIDTH = 0.8
COLUMN_SHARE = 0.25
# A page's text narrower than this many characters is one column; a side of a gutter, narrower than
# this many (two columns of six characters and a gutter)
PAGE_WIDTH, SIDE_WIDTH = 20, 13


def _in_reading_order(chars: list, page: int, numbers=None) -> list[PdfLine]:
    """A page's lines as a reader takes them. On a page set in columns (a 《求是》 or newspaper
    article printed for a session) that is, between the lines set across the page (title, header,
    headings), the left column top to bottom, then the next: read row by row, each row would join
    the columns' lines. Each side of a gutter is read the same way, so a page of three or more
    columns (a newspaper page) is split gutter by gutter. `numbers`: where the columns of a side
    are numbered from (a page's own columns count from 1 on the left, anew below each line set
    across the page)."""
    # a side of a gutter may be two narrow columns (a newspaper's run 9-14 characters wide)
    gutter = _gutter(chars, SIDE_WIDTH if numbers is not None else PAGE_WIDTH)
    if gutter is None:
        lines = _rows(chars, page)
        if numbers is not None:          # one column of a page in columns
            number = next(numbers)
            for line in lines:
                line.column = number
        return lines
    size = statistics.median(c.size for c in chars if c.get_text().strip())
    across = [(c.y0, c.y1) for c in chars if c.get_text().strip()
              and c.x0 < gutter + 0.4 * size and c.x1 > gutter - 0.4 * size]
    bands: list[list[float]] = []          # the heights of the lines set across the gutter, merged
    for low, high in sorted(across):
        if bands and low <= bands[-1][1]:
            bands[-1][1] = max(bands[-1][1], high)
        else:
            bands.append([low, high])

    def middle(c) -> float:
        return (c.y0 + c.y1) / 2

    def in_band(c) -> bool:
        return any(low <= middle(c) <= high for low, high in bands)

    lines, above = [], float("inf")
    for low, high in sorted(bands, key=lambda band: -band[1]) + [[float("-inf"), float("-inf")]]:
        between = [c for c in chars if high < middle(c) < above and not in_band(c)]
        sides = ([c for c in between if (c.x0 + c.x1) / 2 < gutter],
                 [c for c in between if (c.x0 + c.x1) / 2 >= gutter])
        # over three or more columns (a side has a gutter of its own), what stands above their
        # first row (text on both sides of the gutter) is set across them though it crosses no
        # gutter: a title centred over three columns stands within the middle one, a header's
        # short lines within the first. (Over two, a title crosses the gutter; text on one side
        # only is that column's, which may start lower than the other, under a picture.)
        top = _first_row_of_both(*sides)
        if top is not None and any(_gutter(side, SIDE_WIDTH) is not None for side in sides):
            across_from = _above_columns([c for c in between if middle(c) > top + size / 2], top + size / 2,
                                         size, page)
            if across_from is not None:
                lines.extend(_rows([c for c in between if middle(c) > across_from], page))
                sides = tuple([c for c in side if middle(c) <= across_from] for side in sides)
        columns = numbers if numbers is not None else itertools.count(1)
        for side in sides:
            lines.extend(_in_reading_order(side, page, columns))
        if low != float("-inf"):
            # set across this gutter: the page's margins are its own (column 0)
            lines.extend(_rows([c for c in chars if low <= middle(c) <= high], page))
        above = low
    return lines


def _above_columns(above: list, first_row: float, size: float, page: int) -> float | None:
    """Of what stands above the first row of a page's columns (`above`: the characters higher than
    `first_row`), how high what is set across them starts: all of it, unless its lower part
    (below the lowest gap there wider than a line, or all of it) has a gutter of its own, being
    the other columns' first lines where one column starts lower, under a picture: then only what
    stands above that gap. None: nothing is."""
    if not above:
        return None
    rows = _rows(above, page)
    # the lowest gap between two of its rows wider than a line: a title or header stands apart
    # from what follows it (no character's middle lies within it)
    cut = None
    for higher, lower in zip(rows, rows[1:]):
        if higher.bottom - lower.top > size:
            cut = (higher.bottom + lower.top) / 2
    below = [c for c in above if (c.y0 + c.y1) / 2 < cut] if cut is not None else above
    if _gutter(below, SIDE_WIDTH, fewest_rows=4) is None:
        return first_row
    return cut


def _first_row_of_both(left: list, right: list) -> float | None:
    """The height (a character's middle) of the topmost row holding characters on both sides of a
    gutter (`left`, `right`), or None when no row does."""
    if not left or not right:
        return None
    import numpy as np

    lows, highs = np.array([c.y0 for c in right]), np.array([c.y1 for c in right])
    for char in sorted(left, key=lambda c: -(c.y0 + c.y1)):
        centre = (char.y0 + char.y1) / 2
        if ((lows <= centre) & (centre <= highs)).any():
            return centre
    return None


def widest_low_run(counts) -> tuple[int, int] | None:
    """The first and last index of the widest run of `counts` (how much stands at each step across
    the middle of a page: characters, or ink) at most GUTTER_SHARE of the most at any step, which is
    a column's middle; None when there is none. Its middle is where a gutter would stand."""
    import numpy as np

    runs = runs_of(np.flatnonzero(np.asarray(counts) <= GUTTER_SHARE * max(counts)))
    return max(runs, key=lambda run: run[1] - run[0]) if runs else None


def runs_of(indices) -> list[tuple[int, int]]:
    """Sorted indices as runs of consecutive ones, each (first, last): `[3, 4, 5, 9]` -> (3, 5), (9, 9)."""
    import numpy as np

    indices = np.asarray(indices)
    if not len(indices):
        return []
    return [(int(run[0]), int(run[-1])) for run in np.split(indices, np.flatnonzero(np.diff(indices) > 1) + 1)]


def _gutter(chars: list, narrowest: float = PAGE_WIDTH, fewest_rows: int = 10) -> float | None:
    """Where the gutter between two columns of text stands on a page (its x), or None when the
    page is set in one column (or a table, whose columns hold few characters of the page), or its
    text is narrower than `narrowest` characters, or its columns run fewer than `fewest_rows` rows.
    With three or more columns: the widest of those in the middle of the text's width
    (_in_reading_order then splits each side again)."""
    drawn = [c for c in chars if c.get_text().strip()]
    if len(drawn) < 10 * fewest_rows:
        return None
    size = statistics.median(c.size for c in drawn)
    left, right = min(c.x0 for c in drawn), max(c.x1 for c in drawn)
    if right - left < narrowest * size:
        return None
    import numpy as np

    step = size / 4
    candidates = [left + (right - left) * 0.3 + i * step for i in range(int((right - left) * 0.4 / step) + 1)]
    starts, ends, at = np.array([c.x0 for c in drawn]), np.array([c.x1 for c in drawn]), np.array(candidates)
    cover = ((starts[:, None] < at[None, :]) & (ends[:, None] > at[None, :])).sum(axis=0)
    run = widest_low_run(cover) if cover.max() >= fewest_rows else None
    if run is None or (run[1] - run[0] + 1) * step < GUTTER_WIDTH * size:
        return None
    gutter = (candidates[run[0]] + candidates[run[1]]) / 2
    left_side = sum(1 for c in drawn if c.x1 <= gutter)
    right_side = sum(1 for c in drawn if c.x0 >= gutter)
    if min(left_side, right_side) < COLUMN_SHARE * len(drawn):
        return None
    return gutter


def _chars(container):
    """The upright characters of a page (a rotated watermark's are left out), in figures too."""
    from pdfminer.layout import LTChar, LTContainer

    for item in container:
        if isinstance(item, LTChar):
            if item.upright and item.get_text().strip("\x00"):
                yield item
        elif isinstance(item, LTContainer):
            yield from _chars(item)


def _rows(chars: list, page: int) -> list[PdfLine]:
    """Characters on one line of the page made one PdfLine, top to bottom. A gap wider than
    CELL_GAP splits it into cells (a table row, a form: | 时间 | 2020年3月4日 |). Within a cell a
    space the page draws is kept (one for any run), and a gap between Latin words or numbers is
    one, but no other gap beside a Chinese character (a justified Chinese line spreads its
    characters apart). Where the line starts and ends is where its first and last drawn
    characters stand: `　　` indenting a paragraph is where it is indented."""
    rows: list[list] = []
    for char in sorted(chars, key=lambda c: -(c.y0 + c.y1) / 2):
        centre = (char.y0 + char.y1) / 2
        if rows and min(c.y0 for c in rows[-1]) <= centre <= max(c.y1 for c in rows[-1]):
            rows[-1].append(char)
        else:
            rows.append([char])
    lines = []
    for row in rows:
        row.sort(key=lambda c: c.x0)
        drawn = [c for c in row if c.get_text().strip()]    # the spaces say only where a gap is
        if not drawn:
            continue
        size = statistics.median(c.size for c in drawn)
        cells: list[str] = [""]
        before, spaced = None, False
        for char in row:
            text = char.get_text()
            if not text.strip():
                spaced = spaced or bool(cells[-1])
                continue
            if text.startswith("(cid:"):
                text = _UNDECODABLE
            if before is not None:
                gap = char.x0 - before.x1
                if text == before.get_text() and abs(char.x0 - before.x0) < 0.3 * size:
                    continue            # a character printed twice over itself (bold faked)
                if gap > CELL_GAP * size or (gap > LABEL_GAP * size and zh.is_field_label(cells[-1])):
                    cells.append("")
                elif spaced or (gap > 0.15 * size and zh.space_between(cells[-1][-1:], text[:1])):
                    cells[-1] += " "
            cells[-1] += text
            before, spaced = char, False
        if len(cells) >= 3 and all(len(cell) == 1 for cell in cells):
            cells = ["".join(cells)]    # a title set wide (`集 中 学 习 记 录`), not a table
        opening = drawn[:max(1, zh.unbreakable_prefix("".join(c.get_text() for c in drawn)))]
        lines.append(PdfLine("\t".join(cells), page, drawn[0].x0, max(c.x1 for c in drawn),
                             max(c.y1 for c in drawn), min(c.y0 for c in drawn), size,
                             tuple(cells) if len(cells) > 1 else (), opening[-1].x1 - opening[0].x0))
    return lines


def without_page_furniture(lines: list[PdfLine], page_heights: list[float]) -> list[PdfLine]:
    """The lines less page numbers (`- 3 -`, `第3页 共5页`) and running headers and footers: a page's
    two outermost lines at its top and at its bottom, where they stand in the page's top or bottom
    band, that are a page number or stand at the same height on at least half the pages (a
    paragraph's line that happens to end a page is no footer, though a record holds it twice)."""
    pages: dict[int, list[PdfLine]] = {}
    for line in lines:
        pages.setdefault(line.page, []).append(line)

    def in_band(line: PdfLine) -> bool:
        height = page_heights[line.page - 1] if line.page - 1 < len(page_heights) else 0
        return bool(height) and (line.bottom > height * (1 - MARGIN_BAND) or line.top < height * MARGIN_BAND)

    edges = [line for on_page in pages.values() for line in on_page[:2] + on_page[-2:] if in_band(line)]
    edges = list({id(line): line for line in edges}.values())

    def without_numbers(line: PdfLine) -> str:
        # a header or footer set as cells (`集中学习记录 … 第2页`, `中共某支部 … 第 1 页 共 4 页`):
        # its page number changes from page to page, the rest does not
        cells = line.cells or (line.text,)
        return zh.fold_width("\t".join(cell for cell in cells if not zh.is_page_number(cell))).strip()

    def repeated(line: PdfLine) -> bool:
        text = without_numbers(line)
        on = {other.page for other in edges
              if abs(other.top - line.top) <= 0.5 * line.size and without_numbers(other) == text}
        return len(pages) >= 2 and len(on) >= max(2, len(pages) / 2)

    furniture = {id(line) for line in edges if zh.is_page_number(line.text) or not without_numbers(line)
                 or repeated(line)}
    return [line for line in lines if id(line) not in furniture]


def paragraphs(lines: list[PdfLine]) -> list[str]:
    """Lines joined into paragraphs (paragraphs_on_pages, without the pages)."""
    return [text for text, _ in paragraphs_on_pages(lines)]


def paragraphs_on_pages(lines: list[PdfLine], indent: float = INDENT) -> list[tuple[str, int]]:
    """Lines joined into paragraphs, each with the page it starts on. A line goes on in the next
    when it runs to the body's right edge (or as near it as the next line's first characters
    would not fit: a ragged right edge) and the next is neither indented, nor of another size,
    nor set apart by a wider gap than the lines of a paragraph have; a table row gives its fields
    (records.table_row_lines). `indent`: how far right of the body's left edge, in character
    sizes, a line is indented."""
    from .records import table_row_lines

    if not lines:
        return []
    body = [line for line in lines if not line.cells] or lines
    edges = {None: _edges(body)}
    for column in {line.column for line in body} - {0}:
        edges[None, column] = _edges([line for line in body if line.column == column])
    for page, column in {(line.page, line.column) for line in body}:
        on_page = [line for line in body if line.page == page and line.column == column]
        # a page's own margins (a column's, on a page of two) where it has lines enough to tell (a
        # scanner shifts each page; Word's mirrored margins move odd and even pages), else the
        # document's
        edges[page, column] = _edges(on_page) if len(on_page) >= 8 else edges.get((None, column), edges[None])
    gaps = [a.bottom - b.top for a, b in zip(lines, lines[1:]) if a.page == b.page and not (a.cells or b.cells)]
    # the gap between a paragraph's lines: most gaps are that, the rest wider (the lower quartile,
    # as a short record has few lines and its header's gaps are wider)
    usual_gap = sorted(gaps)[len(gaps) // 4] if gaps else 0.0

    out: list[tuple[str, int]] = []
    previous: PdfLine | None = None
    for line in lines:
        if line.cells:
            out.extend((field, line.page) for field in table_row_lines(list(line.cells)))
            previous = None
            continue
        left = edges.get((line.page, line.column), edges[None])[0]
        right = edges.get((previous.page, previous.column), edges[None])[1] if previous is not None else 0
        goes_on = (previous is not None
                   and right - previous.x1 < max(SHORT_BY * previous.size, line.opening_width + 0.5 * line.size)
                   and line.x0 <= left + indent * line.size
                   and abs(line.size - previous.size) <= 0.15 * previous.size
                   and (line.page != previous.page or previous.bottom - line.top <= usual_gap + 0.6 * line.size)
                   and not _headline_after_sentence(previous, line, edges.get((line.page, line.column), edges[None])[1]))
        if goes_on:
            out[-1] = (zh.join_wrapped(out[-1][0], line.text.strip()), out[-1][1])
        else:
            out.append((line.text.strip(), line.page))
        previous = line
    return out


# A sentence's end (`。`, `！`, `？`, perhaps in quotes) and any punctuation a line may end with
_SENTENCE_END = re.compile(r"[。！？!?][”’」』\"']*\s*$")
_ENDS_IN_PUNCTUATION = re.compile(r"[\W_]\s*$")


def _headline_after_sentence(previous: PdfLine, line: PdfLine, right: float) -> bool:
    """Whether `line` is a headline set flush left under a paragraph whose last line happened to
    fill the width: that line ends a sentence, and `line` ends short of the right edge without any
    punctuation (`“五一”假期将至 旅游市场大幅升温` under `…造成伤害。`). A paragraph's own last line
    ends in punctuation."""
    return (bool(_SENTENCE_END.search(previous.text)) and right - line.x1 > SHORT_BY * line.size
            and not _ENDS_IN_PUNCTUATION.search(line.text))


def _edges(lines: list[PdfLine]) -> tuple[float, float]:
    """The body's left edge (where most lines start) and right edge (where the lines that reach
    furthest end: a punctuation mark Word lets hang in the margin, or one it squeezes, moves a
    line's end by about a character)."""
    widest = max(line.x1 for line in lines)
    return (_mode(round(line.x0) for line in lines),
            statistics.median(line.x1 for line in lines if line.x1 >= widest - 2 * line.size))


def _mode(values) -> float:
    counts = Counter(values)
    return min(value for value, n in counts.items() if n == max(counts.values()))
