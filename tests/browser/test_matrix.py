"""The task matrix on a laptop, and "Bandingkan peran" switching pairs, in a real browser.

At 1280 px the matrix page must not scroll sideways (the table scrolls inside its own frame), no
word in a table cell may be broken across lines, the header row stays in view while the frame
scrolls, and the role filter hides columns and is remembered after a reload. The comparison's
pair switcher must open another pair both over http and from file:// (the offline bundle).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from panduan.offline import _site_overrides
from panduan.site import build_into

REPO = Path(__file__).resolve().parents[2]
MATRIX = "peran/matriks/"
COMPETENCIES = "peran/kompetensi/"
COMPARE = "peran/bandingkan/"

pytestmark = pytest.mark.browser

# Words of table cells that are split over two lines (a word broken inside itself).
BROKEN_WORDS = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll('.pp-matrix th, .pp-matrix td')) {
    if (cell.offsetParent === null) continue;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (lines.size > 1) broken.push(m[0]);
      }
    }
  }
  return broken;
}"""


def open_page(browser, url: str, width: int = 1280):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(url, wait_until="load")
    return context, page


def visible_headers(page) -> list[str]:
    return page.locator(".pp-matrix thead th:visible").all_inner_texts()


@pytest.mark.parametrize("path", [MATRIX, COMPETENCIES])
def test_matrix_fits_a_laptop_without_broken_words(browser, server, artifacts, path):
    context, page = open_page(browser, server.url + path)
    try:
        page.screenshot(path=str(artifacts / f"{path.strip('/').replace('/', '-')}-1280.png"))
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 1280, f"/{path} scrolls sideways: scrollWidth {width}"
        assert page.evaluate(BROKEN_WORDS) == []
        assert page.locator(".pp-matrix table").count() == 1
    finally:
        context.close()


def test_matrix_header_stays_in_view_when_the_frame_scrolls(browser, server):
    context, page = open_page(browser, server.url + MATRIX)
    try:
        frame = page.locator(".pp-matrix")
        assert frame.evaluate("f => f.scrollHeight > f.clientHeight"), "the table should scroll inside its frame"
        frame.evaluate("f => f.scrollTo(0, 1500)")
        header = page.locator(".pp-matrix thead th").nth(2)
        gap = page.evaluate(
            "() => document.querySelector('.pp-matrix thead th:nth-child(3)').getBoundingClientRect().top"
            " - document.querySelector('.pp-matrix').getBoundingClientRect().top"
        )
        assert abs(gap) <= 2, f"header row moved {gap}px away from the top of the frame"
        # A short header names the role in full for assistive technology and on hover.
        assert header.get_attribute("aria-label") == header.get_attribute("title") == "Pendamping Sosial"
        assert header.inner_text() == "Pendamping"
        # Keyboard focus shows the full name too (the theme's tooltip, fed by the title).
        header.focus()
        tooltip = page.locator(".md-tooltip2--active")
        tooltip.wait_for(state="visible")
        assert tooltip.inner_text().strip() == "Pendamping Sosial"
    finally:
        context.close()


def test_role_filter_hides_columns_and_is_remembered(browser, server):
    context, page = open_page(browser, server.url + MATRIX)
    try:
        assert "Peksos" in visible_headers(page)
        page.locator("details.pp-filter summary").click()
        page.locator("#pp-peran-pekerja-sosial").uncheck()
        page.locator("#pp-peran-dinas-sosial").uncheck()
        shown = visible_headers(page)
        assert "Peksos" not in shown and "Dinsos" not in shown and "Relawan" in shown
        # Every row lost the same two cells.
        counts = page.evaluate(
            "() => [...document.querySelectorAll('.pp-matrix tbody tr:not(.pp-group__head)')]"
            ".filter(r => !r.hidden).map(r => [...r.cells].filter(c => !c.hidden).length)"
        )
        assert set(counts) == {len(shown)}
        page.reload(wait_until="load")
        shown_again = visible_headers(page)
        assert "Peksos" not in shown_again and "Dinsos" not in shown_again
        assert not page.locator("#pp-peran-pekerja-sosial").is_checked()
        # Rows none of the chosen roles takes part in are left out.
        empty_rows = page.evaluate(
            "() => [...document.querySelectorAll('.pp-matrix tbody tr:not(.pp-group__head)')].filter(r => !r.hidden)"
            ".filter(r => ![...r.cells].some(c => c.tagName === 'TD' && !c.hidden && c.textContent.trim())).length"
        )
        assert empty_rows == 0
        # The choice holds on the competency matrix too, and "Semua peran" brings every role back.
        page.goto(server.url + COMPETENCIES, wait_until="load")
        assert "Peksos" not in visible_headers(page)
        page.locator("details.pp-filter summary").click()
        page.locator(".pp-filter__all").click()
        assert "Peksos" in visible_headers(page) and "Dinsos" in visible_headers(page)
    finally:
        context.close()


