"""Files -> Sessions. Decodes text files and splits them into `集中学习记录` records."""
from __future__ import annotations

import codecs
import hashlib
import os
import re
import struct
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import zh
from .types import FileProblem, Line, Session
from .word_numbering import ListNumbers
from .word_styles import HeadingStyles

# Images of records (a scan or photo), read by OCR where it is installed (rag/ocr.py)
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
# Word's own format; a document with macros (.docm) and templates (.dotx, .dotm) hold the same
# parts, only named so in [Content_Types].xml
OOXML_SUFFIXES = (".docx", ".docm", ".dotx", ".dotm")
# A web page saved as a record (a platform's article page; `.mht`: a single-file web archive)
WEB_PAGE_SUFFIXES = (".html", ".htm", ".mht", ".mhtml")
SUPPORTED_SUFFIXES = (".txt", ".md", *OOXML_SUFFIXES, ".doc", ".wps", ".rtf", ".pdf") + IMAGE_SUFFIXES + WEB_PAGE_SUFFIXES
# Word 97-2003 documents, and WPS Writer's files saved in that format (rag/word97.py)
WORD97_SUFFIXES = (".doc", ".wps")
# How records are read, by version. The index notes it per file and reads a file again (embedding
# only new text) when this reader is newer. 2: branch templates' header fields (主持人, 参加人员…),
# titles worded otherwise, records without titles split at their 时间 lines, dates without a year,
# form tables of several label/value pairs a row. 3: the numbers of a Word document's numbered
# paragraphs (`一、` of a heading typed as a numbered list), which its text does not hold;
# Word 97-2003 `.doc` / `.wps` files, reported as unsupported before; and a short line within a
# section (a lead-in, a line a scraped page cut short) no longer ends its heading (rag/passages.py).
# 4: the numbers of a `.doc` file's numbered paragraphs (rag/word97_lists.py), as 3 did for .docx.
# 5: a .docx paragraph Word styles as a heading (`标题 1`) is a section heading without a number.
# 6: a PDF page (or scan) set in two columns is read column by column, not row by row across both.
# 7: and one set in three or more (a newspaper page), with a title centred over them read first.
# 8: a label spaced out (`时  间：`) is a field, and so is each field of a line holding several; a
#    heading with only a short line under it stays before that line in the passage.
# 9: the pieces of a paragraph too long for one passage are numbered (Passage.part); a page break
#    (\f) is blank space; fields on one line after one space or a comma; a line between the title
#    and the fields is the header's; in a titled record, a notice's 时间/地点 lines or a table's
#    column heads are text; `二O二O年`, `２０２０．３．１１` are dates; a .docx's content controls
#    and tracked insertions are read, and its headings keep their lines after a soft line break;
#    field labels numbered (`一、学习时间：`), in brackets (`【时间】`) or followed by a tab; the hour
#    and the date in two fields; untitled records opening with another field than 时间; a date
#    on the line after `时间：`, a topic wrapped onto two lines; a title spaced out; a .docx table's
#    cell merged down said once, and Word's list numbers in its cells; a PDF form's value typed
#    close to its label; a PDF's running header or footer with its page number beside it.
#    (No seed or scale record changes.)
# 10: a .docx's text boxes, footnotes and endnotes are read; the spaces of web pages (`&emsp;`),
#    zero-width spaces and colon look-alikes (`∶`) are spaces and colons; U+2028 ends a line; UTF-16
#    without its byte-order mark; `缺席人员及原因`, `审核人` and signature rows are header fields, and
#    the lines closing a record (`记录人：…`) its header's, not the next record's; a host's speech
#    (`主持人：今天我们…。`) is text; a part's label (`讨论情况：`) is not the topic's second line; a
#    list of names on the line after `参加人员：`; a notice's numbered `一、活动时间：` opens no record; a
#    title in brackets or with fields on its line; a date in the title or alone under it; a form's
#    ticked choice (`☑集中学习 □专题研讨`); a list of the texts studied (`1.《…》`) is no heading; a
#    vertical label in a form's cell; Markdown's `\` line breaks and labels set as headings; a short
#    sentence closing an item stays with it (`王毅参加会见。`, not glued before the next item); a piece
#    of a long paragraph cites the line its own text starts on. (Seed records: one piece's line;
#    scale records: 4,286 passages, nearly all for the closing sentences.)
# 11: a session held over several days (`时间：2021年5月8日—9日`) keeps its last day (Session.date_end):
#    a date filter or a date named in a question finds it on any of its days. A .docx's rows and cells
#    inside content controls and tables nested in a cell are read; hidden text and an empty control's
#    prompt are not; check boxes drawn with a symbol font (Wingdings) are ☑/□; a Word 97 file
#    renamed .docx is read as one; a table of contents Word made is left out.
# 12: a .docx's embedded web page (altChunk) is read: a .docx holding some text of its own before
#    one was indexed without the page's text.
# 13: ...and an embedded Word document (a .docx merged into another as altChunk) or RTF; .rtf
#    files, and a .doc or .wps that is RTF or a web page (as OA systems export "Word" files).
PARSER_VERSION = 13
# Files above this size are almost certainly not session records (a dump, a log, a binary).
MAX_FILE_BYTES = 20 * 1024 * 1024


class UnreadableFile(Exception):
    """Raised with a plain-words reason when a file cannot be decoded as text."""


