"""Regional adaptation: the region registry, regional services and overlays, each rule with a
planted mistake that `panduan check` reports at the editor's line, naming both files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from panduan.build import build_guide
from panduan.cli import main
from panduan.regional_checks import overlay_review_diagnostics
from tests.conftest import REGISTRY_TIM

GUIDELINE_PATH = "guidelines/etika-klien/kerahasiaan.md"
OVERLAY_PATH = "wilayah/banten/tokoh.yaml"

REGISTRY_WILAYAH = """\
wilayah:
  - id: banten
    nama: Provinsi Banten
    kode: "36"
    mitra: Dinas Sosial Provinsi Banten
    tim: tim-wilayah-banten
    kabupaten_kota:
      - {kode: "36.02", nama: Kabupaten Lebak, jenis: kabupaten}
      - {kode: "36.73", nama: Kota Serang, jenis: kota}
"""

TEAM_BANTEN = """\
  - id: tim-wilayah-banten
    nama: Tim Penyunting Wilayah Banten
    tugas: Menelaah tambahan wilayah Banten.
"""

SERVICES = """\
layanan:
  - id: dinsos-banten
    nama: Dinas Sosial Provinsi Banten
    deskripsi: Dinas sosial tingkat provinsi.
    sumber: [https://dinsos.bantenprov.go.id]
"""

OVERLAY = """\
id: tokoh-setempat
wilayah: banten
jenis: konteks
sasaran:
  pedoman: kerahasiaan
judul: Tokoh setempat tidak berhak atas isi kasus
teks: Kyai dan tokoh adat berpengaruh, tetapi pengaruh itu tidak membuka kerahasiaan klien.
cakupan: ["36.02"]
penelaah: tim-wilayah-banten
ditelaah: 2026-12-01
tinjau_ulang: 2027-12-01
versi: "1.0"
riwayat:
  - versi: "1.0"
    tanggal: 2026-12-01
    perubahan: Tambahan pertama.
    alasan: Kearifan lokal Banten.
"""


def with_region(project, overlay: str = OVERLAY) -> None:
    project.write("registry/tim-penyunting.yaml", REGISTRY_TIM + TEAM_BANTEN)
    project.write("registry/wilayah.yaml", REGISTRY_WILAYAH)
    project.write("wilayah/banten/layanan.yaml", SERVICES)
    project.write(OVERLAY_PATH, overlay)
    text = (project.root / GUIDELINE_PATH).read_text(encoding="utf-8")
    project.write(
        GUIDELINE_PATH,
        text.replace("dasar_hukum: [UU14 Pasal 42]\n", "dasar_hukum: [UU14 Pasal 42]\npemilik: tim-etika\n"),
    )


def _check(project, capsys) -> tuple[int, str]:
    code = main(["--root", str(project.root), "check"])
    return code, capsys.readouterr().err


def _line(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_valid_overlay_passes_and_loads(project, capsys):
    with_region(project)
    code, err = _check(project, capsys)
    assert code == 0, err
    guide = build_guide(project.root).guide
    assert [o.id for o in guide.overlays_on("kerahasiaan")] == ["tokoh-setempat"]
    assert guide.regions["banten"].kabupaten_kota[1].nama == "Kota Serang"


def test_overlay_on_wajib_with_anything_but_context_names_both_files(project, capsys):
    overlay = OVERLAY.replace("jenis: konteks", "jenis: layanan\nlayanan: [dinsos-banten]").replace(
        "  pedoman: kerahasiaan", "  pedoman: kerahasiaan\n  rekomendasi: R1"
    )
    with_region(project, overlay)
    code, err = _check(project, capsys)
    assert code == 1
    guideline = (project.root / GUIDELINE_PATH).read_text(encoding="utf-8")
    assert f"{OVERLAY_PATH}:{_line(overlay, 'jenis: layanan')}:" in err
    assert f"{GUIDELINE_PATH}:{_line(guideline, 'kekuatan: wajib')}:" in err
    assert "rekomendasi `wajib`" in err and "[overlay-weakens-obligation]" in err


def test_adapted_wording_on_wajib_fails_too(project, capsys):
    overlay = OVERLAY.replace("jenis: konteks", "jenis: ubah-langkah").replace(
        "  pedoman: kerahasiaan", "  pedoman: kerahasiaan\n  rekomendasi: R1"
    )
    with_region(project, overlay)
    code, err = _check(project, capsys)
    assert code == 1 and "[overlay-weakens-obligation]" in err


def test_context_on_wajib_is_allowed(project, capsys):
    overlay = OVERLAY.replace("  pedoman: kerahasiaan", "  pedoman: kerahasiaan\n  rekomendasi: R1")
    with_region(project, overlay)
    code, err = _check(project, capsys)
    assert code == 0, err


def test_unknown_guideline_target(project, capsys):
    overlay = OVERLAY.replace("pedoman: kerahasiaan", "pedoman: kerahasian")
    with_region(project, overlay)
    code, err = _check(project, capsys)
    assert code == 1
    assert f"{OVERLAY_PATH}:{_line(overlay, 'pedoman: kerahasian')}:" in err
    assert "Maksud Anda `kerahasiaan`?" in err and "[unknown-overlay-target]" in err


def test_unknown_recommendation_names_both_files(project, capsys):
    overlay = OVERLAY.replace("  pedoman: kerahasiaan", "  pedoman: kerahasiaan\n  rekomendasi: R9")
    with_region(project, overlay)
    code, err = _check(project, capsys)
    assert code == 1
    assert f"{OVERLAY_PATH}:{_line(overlay, 'rekomendasi: R9')}:" in err
    assert f"{GUIDELINE_PATH}:" in err and "[unknown-overlay-target]" in err


def test_step_out_of_range_names_both_files(project, capsys):
    overlay = OVERLAY.replace("  pedoman: kerahasiaan", "  pedoman: kerahasiaan\n  langkah: 7")
    with_region(project, overlay)
    code, err = _check(project, capsys)
    assert code == 1
    assert f"{OVERLAY_PATH}:{_line(overlay, 'langkah: 7')}:" in err and f"{GUIDELINE_PATH}:" in err
    assert "hanya punya 2 langkah" in err


def test_regional_regulation_not_in_law_fails(project, capsys):
    overlay = OVERLAY.replace(
        "teks: Kyai", "teks: Hak ulayat dilindungi Perda Kabupaten Lebak Nomor 32 Tahun 2001. Kyai"
    )
    with_region(project, overlay)
    code, err = _check(project, capsys)
    assert code == 1
    assert f"{OVERLAY_PATH}:{_line(overlay, 'teks:')}:" in err and "  law/: lokasi terkait" in err
    assert "Perda Kabupaten Lebak Nomor 32 Tahun 2001" in err and "[overlay-unknown-regulation]" in err


def test_regional_regulation_in_dasar_hukum_not_in_law_fails(project, capsys):
    overlay = OVERLAY.replace("penelaah:", "dasar_hukum: [Pergub Banten 23/2023 Pasal 1]\npenelaah:")
    with_region(project, overlay)
    code, err = _check(project, capsys)
    assert code == 1
    assert f"{OVERLAY_PATH}:{_line(overlay, 'dasar_hukum:')}:" in err and "[overlay-unknown-regulation]" in err
    assert err.count("[overlay-unknown-regulation]") == 1 and "[invalid-citation]" not in err


PERDA = """\
kode: Perda Lebak 32/2001
jenis: Peraturan Daerah Kabupaten Lebak
nomor: "32"
tahun: "2001"
judul: Perlindungan atas Hak Ulayat Masyarakat Baduy
singkatan: Perda Lebak 32/2001
tautan_resmi: https://jdih.lebakkab.go.id/
sumber:
  repo: contoh/peraturan-daerah
  berkas: lebak/2001/32.md
  commit: 0123456
  diperiksa: 2026-12-01
struktur: belum-diverifikasi
pasal:
  - nomor: "1"
    ringkasan: Ketentuan umum.
"""


def test_regional_regulation_in_law_passes(project, capsys):
    overlay = OVERLAY.replace("teks: Kyai", "teks: Hak ulayat dilindungi Perda Lebak 32/2001. Kyai")
    with_region(project, overlay)
    project.write("law/perda-lebak-2001-32.yaml", PERDA)
    code, err = _check(project, capsys)
    assert "[overlay-unknown-regulation]" not in err
    assert code == 0, err


def test_unknown_regional_service_names_the_services_registry(project, capsys):
    overlay = OVERLAY.replace("jenis: konteks", "jenis: layanan\nlayanan: [dinsos-bantn]")
    with_region(project, overlay)
    code, err = _check(project, capsys)
    assert code == 1
    assert (
        f"{OVERLAY_PATH}:{_line(overlay, 'layanan: [')}:" in err
        and "wilayah/banten/layanan.yaml:1:1: lokasi terkait" in err
    )
    assert "Maksud Anda `dinsos-banten`?" in err


def test_kind_rules(project, capsys):
    overlay = OVERLAY.replace("jenis: konteks", "jenis: ubah-langkah")
    with_region(project, overlay)
    code, err = _check(project, capsys)
    assert code == 1 and "`sasaran.langkah` tidak diisi" in err
    project.write(OVERLAY_PATH, OVERLAY.replace("jenis: konteks", "jenis: langkah"))
    code, err = _check(project, capsys)
    assert code == 1 and "`peran` tidak diisi" in err


def test_region_codes_are_checked(project, capsys):
    with_region(project)
    bad = REGISTRY_WILAYAH.replace(
        '"36.73", nama: Kota Serang, jenis: kota', '"36.73", nama: Kota Serang, jenis: kabupaten'
    )
    bad = bad.replace('"36.02"', '"32.02"')
    project.write("registry/wilayah.yaml", bad)
    code, err = _check(project, capsys)
    assert code == 1
    assert "tidak diawali kode provinsi `36`" in err and "adalah kode kota menurut Kemendagri" in err


def test_region_team_and_folder_must_be_known(project, capsys):
    with_region(project)
    project.write("registry/wilayah.yaml", REGISTRY_WILAYAH.replace("tim: tim-wilayah-banten", "tim: tim-banten"))
    project.write("wilayah/papua/catatan.yaml", OVERLAY.replace("wilayah: banten", "wilayah: papua"))
    code, err = _check(project, capsys)
    assert code == 1
    assert "registry/wilayah.yaml:" in err and "tim penyunting `tim-banten` tidak dikenal" in err
    assert "wilayah/papua/: galat: folder `wilayah/papua/`" in err


def test_overlay_in_another_regions_folder(project, capsys):
    with_region(project, OVERLAY.replace("wilayah: banten", "wilayah: jabar"))
    code, err = _check(project, capsys)
    assert code == 1 and "[overlay-wrong-folder]" in err


def test_overlay_history_and_version(project, capsys):
    with_region(project, OVERLAY.replace('versi: "1.0"\nriwayat', 'versi: "1.1"\nriwayat'))
    code, err = _check(project, capsys)
    assert code == 1 and "[history-version]" in err


def test_overlay_review_overdue_is_a_notice(project, capsys):
    with_region(project)
    guide = build_guide(project.root).guide
    assert overlay_review_diagnostics(guide, dt.date(2027, 6, 1)) == []
    late = overlay_review_diagnostics(guide, dt.date(2028, 1, 1))
    assert [d.code for d in late] == ["review-overdue"]
    assert late[0].primary.path == OVERLAY_PATH and "Tim Penyunting Wilayah Banten" in late[0].message
    code = main(["--root", str(project.root), "check", "--strict-review"])
    assert code == 0  # the fixture's dates are in the future; the CLI wiring is exercised


def test_catatan_lokal_is_a_deprecated_alias(project, capsys):
    with_region(project)
    text = (project.root / GUIDELINE_PATH).read_text(encoding="utf-8")
    text = text.replace("riwayat:\n", "catatan_lokal:\n  - wilayah: Banten\n    teks: Catatan lama.\nriwayat:\n", 1)
    project.write(GUIDELINE_PATH, text)
    code, err = _check(project, capsys)
    assert code == 0, err
    assert f"{GUIDELINE_PATH}:{_line(text, 'catatan_lokal:')}:" in err and "[deprecated-field]" in err
    assert main(["--root", str(project.root), "check", "--strict"]) == 1


def test_real_guide_regions_are_clean():
    """The shipped guide: Banten's 4 kabupaten and 4 kota, the migrated notes, no warning."""
    result = build_guide(Path(__file__).resolve().parents[2])
    banten = result.guide.regions["banten"]
    codes = {d.kode: d.nama for d in banten.kabupaten_kota}
    assert codes["36.02"] == "Kabupaten Lebak" and codes["36.04"] == "Kabupaten Serang"
    assert sorted(codes) == ["36.01", "36.02", "36.03", "36.04", "36.71", "36.72", "36.73", "36.74"]
    assert not any(g.catatan_lokal for g in result.guide.guidelines.values())
    kinds = {o.jenis for o in result.guide.overlays}
    assert len(result.guide.overlays) >= 8 and kinds == {"konteks", "layanan", "langkah", "ubah-langkah"}
    assert result.report.diagnostics == []


def test_review_dashboard_lists_overlays_due(project):
    from panduan.render import render_pages

    with_region(project)
    result = build_guide(project.root)
    page = next(p for p in render_pages(result, today=dt.date(2028, 1, 1)) if p.path == "tinjauan.md")
    section = page.content[page.content.index("## Tambahan wilayah") : page.content.index("## Tim penyunting")]
    assert (
        "[Provinsi Banten: Tokoh setempat tidak berhak atas isi kasus](wilayah/banten.md#wilayah-banten-tokoh-setempat)"
        in section
    )
    assert "| Tim Penyunting Wilayah Banten | 1 Desember 2027 | lewat 31 hari |" in section
    assert (
        "Tim Penyunting Wilayah Banten**: Menelaah tambahan wilayah Banten. (0 pedoman, 1 tambahan wilayah)"
        in page.content
    )


def test_changed_overlay_needs_a_new_history_entry(project, capsys):
    from tests.unit.test_since import git

    with_region(project)
    git(project.root, "init", "-q", "-b", "main")
    git(project.root, "add", "-A")
    git(project.root, "commit", "-q", "-m", "Edisi pertama")
    changed = OVERLAY.replace("tidak membuka kerahasiaan klien.", "tidak pernah membuka kerahasiaan klien.")
    project.write(OVERLAY_PATH, changed)
    code = main(["--root", str(project.root), "check", "--since", "main"])
    err = capsys.readouterr().err
    assert code == 1 and "tambahan wilayah `tokoh-setempat` berubah sejak `main`" in err
    assert f"{OVERLAY_PATH}:{_line(changed, 'riwayat:')}:" in err
    # A review alone (new dates) is not a change of content.
    project.write(OVERLAY_PATH, OVERLAY.replace("ditelaah: 2026-12-01", "ditelaah: 2026-12-15"))
    assert main(["--root", str(project.root), "check", "--since", "main"]) == 0
    recorded = changed.replace('versi: "1.0"\nriwayat', 'versi: "1.1"\nriwayat') + (
        '  - versi: "1.1"\n    tanggal: 2026-12-02\n    perubahan: Rumusan dipertegas.\n    alasan: Telaah tim wilayah.\n'
    )
    project.write(OVERLAY_PATH, recorded)
    assert main(["--root", str(project.root), "check", "--since", "main"]) == 0, capsys.readouterr().err
