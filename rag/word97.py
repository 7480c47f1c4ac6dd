"""Word 97-2003 `.doc` files (and WPS Writer files saved in that format) as text lines: the main
document's text, found through the piece table that [MS-DOC] describes (the File Information Block
gives where the table stream holds it; each piece is 8-bit or UTF-16 text in the WordDocument
stream). Paragraphs become lines, a table row's cells are read as a header field where they are one
(| 时间 | 2020年3月4日 | -> `时间：2020年3月4日`, as in .docx), and field codes leave their shown result.
Only the main text is read: no headers, footers, footnotes or comments."""
from __future__ import annotations

import struct
from pathlib import Path

from .word97_lists import Word97Lists

_FIB_MAGIC = 0xA5EC
_WORD97_FIB = 0x00C0         # FibBase.nFib: 0x00C1 from Word 97 on; Word 6 and 95 wrote 0x0065-0x0068
_FLAGS_AT, _ENCRYPTED, _WHICH_TABLE = 0x0A, 0x0100, 0x0200
_CCP_TEXT_AT = 0x4C          # FibRgLw97.ccpText: characters in the main document
_CLX_AT = 0x01A2             # FibRgFcLcb97.fcClx / lcbClx: the piece table in the table stream
# Characters of the text that are structure, not content
_CELL_END, _FIELD_BEGIN, _FIELD_SEPARATOR, _FIELD_END = "\x07", "\x13", "\x14", "\x15"
_AS_LINE_BREAK = str.maketrans({"\x0b": "\n", "\x0c": "\n", "\x0e": "\n", "\x1e": "-", "\x1f": None,
                                "\x01": None, "\x08": None, "\x05": None, "\xa0": " "})


class NotWord97(ValueError):
    """The file is not a Word 97-2003 document this reader can read, with the reason in words."""


def doc_text(path: Path) -> str:
    """The main text of a Word 97-2003 document, a line per paragraph; table rows as in .docx."""
    import olefile

    if not olefile.isOleFile(str(path)):
        raise NotWord97("is not a Word 97-2003 document (not an OLE compound file)")
    with olefile.OleFileIO(str(path)) as ole:
        if not ole.exists("WordDocument"):
            raise NotWord97("holds no Word text (no WordDocument stream): an older WPS or another format")
        word = ole.openstream("WordDocument").read()
        if len(word) < _CLX_AT + 8 or struct.unpack_from("<H", word, 0)[0] != _FIB_MAGIC:
            raise NotWord97("is not a Word 97-2003 document (its header is not Word's)")
        if struct.unpack_from("<H", word, 2)[0] < _WORD97_FIB:
            raise NotWord97("is a Word 6 or Word 95 document, whose text this reader does not read")
        flags = struct.unpack_from("<H", word, _FLAGS_AT)[0]
        if flags & _ENCRYPTED:
            raise NotWord97("is password-protected")
        table_name = "1Table" if flags & _WHICH_TABLE else "0Table"
        if not ole.exists(table_name):
            raise NotWord97(f"is damaged (its {table_name} stream is missing)")
        table = ole.openstream(table_name).read()
    ccp_text = struct.unpack_from("<i", word, _CCP_TEXT_AT)[0]
    fc_clx, lcb_clx = struct.unpack_from("<II", word, _CLX_AT)
    text, marks = _main_text(word, table[fc_clx:fc_clx + lcb_clx], ccp_text)
    return "\n".join(_lines(_without_field_codes(_numbered(text, marks, Word97Lists(word, table)))))


def _numbered(text: str, marks: list[int], lists: Word97Lists) -> str:
    """Each paragraph of Word's own numbered lists with the number Word shows before it (`一、`),
    which its text does not hold; `marks`: where each paragraph mark stands in the WordDocument
    stream, which its list properties are looked up by."""
    if not lists.runs:
        return text
    paragraphs = text.split("\r")
    for i, mark in enumerate(marks[:len(paragraphs)]):
        label = lists.label(mark)
        if label and paragraphs[i].strip():
            # after a table, the paragraph's own text follows the row's last cell mark
            cut = paragraphs[i].rfind(_CELL_END) + 1
            paragraphs[i] = paragraphs[i][:cut] + label + paragraphs[i][cut:]
    return "\r".join(paragraphs)


def _main_text(word: bytes, clx: bytes, ccp_text: int) -> tuple[str, list[int]]:
    """The document's first `ccp_text` characters, piece by piece (Clx: Prc entries, then the Pcdt),
    and where in the WordDocument stream each paragraph mark stands."""
    at = 0
    while at < len(clx) and clx[at] == 0x01:                 # Prc: formatting, passed over
        at += 3 + struct.unpack_from("<h", clx, at + 1)[0]
    if at >= len(clx) or clx[at] != 0x02:
        raise NotWord97("is damaged (no piece table)")
    lcb = struct.unpack_from("<I", clx, at + 1)[0]
    plc = clx[at + 5:at + 5 + lcb]
    count = (len(plc) - 4) // 12
    cps = struct.unpack_from(f"<{count + 1}I", plc, 0)
    pieces, marks = [], []
    for i in range(count):
        start, end = cps[i], min(cps[i + 1], ccp_text)
        if end <= start:
            continue
        fc = struct.unpack_from("<I", plc, 4 * (count + 1) + 8 * i + 2)[0]
        if fc & 0x40000000:                                  # 8-bit text (Windows-1252) at fc / 2
            offset = (fc & 0x3FFFFFFF) // 2
            raw = word[offset:offset + end - start]
            pieces.append(raw.decode("cp1252", errors="replace"))
            marks.extend(offset + i for i, byte in enumerate(raw) if byte == 0x0D)
        else:                                                # UTF-16LE
            raw = word[fc:fc + 2 * (end - start)]
            pieces.append(raw.decode("utf-16-le", errors="replace"))
            marks.extend(fc + i for i in range(0, len(raw) - 1, 2) if raw[i] == 0x0D and raw[i + 1] == 0)
    return "".join(pieces), marks


def _without_field_codes(text: str) -> str:
    """A field (`HYPERLINK …`, `PAGE`) keeps only what it shows: what lies between its separator
    and its end (none for a field without one); fields nest."""
    out, stack = [], []          # per open field: whether its shown part has begun
    for ch in text:
        if ch == _FIELD_BEGIN:
            stack.append(False)
        elif ch == _FIELD_SEPARATOR and stack:
            stack[-1] = True
        elif ch == _FIELD_END and stack:
            stack.pop()
        elif all(stack):
            out.append(ch)
    return "".join(out)


def _lines(text: str) -> list[str]:
    """Paragraph marks are line ends; a table's cells end with a cell mark and its rows with one
    more, so a row is read as its cells (a header field where it is one, as records.docx_text does)."""
    from .records import table_row_lines

    lines = []
    for paragraph in text.translate(_AS_LINE_BREAK).split("\r"):
        if _CELL_END not in paragraph:
            lines.extend(paragraph.split("\n"))
            continue
        for row in paragraph.split(_CELL_END * 2):
            lines.extend(table_row_lines(row.split(_CELL_END)))
    return lines
