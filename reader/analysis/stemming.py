"""The one stemmer of the analysis: stance cues and links both fold a word's inflections with it.

Cue phrases are data written by people (`cede` must find `ceding`), and linking files quotes
under their content words (`territories` must meet `territory`, `Jenssen's` must meet
`Jenssen`). One function serves both, so a word has the same key wherever it is compared, and a
fix to one inflection is a fix everywhere.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A suffix-stripping stem that makes the inflections of one English word meet.

    `cede`, `cedes`, `ceded`, `ceding` → `ced`; `territory`, `territories` → `territory`;
    `stopping` → `stop`; `jenssen's` → `jenssen`. Expects a lower-case word with straight
    apostrophes. It only needs to be consistent, since phrases and text go through it alike;
    words with digits or inner apostrophes (`2022`, `didn't`) are kept whole.
    """
    if word.endswith("'s") and len(word) > 3:
        word = word[:-2]
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith(("ies", "ied")) and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("ing") and len(word) > 5:
        word = word[:-3]
    elif word.endswith("ed") and len(word) > 4 or word.endswith("es") and len(word) > 4:
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]
    return word
