"""The command palette (ctrl+p): themes, screens and export, found by fuzzy typing."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from reader.tui.app import ReaderApp


class ReaderCommands(Provider):
    """Every theme by name, the speakers and timeline screens, search, help and export."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app: ReaderApp = self.app  # type: ignore[assignment]
        commands: list[tuple[str, Callable[[], object], str]] = [
            (f"Theme: {name}", partial(setattr, app, "theme", name), "Switch the colour theme")
            for name in app.theme_names
        ]
        commands += [
            ("Speakers", partial(app.run_reader_action, "speakers"), "Everyone quoted (s)"),
            ("Timeline", partial(app.run_reader_action, "timeline"), "Statements in order (t)"),
            ("Search", partial(app.run_reader_action, "search"), "Fuzzy search (/)"),
            ("Help: keys", app.action_help, "Every key (? or F1)"),
            ("Warnings", app.action_warnings, "Files skipped while loading, bad theme files"),
            ("Export article as Markdown", app.action_export_article, "The article on screen"),
            (
                "Export speaker as Markdown",
                app.action_export_speaker,
                "All quotes of the current quote's speaker",
            ),
        ]
        return commands

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, text=name, help=help_text)
