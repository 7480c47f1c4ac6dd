"""The numbers Word shows before the paragraphs of its own numbered lists in a Word 97-2003 `.doc`
(`一、` of a heading Word numbered itself, as its AutoFormat does to a typed `一、`), which the
document's text does not hold. As in a .docx (rag/word_numbering.py), they are counted from the
list definitions, here in the binary structures [MS-DOC] describes: each paragraph's properties
(PAPX, in the FKP pages the PlcBtePapx table points to) name its list (sprmPIlfo) and level
(sprmPIlvl); the list format overrides (PlfLfo) name a list (PlfLst), whose levels give the start,
the number format and the text around the number."""
from __future__ import annotations

import bisect
import struct

from .word_numbering import count_label

# FibRgFcLcb97: where the table stream holds the paragraph properties' bin table and the lists
_PLCF_BTE_PAPX_AT, _PLF_LST_AT, _PLF_LFO_AT = 0x0102, 0x02E2, 0x02EA
_SPRM_P_ILVL, _SPRM_P_ILFO = 0x260A, 0x460B
_PAGE = 512
# MS-DOC's number formats (MSONFC), by the names rag/word_numbering.py formats. The Chinese,
# Taiwanese and Japanese counting forms (DbNum1-4; LibreOffice writes 0x23 for 一、二、) are all
# read as 一二三: a heading is a heading by its `一、`, not by which of them it is.
_NFC = {0: "decimal", 1: "upperRoman", 2: "lowerRoman", 3: "upperLetter", 4: "lowerLetter",
        0x12: "decimalEnclosedCircle", 0x16: "decimalZero", 0x17: "bullet",
        0x1C: "decimalEnclosedCircleChinese", 0x1E: "ideographTraditional", 0xFF: "none",
        **dict.fromkeys((0x0A, 0x0B, 0x10, 0x11, *range(0x21, 0x29)), "chineseCounting")}


class Word97Lists:
    """`label(fc)`: the number Word shows before the paragraph whose mark is at byte `fc` of the
    WordDocument stream ("" when it is not numbered), counted in document order as Word does."""

    def __init__(self, word: bytes, table: bytes):
        self.runs: list[tuple[int, int, int, int]] = []      # (first fc, end fc, ilfo, ilvl), by fc
        self.levels: dict[int, dict[int, tuple[int, str, str]]] = {}   # ilfo -> level -> (start, format, text)
        self.list_of: dict[int, str] = {}
        self.counts: dict[str, dict[int, int]] = {}
        try:
            lists = _lists(table, *struct.unpack_from("<II", word, _PLF_LST_AT))
            self._read_overrides(table, *struct.unpack_from("<II", word, _PLF_LFO_AT), lists)
            if self.levels:
                self.runs = _paragraph_runs(word, table, *struct.unpack_from("<II", word, _PLCF_BTE_PAPX_AT))
        except (struct.error, IndexError, ValueError):
            # no lists, or damaged ones: the text as it is, unnumbered
            self.runs, self.levels = [], {}
        self.starts = [run[0] for run in self.runs]

    def _read_overrides(self, table: bytes, fc: int, lcb: int, lists: dict) -> None:
        """The list format overrides (LFO), numbered from 1 as paragraphs name them: each names a
        list (lsid) and may restart some of its levels."""
        if lcb < 4:
            return
        count = struct.unpack_from("<I", table, fc)[0]
        at = fc + 4 + 16 * count                               # the LFOData after the LFOs
        for ilfo in range(1, count + 1):
            lsid, = struct.unpack_from("<i", table, fc + 4 + 16 * (ilfo - 1))
            overridden = table[fc + 4 + 16 * (ilfo - 1) + 12]
            levels = dict(lists.get(lsid, {}))
            at += 4                                             # cp
            restarted = False
            for _ in range(overridden):
                start, flags = struct.unpack_from("<iI", table, at)
                at += 8
                level = flags & 0x0F
                if flags & 0x20:                                # fFormatting: a whole level follows
                    level_read, at = _level(table, at)
                    levels[level] = level_read
                    restarted = True
                if flags & 0x10 and level in levels:            # fStartAt
                    levels[level] = (start,) + levels[level][1:]
                    restarted = True
            self.levels[ilfo] = levels
            # overrides of one list count on together, as Word does, unless one restarts it
            self.list_of[ilfo] = f"override {ilfo}" if restarted else f"list {lsid}"

    def label(self, fc: int) -> str:
        i = bisect.bisect_right(self.starts, fc) - 1
        if i < 0 or fc >= self.runs[i][1]:
            return ""
        _, _, ilfo, level = self.runs[i]
        levels = self.levels.get(ilfo)
        if not levels or level not in levels:
            return ""
        return count_label(levels, self.counts.setdefault(self.list_of[ilfo], {}), level)


