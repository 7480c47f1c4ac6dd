"""Scanned PDF records (pages that are images) read by OCR, where the machine has Tesseract with its
Chinese model and Poppler (Debian: `apt-get install tesseract-ocr tesseract-ocr-chi-sim
poppler-utils`). Each page is rendered at 200 dpi (pdftoppm) and read by Tesseract, which gives
each word with its box; the words are set into lines with where they stand, the same lines rag/pdf.py
makes of a PDF's characters, so the same rules join them into paragraphs. Without those tools a
scan is reported as one, with how to have it read."""
from __future__ import annotations

import csv
import os
import shutil
import statistics
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

from . import zh

DPI = 200
# Chinese only: with the English model beside it, strokes it cannot place come out as Latin
# letters (`Eri S LF°`); Latin words in a record (GDP, QQ) are read by the Chinese model too.
LANGUAGES = "chi_sim"
# Tesseract's page segmentation: 4 takes a page as one column of lines of any size. Its default
# (3, a page of blocks) passed over short lines standing alone (`学习内容：`, a running header).
PAGE_LAYOUT = "4"
# A paragraph opens two characters in; OCR that missed a line's first character sets it one in.
OCR_INDENT = 1.5
# A form's label and value stand apart by several characters; OCR's boxes leave gaps of two or
# three within a line (a word boxed by a stroke of it), which do not split it.
OCR_CELL_GAP = 4.0
# A page takes Tesseract 2-4 s on one core; a stuck one is given up rather than the whole build.
PAGE_TIMEOUT_S = 120


def missing_tools(for_pdf: bool = True) -> list[str]:
    """The Debian packages OCR needs that this machine lacks ([] when it can read scans); an
    image needs no Poppler to render it."""
    tools = (("pdftoppm", "poppler-utils"),) * for_pdf + (("tesseract", "tesseract-ocr"),)
    missing = [package for tool, package in tools if not shutil.which(tool)]
    if not missing and "chi_sim" not in _languages():
        missing.append("tesseract-ocr-chi-sim")
    return missing


def _languages() -> set[str]:
    try:
        listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return set()
    return {line.strip() for line in listed.splitlines()[1:]}   # after `List of available languages…:`


def ocr_lines(path: Path, progress=None):
    """The lines of a scanned PDF's pages as rag.pdf.PdfLine (pixels at DPI, y growing upwards as
    in a PDF) and each page's height. `progress(pages done, pages)` after each page, if given."""
    with tempfile.TemporaryDirectory(prefix="studyqa-ocr-") as tmp:
        subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", str(path), str(Path(tmp) / "page")],
                       check=True, capture_output=True, timeout=PAGE_TIMEOUT_S * 10)
        return _read_pages(sorted(Path(tmp).glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1])),
                           progress)


def upright_on_white(frame, image_ops):
    """A page as a greyscale image the way a viewer shows it: turned as its EXIF orientation says
    (a phone photo saved sideways) and a transparent background made white (a transparent PNG
    turned all black when its alpha was dropped)."""
    frame = image_ops.exif_transpose(frame) or frame
    if frame.mode in ("RGBA", "LA", "PA") or (frame.mode == "P" and "transparency" in frame.info):
        from PIL import Image
        rgba = frame.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        frame = Image.alpha_composite(white, rgba)
    return frame.convert("L")


def image_lines(path: Path, progress=None):
    """The lines of an image of a record (a scan or photo saved as .png, .jpg or .tif; each page
    of a TIFF a page) as ocr_lines gives a scanned PDF's, and each page's height. An image smaller
    than an A4 page at DPI is enlarged to it first: Tesseract reads characters of 30 pixels or more
    far better (a 150 dpi scan read `节点` for `地点`)."""
    from PIL import Image, ImageOps, ImageSequence

    with tempfile.TemporaryDirectory(prefix="studyqa-ocr-") as tmp, Image.open(path) as image:
        pages = []
        for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
            frame = upright_on_white(frame, ImageOps)
            scale = _A4_HEIGHT / frame.height
            if scale > 1:
                frame = frame.resize((round(frame.width * scale), _A4_HEIGHT), Image.Resampling.BICUBIC)
            pages.append(Path(tmp) / f"page-{number}.png")
            frame.save(pages[-1])
        return _read_pages(pages, progress)


