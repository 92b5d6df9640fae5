"""Rules for a guideline's training material (`latihan`), and the fictional case it discusses.

The schema (schema.Exercise) says what an editor may write; these rules check what a single field
cannot: objectives name competencies of the registry that the guideline trains, discussion
questions have a case to discuss (the body's "## Contoh kasus" section), every answer is one of
its question's options, and every answer is justified by a recommendation of the same guideline
that is in force. Questions and answers are the editors' own; nothing here writes them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from panduan.diagnostics import Diagnostic, suggestion
from panduan.model import Guide
from panduan.schema import OPTION_LETTERS, TRUE_FALSE, GuidelineSource, Question, Recommendation

# The section of a guideline body that holds its fictional case ("## Contoh kasus (fiktif)").
CASE_HEADING = re.compile(r"^##[ \t]+Contoh kasus\b[^\n]*$", re.MULTILINE | re.IGNORECASE)
_NEXT_SECTION = re.compile(r"^#{1,2}[ \t]", re.MULTILINE)
MIN_OPTIONS = 2


def case_span(body: str) -> tuple[int, int] | None:
    """(start, end) of the fictional case's text in a guideline body, without its heading."""
    heading = CASE_HEADING.search(body)
    if heading is None:
        return None
    start = heading.end()
    following = _NEXT_SECTION.search(body, start)
    end = following.start() if following else len(body)
    return (start, end) if body[start:end].strip() else None


def in_force(g: GuidelineSource, rec_id: str) -> Recommendation | None:
    """The recommendation `rec_id` of `g` if it is in force: written in `rekomendasi`, not listed
    in `rekomendasi_dicabut`, in a guideline that is not withdrawn (`GuidelineSource.withdrawn`,
    the rule every output uses to leave a guideline out)."""
    if g.withdrawn or any(w.id == rec_id for w in g.rekomendasi_dicabut):
        return None
    return next((r for r in g.rekomendasi if r.id == rec_id), None)


def option_label(index: int) -> str:
    """The letter of the option at `index` (0 → "a")."""
    return OPTION_LETTERS[index]


def answer_index(q: Question) -> int | None:
    """Index of the correct option of a multiple-choice question, None if the answer names none."""
    if q.true_false or len(q.jawaban) != 1 or q.jawaban not in OPTION_LETTERS[: len(q.pilihan)]:
        return None
    return OPTION_LETTERS.index(q.jawaban)


# ---------------------------------------------------------------------------------------------
# Rules


def check_latihan(guide: Guide) -> Iterator[Diagnostic]:
    for g in guide.guidelines.values():
        if g.latihan is None:
            continue
        if g.withdrawn:
            yield Diagnostic(
                "exercise-withdrawn",
                f"pedoman `{g.id}` sudah dicabut, tetapi masih punya `latihan`.",
                (g.loc("latihan", key=True),),
                "Rekomendasi pedoman yang dicabut tidak berlaku lagi, jadi tidak dapat menjadi dasar jawaban. "
                "Hapus bagian `latihan`, atau pindahkan soalnya ke pedoman yang menggantikannya.",
            )
            continue
        yield from _check_objectives(guide, g)
        yield from _check_case(g)
        for q in g.latihan.soal:
            yield from _check_answer(q)
            yield from _check_justification(g, q)


def _check_objectives(guide: Guide, g: GuidelineSource) -> Iterator[Diagnostic]:
    assert g.latihan is not None
    for objective in g.latihan.tujuan:
        for i, comp in enumerate(objective.kompetensi):
            if comp not in guide.competencies:
                yield Diagnostic(
                    "unknown-competency",
                    f"kompetensi `{comp}` tidak ada di `registry/kompetensi.yaml`.",
                    (objective.loc("kompetensi", i),),
                    suggestion(comp, guide.competencies),
                )
            elif comp not in g.kompetensi:
                yield Diagnostic(
                    "objective-competency",
                    f"tujuan latihan menyebut kompetensi `{comp}`, tetapi pedoman ini tidak mencantumkannya "
                    "di `kompetensi`.",
                    (objective.loc("kompetensi", i), g.loc("kompetensi", key=True)),
                    f"Tambahkan `{comp}` ke `kompetensi` pedoman (agar peta kompetensi dan lembar penilaian diri "
                    "ikut memuatnya), atau pilih kompetensi yang sudah tercantum.",
                )


