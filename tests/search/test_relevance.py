"""Search relevance on the real guide: do field workers' queries find the right guideline?

Queries go through what `panduan cari` searches: the guide's search documents
(`documents.search_documents()`), indexed with lunr.py at query time (`query.load()`). The query
set, with the expected guideline(s) for each query, is tests/search/relevance.yaml.

recall@3: share of queries whose expected guideline is among the first 3 pages returned.
MRR:      mean of 1/rank of the first expected guideline (0 when it is not in the first 10).

Parity: the site is built once (strict, like production) and its `search/search_index.json` is
indexed the way Material's worker does it in the browser (fields and boosts from the file's
config, text split on its separator, every token through the shared analyzer, as lunr-id.js
registers it). The CLI and that browser index must return the same first 3 pages per query.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from lunr.builder import Builder
from lunr.index import Index
from lunr.pipeline import Pipeline

from panduan.search.documents import plain
from panduan.search.index import FIELDS, _Analyzer, search
from panduan.search.query import load
from panduan.search.split import merge, read_bodies
from panduan.search.stemmer import analyze
from panduan.site import build_site

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
QUERIES = Path(__file__).with_name("relevance.yaml")
LIMIT = 10  # pages looked at per query (MRR counts ranks up to here)
GROUPS = ("dikenal", "situasi", "sehari-hari", "akronim", "salah-ketik")
TOP = 3

# Measured on the real guide (173 queries, b = 0 as in the browser): see bench/results.md for the
# per-group figures next to Material's default search (bench/search_relevance.py).
# Targets of the issue: recall@3 >= 0.9 in every group. The floors below sit at the target (overall
# a little below the measured value), so a change that makes search worse fails here; failing
# queries are listed in the assertion message.
RECALL_AT_3_MIN = 0.92
MRR_MIN = 0.85
GROUP_RECALL_AT_3_MIN = 0.9


def load_queries() -> list[dict[str, Any]]:
    entries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["kueri"]
    for entry in entries:
        assert set(entry) == {"kueri", "jenis", "harapan"}, entry
        assert entry["jenis"] in GROUPS, entry
        assert entry["harapan"], entry
    return entries


def page_id(location: str) -> str:
    """'etika-klien/kerahasiaan-klien/#r1' -> 'kerahasiaan-klien' (the guideline id)."""
    page = location.partition("#")[0].strip("/")
    return page.rsplit("/", 1)[-1].removesuffix(".html")


@pytest.fixture(scope="module")
def engine() -> tuple[Index, dict[str, dict[str, Any]]]:
    """What `panduan cari` searches: the model's documents, indexed at query time."""
    return load(REPO, REPO / "mkdocs.yml")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site_dir = tmp_path_factory.mktemp("relevance") / "site"
    assert build_site(REPO / "mkdocs.yml", site_dir), "the real site must build (strict)"
    return site_dir


def site_documents(site: Path) -> dict[str, Any]:
    """The site's search_index.json with every part of search/badan/ merged in, as the worker
    does once it has loaded them all (lunr-id.js `mergeBodies`, split.py `merge`)."""
    data = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return {**data, "docs": merge(data["docs"], read_bodies(site / "search" / "badan"))}


@pytest.fixture(scope="module")
def browser(site: Path) -> tuple[Index, dict[str, dict[str, Any]]]:
    """The site's search index, all parts loaded, indexed as Material's worker does with lunr-id.js."""
    data = site_documents(site)
    return browser_index(data), {d["location"]: d for d in data["docs"]}


def _panduan_id(token, i, tokens):
    """lunr-id.js `analyzeToken`: one token in, zero or more stems out."""
    return [token.clone(lambda _s, _m, stem=stem: stem) for stem in analyze(str(token))]


if "panduanId" not in Pipeline.registered_functions:
    Pipeline.register_function(_panduan_id, "panduanId")


def browser_index(data: dict[str, Any]) -> Index:
    """lunr.py in the browser's place: Material sets lunr's tokenizer separator from the index
    config and skips markup; `lang: ["id"]` makes lunr.id replace the pipeline with the analyzer."""
    config = data["config"]
    assert config["lang"] == ["id"] and config["pipeline"] == []
    separator = re.compile(config["separator"])
    builder = Builder()
    builder.b(0)
    builder.pipeline.reset()
    builder.pipeline.add(_panduan_id)
    builder.search_pipeline.reset()
    builder.ref("location")
    builder.metadata_whitelist = []  # tokens come pre-split (below), without positions
    for name, spec in config["fields"].items():
        # A list is not split again by lunr.py's tokenizer (whose separator includes "-").
        builder.field(
            name,
            boost=spec["boost"],
            extractor=lambda doc, name=name: [t for t in separator.split(plain(str(doc.get(name, "")))) if t],
        )
    for doc in data["docs"]:
        builder.add(doc, {"boost": doc.get("boost", 1)})
    return builder.build()


