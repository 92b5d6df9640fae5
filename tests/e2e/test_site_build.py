"""End-to-end: strict MkDocs builds into a temp dir, asserting on the produced HTML."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from panduan.cli import main
from tests.conftest import GUIDELINE, REPO

MKDOCS_YML = f"""\
site_name: Uji
docs_dir: docs
theme:
  name: material
  custom_dir: {REPO / "overrides"}
  language: id
  font: false
  features: [navigation.prune, content.tooltips]
plugins:
  - search
  - panduan
markdown_extensions: [abbr, admonition, attr_list, md_in_html, tables, toc, pymdownx.superfences, pymdownx.tasklist]
validation:
  unrecognized_links: warn
  anchors: warn
"""


def _build(root: Path, site: Path) -> None:
    config = load_config(str(root / "mkdocs.yml"), strict=True, site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


@pytest.fixture
def site_project(project):
    project.write("mkdocs.yml", MKDOCS_YML)
    (project.root / "docs").mkdir()
    return project


def test_fixture_site_builds_strict_with_guideline_template(site_project, tmp_path, strict_logs):
    draft = (
        GUIDELINE.format(id="draf-contoh")
        .replace("status: berlaku", "status: draf")
        .replace("judul: Menjaga kerahasiaan klien", "judul: Contoh draf")
        .replace("simpan-catatan", "simpan-catatan-draf")
    )
    withdrawn = (
        GUIDELINE.format(id="lama")
        .replace("status: berlaku", "status: dicabut")
        .replace("judul: Menjaga kerahasiaan klien", "judul: Pedoman lama")
        .replace("simpan-catatan", "simpan-catatan-lama")
    )
    site_project.write("guidelines/etika-klien/draf.md", draft)
    site_project.write("guidelines/etika-klien/lama.md", withdrawn)
    site = tmp_path / "site"
    _build(site_project.root, site)
    assert strict_logs == []

    page = (site / "etika-klien/kerahasiaan/index.html").read_text()
    assert 'pp-status--berlaku">Berlaku' in page and "Versi 1.0" in page
    assert "Berlaku sejak 1 Desember 2026" in page and "Tinjau ulang 1 Desember 2027" in page
    assert 'pp-badge--wajib">Wajib' in page
    assert '<li><span id="langkah-1"></span><strong>Pendamping:</strong> Simpan catatan' in page
    # inline citation: a working link to the article anchor, with the summary as tooltip
    link = re.search(
        r'<a href="../../hukum/uu-2019-14/#pasal-43" title="([^"]+)">UU 14/2019 Pasal 43 huruf d</a>', page
    )
    assert link and len(link.group(1)) > 20
    # glossary tooltip on the first occurrence only
    assert page.count('href="../../glosarium/#surat-tanda-registrasi"') == 1

    assert "Draf — belum berlaku" in (site / "etika-klien/draf-contoh/index.html").read_text()
    old = (site / "etika-klien/lama/index.html").read_text()
    assert "sudah dicabut" in old and 'content="noindex"' in old
    home = (site / "index.html").read_text()
    assert "Contoh draf" in (site / "etika-klien/index.html").read_text()
    assert "Pedoman lama" not in home and "lama/" not in (site / "etika-klien/index.html").read_text()

    law = (site / "hukum/uu-2019-14/index.html").read_text()
    for n in range(1, 70):
        assert f'id="pasal-{n}"' in law
    assert "Pedoman yang merujuk pasal ini" in law
    # whom each recommendation binds, instead of every role of the guideline
    assert re.search(r'class="pp-untuk">Untuk: <a href="../../peran/pekerja-sosial/">Pekerja Sosial</a></span>', page)
    # the law page shows addressees, the kinds of binding, and exact words as a quotation with its source
    assert "Pasal 42: Mewajibkan Pekerja Sosial" in law and "Pasal 43: Memberi hak kepada Klien" in law
    assert re.search(r"«perintah undang-undang» — UU 14/2019 Pasal 44 ayat \(1\) huruf d", law)
    assert 'id="adresat"' in law and "Sumber naskah:" in law
    coverage = (site / "hukum/cakupan/index.html").read_text()
    assert "Per peraturan" in coverage and "UU 14/2019" in coverage
    glossary = (site / "glosarium/index.html").read_text()
    assert 'id="surat-tanda-registrasi"' in glossary and "Dipakai di" in glossary


def test_no_third_party_hosts(site_project, tmp_path):
    site = tmp_path / "site"
    _build(site_project.root, site)
    # Anything the browser would fetch by itself: scripts, images, styles, fonts, preconnects.
    requests = set()
    for page in site.rglob("*.html"):
        html = page.read_text()
        requests |= set(re.findall(r'src="(https?://[^"]+)', html))
        requests |= {
            h
            for rel, h in re.findall(r'<link[^>]*rel="([^"]+)"[^>]*href="(https?://[^"]+)', html)
            if rel != "canonical"
        }
    for css in site.rglob("*.css"):
        requests |= set(re.findall(r"url\(['\"]?(https?://[^)'\"]+)", css.read_text()))
    assert requests == set()


def test_broken_front_matter_fails_the_mkdocs_build(site_project, tmp_path, strict_logs):
    site_project.write("guidelines/etika-klien/kerahasiaan.md", GUIDELINE.format(id="x").replace("judul:", "judull:"))
    with pytest.raises((PluginError, Abort)):
        _build(site_project.root, tmp_path / "site")
    messages = [r.getMessage() for r in strict_logs]
    assert any("kerahasiaan.md:3:1" in m and "judull" in m for m in messages)
    strict_logs.clear()


def test_failed_build_keeps_last_good_site(site_project, capsys):
    root = site_project.root
    assert main(["--root", str(root), "build"]) == 0
    marker = root / "site" / "index.html"
    before = marker.read_text()
    site_project.write("guidelines/etika-klien/kerahasiaan.md", "rusak\n")
    assert main(["--root", str(root), "build"]) == 1
    assert marker.read_text() == before
    assert "Build dibatalkan" in capsys.readouterr().err


def test_generate_writes_portable_markdown(site_project, tmp_path):
    out = tmp_path / "md"
    site_project.write("docs/kontribusi/index.md", "# Cara Berkontribusi\n")
    site_project.write("docs/glosarium.md", "# Glosarium tulisan tangan\n")  # hand-written wins, as in the plugin
    assert main(["--root", str(site_project.root), "generate", "--out", str(out)]) == 0
    page = (out / "docs/etika-klien/kerahasiaan.md").read_text()
    assert page.startswith("---\ntitle: Menjaga kerahasiaan klien\n")
    assert "(../hukum/uu-2019-14.md#pasal-43" in page
    assert (out / "docs/glosarium.md").read_text() == "# Glosarium tulisan tangan\n"
    assert (out / "docs/schema/pedoman.schema.json").is_file()
    summary = (out / "docs/SUMMARY.md").read_text()
    assert "- [Glosarium](glosarium.md)" in summary and "(kontribusi/index.md)" in summary
    config = yaml.safe_load((out / "properdocs.yml").read_text())
    assert config["theme"]["name"] == "mkdocs" and "plugins" in config and "panduan" not in config["plugins"]
    assert {"Cara Berkontribusi": ["kontribusi/index.md"]} in config["nav"]
    assert "zensical.toml" in {p.name for p in out.iterdir()}
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "keep.txt").write_text("x")
    assert main(["--root", str(site_project.root), "generate", "--out", str(tmp_path / "other")]) == 2


def test_new_writes_a_valid_skeleton(site_project, capsys):
    root = str(site_project.root)
    assert main(["--root", root, "new", "Menerima tamu di rumah klien", "--topik", "koordinasi"]) == 0
    assert (site_project.root / "guidelines/koordinasi/menerima-tamu-di-rumah-klien.md").exists()
    assert main(["--root", root, "check", "--strict"]) == 0
    assert main(["--root", root, "new", "Judul", "--topik", "koordinasii"]) == 2
    assert "Maksud Anda `koordinasi`?" in capsys.readouterr().err


@pytest.mark.slow
def test_real_guide_builds_strict(tmp_path, strict_logs):
    root = tmp_path / "repo"
    shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(".venv", "site", "dist", ".git", "__pycache__", ".*"))
    site = tmp_path / "site"
    _build(root, site)
    assert strict_logs == []
    coverage = (site / "hukum/cakupan/index.html").read_text()
    assert "Total" in coverage
    matrix = (site / "peran/matriks/index.html").read_text()
    assert matrix.count('<table class="pp-raci"') == 1 and matrix.count('<tbody class="pp-group ') >= 5
    assert '<script src="../../assets/panduan-matriks.js"></script>' in matrix
    assert '<th aria-label="Pendamping Sosial" class="pp-col pp-col--pendamping"' in matrix
    assert 'title="Pendamping Sosial">Pendamping</th>' in matrix
    role = (site / "peran/relawan/index.html").read_text()
    headings = re.findall(r'<h[23] id="[^"]*">([^<]+)<a class="headerlink"', role)
    order = ["Yang tidak boleh dilakukan", "Kapan saya menyerahkan, dan kepada siapa?", "Apa tugas saya?"]
    order += ["Pendekatan awal", "Aturan yang mengikat peran ini", "Pedoman untuk peran ini"]
    assert [h for h in headings if h in order] == order, headings
    compare = site / "peran/bandingkan"
    assert "Bandingkan peran: Pendamping Sosial dan Relawan Sosial" in (compare / "index.html").read_text()
    assert len(list(compare.glob("*-dan-*/index.html"))) == 14  # 15 pairs of the six top-level roles
    # Each chip stays a word of its own for search, screen readers and copy-paste ("Nomor 109 TLN",
    # not "Nomor 109TLN").
    glued = [str(p.relative_to(site)) for p in site.rglob("*.html") if '</span><span class="pp-chip' in p.read_text()]
    assert glued == []
    search_text = (site / "search" / "badan" / "hukum.js").read_text(encoding="utf-8")
    assert "Nomor 109 TLN RI" in search_text and not re.search(r"\dTLN RI", search_text)


@pytest.mark.parametrize("directory_urls", [True, False])
def test_site_search_index_holds_what_cari_searches(site_project, tmp_path, strict_logs, directory_urls):
    """The browser's documents and `panduan cari`'s come from one function; hand-written pages
    (text before the first heading, excluded from search, in place of a generated page) included."""
    from panduan.build import build_guide
    from panduan.search.documents import read_settings, search_documents
    from panduan.search.query import site_pages
    from panduan.search.split import merge, read_bodies

    root = site_project.root
    if not directory_urls:
        site_project.write("mkdocs.yml", MKDOCS_YML + "use_directory_urls: false\n")
    site_project.write(
        "docs/kontribusi/index.md", "Teks sebelum judul apa pun.\n\n## Langkah pertama\n\nTulis *draf*.\n"
    )
    site_project.write("docs/kontribusi/rahasia.md", "---\nsearch:\n  exclude: true\n---\n# Rahasia\n\nTidak dicari.\n")
    site_project.write("docs/unduhan.md", "Belum ada unduhan; tulisan tangan.\n")
    site = tmp_path / "site"
    _build(root, site)
    assert strict_logs == []
    stage1 = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    # The browser loads the first stage, then the parts it needs (search/split.py); all merged:
    written = merge(stage1, read_bodies(site / "search" / "badan"))
    result = build_guide(root)
    settings = read_settings(root / "mkdocs.yml", root)
    assert written == search_documents(result, site_pages(result, settings), settings)
    # A guideline's result shows its summary, not its status and dates (data-search-exclude).
    page = "etika-klien/kerahasiaan/" if directory_urls else "etika-klien/kerahasiaan.html"
    top = next(d["text"] for d in written if d["location"] == page)
    assert "Simpan data klien dengan aman." in top and "Berlaku sejak" not in top, top
    titles = {d["location"]: d["title"] for d in written}
    assert titles["kontribusi/" if directory_urls else "kontribusi/index.html"] == "Index"
    assert titles["unduhan/" if directory_urls else "unduhan.html"] == "Unduhan"
    assert not any(location.startswith("kontribusi/rahasia") for location in titles)
    assert not (site / "search" / "panduan-index.json").exists()


def test_cari_after_a_build(site_project, capsys):
    root = str(site_project.root)
    assert main(["--root", root, "build"]) == 0
    capsys.readouterr()
    assert main(["--root", root, "cari", "dirahasiakan"]) == 0
    assert capsys.readouterr().out.startswith("1. Menjaga kerahasiaan klien  →  etika-klien/kerahasiaan/")


def _primary_nav(page: str) -> list[tuple[str, str]]:
    """(title, href) of the top-level items of Material's primary navigation; an open section
    without an index page is a `<label>` there, with href ""."""
    from html.parser import HTMLParser

    class Nav(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.levels: list[str | None] = []
            self.items: list[tuple[str, str]] = []
            self.href: str | None = None
            self.text = ""

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            a = dict(attrs)
            if tag == "nav":
                self.levels.append(a.get("data-md-level"))
            elif tag in ("a", "label") and self.levels[-1:] == ["0"] and "md-nav__link" in (a.get("class") or ""):
                self.href, self.text = a.get("href") or "", ""

        def handle_endtag(self, tag: str) -> None:
            if tag == "nav" and self.levels:
                self.levels.pop()
            elif tag in ("a", "label") and self.href is not None:
                self.items.append((" ".join(self.text.split()), self.href))
                self.href = None

        def handle_data(self, data: str) -> None:
            if self.href is not None:
                self.text += data

    nav = Nav()
    nav.feed(page[page.index("md-nav--primary") - 20 :])
    return nav.items


def _second_topic(project) -> None:
    """A guideline in the fixture's second topic (`koordinasi`)."""
    other = GUIDELINE.format(id="rapat-koordinasi").replace("topik: etika-klien", "topik: koordinasi")
    other = other.replace("judul: Menjaga kerahasiaan klien", "judul: Rapat koordinasi")
    project.write("guidelines/koordinasi/rapat-koordinasi.md", other.replace("simpan-catatan", "catatan-rapat"))


