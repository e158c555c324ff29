"""Who said each quote, and whether it is a full statement, a fragment, or a scare-quoted term.

The rules, in the order they are tried for each quote (see `_attribute_quote`):

1. A scare marker right before the quote (`the so-called “NATO umbrella”`) makes it `scare`.
2. An introducing clause that ends right at the quote (`Jenssen said: “…”`, `He added, “…”`,
   `X told VG: “…”`, `according to X, “…”`, `he said “…”`) makes it `direct`, spoken by the
   clause's subject.
3. A quote inside a sentence after other words is `partial` when the sentence holds a speech
   act before it (`said it must guarantee “…”`, `called the plan “ridiculous”`, `, calling
   them “…”`, `hinted that the “NATO umbrella” would…`, `described by X as “…”`) or an
   attribution after it (`the deal is “dead,” Smith said`, `…, and it is over, Smith said.`);
   the speaker is that verb's subject: the main clause's for a participle such as `saying` or
   a second verb (`said …, and described it as “…”`), the relative clause's in `what he
   called “…”`, the agent of a passive (`was called “…” by critics`), or for a passive with no
   agent whoever spoke in the sentence before (`…, police said. His injuries were described as
   “…”`). With no speech act in its sentence it is `scare` and has no speaker: a quoted term
   is someone's words only when the sentence says someone said, called or wrote it.
4. A quote that starts its sentence is `direct`: attributed by what follows it (`“…,” X said`,
   `“…,” said X`, `“…,” according to X`, `“…” — a gloss — the crowd chanted`); when a speech
   verb follows but its subject names no one we can resolve, it has no speaker (the previous
   speaker is never carried onto a quote with an attribution of its own). Only a quote with
   no attribution at all continues the speech before it: an open-ended quote always goes on
   in the next paragraph's first quote; otherwise the last speech (an attributed quote or
   reported speech) in its paragraph, or in the previous paragraph for a quote that opens its
   paragraph; failing that, the person who is the subject of the sentence right before it
   (`Smith was defiant. “We will win.”`). A short quoted term that is the subject of its
   sentence (`“Peace through strength” is …`) is `scare`, or `partial` when the sentence ends
   `…, Smith said.`

Who a subject (`he`, `the minister`, `Jenssen`) stands for is `coreference`'s job.
"""

from __future__ import annotations

import bisect
import re

from reader.analysis.coreference import PERSON, ArticleContext, Entity, verbs_in
from reader.analysis.paragraphs import body_paragraphs
from reader.analysis.sentences import MASK
from reader.analysis.subjects import last_match, subject_after, subject_before
from reader.model import Article, Quote

DIRECT, PARTIAL, SCARE = "direct", "partial", "scare"


