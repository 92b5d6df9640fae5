"""`panduan serve` as editors run it: a real server process on a free localhost port.

A broken source turns every page into the list of problems (no hanging request, no traceback),
fixing it brings the pages back, and no request path reaches a file outside the site.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import GUIDELINE
from tests.e2e.test_site_build import MKDOCS_YML

PATH = "guidelines/etika-klien/kerahasiaan.md"
PAGE = "/etika-klien/kerahasiaan/"
SENTINEL = "panduan-sentinel-9f3c1e"
# No proxy, ever: the server is on 127.0.0.1 and nothing else may be contacted.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
ERROR_TITLE = "galat di berkas sumber"
ATTEMPTS = 600  # polls of 0.2 s; a bound on waiting, not an expectation of speed

TRAVERSALS = [
    "/../../../../../../etc/passwd",
    "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/%2E%2E%2F%2E%2E%2F%2E%2E%2F%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
    "/assets/../../../../../../../proc/self/environ",
    "/..%5c..%5c..%5c..%5c..%5c..%5cetc%5cpasswd",
    "//etc/passwd",
    "/etc/passwd%00.html",
    "/%252e%252e/%252e%252e/etc/passwd",
]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(port: int, path: str) -> tuple[int, str]:
    try:
        with OPENER.open(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def _raw_get(port: int, path: str) -> tuple[int, bytes]:
    """The request line exactly as given: no client-side normalisation of `..` or `%2e`."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.putrequest("GET", path, skip_accept_encoding=True)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


class Server:
    def __init__(self, root: Path, log: Path) -> None:
        self.port = _free_port()
        self.log = log
        self._log_file = log.open("wb")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PANDUAN_SENTINEL": SENTINEL}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "panduan", "--root", str(root), "serve", "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=root,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=self._log_file,
        )

    def wait_for(self, path: str, expect_status: int, *fragments: str, absent: str = "\0") -> str:
        """Poll until `path` answers with the status and fragments; fail with the server's log."""
        last: tuple[int, str] | str = "no answer"
        for _ in range(ATTEMPTS):
            if self.process.poll() is not None:
                break
            try:
                last = _get(self.port, path)
            except (ConnectionError, OSError) as exc:
                last = repr(exc)
            else:
                if last[0] == expect_status and all(f in last[1] for f in fragments) and absent not in last[1]:
                    return last[1]
            time.sleep(0.2)
        pytest.fail(
            f"{path} never answered {expect_status} with {fragments}; last: {str(last)[:2000]}\n{self.stderr()}"
        )

    def stderr(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log_file.close()


@pytest.fixture
def serve_project(project):
    project.write("mkdocs.yml", MKDOCS_YML + "strict: true\n")  # as the real mkdocs.yml
    (project.root / "docs").mkdir()
    return project


def _assert_no_escape(port: int, *, failing: bool = False) -> None:
    """404 for every path outside the site; while failing, page-like paths may get the error page."""
    for path in TRAVERSALS:
        status, body = _raw_get(port, path)
        assert status == 404 or (failing and ERROR_TITLE.encode() in body), (path, status, body[:300])
        assert b"root:" not in body and SENTINEL.encode() not in body, path


def test_serve_survives_a_broken_source_and_recovers(serve_project, tmp_path):
    good = GUIDELINE.format(id="kerahasiaan")
    broken = good.replace("status: berlaku", "status: aktif") + "\nContoh: NIK 3201015203900002.\n"
    status_line = broken[: broken.index("status: aktif")].count("\n") + 1
    nik_line = broken[: broken.index("3201015203900002")].count("\n") + 1
    serve_project.write(PATH, broken)  # the server even starts on a broken source
    server = Server(serve_project.root, tmp_path / "serve.log")
    try:
        for path in (PAGE, "/", "/glosarium/", "/tidak-ada/"):
            page = server.wait_for(path, 200, ERROR_TITLE, f"{PATH}:{status_line}:9")
        assert "`aktif` tidak diizinkan untuk `status`" in page and "Nilai yang diizinkan: `berlaku`" in page
        assert f"{PATH}:{nik_line}:13</code>: tampak seperti NIK" in page and "[personal-data-nik]" in page
        assert '<html lang="id">' in page and "3201015203900002" not in page  # the value itself is masked
        assert _get(server.port, "/schema/pedoman.schema.json")[0] == 200  # non-page files pass through
        _assert_no_escape(server.port, failing=True)

        serve_project.write(PATH, good)
        server.wait_for(PAGE, 200, "Menjaga kerahasiaan klien", "Jaga kerahasiaan klien.", absent=ERROR_TITLE)
        _assert_no_escape(server.port)

        serve_project.write(PATH, broken.replace("status: aktif", "status: berlaku"))
        server.wait_for(PAGE, 200, "Pratinjau berhenti: 1 galat", "[personal-data-nik]")

        serve_project.write(PATH, good)
        server.wait_for(PAGE, 200, "Menjaga kerahasiaan klien", absent=ERROR_TITLE)

        # Not a source error: a broken mkdocs.yml is shown the same way instead of hanging.
        config = (serve_project.root / "mkdocs.yml").read_text()
        serve_project.write("mkdocs.yml", config + "nav: [\n")
        server.wait_for(PAGE, 200, "Situs gagal dibangun")
        serve_project.write("mkdocs.yml", config)
        server.wait_for(PAGE, 200, "Menjaga kerahasiaan klien", absent=ERROR_TITLE)
        assert server.process.poll() is None
    finally:
        server.stop()
    log = server.stderr()
    assert "Traceback" not in log and "appear stuck" not in log, log
    assert f"{PATH}:{status_line}:9: galat:" in log
