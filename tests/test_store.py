"""The analysis cache on its own: payload round trips, damage, locks, concurrent writers."""

from __future__ import annotations

import multiprocessing
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import reader
from reader import store
from reader.model import Article, Block, Link, Quote, Shift, Speaker

# Never the user's cache: each test gets its own (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("cache_dir")


def sample() -> tuple[list[Article], list[Quote]]:
    text = (
        "Title\n\n\u201cWe will never accept it,\u201d she said. Emoji \U0001f600 \u201cend\u201d"
    )
    article = Article(
        id="a1",
        path="news/a1.txt",
        text=text,
        title="Title",
        date="2023-08-16",
        author="Jo Doe",
        blocks=[Block(0, 5, "title"), Block(7, len(text), "body")],
    )
    start = text.index("We")
    quotes = [
        Quote(
            id="a1:q1",
            article="a1",
            start=start,
            end=start + 23,
            text=text[start : start + 23],
            speaker="jo",
            stance="oppose",
            stance_score=0.8125,
            cues=["never accept"],
            speaker_name="Jo Doe",
            speaker_role="minister",
            speaker_kind="person",
            attribution=(start + 25, start + 33),
            block=1,
            open_ended=True,
            time="2023-08-16",
            order=3.5,
            on_topic=True,
        ),
        # Text that is not its slice (never expected, but the cache must not "fix" it).
        Quote(id="a1:q2", article="a1", start=0, end=5, text="other", kind="scare"),
    ]
    return [article], quotes


def test_file_payload_round_trips_every_field() -> None:
    articles, quotes = sample()
    payload = store.encode_file(articles, quotes, ["a1.txt: invalid UTF-8 replaced"])
    again_articles, again_quotes, warnings = store.decode_file(payload)
    assert again_articles == articles
    assert again_quotes == quotes
    assert isinstance(again_quotes[0].attribution, tuple)
    assert warnings == ["a1.txt: invalid UTF-8 replaced"]
    # The article slice is not stored twice.
    assert payload.count(b"We will never accept it") == 1


@pytest.mark.parametrize("position", [0, 5, 40, -1])
def test_damaged_payload_is_reported_not_misread(position: int) -> None:
    articles, quotes = sample()
    payload = bytearray(store.encode_file(articles, quotes, []))
    payload[position] ^= 0x55
    with pytest.raises(store.DamagedPayload):
        store.decode_file(bytes(payload))
    with pytest.raises(store.DamagedPayload):
        store.decode_file(b"short")


def test_collection_payload_replays_changes_to_quotes() -> None:
    articles, quotes = sample()
    before = store.quote_rows(quotes)
    quotes[0].speaker = "jo-doe"
    quotes[1].time, quotes[1].order = "2023-08-15", 19584.5
    changes = store.quote_changes(before, quotes)
    assert changes == [(0, "speaker", "jo-doe"), (1, "time", "2023-08-15"), (1, "order", 19584.5)]
    speakers = [Speaker("jo-doe", "Jo Doe", ["Doe"], "minister", 1)]
    links = [Link("a1:q2", "a1:q1", "rebuttal", 71.25)]
    shifts = [Shift("jo-doe", "a1:q1", "a1:q2", "support", "retract")]
    payload = store.encode_collection(speakers, links, shifts, changes)

    _, fresh = sample()
    got = store.decode_collection(payload, fresh)
    assert got == (speakers, links, shifts)
    assert fresh == quotes
    with pytest.raises(store.DamagedPayload):  # changes for quotes that are not there
        store.decode_collection(payload, fresh[:1])


@pytest.mark.parametrize("changes", [[(-1, "speaker", "x")], [()], [7], [("0", "speaker", "x")]])
def test_malformed_quote_changes_are_damage_and_change_nothing(changes: list) -> None:
    payload = store.encode_collection([], [], [], changes)
    _, fresh = sample()
    untouched = store.quote_rows(fresh)
    with pytest.raises(store.DamagedPayload):
        store.decode_collection(payload, fresh)
    assert store.quote_rows(fresh) == untouched


def test_results_persist_across_opens(cache_dir: Path) -> None:
    with store.Store() as db:
        assert db.usable
        db.put_file("an", "h1", "a.txt", b"payload-1")
        db.put_stat("/x/a.txt", (10, 20, 30, 40), "h1")
        db.put_collection("c1", b"collection-1")
    assert (cache_dir / store.CACHE_NAME).exists()
    with store.Store() as db:
        assert db.files("an", [("h1", "a.txt"), ("h2", "b.txt")]) == {("h1", "a.txt"): b"payload-1"}
        assert db.files("other", [("h1", "a.txt")]) == {}
        assert db.files("an", [("h1", "elsewhere/a.txt")]) == {}
        assert db.stats(["/x/a.txt", "/x/b.txt"]) == {"/x/a.txt": ((10, 20, 30, 40), "h1")}
        assert db.collection("c1") == b"collection-1"
        assert db.collection("c2") is None


