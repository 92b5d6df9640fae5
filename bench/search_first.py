"""First search on a phone: bytes over the wire and time to the first result.

Run with `.venv/bin/python bench/search_first.py [SITE ...]` (built sites; default: builds the real
guide and a synthetic guide of 1,000 guidelines, bench/synthetic_guide.py, into a temporary
folder). Each site is served from 127.0.0.1 by a small server that gzips text the way a real
host does, and opened in the system Chromium (/usr/bin/chromium) with, through the DevTools
protocol, the CPU slowed 4x (`Emulation.setCPUThrottlingRate`) and the network at DevTools'
"Slow 3G" (`Network.emulateNetworkConditions`: 2,000 ms latency, 50,000 bytes/s each way).

One run: open a guideline page, wait for its `load` event, type a query into the search box,
and time until the first result is on screen. A second series types once the page is idle: the
network quiet and the search worker's index built. Bytes: every response's encoded (gzip) length,
from DevTools' `Network.loadingFinished`, for the search files (index, worker, analyzer, body
parts) fetched up to the first result, and again once the worker's refinement (bodies of the
top pages' parts) is done. Figures are printed and written to bench/results.md
(rows starting with "| search-first").
"""

from __future__ import annotations

import functools
import gzip
import io
import json
import statistics
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "generator"))
sys.path.insert(0, str(ROOT / "bench"))

CHROMIUM = "/usr/bin/chromium"
SLOW_3G = {"offline": False, "latency": 2000, "downloadThroughput": 50_000, "uploadThroughput": 50_000}
CPU_SLOWDOWN = 4
QUERIES = ["korban banjir", "kerahasiaan klien", "registrasi STR"]
SEARCH_PARTS = ("/search/", "/workers/", "/lunr/")
RESULTS = ROOT / "bench" / "results.md"
ROW_PREFIX = "| search-first"
TEXT_TYPES = ("text/", "application/json", "application/javascript", "image/svg")


SENT: list[tuple[float, str, int]] = []  # (time, path, bytes of body sent): the worker's requests too


