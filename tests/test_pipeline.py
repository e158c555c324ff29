"""`analyse`: the cache (hits, misses, damage, locks, Ctrl+C), the process pool, and callbacks.

How many files were analysed is counted by wrapping `reader.analyser.analyse_file` (the
in-process path), never by timing.
"""

from __future__ import annotations

import copy
import dataclasses
import gc
import json
import multiprocessing
import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import reader
from reader import analyser, ingest, pipeline, store
from reader.checkpoints import no_checkpoint
from reader.model import Quote
from reader.resources import default_collection

# Never the user's cache: each test gets its own (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("cache_dir")

ARTICLE = """{title}

By Ana Lind
Published: 2023-08-{day:02d}

The {place} council met on Tuesday to discuss the harbour plan.

\u201cWe will never accept a plan to sell the {place} port,\u201d said Mira Holm, the mayor of \
{place}. \u201cIt is ridiculous.\u201d

Lars Berg, a minister, said: "I think that a solution could be to sell the terminal in {place}."

Related:
- More on {place}
"""
PLACES = ["Alta", "Bodo", "Dalen", "Fjell", "Gol", "Hamar", "Kvam", "Lom", "Mo", "Os", "Rena"]


def write_article(folder: Path, index: int, place: str | None = None) -> Path:
    place = place or PLACES[index % len(PLACES)]
    path = folder / f"{index:03d}_{place.lower()}.txt"
    path.write_text(
        ARTICLE.format(title=f"Harbour row in {place}", day=1 + index % 28, place=place),
        encoding="utf-8",
    )
    return path


def many_articles(tmp_path: Path, count: int, name: str = "many") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for index in range(count):
        write_article(folder, index)
    return folder


@pytest.fixture
def news(tmp_path: Path) -> Path:
    return many_articles(tmp_path, 6, "news")


