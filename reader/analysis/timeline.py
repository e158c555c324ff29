"""When each statement was made, so that statements can be put in order across articles.

News reports a statement relative to its own date: `on Tuesday`, `a day earlier`, `last week`,
`in 2022`. Each quote takes its time from the narration of its own sentence (never from inside
a quotation: a speaker's own `on Tuesday` is about something else), else from the statement it
continues, else from an earlier sentence of its paragraph (`The comments were made on Tuesday
... “I think ...,” he said`), else the article's date: a statement reported on day D was made
on or before D.

Relative words resolve against the article's date (`yesterday`, `last week`, `on Tuesday`: the
most recent Tuesday on or before it) or, for `a day earlier` and `the previous day`, against the
last date the article mentioned before them.

The order key (`Quote.order`), at day resolution:
- a statement with a known date: that day's proleptic ordinal (`date.toordinal()`, about
  739,000 today; a month or year counts from its first day). `date_order` turns an ISO date
  string into the same key.
- in an article without a date, the statement's day relative to the article's own unknown day
  (0, -1 for `a day earlier`, -7 for `last week`), plus `UNDATED`: statements of unknown date
  sort after all dated ones, among themselves by relative day. A weekday in an undated article
  is placed relative to the latest weekday the article names (`on Tuesday` ... `on Wednesday`
  → -1, 0).
Ties (the same day) are meant to be broken by the article's place in the collection, then the
quote's position in it, as `reader.analysis.links` does.

An undated article's statements can still be dated from the collection: a repeat or an excerpt
of a statement is the same statement, so once links are known, `share_times` gives an undated
quote the time of its dated copies, and the article's other undated quotes that time shifted by
their relative days.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from reader.analysis.context import QuoteContext, continues, quote_contexts
from reader.analysis.paragraphs import Paragraph, body_paragraphs
from reader.model import Article, Quote

UNDATED = 10_000_000.0  # above every date's ordinal (9999-12-31 is 3,652,059)
LAST_DATED = float(date.max.toordinal())  # an order above this is relative to an unknown day
# Dated copies of an undated article's statements each say which day the article's own day is;
# when they agree within this many days (`last week` is no more precise), the article's other
# statements are dated from the earliest of them.
AGREEMENT_DAYS = 7

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        1,
    )
    for name in names
}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
NUMBERS |= {"seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": 3, "a few": 3}
UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY = "|".join(WEEKDAYS)
# Verbose pattern: the space inside `a few` must be spelled out.
_NUMBER = r"\d{1,3}|" + "|".join(
    name.replace(" ", r"\s+") for name in sorted(NUMBERS, key=len, reverse=True)
)
_EXPRESSION = re.compile(
    rf"""
    \b(?=\w)(?:  # every expression starts a word: tested once here, not in each alternative
    \b(?P<iso>(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}}))\b
    | \b(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b
      (?:,?\s+(?P<y1>\d{{4}})\b)?
    | \b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH})\b\.?
      (?:,?\s+(?P<y2>\d{{4}})\b)?
    | \b(?:in|since|during|until|by|last|early|late|mid-?)\s+(?P<m3>{_MONTH})\b
      (?:\s+(?P<y3>\d{{4}})\b)?
    | \b(?:in|since|during|until|by)\s+(?:early\s+|late\s+|mid-?)?(?P<y4>(?:19|20)\d{{2}})\b
    | \b(?P<last>last\s+)?(?P<wd>{_DAY})\b
    | \b(?P<yesterday>yesterday)\b
    | \b(?P<today>today|tonight|this\s+(?:morning|afternoon|evening))\b
    | \b(?P<n>{_NUMBER})\s+(?P<u1>day|week|month|year)s?\s+
      (?P<dir>ago|earlier|before|prior|later|after)\b
    | \bthe\s+(?P<prevnext>previous|prior|next|following)\s+(?P<u2>day|week|month|year)\b
    | \bthe\s+(?P<u3>day|week|month|year)\s+before\b
    | \b(?:last|past)\s+(?P<u4>week|month|year)\b
    | \bearlier\s+this\s+(?P<u5>week|month|year)\b
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class When:
    """A point in time: a date (at day, month or year precision) or, in an undated article, a
    number of days relative to the article's own day."""

    day: date | None = None
    offset: int = 0
    precision: str = "day"

    def shifted(self, days: int) -> When:
        if self.day is not None:
            return replace(self, day=self.day + timedelta(days=days))
        return replace(self, offset=self.offset + days)

    def iso(self) -> str | None:
        if self.day is None:
            return None
        if self.precision == "year":
            return f"{self.day.year:04d}"
        if self.precision == "month":
            return f"{self.day.year:04d}-{self.day.month:02d}"
        return self.day.isoformat()

    def order(self) -> float:
        return float(self.day.toordinal()) if self.day is not None else UNDATED + self.offset


