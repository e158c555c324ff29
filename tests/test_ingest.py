"""Ingest: files and folders to articles, their metadata and blocks, and every bad file skipped
with one message while the rest of the collection still loads."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader import ingest
from reader.ingest import (
    UsedIds,
    check_files,
    discover_files,
    find_candidates,
    load_paths,
    nothing_found,
    read_file,
    unique_id,
    unique_ids,
)
from reader.ingest_dates import parse_date
from reader.ingest_decode import NotText, decode_text
from reader.ingest_text import analyse_text
from reader.model import Article

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
INGEST = FIXTURES / "ingest"
NASTY = FIXTURES / "nasty"


class Warnings(list[str]):
    """A warn sink that remembers every message."""

    def __call__(self, message: str) -> None:
        self.append(message)


def kinds(article: Article) -> list[tuple[str, str]]:
    return [(b.kind, article.text[b.start : b.end]) for b in article.blocks]


def spans(article: Article) -> list[tuple[str, int, int]]:
    return [(b.kind[0], b.start, b.end) for b in article.blocks]


def structure(text: str) -> list[tuple[str, str]]:
    info = analyse_text(text)
    return [(b.kind, text[b.start : b.end]) for b in info.blocks]


def only(articles: list[Article]) -> Article:
    assert len(articles) == 1
    return articles[0]


# --- the five seeds ------------------------------------------------------------------------------

SEED_EXPECTED = {
    "000_d3f02dd8baab9bc1": dict(
        title="NATO Official Suggests Ukraine Could Cede Territory to Russia to Join Alliance",
        date=None,
        author="Dave DeCamp",
        source=None,
        blocks=[
            ("t", 0, 78),
            ("b", 80, 179),
            ("b", 181, 309),
            ("b", 311, 655),
            ("b", 657, 967),
            ("b", 969, 1311),
            ("b", 1313, 1705),
            ("b", 1707, 2006),
            ("b", 2008, 2211),
            ("m", 2213, 2232),
            ("b", 2234, 2315),
        ],
    ),
    "001_a19f8d04ebf0eb30": dict(
        title="NATO Official Calls Comments on Ukraine Ceding Territory a \u2018Mistake\u2019",
        date=None,
        author="Dave DeCamp",
        source=None,
        blocks=[
            ("t", 0, 68),
            ("b", 70, 193),
            ("b", 195, 378),
            ("b", 380, 704),
            ("b", 706, 1042),
            ("b", 1044, 1439),
            ("b", 1441, 1755),
            ("b", 1757, 2273),
            ("m", 2275, 2294),
            ("b", 2296, 2365),
        ],
    ),
    "002_e0bf0cd26cbeb941": dict(
        title=None,
        date="2023-08-16",
        author=None,
        source=None,
        blocks=[
            ("m", 1, 16),
            ("b", 17, 217),
            ("b", 219, 457),
            ("b", 459, 717),
            ("b", 721, 903),
            ("b", 905, 998),
            ("b", 1000, 1077),
            ("b", 1079, 1223),
            ("b", 1225, 1407),
            ("b", 1409, 1573),
            ("b", 1577, 1757),
            ("b", 1759, 1943),
            ("b", 1945, 2082),
            ("b", 2084, 2382),
            ("b", 2384, 2439),
        ],
    ),
    "003_665d4a2b83960238": dict(
        title=(
            "Zelensky willing to cede territory to Russia in exchange for NATO protection "
            "\u2014 in stark departure from previous stance"
        ),
        date=None,
        author=None,
        source=None,
        blocks=[("t", 0, 118)]
        + [
            ("b", a, b)
            for a, b in [
                (119, 261),
                (262, 479),
                (480, 591),
                (592, 778),
                (779, 955),
                (956, 1156),
                (1157, 1266),
                (1267, 1416),
                (1417, 1590),
                (1591, 1756),
                (1757, 1880),
                (1881, 2094),
                (2095, 2260),
                (2261, 2488),
                (2489, 2662),
                (2663, 2850),
                (2851, 3025),
            ]
        ],
    ),
    "004_d9ff70a3abb1d83e": dict(
        title="Stoltenberg suggests Ukraine could temporarily cede territory for peace",
        date="2024-12-02",
        author=None,
        source="Anadolu Agency",
        blocks=[
            ("t", 0, 71),
            ("b", 72, 261),
            ("m", 262, 269),
            ("m", 270, 286),
            ("m", 287, 329),
            ("m", 330, 371),
            ("b", 372, 550),
            ("b", 551, 745),
            ("b", 746, 980),
            ("b", 981, 1174),
            ("b", 1175, 1449),
            ("b", 1450, 1672),
            ("b", 1673, 2062),
            ("b", 2063, 2162),
            ("b", 2163, 2260),
            ("b", 2261, 2337),
            ("b", 2338, 2409),
        ],
    ),
}
# The seeds' trailing blocks that are boilerplate, not body: bios and related headlines.
SEED_BOILERPLATE = {
    "000_d3f02dd8baab9bc1": [10],
    "001_a19f8d04ebf0eb30": [9],
    "004_d9ff70a3abb1d83e": [13, 14, 15, 16],
}


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    warnings = Warnings()
    articles = load_paths([SEEDS], warnings)
    assert warnings == []
    return {a.id: a for a in articles}


def test_seed_ids_paths_and_text_are_the_files(seeds: dict[str, Article]) -> None:
    assert sorted(seeds) == sorted(SEED_EXPECTED)
    for article in seeds.values():
        path = SEEDS / f"{article.id}.txt"
        assert article.path == str(path)
        assert article.text == path.read_bytes().decode("utf-8")
        assert not article.extracted


@pytest.mark.parametrize("seed", sorted(SEED_EXPECTED))
def test_seed_metadata_and_blocks(seeds: dict[str, Article], seed: str) -> None:
    article, expected = seeds[seed], SEED_EXPECTED[seed]
    assert (article.title, article.date, article.author, article.source) == (
        expected["title"],
        expected["date"],
        expected["author"],
        expected["source"],
    )
    blocks = [list(b) for b in expected["blocks"]]
    for index in SEED_BOILERPLATE.get(seed, []):
        blocks[index][0] = "p"  # boilerplate
    got = [("p" if b.kind == "boilerplate" else b.kind[0], b.start, b.end) for b in article.blocks]
    assert got == [tuple(b) for b in blocks]


def test_seed_block_texts_read_as_expected(seeds: dict[str, Article]) -> None:
    dated = seeds["002_e0bf0cd26cbeb941"]
    assert kinds(dated)[:2] == [
        ("meta", "date 2023-08-16"),
        ("body", dated.text[17:217]),
    ]
    assert dated.text[17:217].startswith("Ukraine reacted with fury")
    anadolu = kinds(seeds["004_d9ff70a3abb1d83e"])
    assert anadolu[2:6] == [
        ("meta", "- World"),
        ("meta", "- Anadolu Agency"),
        ("meta", "- Published Date: 04:14 | 02 December 2024"),
        ("meta", "- Modified Date: 04:18 | 02 December 2024"),
    ]
    assert anadolu[-1] == (
        "boilerplate",
        "- Kremlin denies conveying message to Ukraine through German chancellor",
    )
    bio = kinds(seeds["000_d3f02dd8baab9bc1"])[-2:]
    assert bio == [
        ("meta", "Author: Dave DeCamp"),
        (
            "boilerplate",
            "Dave DeCamp is the news editor of Antiwar.com, follow him on Twitter @decampdave.",
        ),
    ]


# --- plain text rules ----------------------------------------------------------------------------


def test_paragraphs_are_blank_line_separated_and_exclude_newlines() -> None:
    text = "Headline here\n\nFirst para line one\nline two.\n  \n\nSecond para.\n"
    assert structure(text) == [
        ("title", "Headline here"),
        ("body", "First para line one\nline two."),
        ("body", "Second para."),
    ]


def test_without_blank_lines_each_line_is_a_paragraph() -> None:
    text = "Headline here\nFirst sentence.\nSecond sentence."
    assert structure(text) == [
        ("title", "Headline here"),
        ("body", "First sentence."),
        ("body", "Second sentence."),
    ]


def test_windows_line_endings_are_kept_and_excluded_from_blocks() -> None:
    text = "Headline\r\n\r\nBody one.\r\n\r\nBody two.\r\n"
    assert structure(text) == [
        ("title", "Headline"),
        ("body", "Body one."),
        ("body", "Body two."),
    ]


@pytest.mark.parametrize(
    ("first", "is_title"),
    [
        ("Kyiv Rejects Land-for-Membership Idea", True),
        ("Biden Signs Bill.", True),
        ("Why did NATO's envoy say that?", True),
        ("\u201cIt was a mistake,\u201d says NATO official", True),
        ("# Markdown heading", True),
        ("**Bold headline in Markdown**", True),
        ("The comments were made on Tuesday by a NATO official who spoke to reporters.", False),
        ("A single short sentence ends here.", False),
        ("Ends with a colon:", False),
        ("x" * 300, False),
        ("- a bullet line", False),
    ],
)
def test_first_line_is_a_title_only_when_it_reads_as_a_headline(first: str, is_title: bool) -> None:
    info = analyse_text(first + "\n\nThe body of the article follows here.\n")
    assert (info.blocks[0].kind == "title") is is_title
    assert (info.title is not None) is is_title


def test_title_text_drops_markdown_marks_and_needs_a_body() -> None:
    assert analyse_text("## Talks *resume*\n\nBody text.").title == "Talks resume"
    assert (
        analyse_text("# [Talks](https://x.example/a) __resume__\n\nBody.").title == "Talks resume"
    )
    alone = analyse_text("Only a headline")
    assert alone.title is None
    assert [b.kind for b in alone.blocks] == ["body"]


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("date 2023-08-16", "2023-08-16"),
        ("Published Date: 04:14 | 02 December 2024", "2024-12-02"),
        ("Published: December 2, 2024", "2024-12-02"),
        ("Posted on Aug. 16, 2023 at 10:15 a.m. ET", "2023-08-16"),
        ("Wednesday, 16 August 2023", "2023-08-16"),
        ("16/08/2023 14:02 GMT", "2023-08-16"),
        ("Sept. 5, 2023", "2023-09-05"),
        ("Published 2023-08-16T09:12:00Z", "2023-08-16"),
        ("Date: 16.08.2023", "2023-08-16"),
    ],
)
def test_date_lines_are_meta_and_give_an_iso_date(line: str, date: str) -> None:
    info = analyse_text(f"A Headline\n\n{line}\n\nBody sentence one.\n")
    assert [b.kind for b in info.blocks] == ["title", "meta", "body"]
    assert info.date == date


def test_published_date_wins_over_updated_and_ambiguous_dates_are_refused() -> None:
    text = "Headline\n\nUpdated: 03 December 2024\nPublished: 02 December 2024\n\nBody.\n"
    assert analyse_text(text).date == "2024-12-02"
    ambiguous = analyse_text("Headline\n\nDate: 06/08/2023\n\nBody text.\n")
    assert ambiguous.date is None


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2023-08-16", "2023-08-16"),
        ("2023/8/6", "2023-08-06"),
        ("02 December 2024", "2024-12-02"),
        ("2nd of December 2024", "2024-12-02"),
        ("December 2, 2024", "2024-12-02"),
        ("Aug 16th, 2023", "2023-08-16"),
        ("16/08/2023", "2023-08-16"),
        ("08/16/2023", "2023-08-16"),
        ("07/07/2023", "2023-07-07"),
        ("06/08/2023", None),
        ("2023-02-30", None),
        ("31 Febtember 2023", None),
        ("no date here", None),
        ("", None),
    ],
)
def test_parse_date(value: str, iso: str | None) -> None:
    assert parse_date(value) == iso


@pytest.mark.parametrize(
    ("line", "author", "source"),
    [
        ("Author: Dave DeCamp", "Dave DeCamp", None),
        ("By Jane Doe", "Jane Doe", None),
        ("BY JANE DOE", "JANE DOE", None),
        ("By Jane Doe and John Roe, Reuters", "Jane Doe and John Roe", "Reuters"),
        ("By Ludwig van Beethoven | Associated Press", "Ludwig van Beethoven", "Associated Press"),
        ("By Jane Doe, Staff Writer", "Jane Doe", None),
        ("By Reuters", None, "Reuters"),
        ("By Jane Doe, John Roe and Ann Poe", "Jane Doe, John Roe and Ann Poe", None),
        ("By AP Staff", None, "AP Staff"),
        ("Source: Anadolu Agency", None, "Anadolu Agency"),
        # Markdown emphasis and links around bylines, and desk suffixes
        ("**By Nadia Petrov** · Metro desk", "Nadia Petrov", None),
        ("By **Nadia Petrov** • Politics desk", "Nadia Petrov", None),
        ("_By Jane Doe and John Roe_", "Jane Doe and John Roe", None),
        ("By [Ana Lima](https://example.com/ana) · Staff Writer", "Ana Lima", None),
        ("*Written by* Tom O'Neil", "Tom O'Neil", None),
    ],
)
def test_bylines_and_source_lines(line: str, author: str | None, source: str | None) -> None:
    info = analyse_text(f"A Headline\n\n{line}\n\nBody sentence one.\n")
    assert [b.kind for b in info.blocks] == ["title", "meta", "body"]
    assert (info.author, info.source) == (author, source)


@pytest.mark.parametrize(
    "line",
    [
        "By the end of the year, the war had changed.",
        "By Monday the troops had left the city and moved east.",
        "Updated figures show a rise in attacks.",
        "Authorities said the deal was off.",
        "Share prices fell 3% on the news.",
        "Copyright lawsuits are rising, lawyers say.",
        "More than 100 people attended.",
        "Video, which circulated online, showed the strike.",
        "Sponsored by the UN, the talks resumed.",
    ],
)
def test_sentences_that_merely_start_like_metadata_stay_body(line: str) -> None:
    info = analyse_text(f"A Headline\n\n{line}\n\nAnother body sentence.\n")
    assert [b.kind for b in info.blocks] == ["title", "body", "body"]
    assert (info.date, info.author, info.source) == (None, None, None)


def test_meta_lines_inside_a_paragraph_become_their_own_blocks() -> None:
    text = "Headline Here\nBy Jane Doe\nAugust 16, 2023\n\nBody text.\n"
    assert structure(text) == [
        ("title", "Headline Here"),
        ("meta", "By Jane Doe"),
        ("meta", "August 16, 2023"),
        ("body", "Body text."),
    ]


def test_dateline_prefix_splits_from_the_body_on_the_same_line() -> None:
    text = "Published: 2023-08-16 | Ukraine reacted with fury on Wednesday.\n\nMore.\n"
    assert structure(text) == [
        ("meta", "Published: 2023-08-16"),
        ("body", "Ukraine reacted with fury on Wednesday."),
        ("body", "More."),
    ]
    assert analyse_text(text).date == "2023-08-16"
    plain = "August 16, 2023 was the hottest day.\n\nMore.\n"
    assert [b.kind for b in analyse_text(plain).blocks] == ["body", "body"]


def test_top_bullets_are_meta_and_name_the_agency() -> None:
    text = "Headline Here\n- Europe\n- Example Press Agency\nBody sentence one.\nBody two.\n"
    info = analyse_text(text)
    assert [b.kind for b in info.blocks] == ["title", "meta", "meta", "body", "body"]
    assert info.source == "Example Press Agency"


def test_trailing_bullets_are_related_headlines_but_a_body_list_is_body() -> None:
    related = (
        "Headline\n\nBody paragraph one.\n\nBody paragraph two.\n\n"
        "- Kremlin denies sending a message to Kyiv\n- UN expert voices alarm over trafficking\n"
    )
    assert [b.kind for b in analyse_text(related).blocks] == [
        "title", "body", "body", "boilerplate", "boilerplate",
    ]  # fmt: skip
    listed = (
        "Headline\n\nThe demands were listed in the text sent on Friday evening:\n\n"
        "- full withdrawal of all troops from the region\n- reparations for the war damage\n\n"
        "Officials said the list was not final and talks would continue.\n"
    )
    assert [b.kind for b in analyse_text(listed).blocks] == [
        "title", "body", "body", "body", "body",
    ]  # fmt: skip
    single = "Headline\n\nBody paragraph one.\n\n- one trailing list item here\n"
    assert [b.kind for b in analyse_text(single).blocks][-1] == "body"


@pytest.mark.parametrize(
    "line",
    [
        "Read more: Talks stall in Geneva",
        "READ MORE: Talks stall in Geneva",
        "Related: Talks stall in Geneva",
        "Advertisement",
        "© 2024 Reuters. All rights reserved.",
        "Copyright 2024 The Example Times",
        "(Reporting by Jane Doe; Editing by John Roe)",
        "Subscribe to our newsletter for daily updates",
        "Follow us on Telegram",
        "Share this article",
    ],
)
def test_footer_and_promotion_lines_are_boilerplate_anywhere(line: str) -> None:
    text = f"Headline\n\nBody paragraph one.\n\n{line}\n\nBody paragraph two.\n"
    assert [b.kind for b in analyse_text(text).blocks] == ["title", "body", "boilerplate", "body"]


def test_author_bio_is_boilerplate_only_at_the_end() -> None:
    bio = "Jane Doe is a senior correspondent for Example News. Follow her on X @janedoe."
    end = analyse_text(f"Headline\n\nBody paragraph.\n\n{bio}\n")
    assert [b.kind for b in end.blocks] == ["title", "body", "boilerplate"]
    middle = analyse_text(
        "Headline\n\nThe minister is a former journalist, the report said.\n\nMore body.\n"
    )
    assert [b.kind for b in middle.blocks] == ["title", "body", "body"]


def test_related_heading_turns_following_short_lines_into_boilerplate() -> None:
    text = (INGEST / "related.txt").read_text(encoding="utf-8")
    assert structure(text) == [
        ("title", "Council votes to extend mandate"),
        ("meta", "Updated Aug. 16, 2023"),
        ("body", "The council voted 12-3 to extend the mission, its president said."),
        ("body", "\u201cThis is a good day,\u201d she said."),
        ("boilerplate", "Related stories"),
        ("boilerplate", "Council delays vote again"),
        ("boilerplate", "Mission chief resigns over funding row"),
    ]


def test_markdown_with_byline_date_and_footer() -> None:
    article = only(read_file(INGEST / "byline.md", Warnings()))
    assert (article.title, article.date, article.author, article.source) == (
        "Minister Rejects Ceasefire Plan",
        "2023-08-16",
        "Jane Doe and John Roe",
        "Reuters",
    )
    assert kinds(article) == [
        ("title", "# Minister Rejects Ceasefire Plan"),
        ("meta", "By Jane Doe and John Roe, Reuters"),
        ("meta", "Published: 16/08/2023 10:15 GMT"),
        ("body", "The minister said on Monday that the plan \u201ccannot work.\u201d"),
        ("body", "\u201cWe will not sign,\u201d she told reporters."),
        ("boilerplate", "Read more: Ceasefire talks stall in Geneva"),
        ("boilerplate", "\u00a9 2023 Reuters. All rights reserved."),
    ]


def test_markdown_front_matter_is_meta_and_read() -> None:
    article = only(read_file(INGEST / "front_matter.md", Warnings()))
    assert (article.title, article.date, article.author, article.source) == (
        "Talks resume in Geneva",
        "2024-03-05",
        "Ann Poe",
        "Example Wire",
    )
    assert [k for k, _ in kinds(article)] == ["meta", "body", "body"]
    assert kinds(article)[0][1].startswith("---\ntitle:") and kinds(article)[0][1].endswith("---")


def test_nothing_is_guessed_from_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "2023-08-16_by_jane_doe_reuters.txt"
    path.write_text("it was said that nothing happened.\n", encoding="utf-8")
    article = only(read_file(path, Warnings()))
    assert (article.title, article.date, article.author, article.source) == (None,) * 4


def test_control_characters_and_markup_are_kept_verbatim() -> None:
    path = NASTY / "markup_and_escapes.txt"
    article = only(read_file(path, Warnings()))
    assert article.text == path.read_bytes().decode("utf-8")
    assert "\x1b[31m" in article.text and "[link=https://evil.example]" in article.text
    assert article.title == "[bold red]Breaking[/bold red] \x1b[31mnews\x1b[0m"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            list("aB .,:;-*#_\n\r\t\u201c\u201d\"'0123456789")
            + ["By ", "date ", "- ", "Related", "2023-08-16", "Jane Doe", "\n\n"]
        ),
        max_size=120,
    ).map("".join)
)
def test_blocks_are_ordered_disjoint_trimmed_and_inside_the_text(text: str) -> None:
    info = analyse_text(text)
    position = 0
    for block in info.blocks:
        assert position <= block.start < block.end <= len(text)
        assert not text[block.start].isspace() and not text[block.end - 1].isspace()
        assert block.kind in ("title", "meta", "body", "boilerplate")
        position = block.end
    assert info.date is None or len(info.date) == 10


# --- html ----------------------------------------------------------------------------------------


def test_html_metadata_and_body_paragraphs() -> None:
    warnings = Warnings()
    article = only(read_file(INGEST / "page.html", warnings))
    assert warnings == []
    assert article.extracted
    assert (article.title, article.date, article.author, article.source, article.url) == (
        'Kyiv rejects "land for NATO" idea',
        "2023-08-16",
        "Jane Doe",
        "The Daily Example",
        "https://example.com/kyiv-rejects",
    )
    assert article.text == (
        "Ukraine\u2019s officials said \u201cno\u201d & meant it.\n\n"
        "\u201cIt is ridiculous,\u201d Mykhailo Podolyak wrote on X.\n\n"
        "Trading territory is not an option.\n\n"
        "Kyiv wants a full withdrawal\n\n"
        "NATO backs Kyiv\n\n"
        "Follow us on Twitter for more news."
    )
    assert [k for k, _ in kinds(article)] == ["body"] * 5 + ["boilerplate"]
    assert "not article text" not in article.text and "Sidebar" not in article.text


def test_html_without_article_tag_uses_json_ld_and_closes_paragraphs() -> None:
    article = only(read_file(INGEST / "no_article_tag.html", Warnings()))
    assert (article.title, article.date, article.author, article.source) == (
        "Plain page headline",
        "2024-12-02",
        "Ann Poe, Bo Li",
        "Example Wire",
    )
    assert article.text == "First paragraph.\n\nSecond paragraph, unclosed."


def test_html_in_a_declared_legacy_charset() -> None:
    warnings = Warnings()
    article = only(read_file(INGEST / "legacy.htm", warnings))
    assert warnings == []
    assert article.title == "Caf\u00e9 owners protest"
    assert article.date == "2024-12-02"
    assert article.text.startswith("\u201cWe are closing,\u201d said Ren\u00e9e M\u00fcller.")


def test_html_title_fallbacks(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(
        "<html><head><title>Talks | Wire</title><meta property='og:site_name' content='Wire'>"
        "</head><body><p>Text.</p><time datetime='2024-01-05T10:00'>x</time></body></html>",
        encoding="utf-8",
    )
    article = only(read_file(page, Warnings()))
    assert (article.title, article.date, article.source) == ("Talks", "2024-01-05", "Wire")
    page.write_text("<h1>Only <em>an</em> h1</h1><p>Text.</p>", encoding="utf-8")
    assert only(read_file(page, Warnings())).title == "Only an h1"


def test_html_with_no_paragraphs_is_skipped_with_a_message() -> None:
    warnings = Warnings()
    assert read_file(NASTY / "scripts_only.html", warnings) == []
    assert warnings == [f"skipped {NASTY / 'scripts_only.html'}: no article text found in the page"]


def test_broken_html_still_gives_its_text() -> None:
    article = only(read_file(NASTY / "broken.html", Warnings()))
    assert article.text == "Unclosed bold\n\nSecond\n\nThird &bogus; & &#xZZ;"


# --- jsonl ---------------------------------------------------------------------------------------


def test_jsonl_records_bad_lines_warned_and_ids() -> None:
    warnings = Warnings()
    articles = unique_ids(read_file(INGEST / "feed.jsonl", warnings, display_path="feed.jsonl"))
    assert warnings == [
        'feed.jsonl:4: skipped line: no "text"',
        "feed.jsonl:5: skipped line: not a JSON object",
        "feed.jsonl:6: skipped line: invalid JSON (Unterminated string starting at)",
    ]
    assert [a.id for a in articles] == ["wire-1", "feed-2", "wire-1-2"]
    first = articles[0]
    assert (first.title, first.date, first.author, first.source, first.url) == (
        "Talks stall",
        "2023-08-16",
        "Ann Poe, Bo Li",
        "Example Wire",
        "https://example.com/1",
    )
    assert first.extracted and first.path == "feed.jsonl"
    assert first.text == "Talks stall\n\n\u201cNo deal yet,\u201d an envoy said."
    assert kinds(first) == [("title", "Talks stall"), ("body", first.text[13:])]
    second = articles[1]
    assert second.text == "A record without metadata.\r\nSecond line."
    assert second.title is None


def test_jsonl_with_no_good_line_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("nope\n", encoding="utf-8")
    warnings = Warnings()
    assert read_file(path, warnings) == []
    assert warnings == [
        f"{path}:1: skipped line: invalid JSON (Expecting value)",
        f"skipped {path}: no articles in it",
    ]


# --- files, folders and ids -----------------------------------------------------------------------


def test_folder_discovery_is_recursive_sorted_and_skips_settings_quietly() -> None:
    warnings = Warnings()
    files = discover_files([INGEST], warnings)
    assert files == sorted(files)
    assert [p.relative_to(INGEST).as_posix() for p in files] == [
        "a.txt", "broadcaster_style.txt", "byline.md", "feed.jsonl", "front_matter.md",
        "legacy.htm", "no_article_tag.html", "page.html", "related.txt", "sub/a.txt",
        "wire_style.txt",
    ]  # fmt: skip
    assert warnings == [f"skipped {INGEST / 'notes.csv'}: not an article (.csv)"]


def test_load_paths_makes_ids_unique_and_keeps_user_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(INGEST, tmp_path / "news")
    monkeypatch.chdir(tmp_path)
    articles = load_paths(["news", "news/a.txt"], Warnings())
    by_path = {a.path: a.id for a in articles}
    assert by_path["news/a.txt"] == "a"
    assert by_path["news/sub/a.txt"] == "a-2"
    assert len({a.id for a in articles}) == len(articles)
    assert sum(1 for a in articles if a.path == "news/a.txt") == 1


def test_paths_are_named_and_ordered_as_the_user_gave_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("b.txt", "a b.txt", "a.txt", "a/z.txt", "a-1/y.txt", "A/x.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("Headline\n\nText.", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    expected = sorted(
        Path(name) for name in ("b.txt", "a b.txt", "a.txt", "a/z.txt", "a-1/y.txt", "A/x.txt")
    )
    assert discover_files(["."], Warnings()) == expected
    assert discover_files(["./"], Warnings()) == expected
    assert [str(p) for p in discover_files(["a//", "./b.txt"], Warnings())] == ["a/z.txt", "b.txt"]


_NAME = st.text(alphabet="aB.-_ 0\u00e9\t", min_size=1, max_size=4).filter(
    lambda name: name not in (".", "..")
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["", "/", "//"]), st.lists(_NAME, min_size=1, max_size=4)).map(
            lambda root_parts: root_parts[0] + "/".join(root_parts[1])
        ),
        max_size=30,
    )
)
def test_discovery_orders_paths_as_path_does(paths: list[str]) -> None:
    """Discovery sorts by a plain string key (a tenth of the time of building a `Path` or a
    list of parts per file): it must order paths exactly as `Path` does."""
    expected = [str(path) for path in sorted(Path(path) for path in paths)]
    assert sorted(paths, key=ingest._order) == expected


def test_trusted_files_are_not_opened_and_the_rest_are_sniffed(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Headline\n\nText.", encoding="utf-8")
    (tmp_path / "fake.txt").write_bytes(b"\x00\x01binary\x00" * 10)
    unreadable = tmp_path / "gone.txt"
    unreadable.write_text("Headline\n\nText.", encoding="utf-8")
    offered: list[list[str]] = []

    def trusted(found: list) -> set[str]:
        offered.append([Path(item.path).name for item in found])
        unreadable.unlink()  # vouched for: not opened, so not found missing either
        return {str(unreadable)}

    warnings = Warnings()
    found = check_files(find_candidates([tmp_path], warnings), warnings, set(), trusted)
    assert offered == [["fake.txt", "gone.txt", "good.txt"]]
    assert [Path(item.path).name for item in found] == ["gone.txt", "good.txt"]
    assert found[1].info.st_size == len("Headline\n\nText.")
    assert warnings == [f"skipped {tmp_path / 'fake.txt'}: binary file, not an article (.txt)"]


def test_unique_id_takes_the_next_free_number_and_nothing_found_names_the_paths() -> None:
    used = {"a", "a-2"}
    assert [unique_id("a", used), unique_id("a", used), unique_id("b", used)] == ["a-3", "a-4", "b"]
    assert used == {"a", "a-2", "a-3", "a-4", "b"}
    assert nothing_found(["x", Path("y/z")]) == "no articles found in x, y/z"
    assert nothing_found([]) == "no articles found in nothing given"


def test_hidden_folders_and_files_are_skipped_silently(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("Hidden\n\nText.", encoding="utf-8")
    (tmp_path / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    (tmp_path / "theme.toml").write_text("x = 1", encoding="utf-8")
    (tmp_path / "ok.txt").write_text("Visible\n\nText.", encoding="utf-8")
    warnings = Warnings()
    assert discover_files([tmp_path], warnings) == [tmp_path / "ok.txt"]
    assert warnings == []


def test_missing_paths_and_unsupported_files_named_explicitly(tmp_path: Path) -> None:
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0")
    warnings = Warnings()
    files = discover_files([tmp_path / "gone", tmp_path / "photo.png", SEEDS], warnings)
    assert len(files) == 5
    assert warnings == [
        f"skipped {tmp_path / 'gone'}: no such file or folder",
        f"skipped {tmp_path / 'photo.png'}: not an article (.png)",
    ]


def test_a_folder_with_no_articles_gives_nothing_and_says_so(tmp_path: Path) -> None:
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    (tmp_path / "collection.toml").write_text('name = "x"\n', encoding="utf-8")
    warnings = Warnings()
    assert load_paths([tmp_path], warnings) == []
    assert warnings == [
        f"skipped {tmp_path / 'notes.csv'}: not an article (.csv)",
        f"no articles found in {tmp_path}",
    ]


def test_unique_ids_never_reuses_a_taken_id() -> None:
    articles = [Article(id=i, path="p", text="t") for i in ["a", "a-2", "a", "a"]]
    assert [a.id for a in unique_ids(articles)] == ["a", "a-2", "a-3", "a-4"]


# --- nasty files ---------------------------------------------------------------------------------


def test_the_nasty_folder_loads_what_it_can_with_one_line_per_bad_file() -> None:
    warnings = Warnings()
    articles = load_paths([NASTY], warnings)
    assert sorted(a.id for a in articles) == [
        "broken", "broken-1", "emoji_combining", "invalid_utf8", "markup_and_escapes",
        "rtl_cjk", "unclosed_quotes", "utf16_bom", "windows_crlf",
    ]  # fmt: skip
    assert sorted(warnings) == sorted(
        [
            f"skipped {NASTY / 'spreadsheet.csv'}: not an article (.csv)",
            f"skipped {NASTY / 'blank.md'}: empty file",
            f"skipped {NASTY / 'empty.txt'}: empty file",
            f"skipped {NASTY / 'scripts_only.html'}: no article text found in the page",
            f"{NASTY / 'broken.jsonl'}:2: skipped line: invalid JSON "
            "(Expecting property name enclosed in double quotes)",
            f'{NASTY / "broken.jsonl"}:3: skipped line: no "text"',
            f"{NASTY / 'invalid_utf8.txt'}: not valid UTF-8 (first bad byte on line 3); "
            "undecodable bytes are shown as \ufffd",
        ]
    )


def test_invalid_utf8_is_replaced_and_reported() -> None:
    warnings = Warnings()
    article = only(read_file(NASTY / "invalid_utf8.txt", warnings, display_path="bad.txt"))
    assert article.text == "Caf\u00e9 talks fail\n\nThe caf\ufffd owner said \u201cno.\u201d\n"
    assert warnings == [
        "bad.txt: not valid UTF-8 (first bad byte on line 3); undecodable bytes are shown as \ufffd"
    ]


def test_utf16_with_a_bom_is_decoded_and_the_bom_removed() -> None:
    article = only(read_file(NASTY / "utf16_bom.txt", Warnings()))
    assert article.text == "Talks in Kyiv\r\n\r\n\u201cWe will not give up land,\u201d he said.\r\n"
    assert article.title == "Talks in Kyiv"


def test_utf8_bom_removed_and_nothing_else_normalised(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    body = "Head\r\n\r\n\u201cQuote,\u201d  he\tsaid.\u00a0 e\u0301\r\n"
    path.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    article = only(read_file(path, Warnings()))
    assert article.text == body


@pytest.mark.parametrize(
    "raw",
    [
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)),
        b"%PDF-1.7\n" + bytes(range(256)) * 4,
        b"plain words \x01\x02\x03\x04\x05\x06\x0e\x0f\x10\x11\x12\x13\x14",
        bytes(range(128, 256)) * 8,
    ],
    ids=["png", "pdf", "control-bytes", "not-utf8"],
)
def test_binary_files_are_skipped_with_one_message(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "disguised.txt"
    path.write_bytes(raw)
    warnings = Warnings()
    assert load_paths([tmp_path], warnings) == []
    assert len(warnings) == 2 and warnings[0].startswith(f"skipped {path}: binary file")
    assert warnings[1] == f"no articles found in {tmp_path}"
    warnings.clear()
    assert read_file(path, warnings) == []
    assert len(warnings) == 1 and warnings[0].startswith(f"skipped {path}: binary file")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=600))
def test_any_bytes_decode_or_are_refused_cleanly(raw: bytes) -> None:
    try:
        text = decode_text(raw, "x", Warnings())
    except NotText:
        return
    assert text and not text.isspace()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads every file")
def test_permission_denied_files_and_folders_are_skipped(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("Secret\n\nText.", encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "inner.txt").write_text("Inner\n\nText.", encoding="utf-8")
    (tmp_path / "ok.txt").write_text("Fine\n\nText.", encoding="utf-8")
    secret.chmod(0)
    locked.chmod(0)
    try:
        warnings = Warnings()
        articles = load_paths([tmp_path], warnings)
        assert [a.id for a in articles] == ["ok"]
        assert sorted(warnings) == [
            f"skipped {locked}: permission denied",
            f"skipped {secret}: permission denied",
        ]
        warnings.clear()
        assert read_file(secret, warnings) == []
        assert warnings == [f"skipped {secret}: permission denied"]
    finally:
        secret.chmod(0o644)
        locked.chmod(0o755)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlink_loops_are_named_and_skipped(tmp_path: Path) -> None:
    root = tmp_path / "news"
    (root / "a").mkdir(parents=True)
    (root / "a" / "story.txt").write_text("Story\n\nText.", encoding="utf-8")
    (root / "a" / "back").symlink_to(root, target_is_directory=True)
    (root / "self.txt").symlink_to(root / "self.txt")
    (root / "alias.txt").symlink_to(root / "a" / "story.txt")
    warnings = Warnings()
    files = discover_files([root], warnings)
    assert files == [root / "a" / "story.txt"]
    assert sorted(warnings) == [
        f"skipped {root / 'a' / 'back'}: symlink loop or folder already read",
        f"skipped {root / 'self.txt'}: symlink loop",
    ]
    warnings.clear()
    assert read_file(root / "self.txt", warnings) == []
    assert warnings == [f"skipped {root / 'self.txt'}: symlink loop"]


def test_broken_links_are_named_as_broken_whatever_their_names(tmp_path: Path) -> None:
    """Discovery judges most files by name alone, but a link is followed: a broken one is
    reported as broken, even where its name alone would be skipped or called no article."""
    for name in ("a.txt", "photo.png", "collection.toml", "Thumbs.db"):
        (tmp_path / name).symlink_to(tmp_path / "gone")
    (tmp_path / ".hidden.txt").symlink_to(tmp_path / "gone")
    warnings = Warnings()
    assert discover_files([tmp_path], warnings) == []
    assert sorted(warnings) == sorted(
        f"skipped {tmp_path / name}: no such file or folder"
        for name in ("a.txt", "photo.png", "collection.toml", "Thumbs.db")
    )


def test_huge_single_line_and_huge_article_load(tmp_path: Path) -> None:
    line = tmp_path / "line.txt"
    line.write_text("Headline\n\n" + "word, “quote” " * 8_000 + "\n", encoding="utf-8")
    article = only(read_file(line, Warnings()))
    assert [b.kind for b in article.blocks] == ["title", "body"]
    assert article.blocks[1].end - article.blocks[1].start > 100_000
    paragraph = "A sentence of the body, with “a quote,” he said. " * 20 + "\n\n"
    big = tmp_path / "big.txt"
    big.write_text(
        "Big Headline\n\n" + paragraph * (50_000_000 // len(paragraph)), encoding="utf-8"
    )
    article = only(read_file(big, Warnings()))
    assert article.chars > 49_000_000
    assert article.blocks[0].kind == "title"
    assert len(article.blocks) == 1 + 50_000_000 // len(paragraph)


def test_reading_never_writes_to_the_article_folder(tmp_path: Path) -> None:
    shutil.copytree(NASTY, tmp_path / "n")
    before = {p: p.stat().st_mtime_ns for p in (tmp_path / "n").rglob("*")}
    load_paths([tmp_path / "n"], Warnings())
    after = {p: p.stat().st_mtime_ns for p in (tmp_path / "n").rglob("*")}
    assert after == before


def test_articles_serialise_for_the_export() -> None:
    article = only(read_file(INGEST / "page.html", Warnings(), display_path="page.html"))
    data = json.loads(json.dumps(article.to_json()))
    assert data["path"] == "page.html" and data["text"] == article.text
    assert data["url"] == "https://example.com/kyiv-rejects"


# --- more structure and formats ----------------------------------------------------------------


def test_wire_dateline_names_the_agency() -> None:
    assert analyse_text("Head Line\n\nKYIV, Aug 16 (Reuters) - Ukraine said no.").source == (
        "Reuters"
    )
    assert analyse_text("WASHINGTON (AP) \u2014 The president said.\n\nMore.").source == "AP"
    assert analyse_text("Head Line\n\nJohn (the elder) - said no.").source is None


def test_markdown_rules_are_set_apart_from_the_body() -> None:
    """No rule is body: an underline belongs to its heading, a break to the metadata or
    boilerplate beside it, and between paragraphs it is layout (boilerplate)."""
    text = "Setext Title\n============\n\nBody one.\n\n* * *\n\nBody two.\n"
    assert structure(text) == [
        ("title", "Setext Title"),
        ("title", "============"),
        ("body", "Body one."),
        ("boilerplate", "* * *"),
        ("body", "Body two."),
    ]
    text = "Headline Here\n\n---\n\nBy Jane Doe\n\n___\n\nBody one.\n\nBody two.\n\n---"
    text += "\n\nRead more:\n- [Transit fares to rise](#)\n"
    assert structure(text) == [
        ("title", "Headline Here"),
        ("meta", "---"),
        ("meta", "By Jane Doe"),
        ("meta", "___"),
        ("body", "Body one."),
        ("body", "Body two."),
        ("boilerplate", "---"),
        ("boilerplate", "Read more:"),
        ("boilerplate", "- [Transit fares to rise](#)"),
    ]


def test_news_blog_markdown_byline_rule_and_related_links() -> None:
    article = only(read_file(FIXTURES / "news" / "18_transit_strike_blog.md", Warnings()))
    assert article.author == "Nadia Petrov"
    blocks = kinds(article)
    assert blocks[:3] == [
        ("title", "# Transit workers vote to strike as contract talks collapse"),
        ("meta", "**By Nadia Petrov** · Metro desk"),
        ("body", blocks[2][1]),
    ]
    assert blocks[-5:] == [
        ("body", "No strike date has been set. The union must give ten days' notice."),
        ("boilerplate", "---"),
        ("boilerplate", "**Read more:**"),
        ("boilerplate", "- [Transit authority warns of fare increases](#)"),
        ("boilerplate", "- [How the 2005 strike unfolded](#)"),
    ]


def test_emphasis_inside_words_and_lone_asterisks_stay() -> None:
    info = analyse_text("Talks Resume\n\nBy jane_doe_writer\n\nBody.\n\nBy 5 * 3 Ltd\n")
    assert info.author is None
    assert [b.kind for b in info.blocks] == ["title", "body", "body", "body"]


def test_live_blog_key_points_list_is_the_articles_own_wherever_it_stands() -> None:
    article = only(read_file(FIXTURES / "news" / "30_liveblog_summit.txt", Warnings()))
    assert kinds(article)[-4:] == [
        ("body", "Key points:"),
        ("body", "- Leaders back a global alliance against hunger"),
        ("body", "- Debt relief framework agreed for low-income countries"),
        ("body", "- No consensus on language about fossil fuels"),
    ]
    top = (
        "Summit live: leaders agree on debt relief\n\nLast updated: 16:42 GMT, 19 November 2024"
        "\n\nKey points:\n- Leaders back a global alliance against hunger\n- Debt deal agreed"
        "\n\n16:40 \u2014 The summit closed.\n\n16:05 \u2014 Talks ran late.\n"
    )
    assert [kind for kind, _ in structure(top)] == [
        "title",
        "meta",
        "body",
        "body",
        "body",
        "body",
        "body",
    ]


def test_a_list_introduced_by_the_body_stays_but_linked_or_related_lists_do_not() -> None:
    head = "Port Deal Signed\n\nThe port authority signed the sale on Monday.\n\n"
    items = "- Harbour workers keep their contracts\n- Shipping fees frozen until 2026\n"
    own = structure(head + "The agreement includes:\n" + items)
    assert [kind for kind, _ in own] == ["title", "body", "body", "body", "body"]
    # The same items with no introduction read as a list of other articles' headlines.
    bare = structure(head + items)
    assert [kind for kind, _ in bare] == ["title", "body", "boilerplate", "boilerplate"]
    linked = structure(
        head + "Also on this story:\n- [Harbour workers keep contracts](https://x.example/1)"
        "\n- [Shipping fees frozen until 2026](https://x.example/2)\n"
    )
    assert [kind for kind, _ in linked][-2:] == ["boilerplate", "boilerplate"]


def test_html_takes_the_main_article_not_teaser_cards(tmp_path: Path) -> None:
    page = tmp_path / "teasers.html"
    page.write_text(
        "<html><body><header><h1>Site Name</h1></header>"
        "<article><p>Teaser one.</p></article>"
        "<article><h1>Real headline</h1><p>The real story, which is much longer than a"
        " teaser.</p><p>\u201cA quote,\u201d she said.</p></article>"
        "<article><p>Teaser two.</p></article></body></html>",
        encoding="utf-8",
    )
    article = only(read_file(page, Warnings()))
    assert article.title == "Real headline"
    assert article.text == (
        "The real story, which is much longer than a teaser.\n\n\u201cA quote,\u201d she said."
    )


def test_html_without_paragraph_tags_falls_back_to_text_lines(tmp_path: Path) -> None:
    page = tmp_path / "divs.html"
    page.write_text(
        "<html><head><title>Divs</title></head><body><div>Home</div><div>World News</div>"
        "<div>The minister said on Monday that talks would resume.<br>"
        "\u201cWe are ready,\u201d she told reporters.</div><nav>Skip this menu entry</nav>"
        "</body></html>",
        encoding="utf-8",
    )
    article = only(read_file(page, Warnings()))
    assert article.text == (
        "The minister said on Monday that talks would resume.\n\n"
        "\u201cWe are ready,\u201d she told reporters."
    )


def test_jsonl_ids_are_one_printable_token(tmp_path: Path) -> None:
    path = tmp_path / "ids.jsonl"
    path.write_text(
        json.dumps({"id": " a b\n\x1bc ", "text": "x"}) + "\n" + json.dumps({"id": 7, "text": "y"}),
        encoding="utf-8",
    )
    assert [a.id for a in read_file(path, Warnings())] == ["a-b-c", "7"]


def test_settings_named_explicitly_are_quiet_and_hidden_articles_are_read(tmp_path: Path) -> None:
    (tmp_path / "collection.toml").write_text("x = 1", encoding="utf-8")
    hidden = tmp_path / ".draft.txt"
    hidden.write_text("Draft Headline\n\nText.", encoding="utf-8")
    warnings = Warnings()
    assert discover_files([tmp_path / "collection.toml", hidden], warnings) == [hidden]
    assert warnings == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipes_are_skipped_without_blocking(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    warnings = Warnings()
    assert discover_files([tmp_path], warnings) == []
    assert warnings == [f"skipped {pipe}: not a regular file"]
    warnings.clear()
    assert read_file(pipe, warnings) == []
    assert warnings == [f"skipped {pipe}: not a regular file"]


def test_files_over_the_size_limit_are_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.ingest

    path = tmp_path / "dump.txt"
    path.write_text("Headline\n\n" + "text " * 1000, encoding="utf-8")
    monkeypatch.setattr(reader.ingest, "MAX_BYTES", 1024)
    warnings = Warnings()
    assert load_paths([tmp_path], warnings) == []
    assert warnings[0].startswith(f"skipped {path}: too large for an article")
    warnings.clear()
    assert read_file(path, warnings) == []
    assert warnings[0].startswith(f"skipped {path}: too large for an article")


def test_permission_errors_are_reported_even_when_running_as_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root reads everything, so the operating system's refusal is simulated here; the real
    refusal is covered by the test above when run as a normal user."""
    (tmp_path / "ok.txt").write_text("Fine\n\nText.", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("Secret\n\nText.", encoding="utf-8")
    (tmp_path / "locked").mkdir()
    real_open, real_scandir = os.open, os.scandir

    def refusing_open(path: os.PathLike[str] | str, *args: int) -> int:
        if Path(path).name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args)

    def refusing_scandir(path: os.PathLike[str] | str) -> object:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "open", refusing_open)
    monkeypatch.setattr(os, "scandir", refusing_scandir)
    warnings = Warnings()
    assert [a.id for a in load_paths([tmp_path], warnings)] == ["ok"]
    assert sorted(warnings) == [
        f"skipped {tmp_path / 'locked'}: permission denied",
        f"skipped {tmp_path / 'secret.txt'}: permission denied",
    ]


