"""Situations ("Dalam situasi ini"): editors point at guideline steps and handoffs; every broken
pointer is one Indonesian `path:line:col` error, and the pages show only what the guidelines say."""

from __future__ import annotations

import pytest

from panduan.build import build_guide
from panduan.cli import main
from panduan.render import render_pages
from tests.conftest import GUIDELINE

SITUASI = "registry/situasi.yaml"
HANDOFF = """rujukan:
  - dari: pendamping
    ke: slrt
    jenis: rujuk
    kapan: Bila keluarga perlu bantuan sosial lain.
tugas:"""

VALID = """\
situasi:
  - id: data-diminta
    judul: Ada yang meminta data klien
    ringkasan: Seseorang meminta catatan klien.
    langkah_pertama:
      - peran: pendamping
        pedoman: kerahasiaan
        langkah: [1]
        rujukan_ke: [slrt]
      - peran: pekerja-sosial
        pedoman: kerahasiaan
        langkah: [2]
"""


@pytest.fixture
def situated(project):
    """The fixture project with a handoff in its guideline and one valid situation."""
    project.write(
        "guidelines/etika-klien/kerahasiaan.md", GUIDELINE.format(id="kerahasiaan").replace("tugas:", HANDOFF)
    )
    project.write(SITUASI, VALID)
    return project


def _check(project, capsys) -> tuple[int, str]:
    code = main(["--root", str(project.root), "check"])
    return code, capsys.readouterr().err


def _line(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_valid_situation_passes(situated, capsys):
    code, err = _check(situated, capsys)
    assert code == 0, err


BROKEN = [
    # (replace this, with this, the line to point at, words of the message, words of the hint)
    ("pedoman: kerahasiaan\n        langkah: [2]", "pedoman: kerahasian\n        langkah: [2]",
     "pedoman: kerahasian", "pedoman `kerahasian` tidak dikenal", "Maksud Anda `kerahasiaan`?"),
    ("langkah: [2]", "langkah: [5]", "langkah: [5]", "hanya punya 2 langkah; langkah 5 tidak ada",
     "Langkah pedoman `kerahasiaan` untuk peran ini: 2."),
    ("langkah: [1]", "langkah: [2]", "langkah: [2]\n        rujukan_ke",
     "langkah 2 pedoman `kerahasiaan` ditulis untuk peran `pekerja-sosial`, bukan untuk `pendamping`", ": 1."),
    ("rujukan_ke: [slrt]", "rujukan_ke: [srlt]", "rujukan_ke", "tidak memuat rujukan dari `pendamping` ke `srlt`",
     "Maksud Anda `slrt`?"),
    ("peran: pekerja-sosial\n", "peran: pekerja-sosiall\n", "peran: pekerja-sosiall", "peran `pekerja-sosiall`",
     "Maksud Anda `pekerja-sosial`?"),
    ("        langkah: [2]\n", "", "- peran: pekerja-sosial", "tidak menunjuk langkah maupun rujukan", "Isi `langkah`"),
    ("langkah: [2]", "langkah: [2, 2]", "langkah: [2, 2]", "langkah 2 ditulis dua kali", "Hapus salah satunya."),
    ("langkah: [2]", "langkah: [0]", "langkah: [0]", "`situasi[1].langkah_pertama[2].langkah[1]`", ""),
]  # fmt: skip


@pytest.mark.parametrize("old,new,at,message,hint", BROKEN, ids=lambda v: None)
def test_broken_pointer_is_one_located_error(situated, capsys, old, new, at, message, hint):
    text = VALID.replace(old, new, 1)
    assert text != VALID
    situated.write(SITUASI, text)
    code, err = _check(situated, capsys)
    assert code == 1
    problems = [line for line in err.splitlines() if line.startswith(f"{SITUASI}:")]
    assert len(problems) == 1, err
    assert problems[0].startswith(f"{SITUASI}:{_line(text, at)}:"), err
    assert message in err and hint in err


@pytest.mark.parametrize("status,word", [("dicabut", "sudah dicabut"), ("draf", "masih draf")])
def test_guideline_not_in_force_cannot_be_pointed_at(situated, capsys, status, word):
    path = situated.root / "guidelines/etika-klien/kerahasiaan.md"
    path.write_text(path.read_text().replace("status: berlaku", f"status: {status}"))
    code, err = _check(situated, capsys)
    assert code == 1
    assert f"pedoman `kerahasiaan` {word}" in err
    assert f"{SITUASI}:{_line(VALID, 'pedoman: kerahasiaan')}:" in err
    assert "guidelines/etika-klien/kerahasiaan.md:7:" in err  # the guideline's `status`, named too


def _pages(project) -> dict[str, str]:
    result = build_guide(project.root)
    assert result.ok, [d.message for d in result.report.errors]
    return {p.path: p.content for p in render_pages(result)}


def test_situation_page_draws_steps_and_handoffs_from_the_guideline(situated):
    pages = _pages(situated)
    page = pages["situasi/data-diminta.md"]
    # The guideline's own words, linked to the numbered step on the guideline page.
    assert "Simpan catatan di lemari terkunci." in page
    assert "(../etika-klien/kerahasiaan.md#langkah-1)" in page
    assert "Periksa catatan setiap bulan." in page and "#langkah-2)" in page
    assert "**Rujuk** ke **SLRT**: Bila keluarga perlu bantuan sosial lain." in page
    # Roles appear in registry order, each with an anchor the jump list points at.
    assert page.index("## Pekerja Sosial {: #peran-pekerja-sosial }") < page.index(
        "## Pendamping {: #peran-pendamping }"
    )
    assert "[Pendamping](#peran-pendamping)" in page
    assert "Ada yang meminta data klien" in pages["situasi/index.md"]
    assert "[Ada yang meminta data klien](situasi/data-diminta.md)" in pages["index.md"]
    assert "## Dalam situasi ini" in pages["index.md"]


def test_role_without_steps_is_told_so_not_given_invented_advice(situated):
    situated.write(
        SITUASI,
        VALID.replace("      - peran: pekerja-sosial\n        pedoman: kerahasiaan\n        langkah: [2]\n", ""),
    )
    page = _pages(situated)["situasi/data-diminta.md"]
    section = page.split("## Pekerja Sosial", 1)[1].split("\n## ", 1)[0]
    assert "Pedoman belum memuat langkah pertama maupun rujukan untuk Pekerja Sosial dalam situasi ini." in section
    assert "Periksa catatan" not in section
    assert "**Pedoman lengkap:** [Menjaga kerahasiaan klien](../etika-klien/kerahasiaan.md)" in section


def test_no_situations_file_means_no_situation_pages(project):
    pages = _pages(project)
    assert not [p for p in pages if p.startswith("situasi/")]
    assert "Dalam situasi ini" not in pages["index.md"]
