"""Benchmark Stance Reader on generated collections of 1,000 and 10,000 articles.

Prints, per size: cold analysis (empty cache), warm re-open to a usable screen (cache read plus
the collection-wide results), re-open after editing one file, linking time, search index build
and keystroke latency (median, p95), peak memory, and the 1k → 10k ratio of each, with the
machine's core count. Every phase runs in a fresh Python process (`--phase`), so imports,
caches and peak memory of one phase never flatter the next.

    python benchmarks/bench_collection.py                  # 1k and 10k
    python benchmarks/bench_collection.py --sizes 1000     # quicker
    python benchmarks/bench_collection.py --repeat 5       # cold runs per size (median shown)
    python benchmarks/bench_collection.py --crossover      # pool vs in-process, small sizes
    python benchmarks/bench_collection.py --profile cold --sizes 10000   # cProfile a phase

Collections are generated once into benchmarks/out/ (ignored by git) and reused.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE))
sys.path.append(str(HERE.parent))  # when not installed; an installed `reader` comes first

# Typed one character at a time, as a user types them into `/` search.
QUERIES = (
    "never accept",
    "solution could be",
    "harbour authority",
    "lindqvist",
    "mistake",
    "podolyak",
    "port terminal",
    "we reject any attempt",
    "cod quota",
    "ridiculous",
)


def peak_mb() -> dict[str, float]:
    """Peak resident memory of this process (Linux reports KiB, macOS bytes), and the CPU time
    of it and its reaped workers: on a busy machine CPU seconds say more than wall seconds."""
    scale = 1 / 1024 if sys.platform != "darwin" else 1 / 1024 / 1024
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "peak_mb": own.ru_maxrss * scale,
        "cpu_s": own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime,
    }


class TreeMemory(threading.Thread):
    """Samples the resident memory of a phase's process and all its descendants (its pool
    workers), from outside so the phase itself runs no extra thread, and so the peak of the
    whole analysis is measured, not just the main process. Linux only."""

    def __init__(self, root: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.interval = interval
        self.peak_total_kb = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(self.interval):
            self.peak_total_kb = max(self.peak_total_kb, self.sample())

    def sample(self) -> int:
        parents: dict[int, int] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as handle:
                        parents[int(entry)] = int(handle.read().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue
        tree, frontier = {self.root}, [self.root]
        while frontier:
            parent = frontier.pop()
            children = [pid for pid, ppid in parents.items() if ppid == parent]
            tree.update(children)
            frontier.extend(children)
        # Proportional set size: pages a forked worker shares with its parent count once.
        total = 0
        for pid in tree:
            try:
                with open(f"/proc/{pid}/smaps_rollup") as handle:
                    for line in handle:
                        if line.startswith("Pss:"):
                            total += int(line.split()[1])
            except OSError:
                continue
        return total

    def finish(self) -> float:
        self.stop.set()
        self.join()
        return max(self.peak_total_kb, self.sample()) / 1024


def timed_steps() -> dict[str, float]:
    """Wrap the collection-wide steps so their time is recorded (phases run in this process)."""
    from reader import analyser

    spent: dict[str, float] = {}
    # PreparedLinks: the text table and the start of matching (in a helper process for a large
    # collection), before the merge; link_quotes then waits for the matches and links.
    for name in ("PreparedLinks", "merge_speakers", "link_quotes", "find_shifts"):
        real = getattr(analyser, name)

        def wrapper(*args, _real=real, _name=name, **options):  # type: ignore[no-untyped-def]
            start, cpu = time.perf_counter(), time.process_time()
            try:
                return _real(*args, **options)
            finally:
                spent[_name] = spent.get(_name, 0.0) + time.perf_counter() - start
                spent[_name + "_cpu"] = spent.get(_name + "_cpu", 0.0) + time.process_time() - cpu

        setattr(analyser, name, wrapper)
    return spent


def touched_file(folder: Path) -> Path:
    files = sorted(folder.glob("*.txt"))
    return files[len(files) // 2]


def phase(name: str, folder: Path, workers: int | None) -> dict[str, object]:
    """One measurement, in this (fresh) process; returns figures as JSON-able data."""
    if name in ("touched", "uitouched"):  # edit one article (append a paragraph), re-open
        who = "the dock workers" if name == "uitouched" else "the harbour workers"
        with touched_file(folder).open("a", encoding="utf-8") as handle:
            handle.write(
                "\nThe council will meet again on Friday. \u201cWe will not sign anything"
                f" before {who} have had their say,\u201d the mayor said.\n"
            )
    if name in ("ui", "uitouched", "uicold"):
        # Nothing of the reader imported yet: the app imports what it needs as it would for a
        # user, and the clock runs from before the first import.
        return {**ui_figures(folder), **peak_mb()}
    started = time.perf_counter()
    from reader import pipeline

    imported = time.perf_counter()
    # Only where something is analysed: a warm open never imports the analysers.
    spent = timed_steps() if name in ("cold", "touched", "nocache") else {}
    warnings: list[str] = []
    first: list[float] = []

    last: list[float] = []

    def on_article(article: object, quotes: object) -> None:
        if not first:
            first.append(time.perf_counter())
        last[:] = [time.perf_counter()]

    begin, begin_cpu = time.perf_counter(), time.process_time()
    analysis = pipeline.analyse(
        [folder],
        warn=warnings.append,
        workers=workers,
        use_cache=name != "nocache",
        on_article=on_article,
    )
    end, end_cpu = time.perf_counter(), time.process_time()
    result: dict[str, object] = {
        "analyse_main_cpu_s": end_cpu - begin_cpu,
        "import_s": imported - started,
        "analyse_s": end - begin,
        "first_article_s": (first[0] - begin) if first else None,
        # After the last article: the collection-wide steps (merge, links) and cache writes.
        "collection_s": (end - last[0]) if last else None,
        "articles": len(analysis.articles),
        "quotes": len(analysis.quotes),
        "speakers": len(analysis.speakers),
        "links": len(analysis.links),
        "warnings": len(warnings),
        **{f"{step}_s": seconds for step, seconds in spent.items()},
    }
    if name == "search":
        result.update(search_figures(analysis))
    result.update(peak_mb())
    return result


def ui_figures(folder: Path) -> dict[str, object]:
    """Time for the real app (headless) to show its first articles and to finish loading:
    what a user waits for when opening the collection (the `uicold` phase: first open, empty
    cache) or re-opening it (`ui`: warm cache; `uitouched`: after an edit)."""
    import asyncio

    start = time.perf_counter()  # the app's imports count: the user waits for them too
    from reader.tui.app import ReaderApp

    async def drive() -> dict[str, object]:
        app = ReaderApp(paths=[str(folder)])
        first = loaded = searchable = None
        async with app.run_test(size=(120, 40)):
            while searchable is None and time.perf_counter() - start < 300:
                # A plain sleep, not `pilot.pause`: pausing waits for the screen to settle,
                # and doing that every few milliseconds cost the app's thread (which shares
                # the interpreter with the analysis) ~4 s of a 20 s load.
                await asyncio.sleep(0.02)
                screen = app.reader
                now = time.perf_counter() - start
                library = getattr(screen, "library", None)
                if first is None and library is not None and library.articles:
                    first = now
                # Loaded: links and stances shown; search follows once its index is ready.
                if loaded is None and screen is not None and not screen.is_loading:
                    loaded = now
                if loaded is not None and screen.search_index is not None:
                    searchable = now
                if screen is not None and screen.search_error is not None:
                    raise SystemExit(f"search failed: {screen.search_error}")
        return {"ui_first_articles_s": first, "ui_loaded_s": loaded, "ui_search_s": searchable}

    return asyncio.run(drive())


def search_figures(analysis: object) -> dict[str, object]:
    from reader.indexing import build_index, keep_index, stored_index
    from reader.search import SearchIndex

    start = time.perf_counter()
    index = SearchIndex(analysis)  # type: ignore[arg-type]
    built = time.perf_counter() - start
    start = time.perf_counter()
    build_index(analysis)  # type: ignore[arg-type]
    helped = time.perf_counter() - start
    keep_index(analysis, index, print)  # type: ignore[arg-type]
    start = time.perf_counter()
    restored = stored_index(analysis, print)  # type: ignore[arg-type]
    read_back = time.perf_counter() - start
    assert restored is not None, "the index was not kept"
    latencies = []
    for query in QUERIES:
        for cut in range(1, len(query) + 1):
            begin = time.perf_counter()
            index.search(query[:cut])
            latencies.append(time.perf_counter() - begin)
    latencies.sort()
    return {
        "index_build_s": built,
        "index_helped_s": helped,
        "index_read_s": read_back,
        "keystrokes": len(latencies),
        "keystroke_median_ms": statistics.median(latencies) * 1000,
        "keystroke_p95_ms": latencies[int(len(latencies) * 0.95)] * 1000,
        "keystroke_max_ms": latencies[-1] * 1000,
    }


def run_phase(
    name: str, folder: Path, cache: Path, workers: int | None, profile: bool = False
) -> dict[str, object]:
    command = [sys.executable, __file__, "--phase", name, "--folder", str(folder)]
    if workers:
        command += ["--workers", str(workers)]
    if profile:
        command = [sys.executable, "-m", "cProfile", "-s", "cumulative", *command[1:]]
    env = dict(os.environ, STANCE_READER_CACHE_DIR=str(cache))
    start = time.perf_counter()
    child = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    sampler = TreeMemory(child.pid) if Path("/proc/self/status").exists() else None
    if sampler is not None:
        sampler.start()
    stdout, stderr = child.communicate()
    wall = time.perf_counter() - start
    if child.returncode != 0:
        raise SystemExit(f"phase {name} failed:\n{stderr}")
    if profile:
        print(stdout)
        return {}
    figures = json.loads(stdout.strip().splitlines()[-1])
    figures["process_s"] = wall
    figures["tree_peak_mb"] = sampler.finish() if sampler is not None else None
    return figures


def ensure_collection(size: int, seed: int) -> Path:
    from gen_collection import generate

    folder = OUT / f"articles-{size}-seed{seed}"
    marker = folder / ".complete"
    if not marker.exists():
        print(f"generating {size} articles in {folder} ...", file=sys.stderr)
        generate(folder, size, seed)
        marker.write_text("")
    return folder


def byte_compile() -> None:
    """Compile the reader's modules first, as installing it does. Where bytecode is not
    written (PYTHONDONTWRITEBYTECODE), a module edited since its last compile would be
    compiled again in every phase: a tenth of a second of the first screen that no installed
    reader spends."""
    spec = importlib.util.find_spec("reader")  # finds the package without importing it
    if spec is not None:
        for folder in spec.submodule_search_locations or ():
            compileall.compile_dir(folder, quiet=1)


def empty(cache: Path) -> Path:
    for leftover in cache.glob("*"):
        leftover.unlink()
    return cache


def measure(
    size: int, seed: int, workers: int | None, repeat: int = 1
) -> dict[str, dict[str, object]]:
    folder = ensure_collection(size, seed)
    cache = OUT / f"cache-{size}"
    # The UI on a collection it has never seen, with a cache of its own (emptied first).
    figures = {"uicold": run_phase("uicold", folder, empty(OUT / f"cache-{size}-ui"), workers)}
    figures["cold"] = cold_median(folder, cache, workers, repeat)
    figures["warm"] = run_phase("warm", folder, cache, workers)
    figures["search"] = run_phase("search", folder, cache, workers)
    figures["ui"] = run_phase("ui", folder, cache, workers)
    original = touched_file(folder).read_bytes()
    for edit in ("touched", "uitouched"):  # two different edits: each a new state
        try:
            figures[edit] = run_phase(edit, folder, cache, workers)
        finally:
            touched_file(folder).write_bytes(original)
    return figures


def cold_median(folder: Path, cache: Path, workers: int | None, repeat: int) -> dict[str, object]:
    """The cold phase `repeat` times, each from an empty cache: the figures of the median run,
    with the range of all. A shared machine's speed drifts by a fifth from one minute to the
    next, so one run says little; the median of several says what a user would see."""
    runs = [run_phase("cold", folder, empty(cache), workers) for _ in range(repeat)]
    runs.sort(key=lambda figures: figures["analyse_s"])  # type: ignore[arg-type,return-value]
    median = dict(runs[len(runs) // 2])
    median["analyse_runs_s"] = [figures["analyse_s"] for figures in runs]
    median["cpu_runs_s"] = [figures["cpu_s"] for figures in runs]
    return median


def crossover(workers: int) -> None:
    """Time in-process against the pool on small collections, uncached, to set POOL_MIN_FILES."""
    from reader import pipeline

    print(f"files  in-process  pool({workers})")
    for size in (8, 16, 32, 64, 128, 256):
        folder = ensure_collection(size, 11)
        times = []
        for use_pool in (False, True):
            pipeline.POOL_MIN_FILES = 0 if use_pool else 10**9
            times.append(min(_timed_analysis(folder, workers) for _ in range(3)))
        print(f"{size:5d}  {times[0]:9.3f}s  {times[1]:8.3f}s")


def _timed_analysis(folder: Path, workers: int) -> float:
    from reader import pipeline

    start = time.perf_counter()
    pipeline.analyse([folder], use_cache=False, workers=workers)
    return time.perf_counter() - start


ROWS = (
    ("cold analysis, median run (s)", "cold", "analyse_s"),
    ("  CPU time, all processes (s)", "cold", "cpu_s"),
    ("  first article shown after (s)", "cold", "first_article_s"),
    ("  after the last article: collection steps (s)", "cold", "collection_s"),
    ("  text table, matching started (s)", "cold", "PreparedLinks_s"),
    ("  linking, link_quotes (s)", "cold", "link_quotes_s"),
    ("  linking, link_quotes CPU (s)", "cold", "link_quotes_cpu_s"),
    ("  speaker merge (s)", "cold", "merge_speakers_s"),
    ("  peak memory, main (MB)", "cold", "peak_mb"),
    ("  peak memory, all processes (MB)", "cold", "tree_peak_mb"),
    ("warm re-open, analyse() (s)", "warm", "analyse_s"),
    ("  CPU (s)", "warm", "analyse_main_cpu_s"),
    ("  first article delivered (s)", "warm", "first_article_s"),
    ("  imports (s)", "warm", "import_s"),
    ("  whole process, start to exit (s)", "warm", "process_s"),
    ("  peak memory (MB)", "warm", "peak_mb"),
    ("UI first open: first articles shown (s)", "uicold", "ui_first_articles_s"),
    ("UI first open: links shown (s)", "uicold", "ui_loaded_s"),
    ("UI first open: search ready (s)", "uicold", "ui_search_s"),
    ("  peak memory, main (MB)", "uicold", "peak_mb"),
    ("  peak memory, all processes (MB)", "uicold", "tree_peak_mb"),
    ("UI re-open: first articles shown (s)", "ui", "ui_first_articles_s"),
    ("UI re-open: links and search ready (s)", "ui", "ui_search_s"),
    ("  peak memory (MB)", "ui", "peak_mb"),
    ("UI re-open after an edit: links shown (s)", "uitouched", "ui_loaded_s"),
    ("UI re-open after an edit: search ready (s)", "uitouched", "ui_search_s"),
    ("  peak memory, all processes (MB)", "uitouched", "tree_peak_mb"),
    ("re-open after editing 1 file (s)", "touched", "analyse_s"),
    ("  CPU (s)", "touched", "analyse_main_cpu_s"),
    ("  collection steps (s)", "touched", "collection_s"),
    ("  text table, rematching (s)", "touched", "PreparedLinks_s"),
    ("  linking, link_quotes (s)", "touched", "link_quotes_s"),
    ("  speaker merge (s)", "touched", "merge_speakers_s"),
    ("  peak memory, all processes (MB)", "touched", "tree_peak_mb"),
    ("search index build (s)", "search", "index_build_s"),
    ("  with a helper indexing the articles (s)", "search", "index_helped_s"),
    ("  read back from the cache (s)", "search", "index_read_s"),
    ("search keystroke median (ms)", "search", "keystroke_median_ms"),
    ("search keystroke p95 (ms)", "search", "keystroke_p95_ms"),
    ("search keystroke max (ms)", "search", "keystroke_max_ms"),
    ("  peak memory with index (MB)", "search", "peak_mb"),
)


def report(results: dict[int, dict[str, dict[str, object]]]) -> None:
    sizes = sorted(results)
    cpus = os.cpu_count()
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cpus
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"machine: {platform.machine()} {platform.system()} {platform.release()}, "
        f"{cpus} cores ({affinity} usable), Python {platform.python_version()}, "
        f"load average {load:.1f} at the end (other work inflates wall times; CPU rows less)"
    )
    for size in sizes:
        cold = results[size]["cold"]
        print(
            f"{size} articles: {cold['quotes']} quotes, {cold['speakers']} speakers, "
            f"{cold['links']} links"
        )
    header = f"{'':38}" + "".join(f"{size:>10}" for size in sizes)
    if len(sizes) == 2:
        header += f"{'ratio':>8}"
    print(header)
    for label, phase_name, key in ROWS:
        values = [results[size][phase_name].get(key) for size in sizes]
        cells = "".join(f"{v:>10.3f}" if isinstance(v, float) else f"{'-':>10}" for v in values)
        ratio = ""
        if len(values) == 2 and all(isinstance(v, float) and v > 0 for v in values):
            ratio = f"{values[1] / values[0]:>8.1f}"  # type: ignore[operator]
        print(f"{label:38}{cells}{ratio}")
    for size in sizes:
        cold = results[size]["cold"]
        runs = ", ".join(
            f"{wall:.1f} s ({cpu:.0f} CPU-s)"
            for wall, cpu in zip(cold["analyse_runs_s"], cold["cpu_runs_s"], strict=True)  # type: ignore[call-overload]
        )
        print(f"cold runs at {size}: {runs}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--crossover", action="store_true")
    parser.add_argument(
        "--repeat", type=int, default=3, help="cold runs per size; the median is reported"
    )
    phases = ("cold", "warm", "search", "ui", "uicold", "uitouched", "nocache")
    parser.add_argument("--profile", choices=phases)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.phase:
        # Never the user's real cache, even when a phase is run by hand.
        os.environ.setdefault("STANCE_READER_CACHE_DIR", str(OUT / "cache-by-hand"))
        print(json.dumps(phase(args.phase, args.folder, args.workers)))
        return 0
    byte_compile()
    if args.crossover:
        crossover(args.workers or os.cpu_count() or 1)
        return 0
    if args.profile:
        for size in args.sizes:
            folder = ensure_collection(size, args.seed)
            cache = OUT / f"cache-{size}"
            if args.profile == "cold":
                for leftover in cache.glob("*"):
                    leftover.unlink()
            run_phase(args.profile, folder, cache, args.workers, profile=True)
        return 0
    results = {size: measure(size, args.seed, args.workers, args.repeat) for size in args.sizes}
    report(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
