"""Overlap and conflict checks: each planted conflict fails with every involved file and line."""

from __future__ import annotations

from panduan.cli import main
from tests.conftest import GUIDELINE

PATH = "guidelines/etika-klien/kerahasiaan.md"
OTHER = "guidelines/etika-klien/lain.md"


def _check(project, capsys) -> tuple[int, str]:
    code = main(["--root", str(project.root), "check"])
    return code, capsys.readouterr().err


def _line(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_two_accountable_roles(project, capsys):
    text = GUIDELINE.format(id="kerahasiaan").replace(
        "penanggung_jawab: pekerja-sosial", "penanggung_jawab: [pekerja-sosial, pendamping]"
    )
    project.write(PATH, text)
    code, err = _check(project, capsys)
    assert code == 1
    assert f"{PATH}:{_line(text, 'penanggung_jawab: [')}:" in err and "RACI hanya mengizinkan satu" in err


def test_same_task_assigned_differently_names_both_files(project, capsys):
    other = GUIDELINE.format(id="lain").replace("pelaksana: [pendamping]", "pelaksana: [pekerja-sosial]")
    project.write(OTHER, other)
    code, err = _check(project, capsys)
    assert code == 1
    line = _line(other, "  - id: simpan-catatan")
    assert "ditugaskan berbeda di dua pedoman" in err
    assert f"{PATH}:{line}:" in err and f"{OTHER}:{line}:" in err


def test_same_task_assigned_identically_is_fine(project, capsys):
    project.write(OTHER, GUIDELINE.format(id="lain"))
    code, err = _check(project, capsys)
    assert code == 0, err


def test_barred_role_names_task_and_registry(project, capsys):
    text = GUIDELINE.format(id="kerahasiaan").replace("jenis: pencatatan", "jenis: asesmen-profesional")
    project.write(PATH, text)
    code, err = _check(project, capsys)
    assert code == 1
    assert f"{PATH}:{_line(text, 'pelaksana: [pendamping]')}:" in err
    assert "registry/peran.yaml:" in err and "melarang `pendamping`" in err


def test_sub_role_inherits_parent_bar(project, capsys):
    text = (
        GUIDELINE.format(id="kerahasiaan")
        .replace("peran: [pekerja-sosial, pendamping]", "peran: [pekerja-sosial, pendamping, tagana]")
        .replace("jenis: pencatatan", "jenis: asesmen-profesional")
        .replace("pelaksana: [pendamping]", "pelaksana: [tagana]")
    )
    project.write(PATH, text)
    code, err = _check(project, capsys)
    assert code == 1 and "melarang `relawan`" in err


def test_step_without_role(project, capsys):
    text = GUIDELINE.format(id="kerahasiaan").replace("  - peran: pendamping\n    teks:", "  - teks:")
    project.write(PATH, text)
    code, err = _check(project, capsys)
    assert code == 1 and "kolom wajib `langkah[1].peran` tidak ada" in err


def test_handoff_to_unknown_service(project, capsys):
    text = GUIDELINE.format(id="kerahasiaan").replace(
        "---\n## Mengapa",
        "rujukan:\n  - dari: pendamping\n    ke: slrtt\n    jenis: rujuk\n    kapan: Bila perlu.\n---\n## Mengapa",
    )
    project.write(PATH, text)
    code, err = _check(project, capsys)
    assert code == 1
    assert f"{PATH}:{_line(text, 'ke: slrtt')}:" in err and "Maksud Anda `slrt`?" in err


def test_role_without_task_and_unlisted_role_are_warnings(project, capsys):
    text = (
        GUIDELINE.format(id="kerahasiaan")
        .replace("peran: [pekerja-sosial, pendamping]", "peran: [pekerja-sosial, pendamping, relawan]")
        .replace("    penanggung_jawab: pekerja-sosial", "    penanggung_jawab: supervisor")
    )
    project.write(PATH, text)
    code, err = _check(project, capsys)
    assert code == 0
    assert "peringatan: peran `relawan` tercantum di `peran` tetapi tidak mendapat" in err
    assert "peringatan: peran `supervisor` mendapat langkah atau tugas tetapi tidak tercantum" in err
    assert main(["--root", str(project.root), "check", "--strict"]) == 1
