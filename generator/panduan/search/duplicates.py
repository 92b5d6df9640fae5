"""Likely duplicate tasks: the same real-world task written under two ids.

Two tasks are reported (a warning naming both files and lines) when they have the same kind
(`jenis`), names that read alike after the search analyzer's normalisation (the stems a search
would match), and a different responsible (R) or accountable (A) role — the overlap between
pendamping and relawan that a shared id would have caught as a RACI conflict. National tasks are
compared with each other and with the tasks overlays add.

An editor resolves a warning by giving both the same id (one shared task, checked for identical
RACI), or by recording on either task a reviewed `bukan_duplikat_dari` with the reason.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from panduan.diagnostics import Diagnostic, Severity
from panduan.model import Guide
from panduan.schema import Task
from panduan.search.stemmer import analyze

# Names whose stems overlap this much (Jaccard) read as the same task; a name whose stems all
# occur in the other ("Asesmen kebutuhan klien" in "... klien dan keluarga") does too.
SIMILARITY = 0.6
MIN_SHARED_STEMS = 2


@dataclass(frozen=True)
class TaskUse:
    """A task and where it is written: a national guideline or an overlay."""

    task: Task
    owner: str  # "pedoman `asesmen`" or "tambahan wilayah `banten/...`"

    @property
    def stems(self) -> frozenset[str]:
        return frozenset(analyze(self.task.nama))

    @property
    def responsible(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        return tuple(sorted(self.task.pelaksana)), tuple(sorted(self.task.accountable))


def task_uses(guide: Guide) -> list[TaskUse]:
    uses = [TaskUse(t, f"pedoman `{g.id}`") for g in guide.guidelines.values() if not g.withdrawn for t in g.tugas]
    uses += [TaskUse(t, f"tambahan wilayah `{o.wilayah}/{o.id}`") for o in guide.overlays for t in o.tugas]
    return uses


def similar_names(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b:
        return False
    small, big = sorted((a, b), key=len)
    return (len(small) >= MIN_SHARED_STEMS and small <= big) or len(a & b) / len(a | b) >= SIMILARITY


def _resolved(a: Task, b: Task) -> bool:
    return any(n.tugas == b.id for n in a.bukan_duplikat_dari) or any(n.tugas == a.id for n in b.bukan_duplikat_dari)


def likely_duplicates(guide: Guide) -> Iterator[tuple[TaskUse, TaskUse]]:
    uses = task_uses(guide)
    stems = {id(u): u.stems for u in uses}
    for i, j in _candidate_pairs(uses, stems):
        a, b = uses[i], uses[j]
        ta, tb = a.task, b.task
        if ta.id == tb.id or not ta.jenis or ta.jenis != tb.jenis:
            continue
        if a.responsible == b.responsible or _resolved(ta, tb):
            continue
        if similar_names(stems[id(a)], stems[id(b)]):
            yield a, b


def _candidate_pairs(uses: list[TaskUse], stems: dict[int, frozenset[str]]) -> list[tuple[int, int]]:
    """Pairs (i < j, in the order of `uses`) of the same kind that share a stem: `similar_names`
    needs one shared stem at least, so the rest need not be compared. Comparing every pair grew
    with the square of the guide (112 million pairs at 5,000 guidelines)."""
    by_stem: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, use in enumerate(uses):
        if use.task.jenis:
            for stem in stems[id(use)]:
                by_stem[(use.task.jenis, stem)].append(i)
    pairs = {pair for group in by_stem.values() for pair in itertools.combinations(group, 2)}
    return sorted(pairs)


def check_duplicate_tasks(guide: Guide) -> list[Diagnostic]:
    out = [_duplicate(a, b) for a, b in likely_duplicates(guide)]
    out += list(_overlay_id_conflicts(guide))
    out += list(_unknown_not_duplicates(guide))
    return out


def _describe(use: TaskUse) -> str:
    t = use.task
    return f"`{t.id}` \u201c{t.nama}\u201d di {use.owner} (R={','.join(t.pelaksana)}; A={','.join(t.accountable)})"


def _duplicate(a: TaskUse, b: TaskUse) -> Diagnostic:
    return Diagnostic(
        "possible-duplicate-task",
        f"tugas {_describe(b)} tampaknya sama dengan tugas {_describe(a)}: jenisnya sama "
        f"(`{a.task.jenis}`) dan namanya mirip, tetapi pelaksana atau penanggung jawabnya berbeda.",
        (b.task.loc("nama"), a.task.loc("nama")),
        "Bila tugasnya memang sama, pakai satu id yang sama di kedua berkas dengan pembagian RACI yang sama. "
        f"Bila berbeda, tambahkan pada salah satunya `bukan_duplikat_dari: [{{tugas: {a.task.id}, alasan: ..., "
        "ditelaah: TTTT-BB-HH}]`.",
        Severity.WARNING,
    )


def _overlay_id_conflicts(guide: Guide) -> Iterator[Diagnostic]:
    """An overlay that reuses a national task id must assign it exactly as the nation does."""
    national = {t.id: t for g in guide.guidelines.values() for t in g.tugas}
    for o in guide.overlays:
        for task in o.tugas:
            other = national.get(task.id)
            if other is not None and other.assignment() != task.assignment():
                yield Diagnostic(
                    "raci-conflict",
                    f"tugas `{task.id}` di tambahan wilayah ditugaskan berbeda dari tugas nasional dengan id yang sama.",
                    (task.loc("id"), other.loc("id")),
                    "Tambahan wilayah tidak mengubah pembagian tugas nasional: samakan nama, jenis, dan RACI-nya, "
                    "atau beri tugas setempat id sendiri.",
                )


def _unknown_not_duplicates(guide: Guide) -> Iterator[Diagnostic]:
    ids = {u.task.id for u in task_uses(guide)}
    for use in task_uses(guide):
        for i, note in enumerate(use.task.bukan_duplikat_dari):
            if note.tugas not in ids:
                yield Diagnostic(
                    "unknown-reference",
                    f"`bukan_duplikat_dari` menyebut tugas `{note.tugas}`, yang tidak ada.",
                    (use.task.loc("bukan_duplikat_dari", i, "tugas"),),
                    "Tulis id tugas yang dimaksud persis seperti di pedoman atau tambahan wilayahnya.",
                )
