"""The UU 14/2019 dataset matches the verified facts, and citations check against it."""

from __future__ import annotations

import pytest

from panduan.law import CitationError, Law, Laws, parse_citation
from panduan.loader import check_law_structure
from panduan.schema import LawSource, validate
from panduan.sources import load_yaml
from tests.conftest import REPO


@pytest.fixture(scope="module")
def law() -> Law:
    file = load_yaml(REPO / "law" / "uu-14-2019.yaml", "law/uu-14-2019.yaml")
    source, problems = validate(LawSource, file)
    assert problems == []
    assert check_law_structure(source) == []
    return Law(source)


def test_identification(law):
    s = law.source
    assert (s.nomor, s.tahun, s.kode) == ("14", "2019", "UU14")
    assert "182" in s.lembaran_negara and "6397" in s.tambahan_lembaran_negara
    assert s.diundangkan.isoformat() == "2019-10-02" and s.disahkan.isoformat() == "2019-10-01"


def test_twelve_chapters_sixty_nine_articles_contiguous(law):
    assert len(law.source.bab) == 12
    assert sorted(law.pasal) == list(range(1, 70))
    owners = [sum(bab.first <= n <= bab.last for bab in law.source.bab) for n in range(1, 70)]
    assert owners == [1] * 69


def test_chapter_ranges_match_fact_sheet(law):
    ranges = [(b.nomor, b.first, b.last) for b in law.source.bab]
    assert ranges == [
        ("I", 1, 3), ("II", 4, 14), ("III", 15, 18), ("IV", 19, 27), ("V", 28, 40), ("VI", 41, 45),
        ("VII", 46, 48), ("VIII", 49, 50), ("IX", 51, 56), ("X", 57, 58), ("XI", 59, 62), ("XII", 63, 69),
    ]


def test_ayat_counts_present_and_known_values(law):
    assert all(p.ayat >= 0 and p.ringkasan for p in law.pasal.values())
    assert {n: law.pasal[n].ayat for n in (6, 16, 28, 30, 37, 44, 46)} == {6: 3, 16: 2, 28: 2, 30: 2, 37: 5, 44: 2, 46: 5}
    assert law.pasal[1].angka == 19


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("UU14 Pasal 70", "hanya memiliki Pasal 1–69"),
        ("UU14 Pasal 44 ayat 3", "hanya memiliki ayat (1)–(2)"),
        ("UU14 Pasal 42 ayat 1", "tidak dibagi atas ayat"),
        ("UU14 Pasal 42 huruf h", "hanya memiliki huruf a–g"),
        ("UU14 Pasal 1 angka 20", "hanya memiliki angka 1–19"),
        ("UU11 Pasal 1", "peraturan `UU11` tidak dikenal"),
        ("Pasal 42", "tidak dikenali"),
    ],
)
def test_bad_citations(law, text, message):
    with pytest.raises(CitationError) as info:
        Laws([law]).resolve(text)
    assert message in info.value.message + " " + info.value.hint


def test_citation_forms():
    assert parse_citation("UU14 Pasal 44 ayat (2)").ayat == 2
    cite = parse_citation("uu14 pasal 6 ayat 2 huruf C")
    assert (cite.kode, cite.pasal, cite.ayat, cite.huruf) == ("UU14", 6, 2, "c")
