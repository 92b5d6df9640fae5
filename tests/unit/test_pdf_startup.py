"""A machine without WeasyPrint's system libraries gets the missing package and the fix, in Indonesian.

The failures are simulated by replacing the import of WeasyPrint, so these tests are fast and run
on any machine. Each asserts the library's package name and `make system-deps`: a generic message
("proses pembuat PDF berhenti mendadak", a bare exception text) fails them.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import warnings

import cffi
import pytest

import panduan.pdf
from panduan.pdf import engine, pdf_command, writer
from panduan.pdf.document import Job

PANGO_ERROR = (
    "cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file: No such file or "
    "directory.  Additionally, ctypes.util.find_library() did not manage to locate a library called 'libpango-1.0-0'"
)
fork_only = pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork", reason="the patched loader reaches workers by fork"
)
HARFBUZZ_WARNING = "HarfBuzz-Subset will be required by future versions of WeasyPrint. Please install this library with your package manager."


def _missing_pango() -> None:
    print("WeasyPrint could not import some external libraries.")  # what WeasyPrint prints first
    raise OSError(PANGO_ERROR)


def _missing_harfbuzz_subset() -> None:
    warnings.warn(HARFBUZZ_WARNING, DeprecationWarning, stacklevel=1)


def test_missing_library_names_package_and_fix(monkeypatch, capsys):
    monkeypatch.setattr(engine, "_import_weasyprint", _missing_pango)
    status = engine.load()
    assert "`libpango-1.0-0`" in status.error
    assert "make system-deps" in status.error and "apt-get install libpango-1.0-0" in status.error
    assert capsys.readouterr().out == ""  # WeasyPrint's English notice is not shown


def test_harfbuzz_subset_warning_is_a_note_not_a_crash(monkeypatch):
    # pytest turns warnings into errors here, exactly like the PDF workers under `make test`
    monkeypatch.setattr(engine, "_import_weasyprint", _missing_harfbuzz_subset)
    status = engine.load()
    assert status.error == ""
    assert len(status.notes) == 1
    assert "HarfBuzz-subset" in status.notes[0] and "apt-get install libharfbuzz-subset0" in status.notes[0]
    assert "make system-deps" in status.notes[0]


@pytest.mark.parametrize(
    ("library", "package"),
    [
        ("libpangoft2-1.0-0", "libpangoft2-1.0-0"),
        ("libgobject-2.0-0", "libglib2.0-0"),
        ("libharfbuzz-0", "libharfbuzz0b"),
        ("libfontconfig-1", "libfontconfig1"),
    ],
)
def test_every_library_maps_to_its_debian_package(library, package):
    message = engine.explain_os_error(OSError(f"cannot load library '{library}': not found"))
    assert f"apt-get install {package}`" in message


def test_pdf_command_stops_before_any_worker_with_the_cause(project, monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(engine, "_import_weasyprint", _missing_pango)
    monkeypatch.setattr(panduan.pdf, "write_all", lambda *a, **k: pytest.fail("no worker may start"))
    out = tmp_path / "dist"
    assert pdf_command(root=project.root, out=out) == 1
    err = capsys.readouterr().err
    assert "GALAT: PDF tidak dapat dibuat: pustaka sistem `libpango-1.0-0`" in err
    assert "make system-deps" in err and "berhenti mendadak" not in err and "Traceback" not in err
    assert not out.exists() or not any(out.iterdir())


@fork_only
def test_worker_that_cannot_start_reports_the_cause(monkeypatch, tmp_path):
    parent = os.getpid()

    def fails_in_worker() -> None:
        if os.getpid() != parent:
            _missing_pango()

    monkeypatch.setattr(engine, "_import_weasyprint", fails_in_worker)
    jobs = [
        Job(file="a.pdf", title="A", description="", html="<p>a</p>"),
        Job(file="b.pdf", title="B", description="", html="<p>b</p>"),
    ]
    outcomes = writer.write_all(jobs, tmp_path)
    assert [o.file for o in outcomes] == ["a.pdf", "b.pdf"]
    for outcome in outcomes:
        assert not outcome.ok
        assert "`libpango-1.0-0`" in outcome.error and "make system-deps" in outcome.error
        assert "berhenti mendadak" not in outcome.error
    assert not list(tmp_path.glob("*.pdf"))


@fork_only
def test_worker_initializer_exception_is_kept(monkeypatch, tmp_path):
    def broken_loggers() -> None:
        raise RuntimeError("logger rusak")

    monkeypatch.setattr(writer, "_attach_loggers", broken_loggers)
    [outcome] = writer.write_all([Job(file="a.pdf", title="A", description="", html="<p>a</p>")], tmp_path)
    assert outcome.error == "proses pembuat PDF gagal dimulai (RuntimeError: logger rusak)."


# ---------------------------------------------------------------------------------------------
# The real import path: WeasyPrint binds its libraries again in a worker, and cffi refuses one.


@pytest.fixture
def unloaded_weasyprint(monkeypatch):
    """Forget WeasyPrint so that the next import (in a forked worker) loads the libraries anew."""
    for name in [n for n in sys.modules if n == "weasyprint" or n.startswith("weasyprint.")]:
        monkeypatch.delitem(sys.modules, name)


def _refuse_libraries(monkeypatch, fragment: str) -> None:
    original = cffi.FFI.dlopen

    def dlopen(self, name, *args, **kwargs):
        if isinstance(name, str) and fragment in name:
            raise OSError(
                f"cannot load library '{name}': {name}: cannot open shared object file: No such file or directory"
            )
        return original(self, name, *args, **kwargs)

    monkeypatch.setattr(cffi.FFI, "dlopen", dlopen)


@fork_only
def test_worker_without_pango_reports_package(monkeypatch, tmp_path, unloaded_weasyprint):
    _refuse_libraries(monkeypatch, "pango-1.0")
    [outcome] = writer.write_all([Job(file="a.pdf", title="A", description="", html="<p>a</p>")], tmp_path)
    assert "`libpango-1.0-0`" in outcome.error and "apt-get install libpango-1.0-0" in outcome.error
    assert "berhenti mendadak" not in outcome.error


@fork_only
def test_worker_without_harfbuzz_subset_still_writes_the_pdf(monkeypatch, tmp_path, unloaded_weasyprint):
    # The fresh-machine failure: WeasyPrint's DeprecationWarning, an error under pytest, killed workers.
    _refuse_libraries(monkeypatch, "harfbuzz-subset")
    [outcome] = writer.write_all([Job(file="a.pdf", title="A", description="", html="<p>a</p>")], tmp_path)
    assert outcome.ok, outcome.error
    assert (tmp_path / "a.pdf").stat().st_size > 0


# ---------------------------------------------------------------------------------------------
# Booklets: imposed by the worker that rendered them; outcomes in job order whatever ran first.


@fork_only
def test_a_booklet_is_imposed_by_its_worker_and_outcomes_keep_job_order(tmp_path):
    jobs = [
        Job(file="kecil.pdf", title="Kecil", description="", html="<p>a</p>"),
        Job(file="buku-saku-relawan.pdf", title="Buku saku", description="", html="<p>isi</p>" * 400, kind="buku-saku"),
    ]
    outcomes = writer.write_all(jobs, tmp_path)
    assert [o.file for o in outcomes] == ["kecil.pdf", "buku-saku-relawan.pdf"]
    assert all(o.ok for o in outcomes), [o.error for o in outcomes]
    assert outcomes[0].print_sides == 0 and not (tmp_path / "cetak" / "kecil-a4.pdf").exists()
    printed = tmp_path / "cetak" / "buku-saku-relawan-a4.pdf"
    assert outcomes[1].print_sides > 0 and printed.stat().st_size > 0


@fork_only
def test_a_booklet_that_cannot_be_imposed_fails_with_its_cause(monkeypatch, tmp_path):
    def broken(source, target):
        raise ValueError("halaman rusak")

    monkeypatch.setattr(writer, "impose", broken)
    job = Job(file="buku-saku-relawan.pdf", title="Buku saku", description="", html="<p>isi</p>", kind="buku-saku")
    [outcome] = writer.write_all([job], tmp_path)
    assert not outcome.ok and outcome.error == "ValueError: halaman rusak"
