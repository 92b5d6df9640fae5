"""Built HTML: "Ubah halaman ini" opens the SOURCE file on the forge (never a generated path), pages
made from many sources have none, every page carries "Laporkan masalah / beri masukan" (issue forms
and a prefilled e-mail, also in the offline bundle), and the footer prints the edition."""

from __future__ import annotations

import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from panduan.cli import main
from tests.conftest import Project
from tests.e2e.test_site_build import MKDOCS_YML

REPO_URL = "https://github.com/contoh-org/panduan-praktik"
EDIT_BASE = f"{REPO_URL}/edit/main/"
FORGE = f"repo_url: {REPO_URL}\nedit_uri: edit/main/docs/\nextra:\n  surel_penyunting: penyunting@example.org\n"
EDITION = "edisi:\n  - id: '2026.1'\n    tanggal: 2026-12-01\n    catatan: Edisi pertama.\n"
SOURCE_DIRS = ("guidelines/", "glossary/", "law/", "registry/", "docs/")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict[str, str]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links.append({k: v or "" for k, v in attrs})

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _edit_links(page: _Links) -> set[str]:
    return {a["href"] for a in page.links if a.get("rel") == "edit" or "pp-edit" in a.get("class", "").split()}


@pytest.fixture(scope="module")
def forge_site(tmp_path_factory):
    """One build for the module: the tests only read it."""
    project = Project(tmp_path_factory.mktemp("forge") / "proj")
    project.write("mkdocs.yml", MKDOCS_YML + FORGE)
    project.write("registry/edisi.yaml", EDITION)
    project.write("docs/kontribusi/index.md", "# Cara Berkontribusi\n\nTulisan tangan.\n")
    assert main(["--root", str(project.root), "build"]) == 0
    return project, project.root / "site"


EXPECTED = {
    "etika-klien/kerahasiaan/index.html": "guidelines/etika-klien/kerahasiaan.md",
    "hukum/uu-2019-14/index.html": "law/uu-2019-14.yaml",
    "peran/pendamping/index.html": "registry/peran.yaml",
    "peran/index.html": "registry/peran.yaml",
    "etika-klien/index.html": "registry/topik.yaml",
    "kontribusi/index.html": "docs/kontribusi/index.md",
}
NO_SINGLE_SOURCE = [
    "index.html",
    "glosarium/index.html",
    "peran/matriks/index.html",
    "peran/kompetensi/index.html",
    "hukum/cakupan/index.html",
    "unduhan/index.html",
    "perubahan/index.html",
    "tinjauan/index.html",
]


@pytest.mark.parametrize(("page", "source"), EXPECTED.items())
def test_edit_link_opens_the_source_file(forge_site, page, source):
    project, site = forge_site
    links = _edit_links(_parse(site / page))
    assert links == {EDIT_BASE + source}  # Material's icon and our text link agree
    assert (project.root / source).is_file()


@pytest.mark.parametrize("page", NO_SINGLE_SOURCE)
def test_pages_without_a_single_source_have_no_edit_link(forge_site, page):
    assert _edit_links(_parse(forge_site[1] / page)) == set()


def test_no_edit_link_anywhere_points_at_a_generated_path(forge_site):
    project, site = forge_site
    for html in site.rglob("*.html"):
        for href in {a["href"] for a in _parse(html).links if a["href"].startswith(EDIT_BASE)}:
            path = unquote(href[len(EDIT_BASE) :])
            assert path.startswith(SOURCE_DIRS) and (project.root / path).is_file(), (html, href)


def test_glossary_terms_each_link_their_own_file(forge_site):
    _project, site = forge_site
    hrefs = {a["href"] for a in _parse(site / "glosarium/index.html").links if a["href"].startswith(EDIT_BASE)}
    assert hrefs == {EDIT_BASE + "glossary/pekerja-sosial.yaml", EDIT_BASE + "glossary/surat-tanda-registrasi.yaml"}


def test_every_page_offers_prefilled_reports(forge_site):
    _, site = forge_site
    pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
    assert len(pages) > 15
    for html in pages:
        page = _parse(html)
        text = "".join(page.text)
        assert "Laporkan masalah / beri masukan" in text and "penyunting@example.org" in text, html
        reports = [a["href"] for a in page.links if "pp-report" in a.get("class", "")]
        mail = [a["href"] for a in page.links if "pp-mail" in a.get("class", "")]
        assert len(reports) == 3 and len(mail) == 1, html
    guideline = _parse(site / "etika-klien/kerahasiaan/index.html")
    report = next(a["href"] for a in guideline.links if "pp-report" in a.get("class", ""))
    parts = urlsplit(report)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{REPO_URL}/issues/new"
    assert query["template"] == "kesalahan-isi.yml"
    assert query["title"] == "[Kesalahan isi] Menjaga kerahasiaan klien"
    assert query["halaman"] == "etika-klien/kerahasiaan/"  # no site_url: the page's path
    assert query["sumber"] == "guidelines/etika-klien/kerahasiaan.md"
    mail = urlsplit(next(a["href"] for a in guideline.links if "pp-mail" in a.get("class", "")))
    fields = {k: v[0] for k, v in parse_qs(mail.query).items()}
    assert mail.scheme == "mailto" and mail.path == "penyunting@example.org"
    assert fields["subject"] == "[Panduan Praktik] Masukan: Menjaga kerahasiaan klien"
    assert (
        "Sumber: guidelines/etika-klien/kerahasiaan.md" in fields["body"]
        and "Alamat: etika-klien/kerahasiaan/" in fields["body"]
    )


def test_footer_prints_the_edition(forge_site):
    for page in ("index.html", "etika-klien/kerahasiaan/index.html", "404.html"):
        assert "Edisi 2026.1 (1 Desember 2026)" in (forge_site[1] / page).read_text(), page


def test_repository_link_does_not_call_the_github_api(forge_site):
    html = (forge_site[1] / "index.html").read_text()
    assert f'href="{REPO_URL}"' in html and 'data-md-component="source"' not in html


def test_without_a_forge_there_is_no_edit_link_and_reports_go_by_e_mail(project, capsys):
    project.write("mkdocs.yml", MKDOCS_YML + "extra:\n  surel_penyunting: penyunting@example.org\n")
    (project.root / "docs").mkdir()
    assert main(["--root", str(project.root), "build"]) == 0, capsys.readouterr().err
    page = _parse(project.root / "site/etika-klien/kerahasiaan/index.html")
    assert _edit_links(page) == set()
    assert [a for a in page.links if "pp-report" in a.get("class", "")] == []
    assert any(a["href"].startswith("mailto:penyunting@example.org?") for a in page.links)


def test_offline_bundle_shows_the_address_and_keeps_the_links(forge_site, tmp_path):
    from panduan.offline import build_offline

    project, _ = forge_site
    out = project.root / "dist" / "panduan-offline.zip"
    assert build_offline(project.root / "mkdocs.yml", out)
    archive = zipfile.ZipFile(out)
    html = archive.read("panduan-praktik/etika-klien/kerahasiaan.html").decode()
    assert '<span class="pp-email">penyunting@example.org</span>' in html
    assert 'href="mailto:penyunting@example.org?subject=' in html
    assert f'href="{REPO_URL}/issues/new?template=kesalahan-isi.yml' in html
    assert f'href="{EDIT_BASE}guidelines/etika-klien/kerahasiaan.md"' in html
    assert "Edisi 2026.1" in html
    assert archive.comment.decode().startswith("Panduan Praktik edisi 2026.1")
