"""Linked text: prose cut once, by the link stage, into the segments every output formats.

    Plain · Code · Html · Link · TermUse · Cite

The cut follows the rules of markdown_spans.py, the same ones validation uses: code is code (a
`[[citation]]` or a glossary term inside it stays exactly as written), a citation is resolved
anywhere else, and a term is matched only outside headings, links, citations, HTML and attribute
lists. Joining the `text` of all segments gives back the source, character for character.

Outputs never look for terms or citations again: the site writes each segment as Markdown, the
PDF as print Markdown, the search documents as plain text. Which occurrence of a term becomes a
link is decided per page by `FirstUse`: the first one, in reading order.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from panduan import cache
from panduan.glossary import TermMatcher
from panduan.law import Citation, Law
from panduan.markdown_spans import Span, code_and_citations, protected_regions


@dataclass(frozen=True)
class _Written:
    text: str  # the segment as written in the source


class Plain(_Written):
    """Markdown as written: words, emphasis, headings, lists, tables."""


class Code(_Written):
    """A code span or fenced block as written, backticks or fences included."""

    @property
    def content(self) -> str:
        """The code without its delimiters."""
        lines = self.text.split("\n")
        if len(lines) > 1:  # a fenced block: drop the fence lines
            return "\n".join(lines[1:-1])
        return self.text.strip("`")


class Html(_Written):
    """One raw HTML tag (or autolink) as written; kept apart so a sanitizer can act on it."""


@dataclass(frozen=True)
class Link(_Written):
    """A Markdown link or image as written; `label` is its visible words."""

    label: str


@dataclass(frozen=True)
class TermUse(_Written):
    """An occurrence of a glossary term: the words as written and the term's id."""

    term: str


@dataclass(frozen=True)
class Cite(_Written):
    """A resolved legal citation: as written (`[[UU14 Pasal 42]]` inline, `UU14 Pasal 42` in a
    `dasar_hukum` list), and what it points at."""

    citation: Citation
    law: Law

    @property
    def label(self) -> str:
        """How pages print it: "UU 14/2019 Pasal 42 huruf c"."""
        return self.citation.label(self.law)


Segment = Plain | Code | Html | Link | TermUse | Cite


@dataclass(frozen=True)
class LinkedText:
    """A prose field (or a guideline body) as segments."""

    segments: tuple[Segment, ...]

    def __iter__(self) -> Iterator[Segment]:
        return iter(self.segments)

    @property
    def source(self) -> str:
        return "".join(s.text for s in self.segments)

    @property
    def terms(self) -> list[str]:
        """Ids of the glossary terms used, in order of first appearance."""
        return list(dict.fromkeys(s.term for s in self.segments if isinstance(s, TermUse)))


class FirstUse:
    """The glossary terms already linked on one page: only a term's first occurrence is a link."""

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def claim(self, term_id: str) -> bool:
        """True the first time a term is met on the page."""
        if term_id in self._seen:
            return False
        self._seen.add(term_id)
        return True


CiteResolver = Callable[[str, int], Cite | None]


def segment(text: str, matcher: TermMatcher | None, cite: CiteResolver | None = None) -> LinkedText:
    """Cut `text` into segments.

    Arguments:
        text: Markdown prose.
        matcher: The build's glossary matcher (None: no terms are looked for).
        cite: Resolves an inline citation (its words inside `[[ ]]`, its offset in `text`); None
            means the citation is invalid and stays as written. Without `cite`, the field may not
            hold citations and `[[...]]` is plain text.
    """
    out: list[Segment] = []
    unresolved = False
    for kind, a, b, extra in _plan(text, matcher, citations=cite is not None):
        piece = text[a:b]
        if kind == _CITATION:
            found = cite(piece[2:-2], a)  # type: ignore[misc]
            unresolved |= found is None
            out.append(Cite(piece, found.citation, found.law) if found else Plain(piece))
        elif kind == _TERM:
            out.append(TermUse(piece, extra))
        elif kind == _LINK:
            out.append(Link(piece, extra))
        else:
            out.append(_SIMPLE[kind](piece))
    # The plan has its plain runs joined already; an invalid citation left as words makes a new one.
    return LinkedText(tuple(_joined(out)) if unresolved else tuple(out))


