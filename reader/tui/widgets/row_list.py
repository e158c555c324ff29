"""A virtualised list of one-line rows, the base of every list in the reader.

Article lists reach 10,000 rows and search results change on every keystroke, so rows are
never widgets: the list only knows how many rows there are and asks its subclass to draw the few
that are visible (Textual's line API). Each row is drawn to the current width, which lets a row
drop columns gracefully at 80 columns and use the room on a wide screen.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

CURSOR_MARK = "›"


class RowList(ScrollView, can_focus=True):
    """Rows drawn on demand by `render_row`; a cursor moved by keys and the mouse."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"row-list--cursor", "row-list--cursor-blurred"}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Down", show=False),
        Binding("k,up", "cursor_up", "Up", show=False),
        Binding("g,home", "first", "Top", show=False),
        Binding("G,end", "last", "Bottom", show=False),
        Binding("pagedown,space", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("enter", "select", "Open", show=False),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class Highlighted(Message):
        """The cursor moved to `index`."""

        def __init__(self, row_list: RowList, index: int) -> None:
            super().__init__()
            self.row_list = row_list
            self.index = index

        @property
        def control(self) -> RowList:
            return self.row_list

    class Selected(Highlighted):
        """The row at `index` was chosen with enter or a click."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._count = 0
        self._batch: tuple[int, Style, int] | None = None

    # -- what subclasses provide ------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return self._count

    def render_row(self, index: int, width: int) -> Text:
        """The row's content: `row_height()` lines split by newlines; subclasses draw rows."""
        raise NotImplementedError

    def set_row_count(self, count: int, cursor: int | None = None) -> None:
        """Announce a new number of rows (all redrawn); optionally move the cursor."""
        self._count = count
        self._update_size()
        self.refresh()
        if cursor is not None:
            self.cursor = cursor
        elif self.cursor >= count:
            self.cursor = max(0, count - 1)

    def move_to(self, index: int) -> None:
        """Put the cursor on `index` without announcing it (for a list following elsewhere)."""
        with self.prevent(RowList.Highlighted):
            self.cursor = index

    # -- drawing ----------------------------------------------------------------------------

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, self._count - 1)) if self._count else 0

    def watch_cursor(self, cursor: int) -> None:
        self.refresh()
        height = self.row_height()
        region = Region(0, cursor * height, 1, height)
        self.scroll_to_region(region, animate=False, force=True, immediate=True)
        if self._count:
            self.post_message(self.Highlighted(self, cursor))

    def row_height(self) -> int:
        """Lines per row: one, unless a subclass wants more at the current width."""
        return 1

    def _update_size(self) -> None:
        width = self.scrollable_content_region.width
        self.virtual_size = Size(width, self._count * self.row_height())

    def on_resize(self) -> None:
        self._update_size()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def _line_setup(self) -> tuple[int, Style, int]:
        """Width, base style and row height: what drawing any line needs."""
        return self.scrollable_content_region.width, self.rich_style, self.row_height()

    def render_lines(self, crop: Region) -> list[Strip]:
        # Lines are drawn in batches (a whole pane on every keystroke of a search): work out
        # what every line needs once per batch, not once per line.
        self._batch = self._line_setup()
        try:
            return super().render_lines(crop)
        finally:
            self._batch = None

    def render_line(self, y: int) -> Strip:
        width, base, height = self._batch or self._line_setup()
        index, part = divmod(y + self.scroll_offset.y, height)
        if index >= self._count:
            return Strip.blank(width, base)
        is_cursor = index == self.cursor
        mark = Segment(CURSOR_MARK if is_cursor and not part else " ", base)
        text = self.render_row(index, width - 1)
        if height > 1:
            lines = text.split("\n", include_separator=False)
            text = lines[part] if part < len(lines) else Text()
        segments = [mark, *text.render(self.app.console)]
        strip = Strip(segments).adjust_cell_length(width, base)
        if is_cursor:
            name = "row-list--cursor" if self.has_focus else "row-list--cursor-blurred"
            strip = strip.apply_style(base + self.get_component_rich_style(name))
        else:
            strip = strip.apply_style(base)
        return strip.apply_meta({"row": index})

    # -- keys and mouse ---------------------------------------------------------------------

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = self._count - 1

    def action_page_down(self) -> None:
        self.cursor += max(1, self.scrollable_content_region.height // self.row_height() - 1)

    def action_page_up(self) -> None:
        self.cursor -= max(1, self.scrollable_content_region.height // self.row_height() - 1)

    def action_select(self) -> None:
        if self._count:
            self.post_message(self.Selected(self, self.cursor))

    def on_click(self, event: events.Click) -> None:
        row = event.style.meta.get("row")
        if row is None:
            return
        event.stop()
        self.focus()
        self.cursor = row
        self.action_select()


def fit(text: str, width: int) -> str:
    """`text` cut to `width` terminal cells with an ellipsis, or padded to exactly that width."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)
