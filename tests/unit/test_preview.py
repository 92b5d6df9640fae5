"""The preview overlay in front of MkDocs' development server, without a server."""

from __future__ import annotations

import json

from mkdocs.exceptions import Abort

from panduan.diagnostics import Diagnostic, Location, Report
from panduan.preview import STATUS_PATH, ErrorOverlay, PreviewState, install


def _call(app, path: str) -> tuple[str, dict[str, str], str]:
    seen: dict[str, object] = {}

    def start_response(status, headers):
        seen["status"], seen["headers"] = status, dict(headers)

    body = b"".join(app({"PATH_INFO": path, "REQUEST_METHOD": "GET"}, start_response)).decode()
    return str(seen["status"]), seen["headers"], body  # type: ignore[return-value]


def _site(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/html")])
    return [b"halaman situs " + environ["PATH_INFO"].encode()]


def _failing_state() -> PreviewState:
    state = PreviewState()
    report = Report()
    report.add(
        Diagnostic(
            "unknown-field", "kolom `<script>x</script>` tidak dikenal.", (Location("guidelines/a.md", 3, 1),), "Hapus."
        )
    )
    report.warning("role-without-task", "peran tanpa tugas.", Location("guidelines/a.md", 5, 2))
    state.sources_checked(report)
    state.build_finished()
    return state


def test_healthy_preview_passes_everything_through():
    app = ErrorOverlay(_site, PreviewState())
    assert _call(app, "/etika-klien/kerahasiaan/") == (
        "200 OK",
        {"Content-Type": "text/html"},
        "halaman situs /etika-klien/kerahasiaan/",
    )


def test_failing_preview_answers_every_page_with_the_errors():
    app = ErrorOverlay(_site, _failing_state())
    for path in ("/", "/etika-klien/kerahasiaan/", "/glosarium/index.html", "/tidak-ada"):
        status, headers, body = _call(app, path)
        assert status == "200 OK" and headers["Content-Type"] == "text/html; charset=utf-8"
        assert "Pratinjau berhenti: 1 galat di berkas sumber" in body
        assert '<code class="where">guidelines/a.md:3:1</code>' in body and "[unknown-field]" in body
        assert "&lt;script&gt;" in body and "<script>x" not in body  # source text is escaped
        assert "Ada juga 1 peringatan" in body
    assert _call(app, "/assets/panduan.css")[2] == "halaman situs /assets/panduan.css"  # assets pass


def test_status_endpoint_counts_builds():
    state = _failing_state()
    app = ErrorOverlay(_site, state)
    assert json.loads(_call(app, STATUS_PATH)[2]) == {"generation": 1, "errors": 1}
    state.sources_checked(Report())
    state.build_finished()
    assert json.loads(_call(app, STATUS_PATH)[2]) == {"generation": 2, "errors": 0}


def test_paths_leaving_the_site_are_refused_before_mkdocs_sees_them():
    for state in (PreviewState(), _failing_state()):
        app = ErrorOverlay(_site, state)
        for path in ("/../etc/passwd", "/a/../../etc/passwd", "/..\\..\\etc\\passwd", "/x\x00.html", "/.."):
            status, _, body = _call(app, path)
            assert status == "404 Not Found" and "halaman situs" not in body, path


class _Server:
    def __init__(self, build):
        self.app, self.builder = _site, build

    def get_app(self):
        return self.app

    def set_app(self, app):
        self.app = app


def test_a_failing_rebuild_becomes_the_error_page(capsys):
    outcomes = [Abort("Aborted with 1 warnings in strict mode!"), None]

    def build():
        outcome = outcomes.pop(0)
        if outcome is not None:
            raise outcome

    server = _Server(build)
    install(server, PreviewState())
    server.builder()  # no exception reaches MkDocs' rebuild loop, so no request waits forever
    body = _call(server.app, "/")[2]
    assert "Situs gagal dibangun" in body and "Aborted with 1 warnings in strict mode!" in body
    assert "GALAT: situs gagal dibangun" in capsys.readouterr().err
    server.builder()  # the next build succeeds: pages are back
    assert _call(server.app, "/")[2] == "halaman situs /"