@pytest.fixture
def analysed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Paths analysed in this process, in order: wraps the real `analyse_file`."""
    calls: list[str] = []
    real = analyser.analyse_file

    def counting(path: str, settings: object) -> tuple[bytes, bool]:
        calls.append(Path(path).name)
        return real(path, settings)  # type: ignore[arg-type]

    monkeypatch.setattr(analyser, "analyse_file", counting)
    return calls


def run(folder: Path, **options: object) -> tuple[dict, list[str]]:
    warnings: list[str] = []
    options.setdefault("workers", 1)
    result = pipeline.analyse([folder], warn=warnings.append, **options)  # type: ignore[arg-type]
    return full_json(result), warnings


def full_json(analysis: reader.model.Analysis) -> dict:
    """The public JSON plus every non-contract quote field: equal means equal everywhere."""
    data = json.loads(json.dumps(analysis.to_json()))
    data["quote_detail"] = [repr(q) for q in analysis.quotes]
    data["article_text"] = [a.text for a in analysis.articles]
    return data


def test_unchanged_collection_is_read_from_the_cache(news: Path, analysed: list[str]) -> None:
    cold, _ = run(news)
    assert len(analysed) == 6
    assert cold["quotes"], "the sample articles have quotes"
    warm, _ = run(news)
    assert len(analysed) == 6  # nothing analysed again
    assert warm == cold


def test_only_changed_added_and_removed_files_are_reanalysed(
    news: Path, analysed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    run(news)
    analysed.clear()
    monkeypatch.setattr(pipeline, "FIRST_LOOKUP", 1)  # hits and misses across batches
    monkeypatch.setattr(pipeline, "LOOKUP_BATCH", 2)

    changed = sorted(news.iterdir())[2]
    changed.write_text(changed.read_text(encoding="utf-8").replace("Tuesday", "Monday"))
    added = write_article(news, 40, "Voss")
    sorted(news.iterdir())[0].unlink()
    warm, _ = run(news)
    assert sorted(analysed) == sorted([changed.name, added.name])

    analysed.clear()
    fresh, _ = run(news, use_cache=False)
    assert len(analysed) == 6
    assert warm == fresh  # the incremental result is the result of a full analysis


def test_version_bump_invalidates_every_entry(
    news: Path, analysed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    run(news)
    monkeypatch.setattr(reader, "ANALYSER_VERSION", reader.ANALYSER_VERSION + ".1")
    run(news)
    assert len(analysed) == 12


def test_no_cache_neither_reads_nor_writes_it(
    news: Path, analysed: list[str], cache_dir: Path
) -> None:
    run(news, use_cache=False)
    run(news, use_cache=False)
    assert len(analysed) == 12
    assert not cache_dir.exists()


def test_corrupt_cache_is_rebuilt_with_a_warning(
    news: Path, analysed: list[str], cache_dir: Path
) -> None:
    reference, _ = run(news)
    (cache_dir / store.CACHE_NAME).write_bytes(b"\x00garbage\xff" * 4096)
    for suffix in ("-wal", "-shm"):
        (cache_dir / (store.CACHE_NAME + suffix)).unlink(missing_ok=True)
    again, warnings = run(news)
    assert again == reference
    assert [w for w in warnings if w.startswith("cache:")] == [
        f"cache: {cache_dir / store.CACHE_NAME} is damaged (file is not a database); rebuilding it"
    ]
    analysed.clear()
    _, warnings = run(news)
    assert analysed == [] and not [w for w in warnings if w.startswith("cache:")]


def test_damaged_cache_row_is_reanalysed(news: Path, analysed: list[str], cache_dir: Path) -> None:
    reference, _ = run(news)
    conn = sqlite3.connect(cache_dir / store.CACHE_NAME)
    with conn:
        conn.execute(
            "UPDATE files SET payload = substr(payload, 1, 100) WHERE display LIKE '%001_%'"
        )
        conn.execute("DELETE FROM collections")
    conn.close()
    analysed.clear()
    again, _ = run(news)
    assert [name[:3] for name in analysed] == ["001"]
    assert again == reference


def test_locked_cache_gives_a_warning_and_the_analysis(
    news: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reference, _ = run(news)
    monkeypatch.setattr(store, "BUSY_TIMEOUT", 0.05)
    holder = sqlite3.connect(cache_dir / store.CACHE_NAME, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("DELETE FROM collections")
    try:
        again, warnings = run(news)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert again == reference
    assert [w for w in warnings if w.startswith("cache:")] == [
        f"cache: {cache_dir / store.CACHE_NAME} is locked by another program; continuing without it"
    ]


def test_parallel_and_sequential_give_identical_results(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = many_articles(tmp_path, 14)
    monkeypatch.setattr(pipeline, "POOL_MIN_FILES", 2)
    monkeypatch.setattr(pipeline, "MAX_CHUNK", 3)
    sequential, _ = run(folder, use_cache=False, workers=1)
    seen: list[str] = []
    progress: list[tuple[int, int]] = []
    parallel, warnings = run(
        folder,
        use_cache=False,
        workers=2,
        on_article=lambda article, quotes: seen.append(article.id),
        progress=lambda done, total: progress.append((done, total)),
    )
    assert parallel == sequential
    assert not [w for w in warnings if "workers stopped" in w]
    assert seen == [a["id"] for a in sequential["articles"]]
    assert progress[0] == (0, 14) and progress[-1] == (14, 14)
    assert [done for done, _ in progress] == sorted(done for done, _ in progress)
    # What the pool analysed was cached as it came in: a cached run agrees too.
    pooled, _ = run(folder, workers=2)
    cached, _ = run(folder, workers=1)
    assert pooled == cached == sequential


def test_workers_start_on_the_first_misses_while_the_rest_are_looked_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cold open does not hash every file before analysing any: the first batch's misses
    are sent to the workers before the next batch is looked up."""
    folder = many_articles(tmp_path, 10)
    monkeypatch.setattr(pipeline, "POOL_MIN_FILES", 2)
    monkeypatch.setattr(pipeline, "FIRST_LOOKUP", 2)
    monkeypatch.setattr(pipeline, "LOOKUP_BATCH", 4)
    events: list[str] = []
    real_lookup, real_pool = pipeline._Run._lookup, pipeline.ProcessPoolExecutor

    class Pool(real_pool):  # type: ignore[misc, valid-type]
        def submit(self, *args, **options):  # type: ignore[no-untyped-def]
            events.append("submit")
            return super().submit(*args, **options)

    def lookup(run: pipeline._Run, files: list[pipeline._File]) -> None:
        events.append("lookup")
        real_lookup(run, files)

    monkeypatch.setattr(pipeline._Run, "_lookup", lookup)
    monkeypatch.setattr(pipeline, "ProcessPoolExecutor", Pool)
    pooled, warnings = run(folder, workers=2)
    assert events.index("submit") < len(events) - 1 - events[::-1].index("lookup")
    assert events.count("lookup") == 3
    assert not [w for w in warnings if "workers stopped" in w]
    assert pooled == run(folder, use_cache=False, workers=1)[0]


