"""Module handouts for trainings: a participant sheet and a trainer's version per module.

Both come from the same view (`modul.ModuleView`) and template (`handout.html.j2`); only the
trainer's version prints the answers, their explanations and the recommendations that justify
them. They reuse the Assembler's converter, sanitizer and law appendix, so a handout links and
prints citations exactly as the handbook does.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from panduan.modul import ModuleView
from panduan.pdf.document import Assembler, Job
from panduan.pdf.markup import Converter

TRAINER_GROUP = "pelatih"  # both versions go under "Untuk pelatih": the trainer prints the sheets


def module_jobs(assembler: Assembler, module: ModuleView) -> list[Job]:
    """The participant sheet and the trainer's version of one module."""
    return [handout(assembler, module, trainer=False), handout(assembler, module, trainer=True)]


def handout(assembler: Assembler, module: ModuleView, *, trainer: bool) -> Job:
    guidelines = [ex.guideline for ex in module.exercises]
    conv = assembler._converter(guidelines)
    # Cases are rendered first: their citations join the law appendix like every other text.
    sections = [(ex, Markup(conv.html(ex.case)) if ex.case else None) for ex in module.exercises]
    kind = "Pegangan pelatih" if trainer else "Lembar peserta"
    html = assembler._page(
        "handout.html.j2",
        conv,
        title=f"{module.title} · {kind}",
        paper="A4",
        module=module,
        trainer=trainer,
        sections=sections,
        laws=_laws_after_render(assembler, module, conv, trainer=trainer),
    )
    count = sum(len(ex.questions) for ex in module.exercises)
    what = (
        f"dengan jawaban dan dasar rekomendasinya untuk {count} soal"
        if trainer
        else f"ringkasan, langkah per peran, contoh kasus, pertanyaan diskusi, dan {count} soal tanpa jawaban"
    )
    return Job(
        module.file(trainer),
        f"Modul {module.title}: {kind.lower()}",
        f"{kind} ({len(guidelines)} pedoman): {what}. Edisi {assembler.edition.version}.",
        html,
        module=module.id,
        group=TRAINER_GROUP,
    )


def _laws_after_render(
    assembler: Assembler, module: ModuleView, conv: Converter, *, trainer: bool
) -> list[dict[str, Any]]:
    """The law appendix holds the articles the handout's texts cite. The template renders those
    texts later, so they are converted here first, in the same converter, to fill `conv.used_pasal`."""
    for ex in module.exercises:
        for step in (s for _, steps in ex.steps for s in steps):
            conv.inline(step.teks)
        if trainer:
            for q in ex.questions:
                conv.inline(q.justification.teks)
                for c in q.justification.dasar_hukum:
                    conv.include(c)
    return assembler._laws(conv, only_used=True, included=[ex.guideline for ex in module.exercises])
