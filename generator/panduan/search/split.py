"""The browser's index in two stages, so a phone does not download the whole guide to search it.

Stage 1 is what Material fetches with every page (`search/search_index.json`, or its
`search_index.js` wrapper offline): ONE document per page, the page's own document, holding what
ranks a page: its title, a short text (a guideline's `ringkasan`, else the first words), and the
hidden fields that carry the most weight (`ringkasan`, `judul_sinonim`, `kata_kunci`, `sinonim`).
The glossary keeps one short document per term, so "STR" finds its definition at once.

Stage 2 ("bodies") is the rest, in one script per part of the site (`search/badan/<part>.js`, a
part is the first folder of a page's address: a topic, `hukum`, `peran`, `glosarium`, ...): for
each page, its full documents in order (the page document with its whole text, then its sections,
recommendations and steps). The worker (lunr-id.js) loads the parts of the pages the first stage
ranks highest for a query, puts their documents in place of the page's stage-1 document
(`merge()`, the same rule in JS) and searches again; the refined results replace the first ones.

Scripts rather than JSON so that `importScripts` reads them in the offline bundle (file://, where
the worker is an iframe and fetch is not allowed); over http the worker fetches the parts it
wants all at once and reads the JSON inside without running it.

`merge(stage1, all bodies)` gives back exactly `search_documents()`: test_relevance.py checks it,
so with every part loaded the browser searches what `panduan cari` searches.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from panduan.search.documents import plain

BODIES_DIR = "search/badan"
HEAD_CHARS = 160  # text kept in stage 1 for a page that is not a guideline (shown under the title)
GLOSSARY_HEAD_CHARS = 100
GLOSSARY_PART = "glosarium"
_PART = re.compile(r"[^a-z0-9-]+")


def page_of(location: str) -> str:
    return location.partition("#")[0]


def part_of(location: str) -> str:
    """`kelompok-rentan/tanggap-bencana/#r1` → `kelompok-rentan`; top-level pages → `beranda`."""
    page = page_of(location)
    if "/" not in page:
        return "beranda"
    return _PART.sub("-", page.split("/", 1)[0].lower()).strip("-") or "beranda"


def _head(text: str, limit: int) -> str:
    text = " ".join(plain(text).split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + " …"


def _stage1_doc(doc: dict[str, Any]) -> dict[str, Any]:
    """The page document, short. Empty fields are left out (lunr indexes a missing field as
    empty), and so is `text` when it would be the `ringkasan`: the worker puts it back before
    indexing (worker-prelude.js), so what is indexed and shown is unchanged."""
    out = {k: v for k, v in doc.items() if k != "text" and (v != "" or k in ("location", "title"))}
    if not doc.get("ringkasan"):  # A guideline's summary is its snippet (and is `ringkasan` already).
        out["text"] = _head(doc.get("text", ""), HEAD_CHARS)
    return out


def stage1_as_indexed(doc: dict[str, Any]) -> dict[str, Any]:
    """A stage-1 document as the worker indexes it (worker-prelude.js puts `text` back)."""
    return {**doc, "text": doc["ringkasan"]} if "text" not in doc and "ringkasan" in doc else doc


def split(docs: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, dict[str, list[dict[str, Any]]]]]:
    """(stage-1 documents, {part: {page: [its full documents, in order]}})."""
    stage1: list[dict[str, Any]] = []
    bodies: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for doc in docs:
        location = doc["location"]
        page = page_of(location)
        part = part_of(location)
        pages = bodies.setdefault(part, {})
        first = page not in pages
        pages.setdefault(page, []).append(doc)
        if first:
            stage1.append(_stage1_doc(doc))
        elif part == GLOSSARY_PART:
            short = {
                "location": location,
                "title": doc.get("title", ""),
                "text": _head(doc.get("text", ""), GLOSSARY_HEAD_CHARS),
            }
            stage1.append({**short, **({"boost": doc["boost"]} if "boost" in doc else {})})
    return stage1, bodies


def merge(stage1: list[dict[str, Any]], bodies: dict[str, dict[str, list[dict[str, Any]]]]) -> list[dict[str, Any]]:
    """Stage-1 documents with the pages of the loaded parts in full (lunr-id.js `mergeBodies`)."""
    out: list[dict[str, Any]] = []
    done: set[str] = set()
    for doc in stage1:
        page = page_of(doc["location"])
        full = bodies.get(part_of(doc["location"]), {}).get(page)
        if full is None:
            out.append(stage1_as_indexed(doc))
        elif page not in done:
            done.add(page)
            out.extend(full)
    return out


def body_script(part: str, pages: dict[str, list[dict[str, Any]]]) -> str:
    data = json.dumps(pages, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f"self.panduanSearchBodies&&self.panduanSearchBodies({json.dumps(part)},{data});\n"


_BODY = re.compile(r"^self\.panduanSearchBodies&&self\.panduanSearchBodies\((\"[^\"]*\"),(.*)\);\n?$", re.DOTALL)


def read_bodies(folder: Path) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """The parts a built site holds (`search/badan/*.js`), as `split()` made them (tests, bench)."""
    out = {}
    for path in sorted(folder.glob("*.js")):
        found = _BODY.match(path.read_text(encoding="utf-8"))
        if found is None:
            raise ValueError(f"{path}: not a search body script")
        out[json.loads(found.group(1))] = json.loads(found.group(2).replace("<\\/", "</"))
    return out
