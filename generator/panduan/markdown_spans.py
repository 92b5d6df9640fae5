"""The Markdown of the guide: its dialect, and the regions text processing must leave alone.

One set of rules, shared by validation (checks, link) and by the link stage that cuts prose into
segments for every output:

* code (inline spans and fenced blocks) is code: nothing inside it is a citation or a term;
* `[[...]]` anywhere else is an inline legal citation;
* a glossary term is also never matched inside headings, links, citations, HTML tags or
  attribute lists (`PROTECTED`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from panduan.diagnostics import Location
from panduan.law import INLINE_CITATION

if TYPE_CHECKING:
    from panduan.schema import GuidelineSource

# The dialect: every output renders the sources and generated pages with these extensions.
# mkdocs.yml lists the same (tests/unit/test_markdown_dialect.py keeps them equal); the PDF
# builds its converter from `markdown_extensions()`.
MARKDOWN_EXTENSIONS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("abbr", {}),
    ("admonition", {}),
    ("attr_list", {}),
    ("md_in_html", {}),
    ("def_list", {}),
    ("tables", {}),
    ("toc", {"permalink": True}),
    ("pymdownx.details", {}),
    ("pymdownx.superfences", {}),
    ("pymdownx.tasklist", {"custom_checkbox": True}),
)


def markdown_extensions() -> tuple[list[str], dict[str, dict[str, Any]]]:
    """(extension names, their options) in the form `markdown.Markdown()` takes."""
    return [name for name, _ in MARKDOWN_EXTENSIONS], {name: dict(opts) for name, opts in MARKDOWN_EXTENSIONS if opts}


# Code never carries glossary links or legal citations.
CODE = re.compile(
    r"^[ ]{0,3}(?P<fence>```|~~~)[^\n]*\n.*?^[ ]{0,3}(?P=fence)[ \t]*$"  # fenced block
    r"|`[^`\n]+`",  # inline code
    re.MULTILINE | re.DOTALL,
)

# Everything a glossary term must not be matched in: code plus headings, links, citations, HTML.
PROTECTED = re.compile(
    r"""
      ^[ ]{0,3}(?P<fence>```|~~~)[^\n]*\n.*?^[ ]{0,3}(?P=fence)[ \t]*$   # fenced code
    | ^[ ]{0,3}\#{1,6}[ \t][^\n]*$                                        # ATX heading
    | ^[ ]{0,3}\[[^\]\n]+\]:[^\n]*$                                       # link reference definition
    | ^(?:!!!|\?\?\?\+?)[^\n]*$                                           # admonition header line
    | `[^`\n]+`                                                            # inline code
    | \[\[[^\[\]\n]+\]\]                                                   # inline legal citation
    | (?P<link>!?\[(?P<label>(?:[^\[\]\n]|\[[^\]\n]*\])*)\]\([^)\n]*\))    # link or image
    | (?P<reflink>!?\[(?P<reflabel>[^\]\n]+)\]\[[^\]\n]*\])               # reference link
    | (?P<html><[^>\n]+>)                                                  # HTML tag or autolink
    | \{[^}\n]*\}                                                          # attribute list
    """,
    re.MULTILINE | re.DOTALL | re.VERBOSE,
)


def outside(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """(start, end) spans of `text` not covered by any match of `pattern`."""
    segments, position = [], 0
    for match in pattern.finditer(text):
        if match.start() > position:
            segments.append((position, match.start()))
        position = match.end()
    if position < len(text):
        segments.append((position, len(text)))
    return segments


@dataclass(frozen=True)
class Span:
    """A region of a text: `kind` is "code" or "citation" (`code_and_citations`), or "link",
    "html" or "other" (`protected_regions`); `label` is a link's visible words."""

    start: int
    end: int
    kind: str
    label: str = ""


def code_and_citations(text: str) -> list[Span]:
    """Code, and `[[...]]` citations outside code, in order of appearance."""
    spans = [Span(m.start(), m.end(), "code") for m in CODE.finditer(text)]
    for start, end in outside(CODE, text):
        spans += [Span(m.start(), m.end(), "citation") for m in INLINE_CITATION.finditer(text, start, end)]
    return sorted(spans, key=lambda s: s.start)


def protected_regions(text: str) -> list[Span]:
    """The regions where glossary terms are never matched, in order."""
    regions = []
    for m in PROTECTED.finditer(text):
        if m.group("link") is not None:
            regions.append(Span(m.start(), m.end(), "link", m.group("label")))
        elif m.group("reflink") is not None:
            regions.append(Span(m.start(), m.end(), "link", m.group("reflabel")))
        else:
            regions.append(Span(m.start(), m.end(), "html" if m.group("html") is not None else "other"))
    return regions


def body_location(g: GuidelineSource, offset: int) -> Location:
    """Where a character of a guideline's body is in its file."""
    body = g.file.body
    line = g.file.body_line + body.count("\n", 0, offset)
    col = offset - (body.rfind("\n", 0, offset) + 1) + 1
    return Location(g.file.path, line, col)


def inline_citation_sites(g: GuidelineSource) -> Iterator[tuple[str, Location]]:
    """`[[...]]` citations in a guideline body, outside code, with their line and column in the file."""
    body = g.file.body
    for span in code_and_citations(body):
        if span.kind == "citation":
            yield body[span.start + 2 : span.end - 2], body_location(g, span.start)
