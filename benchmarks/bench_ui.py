"""Search keystroke latency in the real UI: from a key reaching the app to its results on screen.

`bench_search.py` times the index alone; this drives the whole app (headless, `App.run_test`)
on the same synthetic collection (~100,000 quotes in ~10,000 articles, passed to
`ReaderApp(analysis=...)`), opens `/` and types queries one character at a time, as a terminal
would deliver them. A keystroke's latency runs from the key event entering the app to the
first screen update painted after the results for that query were shown: input handling,
the search worker, building the result rows and compositing the screen (headless, the
terminal write itself is skipped; it is small next to the rest).

Two ways of typing:
- one key at a time (default): each key waits for its results, so every keystroke is timed
  on its own;
- `--pace 0.08`: a key every 80 ms whether or not the last results have arrived, as a fast
  typist; then only the queries' last keys are timed (results for a prefix already overtaken
  by the next key are not expected to be drawn).

    .venv/bin/python benchmarks/bench_ui.py [--articles 10000] [--queries 20] [--pace 0.08]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import time
from bisect import bisect_left
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_search import build_collection, typed_queries  # noqa: E402
from textual import events  # noqa: E402

from reader.tui.app import ReaderApp  # noqa: E402
from reader.tui.screens.search import ResultList, SearchScreen  # noqa: E402

TIMEOUT = 10.0


class Probe:
    """Timestamps of what the user sees: each results list shown, each screen painted."""

    def __init__(self, app: ReaderApp) -> None:
        self.shown: dict[str, float] = {}  # query → when its results went into the list
        self.painted: list[float] = []
        display = app._display

        def painted(screen, renderable) -> None:
            display(screen, renderable)
            if renderable is not None:
                self.painted.append(time.perf_counter())

        app._display = painted  # type: ignore[method-assign]

    def watch(self, results: ResultList) -> None:
        show = results.show

        def shown(hits, query) -> None:
            show(hits, query)
            self.shown.setdefault(query, time.perf_counter())

        results.show = shown  # type: ignore[method-assign]

    def on_screen(self, query: str) -> float | None:
        """When the results for `query` were first painted, or None if not yet."""
        at = self.shown.get(query)
        if at is None:
            return None
        index = bisect_left(self.painted, at)
        return self.painted[index] if index < len(self.painted) else None


def key_event(char: str) -> events.Key:
    return events.Key("space", " ") if char == " " else events.Key(char, char)


async def wait_until(condition, timeout: float = TIMEOUT) -> bool:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            return False
        await asyncio.sleep(0.0005)
    return True


async def measure(args: argparse.Namespace, queries: list[str], analysis) -> dict[str, list]:
    app = ReaderApp(analysis=analysis)
    width, height = (int(n) for n in args.size.split("x"))
    figures: dict[str, list] = {"latency": [], "missed": [], "last_key": []}
    async with app.run_test(size=(width, height)) as pilot:
        started = time.perf_counter()
        await wait_until(
            lambda: app.reader is not None and app.reader.search_index is not None, 300
        )
        print(f"search index ready in the app after {time.perf_counter() - started:.1f} s")
        probe = Probe(app)
        driver = app._driver
        assert driver is not None
        for query in queries:
            await pilot.press("slash")
            await wait_until(lambda: isinstance(app.screen, SearchScreen))
            await pilot.pause()
            probe.watch(app.screen.query_one(ResultList))
            probe.shown.clear()
            sent: list[tuple[str, float]] = []
            for n in range(1, len(query) + 1):
                typed = query[:n]
                key = key_event(query[n - 1])
                key.set_sender(app)
                sent.append((typed, time.perf_counter()))
                driver.send_message(key)
                if args.pace:
                    await asyncio.sleep(max(0.0, sent[-1][1] + args.pace - time.perf_counter()))
                elif await wait_until(lambda t=typed: probe.on_screen(t) is not None):
                    figures["latency"].append(probe.on_screen(typed) - sent[-1][1])
                else:
                    figures["missed"].append(typed)
            if args.pace:
                typed, at = sent[-1]
                if await wait_until(lambda t=typed: probe.on_screen(t) is not None):
                    figures["last_key"].append(probe.on_screen(typed) - at)
                else:
                    figures["missed"].append(typed)
            await pilot.press("escape")
            await wait_until(lambda: not isinstance(app.screen, SearchScreen))
            await pilot.pause()
    return figures


def summary(name: str, seconds: list[float]) -> str:
    if not seconds:
        return f"{name}: no samples"
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[int(0.95 * (len(ms) - 1))]
    return (
        f"{name}: median {statistics.median(ms):.1f} ms, p95 {p95:.1f} ms, max {ms[-1]:.1f} ms "
        f"({len(ms)} samples)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--quotes-per-article", type=int, default=10)
    parser.add_argument("--queries", type=int, default=20)
    parser.add_argument("--size", default="120x40", help="terminal size, WIDTHxHEIGHT")
    parser.add_argument(
        "--pace", type=float, default=0.0, help="seconds between keys (0: wait for each result)"
    )
    args = parser.parse_args()

    started = time.perf_counter()
    analysis = build_collection(args.articles, args.quotes_per_article)
    print(
        f"collection: {len(analysis.articles):,} articles, {len(analysis.quotes):,} quotes, "
        f"{len(analysis.speakers):,} speakers (generated in {time.perf_counter() - started:.1f} s)"
    )
    queries = typed_queries(analysis, args.queries, random.Random(11))
    figures = asyncio.run(measure(args, queries, analysis))
    print(f"terminal {args.size}, {len(queries)} queries, {sum(map(len, queries))} keystrokes")
    if args.pace:
        print(f"typed at one key every {args.pace * 1000:.0f} ms:")
        print("  " + summary("last key of a query → its results on screen", figures["last_key"]))
    else:
        print("  " + summary("key → its results on screen", figures["latency"]))
    if figures["missed"]:
        print(f"  no results on screen within {TIMEOUT:.0f} s for: {figures['missed']}")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"load average: {load:.1f}; cores: {os.cpu_count()}")


if __name__ == "__main__":
    main()
