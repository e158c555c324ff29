"""Collection settings: collection.toml found beside the articles, checked, merged with the
generic cue lists; a broken file names its file and line and the defaults apply."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.resources import default_collection, lexicon_dir
from reader.settings import (
    CUE_KINDS,
    CollectionSettings,
    find_settings,
    load_settings,
)
from reader.tomlfile import ConfigError

GOOD = """\
name = "Test collection"
topic = "Ukraine gives up territory for NATO membership"
terms = ["give up territory", "NATO membership"]

[cues]
oppose = ["bad peace"]
support = ["land for peace", "Solution"]
"""


def write(folder: Path, text: str) -> Path:
    path = folder / "collection.toml"
    path.write_text(text, encoding="utf-8")
    return path


class Warnings(list):
    def __call__(self, message: str) -> None:
        self.append(message)


def test_good_file_sets_topic_terms_and_adds_cues_to_the_generic_ones(tmp_path: Path) -> None:
    write(tmp_path, GOOD)
    warnings = Warnings()
    settings = find_settings([tmp_path], warnings)
    assert warnings == []
    assert settings.name == "Test collection"
    assert settings.topic == "Ukraine gives up territory for NATO membership"
    assert settings.terms == ["give up territory", "NATO membership"]
    generic = CollectionSettings.default().cues
    assert settings.cues["oppose"] == [*generic["oppose"], "bad peace"]
    # A phrase the lexicon already has (case aside) is not listed twice.
    assert settings.cues["support"] == [*generic["support"], "land for peace"]
    assert set(settings.cues) == set(CUE_KINDS)


def test_a_file_path_uses_its_folder_and_the_first_folder_with_settings_wins(
    tmp_path: Path,
) -> None:
    plain, configured = tmp_path / "plain", tmp_path / "configured"
    plain.mkdir()
    configured.mkdir()
    write(configured, 'name = "second"\n')
    article = configured / "a.txt"
    article.write_text("text", encoding="utf-8")
    assert find_settings([plain / "missing.txt", article], Warnings()).name == "second"
    other = tmp_path / "other"
    other.mkdir()
    write(other, 'name = "third"\n')
    assert find_settings([configured, other], Warnings()).name == "second"


def test_no_settings_file_gives_the_generic_defaults(tmp_path: Path) -> None:
    warnings = Warnings()
    settings = find_settings([tmp_path, tmp_path / "nowhere"], warnings)
    assert warnings == []
    assert settings == CollectionSettings.default()
    assert settings.name is None and settings.topic is None and settings.terms == []
    assert all(settings.cues[kind] for kind in CUE_KINDS)
    assert "ridiculous" in settings.cues["oppose"]


def test_default_settings_are_independent_copies() -> None:
    first = CollectionSettings.default()
    first.cues["oppose"].append("changed")
    assert "changed" not in CollectionSettings.default().cues["oppose"]


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        ('name = "x"\ntopic = "y\nterms = []\n', 2, "invalid TOML"),
        ('name = "x"\nterms = ["a",\n"b"\n[cues]\n', 4, "invalid TOML"),
        ('name = "x"\n\nsubject = "y"\n', 3, "unknown key 'subject' (expected one of: name,"),
        ('terms = []\n[cues]\nsupport = ["a"]\nagree = ["b"]\n', 4, "unknown key 'cues.agree'"),
        ('name = "x"\nterms = "territory"\n', 2, "'terms' must be a list of strings, not a string"),
        ("name = 3\n", 1, "'name' must be a string, not an integer"),
        ('terms = ["a", 7]\n', 1, "'terms' entry 2 must be a string, not an integer"),
        ('terms = ["a", "  "]\n', 1, "'terms' entry 2 is empty"),
        ('[cues]\n\noppose = "bad"\n', 3, "'cues.oppose' must be a list of strings"),
        ('cues = ["bad"]\n', 1, "'cues' must be a table ([cues]) of phrase lists, not a list"),
    ],
)
def test_bad_file_warns_with_file_and_line_and_falls_back_to_defaults(
    tmp_path: Path, text: str, line: int, expected: str
) -> None:
    path = write(tmp_path, text)
    warnings = Warnings()
    settings = find_settings([tmp_path], warnings)
    assert settings == CollectionSettings.default()
    assert len(warnings) == 1
    assert warnings[0].startswith(f"{path}:{line}: ")
    assert expected in warnings[0]
    assert warnings[0].endswith("; using the default settings")
    with pytest.raises(ConfigError) as raised:
        load_settings(path)
    assert raised.value.line == line
    assert expected in str(raised.value)


def test_undecodable_file_is_a_config_error_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "collection.toml"
    path.write_bytes(b'name = "x"\ntopic = "\xff\xfe"\n')
    warnings = Warnings()
    assert find_settings([tmp_path], warnings) == CollectionSettings.default()
    assert warnings == [f"{path}:2: not valid UTF-8; using the default settings"]


def test_load_settings_accepts_the_folder_and_raises_when_there_is_no_file(
    tmp_path: Path,
) -> None:
    write(tmp_path, GOOD)
    assert load_settings(tmp_path).name == "Test collection"
    with pytest.raises(ConfigError, match="cannot read file"):
        load_settings(tmp_path / "elsewhere")


def test_the_shipped_lexicon_and_seed_settings_are_valid() -> None:
    assert (lexicon_dir() / "stance.toml").is_file()
    settings = load_settings(default_collection())
    assert settings.topic == (
        "Ukraine gives up (cedes, trades) territory in exchange for NATO membership or protection"
    )
    for term in ("cede", "trade territory", "NATO membership", "NATO umbrella", "cease-fire line"):
        assert term in settings.terms
    assert "bad peace" in settings.cues["oppose"]
    assert "ridiculous" in settings.cues["oppose"]
