"""Candidate pairs for linking without comparing every quote with every other.

Comparing all pairs is quadratic: 100,000 quotes make five billion pairs. Instead quotes are
filed under keys in an inverted index, and only quotes that meet under a key are compared.
Cost then grows with the posting-list sizes, which caps keep bounded: a key filed under more
than `cap` items (a word every article on the story uses) says nothing about which quotes
belong together and is skipped. With each item probing a few keys of at most C items, N items
cost at most N·k·C checks, so blocking grows linearly in N.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from functools import reduce
from itertools import combinations


class PostingIndex:
    """Key → the items filed under it, items added in increasing order."""

    def __init__(self) -> None:
        self.postings: dict[Hashable, list[int]] = defaultdict(list)

    def add(self, item: int, keys: Iterable[Hashable]) -> None:
        for key in keys:
            self.postings[key].append(item)

    def get(self, key: Hashable) -> list[int]:
        return self.postings.get(key, [])

    def shared_counts(self, cap: int) -> tuple[dict[tuple[int, int], int], int]:
        """How many keys each pair of items shares, over keys filed under at most `cap` items.

        Returns the counts (pairs as `(smaller, larger)`) and how many keys were skipped.
        """
        counts: Counter[tuple[int, int]] = Counter()
        skipped = 0
        for items in self.postings.values():
            size = len(items)
            if size < 2:
                continue
            if size > cap:
                skipped += 1
                continue
            counts.update(combinations(items, 2))  # counted in C; items are in order
        return counts, skipped


# Posting lists a candidate must be in, at most; more means a longer prefix to look up but far
# fewer candidates to verify one by one.
MAX_HITS = 3


class StemIndex:
    """Texts by content stem, probed with a text's rarest stems to find texts containing it.

    Prefix filtering: if at least `needed` of a text's |x| stems must occur in another text,
    at most |x| - needed are missing there, so of its |x| - needed + h rarest stems at least h
    occur in the other text. Only those rare stems are looked up, and only texts met h times
    (h = `MAX_HITS` when the text has stems to spare) are verified: the intersections of
    h posting lists at a time, computed in C, leave few texts to check one by one. Rare stems
    have short posting lists, which keeps probing cheap; a stem in more than `cap` texts is
    skipped (and counted), so a text made only of common words finds nothing.

    What a probe finds is a property of the pair alone, given which stems are over the cap
    (`holds`): when fewer than h of the looked-up stems are capped, the search is exact, and
    otherwise it has looked up all of the text's uncapped stems, whatever their order. That
    lets a changed collection re-probe only its new texts (`contained`, the reverse probe)
    and keep every other pair's result, as long as no stem crossed the cap.
    """

    def __init__(self, stem_lists: Sequence[Sequence[str]], cap: int) -> None:
        self.cap = cap
        self.index = PostingIndex()
        for item, stems in enumerate(stem_lists):
            self.index.add(item, stems)
        self.stem_sets = [set(stems) for stems in stem_lists]
        self.df = {stem: len(items) for stem, items in self.index.postings.items()}
        self.capped = frozenset(stem for stem, df in self.df.items() if df > cap)
        self._rarity = {stem: (df, stem) for stem, df in self.df.items()}
        self._sets: dict[str, frozenset[int]] = {}
        self.skipped = 0

    def containing(self, item: int, share: float, above: int = -1) -> list[int]:
        """Items after `above` holding at least `share` of `item`'s stems, via its rare stems.

        `above` lets a caller that compares each pair once, from the shorter text, skip the
        verification of texts it would discard (items are numbered shortest first there).
        """
        stems = self.stem_sets[item]
        if not stems:
            return []
        ordered = sorted(stems, key=self._rarity.__getitem__)
        needed = math.ceil(share * len(ordered))
        spare = len(ordered) - needed
        if spare < len(ordered) and self.df[ordered[spare]] == 1:
            return []  # more stems than can be missing occur in no other text
        hits = min(MAX_HITS, needed)
        looked = []
        for stem in ordered[: spare + hits]:
            if self.df[stem] > self.cap:
                # A stem not looked up cannot be counted as met.
                self.skipped += 1
                hits = max(1, hits - 1)
            elif self.df[stem] > 1:
                looked.append(stem)
        met: set[int] = set()
        if hits == 1:
            # Most probes (a text of common words): every text in a posting is met, and the
            # lists are in item order, so only their parts after `above` are taken.
            for stem in looked:
                items = self.index.postings[stem]
                met.update(items[bisect_right(items, above) :])
        else:
            postings = [self._posting(stem) for stem in looked]
            for group in combinations(postings, hits):
                met.update(reduce(frozenset.intersection, group))
            met = {other for other in met if other > above}
        met.discard(item)
        return self._verified(met, stems, ordered, needed)

    def _verified(
        self, met: set[int], stems: set[str], ordered: list[str], needed: int
    ) -> list[int]:
        """The texts of `met` holding `needed` of `stems` (`ordered`: rarest first).

        An intersection per text is most of a probe's cost, and most texts fail. The stems in
        no other text (the rarest) are missing from all of them, so each may miss `allowed`
        of the others at most: cut into `allowed + 1` parts, one part is whole in every text
        that passes, and a subset test stops at the first stem missing.
        """
        df, sets = self.df, self.stem_sets
        unique = 0
        while df[ordered[unique]] == 1:  # ends: `containing` returned when too many are
            unique += 1
        allowed = len(ordered) - needed - unique
        if not allowed:  # every stem another text can hold is needed
            rest = frozenset(ordered[unique:])
            return [other for other in met if rest <= sets[other]]
        if allowed > 2:  # rare: more subset tests than they would save
            return [other for other in met if len(stems & sets[other]) >= needed]
        parts = [frozenset(ordered[unique + k :: allowed + 1]) for k in range(allowed + 1)]
        one, two, three = parts if allowed == 2 else (*parts, parts[1])  # (tested twice)
        return [
            other
            for other in met
            if (one <= sets[other] or two <= sets[other] or three <= sets[other])
            and len(stems & sets[other]) >= needed
        ]

    def holds(self, item: int, other: int, share: float) -> bool:
        """Whether `containing(item, share)` finds `other`, decided from the pair alone.

        Of the |x| - needed + h stems a probe looks at, those over the cap are skipped and
        each lowers h by one (to 1 at least). Capped stems are the most common, so they come
        last: when k of the looked-at stems are capped and k < h, the probe still finds every
        text holding `needed` stems; when k >= h it has looked up all uncapped stems and needs
        the other text to be in one of them.
        """
        stems = self.stem_sets[item]
        if other == item or not stems:
            return False
        shared = stems & self.stem_sets[other]
        needed = math.ceil(share * len(stems))
        if len(shared) < needed:
            return False
        hits = min(MAX_HITS, needed)
        uncapped = len(stems) - len(stems & self.capped)
        if len(stems) - needed + hits - uncapped < hits:
            return True
        return any(stem not in self.capped for stem in shared)

    def contained(self, item: int, share: float, below: int) -> list[int]:
        """Items before `below` that would find `item` with `containing(other, share)`.

        The reverse probe, for a text new to a collection whose other pairs are known: a text
        the probe finds shares an uncapped stem with it, so the postings of `item`'s uncapped
        stems hold every candidate.
        """
        candidates: set[int] = set()
        for stem in self.stem_sets[item] - self.capped:
            candidates.update(self.index.get(stem))
        return sorted(
            other for other in candidates if other < below and self.holds(other, item, share)
        )

    def _posting(self, stem: str) -> frozenset[int]:
        """A posting list as a set, built on first use, so intersections run in C."""
        found = self._sets.get(stem)
        if found is None:
            found = self._sets[stem] = frozenset(self.index.get(stem))
        return found
