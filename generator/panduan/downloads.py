"""Downloads (PDFs, offline bundle) that a previous `panduan pdf` left for the site to publish.

The PDF stage writes `manifest.json` next to its files; the site only lists what really exists,
so a site built without PDFs never shows dead download links.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

MANIFEST = "manifest.json"
SITE_FOLDER = "unduhan"
OFFLINE_ZIP = "panduan-offline.zip"
OFFLINE_ENTRY = {
    "file": OFFLINE_ZIP,
    "title": "Paket luring (situs tanpa internet)",
    "description": "Seluruh situs, termasuk pencarian dan glosarium, untuk dibuka dari komputer atau flashdisk tanpa internet.",
    "kind": "paket-luring",
}


def human_size(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1000))} KB"


def find_downloads(folder: Path, *, offline_zip: bool = True) -> list[dict[str, Any]]:
    """Entries of the manifest whose files exist, with their site path and size.

    Pass a pinned version (`publish.pinned`) to read one edition even while a new one is published.

    The offline bundle is listed when it exists and `offline_zip` is true; the bundle's own build
    passes false, so a zip never contains an older copy of itself.
    """
    entries: list[dict[str, Any]] = []
    manifest = folder / MANIFEST
    if manifest.is_file():
        try:
            entries = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            entries = []
    if offline_zip:
        entries = [*entries, OFFLINE_ENTRY]
    out = []
    for entry in entries:
        file = folder / entry["file"]
        if not file.is_file():
            continue
        out.append(
            {
                **entry,
                "file": file,
                "path": f"{SITE_FOLDER}/{entry['file']}",
                "size": human_size(file.stat().st_size),
            }
        )
    return out


def write_manifest(folder: Path, entries: list[dict[str, Any]]) -> None:
    (folder / MANIFEST).write_text(json.dumps(entries, ensure_ascii=False, indent=2), encoding="utf-8")


def is_dist_folder(folder: Path) -> bool:
    """True if `folder` holds only what the PDF and offline stages write, so it may be replaced by
    a new version (see `publish.Output`); a folder with anything else in it is left alone."""
    for path in folder.rglob("*"):
        if path.is_dir() and not path.is_symlink():
            continue
        rel = path.relative_to(folder).as_posix()
        if not (rel == MANIFEST or rel.endswith((".pdf", ".zip", ".tmp", ".part")) or path.name.startswith(".")):
            return False
    return True
