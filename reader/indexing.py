"""The search index of a collection state: read back from the cache, or built and kept.

Indexing 10,000 articles is ~6 s of pure Python, and an unchanged collection has the same
index every time it is opened: reading it back takes a fraction of a second, so search is
ready about as soon as the analysis is. When it must be built (a new or edited collection),
a large collection's articles, most of the work, are indexed in a helper process while this
one links the collection, on a core that would otherwise wait; in a UI this also keeps the
work off the interpreter that draws the screen.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor

from reader import store as cache
from reader.gcpause import collector_paused
from reader.model import Analysis, Article
from reader.processes import helper_context, usable_cores
from reader.search import SearchIndex, index_documents, index_kind

Warn = Callable[[str], None]

# Characters of article text from which a helper process indexes the articles: below it,
# starting one (~0.3 s) costs about what it saves.
HELPER_MIN_CHARS = 4_000_000


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


class IndexBuild:
    """A search index under way. On a large collection a helper process indexes the articles
    from when they are all read (`pipeline.analyse`'s `on_linking`), while this process links
    them; `finish` indexes the quotes and speakers once the analysis is complete.

    The result is the same as `SearchIndex(analysis)`; if the helper cannot start or fails,
    the articles are indexed here.
    """

    def __init__(self, articles: list[Article]) -> None:
        self._texts = [article.text for article in articles]
        self._executor: ProcessPoolExecutor | None = None
        self._future: Future[list[object]] | None = None
        if usable_cores() < 2 or sum(map(len, self._texts)) < HELPER_MIN_CHARS:
            return
        executor = ProcessPoolExecutor(max_workers=1, mp_context=helper_context())
        try:
            documents = [(text, len(text)) for text in self._texts]
            self._future = executor.submit(index_kind, "article", documents)
        except (OSError, RuntimeError):  # no process to be had: all is indexed here
            executor.shutdown(wait=False, cancel_futures=True)
            return
        self._executor = executor

    def finish(self, analysis: Analysis) -> SearchIndex:
        """The index of `analysis`, whose articles are those this build was started with."""
        try:
            texts = [article.text for article in analysis.articles]
            same = len(texts) == len(self._texts) and all(
                a is b for a, b in zip(texts, self._texts, strict=True)
            )
            if self._future is None or not same:
                return SearchIndex(analysis)
            with collector_paused(age_survivors=True):
                documents = index_documents(analysis)
            stored = {name: index_kind(name, documents[name]) for name in ("speaker", "quote")}
            try:
                stored["article"] = self._future.result()
            except Exception:  # noqa: BLE001 - whatever stopped the helper, index them here
                stored["article"] = index_kind("article", documents["article"])
            return SearchIndex(analysis, stored, documents)
        finally:
            self.close()

    def close(self) -> None:
        """Let the helper go (done, or no longer wanted). Safe to call twice."""
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None


def build_index(analysis: Analysis) -> SearchIndex:
    """Index `analysis` now; a large one with its articles indexed in a helper process."""
    return IndexBuild(analysis.articles).finish(analysis)
