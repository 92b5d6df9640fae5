"""Stage 5: presentation views shared by every output (site pages, PDFs, search documents).

Everything an output shows that is derived from the build result is derived here, once: labels
and dates, where each page lives (one URL policy), a role's tasks, handoffs and bars, the RACI
matrix, the law views and who cites an article. Templates lay these views out; nothing here
writes HTML or Markdown.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any, NamedTuple

from panduan.forge import ISSUE_FORMS, Forge
from panduan.history import Change, Review, parse_version, review_of, reviews
from panduan.law import Law, count, labels
from panduan.link import BuildResult, Links, RoleTask
from panduan.model import Guide, addressed_roles
from panduan.schema import (
    Binding,
    ChangeEntry,
    GuidelineSource,
    Handoff,
    Pasal,
    Point,
    Recommendation,
    Role,
    Situation,
    Stage,
    Step,
    Task,
    WithdrawnRecommendation,
)
from panduan.situations import handoffs_to

# ---------------------------------------------------------------------------------------------
# Labels and dates

STRENGTH_LABELS = {"wajib": "Wajib", "dianjurkan": "Dianjurkan", "pertimbangkan": "Pertimbangkan"}
STATUS_LABELS = {"draf": "Draf", "berlaku": "Berlaku", "dicabut": "Dicabut"}
HANDOFF_VERBS = {"rujuk": "Rujuk", "lapor": "Laporkan", "konsultasi": "Konsultasikan"}
MONTHS = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]


def tanggal(value: Any) -> str:
    """2026-12-01 → 1 Desember 2026."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def template_globals() -> dict[str, Any]:
    """What every template (site page or PDF) may use besides its own context."""
    return {
        "STRENGTH_LABELS": STRENGTH_LABELS,
        "STATUS_LABELS": STATUS_LABELS,
        "raci_letters": raci_letters,
        "short_name": short_name,
    }


# ---------------------------------------------------------------------------------------------
# Pages: one URL policy for every output (site links, PDF addresses and QR codes, search)

GLOSSARY_PAGE = "glosarium.md"
LAW_DIR = "hukum"
ROLE_DIR = "peran"
DOWNLOADS_PAGE = "unduhan.md"
CHANGES_PAGE = "perubahan.md"  # "Apa yang berubah": every riwayat entry, newest first
REVIEW_PAGE = "tinjauan.md"  # review dashboard for editor teams
SITUATION_DIR = "situasi"  # "Dalam situasi ini": situasi/index.md lists them, one page each


@dataclass
class Page:
    """One generated page. `path` is a `/`-separated path relative to the docs root."""

    path: str
    title: str
    content: str
    source: str | None = None  # the source file an editor would change
    in_nav: bool = True
    meta: dict[str, Any] = field(default_factory=dict)


def guideline_page(g: GuidelineSource) -> str:
    return f"{g.topik}/{g.id}.md"


def topic_page(topic_id: str) -> str:
    return f"{topic_id}/index.md"


def law_page(law: Law) -> str:
    """Law pages are named after their data file: law/uu-2019-14.yaml → hukum/uu-2019-14.md."""
    return f"{LAW_DIR}/{law.slug}.md"


def role_page(role_id: str) -> str:
    return f"{ROLE_DIR}/{role_id}.md"


def situation_page(situation_id: str) -> str:
    return f"{SITUATION_DIR}/{situation_id}.md"


def url_of(page: str, directory_urls: bool) -> str:
    """The URL MkDocs gives a page: `a/b.md` → `a/b/` (or `a/b.html`), `a/index.md` (or
    `a/README.md`) → `a/` (or `a/index.html`), the home page → `./` (or `index.html`)."""
    path = PurePosixPath(page)
    folder = "" if str(path.parent) == "." else f"{path.parent.as_posix()}/"
    if path.stem in ("index", "README"):
        return (folder or "./") if directory_urls else f"{folder}index.html"
    return f"{folder}{path.stem}/" if directory_urls else f"{folder}{path.stem}.html"


def online_url(site_url: str, page: str) -> str:
    """The published address of a page (printed in the PDFs, with its QR code)."""
    return posixpath.join(site_url.rstrip("/") + "/", url_of(page, directory_urls=True))


# ---------------------------------------------------------------------------------------------
# Guidelines, parties and handoffs


