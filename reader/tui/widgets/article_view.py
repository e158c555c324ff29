"""The article, with every quote highlighted: speaker by colour and initials, stance by glyph.

A line-API widget: the article is laid out once per width (offsets only, see article_layout) and
each visible line is drawn on demand, so a 1 MB article opens as fast as a short one. A gutter
on the left carries what must read without colour: the stance glyph and the speaker's initials
where a quote starts, and a bar down the lines it continues on.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.model import Article, Quote
from reader.safe_text import clean
from reader.tui.look import Look, default_look
from reader.tui.widgets.article_layout import Line, layout

GUTTER = 5
LAYOUTS_KEPT = 8
_KIND_STYLES = {
    "title": Style(bold=True),
    "meta": Style(dim=True, italic=True),
    "boilerplate": Style(dim=True, italic=True),
}


class ArticleView(ScrollView, can_focus=True):
    """One article; `current` is the index of the quote under the reader's cursor."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-view--current",
        "article-view--match",
        "article-view--rule",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll_down", "Scroll down", show=False),
        Binding("k,up", "scroll_up", "Scroll up", show=False),
        Binding("g,home", "scroll_home", "Top", show=False),
        Binding("G,end", "scroll_end", "Bottom", show=False),
        Binding("pagedown,space", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding(
            "enter",
            "open_links",
            "Links",
            show=False,
            tooltip="Open the links of the current quote",
        ),
    ]

    current: reactive[int] = reactive(-1, always_update=True, init=False)

    class QuoteChanged(Message):
        """The current quote changed (None: the article has no quotes)."""

        def __init__(self, quote: Quote | None) -> None:
            super().__init__()
            self.quote = quote

    class LinksRequested(Message):
        """The reader asked to see where the current quote is linked (enter or a click)."""

        def __init__(self, quote: Quote) -> None:
            super().__init__()
            self.quote = quote

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.quotes: list[Quote] = []
        self._starts: list[int] = []
        self.markers: dict[str, str] = {}
        self.look: Look = default_look()
        self.marks: list[tuple[int, int]] = []
        self.anchor = 0  # where n/N continue from when no quote is current
        self.empty_message = ""
        self._lines: list[Line] = []
        self._layouts: dict[tuple[str, int, int], list[Line]] = {}
        self._line_starts: list[int] = []
        self._width = 0
        self._height = 0  # lines in view at the last resize

    # -- content ----------------------------------------------------------------------------

    def show(
        self,
        article: Article | None,
        quotes: list[Quote],
        markers: dict[str, str],
        current: int = 0,
    ) -> None:
        """Display an article (its quotes in reading order); `markers` maps speaker id → marker."""
        self.article = article
        self.quotes = quotes
        self._starts = [q.start for q in quotes]
        self.markers = markers
        self.marks = []
        self.anchor = 0
        self._relayout()
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.current = current if quotes else -1

    def set_look(self, look: Look) -> None:
        self.look = look
        self.refresh()

    def set_marks(self, marks: list[tuple[int, int]]) -> None:
        """Spans to show as search matches."""
        self.marks = sorted(marks)
        self.refresh()

    def show_offset(self, offset: int) -> None:
        """Scroll so that the line holding `offset` is in view; n/N continue from there."""
        self.anchor = offset
        line = self.line_of(offset)
        self.scroll_to_region(
            Region(0, line, 1, 1), animate=False, center=True, force=True, immediate=True
        )

    @property
    def quote(self) -> Quote | None:
        return self.quotes[self.current] if 0 <= self.current < len(self.quotes) else None

    def line_of(self, offset: int) -> int:
        return max(0, bisect_right(self._line_starts, offset) - 1)

    def _relayout(self) -> None:
        """Lay the article out for the current width (nothing until the widget has a size)."""
        region = self.scrollable_content_region
        width = max(region.width - GUTTER, 8)
        self._width = width if region.width else 0
        self._lines = self._layout(self.article, width) if self.article and region.width else []
        self._line_starts = [line.start for line in self._lines]
        self.virtual_size = Size(width + GUTTER, len(self._lines))
        self.refresh()

    def _layout(self, article: Article, width: int) -> list[Line]:
        """The article's lines at `width`, remembered for the last few articles read, so that
        going back and forth between a long article and its links costs nothing."""
        key = (article.id, len(article.text), width)
        lines = self._layouts.pop(key, None)
        if lines is None:
            lines = layout(article, width)
        self._layouts[key] = lines
        while len(self._layouts) > LAYOUTS_KEPT:
            self._layouts.pop(next(iter(self._layouts)))
        return lines

    def on_resize(self) -> None:
        """Re-wrap to a new width; the current quote stays in view if it was (a terminal made
        smaller must not hide what the reader was looking at), else the top line stays put."""
        region = self.scrollable_content_region
        first = not self._width
        was_in_view = self.quote is not None and bool(self._lines)
        was_in_view = was_in_view and self._in_view(self.quote, self._height)
        self._height = region.height
        if region.width - GUTTER != self._width:
            top = min(self.scroll_offset.y, len(self._lines) - 1)
            anchor = self._lines[top].start if self._lines else 0
            self._relayout()
            if not (first or was_in_view):
                self.scroll_to(y=self.line_of(anchor), animate=False, immediate=True)
        if first or was_in_view:
            self._reveal_current()

    def _in_view(self, quote: Quote, height: int | None = None) -> bool:
        """Whether the whole quote (or as much as fits) is on screen (`height` lines tall)."""
        top, bottom = self.line_of(quote.start), self.line_of(max(quote.start, quote.end - 1))
        height = height or self.scrollable_content_region.height
        first = self.scroll_offset.y
        return first <= top and (bottom < first + height or top == first)

    def _reveal_current(self) -> None:
        """Scroll only if the current quote is out of view, keeping some context above it."""
        quote = self.quote
        if quote is None or not self._lines or self._in_view(quote):
            return
        top = self.line_of(quote.start)
        height = self.scrollable_content_region.height
        self.scroll_to(y=max(0, top - height // 4), animate=False, force=True, immediate=True)

    def watch_current(self, current: int) -> None:
        self.refresh()
        self._reveal_current()
        self.post_message(self.QuoteChanged(self.quote))

    # -- drawing ----------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        index = y + self.scroll_offset.y
        if index >= len(self._lines):
            if index == 0 and self.empty_message:
                return Strip([Segment(self.empty_message, base)]).adjust_cell_length(width, base)
            return Strip.blank(width, base)
        line = self._lines[index]
        if line.kind == "blank":
            return Strip.blank(width, base)
        if line.kind == "rule":
            rule = base + self.get_component_rich_style("article-view--rule")
            label = f"── {line.label} "
            return Strip([Segment(label + "─" * max(width - len(label), 0), rule)], width)
        segments = self._gutter(line, base) + self._text(line, base)
        return Strip(segments).adjust_cell_length(width, base)

    def _overlapping(self, start: int, end: int) -> list[int]:
        """Indexes of the quotes that overlap `[start, end)` (quotes never overlap each other)."""
        index = max(bisect_right(self._starts, start) - 1, 0)
        found = []
        while index < len(self.quotes) and self.quotes[index].start < max(end, start + 1):
            if self.quotes[index].end > start:
                found.append(index)
            index += 1
        return found

    def _gutter(self, line: Line, base: Style) -> list[Segment]:
        if line.kind != "body":
            return [Segment(" " * GUTTER, base)]
        for index in self._overlapping(line.start, line.end):
            quote = self.quotes[index]
            speaker = base + self.look.speaker(quote.speaker)
            meta = Style.from_meta({"quote": index})
            if line.start <= quote.start < line.end:
                stance = self.look.stance(quote.stance)
                name = self.markers.get(quote.speaker or "", "?")
                return [
                    Segment(stance.glyph, base + stance.style + meta),
                    Segment(name.ljust(GUTTER - 1)[: GUTTER - 1], speaker + meta),
                ]
            return [Segment("│", speaker + meta), Segment(" " * (GUTTER - 1), base)]
        return [Segment(" " * GUTTER, base)]

    def _text(self, line: Line, base: Style) -> list[Segment]:
        text = clean(self.article.text[line.start : line.end]).replace("\t", " ").rstrip("\n")
        start, end = line.start, line.start + len(text)
        style = base + _KIND_STYLES.get(line.kind, Style())
        quotes = self._overlapping(start, end)
        cuts = {start, end}
        for index in quotes:
            cuts.update((max(self.quotes[index].start, start), min(self.quotes[index].end, end)))
        marks = [(a, b) for a, b in self.marks if a < end and b > start]
        for a, b in marks:
            cuts.update((max(a, start), min(b, end)))
        points = sorted(cuts)
        current_style = self.get_component_rich_style("article-view--current")
        match_style = self.get_component_rich_style("article-view--match")
        segments = []
        for a, b in zip(points, points[1:], strict=False):
            piece = style
            for index in quotes:
                quote = self.quotes[index]
                if quote.start <= a < quote.end:
                    piece = piece + self.look.speaker(quote.speaker)
                    piece = piece + self.look.stance(quote.stance).words
                    if index == self.current:
                        piece = piece + current_style
                    piece = piece + Style.from_meta({"quote": index})
            if any(m_start <= a < m_end for m_start, m_end in marks):
                piece = piece + match_style
            segments.append(Segment(text[a - start : b - start], piece))
        return segments

    # -- keys and mouse ---------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        index = event.style.meta.get("quote")
        if index is None:
            return
        event.stop()
        self.focus()
        if index == self.current:
            self.action_open_links()  # a click on the current quote opens its links
        else:
            self.current = index

    def action_open_links(self) -> None:
        if self.quote is not None:
            self.post_message(self.LinksRequested(self.quote))

    def next_quote(self, step: int) -> bool:
        """Move to the next (+1) or previous (-1) quote; False at either end.

        With no current quote (after a jump to a text match) the next quote is the first one
        after the match, the previous one the last before it.
        """
        target = self.current + step
        if self.current < 0:
            after = bisect_right(self._starts, self.anchor)
            target = after if step > 0 else after - 1
        if not 0 <= target < len(self.quotes):
            return False
        self.current = target
        return True