def decode_bytes(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK; normalise line ends."""
    if data.startswith(codecs.BOM_UTF8):
        body = data[len(codecs.BOM_UTF8):]
        try:
            text = body.decode("utf-8", errors="strict")
        except UnicodeDecodeError as exc:
            # a damaged or cut-off file: reported, as any unreadable file is, and the build goes on
            line = body[:exc.start].count(b"\n") + 1
            raise UnreadableFile(f"starts like UTF-8 but line {line} is not valid UTF-8 ({exc.reason}: the "
                                 "file may be damaged or cut off); open it, fix or retype that line, save it "
                                 "as UTF-8 and re-run the index") from exc
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UnreadableFile(f"starts like UTF-16 but is not valid UTF-16 ({exc.reason})") from exc
    elif _utf16_without_bom(data):
        text = _utf16_without_bom(data)
    else:
        if b"\x00" in data[:8192]:
            raise UnreadableFile("looks like a binary file (contains NUL bytes), not a text record")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("gb18030")
            except UnicodeDecodeError as exc:
                raise UnreadableFile(
                    "is neither UTF-8 nor GB18030/GBK text; save it as UTF-8 and re-run the index"
                ) from exc
    # (and the line ends of web editors and old mainframes: U+2028, U+2029, NEL)
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_OTHER_LINE_ENDS)


_OTHER_LINE_ENDS = {0x2028: "\n", 0x2029: "\n", 0x85: "\n"}


def _utf16_without_bom(data: bytes) -> str | None:
    """The text of UTF-16 saved without its byte-order mark (some exporters do): of the two byte
    orders, the one that reads as Chinese or ASCII text throughout (the wrong one reads line ends
    and digits as letters of other scripts); None for anything else."""
    if len(data) % 2 or b"\x00" not in data[:8192]:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        head = text[:4096]
        plain = sum(ch in "\n\t" or " " <= ch <= "~" or "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"
                    for ch in head)
        if plain >= 0.95 * len(head) and "\x00" not in text:
            return text
    return None


@dataclass
class RecordText:
    """A record file's text as its reader gives it, with what the text alone does not say: for a
    PDF the page each line starts on (people cite a PDF by its pages), for a Word document the
    lines Word styles as headings (`标题 1`, an outline level) without a number to tell them by."""
    text: str
    pages: list[int] | None = None
    headings: frozenset[int] = frozenset()      # 1-based line numbers


def read_text_file(path: Path) -> str:
    return read_record(path).text


def read_record(path: Path, progress=None) -> RecordText:
    """`progress(pages done, pages)`: how OCR of a scan or image goes (seconds a page)."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise UnreadableFile(f"is {size / 1e6:.0f} MB; records over {MAX_FILE_BYTES // 2**20} MB are skipped")
    if path.suffix.lower() == ".pdf":
        return RecordText(*pdf_file_text(path, progress))
    if path.suffix.lower() in IMAGE_SUFFIXES:
        return RecordText(*image_file_text(path, progress))
    if path.suffix.lower() in WEB_PAGE_SUFFIXES:
        return RecordText(web_page_text(path))
    # (a .doc or .wps saved as RTF or a web page: Word's "Rich Text", OA systems' exports)
    held = _starts_as(path) if path.suffix.lower() in WORD97_SUFFIXES else None
    if path.suffix.lower() == ".rtf" or held == "rtf":
        return RecordText(rtf_text(path))
    if held in ("html", "mht"):
        return RecordText(web_page_text(path, archive=held == "mht"))
    if path.suffix.lower() in OOXML_SUFFIXES and _is_ole(path):
        return RecordText(word97_text(path))    # a Word 97-2003 document renamed .docx
    if path.suffix.lower() in OOXML_SUFFIXES or (path.suffix.lower() in WORD97_SUFFIXES and _is_zip(path)):
        return docx_record(path)        # (a .docx named .doc or .wps: WPS may save so, people rename)
    return RecordText(_text_of(path))


def _starts_as(path: Path) -> str | None:
    """What a file named .doc or .wps holds when it is no Word file but text Word opens as one:
    "rtf", "html" or "mht" (a web archive), by its first bytes; else None."""
    with open(path, "rb") as f:
        head = f.read(2048)
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):       # (Word's "Unicode" web page: UTF-16)
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    from .rtf import is_rtf
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if is_rtf(start):
        return "rtf"
    if start.startswith(b"mime-version:") or b"\ncontent-type: multipart/related" in head.lower():
        return "mht"
    if start.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in head.lower():
        return "html"
    return None


def _is_ole(path: Path) -> bool:
    import olefile     # (as rag/word97.py tells a Word 97 file)
    return olefile.isOleFile(str(path))


def _is_zip(path: Path) -> bool:
    import zipfile
    return zipfile.is_zipfile(path)


def _text_of(path: Path) -> str:
    if path.suffix.lower() in WORD97_SUFFIXES:
        return word97_text(path)
    text = decode_bytes(path.read_bytes())
    if not text.strip():
        raise UnreadableFile("is empty")
    if path.suffix.lower() == ".md":
        text = markdown_text(text)
    return text


_MD_HEADING = re.compile(r"^ {0,3}#{1,6}(?:\s+|$)(.*?)(?:\s+#+)?\s*$")
_MD_QUOTE = re.compile(r"^ {0,3}>\s?")
_MD_BULLET = re.compile(r"^\s*[-*+]\s+")
_MD_RULE = re.compile(r"^ {0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_MD_STRONG = re.compile(r"(\*\*|__)(.+?)\1")
_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
# pandoc's hard line break (a `\` ending the line) and its escapes (`1\.`, `\*`)
_MD_HARD_BREAK = re.compile(r"\\$")
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def markdown_text(text: str) -> str:
    """A Markdown record as the plain lines the parser reads: `# 集中学习记录` is the title,
    `- **时间**：2020年3月4日` a field, a table row `| 时间 | 2020年3月4日 |` too (as in .docx).
    Heading marks, quotes, bullets, bold and rules go; numbered items keep their numbers, which
    are the speech's own headings (`1.`). Plain text saved as .md comes out as it was."""
    lines = []
    label_at = None     # where a field's label set as a heading (`## 时间`) waits for its value
    for line in text.split("\n"):
        if _MD_RULE.match(line) or _MD_TABLE_RULE.match(line):
            lines.append("")
            continue
        while _MD_QUOTE.match(line):
            line = _MD_QUOTE.sub("", line, count=1)
        heading = _MD_HEADING.match(line)
        if heading:
            line = heading.group(1)
        line = _MD_STRONG.sub(r"\2", _MD_BULLET.sub("", line))
        line = _MD_ESCAPE.sub(r"\1", _MD_HARD_BREAK.sub("", line.rstrip()) if line.rstrip().endswith("\\") else line)
        if label_at is not None and not heading and line.strip():
            # `## 地点` / `三楼会议室`: the label's value, on the label's line (a line left blank in its
            # place, so that lines keep their numbers)
            lines[label_at] += line.strip()
            lines.append("")
            label_at = None
            continue
        if heading and zh.is_field_label(line):
            lines.append(zh.clean_line(line).rstrip(zh.COLONS) + "：")
            # (the text under `## 学习内容` is on lines of its own)
            label_at = len(lines) - 1 if zh.match_fields(lines[-1])[0][0] != "content" else None
            continue
        label_at = label_at if not line.strip() and not heading else None
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            cells = [c.strip() for c in stripped[1:-1].split("|") if c.strip()]
            lines.extend(_field_row(cells) or [" ".join(cells)])
            continue
        lines.append(line)
    return "\n".join(lines)


def table_row_lines(cells: list[str]) -> list[str]:
    """A Word table row (.docx or .doc) as lines: a header row as its fields (_field_row), any other
    row one cell a line; empty cells go, and so does a merged cell's text repeated beside itself."""
    kept: list[str] = []
    for text in (cell.strip() for cell in cells):
        if text and (not kept or kept[-1] != text):
            kept.append(text)
    return _field_row(kept) or kept


def _field_row(cells: list[str]) -> list[str] | None:
    """A table row of header fields (Word or Markdown) as field lines: `| 时间 | 2020年3月4日 |` ->
    [`时间：2020年3月4日`]; a form's row of pairs `| 时间 | 2020年3月4日 | 地点 | 会议室 |` -> one line
    per pair. None for a row that does not start with a field's label."""
    if not (cells and _is_label(cells[0])):
        return None
    fields: list[str] = []
    i = 0
    while i < len(cells):
        if _is_label(cells[i]):
            has_value = i + 1 < len(cells) and not _is_label(cells[i + 1])
            fields.append(cells[i].rstrip(zh.COLONS) + "：" + (cells[i + 1] if has_value else ""))
            i += 2 if has_value else 1
        else:       # a value spread over more cells: it stays with its label
            fields[-1] += " " + cells[i]
            i += 1
    return fields


def _is_label(cell: str) -> bool:
    return len(cell) <= 8 and zh.match_field(cell.rstrip(zh.COLONS) + "：") is not None


def docx_text(path: Path) -> str:
    return docx_record(path).text


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# What holds a paragraph's runs as Word shows them: tracked insertions and moves, links, content
# controls (a date picker in `时间：`), simple fields; not deleted or moved-away text, nor a text
# box's own paragraphs (python-docx's Paragraph.text reads only runs directly in the paragraph)
_RUN_HOLDERS = {f"{_W}{tag}" for tag in ("ins", "moveTo", "hyperlink", "smartTag", "sdt", "sdtContent",
                                         "fldSimple", "customXml", "dir", "bdo")}


# A form's boxes drawn with a symbol font (Insert > Symbol, or `R` set in Wingdings 2), as the
# characters they show: ☑ ticked, □ not
_SYMBOL_FONT_CHARS = {
    "wingdings 2": {"R": "☑", "S": "☒", "T": "☒", "Q": "☒", "£": "□", "*": "□", "P": "✓", "O": "✗"},
    "wingdings": {"þ": "☑", "ý": "☒", "x": "☒", "¨": "□", "o": "□", "ü": "✓", "û": "✗"},
    "symbol": {"°": "°", "×": "×", "±": "±", "·": "·"},
}


def _symbol_font(run) -> dict | None:
    fonts = run.find(f"{_W}rPr/{_W}rFonts")
    name = (fonts.get(f"{_W}ascii") or fonts.get(f"{_W}hAnsi") or "") if fonts is not None else ""
    return _SYMBOL_FONT_CHARS.get(name.lower())


def _empty_control(element) -> bool:
    """A content control left empty, showing its prompt (`单击或点击此处输入文字。`)."""
    return element.tag == f"{_W}sdt" and element.find(f"{_W}sdtPr/{_W}showingPlcHdr") is not None


def _on(element, name: str) -> bool:
    """A Word on/off property (`<w:vanish/>`, `<w:checked w:val="0"/>`) set on `element`."""
    prop = element.find(f"{_W}{name}") if element is not None else None
    return prop is not None and prop.get(f"{_W}val", "true") not in ("0", "false", "off")


def _checkbox(fld_char) -> str:
    """A legacy form check box (FORMCHECKBOX): its state as ☑ or □."""
    box = fld_char.find(f"{_W}ffData/{_W}checkBox")
    if box is None:
        return ""
    default = box.find(f"{_W}default")
    ticked = _on(box, "checked") if box.find(f"{_W}checked") is not None else \
        (default is not None and default.get(f"{_W}val") in ("1", "true", "on"))
    return "☑" if ticked else "□"


def paragraph_text(p) -> str:
    """A .docx paragraph's text as Word shows it (tracked changes accepted; hidden text, a content
    control's placeholder and field codes left out)."""
    parts: list[str] = []

    def walk(element) -> None:
        for child in element:
            if child.tag == f"{_W}r":
                if _on(child.find(f"{_W}rPr"), "vanish"):
                    continue
                symbols = _symbol_font(child)
                for piece in child:
                    if piece.tag == f"{_W}t":
                        text = piece.text or ""
                        parts.append("".join(symbols.get(c, c) for c in text) if symbols else text)
                    elif piece.tag in (f"{_W}tab", f"{_W}ptab"):
                        parts.append("\t")
                    elif piece.tag in (f"{_W}br", f"{_W}cr"):
                        parts.append("\n")
                    elif piece.tag == f"{_W}noBreakHyphen":
                        parts.append("-")
                    elif piece.tag == f"{_W}sym":
                        char = chr(int(piece.get(f"{_W}char", "0"), 16) & 0xFF)
                        table = _SYMBOL_FONT_CHARS.get((piece.get(f"{_W}font") or "").lower(), {})
                        parts.append(table.get(char, ""))
                    elif piece.tag == f"{_W}fldChar":
                        parts.append(_checkbox(piece))
                    elif piece.tag == f"{_W}ruby":
                        base = piece.find(f"{_W}rubyBase")
                        if base is not None:
                            walk(base)
            elif _empty_control(child):
                continue        # `单击或点击此处输入文字。`: a control left empty
            elif child.tag == f"{_MC}AlternateContent":
                chosen = child.find(f"{_MC}Choice")     # (the same text again in mc:Fallback)
                if chosen is None:
                    chosen = child.find(f"{_MC}Fallback")
                if chosen is not None:
                    walk(chosen)
            elif child.tag in _RUN_HOLDERS:
                walk(child)
    walk(p)
    return "".join(parts)


def _numbered_text(numbers, p) -> str:
    text = paragraph_text(p)
    return numbers.label(p) + text if text.strip() else text


_NOTE_SEPARATORS = ("separator", "continuationSeparator", "continuationNotice")


def document_notes(document) -> dict[tuple[str, str], list[str]]:
    """A .docx's footnotes and endnotes: (kind, id) -> their paragraphs' text (Word's own separator
    notes left out)."""
    from lxml import etree

    notes: dict[tuple[str, str], list[str]] = {}
    for rel in document.part.rels.values():
        kind = rel.reltype.rsplit("/", 1)[-1]       # ".../footnotes", ".../endnotes"
        if kind not in ("footnotes", "endnotes") or rel.is_external:
            continue
        try:
            root = etree.fromstring(rel.target_part.blob)
        except etree.XMLSyntaxError:
            continue        # damaged notes: the body is still read
        for note in root.findall(f"{_W}{kind[:-1]}"):
            if note.get(f"{_W}type") not in _NOTE_SEPARATORS:
                notes[(kind[:-1], note.get(f"{_W}id"))] = [paragraph_text(p) for p in note.iter(f"{_W}p")]
    return notes


def attached_lines(p, notes: dict) -> list[str]:
    """What Word shows with a paragraph though not in its runs: its text boxes' paragraphs (a quotation
    set in a box; the newer drawing only, not the older copy Word keeps beside it for old readers),
    then the footnotes and endnotes it refers to, each with its number's place kept (`注：…`)."""
    lines: list[str] = []
    for box in p.iter(f"{_W}txbxContent"):
        if any(a.tag == f"{_MC}Fallback" or a.tag == f"{_W}txbxContent" for a in box.iterancestors()):
            continue
        lines.extend(paragraph_text(q) for q in box.iter(f"{_W}p"))
    for kind in ("footnote", "endnote"):
        for ref in p.iter(f"{_W}{kind}Reference"):
            lines.extend("注：" + text.strip() if i == 0 else text
                         for i, text in enumerate(notes.get((kind, ref.get(f"{_W}id")), [])))
    return [line for line in lines if line.strip()]


def _cell_text(texts: list[str]) -> str:
    """A table cell's paragraphs as lines; a label written down the cell a character a line
    (`学` `习` `内` `容`, in a tall cell) as the word it is."""
    kept = [t for t in texts if t.strip()]
    if len(kept) >= 2 and all(len(zh.clean_line(t)) == 1 for t in kept):
        return "".join(zh.clean_line(t) for t in kept)
    return "\n".join(texts)


def _body_blocks(parent):
    """The paragraphs and tables of a body or a table cell in order, those inside content controls
    (`w:sdt`, which Word uses for a form's fields or a whole section) and tracked insertions too."""
    for block in parent.iterchildren():
        if block.tag in (f"{_W}p", f"{_W}tbl", f"{_W}altChunk"):
            yield block
        elif _empty_control(block):
            continue
        elif block.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}ins", f"{_W}customXml"):
            yield from _body_blocks(block)


def _unwrap_controls(tbl) -> None:
    """Rows and cells inside content controls (a repeating section, a cell's control) as plain rows
    and cells, which python-docx's Table reads only when they are the table's or row's own."""
    # (in document order: a control inside one unwrapped (Word's repeating section, sdt > sdt > tr)
    # is the table's or row's own once its holder is unwrapped, so its parent is looked at then)
    for holder in list(tbl.iter(f"{_W}sdt", f"{_W}customXml")):
        if holder.getparent() is None or holder.getparent().tag not in (f"{_W}tbl", f"{_W}tr"):
            continue
        content = holder.find(f"{_W}sdtContent") if holder.tag == f"{_W}sdt" else holder
        parent, at = holder.getparent(), holder.getparent().index(holder)
        for i, child in enumerate([c for c in (content if content is not None else []) if c.tag != f"{_W}sdtPr"]):
            parent.insert(at + i, child)
        parent.remove(holder)


def _cell_paragraphs(tc):
    """A cell's paragraphs in order, those of a table nested in it too."""
    for block in _body_blocks(tc):
        if block.tag == f"{_W}p":
            yield block
        elif block.tag == f"{_W}tbl":
            for cell in block.iter(f"{_W}tc"):
                if cell.getparent().getparent() is block:
                    yield from _cell_paragraphs(cell)


# The main part's content type in a .docm, .dotx and .dotm, and in a .docx (python-docx opens only that)
_OTHER_MAIN_TYPES = (b"application/vnd.ms-word.document.macroEnabled.main+xml",
                     b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
                     b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml")
_DOCUMENT_MAIN_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def _as_document_package(path: Path):
    """What python-docx opens for `path`: the path of a .docx, or a copy in memory of a document
    with macros or a template whose main part is named a document's (the text is the same; the
    macros are never run or read)."""
    import io
    import zipfile
    with zipfile.ZipFile(path) as package:
        try:
            types = package.read("[Content_Types].xml")
        except KeyError:
            return str(path)        # (python-docx says what is wrong)
        if not any(t in types for t in _OTHER_MAIN_TYPES):
            return str(path)
        for other in _OTHER_MAIN_TYPES:
            types = types.replace(other, _DOCUMENT_MAIN_TYPE)
        copy = io.BytesIO()
        with zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as out:
            for item in package.infolist():
                out.writestr(item, types if item.filename == "[Content_Types].xml" else package.read(item))
    copy.seek(0)
    return copy


def docx_record(path: Path, depth: int = 0) -> RecordText:
    """A .docx record as text lines: body paragraphs and tables in document order. A header table
    row like | 时间 | 2020年3月4日 | becomes `时间：2020年3月4日`, and a row of several such pairs
    (| 时间 | 2020年3月4日 | 地点 | 会议室 |) one line per pair, so the text parser reads them. The
    paragraphs Word styles as headings, unnumbered, are noted (rag/word_styles.py)."""
    import zipfile

    try:
        import docx
        from docx.table import Table
    except ImportError as exc:
        raise UnreadableFile("is a .docx file, and reading those needs python-docx: "
                             "pip install python-docx") from exc
    if not zipfile.is_zipfile(path):
        raise UnreadableFile(f"has the {path.suffix.lower()} extension but is not a Word document (not a zip file: damaged, cut "
                             "off in copying, or another kind of file renamed); open it in Word or WPS and "
                             "save it as .docx, or copy it again from where it came")
    try:
        document = docx.Document(_as_document_package(path))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds on damaged files
        raise UnreadableFile(f"is a damaged {path.suffix.lower()} file, or another kind of file renamed "
                             f"{path.suffix.lower()} ({type(exc).__name__}: "
                             f"{exc}); open it in Word or WPS and save it as .docx (Word 文档)") from exc
    lines: list[str] = []
    headings: set[int] = set()
    numbers = ListNumbers(document)     # `一、` of a heading typed as a numbered list: not in its text
    styled = HeadingStyles(document)
    notes = document_notes(document)
    for block in _body_blocks(document.element.body):
        tag = block.tag.rsplit("}", 1)[-1]
        # lines as the text will be split (a soft line break, a cell of several paragraphs: more
        # than one), so that a heading's number is its line's
        if tag == "p" and styled.is_contents(block):
            continue        # a compilation's table of contents: its records' titles, not records
        if tag == "p":
            label, text = numbers.label(block), paragraph_text(block)
            at = len(lines) + 1
            lines.extend((label + text if text.strip() else text).split("\n"))
            if text.strip() and not label and styled.is_heading(block):
                headings.add(at)
            lines.extend(attached_lines(block, notes))
        elif tag == "altChunk":
            # a web page embedded as the text (web systems' exports): read as Word lays it out
            for text in _laid_out(_embedded_page(document, block, depth) or ()):
                lines.extend(text.split("\n"))
        elif tag == "tbl":
            above: set[int] = set()
            _unwrap_controls(block)
            for row in Table(block, document).rows:
                cells = [cell._tc for cell in row.cells]
                # a cell merged down from the row above (python-docx gives it again): said once;
                # Word's own numbers in a cell (`1.`, `一、`) as in the body
                texts = ["" if id(tc) in above else
                         _cell_text([line for p in _cell_paragraphs(tc)
                                     for line in [_numbered_text(numbers, p), *attached_lines(p, notes)]])
                         for tc in cells]
                above = {id(tc) for tc in cells}
                for line in table_row_lines(texts):
                    lines.extend(line.split("\n"))
    text = "\n".join(lines)
    if not text.strip():
        if document.element.body.find(f"{_W}altChunk") is not None:
            raise UnreadableFile("holds its text as an embedded part (altChunk, as web systems export Word "
                                 "files) that is empty or of a kind not read (an HTML or MHT page, plain text, "
                                 "RTF and a Word document are); open it in Word or WPS and save it as .docx")
        raise UnreadableFile("is an empty Word document")
    return RecordText(text, headings=frozenset(headings))


_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


# A Word document embedded whole as an altChunk (documents merged by a program): read as a .docx is
_EMBEDDED_DOCUMENT_TYPES = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                            "application/vnd.ms-word.document.macroenabled.12")
_EMBEDDED_DEPTH = 3         # (one embedding another embedding…: no further)


def _embedded_page(document, chunk, depth: int = 0) -> list | None:
    """The lines of the part an altChunk points at (a web page, rag/webpage.py; plain text; a Word
    document), or None (missing, another kind)."""
    from .webpage import embedded_page_lines
    part = document.part.related_parts.get(chunk.get(_R_ID))
    if part is None:
        return None
    if part.content_type.lower() in ("application/rtf", "text/rtf"):
        from .rtf import rtf_lines
        return rtf_lines(part.blob)
    if part.content_type.lower() in _EMBEDDED_DOCUMENT_TYPES and depth < _EMBEDDED_DEPTH:
        import tempfile
        with tempfile.TemporaryDirectory() as folder:
            embedded = Path(folder) / "embedded.docx"
            embedded.write_bytes(part.blob)
            try:
                return docx_record(embedded, depth + 1).text.split("\n")
            except UnreadableFile:
                return None
    return embedded_page_lines(part.content_type, part.blob)


def _laid_out(page_lines) -> list[str]:
    """A web page's lines (rag/webpage.py) as a Word table's are: a table row as its lines (a
    header row as its fields, table_row_lines)."""
    return [text for line in page_lines for text in (table_row_lines(line) if isinstance(line, list) else [line])]


def rtf_text(path: Path) -> str:
    """An RTF document (.rtf, or a .doc saved as one) as text lines (rag/rtf.py), a table row laid
    out as a Word table's."""
    from .rtf import is_rtf, rtf_lines
    data = path.read_bytes()
    if not is_rtf(data):
        raise UnreadableFile("is named .rtf but is not an RTF document (another kind of file renamed); open it "
                             "in Word or WPS and save it as .docx")
    text = "\n".join(_laid_out(rtf_lines(data)))
    if not text.strip():
        raise UnreadableFile("is an RTF document with no text")
    return text


def web_page_text(path: Path, archive: bool | None = None) -> str:
    """A saved web page (.html, .htm) or web archive (.mht) as text lines (rag/webpage.py), read as
    a .docx's embedded page is. `archive`: whether it is an .mht (by its name when not said)."""
    from .webpage import embedded_page_lines
    if archive is None:
        archive = path.suffix.lower() in (".mht", ".mhtml")
    page_lines = embedded_page_lines("message/rfc822" if archive else "text/html", path.read_bytes())
    if page_lines is None:
        raise UnreadableFile("is not a web archive holding a page (no HTML part); open it in a browser and "
                             "save it as a web page (.html), or copy its text into a .txt file")
    text = "\n".join(_laid_out(page_lines))
    if not text.strip():
        raise UnreadableFile("is a web page with no text")
    return text


def word97_text(path: Path) -> str:
    """A Word 97-2003 `.doc` (or a `.wps` in that format) as text lines (rag/word97.py)."""
    from .word97 import NotWord97, doc_text

    if path.stat().st_size == 0:
        raise UnreadableFile("is empty")
    try:
        text = doc_text(path)
    except NotWord97 as exc:
        raise UnreadableFile(f"{exc}; open it in Word or WPS and save it as .docx") from exc
    except (ImportError, OSError, ValueError, IndexError, struct.error) as exc:
        raise UnreadableFile(f"is a damaged Word 97-2003 document ({type(exc).__name__}: {exc}); "
                             "open it in Word or WPS and save it as .docx") from exc
    if not text.strip():
        raise UnreadableFile("is an empty Word document")
    return text


# The last PDFs and images read, by their bytes' SHA-256: reading one takes a second per 20,000
# characters (a few seconds a page by OCR), and an upload is read to check it, then again by the
# build that indexes it.
_PDFS_READ: dict[str, tuple[str, list[int]]] = {}


def image_file_text(path: Path, progress=None) -> tuple[str, list[int]]:
    """An image's text by OCR (rag/pdf.py's image_text), and the page each line starts on."""
    from .pdf import image_text

    return _read_once(path, lambda: image_text(path, progress))


def pdf_file_text(path: Path, progress=None) -> tuple[str, list[int]]:
    """A PDF's text, its lines joined back into paragraphs (rag/pdf.py), and the page each line
    of the text starts on."""
    try:
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
        from pdfminer.psexceptions import PSException
        from .pdf import pdf_text
    except ImportError as exc:
        raise UnreadableFile("is a PDF, and reading those needs pdfminer.six: pip install pdfminer.six") from exc
    try:
        return _read_once(path, lambda: pdf_text(path, progress))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise UnreadableFile("is a password-protected PDF; open it, save a copy without the password "
                             "(or save the record as .docx), and add that") from exc
    except (PSException, ValueError, KeyError, TypeError, IndexError, AssertionError, struct.error) as exc:
        raise UnreadableFile(f"is a damaged PDF ({type(exc).__name__}: {exc}); open it and save "
                             "it again, or save the record as .docx") from exc


def _read_once(path: Path, read) -> tuple[str, list[int]]:
    """`read()` of a PDF or an image, or what it gave for the same bytes lately (_PDFS_READ); its
    reason in words when it holds nothing to read."""
    from .pdf import NotReadablePdf

    data = path.read_bytes()
    if not data:
        raise UnreadableFile("is empty")
    digest = hashlib.sha256(data).hexdigest()
    if digest not in _PDFS_READ:
        try:
            _PDFS_READ[digest] = read()
        except NotReadablePdf as exc:
            raise UnreadableFile(str(exc)) from exc
        while len(_PDFS_READ) > 4:
            _PDFS_READ.pop(next(iter(_PDFS_READ)))
    return _PDFS_READ[digest]


def _without_contents(cleaned: list[str]) -> None:
    """A table of contents typed out (`目录`, then `集中学习记录（第1次）\t1`…: two entries or more)
    left out, in place: a compilation's list of its records would be read as titles or text. (Without
    its `目录` line, two such lines may be a table's rows, `北京\t12`: kept.)"""
    entries = [i for i, line in enumerate(cleaned) if zh.is_contents_line(line)]
    runs: list[list[int]] = []
    for i in entries:
        if runs and all(not cleaned[j] for j in range(runs[-1][-1] + 1, i)):
            runs[-1].append(i)
        else:
            runs.append([i])
    # (a compilation's, before its first record: a contents list pasted within a record's text is
    # that text's, and stays)
    first_title = next((i for i, line in enumerate(cleaned) if zh.is_title_line(line)), len(cleaned))
    for run in runs:
        if len(run) < 2 or run[0] > first_title:
            continue
        before = next((j for j in range(run[0] - 1, -1, -1) if cleaned[j]), None)
        if before is not None and zh.CONTENTS_TITLE.match(cleaned[before]):
            for i in [before, *run]:
                cleaned[i] = ""


def parse_sessions(text: str, source: str) -> list[Session]:
    """Split a file's text into sessions.

    A record starts at a `集中学习记录` title line (or one worded like it, `第一党支部集中学习记录（第3次）`,
    when a header field follows it); its header fields (时间/地点/方式/学习主题/学习内容,
    any colon, any order, any may be missing; 主持人, 参加人员, 记录人 and the like are kept in the
    header as written) come first, and everything after the header up to the
    next title line is its content, including speeches that follow without a header of their own
    (but a 时间 line followed by another header field opens the next record, titled or not).
    Text before the first title (or a file with no title at all) becomes a record of its own, dated
    from the file name when it holds a date."""
    lines = text.split("\n")
    sessions: list[Session] = []
    current: Session | None = None
    in_header = False
    last_field = None       # the header field read last (a value may go on in the next line)

    def start(has_header: bool) -> Session:
        session = Session(source=source, record=len(sessions), has_header=has_header)
        sessions.append(session)
        return session

    cleaned = [zh.clean_line(raw) for raw in lines]
    _without_contents(cleaned)

    def block_fields(at: int) -> dict[str, str]:
        """The fields of the run of field lines starting at index `at` (blank lines skipped; a field
        named again starts another run), each with its value."""
        found: dict[str, str] = {}
        for i in range(at, len(cleaned)):
            if cleaned[i]:
                fields = zh.match_fields(cleaned[i])
                if not fields or any(name in found and name != "other" for name, _ in fields):
                    break
                for name, value in fields:
                    found.setdefault(name, value)
        return found

    def block_labels(at: int) -> list[str]:
        """The labels of the run of field lines starting at index `at`, as block_fields reads it."""
        labels: list[str] = []
        for i in range(at, len(cleaned)):
            if cleaned[i]:
                if not zh.match_fields(cleaned[i]):
                    break
                labels.append(zh.field_label(cleaned[i]))
        return labels

    # Records that open with who took the minutes (`记录人：…` above `时间：…`): there it opens a record,
    # as any field does; elsewhere it closes the one above (below)
    first_field = next((line for line in cleaned if line and zh.match_fields(line)), "")
    closers_open = zh.closes_record(first_field)

    def next_field(at: int) -> str | None:
        """The field the next non-blank line after index `at` is, if it is one."""
        return next(iter(block_fields(at + 1)), None)

    def field_soon(at: int) -> bool:
        """Whether a field follows the line at index `at`, right after it or after a line or two a
        form puts under its title (`（2021年第3次）`, `填表单位：第一党支部`; not `具体安排如下`, nor a heading)."""
        between = 0
        for i in range(at + 1, len(cleaned)):
            if not cleaned[i]:
                continue
            if zh.match_fields(cleaned[i]):
                return True
            between += 1
            if between > 2 or not zh.is_under_title(cleaned[i]):
                return False
        return False

    for number, text_line in enumerate(cleaned, start=1):
        if not text_line or (current is None and zh.is_rule_line(text_line)):
            continue        # `------` above the first record: no record of its own
        after_title = zh.fields_after_title(text_line)     # `集中学习记录　时间：2020年3月4日`
        if after_title or zh.is_title_line(text_line) or (zh.may_be_title_line(text_line) and (
                next_field(number - 1) or (not zh.is_heading(text_line) and field_soon(number - 1)))):
            current, in_header = start(True), True
            current.title_line = number
            last_field = None
            if not (after_title or zh.is_title_line(text_line)):    # `第一党支部集中学习记录（第3次）` says which: kept
                current.header.append(text_line)
            if not after_title:
                continue
            text_line = after_title
        if current is None:
            current, in_header = start(False), True
        fields = zh.match_fields(text_line)
        field = fields[0] if fields else None
        if (not field and in_header and not current.lines and last_field == "other" and zh.is_name_list(text_line)
                and next_field(number - 1)):
            # `参加人员：` / `张三、李四、王五…`: its names on the next line, however many
            current.header[-1] += text_line
            continue
        if (not field and in_header and not current.lines and len(text_line) <= 30 and next_field(number - 1)
                and not text_line.endswith(tuple(zh.COLONS)) and not zh.ends_sentence(text_line)):
            # (a line ending in a colon, `讨论情况：`, opens a part of the text; one ending a sentence is text)
            if last_field == "date" and not current.date_text and zh.parse_date(text_line):
                # `时间：` with its date on the next line (a form's cell wrapped)
                _set_field(current, "date", text_line)
                current.date_line = number
                current.header[-1] += text_line
                continue
            if last_field == "topic" and current.topic:
                # `学习主题：健全国家公共卫生` / `应急管理体系`: a topic wrapped onto a second line
                current.topic += text_line
                current.header[-1] += text_line
                continue
            if current.title_line:
                # a line between the title and its fields (`（2020年第3次）`, `填表单位：第一党支部`): the header's
                # (a date alone there, `2020年3月4日`, is the record's when no 时间 gives one: below)
                current.header.append(text_line)
                continue
        # Records kept without titles, one after another: a 时间 line after content, followed by
        # another header field (`地点：…`, `学习内容：`), opens the next record. One field line alone
        # is content (a notice studied may say `时间：…`), and in a titled record so are a notice's
        # `时间：…　地点：…` with no field of a study record (方式, 学习主题, 学习内容) among them. A
        # 时间 with nothing after it is a table's column heads (`时间 | 学习内容 | 参加人员`), no record.
        # (The run of fields may open with another than 时间: `学习主题：…` then `时间：…`.)
        # A record's closing lines (`记录人：李四`) open none, though the next record's fields follow them;
        # nor does a notice's numbered `一、活动时间：…`, quoted in a titled record's text.
        block = (block_fields(number - 1) if field and not in_header and current.lines
                 and (closers_open or not zh.closes_record(text_line)) else {})
        if (block.get("date", "").strip() and len(block) >= 2
                and (not current.title_line or (block.keys() & {"format", "topic", "content"} and not (
                    zh.names_notice_field(text_line)
                    and not any(label.startswith("学习") for label in block_labels(number - 1)))))):
            current, in_header = start(current.has_header), True
            last_field = None
        # Header fields are read until content starts; a field line inside the content is content,
        # except before the first content line (学习内容 may come before 学习主题).
        if field and (in_header or not current.lines):
            if (field[0] == "date" and current.date and in_header and not current.lines
                    and not (zh.parse_date(field[1]) or zh.month_day_without_year(field[1]))):
                current.header.append(zh.before_content_field(text_line))    # the hour: `时间：下午3:00`
                continue
            if field[0] not in ("content", "other") and _has_field(current, *field):
                current.lines.append(Line(number, text_line))      # a field read already: text
                continue
            if field[0] != "content":
                current.header.append(zh.before_content_field(text_line))
            last_field = fields[-1][0]
            # A line may hold several fields (`时间：…　地点：…　方式：…`): each is read.
            for name, value in fields:
                if name == "content":
                    in_header = False
                    if value:
                        current.lines.append(Line(number, value))
                elif name != "other" and not _has_field(current, name, value):
                    _set_field(current, name, value)
                    if name == "date":
                        current.date_line = number
            continue
        in_header = False
        current.lines.append(Line(number, text_line))

    for session in sessions:
        # the lines closing a record (`记录人：李四`, `审核人签字：张三`) are its header's, not its text
        closing = []
        while not closers_open and session.lines and zh.closes_record(session.lines[-1].text):
            closing.insert(0, session.lines.pop().text)
        session.header.extend(closing)
        if session.date is None and not session.date_text:
            # `集中学习记录（2020年3月4日）`, or a date alone under the title: the record's, else the file name's
            dated = next((line for line in session.header if zh.parse_date(line) and (
                zh.may_be_title_line(line) or zh.is_date_line(line))), "")
            session.date = zh.parse_date(dated) or zh.parse_date(Path(source).name)
            if dated:
                session.date_text = dated
    _years_of_dates_without_one(sessions, Path(source).name)
    for session in sessions:
        session.date_end = _last_day(session)
    return sessions


def _last_day(session: Session) -> str | None:
    """The last day of a session held over several days (`时间：2021年5月8日—9日`; without a year,
    `5月8日至9日`, in the year its first day was given), None for one day."""
    if not session.date or not session.date_text:
        return None
    text = session.date_text.strip()
    if zh.month_day_without_year(text):
        text = f"{session.date[:4]}年{text}"
    return zh.last_day(text) if zh.parse_date(text) == session.date else None


def _years_of_dates_without_one(sessions: list[Session], file_name: str) -> None:
    """`时间：6月7日`: the year of the record before it in the file (the next year when the day comes
    earlier in the year than that record's), else the year in the file name (`2021年学习记录.txt`);
    the session says where its year came from, and the build warns."""
    previous = None
    for session in sessions:
        month_day = zh.month_day_without_year(session.date_text) if session.date is None else None
        if month_day:
            year, year_from = None, ""
            if previous:
                before = date.fromisoformat(previous)
                year = before.year + (month_day < (before.month, before.day))
                year_from = "the record before it"
            elif zh.year_in_file_name(file_name):
                year, year_from = zh.year_in_file_name(file_name), "the file name"
            if year:
                try:
                    session.date = date(year, *month_day).isoformat()
                except ValueError:      # 2月29日 in a year without one: not guessed, said
                    session.year_tried = year
                session.year_from = year_from
        previous = session.date or previous


def _is_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
        return True
    except ValueError:
        return False


def dates_to_check(sessions: list[Session], today: date | None = None) -> list[FileProblem]:
    """Sessions indexed without a date, with a year read from elsewhere, or dated after `today`
    (default: the day it runs; `2041年3月15日` for 2021), each with where and why: date filters,
    date questions and `上次学习` cannot find them or take them wrongly, so the person who keeps the
    records should hear of it at build time."""
    problems = []
    today = today or date.today()
    file_has_text = any(session.lines or session.topic for session in sessions)
    for session in sessions:
        if session.has_header and not session.lines and not session.topic and file_has_text:
            # (a file holding nothing at all is reported as such by the build)
            problems.append(FileProblem(
                session.source, "this record has a header but no 学习主题 and no text under it, so nothing of it "
                "can be found (its date, place and other fields included); add its 学习主题 or 学习内容",
                session.title_line or session.date_line))
            continue
        if session.date and session.date > today.isoformat() and session.lines:
            problems.append(FileProblem(
                session.source, f"the date '{session.date_text or session.date}' is after today "
                f"({zh.format_date_cn(today.isoformat())}); correct it if it is a typo (the session is "
                f"indexed with that date meanwhile; 上次学习 counts the sessions up to today)", session.date_line))
        if session.year_tried and session.lines:
            month, day = zh.month_day_without_year(session.date_text)
            having_it = next(year for year in range(session.year_tried, 0, -1) if _is_date(year, month, day))
            problems.append(FileProblem(
                session.source, f"the date '{session.date_text}' has no year, and {session.year_tried} (the "
                f"year of {session.year_from}) has no {month}月{day}日; write the date with its year, like "
                f"{having_it}年{month}月{day}日 (the session is indexed without a date meanwhile)",
                session.date_line))
            continue
        if session.year_from and session.lines:
            problems.append(FileProblem(
                session.source, f"the date '{session.date_text}' has no year; read as {session.date} (the "
                f"year of {session.year_from}); write it like {zh.format_date_cn(session.date)} to be sure",
                session.date_line))
        if session.date or not session.lines:
            continue
        if zh.month_day_without_year(session.date_text):
            problems.append(FileProblem(
                session.source, f"the date '{session.date_text}' has no year, and neither a record before "
                f"it nor the file name gives one; write it like 2020年3月4日, or put the year in the file "
                f"name (学习记录_2021.txt) (the session is indexed without a date meanwhile)", session.date_line))
        elif session.date_text:
            problems.append(FileProblem(
                session.source, f"the date '{session.date_text}' is not a date; write it like "
                f"2020年3月4日 or 2020-03-04 (the session is indexed without a date meanwhile)",
                session.date_line))
        elif session.has_header:
            problems.append(FileProblem(
                session.source, "this record has no 时间 line; add one like 时间：2020年3月4日 (the "
                "session is indexed without a date meanwhile)", session.title_line))
        else:
            problems.append(FileProblem(
                session.source, "no 集中学习记录 title with a 时间 line, and no date in the file name; "
                "add a header, or name the file like 学习_2021-09-15.txt (indexed without a date "
                "meanwhile)", session.lines[0].number))
    return problems


_FIELD_ATTR = {"date": "date_text", "place": "place", "format": "format", "topic": "topic"}


def _has_field(session: Session, name: str, value: str) -> bool:
    """Whether the session holds field `name` already, so that `value` is text. A 时间 that held
    only the hour (`时间：下午3:00-5:00`, before `日期：2020年3月11日`) gives way to a date."""
    if name == "date" and session.date_text and session.date is None \
            and not zh.month_day_without_year(session.date_text):
        return not (zh.parse_date(value) or zh.month_day_without_year(value))
    return bool(getattr(session, _FIELD_ATTR[name]))


def _set_field(session: Session, name: str, value: str) -> None:
    if name == "date":
        session.date_text = value
        session.date = zh.parse_date(value)
    elif name in ("format", "place"):
        setattr(session, name, zh.ticked_options(value))     # a form's `☑集中学习 □专题研讨`: the one ticked
    else:
        setattr(session, name, value)


UNREADABLE_FOLDER = "folder cannot be opened"
BROKEN_LINK = "is a link to something not there"
SAME_FILE = "is the same file as"


def is_utf8_text(text: str) -> bool:
    """False for a file name or an argument holding bytes that are not UTF-8 (Python keeps them as
    lone surrogates: a GBK name unzipped on a UTF-8 system, a GBK terminal's question)."""
    try:
        text.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def scan_seeds(seeds_dir: Path) -> tuple[list[Path], list[FileProblem]]:
    """Record files under `seeds_dir` (recursively, sorted, hidden files and folders and Office's
    `~$` lock files skipped; folders linked in followed), and the other files, reported with the
    reason they are not indexed rather than dropped silently. A folder that cannot be opened is
    reported too, its path ending in `/` (UNREADABLE_FOLDER): its files are not gone, and the build
    keeps what it indexed of them."""
    records, problems = [], []
    found: list[Path] = []
    seen_folders: set[str] = set()

    def cannot_open(exc: OSError) -> None:
        rel = Path(exc.filename).relative_to(seeds_dir).as_posix() if exc.filename else "."
        problems.append(FileProblem(rel.rstrip("/") + "/", f"{UNREADABLE_FOLDER} ({exc.strerror or exc}); the "
                                    "passages of its files indexed before are kept; give the folder read "
                                    "permission (or mount its drive) and run the index again"))

    for folder, subfolders, files in os.walk(seeds_dir, onerror=cannot_open, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen_folders:        # a link back up the tree: each folder once
            subfolders[:] = []
            continue
        seen_folders.add(real)
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        found.extend(Path(folder) / name for name in files)
    seen_files: dict[tuple[int, int], str] = {}
    # (a file reached through a link after one reached without: the first name is the file's own)
    for path in sorted(found, key=lambda p: (os.path.realpath(p) != os.path.abspath(p), p)):
        rel = path.relative_to(seeds_dir)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if path.is_symlink() and not path.exists():
            # a link whose file or folder is gone (a drive not mounted, a share offline): its records
            # are not deleted, and the build keeps what it indexed of them. A link to a folder is said
            # as a folder (`/`), as one that cannot be opened is.
            shown = rel.as_posix() if rel.suffix.lower() in SUPPORTED_SUFFIXES else rel.as_posix() + "/"
            problems.append(FileProblem(shown, f"{BROKEN_LINK} ({os.readlink(path)} is not there); the passages "
                                        "indexed from it before are kept; mount its drive, or delete the link "
                                        "to remove them, and run the index again"))
            continue
        if not path.is_file():
            continue
        if not is_utf8_text(rel.as_posix()):
            # a GBK name from a Windows zip on a UTF-8 system: the index (plain UTF-8 files) cannot
            # hold it, and the build stopped at its end; said, with how to fix it
            shown = rel.as_posix().encode("utf-8", "surrogateescape").decode("gb18030", "replace")
            problems.append(FileProblem(rel.as_posix().encode("utf-8", "backslashreplace").decode(),
                                        f"its name is not UTF-8 (a name from a Windows zip? it may read "
                                        f"'{shown}'); rename the file and run the index again"))
            continue
        if path.name.startswith("~$"):   # the lock file Word keeps beside a document it has open
            continue
        if path.suffix.lower() in SUPPORTED_SUFFIXES:
            try:
                stat = path.stat()
            except OSError:
                records.append(path)        # (said when it is read)
                continue
            same = seen_files.setdefault((stat.st_dev, stat.st_ino), rel.as_posix())
            if same != rel.as_posix():
                # a link (or a hard link) to a file indexed under its own name: its sessions once
                problems.append(FileProblem(rel.as_posix(), f"{SAME_FILE} {same} (a link to it); indexed "
                                            f"once, as {same}"))
                continue
            records.append(path)
        else:
            problems.append(FileProblem(rel.as_posix(), f"file type '{path.suffix or '(none)'}' is not "
                                        f"supported; save it as .docx, .txt, .md, .pdf or an image"))
    return sorted(records), sorted(problems, key=lambda p: p.source)


def load_sessions(path: Path, seeds_dir: Path, progress=None) -> list[Session]:
    """Read and parse one file; raises UnreadableFile with the reason. A PDF's lines carry their
    page (a PDF is cited and found by its pages), a Word document's the headings its styles mark."""
    record = read_record(path, progress)
    sessions = parse_sessions(record.text, path.relative_to(seeds_dir).as_posix())
    for line in (line for session in sessions for line in session.lines):
        if record.pages:
            line.page = record.pages[line.number - 1] if line.number <= len(record.pages) else None
        line.styled_heading = line.number in record.headings
    return sessions
