"""Glossary term matching: one Aho-Corasick automaton over all terms, one pass per page.

Rules: whole words only; words and aliases match case-insensitively, acronyms case-sensitively;
the longest match wins ("pekerja sosial profesional" before "pekerja sosial"); only the first
occurrence of each term on a page is linked; headings, code, links, inline citations and HTML are
never touched.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import ahocorasick

from panduan.model import Term

# Spans of Markdown that must never receive a term link, in priority order.
_PROTECTED = re.compile(
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
_WORD_CHAR = re.compile(r"[\w-]")


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    term_id: str


@dataclass(frozen=True)
class _Form:
    term_id: str
    text: str
    case_sensitive: bool


class TermMatcher:
    """Finds glossary terms in text with a single automaton built once per build."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self._automaton = ahocorasick.Automaton()
        forms: dict[str, list[_Form]] = {}
        for term in terms:
            for word in term.words:
                forms.setdefault(word.casefold(), []).append(_Form(term.id, word, False))
            for acronym in term.acronyms:
                forms.setdefault(acronym.casefold(), []).append(_Form(term.id, acronym, True))
        for key, entries in forms.items():
            self._automaton.add_word(key, (len(key), tuple(entries)))
        self.empty = not forms
        if not self.empty:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[Match]:
        """All non-overlapping term matches in plain text, leftmost-longest."""
        if self.empty or not text:
            return []
        folded = text.casefold()
        # casefold can change string length (ß → ss); positions are only trusted when it did not.
        if len(folded) != len(text):
            folded = text.lower()
        candidates: list[Match] = []
        for end_index, (length, entries) in self._automaton.iter(folded):
            start, end = end_index - length + 1, end_index + 1
            if not _is_whole_word(text, start, end):
                continue
            for form in entries:
                if not form.case_sensitive or text[start:end] == form.text:
                    candidates.append(Match(start, end, form.term_id))
                    break
        return _leftmost_longest(candidates)


def _is_whole_word(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return not (before and _WORD_CHAR.match(before)) and not (after and _WORD_CHAR.match(after))


def _leftmost_longest(matches: list[Match]) -> list[Match]:
    chosen: list[Match] = []
    for match in sorted(matches, key=lambda m: (m.start, -(m.end - m.start))):
        if chosen and match.start < chosen[-1].end:
            continue
        chosen.append(match)
    return chosen


def plain_segments(markdown: str) -> list[tuple[int, int]]:
    """(start, end) spans of Markdown outside every protected construct."""
    segments, position = [], 0
    for protected in _PROTECTED.finditer(markdown):
        if protected.start() > position:
            segments.append((position, protected.start()))
        position = protected.end()
    if position < len(markdown):
        segments.append((position, len(markdown)))
    return segments


def link_terms(
    markdown: str,
    matcher: TermMatcher,
    make_link: Callable[[str, str], str],
    *,
    seen: set[str] | None = None,
) -> tuple[str, list[str]]:
    """Link the first occurrence of each term in Markdown.

    Arguments:
        markdown: The text to process.
        matcher: The build's term matcher.
        make_link: `(visible text, term id) -> Markdown` for one occurrence.
        seen: Term ids already linked earlier on the same page (updated in place).

    Returns:
        The new Markdown and the ids of every term found (linked or not), in order of appearance.
    """
    seen = set() if seen is None else seen
    found: list[str] = []
    out: list[str] = []
    position = 0
    for seg_start, seg_end in plain_segments(markdown):
        segment = markdown[seg_start:seg_end]
        for match in matcher.find(segment):
            if match.term_id not in found:
                found.append(match.term_id)
            if match.term_id in seen:
                continue
            seen.add(match.term_id)
            out.append(markdown[position : seg_start + match.start])
            out.append(make_link(segment[match.start : match.end], match.term_id))
            position = seg_start + match.end
    out.append(markdown[position:])
    return "".join(out), found
