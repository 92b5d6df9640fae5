"""The search box when nothing is found, and the worker's requests, in the real browser.

"Tidak ada dokumen yang sesuai" comes with the closest glossary terms and the topic pages, the
same ones `panduan cari` prints (suggest.py; tests/search/test_suggest.py checks the ranking is
the same in JavaScript). The offline bundle's version is in test_offline.py.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from panduan.build import build_guide
from panduan.search.suggest import suggestions

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.browser

NOT_FOUND = "disabilitasss"  # a typing mistake beyond what the fuzzy match forgives


def type_query(page, url: str, query: str) -> None:
    page.goto(url)
    page.locator("input.md-search__input").click()
    page.keyboard.type(query, delay=15)


@contextlib.contextmanager
def requests_of(browser) -> Iterator[tuple[Any, list[str]]]:
    """A page in a fresh context, and the path of every request the context makes (the search
    worker's included, which the page's own request event does not see)."""
    context = browser.new_context()
    urls: list[str] = []
    context.on("request", lambda request: urls.append(urlsplit(request.url).path))
    try:
        pg = context.new_page()
        pg.set_default_timeout(30_000)
        yield pg, urls
    finally:
        context.close()


def offered(page) -> list[tuple[str, str]]:
    return page.locator(".panduan-saran a").evaluate_all("links => links.map(a => [a.textContent, a.href])")


def test_not_found_offers_glossary_terms_and_topics(page, server):
    type_query(page, server.url + "etika-klien/kerahasiaan-klien/", NOT_FOUND)
    page.wait_for_selector(".panduan-saran a", timeout=30_000)
    assert page.locator(".md-search-result__meta").inner_text().strip() == "Tidak ada dokumen yang sesuai"
    assert page.locator(".md-search-result__item").count() == 0
    expected = suggestions(build_guide(REPO).guide, NOT_FOUND)
    assert [(label, urlsplit(href).path) for label, href in offered(page)] == [
        (s.label, "/" + s.location.partition("#")[0]) for s in expected
    ]
    assert urlsplit(offered(page)[0][1]).fragment == "penyandang-disabilitas"
    headings = page.locator(".panduan-saran__judul").all_inner_texts()
    assert headings == ["Istilah yang mirip di glosarium:", "Atau buka topik:"]
    # A topic link opens the topic page.
    with page.expect_navigation():
        page.locator(".panduan-saran a", has_text="Kelompok Rentan").click()
    assert urlsplit(page.url).path == "/kelompok-rentan/"


def test_suggestions_go_when_results_come(page, server):
    type_query(page, server.url, NOT_FOUND)
    page.wait_for_selector(".panduan-saran a", timeout=30_000)
    box = page.locator("input.md-search__input")
    for _ in NOT_FOUND:
        box.press("Backspace")
    page.keyboard.type("disabilitas", delay=15)
    page.wait_for_selector(".md-search-result__item", timeout=30_000)
    page.wait_for_selector(".panduan-saran", state="hidden", timeout=10_000)


def test_a_passing_nothing_found_offers_and_loads_nothing(browser, server):
    """A "nothing found" that is gone a moment later (a typing mistake fixed at once, an answer
    shown while the search is still starting) neither flashes suggestions nor downloads their data."""
    with requests_of(browser) as (pg, urls):
        type_query(pg, server.url + "profesi/registrasi-str-sipps/", NOT_FOUND)
        pg.wait_for_selector(".md-search-result__meta:has-text('Tidak ada dokumen yang sesuai')")
        pg.locator("input.md-search__input").fill("")
        pg.keyboard.type("STR", delay=15)
        pg.wait_for_selector(".md-search-result__item")
        pg.wait_for_load_state("networkidle")
        pg.wait_for_timeout(1_000)  # past saran.js's SETTLE_MS
        assert pg.locator(".panduan-saran").is_hidden()
    assert "/search/saran.js" not in urls


def test_search_worker_is_one_request(browser, server):
    """The worker, lunr, its stemmer support and the Indonesian analyzer arrive as ONE script
    (search/worker.py): on a slow network each further script costs a round trip in a row."""
    with requests_of(browser) as (pg, urls):
        type_query(pg, server.url + "profesi/registrasi-str-sipps/", "STR")
        pg.wait_for_selector(".md-search-result__item")
        pg.wait_for_load_state("networkidle")
    workers = [u for u in urls if "/workers/" in u]
    assert len(workers) == 1 and "/search.panduan." in workers[0], workers
    assert not [u for u in urls if "/lunr/" in u], urls
    assert "/search/search_index.json" in urls
    assert "/search/saran.js" not in urls, "the suggestions' data is loaded only when nothing is found"
