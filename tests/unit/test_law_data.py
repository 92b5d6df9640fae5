"""The law corpus: every regulation's dataset is whole, and one citation grammar checks against all."""

from __future__ import annotations

import pytest

from panduan.law import CitationError, Law, Laws, parse_citation
from panduan.loader import check_law_structure
from panduan.schema import LawSource, validate
from panduan.sources import load_yaml
from tests.conftest import REPO

LAW_FILES = sorted((REPO / "law").glob("*.yaml"))


def _load(path) -> Law:
    file = load_yaml(path, f"law/{path.name}")
    source, problems = validate(LawSource, file)
    assert problems == [], [d.text() for d in problems]
    assert check_law_structure(source) == []
    return Law(source)


@pytest.fixture(scope="module")
def laws() -> Laws:
    return Laws([_load(p) for p in LAW_FILES])


@pytest.fixture(scope="module")
def law(laws) -> Law:
    return laws.get("UU 14/2019")


def test_uu14_identification(law):
    s = law.source
    assert (s.nomor, s.tahun, law.kode, s.alias) == ("14", "2019", "UU 14/2019", ["UU14"])
    assert "182" in s.lembaran_negara and "6397" in s.tambahan_lembaran_negara
    assert s.diundangkan.isoformat() == "2019-10-02" and s.disahkan.isoformat() == "2019-10-01"


def test_uu14_twelve_chapters_sixty_nine_articles(law):
    assert len(law.source.bab) == 12
    assert law.order == [str(n) for n in range(1, 70)]
    assert all(law.bab_of.get(n) for n in law.order)
    ranges = [(b.nomor, b.first, b.last) for b in law.source.bab]
    assert ranges == [
        ("I", "1", "3"),
        ("II", "4", "14"),
        ("III", "15", "18"),
        ("IV", "19", "27"),
        ("V", "28", "40"),
        ("VI", "41", "45"),
        ("VII", "46", "48"),
        ("VIII", "49", "50"),
        ("IX", "51", "56"),
        ("X", "57", "58"),
        ("XI", "59", "62"),
        ("XII", "63", "69"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("UU14 Pasal 70", "hanya memiliki Pasal 1–69"),
        ("UU14 Pasal 44 ayat 3", "hanya memiliki ayat (1)–(2)"),
        ("UU14 Pasal 42 ayat 1", "tidak dibagi atas ayat"),
        ("UU14 Pasal 42 huruf h", "hanya memiliki huruf a–g"),
        ("UU14 Pasal 1 angka 20", "hanya memiliki angka 1–19"),
        ("UU14 Pasal 6 ayat 2 huruf z", "tidak memiliki huruf z"),
        ("UU14 Pasal 44 ayat 2 huruf c", "hanya memiliki huruf a–b"),
        ("UU14 Pasal 42 versi UU 35/2014", "tidak pernah diubah"),
        ("UU 99/2099 Pasal 1", "peraturan `UU 99/2099` tidak dikenal"),
        ("Pasal 42", "tidak dikenali"),
    ],
)
def test_bad_citations(laws, text, message):
    with pytest.raises(CitationError) as info:
        laws.resolve(text)
    assert message in info.value.message + " " + info.value.hint


@pytest.mark.parametrize(
    "text", ["UU14 Pasal 9 huruf a", "UU14 Pasal 6 ayat 2 huruf h", "UU 14/2019 Pasal 44 ayat (1) huruf d"]
)
def test_good_citations(laws, text):
    laws.resolve(text)


def test_citation_forms():
    assert parse_citation("UU14 Pasal 44 ayat (2)").ayat == "2"
    cite = parse_citation("uu14 pasal 6 ayat 2 huruf C")
    assert (cite.kode, cite.pasal, cite.ayat, cite.huruf) == ("uu14", "6", "2", "c")
    cite = parse_citation("UU 23/2002 Pasal 76c versi UU 35/2014")
    assert (cite.kode, cite.pasal, cite.versi) == ("UU 23/2002", "76C", "UU 35/2014")
    assert parse_citation("UU 23/2002 Pasal 59 versi asli").versi == "asli"
    assert parse_citation("UU 35/2014 Pasal I angka 3").pasal == "I"
    assert parse_citation("UU 23/2002 Pasal 9 ayat (1a) versi UU 35/2014").ayat == "1a"


def test_inserted_ayat_and_angka_keep_their_printed_numbers(laws):
    provision = laws.provision("UU 23/2002 Pasal 1 angka 15a versi UU 35/2014")
    assert "Anak" in provision.unit.kutipan
    # the items after an inserted one continue the printed count, not the position
    assert "Setiap Orang" in laws.provision("UU 23/2002 Pasal 1 angka 16 versi UU 35/2014").unit.kutipan
    laws.resolve("UU 23/2002 Pasal 39 ayat 4a versi UU 35/2014")
    with pytest.raises(CitationError, match="tidak memiliki ayat \\(1b\\)"):
        laws.resolve("UU 23/2002 Pasal 9 ayat 1b versi UU 35/2014")


def _past(known: list[str], kind: str) -> str:
    """A label just after the last one: "h" after "g", "6" after "5" (or after "5a")."""
    if kind == "huruf":
        return chr(ord(known[-1]) + 1) if known else "a"
    numbers = [int("".join(c for c in k if c.isdigit())) for k in known]
    return str(max(numbers, default=0) + 1)


def _unit_citations(law: Law):
    """(citation, valid) for every unit the data records, and one just past each recorded list."""
    from panduan.law import labels

    def points(unit, prefix, suffix):
        for kind in ("huruf", "angka"):
            known = labels(getattr(unit, kind), kind)
            for label in known:
                yield f"{prefix} {kind} {label}{suffix}", True
            if known:
                yield f"{prefix} {kind} {_past(known, kind)}{suffix}", False

    for pasal in law.source.pasal:
        if pasal.dihapus:
            continue
        base = f"{law.kode} Pasal {pasal.nomor}"
        suffix = f" versi {pasal.diubah}" if pasal.diubah else ""
        yield base + suffix, True
        if not law.verified:
            continue
        known = labels(pasal.ayat, "ayat")
        for i, label in enumerate(known):
            yield f"{base} ayat {label}{suffix}", True
            if isinstance(pasal.ayat, list):
                yield from points(pasal.ayat[i], f"{base} ayat {label}", suffix)
        if known:
            yield f"{base} ayat {_past(known, 'ayat')}{suffix}", False
        else:
            yield from points(pasal, base, suffix)


@pytest.mark.parametrize("path", LAW_FILES, ids=[p.stem for p in LAW_FILES])
def test_every_recorded_unit_of_every_regulation_is_citable_and_no_more(laws, path):
    law = next(law for law in laws if law.slug == path.stem)
    checked = 0
    for text, valid in _unit_citations(law):
        if valid:
            laws.resolve(text)
        else:
            with pytest.raises(CitationError):
                laws.resolve(text)
        checked += 1
    assert checked >= len(law.source.pasal)


@pytest.mark.parametrize("path", LAW_FILES, ids=[p.stem for p in LAW_FILES])
def test_every_regulation_records_its_source(path):
    s = _load(path).source
    assert s.sumber.repo and s.sumber.berkas and s.sumber.commit and s.sumber.diperiksa
