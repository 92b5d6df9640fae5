"""Training material (`latihan`): every rule gives one Indonesian error at the line to change, the
real guide carries enough of it, and the module views select what the handouts print."""

from __future__ import annotations

from pathlib import Path

import pytest

from panduan.build import build_guide
from panduan.cli import main
from panduan.latihan import case_span
from panduan.modul import ModuleError, module_topics, module_view
from tests.conftest import GUIDELINE

REPO = Path(__file__).resolve().parents[2]
PATH = "guidelines/etika-klien/kerahasiaan.md"

COMPETENCIES = """\
kompetensi:
  - id: etika-kerahasiaan
    nama: Menjaga kerahasiaan klien
    kelompok: nilai
    deskripsi: Menyimpan rahasia klien.
  - id: pencatatan-kasus
    nama: Mencatat kegiatan dan kasus
    kelompok: keterampilan
    deskripsi: Menulis catatan yang rapi.
"""

RECOMMENDATIONS = """\
  - id: R2
    kekuatan: dianjurkan
    teks: Simpan berkas kertas di lemari terkunci.
"""

WITHDRAWN = """\
rekomendasi_dicabut:
  - id: R3
    alasan: Digabung ke R2.
    sejak: "1.1"
"""

HISTORY = """\
  - versi: '1.1'
    tanggal: 2026-12-01
    perubahan: R3 dicabut.
    alasan: Digabung ke R2.
    rekomendasi: [R3]
"""

LATIHAN = """\
kompetensi: [etika-kerahasiaan, pencatatan-kasus]
latihan:
  tujuan:
    - teks: Peserta mampu menyimpan catatan kasus dengan aman.
      kompetensi: [etika-kerahasiaan, pencatatan-kasus]
  diskusi:
    - Mengapa buku catatan tidak dibawa ke mana-mana?
  soal:
    - pertanyaan: Di mana berkas kertas disimpan?
      pilihan:
        - Di meja kerja
        - Di lemari terkunci
        - Di rumah petugas
      jawaban: b
      dasar: R2
      penjelasan: Lemari terkunci membatasi siapa yang dapat membaca berkas.
    - pertanyaan: Pekerja Sosial menjaga kerahasiaan klien.
      jawaban: benar
      dasar: R1
"""

CASE = """
## Contoh kasus (fiktif)

(Contoh fiktif) Buku catatan seorang pendamping tertinggal di warung.

## Yang perlu dihindari

- Membawa berkas ke rumah.
"""


def source(latihan: str = LATIHAN, *, case: bool = True, status: str = "berlaku", **replace: str) -> str:
    """The fixture guideline with R2, a withdrawn R3, a fictional case and `latihan`; each
    `replace` pair changes the text once (`old=new`, keys written with `__` for spaces)."""
    text = GUIDELINE.format(id="kerahasiaan")
    text = text.replace("langkah:\n", RECOMMENDATIONS + "langkah:\n", 1)
    text = text.replace("riwayat:\n", WITHDRAWN + "riwayat:\n", 1)
    text = text.replace('versi: "1.0"', 'versi: "1.1"').replace("status: berlaku", f"status: {status}")
    text = text.replace("---\n## Mengapa", HISTORY + latihan + "---\n## Mengapa", 1)
    text = text.rstrip("\n") + "\n" + (CASE if case else "")
    for old, new in replace.items():
        old = old.replace("__", " ")
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


@pytest.fixture
def project(project):
    project.write("registry/kompetensi.yaml", COMPETENCIES)
    return project


def check(project, capsys, text: str) -> tuple[int, list[str]]:
    project.write(PATH, text)
    code = main(["--root", str(project.root), "check"])
    return code, capsys.readouterr().err.splitlines()


def at(lines: list[str], text: str, needle: str, code: str) -> str:
    """The error of `code` reported at the line of `text` that holds `needle`."""
    line = text[: text.index(needle)].count("\n") + 1
    found = [row for row in lines if row.startswith(f"{PATH}:{line}:") and f"[{code}]" in row]
    assert found, f"no [{code}] at line {line}\n" + "\n".join(lines)
    return found[0]


# ---------------------------------------------------------------------------------------------
# Validation


def test_a_valid_latihan_passes(project, capsys):
    code, lines = check(project, capsys, source())
    assert code == 0, lines


def test_a_guideline_without_latihan_still_passes(project, capsys):
    code, lines = check(project, capsys, source(""))
    assert code == 0, lines


