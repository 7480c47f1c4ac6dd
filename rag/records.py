"""Files -> Sessions. Decodes text files and splits them into `集中学习记录` records."""
from __future__ import annotations

import codecs
from pathlib import Path

from . import zh
from .types import FileProblem, Line, Session

SUPPORTED_SUFFIXES = (".txt", ".md", ".docx")
# Files above this size are almost certainly not session records (a dump, a log, a binary).
MAX_FILE_BYTES = 20 * 1024 * 1024


class UnreadableFile(Exception):
    """Raised with a plain-words reason when a file cannot be decoded as text."""


def decode_bytes(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK; normalise line ends."""
    if data.startswith(codecs.BOM_UTF8):
        text = data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UnreadableFile(f"starts like UTF-16 but is not valid UTF-16 ({exc.reason})") from exc
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
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text_file(path: Path) -> str:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise UnreadableFile(f"is {size / 1e6:.0f} MB; records over {MAX_FILE_BYTES // 2**20} MB are skipped")
    if path.suffix.lower() == ".docx":
        return docx_text(path)
    text = decode_bytes(path.read_bytes())
    if not text.strip():
        raise UnreadableFile("is empty")
    return text


def docx_text(path: Path) -> str:
    """A .docx record as text lines: body paragraphs and tables in document order. A header table
    row like | 时间 | 2020年3月4日 | becomes `时间：2020年3月4日`, so the text parser reads it."""
    import zipfile

    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError as exc:
        raise UnreadableFile("is a .docx file, and reading those needs python-docx: "
                             "pip install python-docx") from exc
    if not zipfile.is_zipfile(path):
        raise UnreadableFile("has the .docx extension but is not a Word document (not a zip file)")
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds on damaged files
        raise UnreadableFile(f"is a damaged .docx file ({type(exc).__name__}: {exc})") from exc
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(block, document).text)
        elif tag == "tbl":
            for row in Table(block, document).rows:
                cells = []
                for cell in row.cells:  # merged cells repeat: keep each text once per row
                    text = cell.text.strip()
                    if text and (not cells or cells[-1] != text):
                        cells.append(text)
                if len(cells) >= 2 and zh.match_field(cells[0] + "：") and len(cells[0]) <= 6:
                    lines.append(cells[0] + "：" + " ".join(cells[1:]))
                    continue
                lines.extend(cells)
    text = "\n".join(lines)
    if not text.strip():
        raise UnreadableFile("is an empty Word document")
    return text


def parse_sessions(text: str, source: str) -> list[Session]:
    """Split a file's text into sessions.

    A record starts at a `集中学习记录` title line; its header fields (时间/地点/方式/学习主题/学习内容,
    any colon, any order, any may be missing) come first, and everything after the header up to the
    next title line is its content, including speeches that follow without a header of their own.
    Text before the first title (or a file with no title at all) becomes a record of its own, dated
    from the file name when it holds a date."""
    lines = text.split("\n")
    sessions: list[Session] = []
    current: Session | None = None
    in_header = False

    def start(has_header: bool) -> Session:
        session = Session(source=source, record=len(sessions), has_header=has_header)
        sessions.append(session)
        return session

    for number, raw in enumerate(lines, start=1):
        text_line = zh.clean_line(raw)
        if not text_line:
            continue
        if zh.is_title_line(text_line):
            current, in_header = start(True), True
            continue
        if current is None:
            current, in_header = start(False), True
        field = zh.match_field(text_line)
        # Header fields are read until content starts; a field line inside the content is content,
        # except before the first content line (学习内容 may come before 学习主题).
        if field and (in_header or not current.lines):
            name, value = field
            if name == "content":
                in_header = False
                if value:
                    current.lines.append(Line(number, value))
            elif not getattr(current, _FIELD_ATTR[name]):
                _set_field(current, name, value)
            else:
                current.lines.append(Line(number, text_line))
            continue
        in_header = False
        current.lines.append(Line(number, text_line))

    for session in sessions:
        if session.date is None and not session.date_text:
            session.date = zh.parse_date(Path(source).name)
    return sessions


_FIELD_ATTR = {"date": "date_text", "place": "place", "format": "format", "topic": "topic"}


def _set_field(session: Session, name: str, value: str) -> None:
    if name == "date":
        session.date_text = value
        session.date = zh.parse_date(value)
    else:
        setattr(session, name, value)


def scan_seeds(seeds_dir: Path) -> tuple[list[Path], list[FileProblem]]:
    """Record files under `seeds_dir` (recursively, sorted, hidden files and folders skipped), and
    the other files, reported with the reason they are not indexed rather than dropped silently."""
    records, problems = [], []
    for path in sorted(seeds_dir.rglob("*")):
        rel = path.relative_to(seeds_dir)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        if path.suffix.lower() in SUPPORTED_SUFFIXES:
            records.append(path)
        else:
            problems.append(FileProblem(rel.as_posix(), f"file type '{path.suffix or '(none)'}' is not "
                                        f"supported; save it as {' or '.join(SUPPORTED_SUFFIXES)}"))
    return records, problems


def load_sessions(path: Path, seeds_dir: Path) -> list[Session]:
    """Read and parse one file; raises UnreadableFile with the reason."""
    source = path.relative_to(seeds_dir).as_posix()
    return parse_sessions(read_text_file(path), source)
