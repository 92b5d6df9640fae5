"""`panduan serve` rebuilds only the pages whose output can differ, and is still right after a save.

These builds run the way `mkdocs serve --dirty` runs them: one plugin instance for the session
(`on_startup(command="serve", dirty=True)`), the config reloaded and `build(dirty=True)` on each
save, into the same site folder. Which pages were rebuilt is read from the files' modification
times; nothing here measures time.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.conftest import GUIDELINE, REPO

MKDOCS_YML = f"""\
site_name: Uji
docs_dir: docs
theme:
  name: material
  custom_dir: {REPO / "overrides"}
  language: id
  font: false
  features: [navigation.prune, content.tooltips]
plugins:
  - search
  - panduan
markdown_extensions: [abbr, admonition, attr_list, md_in_html, tables, toc, pymdownx.superfences, pymdownx.tasklist]
"""
EDITED = "guidelines/etika-klien/kerahasiaan.md"
EDITED_PAGE = "etika-klien/kerahasiaan/index.html"
OTHER = "guidelines/etika-klien/lain.md"
OTHER_PAGE = "etika-klien/lain/index.html"


class Preview:
    """A preview session: the plugin instance MkDocs keeps, a build per save."""

    def __init__(self, root: Path, site: Path) -> None:
        self.root, self.site = root, site
        self.config = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
        self.config.plugins.on_startup(command="serve", dirty=True)
        self.plugin = self.config.plugins["panduan"]

    def save(self) -> dict[str, int]:
        """One rebuild, as after a save; the modification time of every built page."""
        config = load_config(str(self.root / "mkdocs.yml"), site_dir=str(self.site))
        assert config.plugins["panduan"] is self.plugin  # MkDocs keeps plugins that have on_startup
        build(config, dirty=True)
        return {p.relative_to(self.site).as_posix(): p.stat().st_mtime_ns for p in self.site.rglob("*.html")}

    def page(self, rel: str) -> str:
        return (self.site / rel).read_text(encoding="utf-8")

    def search_docs(self) -> list[dict]:
        from panduan.search.split import merge, read_bodies

        stage1 = json.loads((self.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
        return merge(stage1, read_bodies(self.site / "search" / "badan"))

    def search_locations(self) -> set[str]:
        return {d["location"] for d in self.search_docs()}


@pytest.fixture
def preview(project, tmp_path):
    project.write("mkdocs.yml", MKDOCS_YML)
    (project.root / "docs").mkdir()
    project.write(OTHER, GUIDELINE.format(id="lain").replace("judul: Menjaga kerahasiaan klien", "judul: Pedoman lain"))
    session = Preview(project.root, tmp_path / "site")
    yield project, session
    session.config.plugins.on_shutdown()
    # MkDocs keeps plugins with on_startup for the whole process, and Material's search plugin
    # merges the index of its last dirty build into every later one (`search_index_prev`, never
    # reset): without this, the next test's build in this worker would list this project's pages.
    session.config.plugins["material/search"].search_index_prev = None


def _edit(project, old: str, new: str) -> None:
    path = project.root / EDITED
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_saved_guideline_shows_its_change_and_untouched_pages_are_not_rebuilt(preview):
    project, session = preview
    first = session.save()
    locations = session.search_locations()
    assert EDITED_PAGE in first and OTHER_PAGE in first
    body = (project.root / EDITED).read_text(encoding="utf-8")
    (project.root / EDITED).write_text(body + "\nKalimat baru dari penyunting.\n", encoding="utf-8")
    second = session.save()
    assert "Kalimat baru dari penyunting." in session.page(EDITED_PAGE)
    assert second[EDITED_PAGE] != first[EDITED_PAGE]
    assert second[OTHER_PAGE] == first[OTHER_PAGE]  # its Markdown and the site around it did not change
    assert session.search_locations() == locations  # the index still covers every page
    assert any("Kalimat baru dari penyunting." in d.get("text", "") for d in session.search_docs())
    # A page that lists the edited guideline's text changes with it (the topic page shows summaries).
    _edit(project, "ringkasan: ", "ringkasan: Ringkasan baru. ")
    third = session.save()
    assert "Ringkasan baru." in session.page("etika-klien/index.html")
    assert third[OTHER_PAGE] == first[OTHER_PAGE]


def test_a_new_title_rebuilds_the_pages_whose_navigation_shows_it(preview):
    project, session = preview
    first = session.save()
    _edit(project, "judul: Menjaga kerahasiaan klien", "judul: Judul yang diganti")
    second = session.save()
    assert second[OTHER_PAGE] != first[OTHER_PAGE]
    assert "Judul yang diganti" in session.page(OTHER_PAGE)  # in its nav


def test_an_edit_that_breaks_a_cross_reference_is_still_reported(preview):
    project, session = preview
    session.save()
    _edit(project, "status: berlaku", "status: berlaku\nterkait: [pedoman-yang-tidak-ada]")
    session.save()
    errors, _, _, _ = session.plugin._preview.snapshot()
    assert any("pedoman-yang-tidak-ada" in d.text() and d.primary.path == EDITED for d in errors)
    # The site keeps the last good pages while the error is shown.
    assert "Menjaga kerahasiaan klien" in session.page(EDITED_PAGE)
