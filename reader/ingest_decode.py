"""Bytes to text for article files, and telling text from binary.

Quote offsets index the decoded text, so decoding removes a byte-order mark and nothing else:
no newline or Unicode normalisation. What cannot be decoded is replaced (U+FFFD) and reported
rather than dropped, so the reader still opens a mostly-good file and says what it could not
read.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable

Warn = Callable[[str], None]

# How much of a file the binary sniffer looks at: enough to catch every common binary format,
# little enough that discovering a large folder stays quick.
SNIFF_BYTES = 8192
# Text has few control characters; above this share a file is binary whatever its name says.
_MAX_CONTROL_SHARE = 0.10
# Share of replacement characters above which "invalid UTF-8" is really "not text at all".
_MAX_REPLACED_SHARE = 0.30

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 controls that plain text does not use (tab, newlines, form feed and escape are left out:
# escape sequences are hostile but still text, and the UI shows them visibly).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f\v\x1b")


class NotText(Exception):
    """A file that is not an article's text; `str()` says why, for the skip message."""


def bom_encoding(raw: bytes) -> str | None:
    """The codec named by a byte-order mark at the start of `raw` (it strips the mark)."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return encoding
    return None


def utf16_without_bom(sample: bytes) -> str | None:
    """`utf-16-le`/`utf-16-be` for UTF-16 text saved without a BOM, told by its NUL bytes:
    text in Latin script has a NUL in every other byte and in no other. Text in other scripts
    has none, and it is left to the binary check, which refuses it rather than guess."""
    half = len(sample) // 2
    if half < 4:
        return None
    even, odd = sample[0 : 2 * half : 2].count(0), sample[1 : 2 * half : 2].count(0)
    if odd > 0.7 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.7 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def sniff_encoding(sample: bytes) -> str | None:
    """The encoding a file's first bytes prove: a BOM, or UTF-16 without one."""
    return bom_encoding(sample) or (utf16_without_bom(sample) if b"\0" in sample else None)


def looks_binary(sample: bytes) -> bool:
    """Whether the start of a file is binary: NUL bytes or many control bytes, unless they are
    UTF-16/32 text (whose Latin characters carry NUL bytes)."""
    if not sample or sniff_encoding(sample) is not None:
        return False
    if b"\0" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > len(sample) * _MAX_CONTROL_SHARE


def decode_text(raw: bytes, name: str, warn: Warn, declared: str | None = None) -> str:
    """Text of an article file; raises NotText for binary or empty files.

    A BOM (or the NUL pattern of UTF-16) decides the encoding. Otherwise valid UTF-8 is
    UTF-8 (pages often declare a legacy charset they do not use), then `declared` (an HTML
    meta charset) is tried, and failing both, undecodable bytes become U+FFFD with one warning.
    """
    encoding = sniff_encoding(raw[:SNIFF_BYTES])
    if encoding is None:
        if looks_binary(raw[:SNIFF_BYTES]):
            raise NotText("binary file")
        encoding = "utf-8"
        fallback = _known_codec(declared)
        if fallback not in (None, "utf-8"):
            try:
                raw.decode(encoding)
            except UnicodeDecodeError:
                encoding = fallback
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as error:
        text = raw.decode(encoding, errors="replace")
        sample = text[: SNIFF_BYTES * 4]
        if sample.count("\ufffd") > len(sample) * _MAX_REPLACED_SHARE:
            raise NotText(f"binary file (not {_label(encoding)} text)") from None
        line = raw[: error.start].count(b"\n") + 1
        warn(
            f"{name}: not valid {_label(encoding)} (first bad byte on line {line}); "
            "undecodable bytes are shown as \ufffd"
        )
    if not text or text.isspace():
        raise NotText("empty file")
    return text


def _known_codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().strip("\"'"))
    except LookupError:
        return None
    # UTF-16/32 without a BOM would have failed the binary check already; never trust them.
    return None if codec.name.startswith(("utf-16", "utf-32")) else codec.name


def _label(encoding: str) -> str:
    return {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "utf-16": "UTF-16", "utf-32": "UTF-32"}.get(
        encoding, encoding
    )
