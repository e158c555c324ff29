"""Article text is data: markup shows literally, escape sequences never reach the terminal."""

from __future__ import annotations

from tui_helpers import screen_text

from reader.tui.app import ReaderApp


async def test_markup_and_escape_sequences_render_literally(hostile_analysis):
    app = ReaderApp(analysis=hostile_analysis)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "[bold red]Breaking[/]" in text
        assert "[link=http://e]minister[/link]" in text
        assert "␛[31mnews␛[0m" in text
        assert "“[bold red]x[/] is ␛]0;pwned␇" in text
        assert "\x1b" not in text and "\x07" not in text
        # the speaker's name and role are shown literally in the inspector
        assert "[bold]The ␛[2J Minister[/bold]" in text
        assert "[red]role[/red]" in text
        assert "[i]cue[/i]" in text
        # the search results show labels literally too
        await pilot.press("slash", *"min")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "\x1b" not in screen_text(app)
        await pilot.press("escape", "s")
        await pilot.pause()
        assert "[bold]The ␛[2J Minister[/bold]" in screen_text(app)