def test_objective_competency_must_be_in_the_registry(project, capsys):
    text = source(
        **{
            "      kompetensi: [etika-kerahasiaan, pencatatan-kasus]": "      kompetensi: [etika-kerahasiaan, catatan-kasus]"
        }
    )
    code, lines = check(project, capsys, text)
    assert code == 1
    row = at(lines, text, "      kompetensi: [etika-kerahasiaan, catatan-kasus]", "unknown-competency")
    assert "`catatan-kasus` tidak ada di `registry/kompetensi.yaml`" in row
    assert "Maksud Anda `pencatatan-kasus`?" in row


def test_objective_competency_must_be_one_the_guideline_trains(project, capsys):
    text = source(
        **{"kompetensi: [etika-kerahasiaan, pencatatan-kasus]\nlatihan": "kompetensi: [etika-kerahasiaan]\nlatihan"}
    )
    code, lines = check(project, capsys, text)
    assert code == 1
    row = at(lines, text, "      kompetensi: [etika-kerahasiaan, pencatatan-kasus]", "objective-competency")
    assert "Tambahkan `pencatatan-kasus` ke `kompetensi` pedoman" in row


def test_justification_must_be_a_recommendation_of_the_guideline(project, capsys):
    text = source(**{"dasar: R2": "dasar: R9"})
    code, lines = check(project, capsys, text)
    assert code == 1
    row = at(lines, text, "dasar: R9", "unknown-justification")
    assert "`R9` bukan id rekomendasi pedoman ini" in row


def test_justification_must_not_be_withdrawn(project, capsys):
    text = source(**{"dasar: R2": "dasar: R3"})
    code, lines = check(project, capsys, text)
    assert code == 1
    row = at(lines, text, "dasar: R3", "justification-withdrawn")
    assert "sudah dicabut sejak versi 1.1" in row


def test_answer_must_be_one_of_the_options(project, capsys):
    text = source(**{"jawaban: b": "jawaban: d"})
    code, lines = check(project, capsys, text)
    assert code == 1
    row = at(lines, text, "jawaban: d", "answer-not-an-option")
    assert "(a, b, c)" in row


def test_true_false_answer_is_benar_or_salah(project, capsys):
    text = source(**{"jawaban: benar": "jawaban: ya"})
    code, lines = check(project, capsys, text)
    assert code == 1
    row = at(lines, text, "jawaban: ya", "invalid-answer")
    assert "`jawaban: benar` atau `jawaban: salah`" in row


def test_multiple_choice_needs_two_options(project, capsys):
    text = source(
        **{
            "        - Di meja kerja\n        - Di lemari terkunci\n        - Di rumah petugas\n": "        - Di lemari terkunci\n",
            "jawaban: b": "jawaban: a",
        }
    )
    code, lines = check(project, capsys, text)
    assert code == 1
    assert "bukan 1" in at(lines, text, "      pilihan:", "invalid-options")


def test_options_must_differ(project, capsys):
    text = source(**{"        - Di rumah petugas": "        - di lemari  terkunci"})
    code, lines = check(project, capsys, text)
    assert code == 1
    assert "pilihan c sama dengan pilihan b" in at(lines, text, "        - di lemari  terkunci", "duplicate-option")


def test_discussion_needs_the_fictional_case(project, capsys):
    text = source(case=False)
    code, lines = check(project, capsys, text)
    assert code == 1
    row = at(lines, text, "  diskusi:", "exercise-without-case")
    assert "`## Contoh kasus (fiktif)`" in row


def test_a_withdrawn_guideline_keeps_no_latihan(project, capsys):
    text = source(status="dicabut")
    code, lines = check(project, capsys, text)
    assert code == 1
    assert "sudah dicabut" in at(lines, text, "latihan:", "exercise-withdrawn")


def test_schema_errors_are_in_indonesian_at_the_field(project, capsys):
    text = source(
        **{
            "      dasar: R1\n": "      dasar: R1\n      jawab: benar\n",
            "  diskusi:\n    - Mengapa buku catatan tidak dibawa ke mana-mana?\n": "",
        }
    )
    code, lines = check(project, capsys, text)
    assert code == 1
    assert "`latihan.soal[2].jawab` tidak dikenal" in at(lines, text, "      jawab: benar", "unknown-field")
    assert "kolom wajib `latihan.diskusi` tidak ada" in at(lines, text, "  tujuan:", "missing-field")


def test_no_traceback_on_a_bad_latihan_type(project, capsys):
    text = source(**{"  soal:\n": "  soal: satu soal\n  soal_lama:\n"})
    code, lines = check(project, capsys, text)
    assert code == 1
    assert not any("Traceback" in row for row in lines)
    assert any("`latihan.soal` harus berupa daftar" in row for row in lines), lines


# ---------------------------------------------------------------------------------------------
# The real guide


