"""The backstop: with the source check switched off, nothing live from 46 XSS vectors reaches the
built site, its search index or the PDF HTML; and sanitizing changes nothing on a clean site."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from panduan.pdf.document import Assembler, Edition
from panduan.sanitize import SEARCH_TAGS, SanitizeError, ThemeScripts, clean_page, clean_pdf_html, clean_search_index
from tests.conftest import Project
from tests.xss_vectors import VECTORS, build_unchecked, live_markup, unchecked_result, write_vectors


@pytest.fixture(scope="module")
def vector_site(tmp_path_factory) -> tuple[Project, Path]:
    tmp = tmp_path_factory.mktemp("vektor-situs")
    project = Project(tmp / "proj")
    write_vectors(project)
    site = tmp / "site"
    build_unchecked(project, site)
    return project, site


def test_a_staged_build_sanitizes_its_pages_exactly_as_page_by_page(vector_site, tmp_path):
    """`panduan build` sanitizes a staging folder's pages after MkDocs wrote them (several at a
    time): the published files must be byte for byte those of sanitizing each page as it is made."""
    project, site = vector_site
    staged = tmp_path / "staged"
    build_unchecked(project, staged, staged=True)
    pages = sorted(p.relative_to(site) for p in site.rglob("*.html"))
    assert pages == sorted(p.relative_to(staged) for p in staged.rglob("*.html"))
    for rel in pages:
        assert (staged / rel).read_bytes() == (site / rel).read_bytes(), rel


def test_a_page_that_cannot_be_sanitized_fails_a_staged_build(vector_site, tmp_path, caplog):
    from mkdocs.exceptions import Abort

    from panduan.sanitize import SanitizeError, clean_page

    def refuse(output, url, theme):
        if url.startswith("etika-klien/"):
            raise SanitizeError("uji")
        return clean_page(output, url, theme)

    project, _ = vector_site
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("panduan.plugin.clean_page", refuse)
        with pytest.raises(Abort):
            build_unchecked(project, tmp_path / "staged", staged=True)
    assert "etika-klien/index.html: uji; halaman tidak diterbitkan." in caplog.text


def test_vector_site_has_every_vector_page(vector_site):
    _, site = vector_site
    for i in range(len(VECTORS)):
        assert (site / f"etika-klien/vektor-{i:02d}/index.html").is_file()


def test_nothing_live_reaches_the_built_html(vector_site):
    _, site = vector_site
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > len(VECTORS)
    found = {str(p.relative_to(site)): live_markup(p.read_text(encoding="utf-8")) for p in pages}
    assert {page: problems for page, problems in found.items() if problems} == {}


def test_built_html_keeps_the_vectors_as_text(vector_site):
    """The sanitizer removes markup, not the editor's words: the vector page still says what was written."""
    _, site = vector_site
    page = (site / "etika-klien/vektor-00/index.html").read_text(encoding="utf-8")
    assert "Paragraf biasa sebelum vektor." in page and "Paragraf penutup." in page


def test_every_page_carries_the_policy(vector_site):
    _, site = vector_site
    for page in site.rglob("*.html"):
        head = page.read_text(encoding="utf-8").split("</head>")[0]
        assert '<meta http-equiv="Content-Security-Policy"' in head, page
        assert "script-src 'self' 'sha256-" in head and "base-uri 'none'" in head and "object-src 'none'" in head


def test_nothing_live_reaches_the_search_index(vector_site):
    _, site = vector_site
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert len(index["docs"]) > len(VECTORS)
    for doc in index["docs"]:
        assert "://" not in doc["location"] and not doc["location"].lower().startswith(("javascript:", "data:")), doc
        for name, value in doc.items():
            if isinstance(value, str) and name != "location":
                # The theme renders these with innerHTML: wrap as a page to check them like one.
                assert live_markup(f"<body>{value}</body>") == [], (doc["location"], name, value[:200])
                assert set(re.findall(r"<([a-zA-Z][^\s/>]*)", value)) <= SEARCH_TAGS, (name, value[:200])
                assert not re.search(r"<[a-zA-Z][^>]*\s[^>]*=", value), (name, value[:200])  # no attribute at all


