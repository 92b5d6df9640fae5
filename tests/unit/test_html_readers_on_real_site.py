"""The regular-expression HTML readers against `html.parser`, on every page MkDocs and Material
write for the real guide (one build shared by both comparisons)."""

from __future__ import annotations

import pytest

from panduan.linkcheck import _Collector
from panduan.search.sections import sections
from tests.conftest import REPO
from tests.search.test_sections import sections_reference
from tests.unit.test_linkcheck import link_reference

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def real_pages(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, str]]:
    from panduan.site import build_into

    site = tmp_path_factory.mktemp("situs") / "site"
    assert build_into(REPO / "mkdocs.yml", site, name="situs uji")
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 100
    return [(p.relative_to(site).as_posix(), p.read_text(encoding="utf-8")) for p in pages]


def test_link_scanner_finds_the_same_ids_links_and_lines(real_pages):
    for name, text in real_pages:
        collected = _Collector(text)
        assert (collected.ids, collected.links) == link_reference(text), name


def test_search_sections_are_the_same(real_pages):
    for name, text in real_pages:
        assert sections(text) == sections_reference(text), name
