"""Everything Chinese-specific lives here: record titles and field names, colons, indentation,
sentence ends, headings, and date formats. The parser and splitter only call these functions."""
from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

RECORD_TITLE = "集中学习记录"

# Field label -> Session attribute. Several spellings are seen in real records.
FIELD_LABELS = {
    "时间": "date", "日期": "date", "学习时间": "date", "学习日期": "date", "会议时间": "date", "活动时间": "date",
    "地点": "place", "学习地点": "place", "会议地点": "place", "活动地点": "place",
    "方式": "format", "形式": "format", "学习方式": "format", "学习形式": "format", "活动形式": "format",
    "学习主题": "topic", "主题": "topic", "学习专题": "topic", "专题": "topic", "学习题目": "topic",
    "题目": "topic", "活动主题": "topic", "会议主题": "topic",
    "学习内容": "content", "内容": "content", "主要内容": "content", "会议内容": "content", "活动内容": "content",
    "学习内容及过程": "content",
}
# Other header fields that branch templates carry (who chaired, attended, was absent, took the
# minutes): kept in the header as written, never read as the studied text, and the fields after
# them (`学习主题`) are still header.
OTHER_FIELD_LABELS = ("主持人", "主持", "主讲人", "主讲", "领学人", "领学", "宣讲人", "参加人员", "参会人员", "参学人员",
                      "出席人员", "列席人员", "学习人员", "参加对象", "参加人", "应到人数", "实到人数", "应到", "实到",
                      "缺席人员", "缺席", "请假人员", "记录人", "记录员", "整理人", "学习形式及时长", "学习时长", "时长",
                      # as printed 三会一课 forms word them
                      "缺席人员及原因", "缺席人员及事由", "请假人员及原因", "请假人员及事由", "缺勤人员", "审核人")
# What closes a record rather than opens one: who took the minutes, who checked and signed them.
# Such a line after the text stays with the record above it (in its header), not the next one's.
CLOSING_LABELS = ("记录人", "记录员", "整理人", "审核人", "记录人签字", "审核人签字", "支部书记签字", "书记签字",
                  "主持人签字", "签字")
OTHER_FIELD_LABELS += CLOSING_LABELS[4:]
FIELD_LABELS.update(dict.fromkeys(OTHER_FIELD_LABELS, "other"))
# Forms often space a label's characters out to the width of the longest one (`时  间：`, `地　点：`).
_LABEL_GAP = "[ \t\u3000\u00a0\u2000-\u200b\u202f\u205f]*"     # (and the spaces of HTML's &emsp;, &thinsp;…)
# Colons as typed: half- and full-width, and the look-alikes an input method or a PDF gives (`∶`, `﹕`, `︰`)
COLONS = ":：∶﹕︰"
_LABEL_ALTERNATIVES = "|".join(_LABEL_GAP.join(map(re.escape, label))
                               for label in sorted(FIELD_LABELS, key=len, reverse=True))
# A label may be numbered (`一、学习时间：`, `1.时间：`, as a form or a Word list numbers them), set in
# brackets (`【时间】2020年3月4日`), or followed by a tab instead of a colon (a Word table's row pasted
# as text: `时间<TAB>2020年3月4日<TAB>地点<TAB>三楼会议室`).
_FIELD_NUMBER = r"(?:(?:[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、.．)）]|[（(][一二三四五六七八九十\d]{1,3}[)）])\s*)?"
_NUMBERED = re.compile(r"^" + _FIELD_NUMBER[:-1])
_FIELD_RE = re.compile(r"^" + _FIELD_NUMBER + r"(?:【(" + _LABEL_ALTERNATIVES + r")】\s*[:：]?|(" + _LABEL_ALTERNATIVES
                       + r")\s*(?:[" + COLONS + r"]|\t))\s*(.*)$")
# Another field on the same line, after a gap or a comma (`时间：2020年4月8日　地点：三楼会议室　方式：集中学习`,
# as some forms and StudyQA's own header lines write them; `地点：三楼会议室 时间：2020年4月8日`,
# `时间：2020年4月8日，地点：三楼会议室；方式：集中学习`).
_NEXT_FIELD_RE = re.compile(r"(?:[ \t\u00a0\u3000]+|\s*[，,；;、/／|｜]\s*)(?=【?(?:" + _LABEL_ALTERNATIVES
                            + r")(?:】|\s*[" + COLONS + r"]|\t))")

# Whitespace used for indentation in these files: ASCII, tabs, ideographic space, NBSP, and the spaces
# text copied from a web page brings (`&emsp;` is U+2003) with the zero-width ones.
_EDGE_SPACE = (" \t\u3000\u00a0\ufeff\r\n\f\v"     # \f: a page break Word or a printer left
               "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u200c\u200d\u2060\u202f\u205f")

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


# A line of a table of contents: an entry, then a tab or a leader of dots, then its page number
# (`集中学习记录（第1次）\t1`, `一、关于疫情防控……………3`)
_CONTENTS_LINE = re.compile(r"^[^\t]{2,80}?(?:\t+|[.…·．]{4,}|…{2,})\s*\d{1,4}$")
CONTENTS_TITLE = re.compile(r"^目\s*录$")


def is_contents_line(line: str) -> bool:
    return bool(_CONTENTS_LINE.match(clean_line(line)))


def is_title_line(line: str) -> bool:
    # spaced out as a form centres it (`集 中 学 习 记 录`, `集　中　学　习　记　录`), or set in brackets
    # (`【集中学习记录】`, `《集中学习记录》`)
    return _TITLE_BRACKETS.sub(r"\1", re.sub(_LABEL_GAP, "", clean_line(line))) == RECORD_TITLE


_TITLE_BRACKETS = re.compile(r"^[【《\[「〖]([^】》\]」〗]*)[】》\]」〗]$")
# The title with the header's first fields on its line (`集中学习记录　时间：2020年3月4日`, a form's first
# row pasted as text)
_TITLE_THEN_FIELDS = re.compile(r"^[【《\[「〖]?" + _LABEL_GAP.join(RECORD_TITLE) + r"[】》\]」〗]?[:：]?[ \t\u3000\u00a0]+(?=\S)")


def fields_after_title(line: str) -> str | None:
    """`集中学习记录　时间：2020年3月4日　地点：会议室` -> `时间：2020年3月4日　地点：会议室`: what follows the title
    on its line, when that is header fields; None otherwise."""
    text = clean_line(line)
    m = _TITLE_THEN_FIELDS.match(text)
    return text[m.end():] if m and match_field(text[m.end():]) else None


def field_label(line: str) -> str:
    """The label of the field a line opens with, as the labels are listed (`时  间：` -> `时间`), or ""."""
    m = _FIELD_RE.match(clean_line(line))
    return re.sub(_LABEL_GAP, "", m.group(1) or m.group(2)) if m else ""


def closes_record(line: str) -> bool:
    """`记录人：李四`, `审核人签字：张三`: a field that closes a record (CLOSING_LABELS)."""
    return field_label(line) in CLOSING_LABELS


def names_notice_field(line: str) -> bool:
    """`一、活动时间：…`, `会议地点：…`: a field as a notice or an agenda numbers or names it, which a
    study record's text may quote; a record's own header does not open so after its text."""
    label = field_label(line)
    return bool(label) and (bool(_NUMBERED.match(clean_line(line))) or label.startswith(("活动", "会议")))


# A field kept in the header (主持人, 参加人员…) holds a name or a list of them; one holding sentences
# (`主持人：今天我们围绕伟大建党精神开展专题研讨，请大家踊跃发言。`, the minutes of a discussion) is a speech.
_SPEECH_END = re.compile(r"[。！？!?]")
SPEECH_MIN_CHARS = 20
# (only who speaks: a 参加人员 value may end in 。, `支部全体党员共15人，其中正式党员12人。`)
SPEAKER_LABELS = ("主持人", "主持", "主讲人", "主讲", "领学人", "领学", "宣讲人")


def is_name_list(line: str) -> bool:
    """`张三、李四、王五、赵六…`: a line of names (each at most five characters), as a 参加人员 field's value
    wrapped onto the next line writes them."""
    names = [n for n in re.split(r"[、，,；;\s\u3000]+", clean_line(line)) if n]
    return len(names) >= 2 and all(len(n) <= 5 for n in names) and not ends_sentence(clean_line(line))


# A form's choices ticked in place (`☑集中学习 □专题研讨 □视频学习`): the value is the ones ticked
_TICKED = re.compile(r"[☑☒■√✔✓▣]\s*([^□☐☑☒■√✔✓▣\s]+)")


def ticked_options(value: str) -> str:
    """`☑集中学习 □专题研讨` -> `集中学习`; the value itself when it offers no boxes or none is ticked."""
    if not re.search(r"[□☐]", value):
        return value
    ticked = _TICKED.findall(value)
    return "、".join(ticked) if ticked else value


# A line of dashes, equals signs or the like between records, drawn as a rule: no text
_RULE_LINE = re.compile(r"[-=—–_*~·・━─＝－＊～]{3,}")


def is_field_label(text: str) -> bool:
    """`时间`, `学习主题`, `时  间` (a label alone, as a form's cell holds it)."""
    return re.sub(_LABEL_GAP, "", clean_line(text).rstrip(":：")) in FIELD_LABELS


def is_rule_line(line: str) -> bool:
    return bool(_RULE_LINE.fullmatch(clean_line(line).replace(" ", "")))


# Titles as branches write them: `第一党支部集中学习记录`, `2021年第3次集中学习记录`, `集中学习记录表`,
# `理论学习中心组学习记录（一）`, `学习纪要`. Such a line opens a record only when a header field
# follows it (records.parse_sessions checks), since a line in a speech may end in these words too.
_TITLE_LIKE = re.compile(r"^[^。！？；，,：:]{0,30}?学习(?:记录|纪要)(?:表|单)?(?:\s*[（(][^（()）]{0,20}[）)])?[:：]?$")


# What a form puts between its title and its fields: the number of the session (`（2021年第3次）`) or
# who fills it in (`填表单位：第一党支部`, `编号：`)
_UNDER_TITLE = re.compile(r"^[（(【\[][^（()）】\]]{1,20}[）)】\]]$|^[^，。！？；]{0,10}(?:单位|部门|编号|支部|组织)[:：]")


def is_under_title(line: str) -> bool:
    return bool(_UNDER_TITLE.match(clean_line(line)))


def may_be_title_line(line: str) -> bool:
    """A line worded like a record's title (`第一党支部集中学习记录（2021年第3次）`), not only the
    exact `集中学习记录`."""
    return bool(_TITLE_LIKE.match(clean_line(line)))


def match_field(line: str) -> tuple[str, str] | None:
    """`时间：2020年3月4日` -> ("date", "2020年3月4日"); colons may be full- or half-width, and the
    label's characters spaced out (`时  间：`)."""
    m = _FIELD_RE.match(clean_line(line))
    if not m:
        return None
    return FIELD_LABELS[re.sub(_LABEL_GAP, "", m.group(1) or m.group(2))], clean_line(m.group(3))


def match_fields(line: str) -> list[tuple[str, str]]:
    """Every field of a line: `时间：2020年4月8日　地点：三楼会议室` -> [("date", "2020年4月8日"),
    ("place", "三楼会议室")]; [] when the line opens with no field. What follows 学习内容 is its
    value whole, as the studied text may say `形式：…` itself."""
    fields = []
    rest = clean_line(line)
    while rest:
        field = match_field(rest)
        if not field:
            if not fields:
                return []
            break
        name, value = field
        parts = [value] if name == "content" else _NEXT_FIELD_RE.split(value, maxsplit=1)
        fields.append((name, clean_line(parts[0])))
        rest = parts[1] if len(parts) > 1 else ""
    if (fields and field_label(line) in SPEAKER_LABELS and len(fields[0][1]) >= SPEECH_MIN_CHARS
            and _SPEECH_END.search(fields[0][1])):
        return []       # `主持人：今天我们围绕…，请大家踊跃发言。`: what the host said, text
    return fields


def before_content_field(line: str) -> str:
    """The header part of a line of fields: `时间：…　地点：…　学习内容：正文…` -> `时间：…　地点：…`
    (the line itself when no 学习内容 field follows on it)."""
    line = clean_line(line)
    for gap in _NEXT_FIELD_RE.finditer(line):
        field = match_field(line[gap.end():])
        if field and field[0] == "content":
            return clean_line(line[:gap.start()])
    return line


def ends_sentence(text: str) -> bool:
    return bool(text) and text.rstrip(_CLOSERS)[-1:] in SENTENCE_ENDS


def space_between(before: str, after: str) -> bool:
    """Whether a line wrapped (or a gap a PDF leaves) between these two characters stood for a
    space: between Latin letters or digits (`GDP growth`, `6.1 %`), never beside a Chinese one
    (`2020年`, `GDP增长`)."""
    return bool(before and after) and before.isascii() and after.isascii() and \
        before.isalnum() and after.isalnum()


def join_wrapped(first: str, second: str) -> str:
    """Two pieces of one paragraph that a page wrapped apart, joined as they were written."""
    return first + (" " if space_between(first[-1:], second[:1]) else "") + second


# Line breaking (禁则): a line may not end with an opening mark nor start with a closing one or a
# comma, so `“疫”队` is carried to the next line whole, and the line before ends short.
_OPENERS = "“‘《（【〔「『〈([{\"'"
_NO_LINE_START = "，。、；：？！”’）》】〕」』〉…—·%)]},.;:?!"


def unbreakable_prefix(text: str) -> int:
    """How many characters open `text` that a line break cannot split: opening marks, then a
    character (or a Latin word or number), then the closing marks and punctuation after it; and
    numbers listed so (`15.5%、31.8%，`), which line breaking keeps together."""
    i = 0
    while i < len(text) and text[i] in _OPENERS:
        i += 1
    if i < len(text) and not (text[i].isascii() and text[i].isalnum()):
        i += 1
    while i < len(text) and text[i].isascii() and text[i].isalnum():
        while i < len(text) and text[i].isascii() and (text[i].isalnum() or text[i] in ".,/%-"):
            i += 1
        while i < len(text) and text[i] in _NO_LINE_START:
            i += 1
    while i < len(text) and text[i] in _NO_LINE_START:
        i += 1
    return i


# Page numbers as printed on records' pages: `3`, `- 3 -`, `— 3 —` (`一 3 一` as OCR may read it),
# `第3页`, `第 3 页 共 5 页`, `3/5`, `Page 3 of 5`.
_PAGE_NUMBER = re.compile(r"[-—–一\s]*\d{1,4}[-—–一\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|"
                          r"\d{1,4}\s*/\s*\d{1,4}|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?", re.IGNORECASE)


def is_page_number(line: str) -> bool:
    return bool(_PAGE_NUMBER.fullmatch(fold_width(clean_line(line))))


def is_heading(line: str) -> bool:
    text = clean_line(line)
    return len(text) <= CONTEXT_LINE_MAX_CHARS and not ends_sentence(text) and bool(_HEADING_RE.match(text))


# `1.《习近平在党史学习教育动员大会上的讲话》`: an item of a list of the texts studied, numbered as a heading
# is; two or more together are that list, not headings (passages.session_passages)
_TEXT_LISTED = re.compile(r"^\d{1,2}[、.．]\s*[《“]")


def lists_a_text(line: str) -> bool:
    return is_heading(line) and bool(_TEXT_LISTED.match(clean_line(line)))


def is_styled_heading(line: str) -> bool:
    """A line Word styles as a heading (`标题 1`) that is one: short, not a sentence, and not what
    opens another text (a speech's title, its date, its speaker, `同志们：`), which Word users
    style as headings too but which stay with the text they open."""
    return is_context_line(line) and not starts_new_text(line)


def is_context_line(line: str) -> bool:
    """Lines that are not content on their own: `同志们：`, a lone `习近平`, a speech title, a date
    line `（2020年2月23日）`, a section heading. They are short and do not end a sentence."""
    text = clean_line(line)
    return len(text) <= CONTEXT_LINE_MAX_CHARS and not ends_sentence(text)


# A piece shorter than this (like `一是` or `同志们：`) is joined to the sentence after it.
MIN_SENTENCE_CHARS = 6


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of the sentences of `text`, covering all of it: split at
    sentence ends and line breaks; a very short piece joins the next one."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r"[" + SENTENCE_ENDS + r"]+[" + _CLOSERS + r"]*|\n", text):
        end = m.end()
        if len(text[start:end].strip()) >= MIN_SENTENCE_CHARS:
            spans.append((start, end))
            start = end
    if start < len(text):
        if spans and len(text[start:].strip()) < MIN_SENTENCE_CHARS:
            spans[-1] = (spans[-1][0], len(text))
        else:
            spans.append((start, len(text)))
    return spans


# A sentence that opens a numbered point of a speech (`第二，全力做好北京疫情防控工作。`, `二要增强忧患
# 意识。`, `一是外出务工受阻。`): it names the point's subject, which a question shares, while the
# answer is often in the sentences it leads.
_LEAD_SENTENCE = re.compile(
    r"^\s*(?:第[一二三四五六七八九十]+[，,、]|[一二三四五六七八九十]+[是要来][，,]?|[（(][一二三四五六七八九十\d]+[）)]"
    r"|[一二三四五六七八九十]+[、．.]"
    # an Arabic number (`1．`, `2、`) or a bullet (`──`, `——`, `●`, `◆`…) opening the point
    r"|[0-9０-９]{1,2}[、．.](?![0-9０-９])|[①-⑳]|[─━—－-]{1,2}(?=[^─━—－\-\s0-9０-９])|[•●◆◇■□▲△★☆▶►])")
# A sentence that announces what follows (`有两个基本情况。`, `主要表现在这样几个方面：`).
_ANNOUNCES = re.compile(r"[：:]\s*$|(?:有|以下|这样|如下)(?:[两二三四五六七八九十几]|一些)(?:个|点|项|条|种)")
# Longer sentences say something of their own besides leading or announcing.
_LEAD_MAX_CHARS = 40


def is_lead_sentence(sentence: str) -> bool:
    """A short sentence opening a numbered point: `第三，全面强化稳就业举措。`."""
    sentence = sentence.strip()
    return len(sentence) <= _LEAD_MAX_CHARS and bool(_LEAD_SENTENCE.match(sentence))


def announces_next(sentence: str) -> bool:
    """A short sentence announcing the ones after it: `我国从上世纪80年代开始扶贫，有两个基本情况。`."""
    sentence = sentence.strip()
    return len(sentence) <= _LEAD_MAX_CHARS and bool(_ANNOUNCES.search(sentence))


# A short sentence that leads into what follows (`近一段时间，我们主要做了以下工作。`, `下面，我讲几点意见。`)
_LEADS_ON = re.compile(r"以下|如下|下面|下列|几点|几个|几项|几条|这样|[：:]")


def closes_what_came_before(line: str) -> bool:
    """A short line ending a statement that ends what came before it (`王毅参加会见。`, `会议还研究了其他
    事项。`, a wrapped line's last `。`), not one that leads into what follows (`下面，我讲几点意见。`,
    `第三，…。`), nor an exclamation, which opens a speech (`各位代表！`) or a part (`只因信仰如山！`)."""
    text = clean_line(line)
    return (text.rstrip(_CLOSERS).endswith("。") and not _LEADS_ON.search(text) and not announces_next(text)
            and not is_lead_sentence(text))


def split_sentences(text: str) -> list[str]:
    """Split at 。！？； (and ASCII !?;), keeping the punctuation and closing quotes with the sentence."""
    return [s for s in _SENTENCE_RE.findall(text) if s]


# ---- dates -------------------------------------------------------------------------------------
# (a year typed `二O二O` or `二0二0`, with the letter O or the digit 0 for 〇, is read as 〇 too)
_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "o": 0, "0": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")
_NUM = r"(\d{1,2}|[一二三四五六七八九十]{1,3})"
_DATE_PATTERNS = [
    re.compile(r"(\d{4}|(?=[〇零○ＯOo0]*[一二三四五六七八九])[〇零○ＯOo0一二三四五六七八九]{4})\s*年\s*" + _NUM + r"\s*月\s*" + _NUM + r"\s*[日号]?"),
    re.compile(r"(?<!\d)(\d{4})\s*[-./／]\s*(\d{1,2})\s*[-./／]\s*(\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)"),
]


