"""Worker and helper processes: a pool whose work is no longer wanted stops at once."""

from __future__ import annotations

import subprocess
import sys
import time

# A helper busy for a minute when its work stops being wanted (the user quit).
QUIT_WHILE_BUSY = """
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from reader.processes import helper_context, let_go

if __name__ == "__main__":
    executor = ProcessPoolExecutor(max_workers=1, mp_context=helper_context())
    busy = executor.submit(time.sleep, 60)
    while not busy.running():
        time.sleep(0.05)
    let_go(executor)
    try:
        busy.result(timeout=20)
    except BrokenProcessPool:
        print("stopped")
"""


# Helpers stopped while they send large results (the search index's helper sends ~20 MB).
QUIT_WHILE_SENDING = """
import random, time
from concurrent.futures import ProcessPoolExecutor
from reader.processes import helper_context, let_go

if __name__ == "__main__":
    for trial in range(6):
        executor = ProcessPoolExecutor(max_workers=1, mp_context=helper_context())
        executor.submit(bytes, 1).result()
        for _ in range(100):
            executor.submit(bytes, 2_000_000)  # results of 2 MB
        time.sleep(random.uniform(0.02, 0.1))
        let_go(executor)
    print("stopped")
"""


def run_script(script: str) -> None:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=45
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["stopped"]
    assert time.monotonic() - started < 30


def test_a_pool_let_go_stops_mid_task_and_the_interpreter_exits_at_once() -> None:
    """Shutting a pool down without waiting leaves its running task running, and the
    interpreter waits for it on its way out: the user who quit would wait a minute here."""
    run_script(QUIT_WHILE_BUSY)


def test_a_pool_let_go_while_sending_results_lets_the_interpreter_exit() -> None:
    """A process stopped halfway through sending a result must not leave the executor's
    thread waiting for the rest: the interpreter waits for that thread on its way out."""
    run_script(QUIT_WHILE_SENDING)
