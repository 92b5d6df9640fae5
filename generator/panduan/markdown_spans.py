"""Regions of Markdown that text processing must leave alone, shared by the link stages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from panduan.diagnostics import Location
from panduan.law import INLINE_CITATION

if TYPE_CHECKING:
    from panduan.schema import GuidelineSource

# Code never carries glossary links or legal citations.
CODE = re.compile(
    r"^[ ]{0,3}(?P<fence>```|~~~)[^\n]*\n.*?^[ ]{0,3}(?P=fence)[ \t]*$"  # fenced block
    r"|`[^`\n]+`",  # inline code
    re.MULTILINE | re.DOTALL,
)

# Everything a glossary link must not be placed in: code plus headings, links, citations, HTML.
PROTECTED = re.compile(
    r"""
      ^[ ]{0,3}(?P<fence>```|~~~)[^\n]*\n.*?^[ ]{0,3}(?P=fence)[ \t]*$   # fenced code
    | ^[ ]{0,3}\#{1,6}[ \t][^\n]*$                                        # ATX heading
    | ^[ ]{0,3}\[[^\]\n]+\]:[^\n]*$                                       # link reference definition
    | ^(?:!!!|\?\?\?\+?)[^\n]*$                                           # admonition header line
    | `[^`\n]+`                                                            # inline code
    | \[\[[^\[\]\n]+\]\]                                                   # inline legal citation
    | !?\[(?:[^\[\]\n]|\[[^\]\n]*\])*\]\([^)\n]*\)                          # link or image
    | !?\[[^\]\n]+\]\[[^\]\n]*\]                                           # reference link
    | <[^>\n]+>                                                            # HTML tag or autolink
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


def inline_citation_sites(g: GuidelineSource) -> Iterator[tuple[str, Location]]:
    """`[[...]]` citations in a guideline body, outside code, with their line and column in the file."""
    body = g.file.body
    for start, end in outside(CODE, body):
        for match in INLINE_CITATION.finditer(body, start, end):
            line = g.file.body_line + body.count("\n", 0, match.start())
            col = match.start() - (body.rfind("\n", 0, match.start()) + 1) + 1
            yield match.group(1), Location(g.file.path, line, col)
