"""Layout of every generated page type on a phone (360 px), a tablet (768 px) and a laptop (1280 px).

For one page of each type, as a reader opens it:

* the page never scrolls sideways; only a table may, inside its own frame;
* no table cell is narrower than its longest word (a word is never broken inside or cut off);
* every heading, and the first recommendation, is on screen without scrolling sideways;
* axe finds no serious or critical accessibility problem.

Each page is loaded once per width, measured, and screenshotted into the artifacts folder
(`test-artifacts/layout/`). `test_checks_catch_a_broken_stylesheet` proves that the same
measurements fail when a stylesheet forces overflow.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

# One page of each generated type. Adding a page type is one line.
PAGE_TYPES: dict[str, str] = {
    "home": "",
    "topic": "etika-klien/",
    "guideline": "etika-klien/kerahasiaan-klien/",
    "role": "peran/relawan/",
    "matrix": "peran/matriks/",
    "competency-matrix": "peran/kompetensi/",
    "comparison": "peran/bandingkan/",
    "law": "hukum/uu-2019-14/",
    "glossary": "glosarium/",
    "coverage": "hukum/cakupan/",
    "downloads": "unduhan/",
    "situations": "situasi/",
    "situation": "situasi/anak-dalam-bahaya/",
    "region": "wilayah/banten/",
    "guideline-with-regional-blocks": "kelompok-rentan/tanggap-bencana/",
}
WIDTHS = (360, 768, 1280)

# (page type, width) → why it fails today. The marks are strict: when the fix lands, the xfail
# turns into a failure and its line here must go. (Issue 18's matrix entries went with its fix.)
KNOWN_PAGE_SCROLL: dict[tuple[str, int], str] = {}
KNOWN_NARROW_CELLS: dict[tuple[str, int], str] = {}

MEASURE = """() => {
  const vw = document.documentElement.clientWidth;
  const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + [...el.classList].map(c => '.' + c).join('');
  const shown = el => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  const inFrame = el => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) return true;
    }
    return false;
  };
  const out = {viewport: vw, scrollWidth: document.documentElement.scrollWidth,
               overflowing: [], narrowCells: [], offscreen: [], headings: 0, cells: 0};

  // Sideways scrolling of the page: the elements reaching past the right edge outside a frame.
  if (out.scrollWidth > vw) {
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.right > vw + 1 && r.width > 0 && getComputedStyle(el).position !== 'fixed' && !inFrame(el)) {
        out.overflowing.push(`${describe(el)} right=${Math.round(r.right)}`);
      }
    }
  }

  // Table cells: a word (split at spaces, hyphens and slashes) must sit on one line inside the cell.
  for (const cell of document.querySelectorAll('article td, article th')) {
    if (!shown(cell)) continue;
    out.cells++;
    const cs = getComputedStyle(cell);
    const box = cell.getBoundingClientRect();
    const right = box.right - parseFloat(cs.paddingRight) - parseFloat(cs.borderRightWidth) + 1;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    let node, bad = null;
    while (!bad && (node = walker.nextNode())) {
      const re = /[^\\s\\-\\u2013\\/]+[\\-\\u2013\\/]?/g;
      let m;
      while (!bad && (m = re.exec(node.data))) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const rects = [...range.getClientRects()].filter(r => r.width > 0);
        if (!rects.length) continue;
        const lines = new Set(rects.map(r => Math.round(r.top))).size;
        if (lines > 1 || Math.max(...rects.map(r => r.right)) > right) bad = m[0];
      }
    }
    if (bad) {
      const text = cell.innerText.replace(/\\s+/g, ' ').trim().slice(0, 40);
      out.narrowCells.push(`${describe(cell)} ${Math.round(box.width)}px: "${bad}" in "${text}"`);
    }
  }

  // Headings and the first recommendation: on screen at the page's left scroll position.
  const targets = [...document.querySelectorAll('article h1, article h2, article h3')].filter(shown);
  out.headings = targets.length;
  const rec = document.querySelector('article .pp-rec');
  if (rec && shown(rec)) targets.push(rec);
  for (const el of targets) {
    const r = el.getBoundingClientRect();
    if (r.left < -1 || r.right > vw + 1) {
      out.offscreen.push(`${describe(el)} "${el.textContent.trim().slice(0, 40)}" left=${Math.round(r.left)} right=${Math.round(r.right)}`);
    }
  }
  return out;
}"""


def open_page(browser, url: str, width: int, *, bypass_csp: bool = False):
    """A fresh browser page at `width` (a phone below 768 px: touch, 2x pixels), loaded."""
    phone = width < 768
    context = browser.new_context(
        viewport={"width": width, "height": 800 if phone else 900},
        device_scale_factor=2 if phone else 1,
        is_mobile=phone,
        has_touch=phone,
        locale="id-ID",
        bypass_csp=bypass_csp,
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(url, wait_until="networkidle")
    return context, page


def serious_axe_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    return [
        f"[{v['impact']}] {v['id']}: {v['help']} — " + "; ".join(" ".join(n["target"]) for n in v["nodes"][:3])
        for v in violations
        if v.get("impact") in ("serious", "critical")
    ]


def measure(page) -> dict[str, Any]:
    return page.evaluate(MEASURE)


def screenshot(page, path: Path) -> None:
    """The top of the page (up to about three screens), as a reader scrolls into it."""
    height = min(page.evaluate("document.documentElement.scrollHeight"), 2400)
    width = page.evaluate("document.documentElement.clientWidth")
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True, clip={"x": 0, "y": 0, "width": width, "height": height})


_MEASURED: dict[tuple[str, int], dict[str, Any]] = {}


@pytest.fixture
def layout(browser, server, artifacts: Path, request):
    """Measurements (and axe findings) of one page type at one width, taken once per run."""

    def get(kind: str, width: int) -> dict[str, Any]:
        if (kind, width) not in _MEASURED:
            context, page = open_page(browser, server.url + PAGE_TYPES[kind], width)
            try:
                found = measure(page)
                found["axe"] = serious_axe_violations(page)
                screenshot(page, artifacts / "layout" / f"{kind}-{width}.png")
            finally:
                context.close()
            _MEASURED[kind, width] = found
        return _MEASURED[kind, width]

    return get


def _cases(known: dict[tuple[str, int], str] | None = None) -> list[Any]:
    known = known or {}
    return [
        pytest.param(
            kind,
            width,
            id=f"{kind}-{width}",
            marks=[pytest.mark.xfail(strict=True, reason=known[kind, width])] if (kind, width) in known else [],
        )
        for kind in PAGE_TYPES
        for width in WIDTHS
    ]


@pytest.mark.parametrize("kind,width", _cases(KNOWN_PAGE_SCROLL))
def test_page_never_scrolls_sideways(layout, kind, width):
    found = layout(kind, width)
    assert found["scrollWidth"] <= found["viewport"], (
        f"/{PAGE_TYPES[kind]} at {width}px is {found['scrollWidth']}px wide; past the edge:\n"
        + "\n".join(found["overflowing"][:15])
    )


@pytest.mark.parametrize("kind,width", _cases(KNOWN_NARROW_CELLS))
def test_no_table_cell_is_narrower_than_its_longest_word(layout, kind, width):
    found = layout(kind, width)
    assert not found["narrowCells"], (
        f"/{PAGE_TYPES[kind]} at {width}px: {len(found['narrowCells'])} of {found['cells']} cells break or cut a word:\n"
        + "\n".join(found["narrowCells"][:15])
    )


@pytest.mark.parametrize("kind,width", _cases())
def test_headings_and_first_recommendation_are_on_screen(layout, kind, width):
    found = layout(kind, width)
    assert found["headings"] > 0, f"/{PAGE_TYPES[kind]} shows no heading at {width}px"
    assert not found["offscreen"], f"/{PAGE_TYPES[kind]} at {width}px, outside the screen:\n" + "\n".join(
        found["offscreen"]
    )


@pytest.mark.parametrize("kind,width", _cases())
def test_no_serious_accessibility_problem(layout, kind, width):
    found = layout(kind, width)
    assert not found["axe"], f"/{PAGE_TYPES[kind]} at {width}px:\n" + "\n".join(found["axe"])


# A stylesheet that breaks the layout three ways and the contrast once.
BROKEN_CSS = """
.md-typeset h2 { position: relative; left: 1400px; }
.md-typeset td, .md-typeset th { width: 1px; max-width: 2ch; word-break: break-all; }
.md-typeset p, .md-typeset li { color: #d0d0d0 !important; }
"""


def test_checks_catch_a_broken_stylesheet(browser, server, artifacts: Path):
    """The measurements above are not vacuous: with a stylesheet forcing overflow, every check fails."""
    context, page = open_page(browser, server.url + PAGE_TYPES["guideline"], 1280, bypass_csp=True)
    try:
        healthy = measure(page)
        page.add_style_tag(content=BROKEN_CSS)
        broken = measure(page)
        axe = serious_axe_violations(page)
        screenshot(page, artifacts / "layout" / "broken-stylesheet-1280.png")
    finally:
        context.close()
    assert healthy["scrollWidth"] <= healthy["viewport"] and not healthy["narrowCells"] and not healthy["offscreen"]
    assert broken["scrollWidth"] > broken["viewport"] and any(o.startswith("h2") for o in broken["overflowing"])
    assert len(broken["narrowCells"]) >= 5, broken["narrowCells"]
    assert any(re.match(r"h2#", o) for o in broken["offscreen"]), broken["offscreen"]
    assert any("color-contrast" in v for v in axe), axe
