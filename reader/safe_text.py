"""Making article text safe to show in a terminal.

Article text, titles, speaker names and file names are data written by strangers. They must
never reach the terminal as control sequences (an ESC could recolour, move the cursor or retitle
the window), so every control character is replaced by a visible stand-in of the same length:
offsets into the text stay valid for highlighting. Rich markup is a separate concern, handled by
building `rich.text.Text` objects instead of markup strings.
"""

from __future__ import annotations

# C0 controls map to the Unicode "control pictures" block (U+2400 + code): ESC shows as ␛.
# Newlines and tabs are layout, not control sequences, and stay as they are.
_TABLE: dict[int, str] = {code: chr(0x2400 + code) for code in range(0x20) if code not in (9, 10)}
_TABLE[0x0D] = " "  # a carriage return (Windows line endings) is layout: one blank column
_TABLE[0x7F] = "\u2421"  # DEL → ␡
# C1 controls (U+0080–U+009F) include CSI (U+009B), which some terminals obey like ESC [.
_TABLE.update({code: "\ufffd" for code in range(0x80, 0xA0)})
# Bidi overrides and isolates could reorder what is displayed around them (Trojan Source).
_TABLE.update({code: "\ufffd" for code in (0x202A, 0x202B, 0x202C, 0x202D, 0x202E)})
_TABLE.update({code: "\ufffd" for code in (0x2066, 0x2067, 0x2068, 0x2069)})
# Unicode line and paragraph separators: terminals and Rich disagree on whether they break a
# line, which would shift everything after them; they show as one blank column.
_TABLE.update({0x2028: " ", 0x2029: " "})


def clean(text: str) -> str:
    """`text` with every control character replaced by a visible one-character stand-in."""
    return text.translate(_TABLE)


def one_line(text: str) -> str:
    """`clean` for one-line labels (titles, names, paths): line breaks become spaces too."""
    return clean(text.replace("\r\n", " ").replace("\n", " ").replace("\t", " "))
