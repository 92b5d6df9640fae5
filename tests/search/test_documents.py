"""The search documents without MkDocs: sections as Material cuts them, URLs as MkDocs makes
them, mkdocs.yml read like MkDocs reads it. MkDocs and Material serve as the reference here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from material.plugins.search.plugin import Parser
from mkdocs.structure.files import File

from panduan.search.documents import (
    BUILTIN_EXTENSIONS,
    ConfigError,
    handwritten_page,
    page_location,
    read_settings,
)
from panduan.search.sections import sections
from panduan.search.site import write_search_files

HTML_CASES = {
    "plain": "<h1 id='judul'>Judul</h1><p>Satu <em>dua</em> tiga.</p><p>Empat</p>",
    "preface": "<p>Sebelum judul.</p><h2 id='a'>A</h2><p>isi a</p><h3 id='b'>B <code>x</code></h3><p>isi b</p>",
    "h2 first": "<h2 id='a'>A</h2><p>isi</p>",
    "no headings": "<div><p>Hanya teks.</p><ul><li>satu</li><li>dua</li></ul></div>",
    "permalink": '<h2 id="a">Judul<a class="headerlink" href="#a" title="Permanent link">&para;</a></h2><p>x</p>',
    "entities": "<h1 id='t'>A &amp; B &lt;c&gt;</h1><p>5 &gt; 3 &amp;&amp; &quot;kutip&quot;</p>",
    "pre": "<h1 id='t'>T</h1><pre><code>baris 1\n  baris 2\n</code></pre><p>a\nb</p>",
    "empty tags": "<h1 id='t'>T</h1><p> </p><ul>\n<li></li>\n</ul><p>isi</p>",
    "nested heading": "<h1 id='t'>T</h1><div class='admonition'><h2 id='n'>N</h2><p>di dalam</p></div><p>sesudah div</p>",
    "excluded": "<h1 id='t'>T</h1><div data-search-exclude><p>rahasia</p></div><p>terlihat</p>",
    "excluded section": "<h1 id='t'>T</h1><h2 id='x' data-search-exclude>X</h2><p>di x</p><h2 id='y'>Y</h2><p>di y</p>",
    "script and style": "<h1 id='t'>T</h1><script>var a = 1;</script><style>p {}</style><p>teks</p>",
    "void tags": "<h1 id='t'>T</h1><p>baris<br>baru<img src='x.png' alt='gambar'></p><hr><p>lagi</p>",
    "heading without id": "<h1 id='t'>T</h1><h2>Tanpa id</h2><p>teks</p>",
    "table": "<h2 id='tab'>Tabel</h2><table><tr><th>A</th></tr><tr><td>1 <sub>2</sub><sup>3</sup></td></tr></table>",
}


def _material(html: str) -> list[tuple[str, str, str]]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(s.id or "", "".join(s.title).strip(), "".join(s.text).strip()) for s in parser.data if not s.is_excluded()]


@pytest.mark.parametrize("html", HTML_CASES.values(), ids=HTML_CASES.keys())
def test_sections_match_material(html):
    assert [(s.anchor, s.title, s.text) for s in sections(html)] == _material(html)


@pytest.mark.parametrize("directory_urls", [True, False])
@pytest.mark.parametrize(
    "path",
    [
        "index.md",
        "README.md",
        "glosarium.md",
        "etika-klien/index.md",
        "etika-klien/kerahasiaan-klien.md",
        "a/b/README.md",
        "catatan/ruang kerja.md",
        "é/ü.md",
    ],
)
def test_page_location_matches_mkdocs(path, directory_urls, tmp_path):
    file = File(path, str(tmp_path), str(tmp_path / "site"), directory_urls)
    expected = "" if file.url in (".", "./") else file.url  # mkdocs Page.url
    assert page_location(path, directory_urls) == expected


def test_handwritten_page_front_matter():
    page = handwritten_page("a/b.md", "---\ntitle: Judul Saya\ntags: [x]\n---\n\n# H\n")
    assert page is not None and page.title == "Judul Saya" and page.content == "# H\n" and page.meta["tags"] == ["x"]
    assert handwritten_page("a/b.md", "---\nsearch:\n  exclude: true\n---\nteks\n") is None
    # MkDocs' titles for pages without a title of their own (mkdocs/structure/pages.py, Page.title)
    assert handwritten_page("kontribusi/cara-kerja_tim.md", "teks").title == "Cara kerja tim"
    assert handwritten_page("kontribusi/Cara-Kerja.md", "teks").title == "Cara Kerja"
    assert handwritten_page("kontribusi/index.md", "teks").title == "Index"
    assert handwritten_page("index.md", "teks").title == "Home"
    assert handwritten_page("glosarium.md", "teks", nav_title="Glosarium").title == "Glosarium"
    assert handwritten_page("glosarium.md", "---\ntitle: Kamus\n---\nteks", nav_title="Glosarium").title == "Kamus"


# --------------------------------------------------------------------------- mkdocs.yml


def test_read_settings_of_the_real_site():
    repo = Path(__file__).resolve().parents[2]
    settings = read_settings(repo / "mkdocs.yml", repo)
    assert settings.directory_urls is True
    assert settings.docs_dir == repo / "docs"
    assert settings.extensions[: len(BUILTIN_EXTENSIONS)] == BUILTIN_EXTENSIONS
    assert {"admonition", "md_in_html", "pymdownx.tasklist"} <= set(settings.extensions)
    assert settings.extension_configs["toc"] == {"permalink": True}
    assert settings.overrides == repo / "overrides" / "panduan"


def test_read_settings_env_inherit_relative_and_plugin_options(tmp_path, monkeypatch):
    (tmp_path / "base.yml").write_text(
        "use_directory_urls: !ENV [PANDUAN_UJI_URLS, true]\n"
        "markdown_extensions:\n  - toc:\n      permalink: true\n  - pymdownx.snippets:\n      base_path: !relative $config_dir\n",
        encoding="utf-8",
    )
    (tmp_path / "situs").mkdir()
    (tmp_path / "situs" / "mkdocs.yml").write_text(
        "INHERIT: ../base.yml\ndocs_dir: halaman\nplugins:\n  - search\n  - panduan:\n      downloads_dir: unduh\n      offline_zip: false\n",
        encoding="utf-8",
    )
    config = tmp_path / "situs" / "mkdocs.yml"
    settings = read_settings(config, tmp_path)
    assert settings.directory_urls is True
    assert settings.docs_dir == tmp_path / "situs" / "halaman"
    assert settings.downloads_dir == tmp_path / "situs" / "unduh" and settings.offline_zip is False
    assert settings.extension_configs["pymdownx.snippets"] == {"base_path": str(tmp_path / "situs")}
    monkeypatch.setenv("PANDUAN_UJI_URLS", "false")
    assert read_settings(config, tmp_path).directory_urls is False


def test_read_settings_without_a_config(tmp_path):
    settings = read_settings(tmp_path / "mkdocs.yml", tmp_path)
    assert settings.extensions == BUILTIN_EXTENSIONS and settings.directory_urls
    assert settings.docs_dir == tmp_path / "docs" and settings.downloads_dir == tmp_path / "dist"


def test_read_settings_rejects_broken_files(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("- bukan\n- pemetaan\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="bukan konfigurasi MkDocs"):
        read_settings(config, tmp_path)
    config.write_text("INHERIT: mkdocs.yml\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="INHERIT"):
        read_settings(config, tmp_path)


# --------------------------------------------------------------------------- the site's index


def test_site_index_keeps_documents_of_pages_it_does_not_know(tmp_path):
    index_file = tmp_path / "search" / "search_index.json"
    index_file.parent.mkdir()
    material = [
        {"location": "a/", "title": "A (Material)", "text": ""},
        {"location": "a/#x", "title": "X (Material)", "text": ""},
        {"location": "lain/", "title": "Halaman plugin lain", "text": "isi"},
    ]
    index_file.write_text(
        json.dumps(
            {"config": {"lang": ["en"], "separator": "x", "pipeline": ["stemmer"], "fields": {}}, "docs": material}
        )
    )
    ours = [{"location": "a/", "title": "A", "text": "", "boost": 0.5}]
    write_search_files(tmp_path, index_file, ours, {"a/"})
    written = json.loads(index_file.read_text())
    assert written["docs"] == [ours[0], material[2]]
    assert written["config"]["lang"] == ["id"] and written["config"]["pipeline"] == []
    assert (tmp_path / "assets/javascripts/lunr/min/lunr.id.min.js").is_file()
