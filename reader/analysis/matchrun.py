"""Matching a collection's texts, for a large collection partly in a helper process.

Matching is the costliest step after the per-file analysis, and it needs only the texts, not
the speakers: so a helper process can match most of them while this process merges the
speakers and prepares the other links, and this one matches the rest when it is done with
that. The split (`HELPER_SHARE`) is what evens out the two on a 2-core machine at 10,000
articles, where the helper saves about a tenth of a cold open (docs/performance.md).

The helper is a fresh interpreter (spawned) that is sent only the texts (`TextSet`), not a
fork: a forked child's collector visits, and so copies, every page of the parent's objects,
which took a cold open past its memory budget when tried. Whatever goes wrong with the helper
(it cannot start, it dies), its share is matched here: the result is the same either way.
"""

from __future__ import annotations

from concurrent.futures import Future, ProcessPoolExecutor

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
from reader.processes import helper_context, usable_cores

# Below this many texts to probe, starting a process costs more than it saves.
HELPER_MIN_PROBES = 20_000
# The share of the probes the helper takes: this process has the speaker merge to do first.
HELPER_SHARE = 0.7


class MatchRun:
    """The matches of a table's texts, under way from construction until `matches()`.

    With `previous` matches (an earlier state of the collection), only changed texts are
    matched (`textmatches.rematch`), here and at once.
    """

    def __init__(self, table: TextTable, previous: TextMatches | None = None) -> None:
        self.table = table
        self._matches = rematch(table, previous) if previous is not None else None
        self.rematched = self._matches is not None
        self._probes: list[int] = []
        self._helper: tuple[ProcessPoolExecutor, Future[tuple[int | bytes, ...]], list[int]] | None
        self._helper = None
        if self._matches is None:
            self._probes = table.probes()
            if len(self._probes) >= HELPER_MIN_PROBES and usable_cores() > 1:
                self._start_helper()

    def _start_helper(self) -> None:
        cut = int(len(self._probes) * HELPER_SHARE)
        theirs, mine = self._probes[:cut], self._probes[cut:]
        executor = None
        try:
            executor = ProcessPoolExecutor(max_workers=1, mp_context=helper_context())
            # Pickled, the table is a `TextSet`: its texts, without quotes or index.
            future = executor.submit(_match_probes, self.table, theirs)
        except (OSError, RuntimeError):
            if executor is not None:
                executor.shutdown(wait=False, cancel_futures=True)
            return  # no process to be had: everything is matched here
        self._helper = (executor, future, theirs)
        self._probes = mine

    def matches(self) -> list[Match]:
        """Every pair of texts that may repeat or excerpt the other, compared, sorted by pair."""
        if self._matches is None:
            found = match_texts(self.table, self._probes) + self._helper_matches()
            found.sort()
            self._matches = found
        return self._matches

    def _helper_matches(self) -> list[Match]:
        if self._helper is None:
            return []
        executor, future, probes = self._helper
        self._helper = None
        try:
            skipped, *packed = future.result()
        except Exception:  # noqa: BLE001 - a helper that failed leaves its share to this process
            return match_texts(self.table, probes)
        finally:
            executor.shutdown(wait=True)
        self.table.index.skipped += skipped
        return unpack_matches(*packed)  # type: ignore[arg-type]

    def close(self) -> None:
        """Stop the helper if its matches are no longer wanted (an error on the way)."""
        if self._helper is not None:
            self._helper[0].shutdown(wait=False, cancel_futures=True)
            self._helper = None


def _match_probes(texts: TextSet, probes: list[int]) -> tuple[int | bytes, ...]:
    """In the helper: the count of capped stems skipped, then the matches of `probes`, packed."""
    packed = pack_matches(match_texts(texts, probes))
    return texts.index.skipped, *packed
