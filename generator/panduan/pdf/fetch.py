"""What WeasyPrint may read while it lays out a PDF: the PDF stage's own files, nothing else.

Guideline bodies are Markdown and may hold raw HTML, so a source can name any URL: a
`<link rel="attachment" href="/proc/self/environ">` would embed the build machine's environment
in the PDF, an `<img src="http://…">` would make every build contact that host. WeasyPrint's
default fetcher follows all of them. This one allows only

* `data:image/…` URLs (the QR codes are generated as such),
* the font files that `fonts.font_css()` names (found by fontconfig on this machine),
* asset files (stylesheets, fonts, images) inside this package folder,

and refuses everything else — any network scheme, any other `file:` path (`..` and symlinks are
resolved before the check) — with an Indonesian message that WeasyPrint reports as a warning.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from panduan.pdf.fonts import font_css

PACKAGE_DIR = Path(__file__).resolve().parent
ASSET_SUFFIXES = frozenset(
    {".css", ".ttf", ".otf", ".woff", ".woff2", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"}
)
_FONT_URL = re.compile(r'url\("(file:[^"]+)"\)')


class RefusedURL(ValueError):
    """A URL the PDF stage will not read; the message is for the editor."""


@lru_cache(maxsize=1)
def font_files() -> frozenset[Path]:
    """The font files the print stylesheet points at."""
    return frozenset(Path(url2pathname(urlsplit(url).path)).resolve() for url in _FONT_URL.findall(font_css()))


def _shown(url: str) -> str:
    return url if len(url) <= 80 else url[:77] + "…"


def check_url(url: str) -> str:
    """The URL to read (a `file:` URL rewritten to its resolved path) or `RefusedURL`."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "data":
        if unquote(parts.path).lstrip().lower().startswith("image/"):
            return url
        raise RefusedURL(f"data `{_shown(url)}` ditolak: PDF hanya memuat gambar dari data tertanam.")
    if scheme != "file":
        raise RefusedURL(f"alamat `{_shown(url)}` ditolak: PDF tidak mengambil apa pun dari jaringan.")
    if parts.netloc not in ("", "localhost"):
        raise RefusedURL(f"alamat `{_shown(url)}` ditolak: berkas di komputer lain tidak dibaca.")
    path = Path(url2pathname(parts.path)).resolve()
    if path in font_files() or (
        path.is_relative_to(PACKAGE_DIR) and path.suffix.lower() in ASSET_SUFFIXES and path.is_file()
    ):
        return path.as_uri()
    raise RefusedURL(
        f"berkas `{_shown(unquote(parts.path))}` ditolak: PDF hanya memuat font dan berkas cetak milik Panduan Praktik."
    )


def project_fetcher() -> Any:
    """A WeasyPrint URL fetcher that reads only what `check_url` allows."""
    try:
        from weasyprint.urls import URLFetcher
    except ImportError:  # pragma: no cover - older WeasyPrint takes a plain function
        from weasyprint import default_url_fetcher

        return lambda url, *args, **kwargs: default_url_fetcher(check_url(url), *args, **kwargs)

    class ProjectFetcher(URLFetcher):  # type: ignore[misc]  # weasyprint is untyped
        def __init__(self) -> None:
            super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)

        def fetch(self, url: str, headers: Any = None) -> Any:
            return super().fetch(check_url(url), headers)

    return ProjectFetcher()
