"""Pocket booklet and self-assessment views on the real guide, the page-limit message, and the
grouping of the Unduhan page. The PDFs themselves are checked in tests/pdf/test_booklets.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from panduan.booklet import GLOSSARY_SIZE, PocketView, pocket_view, self_assessment
from panduan.build import build_guide
from panduan.checks import role_addressees
from panduan.link import BuildResult
from panduan.model import addressed_roles
from panduan.pdf import page_limit_message
from panduan.pdf.writer import Outcome, section_pages
from panduan.present import DOWNLOAD_KINDS, download_groups

REPO = Path(__file__).resolve().parents[2]
ROLES = ("pekerja-sosial", "pendamping", "relawan")


@pytest.fixture(scope="module")
def result() -> BuildResult:
    built = build_guide(REPO)
    assert built.ok
    return built


@pytest.fixture(scope="module")
def pockets(result: BuildResult) -> dict[str, PocketView]:
    return {role: pocket_view(result, role) for role in ROLES}


def test_tasks_are_those_the_role_leads_and_never_a_barred_kind(result: BuildResult, pockets) -> None:
    guide = result.guide
    for role, pocket in pockets.items():
        barred = set(guide.barred_kinds(role))
        lines = [line for group in pocket.task_groups for line in group.lines]
        assert lines, role
        for line in lines:
            assert set(line.letters) <= {"R", "A"}
            assert line.task.jenis not in barred, (role, line.task.id)
            members = {r for r, letter, _ in line.task.raci() if letter in "RA"}
            assert members & set(pocket.family), (role, line.task.id)
        assert len({line.task.id for line in lines}) == len(lines), "each task once"
        # Groups follow the registry's order of task kinds (the stages of practice).
        order = [guide.task_kinds[k].nama for k in guide.task_kinds]
        titles = [g.title for g in pocket.task_groups if g.title in order]
        assert titles == sorted(titles, key=order.index)


def test_barred_kinds_for_pendamping_and_relawan_not_for_pekerja_sosial(pockets) -> None:
    assert pockets["pekerja-sosial"].barred == []
    for role in ("pendamping", "relawan"):
        names = {kind.id for kind in pockets[role].barred}
        assert {"asesmen-profesional", "intervensi-profesional"} <= names
        assert all(kind.dasar_hukum for kind in pockets[role].barred), "each bar carries its legal basis"


def test_wajib_rules_follow_each_recommendations_own_scope(pockets) -> None:
    for role, pocket in pockets.items():
        rules = [*pocket.prohibitions, *(r for _, rules in pocket.obligations for r in rules)]
        for rule in rules:
            assert rule.recommendation.kekuatan == "wajib"
            addressed = addressed_roles(rule.guideline, rule.recommendation)
            assert set(addressed) & set(pocket.family), (role, rule.guideline.id, rule.recommendation.id)
            assert (rule.only == []) == (role in addressed)
    # KDRT R2 (UU 14/2019 duty of confidentiality) binds certified Pekerja Sosial only.
    kdrt = [(r.guideline.id, r.recommendation.id) for _, rules in pockets["pekerja-sosial"].obligations for r in rules]
    assert ("kekerasan-dalam-rumah-tangga", "R2") in kdrt
    for role in ("pendamping", "relawan"):
        ids = {
            (r.guideline.id, r.recommendation.id)
            for r in [*pockets[role].prohibitions, *(r for _, rs in pockets[role].obligations for r in rs)]
        }
        assert ("kekerasan-dalam-rumah-tangga", "R2") not in ids, role
        assert ("kekerasan-dalam-rumah-tangga", "R6") in ids, role  # UU 23/2004 Pasal 15 binds everyone


def test_prohibitions_are_the_rules_whose_law_forbids(result: BuildResult, pockets) -> None:
    guide = result.guide
    relawan = pockets["relawan"]
    ids = {(r.guideline.id, r.recommendation.id) for r in relawan.prohibitions}
    assert ("kekerasan-dalam-rumah-tangga", "R9") in ids  # UU 27/2022 Pasal 65 ayat 2: a larangan
    addressees = role_addressees(guide, "relawan")
    for rule in relawan.prohibitions:
        kinds = {
            b.sifat
            for text in rule.recommendation.dasar_hukum
            for b in guide.laws.provision(text).duties()
            if set(b.subjek) & addressees
        }
        assert kinds == {"larangan"}, rule.recommendation.id
    obligations = {(g.id, r.recommendation.id) for g, rules in relawan.obligations for r in rules}
    assert not ids & obligations, "a rule is printed once"


def test_one_checklist_per_situation_with_the_roles_steps(result: BuildResult, pockets) -> None:
    for role, pocket in pockets.items():
        expected = [
            g.id
            for g in result.guide.guidelines.values()
            if not g.withdrawn and any(s.peran in pocket.family for s in g.langkah)
        ]
        assert sorted(s.guideline.id for s in pocket.situations) == sorted(expected), role
        for situation in pocket.situations:
            assert situation.steps and all(s.peran in pocket.family for s in situation.steps)


def test_glossary_holds_the_terms_the_role_meets_most(result: BuildResult, pockets) -> None:
    users = result.links.term_users
    for role, pocket in pockets.items():
        assert len(pocket.terms) == GLOSSARY_SIZE
        mine = {g.id for g in result.guide.guidelines.values() if not g.withdrawn and result.guide.applies_to(g, role)}
        spread = [len(mine & set(users[t])) for t in pocket.terms]
        assert spread == sorted(spread, reverse=True) and spread[-1] > 0
        assert "pekerja-sosial" in pocket.terms
        left_out = [t for t in users if t not in pocket.terms and t in result.guide.terms]
        assert left_out and all(len(mine & set(users[t])) <= spread[-1] for t in left_out), role


def test_self_assessment_groups_follow_pasal_17(result: BuildResult) -> None:
    for role in ROLES:
        groups = self_assessment(result, role)
        assert [g.kind for g in groups] == ["pengetahuan", "keterampilan", "nilai"]
        assert [g.point for g in groups] == ["huruf a", "huruf b", "huruf c"]
        for group in groups:
            for row in group.rows:
                assert row.competency.kelompok == group.kind
                for g in row.guidelines:
                    assert row.competency.id in g.kompetensi and result.guide.applies_to(g, role)
        ids = {row.competency.id for group in groups for row in group.rows}
        assert ("asesmen-profesional" in ids) == (role == "pekerja-sosial"), role
        assert "etika-kerahasiaan" in ids
        assert sum(1 for group in groups for row in group.rows if row.guidelines) >= len(ids) - 1


# ---------------------------------------------------------------------------------------------
# Page limit


def test_section_pages_count_from_each_anchor_to_the_next() -> None:
    pages = [{"a"}, set(), {"b", "x"}, set(), set(), {"c"}]
    assert section_pages(pages, ["a", "b", "missing", "c"]) == (("a", 2), ("b", 3), ("c", 1))
    assert section_pages(pages, []) == ()


def test_page_limit_message_names_what_to_shorten() -> None:
    outcome = Outcome(
        "buku-saku-relawan.pdf",
        pages=46,
        section_pages=(("tugas-saya", 3), ("kewajiban", 14), ("daftar-periksa", 11), ("kontak", 1)),
    )
    message = page_limit_message(outcome, 40)
    assert message.startswith("buku-saku-relawan.pdf berisi 46 halaman, lebih dari batas 40 halaman")
    assert "6 halaman terlalu banyak" in message
    assert message.index("Kewajiban menurut hukum (14 halaman") < message.index("Daftar periksa per situasi (11")
    assert "`langkah` peran ini" in message and "--maks-halaman-saku" in message
    assert "Kontak setempat" not in message  # only the three longest


# ---------------------------------------------------------------------------------------------
# Downloads page


def test_downloads_are_grouped_by_use() -> None:
    entries = [
        {"file": "panduan-praktik.pdf", "kind": "buku-panduan"},
        {"file": "buku-saku-relawan.pdf", "kind": "buku-saku"},
        {"file": "cetak/buku-saku-relawan-a4.pdf", "kind": "cetak-lipat"},
        {"file": "penilaian-diri-relawan.pdf", "kind": "penilaian-diri"},
        {"file": "lama.pdf"},  # a manifest written before kinds existed
        {"file": "panduan-offline.zip", "kind": "paket-luring"},
    ]
    groups = download_groups(entries)
    assert [g.title for g in groups] == ["Bawa ke lapangan", "Untuk pelatih", "Lengkap"]
    assert [[e["file"] for e in g.entries] for g in groups] == [
        ["buku-saku-relawan.pdf"],
        ["cetak/buku-saku-relawan-a4.pdf", "penilaian-diri-relawan.pdf"],
        ["panduan-praktik.pdf", "lama.pdf", "panduan-offline.zip"],
    ]
    assert [g.title for g in download_groups(entries[:2])] == ["Bawa ke lapangan", "Lengkap"]
    assert set(DOWNLOAD_KINDS.values()) == {"lapangan", "pelatih", "lengkap"}
