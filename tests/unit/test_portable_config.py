"""Configs for other builders: read from mkdocs.yml as plain YAML, written as YAML and TOML."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from panduan.portable import (
    REQUIRED_EXTENSIONS,
    SiteSettings,
    dump_toml,
    dump_yaml,
    properdocs_config,
    read_settings,
    zensical_config,
)
from panduan.render import NavItem
from tests.conftest import REPO

NAV = [
    NavItem("Beranda", "index.md"),
    NavItem('Etika "dan" hak', children=[NavItem("Etika", "etika/index.md"), NavItem("", "kontribusi/index.md")]),
]


def test_export_core_does_not_import_mkdocs():
    code = "import sys, panduan.export, panduan.portable, panduan.cli; sys.exit('mkdocs' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_settings_come_from_the_project_mkdocs_yml(monkeypatch):
    monkeypatch.setenv("PANDUAN_SITE_URL", "https://contoh.test/")
    settings = read_settings(REPO / "mkdocs.yml")
    assert settings.site_name == "Panduan Praktik" and settings.site_url == "https://contoh.test/"
    assert settings.language == "id" and "content.tooltips" in settings.features
    assert ("toc", {"permalink": True}) in settings.markdown_extensions
    assert settings.extra_css == ["assets/panduan.css"] and settings.sections == {"kontribusi": "Cara Berkontribusi"}
    assert settings.extra_javascript == ["assets/panduan-matriks.js"]
    monkeypatch.delenv("PANDUAN_SITE_URL")
    assert read_settings(REPO / "mkdocs.yml").site_url is None


def test_unknown_tags_and_a_missing_file_are_harmless(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: X\nmarkdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
    )
    assert read_settings(tmp_path / "mkdocs.yml").markdown_extensions == [("pymdownx.emoji", {"emoji_index": None})]
    assert read_settings(tmp_path / "absent.yml") == SiteSettings()


def test_properdocs_config_is_plain_mkdocs():
    config = yaml.safe_load(dump_yaml(properdocs_config(SiteSettings(), NAV, not_in_nav=["etika/lama.md"])))
    assert config["theme"]["name"] == "mkdocs" and config["plugins"] == ["search"]
    assert config["not_in_nav"] == "/etika/lama.md\n" and config["exclude_docs"] == "/SUMMARY.md\n"
    assert config["nav"] == [
        {"Beranda": "index.md"},
        {'Etika "dan" hak': [{"Etika": "etika/index.md"}, "kontribusi/index.md"]},
    ]
    assert set(REQUIRED_EXTENSIONS) <= {
        next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]
    }


def test_zensical_toml_round_trips():
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    settings = read_settings(REPO / "mkdocs.yml")
    config = zensical_config(settings, NAV, not_in_nav=[])
    text = dump_toml(config)
    assert tomllib.loads(text) == config
    project = config["project"]
    assert project["theme"]["font"] is False and project["extra"] == {"generator": False}
    assert project["markdown_extensions"]["pymdownx.tasklist"] == {"custom_checkbox": True}
    assert '"pymdownx.tasklist" = {custom_checkbox = true}' in text  # one line per extension
