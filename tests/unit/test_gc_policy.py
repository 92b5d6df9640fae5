"""The collector policy of a run (gc_policy.py): raised while panduan works, the caller's own
policy back afterwards, even when the run fails."""

from __future__ import annotations

import gc

import pytest

from panduan import checks
from panduan.cli import main
from panduan.gc_policy import YOUNG, fewer_collections


def test_a_check_runs_with_rare_collections_and_restores_the_callers_policy(project, monkeypatch, capsys):
    seen: list[tuple[int, int, int]] = []

    def record(guide):
        seen.append(gc.get_threshold())
        return iter(())

    monkeypatch.setattr(checks, "RULES", [*checks.RULES, record])
    before = gc.get_threshold()
    assert main(["--root", str(project.root), "check"]) == 0
    assert seen and seen[0][0] >= YOUNG
    assert gc.get_threshold() == before


def test_the_policy_comes_back_after_an_error():
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), fewer_collections():
        assert gc.get_threshold()[0] >= YOUNG
        raise RuntimeError("stop")
    assert gc.get_threshold() == before


def test_nested_blocks_restore_in_order():
    before = gc.get_threshold()
    with fewer_collections():
        raised = gc.get_threshold()
        with fewer_collections():
            pass
        assert gc.get_threshold() == raised
    assert gc.get_threshold() == before
