"""Stage 4: cross-links — every prose field as linked text, every citation resolved, indexes.

`link_guide()` reads each field the schema declares (`schema.PROSE`, `schema.CITATION_LISTS`)
once: prose becomes segments (segments.py), citations resolve to the article they name, and
each problem is reported where it was written. The outputs only format what this stage made.

The indexes ("pedoman yang merujuk pasal ini", "dipakai di", role tasks) are computed from the
sources, not collected from page events, so partial rebuilds cannot make them partial.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from panduan.diagnostics import Diagnostic, Location, Report
from panduan.glossary import TermMatcher
from panduan.law import CitationError, Laws, looks_like_citation
from panduan.markdown_spans import body_location, code_and_citations
from panduan.model import CitationUse, Guide
from panduan.schema import BODY, CITATION_LISTS, PROSE, GuidelineSource, Handoff, Recommendation, Source, Task, nested
from panduan.segments import Cite, LinkedText, segment


@dataclass(frozen=True)
class RoleTask:
    guideline: GuidelineSource
    task: Task
    letter: str  # R, A, C or I


@dataclass
class Links:
    """The linked text of every prose field, and cross-reference indexes over the whole guide."""

    laws: Laws = field(default_factory=lambda: Laws([]))
    texts: dict[str, LinkedText] = field(default_factory=dict)
    term_users: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    # term → guideline → how many of its prose fields use the term: how central the term is there
    term_fields: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    role_tasks: dict[str, list[RoleTask]] = field(default_factory=lambda: defaultdict(list))
    role_handoffs: dict[str, list[tuple[GuidelineSource, Handoff]]] = field(default_factory=lambda: defaultdict(list))
    competency_guidelines: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    resolved: dict[str, Cite | None] = field(default_factory=dict)  # citation words → what they name

    def text(self, source: str) -> LinkedText:
        """The segments of a prose field, as this stage cut them. Equal texts in two fields share
        one cut: a citation where the schema allows none is an error, and terms found where they
        are not looked for would only be written as they are."""
        try:
            return self.texts[source]
        except KeyError:
            raise KeyError(f"not a prose field of the guide (see schema.PROSE): {source[:60]!r}") from None

    def main_users(self, term_id: str, limit: int) -> list[str]:
        """The guidelines where a term matters most: at most `limit` of its users, those that use
        it in the most fields (ties: guide order), listed in guide order."""
        users = self.term_users.get(term_id, [])
        if len(users) <= limit:
            return list(users)
        fields = self.term_fields[term_id]
        order = {gid: i for i, gid in enumerate(users)}
        chosen = sorted(users, key=lambda gid: (-fields.get(gid, 0), order[gid]))[:limit]
        return sorted(chosen, key=order.__getitem__)

    def citation(self, text: str) -> Cite | None:
        """A citation written in a list (`dasar_hukum`) or a template, resolved; None if it is not
        one (free text) or is invalid (reported for sources by `link_guide`)."""
        if text not in self.resolved:
            self.resolved[text] = resolve(self.laws, text)
        return self.resolved[text]


@dataclass
class BuildResult:
    """The linked guide: what every later stage reads (`build.build_guide()` makes it)."""

    guide: Guide
    report: Report
    matcher: TermMatcher
    links: Links

    @property
    def ok(self) -> bool:
        return not self.report.errors


def resolve(laws: Laws, text: str) -> Cite | None:
    """A citation's words as the article they name, or None when they name none (no diagnostic:
    for words a template writes; the sources' citations go through `link_guide`)."""
    try:
        cite, law = laws.resolve(text)
    except CitationError:
        return None
    return Cite(text, cite, law)


def link_guide(guide: Guide, matcher: TermMatcher) -> tuple[Links, list[Diagnostic]]:
    """Linked text and resolved citations for every declared field; `guide.citations` is set."""
    linker = _Linker(guide, matcher)
    for obj, who in _sources(guide):
        linker.visit(obj, who)
    guide.citations = linker.uses
    links = Links(guide.laws, linker.texts, resolved=linker.resolved)
    _index(guide, links, linker.guideline_terms)
    return links, linker.problems


def _sources(guide: Guide) -> Iterator[tuple[Source, dict[str, Any]]]:
    """Every top-level source object, with who it belongs to (for "who cites this article")."""
    for g in guide.guidelines.values():
        yield g, {"guideline": g.id}
    for term in guide.terms.values():
        yield term.source, {"term": term.id}
    registries: list[Source] = [
        *guide.topics.values(),
        *guide.roles.values(),
        *guide.services.values(),
        *guide.task_kinds.values(),
        *guide.competencies.values(),
        *guide.stages.values(),
        *guide.situations.values(),
    ]
    for item in registries:
        yield item, {}
    for law in guide.laws:
        yield law.source, {}
    for services in guide.regional_services.values():
        for service in services.values():
            yield service, {}
    for overlay in guide.overlays:
        yield overlay, {}


