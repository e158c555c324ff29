"""Which distinct quoted texts repeat or excerpt one another: the costly, pairwise part of linking.

Finding them is most of the cost of linking (the stem-index probes and the rapidfuzz
comparisons), and it depends on the texts alone: not on speakers, times or articles. That
makes it the part worth keeping: after files of a collection change, only texts that are new
are matched again, against all the others in both directions, and every other pair's result is
taken from the previous run (`rematch`). That is exact, not an approximation: what the stem
index finds for a pair depends only on the two texts and on which stems are over its cap
(`StemIndex.holds`), so a text holding a stem that crossed the cap is matched again too.

A large collection is matched partly in a helper process, while the speakers are merged
(`matchrun.py`): it is sent a `TextSet`, the texts without their quotes.

Texts are numbered shortest first (length, then number of content words, then the text), the
same in every run, so each pair is compared once, from its shorter text, whatever order files
came in.
"""

from __future__ import annotations

import functools
import hashlib
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from sys import intern
from typing import Any

from reader.analysis.blocking import StemIndex
from reader.analysis.linkprep import quote_form
from reader.analysis.normalise import bracketed_stems
from reader.analysis.textmatch import (
    EXCERPT_CONTAINMENT,
    Text,
    compare,
    contains_words,
    is_long_fragment,
)
from reader.model import Quote

# A stem in more texts than this is too common to say two quotes belong together (a stock
# phrase, a word every article on the story uses): it is not looked up.
STEM_CAP = 500
# Above this share of texts to match again, matching everything is as quick and simpler.
REMATCH_SHARE = 0.25
# Digest length that recognises a text in the next run: 64 bits, no collision among millions.
SIGNATURE_BYTES = 8

Match = tuple[int, int, "str | None", float]
"""(shorter text, longer text, "repeat" | "excerpt" | None, score). None is a pair that shares
most of the shorter text's content words but is neither: a candidate for a `related` link."""

_KINDS: tuple[str | None, ...] = (None, "repeat", "excerpt")


class TextSet:
    """Distinct normalised texts and the stem index over them: all that matching reads.

    `bracketed[t]` are the content stems text t has inside editorial brackets (`[Putin]`),
    for the few texts that have any: the rest of a text's stems are its own words (`own`).
    Pickled, a set sends only its texts (and the index's cap), and the receiver builds the
    index again: it is how a helper process matches part of a large collection
    (`matchrun.py`).
    """

    def __init__(
        self,
        norms: list[str],
        word_counts: list[int],
        stems: list[list[str]],
        bracketed: dict[int, set[str]],
        cap: int | None = None,
    ) -> None:
        self.norms = norms
        self.word_counts = word_counts
        self.stems = stems
        self.bracketed = bracketed
        self.index = StemIndex(stems, STEM_CAP if cap is None else cap)
        # Most texts have no insertion: their own words are their stem set itself, which keeps
        # a second set per text out of memory.
        self.own = list(self.index.stem_sets)
        for t, inserted in bracketed.items():
            self.own[t] = self.own[t] - inserted
        self._texts: dict[int, Text] = {}

    def __reduce__(self) -> tuple[Any, ...]:
        args = (self.norms, self.word_counts, self.stems, self.bracketed, self.index.cap)
        return TextSet, args

    def text(self, t: int) -> Text:
        """Text t prepared for rapidfuzz comparison, built once per run."""
        found = self._texts.get(t)
        if found is None:
            stem_set = self.index.stem_sets[t]
            found = Text(self.norms[t], self.word_counts[t], stem_set, self.own[t])
            self._texts[t] = found
        return found

    def is_long(self, t: int) -> bool:
        return is_long_fragment(self.word_counts[t], len(self.stems[t]))

    def compare(self, short: int, long: int) -> Match:
        kind, score = compare(self.text(short), self.text(long)) or (None, 0.0)
        return short, long, kind, score

    def matches_of(self, t: int) -> list[Match]:
        """Text t against the longer texts holding most of its stems (it must be long enough
        to be matched on wording alone)."""
        if not self.is_long(t):
            return []
        return [self.compare(t, b) for b in self.index.containing(t, EXCERPT_CONTAINMENT, t)]

    @functools.cached_property
    def signatures(self) -> list[bytes]:
        """A short digest per text that a later run recognises it by (its own words included,
        since they decide comparisons)."""
        result = []
        for norm, stems, own in zip(self.norms, self.index.stem_sets, self.own, strict=True):
            key = norm if own == stems else norm + "\0" + " ".join(sorted(own))
            result.append(hashlib.blake2b(key.encode(), digest_size=SIGNATURE_BYTES).digest())
        return result


