"""`panduan serve` keeps serving when a source is broken: every page becomes the list of problems.

MkDocs' development server stops answering (requests wait for a build that never succeeds) and
prints a traceback when a rebuild fails. During a preview the plugin therefore never fails the
build on a source error; it records the diagnostics in a `PreviewState` instead, and `install()`
puts two things around the server:

* `ErrorOverlay`, a WSGI middleware: while there are errors, every page request is answered at
  once with an Indonesian error page listing each problem as `berkas:baris:kolom`; it reloads
  itself when the next build finishes. Assets and everything else go to MkDocs unchanged. Paths
  with `..` segments or NUL bytes are refused before MkDocs sees them (MkDocs normalises paths
  too; this is the second lock).
* a guard around the server's rebuild function: any other build failure (a broken `mkdocs.yml`,
  a strict-mode warning in a hand-written page) is shown the same way instead of hanging.

Only `plugin.py` creates these objects; nothing here imports MkDocs.
"""

from __future__ import annotations

import html
import json
import sys
import threading
from collections.abc import Callable, Iterable
from typing import Any

from panduan.diagnostics import Diagnostic, Report

STATUS_PATH = "/__panduan__/status"

Environ = dict[str, Any]
StartResponse = Callable[..., Any]
App = Callable[[Environ, StartResponse], Iterable[bytes]]


class PreviewState:
    """What the last build of a preview found; shared by the build thread and request threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._errors: tuple[Diagnostic, ...] = ()
        self._warnings = 0
        self._build_error = ""
        self._generation = 0

    def sources_checked(self, report: Report) -> None:
        with self._lock:
            self._errors = tuple(d for d in report.sorted() if d.is_error)
            self._warnings = len(report.warnings)

    def build_finished(self, error: str = "") -> None:
        with self._lock:
            self._build_error = error
            self._generation += 1

    def snapshot(self) -> tuple[tuple[Diagnostic, ...], int, str, int]:
        with self._lock:
            return self._errors, self._warnings, self._build_error, self._generation


def report_to_terminal(report: Report) -> None:
    """Print the diagnostics like `panduan check` does. Not through MkDocs' logger: in strict mode
    every logged warning would abort the preview build."""
    for diag in report.sorted():
        print(diag.text(), file=sys.stderr)
    if report.errors:
        print(
            f"{len(report.errors)} galat di berkas sumber. Pratinjau menampilkan daftarnya di peramban "
            "sampai diperbaiki; simpan berkasnya dan halaman dimuat ulang sendiri.",
            file=sys.stderr,
        )


def install(server: Any, state: PreviewState) -> None:
    """Wrap a MkDocs `LiveReloadServer`: the error overlay in front, the build guard behind."""
    server.set_app(ErrorOverlay(server.get_app(), state))
    build = server.builder

    def guarded_build() -> None:
        try:
            build()
        except Exception as exc:
            message = str(exc).strip() or type(exc).__name__
            print(f"GALAT: situs gagal dibangun: {message}", file=sys.stderr)
            state.build_finished(message)
        else:
            state.build_finished()

    server.builder = guarded_build


class ErrorOverlay:
    """WSGI middleware: the error page instead of any page while the preview is failing."""

    def __init__(self, app: App, state: PreviewState) -> None:
        self.app = app
        self.state = state

    def __call__(self, environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "") or "/"
        if _unsafe(path):
            return _respond(start_response, "404 Not Found", "text/plain; charset=utf-8", "404 Tidak ditemukan.\n")
        if path == STATUS_PATH:
            errors, _, build_error, generation = self.state.snapshot()
            body = json.dumps({"generation": generation, "errors": len(errors) + bool(build_error)})
            return _respond(start_response, "200 OK", "application/json", body)
        errors, warnings, build_error, generation = self.state.snapshot()
        if (errors or build_error) and _is_page(path) and environ.get("REQUEST_METHOD", "GET") in ("GET", "HEAD"):
            # 200, not 503: MkDocs logs every other status as a warning, and a warning logged while a
            # strict build runs would abort that build.
            page = error_page(errors, warnings, build_error, generation)
            return _respond(start_response, "200 OK", "text/html; charset=utf-8", page)
        return self.app(environ, start_response)


def _unsafe(path: str) -> bool:
    return "\x00" in path or ".." in path.replace("\\", "/").split("/")


def _is_page(path: str) -> bool:
    last = path.rsplit("/", 1)[-1]
    return not last or last.endswith((".html", ".htm")) or "." not in last


def _respond(start_response: StartResponse, status: str, content_type: str, body: str) -> list[bytes]:
    data = body.encode("utf-8")
    start_response(
        status, [("Content-Type", content_type), ("Content-Length", str(len(data))), ("Cache-Control", "no-store")]
    )
    return [data]


_STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #fff8f6; color: #1f1f1f; }
main { max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { color: #b3261e; font-size: 1.5rem; }
li { margin: 0 0 1rem; padding: .75rem 1rem; background: #fff; border-left: 4px solid #b3261e; list-style: none; }
ol { padding: 0; }
code { font: .95em ui-monospace, monospace; background: #f3eeee; padding: 0 .2em; }
.where { font-weight: bold; }
.hint { color: #444; }
.code { color: #777; font-size: .85em; }
"""

_RELOAD = """
(function () {
  var seen = %d;
  function poll() {
    fetch("%s", {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (s) {
      if (s.generation !== seen) { location.reload(); } else { setTimeout(poll, 1000); }
    }).catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 1000);
})();
"""


def error_page(errors: tuple[Diagnostic, ...], warnings: int, build_error: str, generation: int) -> str:
    """The Indonesian page shown for every URL while the preview is failing."""
    items = []
    for diag in errors:
        extra = "".join(f"<br>lokasi terkait: <code>{html.escape(str(loc))}</code>" for loc in diag.locations[1:])
        hint = f'<br><span class="hint">{html.escape(diag.hint)}</span>' if diag.hint else ""
        items.append(
            f'<li><code class="where">{html.escape(str(diag.primary))}</code>: {html.escape(diag.message)}'
            f'{hint}{extra} <span class="code">[{html.escape(diag.code)}]</span></li>'
        )
    if build_error:
        items.append(
            f"<li><strong>Situs gagal dibangun.</strong> Pesan MkDocs: <code>{html.escape(build_error)}</code>"
            '<br><span class="hint">Rinciannya ada di jendela terminal tempat <code>panduan serve</code> berjalan.</span></li>'
        )
    count = len(errors) + bool(build_error)
    more = f" Ada juga {warnings} peringatan; lihat terminal." if warnings else ""
    return (
        '<!doctype html>\n<html lang="id"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{count} galat — pratinjau Panduan Praktik</title><style>{_STYLE}</style></head>\n"
        f"<body><main><h1>Pratinjau berhenti: {count} galat di berkas sumber</h1>\n"
        "<p>Perbaiki berkas yang disebut di bawah ini, lalu simpan. Halaman ini dimuat ulang sendiri setelah "
        f"perbaikan. Daftar yang sama dicetak oleh <code>panduan check</code>.{more}</p>\n"
        f"<ol>{''.join(items)}</ol></main>\n<script>{_RELOAD % (generation, STATUS_PATH)}</script></body></html>\n"
    )
