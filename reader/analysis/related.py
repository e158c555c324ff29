"""Related statements of one speaker: quotes on one subject, found from the texts alone.

Of all links, this one reads the most pairs (every two quotes of a speaker that share a few
content stems: 300,000 at 10,000 articles), yet it needs only each quote's text and who said
it. So it is worked out on texts, here, where a large collection's matching helper can do it
(`matchrun.py`) while linking goes on with the other kinds; linking then drops the pairs it
already linked more strongly, and consecutive parts of one statement.
"""

from __future__ import annotations

import math

from reader.analysis.blocking import PostingIndex
from reader.analysis.textmatches import TextSet

# A stem one speaker uses in more quotes than this is their stock vocabulary, not a subject.
RELATED_CAP = 64
# Related links: same speaker needs this weighted Jaccard of content stems and shared stems;
# different speakers need much more, since sharing a subject is what a collection is about.
RELATED_SAME_SPEAKER = 0.45
RELATED_SAME_SHARED = 3

# (group, position of one quote in it, position of the other, weighted Jaccard)
Candidate = tuple[int, int, int, float]


def stem_weights(texts: TextSet) -> tuple[dict[str, float], list[float]]:
    """Each stem's rarity over the collection's distinct texts (IDF), and each text's total."""
    total = len(texts.norms) + 1
    weight = {
        stem: math.log(total / len(posting)) + 1.0
        for stem, posting in texts.index.index.postings.items()
    }
    return weight, [sum(weight[s] for s in stems) for stems in texts.stems]


def may_reach(a: float, b: float, threshold: float) -> bool:
    """Whether two texts of these masses can reach `threshold`. The shared weight is at most
    the lighter one's, so the similarity is at most small / large: most pairs are ruled out
    without intersecting their stems. (The margin keeps rounding from ruling out a pair that
    reaches the threshold exactly.)"""
    small, large = (a, b) if a <= b else (b, a)
    return small >= (threshold - 1e-9) * large


def similarity(
    weight: dict[str, float],
    a: frozenset[str] | set[str],
    b: frozenset[str] | set[str],
    mass: float,
) -> tuple[float, int]:
    """Weighted Jaccard of two stem sets whose weights add up to `mass`, and how many stems
    they share. The sum is exact, so it is the same whatever order a set iterates in (which
    depends on the process's string hashing)."""
    shared = a & b
    common = math.fsum(map(weight.__getitem__, shared))
    return (common / (mass - common) if shared else 0.0), len(shared)


def same_speaker_related(
    texts: TextSet, groups: list[list[int]], weight: dict[str, float], mass: list[float]
) -> tuple[list[Candidate], int, int]:
    """For each group (one speaker's quotes, as the texts they print), the pairs that share
    `RELATED_SAME_SHARED` stems and reach `RELATED_SAME_SPEAKER`; with the count of stems
    skipped as stock vocabulary and of pairs scored. `weight` and `mass` are the texts'
    `stem_weights`, worked out once by the caller."""
    sets = texts.index.stem_sets
    found: list[Candidate] = []
    skipped = scored = 0
    for number, group in enumerate(groups):
        index = PostingIndex()
        for n, t in enumerate(group):
            index.add(n, texts.stems[t])
        counts, stock = index.shared_counts(RELATED_CAP)
        skipped += stock
        for (a, b), shared in counts.items():
            if shared < RELATED_SAME_SHARED:
                continue
            s, t = group[a], group[b]
            if not may_reach(mass[s], mass[t], RELATED_SAME_SPEAKER):
                continue
            scored += 1
            value, common = similarity(weight, sets[s], sets[t], mass[s] + mass[t])
            if common >= RELATED_SAME_SHARED and value >= RELATED_SAME_SPEAKER:
                found.append((number, a, b, value))
    return found, skipped, scored
