"""Search relevance: our Indonesian search against Material's default search, on the same content.

Run with `.venv/bin/python bench/search_relevance.py`. It builds the real guide once into a
temporary folder (for Material's default) and indexes the model directly (for ours):

* ours: what `panduan cari` and tests/search/test_relevance.py search: the guide's search
  documents (the ones the normal build writes into search/search_index.json; the relevance test
  checks they are identical), indexed with lunr.py at query time (`panduan.search.query.load`)
  and queried through `panduan.search.index.search`;
* Material default: a build with the panduan plugin's search documents switched off
  (`panduan.plugin.write_search_files` patched to a no-op), so search/search_index.json holds
  Material's original documents. They are indexed the way Material's worker does (fields title
  x1000, text x1, tags x1e6; lunr's English pipeline: trimmer, stop words, Porter stemmer; b = 0;
  markup not indexed) and queried the way Material queries: every word, split on whitespace and
  hyphens and lowercased, becomes a clause with a trailing "*" (lunr then skips the pipeline),
  OR semantics, Material's post-boost (article +1, share of query terms matched), one result
  per page.

* browser: the site as a reader's browser searches it — the real guide built (strict) and
  served on 127.0.0.1, each query typed into Material's search box in a fresh page of the system
  Chromium, the ranked pages read off the screen once the worker has refined them with the body
  parts of the top pages (two-stage index; bench/browser_search.py). `--no-browser` skips it.

Prints a markdown table (overall and per group: recall@3 and MRR for each engine) and puts the
same rows into bench/results.md, replacing earlier search-relevance rows and keeping every other
row.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "generator"))

from lunr import get_default_builder, lunr  # noqa: E402
from lunr.index import Index  # noqa: E402

from panduan.search.documents import plain  # noqa: E402
from panduan.search.index import search  # noqa: E402
from panduan.search.query import load  # noqa: E402
from panduan.site import build_site  # noqa: E402

QUERIES = ROOT / "tests" / "search" / "relevance.yaml"
RESULTS = ROOT / "bench" / "results.md"
HEADER = "| benchmark | measurement | result |\n|---|---|---|\n"
ROW_PREFIX = "| search-relevance"
LIMIT = 10
TOP = 3

Searcher = Callable[[str], list[str]]  # query -> page locations, best first


def page_id(location: str) -> str:
    page = location.partition("#")[0].strip("/")
    return page.rsplit("/", 1)[-1].removesuffix(".html")


# --------------------------------------------------------------------------- builds


def build_material(tmp: Path) -> Path:
    original = tmp / "material"
    with mock.patch("panduan.plugin.write_search_files", lambda *a, **k: None):
        if not build_site(ROOT / "mkdocs.yml", original):
            raise SystemExit("build failed (Material default)")
    index = json.loads((original / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["en"], "our search documents were not switched off"
    return original


# --------------------------------------------------------------------------- ours


def ours_searcher() -> Searcher:
    index, docs = load(ROOT, ROOT / "mkdocs.yml")
    return lambda q: [hit.parent for hit in search(index, docs, q, LIMIT)]


# --------------------------------------------------------------------------- Material default


def material_searcher(site: Path) -> Searcher:
    data = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    config, docs = data["config"], data["docs"]
    separator = re.compile(config["separator"])
    prepared = [
        {
            "location": d["location"],
            "title": plain(d.get("title", "")),
            "text": plain(d.get("text", "")),  # Material's tokenizer skips markup
            "tags": " ".join(d.get("tags", [])),
        }
        for d in docs
    ]
    builder = get_default_builder()  # trimmer, stop_word_filter, stemmer (English)
    builder.b(0)
    fields = [{"field_name": name, "boost": spec.get("boost", 1)} for name, spec in config["fields"].items()]
    index: Index = lunr(ref="location", fields=fields, documents=prepared, builder=builder)

    # Material's document map: the first document of a path is the article, later ones its sections.
    article: dict[str, str] = {}
    parent: dict[str, str | None] = {}
    for d in docs:
        path = d["location"].split("#")[0]
        if path in article:
            parent[d["location"]] = article[path]
        else:
            article[path] = d["location"]
            parent[d["location"]] = None

    def run(query: str) -> list[str]:
        terms = []
        for word in query.split():
            terms += [t.lower() for t in separator.split(word) if t.strip("*+-:^~")]
        terms = list(dict.fromkeys(terms))
        if not terms:
            return []
        q = index.create_query()
        for term in terms:
            q.clause(term=f"{term}*", use_pipeline=False)
        items = []
        for found in index.query(q):
            matched = list(found["match_data"].metadata)
            fraction = sum(any(m.startswith(t) for m in matched) for t in terms) / len(terms)
            boost = (0 if parent.get(found["ref"]) else 1) + fraction
            items.append((found["score"] * (1 + boost**2), found["ref"]))
        items.sort(key=lambda item: -item[0])
        pages: dict[str, None] = {}
        for _, ref in items:
            pages.setdefault(parent.get(ref) or ref, None)
        return list(pages)[:LIMIT]

    return run


# --------------------------------------------------------------------------- scoring


def evaluate(searcher: Searcher, queries: list[dict[str, Any]]) -> dict[str, Any]:
    ranks = []
    for entry in queries:
        pages = [page_id(p) for p in searcher(entry["kueri"])]
        ranks.append(next((i for i, p in enumerate(pages, start=1) if p in entry["harapan"]), None))
    n = len(queries)
    hit = [r is not None and r <= TOP for r in ranks]
    by_kind: dict[str, list[float]] = {}  # group: [found in top 3, queries, sum of 1/rank]
    for entry, ok, rank in zip(queries, hit, ranks, strict=False):
        by_kind.setdefault(entry["jenis"], [0, 0, 0.0])
        by_kind[entry["jenis"]][0] += ok
        by_kind[entry["jenis"]][1] += 1
        by_kind[entry["jenis"]][2] += 1 / rank if rank else 0.0
    return {
        "recall": sum(hit) / n,
        "mrr": sum(1 / r for r in ranks if r is not None) / n,
        "found": sum(hit),
        "n": n,
        "by_kind": by_kind,
        "ranks": ranks,
    }


def row(label: str, how: str, m: dict[str, Any]) -> str:
    kinds = ", ".join(f"{k} {f}/{t} (MRR {r / t:.3f})" for k, (f, t, r) in sorted(m["by_kind"].items()))
    return (
        f"| search-relevance, {label} | {m['n']} queries (tests/search/relevance.yaml), {how}; "
        f"found in top {TOP} (MRR) per group: {kinds} | recall@{TOP} {m['recall']:.3f} ({m['found']}/{m['n']}), "
        f"MRR {m['mrr']:.3f} |"
    )


def write_results(rows: list[str]) -> None:
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.is_file() else ""
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith(ROW_PREFIX)]
    if not lines or not lines[0].startswith("| benchmark"):
        lines = HEADER.splitlines() + [line for line in lines if line.startswith("|")]
    RESULTS.write_text("\n".join(lines + rows) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------- the browser


def evaluate_in_browser(tmp: Path, queries: list[dict[str, Any]]) -> dict[str, Any]:
    """Every query through Material's search UI on the built real guide (see the module doc)."""
    from browser_search import BrowserSearch
    from playwright.sync_api import sync_playwright
    from search_first import CHROMIUM, serve

    site = tmp / "ours"
    if not build_site(ROOT / "mkdocs.yml", site):
        raise SystemExit("build failed (ours)")
    httpd, base = serve(site)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            with BrowserSearch(browser, base) as searcher:
                result = evaluate(searcher.search, queries)
            browser.close()
    finally:
        httpd.shutdown()
    return result


