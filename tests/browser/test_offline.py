"""The offline bundle (zip for USB sticks and trainings): opened from file://, with no network.

Checks on the unpacked bundle: a search ("didampingi") shows results, no page asks for anything
over http(s) while loading, navigating and searching, a word found only in a recommendation or
step brings its deep link (the worker loads body parts from file://), and a search that finds
nothing offers glossary terms and topics.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from panduan.offline import build_offline
from panduan.search.documents import plain
from panduan.search.split import read_bodies, stage1_as_indexed
from panduan.search.stemmer import analyze

REPO = Path(__file__).resolve().parents[2]
ARCHIVE_ROOT = "panduan-praktik"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory, chromium_path: Path) -> Path:
    tmp = tmp_path_factory.mktemp("offline")
    archive = tmp / "panduan-offline.zip"
    assert build_offline(REPO / "mkdocs.yml", archive), "the offline bundle must build"
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
        assert f"{ARCHIVE_ROOT}/index.html" in names, names[:10]
        assert all(n.startswith(f"{ARCHIVE_ROOT}/") for n in names), "everything inside one folder"
        zf.extractall(tmp / "unpacked")
    return tmp / "unpacked" / ARCHIVE_ROOT


@pytest.fixture(scope="module")
def session(browser, bundle: Path):
    """Open the bundle's home page from file://, search for "didampingi", record every request."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    console: list[str] = []
    outcome = {"requests": requests, "titles": [], "links": [], "error": None, "console": console}
    try:
        page = context.new_page()
        page.on("console", lambda message: console.append(message.text))
        page.set_default_timeout(15_000)
        page.goto(bundle.joinpath("index.html").as_uri(), wait_until="load")
        page.goto(bundle.joinpath("etika-klien", "kerahasiaan-klien.html").as_uri(), wait_until="load")
        try:
            search_input = page.locator("input.md-search__input")
            search_input.click(timeout=10_000)
            page.keyboard.type("didampingi", delay=15)
            page.wait_for_selector(".md-search-result__item", timeout=20_000)
            outcome["titles"] = page.locator(
                ".md-search-result__item > .md-search-result__link article h1"
            ).all_inner_texts()
            outcome["links"] = page.locator(".md-search-result__item > .md-search-result__link").evaluate_all(
                "links => links.map(a => a.href)"
            )
        except PlaywrightTimeout as exc:
            outcome["error"] = str(exc).splitlines()[0]
    finally:
        context.close()
    return outcome


def _online(requests: list[str]) -> list[str]:
    return sorted({u for u in requests if u.startswith(("http://", "https://"))})


def test_offline_bundle_makes_no_network_request(session):
    assert session["requests"], "no request recorded"
    online = _online(session["requests"])
    assert not online, "the offline bundle asks the network for:\n" + "\n".join(online)


def test_offline_search_works_from_file_url(session):
    if session["error"]:
        pytest.fail(
            f"search did not work from file:// ({session['error']}); "
            f"network requests made: {_online(session['requests']) or 'none'}",
            pytrace=False,
        )
    titles, links = session["titles"], session["links"]
    assert titles, "no search result in the offline bundle"
    assert "damping" in titles[0].lower(), titles[:5]
    # Directory URLs are off offline: results must point at real .html files inside the bundle.
    assert links and all(link.startswith("file://") and ".html" in link for link in links), links[:5]


def test_offline_bundle_runs_under_the_policy(session, bundle: Path):
    """The Content-Security-Policy holds from file:// too: no script, style or worker is refused."""
    head = bundle.joinpath("index.html").read_text(encoding="utf-8").split("</head>")[0]
    assert "Content-Security-Policy" in head
    assert not [m for m in session["console"] if "Content Security Policy" in m], session["console"]