def test_many_topics_each_page_lists_only_its_own(site_project, tmp_path, strict_logs):
    """Above `nav_topics_max` topics a page's nav names its own topic and links to all of them on
    the home page: the page does not grow with every topic added to the guide."""
    site_project.write("mkdocs.yml", MKDOCS_YML.replace("  - panduan\n", "  - panduan:\n      nav_topics_max: 1\n"))
    _second_topic(site_project)
    site = tmp_path / "site"
    _build(site_project.root, site)
    assert strict_logs == []

    guideline = _primary_nav((site / "etika-klien/kerahasiaan/index.html").read_text())
    titles = [title for title, _ in guideline]
    assert "Etika dan Hak Klien" in titles and "Koordinasi" not in titles
    assert ("Semua topik", "../../#topik") in guideline
    home = (site / "index.html").read_text()
    assert 'id="topik"' in home and "Koordinasi" in home  # where "Semua topik" leads, every topic
    assert "Koordinasi" in [t for t, _ in _primary_nav((site / "koordinasi/rapat-koordinasi/index.html").read_text())]


def test_few_topics_every_page_lists_them_all(site_project, tmp_path, strict_logs):
    _second_topic(site_project)
    site = tmp_path / "site"
    _build(site_project.root, site)
    titles = [t for t, _ in _primary_nav((site / "etika-klien/kerahasiaan/index.html").read_text())]
    assert {"Etika dan Hak Klien", "Koordinasi"} <= set(titles) and "Semua topik" not in titles
