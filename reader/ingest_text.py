"""The structure of a plain-text article: its blocks, title, date, byline and source.

Saved news text follows a loose convention: a headline first, then datelines, bylines and
section or agency bullets, then the body, and at the end a byline, the author's bio and a list
of related headlines. Each paragraph is classified on its own (`ingest_lines`) and then by
where it stands, so that a bullet list at the top is metadata, the same list at the end is
boilerplate and in between it is body text.

Paragraphs are blank-line separated; a file without blank lines has a paragraph per line.
Within a paragraph, lines that are metadata, bullets or footers become blocks of their own, so
`Headline\\nBy Jane Doe\\n\\nBody...` still yields a title, a byline and a body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.ingest_dates import parse_date
from reader.ingest_lines import (
    SHORT,
    MetaLine,
    bullet_end,
    classify_line,
    core,
    dateline_source,
    is_agency,
    is_bio,
    is_related_header,
    meta_line,
    meta_prefix,
)
from reader.model import Block

_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_NEWLINE = re.compile(r"\n")
_RULE = re.compile(r"[=\-_*~\s]{3,}")
_UNDERLINE = re.compile(r"=+|-+")
_FRONT_MATTER = re.compile(r"---[^\S\n]*\r?\n")
_FRONT_END = re.compile(r"^(?:---|\.\.\.)[^\S\n]*$", re.MULTILINE)
_FRONT_KEY = re.compile(r"(?P<key>[A-Za-z_]+)\s*:\s*(?P<value>.*)")
_CLOSERS = "\"'”’»)]*_ \t\r"
_TERMINAL = ".:;,"
# Metadata bullets (`- World`, `- Anadolu Agency`) are only looked for this near the top.
_HEAD_UNITS = 8
# Datelines and bylines stand near the top or the end; paragraphs further in are not tested
# for them, which keeps a text of a million short lines fast.
_EDGE = 12
# At most this many metadata lines may stand before the headline.
_HEAD_META = 3
# A short bullet is a section or agency name, not a list item of the body.
_BULLET_META_WORDS = 5
# Longer units are prose: they skip the line tests entirely (which keeps huge lines fast).
_PROSE = 2 * SHORT
# Kinds of rule lines until `_rules` gives them the kind of what they separate.
_RULE_KIND = "rule"
_UNDERLINE_KIND = "underline"


@dataclass
class TextInfo:
    """What the structure of a text says about its article."""

    blocks: list[Block] = field(default_factory=list)
    title: str | None = None
    date: str | None = None
    author: str | None = None
    source: str | None = None


@dataclass(slots=True)
class _Unit:
    start: int
    end: int
    kind: str = "body"
    bullet: bool = False
    meta: MetaLine | None = None
    core: str = ""
    # For a dateline prefixed to body text ("prefix"): where the dateline ends, the body starts.
    prefix_end: int = 0
    body_start: int = 0


def analyse_text(text: str, *, known_title: str | None = None) -> TextInfo:
    """Blocks and metadata of an article's text.

    `known_title` is the title a container gave (a JSON Lines record): the first line is only
    a title block when it repeats it, and the article keeps the given title either way.
    """
    info = TextInfo()
    front_end = _front_matter(text, info)
    units = _units(text, front_end)
    if front_end:
        units.insert(0, _Unit(0, _strip_end(text, 0, front_end), "meta"))
    tail = len(units) - _EDGE
    for index, unit in enumerate(units):
        if unit.kind == "body":
            _classify(unit, text, index, index < _EDGE or index >= tail)
    _find_title(units[1:] if front_end else units, text, info, known_title)
    _head_bullets(units)
    _trailing(units, text)
    _rules(units)
    _collect_meta(units, text, info)
    info.blocks = _blocks(units)
    return info


def _strip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """`start:end` without surrounding whitespace, without copying a huge paragraph."""
    while start < end and text[start].isspace():
        start += 1
    return start, _strip_end(text, start, end)


def _paragraphs(text: str, start: int) -> list[tuple[int, int]]:
    """Blank-line separated spans; a text without blank lines has one per line."""
    spans = []
    separator = _BLANK_LINE if _BLANK_LINE.search(text, start) else _NEWLINE
    position = start
    for match in separator.finditer(text, start):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(text)))
    stripped = (_strip_span(text, a, b) for a, b in spans)
    return [(a, b) for a, b in stripped if a < b]


def _units(text: str, start: int) -> list[_Unit]:
    """Paragraphs, with metadata, bullet and footer lines split out of multi-line ones."""
    units: list[_Unit] = []
    paragraphs = _paragraphs(text, start)
    tail = len(paragraphs) - _EDGE
    for index, (para_start, para_end) in enumerate(paragraphs):
        if text.find("\n", para_start, para_end) >= 0:
            _split_lines(text, para_start, para_end, units, index < _EDGE or index >= tail)
        elif _is_rule(text, para_start, para_end):
            units.append(_Unit(para_start, para_end, _RULE_KIND))
        else:
            units.append(_Unit(para_start, para_end))
    return units


def _is_rule(text: str, start: int, end: int) -> bool:
    """A Markdown rule or setext underline (`---`, `* * *`, `=====`): layout, not text."""
    return end - start <= SHORT and _RULE.fullmatch(text, start, end) is not None


def _split_lines(text: str, start: int, end: int, units: list[_Unit], edge: bool) -> None:
    """Split one multi-line paragraph into units: special lines alone, prose lines together."""
    group_start: int | None = None
    group_end = start
    position = start
    listing = False  # after a "Related stories" heading every line is an item of its own
    while position < end:
        newline = text.find("\n", position, end)
        line_end = end if newline < 0 else newline
        a, b = _strip_span(text, position, line_end)
        position = line_end + 1
        if a >= b:
            continue
        rule = _is_rule(text, a, b)
        first = group_start is None and not units
        line = text[a:b] if b - a <= SHORT else ""
        alone = listing or (line and _special_line(line, first, edge))
        listing = listing or (bool(line) and is_related_header(core(line)))
        if not rule and not alone:
            group_start = a if group_start is None else group_start
            group_end = b
            continue
        underline = rule and group_start is not None and _UNDERLINE.fullmatch(text, a, b)
        if group_start is not None:
            units.append(_Unit(group_start, group_end))
            group_start = None
        kind = _UNDERLINE_KIND if underline else _RULE_KIND if rule else "body"
        units.append(_Unit(a, b, kind))
    if group_start is not None:
        units.append(_Unit(group_start, group_end))


def _special_line(line: str, first: bool, edge: bool) -> bool:
    """A line that stands alone even inside a paragraph: a list item, a footer, metadata near
    the top or end, or a Markdown heading opening the text."""
    if bullet_end(line) or (first and line.startswith("#")):
        return True
    return classify_line(core(line), edge)[0] != "body"


def _front_matter(text: str, info: TextInfo) -> int:
    """Markdown front matter (`---` / `title: ...` / `---`): read it, return where it ends."""
    if not _FRONT_MATTER.match(text):
        return 0
    closing = _FRONT_END.search(text, 3, 8192)
    if not closing:
        return 0
    for line in text[3 : closing.start()].splitlines():
        pair = _FRONT_KEY.fullmatch(line.strip())
        if not pair:
            continue
        key, value = pair["key"].lower(), pair["value"].strip().strip("\"'")
        if not value:
            continue
        if key == "title":
            info.title = value
        elif key in ("date", "published", "pubdate"):
            info.date = parse_date(value)
        elif key in ("author", "authors", "byline"):
            info.author = value
        elif key in ("source", "publisher", "site"):
            info.source = value
    return closing.end()


def _classify(unit: _Unit, text: str, index: int, edge: bool) -> None:
    """Kind of a unit from its own words; position-dependent rules come later. Only short
    units can be metadata or footers, so long ones cost a bullet check and nothing more;
    only units near the top or end (`edge`) can be metadata."""
    length = unit.end - unit.start
    unit.bullet = bullet_end(text[unit.start : unit.start + 4]) > 0
    if length <= SHORT:
        unit.core = core(text[unit.start : unit.end])
        unit.kind, unit.meta = classify_line(unit.core, edge)
    if unit.kind == "body" and index < _HEAD_UNITS:
        _split_prefix(unit, text)


def _core(unit: _Unit, text: str) -> str:
    """A unit's classifying text, also for units too long to be metadata (bios run longer)."""
    if not unit.core and unit.end - unit.start <= _PROSE:
        unit.core = core(text[unit.start : unit.end])
    return unit.core


