"""`panduan cari`: query the site's own search index from the terminal.

Editors use it to look for an existing guideline before writing a duplicate. It reads the lunr.py
index that `panduan build` writes beside the site's index; if the site was not built yet, it
builds one into a temporary folder first.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from lunr.index import Index

from panduan.search.index import PANDUAN_INDEX_PATH, Hit, search


def load(site_dir: Path) -> tuple[Index, dict[str, dict[str, Any]]]:
    data = json.loads((site_dir / PANDUAN_INDEX_PATH).read_text(encoding="utf-8"))
    return Index.load(data["index"]), {d["location"]: d for d in data["docs"]}


def search_command(*, root: Path, query: str, limit: int = 5) -> int:
    site = root / "site"
    if not (site / PANDUAN_INDEX_PATH).is_file():
        print("Indeks pencarian belum ada; membangun situs sementara...", file=sys.stderr)
        from panduan.site import build_site

        tmp = Path(tempfile.mkdtemp(prefix="panduan-cari-"))
        site = tmp / "site"
        if not build_site(root / "mkdocs.yml", site):
            return 1
    index, docs = load(site)
    hits = search(index, docs, query, limit)
    if not hits:
        print(f"Tidak ada hasil untuk “{query}”.")
        return 0
    for rank, hit in enumerate(hits, start=1):
        _print_hit(rank, hit, docs)
    return 0


def _print_hit(rank: int, hit: Hit, docs: dict[str, dict[str, Any]]) -> None:
    page = docs.get(hit.parent, {})
    title = page.get("title") or hit.title
    print(f"{rank}. {title}  →  {hit.parent or './'}")
    if hit.location != hit.parent:
        print(f"   bagian: {hit.title}  ({hit.location})")
