"""Links that editors write are checked at their source line against the pages the site will have."""

from __future__ import annotations

from panduan.bodylinks import links_in
from panduan.build import build_guide
from tests.conftest import GUIDELINE

BODY_LINE = GUIDELINE.split("---\n")[1].count("\n") + 3  # first line of the body


def _with_body(project, extra: str) -> None:
    project.write("guidelines/etika-klien/kerahasiaan.md", GUIDELINE.format(id="kerahasiaan") + extra)


def _problems(project) -> list[tuple[str, str, str]]:
    report = build_guide(project.root).report
    return [(str(d.primary), d.code, d.message + " " + d.hint) for d in report.sorted()]


def test_links_in_skips_code_and_finds_every_form():
    text = 'a [x](a.md) `[y](b.md)` ![g](img.png "judul")\n```\n[z](c.md)\n```\n[r]: ref.md\n<a href="h.md">h</a>'
    assert [t for t, _ in links_in(text)] == ["a.md", "img.png", "ref.md", "h.md"]


def test_valid_links_pass(project):
    (project.root / "docs" / "kontribusi").mkdir(parents=True)
    (project.root / "docs" / "kontribusi" / "index.md").write_text("# Kontribusi\n\n## Langkah pertama\n")
    (project.root / "docs" / "assets").mkdir()
    (project.root / "docs" / "assets" / "peta.png").write_bytes(b"png")
    _with_body(
        project,
        "\nLihat [glosarium](../glosarium.md#surat-tanda-registrasi), [pasal](../hukum/uu-2019-14.md#pasal-43),"
        " [bagian ini](#mengapa-penting), [diri](kerahasiaan.md#langkah-1), [peta](../assets/peta.png),"
        " [kontribusi](../kontribusi/index.md#langkah-pertama), [skema](../schema/pedoman.schema.json),"
        " [luar](https://contoh.org/) dan [surel](mailto:a@example.org).\n",
    )
    assert _problems(project) == []


def test_windows_style_link_is_reported_at_its_line(project):
    _with_body(project, "\nBaca [pasal](..\\hukum\\uu-2019-14.md).\n")
    [(where, code, text)] = _problems(project)
    line = BODY_LINE + GUIDELINE.split("---\n", 2)[2].count("\n") + 1
    assert where == f"guidelines/etika-klien/kerahasiaan.md:{line}:14" and code == "broken-link"
    assert "garis miring terbalik" in text and "`../hukum/uu-2019-14.md`" in text


def test_missing_page_anchor_absolute_and_folder_links(project):
    _with_body(
        project,
        "\n[a](tidak-ada.md) [b](../glosarium.md#tidak-ada) [c](/glosarium/) [d](../glosarium/) [e](../../luar.md)"
        " [f](../gambar/x.png)\n",
    )
    found = {text.split("`")[1]: text for _, _, text in _problems(project)}
    assert set(found) == {
        "tidak-ada.md",
        "../glosarium.md#tidak-ada",
        "/glosarium/",
        "../glosarium/",
        "../../luar.md",
        "../gambar/x.png",
    }
    assert "tidak ada" in found["tidak-ada.md"]
    assert "jangkar `#tidak-ada`" in found["../glosarium.md#tidak-ada"]
    assert "sub-folder" in found["/glosarium/"] and "`../glosarium.md`" in found["/glosarium/"]
    assert "luring" in found["../glosarium/"] and "`../glosarium.md`" in found["../glosarium/"]
    assert "luar situs" in found["../../luar.md"]


def test_links_in_recommendations_and_glossary_definitions(project):
    source = GUIDELINE.format(id="kerahasiaan").replace("teks: Jaga kerahasiaan klien.", "teks: Lihat [x](hilang.md).")
    project.write("guidelines/etika-klien/kerahasiaan.md", source)
    project.write("glossary/klien.yaml", "istilah: Klien\ndefinisi: Penerima layanan, lihat [y](..\\hukum.md).\n")
    where = {w.split(":")[0]: (w, text) for w, _, text in _problems(project)}
    assert where["guidelines/etika-klien/kerahasiaan.md"][0] == "guidelines/etika-klien/kerahasiaan.md:15:11"
    assert where["glossary/klien.yaml"][0] == "glossary/klien.yaml:2:11"


def test_hand_written_docs_pages_are_checked_too(project):
    (project.root / "docs" / "kontribusi").mkdir(parents=True)
    (project.root / "docs" / "kontribusi" / "index.md").write_text("# K\n\nLihat [x](../hilang.md).\n")
    [(where, _, _)] = _problems(project)
    assert where == "docs/kontribusi/index.md:3:11"


def test_docs_layout_warnings(project):
    project.write("mkdocs.yml", "site_name: Uji\nvalidation:\n  omitted_files: warn\n")
    (project.root / "docs" / "kontribusi").mkdir(parents=True)
    (project.root / "docs" / "kontribusi" / "index.md").write_text("# K\n")
    (project.root / "docs" / "kontribusi" / "README.md").write_text("# R\n")
    (project.root / "docs" / "lain.md").write_text("# L\n")
    report = build_guide(project.root).report
    assert {(d.code, str(d.primary)) for d in report.warnings} == {
        ("docs-conflict", "docs/kontribusi/README.md"),
        ("not-in-nav", "docs/lain.md"),
    }
    assert report.errors == []


def test_page_set_known_without_rendering_is_the_rendered_one(project):
    # `check` knows which pages exist without rendering them; the list must not drift from the pages.
    from panduan.render import Renderer, render_pages

    result = build_guide(project.root)
    rendered = render_pages(result)
    renderer = Renderer(result)
    assert renderer.page_paths() == [p.path for p in rendered]
    guideline, glossary = "etika-klien/kerahasiaan.md", "glosarium.md"
    by_path = {p.path: p.content for p in rendered}
    assert renderer.page(guideline).content == by_path[guideline]
    assert renderer.page(glossary).content == by_path[glossary]
    assert renderer.page("tidak-ada.md") is None


def test_anchor_in_another_guideline_is_checked_against_that_page(project):
    project.write("guidelines/etika-klien/lain.md", GUIDELINE.format(id="lain"))
    _with_body(project, "\n[ada](lain.md#langkah-1) dan [tidak](lain.md#langkah-99).\n")
    found = [text for _, _, text in _problems(project)]
    assert len(found) == 1 and "`lain.md#langkah-99`" in found[0] and "jangkar `#langkah-99`" in found[0]