class _GzipHandler(SimpleHTTPRequestHandler):
    """Static files, gzip-encoded when the client accepts it (as any production host would)."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        ctype = self.guess_type(str(path))
        if (
            not path.is_file()
            or "gzip" not in self.headers.get("Accept-Encoding", "")
            or not ctype.startswith(TEXT_TYPES)
        ):
            if path.is_file():
                SENT.append((time.perf_counter(), self.path, path.stat().st_size))
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        SENT.append((time.perf_counter(), self.path, len(body)))
        return io.BytesIO(body)


def serve(root: Path) -> tuple[ThreadingHTTPServer, str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_GzipHandler, directory=str(root)))
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def first_search(browser, url: str, query: str, idle: bool = False) -> dict[str, float]:
    context = browser.new_context(viewport={"width": 412, "height": 860}, locale="id-ID")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    urls: dict[str, str] = {}
    sizes: dict[str, int] = {}
    cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))

    SENT.clear()

    def search_bytes() -> int:
        # Counted where the server sends them: DevTools' page session does not see the worker's.
        return sum(n for _, path, n in list(SENT) if any(p in path for p in SEARCH_PARTS))

    page.set_default_timeout(180_000)
    page.goto(url, wait_until="networkidle" if idle else "load")
    if idle:
        _wait_search_ready(page)
    page.click("label[for=__search]")
    started = time.perf_counter()
    page.keyboard.type(query)
    page.wait_for_selector(".md-search-result__item")
    first = time.perf_counter() - started
    first_bytes = search_bytes()
    # Refinement: the worker loads the top pages' parts and answers again (deep links appear).
    try:
        page.wait_for_function(
            "() => Array.from(document.querySelectorAll('.md-search-result__item a')).some(a => /#(r\\d|langkah-)/.test(a.href))",
            timeout=120_000,
        )
        refined = time.perf_counter() - started
    except Exception:
        refined = float("nan")
    page.wait_for_timeout(1500)
    t0 = SENT[0][0] if SENT else 0
    print(
        "   ",
        query,
        [(round(t - t0, 1), p.split("?")[0][-40:], n) for t, p, n in SENT if any(x in p for x in SEARCH_PARTS)],
        file=sys.stderr,
    )
    out = {
        "first_s": first,
        "first_bytes": first_bytes,
        "refined_s": refined,
        "refined_bytes": search_bytes(),
        "page_bytes": sum(sizes.values()),
    }
    context.close()
    return out


def _wait_search_ready(page, timeout_s: float = 180.0) -> None:
    """Idle means ready to search: the network is quiet and the worker has built its index (on
    a slow phone the worker may still be indexing when the network falls quiet)."""
    deadline = time.perf_counter() + timeout_s
    while time.perf_counter() < deadline:
        for worker in page.workers:
            try:
                if worker.evaluate("() => !!(self.panduanSearchState && self.panduanSearchState.index)"):
                    return
            except Exception:
                pass
        page.wait_for_timeout(200)
    raise TimeoutError("the search worker did not get ready")


def measure(site: Path, page_path: str) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    httpd, base = serve(site)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            runs = [first_search(browser, base + page_path, q) for q in QUERIES]
            idle = [first_search(browser, base + page_path, q, idle=True) for q in QUERIES]
            browser.close()
    finally:
        httpd.shutdown()
    index = site / "search" / "search_index.json"
    bodies = list((site / "search" / "badan").glob("*.js")) if (site / "search" / "badan").is_dir() else []
    return {
        "first_s": statistics.median(r["first_s"] for r in runs),
        "first_bytes": statistics.median(r["first_bytes"] for r in runs),
        "refined_s": statistics.median(r["refined_s"] for r in runs),
        "refined_bytes": statistics.median(r["refined_bytes"] for r in runs),
        "idle_first_s": statistics.median(r["first_s"] for r in idle),
        "index_gzip": len(gzip.compress(index.read_bytes(), 6)),
        "bodies_gzip": sum(len(gzip.compress(p.read_bytes(), 6)) for p in bodies),
        "runs": runs,
    }


def row(label: str, m: dict[str, float]) -> str:
    return (
        f"| search-first, {label} | first search on a phone (Chromium, CPU 4x slower, Slow 3G: 2 s latency, 50 kB/s), "
        f"median of {len(QUERIES)} queries; search files over the wire (gzip) up to the first result; stage-1 index "
        f"{m['index_gzip'] / 1000:.0f} kB gzip, all body parts {m['bodies_gzip'] / 1000:.0f} kB gzip | "
        f"typed at page load: first result {m['first_s']:.1f} s, {m['first_bytes'] / 1000:.0f} kB; refined (deep links) "
        f"{m['refined_s']:.1f} s, {m['refined_bytes'] / 1000:.0f} kB; typed once the search is ready: first result "
        f"{m['idle_first_s']:.1f} s |"
    )


def write_results(rows: list[str]) -> None:
    lines = [
        line
        for line in RESULTS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith(ROW_PREFIX)
    ]
    RESULTS.write_text("\n".join(lines + rows) + "\n", encoding="utf-8")


def build(config_root: Path, site: Path) -> Path:
    from panduan.site import build_site

    if not build_site(config_root / "mkdocs.yml", site):
        raise SystemExit(f"build failed: {config_root}")
    return site


def main(argv: list[str]) -> int:
    from synthetic_guide import make_guide

    rows = []
    with tempfile.TemporaryDirectory(prefix="panduan-first-search-") as tmp:
        sites = [(Path(a.split("=")[0]), a.split("=")[-1]) for a in argv] or [
            (build(ROOT, Path(tmp) / "real"), "real guide (40 guidelines)"),
            (
                build(make_guide(Path(tmp) / "guide", 1000), Path(tmp) / "synthetic"),
                "synthetic guide, 1,000 guidelines",
            ),
        ]
        for site, label in sites:
            m = measure(site, "kelompok-rentan/tanggap-bencana/")
            print(label, json.dumps({k: v for k, v in m.items() if k != "runs"}), file=sys.stderr)
            for r in m["runs"]:
                print("  ", json.dumps(r), file=sys.stderr)
            rows.append(row(label, m))
    print("\n".join(rows))
    write_results(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