_A4_HEIGHT = round(297 / 25.4 * DPI)


def _read_pages(pages: list[Path], progress=None):
    """Each page image read by Tesseract, a page a core, as lines; and each page's height. A page
    takes seconds: `progress(pages done, pages)` is told after each."""
    # one thread a page: Tesseract's own threads spin more than they gain (6.4 s against 1.6 s)
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def read(image: Path) -> str:
        command = ["tesseract", str(image), "stdout", "-l", LANGUAGES, "--psm", PAGE_LAYOUT, "tsv"]
        return subprocess.run(command, env=env, check=True, capture_output=True, text=True,
                              timeout=PAGE_TIMEOUT_S).stdout

    def read_page(numbered: tuple[int, Path]):
        import numpy as np
        from PIL import Image

        number, image = numbered
        with Image.open(image) as page:
            pixels = np.asarray(page.convert("L"))
        in_columns = _in_columns(pixels, number, read)
        if in_columns is None:
            return _tsv_lines(_tsv_rows(read(image)), number)
        return in_columns

    lines: list = []
    heights: list[float] = []
    from embeddings.onnx_int8 import usable_cpus
    # a page a core this process may use (a container's limit, not the machine's), four at most
    with ThreadPoolExecutor(max_workers=min(4, usable_cpus())) as pool:
        for number, (height, page_lines) in enumerate(pool.map(read_page, enumerate(pages, start=1)), start=1):
            heights.append(height)
            lines.extend(page_lines)
            if progress:
                progress(number, len(pages))
    return lines, heights


def _columns_of(pixels) -> tuple[int, list[tuple[int, int]]] | None:
    """Where the gutter of a page image (its grey `pixels`) set in columns stands (pixels from
    the left), and the rows of the lines set across it (title, header, headings: (first, last)
    pixel rows); None for a page of one column. Read as one column, Tesseract joins the two columns' lines and misreads
    the characters either side of the gutter. The gutter is sought as rag/pdf.py seeks it among a
    PDF's characters: a strip in the middle of the text's width holding little ink (what lines set
    across the page put there), at least GUTTER_WIDTH lines' height wide, with ink either side."""
    import numpy as np

    from .pdf import COLUMN_SHARE, GUTTER_WIDTH, runs_of, widest_low_run

    ink = pixels < 128
    inked_rows = np.flatnonzero(ink.any(axis=1))
    per_x = ink.sum(axis=0)
    inked_x = np.flatnonzero(per_x)
    if len(inked_rows) < 50 or len(inked_x) < 50:
        return None
    left, right = int(inked_x[0]), int(inked_x[-1])
    # a line's height: the median run of inked rows
    line_height = float(np.median([last - first + 1 for first, last in runs_of(inked_rows)]))
    start, stop = left + int(0.3 * (right - left)), left + int(0.7 * (right - left))
    middle = per_x[start:stop]
    strip = widest_low_run(middle) if len(middle) and middle.max() else None
    if strip is None or strip[1] - strip[0] + 1 < GUTTER_WIDTH * line_height:
        return None
    first, last = start + strip[0], start + strip[1]
    gutter = (first + last) // 2
    # a line across the page inks the gutter's middle half over most of a line's height; a
    # column's punctuation hanging at its edge, a stray speck, a few rows
    quarter = (last - first) // 4
    across = [(top, bottom) for top, bottom in runs_of(np.flatnonzero(ink[:, first + quarter:last - quarter + 1].any(axis=1)))
              if bottom - top + 1 >= 0.4 * line_height]
    body = np.ones(ink.shape[0], dtype=bool)
    for top, bottom in across:
        body[max(0, top - int(line_height)):bottom + int(line_height) + 1] = False
    left_ink, right_ink = int(ink[body, :gutter].sum()), int(ink[body, gutter:].sum())
    if min(left_ink, right_ink) < COLUMN_SHARE * max(1, int(ink.sum())):
        return None
    return gutter, across


