"""Whether two quoted texts are the same words (a repeat) or one is cut from the other (an excerpt).

Both compare normalised text (`normalise.py`) with rapidfuzz: `ratio` for whole-text repeats,
`partial_ratio_alignment` for a fragment inside a longer quote. Two guards keep fuzzy scores from
joining different statements that look alike:
- negation must agree: "Putin will not come back" is not a repeat of "Putin will come back",
  although the strings are 90% alike;
- a fragment must be long enough to be evidence on its own (`MIN_EXCERPT_WORDS` words with
  `MIN_EXCERPT_CONTENT` content words): "under the NATO umbrella" is, "NATO umbrella" is not,
  because two-word phrases recur in unrelated statements. Shorter fragments are excerpts only
  with corroboration from their speakers (see `links.py`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from reader.analysis.normalise import is_negation, words

REPEAT_RATIO = 90.0
EXCERPT_RATIO = 90.0
MIN_EXCERPT_WORDS = 3
MIN_EXCERPT_CONTENT = 2
# Share of a text's content words another must hold to be looked at as its repeat or source:
# below 1 because bracketed insertions ("[Putin]" for "he") are not in the other text.
EXCERPT_CONTAINMENT = 0.8


def _negations(tokens: Sequence[str]) -> int:
    return sum(1 for token in tokens if is_negation(token))


def is_long_fragment(word_count: int, content_count: int) -> bool:
    """Long enough (in words, and in content words) to be matched as an excerpt on its wording
    alone."""
    return word_count >= MIN_EXCERPT_WORDS and content_count >= MIN_EXCERPT_CONTENT


@dataclass(slots=True)
class Text:
    """A distinct quoted text prepared for comparison."""

    norm: str  # normalised words joined by spaces
    word_count: int
    stems: set[str]  # content stems
    own: set[str]  # content stems outside bracketed insertions: the speaker's own words
    _negation_count: int | None = None

    @property
    def negations(self) -> int:
        """Negating words of the text, counted on first use: a text is compared often."""
        if self._negation_count is None:
            self._negation_count = _negations(self.norm.split(" "))
        return self._negation_count


def compare(short: Text, long: Text) -> tuple[str, float] | None:
    """`("repeat" | "excerpt", score)` for two texts, or None; `short` is the shorter.

    A repeat needs the whole texts alike and no content word swapped for another: one text's
    own words must all occur in the other, so a cut (`…`) or an insertion (`[Putin]`) is a
    repeat while "what the committee will decide about the vote" and "... about the subsidy"
    are two statements. An excerpt needs the short text to be a long-enough fragment whose own
    content words all occur in the long one, found nearly verbatim inside it.
    """
    ratio = fuzz.ratio(short.norm, long.norm, score_cutoff=REPEAT_RATIO)
    if (
        ratio
        and short.negations == long.negations
        and (short.own <= long.stems or long.own <= short.stems)
    ):
        return "repeat", ratio
    if not is_long_fragment(short.word_count, len(short.stems)) or not short.own <= long.stems:
        return None
    alignment = fuzz.partial_ratio_alignment(short.norm, long.norm, score_cutoff=EXCERPT_RATIO)
    if alignment is None:
        return None
    # Widen the matched window to whole words before comparing negations.
    start = long.norm.rfind(" ", 0, alignment.dest_start) + 1
    end = long.norm.find(" ", alignment.dest_end)
    window = words(long.norm[start : end if end >= 0 else len(long.norm)])
    if _negations(window) != short.negations:
        return None
    return "excerpt", alignment.score


def contains_words(fragment: str, text: str) -> bool:
    """Whether the normalised `fragment` occurs in normalised `text` as whole words."""
    return f" {fragment} " in f" {text} "
