"""Everyone quoted: aliases, role, stance over time, and all their quotes across articles."""

from __future__ import annotations

from collections import Counter
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Static

from reader.model import Speaker
from reader.safe_text import one_line
from reader.tui.library import Library
from reader.tui.look import BOLD, Look
from reader.tui.widgets.footer import Footer
from reader.tui.widgets.quote_rows import QuoteRows
from reader.tui.widgets.row_list import RowList, fit
from reader.tui.widgets.stance_bar import stance_bar


class SpeakerList(RowList):
    """Speakers, most quoted first: marker, name, quote count and stance bar."""

    def __init__(self, library: Library, look: Look, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.library, self.look = library, look
        self.speakers: list[Speaker] = library.speakers()

    def on_mount(self) -> None:
        self.set_row_count(len(self.speakers))

    def render_row(self, index: int, width: int) -> Text:
        speaker = self.speakers[index]
        quotes = self.library.quotes_of_speaker(speaker.id)
        row = Text(no_wrap=True, end="")
        marker = self.library.markers.get(speaker.id, "?")
        row.append(fit(marker, 4), style=self.look.speaker(speaker.id) + BOLD)
        row.append(
            fit(one_line(speaker.name), max(width - 14, 4)), style=self.look.speaker(speaker.id)
        )
        row.append(f"{len(quotes):>3} ", style="dim")
        row.append_text(stance_bar(Counter(q.stance for q in quotes), self.look, 5))
        return row


def stance_over_time(library: Library, look: Look, speaker: Speaker) -> Text:
    """The speaker's stances in time order, glyph by glyph, with the dates where they change."""
    line = Text(end="")
    previous_date = None
    for quote in library.quotes_of_speaker(speaker.id):
        date = library.date_of(quote)
        if date and date != previous_date:
            line.append(f" {date} ", style="dim")
            previous_date = date
        stance = look.stance(quote.stance)
        line.append(stance.glyph, style=stance.style)
        if quote.id in library.shift_targets:
            line.append("⇄", style="bold")
    return line


class SpeakersScreen(Screen[str | None]):
    """Pick a speaker on the left; their quotes on the right; enter on a quote jumps to it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Back"),
        Binding("e", "export", "Export speaker"),
    ]

    def __init__(self, library: Library, look: Look, speaker_id: str | None = None) -> None:
        super().__init__()
        self.library, self.look, self.initial = library, look, speaker_id

    def compose(self) -> ComposeResult:
        with Horizontal(id="speakers-panes"):
            yield SpeakerList(self.library, self.look, id="speaker-list")
            with Vertical(id="speaker-detail"):
                yield Static(id="speaker-info", markup=False)
                yield QuoteRows(self.library, self.look, speaker=False, id="speaker-quotes")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        speakers = self.query_one(SpeakerList)
        speakers.border_title = "Speakers"
        self.query_one("#speaker-detail").border_title = "Quotes"
        ids = [s.id for s in speakers.speakers]
        start = ids.index(self.initial) if self.initial in ids else 0
        speakers.cursor = start
        speakers.focus()
        if not ids:
            self.query_one("#speaker-info", Static).update(Text("No speakers found.", style="dim"))

    @property
    def speaker(self) -> Speaker | None:
        speakers = self.query_one(SpeakerList)
        return speakers.speakers[speakers.cursor] if speakers.speakers else None

    @on(RowList.Highlighted, "#speaker-list")
    def _speaker_highlighted(self) -> None:
        speaker = self.speaker
        if speaker is None:
            return
        info = Text(end="")
        info.append(one_line(speaker.name), style=self.look.speaker(speaker.id) + BOLD)
        marker = self.library.markers.get(speaker.id)
        if marker:
            info.append(f" [{marker}]", style="dim")
        if speaker.role:
            info.append("\n" + one_line(speaker.role), style="italic")
        if speaker.aliases:
            info.append("\nalso: " + one_line(", ".join(speaker.aliases)), style="dim")
        info.append("\nstance over time:", style="dim")
        info.append_text(stance_over_time(self.library, self.look, speaker))
        self.query_one("#speaker-info", Static).update(info)
        self.query_one(QuoteRows).show(self.library.quotes_of_speaker(speaker.id))

    @on(RowList.Selected, "#speaker-list")
    def _speaker_selected(self, event: RowList.Selected) -> None:
        event.stop()
        self.query_one(QuoteRows).focus()

    @on(RowList.Selected, "#speaker-quotes")
    def _quote_selected(self, event: RowList.Selected) -> None:
        event.stop()
        quote = self.query_one(QuoteRows).quote
        if quote is not None:
            self.dismiss(quote.id)

    def action_export(self) -> None:
        speaker = self.speaker
        if speaker is not None:
            self.app.action_export_speaker(speaker.id)
