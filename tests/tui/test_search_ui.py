"""`/` search: results as you type, a match count, enter jumps, n/N step through matches."""

from __future__ import annotations

from tui_helpers import current_text, reader, screen_text, status, view

from reader.tui.app import ReaderApp
from reader.tui.screens.search import ResultList, SearchScreen


async def type_search(pilot, query: str) -> ResultList:
    """Open search, type `query` and wait until its results are listed."""
    await pilot.pause()
    await pilot.press("slash", *query)
    results = pilot.app.screen.query_one(ResultList)
    for _ in range(300):
        if results.query_text == query:
            break
        await pilot.pause(0.01)
    await pilot.pause()
    assert results.query_text == query
    return results


async def test_typing_a_word_shows_results_and_enter_jumps_to_the_quote(seeds_analysis):
    app = ReaderApp(analysis=seeds_analysis)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_search(pilot, "mistake")
        assert isinstance(app.screen, SearchScreen)
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
        await type_search(pilot, "ridiculous")
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
        await type_search(pilot, "podoliak")
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


async def test_a_result_row_shows_its_match_even_late_in_a_long_quote(seeds_analysis):
    """The retraction's "mistake" is its last word: a narrow row must still show it."""
    app = ReaderApp(analysis=seeds_analysis)
    async with app.run_test(size=(80, 24)) as pilot:
        await type_search(pilot, "mistake")
        results = app.screen.query_one(ResultList)
        assert results.hits[0].kind == "quote"
        row = next(line for line in screen_text(app).splitlines() if "“ quote" in line)
        assert "mistake" in row
        for width in (30, 50, 70, 110):
            drawn = results.render_row(0, width)
            assert drawn.cell_len <= width
            highlighted = [
                drawn.plain[span.start : span.end]
                for span in drawn.spans
                if "reverse" in str(span.style)
            ]
            assert any(part.casefold() == "mistake" for part in highlighted), (width, drawn)
