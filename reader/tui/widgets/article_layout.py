"""Wrapping an article into screen lines that still point into the article's text.

The article view draws only the lines on screen (Textual's line API), so a 1 MB article costs
no more to display than a short one. What it needs up front is this layout: where each screen
line starts and ends in `Article.text`. Keeping offsets rather than copies of the text lets quote
highlights, search matches and clicks be mapped with plain arithmetic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich.cells import cell_len

from reader.model import Article, Block

_WORD = re.compile(r"\S+\s*|\s+")
# Characters that may not be exactly one cell wide: anything beyond Latin, Greek, Cyrillic and
# general punctuation (curly quotes, dashes, the ellipsis) takes the slower cell-counting path.
_WIDE = re.compile(
    r"[^\x00-\u058f\u2000-\u206f\u20a0-\u20cf\u2100-\u214f]|[\u0300-\u036f\u0483-\u0489]"
)
_RULE_LABELS = {"meta": "about this article", "boilerplate": "not part of the article"}


@dataclass(frozen=True, slots=True)
class Line:
    """A screen line: `text[start:end]` of one block, or a blank or rule line (start == end)."""

    start: int
    end: int
    kind: str  # a block kind (title, meta, body, boilerplate), "blank" or "rule"
    label: str = ""


def regions(article: Article) -> list[Block]:
    """The article's blocks in order, with any uncovered non-blank text treated as body."""
    blocks = sorted(article.blocks, key=lambda b: b.start)
    result: list[Block] = []
    position = 0
    for block in [*blocks, Block(len(article.text), len(article.text), "end")]:
        if block.start > position and article.text[position : block.start].strip():
            result.append(Block(position, block.start, "body"))
        if block.kind != "end" and block.end > block.start:
            result.append(block)
        position = max(position, block.end)
    return result


def layout(article: Article, width: int) -> list[Line]:
    """Lines for the whole article at `width` cells: blocks apart, meta and boilerplate ruled."""
    width = max(width, 8)
    lines: list[Line] = []
    previous = None
    for block in regions(article):
        if lines and not (block.kind == previous and block.kind in ("meta", "boilerplate")):
            lines.append(Line(block.start, block.start, "blank"))
        if block.kind in _RULE_LABELS and block.kind != previous:
            lines.append(Line(block.start, block.start, "rule", _RULE_LABELS[block.kind]))
        lines.extend(_wrap(article.text, block.start, block.end, width, block.kind))
        previous = block.kind
    return lines


def _wrap(text: str, start: int, end: int, width: int, kind: str) -> list[Line]:
    """Greedy word wrap of `text[start:end]`, keeping its own line breaks."""
    lines: list[Line] = []
    position = start
    while position <= end:
        newline = text.find("\n", position, end)
        stop = end if newline == -1 else newline
        if stop > position or newline != -1:
            lines.extend(_wrap_paragraph(text, position, stop, width, kind))
        if newline == -1:
            break
        position = newline + 1
    return lines


def _wrap_paragraph(text: str, start: int, end: int, width: int, kind: str) -> list[Line]:
    if _WIDE.search(text, start, end) is None:
        return _wrap_narrow(text, start, end, width, kind)
    return _wrap_cells(text, start, end, width, kind)


def _wrap_narrow(text: str, start: int, end: int, width: int, kind: str) -> list[Line]:
    """Wrap text whose every character is one cell wide: string searches, no per-word loop.

    This is the path almost all news text takes, and what keeps a 1 MB article instant.
    """
    lines: list[Line] = []
    position = start
    while end - position > width:
        space = text.rfind(" ", position, position + width + 1)
        cut = space + 1 if space > position else position + width
        lines.append(Line(position, cut, kind))
        position = cut
    lines.append(Line(position, end, kind))
    return lines


def _wrap_cells(text: str, start: int, end: int, width: int, kind: str) -> list[Line]:
    """Wrap text with wide or zero-width characters (CJK, emoji, combining marks) by cells."""
    lines: list[Line] = []
    line_start = start
    used = 0
    for match in _WORD.finditer(text, start, end):
        word = match.group()
        visible = word.rstrip()
        size = len(visible) if visible.isascii() else cell_len(visible)
        if used and used + size > width:
            lines.append(Line(line_start, match.start(), kind))
            line_start, used = match.start(), 0
        while size > width:  # a word longer than the line is cut where the line is full
            cut = _cut(text, line_start, match.end(), width)
            lines.append(Line(line_start, cut, kind))
            line_start = cut
            visible = text[cut : match.end()].rstrip()
            size = cell_len(visible)
        spaces = len(word) - len(word.rstrip())
        used += size + spaces
    lines.append(Line(line_start, end, kind))
    return lines


def _cut(text: str, start: int, end: int, width: int) -> int:
    """The offset after as many characters from `start` as fit in `width` cells (at least one)."""
    used = 0
    for position in range(start, end):
        used += cell_len(text[position])
        if used > width:
            return max(position, start + 1)
    return end
