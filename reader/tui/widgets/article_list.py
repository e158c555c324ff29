"""The collection's articles, one row each: stance bar, title, date, source, quote count."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from reader.model import Article
from reader.safe_text import one_line
from reader.tui.library import Library
from reader.tui.look import Look, default_look
from reader.tui.widgets.row_list import RowList, fit
from reader.tui.widgets.stance_bar import stance_bar

WIDE = 60  # from this many columns a row has room for the date and source beside the title
FACTS_SAMPLE = 5000


def facts(article: Article) -> str:
    """`2023-08-15 · Antiwar.com`: the date and source, as far as the article gives them."""
    return " · ".join(one_line(fact) for fact in (article.date, article.source) if fact)


class ArticleList(RowList):
    """Articles in collection order; the highlighted one is shown in the article view."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.library: Library | None = None
        self.look: Look = default_look()
        self._facts_width = 0

    def show(self, library: Library, cursor: int | None = None) -> None:
        self.library = library
        # The date/source column is as wide as the widest (of the first few thousand) rows.
        sample = library.articles[:FACTS_SAMPLE]
        self._facts_width = min(max((cell_len(facts(a)) for a in sample), default=0), 28)
        self.set_row_count(len(library.articles), cursor)

    def set_look(self, look: Look) -> None:
        self.look = look
        self.refresh()

    @property
    def article(self) -> Article | None:
        if self.library is None or not self.row_count:
            return None
        return self.library.articles[self.cursor]

    def row_height(self) -> int:
        """Two lines in a narrow pane (title, then date and source), one when there is room."""
        return 1 if self.scrollable_content_region.width >= WIDE else 2

    def render_row(self, index: int, width: int) -> Text:
        assert self.library is not None
        article = self.library.articles[index]
        count = len(self.library.quotes_in(article.id))
        row = Text(no_wrap=True, end="")
        row.append_text(stance_bar(self.library.stance_counts(article.id), self.look))
        row.append(" ")
        title = one_line(self.library.title(article))
        room = width - 6 - 4  # after the bar, before the count
        # An untitled article's stand-in (its first words) must not pass for a title.
        style = "bold" if count and article.title else ""
        if not article.title:
            style = "dim italic"
        if width + 1 >= WIDE:
            about = fit(facts(article), self._facts_width) + " " if self._facts_width else ""
            row.append(fit(title, room - len(about)), style=style)
            return row.append(f" {about}{count:>3}", style="dim")
        # Narrow pane: the title runs over two lines, the date (and source) end the second.
        first = title
        if cell_len(title) > room and " " in title[1 : room + 1]:
            first = title[: title.rindex(" ", 1, room + 1)]
        row.append(fit(first, room), style=style)
        row.append(f" {count:>3}", style="dim")
        rest = title[len(first) :].strip()
        about = one_line(article.date or "")  # the source, too, when there is room
        if article.source and cell_len(about) + cell_len(article.source) + 3 < width - 26:
            about = facts(article)
        row.append("\n      ")
        gap = width - 6 - (cell_len(about) + 1 if about else 0)
        row.append(fit(rest, gap) if rest else " " * max(gap, 0), style=style)
        return row.append(f" {about}" if about else "", style="dim")
