"""Links and shifts on small made-up articles: each rule, and pairs that must not link."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.analysis.blocking import PostingIndex, StemIndex
from reader.analysis.evidence import AliasIndex, load_lexicon, name_references
from reader.analysis.links import find_links, find_shifts, link_quotes
from reader.analysis.normalise import normalise
from reader.analysis.stemming import stem
from reader.analysis.timeline import UNDATED
from reader.model import Article, Block, Link, Quote, Shift
from reader.settings import CollectionSettings

TERMS = ["territory", "NATO membership", "NATO umbrella", "cede"]
SETTINGS = CollectionSettings(name="test", topic="Ukraine gives up territory", terms=TERMS)
NO_TERMS = CollectionSettings(name="test", topic=None, terms=[])


def article(aid: str, *paragraphs: str) -> Article:
    text = "\n\n".join(paragraphs)
    blocks, start = [], 0
    for paragraph in paragraphs:
        blocks.append(Block(start, start + len(paragraph)))
        start += len(paragraph) + 2
    return Article(id=aid, path=f"{aid}.txt", text=text, blocks=blocks)


def quote(
    art: Article,
    n: int,
    text: str,
    speaker: str | None,
    *,
    name: str | None = None,
    stance: str = "neutral",
    order: float = 0.0,
    on_topic: bool = False,
    kind: str = "direct",
    speaker_kind: str | None = "person",
    role: str | None = None,
) -> Quote:
    start = art.text.index(text)
    block = next(b for b, blk in enumerate(art.blocks) if blk.start <= start < blk.end)
    return Quote(
        id=f"{art.id}:q{n}",
        article=art.id,
        start=start,
        end=start + len(text),
        text=text,
        speaker=speaker,
        kind=kind,
        stance=stance,
        speaker_name=name,
        speaker_role=role,
        speaker_kind=speaker_kind,
        block=block,
        order=order,
        on_topic=on_topic,
    )


def links_of(articles, quotes, settings=SETTINGS) -> set[tuple[str, str, str]]:
    return {
        (link.source, link.target, link.kind) for link in find_links(articles, quotes, settings)
    }


# -- normalisation and blocking ---------------------------------------------------------------


def test_normalise_folds_marks_case_ellipses_and_brackets():
    assert normalise("Take under [the] NATO umbrella… It’s OK...") == (
        "take under the nato umbrella it's ok"
    )
    assert (
        normalise("“Trading territory?” It is RIDICULOUS,") == "trading territory it is ridiculous"
    )


def test_stem_joins_plural_and_possessive_forms():
    assert stem("territories") == stem("territory")
    assert stem("comments") == stem("comment")
    assert stem("jenssen's") == "jenssen"
    # The same stemmer folds cue phrases: `cede` finds `ceding`, `stop` finds `stopping`.
    assert stem("cede") == stem("ceding") == stem("ceded") == "ced"
    assert stem("stopping") == "stop"
    assert stem("didn't") == "didn't" and stem("2022") == "2022"


def test_stem_index_finds_containing_texts_by_rare_stems():
    stems = [["hot", "stage", "war"], ["hot", "stage", "war", "nato", "umbrella"], ["war", "cold"]]
    index = StemIndex(stems, cap=10)
    assert index.containing(0, 1.0) == [1]
    assert sorted(index.containing(2, 0.5)) == [0, 1]
    assert index.containing(1, 0.8) == []


def test_stem_index_skips_stems_over_the_cap():
    stems = [["common", "rare"], ["common", "rare"], ["common"], ["common"]]
    index = StemIndex(stems, cap=2)
    assert index.containing(0, 1.0) == [1]  # "rare" is looked up first
    assert index.containing(2, 1.0) == []  # only "common", which is over the cap
    assert index.skipped == 2  # "common" was skipped by both lookups


def test_posting_cap_skips_common_keys():
    index = PostingIndex()
    for item in range(5):
        index.add(item, ["common"] + (["rare"] if item in (1, 3) else []))
    counts, skipped = index.shared_counts(cap=3)
    assert dict(counts) == {(1, 3): 1}
    assert skipped == 1


def test_name_references_find_possessives_and_replies():
    lexicon = load_lexicon()
    text = "Jenssen’s suggestion drew a rebuke, in response to Smith and Jones' remarks."
    assert [name for _, name in name_references(text, lexicon)] == ["Jenssen", "Smith", "Jones"]
    # A possessive refers to a statement only when a word for something said follows.
    assert name_references("Smith’s administration and Ukraine’s status.", lexicon) == []
    assert [n for _, n in name_references("Smith’s earlier remarks", lexicon)] == ["Smith"]


def test_alias_index_resolves_surnames_but_not_shared_ones():
    a = article(
        "a", "“One,” said Stian Jenssen. “Two,” said Anna Jenssen. “Three,” said Oleh Nikolenko."
    )
    quotes = [
        quote(a, 1, "One", "stian", name="Stian Jenssen"),
        quote(a, 2, "Two", "anna", name="Anna Jenssen"),
        quote(a, 3, "Three", "oleh", name="Oleh Nikolenko"),
    ]
    aliases = AliasIndex(quotes)
    assert aliases.resolve("Nikolenko") == "oleh"
    assert aliases.resolve("Spokesman Oleh Nikolenko") == "oleh"
    assert aliases.resolve("Stian Jenssen") == "stian"
    assert aliases.resolve("Jenssen") is None


# -- repeat and excerpt -------------------------------------------------------------------------

ORIGINAL = (
    "I think that a solution could be for Ukraine to give up territory, "
    "and get NATO membership in return"
)


def test_repeat_across_outlets_despite_typography():
    a = article("a", f"“{ORIGINAL},” he said.")
    b = article("b", f'Jenssen said: "{ORIGINAL.upper()}."')
    c = article(
        "c",
        "He said: “I think that a solution could be for Ukraine to give up [the] territory … "
        "and get NATO membership in return.”",
    )
    quotes = [
        quote(a, 1, f"{ORIGINAL},", "jenssen", order=1),
        quote(b, 1, f"{ORIGINAL.upper()}.", "jenssen", order=2),
        quote(c, 1, c.text[10:-1], "jenssen", order=3),
    ]
    found = find_links([a, b, c], quotes, SETTINGS)
    assert {(x.source, x.target, x.kind) for x in found} == {
        ("b:q1", "a:q1", "repeat"),
        ("c:q1", "a:q1", "repeat"),
        ("c:q1", "b:q1", "repeat"),
    }
    exact = next(x for x in found if x.source == "b:q1")
    assert exact.score == 100.0
    fuzzy = next(x for x in found if x.source == "c:q1")
    assert 90.0 <= fuzzy.score < 100.0


def test_excerpt_of_a_longer_quote_points_from_the_later_statement():
    long = (
        "If we want to stop the hot stage of the war, we should take under [the] NATO umbrella "
        "the territory of Ukraine that we have under our control"
    )
    a = article("a", f"“{long},” Zelensky said.")
    b = article(
        "b",
        "Zelenskyy said the territory under Kyiv's control could be put “under the NATO umbrella,” "
        "in a bid to stop the “hot stage of the war.”",
    )
    quotes = [
        quote(a, 1, long, "zelensky", order=1),
        quote(b, 1, "under the NATO umbrella,", "zelensky", kind="partial", order=2),
        quote(b, 2, "hot stage of the war.", "zelensky", kind="partial", order=2),
    ]
    found = find_links([a, b], quotes, SETTINGS)
    assert {(x.source, x.target, x.kind) for x in found} == {
        ("b:q1", "a:q1", "excerpt"),
        ("b:q2", "a:q1", "excerpt"),
    }


def test_longer_report_of_the_same_statement_is_an_excerpt_link():
    a = article("a", f"“{ORIGINAL},” he said.")
    longer = f"{ORIGINAL} … I'm not saying it has to be like this. But that could be a solution."
    b = article("b", f"“{longer}”")
    quotes = [quote(a, 1, f"{ORIGINAL},", "j", order=1), quote(b, 1, longer, "j", order=1)]
    # Same time: the later article is the later statement.
    assert links_of([a, b], quotes) == {("b:q1", "a:q1", "excerpt")}


def test_negation_keeps_look_alike_statements_apart():
    a = article(
        "a",
        "It must guarantee “Putin will not come back.”",
        "“We need protection very much, otherwise Putin will come back,” he said.",
    )
    quotes = [
        quote(a, 1, "Putin will not come back.", "z", kind="partial", order=1),
        quote(a, 2, "We need protection very much, otherwise Putin will come back,", "z", order=1),
    ]
    assert {k for _, _, k in links_of([a], quotes)} <= {"related"}
    # Whole quotes too: 92% alike as strings, opposite in meaning.
    b = article(
        "b", "“Russia will win the war,” he said.", "“Russia will not win the war,” she said."
    )
    pair = [
        quote(b, 1, "Russia will win the war,", "he", order=1),
        quote(b, 2, "Russia will not win the war,", "she", order=2),
    ]
    assert links_of([b], pair) == set()


def test_two_word_fragment_of_another_speaker_is_not_an_excerpt():
    a = article("a", "“Trading territory for a NATO umbrella? It is ridiculous,” Podolyak wrote.")
    b = article("b", "Zelensky hinted that the “NATO umbrella” would not be full membership.")
    quotes = [
        quote(
            a, 1, "Trading territory for a NATO umbrella? It is ridiculous,", "podolyak", order=1
        ),
        quote(b, 1, "NATO umbrella", "zelensky", kind="scare", order=2),
    ]
    assert links_of([a, b], quotes) == set()


@pytest.mark.parametrize(
    ("group", "expected"),
    [
        # Podolyak's role says "Ukrainian": the officials' word is his statement reported.
        ("Ukrainian officials", {("b:q1", "a:q1", "excerpt")}),
        # Nothing ties Russian officials to Podolyak: the same word is another statement.
        ("Russian officials", set()),
    ],
)
def test_one_word_fragment_links_only_to_a_speaker_its_group_describes(group, expected):
    trading = "Trading territory for a NATO umbrella? It is ridiculous,"
    a = article("a", f"“{trading}” Podolyak wrote.")
    b = article("b", f"{group} called the idea “ridiculous” on Wednesday.")
    role = "an aide to Ukrainian President Volodymyr Zelensky"
    quotes = [
        quote(a, 1, trading, "podolyak", name="Mykhailo Podolyak", role=role, order=1),
        quote(
            b, 1, "ridiculous", "group", name=group, speaker_kind="group", kind="partial", order=2
        ),
    ]
    assert links_of([a, b], quotes) == expected


def test_same_topic_words_in_different_statements_do_not_link():
    a = article("a", "“Ukraine will never cede territory for NATO membership,” the minister said.")
    b = article(
        "b", "“NATO membership is a question for the summit, not for territory talks,” she said."
    )
    quotes = [
        quote(a, 1, "Ukraine will never cede territory for NATO membership,", "min", order=1),
        quote(
            b,
            1,
            "NATO membership is a question for the summit, not for territory talks,",
            "she",
            order=2,
        ),
    ]
    assert links_of([a, b], quotes) == set()


def test_common_phrases_do_not_link_different_statements():
    a = article(
        "a", "“At the end of the day, we will rebuild the bridge in Odesa,” the mayor said."
    )
    b = article(
        "b", "“At the end of the day, the harvest was better than expected,” a farmer said."
    )
    quotes = [
        quote(
            a, 1, "At the end of the day, we will rebuild the bridge in Odesa,", "mayor", order=1
        ),
        quote(
            b, 1, "At the end of the day, the harvest was better than expected,", "farmer", order=2
        ),
    ]
    assert links_of([a, b], quotes) == set()


def test_a_swapped_content_word_makes_another_statement_not_a_repeat():
    said = "It is too early to say what the committee will decide about the vote,"
    other = "It is too early to say what the committee will decide about the subsidy,"
    a = article("a", f"“{said}” she said.")
    b = article("b", f"“{other}” she said.")
    quotes = [quote(a, 1, said, "x", order=1), quote(b, 1, other, "x", order=2)]
    assert {k for _, _, k in links_of([a, b], quotes)} <= {"related"}


@pytest.mark.parametrize(("speakers", "excerpts"), [(["x", "x", "x"], 3), (["x", "y", "z"], 0)])
def test_a_fragment_inside_many_speakers_statements_is_a_stock_phrase(speakers, excerpts):
    opener = "As I told the council,"
    bodies = [
        "As I told the council, we will reopen the checkpoint before winter,",
        "As I told the council, the hospital merger must wait for the audit,",
        "As I told the council, fishing quotas are not negotiable this year,",
    ]
    a = article("a", f"“{opener}” he said, “and more.”", *(f"“{b}” one said." for b in bodies))
    quotes = [quote(a, 1, opener, "x", kind="partial", order=2)] + [
        quote(a, n, body, speaker, order=1)
        for n, (body, speaker) in enumerate(zip(bodies, speakers, strict=True), 2)
    ]
    found = links_of([a], quotes, NO_TERMS)
    assert sum(1 for _, target, kind in found if kind == "excerpt") == excerpts


# -- retraction -------------------------------------------------------------------------------


def _retraction_story(retracting_speaker: str):
    a = article("a", f"“{ORIGINAL},” Jenssen said on Tuesday.")
    b = article(
        "b",
        "“I shouldn't have said it that way. It was a mistake,” Jenssen told VG on Wednesday.",
        f"A day earlier, Jenssen said: “{ORIGINAL}.”",
    )
    quotes = [
        quote(
            a,
            1,
            f"{ORIGINAL},",
            "jenssen",
            name="Jenssen",
            stance="support",
            on_topic=True,
            order=1,
        ),
        quote(
            b,
            1,
            "I shouldn't have said it that way. It was a mistake,",
            retracting_speaker,
            name="Jenssen",
            stance="retract",
            order=2,
        ),
        quote(
            b,
            2,
            f"{ORIGINAL}.",
            "jenssen",
            name="Jenssen",
            stance="support",
            on_topic=True,
            order=1,
        ),
    ]
    return [a, b], quotes


def test_retraction_links_to_the_withdrawn_statement_and_its_copies():
    articles, quotes = _retraction_story("jenssen")
    found = find_links(articles, quotes, SETTINGS)
    assert {(x.source, x.target, x.kind) for x in found} == {
        ("b:q2", "a:q1", "repeat"),
        ("b:q1", "b:q2", "retraction"),
        ("b:q1", "a:q1", "retraction"),
    }
    scores = {x.target: x.score for x in found if x.kind == "retraction"}
    assert scores["b:q2"] > scores["a:q1"]  # the copy the retraction's article reports


def test_retraction_language_from_another_speaker_is_not_a_retraction():
    articles, quotes = _retraction_story("someone-else")
    assert links_of(articles, quotes) == {("b:q2", "a:q1", "repeat")}


def test_retraction_needs_an_earlier_statement():
    articles, quotes = _retraction_story("jenssen")
    quotes[1].order = 0  # the "mistake" quote now precedes the statements
    kinds = {k for _, _, k in links_of(articles, quotes)}
    assert "retraction" not in kinds


# -- rebuttal ---------------------------------------------------------------------------------


def _jenssen(art: Article, n: int = 1, order: float = 1) -> Quote:
    return quote(
        art,
        n,
        f"{ORIGINAL},",
        "jenssen",
        name="Stian Jenssen",
        stance="support",
        on_topic=True,
        order=order,
    )


def test_rebuttal_by_reference_to_the_speaker():
    a = article(
        "a",
        f"“{ORIGINAL},” Stian Jenssen said.",
        "“We have always assumed that the Alliance, like Ukraine, does not trade territories,” "
        "spokesman Oleh Nikolenko said, in response to Jenssen’s comments.",
    )
    rebuttal = "We have always assumed that the Alliance, like Ukraine, does not trade territories,"
    quotes = [
        _jenssen(a),
        quote(
            a,
            2,
            rebuttal,
            "nikolenko",
            name="Oleh Nikolenko",
            stance="oppose",
            on_topic=True,
            order=2,
        ),
    ]
    found = find_links([a], quotes, SETTINGS)
    assert [(x.source, x.target, x.kind) for x in found] == [("a:q2", "a:q1", "rebuttal")]
    # opposite stance 60 + 20, one shared on-topic term ("territory") + 5; no rejection word.
    assert found[0].score == 85.0


def test_rebuttal_by_reference_across_articles_with_a_one_word_quote():
    a = article("a", f"“{ORIGINAL},” Stian Jenssen said.")
    b = article("b", "Ukrainian officials called Jenssen’s suggestion “ridiculous” and moved on.")
    quotes = [
        _jenssen(a),
        quote(
            b,
            1,
            "ridiculous",
            "officials",
            name="Ukrainian officials",
            speaker_kind="group",
            order=2,
        ),
    ]
    assert links_of([a, b], quotes) == {("b:q1", "a:q1", "rebuttal")}


def test_rebuttal_by_stance_needs_shared_terms_and_rejection_language():
    a = article(
        "a",
        f"“{ORIGINAL},” Stian Jenssen said.",
        "Kyiv rejected the idea.",
        "“Trading territory for a NATO umbrella? It is ridiculous,” Podolyak wrote.",
    )
    quotes = [
        _jenssen(a),
        quote(
            a,
            2,
            "Trading territory for a NATO umbrella? It is ridiculous,",
            "podolyak",
            name="Podolyak",
            stance="oppose",
            on_topic=True,
            order=2,
        ),
    ]
    assert links_of([a], quotes) == {("a:q2", "a:q1", "rebuttal")}
    # Without rejection language an opposite stance alone is not a reply.
    calm = "Trading territory for a NATO umbrella leads to defeat,"
    b = article(
        "a", f"“{ORIGINAL},” Stian Jenssen said.", "Kyiv spoke later.", f"“{calm}” he wrote."
    )
    quotes_b = [_jenssen(b), quote(b, 2, calm, "podolyak", stance="oppose", on_topic=True, order=2)]
    assert links_of([b], quotes_b) == set()


def test_by_stance_a_rebuttal_opposes_what_the_earlier_statement_supports():
    opposed = "Trading territory for a NATO umbrella is a road to defeat,"
    backing = "Giving up territory for NATO membership is the only way,"
    a = article(
        "a", f"“{opposed}” Podolyak said.", "Jenssen rejected that.", f"“{backing}” he said."
    )
    quotes = [
        quote(a, 1, opposed, "podolyak", stance="oppose", on_topic=True, order=1),
        quote(a, 2, backing, "jenssen", stance="support", on_topic=True, order=2),
    ]
    # The later quote supports what the earlier one opposed: a disagreement, not a rebuttal
    # in the stance sense (no reference to Podolyak's words either).
    assert links_of([a], quotes) == set()


def test_two_speakers_agreeing_is_not_a_rebuttal():
    a = article(
        "a",
        f"“{ORIGINAL},” Stian Jenssen said.",
        "Critics rejected the plan, but Smith backed Jenssen’s suggestion: “Giving up territory "
        "for NATO membership is a realistic deal,” he said.",
    )
    quotes = [
        _jenssen(a),
        quote(
            a,
            2,
            "Giving up territory for NATO membership is a realistic deal,",
            "smith",
            name="Smith",
            stance="support",
            on_topic=True,
            order=2,
        ),
    ]
    assert {k for _, _, k in links_of([a], quotes)} <= {"related"}


def test_a_reply_earlier_than_the_statement_is_not_a_rebuttal():
    a = article("a", f"“{ORIGINAL},” Stian Jenssen said.")
    b = article("b", "Officials dismissed Jenssen’s idea: “Never,” they said.")
    quotes = [
        _jenssen(a, order=5),
        quote(
            b,
            1,
            "Never",
            "officials",
            name="officials",
            speaker_kind="group",
            stance="oppose",
            on_topic=True,
            order=1,
        ),
    ]
    assert links_of([a, b], quotes) == set()


# -- related and continuation ------------------------------------------------------------------


def test_same_speaker_same_subject_is_related_but_continuations_are_not():
    a = article(
        "a",
        "“The grain corridor through Odesa must reopen before winter,” the minister said. "
        "“Farmers cannot wait.”",
        "“Without the Odesa grain corridor farmers lose the winter harvest,” she added.",
    )
    b = article(
        "b", "“Reopening the Odesa grain corridor before winter is our priority,” she said."
    )
    quotes = [
        quote(a, 1, "The grain corridor through Odesa must reopen before winter,", "min", order=1),
        quote(a, 2, "Farmers cannot wait.", "min", order=1),
        quote(
            a,
            3,
            "Without the Odesa grain corridor farmers lose the winter harvest,",
            "min",
            order=1,
        ),
        quote(
            b,
            1,
            "Reopening the Odesa grain corridor before winter is our priority,",
            "min",
            order=2,
        ),
    ]
    found = links_of([a, b], quotes, NO_TERMS)
    assert ("b:q1", "a:q1", "related") in found
    assert all(k == "related" for _, _, k in found)
    # a:q1 → a:q2 → a:q3 are consecutive parts of one statement.
    assert not {("a:q2", "a:q1", "related"), ("a:q3", "a:q2", "related")} & found


def test_at_most_one_link_per_pair_and_never_to_itself():
    articles, quotes = _retraction_story("jenssen")
    found = find_links(articles, quotes, SETTINGS)
    pairs = [frozenset((x.source, x.target)) for x in found]
    assert len(pairs) == len(set(pairs))
    assert all(x.source != x.target for x in found)


def test_stats_count_scored_pairs():
    articles, quotes = _retraction_story("jenssen")
    linking = link_quotes(articles, quotes, SETTINGS)
    links, stats = linking.links, linking.stats
    assert stats.quotes == 3
    assert stats.texts == 2  # the original's two copies are one text
    assert stats.links == len(links) == 3
    assert stats.pairs_scored >= 2


def test_unknown_order_ties_go_to_the_later_article():
    a = article("a", f"“{ORIGINAL},” he said.")
    b = article("b", f"“{ORIGINAL},” he said.")
    quotes = [quote(b, 1, f"{ORIGINAL},", "j"), quote(a, 1, f"{ORIGINAL},", "j")]
    assert find_links([a, b], quotes, SETTINGS) == [Link("b:q1", "a:q1", "repeat", 100.0)]


def dated(q: Quote, iso: str | None, days: int = 0) -> Quote:
    """`q` made on `iso`, or `days` from its undated article's unknown day (iso None)."""
    q.time = iso
    q.order = float(date.fromisoformat(iso).toordinal()) if iso else UNDATED + days
    return q


