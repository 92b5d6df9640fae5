"""Every internal link and anchor of a built site must resolve — online, under a sub-path, offline.

`panduan build` and the offline bundle run this over the staged site, before it is swapped in, so a
broken link never reaches readers. It reads the HTML files themselves, so it also sees what
templates, the theme and `404.html` produce, not only what editors wrote.

Rules:

* a relative link must reach a file inside the site (`x/` means `x/index.html`), and its `#anchor`
  an `id` (or `<a name>`) on that page;
* a root-absolute link (`/x/`) breaks as soon as the site lives under a sub-path or is opened from a
  USB stick, so it is broken — except in `404.html` under the path of `site_url`, the one place
  where an absolute path is needed (a server shows that page at any depth);
* an absolute URL under `site_url` (canonical links, sitemap) must name a page that exists;
* for the offline bundle (`file_urls`), a link to a folder is broken: `file://` opens no index.html;
* the search index's locations (`search/search_index.json`) are links too.

The checker never raises on odd HTML; what it cannot parse it does not judge.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from panduan.html_tokens import QUOTED, attributes
from panduan.workers import map_items

LINK_ATTRS = {"href", "src"}
SKIP_TAGS = {"base"}
SEARCH_INDEX = "search/search_index.json"
ERROR_PAGE = "404.html"


@dataclass(frozen=True)
class BrokenLink:
    """One broken link: the built page (site-relative), the link as written, and why (Indonesian)."""

    page: str
    link: str
    reason: str
    line: int = 0


# One pass over a page finds what the check needs: tags with their attributes, skipping comments
# and the contents of <script> and <style> (which hold no tags). A regular expression, not
# `html.parser`: it reads what the built site holds (MkDocs and Material output, sanitized by nh3)
# ten times faster, and tests/unit/test_html_readers_on_real_site.py proves it finds exactly what
# `html.parser` finds on every page of the real site.
_TOKENS = re.compile(
    rf"<!--.*?-->|<(script|style)\b({QUOTED})>.*?</\1\s*>|<([a-zA-Z][^\t\n\r\f />\x00]*)({QUOTED})>",
    re.S | re.I,
)
_URL_SPACE = re.compile("[\t\r\n]")  # urlsplit removes these; such a link takes the long way
_MAY_MATTER = re.compile("id|name|href|src", re.I)  # attribute names the check reads


class _Collector:
    """The ids (and `<a name>`) of one page, and its links (`href`, `src`) with their lines."""

    def __init__(self, text: str) -> None:
        self.ids: set[str] = set()
        self.links: list[tuple[str, int]] = []
        line, counted = 1, 0  # the line of `counted`, moved forward token by token
        for token in _TOKENS.finditer(text):
            raw = token.group(2) or token.group(4)
            if not raw or not _MAY_MATTER.search(raw):
                continue  # a comment, or a tag with only `class` or drawing attributes
            tag = (token.group(1) or token.group(3)).lower()
            attrs = attributes(raw)
            values = dict(attrs)
            if values.get("id"):
                self.ids.add(values["id"] or "")
            if tag == "a" and values.get("name"):
                self.ids.add(values["name"] or "")
            if tag in SKIP_TAGS:
                continue
            for name, value in attrs:
                if name in LINK_ATTRS and value is not None:
                    line += text.count("\n", counted, token.start())
                    counted = token.start()
                    self.links.append((value, line))


class SiteLinks:
    """Checks one built site folder."""

    def __init__(self, site: Path, *, site_url: str = "", file_urls: bool = False) -> None:
        self.site = site
        self.file_urls = file_urls
        parts = urlsplit(site_url or "")
        self.host = (parts.scheme, parts.netloc) if parts.netloc else None
        self.prefix = "/" + parts.path.strip("/") + "/" if parts.path.strip("/") else "/"
        self._parsed: dict[str, _Collector | None] = {}
        self._files, self._folders = _contents(site)
        # Most links repeat on every page of a folder (nav, theme assets): judged once per folder.
        self._judged: dict[tuple[str, str], str | None] = {}

    # -----------------------------------------------------------------------------------------

    def check(self) -> list[BrokenLink]:
        broken: list[BrokenLink] = []
        pages = sorted(f for f in self._files if f.endswith(".html"))
        self._parsed.update(zip(pages, map_items(_read_page, [str(self.site / page) for page in pages]), strict=True))
        for page in pages:
            parsed = self._parse(page)
            if parsed is None:
                continue
            for link, line in parsed.links:
                reason = self._judge(page, link)
                if reason:
                    broken.append(BrokenLink(page, link, reason, line))
        broken += self._search_index()
        broken += self._sitemap()
        return broken

    def _parse(self, page: str) -> _Collector | None:
        if page not in self._parsed:
            self._parsed[page] = _read_page(str(self.site / page))
        return self._parsed[page]

    # -----------------------------------------------------------------------------------------

    def _judge(self, page: str, link: str) -> str | None:
        """`problem()`, remembered for links that do not depend on the page itself: a link to an
        anchor of its own page (`#x`, `?q#x`) or from the error page does."""
        stripped = link.strip()
        if stripped[:1] == "#" and not _URL_SPACE.search(stripped):  # the commonest: a heading of this page
            fragment = unquote(stripped[1:])
            return self._anchor(page, fragment) if fragment else None
        if stripped[:1] in ("?", "") or page == ERROR_PAGE:
            return self.problem(page, link)
        key = (posixpath.dirname(page), link)
        if key not in self._judged:
            self._judged[key] = self.problem(page, link)
        return self._judged[key]

    def problem(self, page: str, link: str) -> str | None:
        """Why `link` on `page` (a site-relative HTML path) is broken, or None if it works."""
        link = link.strip()
        if not link:
            return None
        parts = urlsplit(link)
        path, fragment = unquote(parts.path), unquote(parts.fragment)
        if parts.scheme or parts.netloc:
            if self.host is None or (parts.scheme, parts.netloc) != self.host:
                return None  # external (or mailto:, data:, javascript:)
            if not path.startswith(self.prefix) and path + "/" != self.prefix:
                return None  # same host, outside this site
            return self._target(page, path[len(self.prefix) :], fragment, link)
        if path.startswith("/"):
            if page == ERROR_PAGE and not self.file_urls and self.prefix != "/" and path.startswith(self.prefix):
                return self._target(page, path[len(self.prefix) :], fragment, link)
            return "tautan berawal `/` rusak bila situs dipasang di sub-folder atau dibuka tanpa server (luring)"
        if "\\" in path:
            return "tautan memakai garis miring terbalik `\\`; peramban tidak selalu mengerti"
        if not path:
            if not fragment:
                return None
            return self._anchor(page, fragment)
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
        if resolved == ".." or resolved.startswith("../"):
            return "tautan mengarah ke luar folder situs"
        if resolved == ".":
            resolved = ""
        return self._target(page, resolved + ("/" if path.endswith("/") and resolved else ""), fragment, link)

    def _target(self, page: str, rel: str, fragment: str, link: str) -> str | None:
        """`rel` is site-relative (may end with `/` or be empty for the home page)."""
        norm = posixpath.normpath(rel) if rel else "."  # as the file system reads it: `a/./b`, `.`
        folder = rel.endswith("/") or norm == "." or norm in self._folders
        if folder:
            index = posixpath.join(rel.rstrip("/"), "index.html") if rel.strip("/") else "index.html"
            if self.file_urls:
                return f"di paket luring, tautan ke folder tidak membuka apa pun; tautkan ke `{index}`"
            rel = index
            norm = posixpath.normpath(index)
        if norm not in self._files:
            return f"tujuan `{rel}` tidak ada di situs"
        if fragment and rel.endswith(".html"):
            return self._anchor(rel, fragment)
        return None

    def _anchor(self, page: str, fragment: str) -> str | None:
        parsed = self._parse(page)
        if parsed is None or fragment in parsed.ids:
            return None
        return f"halaman `{page}` tidak punya jangkar `#{fragment}`"

    # -----------------------------------------------------------------------------------------

    def _search_index(self) -> list[BrokenLink]:
        index = self.site / SEARCH_INDEX
        if not index.is_file():
            return []
        try:
            docs = json.loads(index.read_text(encoding="utf-8")).get("docs", [])
        except (OSError, ValueError, AttributeError):
            return [BrokenLink(SEARCH_INDEX, "", "indeks pencarian tidak dapat dibaca")]
        broken = []
        for doc in docs:
            location = doc.get("location") if isinstance(doc, dict) else None
            if not isinstance(location, str):
                continue
            # Locations are relative to the site root; the home page is "".
            reason = self.problem("index.html", location) if location else None
            if reason:
                broken.append(BrokenLink(SEARCH_INDEX, location, reason))
        return broken

    def _sitemap(self) -> list[BrokenLink]:
        sitemap = self.site / "sitemap.xml"
        if self.host is None or not sitemap.is_file():
            return []
        text = sitemap.read_text(encoding="utf-8", errors="replace")
        return [
            BrokenLink("sitemap.xml", url, reason)
            for url in re.findall(r"<loc>\s*([^<\s]+)\s*</loc>", text)
            if (reason := self.problem("index.html", url))
        ]


def _read_page(path: str) -> _Collector | None:
    """One page's ids and links (run in a worker process for a whole site, see workers.py)."""
    try:
        return _Collector(Path(path).read_text(encoding="utf-8", errors="replace"))
    except OSError:  # pragma: no cover - unreadable file
        return None


def _contents(site: Path) -> tuple[set[str], set[str]]:
    """The site's files and folders (site-relative, `/`-separated), listed once: the check asks
    about every link of every page, and a set answers faster than the file system."""
    files: set[str] = set()
    folders: set[str] = set()
    for folder, subfolders, names in os.walk(site):
        rel = Path(folder).relative_to(site).as_posix()
        prefix = "" if rel == "." else rel + "/"
        folders.update(prefix + name for name in subfolders)
        files.update(prefix + name for name in names if (Path(folder) / name).is_file())
    return files, folders


def check_site(site: Path, *, site_url: str = "", file_urls: bool = False) -> list[BrokenLink]:
    """Every broken internal link or anchor in the built site at `site`, in page order."""
    return SiteLinks(site, site_url=site_url, file_urls=file_urls).check()
