"""Glossary term matching: one word-level trie over all terms, one pass per text.

Rules: whole words only; words and aliases match case-insensitively, acronyms case-sensitively;
the longest match wins ("pekerja sosial profesional" before "pekerja sosial"). Where in Markdown
terms are looked for (never in headings, code, links, citations or HTML) and which occurrence
becomes a link (the first on a page) is the link stage's business: segments.py.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from panduan.model import Term

# A word: letters/digits, possibly joined by hyphens or apostrophes ("anak-anak", "SIKS-NG").
_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*")
_SPACE = re.compile(r"\s+")
_END = ""  # trie key under which a node keeps the forms that end there


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    term_id: str


class _Form(NamedTuple):
    term_id: str
    text: str
    case_sensitive: bool


def _gap(separator: str) -> str:
    """Separators between the words of a term: any whitespace (even a line break) is one space."""
    return " " if _SPACE.fullmatch(separator) else separator


class TermMatcher:
    """Finds glossary terms with one word-level trie: one pass per text, whatever the term count.

    Each text is split into words once; at every word the trie is walked only as far as the words
    keep matching a term, so 2,000 terms cost the same per word as 20. Matching whole words is
    built in: "relawan" can never match inside "kerelawanan".
    """

    def __init__(self, terms: Iterable[Term]) -> None:
        self._root: dict[str, Any] = {}
        digest = hashlib.blake2b(digest_size=16)
        for term in terms:
            for word in term.words:
                self._add(word, _Form(term.id, word, False))
                digest.update(f"{term.id}\0{word}\0w\0".encode())
            for acronym in term.acronyms:
                self._add(acronym, _Form(term.id, acronym, True))
                digest.update(f"{term.id}\0{acronym}\0a\0".encode())
        self.empty = not self._root
        # What the matcher finds is a function of its forms, in this order: the key under which
        # results are kept between runs (segments.py).
        self.fingerprint = digest.hexdigest()

    def _add(self, form_text: str, form: _Form) -> None:
        words = form_text.split(" ")
        if all(w.isalnum() for w in words):  # the common case ("pekerja sosial") needs no regex
            node = self._root.setdefault(words[0].casefold(), {})
            for word in words[1:]:
                node = node.setdefault((" ", word.casefold()), {})
            node.setdefault(_END, []).append(form)
            return
        tokens = list(_TOKEN.finditer(form_text))
        if not tokens:
            return
        node = self._root.setdefault(tokens[0].group().casefold(), {})
        for previous, token in itertools.pairwise(tokens):
            key = (_gap(form_text[previous.end() : token.start()]), token.group().casefold())
            node = node.setdefault(key, {})
        node.setdefault(_END, []).append(form)

    def find(self, text: str) -> list[Match]:
        """All non-overlapping term matches in plain text, leftmost-longest."""
        if self.empty or not text:
            return []
        tokens = list(_TOKEN.finditer(text))
        folded = [t.group().casefold() for t in tokens]
        matches: list[Match] = []
        starts = self._root
        i = 0
        while i < len(tokens):
            if folded[i] not in starts:  # most words start no term: skip the walk
                i += 1
                continue
            found = self._longest_at(text, tokens, folded, i)
            if found is None:
                i += 1
                continue
            last, term_id = found
            matches.append(Match(tokens[i].start(), tokens[last].end(), term_id))
            i = last + 1
        return matches

    def _longest_at(self, text: str, tokens: list[Any], folded: list[str], i: int) -> tuple[int, str] | None:
        node = self._root.get(folded[i])
        best = None
        j = i
        while node is not None:
            for form in node.get(_END, ()):
                shown = text[tokens[i].start() : tokens[j].end()]
                if not form.case_sensitive or shown == form.text:
                    best = (j, form.term_id)
                    break
            j += 1
            if j >= len(tokens):
                break
            node = node.get((_gap(text[tokens[j - 1].end() : tokens[j].start()]), folded[j]))
        return best
