"""Linked text → print HTML: the link stage's segments with in-document links, and QR codes.

Prose is formatted from its segments (glossary terms and citations become links to the
appendices; code stays code), converted with the guide's Markdown dialect
(`markdown_spans.markdown_extensions`, the same extensions as the site), and the resulting
element tree is adapted to print by `PrintTree`: headings shifted, permalinks and heading ids
dropped, links between pages turned into links inside the PDF or to the online site.

Every link produced here is internal to the PDF (`#anchor`), except guideline links that point
outside the current document, which go to the online site when its URL is known. `Converter`
remembers which terms and articles it linked, so a booklet can carry only the appendix entries
its own pages point to.
"""

from __future__ import annotations

import html
import posixpath
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Collection

import markdown
import segno
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from panduan.law import Law
from panduan.link import BuildResult
from panduan.markdown_spans import markdown_extensions
from panduan.segments import Cite, FirstUse, LinkedText, TermUse

HEADINGS = {f"h{level}" for level in range(1, 7)}
_PARTS = re.compile("\u00a0(Pasal|ayat|huruf|angka)\u00a0")
_OWN_ID = "data-own-id"  # marks a heading whose id the author wrote (`{ #id }`)


def term_anchor(term_id: str) -> str:
    return f"istilah-{term_id}"


def pasal_anchor(law: Law, pasal: str) -> str:
    return f"pasal-{law.slug}-{pasal.lower()}"


def guideline_anchor(guideline_id: str) -> str:
    return f"pedoman-{guideline_id}"


def _unbreakable(label: str) -> str:
    """ "UU 14/2019 Pasal 44 ayat (2)" may break only between its parts, never inside one."""
    glued = label.replace(" ", "\u00a0")
    return _PARTS.sub(lambda m: f" {m.group(1)}\u00a0", glued)


def qr_data_uri(url: str) -> str:
    """A small black-on-white QR code as an SVG data URI (prints sharply at any size)."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2, dark="#000", light="#fff")


class Converter:
    """Converts the guide's texts to HTML for one PDF document."""

    def __init__(
        self,
        result: BuildResult,
        *,
        included: set[str],
        guideline_url: Callable[[str], str | None],
        terms: Collection[str] | None = None,
        cite_links: bool = True,
    ) -> None:
        """`terms`: the glossary terms this document explains (None: every term); other terms are
        printed as plain words. `cite_links`: false for a document without the law appendix, where
        a citation is printed as its label."""
        self.guide = result.guide
        self.linkable_terms = None if terms is None else set(terms)
        self.cite_links = cite_links
        self.links = result.links
        self.included = included  # guideline ids that have a page in this document
        self.guideline_url = guideline_url
        self.used_terms: list[str] = []
        self.used_pasal: set[tuple[str, str]] = set()
        names, configs = markdown_extensions()
        self._tree = PrintTree(self.guideline_href)
        self._md = markdown.Markdown(
            extensions=[*names, _PrintExtension(self._tree)], extension_configs=configs, output_format="html"
        )

    # -----------------------------------------------------------------------------------------
    # Links

    def guideline_href(self, guideline_id: str) -> str | None:
        """`#pedoman-x` inside this document, the online page outside it, else None."""
        if guideline_id in self.included:
            return f"#{guideline_anchor(guideline_id)}"
        if guideline_id in self.guide.guidelines:
            return self.guideline_url(guideline_id)
        return None

    def include(self, text: str) -> Cite | None:
        """Resolve a citation written in a list and put its article in the law appendix."""
        found = self.links.citation(text)
        if found is not None:
            self.used_pasal.add((found.law.kode, found.citation.pasal))
        return found

    def cite(self, text: str) -> str:
        """One citation of a list (`dasar_hukum`, a term's `sumber`) as HTML: a link to the law
        appendix, or the words as they are when they are not a citation."""
        found = self.include(text)
        if found is None:
            return html.escape(text)
        if not self.cite_links:
            return f'<span class="cite">{html.escape(_unbreakable(found.label))}</span>'
        return f'<a class="cite" href="#{pasal_anchor(found.law, found.citation.pasal)}">{html.escape(_unbreakable(found.label))}</a>'

    def _linkable(self, term_id: str) -> bool:
        return self.linkable_terms is None or term_id in self.linkable_terms

    # -----------------------------------------------------------------------------------------
    # Linked text

    def _source(self, text: LinkedText, scope: FirstUse | None) -> str:
        """Print Markdown: citations and (first, when `scope` is given) terms as internal links."""
        out = []
        for seg in text:
            if isinstance(seg, Cite) and not self.cite_links:
                out.append(_unbreakable(seg.label))
            elif isinstance(seg, Cite):
                self.used_pasal.add((seg.law.kode, seg.citation.pasal))
                out.append(f"[{_unbreakable(seg.label)}](#{pasal_anchor(seg.law, seg.citation.pasal)}){{: .cite }}")
            elif isinstance(seg, TermUse) and scope is not None and self._linkable(seg.term) and scope.claim(seg.term):
                if seg.term not in self.used_terms:
                    self.used_terms.append(seg.term)
                out.append(f"[{seg.text}](#{term_anchor(seg.term)}){{: .term }}")
            else:
                out.append(seg.text)
        return "".join(out)

    def markdown(self, source: str, scope: FirstUse | None = None, *, shift: int = 0) -> str:
        """A prose field → HTML; with `scope`, first term uses on the page link to the glossary."""
        return self.html(self.links.text(source), scope, shift=shift)

    def inline(self, source: str, scope: FirstUse | None = None) -> str:
        """A one-paragraph text (recommendation, step) as inline HTML."""
        return self.html(self.links.text(source), scope, inline=True)

    def html(self, text: LinkedText, scope: FirstUse | None = None, *, shift: int = 0, inline: bool = False) -> str:
        """Linked text → print HTML, headings `shift`ed; `inline`: one paragraph without its <p>."""
        self._md.reset()
        self._tree.shift, self._tree.inline = shift, inline
        return self._md.convert(self._source(text, scope)).strip()


