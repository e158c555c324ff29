"""Markdown export: exact output on hand-built analyses, and article text kept literal."""

from __future__ import annotations

import pytest

from reader.export import article_markdown, escape, speaker_markdown
from reader.model import Analysis, Article, Link, Quote, Shift, Speaker

A1 = (
    "NATO aide floats *territory* deal\n\n"
    "Stian Jenssen said: “I think that a solution could be for Ukraine to give up territory, "
    "and get NATO membership in return.” Podolyak replied: “Trading territory for a NATO "
    "umbrella? It is ridiculous.”\n\nA source said: “No comment.”\n"
)
A2 = "Jenssen: it was a mistake\n\n“It was a mistake,” Jenssen told VG.\n"
Q1 = (
    "I think that a solution could be for Ukraine to give up territory, "
    "and get NATO membership in return."
)


def quote(article_id: str, text: str, number: int, speaker: str | None, words: str, **kw) -> Quote:
    start = text.index(words)
    return Quote(
        f"{article_id}:q{number}", article_id, start, start + len(words), words, speaker, **kw
    )


def collection() -> Analysis:
    return Analysis(
        articles=[
            Article(
                "a1",
                "seeds/a1.txt",
                A1,
                title="NATO aide floats *territory* deal",
                date="2023-08-15",
                source="Antiwar.com",
                author="Dave DeCamp",
            ),
            Article("a2", "seeds/a2.txt", A2, title="Jenssen: it was a mistake", date="2023-08-16"),
        ],
        speakers=[
            Speaker(
                "stian-jenssen",
                "Stian Jenssen",
                ["Jenssen"],
                role="chief of staff to the NATO Secretary-General",
                quotes=2,
            ),
            Speaker("mykhailo-podolyak", "Mykhailo Podolyak", ["Podolyak"], quotes=1),
        ],
        quotes=[
            # Listed out of text order: the export orders an article's quotes by position.
            quote("a1", A1, 3, None, "No comment."),
            quote(
                "a1",
                A1,
                1,
                "stian-jenssen",
                Q1,
                stance="support",
                cues=["solution could be", "give up territory"],
                order=1.0,
            ),
            quote(
                "a1",
                A1,
                2,
                "mykhailo-podolyak",
                "Trading territory for a NATO umbrella? It is ridiculous.",
                stance="oppose",
                cues=["ridiculous"],
                speaker_role="an aide to President Zelensky",
                order=1.5,
            ),
            quote(
                "a2",
                A2,
                1,
                "stian-jenssen",
                "It was a mistake,",
                stance="retract",
                cues=["was a mistake"],
                order=2.0,
                time="2023-08-16",
            ),
        ],
        links=[
            Link("a2:q1", "a1:q1", "retraction", 81.5),
            Link("a1:q2", "a1:q1", "rebuttal", 60.0),
        ],
        shifts=[Shift("stian-jenssen", "a1:q1", "a2:q1", "support", "retract")],
    )


# Jenssen's first quote as both exports show it: the words, the stance, both links.
JENSSEN_PROPOSAL = [
    "> I think that a solution could be for Ukraine to give up territory, and get NATO "
    "membership in return.",
    "",
    "- **Stance:** ▲ support — cues: “solution could be”, “give up territory”",
    "- **Links (2):**",
    "  - **retraction** — retracted by Stian Jenssen, *Jenssen: it was a mistake* "
    "(2023-08-16): “It was a mistake,”",
    "  - **rebuttal** — rebutted by Mykhailo Podolyak, *NATO aide floats \\*territory\\* deal* "
    "(2023-08-15): “Trading territory for a NATO umbrella? It is ridiculous.”",
]

ARTICLE_A1 = "\n".join(
    [
        "# NATO aide floats \\*territory\\* deal",
        "",
        "- **Date:** 2023-08-15",
        "- **Source:** Antiwar.com",
        "- **Author:** Dave DeCamp",
        "- **File:** seeds/a1.txt",
        "",
        "## Quotes (3)",
        "",
        "### 1. Stian Jenssen, chief of staff to the NATO Secretary-General",
        "",
        *JENSSEN_PROPOSAL,
        "",
        "### 2. Mykhailo Podolyak, an aide to President Zelensky",
        "",
        "> Trading territory for a NATO umbrella? It is ridiculous.",
        "",
        "- **Stance:** ▼ oppose — cues: “ridiculous”",
        "- **Links (1):**",
        "  - **rebuttal** — rebuts Stian Jenssen, *NATO aide floats \\*territory\\* deal* "
        "(2023-08-15): “I think that a solution could be for Ukraine to give up territory, and "
        "get NATO membership in retur…”",
        "",
        "### 3. Unattributed",
        "",
        "> No comment.",
        "",
        "- **Stance:** • neutral",
        "- **Links:** none",
        "",
    ]
)