def published(guide: Guide) -> list[GuidelineSource]:
    """Guidelines that are not withdrawn, in topic (chapter) order."""
    return [g for topic_id in guide.topics for g in guide.in_topic(topic_id, include_withdrawn=False)]


@dataclass(frozen=True)
class Party:
    """Who a handoff names: a role (`kind` "peran"), a service ("layanan"), or an unknown id ("")."""

    id: str
    name: str
    kind: str


def party(guide: Guide, ident: str) -> Party:
    if ident in guide.roles:
        return Party(ident, guide.roles[ident].nama, "peran")
    if ident in guide.services:
        return Party(ident, guide.services[ident].nama, "layanan")
    return Party(ident, ident, "")


@dataclass(frozen=True)
class HandoffView:
    guideline: GuidelineSource
    handoff: Handoff
    verb: str  # "Rujuk", "Laporkan", "Konsultasikan"
    source: Party
    target: Party


def handoff_view(guide: Guide, g: GuidelineSource, h: Handoff) -> HandoffView:
    """A handoff in the words every output uses."""
    return HandoffView(g, h, HANDOFF_VERBS[h.jenis], party(guide, h.dari), party(guide, h.ke))


def recommendations_for(guide: Guide, g: GuidelineSource, roles: list[str]) -> list[Recommendation]:
    """Recommendations that address any of `roles`, a sub-role of one, or a parent of one."""
    family = {a for r in roles for a in (*guide.role_lineage(r), *guide.sub_roles(r))}
    return [rec for rec in g.rekomendasi if family & set(addressed_roles(g, rec))]


# ---------------------------------------------------------------------------------------------
# Roles: "Apa tugas saya?" on the site, the checklist in a pocket booklet


DUTY_WORDS = {"R": "melaksanakan", "A": "bertanggung jawab", "C": "dimintai pendapat", "I": "diberi tahu"}


@dataclass(frozen=True)
class RoleDuty:
    """A task the role (or `member`, one of its sub-roles) takes part in, with its RACI letter."""

    member: str
    item: RoleTask

    @property
    def task(self) -> Task:
        return self.item.task

    @property
    def guideline(self) -> GuidelineSource:
        return self.item.guideline

    @property
    def letter(self) -> str:
        return self.item.letter

    @property
    def doing(self) -> str:
        """ "melaksanakan", "bertanggung jawab", "dimintai pendapat" or "diberi tahu"."""
        return DUTY_WORDS[self.letter]


@dataclass
class TaskLine:
    """One checklist line: a task once, how the role takes part, and where it is described."""

    task: Task
    letters: list[str]
    as_roles: list[str]
    guideline: GuidelineSource

    @property
    def doing(self) -> str:
        """ "melaksanakan dan bertanggung jawab", "melaksanakan" or "bertanggung jawab"."""
        return " dan ".join(DUTY_WORDS[letter] for letter in self.letters)


@dataclass(frozen=True)
class RoleView:
    role: Role
    family: list[str]  # the role and its sub-roles
    acting: list[RoleDuty]  # R and A, per family member, in guideline order
    involved: list[RoleDuty]  # C and I
    handoffs: list[HandoffView]  # handoffs from the role or a sub-role
    barred: list[str]  # names of the task kinds the role (or an ancestor) may not be R or A for
    guidelines: list[GuidelineSource]  # guidelines (not withdrawn) for the role, in guide order

    def checklist(self, included: set[str]) -> list[TaskLine]:
        """Each task where the role is R or A once; a guideline in `included` is preferred."""
        lines: dict[str, TaskLine] = {}
        for duty in self.acting:
            line = lines.get(duty.task.id)
            if line is None:
                line = lines[duty.task.id] = TaskLine(duty.task, [], [], duty.guideline)
            elif line.guideline.id not in included and duty.guideline.id in included:
                line.guideline = duty.guideline
            if duty.letter not in line.letters:
                line.letters.append(duty.letter)
            if duty.member != self.role.id and duty.member not in line.as_roles:
                line.as_roles.append(duty.member)
        for line in lines.values():
            line.letters.sort(key="RA".index)
        return list(lines.values())


