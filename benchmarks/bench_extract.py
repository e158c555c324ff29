"""Characters per second for ingest + find_quotes + attribute (+ merge_speakers), on one core.

    .venv/bin/python benchmarks/bench_extract.py [--articles 1500] [--runs 5] [--seed 7]

The text is generated, not the seeds copied: made-up articles in varied shapes (curly and
straight marks, quotes before and after their attribution, `said X`, `X said:`, pronouns,
nominal references, appositions, run-on paragraphs, partial and scare quotes, anonymous sources,
groups, metadata lines and related-link lists), with thousands of made-up names. Files are
written to a temporary folder and read through the real ingest. Prints the median over the runs
of each stage's time and of the whole, as characters per second, with the machine's core count.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.analysis.quotes import find_quotes  # noqa: E402
from reader.analysis.speakers import attribute, merge_speakers  # noqa: E402
from reader.ingest import load_paths  # noqa: E402
from reader.model import Quote  # noqa: E402

SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ren",
    "sa",
    "tor",
    "vel",
    "an",
    "dre",
    "io",
    "su",
    "mar",
    "lin",
    "ko",
    "vi",
    "ta",
    "ber",
    "gen",
    "ol",
    "us",
    "na",
    "pe",
    "rik",
    "sten",
]
FIRST = [
    "Anna",
    "Maria",
    "Tomas",
    "Ivan",
    "Olga",
    "Pedro",
    "Lena",
    "Karl",
    "Sara",
    "Omar",
    "Nina",
    "Hans",
    "Ines",
    "Jana",
    "Ali",
    "Emma",
]
TITLES = [
    "Foreign Minister",
    "President",
    "Deputy Defence Minister",
    "Senator",
    "Mayor",
    "Prime Minister",
    "Gov.",
    "Dr.",
]
ROLES = [
    "an aide to the prime minister",
    "chief of staff for President {other}",
    "a spokeswoman for the ministry",
    "the head of the regional council",
    "a senior analyst at the institute",
]
VERBS = ["said", "told reporters", "added", "wrote on X", "said in a statement", "told the BBC"]
ANON = ["a senior diplomat", "a NATO source", "officials speaking on condition of anonymity"]
GROUPS = ["Polish officials", "Opposition lawmakers", "Local residents"]
WORDS = [
    "we",
    "will",
    "not",
    "accept",
    "any",
    "plan",
    "that",
    "ignores",
    "the",
    "people",
    "who",
    "live",
    "here",
    "and",
    "the",
    "decision",
    "must",
    "come",
    "from",
    "the",
    "parliament",
    "after",
    "a",
    "long",
    "and",
    "open",
    "debate",
    "about",
    "security",
    "trade",
    "energy",
    "prices",
    "the",
    "harbour",
    "the",
    "budget",
    "and",
    "the",
    "future",
    "of",
    "the",
    "region",
]
NARRATION = [
    "The talks in {place} ended without agreement on {day}.",
    "{name} arrived in {place} on {day} for two days of meetings.",
    "Prices rose by {n}% over the year, according to the statistics office.",
    "The council will meet again in {month}, when a vote is expected.",
    "Critics say the {noun} has been delayed for too long.",
]
# Paragraph shapes: attribution after and before the quote, inverted, pronoun, nominal, partial,
# anonymous or group source, scare quote, a quote running on into the next paragraph, narration.
SHAPES = [
    "{o}{q1},{c} {full} {verb}. {o}{q2}.{c}",
    "{o}{q1},{c} said {full}, {role}.",
    "{title} {full} {verb}: {o}{q1}.{c}",
    "{narration} {last} said {fragment}. {o}{q1},{c} he said.",
    "{o}{q1},{c} the veteran politician added.",
    "{full} said it was necessary to {o}{fragment}.{c} {narration}",
    "{o}{q1},{c} {source} said.",
    "The so-called {o}{noun} deal{c} was {word} again.",
    "{full} said: {o}{q1}.\n\n{o}{q2}.{c}",
    "{narration} {more}",
]
PLACES = ["Vilnius", "Geneva", "Oslo", "Kyiv", "Brussels", "Warsaw", "Tallinn"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
MONTHS = ["March", "June", "September", "November"]
NOUNS = ["reform", "pipeline", "treaty", "budget", "bridge"]


def surname(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:]


def marks(rng: random.Random) -> tuple[str, str]:
    return rng.choice([("“", "”"), ('"', '"'), ("“", "”"), ('"', "”")])


def article(rng: random.Random, people: list[tuple[str, str]]) -> str:
    cast = rng.sample(people, 3)
    title = f"{cast[0][1]} warns of {rng.choice(NOUNS)} delay in {rng.choice(PLACES)}"
    lines = [title, "", f"By {rng.choice(FIRST)} {surname(rng)}", ""]

    def fill(template: str) -> str:
        return template.format(
            place=rng.choice(PLACES),
            day=rng.choice(DAYS),
            month=rng.choice(MONTHS),
            n=rng.randint(2, 40),
            noun=rng.choice(NOUNS),
            name=" ".join(rng.choice(cast)),
            other=" ".join(rng.choice(people)),
        )

    for _ in range(rng.randint(8, 14)):
        first, last = rng.choice(cast)
        full = f"{first} {last}"
        o, c = marks(rng)
        q1 = sentence(rng, rng.randint(8, 25))
        q2 = sentence(rng, rng.randint(6, 18))
        para = rng.choice(SHAPES).format(
            o=o,
            c=c,
            q1=q1,
            q2=q2,
            fragment=q2.lower(),
            full=full,
            last=last,
            verb=rng.choice(VERBS),
            role=fill(rng.choice(ROLES)),
            title=rng.choice(TITLES),
            narration=fill(rng.choice(NARRATION)),
            more=fill(rng.choice(NARRATION)),
            source=rng.choice(ANON + GROUPS),
            noun=rng.choice(NOUNS),
            word=rng.choice(WORDS),
        )
        if rng.random() < 0.5:
            para = f"{fill(rng.choice(NARRATION))} {para}"
        lines += [para, ""]
        if rng.random() < 0.5:
            narration = " ".join(fill(rng.choice(NARRATION)) for _ in range(rng.randint(2, 4)))
            lines += [narration, ""]
    lines += ["Related:", "", f"- {fill(rng.choice(NARRATION))}", f"- {title} again"]
    return "\n".join(lines)


def merge_scaling(rng: random.Random, sizes: list[int]) -> None:
    """merge_speakers alone on many quotes and names: the time should grow about linearly."""
    people = sorted({(rng.choice(FIRST), surname(rng) + surname(rng)) for _ in range(40_000)})
    quotes = []
    for i in range(max(sizes)):
        first, last = rng.choice(people)
        name = f"{first} {last}" if rng.random() < 0.8 else last
        article = f"a{i // 10}"
        quotes.append(
            Quote(
                id=f"{article}:q{i}",
                article=article,
                start=0,
                end=1,
                text="x",
                speaker_name=name,
                speaker_kind="person",
            )
        )
    base = None
    for size in sizes:
        t0 = time.process_time()
        speakers = merge_speakers(quotes[:size])
        elapsed = time.process_time() - t0
        base = base or elapsed / size
        print(
            f"  merge {size:>7,} quotes -> {len(speakers):>6,} speakers: {elapsed * 1000:8.1f} ms"
            f"  (per quote x{elapsed / size / base:.2f} of the smallest)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1500)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--merge-sizes", default="10000,100000", help="quote counts for the merge scaling line"
    )
    args = parser.parse_args()

    rng = random.Random(args.seed)
    people = [(rng.choice(FIRST), surname(rng)) for _ in range(3000)]
    with tempfile.TemporaryDirectory() as folder:
        chars = 0
        for n in range(args.articles):
            text = article(rng, people)
            chars += len(text)
            Path(folder, f"{n:05d}.txt").write_text(text, encoding="utf-8")
        stages: dict[str, list[float]] = {"ingest": [], "quotes": [], "attribute": [], "merge": []}
        totals, totals_merge, walls = [], [], []
        quotes_found = 0
        for _ in range(args.runs):
            # CPU time of this process: the figure for one core, whatever else the machine runs.
            wall = time.perf_counter()
            t0 = time.process_time()
            articles = load_paths([folder], lambda _m: None)
            t1 = time.process_time()
            per_article = [find_quotes(a) for a in articles]
            t2 = time.process_time()
            for a, quotes in zip(articles, per_article, strict=True):
                attribute(a, quotes)
            t3 = time.process_time()
            walls.append(time.perf_counter() - wall)
            everything = [q for quotes in per_article for q in quotes]
            speakers = merge_speakers(everything)
            t4 = time.process_time()
            stages["ingest"].append(t1 - t0)
            stages["quotes"].append(t2 - t1)
            stages["attribute"].append(t3 - t2)
            stages["merge"].append(t4 - t3)
            totals.append(t3 - t0)
            totals_merge.append(t4 - t0)
            quotes_found = len(everything)
    attributed = sum(q.speaker is not None for q in everything)
    print(f"cores: {os.cpu_count()} (benchmark runs on one)")
    print(
        f"text: {args.articles} articles, {chars:,} characters, {quotes_found:,} quotes "
        f"(one per {chars // max(1, quotes_found)} characters; the seeds have one per ~350), "
        f"{attributed:,} attributed, {len(speakers):,} speakers"
    )
    for stage, times in stages.items():
        median = statistics.median(times)
        print(f"  {stage:<10} {median * 1000:8.1f} ms  {chars / median:14,.0f} chars/s")
    median = statistics.median(totals)
    print(f"ingest + quotes + attribute: {chars / median:,.0f} chars/s (median of {args.runs})")
    median = statistics.median(walls)
    print(f"  (wall clock, shared with whatever else runs: {chars / median:,.0f} chars/s)")
    median = statistics.median(totals_merge)
    print(f"... + merge_speakers:        {chars / median:,.0f} chars/s (median of {args.runs})")
    merge_scaling(rng, [int(n) for n in args.merge_sizes.split(",") if n])


if __name__ == "__main__":
    main()
