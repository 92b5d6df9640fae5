"""The offline bundle (zip for USB sticks and trainings): opened from file://, with no network.

Two checks on the unpacked bundle: a search ("didampingi") shows results, and no page asks for
anything over http(s) while loading, navigating and searching.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from panduan.offline import build_offline

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
