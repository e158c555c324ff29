"""Search: exact hits, their order, offsets and labels, on small hand-built collections."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader import search as search_module
from reader.model import Analysis, Article, Quote, Speaker
from reader.search import SearchIndex, SearchResults, fold, query_words

A1 = (
    "NATO aide floats territory deal\n\n"
    "Stian Jenssen said: “I think that a solution could be for Ukraine to give up territory, "
    "and get NATO membership in return.” Critics disagreed.\n\n"
    "Podolyak wrote: “Trading territory for a NATO umbrella? It is ridiculous.”\n"
)
A2 = (
    "Jenssen calls remark a mistake\n\n"
    "“It was a mistake,” Jenssen told VG. The territorial question remains open.\n"
)
A3 = "Kyiv rejects the idea\n\nAdviser Mykhailo Podoliak rejected the idea on Wednesday.\n"
Q1 = (
    "I think that a solution could be for Ukraine to give up territory, "
    "and get NATO membership in return."
)
Q2 = "Trading territory for a NATO umbrella? It is ridiculous."
Q3 = "It was a mistake,"


def quote(article_id: str, text: str, number: int, speaker: str, words: str) -> Quote:
    start = text.index(words)
    return Quote(f"{article_id}:q{number}", article_id, start, start + len(words), words, speaker)


def one_article(text: str, *quoted: str) -> Analysis:
    """Article "a" holding `text`, with unattributed quotes a:q1, a:q2 … of the given words."""
    return Analysis(
        articles=[Article("a", "a.txt", text)],
        quotes=[quote("a", text, n, None, words) for n, words in enumerate(quoted, 1)],
    )


def collection() -> Analysis:
    return Analysis(
        articles=[
            Article("a1", "a1.txt", A1, title="NATO aide floats territory deal"),
            Article("a2", "a2.txt", A2, title="Jenssen calls remark a mistake"),
            Article("a3", "a3.txt", A3, title="Kyiv rejects the idea"),
        ],
        speakers=[
            Speaker("stian-jenssen", "Stian Jenssen", ["Jenssen"]),
            Speaker("mykhailo-podolyak", "Mykhailo Podolyak", ["Podolyak", "Podoliak"]),
        ],
        quotes=[
            quote("a1", A1, 1, "stian-jenssen", Q1),
            quote("a1", A1, 2, "mykhailo-podolyak", Q2),
            quote("a2", A2, 1, "stian-jenssen", Q3),
        ],
    )


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(collection())


def keys(results) -> list[tuple[str, str | None]]:
    return [(h.kind, h.quote_id or h.article_id or h.speaker_id) for h in results.hits]


def test_exact_word_finds_quote_then_article_with_offsets(index: SearchIndex) -> None:
    results = index.search("mistake")
    assert results.total == 2
    assert keys(results) == [("quote", "a2:q1"), ("article", "a2")]
    hit = results.hits[0]
    assert (hit.article_id, hit.speaker_id) == ("a2", "stian-jenssen")
    assert (hit.start, hit.end) == (A2.index("mistake,”"), A2.index("mistake,”") + 7)
    assert hit.label == "It was a mistake,"
    assert hit.label_spans == [(9, 16)]
    article = results.hits[1]
    assert (article.start, article.end) == (23, 30)  # first occurrence: the title
    assert A2[article.start : article.end] == "mistake"


def test_case_is_ignored(index: SearchIndex) -> None:
    assert keys(index.search("MISTAKE")) == keys(index.search("mistake"))


def test_exact_spelling_ranks_above_near_spelling(index: SearchIndex) -> None:
    results = index.search("podolyak")
    assert keys(results) == [
        ("speaker", "mykhailo-podolyak"),
        ("article", "a1"),
        ("quote", "a1:q2"),  # by Podolyak: found through its speaker's name, below text matches
        ("article", "a3"),  # only "Podoliak": a near spelling, last
    ]
    assert results.total == 4
    assert [round(h.score) // 100 for h in results.hits] == [3, 3, 3, 1]
    speaker = results.hits[0]
    assert (speaker.article_id, speaker.start, speaker.end) == (None, None, None)
    assert speaker.label == "Mykhailo Podolyak (Podolyak, Podoliak)"
    assert speaker.label_spans == [(9, 17), (19, 27)]
    by_name = results.hits[2]  # no match inside the quote: it points at the whole quote
    assert (by_name.start, by_name.end) == (A1.index(Q2), A1.index(Q2) + len(Q2))
    assert by_name.label_spans == []
    near = results.hits[3]
    assert A3[near.start : near.end] == "Podoliak"


def test_alias_spelling_finds_speaker_first(index: SearchIndex) -> None:
    results = index.search("podoliak")
    assert keys(results) == [
        ("speaker", "mykhailo-podolyak"),
        ("article", "a3"),
        ("quote", "a1:q2"),
        ("article", "a1"),
    ]
    # The quote is an exact match through its speaker's alias; article a1 only says "Podolyak".
    assert [round(h.score) // 100 for h in results.hits] == [3, 3, 3, 1]
    assert results.hits[0].label_spans == [(29, 37)]


def test_typo_is_found_fuzzily(index: SearchIndex) -> None:
    results = index.search("territorry")
    assert keys(results) == [("quote", "a1:q2"), ("quote", "a1:q1"), ("article", "a1")]
    for hit in results.hits:
        assert A1[hit.start : hit.end] == "territory"


def test_prefix_and_inner_matches(index: SearchIndex) -> None:
    prefix = index.search("terr")
    assert prefix.total == 4
    assert set(keys(prefix)) == {
        ("quote", "a1:q1"),
        ("quote", "a1:q2"),
        ("article", "a1"),
        ("article", "a2"),  # "territorial"
    }
    inner = index.search("sday")  # inside "Wednesday"
    assert keys(inner) == [("article", "a3")]
    assert A3[inner.hits[0].start : inner.hits[0].end] == "sday"


def test_whole_word_ranks_above_prefix_and_prefix_above_inner() -> None:
    text = "Gas prices. Gasoline shortages. Biogas plants.\n"
    analysis = one_article(text, "Biogas plants.", "Gasoline shortages.", "Gas prices.")
    results = SearchIndex(analysis).search("gas")
    assert keys(results) == [
        ("quote", "a:q3"),  # the word itself
        ("article", "a"),  # holds the word itself too, further from the start
        ("quote", "a:q2"),  # a word starting with it
        ("quote", "a:q1"),  # inside a word
    ]


def test_all_words_must_match(index: SearchIndex) -> None:
    results = index.search("jenssen mistake")
    assert results.total == 2
    assert keys(results) == [("quote", "a2:q1"), ("article", "a2")]
    assert index.search("jenssen umbrella").total == 1  # only article a1 has both
    assert index.search("mistake umbrella").total == 0


def test_phrase_is_found_with_its_span(index: SearchIndex) -> None:
    results = index.search("give up territory")
    assert keys(results) == [("quote", "a1:q1"), ("article", "a1")]
    start = A1.index("give up territory")
    for hit in results.hits:
        assert (hit.start, hit.end) == (start, start + len("give up territory"))
    assert results.hits[0].label == (
        "…could be for Ukraine to give up territory, and get NATO membership in return."
    )
    assert results.hits[0].label_spans == [(25, 42)]


def test_phrase_ranks_above_scattered_words() -> None:
    text = "Up the hill they give. Then: give up now.\n"
    analysis = one_article(text, "Up the hill they give.", "give up now.")
    assert keys(SearchIndex(analysis).search("give up"))[0] == ("quote", "a:q2")


def test_limit_keeps_the_total(index: SearchIndex) -> None:
    everything = index.search("t")
    limited = index.search("t", limit=2)
    assert everything.total == limited.total == 5
    assert len(limited.hits) == 2
    assert keys(limited) == keys(everything)[:2]


def test_empty_and_punctuation_queries(index: SearchIndex) -> None:
    for query in ("", "   ", "?!", "“”"):
        results = index.search(query)
        assert (results.hits, results.total) == ([], 0)


def test_empty_collection() -> None:
    index = SearchIndex(Analysis())
    for query in ("a", "ab", "abc", "hello world"):
        assert index.search(query) == SearchResults([], 0)


def test_no_match(index: SearchIndex) -> None:
    results = index.search("zebra")
    assert (results.hits, results.total) == ([], 0)


def test_label_is_one_safe_line_and_spans_point_at_the_word() -> None:
    text = "Title\n\nHe said: “Act now\x1b[31m\tor\nlose the territory.”\n"
    words = "Act now\x1b[31m\tor\nlose the territory."
    analysis = one_article(text, words)
    hit = SearchIndex(analysis).search("lose").hits[0]
    assert hit.label == "Act now␛[31m or lose the territory."
    assert "\n" not in hit.label and "\x1b" not in hit.label
    ((start, end),) = hit.label_spans
    assert hit.label[start:end] == "lose"
    assert text[hit.start : hit.end] == "lose"


def test_long_article_label_is_a_window_around_the_match() -> None:
    filler = " ".join(f"word{n}" for n in range(200))
    text = f"Title\n\n{filler} needle {filler}\n"
    hit = SearchIndex(one_article(text)).search("needle").hits[0]
    assert text[hit.start : hit.end] == "needle"
    assert hit.label.startswith("…") and hit.label.endswith("…")
    assert len(hit.label) <= 82
    ((start, end),) = hit.label_spans
    assert hit.label[start:end] == "needle"


def test_offsets_survive_characters_that_lowercase_to_two() -> None:
    text = "İstanbul talks\n\nThe mayor said: “Peace is near.”\n"
    analysis = one_article(text, "Peace is near.")
    hits = SearchIndex(analysis).search("near").hits
    assert {(h.kind, text[h.start : h.end]) for h in hits} == {
        ("quote", "near"),
        ("article", "near"),
    }


def test_large_match_sets_rank_exact_words_first(monkeypatch: pytest.MonkeyPatch) -> None:
    # With a tiny scoring budget the shortlist path runs: exact words still come first and the
    # count stays exact.
    monkeypatch.setattr(search_module, "_SCORED", {"speaker": 2, "quote": 2, "article": 2})
    texts = [f"Row {n} stands apart." for n in range(30)] + ["St row.", "Stand st."]
    body = "\n".join(texts) + "\n"
    results = SearchIndex(one_article(body, *texts)).search("st")
    assert results.total == 33
    assert keys(results)[:2] == [("quote", "a:q31"), ("quote", "a:q32")]


def test_accents_and_case_are_ignored_both_ways() -> None:
    text = "Talks in São Paulo\n\nThe mayor said: “We welcome Zürich's offer.”\n"
    analysis = one_article(text, "We welcome Zürich's offer.")
    index = SearchIndex(analysis)
    for query, found in (("sao paulo", "São Paulo"), ("SÃO", "São"), ("zurich", "Zürich")):
        hits = index.search(query).hits
        assert hits, query
        assert text[hits[0].start : hits[0].end] == found


def test_scripts_without_spaces_match_inside_runs() -> None:
    text = "領土交換について\n\n彼は「領土を諦めるべきではない」と述べた。\n"
    words = "領土を諦めるべきではない"
    analysis = one_article(text, words)
    results = SearchIndex(analysis).search("諦め")
    assert keys(results) == [("quote", "a:q1"), ("article", "a")]
    assert text[results.hits[0].start : results.hits[0].end] == "諦め"
    assert SearchIndex(analysis).search("交換").total == 1


def test_searches_from_several_threads_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_module, "_CACHE_SIZE", 1)  # every search evicts the caches
    monkeypatch.setattr(search_module, "_SETS_KEPT", 1)
    index = SearchIndex(collection())
    queries = ["mistake", "terr", "podoliak", "jenssen mistake", "give up territory", "t"] * 20
    expected = [keys(index.search(q)) for q in queries]
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda q: keys(index.search(q)), queries))
    assert got == expected


def test_find_spans_marks_every_match_in_an_article(index: SearchIndex) -> None:
    def found(text: str, query: str) -> list[str]:
        return [text[a:b] for a, b in index.find_spans(text, query)]

    assert found(A1, "TERRITORY") == ["territory"] * 3
    assert found(A2, "terr") == ["terr"]  # in "territorial"
    assert found(A3, "sday") == ["sday"]  # inside a word only
    assert found(A1, "umbrela") == ["umbrella"]  # the near spelling the search used
    assert found(A1, "give up") == ["give", "up"]  # each word, in text order
    assert found(A1, "zebra") == []
    assert index.find_spans(A1, "give") == [(A1.index("give"), A1.index("give") + 4)]


def test_query_words() -> None:
    assert query_words("  Jens  STOLTENBERG, nato! ") == ["jens", "stoltenberg", "nato"]
    assert query_words("the cat and the hat") == ["the", "cat", "and", "hat"]
    pasted = " ".join(f"w{n}" for n in range(100))
    assert query_words(pasted) == [f"w{n}" for n in range(32)]


def test_repeated_words_match_like_one(index: SearchIndex) -> None:
    assert keys(index.search("a " * 500)) == keys(index.search("a"))


# -- the match count agrees with a brute-force reading of the rules ---------------------------

WORD = re.compile(r"\w+")


def brute_count(analysis: Analysis, query: str) -> int:
    """Documents where every query word starts a word (one or two letters) or lies inside one
    (three letters); no fuzzy matching below four letters."""
    labels = [
        s.name + " (" + ", ".join(s.aliases) + ")" if s.aliases else s.name
        for s in analysis.speakers
    ]
    names = {s.id: label for s, label in zip(analysis.speakers, labels, strict=True)}
    docs = list(labels)
    docs += [
        q.text + (" — " + names[q.speaker] if q.speaker in names else "") for q in analysis.quotes
    ]
    docs += [a.text for a in analysis.articles]
    words = query_words(query)
    if not words:
        return 0
    count = 0
    for doc in docs:
        tokens = WORD.findall(fold(doc))
        if all(any(t.startswith(w) if len(w) < 3 else w in t for t in tokens) for w in words):
            count += 1
    return count


texts = st.text(alphabet="ab cé-\n", min_size=0, max_size=40)


@settings(max_examples=300, deadline=None)
@given(
    articles=st.lists(texts, min_size=1, max_size=4),
    names=st.lists(st.text(alphabet="abc ", min_size=1, max_size=8), max_size=3),
    query=st.text(alphabet="abcé -", min_size=1, max_size=8),
)
def test_count_matches_brute_force(articles: list[str], names: list[str], query: str) -> None:
    speakers = [Speaker(f"s{n}", name) for n, name in enumerate(names)]
    quotes = []
    for n, text in enumerate(articles):
        if len(text) > 4:
            speaker = speakers[n % len(speakers)].id if speakers else None
            quotes.append(Quote(f"a{n}:q1", f"a{n}", 2, len(text) - 1, text[2:-1], speaker))
    analysis = Analysis(
        articles=[Article(f"a{n}", f"a{n}.txt", t) for n, t in enumerate(articles)],
        speakers=speakers,
        quotes=quotes,
    )
    if any(len(w) >= 4 for w in query_words(query)):
        query = " ".join(w[:3] for w in query_words(query))
    results = SearchIndex(analysis).search(query)
    assert results.total == brute_count(analysis, query)
    assert len(results.hits) == results.total  # fewer than the limit: every match is listed
    for hit in results.hits:
        if hit.kind != "speaker":
            text = analysis.articles[int(hit.article_id[1:])].text
            assert 0 <= hit.start <= hit.end <= len(text)
