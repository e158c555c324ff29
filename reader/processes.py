"""Worker and helper processes of the analysis: how many, and how they are started."""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor


def usable_cores() -> int:
    """Cores this process may use (a container or `taskset` may allow fewer than exist)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def pool_context(preload: Sequence[str] = ()) -> multiprocessing.context.BaseContext:
    """How to start workers. Forking is quickest and needs no re-import of the caller's main
    module, but forking a process that runs other threads can deadlock the child (the UI calls
    `analyse` from a worker thread), so then a fork server (or spawn) starts them instead,
    with the `preload` modules imported once in the server."""
    methods = multiprocessing.get_all_start_methods()
    if sys.platform.startswith("linux") and threading.active_count() == 1 and "fork" in methods:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(list(preload))
        return context
    return multiprocessing.get_context("spawn")


def helper_context() -> multiprocessing.context.BaseContext:
    """How to start a helper that is sent its data: a fresh interpreter. A forked child would
    share the parent's pages only until its collector visits the parent's objects, and then
    copy every one of them."""
    return multiprocessing.get_context("spawn")


def let_go(executor: ProcessPoolExecutor) -> None:
    """Stop a pool whose work is no longer wanted: its queued tasks are dropped and its
    processes stopped mid-task. Only shutting it down would leave them running, and the
    interpreter waits for them on its way out: seconds after the user quit, for a helper
    indexing 10,000 articles. (What they were doing is thrown away either way.)"""
    # The executor forgets these on shutdown. (Python 3.14 calls this `terminate_workers`.)
    processes = list((getattr(executor, "_processes", None) or {}).values())
    results = getattr(executor, "_result_queue", None)
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(OSError, ValueError):  # already gone, or already closed
            process.terminate()
    if processes and results is not None:
        # A process stopped halfway through sending a result leaves the executor's thread
        # waiting for the rest, for ever, and the interpreter waits for that thread. This
        # process's copy of the pipe's writing end is all that keeps it from reading the
        # end of the pipe instead, once the stopped processes' copies are closed with them.
        with contextlib.suppress(OSError):
            results._writer.close()


def start_helpers_before_a_ui() -> None:
    """Start multiprocessing's resource tracker now, while `sys.stderr` is the terminal's.

    A pool started later from a UI's worker thread starts the tracker if it is not running,
    handing it `sys.stderr.fileno()`; a full-screen UI has replaced `sys.stderr` by then, with
    a stream whose file number cannot be inherited ("bad value(s) in fds_to_keep"), and the
    collection would not open.
    """
    from multiprocessing import resource_tracker

    resource_tracker.ensure_running()


def analysis_worker_init() -> None:
    """Initializer of per-file analysis workers."""
    # Ctrl+C reaches the whole process group; only the parent decides what to do about it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A forked worker inherits the parent's paused collector; its analysis makes short-lived
    # garbage for thousands of articles, so it collects as usual.
    gc.enable()
