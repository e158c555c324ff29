"""Properties of the quote finder that hold for any text whatsoever."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.analysis.quotes import find_quotes
from reader.model import Article, Block

# Quotation marks, apostrophes, primes, spaces, line breaks, bidi controls, a combining accent,
# emoji, CJK and right-to-left letters, digits and punctuation: where the finder's rules meet.
QUOTE_HEAVY = (
    "\"'“”„‚‘’«»‹›「」『』〝〞〟＂′″ \t\n\r\u200f\u200e\u0301😀語שa b s n 5 1 .,;:!?—-()[]…"
)

quote_heavy_text = st.lists(st.sampled_from(QUOTE_HEAVY), max_size=120).map("".join)


MARKS = "\"'“”„‚‘’«»‹›「」『』〝〞〟＂"
BLANK_LINE = re.compile(r"(?:\r?\n|\r(?!\n))[^\S\r\n]*(?:\r?\n|\r(?!\n))")


def check(article: Article) -> None:
    quotes = find_quotes(article)
    text = article.text
    for n, quote in enumerate(quotes, 1):
        assert 0 <= quote.start < quote.end <= len(text)
        assert text[quote.start : quote.end] == quote.text
        assert quote.text == quote.text.strip()
        assert any(ch.isalnum() for ch in quote.text)
        assert quote.id == f"{article.id}:q{n}"
        # The span starts right after an opening mark and, when closed, ends at a closing one.
        before, after = text[: quote.start].rstrip(), text[quote.end :].lstrip()
        assert before and before[-1] in MARKS
        if not quote.open_ended:
            assert after and after[0] in MARKS
        # An unclosed quote ends at its paragraph: no quote spans a blank line.
        assert not BLANK_LINE.search(quote.text)
    for a, b in zip(quotes, quotes[1:], strict=False):
        assert a.end <= b.start  # sorted, and no quote overlaps (or nests in) another


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_any_text(text: str) -> None:
    check(Article("a", "a.txt", text))


@settings(max_examples=300, deadline=None)
@given(quote_heavy_text)
def test_quote_heavy_text(text: str) -> None:
    check(Article("a", "a.txt", text))


@settings(max_examples=150, deadline=None)
@given(
    quote_heavy_text,
    st.lists(
        st.tuples(
            st.integers(-5, 130), st.integers(-5, 130), st.sampled_from(["body", "title", "meta"])
        ),
        max_size=6,
    ),
)
def test_quote_heavy_text_with_any_blocks(text: str, spans: list[tuple[int, int, str]]) -> None:
    blocks = [Block(start, end, kind) for start, end, kind in spans]
    article = Article("a", "a.txt", text, blocks=blocks)
    check(article)
    if not blocks:
        return  # the paragraph fallback: covered by the tests above
    for quote in find_quotes(article):
        block = blocks[quote.block]
        assert block.kind == "body"
        assert block.start <= quote.start and quote.end <= block.end


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet="abc ’'s", max_size=8), max_size=6), quote_heavy_text)
def test_a_closed_curly_quote_is_found_whole(words: list[str], noise: str) -> None:
    """A clean “…” quote after a paragraph break is found exactly, whatever came before."""
    inner = "Word " + " ".join(words) + " end."
    text = noise + "\n\nHe said “" + inner + "” and left."
    quotes = find_quotes(Article("a", "a.txt", text))
    assert quotes and quotes[-1].text == inner.strip()
    assert not quotes[-1].open_ended