def test_topic_and_stage_filter_hide_rows(browser, server):
    context, page = open_page(browser, server.url + MATRIX)
    try:
        rows = "() => [...document.querySelectorAll('.pp-matrix tbody tr:not(.pp-group__head)')].filter(r => r.offsetParent !== null).length"
        everything = page.evaluate(rows)
        page.locator("details.pp-filter summary").click()
        page.locator("#pp-kelompok-koordinasi").check()
        in_topic = page.evaluate(rows)
        assert 0 < in_topic < everything
        assert page.locator("#topik-koordinasi").is_visible() and not page.locator("#topik-profesi").is_visible()
        page.locator("#pp-kelompok-semua").check()
        page.locator("#pp-tahap-asesmen").check()
        assessment = page.evaluate(rows)
        assert 0 < assessment < everything
        names = page.locator(".pp-matrix tbody tr:visible th[scope=row]").all_inner_texts()
        assert any("asesmen" in n.lower() for n in names), names
    finally:
        context.close()


def test_matrix_without_javascript_shows_the_full_table(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(server.url + MATRIX, wait_until="load")
        assert not page.locator(".pp-filter").is_visible(), "no dead controls without JavaScript"
        assert len(visible_headers(page)) == 13  # the task column and every role
        assert page.locator(".pp-legend dt").count() == 12
    finally:
        context.close()


def _switch_pair(page) -> None:
    """From the default pair (Pendamping Sosial and Relawan Sosial) to Pekerja Sosial and Relawan."""
    assert page.locator("h1").inner_text().startswith("Bandingkan peran: Pendamping Sosial dan Relawan Sosial")
    assert page.locator(".pp-pair-switch").is_visible()
    with page.expect_navigation():
        page.locator("#pp-a-pekerja-sosial").check()
    assert "Pekerja Sosial dan Relawan Sosial" in page.locator("h1").inner_text()
    assert page.locator("#pp-a-pekerja-sosial").is_checked() and page.locator("#pp-b-relawan").is_checked()


def test_pair_switcher_over_http(browser, server):
    context, page = open_page(browser, server.url + COMPARE)
    try:
        _switch_pair(page)
        assert page.url.endswith("/peran/bandingkan/pekerja-sosial-dan-relawan/")
    finally:
        context.close()


@pytest.fixture(scope="module")
def file_site(tmp_path_factory: pytest.TempPathFactory, chromium_path: Path) -> Path:
    """The site as the offline bundle builds it (plain `.html` files, opened from file://)."""
    site = tmp_path_factory.mktemp("file-site") / "situs"
    assert build_into(REPO / "mkdocs.yml", site, name="paket luring", overrides=_site_overrides())
    return site


def test_pair_switcher_and_filter_from_file_url(browser, file_site):
    context, page = open_page(browser, (file_site / "peran" / "bandingkan" / "index.html").as_uri())
    try:
        _switch_pair(page)
        assert page.url.endswith("/peran/bandingkan/pekerja-sosial-dan-relawan.html")
        page.goto((file_site / "peran" / "matriks.html").as_uri(), wait_until="load")
        page.locator("details.pp-filter summary").click()
        page.locator("#pp-peran-tksk").uncheck()
        assert "TKSK" not in visible_headers(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    finally:
        context.close()