def _evaluate(engine) -> tuple[list[dict[str, Any]], float, float]:
    index, docs = engine
    rows = []
    for entry in load_queries():
        pages = [page_id(hit.parent) for hit in search(index, docs, entry["kueri"], LIMIT)]
        rank = next((i for i, p in enumerate(pages, start=1) if p in entry["harapan"]), None)
        rows.append({**entry, "rank": rank, "pages": pages})
    recall = sum(1 for r in rows if r["rank"] is not None and r["rank"] <= TOP) / len(rows)
    mrr = sum(1 / r["rank"] for r in rows if r["rank"] is not None) / len(rows)
    return rows, recall, mrr


def _table(rows: list[dict[str, Any]]) -> str:
    lines = [f"{'':2} {'rank':>4}  {'jenis':<11}  {'kueri':<46}  top 3 pages (expected)"]
    for r in rows:
        flag = "  " if r["rank"] is not None and r["rank"] <= TOP else "XX"
        rank = "-" if r["rank"] is None else str(r["rank"])
        lines.append(
            f"{flag} {rank:>4}  {r['jenis']:<11}  {r['kueri']:<46}  {', '.join(r['pages'][:TOP]) or '(none)'}"
            f"  ({', '.join(r['harapan'][:3])}{', ...' if len(r['harapan']) > 3 else ''})"
        )
    return "\n".join(lines)


def test_query_set_is_well_formed():
    entries = load_queries()
    assert len(entries) >= 120
    assert sum(e["jenis"] == "situasi" for e in entries) * 2.2 >= len(entries), "about half are situations"
    guideline_ids = {p.stem for p in (REPO / "guidelines").glob("*/*.md")}
    unknown = {gid for e in entries for gid in e["harapan"]} - guideline_ids
    assert not unknown, f"relevance.yaml expects guidelines that do not exist: {sorted(unknown)}"
    kinds = {e["jenis"] for e in entries}
    assert kinds == set(GROUPS)
    queries = [e["kueri"].lower() for e in entries]
    assert len(queries) == len(set(queries)), "duplicate queries in relevance.yaml"


def group_summary(rows: list[dict[str, Any]]) -> dict[str, tuple[int, int, float]]:
    """Per group: (found in top 3, queries, MRR)."""
    out = {}
    for group in GROUPS:
        mine = [r for r in rows if r["jenis"] == group]
        found = sum(1 for r in mine if r["rank"] is not None and r["rank"] <= TOP)
        out[group] = (found, len(mine), sum(1 / r["rank"] for r in mine if r["rank"]) / max(len(mine), 1))
    return out


def test_recall_and_mrr(engine):
    rows, recall, mrr = _evaluate(engine)
    groups = group_summary(rows)
    summary = f"recall@{TOP} = {recall:.3f} (min {RECALL_AT_3_MIN}), MRR = {mrr:.3f} (min {MRR_MIN}); " + ", ".join(
        f"{k} {f}/{t} (MRR {m:.3f})" for k, (f, t, m) in groups.items()
    )
    print("\n" + summary + "\n" + _table(rows))
    weak = [k for k, (f, t, _) in groups.items() if f / t < GROUP_RECALL_AT_3_MIN]
    assert recall >= RECALL_AT_3_MIN and mrr >= MRR_MIN and not weak, summary + "\n" + _table(rows)


# --------------------------------------------------------------------------- CLI = browser


def test_site_index_holds_the_documents_cari_searches(site: Path, engine):
    """The plugin writes exactly the documents `panduan cari` makes from the model, in order:
    the first stage in search_index.json, one document per page, and the rest in search/badan/."""
    stage1 = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert (
        len({d["location"].partition("#")[0] for d in engine[1].values()}) <= len(stage1["docs"]) < len(engine[1]) / 3
    )
    data = site_documents(site)
    assert [d["location"] for d in data["docs"]] == list(engine[1])
    assert data["docs"] == list(engine[1].values())
    assert {k: v["boost"] for k, v in data["config"]["fields"].items()} == FIELDS
    assert not (site / "search" / "panduan-index.json").exists(), "the site no longer ships a lunr.py index"


