"""`/` search: results as you type, a match count, enter jumps, n/N step through matches."""

from __future__ import annotations

from tui_helpers import current_text, reader, screen_text, status, view

from reader.tui.app import ReaderApp
from reader.tui.screens.search import ResultList, SearchScreen


async def test_typing_a_word_shows_results_and_enter_jumps_to_the_quote(seeds_analysis):
    app = ReaderApp(analysis=seeds_analysis)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"mistake")
        await app.workers.wait_for_complete()
        await pilot.pause()
        results = app.screen.query_one(ResultList)
        assert results.hits and results.hits[0].kind == "quote"
        shown = screen_text(app)
        assert "match" in str(app.screen.query_one("#search-count").render())
        assert "It was a mistake" in shown or "shouldn’t have said" in shown
        await pilot.press("enter")
        await pilot.pause()
        assert view(app).article.id.startswith("001_")
        assert "It was a mistake" in current_text(app)
        assert "match 1/" in status(app)
        # the match is highlighted in the article
        assert view(app).marks
        # backspace returns to where the search started
        await pilot.press("backspace")
        assert view(app).article.id.startswith("000_")


async def test_n_steps_through_matches_and_escape_clears_the_search(seeds_analysis):
    app = ReaderApp(analysis=seeds_analysis)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"ridiculous")
        await app.workers.wait_for_complete()
        await pilot.pause()
        hits = app.screen.query_one(ResultList).hits
        assert len(hits) >= 2
        await pilot.press("enter")
        await pilot.pause()
        first = view(app).article.id
        assert "match 1/" in status(app)
        # a text match inside a quote that is a result itself is visited once, as the quote
        steps = reader(app).search.hits
        library = reader(app).library
        quoted = {hit.quote_id for hit in steps if hit.kind == "quote"}
        for hit in steps:
            if hit.kind == "article":
                around = library.quote_at(hit.article_id, hit.start)
                assert around is None or around.end <= hit.start or around.id not in quoted
        await pilot.press("n")
        assert "match 2/" in status(app)
        second_hit = reader(app).search.hits[1]
        assert view(app).article.id == second_hit.article_id
        await pilot.press("N")
        assert view(app).article.id == first
        await pilot.press("escape")
        assert "match" not in status(app)
        assert not view(app).marks
        await pilot.press("n")  # back to moving by quote
        assert "quote 2/" in status(app) or "quote 3/" in status(app)


async def test_search_for_a_speaker_opens_the_speakers_screen(seeds_analysis):
    app = ReaderApp(analysis=seeds_analysis)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"podoliak")
        await app.workers.wait_for_complete()
        await pilot.pause()
        results = app.screen.query_one(ResultList)
        speaker_rows = [i for i, hit in enumerate(results.hits) if hit.kind == "speaker"]
        assert speaker_rows
        results.cursor = speaker_rows[0]
        await pilot.press("enter")
        await pilot.pause()
        assert "Mykhailo Podolyak" in screen_text(app)
        assert "Podoliak" in screen_text(app)  # the alias is listed


async def test_escape_cancels_search_without_moving(seeds_analysis):
    app = ReaderApp(analysis=seeds_analysis)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n", "slash", *"crimea", "escape")
        await pilot.pause()
        assert "quote 2/3" in status(app)
        assert reader(app).search is None
