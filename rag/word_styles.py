"""Which paragraphs of a .docx Word styles as headings: a heading style (`标题 1`, `Heading 2`: Word
keeps the English name in the file whatever its language), or an outline level set on the paragraph
or on its style or the style it is based on. A speech's section headings set so hold no `一、` to
tell them by, as a scraped article's subheads (`坚持人民至上`) do not."""
from __future__ import annotations

import re

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_NAME = re.compile(r"(?:heading|标题)\s*[1-9]", re.IGNORECASE)
_BODY_LEVEL = 9                 # w:outlineLvl 9 is body text; 0-8 are heading levels
# A table of contents' lines (`toc 1`, `目录 1`) and its title (`TOC Heading`): a compilation's list
# of its records (`集中学习记录（第1次）\t1`), not one of them
_CONTENTS_NAME = re.compile(r"(?:toc|目录)\s*(?:[1-9]|heading|标题)", re.IGNORECASE)


class HeadingStyles:
    """`is_heading(paragraph_element)`: whether Word shows that paragraph as a heading."""

    def __init__(self, document):
        self.heading_styles: set[str] = set()
        try:
            styles = {s.get(_W + "styleId"): s for s in document.styles.element.iter(_W + "style")}
        except (AttributeError, KeyError, ValueError):
            styles = {}
        self.contents_styles = {style_id for style_id, style in styles.items()
                                if style.find(_W + "name") is not None
                                and _CONTENTS_NAME.fullmatch(style.find(_W + "name").get(_W + "val", ""))}
        for style_id in styles:
            if self._style_is_heading(styles, style_id, depth=0):
                self.heading_styles.add(style_id)

    @classmethod
    def _style_is_heading(cls, styles: dict, style_id: str | None, depth: int) -> bool:
        style = styles.get(style_id)
        if style is None or depth > 10:         # based on itself in a damaged file: stop
            return False
        name = style.find(_W + "name")
        if name is not None and _HEADING_NAME.fullmatch(name.get(_W + "val", "")):
            return True
        level = _outline_level(style)
        if level is not None:
            return level < _BODY_LEVEL
        based_on = style.find(_W + "basedOn")
        return based_on is not None and cls._style_is_heading(styles, based_on.get(_W + "val"), depth + 1)

    def is_heading(self, paragraph) -> bool:
        level = _outline_level(paragraph)
        if level is not None:
            return level < _BODY_LEVEL
        ppr = paragraph.find(_W + "pPr")
        style = ppr.find(_W + "pStyle") if ppr is not None else None
        return style is not None and style.get(_W + "val") in self.heading_styles


    def is_contents(self, paragraph) -> bool:
        """Whether the paragraph is a line of a table of contents Word made (or its title)."""
        ppr = paragraph.find(_W + "pPr")
        style = ppr.find(_W + "pStyle") if ppr is not None else None
        return style is not None and style.get(_W + "val") in self.contents_styles


def _outline_level(element) -> int | None:
    ppr = element.find(_W + "pPr")
    level = ppr.find(_W + "outlineLvl") if ppr is not None else None
    try:
        return int(level.get(_W + "val")) if level is not None else None
    except (TypeError, ValueError):
        return None
