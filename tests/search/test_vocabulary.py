"""registry/kosakata.yaml and `kata_kunci`: checked by `panduan check`, indexed by search."""

from __future__ import annotations

from pathlib import Path

from panduan.build import build_guide
from panduan.cli import main
from panduan.search.documents import SiteSettings, search_documents
from panduan.search.index import build_lunr, search
from panduan.search.query import site_pages
from panduan.search.vocabulary import Vocabulary, load_registry

REPO = Path(__file__).resolve().parents[2]


def _check(project, capsys) -> tuple[int, str]:
    code = main(["--root", str(project.root), "check"])
    return code, capsys.readouterr().err


def test_real_vocabulary_is_valid():
    registry, problems = load_registry(REPO)
    assert registry is not None and not problems
    assert len(registry.kosakata) >= 40


def test_duplicate_word_names_both_places(project, capsys):
    project.write(
        "registry/kosakata.yaml",
        "kosakata:\n"
        "  - kata: [privasi, curhat]\n"
        "    pedoman: [kerahasiaan]\n"
        "  - kata: [Curhat]\n"
        "    padanan: [kerahasiaan klien]\n",
    )
    code, err = _check(project, capsys)
    assert code == 1
    assert "registry/kosakata.yaml:4:12: galat: kata “Curhat” sudah ditulis di entri lain" in err
    assert "registry/kosakata.yaml:2:21: lokasi terkait" in err


def test_unknown_guideline_and_absent_word(project, capsys):
    project.write(
        "registry/kosakata.yaml",
        "kosakata:\n"
        "  - kata: [privasi]\n"
        "    pedoman: [kerahasiaan-klienn]\n"
        "  - kata: [burnout]\n"
        "    padanan: [kelelahan kerja]\n",
    )
    code, err = _check(project, capsys)
    assert code == 1
    assert "registry/kosakata.yaml:3:15: galat: pedoman `kerahasiaan-klienn` tidak ada." in err
    assert "registry/kosakata.yaml:5:15: galat: padanan “kelelahan kerja” tidak ditemukan di panduan" in err


def test_entry_needs_a_meaning_and_inflected_padanan_counts(project, capsys):
    project.write("registry/kosakata.yaml", "kosakata:\n  - kata: [privasi]\n")
    code, err = _check(project, capsys)
    assert code == 1 and "registry/kosakata.yaml:2:5" in err and "`pedoman`" in err
    # "merahasiakan" is not in the guide, but its stem is ("kerahasiaan"): presence is by stems.
    project.write("registry/kosakata.yaml", "kosakata:\n  - kata: [privasi]\n    padanan: [merahasiakan klien]\n")
    code, err = _check(project, capsys)
    assert code == 0, err


def test_glossary_form_is_a_warning(project, capsys):
    project.write("registry/kosakata.yaml", "kosakata:\n  - kata: [STR]\n    padanan: [registrasi]\n")
    _code, err = _check(project, capsys)
    assert "peringatan: kata “STR” sudah menjadi bentuk lain istilah glosarium `surat-tanda-registrasi`" in err


def test_kata_kunci_is_indexed_not_shown(project):
    text = (project.root / "guidelines/etika-klien/kerahasiaan.md").read_text(encoding="utf-8")
    project.write(
        "guidelines/etika-klien/kerahasiaan.md",
        text.replace("status: berlaku", "kata_kunci: [aib keluarga]\nstatus: berlaku"),
    )
    project.write(
        "registry/kosakata.yaml",
        "kosakata:\n  - kata: [curhat]\n    pedoman: [kerahasiaan]\n  - kata: [privasi]\n    padanan: [lemari terkunci]\n",
    )
    result = build_guide(project.root)
    assert not result.report.errors, [d.text() for d in result.report.sorted()]
    assert Vocabulary.load(result.guide).keywords_of("kerahasiaan") == "aib keluarga curhat"
    settings = SiteSettings(docs_dir=project.root / "docs")
    pages = site_pages(result, settings)
    page = next(p for p in pages if p.path.endswith("kerahasiaan.md"))
    assert "aib" not in page.content and "curhat" not in page.content
    docs = search_documents(result, pages, settings)
    by_location = {d["location"]: d for d in docs}
    index = build_lunr(docs)
    for query in ("aib", "curhat", "privasi"):
        hits = search(index, by_location, query)
        assert hits and hits[0].parent == "etika-klien/kerahasiaan/", (query, hits)
    # The padanan's document gets the word, not the whole page.
    assert "privasi" in by_location["etika-klien/kerahasiaan/#langkah-1"]["sinonim"]
    assert "privasi" not in by_location["etika-klien/kerahasiaan/#langkah-2"]["sinonim"]
