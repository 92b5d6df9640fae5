"""Presentation views of a role's pocket booklet and self-assessment sheet.

A pocket booklet holds no prose chapters: only what one role carries into the field, taken from
the model. `pocket_view()` gathers it:

* "Tugas saya": each task where the role (or a sub-role) is R or A once, grouped by the kind of
  work in the order of `registry/jenis-tugas.yaml`, which follows the stages of practice;
* "Yang tidak boleh saya lakukan": the task kinds the role may not lead, the role's own
  `tidak_boleh_teks`, and the `wajib` recommendations whose cited provisions are prohibitions
  (`larangan`) binding the role, each with its legal basis;
* "Kapan dan ke mana merujuk": the role's handoffs;
* the other `wajib` recommendations that address the role, per guideline, in each
  recommendation's own role scope (`untuk`, else the guideline's `peran`) — the same scope
  `checks.check_obligations` proves against the law;
* one checklist per situation (guideline): the role's steps;
* the glossary terms the role meets most.

`self_assessment()` maps the competencies of the registry, grouped as UU 14/2019 Pasal 17
ayat (1) groups the competency standard (pengetahuan, keterampilan, nilai), to the guidelines
that build each one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from panduan.checks import role_addressees
from panduan.law import CitationError, Provision
from panduan.link import BuildResult
from panduan.model import Guide, addressed_roles
from panduan.present import HandoffView, TaskLine, published, role_view
from panduan.schema import Competency, GuidelineSource, Recommendation, Role, Step, TaskKind
from panduan.segments import TermUse

GLOSSARY_SIZE = 30  # terms in a booklet's glossary
OTHER_TASKS = "Tugas lain"  # heading of the tasks without a `jenis`


@dataclass(frozen=True)
class TaskGroup:
    title: str  # the task kind's name
    lines: list[TaskLine]


@dataclass(frozen=True)
class Rule:
    """A `wajib` recommendation as the booklet prints it; `only` names the family members it
    addresses when it does not address the booklet's role itself (e.g. only TKSK)."""

    guideline: GuidelineSource
    recommendation: Recommendation
    only: list[str]


@dataclass(frozen=True)
class Situation:
    """A guideline as a checklist: the steps of the booklet's roles."""

    guideline: GuidelineSource
    steps: list[Step]


@dataclass(frozen=True)
class PocketView:
    role: Role
    family: list[str]  # the role and its sub-roles
    task_groups: list[TaskGroup]
    barred: list[TaskKind]  # kinds of task the role may be neither R nor A for
    prohibitions: list[Rule]  # `wajib` rules whose basis is a `larangan` binding the role
    handoffs: list[HandoffView]
    obligations: list[tuple[GuidelineSource, list[Rule]]]  # the other `wajib` rules, per guideline
    situations: list[Situation]
    terms: list[str]  # glossary term ids, most met first

    @property
    def situation_ids(self) -> set[str]:
        """Guidelines with a checklist here: the only ones a task, handoff or rule can point to."""
        return {s.guideline.id for s in self.situations}

    @property
    def rule_count(self) -> int:
        return len(self.prohibitions) + sum(len(rules) for _, rules in self.obligations)


def pocket_view(result: BuildResult, role_id: str, *, glossary_size: int = GLOSSARY_SIZE) -> PocketView:
    guide = result.guide
    view = role_view(result, role_id)
    guidelines = [g for g in published(guide) if g in view.guidelines]
    prohibitions, obligations = _rules(guide, guidelines, role_id, view.family)
    situations = [
        Situation(g, steps) for g in guidelines if (steps := [s for s in g.langkah if s.peran in view.family])
    ]
    return PocketView(
        role=view.role,
        family=view.family,
        task_groups=task_groups(guide, view.checklist(set())),
        barred=[guide.task_kinds[k] for k in guide.barred_kinds(role_id) if k in guide.task_kinds],
        prohibitions=prohibitions,
        handoffs=view.handoffs,
        obligations=obligations,
        situations=situations,
        terms=most_met_terms(result, guidelines, glossary_size),
    )