def role_view(result: BuildResult, role_id: str) -> RoleView:
    guide, links = result.guide, result.links
    role = guide.roles[role_id]
    family = [role_id, *guide.sub_roles(role_id)]
    duties = [RoleDuty(member, item) for member in family for item in links.role_tasks.get(member, [])]
    kinds = guide.barred_kinds(role_id)
    return RoleView(
        role=role,
        family=family,
        acting=[d for d in duties if d.letter in "RA"],
        involved=[d for d in duties if d.letter in "CI"],
        handoffs=[handoff_view(guide, g, h) for member in family for g, h in links.role_handoffs.get(member, [])],
        barred=list(dict.fromkeys(guide.task_kinds[k].nama if k in guide.task_kinds else k for k in kinds)),
        guidelines=[g for g in guide.guidelines.values() if not g.withdrawn and guide.applies_to(g, role_id)],
    )


# ---------------------------------------------------------------------------------------------
# The RACI matrix


def raci_letters(task: Task, role_id: str) -> str:
    """How a role takes part in a task: "R", "A", "R/A", "C" ... or ""."""
    return "/".join(dict.fromkeys(letter for role, letter, _ in task.raci() if role == role_id))


class MatrixRow(NamedTuple):
    """A task, with the guideline that describes it first (the row links there) and every
    guideline of the matrix that uses the same task id, that one included."""

    guideline: GuidelineSource
    task: Task
    users: tuple[GuidelineSource, ...] = ()

    @property
    def also(self) -> tuple[GuidelineSource, ...]:
        """The other guidelines that share this task."""
        return tuple(g for g in self.users if g.id != self.guideline.id)


@dataclass(frozen=True)
class MatrixTable:
    """The tasks of one topic."""

    topic: Any
    rows: list[MatrixRow]
    roles: list[Role]  # the roles these tasks name, in registry order


def raci_matrix(guide: Guide, guidelines: list[GuidelineSource]) -> list[MatrixTable]:
    """Per topic: each task of `guidelines` once, under the topic of the first guideline that
    describes it, with every guideline sharing it; and the roles involved."""
    users: dict[str, list[GuidelineSource]] = {}
    for g in guidelines:
        for task in g.tugas:
            users.setdefault(task.id, [])
            if g not in users[task.id]:
                users[task.id].append(g)
    placed: set[str] = set()
    tables = []
    for topic_id, topic in guide.topics.items():
        rows: dict[str, MatrixRow] = {}
        for g in guidelines:
            if g.topik == topic_id:
                for task in g.tugas:
                    if task.id not in placed:
                        placed.add(task.id)
                        rows[task.id] = MatrixRow(g, task, tuple(users[task.id]))
        if rows:
            involved = {role for row in rows.values() for role, _, _ in row.task.raci()}
            roles = [role for role in guide.roles.values() if role.id in involved]
            tables.append(MatrixTable(topic, list(rows.values()), roles))
    return tables


# ---------------------------------------------------------------------------------------------
# Roles side by side, by practice stage: short names, stages, bars, "Bandingkan peran"

RACI_ORDER = "RACI"


def short_name(role: Role) -> str:
    """A role's column header: its `singkatan`, or its name when it has none."""
    return role.singkatan or role.nama


def stage_of(guide: Guide, g: GuidelineSource, task: Task) -> str:
    """The practice stage of a task: its kind's `tahap`, else its topic's, else "" (no stage)."""
    kind = guide.task_kinds.get(task.jenis or "")
    if kind is not None and kind.tahap in guide.stages:
        return kind.tahap
    topic = guide.topics.get(g.topik)
    if topic is not None and topic.tahap in guide.stages:
        return topic.tahap
    return ""


def descendants(guide: Guide, role_id: str) -> list[str]:
    """The role and every role below it (sub-roles, their sub-roles), in registry order."""
    family = [role_id]
    for member in family:
        family += [r for r in guide.sub_roles(member) if r not in family]
    return family


def _letters(task: Task, family: set[str]) -> str:
    """How a family of roles takes part in a task: "R", "R/A", "C" ... or ""."""
    found = {letter for role, letter, _ in task.raci() if role in family}
    return "/".join(letter for letter in RACI_ORDER if letter in found)


