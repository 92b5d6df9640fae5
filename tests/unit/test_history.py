"""Change history (`riwayat`), withdrawn recommendations, owners, editions and skeleton sentences:
each rule gives one Indonesian error at the line the editor must change."""

from __future__ import annotations

import datetime as dt

import pytest

from panduan.build import build_guide
from panduan.cli import main
from panduan.history import next_version, review_diagnostics, select_changes
from tests.conftest import GUIDELINE
from tests.conftest import REGISTRY_TIM as TEAMS

PATH = "guidelines/etika-klien/kerahasiaan.md"

HISTORY = """riwayat:
  - versi: '1.0'
    tanggal: 2026-12-01
    perubahan: Edisi pertama.
    alasan: Pedoman baru.
"""


def _with(**replace: str) -> str:
    text = GUIDELINE.format(id="kerahasiaan")
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


def _history(entries: str, *, versi: str = "1.1", extra: str = "") -> str:
    """The fixture guideline with `riwayat` replaced by `entries` (and `extra` fields before it)."""
    return _with(**{HISTORY: extra + "riwayat:\n" + entries, 'versi: "1.0"': f'versi: "{versi}"'})


TWO = """\
  - versi: '1.0'
    tanggal: 2026-12-01
    perubahan: Edisi pertama.
    alasan: Pedoman baru.
  - versi: '1.1'
    tanggal: 2027-03-01
    perubahan: R1 diperjelas.
    alasan: Masukan dari pelatihan.
    rekomendasi: [R1]
"""


def _run(project, capsys, text: str, *args: str) -> tuple[int, list[str]]:
    project.write(PATH, text)
    code = main(["--root", str(project.root), "check", *args])
    return code, capsys.readouterr().err.splitlines()


def _line(text: str, needle: str, nth: int = 1) -> int:
    index = -1
    for _ in range(nth):
        index = text.index(needle, index + 1)
    return text[:index].count("\n") + 1


def _at(lines: list[str], text: str, needle: str, code: str, nth: int = 1) -> str:
    prefix = f"{PATH}:{_line(text, needle, nth)}:"
    found = [row for row in lines if row.startswith(prefix) and f"[{code}]" in row]
    assert found, f"no [{code}] at {prefix}\n" + "\n".join(lines)
    return found[0]


def test_a_two_entry_history_passes(project, capsys):
    code, lines = _run(project, capsys, _history(TWO))
    assert code == 0, lines


def test_versions_must_increase(project, capsys):
    text = _history(TWO.replace("versi: '1.1'", "versi: '0.9'"), versi="0.9")
    code, lines = _run(project, capsys, text)
    assert code == 1
    row = _at(lines, text, "versi: '0.9'", "history-order")
    assert "harus lebih tinggi dari versi entri sebelumnya (`1.0`)" in row


def test_version_numbers_compare_as_numbers(project, capsys):
    text = _history(TWO.replace("versi: '1.1'", "versi: '1.10'").replace("versi: '1.0'", "versi: '1.9'"), versi="1.10")
    assert _run(project, capsys, text)[0] == 0


def test_dates_must_not_go_back(project, capsys):
    text = _history(TWO.replace("tanggal: 2027-03-01", "tanggal: 2026-11-30"))
    code, lines = _run(project, capsys, text)
    assert code == 1
    assert "lebih awal dari tanggal entri sebelumnya" in _at(lines, text, "tanggal: 2026-11-30", "history-order")


def test_same_day_entries_are_allowed(project, capsys):
    text = _history(TWO.replace("tanggal: 2027-03-01", "tanggal: 2026-12-01"))
    assert _run(project, capsys, text)[0] == 0


def test_latest_entry_must_match_versi(project, capsys):
    text = _with(**{'versi: "1.0"': 'versi: "1.2"'})
    code, lines = _run(project, capsys, text)
    assert code == 1
    row = _at(lines, text, 'versi: "1.2"', "history-version")
    assert "entri terakhir `riwayat` adalah versi `1.0`" in row and 'versi: "1.2"' in row


