"""The part of linking that depends on one article alone, done with the rest of its analysis.

Linking compares quotes across the whole collection, but what it compares them by (each quote's
normalised words and content stems) and the names an article's possessives and replies refer to
come from one article each. Working them out per article puts that work in the analysis workers,
in parallel, and in the cache with the article: re-opening a collection after one file changed
then does not redo it for every other article.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.analysis.evidence import Lexicon, load_lexicon, name_references
from reader.analysis.normalise import content_stems, words
from reader.model import Article, Quote


def text_form(text: str) -> tuple[str, str]:
    """A text's normalised words (`normalise`) and its content stems, space-separated."""
    tokens = words(text)
    return " ".join(tokens), " ".join(content_stems(tokens))


def prepare_article(article: Article, quotes: Sequence[Quote]) -> None:
    """Record what linking needs from this article on it and its quotes."""
    for quote in quotes:
        quote.norm, quote.stems = text_form(quote.text)
    article.references = name_references(article.text, load_lexicon())


def quote_form(quote: Quote) -> tuple[str, str]:
    """A quote's `text_form`, worked out here for one that did not come through
    `prepare_article` (a quote built by hand)."""
    if quote.norm is None or quote.stems is None:
        return text_form(quote.text)
    return quote.norm, quote.stems


def article_references(article: Article, lexicon: Lexicon) -> list[tuple[int, str]]:
    """The article's name references (`Article.references`), worked out if they were not."""
    if article.references is not None:
        return article.references
    return name_references(article.text, lexicon)
