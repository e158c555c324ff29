"""The analysis cache: per-file results in SQLite, so re-opening a collection skips the analysis.

Per-file results (the articles read from a file and their quotes, after `analyse_article`) are
keyed by the file's content hash, the file's display path (article ids and paths derive from
it) and an analyser key that folds in the analyser's version, the analysis sources and the
collection settings: any of them changing makes a miss, never a stale hit. Collection-wide
results (speakers, links, shifts) are keyed by the ordered list of file keys, so an unchanged
collection re-opens without re-running them. The text matches of linking are kept per
collection folder (`collection_identity`), so a changed collection matches only its new texts.

The cache is an optimisation, never a source of failure: a corrupt file is deleted and rebuilt,
a locked or unwritable one is bypassed, each with one warning, and the analysis goes on.
Writes are committed per batch in WAL mode, so a crash or Ctrl+C leaves a valid database and
two readers can share it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
import marshal
import sqlite3
import sys
import time
import zlib
from collections.abc import Callable, Iterable, Sequence
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any

import reader
from reader.model import Article, Block, Link, Quote, Shift, Speaker
from reader.resources import PACKAGE_DIR, user_cache_dir

Warn = Callable[[str], None]

CACHE_NAME = "analyses.sqlite3"
# Bumped when the tables or the payload layout change; an older database is dropped and rebuilt.
SCHEMA_VERSION = 5
# Rows unused for this many days are pruned, so edited files and old versions do not pile up.
KEEP_DAYS = 30
# Collection-wide results kept: the most recently used collections (or states of one).
KEEP_COLLECTIONS = 8
# Search indexes kept (20 MB each at 10,000 articles): the collections last opened in the UI.
KEEP_INDEXES = 2
MMAP_BYTES = 256 * 2**20
# How long to wait for another reader's write transaction before bypassing the cache.
BUSY_TIMEOUT = 5.0
# A file modified this recently may change again within the file system's timestamp
# granularity without its size or mtime changing ("racy git"), so its stat is not trusted.
RACY_SECONDS = 2.0

_SIDECARS = ("", "-wal", "-shm", "-journal")


def _ignore(_message: str) -> None:
    """Default warning sink."""


def cache_path() -> Path:
    return user_cache_dir() / CACHE_NAME


def clear_cache() -> Path | None:
    """Delete the cache database; returns its path, or None when there was none.

    A reader that has it open keeps working on the deleted file and the next one starts afresh.
    Raises OSError when the file exists but cannot be deleted.
    """
    base = cache_path()
    removed = None
    for suffix in _SIDECARS:
        target = base.with_name(base.name + suffix)
        try:
            target.unlink()
        except FileNotFoundError:
            continue
        removed = base
    return removed


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


# --- analyser key ------------------------------------------------------------------------------

# Everything whose change can change a per-file result: the model (field order is the payload
# layout), reading, the per-article analysis and its default cue lists. Hashing the sources
# means a developer who edits the analysis never reads stale results, even without a version bump.
_SOURCE_GLOBS = (
    "model.py",
    "store.py",
    "ingest*.py",
    "pipeline.py",
    "analyser.py",
    "analysis/*.py",
    "lexicon/*.toml",
)
_sources_digest: str | None = None


def sources_digest() -> str:
    global _sources_digest
    if _sources_digest is None:
        digest = hashlib.blake2b(digest_size=16)
        for pattern in _SOURCE_GLOBS:
            for path in sorted(PACKAGE_DIR.glob(pattern)):
                digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
                digest.update(path.read_bytes())
        _sources_digest = digest.hexdigest()
    return _sources_digest


def _canonical(value: Any) -> Any:
    """A JSON-able form of settings that is the same in every process (sets are sorted)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _canonical(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _canonical(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (set, frozenset)):
        return sorted((_canonical(v) for v in value), key=repr)
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return repr(value) if not isinstance(value, Path) else str(value)


def analyser_key(settings: Any) -> str:
    """The part of every cache key that says which analysis produced a result."""
    settings_json = json.dumps(_canonical(settings), sort_keys=True, ensure_ascii=False)
    digest = hashlib.blake2b(digest_size=16)
    # marshal's format belongs to the Python version that wrote it.
    python = f"{sys.version_info[0]}.{sys.version_info[1]}/{marshal.version}"
    for part in (reader.ANALYSER_VERSION, python, sources_digest(), settings_json):
        digest.update(part.encode())
        digest.update(b"\0")
    return digest.hexdigest()


def collection_identity(analyser: str, roots: Iterable[str]) -> str:
    """Key of what stays true of a collection across its states: the analyser and the files
    and folders it was opened from (absolute), whatever they now hold."""
    digest = hashlib.blake2b(analyser.encode(), digest_size=16)
    for root in sorted(roots):
        digest.update(f"\0{root}".encode())
    return digest.hexdigest()


def index_key(collection: str) -> str:
    """Key of a collection state's search index: its collection key and the search code, whose
    word splitting and folding the index is made of."""
    digest = hashlib.blake2b(collection.encode(), digest_size=16)
    digest.update(_search_digest())
    return digest.hexdigest()


@functools.cache
def _search_digest() -> bytes:
    return hashlib.blake2b((PACKAGE_DIR / "search.py").read_bytes(), digest_size=16).digest()


def collection_key(analyser: str, file_keys: Iterable[tuple[str, str]]) -> str:
    """Key of the collection-wide results: the analyser and every (hash, display path) in order."""
    digest = hashlib.blake2b(analyser.encode(), digest_size=16)
    for file_hash, display in file_keys:
        digest.update(f"\0{file_hash}\0{display}".encode())
    return digest.hexdigest()


# --- payloads ----------------------------------------------------------------------------------
# Positional rows in dataclass field order, serialised with `marshal` (plain data only: no code
# runs on load, unlike pickle) because a warm open of 10,000 articles parses every payload and
# marshal reads twice as fast as JSON. Each payload starts with a CRC-32, so a damaged row is
# a miss, never garbage handed to marshal. Quote text is left out when it equals its article
# slice (it always should), which keeps the payload to one copy of the text.

_ARTICLE_FIELDS = [f.name for f in dataclasses.fields(Article)]
_BLOCKS = _ARTICLE_FIELDS.index("blocks")
_QUOTE_FIELDS = [f.name for f in dataclasses.fields(Quote)]
_QUOTE_TEXT = _QUOTE_FIELDS.index("text")
_SPEAKER_FIELDS = [f.name for f in dataclasses.fields(Speaker)]
_LINK_FIELDS = [f.name for f in dataclasses.fields(Link)]
_SHIFT_FIELDS = [f.name for f in dataclasses.fields(Shift)]
_CHECKSUM = 4  # CRC-32: it catches damage, and a warm open checks 70 MB of payloads


class DamagedPayload(ValueError):
    """A cached row that does not decode: treated as a miss and written again."""


def _pack(data: Any) -> bytes:
    body = marshal.dumps(data, 4)
    return zlib.crc32(body).to_bytes(_CHECKSUM, "big") + body


def _unpack(payload: bytes) -> Any:
    view = memoryview(payload)  # no copy of the body: a warm open reads ~70 MB of payloads
    body = view[_CHECKSUM:]
    if len(view) < _CHECKSUM or int.from_bytes(view[:_CHECKSUM], "big") != zlib.crc32(body):
        raise DamagedPayload("checksum mismatch")
    try:
        return marshal.loads(body)
    except (EOFError, ValueError, TypeError) as error:
        raise DamagedPayload(str(error)) from None


def _article_row(article: Article) -> list[Any]:
    row = [getattr(article, name) for name in _ARTICLE_FIELDS]
    # Blocks flattened to one list: a 10,000-article collection has ~300,000 of them, and one
    # list per article is far fewer objects for marshal to build than one tuple per block.
    row[_BLOCKS] = [value for b in article.blocks for value in (b.start, b.end, b.kind)]
    return row


def encode_file(
    articles: Sequence[Article], quotes: Sequence[Quote], warnings: Sequence[str]
) -> bytes:
    """The cached form of one file's results (articles, quotes, and the warnings reading gave).
    Quotes are stored column-wise, rebuilt with one `map(Quote, *columns)`."""
    texts = {article.id: article.text for article in articles}
    columns = _columns(quotes, _QUOTE_FIELDS)
    for index, quote in enumerate(quotes):
        text = texts.get(quote.article)
        if text is not None and text[quote.start : quote.end] == quote.text:
            columns[_QUOTE_TEXT][index] = None
    return _pack([[_article_row(a) for a in articles], columns, list(warnings)])


def decode_file(payload: bytes) -> tuple[list[Article], list[Quote], list[str]]:
    try:
        article_rows, columns, warnings = _unpack(payload)
        articles = []
        for row in article_rows:
            flat = row[_BLOCKS]
            row[_BLOCKS] = list(map(Block, flat[0::3], flat[1::3], flat[2::3]))
            articles.append(Article(*row))
        quotes = list(map(Quote, *columns)) if columns and columns[0] else []
        if quotes:
            texts = {article.id: article.text for article in articles}
            for quote in quotes:
                if quote.text is None:
                    quote.text = texts[quote.article][quote.start : quote.end]
    except (TypeError, ValueError, KeyError, IndexError) as error:
        raise DamagedPayload(str(error)) from None
    return articles, quotes, warnings


# The quote fields that the collection-wide steps set: the merged speaker, and the times that
# repeats and excerpts share. Only these are compared before and after them (comparing every
# field took ~1.5 s at 10,000 articles); tests/test_pipeline.py checks that no step sets
# another.
COLLECTION_FIELDS = ("speaker", "time", "order")
_collection_row = attrgetter(*COLLECTION_FIELDS)


def quote_rows(quotes: Sequence[Quote]) -> list[tuple[Any, ...]]:
    """The `COLLECTION_FIELDS` of each quote, to compare with after the collection steps."""
    return list(map(_collection_row, quotes))


def quote_changes(
    before: Sequence[tuple[Any, ...]], quotes: Sequence[Quote]
) -> list[tuple[Any, ...]]:
    """What the collection-wide steps changed in quotes (merged speaker ids, mostly), as
    (index, field, value), so a warm open replays them instead of re-running the steps."""
    after = map(_collection_row, quotes)
    return [
        (index, name, value)
        for index, (old, new) in enumerate(zip(before, after, strict=True))
        if new != old
        for name, value, was in zip(COLLECTION_FIELDS, new, old, strict=True)
        if value != was
    ]


def _columns(items: Sequence[Any], names: Sequence[str]) -> list[list[Any]]:
    return [[getattr(item, name) for item in items] for name in names]


def encode_collection(
    speakers: Sequence[Speaker],
    links: Sequence[Link],
    shifts: Sequence[Shift],
    changes: Sequence[tuple[Any, ...]],
) -> bytes:
    """Collection-wide results, column-wise: `map(Link, *columns)` is the quickest rebuild."""
    return _pack(
        [
            _columns(speakers, _SPEAKER_FIELDS),
            _columns(links, _LINK_FIELDS),
            _columns(shifts, _SHIFT_FIELDS),
            list(changes),
        ]
    )


def decode_collection(
    payload: bytes, quotes: Sequence[Quote]
) -> tuple[list[Speaker], list[Link], list[Shift]]:
    """Speakers, links and shifts, with the recorded quote changes applied to `quotes`."""
    try:
        speaker_columns, link_columns, shift_columns, changes = _unpack(payload)
        speakers = list(map(Speaker, *speaker_columns))
        links = list(map(Link, *link_columns))
        shifts = list(map(Shift, *shift_columns))
        indices = list(map(itemgetter(0), changes))
        if indices and (min(indices) < 0 or max(indices) >= len(quotes)):
            raise DamagedPayload("quote index out of range")
    except (TypeError, ValueError, IndexError) as error:
        raise DamagedPayload(str(error)) from None
    for index, name, value in changes:
        setattr(quotes[index], name, value)
    return speakers, links, shifts


# --- the database ------------------------------------------------------------------------------

# `files` keeps its rowid: its payloads are stored in insertion order, so a cold open appends
# them. Stored in the primary key's order (WITHOUT ROWID), each commit of a cold open rewrote
# pages scattered by hash, several times the payloads' size (4.5 s of writes at 10,000
# articles, against 0.7 s appended; docs/performance.md).
_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS stats (
    path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, ctime_ns INTEGER, ino INTEGER,
    hash TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    analyser TEXT, hash TEXT, display TEXT, payload BLOB NOT NULL, used INTEGER NOT NULL,
    PRIMARY KEY (analyser, hash, display));
CREATE TABLE IF NOT EXISTS collections (
    key TEXT PRIMARY KEY, payload BLOB NOT NULL, used INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS matches (
    key TEXT PRIMARY KEY, payload BLOB NOT NULL, used INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS indexes (
    key TEXT PRIMARY KEY, payload BLOB NOT NULL, used INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS files_used ON files (used);
"""

_TABLE_NAMES = ("meta", "stats", "files", "collections", "matches", "indexes")

StatKey = tuple[int, int, int, int]


def stat_key(stat: Any) -> StatKey:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


def _today() -> int:
    return int(time.time() // 86400)


class CacheUnavailable(Exception):
    """The cache cannot be used right now; the message says why, for the one warning."""


class Store:
    """An open cache, or, once it has failed, a cache that misses and drops writes.

    Every public method is safe to call in any state: failures turn into one warning and
    bypass, so callers never handle SQLite errors themselves.
    """

    def __init__(
        self, path: Path | None = None, *, warn: Warn = _ignore, timeout: float | None = None
    ) -> None:
        self.path = path or cache_path()
        self._warn = warn
        self._timeout = BUSY_TIMEOUT if timeout is None else timeout
        self._conn: sqlite3.Connection | None = None
        self._rebuilt = False
        self._wrote = False
        self._pending_files: list[tuple[str, str, str, bytes, int]] = []
        self._pending_stats: list[tuple[str, int, int, int, int, str]] = []
        self._touched: list[tuple[str, str, str]] = []
        self._touched_collections: list[str] = []
        self._open()

    # -- lifecycle

    @property
    def usable(self) -> bool:
        return self._conn is not None

    def _open(self) -> None:
        try:
            self._conn = self._connect()
        except (sqlite3.Error, CacheUnavailable) as error:
            self._failed(error)

    def _connect(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CacheUnavailable(f"cannot create {self.path.parent}: {error.strerror}") from None
        conn = sqlite3.connect(self.path, timeout=self._timeout, isolation_level=None)
        try:
            # Payloads are ~7 KB blobs read 10,000 at a time: large pages (only settable on a
            # new database) and memory-mapped reads fetch them 4x faster (docs/performance.md).
            conn.execute("PRAGMA page_size=65536")
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
            if _schema(conn) != str(SCHEMA_VERSION):
                with _transaction(conn):
                    if _schema(conn) != str(SCHEMA_VERSION):  # another reader may have won
                        for table in _TABLE_NAMES:
                            conn.execute(f"DROP TABLE IF EXISTS {table}")
                        for statement in _TABLES.split(";"):
                            if statement.strip():
                                conn.execute(statement)
                        conn.execute(
                            "INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),)
                        )
        except BaseException:
            conn.close()
            raise
        return conn

    def _failed(self, error: BaseException) -> None:
        """Turn any cache failure into a warning, rebuilding a corrupt database once."""
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None
        self._pending_files.clear()
        self._pending_stats.clear()
        self._touched.clear()
        self._touched_collections.clear()
        name = getattr(error, "sqlite_errorname", "")
        if isinstance(error, CacheUnavailable):
            self._warn(f"cache: {error}; continuing without it")
        elif name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
            self._warn(f"cache: {self.path} is locked by another program; continuing without it")
        elif name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) and not self._rebuilt:
            self._rebuilt = True
            self._warn(f"cache: {self.path} is damaged ({error}); rebuilding it")
            for suffix in _SIDECARS:
                try:
                    self.path.with_name(self.path.name + suffix).unlink()
                except FileNotFoundError:
                    pass
                except OSError as os_error:
                    self._warn(f"cache: cannot remove {self.path}: {os_error.strerror}")
                    return
            self._open()
        else:
            self._warn(f"cache: {self.path} cannot be used ({error}); continuing without it")

    def close(self) -> None:
        """Write what is pending, prune old rows, close. Safe to call twice."""
        self.flush()
        if self._conn is None:
            return
        if self._wrote:  # prune only in runs that write anyway: a warm open stays read-only
            cutoff = _today() - KEEP_DAYS
            self._write(lambda conn: conn.execute("DELETE FROM files WHERE used < ?", (cutoff,)))
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- reads

    def stats(self, paths: Sequence[str]) -> dict[str, tuple[StatKey, str]]:
        """Recorded (stat, hash) per absolute path, to skip hashing files that did not change."""
        found: dict[str, tuple[StatKey, str]] = {}
        for chunk in _chunks(paths, 900):
            rows = self._query(
                "SELECT path, size, mtime_ns, ctime_ns, ino, hash FROM stats WHERE path IN "
                f"({','.join('?' * len(chunk))})",
                chunk,
            )
            for path, size, mtime, ctime, ino, file_hash in rows:
                found[path] = ((size, mtime, ctime, ino), file_hash)
        return found

    def files(self, analyser: str, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], bytes]:
        """Cached payloads for (hash, display path) keys under one analyser."""
        found: dict[tuple[str, str], bytes] = {}
        hashes = sorted({file_hash for file_hash, _display in keys})
        wanted = set(keys)
        today = _today()
        for chunk in _chunks(hashes, 900):
            rows = self._query(
                "SELECT hash, display, payload, used FROM files WHERE analyser = ? AND hash IN "
                f"({','.join('?' * len(chunk))})",
                [analyser, *chunk],
            )
            for file_hash, display, payload, used in rows:
                if (file_hash, display) in wanted:
                    found[file_hash, display] = payload
                    if used < today:
                        self._touched.append((analyser, file_hash, display))
        return found

    def collection(self, key: str) -> bytes | None:
        rows = self._query("SELECT payload, used FROM collections WHERE key = ?", [key])
        if not rows:
            return None
        payload, used = rows[0]
        if used < time.time() - 86400:  # keep it among the most recently used, at most daily
            self._touched_collections.append(key)
        return payload

    def matches(self, identity: str) -> Any:
        """The text matches last stored for a collection (`put_matches`), or None."""
        return self._plain("matches", identity)

    def search_index(self, key: str) -> Any:
        """The search index stored for a collection state (`put_search_index`), or None."""
        return self._plain("indexes", key)

    def _plain(self, table: str, key: str) -> Any:
        rows = self._query(f"SELECT payload FROM {table} WHERE key = ?", [key])
        if not rows:
            return None
        try:
            return _unpack(rows[0][0])
        except DamagedPayload:
            return None

    def _query(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        if self._conn is None:
            return []
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as error:
            self._failed(error)
            return []

    # -- writes (buffered; `flush` commits them in one transaction)

    def put_stat(self, path: str, key: StatKey, file_hash: str) -> None:
        if self._conn is not None:
            self._pending_stats.append((path, *key, file_hash))

    def put_file(self, analyser: str, file_hash: str, display: str, payload: bytes) -> None:
        if self._conn is not None:
            self._pending_files.append((analyser, file_hash, display, payload, _today()))

    def put_collection(self, key: str, payload: bytes) -> None:
        """Store collection-wide results, keeping only the KEEP_COLLECTIONS most recently used:
        each edit of a collection makes a new entry (10 MB at 10,000 articles), and only the
        latest state of each collection is worth keeping."""
        self._put_recent("collections", key, payload, KEEP_COLLECTIONS)

    def put_matches(self, identity: str, data: Any) -> None:
        """Store a collection's text matches (plain data), replacing its previous ones."""
        self._put_recent("matches", identity, _pack(data), KEEP_COLLECTIONS)

    def put_search_index(self, key: str, data: Any) -> None:
        """Store a search index (plain data), keeping the KEEP_INDEXES most recent."""
        self._put_recent("indexes", key, _pack(data), KEEP_INDEXES)

    def _put_recent(self, table: str, key: str, payload: bytes, keep: int) -> None:
        if self._conn is None:
            return
        self.flush()

        def write(conn: sqlite3.Connection) -> None:
            conn.execute(
                f"INSERT OR REPLACE INTO {table} VALUES (?, ?, ?)", (key, payload, time.time())
            )
            conn.execute(
                f"DELETE FROM {table} WHERE key NOT IN "
                f"(SELECT key FROM {table} ORDER BY used DESC LIMIT ?)",
                (keep,),
            )

        self._write(write)

    def flush(self) -> None:
        """Commit buffered rows as one transaction: all of the batch lands, or none of it."""
        if self._conn is None or not (
            self._pending_files or self._pending_stats or self._touched or self._touched_collections
        ):
            return
        files, stats, touched = self._pending_files, self._pending_stats, self._touched
        collections = self._touched_collections
        self._pending_files, self._pending_stats, self._touched = [], [], []
        self._touched_collections = []

        def write(conn: sqlite3.Connection) -> None:
            conn.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)", files)
            conn.executemany("INSERT OR REPLACE INTO stats VALUES (?, ?, ?, ?, ?, ?)", stats)
            conn.executemany(
                "UPDATE files SET used = ? WHERE analyser = ? AND hash = ? AND display = ?",
                [(_today(), *key) for key in touched],
            )
            conn.executemany(
                "UPDATE collections SET used = ? WHERE key = ?",
                [(time.time(), key) for key in collections],
            )

        self._write(write)

    def _write(self, action: Callable[[sqlite3.Connection], Any]) -> None:
        conn = self._conn
        if conn is None:
            return
        try:
            with _transaction(conn):
                action(conn)
            self._wrote = True
        except sqlite3.Error as error:
            self._failed(error)


class _transaction:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any exception including KeyboardInterrupt."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: type[BaseException] | None, *_rest: object) -> None:
        if exc_type is None:
            self.conn.execute("COMMIT")
        elif self.conn.in_transaction:
            self.conn.execute("ROLLBACK")


def _schema(conn: sqlite3.Connection) -> str | None:
    """The schema version a database was built with; None for a new (or foreign) one."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name='meta'").fetchone() is None:
        return None
    row = conn.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
    return row[0] if row else None


def _chunks(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
