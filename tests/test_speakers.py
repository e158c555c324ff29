"""Attribution and speaker merging on small made-up articles, one phenomenon at a time.

Quotes are built here from curly marks (a paragraph-final quote with no closing mark is
open-ended), so these tests exercise the speakers stage on its own.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.analysis.names import NameIndex, name_pattern, parse_run, person_mentions, slug
from reader.analysis.quotes import find_quotes
from reader.analysis.speakers import attribute, merge_speakers
from reader.model import QUOTE_KINDS, SPEAKER_KINDS, Article, Block, Quote

_QUOTE = re.compile(r"“([^“”]*)(”|(?=\n\n)|$)")


def make_article(text: str, article_id: str = "a") -> tuple[Article, list[Quote]]:
    """An article of blank-line separated paragraphs and its curly-quoted spans."""
    blocks = []
    pos = 0
    for part in text.split("\n\n"):
        blocks.append(Block(pos, pos + len(part), "body"))
        pos += len(part) + 2
    article = Article(id=article_id, path=f"{article_id}.txt", text=text, blocks=blocks)
    quotes = []
    for match in _QUOTE.finditer(text):
        block = next(i for i, b in enumerate(blocks) if b.start <= match.start() < b.end)
        quotes.append(
            Quote(
                id=f"{article_id}:q{len(quotes) + 1}",
                article=article_id,
                start=match.start(1),
                end=match.end(1),
                text=match.group(1),
                block=block,
                open_ended=match.group(2) == "",
            )
        )
    return article, quotes


def attributed(text: str) -> list[tuple[str, str | None]]:
    article, quotes = make_article(text)
    attribute(article, quotes)
    return [(q.kind, q.speaker_name) for q in quotes]


def only(text: str) -> Quote:
    article, quotes = make_article(text)
    attribute(article, quotes)
    assert len(quotes) == 1
    return quotes[0]


# -- attribution patterns ----------------------------------------------------------------------


def test_quote_then_name_said():
    assert attributed("“We will not retreat,” Maria Lopez said on Monday.") == [
        ("direct", "Maria Lopez")
    ]


def test_quote_then_said_name_with_apposition_role():
    quote = only("“We will not retreat,” said Maria Lopez, the mayor of Springfield.")
    assert (quote.kind, quote.speaker_name) == ("direct", "Maria Lopez")
    assert quote.speaker_role == "the mayor of Springfield"
    assert quote.speaker_kind == "person"


def test_name_said_colon_quote():
    quote = only("After the vote, Tom Hale said: “The people have spoken.”")
    assert (quote.kind, quote.speaker_name) == ("direct", "Tom Hale")
    article, _ = make_article("After the vote, Tom Hale said: “The people have spoken.”")
    start, end = quote.attribution
    assert article.text[start:end] == "Tom Hale said"


def test_told_outlet_colon():
    quote = only("Lena Kraus told Der Spiegel: “Nobody asked us.”")
    assert (quote.kind, quote.speaker_name) == ("direct", "Lena Kraus")


def test_according_to_after_quote():
    quote = only("“The talks have stalled,” according to Pedro Alves, a negotiator.")
    assert (quote.kind, quote.speaker_name) == ("direct", "Pedro Alves")


def test_wrote_on_platform_named_x_is_not_the_speaker():
    quote = only("“This is a disgrace,” Ivan Petrov wrote on X.")
    assert quote.speaker_name == "Ivan Petrov"


def test_name_after_the_verb_is_not_the_speaker():
    quote = only(
        "“We never agreed to that,” spokesman Ali Demir said on Facebook, in response to "
        "Karl Meyer’s remarks."
    )
    assert quote.speaker_name == "Ali Demir"
    assert quote.speaker_role == "spokesman"


def test_apposition_naming_another_person_is_not_stolen():
    quote = only(
        "“It was a mistake,” Karl Meyer, chief of staff for Chancellor Olaf Brandt, told reporters."
    )
    assert quote.speaker_name == "Karl Meyer"
    assert quote.speaker_role == "chief of staff for Chancellor Olaf Brandt"


def test_titles_go_to_the_role():
    quote = only("Deputy Interior Minister Jana Novak said: “We are ready.”")
    assert quote.speaker_name == "Jana Novak"
    assert quote.speaker_role == "Deputy Interior Minister"


def test_of_phrases_in_titles_and_after_names():
    quote = only("“We are concerned,” Secretary of State Antony Blinken said.")
    assert (quote.speaker_name, quote.speaker_role) == ("Antony Blinken", "Secretary of State")
    quote = only("Sen. Tim Scott of South Carolina called it “a missed opportunity.”")
    assert (quote.kind, quote.speaker_name) == ("partial", "Tim Scott")


def test_lowercase_role_before_name():
    quote = only("“Prices will fall,” central bank governor Emma Stone said.")
    assert quote.speaker_name == "Emma Stone"
    assert quote.speaker_role == "central bank governor"


def test_inverted_with_abbreviated_title():
    quote = only("“We will not stand by,” said Sen. Elizabeth Warren, a Democrat.")
    assert (quote.speaker_name, quote.speaker_role) == ("Elizabeth Warren", "a Democrat")


def test_age_is_not_a_role_and_second_apposition_is():
    quote = only("Jane Doe, 52, a nurse from Leeds, said: “We are exhausted.”")
    assert (quote.speaker_name, quote.speaker_role) == ("Jane Doe", "a nurse from Leeds")


def test_relative_clause_is_not_a_role():
    quote = only("“It is over,” says Jane Doe, who runs a bakery in Leeds.")
    assert (quote.speaker_name, quote.speaker_role) == ("Jane Doe", None)
    quote = only("“I’m relieved,” said Dr. Jill Gibson, a doctor in Leeds, who testified.")
    assert (quote.speaker_name, quote.speaker_role) == ("Jill Gibson", "a doctor in Leeds")


def test_anonymous_official_with_relative_clause():
    quote = only(
        "“The strike was planned,” the official, who asked not to be named because he was "
        "not authorised to speak publicly, said."
    )
    assert quote.speaker_kind == "anonymous"
    assert quote.speaker_name == "official"


def test_names_with_prefixes_initials_and_hyphens():
    text = (
        "“No,” Mohammed al-Sabah said. “Yes,” George W. Bush said. "
        "“Maybe,” Jean-Claude Juncker said. “Da,” Luiz Inácio Lula da Silva said."
    )
    assert [name for _, name in attributed(text)] == [
        "Mohammed al-Sabah",
        "George W. Bush",
        "Jean-Claude Juncker",
        "Luiz Inácio Lula da Silva",
    ]


def test_names_with_particles_and_accents():
    assert attributed("“Europe stands united,” Ursula von der Leyen said.") == [
        ("direct", "Ursula von der Leyen")
    ]
    assert attributed("“Es una vergüenza,” José Álvarez-Núñez dijo. “No,” said Łukasz Żak.") == [
        ("direct", None),
        ("direct", "Łukasz Żak"),
    ]


def test_description_before_name_is_the_role():
    text = (
        "The transport secretary, Louise Haigh, defended the plan.\n\n"
        "“It will take time,” Haigh said."
    )
    article, quotes = make_article(text)
    attribute(article, quotes)
    assert (quotes[0].speaker_name, quotes[0].speaker_role) == (
        "Louise Haigh",
        "transport secretary",
    )


def test_single_quotation_marks_british_style():
    text = "‘We inherited a broken railway,’ Louise Haigh told the BBC. ‘It will take time.’"
    article = Article(id="b", path="b.txt", text=text)
    quotes = find_quotes(article)
    attribute(article, quotes)
    assert [(q.text, q.kind, q.speaker_name) for q in quotes] == [
        ("We inherited a broken railway,", "direct", "Louise Haigh"),
        ("It will take time.", "direct", "Louise Haigh"),
    ]


def test_surname_resolves_to_fullest_form():
    text = (
        "Finance Minister Sara Holm presented the budget on Tuesday.\n\n"
        "“The numbers add up,” Holm said."
    )
    article, quotes = make_article(text)
    attribute(article, quotes)
    assert quotes[0].speaker_name == "Sara Holm"
    assert quotes[0].speaker_role == "Finance Minister"


# -- pronouns, nominal references, continuations -----------------------------------------------


def test_pronoun_resolves_to_sentence_subject_not_later_name():
    text = (
        "Ruth Ade said the bill would pass unless Senator Bill Crane objected. "
        "“We have the numbers,” she said."
    )
    assert attributed(text) == [("direct", "Ruth Ade")]


def test_pronoun_skips_name_inside_apposition():
    text = (
        "The remarks were made by Karl Meyer, an adviser to President Olaf Brandt, on Tuesday. "
        "“I stand by them,” he said."
    )
    assert attributed(text) == [("direct", "Karl Meyer")]


def test_pronoun_passes_over_person_of_other_gender():
    text = "Maria Lopez met Tom Hale in Geneva. “We made progress,” he said."
    assert attributed(text) == [("direct", "Tom Hale")]
    text = "Tom Hale spoke after Maria Lopez. “Yes,” she said. “No,” he added."
    assert attributed(text) == [("direct", "Maria Lopez"), ("direct", "Tom Hale")]


def test_pronoun_gender_never_leaves_a_quote_without_the_only_candidate():
    text = "Maria Lopez said the plan had failed. “It is over,” he said."
    assert attributed(text) == [("direct", "Maria Lopez")]


def test_place_name_as_first_name_and_demonym_as_role():
    text = "Jordan Lee said: “Yes.” Ukrainian Olena Bondar said: “No.”"
    article, quotes = make_article(text)
    attribute(article, quotes)
    assert [(q.speaker_name, q.speaker_role) for q in quotes] == [
        ("Jordan Lee", None),
        ("Olena Bondar", "Ukrainian"),
    ]


def test_someone_elses_spokesman_is_not_that_person():
    quote = only("Ana Silva left early. “No comment,” her spokesman said.")
    assert (quote.speaker_name, quote.speaker_kind) == ("her spokesman", "anonymous")
    quote = only("Smith’s lawyer, John Doe, said: “My client is innocent.”")
    assert (quote.speaker_name, quote.speaker_role) == ("John Doe", "Smith’s lawyer")


def test_participle_after_before():
    text = "“We will win,” Ana Silva said, before adding: “It will take time.”"
    assert attributed(text) == [("direct", "Ana Silva"), ("direct", "Ana Silva")]


def test_pronoun_added_colon_and_comma():
    text = (
        "“The plan is sound,” Hans Olsen said.\n\n"
        "He added: “We will start in May.”\n\n"
        "He added, “Nobody will lose their job.”"
    )
    assert attributed(text) == [
        ("direct", "Hans Olsen"),
        ("direct", "Hans Olsen"),
        ("direct", "Hans Olsen"),
    ]


def test_nominal_reference_to_last_person():
    text = (
        "“The plan is sound,” Hans Olsen said.\n\n“It will take time,” the veteran diplomat added."
    )
    assert attributed(text) == [("direct", "Hans Olsen"), ("direct", "Hans Olsen")]


def test_nominal_reference_prefers_person_with_that_role():
    text = (
        "Foreign Minister Lea Park met Tom Weiss, a banker, in Geneva. "
        "Tom Weiss arrived late.\n\n"
        "“We found common ground,” the minister said."
    )
    assert attributed(text) == [("direct", "Lea Park")]


def test_generic_nominal_is_not_the_last_person_named():
    text = (
        "Ana Silva opened the shelter. “We lost everything,” the man, who gave his age as 45, said."
    )
    quote = only(text)
    assert (quote.speaker_name, quote.speaker_kind) == ("the man", "anonymous")


def test_age_nominal_refers_back():
    quote = only("Tom Reed runs the shop. “It was terrible,” the 45-year-old said.")
    assert quote.speaker_name == "Tom Reed"


def test_name_in_apposition_after_an_unusual_description():
    quote = only("“We stay,” one of the protesters, Ali Khan, said.")
    assert (quote.speaker_name, quote.speaker_role) == ("Ali Khan", "one of the protesters")


def test_second_quote_in_paragraph_shares_speaker():
    text = "“First,” Anna Berg said. “Second.” Then she left."
    assert attributed(text) == [("direct", "Anna Berg"), ("direct", "Anna Berg")]


def test_quote_split_around_he_said():
    text = "Omar Nasser spoke briefly. “We tried,” he said, “and we failed.”"
    assert attributed(text) == [("direct", "Omar Nasser"), ("direct", "Omar Nasser")]


def test_quote_split_around_inverted_attribution():
    text = "“We will,” said Ana Silva, the mayor, “rebuild the city.”"
    assert attributed(text) == [("direct", "Ana Silva"), ("direct", "Ana Silva")]


def test_next_paragraph_continues_previous_speaker():
    text = (
        "“We will rebuild,” Mayor Ines Costa said at the site.\n\n“Every house will stand again.”"
    )
    assert attributed(text) == [("direct", "Ines Costa"), ("direct", "Ines Costa")]


def test_open_ended_quote_runs_into_next_paragraph():
    text = "Ines Costa said: “We will rebuild every street.\n\n“And we will do it before winter.”"
    article, quotes = make_article(text)
    assert quotes[0].open_ended
    attribute(article, quotes)
    assert [(q.kind, q.speaker_name) for q in quotes] == [
        ("direct", "Ines Costa"),
        ("direct", "Ines Costa"),
    ]


def test_bare_quote_after_sentence_with_person_as_subject():
    assert attributed("Karl Meyer was defiant. “We will win.”") == [("direct", "Karl Meyer")]
    text = "On Monday, Ana Silva visited the site.\n\n“I have never seen anything like it.”"
    assert attributed(text) == [("direct", "Ana Silva")]


def test_bare_quote_goes_on_from_the_sentence_right_before():
    text = "“We will win,” Ana Silva said. Karl Meyer disagreed. “It is over.”"
    assert attributed(text) == [("direct", "Ana Silva"), ("direct", "Karl Meyer")]
    text = "“We will win,” Ana Silva said. The plan is huge. “It will work.”"
    assert attributed(text) == [("direct", "Ana Silva"), ("direct", "Ana Silva")]


def test_bare_quote_after_reported_speech_in_same_paragraph():
    text = "Ines Costa said the repairs would take a year. “It is a huge task.”"
    assert attributed(text) == [("direct", "Ines Costa")]


# -- kinds: partial and scare ------------------------------------------------------------------


def test_partial_after_reported_speech():
    quote = only("Deputy Minister Pavel Orlov said it was necessary to “restore order quickly.”")
    assert (quote.kind, quote.speaker_name) == ("partial", "Pavel Orlov")


def test_partial_with_evaluative_verb():
    quote = only("Opposition leaders called the proposal “reckless” on Friday.")
    assert (quote.kind, quote.speaker_name, quote.speaker_kind) == (
        "partial",
        "Opposition leaders",
        "group",
    )


def test_partial_after_participle_takes_main_subject():
    text = "Nina Roth rejected the offer, saying it must guarantee “a full withdrawal.”"
    assert attributed(text) == [("partial", "Nina Roth")]


def test_partial_with_attribution_after():
    quote = only("The deal is “dead in the water,” Carlos Ruiz said.")
    assert (quote.kind, quote.speaker_name) == ("partial", "Carlos Ruiz")


def test_fragment_after_adding_that():
    text = "“We will win,” Olena Bondar said, adding that “victory is near.”"
    assert attributed(text) == [("direct", "Olena Bondar"), ("partial", "Olena Bondar")]


def test_attribution_closing_the_sentence():
    quote = only("“Peace through strength” is not a plan, Ana Silva said on Monday.")
    assert (quote.kind, quote.speaker_name) == ("partial", "Ana Silva")
    quote = only("The deal is “dead in the water,” and it will not return, Carlos Ruiz said.")
    assert (quote.kind, quote.speaker_name) == ("partial", "Carlos Ruiz")
    # Reported speech after the comma is another statement, not this quote's attribution.
    quote = only("The “historic” deal was signed, officials said the talks had failed.")
    assert (quote.kind, quote.speaker_name) == ("scare", None)


def test_two_fragments_in_one_reported_sentence():
    text = "Carla Neri said the plan was “bold,” but warned of “serious risks.”"
    assert attributed(text) == [("partial", "Carla Neri"), ("partial", "Carla Neri")]


def test_passive_agent_is_the_speaker():
    quote = only("The goal was described by Gerardo Martino as “pure magic.”")
    assert (quote.kind, quote.speaker_name) == ("partial", "Gerardo Martino")


def test_speech_act_with_unresolvable_subject_is_still_partial():
    quote = only("He described the talks as “constructive.”")
    assert (quote.kind, quote.speaker_name) == ("partial", None)
    quote = only("The senator, who has long opposed the measure, said it was “dead on arrival.”")
    assert (quote.kind, quote.speaker_name) == ("partial", None)


def test_colon_introduces_a_statement():
    quote = only("The message was clear: “Stop the war.”")
    assert (quote.kind, quote.speaker_name) == ("direct", None)
    text = "Ana Silva was blunt. Her message: “Stop the war.”"
    assert attributed(text) == [("direct", "Ana Silva")]


def test_time_after_subject_is_not_a_role():
    quote = only("President Joe Biden on Tuesday called the attack “an outrage.”")
    assert (quote.kind, quote.speaker_name, quote.speaker_role) == (
        "partial",
        "Joe Biden",
        "President",
    )


def test_possessive_descriptions():
    quote = only("Prime Minister Keir Starmer’s spokesman said it was “disappointing.”")
    assert (quote.speaker_name, quote.speaker_kind) == (
        "Prime Minister Keir Starmer’s spokesman",
        "anonymous",
    )
    quote = only("“This is not the end,” Navalny’s widow Yulia Navalnaya said.")
    assert (quote.speaker_name, quote.speaker_role) == ("Yulia Navalnaya", "Navalny’s widow")


def test_quoted_titles_are_not_speech():
    quote = only("He wrote in his book “The Art of the Deal” that deals are art.")
    assert (quote.kind, quote.speaker_name) == ("scare", None)


def test_scare_quotes_get_no_speaker():
    quote = only("The so-called “peace dividend” never arrived, Anna Berg said.")
    assert (quote.kind, quote.speaker_name, quote.attribution) == ("scare", None, None)
    quote = only("It was a “historic” day for the small town of Hamar.")
    assert (quote.kind, quote.speaker_name) == ("scare", None)


# -- anonymous sources and groups --------------------------------------------------------------


def test_anonymous_source():
    quote = only("“There is no deal yet,” a senior EU diplomat said.")
    assert (quote.speaker_name, quote.speaker_kind) == ("a senior EU diplomat", "anonymous")


def test_anonymous_group_speaking_on_condition():
    quote = only(
        "“The strike was planned for weeks,” officials speaking on condition of anonymity said."
    )
    assert (quote.speaker_name, quote.speaker_kind) == ("officials", "anonymous")


def test_named_group():
    quote = only("“We reject this,” Polish officials said in a statement.")
    assert (quote.speaker_name, quote.speaker_kind) == ("Polish officials", "group")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("What officials call a “reset” has been welcomed by the unions.", "officials"),
        ("Which analysts call the “new normal” is still debated.", "analysts"),
        ("The board rejected what critics describe as “a land grab”.", "critics"),
    ],
)
def test_a_sentence_opening_relative_pronoun_is_not_part_of_the_group(text, speaker):
    """`What officials call X`: the officials speak, "What officials" is nobody."""
    quote = only(text)
    assert (quote.kind, quote.speaker_name, quote.speaker_kind) == ("partial", speaker, "group")


def test_they_resolves_to_group():
    text = "“We reject this,” Polish officials said. “It is unacceptable,” they added."
    assert attributed(text) == [("direct", "Polish officials"), ("direct", "Polish officials")]


# -- never a guess -----------------------------------------------------------------------------


def test_no_speaker_when_nobody_speaks():
    assert attributed("“Nobody expected this.”") == [("direct", None)]


def test_narration_with_a_name_is_not_a_speaker():
    text = (
        "The ship reached Oslo on Monday with Captain Erik Dahl aboard.\n\n“Nobody expected this.”"
    )
    assert attributed(text) == [("direct", None)]


def test_two_people_as_subject_is_not_one_of_them():
    quote = only("“We welcome the talks,” Maria Lopez and Tom Hale said.")
    assert quote.speaker_name is None


def test_first_person_writer_is_not_a_speaker():
    quote = only("“Go away,” I said.")
    assert quote.speaker_name is None


def test_organisation_is_a_group_not_a_person():
    quote = only("“The claims are false,” the Kremlin said.")
    assert (quote.speaker_name, quote.speaker_kind) == ("Kremlin", "group")


# -- names ---------------------------------------------------------------------------------------


def test_parse_name_strips_titles_but_keeps_title_like_surnames():
    assert parse_run("Ukrainian President Volodymyr Zelensky") == (
        "Ukrainian President",
        "Volodymyr Zelensky",
    )
    assert parse_run("Julie Bishop") == (None, "Julie Bishop")
    assert parse_run("Mr. Smith") == (None, "Smith")  # an honorific is not a role
    assert parse_run("NATO") == (None, None)
    assert parse_run("Tuesday") == (None, None)
    assert parse_run("Sky News") == (None, None)


def test_person_mentions_skip_things_after_the():
    text = "In comments reported by the Verdens Gang newspaper, Anna Berg said so."
    assert [m.name for m in person_mentions(text, 0, len(text))] == ["Anna Berg"]


def test_fullest_form_prefers_mention_near_the_quote_when_surnames_clash():
    text = "Donald Trump spoke first. Later Melania Trump arrived. Trump said nothing."
    names = NameIndex(text)
    assert names.fullest("Trump", text.index("Trump said")).name == "Melania Trump"
    assert names.fullest("Trump", 5).name == "Donald Trump"


def test_slug_is_ascii():
    assert slug("José Álvarez-Núñez") == "jose-alvarez-nunez"
    assert slug("a NATO source") == "a-nato-source"


# -- merging across articles -------------------------------------------------------------------


def _merged(*texts: str):
    quotes = []
    for n, text in enumerate(texts):
        article, found = make_article(text, f"art{n}")
        attribute(article, found)
        quotes.extend(found)
    return merge_speakers(quotes), quotes


def test_spelling_variants_and_surnames_merge():
    speakers, quotes = _merged(
        "“No,” Mykhailo Podolyak, an aide to the president, said.",
        "“Never,” Mykhailo Podoliak said.",
        "“Absolutely not,” Podolyak said.",
    )
    assert len(speakers) == 1
    speaker = speakers[0]
    assert speaker.id == "mykhailo-podolyak"
    assert speaker.aliases == ["Mykhailo Podoliak", "Podolyak"]
    assert speaker.quotes == 3
    assert speaker.role == "an aide to the president"
    assert {q.speaker for q in quotes} == {"mykhailo-podolyak"}


def test_look_alike_names_stay_apart():
    speakers, _ = _merged(
        "“Yes,” Jens Stoltenberg said.",
        "“No,” Stian Jenssen said.",
        "“Maybe,” Jens Jensen said.",
    )
    assert sorted(s.id for s in speakers) == ["jens-jensen", "jens-stoltenberg", "stian-jenssen"]


def test_same_surname_different_first_names_stay_apart_and_surname_alone_is_ambiguous():
    speakers, quotes = _merged(
        "“Yes,” Anna Berg said.",
        "“No,” Maria Berg said.",
        "“Perhaps,” Berg said.",
    )
    assert sorted(s.id for s in speakers) == ["anna-berg", "berg", "maria-berg"]


def test_titles_do_not_block_a_merge():
    speakers, _ = _merged(
        "“Yes,” President Ana Silva said.",
        "“Yes again,” Ms. Silva said.",
        "“Once more,” former minister Ana Silva said.",
    )
    assert [s.id for s in speakers] == ["ana-silva"]
    assert speakers[0].quotes == 3


def test_anonymous_and_groups_merge_by_description_only():
    speakers, _ = _merged(
        "“No deal,” a NATO source said.",
        "“No deal yet,” a NATO source said. “We disagree,” Ukrainian officials said.",
    )
    by_id = {s.id: s for s in speakers}
    assert by_id["a-nato-source"].quotes == 2
    assert by_id["a-nato-source"].kind == "anonymous"
    assert by_id["ukrainian-officials"].kind == "group"


def test_unattributed_quotes_get_no_speaker_id():
    speakers, quotes = _merged("“Nobody expected this.”")
    assert speakers == []
    assert quotes[0].speaker is None


def test_ids_are_unique_when_slugs_collide():
    speakers, _ = _merged("“Yes,” José Díaz said.", "“No,” Jose Diaz-Ortega said.")
    ids = [s.id for s in speakers]
    assert len(ids) == len(set(ids))


# -- whole made-up articles, through the real quote finder --------------------------------------

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "speakers"


def end_to_end(name: str) -> list[tuple[str, str | None, str | None]]:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    article = Article(id="e", path="e.txt", text=text)
    quotes = find_quotes(article)
    attribute(article, quotes)
    return [(q.kind, q.speaker_name, q.speaker_kind) for q in quotes]


def test_local_news_article():
    alvarez = ("direct", "Tom Alvarez", "person")
    spokesperson = ("direct", "a spokesperson", "anonymous")
    park = ("direct", "Linda Park", "person")
    assert end_to_end("storm.txt") == [
        alvarez,
        alvarez,
        alvarez,
        ("direct", "Maria Chen", "person"),
        ("partial", "a spokesperson", "anonymous"),
        spokesperson,
        spokesperson,
        ("direct", "one resident", "anonymous"),
        park,
        park,
        alvarez,  # "the mayor said", six paragraphs after "Mayor Tom Alvarez"
        alvarez,
    ]


def test_british_article_with_single_marks():
    haigh = ("direct", "Louise Haigh", "person")
    assert end_to_end("rail.txt") == [
        ("partial", "Louise Haigh", "person"),
        haigh,
        haigh,
        ("partial", "Mick Lynch", "person"),
        ("direct", "Mick Lynch", "person"),
        ("partial", "Helen Whately", "person"),
        haigh,
    ]


def test_wire_article_with_many_speakers():
    assert end_to_end("summit.txt") == [
        ("direct", "Mateusz Morawiecki", "person"),
        ("direct", "Mateusz Morawiecki", "person"),
        ("partial", "Viktor Orban", "person"),
        ("direct", "Olaf Scholz", "person"),
        ("partial", "Olaf Scholz", "person"),
        ("direct", "Ursula von der Leyen", "person"),
        ("direct", "an EU diplomat", "anonymous"),
        ("direct", "Giorgia Meloni", "person"),
        ("direct", "Markus Söder", "person"),
        ("direct", "Markus Söder", "person"),
        ("partial", "Critics", "group"),
        ("direct", "one official", "anonymous"),
        ("direct", "one official", "anonymous"),
    ]


# -- rules for unseen news -----------------------------------------------------------------


def test_dotted_abbreviation_inside_a_title():
    text = (
        "Dan Moss ran the fund.\n\n"
        "“She knew the numbers were false,” Deputy U.N. Envoy Clara Ruiz told the panel. "
        "“She said nothing.”"
    )
    clara = ("direct", "Clara Ruiz")
    assert attributed(text) == [clara, clara]
    assert only("“We are done,” Clara Ruiz told the panel.").speaker_role is None


def test_unresolved_attribution_of_its_own_is_not_carried_forward():
    text = "Dan Moss spoke first.\n\n“That is a lie,” someone in the gallery shouted back."
    assert attributed(text) == [("direct", None)]
    # Negative: with no attribution at all, the paragraph goes on from the previous speaker.
    text = "“We will appeal,” Dan Moss said.\n\n“This is not over.”"
    assert attributed(text) == [("direct", "Dan Moss"), ("direct", "Dan Moss")]


def test_capitalised_nationality_after_the_refers_back_to_a_person():
    text = (
        "Pieter Janssen lost in straight sets. “I had no answers,” the Dutchman said. "
        "“None at all.”"
    )
    assert attributed(text) == [("direct", "Pieter Janssen"), ("direct", "Pieter Janssen")]
    # Negative: an organisation after `the` is a group, not a person called `Fed`.
    quote = only("Rates held. “We are patient,” the Fed said.")
    assert (quote.speaker_name, quote.speaker_kind) == ("Fed", "group")


def test_role_noun_after_the_refers_back_to_the_official():
    text = (
        "Superintendent Alma Reyes closed two schools. "
        "“It hurts,” the superintendent said. “It hurts us all.”"
    )
    assert attributed(text) == [("direct", "Alma Reyes"), ("direct", "Alma Reyes")]


def test_fronted_adverbial_is_not_a_name():
    text = (
        "Nurse Ida Brandt starts at ten.\n\n"
        "Down in the basement, Brandt sorts the linen. “Nobody sees this part,” she said."
    )
    assert attributed(text)[-1] == ("direct", "Ida Brandt")
    # Negative: a name opening the sentence, followed by a time phrase, stays a name.
    quote = only("Tom Hale met the board.\n\nHale on Monday, by contrast, said “no.”")
    assert quote.speaker_name == "Tom Hale"


def test_adjective_and_role_words_before_a_name_are_the_role():
    text = "Veteran ferry pilot Ansel Crane has sailed for 30 years. “The sea decides,” he said."
    assert attributed(text) == [("direct", "Ansel Crane")]
    text = "Chelsea boss Ada Lind was pleased. “We were sharp,” she said."
    assert attributed(text) == [("direct", "Ada Lind")]
    quote = only("Landlord Petra Ruiz was furious. “They never called,” she said.")
    assert (quote.speaker_name, quote.speaker_role) == ("Petra Ruiz", "Landlord")
    # Negative: a verb between two names keeps the first one a person.
    assert [m.name for m in person_mentions("Hale thanked deputy mayor Ruiz.", 0, 31)] == [
        "Hale",
        "Ruiz",
    ]
    assert [m.name for m in person_mentions("Hale met former coach Ruiz.", 0, 27)] == [
        "Hale",
        "Ruiz",
    ]


def test_plural_noun_opening_a_sentence_is_not_a_person():
    text = (
        "Mara Quinn sang for fifty years.\n\n"
        "Critics loved her, and Supporters called her “the voice.” "
        "“I just sing,” she told a reporter."
    )
    assert attributed(text)[-1] == ("direct", "Mara Quinn")
    # Negative: a surname ending in -s is still a name.
    assert only("“We sing,” Ann Roberts said.").speaker_name == "Ann Roberts"


def test_hyphenated_given_names():
    text = (
        "Lee Seo-yeon won the final. “I was calm,” Lee Seo-yeon, 20, said.\n\n"
        "Her teammate Choi Min-ho was second. Min-ho added: “She deserved it.”"
    )
    assert attributed(text) == [("direct", "Lee Seo-yeon"), ("direct", "Choi Min-ho")]
    # Negative: an English compound is not part of a name.
    runs = name_pattern().finditer("a Kyiv-based group and Pro-war bloggers")
    assert [m.group() for m in runs] == ["Kyiv", "Pro"]


def test_street_and_square_names_are_places():
    assert person_mentions("They met on Baker Walk and at Praça do Rossio.", 0, 46) == []


def test_subject_of_a_relative_clause_before_the_verb():
    text = (
        "Ola Berg told investors on a conference call that the plant, which she called "
        "“our best bet,” would open soon."
    )
    assert attributed(text) == [("partial", "Ola Berg")]
    text = "The envoy, Sam Idris, asked rich nations to end what he called “a shell game.”"
    assert attributed(text) == [("partial", "Sam Idris")]
    # Negative: a clause (name, verb, object) is never itself taken as the speaker.
    quote = only("Ola Berg told staff on a call that the plant was “on track.”")
    assert quote.speaker_name == "Ola Berg"


def test_apposition_after_a_description_of_someone_elses_aide():
    quote = only("A lawyer for Governor Ella Price, Tom Vale, said the case was “closed.”")
    assert (quote.speaker_name, quote.speaker_role) == (
        "Tom Vale",
        "a lawyer for Governor Ella Price",
    )
    quote = only("The aide to Senator Ella Price, Tom Vale, said the bill was “dead.”")
    assert (quote.speaker_name, quote.speaker_role) == ("Tom Vale", "aide to Senator Ella Price")
    # Without the name it is an unnamed lawyer, not the governor.
    quote = only("A lawyer for Governor Ella Price said the case was “closed.”")
    assert (quote.speaker_name, quote.speaker_kind) == ("a lawyer", "anonymous")
    # Negative: a capitalised title with `of` is still the name's own title.
    quote = only("Secretary of State Ella Price said the talks were “over.”")
    assert (quote.speaker_name, quote.speaker_role) == ("Ella Price", "Secretary of State")


def test_pronoun_skips_a_name_in_a_fronted_clause():
    text = "Asked about Rune Olsen, Piet Draper smiled. “He is the best player here,” he said."
    assert attributed(text) == [("direct", "Piet Draper")]
    # Negative: with no fronted clause the first person named is the subject.
    text = "Rune Olsen beat Piet Draper, then smiled. “He fought hard,” he said."
    assert attributed(text) == [("direct", "Rune Olsen")]


def test_transliterated_names_merge_but_other_surnames_never_do():
    speakers, _ = _merged(
        "“Power is back,” Mayor Ihor Vasylenko said.",
        "“Power is back again,” Mayor Igor Vasilenko said.",
        "“Repairs go on,” Energy Minister German Halenko said.",
        "“Repairs go on well,” Herman Galenko said.",
    )
    assert sorted(s.id for s in speakers) == ["german-halenko", "ihor-vasylenko"]
    assert next(s for s in speakers if s.id == "german-halenko").role == "Energy Minister"
    # Negative: a surname one edit away that is another surname is another person.
    speakers, _ = _merged(
        "“The bill is dead,” Speaker Mike Johnson said.",
        "“The city is ready,” Mayor Mike Johnston said.",
    )
    assert sorted(s.id for s in speakers) == ["mike-johnson", "mike-johnston"]


def test_lone_first_token_expands_to_the_one_full_name_in_the_article():
    text = (
        "“Act now,” Dr Abiy Tesfaye Mengistu told reporters.\n\n"
        "Abiy appealed for funds. “Nobody should die of it,” he said."
    )
    assert attributed(text) == [("direct", "Abiy Tesfaye Mengistu")] * 2
    # Negative: two people share the first token, so it expands to neither.
    text = (
        "Anna Lind and Anna Berg both spoke. “We agree,” Anna said.\n\n“So do we,” Anna Berg said."
    )
    assert attributed(text)[0] == ("direct", "Anna")


def test_indefinite_person_phrases_are_anonymous_not_the_last_speaker():
    text = (
        "“We will miss it,” Tom Hale said.\n\n"
        "“It was the last one,” an older shopper said, declining to give his name."
    )
    assert attributed(text)[1] == ("direct", "an older shopper")
    quote = only(
        "Ana Silva spoke first. Markets fell, which one bond trader described as “a tantrum.”"
    )
    assert (quote.kind, quote.speaker_name, quote.speaker_kind) == (
        "partial",
        "one bond trader",
        "anonymous",
    )
    quote = only("I often cite a former colleague who told me, long ago, “Check everything.”")
    assert (quote.kind, quote.speaker_name) == ("direct", "a former colleague")


def test_one_of_a_group_is_an_unnamed_member():
    text = (
        "Nurses who spoke on condition of anonymity said the ward was short-staffed. "
        "“We cannot cope,” one of them said."
    )
    quote = only(text)
    assert (quote.kind, quote.speaker_name, quote.speaker_kind) == (
        "direct",
        "one of the nurses",
        "anonymous",
    )
    quote = only("Tory backbenchers grumbled about what one called a “rushed” plan.")
    assert (quote.kind, quote.speaker_name, quote.speaker_kind) == (
        "partial",
        "one of the Tory backbenchers",
        "anonymous",
    )
    text = "A senior diplomat said the mood was “grim”. Another said: “Nobody expects much.”"
    assert attributed(text)[1] == ("direct", "another senior diplomat")
    # Negative: with no group before, it is still nobody named.
    quote = only("“Not again,” one of them said.")
    assert (quote.speaker_name, quote.speaker_kind) == ("one of them", "anonymous")


def test_organisations_speak_partial_quotes():
    quote = only("Chile's mining ministry said it was “alarmed” by the spill.")
    assert (quote.kind, quote.speaker_name, quote.speaker_kind) == (
        "partial",
        "Chile's mining ministry",
        "group",
    )
    quote = only("The nurses' union RCN said staffing had become “unsafe”.")
    assert (quote.kind, quote.speaker_name, quote.speaker_kind) == ("partial", "RCN", "group")
    quote = only("A statement from the Arab League welcomed the truce as “a start.”")
    assert (quote.kind, quote.speaker_name, quote.speaker_kind) == (
        "partial",
        "Arab League",
        "group",
    )
    quote = only("The British Chamber of Shipping warned that fees would cause “chaos.”")
    assert (quote.speaker_name, quote.speaker_kind) == ("British Chamber of Shipping", "group")
    quote = only("The federation, Agrova, said farms faced “ruin”.")
    assert (quote.speaker_name, quote.speaker_kind) == ("Agrova", "group")
    # Negative: a place after `of` is still a person's modifier.
    quote = only("Tim Scott of South Carolina said the bill was “dead.”")
    assert (quote.speaker_name, quote.speaker_kind) == ("Tim Scott", "person")


def test_second_verb_of_a_sentence_shares_its_subject():
    text = (
        "Ada Lind of the Grid Institute said costs had doubled, and described the plan as “naive.”"
    )
    assert attributed(text) == [("partial", "Ada Lind")]
    quote = only("In her evidence on Monday she had told the court her son was “a good boy.”")
    assert quote.kind == "partial"
    # Negative: a new subject after `and` is that subject's verb.
    text = "Ada Lind spoke, and Ben Ott described the plan as “naive.”"
    assert attributed(text) == [("partial", "Ben Ott")]


def test_chants_and_shouts_are_speech():
    text = (
        "Thousands marched downtown. “No more cuts” — a line from an old song — the crowd "
        "chanted as it passed.\n\n"
        "13:05 — Students outside the hall chanted “Fund our schools!” as ministers arrived."
    )
    assert attributed(text) == [("direct", "crowd"), ("direct", "Students")]
    # Negative: a dash after the attribution does not hide it.
    assert attributed("“We are done” — Ana Silva said — and left.") == [("direct", "Ana Silva")]


def test_passive_speech_verbs_make_partial_quotes():
    text = "A boy fell through the ice, firefighters said. His condition was described as “stable.”"
    assert attributed(text) == [("partial", "firefighters")]
    assert attributed("The budget was branded “a fantasy” by opposition lawmakers.") == [
        ("partial", "opposition lawmakers")
    ]
    assert attributed("The budget was branded “a fantasy”.") == [("partial", None)]
    # Negative: `has been saying` is active; its subject speaks.
    assert attributed("Ana Silva has been saying the plan is “reckless”.") == [
        ("partial", "Ana Silva")
    ]


def test_the_company_refers_to_the_one_business_named_before():
    text = (
        "Staff at the retailer Brightmart walked out, backed by the union Unite.\n\n"
        "“We regret the delays,” the company said."
    )
    quote = attributed(text)
    assert quote == [("direct", "Brightmart")]
    # Negative: two businesses named, so it stays `company`.
    text = (
        "The carrier JetLine bought the airline SkyLane.\n\n"
        "“We regret the delays,” the company said."
    )
    assert attributed(text) == [("direct", "company")]


def test_first_names_that_are_also_particles():
    text = "Former adviser Ben Rhodes was in the room.\n\n“It was chaos,” Rhodes said."
    assert attributed(text) == [("direct", "Ben Rhodes")]
    quote = only("“We will march,” said the Rev. Al Sharpton.")
    assert (quote.speaker_name, quote.speaker_role) == ("Al Sharpton", "Rev.")
    # Negative: a newspaper with an article in its name is no person.
    assert person_mentions("Le Monde and El País reported it.", 0, 33) == []


def test_nationality_alone_after_the_refers_back():
    text = "Ivan Petrenko lost in five sets. “I gave everything,” the Ukrainian said."
    assert attributed(text) == [("direct", "Ivan Petrenko")]


def test_one_of_a_group_named_in_apposition():
    text = "Critics were loud. One of them, Ana Ruiz, added: “It must go.”"
    quote = only(text)
    assert (quote.speaker_name, quote.speaker_kind) == ("Ana Ruiz", "person")


def test_pronoun_after_a_fronted_phrase():
    assert attributed("Tom Hale was upbeat. Back home, he said: “We won.”") == [
        ("direct", "Tom Hale")
    ]
    assert attributed("Tom Hale waited. After meeting Ana Ruiz, he said: “We won.”") == [
        ("direct", "Tom Hale")
    ]
    # Negative: a subordinate clause's own subject can be the pronoun's antecedent.
    assert attributed("Ana Ruiz waited. When Mayor Tom Hale arrived, he said: “We won.”") == [
        ("direct", "Tom Hale")
    ]


def test_late_introduction_names_the_unnamed_speaker():
    text = (
        "“I fixed shoes here for forty years,” says the man behind the bench. His name is "
        "Otto Brenner, and he closes on Friday.\n\n"
        "Otto once fixed a mayor’s boots. Otto says: “Good leather forgives.”"
    )
    assert attributed(text) == [("direct", "Otto Brenner"), ("direct", "Otto Brenner")]
    # Negative: with no name given, the man stays unnamed.
    quote = only("“I fixed shoes here for forty years,” says the man behind the bench.")
    assert (quote.speaker_name, quote.speaker_kind) == ("the man", "anonymous")


def test_pronoun_with_nobody_fitting_nearby_is_the_person_the_article_is_about():
    text = (
        "Irma Vale, the painter, has died at 90.\n\n"
        "Her gallerist, Tom Reed, said he had “never seen such colour.”\n\n"
        "“I met her in 1970,” he recalled. “She was fierce.”\n\n"
        "Critics called her difficult. “I am not difficult,” she told a reporter in 1995."
    )
    assert attributed(text)[-1] == ("direct", "Irma Vale")
    # Negative: a fitting person nearby is still preferred to the article's subject.
    text = (
        "Irma Vale, the painter, has died at 90.\n\n"
        "Her daughter Ana Vale spoke to mourners. “She was fierce,” she said."
    )
    assert attributed(text) == [("direct", "Ana Vale")]


# -- properties over arbitrary text ------------------------------------------------------------

_PIECES = [
    "“",
    "”",
    '"',
    "‘",
    "’",
    ", ",
    ". ",
    ": ",
    "\n\n",
    " ",
    "he said",
    "she added",
    "Anna Berg",
    "Mr. Hale",
    "the minister",
    "a NATO source",
    "officials",
    "said",
    "told VG",
    "according to",
    "so-called",
    "calling it",
    "We will win",
    "Ukraine's",
    "it must",
    "Jens",
    "Jenssen",
    "O’Brien",
    "von der",
    "—",
    "(",
    ")",
    "they",
    "was described by",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60))
def test_any_text_gets_consistent_attribution(pieces):
    text = "".join(pieces)
    article = Article(id="x", path="x.txt", text=text)
    quotes = find_quotes(article)
    attribute(article, quotes)
    for quote in quotes:
        assert quote.kind in QUOTE_KINDS
        if quote.speaker_name is None:
            assert (quote.speaker_role, quote.speaker_kind, quote.attribution) == (None, None, None)
        else:
            assert quote.speaker_name.strip() == quote.speaker_name != ""
            assert quote.speaker_kind in SPEAKER_KINDS
            assert quote.kind != "scare"
        if quote.attribution is not None:
            start, end = quote.attribution
            assert 0 <= start < end <= len(text)
    speakers = merge_speakers(quotes)
    ids = {s.id for s in speakers}
    assert len(ids) == len(speakers)
    for quote in quotes:
        assert (quote.speaker is None) == (quote.speaker_name is None)
        assert quote.speaker is None or quote.speaker in ids
    assert sum(s.quotes for s in speakers) == sum(q.speaker is not None for q in quotes)