def _check_case(g: GuidelineSource) -> Iterator[Diagnostic]:
    assert g.latihan is not None
    if g.latihan.diskusi and case_span(g.file.body) is None:
        yield Diagnostic(
            "exercise-without-case",
            "`latihan.diskusi` membahas contoh kasus, tetapi isi pedoman tidak punya bagian `## Contoh kasus (fiktif)`.",
            (g.latihan.loc("diskusi", key=True),),
            "Tulis kasus rekaan di isi pedoman di bawah judul `## Contoh kasus (fiktif)`; pertanyaan diskusi "
            "dan lembar peserta memakai kasus itu.",
        )


def _check_answer(q: Question) -> Iterator[Diagnostic]:
    if q.true_false:
        if q.jawaban not in TRUE_FALSE:
            hint = (
                "Soal ini tidak punya `pilihan`, jadi dibaca sebagai soal benar/salah: tulis `jawaban: benar` "
                "atau `jawaban: salah`, atau tambahkan `pilihan` bila ini soal pilihan ganda."
            )
            yield Diagnostic(
                "invalid-answer", f"jawaban `{q.jawaban}` bukan `benar` atau `salah`.", (q.loc("jawaban"),), hint
            )
        return
    if len(q.pilihan) < MIN_OPTIONS or len(q.pilihan) > len(OPTION_LETTERS):
        yield Diagnostic(
            "invalid-options",
            f"soal pilihan ganda harus punya {MIN_OPTIONS} sampai {len(OPTION_LETTERS)} `pilihan`, "
            f"bukan {len(q.pilihan)}.",
            (q.loc("pilihan", key=True),),
            "Untuk soal benar/salah, hapus `pilihan` dan tulis `jawaban: benar` atau `jawaban: salah`.",
        )
        return
    seen: dict[str, int] = {}
    for i, option in enumerate(q.pilihan):
        key = " ".join(option.casefold().split())
        if key in seen:
            yield Diagnostic(
                "duplicate-option",
                f"pilihan {option_label(i)} sama dengan pilihan {option_label(seen[key])}.",
                (q.loc("pilihan", i), q.loc("pilihan", seen[key])),
                "Setiap pilihan harus berbeda.",
            )
        seen.setdefault(key, i)
    if answer_index(q) is None:
        letters = ", ".join(option_label(i) for i in range(len(q.pilihan)))
        yield Diagnostic(
            "answer-not-an-option",
            f"jawaban `{q.jawaban}` tidak ada di antara pilihan soal ini ({letters}).",
            (q.loc("jawaban"),),
            f"Tulis huruf pilihan yang benar, misalnya `jawaban: {option_label(0)}` untuk pilihan pertama.",
        )


def _check_justification(g: GuidelineSource, q: Question) -> Iterator[Diagnostic]:
    if in_force(g, q.dasar) is not None:
        return
    withdrawn = next((w for w in g.rekomendasi_dicabut if w.id == q.dasar), None)
    if withdrawn is not None:
        yield Diagnostic(
            "justification-withdrawn",
            f"jawaban soal ini berdasar pada rekomendasi `{q.dasar}`, yang sudah dicabut sejak versi {withdrawn.sejak}.",
            (q.loc("dasar"), withdrawn.loc("id")),
            "Jawaban harus berdasar pada rekomendasi yang berlaku: perbarui soal dan `dasar`-nya, atau hapus soalnya.",
        )
        return
    yield Diagnostic(
        "unknown-justification",
        f"`dasar` `{q.dasar}` bukan id rekomendasi pedoman ini.",
        (q.loc("dasar"),),
        suggestion(q.dasar, [r.id for r in g.rekomendasi])
        + " Jawaban harus berdasar pada salah satu `rekomendasi` pedoman ini (misalnya `R2`).",
    )
