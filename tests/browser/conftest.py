"""Browser fixtures: the real site, built once, served on 127.0.0.1, driven by the system Chromium.

No browser is ever downloaded: Playwright launches /usr/bin/chromium. Without it the browser tests
are skipped locally, but fail under CI (CI=true), where a missing browser must not pass silently.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from panduan.site import build_site

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
# What a person should look at after a run (screenshots, printed PDFs); ignored by git.
ARTIFACTS = Path(os.environ.get("PANDUAN_TEST_ARTIFACTS") or REPO / "test-artifacts")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def require_chromium() -> None:
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return
    reason = f"system Chromium not found at {CHROMIUM}; install it (apt-get install chromium) to run browser tests"
    if os.environ.get("CI") == "true":
        pytest.fail(reason + " (CI=true: browser tests must run)", pytrace=False)
    pytest.skip(reason)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class Server:
    def __init__(self, root: Path) -> None:
        handler = functools.partial(_QuietHandler, directory=str(root))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self.root = root
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="site-server", daemon=True)

    def __enter__(self) -> Server:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(timeout=10)


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    require_chromium()
    return CHROMIUM


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """The folder for screenshots and PDFs of browser tests: `test-artifacts/` at the repository
    root, or $PANDUAN_TEST_ARTIFACTS (a CI job uploads it)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, chromium_path: Path) -> Path:
    site = tmp_path_factory.mktemp("browser") / "site"
    assert build_site(REPO / "mkdocs.yml", site), "the real site must build (strict)"
    return site


@pytest.fixture(scope="session")
def server(built_site: Path) -> Iterator[Server]:
    with Server(built_site) as srv:
        yield srv


@pytest.fixture(scope="session")
def browser(chromium_path: Path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=str(chromium_path), args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    try:
        yield pg
    finally:
        context.close()
