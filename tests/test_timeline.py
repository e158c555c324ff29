"""Time of statements from the article's date and the narration's time words, and the order
key that sorts statements even when only relative time is known."""

from __future__ import annotations

import re
import string
import sys
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.analysis.timeline import CASE_TRAPS, UNDATED, assign_times, date_order
from reader.model import Article, Quote

WEDNESDAY = "2023-08-16"


def timed(text: str, *quotes: tuple, published: str | None = WEDNESDAY) -> list[Quote]:
    """Quotes given as (quoted words, speaker[, attribution words]) in text order."""
    doc = Article(id="a", path="a.txt", text=text, date=published)
    made: list[Quote] = []
    pos = 0
    for n, (words, speaker, *rest) in enumerate(quotes):
        start = text.index(words, pos)
        pos = start + len(words)
        attribution = None
        if rest:
            a = text.index(rest[0], pos)
            attribution = (a, a + len(rest[0]))
        made.append(
            Quote(
                f"a:q{n}",
                "a",
                start,
                start + len(words),
                words,
                speaker_name=speaker,
                attribution=attribution,
            )
        )
    assign_times(doc, made)
    return made


def day(iso: str) -> float:
    return float(date.fromisoformat(iso).toordinal())


@pytest.mark.parametrize(
    ("narration", "expected"),
    [
        ("On Tuesday, Jenssen said: “We talked.”", "2023-08-15"),
        ("“We talked,” Jenssen said at a panel on Tuesday.", "2023-08-15"),
        ("“We talked,” Jenssen said on Wednesday.", "2023-08-16"),
        ("“We talked,” Jenssen said last Wednesday.", "2023-08-09"),
        ("“We talked,” Jenssen said on Friday.", "2023-08-11"),
        ("A day earlier, Jenssen said: “We talked.”", "2023-08-15"),
        ("Yesterday Jenssen said: “We talked.”", "2023-08-15"),
        ("Two days ago Jenssen said: “We talked.”", "2023-08-14"),
        ("“We talked,” Jenssen told Fox News last week.", "2023-08-09"),
        ("Last month Jenssen said: “We talked.”", "2023-07"),
        ("In May, Jenssen said: “We talked.”", "2023-05"),
        ("In December, Jenssen said: “We talked.”", "2022-12"),
        ("In 2022, Jenssen said: “We talked.”", "2022"),
        ("On August 3, Jenssen said: “We talked.”", "2023-08-03"),
        ("On 3 September 2021, Jenssen said: “We talked.”", "2021-09-03"),
        ("On 2023-08-01 Jenssen said: “We talked.”", "2023-08-01"),
        ("Jenssen said: “We talked.”", "2023-08-16"),
    ],
)
def test_time_words_in_the_quotes_sentence_resolve_against_the_article_date(
    narration: str, expected: str
) -> None:
    words = narration.split("“")[1].split("”")[0]
    (quote,) = timed(narration, (words, "J"))
    assert quote.time == expected
    assert quote.order == date_order(expected)


def test_time_words_inside_a_quotation_are_the_speakers_not_the_statements() -> None:
    (quote,) = timed(
        "“We met on Tuesday and may meet in May,” she said.",
        ("We met on Tuesday and may meet in May,", "S"),
    )
    assert quote.time == WEDNESDAY


def test_a_day_earlier_counts_from_the_last_date_the_article_named() -> None:
    text = (
        "On Thursday he walked back his comments.\n\n"
        "“It was a mistake,” he said.\n\n"
        "A day earlier, he said: “It is a solution.”"
    )
    later, earlier = timed(
        text, ("It was a mistake,", "J"), ("It is a solution.", "J"), published="2023-08-18"
    )
    assert (later.time, earlier.time) == ("2023-08-18", "2023-08-16")
    assert earlier.order < later.order


def test_a_time_said_earlier_in_the_paragraph_applies_to_the_quote() -> None:
    text = "The comments were made on Tuesday by Jenssen. “It is a solution,” he said."
    (quote,) = timed(text, ("It is a solution,", "J", "he said"))
    assert quote.time == "2023-08-15"


