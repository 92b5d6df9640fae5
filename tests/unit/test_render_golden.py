"""Rendered Markdown is compared with golden files; regenerate with UPDATE_GOLDENS=1 after review."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from panduan.build import build_guide
from panduan.render import render_pages

GOLDEN = Path(__file__).parent / "golden"
PAGES = {
    "etika-klien/kerahasiaan.md": "guideline.md",
    "etika-klien/index.md": "topic.md",
    "glosarium.md": "glossary.md",
    "peran/pendamping.md": "role.md",
}


@pytest.fixture
def pages(project):
    result = build_guide(project.root)
    assert result.ok, [d.text() for d in result.report.errors]
    # A fixed day: review notices and the review dashboard depend on the date.
    return {p.path: p.content for p in render_pages(result, today=dt.date(2026, 12, 1))}


@pytest.mark.parametrize(("page", "golden"), PAGES.items())
def test_rendered_markdown_matches_golden(pages, page, golden):
    path = GOLDEN / golden
    if os.environ.get("UPDATE_GOLDENS") == "1":
        path.write_text(pages[page], encoding="utf-8")
    assert pages[page] == path.read_text(encoding="utf-8"), f"{page} changed; review and UPDATE_GOLDENS=1"


def test_project_template_overrides_the_packaged_one(project):
    override = project.root / "overrides" / "panduan"
    override.mkdir(parents=True)
    (override / "topic.md.j2").write_text("# {{ topic.judul }} (versi lokal)\n", encoding="utf-8")
    pages = {p.path: p.content for p in render_pages(build_guide(project.root), overrides=override)}
    assert pages["etika-klien/index.md"] == "# Etika dan Hak Klien (versi lokal)\n"
    assert pages["etika-klien/kerahasiaan.md"].startswith("# Menjaga kerahasiaan klien")
