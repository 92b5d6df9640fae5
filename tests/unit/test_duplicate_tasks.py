"""Likely duplicate tasks under different ids: the same kind, names alike after the search
analyzer, another responsible or accountable role. Reported as a warning naming both files."""

from __future__ import annotations

from pathlib import Path

from panduan.build import build_guide
from panduan.cli import main
from panduan.present import published, raci_matrix
from panduan.search.duplicates import similar_names
from panduan.search.stemmer import analyze
from tests.conftest import GUIDELINE
from tests.unit.test_regions import OVERLAY, OVERLAY_PATH, with_region

PATH = "guidelines/etika-klien/kerahasiaan.md"
OTHER = "guidelines/etika-klien/lain.md"

# Same kind (pencatatan), a name that reads like "Menyimpan catatan", and another accountable role.
NEAR_DUPLICATE = (
    GUIDELINE.format(id="lain")
    .replace("id: simpan-catatan", "id: penyimpanan-catatan-klien")
    .replace("nama: Menyimpan catatan", "nama: Menyimpan catatan-catatan")
    .replace("penanggung_jawab: pekerja-sosial", "penanggung_jawab: pendamping")
    .replace("pelaksana: [pendamping]", "pelaksana: [pendamping]\n    dikonsultasikan: [pekerja-sosial]")
)


def _check(project, capsys, *extra: str) -> tuple[int, str]:
    code = main(["--root", str(project.root), "check", *extra])
    return code, capsys.readouterr().err


def _line(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_analyzer_makes_word_forms_alike():
    a = frozenset(analyze("Asesmen kebutuhan klien"))
    b = frozenset(analyze("Asesmen kebutuhan klien dan keluarga"))
    assert similar_names(a, b)
    assert not similar_names(frozenset(analyze("Menyimpan catatan")), frozenset(analyze("Merujuk korban")))


def test_planted_near_duplicate_names_both_files(project, capsys):
    project.write(OTHER, NEAR_DUPLICATE)
    code, err = _check(project, capsys)
    assert code == 0  # a warning: it fails only --strict
    original = GUIDELINE.format(id="kerahasiaan")
    assert f"{OTHER}:{_line(NEAR_DUPLICATE, 'nama: Menyimpan catatan-catatan')}:" in err
    assert f"{PATH}:{_line(original, 'nama: Menyimpan catatan')}:11: lokasi terkait" in err
    assert "[possible-duplicate-task]" in err and "`simpan-catatan`" in err
    assert _check(project, capsys, "--strict")[0] == 1


def test_reviewed_not_duplicate_resolves_it(project, capsys):
    resolved = NEAR_DUPLICATE.replace(
        "    dikonsultasikan: [pekerja-sosial]",
        "    dikonsultasikan: [pekerja-sosial]\n    bukan_duplikat_dari:\n      - tugas: simpan-catatan\n"
        "        alasan: Ini catatan pendamping sendiri, bukan berkas kasus.\n        ditelaah: 2026-12-01",
    )
    project.write(OTHER, resolved)
    code, err = _check(project, capsys, "--strict")
    assert code == 0, err


def test_not_duplicate_of_an_unknown_task(project, capsys):
    project.write(
        OTHER,
        NEAR_DUPLICATE.replace(
            "    dikonsultasikan: [pekerja-sosial]",
            "    dikonsultasikan: [pekerja-sosial]\n    bukan_duplikat_dari:\n      - tugas: simpan-catatn\n"
            "        alasan: Berbeda.\n        ditelaah: 2026-12-01",
        ),
    )
    code, err = _check(project, capsys)
    assert code == 1 and "`bukan_duplikat_dari` menyebut tugas `simpan-catatn`" in err


def test_same_kind_and_roles_is_not_reported(project, capsys):
    same = NEAR_DUPLICATE.replace("penanggung_jawab: pendamping", "penanggung_jawab: pekerja-sosial")
    project.write(OTHER, same.replace("    dikonsultasikan: [pekerja-sosial]\n", ""))
    code, err = _check(project, capsys, "--strict")
    assert code == 0, err


def test_overlay_task_against_national_task(project, capsys):
    overlay = OVERLAY.replace("jenis: konteks", "jenis: langkah\nperan: pendamping") + (
        "tugas:\n"
        "  - id: banten-simpan-catatan\n"
        "    nama: Menyimpan catatan\n"
        "    jenis: pencatatan\n"
        "    pelaksana: [relawan]\n"
        "    penanggung_jawab: pendamping\n"
    )
    with_region(project, overlay)
    code, err = _check(project, capsys)
    assert code == 0  # a warning
    assert f"{OVERLAY_PATH}:{_line(overlay, 'nama: Menyimpan catatan')}:" in err
    assert f"{PATH}:" in err and "tambahan wilayah `banten/tokoh-setempat`" in err
    assert "[possible-duplicate-task]" in err


def test_matrix_shows_a_shared_task_once_with_every_guideline(project):
    project.write(OTHER, GUIDELINE.format(id="lain").replace("judul: Menjaga kerahasiaan klien", "judul: Lain"))
    guide = build_guide(project.root).guide
    tables = raci_matrix(guide, published(guide))
    rows = [row for table in tables for row in table.rows if row.task.id == "simpan-catatan"]
    assert len(rows) == 1
    assert [g.id for g in rows[0].users] == ["kerahasiaan", "lain"] and [g.id for g in rows[0].also] == ["lain"]


def test_real_guide_has_no_unresolved_duplicates():
    result = build_guide(Path(__file__).resolve().parents[2])
    assert [d.text() for d in result.report.diagnostics if d.code == "possible-duplicate-task"] == []
