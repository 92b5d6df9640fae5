"""`panduan pdf --wilayah banten` on a small project: the handbook and booklets carry Banten's
overlays in place, the national text is all there unchanged, and the cover says "Edisi Banten".
Read back from the PDFs with pypdf, as a trainer's printout would show them."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from panduan.build import build_guide
from panduan.cli import main
from panduan.pdf import pdf_command
from tests.unit.test_regions import OVERLAY, with_region

pytestmark = pytest.mark.slow

STEP_OVERLAY = (
    OVERLAY.replace("id: tokoh-setempat", "id: simpan-di-kantor-desa")
    .replace("jenis: konteks", "jenis: ubah-langkah")
    .replace("  pedoman: kerahasiaan", "  pedoman: kerahasiaan\n  langkah: 1")
    .replace("judul: Tokoh setempat tidak berhak atas isi kasus", "judul: Lemari terkunci di kantor desa")
    .replace(
        "teks: Kyai dan tokoh adat berpengaruh, tetapi pengaruh itu tidak membuka kerahasiaan klien.",
        "teks: Bila tidak punya lemari sendiri, titipkan map tersegel di kantor desa.",
    )
)


def squeeze(text: str) -> str:
    """Text without line breaks, hyphenation or spaces: what a reader sees, however it wrapped."""
    return re.sub(r"[\s\-\u00ad]+", "", text).casefold()


def pdf_text(path: Path) -> str:
    return squeeze("\n".join(page.extract_text() for page in PdfReader(path).pages))


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    from tests.conftest import Project

    project = Project(tmp_path_factory.mktemp("proyek") / "p")
    with_region(project)
    project.write("wilayah/banten/simpan-di-kantor-desa.yaml", STEP_OVERLAY)
    national, banten = project.root / "dist", project.root / "dist-banten"
    with contextlib.redirect_stderr(io.StringIO()):
        assert pdf_command(root=project.root, out=national) == 0
        assert pdf_command(root=project.root, out=banten, region="banten") == 0
    return project.root, national, banten


def test_cover_and_files_say_banten_edition(editions):
    _, national, banten = editions
    assert sorted(p.name for p in banten.glob("*.pdf")) == [
        "buku-saku-pekerja-sosial-banten.pdf",
        "buku-saku-pendamping-banten.pdf",
        "panduan-praktik-banten.pdf",
        "penilaian-diri-pekerja-sosial-banten.pdf",
        "penilaian-diri-pendamping-banten.pdf",
    ]
    cover = squeeze(PdfReader(banten / "panduan-praktik-banten.pdf").pages[0].extract_text())
    assert squeeze("Edisi Banten") in cover
    assert squeeze("Edisi Banten") not in squeeze(PdfReader(national / "panduan-praktik.pdf").pages[0].extract_text())


def test_national_text_unchanged_and_overlays_merged(editions):
    root, national, banten = editions
    g = build_guide(root).guide.guidelines["kerahasiaan"]
    national_text = [g.judul, g.ringkasan, *(r.teks for r in g.rekomendasi), *(s.teks for s in g.langkah)]
    overlays = ["Kyai dan tokoh adat berpengaruh", "titipkan map tersegel di kantor desa", "Provinsi Banten"]
    handbook = pdf_text(banten / "panduan-praktik-banten.pdf")
    plain = pdf_text(national / "panduan-praktik.pdf")
    for sentence in national_text:
        assert squeeze(sentence) in handbook and squeeze(sentence) in plain
    for sentence in overlays:
        assert squeeze(sentence) in handbook
        assert squeeze(sentence) not in plain
    # In place: the adapted wording follows its step, before the next one.
    first, second = squeeze(g.langkah[0].teks), squeeze(g.langkah[1].teks)
    assert handbook.index(first) < handbook.index(squeeze("titipkan map tersegel")) < handbook.index(second)


def test_booklet_carries_the_overlay_of_its_role(editions):
    _, _, banten = editions
    booklet = pdf_text(banten / "buku-saku-pendamping-banten.pdf")
    assert squeeze("titipkan map tersegel di kantor desa") in booklet
    assert squeeze("Edisi Banten") in booklet


def test_unknown_region_is_one_clear_error(editions, capsys):
    root, _, _ = editions
    code = main(["--root", str(root), "pdf", "--wilayah", "papua", "--out", str(root / "x")])
    err = capsys.readouterr().err
    assert code == 1 and "wilayah `papua` tidak dikenal" in err and "`banten`" in err
    assert not (root / "x").exists()
