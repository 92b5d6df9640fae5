"""Site Markdown: links between pages, link titles (tooltips), and linked text as Markdown.

Every Markdown link the site renderer writes goes through `link()`; every prose field goes
through `SiteText`, which formats the link stage's segments and looks for nothing itself.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import quote

from panduan.law import Citation, Law
from panduan.link import Links
from panduan.model import Guide
from panduan.present import GLOSSARY_PAGE, law_page, url_of
from panduan.segments import Cite, FirstUse, LinkedText, TermUse


def relative(from_page: str, to_page: str, anchor: str = "") -> str:
    """A Markdown link target from one page to another (MkDocs resolves `.md` links)."""
    target = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return f"{target}#{anchor}" if anchor else target


def search_link(from_page: str, words: str) -> str:
    """A Markdown link target that opens the site's search with `words` typed in. Material reads
    `?q=` on any page; other builders ignore it and show the home page, which every builder has."""
    return relative(from_page, "index.md") + "?q=" + quote(words, safe="")


def href(from_page: str, to_page: str, directory_urls: bool, anchor: str = "") -> str:
    """A final URL for raw HTML, where MkDocs does not rewrite `.md` targets.

    Not portable: Zensical rewrites relative links in raw HTML as if they were Markdown links, so
    this URL breaks there. Templates write Markdown links (`rel`) inside `markdown="span"` elements
    instead, which every builder resolves (tests/portable/).
    """
    here = url_of(from_page, directory_urls)
    # A directory URL is its own folder; a file URL lives in its parent folder.
    base = here.rstrip("/") if here.endswith("/") and here != "./" else posixpath.dirname(here)
    target = url_of(to_page, directory_urls)
    result = posixpath.relpath(target, base or ".")
    if target.endswith("/"):
        result += "/"
    return f"{result}#{anchor}" if anchor else result


def tooltip(text: str) -> str:
    """Text safe inside a Markdown link title ("..."), shown as written.

    Quotes, backslashes and backticks become HTML entities: Python-Markdown ends a title early on a
    quote inside parentheses (a definition with `("PKH")` broke its link), and strips backticks.
    """
    text = re.sub(r"\s+", " ", text).strip()
    for char, entity in (("&", "&amp;"), ('"', "&quot;"), ("'", "&#39;"), ("\\", "&#92;"), ("`", "&#96;")):
        text = text.replace(char, entity)
    return text


def link(text: str, target: str, title: str | None = None) -> str:
    """One Markdown link; brackets in the words are escaped, the title made safe."""
    words = text.replace("[", "\\[").replace("]", "\\]")
    return f'[{words}]({target} "{tooltip(title)}")' if title else f"[{words}]({target})"


def citation_tooltip(law: Law, cite: Citation) -> str:
    """The tooltip of a citation: the article's summary, and the exact words it quotes."""
    provision = law.provision(cite)
    text = provision.pasal.ringkasan or f"{law.singkatan} Pasal {cite.pasal}"
    quoted = [f'"{u.kutipan}"' for u in provision.quotes() if u.kutipan]
    if quoted:
        text += f" Bunyi aslinya antara lain: {'; '.join(quoted)} ({cite.label(law)})."
    return text


class SiteText:
    """Formats linked text as Markdown for one page; remembers which terms the page has linked."""

    def __init__(self, page: str, guide: Guide, links: Links) -> None:
        self.page = page
        self.guide = guide
        self.links = links
        self.first = FirstUse()

    def __call__(self, source: str, *, terms: bool = False) -> str:
        """A prose field as Markdown; with `terms`, a glossary term's first occurrence on the page
        links to its definition."""
        return self.format(self.links.text(source), terms=terms)

    def format(self, text: LinkedText, *, terms: bool = False) -> str:
        out = []
        for seg in text:
            if isinstance(seg, Cite):
                out.append(self.cite(seg))
            elif isinstance(seg, TermUse) and terms and self.first.claim(seg.term):
                out.append(self.term(seg))
            else:
                out.append(seg.text)  # plain, code, links and HTML as written
        return "".join(out)

    def cite(self, cite: Cite | str) -> str:
        """A citation as a link to its article, the summary as tooltip; words that are not a valid
        citation are written as they are (the link stage reported them)."""
        found = self.links.citation(cite) if isinstance(cite, str) else cite
        if found is None:
            return str(cite)
        target = relative(self.page, law_page(found.law), found.citation.anchor)
        return link(found.label, target, citation_tooltip(found.law, found.citation))

    def term(self, use: TermUse) -> str:
        definition = self.guide.terms[use.term].source.definisi
        return link(use.text, relative(self.page, GLOSSARY_PAGE, use.term), definition)
