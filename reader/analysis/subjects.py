"""Who a speech verb belongs to: the noun phrase before `said` (or after it, in `said Smith`).

The phrase is classified, not resolved: a name (with any title or apposition as its role), a
pronoun, a nominal reference ("the experienced politician"), an anonymous description ("a NATO
source", "a younger customer") or a group ("Ukrainian officials", "Malaysia's investment
ministry", "the pilots' union SNPL"), or a partitive ("one of them"). A phrase holding a finite
speech verb is a clause, never a subject. Resolving pronouns and nominals to a person is the job
of `coreference`, which knows the surrounding text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from reader.analysis.names import (
    POSSESSIVE,
    is_role_start,
    name_pattern,
    parse_run,
    plural_of_role,
    role_before,
)
from reader.analysis.speechwords import speech_words

NAME, PRONOUN, NOMINAL, ANONYMOUS, GROUP, WRITER, PARTITIVE = (
    "name",
    "pronoun",
    "nominal",
    "anonymous",
    "group",
    "writer",
    "partitive",
)
_PARTITIVE = re.compile(r"(?:one|another)(?: of (?:them|those|these))?")


@dataclass(frozen=True, slots=True)
class Subject:
    """`text` is the name, the pronoun, the nominal's head noun, or the description."""

    kind: str
    text: str
    role: str | None
    start: int
    end: int


_CLAUSE_BREAK = re.compile(r"(?<!\d),|,(?!\d)|[;:()\[\]—–\x00“”\"]|\s-\s")
_MODIFIER = re.compile(
    r"\s+(?=(?:speaking|familiar|who|close|briefed|with knowledge|requesting|asking|granted|"
    r"quoted|cited|involved|present|based|in charge)\b)"
)
_DETERMINERS_ANONYMOUS = frozenset({"a", "an", "one", "another", "some", "two", "three", "several"})
_DETERMINERS_DEFINITE = frozenset({"the", "this", "that"})
_INDEFINITE = frozenset({"a", "an"})
_MAX_TOKENS = 9
_AGE = re.compile(r"^\d+-year-old$")
AGE = "year-old"
_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "their", "its", "our", "my", "your"})
_PREPOSITIONS = (
    "of", "for", "at", "from", "with", "in", "on", "to", "outside", "inside", "near", "behind",
    "beside",
)  # fmt: skip
_PREPOSITION_ENDINGS = tuple(f" {p}" for p in _PREPOSITIONS)
_TRAILING_ARTICLE = re.compile(r"(?:^|\s+)(?:the|a|an)$", re.IGNORECASE)
_PREPOSITION = re.compile(rf"\s(?:{'|'.join(_PREPOSITIONS)})\s")


_TIME_AT_END = re.compile(
    r"\s+(?:(?:on|last|this|late|early|earlier|later)\s+)?(?:(?:Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday|week|month|year|night|morning|afternoon|evening|weekend)"
    r"(?:\s+(?:night|morning|afternoon|evening))?|yesterday|today|tonight)$"
)


def _strip_adverbs(text: str) -> str:
    """`Biden on Tuesday also`: words between a subject and its verb that are not the subject."""
    adverbs = speech_words().adverbs
    text = _TIME_AT_END.sub("", text.rstrip())
    while True:
        cut = text.rfind(" ")
        word = text[cut + 1 :]
        if word.lower() in adverbs and cut >= 0:
            text = text[:cut].rstrip()
        else:
            return text


def _classify_phrase(phrase: str, full: str, start: int) -> Subject | None:
    """A subject from a comma-free noun phrase `phrase` starting at `start`.

    `full` is the phrase with any modifier (`speaking on condition of anonymity`), which can
    make a description anonymous.
    """
    words = speech_words()
    tokens = phrase.split()
    if not tokens or len(tokens) > _MAX_TOKENS:
        return None
    end = start + len(phrase)
    low = phrase.lower()
    if len(tokens) == 1:
        if low in words.person_pronouns or low in words.group_pronouns:
            return Subject(PRONOUN, low, None, start, end)
        if low in words.first_person:
            return Subject(WRITER, low, None, start, end)
    elif tokens[-1] in words.person_pronouns or tokens[-1] in words.group_pronouns:
        # `In her testimony last week she (had told)`: a nominative pronoun is the subject.
        at = len(phrase) - len(tokens[-1])
        return Subject(PRONOUN, tokens[-1], None, start + at, end)
    if _PARTITIVE.fullmatch(low):
        # `one of them said`, `what one called`: an unnamed member of a group named before.
        return Subject(PARTITIVE, low, None, start, end)
    names = list(name_pattern().finditer(phrase))
    if names and names[-1].end() == len(phrase):
        return _named_phrase(phrase, full, start, names[-1])
    if _PREPOSITION.search(phrase):
        return _split_at_preposition(phrase, full, start)
    return _described_phrase(phrase, full, start)


