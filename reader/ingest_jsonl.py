"""JSON Lines collections: one article per line, as scrapers and datasets export them.

A bad line (not JSON, not an object, no text) is reported with its line number and skipped;
the other lines still load, so one broken record never costs the whole file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from reader.ingest_dates import parse_date
from reader.ingest_decode import NotText, decode_text
from reader.ingest_text import analyse_text
from reader.model import Article

Warn = Callable[[str], None]

_FIELDS = ("title", "source", "author", "url")
# A record's id names the article in quote ids, the CLI and the UI: one printable token.
# Ids name files on export and appear on screen: no controls, bidi overrides or path separators.
_SEPARATORS = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069/\\]+")
_MAX_ID = 200


def _string(value: Any) -> str | None:
    """A metadata value as text: lists of names are joined, numbers kept, blanks are None."""
    if isinstance(value, list):
        parts = [_string(v) for v in value]
        value = ", ".join(p for p in parts if p)
    elif isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value or None


def read_jsonl(raw: bytes, stem: str, name: str, warn: Warn) -> list[Article]:
    text = decode_text(raw, name, warn)
    articles = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            warn(f"{name}:{number}: skipped line: invalid JSON ({error.msg})")
            continue
        if not isinstance(record, dict):
            warn(f"{name}:{number}: skipped line: not a JSON object")
            continue
        body = record.get("text")
        if not isinstance(body, str) or not body.strip():
            warn(f'{name}:{number}: skipped line: no "text"')
            continue
        articles.append(_article(record, body, stem, number, name))
    if not articles:
        raise NotText("no articles in it")
    return articles


def _article(record: dict[str, Any], body: str, stem: str, number: int, name: str) -> Article:
    title, source, author, url = (_string(record.get(key)) for key in _FIELDS)
    info = analyse_text(body, known_title=title)
    record_id = _SEPARATORS.sub("-", _string(record.get("id")) or "")[:_MAX_ID].strip("-")
    return Article(
        id=record_id or f"{stem}-{number}",
        path=name,
        text=body,
        title=info.title,
        date=parse_date(_string(record.get("date"))) or info.date,
        source=source or info.source,
        author=author or info.author,
        url=url,
        blocks=info.blocks,
        extracted=True,
    )
