"""What "not found" offers: the closest glossary terms and topic pages.

`panduan cari` prints them when a query finds nothing (a typing mistake beyond what the fuzzy
match forgives, or a word the guide and its vocabulary do not know), and the site shows them
under the search box. Closeness is the similarity of the folded query words to each form of a
term (istilah, singkatan, alias, inggris) and to the words of each topic's title and summary;
topics also count the stems they share with the query.

One ranking, two places: `candidates()` turns the guide into what is compared (folded forms,
topic stems), `rank()` compares a query with them. The site ships the same candidates
(`browser_data()`, written to `search/saran.js`) and saran.js ranks them with the same rules,
`difflib.SequenceMatcher.ratio()` included (tests/search/test_suggest.py runs both).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from difflib import SequenceMatcher

from panduan.model import Guide
from panduan.present import GLOSSARY_PAGE, topic_page, url_of
from panduan.search.stemmer import analyze, fold, render_js

MIN_SIMILARITY = 0.72
TERMS = 5
TOPICS = 3
MIN_WORD = 3  # shorter query words are noise for closeness (di, ke, yg)


@dataclass(frozen=True)
class Suggestion:
    label: str
    location: str  # page address as the site has it (directory URLs unless told otherwise)
    score: float


@dataclass(frozen=True)
class Candidate:
    label: str
    location: str
    forms: tuple[str, ...]  # folded texts the query words are compared with
    stems: tuple[str, ...] = ()  # topics: the analysed stems of title and summary (sorted, unique)
    topic: bool = False


def candidates(guide: Guide, directory_urls: bool = True) -> list[Candidate]:
    """Glossary terms, then topics, in the guide's order (ties keep this order)."""
    glossary = url_of(GLOSSARY_PAGE, directory_urls)
    out = []
    for term in guide.terms.values():
        s = term.source
        forms = [s.istilah, *s.alias, *([s.singkatan] if s.singkatan else []), *([s.inggris] if s.inggris else [])]
        label = f"{s.istilah} ({s.singkatan})" if s.singkatan else s.istilah
        out.append(Candidate(label, f"{glossary}#{term.id}", tuple(fold(f) for f in forms)))
    for topic in guide.topics.values():
        text = f"{topic.judul} {topic.ringkasan}"
        location = url_of(topic_page(topic.id), directory_urls)
        out.append(Candidate(topic.judul, location, (fold(text),), tuple(sorted(set(analyze(text)))), topic=True))
    return out


def _similarity(words: list[str], folded: str) -> float:
    best = 0.0
    for word in words:
        best = max(best, SequenceMatcher(None, word, folded).ratio())
        for candidate in folded.split():
            best = max(best, SequenceMatcher(None, word, candidate).ratio())
    return best


def rank(found: list[Candidate], query: str, terms: int = TERMS, topics: int = TOPICS) -> list[Suggestion]:
    """The closest terms (at least MIN_SIMILARITY alike), then the `topics` closest topics."""
    words = [w for w in fold(query).split() if len(w) >= MIN_WORD]
    if not words:
        return []
    close = []
    for c in found:
        if not c.topic:
            score = max(_similarity(words, form) for form in c.forms)
            if score >= MIN_SIMILARITY:
                close.append(Suggestion(c.label, c.location, score))
    close.sort(key=lambda x: -x.score)
    stems = set(analyze(query))
    ranked = [
        Suggestion(c.label, c.location, len(stems & set(c.stems)) + _similarity(words, c.forms[0]))
        for c in found
        if c.topic
    ]
    ranked.sort(key=lambda x: -x.score)
    return close[:terms] + ranked[:topics]


def suggestions(guide: Guide, query: str, terms: int = TERMS, topics: int = TOPICS) -> list[Suggestion]:
    return rank(candidates(guide), query, terms, topics)


def browser_data(guide: Guide, directory_urls: bool) -> dict[str, object]:
    """What saran.js ranks: the candidates and the limits, locations relative to the site root."""
    return {
        "minSimilarity": MIN_SIMILARITY,
        "terms": TERMS,
        "topics": TOPICS,
        "minWord": MIN_WORD,
        "candidates": [
            {"label": c.label, "location": c.location, "forms": list(c.forms), "stems": list(c.stems), "topic": c.topic}
            for c in candidates(guide, directory_urls)
        ],
    }


def browser_script(guide: Guide, directory_urls: bool) -> str:
    """`search/saran.js`, loaded by saran.js the first time a search finds nothing: the analyzer
    (for the query's stems) and the candidates. A script, not JSON: file:// allows no fetch."""
    data = json.dumps(browser_data(guide, directory_urls), ensure_ascii=False, separators=(",", ":"))
    data = data.replace("</", "<\\/")
    return render_js() + f"\nself.panduanSaranData && self.panduanSaranData({data});\n"
