"""Attribution and speaker merging on small made-up articles, one phenomenon at a time.

Quotes are built here from curly marks (a paragraph-final quote with no closing mark is
open-ended), so these tests exercise the speakers stage on its own.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.analysis.names import NameIndex, parse_run, person_mentions, slug
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
    articles, quotes = [], []
    for n, text in enumerate(texts):
        article, found = make_article(text, f"art{n}")
        attribute(article, found)
        articles.append(article)
        quotes.extend(found)
    return merge_speakers(articles, quotes), quotes


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
    speakers = merge_speakers([article], quotes)
    ids = {s.id for s in speakers}
    assert len(ids) == len(speakers)
    for quote in quotes:
        assert (quote.speaker is None) == (quote.speaker_name is None)
        assert quote.speaker is None or quote.speaker in ids
    assert sum(s.quotes for s in speakers) == sum(q.speaker is not None for q in quotes)
