"""Collection settings: what a collection is about, and the words that reveal a stance toward it.

A folder of articles may hold `collection.toml` naming the collection, its topic (a proposition
such as "Ukraine gives up territory in exchange for NATO membership"), the terms that mark a
quote as on-topic, and extra stance cues. The generic cue lists ship as data in
`reader/lexicon/stance.toml`; a collection's cues are added to them, never replace them, so a
short settings file only says what is special about its story.

Settings are read leniently by the reader (`find_settings`: a broken file is reported with its
file and line and the defaults apply, because a typo must not keep a collection from opening)
and strictly by commands that want to fail loudly (`load_settings` raises `ConfigError`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from reader.resources import lexicon_dir
from reader.tomlfile import ConfigError, line_of_key, load_toml

SETTINGS_FILE = "collection.toml"
LEXICON_FILE = "stance.toml"

# Each kind of cue is a list of words or phrases; reader/lexicon/stance.toml says what each does.
CUE_KINDS = (
    "support",
    "oppose",
    "advocate",
    "retract",
    "hedge",
    "disclaimer",
    "negation",
    "limit",
    "counterfactual",
    "anaphora",
    "reference",
    "ignore",
)
COLLECTION_KEYS = ("name", "topic", "terms", "cues")


@dataclass
class CollectionSettings:
    """What the analysis needs to know about a collection; plain data, so it caches and pickles.

    `cues` maps every kind in `CUE_KINDS` to its phrases: the generic lexicon followed by the
    collection's extras. With no `terms`, stance is judged toward whatever proposal each quote
    makes, since nothing says what the topic is.
    """

    name: str | None = None
    topic: str | None = None
    terms: list[str] = field(default_factory=list)
    cues: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def default(cls) -> CollectionSettings:
        """The generic settings: no topic, and the cue lists shipped with the package."""
        return cls(cues={kind: list(phrases) for kind, phrases in _generic_cues().items()})


def find_settings(paths: Sequence[str | Path], warn: Callable[[str], None]) -> CollectionSettings:
    """Settings from the first folder among `paths` (a file's own folder) holding collection.toml.

    Never raises: a broken file is reported through `warn` as "<file>:<line>: <problem>" and the
    generic defaults apply, so the collection still opens.
    """
    for raw in paths:
        path = Path(raw)
        try:
            folder = path if path.is_dir() else path.parent
            candidate = folder / SETTINGS_FILE
            present = candidate.is_file()
        except OSError:
            continue  # an unreadable path is reported by ingest, which cannot read it either
        if not present:
            continue
        try:
            return load_settings(candidate)
        except ConfigError as error:
            warn(f"{error}; using the default settings")
            break
    try:
        return CollectionSettings.default()
    except ConfigError as error:  # a damaged installation: analyse with no cues at all
        warn(f"{error}; stance cues are unavailable")
        return CollectionSettings(cues={kind: [] for kind in CUE_KINDS})


def load_settings(path: str | Path) -> CollectionSettings:
    """Read a collection.toml (or the one in folder `path`); raises ConfigError on any problem."""
    path = Path(path)
    if path.is_dir():
        path = path / SETTINGS_FILE
    data = load_toml(path)
    _check_keys(path, data, COLLECTION_KEYS, "")
    name = _optional_text(path, data, "name")
    topic = _optional_text(path, data, "topic")
    terms = _phrases(path, data.get("terms", []), "terms")
    extra = _cue_table(path, data.get("cues", {}), "cues")
    cues = {kind: _merge(phrases, extra.get(kind, [])) for kind, phrases in _generic_cues().items()}
    return CollectionSettings(name=name, topic=topic, terms=terms, cues=cues)


@cache
def _generic_cues() -> dict[str, tuple[str, ...]]:
    """The shipped lexicon, read once per process (tuples, so callers cannot alter the cache)."""
    path = lexicon_dir() / LEXICON_FILE
    data = load_toml(path)
    _check_keys(path, data, ("cues",), "")
    table = _cue_table(path, data.get("cues", {}), "cues")
    return {kind: tuple(table.get(kind, [])) for kind in CUE_KINDS}


def _merge(generic: Sequence[str], extra: Sequence[str]) -> list[str]:
    """Generic phrases then the collection's, each once (compared case-insensitively)."""
    seen: set[str] = set()
    merged: list[str] = []
    for phrase in (*generic, *extra):
        key = " ".join(phrase.lower().split())
        if key not in seen:
            seen.add(key)
            merged.append(phrase)
    return merged


def _error(path: Path, key: str, message: str) -> ConfigError:
    """A problem with the value of `key`, located at the line that sets it."""
    return ConfigError(path, message, line_of_key(path, key))


def _check_keys(path: Path, table: dict[str, Any], allowed: Sequence[str], prefix: str) -> None:
    for key in table:
        if key not in allowed:
            name = f"{prefix}{key}"
            expected = ", ".join(allowed)
            raise _error(path, name, f"unknown key '{name}' (expected one of: {expected})")


def _type_name(value: object) -> str:
    names = {str: "a string", bool: "a boolean", int: "an integer", float: "a number"}
    names |= {list: "a list", dict: "a table"}
    return names.get(type(value), type(value).__name__)


def _optional_text(path: Path, data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _error(path, key, f"'{key}' must be a string, not {_type_name(value)}")
    return value.strip() or None


def _phrases(path: Path, value: object, key: str) -> list[str]:
    """A list of non-empty strings, or a ConfigError that says which entry is wrong."""
    if not isinstance(value, list):
        raise _error(path, key, f"'{key}' must be a list of strings, not {_type_name(value)}")
    phrases: list[str] = []
    for number, item in enumerate(value, 1):
        if not isinstance(item, str):
            message = f"'{key}' entry {number} must be a string, not {_type_name(item)}"
            raise _error(path, key, message)
        if not item.strip():
            raise _error(path, key, f"'{key}' entry {number} is empty")
        phrases.append(" ".join(item.split()))
    return phrases


def _cue_table(path: Path, value: object, key: str) -> dict[str, list[str]]:
    if not isinstance(value, dict):
        message = f"'{key}' must be a table ([{key}]) of phrase lists, not {_type_name(value)}"
        raise _error(path, key, message)
    _check_keys(path, value, CUE_KINDS, f"{key}.")
    return {kind: _phrases(path, phrases, f"{key}.{kind}") for kind, phrases in value.items()}
