"""Role views of the present layer: practice stages, "Apa tugas saya?" order, "Bandingkan peran",
and the registry fields they rest on (`singkatan`, `tahap`), with their Indonesian diagnostics."""

from __future__ import annotations

import re
import shutil

import pytest

from panduan.build import build_guide
from panduan.cli import main
from panduan.present import (
    binding_recommendations,
    by_stage,
    compare_roles,
    compared_pairs,
    comparison_page,
    role_bars,
    role_stages,
    stage_of,
)
from panduan.render import render_pages
from panduan.render.nav import build_nav
from tests.conftest import REGISTRY_PERAN, REPO

JENIS = """\
jenis_tugas:
  - id: asesmen-profesional
    nama: Asesmen profesional
    deskripsi: Asesmen.
    dasar_hukum: [UU14 Pasal 16 ayat 1]
    tahap: asesmen
  - id: penjangkauan
    nama: Penjangkauan
    deskripsi: Menyapa warga.
    tahap: pendekatan-awal
  - id: pendampingan
    nama: Pendampingan
    deskripsi: Menemani.
    tahap: intervensi
  - id: pencatatan
    nama: Pencatatan
    deskripsi: Catat.
    tahap: sepanjang-layanan
"""

GUIDELINE = """\
---
id: kerja-bersama
judul: Bekerja bersama di desa
ringkasan: Siapa melakukan apa.
topik: etika-klien
peran: [pekerja-sosial, pendamping, relawan, tagana]
status: berlaku
versi: "1.0"
berlaku_sejak: 2026-12-01
tinjau_ulang: 2027-12-01
rekomendasi:
  - id: R1
    kekuatan: dianjurkan
    teks: Bagi tugas dengan jelas.
langkah:
  - peran: pendamping
    teks: Catat kunjungan.
  - peran: relawan
    teks: Sapa warga.
  - peran: tagana
    teks: Dampingi korban.
  - peran: pekerja-sosial
    teks: Lakukan asesmen.
tugas:
  - id: catat
    nama: Mencatat kunjungan
    jenis: pencatatan
    pelaksana: [pendamping]
    penanggung_jawab: pekerja-sosial
    diinformasikan: [tagana]
  - id: dampingi
    nama: Mendampingi korban
    jenis: pendampingan
    pelaksana: [tagana]
    penanggung_jawab: relawan
  - id: asesmen
    nama: Asesmen kebutuhan
    jenis: asesmen-profesional
    pelaksana: [pekerja-sosial]
    penanggung_jawab: pekerja-sosial
    dikonsultasikan: [pendamping]
  - id: sapa
    nama: Menyapa warga
    jenis: penjangkauan
    pelaksana: [relawan, pendamping]
    penanggung_jawab: pekerja-sosial
rujukan:
  - dari: tagana
    ke: pendamping
    jenis: lapor
    kapan: Bila korban butuh pendampingan lanjutan.
  - dari: pendamping
    ke: relawan
    jenis: konsultasi
    kapan: Bila warga belum dikenal.
  - dari: pendamping
    ke: pekerja-sosial
    jenis: rujuk
    kapan: Bila perlu asesmen.
riwayat:
  - versi: '1.0'
    tanggal: 2026-12-01
    perubahan: Edisi pertama.
    alasan: Pedoman baru.
---
## Isi

Bekerja bersama.
"""


@pytest.fixture
def staged(project):
    """The fixture project with practice stages, task kinds in stages, and one shared guideline."""
    shutil.copy(REPO / "registry" / "tahap-praktik.yaml", project.root / "registry" / "tahap-praktik.yaml")
    project.write("registry/jenis-tugas.yaml", JENIS)
    project.write(
        "registry/peran.yaml",
        REGISTRY_PERAN.replace("    nama: Pendamping\n", "    nama: Pendamping\n    singkatan: Pdp\n"),
    )
    project.write("guidelines/etika-klien/kerja-bersama.md", GUIDELINE)
    return project


@pytest.fixture
def result(staged):
    built = build_guide(staged.root)
    assert built.ok, [d.text() for d in built.report.errors]
    return built


def _task_ids(items) -> list[str]:
    return [item.task.id for item in items]


# --------------------------------------------------------------------------- stages


def test_stage_comes_from_the_task_kind_then_the_topic(result, staged):
    guide = result.guide
    g = guide.guidelines["kerja-bersama"]
    tasks = {t.id: t for t in g.tugas}
    assert stage_of(guide, g, tasks["sapa"]) == "pendekatan-awal"
    assert stage_of(guide, g, tasks["asesmen"]) == "asesmen"
    kindless = tasks["sapa"].model_copy(update={"jenis": None})
    assert stage_of(guide, g, kindless) == ""  # topic etika-klien has no stage
    guide.topics["etika-klien"].tahap = "sepanjang-layanan"
    assert stage_of(guide, g, kindless) == "sepanjang-layanan"


