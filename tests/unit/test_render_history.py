"""Readers over time: last update, change history, withdrawn recommendations, review notices, the
"Apa yang berubah" page and the review dashboard, as rendered Markdown."""

from __future__ import annotations

import datetime as dt

from panduan.build import build_guide
from panduan.render import render_pages
from tests.conftest import GUIDELINE
from tests.conftest import REGISTRY_TIM as TEAMS

PAGE = "etika-klien/kerahasiaan.md"
WITH_WITHDRAWAL = (
    GUIDELINE.format(id="kerahasiaan")
    .replace('versi: "1.0"', 'versi: "1.1"')
    .replace("tinjau_ulang: 2027-12-01\n", "tinjau_ulang: 2027-12-01\npemilik: tim-etika\n")
    .replace(
        "riwayat:\n",
        "rekomendasi_dicabut:\n  - id: R2\n    alasan: Isinya sudah tercakup di R1.\n    sejak: '1.1'\nriwayat:\n",
    )
    + ""
)
WITH_WITHDRAWAL = WITH_WITHDRAWAL.replace(
    "    alasan: Pedoman baru.\n---",
    "    alasan: Pedoman baru.\n  - versi: '1.1'\n    tanggal: 2027-02-10\n    perubahan: R2 dicabut.\n"
    "    alasan: Tumpang tindih dengan R1.\n    rekomendasi: [R1, R2]\n---",
)


def _pages(project, today=dt.date(2027, 3, 1)):
    result = build_guide(project.root)
    assert result.ok, [d.text() for d in result.report.errors]
    return {p.path: p for p in render_pages(result, today=today)}


def test_withdrawn_recommendation_keeps_its_anchor_and_explanation(project):
    project.write("registry/tim-penyunting.yaml", TEAMS)
    project.write("guidelines/etika-klien/kerahasiaan.md", WITH_WITHDRAWAL)
    page = _pages(project)[PAGE].content
    assert '<div class="pp-rec pp-rec--dicabut" id="r2" markdown>' in page
    assert "**R2** tidak berlaku lagi sejak versi 1.1 (10 Februari 2027). Isinya sudah tercakup di R1." in page
    assert "Terakhir diperbarui 10 Februari 2027" in page  # from riwayat, not from the build date
    history = page[page.index("## Riwayat perubahan") :]
    assert history.index("**Versi 1.1**") < history.index("**Versi 1.0**")  # newest first
    assert "Rekomendasi: [R1](#r1), [R2](#r2)." in history


def test_changes_page_links_the_affected_recommendations(project):
    project.write("registry/tim-penyunting.yaml", TEAMS)
    project.write("guidelines/etika-klien/kerahasiaan.md", WITH_WITHDRAWAL)
    draft = (
        GUIDELINE.format(id="draf-x")
        .replace("status: berlaku", "status: draf")
        .replace("simpan-catatan", "simpan-catatan-x")
    )
    project.write("guidelines/etika-klien/draf-x.md", draft)
    page = _pages(project)["perubahan.md"].content
    assert page.index("## 10 Februari 2027") < page.index("## 1 Desember 2026")
    assert "[R2 (dicabut)](etika-klien/kerahasiaan.md#r2)" in page and "[R1](etika-klien/kerahasiaan.md#r1)" in page
    assert "(pedoman baru)" in page
    assert "draf-x" not in page  # drafts are not changes yet


def test_overdue_guideline_shows_a_notice_and_the_dashboard_lists_it(project):
    project.write("registry/tim-penyunting.yaml", TEAMS)
    project.write("guidelines/etika-klien/kerahasiaan.md", WITH_WITHDRAWAL)
    before = _pages(project, today=dt.date(2027, 12, 1))
    assert "Perlu ditinjau" not in before[PAGE].content
    assert "| Tim Penyunting Etika dan Data | 1 Desember 2027 | hari ini |" in before["tinjauan.md"].content
    after = _pages(project, today=dt.date(2027, 12, 20))
    assert '!!! warning "Perlu ditinjau"' in after[PAGE].content
    board = after["tinjauan.md"].content
    overdue = board[board.index("## Lewat tanggal") : board.index("## Jatuh tempo")]
    assert (
        "[Menjaga kerahasiaan klien](etika-klien/kerahasiaan.md) | Tim Penyunting Etika dan Data | 1 Desember 2027 | lewat 19 hari |"
        in overdue
    )
    assert "- **Tim Penyunting Etika dan Data**: Menjaga pedoman etika. (1 pedoman)" in board


def test_far_review_dates_are_not_on_the_dashboard(project):
    board = _pages(project, today=dt.date(2027, 3, 1))["tinjauan.md"].content
    assert "Tidak ada pedoman yang lewat" in board and "Tidak ada pedoman yang jatuh tempo dalam 90 hari." in board


def test_pdf_change_insert_is_assembled_with_its_law_appendix(project):
    """The trainers' insert (HTML only, no WeasyPrint): recommendations in their current words, the
    withdrawn one explained, the articles they cite in the appendix."""
    from panduan.history import select_changes
    from panduan.pdf.document import DEFAULT_SUBTITLE, Assembler, Edition

    project.write("registry/tim-penyunting.yaml", TEAMS)
    project.write("guidelines/etika-klien/kerahasiaan.md", WITH_WITHDRAWAL)
    result = build_guide(project.root)
    assert result.ok, [d.text() for d in result.report.errors]
    edition = Edition(
        version="2026.1", built=dt.date(2027, 3, 1), site_url="https://contoh.id/", subtitle=DEFAULT_SUBTITLE
    )
    job = Assembler(result, edition).changes("2026.1", select_changes(result.guide), "perubahan.pdf")
    assert "Perubahan sejak 2026.1" in job.html
    assert "R2 dicabut" in job.html and "Isinya sudah tercakup di R1." in job.html
    assert "Edisi 2026.1" in job.html


def test_a_busy_day_lists_its_changes_under_their_topics(project):
    """An edition released at once: more than BUSY_DAY changes on one date are grouped by topic,
    in the registry's order, so no part of the page grows with the whole guide."""
    for i in range(12):
        topic = "etika-klien" if i % 2 else "koordinasi"
        text = (
            GUIDELINE.format(id=f"pedoman-{i}")
            .replace("judul: Menjaga kerahasiaan klien", f"judul: Pedoman nomor {i}")
            .replace("topik: etika-klien", f"topik: {topic}")
            .replace("simpan-catatan", f"simpan-catatan-{i}")
        )
        project.write(f"guidelines/{topic}/pedoman-{i}.md", text)
    (project.root / "guidelines/etika-klien/kerahasiaan.md").unlink()
    page = _pages(project)["perubahan.md"].content
    day = page[page.index("## 1 Desember 2026") :]
    ethics, coordination = day.index("### Etika dan Hak Klien"), day.index("### Koordinasi")
    assert ethics < coordination
    assert all(ethics < day.index(f"[Pedoman nomor {i}]") < coordination for i in (1, 3, 5, 7, 9, 11))
    assert all(coordination < day.index(f"[Pedoman nomor {i}]") for i in (0, 2, 4, 6, 8, 10))


def test_a_quiet_day_has_no_topic_headings(project):
    page = _pages(project)["perubahan.md"].content
    assert "## 1 Desember 2026" in page and "###" not in page