def date_order(value: str | None) -> float | None:
    """The order key of an ISO date (`2023-08-16`, `2023-08`, `2023`), or None if it is not one."""
    parsed = parse_iso(value)
    return None if parsed is None else parsed.order()


def parse_iso(value: str | None) -> When | None:
    if not value:
        return None
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value.strip())
    if match is None:
        return None
    year, month, day = match.groups()
    try:
        parsed = date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    precision = "day" if day else "month" if month else "year"
    return When(parsed, 0, precision)


@dataclass(frozen=True, slots=True)
class _Mention:
    """A time expression in the narration: where it is, and when it says."""

    start: int
    end: int
    when: When


def assign_times(article: Article, quotes: list[Quote]) -> None:
    """Set `time` (ISO date, or None) and `order` (see the module docstring) on each quote."""
    if not quotes:
        return
    published = parse_iso(article.date)
    if published is not None and published.precision != "day":
        published = None
    contexts = quote_contexts(article, quotes)
    mentions = _mentions(article, quotes, published, contexts)
    starts = [m.start for m in mentions]
    default = published if published is not None else When()
    times: dict[str, When] = {}
    previous: Quote | None = None
    for context in contexts:
        quote = context.quote
        when = _nearest(mentions, starts, *context.sentence, quote)
        if when is None and quote.attribution is not None:
            when = _nearest(mentions, starts, *quote.attribution, quote)
        if when is None and previous is not None and continues(previous, quote, article.text):
            when = times.get(previous.id)
        if when is None:
            inside = _within(mentions, starts, context.paragraph.start, context.sentence[0])
            when = inside[-1].when if inside else None
        when = when if when is not None else default
        times[quote.id] = when
        quote.time = when.iso()
        quote.order = when.order()
        previous = quote


def _within(mentions: list[_Mention], starts: list[int], start: int, end: int) -> list[_Mention]:
    """The mentions inside `start:end` (`starts` are the mentions' starts, in order)."""
    first, last = bisect_left(starts, start), bisect_left(starts, end)
    return [m for m in mentions[first:last] if m.end <= end]


def _nearest(
    mentions: list[_Mention], starts: list[int], start: int, end: int, quote: Quote
) -> When | None:
    """The mention in `start:end` closest to the quote."""
    inside = _within(mentions, starts, start, end)
    if not inside:
        return None
    return min(inside, key=lambda m: max(quote.start - m.end, m.start - quote.end, 0)).when


def _mentions(
    article: Article, quotes: list[Quote], published: When | None, contexts: list[QuoteContext]
) -> list[_Mention]:
    """Time expressions in the body's narration, in order, each resolved.

    A quote reads the mentions of its own sentence, its attribution and its paragraph, so
    only the paragraphs holding those are scanned. The other paragraphs matter only as the
    anchor of a relative expression (`a day earlier`: earlier than the last date named), so
    when the first scan finds one, every paragraph up to the last quote is scanned; and, in an
    undated article, for the weekday the story ends on, which a scan for weekday names alone
    finds.
    """
    spans = sorted((q.start, q.end) for q in quotes)
    last = max(end for _, end in spans)
    paragraphs = [p for p in body_paragraphs(article) if p.start <= last]
    # (A date after the last quote dates no quote.)
    firsts = [p.start for p in paragraphs]
    needed: set[int] = set()
    for context in contexts:
        sentence = context.sentence
        ranges = [sentence, (context.paragraph.start, sentence[0])]
        if context.quote.attribution is not None:
            ranges.append(context.quote.attribution)
        for lo, hi in ranges:
            n = max(0, bisect_right(firsts, lo) - 1)
            while n < len(paragraphs) and paragraphs[n].start < hi:
                if lo < paragraphs[n].end:
                    needed.add(n)
                n += 1
    found = _scan(article.text, [paragraphs[n] for n in sorted(needed)], spans)
    if len(needed) < len(paragraphs) and _needs_anchors(found):
        found = _scan(article.text, paragraphs, spans)
    weekday_ref = None
    if published is None and any(m.group("wd") for m in found):
        weekday_ref = _reference_weekday(_weekdays(article.text, paragraphs, spans))
    anchor = published if published is not None else When()
    mentions: list[_Mention] = []
    for match in found:
        when = _resolve(match, published, anchor, weekday_ref)
        if when is None:
            continue
        mentions.append(_Mention(match.start(), match.end(), when))
        if when.precision == "day":
            anchor = when
    return mentions


