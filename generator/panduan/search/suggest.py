"""What "not found" offers: the closest glossary terms and topic pages.

`panduan cari` prints them when a query finds nothing (a typing mistake beyond what the fuzzy
match forgives, or a word the guide and its vocabulary do not know). Closeness is the similarity
of the folded query words to each form of a term (istilah, singkatan, alias, inggris) and to the
words of each topic's title and summary.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from panduan.model import Guide
from panduan.search.stemmer import analyze, fold

MIN_SIMILARITY = 0.72


@dataclass(frozen=True)
class Suggestion:
    label: str
    location: str  # page address as the site has it (directory URLs)
    score: float


def _similarity(words: list[str], text: str) -> float:
    candidates = fold(text).split()
    whole = fold(text)
    best = 0.0
    for word in words:
        best = max(best, SequenceMatcher(None, word, whole).ratio())
        for candidate in candidates:
            best = max(best, SequenceMatcher(None, word, candidate).ratio())
    return best


def suggestions(guide: Guide, query: str, terms: int = 5, topics: int = 3) -> list[Suggestion]:
    words = [w for w in fold(query).split() if len(w) >= 3]
    if not words:
        return []
    found: list[Suggestion] = []
    for term in guide.terms.values():
        s = term.source
        forms = [s.istilah, *s.alias, *([s.singkatan] if s.singkatan else []), *([s.inggris] if s.inggris else [])]
        score = max(_similarity(words, form) for form in forms)
        if score >= MIN_SIMILARITY:
            label = f"{s.istilah} ({s.singkatan})" if s.singkatan else s.istilah
            found.append(Suggestion(label, f"glosarium/#{term.id}", score))
    found.sort(key=lambda x: -x.score)
    stems = set(analyze(query))
    ranked = []
    for topic in guide.topics.values():
        shared = len(stems & set(analyze(f"{topic.judul} {topic.ringkasan}")))
        ranked.append(
            Suggestion(topic.judul, f"{topic.id}/", shared + _similarity(words, f"{topic.judul} {topic.ringkasan}"))
        )
    ranked.sort(key=lambda x: -x.score)
    return found[:terms] + ranked[:topics]
