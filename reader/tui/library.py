"""The analysis as the screens need it: quotes in reading order, links in time order.

`Analysis` answers lookups by id; the UI also asks "which quote comes next", "which linked quote
was said after this one" and "how does this article lean", many times per keystroke. This module
answers those from tables built once per analysis, so a keystroke never scans the collection.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from operator import attrgetter

from reader.model import Analysis, Article, Quote, Speaker
from reader.themes import speaker_markers
from reader.views import display_title, speaker_name, statement_date


@dataclass(frozen=True, slots=True)
class LinkedQuote:
    """One end of a link, seen from the other: the quote, how it relates, and which way."""

    quote: Quote
    kind: str
    score: float
    later: bool  # True when `quote` was said after the quote it is linked from


class Library:
    """Read-only navigation tables over one `Analysis` (rebuilt when the analysis changes)."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.articles: list[Article] = analysis.articles
        self._article_index = {article.id: i for i, article in enumerate(self.articles)}
        self._quotes: dict[str, list[Quote]] = {}
        for quote in analysis.quotes:
            self._quotes.setdefault(quote.article, []).append(quote)
        for quotes in self._quotes.values():
            quotes.sort(key=lambda q: q.start)
        self._starts = {aid: [q.start for q in quotes] for aid, quotes in self._quotes.items()}
        self._titles: dict[str, str] = {}

    # -- lookups ----------------------------------------------------------------------------

    def article(self, article_id: str | None) -> Article | None:
        return self.analysis.article(article_id) if article_id else None

    def title(self, article: Article) -> str:
        """The article's title; for an untitled one, its first words marked `(untitled)`,
        which say more to a reader than a file id. Display only: `article.title` stays None."""
        if article.title:
            return article.title
        title = self._titles.get(article.id)
        if title is None:
            title = self._titles[article.id] = display_title(article)
        return title

    def title_of(self, article_id: str) -> str:
        """`title` by id; an id not in the collection is shown as it is."""
        article = self.article(article_id)
        return self.title(article) if article is not None else article_id

    def article_position(self, article_id: str) -> int:
        return self._article_index.get(article_id, -1)

    def quote(self, quote_id: str | None) -> Quote | None:
        return self.analysis.quote(quote_id) if quote_id else None

    def speaker(self, speaker_id: str | None) -> Speaker | None:
        return self.analysis.speaker(speaker_id)

    def speaker_name(self, quote: Quote) -> str:
        """The collection-wide name, else the article's own attribution, else "unattributed"."""
        return speaker_name(self.analysis, quote)

    def date_of(self, quote: Quote) -> str | None:
        return statement_date(self.analysis, quote)

    def quotes_in(self, article_id: str) -> list[Quote]:
        """The article's quotes in reading order."""
        return self._quotes.get(article_id, [])

    def quote_at(self, article_id: str, offset: int) -> Quote | None:
        """The quote containing `offset`, or the nearest one before it."""
        quotes = self.quotes_in(article_id)
        index = bisect_right(self._starts.get(article_id, []), offset) - 1
        return quotes[index] if index >= 0 else None

    def stance_counts(self, article_id: str) -> Counter[str]:
        return Counter(q.stance for q in self.quotes_in(article_id))

    # -- links ------------------------------------------------------------------------------

    def time_key(self, quote: Quote) -> tuple[float, int, int]:
        """Statement order; ties (or unknown times) fall back to article order, then position."""
        return (quote.order, *self._place(quote))

    def _place(self, quote: Quote) -> tuple[int, int]:
        return (self.article_position(quote.article), quote.start)

    def linked(self, quote_id: str) -> list[LinkedQuote]:
        """Every quote linked to this one, in time order."""
        links = self.analysis.links_of(quote_id)
        # Most quotes have none, and no quote has any while a collection loads: then the
        # table of every quote by id (100,000 of them) is not built for each batch shown.
        quote = self.quote(quote_id) if links else None
        if quote is None:
            return []
        here = self.time_key(quote)
        result = []
        for link in links:
            other = self.quote(link.target if link.source == quote_id else link.source)
            if other is not None and other.id != quote_id:
                later = self.time_key(other) > here
                result.append(LinkedQuote(other, link.kind, link.score, later))
        result.sort(key=lambda lq: self.time_key(lq.quote))
        return result

    def family(self, quote_id: str) -> list[Quote]:
        """The quote and every quote linked to it, in time order: what ] and [ walk through."""
        quote = self.quote(quote_id)
        if quote is None:
            return []
        return sorted([quote, *(lq.quote for lq in self.linked(quote_id))], key=self.time_key)

    # -- speakers and time ------------------------------------------------------------------

    @cached_property
    def _by_speaker(self) -> dict[str, list[Quote]]:
        """Each speaker's quotes in time order: taken from the timeline, already in it."""
        groups: dict[str, list[Quote]] = {}
        for quote in self.timeline:
            if quote.speaker:
                groups.setdefault(quote.speaker, []).append(quote)
        return groups

    def prepare(self) -> None:
        """Build the tables the timeline and speakers screens open on (the timeline, each
        speaker's quotes in it): a tenth of a second at 100,000 quotes, which a worker thread
        can spend before either screen is asked for."""
        self.quotes_of_speaker("")  # reading any speaker's quotes builds the tables

    def quotes_of_speaker(self, speaker_id: str) -> list[Quote]:
        return self._by_speaker.get(speaker_id, [])

    def speakers(self) -> list[Speaker]:
        """People first by how often they are quoted, then by name."""
        return sorted(
            self.analysis.speakers,
            key=lambda s: (-len(self.quotes_of_speaker(s.id)), s.name.casefold()),
        )

    @cached_property
    def timeline(self) -> list[Quote]:
        """Every quote in `time_key` order, sorted in two stable passes: by place, then by
        `order`. The quotes come in place order, so the first pass is one look over them, and
        the second compares floats: one sort on the whole key took 0.4 s at 100,000 quotes."""
        quotes = sorted(self.analysis.quotes, key=self._place)
        quotes.sort(key=attrgetter("order"))
        return quotes

    @cached_property
    def shift_targets(self) -> dict[str, tuple[str, str]]:
        """Quote id → (from stance, to stance) for every quote where a speaker's stance shifted."""
        return {s.to_quote: (s.from_stance, s.to_stance) for s in self.analysis.shifts}

    @cached_property
    def markers(self) -> dict[str, str]:
        """Speaker id → the short marker that tells speakers apart without colour."""
        return speaker_markers(self.analysis.speakers)
