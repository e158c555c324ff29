"""Quoted spans: exact spans for every quote of the five seeds, and one small article per rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.analysis.paragraphs import body_paragraphs
from reader.analysis.quotes import find_quotes
from reader.model import Article, Block, Quote

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

MARKS = "\"'“”„‚‘’«»‹›「」『』〝〞〟＂"

# Every quote of the seed bodies, in text order, exactly as it must be cut.
SEED_QUOTES = {
    "000_d3f02dd8baab9bc1": [
        "I think that a solution could be for Ukraine to give up territory, and get NATO "
        "membership in return,",
        "Trading territory for a NATO umbrella? It is ridiculous,",
        "That means deliberately choosing the defeat of democracy, encouraging a global criminal, "
        "preserving the Russian regime, destroying international law, and passing the war on to "
        "other generations.",
        "Obviously, if Putin does not suffer a crushing defeat, the political regime in Russia "
        "does not change, and war criminals are not punished, the war will definitely return "
        "with Russia’s appetite for more,",
    ],
    "001_a19f8d04ebf0eb30": [
        "My statement about this was part of a larger discussion about possible future scenarios "
        "in Ukraine, and I shouldn’t have said it that way. It was a mistake,",
        "It is completely Ukraine’s independent right to decide.",
        "I think that a solution could be for Ukraine to give up territory, and get NATO "
        "membership in return.",
        "ridiculous",
        "sovereignty and territorial integrity",
        "We fully support Ukraine’s sovereignty and territorial integrity, as NATO leaders "
        "reaffirmed at the Vilnius Summit in July,",
        "We will continue to support Ukraine as long as necessary, and we are committed to "
        "achieving a just and lasting peace.",
        "recognize the new territorial realities, ensure Ukraine’s demilitarization and "
        "denazification, the rights of its Russian-speaking citizens and national minorities in "
        "line with international law.",
    ],
    "002_e0bf0cd26cbeb941": [
        "Russia is struggling enormously militarily, and it seems unrealistic that they can take "
        "new territories. Now it is rather a question of what Ukraine manages to take back,",
        "I think that a solution could be for Ukraine to give up territory, and get NATO "
        "membership in return … I'm not saying it has to be like this. But that could be a "
        "possible solution.",
        "It must be up to Ukraine to decide when and on what terms they want to negotiate.",
        "Trading territory for a NATO umbrella? It is ridiculous,",
        "Attempts to preserve the world order and establish a ‘bad peace’ through, let's be "
        "honest, Putin's triumph, will not bring peace to the world, but will bring both "
        "dishonor and war.",
        "We have always assumed that the Alliance, like Ukraine, does not trade territories,",
        "The conscious or unconscious participation of NATO officials in shaping the narrative "
        "regarding the possibility of Ukraine's giving up its territories plays into the hands "
        "of Russia.",
        "There is significant movement in the question of future NATO membership for Ukraine,",
        "It is in everyone's interest that the war does not repeat itself.",
        "It is important that we discuss our way through this.",
    ],
    "003_665d4a2b83960238": [
        "If we want to stop the hot stage of the war, we should take under [the] NATO umbrella "
        "the territory of Ukraine that we have under our control,",
        "That’s what we need to do fast, and then Ukraine can get back the other part of its "
        "territory diplomatically.",
        "our citizens forever",
        "NATO umbrella",
        "No one has offered us to be in NATO with just one part or another part of Ukraine,",
        "[it] could be possible, but no one offered.",
        "Putin will not come back.",
        "We need [NATO protection] very much, otherwise [Putin] will come back,",
        "Otherwise, how are we going to go to a ceasefire? So for us, it’s very dangerous.",
        "All our partners always look for permission from the United States,",
        "If the United States doesn’t give it, Europe will not give.",
        "decision-making centers",
    ],
    "004_d9ff70a3abb1d83e": [
        "We need a cease-fire line, and of course ideally this (the Ukrainian part) should "
        "include all areas currently under Russian control. But we see that this may not be "
        "realistically achievable in the immediate future,",
        "If the cease-fire line means that Russia continues to control all occupied territories, "
        "this does not mean that Ukraine has to give up the territory forever,",
        "there are also other ways to arm and support the Ukrainians.",
        "under the NATO umbrella,",
        "hot stage of the war.",
    ],
}

# Quotes in seed titles: found only when the article has no blocks (the paragraph fallback);
# ingest sets titles apart, and quotes are searched in the body only.
SEED_TITLE_QUOTES = {"001_a19f8d04ebf0eb30": ["Mistake"]}


def article(text: str, blocks: list[Block] | None = None) -> Article:
    return Article("t", "t.txt", text, blocks=blocks or [])


def texts(text: str) -> list[str]:
    return [q.text for q in find_quotes(article(text))]


def check_offsets(art: Article, quotes: list[Quote]) -> None:
    """Offsets index the text, and the span sits between marks (after trimming whitespace)."""
    for n, quote in enumerate(quotes, 1):
        assert quote.id == f"{art.id}:q{n}"
        assert quote.article == art.id
        assert art.text[quote.start : quote.end] == quote.text
        assert quote.text == quote.text.strip()
        before = art.text[: quote.start].rstrip()
        assert before and before[-1] in MARKS
        assert quote.kind == "direct" and quote.speaker is None and quote.speaker_name is None
    ends = [(q.start, q.end) for q in quotes]
    assert all(a[1] <= b[0] for a, b in zip(ends, ends[1:], strict=False))


def seed_article(name: str) -> Article:
    path = SEEDS / f"{name}.txt"
    return Article(name, str(path), path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(SEED_QUOTES))
def test_seed_quotes_with_paragraph_fallback(name: str) -> None:
    art = seed_article(name)
    quotes = find_quotes(art)
    assert [q.text for q in quotes] == SEED_TITLE_QUOTES.get(name, []) + SEED_QUOTES[name]
    check_offsets(art, quotes)
    assert not any(q.open_ended for q in quotes)


@pytest.mark.parametrize("name", sorted(SEED_QUOTES))
def test_seed_quotes_with_ingest(name: str) -> None:
    ingest = pytest.importorskip("reader.ingest")
    path = SEEDS / f"{name}.txt"
    (art,) = ingest.load_paths([path], lambda _message: None)
    quotes = find_quotes(art)
    assert [q.text for q in quotes] == SEED_QUOTES[name]
    check_offsets(art, quotes)
    for quote in quotes:
        block = art.blocks[quote.block]
        assert block.kind == "body"
        assert block.start <= quote.start <= quote.end <= block.end


def test_title_block_is_not_searched() -> None:
    art = seed_article("001_a19f8d04ebf0eb30")
    title_end = art.text.index("\n")
    art.blocks = [Block(0, title_end, "title"), Block(title_end + 1, len(art.text), "body")]
    quotes = find_quotes(art)
    assert [q.text for q in quotes] == SEED_QUOTES["001_a19f8d04ebf0eb30"]
    assert {q.block for q in quotes} == {1}


def test_block_index_and_paragraph_of_each_quote() -> None:
    text = "Title “not this”\n\nIntro.\n\nHe said “one.”\n\n“Two,” she said. “Three.”"
    starts = [0, text.index("Intro"), text.index("He said"), text.index("“Two")]
    blocks = [Block(starts[0], starts[1] - 2, "title"), Block(starts[1], starts[2] - 2, "meta")]
    blocks += [Block(starts[2], starts[3] - 2), Block(starts[3], len(text))]
    quotes = find_quotes(article(text, blocks))
    assert [(q.text, q.block) for q in quotes] == [("one.", 2), ("Two,", 3), ("Three.", 3)]
    assert [q.id for q in quotes] == ["t:q1", "t:q2", "t:q3"]


NEWS = """Boris Johnson said: ‘We will not let the voters’ trust go to waste. It’s time to go.’