def _named_phrase(phrase: str, full: str, start: int, match: re.Match[str]) -> Subject | None:
    """A phrase ending in a capitalised run: a person with any title, or an organisation."""
    end = start + len(phrase)
    title, name = parse_run(match.group())
    before = phrase[: match.start()].strip()
    bare = _TRAILING_ARTICLE.sub("", before)
    if f" {bare.lower()}".endswith(_PREPOSITION_ENDINGS) and not _ends_in_title(bare):
        # `Tim Scott of South Carolina`: the last name belongs to a modifier (but in
        # `Secretary of State Antony Blinken` it is the subject).
        return _split_at_preposition(phrase, full, start)
    if name is not None and title is None and before.lower() in ("the", "a", "an"):
        # `the New Zealander said`: a capitalised description, not a name. A nationality
        # refers back to a person; anything else (`the Fed`) is an organisation.
        head = match.group().rsplit(" ", 1)[-1]
        if before.lower() == "the" and _is_demonym(head):
            return Subject(NOMINAL, head.lower(), match.group(), start, end)
        if before.lower() == "the":
            return Subject(GROUP, match.group(), None, start, end)
        return None
    if name is not None:
        if " and " in f" {before} " and name_pattern().search(before):
            return None  # "Putin and Zelensky said": two people, never a guess at one
        extra, extra_start = role_before(phrase, match.start(), 0)
        role = " ".join(r for r in (extra, title) if r) or None
        first_at = extra_start if extra else match.start()
        return Subject(NAME, name, role, start + first_at, end)
    if match.group().lower() in speech_words().stopwords:
        return None
    if before.lower() == "the" and _is_demonym(match.group().rsplit(" ", 1)[-1]):
        # `the Ukrainian said`: a nationality that names no one, referring back to a person.
        head = match.group().rsplit(" ", 1)[-1]
        return Subject(NOMINAL, head.lower(), match.group(), start, end)
    if " " not in match.group() and not before:
        # `Protesters outside`, `Policymakers who spoke`: a noun capitalised at a sentence
        # start, described like any other.
        described = _described_phrase(phrase, full, start)
        if described is not None:
            return described
    if before.lower() not in ("", "the"):
        if POSSESSIVE.sub("", before.rsplit(" ", 1)[-1].lower()) in (
            speech_words().organisation_roles
        ):
            # `The pilots' union SNPL said`: the organisation, by its name.
            return Subject(GROUP, match.group(), None, start, end)
        return None
    return Subject(GROUP, _without_article(phrase), None, start, end)


# Endings of nouns for a nationality or origin (`Kazakh`, `New Zealander`, `Frenchman`,
# `Spaniard`, `Israeli`): `the <word> said` refers back to a person.
_DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish", "i", "ch", "kh", "er", "ard", "ite", "man")


def _is_demonym(word: str) -> bool:
    low = word.lower()
    vocabulary = speech_words()
    if low in vocabulary.organisation_words:
        return False
    return low in vocabulary.places or low.endswith(_DEMONYM_ENDINGS)


