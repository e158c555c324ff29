"""Reading TOML settings files (collection settings, themes, cue lists) with usable errors.

Every settings file in Stance Reader goes through `load_toml`, so a malformed file is always
reported the same way: the file, the line, and what was wrong, never a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomli


class ConfigError(Exception):
    """A settings file that cannot be used; `str()` is a one-line message naming file and line."""

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")


def load_toml(path: Path | str) -> dict[str, Any]:
    """Parse a TOML file, turning every failure (I/O, encoding, syntax) into a ConfigError."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ConfigError(path, f"cannot read file ({error.strerror or error})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ConfigError(path, "not valid UTF-8", line) from None
    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        line = getattr(error, "lineno", None)
        message = getattr(error, "msg", None) or str(error)
        raise ConfigError(path, f"invalid TOML: {message}", line) from None
    except RecursionError:
        raise ConfigError(path, "invalid TOML: values nested too deeply") from None


def line_of_key(path: Path | str, key: str) -> int | None:
    """Best-effort line number of `key = ...` in a TOML file, for errors about values.

    tomli does not keep positions of parsed values, so a wrong type or unknown key is located
    by finding the first line that assigns that key.
    """
    try:
        lines = Path(path).read_text(encoding="utf-8-sig", errors="replace").splitlines()
    except OSError:
        return None
    bare = key.rsplit(".", 1)[-1]
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if stripped.startswith(("[" + key + "]", "[[" + key + "]]")):
            return number
        name = stripped.split("=", 1)[0].strip().strip('"').strip("'")
        if "=" in stripped and name == bare:
            return number
    return None
