"""Stance rules on small made-up quotes (each with a case where the rule must not fire), and the
seed story's unambiguous quotes end to end."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.analysis.stance import score_stance
from reader.analysis.stance_rules import compile_lexicon
from reader.model import STANCES, Article, Quote
from reader.settings import CollectionSettings

TOPIC = CollectionSettings.default()
TOPIC.topic = "Ukraine gives up territory in exchange for NATO membership"
TOPIC.terms = ["give up territory", "trade territory", "cede", "NATO membership", "NATO umbrella"]
GENERIC = CollectionSettings.default()

# An opening paragraph that names the topic, for quotes that refer back to it.
LEAD = "An official suggested Ukraine could give up territory for NATO membership.\n\n"


def analyse(text: str, *quotes: tuple, settings: CollectionSettings = TOPIC, **article) -> list:
    """Quotes given as (quoted words, speaker[, kind[, attribution words]]) in text order."""
    doc = Article(id="a", path="a.txt", text=text, **article)
    made: list[Quote] = []
    pos = 0
    for n, (words, speaker, *rest) in enumerate(quotes):
        start = text.index(words, pos)
        pos = start + len(words)
        kind = rest[0] if rest else "direct"
        attribution = None
        if len(rest) > 1:
            a = text.index(rest[1], pos)
            attribution = (a, a + len(rest[1]))
        made.append(
            Quote(
                id=f"a:q{n + 1}",
                article="a",
                start=start,
                end=start + len(words),
                text=words,
                kind=kind,
                speaker_name=speaker,
                attribution=attribution,
            )
        )
    score_stance(doc, made, settings)
    for quote in made:  # every cue is the text's own words, or says why there is none
        for cue in quote.cues:
            pieces = [p for p in cue.split(" … ")]
            assert cue in ("off-topic", "no stance cue", "mixed cues", "scare quote") or all(
                piece in text for piece in pieces
            ), cue
    return made


def stance_of(text: str, words: str, **kw) -> tuple[str, float, list[str]]:
    (quote,) = analyse(text, (words, "X", "direct"), **kw)
    return quote.stance, quote.stance_score, quote.cues


def said(words: str) -> tuple[str, float, list[str]]:
    return stance_of(f"“{words}” X said.", words)


# --- evaluations --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "stance", "cue"),
    [
        ("Giving up territory for NATO membership is ridiculous.", "oppose", "ridiculous"),
        ("To give up territory would be unacceptable.", "oppose", "unacceptable"),
        ("It is dangerous to trade territory.", "oppose", "dangerous"),
        ("A solution could be to give up territory.", "support", "solution"),
        ("Giving up territory is possible.", "support", "possible"),
        ("Ukraine will need to give up territory.", "support", "need"),
    ],
)
def test_evaluative_words_decide_the_stance(words: str, stance: str, cue: str) -> None:
    got, score, cues = said(words)
    assert got == stance
    assert cues[0] == cue
    assert 0.3 < score <= 1.0


def test_an_on_topic_quote_with_no_cue_is_neutral_and_says_so() -> None:
    assert said("We discussed NATO membership at length.") == (
        "neutral",
        0.0,
        ["no stance cue", "NATO membership"],
    )


def test_an_off_topic_quote_is_neutral_even_with_cues() -> None:
    (quote,) = analyse(
        "“All our partners always look for permission. That is ridiculous,” he said.",
        ("All our partners always look for permission. That is ridiculous,", "Z"),
    )
    assert (quote.stance, quote.stance_score, quote.cues, quote.on_topic) == (
        "neutral",
        0.0,
        ["off-topic"],
        False,
    )


def test_a_modal_counts_only_in_the_sentence_that_names_the_topic() -> None:
    assert said("Ukraine should cede land.")[0] == "support"
    assert said("NATO membership is on the table. It must be up to Ukraine to decide.")[0] == (
        "neutral"
    )


# --- negation -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "stance", "cue"),
    [
        (
            "The Alliance, like Ukraine, does not trade territories.",
            "oppose",
            "not trade territories",
        ),
        ("The Alliance, like Ukraine, trades territories.", "neutral", "no stance cue"),
        ("Giving up territory is not a solution.", "oppose", "not a solution"),
        ("Giving up territory is not ridiculous.", "support", "not ridiculous"),
        ("Ukraine should not give up territory.", "oppose", "should not"),
        ("Ukraine shouldn’t cede anything.", "oppose", "shouldn’t"),
        (
            "No one will give up territory for NATO membership.",
            "oppose",
            "No one will give up territory",
        ),
        ("It is not over, but giving up territory is a solution.", "support", "solution"),
    ],
)
def test_negation_flips_what_follows_it_in_its_clause(words: str, stance: str, cue: str) -> None:
    got, _, cues = said(words)
    assert got == stance
    assert cues[0] == cue


def test_a_limiting_qualifier_takes_the_focus_of_the_negation() -> None:
    temporary = "this does not mean that Ukraine has to give up the territory forever."
    got, _, cues = said(temporary)
    assert got == "support"
    assert "not … forever" in cues
    assert said("this does not mean that Ukraine has to give up the territory.")[0] == "oppose"


# --- hedges and questions -----------------------------------------------------------------


def test_a_hedge_weakens_but_does_not_flip() -> None:
    plain = said("A solution could be to give up territory. That could be a possible solution.")
    hedged = said(
        "A solution could be to give up territory. I'm not saying it has to be like this. "
        "But that could be a possible solution."
    )
    assert plain[0] == hedged[0] == "support"
    assert hedged[1] < plain[1]
    # The negation inside the hedge flips nothing, and the modal it governs does not count.
    assert "has to" not in hedged[2]
    assert said("I'm not saying Ukraine must give up territory.")[0] == "neutral"


def test_a_plain_hedge_keeps_what_follows_it() -> None:
    plain = said("Giving up territory is a solution.")
    maybe = said("Maybe giving up territory is a solution.")
    assert plain[0] == maybe[0] == "support"
    assert maybe[1] < plain[1]


def test_a_rhetorical_question_hands_its_topic_to_the_answer() -> None:
    got, _, cues = said("Trading territory for a NATO umbrella? It is ridiculous.")
    assert got == "oppose"
    assert cues == ["ridiculous", "Trading territory"]
    assert said("Trading territory for a NATO umbrella? We met on Tuesday.")[0] == "neutral"


def test_a_question_asserts_nothing_and_its_negation_does_not_flip() -> None:
    assert said("Isn't giving up territory ridiculous?")[0] == "oppose"
    assert said("Should Ukraine give up territory?")[0] == "neutral"
    assert said("Ukraine should give up territory.")[0] == "support"


def test_otherwise_turns_what_follows_against_the_alternative() -> None:
    got, _, cues = said("We need NATO membership, otherwise it is very dangerous.")
    assert got == "support"
    assert "otherwise it is very dangerous" in cues
    assert said("NATO membership is very dangerous.")[0] == "oppose"


# --- retraction ---------------------------------------------------------------------------


def test_first_person_retraction_language_retracts() -> None:
    text = LEAD + "“I shouldn’t have said it that way. It was a mistake,” he told VG."
    (quote,) = analyse(text, ("I shouldn’t have said it that way. It was a mistake,", "J"))
    assert quote.stance == "retract"
    assert quote.cues == ["shouldn’t have said", "was a mistake"]
    assert quote.on_topic and quote.stance_score > 0.6
    walked = LEAD + "“I walk back my comments,” he said."
    assert analyse(walked, ("I walk back my comments,", "J"))[0].stance == "retract"


def test_retraction_words_about_someone_else_criticise() -> None:
    got, _, cues = said("Their plan to give up territory was a mistake.")
    assert got == "oppose"
    assert cues[0] == "was a mistake"
    # `a mistake to` judges an action rather than withdrawing one's own words.
    assert said("I think it was a mistake to give up territory.")[0] == "oppose"


def test_retraction_needs_the_topic_in_the_article() -> None:
    text = "The minister spoke about taxes.\n\n“I shouldn’t have said it,” he said."
    (quote,) = analyse(text, ("I shouldn’t have said it,", "M"))
    assert (quote.stance, quote.on_topic) == ("neutral", False)


# --- context ------------------------------------------------------------------------------


def test_a_partial_quote_takes_its_topic_from_the_narration() -> None:
    text = LEAD + "Ukrainian officials called Jenssen’s suggestion “ridiculous” and moved on."
    (quote,) = analyse(text, ("ridiculous", "Ukrainian officials", "partial"))
    assert (quote.stance, quote.on_topic) == ("oppose", True)
    assert quote.cues == ["ridiculous", "suggestion"]
    alone = "The minister spoke about taxes.\n\nOfficials called his suggestion “ridiculous”."
    (quote,) = analyse(alone, ("ridiculous", "Officials", "partial"))
    assert (quote.stance, quote.cues) == ("neutral", ["off-topic"])


def test_the_narration_of_a_fragment_carries_the_speakers_stance() -> None:
    text = "He rejected what he called “NATO membership by the back door”."
    (quote,) = analyse(text, ("NATO membership by the back door", "P", "partial"))
    assert quote.stance == "oppose"
    assert quote.cues[0] == "rejected"


def test_a_direct_quote_takes_its_topic_from_its_own_sentence() -> None:
    text = "Asked whether Ukraine would cede land, Zelensky said: “We will discuss it with allies.”"
    (quote,) = analyse(text, ("We will discuss it with allies.", "Z"))
    assert (quote.stance, quote.on_topic, quote.cues) == (
        "neutral",
        True,
        ["no stance cue", "cede"],
    )
    text = "Asked whether Ukraine would cede land, Zelensky said: “It is out of the question.”"
    (quote,) = analyse(text, ("It is out of the question.", "Z"))
    assert (quote.stance, quote.cues) == ("oppose", ["out of the question", "cede"])
    text = "Asked about taxes, Zelensky said: “That is out of the question, we will not do it.”"
    (quote,) = analyse(text, ("That is out of the question, we will not do it.", "Z"))
    assert (quote.stance, quote.on_topic) == ("neutral", False)


def test_a_continued_statement_keeps_the_topic_of_its_first_part() -> None:
    text = "“Giving up territory is ridiculous,” he said. “It would be a disaster.”"
    first, second = analyse(
        text, ("Giving up territory is ridiculous,", "P"), ("It would be a disaster.", "P")
    )
    assert first.stance == second.stance == "oppose"
    assert second.on_topic and second.cues == ["disaster"]
    other = analyse(
        text, ("Giving up territory is ridiculous,", "P"), ("It would be a disaster.", "Q")
    )
    assert (other[1].stance, other[1].on_topic) == ("neutral", False)


def test_an_opening_anaphor_refers_to_the_speakers_previous_quote() -> None:
    text = (
        "“We should take the territory we control under the NATO umbrella,” he said.\n\n"
        "Asked again on Friday, he went further.\n\n"
        "“That’s what we need to do fast,” he told Sky News."
    )
    first, second = analyse(
        text,
        (
            "We should take the territory we control under the NATO umbrella,",
            "Z",
            "direct",
            "he said",
        ),
        ("That’s what we need to do fast,", "Z", "direct", "he told Sky News"),
    )
    assert first.stance == second.stance == "support"
    assert second.cues == ["need", "That"]
    unrelated = "The minister spoke about taxes.\n\n“That is what we need to do fast,” he said."
    (quote,) = analyse(unrelated, ("That is what we need to do fast,", "M"))
    assert quote.stance == "neutral"


def test_a_scare_quote_states_nothing() -> None:
    (quote,) = analyse(
        "He hinted the so-called “NATO umbrella” would not be full membership.",
        ("NATO umbrella", None, "scare"),
    )
    assert (quote.stance, quote.cues, quote.on_topic) == ("neutral", ["scare quote"], True)


# --- settings -----------------------------------------------------------------------------


def test_without_a_topic_each_quote_is_judged_toward_its_own_proposal() -> None:
    ridiculous = stance_of("“It is ridiculous,” she said.", "It is ridiculous,", settings=GENERIC)
    assert ridiculous[0] == "oppose"
    text = "“We met on Tuesday,” she said."
    (quote,) = analyse(text, ("We met on Tuesday,", "S"), settings=GENERIC)
    assert (quote.stance, quote.on_topic, quote.cues) == ("neutral", False, ["no stance cue"])


def test_a_collections_extra_cues_count() -> None:
    extra = CollectionSettings.default()
    extra.terms = list(TOPIC.terms)
    extra.cues["oppose"].append("frozen conflict")
    words = "Giving up territory means a frozen conflict."
    text = f"“{words}” he said."
    assert stance_of(text, words, settings=extra)[0] == "oppose"
    assert stance_of(text, words)[0] == "neutral"


def test_the_lexicon_is_compiled_once_per_distinct_settings() -> None:
    copy = CollectionSettings(TOPIC.name, TOPIC.topic, list(TOPIC.terms), dict(TOPIC.cues))
    assert compile_lexicon(TOPIC) is compile_lexicon(copy)
    assert compile_lexicon(TOPIC) is not compile_lexicon(GENERIC)


# --- the seed story -----------------------------------------------------------------------

SEED_STANCES = [
    ("000", "I think that a solution could be", "support"),
    ("001", "I think that a solution could be", "support"),
    ("002", "I think that a solution could be", "support"),
    ("001", "My statement about this was part", "retract"),
    ("000", "Trading territory for a NATO umbrella?", "oppose"),
    ("002", "Trading territory for a NATO umbrella?", "oppose"),
    ("000", "That means deliberately choosing", "oppose"),
    ("002", "Attempts to preserve the world order", "oppose"),
    ("002", "We have always assumed that the Alliance", "oppose"),
    ("002", "The conscious or unconscious participation", "oppose"),
    ("001", "ridiculous", "oppose"),
    ("003", "If we want to stop the hot stage", "support"),
    ("004", "If the cease-fire line means", "support"),
    ("001", "It is completely Ukraine", "neutral"),
    ("003", "All our partners always look", "neutral"),
]


@pytest.fixture(scope="module")
def seeds():
    from reader.pipeline import analyse as run
    from reader.resources import default_collection

    return run([default_collection()], use_cache=False, workers=1)


@pytest.mark.parametrize(("article", "opening", "stance"), SEED_STANCES)
def test_seed_quotes_with_an_unambiguous_stance(seeds, article: str, opening: str, stance: str):
    found = [
        q for q in seeds.quotes if q.article.startswith(article) and q.text.startswith(opening)
    ]
    assert len(found) == 1, [q.text for q in seeds.quotes if q.article.startswith(article)]
    assert found[0].stance == stance, found[0].cues
    assert found[0].on_topic == (stance != "neutral" or opening.startswith("It is completely"))


def test_the_narration_decides_when_the_quote_itself_says_nothing() -> None:
    text = "Kyiv rejected the idea, with Nikolenko saying: “NATO membership is the question.”"
    (quote,) = analyse(text, ("NATO membership is the question.", "N"))
    assert (quote.stance, quote.cues[0]) == ("oppose", "rejected")
    text = "Kyiv welcomed the talks, with Nikolenko saying: “Giving up territory is ridiculous.”"
    (quote,) = analyse(text, ("Giving up territory is ridiculous.", "N"))
    assert (quote.stance, quote.cues[0]) == ("oppose", "ridiculous")


WORDS = st.sampled_from(
    [
        "not",
        "never",
        "no",
        "one",
        "ridiculous",
        "solution",
        "should",
        "give",
        "up",
        "territory",
        "NATO",
        "membership",
        "?",
        ".",
        ",",
        "“",
        "”",
        "'",
        "it",
        "was",
        "a",
        "mistake",
        "I",
        "shouldn't",
        "have",
        "said",
        "otherwise",
        "forever",
        "that",
        "this",
        "called",
        "suggestion",
        "On",
        "Tuesday",
        "a",
        "day",
        "earlier",
        "\n\n",
        "İ",
        "ﬁ",
        "😀",
        "é",
        "[the]",
        "—",
        ";",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, max_size=60), st.lists(st.tuples(st.integers(0, 400), st.integers(0, 40))))
def test_any_text_and_any_quote_spans_get_a_valid_stance(words, spans) -> None:
    text = " ".join(words)
    doc = Article(id="h", path="h.txt", text=text)
    quotes = []
    for n, (start, size) in enumerate(sorted(spans)):
        start = min(start, len(text))
        end = min(len(text), start + size)
        if quotes and start < quotes[-1].end:
            continue
        kind = ("direct", "partial", "scare")[n % 3]
        quotes.append(
            Quote(
                f"h:q{n}",
                "h",
                start,
                end,
                text[start:end],
                kind=kind,
                speaker_name="S" if n % 2 else None,
            )
        )
    for chosen in (TOPIC, GENERIC):
        score_stance(doc, quotes, chosen)
        for quote in quotes:
            assert quote.stance in STANCES
            assert 0.0 <= quote.stance_score <= 1.0
            assert (quote.stance == "neutral") == (quote.stance_score == 0.0)
            assert all(isinstance(cue, str) and cue for cue in quote.cues)


SEED_CUES = [
    ("000", "I think that a solution could be", ["solution", "could", "give up territory"]),
    ("001", "My statement about this was part", ["shouldn’t have said", "was a mistake"]),
    ("002", "Trading territory for a NATO umbrella?", ["ridiculous", "Trading territory"]),
    ("002", "We have always assumed", ["not trade territories", "trade territories"]),
    ("002", "The conscious or unconscious", ["plays into the hands", "giving up its territories"]),
    ("001", "ridiculous", ["ridiculous", "suggestion"]),
    ("004", "If the cease-fire line means", ["has to", "not … forever", "cease-fire line"]),
    ("003", "All our partners always look", ["off-topic"]),
]


@pytest.mark.parametrize(("article", "opening", "cues"), SEED_CUES)
def test_seed_quotes_show_the_words_that_decided(seeds, article: str, opening: str, cues) -> None:
    (found,) = [
        q for q in seeds.quotes if q.article.startswith(article) and q.text.startswith(opening)
    ]
    assert found.cues == cues
