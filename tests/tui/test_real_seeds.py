"""The reader on the real seeds, loaded and analysed by the pipeline in the loading worker."""

from __future__ import annotations

from tui_helpers import current_text, reader, screen_text, status, view

from reader.resources import default_collection
from reader.tui.app import ReaderApp
from reader.tui.screens.links import LinksScreen
from reader.tui.screens.search import ResultList
from reader.tui.widgets.link_list import LinkList

REMARK = "I think that a solution could be for Ukraine to give up territory"


async def open_seeds(pilot) -> None:
    """Wait for the worker to finish loading (the UI stays usable meanwhile)."""
    for _ in range(300):
        await pilot.pause(0.1)
        screen = pilot.app.screen
        if getattr(screen, "is_loading", True) is False and screen.search_index is not None:
            await pilot.pause()
            return
    raise AssertionError("the seeds did not load")


def seeds_app() -> ReaderApp:
    return ReaderApp(paths=[str(default_collection())], use_cache=False)


async def test_opens_the_default_collection_on_jenssens_remark():
    app = ReaderApp(paths=[], use_cache=False)  # no paths: the default collection
    async with app.run_test(size=(120, 40)) as pilot:
        await open_seeds(pilot)
        assert len(reader(app).library.articles) == 5
        assert view(app).article.id.startswith("000_")
        assert current_text(app).startswith(REMARK)
        assert status(app).startswith("article 1/5 · quote 1/")
        assert "links" in status(app) and "analysing" not in status(app)
        assert "Stian Jenssen" in screen_text(app)


async def test_remark_to_retraction_with_enter_and_back_with_backspace():
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_seeds(pilot)
        await pilot.press("2", "enter")
        await pilot.pause()
        assert isinstance(app.screen, LinksScreen)
        choices = app.screen.query_one(LinkList)
        row = next(i for i, link in enumerate(choices.links) if link.kind == "retraction")
        choices.cursor = row
        await pilot.press("enter")
        await pilot.pause()
        assert view(app).article.id.startswith("001_")
        assert "It was a mistake" in current_text(app)
        assert "retract" in screen_text(app)
        await pilot.press("backspace")
        await pilot.pause()
        assert view(app).article.id.startswith("000_")
        assert current_text(app).startswith(REMARK)


async def test_square_bracket_reaches_the_retraction_in_another_article():
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_seeds(pilot)
        presses = 0
        while presses < 8 and "It was a mistake" not in current_text(app):
            await pilot.press("right_square_bracket")
            presses += 1
        assert view(app).article.id.startswith("001_")
        assert "It was a mistake" in current_text(app)
        for _ in range(presses):
            await pilot.press("backspace")
        assert current_text(app).startswith(REMARK)


async def test_search_a_word_and_jump_to_its_quote():
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_seeds(pilot)
        await pilot.press("slash", *"mistake")
        await app.workers.wait_for_complete()
        await pilot.pause()
        results = app.screen.query_one(ResultList)
        assert results.hits[0].kind == "quote"
        await pilot.press("enter")
        await pilot.pause()
        assert "It was a mistake" in current_text(app)
        assert "match 1/" in status(app)


async def test_speakers_screen_has_one_jenssen_with_his_quotes():
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_seeds(pilot)
        analysis = reader(app).library.analysis
        await pilot.press("s")
        await pilot.pause()
        speakers = app.screen.query_one("#speaker-list").speakers
        jenssens = [s for s in speakers if "Jenssen" in s.name]
        assert len(jenssens) == 1
        his = [q for q in analysis.quotes if q.speaker == jenssens[0].id]
        app.screen.query_one("#speaker-list").cursor = speakers.index(jenssens[0])
        await pilot.pause()
        shown = app.screen.query_one("#speaker-quotes").quotes
        assert sorted(q.id for q in shown) == sorted(q.id for q in his)
        assert any("It was a mistake" in q.text for q in shown)
        assert any(q.text.startswith(REMARK) for q in shown)


async def test_a_reopened_collection_searches_with_the_index_it_kept(tmp_path, monkeypatch):
    import shutil

    from reader import search

    folder = tmp_path / "seeds"
    shutil.copytree(default_collection(), folder)
    app = ReaderApp(paths=[str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        await open_seeds(pilot)
        await app.workers.wait_for_complete()  # the index is stored after it is shown

    def no_building(*_args: object) -> None:
        raise AssertionError("the index was built again, not read back")

    monkeypatch.setattr(search._Kind, "build", no_building)
    app = ReaderApp(paths=[str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        await open_seeds(pilot)
        await pilot.press("slash", *"mistake")
        await app.workers.wait_for_complete()
        await pilot.pause()
        hit = app.screen.query_one(ResultList).hits[0]
        assert hit.kind == "quote" and hit.quote_id.startswith("001_")
        assert "It was a mistake" in screen_text(app)