UMBRELLA = (
    "If we want to stop the hot stage of the war, we should take under [the] NATO umbrella "
    "the territory of Ukraine that we have under our control"
)


def test_an_undated_statement_takes_the_time_of_its_dated_excerpt():
    # a has no date; b, dated, says Zelensky spoke last week. The same statement: it was made
    # then, so b's fragment is the later report and points to a's full quote.
    a = article(
        "a",
        f"“{UMBRELLA},” Zelensky said.",
        "“All our partners look for permission,” Zelensky told Fox News last week.",
        "“The weather is fine,” a bystander said.",
    )
    b = article(
        "b", "Zelenskyy said last week the territory should be put “under the NATO umbrella.”"
    )
    quotes = [
        dated(quote(a, 1, UMBRELLA, "zelensky", kind="direct"), None),
        dated(quote(a, 2, "All our partners look for permission,", "zelensky"), None, -7),
        dated(quote(a, 3, "The weather is fine,", "bystander"), None),
        dated(quote(b, 1, "under the NATO umbrella.", "zelensky", kind="partial"), "2024-11-25"),
    ]
    assert links_of([a, b], quotes) == {("b:q1", "a:q1", "excerpt")}
    assert [q.time for q in quotes] == ["2024-11-25", "2024-11-18", "2024-11-25", "2024-11-25"]
    assert quotes[1].order == float(date(2024, 11, 18).toordinal())


