"""The guide survives MkDocs + Material: `panduan generate --out` builds with ProperDocs and Zensical.

Each builder runs from its own virtualenv (see conftest.py) on a copy of the generated folder, with
`--strict`. The built HTML is then read with html.parser: every guideline, law and glossary page
is there, and every relative link and #anchor resolves.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from panduan.build import BuildResult, build_guide
from panduan.present import url_of
from panduan.render import render_pages
from tests.conftest import GUIDELINE
from tests.portable.conftest import BUILDERS, REPO, build_with, generate
from tests.portable.htmlcheck import broken_links, outside_requests, parse

pytestmark = [pytest.mark.slow, pytest.mark.portable]

SERVED_ANYWHERE = frozenset({"404.html"})  # its links are written for the site root, wherever it is shown


def html_of(site: Path, page: str) -> Path:
    return site / url_of(page, directory_urls=True).removeprefix("./") / "index.html"


@pytest.fixture(scope="module")
def guide() -> BuildResult:
    result = build_guide(REPO)
    assert not result.report.errors
    return result


def test_every_generated_page_is_built(foreign_site, guide):
    builder, site = foreign_site
    missing = [p.path for p in render_pages(guide) if not html_of(site, p.path).is_file()]
    assert missing == [], f"{builder} did not build these pages"


def test_guidelines_law_and_glossary_are_complete(foreign_site, guide):
    builder, site = foreign_site
    for g in guide.guide.guidelines.values():
        page = parse(html_of(site, f"{g.topik}/{g.id}.md"))
        assert g.judul in page.h1, f"{builder}: {g.topik}/{g.id} lacks its title"
        assert {r.id.lower() for r in g.rekomendasi} <= page.ids
    for law in guide.guide.laws:
        ids = parse(html_of(site, f"hukum/{Path(law.source.file.path).stem}.md")).ids
        assert {f"pasal-{n.lower()}" for n in law.pasal} <= ids, f"{builder}: articles missing"
    assert sum(len(law.pasal) for law in guide.guide.laws) >= 69
    glossary = parse(site / "glosarium" / "index.html")
    assert set(guide.guide.terms) <= glossary.ids, f"{builder}: glossary entries missing"


def test_internal_links_resolve(foreign_site):
    builder, site = foreign_site
    assert broken_links(site, skip=SERVED_ANYWHERE) == [], f"{builder} output has broken links"


def test_no_requests_to_other_hosts(foreign_site):
    """Field phones must not reach third-party hosts (fonts, CDNs), with any builder."""
    builder, site = foreign_site
    assert outside_requests(site) == set(), builder


def test_term_and_citation_tooltips_survive_as_link_titles(foreign_site):
    """The plugin is not needed for tooltips: they are Markdown link titles in the generated pages."""
    builder, site = foreign_site
    anchors = parse(site / "etika-klien" / "kerahasiaan-klien" / "index.html").anchors
    terms = [a for a in anchors if a.get("href", "").startswith("../../glosarium/#")]
    citations = [a for a in anchors if a.get("href", "").startswith("../../hukum/uu-2019-14/#pasal-")]
    assert terms and all(len(a.get("title", "")) > 20 for a in terms), builder
    assert citations and all(len(a.get("title", "")) > 20 for a in citations), builder


@pytest.mark.parametrize("builder", sorted(BUILDERS))
def test_withdrawn_pages_downloads_and_hand_written_pages(builder, project, tmp_path):
    """What the real guide has none of today: a withdrawn guideline (kept out of the nav, still
    built), downloads from dist/, and a hand-written docs page that links to the schema."""
    withdrawn = (
        GUIDELINE.format(id="lama")
        .replace("status: berlaku", "status: dicabut")
        .replace("judul: Menjaga kerahasiaan klien", "judul: Pedoman lama")
        .replace("simpan-catatan", "simpan-catatan-lama")
    )
    project.write("guidelines/etika-klien/lama.md", withdrawn)
    project.write("docs/kontribusi/index.md", "# Cara Berkontribusi\n\nLihat [skema](../schema/pedoman.schema.json).\n")
    project.write("dist/panduan-praktik.pdf", b"%PDF-1.7 test")
    project.write(
        "dist/manifest.json", json.dumps([{"file": "panduan-praktik.pdf", "title": "Buku", "description": "A4"}])
    )
    site = build_with(BUILDERS[builder], generate(project.root, tmp_path / "out"), tmp_path / "build")

    assert "sudah dicabut" in (site / "etika-klien" / "lama" / "index.html").read_text(encoding="utf-8")
    assert (site / "unduhan" / "panduan-praktik.pdf").read_bytes() == b"%PDF-1.7 test"
    assert any(
        a.get("href", "").endswith("panduan-praktik.pdf") for a in parse(site / "unduhan" / "index.html").anchors
    )
    assert (site / "schema" / "pedoman.schema.json").is_file()
    assert parse(site / "kontribusi" / "index.html").h1 == ["Cara Berkontribusi"]
    assert broken_links(site, skip=SERVED_ANYWHERE) == []