def test_history_is_required(project, capsys):
    text = _with(**{HISTORY: ""})
    code, lines = _run(project, capsys, text)
    assert code == 1 and any("kolom wajib `riwayat` tidak ada" in row for row in lines)


def test_version_must_be_dotted_numbers(project, capsys):
    text = _with(**{'versi: "1.0"': 'versi: "satu"'})
    code, lines = _run(project, capsys, text)
    assert code == 1
    assert "angka bertitik" in _at(lines, text, 'versi: "satu"', "invalid-version")


def test_entry_names_only_known_recommendations(project, capsys):
    text = _history(TWO.replace("rekomendasi: [R1]", "rekomendasi: [R1, R9]"))
    code, lines = _run(project, capsys, text)
    assert code == 1
    assert "`R9`" in _at(lines, text, "rekomendasi: [R1, R9]", "unknown-recommendation")


WITHDRAWN = """\
rekomendasi_dicabut:
  - id: R2
    alasan: Digabung ke R1 karena isinya sama.
    sejak: '1.1'
"""


def test_a_withdrawn_recommendation_named_in_its_entry_passes(project, capsys):
    text = _history(TWO.replace("rekomendasi: [R1]", "rekomendasi: [R1, R2]"), extra=WITHDRAWN)
    assert _run(project, capsys, text)[0] == 0


def test_a_withdrawn_recommendation_must_be_named_in_its_entry(project, capsys):
    text = _history(TWO, extra=WITHDRAWN)
    code, lines = _run(project, capsys, text)
    assert code == 1
    row = _at(lines, text, "  - id: R2", "withdrawn-not-in-history")
    assert "entri `riwayat` versi `1.1` tidak menyebutnya" in row


def test_withdrawn_since_an_unknown_version(project, capsys):
    text = _history(TWO, extra=WITHDRAWN.replace("sejak: '1.1'", "sejak: '1.5'"))
    code, lines = _run(project, capsys, text)
    assert code == 1
    _at(lines, text, "sejak: '1.5'", "withdrawn-unknown-version")


def test_a_withdrawn_id_is_never_reused(project, capsys):
    text = _history(TWO.replace("rekomendasi: [R1]", "rekomendasi: [R1]"), extra=WITHDRAWN.replace("R2", "R1"))
    code, lines = _run(project, capsys, text)
    assert code == 1
    assert "dipakai lagi" in _at(lines, text, "  - id: R1", "withdrawn-id-reused")


def test_owner_must_be_a_registered_team(project, capsys):
    project.write("registry/tim-penyunting.yaml", TEAMS)
    text = _with(**{"tinjau_ulang: 2027-12-01\n": "tinjau_ulang: 2027-12-01\npemilik: tim-etik\n"})
    code, lines = _run(project, capsys, text)
    assert code == 1
    assert "Maksud Anda `tim-etika`?" in _at(lines, text, "pemilik: tim-etik", "unknown-team")


def test_guideline_in_force_without_owner_is_a_warning_once_teams_exist(project, capsys):
    project.write("registry/tim-penyunting.yaml", TEAMS)
    code, lines = _run(project, capsys, _with(), "--strict")
    assert code == 1
    assert any("[missing-owner]" in row and "pemilik: tim-etika" in row for row in lines)


def test_editions_in_order(project, capsys):
    project.write(
        "registry/edisi.yaml",
        "edisi:\n  - id: '2027.1'\n    tanggal: 2027-01-01\n    catatan: Kedua.\n"
        "  - id: '2026.1'\n    tanggal: 2026-12-01\n    catatan: Pertama.\n",
    )
    code, lines = _run(project, capsys, _with())
    assert code == 1
    assert any(row.startswith("registry/edisi.yaml:5:") and "[edition-order]" in row for row in lines)


