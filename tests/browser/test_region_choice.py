"""The reader's region (kearifan lokal) on the real site, over http and from file://.

Without a choice every region's block is shown, collapsed; a reader picks a region once and it
is remembered (localStorage) on every page; another region's blocks are then hidden; a search for
a local term finds the guideline with the region in the result.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from panduan.build import build_guide
from tests.browser.test_site import open_search

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
BENCANA = "kelompok-rentan/tanggap-bencana/"
PENDEKATAN = "tahapan-praktik/pendekatan-awal/"


def overlay_count(guideline_id: str) -> int:
    return len(build_guide(REPO).guide.overlays_on(guideline_id))


def blocks(page) -> list[dict[str, bool]]:
    return page.locator("details.pp-wilayah").evaluate_all(
        "els => els.map(e => ({open: e.open, hidden: e.hidden, region: e.className}))"
    )


def test_without_choice_all_regions_are_shown_collapsed(page, server):
    page.goto(server.url + BENCANA)
    found = blocks(page)
    assert len(found) == overlay_count("tanggap-bencana") >= 3
    assert all(not b["open"] and not b["hidden"] for b in found)
    assert page.locator("#pp-wilayah-pilih").input_value() == ""
    summary = page.locator("details.pp-wilayah summary").first.inner_text()
    assert summary.startswith("Provinsi Banten · ")


def test_choice_is_remembered_across_pages_over_http(page, server):
    page.goto(server.url + BENCANA)
    page.select_option("#pp-wilayah-pilih", "banten")
    assert all(b["open"] and not b["hidden"] for b in blocks(page))
    page.reload()
    assert page.locator("#pp-wilayah-pilih").input_value() == "banten"
    assert all(b["open"] for b in blocks(page))
    page.goto(server.url + PENDEKATAN)
    assert blocks(page) and all(b["open"] for b in blocks(page))
    page.select_option("#pp-wilayah-pilih", "")
    page.reload()
    assert all(not b["open"] and not b["hidden"] for b in blocks(page))


def test_other_regions_are_hidden_once_a_region_is_chosen(page, server):
    """A second region's block (planted in the served page) is hidden for a Banten reader."""

    def plant(route):
        html = route.fetch().text()
        html = html.replace("pp-wilayah pp-wilayah--banten", "pp-wilayah pp-wilayah--papua", 1)
        route.fulfill(body=html, headers={"content-type": "text/html; charset=utf-8"})

    page.route(re.compile(r".*/tanggap-bencana/$"), plant)
    page.goto(server.url + BENCANA)
    regions = [b["region"] for b in blocks(page)]
    assert any("papua" in r for r in regions) and any("banten" in r for r in regions)
    page.select_option("#pp-wilayah-pilih", "banten")
    for b in blocks(page):
        assert b["hidden"] == ("papua" in b["region"]) and b["open"] == ("banten" in b["region"])


def test_choice_works_from_file_urls(browser, built_site: Path):
    """The offline bundle opens pages from file://: the choice is kept there too."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto((built_site / BENCANA / "index.html").as_uri())
        assert blocks(page) and all(not b["open"] for b in blocks(page))
        page.select_option("#pp-wilayah-pilih", "banten")
        page.goto((built_site / PENDEKATAN / "index.html").as_uri())
        assert page.locator("#pp-wilayah-pilih").input_value() == "banten"
        assert blocks(page) and all(b["open"] and not b["hidden"] for b in blocks(page))
    finally:
        context.close()


def test_link_to_a_block_opens_it(page, server):
    page.goto(server.url + BENCANA + "#wilayah-banten-pesisir-selat-sunda-pra-bencana")
    target = page.locator("details.pp-wilayah:has(#wilayah-banten-pesisir-selat-sunda-pra-bencana)")
    assert target.evaluate("e => e.open")


def test_search_for_a_local_term_names_the_region(page, server):
    open_search(page, server.url, "pesisir selat sunda")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.md-search-result__item a.md-search-result__link')]"
        ".some(a => (a.getAttribute('href') || '').includes('#wilayah-banten-'))",
        timeout=15_000,
    )
    text = page.locator(".md-search-result").inner_text()
    assert "Provinsi Banten" in text
    hrefs = page.locator(".md-search-result__item a.md-search-result__link").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert any("tanggap-bencana/" in (h or "") and "#wilayah-banten-" in (h or "") for h in hrefs), hrefs[:10]