class TextTable(TextSet):
    """The distinct normalised texts of a collection's quotes, and the stem index over them.

    `members[t]` are the quotes printing text t in `order_key` order (earliest first), and
    `text_of[i]` is quote i's text. A text's own words (`own`: its content stems outside
    editorial brackets) are read from its earliest copy.
    """

    def __init__(self, quotes: Sequence[Quote], order_key: Callable[[int], Any]) -> None:
        first_id: dict[str, int] = {}
        norms: list[str] = []
        counts: list[int] = []
        stems: list[list[str]] = []
        first_of: list[int] = []
        for q in quotes:
            norm, stem_text = quote_form(q)
            t = first_id.get(norm)
            if t is None:
                # Only counts are kept of the words: lists of them would be most of the table's
                # memory (a hundred megabytes at 10,000 articles). Stems are interned: 100,000
                # texts repeat a few thousand of them.
                t = first_id[norm] = len(norms)
                norms.append(norm)
                counts.append(norm.count(" ") + 1 if norm else 0)
                stems.append(list(map(intern, stem_text.split())))
            first_of.append(t)
        # Of two texts of one length, the one with fewer content words probes the other: it is
        # the one more likely to be contained.
        order = sorted(range(len(norms)), key=lambda g: (len(norms[g]), len(stems[g]), norms[g]))
        number = [0] * len(norms)
        for new, old in enumerate(order):
            number[old] = new
        stems = [stems[g] for g in order]
        self.text_of = [number[g] for g in first_of]
        self.first_seen = number  # texts in the order the collection first prints them
        self.members: list[list[int]] = [[] for _ in order]
        for i, t in enumerate(self.text_of):
            self.members[t].append(i)
        for group in self.members:
            group.sort(key=order_key)
        bracketed = {}
        for t, group in enumerate(self.members):
            inserted = bracketed_stems(quotes[group[0]].text)
            if inserted:
                bracketed[t] = inserted
        super().__init__([norms[g] for g in order], [counts[g] for g in order], stems, bracketed)

    def probes(self) -> list[int]:
        """The texts to probe the index with, in the order the collection first prints them:
        neighbours then share their rare stems, so probing stays in the processor's caches
        (a third quicker than probing shortest first)."""
        return [t for t in self.first_seen if self.is_long(t)]


@dataclass
class TextMatches:
    """One run's matches, kept so that the next run of a changed collection reuses them."""

    signatures: list[bytes]  # per text of that run
    capped: frozenset[str]  # stems over the index's cap in that run
    matches: list[Match]

    @classmethod
    def of(
        cls, texts: TextSet, matches: list[Match], signatures: list[bytes] | None = None
    ) -> TextMatches:
        """`signatures`: the texts' own (`TextSet.signatures`), when a helper worked them out."""
        if signatures is None:
            signatures = texts.signatures
        return cls(signatures, texts.index.capped, matches)

    def to_plain(self) -> list[Any]:
        """Plain data for the cache: packed arrays, ~17 bytes a match."""
        return [b"".join(self.signatures), sorted(self.capped), *pack_matches(self.matches)]

    @classmethod
    def from_plain(cls, data: Any) -> TextMatches:
        """Raises ValueError (or TypeError) when `data` is not what `to_plain` made."""
        joined, capped, *packed = data
        if len(joined) % SIGNATURE_BYTES:
            raise ValueError("signatures are cut short")
        signatures = [
            joined[i : i + SIGNATURE_BYTES] for i in range(0, len(joined), SIGNATURE_BYTES)
        ]
        matches = unpack_matches(*packed)
        if matches and max(max(m[0], m[1]) for m in matches) >= len(signatures):
            raise ValueError("a match names a text that is not there")
        return cls(signatures, frozenset(capped), matches)


