"""A list of quotes from anywhere in the collection: date, stance, speaker, words, article.

Used by the speakers screen (one person's statements) and the timeline (everyone's), with an
optional prefix per row for what those screens add (the timeline's link lanes and shift marks).
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text

from reader.model import Quote
from reader.safe_text import one_line
from reader.tui.library import Library
from reader.tui.look import Look
from reader.tui.widgets.row_list import RowList, fit


class QuoteRows(RowList):
    """Quotes, one per row; enter or a click selects one to jump to."""

    def __init__(
        self, library: Library, look: Look, *, speaker: bool = True, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.library, self.look, self.with_speaker = library, look, speaker
        self.quotes: list[Quote] = []
        self.prefix: Callable[[int], Text] | None = None

    def show(
        self, quotes: list[Quote], prefix: Callable[[int], Text] | None = None, cursor: int = 0
    ) -> None:
        """Show `quotes`; `prefix(row)` draws what goes before a row (drawn only when visible)."""
        self.quotes, self.prefix = quotes, prefix
        self.set_row_count(len(quotes), cursor)

    @property
    def quote(self) -> Quote | None:
        return self.quotes[self.cursor] if self.quotes else None

    def date_of(self, quote: Quote) -> str:
        return self.library.date_of(quote) or "undated"

    def render_row(self, index: int, width: int) -> Text:
        quote = self.quotes[index]
        row = Text(no_wrap=True, end="")
        if self.prefix is not None:
            row.append_text(self.prefix(index))
        row.append(self.date_of(quote).ljust(11), style="dim")
        stance = self.look.stance(quote.stance)
        row.append(stance.glyph + " ", style=stance.style)
        if self.with_speaker:
            name = fit(one_line(self.library.speaker_name(quote)), 18 if width > 90 else 12)
            row.append(name + " ", style=self.look.speaker(quote.speaker))
        title = one_line(self.library.title_of(quote.article))
        room = max(width - row.cell_len, 0)
        where = f" · {title}" if room >= 60 else ""
        words = fit("“" + one_line(quote.text) + "”", max(room * 2 // 3, room - len(where)))
        row.append(words.rstrip(), style=self.look.speaker(quote.speaker) + stance.words)
        row.append(fit(where, max(room - len(words.rstrip()), 0)).rstrip(), style="dim")
        return row