def test_situation_reached_from_the_home_page_over_file_url(browser, bundle: Path):
    """A worker opens the bundle, picks a situation on the home page, and follows a step to the
    guideline it comes from, all from file://."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(bundle.joinpath("index.html").as_uri(), wait_until="load")
        page.locator("article").get_by_role("link", name="Anak dalam bahaya").click()
        page.wait_for_load_state("load")
        assert page.url.endswith("/situasi/anak-dalam-bahaya.html"), page.url
        page.locator("article").get_by_role("link", name="Relawan Sosial").first.click()  # the role jump list
        assert page.url.endswith("#peran-relawan"), page.url
        page.locator("#peran-relawan ~ ol a", has_text="langkah 1").first.click()
        page.wait_for_load_state("load")
        assert page.url.endswith("/kelompok-rentan/perlindungan-anak.html#langkah-1"), page.url
        assert page.locator("#langkah-1").count() == 1
    finally:
        context.close()


# --------------------------------------------------------------------------- deep links offline

DEEP = re.compile(r"#(r\d+|langkah-\d+)$")
HIDDEN = ("location", "boost")


def _terms(doc: dict) -> set[str]:
    return {stem for key, value in doc.items() if key not in HIDDEN for stem in analyze(plain(str(value)))}


def _near(a: str, b: str, limit: int = 2) -> bool:
    """Levenshtein distance of a and b is at most `limit` (lunr's fuzzy match is no wider)."""
    if abs(len(a) - len(b)) > limit:
        return False
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, start=1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1] <= limit


def body_only_word(site: Path) -> tuple[str, str]:
    """(word, location): a word of ONE recommendation or step that the first stage of the index
    does not hold, not as a prefix nor as a near miss, so the browser finds it only after loading
    the body parts. Read from the bundle itself, so the test follows the content."""
    stage1 = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    known = set().union(*(_terms(stage1_as_indexed(d)) for d in stage1))
    docs = [d for pages in read_bodies(site / "search" / "badan").values() for page in pages.values() for d in page]
    seen: dict[str, set[str]] = {}
    for doc in docs:
        for stem in _terms(doc):
            seen.setdefault(stem, set()).add(doc["location"])
    for doc in sorted((d for d in docs if DEEP.search(d["location"])), key=lambda d: d["location"]):
        for word in sorted(set(re.findall(r"[a-z]{7,}", plain(doc.get("text", ""))))):
            stems = analyze(word)
            if len(stems) != 1 or seen.get(stems[0]) != {doc["location"]}:
                continue
            stem = stems[0]
            if stem in known or any(t.startswith(stem) or _near(stem, t) for t in known):
                continue
            return word, doc["location"]
    raise AssertionError("no word found only in one recommendation or step")


def test_offline_search_finds_a_recommendation_by_its_body(browser, bundle: Path):
    word, location = body_only_word(bundle)
    page_path, anchor = location.split("#")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.goto(bundle.joinpath("etika-klien", "kerahasiaan-klien.html").as_uri(), wait_until="load")
        page.locator("input.md-search__input").click()
        page.keyboard.type(word, delay=15)
        expected = bundle.joinpath(page_path).as_uri()
        page.wait_for_function(
            """([page, anchor]) => [...document.querySelectorAll('.md-search-result__item a')]
                .some(a => a.href.split('?')[0].split('#')[0] === page && a.hash === '#' + anchor)""",
            arg=[expected, anchor],
            timeout=30_000,
        )
        link = page.locator(f".md-search-result__item a[href*='#{anchor}']").first
        with page.expect_navigation():
            link.click()
        assert page.url.split("?")[0].split("#")[0] == expected and page.url.endswith("#" + anchor), page.url
    finally:
        context.close()


def test_offline_not_found_offers_terms_and_topics(browser, bundle: Path):
    """Nothing found: glossary terms and topics, linked to the bundle's own .html files."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.goto(bundle.joinpath("etika-klien", "kerahasiaan-klien.html").as_uri(), wait_until="load")
        page.locator("input.md-search__input").click()
        page.keyboard.type("disabilitasss", delay=15)
        page.wait_for_selector(".panduan-saran a", timeout=30_000)
        links = page.locator(".panduan-saran a").evaluate_all("links => links.map(a => [a.textContent, a.href])")
    finally:
        context.close()
    hrefs = dict(links)
    assert hrefs["penyandang disabilitas"] == bundle.joinpath("glosarium.html").as_uri() + "#penyandang-disabilitas"
    assert hrefs["Kelompok Rentan"] == bundle.joinpath("kelompok-rentan", "index.html").as_uri()
    assert all(Path(unquote(urlsplit(h).path)).is_file() for h in hrefs.values()), hrefs