def _described_phrase(phrase: str, full: str, start: int) -> Subject | None:
    """A lower-case description: nominal (`the minister`), anonymous (`a NATO source`,
    `his spokesman`) or group (`Ukrainian officials`, `the ministry`), by its head noun."""
    words = speech_words()
    tokens = phrase.split()
    for i in range(len(tokens) - 2, 0, -1):
        if tokens[i] in _INDEFINITE:
            # `I quote a senior colleague`: the noun phrase starts at its article.
            cut = phrase.index(f" {tokens[i]} ") + 1 if f" {tokens[i]} " in phrase else 0
            start += cut
            phrase = phrase[cut:]
            tokens = tokens[i:]
            break
    end = start + len(phrase)
    head = POSSESSIVE.sub("", tokens[-1].lower())
    first = tokens[0].lower()
    anonymous = any(marker in full.lower() for marker in words.anonymous_markers)
    if _AGE.search(head) and first in _DETERMINERS_DEFINITE:
        return Subject(NOMINAL, AGE, phrase, start, end)  # `the 45-year-old said`
    if (
        head in words.organisation_roles
        and len(tokens) > 1
        and (first in _POSSESSIVE_PRONOUNS or POSSESSIVE.search(tokens[0]))
    ):
        # `Malaysia's investment ministry`, `her publisher`: an organisation speaking.
        return Subject(GROUP, phrase, None, start, end)
    if head in words.person_roles or head in words.generic_people:
        if len(tokens) > 1 and (
            first in _POSSESSIVE_PRONOUNS or any(POSSESSIVE.search(t) for t in tokens[:-1])
        ):
            # `his spokesman`, `Smith's lawyer`: someone else, whose name is not given.
            return Subject(ANONYMOUS, phrase, None, start, end)
        if first in _DETERMINERS_DEFINITE and not anonymous:
            return Subject(NOMINAL, head, _without_article(phrase), start, end)
        if first in _DETERMINERS_ANONYMOUS or anonymous:
            return Subject(ANONYMOUS, _lower_first(phrase), None, start, end)
        return Subject(NOMINAL, head, phrase, start, end)
    if head in words.group_roles or plural_of_role(head, words.person_roles):
        kind = ANONYMOUS if anonymous else GROUP
        return Subject(kind, _without_article(phrase), None, start, end)
    if head in words.organisation_roles and first in _DETERMINERS_DEFINITE | {"its", "their"}:
        return Subject(GROUP, _without_article(phrase), None, start, end)
    return None


def _ends_in_title(before: str) -> bool:
    """Whether `before` (ending in a preposition) is a title such as `Secretary of`."""
    words = before.split()
    if len(words) < 2 or not words[-2][:1].isupper():
        # `a spokesman for Speaker Mike Johnson`: a description whose object is the name.
        return False
    word = words[-2].lower()
    vocabulary = speech_words()
    return word in vocabulary.titles or word in vocabulary.person_roles


def _split_at_preposition(phrase: str, full: str, start: int) -> Subject | None:
    """`a spokesperson for the company`, `Tim Scott of South Carolina`: the head before the
    first preposition is the subject and the rest describes it."""
    match = _PREPOSITION.search(phrase)
    if match is None:
        return None
    core = phrase[: match.start()]
    detail = phrase[match.start() :].strip()
    end = start + len(phrase)
    if (
        match.group().strip() in ("from", "by")
        and core.split()[-1].lower() in speech_words().statement_nouns
    ):
        # `A statement from the African Union welcomed`: whoever the statement is from.
        at = match.end()
        return _classify_phrase(phrase[at:], full[at:], start + at)
    subject = _classify_phrase(core, full, start)
    if subject is None:
        return None
    if subject.kind == GROUP and name_pattern().fullmatch(detail.split(" ", 1)[-1]):
        # `The U.S. Chamber of Commerce`: one organisation's name.
        return Subject(GROUP, f"{subject.text} {detail}", None, subject.start, end)
    if subject.kind == NAME:
        role = " ".join(r for r in (subject.role, detail) if r)
        return Subject(NAME, subject.text, role, subject.start, end)
    if subject.kind == NOMINAL:
        # `the aide to Senator Tim Scott`: the whole description, should a name follow it.
        role = f"{subject.role or subject.text} {detail}"
        return Subject(NOMINAL, subject.text, role, subject.start, end)
    if subject.kind in (ANONYMOUS, GROUP):
        return Subject(subject.kind, subject.text, detail, subject.start, end)
    return None


def _without_article(phrase: str) -> str:
    first, _, rest = phrase.partition(" ")
    return rest if first.lower() == "the" and rest else phrase


def _lower_first(phrase: str) -> str:
    first, _, rest = phrase.partition(" ")
    if first in {"A", "An", "One", "Another", "Some"}:
        return f"{first.lower()} {rest}".strip()
    return phrase


