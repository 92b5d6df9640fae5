"""A guideline printed from the browser ("Cetak" → A4): only the content, links readable on paper,
no recommendation split across two sheets. The PDF is Chromium's own print (`page.pdf()`), kept in
the artifacts folder (`test-artifacts/print/`) with a PNG of its first page when pdftoppm exists."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

GUIDELINE = "etika-klien/kerahasiaan-klien/"
LAW = "hukum/uu-2019-14/"  # links to the official text outside the site
A4_POINTS = (595.3, 841.9)
# Words that only the site's frame shows: navigation, table of contents, footer, page actions.
FRAME_WORDS = ["Dalam situasi ini", "Daftar isi", "Sebelumnya", "Selanjutnya", "Laporkan masalah", "Kirim surel"]
FRAME = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search", ".pp-actions"]


def _plain(text: str) -> str:
    """PDF or DOM text compared word for word: ligatures undone, all spacing one space."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


@pytest.fixture(scope="module")
def printed(browser, server, artifacts: Path):
    """The guideline page printed to PDF, and what the page shows under print media."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    try:
        page = context.new_page()
        page.goto(server.url + GUIDELINE, wait_until="networkidle")
        pdf = artifacts / "print" / "guideline.pdf"
        pdf.parent.mkdir(parents=True, exist_ok=True)
        page.pdf(path=str(pdf), prefer_css_page_size=True)
        page.emulate_media(media="print")
        frame_shown = page.evaluate(
            """sel => sel.filter(s => [...document.querySelectorAll(s)].some(e => {
                   const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; }))""",
            FRAME,
        )
        recs = page.locator("article .pp-rec").evaluate_all(
            "els => els.map(e => ({text: e.innerText, brk: getComputedStyle(e).breakInside}))"
        )
        title = page.locator("article h1").first.evaluate("h => h.firstChild.textContent")
    finally:
        context.close()
    png = pdf.with_suffix("")
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(png)], check=True
        )
    return {"pdf": pdf, "frame_shown": frame_shown, "recs": recs, "title": title.strip()}


@pytest.fixture(scope="module")
def sheets(printed) -> list[str]:
    from pypdf import PdfReader

    reader = PdfReader(printed["pdf"])
    for number, sheet in enumerate(reader.pages, 1):
        size = (float(sheet.mediabox.width), float(sheet.mediabox.height))
        assert size == pytest.approx(A4_POINTS, abs=1.5), f"sheet {number} is {size} points, not A4"
    return [_plain(sheet.extract_text()) for sheet in reader.pages]


def test_print_shows_no_navigation_header_search_or_footer(printed, sheets):
    assert printed["frame_shown"] == []
    assert _plain(printed["title"]) in sheets[0]
    for words in FRAME_WORDS:
        assert not [n for n, text in enumerate(sheets, 1) if words in text], f"{words!r} printed"


def test_each_recommendation_prints_on_one_sheet(printed, sheets):
    assert len(printed["recs"]) >= 3 and len(sheets) >= 2  # a page long enough to need page breaks
    for rec in printed["recs"]:
        assert rec["brk"] == "avoid"
        words = _plain(rec["text"]).split()
        start, end = " ".join(words[1:6]), " ".join(words[-5:])  # after the strength badge
        assert any(start in text and end in text for text in sheets), f"split across sheets: {start} … {end}"


def test_external_links_print_their_address(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(server.url + LAW, wait_until="networkidle")
        page.emulate_media(media="print")
        printed = page.locator("article a[href^='http']").evaluate_all(
            "links => links.map(a => [a.getAttribute('href'), getComputedStyle(a, '::after').content, getComputedStyle(a).color])"
        )
        internal = page.locator("article a[href^='../']").first.evaluate("a => getComputedStyle(a, '::after').content")
    finally:
        context.close()
    assert printed, f"/{LAW} has no external link to print"
    for href, after, colour in printed:
        assert after == f'" ({href})"', (href, after)
        assert colour == "rgb(0, 0, 0)"
    assert internal in ("none", "normal")  # a link inside the guide prints as its words only