# A plan: how a text is cut, as (kind, start, end, extra) — a function of the text and the
# glossary only, so it is kept in the cache between runs; citations are resolved afresh each time.
Cut = tuple[int, int, int, str]
_PLAIN, _CODE, _HTML, _LINK, _TERM, _CITATION = range(6)
_SIMPLE: dict[int, type[Plain | Code | Html]] = {_PLAIN: Plain, _CODE: Code, _HTML: Html}


def _plan(text: str, matcher: TermMatcher | None, *, citations: bool) -> tuple[Cut, ...]:
    glossary = matcher.fingerprint if matcher else None
    return cache.memo("tata-teks", (glossary, text, int(citations)), lambda: _cut(text, matcher, citations))


def _cut(text: str, matcher: TermMatcher | None, citations: bool) -> tuple[Cut, ...]:
    regions = protected_regions(text)
    ends = [r.end for r in regions]
    out: list[Cut] = []
    position = 0
    for span in code_and_citations(text):
        if span.kind == "citation" and not citations:
            continue
        out += _outside_code(text, position, span.start, regions, ends, matcher)
        out.append((_CODE if span.kind == "code" else _CITATION, span.start, span.end, ""))
        position = span.end
    out += _outside_code(text, position, len(text), regions, ends, matcher)
    return _plain_runs_joined(out)


def _plain_runs_joined(cuts: list[Cut]) -> tuple[Cut, ...]:
    """Adjacent plain cuts as one and empty ones dropped, once when the plan is made rather than
    on every run that reads the plan from the cache."""
    out: list[Cut] = []
    for cut in cuts:
        kind, a, b, _ = cut
        if kind != _PLAIN:
            out.append(cut)
        elif a == b:
            continue
        elif out and out[-1][0] == _PLAIN and out[-1][2] == a:
            out[-1] = (_PLAIN, out[-1][1], b, "")
        else:
            out.append(cut)
    return tuple(out)


def _outside_code(
    text: str, start: int, end: int, regions: list[Span], ends: list[int], matcher: TermMatcher | None
) -> list[Cut]:
    """Cuts of text[start:end], which holds no code or citation: links, HTML, other protected
    regions (plain) and, between them, words where glossary terms are matched."""
    out: list[Cut] = []
    position = start
    for region in regions[bisect_right(ends, start) :]:
        if region.start >= end:
            break
        a, b = max(region.start, start), min(region.end, end)
        out += _terms(text, position, a, matcher)
        whole = a == region.start and b == region.end
        if whole and region.kind == "link":
            out.append((_LINK, a, b, region.label))
        elif whole and region.kind == "html":
            out.append((_HTML, a, b, ""))
        else:
            out.append((_PLAIN, a, b, ""))
        position = b
    out += _terms(text, position, end, matcher)
    return out


def _terms(text: str, start: int, end: int, matcher: TermMatcher | None) -> list[Cut]:
    out: list[Cut] = []
    position = start
    for match in matcher.find(text[start:end]) if matcher else ():
        out.append((_PLAIN, position, start + match.start, ""))
        out.append((_TERM, start + match.start, start + match.end, match.term_id))
        position = start + match.end
    out.append((_PLAIN, position, end, ""))
    return out


def _joined(segments: list[Segment]) -> Iterator[Segment]:
    """Adjacent plain segments as one; empty ones dropped."""
    pending = ""
    for seg in segments:
        if isinstance(seg, Plain):
            pending += seg.text
            continue
        if pending:
            yield Plain(pending)
            pending = ""
        yield seg
    if pending:
        yield Plain(pending)