def test_wire_story_layout() -> None:
    article = only(read_file(INGEST / "wire_style.txt", Warnings()))
    assert (article.title, article.date, article.author, article.source) == (
        "Ukraine's Zelenskyy says no land swap with Russia",
        "2023-08-16",
        "JOHN DOE and JANE ROE",
        "AP",
    )
    assert [k for k, _ in kinds(article)] == [
        "title", "meta", "meta", "body", "body", "boilerplate", "boilerplate",
    ]  # fmt: skip


def test_broadcaster_layout_with_captions_and_related_topics() -> None:
    article = only(read_file(INGEST / "broadcaster_style.txt", Warnings()))
    assert (article.title, article.date) == ("Nato chief's aide sorry for Ukraine land remark",
                                             "2023-08-16")  # fmt: skip
    assert kinds(article)[1:7] == [
        ("meta", "16 August 2023"),
        ("boilerplate", "Share"),
        ("meta", "Image source, Getty Images"),
        ("meta", "Image caption, Stian Jenssen is chief of staff to Jens Stoltenberg"),
        (
            "body",
            "A senior Nato official has apologised for saying Ukraine could give up territory.",
        ),
        ("body", '"It was a mistake," he told VG.'),
    ]
    assert {k for k, _ in kinds(article)[7:]} == {"boilerplate"}


