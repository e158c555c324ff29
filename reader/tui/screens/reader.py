"""The main screen: article list, the article with its quotes, the quote inspector.

It owns the reader's position (which article, which quote), the browser-like history of jumps
and the last search, and turns messages from its widgets into moves. Loading runs in a thread
worker so the screen is usable, and shows articles, while the collection is still analysed.
"""

from __future__ import annotations

import gc
from collections import deque
from dataclasses import dataclass, field
from time import monotonic
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import ProgressBar, Static
from textual.worker import get_current_worker

from reader.checkpoints import Checkpoint
from reader.model import Analysis, Article, Quote
from reader.safe_text import one_line
from reader.tui.handover import hand_over
from reader.tui.library import Library
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.footer import Footer
from reader.tui.widgets.inspector import Inspector
from reader.tui.widgets.link_list import LinkList
from reader.tui.widgets.row_list import RowList

# Search, its index and the screens opened from here are imported when first needed: the
# first screen of a large collection comes up without them (a twentieth of a second).
if TYPE_CHECKING:
    from reader.search import Hit, SearchIndex
    from reader.tui.app import ReaderApp
    from reader.tui.screens.search import SearchOutcome, SearchScreen

NARROW = 100  # below this many columns the panes stack instead of standing side by side
MAX_WARNINGS = 5  # skipped-file notifications shown at once; the rest are counted
# Seconds at least between two rebuilds of the tables while articles arrive: each one also
# makes the screen lay out and redraw, on the interpreter the analysis shares.
STREAM_GAP = 2.0
# And at most this share of the time goes to those rebuilds (with the drawing they cause, the
# UI thread's share of a first open of 10,000 articles was about twice this).
STREAM_SHARE = 0.05
# Seconds between two looks at what the loader reported (progress, warnings, articles).
TICK = 0.2


class _Quit(Exception):
    """Raised in the loader's callbacks once the user has quit, to stop the analysis."""


def _quit_when_cancelled() -> Checkpoint:
    """A checkpoint for work in the current worker thread: it raises `_Quit` once the worker
    is cancelled, as the app does to its workers when the user quits."""
    worker = get_current_worker()

    def checkpoint() -> None:
        if worker.is_cancelled:
            raise _Quit

    return checkpoint


class FirstArrivals(Message):
    """The loader has the collection's first articles: show them without waiting."""


def article_facts(article: Article) -> Text:
    """`2023-08-15 · Antiwar.com · Dave DeCamp`: what the article says about itself."""
    facts = [article.date, article.source, article.author]
    return Text(" · ".join(one_line(fact) for fact in facts if fact))


@dataclass(frozen=True, slots=True)
class Place:
    """A position to return to: an article, and a quote or a text offset in it."""

    article: str
    quote: str | None = None
    offset: int | None = None


@dataclass
class History:
    """Back and forward stacks, like a browser's: a new jump forgets the forward stack."""

    back: list[Place] = field(default_factory=list)
    forward: list[Place] = field(default_factory=list)

    def record(self, here: Place | None) -> None:
        if here is not None and (not self.back or self.back[-1] != here):
            self.back.append(here)
        self.forward.clear()

    def travel(self, here: Place | None, back: bool) -> Place | None:
        """The place one step back (or forward), leaving `here` on the other stack."""
        source, other = (self.back, self.forward) if back else (self.forward, self.back)
        if not source:
            return None
        if here is not None:
            other.append(here)
        return source.pop()


@dataclass
class Trail:
    """A walk along one statement's links with ] and [: the family in time order, and where."""

    quotes: list[Quote]
    index: int

    @property
    def quote(self) -> Quote:
        return self.quotes[self.index]


@dataclass
class SearchState:
    query: str
    hits: list[Hit]
    index: int = 0


