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


async def test_square_brackets_wrap_around_the_chain_and_say_so(seeds_analysis):
    app = ReaderApp(analysis=seeds_analysis)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press(*["right_square_bracket"] * 4)
        assert current_text(app).startswith(RETRACTION)
        assert "linked 5/5" in status(app)
        # past the latest statement: back to the earliest, visibly
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert view(app).article.id.startswith("000_")
        assert current_text(app).startswith(REMARK)
        assert "linked 1/5" in status(app)
        assert "Wrapped to the first linked quote" in screen_text(app)
        # and [ before the earliest goes to the latest
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert current_text(app).startswith(RETRACTION)
        assert "linked 5/5" in status(app)
        assert "Wrapped to the last linked quote" in screen_text(app)
        # backspace undoes the wrap like any other jump
        await pilot.press("backspace")
        assert current_text(app).startswith(REMARK)


async def test_square_brackets_on_a_quote_without_links_say_so(seeds_analysis):
    app = ReaderApp(analysis=seeds_analysis)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("n", "n")  # Podolyak's "Obviously, if Putin…": no links
        assert "0 links" in status(app)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "quote 3/3" in status(app)
        assert view(app).article.id.startswith("000_")
        assert "This quote has no links" in screen_text(app)


async def test_an_untitled_article_is_listed_by_its_first_words_not_its_file_id(seeds_analysis):
    untitled = seeds_analysis.articles[2]
    untitled.title = None
    untitled.blocks[0].kind = "body"  # as the analyser reads seed 002: no title line
    first_words = untitled.text.split()[0]
    app = ReaderApp(analysis=seeds_analysis)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1", "j", "j")
        assert view(app).article is untitled
        assert untitled.title is None  # display only: the model is untouched
        shown = screen_text(app)
        assert "(untitled) " + first_words in shown
        assert untitled.id not in shown
        # the links of the remark name the untitled article the same way
        await pilot.press("2", "g")
        await pilot.press("left_square_bracket")  # wraps to the latest: the retraction
        await pilot.press("3")
        assert untitled.id not in screen_text(app)


async def test_the_current_quote_stays_in_view_when_the_terminal_shrinks(seeds_analysis):
    app = ReaderApp(analysis=seeds_analysis)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "n")  # Podolyak's "Obviously…", well down the article
        quote = view(app).quote
        assert view(app)._in_view(quote)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert view(app).quote is quote
        assert view(app)._in_view(quote)
        assert quote.text[:30] in screen_text(app).replace("\n", " ")
        # the stacked panes leave the article most of the height
        assert view(app).scrollable_content_region.height >= 9
