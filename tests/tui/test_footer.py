"""The footer: rebuilt once per burst of binding changes, and always with the current ones."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from tui_helpers import screen_text

from reader.tui.widgets.footer import Footer


class Toggling(App):
    BINDINGS = [Binding("x", "extra", "Extra"), Binding("q", "quit", "Quit")]

    def __init__(self) -> None:
        super().__init__()
        self.extra = True
        self.rebuilds = 0

    def compose(self) -> ComposeResult:
        yield Footer(compact=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.extra if action == "extra" else True


async def test_a_burst_of_binding_changes_rebuilds_the_footer_once() -> None:
    app = Toggling()
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.pause()
        footer = app.query_one(Footer)
        assert "Extra" in screen_text(app) and "Quit" in screen_text(app)
        real = footer.recompose

        async def counting() -> None:
            app.rebuilds += 1
            await real()

        footer.recompose = counting  # type: ignore[method-assign]
        app.extra = False
        for _ in range(6):  # as a screen does while it mounts, or focus moves
            app.screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert app.rebuilds == 1
        assert "Extra" not in screen_text(app) and "Quit" in screen_text(app)
        app.extra = True
        app.screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert app.rebuilds == 2
        assert "Extra" in screen_text(app)
