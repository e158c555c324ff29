"""Textual evidence around quotes that says how statements relate: who is answered, who rejects.

A rebuttal rarely repeats the words it answers; news prose says so instead ("in response to
Jenssen's comments", "Jenssen's suggestion drew a sharp rebuke"). This module finds those
references to named speakers and the rejection language near a quote. The word lists are data
(`reader/lexicon/links.toml`); the grammar of a reference (a possessive, "response to NAME") is
code.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from reader.analysis.normalise import content_stems, normalise, words
from reader.analysis.stemming import stem
from reader.model import Quote
from reader.resources import lexicon_dir
from reader.tomlfile import ConfigError, load_toml

# A capitalised name of up to four words: "Jenssen", "Stian Jenssen", "Secretary-General Jens".
_NAME = r"[A-Z][\w\-]*(?:[^\S\n]+[A-Z][\w\-]*){0,3}"
# Possessives are found from their apostrophe, then the name is read back from there: scanning
# for a name at every capital letter of every paragraph is much slower.
_APOSTROPHE = re.compile(r"['\u2019](?:s\b|(?=\s))")
_NAME_BEFORE = re.compile(rf"(?<![\w\-])({_NAME})$")


@dataclass(frozen=True)
class Lexicon:
    """The link word lists, normalised the way quote text is."""

    rejection: tuple[str, ...]
    reply: tuple[str, ...]
    statement_nouns: frozenset[str]
    group_nouns: frozenset[str]

    @property
    def reply_pattern(self) -> re.Pattern[str]:
        return _reply_pattern(self.reply)

    @property
    def reply_markers(self) -> tuple[str, ...]:
        """The longest word of each reply phrase: a cheap test before the full pattern."""
        return _markers(self.reply)


@cache
def _markers(phrases: tuple[str, ...]) -> tuple[str, ...]:
    return tuple({max(p.split(), key=len) for p in phrases})


@cache
def _reply_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
    return re.compile(rf"\b(?i:{alternatives})\s+(?:the\s+)?({_NAME})")


def _string_list(data: dict, table: str, key: str, path: str) -> list[str]:
    values = data.get(table, {}).get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ConfigError(path, f"[{table}] {key} must be a list of strings")
    return values


@cache
def load_lexicon() -> Lexicon:
    """The shipped link lexicon; a broken file raises ConfigError naming file and line."""
    path = lexicon_dir() / "links.toml"
    data = load_toml(path)
    rejection = _string_list(data, "rebuttal", "rejection", str(path))
    reply = _string_list(data, "rebuttal", "reply", str(path))
    statement_nouns = _string_list(data, "rebuttal", "statement_nouns", str(path))
    group_nouns = _string_list(data, "speakers", "group_nouns", str(path))
    return Lexicon(
        rejection=tuple(normalise(p) for p in rejection if normalise(p)),
        reply=tuple(normalise(p) for p in reply if normalise(p)),
        statement_nouns=frozenset(stem(w) for p in statement_nouns for w in words(p)),
        group_nouns=frozenset(stem(w) for p in group_nouns for w in words(p)),
    )


def has_phrase(text: str, phrases: tuple[str, ...]) -> bool:
    """Whether any normalised phrase occurs as whole words in `text`."""
    return _phrase_pattern(phrases).search(normalise(text)) is not None


@cache
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\S)(?:{alternatives})(?!\S)")


class AliasIndex:
    """Names and surnames by which each speaker appears, to resolve "Jenssen's" to a speaker.

    Built from the per-article names the attribution step recorded on quotes, so every spelling
    an article used (Podolyak, Podoliak) resolves. A surname shared by two speakers is ambiguous
    and resolves to nobody: a reference must never be pinned on the wrong person.
    """

    def __init__(self, quotes: Sequence[Quote]) -> None:
        owners: dict[str, set[str]] = defaultdict(set)
        seen = {(q.speaker, q.speaker_name, q.speaker_kind) for q in quotes}
        for speaker, written, kind in seen:
            if speaker is None or not written:
                continue
            name = " ".join(words(written))
            if not name:
                continue
            owners[name].add(speaker)
            if kind in (None, "person"):
                owners[name.rsplit(" ", 1)[-1]].add(speaker)
        self._owner = {name: next(iter(ids)) for name, ids in owners.items() if len(ids) == 1}

    def resolve(self, name: str) -> str | None:
        """The speaker a written name refers to, trying the full name, then the surname."""
        folded = " ".join(words(name))
        while folded:
            if folded in self._owner:
                return self._owner[folded]
            # "Secretary-General Jens Stoltenberg" → "jens stoltenberg" → "stoltenberg".
            _, _, folded = folded.partition(" ")
        return None


def name_references(text: str, lexicon: Lexicon) -> list[tuple[int, str]]:
    """(offset where the name ends, name) of every possessive and "response to NAME" in `text`."""
    found = []
    for apostrophe in _APOSTROPHE.finditer(text):
        at = apostrophe.start()
        # "Jenssen's" (a word right before), or "Jens' " (a plural-looking name).
        bare = apostrophe.end() - at == 1
        if at == 0 or not text[at - 1].isalnum() or (bare and text[at - 1] != "s"):
            continue
        # Only a possessive of something said refers to a statement: "Jenssen's suggestion",
        # "Smith's earlier remarks"; not "Biden's administration" or "Ukraine's status".
        following = words(text[apostrophe.end() : apostrophe.end() + 60])[:3]
        if not any(stem(word) in lexicon.statement_nouns for word in following):
            continue
        name = _NAME_BEFORE.search(text, max(0, at - 80), at)
        if name is not None:
            found.append((name.end(1), name.group(1)))
    # Replies: the full pattern runs only around each occurrence of a reply phrase's key word
    # (a window, since lower-casing may shift offsets by a character or two).
    lowered = text.lower()
    for marker in lexicon.reply_markers:
        at = lowered.find(marker)
        while at >= 0:
            window = lexicon.reply_pattern.finditer(text, max(0, at - 40), at + 120)
            found += [(m.end(1), m.group(1)) for m in window]
            at = lowered.find(marker, at + len(marker))
    return sorted(set(found))


def group_words(name: str | None, lexicon: Lexicon) -> set[str]:
    """The words of a group's name that say who it is: "Ukrainian officials" → {"ukrainian"}."""
    if not name:
        return set()
    return {s for s in content_stems(words(name)) if s not in lexicon.group_nouns}


def topic_vocabulary(terms: Iterable[str]) -> frozenset[str]:
    """The content stems of the collection's on-topic terms.

    Two quotes "share on-topic terms" when they share these stems, even through different
    terms: "trading territory for a NATO umbrella" and "give up territory ... NATO membership"
    match different terms but are about the same territory and the same NATO.
    """
    return frozenset(s for term in terms for s in content_stems(words(term)))
