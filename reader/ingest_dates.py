"""Dates as news pages write them, turned into ISO `YYYY-MM-DD`.

Metadata lines and meta tags spell dates in many ways (`2023-08-16`, `02 December 2024`,
`Aug. 16, 2023`, `2023-08-16T10:00:00Z`). A numeric date such as `06/08/2023` could be June or
August depending on the country, so it is only accepted when it cannot be read two ways: a
wrong date is worse than none. Dotted numbers (`16.08.2023`) are day-first everywhere they are
used, so they are read that way.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = "(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|2\d)\d\d)"

# Each pattern names its groups; `sep` tells a numeric date's separator.
_PATTERNS = [
    re.compile(
        rf"(?<!\d){_YEAR}(?P<sep>[-/.])(?P<month>\d{{1,2}})(?P=sep)(?P<day>\d{{1,2}})(?!\d)"
    ),
    re.compile(rf"(?<!\d){_DAY}(?:\s+of)?[\s.-]+{_MONTH},?[\s.-]+{_YEAR}(?!\d)", re.IGNORECASE),
    re.compile(rf"(?<![\w]){_MONTH}[\s-]+{_DAY},?[\s-]+{_YEAR}(?!\d)", re.IGNORECASE),
    re.compile(
        rf"(?<![\d.])(?P<first>\d{{1,2}})(?P<sep>[/.-])(?P<second>\d{{1,2}})(?P=sep){_YEAR}(?!\d)"
    ),
]
# Every pattern holds a year: text without one is not searched further.
_HAS_YEAR = re.compile(_YEAR)


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date found in a string: where it is and what it means."""

    start: int
    end: int
    iso: str


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def _numeric_iso(match: re.Match[str]) -> str | None:
    """Day and month of `first/second/year`, only when there is a single reading."""
    first, second, year = int(match["first"]), int(match["second"]), int(match["year"])
    if match["sep"] == ".":
        return _iso(year, second, first)
    if first == second or first > 12:
        return _iso(year, second, first)
    if second > 12:
        return _iso(year, first, second)
    return None


def _match_iso(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    if "first" in groups:
        return _numeric_iso(match)
    month_text = match["month"]
    month = int(month_text) if month_text.isdigit() else _MONTHS[month_text.lower().rstrip(".")]
    return _iso(int(match["year"]), month, int(match["day"]))


def find_date(text: str, pos: int = 0, *, anchored: bool = False) -> DateMatch | None:
    """The first valid date in `text` from `pos` (only one starting exactly at `pos` if anchored).

    Callers pass short strings (metadata lines, attribute values), so trying every pattern is
    cheap; none of the patterns can backtrack badly on long input either.
    """
    if not _HAS_YEAR.search(text, pos):
        return None
    best: DateMatch | None = None
    for pattern in _PATTERNS:
        if anchored:
            candidates = [m] if (m := pattern.match(text, pos)) else []
        else:
            candidates = pattern.finditer(text, pos)
        for match in candidates:
            if best is not None and match.start() >= best.start:
                break
            iso = _match_iso(match)
            if iso is not None:
                best = DateMatch(match.start(), match.end(), iso)
                break
    return best


def parse_date(value: str | None) -> str | None:
    """ISO date of the first date in a value such as a meta tag's content, or None."""
    if not value:
        return None
    found = find_date(value[:200])
    return found.iso if found else None