def test_copies_share_the_earliest_time_and_dated_quotes_keep_theirs():
    # The same statement in three articles: one undated, two reporting it on different days.
    a, b, c = (article(aid, f"“{ORIGINAL},” he said.") for aid in "abc")
    quotes = [
        dated(quote(a, 1, f"{ORIGINAL},", "j"), None),
        dated(quote(b, 1, f"{ORIGINAL},", "j"), "2023-08-16"),
        dated(quote(c, 1, f"{ORIGINAL},", "j"), "2023-08-15"),
    ]
    found = links_of([a, b, c], quotes)
    assert [q.time for q in quotes] == ["2023-08-15", "2023-08-16", "2023-08-15"]
    # Same day as c, and the later article: c points to a; b, a day later, to both.
    assert found == {
        ("c:q1", "a:q1", "repeat"),
        ("b:q1", "a:q1", "repeat"),
        ("b:q1", "c:q1", "repeat"),
    }


def test_an_undated_article_whose_copies_disagree_keeps_its_other_quotes_undated():
    a = article(
        "a",
        f"“{ORIGINAL},” Jenssen said.",
        f"“{UMBRELLA},” Zelensky said.",
        "“The weather is fine,” a bystander said.",
    )
    b = article("b", f"“{ORIGINAL},” Jenssen said.")
    c = article("c", f"“{UMBRELLA},” Zelensky said.")
    quotes = [
        dated(quote(a, 1, f"{ORIGINAL},", "jenssen"), None),
        dated(quote(a, 2, f"{UMBRELLA},", "zelensky"), None),
        dated(quote(a, 3, "The weather is fine,", "bystander"), None),
        dated(quote(b, 1, f"{ORIGINAL},", "jenssen"), "2023-08-15"),
        dated(quote(c, 1, f"{UMBRELLA},", "zelensky"), "2024-11-25"),
    ]
    find_links([a, b, c], quotes, SETTINGS)
    assert [q.time for q in quotes[:3]] == ["2023-08-15", "2024-11-25", None]
    assert quotes[2].order == UNDATED


