"""Who a subject stands for within one article: names, pronouns and nominal references.

`attribution` finds a speech verb's subject (`Jenssen`, `he`, `the experienced politician`);
this module turns it into an article-local speaker. Names resolve to their fullest form in the
article (`Jenssen` is `Stian Jenssen`, with the role written at that mention). Pronouns resolve
to the most recent sentence subject they can mean (a quote's speaker, else the first person
named in the sentence), passing over people whose gender is known to differ; nominal references
(`the minister said`) to the most recent person whose role has that noun, else like a pronoun,
or to an unnamed person for nouns anyone could be (`the man`). A pronoun after a fronted phrase
(`Asked about Sinner, Draper smiled`, `Back home, he said`) skips the names inside it. `one of
them` is an unnamed member of the group named just before; `the company said` is the one
business the article has named (`budget carrier AirLeger`), if only one.

Paragraphs are built lazily and only the quote's paragraph and a few before it are read; one
regex pass indexes the article's names. The cost per quote does not grow with the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.analysis.names import (
    Mention,
    NameIndex,
    apposition_after,
    description_before,
    role_before,
)
from reader.analysis.sentences import Paragraph, build_paragraph
from reader.analysis.speechwords import speech_words
from reader.analysis.subjects import (
    ANONYMOUS,
    GROUP,
    NAME,
    NOMINAL,
    PARTITIVE,
    PRONOUN,
    Subject,
    subject_before,
)
from reader.model import Quote

PERSON = "person"
# How far back pronouns, nominal references and continuations may look, in paragraphs.
LOOKBACK_PARAGRAPHS = 3
NOMINAL_LOOKBACK_PARAGRAPHS = 12


@dataclass(frozen=True, slots=True)
class Entity:
    """A resolved speaker within one article."""

    name: str
    role: str | None
    kind: str


_ANY_WORD = re.compile(r"[\w'’-]+")
_PRONOUN_WORD = re.compile(r"(?<![\w'’-])(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er)(?![\w'’-])")
_SUBJECT_PRONOUN = re.compile(r"\s*([Hh]e|[Ss]he)\s")
# A possessive and a role noun or two right before a name: `Her daughter`, `His lawyer,`.
_POSSESSED_NAME = re.compile(r"(?:[Hh]is|[Hh]er)(?: [a-z-]+){1,3},? $")
_NAME_IS = re.compile(r"\s*(?:[Hh]er|[Hh]is|[Tt]heir) (?:full )?name is ")
# An organisation noun and the capitalised name after it (`carrier AirLeger`).
_ORGANISATION_NAMED = re.compile(r"\b([a-z]+) ((?:[A-Z][\w&-]*)(?: [A-Z][\w&-]*){0,3})")
_SUBORDINATE_SUBJECT = re.compile(
    r"(?<![\w'’-])(?:[Ww]hen|[Aa]s|[Ww]hile|[Oo]nce|[Bb]ecause|[Ss]ince|[Ii]f|[Aa]fter|[Bb]efore|"
    r"[Aa]lthough|[Tt]hough|[Uu]ntil)\s+(?:[A-Z][\w.'’-]*\s+){0,3}$"
)
_FIRST_WORD = re.compile(r"[\s\"“‘(]*([A-Z][\w'’-]*)")
_PRONOUN_GENDER = {"he": "he", "his": "he", "she": "she", "her": "she"}


def verbs_in(text: str, lo: int, hi: int, verbs: frozenset[str]) -> list[re.Match[str]]:
    """Lower-case speech verbs in `text[lo:hi]`, without noun uses (`his comments`)."""
    determiners = speech_words().determiners
    found = []
    prev_word = ""
    for match in _ANY_WORD.finditer(text, lo, hi):
        word = match.group()
        if word in verbs and prev_word not in determiners:
            found.append(match)
        prev_word = word.lower()
    return found


class ArticleContext:
    """One article's paragraphs (quotes masked), names, and the speakers found so far.

    `speakers` maps (paragraph, sentence) to the speakers of the quotes attributed there, in
    order; the attribution rules add to it as they go, and resolution reads it.
    """

    def __init__(
        self, text: str, spans: list[tuple[int, int]], by_paragraph: dict[int, list[Quote]]
    ) -> None:
        self.text = text
        self.spans = spans
        self.by_paragraph = by_paragraph
        self.paragraphs: dict[int, Paragraph] = {}
        self.speakers: dict[tuple[int, int], list[Entity]] = {}
        self.reported: dict[tuple[int, int], Entity | None] = {}
        self.canonical: dict[str, Entity] = {}
        self.genders: dict[str, str] = {}
        self.words = speech_words()
        self._names: NameIndex | None = None
        self._lower: str | None = None

    def paragraph(self, index: int) -> Paragraph:
        para = self.paragraphs.get(index)
        if para is None:
            start, end = self.spans[index]
            para = build_paragraph(self.text, start, end, self.by_paragraph.get(index, []))
            self.paragraphs[index] = para
        return para

    def _parts_before(self, pi: int, pos: int, lookback: int = LOOKBACK_PARAGRAPHS):
        """(paragraph, sentence, lo, hi) for the text before `pos`, most recent first."""
        para = self.paragraph(pi)
        si = para.sentence_at(pos)
        yield pi, si, para.sentences[si][0], pos
        for sj in range(si - 1, -1, -1):
            yield pi, sj, *para.sentences[sj]
        for pj in range(pi - 1, max(-1, pi - 1 - lookback), -1):
            other = self.paragraph(pj)
            for sj in range(len(other.sentences) - 1, -1, -1):
                yield pj, sj, *other.sentences[sj]

    @property
    def lower_text(self) -> str:
        if self._lower is None:
            self._lower = self.text.lower()
        return self._lower

    @property
    def names(self) -> NameIndex:
        if self._names is None:
            self._names = NameIndex(self.text)
        return self._names

    def people_in(self, pi: int, lo: int, hi: int) -> list[Mention]:
        """People named in the narration of paragraph `pi` between relative offsets lo, hi."""
        para = self.paragraph(pi)
        return self.names.mentions(para.start + lo, para.start + hi, para.masked, para.start)

    def entity_for_name(self, name: str, role: str | None, at: int) -> Entity:
        """The person `name` names, by the fullest form of it in the article; `role` (from the
        attribution itself) wins over the role written at that fullest mention."""
        known = self.canonical.get(name)
        if known is None:
            mention = self.names.fullest(name, at)
            full = mention.name if mention else name
            mention_role = None
            if mention is not None:
                line_start = self.text.rfind("\n", 0, mention.start) + 1
                before, _ = role_before(self.text, mention.start, line_start)
                line_end = self.text.find("\n", mention.end)
                after = apposition_after(
                    self.text, mention.end, len(self.text) if line_end < 0 else line_end
                )
                titles = " ".join(r for r in (before, mention.role) if r)
                # `The transport secretary, Louise Haigh, defended …`: what follows the
                # second comma is the predicate, not an apposition.
                described = description_before(self.text, mention.start, line_start)
                mention_role = described or titles or after
            known = Entity(full, mention_role, PERSON)
            self.canonical[name] = known
            self.canonical.setdefault(full, known)
        return Entity(known.name, role or known.role, PERSON)

    def resolve(self, subject: Subject, pi: int, rel: int) -> Entity | None:
        """The speaker a subject stands for; `rel` is its offset within paragraph `pi`."""
        para = self.paragraph(pi)
        if subject.kind == NAME:
            return self.entity_for_name(subject.text, subject.role, para.start + rel)
        if subject.kind == GROUP and subject.text.lower() in self.words.organisation_roles:
            named = self._organisation_named_before(subject.text.lower(), pi, rel)
            if named is not None:
                return Entity(named, subject.role, GROUP)
        if subject.kind in (ANONYMOUS, GROUP):
            return Entity(subject.text, subject.role, subject.kind)
        if subject.kind == PRONOUN:
            if subject.text in self.words.group_pronouns:
                return self._recent_group(pi, rel)
            return self._recent_person(pi, rel, subject.text)
        if subject.kind == PARTITIVE:
            return self._member_of_group(pi, rel, subject.text)
        if subject.kind == NOMINAL:
            found = self._person_with_role(subject.text, pi, rel)
            if found is not None:
                return found
            if subject.text in self.words.generic_people:
                # `the man said` with no man introduced: someone unnamed, not the last person,
                # unless the next sentence names them (`Her name is Angela Russo`).
                named = self._named_next(pi, rel)
                if named is not None:
                    return named
                return Entity(f"the {subject.text}", None, ANONYMOUS)
            return self._recent_person(pi, rel)
        return None

    def _gender(self, entity: Entity) -> str | None:
        """ "he" or "she" when known: from a pronoun already resolved to them, or a first name."""
        learned = self.genders.get(entity.name)
        if learned is not None:
            return learned
        first = entity.name.split(" ", 1)[0].lower()
        if first in self.words.female_names:
            return "she"
        if first in self.words.male_names:
            return "he"
        return None

    def _compatible(self, entity: Entity, pronoun: str | None) -> bool:
        if pronoun is None:
            return True
        gender = self._gender(entity)
        return gender is None or gender == pronoun

    def _sentence_person(
        self, pi: int, si: int, lo: int, hi: int, pronoun: str | None
    ) -> Entity | None | bool:
        """The person a sentence is about that `pronoun` can refer to; None if nobody, False
        if the sentence's subject is itself that pronoun (it refers further back)."""
        for entity in reversed(self.speakers.get((pi, si), [])):
            if entity.kind == PERSON and self._compatible(entity, pronoun):
                return entity
        para = self.paragraph(pi)
        mentions = self._main_clause_people(pi, lo, hi)
        first = _PRONOUN_WORD.search(para.masked, lo, hi)
        if (
            first
            and mentions
            and _POSSESSED_NAME.match(para.masked, first.start(), mentions[0].start - para.start)
        ):
            first = None  # `Her daughter Ana Vale spoke`: the name is the subject
        if first and (not mentions or para.start + first.start() < mentions[0].start):
            word = _PRONOUN_GENDER[first.group().lower()]
            if pronoun is None or word == pronoun:
                return False
        for mention in mentions:
            entity = self.entity_for_name(mention.name, None, mention.start)
            if self._compatible(entity, pronoun):
                return entity
        return None

    def _main_clause_people(self, pi: int, lo: int, hi: int) -> list[Mention]:
        """People named in a sentence, without those in a fronted clause when the subject
        comes after it: in `Asked about Sinner, Draper smiled.` the subject is Draper, and in
        `Back home, he said` it is `he`, whoever that is."""
        mentions = self.people_in(pi, lo, hi)
        if not mentions:
            return mentions
        para = self.paragraph(pi)
        masked = para.masked
        comma = masked.find(",", lo, hi)
        if comma < 0 or mentions[0].start >= para.start + comma:
            return mentions
        after = [m for m in mentions if m.start >= para.start + comma]
        end = para.sentences[para.sentence_at(lo)][1]
        if _SUBJECT_PRONOUN.match(masked, comma + 1, end):
            # `Back home, he said`, `After meeting Smith, he said`: the pronoun is the subject,
            # and the fronted words name nobody it can mean, unless they hold a clause of
            # their own with a named subject (`When Smith arrived, he said`).
            subjects = [
                m
                for m in mentions
                if m.start < para.start + comma
                and _SUBORDINATE_SUBJECT.search(masked, lo, m.end - len(m.name) - para.start)
            ]
            return subjects + after
        opener = _FIRST_WORD.match(masked, lo, hi)
        if not after or opener is None:
            return mentions
        word = opener.group(1)
        if word.lower() in self.words.fronting or word.endswith(("ing", "ed")):
            return after
        return mentions

    def _recent_person(self, pi: int, rel: int, pronoun: str | None = None) -> Entity | None:
        """The person a pronoun (`he`, `she`, or None for any) most likely refers to.

        Gender only passes over a person when someone else fits: first-name lists are rough,
        and a pronoun always means someone, so with nobody compatible nearby it is the person
        the article is about (the first one named) if they fit, else the most recent subject
        all the same.
        """
        for pj, sj, lo, hi in self._parts_before(pi, rel):
            found = self._sentence_person(pj, sj, lo, hi, pronoun)
            if found:
                if pronoun is not None:
                    self.genders.setdefault(found.name, pronoun)
                return found
        if pronoun is None:
            return None
        topic = self._topic_person()
        if topic is not None and self._compatible(topic, pronoun):
            return topic
        return self._recent_person(pi, rel)

    def _topic_person(self) -> Entity | None:
        """The first person the body names: who a feature or an obituary is about."""
        for pj in range(min(2, len(self.spans))):
            mentions = self.people_in(pj, 0, len(self.paragraph(pj).masked))
            if mentions:
                return self.entity_for_name(mentions[0].name, None, mentions[0].start)
        return None

    def _recent_group(self, pi: int, rel: int) -> Entity | None:
        """The group `they` refers to: the last group that spoke or was reported speaking."""
        current = (pi, self.paragraph(pi).sentence_at(rel))
        for pj, sj, _, _ in self._parts_before(pi, rel):
            for entity in reversed(self.speakers.get((pj, sj), [])):
                if entity.kind in (GROUP, ANONYMOUS):
                    return entity
            if (pj, sj) != current:
                reported = self.reported_speaker(pj, sj)
                if reported is not None and reported.kind in (GROUP, ANONYMOUS):
                    return reported
        return None

    def _member_of_group(self, pi: int, rel: int, phrase: str) -> Entity:
        """`one of them said`, `what one called`: an unnamed member of the group last spoken
        of (`Policymakers who spoke to Reuters …`, `Labour backbenchers have …`); `another`
        after an unnamed source is another of the same (`A senior diplomat said … Another
        said`)."""
        if phrase == "another":
            recent = self._recent_group(pi, rel)
            if recent is not None and recent.kind == ANONYMOUS:
                article, _, rest = recent.name.partition(" ")
                if article.lower() in ("a", "an", "one") and rest:
                    return Entity(f"another {rest}", recent.role, ANONYMOUS)
        name, role = self._group_named_before(pi, rel), None
        if name is None:
            group = self._recent_group(pi, rel)
            if group is not None and group.name.rsplit(" ", 1)[-1].lower() in (
                self.words.group_roles
            ):
                name, role = group.name, group.role
        if name is None:
            return Entity("one of them", None, ANONYMOUS)
        first = name.split(" ", 1)[0]
        if first.lower() in self.words.group_roles:
            name = first.lower() + name[len(first) :]
        if first.lower() not in ("the", "a", "an", "some", "several"):
            name = f"the {name}"
        return Entity(f"one of {name}", role, ANONYMOUS)

    def _group_named_before(self, pi: int, rel: int) -> str | None:
        """A plural noun for people written in the narration just before `rel`, with the
        word before it when capitalised (`Labour backbenchers`)."""
        para = self.paragraph(pi)
        si = para.sentence_at(rel)
        lo = para.sentences[si - 1][0] if si > 0 else para.sentences[si][0]
        words = list(_ANY_WORD.finditer(para.masked, lo, rel))
        for i in range(len(words) - 1, -1, -1):
            if words[i].group().lower() in self.words.group_roles:
                previous = words[i - 1].group() if i > 0 else ""
                if previous[:1].isupper() and previous.lower() not in self.words.stopwords:
                    return f"{previous} {words[i].group()}"
                return words[i].group()
        return None

    def _named_next(self, pi: int, rel: int) -> Entity | None:
        """The person a feature introduces late: `… says the woman behind the counter. Her
        name is Angela Russo`, in the sentence after the attribution."""
        para = self.paragraph(pi)
        si = para.sentence_at(rel)
        if si + 1 >= len(para.sentences):
            return None
        lo, hi = para.sentences[si + 1]
        match = _NAME_IS.match(para.masked, lo, hi)
        if match is None:
            return None
        mentions = self.people_in(pi, match.end() - 1, hi)
        if not mentions or mentions[0].start != para.start + match.end():
            return None
        return self.entity_for_name(mentions[0].name, None, mentions[0].start)

    def _organisation_named_before(self, head: str, pi: int, rel: int) -> str | None:
        """The organisation `the company said` refers to: the one name written right after the
        same noun earlier, or any business noun for a business (`budget carrier AirLeger`);
        None when the article names none, or several."""
        business = self.words.business_roles
        found: set[str] = set()
        for pj, _, lo, hi in self._parts_before(pi, rel, NOMINAL_LOOKBACK_PARAGRAPHS):
            masked = self.paragraph(pj).masked
            for match in _ORGANISATION_NAMED.finditer(masked, lo, hi):
                noun = match.group(1).lower()
                if noun == head or (noun in business and head in business):
                    name = match.group(2)
                    if name.split(" ", 1)[0].lower() not in self.words.stopwords:
                        found.add(name)
        return found.pop() if len(found) == 1 else None

    def _person_with_role(self, head: str, pi: int, rel: int) -> Entity | None:
        """The most recent speaker or person whose role or description has the noun `head`.

        Looks further back than pronouns do: `the mayor said` may refer to a mayor named
        many paragraphs earlier, and that is still safer than the last person named.
        """
        para = self.paragraph(pi)
        if self.lower_text.find(head, 0, para.start + rel) < 0:
            return None  # nobody earlier can have that role: skip the walk
        pattern = re.compile(rf"\b{re.escape(head)}\b", re.IGNORECASE)
        for pj, sj, lo, hi in self._parts_before(pi, rel, NOMINAL_LOOKBACK_PARAGRAPHS):
            for entity in reversed(self.speakers.get((pj, sj), [])):
                if pattern.search(entity.role or "") or (
                    entity.kind != PERSON and pattern.search(entity.name)
                ):
                    return entity
            if not pattern.search(self.paragraph(pj).masked, lo, hi):
                continue  # neither a title nor a description with that noun here
            if (pj, sj) != (pi, self.paragraph(pi).sentence_at(rel)):
                reported = self.reported_speaker(pj, sj)
                if (
                    reported is not None
                    and reported.kind != PERSON
                    and pattern.search(reported.name)
                ):
                    return reported
            for mention in reversed(self.people_in(pj, lo, hi)):
                entity = self.entity_for_name(mention.name, None, mention.start)
                roles = (mention.role or "", entity.role or "")
                if any(pattern.search(r) for r in roles):
                    return entity
        return None

    def sentence_subject(self, pi: int, lo: int, hi: int) -> Entity | None:
        """The subject of a sentence's main clause, for participles (`, saying …`)."""
        para = self.paragraph(pi)
        masked = para.masked
        mentions = self.people_in(pi, lo, hi)
        pronoun = _PRONOUN_WORD.search(masked, lo, hi)
        if pronoun and (not mentions or para.start + pronoun.start() < mentions[0].start):
            word = pronoun.group().lower()
            if word in ("he", "she"):
                return self._recent_person(pi, pronoun.start(), word)
            return None
        if mentions:
            first = mentions[0]
            return self.entity_for_name(first.name, None, first.start)
        subject = subject_before(masked[lo:hi], lo)
        return self.resolve(subject, pi, subject.start) if subject else None

    def reported_speaker(self, pi: int, si: int) -> Entity | None:
        """Whoever a sentence reports as speaking (`Smith said the plan would fail.`)."""
        key = (pi, si)
        if key not in self.reported:
            para = self.paragraph(pi)
            lo, hi = para.sentences[si]
            found = None
            for verb in verbs_in(para.masked, lo, hi, self.words.speech_verbs):
                subject = subject_before(para.masked[lo : verb.start()], lo)
                if subject is not None:
                    found = self.resolve(subject, pi, subject.start)
                    break
            self.reported[key] = found
        return self.reported[key]

    def subject_person(self, pi: int, si: int) -> Entity | None:
        """The person a sentence starts with as its subject (`He`, `Smith`, `On Monday, Smith`)."""
        para = self.paragraph(pi)
        lo, hi = para.sentences[si]
        pronoun = _SUBJECT_PRONOUN.match(para.masked, lo, hi)
        if pronoun is not None:
            word = pronoun.group(1).lower()
            return self._recent_person(pi, pronoun.start(1), word)
        mentions = self.people_in(pi, lo, hi)
        if not mentions:
            return None
        first = mentions[0]
        prefix = para.masked[lo : first.start - para.start].strip()
        if prefix and not (prefix.endswith(",") and len(prefix.split()) <= 5):
            return None
        return self.entity_for_name(first.name, None, first.start)
