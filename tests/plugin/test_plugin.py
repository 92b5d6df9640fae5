"""Plugin layer: the adapter injects pages in memory, honours hand-written files, watches sources."""

from __future__ import annotations

import gc
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from panduan.gc_policy import YOUNG
from panduan.plugin import PanduanPlugin


def _config(root: Path) -> MkDocsConfig:
    (root / "docs").mkdir(exist_ok=True)
    (root / "mkdocs.yml").write_text("site_name: Uji\n")
    config = MkDocsConfig(config_file_path=str(root / "mkdocs.yml"))
    config.load_dict({"site_name": "Uji", "docs_dir": str(root / "docs"), "site_dir": str(root / "site")})
    errors, warnings = config.validate()
    assert errors == [] and warnings == []
    return config


def _plugin(config: MkDocsConfig) -> PanduanPlugin:
    plugin = PanduanPlugin()
    plugin.load_config({})
    config.plugins["panduan"] = plugin
    config.plugins.on_config(config)
    return plugin


def test_pages_are_generated_in_memory(project):
    config = _config(project.root)
    _plugin(config)
    files = config.plugins.on_files(Files([]), config=config)
    page = files.get_file_from_path("etika-klien/kerahasiaan.md")
    assert page is not None and page.generated_by == "panduan"
    assert "# Menjaga kerahasiaan klien" in page.content_string
    assert not any((project.root / "docs").iterdir())  # nothing written into docs_dir (pitfall P2)
    titles = [next(iter(item)) if isinstance(item, dict) else item for item in config.nav]
    assert titles[:2] == ["Beranda", "Etika dan Hak Klien"] and "Glosarium" in titles


def test_hand_written_page_wins(project):
    config = _config(project.root)
    (project.root / "docs" / "glosarium.md").write_text("# Glosarium tulisan tangan\n")
    existing = Files([File("glosarium.md", config.docs_dir, config.site_dir, True)])
    _plugin(config)
    files = config.plugins.on_files(existing, config=config)
    assert files.get_file_from_path("glosarium.md").content_string.startswith("# Glosarium tulisan tangan")


def test_serve_watches_source_folders(project):
    config = _config(project.root)
    plugin = _plugin(config)
    watched = []

    class Server:
        def watch(self, path):
            watched.append(Path(path).name)

    plugin.on_serve(Server(), config=config, builder=None)
    assert {"guidelines", "glossary", "law", "registry"} <= set(watched)


def test_checked_result_is_handed_over_once(project, monkeypatch):
    from panduan.build import build_guide
    from panduan.plugin import preloaded

    result = build_guide(project.root)
    calls = []
    monkeypatch.setattr("panduan.plugin.build_guide", lambda root, **kw: calls.append(root) or result)
    with preloaded(project.root, result):
        _plugin(_config(project.root))
        assert calls == []  # the sources were not loaded a second time
        _plugin(_config(project.root))
    assert len(calls) == 1  # single use: a later build loads the sources itself


def test_a_mkdocs_session_collects_rarely_and_gives_the_policy_back(project):
    before = gc.get_threshold()
    plugin = PanduanPlugin()
    plugin.load_config({})
    plugin.on_startup(command="build", dirty=False)
    try:
        assert gc.get_threshold()[0] >= YOUNG  # MkDocs' own work in the session too (gc_policy.py)
        plugin.on_startup(command="build", dirty=False)  # a second session in one process
        assert gc.get_threshold()[0] >= YOUNG
    finally:
        plugin.on_shutdown()
    assert gc.get_threshold() == before
