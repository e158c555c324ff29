"""Finding cue phrases and topic terms in text: words, not regular expressions.

Cue lists are data written by people (reader/lexicon/stance.toml, a collection's
collection.toml), so a phrase is matched the way a reader would expect: case-insensitively,
word by word, with inflections folded (`cede` finds `ceding`, `territory` finds
`territories`), typographic variants folded (`shouldn’t` is `shouldn't`), hyphens optional
(`cease-fire` is `ceasefire`) and `*` standing for any one word. Topic terms may also have up to
two words inserted (`give up territory` finds `giving up its territories`).

Matching walks the words once and looks phrases up by their first word (and the word after it),
so its cost grows with the length of the text, not with the number of phrases: a collection of
100,000 quotes is scored in seconds with lexicons of any size.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from reader.analysis.stemming import stem

WILDCARD = "*"
# Words that may sit inside a multi-word topic term: `give up (its) territory`.
TERM_GAP = 2

_FOLDED = "\u2018\u2019\u02bc\u2032`"  # the marks folded to a straight apostrophe
# A word (letters and digits, hyphenated parts kept together, inner apostrophes kept), one
# punctuation mark that ends a clause, a dash between spaces, or `*`. Brackets are skipped: an
# editor's `[the]` is a word of the sentence, the brackets are not.
# Written as the character every token starts with, then what must follow it: a pattern that
# opens with a character class lets the regex engine pass over the characters no token starts
# with (spaces, quotation marks, a quotation masked out of the narration) with one quick test
# each, where alternatives would each be tried at every character.
_TOKEN = re.compile(
    r"[\w.!?…;:,()—–*-]"  # the first character of any token (after `_`, nothing matches)
    r"(?:(?<=[^\W_])[^\W_]*(?:[-'][^\W_]+)*"  # a word
    r"|(?<=[.!?…;:,()—–*])"  # a clause mark, or the wildcard
    r"|(?<=\s-)(?=\s))"  # a dash between spaces
)
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

    __slots__ = ("_chunk", "_ends", "_offset", "_starts", "_words", "norms")

    def __init__(self, norms: list[str], words: list[str], chunk: str, offset: int) -> None:
        self.norms = norms
        self._words = words  # the tokens as written, before `n't` or `'s` is split off
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
        """Each word is the first occurrence of its text after the word before: between two
        tokens stand only characters no token starts with (spaces, quotation marks, brackets),
        except a hyphen, which a dash token could be mistaken for; then the regex says."""
        words = self._words
        chunk = self._chunk
        if "-" in words:
            found = [match.start() for match in _TOKEN.finditer(chunk)]
        else:
            found = []
            find = chunk.find
            pos = 0
            for word in words:
                pos = find(word, pos)
                found.append(pos)
                pos += len(word)
        base = self._offset
        if len(words) == len(self.norms):  # no `n't` or `'s` split off
            self._starts = [a + base for a in found]
            self._ends = [a + base + len(word) for a, word in zip(found, words, strict=True)]
            return
        starts: list[int] = []
        ends: list[int] = []
        for a, word in zip(found, words, strict=True):
            for _, lo, hi in _pieces.get(word) or _split_word(word):
                starts.append(base + a + lo)
                ends.append(base + a + hi)
        self._starts, self._ends = starts, ends


def tokenize(text: str, start: int = 0, end: int | None = None) -> Tokens:
    """Tokens of `text[start:end]`, with offsets into `text` (cue texts are cut from it)."""
    chunk = text[start:end]  # only the slice: a paragraph of a long article
    if not chunk.isascii() or "`" in chunk:
        for mark in _FOLDED:  # one pass in C per mark present, not a table lookup per character
            if mark in chunk:
                chunk = chunk.replace(mark, "'")
    words = _TOKEN.findall(chunk)
    # One dictionary lookup per word, in C: a word new to the process, or one that splits
    # (`doesn't`), is rare.
    norms = list(map(_whole.get, words))
    if not all(norms):
        norms = [norm for word in words for norm, _, _ in _pieces.get(word) or _split_word(word)]
    return Tokens(norms, words, chunk, start)


# Each distinct word is split and stemmed once per process: news reuses its vocabulary, so the
# cache makes tokenizing a dictionary lookup per word. Bounded so a hostile text cannot grow it.
_pieces: dict[str, tuple[tuple[str, int, int], ...]] = {}
_PIECES_MAX = 100_000
# The norm of each word cached that stays whole (most words): `ceding` → `ced`.
_whole: dict[str, str] = {}


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
        if len(pieces) == 1:
            _whole[word] = pieces[0][0]
    return pieces


def _norm(word: str) -> str:
    return stem(word.replace("-", "")) if word[:1].isalnum() else word


@dataclass(frozen=True, slots=True)
class Match:
    """Phrase of `kind` covering tokens `first` to `last` (inclusive)."""

    kind: str
    first: int
    last: int


class PhraseIndex:
    """Phrases of several kinds, looked up by their first word (and second, where it is known).

    `find` reports, left to right, the longest phrase starting at each word and skips the words
    it covers, so `shouldn't have said` is one retraction cue and its `n't` no negation.

    Common words start phrases (`the right thing`, `a good idea`) but rarely the rest of one, so
    without gaps a word and the next are looked up together: only the phrases that can match
    there are tried, in the order the longest-first rule gives all of a word's phrases.
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
        by_pair: dict[tuple[str, str], list[tuple[list[str], str, bool]]] = {}
        fallback: dict[str, list[tuple[list[str], str, bool]]] = {}
        for first, entries in by_first.items():
            entries.sort(key=lambda entry: -len(entry[0]))  # the longest phrase wins
            if gap:  # the second word may come later: every phrase of the word is tried
                fallback[first] = entries
                continue
            seconds = {entry[0][1] for entry in entries if len(entry[0]) > 1} - {WILDCARD}
            for second in seconds:
                by_pair[first, second] = [
                    entry
                    for entry in entries
                    if len(entry[0]) == 1 or entry[0][1] in (second, WILDCARD)
                ]
            fallback[first] = [
                entry for entry in entries if len(entry[0]) == 1 or entry[0][1] == WILDCARD
            ]
        self._firsts = frozenset(by_first)
        self._by_pair = by_pair
        self._fallback = fallback

    def find(self, tokens: Tokens) -> list[Match]:
        """Matches among the tokens, the longest one at each position."""
        norms = tokens.norms
        firsts = self._firsts
        if firsts.isdisjoint(norms):
            return []  # most texts hold no topic term: a set test in C says so
        by_pair = self._by_pair
        fallback = self._fallback
        stop = len(norms)
        found: list[Match] = []
        after = 0  # words covered by a match cannot start another
        for i in [i for i, norm in enumerate(norms) if norm in firsts]:
            if i < after:
                continue
            first = norms[i]
            following = norms[i + 1] if i + 1 < stop else ""
            for phrase, kind, exact in by_pair.get((first, following)) or fallback[first]:
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
