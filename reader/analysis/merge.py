"""One speaker per person across a collection.

Per-article attribution already names each person by the fullest form the article uses; here
those names meet. Spelling variants of the same name (Podolyak/Podoliak, Zelensky/Zelenskyy)
merge when the surnames differ only where transliterations differ (y/i, doubled letters, an
initial h/g) and the first names agree (Ihor/Igor); a surname that differs by any other edit is
another person's (Johnson, Johnston), however close. A surname on its own joins the one full name
it can belong to, and stays apart when two people share it. Surnames are grouped by their folded
spelling in one pass, so the cost stays near-linear in the number of distinct names. Anonymous
sources and groups merge only when their descriptions are the same ("a NATO source",
"Ukrainian officials").
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from reader.analysis.names import name_key, slug
from reader.model import Quote, Speaker

PERSON = "person"
# Surnames with the same transliteration key must also be this similar (rapidfuzz ratio):
# Podolyak/Podoliak is 87.5, Zelensky/Zelenskyy 94.
SURNAME_SIMILARITY = 85.0
FIRST_NAME_SIMILARITY = 80.0
# Below this length only identical surnames merge: short names differ by one letter (Li, Lu).
MIN_FUZZY_LENGTH = 5


@dataclass
class _Entry:
    """One distinct per-article name (or description) and the quotes that carry it."""

    name: str
    kind: str
    key: str
    quotes: list[Quote] = field(default_factory=list)
    order: int = 0  # position of its first quote in the collection

    @property
    def tokens(self) -> list[str]:
        return self.key.split()


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


_DOUBLED = re.compile(r"(\w)\1+")
_SPELLING = str.maketrans({"y": "i", "w": "v", "j": "i"})


def _transliteration_key(surname: str) -> str:
    """A surname with the spellings that vary between transliterations folded: y/j/i, w/v,
    doubled letters, and an initial h/g (Podolyak/Podoliak, Zelensky/Zelenskyy,
    Halushchenko/Galushchenko), so Johnson and Johnston stay two names."""
    folded = _DOUBLED.sub(r"\1", surname.translate(_SPELLING))
    if folded[:1] == "g":
        folded = "h" + folded[1:]
    return folded


def _similar_surname(a: str, b: str) -> bool:
    """Whether two surnames are one name spelt two ways: close (rapidfuzz), and differing only
    where transliterations differ. An edit that makes another real surname (Johnson,
    Johnston) never merges."""
    if a == b:
        return True
    if min(len(a), len(b)) < MIN_FUZZY_LENGTH:
        return False
    if _transliteration_key(a) != _transliteration_key(b):
        return False
    return fuzz.ratio(a, b) >= SURNAME_SIMILARITY or a[1:] == b[1:]


_FIRST_SPELLING = str.maketrans({"y": "i", "w": "v", "g": "h"})


def _compatible_first(a: str, b: str) -> bool:
    """Whether two first names can be one person's: the same, an initial, a close spelling,
    or a transliteration of one name (Ihor/Igor, Herman/German, Oleksiy/Oleksii)."""
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    if a.translate(_FIRST_SPELLING) == b.translate(_FIRST_SPELLING):
        return True
    if (
        _DOUBLED.sub(r"\1", a.translate(_FIRST_SPELLING))
        == _DOUBLED.sub(r"\1", b.translate(_FIRST_SPELLING))
        and a[0] == b[0]
    ):
        return True
    return fuzz.ratio(a, b) >= FIRST_NAME_SIMILARITY


def _surname_variants(surnames: list[str]) -> dict[str, list[str]]:
    """For each distinct surname, the others in the list that are its spelling variant.

    Variants share a transliteration key, so surnames are grouped by it in one pass; within
    a group (a handful of spellings) rapidfuzz confirms they are close. The cost stays linear
    in the number of distinct names.
    """
    blocks: dict[str, list[str]] = defaultdict(list)
    for surname in surnames:
        if len(surname) >= MIN_FUZZY_LENGTH:
            blocks[_transliteration_key(surname)].append(surname)
    variants: dict[str, list[str]] = {}
    for surname in surnames:
        block = (
            blocks.get(_transliteration_key(surname), ())
            if len(surname) >= MIN_FUZZY_LENGTH
            else ()
        )
        variants[surname] = [surname] + [
            other for other in block if other != surname and _similar_surname(surname, other)
        ]
    return variants


def _merge_people(entries: list[_Entry], uf: _UnionFind) -> None:
    """Union spelling variants of one full name, then lone surnames into the one full name
    they can belong to (none when two people share the surname)."""
    full_by_surname: dict[str, list[int]] = defaultdict(list)
    single_by_surname: dict[str, list[int]] = defaultdict(list)
    for i, entry in enumerate(entries):
        tokens = entry.tokens
        if len(tokens) == 1:
            single_by_surname[tokens[0]].append(i)
        elif tokens:
            full_by_surname[tokens[-1]].append(i)
    variants = _surname_variants(list(full_by_surname.keys() | single_by_surname.keys()))
    # A surname's entries meet pairwise, so the same two first names are compared again and
    # again (92,000 comparisons of 4,900 pairs at 10,000 articles).
    compatible = functools.cache(_compatible_first)
    for surname, members in full_by_surname.items():
        for variant in variants[surname]:
            if variant < surname:
                continue  # each pair of surnames once
            others = full_by_surname.get(variant, [])
            for x, i in enumerate(members):
                first = entries[i].tokens[0]
                for j in members[x + 1 :] if variant == surname else others:
                    if compatible(first, entries[j].tokens[0]):
                        uf.union(i, j)
    for surname, (i,) in single_by_surname.items():
        roots = {uf.find(j) for v in variants[surname] for j in full_by_surname.get(v, ())}
        if len(roots) == 1:
            uf.union(i, roots.pop())
        elif not roots:
            # Lone surnames that are variants of each other (Podolyak/Podoliak), and of no
            # full name, are one person.
            for v in variants[surname]:
                for j in single_by_surname.get(v, ()):
                    uf.union(i, j)


def _surface_forms(entry: _Entry, similar: Callable[[str, str], bool]) -> set[str]:
    """Names as written in the attribution phrases (`Jenssen said`) of a person's quotes."""
    surname = entry.tokens[-1] if entry.tokens else ""
    forms = set()
    for quote in entry.quotes:
        for name in quote.attribution_names:
            tokens = name_key(name).split()
            if tokens and similar(tokens[-1], surname):
                forms.add(name)
    return forms


