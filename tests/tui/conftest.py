"""Analyses for the UI tests, built by hand from the seed texts.

The UI is tested against the analysis contract, not against the analyser's current output: each
quote below is located in the real seed file by its words, so offsets are exact, and speakers,
stances and links are stated explicitly. Tests that need the real pipeline use `seeds_analysis`.
"""

from __future__ import annotations

import asyncio
import inspect
import re
from pathlib import Path

import pytest

from reader.model import Analysis, Article, Block, Link, Quote, Shift, Speaker
from reader.resources import default_collection

SEEDS = default_collection()


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run `async def` tests (Pilot needs an event loop) without an asyncio plugin."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    arguments = {name: pyfuncitem.funcargs[name] for name in names}
    asyncio.run(pyfuncitem.obj(**arguments))
    return True


def blocks_of(text: str, title: bool = True) -> list[Block]:
    """Paragraphs (split on line breaks); the first is the title, short `Author:` lines meta."""
    blocks = []
    for match in re.finditer(r"[^\n]+", text):
        kind = "body"
        if title and not blocks:
            kind = "title"
        elif match.group().startswith(("Author:", "- ")):
            kind = "meta"
        blocks.append(Block(match.start(), match.end(), kind))
    return blocks


def seed_article(number: str, date: str | None, source: str | None) -> Article:
    path = next(SEEDS.glob(f"{number}_*.txt"))
    text = path.read_text(encoding="utf-8")
    return Article(
        id=path.stem,
        path=str(path),
        text=text,
        title=text.split("\n", 1)[0].strip(),
        date=date,
        source=source,
        blocks=blocks_of(text),
    )


class Builder:
    """Adds quotes by their words, numbering them per article in reading order."""

    def __init__(self, articles: list[Article]) -> None:
        self.articles = {a.id[:3]: a for a in articles}
        self.quotes: list[Quote] = []

    def quote(self, number: str, words: str, speaker: str | None, stance: str, **extra) -> Quote:
        article = self.articles[number]
        start = article.text.index(words)
        quote = Quote(
            id="",
            article=article.id,
            start=start,
            end=start + len(words),
            text=words,
            speaker=speaker,
            stance=stance,
            stance_score=0.8 if stance != "neutral" else 0.2,
            order=extra.pop("order", 0.0),
            time=extra.pop("time", article.date),
            **extra,
        )
        self.quotes.append(quote)
        return quote

    def finish(self) -> list[Quote]:
        for article in self.articles.values():
            mine = sorted(
                (q for q in self.quotes if q.article == article.id), key=lambda q: q.start
            )
            for number, quote in enumerate(mine, 1):
                quote.id = f"{article.id}:q{number}"
        return self.quotes


