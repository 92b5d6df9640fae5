"""Linked text: the link stage cuts prose into segments once; every output formats them.

A citation or a glossary term inside code stays code, on the site, in the PDF and in the search
documents; an invalid citation keeps its brackets; citations are validated in every field that
may hold them, and refused in the fields that may not.
"""

from __future__ import annotations

import re

import pytest

from panduan.build import build_guide
from panduan.pdf.markup import Converter
from panduan.render import render_pages
from panduan.search.documents import search_text
from panduan.segments import Cite, Code, FirstUse, Html, Link, Plain, TermUse
from tests.conftest import GUIDELINE

PATH = "guidelines/etika-klien/kerahasiaan.md"
CODE_BODY = """
## Contoh penulisan

Sitasi ditulis `[[UU14 Pasal 45]]`, singkatannya `STR`; yang salah tetap utuh: `[[UU14 Pasal 999]]`.

```
[[UU14 Pasal 45]] dan STR di blok kode
```

Di luar kode: [[UU14 Pasal 44 ayat 1]] dan STR, lalu [tautan](../peran/pendamping.md) dan <abbr title="x">HTML</abbr>.
"""


def write_code_spans(project) -> None:
    """The fixture guideline with citations and a glossary term in code (also used by tests/e2e
    and tests/pdf): UU14 Pasal 45 is written only inside code, so nothing may link to it."""
    text = GUIDELINE.format(id="kerahasiaan").replace(
        "teks: Jaga kerahasiaan klien.", "teks: Jaga kerahasiaan klien; contoh sitasi `[[UU14 Pasal 45]]`."
    )
    project.write(PATH, text.replace("## Mengapa penting", CODE_BODY.strip() + "\n\n## Mengapa penting"))


@pytest.fixture
def result(project):
    write_code_spans(project)
    built = build_guide(project.root)
    assert built.ok, [d.text() for d in built.report.errors]
    return built


def _body(result):
    return result.links.text(result.guide.guidelines["kerahasiaan"].file.body)


def test_code_is_code_and_the_rest_is_linked(result):
    segments = list(_body(result))
    codes = [s.text for s in segments if isinstance(s, Code)]
    assert codes == [
        "`[[UU14 Pasal 45]]`",
        "`STR`",
        "`[[UU14 Pasal 999]]`",
        "```\n[[UU14 Pasal 45]] dan STR di blok kode\n```",
    ]
    cites = [s.label for s in segments if isinstance(s, Cite)]
    assert cites == ["UU 14/2019 Pasal 44 ayat (1)", "UU 14/2019 Pasal 43 huruf d"]
    assert [s.term for s in segments if isinstance(s, TermUse)].count(
        "surat-tanda-registrasi"
    ) == 2  # both outside code
    assert [s.label for s in segments if isinstance(s, Link)] == ["tautan"]
    assert [s.text for s in segments if isinstance(s, Html)] == ['<abbr title="x">', "</abbr>"]
    assert "".join(s.text for s in segments) == result.guide.guidelines["kerahasiaan"].file.body


def test_citations_inside_code_are_not_uses_of_the_article(result):
    cited = {(u.citation.pasal, u.inline) for u in result.guide.citations if u.guideline == "kerahasiaan"}
    assert ("45", True) not in cited and ("44", True) in cited


def test_site_page_keeps_code_as_written(result):
    page = next(p for p in render_pages(result) if p.path == "etika-klien/kerahasiaan.md").content
    assert (
        "Sitasi ditulis `[[UU14 Pasal 45]]`, singkatannya `STR`; yang salah tetap utuh: `[[UU14 Pasal 999]]`." in page
    )
    assert "```\n[[UU14 Pasal 45]] dan STR di blok kode\n```" in page
    assert "contoh sitasi `[[UU14 Pasal 45]]`." in page  # in a recommendation too
    assert "pasal-45" not in page
    assert re.search(r"Di luar kode: \[UU 14/2019 Pasal 44 ayat \(1\)\]\(\.\./hukum/uu-2019-14\.md#pasal-44 \"", page)
    # the first STR outside code is the page's one glossary link
    assert page.count("glosarium.md#surat-tanda-registrasi") == 1
    assert re.search(r"dan \[STR\]\(\.\./glosarium\.md#surat-tanda-registrasi ", page)


