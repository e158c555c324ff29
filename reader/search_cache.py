"""The search index of a collection state, kept in the cache next to its analysis.

Indexing 10,000 articles is ~7 s of pure Python in the UI's process, and an unchanged
collection has the same index every time it is opened: reading it back takes a fraction of a
second, so search is ready about as soon as the analysis is.
"""

from __future__ import annotations

from collections.abc import Callable

from reader import store as cache
from reader.model import Analysis
from reader.search import SearchIndex

Warn = Callable[[str], None]


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
