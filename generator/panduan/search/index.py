"""The search index: Material's index made Indonesian, and the same index for `panduan cari`.

After Material's search plugin writes `search/search_index.json`, the MkDocs plugin calls
`augment()` to:

* switch the language to `id`, so Material's worker loads our `lunr.id.min.js` (the shared
  analyzer: stemmer, stopwords, clitics, reduplication) for index and query terms alike;
* give each guideline page a `ringkasan` field (boosted) and a hidden `sinonim` field with the other
  forms of every glossary term it uses, so "STR" finds "surat tanda registrasi" and back;
* add each recommendation and step as its own deep-linked result;
* lower the weight of reference pages (law, glossary, role lists), so a guideline about the
  subject ranks before a page that only mentions the word.

`build_lunr()` indexes exactly those documents with lunr.py and the same analyzer; the result is
written beside the site's index and is what `panduan cari` and the relevance tests query.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from lunr.builder import Builder
from lunr.index import Index

from panduan.build import BuildResult
from panduan.render import STRENGTH_LABELS, guideline_page, url_of
from panduan.search.stemmer import analyze, render_js

# `judul_sinonim`: other forms of the glossary terms in a guideline's title ("kelompok usaha bersama"
# finds the KUBE guideline); `sinonim`: the same for terms anywhere in the document.
FIELDS = {"title": 1000.0, "judul_sinonim": 200.0, "ringkasan": 50.0, "text": 1.0, "sinonim": 5.0}
GUIDELINE_BOOST = 2.0
REFERENCE_BOOST = 0.5
LUNR_ID_PATH = "assets/javascripts/lunr/min/lunr.id.min.js"
PANDUAN_INDEX_PATH = "search/panduan-index.json"
_TAG = re.compile(r"<[^>]+>")


def lunr_id_script() -> str:
    """The browser analyzer followed by the lunr.id glue, as one file for Material's worker."""
    from importlib.resources import files

    glue = files("panduan.search").joinpath("lunr-id.js").read_text(encoding="utf-8")
    return render_js() + "\n" + glue


def plain(text: str) -> str:
    return html.unescape(_TAG.sub(" ", text))


def _split(location: str) -> tuple[str, str]:
    page, _, anchor = location.partition("#")
    return page, anchor


def augment(index: dict[str, Any], result: BuildResult, *, directory_urls: bool) -> dict[str, Any]:
    """Return Material's search index with Indonesian language, fields and extra documents."""
    guide = result.guide
    by_url = {url_of(guideline_page(g), directory_urls): g for g in guide.guidelines.values()}
    config = dict(index["config"])
    config.update(lang=["id"], separator=r"[\s]+", pipeline=[], fields={k: {"boost": v} for k, v in FIELDS.items()})
    docs: list[dict[str, Any]] = []
    for doc in index["docs"]:
        page, anchor = _split(doc["location"])
        g = by_url.get(page)
        doc = dict(doc)
        if g is None:
            doc["boost"] = REFERENCE_BOOST
            docs.append(doc)
            continue
        doc["boost"] = GUIDELINE_BOOST
        doc["sinonim"] = synonyms(result, plain(doc.get("title", "")) + " " + plain(doc.get("text", "")))
        if not anchor:
            doc["ringkasan"] = g.ringkasan
            doc["judul_sinonim"] = synonyms(result, g.judul)
        docs.append(doc)
        # Each recommendation and step becomes its own deep-linked result; the section keeps only
        # its heading so the same text is not shipped twice to phones.
        if anchor == "rekomendasi":
            doc["text"] = ""
            docs += _recommendation_docs(result, g, page)
        elif anchor == "langkah":
            doc["text"] = ""
            docs += _step_docs(result, g, page)
    return {**index, "config": config, "docs": docs}


def synonyms(result: BuildResult, text: str) -> str:
    """Every other form (term, acronym, aliases) of the glossary terms found in `text`."""
    forms: list[str] = []
    for match in result.matcher.find(text):
        term = result.guide.terms[match.term_id]
        forms += [*term.words, *term.acronyms, *([term.source.inggris] if term.source.inggris else [])]
    return " ".join(dict.fromkeys(forms))


def _recommendation_docs(result: BuildResult, g: Any, page: str) -> list[dict[str, Any]]:
    return [
        {
            "location": f"{page}#{rec.id.lower()}",
            # Short titles: the guideline title already scores on the page itself, and words in
            # sub-result titles would outweigh real matches elsewhere (title boost 1000).
            "title": f"Rekomendasi {rec.id} ({STRENGTH_LABELS[rec.kekuatan]})",
            "text": html.escape(rec.teks),
            "sinonim": synonyms(result, rec.teks),
            "boost": GUIDELINE_BOOST,
        }
        for rec in g.rekomendasi
    ]


def _step_docs(result: BuildResult, g: Any, page: str) -> list[dict[str, Any]]:
    roles = result.guide.roles
    return [
        {
            "location": f"{page}#langkah-{i}",
            "title": f"Langkah {i}",
            "text": html.escape(f"{roles[step.peran].nama if step.peran in roles else step.peran}: {step.teks}"),
            "sinonim": synonyms(result, step.teks),
            "boost": GUIDELINE_BOOST,
        }
        for i, step in enumerate(g.langkah, start=1)
    ]


# ---------------------------------------------------------------------------------------------
# The same index in Python


def _analyzed(doc: dict[str, Any], field: str) -> str:
    return " ".join(analyze(plain(str(doc.get(field, "")))))


def build_lunr(docs: list[dict[str, Any]]) -> Index:
    """lunr.py index of the augmented documents; text is analyzed before lunr sees it."""
    prepared = [
        {"location": d["location"], **{f: _analyzed(d, f) for f in FIELDS}, "_boost": d.get("boost", 1.0)}
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
    (the one being typed, see lunr-id.js), then Material's post-boost (top-level documents and
    documents matching more terms rise)."""
    clauses = query_terms(query)
    if not clauses:
        return []
    stems = [term.rstrip("*") for term in clauses]
    q = index.create_query()
    for term in clauses:
        q.clause(term=term, use_pipeline=False)
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


def query_terms(query: str) -> list[str]:
    """Index terms for a query: each word analysed; only the last word's stems get a wildcard."""
    words = query.split()
    terms: list[str] = []
    for position, word in enumerate(words):
        last = position == len(words) - 1
        for stem in analyze(word):
            term = f"{stem}*" if last else stem
            if term not in terms:
                terms.append(term)
    return terms


def _group_by_page(hits: list[Hit]) -> list[Hit]:
    """One result per page, at the rank of its best document (as Material groups results)."""
    seen: dict[str, Hit] = {}
    for hit in hits:
        seen.setdefault(hit.parent, hit)
    return list(seen.values())
