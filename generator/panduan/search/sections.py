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

from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

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


class _Parser(HTMLParser):
    # Like Material's parser, elements are compared by tag name: being inside "an h2" or "a
    # skipped div" means any element with that tag, and closing one such element ends the skip.

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.context: list[_Element] = []
        self.skip: set[str] = set(_ALWAYS_SKIPPED)
        self.section: _Open | None = None
        self.data: list[_Open] = []

    def _inside(self, tag: str) -> bool:
        return any(el.tag == tag for el in self.context)

    def _skipping(self) -> bool:
        return any(el.tag in self.skip for el in self.context)

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


def sections(html: str) -> list[Section]:
    """The searchable sections of one page's HTML, in page order."""
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return [
        Section(s.anchor or "", "".join(s.title).strip(), "".join(s.text).strip())
        for s in parser.data
        if "data-search-exclude" not in s.el.attrs
    ]
