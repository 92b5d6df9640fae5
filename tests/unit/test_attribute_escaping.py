"""Every text that reaches an HTML attribute (or <title>) is escaped: quotes, ampersands and angle
brackets an editor may legitimately write cannot end the attribute or open a tag.

Each field gets the same awkward value with its own marker; the built pages are parsed and every
attribute that carries a marker must carry the whole value, intact.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
from html.parser import HTMLParser

import pytest

from panduan.build import build_guide
from panduan.pdf.document import Assembler, Edition
from panduan.render import tooltip
from tests.conftest import GUIDELINE, TERM_STR, Project
from tests.xss_vectors import build_unchecked, quoted

AWKWARD = "Nilai \"kutip\" & 'apostrof' <5 >3 {marker}"
FIELDS = {
    "judul": "ZQJUDUL",
    "ringkasan": "ZQRINGKASAN",
    "definisi": "ZQDEFINISI",
    "peran": "ZQPERAN",
    "pasal": "ZQPASAL",
    "alt": "ZQALT",
}


def value(field: str) -> str:
    return AWKWARD.format(marker=FIELDS[field])


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.names: set[str] = set()
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        self._in_title = tag == "title"
        for name, val in attrs:
            self.names.add(name)
            self.found.append((tag, name, val or ""))

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


# A 1×1 transparent PNG.
PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("atribut")
    project = Project(tmp / "proj")
    guideline = (
        GUIDELINE.format(id="kerahasiaan")
        .replace("judul: Menjaga kerahasiaan klien", f"judul: {quoted(value('judul'))}")
        .replace("ringkasan: Simpan data klien dengan aman.", f"ringkasan: {quoted(value('ringkasan'))}")
    )
    guideline += f"\n![{value('alt').replace('[', '').replace(']', '')}](gambar.png)\n"
    project.write("guidelines/etika-klien/kerahasiaan.md", guideline)
    project.write("docs/etika-klien/gambar.png", base64.b64decode(PIXEL))  # the link check wants the file
    project.write(
        "guidelines/etika-klien/kedua.md", GUIDELINE.format(id="kedua").replace("simpan-catatan", "simpan-catatan-2")
    )
    project.write(
        "glossary/surat-tanda-registrasi.yaml",
        TERM_STR.replace("Bukti tertulis registrasi Pekerja Sosial.", quoted(value("definisi"))),
    )
    peran = (project.root / "registry/peran.yaml").read_text(encoding="utf-8")
    project.write("registry/peran.yaml", peran.replace("nama: Pendamping\n", f"nama: {quoted(value('peran'))}\n", 1))
    law = (project.root / "law/uu-2019-14.yaml").read_text(encoding="utf-8")
    pasal_43 = law.index('nomor: "43"')
    summary = re.compile(r"^(\s+)ringkasan: .*$", re.MULTILINE).search(law, pasal_43)
    law = law[: summary.start()] + f"{summary.group(1)}ringkasan: {quoted(value('pasal'))}" + law[summary.end() :]
    project.write("law/uu-2019-14.yaml", law)
    result = build_guide(project.root)
    assert not result.report.errors, [d.text() for d in result.report.errors]  # legitimate text passes the check
    site = tmp / "site"
    build_unchecked(project, site)
    return project, site, result


def _pages(site):
    for page in sorted(site.rglob("*.html")):
        parser = _Attributes()
        parser.feed(page.read_text(encoding="utf-8"))
        yield page.relative_to(site).as_posix(), parser


def test_no_attribute_is_broken_open(built):
    _, site, _ = built
    for page, parser in _pages(site):
        odd = {n for n in parser.names if not re.fullmatch(r"[a-z][a-z0-9:-]*", n)}
        assert not odd, (page, odd)  # a quote that ended an attribute leaves names like `kutip"`
        for tag, name, text in parser.found:
            for field, marker in FIELDS.items():
                if marker in text:
                    whole = value(field)
                    assert whole in text or tooltip(whole) in text, (page, tag, name, text)


def test_every_field_reaches_an_attribute_intact(built):
    _, site, _ = built
    seen: dict[str, set[tuple[str, str]]] = {field: set() for field in FIELDS}
    titles: list[str] = []
    for _page, parser in _pages(site):
        titles.append(parser.title)
        for tag, name, text in parser.found:
            for field, marker in FIELDS.items():
                if marker in text:
                    seen[field].add((tag, name))
    assert ("meta", "content") in seen["ringkasan"]  # <meta name="description">
    assert ("a", "aria-label") in seen["judul"]  # footer: previous/next page
    assert ("a", "title") in seen["definisi"]  # glossary tooltip
    assert ("a", "title") in seen["pasal"]  # citation tooltip
    assert {("th", "title"), ("th", "aria-label"), ("td", "data-label")} <= seen["peran"]  # RACI matrix headers, cards
    assert ("img", "alt") in seen["alt"]
    assert any(t.startswith(value("judul")) for t in titles)  # <title> holds the text, not markup


def test_meta_description_is_the_exact_text(built):
    _, site, _ = built
    page = (site / "etika-klien/kerahasiaan/index.html").read_text(encoding="utf-8")
    parser = _Attributes()
    parser.feed(page)
    descriptions = [
        t for tag, n, t in parser.found if tag == "meta" and ("name", "description") and t.endswith(FIELDS["ringkasan"])
    ]
    assert descriptions == [value("ringkasan")]
    assert (
        "&quot;kutip&quot; &amp; &#x27;apostrof&#x27; &lt;5 &gt;3" in page
        or "&quot;kutip&quot; &amp; 'apostrof' &lt;5 &gt;3" in page
    )


def test_pdf_head_and_body_attributes(built):
    _project, _, result = built
    assembler = Assembler(
        result, Edition(version="uji", built=dt.date(2026, 12, 1), site_url="https://contoh.example/")
    )
    job = assembler.single(result.guide.guidelines["kerahasiaan"])
    parser = _Attributes()
    parser.feed(job.html)
    assert [t for tag, n, t in parser.found if tag == "meta" and t.endswith(FIELDS["ringkasan"])] == [
        value("ringkasan")
    ]
    assert parser.title == value("judul")
    assert not {n for n in parser.names if not re.fullmatch(r"[a-z][a-z0-9:.-]*", n)}
