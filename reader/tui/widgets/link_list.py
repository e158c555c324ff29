"""Quotes linked to the current one: kind, direction in time, speaker, article and date."""

from __future__ import annotations

from rich.text import Text

from reader.safe_text import one_line
from reader.tui.library import Library, LinkedQuote
from reader.tui.look import Look, default_look
from reader.tui.widgets.row_list import RowList, fit

KIND_GLYPHS = {"repeat": "=", "excerpt": "⊂", "retraction": "↺", "rebuttal": "✗", "related": "~"}


def describe_link(
    library: Library, look: Look, linked: LinkedQuote, width: int, two_lines: bool = False
) -> Text:
    """`→ ↺ retraction ↺ Stian Jenssen · NATO Official Calls… · 2023-08-16` fitted to `width`;
    with `two_lines` the article and date go on a second line."""
    quote = linked.quote
    row = Text(no_wrap=True, end="")
    row.append("→ " if linked.later else "← ", style="bold")
    row.append(fit(f"{KIND_GLYPHS.get(linked.kind, '~')} {linked.kind}", 13), style="bold")
    stance = look.stance(quote.stance)
    row.append(stance.glyph + " ", style=stance.style)
    name = one_line(library.speaker_name(quote))
    row.append(fit(name, width - row.cell_len).rstrip(), style=look.speaker(quote.speaker))
    date = library.date_of(quote)
    title = one_line(library.title_of(quote.article))
    tail = f" · {date}" if date else ""
    if two_lines:
        row.append("\n  ")
        rest = title
        room = width - 2 - len(tail)
    else:
        rest = f" · {title}"
        room = width - row.cell_len - len(tail)
    row.append(fit(rest, room).rstrip() if room > 3 else "", style="dim")
    return row.append(tail, style="dim")


class LinkList(RowList):
    """The current quote's links; enter or a click jumps to the linked quote."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.library: Library | None = None
        self.look: Look = default_look()
        self.links: list[LinkedQuote] = []

    def show(self, library: Library, links: list[LinkedQuote], look: Look) -> None:
        self.library, self.links, self.look = library, links, look
        self.set_row_count(len(links), 0)

    def row_height(self) -> int:
        """Two lines in a narrow pane, so the article and date of a link stay readable."""
        return 1 if self.scrollable_content_region.width >= 60 else 2

    def render_row(self, index: int, width: int) -> Text:
        assert self.library is not None
        link = self.links[index]
        return describe_link(self.library, self.look, link, width, self.row_height() > 1)
