"""The site lists only downloads that exist; the offline bundle never lists itself."""

from __future__ import annotations

import json

from panduan.downloads import find_downloads


def test_only_existing_files_are_listed(tmp_path):
    (tmp_path / "panduan-praktik.pdf").write_bytes(b"%PDF-1.7 " + b"x" * 2500)
    entries = [
        {"file": "panduan-praktik.pdf", "title": "Buku panduan", "description": "A4"},
        {"file": "buku-saku-relawan.pdf", "title": "Buku saku", "description": "A5", "role": "relawan"},
    ]
    (tmp_path / "manifest.json").write_text(json.dumps(entries), encoding="utf-8")
    found = find_downloads(tmp_path)
    assert [d["path"] for d in found] == ["unduhan/panduan-praktik.pdf"]
    assert found[0]["size"] == "3 KB"


def test_offline_zip_listed_unless_building_it(tmp_path):
    (tmp_path / "panduan-offline.zip").write_bytes(b"PK" + b"0" * 1_200_000)
    assert [d["path"] for d in find_downloads(tmp_path)] == ["unduhan/panduan-offline.zip"]
    assert find_downloads(tmp_path)[0]["size"] == "1,2 MB"
    assert find_downloads(tmp_path, offline_zip=False) == []


def test_missing_folder_lists_nothing(tmp_path):
    assert find_downloads(tmp_path / "dist") == []
