"""A web page's text as lines, for the pages Word files carry in place of their own text: web
systems (OA, 学习平台) export a record as a .docx whose body is one `w:altChunk`, a pointer to an
HTML, XHTML or MHT (web archive) part that Word lays out when it opens the file. Paragraphs,
headings, list items and line breaks each start a line; a table row gives its cells (the caller
reads a header row as fields, as in a Word table); scripts, styles and the page's <head> are not
text. Only the standard library: html.parser and email (for MHT)."""
from __future__ import annotations

import codecs
import email
import re
from html.parser import HTMLParser

# Elements that start and end a line of text
_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "pre",
           "section", "article", "header", "footer", "table", "ul", "ol", "center", "address", "caption"}
# (not <head>: its end tag may be left out, and what it holds that is no text is skipped below)
_SKIPPED = {"script", "style", "title", "noscript", "template", "xml"}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)


class _PageLines(HTMLParser):
    """Collects `lines` (str) and table rows (lists of cell texts, for the caller to lay out)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines: list = []           # str, or a list of cells for a table row
        self._text: list[str] = []
        self._skipping = 0
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def _flush(self) -> None:
        text = _spaced("".join(self._text))
        self._text = []
        if self._cell is not None:
            if text:
                self._cell.append(text)
        elif text:
            self.lines.append(text)

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED:
            self._skipping += 1
        elif tag in ("br", "hr"):
            self._flush()
        elif tag == "tr":
            self._flush()
            self._end_row()         # (`</tr>` may be left out, as HTML allows)
            self._row = []
        elif tag == "table" and self._cell is not None:
            # a table inside a cell: the outer one lays the page out (a frame around the record),
            # its cells are lines, the inner table's rows are rows
            self._flush()
            if self._row:
                self.lines.extend(self._row)
            self.lines.extend(self._cell)
            self._row = self._cell = None
        elif tag in ("td", "th"):
            self._flush()
            self._end_cell()
            self._cell = []
        elif tag in _BLOCKS:
            self._flush()

    def handle_startendtag(self, tag, attrs):
        if tag in ("br", "hr"):
            self._flush()

    def handle_endtag(self, tag):
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in ("td", "th"):
            self._flush()
            self._end_cell()
        elif tag == "tr":
            self._flush()
            self._end_row()
        elif tag in _BLOCKS:
            self._flush()

    def _end_row(self) -> None:
        self._end_cell()
        if self._row:
            self.lines.append(self._row)
        self._row = None

    def _end_cell(self) -> None:
        if self._cell is not None:
            if self._row is not None:
                self._row.append("\n".join(self._cell))
            else:
                self.lines.extend(self._cell)
            self._cell = None

    def handle_data(self, data):
        if not self._skipping:
            self._text.append(data)

    def close(self):
        super().close()
        self._flush()
        self._end_cell()
        if self._row:
            self.lines.append(self._row)


def _spaced(text: str) -> str:
    # HTML's white space is one space, except the ideographic space (`　　` indentation is text's)
    # and a no-break space, which stays one space
    return re.sub(r"[ \t\r\n\f]+", " ", text.replace("\xa0", " ")).strip(" ")


def page_lines(html: str) -> list:
    """The page's lines: each a str, or a table row as a list of its cells' texts."""
    parser = _PageLines()
    parser.feed(html)
    parser.close()
    return parser.lines


def decoded_page(data: bytes, charset: str | None = None) -> str:
    """An HTML page's bytes as text: the charset given (a MIME header's), else the page's own
    <meta charset>, else UTF-8, else GB18030 (pages Chinese systems write without saying)."""
    # (a byte-order mark says it first, as browsers read it: Word's `Unicode` web pages are UTF-16)
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    found = _CHARSET.search(data[:4096])
    for name in (charset, found.group(1).decode("ascii", "replace") if found else None, "utf-8", "gb18030"):
        if not name:
            continue
        try:
            return data.decode("gb18030" if name.lower() in ("gb2312", "gbk") else name)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", errors="replace")


def mht_page(data: bytes) -> str | None:
    """The HTML page of an MHT web archive (MIME multipart), decoded, or None when it holds none;
    a page saved as .mht that is plain HTML (no MIME header) is that page."""
    if re.match(rb"\s*(?:\xef\xbb\xbf)?\s*<(?:!doctype|html|head|body|meta|p|div|table)\b", data[:1024], re.I):
        return decoded_page(data)
    message = email.message_from_bytes(data)
    for part in message.walk():
        if part.get_content_type() in ("text/html", "application/xhtml+xml"):
            payload = part.get_payload(decode=True) or b""
            return decoded_page(payload, part.get_content_charset())
    return None


def embedded_page_lines(content_type: str, data: bytes) -> list | None:
    """The lines of a part a Word file embeds as its text (altChunk), by its content type; None
    for a kind of part that is not read here (an embedded Word document, RTF)."""
    content_type = content_type.lower()
    if content_type in ("text/html", "application/xhtml+xml"):
        return page_lines(decoded_page(data))
    if content_type in ("message/rfc822", "multipart/related"):
        page = mht_page(data)
        return page_lines(page) if page is not None else None
    if content_type == "text/plain":
        return decoded_page(data).splitlines()
    return None
