"""Web pages saved from a browser: metadata from the head, the article body from paragraphs.

A saved page is mostly not the article: menus, share buttons, related links, comment forms,
scripts. The body is taken from `<p>` and `<blockquote>` (and list items inside `<article>`),
inside `<article>` when the page has one, never from navigation, headers, footers, asides or
elements whose class names say they are promotions. Metadata comes from the tags publishers
fill for search engines and social cards (Open Graph, `article:*`, JSON-LD, `<time>`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from reader.ingest_dates import parse_date
from reader.ingest_decode import NotText, decode_text
from reader.ingest_lines import MetaLine, classify_line, core, is_bio
from reader.model import Article, Block

Warn = Callable[[str], None]

_SKIP_TAGS = frozenset(
    {
        "head",
        "script",
        "style",
        "noscript",
        "template",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "button",
        "select",
        "svg",
        "figcaption",
        "iframe",
        "object",
        "canvas",
        "menu",
        "dialog",
    }
)
_VOID_TAGS = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
# Tags whose start closes an open <p>, as browsers do.
_CLOSES_P = frozenset(
    {
        "p",
        "div",
        "ul",
        "ol",
        "li",
        "blockquote",
        "table",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "pre",
        "figure",
        "hr",
        "dl",
        "address",
        "details",
    }
)
# Tags that end a line of loose text (pages without <p>).
_BREAKS = _CLOSES_P | {"br", "tr", "td", "th", "main", "dd", "dt", "header", "footer", "nav"}
# Loose lines shorter than this are menus and labels, not article text.
_LOOSE_WORDS = 4
# How far up the open elements a new <li> looks for an unclosed one.
_LIST_DEPTH = 32
# Only paragraphs this near the start or end of the body are tested for bylines and datelines.
_EDGE = 5
# Class or id words that mark a container as not part of the article.
# A class or id token with one of these words (`related-posts`, `author-bio`, `sd-sharing`).
_SKIP_WORDS = frozenset(
    {
        "related",
        "recommended",
        "share",
        "sharing",
        "social",
        "newsletter",
        "subscribe",
        "promo",
        "advert",
        "advertisement",
        "ad",
        "ads",
        "sponsor",
        "sponsored",
        "comment",
        "comments",
        "cookie",
        "cookies",
        "paywall",
        "breadcrumb",
        "breadcrumbs",
        "sidebar",
        "byline",
        "bio",
        "caption",
        "outbrain",
        "taboola",
    }
)
# Page-level elements carry classes about the page ("has-sidebar", "comments-open"), not
# about themselves, so class names never skip them.
_STRUCTURAL = frozenset({"html", "body", "main", "article"})
# What may stand in <head>; anything else means the page's author forgot to close it.
_HEAD_TAGS = frozenset({"title", "meta", "link", "script", "style", "noscript", "base"})
_TOKEN_PARTS = re.compile(r"[-_]+")
_BYLINE_BY = re.compile(r"^by\s+", re.IGNORECASE)
_SPACE = re.compile(r"[ \t\n\r\f]+")
_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)

_TITLE_KEYS = ("og:title", "twitter:title", "headline", "dc.title")
_DATE_KEYS = (
    "article:published_time",
    "datepublished",
    "og:article:published_time",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "citation_publication_date",
    "article.published",
    "article:modified_time",
    "datemodified",
)
_AUTHOR_KEYS = (
    "author",
    "article:author",
    "dc.creator",
    "parsely-author",
    "sailthru.author",
    "byl",
    "citation_author",
)
_SOURCE_KEYS = ("og:site_name", "application-name", "publisher", "dc.publisher")
_URL_KEYS = ("og:url", "canonical", "twitter:url")
_ARTICLE_TYPES = re.compile(r"article|posting|report|blog", re.IGNORECASE)


@dataclass
class _Paragraph:
    text: str
    article: int  # which top-level <article> holds it, 0 for none


@dataclass
class _Collector:
    """One open body element (<p>, <blockquote>, <li>) gathering its text."""

    tag: str
    article: int
    # Text per line: a <br> starts a new one; source newlines are only whitespace.
    lines: list[list[str]] = field(default_factory=lambda: [[]])


class _PageParser(HTMLParser):
    """Collects metadata and body paragraphs in one pass over the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.paragraphs: list[_Paragraph] = []
        self.ld_json: list[str] = []
        self.title_parts: list[str] = []
        self.h1_parts: list[str] = []
        self.h1_done = False
        self.time: str | None = None
        self._stack: list[tuple[str, bool]] = []  # (tag, skipped)
        self._open: dict[str, int] = {}  # how many of each tag are on the stack
        self._skip = 0
        self._article = 0  # depth of open <article> elements
        self._articles = 0  # top-level <article> elements seen
        # Text outside any paragraph, by line: the body of pages that use no <p> at all.
        self.loose: list[list[str]] = [[]]
        self._collectors: list[_Collector] = []
        self._in_title = False
        self._in_h1 = False
        self._ld: list[str] | None = None

    # --- structure ---------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            self._meta(attributes)
            return
        if tag == "link":
            if "canonical" in attributes.get("rel", "").lower().split():
                self.meta.setdefault("canonical", attributes.get("href", ""))
            return
        if tag in _BREAKS:
            self._break()
        if tag == "br":
            if self._collectors and not self._skip:
                self._collectors[-1].lines.append([])
            return
        if tag in _VOID_TAGS:
            return
        if tag in _CLOSES_P and self._stack and self._stack[-1][0] == "p":
            self._close("p")
        if tag == "li":
            self._close_open_li()
        if self._open.get("head") and tag not in _HEAD_TAGS:
            self._close("head")
        skipped = tag in _SKIP_TAGS or (
            tag not in _STRUCTURAL
            and _skipped_class(attributes.get("class", "") + " " + attributes.get("id", ""))
        )
        if tag == "script" and "ld+json" in attributes.get("type", "").lower():
            skipped = True
            self._ld = []
        self._stack.append((tag, skipped))
        self._open[tag] = self._open.get(tag, 0) + 1
        self._skip += skipped
        if tag == "article":
            self._articles += self._article == 0
            self._article += 1
        if tag == "time" and self.time is None and not self._skip and attributes.get("datetime"):
            self.time = attributes["datetime"]
        if tag == "title":
            self._in_title = True
        elif tag == "h1" and not self.h1_done and not self._skip:
            self._in_h1 = True
        elif self._collectable(tag):
            if self._collectors:
                # Text a <blockquote> or <li> held before this inner paragraph is its own.
                self._flush(self._collectors[-1])
            self._collectors.append(_Collector(tag, self._articles if self._article else 0))
        for key in ("itemprop", "property"):
            prop = attributes.get(key, "").lower()
            if prop in ("datepublished", "author", "headline") and attributes.get("content"):
                self.meta.setdefault(prop, attributes["content"])

    def _collectable(self, tag: str) -> bool:
        if self._skip:
            return False
        return tag in ("p", "blockquote") or (tag == "li" and self._article > 0)

    def _close_open_li(self) -> None:
        """A new <li> closes the previous one at the same level (an unclosed <li>)."""
        if not self._open.get("li"):
            return
        for tag, _ in reversed(self._stack[-_LIST_DEPTH:]):
            if tag in ("ul", "ol"):
                return
            if tag == "li":
                self._close("li")
                return

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _BREAKS:
            self._break()
        if self._open.get(tag):
            self._close(tag)

    def _break(self) -> None:
        if self.loose[-1]:
            self.loose.append([])

    def _close(self, tag: str) -> None:
        """Pop open elements up to and including the last `tag`."""
        while self._stack:
            open_tag, skipped = self._stack.pop()
            self._open[open_tag] -= 1
            self._skip -= skipped
            self._article -= open_tag == "article"
            self._end_element(open_tag)
            if open_tag == tag:
                return

    def _end_element(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag == "h1" and self._in_h1:
            self._in_h1 = False
            self.h1_done = bool("".join(self.h1_parts).strip())
        elif tag == "script" and self._ld is not None:
            self.ld_json.append("".join(self._ld))
            self._ld = None
        elif self._collectors and self._collectors[-1].tag == tag:
            collector = self._collectors.pop()
            self._flush(collector)

    def _flush(self, collector: _Collector) -> None:
        text = "\n".join(filter(None, (_one_line("".join(p)) for p in collector.lines)))
        collector.lines = [[]]
        if text:
            self.paragraphs.append(_Paragraph(text, collector.article))

    def close(self) -> None:
        super().close()
        self._close_all()

    def _close_all(self) -> None:
        while self._stack:
            self._close(self._stack[-1][0])

    # --- content -----------------------------------------------------------------------------

    def handle_data(self, data: str) -> None:
        if self._ld is not None:
            self._ld.append(data)
            return
        if self._in_title:
            self.title_parts.append(data)
        if self._in_h1:
            self.h1_parts.append(data)
        if self._skip:
            return
        if self._collectors:
            self._collectors[-1].lines[-1].append(data)
        else:
            self.loose[-1].append(data)

    def _meta(self, attributes: dict[str, str]) -> None:
        key = (
            (
                attributes.get("property")
                or attributes.get("name")
                or attributes.get("itemprop")
                or ""
            )
            .strip()
            .lower()
        )
        content = attributes.get("content", "").strip()
        if key and content:
            self.meta.setdefault(key, content)


def _skipped_class(names: str) -> bool:
    """Whether class/id names mark a container as promotion, navigation or comments."""
    for token in names.lower().split():
        if not _SKIP_WORDS.isdisjoint(_TOKEN_PARTS.split(token)):
            return True
    return False


def _one_line(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _first(values: dict[str, str], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = _one_line(values.get(key) or "")
        if value:
            return value
    return None


def _linked_data(scripts: list[str]) -> dict[str, str]:
    """Headline, date, author and publisher from JSON-LD, the schema.org block many sites add."""
    found: dict[str, str] = {}
    for script in scripts:
        try:
            data = json.loads(script)
        except (json.JSONDecodeError, RecursionError):
            continue
        for item in _ld_items(data):
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if not any(isinstance(k, str) and _ARTICLE_TYPES.search(k) for k in kinds):
                continue
            for key, target in (
                ("headline", "headline"),
                ("datePublished", "datepublished"),
                ("author", "author"),
                ("publisher", "publisher"),
            ):
                value = _ld_text(item.get(key))
                if value:
                    found.setdefault(target, value)
    return found


def _ld_items(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [i for d in data for i in _ld_items(d)]
    if isinstance(data, dict):
        return [data, *_ld_items(data.get("@graph", []))]
    return []


def _ld_text(value: Any) -> str | None:
    if isinstance(value, list):
        names = [_ld_text(v) for v in value]
        return ", ".join(n for n in names if n) or None
    if isinstance(value, dict):
        return _ld_text(value.get("name"))
    return value.strip() if isinstance(value, str) and value.strip() else None


def _strip_site(title: str, site: str | None) -> str:
    """`Headline | Site` → `Headline` when the site is known."""
    if site:
        for separator in (" | ", " - ", " – ", " — ", " :: "):
            suffix = separator + site
            if title.endswith(suffix) and len(title) > len(suffix):
                return title[: -len(suffix)].strip()
    return title


def _blocks(paragraphs: list[str]) -> tuple[str, list[Block], list[MetaLine]]:
    """The article text (paragraphs joined by a blank line), a block per paragraph, and what
    the byline and dateline paragraphs among them say."""
    blocks = []
    found: list[MetaLine] = []
    position = 0
    last = len(paragraphs) - 1
    for index, paragraph in enumerate(paragraphs):
        kind = "body"
        if len(paragraph) <= 400:
            text = core(paragraph)
            kind, meta = classify_line(text, index < _EDGE or index > last - _EDGE)
            if meta is not None:
                found.append(meta)
            if kind == "body" and index >= last - 1 and is_bio(text):
                kind = "boilerplate"
        blocks.append(Block(position, position + len(paragraph), kind))
        position += len(paragraph) + 2
    return "\n\n".join(paragraphs), blocks, found


def _body(parser: _PageParser) -> list[str]:
    """The article's paragraphs: those of the <article> with the most text when the page has
    one (teaser cards are <article>s too), else every paragraph, else the loose text lines."""
    sizes: dict[int, int] = {}
    for paragraph in parser.paragraphs:
        if paragraph.article:
            sizes[paragraph.article] = sizes.get(paragraph.article, 0) + len(paragraph.text)
    if sizes:
        main = max(sizes, key=lambda number: sizes[number])
        return [p.text for p in parser.paragraphs if p.article == main]
    if parser.paragraphs:
        return [p.text for p in parser.paragraphs]
    lines = (_one_line("".join(parts)) for parts in parser.loose)
    return [line for line in lines if len(line.split()) >= _LOOSE_WORDS]


def read_html(raw: bytes, stem: str, name: str, warn: Warn) -> Article:
    declared = _CHARSET.search(raw[:4096])
    text = decode_text(raw, name, warn, declared.group(1).decode("ascii") if declared else None)
    parser = _PageParser()
    try:
        parser.feed(text)
        parser.close()
    except (AssertionError, ValueError) as error:  # html.parser's errors on broken markup
        warn(f"{name}: could not parse all of the page ({error}); using what was read")
    meta = {**_linked_data(parser.ld_json), **parser.meta}
    paragraphs = _body(parser)
    if not paragraphs:
        raise NotText("no article text found in the page")
    body, blocks, in_text = _blocks(paragraphs)
    source = _first(meta, _SOURCE_KEYS)
    title = _first(meta, _TITLE_KEYS) or _one_line("".join(parser.title_parts)) or None
    if title:
        title = _strip_site(title, source)
    title = title or _one_line("".join(parser.h1_parts)) or None
    author = _BYLINE_BY.sub("", _first(meta, _AUTHOR_KEYS) or "") or None
    if author and author.startswith(("http://", "https://")):
        author = None
    date = parse_date(_first(meta, _DATE_KEYS) or parser.time)
    # Pages without meta tags often still print a byline or dateline as a paragraph.
    date = date or next((m.date for m in in_text if m.date), None)
    author = author or next((m.author for m in in_text if m.author), None)
    source = source or next((m.source for m in in_text if m.source), None)
    return Article(
        id=stem,
        path=name,
        text=body,
        title=title,
        date=date,
        source=source,
        author=author,
        url=_first(meta, _URL_KEYS),
        blocks=blocks,
        extracted=True,
    )
