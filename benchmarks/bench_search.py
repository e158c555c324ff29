"""Search keystroke latency over a synthetic collection of ~100,000 quotes in ~10,000 articles.

Builds an `Analysis` in memory (no files, no extractor: this measures search alone), with a
Zipf-distributed vocabulary of made-up words mixed with English function words, a few thousand
speakers with first names, surnames and aliases, quotes embedded in article bodies with exact
offsets, then types queries one character at a time as a user would and prints the median and
95th percentile time per keystroke, the index build time and the machine's core count.

    .venv/bin/python benchmarks/bench_search.py [--articles 10000] [--quotes-per-article 10]
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.model import Analysis, Article, Quote, Speaker  # noqa: E402
from reader.search import SearchIndex  # noqa: E402

# Common English words, so the Zipf head looks like real text.
FUNCTION_WORDS = " ".join(
    (
        "the of and to a in that is was he for it with as his on be at by i this had not are",
        "but from or have an they which one you were her all she there would their we him",
        "been has when who will more no if out so said what up its about into than them can",
        "only other new some could time these two may then do first any my now such like our",
        "over man me even most made after also did many before must through back years where",
        "much your way well down should because each just those people how too little state",
        "good very make world still own see men work long get here between both life being",
        "under never day same another know while last might us great old year off come since",
        "against go came right used take three",
    )
).split()
# fmt: off
ONSETS = ("b", "br", "c", "ch", "d", "dr", "f", "g", "gr", "h", "k", "l", "m", "n",
          "p", "pr", "r", "s", "sh", "st", "t", "tr", "v", "w", "z", "kr", "pl", "sl")
VOWELS = ("a", "e", "i", "o", "u", "ai", "ea", "ou", "io", "y")
CODAS = ("", "n", "r", "s", "t", "l", "m", "nd", "rk", "st", "ng", "x", "ll")
# fmt: on
SPEECH = ("said", "told reporters", "wrote on X", "added", "argued", "insisted", "warned")


def pseudo_word(rng: random.Random) -> str:
    syllables = rng.choice((1, 2, 2, 3, 3, 4))
    return "".join(
        rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(syllables)
    )


def build_collection(articles: int, quotes_per_article: int, seed: int = 7) -> Analysis:
    rng = random.Random(seed)
    content = sorted({pseudo_word(rng) for _ in range(40_000)})
    rng.shuffle(content)
    vocabulary = FUNCTION_WORDS + content
    # Zipf: the k-th word has weight 1/k, so function words dominate as in real text.
    cumulative = list(itertools.accumulate(1.0 / (k + 1) for k in range(len(vocabulary))))
    firsts = sorted({pseudo_word(rng).capitalize() for _ in range(400)})
    lasts = sorted(
        {
            (pseudo_word(rng) + rng.choice(("son", "enko", "ova", "berg", "ez", ""))).capitalize()
            for _ in range(1500)
        }
    )
    speakers: list[Speaker] = []
    seen_ids: set[str] = set()
    while len(speakers) < 4000:
        first, last = rng.choice(firsts), rng.choice(lasts)
        speaker_id = f"{first}-{last}".lower()
        if speaker_id in seen_ids:
            continue
        seen_ids.add(speaker_id)
        aliases = [last] + ([f"{first[0]}. {last}"] if rng.random() < 0.3 else [])
        role = " ".join(rng.choices(vocabulary[:400], k=4))
        speakers.append(Speaker(speaker_id, f"{first} {last}", aliases, role))

    def sentence(low: int, high: int) -> str:
        words = rng.choices(vocabulary, cum_weights=cumulative, k=rng.randint(low, high))
        return " ".join(words).capitalize()

    all_articles: list[Article] = []
    all_quotes: list[Quote] = []
    for a in range(articles):
        article_id = f"{a:05d}_synthetic"
        title = sentence(6, 11)
        parts = [title, "\n\n", f"By {rng.choice(speakers).name}\n\n"]
        length = sum(len(p) for p in parts)
        for q in range(quotes_per_article):
            lead = " ".join(sentence(8, 20) + "." for _ in range(rng.randint(1, 3))) + " "
            speaker = rng.choice(speakers)
            text = " ".join(sentence(6, 18) + rng.choice((".", ",", "?")) for _ in range(2))
            opening, closing = rng.choice((("“", "”"), ('"', '"'), ("‘", "’")))
            start = length + len(lead) + len(opening)
            tail = f"{closing} {speaker.aliases[0]} {rng.choice(SPEECH)}.\n\n"
            parts += [lead, opening, text, tail]
            length = start + len(text) + len(tail)
            all_quotes.append(
                Quote(
                    id=f"{article_id}:q{q + 1}",
                    article=article_id,
                    start=start,
                    end=start + len(text),
                    text=text,
                    speaker=speaker.id,
                    order=a + q / 100,
                )
            )
        body = "".join(parts)
        all_articles.append(Article(article_id, f"synthetic/{article_id}.txt", body, title))
        for quote in all_quotes[-quotes_per_article:]:
            assert body[quote.start : quote.end] == quote.text
    return Analysis(articles=all_articles, speakers=speakers, quotes=all_quotes)


def typed_queries(analysis: Analysis, count: int, rng: random.Random) -> list[str]:
    """Queries a reader would type: a speaker's surname, a word or two from a quote (sometimes
    with a typo), a word from an article's title."""
    queries: list[str] = []
    while len(queries) < count:
        choice = rng.random()
        if choice < 0.3:
            queries.append(rng.choice(analysis.speakers).aliases[0].lower())
            continue
        quote = rng.choice(analysis.quotes)
        words = [w.strip(".,?") for w in quote.text.split() if len(w) > 4]
        if not words:
            continue
        if choice < 0.6:
            queries.append(rng.choice(words).lower())
        elif choice < 0.8:
            at = rng.randrange(len(words))
            queries.append(" ".join(words[at : at + 2]).lower())
        else:
            word = list(rng.choice(words).lower())
            i = rng.randrange(1, len(word) - 1)
            word[i], word[i + 1] = word[i + 1], word[i]  # a transposition typo
            queries.append("".join(word))
    return queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--quotes-per-article", type=int, default=10)
    parser.add_argument("--queries", type=int, default=60)
    args = parser.parse_args()

    started = time.perf_counter()
    analysis = build_collection(args.articles, args.quotes_per_article)
    generated = time.perf_counter() - started
    megabytes = sum(len(a.text.encode()) for a in analysis.articles) / 1e6
    print(
        f"collection: {len(analysis.articles):,} articles ({megabytes:.1f} MB), "
        f"{len(analysis.quotes):,} quotes, {len(analysis.speakers):,} speakers "
        f"(generated in {generated:.1f} s)"
    )
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started, started_cpu = time.perf_counter(), time.process_time()
    index = SearchIndex(analysis)
    built, built_cpu = time.perf_counter() - started, time.process_time() - started_cpu
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    print(f"index build: {built:.2f} s wall, {built_cpu:.2f} s cpu; peak memory +{grown:.0f} MB")

    queries = typed_queries(analysis, args.queries, random.Random(11))
    wall: list[float] = []
    cpu: list[float] = []
    first_keys: list[float] = []
    totals: list[int] = []
    for query in queries:
        for n in range(1, len(query) + 1):
            started, started_cpu = time.perf_counter(), time.process_time()
            results = index.search(query[:n])
            cpu.append((time.process_time() - started_cpu) * 1000)
            wall.append((time.perf_counter() - started) * 1000)
            if n == 1:
                first_keys.append(wall[-1])
        totals.append(results.total)
    print(f"keystrokes: {len(wall)} over {len(queries)} queries (limit 200 hits each)")
    for label, times in (("wall", wall), ("cpu", cpu)):
        times.sort()
        p95 = times[int(0.95 * (len(times) - 1))]
        print(
            f"  {label}: median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, "
            f"max {times[-1]:.1f} ms"
        )
    print(f"  first keystroke of a query (wall): median {statistics.median(first_keys):.1f} ms")
    print(f"matches for the full queries: median {statistics.median(totals):,.0f}")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"load average while measuring: {load:.1f}")
    print(f"cores: {os.cpu_count()}")


if __name__ == "__main__":
    main()
