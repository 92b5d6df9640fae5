"""The cache between runs (cache.py): `panduan check` on every save must give exactly what a run
without the cache gives — an edit, a new glossary term or a damaged cache never shows old results."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from panduan import cache
from panduan.build import build_guide
from panduan.cli import main
from tests.conftest import GUIDELINE, TERM_STR

GUIDELINE_FILE = "guidelines/etika-klien/kerahasiaan.md"
PHONE_LINE = "Hubungi ibu Sari di 0812-3456-7890 bila perlu."


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PANDUAN_CACHE_DIR", str(folder))
    monkeypatch.delenv("PANDUAN_CACHE", raising=False)
    cache._last.clear()  # no entries carried over from another test in this process
    return folder


def _check(project, capsys) -> tuple[int, str]:
    code = main(["--root", str(project.root), "check"])
    return code, capsys.readouterr().err


def _body_terms(project) -> list[str]:
    result = build_guide(project.root)
    guideline = result.guide.guidelines["kerahasiaan"]
    return result.links.text(guideline.file.body).terms


def test_second_check_reports_the_same_and_reads_the_cache(project, cache_dir, capsys):
    project.write(GUIDELINE_FILE, GUIDELINE.format(id="kerahasiaan") + "\n" + PHONE_LINE + "\n")
    first = _check(project, capsys)
    assert first[0] == 1 and "nomor telepon" in first[1]
    assert list(cache_dir.glob("*.pickle")), "the first run keeps its results"
    cache._last.clear()  # a new process: only the file on disk is left
    assert _check(project, capsys) == first


def test_an_edit_is_seen_after_a_cached_run(project, cache_dir, capsys):
    path = project.write(GUIDELINE_FILE, GUIDELINE.format(id="kerahasiaan") + "\n" + PHONE_LINE + "\n")
    assert _check(project, capsys)[0] == 1
    path.write_text(GUIDELINE.format(id="kerahasiaan"), encoding="utf-8")
    assert _check(project, capsys)[1].startswith("Beres: 0 galat")
    path.write_text(GUIDELINE.format(id="kerahasiaan") + "\n" + PHONE_LINE + "\n", encoding="utf-8")
    code, err = _check(project, capsys)
    assert code == 1 and f"{GUIDELINE_FILE}:" in err


def test_a_new_glossary_term_is_linked_in_an_unchanged_guideline(project, cache_dir):
    assert "surat-tanda-registrasi" in _body_terms(project)
    assert "lemari-arsip" not in _body_terms(project)
    project.write("glossary/lemari-arsip.yaml", "istilah: Lemari\ndefinisi: Tempat menyimpan berkas klien.\n")
    assert "lemari-arsip" in _body_terms(project)


def test_cache_lives_outside_the_guide(project, cache_dir, capsys):
    before = sorted(p.relative_to(project.root) for p in project.root.rglob("*"))
    assert _check(project, capsys)[0] == 0
    assert sorted(p.relative_to(project.root) for p in project.root.rglob("*")) == before
    assert len(list(cache_dir.glob("*.pickle"))) == 1


def test_a_damaged_cache_file_costs_nothing_but_time(project, cache_dir, capsys):
    project.write(GUIDELINE_FILE, GUIDELINE.format(id="kerahasiaan") + "\n" + PHONE_LINE + "\n")
    expected = _check(project, capsys)
    (file,) = cache_dir.glob("*.pickle")
    file.write_bytes(b"\x80\x05not a pickle at all")
    cache._last.clear()
    assert _check(project, capsys) == expected
    assert cache.Cache(file)._stored, "the damaged file was rewritten whole"


def test_results_of_another_version_of_the_tool_are_not_read(project, cache_dir, capsys, monkeypatch):
    project.write("glossary/surat-tanda-registrasi.yaml", TERM_STR)
    assert _check(project, capsys)[0] == 0
    (file,) = cache_dir.glob("*.pickle")
    monkeypatch.setattr(cache, "code_fingerprint", lambda: b"another version")
    assert not cache.Cache(file)._stored


def test_unchanged_files_are_not_parsed_again(project, cache_dir, monkeypatch):
    build_guide(project.root)
    cache._last.clear()
    parsed: list[str] = []
    real = cache.Cache.memo

    def counting(self, namespace, key, compute):
        def traced():
            parsed.append(namespace)
            return compute()

        return real(self, namespace, key, traced)

    monkeypatch.setattr(cache.Cache, "memo", counting)
    project.write(GUIDELINE_FILE, GUIDELINE.format(id="kerahasiaan") + "\nSatu kalimat baru.\n")
    build_guide(project.root)
    assert parsed.count("sumber") == 1, "only the edited guideline is parsed again"


def test_turned_off_writes_nothing(project, cache_dir, capsys, monkeypatch):
    monkeypatch.setenv("PANDUAN_CACHE", "0")
    assert _check(project, capsys)[0] == 0
    assert not cache_dir.exists() or not list(cache_dir.iterdir())


def test_an_unwritable_cache_folder_does_not_fail_the_check(project, cache_dir, capsys):
    cache_dir.parent.mkdir(parents=True, exist_ok=True)
    cache_dir.write_text("a file where the folder should be", encoding="utf-8")
    assert _check(project, capsys)[1].startswith("Beres: 0 galat")
    assert cache_dir.is_file()


def test_default_folder_is_the_users_cache_not_the_guide(monkeypatch, tmp_path):
    monkeypatch.delenv("PANDUAN_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "panduan"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache.cache_dir() == Path(os.path.expanduser("~")) / ".cache" / "panduan"
