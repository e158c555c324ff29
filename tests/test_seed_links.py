"""The seed story end to end: every link between the seeds' quotes, its kind and direction.

Quotes are named by article and opening words rather than by number, so that the test states
what a reader sees: which statement points to which.
"""

from __future__ import annotations

import pytest

from reader.model import Analysis, Quote
from reader.pipeline import analyse
from reader.resources import default_collection

ORIGINAL = "I think that a solution could be"
TRADING = "Trading territory for a NATO umbrella"
MISTAKE = "My statement about this"
UMBRELLA = "If we want to stop the hot stage"

# (kind, later statement, earlier statement): article number and opening words of each quote.
# 000, 001 and 003 carry no date: their statements take the time of their dated copies in 002
# and 004 (a repeat or an excerpt is the same statement), and their other statements that time
# shifted by their relative days. Statements of the same day point from the later article in
# the collection to the earlier one.
EXPECTED = {
    # Jenssen's proposal, on Tuesday 15 August, as three outlets printed it (002 prints a
    # longer quote).
    ("repeat", ("001", ORIGINAL), ("000", ORIGINAL)),
    ("excerpt", ("002", ORIGINAL), ("000", ORIGINAL)),
    ("excerpt", ("002", ORIGINAL), ("001", ORIGINAL)),
    # The next day he called it a mistake: a retraction of every copy.
    ("retraction", ("001", MISTAKE), ("000", ORIGINAL)),
    ("retraction", ("001", MISTAKE), ("001", ORIGINAL)),
    ("retraction", ("001", MISTAKE), ("002", ORIGINAL)),
    # Podolyak's post on the 16th, in two outlets; 001 reports one word of it, from "Ukrainian
    # officials".
    ("repeat", ("002", TRADING), ("000", TRADING)),
    ("excerpt", ("001", "ridiculous"), ("000", TRADING)),
    ("excerpt", ("002", TRADING), ("001", "ridiculous")),
    # Kyiv's rebuttals of the proposal, each pointing to the copy its own article reports.
    ("rebuttal", ("000", TRADING), ("000", ORIGINAL)),
    ("rebuttal", ("001", "ridiculous"), ("001", ORIGINAL)),
    ("rebuttal", ("002", TRADING), ("002", ORIGINAL)),
    ("rebuttal", ("002", "We have always assumed"), ("002", ORIGINAL)),
    ("rebuttal", ("002", "The conscious or unconscious"), ("002", ORIGINAL)),
    # A NATO source's statement and the words of it that another sentence quotes.
    ("excerpt", ("001", "We fully support"), ("001", "sovereignty and territorial integrity")),
    # Zelensky's 2024 proposal and the fragments of it that 004 quotes "last week" (25
    # November): the same statement, so 003's quote takes that day, and 004 is the later report.
    ("excerpt", ("003", "NATO umbrella"), ("003", UMBRELLA)),
    ("excerpt", ("004", "under the NATO umbrella"), ("003", UMBRELLA)),
    ("excerpt", ("004", "hot stage of the war"), ("003", UMBRELLA)),
}


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    return analyse([default_collection()])


def find(analysis: Analysis, article: str, opening: str) -> Quote:
    matches = [
        q for q in analysis.quotes if q.article.startswith(article) and q.text.startswith(opening)
    ]
    assert len(matches) == 1, f"{article} {opening!r}: {[q.id for q in matches]}"
    return matches[0]


def test_every_seed_link_has_its_kind_and_direction(analysis):
    expected = {
        (kind, find(analysis, *later).id, find(analysis, *earlier).id)
        for kind, later, earlier in EXPECTED
    }
    found = {(link.kind, link.source, link.target) for link in analysis.links}
    assert found == expected


def test_link_scores(analysis):
    by_pair = {(link.source, link.target): link for link in analysis.links}
    repeat = by_pair[(find(analysis, "002", TRADING).id, find(analysis, "000", TRADING).id)]
    assert repeat.score == 100.0  # curly and straight marks differ, the words do not
    retraction_here = by_pair[
        (find(analysis, "001", MISTAKE).id, find(analysis, "001", ORIGINAL).id)
    ]
    retraction_there = by_pair[
        (find(analysis, "001", MISTAKE).id, find(analysis, "000", ORIGINAL).id)
    ]
    assert retraction_here.score > retraction_there.score
    assert all(0 < link.score <= 100 for link in analysis.links)


@pytest.mark.parametrize(
    ("article", "opening"),
    [
        ("003", "All our partners always look for permission"),
        ("003", "our citizens forever"),
        ("004", "We need a cease-fire line"),
        ("002", "Russia is struggling enormously"),
        ("001", "recognize the new territorial realities"),
    ],
)
def test_unrelated_quotes_link_to_nothing(analysis, article, opening):
    quote = find(analysis, article, opening)
    assert [link for link in analysis.links if quote.id in (link.source, link.target)] == []


@pytest.mark.parametrize(
    ("article", "opening", "time"),
    [
        ("000", ORIGINAL, "2023-08-15"),
        ("000", TRADING, "2023-08-16"),
        ("001", MISTAKE, "2023-08-16"),
        ("001", ORIGINAL, "2023-08-15"),
        ("003", UMBRELLA, "2024-11-25"),
        ("003", "NATO umbrella", "2024-11-25"),
        # Undated like the rest of 003, "last week" before it: a week before the dated quote.
        ("003", "All our partners always look for permission", "2024-11-18"),
        ("003", "our citizens forever", "2022"),  # its own narration dates it
    ],
)
def test_undated_articles_take_the_time_of_dated_copies(analysis, article, opening, time):
    assert find(analysis, article, opening).time == time


def test_jenssen_shifts_from_support_to_retract_once(analysis):
    jenssen = find(analysis, "001", MISTAKE).speaker
    shifts = [s for s in analysis.shifts if s.speaker == jenssen]
    assert [(s.from_stance, s.to_stance) for s in shifts] == [("support", "retract")]
    assert shifts[0].to_quote == find(analysis, "001", MISTAKE).id
    assert shifts[0].from_quote in {find(analysis, a, ORIGINAL).id for a in ("000", "001", "002")}
