"""Finding cue phrases and topic terms in text: words, not regular expressions.

Cue lists are data written by people (reader/lexicon/stance.toml, a collection's
collection.toml), so a phrase is matched the way a reader would expect: case-insensitively,
word by word, with inflections folded (`cede` finds `ceding`, `territory` finds
`territories`), typographic variants folded (`shouldn’t` is `shouldn't`), hyphens optional
(`cease-fire` is `ceasefire`) and `*` standing for any one word. Topic terms may also have up to
two words inserted (`give up territory` finds `giving up its territories`).

Matching walks the words once and looks phrases up by their first word, so its cost grows with
the length of the text, not with the number of phrases: a collection of 100,000 quotes is
scored in seconds with lexicons of any size.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from reader.analysis.stemming import stem

WILDCARD = "*"
# Words that may sit inside a multi-word topic term: `give up (its) territory`.
TERM_GAP = 2

_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u2032": "'", "`": "'"})
_FOLDED = "\u2018\u2019\u02bc\u2032"  # the marks folded, but "`", which is ASCII
# A word (letters and digits, hyphenated parts kept together, inner apostrophes kept), or one
# punctuation mark that ends a clause. Brackets are skipped: an editor's `[the]` is a word of
# the sentence, the brackets are not.
_TOKEN = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*|[.!?…;:,()—–]|(?<=\s)-(?=\s)|\*")
_CLITICS = ("'s", "'m", "'re", "'ve", "'ll", "'d")

SENTENCE_END = frozenset(".!?")
# Clause boundaries for the reach of a negation or a hedge; words too, since "but" starts a
# new claim (`not a solution, but ...`, `not ideal but possible`).
CLAUSE_WORDS = frozenset({"but", "however", "although", "though", "whereas", "yet", "while"})


class Tokens:
    """The words and clause punctuation of a text: `norms[i]` is a stem, or the mark itself.

    `starts[i]`/`ends[i]` are token i's offsets in the text; most texts only need their norms
    (a quote with no cue shows no cue text), so offsets are found on first use.
    """

    __slots__ = ("_chunk", "_ends", "_offset", "_starts", "norms")

    def __init__(self, norms: list[str], chunk: str, offset: int) -> None:
        self.norms = norms
        self._chunk = chunk  # the (folded) text tokenized, at `offset` in the original
        self._offset = offset
        self._starts: list[int] | None = None
        self._ends: list[int] = []

    def __len__(self) -> int:
        return len(self.norms)

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._locate()
        return self._starts  # type: ignore[return-value]

    @property
    def ends(self) -> list[int]:
        if self._starts is None:
            self._locate()
        return self._ends

    def _locate(self) -> None:
        base = self._offset
        found = list(_TOKEN.finditer(self._chunk))
        if len(found) == len(self.norms):  # no `n't` or `'s` split off
            self._starts = [m.start() + base for m in found]
            self._ends = [m.end() + base for m in found]
            return
        starts: list[int] = []
        ends: list[int] = []
        for match in found:
            a = match.start() + base
            for _, lo, hi in _pieces.get(match.group()) or _split_word(match.group()):
                starts.append(a + lo)
                ends.append(a + hi)
        self._starts, self._ends = starts, ends


def tokenize(text: str, start: int = 0, end: int | None = None) -> Tokens:
    """Tokens of `text[start:end]`, with offsets into `text` (cue texts are cut from it)."""
    chunk = text[start:end]  # only the slice: a paragraph of a long article
    if not chunk.isascii() and any(mark in chunk for mark in _FOLDED) or "`" in chunk:
        chunk = chunk.translate(_FOLD)
    get = _norms.get
    split = [get(word) or _word_norms(word) for word in _TOKEN.findall(chunk)]
    if len(split) == sum(map(len, split)):  # no `n't` or `'s` split off
        norms = [pieces[0] for pieces in split]
    else:
        norms = [norm for pieces in split for norm in pieces]
    return Tokens(norms, chunk, start)


# Each distinct word is split and stemmed once per process: news reuses its vocabulary, so the
# cache makes tokenizing a dictionary lookup per word. Bounded so a hostile text cannot grow it.
_pieces: dict[str, tuple[tuple[str, int, int], ...]] = {}
_PIECES_MAX = 100_000
# The same, norms only (what most texts need): `doesn't` → (`doe`, `n't`).
_norms: dict[str, tuple[str, ...]] = {}


def _split_word(word: str) -> tuple[tuple[str, int, int], ...]:
    """A token's normalised pieces with offsets: `doesn't` → `doe`, `n't`; `Ukraine's` →
    `ukrain`, `'s`; `cease-fire` → `ceasefir`."""
    lower = word.lower()
    size = len(word)
    if len(lower) != size:  # a character whose lower case is longer: keep it whole
        lower = word
    if lower.endswith("n't") and size > 3:
        pieces = (_norm(lower[:-3]), 0, size - 3), ("n't", size - 3, size)
    else:
        cut = lower.rfind("'")
        if cut > 0 and lower[cut:] in _CLITICS:
            pieces = (_norm(lower[:cut]), 0, cut), (lower[cut:], cut, size)
        else:
            pieces = ((_norm(lower), 0, size),)
    if len(_pieces) < _PIECES_MAX:
        _pieces[word] = pieces
        _norms[word] = tuple(norm for norm, _, _ in pieces)
    return pieces


