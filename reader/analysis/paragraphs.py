"""The paragraphs of an article's body, the unit in which quotation marks must balance.

An unclosed quotation mark ends at its paragraph (news convention: a quote that runs on has no
closing mark at the paragraph end and a new opening mark at the next), so every later stage that
reasons about "the same paragraph" or "the previous paragraph" should use these spans.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from reader.model import Article

# A line break (\r\n, \n or a lone \r) and one or more blank-looking lines after it; possessive
# quantifiers keep a file of a million empty lines from backtracking.
_BLANK_LINES = re.compile(r"(?:\r?\n|\r(?!\n))(?:[^\S\r\n]*+(?:\r?\n|\r(?!\n)))++")
_LINE_BREAK = re.compile(r"\r?\n|\r(?!\n)")


class Paragraph(NamedTuple):
    """`text[start:end]` is the paragraph; `block` indexes `Article.blocks`.

    A body block holding blank lines gives several paragraphs with the same `block`; an article
    with no blocks gets one paragraph per fallback span, and `block` numbers those spans.
    """

    block: int
    start: int
    end: int


def _split(pattern: re.Pattern[str], text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of `text[start:end]` between matches of `pattern`, without whitespace-only spans."""
    if text.find("\n", start, end) < 0 and text.find("\r", start, end) < 0:
        return [] if start >= end or text[start:end].isspace() else [(start, end)]
    spans = []
    pos = start
    for match in pattern.finditer(text, start, end):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, end))
    return [(a, b) for a, b in spans if a < b and not text[a:b].isspace()]


def fallback_paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraphs of a text with no blocks: blank-line separated, else one per line.

    Hand-made articles (tests, library callers) often carry no blocks; text written one
    paragraph per line (no blank lines at all) is common in scraped news.
    """
    breaks = _BLANK_LINES if _BLANK_LINES.search(text) else _LINE_BREAK
    return _split(breaks, text, 0, len(text))


def body_paragraphs(article: Article) -> list[Paragraph]:
    """The body paragraphs in text order; a body block holding blank lines splits there.

    Quote finding, attribution, stance and time each ask for the same article one after the
    other, so the answer for the last article asked about is kept (callers never modify it).
    """
    key = (article.text, tuple(article.blocks))
    found = _last[0]
    if found is not None and found[0] is article and found[1] == key:
        return found[2]
    paragraphs = _body_paragraphs(article)
    _last[0] = (article, key, paragraphs)
    return paragraphs


_last: list[tuple[Article, tuple, list[Paragraph]] | None] = [None]


def _body_paragraphs(article: Article) -> list[Paragraph]:
    text = article.text
    if not article.blocks:
        return [Paragraph(i, a, b) for i, (a, b) in enumerate(fallback_paragraphs(text))]
    size = len(text)
    spans = sorted(
        (max(0, block.start), min(size, block.end), index)
        for index, block in enumerate(article.blocks)
        if block.kind == "body"
    )
    paragraphs = []
    done = 0  # blocks from hand-made or damaged data may overlap: never search text twice
    for start, end, index in spans:
        start = max(start, done)
        if start < end:
            paragraphs.extend(
                Paragraph(index, a, b) for a, b in _split(_BLANK_LINES, text, start, end)
            )
            done = end
    return paragraphs