def _split_prefix(unit: _Unit, text: str) -> None:
    """`date 2023-08-16 Ukraine reacted...`: mark the dateline; the caller keeps the rest."""
    line_end = text.find("\n", unit.start, unit.end)
    line = text[unit.start : unit.end if line_end < 0 else line_end]
    split = meta_prefix(line[:_PROSE])
    if split is not None:
        end, body = split
        unit.meta = meta_line(core(line[:end]))
        unit.kind = "prefix"
        unit.prefix_end, unit.body_start = unit.start + end, unit.start + body


def _headline(text: str) -> bool:
    """Whether a line reads as a headline: short, and not a sentence ending in a full stop."""
    words = text.split()
    if not words or len(text) > SHORT or len(words) > 30 or not any(c.isalpha() for c in text):
        return False
    last = text.rstrip(_CLOSERS)[-1:]
    if last == ".":
        # "Biden Signs Bill." is a headline; "The comments were made." is a sentence.
        capitalised = sum(1 for w in words if w[0].isupper())
        return len(words) <= 12 and capitalised >= 0.6 * len(words)
    return last not in _TERMINAL


def _find_title(units: list[_Unit], text: str, info: TextInfo, known: str | None) -> None:
    """The first unit (after any datelines) is the title when it is one line that reads as a
    headline (or repeats the title the container gave) and more text follows it."""
    if known is not None:
        info.title = known
    skip = 0
    while skip < min(len(units), _HEAD_META) and units[skip].kind in ("meta", _RULE_KIND):
        skip += 1
    units = units[skip:]
    if len(units) < 2 or units[0].kind != "body" or units[0].bullet:
        return
    first = units[0]
    if text.find("\n", first.start, first.end) >= 0:
        return
    raw = text[first.start : first.end]
    heading = core(raw) if len(raw) <= SHORT else ""
    if known is not None:
        if _normal(heading) == _normal(known):
            first.kind = "title"
    elif _headline(heading) or (raw.startswith("#") and heading):
        first.kind = "title"
        info.title = info.title or heading


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def _head_bullets(units: list[_Unit]) -> None:
    """Bullets near the top (`- World`, `- Anadolu Agency`) are section and agency lines when
    the whole run reads so: every item a short label, and either a metadata line or an agency
    among or next to them, or only capitalised names of a few words (sections)."""
    head = units[:_HEAD_UNITS]
    index = 0
    while index < len(head):
        if not (head[index].kind == "body" and head[index].bullet):
            index += 1
            continue
        end = index
        while end < len(head) and head[end].bullet and head[end].kind in ("body", "meta"):
            end += 1
        run = [u for u in head[index:end] if u.kind == "body"]
        neighbours = head[max(index - 1, 0) : end + 1]
        signal = any(u.kind == "meta" for u in neighbours) or any(is_agency(u.core) for u in run)
        if all(_is_label(u.core) for u in run) and (
            signal or all(_is_section(u.core) for u in run)
        ):
            for unit in run:
                unit.kind = "meta"
                unit.meta = MetaLine(source=unit.core if is_agency(unit.core) else None)
        index = end


