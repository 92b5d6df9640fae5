"""Assemble the HTML of each PDF (handbook, role booklet, single guideline) from the model.

Nothing here reads the built site: every document is rendered from the `BuildResult`, through
the Jinja templates in `panduan/pdf/templates/`. The result is a picklable `Job` (HTML string
plus manifest data) that the writer hands to WeasyPrint in a worker process.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib import resources
from typing import Any

import jinja2
from markupsafe import Markup

from panduan.build import BuildResult
from panduan.history import Change
from panduan.law import looks_like_citation
from panduan.present import change_days, history_view, pasal_view, recommendations_for
from panduan.model import Term
from panduan.pdf.fonts import font_css
from panduan.pdf.markup import Converter, guideline_anchor, pasal_anchor, qr_data_uri, term_anchor
from panduan.render import STATUS_LABELS, STRENGTH_LABELS, tanggal
from panduan.sanitize import clean_pdf_html
from panduan.schema import GuidelineSource, Role, Task

HANDBOOK_FILE = "panduan-praktik.pdf"
HANDOFF_VERBS = {"rujuk": "Rujuk", "lapor": "Laporkan", "konsultasi": "Konsultasikan"}
DEFAULT_SUBTITLE = "Panduan lapangan bersama untuk pekerja sosial, pendamping, dan relawan sosial."


@dataclass(frozen=True)
class Edition:
    """What every document of one run shares."""

    version: str
    built: dt.date
    site_url: str | None = None
    subtitle: str = DEFAULT_SUBTITLE

    def guideline_url(self, g: GuidelineSource) -> str | None:
        return f"{self.site_url.rstrip('/')}/{g.topik}/{g.id}/" if self.site_url else None


@dataclass(frozen=True)
class Job:
    """One PDF to write: its path under the output folder, manifest entry and HTML."""

    file: str
    title: str
    description: str
    html: str
    role: str | None = None
    guideline: str | None = None

    def manifest_entry(self) -> dict[str, str]:
        entry = {"file": self.file, "title": self.title, "description": self.description}
        if self.role:
            entry["role"] = self.role
        if self.guideline:
            entry["guideline"] = self.guideline  # lets the site list single-guideline PDFs apart
        return entry


@dataclass
class TaskLine:
    """One line of a role's checklist: a task, how the role takes part, and where it is described."""

    task: Task
    letters: list[str]
    as_roles: list[str]
    guideline: GuidelineSource


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("panduan.pdf", "templates"),
        autoescape=jinja2.select_autoescape(["html.j2"], default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["tanggal"] = tanggal
    env.tests["citation"] = looks_like_citation
    env.globals.update(
        STRENGTH_LABELS=STRENGTH_LABELS,
        STATUS_LABELS=STATUS_LABELS,
        HANDOFF_VERBS=HANDOFF_VERBS,
        guideline_anchor=guideline_anchor,
        short_name=role_short_name,
        term_anchor=term_anchor,
        pasal_anchor=pasal_anchor,
    )
    return env


def _print_css() -> str:
    return resources.files("panduan.pdf").joinpath("templates", "print.css").read_text(encoding="utf-8")


class Assembler:
    """Builds the `Job`s of one run from one BuildResult."""

    def __init__(self, result: BuildResult, edition: Edition) -> None:
        self.result = result
        self.guide = result.guide
        self.links = result.links
        self.edition = edition
        self.env = _environment()
        self.css = Markup(font_css() + _print_css())  # noqa: S704 - our own stylesheet
        self.env.filters["role_name"] = self._role_name
        self.env.filters["target_name"] = self._target_name

    # -----------------------------------------------------------------------------------------
    # Selections

    def published(self) -> list[GuidelineSource]:
        """Guidelines that appear in print, in topic (chapter) order; withdrawn ones are skipped."""
        return [g for topic_id in self.guide.topics for g in self.guide.in_topic(topic_id, include_withdrawn=False)]

    def booklet_roles(self) -> list[str]:
        """Top-level roles with at least one guideline."""
        return [
            role.id
            for role in self.guide.roles.values()
            if not role.induk and any(self.guide.applies_to(g, role.id) for g in self.published())
        ]

    # -----------------------------------------------------------------------------------------
    # Documents

    def handbook(self) -> Job:
        guidelines = self.published()
        conv = self._converter(guidelines)
        chapters = self._chapters(guidelines, conv)
        terms = self._terms(list(self.guide.terms), conv)
        html = self._page(
            "handbook.html.j2",
            conv,
            title="Panduan Praktik",
            paper="A4",
            chapters=chapters,
            terms=terms,
            # Ten regulations hold about 700 articles: the handbook prints the ones the guide cites;
            # the site has every article.
            laws=self._laws(conv, only_used=True, included=guidelines),
            raci=self._raci(guidelines),
        )
        return Job(
            HANDBOOK_FILE,
            "Panduan Praktik (PDF lengkap)",
            f"Buku panduan lengkap untuk dicetak: {len(guidelines)} pedoman, glosarium, ringkasan pasal "
            f"yang dirujuk dari {len(list(self.guide.laws))} peraturan, dan matriks tugas. Edisi {self.edition.version}.",
            html,
        )

    def booklet(self, role_id: str) -> Job:
        role = self.guide.roles[role_id]
        guidelines = [g for g in self.published() if self.guide.applies_to(g, role_id)]
        conv = self._converter(guidelines, online_links=False)
        family = [role_id, *self.guide.sub_roles(role_id)]
        # A pocket booklet carries what this role does; the full text is one QR code away.
        chapters = self._chapters(guidelines, conv, roles=family)
        terms = self._terms(conv.used_terms, conv)  # before the law appendix: terms cite articles
        for text in role.dasar_hukum:  # so do the role pages
            conv.resolve(text)
        html = self._page(
            "booklet.html.j2",
            conv,
            title=f"Buku Saku {role.nama}",
            paper="A5",
            role=role,
            sub_roles=[self.guide.roles[r] for r in family[1:]],
            tasks=self._task_lines(family, guidelines),
            handoffs=[(g, h) for rid in family for g, h in self.links.role_handoffs.get(rid, [])],
            barred=self._barred(role_id),
            chapters=chapters,
            terms=terms,
            laws=self._laws(conv, only_used=True, included=guidelines),
            included={g.id for g in guidelines},
        )
        return Job(
            f"buku-saku-{role_id}.pdf",
            f"Buku Saku {role.nama}",
            f"Buku saku A5: {len(guidelines)} pedoman untuk {role.nama}, daftar tugas, rujukan, dan batasan peran. Edisi {self.edition.version}.",
            html,
            role=role_id,
        )

    def single(self, g: GuidelineSource) -> Job:
        conv = self._converter([g])
        article = self._guideline(g, conv, set())
        terms = self._terms(conv.used_terms, conv)
        html = self._page(
            "single.html.j2",
            conv,
            title=g.judul,
            paper="A4",
            g=g,
            article=article,
            terms=terms,
            laws=self._laws(conv, only_used=True, included=[g]),
        )
        return Job(f"pedoman/{g.id}.pdf", g.judul, g.ringkasan, html, guideline=g.id)

    def changes(self, since: str, changes: list[Change], file: str) -> Job:
        """A short insert for trainers: what changed since an edition, a date or a git ref, with
        the current text of every recommendation named and a summary of the articles they cite."""
        guidelines = list({c.guideline.id: c.guideline for c in changes}.values())
        conv = self._converter(guidelines)
        days: dict[dt.date, list[tuple[Change, list[tuple[Any, Markup, list[Markup]]]]]] = {}
        for day, items in change_days(changes):
            for change in items:
                recs = []
                for r in change.recommendations:  # rendered first: citations fill the appendix
                    text = Markup(conv.inline(r.current.teks)) if r.current else Markup("")  # noqa: S704 - escaped by the converter
                    basis = [Markup(conv.cite(c)) for c in (r.current.dasar_hukum if r.current else [])]  # noqa: S704
                    recs.append((r, text, basis))
                days.setdefault(day, []).append((change, recs))
        html = self._page(
            "changes.html.j2",
            conv,
            title=f"Perubahan sejak {since}",
            paper="A4",
            since=since,
            days=list(days.items()),
            count=len(changes),
            guideline_count=len(guidelines),
            url=self.edition.guideline_url,
            laws=self._laws(conv, only_used=True, included=guidelines),
        )
        return Job(file, f"Perubahan sejak {since}", f"{len(changes)} perubahan pada {len(guidelines)} pedoman.", html)

    # -----------------------------------------------------------------------------------------
    # Parts

    def _converter(self, guidelines: list[GuidelineSource], *, online_links: bool = True) -> Converter:
        """A converter for a document holding `guidelines`; other guidelines link to the site
        when `online_links` (a booklet names no guideline outside its role)."""
        return Converter(
            self.result,
            included={g.id for g in guidelines},
            guideline_url=lambda gid: self.edition.guideline_url(self.guide.guidelines[gid]) if online_links else None,
        )

    def _page(self, template: str, conv: Converter, **context: Any) -> str:
        """The document's HTML, sanitized (panduan/sanitize.py) before WeasyPrint ever sees it."""
        return clean_pdf_html(self._render(template, conv, **context))

    def _render(self, template: str, conv: Converter, **context: Any) -> str:
        return self.env.get_template(template).render(
            edition=self.edition,
            css=self.css,
            guide=self.guide,
            conv=conv,
            today=tanggal(self.edition.built),
            **context,
        )

    def _chapters(
        self, guidelines: list[GuidelineSource], conv: Converter, *, roles: list[str] | None = None
    ) -> list[tuple[Any, list[GuidelineSource], list[Markup]]]:
        """(topic, its guidelines, their rendered articles) for each topic with guidelines here."""
        chapters = []
        for topic_id, topic in self.guide.topics.items():
            items = [g for g in guidelines if g.topik == topic_id]
            if items:
                articles = [self._guideline(g, conv, set(), roles=roles) for g in items]
                chapters.append((topic, items, articles))
        return chapters

    def _guideline(self, g: GuidelineSource, conv: Converter, seen: set[str], *, roles: list[str] | None = None) -> Markup:
        """One guideline as an <article>; `seen` holds terms already linked in it (first use only).

        With `roles` (a booklet), the article is compact: only those roles' steps, no prose body,
        task table, competencies or sources; the printed URL and QR code lead to the full text.
        """
        url = self.edition.guideline_url(g)
        return Markup(  # noqa: S704 - rendered by an autoescaping template
            self.env.get_template("guideline.html.j2").render(
                g=g,
                guide=self.guide,
                conv=conv,
                seen=seen,
                url=url,
                qr=qr_data_uri(url) if url else None,
                related=[gid for gid in g.terkait if conv.guideline_href(gid)],
                compact=roles is not None,
                roles_shown=roles or [],
                hist=history_view(g, self.edition.built),
                # A booklet carries only the recommendations addressed to its roles.
                recommendations=recommendations_for(self.guide, g, roles) if roles is not None else g.rekomendasi,
            )
        )

    def _role_name(self, role_id: str) -> str:
        role = self.guide.roles.get(role_id)
        return role.nama if role else role_id

    def _target_name(self, target: str) -> str:
        if target in self.guide.roles:
            return self.guide.roles[target].nama
        service = self.guide.services.get(target)
        return service.nama if service else target

    def _terms(self, term_ids: list[str], conv: Converter) -> list[tuple[str, list[Term]]]:
        """Terms grouped by initial letter, A–Z; their cited articles join the law appendix."""
        terms = sorted((self.guide.terms[t] for t in term_ids if t in self.guide.terms), key=lambda t: t.source.istilah.casefold())
        for term in terms:
            for text in term.source.sumber:
                if looks_like_citation(text):
                    conv.resolve(text)
        groups: dict[str, list[Term]] = {}
        for term in terms:
            groups.setdefault(term.source.istilah[:1].upper(), []).append(term)
        return list(groups.items())

    def _laws(self, conv: Converter, *, only_used: bool, included: list[GuidelineSource]) -> list[dict[str, Any]]:
        """Per law: its chapters (BAB) with article summaries and the guidelines citing each."""
        order = {g.id: i for i, g in enumerate(included)}
        cited_by: dict[tuple[str, str], list[str]] = {}
        for use in self.guide.citations:
            gid = use.guideline
            if gid in order and gid not in cited_by.setdefault((use.law.kode, use.citation.pasal), []):
                cited_by[(use.law.kode, use.citation.pasal)].append(gid)
        used = set(conv.used_pasal)
        laws = []
        for law in self.guide.laws:
            babs = []
            for bab, articles in law.chapters():
                chosen = [p for p in articles if not only_used or (law.kode, p.nomor) in used]
                if chosen:
                    rows = [
                        (p, sorted(cited_by.get((law.kode, p.nomor), []), key=order.__getitem__), pasal_view(law, p))
                        for p in chosen
                    ]
                    babs.append((bab, rows))
            if babs:
                laws.append({"law": law, "babs": babs})
        return laws

    def _raci(self, guidelines: list[GuidelineSource]) -> list[dict[str, Any]]:
        """Per topic: unique tasks (rows), the roles involved (columns) and the RACI letters."""
        tables = []
        for topic_id, topic in self.guide.topics.items():
            rows: list[tuple[GuidelineSource, Task]] = []
            for g in guidelines:
                if g.topik == topic_id:
                    rows += [(g, t) for t in g.tugas if t.id not in {r[1].id for r in rows}]
            if not rows:
                continue
            involved = {r for _, t in rows for r in (*t.pelaksana, *t.accountable, *t.dikonsultasikan, *t.diinformasikan)}
            roles = [role for role in self.guide.roles.values() if role.id in involved]
            cells = [(g, t, [_letters(t, role.id) for role in roles]) for g, t in rows]
            tables.append({"topic": topic, "roles": roles, "rows": cells})
        return tables

    def _task_lines(self, family: list[str], guidelines: list[GuidelineSource]) -> list[TaskLine]:
        """Tasks where the role or one of its sub-roles is R or A, each task once."""
        included = {g.id for g in guidelines}
        lines: dict[str, TaskLine] = {}
        for rid in family:
            for item in self.links.role_tasks.get(rid, []):
                if item.letter not in "RA":
                    continue
                line = lines.get(item.task.id)
                if line is None:
                    line = lines[item.task.id] = TaskLine(item.task, [], [], item.guideline)
                elif line.guideline.id not in included and item.guideline.id in included:
                    line.guideline = item.guideline  # prefer a description inside this booklet
                if item.letter not in line.letters:
                    line.letters.append(item.letter)
                if rid != family[0] and rid not in line.as_roles:
                    line.as_roles.append(rid)
        for line in lines.values():
            line.letters.sort(key="RA".index)
        return list(lines.values())

    def _barred(self, role_id: str) -> list[str]:
        """Names of the task kinds the role (or an ancestor) may not be R or A for."""
        kinds: list[str] = []
        for rid in self.guide.role_lineage(role_id):
            for kind in self.guide.roles[rid].tidak_boleh:
                name = self.guide.task_kinds[kind].nama if kind in self.guide.task_kinds else kind
                if name not in kinds:
                    kinds.append(name)
        return kinds


def _letters(task: Task, role_id: str) -> str:
    letters = []
    if role_id in task.pelaksana:
        letters.append("R")
    if role_id in task.accountable:
        letters.append("A")
    if role_id in task.dikonsultasikan:
        letters.append("C")
    if role_id in task.diinformasikan:
        letters.append("I")
    return "/".join(letters)


def role_short_name(role: Role) -> str:
    """A column header: the abbreviation in parentheses when there is one, else the name."""
    name = role.nama
    if "(" in name and name.endswith(")"):
        inner = name[name.index("(") + 1 : -1]
        return inner if len(inner) <= 8 and "/" not in inner else name[: name.index("(")].strip()
    return name
