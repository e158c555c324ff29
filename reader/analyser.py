"""The analysis itself: one file's articles into a cache payload (`analyse_file`, run in
worker processes), and the collection-wide steps over all of them (`collection_steps`).

Apart from `reader.pipeline`, which imports it only when something must be analysed: a
cached collection re-opens without importing the analysers, a tenth of a second that the
first screen would otherwise wait for.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reader import store as cache
from reader.analysis.linkprep import prepare_article
from reader.analysis.links import PreparedLinks, find_shifts, link_quotes
from reader.analysis.quotes import find_quotes
from reader.analysis.speakers import attribute, merge_speakers
from reader.analysis.stance import score_stance
from reader.analysis.textmatches import TextMatches
from reader.analysis.timeline import assign_times
from reader.checkpoints import Checkpoint, no_checkpoint
from reader.ingest import read_file, unique_ids
from reader.model import Article, Link, Quote, Shift, Speaker
from reader.settings import CollectionSettings


def analyse_article(article: Article, settings: CollectionSettings) -> list[Quote]:
    """Quotes of one article, attributed, with stance and time: depends on nothing else."""
    quotes = find_quotes(article)
    attribute(article, quotes)
    score_stance(article, quotes, settings)
    assign_times(article, quotes)
    prepare_article(article, quotes)
    return quotes


def analyse_file(path: str, settings: CollectionSettings) -> tuple[bytes, bool]:
    """One file read and analysed, as a cache payload, and whether it may be cached.

    An analysis bug on one article must not cost the user the collection: the article is kept
    without quotes, the failure is reported, and the result is not cached so a fixed analyser
    retries it.
    """
    warnings: list[str] = []
    # Ids unique within the file first (a .jsonl may repeat one), so that each quote's
    # `article` names one article when ids are made unique across the collection.
    try:
        articles = unique_ids(read_file(Path(path), warnings.append))
    except Exception as error:  # noqa: BLE001 - a reader bug on one file skips that file only
        warnings.append(f"skipped {path}: could not be read ({type(error).__name__}: {error})")
        return cache.encode_file([], [], warnings), False
    quotes: list[Quote] = []
    cacheable = True
    for article in articles:
        try:
            quotes.extend(analyse_article(article, settings))
        except Exception as error:  # noqa: BLE001 - reported, and the rest still opens
            cacheable = False
            warnings.append(
                f"{article.path}: analysis failed ({type(error).__name__}: {error}); "
                "showing the article without quotes"
            )
    return cache.encode_file(articles, quotes, warnings), cacheable


def analyse_chunk(paths: Sequence[str], settings: CollectionSettings) -> list[tuple[bytes, bool]]:
    return [analyse_file(path, settings) for path in paths]


def collection_steps(
    articles: list[Article],
    quotes: list[Quote],
    settings: CollectionSettings,
    *,
    previous: TextMatches | None = None,
    checkpoint: Checkpoint = no_checkpoint,
) -> tuple[list[Speaker], list[Link], list[Shift], TextMatches]:
    """The collection-wide steps: one speaker per person, links, stance shifts, and the text
    matches linking found (`previous` are those of an earlier state, to reuse).
    `checkpoint()` is called between the steps: raising from it stops them."""
    # Texts are matched first (in a helper process, for a large collection) while this one
    # merges the speakers, which the rest of linking needs.
    checkpoint()
    with PreparedLinks(articles, quotes, previous, checkpoint) as prepared:
        checkpoint()
        speakers = merge_speakers(quotes)
        checkpoint()
        linking = link_quotes(articles, quotes, settings, prepared=prepared, checkpoint=checkpoint)
    checkpoint()
    return speakers, linking.links, find_shifts(quotes, linking.links), linking.matches
