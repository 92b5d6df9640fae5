"""Plugin layer: regional blocks sit next to the part they adapt, and each region has its page."""

from __future__ import annotations

from mkdocs.structure.files import Files

from tests.plugin.test_plugin import _config, _plugin
from tests.unit.test_regions import OVERLAY, with_region

ON_RECOMMENDATION = (
    OVERLAY.replace("id: tokoh-setempat", "id: di-rekomendasi")
    .replace("  pedoman: kerahasiaan", "  pedoman: kerahasiaan\n  rekomendasi: R1")
    .replace("judul: Tokoh setempat tidak berhak atas isi kasus", "judul: Catatan pada R1")
    .replace("teks: Kyai dan tokoh", "teks: Konteks rekomendasi. Kyai dan tokoh")
)
ON_STEP = (
    OVERLAY.replace("id: tokoh-setempat", "id: di-langkah")
    .replace("jenis: konteks", "jenis: langkah\nperan: pendamping\nlayanan: [dinsos-banten]")
    .replace("  pedoman: kerahasiaan", "  pedoman: kerahasiaan\n  langkah: 1")
    .replace("judul: Tokoh setempat tidak berhak atas isi kasus", "judul: Langkah setempat")
    .replace("teks: Kyai dan tokoh", "teks: Langkah tambahan. Kyai dan tokoh")
)


def _files(project):
    with_region(project)
    project.write("wilayah/banten/di-rekomendasi.yaml", ON_RECOMMENDATION)
    project.write("wilayah/banten/di-langkah.yaml", ON_STEP)
    config = _config(project.root)
    plugin = _plugin(config)
    return config, plugin, config.plugins.on_files(Files([]), config=config)


def test_blocks_sit_next_to_what_they_adapt(project):
    _, _, files = _files(project)
    page = files.get_file_from_path("etika-klien/kerahasiaan.md").content_string
    rec, step1, step2 = page.index('id="r1"'), page.index('id="langkah-1"'), page.index('id="langkah-2"')
    on_rec, on_step = page.index("Konteks rekomendasi."), page.index("Langkah tambahan.")
    assert rec < on_rec < page.index("## Langkah") < step1 < on_step < step2
    assert page.index("## Kearifan lokal dan layanan setempat") < page.rindex("Kyai dan tokoh adat berpengaruh, tetapi")
    assert (
        '??? example pp-wilayah pp-wilayah--banten "Provinsi Banten · Langkah tambahan setempat: Langkah setempat"'
        in page
    )
    # The step's block is inside the list item (indented), with the role and the local service.
    assert '    ??? example pp-wilayah pp-wilayah--banten "Provinsi Banten · Langkah tambahan setempat' in page
    assert "**Pendamping:** Langkah tambahan." in page and "**Dinas Sosial Provinsi Banten**" in page
    assert "Berlaku di: Kabupaten Lebak · Ditelaah Tim Penyunting Wilayah Banten, 1 Desember 2026" in page


def test_region_page_lists_every_adaptation_reviewer_date_and_services(project):
    config, _, files = _files(project)
    region = files.get_file_from_path("wilayah/banten.md").content_string
    assert "\n# Kearifan lokal: Provinsi Banten\n" in region
    for title in ("Tokoh setempat tidak berhak atas isi kasus", "Catatan pada R1", "Langkah setempat"):
        assert f"[{title}](../etika-klien/kerahasiaan.md#wilayah-banten-" in region
    assert region.count("| Tim Penyunting Wilayah Banten | 1 Desember 2026 | 1 Desember 2027 |") == 3
    assert "| rekomendasi R1 |" in region and "| langkah 1 |" in region
    assert "**Dinas Sosial Provinsi Banten**" in region and "| 36.73 | Kota Serang |" in region
    titles = [next(iter(item)) for item in config.nav if isinstance(item, dict)]
    assert "Kearifan Lokal" in titles


def test_guideline_without_overlays_has_no_regional_section(project):
    _, _, files = _files(project)
    page = files.get_file_from_path("index.md").content_string
    assert "pp-wilayah" not in page


def test_serve_watches_the_regions_folder(project):
    config, plugin, _ = _files(project)
    watched = []

    class Server:
        def watch(self, path):
            watched.append(str(path))

    plugin.on_serve(Server(), config=config, builder=None)
    assert any(p.endswith("wilayah") for p in watched)