def test_nothing_live_reaches_the_pdf_html(vector_site):
    project, _ = vector_site
    result = unchecked_result(project)
    assembler = Assembler(
        result, Edition(version="uji", built=dt.date(2026, 12, 1), site_url="https://contoh.example/")
    )
    jobs = [assembler.handbook(), *(assembler.booklet(r) for r in assembler.booklet_roles())]
    jobs += [assembler.self_assessment(r) for r in assembler.booklet_roles()]
    jobs += [assembler.single(g) for g in assembler.published()]
    assert len(jobs) > len(VECTORS)
    found = {job.file: live_markup(job.html, pdf=True) for job in jobs}
    assert {file: problems for file, problems in found.items() if problems} == {}
    assert any("vektor" in job.html for job in jobs)


# ---------------------------------------------------------------------------------------------
# The sanitizer itself


THEME = ThemeScripts.from_templates(
    ['<script>__md_scope=new URL("{{ base_url }}",location)</script>', "<script>var a=1</script>"]
)
PAGE = """<!doctype html>
<html lang="id" class="no-js" onload="x()">
  <head>
    <meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'">
    <meta charset="utf-8"><meta http-equiv="refresh" content="0;url=https://evil.example/">
    <title>Judul</title><link rel="stylesheet" href="../x.css"><link rel="import" href="https://evil.example/">
    <script>__md_scope=new URL("../..",location)</script>
    <script>__md_scope=new URL("x",location),alert(1)</script>
  </head>
  <body dir="ltr" data-md-color-scheme="default" onload="x()">
    <div id="__config">{"base": "https://evil.example"}</div><input type="image" src="https://evil.example/">
    <script>var a=1</script><script>alert(2)</script><script src="https://evil.example/x.js"></script>
    <script id="__config" type="application/json">{"base": "x", "evil": 1}</script>
    <script id="__config" type="application/json">{"base": "../..", "features": []}</script>
    <script src="../../assets/bundle.js"></script><script src="../../../outside.js"></script>
  </body>
</html>
"""


def test_clean_page_keeps_only_the_theme_scripts():
    out = clean_page(PAGE, "a/b/index.html", THEME)
    assert out.count("<script") == 4, out
    assert '__md_scope=new URL("../..",location)</script>' in out and "<script>var a=1</script>" in out
    assert '{"base": "../..", "features": []}' in out and '"evil"' not in out
    assert '<script src="../../assets/bundle.js"></script>' in out
    assert "alert" not in out and "evil.example/" not in out and "outside.js" not in out
    assert '<div>{"base": "https://evil.example"}</div><input>' in out  # the text stays, the id and the image go
    assert "onload" not in out and "refresh" not in out and "import" not in out and "<meta content" not in out
    assert '<link rel="stylesheet" href="../x.css">' in out and '<body dir="ltr" data-md-color-scheme="default">' in out


def test_clean_page_completes_the_policy_with_hashes():
    import base64
    import hashlib

    out = clean_page(PAGE, "a/b/index.html", THEME)
    digest = base64.b64encode(hashlib.sha256(b'__md_scope=new URL("../..",location)').digest()).decode()
    policy = out.split('http-equiv="Content-Security-Policy" content="')[1].split('"')[0]
    assert policy.startswith("default-src 'self'; script-src 'self' 'sha256-")
    assert f"'sha256-{digest}'" in policy and policy.count("sha256-") == 2


def test_clean_page_refuses_what_is_not_a_page():
    with pytest.raises(SanitizeError):
        clean_page("<p>fragmen</p>", "x.html", THEME)


def test_theme_script_pattern_allows_no_quote():
    assert THEME.trusted_inline('__md_scope=new URL("../..",location)')
    assert not THEME.trusted_inline('__md_scope=new URL("",alert(1),"",location)')