SPEAKER_JENSSEN = "\n".join(
    [
        "# Stian Jenssen",
        "",
        "- **Also:** Jenssen",
        "- **Role:** chief of staff to the NATO Secretary-General",
        "- **Quotes:** 2 in 2 articles",
        "",
        "## Stance shifts",
        "",
        "- ▲ support → ↺ retract (2023-08-16)",
        "",
        "## Quotes (2)",
        "",
        "### 1. NATO aide floats \\*territory\\* deal (2023-08-15)",
        "",
        *JENSSEN_PROPOSAL,
        "",
        "### 2. Jenssen: it was a mistake (2023-08-16)",
        "",
        "> It was a mistake,",
        "",
        "- **Stance:** ↺ retract — cues: “was a mistake”",
        "- **Links (1):**",
        "  - **retraction** — retracts Stian Jenssen, *NATO aide floats \\*territory\\* deal* "
        "(2023-08-15): “I think that a solution could be for Ukraine to give up territory, and "
        "get NATO membership in retur…”",
        "",
    ]
)


def test_article_markdown_exact() -> None:
    assert article_markdown(collection(), "a1") == ARTICLE_A1


def test_speaker_markdown_exact() -> None:
    assert speaker_markdown(collection(), "stian-jenssen") == SPEAKER_JENSSEN


def test_statement_date_shown_when_it_differs_from_the_article() -> None:
    analysis = collection()
    analysis.quotes[3].time = "2023-08-15"  # said the day before the article appeared
    assert "> It was a mistake,\n\n- **Said:** 2023-08-15\n- **Stance:** ↺ retract" in (
        article_markdown(analysis, "a2")
    )
    assert "**Said:**" not in article_markdown(collection(), "a2")


def test_article_without_metadata_or_quotes() -> None:
    analysis = Analysis(articles=[Article("bare", "x/bare.txt", "Just text.\n")])
    assert (
        article_markdown(analysis, "bare") == "# bare\n\n- **File:** x/bare.txt\n\n## Quotes (0)\n"
    )


def test_speaker_of_another_kind_with_no_quotes() -> None:
    analysis = Analysis(speakers=[Speaker("kremlin", "The Kremlin", kind="group")])
    assert speaker_markdown(analysis, "kremlin") == (
        "# The Kremlin\n\n- **Kind:** group\n- **Quotes:** 0 in 0 articles\n\n## Quotes (0)\n"
    )


def test_partial_quote_kind_is_named() -> None:
    text = "He said it must guarantee “Putin will not come back.”\n"
    analysis = Analysis(
        articles=[Article("a", "a.txt", text)],
        quotes=[quote("a", text, 1, None, "Putin will not come back.", kind="partial")],
    )
    assert "- **Kind:** partial quote\n- **Stance:** • neutral" in article_markdown(analysis, "a")


def test_unknown_ids_raise_key_error() -> None:
    with pytest.raises(KeyError, match="no article with id 'nope'"):
        article_markdown(collection(), "nope")
    with pytest.raises(KeyError, match="no speaker with id 'nope'"):
        speaker_markdown(collection(), "nope")


def test_markdown_syntax_in_article_text_is_escaped() -> None:
    assert escape("# Not a heading") == "\\# Not a heading"
    assert escape("- not a list\n+ nor this\n= nor a rule") == (
        "\\- not a list\n\\+ nor this\n\\= nor a rule"
    )
    assert escape("1. not ordered\n2) either") == "1\\. not ordered\n2\\) either"
    assert escape("<script>alert(1)</script>") == "\\<script\\>alert(1)\\</script\\>"
    assert escape("[click](http://x) *bold* _it_ `code` a|b ~s~ \\ &amp;") == (
        "\\[click\\](http://x) \\*bold\\* \\_it\\_ \\`code\\` a\\|b \\~s\\~ \\\\ \\&amp;"
    )
    assert escape("    indented code?") == "indented code?"
    assert escape("Plain words, 2023. Fine!") == "Plain words, 2023. Fine!"


def test_control_characters_are_made_visible() -> None:
    assert escape("red\x1b[31m alert\x07") == "red␛\\[31m alert␇"


def test_multi_paragraph_quote_stays_one_blockquote() -> None:
    text = "Intro\n\n“First paragraph\n\n# second paragraph”\n"
    words = "First paragraph\n\n# second paragraph"
    analysis = Analysis(
        articles=[Article("a", "a.txt", text)], quotes=[quote("a", text, 1, None, words)]
    )
    assert "> First paragraph\n>\n> \\# second paragraph\n" in article_markdown(analysis, "a")
