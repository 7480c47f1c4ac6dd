"""Makes tests/data/pdf_record.pdf, the PDF fixture of tests/test_pdf.py: a record written with
python-docx as a branch types one (a centred title, a header table, paragraphs opening with a
two-character indent in 三号 16 pt, numbered headings, a running header and `- N -` page numbers),
exported to PDF by LibreOffice as Word or WPS would export it (fonts embedded as subsets, each
character mapped back to its text). Run: python tests/data/make_pdf_record.py (needs soffice)."""
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

HERE = Path(__file__).parent
HEADER = [("时间", "2020年3月4日"), ("地点", "QQ线上"), ("学习主题", "完善重大疫情防控体制机制")]
BODY = [
    ("heading", "一、强化公共卫生法治保障"),
    ("text", "习近平强调，要强化公共卫生法治保障，全面加强和完善公共卫生领域相关法律法规建设，认真评估传染病防治法、"
             "野生动物保护法等法律法规的修改完善。要从保护人民健康、保障国家安全、维护国家长治久安的高度，把生物安全纳入"
             "国家安全体系，系统规划国家生物安全风险防控和治理体系建设，全面提高国家生物安全治理能力。"),
    ("text", "要尽快推动出台生物安全法，加快构建国家生物安全法律法规体系、制度保障体系。"),
    ("heading", "二、健全统一的应急物资保障体系"),
    ("text", "习近平强调，要健全统一的应急物资保障体系，把应急物资保障作为国家应急管理体系建设的重要内容，按照集中管理、"
             "统一调拨、平时服务、灾时应急、采储结合、节约高效的原则，尽快健全相关工作机制和应急预案。要优化重要应急物资"
             "产能保障和区域布局，做到关键时刻调得出、用得上。对短期可能出现的物资供应短缺，建立集中生产调度机制，统一组织"
             "原材料供应、安排定点生产、规范质量标准，确保应急物资保障有序有力。"),
    ("text", "习近平指出，要健全重大疾病医疗保险和救助制度，完善应急医疗救助机制，在突发疫情等紧急情况时，确保医疗机构先救治、"
             "后收费，并完善医保异地即时结算制度。要探索建立特殊群体、特定疾病医药费豁免制度，有针对性免除医保支付目录、"
             "支付限额、用药量等限制性条款，减轻困难群众就医就诊后顾之忧。"),
    ("text", "2020年是全面建成小康社会和“十三五”规划收官之年，GDP data for 2019 were read out as well。"),
]


def page_field(paragraph):
    """A PAGE field between `- ` and ` -`, as Word's page-number footer holds it."""
    paragraph.add_run("- ")
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText" if text.strip() == "PAGE" else "w:t")
            element.text = text
        run._r.append(element)
    paragraph.add_run(" -")


def main() -> None:
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.size = Pt(16)
    section = document.sections[0]
    section.header.paragraphs[0].text = "中共示例支部委员会"
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    page_field(footer)
    title = document.add_paragraph("集中学习记录")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in HEADER:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    document.add_paragraph("学习内容：")
    for kind, text in BODY:
        paragraph = document.add_paragraph(text)
        if kind == "text":
            paragraph.paragraph_format.first_line_indent = Pt(32)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    print(export_pdf(document, "pdf_record"))


def export_pdf(document, name: str) -> Path:
    """`document` (python-docx) exported to HERE/`name`.pdf by LibreOffice, as Word or WPS would."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / f"{name}.docx"
        document.save(source)
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(HERE), str(source)],
                       check=True, capture_output=True)
    return HERE / f"{name}.pdf"


if __name__ == "__main__":
    sys.exit(main())
