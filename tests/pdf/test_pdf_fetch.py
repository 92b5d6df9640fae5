"""WeasyPrint reads only the PDF stage's own files: whatever a guideline names, no network request
is made and no other file (environment, passwords, files beside the project) reaches a PDF."""

from __future__ import annotations

import http.server
import re
import threading
import zlib
from pathlib import Path
from typing import Any, ClassVar

import pytest
from pypdf import PdfReader

from panduan.pdf import pdf_command
from panduan.pdf.fetch import RefusedURL, check_url, font_files
from panduan.pdf.markup import qr_data_uri
from tests.conftest import GUIDELINE

SENTINEL = "panduan-pdf-sentinel-51c7a2"
PACKAGE = Path(__file__).resolve().parents[2] / "generator" / "panduan" / "pdf"


class _Counter(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        body = b"p { color: red }" if self.path.endswith(".css") else b"\x89PNG\r\n\x1a\n"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def counting_server():
    _Counter.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", _Counter.requests
    finally:
        server.shutdown()
        server.server_close()


def _streams(path: Path) -> list[bytes]:
    """Every stream of the file, inflated when compressed."""
    data = path.read_bytes()
    out = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.DOTALL):
        raw = match.group(1)
        try:
            out.append(zlib.decompress(raw))
        except zlib.error:
            out.append(raw)
    return [data, *out]


@pytest.mark.slow
def test_sources_cannot_make_the_pdf_read_files_or_the_network(project, tmp_path, capsys, monkeypatch, counting_server):
    base, requests = counting_server
    monkeypatch.setenv("PANDUAN_PDF_SENTINEL", SENTINEL)  # inherited by the worker processes
    # `panduan check` already refuses links that leave the site (tests/unit/test_bodylinks.py);
    # switch that off here to prove the fetcher holds on its own.
    monkeypatch.setattr("panduan.build.check_links", lambda *args, **kwargs: [])
    from panduan import checks
    from panduan.untrusted import check_untrusted

    monkeypatch.setattr(checks, "RULES", [rule for rule in checks.RULES if rule is not check_untrusted])
    # The nh3 sanitizer strips these tags before WeasyPrint (tests/unit/test_sanitize.py); off here too.
    monkeypatch.setattr("panduan.pdf.document.clean_pdf_html", lambda html: html)
    secret = tmp_path / "rahasia.txt"
    secret.write_text(SENTINEL, encoding="utf-8")
    depth = "../" * 12
    body = f"""
Lampiran dan gambar yang tidak boleh dimuat:

<link rel="attachment" href="/proc/self/environ">

<link rel="attachment" href="file:///etc/passwd" title="passwd">

<link rel="attachment" href="{secret.as_uri()}">

<link rel="attachment" href="data:text/plain,{SENTINEL}-data">

<p><a rel="attachment" href="{depth}etc/passwd">lampiran</a> dan <a rel="attachment" href="{base}/lampiran.txt">unduh</a></p>

<p><img src="{base}/gambar.png" alt="gambar luar"> <img src="file:///etc/passwd" alt="berkas"> <img src="{depth}proc/self/environ" alt="lingkungan"></p>

<link rel="stylesheet" href="{base}/luar.css">

<style>@import url("{base}/impor.css"); @font-face {{ font-family: X; src: url("file:///etc/passwd"); }} p {{ background: url("{base}/latar.png"); font-family: X; }}</style>

<p style="background-image: url('{base}/inline.png')">Paragraf bergaya.</p>

<object data="{base}/objek.svg" type="image/svg+xml"></object>

![gambar Markdown]({base}/md.png)
"""
    project.write("guidelines/etika-klien/kerahasiaan.md", GUIDELINE.format(id="kerahasiaan") + body)
    out = tmp_path / "dist"
    code = pdf_command(
        root=project.root, out=out, per_guideline=True, site_url="https://contoh.example.org/", config=None
    )
    err = capsys.readouterr().err
    assert code == 0, err
    assert requests == []  # not one request reached the network
    assert "ditolak" in err  # the editor is told which addresses were refused

    pdfs = sorted(out.rglob("*.pdf"))
    assert len(pdfs) >= 3
    for pdf in pdfs:
        reader = PdfReader(pdf)
        assert reader.attachments == {}, pdf
        root = reader.trailer["/Root"]
        assert "/EmbeddedFiles" not in (root.get("/Names") or {}), pdf
        for page in reader.pages:
            for annot in page.get("/Annots") or []:
                assert annot.get_object().get("/Subtype") != "/FileAttachment", pdf
        for stream in _streams(pdf):
            assert SENTINEL.encode() not in stream, pdf
            assert b"root:x:0:0" not in stream and b"PATH=" not in stream, pdf
        text = " ".join(p.extract_text() for p in reader.pages)
        assert SENTINEL not in text and "root:x" not in text
    single = " ".join(p.extract_text() for p in PdfReader(out / "pedoman" / "kerahasiaan.pdf").pages)
    assert "Paragraf bergaya." in single  # the guideline itself still prints
    assert "contoh.example.org/etika-klien/kerahasiaan" in single and "data:image" not in err  # QR code kept


# ---------------------------------------------------------------------------------------------
# The rule itself, without rendering


def test_allowed_urls():
    qr = qr_data_uri("https://contoh.example.org/etika-klien/kerahasiaan/")
    assert check_url(qr) == qr
    for font in font_files():
        assert check_url(font.as_uri()) == font.as_uri()
    css = PACKAGE / "templates" / "print.css"
    assert check_url(css.as_uri()) == css.resolve().as_uri()


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x.png",
        "https://example.org/gaya.css",
        "ftp://example.org/x",
        "//example.org/x.png",
        "file:///etc/passwd",
        "file:///proc/self/environ",
        "file://localhost/etc/passwd",
        "file://example.org/etc/passwd",
        f"{(PACKAGE / 'templates').as_uri()}/../../../../../../../etc/passwd",
        f"{(PACKAGE / 'templates').as_uri()}/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        (PACKAGE / "writer.py").as_uri(),  # inside the package, but not an asset
        "data:text/plain,rahasia",
        "data:text/css,p{color:red}",
        "javascript:alert(1)",
        "/etc/passwd",
    ],
)
def test_refused_urls(url):
    with pytest.raises(RefusedURL):
        check_url(url)
