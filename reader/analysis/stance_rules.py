"""Weighing the cue words of one stretch of text: a quote, or the narration around one.

The rules of English that turn matched cues (reader/analysis/cues.py) into signed evidence:
where a cue stands (a sentence naming the topic, one referring back to it, another sentence of
an on-topic quote), negation and its reach within a clause, a limiting qualifier taking the
negation's focus, questions, hedges, disclaimers and `otherwise`. What the text is about, and
how a quote's evidence becomes its label, is `reader.analysis.stance`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from reader.analysis.cues import (
    CLAUSE_WORDS,
    SENTENCE_END,
    TERM_GAP,
    Match,
    PhraseIndex,
    Tokens,
    is_word,
    tokenize,
)
from reader.settings import CollectionSettings

EVALUATIONS = {"support": 1.0, "oppose": -1.0}
# How much a cue counts, by where it stands: a sentence naming the topic, one referring back to
# it (anaphor, answer to a rhetorical question), or another sentence of an on-topic quote.
DIRECT, REFERS, AMBIENT = 1.0, 0.9, 0.7
QUESTION = 0.5
LIMITED = 0.6  # `not ... forever`: the proposal accepted in a limited form
SCOPE_WORDS = 8  # how far a negation reaches within its clause
JOINED_CHARS = 40  # a negator and its cue are shown as one stretch of text up to this long
# Words that may precede an anaphor at the start of a sentence: `But that could be ...`.
LEADING_WORDS = frozenset({"but", "and", "so", "then", "yet", "or", "now"})
# The kinds of match that can give a stretch of text evidence (a negated topic term aside).
_EVIDENCE = frozenset({"support", "oppose", "advocate", "retract", "hedge", "disclaimer"})


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Compiled cues and topic terms of one settings object."""

    cues: PhraseIndex
    terms: PhraseIndex | None  # None: no topic, each quote judged toward its own proposal


@lru_cache(maxsize=16)
def _compile(terms: tuple[str, ...], cues: tuple[tuple[str, tuple[str, ...]], ...]) -> Lexicon:
    index = PhraseIndex(dict(cues))
    return Lexicon(index, PhraseIndex({"term": terms}, gap=TERM_GAP) if terms else None)


def compile_lexicon(settings: CollectionSettings) -> Lexicon:
    """The settings' cue lists compiled for matching, once per distinct settings."""
    cues = tuple(sorted((kind, tuple(phrases)) for kind, phrases in settings.cues.items()))
    return _compile(tuple(settings.terms), cues)


@dataclass(slots=True)
class Evidence:
    """What one stretch of text says: weighted cues, retractions, hedges."""

    cues: list[tuple[float, int, str]] = field(default_factory=list)  # (weight, pos, text)
    retractions: list[str] = field(default_factory=list)
    hedges: int = 0

    def add(self, weight: float, pos: int, text: str) -> None:
        self.cues.append((weight, pos, text))

    def extend(self, other: Evidence, factor: float) -> None:
        if other.cues:
            self.cues.extend((w * factor, pos, text) for w, pos, text in other.cues)
        self.retractions.extend(other.retractions)
        self.hedges += other.hedges


@dataclass(slots=True)
class Span:
    """Tokens of a text with their cue and term matches; `source[start:end]` is verbatim."""

    tokens: Tokens
    source: str
    matches: list[Match]
    terms: list[Match]
    grouped: dict[str, list[Match]] | None = None

    def text(self, first: int, last: int) -> str:
        return self.source[self.tokens.starts[first] : self.tokens.ends[last]]

    def kinds(self, kind: str) -> list[Match]:
        """The matches of one kind, in text order (grouped once: the rules ask for several)."""
        if self.grouped is None:
            self.grouped = {}
            for m in self.matches:
                self.grouped.setdefault(m.kind, []).append(m)
        return self.grouped.get(kind, [])


def make_span(
    lexicon: Lexicon, scan: str, start: int = 0, end: int | None = None, source: str | None = None
) -> Span:
    """Matches in `scan[start:end]`; cue texts are cut from `source` (same offsets, unmasked)."""
    tokens = tokenize(scan, start, end)
    terms = lexicon.terms.find(tokens) if lexicon.terms is not None else []
    return Span(tokens, scan if source is None else source, lexicon.cues.find(tokens), terms)


def sentences(norms: Sequence[str]) -> tuple[list[int], list[tuple[int, int]]]:
    """Sentence index of each token, and each sentence's (first, last) token."""
    owner: list[int] = []
    spans: list[tuple[int, int]] = []
    first = 0
    for last in [i for i, norm in enumerate(norms) if norm in SENTENCE_END]:
        owner += [len(spans)] * (last + 1 - first)
        spans.append((first, last))
        first = last + 1
    if first < len(norms):
        owner += [len(spans)] * (len(norms) - first)
        spans.append((first, len(norms) - 1))
    return owner, spans


def _clause_end(norms: Sequence[str], start: int) -> int:
    """End (exclusive) of the clause from `start`."""
    i = start
    while i < len(norms) and is_word(norms[i]) and norms[i] not in CLAUSE_WORDS:
        i += 1
    return i