def test_a_continued_statement_keeps_the_time_of_its_first_part() -> None:
    text = (
        "“All our partners look to Washington,” Zelensky told Fox News last week. "
        "“If it doesn't give, Europe will not give.”\n\n"
        "“Next,” said Putin."
    )
    first, second, third = timed(
        text,
        ("All our partners look to Washington,", "Z", "Zelensky told Fox News"),
        ("If it doesn't give, Europe will not give.", "Z"),
        ("Next,", "P", "said Putin"),
    )
    assert first.time == second.time == "2023-08-09"
    assert third.time == WEDNESDAY


def test_without_an_article_date_relative_times_still_order_the_statements() -> None:
    text = (
        "He walked back his comments on Wednesday.\n\n"
        "“It was a mistake,” he told VG.\n\n"
        "A day earlier, he said: “It is a solution.”\n\n"
        "“Nonsense,” a critic said last week."
    )
    retraction, proposal, critic = timed(
        text,
        ("It was a mistake,", "J", "he told VG"),
        ("It is a solution.", "J"),
        ("Nonsense,", "C", "a critic said last week"),
        published=None,
    )
    assert retraction.time is proposal.time is critic.time is None
    assert (retraction.order, proposal.order, critic.order) == (UNDATED, UNDATED - 1, UNDATED - 7)


def test_weekdays_of_an_undated_article_are_placed_before_its_latest_one() -> None:
    text = "“First,” he said on Tuesday.\n\n“Second,” he said on Wednesday.\n\n“Third,” she said."
    first, second, third = timed(
        text,
        ("First,", "A", "he said"),
        ("Second,", "A", "he said"),
        ("Third,", "B", "she said"),
        published=None,
    )
    assert (first.order, second.order, third.order) == (UNDATED - 1, UNDATED, UNDATED)


def test_an_absolute_date_needs_no_article_date() -> None:
    (quote,) = timed("In 2022, Putin said: “Forever.”", ("Forever.", "P"), published=None)
    assert (quote.time, quote.order) == ("2022", day("2022-01-01"))


def test_lowercase_may_and_march_are_not_months() -> None:
    (quote,) = timed("Troops may march on. “Go,” he said.", ("Go,", "G"))
    assert quote.time == WEDNESDAY


def test_date_order_is_the_key_of_iso_dates_and_sorts_dated_before_undated() -> None:
    assert date_order("2023-08-16") == day("2023-08-16")
    assert date_order("2023-08") == day("2023-08-01")
    assert date_order("2023") == day("2023-01-01")
    assert date_order("2023-02-30") is None
    assert date_order("yesterday") is None
    assert date_order(None) is None
    assert date_order("9999-12-31") < UNDATED - 400


def test_the_seed_story_in_order(tmp_path) -> None:
    from reader.pipeline import analyse
    from reader.resources import default_collection

    analysis = analyse([default_collection()], use_cache=False, workers=1)

    def quote(article: str, opening: str) -> Quote:
        (found,) = [
            q
            for q in analysis.quotes
            if q.article.startswith(article) and q.text.startswith(opening)
        ]
        return found

    # 002 is dated Wednesday 2023-08-16; Jenssen spoke "at a panel discussion ... on Tuesday".
    assert quote("002", "Russia is struggling").time == "2023-08-15"
    assert quote("002", "I think that a solution").time == "2023-08-15"
    assert quote("002", "Trading territory").time == "2023-08-16"
    # 004 (2024-12-02): Zelenskyy "said last week".
    assert quote("004", "under the NATO umbrella").time == "2024-11-25"
    assert quote("004", "If the cease-fire line").time == "2024-12-02"
    # 001 is undated: "A day earlier, Jenssen said" comes before the retraction.
    assert quote("001", "I think that a solution").order < quote("001", "My statement").order
    # 003 is undated: Fox News "last week" before the Sky News interview; 2022 is a date.
    assert quote("003", "All our partners").order < quote("003", "If we want to stop").order
    assert quote("003", "our citizens forever").time == "2022"