def test_cli_and_browser_rank_the_same_pages(engine, browser):
    """Top-3 pages per relevance query, CLI index vs. the browser's index of the built site.

    No tolerance, and order counts too (stricter than equal sets): both index the same documents
    with the same fields, boosts and analyzer; the browser side only gets there another way
    (per-token pipeline over the site's JSON). Measured: all 82 queries give the same top 10,
    with equal scores (82 queries then; the set has grown since)."""
    rows, differing = [], []
    for entry in load_queries():
        cli = [page_id(h.parent) for h in search(*engine, entry["kueri"], TOP)]
        web = [page_id(h.parent) for h in search(*browser, entry["kueri"], TOP)]
        rows.append(
            f"{'  ' if cli == web else 'XX'} {entry['kueri']:<46} cli: {', '.join(cli)} | browser: {', '.join(web)}"
        )
        if cli != web:
            differing.append(entry["kueri"])
    print(f"\n{len(rows) - len(differing)}/{len(rows)} queries with the same top {TOP}\n" + "\n".join(rows))
    assert not differing, "\n".join(rows)


def test_word_by_word_analysis_equals_whole_text(engine):
    """build_lunr analyses each distinct word once; that must equal analysing the whole text."""
    analyzed = _Analyzer()
    for doc in engine[1].values():
        for field in FIELDS:
            text = plain(str(doc.get(field, "")))
            assert analyzed(text) == analyze(text), (doc["location"], field)


# --------------------------------------------------------------------------- relawan ≠ rawan
#
# "relawan" (volunteer) is a root, not re- + lawan, and "rawan" (vulnerable, prone) is another
# root. A stemmer that strips too much would turn one into the other and every page about
# volunteers would answer a query about vulnerable areas. Checked at three levels: the analyzer,
# the terms the index expands the query to, and the documents a "rawan" query returns.


def _index_terms(index, term: str) -> set[str]:
    """Index terms that the query clause `term` (wildcards allowed) expands to."""
    from lunr.token_set import TokenSet

    return set(index.token_set.intersect(TokenSet.from_string(term)).to_list())


def test_relawan_and_rawan_are_different_stems():
    assert analyze("relawan") != analyze("rawan")
    for form in ("relawan", "Relawan", "para relawan", "relawannya", "relawan-relawan"):
        assert "rawan" not in analyze(form), form
    for form in ("rawan", "kerawanan", "rawan bencana"):
        assert "relawan" not in analyze(form), form


def test_rawan_query_never_reaches_relawan(engine):
    index, _ = engine
    stems = analyze("rawan")
    assert stems == ["rawan"]
    relawan_stems = set(analyze("relawan relawannya para relawan kerelawanan"))
    expanded = set().union(*(_index_terms(index, f"{s}*") for s in stems))
    assert expanded, "the guide uses 'rawan'; the index should hold it"
    assert not expanded & relawan_stems, f"'rawan*' expands to relawan stems: {expanded & relawan_stems}"
    assert all(t.startswith("rawan") for t in expanded), expanded

    # Documents: every document returned for "rawan" holds a term starting with "rawan", and
    # none of the documents that mention relawan but never rawan is returned.
    q = index.create_query()
    q.clause(term="rawan*", use_pipeline=False)  # as search() does
    found = {r["ref"]: set(r["match_data"].metadata) for r in index.query(q)}
    assert found
    for ref, terms in found.items():
        assert terms and all(t.startswith("rawan") for t in terms), (ref, terms)

    relawan_only = set()
    for doc in engine[1].values():
        words = set(analyze(" ".join(plain(str(doc.get(f, ""))) for f in ("title", "ringkasan", "text", "sinonim"))))
        if words & relawan_stems and not any(w.startswith("rawan") for w in words):
            relawan_only.add(doc["location"])
    assert len(relawan_only) > 20, "sanity: many pages mention relawan without rawan"
    assert not relawan_only & set(found), sorted(relawan_only & set(found))[:10]

    # And through the search function the site uses.
    index_, docs_ = engine
    for hit in search(index_, docs_, "rawan", 50):
        assert hit.location not in relawan_only, hit
