"""Time to open each of the reader's screens on a large collection, key to screen painted.

Drives the real app headless (`App.run_test`) on the collection benchmark's generated
collection (`bench_collection.py`: 10,000 articles, ~100,000 quotes), analysed first through
its cache. For each screen, the key that opens it is pressed (on a quote with links, for the
links screen), and the time runs until the first screen update painted after the screen is
mounted; escape closes it before the next open. Each screen is opened `--repeat` times; the
first open of a screen also builds what it caches (the speakers' list). The screens are opened
once the reader's background work is done: the search index, and the timeline and its lanes,
which it works out ahead of the screens (its time is printed too).

    .venv/bin/python benchmarks/bench_screens.py [--articles 10000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.append(str(HERE.parent))

from bench_collection import OUT, byte_compile, ensure_collection  # noqa: E402
from bench_ui import wait_until  # noqa: E402

# key → the screen it opens (by class name: the screens are imported when first opened)
SCREENS = {"t": "TimelineScreen", "s": "SpeakersScreen", "enter": "LinksScreen", "f1": "HelpScreen"}
TIMEOUT = 120.0


async def measure(analysis, repeat: int) -> dict[str, list[float]]:
    from reader.tui.app import ReaderApp

    app = ReaderApp(analysis=analysis)
    painted: list[tuple[float, str]] = []  # when a screen update was painted, and of what
    display = app._display

    def record(screen, renderable) -> None:
        display(screen, renderable)
        if renderable is not None:
            painted.append((time.perf_counter(), type(screen).__name__))

    app._display = record  # type: ignore[method-assign]
    figures: dict[str, list[float]] = {name: [] for name in SCREENS.values()}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        started = time.perf_counter()
        await app.workers.wait_for_complete()  # the search index, then the timeline drawn ahead
        figures["background work"] = [time.perf_counter() - started]
        reader = app.screen
        view = reader.query_one("#article")
        while not (view.quote and reader.library.linked(view.quote.id)):
            await pilot.press("n")  # to a quote with links, for the links screen
        for _ in range(repeat):
            for key, name in SCREENS.items():
                painted.clear()
                pressed = time.perf_counter()
                await pilot.press(key)
                shown = await wait_until(lambda n=name: any(s == n for _, s in painted), TIMEOUT)
                assert shown, f"{key} did not open {name}"
                figures[name].append(next(t for t, s in painted if s == name) - pressed)
                await pilot.press("escape")
                await wait_until(lambda: app.screen is reader, TIMEOUT)
                await pilot.pause()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--folder", type=Path, help="a collection of your own instead")
    args = parser.parse_args()
    byte_compile()
    os.environ.setdefault("STANCE_READER_CACHE_DIR", str(OUT / f"cache-{args.articles}"))
    folder = args.folder or ensure_collection(args.articles, args.seed)
    from reader.pipeline import analyse

    started = time.perf_counter()
    analysis = analyse([folder])
    print(
        f"{len(analysis.articles):,} articles, {len(analysis.quotes):,} quotes, "
        f"{len(analysis.links):,} links (read in {time.perf_counter() - started:.1f} s); "
        f"{os.cpu_count()} cores"
    )
    figures = asyncio.run(measure(analysis, args.repeat))
    print(f"{'screen':16}{'first open':>12}{'median':>10}{'max':>10}   (seconds, key to painted)")
    for name, seconds in figures.items():
        print(
            f"{name:16}{seconds[0]:>12.3f}{statistics.median(seconds):>10.3f}{max(seconds):>10.3f}"
        )


if __name__ == "__main__":
    main()