def test_byline_with_a_date_in_markdown_emphasis() -> None:
    info = analyse_text("**Talks resume**\n\n*By Jane Doe | March 5, 2024*\n\nThey met.\n")
    assert (info.title, info.author, info.date) == ("Talks resume", "Jane Doe", "2024-03-05")


def test_a_list_ending_the_body_is_not_mistaken_for_related_links() -> None:
    text = (
        "Headline\n\nThe demands sent on Friday were these:\n\n"
        "- withdrawal of all troops;\n- reparations for the damage.\n"
    )
    assert [b.kind for b in analyse_text(text).blocks] == ["title", "body", "body", "body"]


def test_headline_after_a_dateline() -> None:
    info = analyse_text("16 August 2023\n\nKyiv Rejects Deal\n\nThe body follows here.\n")
    assert [b.kind for b in info.blocks] == ["meta", "title", "body"]
    assert (info.title, info.date) == ("Kyiv Rejects Deal", "2023-08-16")


def test_html_page_level_classes_and_an_unclosed_head_do_not_hide_the_article(
    tmp_path: Path,
) -> None:
    page = tmp_path / "wp.html"
    page.write_text(
        "<html><head><title>Post</title><meta charset='utf-8'>"
        "<body class='single has-sidebar comments-open'><main class='site-main tags-on'>"
        "<article class='post'><div class='entry-content'><p>Kept paragraph.</p>"
        "<div class='wp-caption'><p>Photo caption text</p></div>"
        "<div class='sharedaddy sd-sharing-enabled'><p>Share this:</p></div></div></article>"
        "<div id='comments' class='comments-area'><p>A reader comment.</p></div>"
        "</main></body></html>",
        encoding="utf-8",
    )
    article = only(read_file(page, Warnings()))
    assert article.text == "Kept paragraph."


