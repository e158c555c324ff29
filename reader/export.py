"""Markdown exports of an article's quotes or a speaker's statements, for notes and reports.

Text taken from articles is data: everything Markdown would read as syntax (emphasis, links,
HTML, headings or list markers at a line start) is backslash-escaped, so the rendered page
shows exactly the words of the article, and control characters are made visible so a file
printed in a terminal cannot act on it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reader.model import Analysis, Article, Link, Quote, Speaker
from reader.safe_text import clean
from reader.views import stance_glyph, statement_date

_EXCERPT = 100
# ASCII punctuation that is Markdown syntax anywhere in a line (CommonMark lets a backslash
# escape any of them; the others are left alone to keep the source readable).
_INLINE = re.compile(r"([\\`*_\[\]<>|~#&])")
# Syntax only at the start of a line: list markers, setext underlines, ordered lists.
_LINE_START = re.compile(r"^(?:([-+=])|(\d+)([.)]))")


def escape(text: str) -> str:
    """`text` as Markdown that renders to the same characters (one paragraph per blank line)."""
    lines = []
    for line in clean(text).splitlines():
        line = _INLINE.sub(r"\\\1", line.strip())
        line = _LINE_START.sub(_escape_line_start, line)
        lines.append(line)
    return "\n".join(lines)


def _escape_line_start(found: re.Match[str]) -> str:
    if found.group(1):
        return "\\" + found.group(1)
    return found.group(2) + "\\" + found.group(3)


@lru_cache(maxsize=1 << 16)
def _one_line(text: str) -> str:
    """Cached: an export of a large collection escapes the same names, titles and linked
    excerpts over and over (a million times at 10,000 articles)."""
    return " ".join(escape(text).split())


def _blockquote(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in escape(text).split("\n"))


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > _EXCERPT:
        text = text[: _EXCERPT - 1].rstrip() + "…"
    return f"“{_one_line(text)}”"


def _speaker_name(analysis: Analysis, quote: Quote) -> str:
    speaker = analysis.speaker(quote.speaker)
    if speaker is not None:
        return speaker.name
    return quote.speaker_name or "Unattributed"


def _title(article: Article | None, fallback: str) -> str:
    if article is None:
        return fallback
    return article.title or article.id


def _stance_line(quote: Quote) -> str:
    line = f"- **Stance:** {stance_glyph(quote.stance)} {quote.stance}"
    if quote.cues:
        line += " — cues: " + ", ".join(f"“{_one_line(cue)}”" for cue in quote.cues)
    return line


# How a link reads from each end: `Link.source` is the later statement, which (for example)
# retracts the target; the target is retracted by the source.
_VERBS = {
    "repeat": ("repeats", "repeated by"),
    "excerpt": ("excerpt of", "excerpted by"),
    "retraction": ("retracts", "retracted by"),
    "rebuttal": ("rebuts", "rebutted by"),
    "related": ("related to", "related to"),
}


def _link_line(analysis: Analysis, quote: Quote, link: Link) -> str:
    """One link as seen from `quote`: the other statement's speaker, article and date."""
    from_source, from_target = _VERBS.get(link.kind, ("linked to", "linked to"))
    if link.source == quote.id:
        other_id, verb = link.target, from_source
    else:
        other_id, verb = link.source, from_target
    lead = f"  - **{link.kind}** — {verb}"
    other = analysis.quote(other_id)
    if other is None:
        return f"{lead} {_one_line(other_id)}"
    article = analysis.article(other.article)
    where = f"*{_one_line(_title(article, other.article))}*"
    when = statement_date(analysis, other)
    if when:
        where += f" ({when})"
    name = _one_line(_speaker_name(analysis, other))
    return f"{lead} {name}, {where}: {_excerpt(other.text)}"


def _quote_details(analysis: Analysis, quote: Quote) -> list[str]:
    lines = [_blockquote(quote.text), ""]
    if quote.kind != "direct":
        lines.append(f"- **Kind:** {quote.kind} quote")
    lines.append(_stance_line(quote))
    links = analysis.links_of(quote.id)
    if links:
        lines.append(f"- **Links ({len(links)}):**")
        lines.extend(_link_line(analysis, quote, link) for link in links)
    else:
        lines.append("- **Links:** none")
    return lines


def article_markdown(analysis: Analysis, article_id: str) -> str:
    """The article's details and every quote in it, with speaker, stance and links."""
    article = analysis.article(article_id)
    if article is None:
        raise KeyError(f"no article with id {article_id!r}")
    lines = [f"# {_one_line(_title(article, article_id))}", ""]
    for label, value in (
        ("Date", article.date),
        ("Source", article.source),
        ("Author", article.author),
        ("URL", article.url),
        ("File", article.path),
    ):
        if value:
            lines.append(f"- **{label}:** {_one_line(value)}")
    quotes = sorted(analysis.quotes_of(article_id), key=lambda q: (q.start, q.end))
    lines += ["", f"## Quotes ({len(quotes)})"]
    for number, quote in enumerate(quotes, 1):
        heading = f"### {number}. {_one_line(_speaker_name(analysis, quote))}"
        speaker = analysis.speaker(quote.speaker)
        role = quote.speaker_role or (speaker.role if speaker else None)
        if role:
            heading += f", {_one_line(role)}"
        lines += ["", heading, ""]
        when = statement_date(analysis, quote)
        details = _quote_details(analysis, quote)
        if when and when != article.date:
            details.insert(2, f"- **Said:** {when}")
        lines += details
    return "\n".join(lines) + "\n"


def speaker_markdown(analysis: Analysis, speaker_id: str) -> str:
    """A speaker's names and role, and all their quotes across articles in time order."""
    speaker = analysis.speaker(speaker_id)
    if speaker is None:
        raise KeyError(f"no speaker with id {speaker_id!r}")
    quotes = sorted(
        (q for q in analysis.quotes if q.speaker == speaker_id),
        key=lambda q: (q.order, q.article, q.start),
    )
    articles = {q.article for q in quotes}
    lines = [f"# {_one_line(speaker.name)}", ""]
    if speaker.aliases:
        lines.append("- **Also:** " + ", ".join(_one_line(a) for a in speaker.aliases))
    if speaker.role:
        lines.append(f"- **Role:** {_one_line(speaker.role)}")
    if speaker.kind != "person":
        lines.append(f"- **Kind:** {speaker.kind}")
    lines.append(
        f"- **Quotes:** {len(quotes)} in {len(articles)} article{'s' if len(articles) != 1 else ''}"
    )
    lines += _shifts(analysis, speaker)
    lines += ["", f"## Quotes ({len(quotes)})"]
    for number, quote in enumerate(quotes, 1):
        article = analysis.article(quote.article)
        heading = f"### {number}. {_one_line(_title(article, quote.article))}"
        when = statement_date(analysis, quote)
        if when:
            heading += f" ({when})"
        lines += ["", heading, ""]
        lines += _quote_details(analysis, quote)
    return "\n".join(lines) + "\n"


def _shifts(analysis: Analysis, speaker: Speaker) -> list[str]:
    shifts = [s for s in analysis.shifts if s.speaker == speaker.id]
    if not shifts:
        return []
    lines = ["", "## Stance shifts", ""]
    for shift in shifts:
        later = analysis.quote(shift.to_quote)
        when = statement_date(analysis, later) if later else None
        change = (
            f"{stance_glyph(shift.from_stance)} {shift.from_stance} → "
            f"{stance_glyph(shift.to_stance)} {shift.to_stance}"
        )
        lines.append(f"- {change}" + (f" ({when})" if when else ""))
    return lines
