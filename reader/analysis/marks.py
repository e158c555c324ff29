"""Quotation marks in a paragraph and the part each one plays: open, close, or no quote at all.

Most marks are ambiguous on their own (a straight `"` opens and closes, `’` closes a quote or is
an apostrophe, `»` opens in Danish and closes in French), so a mark's role comes from its glyph
and from what stands on either side of it: a mark after a space and before a word opens, one
after a word and before a space or punctuation closes.
"""

from __future__ import annotations

import re
from typing import Any

# Roles. WEAK closes only when no firmer closing mark of its family follows in the paragraph
# (`the voters’ choice`, `a 12" pizza`); TOGGLE closes an open quote and is otherwise ignored.
# SWITCH closes an open quote, or opens one when a closing mark follows in the paragraph
# (straight marks between spaces, or in CJK text).
OPEN, CLOSE, WEAK, TOGGLE, SWITCH = 1, 2, 3, 4, 5

# Families: marks of one family close each other's quotes; other families nest inside.
FAMILIES = 7
DOUBLE, SINGLE, GUILLEMET, SINGLE_GUILLEMET, CORNER, WHITE_CORNER, DOUBLE_PRIME = range(FAMILIES)

FAMILY = {
    '"': DOUBLE,
    "＂": DOUBLE,
    "“": DOUBLE,
    "”": DOUBLE,
    "„": DOUBLE,
    "'": SINGLE,
    "‘": SINGLE,
    "’": SINGLE,
    "‚": SINGLE,
    "«": GUILLEMET,
    "»": GUILLEMET,
    "‹": SINGLE_GUILLEMET,
    "›": SINGLE_GUILLEMET,
    "「": CORNER,
    "」": CORNER,
    "『": WHITE_CORNER,
    "』": WHITE_CORNER,
    "〝": DOUBLE_PRIME,
    "〞": DOUBLE_PRIME,
    "〟": DOUBLE_PRIME,
}

# Every candidate mark, except a single quote between two letters or digits (`didn’t`, `let's`,
# `5'10`): those are apostrophes or primes, and skipping them in the regex keeps the scan fast.
MARK_RE = re.compile(r"""["＂“”„‚«»‹›「」『』〝〞〟'‘’](?<![^\W_]['‘’](?=[^\W_]))""")

# Characters after which a mark stands at the start of a quotation, and before which it
# stands at the end of one (besides the paragraph edges and whitespace).
_BEFORE_OPENING = frozenset("([{<‐-‒–—―*_“‘„‚«»‹›「『〝\"'＂")
_AFTER_CLOSING = frozenset(".,;:!?)]}>‐-‒–—―*_”’\"'»«›‹」』〞〟＂")
# Invisible characters (bidi controls, zero-width joiners, soft hyphen) are looked through.
_INVISIBLE = frozenset(
    "\u00ad\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2066\u2067\u2068\u2069\ufeff"
)

# A single opening mark that is an elision instead: ‘90s, ‘em, rock ‘n’ roll, ‘til, ‘Tis.
_ELISION = re.compile(r"(?:\d\ds?|em|n|til|cause|cos|[Tt]is|[Tt]was)(?![^\W_])")

_DOTS = re.compile(r"\.\.\.")

# Positions of a mark between its neighbours.
_LEFT, _RIGHT, _ISOLATED, _INFIX = range(4)

Mark = list[Any]
"""[position, glyph, family, role, ahead, alone]: a list, as a second pass fills in the last two.
For a WEAK mark, `ahead` is true when a firmer closing mark of its family follows before the
family's next opening mark; for an OPEN or SWITCH mark, it counts the closing marks that follow
before that next opening mark. `alone` is false for a single opening mark when a mark of another
family opens before the next single opening mark."""


def _neighbour(text: str, i: int, step: int, lo: int, hi: int) -> str:
    j = i + step
    while lo <= j < hi and text[j] in _INVISIBLE:
        j += step
    return text[j] if lo <= j < hi else ""


def _is_inch(text: str, i: int, lo: int) -> bool:
    """`5'10"`: a double mark after digits that follow a foot mark after a digit."""
    j = i - 1
    while j >= lo and text[j].isdigit():
        j -= 1
    return j < i - 1 and j > lo and text[j] in "'’′" and text[j - 1].isdigit()


def _is_hebrew_letter(ch: str) -> bool:
    return "\u05d0" <= ch <= "\u05ea"


def _is_wide(ch: str) -> bool:
    """CJK scripts and full-width forms: written without spaces between words."""
    return ch != "" and (
        "\u2e80" <= ch <= "\u9fff"
        or "\uac00" <= ch <= "\ud7af"
        or "\uf900" <= ch <= "\ufaff"
        or "\uff00" <= ch <= "\uffef"
        or "\U00020000" <= ch <= "\U0003ffff"
    )