def _word_norms(word: str) -> tuple[str, ...]:
    return tuple(norm for norm, _, _ in _split_word(word))


def _norm(word: str) -> str:
    return stem(word.replace("-", "")) if word[:1].isalnum() else word


@dataclass(frozen=True, slots=True)
class Match:
    """Phrase of `kind` covering tokens `first` to `last` (inclusive)."""

    kind: str
    first: int
    last: int


class PhraseIndex:
    """Phrases of several kinds, looked up by their first word.

    `find` reports, left to right, the longest phrase starting at each word and skips the words
    it covers, so `shouldn't have said` is one retraction cue and its `n't` no negation.
    """

    def __init__(self, phrases: Mapping[str, Iterable[str]], gap: int = 0) -> None:
        self.gap = gap
        by_first: dict[str, list[tuple[list[str], str, bool]]] = {}
        for kind, items in phrases.items():
            for phrase in items:
                norms = tokenize(phrase).norms
                while norms and norms[0] == WILDCARD:
                    norms = norms[1:]
                if norms:
                    exact = gap == 0 and WILDCARD not in norms  # compared as one slice
                    by_first.setdefault(norms[0], []).append((norms, kind, exact))
        for entries in by_first.values():
            entries.sort(key=lambda entry: -len(entry[0]))  # the longest phrase wins
        self._by_first = by_first

    def find(self, tokens: Tokens, first: int = 0, last: int | None = None) -> list[Match]:
        """Matches among tokens `first`..`last - 1`, the longest one at each position."""
        norms = tokens.norms
        stop = len(norms) if last is None else last
        by_first = self._by_first
        if by_first.keys().isdisjoint(norms[first:stop]):
            return []  # most texts hold no topic term: a set test in C says so
        found: list[Match] = []
        after = first  # words covered by a match cannot start another
        for i in [i for i in range(first, stop) if norms[i] in by_first]:
            if i < after:
                continue
            for phrase, kind, exact in by_first[norms[i]]:
                if exact:
                    size = len(phrase)
                    hit = i + size <= stop and norms[i : i + size] == phrase
                    end = i + size - 1 if hit else None
                else:
                    end = self._match(norms, i, stop, phrase)
                if end is not None:
                    found.append(Match(kind, i, end))
                    after = end + 1
                    break
        return found

    def _match(self, norms: Sequence[str], i: int, stop: int, phrase: Sequence[str]) -> int | None:
        """Index of the last token when `phrase` matches at `i` (gaps allowed per `self.gap`)."""
        pos = i
        for word in phrase[1:]:
            pos += 1
            limit = min(stop, pos + self.gap + 1)
            while pos < limit:
                token = norms[pos]
                if token == word or (word == WILDCARD and is_word(token)):
                    break
                if not is_word(token):
                    return None  # a gap never crosses punctuation
                pos += 1
            else:
                return None
        return pos


def is_word(norm: str) -> bool:
    """A word token (`n't` and `'s` included) rather than a punctuation mark."""
    return norm[:1].isalnum() or norm[:1] == "'"
