"""Stage 3 rule for registry/situasi.yaml: a situation only points at what the guidelines say.

A situation ("anak dalam bahaya") never carries its own advice. Each of its `langkah_pertama`
entries draws, for one role, steps of a guideline by number and handoffs by target. This rule
makes sure every guideline exists and is in force, every step number exists and is written for
that role (or a role it belongs to), and every target is a handoff of that role in that
guideline, so that reordering a guideline cannot silently put another role's step in a
situation.
"""

from __future__ import annotations

from collections.abc import Iterator

from panduan.diagnostics import Diagnostic, suggestion
from panduan.model import Guide
from panduan.schema import GuidelineSource, Handoff, Situation, SituationDraw, Step


def step_applies(guide: Guide, step: Step, role_id: str) -> bool:
    """A step written for the role itself or for a role it belongs to (a Tagana is a relawan)."""
    return step.peran in guide.role_lineage(role_id)


def handoffs_to(guide: Guide, g: GuidelineSource, role_id: str, target: str) -> list[Handoff]:
    """The guideline's handoffs from the role (or a role it belongs to) to `target`."""
    lineage = guide.role_lineage(role_id)
    return [h for h in g.rujukan if h.ke == target and h.dari in lineage]


def check_situations(guide: Guide) -> Iterator[Diagnostic]:
    for situation in guide.situations.values():
        yield from _check_situation(guide, situation)


def _check_situation(guide: Guide, situation: Situation) -> Iterator[Diagnostic]:
    for draw in situation.langkah_pertama:
        if draw.peran not in guide.roles:
            yield Diagnostic(
                "unknown-role",
                f"peran `{draw.peran}` tidak dikenal.",
                (draw.loc("peran"),),
                suggestion(draw.peran, guide.roles) + " Peran tercatat di `registry/peran.yaml`.",
            )
            continue
        g = guide.guidelines.get(draw.pedoman)
        if g is None:
            yield Diagnostic(
                "unknown-reference",
                f"pedoman `{draw.pedoman}` tidak dikenal.",
                (draw.loc("pedoman"),),
                suggestion(draw.pedoman, guide.guidelines) + " Tulis `id` pedoman seperti di kepala berkasnya.",
            )
            continue
        if g.status != "berlaku":
            state = "sudah dicabut" if g.withdrawn else "masih draf"
            yield Diagnostic(
                "situation-guideline-not-in-force",
                f"pedoman `{g.id}` {state}; situasi hanya boleh menunjuk pedoman yang berlaku.",
                (draw.loc("pedoman"), g.loc("status")),
                "Tunjuk pedoman lain yang berlaku, atau hapus butir ini sampai pedomannya berlaku.",
            )
            continue
        if not draw.langkah and not draw.rujukan_ke:
            yield Diagnostic(
                "situation-empty-entry",
                f"butir untuk peran `{draw.peran}` dari pedoman `{g.id}` tidak menunjuk langkah maupun rujukan.",
                (draw.loc(),),
                "Isi `langkah` (nomor langkah di pedoman) atau `rujukan_ke` (tujuan rujukan), atau hapus butir ini.",
            )
        yield from _check_steps(guide, draw, g)
        yield from _check_handoffs(guide, draw, g)


def _check_steps(guide: Guide, draw: SituationDraw, g: GuidelineSource) -> Iterator[Diagnostic]:
    mine = [i for i, step in enumerate(g.langkah, 1) if step_applies(guide, step, draw.peran)]
    hint = (
        f"Langkah pedoman `{g.id}` untuk peran ini: {', '.join(map(str, mine))}."
        if mine
        else f"Pedoman `{g.id}` tidak memuat langkah untuk peran ini; hapus `langkah` dari butir ini."
    )
    seen: set[int] = set()
    for i, number in enumerate(draw.langkah):
        if number in seen:
            yield Diagnostic(
                "duplicate-step",
                f"langkah {number} ditulis dua kali untuk peran `{draw.peran}`.",
                (draw.loc("langkah", i),),
                "Hapus salah satunya.",
            )
            continue
        seen.add(number)
        if number > len(g.langkah):
            yield Diagnostic(
                "unknown-step",
                f"pedoman `{g.id}` hanya punya {len(g.langkah)} langkah; langkah {number} tidak ada.",
                (draw.loc("langkah", i), g.loc("langkah")),
                hint,
            )
            continue
        step = g.langkah[number - 1]
        if not step_applies(guide, step, draw.peran):
            yield Diagnostic(
                "situation-step-wrong-role",
                f"langkah {number} pedoman `{g.id}` ditulis untuk peran `{step.peran}`, bukan untuk `{draw.peran}`.",
                (draw.loc("langkah", i), step.loc("peran")),
                hint,
            )


def _check_handoffs(guide: Guide, draw: SituationDraw, g: GuidelineSource) -> Iterator[Diagnostic]:
    lineage = guide.role_lineage(draw.peran)
    available = list(dict.fromkeys(h.ke for h in g.rujukan if h.dari in lineage))
    for i, target in enumerate(draw.rujukan_ke):
        if handoffs_to(guide, g, draw.peran, target):
            continue
        hint = (
            suggestion(target, available)
            if available
            else f"Pedoman `{g.id}` tidak memuat rujukan dari peran ini; hapus `rujukan_ke` dari butir ini."
        )
        yield Diagnostic(
            "unknown-handoff",
            f"pedoman `{g.id}` tidak memuat rujukan dari `{draw.peran}` ke `{target}`.",
            (draw.loc("rujukan_ke", i),),
            hint,
        )