@dataclass
class StageTask:
    """A task on a role page or in a comparison: once, with how the role(s) take part."""

    task: Task
    guideline: GuidelineSource
    stage: str
    letters: str  # the role's letters ("R/A"); for a comparison the first role's
    other: str = ""  # a comparison's second role's letters
    as_roles: list[str] = field(default_factory=list)  # sub-roles through which the role takes part

    @property
    def doing(self) -> str:
        """ "melaksanakan dan bertanggung jawab", "dimintai pendapat" ..."""
        return " dan ".join(DUTY_WORDS[letter] for letter in self.letters.split("/") if letter)

    @property
    def responsible(self) -> list[str]:
        return list(self.task.pelaksana)

    @property
    def accountable(self) -> list[str]:
        return self.task.accountable


@dataclass(frozen=True)
class StageGroup:
    """Tasks of one practice stage (`stage` None: tasks outside every stage)."""

    stage: Stage | None
    tasks: list[StageTask]


def _rank(letters: str) -> int:
    return min((RACI_ORDER.index(letter) for letter in letters.split("/") if letter), default=len(RACI_ORDER))


def by_stage(guide: Guide, tasks: list[StageTask]) -> list[StageGroup]:
    """Tasks grouped by stage in registry order, tasks without a stage last; within a stage R
    before A before C and I (a task's strongest letter counts), otherwise in guide order."""
    order = {stage_id: i for i, stage_id in enumerate(guide.stages)}
    groups: dict[str, list[StageTask]] = {}
    for item in tasks:
        groups.setdefault(item.stage, []).append(item)
    return [
        StageGroup(guide.stages.get(stage_id), sorted(items, key=lambda t: _rank(t.letters)))
        for stage_id, items in sorted(groups.items(), key=lambda kv: order.get(kv[0], len(order)))
    ]


def role_tasks(guide: Guide, links: Links, role_id: str) -> list[StageTask]:
    """Every task (not withdrawn) the role or a role below it takes part in, once, in guide order."""
    family = descendants(guide, role_id)
    lines: dict[str, StageTask] = {}
    for member in family:
        for item in links.role_tasks.get(member, []):
            line = lines.get(item.task.id)
            if line is None:
                letters = _letters(item.task, set(family))
                stage = stage_of(guide, item.guideline, item.task)
                line = lines[item.task.id] = StageTask(item.task, item.guideline, stage, letters)
            if member != role_id and member not in line.as_roles:
                line.as_roles.append(member)
    return sorted(lines.values(), key=lambda line: _guide_order(guide, line))


def _guide_order(guide: Guide, line: StageTask) -> tuple[int, int]:
    ids = list(guide.guidelines)
    return ids.index(line.guideline.id), line.guideline.tugas.index(line.task)


def role_stages(result: BuildResult, role_id: str) -> list[StageGroup]:
    """ "Apa tugas saya?": the role's tasks by practice stage, R before A before C/I."""
    return by_stage(result.guide, role_tasks(result.guide, result.links, role_id))


def by_target(handoffs: list[HandoffView]) -> list[tuple[Party, list[HandoffView]]]:
    """Handoffs grouped by whom they go to, in the order each target first appears."""
    groups: dict[tuple[str, str], tuple[Party, list[HandoffView]]] = {}
    for h in handoffs:
        groups.setdefault((h.target.kind, h.target.id), (h.target, []))[1].append(h)
    return list(groups.values())


@dataclass(frozen=True)
class RoleBar:
    """A task kind a role may not be R or A for, the role that bars it, and the kind's basis."""

    kind: str
    name: str
    by: str  # the role itself or the ancestor whose bar it inherits
    basis: list[str]  # the task kind's `dasar_hukum` (where the kind is described in law)


def role_bars(guide: Guide, role_id: str) -> list[RoleBar]:
    bars = []
    for kind_id, by in guide.barred_kinds(role_id).items():
        kind = guide.task_kinds.get(kind_id)
        bars.append(RoleBar(kind_id, kind.nama if kind else kind_id, by, list(kind.dasar_hukum) if kind else []))
    return bars


def must_not(guide: Guide, role_id: str) -> list[str]:
    """The role's `tidak_boleh_teks`, then its ancestors' (sub-roles inherit every bar)."""
    return list(dict.fromkeys(t for r in guide.role_lineage(role_id) for t in guide.roles[r].tidak_boleh_teks))


