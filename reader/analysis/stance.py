"""Stance per quote: does it support, oppose or retract the collection's topic, or neither?

A reader needs to see why a quote got its label, so stance comes from cue words (data, in
reader/lexicon/stance.toml and collection.toml) combined by a few rules of English, never from
knowledge of particular articles:

- Topic. A quote is on-topic when it names a topic term, or refers back to one: it continues the
  speaker's on-topic statement (`“A,” he said. “B”`), opens with an anaphor (`That means ...`),
  is a fragment whose narration names the topic or points back at a proposal (`called Jenssen's
  suggestion “ridiculous”`), or withdraws the speaker's own words in an article on the topic.
  With no topic terms (no collection.toml), each quote is judged toward its own proposal.
- Evaluations (`ridiculous`, `a solution`) count anywhere in an on-topic quote, most in the
  sentence that names the topic; modals (`should`, `need to`) only in such a sentence.
- Negation flips what follows it in its clause (`does not trade territories`), except when a
  limiting qualifier takes its focus (`does not mean ... give up the territory forever` denies
  permanence and so accepts the concession for now). `otherwise` flips the rest of the quote.
- Questions assert nothing: their cues count half and negation in them does not flip
  (`Isn't it ridiculous?`), and a question naming the topic hands it to the next sentence
  (`Trading territory for a NATO umbrella? It is ridiculous`).
- Hedges (`maybe`) lower the confidence of the whole quote without flipping it; disclaimers
  (`I'm not saying it has to be like this`) also void the cues after them in their clause.
- Retraction language needs a first-person speaker; said of someone else's words it criticises.
- The reporter's words in the quote's sentence count, for less: always for a fragment
  (`rejected what he called “...”`), else only when the quote's own words decide nothing.
- Deferring the decision (`It is completely Ukraine's independent right to decide`) takes no
  side: it has no cue, so it is neutral, and on-topic when it continues an on-topic statement.

The weighing of cues within a stretch of text is `reader.analysis.stance_rules`; this module
decides what each quote is about and turns its evidence into a label.

`stance_score` is the confidence of a support/oppose/retract label, 1 - 0.5^evidence, lowered by
hedges; a neutral quote scores 0. Lexicons are compiled once per settings (cached), and
matching walks each quote's words once, so scoring is linear in the text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reader.analysis.context import QuoteContext, continues, quote_contexts
from reader.analysis.cues import PhraseIndex, is_word, tokenize
from reader.analysis.paragraphs import body_paragraphs
from reader.analysis.stance_rules import (
    AMBIENT,
    Evidence,
    Lexicon,
    Span,
    compile_lexicon,
    lead,
    make_span,
    read,
    sentences,
)
from reader.model import Article, Quote
from reader.settings import CollectionSettings

INHERITED = 0.85  # the quote is on-topic only through its context
NARRATION = 0.6  # the reporter's words around a quote (`rejected what he called “...”`)
RETRACTION = 1.5
HEDGE = 0.75
THRESHOLD = 0.3  # below this net evidence, a quote is neutral
SHORT_QUOTE = 4  # words: a quote this short takes its topic from the narration
MAX_CUES = 6
FIRST_PERSON = frozenset({"i", "my", "me", "myself", "we", "our", "us", "'m"})

TOPIC_SCAN = 200_000


class _ArticleTopic:
    """Where an article first names the topic (title first), found only when a quote asks."""

    def __init__(self, article: Article, lexicon: Lexicon) -> None:
        self.article = article
        self.lexicon = lexicon
        self._first: int | None = None
        self._done = False

    def first(self) -> int | None:
        if not self._done:
            self._done = True
            terms = self.lexicon.terms
            title = self.article.title
            if terms is not None and title and terms.find(tokenize(title)):
                self._first = -1
            elif terms is not None:
                self._first = self._scan(terms)
        return self._first

    def _scan(self, terms: PhraseIndex) -> int | None:
        """First term in the body, paragraph by paragraph: most articles name it early."""
        text = self.article.text
        for paragraph in body_paragraphs(self.article):
            if paragraph.start >= TOPIC_SCAN:
                break
            tokens = tokenize(text, paragraph.start, paragraph.end)
            found = terms.find(tokens)
            if found:
                return tokens.starts[found[0].first]
        return None

    def before(self, pos: int) -> bool:
        first = self.first()
        return first is not None and first < pos


@dataclass(slots=True)
class _Reading:
    """The context a quote is read in: what came before it in the article."""

    article: Article
    lexicon: Lexicon
    topic: _ArticleTopic
    previous: Quote | None = None
    last_by_speaker: dict[str, Quote] = field(default_factory=dict)


def score_stance(article: Article, quotes: list[Quote], settings: CollectionSettings) -> None:
    """Set `stance`, `stance_score`, `cues` and `on_topic` on each quote of `article`."""
    if not quotes:
        return
    lexicon = compile_lexicon(settings)
    reading = _Reading(article, lexicon, _ArticleTopic(article, lexicon))
    for context in quote_contexts(article, quotes):
        quote = context.quote
        _judge(context, reading)
        reading.previous = quote
        if quote.speaker_name:
            reading.last_by_speaker[quote.speaker_name] = quote


def _judge(context: QuoteContext, reading: _Reading) -> None:
    quote = context.quote
    lexicon = reading.lexicon
    topic_mode = lexicon.terms is not None
    if quote.kind == "scare":  # takes no side: only whether it names the topic is asked
        names_topic = topic_mode and bool(make_span(lexicon, quote.text).terms)
        _set(quote, "neutral", 0.0, ["scare quote"], names_topic)
        return
    span = make_span(lexicon, quote.text)
    topic_cue = span.text(span.terms[0].first, span.terms[0].last) if span.terms else None
    inherited = fragment = False
    if topic_mode and not span.terms:
        inherited, topic_cue = _refers_back(span, context, reading)
    around: Span | None = None
    if quote.kind == "partial" or _short(span.tokens.norms):
        around = _narration(context, reading)
        if topic_mode and not span.terms and not inherited:
            inherited, topic_cue = _fragment_topic(around, quote, reading)
            fragment = inherited
    elif topic_mode and not span.terms and not inherited:
        # `Asked about ceding territory, he said: “...”`: the sentence names what it is about.
        around = _narration(context, reading)
        if around.terms:
            inherited = fragment = True
            topic_cue = around.text(around.terms[0].first, around.terms[0].last)
    on_topic = not topic_mode or bool(span.terms) or inherited
    if not on_topic:
        _set(quote, "neutral", 0.0, ["off-topic"], False)
        return
    own = read(span, topical=inherited, topic_mode=topic_mode, direct=fragment)
    evidence = Evidence()
    evidence.extend(own, INHERITED if inherited else 1.0)
    if around is not None or not (own.cues or own.retractions):
        # The reporter's words: always for a fragment, else only when the quote says nothing.
        around = around if around is not None else _narration(context, reading)
        narration = read(around, topical=True, topic_mode=topic_mode, direct=bool(span.terms))
        evidence.extend(narration, NARRATION)
    extra = [topic_cue] if topic_cue else []
    if evidence.retractions:
        if FIRST_PERSON.intersection(span.tokens.norms):
            score = 1.0 - 0.5 ** (RETRACTION * len(evidence.retractions))
            _set(quote, "retract", score, evidence.retractions + extra, True)
            return
        for text in evidence.retractions:  # someone else's words called a mistake: criticism
            evidence.add(-AMBIENT, 0, text)
    net = sum(weight for weight, _, _ in evidence.cues)
    if abs(net) < THRESHOLD:
        found = _ordered(evidence.cues, None)
        label = ["mixed cues", *found] if found else ["no stance cue"]
        _set(quote, "neutral", 0.0, label + extra, on_topic and topic_mode)
        return
    score = (1.0 - 0.5 ** abs(net)) * HEDGE ** min(evidence.hedges, 2)
    stance = "support" if net > 0 else "oppose"
    _set(quote, stance, score, _ordered(evidence.cues, net > 0) + extra, True)


def _narration(context: QuoteContext, reading: _Reading) -> Span:
    """The quote's sentence outside every quotation, cues cut from the article text."""
    masked, lo, hi = context.narration()
    paragraph = context.paragraph
    source = reading.article.text[paragraph.start : paragraph.end]
    return make_span(reading.lexicon, masked, lo, hi, source)