def _in_columns(pixels, page: int, read, numbers=None):
    """A page set in columns read as a reader takes it: the lines set across the page (title,
    header, headings) where they stand, and between them the left column's lines, then the next
    one's. Tesseract reads the lines across the page apart, and each column with all else blanked
    out; a side of a gutter that has a gutter of its own (a newspaper's three or more columns) is
    split again. The lines keep where they stand, and their column (rag/pdf.py PdfLine.column,
    numbered from the left by `numbers`) lets each column's margins be its own. Returns the page's
    height and its lines in order, or None when `pixels` are not set in columns."""
    import itertools

    import numpy as np
    from PIL import Image

    from .pdf import runs_of

    columns = _columns_of(pixels)
    if columns is None:
        return None
    gutter, across = columns
    ink = pixels < 128

    def sides_of(across: list[tuple[int, int]]):
        in_across = np.zeros(pixels.shape[0], dtype=bool)
        for top, bottom in across:
            in_across[top:bottom + 1] = True
        left, right = pixels.copy(), pixels.copy()
        left[:, gutter:] = 255
        right[:, :gutter] = 255
        left[in_across, :] = right[in_across, :] = 255
        return in_across, (left, right)

    in_across, sides = sides_of(across)
    if any(_columns_of(side) is not None for side in sides):
        # over three or more columns, what stands above their first row (ink on both sides of
        # the gutter) is set across them though it inks no gutter: a title centred over three
        # columns stands within the middle one, a header's short lines within the first
        both = np.flatnonzero((sides[0] < 128).any(axis=1) & (sides[1] < 128).any(axis=1))
        inked = np.flatnonzero(ink.any(axis=1) & ~in_across)
        if len(both) and len(inked) and inked[0] < both[0]:
            line_height = float(np.median([last - first + 1 for first, last in runs_of(inked)]))
            above = _above_columns(pixels, inked[inked < both[0] - max(1, 0.3 * line_height)], line_height)
            if above is not None:
                across = sorted(across + [above])
                in_across, sides = sides_of(across)
    numbers = numbers if numbers is not None else itertools.count(1)
    height, placed = 0.0, []
    with tempfile.TemporaryDirectory(prefix="studyqa-ocr-") as tmp:
        if across:
            only_across = pixels.copy()
            only_across[~in_across, :] = 255
            part = Path(tmp) / "across.png"
            Image.fromarray(only_across).save(part)
            height, lines = _tsv_lines(_tsv_rows(read(part)), page)   # column 0: the page's margins
            placed += [(line, -1) for line in lines]
        for number, side in enumerate(sides):
            split = _in_columns(side, page, read, numbers)
            if split is None:
                part = Path(tmp) / f"column-{number}.png"
                Image.fromarray(side).save(part)
                height, lines = _tsv_lines(_tsv_rows(read(part)), page)
                column = next(numbers)
                for line in lines:
                    line.column = column
            else:
                height, lines = split
            placed += [(line, number) for line in lines]

    def key(entry) -> tuple:
        line, side = entry
        middle = height - (line.top + line.bottom) / 2        # its middle, in pixel rows
        # lines across the page stand where they are (top down); a column's lines between two of
        # them, the left side's first, each side's in the order read there (the sort is stable)
        above = sum(1 for top, _ in across if top <= middle)
        return (2 * above - 1, 0, middle) if side < 0 else (2 * above, side, 0)
    placed.sort(key=key)
    return height, [line for line, _ in placed]


