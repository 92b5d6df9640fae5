"""The built site in a real browser: search, glossary tooltips, privacy, accessibility, small screens."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.browser

GUIDELINE = "etika-klien/kerahasiaan-klien/"
SEARCH_TIMEOUT = 20_000  # ms; the worker fetches and indexes the whole site on first search


def judul(guideline_id: str) -> str:
    """The title of a guideline, read from its front matter."""
    (path,) = (REPO / "guidelines").glob(f"*/{guideline_id}.md")
    front = path.read_text(encoding="utf-8").split("---", 2)[1]
    return yaml.safe_load(front)["judul"]


def open_search(page, base_url: str, query: str) -> None:
    if not page.url.startswith(base_url):
        page.goto(base_url)
    search_input = page.locator("input.md-search__input")
    if not search_input.is_visible():
        page.locator("label.md-header__button[for='__search']").click()
    search_input.click()
    search_input.fill("")
    page.keyboard.type(query, delay=15)
    page.wait_for_selector(".md-search-result__item", timeout=SEARCH_TIMEOUT)
    # Material searches on every keystroke; wait until the list stops changing so the results
    # read are those of the whole query, not of a prefix whose answer arrived late.
    previous = None
    for _ in range(20):
        current = page.locator(".md-search-result").inner_html()
        if current == previous:
            return
        previous = current
        page.wait_for_timeout(250)


def heading(page) -> str:
    """The page's h1 without the permalink anchor (¶) that the toc extension appends."""
    return page.locator("article h1").first.evaluate(
        "h => [...h.childNodes].filter(n => !(n.classList && n.classList.contains('headerlink')))"
        ".map(n => n.textContent).join('').trim()"
    )


def result_titles(page) -> list[str]:
    # Each item is one page: its first link holds the page's article with an <h1>.
    return [
        t.strip()
        for t in page.locator(".md-search-result__item > .md-search-result__link article h1").all_inner_texts()
    ]


# --------------------------------------------------------------------------- search


FIRST_RESULT = {
    # query: guideline ids any of which may be the first result
    "didampingi": None,  # any guideline whose title is about pendampingan
    "STR": ["registrasi-str-sipps"],
    "surat tanda registrasi": ["registrasi-str-sipps"],
    "cara merujuk anak korban kekerasan": ["perlindungan-anak", "kekerasan-dalam-rumah-tangga"],
    "keluarga penerima manfaat": ["pendampingan-pkh"],
    "SLRT": ["rujukan-slrt-puskesos"],
    "rahasianya": ["kerahasiaan-klien"],
}


@pytest.mark.parametrize("query", list(FIRST_RESULT))
def test_search_first_result(page, server, query):
    open_search(page, server.url, query)
    titles = result_titles(page)
    assert titles, f"no results for {query!r}"
    expected = FIRST_RESULT[query]
    if expected is None:
        assert re.search(r"damping", titles[0], re.IGNORECASE), (query, titles[:5])
    else:
        assert titles[0] in {judul(g) for g in expected}, (query, titles[:5])


def test_search_result_opens_guideline(page, server):
    open_search(page, server.url, "surat tanda registrasi")
    link = page.locator(".md-search-result__item > .md-search-result__link").first
    with page.expect_navigation():
        link.click()
    assert urlsplit(page.url).path == "/profesi/registrasi-str-sipps/"
    assert heading(page) == judul("registrasi-str-sipps")


def test_search_opens_deep_link(page, server):
    """Recommendation documents are their own results and land on their anchor. The first stage of
    the index answers with pages; the deep links come once the worker has loaded the bodies."""
    open_search(page, server.url, "STR")
    page.wait_for_function(
        r"""() => [...document.querySelectorAll('.md-search-result__item a.md-search-result__link')]
            .some(a => /registrasi-str-sipps\/(\?[^#]*)?#(r\d+|langkah-\d+)$/.test(a.getAttribute('href') || ''))""",
        timeout=15_000,
    )
    hrefs = page.locator(".md-search-result__item a.md-search-result__link").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert any(re.search(r"registrasi-str-sipps/(\?[^#]*)?#(r\d+|langkah-\d+)$", h or "") for h in hrefs), hrefs[:10]


# --------------------------------------------------------------------------- glossary tooltip


def test_glossary_tooltip_shows_definition(page, server, built_site: Path):
    page.goto(server.url + GUIDELINE)
    link = page.locator("article a[href*='glosarium/#']").first
    link.wait_for()
    href = link.get_attribute("href")
    # The definition: the title the generator put on the link (Material moves it into the tooltip).
    html = (built_site / GUIDELINE / "index.html").read_text(encoding="utf-8")
    m = re.search(r'<a href="' + re.escape(href) + r'" title="([^"]+)"', html)
    assert m, f"glossary link {href} has no title attribute in the HTML"
    definition = html_lib.unescape(m.group(1))
    link.scroll_into_view_if_needed()
    link.hover()
    tooltip = page.locator(".md-tooltip2, .md-tooltip").filter(has_text=definition[:40]).first
    tooltip.wait_for(state="visible", timeout=5_000)
    text = " ".join(tooltip.inner_text().split())
    assert definition[:60] in text, (definition, text)


# --------------------------------------------------------------------------- privacy