def _is_label(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= _BULLET_META_WORDS and text.rstrip(_CLOSERS)[-1:] not in ".?!:;,"


def _is_section(text: str) -> bool:
    words = text.split()
    return len(words) <= 3 and all(w[0].isupper() or w == "&" for w in words)


def _trailing(units: list[_Unit], text: str) -> None:
    """Related-headline lists, bios and footers after the last paragraph of the body.

    A list introduced by a line of the body ending in a colon ("Key points:", "The deal
    includes:") is that paragraph's own list, however much its items read like headlines,
    unless they are links; a related-stories heading ("Read more:") makes its list boilerplate.
    """
    body = [i for i, u in enumerate(units) if u.kind == "body"]
    if not body:
        return
    tail: list[int] = []
    header = False
    stop = body[0]
    for index in range(len(units) - 1, body[0], -1):
        unit = units[index]
        if unit.kind in ("meta", "boilerplate", _RULE_KIND, _UNDERLINE_KIND):
            continue
        if unit.kind != "body":
            stop = index
            break
        if unit.bullet or is_bio(_core(unit, text)):
            tail.append(index)
        elif is_related_header(unit.core):
            header = True
            tail.append(index)
        else:
            stop = index
            break
    bullets = [units[i] for i in tail if units[i].bullet]
    introduced = (
        units[stop].kind == "body"
        and stop + 1 < len(units)
        and units[stop + 1].bullet
        and _core(units[stop], text).endswith(":")
        and not any("](" in text[u.start : u.end] for u in bullets)
    )
    related = header or (
        not introduced and len(bullets) >= 2 and all(_headline_item(u.core) for u in bullets)
    )
    for index in tail:
        if not units[index].bullet or related:
            units[index].kind = "boilerplate"
    _related_section(units, body)


def _headline_item(text: str) -> bool:
    """A list item that reads as another article's headline, not a point of the body's list:
    capitalised, a few words at least, not ending like a clause."""
    return len(text.split()) >= 3 and text[:1].isupper() and text[-1:] not in ",;:"


def _related_section(units: list[_Unit], body: list[int]) -> None:
    """A `Related stories` heading followed only by short lines: all of it is boilerplate."""
    start = max(body[0] + 1, len(units) - 20)
    for index in range(start, len(units)):
        unit = units[index]
        if unit.kind not in ("body", "boilerplate") or not is_related_header(unit.core):
            continue
        rest = units[index + 1 :]
        if all(u.kind != "body" or (u.core and len(u.core) <= SHORT) for u in rest):
            for later in units[index:]:
                if later.kind == "body":
                    later.kind = "boilerplate"
            return


def _rules(units: list[_Unit]) -> None:
    """Rules are set apart from the body, never body themselves. A setext underline
    (`Title` over `=====`) belongs to the line it underlines; a thematic break (`---`,
    `* * *`) joins the metadata or boilerplate it stands next to, and is boilerplate (page
    layout, not the article's words) between two paragraphs of the body."""
    for index, unit in enumerate(units):
        if unit.kind == _UNDERLINE_KIND:
            above = units[index - 1].kind
            unit.kind = "body" if above in ("prefix", _RULE_KIND) else above
    for index, unit in enumerate(units):
        if unit.kind != _RULE_KIND:
            continue
        after = next((u.kind for u in units[index + 1 :] if u.kind != _RULE_KIND), None)
        before = units[index - 1].kind if index else None
        if after in ("meta", "boilerplate"):
            unit.kind = after
        elif before in ("title", "meta") or (before is None and after == "title"):
            unit.kind = "meta"
        else:
            unit.kind = "boilerplate"


def _collect_meta(units: list[_Unit], text: str, info: TextInfo) -> None:
    """Date, author and source from the metadata units; a published date beats an update."""
    dates: list[tuple[int, str]] = []
    for unit in units:
        meta = unit.meta
        if meta is None or unit.kind not in ("meta", "prefix"):
            continue
        if meta.date:
            dates.append((meta.rank, meta.date))
        if meta.author and not info.author:
            info.author = meta.author
        if meta.source and not info.source:
            info.source = meta.source
    if dates and not info.date:
        info.date = min(dates, key=lambda d: d[0])[1]
    if not info.source:
        first_body = next((u for u in units[:_HEAD_UNITS] if u.kind in ("body", "prefix")), None)
        if first_body is not None:
            start = first_body.body_start if first_body.kind == "prefix" else first_body.start
            info.source = dateline_source(text[start : start + 120])


def _blocks(units: list[_Unit]) -> list[Block]:
    blocks = []
    for unit in units:
        if unit.kind == "prefix":
            blocks.append(Block(unit.start, unit.prefix_end, "meta"))
            blocks.append(Block(unit.body_start, unit.end, "body"))
        else:
            blocks.append(Block(unit.start, unit.end, unit.kind))
    return blocks