def _head_phrase(text: str, base: int) -> Subject | None:
    """The subject at the end of `text` once any apposition has been taken off."""
    breaks = list(_CLAUSE_BREAK.finditer(text))
    cut = breaks[-1].end() if breaks else 0
    start = cut + len(text[cut:]) - len(text[cut:].lstrip())
    phrase = text[start:].rstrip()
    while True:
        first, _, rest = phrase.partition(" ")
        if rest and first.lower() in speech_words().clause_links:
            start += len(first) + 1
            phrase = rest.lstrip()
            start += len(rest) - len(phrase)
        else:
            break
    relative = last_match(_RELATIVE.finditer(phrase))
    if relative is not None and phrase[relative.end() :].strip():
        # `urged governments to stop what he`, `chips, which she`, `What officials (call a
        # "reset")`: the verb's subject is the relative clause's, not the words before the
        # relative pronoun, nor the pronoun itself.
        start += relative.end()
        phrase = phrase[relative.end() :]
    if _has_verb(phrase):
        return None  # `Hofstad told analysts on a call`: a clause, not a noun phrase
    return _modified_phrase(phrase, base + start)


_RELATIVE = re.compile(r"(?:^|\s)(?:[Ww]hich|[Ww]hat|[Ww]hom)\s+")
_PAST_FORMS = frozenset({"said", "told", "wrote", "thought", "says", "tells", "writes"})


def last_match(matches):
    """The last of an iterator of matches, or None."""
    found = None
    for found in matches:  # noqa: B007 - only the last one is wanted
        pass
    return found


def _has_verb(phrase: str) -> bool:
    """Whether a phrase holds a speech or evaluative verb in a past or present form (not a
    noun after a determiner, `his comments`): then it is a clause, never a subject."""
    tokens = phrase.split()
    if _finite_verbs().isdisjoint(tokens):
        return False
    determiners = speech_words().determiners
    return any(
        token in _finite_verbs() and (i == 0 or tokens[i - 1].lower() not in determiners)
        for i, token in enumerate(tokens)
    )


@cache
def _finite_verbs() -> frozenset[str]:
    """Speech and evaluative verbs in a past or present form (`told`, `called`, `says`)."""
    words = speech_words()
    verbs = words.speech_verbs | words.evaluative_verbs
    return frozenset(v for v in verbs if v.endswith("ed") or v in _PAST_FORMS)


def _modified_phrase(phrase: str, start: int) -> Subject | None:
    """A noun phrase that may carry a participle or relative modifier (`a source familiar with
    the talks`, `one official involved in the talks`): the modifier describes the speaker."""
    modifier = _MODIFIER.search(phrase)
    core = phrase[: modifier.start()] if modifier else phrase
    subject = _classify_phrase(core, phrase, start)
    if subject is None or modifier is None:
        return subject
    if subject.kind in (ANONYMOUS, GROUP):
        detail = phrase[modifier.end() :].strip()
        return Subject(subject.kind, subject.text, detail, subject.start, start + len(phrase))
    return subject


_APPOSITION_OPENER = re.compile(r"(?<!\d),|,(?!\d)|[—–]")


def subject_before(text: str, base: int = 0) -> Subject | None:
    """The subject of a verb that follows `text` (offsets shifted by `base`).

    `Stian Jenssen, chief of staff for NATO Secretary-General Jens Stoltenberg,` is Jenssen
    with the apposition as his role: a phrase closed by a comma (or dash) before the verb is
    set aside, and the subject is what stands before it.
    """
    text = _strip_adverbs(text)
    if not text.strip():
        return None
    closer = text[-1]
    if closer not in ",—–":
        return _head_phrase(text, base)
    body = text[:-1]
    openers = [m.start() for m in _APPOSITION_OPENER.finditer(body) if m.start() > 0]
    # `Jane Doe, 52, a nurse from Leeds,`: try the last comma first, then earlier ones.
    for opener in reversed(openers[-3:]):
        appos = body[opener + 1 :].strip()
        head = _head_phrase(body[:opener], base)
        if head is not None:
            return _with_apposition(head, appos)
        named = _described_name(body[:opener], appos, base)
        if named is not None:
            return named
    return None


def _described_name(before: str, appos: str, base: int) -> Subject | None:
    """`one of the protesters, Ali Khan,`: a description no subject rule knows, then a name."""
    if name_pattern().fullmatch(appos) is None:
        return None
    title, name = parse_run(appos)
    breaks = list(_CLAUSE_BREAK.finditer(before))
    start = breaks[-1].end() if breaks else 0
    description = before[start:].strip()
    if name is None or not description or len(description.split()) > _MAX_TOKENS:
        return None
    offset = base + start + len(before[start:]) - len(before[start:].lstrip())
    role = " ".join(r for r in (description, title) if r)
    return Subject(NAME, name, role, offset, base + len(before))


