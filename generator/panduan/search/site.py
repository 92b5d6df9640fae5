"""Files the search needs in the built site, written after Material's search plugin ran."""

from __future__ import annotations

import json
import shutil
from collections.abc import Collection
from pathlib import Path
from typing import Any

from panduan.model import Guide
from panduan.sanitize import clean_search_index
from panduan.search.index import LUNR_ID_PATH, browser_config, lunr_id_script
from panduan.search.split import BODIES_DIR, body_script, split
from panduan.search.suggest import browser_script

SUGGESTIONS_PATH = "search/saran.js"


def write_search_files(site: Path, index_file: Path, docs: list[dict[str, Any]], pages: Collection[str]) -> None:
    """Put our documents (`documents.search_documents()`) into Material's index, with our config.

    `pages` are the locations of the pages those documents cover; Material's own documents for
    them are dropped. Documents of pages we know nothing about (added by another plugin) stay.
    The index holds the first stage only; the rest goes to `search/badan/` (`split.py`).
    """
    index = json.loads(index_file.read_text(encoding="utf-8"))
    others = [doc for doc in index["docs"] if doc["location"].partition("#")[0] not in pages]
    # Our documents passed the allow-list in `search_documents()`; others' (another plugin's) pass here.
    others = clean_search_index({"docs": others})["docs"]
    stage1, bodies = split(docs)
    config = browser_config(index["config"])
    index = {**index, "config": config, "docs": [*stage1, *others]}
    index_file.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    folder = site / BODIES_DIR
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for part, part_pages in bodies.items():
        (folder / f"{part}.js").write_text(body_script(part, part_pages), encoding="utf-8")
    script = site / LUNR_ID_PATH
    script.parent.mkdir(parents=True, exist_ok=True)
    script.write_text(lunr_id_script(config), encoding="utf-8")


def write_suggestions(site: Path, guide: Guide, directory_urls: bool) -> None:
    """`search/saran.js`: what "not found" offers in the browser (suggest.py, read by saran.js)."""
    path = site / SUGGESTIONS_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(browser_script(guide, directory_urls), encoding="utf-8")