def _scan(
    text: str, paragraphs: list[Paragraph], spans: list[tuple[int, int]]
) -> list[re.Match[str]]:
    """Time expressions of `paragraphs` outside the quotes' `spans`, in text order."""
    quote_starts = [a for a, _ in spans]
    found: list[re.Match[str]] = []
    for paragraph in paragraphs:
        for lo, hi in _windows(text, paragraph.start, paragraph.end):
            for match in _EXPRESSION.finditer(text, lo, hi):
                # Quotes do not overlap: only the last one starting before the match's end can
                # hold part of it.
                i = bisect_left(quote_starts, match.end()) - 1
                inside = i >= 0 and spans[i][1] > match.start()
                if not inside and _plausible(match):
                    found.append(match)
    return found


def _needs_anchors(found: list[re.Match[str]]) -> bool:
    """Whether an expression in `found` is relative to the last date named before it (`a day
    earlier`, `the previous day`, `the day before`), which may be in any paragraph."""
    for match in found:
        g = match.group
        if g("prevnext") or g("u3") or (g("n") and g("dir").lower() != "ago"):
            return True
    return False


_WEEKDAY = re.compile(rf"\b(?:{_DAY})\b", re.IGNORECASE)


def _weekdays(text: str, paragraphs: list[Paragraph], spans: list[tuple[int, int]]) -> set[int]:
    """The weekdays (0 = Monday) the narration of `paragraphs` names, as `_scan` finds them:
    capitalised, outside quotes."""
    quote_starts = [a for a, _ in spans]
    days = set()
    for paragraph in paragraphs:
        for match in _WEEKDAY.finditer(text, paragraph.start, paragraph.end):
            i = bisect_left(quote_starts, match.end()) - 1
            if match.group()[0].isupper() and not (i >= 0 and spans[i][1] > match.start()):
                days.add(WEEKDAYS.index(match.group().lower()))
    return days


# Every time expression holds one of these words or a number; a paragraph with none is skipped.
_LOWER_TRIGGERS = frozenset(UNIT_DAYS) | {f"{unit}s" for unit in UNIT_DAYS}
_LOWER_TRIGGERS |= {"yesterday", "today", "tonight", "morning", "afternoon", "evening"}
# Names of months and days are capitalised (`_plausible`); other words may start a sentence.
TRIGGERS = (
    frozenset(name.capitalize() for name in (*MONTHS, *WEEKDAYS))
    | _LOWER_TRIGGERS
    | {word.capitalize() for word in _LOWER_TRIGGERS}
    | frozenset("0123456789")
)
_TRIGGER_WORDS = sorted((w for w in TRIGGERS if not w.isdigit()), key=len, reverse=True)
# A trigger word, or a number; the lookahead (a trigger's first letter or a digit) lets the
# engine skip other characters quickly.
_TRIGGER = re.compile(
    rf"(?=[{re.escape(''.join(sorted({w[0] for w in _TRIGGER_WORDS})))}\d])"
    rf"(?:\b(?:{'|'.join(_TRIGGER_WORDS)})\b|\d+)"
)
# How far an expression reaches before its trigger word (`in early 2022`) and after it.
_REACH_BEFORE, _REACH_AFTER = 32, 24


