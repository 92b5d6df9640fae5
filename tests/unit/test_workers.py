"""Per-page work in worker processes (workers.py): the same results, in the same order, as one
item after the other, whichever way it ran."""

from __future__ import annotations

import os
import threading

import pytest

from panduan import workers

MAIN = os.getpid()


def square_and_pid(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def die_in_a_worker(n: int) -> int:
    if os.getpid() != MAIN:
        os._exit(1)  # as when the kernel kills a worker that ran out of memory
    return n + 1


def fail_on_seven(n: int) -> int:
    if n == 7:
        raise ValueError("tujuh")
    return n


@pytest.fixture
def forkable(monkeypatch):
    """Test runners keep threads of their own; the items here touch no lock, so forking is safe."""
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setattr(workers, "cores", lambda: 2)
    monkeypatch.delenv("PANDUAN_PARALEL", raising=False)


def test_results_come_back_in_order_from_other_processes(forkable):
    results = workers.map_items(square_and_pid, range(300))
    assert [r for r, _ in results] == [n * n for n in range(300)]
    assert {pid for _, pid in results} - {MAIN}, "no item ran in a worker"


def test_turned_off_everything_runs_here(forkable, monkeypatch):
    monkeypatch.setenv("PANDUAN_PARALEL", "0")
    assert {pid for _, pid in workers.map_items(square_and_pid, range(300))} == {MAIN}


def test_few_items_run_here(forkable):
    assert {pid for _, pid in workers.map_items(square_and_pid, range(5))} == {MAIN}


def test_a_killed_worker_costs_time_not_results(forkable):
    assert workers.map_items(die_in_a_worker, range(200)) == [n + 1 for n in range(200)]


def test_an_error_in_the_work_is_the_same_error(forkable):
    with pytest.raises(ValueError, match="tujuh"):
        workers.map_items(fail_on_seven, range(200))
