"""Find quoted spans in an article's body: the first stage of the analysis.

Quotes never nest in the output: a quotation inside another (`a ‘bad peace’`) is part of the
outer one, so only the outermost marks matter and marks of other families inside are skipped.
A quote with no closing mark is `open_ended`: it ends at its paragraph (the news convention for
a statement that runs on into the next paragraph), or just before a new opening mark in the same
paragraph when the text clearly lost a closing mark. Which kind a quote is (direct, partial,
scare) and who said it are left to the speakers stage.
"""

from __future__ import annotations

import re

from reader.analysis.marks import CLOSE, OPEN, SWITCH, TOGGLE, WEAK, paragraph_marks
from reader.analysis.paragraphs import body_paragraphs
from reader.model import Article, Quote

# Opening marks that never close (French «…«…»…», CJK 「…「…」…」): a quotation inside one of
# the same family always nests. After other openers (“…”, "…", ‘…’, Danish »…«) a second opening
# mark nests only when enough closing marks follow; otherwise the open quote lost its own.
_FORWARD_OPENERS = frozenset("«‹「『〝")

# German and Czech „…“ and ‚…‘ close with the glyph English uses to open.
_LOW_OPENER_CLOSER = {"„": "“", "‚": "‘"}

# Single marks that are far more often apostrophes (`'tis`, `’em`): they open a quote only
# when a closing mark follows in the paragraph. An unclosed ‘ opens a quote running to the
# paragraph end (British style), unless another kind of quote opens in that stretch: then the
# paragraph's quotes are double and the ‘ was an apostrophe (`the ‘burbs`).
_TENTATIVE = frozenset("'’")

_WORDLIKE = re.compile(r"[^\W_]")

Span = tuple[int, int, bool]


def _trimmed(text: str, start: int, end: int, open_ended: bool) -> Span | None:
    """The span without surrounding whitespace, or None when it holds no letter or digit."""
    inner = text[start:end]
    stripped = inner.strip()
    if not _WORDLIKE.search(stripped):
        return None
    start += len(inner) - len(inner.lstrip())
    return start, start + len(stripped), open_ended


def _paragraph_spans(text: str, lo: int, hi: int) -> list[Span]:
    """Outermost quoted spans of one paragraph, as (start, end, open_ended)."""
    spans: list[Span] = []

    def emit(start: int, end: int, open_ended: bool) -> None:
        span = _trimmed(text, start, end, open_ended)
        if span is not None:
            spans.append(span)

    family = -1  # family of the open quote, -1 when none is open
    opener = ""
    start = 0
    depth = 0
    for pos, ch, fam, role, ahead, alone in paragraph_marks(text, lo, hi):
        # Whether this mark would open a quote if none were open.
        can_open = (role == OPEN and (ahead or (alone and ch not in _TENTATIVE))) or (
            role == SWITCH and ahead
        )
        if family < 0:
            if can_open:
                family, opener, start, depth = fam, ch, pos + 1, 1
            continue
        if fam != family:
            continue
        if opener in _FORWARD_OPENERS:
            closes = ch != opener
            opens = ch == opener and role == OPEN
        else:
            closes = (
                role in (CLOSE, TOGGLE, SWITCH)
                or (role == WEAK and not ahead)
                or _LOW_OPENER_CLOSER.get(opener) == ch
            )
            opens = role == OPEN and not closes
            if opens and ahead <= depth:
                if can_open:
                    # Too few closing marks follow for a nested quotation: the open quote
                    # lost its closing mark, and this mark starts the next quote.
                    emit(start, pos, True)
                    opener, start, depth = ch, pos + 1, 1
                continue
        if closes:
            depth -= 1
            if depth == 0:
                emit(start, pos, False)
                family = -1
        elif opens:
            depth += 1
    if family >= 0 and opener not in _TENTATIVE:
        emit(start, hi, True)
    return spans


def find_quotes(article: Article) -> list[Quote]:
    """Every quoted span of the article's body, in text order, ids `<article>:q1`, `:q2`…"""
    text = article.text
    quotes: list[Quote] = []
    for block, lo, hi in body_paragraphs(article):
        for start, end, open_ended in _paragraph_spans(text, lo, hi):
            quotes.append(
                Quote(
                    id=f"{article.id}:q{len(quotes) + 1}",
                    article=article.id,
                    start=start,
                    end=end,
                    text=text[start:end],
                    block=block,
                    open_ended=open_ended,
                )
            )
    return quotes
