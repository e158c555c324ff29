"""Reading and moving: quotes, links across articles, history, panes, mouse."""

from __future__ import annotations

from tui_helpers import current_text, reader, screen_text, status, view

from reader.tui.app import ReaderApp
from reader.tui.screens.links import LinksScreen
from reader.tui.widgets.article_view import GUTTER

REMARK = "I think that a solution could be for Ukraine to give up territory"
RETRACTION = "My statement about this was part of a larger discussion"


async def test_opens_on_first_article_with_first_quote(seeds_analysis):
    app = ReaderApp(analysis=seeds_analysis)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert view(app).article.id.startswith("000_")
        assert current_text(app).startswith(REMARK)
        assert "quote 1/3 · 4 links" in status(app)
        text = screen_text(app)
        assert "NATO Official Suggests Ukraine Could" in text
        assert "▲SJ" in text  # stance glyph and speaker marker in the gutter


async def test_n_and_N_move_between_quotes_and_update_the_status(seeds_analysis):
    app = ReaderApp(analysis=seeds_analysis)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        assert "quote 2/3 · 2 links" in status(app)
        assert current_text(app).startswith("Trading territory")
        await pilot.press("n")
        assert "quote 3/3 · 0 links" in status(app)
        await pilot.press("n")  # at the end: stays, says so
        assert "quote 3/3" in status(app)
        await pilot.press("N", "N")
        assert "quote 1/3" in status(app)
        assert "Stian Jenssen" in screen_text(app)


async def test_enter_opens_links_and_backspace_returns(seeds_analysis):
    app = ReaderApp(analysis=seeds_analysis)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert "4 linked quotes" in screen_text(app)
        # the retraction is the last link (latest in time)
        await pilot.press("G", "enter")
        await pilot.pause()
        assert view(app).article.id.startswith("001_")
        assert current_text(app).startswith(RETRACTION)
        assert "↺ retract" in screen_text(app)
        await pilot.press("backspace")
        await pilot.pause()
        assert view(app).article.id.startswith("000_")
        assert current_text(app).startswith(REMARK)
        await pilot.press("alt+right")
        assert current_text(app).startswith(RETRACTION)
        await pilot.press("alt+left")
        assert current_text(app).startswith(REMARK)


async def test_square_brackets_walk_the_links_across_articles(seeds_analysis):
    app = ReaderApp(analysis=seeds_analysis)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("right_square_bracket")
        assert view(app).article.id.startswith("001_")
        assert "linked 2/5" in status(app)
        await pilot.press(*["right_square_bracket"] * 3)
        assert current_text(app).startswith(RETRACTION)
        assert "linked 5/5" in status(app)
        # the article list follows the jumps
        assert reader(app).query_one("#articles").cursor == 1
        await pilot.press("left_square_bracket")
        assert current_text(app).startswith("Trading territory")
        for _ in range(5):  # one step back per jump
            await pilot.press("backspace")
        assert view(app).article.id.startswith("000_")
        assert current_text(app).startswith(REMARK)


async def test_article_list_keys_and_panes(seeds_analysis):
    app = ReaderApp(analysis=seeds_analysis)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1")
        assert app.focused.id == "articles"
        await pilot.press("j", "j")
        assert view(app).article.id.startswith("002_")
        await pilot.press("G")
        assert view(app).article.id.startswith("004_")
        await pilot.press("g", "down")
        assert view(app).article.id.startswith("001_")
        await pilot.press("enter")
        assert app.focused.id == "article"
        await pilot.press("3")
        assert app.focused.id == "link-list"
        await pilot.press("2")
        assert app.focused.id == "article"
        await pilot.press("tab")
        assert app.focused.id == "link-list"


async def test_article_view_scrolls_with_j_k_g_G(seeds_analysis):
    app = ReaderApp(analysis=seeds_analysis)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "g")
        assert view(app).scroll_offset.y == 0
        await pilot.press("j", "j")
        assert view(app).scroll_offset.y == 2
        await pilot.press("k")
        assert view(app).scroll_offset.y == 1
        await pilot.press("G")
        assert view(app).scroll_offset.y == view(app).max_scroll_y > 0


async def test_mouse_clicks_select_articles_quotes_and_links(seeds_analysis):
    app = ReaderApp(analysis=seeds_analysis)
    async with app.run_test(size=(120, 40)) as pilot:
        articles = reader(app).query_one("#articles")
        await pilot.click("#articles", offset=(5, 1 + articles.row_height()))  # second row
        await pilot.pause()
        assert view(app).article.id.startswith("001_")
        # click inside the second quote of the article
        article_view = view(app)
        target = article_view.quotes[1]
        line = article_view.line_of(target.start)
        column = GUTTER + target.start - article_view._lines[line].start + 1
        row = line - article_view.scroll_offset.y
        await pilot.click("#article", offset=(1 + column, 1 + row))  # inside the round border
        await pilot.pause()
        assert article_view.quote is target
        # a click on a link jumps to it: the retraction links to the remark in article 000
        await pilot.press("N")
        await pilot.click("#link-list", offset=(5, 0))
        await pilot.pause()
        assert view(app).article.id.startswith("000_")
        assert current_text(app).startswith(REMARK)
        # a click on the current quote opens its links
        remark = view(app).quote
        line = view(app).line_of(remark.end - 1)
        row = line - view(app).scroll_offset.y
        await pilot.click("#article", offset=(1 + GUTTER + 1, 1 + row))
        await pilot.pause()
        assert isinstance(app.screen, LinksScreen)
