"""Linking time for 10k, 50k and 100k synthetic quotes, to show how cost grows with size.

    .venv/bin/python benchmarks/bench_links.py [--runs 3] [--sizes 10000,50000,100000]

The collection is generated, not copied from the seeds: a Zipf-distributed made-up vocabulary
that grows with the collection (Heaps' law), a cast of speakers that grows likewise, about ten
quotes per article, and the situations linking must handle —
statements repeated by other outlets with changed punctuation, case, ellipses and bracketed
insertions; fragments excerpted into reported speech; retractions by the same speaker; rebuttals
naming the speaker they answer. Prints, per size: median linking time over the runs (wall
clock, and CPU time of this process, which a busy shared machine disturbs less), pairs scored,
links by kind, how many planted statements got a link of their kind (from the planted quote,
always the later one), and the CPU-time ratio to the smallest size. Figures depend on the
machine; the core count and load are printed with them (linking itself runs on one core).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.analysis.links import link_quotes  # noqa: E402
from reader.model import Article, Block, Quote  # noqa: E402
from reader.settings import CollectionSettings  # noqa: E402

QUOTES_PER_ARTICLE = 10
_FUNCTION_TEXT = (
    "the a of to and in that it is we for on with as this be not they will our have but from at "
    "by an are was would could should must"
)
FUNCTION_WORDS = _FUNCTION_TEXT.split()
_SYLLABLE_TEXT = "ka lo mi ne ru sa te vo zu bri cha dor fen gal hum jas kel lun mor nip"
SYLLABLES = _SYLLABLE_TEXT.split()


def make_vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


class Generator:
    """A synthetic collection whose vocabulary and cast grow with its size, as real ones do.

    Heaps' law: a corpus of n words uses about K·n^β distinct words, so a ten times larger
    archive has about three times the vocabulary, not the same words more often; and more
    articles quote more people. A fixed vocabulary would make every word ever more common,
    which no news archive does.
    """

    def __init__(self, quotes: int, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        words = quotes * 20  # about twenty words a quote
        self.vocabulary = make_vocabulary(self.rng, int(40 * words**0.5))
        # Zipf over content words; function words are drawn separately, so the head is
        # flattened (offset 50) as content-word frequencies are in news text.
        weights = [1.0 / (rank + 50) for rank in range(len(self.vocabulary))]
        self.cumulative = list(_accumulate(weights))
        self.speakers = [
            (f"s{n}", f"{self._name()} {self._name()}") for n in range(max(50, quotes // 20))
        ]
        self.terms = self.vocabulary[40:60]
        # Quote id → the kind of link its generation planted (a repeat, an excerpt, ...).
        self.planted: dict[str, str] = {}

    def _name(self) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(4)).capitalize()

    def sentence(self) -> str:
        words = []
        for _ in range(self.rng.randint(8, 30)):
            if self.rng.random() < 0.4:
                words.append(self.rng.choice(FUNCTION_WORDS))
            else:
                words.append(self.rng.choices(self.vocabulary, cum_weights=self.cumulative)[0])
        words[0] = words[0].capitalize()
        return " ".join(words)

    def variant(self, text: str) -> str:
        """The same words as another outlet prints them."""
        change = self.rng.randrange(4)
        if change == 0:
            return text.upper()
        if change == 1:
            return text.replace(" ", ", ", 1) + "."
        if change == 2:
            words = text.split()
            cut = self.rng.randrange(1, len(words))
            return " ".join(words[:cut]) + " … " + " ".join(words[cut:])
        words = text.split()
        at = self.rng.randrange(1, len(words))
        return " ".join(words[:at] + ["[the]"] + words[at:])

    def collection(self, quotes_wanted: int) -> tuple[list[Article], list[Quote]]:
        articles: list[Article] = []
        quotes: list[Quote] = []
        said: list[tuple[str, str, str]] = []  # (text, speaker id, speaker name)
        backed: list[tuple[str, str, str]] = []  # the statements that take a stance
        n_articles = max(1, quotes_wanted // QUOTES_PER_ARTICLE)
        for a in range(n_articles):
            aid = f"a{a:05d}"
            paragraphs = [self._statement(said, backed) for _ in range(QUOTES_PER_ARTICLE)]
            text_parts, blocks, pending, offset = [], [], [], 0
            for n, (intro, body, sid, name, stance, kind, planted) in enumerate(paragraphs, 1):
                paragraph = f"{intro}“{body},” {name} said."
                start = offset + len(intro) + 1
                pending.append((start, body, sid, name, stance, kind, len(blocks)))
                if planted:
                    self.planted[f"{aid}:q{n}"] = planted
                blocks.append(Block(offset, offset + len(paragraph)))
                text_parts.append(paragraph)
                offset += len(paragraph) + 2
            article = Article(
                id=aid, path=f"{aid}.txt", text="\n\n".join(text_parts), blocks=blocks
            )
            articles.append(article)
            for n, (start, body, sid, name, stance, kind, block) in enumerate(pending, 1):
                quotes.append(
                    Quote(
                        id=f"{aid}:q{n}",
                        article=aid,
                        start=start,
                        end=start + len(body),
                        text=body,
                        speaker=sid,
                        kind=kind,
                        stance=stance,
                        speaker_name=name,
                        speaker_kind="person",
                        block=block,
                        order=float(a),
                        on_topic=stance != "neutral",
                    )
                )
        return articles, quotes

    def _statement(
        self, said: list[tuple[str, str, str]], backed: list[tuple[str, str, str]]
    ) -> tuple[str, str, str, str, str, str, str | None]:
        """(intro, quote, speaker id, name, stance, kind, the link kind it plants or None)."""
        roll = self.rng.random()
        if said and roll < 0.15:
            text, sid, name = self.rng.choice(said[-5000:])
            return "", self.variant(text), sid, name, "neutral", "direct", "repeat"
        if said and roll < 0.22:
            text, sid, name = self.rng.choice(said[-5000:])
            words = text.split()
            start = self.rng.randrange(0, max(1, len(words) - 6))
            fragment = " ".join(words[start : start + self.rng.randint(4, 6)])
            return "", fragment, sid, name, "neutral", "partial", "excerpt"
        if backed and roll < 0.25:
            _, sid, name = self.rng.choice(backed[-2000:])
            mistake = "I should not have said it that way. It was a mistake"
            return "", mistake, sid, name, "retract", "direct", "retraction"
        if backed and roll < 0.30:
            _, target_sid, target_name = self.rng.choice(backed[-2000:])
            sid, name = self.rng.choice(self.speakers)
            if sid == target_sid:
                sid, name = self.speakers[0] if sid != self.speakers[0][0] else self.speakers[1]
            surname = target_name.split()[-1]
            intro = f"In response to {surname}’s comments: "
            body = f"{self.sentence()} {self.rng.choice(self.terms)}"
            return intro, body, sid, name, "oppose", "direct", "rebuttal"
        sid, name = self.rng.choice(self.speakers)
        text = f"{self.sentence()} {self.rng.choice(self.terms)}"
        stance = self.rng.choice(("support", "neutral", "neutral"))
        said.append((text, sid, name))
        if stance == "support":
            backed.append((text, sid, name))
        return "", text, sid, name, stance, "direct", None


def _accumulate(weights: list[float]):
    total = 0.0
    for weight in weights:
        total += weight
        yield total


def _reference_loop() -> float:
    """CPU time of a fixed pure-Python loop, to compare figures across machines and loads."""
    began = time.process_time()
    total = 0
    for step in range(10_000_000):
        total += step
    return time.process_time() - began


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="10000,50000,100000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"machine: {os.cpu_count()} cores, load {load:.1f}, Python {sys.version.split()[0]}; "
        f"a 10^7-step Python loop takes {_reference_loop():.2f} s CPU here"
    )
    baseline = None
    for size in sizes:
        generator = Generator(size)
        articles, quotes = generator.collection(size)
        settings = CollectionSettings(
            name="synthetic", topic="the synthetic proposal", terms=generator.terms
        )
        wall, cpu = [], []
        for _ in range(args.runs):
            began, began_cpu = time.perf_counter(), time.process_time()
            linking = link_quotes(articles, quotes, settings)
            links, stats = linking.links, linking.stats
            wall.append(time.perf_counter() - began)
            cpu.append(time.process_time() - began_cpu)
        median, median_cpu = statistics.median(wall), statistics.median(cpu)
        baseline = baseline or (median_cpu, size)
        kinds = Counter(link.kind for link in links)
        linked = {(link.source, link.kind) for link in links}
        planted = Counter(generator.planted.values())
        found = Counter(k for q, k in generator.planted.items() if (q, k) in linked)
        print(
            f"{len(quotes):>7} quotes / {len(articles):>5} articles: "
            f"median {median:6.2f} s wall, {median_cpu:6.2f} s CPU over {args.runs} runs "
            f"(×{median_cpu / baseline[0]:.1f} CPU for ×{size / baseline[1]:.0f} quotes); "
            f"{stats.texts} distinct texts, {stats.pairs_scored} pairs scored, "
            f"{stats.keys_skipped} keys over cap; links: "
            + ", ".join(f"{kind} {kinds[kind]}" for kind in sorted(kinds))
            + "; planted statements found: "
            + ", ".join(f"{kind} {found[kind]}/{planted[kind]}" for kind in sorted(planted))
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