def test_many_keys_are_looked_up_in_chunks() -> None:
    keys = [(f"h{i}", f"f{i}.txt") for i in range(2000)]
    with store.Store() as db:
        for file_hash, display in keys:
            db.put_file("an", file_hash, display, display.encode())
    with store.Store() as db:
        found = db.files("an", keys)
    assert len(found) == 2000 and found["h1999", "f1999.txt"] == b"f1999.txt"


def test_payloads_are_stored_in_the_order_they_come(cache_dir: Path) -> None:
    # Appended, not filed by hash: a cold open's commits then write each page once (see the
    # schema's comment), however the content hashes of a folder's files are ordered.
    displays = [f"f{i}.txt" for i in range(50)]
    with store.Store() as db:
        for n, display in enumerate(displays):
            db.put_file("an", f"{1000 - n:x}", display, display.encode())
    conn = sqlite3.connect(cache_dir / store.CACHE_NAME)
    try:
        stored = [row[0] for row in conn.execute("SELECT display FROM files ORDER BY rowid")]
    finally:
        conn.close()
    assert stored == displays


def test_garbage_cache_file_is_rebuilt_with_a_warning(cache_dir: Path) -> None:
    cache_dir.mkdir()
    path = cache_dir / store.CACHE_NAME
    path.write_bytes(b"this is not a database at all\x00\xff" * 200)
    warnings: list[str] = []
    with store.Store(warn=warnings.append) as db:
        assert db.usable
        db.put_file("an", "h", "a.txt", b"p")
    assert len(warnings) == 1 and "damaged" in warnings[0] and "rebuilding" in warnings[0]
    with store.Store(warn=warnings.append) as db:
        assert db.files("an", [("h", "a.txt")]) == {("h", "a.txt"): b"p"}
    assert len(warnings) == 1


def test_truncated_cache_file_is_rebuilt(cache_dir: Path) -> None:
    with store.Store() as db:
        for i in range(300):
            db.put_file("an", f"h{i}", "a.txt", b"x" * 2000)
    path = cache_dir / store.CACHE_NAME
    data = path.read_bytes()
    path.write_bytes(data[:4096] + b"\x00" * 1000 + data[8192:])
    warnings: list[str] = []
    with store.Store(warn=warnings.append) as db:
        db.files("an", [(f"h{i}", "a.txt") for i in range(300)])
        db.put_file("an", "new", "a.txt", b"p")
    with store.Store(warn=warnings.append) as db:
        assert db.files("an", [("new", "a.txt")]) == {("new", "a.txt"): b"p"}
    assert any("damaged" in message for message in warnings)


def _hold_exclusive_lock(path: Path) -> sqlite3.Connection:
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO meta VALUES ('held', 'yes')")
    return holder


def test_locked_cache_is_bypassed_with_a_warning(cache_dir: Path) -> None:
    with store.Store() as db:
        db.put_file("an", "h", "a.txt", b"p")
    holder = _hold_exclusive_lock(cache_dir / store.CACHE_NAME)
    try:
        warnings: list[str] = []
        with store.Store(warn=warnings.append, timeout=0.05) as db:
            assert db.files("an", [("h", "a.txt")]) == {}
            db.put_file("an", "h2", "b.txt", b"q")
            db.flush()
        assert len(warnings) == 1 and "locked" in warnings[0]
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with store.Store() as db:  # the lock's holder did no harm, and the bypass wrote nothing
        assert db.files("an", [("h", "a.txt"), ("h2", "b.txt")]) == {("h", "a.txt"): b"p"}