def binding_recommendations(guide: Guide, role_id: str) -> list[tuple[GuidelineSource, list[Recommendation]]]:
    """Per guideline, the `wajib` recommendations addressed to the role or a role above it. The
    checks make sure a `wajib` basis binds every role it addresses, and a role falls under its
    parents' addressee classes; a sub-role's own duties are not the parent's, so they stay out."""
    lineage = set(guide.role_lineage(role_id))
    out = []
    for g in published(guide):
        recs = [r for r in g.rekomendasi if r.kekuatan == "wajib" and lineage & set(addressed_roles(g, r))]
        if recs:
            out.append((g, recs))
    return out


@dataclass(frozen=True)
class RoleSide:
    """One role of a comparison: who it is, what it may not do."""

    role: Role
    family: list[str]
    bars: list[RoleBar]
    must_not: list[str]


@dataclass(frozen=True)
class Comparison:
    """Two roles side by side ("Bandingkan peran"), computed from the tasks and handoffs."""

    a: RoleSide
    b: RoleSide
    shared: list[StageTask]  # both take part, by stage; `letters` is a's, `other` b's
    only_a: list[StageTask]  # `letters`: how the one role takes part
    only_b: list[StageTask]
    a_to_b: list[HandoffView]  # handoffs from a (or a role below it) to b (or below)
    b_to_a: list[HandoffView]


def compare_roles(result: BuildResult, a: str, b: str) -> Comparison:
    """Tasks both roles take part in (with who is R and A), tasks only one does, handoffs between
    them both ways, and each one's bars. A role below the other is taken out of the other's family."""
    guide = result.guide
    fam_a, fam_b = descendants(guide, a), descendants(guide, b)
    if b in fam_a:
        fam_a = [r for r in fam_a if r not in fam_b]
    elif a in fam_b:
        fam_b = [r for r in fam_b if r not in fam_a]
    shared: list[StageTask] = []
    only_a: list[StageTask] = []
    only_b: list[StageTask] = []
    seen: set[str] = set()
    for g in published(guide):
        for task in g.tugas:
            if task.id in seen:
                continue
            seen.add(task.id)
            la, lb = _letters(task, set(fam_a)), _letters(task, set(fam_b))
            stage = stage_of(guide, g, task)
            if la and lb:
                shared.append(StageTask(task, g, stage, la, lb))
            elif la or lb:
                (only_a if la else only_b).append(StageTask(task, g, stage, la or lb))
    order = list(guide.stages)
    shared.sort(key=lambda t: order.index(t.stage) if t.stage in order else len(order))
    handoffs = [(g, h) for g in published(guide) for h in g.rujukan]
    return Comparison(
        a=_side(guide, a, fam_a),
        b=_side(guide, b, fam_b),
        shared=shared,
        only_a=only_a,
        only_b=only_b,
        a_to_b=[handoff_view(guide, g, h) for g, h in handoffs if h.dari in fam_a and h.ke in fam_b],
        b_to_a=[handoff_view(guide, g, h) for g, h in handoffs if h.dari in fam_b and h.ke in fam_a],
    )


def _side(guide: Guide, role_id: str, family: list[str]) -> RoleSide:
    return RoleSide(guide.roles[role_id], family, role_bars(guide, role_id), must_not(guide, role_id))


COMPARE_DIR = f"{ROLE_DIR}/bandingkan"
DEFAULT_PAIR = ("pendamping", "relawan")


def compared_pairs(guide: Guide) -> list[tuple[str, str]]:
    """The pairs with a static comparison page: every pair of top-level roles, registry order."""
    main = [r.id for r in guide.roles.values() if not r.induk]
    return [(x, y) for i, x in enumerate(main) for y in main[i + 1 :]]


def default_pair(guide: Guide) -> tuple[str, str] | None:
    pairs = compared_pairs(guide)
    return DEFAULT_PAIR if DEFAULT_PAIR in pairs else (pairs[0] if pairs else None)


def comparison_page(guide: Guide, a: str, b: str) -> str:
    """The default pair is the index page of the comparisons; every other pair has its own."""
    return f"{COMPARE_DIR}/index.md" if (a, b) == default_pair(guide) else f"{COMPARE_DIR}/{a}-dan-{b}.md"


# ---------------------------------------------------------------------------------------------
# Law

BINDING_VERBS = {
    "kewajiban": "Mewajibkan",
    "larangan": "Melarang",
    "hak": "Memberi hak kepada",
    "pengecualian": "Memberi kelonggaran bagi",
    "kewenangan": "Memberi wewenang kepada",
}


