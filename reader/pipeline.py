"""The one entry point of the analysis: paths in, an `Analysis` out.

The work splits in two: everything that depends on one file only (`analyser.analyse_file`:
reading it and `analyse_article` on each of its articles) is cached by file content and run in
parallel; the collection-wide steps (one speaker per person, links, stance shifts) run once
over all articles (`collection_steps`), and their result is cached too, keyed by every file's
content. The analysers themselves (`reader.analyser`) are imported only when one of the two
has something to do.

Per-file results travel as the cache's own payload (`reader.store.encode_file`) whether they
come from a worker process, the current process or the cache, so the three paths cannot
disagree, and a worker's result crosses the process boundary as one bytes object.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from reader import store as cache
from reader.checkpoints import Checkpoint, no_checkpoint
from reader.gcpause import collector_paused
from reader.ingest import (
    Found,
    UsedIds,
    check_files,
    find_candidates,
    nothing_found,
    unique_id,
)
from reader.model import Analysis, Article, Link, Quote, Shift, Speaker
from reader.processes import analysis_worker_init, let_go, pool_context, usable_cores
from reader.settings import CollectionSettings, find_settings

if TYPE_CHECKING:
    from reader.analysis.textmatches import TextMatches

Warn = Callable[[str], None]
Progress = Callable[[int, int], None]
OnArticle = Callable[[Article, list[Quote]], None]

# Below this many files to analyse, starting worker processes costs more than it saves.
# Measured (docs/performance.md): a pool costs ~0.04 s to start by fork and ~0.2 s through
# the fork server, and saves ~3 ms per file on 2 cores, so the break-even is 15-65 files.
POOL_MIN_FILES = 32
# Files per task sent to a worker: large enough that IPC is a small share of the work, small
# enough that the first results (and the progress bar) arrive soon and the load stays even.
MAX_CHUNK = 32
# Commit cached results at least this often, so an interrupted run keeps most of its work.
COMMIT_SECONDS = 1.0
COMMIT_FILES = 256
PROGRESS_SECONDS = 0.05
# Files looked up in the cache at a time before the ready ones are delivered; the first batch
# is small, as a screen needs only its first few dozen articles to be usable.
FIRST_LOOKUP = 64
LOOKUP_BATCH = 500


def _ignore(_message: str) -> None:
    """Default warning sink for library callers that do not care about skipped files."""


def _analyser() -> ModuleType:
    """The analysers (`reader.analyser`), imported when something must be analysed: a
    cached collection re-opens without them."""
    from reader import analyser

    return analyser


def _assemble(
    articles: list[Article],
    quotes: list[Quote],
    speakers: list[Speaker],
    links: list[Link],
    shifts: list[Shift],
    settings: CollectionSettings,
) -> Analysis:
    return Analysis(
        articles=articles,
        speakers=speakers,
        quotes=quotes,
        links=links,
        shifts=shifts,
        name=settings.name,
        topic=settings.topic,
    )


@dataclass
class _File:
    """One discovered file on its way through the run."""

    path: str  # as discovered: it names the articles (ids, paths), so it is part of the key
    info: os.stat_result  # its stat when it was discovered
    key: tuple[str, str] | None = None  # (content hash, path) once hashed
    stat: cache.StatKey | None = None  # the file's stat when it was hashed
    payload: bytes | None = None
    cached: bool = False  # the payload came from the cache
    done: bool = False


def analyse(
    paths: Sequence[str | Path],
    *,
    settings: CollectionSettings | None = None,
    warn: Warn = _ignore,
    use_cache: bool = True,
    progress: Progress | None = None,
    on_article: OnArticle | None = None,
    checkpoint: Checkpoint = no_checkpoint,
    workers: int | None = None,
) -> Analysis:
    """Read and analyse files and folders (recursively) into one collection.

    `progress(done, total)` counts files as they finish (at most every PROGRESS_SECONDS, and
    always with 0 and with total); `on_article(article, quotes)` gets each article as soon as
    it and every file before it are ready, so a UI can show the first articles while the rest
    are analysed. `checkpoint()` is called between the collection-wide steps (seconds each
    for a large collection, with no file finishing meanwhile). All are called in the calling
    thread, and articles always come in discovery order; a caller stops the run by raising
    from any of them (what is analysed so far stays cached). `workers` caps the processes
    (default: one per usable core; 1 analyses in this process). `use_cache=False` neither
    reads nor writes the cache.
    """
    if settings is None:
        settings = find_settings(paths, warn)
    store = cache.Store(warn=warn) if use_cache else None
    try:
        with collector_paused(age_survivors=True):
            run = _Run(settings, warn, store, progress, on_article, checkpoint, workers)
            return run.run(paths)
    finally:
        if store is not None:
            store.close()


class _Run:
    """One call of `analyse`: discovery, cache lookup, analysis of the misses, assembly."""

    def __init__(
        self,
        settings: CollectionSettings,
        warn: Warn,
        store: cache.Store | None,
        progress: Progress | None,
        on_article: OnArticle | None,
        checkpoint: Checkpoint,
        workers: int | None,
    ) -> None:
        self.settings = settings
        self.warn = warn
        self.store = store
        self.progress = progress
        self.on_article = on_article
        self.checkpoint = checkpoint
        self.workers = workers or usable_cores()
        self.analyser = cache.analyser_key(settings)
        self.files: list[_File] = []
        self.articles: list[Article] = []
        self.quotes: list[Quote] = []
        self.delivered = 0
        self.ids = UsedIds()
        # Candidate files not checked yet, and the identities of the files taken.
        self.unchecked = 0
        self.seen: set[tuple[int, int]] = set()
        # Recorded (stat, hash) per absolute path of the batch being looked up.
        self.memo: dict[str, tuple[cache.StatKey, str]] = {}
        self.absolute: dict[str, str] = {}
        self.finished = 0
        self.last_commit = self.last_progress = time.monotonic()
        self.uncommitted = 0
        # Files waiting to be analysed, and the chunks of them sent to worker processes.
        self.queued: list[_File] = []
        self.executor: ProcessPoolExecutor | None = None
        self.processes = 0
        self.pending: dict[Future[list[tuple[bytes, bool]]], list[_File]] = {}

    def run(self, paths: Sequence[str | Path]) -> Analysis:
        candidates = find_candidates(paths, self.warn)
        self.unchecked = len(candidates)
        self._report()
        try:
            if self.store is None:
                self._queue(self._checked(candidates), 0)
            else:
                # In batches, so the first cached articles are shown before all the files are
                # checked and looked up, and the workers analyse the first misses meanwhile.
                starts = [0, *range(FIRST_LOOKUP, len(candidates), LOOKUP_BATCH)]
                for start, end in zip(starts, [*starts[1:], len(candidates)], strict=True):
                    batch = self._checked(candidates[start:end])
                    self._lookup(batch)
                    self._report()
                    self._deliver()
                    self._queue([f for f in batch if not f.done], self.unchecked)
                    self._collect(block=False)
                self.memo, self.absolute = {}, {}  # looked up: the memory goes to the analysis
            for item in self.queued:
                self._finished(item, *_analyser().analyse_file(item.path, self.settings))
            self.queued = []
            self._collect(block=True)
        finally:
            if self.executor is not None:
                if self.pending:  # Ctrl+C, an error, or the user quit: the rest is unwanted
                    let_go(self.executor)
                else:
                    self.executor.shutdown()
        if self.store is not None:
            self.store.flush()
        if not self.articles:
            self.warn(nothing_found(paths))
        return self._collection([os.path.abspath(path) for path in paths])

    def _checked(self, candidates: list[str]) -> list[_File]:
        """The candidates that are article files, added to the run's files."""
        trusted = self._memo_hits if self.store is not None else None
        files = [_File(*found) for found in check_files(candidates, self.warn, self.seen, trusted)]
        self.files.extend(files)
        self.unchecked -= len(candidates)
        self._report()  # the total, less the names that were not articles
        return files

    # -- cache lookup

    def _memo_hits(self, found: list[Found]) -> set[str]:
        """The files whose stat matches the one recorded when they were last hashed: their
        content is what the cache already holds, so they need not be opened to check that
        they are text, and the lookup need not hash them."""
        assert self.store is not None
        self.absolute = {item.path: os.path.abspath(item.path) for item in found}
        self.memo = self.store.stats(list(self.absolute.values()))
        hits = set()
        for item in found:
            recorded = self.memo.get(self.absolute[item.path])
            if recorded is not None and recorded[0] == cache.stat_key(item.info):
                hits.add(item.path)
        return hits

    def _lookup(self, files: list[_File]) -> None:
        """Hash files (trusting an unchanged stat) and take what the cache already has."""
        assert self.store is not None
        racy = time.time() - cache.RACY_SECONDS
        for item in files:
            key = cache.stat_key(item.info)
            path = self.absolute.get(item.path) or os.path.abspath(item.path)
            recorded = self.memo.get(path)
            if recorded is not None and recorded[0] == key:
                file_hash = recorded[1]
            else:
                try:
                    with open(path, "rb") as handle:
                        file_hash = cache.content_hash(handle.read())
                    if item.info.st_mtime < racy and os.stat(path).st_mtime_ns == key[1]:
                        self.store.put_stat(path, key, file_hash)
                except OSError:
                    continue  # unreadable: reading it reports why, and it is never cached
            item.key = (file_hash, item.path)
            item.stat = key
        keyed = [f.key for f in files if f.key is not None]
        found = self.store.files(self.analyser, keyed)
        for item in files:
            if item.key is not None and item.key in found:
                item.payload, item.cached, item.done = found[item.key], True, True
                self.finished += 1

    # -- analysis of the misses

    def _queue(self, missing: list[_File], unknown: int) -> None:
        """Files to analyse, of `unknown` more yet to be looked up: they go to worker processes
        once there are POOL_MIN_FILES of them, else they wait to be analysed here."""
        self.queued.extend(missing)
        if self.executor is None:
            if len(self.queued) < POOL_MIN_FILES or self.workers <= 1:
                return
            self.processes = min(self.workers, len(self.queued) + unknown)
            self.executor = ProcessPoolExecutor(
                max_workers=self.processes,
                mp_context=pool_context(["reader.analyser"]),
                initializer=analysis_worker_init,
            )
        # Small chunks while few files are known to be missing, so every worker gets some:
        # the files not looked up yet may be cached (a few edits in a large collection).
        size = max(
            1,
            min(
                MAX_CHUNK,
                (len(self.queued) + unknown) // (self.processes * 8),
                len(self.queued) // self.processes,
            ),
        )
        work = _analyser().analyse_chunk
        try:
            while self.queued:
                chunk = self.queued[:size]
                paths = [f.path for f in chunk]
                self.pending[self.executor.submit(work, paths, self.settings)] = chunk
                del self.queued[:size]
        except BrokenProcessPool as error:
            self._pool_broke(error)

    def _collect(self, *, block: bool) -> None:
        """Take the workers' results that are ready; with `block`, all of them."""
        try:
            while self.pending:
                done, _ = wait(
                    self.pending, timeout=None if block else 0, return_when=FIRST_COMPLETED
                )
                if not done:
                    return
                for future in done:
                    results = future.result()  # a broken pool raises with the chunk pending
                    chunk = self.pending.pop(future)
                    for item, result in zip(chunk, results, strict=True):
                        self._finished(item, *result)
        except BrokenProcessPool as error:
            self._pool_broke(error)

    def _pool_broke(self, error: BrokenProcessPool) -> None:
        """A worker was killed (out of memory, a signal): finish here rather than fail."""
        self.warn(f"analysis workers stopped ({error}); analysing the rest in this process")
        assert self.executor is not None
        let_go(self.executor)
        self.executor, self.workers = None, 1
        sent = [item for chunk in self.pending.values() for item in chunk]
        self.pending.clear()
        for item in sent:
            if not item.done:
                self._finished(item, *_analyser().analyse_file(item.path, self.settings))

    def _finished(self, item: _File, payload: bytes, cacheable: bool) -> None:
        item.payload, item.done = payload, True
        self.finished += 1
        if self.store is not None and cacheable and item.key is not None and _unchanged(item):
            self.store.put_file(self.analyser, *item.key, payload)
            self.uncommitted += 1
            now = time.monotonic()
            if self.uncommitted >= COMMIT_FILES or now - self.last_commit >= COMMIT_SECONDS:
                self.store.flush()
                self.uncommitted, self.last_commit = 0, now
        self._report()
        self._deliver()

    def _report(self) -> None:
        """Progress at most every PROGRESS_SECONDS (and always at the start and the end): a UI
        redraws on each call, and thousands of small files finish within a second."""
        if self.progress is None:
            return
        now = time.monotonic()
        total = len(self.files) + self.unchecked
        if self.finished in (0, total) or now - self.last_progress >= PROGRESS_SECONDS:
            self.last_progress = now
            self.progress(self.finished, total)

    def _deliver(self) -> None:
        """Decode finished files in discovery order, up to the first one still running."""
        while self.delivered < len(self.files) and self.files[self.delivered].done:
            item = self.files[self.delivered]
            assert item.payload is not None
            articles, quotes, warnings = self._decode(item)
            item.payload = None  # the objects now hold it; keep memory to one copy
            for message in warnings:
                self.warn(message)
            _rename_duplicates(articles, quotes, self.ids)
            self.articles.extend(articles)
            self.quotes.extend(quotes)
            if self.on_article is not None:
                for article, own in _by_article(articles, quotes):
                    self.on_article(article, own)
            self.delivered += 1

    def _decode(self, item: _File) -> tuple[list[Article], list[Quote], list[str]]:
        """A finished file's objects; a damaged cache row is analysed again and replaced."""
        assert item.payload is not None
        try:
            return cache.decode_file(item.payload)
        except cache.DamagedPayload:
            if not item.cached:
                raise  # our own fresh payload: a bug, not damage
        payload, cacheable = _analyser().analyse_file(item.path, self.settings)
        if self.store is not None and cacheable and item.key is not None:
            self.store.put_file(self.analyser, *item.key, payload)
        return cache.decode_file(payload)

    # -- the collection-wide steps

    def _collection(self, roots: list[str]) -> Analysis:
        keys = [f.key for f in self.files]
        if self.store is None or any(key is None for key in keys):
            return self._linked(None)[0]
        key = cache.collection_key(self.analyser, keys)  # type: ignore[arg-type]
        payload = self.store.collection(key)
        if payload is not None:
            try:
                speakers, links, shifts = cache.decode_collection(payload, self.quotes)
            except cache.DamagedPayload:
                pass  # a damaged row: recompute it below, and overwrite it
            else:
                analysis = _assemble(
                    self.articles, self.quotes, speakers, links, shifts, self.settings
                )
                analysis.key = key
                return analysis
        before = cache.quote_rows(self.quotes)
        identity = cache.collection_identity(self.analyser, roots)
        analysis, matches = self._linked(_matches(self.store.matches(identity)))
        self.store.put_matches(identity, matches.to_plain())
        changes = cache.quote_changes(before, analysis.quotes)
        self.store.put_collection(
            key,
            cache.encode_collection(analysis.speakers, analysis.links, analysis.shifts, changes),
        )
        analysis.key = key
        return analysis

    def _linked(self, previous: TextMatches | None) -> tuple[Analysis, TextMatches]:
        """The collection-wide steps over every article (`analyser.collection_steps`), and
        the text matches linking found (`previous`: those of an earlier state, to reuse)."""
        speakers, links, shifts, matches = _analyser().collection_steps(
            self.articles, self.quotes, self.settings, previous=previous, checkpoint=self.checkpoint
        )
        analysis = _assemble(self.articles, self.quotes, speakers, links, shifts, self.settings)
        return analysis, matches


