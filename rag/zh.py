"""Everything Chinese-specific lives here: record titles and field names, colons, indentation,
sentence ends, headings, and date formats. The parser and splitter only call these functions."""
from __future__ import annotations

import re
from datetime import date

RECORD_TITLE = "集中学习记录"

# Field label -> Session attribute. Several spellings are seen in real records.
FIELD_LABELS = {
    "时间": "date", "日期": "date", "学习时间": "date",
    "地点": "place", "学习地点": "place",
    "方式": "format", "形式": "format", "学习方式": "format", "学习形式": "format",
    "学习主题": "topic", "主题": "topic",
    "学习内容": "content", "内容": "content",
}
_FIELD_RE = re.compile(
    r"^(" + "|".join(sorted(map(re.escape, FIELD_LABELS), key=len, reverse=True)) + r")\s*[:：]\s*(.*)$")

# Whitespace used for indentation in these files: ASCII, tabs, ideographic space, NBSP.
_EDGE_SPACE = " \t\u3000\u00a0\ufeff\r\n"

# Characters that end a sentence (a closing quote or bracket may follow them).
SENTENCE_ENDS = "。！？；!?;…"
_CLOSERS = "”’」』）)】》\"'"
_SENTENCE_RE = re.compile(r"[^" + SENTENCE_ENDS + r"]*(?:[" + SENTENCE_ENDS + r"]+[" + _CLOSERS + r"]*|$)")

# Section headings: 一、 （一） 第一部分 1. 1、
_HEADING_RE = re.compile(
    r"^(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百\d]+[）)]|第[一二三四五六七八九十百\d]+[部章节条]分?|\d{1,2}[、.．](?!\d))")

# A context line is short and does not end a sentence; longer lines are always content.
CONTEXT_LINE_MAX_CHARS = 50


def clean_line(line: str) -> str:
    """Strip indentation (tabs, full-width spaces, BOM) from both ends of a line."""
    return line.strip(_EDGE_SPACE)


def is_title_line(line: str) -> bool:
    return clean_line(line) == RECORD_TITLE


def match_field(line: str) -> tuple[str, str] | None:
    """`时间：2020年3月4日` -> ("date", "2020年3月4日"); colons may be full- or half-width."""
    m = _FIELD_RE.match(clean_line(line))
    if not m:
        return None
    return FIELD_LABELS[m.group(1)], clean_line(m.group(2))


def ends_sentence(text: str) -> bool:
    return bool(text) and text.rstrip(_CLOSERS)[-1:] in SENTENCE_ENDS


def is_heading(line: str) -> bool:
    text = clean_line(line)
    return len(text) <= CONTEXT_LINE_MAX_CHARS and not ends_sentence(text) and bool(_HEADING_RE.match(text))


def is_context_line(line: str) -> bool:
    """Lines that are not content on their own: `同志们：`, a lone `习近平`, a speech title, a date
    line `（2020年2月23日）`, a section heading. They are short and do not end a sentence."""
    text = clean_line(line)
    return len(text) <= CONTEXT_LINE_MAX_CHARS and not ends_sentence(text)


def split_sentences(text: str) -> list[str]:
    """Split at 。！？； (and ASCII !?;), keeping the punctuation and closing quotes with the sentence."""
    return [s for s in _SENTENCE_RE.findall(text) if s]


# ---- dates -------------------------------------------------------------------------------------
_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_NUM = r"(\d{1,2}|[一二三四五六七八九十]{1,3})"
_DATE_PATTERNS = [
    re.compile(r"(\d{4}|[〇零○Ｏ一二三四五六七八九]{4})\s*年\s*" + _NUM + r"\s*月\s*" + _NUM + r"\s*[日号]?"),
    re.compile(r"(?<!\d)(\d{4})\s*[-./／]\s*(\d{1,2})\s*[-./／]\s*(\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)"),
]


def _cn_number(text: str) -> int:
    """'12' -> 12, '十二' -> 12, '二十三' -> 23, '二〇二〇' -> 2020."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    value = 0
    for ch in text:
        value = value * 10 + _CN_DIGITS[ch]
    return value


def parse_date(text: str) -> str | None:
    """Find the first date in `text` and return it as ISO `YYYY-MM-DD`, or None.

    Understands 2020年3月4日, 二〇二〇年三月四日, 2020-03-04, 2020.3.4, 2020/3/4 and 20200304."""
    text = (text or "").translate(_FULLWIDTH_DIGITS)
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            try:
                year, month, day = (_cn_number(g) for g in m.groups())
                return date(year, month, day).isoformat()
            except (ValueError, KeyError):
                continue
    return None


def format_date_cn(iso: str | None) -> str:
    """'2020-03-04' -> '2020年3月4日' for citations."""
    if not iso:
        return "日期不详"
    y, m, d = iso.split("-")
    return f"{int(y)}年{int(m)}月{int(d)}日"


def citation(date_iso: str | None, topic: str, format_: str = "") -> str:
    """The way a 心得体会 cites a session: （2020年3月4日集中学习《主题》）."""
    kind = format_ or "集中学习"
    topic_part = f"《{topic}》" if topic else ""
    return f"（{format_date_cn(date_iso)}{kind}{topic_part}）"
