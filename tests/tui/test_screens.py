"""Speakers, timeline and help screens."""

from __future__ import annotations

import gc
import io
import weakref
from pathlib import Path

from rich.console import Console
from textual.binding import Binding
from textual.keys import format_key
from tui_helpers import current_text, screen_text, view

from reader.model import Analysis, Article, Block, Link, Quote
from reader.tui.app import ReaderApp
from reader.tui.library import Library
from reader.tui.screens import timeline
from reader.tui.screens.export import ExportScreen
from reader.tui.screens.help import HelpScreen, sections
from reader.tui.screens.links import LinksScreen
from reader.tui.screens.page import PageScreen
from reader.tui.screens.reader import ReaderScreen
from reader.tui.screens.search import SearchScreen
from reader.tui.screens.speakers import SpeakersScreen
from reader.tui.screens.timeline import TimelineScreen
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.row_list import RowList


async def test_speakers_screen_lists_one_jenssen_with_all_his_quotes(seeds_analysis):
    app = ReaderApp(analysis=seeds_analysis)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SpeakersScreen)
        text = screen_text(app)
        assert text.count("Stian Jenssen") >= 2  # list row + detail heading
        rows = app.screen.query_one("#speaker-list")
        names = [s.name for s in rows.speakers]
        assert names.count("Stian Jenssen") == 1
        assert "chief of staff for NATO Secretary-General" in text
        assert "also: Jenssen" in text
        assert "stance over time" in text and "▲" in text and "↺" in text
        quotes = app.screen.query_one("#speaker-quotes")
        assert len(quotes.quotes) == 6
        # choose the retraction and jump to it
        index = next(i for i, q in enumerate(quotes.quotes) if q.stance == "retract")
        await pilot.press("enter")  # from the speaker list into the quotes
        assert app.focused is quotes
        quotes.cursor = index
        await pilot.press("enter")
        await pilot.pause()
        assert "It was a mistake" in current_text(app)
        await pilot.press("backspace")
        assert view(app).article.id.startswith("000_")


async def test_speakers_screen_moves_between_people(seeds_analysis):
    app = ReaderApp(analysis=seeds_analysis)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "j")
        await pilot.pause()
        assert "Mykhailo Podolyak" in str(app.screen.query_one("#speaker-info").render())
        await pilot.press("escape")
        assert not isinstance(app.screen, SpeakersScreen)


async def test_timeline_orders_statements_connects_links_and_marks_shifts(seeds_analysis):
    app = ReaderApp(analysis=seeds_analysis)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        rows = app.screen.query_one("#timeline-rows")
        orders = [q.order for q in rows.quotes]
        assert orders == sorted(orders)
        text = screen_text(app)
        assert "●" in text and "│" in text  # linked statements joined in a lane
        assert "⇄" in text  # Jenssen's shift from support to retract
        shift_row = next(i for i, q in enumerate(rows.quotes) if q.stance == "retract")
        rows.cursor = shift_row
        await pilot.pause()
        detail = str(app.screen.query_one("#timeline-detail").render())
        assert "stance shift" in detail and "support" in detail and "retract" in detail
        await pilot.press("enter")
        await pilot.pause()
        assert view(app).article.id.startswith("001_")
        assert "It was a mistake" in current_text(app)


def test_timeline_lanes_join_each_group_and_share_lanes_when_all_are_taken(monkeypatch):
    """Four groups of linked statements over three lanes: each group's rows are joined by
    `│` from its first row to its last, and the fourth group shares the lane that frees up
    first. Overlapping stretches in one lane are drawn as one."""
    article = Article("a", "/n/a.txt", "x" * 20, title="A", blocks=[Block(0, 20, "body")])
    quotes = [Quote(f"a:q{i}", "a", i, i + 1, "x", order=float(i)) for i in range(14)]
    pairs = [(0, 2), (2, 4), (1, 9), (5, 6), (3, 12), (7, 8), (10, 13), (11, 12), (8, 10), (6, 11)]
    links = [Link(f"a:q{source}", f"a:q{target}", "repeat", 1.0) for source, target in pairs]
    library = Library(Analysis(articles=[article], quotes=quotes, links=links))
    monkeypatch.setattr(timeline, "MAX_LANES", 3)
    lanes = timeline.Lanes(library, library.timeline)
    assert [lanes.cell(row) for row in range(len(quotes))] == [
        "●  ", "│● ", "●│ ", "││●", "●││", " │●", " │●",
        "●││", "●││", "│●│", "● │", "│ ●", "│ ●", "●  ",
    ]  # fmt: skip


