"""Rich Text Format (.rtf, as Word and WPS save it, and as some OA systems export a "Word" file or
embed one in a .docx) read as lines of text, with the standard library only: paragraphs and line
breaks end a line, a table row gives its cells (records.py lays a header row `时间 | 2020年3月4日` out
as its field), and what is no text (font and style tables, pictures, field codes, document
properties) is left out. Chinese text is either `\\uN` characters or `\\'hh` bytes in the document's
code page (`\\ansicpg936`: GBK)."""
from __future__ import annotations

import re

# Groups that hold no text of the document (their first control word says so), or whose text is a
# field's code, a bookmark's name or a picture's bytes. `\\*` before a group's first word marks a
# destination a reader may skip: all of them are skipped.
_SKIPPED = frozenset("""fonttbl colortbl stylesheet info pict object objdata themedata colorschememapping
latentstyles datastore xmlnstbl listtable listoverridetable rsidtbl generator mmathPr fldinst
bkmkstart bkmkend shpinst nonshppict header headerl headerr headerf footer footerl footerr footerf
filetbl revtbl pgdsctbl xe tc template userprops docvar""".split())
_TOKEN = re.compile(rb"\\([a-zA-Z]+)(-?\d+)? ?|\\'([0-9a-fA-F]{2})|\\(.)|([{}])|[\r\n]+|([^\\{}\r\n]+)", re.S)
# control symbols standing for a character
_SYMBOLS = {b"~": "\u00a0", b"_": "-", b"-": "", b"\\": "\\", b"{": "{", b"}": "}", b"\t": "\t"}


def is_rtf(data: bytes) -> bool:
    return data.lstrip()[:5] == b"{\\rtf"


def rtf_lines(data: bytes) -> list:
    """The document's lines: a string per paragraph, a list of cell texts per table row."""
    codepage = _codepage(data)
    lines: list = []
    row: list[str] = []
    text: list[str] = []
    pending = bytearray()       # \\'hh bytes, decoded together (a GBK character is two)
    skip_depth = None           # the group depth below which everything is skipped
    depth, uc, fallback = 0, 1, 0
    group_start = False         # the next control word opens a group (a destination's name)

    def flush_bytes():
        if pending:
            text.append(pending.decode(codepage, errors="replace"))
            pending.clear()

    def end_line():
        flush_bytes()
        lines.append("".join(text))
        text.clear()

    pos = 0
    while (m := _TOKEN.search(data, pos)) is not None:
        pos = m.end()
        word, number, hexbyte, symbol, brace, chars = m.groups()
        if word == b"bin" and number:
            # `\\binN`: N bytes of binary data follow, in whatever group (a picture's or not); a brace
            # or a backslash among them is no token
            pos += max(int(number), 0)
            continue
        if brace == b"{":
            depth += 1
            group_start = True
            continue
        if brace == b"}":
            if skip_depth is not None and depth <= skip_depth:
                skip_depth = None
            depth -= 1
            group_start = False
            continue
        opening, group_start = group_start, False
        if skip_depth is not None:
            continue
        if symbol == b"*" and opening:
            skip_depth = depth           # `{\\*\\destination …}`: not text
            continue
        if word is not None:
            name = word.decode("ascii")
            if opening and name in _SKIPPED:
                skip_depth = depth
                continue
            if name == "uc" and number:
                uc = int(number)
            elif name == "u" and number:
                flush_bytes()
                text.append(chr(int(number) % 65536))
                fallback = uc            # the characters after it stand in for it in old readers
                continue
            elif name in ("par", "line", "sect", "page"):
                end_line()
            elif name == "tab":
                flush_bytes()
                text.append("\t")
            elif name == "cell":
                flush_bytes()
                row.append("".join(text).strip())
                text.clear()
            elif name == "row":
                flush_bytes()
                if row:
                    lines.append(row)
                row = []
                text.clear()
            fallback = 0
            continue
        if hexbyte is not None:
            if fallback:
                fallback -= 1
                continue
            pending.append(int(hexbyte, 16))
            continue
        if symbol is not None:
            if fallback:
                fallback -= 1
                continue
            flush_bytes()
            text.append(_SYMBOLS.get(symbol, ""))
            continue
        if chars is not None:
            if fallback:                 # (a \\u's stand-in: `?` or a byte)
                skipped = min(fallback, len(chars))
                chars, fallback = chars[skipped:], fallback - skipped
            if chars:
                flush_bytes()
                text.append(chars.decode(codepage, errors="replace"))
    end_line()
    if row:
        lines.append(row)
    return [line.strip() if isinstance(line, str) else line for line in lines]


def _codepage(data: bytes) -> str:
    """The code page of the document's `\\'hh` bytes: `\\ansicpgN`, else GBK where a font is
    Chinese (`\\fcharset134`), else UTF-8 for text written as is that reads as UTF-8, else
    Windows-1252."""
    m = re.search(rb"\\ansicpg(\d+)", data[:4096])
    if m and m.group(1) in (b"936", b"54936"):
        return "gb18030"
    if b"\\fcharset134" in data:      # (a Chinese font in a document saved with the Western code page)
        return "gb18030"
    if m and m.group(1) != b"1252":
        return f"cp{int(m.group(1))}"
    try:        # (no code page said, and text written as is by a program: UTF-8 when it reads as such)
        data.decode("utf-8")
        return "utf-8" if not m and re.search(rb"[\x80-\xff]", data) else "cp1252"
    except UnicodeDecodeError:
        return "cp1252"