def _position(text: str, i: int, prev: str, nxt: str) -> int:
    before_open = prev == "" or prev.isspace() or prev in _BEFORE_OPENING
    # `"...and then"`: three dots after a mark begin the quotation instead of ending it.
    after_close = (
        nxt == "" or nxt.isspace() or (nxt in _AFTER_CLOSING and not _DOTS.match(text, i + 1))
    )
    if before_open:
        return _ISOLATED if after_close else _LEFT
    return _RIGHT if after_close else _INFIX


def _role(text: str, i: int, ch: str, lo: int, hi: int) -> int | None:
    prev = text[i - 1] if i > lo else ""
    if prev in _INVISIBLE:
        prev = _neighbour(text, i, -1, lo, hi)
    nxt = text[i + 1] if i + 1 < hi else ""
    if nxt in _INVISIBLE:
        nxt = _neighbour(text, i, 1, lo, hi)
    position = _position(text, i, prev, nxt)
    if ch == '"' or ch == "＂":
        return _straight_double(text, i, lo, prev, nxt, position)
    if ch == "“":
        return CLOSE if position == _RIGHT else OPEN
    if ch == "”":
        if position == _RIGHT and prev.isdigit() and _is_inch(text, i, lo):
            return None
        return OPEN if position == _LEFT else CLOSE
    if ch == "„":
        return None if position == _RIGHT else OPEN
    if ch in "‘'’":
        if position == _LEFT:
            return None if _ELISION.match(text, i + 1, hi) else OPEN
        if position == _RIGHT:
            return _single_close(text, i, prev, nxt)
        return None
    if ch == "‚":
        return OPEN if position == _LEFT else None
    if ch in "«‹":
        return CLOSE if position == _RIGHT else OPEN
    if ch in "»›":
        return OPEN if position == _LEFT else CLOSE
    if ch in "「『〝":
        return OPEN
    return CLOSE


def _straight_double(text: str, i: int, lo: int, prev: str, nxt: str, position: int) -> int | None:
    if position == _LEFT:
        return OPEN
    if position == _RIGHT:
        if not prev.isdigit():
            return CLOSE
        if _is_inch(text, i, lo):
            return None
        # `a 12" pizza` or `in 1990" he said`: closing only if nothing firmer follows.
        return WEAK if nxt.isspace() else CLOSE
    if position == _INFIX:
        if _is_hebrew_letter(prev) and _is_hebrew_letter(nxt):
            return None  # a Hebrew acronym (צה"ל), written with a straight double mark
        if prev in ",:":
            return OPEN
    if position == _ISOLATED or _is_wide(prev) or _is_wide(nxt):
        # A mark between spaces (`" We will win, "`), or in CJK text with no spaces at all.
        return SWITCH
    return TOGGLE


def _single_close(text: str, i: int, prev: str, nxt: str) -> int | None:
    """A single mark after a word: apostrophe in `’n’`, weak after a plural `s`, else closing."""
    if prev in "nN" and i >= 2 and text[i - 2] in "'‘’":
        return None
    if prev in "sS" and nxt.isspace():
        return WEAK
    return CLOSE


def paragraph_marks(text: str, lo: int, hi: int) -> list[Mark]:
    """The quotation marks of `text[lo:hi]` that may open or close a quote, in order."""
    found = []
    for match in MARK_RE.finditer(text, lo, hi):
        i = match.start()
        ch = text[i]
        role = _role(text, i, ch, lo, hi)
        if role is not None:
            found.append([i, ch, FAMILY[ch], role, 0, True])
    if not found:
        return found
    # One pass from the end tells each WEAK mark whether a firm closing mark of its family
    # follows before the family's next opening mark, each OPEN mark how many closing marks
    # do, and each single OPEN mark whether a mark of another family opens in that stretch.
    firm_ahead = [False] * FAMILIES
    closers_ahead = [0] * FAMILIES
    foreign_ahead = False  # another family opens before the next single opening mark
    for mark in reversed(found):
        family, role = mark[2], mark[3]
        if role == WEAK:
            mark[4] = firm_ahead[family]
            closers_ahead[family] += not firm_ahead[family]
        elif role == OPEN:
            mark[4] = closers_ahead[family]
            firm_ahead[family] = False
            closers_ahead[family] = 0
        else:
            if role == SWITCH:
                mark[4] = closers_ahead[family]
            firm_ahead[family] = True
            closers_ahead[family] += 1
        if family == SINGLE:
            if role == OPEN:
                mark[5] = not foreign_ahead
                foreign_ahead = False
        elif role in (OPEN, SWITCH):
            foreign_ahead = True
    return found
