"""The quote inspector: who said the current quote, how it leans and why, and where it recurs."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from reader.model import Quote
from reader.safe_text import one_line
from reader.tui.library import Library
from reader.tui.look import BOLD, Look
from reader.tui.widgets.link_list import LinkList


def quote_details(library: Library, look: Look, quote: Quote) -> Text:
    """Speaker and role, stance with its cues, kind and date: all as literal text."""
    details = Text(end="")
    details.append(one_line(library.speaker_name(quote)), style=look.speaker(quote.speaker) + BOLD)
    speaker = library.speaker(quote.speaker)
    kind = (speaker.kind if speaker else None) or quote.speaker_kind
    if kind in ("anonymous", "group"):
        details.append(f" ({kind})", style="dim")
    role = (speaker.role if speaker else None) or quote.speaker_role
    if role:
        details.append("\n" + one_line(role), style="italic")
    if speaker and speaker.aliases:
        details.append("\nalso: " + one_line(", ".join(speaker.aliases)), style="dim")
    stance = look.stance(quote.stance)
    details.append("\n")
    details.append(f"{stance.glyph} {quote.stance}", style=stance.style)
    details.append(f" {quote.stance_score:.2f}", style="dim")
    if quote.cues:
        details.append(" · cues: ", style="dim")
        details.append(one_line(", ".join(quote.cues)), style="italic")
    when = library.date_of(quote)
    details.append(f"\n{quote.kind} quote" + (f" · {when}" if when else ""), style="dim")
    return details


class Inspector(Vertical):
    """Details of the current quote above the list of its links."""

    def compose(self) -> ComposeResult:
        yield Static(id="quote-details", markup=False)
        yield Static(id="links-heading", markup=False)
        yield LinkList(id="link-list")

    def show(self, library: Library, look: Look, quote: Quote | None, empty: str) -> None:
        details = self.query_one("#quote-details", Static)
        heading = self.query_one("#links-heading", Static)
        links = self.query_one(LinkList)
        if quote is None:
            details.update(Text(empty, style="dim"))
            heading.update(Text(""), layout=False)
            links.show(library, [], look)
            return
        linked = library.linked(quote.id)
        details.update(quote_details(library, look, quote))
        count = f"{len(linked)} link" + ("" if len(linked) == 1 else "s")
        style = "bold" if linked else "dim"
        heading.update(Text(count if linked else "no links", style=style), layout=False)
        links.show(library, linked, look)
