"""A guide too large for one book is printed in volumes (jilid): each a whole book with its own
cover, contents, glossary and article appendix, chapters numbered as in the whole guide."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from panduan.build import build_guide
from panduan.pdf import pdf_command
from panduan.pdf.document import volume_file, volumes
from tests.conftest import GUIDELINE
from tests.pdf.test_pdf import link_targets, normalize, resolve

pytestmark = pytest.mark.slow


def _guideline(project: Any, gid: str, topic: str, title: str) -> None:
    text = GUIDELINE.format(id=gid).replace("topik: etika-klien", f"topik: {topic}")
    text = text.replace("judul: Menjaga kerahasiaan klien", f"judul: {title}").replace("simpan-catatan", f"tugas-{gid}")
    project.write(f"guidelines/{topic}/{gid}.md", text)


@pytest.fixture
def two_topics(project: Any) -> Any:
    _guideline(project, "rapat-koordinasi", "koordinasi", "Rapat koordinasi antarpetugas")
    return project


def _text(path: Path) -> str:
    return normalize(" ".join(page.extract_text() or "" for page in PdfReader(path).pages))


def test_a_guide_larger_than_a_volume_is_printed_in_volumes(two_topics, tmp_path, capsys):
    out = tmp_path / "dist"
    code = pdf_command(root=two_topics.root, out=out, site_url=None, config=None, volume_guidelines=1)
    assert code == 0, capsys.readouterr().err
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    books = [e for e in manifest if e["kind"] == "buku-panduan"]
    names = ["panduan-praktik-jilid-1.pdf", "panduan-praktik-jilid-2.pdf", "panduan-praktik-jilid-3.pdf"]
    assert [b["file"] for b in books] == names
    assert not (out / "panduan-praktik.pdf").exists()
    assert "Jilid 2 dari 3" in books[1]["title"] and books[1]["description"].startswith("Bab 2: Koordinasi")
    assert "Lampiran" in books[2]["title"]

    first, second, appendix = (_text(out / name) for name in names)
    assert "jilid 1 dari 3" in first and "jilid 2 dari 3" in second
    assert "bab 1 etika dan hak klien" in first and "rapat koordinasi antarpetugas" not in first
    # Chapters keep the number they have in the whole guide.
    assert "bab 2 koordinasi" in second and "bab 1" not in second
    assert "rapat koordinasi antarpetugas" in second
    # Glossary and articles are printed once, in the last volume, which names each citing
    # guideline's volume; the chapter volumes point there.
    assert "lampiran a glosarium" not in first and "jilid 3 (lampiran)" in first
    assert "surat tanda registrasi" in appendix and "bukti tertulis registrasi" in appendix
    assert "pasal 43" in appendix and "menjaga kerahasiaan klien (jilid 1)" in appendix
    for name in names:
        reader = PdfReader(out / name)
        for index, dest in link_targets(reader):
            assert resolve(reader, dest) is not None, f"{name} page {index + 1}: {dest!r} goes nowhere"


def test_a_guide_within_the_limit_stays_one_book(two_topics, tmp_path, capsys):
    out = tmp_path / "dist"
    assert pdf_command(root=two_topics.root, out=out, site_url=None, config=None, volume_guidelines=2) == 0
    text = _text(out / "panduan-praktik.pdf")
    assert "jilid" not in text and "bab 2 koordinasi" in text
    assert not list(out.glob("panduan-praktik-jilid-*.pdf"))


def test_the_limit_comes_from_mkdocs_yml_and_is_checked(two_topics, tmp_path, capsys):
    config = two_topics.write("mkdocs.yml", "site_name: Uji\nextra:\n  buku_panduan_maks_pedoman: nol\n")
    out = tmp_path / "dist"
    assert pdf_command(root=two_topics.root, out=out, site_url=None, config=config) == 1
    err = capsys.readouterr().err
    assert "buku_panduan_maks_pedoman" in err and "tidak sah" in err and "Traceback" not in err
    assert not out.exists()
    two_topics.write("mkdocs.yml", "site_name: Uji\nextra:\n  buku_panduan_maks_pedoman: 1\n")
    assert pdf_command(root=two_topics.root, out=out, site_url=None, config=config) == 0
    assert (out / "panduan-praktik-jilid-3.pdf").is_file()


def test_chapters_stay_whole_unless_larger_than_a_volume(two_topics):
    for n in range(3):
        _guideline(two_topics, f"koordinasi-{n}", "koordinasi", f"Koordinasi {n}")
    guide = build_guide(two_topics.root).guide
    published = [g for t in guide.topics for g in guide.in_topic(t, include_withdrawn=False)]
    topics = [[g.topik for g in part] for part in volumes(published, 3)]
    assert topics == [["etika-klien"], ["koordinasi"] * 3, ["koordinasi"]]  # 1 + 4 guidelines, 3 a volume
    assert [len(part) for part in volumes(published, 5)] == [5]
    assert [[g.topik for g in part] for part in volumes(published, 4)] == [["etika-klien"], ["koordinasi"] * 4]


def test_volume_files_sort_in_reading_order():
    names = [volume_file(n, 12) for n in range(1, 13)]
    assert names == sorted(names) and names[0] == "panduan-praktik-jilid-01.pdf"
    assert re.fullmatch(r"panduan-praktik-jilid-\d\.pdf", volume_file(3, 9))