class ReaderScreen(Screen):
    """Read, follow links, search: the screen the reader lives in."""

    app: ReaderApp

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "n",
            "next_quote",
            "Next",
            tooltip="Next quote (or next search match after a search)",
        ),
        Binding(
            "N",
            "previous_quote",
            "Prev quote",
            tooltip="Previous quote (or previous search match)",
            show=False,
        ),
        Binding(
            "right_square_bracket",
            "next_link",
            "Link",
            tooltip="Jump to the next linked quote in time, across articles (wraps around)",
        ),
        Binding(
            "left_square_bracket",
            "previous_link",
            "Prev link",
            tooltip="Jump to the previous linked quote in time (wraps around)",
            show=False,
        ),
        Binding(
            "backspace,alt+left", "back", "Back", tooltip="Back to where the last jump came from"
        ),
        Binding(
            "alt+right", "forward", "Forward", tooltip="Forward again after going back", show=False
        ),
        Binding(
            "slash", "search", "Search", tooltip="Fuzzy search quotes, speakers and article text"
        ),
        Binding(
            "s", "speakers", "Speakers", tooltip="Speakers: aliases, role, quotes, stance over time"
        ),
        Binding(
            "t", "timeline", "Timeline", tooltip="Timeline: statements in time order, links, shifts"
        ),
        Binding(
            "1",
            "focus_pane('articles')",
            "Articles pane",
            tooltip="Focus the article list",
            show=False,
        ),
        Binding(
            "2", "focus_pane('article')", "Article pane", tooltip="Focus the article", show=False
        ),
        Binding(
            "3",
            "focus_pane('link-list')",
            "Inspector pane",
            tooltip="Focus the quote inspector and its links",
            show=False,
        ),
        Binding(
            "escape",
            "clear_search",
            "Clear search",
            tooltip="Clear the search highlights (n/N move by quote again)",
            show=False,
        ),
    ]

    library: reactive[Library | None] = reactive(None, init=False, always_update=True)

    def __init__(self, paths: list[str], analysis: Analysis | None, use_cache: bool) -> None:
        super().__init__()
        self.paths = paths
        self.use_cache = use_cache
        self._given = analysis
        self.history = History()
        self.search: SearchState | None = None
        self.trail: Trail | None = None
        self.search_index: SearchIndex | None = None
        self.search_error: str | None = None  # why there is no search, if it failed
        self.is_loading = analysis is None
        # Filled by the loading worker, emptied by the timer on the main thread.
        self._arrived: deque[tuple[Article, list[Quote]]] = deque()
        self._warnings: deque[str] = deque()
        self.warning_log: list[str] = []  # all of them, for the palette's "Warnings" page
        self._progress = (0, 0)
        self._streamed: tuple[list[Article], list[Quote]] = ([], [])
        self._next_flush = 0.0

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield ArticleList(id="articles")
            yield ArticleView(id="article")
            yield Inspector(id="inspector")
        with Horizontal(id="status-bar"):
            yield Static(id="status", markup=False)
            yield ProgressBar(id="progress", show_eta=False, show_percentage=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#articles", ArticleList).border_title = "1 Articles"
        self.query_one("#article", ArticleView).border_title = "2 Article"
        self.query_one("#inspector", Inspector).border_title = "3 Quote"
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.apply_look())
        self.apply_look()
        self.query_one("#article", ArticleView).focus()
        if self._given is not None:
            self.library = Library(self._given)
            self.query_one("#progress").display = False
            self.build_search_index(self._given)
        else:
            self.query_one("#article", ArticleView).empty_message = "Loading articles…"
            self.set_interval(TICK, self._tick)
            self.load()

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW, "-narrow")

    # -- loading ----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load")
    def load(self) -> None:
        """Analyse the collection off the main thread.

        The pipeline's callbacks only queue what they report (deques are safe across
        threads); the screen's timer picks it up, so a 10,000-file collection does not make
        10,000 round trips to the event loop. They also stop the analysis when the user quits
        (the app cancels its workers, and waits for their threads): what is analysed so far
        stays cached.
        """
        from reader.pipeline import analyse

        checkpoint = _quit_when_cancelled()

        def progress(done: int, total: int) -> None:
            checkpoint()
            self._progress = (done, total)

        def on_article(article: Article, quotes: list[Quote]) -> None:
            checkpoint()
            self._arrived.append((article, list(quotes)))
            if len(self._arrived) == 1 and not self._streamed[0]:
                # The very first: shown now, not at the next tick (up to TICK later).
                self.post_message(FirstArrivals())

        try:
            analysis = analyse(
                self.paths,
                warn=self._warnings.append,
                progress=progress,
                on_article=on_article,
                checkpoint=checkpoint,
                use_cache=self.use_cache,
            )
            # The tables and the search index of a large collection take a moment: build them
            # here too, so the main thread only swaps them in.
            library = Library(analysis)
            from reader import indexing  # once the articles are in: not before the first ones

            index = (
                indexing.stored_index(analysis, self._warnings.append) if self.use_cache else None
            )
        except _Quit:
            return
        except Exception as error:  # noqa: BLE001 - shown to the user instead of a traceback
            hand_over(self, self._failed, f"{type(error).__name__}: {error}")
            return
        # Links and stances are shown now; search follows when its index is built (seconds,
        # for a new or edited large collection), and a query typed meanwhile waits for it.
        hand_over(self, self._loaded, library, index)
        if index is None:
            self._index_built(analysis)

    def _index_built(self, analysis: Analysis) -> None:
        """Build the search index (in a worker thread), hand it over, then keep it. Quitting
        stops the build (seconds of a large collection's): the next open builds it again."""
        from reader import indexing

        try:
            index = indexing.build_index(analysis, _quit_when_cancelled())
        except _Quit:
            return
        except Exception as error:  # noqa: BLE001 - reading goes on; only search is lost
            hand_over(self, self._index_failed, f"{type(error).__name__}: {error}")
            return
        hand_over(self, self._index_ready, index)
        if self.use_cache:  # after the screen has it: the user need not wait
            indexing.keep_index(analysis, index, self._warnings.append)

    def _tick(self) -> None:
        """Show what the loader reported since the last tick: progress, warnings, articles."""
        self._show_warnings()
        if not self.is_loading:
            return
        done, total = self._progress
        if total:
            bar = self.query_one("#progress", ProgressBar)
            bar.update(total=total, progress=done)
            # Every file read: a full bar says nothing, and the status needs the room.
            bar.display = done < total
            self.update_status()
        self._show_arrived()

    def _show_warnings(self) -> None:
        """Skipped files and other loader warnings: one notification per tick, not a flood."""
        warnings = [one_line(self._warnings.popleft()) for _ in range(len(self._warnings))]
        if not warnings:
            return
        self.warning_log.extend(warnings)
        lines = warnings[:MAX_WARNINGS]
        if len(warnings) > MAX_WARNINGS:
            lines.append(f"…and {len(warnings) - MAX_WARNINGS} more")
        title = "Warning" if len(warnings) == 1 else f"{len(warnings)} warnings"
        self.app.notify("\n".join(lines), title=title, severity="warning", markup=False)

    def _show_arrived(self) -> None:
        """Show the articles analysed so far, batched so that redrawing never hogs the loop.

        The first arrivals are shown at once. After that the tables are rebuilt STREAM_GAP
        seconds apart at least, and further apart as they grow: at most STREAM_SHARE of the
        time goes to building them (this thread shares the interpreter with the analysis, so
        its time is the analysis's too).
        """
        now = monotonic()
        if not self._arrived or now < self._next_flush:
            return
        articles, quotes = self._streamed
        for _ in range(len(self._arrived)):
            article, article_quotes = self._arrived.popleft()
            articles.append(article)
            quotes.extend(article_quotes)
        self.library = Library(Analysis(articles=list(articles), quotes=list(quotes)))
        spent = monotonic() - now
        self._next_flush = now + spent + max(STREAM_GAP, spent * (1 / STREAM_SHARE - 1))

    def _loaded(self, library: Library, index: SearchIndex | None) -> None:
        self.is_loading = False
        self._arrived.clear()
        self._show_warnings()
        self.query_one("#progress").display = False
        self.library = library
        if index is not None:
            self._index_ready(index)
        self._refresh_inspector()
        if not library.articles:
            paths = ", ".join(one_line(p) for p in self.paths) or "the collection"
            view = self.query_one("#article", ArticleView)
            view.empty_message = f"No readable articles in {paths}."
            view.refresh()

    def _failed(self, message: str) -> None:
        self.is_loading = False
        self.query_one("#progress").display = False
        view = self.query_one("#article", ArticleView)
        view.empty_message = f"Could not open the collection: {one_line(message)}"
        view.refresh()
        self.app.notify(one_line(message), title="Error", severity="error", markup=False)

    @work(thread=True, exclusive=True, group="index")
    def build_search_index(self, analysis: Analysis) -> None:
        self._index_built(analysis)

    def _index_failed(self, message: str) -> None:
        self.search_error = one_line(message)
        self.update_status()
        self.app.notify(
            f"Search is unavailable: {self.search_error}", severity="error", markup=False
        )
        for screen in self._waiting_searches():
            screen.unavailable(self.search_error)

    def _index_ready(self, index: SearchIndex) -> None:
        self.search_index = index
        gc.freeze()  # the index is millions of long-lived objects too: see watch_library
        self.update_status()
        if self.library is None:
            return
        for screen in self._waiting_searches():
            screen.ready(self.library, index)
        if not self.is_loading:  # the collection is in, and searchable: the rest can wait
            self.call_after_refresh(self.prepare_screens, self.library)

    @work(thread=True, exclusive=True, group="prepare")
    def prepare_screens(self, library: Library) -> None:
        """Work out the timeline and its lanes ahead of the screens (`timeline.prepare`), so
        that the first open of a large collection's timeline is as quick as the next."""
        from reader.tui.screens import timeline

        timeline.prepare(library)

    def _waiting_searches(self) -> list[SearchScreen]:
        """Search boxes opened while the collection loaded or was indexed: they wait for the
        index."""
        from reader.tui.screens.search import SearchScreen

        return [s for s in self.app.screen_stack if isinstance(s, SearchScreen) and s.index is None]

    def watch_library(self, library: Library | None) -> None:
        if library is None:
            return
        # A large collection is millions of long-lived objects; left to the cyclic garbage
        # collector they are rescanned on every collection, which shows as keystroke lag.
        gc.freeze()
        articles = self.query_one("#articles", ArticleList)
        view = self.query_one("#article", ArticleView)
        place = self.here()
        position = library.article_position(place.article) if place else 0
        articles.show(library, max(position, 0))
        if place is not None and position >= 0:
            self.open(place, reload=True)
        elif library.articles:
            self.open(Place(library.articles[0].id), reload=True)
        else:
            view.show(None, [], {})

    # -- moving about -----------------------------------------------------------------------

    def here(self) -> Place | None:
        view = self.query_one("#article", ArticleView)
        if view.article is None:
            return None
        quote = view.quote
        return Place(view.article.id, quote.id if quote else None)

    @property
    def current_article(self) -> Article | None:
        return self.query_one("#article", ArticleView).article

    @property
    def current_quote(self) -> Quote | None:
        return self.query_one("#article", ArticleView).quote

    def open(self, place: Place, reload: bool = False) -> None:
        """Show a place without recording it in the history (`reload`: new analysis data)."""
        library = self.library
        if library is None or library.article(place.article) is None:
            return
        view = self.query_one("#article", ArticleView)
        articles = self.query_one("#articles", ArticleList)
        articles.move_to(library.article_position(place.article))
        quotes = library.quotes_in(place.article)
        current = 0
        if place.quote is not None:
            current = next((i for i, q in enumerate(quotes) if q.id == place.quote), 0)
        elif place.offset is not None:
            containing = library.quote_at(place.article, place.offset)
            inside = containing is not None and containing.end > place.offset
            current = quotes.index(containing) if inside else -1
        same = view.article is not None and view.article.id == place.article
        if same and not reload:
            view.current = current
        else:
            # New data for the article on screen (more of the collection loaded) keeps the
            # reader's place in it.
            keep = view.scroll_offset.y
            article = library.article(place.article)
            view.show(article, quotes, library.markers, current)
            if same:
                view.scroll_to(y=keep, animate=False, immediate=True)
            view.border_subtitle = article_facts(article)
        self._mark_search(place.article)
        if place.offset is not None:
            view.show_offset(place.offset)

    def jump(self, place: Place) -> None:
        """Go somewhere and remember where we were, so backspace returns."""
        self.history.record(self.here())
        self.open(place)

    def jump_to_quote(self, quote_id: str) -> None:
        quote = self.library.quote(quote_id) if self.library else None
        if quote is not None:
            self.jump(Place(quote.article, quote.id))
            self.query_one("#article", ArticleView).focus()

    def apply_look(self) -> None:
        look = self.app.look
        self.query_one("#articles", ArticleList).set_look(look)
        self.query_one("#article", ArticleView).set_look(look)
        self._refresh_inspector()

    # -- messages from the widgets ----------------------------------------------------------

    @on(FirstArrivals)
    def _first_arrivals(self) -> None:
        self._tick()
        self._next_flush = 0.0  # and the next tick shows those that came meanwhile

    @on(RowList.Highlighted, "#articles")
    def _article_highlighted(self, event: RowList.Highlighted) -> None:
        article = self.query_one("#articles", ArticleList).article
        view = self.query_one("#article", ArticleView)
        if article is not None and (view.article is None or view.article.id != article.id):
            self.open(Place(article.id))

    @on(RowList.Selected, "#articles")
    def _article_selected(self, event: RowList.Selected) -> None:
        self.query_one("#article", ArticleView).focus()

    @on(ArticleView.QuoteChanged)
    def _quote_changed(self, event: ArticleView.QuoteChanged) -> None:
        self._refresh_inspector()

    @on(ArticleView.LinksRequested)
    def _links_requested(self, event: ArticleView.LinksRequested) -> None:
        if self.library is None:
            return
        linked = self.library.linked(event.quote.id)
        if not linked:
            self.app.notify("This quote has no links.", timeout=2)
            return
        from reader.tui.screens.links import LinksScreen

        self.app.push_screen(
            LinksScreen(self.library, event.quote, linked, self.app.look), self._jump_result
        )

    @on(RowList.Selected, "#link-list")
    def _link_selected(self, event: RowList.Selected) -> None:
        links = self.query_one("#link-list", LinkList).links
        if 0 <= event.index < len(links):
            self.jump_to_quote(links[event.index].quote.id)

    def _jump_result(self, quote_id: str | None) -> None:
        if quote_id:
            self.jump_to_quote(quote_id)

    def _refresh_inspector(self) -> None:
        if self.library is None:
            return
        view = self.query_one("#article", ArticleView)
        empty = ""
        if view.article is not None:
            empty = "No quote selected: n goes to the next one." if view.quotes else "No quotes."
        self.query_one(Inspector).show(self.library, self.app.look, view.quote, empty)
        self.update_status()

    def update_status(self) -> None:
        view = self.query_one("#article", ArticleView)
        library = self.library
        parts: list[str] = []
        if library is not None and view.article is not None:
            position = library.article_position(view.article.id) + 1
            parts.append(f"article {position}/{len(library.articles)}")
            if view.quotes:
                current = str(view.current + 1) if view.quote else "–"
                parts.append(f"quote {current}/{len(view.quotes)}")
                if view.quote is not None:
                    count = len(library.linked(view.quote.id))
                    parts.append(f"{count} link" + ("" if count == 1 else "s"))
            else:
                parts.append("no quotes")
        elif library is not None and not self.is_loading and not library.articles:
            parts.append("no articles")
        trail = self.trail
        if trail is not None and view.quote is not None and trail.quote.id == view.quote.id:
            parts.append(f"linked {trail.index + 1}/{len(trail.quotes)}")
        if self.search is not None:
            search = self.search
            where = f"{search.index + 1}/{len(search.hits)}" if search.hits else "0"
            parts.append(f"match {where} for “{one_line(search.query)}”")
        if self.is_loading:
            bar = self.query_one("#progress", ProgressBar)
            total = int(bar.total) if bar.total else 0
            done = int(bar.progress)
            if not total:
                parts.append("loading…")
            elif done < total:
                parts.append(f"analysing {done}/{total}")
            else:  # every file read: what is left is collection-wide (speakers, links)
                parts.append("linking…")
        elif self.search_error is not None:
            parts.append("search unavailable")
        elif self.search_index is None and library is not None and library.articles:
            parts.append("indexing for search…")
        self.query_one("#status", Static).update(Text(" · ".join(parts)), layout=False)

    # -- search -----------------------------------------------------------------------------

    def _mark_search(self, article_id: str) -> None:
        view = self.query_one("#article", ArticleView)
        if self.search is None:
            view.set_marks([])
            return
        view.set_marks(
            [(h.start, h.end) for h in self.search.hits if h.article_id == article_id and h.end]
        )

    def _search_result(self, outcome: SearchOutcome | None) -> None:
        if outcome is None:
            return
        if outcome.speaker_id is not None:
            from reader.tui.screens.speakers import SpeakersScreen

            self.app.push_screen(
                SpeakersScreen(self.library, self.app.look, outcome.speaker_id), self._jump_result
            )
            return
        self.search = SearchState(outcome.query, outcome.hits, outcome.index)
        self._go_to_hit()

    def _go_to_hit(self) -> None:
        assert self.search is not None
        if not self.search.hits:
            self.update_status()
            return
        hit = self.search.hits[self.search.index]
        if hit.quote_id is not None:
            quote = self.library.quote(hit.quote_id) if self.library else None
            place = Place(hit.article_id, hit.quote_id) if quote else Place(hit.article_id)
        else:
            place = Place(hit.article_id, offset=hit.start)
        self.jump(place)
        self.query_one("#article", ArticleView).focus()
        self.update_status()

    # -- actions ----------------------------------------------------------------------------

    def _step_search(self, step: int) -> None:
        assert self.search is not None
        count = len(self.search.hits)
        if count:
            self.search.index = (self.search.index + step) % count
            self._go_to_hit()

    def action_next_quote(self) -> None:
        if self.search is not None:
            self._step_search(1)
        elif not self.query_one("#article", ArticleView).next_quote(1):
            self.app.notify("Last quote of this article.", timeout=1.5)

    def action_previous_quote(self) -> None:
        if self.search is not None:
            self._step_search(-1)
        elif not self.query_one("#article", ArticleView).next_quote(-1):
            self.app.notify("First quote of this article.", timeout=1.5)

    def _follow(self, step: int) -> None:
        """Walk the current statement's links in time order; the walk survives the jumps.

        Past either end the walk wraps around, and says so: a key that seems to do nothing
        reads as broken.
        """
        view = self.query_one("#article", ArticleView)
        if self.library is None:
            return
        if view.quote is None:
            self.app.notify("No quote selected: n goes to the next quote.", timeout=2)
            return
        trail = self.trail
        if trail is None or trail.quote.id != view.quote.id:
            family = self.library.family(view.quote.id)
            trail = Trail(family, [q.id for q in family].index(view.quote.id))
        if len(trail.quotes) == 1:
            self.app.notify("This quote has no links.", timeout=2)
            return
        target = trail.index + step
        if not 0 <= target < len(trail.quotes):
            target %= len(trail.quotes)
            which = "first" if step > 0 else "last"
            self.app.notify(f"Wrapped to the {which} linked quote.", timeout=2)
        trail.index = target
        self.trail = trail
        self.jump_to_quote(trail.quote.id)
        self.update_status()

    def action_next_link(self) -> None:
        self._follow(1)

    def action_previous_link(self) -> None:
        self._follow(-1)

    def _travel(self, back: bool) -> None:
        place = self.history.travel(self.here(), back)
        if place is None:
            self.app.notify(f"Nothing to go {'back' if back else 'forward'} to.", timeout=1.5)
        else:
            self.open(place)

    def action_back(self) -> None:
        self._travel(back=True)

    def action_forward(self) -> None:
        self._travel(back=False)

    def action_search(self) -> None:
        if self.library is None:
            self.app.notify("Search is ready once the first articles are read.", timeout=2)
            return
        if self.search_error is not None:
            message = f"Search is unavailable: {self.search_error}"
            self.app.notify(message, severity="error", markup=False)
            return
        from reader.tui.screens.search import SearchScreen

        query = self.search.query if self.search else ""
        self.app.push_screen(
            SearchScreen(self.library, self.search_index, self.app.look, query),
            self._search_result,
        )

    def action_clear_search(self) -> None:
        if self.search is not None:
            self.search = None
            view = self.query_one("#article", ArticleView)
            if view.article is not None:
                self._mark_search(view.article.id)
            self.update_status()

    def action_speakers(self) -> None:
        """The speakers screen, on the current quote's speaker."""
        from reader.tui.screens.speakers import SpeakersScreen

        if self.library is not None:
            quote = self.current_quote
            screen = SpeakersScreen(self.library, self.app.look, quote and quote.speaker)
            self.app.push_screen(screen, self._jump_result)

    def action_timeline(self) -> None:
        """The timeline, on the current quote."""
        from reader.tui.screens.timeline import TimelineScreen

        if self.library is not None:
            quote = self.current_quote
            screen = TimelineScreen(self.library, self.app.look, quote and quote.id)
            self.app.push_screen(screen, self._jump_result)

    def action_focus_pane(self, pane: str) -> None:
        self.query_one(f"#{pane}").focus()
