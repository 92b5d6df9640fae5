"""Page HTML → search sections, the way Material's search plugin cuts a page.

A page becomes one section per heading that has an id (plus a preface for text before the
first one). Each section keeps its heading text as title and its text with only a few tags
(`p`, `code`, `pre`, lists, `sub`, `sup`); everything else is reduced to its text. Permalink
anchors, scripts, styles and elements marked `data-search-exclude` are left out.

This follows `material/plugins/search/plugin.py` (Parser, Section; MIT licence) rule for rule,
so the documents panduan writes into the site's index are the ones Material would write, and
`panduan cari` gets the same documents without importing MkDocs or Material.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape, unescape

from panduan.html_tokens import QUOTED, attributes

HEADINGS = frozenset(f"h{level}" for level in range(1, 7))
KEEP = frozenset(["p", "code", "pre", "li", "ol", "ul", "sub", "sup"])
VOID = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]
)
_ALWAYS_SKIPPED = ("object", "script", "style")


@dataclass(frozen=True)
class Section:
    """One searchable part of a page: `anchor` is "" for the page's first section."""

    anchor: str
    title: str  # "" when the section has no heading of its own (the caller uses the page title)
    text: str


class _Element:
    __slots__ = ("attrs", "tag")

    def __init__(self, tag: str, attrs: dict[str, str | None] | None = None) -> None:
        self.tag = tag
        self.attrs = attrs or {}


@dataclass(eq=False)
class _Open:
    el: _Element
    depth: float = 0
    anchor: str | None = None
    title: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


class _Parser:
    # Like Material's parser, elements are compared by tag name: being inside "an h2" or "a
    # skipped div" means any element with that tag, and closing one such element ends the skip.
    # The events come from `_feed` below, in the order `html.parser` would send them.

    def __init__(self) -> None:
        self.context: list[_Element] = []
        self.open: dict[str, int] = {}  # tag → how many elements with it are in `context`
        self.skip: set[str] = set(_ALWAYS_SKIPPED)
        self.section: _Open | None = None
        self.data: list[_Open] = []

    def _inside(self, tag: str) -> bool:
        return self.open.get(tag, 0) > 0

    def _skipping(self) -> bool:
        return any(self.open.get(tag, 0) > 0 for tag in self.skip)

    def _target(self) -> list[str]:
        assert self.section is not None
        return self.section.title if self._inside(self.section.el.tag) else self.section.text

    def _ensure_section(self) -> _Open:
        if self.section is None:
            self.section = _Open(_Element("hx"))
            self.data.append(self.section)
        return self.section

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in VOID:
            return
        el = _Element(tag, attributes)
        self.context.append(el)
        self.open[tag] = self.open.get(tag, 0) + 1
        if tag in HEADINGS and "id" in attributes:
            depth = len(self.context)
            if tag != "h1" and not self.data:
                self.data.append(_Open(_Element("hx"), depth))  # a top-level section comes first
            self.section = _Open(el, depth)
            if self.data:
                self.section.anchor = attributes["id"]
            self.data.append(self.section)
        self._ensure_section()
        if "data-search-exclude" in attributes or attributes.get("class") == "linenodiv":
            self.skip.add(tag)
            return
        if tag in KEEP and not self._skipping():
            self._target().append(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if not self.context or self.context[-1].tag != tag:
            return
        section = self._ensure_section()
        if section.depth > len(self.context):
            # A heading nested in an element that ends here: go back to the enclosing section.
            for previous in reversed(self.data):
                if previous.depth <= len(self.context):
                    section.depth = float("inf")
                    self.section = previous
                    break
        self.context.pop()
        self.open[tag] -= 1
        if tag in self.skip:
            if tag not in _ALWAYS_SKIPPED:
                self.skip.discard(tag)
            return
        if tag in KEEP and not self._skipping():
            data = self._target()
            start = data.index(f"<{tag}>")  # as Material: the first opening tag of this kind
            if all(part.isspace() for part in data[start + 1 :]):
                del data[start:]  # an element with nothing (or only whitespace) in it
            else:
                data.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self._skipping():
            return
        if not self._inside("pre"):
            data = data.replace("\n", " ") if not data.isspace() else " "
        section = self._ensure_section()
        if self._inside(section.el.tag):
            if not any(el.tag == "a" and el.attrs.get("class") == "headerlink" for el in self.context):
                section.title.append(escape(data, quote=False))
        elif data.isspace():
            if not section.text or not section.text[-1].isspace() or self._inside("pre"):
                section.text.append(data)
        else:
            section.text.append(escape(data, quote=False))


# One regular expression cuts a page into markup and text, the way `html.parser` does (with
# `convert_charrefs`): comments, declarations and processing instructions are dropped; a `<`
# that starts nothing is text of its own; the contents of <script> and <style> are raw text up to
# their end tag. With the open-tag counts above, about twice as fast over the site's pages as
# `html.parser` (15.0 s → 7.0 s for the 1,000-guideline site); tests/search/test_sections.py and
# tests/unit/test_html_readers_on_real_site.py prove the sections are the same.
_MARKUP = re.compile(
    rf"<!--.*?-->|<[!?][^>]*>|</([a-zA-Z][^\t\n\r\f />\x00]*)[^>]*>|<([a-zA-Z][^\t\n\r\f />\x00]*)({QUOTED})>|<",
    re.S,
)
_RAW_TEXT = {tag: re.compile(rf"</\s*{tag}\s*>", re.I) for tag in ("script", "style")}


def _feed(parser: _Parser, html: str) -> None:
    position = 0
    while True:
        markup = _MARKUP.search(html, position)
        end = markup.start() if markup else len(html)
        if position < end:
            parser.handle_data(unescape(html[position:end]))
        if markup is None:
            return
        position = markup.end()
        closing, opening = markup.group(1), markup.group(2)
        if closing is not None:
            parser.handle_endtag(closing.lower())
        elif opening is None:
            if markup.group(0) == "<":
                parser.handle_data("<")
            continue  # a comment or a declaration
        else:
            tag = opening.lower()
            parser.handle_starttag(tag, attributes(markup.group(3)))
            if markup.group(0)[1:-1].strip().endswith("/"):
                parser.handle_endtag(tag)  # `<path .../>`: opened and closed
            elif tag in _RAW_TEXT:
                raw_end = _RAW_TEXT[tag].search(html, position)
                if raw_end is None:
                    return  # unterminated: html.parser drops the rest
                if position < raw_end.start():
                    parser.handle_data(html[position : raw_end.start()])
                parser.handle_endtag(tag)
                position = raw_end.end()


def sections(html: str) -> list[Section]:
    """The searchable sections of one page's HTML, in page order."""
    parser = _Parser()
    _feed(parser, html)
    return _sections_of(parser)


def _sections_of(parser: _Parser) -> list[Section]:
    return [
        Section(s.anchor or "", "".join(s.title).strip(), "".join(s.text).strip())
        for s in parser.data
        if "data-search-exclude" not in s.el.attrs
    ]
