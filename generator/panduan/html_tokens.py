"""What the site's HTML readers share: the pieces of a tag, read the way `html.parser` reads them.

The link check (linkcheck.py) and the search sections (search/sections.py) read every page of a
built site; `html.parser` made each of them several times slower than the regular expressions
here. Both are proven against `html.parser` on the real site by their tests.
"""

from __future__ import annotations

import re
from html import unescape

# The inside of a start tag: anything but `>`, with quoted values that may hold `>`.
QUOTED = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
_ATTR = re.compile(r"""([^\s/>=][^\s/=>]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]*))?""")


def attributes(text: str) -> list[tuple[str, str | None]]:
    """(lower-case name, unescaped value or None) of every attribute, as `html.parser` gives them."""
    found: list[tuple[str, str | None]] = []
    for match in _ATTR.finditer(text):
        name, value = match.group(1).lower(), match.group(2)
        if value is not None and value[:1] in ("'", '"') and value[-1:] == value[:1] and len(value) >= 2:
            value = value[1:-1]
        found.append((name, unescape(value) if value and "&" in value else value))
    return found