def pack_matches(matches: list[Match]) -> tuple[bytes, bytes, bytes, bytes]:
    """Matches as four packed columns: quick to pickle, small to store."""
    return (
        array("I", map(itemgetter(0), matches)).tobytes(),
        array("I", map(itemgetter(1), matches)).tobytes(),
        bytes(map(_KINDS.index, map(itemgetter(2), matches))),
        array("d", map(itemgetter(3), matches)).tobytes(),
    )


def unpack_matches(shorts: bytes, longs: bytes, kinds: bytes, scores: bytes) -> list[Match]:
    """The matches `pack_matches` packed; ValueError (or IndexError) when the columns are not
    what it made."""
    columns = (array("I", shorts), array("I", longs), kinds, array("d", scores))
    if len({len(column) for column in columns}) != 1:
        raise ValueError("match columns differ in length")
    labels = [_KINDS[k] for k in kinds]
    return list(zip(columns[0], columns[1], labels, columns[3], strict=True))


def text_signatures(texts: TextSet) -> list[bytes]:
    """`TextSet.signatures`, as a job for the matching helper (`matchrun.MatchRun.run`)."""
    return texts.signatures


def fragment_containers(texts: TextSet) -> tuple[list[tuple[int, int]], int, int]:
    """Each text too short to match on its wording alone, with every longer text holding it
    as whole words: (pairs, candidates looked at, stems skipped over the cap).

    Linking keeps only the pairs their speakers corroborate (`links.py`), but finding them
    reads the texts alone, so the matching helper can do it while linking goes on. The
    index's count of skipped stems is left as it was: the count is returned instead, the same
    wherever the job ran.
    """
    lengths = [len(norm) for norm in texts.norms]
    index = texts.index
    before = index.skipped
    pairs: list[tuple[int, int]] = []
    looked = 0
    for g, norm in enumerate(texts.norms):
        if not texts.stems[g] or texts.is_long(g):
            continue
        longer = bisect_right(lengths, len(norm), g) - 1  # texts are numbered shortest first
        for other in index.containing(g, 1.0, longer):
            looked += 1
            if contains_words(norm, texts.norms[other]):
                pairs.append((g, other))
    skipped, index.skipped = index.skipped - before, before
    return pairs, looked, skipped


def match_texts(texts: TextSet, probes: Iterable[int]) -> list[Match]:
    """The pairs of texts that each of `probes` may repeat or excerpt, compared, sorted by
    pair (`TextTable.probes` are all the texts worth probing)."""
    return sorted(match for t in probes for match in texts.matches_of(t))


def rematch(table: TextTable, previous: TextMatches) -> list[Match] | None:
    """The matches of `table` from those of a previous run, matching only what changed.

    A text is matched again when the previous run did not have it, or when it holds a stem
    that crossed the cap since. Returns None when so much changed that matching everything is
    quicker.
    """
    signatures = table.signatures
    old_number = {signature: n for n, signature in enumerate(previous.signatures)}
    if len(old_number) != len(previous.signatures):
        return None  # two texts with one digest: cannot tell them apart
    flipped = previous.capped ^ table.index.capped
    stem_sets = table.index.stem_sets
    dirty = [
        t
        for t, signature in enumerate(signatures)
        if signature not in old_number or (flipped and not flipped.isdisjoint(stem_sets[t]))
    ]
    if len(dirty) > REMATCH_SHARE * len(signatures):
        return None
    renumber = {old_number[s]: t for t, s in enumerate(signatures) if s in old_number}
    again = set(dirty)
    found = []
    for short, long, kind, score in previous.matches:
        a, b = renumber.get(short), renumber.get(long)
        if a is not None and b is not None and a not in again and b not in again:
            found.append((a, b, kind, score))
    for t in dirty:
        found += table.matches_of(t)
        for short in table.index.contained(t, EXCERPT_CONTAINMENT, t):
            if short not in again and table.is_long(short):
                found.append(table.compare(short, t))
    found.sort()
    return found