def test_twelve_real_guidelines_have_latihan_covering_every_topic():
    result = build_guide(REPO)
    assert result.ok
    with_latihan = [g for g in result.guide.guidelines.values() if g.latihan and not g.withdrawn]
    assert len(with_latihan) >= 12
    assert {g.topik for g in with_latihan} == set(result.guide.topics)
    assert module_topics(result) == list(result.guide.topics)
    for g in with_latihan:
        assert g.latihan is not None and len(g.latihan.soal) >= 3, g.id
        assert case_span(g.file.body) is not None, g.id


# ---------------------------------------------------------------------------------------------
# Module views


def test_a_topic_module_holds_its_guidelines_with_latihan_in_guide_order():
    result = build_guide(REPO)
    module = module_view(result, "etika-klien")
    ids = [ex.guideline.id for ex in module.exercises]
    expected = [g.id for g in result.guide.in_topic("etika-klien", include_withdrawn=False) if g.latihan]
    assert ids == expected and len(ids) >= 2
    assert module.file(trainer=False) == "modul/etika-klien-peserta.pdf"
    assert module.file(trainer=True) == "modul/etika-klien-pelatih.pdf"


def test_a_guideline_module_shows_its_case_answers_and_justifications():
    result = build_guide(REPO)
    (ex,) = module_view(result, "kerahasiaan-klien").exercises
    body = ex.guideline.file.body
    start, end = case_span(body)
    assert ex.case is not None and ex.case.source == body[start:end]
    assert ex.case.source.strip().startswith("(Contoh fiktif) Seorang ibu bercerita")
    first = ex.questions[0]
    assert first.answer == "b" and first.answer_text.startswith("Kepentingan klien")
    assert first.justification.id == "R2"
    assert [q.answer for q in ex.questions[1:]] == ["Salah", "Benar"]
    assert [role for role, _ in ex.steps] == list(dict.fromkeys(s.peran for s in ex.guideline.langkah))


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("kerahasiaan", "`kerahasiaan` bukan id topik atau pedoman. Maksud Anda `kerahasiaan-klien`?"),
        ("kode-etik", "pedoman `kode-etik` belum punya bagian `latihan`"),
    ],
)
def test_unknown_module_names_what_exists(name, message):
    with pytest.raises(ModuleError) as caught:
        module_view(build_guide(REPO), name)
    assert message in str(caught.value)


def test_pdf_modul_with_an_unknown_name_fails_cleanly(capsys, tmp_path):
    code = main(["--root", str(REPO), "pdf", "--modul", "tidak-ada", "--out", str(tmp_path / "modul")])
    err = capsys.readouterr().err
    assert code == 1
    assert "GALAT: `tidak-ada` bukan id topik atau pedoman." in err
    assert "Traceback" not in err
    assert not (tmp_path / "modul").exists()


# ---------------------------------------------------------------------------------------------
# The site


def test_guideline_page_shows_objectives_and_discussion_but_no_answers(tmp_path):
    from panduan.render import render_pages

    result = build_guide(REPO)
    (tmp_path / "modul").mkdir()
    downloads = [
        {
            "file": tmp_path / "modul" / f"etika-klien-{kind}.pdf",
            "path": f"unduhan/modul/etika-klien-{kind}.pdf",
            "title": f"Modul Etika dan Hak Klien: {kind}",
            "description": "Modul.",
            "size": "50 KB",
            "modul": "etika-klien",
            "kelompok": "pelatih",
        }
        for kind in ("peserta", "pelatih")
    ]
    pages = {p.path: p.content for p in render_pages(result, downloads=downloads)}
    page = pages["etika-klien/kerahasiaan-klien.md"]
    g = result.guide.guidelines["kerahasiaan-klien"]
    section = page.partition("## Bahan latihan")[2].partition("\n## ")[0]
    for objective in g.latihan.tujuan:
        assert objective.teks in section
    for question in g.latihan.diskusi:
        assert question in section
    for q in g.latihan.soal:
        assert q.pertanyaan not in section  # the questions and their answers are in the handouts
        assert not q.penjelasan or q.penjelasan not in page
        assert f"Jawaban: {q.jawaban}" not in page
    assert "(../unduhan/modul/etika-klien-peserta.pdf)" in section
    assert "## Bahan latihan" not in pages["etika-klien/kode-etik.md"]  # no latihan, no section

    downloads_page = pages["unduhan.md"]
    general, _, trainers = downloads_page.partition("## Untuk pelatih")
    assert "etika-klien-peserta.pdf" in trainers and "etika-klien-pelatih.pdf" in trainers
    assert "etika-klien-peserta.pdf" not in general