def chinese_numeral(n: int) -> str:
    """12 -> `十二`, 20 -> `二十`, 105 -> `一百零五`: how Chinese documents number their parts (`十二、`)."""
    digits = "零一二三四五六七八九"
    if not 0 <= n < 1000:       # no part of a speech is numbered so; a damaged list might be
        return str(n)
    if n < 10:
        return digits[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")
    hundreds, rest = divmod(n, 100)
    if not rest:
        return digits[hundreds] + "百"
    # 105 一百零五, 115 一百一十五, 121 一百二十一
    return digits[hundreds] + "百" + ("零" if rest < 10 else "一" if rest < 20 else "") + chinese_numeral(rest)


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

    Understands 2020年3月4日, 二〇二〇年三月四日, 2020-03-04, 2020.3.4, 2020/3/4 and 20200304, in
    full-width forms too (`２０２０．３．１１`)."""
    text = fold_width(text or "")
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            try:
                year, month, day = (_cn_number(g) for g in m.groups())
                return date(year, month, day).isoformat()
            except (ValueError, KeyError):
                continue
    return None


# A session held over several days (a 读书班): `2021年5月8日—9日`, `2021年5月30日至6月1日`,
# `2021.5.8-5.9`, `2021年5月8日、9日`; a part of the day or weekday may stand before the dash
# (`5月8日（周六）至9日`), a time of day may not (`2021年5月8日9:00-11:00` is one day).
_DAYS_DASH = re.compile(r"\s*(?:[（(]?(?:星期|周|礼拜)[一二三四五六日天][)）]?)?\s*(?:上午|下午|晚上|全天)?"
                       r"\s*(?:[-—–~～]+|至|到|、)\s*")
_LAST_DAY_END = [
    (re.compile(_NUM + r"\s*月\s*" + _NUM + r"\s*[日号]?"), "month_day"),
    (re.compile(r"(\d{1,2})\s*[./／-]\s*(\d{1,2})(?![\d:：.])"), "month_day"),
    (re.compile(_NUM + r"\s*[日号]"), "day"),
    (re.compile(r"(\d{1,2})(?![\d:：./／年月时点])"), "day"),
]
LONGEST_SPAN_DAYS = 31      # longer is no session but a season's self-study plan: its first day only


def last_day(text: str) -> str | None:
    """The last day of a session held over several days, as ISO (`2021年5月8日—9日` -> 2021-05-09),
    or None when `text` names one day (or a span over LONGEST_SPAN_DAYS, or one going backwards)."""
    text = fold_width(text or "")
    first = parse_date(text)
    if not first:
        return None
    for pattern in _DATE_PATTERNS:      # where the first date ends, as parse_date found it
        found = next((m for m in pattern.finditer(text) if _iso_of(m) == first), None)
        if found:
            break
    if found is None:
        return None
    gap = _DAYS_DASH.match(text, found.end())
    if not gap:
        return None
    start, year, month = date.fromisoformat(first), int(first[:4]), int(first[5:7])
    last = None
    for pattern in _DATE_PATTERNS:
        whole = pattern.match(text, gap.end())
        if whole:
            last = _iso_of(whole)
            break
    else:
        for pattern, kind in _LAST_DAY_END:
            end = pattern.match(text, gap.end())
            if not end:
                continue
            try:
                if kind == "month_day":
                    month_end, day_end = _cn_number(end.group(1)), _cn_number(end.group(2))
                    last = date(year + (month_end < month), month_end, day_end).isoformat()
                else:
                    day_end = _cn_number(end.group(1))
                    last = date(year, month, day_end).isoformat()
            except (ValueError, KeyError):
                last = None
            break
    if not last or not 0 < (date.fromisoformat(last) - start).days <= LONGEST_SPAN_DAYS:
        return None
    if gap.group().strip() == "、" and (date.fromisoformat(last) - start).days > 1:
        return None     # `5月8日、14日`: two days apart, no session held between them (its first kept)
    return last


def _iso_of(m: re.Match) -> str | None:
    try:
        return date(*(_cn_number(g) for g in m.groups())).isoformat()
    except (ValueError, KeyError):
        return None


def days_of(first: str | None, last: str | None = None) -> list[str]:
    """Every day (ISO) of a session from its first to its last day (none: its first alone)."""
    if not first:
        return []
    if not last or last <= first:
        return [first]
    start = date.fromisoformat(first)
    return [(start + timedelta(days=n)).isoformat()
            for n in range((date.fromisoformat(last) - start).days + 1)]


def dates_iso(first: str | None, last: str | None = None) -> str:
    """A session's date as a table cell: `2021-05-08`, held over several days `2021-05-08—2021-05-09`
    ("" without a date)."""
    return f"{first}—{last}" if first and last and last > first else (first or "")


def format_dates_cn(first: str | None, last: str | None = None) -> str:
    """A session's date or days as its citation writes them: `2021年5月8日—9日`,
    `2021年5月30日—6月1日`, `2021年12月31日—2022年1月1日`."""
    if not last or not first or last <= first:
        return format_date_cn(first)
    y, m, d = (int(part) for part in last.split("-"))
    end = (f"{d}日" if (y, m) == (int(first[:4]), int(first[5:7])) else
           f"{m}月{d}日" if y == int(first[:4]) else f"{y}年{m}月{d}日")
    return f"{format_date_cn(first)}—{end}"


# A record's date written without its year (`时间：6月7日`, `三月四日上午`), as people write it in a
# year's notebook; the year then comes from the record before it or from the file name.
_MONTH_DAY_ONLY = re.compile(r"^(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*"
                             r"(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号]")
_YEAR_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d\d)(?![\d号])")      # (`1998号文件`: a document's number)


def month_day_without_year(text: str) -> tuple[int, int] | None:
    """`6月7日上午` -> (6, 7): a date written without a year; None for anything else."""
    m = _MONTH_DAY_ONLY.match((text or "").strip().translate(_FULLWIDTH_DIGITS))
    if not m:
        return None
    month, day = _cn_number(m.group(1)), _cn_number(m.group(2))
    try:
        date(2000, month, day)      # a day some year has (2000 was a leap year)
    except ValueError:
        return None
    return month, day


def year_in_file_name(name: str) -> int | None:
    """`2021年学习记录.txt`, `支部_2021_上半年.docx` -> 2021."""
    said = re.search(r"(?<!\d)((?:19|20)\d\d)\s*年", name.translate(_FULLWIDTH_DIGITS))
    if said:                        # `2022年记录-2021.12.31备份.txt`: the year it names as one
        return int(said.group(1))
    dated = parse_date(name)        # `支部20210101-20211231.txt`: the year of the date it holds
    if dated:
        return int(dated[:4])
    m = _YEAR_IN_NAME.search(name.translate(_FULLWIDTH_DIGITS))
    return int(m.group(1)) if m else None


def is_date_line(line: str) -> bool:
    """`2020年3月4日`, `（2020年3月4日上午）`: a line that is a date and no more (a part of the day aside)."""
    text = fold_width(clean_line(line)).strip("（()）【】[]")
    return bool(parse_date(text)) and len(text) <= 20 and not match_field(text) and not ends_sentence(text)


def format_date_cn(iso: str | None) -> str:
    """'2020-03-04' -> '2020年3月4日' for citations."""
    if not iso:
        return "日期不详"
    y, m, d = iso.split("-")
    return f"{int(y)}年{int(m)}月{int(d)}日"


# a later text's opening in a citation: its first characters, enough to tell it apart
CITED_OPENING_CHARS = 24


def citation(date_iso: str | None, topic: str, format_: str = "", date_end: str | None = None,
             text_opening: str = "") -> str:
    """The way a 心得体会 cites a session: （2020年3月4日集中学习《主题》）; held over several days
    (`date_end`, its last), （2021年5月8日—9日集中学习《主题》）; a passage of the session's later
    text, which one: （2020年3月11日集中学习《主题》中“这次会议的主要任务是，分析当前形势，克服新冠……”一篇）."""
    kind = format_ or "集中学习"
    topic_part = f"《{topic}》" if topic else ""
    if text_opening:
        cut = text_opening.rstrip(SENTENCE_ENDS)
        cut = cut if len(cut) <= CITED_OPENING_CHARS else cut[:CITED_OPENING_CHARS] + "……"
        topic_part += f"中“{cut}”一篇"
    if not date_iso:
        return f"（{kind}{topic_part}，日期不详）"
    return f"（{format_dates_cn(date_iso, date_end)}{kind}{topic_part}）"


def place_in_file(line: int, page: int | None = None, part: int = 0) -> str:
    """Where a passage stands in its file, as a card says it: `第57行`, or in a PDF, which people
    find by its pages, `第3页`; a piece of a paragraph too long for one passage says which
    (`第57行（该段第2部分）`), as its pieces start on one line."""
    return (f"第{page}页" if page else f"第{line}行") + (f"（{part_of_paragraph(part)}）" if part else "")


def part_of_paragraph(part: int) -> str:
    return f"该段第{part}部分"


def fold_width(text: str) -> str:
    """Full- and half-width forms as one (`地点：` = `地点:`, `２０２０` = `2020`): for comparing
    texts that record the same words with either width of colon, digit or letter."""
    return unicodedata.normalize("NFKC", text)


# Between a header's fields on one line: the ideographic space the records indent with.
HEADER_SEPARATOR = "\u3000"


def session_header(date_iso: str | None, place: str, format_: str, topic: str, date_end: str | None = None) -> str:
    """A record's header fields on one line, as they are labelled in the records:
    `时间：2020年3月4日　地点：QQ线上　方式：集中学习　学习主题：…` (missing fields left out)."""
    fields = (("时间", format_dates_cn(date_iso, date_end) if date_iso else ""), ("地点", place),
              ("方式", format_), ("学习主题", topic))
    return HEADER_SEPARATOR.join(f"{label}：{value}" for label, value in fields if value)


# 那次 naming a session, not an event of the text (`年初那次疫情`, `线上那次招商会`): before a study
# word, a question word, punctuation or the end (so 那天 too: `3月1日那天重症病人还剩多少` asks
# about a day of the text)
_THAT_IS_A_SESSION = r"(?=\s*(?:的)?\s*(?:集中)?学|\s*(?:的)?\s*(?:是|在|讲|说|谈|有|都|主|呢|吗|内容|会上|[，,：:？?])|\s*$)"


# A date in a question refers to the session only next to words like these (`3月4日那次学习`,
# `2020年3月学了什么`); otherwise it is part of the content asked about (`1月7日开了什么会`).
# (`5月一共组织了几次集中学习`: the sessions counted, 集中学习 too far behind the date to be seen)
_SESSION_CUES = (r"(?:那次|这次|那回|这回|(?:那天|当天)" + _THAT_IS_A_SESSION + r"|那期|[那这][两几]次|集中学习|的学习|学习|学了|学过|学的|会上学"
                 r"|(?:组织|开展|举行|举办|安排|开|搞|办|进行)[了过]?(?:几|多少)[次回]"
                 # (what was counted said after: a study session, or nothing; `办了几次企业座谈会` is
                 # a count the text gives)
                 r"(?=\s*(?:的)?\s*(?:集中)?(?:学习|学)(?:活动)?|\s*[？?。，,！!]|\s*$))")
_THAT_SESSION = r"(?:那次|那几次|那回|这次|这回)" + _THAT_IS_A_SESSION
# `3月1日那天，` then a question with no word of studying, speaking or the session's header
# (`…全国还有多少重症病人？`): the day is one the text tells of, not a session's
_DAY_OF_THE_TEXT = re.compile(r"\s*(?:那天|当天|这天|那一天)\s*[，,](?![^。？?！!]*(?:学|讲|说|谈|会|主题|内容|地点|方式|形式|"
                              r"在哪|哪里|什么地方|平台|主持|参加|领学))")
# Digits or Chinese numerals (`三月四号那次`, `二〇二〇年三月十一日学习的`), read by _cn_number.
_Q_YEAR_NUM = r"(\d{4}|[〇零○Ｏ一二三四五六七八九]{4})"
_Q_NUM = r"(\d{1,2}|[一二三四五六七八九十]{1,3})"
_NOT_AFTER_NUM = r"(?<![\d〇零○Ｏ一二三四五六七八九十])"
_NOT_BEFORE_NUM = r"(?!\s*(?:[\d二三四五六七八九十]|一(?![共起同道])))"     # (`一共`, `一起`: no number)
_Q_FULL = re.compile(_Q_YEAR_NUM + r"\s*年\s*" + _Q_NUM + r"\s*月\s*" + _Q_NUM + r"\s*[日号]")
_Q_MONTH = re.compile(_Q_YEAR_NUM + r"\s*年\s*(?:的\s*)?" + _Q_NUM + r"\s*月(?:份)?" + _NOT_BEFORE_NUM)
_Q_MONTH_DAY = re.compile(r"(?<!年)" + _NOT_AFTER_NUM + _Q_NUM + r"\s*月\s*" + _Q_NUM + r"\s*[日号]")
# A month and day written with a dot, as people jot them (`3.11那次学习`): not a decimal (`3.5%`)
_Q_DOTTED = re.compile(r"(?<![\d.·・．第])(\d{1,2})[.·・．](\d{1,2})(?![\d.%％])"
                       # with a slash or a dash only before a session word (`3/11那次`, `3-11学习`): `2-3次`
                       # is a count, `1/3` a share
                       r"|(?<![\d./\-－第])(\d{1,2})[/\-－](\d{1,2})(?=\s*(?:那次|那天|那回|当天|的?(?:集中)?学))")
# A month without its year (`3月份学了几次？`, `三月份的学习`): that month every year; in Chinese
# numerals with 份, or right before a session word or an order (`三月那次学习`, `三月第一次学习`,
# `十一月学了什么`); `阳春三月`, `烟花三月` are no date
_Q_MONTH_ALONE = re.compile(r"(?<![年\d])(?:(\d{1,2})\s*月(?:份)?|(?<![〇零○Ｏ一二三四五六七八九十春花前近每头])([一二三四五六七八九十]{1,2})"
                            r"\s*(?:月份|月(?=\s*(?:的)?\s*(?:(?:那次|这次|那回|这回)(?=\s*(?:的)?\s*(?:集中)?学|\s*(?:是|在|讲|说|谈|有|都|主|呢|吗|[，,：:？?])|\s*$)"
                            r"|第|头一|首次|最后|最近|最早|集中学习|学习(?!强国|型)|学了|学过|学的))))"
                            r"(?!份)" + _NOT_BEFORE_NUM +
                            r"(?!\s*(?:上旬|中旬|下旬|上中旬|中下旬|初|底|末|的?前[一二两三1-3]个?(?:周|星期)|的?第[一二三四五1-5]个?(?:周|星期)))")
_Q_ISO = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)|(?<![\d.])((?:19|20)\d\d)(0[1-9]|1[0-2])([0-2]\d|3[01])(?![\d.])")
# (`2024年二十届三中全会`: a year before a number that is no month or day)
# (`2018年初`, `2018年底`: its first or last month, read as such or not at all, never the whole year)
_Q_YEAR = re.compile(_NOT_AFTER_NUM + _Q_YEAR_NUM + r"\s*年(?!\s*[\d一二三四五六七八九十]{1,3}\s*[月日号])(?!\s*(?:年)?[初底末])")
# A part of a month: 上旬 (days 1-10), 中旬 (11-20), 下旬 (21 to the end); 月初, 月底, 月末 likewise.
_Q_MONTH_PART = re.compile(r"(?:" + _NOT_AFTER_NUM + _Q_YEAR_NUM + r"\s*年\s*)?" + _NOT_AFTER_NUM + _Q_NUM +
                           r"\s*月(?:份)?\s*(?:月(?=[初底末]))?(上中旬|中下旬|上旬|中旬|下旬|初|底|末|的?前[一二两三1-3]个?(?:周|星期)|的?第[一二三四五1-5]个?(?:周|星期))")
_MONTH_PARTS = {"上旬": (1, 10), "初": (1, 10), "中旬": (11, 20), "下旬": (21, 31), "底": (21, 31), "末": (21, 31),
                "上中旬": (1, 20), "中下旬": (11, 31)}


# A day of the month alone (`4号那次学习`, `11日的学习`): that day of any month, as people say it
# within a month; right before a session word, and in Chinese numerals only with 号 (`一日三餐`)
_Q_DAY_OF_MONTH = re.compile(r"(?<![月第])" + _NOT_AFTER_NUM + r"(?:(\d{1,2})\s*[日号]|([一二三四五六七八九十]{1,3})号)"
                             r"(?=\s*(?:的)?(?:那次|这次|那天|当天|那期|[那这][两几]次|集中学习|学习|学的|学了|学过))")


# Half a year or a quarter of it: `2024年上半年`, `2024年第三季度`, `2024年三季度`; its start or end
# (`2024年初`, `2024年底`, `去年年底`): its first or last month
_Q_HALF = re.compile(_NOT_AFTER_NUM + _Q_YEAR_NUM + r"\s*年\s*(?:的)?(上半年|下半年|前半年|前([一二两三四1-4])个?季度"
                     r"|第?([一二三四1-4])季度|年?初|年?底|年?末|前(\d{1,2}|[一二两三四五六七八九十]{1,2})个月)")
_HALVES = {"上半年": (1, 6), "前半年": (1, 6), "下半年": (7, 12), **dict.fromkeys(("初", "年初"), (1, 1)),
           **dict.fromkeys(("底", "末", "年底", "年末"), (12, 12))}


_QUESTION_DATES = ((_Q_FULL, "day"), (_Q_ISO, "day"), (_Q_MONTH_PART, "part"), (_Q_MONTH, "month"),
                  (_Q_MONTH_DAY, "md"), (_Q_DOTTED, "md"), (_Q_HALF, "half"), (_Q_YEAR, "year"),
                  (_Q_DAY_OF_MONTH, "dom"), (_Q_MONTH_ALONE, "mon"))


def _filter_of(m: re.Match, kind: str) -> dict | None:
    """The date filter a matched date stands for (see split_session_date), or None when it is no
    real date (`2月30日`)."""
    try:
        if kind == "day":
            iso = date(*(_cn_number(g) for g in m.groups() if g is not None)).isoformat()
            return {"date_from": iso, "date_to": iso}
        if kind == "year":
            year = _cn_number(m.group(1))
            return {"date_from": date(year, 1, 1).isoformat(), "date_to": date(year, 12, 31).isoformat()}
        if kind == "part":
            year, month = (_cn_number(g) if g else None for g in m.groups()[:2])
            weeks = re.search(r"([前第])([一二两三四五1-5])", m.group(3))
            # `3月份前两周`: its first fourteen days; `3月第2周`: its days 8 to 14 (a month's weeks
            # counted from its first day, as 前两周 is)
            if weeks:
                n = _cn_number(weeks.group(2).replace("两", "二"))
                first, last = (1 if weeks.group(1) == "前" else 7 * n - 6), min(7 * n, 31)
            else:
                first, last = _MONTH_PARTS[m.group(3)]
            date(2000, month, 1)            # a real month, or ValueError
            if not year:
                return {"month_day": (month, first, last)}
            last = min(last, calendar.monthrange(year, month)[1])
            return {"date_from": date(year, month, first).isoformat(),
                    "date_to": date(year, month, last).isoformat()}
        if kind == "month":
            year, month = map(_cn_number, m.groups())
            first = date(year, month, 1)
            last = date(year + month // 12, month % 12 + 1, 1).toordinal() - 1
            return {"date_from": first.isoformat(), "date_to": date.fromordinal(last).isoformat()}
        if kind == "mon":
            month = _cn_number(next(g for g in m.groups() if g))
            date(2000, month, 1)            # a real month, or ValueError
            return {"month_day": (month, 1, 31)}
        if kind == "half":
            year = _cn_number(m.group(1))
            if m.group(3):      # `2023年前三季度`: its first three quarters
                first, last = 1, 3 * _cn_number(m.group(3).replace("两", "二"))
            elif m.group(5):    # `2023年前10个月`, `今年前三个月`: its first months
                first, last = 1, _cn_number(m.group(5).replace("两", "二"))
            else:
                first, last = _HALVES.get(m.group(2)) or (3 * _cn_number(m.group(4)) - 2, 3 * _cn_number(m.group(4)))
            return {"date_from": date(year, first, 1).isoformat(),
                    "date_to": date(year, last, calendar.monthrange(year, last)[1]).isoformat()}
        if kind == "dom":
            day = _cn_number(next(g for g in m.groups() if g))
            date(2000, 1, day)      # a day some month has
            return {"month_day": (0, day)}      # month 0: every month
        month, day = (_cn_number(g) for g in m.groups() if g is not None)
        date(2000, month, day)  # valid in a leap year
        return {"month_day": (month, day)}
    except (ValueError, KeyError):
        return None


# A span a date opens or closes, said right after it: from the date on (`2023年以来`, `2023年3月以后`,
# `从2023年开始`, `2023年至今`), up to it (`2021年以前`, `2021年之前`), or to a second date
# (`2022年到2023年`, `2023年3月至6月`, `3月4日到11日`, which takes the first date's year and month).
# The span is the filter: read as the year alone, `2023年以来学过哪些…` left out every later session.
_SPAN_FROM = re.compile(r"\s*(?:以来|以后|之后|往后|开始|起(?![草义诉步])|(?:到|至)(?:今|现在|目前|如今)(?:为止)?"
                        r"|后(?![来面续期半]))")
_SPAN_UNTIL = re.compile(r"\s*(?:以前|之前|前)(?![一二三四五六七八九十两\d半后])")
# Around a day (`2024年3月4日前后那次学习`): the week either side of it; around a month or a year, it
_SPAN_AROUND = re.compile(r"\s*(?:前后|左右)")
AROUND_DAYS = 7
# Up to the date's end: `到2023年为止`, `2023年3月底以前` (by the end of March: `3月底` alone is its last
# ten days), `截至2023年3月` (by then, its whole month included)
_SPAN_THROUGH = re.compile(r"\s*(?:(?:底|末)\s*(?:以前|之前|前(?![一二三四五六七八九十两\d半])|为止|止)|为止|止(?![步境]))")
_THROUGH_BEFORE = re.compile(r"(?:截至|截止)(?:到)?\s*$")
_SPAN_TO = re.compile(r"\s*(?:到|至|—|–|~|～|-)\s*")
_SPAN_END = re.compile(r"(?:" + _Q_YEAR_NUM + r"\s*年\s*)?(?:" + _Q_NUM + r"\s*月\s*)?(?:" + _Q_NUM + r"\s*[日号])?"
                       + _NOT_BEFORE_NUM)
_SPAN_CLOSE = re.compile(r"\s*(?:份)?\s*(?:之间|期间|间)?")
# A year (or month) and an event of it, then after or before it (`2022年二十大召开后`, `2020年疫情发生以来`,
# `2021年动员大会召开之前`, `2022年二十大以来`): the event's day is not written, so the span is from the
# date's start (or to its end); the event stays in the question's content. A meeting (`…大`, `…会`,
# `…会议`, `…讲话`) or its being held, happening or issued ends the event, and no study word opens
# it: `2022年学的内容以后…`, `2021年学习了党的十八大以来的…` (the year of what was studied) are none.
_EVENT_SPAN = re.compile(r"(?!学习|学了|学过|学的)(?:的)?(?P<event>[^，,。？?！!；;\s\d年月日号]{1,12}?)(?:召开|发生|开幕|闭幕|举行|举办|发布|印发|出台"
                         r"|暴发|爆发|成立|通过|(?<=[大会])|(?<=会议)|(?<=讲话))"
                         r"(?:(?P<after>以来|以后|之后|后(?![来面续期半]))|(?P<before>以前|之前|前(?![一二三四五六七八九十两\d半后])))")


def _span_of(text: str, m: re.Match, found: dict) -> tuple[dict, int]:
    """The filter of the span the date `m` (its filter `found`) opens or closes in `text`, and where
    the span ends; (`found`, the date's end) when it opens or closes none."""
    if "date_from" in found:
        around = _SPAN_AROUND.match(text, m.end())
        if around:
            if found["date_from"] != found["date_to"]:
                return dict(found), around.end()
            day = date.fromisoformat(found["date_from"])
            return {"date_from": (day - timedelta(days=AROUND_DAYS)).isoformat(),
                    "date_to": (day + timedelta(days=AROUND_DAYS)).isoformat()}, around.end()
        opened = _SPAN_FROM.match(text, m.end())
        if opened:
            return {"date_from": found["date_from"]}, opened.end()
        through = _SPAN_THROUGH.match(text, m.end())
        if through or (_SPAN_UNTIL.match(text, m.end()) and re.search(r"[底末]$", m.group())):
            return {"date_to": found["date_to"]}, (through or _SPAN_UNTIL.match(text, m.end())).end()
        if _THROUGH_BEFORE.search(text, 0, m.start()):
            return {"date_to": found["date_to"]}, m.end()
        closed = _SPAN_UNTIL.match(text, m.end())
        if closed:
            day_before = date.fromisoformat(found["date_from"]) - timedelta(days=1)
            return {"date_to": day_before.isoformat()}, closed.end()
        event = _EVENT_SPAN.match(text, m.end())
        if event and found["date_from"] != found["date_to"]:
            return ({"date_from": found["date_from"]} if event.group("after") else {"date_to": found["date_to"]}), m.end()
    joined = _SPAN_TO.match(text, m.end())
    half = _Q_HALF.match(text, joined.end()) if joined and "date_from" in found else None
    if half and _filter_of(half, "half"):
        # `2022年下半年到2023年上半年`: to the end of the half or quarter named
        to = _filter_of(half, "half")
        return ({"date_from": min(found["date_from"], to["date_from"]), "date_to": max(found["date_to"], to["date_to"])},
                _SPAN_CLOSE.match(text, half.end()).end())
    last = _SPAN_END.match(text, joined.end()) if joined else None
    if not last or not last.group().strip():
        return found, m.end()
    year, month, day = (_cn_number(g) if g else None for g in last.groups())
    if "date_from" in found:
        first = date.fromisoformat(found["date_from"])
        year = year or first.year
        month = month or (first.month if day else None)
        written = f"{year}年" + (f"{month}月" if month else "") + (f"{day}日" if day else "")
        to = date_filter(written) if month or day or last.group(1) else None
        if to and "date_to" in to:      # written the wrong way round (`2023年到2022年`): the span between
            return ({"date_from": min(found["date_from"], to["date_from"]),
                     "date_to": max(found["date_to"], to["date_to"])}, _SPAN_CLOSE.match(text, last.end()).end())
    elif len(found.get("month_day", ())) == 3 and found["month_day"][1:] == (1, 31) and month and not day and not year:
        # `3月到4月学了什么` without a year: those months, every year (as `3月份` is March of any year)
        first_month = found["month_day"][0]
        if first_month < month <= 12:
            spanned = tuple({"month_day": (n, 1, 31)} for n in range(first_month, month + 1))
            return {"either": spanned}, _SPAN_CLOSE.match(text, last.end()).end()
    elif len(found.get("month_day", ())) == 2 and found["month_day"][0] and day and not year:
        # `3月4日到11日` without a year: those days of that month, every year
        first_month, first_day = found["month_day"]
        if month in (None, first_month) and first_day <= day <= 31:
            return {"month_day": (first_month, first_day, day)}, _SPAN_CLOSE.match(text, last.end()).end()
    return found, m.end()


def written_range(first: str, last: str) -> str | None:
    """Two dates written the Chinese way as the span between them, written so (`2022年`, `2023年` ->
    `2022年到2023年`), each completed from the other where it leaves out what the other says: the
    second takes the first's year (`2023年3月`, `6月`) and, a day alone, its month too (`2023年3月4日`,
    `11日`); a first without a year takes the second's (`3月`, `2023年6月`: `from March to June
    2023`), and a first day alone its month too (`4日`, `2020年3月11日`: `du 4 au 11 mars 2020`); with
    neither year, the span is of every year (`3月4日`, `11日`). None when they make no span: how each
    language's reader writes `2022年到2023年`, `from 2022 to 2023`, `2022년부터 2023년까지`, `de 2022 à
    2023`."""
    if re.fullmatch(r"\d{1,2}日", first):
        month = re.match(r"(?:\d{4}年)?\d{1,2}月", last)
        if not month:
            return None
        first = month.group() + first
    first_year, last_year = (re.match(r"\d{4}年", written) for written in (first, last))
    if not (first_year or last_year):
        # `3月4日到11日` (`from March 4 to 11`, `du 4 au 11 mars`): those days of every year
        written = f"{first}到{last}"
        return written if date_filter(written) else None
    first = first if first_year else last_year.group() + first
    if not last_year:
        month = re.match(r"\d{4}年\d{1,2}月", first) if "月" not in last else re.match(r"\d{4}年", first)
        if not month:
            return None
        last = month.group() + last
    written = f"{first}到{last}"
    return written if date_filter(written) else None


def day_after(written: str) -> str | None:
    """The day after the date `written` the Chinese way ends, written so (`2023年6月` -> `2023年7月1日`):
    where `after June 2023` starts. A date of no year gives one of no year (`3月4日` -> `3月5日`,
    `3月` -> `4月`), whose year written_out_dates gives once today is known; None for another form."""
    read = date_filter(written)
    if read and "date_to" in read:
        following = date.fromisoformat(read["date_to"]) + timedelta(days=1)
        return f"{following.year}年{following.month}月{following.day}日"
    yearless = re.fullmatch(r"(\d{1,2})月(?:(\d{1,2})日)?", written)
    if not read or not yearless:
        return None
    month = int(yearless.group(1))
    if not yearless.group(2):
        return f"{month % 12 + 1}月"
    # in a year of no 29 February, unless that is the day (`after February 29`: from 1 March)
    year = 2001 if (month, int(yearless.group(2))) != (2, 29) else 2000
    following = date(year, month, int(yearless.group(2))) + timedelta(days=1)
    return f"{following.month}月{following.day}日"


def days_in_month_of(written: str, days: list[str]) -> list[str]:
    """Days listed before a date (`4 and 11 March 2020`, `les 4 et 11 mars`) in that date's month
    and year, written the Chinese way (`2020年3月4日`); [] when `written` names no month or a day
    is not in it."""
    month = re.match(r"(?:\d{4}年)?\d{1,2}月", written)
    listed = [f"{month.group()}{int(day)}日" for day in days] if month else []
    return listed if all(date_filter(day) for day in listed) else []


def written_through(written: str) -> str | None:
    """A span up to the end of the date `written` the Chinese way, written so (`2023年6月` ->
    `2023年6月为止`, `3月4日` -> `3月4日为止`, whose year written_out_dates gives once today is known):
    what `until June 2023` or `2023年6月まで` stands for; None for another form (`上旬`)."""
    read = date_filter(written)
    if read and ("date_to" in read or re.fullmatch(r"\d{1,2}月(?:\d{1,2}日)?", written)):
        return f"{written}为止"
    return None


def date_filter(written: str) -> dict | None:
    """The filter for a date written alone, the Chinese way (`2020年3月4日`, `3月中旬`, `2020年3月`), or
    a span it opens or closes (`2023年以来`, `2021年以前`, `2022年到2023年`), as split_session_date
    reads it next to a session word: how a date read from a question in another language
    (rag/crosslingual.py, rag/korean.py) becomes the same filter."""
    text = written.strip()
    for pattern, kind in _QUESTION_DATES:
        m = pattern.match(text)
        if not m:
            continue
        found = _filter_of(m, kind)
        if found is None:
            if m.end() == len(text):
                return None
            continue
        found, end = _span_of(text, m, found)
        if end == len(text):
            return found
    return None


_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December")
_WRITTEN_DATE = re.compile(r"(?:(\d{4})年)?(?:(\d{1,3})月)?(?:(\d{1,3})日)?")


def why_not_a_date(written: str) -> tuple[str, str] | None:
    """Why a date written the Chinese way (`2020年2月30日`, `13月`, `32日`) is none, in Chinese and in
    English (`2020年2月只有29天`, `February 2020 has 29 days`); None when it is a date."""
    m = _WRITTEN_DATE.fullmatch(written.strip())
    if not m or not any(m.groups()):
        return None
    year, month, day = (int(g) if g else None for g in m.groups())
    if month is not None and not 1 <= month <= 12:
        return "一年只有12个月", "a year has 12 months"
    if day is None:
        return None
    if month is None:
        return ("一个月最多31天", "a month has at most 31 days") if not 1 <= day <= 31 else None
    days = calendar.monthrange(year or 2000, month)[1]    # 2000: a leap year, as `2月29日` alone may be
    if 1 <= day <= days:
        return None
    if year:
        return f"{year}年{month}月只有{days}天", f"{_MONTHS_EN[month - 1]} {year} has {days} days"
    return f"{month}月最多{days}天", f"{_MONTHS_EN[month - 1]} has at most {days} days"


def first_that_is_none(written_dates) -> str | None:
    """The first of dates written the Chinese way (as each language's reader writes what it read)
    that no calendar has; None if all are dates."""
    return next((written for written in written_dates if written and not date_filter(written)), None)


def is_date_alone(question: str, dates: list) -> bool:
    """Whether the question is one date and nothing else (`February 30, 2020`), `dates` the matches
    of its dates: typed alone, it is asked about as a session's, as a date alone is (date_alone)."""
    return any(not re.sub(r"[\s,.，。?？!！]", "", question[:m.start()] + question[m.end():]) for m in dates)


def date_that_is_none(question: str) -> str | None:
    """The first date a question writes the Chinese (or Japanese) way that no calendar has
    (`2020年2月30日`, `2020年13月`, `3月32日那次`), written `2020年2月30日`; None if it writes none.
    Such a date is not read as a session's date (split_session_date passes it over), so the page
    says why the whole question was searched instead."""
    text = (question or "").translate(_FULLWIDTH_DIGITS)
    for pattern, kind in _QUESTION_DATES:
        if kind in ("year", "half"):
            continue
        for m in pattern.finditer(text):
            if _filter_of(m, kind) is not None:
                continue
            try:
                numbers = [_cn_number(g) for g in m.groups() if g and g not in _MONTH_PARTS and "前" not in g]
            except KeyError:
                continue        # `十一二号`: two numbers said together, no number at all
            # what each number is: `3月中旬` has a month (and perhaps a year), `32号` a day alone
            labels = {"day": "年月日", "month": "年月", "md": "月日", "dom": "日", "mon": "月",
                      "part": "年月" if len(numbers) == 2 else "月"}[kind]
            written = "".join(f"{n}{label}" for n, label in zip(numbers, labels))
            if why_not_a_date(written):
                return written
    return None


_MONTH_OR_YEAR_ALONE = re.compile(r"(\d{4})\s*(?:[-/.]\s*(\d{1,2}))?")


def month_or_year_span(written: str) -> tuple[str, str] | None:
    """The first and last day of a month or a year written alone (`2020年3月`, `2020-03`, `2020/3`,
    `2020年`, `2020`, `二〇二〇年三月`), as ISO dates; None for anything else. A filter field's
    `从 2020年3月` means from its first day, `到 2020年3月` to its last."""
    written = (written or "").strip().translate(_FULLWIDTH_DIGITS)
    m = _MONTH_OR_YEAR_ALONE.fullmatch(written)
    if m:       # `2020-03`, `2020`: read as `2020年3月`, `2020年` are
        written = f"{m.group(1)}年{m.group(2)}月" if m.group(2) else f"{m.group(1)}年"
    span = date_filter(written)
    if span and "date_from" in span and span["date_from"] != span["date_to"]:
        return span["date_from"], span["date_to"]
    return None


def find_date(text: str) -> re.Match | None:
    """The first real date written the Chinese way in `text` (`2020年3月4日`, `3月中旬`, `2020年`), the
    forms tried in split_session_date's order, whatever surrounds it: for questions in a language that
    writes dates so (rag/japanese.py)."""
    for pattern, kind in _QUESTION_DATES:
        for m in pattern.finditer(text):
            if _filter_of(m, kind):
                return m
    return None


def question_dates(question: str) -> dict | None:
    """The session date a question names, as a filter: {"date_from", "date_to"} for a day, a
    month or a year, or {"month_day": (m, d)} for a day without a year ((m, first day, last day) for
    a part of a month without a year: `3月中旬`); None when the question names no
    session date (a date without a session cue is content, not a filter)."""
    return split_session_date(question)[0]


# What names the session around a date (`在3月4日那次学习中`), removed with the date so that only
# the content of the question is matched against passages.
# (`2024年学过几次X？` keeps its `学过几次`: it asks how often X was studied within the year)
_CUE_AFTER = re.compile(r"\s*(?:的)?(?:那次|这次|那回|这回|那天|当天|那期|[那这][两几]次)?(?:的)?"
                        # (`三月中旬那次网上集中学习，…`: how it was held, said before its study word)
                        r"(?:(?:线上|网上|线下|在线|现场)(?=(?:集中)?学习))?"
                        r"(?:(?:集中学习|学习了|学习过|学习|学了|学过|会上学)(?![过了]?\s*(?:几次|多少次))(?!强国))?"
                        # 中/里/上/时 only after a session word: not the 中 of `2020年中央…`
                        r"(?:(?<=[次天期习了过学])(?:中|里|上|时)|(?<=年)里)?[，,：:]?")
# (not the 于 of `关于2020年…`, `至于`, `对于`)
_CUE_BEFORE = re.compile(r"(?:在|(?<![关至对由属基鉴终])于|从|(?<![来各独亲源])自|(?:截至|截止|到)(?:到)?)\s*$")


# What is left of `3月11号讲了啥` once its date is read: it asks what that day's session covered
_WHAT = r"些?(?:啥|什么|哪些)(?:内容|东西)?\s*[？?。!！]*"
_WHAT_WAS_SAID = re.compile(r"\s*的?(?:讲了|讲的|说了|学了|学的)" + _WHAT)
_ONLY_WHAT_WAS_SAID = re.compile(r"\s*的?(?:讲了|讲的|说了)" + _WHAT)      # said, not studied


def asks_only_what_was_said(content: str) -> bool:
    """`讲了啥`, `讲了什么？`: all that is left of `3月11号讲了啥` once its date is read. Such a date is
    a session's only when a session falls on it; else it may be the day a speech was given
    (`2月23日讲了什么？`), and the question is searched whole (understand.read_filters)."""
    return bool(_ONLY_WHAT_WAS_SAID.fullmatch(content))


def _opens_study_question(text: str, start: int, end: int) -> bool:
    """Whether the date at text[start:end] opens a question about the sessions (`2024年二十届三中全会精神
    学过几次？`, `2023年关于粮食安全学了哪些内容？`, `3月11号讲了啥`): it then names the sessions' period,
    though no session word stands right after it. `2020年有多少贫困人口？` asks about the text, and its
    date is content."""
    if re.sub(r"[在于从自\s]", "", text[:start]):
        return False
    return (asks_about_session(text) or _asks_what_studied_about(text) or asks_how_often_studied(text)
            or bool(_WHAT_WAS_SAID.fullmatch(text, end)))
# `那次` + a named event of the text (`2019年那次脱贫攻坚专题座谈会在哪开的`, `那次赴湖北考察`): the
# date is that event's, not a study session's, unless a study word follows in the same clause.
# So is a date followed, in its clause, by the event being held (`2015年在延安召开的那次座谈会`,
# `2015年在贵阳开的那次座谈会`: `开的`, `开过`, not the `开` of `开展`).
_NO_STUDY_WORD_AHEAD = r"(?![^，,。？?！!；;]*?(?:学习|学了|学过|学的|会上学))"
_OTHER_EVENT = re.compile(r"\s*(?:在[^，,。？?！!；;\s]{1,8}?)?(?:的)?(?:那次|这次|那回)" + _NO_STUDY_WORD_AHEAD +
                          r"(?:[^，,。？?！!；;\s]{2,16}?(?:座谈会|会议|大会|全会|峰会|论坛|考察|调研|视察|发布会|常委会|研讨班|研讨会|开班式|培训班|报告会)"
                          # (named alone, an event no study session is called: `2018年那次研讨班上…`; not
                          # `那次会议`, which may be the session)
                          r"|(?:座谈会|研讨班|研讨会|开班式|培训班|报告会|考察|调研|视察|发布会))"
                          # (`3月4日那次学习是在哪开的`: the session itself held, not an event of the text)
                          r"|(?:(?!学习|学了|学过|学的|集中学)[^，,。？?！!；;]){0,10}?(?:召开|举行|举办|开的|开过|开了)" + _NO_STUDY_WORD_AHEAD)


# A date right before a speech, instruction, visit or meeting it dates (`2月23日讲话学过几次`, `3月10日在湖北
# 考察时的讲话`, `2月10日在北京调研那天`, `2月14日中央深改委会议精神`), no session word between: the date
# of what was studied
_DATES_A_TEXT = re.compile(r"\s*(?:的)?(?:(?!那次|这次|那天|学习|学了|学过|学的|集中)[^，,。？?！!；;\s]){0,12}?"
                           r"(?:讲话|重要指示|指示精神|批示|贺信|回信|致辞|署名文章|座谈会|考察|视察|调研|会议精神|全会精神)"
                           r"(?!上学)")     # (`6月30日座谈会上学了什么`: studied at that meeting, a session)


def _is_one_day(found: dict) -> bool:
    """Whether a date filter is one day (`2月23日`, `2020年2月23日`), not a month or a year (`2024年二十届
    三中全会精神学过几次`: the sessions of 2024)."""
    return len(found.get("month_day") or ()) == 2 or bool(found.get("date_from")) and found.get("date_from") == found.get("date_to")


_COUNTING = re.compile(r"\s*(?:一共|总共|共计|累计|先后|一起|共(?![产同识享建赢]))?")


def split_session_date(question: str) -> tuple[dict | None, str]:
    """(the session-date filter the question names, or None; the question without that date and
    the words naming the session, for matching its content). `3月4日那次学习讲了生物安全的什么内容？`
    -> ({"month_day": (3, 4)}, `讲了生物安全的什么内容？`). The question is returned unchanged
    when it names no session date, or when nothing would be left of it."""
    text = (question or "").translate(_FULLWIDTH_DIGITS)
    for pattern, kind in _QUESTION_DATES:
        for m in pattern.finditer(text):
            found = _filter_of(m, kind)
            if found is None:
                continue
            if "date_from" not in found and (_SPAN_FROM.match(text, m.end()) or _SPAN_UNTIL.match(text, m.end())):
                continue        # `3月4日以来`: its year is said relative to today (written_out_dates)
            spanned, span_end = _span_of(text, m, found)
            event = _EVENT_SPAN.match(text, span_end) if spanned is not found else None
            # (`3月一共学了几次`: a word counting them is no part of the eight characters looked at)
            after = text[span_end:(event.end() if event else _COUNTING.match(text, span_end).end()) + 8]
            before = text[max(0, m.start() - 4):m.start()]
            if not (re.search(_SESSION_CUES, after) or re.search(r"(?:在|于|从|自)$", before) and
                    re.search(_SESSION_CUES, text) or _opens_study_question(text, m.start(), span_end)):
                continue
            if _OTHER_EVENT.match(text, span_end) or (_is_one_day(found) and _DATES_A_TEXT.match(text, span_end)):
                continue        # `2019年那次脱贫攻坚座谈会`, `2月23日讲话`: the date of what is asked about
            if _DAY_OF_THE_TEXT.match(text, span_end):
                continue        # `3月1日那天，全国还有多少重症病人？`: a day the text tells of
            if spanned is not found:
                listed, start, end = [spanned], m.start(), span_end
            else:
                # `3月4日和3月11日那两次学习`, `2020年3月4日和11日的学习`: either date
                listed, start, end = _dates_listed_with(text, m, kind, found)
            cue_before = _CUE_BEFORE.search(question[:start])
            if cue_before:
                start = cue_before.start()
            end = _CUE_AFTER.match(question, end).end()
            if event:
                # `2022年二十大召开后学了哪些内容`: the event is what was studied about (`二十大`), not its
                # being held or the span word, which no passage needs to say (nor a term count)
                end = _CUE_AFTER.match(question, event.end()).end()
                content = (question[:start] + event.group("event") + question[end:]).strip().removeprefix("的")
            else:
                content = (question[:start] + question[end:]).strip().removeprefix("的")
            found = listed[0] if len(listed) == 1 else {"either": tuple(listed)}
            return found, content if re.search(r"\w", content) else question
    return None, question


# Dates said relative to today (`去年学了什么`, `上个月学习的主题`, `今年3月4日那次`): written out
# (`2025年`, `2026年11月`) before they are read as any other date.
# (`昨年`, `一昨年`: as Japanese says last year and the one before, read in simplified characters)
_RELATIVE_YEARS = {"今年": 0, "去年": -1, "前年": -2, "大前年": -3, "昨年": -1, "一昨年": -2}
_RELATIVE_MONTHS = {"本月": 0, "这个月": 0, "这月": 0, "上个月": -1, "上月": -1, "上上个月": -2, "上上月": -2}
# Quarters (`本季度`, `上季度`) likewise, and a half year said without its year (`上半年学了哪些`: this
# year's); a quarter named without its year (`第三季度学了什么`) is the last one begun by today
_RELATIVE_QUARTERS = {"本季度": 0, "这个季度": 0, "这季度": 0, "上季度": -1, "上个季度": -1, "上一季度": -1}
_RELATIVE = re.compile("|".join(sorted([*_RELATIVE_YEARS, *_RELATIVE_MONTHS, *_RELATIVE_QUARTERS], key=len,
                                       reverse=True)) + r"|(?<![年\d])(?<!半年和)(?<!半年、)(?:上半年|下半年)"
                       r"|(?<![年\d第一二三四前、])(?<!半年和)(?<!半年、)(?<!季度和)(?<!季度、)第?[一二三四1-4]季度")


# A date without its year opening a span (`3月4日以来`, `3月份以来`) or closing one (`3月4日以前`,
# `到3月为止`, `截至3月底`): its year is the last one in which that day (or month) has come, so it is
# written out with the dates said relative to today (`until March`, asked in March, is written
# `3月为止`, this March's: not `4月以前`, whose April is yet to come).
_YEARLESS_SPAN = re.compile(r"(?<![年\d〇零○Ｏ一二三四五六七八九十])(\d{1,2}|[一二三四五六七八九十]{1,2})\s*月(?:份)?"
                            r"(?:\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号]|\s*([底末]|上旬|中旬|下旬|中下旬))?"
                            r"(?=\s*(?:以来|以后|之后|开始|起(?![草义诉步])|至今|(?:到|至)(?:现在|目前|如今|今天)|以前|之前|为止|止(?![步境])|前(?![一二三四五六七八九十两\d半后])))")
_YEARLESS_THROUGH = re.compile(r"(?<![年\d〇零○Ｏ一二三四五六七八九十])(?<=截至|截止|止到|至到)\s*"
                               r"(\d{1,2}|[一二三四五六七八九十]{1,2})\s*月(?:份)?(?:\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号]|\s*[底末])?")


_JAPANESE_NO = re.compile(r"(?<=年)の(?=\s*(?:\d{1,2}\s*月|第?\s*[1-4一二三四１-４]\s*四半期|[上下]半期))")
_TWO_DIGIT_YEAR = re.compile(r"(?<![\d.])([0-3]\d)\s*年\s*(?=\d{1,2}\s*月)")
_YEARS_JOINED = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*(?:-|–|—|~|～|至|到)\s*((?:19|20)\d\d)\s*年")
_MONTHS_JOINED = re.compile(r"((?:19|20)\d\d\s*年\s*)(\d{1,2})\s*(?:-|–|—|~|～|至|到|、)\s*(\d{1,2})\s*月(?:份)?")
# Dates written with dots, dashes or slashes in a span or list (`2024-03-04到2024-03-11`, `3.4-3.11`,
# `2024年3.4至3.11`, `3.4和3.11两次`): written out as 年月日, as the span and list readers read them
_ISO_DAY = re.compile(r"(?<![\d.])((?:19|20)\d\d)[-/.](\d{1,2})[-/.](\d{1,2})(?![\d.])")
_DOT_JOINER = r"\s*(-|–|—|~|～|至|到|和|、|与|及|或)\s*"
_NOT_A_QUANTITY = r"(?![\d.%％亿万千百倍个元米吨度小分秒])"
_DOTTED_PAIR = re.compile(r"(?<![\d.第])(\d{1,2})\.(\d{1,2})" + _DOT_JOINER + r"(\d{1,2})\.(\d{1,2})" + _NOT_A_QUANTITY)
_DOTTED_AFTER = re.compile(r"(年|日)\s*(?:(-|–|—|~|～|至|到|和|、|与|及|或)\s*)?(\d{1,2})\.(\d{1,2})" + _NOT_A_QUANTITY)


# Two months said as one (`三四月份`, `十一二月`): the one and the next, written as a span (`3月到4月份`)
_TWO_MONTHS = re.compile(r"(?<![\d一二三四五六七八九十])(十一(?=二)|[一二三四五六七八九])([一二三四五六七八九十])(?=\s*月)")


def _two_months(m: re.Match) -> str:
    first = _cn_number(m.group(1))
    second = 12 if m.group(1) == "十一" else _cn_number(m.group(2))
    return f"{first}月到{second}" if second == first + 1 else m.group()


def written_out_dates(question: str, today: date) -> str:
    """The question with its dates relative to `today` written out: `去年学了什么` -> `2025年学了
    什么` (today in 2026), `上个月学习的主题` -> `2026年10月学习的主题`, `上季度` -> `2026年第3季度`."""
    def yearless(m: re.Match) -> str:
        # `3月4日以来`: since the last March 4 up to today (this year's, or last year's when it is
        # yet to come)
        month, day = _cn_number(m.group(1)), _cn_number(m.group(2)) if m.group(2) else 1
        year = today.year if (month, day) <= (today.month, today.day) else today.year - 1
        for back in range(8):       # `2月29日以来`: the last year that had one
            try:
                date(year - back, month, day)
                return f"{year - back}年{m.group()}"
            except ValueError:
                continue
        return f"{year}年{m.group()}"
    question = _YEARLESS_THROUGH.sub(yearless, _YEARLESS_SPAN.sub(yearless, question or ""))
    # `2023-2024年`, `2024年3-4月`, `2024年3、4月份`: the first with its 年 or 月, as a span is read
    question = _TWO_DIGIT_YEAR.sub(r"20\1年", question)      # `24年3月`: 2024
    question = _QUARTER_Q.sub(lambda m: f"第{m.group(1) or m.group(2)}季度", question)   # `今年Q1`, `2024年Q3`
    question = _JAPANESE_NO.sub("", question)                  # `2024年の3月`, `今年の第1四半期`: the year's
    question = _YEARS_JOINED.sub(r"\1年到\2年", question)
    question = _MONTHS_JOINED.sub(r"\1\2月到\3月", question)
    question = _ISO_DAY.sub(r"\1年\2月\3日", question)
    question = _DOTTED_PAIR.sub(r"\1月\2日\3\4月\5日", question)
    question = _DOTTED_AFTER.sub(lambda m: f"{m.group(1)}{m.group(2) or ''}{m.group(3)}月{m.group(4)}日", question)

    # `年初学了什么`: this year's start; `年底学习的内容`: the last year-end begun by today (as a
    # quarter said without its year)
    question = _YEARLESS_YEAR_END.sub(
        lambda m: f"{today.year - (m.group(1) != '年初' and today.month < 12)}年{m.group(1)}", question)
    # `去年同期`, `去年这个时候`: this month of last year
    question = _SAME_TIME_LAST_YEAR.sub(f"{today.year - 1}年{today.month}月", question)

    def written(m: re.Match) -> str:
        word = m.group()
        if word in _RELATIVE_YEARS:
            return f"{today.year + _RELATIVE_YEARS[word]}年"
        if word in ("上半年", "下半年"):
            return f"{today.year}年{word}"
        if word.endswith("季度") and word not in _RELATIVE_QUARTERS:
            quarter = _cn_number(word.removeprefix("第")[0])
            return f"{today.year - (3 * quarter - 2 > today.month)}年{word}"
        if word in _RELATIVE_QUARTERS:
            quarters = today.year * 4 + (today.month - 1) // 3 + _RELATIVE_QUARTERS[word]
            return f"{quarters // 4}年第{quarters % 4 + 1}季度"
        months = today.year * 12 + today.month - 1 + _RELATIVE_MONTHS[word]
        return f"{months // 12}年{months % 12 + 1}月"
    question = _TWO_MONTHS.sub(_two_months, _RELATIVE.sub(written, question or ""))
    return _WEEKDAYS_JOINED.sub(lambda m: _weekdays_written(m, today), question)


_QUARTER_Q = re.compile(r"(?<=年)\s*[Qq]([1-4])(?![\dA-Za-z])|(?<![A-Za-z\d])[Qq]([1-4])(?=\s*(?:的)?\s*(?:学(?!习强国|习型)|那次|集中))")
# (`年初那次疫情`, `年底那次中央经济工作会议`: 那次 there is an event of the text)
_YEARLESS_YEAR_END = re.compile(r"(?<![年\d〇零○Ｏ一二三四五六七八九十今去明])(年初|年底|年末)"
                                r"(?=\s*(?:的)?\s*(?:" + _THAT_SESSION + r"|集中学习|学习(?!强国|型)|学了|学过|学的))")
_SAME_TIME_LAST_YEAR = re.compile(r"去年(?:的)?(?:同期|同一时期|这个时候|这时候|此时|这段时间)")


# Two days of a week said relative to today, listed or as a span (`上周三和上周五`, `上周一到周三`,
# `本周二、四`): written out as dates, as the list and span readers read them (`上周三` alone stays
# a day of last week, so the page names it)
_WEEK_WORDS = r"上上周|上周|上星期|上个星期|上礼拜|上个礼拜|本周|这周|这个星期|这星期|本星期|这礼拜|这个礼拜"
_WEEKDAYS_JOINED = re.compile(r"(" + _WEEK_WORDS + r")([一二三四五六日天])\s*(和|、|与|及|或|到|至|-|—|~|～)\s*"
                              r"(" + _WEEK_WORDS + r"|周|星期|礼拜)?([一二三四五六日天])(?![共起同道个名位楼层次项条点号批家])")


def _weekdays_written(m: re.Match, today: date) -> str:
    # a day alone after 和/到 is no weekday unless listed with 、 (`上周三和五个支部`, `本周一到三楼`)
    if not m.group(4) and m.group(3) != "、":
        return m.group()

    def day_of(week_word: str, day: str) -> str:
        monday = today - timedelta(days=today.weekday() + 7 * _RELATIVE_WEEKS[week_word])
        return format_date_cn((monday + timedelta(days=_WEEKDAYS[day] - 1)).isoformat())
    week = m.group(4) if m.group(4) in _RELATIVE_WEEKS else m.group(1)
    return f"{day_of(m.group(1), m.group(2))}{m.group(3)}{day_of(week, m.group(5))}"


# Weeks and spans up to today (`上周学了什么`, `最近三个月学习的内容`, `过去一年里学过哪些`, `近半年的学习`):
# read as (unit, how many back) for filters.relative_filter, before a session word only.
_RELATIVE_WEEKS = {"上上周": 2, "上周": 1, "上星期": 1, "上个星期": 1, "上礼拜": 1, "上个礼拜": 1,
                   "本周": 0, "这周": 0, "这个星期": 0, "这星期": 0, "本星期": 0, "这礼拜": 0, "这个礼拜": 0}
_SPAN_UNITS = {"天": "day", "日": "day", "周": "week", "星期": "week", "个星期": "week", "礼拜": "week",
               "个礼拜": "week", "个月": "month", "年": "year"}
_WEEKDAYS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7}
_RELATIVE_SPAN = re.compile(
    # `上周一` is last Monday, but `上周一共…`, `上周一起…` are last week (in all, together)
    r"(?:" + "|".join(sorted(_RELATIVE_WEEKS, key=len, reverse=True)) + r")(一(?![共起同道])|[二三四五六日天1-7])?"
    r"|(?:最近|近|过去|这)的?(?:(\d{1,3}|[一二两三四五六七八九十]{1,3})(个星期|个礼拜|个月|星期|礼拜|天|日|周|年)"
    r"|(半)(年|个月))"
    r"(?:以来|来|里|内|之内|中|当中)?")
# (a place may stand between: `上周在线上学了什么`, `最近三个月在三楼会议室学过几次`)
_PLACE_BETWEEN = r"(?:在[^，,。？?！!；;\s\d]{1,10}?)?"
_SPAN_THEN_SESSION = re.compile(r"\s*(?:的|我们|我们的|咱们|支部|大家|一起|都|一共|总共|共)*" + _PLACE_BETWEEN + _SESSION_CUES)
_DE_AFTER = re.compile(r"\s*的?")


# A day of the week alone before a session word (`周三那次学习`, `星期五学的`): the last one up to today
_WEEKDAY_ALONE = re.compile(r"(?<![上本这下每个一])(?:周|星期|礼拜)([一二三四五六日天1-7])(?=\s*(?:的)?(?:那次|这次|那天|当天|那期|"
                            r"集中学习|学习|学的|学了|学过))")


_AGO_UNITS = {"周": "week", "星期": "week", "个星期": "week", "礼拜": "week", "个礼拜": "week", "个月": "month", "年": "year"}
# (one number: not `两三周前`, `三四个月前`, said roughly)
_AGO = re.compile(r"(?<![\d一二三四五六七八九十两])(\d{1,2}|[一二两三四五六七八九]?十[一二三四五六七八九]?|[一二两三四五六七八九]|半)"
                  r"(个星期|个礼拜|星期|礼拜|周|个月|年)前"
                  r"(?=\s*(?:的)?(?:那次|这次|那天|那期|集中学习|学习|学的|学了|学过))")


# A day said relative to today before a session word (`昨天学习的主题`, `前天那次`, `三天前学的`)
_DAYS_BACK = {"今天": 0, "今日": 0, "昨天": 1, "昨日": 1, "前天": 2, "前日": 2, "大前天": 3}
# (not `截至今天学了几次`, up to today; nor `今天学习强国的文章`, the study app)
_DAY_BACK = re.compile(r"(?<![\d一二三四五六七八九十两大])(?<!截至)(?<!截止)(?<!到)(?<!至)"
                       r"(?:(大前天|今天|今日|昨天|昨日|前天|前日)"
                       r"|(\d{1,2}|[一二两三四五六七八九]?十[一二三四五六七八九]?|[一二两三四五六七八九])天前)"
                       r"(?=\s*(?:的)?(?:那次|这次|那天|那期|集中学习|学习(?!强国)|学的|学了|学过))")


def split_relative_date(question: str) -> tuple[tuple | None, str]:
    """((unit, back[, day of the week]) of a week, a day of one, or a span up to today that the
    question names before a session word, for filters.relative_filter, or None) and the question
    without it: `上周学习讲了什么` -> (("week", 1), `讲了什么`), `上周三那次学习` -> (("week", 1, 3), …),
    `最近三个月学了哪些内容` -> (("past-month", 3), `哪些内容`)."""
    text = (question or "").translate(_FULLWIDTH_DIGITS)
    for m in _RELATIVE_SPAN.finditer(text):
        then = _DE_AFTER.match(text, m.end()).end()
        if not (_SPAN_THEN_SESSION.match(text, m.end()) or _SESSION_ORDER.match(text, then)
                or _SESSIONS_COUNTED.match(text, then)):
            continue        # `最近三个月的最后一次学习`: the order is read among the span's sessions
        if m.group(2):
            count = _cn_number(m.group(2).replace("两", "二"))
            if count == 0:
                continue
            read = ("past-" + _SPAN_UNITS[m.group(3)], count)
        elif m.group(4):        # 半年: six months; 半个月: fifteen days
            read = ("past-month", 6) if m.group(5) == "年" else ("past-day", 15)
        else:
            day = m.group(1)
            week = _RELATIVE_WEEKS[m.group()[:-1] if day else m.group()]
            read = ("week", week) if not day else ("week", week, int(day) if day.isdigit() else _WEEKDAYS[day])
        return read, _without_date_words(question, m)
    m = _AGO.search(text)
    if m and m.group(1) == "半" and m.group(2) == "年":      # `半年前学的`: that month, six back
        return ("month", 6), _without_date_words(question, m)
    if m and m.group(1) != "半":       # `两周前学的`, `三个月前那次学习`: that week, month or year back
        count = _cn_number(m.group(1).replace("两", "二"))
        if count:
            return (_AGO_UNITS[m.group(2)], count), _without_date_words(question, m)
    m = _DAY_BACK.search(text)
    if m:       # `昨天学习的主题`, `三天前学的`: that day
        back = _DAYS_BACK.get(m.group(1)) if m.group(1) else _cn_number(m.group(2).replace("两", "二"))
        return ("day", back), _without_date_words(question, m)
    m = _WEEKDAY_ALONE.search(text)
    if m:
        day = m.group(1)
        return ("weekday", 0, int(day) if day.isdigit() else _WEEKDAYS[day]), _without_date_words(question, m)
    return None, question


def _without_date_words(question: str, m: re.Match) -> str:
    """The question without the date `m` read from it and the words naming the session around it
    (`在`, `学的`…); the question itself when nothing would be left."""
    start = _CUE_BEFORE.search(question[:m.start()])
    start = start.start() if start else m.start()
    end = _CUE_AFTER.match(question, m.end()).end()
    content = (question[:start] + question[end:]).strip().removeprefix("的")
    return content if re.search(r"\w", content) else question


# Dates listed together (`3月4日和3月11日`, `3月4日、11日`): a day alone after another date is in its
# month (and year).
_DATE_JOINER = re.compile(r"\s*(?:以及|或者|和|与|及|、|跟|或|还有|，|,)\s*")
_DAY_ALONE = re.compile(_NOT_AFTER_NUM + _Q_NUM + r"\s*[日号]")
_LIST_DATES = ((_Q_FULL, "day"), (_Q_ISO, "day"), (_Q_MONTH_DAY, "md"), (_Q_MONTH, "month"), (_Q_HALF, "half"),
               (_Q_YEAR, "year"))
# after a month or a half of a year, in a list: the next of that year (`2023年3月和5月`, `2024年上半年和下半年`)
_MONTH_LISTED = re.compile(_Q_NUM + r"\s*月(?:份)?" + _NOT_BEFORE_NUM)
_HALF_LISTED = re.compile(r"(上半年|下半年|第?([一二三四1-4])季度)")


def _dates_listed_with(text: str, m: re.Match, kind: str, found: dict) -> tuple[list[dict], int, int]:
    """The date filters of the dates listed with the date `m` (its filter `found`) by 和, 、…, in
    order, with where the list starts and ends in `text`; a list of one when there is none."""
    listed, start, end = [found], m.start(), m.end()
    previous = (m, kind)
    while True:     # later dates: `3月4日和11日`
        joiner = _DATE_JOINER.match(text, end)
        if not joiner:
            break
        nxt = _listed_date_at(text, joiner.end(), previous)
        if not nxt:
            break
        listed.append(nxt[0])
        previous, end = nxt[1], nxt[1][0].end()
    while True:     # earlier ones: `3月4日和3月11日那两次`, found at 3月11日
        joiner = next((j for j in _DATE_JOINER.finditer(text, 0, start) if j.end() == start), None)
        forms = _LIST_DATES + (((_DAY_ALONE, "dom"),) if kind == "dom" else ())    # `4号和11号那两次`
        earlier = [(d, _filter_of(d, form)) for pattern, form in forms
                   for d in (pattern.finditer(text, 0, joiner.start()) if joiner else ())
                   if d.end() == joiner.start()]
        earlier = [(d, read) for d, read in earlier if read]
        if not earlier:
            break
        d, read = min(earlier, key=lambda e: e[0].start())
        listed.insert(0, read)
        start = d.start()
    return listed, start, end


_WRITTEN_DAY = re.compile(r"((?:\d{4}年)?\d{1,2}月)\d{1,2}日")


def dates_listed_after(question: str, written: str, end: int, joiner: re.Pattern, date_at,
                       day_alone: re.Pattern) -> tuple[list[str], int]:
    """The dates listed after the date `written` the Chinese way (ending at `end` in a question in
    another language), each written so, and where the list ends ([written] and `end` when no date
    follows): `joiner` matches what joins two dates (`と`, `과`), `date_at(question, at)` reads a
    whole date there ((written, end) or None), and `day_alone` a day alone (its group 1), which
    takes the month (and year) of the date before it."""
    listed = [written]
    while (joined := joiner.match(question, end)):
        whole = date_at(question, joined.end())
        month = _WRITTEN_DAY.fullmatch(listed[-1])
        if whole:
            one, one_end = whole
        elif (day := day_alone.match(question, joined.end())) and month:
            one, one_end = f"{month.group(1)}{int(day.group(1))}日", day.end()
        else:
            break
        if not date_filter(one):
            break
        listed.append(one)
        end = one_end
    return listed, end


class _YearOf:
    """A month or half of a year listed without its year, as the next in a list reads it: the
    year (group 1) of the date before it, and where it ends."""
    def __init__(self, year: str, end: int):
        self._year, self._end = year, end

    def group(self, n: int) -> str:
        return self._year

    def end(self) -> int:
        return self._end


def _listed_date_at(text: str, at: int, previous: tuple) -> tuple[dict, tuple] | None:
    """The date filter of a date written at `text[at:]` in a list after the date `previous` (match,
    kind), and (its match, kind); a day alone takes the previous date's month (and year)."""
    for pattern, kind in _LIST_DATES:
        d = pattern.match(text, at)
        if d and _filter_of(d, kind):
            return _filter_of(d, kind), (d, kind)
    m, kind = previous
    later = {"month": _MONTH_LISTED, "half": _HALF_LISTED}.get(kind)
    if later and later.match(text, at):
        d = later.match(text, at)
        year = str(_cn_number(m.group(1)))
        read = date_filter(f"{year}年{d.group()}")
        return (read, (_YearOf(year, d.end()), kind)) if read else None
    d = _DAY_ALONE.match(text, at)
    if not d or kind not in ("day", "md", "dom"):
        return None
    if kind == "dom":
        read = _filter_of(d, "dom")
        return (read, (d, kind)) if read else None
    if kind == "md":
        month, day = _cn_number(m.group(1)), _cn_number(d.group(1))
        written = f"{month}月{day}日"
    else:
        iso = date(*map(_cn_number, m.groups()))
        written = f"{iso.year}年{iso.month}月{_cn_number(d.group(1))}日"
    read = date_filter(written)
    return (read, (d, kind)) if read else None


# A session named by its place in time (`上次学习`, `最近一次学习的主题`, `第一次集中学习`, `倒数第二次
# 学习`): 1 the first by date, 2 the second…, -1 the latest, -2 the one before. Only with a study word
# that is not the start of what was studied: `最近一次学习脱贫攻坚是哪天？` asks when 脱贫攻坚 was last
# studied (the dates of the hits answer it), not about the latest session.
_ORDINAL = r"(\d{1,2}|[一二三四五六七八九十]{1,3})"
# (`回` as `次`: `上回学习`, `第二回学习`; a word of holding it may come before: `最早办的那次学习`, `最后开的
#那次`, not after 上, where it is a place's: `在QQ上办的那次学习`)
_HELD_VERBS = r"搞|开|办|弄|组织|举行|举办|进行|开展"
_HELD_BY = r"(?:" + _HELD_VERBS + r")的"
_ORDER_WORDS = (r"(?:(?P<before_last>上上|再上)(?:一)?[次回]|(?P<last>最近|最新|最后|较晚|更晚|上(?=一?[次回]))(?:的)?(?:(?<!上)" + _HELD_BY + r")?(?:一|那)?[次回]|倒数第"
                + _ORDINAL.replace("(", "(?P<from_end>", 1) + r"[次回]|(?P<first>最早|首|头|先|较早|更早)(?:的)?(?:" + _HELD_BY + r")?(?:一|那)?[次回]|第"
                + _ORDINAL.replace("(", "(?P<nth>", 1) + r"[次回])")
_SESSION_ORDER = re.compile(_ORDER_WORDS + r"(?:的)?(?:那个|那次|这次)?(?:(?:" + _HELD_VERBS + r")的?)?(?:集中)?(?:学习|学的|学了|学过)"
                            r"(?=[的中里时上，,：:讲提说学是在有都内主谈谁由哪什啥些地形方采用几参东围关涉所？?]|$)")
# ...or ending in 那次 with no study word after them, in a question about studying
# (`两次集中学习里，先开展的那次是哪天？`, `较早那次的主题是？`): what follows asks about that session
_SESSION_ORDER_BARE = re.compile(_ORDER_WORDS + r"(?<=那[次回])(?=\s*(?:的)?\s*(?:是|在|用|地点|场所|方式|形式|主题|日期|时间|平台))")
# The order words alone at the start of what is left once a place and its session words were read
# from the question (`上次在QQ上学的那次讲了什么` -> `上次讲了什么`)
_ORDER_ALONE = re.compile(r"^" + _ORDER_WORDS + r"(?:的)?[，,：:]?")
_ORDER_CUE_AFTER = re.compile(r"(?:中|里|时(?![间候]))?[，,：:]?")


# A session named by its place next to another one, named by its date (`3月4日那次之后，下一次学习是哪天？`,
# `3月11日那次的上一次学习在哪？`, `2020年3月11日之前的那次学习`): the next one after it, or the one
# before. The words for next or before, with what may stand between them and the date.
_NEIGHBOUR_WORD = re.compile(
    r"(?:(?P<after>之后|以后|过后|后)|(?P<before>之前|以前|前))?(?:的)?[，,\s]*(?:的)?"
    r"(?:(?P<next>(?:再)?下一?[次回]|后一[次回]|紧接着的?(?:那|一)[次回]|接下来的?(?:那|一)[次回])"
    r"|(?P<previous>(?:再)?上一?[次回]|前一[次回])"
    r"|(?P<that>那一?[次回]|第一[次回]|头一[次回]|最后一[次回]|最近(?:的)?一[次回]))"
    r"(?:的)?(?:集中)?(?:学习|学的|学了|学过)?")
_BEFORE_NEIGHBOUR = re.compile(r"(?:那一?[次回]|那天|这一?次)?(?:的)?(?:集中)?(?:学习)?$")
MAX_DATE_CHARS = 16      # `2020年3月11日` and a little more: where the date before the words is looked for


def split_neighbour_session(question: str) -> tuple[int, dict | None, str, str]:
    """(+1 for the session after the one a date names, -1 for the one before it, 0 for neither;
    that date's filter; the date as written; the question without those words): `3月4日那次之后，
    下一次集中学习是在哪一天？` -> (1, {month_day: (3, 4)}, `3月4日`, `是在哪一天？`). `之后的那次` is the
    next, `之前的那次` the one before; `上次学习` alone is an order (split_session_order)."""
    text = question or ""
    for m in _NEIGHBOUR_WORD.finditer(text):
        g = m.groupdict()
        if g["that"]:
            # `之后的那次` / `之后的第一次` is the next, `之前的那次` / `之前的最后一次` the one before
            last = g["that"].startswith(("最后", "最近"))
            if not (g["after"] and not last or g["before"] and not g["that"].startswith(("第一", "头一"))):
                continue
            direction = 1 if g["after"] else -1
        elif g["next"] and g["before"] or g["previous"] and g["after"]:
            continue            # `之前的下一次`: no such session
        else:
            direction = 1 if g["next"] else -1
        ahead = text[:m.start()]
        ahead = ahead[:_BEFORE_NEIGHBOUR.search(ahead).start()]
        for start in range(max(0, len(ahead) - MAX_DATE_CHARS), len(ahead) - 1):
            written = ahead[start:]
            read = date_filter(written)
            # (one day, every year or of one year: not a month, a span or two dates)
            if read and "either" not in read and (read.get("month_day") or read.get("date_from") == read.get("date_to")):
                rest = (ahead[:start] + text[m.end():]).strip().lstrip("，,、 ").strip()
                return direction, read, written, rest
    return 0, None, "", question


def neighbour_cn(direction: int, written: str, written_en: str = "") -> tuple[str, str]:
    """How the page names a session by its neighbour, in Chinese and in English: (`3月4日那次的下一次
    学习`, `the session after 3月4日`); `written_en`: the date as an English question wrote it."""
    return (f"{written}那次的{'下' if direction > 0 else '上'}一次学习",
            f"the session {'after' if direction > 0 else 'before'} {written_en or written}")


def says_an_order(question: str) -> bool:
    """An order word anywhere (`最近一次`, `第二回`), a session's or not: worth reading the question
    again without a place that parts it from its session word (`最近一次在QQ上学习的主题`)."""
    return bool(re.search(_ORDER_WORDS, question or ""))


def split_session_order(question: str, alone: bool = False) -> tuple[int | None, str]:
    """(which session the question names by its order: 1 the first by date, n the nth, -1 the
    latest, -n the nth from the end; or None) and the question without those words: `上次学习讲了
    什么？` -> (-1, `讲了什么？`), `第二次集中学习的主题是什么` -> (2, `主题是什么`). `alone`: the
    order words without a study word, at the start (what is left once a place was read)."""
    m = (_ORDER_ALONE if alone else _SESSION_ORDER).search(question or "")
    if not m and not alone and "学" in (question or ""):
        m = _SESSION_ORDER_BARE.search(question)
    if not m:
        return None, question
    g = m.groupdict()
    if g["first"]:
        order = 1
    elif g["nth"]:
        order = _cn_number(g["nth"])
    elif g["before_last"]:
        order = -2
    elif g["from_end"]:
        order = -_cn_number(g["from_end"])
    else:
        order = -1
    if order == 0:
        return None, question
    end = m.end() if alone else _ORDER_CUE_AFTER.match(question, m.end()).end()
    return order, (question[:m.start()] + question[end:]).strip().removeprefix("的")


# Several sessions named by their order (`最近三次学习`, `前两次学习的主题`, `最后2次学的`): -n the
# last n, n the first n; with a study word, as above.
_SESSIONS_COUNTED = re.compile(r"(?:(?P<last>最近|最后|最新|近)|(?P<first>前|头|最早|最初|开头))(?:的)?"
                               r"(?P<count>\d{1,2}|[两二三四五六七八九十]{1,2})[次回](?:的)?(?:集中)?(?:学习|学的|学了|学过)"
                               r"(?=[的中里时上，,：:讲提说学是在有都内主谈谁由哪什啥些地形方采用几参分围关涉？?]|$)")


def signed_count(count: int, last: bool) -> int | None:
    """How a question's "the last / first n sessions" is kept: -n the last n, n the first n; None
    below 2 (one session is an order: split_session_order and its kin in the other languages)."""
    if count < 2:
        return None
    return -count if last else count


def split_sessions_counted(question: str) -> tuple[int | None, str]:
    """(how many of the latest (-n) or earliest (n) sessions the question names, or None) and the
    question without those words: `最近三次学习都讲了什么` -> (-3, `都讲了什么`)."""
    m = _SESSIONS_COUNTED.search(question or "")
    if not m:
        return None, question
    count = signed_count(_cn_number(m.group("count").replace("两", "二")), bool(m.group("last")))
    if count is None:
        return None, question          # `最近1次`: one session, split_session_order's
    end = _ORDER_CUE_AFTER.match(question, m.end()).end()
    return count, (question[:m.start()] + question[end:]).strip().removeprefix("的")


def sessions_counted_cn(count: int) -> str:
    """`最近3次学习 the last 3 sessions`, `最早3次学习 the first 3 sessions`."""
    return (f"最近{-count}次学习 the last {-count} sessions" if count < 0
            else f"最早{count}次学习 the first {count} sessions")


def order_cn(order: int) -> str:
    """A session's order as the page names it: `最近一次学习 the latest session`, `第2次学习 session
    no. 2`, `倒数第2次学习 session no. 2 from the end`."""
    if order == -1:
        return "最近一次学习 the latest session"
    return f"第{order}次学习 session no. {order}" if order > 0 else f"倒数第{-order}次学习 session no. {-order} from the end"


# A place names the session only next to words like these (`在三楼会议室学的那次`, `用QQ线上学习时`);
# `腾讯会议` alone may be content.
# A closing quote may come between (`地点标注为“线上学习”的那次`).
_PLACE_CUE_AFTER = re.compile(r"^[\s”’」』\"']*(?:的)?(?:一共|总共|共|那边)?(?:(?:(?:搞|开|办|组织|举行)[了过](?=\s*(?:几|多少)[次回](?:\s*(?:的)?\s*(?:集中)?(?:学习|学|活动|会)|\s*[？?。，,！!]|\s*$)))|(?:(?:那一?次|那一?回)" + _THAT_IS_A_SESSION + r"|那天|那期|集中学习|学习会(?!计)|学习|学的|学了|学过|上学习|上学|开展|进行|开会(?=学|那次|时)|(?:上)?" + _HELD_BY + r"(?:那一?次|那一?回)?会(?:上)?" + _THAT_IS_A_SESSION + r"|(?:上)?" + _HELD_BY + r"(?=学习|集中学习|(?:那一?次|那一?回)" + _THAT_IS_A_SESSION + r"))"
                              r"(?:的|时|中)?)+")
_PLACE_CUE_BEFORE = re.compile(r"(?:在|用|于|通过|借助)\s*[“‘「『\"']?\s*$")
_OPENING_QUOTE = re.compile(r"[“‘「『\"']\s*$")
# A place may be named by the start or the end of its name (`在QQ上学的那次` for QQ线上, `在会议室学过`
# for 三楼会议室), then only after 在/用/…, with where in it allowed after it (上, 里, 内, 中, and 群 for
# a chat group: `在QQ群里学的那次`), and before words that point at one session (`那次`, `学的`: not
# `在支部学习中…`, which is content). A full name with those words after it is read the same way.
# (`在QQ群里线上搞的那次`: the platform's group, then online, then the session words)
_PART_CUE_AFTER = re.compile(r"(?:群)?[上里内中]?(?:线上|网上|在线)?" + _PLACE_CUE_AFTER.pattern.removeprefix("^"))
# Parts of a place's name that say where in general, not which place: `在支部学过几次` is the branch
# itself (not 支部活动室), `在会议上学的那次` a meeting (not 腾讯会议 or 三楼会议室)
_NO_PLACE_PARTS = {"支部", "党支部", "会议", "会上", "单位", "机关", "公司", "学校", "办公室"}
_ONE_SESSION = re.compile(r"那一?次|那一?回|那天|那期|学的|学过|学了|[搞开办]的|(?:搞|开|办|组织|举行)[了过]$")
# Other words people say for a part of a place's name (`在网上学的那次`: the records write 线上)
_PLACE_WORDS_SAID = {"网上": "线上", "网络上": "线上"}
_THAT_OPENS = re.compile(r"(?:那一?次|那一?回)\s*")
_CUE_BEFORE_REACH = 24      # 在, a quote and spaces before a place: never more
MIN_PLACE_PART = 2


# Which sessions were held at a place, the place said last (`哪几次学习是在线上进行的？`, `哪些学习是用
# 腾讯会议搞的`, `在线上学习的有几次`): the sessions asked for, at that place (or the start or end of
# its name, as below)
_SESSIONS_THEN_PLACE = (r"^(?P<ask>.*?(?:哪几次|哪些|哪次|几次|多少次)(?:集中)?(?:学习)?)\s*(?:是|都是)?\s*"
                        r"(?:在|用|通过)\s*(?P<place>{names})(?:群里|群|上|里|内)?\s*"
                        r"(?:进行|开展|开|搞|办|举行|组织|学习?)的\s*[？?。]?\s*$")
_PLACE_THEN_COUNT = (r"^\s*(?:在|用|通过)\s*(?P<place>{names})(?:群里|群|上|里|内)?\s*(?:学习|学|开|搞|办|进行)的"
                     r"(?:有|共有|一共有|一共)\s*(?P<ask>(?:几|多少)次)\s*[？?。]?\s*$")


def place_name_parts(places) -> set[str]:
    """The starts and ends of the places' names that may name them (`QQ` of QQ线上, `线上` of both
    QQ线上 and 线上学习), less those saying where in general (_NO_PLACE_PARTS)."""
    return ({p[:n] for p in places for n in range(MIN_PLACE_PART, len(p))} |
            {p[-n:] for p in places for n in range(MIN_PLACE_PART, len(p))}) - _NO_PLACE_PARTS


def _sessions_at_place(question: str, places: list[str]) -> tuple[str, str] | None:
    if not re.search(r"(?:在|用|通过).*的\s*[？?。]?\s*$|有\s*(?:几|多少)次", question):
        return None     # (cheap: most questions say no such thing)
    names = {*places, *place_name_parts(places)}
    alternatives = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
    if not alternatives:
        return None
    m = (re.match(_SESSIONS_THEN_PLACE.format(names=alternatives), question)
         or re.match(_PLACE_THEN_COUNT.format(names=alternatives), question))
    if not m:
        return None
    ask = m.group("ask")
    if not asks_for_sessions(ask):
        return None     # (`签约项目中哪些是在线上进行的`, `招聘会有几次是在线上开的`: things the text tells)
    return m.group("place"), ask + ("学习" if ask.endswith("次") else "")


def split_session_place(question: str, places) -> tuple[str | None, str]:
    """(the session place the question names, or None; the question without it). `places` are the
    places the records give (`地点`); the longest one the question names next to a session word
    counts, and goes with its session words: `用QQ线上学的那次是几月几号？` -> ("QQ线上", `是几月几号？`).
    Failing that, the start or end of a place's name after 在/用: `在QQ上学的那次…` -> ("QQ", …)."""
    places = [p for p in places if len(p) >= 2]
    asked_after = _sessions_at_place(question, places)
    if asked_after:
        return asked_after
    for place in sorted(places, key=len, reverse=True):
        at = question.find(place)
        if at < 0:
            continue
        rest = question[at + len(place):]
        # `在三楼会议室里学习时`, `在腾讯会议上学习时`, `在QQ线上群里学的那次`: where in it may follow
        cue = _PART_CUE_AFTER.match(rest)
        if not cue:
            continue
        before = _PLACE_CUE_BEFORE.search(question[:at]) or _OPENING_QUOTE.search(question[:at])
        start = before.start() if before else at
        # may leave nothing (`在QQ线上学习`): then the sessions themselves are the answer
        return place, _joined(question[:start], _how_often_kept(cue.group(), question[at + len(place) + cue.end():]))
    # the start or end of a place's name: the filter is that part, which matches every place
    # holding it (the place filter matches substrings): `在线上学的那次` means every online place
    parts = place_name_parts(places)
    found = []      # (where the words naming the session end, -(part's length), start, part)
    lead = len(question) - len(question.lstrip())
    # (or after an order word opening it: `上次线上学习是什么时候`, the order read from what is left)
    ordered = _ORDER_ALONE.match(question, lead)
    leads = (lead, ordered.end()) if ordered else (lead,)
    # (or by another word for it: `在网上学习时` for 线上)
    said = [(part, part) for part in parts] + [(word, part) for word, part in _PLACE_WORDS_SAID.items() if part in parts]
    for word, part in said:
        for m in re.finditer(re.escape(word), question):
            # (searched in the few characters before the part: a search of all of them for each
            # part found took seconds on a long question)
            before = _PLACE_CUE_BEFORE.search(question, max(0, m.start() - _CUE_BEFORE_REACH), m.start())
            # or opening the question (`三楼那次学习讲了什么`, `QQ上学的那次`), before words that point
            # at one session
            opens = not before and (m.start() <= lead or m.start() in leads)
            if opens and ordered and m.start() == ordered.end():
                cue = _PART_CUE_AFTER.match(question, m.end())     # (the order names one session)
            elif before and _THAT_OPENS.fullmatch(question, lead, before.start()):
                cue = _PART_CUE_AFTER.match(question, m.end())     # (`那次在线上学习…`: so does 那次)
            else:
                cue = _one_session_cue(question, m.end()) if before or opens else None
            if cue:
                found.append((cue.end(), -len(word), before.start() if before else m.start(), word, part))
    if not found:
        return None, question
    # the most words taken, then the shortest part: `在线上学的那次` is 线上, not 线上学 (of 线上学习)
    end, _, start, word, part = max(found)
    cue = _one_session_cue(question[start:end].split(word, 1)[-1]) if word in question[start:end] else None
    return part, _joined(question[:start], _how_often_kept(cue.group() if cue else "", question[end:]))


def _how_often_kept(cue: str, after: str) -> str:
    """What follows a place's session words (`cue`), with the study word given back when it opens
    `学过几次` (`在三楼会议室学过几次网格化管理？`): the question asks how often, within that place."""
    word = re.search(r"(?:学习|学)(?:过|了)?$", cue)
    return word.group() + after if word and re.match(r"[过了]?\s*(?:几次|多少次)", after) else after


def _one_session_cue(after: str, pos: int = 0) -> re.Match | None:
    """The words after a place (or part of one) when they point at one session (_PART_CUE_AFTER,
    holding `那次`, `学的`…), else None (`pos`: where in `after` they start)."""
    cue = _PART_CUE_AFTER.match(after, pos)
    return cue if cue and _ONE_SESSION.search(cue.group()) else None


def _joined(before: str, after: str) -> str:
    """What is left of a question once a place is taken out of it; at its start, without the
    comma that followed the place (`在QQ上学的那次，主题是什么？` -> `主题是什么？`)."""
    if before.strip():
        return (before + after).strip()
    return after.lstrip(" \u3000，,、；;：:").strip()


def question_words_pattern(words: list[str]) -> re.Pattern:
    """One alternation, longest first, so that `什么时候` is taken whole before `什么`."""
    return re.compile("|".join(sorted(words, key=len, reverse=True)))


# Words that ask about sessions without naming any content: all that is left of `2020年3月学了
# 什么？` or `3月11日那次学习的主题是哪篇讲话？` once the date is a filter.
_SESSION_QUESTION_RE = question_words_pattern("""
哪几篇 哪几个 哪几次 哪些 哪篇 哪个 哪次 什么 几篇 几个 几次 多少次 多少 几回 啥 些 次 回 总共 共
内容 主题 题目 材料 文章 讲话 文件 精神 东西 会议 会
学习 学了 学过 学 讲了 讲 说了 说 谈了 谈
都 主要 具体 一共 分别 大家 我们 咱们 支部 集中 那次 这次 那几次 那两次 两次 三次 那天 当天 那期 期间 时候
哪里 哪儿 什么地方 地方 哪天 何时 时间 地点 方式 形式 什么平台 哪个平台 哪一个平台 什么软件 哪个软件 在 从 开始 哪
什么渠道 哪个渠道 借助 依托 利用 使用 安排
一样 相同 不同 区别 差别 差异 一致 分别是
聊天软件 聊天工具 通讯软件 通讯工具 社交软件 会议软件 办公软件 视频会议 直播平台 网络平台 线上平台 app APP App
日期 场所 写 写着 写的 标注 标着 注明 记录 围绕 展开 个人 自学 集中学习 集中学 会议室
一栏 这一栏 栏目 栏里 栏 填写的 填写 填的 填了 填着 填
通过什么平台 通过哪个平台 通过什么软件 通过什么方式 通过哪种方式 通过什么形式 通过哪种形式 通过什么渠道
进行 举行 开展 召开 举办 组织 采用 采取 用的 用 以 线上 线下 网上 现场 还是 几月几号 几月几日 几号 几月 哪一天 搞的 弄的 办的 开的
了 的 是 有 呢 吗 啊 呀 里 中 上
谁 由 主持人 主持 主讲人 主讲 领学人 领学 记录人 参加人员 参会人员 参加 参会 出席 缺席 到会 应到 实到 哪些人 人数 人
""".split())


# Words saying sessions were held (`总共开了几次学习会`, `十一月份搞了几次学习`, `弄的那个学习`): no
# content when the question is about studying (`开了什么会？`, `上次那个会议说了什么？` alone ask about a
# meeting of the text)
# (组织, 举办, 开展… are _SESSION_QUESTION_RE's own, taken out before these)
_HELD_WORDS = re.compile(r"(?:开|搞|办|弄)[了过]?|全年|那个")


def session_words_written(question: str) -> str:
    """`question` with 那场 / 这场 before a study word written 那次 / 这次 (`在QQ上组织的那场学习`), the one
    way every reader of a session's cue knows; `那场疫情` is left as it is. A session's date, place or
    order said in brackets after its study word (`第二次集中学习（3月11号）围绕什么主题`, `第一次学习（QQ线上）`)
    is put before it, where the readers look (`3月11号第二次集中学习围绕什么主题`); an order in brackets
    after its date is read without them, a weekday there left out (`3月4日（第一次）`, `3月4日（周三）`).
    A date in brackets after anything else (`讲话（2月23日）`) is not the session's and stays."""
    question = re.sub(r"([那这])(一)?场(?=\s*(?:的)?\s*(?:集中)?学)", r"\1\2次", question or "")
    m = _SESSION_ASIDE.search(question)
    if m and (date_filter(m.group("said")) is not None or _ORDER_ALONE.fullmatch(m.group("said"))
              or _PLACE_ASIDE.search(m.group("said"))):
        # (`第一次学习（QQ线上）…`: a place or an order in brackets likewise)
        return (m.group("said") + question[:m.start("aside")] + question[m.end("aside"):]).strip()
    # `3月4日（第一次）学习…`: an order in brackets after the date, read as written without them
    m = _DATE_ASIDE.search(question)
    if m and _ORDER_ALONE.fullmatch(m.group("said")):
        return question[:m.start("aside")] + m.group("said") + question[m.end("aside"):]
    if m and re.fullmatch(r"(?:周|星期|礼拜)[一二三四五六日天]", m.group("said")):
        return question[:m.start("aside")] + question[m.end("aside"):]        # `3月4日（周三）`: the day says it
    return question


_SESSION_ASIDE = re.compile(r"(?:学习|学|学习会|那次|这次|那回)\s*(?P<aside>[（(]\s*(?P<said>[^（）()]{2,16}?)\s*[）)])")
_DATE_ASIDE = re.compile(r"[日号]\s*(?P<aside>[（(]\s*(?P<said>[^（）()]{2,8}?)\s*[）)])")
_PLACE_ASIDE = re.compile(r"线上|线下|网上|QQ|微信|腾讯|钉钉|会议室|现场|视频|党校|^在")


def written_question_words(text: str) -> str:
    """`text` with the spoken question words written out (啥 -> 什么, 咋 -> 怎么), so that each
    pattern of question words lists the written forms only (`在啥平台上学的` as `在什么平台上学的`)."""
    return text.replace("啥", "什么").replace("咋", "怎么")


def asks_for_sessions(content: str) -> bool:
    """True when a question's content names nothing to look for, only asks what was studied
    (`学了什么？`, `的主题是哪篇讲话？`): the answer is the sessions themselves, not passages."""
    text = written_question_words(content or "")
    # (`3月4日那次学习是在QQ上吗？`: the place or form asked whether it was held at names no content)
    whether = asks_whether_held(text)
    rest = _SESSION_QUESTION_RE.sub("", text.replace(whether, " ") if whether else text)
    if "学" in (content or ""):
        rest = _HELD_WORDS.sub("", rest)
    return not re.search(r"\w", rest)


# "When / in which session did we study X?", "What did we study about X?": the words around X ask
# for the sessions, they are not X. Matched as keywords they find `什么时候用什么方式…` instead of X
# (the date is on every hit anyway).
# How many times something was studied (`疫情防控学过几次？`): the dates are the answer too, not a
# number in a passage
_HOW_OFTEN_STUDIED = (r"(?:学|学习)(?:过|了)几[次回遍]|(?:学|学习)(?:过|了)?多少[次回遍]|几次学习"
                      # whether at all (`网格化管理学过没有？`, `有没有学过…`, `我们学过…吗`): when, if ever
                      r"|(?:学|学习)过没有|有没有(?:学|学习)过|(?:学|学习)没(?:学|学习)过|(?:学|学习)过[^，,。？?]{2,16}吗")
_WHEN_STUDIED = re.compile(r"什么时候|啥时候|什么时间|哪一天|哪天|哪一日|哪一次|哪几次|哪次|何时|几时|哪个月|几月份|哪一年|哪年|"
                           r"几月几[号日]|几号|第几次|" + _HOW_OFTEN_STUDIED)
# Which platform, app or channel a session was held on (`用的是哪个聊天软件组织的？`)
_WHICH_PLATFORM = r"(?:什么|哪个|哪一个|哪种)(?:聊天|通讯|社交|会议|办公|视频会议|直播|网络|线上)?(?:平台|软件|渠道|工具|app|APP|App)"
# Either of two places or forms (`是自学还是集中学习？`, `线下学的，还是在网上？`, `是当面坐一起学，还是用聊天软件
# 远程学的？`): asked of a session's header
_PLACES_OR_FORMS = r"(?:自学|集中学|线上|线下|网上|在线|现场|当面|面对面|远程|视频)"
_EITHER_PLACE_OR_FORM = _PLACES_OR_FORMS + r"[^，,。？?]{0,10}还是|还是[^，,。？?]{0,6}" + _PLACES_OR_FORMS
# "Where / how was X studied?", "What was the topic (学习主题) of…?": the answer is the session's
# place, format or topic, from its header. (`主题教育` is a campaign's name, not the field.)
# (`…那篇讲话里，提到总书记在哪个会上作过讲话？` asks which meeting of the text, not where we met; a
# 会议室 is a place)
_WHERE_HOW = re.compile(r"哪里|哪儿|(?<!存)在哪(?!(?:个|次|一次|场)?(?:会上|会议上|会中))|什么地方|地点|线上还是线下|线下还是线上|什么方式|什么形式|哪种方式|哪种形式|"
                        rf"{_WHICH_PLATFORM}|场所|怎么学的|主题(?!教育)|题目|"
                        r"(?:方式|形式)(?:是|为)|日期是|"
                        rf"{_EITHER_PLACE_OR_FORM}|"
                        # at which meeting the speech studied was given: the topic says it (`所学的那篇讲话，
                        # 原本是在什么会上发表的？`; stop 61)
                        r"学的(?:那|这)?(?:篇|个)?讲话[^。？?]{0,14}?(?:什么|哪(?:个|场|次|一次)?)(?:会|会议)上|"
                        # who chaired, led, attended or took the minutes: header fields too (records.py)
                        r"谁主持|主持人|谁主讲|主讲人|谁领学|领学人|谁记录|记录人|谁参加|哪些人参加|参加人员|参会人员|"
                        r"[多几]少?个?人参加|谁缺席|缺席|应到|实到")
_STUDIED = re.compile(r"学|讲到|讲过|讲了|讲的|提到|涉及")
_ABOUT = re.compile(r"关于|有关|涉及|的内容|什么内容|哪些内容|内容[吗呢]?\W*$")
_STUDIED_ABOUT = re.compile(r"学过|学了|学习过|学习了|学到|学习中|学习里|学习的|提到过|讲到|讲了")
_WHEN_STUDIED_WORDS = question_words_pattern("""
什么时候 啥时候 什么时间 哪一天 哪天 哪一次 哪几次 哪次 何时 几时 哪个月 几月份 哪一年 哪年 几次 多少次 几回 多少回
几遍 多少遍 第几次 一共 总共 总计 共计 合计 我们 咱们 大家 支部
分别 都是 相关内容 相关的 相关 方面的 方面 这个词 这个 这方面 提到了 讲到了 学过没有 有没有 吗
主持过 主持了 主持的 参加过 参加了 主讲过 领学过
学习过 学习了 学习中 学习里 学习的 学习 学过 学了 学到了 学到 学的 讲到了 讲到 讲过 讲了 讲的 提到过 提到
涉及 关于 有关 的内容 内容 是在 那段 那次 这次 哪些 什么 材料里 材料 说了
哪一日 几月几号 几月几日 几号 哪里 哪儿 在哪 什么地方 地点 线上还是线下 什么方式 什么形式 怎么学的
那回 那一回 咱
""".split())


# Question words: what a question asks, never what an answer says. As keywords they find other
# questions (`什么是新发展理念？` found `什么是新质生产力、如何发展…`).
WRITTEN_QUESTION_WORDS = """
什么是 是什么 为什么 什么样 什么时候 什么时间 什么 哪些 哪个 哪种 哪几 哪一 哪天 哪年 何时 几时
怎么样 怎么办 怎么 怎样 如何 多少 几次 几个 几项 几种 几条 谁 吗 呢
""".split()
# ...and the spoken ones: in a colloquial question (`吃野味这种习惯以后还能不能有？`) they are half its
# bigrams, and a long paragraph holding them by chance outscored the answer (stop 23, seven
# Chinese sets: first hits 285 -> 286 on the seed records, unchanged at 243 with the scale
# records; docs/measurements.md).
SPOKEN_QUESTION_WORDS = "啥时候 啥样 啥 咋样 咋办 咋 干嘛 干吗 能不能 有没有 是不是 要不要 会不会 可不可以 啊 呀 嘛 吧".split()
# (and the fillers of a question half remembered: `哎，…是不是也得先给治了再说？`, `…说了啥来着`)
SPOKEN_QUESTION_WORDS += "来着 我记得 好像 话说回来 哎呀 哎 嗯 呃 请问 想问一下 呗 啦".split()



_QUESTION_WORDS = question_words_pattern(WRITTEN_QUESTION_WORDS + SPOKEN_QUESTION_WORDS)


def asks_when_studied(content: str) -> bool:
    """`我们什么时候学习过关于生物安全的内容？`, `哪次学习讲到了网格化管理？`: the answer is dates."""
    return bool(_WHEN_STUDIED.search(content) and _STUDIED.search(content))


# When something was studied first or last (`最近一次学习脱贫攻坚是哪天？`, `第一次学网格化管理是什么
#时候？`): 1 the first, -1 the last, among the dates of the sessions found
_FIRST_OR_LAST_STUDIED = re.compile(r"(?P<last>最近|最后|上)(?:一)?次|(?P<first>第一次|首次|最早)")


def first_or_last_studied(content: str) -> int:
    """1 when a "when was X studied?" question asks for the first time, -1 for the last, else 0."""
    m = _FIRST_OR_LAST_STUDIED.search(content) if asks_when_studied(content) else None
    return 0 if not m else (-1 if m.group("last") else 1)


_PHRASE_WORDS = re.compile(r"[的在时和与及对把被从向]")
_FRAME_WORDS = {"里有", "中有", "说了", "讲了", "提到", "我们", "学习", "学过", "讲过"}
_KIND_ASKED = re.compile(r"的?(?:要求|内容|论述|部署|规定|说法|表述|精神)?的?$")


# a term longer or with more in it than bare_term takes, counted when the records hold it so
_WRITTEN_NAME = re.compile(r"[\u3400-\u9fff\uf900-\ufaff“”]{2,24}")


def studied_term(content: str, held=None) -> str | None:
    """The term a "when / how often was X studied?" or "what did we study about X?" question asks
    about, when X is one term as typed into Ctrl+F (`网格化管理学过几次？`, `最近一次学习脱贫攻坚是哪天？`,
    `第一次学网格化管理是什么时候？`, `我们学过哪些关于生物安全的内容？` -> the term); None for any other
    question, or when what it asks about is more than one term (`习近平在湖北考察时的讲话`). `held(term)`:
    whether the records hold a candidate as written, for one bare_term would not take."""
    clauses = [c for c in re.split(r"[？?！!。；;]+", content or "") if c.strip()]
    if len(clauses) > 1:
        # `网格化管理学过几次？分别是哪天？`: the term of the clause naming one, the others only asking
        terms = [studied_term(clause, held) for clause in clauses]
        named = [t for t in terms if t]
        rest = [c for c, t in zip(clauses, terms) if not t]
        only_asking = [not re.search(r"\w\w", _QUESTION_WORDS.sub(" ", _WHEN_STUDIED_WORDS.sub(" ", c)))
                       for c in rest]
        if len(named) == 1 and all(only_asking):
            return named[0]
    if not (asks_when_studied(content) or _asks_what_studied_about(content)):
        return None
    # (`“十四五”规划学过几次`: the quotation marks inside a term are no break in it)
    keywords = _FIRST_OR_LAST_STUDIED.sub(" ", keywords_of(re.sub(r"(?<=\w)[“”‘’\"](?=\w)", "", content)))
    # what is left of the question's frame: particles (`过`, `的`, `里有`) and what kind of text is
    # asked for (`…的要求`, `…的内容`)
    chunks = [_KIND_ASKED.sub("", chunk) for chunk in re.split(r"[\s\W]+", keywords)
              if len(chunk) >= 2 and chunk not in _FRAME_WORDS]
    chunks = [chunk for chunk in chunks if chunk]
    if len(chunks) != 1:
        return None
    term = re.sub(r"^(?:学习|学|讲)|(?:是|的|了|过)$", "", chunks[0])
    if len(term) < 2:
        return None
    if _PHRASE_WORDS.search(term) or not bare_term(term):
        # `野生动物保护法的修改`: a phrase, which the records may word otherwise; unless they hold it
        # as written (`全面从严治党`, `党的二十大精神`, `习近平新时代中国特色社会主义思想`: a name)
        return term if held is not None and _WRITTEN_NAME.fullmatch(term) and held(term) else None
    return bare_term(term)


def asks_how_often_studied(content: str) -> bool:
    """`疫情防控学过几次？`, `学习了多少次…`: asks for the sessions, not for a number in the text."""
    return bool(re.search(_HOW_OFTEN_STUDIED, content))


# A session named by its topic (`以完善重大疫情防控体制机制为主题的那期支部学习…`, `学习主题为“…”的那次`): the
# topic said, and the question without the words naming it
_TOPIC_NAMED = re.compile(r"以\s*[“\"《]?(?P<a>[^，,。？?；;“”\"《》]{2,40}?)[”\"》]?\s*为\s*(?:学习)?(?:主题|专题|题目)\s*的?"
                          r"|(?:学习)?(?:主题|专题|题目)\s*(?:是|为)\s*[“\"《]?(?P<b>[^，,。？?；;“”\"《》]{2,40}?)[”\"》]?\s*的"
                          r"(?=\s*(?:那|这)?一?[期次回场]|\s*(?:集中|支部)?学习)")
_TOPIC_SHARE = 0.75


def session_topic_named(content: str) -> tuple[str, str]:
    """(the topic a question names a session by, or ""; the question without those words)."""
    m = _TOPIC_NAMED.search(content or "")
    if not m:
        return "", content
    return (m.group("a") or m.group("b")).strip(), (content[:m.start()] + content[m.end():]).strip()


def topic_bigrams(text: str) -> frozenset[str]:
    """A topic's (or a name's) bigrams, punctuation and spaces aside, as topic_holds compares them."""
    text = re.sub(r"\W", "", text)
    return frozenset(text[i:i + 2] for i in range(len(text) - 1))


def bigrams_hold(held: frozenset[str], wanted: frozenset[str]) -> bool:
    """Whether a topic's bigrams (`held`) hold `_TOPIC_SHARE` of the bigrams named (`wanted`)."""
    return bool(wanted) and len(wanted & held) >= _TOPIC_SHARE * len(wanted)


def topic_holds(topic: str, named: str) -> bool:
    """Whether a session's topic is the one named: it holds `_TOPIC_SHARE` of the bigrams named
    (`部署会议讲话` of `…工作部署会议上的讲话`), punctuation and spaces aside."""
    return bigrams_hold(topic_bigrams(topic), topic_bigrams(named))


# The occasion a question is asked within (`在军事医学研究院和清华调研时，`, `部署会议讲话中，`): it names the
# text, not what the answer says
_TEXT_SCOPE = re.compile(r"(?:^|(?<=[，,]))(?:在|去|到)?[^，。？,]{2,34}?(?:调研|考察|讲话|会议|座谈会|研讨班|常委会)"
                         r"(?:时|中|里|上|的时候|当中)[，,]")


def text_scope(content: str) -> tuple[int, int] | None:
    """Where in the question the occasion it is asked within stands (start, end), or None."""
    m = _TEXT_SCOPE.search(content or "")
    return (m.start(), m.end()) if m else None


_MEETING_MENTIONED = re.compile(r"[\u4e00-\u9fff]{2,12}?(?:会议|讲话|座谈会|全会|研讨班)")


def meetings_mentioned(content: str) -> list[str]:
    """The meetings and speeches a question mentions (`深改委会议`, `部署会议讲话`), and a meeting body
    named by its short form alone (`深改委对未来基建…提出了什么…`: it met, and a topic names its meeting),
    as a topic may name them; not one set aside (`除了疫情防控部署会议的讲话，还学了哪篇…`)."""
    content = content or ""
    found = [(m.start(), m.end(), scope_named(m.group())) for m in _MEETING_MENTIONED.finditer(content)]
    found += [(m.start(), m.end(), m.group()) for m in _BODY_MENTIONED.finditer(content)
              if not any(start <= m.start() < end for start, end, _ in found)]
    return [name for start, _, name in sorted(found)
            if name and "除了" not in content[max(0, start - 4):start + 2]]


# `这次会议`, `那个讲话`, `座谈会` name no meeting in particular (the poverty speech opens `这次会议的主要任务…`)
_ANY_MEETING = re.compile(r"^(?:这|那|本|此|该|上|前|这一|那一)?(?:次|个|场|篇)?(?:会议|讲话|座谈会|全会|研讨班|会)$")


def scope_named(scope: str) -> str:
    """The occasion itself, as a topic may name it (`部署会议讲话` of `部署会议讲话中，`); "" for one
    naming no meeting in particular (`这次会议上，`)."""
    named = re.sub(r"^(?:在|去|到)|(?:时|中|里|上|的时候|当中)[，,]$", "", scope)
    return "" if _ANY_MEETING.match(named) else named


# What a question about a session names it by (`习近平在部署会议上的讲话是哪天学的？`, `学习深改委会议是在哪学的？`):
# the longest run of three or more characters left once the words asking when, where or how go
_NAME_EDGES = "是的在了过那这次回期"


def session_named_by(content: str) -> str:
    """The text a session question names the session by (`习近平在部署会议上的讲话` of `…是哪天学的？`;
    `深改委会议` of `学习深改委会议是在哪学的？`), or "" (a session named by nothing: `上次在哪学的？`)."""
    left = _WHERE_HOW.sub("|", _WHEN_STUDIED_WORDS.sub("|", content or ""))
    runs = [run.strip(_NAME_EDGES) for run in re.split(r"[|\W\s]+", left)]
    runs = [run for run in runs if len(run) >= 3 and cjk_share(run) == 1 and not _ANY_MEETING.match(run)]
    return max(runs, key=len, default="")


# Whether a session was held at a place or in a form, yes or no (`…那回是在网上学的吗？`, `…是不是集中学习？`,
# `…是在QQ上吗？`): the place or form is what is asked, not a filter, and the session's header answers
_WHETHER_HELD = re.compile(r"(?P<ask>是不是|是否|是)\s*(?:在|用|通过|借助|采用|采取|以)?\s*(?P<what>[^，,。；;？?！!\s]{2,12}?)"
                           r"\s*(?:上|里)?\s*(?:学习?|进行|开展|举行|组织|搞|弄|办|开)?的?\s*(?P<end>[吗么嘛]?)\s*[？?]?\s*$")
_PLACE_OR_FORM = re.compile(r"(?:.{0,8}(?:会议室|活动室|会堂|礼堂|教室|党校|线上|网上)|线下|现场|QQ|qq|微信|腾讯会议|钉钉|视频|"
                            r"集中|集中学习|自学|个人自学|线上学习|线下学习)")


def asks_whether_held(content: str) -> str:
    """The place or form a yes-or-no question asks a session was held at or in (`网上` of
    `学部署会议讲话那回是在网上学的吗？`), or ""."""
    m = _WHETHER_HELD.search(content or "")
    if not m or not (m.group("end") or m.group("ask") != "是"):
        return ""
    return m.group("what") if _PLACE_OR_FORM.fullmatch(m.group("what")) else ""


def asks_about_session(content: str) -> bool:
    """When, where, how or on what topic something was studied (`学统筹疫情防控的讲话那次是在哪儿学的？`,
    `在QQ上学的那次，学习主题是什么？`, `…那回是在网上学的吗？`): the answer is in the header of the
    sessions that studied it."""
    # where or how asked of studying (`…那次是在哪里学的？`); where something was said (`去年在哪个会上
    # 讲过？`) or held (`2019年那次座谈会是在哪个城市开的？`) is asked of the text, which answers it
    return asks_when_studied(content) or bool((_WHERE_HOW.search(written_question_words(content))
                                               or asks_whether_held(content)) and "学" in content)


# How a session was held, asked with no word of studying left once a date named the session
# (`3月11日那次集中学习是线下开会还是网上进行的？`: `是线下开会还是网上进行的？`): online or not, the platform, the
# format. Not where (`…是在哪里召开的？` asks where a meeting the text names was held).
# A field of the record itself, whatever else is said (`记得…没在党员活动室开，记录上地点写的哪儿？`, stop 61)
_RECORD_FIELD = r"记录[上里中]?(?:的)?(?:写的|填的|标的)?(?:地点|方式|形式)|(?:地点|方式|形式)(?:一栏|栏里|栏|写的|写着|填的|填着|标的|标着)"
_HOW_HELD = re.compile(_EITHER_PLACE_OR_FORM + "|" + _WHICH_PLATFORM + r"|什么方式|什么形式|哪种方式|哪种形式|" + _RECORD_FIELD)


def asks_how_held(content: str) -> bool:
    """`是线下开会还是网上进行的？`, `用的什么平台？`: how a session named before was held."""
    return bool(_HOW_HELD.search(content))


def _asks_what_studied_about(content: str) -> bool:
    """`我们学过哪些关于生物安全的内容？`: what was studied about something."""
    return bool(_ABOUT.search(content) and _STUDIED_ABOUT.search(content))


def keywords_of(content: str) -> str:
    """What the keyword leg should match of a question: the question without its question words
    (`什么`, `哪些`, `如何`…); in a question asking when or in which session something was studied
    (`我们什么时候学习过关于生物安全的内容？`) or what was studied about it (`我们学过哪些关于生物安全的
    内容？`), only the something (`生物安全`). What is left out becomes spaces; a question that would
    have nothing left is matched whole."""
    keywords = content
    if asks_about_session(content) or _asks_what_studied_about(content):
        keywords = _WHEN_STUDIED_WORDS.sub(" ", keywords)
    keywords = _QUESTION_WORDS.sub(" ", keywords)
    return keywords if re.search(r"\w", keywords) else content


# Questions asking for a number (`多少`, `几个`, not `哪几`) and text that states one: a digit, or a
# Chinese numeral with a measure word (`七个`, `两万名`, not `一是`).
_ASKS_QUANTITY = re.compile(r"多少|(?<!哪)几[个次项名万千百十位家条座支批年天倍成]|百分之几|多久|多长时间|多長時間")
_STATES_QUANTITY = re.compile(r"[0-9０-９]|[一二两三四五六七八九十百千万亿]+[多余]?"
                              r"[个次项名位家条座支批倍成元人万亿%％]")


# The measure word of the number asked for (`多少天`, `几个县`, `多少名`), and text stating a number with it
# (`300天`, `52个县`): over a passage stating some other number
_ASKS_UNIT = re.compile(r"(?:多少|(?<!哪)几)\s*(个|個)?\s*([天年人名支次项項家座条條倍县縣])")


def asked_unit(content: str) -> re.Pattern | None:
    """`用了多少天？` -> a pattern for `300天`, `三百多天`; None when the question names no measure word."""
    m = _ASKS_UNIT.search(content)
    if not m:
        return None
    return re.compile(r"[0-9０-９一二两三四五六七八九十百千万]+\s*[多余]?\s*" + (m.group(1) or "") + m.group(2))


def asks_for_quantity(content: str) -> bool:
    """`全国一共派出了多少个驻村工作队？`: the answer is a number."""
    return bool(_ASKS_QUANTITY.search(content))


def states_quantity(text: str) -> bool:
    return bool(_STATES_QUANTITY.search(text))


# A question asking for a day or time (`是哪天召开的`, `什么时候`, `何时`), and text stating one
_ASKS_DAY = re.compile(r"哪[一]?天|哪一?年|什[么麼]时[候间]|什麼時[候間]|何时|何時|几月几[日号]|幾月幾[日號]|哪个月")
_STATES_DAY = re.compile(r"\d{4}\s*年|\d{1,2}\s*月\s*\d{1,2}\s*[日号]|[〇零一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}[日号]"
                         r"|大年初[一二三四五六七八九十]|[去今明前]年")


def asks_for_day(content: str) -> bool:
    return bool(_ASKS_DAY.search(content))


def states_day(text: str) -> bool:
    return bool(_STATES_DAY.search(text))


# Questions asking which places (`座谈会上发言的是哪几个地方的同志？`, `哪些省份`) and text listing
# three or more place names (`怒江州、和田地区、兰考县`; a region's, province's, city's or county's
# own word ends each)
_ASKS_PLACES = re.compile(r"(?:哪[几幾]?[个個]?|哪些|什[么麼])(?:地方|地区|地區|省份|省区|省區|省|城市|市(?!场|場)|县(?!域|级|級)"
                          r"|縣(?!域|級)|区县|州)")
_PLACE_NAME = r"[\u4e00-\u9fff]{1,7}?(?:自治区|自治州|地区|省|市|县|州|区|旗|盟)"
_STATES_PLACES = re.compile(_PLACE_NAME + r"(?:、" + _PLACE_NAME + r"){2,}")


# A question asking who spoke at a meeting of the text (`座谈会上发言的是哪几个地方的同志？`, `哪些人
# 上台发言了`) and text naming them before their speaking (`怒江州、和田地区…的5位同志作了发言`): the
# places cue above also fires on paragraphs listing the places of other meetings
_SPOKE = r"(?:发|發)(?:了|的)?言"
_WHO = r"(?:哪|谁|誰|什[么麼]人)"
_ASKS_WHO_SPOKE = re.compile(_WHO + r".{0,12}" + _SPOKE + "|" + _SPOKE + r".{0,8}" + _WHO)
_STATES_WHO_SPOKE = re.compile(r"[^，,。；;、\n]{1,12}(?:、[^，,。；;、\n]{1,12})+[^，,。；;、\n]{0,12}(?:发|發)言")


def asks_who_spoke(content: str) -> bool:
    return bool(_ASKS_WHO_SPOKE.search(content))


def states_who_spoke(text: str) -> bool:
    return bool(_STATES_WHO_SPOKE.search(text))


# A question asking where something was held (`2019年那次座谈会是在哪个城市开的？`) and text saying
# where it was (`在宁夏银川召开`): one place, where the places cue above wants a list
_ASKS_WHERE_HELD = re.compile(r"在哪[儿里个座]?[^，,。？?]{0,3}(?:开|召开|举行|举办)")
_STATES_WHERE_HELD = re.compile(r"在[\u4e00-\u9fff]{2,4}(?:召开|主持召开|举行|举办)")


def asks_where_held(content: str) -> bool:
    # (where a session was held is its header's: asks_about_session)
    return bool(_ASKS_WHERE_HELD.search(content)) and not asks_about_session(content)


def states_where_held(text: str) -> bool:
    return bool(_STATES_WHERE_HELD.search(text))


def asks_for_places(content: str) -> bool:
    return bool(_ASKS_PLACES.search(content))


def states_places(text: str) -> bool:
    return bool(_STATES_PLACES.search(text))


# Questions asking for a document's name (`那份通知叫什么名字`, `哪份文件`, traditional forms too)
# and text that cites one (`《关于推动基础设施高质量发展的意见》`).
_ASKS_TITLE = re.compile(r"叫(?:什[么麼]|甚麼)|什[么麼]名字|名[称稱]|哪[篇个個]文件|哪[几幾两兩]?份|哪部|什[么麼]文件")
_STATES_TITLE = re.compile(r"《[^》\n]{2,}》")


def asks_for_title(content: str) -> bool:
    """`党中央专门印发的那份通知叫什么名字？`, `…的两份文件叫啥？`: the answer is a document's name."""
    return bool(_ASKS_TITLE.search(written_question_words(content)))


def states_title(text: str) -> bool:
    return bool(_STATES_TITLE.search(text))


# A document's kind and the words around it say nothing of which document: `的意见`, `方案`, `通知`
_TITLE_KIND = re.compile(r"[的之和与及]|关于|意见|方案|通知|决定|报告|总结|计划|规划|纲要|条例|办法|文件|要点")
_SHARED_RUN = 3


def title_named(question: str) -> Callable[[str], bool]:
    """`…通过的文件里，专门讲基础设施的那一份叫什么名字？`: a text citing, in 《》, a title that holds
    `_SHARED_RUN` characters in a row of the question (`《关于推动基础设施高质量发展的意见》`), beside
    the documents on other subjects the same meeting passed."""
    words = _TITLE_KIND.sub(" ", keywords_of(question))
    runs = {words[i:i + _SHARED_RUN] for i in range(len(words) - _SHARED_RUN + 1)}
    runs = {run for run in runs if cjk_share(run) == 1}

    def names(text: str) -> bool:
        return any(run in title for title in _STATES_TITLE.findall(text) for run in runs)
    return names


# Questions asking which speech was studied (`还学了哪篇关于脱贫的讲话？`, `学的是哪篇讲话？`) and
# the passage that opens a speech: its title line (`…会议上的讲话`, `…并致辞`) or the salutation
# (`同志们：`; later ones in a speech end in `！`) among its first lines. That opening names the occasion
# (`这次会议的主要任务是…`), what the question asks for; the paragraphs after it only share its topic.
_ASKS_SPEECH = re.compile(r"(?:哪[一两兩几幾]?[篇个個次场場]|什[么麼](?:样的)?)[^，,。？?！!；;]{0,12}?(?:讲话|講話|致辞|致辭)")
_SPEECH_OPENING_LINE = re.compile(r"^(?:.{4,60}(?:讲话|講話|致辞|致辭)|同志[们們][：:]|各位(?:代表|同志)[：:])$")
_OPENING_LINES = 4


# What a meeting was held for (`…召开的主要目的是什么？`, `这次开会主要是要干什么？`) and the sentence that says
# it, as a speech's opening does (`这次会议的主要任务是，…`, `今天，我们召开…会议，主要是分析…`)
_ASKS_PURPOSE = re.compile(r"(?:开会|召开|开这个会|开这次会)[^，,。？?！!]{0,8}(?:目的|任务|(?:干|做)什么|为了)"
                           r"|(?:会议|座谈会)的?(?:主要)?(?:目的|主要任务)")
_STATES_PURPOSE = re.compile(r"(?:会议|座谈会)的?主要任务是|主要是(?:分析|研究|部署|总结|传达|听取)|"
                             r"(?:召开|开)(?:这次|这个)(?:会议|会)[^。！？]{0,6}(?:目的|为了)")


# A saying asked for (`开头引用的古语是哪一句？`, `用了哪句名言`, `引用了哪句话`) and the passage quoting one: a
# couplet in quotation marks (`“沧海横流，方显英雄本色。”`), or opening the paragraph unquoted
# (`疾风知劲草，板荡识诚臣。`), or said to be one (`古人说`, `常言道`)
_ASKS_SAYING = re.compile(r"古语|古話|古话|古人[说說云讲講]|名言|名句|诗句|詩句|俗话|俗話|俗语|俗語|老话|老話|谚语|諺語|格言|警句"
                          r"|引用[了的]?(?:哪|什[么麼])[一几幾]?[句段]")
_STATES_SAYING = re.compile(r"[“\"][\u4e00-\u9fff]{3,9}[，,][\u4e00-\u9fff]{3,9}[。！]?[”\"]"
                            r"|^\s*[\u4e00-\u9fff]{4,7}[，,][\u4e00-\u9fff]{4,7}[。！]"
                            r"|古人[说說云讲講]|常言道|俗话说|俗話說|古语[说說云]|古話說|古话说")


def asks_for_saying(content: str) -> bool:
    """`讲加强党的领导那一部分，开头引用的古语是哪一句？`: the answer quotes a saying."""
    return bool(_ASKS_SAYING.search(content))


def states_saying(text: str) -> bool:
    return bool(_STATES_SAYING.search(text))


# How often something is done (`多久就作一次指示？`, `隔多长时间开一次会？`, `几天一次`; not how often it was
# studied, zh.asks_how_often_studied) and the words saying it (`每天都作出…`, `每周`, `定期`)
_ASKS_FREQUENCY = re.compile(r"(?:多久|多长时间|多長時間|隔多少天|几天|幾天|几个月|幾個月)[^，,。？?！!]{0,12}?[一1][次回趟]"
                             r"|多久[^，,。？?！!]{0,2}[一1]?[次回]|(?:频率|頻率|频次|頻次)(?:是|有|为|為)?多[少高]")
_STATES_FREQUENCY = re.compile(r"每[天日周週月年季]|每个?(?:星期|礼拜|季度|工作日)|每隔|天天|日日|定期|隔[一两几\d]+[天日周月年]")


def asks_how_often(content: str) -> bool:
    """`疫情期间总书记多久就防控工作作一次指示？`: the answer says how often (`每天`), not a number."""
    asked = _ASKS_FREQUENCY.search(content)
    # (`多久学一次？` asks how often the branch studies: its sessions answer)
    return bool(asked) and not re.search(r"[学學]", asked.group()) and not asks_how_often_studied(content)


def states_frequency(text: str) -> bool:
    return bool(_STATES_FREQUENCY.search(text))


def asks_for_purpose(content: str) -> bool:
    """`2月23日那次部署会议，召开的主要目的是什么？`: the answer says what the meeting was for."""
    return bool(_ASKS_PURPOSE.search(content))


def states_purpose(text: str) -> bool:
    return bool(_STATES_PURPOSE.search(text))


def asks_for_speech(content: str) -> bool:
    """`3月11日还学了哪篇关于脱贫的讲话？`: the answer is a speech's opening."""
    return bool(_ASKS_SPEECH.search(content))


def _opening_lines(text: str) -> list[str]:
    return [line.strip(" \t\u3000") for line in text.split("\n", _OPENING_LINES)[:_OPENING_LINES]]


def opens_speech(text: str) -> bool:
    return any(_SPEECH_OPENING_LINE.match(line) for line in _opening_lines(text))


_DATE_LINE = re.compile(r"[（(]\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*[）)]")


def starts_new_text(line: str) -> bool:
    """A line that opens another text: a speaker's name on its own (`习近平`), a salutation
    (`同志们：`), a title ending in 讲话, a date line (`（2020年2月23日）`). A line cut short in a
    scraped page (`广义货币M`, `2.5`) or a lead-in (`主要做了以下工作：`) is none."""
    text = clean_line(line)
    return bool(re.fullmatch(r"[\u4e00-\u9fff]{2,4}", text) or _SPEECH_OPENING_LINE.match(text)
                or _DATE_LINE.fullmatch(text))


def opens_another_text(text: str) -> bool:
    """A passage that starts another text (starts_new_text, or a title among its first lines):
    where the next speech of a record starts, though it has no title (the seed's third 2020-03-11
    speech)."""
    return starts_new_text(text.split("\n", 1)[0]) or opens_speech(text)


def speech_title(text: str) -> str:
    """A text's title among its first lines (`在统筹推进…工作部署会议上的讲话`), or ""."""
    return next((line for line in _opening_lines(text) if _SPEECH_TITLE_LINE.match(line)), "")


_SPEECH_TITLE_LINE = re.compile(r"^.{4,60}(?:讲话|講話|致辞|致辭)$")


def text_opening(text: str) -> str:
    """What a text says it is, from its opening passage: its title line (`…座谈会上的讲话`), else its
    first line that is no speaker's name, salutation or date (`习近平`, `同志们：`, starts_new_text), up
    to its first sentence end: `这次会议的主要任务是，…打赢脱贫攻坚战，…。`, or a news item's headline."""
    title = speech_title(text)
    if title:
        return title
    for line in text.split("\n"):
        line = line.strip(" \t\u3000")
        if line and not starts_new_text(line):
            start, end = sentence_spans(line)[0]
            return line[start:end].strip()
    return ""
# A question asking how a speech is laid out (`讲话分为哪几个部分？`, `这篇讲话的提纲`): its section
# headings answer it (rag/outline.py). `结构`, `框架` alone are content too (`产业结构`, `制度框架`), so
# they count only after a word for the text.
# (方面 and 问题 only after a word that divides or holds: `讲话说这件事关系到哪些方面？` asks the text's content)
_DIVIDED = r"(?:分为|分成|分了|分|包括|包含|有|由|讲了)"
_OUTLINE_PARTS = re.compile(r"(?:一共|总共|共)?(?:" + _DIVIDED + r"?(?:哪几|哪些|几)个?大?(?:部分|大标题|小标题|块|板块)|"
                            + _DIVIDED + r"(?:哪几|哪些|几)个?大?(?:方面|个?问题))(?:组成|組成)?"
                            # (the parts themselves, not `…靠的哪几方面底气？`: what the text lists of something)
                            r"(?=\s*(?:的)?\s*(?:内容|內容)?\s*(?:分别|是|呢|吗|嗎|啊|呀|[？?。，,！!；;]|$))"
                            r"|的(?:大|小)?标题(?:是什么|有哪些)")
_OUTLINE_NOUN = re.compile(r"((?:讲话|講話|文章|报告|報告|公报|公報|篇)[^，,。？?]{0,4}?)(?:的)?"
                           r"(?:结构|結構|提纲|提綱|大纲|大綱|框架|脉络|脈絡|层次|層次)")


_A_TEXT = re.compile(r"讲话|講話|文章|报告|報告|公报|公報|致辞|致辭|发言|發言|学习内容|學習內容")


def asks_for_outline(content: str) -> bool:
    """`讲话分为哪几个部分？`, `脱贫攻坚座谈会上的讲话有几部分？`, `这篇讲话的提纲是什么？`: the parts of
    a text studied (`嘉兴南站由哪几个部分组成？` asks the text's content). English:
    crosslingual.asks_for_outline_english."""
    return bool(_OUTLINE_PARTS.search(content) and _A_TEXT.search(content) or _OUTLINE_NOUN.search(content))


def without_outline_words(content: str) -> str:
    """What a question asking for an outline names of the speech (`脱贫攻坚座谈会上的讲话`), to find
    it by; the question itself when nothing else is left."""
    rest = _OUTLINE_NOUN.sub(r"\1", _OUTLINE_PARTS.sub("", content))
    rest = re.sub(r"(?:是什么|是怎样的|是怎么样的|怎么样|如何|什么样)?[的吗呢啊呀]?[？?。！!\s]*$", "", rest).strip(" ，,")
    return rest if re.search(r"\w{2}", rest) else content


# `讲话的第二部分讲了什么？`, `最后一部分`: one part of a speech, by its number among the top headings
# (`倒数第二部分`: the second from the end; `第二方面`, `第二点`, `第二个问题`, as people name a part too)
_PART_ASKED = re.compile(r"(?:的)?(?:(倒数)?第([一二三四五六七八九十\d]{1,3})|(最后))[一1]?个?大?(?:部分|方面|点|个?问题)")


def part_asked(content: str) -> tuple[int, str] | None:
    """(which part of a text the question asks about: 1 the first, -1 the last; the question
    without those words) for `脱贫攻坚座谈会讲话的第二部分讲了什么？`; None when it names no part of
    a text (`第二部分` alone may be anything's)."""
    m = _PART_ASKED.search(content)
    if not m or not _A_TEXT.search(content):
        return None
    number = -1 if m.group(3) else _cn_number(m.group(2)) * (-1 if m.group(1) else 1)
    if number == 0:
        return None
    return number, (content[:m.start()] + content[m.end():]).strip()


# What is left of a question asking for a part when it names a text and nothing more
# (`脱贫攻坚讲话讲了什么？`): with `第二点`, `第三个方面` it asks for the text's part; with more
# (`…讲话总结脱贫攻坚成就，第三个方面…`, `…讲话结尾提的三点要求里，第二点…`) for an item of a list in it
_ONLY_A_TEXT = re.compile(r"[^，,。；;？?]*?(?:讲话|講話|文章|报告|報告|公报|公報|致辞|致辭|发言|發言)的?(?:主要)?"
                          r"(?:讲了|講了|说了|說了|讲的是|講的是|说的是|說的是|谈了|談了|提了|是|讲|講|说|說)?"
                          r"(?:什么|什麼|啥|哪些)?(?:内容|內容)?[？?。！!\s]*")


def part_or_list_item(content: str) -> tuple[int, str] | None:
    """part_asked, unless the question asks for an item of a list (asks_for_list_item: `第三个方面`,
    `第二点`, not `第二部分`) and names more than its text: `脱贫攻坚讲话的第二点讲了什么？` asks for
    the speech's second part, `…讲话总结脱贫攻坚成就，第三个方面讲的是什么？` for an item (rag/lists.py)."""
    part = part_asked(content)
    if part is None or not asks_for_list_item(content) or _ONLY_A_TEXT.fullmatch(part[1]):
        return part
    return None


def heading_kind(heading: str) -> str:
    """How a heading is numbered (`一、`, `（一）`, `1.`, `第一部分`): the parts of a speech are its
    headings numbered the way its first heading is."""
    m = _HEADING_RE.match(clean_line(heading))
    if not m:
        return ""
    kind = re.sub(r"\d+", "D", re.sub(r"[一二三四五六七八九十百]+", "C", m.group(0)))
    return kind.replace("．", ".").replace("(", "（").replace(")", "）")


def names_no_text(rest: str) -> bool:
    """What is left of an outline question names no speech in particular (`讲话`, `这篇讲话`): any
    of the best passages' speeches may be meant, and one with section headings is outlined."""
    return bool(re.fullmatch(r"(?:这|那|该|這|那)?(?:篇|次)?(?:讲话|講話|文章|报告|報告|公报|公報)?"
                             r"(?:主要)?(?:讲了|說了|说了|讲的是|说的是|谈了|提了|提到了|包括)?(?:什么|什麼|啥|哪些)?"
                             r"(?:内容|內容)?[？?。！!]?", rest.strip()))


# Questions asking how people who fell short are dealt with (`临阵退缩的干部会受到什么处理？`,
# `当逃兵的干部组织上怎么处理？`) and the passage stating the sanction (`就地免职`, `严肃问责`,
# `给予党纪处分`): the neighbouring paragraphs describe the failings, only that one says what follows.
_ASKS_SANCTION = re.compile(r"(?:什[么麼]|怎[么麼样樣]|如何|哪些)(?:样的)?(?:处理|處理|处分|處分|处罚|處罰|惩处|懲處|处置|處置|"
                            r"追责|追責|问责|問責|惩罚|懲罰)|受到.{0,4}(?:处理|處理|处分|處分|处罚|處罰)")
_PEOPLE = re.compile(r"干部|幹部|官员|官員|党员|黨員|人员|人員|领导|領導|公职|公職|负责人|負責人")
_STATES_SANCTION = re.compile(r"免职|免職|撤职|撤職|问责|問責|处分|處分|处罚|處罰|追责|追責|追究.{0,8}责任|追究.{0,8}責任|"
                              r"严肃处理|嚴肅處理|严惩|嚴懲|惩处|懲處|查处|查處|开除|開除|降职|降職|诫勉|誡勉")


def asks_for_sanction(content: str) -> bool:
    """`临阵退缩的干部会受到什么处理？`: the answer is a sanction (a question about handling things,
    `经验怎么处理`, is not). English: crosslingual.asks_for_sanction_english."""
    return bool(_ASKS_SANCTION.search(content) and _PEOPLE.search(content))


def states_sanction(text: str) -> bool:
    return bool(_STATES_SANCTION.search(text))


# A question asking for an item by its place in a list (`下一步重点里，第一条要把哪几方面结合起来？`,
# `讲话提出的第三点要求是什么？`, `二是什么？`) and the passage opening that item (`第一，加强药物…`,
# `一是及时制定…`, `（三）…`): the speech's other items share its words, only that one is the item.
# Not a count of things (`第一次`, `第一线`, `第一道防线`, `第十二次会议`, `第一个百年目标`): only 条/点/项/件/方面
# say an item, and 个 when nothing follows it (`头一个是什么？`); see asks_for_list_item for the rest.
_ASKS_LIST_ITEM = re.compile(r"(?<!倒数)(?<!倒數)第(?P<nth>[一二三四五六七八九十两\d]{1,3})(?:条|條|点|點|项|項|件|个方面|個方面|方面"
                             r"|个要求|個要求|(?P<one>[个個])(?=是|呢|讲|講|说|說|[？?，,。]|$))"
                             r"|(?P<head>头|頭)一(?:条|條|点|點|项|項|件|(?P<first>[个個])(?=是|呢|讲|講|说|說|[？?，,。]|$))"
                             r"|(?:^|[，,、：:里裡中])(?P<said>[一二三四五六七八九十])[是要](?:什么|什麼|啥|指|讲|講|说|說|要)")
# ...`头一个`, `第二个` only of a list the question names as one (`重点工作，头一个是什么？`), not of
# meetings or other things told in order (`脱贫专题座谈会里头一个是在哪开的？`)
_LISTED_THINGS = re.compile(r"工作|任务|任務|要求|措施|举措|舉措|方面|重点|重點|成就|影响|影響|困难|困難|挑战|挑戰|部署|意见|意見|"
                            r"问题|問題|事情|几件事|幾件事|清单|清單")
# ...or counted from the end (`最后一条`, `最后一个方面`, `倒数第二项`): -1 the last, -2 the one before
_ASKS_LIST_ITEM_FROM_END = re.compile(r"(?:(?:倒数|倒數)第(?P<back>[一二三四五六七八九十两\d]{1,2})|(?:最后|最後|末尾)(?:那一?|一)?)"
                                      r"(?:条|條|点|點|项|項|件|个方面|個方面|方面|个要求|個要求"
                                      r"|(?P<last_one>[个個])(?=是|呢|讲|講|说|說|[？?，,。]|$))")
_ASKED_OF_AN_ITEM = re.compile(r"是|呢|讲|講|说|說|要|具体|具體|提|[？?，,。、]|$")
# How an item of a list opens a line or sentence, by kind: `第一，`, `一是`, `一要`, `（一）`, `一、`,
# `1.`, `(1)`; the items of one list share a kind and count up from one.
_ITEM_OPENER = re.compile(
    r"(?:^|(?<=[。；;！？!?\n]))[" + _EDGE_SPACE + r"]*"
    r"(?:第(?P<ordinal>[一二三四五六七八九十]{1,3})[，,、：:．.]|(?P<is>[一二三四五六七八九十]{1,3})是"
    r"|(?P<must>[一二三四五六七八九十]{1,3})要|[（(](?P<bracketed>[一二三四五六七八九十]{1,3})[）)]"
    r"|(?P<comma>[一二三四五六七八九十]{1,3})[、．.]|(?P<dotted>\d{1,2})[、．.）)](?!\d)|[（(](?P<digit>\d{1,2})[）)]"
    r"|(?P<circled>[①-⑳]))")
# An item marked by a bullet (`──剩余脱贫攻坚任务艰巨。`, `●`) opens a line; its place is its count
_BULLET_OPENER = re.compile(r"(?:^|(?<=\n))[" + _EDGE_SPACE + r"]*(?:[─━—]{1,2}(?=[^─━—\s\d])|[•●◆◇■□▲△★☆▶►])")


# `纪律处分条例第三条`, `《宪法》第一条`, `民法典第十条`: an article of a law or rule, cited by its number
_ARTICLE_CITED = re.compile(r"(?:》|法|典|条例|條例|章程|准则|準則|规定|規定|党章|黨章|办法|辦法|规则|規則|细则|細則|决定|決定)"
                            r"的?第[一二三四五六七八九十百两\d]{1,5}(?:条|條|项|項|款)")


def asks_for_list_item(content: str) -> int:
    """`…第一条要把哪几方面结合起来？` -> 1, `第三点要求` -> 3, `二是什么` -> 2, `最后一条` -> -1,
    `倒数第二点` -> -2: the place in a list of the item asked for (counted from its end when below 0);
    0 when the question asks for none (`第一次`, `第一线`, `最后一次`, an article cited: `党章第三条`).
    English: crosslingual.asks_for_list_item_english."""
    if _ARTICLE_CITED.search(content):
        return 0
    m = _ASKS_LIST_ITEM.search(content)
    back = None if m else _ASKS_LIST_ITEM_FROM_END.search(content)
    found = m or back
    if not found:
        return 0
    # (`第一条高铁`, `最后一条防线`: a count of other things; an item is followed by what is asked of
    # it or named among listed things; `头一个`, `第二个`, `最后一个` only the latter; `二是什么` asks)
    one = m.group("one") or m.group("first") if m else back.group("last_one")
    followed = (m is not None and m.group("said") is not None) or (
        not one and bool(_ASKED_OF_AN_ITEM.match(content, found.end())))
    if not followed and not _LISTED_THINGS.search(content):
        return 0
    if back:
        n = _count(back.group("back")) if back.group("back") else 1
        return -n if 1 <= n <= 20 else 0
    if m.group("head"):
        return 1
    n = _count(m.group("nth") or m.group("said"))
    return n if 1 <= n <= 20 else 0


# ...and how many items the list has, when the question says (`提出了八个方面的举措，第三个方面…`,
# `提的三点要求里`, `七项重点工作`; not the place itself, `第三个方面`, nor `几项`)
_LIST_SIZE = re.compile(r"(?<![第\d一二三四五六七八九十两午晚])([一二三四五六七八九十两\d]{1,2})(?:个方面|個方面|方面|点|點|项|項|条|條|件)")


def asked_list_size(content: str) -> int:
    """`讲话提出了八个方面的举措，第三个方面是什么？` -> 8; 0 when the question does not say."""
    for m in _LIST_SIZE.finditer(content):
        n = _count(m.group(1))
        if 2 <= n <= 20:
            return n
    return 0


def list_item_openers(text: str) -> list[tuple[str, int, int]]:
    """The items of lists that open a line or sentence of `text`, in order, as (kind: how it is
    numbered, its place, where it starts): `一是…。二是…` -> [("is", 1, 0), ("is", 2, …)]; `①` is 1.
    Items marked by bullets have no number: bullet_openers."""
    found = []
    for m in _ITEM_OPENER.finditer(text):
        kind = m.lastgroup
        n = ord(m.group(kind)) - ord("①") + 1 if kind == "circled" else _count(m.group(kind))
        if n:
            found.append((kind, n, m.start()))
    return found


def bullet_openers(text: str) -> list[int]:
    """Where the lines of `text` opening with a bullet (`──`, `●`…) start: items of a list, counted
    by their order (rag/lists.py)."""
    return [m.start() for m in _BULLET_OPENER.finditer(text)]


def opens_list_item(text: str, n: int) -> bool:
    """Whether a line or sentence of `text` opens the `n`th item of a list: `第一，`, `一是`,
    `（一）`, `一、`, `1.`, `(1)`."""
    return any(place == n for _, place, _ in list_item_openers(text))


# A question asking what to do about a problem (`农产品卖不出去怎么办？`, `物资短缺时应该怎么应对？`) is
# answered by a passage saying what must be done (`要切实解决…滞销问题`), not by the one describing the
# problem in the question's own words (`农畜牧产品卖不出去…`)
_ASKS_REMEDY = re.compile(r"怎么办|怎麼辦|咋办|咋辦|咋整|(?:怎么|怎麼|怎样|怎樣|如何)(?:才能)?(?:解决|解決|应对|應對|保障|保证|保證)|"
                          r"(?:要|该|該|应该|應該|应当|應當)(?:怎么|怎麼|怎样|怎樣|如何)(?:处理|處理|做|办|辦)")
# ...unless it asks what was done (`后来怎么处理的？`, `当时是怎么应对的？`): a description answers that
_ASKED_OF_THE_PAST = re.compile(r"后来|後來|当时|當時|去年|是怎么|是怎麼|是如何|的[？?]?$")
# a clause opening with what must be done (`。要切实解决…`, `，必须…`; not `要求`, `要点`, `主要`)
_STATES_REMEDY = re.compile(r"(?:^|[，。；：！？\n])\s*(?:要|必须|必須|应当|應當|应该|應該|需要)(?!是|求|点|點)")


def asks_for_remedy(content: str) -> bool:
    """`…卖不出去怎么办？`, `要怎么处理？`: asks what to do (English: crosslingual.asks_for_remedy_english)."""
    return bool(_ASKS_REMEDY.search(content)) and not _ASKED_OF_THE_PAST.search(content)


def states_remedy(text: str) -> bool:
    """Whether `text` says what must be done (a clause opening with `要`, `必须`, `应当`…)."""
    return bool(_STATES_REMEDY.search(text))


# A question asking how people or deeds are appraised (`讲话对武汉人民的表现是怎么评价的？`, `是怎么肯定
# 部队官兵的表现的？`) is answered by the paragraph praising them, over those naming the same people
# for something else (a plain list of common words of praise, not any text's)
_ASKS_APPRAISAL = re.compile(r"(?:怎么|怎麼|怎样|怎樣|如何)(?:评价|評價|肯定|称赞|稱讚|赞扬|讚揚|表扬|表揚)|称赞|稱讚|赞扬|讚揚|表扬|表揚")
_STATES_APPRAISAL = re.compile(r"展现|展現|彰显|彰顯|表现出|表現出|体现了|體現了|发扬了|發揚了|值得|高度评价|高度評價|充分肯定|"
                               r"赞扬|讚揚|称赞|稱讚|英勇|无私|無私|顽强|頑強|可歌可泣|感人")


def asks_for_appraisal(content: str) -> bool:
    """`…的表现是怎么评价的？`: the answer praises (English: crosslingual.asks_for_appraisal_english)."""
    return bool(_ASKS_APPRAISAL.search(content))


def states_appraisal(text: str) -> bool:
    """Whether `text` praises (`展现了…`, `值得…`, `高度评价`, `英勇`…)."""
    return bool(_STATES_APPRAISAL.search(text))


# Party texts sum a line up in a set number of characters (`十六字方针`, the 24 characters of
# 社会主义核心价值观) or in short words sharing one (`招商、安商、稳商`), and questions ask for them
# so: `总要求是哪十六个字？`, `稳外资要做好哪三个带“商”字的工作？`. The passage that answers lists
# them with 、 (`坚定信心、同舟共济、科学防治、精准施策`), groups of them joined by ，or ；
# (`富强、民主、文明、和谐，自由、平等、公正、法治，…`).
_COUNT = r"[0-9０-９]{1,3}|[一二两三四五六七八九十百]{1,4}"
_ASKS_CHARACTERS = re.compile(r"(" + _COUNT + r")\s*[个個]\s*字(?![号號母样樣体體幕])"
                              r"|(" + _COUNT + r")字(?=方针|方針|要求|原则|原則|总要求|總要求|口诀|口訣|诀|訣|表述)")
_QUOTED = r"[“‘「『\"']([\u3400-\u9fff])[”’」』\"']"
_ASKS_SHARED = re.compile(r"(?:(" + _COUNT + r")\s*[个個项項条條]?\s*)?"     # `带商字`, `含“商”字`; not `有名字`
                          r"(?:[带帶]\s*(?:" + _QUOTED + r"|([\u3400-\u9fff]))|[含有]\s*" + _QUOTED + r")\s*字")
# a number and a character in quotes (`“四早”`, `“两个维护”` has more: not this), asked what it stands for
_ASKS_SHORT_FORM = re.compile(r"[“\"「『]\s*([两二三四五六七八九十])\s*个?\s*([\u4e00-\u9fff])\s*[”\"」』]"
                              r"(?=.*(?:哪|什[么麼]|啥|指))")
_CLAUSE_BREAK = re.compile(r"[^\u3400-\u9fff\uf900-\ufaff、，；,;]+")
_ITEM_MAX = 8


def _count(written: str) -> int:
    """'16' -> 16, '十六' -> 16, '两' -> 2, '二十四' -> 24; 0 for what is not a count."""
    written = written.translate(_FULLWIDTH_DIGITS).replace("两", "二")
    try:
        if written.isdigit():
            return int(written)
        hundreds, has_hundreds, rest = written.rpartition("百")
        return ((_cn_number(hundreds or "一") * 100 if has_hundreds else 0)
                + (_cn_number(rest) if rest else 0))
    except (KeyError, ValueError):
        return 0


def asks_for_characters(content: str) -> int:
    """`党中央提出的总要求是哪十六个字？` -> 16, `二十四字` + `方针` -> 24; 0 when the question does not
    ask for a set number of characters (`数字技术`, `十字路口`, `几个字`)."""
    m = _ASKS_CHARACTERS.search(content)
    n = _count(m.group(1) or m.group(2)) if m else 0
    return n if 4 <= n <= 100 else 0


def asks_for_shared_character(content: str) -> tuple[str, int] | None:
    """`哪三个带“商”字的工作？` -> ("商", 3); `带“稳”字的` -> ("稳", 0): words sharing a character, and
    how many (0: not said). A short form in quotes asked about is such a list too: `“四早”具体指什么？`
    -> ("早", 4), for `早发现、早报告、早隔离、早治疗`."""
    m = _ASKS_SHARED.search(content)
    if not m:
        short = _ASKS_SHORT_FORM.search(content)
        return (short.group(2), _count(short.group(1))) if short else None
    n = _count(m.group(1)) if m.group(1) else 0
    return m.group(2) or m.group(3) or m.group(4), n


def _list_groups(text: str) -> list[list[list[str]]]:
    """The lists of `text`: each a run of clauses (split at ，；) whose parts split at 、 are its
    items, as [[items of a clause], …]; runs end where other punctuation or a line does."""
    return [[c.split("、") for c in re.split(r"[，；,;]", stretch) if c]
            for stretch in _CLAUSE_BREAK.split(text)]


def _equal_items(items: list[str]) -> int:
    """The length of a clause's items when they are one length (its first and last may run on
    into the sentence around them: `提出坚定信心`, `精准施策的总要求`), else 0."""
    if len(items) < 2:
        return 0
    inner = {len(i) for i in items[1:-1]}
    if len(inner) > 1:
        return 0
    k = inner.pop() if inner else min(len(items[0]), len(items[-1]))
    return k if 2 <= k <= _ITEM_MAX and len(items[0]) >= k and len(items[-1]) >= k else 0


def states_characters(text: str, n: int) -> bool:
    """Whether `text` lists items of one length that add up to `n` characters: one clause
    (`坚定信心、同舟共济、科学防治、精准施策`: 4 × 4) or clauses of such items joined by ，or ；whose
    inner ends are exact (`富强、民主、文明、和谐，自由、平等、公正、法治，爱国、敬业、诚信、友善`: 12 × 2)."""
    for clauses in _list_groups(text):
        for start in range(len(clauses)):
            k = _equal_items(clauses[start])
            if not k:
                continue
            total = 0
            for end in range(start, len(clauses)):
                items = clauses[end]
                if _equal_items(items) != k:
                    break
                total += k * len(items)
                if total == n:
                    return True
                # a further clause continues the list only when this one ends exactly on an item
                if len(items[-1]) != k:
                    break
    return False


def states_shared_character(text: str, char: str, n: int = 0) -> bool:
    """Whether `text` lists short words that all hold `char` (`做好招商、安商、稳商工作` for 商),
    `n` of them when `n` is given."""
    for clauses in _list_groups(text):
        # (each run of n items in a clause: two lists joined by 和 are one clause, `早发现、早报告、早隔离、
        # 早治疗的防控要求和集中患者、集中专家…`)
        # whole: the items beside it do not go on with the character (`招商、安商、稳商` is no list of two)
        runs = ([(items[max(0, i - 1):i], items[i:i + n], items[i + n:i + n + 1]) for items in clauses
                 for i in range(max(1, len(items) - n + 1))] if n else [([], items, []) for items in clauses])
        for before, items, after in runs:
            if len(items) < 2 or (n and len(items) != n):
                continue
            inner = items[1:-1]
            k = max((len(i) for i in inner), default=2)
            if (k <= 4 and all(char in i for i in inner) and char in items[0][-k:]
                    and char in items[-1][:k] and not any(char in i[-k:] for i in before)
                    and not any(char in i[:k] for i in after)):
                return True
    return False


# A question that is a bare term, typed as into Ctrl+F (`网格化管理`, `逆周期调节`: Chinese only, no
# question word), and passages holding it as written rather than its characters apart
# (`逆周期和跨周期调节`).
_BARE_TERM = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]{2,12}")
# what asks, beyond the question words keywords_of leaves out: `哪里`, `多大`, `几位`, `简述`
_ASKING = re.compile(r"[哪谁吗呢么啥咋几何怎]|多[大长久重高远少]|简述")