def _lists(table: bytes, fc: int, lcb: int) -> dict[int, dict[int, tuple[int, str, str]]]:
    """The lists (PlfLst): per list id, its levels, each (start, number format, text with `%1`
    where level 1's number goes)."""
    if lcb < 2:
        return {}
    count = struct.unpack_from("<h", table, fc)[0]
    lists, at = [], fc + 2 + 28 * count                        # the levels follow the LSTFs
    for i in range(count):
        lsid, = struct.unpack_from("<i", table, fc + 2 + 28 * i)
        simple = table[fc + 2 + 28 * i + 26] & 0x01
        levels = {}
        for level in range(1 if simple else 9):
            levels[level], at = _level(table, at)
        lists.append((lsid, levels))
    return dict(lists)


def _level(table: bytes, at: int) -> tuple[tuple[int, str, str], int]:
    """One level (LVL) at `at`: (start, number format, text), and where the next begins. Its text
    holds the character 0-8 where that level's number goes; it becomes `%1`-`%9`."""
    start, nfc = struct.unpack_from("<iB", table, at)
    chpx, papx = table[at + 24], table[at + 25]
    at += 28 + papx + chpx
    chars, = struct.unpack_from("<H", table, at)
    text = table[at + 2:at + 2 + 2 * chars].decode("utf-16-le", errors="replace")
    text = "".join(f"%{ord(ch) + 1}" if ord(ch) < 9 else ch for ch in text)
    return (start, _NFC.get(nfc, "decimal"), text), at + 2 + 2 * chars


def _paragraph_runs(word: bytes, table: bytes, fc: int, lcb: int) -> list[tuple[int, int, int, int]]:
    """Each run of paragraphs with list properties: (first byte, end byte, list override, level),
    from the FKP pages the bin table (PlcBtePapx) points to."""
    count = (lcb - 4) // 8
    runs = []
    for i in range(count):
        page = struct.unpack_from("<I", table, fc + 4 * (count + 1) + 4 * i)[0] & 0x3FFFFF
        fkp = word[page * _PAGE:(page + 1) * _PAGE]
        if len(fkp) < _PAGE:
            continue
        crun = fkp[_PAGE - 1]
        bounds = struct.unpack_from(f"<{crun + 1}I", fkp, 0)
        for r in range(crun):
            offset = fkp[4 * (crun + 1) + 13 * r] * 2
            if not offset:
                continue
            size = fkp[offset]
            grpprl = (fkp[offset + 1:offset + 2 * size] if size
                      else fkp[offset + 2:offset + 2 + 2 * fkp[offset + 1]])
            ilfo, level = _list_sprms(grpprl[2:])                # after the style index
            if 0 < ilfo < 0xF800:
                runs.append((bounds[r], bounds[r + 1], ilfo, level))
    return sorted(runs)


_OPERAND_SIZE = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}


def _list_sprms(grpprl: bytes) -> tuple[int, int]:
    """(list override, level) that a paragraph's property modifiers (sprms) set; 0 for none."""
    ilfo = level = at = 0
    while at + 2 <= len(grpprl):
        sprm, = struct.unpack_from("<H", grpprl, at)
        at += 2
        size = _OPERAND_SIZE.get(sprm >> 13)
        if size is None and sprm == 0xD608:                     # sprmTDefTable: a two-byte size
            size = struct.unpack_from("<H", grpprl, at)[0] + 1 if at + 2 <= len(grpprl) else len(grpprl)
        elif size is None:                                      # variable: a size byte first
            if at >= len(grpprl) or (sprm == 0xC615 and grpprl[at] == 255):  # sprmPChgTabs' long form
                return ilfo, level
            size = grpprl[at] + 1
        if sprm == _SPRM_P_ILFO and at + 2 <= len(grpprl):
            ilfo = struct.unpack_from("<H", grpprl, at)[0]
        elif sprm == _SPRM_P_ILVL and at < len(grpprl):
            level = grpprl[at]
        at += size
    return ilfo, level