_MARKUP = st.lists(
    st.sampled_from(
        [
            "<p>",
            "</p>",
            "<article>",
            "</article>",
            "<li>",
            "<ul>",
            "</div>",
            "<div class='ad'>",
            "<script>",
            "</script>",
            "<!--",
            "-->",
            "<![CDATA[",
            "]]>",
            "<br>",
            "<meta ",
            "property='og:title' content='T'>",
            "&amp;",
            "&#x",
            "&#99999999;",
            "&bogus",
            "<",
            ">",
            "'",
            '"',
            "\n",
            "\n\n",
            "{",
            "}",
            '"text": ',
            "\\u",
            "\ufeff",
            "\x00",
            "\x1b[",
            "word ",
            "“quote,” he said. ",
            "2023-08-16",
            "By Jane Doe",
            "- Related",
        ]  # fmt: skip
    ),
    max_size=80,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_MARKUP, st.sampled_from([".txt", ".md", ".html", ".jsonl"]))
def test_read_file_never_raises_on_any_content(markup: str, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"any{suffix}"
        path.write_bytes(markup.encode("utf-8", errors="surrogatepass"))
        for article in read_file(path, Warnings()):
            position = 0
            for block in article.blocks:
                assert position <= block.start < block.end <= len(article.text)
                position = block.end
            assert article.date is None or parse_date(article.date) == article.date


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_recognised(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "nobom.txt"
    text = "Talks in Kyiv\r\n\r\n\u201cNo,\u201d he said in Caf\u00e9 M\u00fcller.\r\n"
    path.write_bytes(text.encode(codec))
    warnings = Warnings()
    assert only(load_paths([tmp_path], warnings)).text == text
    assert warnings == []


def test_html_author_written_as_a_byline(tmp_path: Path) -> None:
    page = tmp_path / "a.html"
    page.write_text("<meta name='author' content='By Jane Doe'><p>Text.</p>", encoding="utf-8")
    assert only(read_file(page, Warnings())).author == "Jane Doe"


def test_deeply_nested_folders_do_not_exhaust_the_stack(tmp_path: Path) -> None:
    # Deeper than Python's recursion limit, shallower than the file system's PATH_MAX.
    folder = tmp_path
    for _ in range(1100):
        folder = folder / "d"
        folder.mkdir()
    (folder / "deep.txt").write_text("Deep Headline\n\nText.", encoding="utf-8")
    try:
        warnings = Warnings()
        assert [p.name for p in discover_files([tmp_path], warnings)] == ["deep.txt"]
        assert warnings == []
    finally:
        # Removed bottom-up here: shutil.rmtree recurses and would fail on this tree later.
        (folder / "deep.txt").unlink()
        while folder != tmp_path:
            folder.rmdir()
            folder = folder.parent


def test_html_byline_and_dateline_paragraphs_fill_missing_meta_tags(tmp_path: Path) -> None:
    page = tmp_path / "bare.html"
    page.write_text(
        "<article><p>By Jane Doe</p><p>August 16, 2023</p><p>Listen to this article</p>"
        "<p>The body, at last.</p></article>",
        encoding="utf-8",
    )
    article = only(read_file(page, Warnings()))
    assert (article.author, article.date) == ("Jane Doe", "2023-08-16")
    assert [k for k, _ in kinds(article)] == ["meta", "meta", "boilerplate", "body"]


def test_related_heading_inside_a_paragraph_splits_its_items() -> None:
    text = (
        "Headline\n\nBody paragraph one.\n\n"
        "More on this story\nManager under pressure after cup exit\nRivals extend run to eight\n"
    )
    assert structure(text)[2:] == [
        ("boilerplate", "More on this story"),
        ("boilerplate", "Manager under pressure after cup exit"),
        ("boilerplate", "Rivals extend run to eight"),
    ]


def test_wire_dateline_with_region_and_date_and_interview_credit() -> None:
    wire = "Head Line\n\nSAN JOSE, California, March 5 (Reuters) - Chips fell.\n"
    assert analyse_text(wire).source == "Reuters"
    interview = analyse_text("# A Talk\n\n*Interview by Marcus Feld*\n\nQuestions follow.\n")
    assert interview.author == "Marcus Feld"


def test_a_reader_failure_on_one_file_is_reported_and_the_rest_still_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.ingest

    (tmp_path / "a.txt").write_text("Fine Headline\n\nText.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Boom\n\nText.", encoding="utf-8")
    real = reader.ingest.analyse_text

    def failing(text: str) -> object:
        if text.startswith("Boom"):
            raise RecursionError("maximum recursion depth exceeded")
        return real(text)

    monkeypatch.setattr(reader.ingest, "analyse_text", failing)
    warnings = Warnings()
    assert [a.id for a in load_paths([tmp_path], warnings)] == ["a"]
    assert warnings == [
        f"skipped {tmp_path / 'b.txt'}: could not be read "
        "(RecursionError: maximum recursion depth exceeded)"
    ]


def test_thousands_of_repeated_ids_are_numbered_in_order() -> None:
    used = UsedIds()
    ids = [unique_id("index", used) for _ in range(20_000)]
    assert ids[:3] == ["index", "index-2", "index-3"]
    assert ids[-1] == "index-20000"
    assert len(set(ids)) == 20_000


def test_jsonl_ids_lose_controls_bidi_and_path_separators(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    records = [{"id": "../../etc/x\x9b\u202e", "text": "Body."}, {"id": "a\\b", "text": "B."}]
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    assert [a.id for a in read_file(path, Warnings())] == ["..-..-etc-x", "a-b"]