_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]+(?![\w'’-])")
_BY_AGENT = re.compile(r"\s+by\s+")
_ACCORDING_TO = re.compile(r"\baccording to\s+", re.IGNORECASE)
_LEADING_PUNCT = re.compile(r"[\s,]*(?:[—–-]+\s*)?")
# `, adding`, `before adding`, `while saying`: the participle's subject is the main clause's.
_PARTICIPLE_LINKS = (" and", " before", " after", " while", " when", " by", " without")
_PASSIVE = re.compile(r"\b(?:was|were|is|are|been|being|be)\s+(?:[a-z]+ly\s+)?$")
_DASH = re.compile(r"\s[—–-]+\s|[—–]")
_COORDINATORS = (", and", ", but", " and then", ", then")
# What may follow a closing `Smith said` in its sentence without making it reported speech.
_CLOSING_ADVERBIALS = ("on ", "in ", "at ", "last ", "this ", "yesterday", "today", "to ")
_SPOKEN_ENDS = (",", ".", "!", "?", "…", ":", ";", "—", "–")
_MARKS_AND_MASK = " \t\n\x00“”\"‘’'„«»,—–-"
_ONLY_MARKS = re.compile(r"^[\s\x00“”\"‘’'„«»()\[\]—–-]*$")


def _clear(quote: Quote, kind: str) -> None:
    quote.kind = kind
    quote.speaker_name = quote.speaker_role = quote.speaker_kind = None
    quote.attribution = None
    quote.attribution_names = ()


_SMALL_WORDS = frozenset({"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for"})


def _is_title(text: str) -> bool:
    """A short run of capitalised words (`The Art of the Deal`, `Project Fear`)."""
    words = text.strip(" ,.;:!?…").split()
    if not words or len(words) > 6:
        return False
    capitalised = [w for w in words if w.lower() not in _SMALL_WORDS]
    return bool(capitalised) and all(w[:1].isupper() for w in capitalised) and len(words) > 1


class _ArticleAttribution(ArticleContext):
    """The attribution rules over one article's context."""

    def __init__(
        self, text: str, spans: list[tuple[int, int]], by_paragraph: dict[int, list[Quote]]
    ) -> None:
        super().__init__(text, spans, by_paragraph)
        self.all_verbs = self.words.speech_verbs | self.words.evaluative_verbs

    # -- the rules ---------------------------------------------------------------------------

    def attribute_all(self) -> None:
        for pi in sorted(self.by_paragraph):
            for quote in self.by_paragraph[pi]:
                self._attribute_quote(pi, quote)

    def _record(self, pi: int, quote: Quote, kind: str, entity: Entity | None, span) -> None:
        para = self.paragraph(pi)
        if entity is None:
            _clear(quote, kind)
            return
        quote.kind = kind
        quote.speaker_name = entity.name
        quote.speaker_role = entity.role
        quote.speaker_kind = entity.kind
        if span:
            start, end = para.start + span[0], para.start + span[1]
            quote.attribution = (start, end)
            quote.attribution_names = tuple(m.name for m in self.names.mentions(start, end))
        else:
            quote.attribution, quote.attribution_names = None, ()
        opening, closing = para.marks[quote.id]
        for pos in {opening, max(opening, closing - 1)}:
            self.speakers.setdefault((pi, para.sentence_at(pos)), []).append(entity)

    def _attribute_quote(self, pi: int, quote: Quote) -> None:
        para = self.paragraph(pi)
        masked = para.masked
        opening, closing = para.marks[quote.id]
        si = para.sentence_at(opening)
        s_lo = para.sentences[si][0]
        s_hi = para.sentences[para.sentence_at(max(opening, closing - 1))][1]
        pre = masked[s_lo:opening]
        post_lo = closing if closing <= s_hi else s_hi
        low_pre = pre.rstrip().lower()

        if low_pre.endswith(self.words.scare_markers):
            self._record(pi, quote, SCARE, None, None)
            return

        intro = self._introduction(pi, s_lo, opening)
        if intro is not None:
            entity, span = intro
            self._record(pi, quote, DIRECT, entity, span)
            return
        if pre.rstrip().endswith(":"):
            # `The message was clear: “…”`: a statement introduced, not a term.
            self._record(pi, quote, DIRECT, self._continuation(pi, quote, si), None)
            return

        if not _ONLY_MARKS.match(pre):
            if _is_title(quote.text):
                # `wrote in his book “The Art of the Deal”`: a name or title, not words said.
                self._record(pi, quote, SCARE, None, None)
                return
            found = (
                self._speech_act_before(pi, s_lo, opening, (post_lo, s_hi))
                or self._attribution_after(pi, post_lo, s_hi)
                or self._closing_attribution(pi, post_lo, s_hi)
            )
            if found is not None:
                self._record(pi, quote, PARTIAL, *found)
            else:
                previous = self._previous_in_sentence(pi, quote, s_lo)
                self._record(pi, quote, PARTIAL if previous else SCARE, previous, None)
            return

        found = self._attribution_after(pi, post_lo, s_hi)
        if found is not None:
            self._record(pi, quote, DIRECT, *found)
            return
        rest = masked[post_lo:s_hi]
        term = len(quote.text.split()) <= 4 and not quote.text.rstrip().endswith(_SPOKEN_ENDS)
        if term and _LOWER_WORD.match(rest.lstrip()):
            # `“NATO umbrella” is the phrase …`: a term that is the sentence's subject, and
            # someone's words only if the sentence ends `…, Smith said.`
            found = self._closing_attribution(pi, post_lo, s_hi)
            self._record(pi, quote, PARTIAL if found else SCARE, *(found or (None, None)))
            return
        if self._own_speech_verb(masked, post_lo, s_hi):
            # `“…,” <someone we cannot name> told jurors`: the quote has an attribution of its
            # own, so the previous speaker must not be carried forward onto it.
            self._record(pi, quote, DIRECT, None, None)
            return
        self._record(pi, quote, DIRECT, self._continuation(pi, quote, si), None)

    def _own_speech_verb(self, masked: str, lo: int, hi: int) -> bool:
        """Whether a speech verb follows a quote within its sentence, before any other quote."""
        end = masked.find(MASK, lo, hi)
        window = min(hi if end < 0 else end, lo + 240)
        return bool(verbs_in(masked, lo, window, self.words.speech_verbs))

    def _introduction(self, pi: int, s_lo: int, opening: int):
        """`X said: “`, `He added, “`, `X told VG: “`, `according to X, “`: (entity, span)."""
        para = self.paragraph(pi)
        masked = para.masked
        pre = masked[s_lo:opening].rstrip()
        end = s_lo + len(pre)
        if not pre:
            return None
        according = last_match(_ACCORDING_TO.finditer(masked, s_lo, end))
        if according is not None and pre.endswith(","):
            found = self._named_after(pi, according.end(), end - 1, according.start())
            if found is not None:
                return found
        verbs = verbs_in(masked, s_lo, end, self.words.speech_verbs)
        if not verbs:
            if pre.endswith(":"):
                entity = self.sentence_subject(pi, s_lo, end)
                if entity is not None:
                    return entity, None
            return None
        verb = verbs[-1]
        tail = masked[verb.end() : end]
        if tail.strip(" ,:"):
            if pre.endswith((",", ":")) and not masked[s_lo : verb.start()].strip(_MARKS_AND_MASK):
                # `“We will,” said Ana Silva, the mayor, “rebuild it.”`: inverted, mid-quote.
                found = self._named_after(pi, verb.end(), end, verb.start())
                if found is not None:
                    return found
            # `told the Norwegian newspaper VG:` — an object may sit between verb and colon;
            # `told me, years ago, “…”` — or a short object and adverbial before a comma.
            limit = 8 if pre.endswith(":") else 5
            if not pre.endswith((":", ",")) or len(tail.split()) > limit or MASK in tail:
                return None
            if any(w in ("that", "whether", "if") for w in tail.lower().split()):
                return None
        subject = self._subject_of(pi, s_lo, verb)
        if subject is None:
            return None
        entity, subject_start = subject
        return entity, (subject_start, verb.end())

    def _subject_of(
        self, pi: int, s_lo: int, verb: re.Match[str]
    ) -> tuple[Entity | None, int] | None:
        """(speaker, start) of a verb in the sentence starting at `s_lo` (for a participle, the
        main clause's subject); the speaker is None when the subject is there but cannot be
        resolved (`he` with nobody before), and the whole is None when there is no subject."""
        para = self.paragraph(pi)
        masked = para.masked
        before = masked[s_lo : verb.start()]
        word = verb.group()
        stripped = before.rstrip()
        participle = word.endswith("ing") and (
            not stripped or stripped[-1:] in ",—–" or stripped.endswith(_PARTICIPLE_LINKS)
        )
        # `Smith said there had been none, and described it as …`: a second verb of the
        # main clause shares its subject.
        coordinated = stripped.endswith(_COORDINATORS)
        if participle or coordinated:
            return self.sentence_subject(pi, s_lo, verb.start()), verb.start()
        subject = subject_before(before, s_lo)
        if subject is None:
            return None
        return self.resolve(subject, pi, subject.start), subject.start

    def _speech_act_before(self, pi: int, s_lo: int, opening: int, after: tuple[int, int]):
        """(speaker, span) of the nearest speech act before a mid-sentence quote; `after` is
        the narration from the quote's closing mark to the end of its sentence.

        Here and below the speaker is None when the speech act is certain but its subject
        cannot be resolved: the quote's kind still follows, it just has no speaker."""
        para = self.paragraph(pi)
        masked = para.masked
        according = last_match(_ACCORDING_TO.finditer(masked, s_lo, opening))
        if according is not None:
            found = self._named_after(pi, according.end(), opening, according.start())
            if found is not None:
                return found
        for verb in reversed(verbs_in(masked, s_lo, opening, self.all_verbs)):
            agent = _BY_AGENT.match(masked, verb.end(), opening)
            if agent is not None:
                # `was described by Martino as “…”`: the passive's agent is the speaker.
                found = self._named_after(pi, agent.end(), opening, verb.start())
                if found is not None:
                    return found
            if not verb.group().endswith("ing") and _PASSIVE.search(masked, s_lo, verb.start()):
                return self._passive_source(pi, s_lo, verb, after)
            subject = self._subject_of(pi, s_lo, verb)
            if subject is not None:
                entity, subject_start = subject
                return entity, (subject_start, verb.end())
        return None

    def _passive_source(self, pi: int, s_lo: int, verb: re.Match[str], after: tuple[int, int]):
        """`was called “reckless” by critics`: the agent after the quote; `His injuries were
        described as “serious”` with no agent: whoever spoke in the sentence before (`…,
        police said.`), else nobody named."""
        masked = self.paragraph(pi).masked
        lo, hi = after
        agent = _BY_AGENT.match(masked, lo, hi)
        if agent is not None:
            found = self._named_after(pi, agent.end(), hi, verb.start())
            if found is not None:
                return found
        si = self.paragraph(pi).sentence_at(s_lo)
        source = self._last_speech(pi, si - 1) if si > 0 else None
        return source, None

    def _attribution_after(self, pi: int, lo: int, hi: int):
        """(entity, span) of `, X said` / `said X` / `according to X` right after a quote."""
        para = self.paragraph(pi)
        masked = para.masked
        lead = _LEADING_PUNCT.match(masked, lo, hi)
        start = lead.end() if lead else lo
        if start >= hi:
            return None
        if lead is not None and _DASH.search(lead.group()):
            # `“…” — a home to live in — the protesters chanted`: a gloss between dashes.
            closing = _DASH.search(masked, start, min(hi, start + 120))
            if (
                closing is not None
                and MASK not in masked[start : closing.start()]
                and not verbs_in(masked, start, closing.start(), self.words.speech_verbs)
            ):
                start = _LEADING_PUNCT.match(masked, closing.start(), hi).end()
        window = min(hi, start + 240)
        first = _LOWER_WORD.match(masked, start, window)
        if first is not None and first.group() in self.words.speech_verbs:
            return self._named_after(pi, first.end(), window, start)
        according = _ACCORDING_TO.match(masked, start, window)
        if according is not None:
            return self._named_after(pi, according.end(), window, start)
        for verb in verbs_in(masked, start, window, self.words.speech_verbs):
            segment = masked[start : verb.start()]
            if MASK in segment or segment.count(",") % 2:
                continue
            subject = subject_before(segment, start)
            if subject is None or masked[start : subject.start].strip():
                continue
            return self.resolve(subject, pi, subject.start), (subject.start, verb.end())
        return None

    def _closing_attribution(self, pi: int, lo: int, hi: int):
        """(entity, span) of `…, Smith said.` closing the sentence after the quote."""
        masked = self.paragraph(pi).masked
        comma = masked.rfind(",", lo, hi)
        if comma < 0 or MASK in masked[comma:hi]:
            return None
        found = self._attribution_after(pi, comma + 1, hi)
        if found is None:
            return None
        _, (_, span_end) = found
        if _LOWER_WORD.search(masked, span_end, hi) and not masked[span_end:hi].strip(
            " ."
        ).startswith(_CLOSING_ADVERBIALS):
            return None  # `, Smith said the talks had failed.`: reported speech, not attribution
        return found

    def _named_after(self, pi: int, lo: int, hi: int, span_start: int):
        """(entity, span) for the subject written after `said` or `according to`, or None."""
        masked = self.paragraph(pi).masked
        subject = subject_after(masked[lo:hi], lo)
        if subject is None:
            return None
        return self.resolve(subject, pi, subject.start), (span_start, subject.end)

    def _previous_in_sentence(self, pi: int, quote: Quote, s_lo: int) -> Entity | None:
        para = self.paragraph(pi)
        earlier = [
            q
            for q in para.quotes
            if q.start < quote.start and para.marks[q.id][0] >= s_lo and q.kind != SCARE
        ]
        if not earlier or earlier[-1].speaker_name is None:
            return None
        last = earlier[-1]
        return Entity(last.speaker_name, last.speaker_role, last.speaker_kind or PERSON)

    def _continuation(self, pi: int, quote: Quote, si: int) -> Entity | None:
        """The speaker a quote with no attribution of its own goes on from, if any.

        It goes on from the sentence right before it (in the previous paragraph for a quote
        that opens its paragraph): whoever speaks there, else the person who is its subject
        (`Smith was defiant. “We will win.”`), else the last speech before that.
        """
        if si > 0:
            return self._speaker_before(pi, si - 1)
        if pi == 0:
            return None
        previous = self.paragraph(pi - 1)
        if previous.quotes and previous.quotes[-1].open_ended:
            last = previous.quotes[-1]
            if last.speaker_name is None:
                return None
            return Entity(last.speaker_name, last.speaker_role, last.speaker_kind or PERSON)
        return self._speaker_before(pi - 1, len(previous.sentences) - 1)

    def _speaker_before(self, pi: int, si: int) -> Entity | None:
        """Who speaks at sentence `si` of paragraph `pi`: its speaker or reported speaker, else
        the person who is its subject (`Jones disagreed.`), else the last speech before it."""
        return (
            self._last_speech(pi, si, si)
            or self.subject_person(pi, si)
            or (self._last_speech(pi, si - 1) if si > 0 else None)
        )

    def _last_speech(self, pi: int, si: int, stop: int = 0) -> Entity | None:
        """Who spoke last in paragraph `pi`, looking back from sentence `si` to `stop`."""
        for sj in range(si, stop - 1, -1):
            spoken = self.speakers.get((pi, sj))
            if spoken:
                return spoken[-1]
            reported = self.reported_speaker(pi, sj)
            if reported is not None:
                return reported
        return None


def attribute(article: Article, quotes: list[Quote]) -> None:
    """Set kind, speaker_name/role/kind and attribution on each of the article's quotes."""
    if not quotes:
        return
    spans = [(p.start, p.end) for p in body_paragraphs(article)]
    starts = [start for start, _ in spans]
    by_paragraph: dict[int, list[Quote]] = {}
    for quote in sorted(quotes, key=lambda q: q.start):
        index = bisect.bisect_right(starts, quote.start) - 1
        if index >= 0 and quote.start <= quote.end <= spans[index][1]:
            by_paragraph.setdefault(index, []).append(quote)
        else:
            # Outside the body (hand-made or stale offsets): no context to attribute from.
            _clear(quote, DIRECT)
    _ArticleAttribution(article.text, spans, by_paragraph).attribute_all()
