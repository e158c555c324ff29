"""Themes: bundled files load and become Textual themes; bad files are reported and skipped."""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Static

from reader.model import STANCES, Speaker
from reader.resources import bundled_themes_dir
from reader.themes import (
    DEFAULT_GLYPHS,
    DEFAULT_THEME,
    SPEAKER_SLOTS,
    StanceStyle,
    load_themes,
    read_theme,
    speaker_colour,
    speaker_index,
    speaker_markers,
    speaker_variable,
    theme_for,
)
from reader.tui.theming import reader_variables, register_themes, to_textual_theme

BUNDLED = ("dark", "light", "okabe-ito", "mono")
OKABE_ITO = {"#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7", "#000000"}

GOOD = """\
name = "mine"
dark = false

[colours]
primary = "#123456"
background = "#fff"

[variables]
footer-key-foreground = "#ff0000 50%"
block-cursor-background = "$primary-darken-2"
block-cursor-text-style = "bold reverse"

[stance.oppose]
colour = "#aa0000"
glyph = "x"
style = "bold strike"
"""


def collect() -> tuple[list[str], Callable[[str], None]]:
    messages: list[str] = []
    return messages, messages.append


@pytest.fixture
def empty_user_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("STANCE_READER_CONFIG_DIR", str(tmp_path / "config"))
    return tmp_path / "config" / "themes"


def write_user_theme(tmp_path: Path, text: str, name: str = "bad.toml") -> Path:
    folder = tmp_path / "config" / "themes"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_bundled_themes_load_without_warnings(empty_user_dir: Path) -> None:
    messages, warn = collect()
    specs = load_themes(warn)
    assert messages == []
    assert sorted(specs) == sorted(BUNDLED)
    assert specs[DEFAULT_THEME].dark is True
    assert specs["light"].dark is False
    for spec in specs.values():
        assert set(spec.stance) == set(STANCES)
        assert {s.glyph for s in spec.stance.values()} == set(DEFAULT_GLYPHS.values())
        # Stance must read without colour: every stance has a distinct glyph + style pair.
        assert len({(s.glyph, s.style) for s in spec.stance.values()}) == 4
        assert spec.speakers and all(c.startswith("#") and len(c) == 7 for c in spec.speakers)


def test_okabe_ito_theme_uses_only_the_palette(empty_user_dir: Path) -> None:
    spec = load_themes(lambda m: None)["okabe-ito"]
    used = {spec.primary, spec.secondary, spec.accent, spec.warning, spec.error, spec.success}
    used |= {s.colour for s in spec.stance.values()} | set(spec.speakers)
    assert used <= OKABE_ITO
    assert spec.background == "#000000"


def test_mono_theme_is_grey_only(empty_user_dir: Path) -> None:
    spec = load_themes(lambda m: None)["mono"]
    colours = [spec.primary, spec.background, spec.foreground, *spec.speakers]
    colours += [s.colour for s in spec.stance.values()]
    for colour in colours:
        assert colour[1:3] == colour[3:5] == colour[5:7], colour


@pytest.mark.parametrize("name", BUNDLED)
def test_bundled_theme_converts_to_textual_theme(name: str) -> None:
    spec = read_theme(bundled_themes_dir() / f"{name}.toml")
    theme = to_textual_theme(spec)
    assert theme.name == name
    assert theme.dark is spec.dark
    assert theme.primary == spec.primary
    assert theme.variables["stance-oppose"] == spec.stance["oppose"].colour
    assert theme.variables["stance-support-style"] == spec.stance["support"].text_style
    assert theme.variables[f"speaker-{SPEAKER_SLOTS - 1}"] in spec.speakers
    assert theme.variables["speaker-0"] == spec.speakers[0]
    generated = theme.to_color_system().generate()  # every colour parses in Textual
    assert generated["primary"].lower() == spec.primary


class ThemedApp(App):
    CSS = """
    Static { color: $stance-oppose; text-style: $stance-oppose-style; background: $speaker-3; }
    """

    def __init__(self, specs: dict) -> None:
        self.specs = specs  # before App.__init__, which already asks for the variables
        super().__init__()

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return reader_variables(theme_for(self.specs, DEFAULT_THEME))

    def compose(self):
        yield Static("quote")

    def on_mount(self) -> None:
        register_themes(self, self.specs)
        self.theme = DEFAULT_THEME


