"""`panduan changes --since <edisi|tanggal|ref git>`: what changed, in words a trainer can read out."""

from __future__ import annotations

from panduan.cli import main
from tests.unit.test_since import git

PATH = "guidelines/etika-klien/kerahasiaan.md"
EDITIONS = """\
edisi:
  - id: '2026.1'
    tanggal: 2026-12-01
    catatan: Edisi pertama.
"""
SECOND = """  - versi: '1.1'
    tanggal: 2027-03-01
    perubahan: R1 diperjelas.
    alasan: Masukan dari pelatihan di Lebak.
    rekomendasi: [R1]
"""


def _second_entry(project) -> None:
    path = project.root / PATH
    text = path.read_text().replace('versi: "1.0"', 'versi: "1.1"')
    text = text.replace("    alasan: Pedoman baru.\n---", "    alasan: Pedoman baru.\n" + SECOND + "---")
    text = text.replace("teks: Jaga kerahasiaan klien.", "teks: Jaga kerahasiaan klien [[UU14 Pasal 42 huruf c]].")
    path.write_text(text)


def _changes(project, capsys, since: str, *extra: str) -> tuple[int, str, str]:
    code = main(["--root", str(project.root), "changes", "--since", since, *extra])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_since_an_edition_lists_what_came_after_it(project, capsys):
    project.write("registry/edisi.yaml", EDITIONS)
    _second_entry(project)
    code, out, _ = _changes(project, capsys, "2026.1")
    assert code == 0
    assert out.splitlines()[0] == "Perubahan sejak edisi 2026.1 (1 Desember 2026): 1 perubahan pada 1 pedoman."
    assert "== 1 Maret 2027 ==" in out and "* Menjaga kerahasiaan klien, versi 1.1" in out
    assert "Alasan: Masukan dari pelatihan di Lebak." in out
    assert "R1 [Wajib]: Jaga kerahasiaan klien UU14 Pasal 42 huruf c." in out  # the current wording, citation as text
    assert "versi 1.0" not in out  # the edition already held it


def test_since_a_date_includes_that_day(project, capsys):
    _second_entry(project)
    code, out, _ = _changes(project, capsys, "2026-12-01", "--site-url", "https://contoh.example.org/panduan/")
    assert code == 0 and "2 perubahan pada 1 pedoman" in out
    assert "versi 1.0 (pedoman baru)" in out
    assert "https://contoh.example.org/panduan/etika-klien/kerahasiaan/" in out


def test_since_a_git_ref_lists_entries_the_ref_did_not_hold(project, capsys):
    git(project.root, "init", "-q", "-b", "main")
    git(project.root, "add", "-A")
    git(project.root, "commit", "-qm", "Edisi pertama")
    _second_entry(project)
    code, out, _ = _changes(project, capsys, "main")
    assert code == 0 and out.startswith("Perubahan sejak `main`: 1 perubahan pada 1 pedoman.")


def test_nothing_changed(project, capsys):
    code, out, _ = _changes(project, capsys, "2030-01-01")
    assert code == 0 and out == "Tidak ada perubahan isi pedoman sejak 1 Januari 2030.\n"


def test_unknown_since_is_explained(project, capsys):
    project.write("registry/edisi.yaml", EDITIONS)
    code, _, err = _changes(project, capsys, "2026.2")
    assert code == 2 and "`2026.2` bukan edisi (yang dikenal: 2026.1)" in err and "bukan repositori git" in err
    code, _, err = _changes(project, capsys, "2026-02-30")
    assert code == 2 and "bukan tanggal yang ada" in err


def test_edition_command(project, capsys):
    assert main(["--root", str(project.root), "edisi"]) == 1  # none recorded
    project.write("registry/edisi.yaml", EDITIONS)
    capsys.readouterr()
    assert main(["--root", str(project.root), "edisi"]) == 0
    assert capsys.readouterr().out == "2026.1\n"
