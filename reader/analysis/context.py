"""What surrounds a quote: its paragraph, its sentence, the narration around it, its predecessor.

Stance and time both read beyond the quoted words: `called Jenssen's suggestion “ridiculous”`
takes its topic from the narration, `A day earlier, Jenssen said:` its date. Both use the same
paragraphs and sentences as attribution (`reader.analysis.sentences`), with every quote's words
masked, so a date or a cue inside someone's quotation is never read as narration.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from reader.analysis.paragraphs import body_paragraphs
from reader.analysis.sentences import Paragraph, build_paragraph
from reader.model import Article, Quote

# Narration between two parts of one statement is short (`,” he said. “`, `He added: “`); a
# longer stretch is a new sentence of the reporter's, which starts a new statement.
CONTINUATION_GAP = 40


@dataclass(slots=True)
class QuoteContext:
    """A quote in its paragraph; offsets are the article's."""

    quote: Quote
    paragraph: Paragraph
    sentence: tuple[int, int]

    def narration(self) -> tuple[str, int, int]:
        """The quote's sentence as the reporter wrote it: `(masked, lo, hi)` where
        `masked[lo:hi]` is the sentence with every quotation masked; `masked` is indexed from
        the paragraph's start, so `masked[i]` is `text[paragraph.start + i]` outside quotes."""
        start, end = self.sentence
        base = self.paragraph.start
        return self.paragraph.masked, start - base, end - base


def quote_contexts(article: Article, quotes: list[Quote]) -> list[QuoteContext]:
    """Each quote (in text order) with its paragraph and sentence; quotes outside the body
    (a hand-built article's quote beyond its blocks) get a paragraph of their own.

    Stance and time ask for the same article one after the other, so the last answer is kept.
    """
    key = (article.text, tuple(article.blocks), tuple((q.id, q.start, q.end) for q in quotes))
    if _last[0] is not None and _last[0][0] is article and _last[0][1] == key:
        return _last[0][2]
    contexts = list(_contexts(article, quotes))
    _last[0] = (article, key, contexts)
    return contexts


_last: list[tuple[Article, tuple, list[QuoteContext]] | None] = [None]


def _contexts(article: Article, quotes: list[Quote]) -> Iterator[QuoteContext]:
    ordered = sorted(quotes, key=lambda q: (q.start, q.end))
    paragraphs = body_paragraphs(article)
    text = article.text
    i = 0
    for para in paragraphs:
        while i < len(ordered) and ordered[i].end <= para.start:
            yield _alone(text, ordered[i])
            i += 1
        inside: list[Quote] = []
        while i < len(ordered) and ordered[i].start < para.end:
            inside.append(ordered[i])
            i += 1
        if not inside:
            continue
        built = build_paragraph(text, para.start, para.end, inside)
        for quote in inside:
            yield QuoteContext(quote, built, _sentence(built, quote))
    for quote in ordered[i:]:
        yield _alone(text, quote)


def _alone(text: str, quote: Quote) -> QuoteContext:
    built = build_paragraph(text, quote.start, quote.end, [quote])
    return QuoteContext(quote, built, (quote.start, quote.end))


def _sentence(para: Paragraph, quote: Quote) -> tuple[int, int]:
    """The sentence(s) holding the quote, widened to cover all of it (quotes span sentences)."""
    first = para.sentence_at(max(0, quote.start - para.start))
    last = para.sentence_at(max(0, quote.end - 1 - para.start))
    return para.start + para.sentences[first][0], para.start + para.sentences[last][1]


def continues(previous: Quote | None, quote: Quote, text: str) -> bool:
    """Whether `quote` carries on `previous` (the quote just before it): the same statement.

    Split quotes (`“A,” he said. “B”`), `He added: “...”`, and the news convention of a
    paragraph that opens with a quote and no attribution continuing the previous speaker.
    """
    if previous is None or quote.speaker_name is None:
        return False
    if previous.speaker_name != quote.speaker_name:
        return False
    if quote.attribution is None or quote.attribution == previous.attribution:
        return True
    gap = text[previous.end : quote.start]
    return len(gap.strip()) <= CONTINUATION_GAP
