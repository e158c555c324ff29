"""What the terminal shows, as text, for tests that assert on the screen."""

from __future__ import annotations

from textual.app import App

from reader.tui.screens.reader import ReaderScreen
from reader.tui.widgets.article_view import ArticleView


def screen_text(app: App) -> str:
    """The whole screen as the characters sent to the terminal, one line per row.

    Built from the composited strips (no cursor moves), so any control character found in it
    came from the content.
    """
    update = app.screen._compositor.render_update(full=True)
    return "\n".join("".join(strip.text for strip in line) for line in update.strips)


def status(app: App) -> str:
    return str(app.screen.query_one("#status").render())


def reader(app: App) -> ReaderScreen:
    screen = app.screen
    assert isinstance(screen, ReaderScreen), f"expected the reader screen, got {screen!r}"
    return screen


def view(app: App) -> ArticleView:
    return reader(app).query_one("#article", ArticleView)


def current_text(app: App) -> str:
    quote = view(app).quote
    assert quote is not None
    return quote.text
