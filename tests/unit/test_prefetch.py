"""Per-file work done first on every core (prefetch.py): a check must report exactly what it
reports without it, and the main process must not parse those files again."""

from __future__ import annotations

import threading

import pytest

from panduan import cache, prefetch, sources, workers
from panduan.cli import main
from tests.conftest import GUIDELINE

PHONE_LINE = "Hubungi ibu Sari di 0812-3456-7890 bila perlu."
RAW_HTML = '<span onclick="x()">klik</span>'


@pytest.fixture
def guide_with_findings(project):
    """A guideline with personal data and one with raw HTML: findings of both per-file scans."""
    project.write("guidelines/etika-klien/kerahasiaan.md", GUIDELINE.format(id="kerahasiaan") + PHONE_LINE + "\n")
    other = GUIDELINE.format(id="lain").replace("simpan-catatan", "simpan-catatan-lain")
    project.write("guidelines/etika-klien/lain.md", other + RAW_HTML + "\n")
    return project


@pytest.fixture
def forced(monkeypatch, tmp_path):
    """Workers even for a small guide in a test runner (its threads touch no lock we fork)."""
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setattr(workers, "cores", lambda: 2)
    monkeypatch.setattr(prefetch, "MIN_ITEMS", 1)
    monkeypatch.delenv("PANDUAN_PARALEL", raising=False)
    monkeypatch.delenv("PANDUAN_CACHE", raising=False)
    monkeypatch.setenv("PANDUAN_CACHE_DIR", str(tmp_path / "cache"))
    cache._last.clear()


def _check(root, capsys) -> tuple[int, str]:
    code = main(["--root", str(root), "check"])
    return code, capsys.readouterr().err


def test_a_prefetched_check_reports_what_a_check_without_cache_reports(
    guide_with_findings, forced, capsys, monkeypatch
):
    done: list[int] = []
    real = prefetch.prefetch
    monkeypatch.setattr("panduan.build.prefetch", lambda root: done.append(real(root)) or done[-1])
    with_workers = _check(guide_with_findings.root, capsys)
    assert done and done[0] > 0, "the files were not prefetched"
    monkeypatch.setenv("PANDUAN_CACHE", "0")
    plain = _check(guide_with_findings.root, capsys)
    assert with_workers == plain
    assert "0812" in plain[1] and "[raw-html]" in plain[1]  # both scans found something to compare


def test_prefetched_files_are_not_parsed_again_here(guide_with_findings, forced, capsys, monkeypatch):
    real = prefetch.prefetch

    def then_refuse_parsing(root):
        count = real(root)
        monkeypatch.setattr(sources, "_parse_bytes", lambda raw, rel: pytest.fail(f"{rel} parsed again"))
        return count

    monkeypatch.setattr("panduan.build.prefetch", then_refuse_parsing)
    code, err = _check(guide_with_findings.root, capsys)
    assert code == 1 and "0812" in err
