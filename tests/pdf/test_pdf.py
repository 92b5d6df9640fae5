"""The PDF stage on the real guide: structure, page references, fonts, links and role booklets.

The real guide is rendered once per module (about a minute on two cores); small-project cases
check the error path and the per-guideline PDFs.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

from panduan.build import build_guide
from panduan.pdf import pdf_command

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
SITE = "https://contoh.example.org/panduan/"
A4 = (595.28, 841.89)
A5 = (419.53, 595.28)


# ---------------------------------------------------------------------------------------------
# Fixtures and helpers


class Built:
    def __init__(self, out: Path, code: int, stderr: str, result: Any) -> None:
        self.out, self.code, self.stderr = out, code, stderr
        self.result = result
        self.guide = result.guide
        self.manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        self._readers: dict[str, PdfReader] = {}

    def reader(self, name: str) -> PdfReader:
        if name not in self._readers:
            self._readers[name] = PdfReader(self.out / name)
        return self._readers[name]

    def published(self) -> list[Any]:
        return [g for t in self.guide.topics for g in self.guide.in_topic(t, include_withdrawn=False)]

    def booklets(self) -> list[dict[str, str]]:
        return [e for e in self.manifest if e.get("kind") == "buku-saku"]

    def text(self, name: str) -> str:
        reader = self.reader(name)
        return normalize(" ".join(page.extract_text() for page in reader.pages))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    out = tmp_path_factory.mktemp("dist")
    result = build_guide(REPO)  # the expectations; the sources must not change during the run
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        code = pdf_command(root=REPO, out=out, per_guideline=False, site_url=SITE, config=REPO / "mkdocs.yml")
    return Built(out, code, stderr.getvalue(), result)


def normalize(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def squash(text: str) -> str:
    """Text without spaces and hyphens: a phrase is found even when the layout broke its line."""
    return re.sub(r"[\s\-\u00ad\u2010]+", "", text).casefold()


def outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(level, title, page index) of every bookmark, depth first."""
    items: list[tuple[int, str, int]] = []

    def walk(nodes: list[Any], level: int) -> None:
        for node in nodes:
            if isinstance(node, list):
                walk(node, level + 1)
            else:
                items.append((level, str(node.title), reader.get_destination_page_number(node)))

    walk(reader.outline, 1)
    return items


def page_text(reader: PdfReader, index: int) -> str:
    return normalize(reader.pages[index].extract_text() or "")