The PM, 55, added: ‘I’m going to the ’burbs and the country’s heartlands to deliver.

‘And we will do it by January 31.’

Mr Smith's lawyer said his client was "deeply disappointed" by the verdict. "We will appeal," \
he said, adding that the judge's ruling was "wrong in law and in fact."

Asked whether he'd resign, Sen. O'Brien replied, "Absolutely not. I've done nothing wrong."

The so-called 'peace dividend' has not arrived, critics say.

"It's a '90s thing," she said of the band's sound, which blends rock 'n' roll with "something \
else entirely."

He told reporters: "The 6'2" forward is questionable for Sunday's game," before adding "we'll see."

Witnesses described "chaos" at the scene, with one saying: "People were screaming, everywhere.

"I saw a man fall. I don't know if he got up."

The newspaper's headline read: 'Gotcha'.
"""


def test_news_paragraphs_in_mixed_styles() -> None:
    quotes = find_quotes(article(NEWS))
    assert [(q.block, q.text, q.open_ended) for q in quotes] == [
        (0, "We will not let the voters’ trust go to waste. It’s time to go.", False),
        (1, "I’m going to the ’burbs and the country’s heartlands to deliver.", True),
        (2, "And we will do it by January 31.", False),
        (3, "deeply disappointed", False),
        (3, "We will appeal,", False),
        (3, "wrong in law and in fact.", False),
        (4, "Absolutely not. I've done nothing wrong.", False),
        (5, "peace dividend", False),
        (6, "It's a '90s thing,", False),
        (6, "something else entirely.", False),
        (7, "The 6'2\" forward is questionable for Sunday's game,", False),
        (7, "we'll see.", False),
        (8, "chaos", False),
        (8, "People were screaming, everywhere.", True),
        (9, "I saw a man fall. I don't know if he got up.", False),
        (10, "Gotcha", False),
    ]


def test_curly_and_straight_double_quotes() -> None:
    assert texts("He said “We will win,” and left.") == ["We will win,"]
    assert texts('He said "We will win," and left.') == ["We will win,"]


def test_mixed_marks_in_one_quote() -> None:
    text = '"Trading territory is ridiculous,” he wrote. “It means war." Then “more”.'
    assert texts(text) == ["Trading territory is ridiculous,", "It means war.", "more"]


def test_straight_quote_direction_from_context() -> None:
    assert texts('He said:"Hello there" and left.') == ["Hello there"]
    assert texts('He said,"Hello there."') == ["Hello there."]
    assert texts('("Hello") and —"Bye"— and "Yes"!') == ["Hello", "Bye", "Yes"]
    assert texts('She wrote "…and then nothing." Fine.') == ["…and then nothing."]
    # A lone mark between spaces closes an open quote, and opens one only if another follows.
    assert texts('"Hello, " he said " and so on.') == ["Hello,"]
    assert texts('He said " We will win, " and left. "Yes."') == ["We will win,", "Yes."]
    assert texts('He said " we will win. "Yes."') == ["Yes."]


def test_british_single_quotes_and_headline() -> None:
    assert texts("‘We will fight,’ he said. ‘We will win.’") == ["We will fight,", "We will win."]
    assert texts("Official calls it a ‘Mistake’") == ["Mistake"]
    assert texts("He called it 'a mistake' twice.") == ["a mistake"]


def test_nested_quotes_are_part_of_the_outer_one() -> None:
    text = "“Establish a ‘bad peace’ through, let's be honest, Putin's triumph,” he said."
    assert texts(text) == ["Establish a ‘bad peace’ through, let's be honest, Putin's triumph,"]
    text = "‘He told me “no” twice,’ she said."
    assert texts(text) == ["He told me “no” twice,"]
    assert texts("\"He said 'no' to me,\" she said.") == ["He said 'no' to me,"]


@pytest.mark.parametrize(
    "text",
    [
        "Let's see whether Putin's and Ukraine’s plans hold.",
        "The voters’ choice was clear, and the Joneses’ house too.",
        "In the ’90s and the ‘90s, rock ’n’ roll and rock 'n' roll.",
        "He didn’t, she won’t, they’d, it’s, o’clock.",
        "‘Tis the season, 'twas the night, tell ‘em 'til dawn.",
        'He is 5\'10" tall, she is 5’4” and the TV is 12" wide.',
        'Empty quotes "" and “ ” and ‘’ and "..." and “—” are not quotes.',
        'A stray closing mark,” and another" and a lone " here.',
    ],
)
def test_not_quotes(text: str) -> None:
    assert texts(text) == []


def test_plural_possessive_inside_single_quotes() -> None:
    assert texts("‘The voters’ choice is clear,’ he said.") == ["The voters’ choice is clear,"]
    assert texts("‘We thank the voters’ he said.") == ["We thank the voters"]
    assert texts("‘I love rock ’n’ roll,’ he said.") == ["I love rock ’n’ roll,"]


def test_inch_marks_inside_a_quote() -> None:
    assert texts('"I bought a 12" pizza," he said.') == ['I bought a 12" pizza,']
    assert texts('"He is 6\'2" and fast," she said.') == ["He is 6'2\" and fast,"]
    assert texts('"It happened in 1990" he said.') == ["It happened in 1990"]
    assert texts("“He is 5’10” tall,” she said.") == ["He is 5’10” tall,"]
    assert texts('He said "she is 5\'10" and left.') == ["she is 5'10\" and left."]


def test_quote_running_over_a_paragraph_break() -> None:
    text = "“We will fight to the end,\n\n“And we will win,” he said.\n\nNo quote here."
    quotes = find_quotes(article(text))
    assert [(q.text, q.open_ended, q.block) for q in quotes] == [
        ("We will fight to the end,", True, 0),
        ("And we will win,", False, 1),
    ]


def test_unclosed_quote_ends_at_its_paragraph() -> None:
    text = "He said “this never closes\nbut wraps a line.\n\n“Next” is separate. And “more."
    quotes = find_quotes(article(text))
    assert [(q.text, q.open_ended) for q in quotes] == [
        ("this never closes\nbut wraps a line.", True),
        ("Next", False),
        ("more.", True),
    ]


def test_unclosed_single_quote_ends_at_its_paragraph() -> None:
    text = "‘We will fight on\n\nand on,’ he said."
    assert [(q.text, q.open_ended) for q in find_quotes(article(text))] == [
        ("We will fight on", True)
    ]
    # An unmatched straight single mark is an apostrophe, not a runaway quote.
    assert texts("The '80s were fine.\n\nHe left.") == []
    # An unmatched ‘ before a double quote is an apostrophe too: the quote style is double.
    assert texts("Out in the ‘burbs he said “we will win” and left.") == ["we will win"]


def test_reopened_quote_cuts_the_unclosed_one() -> None:
    quotes = find_quotes(article("“Missing close, he said. “Then a new one.”"))
    assert [(q.text, q.open_ended) for q in quotes] == [
        ("Missing close, he said.", True),
        ("Then a new one.", False),
    ]


def test_same_family_quotation_nests_when_its_closing_marks_follow() -> None:
    text = '“Establish a "bad peace" through triumph," he said. “A “B” C” and “D.”'
    assert texts(text) == ['Establish a "bad peace" through triumph,', "A “B” C", "D."]
    assert texts("‘He said ‘no’ to me,’ she said.") == ["He said ‘no’ to me,"]
    quotes = find_quotes(article('"Lost close, he said. "B," she said. "C."'))
    assert [(q.text, q.open_ended) for q in quotes] == [
        ("Lost close, he said.", True),
        ("B,", False),
        ("C.", False),
    ]
    assert texts("„Das ist „gut“ so“, sagte er. „Ja“sagte sie.") == ["Das ist „gut“ so", "Ja"]


def test_quote_split_around_attribution_is_two_quotes() -> None:
    assert texts("“A start,” he said. “And an end.”") == ["A start,", "And an end."]
    assert texts('"A start," he said, "and an end."') == ["A start,", "and an end."]


def test_other_languages_marks() -> None:
    assert texts("« Nous allons gagner », a-t-il dit.") == ["Nous allons gagner"]
    assert texts("«A «B» C» et ‹salut›") == ["A «B» C", "salut"]
    assert texts("»Vi vinder«, sagde han. »Ja«") == ["Vi vinder", "Ja"]
    assert texts("„Wir schaffen das“, sagte sie. ‚Klein‘ und „Polnisch”.") == [
        "Wir schaffen das",
        "Klein",
        "Polnisch",
    ]
    assert texts("他说：「我们会赢『一定』。」好的。『书名』") == ["我们会赢『一定』。", "书名"]
    assert texts("”Vi vinner”, sa han.") == ["Vi vinner"]
    assert texts("Il a dit : « C’est fini ».") == ["C’est fini"]
    # Straight marks in CJK text have no spaces to tell opening from closing: they alternate.
    assert texts('他说"我们会赢"，然后走了。她说："好的。"') == ["我们会赢", "好的。"]


def test_closing_single_mark_used_to_open_needs_a_closing_mark() -> None:
    assert texts("’We will fight,’ he said.") == ["We will fight,"]
    assert texts("’We will fight on, he said.") == []


def test_quotes_opening_with_dots() -> None:
    assert texts('He said "...and then we left."') == ["...and then we left."]
    assert texts("‘...and so on,’ he said.") == ["...and so on,"]


def test_right_to_left_text() -> None:
    text = 'הוא אמר "אנחנו ננצח" אתמול. \u200f"עוד ציטוט"\u200f. قال «سننتصر» أمس.'
    assert texts(text) == ["אנחנו ננצח", "עוד ציטוט", "سننتصر"]
    # A straight double mark between Hebrew letters is an acronym (צה"ל), not a quotation mark.
    assert texts('דובר צה"ל אמר "אנחנו מוכנים" היום.') == ["אנחנו מוכנים"]
    assert texts('"דובר צה"ל אמר שאנחנו מוכנים", אמר.') == ['דובר צה"ל אמר שאנחנו מוכנים']


def test_emoji_combining_characters_and_crlf_keep_offsets_exact() -> None:
    text = "😀👍🏽 “emoji 😀 inside,” said 🇺🇦.\r\n\r\nCafe\u0301 “cafe\u0301 au lait”\r\nok"
    art = article(text)
    quotes = find_quotes(art)
    assert [q.text for q in quotes] == ["emoji 😀 inside,", "cafe\u0301 au lait"]
    check_offsets(art, quotes)
    assert quotes[1].start == text.index("cafe\u0301 au")


def test_whitespace_inside_marks_is_trimmed() -> None:
    quotes = find_quotes(article("He said “  spaced out \n ” and left."))
    assert [q.text for q in quotes] == ["spaced out"]


def test_fallback_paragraphs() -> None:
    lines = "One “a\nTwo b”\nThree"
    assert [(p.start, p.end) for p in body_paragraphs(article(lines))] == [
        (0, 6),
        (7, 13),
        (14, 19),
    ]
    assert [(q.text, q.open_ended) for q in find_quotes(article(lines))] == [("a", True)]
    wrapped = "One “a\nb” two\n\n\r\n  \n\nThree"
    assert [p.block for p in body_paragraphs(article(wrapped))] == [0, 1]
    assert texts(wrapped) == ["a\nb"]


def test_body_blocks_with_blank_lines_split_and_overlaps_are_searched_once() -> None:
    text = "“a\n\n“b” “c”"
    assert [q.text for q in find_quotes(article(text, [Block(0, len(text))]))] == ["a", "b", "c"]
    overlapping = [Block(0, len(text)), Block(2, len(text)), Block(-5, 99)]
    quotes = find_quotes(article(text, overlapping))
    assert [q.text for q in quotes] == ["a", "b", "c"]


def test_many_quotes_and_a_long_line() -> None:
    text = " ".join(f"“quote {n},” he said." for n in range(3000))
    quotes = find_quotes(article(text))
    assert len(quotes) == 3000
    assert quotes[-1].text == "quote 2999," and quotes[-1].id == "t:q3000"
    long_line = "x" * 100_000 + " “end” " + "’" * 1000 + "“" + "y" * 100_000
    assert [(q.text[:3], q.open_ended) for q in find_quotes(article(long_line))] == [
        ("end", False),
        ("yyy", True),
    ]