@dataclass(frozen=True)
class UnitBinding:
    where: str  # "Pasal 44 ayat (1)"
    verb: str  # "Mewajibkan"
    subjects: tuple[str, ...]  # addressee names


@dataclass(frozen=True)
class Quote:
    where: str
    words: str


@dataclass(frozen=True)
class PasalView:
    pasal: Pasal
    structure: str  # "2 ayat; ayat (1) huruf a–d"
    bindings: tuple[UnitBinding, ...]
    quotes: tuple[Quote, ...]
    status: str  # "", "diubah oleh UU 35/2014", ...


def _labelled(unit: Point, where: str) -> Iterator[tuple[str, Point]]:
    yield where, unit
    ayat = getattr(unit, "ayat", 0)
    for kind, value in (("ayat", ayat), ("huruf", unit.huruf), ("angka", unit.angka)):
        if isinstance(value, list):
            for label, child in zip(labels(value, kind), value, strict=False):
                part = f"({label})" if kind == "ayat" else label
                yield from _labelled(child, f"{where} {kind} {part}")


def _points(value: int | list[Point], kind: str) -> str:
    known = labels(value, kind)
    return f"{kind} {known[0]}–{known[-1]}" if known else ""


def structure_text(pasal: Pasal) -> str:
    """A one-line description of how a Pasal is divided, e.g. "2 ayat; ayat (1) huruf a–d"."""
    parts: list[str] = []
    ayat = pasal.ayat
    if count(ayat):
        parts.append(f"{count(ayat)} ayat")
        if isinstance(ayat, list):
            for label, unit in zip(labels(ayat, "ayat"), ayat, strict=False):
                inner = ", ".join(p for p in (_points(unit.huruf, "huruf"), _points(unit.angka, "angka")) if p)
                if inner:
                    parts.append(f"ayat ({label}) {inner}")
    else:
        inner = ", ".join(p for p in (_points(pasal.huruf, "huruf"), _points(pasal.angka, "angka")) if p)
        parts.append(inner or "tanpa ayat atau butir")
    return "; ".join(parts)


def _subject_names(law: Law, binding: Binding) -> tuple[str, ...]:
    return tuple(law.addressees[s].nama if s in law.addressees else s for s in binding.subjek)


def pasal_view(law: Law, pasal: Pasal) -> PasalView:
    bindings, quotes = [], []
    for where, unit in _labelled(pasal, f"Pasal {pasal.nomor}"):
        for b in unit.mengikat:
            bindings.append(UnitBinding(where, BINDING_VERBS[b.sifat], _subject_names(law, b)))
        if unit.kutipan:
            quotes.append(Quote(where, unit.kutipan))
    status = ""
    if pasal.dihapus:
        status = f"dihapus oleh {pasal.dihapus}"
    elif pasal.diubah:
        status = f"diubah oleh {pasal.diubah}; ringkasan dan struktur mengikuti versi yang berlaku"
    elif pasal.disisipkan:
        status = f"disisipkan oleh {pasal.disisipkan}"
    return PasalView(pasal, structure_text(pasal), tuple(bindings), tuple(quotes), status)


@dataclass(frozen=True)
class Citing:
    """A guideline citing an article, and where in it ("dasar hukum", "rekomendasi R1", "isi")."""

    guideline: GuidelineSource
    where: list[str]


def citing(guide: Guide, law: Law) -> dict[str, list[Citing]]:
    """Pasal number → the guidelines (not withdrawn) citing it, in the order they first do."""
    out: dict[str, dict[str, Citing]] = {}
    for use in guide.citations:
        if use.law is not law or not use.guideline:
            continue
        g = guide.guidelines.get(use.guideline)
        if g is None or g.withdrawn:
            continue
        where = f"rekomendasi {use.recommendation}" if use.recommendation else ("isi" if use.inline else "dasar hukum")
        entry = out.setdefault(use.citation.pasal, {}).setdefault(g.id, Citing(g, []))
        if where not in entry.where:
            entry.where.append(where)
    return {pasal: list(by_guideline.values()) for pasal, by_guideline in out.items()}


def cited_pasal(guide: Guide, law: Law) -> set[str]:
    """Pasal numbers of `law` that at least one guideline (not withdrawn) cites."""
    return set(citing(guide, law))


# ---------------------------------------------------------------------------------------------
# Guidelines over time: history, withdrawn recommendations, review dates, changes


