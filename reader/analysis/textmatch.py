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

from rapidfuzz import fuzz

from reader.analysis.normalise import is_negation, words

REPEAT_RATIO = 90.0
EXCERPT_RATIO = 90.0
MIN_EXCERPT_WORDS = 3
MIN_EXCERPT_CONTENT = 2
# Share of the fragment's content words that must occur in the longer quote, so a fuzzy window
# that merely looks similar character by character is not taken for the same words.
EXCERPT_CONTAINMENT = 0.8


def _negations(tokens: Sequence[str]) -> int:
    return sum(1 for token in tokens if is_negation(token))


def is_long_fragment(tokens: Sequence[str], stems: Sequence[str]) -> bool:
    """Long enough to be matched as an excerpt on its wording alone."""
    return len(tokens) >= MIN_EXCERPT_WORDS and len(stems) >= MIN_EXCERPT_CONTENT


def compare(
    short: tuple[str, Sequence[str], set[str]],
    long: tuple[str, Sequence[str], set[str]],
) -> tuple[str, float] | None:
    """`("repeat" | "excerpt", score)` for two (normalised text, tokens, stems), or None.

    `short` must be the shorter text. A repeat needs the whole texts alike; an excerpt needs the
    short one to be a long-enough fragment found, nearly verbatim, inside the long one.
    """
    short_norm, short_tokens, short_stems = short
    long_norm, long_tokens, long_stems = long
    ratio = fuzz.ratio(short_norm, long_norm, score_cutoff=REPEAT_RATIO)
    if ratio and _negations(short_tokens) == _negations(long_tokens):
        return "repeat", ratio
    if not is_long_fragment(short_tokens, short_stems):
        return None
    if len(short_stems & long_stems) < EXCERPT_CONTAINMENT * len(short_stems):
        return None
    alignment = fuzz.partial_ratio_alignment(short_norm, long_norm, score_cutoff=EXCERPT_RATIO)
    if alignment is None:
        return None
    # Widen the matched window to whole words before comparing negations.
    start = long_norm.rfind(" ", 0, alignment.dest_start) + 1
    end = long_norm.find(" ", alignment.dest_end)
    window = words(long_norm[start : end if end >= 0 else len(long_norm)])
    if _negations(window) != _negations(short_tokens):
        return None
    return "excerpt", alignment.score


def contains_words(fragment: str, text: str) -> bool:
    """Whether the normalised `fragment` occurs in normalised `text` as whole words."""
    return f" {fragment} " in f" {text} "
