"""The search index: the browser's (Material's worker, lunr.js) and `panduan cari`'s (lunr.py).

Both index the documents of `documents.search_documents()` with the same fields, boosts and
Indonesian analyzer, and both analyse queries the same way:

* the site's `search/search_index.json` says `lang: ["id"]` (`browser_config()`), so Material's
  worker loads our `lunr.id.min.js` (`lunr_id_script()`: the shared analyzer — stemmer,
  stopwords, clitics, reduplication — plus the lunr.id glue in lunr-id.js);
* `build_lunr()` indexes the same documents with lunr.py, the text analysed before lunr sees it,
  and `search()` queries it like the site does. `panduan cari` and the relevance tests use them;
  tests/search/test_relevance.py checks that both sides rank the same pages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from lunr.builder import Builder
from lunr.index import Index

from panduan.search.documents import plain
from panduan.search.stemmer import analyze, render_js

# `judul_sinonim`: other forms of the glossary terms in a guideline's title ("kelompok usaha bersama"
# finds the KUBE guideline); `sinonim`: the same for terms anywhere in the document.
# `kata_kunci`: words people search with for this guideline (its front matter and
# registry/kosakata.yaml), ranked like words of its summary and above mere mentions.
FIELDS = {"title": 1000.0, "judul_sinonim": 200.0, "kata_kunci": 300.0, "ringkasan": 50.0, "text": 1.0, "sinonim": 5.0}
LUNR_ID_PATH = "assets/javascripts/lunr/min/lunr.id.min.js"


def lunr_id_script(config: dict[str, Any] | None = None) -> str:
    """The browser analyzer followed by the lunr.id glue, as one file for Material's worker.

    `config` (the index's) is inlined for the worker, which rebuilds the index with the same
    config when it has loaded page bodies (split.py)."""
    from importlib.resources import files

    glue = files("panduan.search").joinpath("lunr-id.js").read_text(encoding="utf-8")
    data = json.dumps(config or {}, ensure_ascii=True, separators=(",", ":")).replace("</", "<\\/")
    return render_js() + f"\nvar panduanSearchConfig = {data};\n" + glue


def browser_config(config: dict[str, Any]) -> dict[str, Any]:
    """Material's index config with our language, fields and boosts (the analyzer does the rest)."""
    return {
        **config,
        "lang": ["id"],
        "separator": r"[\s]+",
        "pipeline": [],
        "fields": {k: {"boost": v} for k, v in FIELDS.items()},
    }


def _split(location: str) -> tuple[str, str]:
    page, _, anchor = location.partition("#")
    return page, anchor


# ---------------------------------------------------------------------------------------------
# The same index in Python


class _Analyzer:
    """`analyze()` with a memory: texts are analysed word by word (whitespace never joins two
    tokens, so the result is the same) and each distinct word only once."""

    def __init__(self) -> None:
        self._words: dict[str, list[str]] = {}

    def __call__(self, text: str) -> list[str]:
        terms: list[str] = []
        for word in text.split():
            stems = self._words.get(word)
            if stems is None:
                stems = self._words[word] = analyze(word)
            terms += stems
        return terms


def build_lunr(docs: list[dict[str, Any]]) -> Index:
    """lunr.py index of the search documents; text is analyzed before lunr sees it."""
    analyzed = _Analyzer()
    prepared = [
        {
            "location": d["location"],
            **{f: " ".join(analyzed(plain(str(d.get(f, ""))))) for f in FIELDS},
            "_boost": d.get("boost", 1.0),
        }
        for d in docs
    ]
    builder = Builder()
    builder.b(0)  # as Material's worker does: no document-length normalisation
    # Text is analyzed already; lunr's default English pipeline (Porter stemmer) must not touch it.
    builder.pipeline.reset()
    builder.search_pipeline.reset()
    builder.ref("location")
    for name, boost in FIELDS.items():
        builder.field(name, boost=boost)
    builder.metadata_whitelist = ["position"]
    for doc in prepared:
        boost = doc.pop("_boost")
        builder.add(doc, {"boost": boost})
    return builder.build()


@dataclass(frozen=True)
class Hit:
    location: str
    title: str
    score: float
    parent: str


def search(index: Index, docs: dict[str, dict[str, Any]], query: str, limit: int = 10) -> list[Hit]:
    """Query like the site: analysed terms OR-combined, a trailing wildcard only on the last word
    (the one being typed, see lunr-id.js), a fuzzy match for a word the index does not know (a
    typing mistake), then Material's post-boost (top-level documents and documents matching more
    terms rise)."""
    clauses = query_clauses(query, index)
    if not clauses:
        return []
    stems = [clause.term for clause in clauses]
    q = index.create_query()
    for clause in clauses:
        if clause.edit_distance:
            q.clause(term=clause.term, edit_distance=clause.edit_distance, use_pipeline=False)
        else:
            q.clause(term=clause.term + ("*" if clause.prefix else ""), use_pipeline=False)
    hits = []
    for found in index.query(q):
        doc = docs.get(found["ref"])
        if doc is None:
            continue
        matched = set(found["match_data"].metadata)
        fraction = sum(any(t.startswith(s) for t in matched) for s in stems) / len(stems)
        page, anchor = _split(found["ref"])
        boost = (0 if anchor else 1) + fraction
        hits.append(Hit(found["ref"], plain(doc.get("title", "")), found["score"] * (1 + boost**2), page))
    hits.sort(key=lambda h: -h.score)
    return _group_by_page(hits)[:limit]


@dataclass(frozen=True)
class Clause:
    term: str
    prefix: bool = False  # trailing wildcard: the word may still be being typed
    edit_distance: int = 0  # fuzzy: the index does not know the word, maybe a typing mistake


FUZZY_MIN_LENGTH = 4  # shorter unknown words are acronyms or noise, never corrected
FUZZY_LONG = 8  # from this length two typing mistakes are forgiven, below it one


def query_clauses(query: str, index: Index | None = None) -> list[Clause]:
    """Index terms for a query: each word analysed; only the last word's stems get a wildcard.

    With an index, a stem it does not hold (as a whole term, or as a prefix for the last word)
    becomes a fuzzy clause instead: edit distance 1, or 2 for long words. lunr-id.js
    (`analyzeClauses`) does exactly the same in the browser."""
    words = query.split()
    clauses: list[Clause] = []
    seen: set[str] = set()
    for position, word in enumerate(words):
        last = position == len(words) - 1
        for stem in analyze(word):
            clause = Clause(stem, prefix=last)
            if index is not None and len(stem) >= FUZZY_MIN_LENGTH and not _known(index, stem, last):
                clause = Clause(stem, edit_distance=2 if len(stem) >= FUZZY_LONG else 1)
            key = f"{clause.term}|{clause.prefix}|{clause.edit_distance}"
            if key not in seen:
                seen.add(key)
                clauses.append(clause)
    return clauses


def _known(index: Index, stem: str, prefix: bool) -> bool:
    if not prefix:
        return stem in index.inverted_index
    from lunr.token_set import TokenSet

    return bool(index.token_set.intersect(TokenSet.from_string(stem + "*")).to_list())


def query_terms(query: str) -> list[str]:
    """The analysed query as lunr terms (no index: no fuzzy clauses); the last word's get a "*"."""
    return [c.term + ("*" if c.prefix else "") for c in query_clauses(query)]


def _group_by_page(hits: list[Hit]) -> list[Hit]:
    """One result per page, at the rank of its best document (as Material groups results)."""
    seen: dict[str, Hit] = {}
    for hit in hits:
        seen.setdefault(hit.parent, hit)
    return list(seen.values())
