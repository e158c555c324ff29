"""Handing a worker thread's result to a screen."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from textual.screen import Screen


def hand_over(screen: Screen, callback: Callable[..., None], *args: Any) -> None:
    """Run `callback(*args)` on the app's thread, unless the user quit or closed the screen
    while the work ran. A quitting app still runs what threads hand it while it takes its
    screens apart, and a callback that looked for their widgets then would fail."""
    app = screen.app

    def run() -> None:
        if app.is_running and screen.is_attached:
            callback(*args)

    with contextlib.suppress(RuntimeError):  # the app has stopped already
        app.call_from_thread(run)
