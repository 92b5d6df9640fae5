"""Search relevance on the real guide: do field workers' queries find the right guideline?

The site is built once (strict, like production) and queried through the lunr.py index that the
build writes beside Material's index (`panduan cari` uses the same one). The query set, with the
expected guideline(s) for each query, is tests/search/relevance.yaml.

recall@3: share of queries whose expected guideline is among the first 3 pages returned.
MRR:      mean of 1/rank of the first expected guideline (0 when it is not in the first 10).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from panduan.search.index import plain, search
from panduan.search.query import load
from panduan.search.stemmer import analyze
from panduan.site import build_site

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
QUERIES = Path(__file__).with_name("relevance.yaml")
LIMIT = 10  # pages looked at per query (MRR counts ranks up to here)
TOP = 3

# Measured on the real guide (82 queries, lunr.py index written by the build, b = 0 as in the
# browser): recall@3 = 0.939 (77/82), MRR = 0.876. Material's default search on the same content:
# recall@3 = 0.720, MRR = 0.596 (bench/search_relevance.py).
# The floors sit a little below, so a change that makes search worse fails here; raise them when
# search gets better. Failing queries are listed in the assertion message.
RECALL_AT_3_MIN = 0.92
MRR_MIN = 0.85


def load_queries() -> list[dict[str, Any]]:
    entries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["kueri"]
    for entry in entries:
        assert set(entry) == {"kueri", "jenis", "harapan"}, entry
        assert entry["jenis"] in {"inflected", "akronim", "pertanyaan", "sinonim"}, entry
        assert entry["harapan"], entry
    return entries


def page_id(location: str) -> str:
    """'etika-klien/kerahasiaan-klien/#r1' -> 'kerahasiaan-klien' (the guideline id)."""
    page = location.partition("#")[0].strip("/")
    return page.rsplit("/", 1)[-1].removesuffix(".html")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site_dir = tmp_path_factory.mktemp("relevance") / "site"
    assert build_site(REPO / "mkdocs.yml", site_dir), "the real site must build (strict)"
    return site_dir


@pytest.fixture(scope="module")
def engine(site: Path):
    return load(site)


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
    lines = [f"{'':2} {'rank':>4}  {'jenis':<10}  {'kueri':<46}  top 3 pages (expected)"]
    for r in rows:
        flag = "  " if r["rank"] is not None and r["rank"] <= TOP else "XX"
        rank = "-" if r["rank"] is None else str(r["rank"])
        lines.append(
            f"{flag} {rank:>4}  {r['jenis']:<10}  {r['kueri']:<46}  {', '.join(r['pages'][:TOP]) or '(none)'}"
            f"  ({', '.join(r['harapan'][:3])}{', ...' if len(r['harapan']) > 3 else ''})"
        )
    return "\n".join(lines)


def test_query_set_is_well_formed():
    entries = load_queries()
    assert len(entries) >= 45
    guideline_ids = {p.stem for p in (REPO / "guidelines").glob("*/*.md")}
    unknown = {gid for e in entries for gid in e["harapan"]} - guideline_ids
    assert not unknown, f"relevance.yaml expects guidelines that do not exist: {sorted(unknown)}"
    kinds = {e["jenis"] for e in entries}
    assert kinds == {"inflected", "akronim", "pertanyaan", "sinonim"}
    queries = [e["kueri"].lower() for e in entries]
    assert len(queries) == len(set(queries)), "duplicate queries in relevance.yaml"


def test_recall_and_mrr(engine):
    rows, recall, mrr = _evaluate(engine)
    by_kind = {}
    for r in rows:
        found, total = by_kind.get(r["jenis"], (0, 0))
        by_kind[r["jenis"]] = (found + (r["rank"] is not None and r["rank"] <= TOP), total + 1)
    summary = (
        f"recall@{TOP} = {recall:.3f} (min {RECALL_AT_3_MIN}), MRR = {mrr:.3f} (min {MRR_MIN}); "
        + ", ".join(f"{k} {f}/{t}" for k, (f, t) in sorted(by_kind.items()))
    )
    print("\n" + summary + "\n" + _table(rows))
    assert recall >= RECALL_AT_3_MIN and mrr >= MRR_MIN, summary + "\n" + _table(rows)


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


def test_rawan_query_never_reaches_relawan(site: Path, engine):
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

    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    relawan_only = set()
    for doc in docs:
        words = set(analyze(" ".join(plain(str(doc.get(f, ""))) for f in ("title", "ringkasan", "text", "sinonim"))))
        if words & relawan_stems and not any(w.startswith("rawan") for w in words):
            relawan_only.add(doc["location"])
    assert len(relawan_only) > 20, "sanity: many pages mention relawan without rawan"
    assert not relawan_only & set(found), sorted(relawan_only & set(found))[:10]

    # And through the search function the site uses.
    index_, docs_ = engine
    for hit in search(index_, docs_, "rawan", 50):
        assert hit.location not in relawan_only, hit
