"""Where a quote recurs: a list of its linked quotes to pick one and jump to it."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.model import Quote
from reader.safe_text import one_line
from reader.tui.library import Library, LinkedQuote
from reader.tui.look import Look
from reader.tui.screens.page import QUIT_FROM_MODAL
from reader.tui.widgets.link_list import LinkList
from reader.tui.widgets.row_list import RowList, fit


class LinksScreen(ModalScreen[str | None]):
    """Pick a linked quote (enter or click) to jump to it; escape goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Close", show=False),
        QUIT_FROM_MODAL,
    ]

    def __init__(
        self, library: Library, quote: Quote, linked: list[LinkedQuote], look: Look
    ) -> None:
        super().__init__()
        self.library, self.quote, self.linked, self.look = library, quote, linked, look

    def compose(self) -> ComposeResult:
        with Vertical(id="links-dialog", classes="dialog"):
            heading = Text(f"{len(self.linked)} linked quotes · ", style="bold")
            heading.append(one_line(self.library.speaker_name(self.quote)), style="bold")
            heading.append(
                "\n“" + fit(one_line(self.quote.text), 70).rstrip() + "”", style="italic"
            )
            yield Static(heading, id="links-quote", markup=False)
            yield LinkList(id="links-choices")
            yield Static(Text("enter jump · escape close", style="dim"), markup=False)

    def on_mount(self) -> None:
        self.query_one("#links-dialog").border_title = "Links"
        choices = self.query_one(LinkList)
        choices.show(self.library, self.linked, self.look)
        choices.focus()

    @on(RowList.Selected)
    def _chosen(self, event: RowList.Selected) -> None:
        event.stop()
        self.dismiss(self.linked[event.index].quote.id)
