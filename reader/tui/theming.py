"""`ThemeSpec` (plain data from reader.themes) → Textual `Theme`, and registering them on the app.

The stance styles and the speaker palette become extra CSS variables so `.tcss` files can use
them like Textual's own colours:

- `$stance-support`, `$stance-oppose`, `$stance-retract`, `$stance-neutral`: colours;
- `$stance-support-style` …: a `text-style` value (e.g. `bold`, `underline`, `none`);
- `$speaker-0` … `$speaker-15`: the speaker palette, cycled to SPEAKER_SLOTS entries so a
  variable exists under every theme (`reader.themes.speaker_variable` names a speaker's one).

Under a theme that is not ours (one of Textual's), the app's `get_theme_variable_defaults`
should return `reader_variables(theme_for(specs, DEFAULT_THEME))` so the CSS still parses.
"""

from __future__ import annotations

from textual.app import App
from textual.theme import Theme

from reader.model import STANCES
from reader.themes import COLOUR_FIELDS, SPEAKER_SLOTS, ThemeSpec


def reader_variables(spec: ThemeSpec) -> dict[str, str]:
    """The reader's own CSS variables for one theme."""
    variables: dict[str, str] = {}
    for stance in STANCES:
        style = spec.stance_style(stance)
        variables[f"stance-{stance}"] = style.colour
        variables[f"stance-{stance}-style"] = style.text_style
    for slot in range(SPEAKER_SLOTS):
        variables[f"speaker-{slot}"] = spec.speakers[slot % len(spec.speakers)]
    return variables


def to_textual_theme(spec: ThemeSpec) -> Theme:
    colours = {name: getattr(spec, name) for name in COLOUR_FIELDS}
    return Theme(
        name=spec.name,
        dark=spec.dark,
        variables={**spec.variables, **reader_variables(spec)},
        **colours,
    )


def register_themes(app: App, specs: dict[str, ThemeSpec]) -> list[str]:
    """Register every spec as a Textual theme; returns their names in a stable order."""
    for spec in specs.values():
        app.register_theme(to_textual_theme(spec))
    return sorted(specs)
