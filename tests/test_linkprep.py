"""The per-article part of linking (`analysis/linkprep.py`): recorded with each article's
analysis, so workers do it in parallel and the cache keeps it, and linking gives the same
result from recorded forms as from forms worked out on the spot."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.analyser import analyse_article
from reader.analysis.evidence import load_lexicon, name_references
from reader.analysis.linkprep import quote_form
from reader.analysis.links import link_quotes
from reader.analysis.merge import merge_speakers
from reader.analysis.normalise import content_stems, normalise, words
from reader.ingest import load_paths
from reader.model import Article, Quote
from reader.settings import CollectionSettings, find_settings

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
NEWS = Path(__file__).resolve().parent / "fixtures" / "news"


def _analysed(folder: Path) -> tuple[list[Article], list[Quote], CollectionSettings]:
    settings = find_settings([folder], lambda _message: None)
    articles = load_paths([folder], lambda _message: None)
    quotes = [q for a in articles for q in analyse_article(a, settings)]
    return articles, quotes, settings


def test_analysis_records_each_quotes_words_and_stems_and_the_articles_references():
    articles, quotes, _ = _analysed(SEEDS)
    assert quotes
    for quote in quotes:
        assert quote.norm == normalise(quote.text)
        assert quote.stems == " ".join(content_stems(words(quote.text)))
    lexicon = load_lexicon()
    for article in articles:
        assert article.references == name_references(article.text, lexicon)
    # The seeds answer Jenssen by name: the references are not all empty.
    assert any(name == "Jenssen" for a in articles for _, name in a.references or ())


def test_a_quote_built_by_hand_has_its_form_worked_out():
    quote = Quote("a:q1", "a", 0, 25, "We will NOT give up [the] land")
    assert quote_form(quote) == ("we will not give up the land", "giv land")
    quote.norm, quote.stems = "recorded form", "record"
    assert quote_form(quote) == ("recorded form", "record")


def _bare(articles: list[Article], quotes: list[Quote]) -> tuple[list[Article], list[Quote]]:
    """Copies without what `prepare_article` recorded."""
    return (
        [dataclasses.replace(a, references=None) for a in articles],
        [dataclasses.replace(q, norm=None, stems=None) for q in quotes],
    )


@pytest.mark.parametrize(
    ("folder", "kinds"),
    [(SEEDS, {"repeat", "excerpt", "rebuttal", "retraction"}), (NEWS, {"excerpt"})],
    ids=["seeds", "news"],
)
def test_links_are_the_same_from_recorded_and_from_worked_out_forms(folder, kinds):
    articles, quotes, settings = _analysed(folder)
    bare_articles, bare_quotes = _bare(articles, quotes)
    merge_speakers(quotes)
    merge_speakers(bare_quotes)
    recorded = link_quotes(articles, quotes, settings).links
    worked_out = link_quotes(bare_articles, bare_quotes, settings).links
    assert recorded == worked_out
    assert {link.kind for link in recorded} == kinds


def _rebuttals(articles: list[Article], quotes: list[Quote], settings) -> set[tuple[str, str]]:
    links = link_quotes(articles, quotes, settings).links
    return {(link.source, link.target) for link in links if link.kind == "rebuttal"}


def test_rebuttals_read_the_recorded_references():
    """Recorded as none, the seeds' references ("Jenssen's suggestion drew a sharp rebuke")
    make fewer rebuttals: linking reads what the article's analysis recorded."""
    articles, quotes, settings = _analysed(SEEDS)
    merge_speakers(quotes)
    rebuttals = _rebuttals(articles, quotes, settings)
    for article in articles:
        article.references = []
    assert _rebuttals(articles, quotes, settings) < rebuttals


_SCORES = """
import sys
from reader.pipeline import analyse
analysis = analyse([sys.argv[1]], use_cache=False)
for link in analysis.links:
    print(link.source, link.target, link.kind, repr(link.score))
for quote in analysis.quotes:
    print(quote.id, quote.speaker, quote.stance, repr(quote.stance_score), quote.time)
for speaker in analysis.speakers:
    print(speaker)
"""


def test_the_analysis_is_the_same_in_every_process(tmp_path):
    """Sets iterate in an order that depends on the process's string hashing: no score may,
    to the last bit (a related link's score did)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    try:
        from gen_collection import generate
    finally:
        sys.path.pop(0)
    generate(tmp_path / "articles", 40, seed=3)
    outputs = []
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        command = [sys.executable, "-c", _SCORES, str(tmp_path / "articles")]
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
        outputs.append(result.stdout)
    assert " related " in outputs[0]
    assert outputs[0] == outputs[1]


def test_every_related_link_joins_quotes_that_reach_its_score(tmp_path):
    """The score of a related link is the weighted Jaccard of its own two quotes: however the
    speaker's quotes were ordered and re-ordered (sharing times re-sorts them) while it was
    being found."""
    from reader.analysis.links import PreparedLinks
    from reader.analysis.related import RELATED_SAME_SPEAKER, similarity, stem_weights

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    try:
        from gen_collection import generate
    finally:
        sys.path.pop(0)
    generate(tmp_path / "articles", 60, seed=5)
    articles, quotes, settings = _analysed(tmp_path / "articles")
    merge_speakers(quotes)
    links = link_quotes(articles, quotes, settings).links
    related = [link for link in links if link.kind == "related"]
    assert len(related) > 10
    with PreparedLinks(articles, quotes) as prepared:
        table = prepared.matching.table
    weight, mass = stem_weights(table)
    sets = table.index.stem_sets
    index = {q.id: n for n, q in enumerate(quotes)}
    for link in related:
        i, j = index[link.source], index[link.target]
        a, b = table.text_of[i], table.text_of[j]
        value, _ = similarity(weight, sets[a], sets[b], mass[a] + mass[b])
        assert value >= RELATED_SAME_SPEAKER
        assert link.score == pytest.approx(100.0 * value)
