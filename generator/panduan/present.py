"""Presentation views shared by every output (site, PDF): derived once from the model, laid out
by templates. Nothing here formats HTML or Markdown."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from panduan.forge import ISSUE_FORMS, Forge
from panduan.history import Change, Review, parse_version, review_of, reviews
from panduan.law import Law, count, labels
from panduan.model import Guide
from panduan.schema import (
    Binding,
    ChangeEntry,
    GuidelineSource,
    Pasal,
    Point,
    Recommendation,
    WithdrawnRecommendation,
)

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
            for label, child in zip(labels(value, kind), value):
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
            for label, unit in zip(labels(ayat, "ayat"), ayat):
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


def cited_pasal(guide: Guide, law: Law, *, in_force_only: bool = True) -> set[str]:
    """Pasal numbers of `law` that at least one guideline (not withdrawn) cites."""
    out: set[str] = set()
    for use in guide.citations:
        if use.law is not law or not use.guideline:
            continue
        g = guide.guidelines.get(use.guideline)
        if g is not None and (not in_force_only or g.status != "dicabut"):
            out.add(use.citation.pasal)
    return out


def addressed_roles(g: GuidelineSource, rec: Recommendation) -> list[str]:
    """The roles a recommendation addresses: its `untuk`, or else every role of the guideline."""
    return list(rec.untuk) or list(g.peran)


def recommendations_for(guide: Guide, g: GuidelineSource, roles: list[str]) -> list[Recommendation]:
    """Recommendations that address any of `roles`, a sub-role of one, or a parent of one."""
    family = {a for r in roles for a in (*guide.role_lineage(r), *guide.sub_roles(r))}
    return [rec for rec in g.rekomendasi if family & set(addressed_roles(g, rec))]


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


@dataclass(frozen=True)
class ReviewRow:
    review: Review
    team: str  # the owner team's name, or "" when none is recorded


def review_board(guide: Guide, today: dt.date) -> tuple[list[ReviewRow], list[ReviewRow]]:
    """(overdue, due within REVIEW_WINDOW_DAYS) guidelines in force, most urgent first."""
    rows = [ReviewRow(r, guide.teams[r.guideline.pemilik].nama if r.guideline.pemilik in guide.teams else "") for r in reviews(guide, today)]
    return [r for r in rows if r.review.overdue], [r for r in rows if r.review.due_soon]


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
