"""Every quote of the five seed articles: exact span, kind and speaker, and one speaker per person.

The seeds are real, messy news (mixed marks, run-on quotes, "he said" splits, name variants,
an apposition naming a second person). Expected values were checked by reading each article.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.analysis.quotes import find_quotes
from reader.analysis.speakers import attribute, merge_speakers
from reader.ingest import load_paths
from reader.model import Quote

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# (article id prefix, quoted text, kind, speaker id), in text order.
EXPECTED = [
    (
        "000",
        (
            "I think that a solution could be for Ukraine to give up territory, and "
            "get NATO membership in return,"
        ),
        "direct",
        "stian-jenssen",
    ),
    (
        "000",
        "Trading territory for a NATO umbrella? It is ridiculous,",
        "direct",
        "mykhailo-podolyak",
    ),
    (
        "000",
        (
            "That means deliberately choosing the defeat of democracy, encouraging "
            "a global criminal, preserving the Russian regime, destroying "
            "international law, and passing the war on to other generations."
        ),
        "direct",
        "mykhailo-podolyak",
    ),
    (
        "000",
        (
            "Obviously, if Putin does not suffer a crushing defeat, the political "
            "regime in Russia does not change, and war criminals are not punished, "
            "the war will definitely return with Russia’s appetite for more,"
        ),
        "direct",
        "mykhailo-podolyak",
    ),
    (
        "001",
        (
            "My statement about this was part of a larger discussion about possible "
            "future scenarios in Ukraine, and I shouldn’t have said it that way. It "
            "was a mistake,"
        ),
        "direct",
        "stian-jenssen",
    ),
    ("001", "It is completely Ukraine’s independent right to decide.", "direct", "stian-jenssen"),
    (
        "001",
        (
            "I think that a solution could be for Ukraine to give up territory, and "
            "get NATO membership in return."
        ),
        "direct",
        "stian-jenssen",
    ),
    ("001", "ridiculous", "partial", "ukrainian-officials"),
    ("001", "sovereignty and territorial integrity", "partial", "western-officials"),
    (
        "001",
        (
            "We fully support Ukraine’s sovereignty and territorial integrity, as "
            "NATO leaders reaffirmed at the Vilnius Summit in July,"
        ),
        "direct",
        "a-nato-source",
    ),
    (
        "001",
        (
            "We will continue to support Ukraine as long as necessary, and we are "
            "committed to achieving a just and lasting peace."
        ),
        "direct",
        "a-nato-source",
    ),
    (
        "001",
        (
            "recognize the new territorial realities, ensure Ukraine’s "
            "demilitarization and denazification, the rights of its "
            "Russian-speaking citizens and national minorities in line with "
            "international law."
        ),
        "partial",
        "mikhail-galuzin",
    ),
    (
        "002",
        (
            "Russia is struggling enormously militarily, and it seems unrealistic "
            "that they can take new territories. Now it is rather a question of "
            "what Ukraine manages to take back,"
        ),
        "direct",
        "stian-jenssen",
    ),
    (
        "002",
        (
            "I think that a solution could be for Ukraine to give up territory, and "
            "get NATO membership in return … I'm not saying it has to be like this. "
            "But that could be a possible solution."
        ),
        "direct",
        "stian-jenssen",
    ),
    (
        "002",
        "It must be up to Ukraine to decide when and on what terms they want to negotiate.",
        "direct",
        "stian-jenssen",
    ),
    (
        "002",
        "Trading territory for a NATO umbrella? It is ridiculous,",
        "direct",
        "mykhailo-podolyak",
    ),
    (
        "002",
        (
            "Attempts to preserve the world order and establish a ‘bad peace’ "
            "through, let's be honest, Putin's triumph, will not bring peace to the "
            "world, but will bring both dishonor and war."
        ),
        "direct",
        "mykhailo-podolyak",
    ),
    (
        "002",
        "We have always assumed that the Alliance, like Ukraine, does not trade territories,",
        "direct",
        "oleh-nikolenko",
    ),
    (
        "002",
        (
            "The conscious or unconscious participation of NATO officials in "
            "shaping the narrative regarding the possibility of Ukraine's giving up "
            "its territories plays into the hands of Russia."
        ),
        "direct",
        "oleh-nikolenko",
    ),
    (
        "002",
        "There is significant movement in the question of future NATO membership for Ukraine,",
        "direct",
        "stian-jenssen",
    ),
    (
        "002",
        "It is in everyone's interest that the war does not repeat itself.",
        "direct",
        "stian-jenssen",
    ),
    ("002", "It is important that we discuss our way through this.", "direct", "stian-jenssen"),
    (
        "003",
        (
            "If we want to stop the hot stage of the war, we should take under "
            "[the] NATO umbrella the territory of Ukraine that we have under our "
            "control,"
        ),
        "direct",
        "volodymyr-zelensky",
    ),
    (
        "003",
        (
            "That’s what we need to do fast, and then Ukraine can get back the "
            "other part of its territory diplomatically."
        ),
        "direct",
        "volodymyr-zelensky",
    ),
    ("003", "our citizens forever", "partial", "putin"),
    ("003", "NATO umbrella", "partial", "volodymyr-zelensky"),
    (
        "003",
        "No one has offered us to be in NATO with just one part or another part of Ukraine,",
        "direct",
        "volodymyr-zelensky",
    ),
    ("003", "[it] could be possible, but no one offered.", "direct", "volodymyr-zelensky"),
    ("003", "Putin will not come back.", "partial", "volodymyr-zelensky"),
    (
        "003",
        "We need [NATO protection] very much, otherwise [Putin] will come back,",
        "direct",
        "volodymyr-zelensky",
    ),
    (
        "003",
        "Otherwise, how are we going to go to a ceasefire? So for us, it’s very dangerous.",
        "direct",
        "volodymyr-zelensky",
    ),
    (
        "003",
        "All our partners always look for permission from the United States,",
        "direct",
        "volodymyr-zelensky",
    ),
    (
        "003",
        "If the United States doesn’t give it, Europe will not give.",
        "direct",
        "volodymyr-zelensky",
    ),
    ("003", "decision-making centers", "partial", "putin"),
    (
        "004",
        (
            "We need a cease-fire line, and of course ideally this (the Ukrainian "
            "part) should include all areas currently under Russian control. But we "
            "see that this may not be realistically achievable in the immediate "
            "future,"
        ),
        "direct",
        "jens-stoltenberg",
    ),
    (
        "004",
        (
            "If the cease-fire line means that Russia continues to control all "
            "occupied territories, this does not mean that Ukraine has to give up "
            "the territory forever,"
        ),
        "direct",
        "jens-stoltenberg",
    ),
    (
        "004",
        "there are also other ways to arm and support the Ukrainians.",
        "direct",
        "jens-stoltenberg",
    ),
    ("004", "under the NATO umbrella,", "partial", "volodymyr-zelensky"),
    ("004", "hot stage of the war.", "partial", "volodymyr-zelensky"),
]


@pytest.fixture(scope="module")
def analysed():
    articles = load_paths([SEEDS], lambda _message: None)
    quotes: list[Quote] = []
    for article in articles:
        found = find_quotes(article)
        attribute(article, found)
        quotes.extend(found)
    speakers = merge_speakers(quotes)
    return articles, quotes, speakers


def test_every_quote_span_kind_and_speaker(analysed):
    articles, quotes, _ = analysed
    texts = {a.id: a.text for a in articles}
    got = [(q.article[:3], q.text, q.kind, q.speaker) for q in quotes]
    assert got == EXPECTED
    for quote in quotes:
        assert texts[quote.article][quote.start : quote.end] == quote.text


def test_attribution_phrases(analysed):
    articles, quotes, _ = analysed
    texts = {a.id: a.text for a in articles}

    def phrase(prefix: str, text_start: str) -> str | None:
        quote = next(
            q for q in quotes if q.article.startswith(prefix) and q.text.startswith(text_start)
        )
        if quote.attribution is None:
            return None
        start, end = quote.attribution
        return texts[quote.article][start:end]

    assert phrase("000", "I think") == "he said"
    assert phrase("000", "Trading") == (
        "Mykhailo Podolyak, an aide to Ukrainian President Volodymyr Zelensky, wrote"
    )
    assert phrase("001", "My statement") == (
        "Stian Jenssen, chief of staff for NATO Secretary-General Jens Stoltenberg, told"
    )
    assert phrase("001", "I think") == "Jenssen said"
    assert phrase("002", "We have always") == "foreign ministry spokesman Oleh Nikolenko said"
    assert phrase("002", "It must be") == "He added"
    assert phrase("004", "If the cease-fire") == "the experienced politician added"
    assert phrase("001", "recognize") == "Russian Deputy Foreign Minister Mikhail Galuzin said"
    # Continuations carry the speaker but have no attribution phrase of their own.
    assert phrase("002", "Attempts") is None
    assert phrase("003", "That’s what") is None


def test_roles(analysed):
    _, quotes, _ = analysed

    def role(prefix: str, text_start: str) -> str | None:
        quote = next(
            q for q in quotes if q.article.startswith(prefix) and q.text.startswith(text_start)
        )
        return quote.speaker_role

    assert (
        role("001", "My statement") == "chief of staff for NATO Secretary-General Jens Stoltenberg"
    )
    assert role("000", "Trading") == "an aide to Ukrainian President Volodymyr Zelensky"
    assert role("002", "Trading") == "an advisor to President Volodymyr Zelenskyy"
    assert role("002", "We have always") == "foreign ministry spokesman"
    assert role("001", "recognize") == "Russian Deputy Foreign Minister"
    assert role("004", "We need a cease-fire") == "Former NATO Secretary General"
    assert role("004", "under the NATO") == "Ukrainian President"


def test_one_speaker_per_person(analysed):
    _, quotes, speakers = analysed
    by_id = {s.id: s for s in speakers}
    assert len(by_id) == len(speakers)
    assert {s.id for s in speakers} == {
        "stian-jenssen",
        "mykhailo-podolyak",
        "volodymyr-zelensky",
        "jens-stoltenberg",
        "oleh-nikolenko",
        "mikhail-galuzin",
        "putin",
        "a-nato-source",
        "ukrainian-officials",
        "western-officials",
    }
    assert by_id["stian-jenssen"].name == "Stian Jenssen"
    # Two of the three articles describe him so; the third, with more quotes, does not.
    assert by_id["stian-jenssen"].role == (
        "chief of staff for NATO Secretary-General Jens Stoltenberg"
    )
    assert by_id["jens-stoltenberg"].role == "Former NATO Secretary General"
    assert by_id["mykhailo-podolyak"].role == "an aide to Ukrainian President Volodymyr Zelensky"
    assert "Jenssen" in by_id["stian-jenssen"].aliases
    assert by_id["mykhailo-podolyak"].aliases == ["Mykhailo Podoliak"]
    assert "Volodymyr Zelenskyy" in by_id["volodymyr-zelensky"].aliases
    assert by_id["jens-stoltenberg"].aliases == ["Stoltenberg"]
    assert by_id["a-nato-source"].kind == "anonymous"
    assert by_id["western-officials"].kind == "anonymous"
    assert by_id["ukrainian-officials"].kind == "group"
    assert by_id["oleh-nikolenko"].role == "foreign ministry spokesman"
    for speaker in speakers:
        assert speaker.quotes == sum(q.speaker == speaker.id for q in quotes)
    # Two people whose names look alike never merge.
    assert by_id["stian-jenssen"].quotes == 10
    assert by_id["jens-stoltenberg"].quotes == 3


def test_scare_and_unattributed_quotes_have_no_speaker(analysed):
    _, quotes, _ = analysed
    for quote in quotes:
        if quote.kind == "scare" or quote.speaker_name is None:
            assert quote.speaker is None
            assert quote.speaker_role is None
