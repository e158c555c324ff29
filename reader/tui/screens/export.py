"""Export from the UI: ask where to write the Markdown, then write it without losing anything.

The reader never writes into the article folders (DEVELOPERS.md: nothing lost), and never
overwrites a file: the default is a fresh name in the current directory (or the home directory
when the current one holds articles), and a typed path that exists is refused, not replaced.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from reader.safe_text import one_line


def forbidden_dirs(article_paths: Iterable[str]) -> set[Path]:
    return {Path(path).resolve().parent for path in article_paths}


# Article ids come from file names and .jsonl records written by strangers: the suggested file
# name keeps only word characters, dots and dashes, so it can neither leave the folder (`../`)
# nor carry control characters into the prompt or onto the disk.
_UNSAFE_NAME = re.compile(r"[^\w.-]+")
MAX_STEM = 80


def safe_stem(stem: str) -> str:
    return _UNSAFE_NAME.sub("-", stem).strip(".-")[:MAX_STEM] or "export"


def default_target(stem: str, forbidden: set[Path]) -> Path:
    """`stem.md` (then `stem-2.md` …) in the current directory, or home if that holds articles."""
    folder = Path.cwd().resolve()
    if folder in forbidden:
        folder = Path.home()
    stem = safe_stem(stem)
    candidate = folder / f"{stem}.md"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{number}.md"
        number += 1
    return candidate


def problem(target: Path, forbidden: set[Path]) -> str | None:
    """Why `target` must not be written, or None when it is safe."""
    try:
        resolved = target.expanduser().resolve()
        if resolved.parent in forbidden:
            return f"{resolved.parent} holds articles; choose another folder"
        if resolved.exists():
            return f"{resolved} already exists; choose another name"
        if not resolved.parent.is_dir():
            return f"{resolved.parent} is not a folder"
    except (OSError, ValueError, RuntimeError) as failure:
        return f"cannot use {target}: {getattr(failure, 'strerror', None) or failure}"
    return None


def write_new(target: Path, markdown: str) -> Path:
    """Write `markdown` to a file that must not exist yet ('x' mode: no race, no overwrite)."""
    resolved = target.expanduser().resolve()
    with open(resolved, "x", encoding="utf-8") as handle:
        handle.write(markdown)
    return resolved


class ExportScreen(ModalScreen[Path | None]):
    """A path prompt; enter writes the file, escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel export", show=False),
    ]

    def __init__(
        self, what: str, stem: str, article_paths: Iterable[str], render: Callable[[], str]
    ) -> None:
        super().__init__()
        self.what, self.render_markdown = what, render
        self.forbidden = forbidden_dirs(article_paths)
        self.default = default_target(stem, self.forbidden)

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog", classes="dialog"):
            yield Static(Text(f"Export {one_line(self.what)} as Markdown to:"), markup=False)
            yield Input(value=str(self.default), id="export-path")
            yield Static(Text("enter write · escape cancel", style="dim"), id="export-error")

    def on_mount(self) -> None:
        self.query_one("#export-dialog").border_title = "Export"
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        error = self.query_one("#export-error", Static)
        target = Path(event.value.strip() or str(self.default))
        reason = problem(target, self.forbidden)
        if reason is None:
            try:
                self.dismiss(write_new(target, self.render_markdown()))
                return
            except (OSError, ValueError) as failure:
                reason = f"cannot write {target}: {getattr(failure, 'strerror', None) or failure}"
        error.update(Text(one_line(reason), style="bold"))