def test_registered_themes_switch_and_css_variables_apply(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("STANCE_READER_CONFIG_DIR", str(tmp_path / "config"))
    write_user_theme(tmp_path, GOOD, "mine.toml")  # with extra variables of its own
    specs = load_themes(lambda m: None)

    async def run() -> list[tuple[str, str, str]]:
        app = ThemedApp(specs)
        seen = []
        async with app.run_test() as pilot:
            static = app.query_one(Static)
            for name in ("dark", "mono", "light", "nord", "mine"):
                app.theme = name
                await pilot.pause()
                seen.append((name, static.styles.color.hex.lower(), str(static.styles.text_style)))
        return seen

    seen = asyncio.run(run())
    assert seen[0] == ("dark", "#ef6b73", "underline")
    assert seen[1] == ("mono", "#ffffff", "bold underline")
    assert seen[2] == ("light", "#c62828", "underline")
    # A Textual built-in theme still parses: the reader variables fall back to the default's.
    assert seen[3] == ("nord", "#ef6b73", "underline")
    assert seen[4] == ("mine", "#aa0000", "bold strike")


def test_user_theme_is_loaded_and_overrides_by_name(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("STANCE_READER_CONFIG_DIR", str(tmp_path / "config"))
    write_user_theme(tmp_path, GOOD, "mine.toml")
    write_user_theme(tmp_path, GOOD.replace('"mine"', '"dark"'), "dark-override.toml")
    messages, warn = collect()
    specs = load_themes(warn)
    assert messages == []
    mine = specs["mine"]
    assert mine.dark is False
    assert mine.background == "#ffffff"  # "#fff" is expanded
    assert mine.stance["oppose"] == StanceStyle("#aa0000", "x", "bold strike")
    # Stances left out take their defaults: glyph, style, and the matching theme colour.
    assert mine.stance["support"] == StanceStyle("#009e73", "▲", "bold")
    assert mine.variables == {
        "footer-key-foreground": "#ff0000 50%",
        "block-cursor-background": "$primary-darken-2",
        "block-cursor-text-style": "bold reverse",
    }
    assert specs["dark"].primary == "#123456"
    assert specs["dark"].path.endswith("dark-override.toml")
    assert set(specs) == {*BUNDLED, "mine"}


def test_theme_name_defaults_to_file_name(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("STANCE_READER_CONFIG_DIR", str(tmp_path / "config"))
    write_user_theme(tmp_path, GOOD.replace('name = "mine"\n', ""), "paper.toml")
    write_user_theme(tmp_path, GOOD.replace('name = "mine"\n', ""), "My Night Theme.toml")
    specs = load_themes(lambda m: None)
    assert {"paper", "my-night-theme"} <= set(specs)


BAD_FILES = {
    "malformed": ('name = "x"\ndark = true\n[colours\nprimary = "#123456"\n', 3, "invalid TOML"),
    "unknown top key": (
        'name = "x"\n\n[colours]\nprimary = "#123456"\n\n[colors]\nprimary = "#123456"\n',
        6,
        "unknown key 'colors'; expected one of: name, dark, colours, variables, stance, speakers",
    ),
    "unknown stance": (
        '[colours]\nprimary = "#123456"\n[stance.agree]\nglyph = "+"\n',
        3,
        "unknown key 'stance.agree'; expected one of: support, oppose, retract, neutral",
    ),
    "wrong type": (
        'name = "x"\ndark = "yes"\n[colours]\nprimary = "#123456"\n',
        2,
        "dark is a string ('yes'); expected true or false",
    ),
    "bad colour": (
        '[colours]\nprimary = "#123456"\nbackground = "#zzz"\n',
        3,
        'colours.background is a string (\'#zzz\'); expected a colour "#rgb" or "#rrggbb"',
    ),
    "bad stance colour in its table": (
        '[colours]\nprimary = "#123456"\n[stance.support]\ncolour = "#00ff00"\n'
        '[stance.oppose]\ncolour = "red"\n',
        6,
        "stance.oppose.colour is a string ('red'); expected a colour",
    ),
    "colour as number": (
        "[colours]\nprimary = 123456\n",
        2,
        "colours.primary is an integer (123456); expected a colour",
    ),
    "missing primary": (
        '[colours]\nbackground = "#000000"\n',
        1,
        "missing colours.primary",
    ),
    "bad style": (
        '[colours]\nprimary = "#123456"\n\n[stance.retract]\nstyle = "blinking"\n',
        5,
        "stance.retract.style has unknown style 'blinking'",
    ),
    "same glyph twice": (
        '[colours]\nprimary = "#123456"\n[stance.oppose]\nglyph = "▲"\n',
        4,
        "stance.oppose.glyph '▲' is also used by support",
    ),
    "empty palette": (
        '[colours]\nprimary = "#123456"\n[speakers]\npalette = []\n',
        4,
        "speakers.palette is a list; expected a list of 1 to 16 colours",
    ),
    "bad palette entry": (
        '[colours]\nprimary = "#123456"\n[speakers]\npalette = ["#ffffff", "blue"]\n',
        4,
        "speakers.palette is a string ('blue'); expected a colour",
    ),
    "reserved variable": (
        '[colours]\nprimary = "#123456"\n[variables]\nstance-support = "#ffffff"\n',
        4,
        "variable 'stance-support' is reserved",
    ),
    "css injection in variable": (
        '[colours]\nprimary = "#123456"\n[variables]\nfooter-key-foreground = "red; } * {"\n',
        4,
        "variables.footer-key-foreground is a string ('red; } * {'); expected a colour",
    ),
    "unknown variable value": (
        '[colours]\nprimary = "#123456"\n[variables]\nblock-cursor-text-style = "boldreverse"\n',
        4,
        "variables.block-cursor-text-style is a string ('boldreverse'); expected a colour",
    ),
    "bad name": ('name = "My Theme"\n[colours]\nprimary = "#123456"\n', 1, "name is a string"),
    "not utf-8": (b'name = "x\xff"\n', 1, "not valid UTF-8"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_theme_file_warns_with_file_and_line_and_is_skipped(
    case: str, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("STANCE_READER_CONFIG_DIR", str(tmp_path / "config"))
    text, line, expected = BAD_FILES[case]
    folder = tmp_path / "config" / "themes"
    folder.mkdir(parents=True)
    path = folder / "dark.toml"  # named like the default: the bundled default must survive
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    messages, warn = collect()
    specs = load_themes(warn)
    assert len(messages) == 1, messages
    assert messages[0].startswith(f"{path}:{line}: "), messages[0]
    assert expected in messages[0]
    assert messages[0].endswith("theme skipped")
    assert specs["dark"].path == str(bundled_themes_dir() / "dark.toml")
    assert sorted(specs) == sorted(BUNDLED)


def test_duplicate_theme_names_in_one_folder_keep_the_first(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("STANCE_READER_CONFIG_DIR", str(tmp_path / "config"))
    write_user_theme(tmp_path, GOOD, "a.toml")
    second = write_user_theme(tmp_path, GOOD.replace("#123456", "#654321"), "b.toml")
    messages, warn = collect()
    specs = load_themes(warn)
    assert specs["mine"].primary == "#123456"
    assert messages == [
        f"{second}: theme name 'mine' is already used by {second.parent / 'a.toml'}; "
        "expected a unique name; theme skipped"
    ]


def test_theme_for_falls_back_to_default_then_builtin(empty_user_dir: Path) -> None:
    specs = load_themes(lambda m: None)
    assert theme_for(specs, "light") is specs["light"]
    assert theme_for(specs, "nord") is specs["dark"]
    fallback = theme_for({}, "dark")
    assert {s: fallback.stance_style(s).glyph for s in STANCES} == DEFAULT_GLYPHS
    assert to_textual_theme(fallback).variables["stance-oppose"] == "#d55e00"


def test_speaker_colour_is_stable_across_processes(empty_user_dir: Path) -> None:
    spec = load_themes(lambda m: None)["dark"]
    ids = ["stian-jenssen", "jens-stoltenberg", "mykhailo-podolyak", "volodymyr-zelensky"]
    here = [speaker_colour(spec, i) for i in ids]
    code = (
        "from reader.themes import load_themes, speaker_colour;"
        "spec = load_themes(lambda m: None)['dark'];"
        f"print(' '.join(speaker_colour(spec, i) for i in {ids!r}))"
    )
    for seed in ("1", "2"):
        result = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed, "PATH": "", "STANCE_READER_CONFIG_DIR": "/nonexistent"},
        )
        assert result.stdout.split() == here
    # CRC-32 of the id, modulo the palette: pinned so a change of scheme is noticed.
    assert speaker_index(spec, "stian-jenssen") == 2640041 % 10 == 1
    assert speaker_variable(spec, "stian-jenssen") == "speaker-1"


def test_speakers_spread_over_the_palette(empty_user_dir: Path) -> None:
    spec = load_themes(lambda m: None)["dark"]
    slots = {speaker_index(spec, f"speaker-{n}") for n in range(200)}
    assert slots == set(range(len(spec.speakers)))


def test_speaker_markers_are_initials_numbered_on_clashes() -> None:
    speakers = [
        Speaker("jens-stoltenberg", "Jens Stoltenberg", quotes=12),
        Speaker("jens-stoltenberg-2", "Jens Stoltenberg", quotes=1),
        Speaker("jan-smit", "Jan Smit", quotes=3),
        Speaker("zelensky", "Zelensky", quotes=4),
        Speaker("ukraine-s-foreign-ministry", "Ukraine's foreign ministry", kind="group"),
        Speaker("x", "", quotes=0),
    ]
    assert speaker_markers(speakers) == {
        "jens-stoltenberg": "JS",
        "jan-smit": "JS2",
        "jens-stoltenberg-2": "JS3",
        "zelensky": "ZE",
        "ukraine-s-foreign-ministry": "UK",
        "x": "X",
    }


def test_stance_style_as_rich_style() -> None:
    style = StanceStyle("#aa0000", "▼", "bold underline")
    assert style.rich() == "bold underline #aa0000"
    assert style.rich(colour=False) == "bold underline"
    assert StanceStyle("#aa0000", "•", "").rich(colour=False) == "none"
    assert StanceStyle("#aa0000", "•", "").text_style == "none"


def test_documented_example_theme_loads(tmp_path: Path) -> None:
    guide = Path(__file__).resolve().parent.parent / "docs" / "themes.md"
    example = re.search(r"```toml\n(.*?)```", guide.read_text(encoding="utf-8"), re.S)
    path = tmp_path / "paper.toml"
    path.write_text(example.group(1), encoding="utf-8")
    spec = read_theme(path)
    assert (spec.name, spec.dark) == ("paper", False)
    assert spec.stance["retract"] == StanceStyle("#9a6700", "↺", "italic")  # from `warning`
    assert to_textual_theme(spec).variables["block-cursor-text-style"] == "bold"