def test_clean_pdf_html_keeps_our_stylesheet_and_qr_only():
    doc = (
        '<!DOCTYPE html>\n<html lang="id">\n<head>\n<meta charset="utf-8"><title>T</title><style>body{color:red}</style>\n</head>\n'
        '<body class="paper-a4"><img src="data:image/svg+xml;base64,PHN2Zz4=" alt="QR"><img src="file:///etc/passwd">'
        '<img src="https://evil.example/x.png"><link rel="stylesheet" href="https://evil.example/x.css"><style>@import "x";</style>'
        '<a href="https://contoh.example/">situs</a><a href="javascript:alert(1)">x</a></body>\n</html>\n'
    )
    out = clean_pdf_html(doc)
    assert "<style>body{color:red}</style>" in out and out.count("<style") == 1
    assert 'src="data:image/svg+xml;base64,PHN2Zz4="' in out
    assert "passwd" not in out and "evil.example" not in out and "javascript" not in out
    assert '<a href="https://contoh.example/">situs</a>' in out


def test_clean_search_index():
    index = {
        "config": {},
        "docs": [
            {
                "location": "javascript:alert(1)",
                "title": "<img src=x onerror=alert(1)>",
                "text": "<p>a</p><script>x</script>",
            },
            {
                "location": "a/#b",
                "title": "A &amp; B",
                "text": "<p>teks <code>&lt;script&gt;</code></p>",
                "ringkasan": "<b onclick=x>r</b>",
            },
        ],
    }
    docs = clean_search_index(index)["docs"]
    assert docs[0] == {"location": "", "title": "", "text": "<p>a</p>"}
    assert docs[1] == {
        "location": "a/#b",
        "title": "A &amp; B",
        "text": "<p>teks <code>&lt;script&gt;</code></p>",
        "ringkasan": "<b>r</b>",
    }


def test_sanitizing_a_clean_site_changes_nothing(project, tmp_path):
    """Material's page furniture, our templates and Markdown's output pass the allow-lists whole."""
    from tests.unit.html_events import events

    project.write(
        "docs/kontribusi/index.md",
        '# Contoh\n\n!!! note "Catatan"\n    Isi *catatan* dengan `kode`.\n\n??? info "Lipat"\n    Isi.\n\n'
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] tugas\n- [ ] belum\n\n```python\nprint('hai')\n```\n\n"
        "Istilah\n:   Definisi.\n\n*[STR]: Surat Tanda Registrasi\n\nSTR di sini. [Tautan](https://example.org).\n",
    )
    plain, cleaned = tmp_path / "plain", tmp_path / "cleaned"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("panduan.plugin.clean_page", lambda output, url, theme: output)
        build_unchecked(project, plain)
    build_unchecked(project, cleaned)
    pages = sorted(p.relative_to(plain) for p in plain.rglob("*.html"))
    assert len(pages) > 10
    for rel in pages:
        before = [e for e in events((plain / rel).read_text()) if "Content-Security-Policy" not in str(e)]
        after = [e for e in events((cleaned / rel).read_text()) if "Content-Security-Policy" not in str(e)]
        assert before == after, rel


def test_blank_runs_at_tags_shrink_but_verbatim_text_stays():
    from panduan.sanitize import collapse_blank_runs

    page = (
        '<ul>\n    \n      <li title="a\n   b">\n        <a href="x/">Beranda</a>\n      </li>\n\n</ul>'
        "<pre><code><span>a</span>\n    <span>b</span></code></pre>\n  \n<textarea>\n  x\n</textarea>"
        "<p>kata  <b>tebal</b> <i>miring</i>\n   lanjut</p><span>\n    \n    Beranda\n  \n</span>"
    )
    assert collapse_blank_runs(page) == (
        '<ul>\n<li title="a\n   b">\n<a href="x/">Beranda</a>\n</li>\n</ul>'
        "<pre><code><span>a</span>\n    <span>b</span></code></pre>\n<textarea>\n  x\n</textarea>"
        "<p>kata  <b>tebal</b> <i>miring</i>\nlanjut</p><span>\nBeranda\n</span>"
    )