def _short(norms: Sequence[str]) -> bool:
    """At most SHORT_QUOTE words (punctuation aside)."""
    if len(norms) <= SHORT_QUOTE:
        return True
    return len(norms) <= 2 * SHORT_QUOTE and sum(map(is_word, norms)) <= SHORT_QUOTE


def _refers_back(span: Span, context: QuoteContext, reading: _Reading) -> tuple[bool, str | None]:
    """Whether a quote naming no topic term is on-topic through what came before it."""
    quote = context.quote
    previous = reading.previous
    if (
        previous is not None
        and previous.on_topic
        and continues(previous, quote, reading.article.text)
    ):
        return True, None
    norms = span.tokens.norms
    if norms:
        _, spans = sentences(norms)
        first = lead(norms, *spans[0])
        anaphor = next((m for m in span.kinds("anaphora") if m.first == first), None)
        if anaphor is not None:
            same = reading.last_by_speaker.get(quote.speaker_name or "")
            if (same is not None and same.on_topic) or reading.topic.before(quote.start):
                return True, span.text(anaphor.first, anaphor.last)
    if (
        span.kinds("retract")
        and FIRST_PERSON.intersection(norms)
        and reading.topic.first() is not None
    ):
        return True, None
    return False, None


def _fragment_topic(around: Span, quote: Quote, reading: _Reading) -> tuple[bool, str | None]:
    """A fragment's topic from its narration: a term, or a proposal mentioned earlier."""
    if around.terms:
        return True, around.text(around.terms[0].first, around.terms[0].last)
    references = around.kinds("reference")
    if references and reading.topic.before(quote.start):
        return True, around.text(references[0].first, references[0].last)
    return False, None


def _ordered(cues: list[tuple[float, int, str]], positive: bool | None) -> list[str]:
    """Cue texts on the winning side (all when `positive` is None), strongest first, once each."""
    chosen = [c for c in cues if positive is None or (c[0] > 0) == positive]
    chosen.sort(key=lambda c: (-abs(c[0]), c[1]))
    texts: list[str] = []
    for _, _, text in chosen:
        if text not in texts:
            texts.append(text)
    return texts[:MAX_CUES]


def _set(quote: Quote, stance: str, score: float, cues: list[str], on_topic: bool) -> None:
    quote.stance = stance
    quote.stance_score = max(0.0, min(1.0, score))
    quote.cues = cues[: MAX_CUES + 1]
    quote.on_topic = on_topic
