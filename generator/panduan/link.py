"""Stage 4: cross-links — resolve every legal citation and index who uses what.

The indexes built here ("pedoman yang merujuk pasal ini", "dipakai di", role tasks) are computed
from the sources, not collected from page events, so partial rebuilds cannot make them partial.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from panduan.diagnostics import Diagnostic, Location
from panduan.glossary import TermMatcher, plain_segments
from panduan.markdown_spans import inline_citation_sites
from panduan.law import CitationError, looks_like_citation
from panduan.model import CitationUse, Guide
from panduan.schema import GuidelineSource, Handoff, Source, Task


def resolve_citations(guide: Guide) -> tuple[list[CitationUse], list[Diagnostic]]:
    uses: list[CitationUse] = []
    problems: list[Diagnostic] = []
    for text, location, who in _citation_sites(guide):
        try:
            cite, law = guide.laws.resolve(text)
        except CitationError as exc:
            problems.append(Diagnostic("invalid-citation", exc.message, (location,), exc.hint))
            continue
        uses.append(CitationUse(cite, law, location, **who))
    return uses, problems


def _citation_sites(guide: Guide) -> Iterator[tuple[str, Location, dict]]:
    """Every citation written anywhere in the sources, with where and who."""
    for g in guide.guidelines.values():
        for i, text in enumerate(g.dasar_hukum):
            yield text, g.loc("dasar_hukum", i), {"guideline": g.id}
        for rec in g.rekomendasi:
            for i, text in enumerate(rec.dasar_hukum):
                yield text, rec.loc("dasar_hukum", i), {"guideline": g.id, "recommendation": rec.id}
        for text, location in inline_citation_sites(g):
            yield text, location, {"guideline": g.id, "inline": True}
    for term in guide.terms.values():
        for i, text in enumerate(term.source.sumber):
            if looks_like_citation(text):
                yield text, term.source.loc("sumber", i), {"term": term.id}
    registries: list[Source] = [*guide.roles.values(), *guide.services.values(), *guide.task_kinds.values()]
    for item in registries:
        for i, text in enumerate(getattr(item, "dasar_hukum", [])):
            yield text, item.loc("dasar_hukum", i), {}


# ---------------------------------------------------------------------------------------------
# Indexes


@dataclass(frozen=True)
class RoleTask:
    guideline: GuidelineSource
    task: Task
    letter: str  # R, A, C or I


@dataclass
class Links:
    """Cross-reference indexes over the whole guide."""

    term_users: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    role_tasks: dict[str, list[RoleTask]] = field(default_factory=lambda: defaultdict(list))
    role_handoffs: dict[str, list[tuple[GuidelineSource, Handoff]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    competency_guidelines: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


def build_links(guide: Guide, matcher: TermMatcher) -> Links:
    links = Links()
    for g in guide.guidelines.values():
        if g.status == "dicabut":
            continue
        for term_id in terms_in(g, matcher):
            links.term_users[term_id].append(g.id)
        for task in g.tugas:
            for role, letter in _letters(task):
                links.role_tasks[role].append(RoleTask(g, task, letter))
        for handoff in g.rujukan:
            links.role_handoffs[handoff.dari].append((g, handoff))
        for comp in g.kompetensi:
            links.competency_guidelines[comp].append(g.id)
    return links


def _letters(task: Task) -> Iterator[tuple[str, str]]:
    for role in task.pelaksana:
        yield role, "R"
    for role in task.accountable:
        yield role, "A"
    for role in task.dikonsultasikan:
        yield role, "C"
    for role in task.diinformasikan:
        yield role, "I"


def terms_in(g: GuidelineSource, matcher: TermMatcher) -> list[str]:
    """Term ids used anywhere in a guideline's readable text (body, summary, items)."""
    texts = [g.judul, g.ringkasan, *(r.teks for r in g.rekomendasi), *(s.teks for s in g.langkah)]
    body = g.file.body
    texts += [body[a:b] for a, b in plain_segments(body)]
    found: list[str] = []
    for text in texts:
        for match in matcher.find(text):
            if match.term_id not in found:
                found.append(match.term_id)
    return found