def build_seeds_analysis() -> Analysis:
    articles = [
        seed_article("000", "2023-08-15", "Antiwar.com"),
        seed_article("001", "2023-08-16", "Antiwar.com"),
        seed_article("002", "2023-08-16", None),
        seed_article("003", "2024-11-29", None),
        seed_article("004", "2024-12-02", "Anadolu Agency"),
    ]
    b = Builder(articles)
    remark = b.quote(
        "000",
        "I think that a solution could be for Ukraine to give up territory, "
        "and get NATO membership in return,",
        "stian-jenssen",
        "support",
        order=1.0,
        cues=["solution could be", "give up territory"],
    )
    rebuke = b.quote(
        "000",
        "Trading territory for a NATO umbrella? It is ridiculous,",
        "podolyak",
        "oppose",
        order=1.1,
        cues=["ridiculous"],
    )
    b.quote(
        "000",
        "Obviously, if Putin does not suffer a crushing defeat",
        "podolyak",
        "oppose",
        order=1.2,
    )
    retraction = b.quote(
        "001",
        "My statement about this was part of a larger discussion about possible future "
        "scenarios in Ukraine, and I shouldn’t have said it that way. It was a mistake,",
        "stian-jenssen",
        "retract",
        order=2.0,
        cues=["It was a mistake", "shouldn’t have said"],
    )
    b.quote(
        "001",
        "It is completely Ukraine’s independent right to decide.",
        "stian-jenssen",
        "neutral",
        order=2.1,
    )
    repeat_001 = b.quote(
        "001",
        "I think that a solution could be for Ukraine to give up territory, "
        "and get NATO membership in return.",
        "stian-jenssen",
        "support",
        order=1.0,
    )
    repeat_002 = b.quote(
        "002",
        "I think that a solution could be for Ukraine to give up territory, "
        "and get NATO membership in return",
        "stian-jenssen",
        "support",
        order=1.0,
    )
    b.quote(
        "002",
        "It must be up to Ukraine to decide when and on what terms they want to negotiate.",
        "stian-jenssen",
        "neutral",
        order=1.05,
    )
    rebuke_002 = b.quote(
        "002",
        "Trading territory for a NATO umbrella? It is ridiculous,",
        "podolyak",
        "oppose",
        order=1.1,
    )
    b.quote("003", "If we want to stop the hot stage of the war,", "zelensky", "support", order=3.0)
    b.quote(
        "003",
        "No one has offered us to be in NATO with just one part or another part of Ukraine,",
        "zelensky",
        "neutral",
        order=3.1,
    )
    b.quote(
        "004",
        "We need a cease-fire line, and of course ideally this (the Ukrainian part) "
        "should include all areas currently under Russian control.",
        "jens-stoltenberg",
        "support",
        order=4.0,
    )
    b.finish()
    speakers = [
        Speaker(
            "stian-jenssen",
            "Stian Jenssen",
            ["Jenssen"],
            "chief of staff for NATO Secretary-General Jens Stoltenberg",
            6,
        ),
        Speaker(
            "podolyak",
            "Mykhailo Podolyak",
            ["Podolyak", "Podoliak"],
            "aide to Ukrainian President Volodymyr Zelensky",
            3,
        ),
        Speaker("zelensky", "Volodymyr Zelensky", ["Zelensky", "Zelenskyy"], "President", 2),
        Speaker(
            "jens-stoltenberg",
            "Jens Stoltenberg",
            ["Stoltenberg"],
            "Former NATO Secretary General",
            1,
        ),
    ]
    links = [
        Link(retraction.id, remark.id, "retraction", 81.5),
        Link(repeat_001.id, remark.id, "repeat", 99.0),
        Link(repeat_002.id, remark.id, "repeat", 98.0),
        Link(rebuke_002.id, rebuke.id, "repeat", 100.0),
        Link(rebuke.id, remark.id, "rebuttal", 60.0),
    ]
    shifts = [Shift("stian-jenssen", remark.id, retraction.id, "support", "retract")]
    return Analysis(
        articles=articles,
        speakers=speakers,
        quotes=b.quotes,
        links=links,
        shifts=shifts,
        name="seeds",
    )


@pytest.fixture
def seeds_analysis() -> Analysis:
    return build_seeds_analysis()


@pytest.fixture
def hostile_analysis(tmp_path: Path) -> Analysis:
    """An article whose text, title and speaker are full of markup and escape sequences."""
    text = (
        "[bold red]Breaking[/] \x1b[31mnews\x1b[0m\n\n"
        "The [link=http://e]minister[/link] said: “[bold red]x[/] is \x1b]0;pwned\x07 fine,” "
        "and left.\n\nAuthor: [i]Nobody[/i]"
    )
    path = tmp_path / "[red]evil[/red].txt"
    article = Article(
        id="[red]evil[/red]",
        path=str(path),
        text=text,
        title="[bold red]Breaking[/] \x1b[31mnews\x1b[0m",
        blocks=blocks_of(text),
    )
    words = "[bold red]x[/] is \x1b]0;pwned\x07 fine,"
    start = text.index(words)
    quote = Quote(
        "[red]evil[/red]:q1",
        article.id,
        start,
        start + len(words),
        words,
        speaker="[b]boss[/b]",
        stance="oppose",
        cues=["[i]cue[/i]"],
    )
    speaker = Speaker("[b]boss[/b]", "[bold]The \x1b[2J Minister[/bold]", [], "[red]role[/red]", 1)
    return Analysis(articles=[article], speakers=[speaker], quotes=[quote])


@pytest.fixture(autouse=True)
def private_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads the developer's own themes or cache."""
    base = tmp_path_factory.mktemp("dirs")
    monkeypatch.setenv("STANCE_READER_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("STANCE_READER_CACHE_DIR", str(base / "cache"))
    monkeypatch.delenv("NO_COLOR", raising=False)
