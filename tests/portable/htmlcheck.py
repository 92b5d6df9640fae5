"""Reading a built site with the standard library's html.parser: ids, links and outside requests."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# (tag, attribute) pairs whose relative URLs must point at something in the site.
LINK_ATTRS = {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("source", "src")}


@dataclass
class ParsedPage:
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, attribute, value)
    anchors: list[dict[str, str]] = field(default_factory=list)  # attributes of every <a>
    h1: list[str] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()
        self._in_h1 = 0
        self._in_permalink = 0  # the ¶ that `toc: permalink` adds is not part of a heading's text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        for key in ("id", "name") if tag == "a" else ("id",):
            if values.get(key):
                self.page.ids.add(values[key])
        for attr, value in values.items():
            if (tag, attr) in LINK_ATTRS:
                self.page.links.append((tag, attr, value))
        if tag == "a":
            self.page.anchors.append(values)
            if "headerlink" in values.get("class", "").split() or self._in_permalink:
                self._in_permalink += 1
        if tag == "h1":
            self._in_h1 += 1
            self.page.h1.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1" and self._in_h1:
            self._in_h1 -= 1
        if tag == "a" and self._in_permalink:
            self._in_permalink -= 1

    def handle_data(self, data: str) -> None:
        if self._in_h1 and not self._in_permalink:
            self.page.h1[-1] += data


@cache
def parse(path: Path) -> ParsedPage:
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    page = parser.page
    page.h1 = [" ".join(text.split()) for text in page.h1]
    return page


def is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc)


def broken_links(site: Path, *, skip: frozenset[str] = frozenset()) -> list[str]:
    """Every relative link in every page must name a file in the site, and its #anchor an id there.

    `skip` lists site-relative pages not to read (e.g. 404.html, which is served at any depth).
    """
    problems = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if rel in skip:
            continue
        for tag, attr, value in parse(html).links:
            if not value or is_external(value) or value.startswith(("mailto:", "javascript:", "data:")):
                continue
            parts = urlsplit(value)
            target = _resolve(site, html, unquote(parts.path))
            where = f"{rel}: <{tag} {attr}={value!r}>"
            if target is None:
                problems.append(f"{where} leaves the site or names nothing")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in parse(target).ids:
                problems.append(f"{where}: no id {parts.fragment!r} in {target.relative_to(site).as_posix()}")
    return problems


def _resolve(site: Path, page: Path, path: str) -> Path | None:
    if not path:
        return page
    base = page.parent.relative_to(site).as_posix()
    joined = posixpath.normpath(posixpath.join(base, path))
    if joined == ".." or joined.startswith("../"):
        return None
    target = site / joined
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def outside_requests(site: Path) -> set[str]:
    """What a browser would fetch from other hosts by itself: scripts, images, styles, fonts."""
    found: set[str] = set()
    for html in site.rglob("*.html"):
        for tag, _attr, value in parse(html).links:
            if tag != "a" and is_external(value):
                found.add(value)
    for css in site.rglob("*.css"):
        found |= set(re.findall(r"url\(['\"]?(https?://[^)'\"]+)", css.read_text(encoding="utf-8")))
    return found