def bare_term(content: str) -> str | None:
    """`网格化管理` -> `网格化管理`; `网格化管理是什么？`, `谢尔的面积有多大` -> None."""
    term = content.strip(_EDGE_SPACE + "？?。！!")
    if _BARE_TERM.fullmatch(term) and not _ASKING.search(term) and keywords_of(term) == term:
        return term
    return None


_CHINESE_CHARACTER = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def chinese_characters(text: str) -> int:
    return len(_CHINESE_CHARACTER.findall(text))


def cjk_share(text: str) -> float:
    """Share of a text's word characters that are Chinese: how much a Chinese keyword match means."""
    word = re.findall(r"\w", text)
    return len(_CHINESE_CHARACTER.findall(text)) / max(len(word), 1)


def foreign_share(text: str) -> float:
    """Share of a text's letters that are not Chinese characters, digits left out: how much of a
    question is in another language (`2020年3月` is Chinese; `GDP增长了多少` is partly not)."""
    letters = re.findall(r"[^\W\d_]", text)
    chinese = _CHINESE_CHARACTER.findall(text)
    return 1.0 - len(chinese) / len(letters) if letters else 0.0


# Kana make a question Japanese. Its kanji are Japanese words, which share only some of their
# forms with Chinese ones (農産物, not 农产品), so their keyword match counts for less. On the dev
# questions in Japanese (eval/multilingual_questions.jsonl) a half or a quarter gains the same.
JAPANESE_KEYWORD_SHARE = 0.5
_KANA = re.compile(r"[\u3040-\u30ff]")


