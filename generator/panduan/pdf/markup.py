"""Text → print HTML: Markdown bodies, glossary terms, legal citations and QR codes.

Every link produced here is internal to the PDF (`#anchor`), except guideline links that point
outside the current document, which go to the online site when its URL is known. `Markup`
remembers which terms and articles it linked, so a booklet can carry only the appendix entries
its own pages point to.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable

import markdown
import segno

from panduan.build import BuildResult
from panduan.glossary import link_terms
from panduan.law import INLINE_CITATION, Citation, CitationError, Law

EXTENSIONS = ["tables", "attr_list", "admonition", "md_in_html", "fenced_code"]  # fenced code is code, as on the site
_HEADING = re.compile(r"<(/?)h([1-6])\b")
_ANCHOR = re.compile(r'<a\b([^>]*?)\bhref="([^"]*)"([^>]*)>(.*?)</a>', re.DOTALL)
_PARAGRAPH = re.compile(r"^<p>(.*)</p>$", re.DOTALL)
_PARTS = re.compile("\u00a0(Pasal|ayat|huruf|angka)\u00a0")


def term_anchor(term_id: str) -> str:
    return f"istilah-{term_id}"


def pasal_anchor(law: Law, pasal: str) -> str:
    return f"pasal-{law.slug}-{pasal.lower()}"


def guideline_anchor(guideline_id: str) -> str:
    return f"pedoman-{guideline_id}"


def _unbreakable(label: str) -> str:
    """"UU 14/2019 Pasal 44 ayat (2)" may break only between its parts, never inside one."""
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
    ) -> None:
        self.guide = result.guide
        self.matcher = result.matcher
        self.included = included  # guideline ids that have a page in this document
        self.guideline_url = guideline_url
        self.used_terms: list[str] = []
        self.used_pasal: set[tuple[str, int]] = set()
        self._md = markdown.Markdown(extensions=EXTENSIONS, output_format="html")

    # -----------------------------------------------------------------------------------------
    # Links

    def guideline_href(self, guideline_id: str) -> str | None:
        """`#pedoman-x` inside this document, the online page outside it, else None."""
        if guideline_id in self.included:
            return f"#{guideline_anchor(guideline_id)}"
        if guideline_id in self.guide.guidelines:
            return self.guideline_url(guideline_id)
        return None

    def resolve(self, text: str) -> tuple[Citation, Law] | None:
        try:
            cite, law = self.guide.laws.resolve(text)
        except CitationError:
            return None  # already reported by the link stage
        self.used_pasal.add((law.kode, cite.pasal))
        return cite, law

    def cite(self, text: str) -> str:
        """One citation as an internal link to the law appendix (HTML)."""
        found = self.resolve(text)
        if found is None:
            return html.escape(text)
        cite, law = found
        return f'<a class="cite" href="#{pasal_anchor(law, cite.pasal)}">{html.escape(_unbreakable(cite.label(law)))}</a>'

    def _cite_md(self, text: str) -> str:
        found = self.resolve(text)
        if found is None:
            return text
        cite, law = found
        return f"[{_unbreakable(cite.label(law))}](#{pasal_anchor(law, cite.pasal)}){{: .cite }}"

    def _term_md(self, text: str, term_id: str) -> str:
        if term_id not in self.used_terms:
            self.used_terms.append(term_id)
        return f"[{text}](#{term_anchor(term_id)}){{: .term }}"

    # -----------------------------------------------------------------------------------------
    # Conversion

    def markdown(self, source: str, seen: set[str] | None = None, *, shift: int = 0) -> str:
        """Markdown → HTML: link first term occurrences (sharing `seen`), citations, headings shifted."""
        if seen is not None:
            source, _ = link_terms(source, self.matcher, self._term_md, seen=seen)
        source = INLINE_CITATION.sub(lambda m: self._cite_md(m.group(1)), source)
        self._md.reset()
        out = self._md.convert(source)
        if shift:
            out = _HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + shift)}", out)
        return _ANCHOR.sub(self._rewrite_link, out)

    def inline(self, source: str, seen: set[str] | None = None) -> str:
        """A one-paragraph text (recommendation, step) as inline HTML."""
        out = self.markdown(source, seen).strip()
        match = _PARAGRAPH.match(out)
        return match.group(1) if match and "<p>" not in match.group(1) else out

    def _rewrite_link(self, match: re.Match[str]) -> str:
        """Keep internal and web links; turn `.md` links to guidelines into PDF or site links."""
        before, target, after, text = match.group(1), html.unescape(match.group(2)), match.group(3), match.group(4)
        if target.startswith(("#", "http://", "https://", "mailto:")):
            return match.group(0)
        path = target.split("#", 1)[0]
        stem = posixpath.splitext(posixpath.basename(path))[0]
        href = self.guideline_href(stem) if path.endswith(".md") else None
        if href is None:
            return text  # no printable destination: keep the words, drop the link
        return f'<a{before} href="{html.escape(href)}"{after}>{text}</a>'