def group_table(engines: dict[str, dict[str, Any]], queries: list[dict[str, Any]]) -> str:
    """recall@3 and MRR per group, one column pair per engine."""
    names = list(engines)
    lines = [
        "| group | n | " + " | ".join(f"{n} recall@{TOP} | {n} MRR" for n in names) + " |",
        "|---|---|" + "---|---|" * len(names),
    ]
    for group in [*sorted({e["jenis"] for e in queries}), "all"]:
        picked = [i for i, e in enumerate(queries) if group in ("all", e["jenis"])]
        cells = []
        for name in names:
            ranks = [engines[name]["ranks"][i] for i in picked]
            recall = sum(1 for r in ranks if r is not None and r <= TOP) / len(ranks)
            mrr = sum(1 / r for r in ranks if r is not None) / len(ranks)
            cells.append(f"{recall:.3f} | {mrr:.3f}")
        lines.append(f"| {group} | {len(picked)} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    sys.path.insert(0, str(ROOT / "bench"))
    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["kueri"]
    engines = {"ours": evaluate(ours_searcher(), queries)}
    with tempfile.TemporaryDirectory(prefix="panduan-relevance-") as tmp:
        engines["Material default"] = evaluate(material_searcher(build_material(Path(tmp))), queries)
        if "--no-browser" not in argv:
            engines["browser"] = evaluate_in_browser(Path(tmp), queries)
    how = {
        "ours": "Indonesian analyzer + synonyms + deep links, the site's documents indexed by lunr.py",
        "browser": "the built site in Chromium: Material's search UI and worker, two-stage index, a fresh page "
        "per query, results read once refined",
        "Material default": "same content, lunr English pipeline, query words + trailing *",
    }
    rows = [row(name, how[name], engines[name]) for name in ("ours", "browser", "Material default") if name in engines]
    print(HEADER + "\n".join(rows))
    print()
    print(group_table(engines, queries))
    print()
    names = list(engines)
    print("| kueri | jenis | " + " | ".join(f"rank {n}" for n in names) + " |\n|---|---|" + "---|" * len(names))
    for i, entry in enumerate(queries):
        ranks = " | ".join(str(engines[n]["ranks"][i] or "-") for n in names)
        print(f"| {entry['kueri']} | {entry['jenis']} | {ranks} |")
    write_results(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