def keyword_share(text: str) -> float:
    """How much a keyword match of a question counts: its Chinese share, halved for Japanese."""
    share = cjk_share(text)
    return share * JAPANESE_KEYWORD_SHARE if _KANA.search(text) else share


def is_cjk_word(text: str) -> bool:
    """True when every character of a non-empty `text` is a Chinese character (a dictionary
    headword usable as a search term)."""
    return bool(text) and all("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text)


# Short forms of the political vocabulary and the full forms they stand for. A question may say
# 深改委 where the records say 中央全面深化改革委员会, or the other way round (the news items of the
# scale records say 中央深改委): the keyword match counts a text holding either form as holding
# the question's word, and the question is embedded with the other form too (rag/search.py;
# docs/measurements.md, stop 27).
ABBREVIATIONS = {
    "深改委": "中央全面深化改革委员会", "深改组": "中央全面深化改革领导小组", "国常会": "国务院常务会议",
    "新冠": "新型冠状病毒", "世卫组织": "世界卫生组织", "卫健委": "卫生健康委员会", "发改委": "发展和改革委员会",
    "国资委": "国有资产监督管理委员会", "疾控": "疾病预防控制", "公卫": "公共卫生", "扶贫办": "扶贫开发领导小组办公室",
    "央企": "中央企业", "民企": "民营企业", "全国人大": "全国人民代表大会", "全国政协": "中国人民政治协商会议全国委员会",
    "十八大": "第十八次全国代表大会", "十九大": "第十九次全国代表大会", "二十大": "第二十次全国代表大会",
    "军委": "军事委员会", "中纪委": "中央纪律检查委员会", "中组部": "中央组织部", "中宣部": "中央宣传部",
    "人社部": "人力资源和社会保障部", "工信部": "工业和信息化部", "住建部": "住房和城乡建设部",
    "医保": "医疗保障", "双创": "大众创业、万众创新",
    "科技": "科学技术", "失业金": "失业保险金",
}

# The short forms that name a body meeting as such (深改委, 国常会: a 委员会, 领导小组 or 会议), mentioned
# alone (zh.meetings_mentioned)
_BODY_MENTIONED = re.compile("|".join(sorted((re.escape(short) for short, full in ABBREVIATIONS.items()
                                              if re.search(r"(?:委员会|领导小组|会议)$", full)), key=len, reverse=True)))


# Latin letters for what the records also write in Chinese: a question asks about `CDC体系` or
# `GDP`, a speech says 疾病预防控制体系, a news item 国内生产总值, and the scale records write AI 340
# times beside 人工智能 1,872 times. Written from the records' vocabulary, the Chinese as they write
# it. Matched as words (not `ai` inside `Shanghai`); an acronym of three letters or more in any
# case in a Chinese question (`gdp增长`), a two-letter one (`AI`, `UN`) only in capitals.
LATIN_ABBREVIATIONS = {
    "AI": "人工智能", "VR": "虚拟现实", "UN": "联合国", "GDP": "国内生产总值", "CPI": "居民消费价格",
    "PPI": "工业生产者出厂价格", "PMI": "采购经理指数", "RCEP": "区域全面经济伙伴关系协定", "APEC": "亚太经合组织",
    "WHO": "世界卫生组织", "WTO": "世界贸易组织", "IMF": "国际货币基金组织", "CDC": "疾病预防控制",
    "ICU": "重症监护", "PCR": "核酸检测", "SARS": "非典", "LNG": "液化天然气", "G20": "二十国集团",
    "NATO": "北约", "ASEAN": "东盟", "BRICS": "金砖国家", "CGTN": "中国国际电视台", "CMG": "中央广播电视总台",
    "SME": "中小企业", "SMEs": "中小企业", "NPC": "全国人大", "CPPCC": "全国政协",
}
# (as written, in any case)
_LATIN_ABBREVIATION = {short: tuple(re.compile(rf"(?<![A-Za-z]){re.escape(short)}(?![A-Za-z])", flags)
                                    for flags in (0, re.IGNORECASE if len(short) > 2 else 0))
                       for short in LATIN_ABBREVIATIONS}


def latin_written_out(text: str) -> tuple[str, list[tuple[str, str]]]:
    """A Chinese question with its Latin abbreviations (LATIN_ABBREVIATIONS) written in Chinese, as
    the keyword match needs them (`CDC体系改革` -> `疾病预防控制体系改革`: the letters are in no seed
    record), and [(each abbreviation, as written: its Chinese)] for the page to show. Other
    questions as they are: an English one's words are translated word by word."""
    any_case = [(_LATIN_ABBREVIATION[short][1], full) for short, full in LATIN_ABBREVIATIONS.items()]
    found = sorted((m.start(), m.group(0), full) for pattern, full in any_case for m in pattern.finditer(text))
    if not found:
        return text, []
    rest, written_out = text, text
    for pattern, full in any_case:
        rest, written_out = pattern.sub("", rest), pattern.sub(full, written_out)
    if cjk_share(rest) < 0.5:
        return text, []
    return written_out, list(dict.fromkeys((written, full) for _, written, full in found))     # in the question's order


def other_forms(text: str) -> dict[str, str]:
    """{each short or full form of ABBREVIATIONS (and LATIN_ABBREVIATIONS) that `text` names: its
    other form}: `深改委第十二次会议` -> {"深改委": "中央全面深化改革委员会"}, `GDP增长` -> {"GDP":
    "国内生产总值"}, `人工智能` -> {"人工智能": "AI"}."""
    forms = {}
    for short, full in ABBREVIATIONS.items():
        if full in text:
            forms[full] = short
        elif short in text:
            forms[short] = full
    chinese = cjk_share(text) >= 0.5
    for short, full in LATIN_ABBREVIATIONS.items():
        if full in text:
            forms.setdefault(full, short)
            continue
        as_written, any_case = _LATIN_ABBREVIATION[short]
        found = (any_case if chinese else as_written).search(text)     # English: `who` is no WHO
        if found:
            forms.setdefault(found.group(0), full)
    return forms


def written_otherwise(text: str, forms: dict) -> str:
    """`text` with each form of `forms` written the other way (of several ways, the first)."""
    for form, other in forms.items():
        text = text.replace(form, other if isinstance(other, str) else other[0])
    return text


# Everyday words for what the records write officially: a question says `看病`, `卖不出去`, `老百姓`
# where a speech says 就医, 滞销, 群众. Listed in data/spoken_forms.tsv (spoken word, then the
# written forms, commonest first), written from the records' vocabulary, not from questions
# asked. As with the short forms, a text holding a written form holds the spoken word, and the
# question is embedded written that way too (docs/measurements.md, stop 55).
SPOKEN_FORMS_FILE = Path(__file__).with_name("data") / "spoken_forms.tsv"
_spoken_table: dict[str, tuple[str, ...]] | None = None


def spoken_forms_table() -> dict[str, tuple[str, ...]]:
    """{spoken word: its written forms}, read once from SPOKEN_FORMS_FILE (none without it)."""
    global _spoken_table
    if _spoken_table is None:
        table = {}
        if SPOKEN_FORMS_FILE.is_file():
            for number, line in enumerate(SPOKEN_FORMS_FILE.read_text(encoding="utf-8").splitlines(), start=1):
                if not line.strip() or line.startswith("#"):
                    continue
                spoken, _, written = line.partition("\t")
                forms = tuple(w.strip() for w in written.split("|") if w.strip())
                if not spoken.strip() or not forms:
                    raise ValueError(f"{SPOKEN_FORMS_FILE}, line {number}: write a spoken word, a tab, then its "
                                     f"written forms separated by |, not {line!r}")
                table[spoken.strip()] = forms
        # longest first, as spoken_forms takes them
        _spoken_table = dict(sorted(table.items(), key=lambda item: -len(item[0])))
    return _spoken_table


def spoken_forms(text: str) -> dict[str, tuple[str, ...]]:
    """{each everyday word of `text` (spoken_forms_table): the records' written forms of it},
    longest words first, none inside another taken, none whose written form `text` already holds:
    `在外地看病能报销吗` -> {"外地": ("异地",), "看病": ("就医", …), "报销": ("结算", …)}."""
    found, taken = {}, []
    table = spoken_forms_table()
    for spoken in table:
        at = text.find(spoken)
        if at < 0 or any(a < at + len(spoken) and at < b for a, b in taken):
            continue
        forms = table[spoken]
        if any(form in text for form in forms):
            continue
        found[spoken] = forms
        taken.append((at, at + len(spoken)))
    return found