def test_glossary_searches_for_the_guidelines_it_does_not_list(page, server):
    """A term used in many guidelines lists the main ones; its search link opens the site's
    search with the term typed in, and finds guidelines beyond the listed ones."""
    page.goto(server.url + "glosarium/#pekerja-sosial")
    entry = page.locator("h3#pekerja-sosial ~ p:has-text('Dipakai di')").first
    assert re.match(r"Dipakai di \d+ pedoman, terutama:", entry.inner_text())
    listed = {urlsplit(href).path for href in entry.locator("a").evaluate_all("links => links.map(a => a.href)")}
    entry.get_by_role("link", name="Cari pedoman lain yang memakainya").click()
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible")
    assert box.input_value() == "Pekerja Sosial"
    page.wait_for_selector(".md-search-result__item", timeout=30_000)
    found = {
        urlsplit(href).path
        for href in page.locator(".md-search-result__link").evaluate_all("links => links.map(a => a.href)")
    }
    assert found - listed, "the search finds no guideline beyond the listed ones"


def test_no_request_leaves_localhost(page, server):
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    for path in ("", GUIDELINE, "glosarium/"):
        page.goto(server.url + path, wait_until="networkidle")
    open_search(page, server.url, "didampingi")
    page.wait_for_load_state("networkidle")
    # Workers' requests are not page requests; the search worker's fetches go through the context.
    allowed = ("data:", "blob:", server.url)
    outside = sorted({u for u in urls if not u.startswith(allowed)})
    assert urls, "no request recorded"
    assert not outside, "requests left localhost:\n" + "\n".join(outside)


def test_no_request_leaves_localhost_including_workers(browser, server):
    """Same check at the context level, which also sees the search worker's requests."""
    context = browser.new_context()
    urls: list[str] = []
    context.on("request", lambda request: urls.append(request.url))
    try:
        pg = context.new_page()
        pg.set_default_timeout(15_000)
        pg.goto(server.url, wait_until="networkidle")
        open_search(pg, server.url, "STR")
        pg.wait_for_load_state("networkidle")
    finally:
        context.close()
    outside = sorted({u for u in urls if not u.startswith(("data:", "blob:", server.url))})
    assert any("search_index.json" in u for u in urls), urls
    assert not outside, "requests left localhost:\n" + "\n".join(outside)


# --------------------------------------------------------------------------- accessibility

AXE_PAGES = ["", GUIDELINE, "glosarium/", "peran/matriks/", "peran/kompetensi/", "peran/bandingkan/", "peran/relawan/"]


@pytest.mark.parametrize("path", AXE_PAGES, ids=lambda p: p or "beranda")
def test_axe_no_serious_violations(page, server, path):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(server.url + path, wait_until="networkidle")
    results = Axe().run(page)
    violations = results.response["violations"]
    bad = [v for v in violations if v.get("impact") in ("serious", "critical")]
    report = []
    for v in bad:
        report.append(f"[{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])} nodes)")
        # Group nodes by their failure (for contrast: the colour pair), with a few examples each.
        groups: dict[str, list[str]] = {}
        for node in v["nodes"]:
            summary = (node.get("failureSummary") or "").strip().splitlines()[-1].strip()
            colours = re.search(r"foreground color: (#\w+), background color: (#\w+)", summary)
            key = f"fg {colours[1]} on bg {colours[2]}" if colours else summary
            groups.setdefault(key, []).append(f"{' '.join(node['target'])}  {node['html'][:120]!r}")
        for key, nodes in groups.items():
            report.append(f"    {len(nodes)} x {key}")
            report += [f"        {n}" for n in nodes[:3]]
    print("\n".join(report))
    assert not bad, f"axe serious/critical violations on /{path}:\n" + "\n".join(report)


# --------------------------------------------------------------------------- small screens

NARROW_PAGES = [
    "",
    GUIDELINE,
    "peran/matriks/",
    "peran/kompetensi/",
    "peran/bandingkan/",
    "peran/relawan/",
    "glosarium/",
    "hukum/uu-2019-14/",
]


@pytest.mark.parametrize("path", NARROW_PAGES, ids=lambda p: p or "beranda")
def test_no_horizontal_scroll_at_360px(browser, server, path):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    try:
        pg = context.new_page()
        pg.goto(server.url + path, wait_until="networkidle")
        width = pg.evaluate("document.documentElement.scrollWidth")
        offenders = []
        if width > 360:
            offenders = pg.evaluate(
                """() => {
                  const out = [];
                  for (const el of document.querySelectorAll('body *')) {
                    const r = el.getBoundingClientRect();
                    if (r.right > 361 && r.width > 0 && getComputedStyle(el).position !== 'fixed') {
                      // Skip elements inside a scrolling container (tables in .md-typeset__scrollwrap).
                      let p = el.parentElement, clipped = false;
                      while (p) {
                        const o = getComputedStyle(p).overflowX;
                        if (o === 'auto' || o === 'scroll' || o === 'hidden') { clipped = true; break; }
                        p = p.parentElement;
                      }
                      if (!clipped) out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} right=${Math.round(r.right)} width=${Math.round(r.width)}`);
                    }
                  }
                  return out.slice(0, 15);
                }"""
            )
    finally:
        context.close()
    assert width <= 360, f"/{path}: scrollWidth {width} > 360; widest elements:\n" + "\n".join(offenders)
