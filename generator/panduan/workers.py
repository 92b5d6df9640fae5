"""Per-page work spread over the machine's cores: the search sections and the site link check read
every page of a built site, one page independent of the others.

Worker processes are forked, so they start with everything this process has loaded and import
nothing again. They are used only where that pays and is safe: a system that can fork, more than
one core, enough items, and no other thread in this process (a fork copies a lock another thread
may hold; `panduan serve` runs a web server thread). Otherwise the same function runs here, one
item after the other. The result never depends on which way it ran, and `PANDUAN_PARALEL=0`
turns the workers off.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from panduan import switched_on

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 100  # below this, starting the workers costs more than they save
MAX_WORKERS = 8


def cores() -> int:
    """The cores this process may run on (a container may allow fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def enabled() -> bool:
    return switched_on("PANDUAN_PARALEL")


def worker_count(count: int, min_items: int = MIN_ITEMS) -> int:
    """How many worker processes to use for `count` items; 0 means run here."""
    if not enabled() or count < min_items or threading.active_count() > 1:
        return 0
    if "fork" not in multiprocessing.get_all_start_methods():
        return 0  # pragma: no cover - Windows and macOS defaults; the work runs here
    workers = min(cores(), MAX_WORKERS)
    return workers if workers > 1 else 0


def map_items(fn: Callable[[T], R], items: Iterable[T], *, min_items: int = MIN_ITEMS) -> list[R]:
    """`[fn(item) for item in items]`, in worker processes when that pays; `fn` must be a function
    defined at module level (the workers receive it by name)."""
    todo = list(items)
    workers = worker_count(len(todo), min_items)
    if not workers:
        return [fn(item) for item in todo]
    size = -(-len(todo) // (workers * 4))  # a few chunks per worker: one slow page does not idle the rest
    chunks = [todo[i : i + size] for i in range(0, len(todo), size)]
    gc.freeze()  # objects made before the fork stay shared: the collector would otherwise touch and copy them
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            done = list(pool.map(_chunk, [fn] * len(chunks), chunks))
    except BrokenProcessPool:  # a worker was killed (out of memory): do the work here
        return [fn(item) for item in todo]
    finally:
        gc.unfreeze()
    return [result for chunk in done for result in chunk]


def _chunk(fn: Callable[[T], R], items: list[T]) -> list[R]:
    return [fn(item) for item in items]