def test_undated_quotes_without_dated_copies_stay_undated():
    a, b = article("a", f"“{ORIGINAL},” he said."), article("b", f"“{ORIGINAL},” he said.")
    quotes = [
        dated(quote(a, 1, f"{ORIGINAL},", "j"), None, -1),
        dated(quote(b, 1, f"{ORIGINAL},", "j"), None),
    ]
    assert links_of([a, b], quotes) == {("b:q1", "a:q1", "repeat")}
    assert [(q.time, q.order) for q in quotes] == [(None, UNDATED - 1), (None, UNDATED)]


# -- shifts -----------------------------------------------------------------------------------


def test_shift_from_support_to_retract_counted_once():
    articles, quotes = _retraction_story("jenssen")
    late_copy = article("c", f"Jenssen had said: “{ORIGINAL}.”")
    quotes.append(
        quote(late_copy, 1, f"{ORIGINAL}.", "jenssen", stance="support", on_topic=True, order=3)
    )
    links = find_links([*articles, late_copy], quotes, SETTINGS)
    assert find_shifts(quotes, links) == [Shift("jenssen", "a:q1", "b:q1", "support", "retract")]


def test_no_shift_without_a_change_or_through_neutral_quotes():
    a = article("a", "“Yes to the deal.” “Maybe.” “Yes, the deal.”")
    quotes = [
        quote(a, 1, "Yes to the deal.", "x", stance="support", on_topic=True, order=1),
        quote(a, 2, "Maybe.", "x", stance="neutral", on_topic=True, order=2),
        quote(a, 3, "Yes, the deal.", "x", stance="support", on_topic=True, order=3),
        quote(a, 4, "the deal", "y", stance="oppose", on_topic=False, order=4),
    ]
    assert find_shifts(quotes, []) == []


