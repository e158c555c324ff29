"""Matching a collection's texts, for a large collection partly in a helper process.

Matching is the costliest step after the per-file analysis, and it needs only the texts, not
the speakers: so a helper process matches them while this process merges the speakers and
prepares the other links. The probes are cut into chunks that the helper works through from
the first; when this process is done with its own work it takes chunks from the last, those
the helper has not started, until the two meet. The split evens itself out, however long the
merge took and however loaded the machine is. After its chunks the helper takes other jobs on
the same texts (`run`): it finds each speaker's related quotes (`related.py`) while this
process links the other kinds. After an edit, when only the changed texts are matched (here),
a helper is started for those jobs alone.

The helper is a fresh interpreter (spawned) that is sent only the texts (`TextSet`), once, not
a fork: a forked child's collector visits, and so copies, every page of the parent's objects,
which took a cold open past its memory budget when tried. Whatever goes wrong with the helper
(it cannot start, it dies), its chunks are matched here: the result is the same either way.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

from reader.analysis.textmatches import (
    Match,
    TextMatches,
    TextSet,
    TextTable,
    match_texts,
    pack_matches,
    rematch,
    unpack_matches,
)
from reader.checkpoints import Checkpoint, no_checkpoint
from reader.processes import helper_context, let_go, usable_cores

# Below this many texts to probe, starting a process costs more than it saves.
HELPER_MIN_PROBES = 20_000
# Chunks the probes are cut into: enough for the two processes to finish close together,
# few enough that sending each chunk's matches back costs nothing to speak of.
CHUNKS = 64

T = TypeVar("T")
Chunk = tuple[Future[tuple[int | bytes, ...]], list[int]]


def start_helper(texts: int) -> ProcessPoolExecutor | None:
    """A helper for a table of at most `texts` texts, started before the table is built when
    it may need one: a fresh interpreter takes ~0.4 s to start, spent meanwhile on the core
    that building the table leaves idle. (`MatchRun` lets it go if the table does not need it.)
    """
    if texts < HELPER_MIN_PROBES or usable_cores() < 2:
        return None
    executor = None
    try:
        executor = ProcessPoolExecutor(max_workers=1, mp_context=helper_context())
        executor.submit(_receive, None)  # a process is started by the first task
    except (OSError, RuntimeError):
        if executor is not None:
            let_go(executor)
        return None
    return executor


class MatchRun:
    """The matches of a table's texts, under way from construction until `matches()`.

    With `previous` matches (an earlier state of the collection), only changed texts are
    matched (`textmatches.rematch`), here and at once. `helper` is one `start_helper` started
    for this table, if any.
    """

    def __init__(
        self,
        table: TextTable,
        previous: TextMatches | None = None,
        helper: ProcessPoolExecutor | None = None,
    ) -> None:
        self.table = table
        self._matches = rematch(table, previous) if previous is not None else None
        self.rematched = self._matches is not None
        self._probes: list[int] = []
        self._helper: tuple[ProcessPoolExecutor, list[Chunk]] | None = None
        if self._matches is None:
            self._probes = table.probes()
            wanted = len(self._probes) >= HELPER_MIN_PROBES
        else:
            # Rematched here: a helper is still worth its start for the jobs (`run`).
            wanted = len(table.norms) >= HELPER_MIN_PROBES
        if wanted:
            helper = helper or start_helper(len(table.norms))
            if helper is not None:
                self._send(helper)
                helper = None
        if helper is not None:  # started, but not wanted after all
            let_go(helper)

    def _send(self, executor: ProcessPoolExecutor) -> None:
        """Send the helper the texts (pickled, the table is a `TextSet`: its texts, without
        quotes or index), once, then the probes in chunks (none when this process rematched)."""
        probes = self._probes
        size = max(1, -(-len(probes) // CHUNKS))
        try:
            executor.submit(_receive, self.table)
            chunks = [
                (executor.submit(_match_chunk, probes[i : i + size]), probes[i : i + size])
                for i in range(0, len(probes), size)
            ]
        except (OSError, RuntimeError):
            let_go(executor)
            return  # no process to be had: everything is matched here
        self._helper = (executor, chunks)
        self._probes = []

    def matches(self, checkpoint: Checkpoint = no_checkpoint) -> list[Match]:
        """Every pair of texts that may repeat or excerpt the other, compared, sorted by pair.
        `checkpoint()` is called between the chunks matched here: raising from it stops."""
        if self._matches is None:
            found = match_texts(self.table, self._probes) + self._helper_matches(checkpoint)
            found.sort()
            self._matches = found
        return self._matches

    def _helper_matches(self, checkpoint: Checkpoint) -> list[Match]:
        if self._helper is None:
            return []
        _, chunks = self._helper
        found: list[Match] = []
        for future, probes in reversed(chunks):
            checkpoint()
            if not future.cancel():
                break  # the helper has this chunk, and every one before it
            found += match_texts(self.table, probes)
        for future, probes in chunks:
            if future.cancelled():
                continue
            try:
                skipped, *packed = future.result()
            except Exception:  # noqa: BLE001 - a helper that failed leaves its chunks here
                found += match_texts(self.table, probes)
            else:
                self.table.index.skipped += skipped  # type: ignore[operator]
                found += unpack_matches(*packed)  # type: ignore[arg-type]
        return found

    def run(self, job: Callable[..., T], *args: Any) -> Callable[[], T]:
        """`job(texts, *args)` in the helper, if there is one, else here: returns how to get
        its result. The helper takes it after its chunks of matching; if it fails there, the
        job is run here instead."""
        if self._helper is None:
            return lambda: job(self.table, *args)
        try:
            future = self._helper[0].submit(_on_texts, job, *args)
        except RuntimeError:  # the helper is gone
            return lambda: job(self.table, *args)

        def result() -> T:
            try:
                return future.result()
            except Exception:  # noqa: BLE001 - the same job, here
                return job(self.table, *args)

        return result

    def close(self) -> None:
        """Let the helper go: its work is done, or no longer wanted (an error on the way, or
        the user quit while it was matching)."""
        if self._helper is not None:
            let_go(self._helper[0])
            self._helper = None


_texts: TextSet | None = None  # in the helper: the texts it was started with


def _receive(texts: TextSet | None) -> None:
    global _texts
    _texts = texts


def _on_texts(job: Callable[..., T], *args: Any) -> T:
    """In the helper: a job on the texts it was started with."""
    assert _texts is not None
    return job(_texts, *args)


def _match_chunk(probes: list[int]) -> tuple[int | bytes, ...]:
    """In the helper: the count of capped stems a chunk's probes skipped, then their matches,
    packed."""
    assert _texts is not None
    before = _texts.index.skipped
    packed = pack_matches(match_texts(_texts, probes))
    return _texts.index.skipped - before, *packed