def fonts_of(resources: Any, seen: set[int]) -> list[DictionaryObject]:
    """Every font dictionary in a resource dictionary, following form XObjects."""
    resources = resources.get_object() if resources is not None else None
    if not isinstance(resources, DictionaryObject) or id(resources) in seen:
        return []
    seen.add(id(resources))
    fonts = [f.get_object() for f in (resources.get("/Font") or {}).values()]
    for xobject in (resources.get("/XObject") or {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form":
            fonts += fonts_of(xobject.get("/Resources"), seen)
    return fonts


def embedded(font: DictionaryObject) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True  # glyphs are drawn by content streams inside the PDF itself
    if font.get("/Subtype") == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return False
    descriptor = descriptor.get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def link_targets(reader: PdfReader) -> list[tuple[int, Any]]:
    """(page index, destination) of every internal link annotation."""
    targets = []
    for index, page in enumerate(reader.pages):
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            dest = annot.get("/Dest")
            action = annot.get("/A")
            if dest is None and action is not None:
                action = action.get_object()
                if action.get("/S") == "/GoTo":
                    dest = action.get("/D")
                elif action.get("/S") == "/URI":
                    continue
            assert dest is not None, f"link without destination on page {index + 1}"
            targets.append((index, dest))
    return targets


def resolve(reader: PdfReader, dest: Any) -> int | None:
    """The page index a destination points to, or None."""
    if isinstance(dest, IndirectObject):
        dest = dest.get_object()
    if isinstance(dest, (str, NameObject)) or hasattr(dest, "original_bytes"):
        named = reader.named_destinations.get(str(dest))
        return reader.get_destination_page_number(named) if named is not None else None
    if isinstance(dest, ArrayObject) and dest:
        page_ref = dest[0]
        for index, page in enumerate(reader.pages):
            if page.indirect_reference == page_ref:
                return index
    return None


# ---------------------------------------------------------------------------------------------
# The run itself


def test_command_succeeds_without_warnings(built: Built) -> None:
    assert built.code == 0, built.stderr
    assert "Traceback" not in built.stderr
    assert "peringatan WeasyPrint" not in built.stderr, built.stderr
    assert "panduan-praktik.pdf" in built.stderr  # time and size are reported per file


def test_manifest_lists_every_written_pdf(built: Built) -> None:
    files = {e["file"] for e in built.manifest}
    assert "panduan-praktik.pdf" in files
    on_disk = {p.relative_to(built.out).as_posix() for p in built.out.rglob("*.pdf")}
    assert files == on_disk
    for entry in built.manifest:
        assert entry["title"] and entry["description"]
    roles = {e["role"] for e in built.booklets()}
    assert roles, "no role booklet was written"
    for role_id in roles:
        assert not built.guide.roles[role_id].induk, "booklets are for top-level roles"
        assert f"buku-saku-{role_id}.pdf" in files


def test_no_temporary_files_left(built: Built) -> None:
    leftovers = [p.name for p in built.out.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []


# ---------------------------------------------------------------------------------------------
# Handbook


def test_handbook_page_count_is_plausible(built: Built) -> None:
    reader = built.reader("panduan-praktik.pdf")
    assert len(built.published()) < len(reader.pages) < 400


def test_handbook_is_a4_except_landscape_matrix(built: Built) -> None:
    reader = built.reader("panduan-praktik.pdf")
    for page in reader.pages:
        size = sorted((float(page.mediabox.width), float(page.mediabox.height)))
        assert size == pytest.approx(sorted(A4), abs=1)


def test_outline_has_every_topic_and_guideline(built: Built) -> None:
    reader = built.reader("panduan-praktik.pdf")
    items = outline(reader)
    level1 = [title for level, title, _ in items if level == 1]
    level2 = [title for level, title, _ in items if level == 2]
    for topic_id, topic in built.guide.topics.items():
        if built.guide.in_topic(topic_id, include_withdrawn=False):
            assert any(topic.judul in title for title in level1), topic.judul
    for g in built.published():
        assert g.judul in level2, g.judul
    assert any("Glosarium" in t for t in level1)
    assert any("UU 14/2019" in t for t in level1)
    assert any("RACI" in t for t in level1)


def test_toc_page_numbers_match_headings(built: Built) -> None:
    reader = built.reader("panduan-praktik.pdf")
    items = outline(reader)
    starts = [page for level, _, page in items if level == 1]
    toc_start = next(page for level, title, page in items if level == 1 and title == "Daftar Isi")
    toc_end = min(p for p in starts if p > toc_start)
    toc = normalize(" ".join(reader.pages[i].extract_text() for i in range(toc_start, toc_end)))

    expected: list[tuple[str, str]] = []
    for number, (topic_id, topic) in enumerate(
        ((t, v) for t, v in built.guide.topics.items() if built.guide.in_topic(t, include_withdrawn=False)), 1
    ):
        expected.append((f"Bab {number} {topic.judul}", f"bab-{topic_id}"))
        expected += [(g.judul, f"pedoman-{g.id}") for g in built.guide.in_topic(topic_id, include_withdrawn=False)]

    destinations = reader.named_destinations
    for title, anchor in expected:
        match = re.search(re.escape(normalize(title)) + r"\s*(?:\.\s*){2,}(\d+)", toc)
        assert match, f"TOC has no entry with a page number for {title!r}"
        printed = int(match.group(1))
        assert 1 <= printed <= len(reader.pages)
        assert normalize(title) in page_text(reader, printed - 1), f"{title!r} is not on page {printed}"
        assert reader.get_destination_page_number(destinations[anchor]) == printed - 1, title


def test_strength_is_printed_as_words(built: Built) -> None:
    reader = built.reader("panduan-praktik.pdf")
    text = " ".join(reader.pages[i].extract_text() for i in range(len(reader.pages)))
    strengths = {r.kekuatan for g in built.published() for r in g.rekomendasi}
    for strength in strengths:
        assert strength.upper() in text


def test_guidelines_carry_their_online_address(built: Built) -> None:
    reader = built.reader("panduan-praktik.pdf")
    text = re.sub(r"\s+", "", " ".join(reader.pages[i].extract_text() for i in range(len(reader.pages))))
    for g in built.published():
        assert f"{SITE}{g.topik}/{g.id}/" in text, g.id
    captions = normalize(" ".join(reader.pages[i].extract_text() for i in range(len(reader.pages)))).count(
        "pindai untuk versi daring"
    )
    assert captions == len(built.published()), "every guideline has a QR code with its caption"


def test_handbook_metadata(built: Built) -> None:
    reader = built.reader("panduan-praktik.pdf")
    root = reader.trailer["/Root"]
    assert root.get("/Lang") == "id"
    assert reader.metadata.title == "Panduan Praktik"


# ---------------------------------------------------------------------------------------------
# Every document


def test_every_font_is_embedded(built: Built) -> None:
    for entry in built.manifest:
        reader = built.reader(entry["file"])
        for index, page in enumerate(reader.pages):
            for font in fonts_of(page.get("/Resources"), set()):
                assert embedded(font), f"{entry['file']} page {index + 1}: {font.get('/BaseFont')} is not embedded"


def test_internal_links_resolve(built: Built) -> None:
    for entry in built.manifest:
        reader = built.reader(entry["file"])
        targets = link_targets(reader)
        if entry.get("kind") in ("cetak-lipat", "penilaian-diri"):
            continue  # paper only (imposed sheets), or one sheet without cross-references
        assert targets, f"{entry['file']} has no internal links"
        for index, dest in targets:
            page = resolve(reader, dest)
            assert page is not None and 0 <= page < len(reader.pages), (
                f"{entry['file']} page {index + 1}: link to {dest!r} goes nowhere"
            )


# ---------------------------------------------------------------------------------------------
# Role booklets


BOOKLET_SECTIONS = [
    "Tugas saya",
    "Yang tidak boleh saya lakukan",
    "Kapan dan ke mana merujuk",
    "Kewajiban menurut hukum",
    "Daftar periksa per situasi",
    "Istilah penting",
    "Kontak setempat",
]


def test_booklets_for_the_three_main_roles_fit_in_40_pages(built: Built) -> None:
    pages = {e["role"]: len(built.reader(e["file"]).pages) for e in built.booklets()}
    for role in ("pekerja-sosial", "pendamping", "relawan"):
        assert 8 < pages[role] <= 40, pages


def test_booklets_hold_their_sections_and_no_prose_chapters(built: Built) -> None:
    for entry in built.booklets():
        reader = built.reader(entry["file"])
        role = built.guide.roles[entry["role"]]
        level1 = [title for level, title, _ in outline(reader) if level == 1]
        assert [t for t in level1 if t != "Daftar Isi"] == [
            *BOOKLET_SECTIONS[:5],
            "Lampiran A Glosarium",
            BOOKLET_SECTIONS[6],
        ], entry["file"]
        text = built.text(entry["file"])
        assert squash(f"Buku Saku {role.nama}") in squash(reader.pages[0].extract_text())
        assert not any(name.startswith("pedoman-") for name in reader.named_destinations), "no guideline chapters"
        assert "mengapa ini penting" not in text  # the guidelines' prose headings
        assert "lampiran b" not in text  # no law appendix either


def test_booklet_content_comes_from_the_roles_view(built: Built) -> None:
    from panduan.booklet import pocket_view

    for entry in built.booklets():
        pocket = pocket_view(built.result, entry["role"])
        text = squash(built.text(entry["file"]))
        for group in pocket.task_groups:
            assert squash(group.title) in text
            for line in group.lines:
                assert squash(line.task.nama) in text, line.task.nama
        for kind in pocket.barred:
            assert squash(kind.nama) in text
        for situation in pocket.situations:
            assert squash(situation.guideline.judul) in text
        reader = built.reader(entry["file"])
        anchors = {name for name in reader.named_destinations if name.startswith("istilah-")}
        assert anchors == {f"istilah-{t}" for t in pocket.terms}, entry["file"]
        assert "pindaiuntukpanduanlengkap" in text  # site URL set: QR code on the cover


def test_binding_rules_follow_their_scope_in_print(built: Built) -> None:
    r2 = normalize(built.guide.guidelines["kekerasan-dalam-rumah-tangga"].rekomendasi[1].teks)
    by_role = {e["role"]: built.text(e["file"]) for e in built.booklets()}
    assert r2[:80] in by_role["pekerja-sosial"]
    assert r2[:80] not in by_role["pendamping"] and r2[:80] not in by_role["relawan"]


def test_imposed_booklets_are_in_folding_order(built: Built) -> None:
    from panduan.pdf.imposition import padded
    from tests.unit.test_imposition import halves

    printed = [e for e in built.manifest if e.get("kind") == "cetak-lipat"]
    assert {e["role"] for e in printed} == {e["role"] for e in built.booklets()}
    for entry in printed:
        booklet = built.reader(f"buku-saku-{entry['role']}.pdf")
        count = len(booklet.pages)
        n = padded(count)
        sides = built.reader(entry["file"]).pages
        assert len(sides) == n // 2
        for k, side in enumerate(sides):
            assert float(side.mediabox.width) > float(side.mediabox.height), "A4 landscape"
            left, right = (normalize(t) for t in halves(side))
            sheet, back = divmod(k, 2)
            expected = (2 * sheet + 1, n - 2 - 2 * sheet) if back else (n - 1 - 2 * sheet, 2 * sheet)
            for half, index in zip((left, right), expected, strict=True):
                if index >= count:
                    assert half == "", f"{entry['file']} side {k + 1}: blank page expected"
                elif index > 0:  # the cover has no footer
                    assert f"halaman {index + 1} dari {count}" in half, (entry["file"], k, index)


def test_self_assessment_sheets(built: Built) -> None:
    sheets = {e["role"]: e for e in built.manifest if e.get("kind") == "penilaian-diri"}
    assert set(sheets) == {"pekerja-sosial", "pendamping", "relawan"}
    for role, entry in sheets.items():
        reader = built.reader(entry["file"])
        assert len(reader.pages) <= 3
        text = built.text(entry["file"])
        assert "pasal 17" in text and "bukan standar kompetensi resmi" in text
        for title in ("pengetahuan", "keterampilan", "nilai", "sudah mampu"):
            assert title in text
        assert normalize("Menjaga kerahasiaan klien") in text
        assert ("melakukan asesmen profesional" in text) == (role == "pekerja-sosial")


def test_booklets_are_a5(built: Built) -> None:
    for entry in built.booklets():
        for page in built.reader(entry["file"]).pages:
            assert float(page.mediabox.width) == pytest.approx(A5[0], abs=1.5)
            assert float(page.mediabox.height) == pytest.approx(A5[1], abs=1.5)


# ---------------------------------------------------------------------------------------------
# Small projects: the error path and per-guideline PDFs


def test_bad_input_writes_nothing(project: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project.write("guidelines/etika-klien/rusak.md", "---\nid: rusak\njudul: Rusak\n---\nIsi.\n")
    out = tmp_path / "dist"
    code = pdf_command(root=project.root, out=out, per_guideline=True, site_url=None, config=None)
    err = capsys.readouterr().err
    assert code == 1
    assert not out.exists()
    assert "rusak.md" in err and "Traceback" not in err


def test_booklet_over_its_page_limit_fails_and_keeps_the_last_good_dist(
    project: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "dist"
    out.mkdir()
    (out / "panduan-praktik.pdf").write_bytes(b"%PDF-1.7 edisi lama")
    (out / "manifest.json").write_text("[]", encoding="utf-8")
    code = pdf_command(root=project.root, out=out, site_url=None, config=None, booklet_pages=5)
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err
    message = next(line for line in err.splitlines() if line.startswith("GALAT: buku-saku-"))
    assert re.search(r"buku-saku-\S+\.pdf berisi \d+ halaman, lebih dari batas 5 halaman buku saku", message), message
    assert "Bagian terpanjang:" in message and "--maks-halaman-saku" in message
    assert "Isi dist/ yang lama tidak diubah" in message
    assert (out / "panduan-praktik.pdf").read_bytes() == b"%PDF-1.7 edisi lama"
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "panduan-praktik.pdf"]


def test_page_limit_from_mkdocs_yml_is_checked(
    project: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = project.root / "mkdocs.yml"
    config.write_text("site_name: Uji\nextra:\n  buku_saku_maks_halaman: empat puluh\n", encoding="utf-8")
    code = pdf_command(root=project.root, out=tmp_path / "dist", site_url=None, config=config)
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert "batas halaman buku saku `empat puluh` tidak sah" in err and "buku_saku_maks_halaman" in err
    assert not (tmp_path / "dist").exists()


def test_per_guideline_pdfs(project: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = (project.root / "guidelines/etika-klien/kerahasiaan.md").read_text(encoding="utf-8")
    project.write("guidelines/etika-klien/kerahasiaan.md", source.replace("status: berlaku", "status: draf"))
    withdrawn = source.replace("status: berlaku", "status: dicabut").replace("id: kerahasiaan", "id: lama")
    project.write("guidelines/etika-klien/lama.md", withdrawn.replace("Menjaga kerahasiaan klien", "Pedoman lama"))
    out = tmp_path / "dist"
    code = pdf_command(root=project.root, out=out, per_guideline=True, site_url=None, config=None)
    err = capsys.readouterr().err
    assert code == 0, err
    manifest = {e["file"] for e in json.loads((out / "manifest.json").read_text(encoding="utf-8"))}
    assert "pedoman/kerahasiaan.pdf" in manifest
    assert "pedoman/lama.pdf" not in manifest  # withdrawn guidelines are not printed
    reader = PdfReader(out / "pedoman" / "kerahasiaan.pdf")
    text = normalize(" ".join(p.extract_text() for p in reader.pages))
    assert "menjaga kerahasiaan klien" in text
    assert "versi daring" not in text  # no site_url: no address and no QR code
    assert "pasal 43" in text  # the inline citation's article is in the appendix
    assert "draf — belum berlaku" in text
    handbook = normalize(" ".join(p.extract_text() for p in PdfReader(out / "panduan-praktik.pdf").pages))
    assert "pedoman lama" not in handbook


def test_recommendations_show_whom_they_bind(built: Built) -> None:
    g = built.guide.guidelines["kerahasiaan-klien"]
    scoped = [r for r in g.rekomendasi if r.untuk]
    general = [r for r in g.rekomendasi if not r.untuk]
    assert scoped and general and all(r.untuk == ["pekerja-sosial"] for r in scoped if r.kekuatan == "wajib")
    handbook = built.reader("panduan-praktik.pdf")
    text = normalize(" ".join(p.extract_text() for p in handbook.pages))
    assert "untuk pekerja sosial" in text and "untuk semua peran pedoman ini" in text


# ---------------------------------------------------------------------------------------------
# Editions and changes


def test_edition_and_last_update_are_printed(built: Built) -> None:
    reader = built.reader("panduan-praktik.pdf")
    assert built.guide.edition.id in normalize(reader.pages[0].extract_text())  # the cover's "Edisi" line
    assert f"panduan praktik · edisi {built.guide.edition.id}" in normalize(
        reader.pages[1].extract_text()
    )  # running footer
    g = built.guide.guidelines["kerahasiaan-klien"]
    text = normalize(" ".join(page.extract_text() for page in reader.pages[:40]))
    assert "diperbarui 1 desember 2026" in text
    assert g.riwayat[-1].tanggal.isoformat() == "2026-12-01"
    assert all(
        f"Edisi {built.guide.edition.id}" in e["description"]
        for e in built.manifest
        if e["file"].endswith(".pdf") and e.get("kind") != "cetak-lipat"
    )
    label = f"edisi {built.guide.edition.id}, 1 desember 2026"  # registry/edisi.yaml's date
    for entry in built.manifest:
        assert label in normalize(
            built.reader(entry["file"]).pages[1 if len(built.reader(entry["file"]).pages) > 1 else 0].extract_text()
        ), entry["file"]


def test_changes_insert(project: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from panduan.cli import main

    project.write("registry/edisi.yaml", "edisi:\n  - id: '2026.1'\n    tanggal: 2026-12-01\n    catatan: Pertama.\n")
    path = project.root / "guidelines/etika-klien/kerahasiaan.md"
    source = path.read_text(encoding="utf-8").replace('versi: "1.0"', 'versi: "1.1"')
    source = source.replace(
        "    alasan: Pedoman baru.\n---",
        "    alasan: Pedoman baru.\n  - versi: '1.1'\n    tanggal: 2027-03-01\n    perubahan: R1 diperjelas.\n"
        "    alasan: Masukan dari pelatihan.\n    rekomendasi: [R1]\n---",
    )
    path.write_text(source, encoding="utf-8")
    out = tmp_path / "sisipan" / "perubahan-2026.1.pdf"
    code = main(["--root", str(project.root), "changes", "--since", "2026.1", "--pdf", str(out)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "Perubahan sejak edisi 2026.1" in captured.out
    reader = PdfReader(out)
    assert tuple(round(float(x), 2) for x in reader.pages[0].mediabox[2:]) == A4
    text = normalize(" ".join(p.extract_text() for p in reader.pages))
    assert "perubahan sejak edisi 2026.1 (1 desember 2026)" in text
    assert "r1 diperjelas" in text and "masukan dari pelatihan" in text
    assert "jaga kerahasiaan klien" in text  # the recommendation's current wording
    assert "uu 14/2019 pasal 42" in text  # its cited article, by name (the handbook has the summary)
    assert len(reader.pages) <= 2 and "ringkasan uu 14/2019" not in text  # an insert: no law appendix
    assert "edisi 2026.1" in text
    for index, dest in link_targets(reader):
        assert resolve(reader, dest) is not None, f"page {index + 1}: link to {dest!r} goes nowhere"
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # no temporary files left