def test_a_warm_open_shows_the_first_articles_before_it_checks_the_rest(
    news: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Discovery reads names only; each batch of files is `stat`ed and checked just before it
    is looked up, so 10,000 files are not all checked before the first articles are shown."""
    run(news)
    monkeypatch.setattr(pipeline, "FIRST_LOOKUP", 2)
    monkeypatch.setattr(pipeline, "LOOKUP_BATCH", 3)
    checked: list[int] = []
    real = pipeline.check_files

    def counting(candidates: list[str], *args: object) -> list[ingest.Found]:
        checked.append(len(candidates))
        return real(candidates, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "check_files", counting)
    when: list[int] = []
    warm, _ = run(news, on_article=lambda article, quotes: when.append(sum(checked)))
    assert checked == [2, 3, 1]
    assert when == [2, 2, 5, 5, 5, 6]
    assert warm == run(news, use_cache=False)[0]


def test_progress_counts_files_not_candidates_once_they_are_checked(
    news: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Names that turn out not to be articles (binary, or a second link to one file) are
    counted in the total only until their batch is checked."""
    (news / "900_binary.txt").write_bytes(b"\x00\x01binary\x00" * 10)
    os.link(sorted(news.iterdir())[0], news / "901_link.txt")
    monkeypatch.setattr(pipeline, "FIRST_LOOKUP", 2)
    monkeypatch.setattr(pipeline, "LOOKUP_BATCH", 3)
    progress: list[tuple[int, int]] = []
    for _ in range(2):  # cold, then warm
        progress.clear()
        _, warnings = run(news, progress=lambda done, total: progress.append((done, total)))
        assert progress[0] == (0, 8) and progress[-1] == (6, 6)
        assert all(done <= total for done, total in progress)
        assert [w for w in warnings if "binary" in w] == [
            f"skipped {news / '900_binary.txt'}: binary file, not an article (.txt)"
        ]


def test_progress_ends_at_nothing_when_no_name_is_an_article(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_bytes(b"\x00\x01binary\x00" * 10)
    for use_cache in (False, True):
        progress: list[tuple[int, int]] = []
        run(tmp_path, use_cache=use_cache, progress=lambda *p, seen=progress: seen.append(p))
        assert progress[0] == (0, 2) and progress[-1] == (0, 0)


def test_a_few_misses_in_a_large_collection_reach_every_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a few edits the pool starts before most files are looked up; those may all be
    cached, so the misses known so far are split between the workers, not sent as one."""
    folder = many_articles(tmp_path, 100)
    run(folder, workers=1)
    for path in sorted(folder.iterdir())[:4]:
        path.write_text(path.read_text(encoding="utf-8").replace("Tuesday", "Monday"))
    monkeypatch.setattr(pipeline, "POOL_MIN_FILES", 4)
    monkeypatch.setattr(pipeline, "FIRST_LOOKUP", 4)
    sizes: list[int] = []
    real_pool = pipeline.ProcessPoolExecutor

    class Pool(real_pool):  # type: ignore[misc, valid-type]
        def submit(self, function, paths, *args):  # type: ignore[no-untyped-def]
            sizes.append(len(paths))
            return super().submit(function, paths, *args)

    monkeypatch.setattr(pipeline, "ProcessPoolExecutor", Pool)
    edited, _ = run(folder, workers=2)
    assert sizes == [2, 2]
    assert edited == run(folder, use_cache=False, workers=1)[0]


def test_callbacks_follow_discovery_order(news: Path) -> None:
    seen: list[tuple[str, int]] = []
    result = pipeline.analyse(
        [news], workers=1, on_article=lambda article, quotes: seen.append((article.id, len(quotes)))
    )
    assert [article_id for article_id, _ in seen] == [a.id for a in result.articles]
    assert sum(count for _, count in seen) == len(result.quotes)


class Interrupt(KeyboardInterrupt):
    """Ctrl+C, pressed from a callback: it arrives in the calling thread, as a real one does."""


def interrupt_after(count: int) -> Callable[[object, object], None]:
    seen = []

    def on_article(article: object, quotes: object) -> None:
        seen.append(article)
        if len(seen) == count:
            raise Interrupt

    return on_article


@pytest.mark.parametrize("workers", [1, 2])
def test_interrupted_run_leaves_a_valid_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache_dir: Path, workers: int
) -> None:
    folder = many_articles(tmp_path, 12)
    monkeypatch.setattr(pipeline, "POOL_MIN_FILES", 2)
    monkeypatch.setattr(pipeline, "MAX_CHUNK", 2)
    monkeypatch.setattr(pipeline, "COMMIT_FILES", 2)
    with pytest.raises(Interrupt):
        pipeline.analyse([folder], workers=workers, on_article=interrupt_after(5))
    assert gc.isenabled()  # paused only while analysing
    conn = sqlite3.connect(cache_dir / store.CACHE_NAME)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    kept = conn.execute("SELECT count(*) FROM files").fetchone()[0]
    conn.close()
    # In-process, the interrupt stops the work itself; with a pool, workers may have finished
    # (and committed) every file before the interrupt reaches the main thread.
    assert 4 <= kept < 12 if workers == 1 else 4 <= kept <= 12

    calls: list[str] = []
    real = analyser.analyse_file
    monkeypatch.setattr(
        analyser, "analyse_file", lambda *args: calls.append(args[0]) or real(*args)
    )
    resumed, _ = run(folder, workers=1)
    assert len(calls) == 12 - kept
    fresh, _ = run(folder, use_cache=False)
    assert resumed == fresh


def test_a_checkpoint_stops_the_collection_wide_steps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache_dir: Path
) -> None:
    """Linking a large collection takes seconds with no file finishing: `checkpoint` is the
    caller's chance to stop it there (a UI whose user quit)."""
    folder = many_articles(tmp_path, 8)
    calls: list[int] = []
    pipeline.analyse([folder], workers=1, checkpoint=lambda: calls.append(1))
    assert len(calls) >= 9  # before the table, the merge, each kind of link, the shifts

    class Stop(Exception):
        pass

    def stop_at_the_merge() -> None:
        calls.append(1)
        if len(calls) == 2:
            raise Stop

    calls.clear()
    edited = sorted(folder.iterdir())[0]
    edited.write_text(edited.read_text(encoding="utf-8").replace("Tuesday", "Monday"))
    with pytest.raises(Stop):
        pipeline.analyse([folder], workers=1, checkpoint=stop_at_the_merge)
    assert gc.isenabled()
    conn = sqlite3.connect(cache_dir / store.CACHE_NAME)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
    resumed, _ = run(folder, workers=1)
    fresh, _ = run(folder, use_cache=False)
    assert resumed == fresh


def listing(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(path.relative_to(folder)): (path.stat().st_size, path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
    }


def test_nothing_is_written_to_the_article_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "many"
    (folder / "sub").mkdir(parents=True)
    for index in range(8):
        write_article(folder if index % 2 else folder / "sub", index)
    old = time.time() - 86400
    for path in [folder, folder / "sub", *folder.rglob("*")]:
        os.utime(path, (old, old))
    before = listing(folder)
    monkeypatch.setattr(pipeline, "POOL_MIN_FILES", 2)
    run(folder, workers=2)  # cold, through the pool
    run(folder, workers=1)  # warm
    run(folder, use_cache=False)
    assert listing(folder) == before


def test_unchanged_files_are_not_read_again(news: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = time.time() - 86400
    for path in news.iterdir():
        os.utime(path, (old, old))
    run(news)
    hashed: list[int] = []
    real = store.content_hash
    monkeypatch.setattr(store, "content_hash", lambda data: hashed.append(len(data)) or real(data))
    run(news)
    assert hashed == []

    # Same size, mtime put back: the change time still gives it away.
    target = sorted(news.iterdir())[1]
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("Tuesday", "Fridays"), encoding="utf-8")
    os.utime(target, (old, old))
    changed, _ = run(news)
    assert len(hashed) == 1
    assert "Fridays" in changed["article_text"][1]


def test_unchanged_files_are_not_opened_to_look_for_binary_content(
    news: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = time.time() - 86400
    for path in news.iterdir():
        os.utime(path, (old, old))
    cold, _ = run(news)
    opened: list[str] = []
    real = ingest._read_regular

    def counting(path: Path, limit: int = -1) -> bytes:
        opened.append(Path(path).name)
        return real(path, limit)

    monkeypatch.setattr(ingest, "_read_regular", counting)
    warm, _ = run(news)
    assert opened == [] and warm == cold

    # A file that turned binary at the same size is looked at again, and skipped with a word.
    target = sorted(news.iterdir())[2]
    target.write_bytes(b"\x00" * target.stat().st_size)
    os.utime(target, (old, old))
    changed, warnings = run(news)
    assert opened == [target.name]
    assert warnings == [f"skipped {target}: binary file, not an article (.txt)"]
    assert len(changed["articles"]) == len(cold["articles"]) - 1


def test_recently_modified_files_are_always_hashed(
    news: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(news)
    hashed: list[int] = []
    real = store.content_hash
    monkeypatch.setattr(store, "content_hash", lambda data: hashed.append(len(data)) or real(data))
    run(news)
    assert len(hashed) == 6  # modified within RACY_SECONDS: the stat alone is not trusted


def test_same_name_in_two_folders_gets_unique_ids_cold_and_warm(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    for sub in ("a", "b"):
        (folder / sub).mkdir(parents=True)
        write_article(folder / sub, 1, "Alta")
    cold, _ = run(folder)
    ids = [a["id"] for a in cold["articles"]]
    assert ids == ["001_alta", "001_alta-2"]
    second = [q for q in cold["quotes"] if q["article"] == "001_alta-2"]
    assert second and all(q["id"].startswith("001_alta-2:q") for q in second)
    warm, _ = run(folder)
    assert warm == cold


def test_repeated_ids_within_and_across_files_rename_their_quotes(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    said = "\u201cWe will never sell the port,\u201d said Mira Holm, the mayor."
    records = [{"id": "x", "title": f"Port row {n}", "text": said} for n in (1, 2)]
    (folder / "a.jsonl").write_text(
        "\n".join(json.dumps(record) for record in records), encoding="utf-8"
    )
    (folder / "x.txt").write_text(f"Port Row Three\n\n{said}\n", encoding="utf-8")
    cold, _ = run(folder)
    assert [a["id"] for a in cold["articles"]] == ["x", "x-2", "x-3"]
    quotes = {q["article"]: q["id"] for q in cold["quotes"]}
    assert quotes == {"x": "x:q1", "x-2": "x-2:q1", "x-3": "x-3:q1"}
    warm, _ = run(folder)
    assert warm == cold


def test_warnings_from_reading_are_repeated_from_the_cache(news: Path) -> None:
    bad = news / "099_bad.txt"
    text = ARTICLE.format(title="Bad bytes", day=3, place="Lom").encode()
    bad.write_bytes(text.replace(b"Bad", b"Bad \xff\xfe"))
    _, cold = run(news)
    _, warm = run(news)
    about_bad = [w for w in cold if "099_bad" in w]
    assert about_bad and [w for w in warm if "099_bad" in w] == about_bad


def test_an_article_that_breaks_the_analysis_is_kept_without_quotes(
    news: Path, monkeypatch: pytest.MonkeyPatch, analysed: list[str]
) -> None:
    real = analyser.analyse_article

    def fragile(article, settings):  # type: ignore[no-untyped-def]
        if article.id.startswith("002"):
            raise ValueError("boom")
        return real(article, settings)

    monkeypatch.setattr(analyser, "analyse_article", fragile)
    result, warnings = run(news)
    assert "002_dalen" in [a["id"] for a in result["articles"]]
    assert not [q for q in result["quotes"] if q["article"] == "002_dalen"]
    assert any("002_dalen" in w and "analysis failed (ValueError: boom)" in w for w in warnings)
    analysed.clear()
    run(news)
    assert analysed == ["002_dalen.txt"]  # a failure is never cached


def test_a_file_that_breaks_the_reader_is_skipped_and_the_rest_opens(
    news: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = analyser.read_file

    def fragile(path, warn):  # type: ignore[no-untyped-def]
        if path.name.startswith("002"):
            raise TypeError("reader bug")
        return real(path, warn)

    monkeypatch.setattr(analyser, "read_file", fragile)
    result, warnings = run(news, use_cache=False)
    ids = [a["id"] for a in result["articles"]]
    assert "002_dalen" not in ids and ids
    assert any("002_dalen" in w and "TypeError: reader bug" in w for w in warnings)


def test_empty_folder_says_so(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result, warnings = run(empty)
    assert result["articles"] == []
    assert [w for w in warnings if str(empty) in w] == [f"no articles found in {empty}"]


def test_pool_started_from_a_thread_gives_the_same_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The UI analyses in a worker thread: the pool then cannot fork, and must still agree."""
    folder = many_articles(tmp_path, 6)
    monkeypatch.setattr(pipeline, "POOL_MIN_FILES", 2)
    sequential, _ = run(folder, use_cache=False, workers=1)
    outcome: list[tuple[dict, list[str]]] = []
    thread = threading.Thread(
        target=lambda: outcome.append(run(folder, use_cache=False, workers=2))
    )
    thread.start()
    thread.join(120)
    assert outcome[0][0] == sequential
    assert not [w for w in outcome[0][1] if "workers stopped" in w]


@pytest.mark.parametrize("use_cache", [False, True])
def test_a_killed_worker_costs_a_warning_not_the_collection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, use_cache: bool
) -> None:
    folder = many_articles(tmp_path, 6)
    # With the cache, the pool starts during the lookups, which go on after it broke.
    monkeypatch.setattr(pipeline, "FIRST_LOOKUP", 2)
    monkeypatch.setattr(pipeline, "LOOKUP_BATCH", 2)
    sequential, _ = run(folder, use_cache=False, workers=1)
    parent = os.getpid()
    real = analyser.analyse_file

    def dies_in_a_worker(*args):  # type: ignore[no-untyped-def]
        if os.getpid() != parent:
            os._exit(9)  # as the out-of-memory killer would
        return real(*args)

    # Forked workers inherit the patch.
    monkeypatch.setattr(pipeline, "pool_context", lambda _: multiprocessing.get_context("fork"))
    monkeypatch.setattr(analyser, "analyse_file", dies_in_a_worker)
    monkeypatch.setattr(pipeline, "POOL_MIN_FILES", 2)
    result, warnings = run(folder, use_cache=use_cache, workers=2)
    assert result == sequential
    assert len([w for w in warnings if "analysis workers stopped" in w]) == 1


def test_a_file_edited_during_its_analysis_is_not_cached_under_its_old_content(
    news: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = sorted(news.iterdir())[3]
    original = target.read_text(encoding="utf-8")
    real = analyser.analyse_file

    def edit_first(path: str, settings: object) -> tuple[bytes, bool]:
        if path == str(target):
            target.write_text(original.replace("Tuesday", "Sunday, after a long delay"))
        return real(path, settings)  # type: ignore[arg-type]

    monkeypatch.setattr(analyser, "analyse_file", edit_first)
    run(news)
    monkeypatch.setattr(analyser, "analyse_file", real)
    target.write_text(original, encoding="utf-8")  # back to what was hashed
    again, _ = run(news)
    assert "Tuesday" in again["article_text"][3]
    assert "after a long delay" not in again["article_text"][3]


@pytest.fixture
def linkings(monkeypatch: pytest.MonkeyPatch) -> list[tuple[object, bool]]:
    """Each run of linking: the previous matches it was given, and whether it rematched."""
    calls: list[tuple[object, bool]] = []
    real = analyser.PreparedLinks

    def recording(articles, quotes, previous=None, checkpoint=no_checkpoint):  # type: ignore[no-untyped-def]
        prepared = real(articles, quotes, previous, checkpoint)
        calls.append((previous, prepared.matching.rematched))
        return prepared

    monkeypatch.setattr(analyser, "PreparedLinks", recording)
    return calls


def test_collection_steps_rerun_only_when_the_collection_changed(
    news: Path, linkings: list[tuple[object, bool]]
) -> None:
    calls = linkings
    cold, _ = run(news)
    warm, _ = run(news)
    assert len(calls) == 1 and warm == cold  # speakers, links and shifts came from the cache
    write_article(news, 50, "Voss")
    run(news)
    assert len(calls) == 2
    run(news, use_cache=False)
    assert len(calls) == 3


def test_an_edited_collection_matches_only_its_new_texts_and_links_as_from_scratch(
    news: Path, linkings: list[tuple[object, bool]]
) -> None:
    run(news)
    assert linkings == [(None, False)]  # a first open matches every text
    edited = sorted(news.iterdir())[2]
    edited.write_text(
        edited.read_text(encoding="utf-8").replace(
            "\u201cIt is ridiculous.\u201d", "\u201cIt is ridiculous, and we will never sell.\u201d"
        ),
        encoding="utf-8",
    )
    (sorted(news.iterdir())[4]).unlink()
    write_article(news, 60, "Voss")
    incremental, _ = run(news)
    previous, rematched = linkings[1]
    assert previous is not None and rematched  # only the changes were matched
    from_scratch, _ = run(news, use_cache=False)
    assert incremental == from_scratch


def test_damaged_text_matches_are_rebuilt(news: Path, cache_dir: Path) -> None:
    cold, _ = run(news)
    with sqlite3.connect(cache_dir / store.CACHE_NAME) as conn:
        conn.execute("UPDATE matches SET payload = x'00010203'")
        conn.execute("DELETE FROM collections")
    again, warnings = run(news)
    assert again == cold and warnings == []


UI_LIKE_OPEN = """
import sys, threading
from reader import pipeline, processes
if sys.argv[2] == "prepared":
    processes.start_helpers_before_a_ui()


class Captured:  # what a full-screen UI puts in place of stderr: no usable file number
    def write(self, text): return len(text)
    def flush(self): pass
    def fileno(self): return -1


sys.stderr = Captured()
result = []
thread = threading.Thread(  # a thread running: the pool is started by a fork server
    target=lambda: result.append(pipeline.analyse([sys.argv[1]], use_cache=False, workers=2))
)
thread.start()
thread.join()
print(len(result[0].articles) if result else "failed")
"""


@pytest.mark.parametrize("prepared", ["prepared", "not"])
def test_a_ui_that_captured_stderr_can_still_start_the_analysis_pool(
    tmp_path: Path, prepared: str
) -> None:
    """The UI analyses in a thread after it has replaced stderr; starting multiprocessing's
    resource tracker before that (`stance-reader` does) is what lets the pool start."""
    folder = many_articles(tmp_path, pipeline.POOL_MIN_FILES + 2)
    script = tmp_path / "open.py"
    script.write_text(UI_LIKE_OPEN, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script), str(folder), prepared],
        capture_output=True,
        text=True,
        timeout=120,
    )
    expected = str(pipeline.POOL_MIN_FILES + 2) if prepared == "prepared" else "failed"
    assert done.stdout.strip().splitlines()[-1:] == [expected]


def test_collection_steps_set_only_the_quote_fields_a_warm_open_replays(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A warm open replays what the collection-wide steps changed in quotes, and only
    `store.COLLECTION_FIELDS` are compared to find it: a step setting any other field would
    have it lost when the collection is opened again."""
    real = analyser.collection_steps
    runs: list[tuple[list[Quote], list[Quote]]] = []

    def recording(articles, quotes, settings, **options):  # type: ignore[no-untyped-def]
        before = copy.deepcopy(quotes)
        result = real(articles, quotes, settings, **options)
        runs.append((before, quotes))
        return result

    monkeypatch.setattr(analyser, "collection_steps", recording)
    pipeline.analyse([default_collection()], use_cache=False)
    ((before, after),) = runs
    changed = {
        field.name
        for old, new in zip(before, after, strict=True)
        for field in dataclasses.fields(Quote)
        if getattr(old, field.name) != getattr(new, field.name)
    }
    assert changed == set(store.COLLECTION_FIELDS)


def test_a_cached_collection_opens_without_importing_the_analysers(news: Path) -> None:
    """The analysers are a tenth of a second of imports that the first screen of a re-open
    would wait for: a collection whose files and links are all cached never needs them."""
    probe = (
        "import sys\n"
        "from reader import pipeline\n"
        "analysis = pipeline.analyse([sys.argv[1]], workers=1)\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('reader.analys', 'rapidfuzz')))\n"
        "print(len(analysis.articles), len(analysis.links), loaded)\n"
    )

    def opened() -> str:
        done = subprocess.run(
            [sys.executable, "-c", probe, str(news)],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        return done.stdout.strip()

    cold = opened()
    assert cold.startswith("6 ") and "reader.analyser" in cold
    warm = opened()
    assert warm == cold.split(" [")[0] + " []"
