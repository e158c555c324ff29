"""Rich styles for stances and speakers under the current theme.

A theme (reader/themes.py) gives, per stance, a colour, a glyph and a text style, and a palette
speakers are assigned from. Widgets draw many styled spans per screen, so the theme is turned
into ready `rich.style.Style` objects once per theme switch, here. Glyph and text style carry the
meaning on their own; colour is an extra, which keeps stance readable under NO_COLOR and in the
monochrome theme.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.style import Style

from reader.model import STANCES
from reader.themes import ThemeSpec, speaker_colour, theme_for


@dataclass(frozen=True, slots=True)
class StanceLook:
    glyph: str
    style: Style  # colour and text style, for glyphs; `words` for the quoted words
    words: Style  # the text style alone: the words take their colour from the speaker


@dataclass
class Look:
    """What a widget needs to draw quotes: stance styles and a stable colour per speaker."""

    spec: ThemeSpec
    stances: dict[str, StanceLook] = field(init=False)
    _speakers: dict[str, Style] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        self.stances = {}
        for stance in STANCES:
            spec = self.spec.stance_style(stance)
            self.stances[stance] = StanceLook(
                spec.glyph, Style.parse(spec.rich()), Style.parse(spec.rich(colour=False))
            )

    def stance(self, stance: str) -> StanceLook:
        return self.stances.get(stance) or self.stances["neutral"]

    def speaker(self, speaker_id: str | None) -> Style:
        """The speaker's palette colour, the same in every article; unattributed is plain."""
        if not speaker_id:
            return Style()
        style = self._speakers.get(speaker_id)
        if style is None:
            style = self._speakers[speaker_id] = Style(color=speaker_colour(self.spec, speaker_id))
        return style


def default_look() -> Look:
    """The default theme's look, for widgets drawn before the app has chosen a theme."""
    return Look(theme_for({}, None))


BOLD = Style(bold=True)