def test_pdf_keeps_code_as_written(result):
    conv = Converter(result, included={"kerahasiaan"}, guideline_url=lambda gid: None)
    g = result.guide.guidelines["kerahasiaan"]
    html = conv.markdown(g.file.body, FirstUse(), shift=1)
    assert "<code>[[UU14 Pasal 45]]</code>" in html and "<code>[[UU14 Pasal 999]]</code>" in html
    assert "[[UU14 Pasal 45]] dan STR di blok kode" in html
    assert "pasal-uu-2019-14-45" not in html and ("UU14", "45") not in conv.used_pasal
    assert 'href="#pasal-uu-2019-14-44"' in html
    assert html.count('href="#istilah-surat-tanda-registrasi"') == 1
    rec = conv.inline(g.rekomendasi[0].teks)
    assert rec == "Jaga kerahasiaan klien; contoh sitasi <code>[[UU14 Pasal 45]]</code>."


def test_search_text_keeps_code_and_prints_citations_as_labels(result):
    text = search_text(_body(result))
    assert "<code>[[UU14 Pasal 45]]</code>" in text and "<code>[[UU14 Pasal 999]]</code>" in text
    assert "Di luar kode: UU 14/2019 Pasal 44 ayat (1) dan STR" in text
    assert "tautan" in text and "abbr" not in text and "](" not in text


def test_invalid_citation_in_a_recommendation_is_reported(project):
    text = GUIDELINE.format(id="kerahasiaan").replace(
        "teks: Jaga kerahasiaan klien.", "teks: Jaga kerahasiaan [[UU14 Pasal 999]]."
    )
    project.write(PATH, text)
    problems = [(d.code, str(d.primary)) for d in build_guide(project.root).report.errors]
    assert ("invalid-citation", f"{PATH}:15:11") in problems


def test_citation_where_the_schema_allows_none_is_an_error(project):
    project.write(
        PATH,
        GUIDELINE.format(id="kerahasiaan").replace(
            "ringkasan: Simpan data klien dengan aman.", "ringkasan: Simpan data [[UU14 Pasal 42]]."
        ),
    )
    errors = build_guide(project.root).report.errors
    assert [(d.code, str(d.primary)) for d in errors] == [("citation-not-allowed", f"{PATH}:4:12")]
    assert "`ringkasan`" in errors[0].message and "`[[UU14 Pasal 42]]`" in errors[0].message


def test_a_citation_in_code_is_allowed_anywhere(project):
    project.write(
        PATH,
        GUIDELINE.format(id="kerahasiaan").replace(
            "ringkasan: Simpan data klien dengan aman.", "ringkasan: Tulis `[[UU14 Pasal 42]]` begini."
        ),
    )
    assert build_guide(project.root).ok


def test_equal_texts_in_two_fields_share_one_cut(project):
    """A role's item may read exactly like a guideline's title; the title's terms still count."""
    project.write(
        "registry/peran.yaml",
        (project.root / "registry/peran.yaml")
        .read_text()
        .replace(
            "    tidak_boleh: [asesmen-profesional]\n  - id: relawan",
            "    tidak_boleh: [asesmen-profesional]\n    boleh: [Menjaga kerahasiaan STR]\n  - id: relawan",
        ),
    )
    project.write(
        PATH,
        GUIDELINE.format(id="kerahasiaan").replace(
            "judul: Menjaga kerahasiaan klien", "judul: Menjaga kerahasiaan STR"
        ),
    )
    result = build_guide(project.root)
    assert result.ok
    assert result.links.text("Menjaga kerahasiaan STR").terms == ["surat-tanda-registrasi"]


def test_plain_segments_are_joined():
    from panduan.segments import segment

    assert segment("a [[x]] b", None).segments == (Plain("a [[x]] b"),)
