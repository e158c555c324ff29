"""Views of an Analysis for the shell: quotes grouped by speaker, links grouped by kind, and
one-line headings. Kept apart from the CLI's argument handling so they can be tested and reused
without running a command.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.model import LINK_KINDS, Analysis, Quote

STANCE_GLYPHS = {"support": "▲", "oppose": "▼", "retract": "↺", "neutral": "•"}


def count(number: int, noun: str) -> str:
    """`1 quote`, `2 quotes`: the summaries people read in the shell."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def stance_glyph(stance: str) -> str:
    return STANCE_GLYPHS.get(stance, "•")


def speaker_label(analysis: Analysis, speaker_id: str | None) -> str:
    speaker = analysis.speaker(speaker_id)
    return speaker.name if speaker else "unattributed"


def quotes_by_speaker(analysis: Analysis) -> list[tuple[str, list[Quote]]]:
    """Quotes grouped under a heading per speaker, most quoted first, unattributed last."""
    groups: dict[str | None, list[Quote]] = {}
    for quote in analysis.quotes:
        groups.setdefault(quote.speaker, []).append(quote)
    result: list[tuple[str, list[Quote]]] = []
    for speaker in sorted(analysis.speakers, key=lambda s: (-len(groups.get(s.id, [])), s.name)):
        quotes = sorted(groups.get(speaker.id, []), key=lambda q: q.order)
        if not quotes:
            continue
        heading = speaker.name
        if speaker.role:
            heading += f" — {speaker.role}"
        if speaker.aliases:
            heading += f" (also: {', '.join(speaker.aliases)})"
        result.append((f"{heading} · {count(len(quotes), 'quote')}", quotes))
    if groups.get(None):
        result.append((f"unattributed · {count(len(groups[None]), 'quote')}", groups[None]))
    return result


def quote_heading(analysis: Analysis, quote: Quote) -> str:
    """`▲ Speaker · article title (date)`: who said it, where and when."""
    article = analysis.article(quote.article)
    title = (article.title or article.id) if article else quote.article
    date = quote.time or (article.date if article else None)
    where = f"{title} ({date})" if date else title
    return f"{stance_glyph(quote.stance)} {speaker_label(analysis, quote.speaker)} · {where}"


def links_by_kind(analysis: Analysis, kinds: Sequence[str] | None = None):
    """Links grouped by kind in the contract's order, strongest score first within a kind."""
    wanted = [k for k in LINK_KINDS if not kinds or k in kinds]
    groups = []
    for kind in wanted:
        links = sorted(
            (link for link in analysis.links if link.kind == kind), key=lambda link: -link.score
        )
        if links:
            groups.append((kind, links))
    return groups
