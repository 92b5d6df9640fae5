"""The source check: raw HTML, attribute lists and link schemes are errors at their line and column."""

from __future__ import annotations

import pytest

from panduan.build import build_guide
from panduan.cli import main
from panduan.untrusted import CODES, scan_text
from tests.conftest import GUIDELINE
from tests.xss_vectors import GUIDELINE_FIELDS, TERM_FIELDS, VECTORS, quoted, write_vectors


def _field_line(text: str, pattern: str, value: str) -> tuple[int, int]:
    """Line and column (1-based) of `value` written as `pattern` in `text`."""
    written = pattern.format(v=value)
    start = text.index(written + "\n")
    line = text.count("\n", 0, start) + 1
    return line, start - (text.rfind("\n", 0, start) + 1) + 1 + written.index(value)


@pytest.fixture(scope="module")
def vector_report(tmp_path_factory):
    from tests.conftest import Project

    project = Project(tmp_path_factory.mktemp("vektor") / "proj")
    site = write_vectors(project)
    report = build_guide(project.root).report
    by_line: dict[tuple[str, int], list] = {}
    for diag in report.errors:
        by_line.setdefault((diag.primary.path, diag.primary.line), []).append(diag)
    return project, site, by_line


def _expect(by_line, path: str, line: int, col: int, vector) -> None:
    found = sorted((d for d in by_line.get((path, line), []) if d.code in CODES), key=lambda d: d.primary.col)
    assert found, f"{vector.name}: no error at {path}:{line}"
    first = found[0]
    assert first.code == vector.code, (vector.name, first.text())
    assert first.primary.col == col, (vector.name, first.text(), col)


@pytest.mark.parametrize("index", range(len(VECTORS)), ids=[v.name for v in VECTORS])
def test_every_vector_in_every_field_is_an_error_at_its_place(vector_report, index):
    project, site, by_line = vector_report
    vector = VECTORS[index]
    rel = site.guidelines[index]
    text = (project.root / rel).read_text(encoding="utf-8")
    for _field, pattern in GUIDELINE_FIELDS.items():
        value = quoted(f"{index:02d} {vector.text}")
        line, value_col = _field_line(text, pattern, value)
        raw_line = text.split("\n")[line - 1]
        _expect(by_line, rel, line, raw_line.index(vector.token, value_col - 1) + 1, vector)
    # The body: the vector stands on its own line.
    body_start = text.index("\n" + vector.text + "\n") + 1
    token_at = body_start + vector.text.index(vector.token)
    line = text.count("\n", 0, token_at) + 1
    _expect(by_line, rel, line, token_at - (text.rfind("\n", 0, token_at) + 1) + 1, vector)

    term_rel = site.terms[index]
    term_text = (project.root / term_rel).read_text(encoding="utf-8")
    for _field, pattern in TERM_FIELDS.items():
        value = quoted(f"Istilah {index:02d} {vector.text}")
        line, value_col = _field_line(term_text, pattern, value)
        raw_line = term_text.split("\n")[line - 1]
        _expect(by_line, term_rel, line, raw_line.index(vector.token, value_col - 1) + 1, vector)


def test_at_least_thirty_vectors():
    assert len(VECTORS) >= 30


def _guideline_with_body(body: str) -> str:
    return GUIDELINE.format(id="kerahasiaan").split("---\n## Mengapa penting")[0] + "---\n" + body