def _above_columns(pixels, rows, line_height: float) -> tuple[int, int] | None:
    """Of the inked pixel `rows` above the first row of a page's columns, the band set across
    them (first, last): all of them, unless their lower part (below the lowest gap wider than a
    line, or all of them) is set in columns itself, being the other columns' first lines where one
    column starts lower, under a picture (rag/pdf.py _above_columns, for ink)."""
    import numpy as np

    from .pdf import runs_of

    if not len(rows):
        return None
    runs = runs_of(rows)
    cut = None
    for (_, higher_end), (lower_start, _) in zip(runs, runs[1:]):
        if lower_start - higher_end > line_height:
            cut = (higher_end + lower_start) // 2
    start = cut if cut is not None else int(rows[0])
    lower_part = np.full_like(pixels, 255)
    lower_part[start:int(rows[-1]) + 1] = pixels[start:int(rows[-1]) + 1]
    if _columns_of(lower_part) is None:
        return int(rows[0]), int(rows[-1])
    return (int(rows[0]), cut) if cut is not None else None


def _tsv_rows(tsv: str) -> list[dict]:
    return list(csv.DictReader(tsv.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE))


def _tsv_lines(rows: list[dict], page: int):
    """Tesseract's lines (its TSV rows: words, level 5, with their block, paragraph and line), each word
    where it stands, as rag/pdf.py's lines (y growing upwards); and the page's height. A line's
    words keep Tesseract's order (its boxes may overlap: `集中` boxed over `学习`); a gap of
    OCR_CELL_GAP sizes splits a form's cells, and lines Tesseract found side by side on one row (a
    table's label and value) are that row's cells."""
    from .pdf import PdfLine

    height = max((int(r["top"]) + int(r["height"]) for r in rows if r["level"] == "1"), default=0)
    grouped: dict[tuple, list[dict]] = {}
    for row in rows:
        if row["level"] == "5" and (row.get("text") or "").strip():
            grouped.setdefault((row["block_num"], row["par_num"], row["line_num"]), []).append(row)
    pieces = []
    for words in grouped.values():
        boxes = [tuple(int(w[k]) for k in ("left", "top", "width", "height")) for w in words]
        texts = [w["text"].strip() for w in words]
        size = sorted(tall for _, _, _, tall in boxes)[len(boxes) // 2]
        cells, right = [""], None
        for text, (left, _, width, _) in zip(texts, boxes):
            if right is not None and left - right > OCR_CELL_GAP * size:
                cells.append("")
            elif right is not None and zh.space_between(cells[-1][-1:], text[:1]):
                cells[-1] += " "
            cells[-1] += text
            right = max(right or 0, left + width)
        opening = zh.unbreakable_prefix(texts[0]) or 1
        # a line's top and bottom where most of its words' boxes are: one box may take in a stroke
        # of the line above or below
        pieces.append(PdfLine("\t".join(cells), page, min(b[0] for b in boxes), max(b[0] + b[2] for b in boxes),
                              height - statistics.median(b[1] for b in boxes),
                              height - statistics.median(b[1] + b[3] for b in boxes),
                              size, tuple(cells), boxes[0][2] * min(1.0, opening / len(texts[0]))))
    # one size for the page's lines: a word's box is too uneven to tell a larger font by (a short
    # line's few boxes would set it apart), and a title stands apart by where it is anyway
    sizes = [p.size for p in pieces if len(p.text) >= 5] or [p.size for p in pieces]
    page_size = statistics.median(sizes) if sizes else 0
    pieces = [replace(p, size=page_size) for p in pieces]
    return height, _side_by_side(sorted(pieces, key=lambda p: -p.top))


def _side_by_side(pieces: list) -> list:
    """Pieces standing on one row (a table's cells Tesseract read as lines of their own) made one
    line with their cells; a line of one cell has none."""
    lines: list = []
    for piece in pieces:
        last = lines[-1] if lines else None
        if last is not None and last.bottom <= (piece.top + piece.bottom) / 2 <= last.top and piece.x0 >= last.x1:
            lines[-1] = replace(last, text=last.text + "\t" + piece.text, x1=piece.x1, cells=last.cells + piece.cells)
        else:
            lines.append(piece)
    return [replace(line, cells=line.cells if len(line.cells) > 1 else ()) for line in lines]
