"""The search index kept in the cache, or built with a helper: it finds exactly what an index
built at once finds."""

from __future__ import annotations

import shutil
import threading
import time
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from reader import indexing, pipeline, search, store
from reader.indexing import keep_index, stored_index
from reader.resources import default_collection
from reader.search import SearchIndex

# Whole words, prefixes (the two-letter one is filtered on the folded text), inner matches,
# a near spelling, accents folded, a speaker's alias, and two words.
QUERIES = ("mistake", "te", "terri", "rritor", "podoliak", "zelenskyy", "nato member", "Jens")

# Never the user's cache: each test gets its own (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("cache_dir")


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(default_collection(), folder)
    return folder


def outcome(index: SearchIndex) -> list[object]:
    found = []
    for query in QUERIES:
        results = index.search(query)
        found.append(
            (
                results.total,
                [
                    (h.kind, h.article_id, h.quote_id, h.speaker_id, h.start, h.end)
                    for h in results.hits
                ],
                [h.label_for(40) for h in results.hits],
            )
        )
    return found


def test_a_restored_index_finds_what_a_fresh_one_finds(seeds: Path) -> None:
    analysis = pipeline.analyse([seeds])
    fresh = SearchIndex(analysis)
    # Through the cache's own encoding, as it is stored.
    stored = store._unpack(store._pack(fresh.to_plain()))
    restored = SearchIndex(analysis, stored)
    assert outcome(restored) == outcome(fresh)
    assert any(total for total, _, _ in outcome(fresh))


def test_an_index_that_does_not_fit_the_analysis_is_refused(seeds: Path) -> None:
    analysis = pipeline.analyse([seeds])
    plain = SearchIndex(analysis).to_plain()
    plain["quote"][0] += 1  # indexed for one more quote than there is
    with pytest.raises(ValueError):
        SearchIndex(analysis, plain)
    with pytest.raises(ValueError):
        SearchIndex(analysis, ["not", "an", "index"])


def test_the_index_is_kept_per_state_of_the_collection(seeds: Path, monkeypatch) -> None:
    warnings: list[str] = []
    analysis = pipeline.analyse([seeds])
    assert analysis.key is not None
    assert stored_index(analysis, warnings.append) is None
    fresh = SearchIndex(analysis)
    keep_index(analysis, fresh, warnings.append)

    again = pipeline.analyse([seeds])
    assert again.key == analysis.key

    def no_building(*_args: object) -> None:
        raise AssertionError("the index was built, not read back")

    with monkeypatch.context() as patched:
        patched.setattr(search._Kind, "build", no_building)
        restored = stored_index(again, warnings.append)
    assert restored is not None
    assert outcome(restored) == outcome(fresh)

    # An edited article is another state of the collection: its index is not the old one.
    edited = next(seeds.glob("001_*.txt"))
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    changed = pipeline.analyse([seeds])
    assert changed.key != analysis.key
    assert stored_index(changed, warnings.append) is None
    assert warnings == []


def test_a_damaged_index_is_a_miss(seeds: Path, cache_dir: Path) -> None:
    analysis = pipeline.analyse([seeds])
    keep_index(analysis, SearchIndex(analysis), print)
    with store.Store() as db:
        db._conn.execute("UPDATE indexes SET payload = substr(payload, 1, 100)")
    assert stored_index(analysis, print) is None


def test_without_the_cache_an_analysis_has_no_key(seeds: Path) -> None:
    analysis = pipeline.analyse([seeds], use_cache=False)
    assert analysis.key is None
    assert stored_index(analysis, print) is None


def test_a_helper_indexes_the_articles_to_the_same_index(seeds: Path, monkeypatch) -> None:
    analysis = pipeline.analyse([seeds])
    monkeypatch.setattr(indexing, "HELPER_MIN_CHARS", 0)
    monkeypatch.setattr(indexing, "usable_cores", lambda: 2)
    helped = indexing.build_index(analysis)
    assert outcome(helped) == outcome(SearchIndex(analysis))


@pytest.mark.parametrize("failure", ["dies", "cannot start"])
def test_articles_are_indexed_here_when_the_helper_fails(
    seeds: Path, monkeypatch, failure: str
) -> None:
    analysis = pipeline.analyse([seeds])

    class FailingHelper:
        def __init__(self, **_options: object) -> None:
            pass

        def submit(self, *_job: object) -> Future:
            if failure == "cannot start":
                raise OSError("no more processes")
            future: Future = Future()
            future.set_exception(BrokenProcessPool("the helper died"))
            return future

        def shutdown(self, **_options: object) -> None:
            pass

    monkeypatch.setattr(indexing, "HELPER_MIN_CHARS", 0)
    monkeypatch.setattr(indexing, "usable_cores", lambda: 2)
    monkeypatch.setattr(indexing, "ProcessPoolExecutor", FailingHelper)
    assert outcome(indexing.build_index(analysis)) == outcome(SearchIndex(analysis))


def test_quitting_stops_the_build_while_the_helper_indexes(seeds: Path, monkeypatch) -> None:
    """The checkpoint is called while the helper's part is awaited: a user who quits does not
    wait for the helper (seconds for 10,000 articles), which is let go."""
    analysis = pipeline.analyse([seeds])
    busy: Future = Future()
    threading.Timer(30, busy.set_result, [None]).start()  # a helper that answers in 30 s

    class BusyHelper:
        def __init__(self, **_options: object) -> None:
            self.stopped = False

        def submit(self, *_job: object) -> Future:
            return busy

        def shutdown(self, **_options: object) -> None:
            self.stopped = True

    helpers: list[BusyHelper] = []
    monkeypatch.setattr(indexing, "HELPER_MIN_CHARS", 0)
    monkeypatch.setattr(indexing, "usable_cores", lambda: 2)
    monkeypatch.setattr(
        indexing, "ProcessPoolExecutor", lambda **o: helpers.append(BusyHelper()) or helpers[-1]
    )
    calls: list[float] = []

    def quit_in_a_second() -> None:
        calls.append(time.monotonic())
        if calls[-1] - calls[0] > 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        indexing.build_index(analysis, quit_in_a_second)
    assert calls[-1] - calls[0] < 5
    assert helpers and helpers[0].stopped
