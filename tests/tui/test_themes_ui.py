"""Themes in the UI: --theme, switching from the command palette, NO_COLOR."""

from __future__ import annotations

from tui_helpers import screen_text, view

from reader.tui.app import ReaderApp


async def test_theme_switch_from_the_command_palette(seeds_analysis):
    app = ReaderApp(analysis=seeds_analysis)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.theme == "dark"
        before = view(app).look.speaker("stian-jenssen")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"light")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "light"
        assert view(app).look.spec.name == "light"
        assert view(app).look.speaker("stian-jenssen") != before


async def test_theme_option_and_unknown_theme(seeds_analysis):
    app = ReaderApp(analysis=seeds_analysis, theme="okabe-ito")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "okabe-ito"
    app = ReaderApp(analysis=seeds_analysis, theme="no-such-theme")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "dark"
        assert any("no-such-theme" in str(n.message) for n in app._notifications)


async def test_no_color_keeps_stance_and_speaker_readable(seeds_analysis, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = ReaderApp(analysis=seeds_analysis)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.no_color
        text = screen_text(app)
        assert "▲SJ" in text  # stance glyph + speaker marker where the quote starts
        assert "▲ support" in text  # inspector: glyph and word
        article = view(app)
        quote = article.quote
        first, last = article.line_of(quote.start), article.line_of(quote.end - 1)
        segments = [
            segment
            for line in range(first, last + 1)
            for segment in article.render_line(line - article.scroll_offset.y)
        ]
        words = [seg for seg in segments if "solution" in seg.text or "think" in seg.text]
        # support is bold (and the current quote reversed), with or without colour
        assert words and all(seg.style.bold and seg.style.reverse for seg in words)
        await pilot.press("n")
        assert "▼MP" in screen_text(app)
