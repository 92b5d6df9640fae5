"""The site's search as a reader meets it: Material's search box in the system Chromium.

`BrowserSearch(browser, base_url).search(query)` opens a guideline page in a fresh page, types the
query into Material's search box and returns the pages of the results on screen, best first, once
the worker has refined them (the two-stage index, panduan/search/split.py: the worker loads the
body parts of the top pages and searches again; lunr-id.js marks the query `settled` when the
answer includes every part it wanted). A fresh page per query, so every query starts from the
first stage alone, as a reader's first search does.

Used by bench/search_relevance.py (the "browser" row) and tests/browser/test_search_relevance.py.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import unquote, urlsplit

START_PAGE = "kelompok-rentan/tanggap-bencana/"
SETTLE_TIMEOUT_S = 30.0
RESULT_LINKS = ".md-search-result__item > .md-search-result__link"
STABLE_READS = 3


class SearchTimeout(Exception):
    pass


class BrowserSearch:
    def __init__(self, browser: Any, base_url: str, start_page: str = START_PAGE) -> None:
        self.base_url = base_url
        self.start_url = base_url + start_page
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")

    def close(self) -> None:
        self.context.close()

    def __enter__(self) -> BrowserSearch:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def search(self, query: str) -> list[str]:
        """Page locations of the results (`etika-klien/kerahasiaan-klien/`), best first."""
        page = self.context.new_page()
        page.set_default_timeout(int(SETTLE_TIMEOUT_S * 1000))
        try:
            page.goto(self.start_url, wait_until="load")
            box = page.locator("input.md-search__input")
            box.click()
            page.keyboard.type(query)
            self._wait_settled(page, query)
            pages = [self._page_of(href) for href in self._stable_links(page)]
            return list(dict.fromkeys(pages))  # one entry per page, at its best rank
        finally:
            page.close()

    def _wait_settled(self, page: Any, query: str) -> None:
        deadline = time.monotonic() + SETTLE_TIMEOUT_S
        while time.monotonic() < deadline:
            for worker in page.workers:
                try:
                    settled = worker.evaluate("() => self.panduanSearchState && self.panduanSearchState.settled")
                except Exception:  # the worker is starting or gone; ask again
                    continue
                if settled == query:
                    return
            page.wait_for_timeout(100)
        raise SearchTimeout(f"search for {query!r} did not settle in {SETTLE_TIMEOUT_S:.0f} s")

    def _stable_links(self, page: Any) -> list[str]:
        """Result links once the list has not changed for STABLE_READS reads (the worker's last
        answer is on screen: it is posted when the query settles and drawn soon after)."""
        reads: list[list[str]] = []
        for _ in range(60):
            reads.append(page.locator(RESULT_LINKS).evaluate_all("links => links.map(a => a.href)"))
            if len(reads) >= STABLE_READS and all(r == reads[-1] for r in reads[-STABLE_READS:]):
                break
            page.wait_for_timeout(250)
        return reads[-1]

    def _page_of(self, href: str) -> str:
        path = urlsplit(href).path
        base = urlsplit(self.base_url).path
        return unquote(path[len(base) :] if path.startswith(base) else path)
