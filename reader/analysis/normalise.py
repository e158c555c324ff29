"""Text normalisation for comparing quotes: the same words should compare equal however an
outlet typeset them.

Outlets reprint a statement with curly or straight marks, a different case, `…` or `...` for a
cut, and editorial insertions in brackets (`take under [the] NATO umbrella`). Normalising to
lower-case words joined by single spaces makes all of those compare equal. Bracketed insertions
keep their words and lose the brackets: an insertion usually restores a word the speaker said
or implied (`[the]`), so keeping it matches the outlet that printed the word without brackets.
"""

from __future__ import annotations

import re

from reader.analysis.stemming import stem

# Typographic variants folded to one form before words are cut out. Ellipses and dashes become
# spaces so `return … I'm` and `return... I'm` both read as two separate words.
_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u2026": " ",
        "\u2013": " ",
        "\u2014": " ",
        "\u00a0": " ",
    }
)

# A word: letters/digits, with inner apostrophes kept (`i'm`, `ukraine's`, `didn't`).
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")

# Function words carry no subject: they never make two quotes "about the same thing". This is
# a property of English, not a stance cue, so it lives here rather than in a cue list.
_STOPWORD_TEXT = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each either else
    even ever every few for from further had has have having he her here hers herself him himself
    his how however i if in into is it its itself just let me might more most much must my myself
    no nor not now of off on once one only or other our ours ourselves out over own per quite
    rather really same shall she should so some such than that the their theirs them themselves
    then there these they this those though through thus to too under until up upon us very was
    we were what when where whether which while who whom whose why will with within without would
    yet you your yours yourself yourselves i'm it's that's there's we're they're you're he's she's
    i've we've they've i'd we'd they'd i'll we'll they'll don't doesn't didn't isn't aren't wasn't
    weren't won't wouldn't can't cannot couldn't shouldn't hasn't haven't hadn't let's what's
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

NEGATIONS = frozenset({"not", "no", "never", "nor", "none", "nobody", "nothing", "neither"})


def words(text: str) -> list[str]:
    """Lower-case words of `text`, with typographic variants and all punctuation removed."""
    if not text.isascii() or "`" in text:  # most quotes need no folding: skip the table pass
        text = text.translate(_FOLD)
    return _WORD.findall(text.casefold())


_BRACKETED = re.compile(r"\[([^\[\]]*)\]")


def bracketed_stems(text: str) -> set[str]:
    """Content stems inside editorial brackets (`[Putin]`): words the speaker did not say."""
    if "[" not in text:
        return set()
    return {s for inner in _BRACKETED.findall(text) for s in content_stems(words(inner))}


def normalise(text: str) -> str:
    """The comparison form of a quote: its words joined by single spaces."""
    return " ".join(words(text))


def is_negation(word: str) -> bool:
    return word in NEGATIONS or word.endswith("n't")


# Memo of `content_stem` by word: a collection reuses a vocabulary far smaller than its text.
_CONTENT_STEMS: dict[str, str | None] = {}


def content_stem(token: str) -> str | None:
    """The stem of a word that carries meaning; None for function words and negations."""
    if token in STOPWORDS or len(token) < 2 or is_negation(token):
        return None
    return stem(token)


def content_stems(tokens: list[str]) -> list[str]:
    """Stems of the words that carry meaning, in text order, without repeats."""
    memo = _CONTENT_STEMS
    if len(memo) > 1 << 20:
        memo.clear()
    stems: dict[str, None] = {}
    for token in tokens:
        found = memo.get(token, token)
        if found is token:
            found = memo[token] = content_stem(token)
        if found is not None:
            stems[found] = None
    return list(stems)