def _unchanged(item: _File) -> bool:
    """The file still is what was hashed: one edited while it was being analysed must not be
    cached under the old content's hash."""
    try:
        return cache.stat_key(os.stat(item.path)) == item.stat
    except OSError:
        return False


def _rename_duplicates(articles: list[Article], quotes: list[Quote], used: set[str]) -> None:
    """Make article ids unique in collection order (`ingest.unique_id`), one file at a time
    because files are analysed independently; a renamed article's quotes (`<article>:q1`) are
    renamed with it. Ids are already unique within the file (`analyser.analyse_file`)."""
    renamed = {}
    for article in articles:
        new = unique_id(article.id, used)
        if new != article.id:
            renamed[article.id] = new
            article.id = new
    if renamed:  # rarely: most files bring a new id, and then no quote needs looking at
        for quote in quotes:
            new = renamed.get(quote.article)
            if new is not None:
                quote.id = new + quote.id[len(quote.article) :]
                quote.article = new


def _by_article(
    articles: list[Article], quotes: list[Quote]
) -> Iterator[tuple[Article, list[Quote]]]:
    if len(articles) == 1:
        yield articles[0], quotes
        return
    grouped: dict[str, list[Quote]] = {article.id: [] for article in articles}
    for quote in quotes:
        grouped[quote.article].append(quote)
    for article in articles:
        yield article, grouped[article.id]


def _matches(plain: object) -> TextMatches | None:
    """A collection's stored text matches, or None when there are none or they do not decode
    (then everything is matched again, and the row replaced)."""
    if plain is None:
        return None
    from reader.analysis.textmatches import TextMatches  # only when linking again

    try:
        return TextMatches.from_plain(plain)
    except (TypeError, ValueError, IndexError):
        return None
