"""Situation-first entry over http: from the home page's "Dalam situasi ini" to a role's first
step and on to the guideline it comes from; and search finds the situation."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_home_page_leads_to_a_situation_and_its_guideline(page, server):
    page.goto(server.url, wait_until="networkidle")
    block = page.locator("article h2", has_text="Dalam situasi ini")
    assert block.count() == 1
    titles = page.locator("article h2#dalam-situasi-ini + ul > li strong a").all_inner_texts()
    assert "Anak dalam bahaya" in titles and "Keselamatan Anda sendiri" in titles, titles
    page.locator("article").get_by_role("link", name="Kekerasan dalam rumah tangga").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url == server.url + "situasi/kekerasan-dalam-rumah-tangga/"
    # The relawan's first step is the guideline's step, word for word, with a link back to it.
    step = page.locator("#peran-relawan + p + ol > li").first
    source = step.locator("a", has_text="langkah 1")
    assert source.get_attribute("href") == "../../kelompok-rentan/kekerasan-dalam-rumah-tangga/#langkah-1"
    words = step.inner_text().split(" (Sumber:")[0]
    source.click()
    page.wait_for_load_state("networkidle")
    original = page.locator("li:has(#langkah-1)").inner_text()
    assert words in original


def test_search_finds_a_situation(page, server):
    page.goto(server.url, wait_until="networkidle")
    search = page.locator("input.md-search__input")
    search.click()
    page.keyboard.type("klien menolak bantuan", delay=15)
    page.wait_for_selector(".md-search-result__item", timeout=20_000)
    page.wait_for_timeout(1000)  # results for the whole query, not a prefix
    links = page.locator(".md-search-result__item > .md-search-result__link").evaluate_all(
        "links => links.map(a => a.href.split('?')[0])"  # without the ?h= highlight words
    )
    assert server.url + "situasi/klien-menolak-bantuan/" in links, links[:10]
