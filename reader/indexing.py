"""The search index of a collection state: read back from the cache, or built and kept.

Indexing 10,000 articles is ~6 s of pure Python, and an unchanged collection has the same
index every time it is opened: reading it back takes a fraction of a second, so search is
ready about as soon as the analysis is. When it must be built (a new or edited collection),
a large collection's articles, most of the work, are indexed in a helper process while this
one indexes the quotes; in a UI this also keeps the work off the interpreter that draws the
screen.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, wait
from typing import Any

from reader import store as cache
from reader.checkpoints import Checkpoint, no_checkpoint
from reader.gcpause import collector_paused
from reader.model import Analysis
from reader.processes import helper_context, let_go, usable_cores
from reader.search import SearchIndex, article_documents, index_documents, index_kind

Warn = Callable[[str], None]

# Characters of article text from which a helper process indexes the articles: below it,
# starting one (~0.3 s) costs about what it saves.
HELPER_MIN_CHARS = 4_000_000
# How often a checkpoint is called while the helper's part is awaited.
WAIT_STEP = 0.1


def stored_index(analysis: Analysis, warn: Warn) -> SearchIndex | None:
    """The index kept for this analysis (`keep_index`), or None when there is none that fits."""
    if analysis.key is None:
        return None
    with cache.Store(warn=warn) as store:
        stored = store.search_index(cache.index_key(analysis.key))
    if stored is None:
        return None
    try:
        return SearchIndex(analysis, stored)
    except ValueError:
        return None  # written by a bug, or for other texts: built again and replaced


def keep_index(analysis: Analysis, index: SearchIndex, warn: Warn) -> None:
    """Store `index` for the next time this state of the collection is opened."""
    if analysis.key is not None:
        with cache.Store(warn=warn) as store:
            store.put_search_index(cache.index_key(analysis.key), index.to_plain())


def build_index(analysis: Analysis, checkpoint: Checkpoint = no_checkpoint) -> SearchIndex:
    """Index `analysis` now. A large collection's articles, two thirds of the work, are indexed
    in a helper process while this one indexes the quotes and speakers; if the helper cannot
    start or fails, they are indexed here, to the same index. `checkpoint()` is called every
    fraction of a second: raising from it stops the work, the helper's too.

    Only once the analysis is done: started while a cold open linked the collection, the
    helper was a third busy process on two cores; the open was no quicker, and its peak was
    ~400 MB higher, past the memory budget (docs/performance.md).
    """
    checkpoint()
    articles = article_documents(analysis.articles)
    if usable_cores() < 2 or sum(own for _, own in articles) < HELPER_MIN_CHARS:
        return SearchIndex(analysis)
    executor: ProcessPoolExecutor | None = None
    future: Future[Any] | None = None
    try:
        executor = ProcessPoolExecutor(max_workers=1, mp_context=helper_context())
        future = executor.submit(index_kind, "article", articles)
    except (OSError, RuntimeError):  # no process to be had: all is indexed here
        pass
    try:
        with collector_paused(age_survivors=True):
            documents = index_documents(analysis)
        stored = {
            name: index_kind(name, documents[name], checkpoint) for name in ("speaker", "quote")
        }
        helped = _result(future, checkpoint)
        stored["article"] = (
            helped
            if helped is not None
            else index_kind("article", documents["article"], checkpoint)
        )
        return SearchIndex(analysis, stored, documents)
    finally:
        if executor is not None:
            let_go(executor)


def _result(future: Future[Any] | None, checkpoint: Checkpoint) -> Any:
    """What the helper made, or None when it had no process or failed (then the work is done
    here)."""
    if future is None:
        return None
    checkpoint()
    while not wait([future], timeout=WAIT_STEP).done:
        checkpoint()
    try:
        return future.result()
    except Exception:  # noqa: BLE001 - whatever stopped the helper
        return None
