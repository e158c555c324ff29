"""? / F1: every key, read from the bindings themselves so the help can never fall out of date."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.keys import format_key

from reader.model import STANCES
from reader.tui.look import Look
from reader.tui.screens.page import PageScreen

LINKS_NOTE = (
    "] and [ walk the current quote's family: the quote and every quote linked to it, in the "
    "order they were said, across articles. Past the last one ] wraps to the first (and [ to "
    "the last), with a notification; on a quote with no links they say so and stay put. "
    "enter on a quote lists its links; backspace goes back after any jump."
)

MOUSE = [
    ("click", "an article, a quote, a link, a search result or a list row: select it"),
    ("click again", "on the current quote: open its links"),
    ("wheel", "scroll the pane under the pointer"),
]


def key_names(binding: Binding) -> str:
    """`j, ↓` for the binding `j,down`: every key that triggers it, as the keyboard shows it."""
    return ", ".join(format_key(key.strip()) for key in binding.key.split(","))


def sections() -> list[tuple[str, list[tuple[str, str]]]]:
    """(section, [(keys, what they do)]) for every screen and widget that owns keys."""
    from reader.tui.app import ReaderApp
    from reader.tui.screens.export import ExportScreen
    from reader.tui.screens.links import LinksScreen
    from reader.tui.screens.reader import ReaderScreen
    from reader.tui.screens.search import SearchScreen
    from reader.tui.screens.speakers import SpeakersScreen
    from reader.tui.screens.timeline import TimelineScreen
    from reader.tui.widgets.article_view import ArticleView
    from reader.tui.widgets.row_list import RowList

    owners = [
        ("Everywhere", ReaderApp.BINDINGS),
        ("Reader", ReaderScreen.BINDINGS),
        ("Article pane", ArticleView.BINDINGS),
        ("Lists (articles, links, results, speakers, timeline)", RowList.BINDINGS),
        ("Search (/)", SearchScreen.BINDINGS),
        ("Links (enter on a quote)", LinksScreen.BINDINGS),
        ("Speakers (s)", SpeakersScreen.BINDINGS),
        ("Timeline (t)", TimelineScreen.BINDINGS),
        ("Export", ExportScreen.BINDINGS),
        ("Help and warnings pages", [*PageScreen.BINDINGS, *HelpScreen.BINDINGS]),
    ]
    result = []
    for title, bindings in owners:
        rows = [
            (key_names(b), b.tooltip or b.description) for b in bindings if isinstance(b, Binding)
        ]
        if title == "Everywhere":
            rows.append(("tab, shift+tab", "Focus the next / previous pane"))
        result.append((title, rows))
    result.append(("Mouse", MOUSE))
    return result


def help_page(look: Look) -> Group:
    """Every section as a two-column grid: a long description wraps under itself, never
    under the keys, however narrow the terminal."""
    parts: list[RenderableType] = []
    for title, rows in sections():
        parts.append(Text(title, style="bold underline"))
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True, style="bold")
        grid.add_column()
        for keys, description in rows:
            grid.add_row(Text(keys), Text(description))
        parts.append(Padding(grid, (0, 0, 1, 2)))
    legend = Text("Stance:")
    for stance in STANCES:
        shown = look.stance(stance)
        legend.append(f"  {shown.glyph} {stance}", style=shown.style)
    legend.append("\nThe letters after the glyph are the speaker's initials.", style="dim")
    parts += [legend, Text(""), Text("Following links", style="bold underline")]
    parts.append(Padding(Text(LINKS_NOTE), (0, 0, 0, 2)))
    return Group(*parts)


class HelpScreen(PageScreen):
    """The list of keys; escape, ? or F1 closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "dismiss(None)", "Close help", show=False),
    ]

    def __init__(self, look: Look) -> None:
        super().__init__("Keys · escape closes", help_page(look))
