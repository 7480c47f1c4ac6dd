"""The numbers Word shows before automatically numbered paragraphs (`一、`, `（二）`, `3.`), which a
.docx file does not hold in its text: a speech's headings typed as a numbered list would otherwise
lose their `一、` and read as unnumbered lines. Word computes them from the numbering definitions
(numbering.xml: per list, per level, a start, a format and a pattern such as `%1、`); so does this,
in document order, for the formats Chinese documents use."""
from __future__ import annotations

from .zh import chinese_numeral

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letters(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, number_format: str) -> str:
    """`n` as Word writes it in a list of `number_format` (w:numFmt): 3 -> `三` (chineseCounting)."""
    if number_format in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified",
                         "ideographDigital", "japaneseCounting", "taiwaneseCounting", "taiwaneseCountingThousand"):
        return chinese_numeral(n)
    if number_format == "ideographTraditional" and 1 <= n <= 10:
        return _HEAVENLY_STEMS[n - 1]
    if number_format in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return _CIRCLED[n - 1]
    if number_format in ("upperRoman", "lowerRoman"):
        return _roman(n) if number_format == "upperRoman" else _roman(n).lower()
    if number_format in ("upperLetter", "lowerLetter"):
        return _letters(n) if number_format == "upperLetter" else _letters(n).lower()
    if number_format in ("bullet", "none"):
        return ""
    if number_format == "decimalZero":
        return f"{n:02d}"
    return str(n)


class ListNumbers:
    """Counts a document's numbered paragraphs in order, as Word does; `label(paragraph)` is the
    number Word shows before it (`一、`), "" for a paragraph that is not numbered or is bulleted."""

    def __init__(self, document):
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}   # numId -> level -> (start, format, text)
        self.counts: dict[str, dict[int, int]] = {}                      # list -> level -> count so far
        self.list_of: dict[str, str] = {}
        self.style_numbering: dict[str, tuple[str, int]] = {}
        try:
            self._read(document)
        except (KeyError, NotImplementedError, AttributeError, ValueError, TypeError):
            # no numbering definitions, or damaged ones: the text as it is, unnumbered
            self.levels, self.style_numbering = {}, {}

    def _read(self, document) -> None:
        numbering = document.part.numbering_part.element
        abstract = {a.get(_W + "abstractNumId"): self._levels_of(a) for a in numbering.iter(_W + "abstractNum")}
        for num in numbering.iter(_W + "num"):
            ref = num.find(_W + "abstractNumId")
            ref = ref.get(_W + "val") if ref is not None else None
            levels = dict(abstract.get(ref, {}))
            restarted = False
            for override in num.iter(_W + "lvlOverride"):
                start = override.find(_W + "startOverride")
                level = int(override.get(_W + "ilvl", "0"))
                if start is not None and level in levels:
                    levels[level] = (int(start.get(_W + "val")),) + levels[level][1:]
                    restarted = True
            num_id = num.get(_W + "numId")
            self.levels[num_id] = levels
            # lists sharing a definition count on together, as Word does, unless one restarts
            self.list_of[num_id] = num_id if restarted else f"abstract {ref}"
        for style in document.styles.element.iter(_W + "style"):
            found = self._num_pr(style)
            if found:
                self.style_numbering[style.get(_W + "styleId")] = found

    @staticmethod
    def _levels_of(abstract) -> dict[int, tuple[int, str, str]]:
        levels = {}
        for lvl in abstract.iter(_W + "lvl"):
            values = {}
            for name, default in (("start", "1"), ("numFmt", "decimal"), ("lvlText", "")):
                element = lvl.find(_W + name)
                values[name] = element.get(_W + "val", default) if element is not None else default
            levels[int(lvl.get(_W + "ilvl", "0"))] = (int(values["start"]), values["numFmt"], values["lvlText"])
        return levels

    @staticmethod
    def _num_pr(element) -> tuple[str, int] | None:
        """(numId, level) of a paragraph's or a style's own numbering, if it has one."""
        ppr = element.find(_W + "pPr")
        num_pr = ppr.find(_W + "numPr") if ppr is not None else None
        if num_pr is None:
            return None
        num_id, level = num_pr.find(_W + "numId"), num_pr.find(_W + "ilvl")
        if num_id is None:
            return None
        return num_id.get(_W + "val"), int(level.get(_W + "val")) if level is not None else 0

    def label(self, paragraph_element) -> str:
        try:
            return self._label(paragraph_element)
        except (ValueError, TypeError):      # a damaged level number: shown unnumbered
            return ""

    def _label(self, paragraph_element) -> str:
        found = self._num_pr(paragraph_element)
        if found is None:
            ppr = paragraph_element.find(_W + "pPr")
            style = ppr.find(_W + "pStyle") if ppr is not None else None
            found = self.style_numbering.get(style.get(_W + "val")) if style is not None else None
        if found is None or found[0] == "0":         # numId 0: numbering switched off here
            return ""
        num_id, level = found
        levels = self.levels.get(num_id)
        if not levels or level not in levels:
            return ""
        return count_label(levels, self.counts.setdefault(self.list_of.get(num_id, num_id), {}), level)


def count_label(levels: dict[int, tuple[int, str, str]], counts: dict[int, int], level: int) -> str:
    """The next item of a list at `level`: counted on in `counts` (the list's count per level so
    far), and its label as its level's text (`%1、`) writes it; "" for a bullet. `levels`: per
    level, (start, number format, text). Shared by .docx and .doc (rag/word97_lists.py)."""
    counts[level] = counts.get(level, levels[level][0] - 1) + 1
    for deeper in [k for k in counts if k > level]:       # a new item restarts the levels below it
        del counts[deeper]
    start, number_format, text = levels[level]
    if number_format == "bullet":
        return ""
    for shown in range(level, -1, -1):
        if f"%{shown + 1}" in text:
            value = counts.get(shown, levels.get(shown, (1,))[0])
            text = text.replace(f"%{shown + 1}", format_number(value, levels.get(shown, (1, "decimal"))[1]))
    return text
