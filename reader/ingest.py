"""Reading the user's files and folders into `Article`s.

Whatever a folder holds, reading it never fails: each file that cannot be an article (another
format, binary, empty, unreadable, a symlink loop) is skipped with one line through `warn`
naming it, and the rest of the collection still loads. Nothing here ever writes to disk.

Paths are kept as the user gave them (`news/2023/a.txt`, not an absolute resolved path) so
messages and the UI name files the way the user knows them; resolving only serves to spot the
same file or folder reached twice.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Container, Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

from reader.ingest_decode import SNIFF_BYTES, NotText, decode_text, looks_binary
from reader.ingest_html import read_html
from reader.ingest_jsonl import read_jsonl
from reader.ingest_text import analyse_text
from reader.model import Article

Warn = Callable[[str], None]

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
# Files that belong to a collection without being articles: skipped without a word.
SETTINGS_SUFFIXES = frozenset({".toml"})
SYSTEM_FILES = frozenset({"thumbs.db", "desktop.ini", "icon\r"})
# No single article file is this big; reading one would only exhaust memory.
MAX_BYTES = 512 * 1024 * 1024
_NONBLOCK = getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def is_settings_file(name: str) -> bool:
    """Collection settings, hidden and system files (by file name): part of a folder, not
    articles."""
    return _is_settings(name, _suffix(name))


def _is_settings(name: str, suffix: str) -> bool:
    return name.startswith(".") or suffix in SETTINGS_SUFFIXES or name.lower() in SYSTEM_FILES


def _suffix(name: str) -> str:
    return os.path.splitext(name)[1].lower()


def _reason(error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "symlink loop"
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, FileNotFoundError):
        return "no such file or folder"
    return (error.strerror or str(error)).lower()


def _read_regular(path: Path, limit: int = -1) -> bytes:
    """The bytes of a regular file (the first `limit` of them); raises NotText for anything
    else. The file is opened non-blocking so that a named pipe in a folder cannot hang the
    reader, and checked on the open descriptor so that what is read is what was checked."""
    descriptor = os.open(path, os.O_RDONLY | _NONBLOCK)
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise NotText("not a regular file")
        if info.st_size > MAX_BYTES:
            size, most = info.st_size // 2**20, MAX_BYTES // 2**20
            raise NotText(f"too large for an article ({size} MB; the limit is {most} MB)")
        return handle.read(limit)


class Found(NamedTuple):
    """A file found by `check_files`: its path as the user names it, and its stat."""

    path: str
    info: os.stat_result


# Given the candidate files, the paths among them already known to be article files (a cache
# that read them at this very stat), which are then not opened to look for binary content.
Trust = Callable[[list[Found]], Container[str]]


def discover_files(paths: Sequence[str | Path], warn: Warn) -> list[Path]:
    """Every article file under `paths` (files and folders, recursively), sorted, each once."""
    return [Path(found.path) for found in check_files(find_candidates(paths, warn), warn, set())]


def find_candidates(paths: Sequence[str | Path], warn: Warn) -> list[str]:
    """Every path under `paths` whose name can be an article, sorted as `Path` sorts them.

    Hidden folders and settings files are passed over silently; every other name that cannot
    be an article gets one warning line. Only names are read here: `check_files` looks at the
    files themselves, so a caller can check a large collection's first files and show them
    before it has looked at all 10,000.
    """
    names: list[str] = []
    for given in paths:
        root = str(Path(given))
        try:
            info = os.stat(root)
        except OSError as error:
            warn(f"skipped {root}: {_reason(error)}")
            continue
        if stat.S_ISDIR(info.st_mode):
            _walk(root, {_identity(info)}, names, warn)
        elif _can_be_article(root, os.path.basename(root), warn, explicit=True):
            names.append(root)
    return sorted(names, key=_order)


def check_files(
    candidates: Iterable[str],
    warn: Warn,
    seen: set[tuple[int, int]],
    trusted: Trust | None = None,
) -> list[Found]:
    """The candidates (in order) that are article files, with their stat.

    Each file is taken once: `seen` holds the identities of those already taken, across
    calls, so of two names for one file (a hard or symbolic link) the first in order wins.
    Each is opened to check that it is a regular text file, unless `trusted` vouches for it
    (warm opens: 10,000 opens are a third of re-opening a large collection).
    """
    found: list[Found] = []
    for path in candidates:
        try:
            info = os.stat(path)
        except OSError as error:
            warn(f"skipped {path}: {_reason(error)}")
            continue
        identity = _identity(info)
        if identity not in seen:
            seen.add(identity)
            found.append(Found(path, info))
    known = trusted(found) if trusted is not None and found else ()
    return [item for item in found if item.path in known or _is_text_file(item.path, warn)]


def _order(path: str) -> str:
    """Sort key of a path that orders paths as `Path` does, component by component, without
    building a `Path` per file: each separator becomes NUL, which sorts before any character
    and is in no file name. The root of an absolute path (`/`, or `//`) is a component of its
    own, as it is for `Path`."""
    path = os.path.normcase(path)
    relative = path.lstrip(os.sep)
    key = relative.replace(os.sep, "\0")
    root = path[: len(path) - len(relative)]
    return f"{root}\0{key}" if root else key


def _identity(info: os.stat_result) -> tuple[int, int]:
    return info.st_dev, info.st_ino


def _prefix(folder: str) -> str:
    """What goes before a name to make the path of a file in `folder`, as `Path` would write
    it (`Path(".") / "a"` is `a`, not `./a`)."""
    return "" if folder == "." else os.path.join(folder, "")


def _walk(root: str, seen: set[tuple[int, int]], names: list[str], warn: Warn) -> None:
    """Walk a folder tree, following symlinks but never entering a folder already read (a
    symlink loop, or a second link to the same folder). Iterative, so that no depth of
    nesting can exhaust the stack."""
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as error:
            warn(f"skipped {folder}: {_reason(error)}")
            continue
        prefix = _prefix(folder)
        for entry in entries:
            name = entry.name
            path = prefix + name
            hidden = name.startswith(".")
            try:
                # A folder is `stat`ed for its identity, and a link to see where it leads (a
                # broken one is named as such); other types come with the listing.
                info = entry.stat() if entry.is_dir() or entry.is_symlink() else None
            except OSError as error:  # a broken link, a symlink loop, a folder gone meanwhile
                if not hidden:
                    warn(f"skipped {path}: {_reason(error)}")
                continue
            if info is None or not stat.S_ISDIR(info.st_mode):  # a file, or a link to one
                if _can_be_article(path, name, warn, explicit=False):
                    names.append(path)
                continue
            if hidden:
                continue
            identity = _identity(info)
            if identity not in seen:
                seen.add(identity)
                pending.append(path)
            elif entry.is_symlink():
                warn(f"skipped {path}: symlink loop or folder already read")


def _can_be_article(path: str, name: str, warn: Warn, *, explicit: bool) -> bool:
    """Whether a file's name can be an article's; a file named explicitly is never skipped
    silently."""
    suffix = _suffix(name)
    if suffix in SETTINGS_SUFFIXES or (not explicit and _is_settings(name, suffix)):
        return False
    if suffix not in ARTICLE_SUFFIXES:
        warn(f"skipped {path}: not an article ({suffix or 'no extension'})")
        return False
    return True


def _is_text_file(path: str, warn: Warn) -> bool:
    """Whether a file is a regular file whose first bytes are text; warns when not."""
    try:
        sample = _read_regular(Path(path), SNIFF_BYTES)
    except OSError as error:
        warn(f"skipped {path}: {_reason(error)}")
        return False
    except NotText as reason:
        warn(f"skipped {path}: {reason}")
        return False
    if looks_binary(sample):
        suffix = os.path.splitext(path)[1].lower()
        warn(f"skipped {path}: binary file, not an article ({suffix})")
        return False
    return True


def read_file(path: Path, warn: Warn, display_path: str | None = None) -> list[Article]:
    """The articles in one file (a .jsonl holds many); bad content warns and gives []."""
    name = display_path if display_path is not None else str(path)
    suffix = path.suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        warn(f"skipped {name}: not an article ({suffix or 'no extension'})")
        return []
    try:
        raw = _read_regular(path)
    except OSError as error:
        warn(f"skipped {name}: {_reason(error)}")
        return []
    except NotText as reason:
        warn(f"skipped {name}: {reason}")
        return []
    try:
        if suffix in JSONL_SUFFIXES:
            return read_jsonl(raw, path.stem, name, warn)
        if suffix in HTML_SUFFIXES:
            return [read_html(raw, path.stem, name, warn)]
        return [_read_text(raw, path.stem, name, warn)]
    except NotText as reason:
        warn(f"skipped {name}: {reason}")
        return []
    except (ValueError, LookupError, RecursionError) as error:
        # A reader bug on one hostile file must not cost the user the collection.
        warn(f"skipped {name}: could not be read ({type(error).__name__}: {error})")
        return []


def _read_text(raw: bytes, stem: str, name: str, warn: Warn) -> Article:
    text = decode_text(raw, name, warn)
    info = analyse_text(text)
    return Article(
        id=stem,
        path=name,
        text=text,
        title=info.title,
        date=info.date,
        source=info.source,
        author=info.author,
        blocks=info.blocks,
    )


class UsedIds(set[str]):
    """Ids taken so far, with the next number to try for each base: a scrape of thousands of
    `index.html` files then takes linear time instead of recounting from 2 for every file."""

    def __init__(self) -> None:
        super().__init__()
        self.next_number: dict[str, int] = {}


def unique_id(base: str, used: set[str]) -> str:
    """`base`, or `base-2`, `base-3`, ... when taken; the id returned is then taken too."""
    counters = used.next_number if isinstance(used, UsedIds) else {}
    candidate, number = base, counters.get(base, 1)
    while candidate in used:
        number += 1
        candidate = f"{base}-{number}"
    counters[base] = number
    used.add(candidate)
    return candidate


def unique_ids(articles: Iterable[Article]) -> list[Article]:
    """Make article ids unique in collection order: a repeated id gets `-2`, `-3`, ..."""
    used = UsedIds()
    result = []
    for article in articles:
        article.id = unique_id(article.id, used)
        result.append(article)
    return result


def nothing_found(paths: Sequence[str | Path]) -> str:
    """The message for a collection without a single article."""
    named = ", ".join(str(p) for p in paths) or "nothing given"
    return f"no articles found in {named}"


def load_paths(paths: Sequence[str | Path], warn: Warn) -> list[Article]:
    """All articles under `paths`, ids unique within the collection; warns when there are none."""
    articles: list[Article] = []
    for path in discover_files(paths, warn):
        articles.extend(read_file(path, warn))
    if not articles:
        warn(nothing_found(paths))
    return unique_ids(articles)