class PrintTree(Treeprocessor):
    """Adapts the converted tree to print (runs after `toc` and `attr_list`)."""

    def __init__(self, guideline_href: Callable[[str], str | None]) -> None:
        super().__init__()
        self.guideline_href = guideline_href
        self.shift = 0
        self.inline = False

    def run(self, root: ET.Element) -> None:
        for parent in list(root.iter()):
            for child in list(parent):
                if child.tag in HEADINGS:
                    self._heading(child)
                elif child.tag == "a":
                    self._link(parent, child)
        if self.inline and len(root) == 1 and root[0].tag == "p" and not (root.text or "").strip():
            _unwrap(root, root[0])  # one paragraph: its content only

    def _heading(self, heading: ET.Element) -> None:
        heading.tag = f"h{min(6, int(heading.tag[1]) + self.shift)}"
        # toc gives every heading an id; in a book of many guidelines they would clash.
        if heading.attrib.pop(_OWN_ID, None) is None:
            heading.attrib.pop("id", None)

    def _link(self, parent: ET.Element, anchor: ET.Element) -> None:
        """Keep internal and web links; a link to a guideline page becomes a link inside the PDF
        or to the online site; a permalink or a link with no printable destination is dropped,
        its words kept."""
        if "headerlink" in (anchor.get("class") or "").split():
            _unwrap(parent, anchor, keep_text=False)
            return
        target = anchor.get("href") or ""
        if target.startswith(("#", "http://", "https://", "mailto:")):
            return
        path = target.split("#", 1)[0]
        stem = posixpath.splitext(posixpath.basename(path))[0]
        href = self.guideline_href(stem) if path.endswith(".md") else None
        if href is None:
            _unwrap(parent, anchor)
        else:
            anchor.set("href", href)


class _MarkOwnIds(Treeprocessor):
    """Before toc adds ids, mark the headings whose id the author wrote."""

    def run(self, root: ET.Element) -> None:
        for el in root.iter():
            if el.tag in HEADINGS and "id" in el.attrib:
                el.set(_OWN_ID, "")


class _PrintExtension(Extension):
    def __init__(self, tree: PrintTree) -> None:
        super().__init__()
        self.tree = tree

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_MarkOwnIds(md), "panduan-own-ids", 6)  # after attr_list (8), before toc (5)
        md.treeprocessors.register(self.tree, "panduan-print", 1)  # after toc, before unescaping (0)


def _unwrap(parent: ET.Element, child: ET.Element, *, keep_text: bool = True) -> None:
    """Replace `child` by its content (text and elements) in `parent`; its tail stays."""
    index = list(parent).index(child)
    lead = (child.text or "") if keep_text else ""
    kids = list(child) if keep_text else []
    parent.remove(child)
    before = parent[index - 1] if index > 0 else None
    if before is None:
        parent.text = (parent.text or "") + lead
    else:
        before.tail = (before.tail or "") + lead
    for offset, kid in enumerate(kids):
        parent.insert(index + offset, kid)
    last = kids[-1] if kids else before
    tail = child.tail or ""
    if last is None:
        parent.text = (parent.text or "") + tail
    else:
        last.tail = (last.tail or "") + tail