def lead(norms: Sequence[str], first: int, last: int) -> int:
    """First token of a sentence past punctuation and a leading conjunction."""
    i = first
    while i <= last and (not is_word(norms[i]) or norms[i] in LEADING_WORDS):
        i += 1
    return i


def read(span: Span, *, topical: bool, topic_mode: bool, direct: bool = False) -> Evidence:
    """The stance evidence of a span of text (a quote, or the narration around one).

    `topical` says the text is on-topic through its context even where it names no term;
    `direct` that every sentence of it is about the topic (a fragment and its narration).
    """
    if not span.matches or (
        _EVIDENCE.isdisjoint(m.kind for m in span.matches)
        and not (span.terms and span.kinds("negation"))
    ):
        return Evidence()  # most stretches of text hold no cue that counts: nothing to weigh
    norms = span.tokens.norms
    owner, spans = sentences(norms)
    questions = [norms[last] == "?" for _, last in spans]
    term_sentences = {owner[m.first] for m in span.terms}
    anaphors = {m.first for m in span.kinds("anaphora")}
    levels: list[float] = []
    for k, (first, last) in enumerate(spans):
        if direct or not topic_mode or k in term_sentences:
            level = DIRECT
        else:
            before = levels[k - 1] >= REFERS if k else topical
            if before and lead(norms, first, last) in anaphors:
                level = REFERS
            elif k and questions[k - 1] and (k - 1) in term_sentences:
                level = REFERS  # the answer to a rhetorical question about the topic
            elif topical or term_sentences:
                level = AMBIENT
            else:
                level = 0.0
        levels.append(level)

    evidence = Evidence()
    voided: list[tuple[int, int]] = []
    for m in span.matches:
        if m.kind in ("hedge", "disclaimer"):
            evidence.hedges += 1
        if m.kind == "disclaimer":  # `I'm not saying it has to be`: nothing after it is claimed
            voided.append((m.last + 1, _clause_end(norms, m.last + 1)))
    # Negations: (first token in reach, end of reach, focus on a limit, the negator).
    scopes: list[tuple[int, int, Match | None, Match]] = []
    negated_modals: dict[int, Match] = {}  # `should not`: the modal's first token → negator
    advocates = {m.last: m for m in span.kinds("advocate")}
    limits = span.kinds("limit")
    for m in span.kinds("negation"):
        if questions[owner[m.first]]:
            continue
        start = m.last + 1
        clause = _clause_end(norms, start)  # the focus may lie beyond the flip's reach
        end = min(clause, start + SCOPE_WORDS)
        focus = next((lim for lim in limits if start <= lim.first < clause), None)
        scopes.append((start, end, focus, m))
        if m.first - 1 in advocates and focus is None:
            negated_modals[advocates[m.first - 1].first] = m
    turning = next(iter(span.kinds("counterfactual")), None)
    turn = turning.first if turning is not None else None

    for m in span.matches:
        if m.kind not in ("support", "oppose", "advocate", "retract"):
            continue
        if voided and any(a <= m.first < b for a, b in voided):
            continue
        k = owner[m.first]
        level = levels[k]
        if not level:
            continue
        negated = m.first in negated_modals or (
            bool(scopes) and any(a <= m.first < b and focus is None for a, b, focus, _ in scopes)
        )
        if m.kind == "retract":
            if not negated and not questions[k]:  # `Was it a mistake?` withdraws nothing
                evidence.retractions.append(span.text(m.first, m.last))
            continue
        if m.kind == "advocate":
            if level < REFERS or questions[k]:
                continue
            weight = 1.0
        else:
            weight = EVALUATIONS[m.kind] * level * (QUESTION if questions[k] else 1.0)
        if negated:
            weight = -weight
        if turn is not None and m.first > turn:
            weight = -weight
        if m.first in negated_modals:
            text = _joined(span, m, negated_modals[m.first])
        elif turn is not None and m.first > turn:
            text = _joined(span, turning, m)
        else:
            text = _cue_text(span, m, scopes)
        evidence.add(weight, span.tokens.starts[m.first], text)

    for start, end, focus, negator in scopes:
        term = next((t for t in span.terms if start <= t.first < end), None)
        if term is None or not levels[owner[term.first]]:
            continue
        if focus is not None:
            evidence.add(LIMITED, span.tokens.starts[negator.first], _joined(span, negator, focus))
        else:
            weight = -levels[owner[term.first]]
            evidence.add(weight, span.tokens.starts[negator.first], _joined(span, negator, term))
    return evidence


def _joined(span: Span, first: Match, last: Match) -> str:
    """Verbatim words from one match to another, shortened when the stretch is long."""
    text = span.text(first.first, last.last)
    if len(text) <= JOINED_CHARS:
        return text
    return f"{span.text(first.first, first.last)} … {span.text(last.first, last.last)}"


def _cue_text(span: Span, m: Match, scopes: list[tuple[int, int, Match | None, Match]]) -> str:
    """A cue's words, with its negator when one flips it (`not a solution`)."""
    for a, b, focus, negator in scopes:
        if a <= m.first < b and focus is None:
            return _joined(span, negator, m)
    return span.text(m.first, m.last)
