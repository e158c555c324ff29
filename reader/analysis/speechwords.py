"""The word lists behind attribution, loaded once from `reader/lexicon/speech.toml`.

They live in TOML rather than code so that a newsroom can read and extend the vocabulary
(a speech verb, a title, an organisation word) without touching the rules that use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reader.resources import lexicon_dir
from reader.tomlfile import ConfigError, load_toml

SPEECH_FILE = "speech.toml"


@dataclass(frozen=True, slots=True)
class SpeechWords:
    speech_verbs: frozenset[str]
    evaluative_verbs: frozenset[str]
    irregular_past: frozenset[str]
    adverbs: frozenset[str]
    scare_markers: tuple[str, ...]
    abbreviations: frozenset[str]
    determiners: frozenset[str]
    clause_openers: frozenset[str]
    clause_links: frozenset[str]
    fronting: frozenset[str]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    first_person: frozenset[str]
    particles: frozenset[str]
    titles: frozenset[str]
    honorifics: frozenset[str]
    role_words: frozenset[str]
    stopwords: frozenset[str]
    female_names: frozenset[str]
    male_names: frozenset[str]
    organisation_words: frozenset[str]
    places: frozenset[str]
    person_roles: frozenset[str]
    generic_people: frozenset[str]
    group_roles: frozenset[str]
    anonymous_markers: tuple[str, ...]
    organisation_roles: frozenset[str]
    business_roles: frozenset[str]
    statement_nouns: frozenset[str]


def _words(data: dict, section: str, key: str, path: str) -> list[str]:
    value = data.get(section, {}).get(key)
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        raise ConfigError(path, f"[{section}] {key} must be a list of strings")
    return [w.lower() for w in value]


@cache
def speech_words() -> SpeechWords:
    """The shipped lists; a broken file is a ConfigError naming it, never a KeyError."""
    path = lexicon_dir() / SPEECH_FILE
    data = load_toml(path)
    where = str(path)

    def words(section: str, key: str) -> list[str]:
        return _words(data, section, key, where)

    return SpeechWords(
        speech_verbs=frozenset(words("verbs", "speech")),
        evaluative_verbs=frozenset(words("verbs", "evaluative")),
        irregular_past=frozenset(words("verbs", "irregular_past")),
        adverbs=frozenset(words("verbs", "adverbs")),
        scare_markers=tuple(words("verbs", "scare_markers")),
        abbreviations=frozenset(words("sentences", "abbreviations")),
        determiners=frozenset(words("sentences", "determiners")),
        clause_openers=frozenset(words("sentences", "clause_openers")),
        clause_links=frozenset(words("sentences", "clause_links")),
        fronting=frozenset(words("sentences", "fronting")),
        person_pronouns=frozenset(words("pronouns", "person")),
        group_pronouns=frozenset(words("pronouns", "group")),
        first_person=frozenset(words("pronouns", "first_person")),
        particles=frozenset(words("names", "particles")),
        titles=frozenset(words("names", "titles")),
        honorifics=frozenset(words("names", "honorifics")),
        role_words=frozenset(words("names", "role_words")),
        stopwords=frozenset(words("names", "stopwords")),
        female_names=frozenset(words("names", "female_first_names")),
        male_names=frozenset(words("names", "male_first_names")),
        organisation_words=frozenset(words("names", "organisation_words")),
        places=frozenset(words("names", "places")),
        person_roles=frozenset(words("roles", "person")),
        generic_people=frozenset(words("roles", "generic_people")),
        group_roles=frozenset(words("roles", "group")),
        anonymous_markers=tuple(words("roles", "anonymous_markers")),
        organisation_roles=frozenset(words("roles", "organisation")),
        business_roles=frozenset(words("roles", "business")),
        statement_nouns=frozenset(words("roles", "statement")),
    )