@pytest.mark.parametrize(
    "body",
    [
        "Kode `<script>alert(1)</script>` hanya ditampilkan.",
        "Kode ``<img src=x onerror=alert(1)>`` dengan dua backtick.",
        "```html\n<script>alert(1)</script>\n<iframe src=x></iframe>\n```",
        "~~~\n[x](javascript:alert(1))\n~~~",
        'Istilah <abbr title="Surat Tanda Registrasi">STR</abbr>, tombol <kbd>Ctrl</kbd>, H<sub>2</sub>O, m<sup>2</sup>,<br>baris baru.',
        "Tautan [aman](https://example.org), [surel](mailto:a@example.org), [telepon](tel:+62211234), [lokal](../glosarium.md).",
        "<https://example.org> dan <nama@example.org>.",
        "## Judul bagian {#bagian-satu}\n\nParagraf utama.\n{: .pp-lead }",
        "Usia anak < 18 tahun dan nilai 3<5, kurung {kurawal} di tengah kalimat.",
        "Kurung kurawal dengan garis miring terbalik: \\{ bukan atribut \\}",
    ],
)
def test_allowed_writing_passes(project, body):
    project.write("guidelines/etika-klien/kerahasiaan.md", _guideline_with_body(body))
    errors = [d.text() for d in build_guide(project.root).report.errors]
    assert errors == []


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ('Teks <abbr title="x" class="y">z</abbr>', "atribut `class` tidak diizinkan pada `<abbr>`"),
        ('Teks <kbd onclick="x">z</kbd>', "atribut penangan peristiwa `onclick` pada `<kbd>`"),
        ("Teks <b>tebal</b>", "Tulis teks tebal dengan Markdown: `**teks**`."),
        ('Teks <a href="https://x">a</a>', "Tulis tautan dengan Markdown"),
        ("Judul\n{: .warna-merah }", "kelas `.warna-merah` pada daftar atribut tidak diizinkan"),
        ("[x]: <data:text/html,hi>\n\nLihat [x].", "berskema `data:`"),
        ("[x](file:///etc/passwd)", "berskema `file:`"),
        ("Satu `kode` lalu <script>x</script> di luar kode", "tag HTML `<script>`"),
        ("<!DOCTYPE html>", "deklarasi HTML"),
    ],
)
def test_disallowed_writing_is_named(project, body, fragment):
    project.write("guidelines/etika-klien/kerahasiaan.md", _guideline_with_body(body))
    errors = [d.text() for d in build_guide(project.root).report.errors]
    assert any(fragment in e for e in errors), errors


def test_url_field_must_be_http(project, tmp_path):
    law = (project.root / "law/uu-2019-14.yaml").read_text(encoding="utf-8")
    import re

    law = re.sub(r"^tautan_resmi: .*$", "tautan_resmi: javascript:alert(1)", law, count=1, flags=re.MULTILINE)
    project.write("law/uu-2019-14.yaml", law)
    line = law[: law.index("tautan_resmi:")].count("\n") + 1
    errors = [d for d in build_guide(project.root).report.errors if d.code == "unsafe-url"]
    assert [(d.primary.path, d.primary.line, d.primary.col) for d in errors] == [("law/uu-2019-14.yaml", line, 15)]


def test_block_scalar_points_at_the_line_inside_it(project):
    text = GUIDELINE.format(id="kerahasiaan").replace(
        "ringkasan: Simpan data klien dengan aman.",
        "ringkasan: >-\n  Simpan data klien\n  dengan <img src=x onerror=alert(1)> aman.",
    )
    project.write("guidelines/etika-klien/kerahasiaan.md", text)
    errors = [d for d in build_guide(project.root).report.errors if d.code == "raw-html"]
    line = text[: text.index("<img")].count("\n") + 1
    assert [(d.primary.line, d.primary.col) for d in errors] == [(line, 10)]


def test_check_prints_path_line_col_and_exits_1(project, capsys):
    body = "Paragraf.\n\nKlik <img src=x onerror=alert(1)> di sini.\n"
    text = _guideline_with_body(body)
    project.write("guidelines/etika-klien/kerahasiaan.md", text)
    assert main(["--root", str(project.root), "check"]) == 1
    err = capsys.readouterr().err
    line = text[: text.index("<img")].count("\n") + 1
    assert (
        f"guidelines/etika-klien/kerahasiaan.md:{line}:6: galat: tag HTML `<img>` tidak diizinkan di teks sumber."
        in err
    )
    assert "Traceback" not in err


def test_real_guide_passes():
    from tests.conftest import REPO

    assert [d.text() for d in build_guide(REPO).report.errors if d.code in CODES] == []


def test_scan_ignores_only_real_code():
    # A backslash-escaped backtick opens no code span; an indented fence is not trusted as code.
    assert scan_text("\\`<script>x</script>\\`")
    assert scan_text("  ```\n  <script>x</script>\n  ```")
    # Code spans do not cross lines (Markdown would not close them in another paragraph).
    assert scan_text("`a\n\n<script>x</script>\n\nb`")
