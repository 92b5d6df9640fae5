"""Assemble the HTML of each PDF (handbook, role booklet, single guideline) from the model.

Nothing here reads the built site: every document is rendered from the `BuildResult`, through
the Jinja templates in `panduan/pdf/templates/`. The result is a picklable `Job` (HTML string
plus manifest data) that the writer hands to WeasyPrint in a worker process.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from panduan.booklet import PocketView, pocket_view, self_assessment
from panduan.history import Change
from panduan.link import BuildResult
from panduan.model import Term
from panduan.pdf.fonts import font_css
from panduan.pdf.markup import Converter, guideline_anchor, pasal_anchor, qr_data_uri, term_anchor
from panduan.present import (
    change_days,
    citing,
    guideline_page,
    handoff_view,
    history_view,
    online_url,
    party,
    pasal_view,
    published,
    raci_matrix,
    recommendations_for,
    tanggal,
    template_globals,
)
from panduan.regional_view import GuidelineRegions, OverlayView, guideline_regions
from panduan.regions import Region
from panduan.sanitize import clean_pdf_html
from panduan.schema import GuidelineSource, Role
from panduan.segments import FirstUse

HANDBOOK_FILE = "panduan-praktik.pdf"
# The parts of a pocket booklet (anchor, title), in order: a booklet over its page limit names
# the longest of them (panduan/pdf/__init__.py).
BOOKLET_SECTIONS = (
    ("tugas-saya", "Tugas saya"),
    ("tidak-boleh", "Yang tidak boleh saya lakukan"),
    ("merujuk", "Kapan dan ke mana merujuk"),
    ("kewajiban", "Kewajiban menurut hukum"),
    ("daftar-periksa", "Daftar periksa per situasi"),
    ("lampiran-glosarium", "Istilah penting"),
    ("kontak", "Kontak setempat"),
)
DEFAULT_SUBTITLE = "Panduan lapangan bersama untuk pekerja sosial, pendamping, dan relawan sosial."


@dataclass(frozen=True)
class Edition:
    """What every document of one run shares."""

    version: str
    built: dt.date
    site_url: str | None = None
    subtitle: str = DEFAULT_SUBTITLE
    date: dt.date | None = None  # the edition's date in registry/edisi.yaml
    region: Region | None = None  # a regional edition: that region's overlays merged in place

    @property
    def label(self) -> str:
        """ "Edisi 2026.1, 1 Desember 2026": printed on every page of every PDF."""
        return f"Edisi {self.version}, {tanggal(self.date)}" if self.date else f"Edisi {self.version}"

    @property
    def region_label(self) -> str | None:
        """ "Edisi Banten" for a regional edition, None for the national one."""
        return f"Edisi {self.region.nama.removeprefix('Provinsi ').strip()}" if self.region else None

    def file_name(self, name: str) -> str:
        """`panduan-praktik.pdf` → `panduan-praktik-banten.pdf` in a regional edition."""
        if self.region is None:
            return name
        stem, dot, ext = name.rpartition(".")
        return f"{stem}-{self.region.id}{dot}{ext}"

    def guideline_url(self, g: GuidelineSource) -> str | None:
        return online_url(self.site_url, guideline_page(g)) if self.site_url else None


@dataclass(frozen=True)
class Job:
    """One PDF to write: its path under the output folder, manifest entry and HTML."""

    file: str
    title: str
    description: str
    html: str
    role: str | None = None
    guideline: str | None = None
    module: str | None = None  # a training module handout (topic or guideline id)
    group: str | None = None  # the Unduhan page's group ("pelatih": for trainers)
    kind: str = ""  # what the file is for; the site groups downloads by it (present.DOWNLOAD_KINDS)
    sections: tuple[tuple[str, str], ...] = ()  # (anchor, title): the writer counts their pages

    @property
    def print_file(self) -> str | None:
        """The A4 print version (imposed two-up for folding) a pocket booklet gets in `cetak/`."""
        return f"cetak/{Path(self.file).stem}-a4.pdf" if self.kind == "buku-saku" else None

    def manifest_entry(self) -> dict[str, str]:
        entry = {"file": self.file, "title": self.title, "description": self.description}
        if self.kind:
            entry["kind"] = self.kind
        if self.role:
            entry["role"] = self.role
        if self.guideline:
            entry["guideline"] = self.guideline  # lets the site list single-guideline PDFs apart
        if self.module:
            entry["modul"] = self.module
        if self.group:
            entry["kelompok"] = self.group
        return entry


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("panduan.pdf", "templates"),
        autoescape=jinja2.select_autoescape(["html.j2"], default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["tanggal"] = tanggal
    env.globals.update(template_globals())
    env.globals.update(guideline_anchor=guideline_anchor, term_anchor=term_anchor, pasal_anchor=pasal_anchor)
    env.globals.update(short_name=role_short_name)
    return env


def _print_css() -> str:
    return resources.files("panduan.pdf").joinpath("templates").joinpath("print.css").read_text(encoding="utf-8")


class Assembler:
    """Builds the `Job`s of one run from one BuildResult."""

    def __init__(self, result: BuildResult, edition: Edition) -> None:
        self.result = result
        self.guide = result.guide
        self.links = result.links
        self.edition = edition
        self.env = _environment()
        self.css = Markup(font_css() + _print_css())
        self.env.filters["role_name"] = lambda role_id: party(self.guide, role_id).name

    # -----------------------------------------------------------------------------------------
    # Selections

    def published(self) -> list[GuidelineSource]:
        """Guidelines that appear in print, in topic (chapter) order; withdrawn ones are skipped."""
        return published(self.guide)

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
        """The whole guide in one book: every guideline, the whole glossary, the cited articles."""
        return self._handbook(self.published())

    def handbooks(self, max_guidelines: int) -> list[Job]:
        """The handbook, or volumes (jilid) of at most `max_guidelines` guidelines each when the
        guide is larger, and a last volume with the glossary and the cited articles.

        A volume is printed and bound on its own and laid out by its own worker: one book of
        thousands of pages holds gigabytes while WeasyPrint lays it out. Glossary and articles are
        printed once for all volumes, not once in each (at 1,000 guidelines they took a third of
        every volume)."""
        parts = volumes(self.published(), max_guidelines)
        if len(parts) <= 1:
            return [self.handbook()]
        count = len(parts) + 1
        where = {g.id: number for number, part in enumerate(parts, start=1) for g in part}
        jobs = [self._volume(part, number, count) for number, part in enumerate(parts, start=1)]
        return [*jobs, self._appendix_volume(count, where)]

    def _handbook(self, guidelines: list[GuidelineSource]) -> Job:
        conv = self._converter(guidelines)
        chapters = self._chapters(guidelines, conv)
        html = self._book(
            conv,
            chapters,
            guidelines,
            volume=None,
            terms=self._terms(list(self.guide.terms), conv),
            # Ten regulations hold about 700 articles: the handbook prints the ones the guide cites;
            # the site has every article.
            laws=self._laws(conv, only_used=True, included=guidelines),
        )
        return Job(
            self.edition.file_name(HANDBOOK_FILE),
            self._titled("Panduan Praktik (PDF lengkap)"),
            f"Buku panduan lengkap untuk dicetak: {len(guidelines)} pedoman, glosarium, ringkasan pasal "
            f"yang dirujuk dari {len(list(self.guide.laws))} peraturan, dan matriks tugas. Edisi {self.edition.version}.",
            html,
            kind="buku-panduan",
        )

    def _book(
        self,
        conv: Converter,
        chapters: list[tuple[Any, list[GuidelineSource], list[Markup]]],
        guidelines: list[GuidelineSource],
        **context: Any,
    ) -> str:
        """The HTML of the handbook or of one volume of chapters (`volume`, `terms`, `laws`)."""
        return self._page(
            "handbook.html.j2",
            conv,
            title="Panduan Praktik",
            paper="A4",
            chapters=chapters,
            chapter_numbers=chapter_numbers(self.guide),
            raci=raci_matrix(self.guide, guidelines),
            **context,
        )

    def _volume(self, guidelines: list[GuidelineSource], number: int, count: int) -> Job:
        """Chapters and their task matrix; terms and citations are printed as words, explained in
        the last volume."""
        conv = Converter(
            self.result,
            included={g.id for g in guidelines},
            guideline_url=lambda gid: self.edition.guideline_url(self.guide.guidelines[gid]),
            terms=(),
            cite_links=False,
        )
        chapters = self._chapters(guidelines, conv)
        numbers = chapter_numbers(self.guide)
        html = self._book(conv, chapters, guidelines, volume=(number, count), terms=[], laws=[])
        first, last = chapters[0][0], chapters[-1][0]
        scope = f"Bab {numbers[first.id]}" + (f"–{numbers[last.id]}" if last.id != first.id else "")
        return Job(
            self.edition.file_name(volume_file(number, count)),
            self._titled(f"Panduan Praktik, Jilid {number} dari {count} (PDF)"),
            f"{scope}: {first.judul}"
            + (f" sampai {last.judul}" if last.id != first.id else "")
            + f". {len(guidelines)} pedoman dan matriks tugasnya. Edisi {self.edition.version}.",
            html,
            kind="buku-panduan",
        )

    def _appendix_volume(self, count: int, where: dict[str, int]) -> Job:
        """The last volume: the glossary and every article the guide cites, each with the
        guidelines citing it and the volume they are in."""
        conv = Converter(self.result, included=set(), guideline_url=lambda gid: None)
        conv.used_pasal |= {(law.kode, pasal) for law in self.guide.laws for pasal in citing(self.guide, law)}
        terms = self._terms(list(self.guide.terms), conv)
        html = self._page(
            "handbook_appendix.html.j2",
            conv,
            title="Panduan Praktik",
            paper="A4",
            volume=(count, count),
            terms=terms,
            laws=self._laws(conv, only_used=True, included=self.published()),
            volume_of=where,
        )
        return Job(
            self.edition.file_name(volume_file(count, count)),
            self._titled(f"Panduan Praktik, Jilid {count} dari {count}: Lampiran (PDF)"),
            f"Glosarium dan ringkasan pasal yang dirujuk semua jilid, dari {len(list(self.guide.laws))} peraturan. "
            f"Edisi {self.edition.version}.",
            html,
            kind="buku-panduan",
        )

    def booklet(self, role_id: str) -> Job:
        """A role's pocket booklet: no prose chapters, only what the role carries to the field
        (panduan/booklet.py); the full text is one QR code away."""
        pocket = pocket_view(self.result, role_id)
        role = pocket.role
        conv = Converter(
            self.result, included=set(), guideline_url=lambda gid: None, terms=pocket.terms, cite_links=False
        )
        scope = FirstUse()
        html = self._page(
            "booklet.html.j2",
            conv,
            title=f"Buku Saku {role.nama}",
            paper="A5",
            role=role,
            pocket=pocket,
            sub_roles=[self.guide.roles[r] for r in pocket.family[1:]],
            terms=self._terms(pocket.terms, conv),
            contacts=list(dict.fromkeys(h.target.name for h in pocket.handoffs)),
            site_qr=qr_data_uri(self.edition.site_url) if self.edition.site_url else None,
            scope=scope,
            local=self._local_steps(pocket),
        )
        return Job(
            self.edition.file_name(f"buku-saku-{role_id}.pdf"),
            self._titled(f"Buku Saku {role.nama}"),
            f"Buku saku A5 untuk dibawa ke lapangan: {sum(len(t.lines) for t in pocket.task_groups)} tugas, "
            f"batas peran, {len(pocket.handoffs)} rujukan, {pocket.rule_count} aturan wajib, daftar periksa "
            f"{len(pocket.situations)} situasi, dan {len(pocket.terms)} istilah. Edisi {self.edition.version}.",
            html,
            role=role_id,
            kind="buku-saku",
            sections=BOOKLET_SECTIONS,
        )

    def self_assessment(self, role_id: str) -> Job:
        """A sheet to tick before uji kompetensi: the registry's competencies for the role, grouped
        as UU 14/2019 Pasal 17 ayat (1) groups the standard, each with the guidelines that build it."""
        role = self.guide.roles[role_id]
        conv = Converter(self.result, included=set(), guideline_url=lambda gid: None, cite_links=False)
        groups = self_assessment(self.result, role_id)
        html = self._page(
            "assessment.html.j2",
            conv,
            title=f"Penilaian Diri Kompetensi {role.nama}",
            paper="A4 landscape",  # one row per competency, its guidelines side by side
            role=role,
            groups=groups,
            basis=conv.cite("UU14 Pasal 17 ayat 1"),
            url=self.edition.guideline_url,
        )
        count = sum(len(group.rows) for group in groups)
        return Job(
            self.edition.file_name(f"penilaian-diri-{role_id}.pdf"),
            f"Penilaian Diri Kompetensi {role.nama}",
            f"Lembar centang {count} kompetensi (pengetahuan, keterampilan, nilai) dengan pedoman yang "
            f"melatih masing-masing, untuk persiapan uji kompetensi. Edisi {self.edition.version}.",
            html,
            role=role_id,
            kind="penilaian-diri",
        )

    def single(self, g: GuidelineSource) -> Job:
        conv = self._converter([g])
        article = self._guideline(g, conv)
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
        return Job(
            self.edition.file_name(f"pedoman/{g.id}.pdf"),
            self._titled(g.judul),
            g.ringkasan,
            html,
            guideline=g.id,
            kind="pedoman",
        )

    def changes(self, since: str, changes: list[Change], file: str) -> Job:
        """A short insert for trainers: what changed since an edition, a date or a git ref, with
        the current text of every recommendation named and the articles it cites. It slips into a
        printed handbook or booklet, so it carries no law appendix of its own: one to two pages for
        a handful of changes."""
        guidelines = list({c.guideline.id: c.guideline for c in changes}.values())
        conv = Converter(
            self.result,
            included={g.id for g in guidelines},
            guideline_url=lambda gid: self.edition.guideline_url(self.guide.guidelines[gid]),
            cite_links=False,
        )
        days: dict[dt.date, list[tuple[Change, list[tuple[Any, Markup, list[Markup]]]]]] = {}
        for day, items in change_days(changes):
            for change in items:
                recs = []
                for r in change.recommendations:  # rendered first: citations fill the appendix
                    text = Markup(conv.inline(r.current.teks)) if r.current else Markup("")
                    basis = [Markup(conv.cite(c)) for c in (r.current.dasar_hukum if r.current else [])]
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
        )
        return Job(
            file,
            f"Perubahan sejak {since}",
            f"{len(changes)} perubahan pada {len(guidelines)} pedoman.",
            html,
            kind="sisipan-perubahan",
        )

    # -----------------------------------------------------------------------------------------
    # Parts

    def _titled(self, title: str) -> str:
        return f"{title} ({self.edition.region_label})" if self.edition.region_label else title

    def _local_steps(self, pocket: PocketView) -> dict[str, dict[int, list[OverlayView]]]:
        """A regional edition's local and adapted steps for the booklet's roles, per guideline and
        by the step number they follow (empty in the national edition). A local step for one of
        the roles counts wherever it is attached; adapted wording only on the roles' own steps."""
        out: dict[str, dict[int, list[OverlayView]]] = {}
        for situation in pocket.situations:
            g = situation.guideline
            own = {g.langkah.index(step) + 1 for step in situation.steps}
            for number, views in self._regional(g).steps.items():
                kept = [
                    v
                    for v in views
                    if (v.overlay.jenis == "langkah" and v.overlay.peran in pocket.family)
                    or (v.overlay.jenis == "ubah-langkah" and number in own)
                ]
                if kept:
                    out.setdefault(g.id, {})[number] = kept
        return out

    def _regional(self, g: GuidelineSource) -> GuidelineRegions:
        """The overlays printed with `g`: none in the national edition, the region's in its own."""
        if self.edition.region is None:
            return GuidelineRegions()
        return guideline_regions(self.guide, g, self.edition.built).only(self.edition.region.id)

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
                articles = [self._guideline(g, conv, roles=roles) for g in items]
                chapters.append((topic, items, articles))
        return chapters

    def _guideline(self, g: GuidelineSource, conv: Converter, *, roles: list[str] | None = None) -> Markup:
        """One guideline as an <article>; a glossary term is linked at its first use in it.

        With `roles` (a booklet), the article is compact: only those roles' steps, no prose body,
        task table, competencies or sources; the printed URL and QR code lead to the full text.
        """
        url = self.edition.guideline_url(g)
        return Markup(
            self.env.get_template("guideline.html.j2").render(
                g=g,
                guide=self.guide,
                conv=conv,
                scope=FirstUse(),
                handoffs=[handoff_view(self.guide, g, h) for h in g.rujukan],
                url=url,
                qr=qr_data_uri(url) if url else None,
                related=[gid for gid in g.terkait if conv.guideline_href(gid)],
                compact=roles is not None,
                roles_shown=roles or [],
                hist=history_view(g, self.edition.built),
                regional=self._regional(g),
                # A booklet carries only the recommendations addressed to its roles.
                recommendations=recommendations_for(self.guide, g, roles) if roles is not None else g.rekomendasi,
            )
        )

    def _terms(self, term_ids: list[str], conv: Converter) -> list[tuple[str, list[Term]]]:
        """Terms grouped by initial letter, A–Z; their cited articles join the law appendix."""
        terms = sorted(
            (self.guide.terms[t] for t in term_ids if t in self.guide.terms), key=lambda t: t.source.istilah.casefold()
        )
        for term in terms:
            for text in term.source.sumber:
                conv.include(text)
        groups: dict[str, list[Term]] = {}
        for term in terms:
            groups.setdefault(term.source.istilah[:1].upper(), []).append(term)
        return list(groups.items())

    def _laws(self, conv: Converter, *, only_used: bool, included: list[GuidelineSource]) -> list[dict[str, Any]]:
        """Per law: its chapters (BAB) with article summaries and the guidelines here citing each."""
        order = {g.id: i for i, g in enumerate(included)}
        used = set(conv.used_pasal)
        laws = []
        for law in self.guide.laws:
            cited = citing(self.guide, law)
            babs = []
            for bab, articles in law.chapters():
                chosen = [p for p in articles if not only_used or (law.kode, p.nomor) in used]
                if chosen:
                    rows = [(p, self._citing_here(cited.get(p.nomor, []), order), pasal_view(law, p)) for p in chosen]
                    babs.append((bab, rows))
            if babs:
                laws.append({"law": law, "babs": babs})
        return laws

    @staticmethod
    def _citing_here(citing_guidelines: list[Any], order: dict[str, int]) -> list[str]:
        """Ids of the guidelines in this document that cite an article, in document order."""
        return sorted((c.guideline.id for c in citing_guidelines if c.guideline.id in order), key=order.__getitem__)