class _Linker:
    def __init__(self, guide: Guide, matcher: TermMatcher) -> None:
        self.guide = guide
        self.matcher = matcher
        self.texts: dict[str, LinkedText] = {}
        self.resolved: dict[str, Cite | None] = {}
        self.uses: list[CitationUse] = []
        self.problems: list[Diagnostic] = []
        self.guideline_terms: dict[str, list[str]] = defaultdict(list)

    def visit(self, obj: Source, who: dict[str, Any]) -> None:
        """Citation lists first, then nested objects, then prose: for a guideline the citations
        are met in the order "dasar hukum", recommendations, body (the law pages list them so)."""
        for name, rule in CITATION_LISTS.get(type(obj), {}).items():
            for i, text in enumerate(getattr(obj, name)):
                if not rule.free_text or looks_like_citation(text):
                    self.cite(text, obj.loc(name, i), who)
        for child in nested(obj):
            if _declares(type(child)):
                self.visit(child, {**who, "recommendation": child.id} if isinstance(child, Recommendation) else who)
        for name, prose in PROSE.get(type(obj), {}).items():
            for text, where in _field_texts(obj, name):
                cite = self._inline(where, who) if prose.citations else None
                linked = segment(text, self.matcher if prose.terms else None, cite)
                if prose.terms or text not in self.texts:
                    self.texts[text] = linked  # equal texts read the same; the one with terms is kept
                if not prose.citations:
                    self._no_citations(obj, name, text, where)
                if prose.terms and "guideline" in who:
                    self.guideline_terms[who["guideline"]] += linked.terms

    def _inline(self, where: Any, who: dict[str, Any]) -> Any:
        """The resolver for a field's `[[...]]` citations: located in the field, used "inline"."""
        return lambda words, offset: self.cite(words, where(offset), {**who, "inline": True})

    def cite(self, text: str, location: Location, who: dict[str, Any]) -> Cite | None:
        try:
            provision = self.guide.laws.provision(text)
        except CitationError as exc:
            self.problems.append(Diagnostic("invalid-citation", exc.message, (location,), exc.hint))
            self.resolved[text] = None
            return None
        if not provision.pasal.ringkasan:
            self.problems.append(
                Diagnostic(
                    "law-summary-missing",
                    f"{provision.law.singkatan} Pasal {provision.pasal.nomor} dirujuk, tetapi belum punya `ringkasan`.",
                    (location, provision.pasal.loc("nomor")),
                    "Tulis ringkasan pasal itu dengan kata-kata sendiri di berkas peraturannya.",
                )
            )
        self.uses.append(CitationUse(provision.citation, provision.law, location, **who))
        self.resolved[text] = found = Cite(text, provision.citation, provision.law)
        return found

    def _no_citations(self, obj: Source, name: str, text: str, where: Any) -> None:
        for span in code_and_citations(text):
            if span.kind == "citation":
                self.problems.append(
                    Diagnostic(
                        "citation-not-allowed",
                        f"kolom `{name}` tidak dapat memuat sitasi `{text[span.start : span.end]}`.",
                        (where(span.start),),
                        "Sitasi di dalam teks hanya dibaca di isi pedoman, `teks` rekomendasi, langkah, "
                        "dan catatan lokal. Tulis pasalnya di `dasar_hukum` (atau `sumber` untuk istilah), "
                        "atau tulis sitasinya sebagai kode bila memang contoh.",
                    )
                )


@functools.cache
def _declares(cls: type[Source]) -> bool:
    """Whether objects of `cls`, or objects nested in them, have fields the schema declares (a
    Pasal's ayat and points do not: the walk stops there)."""
    return _reaches(cls, set())


def _reaches(cls: type[Source], seen: set[type]) -> bool:
    if cls in PROSE or cls in CITATION_LISTS:
        return True
    seen.add(cls)
    return any(
        _reaches(inner, seen) for f in cls.model_fields.values() for inner in _models(f.annotation) if inner not in seen
    )


def _models(annotation: Any) -> Iterator[type[Source]]:
    """Source models named anywhere in a field's type (`list[Step]`, `int | list[Point]`)."""
    if isinstance(annotation, type) and issubclass(annotation, Source):
        yield annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        yield from _models(arg)


def _field_texts(obj: Source, name: str) -> Iterator[tuple[str, Any]]:
    """(text, offset → location) for a prose field: the body, a text, or each item of a list."""
    if name == BODY:
        assert isinstance(obj, GuidelineSource)
        yield obj.file.body, lambda offset: body_location(obj, offset)
        return
    value = getattr(obj, name)
    if isinstance(value, list):
        for i, item in enumerate(value):
            yield item, lambda offset, i=i: obj.loc(name, i)
    elif isinstance(value, str):
        yield value, lambda offset: obj.loc(name)


# ---------------------------------------------------------------------------------------------
# Indexes


def _index(guide: Guide, links: Links, guideline_terms: dict[str, list[str]]) -> None:
    for g in guide.guidelines.values():
        if g.withdrawn:
            continue
        for term_id, fields in Counter(guideline_terms[g.id]).items():
            links.term_users[term_id].append(g.id)
            links.term_fields[term_id][g.id] = fields
        for task in g.tugas:
            for role, letter, _ in task.raci():
                links.role_tasks[role].append(RoleTask(g, task, letter))
        for handoff in g.rujukan:
            links.role_handoffs[handoff.dari].append((g, handoff))
        for comp in g.kompetensi:
            links.competency_guidelines[comp].append(g.id)
