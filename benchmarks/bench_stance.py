"""Stance and time for 100,000 quotes: both run per quote, so their cost must stay linear.

    .venv/bin/python benchmarks/bench_stance.py [--quotes 100000] [--runs 3]

The seed articles are read, their quotes found and attributed once (not timed); then stance
(`score_stance`) and time (`assign_times`) run over the articles again and again until the
requested number of quotes has been scored. Real news text, with its real mix of on-topic and
off-topic quotes, fragments and continuations, is what the rules see. Prints the median over the
runs of each stage, quotes per second, and the machine's core count (both stages use one core).
Times are CPU seconds of the benchmark process, so other work on a busy machine does not count.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.analysis.quotes import find_quotes  # noqa: E402
from reader.analysis.speakers import attribute  # noqa: E402
from reader.analysis.stance import score_stance  # noqa: E402
from reader.analysis.timeline import assign_times  # noqa: E402
from reader.ingest import discover_files, read_file  # noqa: E402
from reader.resources import default_collection  # noqa: E402
from reader.settings import find_settings  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    seeds = default_collection()
    settings = find_settings([seeds], print)
    work = []
    for path in discover_files([seeds], print):
        for article in read_file(Path(path), print, None):
            quotes = find_quotes(article)
            attribute(article, quotes)
            if quotes:
                work.append((article, quotes))
    per_pass = sum(len(quotes) for _, quotes in work)
    passes = max(1, args.quotes // per_pass)
    total = passes * per_pass

    def timed(stage) -> float:
        # CPU time of this process: other processes on a busy machine do not inflate it.
        start = time.process_time()
        for _ in range(passes):
            for article, quotes in work:
                stage(article, quotes)
        return time.process_time() - start

    def both(article, quotes) -> None:  # as the pipeline runs them, one article at a time
        score_stance(article, quotes, settings)
        assign_times(article, quotes)

    stages = {
        "stance": lambda a, q: score_stance(a, q, settings),
        "time": assign_times,
        "both": both,
    }
    print(f"machine: {os.cpu_count()} cores; {total:,} quotes ({per_pass} per pass of the seeds)")
    for name, stage in stages.items():
        median = statistics.median(timed(stage) for _ in range(args.runs))
        print(
            f"{name:>7}: {median:6.2f} CPU s, median of {args.runs}"
            f"  ({total / median:,.0f} quotes/s)"
        )


if __name__ == "__main__":
    main()