def volumes(guidelines: list[GuidelineSource], max_guidelines: int) -> list[list[GuidelineSource]]:
    """Guidelines (in chapter order) cut into volumes of at most `max_guidelines`: a chapter is
    never split unless it alone is larger than a volume; then it fills volumes of its own."""
    parts: list[list[GuidelineSource]] = []
    current: list[GuidelineSource] = []
    for _, chapter in itertools.groupby(guidelines, key=lambda g: g.topik):
        items = list(chapter)
        if current and len(current) + len(items) > max_guidelines:
            parts.append(current)
            current = []
        while len(items) > max_guidelines:
            parts.append(items[:max_guidelines])
            items = items[max_guidelines:]
        current += items
    return [*parts, current] if current else parts


def volume_file(number: int, count: int) -> str:
    """`panduan-praktik-jilid-02.pdf`: numbered to sort in order in any file list."""
    return HANDBOOK_FILE.replace(".pdf", f"-jilid-{number:0{len(str(count))}d}.pdf")


def chapter_numbers(guide: Any) -> dict[str, int]:
    """Chapter (Bab) number of each topic with published guidelines, the same in every volume."""
    topics = dict.fromkeys(g.topik for g in published(guide))
    return {topic_id: number for number, topic_id in enumerate(topics, start=1)}


def role_short_name(role: Role) -> str:
    """A column header: the abbreviation in parentheses when there is one, else the name."""
    name = role.nama
    if "(" in name and name.endswith(")"):
        inner = name[name.index("(") + 1 : -1]
        return inner if len(inner) <= 8 and "/" not in inner else name[: name.index("(")].strip()
    return name