def _windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Stretches of `text[start:end]` around its trigger words, merged where they overlap.

    The full pattern is slow to try at every character; the trigger words alone are found
    quickly by one pattern, compiled once.
    """
    windows: list[tuple[int, int]] = []
    for word in _TRIGGER.finditer(text, start, end):
        lo = max(start, word.start() - _REACH_BEFORE)
        hi = min(end, word.end() + _REACH_AFTER)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


def _plausible(match: re.Match[str]) -> bool:
    """Month and weekday names are capitalised in English; `may` and `march` otherwise are not
    dates."""
    for group in ("m1", "m2", "m3", "wd"):
        word = match.group(group)
        if word is not None and not word[0].isupper():
            return False
    return True


def _reference_weekday(days: set[int]) -> int | None:
    """For an undated article: the weekday its story ends on, the one that makes every named
    weekday fit in the shortest stretch of days before it."""
    if not days:
        return None
    return min(days, key=lambda ref: max((ref - d) % 7 for d in days))


def _resolve(
    match: re.Match[str], published: When | None, anchor: When, weekday_ref: int | None
) -> When | None:
    try:
        return _resolved(match, published, anchor, weekday_ref)
    except (ValueError, OverflowError):
        return None  # `February 30`, or a day before 1 January of year 1


def _resolved(
    match: re.Match[str], published: When | None, anchor: When, weekday_ref: int | None
) -> When | None:
    g = match.group
    base = published if published is not None else When()
    if g("iso"):
        return When(date(int(g("iy")), int(g("im")), int(g("id"))))
    if g("m1") or g("m2"):
        month = MONTHS[(g("m1") or g("m2")).lower()]
        return _day_in_year(month, int(g("d1") or g("d2")), g("y1") or g("y2"), published)
    if g("m3"):
        return _month(MONTHS[g("m3").lower()], g("y3"), published)
    if g("y4"):
        return When(date(int(g("y4")), 1, 1), precision="year")
    if g("wd"):
        weekday = WEEKDAYS.index(g("wd").lower())
        reference = published.day.weekday() if published and published.day else weekday_ref
        delta = ((reference if reference is not None else weekday) - weekday) % 7
        if g("last") and delta == 0:
            delta = 7
        return base.shifted(-delta)
    if g("yesterday"):
        return base.shifted(-1)
    if g("today"):
        return base
    if g("n"):
        count = g("n")
        days = int(count) if count.isdigit() else NUMBERS[" ".join(count.lower().split())]
        days *= UNIT_DAYS[g("u1").lower()]
        direction = g("dir").lower()
        if direction == "ago":
            return base.shifted(-days)
        return anchor.shifted(days if direction in ("later", "after") else -days)
    if g("prevnext"):
        days = UNIT_DAYS[g("u2").lower()]
        forward = g("prevnext").lower() in ("next", "following")
        return anchor.shifted(days if forward else -days)
    if g("u3"):
        return anchor.shifted(-UNIT_DAYS[g("u3").lower()])
    unit = (g("u4") or g("u5") or "").lower()
    return _this_or_last(unit, last=bool(g("u4")), base=base)


def _this_or_last(unit: str, last: bool, base: When) -> When:
    """`last week` (seven days before), `last month`, `earlier this year`..."""
    if unit == "week" or base.day is None:
        return base.shifted(-UNIT_DAYS[unit] if last else -1)
    day = base.day
    if unit == "month":
        if last:
            day = (day.replace(day=1) - timedelta(days=1)).replace(day=1)
        return When(day.replace(day=1), precision="month")
    return When(date(day.year - 1 if last else day.year, 1, 1), precision="year")


def _day_in_year(month: int, day: int, year: str | None, published: When | None) -> When | None:
    if year is not None:
        return When(date(int(year), month, day))
    if published is None or published.day is None:
        return None
    candidate = date(published.day.year, month, day)
    if candidate > published.day:
        candidate = date(published.day.year - 1, month, day)
    return When(candidate)


def _month(month: int, year: str | None, published: When | None) -> When | None:
    if year is not None:
        return When(date(int(year), month, 1), precision="month")
    if published is None or published.day is None:
        return None
    y = published.day.year if month <= published.day.month else published.day.year - 1
    return When(date(y, month, 1), precision="month")


def is_undated(order: float) -> bool:
    """Whether an order key is relative to an undated article's unknown day (`UNDATED + n`)."""
    return order > LAST_DATED


def share_times(quotes: Sequence[Quote], same: Iterable[tuple[int, int]]) -> set[int]:
    """Date undated statements from their dated copies; returns the indices of quotes changed.

    `same` pairs indices of `quotes` that are one statement reported twice (repeats, excerpts).
    Each group of copies takes the earliest known time among its members: a report on day D
    says the words were said on or before D, so the earliest report bounds it best. An undated
    article whose quotes were dated so learns its own day (the copy's day minus the quote's
    relative day); when its copies agree on that day within `AGREEMENT_DAYS`, its other undated
    quotes are dated by their relative days (`last week`: seven days before), which may in turn
    date the copies of those, and so on until nothing changes.
    """
    parent: dict[int, int] = {}

    def root(i: int) -> int:
        parent.setdefault(i, i)
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in same:
        a, b = root(i), root(j)
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in parent:
        groups[root(i)].append(i)
    undated_by_article: dict[str, list[int]] = defaultdict(list)
    for i, q in enumerate(quotes):
        if is_undated(q.order):
            undated_by_article[q.article].append(i)

    changed: set[int] = set()
    pending = set(groups)
    while pending:
        estimates: dict[str, list[float]] = defaultdict(list)
        for g in sorted(pending):
            members = groups[g]
            dated = [m for m in members if not is_undated(quotes[m].order)]
            if not dated or len(dated) == len(members):
                continue
            source = quotes[min(dated, key=lambda m: (quotes[m].order, m))]
            for m in members:
                q = quotes[m]
                if is_undated(q.order):
                    if source.time is not None and len(source.time) == 10:  # a day
                        estimates[q.article].append(source.order - (q.order - UNDATED))
                    q.order, q.time = source.order, source.time
                    changed.add(m)
        pending = set()
        for article, days in estimates.items():
            if max(days) - min(days) > AGREEMENT_DAYS:
                continue  # the copies disagree on when the article was written
            for m in undated_by_article[article]:
                q = quotes[m]
                if not is_undated(q.order):
                    continue
                order = min(days) + (q.order - UNDATED)
                if not 1 <= order <= LAST_DATED:
                    continue
                q.order, q.time = order, date.fromordinal(int(order)).isoformat()
                changed.add(m)
                if m in parent:
                    pending.add(root(m))
    return changed
