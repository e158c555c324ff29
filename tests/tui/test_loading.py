"""Loading in the background: articles show as they arrive, progress is visible, keys work."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import threading
import time

import pytest
from tui_helpers import reader, screen_text, status, view

from reader import indexing, pipeline
from reader.model import Analysis, Article, Block
from reader.resources import default_collection
from reader.search import SearchIndex
from reader.tui.app import ReaderApp
from reader.tui.screens import reader as reader_screen
from reader.tui.screens.search import ResultList, SearchScreen


def article(number: int, text: str) -> Article:
    return Article(
        f"a{number}",
        f"/news/a{number}.txt",
        text,
        title=f"Article {number}",
        blocks=[Block(0, len(text), "body")],
    )


async def until(pilot, condition) -> None:
    """Let the app run until `condition()` holds (or five seconds pass)."""
    for _ in range(50):
        await pilot.pause(0.1)
        if condition():
            return


async def test_articles_appear_while_the_rest_is_still_analysed(monkeypatch):
    release, linked = threading.Event(), threading.Event()
    first, second = article(1, "First words."), article(2, "Second words.")

    def slow_analyse(paths, *, warn, progress, on_article, checkpoint, use_cache):
        on_article(first, [])
        progress(1, 2)
        warn("/news/[bold]broken[/bold].txt: not UTF-8, skipped")
        assert release.wait(10)
        on_article(second, [])
        progress(2, 2)
        assert linked.wait(10)  # the collection-wide steps, after the last file
        return Analysis(articles=[first, second])

    monkeypatch.setattr(pipeline, "analyse", slow_analyse)
    app = ReaderApp(paths=["/news"])
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: reader(app).library is not None)
        # the first article is readable and the keys answer while loading goes on
        assert "analysing 1/2" in status(app)
        assert "First words." in screen_text(app)
        assert reader(app).query_one("#progress").display
        await pilot.press("j", "k", "question_mark")
        assert "Keys" in screen_text(app)
        await pilot.press("escape")
        release.set()
        await until(pilot, lambda: "analysing" not in status(app))
        # every file read: the status says what the wait is for, not "analysing 2/2"
        assert "linking…" in status(app)
        assert not reader(app).query_one("#progress").display
        linked.set()
        await until(pilot, lambda: not reader(app).is_loading)
        assert "linking" not in status(app)
        assert "analysing" not in status(app)
        assert "article 1/2" in status(app)
        assert not reader(app).query_one("#progress").display
        # the warning about the skipped file was shown literally, and stays in the log
        assert any("[bold]broken[/bold]" in str(n.message) for n in app._notifications)
        app.action_warnings()
        await pilot.pause()
        assert "/news/[bold]broken[/bold].txt: not UTF-8, skipped" in screen_text(app)


async def test_a_one_megabyte_article_opens_and_scrolls_to_its_end():
    paragraphs = [f"Paragraph {n}: " + "word " * 150 for n in range(1400)]
    text = "\n\n".join(paragraphs) + "\n\nThe very end."
    assert len(text) > 1_000_000
    app = ReaderApp(analysis=Analysis(articles=[article(1, text)]))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", "G")
        assert "The very end." in screen_text(app)
        assert view(app).scroll_offset.y > 20_000
        await pilot.press("g")
        assert "Paragraph 0:" in screen_text(app)


async def test_search_typed_while_loading_shows_results_once_indexed(monkeypatch):
    release = threading.Event()
    first, second = article(1, "First words."), article(2, "Second words about the harbour.")

    def slow_analyse(paths, *, warn, progress, on_article, checkpoint, use_cache):
        on_article(first, [])
        progress(1, 2)
        assert release.wait(10)
        on_article(second, [])
        progress(2, 2)
        return Analysis(articles=[first, second])

    monkeypatch.setattr(pipeline, "analyse", slow_analyse)
    app = ReaderApp(paths=["/news"])
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: reader(app).library is not None)
        await pilot.press("slash", *"harbour")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        assert "indexing the collection" in screen_text(app)
        release.set()
        await until(pilot, lambda: app.screen.query_one(ResultList).hits)
        assert "indexing" not in screen_text(app)
        assert "1 match" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert view(app).article.id == "a2"
        assert "match 1/1" in status(app)


async def test_links_are_shown_before_the_search_index_is_built(monkeypatch):
    """A new or edited large collection takes seconds to index for search: its links and
    stances are shown meanwhile, and a query typed then runs once the index is ready."""
    indexed = threading.Event()
    real = indexing.build_index

    def slow_index(analysis, checkpoint):
        assert indexed.wait(10)
        return real(analysis, checkpoint)

    monkeypatch.setattr(indexing, "build_index", slow_index)
    app = ReaderApp(paths=[str(default_collection())], use_cache=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: not reader(app).is_loading)
        assert reader(app).search_index is None
        assert "links" in status(app) and "indexing for search…" in status(app)
        assert "Stian Jenssen" in screen_text(app)
        await pilot.press("slash", *"podoliak")
        await pilot.pause()
        assert "indexing the collection" in screen_text(app)
        indexed.set()
        await until(pilot, lambda: app.screen.query_one(ResultList).hits)
        assert "indexing" not in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "indexing" not in status(app)


async def test_arriving_articles_are_shown_in_batches(monkeypatch):
    """While files arrive the tables are rebuilt STREAM_GAP seconds apart at least: each
    rebuild redraws the screen, on the interpreter the analysis shares."""
    gap = 0.5
    monkeypatch.setattr(reader_screen, "STREAM_GAP", gap)
    streamed: list[int] = []  # rebuilds for the arrivals, on the app's thread
    real = reader_screen.Library

    def library(analysis):
        if threading.current_thread() is threading.main_thread():
            streamed.append(len(analysis.articles))
        return real(analysis)

    monkeypatch.setattr(reader_screen, "Library", library)
    arrived = [article(n, f"Words of article {n}.") for n in range(40)]
    took: list[float] = []

    def analyse(paths, *, warn, progress, on_article, checkpoint, use_cache):
        start = time.monotonic()
        for n, one in enumerate(arrived):  # one article every 50 ms: two seconds in all
            on_article(one, [])
            progress(n + 1, len(arrived))
            time.sleep(0.05)
        took.append(time.monotonic() - start)
        return Analysis(articles=arrived)

    monkeypatch.setattr(pipeline, "analyse", analyse)
    app = ReaderApp(paths=["/news"])
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: not reader(app).is_loading)
        assert len(reader(app).library.articles) == 40
    assert streamed and streamed[0] < 40  # the first articles were shown while the rest came
    # The first arrival at once and those of the next tick, then one per gap at most (and one
    # more at the very end, at most). Rebuilding at every tick (0.2 s) would make ~11.
    assert len(streamed) <= 3 + int(took[0] / gap)


async def test_a_search_index_that_cannot_be_built_costs_search_only(monkeypatch):
    """Reading goes on; the status and `/` say why search is missing, and a search box opened
    while indexing says so instead of waiting forever."""
    indexed = threading.Event()

    def broken_index(analysis, checkpoint):
        assert indexed.wait(10)
        raise MemoryError("no room for the index")

    monkeypatch.setattr(indexing, "build_index", broken_index)
    app = ReaderApp(paths=[str(default_collection())], use_cache=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: not reader(app).is_loading)
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        indexed.set()
        await until(pilot, lambda: "search is unavailable" in screen_text(app))
        assert "search is unavailable: MemoryError: no room for the index" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)
        assert "search unavailable" in status(app)
        assert "links" in status(app)
        messages = [str(n.message) for n in app._notifications]
        assert "Search is unavailable: MemoryError: no room for the index" in messages
        await pilot.press("slash")
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)
        await pilot.press("n")  # reading goes on
        await pilot.pause()
        assert "quote 2/" in status(app)


@pytest.mark.parametrize("linking", [False, True])
async def test_quitting_stops_the_analysis_under_way(monkeypatch, linking):
    """`q` while a large collection is analysed or linked quits at once: the app waits for
    its loading thread, so the analysis must stop, not run on to the end."""
    ended: list[float] = []

    def long_analysis(paths, *, warn, progress, on_article, checkpoint, use_cache):
        start = time.monotonic()
        try:
            n = 0
            while time.monotonic() - start < 20:  # a collection that takes 20 s to analyse
                if linking:  # every file read: only the collection-wide steps report
                    checkpoint()
                else:
                    on_article(article(n, f"Words of article {n}."), [])
                    progress(n, 10**6)
                n += 1
                time.sleep(0.01)
            return Analysis()
        finally:
            ended.append(time.monotonic())

    monkeypatch.setattr(pipeline, "analyse", long_analysis)
    app = ReaderApp(paths=["/news"])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.5)
        quit_at = time.monotonic()
        await pilot.press("q")
    assert ended and ended[0] - quit_at < 5


async def test_quitting_while_the_search_index_is_built_is_prompt(monkeypatch):
    """`q` while a large collection is indexed for search quits at once: the build stops
    (the next open builds it again) rather than run on for seconds."""
    ended: list[float] = []

    def long_index(analysis, checkpoint):
        start = time.monotonic()
        try:
            while time.monotonic() - start < 20:  # an index that takes 20 s to build
                checkpoint()
                time.sleep(0.01)
            return SearchIndex(analysis)
        finally:
            ended.append(time.monotonic())

    monkeypatch.setattr(indexing, "build_index", long_index)
    app = ReaderApp(paths=[str(default_collection())], use_cache=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: not reader(app).is_loading)
        assert "indexing for search…" in status(app)
        quit_at = time.monotonic()
        await pilot.press("q")
    assert ended and ended[0] - quit_at < 5


async def test_the_first_articles_are_shown_without_waiting_for_the_timer(monkeypatch):
    """The first article is on screen as soon as it arrives, not at the screen's next look
    at the loader (here a minute away)."""
    monkeypatch.setattr(reader_screen, "TICK", 60.0)
    release = threading.Event()
    first = article(1, "First words.")

    def slow_analyse(paths, *, warn, progress, on_article, checkpoint, use_cache):
        on_article(first, [])
        assert release.wait(10)
        return Analysis(articles=[first])

    monkeypatch.setattr(pipeline, "analyse", slow_analyse)
    app = ReaderApp(paths=["/news"])
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: reader(app).library is not None)
        assert reader(app).is_loading
        assert "First words." in screen_text(app)
        release.set()


async def test_quitting_as_the_search_index_is_handed_over_costs_no_traceback(monkeypatch):
    """A quitting app still runs what worker threads hand it while it takes its screens
    apart: the index arriving then must not look for the status line that is gone."""
    quitting, finished = threading.Event(), threading.Event()

    def index_at_quit(analysis, checkpoint):
        assert quitting.wait(10)
        return SearchIndex(analysis)

    real_built = reader_screen.ReaderScreen._index_built

    def built(screen, analysis):
        try:
            real_built(screen, analysis)
        finally:
            finished.set()

    real_close = ReaderApp._close_all

    async def close_all(app):
        screen = reader(app)
        await screen.remove_children()  # as taking the screen apart does
        quitting.set()
        assert await asyncio.to_thread(finished.wait, 10)
        await real_close(app)

    monkeypatch.setattr(indexing, "build_index", index_at_quit)
    monkeypatch.setattr(reader_screen.ReaderScreen, "_index_built", built)
    monkeypatch.setattr(ReaderApp, "_close_all", close_all)
    app = ReaderApp(paths=[str(default_collection())], use_cache=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: not reader(app).is_loading)
        screen = reader(app)
        await pilot.press("q")
    assert finished.is_set() and screen.search_index is None


def test_a_cached_collection_is_shown_without_importing_search_or_the_other_screens(tmp_path):
    """What the first screen does not show is imported when first needed: the first screen
    of a large collection comes up that much sooner. The imports are looked at when the
    loader hands over the first article, in a fresh process re-opening a cached collection."""
    probe = """
import asyncio, os, sys
import reader.pipeline
from reader.tui.app import ReaderApp

seen = []
real = reader.pipeline.analyse

def analyse(paths, *, on_article, **options):
    def first(article, quotes):
        if not seen:
            seen.append(sorted(m for m in sys.modules if m.startswith((
                "reader.search", "reader.indexing", "reader.analys", "rapidfuzz",
                "reader.tui.screens.")) and m != "reader.tui.screens.reader"))
        on_article(article, quotes)
    return real(paths, on_article=first, **options)

reader.pipeline.analyse = analyse

async def main():
    app = ReaderApp(paths=[sys.argv[1]])
    async with app.run_test():
        while not seen:
            await asyncio.sleep(0.01)
    print(seen[0])

asyncio.run(main())
"""
    env = dict(os.environ, STANCE_READER_CACHE_DIR=str(tmp_path / "cache"))
    seeds = str(default_collection())
    subprocess.run(
        [sys.executable, "-m", "reader", "analyze", seeds],
        capture_output=True,
        timeout=120,
        check=True,
        env=env,
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, seeds],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env=env,
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"
