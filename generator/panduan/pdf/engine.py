"""Load WeasyPrint and say in Indonesian what is missing when it cannot start on this machine.

WeasyPrint binds system libraries (GLib, Pango, HarfBuzz, Fontconfig) when it is imported. Two
things go wrong on a fresh machine, and neither may reach an editor as a traceback or as the
process pool's "terminated abruptly":

* a required library is missing: cffi raises `OSError: cannot load library 'libpango-1.0-0' …`;
* HarfBuzz-subset is missing: WeasyPrint warns (DeprecationWarning) and subsets fonts itself. Under
  `-W error` or pytest's `filterwarnings = error` that warning is an exception, and in a PDF
  worker's initializer it killed the worker before any job ran.

`load()` imports WeasyPrint with warnings recorded rather than raised and turns both cases into
messages that name the library, its Debian package and the fix. The PDF command calls it once
before starting workers (forked workers then inherit the loaded module); each worker calls it
again, so a worker that cannot start reports the same cause instead of dying.
"""

from __future__ import annotations

import contextlib
import io
import re
import warnings
from dataclasses import dataclass

# Fragment of a library name in WeasyPrint's errors → the Debian package that provides it.
# Order matters: "pangoft2" before "pango", "harfbuzz-subset" before "harfbuzz".
PACKAGES = (
    ("harfbuzz-subset", "libharfbuzz-subset0"),
    ("pangoft2", "libpangoft2-1.0-0"),
    ("pango", "libpango-1.0-0"),
    ("harfbuzz", "libharfbuzz0b"),
    ("fontconfig", "libfontconfig1"),
    ("gobject", "libglib2.0-0"),
)
_LIBRARY = re.compile(r"cannot load library '([^']+)'")


@dataclass(frozen=True)
class EngineStatus:
    """`error`: no PDF can be made (Indonesian). `notes`: PDFs are made, but something is missing."""

    error: str = ""
    notes: tuple[str, ...] = ()


def load() -> EngineStatus:
    """Import WeasyPrint once; never raises, never lets a warning escape as an exception."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            # WeasyPrint prints an English installation notice before it fails; ours replaces it.
            with contextlib.redirect_stdout(io.StringIO()):
                _import_weasyprint()
        except OSError as exc:
            return EngineStatus(error=explain_os_error(exc))
        except Exception as exc:
            return EngineStatus(error=_setup_message(f"WeasyPrint tidak dapat dimuat ({type(exc).__name__}: {exc})."))
    return EngineStatus(notes=tuple(dict.fromkeys(explain_warning(str(w.message)) for w in caught)))


def _import_weasyprint() -> None:
    import weasyprint  # noqa: F401 - imported for its side effect: binding the system libraries


def package_for(library: str) -> str | None:
    name = library.lower()
    return next((package for fragment, package in PACKAGES if fragment in name), None)


def explain_os_error(exc: OSError) -> str:
    found = _LIBRARY.search(str(exc))
    if found is None:
        return _setup_message(f"pustaka sistem untuk WeasyPrint tidak dapat dimuat ({exc}).")
    library = found.group(1)
    return _setup_message(
        f"pustaka sistem `{library}` yang dibutuhkan WeasyPrint tidak ditemukan.", package_for(library)
    )


def explain_warning(message: str) -> str:
    if "harfbuzz-subset" in message.lower():
        return _setup_message(
            "pustaka HarfBuzz-subset tidak ditemukan; PDF tetap dibuat, tetapi font disubset lebih lambat "
            "dan versi WeasyPrint berikutnya mewajibkan pustaka ini.",
            "libharfbuzz-subset0",
        )
    return f"peringatan saat memuat WeasyPrint: {message}"


def _setup_message(problem: str, package: str | None = None) -> str:
    install = (
        f"`sudo apt-get install {package}`" if package else "pasang Pango dan HarfBuzz dari pengelola paket sistem"
    )
    return f"{problem} Jalankan `make system-deps` (Debian/Ubuntu), atau {install}."