def test_role_tasks_follow_the_stages_and_put_r_before_a_before_c_and_i(result):
    groups = role_stages(result, "pekerja-sosial")
    assert [g.stage.id for g in groups] == ["pendekatan-awal", "asesmen", "sepanjang-layanan"]
    # Within a stage: R, then A, then C/I; the registry order of stages, not the guideline's.
    groups = role_stages(result, "pendamping")
    assert [(g.stage.id, _task_ids(g.tasks)) for g in groups] == [
        ("pendekatan-awal", ["sapa"]),
        ("asesmen", ["asesmen"]),
        ("sepanjang-layanan", ["simpan-catatan", "catat"]),  # both R: guide order
    ]
    assert groups[1].tasks[0].doing == "dimintai pendapat"
    # A sub-role's task shows on the parent's page, with the sub-role named.
    relawan = {t.task.id: t for g in role_stages(result, "relawan") for t in g.tasks}
    assert relawan["dampingi"].letters == "R/A" and relawan["dampingi"].as_roles == ["tagana"]


def test_by_stage_sorts_a_stage_by_the_strongest_letter(result):
    guide = result.guide
    lines = [t for g in role_stages(result, "pekerja-sosial") for t in g.tasks]
    shuffled = list(reversed(lines))
    for line, letters in zip(shuffled, ["I", "C", "A", "R"], strict=False):
        line.letters, line.stage = letters, "asesmen"
    (group,) = by_stage(guide, shuffled)
    assert [t.letters for t in group.tasks] == sorted([t.letters for t in shuffled], key="RACI".index)


# --------------------------------------------------------------------------- comparison


def test_compare_roles_shared_only_and_handoffs(result):
    cmp = compare_roles(result, "pendamping", "relawan")
    shared = {t.task.id: (t.letters, t.other) for t in cmp.shared}
    assert shared == {"sapa": ("R", "R"), "catat": ("R", "I")}
    assert [t.stage for t in cmp.shared] == ["pendekatan-awal", "sepanjang-layanan"]  # by stage
    assert {t.task.id: t.letters for t in cmp.only_a} == {"asesmen": "C", "simpan-catatan": "R"}
    assert {t.task.id: t.letters for t in cmp.only_b} == {"dampingi": "R/A"}
    sapa = next(t for t in cmp.shared if t.task.id == "sapa")
    assert sapa.responsible == ["relawan", "pendamping"] and sapa.accountable == ["pekerja-sosial"]
    assert [(h.source.id, h.target.id, h.verb) for h in cmp.a_to_b] == [("pendamping", "relawan", "Konsultasikan")]
    assert [(h.source.id, h.target.id, h.verb) for h in cmp.b_to_a] == [("tagana", "pendamping", "Laporkan")]
    assert [b.kind for b in cmp.a.bars] == ["asesmen-profesional"]
    assert cmp.a.bars[0].basis == ["UU14 Pasal 16 ayat 1"]
    assert cmp.b.family == ["relawan", "tagana"]


def test_compare_a_role_with_its_sub_role_keeps_them_apart(result):
    cmp = compare_roles(result, "relawan", "tagana")
    assert cmp.a.family == ["relawan"] and cmp.b.family == ["tagana"]
    assert {t.task.id: (t.letters, t.other) for t in cmp.shared} == {"dampingi": ("A", "R")}
    # A sub-role inherits its parent's bars, and says whose bar it is.
    assert [(b.kind, b.by) for b in role_bars(result.guide, "tagana")] == [("asesmen-profesional", "relawan")]


def test_compared_pairs_and_their_pages(result):
    guide = result.guide
    pairs = compared_pairs(guide)
    assert ("pendamping", "relawan") in pairs and all(guide.roles[r].induk == "" for p in pairs for r in p)
    assert len(pairs) == 6  # four top-level roles in the fixture
    assert comparison_page(guide, "pendamping", "relawan") == "peran/bandingkan/index.md"
    assert comparison_page(guide, "pekerja-sosial", "relawan") == "peran/bandingkan/pekerja-sosial-dan-relawan.md"


# --------------------------------------------------------------------------- rendered pages


@pytest.fixture
def pages(result):
    return {p.path: p for p in render_pages(result)}


def test_role_page_order_a_worker_needs(pages):
    text = pages["peran/pendamping.md"].content
    headings = re.findall(r"^##+ (.+)$", text, re.MULTILINE)
    order = [
        "Yang tidak boleh dilakukan",
        "Kapan saya menyerahkan, dan kepada siapa?",
        "Apa tugas saya?",
        "Pendekatan awal",
        "Asesmen",
        "Sepanjang layanan",
        "Aturan yang mengikat peran ini",
        "Pedoman untuk peran ini",
    ]
    assert [h for h in headings if h in order] == order
    assert "- Ke **[Relawan Sosial](relawan.md)**:" in text
    assert "    - **Konsultasikan** — Bila warga belum dikenal." in text


