"""`panduan check --since REF`: changes a git ref does not record in `riwayat`, on temp git repos."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from panduan.cli import main
from tests.conftest import GUIDELINE

PATH = "guidelines/etika-klien/kerahasiaan.md"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Penyunting Uji",
    "GIT_AUTHOR_EMAIL": "penyunting@example.org",
    "GIT_COMMITTER_NAME": "Penyunting Uji",
    "GIT_COMMITTER_EMAIL": "penyunting@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}

NEW_ENTRY = """  - versi: '1.1'
    tanggal: 2027-03-01
    perubahan: Langkah pendamping diperjelas.
    alasan: Masukan dari pelatihan.
"""


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(root), *args], check=True, capture_output=True, text=True, env={**os.environ, **GIT_ENV}
    ).stdout


@pytest.fixture
def repo(project):
    git(project.root, "init", "-q", "-b", "main")
    git(project.root, "add", "-A")
    git(project.root, "commit", "-q", "-m", "Edisi pertama")
    return project


def _edit(project, *pairs: tuple[str, str]) -> str:
    path = project.root / PATH
    text = path.read_text()
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text)
    return text


def _since(project, capsys, ref: str = "main") -> tuple[int, list[str], str]:
    code = main(["--root", str(project.root), "check", "--since", ref])
    captured = capsys.readouterr()
    return code, captured.err.splitlines(), captured.err


def _codes(lines: list[str]) -> list[str]:
    return sorted(
        row.rsplit("[", 1)[1].rstrip("]") for row in lines if row.startswith("guidelines/") and row.endswith("]")
    )


def _bump(entry: str = NEW_ENTRY) -> tuple[tuple[str, str], ...]:
    return (
        ('versi: "1.0"', 'versi: "1.1"'),
        ("    alasan: Pedoman baru.\n---", "    alasan: Pedoman baru.\n" + entry + "---"),
    )


def test_unchanged_sources_pass(repo, capsys):
    assert _since(repo, capsys)[0] == 0


def test_changed_guideline_in_force_needs_a_new_entry(repo, capsys):
    text = _edit(
        repo, ("teks: Simpan catatan di lemari terkunci.", "teks: Simpan catatan di lemari besi yang terkunci.")
    )
    code, lines, _ = _since(repo, capsys)
    assert code == 1 and _codes(lines) == ["history-not-updated"]
    row = next(r for r in lines if "[history-not-updated]" in r)
    line = text[: text.index("riwayat:")].count("\n") + 1
    assert row.startswith(f"{PATH}:{line}:1: galat: pedoman `kerahasiaan` berubah sejak `main`")
    assert 'versi: "1.1"' in row  # the hint names the next version


def test_a_new_entry_satisfies_it(repo, capsys):
    _edit(repo, ("teks: Simpan catatan di lemari terkunci.", "teks: Simpan catatan di lemari besi."), *_bump())
    code, lines, _ = _since(repo, capsys)
    assert code == 0, lines


def test_review_date_owner_and_comments_are_not_content(repo, capsys):
    _edit(repo, ("tinjau_ulang: 2027-12-01", "tinjau_ulang: 2028-06-01  # ditinjau, isi tetap"))
    assert _since(repo, capsys)[0] == 0


def test_uncommitted_and_committed_changes_both_count(repo, capsys):
    _edit(repo, ("ringkasan: Simpan data klien dengan aman.", "ringkasan: Simpan data klien dengan rapi."))
    git(repo.root, "commit", "-qam", "Ubah ringkasan")
    assert _codes(_since(repo, capsys, "HEAD~1")[1]) == ["history-not-updated"]


def test_removed_recommendation_must_be_withdrawn(repo, capsys):
    _edit(
        repo,
        ("  - id: R1\n    kekuatan: wajib", "  - id: R2\n    kekuatan: wajib"),
        *_bump(NEW_ENTRY + "    rekomendasi: [R2]\n"),
    )
    code, lines, err = _since(repo, capsys)
    assert code == 1 and _codes(lines) == ["recommendation-removed"]
    assert "kerahasiaan R1" in err and 'sejak: "1.1"' in err


def test_a_recorded_withdrawal_passes(repo, capsys):
    withdrawn = "rekomendasi_dicabut:\n  - id: R1\n    alasan: Digantikan R2.\n    sejak: '1.1'\nriwayat:"
    _edit(
        repo,
        ("  - id: R1\n    kekuatan: wajib", "  - id: R2\n    kekuatan: wajib"),
        ("riwayat:", withdrawn),
        *_bump(NEW_ENTRY + "    rekomendasi: [R1, R2]\n"),
    )
    code, lines, _ = _since(repo, capsys)
    assert code == 0, lines


def test_strength_change_must_be_named(repo, capsys):
    _edit(repo, ("kekuatan: wajib", "kekuatan: dianjurkan"), *_bump())
    code, lines, _ = _since(repo, capsys)
    assert code == 1 and _codes(lines) == ["strength-change-unrecorded"]
    _edit(
        repo, ("    alasan: Masukan dari pelatihan.\n", "    alasan: Masukan dari pelatihan.\n    rekomendasi: [R1]\n")
    )
    assert _since(repo, capsys)[0] == 0


def test_deleting_a_guideline_is_an_error(repo, capsys):
    (repo.root / PATH).unlink()
    code, lines, err = _since(repo, capsys)
    assert code == 1 and _codes(lines) == ["guideline-removed"]
    assert "`dicabut`" in err


def test_drafts_change_freely(repo, capsys):
    _edit(repo, ("status: berlaku", "status: draf"))
    git(repo.root, "commit", "-qam", "Kembali ke draf")
    _edit(repo, ("kekuatan: wajib\n    teks: Jaga kerahasiaan klien.", "kekuatan: dianjurkan\n    teks: Jaga rahasia."))
    assert _since(repo, capsys, "HEAD")[0] == 0


def test_changes_on_the_base_branch_are_not_the_branch_s_own(repo, capsys):
    git(repo.root, "checkout", "-qb", "usulan")
    repo.write(
        "guidelines/etika-klien/baru.md", GUIDELINE.format(id="baru").replace("simpan-catatan", "simpan-catatan-baru")
    )
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "-qm", "Pedoman baru")
    git(repo.root, "checkout", "-q", "main")
    _edit(repo, ("teks: Jaga kerahasiaan klien.", "teks: Jaga kerahasiaan klien setiap saat."), *_bump())
    git(repo.root, "commit", "-qam", "Main: R1 diperjelas")
    git(repo.root, "checkout", "-q", "usulan")
    # From the branch, main's newer R1 is not "removed history": the comparison starts at the merge base.
    assert _since(repo, capsys, "main")[0] == 0


def test_unknown_ref_is_a_usage_error_in_indonesian(repo, capsys):
    code, _, err = _since(repo, capsys, "cabang-tidak-ada")
    assert code == 2 and "ref git `cabang-tidak-ada` tidak ditemukan" in err


def test_not_a_repository(project, capsys):
    code, _, err = _since(project, capsys, "main")
    assert code == 2 and "bukan repositori git" in err


def test_git_missing(repo, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path / "kosong"))
    code, _, err = _since(repo, capsys, "main")
    assert code == 2 and "perintah `git` tidak ditemukan" in err


def test_github_format_annotates_the_line(repo, capsys):
    _edit(repo, ("kekuatan: wajib", "kekuatan: dianjurkan"))
    main(["--root", str(repo.root), "check", "--since", "main", "--format", "github"])
    out = capsys.readouterr().out
    assert (
        "::error file=guidelines/etika-klien/kerahasiaan.md,line=" in out and "title=panduan history-not-updated" in out
    )


def test_training_material_alone_is_not_content(repo, capsys):
    """Adding `latihan` to a guideline in force needs no new `riwayat` entry: its answers rest on
    versioned recommendations, and a trainer's new question does not change the guidance."""
    repo.write(
        "registry/kompetensi.yaml",
        "kompetensi:\n  - id: etika-kerahasiaan\n    nama: Kerahasiaan\n    kelompok: nilai\n    deskripsi: Rahasia.\n",
    )
    case = "## Contoh kasus (fiktif)\n\n(Contoh fiktif) Seorang klien bercerita kepada pendamping.\n"
    _edit(
        repo,
        ("tugas:", "kompetensi: [etika-kerahasiaan]\ntugas:"),
        ("## Mengapa penting\n", case + "\n## Mengapa penting\n"),
    )
    git(repo.root, "commit", "-q", "-am", "Kompetensi dan contoh kasus")
    latihan = (
        "latihan:\n  tujuan:\n    - teks: Peserta mampu menjaga rahasia klien.\n      kompetensi: [etika-kerahasiaan]\n"
        "  diskusi:\n    - Apa yang dijaga sebagai rahasia?\n  soal:\n"
        "    - pertanyaan: Pekerja Sosial menjaga kerahasiaan klien.\n      jawaban: benar\n      dasar: R1\n---\n## Contoh"
    )
    _edit(repo, ("---\n## Contoh", latihan))
    code, lines, _ = _since(repo, capsys, "HEAD")
    assert code == 0, lines
    assert "latihan:" in (repo.root / PATH).read_text()
