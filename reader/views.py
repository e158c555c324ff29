"""Views of an Analysis for the shell: quotes grouped by speaker, links grouped by kind, and
one-line headings. Kept apart from the CLI's argument handling so they can be tested and reused
without running a command.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.model import LINK_KINDS, Analysis, Article, Quote

STANCE_GLYPHS = {"support": "▲", "oppose": "▼", "retract": "↺", "neutral": "•"}


def count(number: int, noun: str) -> str:
    """`1 quote`, `2 quotes`: the summaries people read in the shell."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def stance_glyph(stance: str) -> str:
    return STANCE_GLYPHS.get(stance, "•")


UNTITLED = "(untitled) "
OPENING_WORDS = 9  # how much of an untitled article's first paragraph stands in for its title
_WORD = re.compile(r"\S+")


def opening_words(article: Article, count: int = OPENING_WORDS) -> str:
    """The first words of the article's body (or of its text, when no block is body), with an
    ellipsis when there is more."""
    body = next((b for b in article.blocks if b.kind == "body"), None)
    text = article.text[body.start : body.end] if body else article.text
    words = _WORD.findall(text[: count * 40])
    if not words:
        return ""
    more = len(words) > count or len(text) > count * 40
    return " ".join(words[:count]) + ("…" if more else "")


def display_title(article: Article) -> str:
    """The article's title; for an untitled one, its first words marked `(untitled)`, which say
    more to a reader than a file id. Display only: `article.title` stays None."""
    return article.title or UNTITLED + (opening_words(article) or article.id)


def statement_date(analysis: Analysis, quote: Quote) -> str | None:
    """When the statement was made, else when the article reporting it is dated."""
    if quote.time:
        return quote.time
    article = analysis.article(quote.article)
    return article.date if article else None


def speaker_name(analysis: Analysis, quote: Quote) -> str:
    """The collection-wide name, else the article's own attribution, else "unattributed"."""
    speaker = analysis.speaker(quote.speaker)
    if speaker is not None:
        return speaker.name
    return quote.speaker_name or "unattributed"


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
    title = display_title(article) if article else quote.article
    date = statement_date(analysis, quote)
    where = f"{title} ({date})" if date else title
    return f"{stance_glyph(quote.stance)} {speaker_name(analysis, quote)} · {where}"


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