TIME_WORDS = st.sampled_from(
    [
        "On",
        "Tuesday",
        "Friday",
        "last",
        "week",
        "a",
        "day",
        "earlier",
        "yesterday",
        "In",
        "2022",
        "May",
        "March",
        "may",
        "3",
        "31",
        "February",
        "2023-02-30",
        "2023-08-01",
        "two",
        "days",
        "ago",
        "the",
        "previous",
        "day",
        "earlier",
        "this",
        "month",
        "“",
        "”",
        "said",
        ".",
        ",",
        "\n\n9999",
        "0000-00-00",
        "Sunday",
    ]
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(TIME_WORDS, max_size=50),
    st.lists(st.tuples(st.integers(0, 300), st.integers(1, 30)), max_size=6),
    st.one_of(st.none(), st.dates().map(date.isoformat), st.sampled_from(["2023", "junk"])),
)
def test_any_text_and_date_give_a_valid_time_and_order(words, spans, published) -> None:
    text = " ".join(words)
    quotes = []
    for n, (start, size) in enumerate(sorted(spans)):
        start = min(start, len(text))
        if quotes and start < quotes[-1].end:
            continue
        end = min(len(text), start + size)
        quotes.append(Quote(f"h:q{n}", "h", start, end, text[start:end], speaker_name="S"))
    assign_times(Article(id="h", path="h.txt", text=text, date=published), quotes)
    for quote in quotes:
        assert quote.time is None or date_order(quote.time) is not None
        assert quote.order == date_order(quote.time) if quote.time else quote.order > UNDATED - 800


def test_lowercased_text_matches_as_ignorecase_does_outside_the_case_traps() -> None:
    """The time patterns read lowercased text instead of matching with `re.IGNORECASE`: for
    every character but `CASE_TRAPS`, lowercasing keeps one character, keeps what `\\w`, `\\d`
    and `\\s` say of it, and gives the letter `(?i)` matches it with."""
    characters = "".join(
        chr(code)
        for code in range(sys.maxunicode + 1)
        if not 0xD800 <= code <= 0xDFFF and chr(code) not in CASE_TRAPS
    )
    lowered = characters.lower()
    assert len(lowered) == len(characters)
    for pattern in (r"\w", r"\d", r"\s"):
        found = re.compile(pattern)
        assert [m.start() for m in found.finditer(characters)] == [
            m.start() for m in found.finditer(lowered)
        ]
    for letter in string.ascii_lowercase:
        anycase = re.compile(letter, re.IGNORECASE)
        assert [m.start() for m in anycase.finditer(characters)] == [
            i for i, char in enumerate(lowered) if char == letter
        ]


def test_a_text_holding_a_case_trap_reads_its_times_the_same() -> None:
    """`ı` (and `ſ`, `İ`) make the patterns read the text as it is rather than lowercased."""
    plain = timed("Yesterday, Isik said: “We talked.”", ("We talked.", "Isik"))
    trap = timed("Yesterday, Işık said: “We talked.”", ("We talked.", "Işık"))
    assert [q.time for q in trap] == [q.time for q in plain] == ["2023-08-15"]


def test_weekdays_spelt_with_case_traps_name_their_days() -> None:
    """`Tueſday` and `Frıday` match the weekday pattern as `Tuesday` and `Friday` do, and must
    be read as those days (they used to break the analysis of an undated article)."""
    text = (
        "Tue\u017fday was busy.\n\n“We will never sell the port,” said Mira Holm on "
        "Tue\u017fday, a week after the vote last Fr\u0131day."
    )
    spelt = text.replace("\u017f", "s").replace("\u0131", "i")
    quote = ("We will never sell the port,", "Mira Holm")
    plain = timed(spelt, quote, published=None)
    assert [q.order for q in timed(text, quote, published=None)] == [q.order for q in plain]
