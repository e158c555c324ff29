"""Themes as plain data: `themes/*.toml` (bundled and the user's own) → `ThemeSpec`.

Kept free of Textual so the CLI, the exporters and tests can read a theme, and so a broken theme
file is reported the same way everywhere: one line with file, line, what was wrong and what was
expected, and the theme is skipped. `reader.tui.theming` turns a spec into a Textual `Theme`.

A theme file looks like this (every table but `[colours]` is optional)::

    name = "dark"          # defaults to the file name without .toml
    dark = true            # a dark background (Textual picks contrasting text from it)

    [colours]              # Textual's theme colours; `primary` is required
    primary = "#5fa8f5"
    background = "#16181d"

    [variables]            # extra Textual CSS variables, e.g. footer-key-foreground = "#ffffff"

    [stance.support]       # colour, glyph and text style per stance
    colour = "#5cc98a"
    glyph = "▲"
    style = "bold"

    [speakers]             # the palette speakers are assigned from, stably, by speaker id
    palette = ["#7cc4fa", "#f4a3c0"]

Reading without colour (NO_COLOR=1, the `mono` theme, colour-blind readers): a stance is always
shown by its glyph and text style, never by colour alone, so glyphs must differ between stances.
A speaker is shown by a short marker from `speaker_markers` (initials, numbered when two people
share them) wherever colour alone would otherwise tell speakers apart.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.model import STANCES, Speaker
from reader.resources import bundled_themes_dir, user_themes_dir
from reader.tomlfile import ConfigError, line_of_key, load_toml
from reader.views import STANCE_GLYPHS

Warn = Callable[[str], None]

DEFAULT_THEME = "dark"
# Every theme exposes this many `speaker-N` CSS variables (cycling its palette), so CSS that
# names one parses under any theme; a palette may not be longer.
SPEAKER_SLOTS = 16

COLOUR_FIELDS = (
    "primary",
    "secondary",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "warning",
    "error",
    "success",
)
TEXT_STYLES = ("bold", "italic", "underline", "strike", "dim", "reverse")
DEFAULT_GLYPHS = STANCE_GLYPHS  # the same glyphs the CLI prints
DEFAULT_STYLES = {"support": "bold", "oppose": "underline", "retract": "italic", "neutral": ""}
# Which theme colour a stance takes when the file has no [stance] table for it.
STANCE_FALLBACK_FIELD = {
    "support": "success",
    "oppose": "error",
    "retract": "warning",
    "neutral": "foreground",
}
# Last resort for a theme that sets neither the stance colour nor the matching theme colour,
# and the speaker palette of a theme with no [speakers] table: the Okabe–Ito colours, which
# stay apart for colour-blind readers on dark and light backgrounds alike.
FALLBACK_STANCE_COLOURS = {
    "support": "#009e73",
    "oppose": "#d55e00",
    "retract": "#e69f00",
    "neutral": "#999999",
}
FALLBACK_SPEAKERS = ("#e69f00", "#56b4e9", "#009e73", "#cc79a7", "#0072b2", "#d55e00")

_TOP_KEYS = ("name", "dark", "colours", "variables", "stance", "speakers")
_STANCE_KEYS = ("colour", "glyph", "style")
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*")
_VARIABLE = re.compile(r"[a-z][a-z0-9-]*")
# Values a Textual theme variable can take without breaking the app's CSS: a colour (hex,
# `auto`, or one of the theme's colours, lightened or darkened), with an optional alpha, or
# text style words.
_VARIABLE_VALUE = re.compile(
    r"(?:#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})|auto|"
    r"\$(?:" + "|".join(COLOUR_FIELDS) + r")(?:-(?:lighten|darken)-[123])?)(?: +\d{1,3}%)?"
    r"|(?:" + "|".join((*TEXT_STYLES, "none")) + r")(?: +(?:" + "|".join(TEXT_STYLES) + r"))*"
)


@dataclass(frozen=True, slots=True)
class StanceStyle:
    """How one stance is drawn: `colour` (#rrggbb), a `glyph`, and a text `style`.

    `style` is a space-separated subset of TEXT_STYLES ("" for none); the words are valid both
    as a Rich style and as a Textual `text-style` value.
    """

    colour: str
    glyph: str
    style: str = ""

    def rich(self, colour: bool = True) -> str:
        """A Rich style string; without colour it still carries the text style."""
        parts = [self.style] if self.style else []
        if colour:
            parts.append(self.colour)
        return " ".join(parts) or "none"

    @property
    def text_style(self) -> str:
        """The style as a Textual CSS `text-style` value."""
        return self.style or "none"


_FALLBACK_STANCES = {
    stance: StanceStyle(
        FALLBACK_STANCE_COLOURS[stance], DEFAULT_GLYPHS[stance], DEFAULT_STYLES[stance]
    )
    for stance in STANCES
}


@dataclass
class ThemeSpec:
    """One theme: Textual's colours plus the stance styles and speaker palette of the reader."""

    name: str
    primary: str
    dark: bool = True
    secondary: str | None = None
    accent: str | None = None
    foreground: str | None = None
    background: str | None = None
    surface: str | None = None
    panel: str | None = None
    warning: str | None = None
    error: str | None = None
    success: str | None = None
    variables: dict[str, str] = field(default_factory=dict)
    stance: dict[str, StanceStyle] = field(default_factory=lambda: dict(_FALLBACK_STANCES))
    speakers: list[str] = field(default_factory=lambda: list(FALLBACK_SPEAKERS))
    # The file the theme was read from, for messages and the theme picker.
    path: str | None = None

    def stance_style(self, stance: str) -> StanceStyle:
        """The style of `stance`; an unknown stance is drawn as neutral."""
        return self.stance.get(stance) or self.stance["neutral"]


def theme_for(specs: dict[str, ThemeSpec], name: str | None) -> ThemeSpec:
    """The spec to draw with under theme `name`: itself, else the default, else a built-in one.

    Used when the app runs a theme that is not ours (one of Textual's) or the default theme
    file was broken, so stance and speaker styles are always available.
    """
    if name in specs:
        return specs[name]
    if DEFAULT_THEME in specs:
        return specs[DEFAULT_THEME]
    return ThemeSpec(name="fallback", primary=FALLBACK_SPEAKERS[1])


def speaker_index(spec: ThemeSpec, speaker_id: str) -> int:
    """The palette slot of a speaker: the same on every run, machine and article.

    CRC-32 rather than `hash()`, which Python salts per process.
    """
    return zlib.crc32(speaker_id.encode("utf-8")) % len(spec.speakers)


def speaker_colour(spec: ThemeSpec, speaker_id: str) -> str:
    return spec.speakers[speaker_index(spec, speaker_id)]


def speaker_variable(spec: ThemeSpec, speaker_id: str) -> str:
    """The Textual CSS variable (without `$`) holding the speaker's colour, e.g. `speaker-3`."""
    return f"speaker-{speaker_index(spec, speaker_id)}"


def speaker_markers(speakers: Iterable[Speaker]) -> dict[str, str]:
    """A short marker per speaker id, for telling speakers apart without colour.

    The marker is the speaker's initials (up to three letters: "Jens Stoltenberg" → "JS", a
    one-word name gives its first two letters: "Zelensky" → "ZE"). People who share initials
    get a number from the second one on ("JS", "JS2"), the one quoted most keeping the plain
    marker, so markers are stable for a given collection.
    """
    ordered = sorted(speakers, key=lambda s: (-s.quotes, s.id))
    markers: dict[str, str] = {}
    taken: dict[str, int] = {}
    for speaker in ordered:
        base = _initials(speaker.name) or _initials(speaker.id) or "?"
        count = taken.get(base, 0) + 1
        taken[base] = count
        markers[speaker.id] = base if count == 1 else f"{base}{count}"
    return markers


def _initials(name: str) -> str:
    words = re.findall(r"[^\W\d_][\w'’-]*", name)
    capitalised = [w for w in words if w[0].isupper()] or words
    if len(capitalised) == 1:
        return capitalised[0][:2].upper()
    return "".join(w[0] for w in capitalised[:3]).upper()


def load_themes(
    warn: Warn,
    bundled_dir: Path | None = None,
    user_dir: Path | None = None,
) -> dict[str, ThemeSpec]:
    """All usable themes by name: the bundled ones, then the user's, which override by name.

    A file that cannot be used is reported through `warn` and skipped; the others still load.
    """
    themes: dict[str, ThemeSpec] = {}
    for directory in (bundled_dir or bundled_themes_dir(), user_dir or user_themes_dir()):
        seen: dict[str, str] = {}
        for path in _theme_files(directory, warn):
            try:
                spec = read_theme(path)
            except ConfigError as error:
                warn(f"{error}; theme skipped")
                continue
            if spec.name in seen:
                warn(
                    f"{path}: theme name {spec.name!r} is already used by {seen[spec.name]}; "
                    "expected a unique name; theme skipped"
                )
                continue
            seen[spec.name] = str(path)
            themes[spec.name] = spec
    return themes


def _theme_files(directory: Path, warn: Warn) -> list[Path]:
    try:
        if not directory.is_dir():
            return []
        return sorted(p for p in directory.iterdir() if p.suffix == ".toml" and p.is_file())
    except OSError as error:
        warn(f"{directory}: cannot list themes ({error.strerror or error})")
        return []


def read_theme(path: Path | str) -> ThemeSpec:
    """Read and check one theme file; any problem raises a ConfigError naming file and line."""
    path = Path(path)
    data = load_toml(path)
    checker = _Checker(path)
    checker.keys(data, "", _TOP_KEYS)

    # Without a name the file's gives one: "My Theme.toml" is "my-theme".
    name = data.get("name", re.sub(r"[^a-z0-9_]+", "-", path.stem.lower()).strip("-"))
    checker.expect(
        isinstance(name, str) and bool(_NAME.fullmatch(name)),
        "name",
        "lowercase letters, digits, '-' or '_' (e.g. \"my-theme\")",
        name,
    )
    dark = data.get("dark", True)
    checker.expect(isinstance(dark, bool), "dark", "true or false", dark)

    colours = checker.table(data, "colours")
    checker.keys(colours, "colours", COLOUR_FIELDS)
    if "primary" not in colours:
        checker.fail("colours", 'missing colours.primary; expected a colour such as "#5fa8f5"')
    values = {key: checker.colour(colours, f"colours.{key}") for key in COLOUR_FIELDS}

    variables = checker.variables(checker.table(data, "variables"))
    speakers = checker.palette(checker.table(data, "speakers"))
    stance = checker.stances(checker.table(data, "stance"), values)
    return ThemeSpec(
        name=name,
        dark=dark,
        variables=variables,
        stance=stance,
        speakers=speakers,
        path=str(path),
        **values,
    )


class _Checker:
    """Validates a parsed theme; the first problem found stops the file with its line."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, key: str, message: str) -> None:
        raise ConfigError(self.path, message, self.line(key))

    def line(self, dotted: str) -> int | None:
        """Line of a dotted key, looking inside its table so `stance.oppose.colour` is not
        mistaken for the first `colour =` of the file."""
        parent, _, bare = dotted.rpartition(".")
        if not parent:
            return line_of_key(self.path, dotted)
        start = line_of_key(self.path, parent)
        if start is None:
            return line_of_key(self.path, dotted)
        try:
            lines = self.path.read_text(encoding="utf-8-sig", errors="replace").splitlines()
        except OSError:
            return start
        for number in range(start + 1, len(lines) + 1):
            stripped = lines[number - 1].strip()
            if stripped.startswith("["):
                break
            name = stripped.split("=", 1)[0].strip().strip('"').strip("'")
            if "=" in stripped and name == bare:
                return number
        return start

    def expect(self, ok: bool, key: str, expected: str, value: Any) -> None:
        if not ok:
            self.fail(key, f"{key} is {_describe(value)}; expected {expected}")

    def keys(self, table: dict[str, Any], prefix: str, allowed: Iterable[str]) -> None:
        allowed = tuple(allowed)
        for key in table:
            if key not in allowed:
                dotted = f"{prefix}.{key}" if prefix else key
                self.fail(
                    dotted,
                    f"unknown key {dotted!r}; expected one of: {', '.join(allowed)}",
                )

    def table(self, data: dict[str, Any], key: str) -> dict[str, Any]:
        value = data.get(key, {})
        self.expect(isinstance(value, dict), key, f"a table ([{key}])", value)
        return value

    def colour(self, table: dict[str, Any], dotted: str) -> str | None:
        value = table.get(dotted.rpartition(".")[2])
        if value is None:
            return None
        return self.colour_value(value, dotted)

    def colour_value(self, value: Any, dotted: str) -> str:
        ok = isinstance(value, str) and bool(_HEX.fullmatch(value))
        self.expect(ok, dotted, 'a colour "#rgb" or "#rrggbb" (e.g. "#5fa8f5")', value)
        digits = value[1:].lower()
        if len(digits) == 3:
            digits = "".join(c * 2 for c in digits)
        return "#" + digits

    def variables(self, table: dict[str, Any]) -> dict[str, str]:
        result: dict[str, str] = {}
        for key, value in table.items():
            dotted = f"variables.{key}"
            self.expect(
                bool(_VARIABLE.fullmatch(key)),
                dotted,
                "a variable name of lowercase letters, digits and '-'",
                key,
            )
            if key.startswith(("stance-", "speaker-")):
                self.fail(
                    dotted,
                    f"variable {key!r} is reserved; set it through [stance.*] or [speakers]",
                )
            ok = isinstance(value, str) and bool(_VARIABLE_VALUE.fullmatch(value.strip()))
            self.expect(
                ok,
                dotted,
                'a colour ("#rrggbb", "#rrggbbaa", "auto" or "$primary-darken-1", each '
                'optionally with an alpha such as "#ffffff 40%") or text style words ("bold")',
                value,
            )
            result[key] = value.strip()
        return result

    def palette(self, table: dict[str, Any]) -> list[str]:
        self.keys(table, "speakers", ("palette",))
        if "palette" not in table:
            return list(FALLBACK_SPEAKERS)
        palette = table["palette"]
        self.expect(
            isinstance(palette, list) and 0 < len(palette) <= SPEAKER_SLOTS,
            "speakers.palette",
            f'a list of 1 to {SPEAKER_SLOTS} colours (e.g. ["#7cc4fa", "#f4a3c0"])',
            palette,
        )
        return [self.colour_value(value, "speakers.palette") for value in palette]

    def stances(
        self, table: dict[str, Any], colours: dict[str, str | None]
    ) -> dict[str, StanceStyle]:
        self.keys(table, "stance", STANCES)
        result: dict[str, StanceStyle] = {}
        for stance in STANCES:
            prefix = f"stance.{stance}"
            entry = table.get(stance, {})
            self.expect(isinstance(entry, dict), prefix, f"a table ([{prefix}])", entry)
            self.keys(entry, prefix, _STANCE_KEYS)
            colour = self.colour(entry, f"{prefix}.colour")
            if colour is None:
                fallback = colours.get(STANCE_FALLBACK_FIELD[stance])
                colour = fallback or FALLBACK_STANCE_COLOURS[stance]
            glyph = entry.get("glyph", DEFAULT_GLYPHS[stance])
            self.expect(
                isinstance(glyph, str)
                and 1 <= len(glyph) <= 2
                and glyph.isprintable()
                and not glyph.isspace(),
                f"{prefix}.glyph",
                'one or two visible characters (e.g. "▲")',
                glyph,
            )
            style = entry.get("style", DEFAULT_STYLES[stance])
            self.expect(
                isinstance(style, str),
                f"{prefix}.style",
                f'a string of style words ({", ".join(TEXT_STYLES)}) or "none"',
                style,
            )
            words = [w for w in style.split() if w != "none"]
            bad = [w for w in words if w not in TEXT_STYLES]
            if bad:
                self.fail(
                    f"{prefix}.style",
                    f"{prefix}.style has unknown style {bad[0]!r}; "
                    f'expected words from: {", ".join(TEXT_STYLES)}, or "none"',
                )
            result[stance] = StanceStyle(colour=colour, glyph=glyph, style=" ".join(words))
        by_glyph: dict[str, str] = {}
        for stance, style in result.items():
            if style.glyph in by_glyph:
                self.fail(
                    f"stance.{stance}.glyph",
                    f"stance.{stance}.glyph {style.glyph!r} is also used by "
                    f"{by_glyph[style.glyph]}; expected a different glyph per stance so stance "
                    "reads without colour",
                )
            by_glyph[style.glyph] = stance
        return result


def _describe(value: Any) -> str:
    kinds = {
        bool: "a boolean",
        int: "an integer",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "a table",
    }
    kind = kinds.get(type(value), type(value).__name__)
    if isinstance(value, bool):
        return f"{kind} ({str(value).lower()})"
    if isinstance(value, (str, int, float)):
        return f"{kind} ({value!r})"
    return kind