def _with_apposition(head: Subject, appos: str) -> Subject | None:
    """A subject followed by `, <appos>,`: the apposition is a role, or marks it anonymous.

    When the apposition is the name (`Smith's lawyer, John Doe,`, `The council leader, Cllr
    Janet Moore,`), the name is the subject and the description its role.
    """
    first = appos.split(" ", 1)[0].lower() if appos else ""
    named = name_pattern().fullmatch(appos)
    if named is not None and head.kind in (NOMINAL, ANONYMOUS, PARTITIVE):
        title, name = parse_run(appos)
        if name is not None:
            description = (
                head.role
                if head.kind == NOMINAL
                else " ".join(filter(None, (head.text, head.role)))
            )
            if head.kind == PARTITIVE:
                description = None  # `one of them, Ana Ruiz,`: the name is all there is
            role = " ".join(r for r in (description, title) if r) or None
            return Subject(NAME, name, role, head.start, head.end)
    if head.kind == NAME:
        return Subject(NAME, head.text, _role_of(appos) or head.role, head.start, head.end)
    anonymous = any(m in appos.lower() for m in speech_words().anonymous_markers)
    if head.kind == NOMINAL and anonymous:
        return Subject(ANONYMOUS, head.role or head.text, None, head.start, head.end)
    if head.kind == GROUP and named is not None and (" " not in appos or not parse_run(appos)[1]):
        # `The association, Asaja,`: the organisation's name.
        return Subject(GROUP, appos, None, head.start, head.end)
    if head.kind in (ANONYMOUS, GROUP):
        return head if not anonymous else Subject(ANONYMOUS, head.text, None, head.start, head.end)
    if head.kind == NOMINAL and first in speech_words().clause_openers:
        return head
    return head if head.kind == NOMINAL else None


def _role_of(appos: str) -> str | None:
    """An apposition as a role, without an age (`52`) or a trailing clause (`, who ...`)."""
    parts = []
    for part in appos.split(","):
        part = part.strip()
        if not part or part.isdigit():
            continue
        if not is_role_start(part.split(" ", 1)[0]):
            break  # `who runs a bakery`, `speaking in New York`: not what the person is
        parts.append(part)
    return ", ".join(parts) or None


_ARTICLE_BEFORE_TITLE = re.compile(r"the\s+(?=[A-Z][a-z]*\.\s)")
_PUNCTUATION_STOP = re.compile(r"[,.;:!?\x00“”\"()]")
_AFTER_STOP = re.compile(
    r"[,.;:!?\x00“”\"()]|\s(?:in|on|at|to|after|before|during|while|when|about|of|as|for|with|"
    r"from|over|that|last|this|on)\s"
)
_INVERTED_APPOSITION = re.compile(r",\s*([^.;:\x00“”\"]{2,160}?)\s*(?:[.;:]\s|[.;:]?$)")


def subject_after(text: str, base: int = 0) -> Subject | None:
    """The subject in an inverted attribution (`said Jenssen, chief of staff ...`)."""
    stripped = text.lstrip()
    start = len(text) - len(stripped)
    article = _ARTICLE_BEFORE_TITLE.match(stripped)
    if article is not None:
        # `said the Rev. Al Sharpton`: the article belongs to the title.
        start += article.end()
        stripped = stripped[article.end() :]
    name = name_pattern().match(stripped)
    at = name.end() if name else 0
    punct = _PUNCTUATION_STOP.search(stripped, at)
    phrase = stripped[: punct.start()] if punct else stripped
    if not _MODIFIER.search(phrase):
        stop = _AFTER_STOP.search(stripped, at)
        phrase = stripped[: stop.start()] if stop else stripped
    phrase = phrase.rstrip()
    subject = _modified_phrase(phrase, base + start)
    if subject is None or subject.kind != NAME:
        return subject
    rest = stripped[len(phrase) :]
    if rest.startswith(","):
        appos = _INVERTED_APPOSITION.match(rest)
        role = _role_of(appos.group(1)) if appos else None
        if role:
            return Subject(NAME, subject.text, role, subject.start, subject.end)
    return subject