def test_comparison_pages_and_navigation(pages, result):
    index = pages["peran/bandingkan/index.md"]
    assert index.in_nav and index.content.startswith("# Bandingkan peran: Pendamping dan Relawan Sosial")
    other = pages["peran/bandingkan/pekerja-sosial-dan-relawan.md"]
    assert not other.in_nav
    assert other.meta == {"search": {"exclude": True}} and "search" not in index.meta  # one comparison searched
    # Every other pair is linked, with the id the switcher looks for; the current pair is not.
    assert (
        "[Pekerja Sosial dan Relawan Sosial](pekerja-sosial-dan-relawan.md){: #pasangan-pekerja-sosial--relawan }"
        in (index.content)
    )
    assert "#pasangan-pendamping--relawan" not in index.content
    assert "[Pendamping dan Relawan Sosial](index.md){: #pasangan-pendamping--relawan }" in other.content
    role_nav = next(item for item in build_nav(list(pages.values()), result) if item.title == "Peran dan Tugas")
    paths = [child.path for child in role_nav.children]
    assert "peran/bandingkan/index.md" in paths and "peran/bandingkan/pekerja-sosial-dan-relawan.md" not in paths


def test_matrix_page_is_one_light_table_with_short_headers(pages):
    text = pages["peran/matriks.md"].content
    assert text.count("<table") == 1 and text.count('class="pp-group ') == 1
    assert (
        '<th scope="col" class="pp-col pp-col--pendamping" title="Pendamping" aria-label="Pendamping" tabindex="0">Pdp</th>'
        in text
    )
    assert "<dt>Pdp</dt><dd>Pendamping</dd>" in text
    # Empty cells carry nothing; filled ones the role's name for the phone cards.
    assert "<td></td>" in text and '<td data-label="Pendamping">R</td>' in text
    assert 'data-label="Supervisor"></td>' not in text
    assert 'class="pp-tahap--pendekatan-awal"' in text
    assert pages["peran/matriks.md"].meta == {"hide": ["toc"]}


# --------------------------------------------------------------------------- diagnostics


def _check(project, capsys) -> tuple[int, str]:
    code = main(["--root", str(project.root), "check", "--strict"])
    return code, capsys.readouterr().err


def test_abbreviation_too_long_or_shared(staged, capsys):
    text = REGISTRY_PERAN.replace(
        "    nama: Pendamping\n", "    nama: Pendamping\n    singkatan: Pendamping Sosial Desa\n"
    )
    text = text.replace("    nama: Relawan Sosial\n", "    nama: Relawan Sosial\n    singkatan: PEKSOS\n")
    text = text.replace("    nama: Pekerja Sosial\n", "    nama: Pekerja Sosial\n    singkatan: Peksos\n")
    staged.write("registry/peran.yaml", text)
    code, err = _check(staged, capsys)
    assert code == 1
    line = text[: text.index("singkatan: Pendamping")].count("\n") + 1
    assert f"registry/peran.yaml:{line}:" in err and "lebih dari 12 huruf" in err
    assert "`singkatan` `PEKSOS` dipakai oleh peran `pekerja-sosial` dan `relawan`" in err


def test_unknown_stage_and_kind_without_stage(staged, capsys):
    text = JENIS.replace("tahap: intervensi", "tahap: intervensii").replace("    tahap: pendekatan-awal\n", "")
    staged.write("registry/jenis-tugas.yaml", text)
    code, err = _check(staged, capsys)
    assert code == 1
    line = text[: text.index("tahap: intervensii")].count("\n") + 1
    assert f"registry/jenis-tugas.yaml:{line}:" in err and "tahap `intervensii` tidak dikenal" in err
    assert "Maksud Anda `intervensi`?" in err
    assert "jenis tugas `penjangkauan` belum punya `tahap`" in err


def test_binding_recommendations_are_the_roles_own_or_its_parents(result):
    guide = result.guide
    assert [(g.id, [r.id for r in recs]) for g, recs in binding_recommendations(guide, "pekerja-sosial")] == [
        ("kerahasiaan", ["R1"])
    ]
    assert binding_recommendations(guide, "pendamping") == []  # R1 is for pekerja-sosial only
    g = guide.guidelines["kerja-bersama"]
    duty = g.rekomendasi[0].model_copy(update={"id": "R2", "kekuatan": "wajib", "untuk": ["relawan"]})
    g.rekomendasi.append(duty)
    # A parent's duty binds its sub-role; a sub-role's duty is not the parent's.
    assert [r.id for _, recs in binding_recommendations(guide, "tagana") for r in recs] == ["R2"]
    duty.untuk = ["tagana"]
    assert [r.id for _, recs in binding_recommendations(guide, "relawan") for r in recs] == []
    assert [r.id for _, recs in binding_recommendations(guide, "tagana") for r in recs] == ["R2"]
