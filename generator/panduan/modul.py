"""Training modules: the views a module handout (participant and trainer) and a guideline page
show of the editors' `latihan` sections.

A module is a topic (every guideline of it that has `latihan`, in guide order) or one guideline.
Views only select and label: the questions, answers and their justifications are the editors' own
(latihan.py checks them), and prose stays linked text for the outputs to format.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from panduan.diagnostics import suggestion
from panduan.latihan import answer_index, case_span, in_force, option_label
from panduan.link import BuildResult
from panduan.present import published
from panduan.schema import GuidelineSource, Objective, Question, Recommendation, Step, Topic
from panduan.segments import LinkedText, Plain

MODULE_DIR = "modul"  # handouts live in dist/modul/ and on the site under unduhan/modul/
TRUE_FALSE_LABELS = {"benar": "Benar", "salah": "Salah"}


class ModuleError(Exception):
    """The requested module does not exist; the message is for the user (Indonesian)."""


@dataclass(frozen=True)
class ObjectiveView:
    objective: Objective
    competencies: list[str]  # competency names from the registry


@dataclass(frozen=True)
class QuestionView:
    number: int
    question: Question
    options: list[tuple[str, str]]  # (letter, option text); empty for true/false
    answer: str  # "b", "Benar", "Salah"
    answer_text: str | None  # the correct option's text (multiple choice)
    justification: Recommendation  # in force: latihan.py rejects anything else


@dataclass(frozen=True)
class ExerciseView:
    guideline: GuidelineSource
    objectives: list[ObjectiveView]
    case: LinkedText | None  # the body's "Contoh kasus" section
    discussion: list[str]
    questions: list[QuestionView]
    steps: list[tuple[str, list[Step]]]  # role id → its steps, in the order roles first appear


@dataclass(frozen=True)
class ModuleView:
    id: str
    title: str
    kind: str  # "topik" or "pedoman"
    topic: Topic
    exercises: list[ExerciseView]

    def file(self, trainer: bool) -> str:
        return f"{MODULE_DIR}/{self.id}-{'pelatih' if trainer else 'peserta'}.pdf"


def with_exercises(result: BuildResult) -> list[GuidelineSource]:
    """Published guidelines that have `latihan`, in guide order."""
    return [g for g in published(result.guide) if g.latihan is not None]


def module_topics(result: BuildResult) -> list[str]:
    """Topics with at least one guideline with `latihan`: the modules every PDF run writes."""
    having = {g.topik for g in with_exercises(result)}
    return [t for t in result.guide.topics if t in having]


def module_view(result: BuildResult, name: str) -> ModuleView:
    """The module named by a topic id or a guideline id; ModuleError when there is none."""
    guide = result.guide
    usable = with_exercises(result)
    if name in guide.topics:
        items = [g for g in usable if g.topik == name]
        if not items:
            raise ModuleError(
                f"topik `{name}` belum punya pedoman dengan `latihan`. "
                f"Topik yang sudah punya: {', '.join(module_topics(result)) or '(belum ada)'}."
            )
        topic = guide.topics[name]
        return ModuleView(name, topic.judul, "topik", topic, [exercise_view(result, g) for g in items])
    g = guide.guidelines.get(name)
    if g is None:
        known = [*guide.topics, *(x.id for x in usable)]
        raise ModuleError(f"`{name}` bukan id topik atau pedoman. {suggestion(name, known)}")
    if g not in usable:
        why = "sudah dicabut" if g.withdrawn else "belum punya bagian `latihan`"
        raise ModuleError(f"pedoman `{name}` {why}, jadi tidak ada modul pelatihannya.")
    return ModuleView(g.id, g.judul, "pedoman", guide.topics[g.topik], [exercise_view(result, g)])


def exercise_view(result: BuildResult, g: GuidelineSource) -> ExerciseView:
    assert g.latihan is not None
    guide = result.guide
    objectives = [
        ObjectiveView(o, [guide.competencies[c].nama for c in o.kompetensi if c in guide.competencies])
        for o in g.latihan.tujuan
    ]
    questions = [_question(g, i, q) for i, q in enumerate(g.latihan.soal, start=1)]
    return ExerciseView(
        g, objectives, case_text(result, g), list(g.latihan.diskusi), questions, steps_by_role(g.langkah)
    )


def _question(g: GuidelineSource, number: int, q: Question) -> QuestionView:
    justification = in_force(g, q.dasar)
    assert justification is not None, "latihan.py rejects answers without a recommendation in force"
    options = [(option_label(i), text) for i, text in enumerate(q.pilihan)]
    if q.true_false:
        return QuestionView(number, q, [], TRUE_FALSE_LABELS[q.jawaban], None, justification)
    index = answer_index(q)
    assert index is not None
    return QuestionView(number, q, options, options[index][0], options[index][1], justification)


def steps_by_role(steps: list[Step]) -> list[tuple[str, list[Step]]]:
    grouped: dict[str, list[Step]] = {}
    for step in steps:
        grouped.setdefault(step.peran, []).append(step)
    return list(grouped.items())


def case_text(result: BuildResult, g: GuidelineSource) -> LinkedText | None:
    """The fictional case of a guideline as linked text: the part of the body's segments that lies
    in its "Contoh kasus" section (terms and citations stay as the link stage cut them)."""
    body = g.file.body
    span = case_span(body)
    if span is None:
        return None
    return slice_text(result.links.text(body), *span)


def slice_text(text: LinkedText, start: int, end: int) -> LinkedText:
    """The segments covering text[start:end]; a plain segment on the edge is cut, any other kept
    whole (a term, citation or code never spans a section heading)."""
    out = []
    position = 0
    for seg in text:
        seg_start, seg_end = position, position + len(seg.text)
        position = seg_end
        if seg_end <= start or seg_start >= end:
            continue
        if isinstance(seg, Plain):
            seg = replace(seg, text=seg.text[max(start, seg_start) - seg_start : min(end, seg_end) - seg_start])
        out.append(seg)
    return LinkedText(tuple(out))
