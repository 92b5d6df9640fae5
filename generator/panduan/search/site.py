"""Files the search needs in the built site, written after Material's search plugin ran."""

from __future__ import annotations

import json
from pathlib import Path

from panduan.build import BuildResult
from panduan.sanitize import clean_search_index
from panduan.search.index import LUNR_ID_PATH, PANDUAN_INDEX_PATH, augment, build_lunr, lunr_id_script


def write_search_files(site: Path, index_file: Path, result: BuildResult, *, directory_urls: bool) -> None:
    index = augment(json.loads(index_file.read_text(encoding="utf-8")), result, directory_urls=directory_urls)
    index = clean_search_index(index)  # the theme renders result text as HTML (panduan/sanitize.py)
    index_file.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    script = site / LUNR_ID_PATH
    script.parent.mkdir(parents=True, exist_ok=True)
    script.write_text(lunr_id_script(), encoding="utf-8")
    docs = [{"location": d["location"], "title": d.get("title", "")} for d in index["docs"]]
    lunr_index = build_lunr(index["docs"]).serialize()
    (site / PANDUAN_INDEX_PATH).write_text(
        json.dumps({"index": lunr_index, "docs": docs}, ensure_ascii=False, separators=(",", ":")),
        encoding="utf-8",
    )
