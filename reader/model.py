"""The data model shared by every layer: ingest, analysis, cache, CLI and UI.

Everything here is plain data so that an analysis can be cached, sent between processes and
exported as the public JSON contract (docs/analysis-json.md) without any UI code involved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCHEMA = "stance-reader/analysis@1"

STANCES = ("support", "oppose", "retract", "neutral")
QUOTE_KINDS = ("direct", "partial", "scare")
LINK_KINDS = ("repeat", "excerpt", "retraction", "rebuttal", "related")
SPEAKER_KINDS = ("person", "anonymous", "group")


@dataclass(slots=True)
class Block:
    """A paragraph-like region of `Article.text`.

    Quotes are only searched in `body` blocks; the UI sets `title`, `meta` (date, byline,
    section lines) and `boilerplate` (related-link lists, footers) apart from the body.
    """

    start: int
    end: int
    kind: str = "body"


@dataclass
class Article:
    """One news article as read from disk.

    `text` is the file's text decoded from UTF-8 with a BOM removed and nothing else
    normalised, so quote offsets index the file itself. For formats whose body is extracted
    from markup (html, jsonl) `text` is the extracted body and `extracted` is true, which
    makes the JSON export carry it.
    """

    id: str
    path: str
    text: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    author: str | None = None
    url: str | None = None
    blocks: list[Block] = field(default_factory=list)
    extracted: bool = False
    # Names the text refers to by a possessive or a reply ("Jenssen's comments", "in response
    # to Smith"), as (offset where the name ends, name): rebuttal evidence for linking, worked
    # out with the rest of the article (`analysis/linkprep.py`); None until then.
    references: list[tuple[int, str]] | None = None

    @property
    def chars(self) -> int:
        return len(self.text)

    def body_blocks(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "body"]

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "date": self.date,
            "source": self.source,
            "author": self.author,
            "chars": self.chars,
        }
        if self.url is not None:
            data["url"] = self.url
        if self.extracted:
            data["text"] = self.text
        return data


@dataclass
class Quote:
    """A quoted span of an article, with who said it and what it does.

    `start`/`end` cover the quoted words without the marks: `article.text[start:end] == text`.
    The fields after `cues` are analysis detail used by the UI, links and timeline; they are
    not part of the public JSON contract.
    """

    id: str
    article: str
    start: int
    end: int
    text: str
    speaker: str | None = None
    kind: str = "direct"
    stance: str = "neutral"
    stance_score: float = 0.0
    cues: list[str] = field(default_factory=list)
    # Per-article attribution, before the collection-wide merge turns it into `speaker`.
    speaker_name: str | None = None
    speaker_role: str | None = None
    speaker_kind: str | None = None
    # Offsets of the attribution phrase ("he said", "Jenssen told VG:") when one was found,
    # and the people it names as written there (titles split off): the speaker merge lists
    # them as the speaker's aliases.
    attribution: tuple[int, int] | None = None
    attribution_names: tuple[str, ...] = ()
    # Index of the block (paragraph) in `Article.blocks` that holds the quote.
    block: int = 0
    # True when no closing mark was found: the quote ran to the end of its paragraph, and by
    # news convention the next paragraph's opening quote continues the same statement.
    open_ended: bool = False
    # When the statement was made (ISO date) if known, and a sortable key that orders
    # statements even when only relative time is known (article date, then position).
    time: str | None = None
    order: float = 0.0
    # True when the quote is on the collection's topic (stance is only meaningful then).
    on_topic: bool = False
    # What linking compares the quote by: its words normalised (`normalise`), and its content
    # stems in text order, space-separated (`analysis/linkprep.py`); None until worked out.
    norm: str | None = None
    stems: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article": self.article,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "speaker": self.speaker,
            "kind": self.kind,
            "stance": self.stance,
            "stance_score": round(self.stance_score, 3),
            "cues": list(self.cues),
        }


@dataclass
class Speaker:
    """One person (or anonymous source, or group) across the whole collection."""

    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    role: str | None = None
    quotes: int = 0
    kind: str = "person"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "aliases": list(self.aliases),
            "role": self.role,
            "quotes": self.quotes,
            "kind": self.kind,
        }


@dataclass(slots=True)
class Link:
    """A connection between two quotes; `source` is the later statement when order is known."""

    source: str
    target: str
    kind: str
    score: float

    def to_json(self) -> dict[str, Any]:
        return {
            "from": self.source,
            "to": self.target,
            "kind": self.kind,
            "score": round(self.score, 1),
        }


@dataclass(slots=True)
class Shift:
    """A speaker whose stance on the topic changed between two of their quotes."""

    speaker: str
    from_quote: str
    to_quote: str
    from_stance: str
    to_stance: str

    def to_json(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "from_quote": self.from_quote,
            "to_quote": self.to_quote,
            "from_stance": self.from_stance,
            "to_stance": self.to_stance,
        }


@dataclass
class Analysis:
    """The result of analysing a collection: the one object every client reads."""

    articles: list[Article] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    shifts: list[Shift] = field(default_factory=list)
    name: str | None = None
    topic: str | None = None
    # The cache's key for this state of the collection (None when it was not cached), under
    # which what is derived from the whole analysis, such as the search index, is kept.
    key: str | None = None

    def article(self, article_id: str) -> Article | None:
        return self._index("_articles", self.articles).get(article_id)

    def quote(self, quote_id: str) -> Quote | None:
        return self._index("_quotes", self.quotes).get(quote_id)

    def speaker(self, speaker_id: str | None) -> Speaker | None:
        return self._index("_speakers", self.speakers).get(speaker_id) if speaker_id else None

    def quotes_of(self, article_id: str) -> list[Quote]:
        """The quotes of one article in text order."""
        by_article = self.__dict__.get("_by_article")
        if by_article is None:
            by_article = {}
            for quote in self.quotes:
                by_article.setdefault(quote.article, []).append(quote)
            self.__dict__["_by_article"] = by_article
        return by_article.get(article_id, [])

    def links_of(self, quote_id: str) -> list[Link]:
        """Every link touching a quote, whichever end it is."""
        by_quote = self.__dict__.get("_by_quote")
        if by_quote is None:
            by_quote = {}
            for link in self.links:
                by_quote.setdefault(link.source, []).append(link)
                by_quote.setdefault(link.target, []).append(link)
            self.__dict__["_by_quote"] = by_quote
        return by_quote.get(quote_id, [])

    def _index(self, name: str, items: list[Any]) -> dict[str, Any]:
        """Lookup tables built on first use; an Analysis is not changed after it is built."""
        index = self.__dict__.get(name)
        if index is None:
            index = {item.id: item for item in items}
            self.__dict__[name] = index
        return index

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "articles": [a.to_json() for a in self.articles],
            "speakers": [s.to_json() for s in self.speakers],
            "quotes": [q.to_json() for q in self.quotes],
            "links": [link.to_json() for link in self.links],
            "shifts": [s.to_json() for s in self.shifts],
        }
