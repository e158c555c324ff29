"""Words and phrase matching under the stance rules: the offsets a cue's text is cut at, and which
phrase wins where several could start at one word."""

from __future__ import annotations

from reader.analysis.cues import Match, PhraseIndex, tokenize
from reader.analysis.sentences import MASK


def pieces(text: str, start: int = 0, end: int | None = None) -> list[str]:
    """Each token's verbatim text, cut at its offsets."""
    tokens = tokenize(text, start, end)
    return [text[a:b] for a, b in zip(tokens.starts, tokens.ends, strict=True)]


def test_offsets_cut_each_word_and_the_clitics_split_off_it() -> None:
    text = "He doesn’t want Ukraine's land."
    assert tokenize(text).norms == ["he", "doe", "n't", "want", "ukrain", "'s", "land", "."]
    assert pieces(text) == ["He", "does", "n’t", "want", "Ukraine", "'s", "land", "."]


def test_a_dash_token_is_not_placed_at_a_hyphen_before_it() -> None:
    # `-_` holds a hyphen that is no token; the dash between spaces after it is one.
    text = "yes -_ - no -b"
    assert tokenize(text).norms == ["yes", "-", "no", "b"]
    assert pieces(text) == ["yes", "-", "no", "b"]
    assert tokenize(text).starts == [0, 7, 9, 13]


def test_masked_quotations_are_skipped_and_offsets_stay_the_articles() -> None:
    text = f"Intro. He said {MASK * 12}, calling it {MASK * 5} today."
    start = text.index("He")
    assert tokenize(text, start).norms == ["he", "said", ",", "call", "it", "today", "."]
    assert pieces(text, start) == ["He", "said", ",", "calling", "it", "today", "."]


def test_the_longest_phrase_at_a_word_wins_whatever_follows_it() -> None:
    index = PhraseIndex(
        {
            "oppose": ["play into the hands", "play into * hands"],
            "support": ["play into", "play"],
            "negation": ["not"],
        }
    )

    def found(text: str) -> list[Match]:
        return index.find(tokenize(text))

    assert found("play into the hands of") == [Match("oppose", 0, 3)]
    assert found("play into their hands") == [Match("oppose", 0, 3)]  # the wildcard
    assert found("play into it") == [Match("support", 0, 1)]
    assert found("do not play ball") == [Match("negation", 1, 1), Match("support", 2, 2)]
    assert found("play into , hands") == [Match("support", 0, 1)]  # `*` is a word, not a mark
    assert found("they play") == [Match("support", 1, 1)]  # no word after it


def test_topic_terms_may_have_words_inserted_but_not_punctuation() -> None:
    index = PhraseIndex({"term": ["give up territory"]}, gap=2)
    assert index.find(tokenize("giving up its territories")) == [Match("term", 0, 3)]
    assert index.find(tokenize("give up, territory")) == []
    assert index.find(tokenize("give up a lot of territory")) == []
