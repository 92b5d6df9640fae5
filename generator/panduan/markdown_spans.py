"""Regions of Markdown that text processing must leave alone, shared by the link stages."""

from __future__ import annotations

import re

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
