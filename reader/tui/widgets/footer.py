"""The key bar at the foot of each screen: Textual's own, rebuilt once per burst of changes.

Textual's footer rebuilds every key in it each time the screen's bindings may have changed,
and a screen reports that on every focus change: five rebuilds before a large collection's
first articles were on screen. Each rebuild mounts and styles a widget per key, a tenth of
the time to that first screen. Here the reports that arrive before the next refresh make one
rebuild, done with the bindings as they are then.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    _rebuild_due = False

    def bindings_changed(self, screen: Screen) -> None:
        if not self._rebuild_due:
            self._rebuild_due = True
            self.call_after_refresh(self._rebuild, screen)

    def _rebuild(self, screen: Screen) -> None:
        self._rebuild_due = False
        super().bindings_changed(screen)