def _best_role(quotes: list[Quote]) -> str | None:
    """The role most articles give the speaker (one article quoting them often does not
    outvote the others), then the one on most quotes, then the longest."""
    roles = Counter(q.speaker_role for q in quotes if q.speaker_role)
    if not roles:
        return None
    articles: dict[str, set[str]] = defaultdict(set)
    for quote in quotes:
        if quote.speaker_role:
            articles[quote.speaker_role].add(quote.article)
    return max(roles, key=lambda r: (len(articles[r]), roles[r], len(r), r))


def _display_name(members: list[_Entry]) -> str:
    """The form a person is shown under: the fullest, then the one most articles use, then
    the one the collection uses first (so adding a follow-up article that spells the name
    differently does not rename the speaker), then the most quoted."""
    articles = {m.name: {q.article for q in m.quotes} for m in members}
    best = max(
        members,
        key=lambda m: (len(m.name.split()), len(articles[m.name]), -m.order, len(m.quotes)),
    )
    return best.name


def merge_speakers(quotes: list[Quote]) -> list[Speaker]:
    """Speakers of the collection; sets each quote's `speaker` to its Speaker.id (or None)."""
    entries: dict[tuple[str, str], _Entry] = {}
    for quote in quotes:
        quote.speaker = None
        if not quote.speaker_name:
            continue
        kind = quote.speaker_kind or PERSON
        key = name_key(quote.speaker_name)
        entry = entries.get((kind, key))
        if entry is None:
            entry = entries[(kind, key)] = _Entry(quote.speaker_name, kind, key, order=len(entries))
        entry.quotes.append(quote)
    # People first, so their indices in the union-find are their indices in `people`.
    people = [e for e in entries.values() if e.kind == PERSON]
    ordered = people + [e for e in entries.values() if e.kind != PERSON]
    uf = _UnionFind(len(ordered))
    _merge_people(people, uf)
    clusters: dict[int, list[_Entry]] = defaultdict(list)
    for i, entry in enumerate(ordered):
        clusters[uf.find(i)].append(entry)

    speakers: list[Speaker] = []
    used: set[str] = set()
    # Most names in attribution phrases are the speaker's own: each pair is compared once.
    similar = functools.cache(_similar_surname)
    for members in clusters.values():
        all_quotes = [q for m in members for q in m.quotes]
        name = _display_name(members)
        kind = members[0].kind
        aliases = {m.name for m in members}
        if kind == PERSON:
            for member in members:
                aliases |= _surface_forms(member, similar)
        aliases.discard(name)
        base = slug(name)
        speaker_id, n = base, 1
        while speaker_id in used:
            n += 1
            speaker_id = f"{base}-{n}"
        used.add(speaker_id)
        for quote in all_quotes:
            quote.speaker = speaker_id
        speakers.append(
            Speaker(
                id=speaker_id,
                name=name,
                aliases=sorted(aliases),
                role=_best_role(all_quotes),
                quotes=len(all_quotes),
                kind=kind,
            )
        )
    speakers.sort(key=lambda s: (-s.quotes, s.name))
    return speakers