def test_timeline_lanes_are_drawn_once_per_library_and_let_go_with_it(seeds_analysis):
    library = Library(seeds_analysis)
    lanes = timeline.timeline_lanes(library)
    assert timeline.timeline_lanes(library) is lanes
    again = timeline.Lanes(library, library.timeline)
    rows = range(len(library.timeline))
    assert [lanes.cell(row) for row in rows] == [again.cell(row) for row in rows]
    other = Library(seeds_analysis)  # a new analysis (after an edit) gets its own
    assert timeline.timeline_lanes(other) is not lanes
    kept = weakref.ref(library)
    del library
    gc.collect()
    assert kept() is None  # the lanes do not keep their library (and its analysis) alive
    assert other in timeline._LANES


async def test_the_timeline_is_drawn_ahead_once_the_collection_is_searchable(seeds_analysis):
    """Once the collection is in and its search index built, a worker draws the timeline's
    lanes (a quarter of a second at 100,000 quotes): the timeline then opens on them."""
    app = ReaderApp(analysis=seeds_analysis)
    async with app.run_test(size=(120, 40)) as pilot:
        library = app.screen.library
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert app.screen.search_index is not None
        lanes = timeline._LANES.get(library)
        assert lanes is not None and lanes.quotes is library.timeline
        await pilot.press("t")
        await pilot.pause()
        assert app.screen.query_one("#timeline-rows").prefix is lanes


def page_lines(screen: PageScreen, width: int) -> list[str]:
    """The page's text as it is laid out `width` columns wide."""
    console = Console(width=width, file=io.StringIO(), color_system=None)
    with console.capture() as captured:
        console.print(screen.text)
    return [line.rstrip() for line in captured.get().splitlines()]


async def test_help_lists_every_key_and_closes(seeds_analysis):
    app = ReaderApp(analysis=seeds_analysis)
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = "\n".join(page_lines(app.screen, 110))
        for _title, rows in sections():
            for keys, description in rows:
                assert keys in shown and description in shown
        for key in ("n", "N", "]", "[", "⌫", "alt+left", "alt+right", "/", "s", "t", "?", "f1"):
            assert key in shown
        assert "wraps to the first" in shown  # what ] does at the end of the linked quotes
        # narrow: a long description wraps under itself, the keys column stays clear
        narrow = page_lines(app.screen, 64)
        row = next(i for i, line in enumerate(narrow) if "Jump to the next linked" in line)
        column = narrow[row].index("Jump to the next linked")
        assert narrow[row][:column].strip() == "]"
        continued = narrow[row + 1]
        assert continued[:column].strip() == "" and continued[column:].strip()
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)


async def test_q_quits_from_the_help_page_too(seeds_analysis):
    app = ReaderApp(analysis=seeds_analysis)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


def all_binding_owners() -> list[type]:
    return [
        ReaderApp,
        ReaderScreen,
        ArticleView,
        RowList,
        SearchScreen,
        LinksScreen,
        SpeakersScreen,
        TimelineScreen,
        ExportScreen,
        PageScreen,
        HelpScreen,
    ]


def test_help_sections_cover_every_binding_of_every_screen_and_widget():
    listed = {keys for _title, rows in sections() for keys, _ in rows}
    for owner in all_binding_owners():
        for binding in owner.BINDINGS:
            assert isinstance(binding, Binding)
            first = format_key(binding.key.split(",")[0])
            assert any(first in keys for keys in listed), binding


async def test_q_quits(seeds_analysis):
    app = ReaderApp(analysis=seeds_analysis)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert not app.is_running


def test_user_guide_lists_every_key():
    guide = (Path(__file__).parents[2] / "docs" / "user-guide.md").read_text(encoding="utf-8")
    quoted = {part.split("`")[0] for part in guide.split("`")[1::2]} | set(guide.split("`")[1::2])
    folded = {q.casefold() for q in quoted if len(q) > 1}
    for owner in all_binding_owners():
        for binding in owner.BINDINGS:
            for key in binding.key.split(","):
                shown = {key, format_key(key)}
                found = shown & quoted or {k.casefold() for k in shown if len(k) > 1} & folded
                assert found, f"{owner.__name__}: key {key!r} is not in docs/user-guide.md"
