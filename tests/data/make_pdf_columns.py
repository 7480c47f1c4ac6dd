"""Makes tests/data/pdf_two_columns.pdf, a fixture of tests/test_pdf.py: a record whose title,
header and heading run across the page and whose text is set in two columns, as a 《求是》 or
newspaper article printed for a session is, written with python-docx (a continuous section break
into a section of two columns) and exported to PDF by LibreOffice. Its paragraphs are the seed's
2020-03-04 record's, so a test can compare them. Run: python tests/data/make_pdf_columns.py
(needs soffice)."""
import sys
from pathlib import Path

import docx
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

HERE = Path(__file__).parent
SEED = HERE.parents[1] / "seeds" / "000_5fe3251cdd8066f2.txt"
HEADER = ["时间：2020年3月4日", "地点：QQ线上", "方式：集中学习",
          "学习主题：习近平主持召开中央全面深化改革委员会第十二次会议"]
HEADING = "完善重大疫情防控体制机制 健全国家公共卫生应急管理体系"


def body_paragraphs(count: int = 9) -> list[str]:
    """The first `count` paragraphs of the seed's first record's text, as the seed has them."""
    text = SEED.read_text(encoding="utf-8").split("集中学习记录")[1]
    lines = [line.strip().strip("\u3000") for line in text.split("学习内容", 1)[1].splitlines()[1:]]
    return [line for line in lines if len(line) > 30][:count]


def main() -> None:
    document = docx.Document()
    document.styles["Normal"].font.size = Pt(10.5)
    title = document.add_paragraph("集中学习记录")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for field in HEADER:
        document.add_paragraph(field)
    heading = document.add_paragraph(HEADING)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # the text in two columns, from here on the same page
    section = document.add_section(WD_SECTION.CONTINUOUS)
    columns = OxmlElement("w:cols")
    columns.set(qn("w:num"), "2")
    columns.set(qn("w:space"), "425")
    section._sectPr.append(columns)
    for text in body_paragraphs():
        paragraph = document.add_paragraph(text)
        paragraph.paragraph_format.first_line_indent = Pt(21)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    sys.path.insert(0, str(HERE))
    from make_pdf_record import export_pdf
    print(export_pdf(document, "pdf_two_columns"))


if __name__ == "__main__":
    sys.exit(main())
