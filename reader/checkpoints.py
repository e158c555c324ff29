"""How a caller stops long work it no longer wants: the user quit while it ran.

Long steps (the collection-wide analysis, building the search index) call `checkpoint()`
between parts of their work, a fraction of a second apart; a caller that wants them stopped
raises from it, and the exception leaves the steps like any other (helper processes are let
go on the way). The UI raises once its loading worker is cancelled, so quitting is prompt.
"""

from __future__ import annotations

from collections.abc import Callable

Checkpoint = Callable[[], None]


def no_checkpoint() -> None:
    """The default checkpoint of long steps: nothing stops them."""