@pytest.mark.parametrize(
    "stances", [("support", "oppose", "support"), ("oppose", "support", "oppose")]
)
def test_each_change_is_one_shift(stances):
    a = article("a", "“One.” “Two.” “Three.”")
    quotes = [
        quote(a, n, text, "x", stance=stance, on_topic=True, order=n)
        for n, (text, stance) in enumerate(zip(("One.", "Two.", "Three."), stances, strict=True), 1)
    ]
    assert find_shifts(quotes, []) == [
        Shift("x", "a:q1", "a:q2", stances[0], stances[1]),
        Shift("x", "a:q2", "a:q3", stances[1], stances[2]),
    ]


# -- invariants on random collections ---------------------------------------------------------

VOCABULARY = ["nato", "territory", "ukraine", "peace", "mistake", "umbrella", "the", "of", "is"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=8),
            st.sampled_from(["a", "b", None]),
            st.sampled_from(["support", "oppose", "retract", "neutral"]),
            st.integers(0, 3),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_links_are_unique_per_pair_and_point_from_the_later_statement(rows):
    paragraphs = [f"“{' '.join(words)}.” said someone." for words, *_ in rows]
    art = article("x", *paragraphs)
    quotes = []
    for n, (words, speaker, stance, order) in enumerate(rows, 1):
        start = art.blocks[n - 1].start + 1
        text = f"{' '.join(words)}."
        quotes.append(
            Quote(
                id=f"x:q{n}",
                article="x",
                start=start,
                end=start + len(text),
                text=text,
                speaker=speaker,
                stance=stance,
                speaker_name=speaker,
                block=n - 1,
                order=float(order),
                on_topic=True,
            )
        )
    by_id = {q.id: q for q in quotes}
    found = find_links([art], quotes, SETTINGS)
    pairs = [frozenset((link.source, link.target)) for link in found]
    assert len(pairs) == len(set(pairs))
    for link in found:
        source, target = by_id[link.source], by_id[link.target]
        assert link.source != link.target
        assert (source.order, source.start) > (target.order, target.start)
        assert 0 < link.score <= 100
        if link.kind == "retraction":
            assert source.speaker == target.speaker is not None and source.stance == "retract"
        if link.kind == "rebuttal":
            assert source.speaker != target.speaker
    shifts = find_shifts(quotes, found)
    for shift in shifts:
        assert shift.from_stance != shift.to_stance
        assert "neutral" not in (shift.from_stance, shift.to_stance)
