"""One Markdown dialect: mkdocs.yml lists the extensions the core declares, and the PDF converts
with the same ones, adapting the element tree to print (no regexes over HTML)."""

from __future__ import annotations

import pytest

from panduan.build import build_guide
from panduan.markdown_spans import MARKDOWN_EXTENSIONS
from panduan.pdf.markup import Converter
from panduan.portable import read_settings
from panduan.segments import segment
from tests.conftest import REPO


def test_mkdocs_yml_lists_the_dialect():
    assert read_settings(REPO / "mkdocs.yml").markdown_extensions == [(n, dict(o)) for n, o in MARKDOWN_EXTENSIONS]


@pytest.fixture
def html(project):
    result = build_guide(project.root)

    def convert(text: str, *, included: tuple[str, ...] = ("kerahasiaan",), **options: object) -> str:
        conv = Converter(result, included=set(included), guideline_url=lambda gid: f"https://contoh.org/{gid}/")
        return conv.html(segment(text, None), **options)  # type: ignore[arg-type]

    return convert


def test_print_tree_shifts_headings_and_drops_toc_ids_and_permalinks(html):
    out = html("# Satu\n\n## Dua\n\n## Tiga { #milik-penulis }\n", shift=1)
    assert out.startswith("<h2>Satu</h2>\n<h3>Dua</h3>")
    assert '<h3 id="milik-penulis">Tiga</h3>' in out
    assert "headerlink" not in out and "¶" not in out and 'id="satu"' not in out


def test_print_tree_points_page_links_into_the_pdf_or_the_site(html):
    text = "[di sini](../etika-klien/kerahasiaan.md#r1), [peran](../peran/pendamping.md) dan [web](https://contoh.org/x) dan [atas](#bagian)."
    out = html(text)
    assert '<a href="#pedoman-kerahasiaan">di sini</a>' in out
    assert ", peran dan" in out  # no printable destination: the words stay, the link goes
    assert '<a href="https://contoh.org/x">web</a>' in out and '<a href="#bagian">atas</a>' in out
    assert '<a href="https://contoh.org/kerahasiaan/">di sini</a>' in html(text, included=())  # not in this PDF


def test_print_tree_unwraps_a_single_inline_paragraph(html):
    assert html("satu **dua**", inline=True) == "satu <strong>dua</strong>"
    assert html("satu\n\ndua", inline=True) == "<p>satu</p>\n<p>dua</p>"


def test_the_pdf_renders_every_extension_of_the_dialect(html):
    out = html(
        '!!! note "Catatan"\n    isi\n\n??? info "Lipat"\n    isi\n\nIstilah\n:   definisi\n\n```\nkode\n```\n\n'
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] selesai\n\n<div markdown>**tebal**</div>\n\nKata PKH.\n{: .x }\n\n"
        "*[PKH]: Program Keluarga Harapan\n"
    )
    for made_by in (
        'class="admonition note"',
        "<details",
        "<dl>",
        "<pre",
        "<table>",
        "task-list-item",
        "<p><strong>tebal",
        '<abbr title="Program',
        'class="x"',
    ):
        assert made_by in out, made_by
    assert [name for name, _ in MARKDOWN_EXTENSIONS] == [
        "abbr",
        "admonition",
        "attr_list",
        "md_in_html",
        "def_list",
        "tables",
        "toc",
        "pymdownx.details",
        "pymdownx.superfences",
        "pymdownx.tasklist",
    ]  # each one is shown working above (toc: test_print_tree_shifts_headings...)