@dataclass(frozen=True)
class HistoryView:
    """What a guideline page shows about its past and its next review."""

    last_updated: dt.date  # the latest `riwayat` entry's date, never the build date
    entries: tuple[ChangeEntry, ...]  # newest first
    withdrawn: tuple[tuple[WithdrawnRecommendation, ChangeEntry | None], ...]
    review: Review


def history_view(g: GuidelineSource, today: dt.date) -> HistoryView:
    by_version = {parse_version(e.versi): e for e in g.riwayat}
    withdrawn = tuple((w, by_version.get(parse_version(w.sejak))) for w in g.rekomendasi_dicabut)
    return HistoryView(g.riwayat[-1].tanggal, tuple(reversed(g.riwayat)), withdrawn, review_of(g, today))


def change_days(changes: list[Change]) -> list[tuple[dt.date, list[Change]]]:
    """Changes grouped by date, in the order given (newest first)."""
    days: dict[dt.date, list[Change]] = {}
    for change in changes:
        days.setdefault(change.date, []).append(change)
    return list(days.items())


# A day with more changes than this (an edition released at once) lists them under their topics:
# a reader finds their own topic, and no part of the page grows with the whole guide (search
# engines index a page by its headings; Zensical refuses a part of more than 8,192 words).
BUSY_DAY = 10


def change_topics(guide: Guide, changes: list[Change]) -> list[tuple[str, list[Change]]]:
    """One day's changes as (topic title, changes), in the topics' order; one group with no title
    for a day of up to BUSY_DAY changes."""
    if len(changes) <= BUSY_DAY:
        return [("", changes)]
    by_topic: dict[str, list[Change]] = {}
    for change in changes:
        by_topic.setdefault(change.guideline.topik, []).append(change)
    order = {topic: i for i, topic in enumerate(guide.topics)}
    return [
        (guide.topics[topic].judul if topic in guide.topics else topic, items)
        for topic, items in sorted(by_topic.items(), key=lambda kv: order.get(kv[0], len(order)))
    ]


@dataclass(frozen=True)
class ReviewRow:
    review: Review
    team: str  # the owner team's name, or "" when none is recorded


def review_board(guide: Guide, today: dt.date) -> tuple[list[ReviewRow], list[ReviewRow]]:
    """(overdue, due within REVIEW_WINDOW_DAYS) guidelines in force, most urgent first."""
    rows = [
        ReviewRow(r, guide.teams[r.guideline.pemilik].nama if r.guideline.pemilik in guide.teams else "")
        for r in reviews(guide, today)
    ]
    return [r for r in rows if r.review.overdue], [r for r in rows if r.review.due_soon]


# ---------------------------------------------------------------------------------------------
# Situations: "Dalam situasi ini", from a sudden situation to each role's first steps


@dataclass(frozen=True)
class DrawnStep:
    """A guideline step shown in a situation, with its number on the guideline page."""

    guideline: GuidelineSource
    number: int
    step: Step


@dataclass(frozen=True)
class SituationRole:
    """What one role does first in a situation. Both lists may be empty: the guidelines then
    hold nothing for this role here, and the page says so instead of filling the gap."""

    role: Role
    steps: list[DrawnStep]
    handoffs: list[HandoffView]
    guidelines: list[GuidelineSource]  # where the steps and handoffs come from, to read in full


@dataclass(frozen=True)
class SituationView:
    situation: Situation
    roles: list[SituationRole]  # every role the situation's guidelines address, in registry order
    guidelines: list[GuidelineSource]  # every guideline the situation draws from, first use first


