"""The reader's navigation tables (`Library`): what they answer, and what they cost."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.model import Analysis, Article, Block, Link, Quote
from reader.tui.library import Library

TEXT = "\u201cWe will never sell the port,\u201d she said. \u201cIt stays ours.\u201d"


def analysis(links: list[Link]) -> Analysis:
    article = Article("a1", "/news/a1.txt", TEXT, blocks=[Block(0, len(TEXT), "body")])
    first, second = TEXT.index("We"), TEXT.index("It")
    quotes = [
        Quote("a1:q1", "a1", first, first + 27, TEXT[first : first + 27], order=1.0),
        Quote("a1:q2", "a1", second, second + 13, TEXT[second : second + 13], order=2.0),
    ]
    return Analysis(articles=[article], quotes=quotes, links=links)


def test_linked_quotes_come_in_time_order_with_their_kind() -> None:
    library = Library(analysis([Link("a1:q2", "a1:q1", "related", 61.0)]))
    (linked,) = library.linked("a1:q1")
    assert (linked.quote.id, linked.kind, linked.score, linked.later) == (
        "a1:q2",
        "related",
        61.0,
        True,
    )
    assert [q.id for q in library.family("a1:q2")] == ["a1:q1", "a1:q2"]


def test_a_quote_without_links_does_not_build_the_table_of_quotes() -> None:
    """While a collection loads no quote has links, and the status line asks for the current
    quote's at every tick: the table of every quote by id (100,000 at 10,000 articles) would
    be built again for each batch of arriving articles."""
    unlinked = analysis([])
    assert Library(unlinked).linked("a1:q1") == []
    assert "_quotes" not in vars(unlinked)


# (article, start, order, speaker): few values of each, so that ties are common, and an article
# ("gone") that the collection does not hold.
_QUOTE = st.tuples(
    st.sampled_from(["a1", "a2", "a3", "gone"]),
    st.integers(0, 5),
    st.sampled_from([0.0, 1.5, 2.0, 7.0]),
    st.sampled_from([None, "s1", "s2"]),
)


@given(st.lists(_QUOTE, max_size=40))
def test_timeline_and_speakers_follow_the_time_key_whatever_the_order_given(
    rows: list[tuple[str, int, float, str | None]],
) -> None:
    """The timeline is sorted in two passes (place, then order) and each speaker's quotes are
    read off it: both must give what one sort on the whole key gives, ties and all."""
    articles = [Article(aid, f"/news/{aid}.txt", "x" * 10) for aid in ("a1", "a2", "a3")]
    quotes = [
        Quote(f"q{n}", aid, start, start + 1, "x", speaker=speaker, order=order)
        for n, (aid, start, order, speaker) in enumerate(rows)
    ]
    library = Library(Analysis(articles=articles, quotes=quotes))
    assert library.timeline == sorted(quotes, key=library.time_key)
    for speaker in ("s1", "s2"):
        own = [q for q in quotes if q.speaker == speaker]
        assert library.quotes_of_speaker(speaker) == sorted(own, key=library.time_key)
