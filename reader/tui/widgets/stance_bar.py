"""A few cells that show how an article's (or a speaker's) quotes lean.

Each cell is a stance glyph in its stance style, in proportion to the counts, so the bar reads in
monochrome too: `▲▲▼↺•` is mostly support, some opposition, one retraction.
"""

from __future__ import annotations

from collections import Counter

from rich.text import Text

from reader.model import STANCES
from reader.tui.look import Look


def stance_bar(counts: Counter[str], look: Look, width: int = 5) -> Text:
    total = sum(counts.values())
    bar = Text(no_wrap=True, end="")
    if not total:
        return bar.append("·".center(width), style="dim")
    present = [s for s in STANCES if counts.get(s)]
    cells = {s: max(1, round(width * counts[s] / total)) for s in present}
    while sum(cells.values()) > width:  # rounding up small shares can overflow: trim the largest
        largest = max(cells, key=lambda s: (cells[s], counts[s]))
        cells[largest] -= 1
    for stance in present:
        look_ = look.stance(stance)
        bar.append(look_.glyph * cells[stance], style=look_.style)
    return bar.append(" " * (width - sum(cells.values())))
