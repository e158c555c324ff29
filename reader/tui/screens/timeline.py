"""Every statement in time order; linked statements are connected, stance shifts are marked.

Linked quotes form groups (a remark, its repeats, its retraction). Each group gets a lane to the
left of the rows, like the branches of `git log --graph`: `●` on the group's statements and `│`
between them, so a remark and its retraction three rows later visibly belong together. Lanes are
reused once a group has ended, which keeps the graph narrow on long timelines.
"""

from __future__ import annotations

from threading import Lock
from typing import ClassVar
from weakref import WeakKeyDictionary

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from reader.model import Quote
from reader.safe_text import one_line
from reader.tui.library import Library
from reader.tui.look import Look
from reader.tui.widgets.footer import Footer
from reader.tui.widgets.quote_rows import QuoteRows
from reader.tui.widgets.row_list import RowList

MAX_LANES = 6


def link_groups(library: Library, quotes: list[Quote]) -> list[list[int]]:
    """The rows of each group of linked quotes among `quotes` (union-find over rows), each in
    order: the quotes with no link to another of `quotes` are in none."""
    row_of = {quote.id: row for row, quote in enumerate(quotes)}
    parent: dict[int, int] = {}

    def root(row: int) -> int:
        while (up := parent.setdefault(row, row)) != row:
            parent[row] = parent[up]
            row = up
        return row

    for link in library.analysis.links:
        source, target = row_of.get(link.source), row_of.get(link.target)
        if source is not None and target is not None and source != target:
            parent[root(source)] = root(target)
    groups: dict[int, list[int]] = {}
    for row in sorted(parent):
        groups.setdefault(root(row), []).append(row)
    return list(groups.values())


class Lanes:
    """The graph column of the timeline: a lane per group of linked statements.

    Each lane is worked out as a column of one-character cells, a stretch at a time (row by
    row, 100,000 statements with long-lived groups took seconds); a row's cells are joined,
    and its Text built, only when it is drawn.
    """

    def __init__(self, library: Library, quotes: list[Quote]) -> None:
        groups = link_groups(library, quotes)
        spans = sorted((rows[0], rows[-1], n) for n, rows in enumerate(groups))
        lane_of: dict[int, int] = {}
        # Per lane, the stretches its groups cover (from a group's first row to its last),
        # those that overlap merged: drawn one by one, they would cover each row many times.
        stretches: list[list[list[int]]] = [[] for _ in range(MAX_LANES)]
        for first, last, n in spans:
            ends = [lane[-1][1] if lane else -1 for lane in stretches]
            free = [lane for lane, end in enumerate(ends) if end < first]
            lane = free[0] if free else min(range(MAX_LANES), key=ends.__getitem__)
            lane_of[n] = lane
            if free:
                stretches[lane].append([first, last])
            else:  # every lane is taken: this group shares the one that frees up first
                stretches[lane][-1][1] = max(ends[lane], last)
        width = min(MAX_LANES, max(lane_of.values(), default=-1) + 1)
        self.columns = [[" "] * len(quotes) for _ in range(width)]
        for column, lane_stretches in zip(self.columns, stretches, strict=False):
            for first, last in lane_stretches:
                column[first : last + 1] = ["│"] * (last + 1 - first)
        for n, lane in lane_of.items():
            column = self.columns[lane]
            for row in groups[n]:
                column[row] = "●"
        self.quotes = quotes
        self.shift_targets = library.shift_targets

    def cell(self, row: int) -> str:
        return "".join([column[row] for column in self.columns])

    def __call__(self, row: int) -> Text:
        prefix = Text(self.cell(row), style="bold", end="")
        if self.quotes[row].id in self.shift_targets:
            return prefix.append("⇄ ", style="bold reverse")
        return prefix.append("  ")


# The lanes of each library's timeline, kept while the library lives: a second open of the
# timeline of 100,000 statements need not draw them again (half a second).
_LANES: WeakKeyDictionary[Library, Lanes] = WeakKeyDictionary()
# The reader draws them in a worker thread once a collection is in (`prepare`); a timeline
# opened meanwhile waits for those rather than drawing them a second time.
_DRAWING = Lock()


def timeline_lanes(library: Library) -> Lanes:
    with _DRAWING:
        lanes = _LANES.get(library)
        if lanes is None:
            lanes = _LANES[library] = Lanes(library, library.timeline)
        return lanes


def prepare(library: Library) -> None:
    """What the timeline and speakers screens open on, worked out ahead of them."""
    library.prepare()
    timeline_lanes(library)


class TimelineScreen(Screen[str | None]):
    """Statements in time order; enter or a click jumps to one in its article."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Back"),
    ]

    def __init__(self, library: Library, look: Look, current: str | None = None) -> None:
        super().__init__()
        self.library, self.look, self.current = library, look, current

    def compose(self) -> ComposeResult:
        with Vertical(id="timeline"):
            yield Static(
                Text("● linked statements, │ joins them · ⇄ stance shift", style="dim"),
                id="timeline-legend",
                markup=False,
            )
            yield QuoteRows(self.library, self.look, id="timeline-rows")
            yield Static(id="timeline-detail", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#timeline").border_title = "Timeline"
        quotes = self.library.timeline
        ids = [q.id for q in quotes]
        cursor = ids.index(self.current) if self.current in ids else 0
        rows = self.query_one(QuoteRows)
        rows.show(quotes, timeline_lanes(self.library), cursor)
        rows.focus()
        if not quotes:
            self.query_one("#timeline-detail", Static).update(Text("No statements.", style="dim"))

    @on(RowList.Highlighted)
    def _highlighted(self) -> None:
        quote = self.query_one(QuoteRows).quote
        if quote is None:
            return
        detail = Text(end="")
        stance = self.look.stance(quote.stance)
        detail.append(f"{stance.glyph} {quote.stance} ", style=stance.style)
        detail.append(one_line(self.library.speaker_name(quote)), style="bold")
        shift = self.library.shift_targets.get(quote.id)
        if shift:
            before, after = (self.look.stance(s) for s in shift)
            detail.append(" · stance shift ", style="bold")
            detail.append(f"{before.glyph} {shift[0]}", style=before.style)
            detail.append(" → ")
            detail.append(f"{after.glyph} {shift[1]}", style=after.style)
        links = self.library.linked(quote.id)
        if links:
            detail.append(f" · {len(links)} link" + ("s" if len(links) > 1 else ""), style="dim")
        detail.append("\n“" + one_line(quote.text) + "”", style="italic")
        self.query_one("#timeline-detail", Static).update(detail)

    @on(RowList.Selected)
    def _selected(self, event: RowList.Selected) -> None:
        event.stop()
        quote = self.query_one(QuoteRows).quote
        if quote is not None:
            self.dismiss(quote.id)