def situation_view(guide: Guide, situation: Situation) -> SituationView:
    """The steps and handoffs a situation names, looked up in the guidelines (checks.py has made
    sure they exist; a guideline that is not in force is left out all the same)."""
    draws = [
        d
        for d in situation.langkah_pertama
        if d.peran in guide.roles and d.pedoman in guide.guidelines and guide.guidelines[d.pedoman].status == "berlaku"
    ]
    guidelines = list(dict.fromkeys(guide.guidelines[d.pedoman].id for d in draws))
    named = {r for gid in guidelines for r in guide.guidelines[gid].peran} | {d.peran for d in draws}
    roles = []
    for role in guide.roles.values():
        if role.id not in named:
            continue
        steps: list[DrawnStep] = []
        handoffs: list[HandoffView] = []
        sources: list[GuidelineSource] = []
        for d in (d for d in draws if d.peran == role.id):
            g = guide.guidelines[d.pedoman]
            steps += [DrawnStep(g, n, g.langkah[n - 1]) for n in d.langkah if n <= len(g.langkah)]
            handoffs += [
                handoff_view(guide, g, h) for target in d.rujukan_ke for h in handoffs_to(guide, g, role.id, target)
            ]
            if g not in sources:
                sources.append(g)
        if not sources:  # nothing drawn for this role: point at the guidelines that address it
            sources = [guide.guidelines[gid] for gid in guidelines if role.id in guide.guidelines[gid].peran]
        roles.append(SituationRole(role, steps, handoffs, sources))
    return SituationView(situation, roles, [guide.guidelines[gid] for gid in guidelines])


# ---------------------------------------------------------------------------------------------
# Every page: where to change it, where to report a problem


@dataclass(frozen=True)
class PageActions:
    edit_url: str | None  # the source file on the forge; None for pages with no single source
    source: str  # what the reports name as the page's source
    reports: tuple[tuple[str, str], ...]  # (link text, prefilled issue form)
    mailto: str | None
    email: str  # shown as text too: offline, a mail link may open nothing


def page_actions(forge: Forge, *, title: str, url: str, source: str | None, page: str) -> PageActions:
    """Links for one page. `url` is its published address (or its path when none is known),
    `source` the file an editor changes (`guidelines/x/y.md`, `glossary/`), `page` the docs path."""
    source_id = source or f"{page} (halaman buatan generator, tanpa satu berkas sumber)"
    reports = tuple(
        (label, link)
        for form, label, prefix in ISSUE_FORMS
        if (link := forge.issue_url(form, f"[{prefix}] {title}", url, source_id))
    )
    body = (
        f"Halaman: {title}\nAlamat: {url}\nSumber: {source_id}\n\n"
        "Apa yang salah, kurang jelas, atau sudah berubah?\n\n\n"
        "Bila ada, sebutkan peraturan atau sumber yang benar:\n\n\n"
        "(Mohon jangan menulis nama, nomor identitas, atau cerita klien yang dapat dikenali.)\n"
    )
    mailto = forge.mailto(f"[Panduan Praktik] Masukan: {title}", body)
    return PageActions(forge.edit_url(source), source_id, reports, mailto, forge.email)


# ---------------------------------------------------------------------------------------------
# Downloads: the Unduhan page lists every file grouped by use

# (id, heading, who it is for), in page order.
DOWNLOAD_GROUPS = (
    ("lapangan", "Bawa ke lapangan", "Buku saku per peran, untuk dibaca di ponsel atau dicetak dan dibawa."),
    (
        "pelatih",
        "Untuk pelatih",
        "Bahan cetak untuk pelatihan: buku saku siap lipat, lembar penilaian diri, sisipan perubahan.",
    ),
    ("lengkap", "Lengkap", "Seluruh isi panduan: buku panduan, PDF per pedoman, dan paket luring."),
)
# The manifest's `kind` of each file → its group. A new kind of download is one line here; an
# entry may also name its group itself (`kelompok`, e.g. the module handouts); a file of an unknown
# kind is listed under "Lengkap".
DOWNLOAD_KINDS = {
    "buku-saku": "lapangan",
    "cetak-lipat": "pelatih",
    "penilaian-diri": "pelatih",
    "sisipan-perubahan": "pelatih",
    "buku-panduan": "lengkap",
    "pedoman": "lengkap",
    "paket-luring": "lengkap",
}


@dataclass(frozen=True)
class DownloadGroup:
    id: str
    title: str
    intro: str
    entries: list[dict[str, Any]]


def download_groups(entries: list[dict[str, Any]]) -> list[DownloadGroup]:
    """The downloads by use, in manifest order within a group; empty groups are left out."""
    groups = {gid: DownloadGroup(gid, title, intro, []) for gid, title, intro in DOWNLOAD_GROUPS}
    for entry in entries:
        group = entry.get("kelompok") or DOWNLOAD_KINDS.get(entry.get("kind", ""), "lengkap")
        groups[group if group in groups else "lengkap"].entries.append(entry)
    return [group for group in groups.values() if group.entries]