def task_groups(guide: Guide, lines: list[TaskLine]) -> list[TaskGroup]:
    """Tasks grouped by kind, kinds in registry order (the stages of practice come first)."""
    order = {kind: i for i, kind in enumerate(guide.task_kinds)}
    groups: dict[str, list[TaskLine]] = {}
    for line in lines:
        kind = line.task.jenis if line.task.jenis in guide.task_kinds else ""
        groups.setdefault(kind, []).append(line)
    kinds = sorted(groups, key=lambda k: order.get(k, len(order)))
    return [TaskGroup(guide.task_kinds[k].nama if k else OTHER_TASKS, groups[k]) for k in kinds]


def _rules(
    guide: Guide, guidelines: list[GuidelineSource], role_id: str, family: list[str]
) -> tuple[list[Rule], list[tuple[GuidelineSource, list[Rule]]]]:
    """(prohibitions, obligations per guideline): the `wajib` recommendations addressing the
    role or a sub-role, split by whether the provisions they cite forbid or require."""
    prohibitions: list[Rule] = []
    obligations: list[tuple[GuidelineSource, list[Rule]]] = []
    addressees = role_addressees(guide, role_id)
    for g in guidelines:
        rules: list[Rule] = []
        for rec in g.rekomendasi:
            addressed = addressed_roles(g, rec)
            members = [r for r in family if r in addressed]
            if rec.kekuatan != "wajib" or not members:
                continue
            rule = Rule(g, rec, [] if role_id in members else members)
            (prohibitions if _forbids(guide, rec, addressees) else rules).append(rule)
        if rules:
            obligations.append((g, rules))
    return prohibitions, obligations


def _forbids(guide: Guide, rec: Recommendation, addressees: set[str]) -> bool:
    """True if the duties the cited provisions put on these addressees are all prohibitions."""
    kinds = {b.sifat for p in _provisions(guide, rec.dasar_hukum) for b in p.duties() if set(b.subjek) & addressees}
    return kinds == {"larangan"}


def _provisions(guide: Guide, texts: list[str]) -> list[Provision]:
    found = []
    for text in texts:
        try:
            found.append(guide.laws.provision(text))
        except CitationError:
            continue  # reported by the link stage
    return found


def most_met_terms(result: BuildResult, guidelines: list[GuidelineSource], size: int) -> list[str]:
    """The `size` glossary terms used by most of these guidelines; ties go to the term used more
    often in their recommendations and steps, then to the name."""
    ids = {g.id for g in guidelines}
    spread = {term: len(ids.intersection(users)) for term, users in result.links.term_users.items()}
    uses: Counter[str] = Counter()
    for g in guidelines:
        for text in [*(r.teks for r in g.rekomendasi), *(s.teks for s in g.langkah)]:
            uses.update(seg.term for seg in result.links.text(text) if isinstance(seg, TermUse))
    guide = result.guide
    ranked = sorted(
        (t for t in spread if spread[t] and t in guide.terms),
        key=lambda t: (-spread[t], -uses[t], guide.terms[t].source.istilah.casefold()),
    )
    return ranked[:size]


# ---------------------------------------------------------------------------------------------
# Self-assessment


# UU 14/2019 Pasal 17 ayat (1): the competency standard covers knowledge, skills and values.
COMPETENCY_GROUPS = (
    ("pengetahuan", "Pengetahuan", "huruf a"),
    ("keterampilan", "Keterampilan", "huruf b"),
    ("nilai", "Nilai", "huruf c"),
)


@dataclass(frozen=True)
class CompetencyRow:
    competency: Competency
    guidelines: list[GuidelineSource]  # guidelines for the role that build it, in guide order


@dataclass(frozen=True)
class CompetencyGroup:
    kind: str  # "pengetahuan", "keterampilan", "nilai"
    title: str
    point: str  # where Pasal 17 ayat (1) names the group
    rows: list[CompetencyRow]


def self_assessment(result: BuildResult, role_id: str) -> list[CompetencyGroup]:
    """The competencies of the registry for this role (or a sub-role), grouped as Pasal 17 groups
    them, each with the role's guidelines that train it."""
    guide = result.guide
    view = role_view(result, role_id)
    family = set(view.family) | set(guide.role_lineage(role_id))
    mine = [g for g in published(guide) if g in view.guidelines]
    groups = []
    for kind, title, point in COMPETENCY_GROUPS:
        rows = [
            CompetencyRow(c, [g for g in mine if c.id in g.kompetensi])
            for c in guide.competencies.values()
            if c.kelompok == kind and (not c.peran or family & set(c.peran))
        ]
        if rows:
            groups.append(CompetencyGroup(kind, title, point, rows))
    return groups
