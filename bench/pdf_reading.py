"""How faithfully and how fast PDF records are read: each .txt record given is exported to PDF by
LibreOffice (as a plain text file prints: a ragged right edge, paragraphs set flush left), and
also laid out as a .docx as a branch types one (paragraphs opening indented and justified, a
running footer on every page), then exported; each PDF's passages (rag/pdf.py, then
the same parser and splitter as every record) are compared with those of the .txt itself.

With --scan, the typed PDF is also printed and scanned: its pages rendered as 150 dpi images
(pdftoppm) put in a PDF that holds only them (reportlab), which StudyQA reads by OCR (rag/ocr.py).

Prints, per file and way: passages, how many are identical (text, heading and date, in order,
matched as difflib matches sequences), the share of characters the same (difflib's ratio over the
passages' text), and the seconds and characters per second of reading the PDF; writes
bench/results/pdf_reading.json. Needs LibreOffice (`soffice`) and python-docx; --scan also
Tesseract and Poppler (tesseract-ocr-chi-sim, poppler-utils) and reportlab.

    python bench/pdf_reading.py seeds/*.txt ../shared/data/scale_sessions/2022-1[0-2]_*.txt
    python bench/pdf_reading.py --scan seeds/*.txt"""
from __future__ import annotations

import argparse
import difflib
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from rag import zh  # noqa: E402
from rag.passages import session_passages  # noqa: E402
from rag.records import parse_sessions, read_text_file  # noqa: E402
from results_file import write_result  # noqa: E402


def passages(text: str) -> list[tuple]:
    # the ideographic space a .txt may hold between words comes out of a PDF as a plain one
    return [(p.text.replace("\u3000", " "), (p.heading or "").strip(), p.date)
            for session in parse_sessions(text, "record") for p in session_passages(session)]


def as_indented_docx(text: str, path: Path) -> None:
    """The record as Word lays out a typed one: paragraphs indented two characters and justified,
    the title centred, the branch's name in the footer of every page."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = docx.Document()
    document.styles["Normal"].font.size = Pt(14)
    document.sections[0].footer.paragraphs[0].text = "中共示例支部委员会"
    for line in text.split("\n"):
        line = zh.clean_line(line)
        if not line:
            continue
        paragraph = document.add_paragraph(line)
        if zh.is_title_line(line):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif not zh.is_context_line(line) and not zh.match_field(line):
            paragraph.paragraph_format.first_line_indent = Pt(28)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    document.save(path)


def to_pdf(source: Path, out_dir: Path) -> Path:
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out_dir), str(source)],
                   check=True, capture_output=True, timeout=600)
    return out_dir / (source.stem + ".pdf")


def as_scan(pdf: Path, out_dir: Path, dpi: int = 150) -> Path:
    """`pdf` printed and scanned: its pages as images only."""
    from reportlab.pdfgen import canvas

    stem = out_dir / f"{pdf.stem}_scan"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), str(stem)], check=True)
    images = sorted(out_dir.glob(f"{stem.name}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    scan = out_dir / f"{stem.name}.pdf"
    page = canvas.Canvas(str(scan), pagesize=(595, 842))
    for image in images:
        page.drawImage(str(image), 0, 0, width=595, height=842)
        page.showPage()
    page.save()
    return scan


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("records", nargs="+", type=Path, help=".txt records to export and read back")
    parser.add_argument("--scan", action="store_true", help="also read the typed PDF printed and scanned, by OCR")
    args = parser.parse_args()
    if not shutil.which("soffice"):
        print("needs LibreOffice: apt-get install libreoffice-writer-nogui", file=sys.stderr)
        return 2
    rows = []
    print(f"{'file':<32} {'way':<10} {'passages':>8} {'identical':>9} {'chars':>7} {'seconds':>8} {'chars/s':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for record in args.records:
            text = read_text_file(record)
            want = passages(text)
            plain = tmp / f"{record.stem}.txt"
            plain.write_text(text, encoding="utf-8")
            typed = tmp / f"{record.stem}_typed.docx"
            as_indented_docx(text, typed)
            ways = [("txt", to_pdf(plain, tmp)), ("typed", to_pdf(typed, tmp))]
            if args.scan:
                ways.append(("scan", as_scan(ways[1][1], tmp)))
            for way, pdf in ways:
                started = time.perf_counter()
                got = passages(read_text_file(pdf))
                seconds = time.perf_counter() - started
                matcher = difflib.SequenceMatcher(a=want, b=got, autojunk=False)
                same = sum(block.size for block in matcher.get_matching_blocks())
                chars = difflib.SequenceMatcher(a="".join(p[0] for p in want), b="".join(p[0] for p in got),
                                                autojunk=False).ratio()
                rows.append({"file": record.name, "way": way, "passages": len(want), "passages_read": len(got),
                             "identical": same, "chars_same": round(chars, 4), "seconds": round(seconds, 2),
                             "chars_per_s": round(len(text) / seconds)})
                print(f"{record.name[:32]:<32} {way:<10} {len(want):>8} {same:>9} {chars:>7.2%} {seconds:>8.1f} "
                      f"{len(text) / seconds:>8.0f}")
    totals = {}
    for way in dict.fromkeys(r["way"] for r in rows):
        of_way = [r for r in rows if r["way"] == way]
        total, same = sum(r["passages"] for r in of_way), sum(r["identical"] for r in of_way)
        read = sum(r["passages_read"] for r in of_way)
        totals[way] = {"passages": total, "passages_read": read, "identical": same}
        print(f"{'all, ' + way:<32} {'':<10} {total:>8} {same:>9}   ({same / total:.2%} identical; {read} read)")
    write_result("pdf_reading", {"rows": rows, "totals": totals})
    return 0


if __name__ == "__main__":
    sys.exit(main())