def test_new_guideline_cannot_leave_draft_with_skeleton_sentences(project, capsys):
    assert main(["--root", str(project.root), "new", "Merujuk korban", "--topik", "etika-klien"]) == 0
    path = project.root / "guidelines/etika-klien/merujuk-korban.md"
    text = path.read_text()
    assert text.splitlines()[1].startswith("# yaml-language-server: $schema=../../schema/pedoman.schema.json")
    assert main(["--root", str(project.root), "check", "--strict"]) == 0  # a draft may hold them
    capsys.readouterr()
    published = text.replace("status: draf", "status: berlaku")
    path.write_text(published)
    assert main(["--root", str(project.root), "check"]) == 1
    rows = [r for r in capsys.readouterr().err.splitlines() if "[template-placeholder]" in r]
    rel = "guidelines/etika-klien/merujuk-korban.md"
    lines = {int(r.split(":")[1]) for r in rows}
    expected = {
        _line(published, needle)
        for needle in (
            "ringkasan: Tulis",
            "teks: Tulis rekomendasi",
            "teks: Tulis langkah",
            "Jelaskan dengan",
            "Tulis contoh fiktif",
        )
    }
    assert lines == expected and all(r.startswith(rel) for r in rows)


def test_next_version():
    assert [next_version(v) for v in ("1.0", "1.9", "2", "0.1")] == ["1.1", "1.10", "2.1", "0.2"]


def test_changes_are_selected_by_date_and_exclude_drafts(project):
    project.write(PATH, _history(TWO))
    draft = (
        _history(TWO)
        .replace("status: berlaku", "status: draf")
        .replace("id: kerahasiaan", "id: draf-x")
        .replace("simpan-catatan", "simpan-catatan-x")
    )
    project.write("guidelines/etika-klien/draf-x.md", draft)
    guide = build_guide(project.root).guide
    everything = select_changes(guide)
    assert [(c.guideline.id, c.entry.versi, c.first) for c in everything] == [
        ("kerahasiaan", "1.1", False),
        ("kerahasiaan", "1.0", True),
    ]
    assert [c.entry.versi for c in select_changes(guide, after=dt.date(2026, 12, 1))] == ["1.1"]
    assert [c.entry.versi for c in select_changes(guide, on_or_after=dt.date(2026, 12, 1))] == ["1.1", "1.0"]
    assert everything[0].recommendations[0].current.id == "R1"


@pytest.mark.parametrize(("today", "overdue"), [(dt.date(2027, 12, 1), False), (dt.date(2027, 12, 2), True)])
def test_review_is_overdue_the_day_after_tinjau_ulang(project, today, overdue):
    guide = build_guide(project.root).guide
    found = review_diagnostics(guide, today)
    assert bool(found) is overdue
    if overdue:
        assert (
            found[0].code == "review-overdue" and str(found[0].primary) == f"{PATH}:10:15"
        )  # the `tinjau_ulang` value


def test_every_real_guideline_records_its_first_edition_and_has_an_owner():
    from tests.conftest import REPO

    guide = build_guide(REPO).guide
    assert len(guide.guidelines) == 40
    for g in guide.guidelines.values():
        first = g.riwayat[0]
        assert (first.versi, first.tanggal) == ("1.0", g.berlaku_sejak), g.id
        assert g.pemilik in guide.teams, g.id
    # The 2026-12 legal audit changed all but two guidelines after the first edition (git history);
    # moving the Banten notes to wilayah/banten/ added an entry to kube-dan-kewirausahaan-sosial.
    unchanged = sorted(g.id for g in guide.guidelines.values() if len(g.riwayat) == 1)
    assert unchanged == ["penyaluran-bansos"]
    assert guide.edition is not None and guide.edition.id == "2026.1"


def test_check_warns_on_overdue_review_and_only_strict_review_fails(project, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2028, 1, 1, tzinfo=dt.timezone.utc).timestamp())))
    assert main(["--root", str(project.root), "check", "--strict"]) == 0  # --strict is about the sources
    err = capsys.readouterr().err
    assert (
        f"{PATH}:10:15: peringatan: pedoman `kerahasiaan` seharusnya ditinjau ulang pada 2027-12-01 (31 hari yang lalu)"
        in err
    )
    assert "1 pedoman lewat tanggal tinjau ulang" in err
    assert main(["--root", str(project.root), "check", "--strict-review"]) == 1
