"""A page of text in a dialog, scrolled with the keyboard: the help and the loading warnings."""

from __future__ import annotations

from typing import ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

# A modal screen hides the app's bindings; dialogs without a text box bind q themselves so that
# q quits from everywhere it can be typed as a key rather than as text.
QUIT_FROM_MODAL = Binding("q", "app.quit", "Quit", tooltip="Quit Stance Reader", show=False)


class PageScreen(ModalScreen[None]):
    """`text` under `title`; escape closes it. Every string in `text` must be a Text (or in
    one), so that article data is shown literally, never read as markup."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Close", tooltip="Close the page", show=False),
        QUIT_FROM_MODAL,
        Binding("j,down", "scroll('down')", "Scroll down", show=False),
        Binding("k,up", "scroll('up')", "Scroll up", show=False),
    ]

    def __init__(self, title: str, text: RenderableType) -> None:
        super().__init__()
        self.title_text, self.text = title, text

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="page-dialog", classes="dialog"):
            yield Static(self.text, id="page-text", markup=False)

    def on_mount(self) -> None:
        self.query_one("#page-dialog").border_title = Text(self.title_text)

    def action_scroll(self, direction: str) -> None:
        dialog = self.query_one("#page-dialog", VerticalScroll)
        if direction == "down":
            dialog.scroll_down(animate=False)
        else:
            dialog.scroll_up(animate=False)
