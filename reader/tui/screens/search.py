"""`/` search: fuzzy over quotes, speakers and article text, results as you type.

The search runs in a thread worker so typing never waits for it, one search at a time and
always for the latest query in the box. The chosen hit and the whole result list go back
to the reader screen, which highlights the matches and steps through them with n/N.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from reader.safe_text import one_line
from reader.search import Hit, SearchIndex, SearchResults
from reader.tui.handover import hand_over
from reader.tui.library import Library
from reader.tui.look import Look
from reader.tui.widgets.row_list import RowList, fit

KIND_LABELS = {"quote": "“ quote  ", "speaker": "☺ speaker", "article": "¶ text   "}


@dataclass(frozen=True, slots=True)
class SearchOutcome:
    """What the reader chose: the query, the hits to step through, which one, or a speaker."""

    query: str
    hits: list[Hit]
    index: int
    speaker_id: str | None = None


def highlight(hit: Hit, width: int, style: str) -> Text:
    """The hit's label as literal text, cut to `width` cells around the match (so the match
    shows even in a narrow row), with its matched parts highlighted."""
    size = width
    label, spans = hit.label_for(size)
    while cell_len(label) > width and size > 1:  # wide characters take two cells each
        size = max(1, size - (cell_len(label) - width + 1) // 2)
        label, spans = hit.label_for(size)
    label = fit(one_line(label), width).rstrip()
    text = Text(label, no_wrap=True, end="")
    for start, end in spans:
        text.stylize(style, start, min(end, len(label)))
    return text


class ResultList(RowList):
    """Search hits: kind, the matching words highlighted, and where they are."""

    def __init__(self, library: Library, look: Look, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.library, self.look = library, look
        self.hits: list[Hit] = []
        self.query_text = ""

    def show(self, hits: list[Hit], query: str) -> None:
        self.hits, self.query_text = hits, query
        self.set_row_count(len(hits), 0)

    def render_row(self, index: int, width: int) -> Text:
        hit = self.hits[index]
        row = Text(no_wrap=True, end="")
        row.append(KIND_LABELS.get(hit.kind, hit.kind) + " ", style="dim")
        where = ""
        if hit.kind != "speaker":
            where = " · " + one_line(self.library.title_of(hit.article_id))
        if hit.kind == "quote" and hit.quote_id:
            quote = self.library.quote(hit.quote_id)
            if quote is not None:
                row.append(self.look.stance(quote.stance).glyph + " ")
                where = " · " + one_line(self.library.speaker_name(quote)) + where
        room = max(width - row.cell_len, 0)
        label = highlight(hit, max(room - min(len(where), room // 3), 1), "bold reverse")
        row.append_text(label)
        row.append(fit(where, max(room - label.cell_len, 0)).rstrip(), style="dim")
        return row


class SearchScreen(ModalScreen[SearchOutcome | None]):
    """Type to search; up/down pick a result; enter jumps to it; escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", show=False),
        Binding("down", "move(1)", "Next result", show=False),
        Binding("up", "move(-1)", "Previous result", show=False),
        Binding("pagedown", "move(10)", "Results page down", show=False),
        Binding("pageup", "move(-10)", "Results page up", show=False),
    ]

    def __init__(
        self, library: Library, index: SearchIndex | None, look: Look, query: str = ""
    ) -> None:
        """`index` None: the collection is still loading or being indexed; the query typed
        meanwhile is run once `ready` hands the index over (or `unavailable` says why it
        never will)."""
        super().__init__()
        self.library, self.index, self.look, self.initial = library, index, look, query
        self.total = 0
        self._wanted = query
        self._searching = False
        self._unavailable: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="search-dialog", classes="dialog"):
            yield Input(
                value=self.initial,
                placeholder="Search quotes, speakers and article text",
                id="search-input",
            )
            yield Static(id="search-count", markup=False)
            yield ResultList(self.library, self.look, id="search-results")

    def on_mount(self) -> None:
        self.query_one("#search-dialog").border_title = "Search"
        self.query_one(Input).focus()
        self._request(self.initial)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self._request(event.value)

    def _request(self, query: str) -> None:
        """Search for `query` now, or as soon as the search under way ends.

        One search at a time, always for the latest query: keys typed while a search runs
        only change what the next search looks for, so a fast typist never queues searches
        for prefixes already typed over (a cancelled thread would still run to its end).
        """
        self._wanted = query
        if self.index is None:
            self._waiting()
        elif not self._searching:
            self._searching = True
            self.run_search(self.index, query)

    def ready(self, library: Library, index: SearchIndex) -> None:
        """The index is ready: search it for what was typed while it was built."""
        self.library, self.index = library, index
        self.query_one(ResultList).library = library
        self._request(self._wanted)

    def unavailable(self, reason: str) -> None:
        """The index could not be built: say so instead of waiting for it."""
        self._unavailable = reason
        self._waiting()

    def _waiting(self) -> None:
        if self._unavailable is not None:
            line = Text(f"search is unavailable: {self._unavailable}", style="bold")
        else:
            line = Text("indexing the collection… results as soon as it is ready", style="dim")
        self.query_one("#search-count", Static).update(line, layout=False)

    @work(thread=True, group="search")
    def run_search(self, index: SearchIndex, query: str) -> None:
        results = index.search(query) if query.strip() else None
        hand_over(self, self._searched, query, results)

    def _searched(self, query: str, results: SearchResults | None) -> None:
        self._searching = False
        if query != self._wanted:
            self._request(self._wanted)  # overtaken by typing: only the latest is shown
            return
        hits = results.hits if results is not None else []
        self.total = results.total if results is not None else 0
        self.query_one(ResultList).show(hits, query)
        count = self.query_one("#search-count", Static)
        if results is None:
            line = Text("type to search · enter jump · esc cancel", style="dim")
        else:
            shown = f" (showing {len(hits)})" if len(hits) < self.total else ""
            noun = "match" if self.total == 1 else "matches"
            line = Text(f"{self.total} {noun}{shown}", style="bold")
        count.update(line, layout=False)  # one line, always: no need to lay the screen out

    def action_move(self, step: int) -> None:
        self.query_one(ResultList).cursor += step

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self._choose(self.query_one(ResultList).cursor)

    @on(RowList.Selected)
    def _selected(self, event: RowList.Selected) -> None:
        event.stop()
        self._choose(event.index)

    def _choose(self, index: int) -> None:
        results = self.query_one(ResultList)
        if not results.hits:
            return
        chosen = results.hits[index]
        if chosen.kind == "speaker":
            self.dismiss(SearchOutcome(results.query_text, [], 0, chosen.speaker_id))
            return
        steps = self._steps(results.hits, chosen)
        self.dismiss(SearchOutcome(results.query_text, steps, steps.index(chosen)))

    def _steps(self, hits: list[Hit], chosen: Hit) -> list[Hit]:
        """The places n/N visit: quotes and text matches, a text match inside a quote that
        is itself a result only once."""
        quotes = {hit.quote_id for hit in hits if hit.kind == "quote"}
        steps = []
        for hit in hits:
            if hit.kind == "speaker":
                continue
            if hit.kind == "article" and hit is not chosen and hit.start is not None:
                around = self.library.quote_at(hit.article_id, hit.start)
                if around is not None and around.end > hit.start and around.id in quotes:
                    continue
            steps.append(hit)
        return steps
