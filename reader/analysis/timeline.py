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
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
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
_LOWER_EXPRESSION = re.compile(_EXPRESSION.pattern, re.VERBOSE)  # for lowercased text


@dataclass(frozen=True, slots=True)
class When:
    """A point in time: a date (at day, month or year precision) or, in an undated article, a
    number of days relative to the article's own day."""

    day: date | None = None
    offset: int = 0
    precision: str = "day"

    def shifted(self, days: int) -> When:
        # (Built directly: `dataclasses.replace` is several times slower.)
        if self.day is not None:
            return When(self.day + timedelta(days=days), self.offset, self.precision)
        return When(None, self.offset + days, self.precision)

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
    narration = _Narration(article.text, paragraphs, spans)
    found = narration.expressions(sorted(needed))
    if len(needed) < len(paragraphs) and _needs_anchors(found):
        found = narration.expressions(range(len(paragraphs)))
    weekday_ref = None
    if published is None and any(m.group("wd") for m in found):
        weekday_ref = _reference_weekday(narration.weekdays())
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


# Matching lowercase words with `re.IGNORECASE` is the same as matching them against the
# lowercased text, at the same offsets (and about twice as fast), except in a text holding one of
# these: `ı` and `ſ` match `i` and `s` but lowercase to themselves; `İ` lowercases to two
# characters. (tests/test_timeline.py checks this for every character.)
CASE_TRAPS = ("\u0130", "\u0131", "\u017f")


_UNTRAP = str.maketrans({"\u0130": "I", "\u0131": "i", "\u017f": "s"})


def _fold_case_traps(word: str | None) -> str | None:
    """A matched word as the IGNORECASE patterns read it (`Tueſday` is `Tuesday`), so that it
    lower-cases to the name it matched."""
    return word.translate(_UNTRAP) if word else word


class _Narration:
    """The time expressions and weekday names of an article's body paragraphs, outside quotes.

    The patterns read the text lowercased once (see `CASE_TRAPS`), and each paragraph's
    expressions are kept: the scan of every paragraph for anchors repeats those scanned first.
    """

    def __init__(
        self, text: str, paragraphs: list[Paragraph], spans: list[tuple[int, int]]
    ) -> None:
        self.text = text
        # The text the patterns read: lowercased, unless it holds one of the `CASE_TRAPS`.
        self.lowered = not any(trap in text for trap in CASE_TRAPS)
        if self.lowered:
            self.read = text[: paragraphs[-1].end].lower() if paragraphs else ""
            self.expression, self.weekday = _LOWER_EXPRESSION, _LOWER_WEEKDAY
        else:
            self.read, self.expression, self.weekday = text, _EXPRESSION, _WEEKDAY
        self.paragraphs = paragraphs
        self.spans = spans
        self.quote_starts = [a for a, _ in spans]
        self.found: dict[int, list[re.Match[str]]] = {}

    def expressions(self, indices: Iterable[int]) -> list[re.Match[str]]:
        """Time expressions of the paragraphs at `indices` (ascending), in text order. The
        matches may read the lowercased text: only their offsets tell the case."""
        found: list[re.Match[str]] = []
        for n in indices:
            if n not in self.found:
                paragraph = self.paragraphs[n]
                self.found[n] = [
                    match
                    for lo, hi in _windows(self.text, paragraph.start, paragraph.end)
                    for match in self.expression.finditer(self.read, lo, hi)
                    if not self._quoted(*match.span()) and self._plausible(match)
                ]
            found.extend(self.found[n])
        return found

    def weekdays(self) -> set[int]:
        """The weekdays (0 = Monday) the narration names, as `expressions` finds them:
        capitalised, outside quotes. (Every weekday's name ends in `day`.)"""
        days = set()
        for start, end in ((p.start, p.end) for p in self.paragraphs):
            if self.lowered and self.read.find("day", start, end) < 0:
                continue
            for match in self.weekday.finditer(self.read, start, end):
                if self.text[match.start()].isupper() and not self._quoted(*match.span()):
                    days.add(WEEKDAYS.index(_fold_case_traps(match.group()).lower()))
        return days

    def _quoted(self, start: int, end: int) -> bool:
        """Whether `start:end` overlaps a quote. Quotes do not overlap: only the last one
        starting before `end` can hold part of it."""
        i = bisect_left(self.quote_starts, end) - 1
        return i >= 0 and self.spans[i][1] > start

    def _plausible(self, match: re.Match[str]) -> bool:
        """Month and weekday names are capitalised in English; `may` and `march` otherwise are
        not dates."""
        for group in ("m1", "m2", "m3", "wd"):
            start = match.start(group)
            if start >= 0 and not self.text[start].isupper():
                return False
        return True


def _needs_anchors(found: list[re.Match[str]]) -> bool:
    """Whether an expression in `found` is relative to the last date named before it (`a day
    earlier`, `the previous day`, `the day before`), which may be in any paragraph."""
    for match in found:
        g = match.group
        if g("prevnext") or g("u3") or (g("n") and g("dir").lower() != "ago"):
            return True
    return False


_WEEKDAY = re.compile(rf"\b(?:{_DAY})\b", re.IGNORECASE)
_LOWER_WEEKDAY = re.compile(_WEEKDAY.pattern)


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


def _by_first_letter(words: list[str]) -> str:
    """An alternation of `words` grouped by first letter (`M(?:onday|ay)|T(?:uesday)...`): the
    engine then tries the words of one letter only. Words keep their order within a group, so
    the pattern matches as the plain alternation does."""
    groups: dict[str, list[str]] = defaultdict(list)
    for word in words:
        groups[word[0]].append(re.escape(word[1:]))
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in groups.items())


# A number, or a trigger word after a character outside words (what `\b` means before a word).
# Both begin with a character of the leading class, so the engine skips the letters between them
# without trying the pattern there: several times faster than `\b(?:words)\b|\d+`.
_TRIGGER = re.compile(rf"[\W\d](?:(?<=\d)\d*|(?P<word>{_by_first_letter(_TRIGGER_WORDS)})\b)")
# A trigger word at the very start of the text, with no character before it.
_FIRST_TRIGGER = re.compile(rf"(?:{'|'.join(_TRIGGER_WORDS)})\b")
# How far an expression reaches before its trigger word (`in early 2022`) and after it.
_REACH_BEFORE, _REACH_AFTER = 32, 24


def _windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Stretches of `text[start:end]` around its trigger words, merged where they overlap.

    The full pattern is slow to try at every character; the trigger words alone are found
    quickly by one pattern, compiled once.
    """
    windows: list[tuple[int, int]] = []
    for word_start, word_end in _triggers(text, start, end):
        lo = max(start, word_start - _REACH_BEFORE)
        hi = min(end, word_end + _REACH_AFTER)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


def _triggers(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Spans of the trigger words and numbers in `text[start:end]`, in order."""
    if start == 0:
        first = _FIRST_TRIGGER.match(text, 0, end)
        if first is not None:
            yield first.span()
    elif not text[start - 1].isdecimal():  # (`\d` is `isdecimal`)
        # The character before `start` may stand before a trigger word at `start`; a digit
        # there would be read as the start of a number.
        start -= 1
    for match in _TRIGGER.finditer(text, start, end):
        yield (match.start("word") if match.lastgroup else match.start()), match.end()


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
    def g(name: str) -> str | None:
        return _fold_case_traps(match.group(name))

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
