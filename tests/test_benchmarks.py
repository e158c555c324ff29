"""The benchmark harnesses still run against the reader (they reach into its modules).

Smoke tests on eight generated articles: the figures are not checked, only that each harness
runs to its end and reports them. The figures themselves come from running the benchmarks.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from gen_collection import generate  # noqa: E402


@pytest.fixture
def collection(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    generate(folder, 8, 7)
    return folder


def run(script: str, *args: str, cache: Path) -> str:
    env = dict(os.environ, STANCE_READER_CACHE_DIR=str(cache))
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), *args],
        capture_output=True,
        text=True,
        timeout=240,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@pytest.mark.parametrize("phase", ["cold", "warm", "touched", "ui"])
def test_each_collection_phase_reports_its_figures(
    collection: Path, tmp_path: Path, phase: str
) -> None:
    cache = tmp_path / "cache"
    if phase != "cold":
        run("bench_collection.py", "--phase", "cold", "--folder", str(collection), cache=cache)
    out = run("bench_collection.py", "--phase", phase, "--folder", str(collection), cache=cache)
    figures = json.loads(out.strip().splitlines()[-1])
    if phase == "ui":
        assert figures["ui_first_articles_s"] > 0 and figures["ui_search_s"] > 0
    else:
        assert figures["articles"] == 8 and figures["analyse_s"] > 0
    if phase in ("cold", "touched"):
        assert figures["link_quotes_s"] > 0  # the collection steps were timed


def test_the_screens_benchmark_opens_every_screen(collection: Path, tmp_path: Path) -> None:
    out = run(
        "bench_screens.py", "--folder", str(collection), "--repeat", "1", cache=tmp_path / "c"
    )
    for screen in ("TimelineScreen", "SpeakersScreen", "LinksScreen", "HelpScreen"):
        assert screen in out


def test_the_cold_figures_are_those_of_the_median_run(collection: Path, tmp_path: Path) -> None:
    import bench_collection

    figures = bench_collection.cold_median(collection, tmp_path / "cache", None, 3)
    runs = figures["analyse_runs_s"]
    assert len(runs) == 3 == len(figures["cpu_runs_s"]) and runs == sorted(runs)
    assert figures["analyse_s"] == runs[1] and figures["articles"] == 8