def test_lock_taken_mid_run_drops_writes_with_a_warning(cache_dir: Path) -> None:
    warnings: list[str] = []
    db = store.Store(warn=warnings.append, timeout=0.05)
    db.put_file("an", "h1", "a.txt", b"p")
    db.flush()
    holder = sqlite3.connect(cache_dir / store.CACHE_NAME, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another reader in the middle of a long write
    holder.execute("INSERT INTO meta VALUES ('held', 'yes')")
    try:
        db.put_file("an", "h2", "b.txt", b"q")
        db.flush()
        db.put_collection("c", b"x")
        db.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert len(warnings) == 1 and "locked" in warnings[0]
    with store.Store() as again:
        assert again.files("an", [("h1", "a.txt"), ("h2", "b.txt")]) == {("h1", "a.txt"): b"p"}


def test_unusable_cache_directory_is_bypassed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("STANCE_READER_CACHE_DIR", str(blocker / "cache"))
    warnings: list[str] = []
    with store.Store(warn=warnings.append) as db:
        assert not db.usable
        db.put_file("an", "h", "a.txt", b"p")
        assert db.files("an", [("h", "a.txt")]) == {}
    assert len(warnings) == 1 and "continuing without it" in warnings[0]


def test_older_schema_is_dropped(cache_dir: Path) -> None:
    with store.Store() as db:
        db.put_file("an", "h", "a.txt", b"p")
    conn = sqlite3.connect(cache_dir / store.CACHE_NAME)
    with conn:
        conn.execute("UPDATE meta SET value = '0' WHERE key = 'schema'")
    conn.close()
    with store.Store() as db:
        assert db.files("an", [("h", "a.txt")]) == {}


def test_clear_cache_removes_the_database(cache_dir: Path) -> None:
    assert store.clear_cache() is None
    with store.Store() as db:
        db.put_file("an", "h", "a.txt", b"p")
    assert store.clear_cache() == cache_dir / store.CACHE_NAME
    assert not any(cache_dir.iterdir())
    with store.Store() as db:
        assert db.files("an", [("h", "a.txt")]) == {}


@dataclass
class FakeSettings:
    name: str | None = None
    topic: str | None = None
    terms: set[str] = field(default_factory=set)


def test_analyser_key_follows_version_and_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    base = store.analyser_key(FakeSettings(topic="ports", terms={"dock", "port", "harbour"}))
    same = store.analyser_key(FakeSettings(topic="ports", terms={"harbour", "port", "dock"}))
    assert base == same
    assert store.analyser_key(FakeSettings(topic="dams")) != base
    monkeypatch.setattr(reader, "ANALYSER_VERSION", reader.ANALYSER_VERSION + "-next")
    assert (
        store.analyser_key(FakeSettings(topic="ports", terms={"dock", "port", "harbour"})) != base
    )


def _writer(path: str, tag: str, count: int) -> None:
    db = store.Store(Path(path))
    for i in range(count):
        db.put_file("an", f"{tag}{i}", "a.txt", f"{tag}-{i}".encode() * 50)
        if i % 5 == 4:
            db.flush()
        if i % 7 == 0:
            db.files("an", [(f"{tag}{i}", "a.txt")])
    db.close()


def test_two_processes_writing_at_once_keep_it_valid(cache_dir: Path) -> None:
    path = cache_dir / store.CACHE_NAME
    store.Store(path).close()
    context = multiprocessing.get_context("spawn")
    procs = [context.Process(target=_writer, args=(str(path), tag, 150)) for tag in "ab"]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(60)
        assert proc.exitcode == 0
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("SELECT count(*) FROM files").fetchone() == (300,)
    conn.close()


def test_only_the_most_recent_collections_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "KEEP_COLLECTIONS", 3)
    with store.Store() as db:
        for index in range(5):
            db.put_collection(f"c{index}", b"x")
    with store.Store() as db:
        assert [db.collection(f"c{index}") for index in range(5)] == [None, None, b"x", b"x", b"x"]


def test_files_unused_for_long_are_pruned_by_a_run_that_writes(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with store.Store() as db:
        db.put_file("an", "old", "a.txt", b"p")
    conn = sqlite3.connect(cache_dir / store.CACHE_NAME)
    with conn:
        conn.execute("UPDATE files SET used = used - ?", (store.KEEP_DAYS + 1,))
    conn.close()
    with store.Store() as db:  # read-only: prunes nothing
        assert db.files("an", [("old", "a.txt")]) == {("old", "a.txt"): b"p"}
    with store.Store() as db:  # that read brought it back into use
        db.put_file("an", "new", "b.txt", b"q")
    with store.Store() as db:
        assert db.files("an", [("old", "a.txt")]) == {("old", "a.txt"): b"p"}
    conn = sqlite3.connect(cache_dir / store.CACHE_NAME)
    with conn:
        conn.execute("UPDATE files SET used = used - ? WHERE hash = 'old'", (store.KEEP_DAYS + 1,))
    conn.close()
    with store.Store() as db:
        db.put_file("an", "newer", "c.txt", b"r")
    with store.Store() as db:
        assert db.files("an", [("old", "a.txt"), ("newer", "c.txt")]) == {("newer", "c.txt"): b"r"}
