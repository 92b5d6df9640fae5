"""Stage 5: render the linked model into a set of Markdown pages (path → Markdown + metadata).

Pages come from Jinja templates in `panduan/render/templates/`; a project overrides any of them by
placing a file with the same name in `overrides/panduan/`. The page set is builder-neutral: the
MkDocs plugin serves it from memory, `panduan generate --out DIR` writes it to a folder.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from panduan.build import BuildResult
from panduan.glossary import link_terms
from panduan.law import INLINE_CITATION, Citation, CitationError, Law, looks_like_citation
from panduan.history import build_date, select_changes
from panduan.present import change_days, history_view, pasal_view, review_board
from panduan.render import coverage as coverage_mod
from panduan.schema import GuidelineSource

GLOSSARY_PAGE = "glosarium.md"
LAW_DIR = "hukum"
ROLE_DIR = "peran"
DOWNLOADS_PAGE = "unduhan.md"
CHANGES_PAGE = "perubahan.md"  # "Apa yang berubah": every riwayat entry, newest first
REVIEW_PAGE = "tinjauan.md"  # review dashboard for editor teams
DEFAULT_SECTIONS = {"kontribusi": "Cara Berkontribusi"}  # hand-written docs folders appended to the nav
STRENGTH_LABELS = {"wajib": "Wajib", "dianjurkan": "Dianjurkan", "pertimbangkan": "Pertimbangkan"}
STATUS_LABELS = {"draf": "Draf", "berlaku": "Berlaku", "dicabut": "Dicabut"}
MONTHS = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember".split()


@dataclass
class Page:
    """One generated page. `path` is a `/`-separated path relative to the docs root."""

    path: str
    title: str
    content: str
    source: str | None = None  # the source file an editor would change
    in_nav: bool = True
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class NavItem:
    title: str
    path: str | None = None
    children: list[NavItem] = field(default_factory=list)


def law_page(kode_slug: str) -> str:
    return f"{LAW_DIR}/{kode_slug}.md"


def role_page(role_id: str) -> str:
    return f"{ROLE_DIR}/{role_id}.md"


def guideline_page(g: GuidelineSource) -> str:
    return f"{g.topik}/{g.id}.md"


def relative(from_page: str, to_page: str, anchor: str = "") -> str:
    """A Markdown link target from one page to another (MkDocs resolves `.md` links)."""
    target = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return f"{target}#{anchor}" if anchor else target


def url_of(page: str, directory_urls: bool) -> str:
    """The URL MkDocs gives a page: `a/b.md` → `a/b/` (or `a/b.html`), `a/index.md` → `a/`."""
    stem = page[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")] or "./"
    return f"{stem}/" if directory_urls else f"{stem}.html"


def href(from_page: str, to_page: str, directory_urls: bool, anchor: str = "") -> str:
    """A final URL for raw HTML, where MkDocs does not rewrite `.md` targets.

    Not portable: Zensical rewrites relative links in raw HTML as if they were Markdown links, so
    this URL breaks there. Templates write Markdown links (`rel`) inside `markdown="span"` elements
    instead, which every builder resolves (tests/portable/).
    """
    here = url_of(from_page, directory_urls)
    # A directory URL is its own folder; a file URL lives in its parent folder.
    base = here.rstrip("/") if here.endswith("/") and here != "./" else posixpath.dirname(here)
    target = url_of(to_page, directory_urls)
    if not directory_urls and target.endswith("/"):
        target = ("" if target == "./" else target) + "index.html"
    link = posixpath.relpath(target, base or ".")
    if target.endswith("/"):
        link += "/"
    return f"{link}#{anchor}" if anchor else link


def tooltip(text: str) -> str:
    """Text safe inside a Markdown link title ("..."), shown as written.

    Quotes, backslashes and backticks become HTML entities: Python-Markdown ends a title early on a
    quote inside parentheses (a definition with `("PKH")` broke its link), and strips backticks.
    """
    text = re.sub(r"\s+", " ", text).strip()
    for char, entity in (("&", "&amp;"), ('"', "&quot;"), ("'", "&#39;"), ("\\", "&#92;"), ("`", "&#96;")):
        text = text.replace(char, entity)
    return text


def tanggal(value: Any) -> str:
    """2026-12-01 → 1 Desember 2026."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def law_slug(law: Any) -> str:
    """Law pages are named after their data file: law/uu-2019-14.yaml → hukum/uu-2019-14.md."""
    return str(law.slug)


def citation_tooltip(law: Law, cite: Citation) -> str:
    """The tooltip of a citation: the article's summary, and the exact words it quotes."""
    provision = law.provision(cite)
    text = provision.pasal.ringkasan or f"{law.singkatan} Pasal {cite.pasal}"
    quoted = [f'"{u.kutipan}"' for u in provision.quotes() if u.kutipan]
    if quoted:
        text += f" Bunyi aslinya antara lain: {'; '.join(quoted)} ({cite.label(law)})."
    return text


class _Deferred:
    """Renders its text only when the template reaches it, so term links follow reading order."""

    def __init__(self, make: Any) -> None:
        self._make = make

    def __str__(self) -> str:
        return self._make()

    def strip(self) -> str:
        return str(self).strip()


class Renderer:
    """Renders every page of the guide from one BuildResult."""

    def __init__(
        self,
        result: BuildResult,
        *,
        overrides: Path | None = None,
        downloads: list[dict] | None = None,
        directory_urls: bool = True,
        today: dt.date | None = None,
        edit_url: Any = None,
    ) -> None:
        self.result = result
        # source file → its editor on the forge, or None (no forge configured): per-term links
        # on the glossary, which has no single source of its own.
        self.edit_url = edit_url or (lambda source: None)
        self.directory_urls = directory_urls
        self.today = today or build_date()  # review notices and the review dashboard
        self.guide = result.guide
        self.links = result.links
        self.downloads = downloads or []
        loaders: list[jinja2.BaseLoader] = []
        if overrides and overrides.is_dir():
            loaders.append(jinja2.FileSystemLoader(str(overrides)))
        loaders.append(jinja2.PackageLoader("panduan.render", "templates"))
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(loaders),
            autoescape=False,  # templates produce Markdown; HTML fragments escape explicitly
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            undefined=jinja2.StrictUndefined,
        )
        self.env.filters.update(tanggal=tanggal, tooltip=tooltip, e=jinja2.filters.escape)
        self.env.globals.update(
            guide=self.guide,
            links=self.links,
            STRENGTH_LABELS=STRENGTH_LABELS,
            STATUS_LABELS=STATUS_LABELS,
            edition=self.guide.edition,
        )

    # -----------------------------------------------------------------------------------------
    # Link helpers passed to templates

    def _ctx(self, page: str, **extra: Any) -> dict[str, Any]:
        return {
            "page": page,
            "rel": lambda target, anchor="": relative(page, target, anchor),
            "href": lambda target, anchor="": href(page, target, self.directory_urls, anchor),
            "role_link": lambda role_id: self._role_link(page, role_id),
            "cite": lambda text: self._citation_link(page, text),
            "guideline_link": lambda gid: self._guideline_link(page, gid),
            "law_page": lambda law: law_page(law_slug(law)),
            "guideline_page": guideline_page,
            "role_page": role_page,
            **extra,
        }

    def _role_link(self, page: str, role_id: str) -> str:
        role = self.guide.roles.get(role_id)
        if role is None:
            return role_id
        return f"[{role.nama}]({relative(page, role_page(role_id))})"

    def _service_or_role(self, page: str, target: str) -> str:
        if target in self.guide.roles:
            return self._role_link(page, target)
        service = self.guide.services.get(target)
        return f"**{service.nama}**" if service else target

    def _guideline_link(self, page: str, gid: str) -> str:
        g = self.guide.guidelines[gid]
        return f"[{g.judul}]({relative(page, guideline_page(g))})"

    def _citation_link(self, page: str, text: str) -> str:
        try:
            cite, law = self.guide.laws.resolve(text)
        except CitationError:
            return text  # already reported by the link stage; render it verbatim
        return f'[{cite.label(law)}]({relative(page, law_page(law_slug(law)), cite.anchor)} "{tooltip(citation_tooltip(law, cite))}")'

    def _term_link(self, page: str, text: str, term_id: str) -> str:
        definition = self.guide.terms[term_id].source.definisi
        return f'[{text}]({relative(page, GLOSSARY_PAGE, term_id)} "{tooltip(definition)}")'

    def _body(self, page: str, body: str, seen: set[str] | None = None) -> str:
        """Link glossary terms (first occurrence on the page) and turn `[[citations]]` into links."""
        linked, _ = link_terms(
            body, self.result.matcher, lambda text, tid: self._term_link(page, text, tid), seen=seen
        )
        return INLINE_CITATION.sub(lambda m: self._citation_link(page, m.group(1)), linked)

    # -----------------------------------------------------------------------------------------
    # Pages

    def render(self, name: str, page: str, **context: Any) -> str:
        return self.env.get_template(name).render(self._ctx(page, **context))

    def pages(self) -> list[Page]:
        pages = [self._home()]
        pages += [self._topic(topic_id) for topic_id in self.guide.topics]
        pages += [self._guideline(g) for g in self.guide.guidelines.values()]
        pages += self._law_pages()
        pages.append(self._glossary())
        pages += self._role_pages()
        pages.append(self._downloads())
        pages.append(self._changes())
        pages.append(self._review())
        return pages

    def _home(self) -> Page:
        content = self.render("home.md.j2", "index.md", downloads=self.downloads)
        return Page("index.md", "Beranda", content, meta={"hide": ["navigation"]})

    def _topic(self, topic_id: str) -> Page:
        topic = self.guide.topics[topic_id]
        path = f"{topic_id}/index.md"
        content = self.render("topic.md.j2", path, topic=topic, items=self.guide.in_topic(topic_id, include_withdrawn=False))
        return Page(path, topic.judul, content, source="registry/topik.yaml")

    def _guideline(self, g: GuidelineSource) -> Page:
        path = guideline_page(g)
        seen: set[str] = set()  # one glossary link per term per page, in reading order
        rec_text = lambda text: self._body(path, text, seen)  # noqa: E731
        content = self.render(
            "guideline.md.j2",
            path,
            g=g,
            body=_Deferred(lambda: self._body(path, g.file.body, seen)),
            rec_text=rec_text,
            target_link=lambda target: self._service_or_role(path, target),
            hist=history_view(g, self.today),
        )
        meta = {"status": g.status, "versi": g.versi, "peran": list(g.peran), "description": g.ringkasan}
        return Page(path, g.judul, content, source=g.file.path, in_nav=g.status != "dicabut", meta=meta)

    def _law_pages(self) -> list[Page]:
        pages = []
        for law in self.guide.laws:
            path = law_page(law_slug(law))
            content = self.render(
                "law.md.j2", path, law=law, uses=self._uses_by_pasal(law), view=lambda p, law=law: pasal_view(law, p)
            )
            pages.append(Page(path, f"{law.singkatan} {law.source.judul}", content, source=law.source.file.path))
        cov = coverage_mod.coverage(self.result)
        content = self.render("coverage.md.j2", f"{LAW_DIR}/cakupan.md", coverage=cov, totals=coverage_mod.law_totals(cov))
        pages.append(Page(f"{LAW_DIR}/cakupan.md", "Cakupan pasal", content))
        return pages

    def _uses_by_pasal(self, law: Any) -> dict[str, dict[str, list[str]]]:
        """pasal → guideline id → labels of what cites it ("pedoman", "R1", "teks")."""
        out: dict[str, dict[str, list[str]]] = {}
        for use in self.guide.citations:
            if use.law is not law or not use.guideline:
                continue
            g = self.guide.guidelines.get(use.guideline)
            if g is None or g.status == "dicabut":
                continue
            label = f"rekomendasi {use.recommendation}" if use.recommendation else ("isi" if use.inline else "dasar hukum")
            labels = out.setdefault(use.citation.pasal, {}).setdefault(use.guideline, [])
            if label not in labels:
                labels.append(label)
        return out

    def _glossary(self) -> Page:
        terms = sorted(self.guide.terms.values(), key=lambda t: t.source.istilah.casefold())
        groups: dict[str, list[Any]] = {}
        for term in terms:
            groups.setdefault(term.source.istilah[0].upper(), []).append(term)
        sumber = lambda text: self._citation_link(GLOSSARY_PAGE, text) if looks_like_citation(text) else text  # noqa: E731
        content = self.render("glossary.md.j2", GLOSSARY_PAGE, groups=groups, sumber=sumber, edit_url=self.edit_url)
        return Page(GLOSSARY_PAGE, "Glosarium", content, source="glossary/")

    def _role_pages(self) -> list[Page]:
        pages = [Page(f"{ROLE_DIR}/index.md", "Peran", self.render("roles.md.j2", f"{ROLE_DIR}/index.md"), source="registry/peran.yaml")]
        for role in self.guide.roles.values():
            path = role_page(role.id)
            content = self.render(
                "role.md.j2",
                path,
                role=role,
                guidelines=[g for g in self.guide.guidelines.values() if g.status != "dicabut" and self.guide.applies_to(g, role.id)],
                target_link=lambda target, p=path: self._service_or_role(p, target),
                downloads=[d for d in self.downloads if d.get("role") == role.id],
            )
            pages.append(Page(path, role.nama, content, source="registry/peran.yaml"))
        for name, title in (("matriks", "Matriks tugas (RACI)"), ("sertifikasi", "Jalur sertifikasi"), ("kompetensi", "Matriks kompetensi")):
            path = f"{ROLE_DIR}/{name}.md"
            pages.append(Page(path, title, self.render(f"{name}.md.j2", path)))
        return pages

    def _downloads(self) -> Page:
        return Page(DOWNLOADS_PAGE, "Unduhan", self.render("downloads.md.j2", DOWNLOADS_PAGE, downloads=self.downloads))

    def _changes(self) -> Page:
        days = change_days(select_changes(self.guide))
        return Page(CHANGES_PAGE, "Apa yang berubah", self.render("changes.md.j2", CHANGES_PAGE, days=days))

    def _review(self) -> Page:
        overdue, soon = review_board(self.guide, self.today)
        content = self.render("review.md.j2", REVIEW_PAGE, overdue=overdue, soon=soon, today=self.today)
        return Page(REVIEW_PAGE, "Jadwal tinjauan", content)


def render_pages(
    result: BuildResult,
    *,
    overrides: Path | None = None,
    downloads: list[dict] | None = None,
    directory_urls: bool = True,
    today: dt.date | None = None,
    edit_url: Any = None,
) -> list[Page]:
    """All pages of the guide, in navigation order; `today` (default: `build_date()`) decides
    which reviews are overdue, `edit_url` (source → URL or None) adds per-term edit links."""
    return Renderer(
        result, overrides=overrides, downloads=downloads, directory_urls=directory_urls, today=today, edit_url=edit_url
    ).pages()


def build_nav(pages: list[Page], result: BuildResult, extra: list[NavItem] | None = None) -> list[NavItem]:
    """Navigation from topics and page kinds; withdrawn guidelines stay out of it."""
    nav = [NavItem("Beranda", "index.md")]
    for topic_id, topic in result.guide.topics.items():
        section = NavItem(topic.judul, children=[NavItem(topic.judul, f"{topic_id}/index.md")])
        for g in result.guide.in_topic(topic_id, include_withdrawn=False):
            section.children.append(NavItem(g.judul, guideline_page(g)))
        nav.append(section)
    role_items = [NavItem("Peran", f"{ROLE_DIR}/index.md")]
    role_items += [NavItem(p.title, p.path) for p in pages if p.path.startswith(f"{ROLE_DIR}/") and p.path != f"{ROLE_DIR}/index.md"]
    nav.append(NavItem("Peran dan Tugas", children=role_items))
    law_items = [NavItem(p.title, p.path) for p in pages if p.path.startswith(f"{LAW_DIR}/")]
    nav.append(NavItem("Dasar Hukum", children=law_items))
    nav.append(NavItem("Glosarium", GLOSSARY_PAGE))
    nav.append(NavItem("Unduhan", DOWNLOADS_PAGE))
    nav.append(NavItem("Apa yang berubah", CHANGES_PAGE))
    nav.append(NavItem("Jadwal tinjauan", REVIEW_PAGE))
    nav += extra or []
    return nav


def section_nav(doc_pages: list[str], sections: dict[str, str]) -> list[NavItem]:
    """Nav sections for hand-written pages: one per docs folder in `sections`, its index first."""
    items = []
    for folder, title in sections.items():
        pages = sorted(p for p in doc_pages if p.startswith(f"{folder}/"))
        if pages:
            index = [p for p in pages if p.endswith("/index.md")]
            items.append(NavItem(title, children=[NavItem("", p) for p in index + [p for p in pages if p not in index]]))
    return items


def nav_to_mkdocs(items: list[NavItem]) -> list[Any]:
    """The structure MkDocs expects under `nav:`."""
    out: list[Any] = []
    for item in items:
        if item.children:
            out.append({item.title: nav_to_mkdocs(item.children)})
        elif item.title:
            out.append({item.title: item.path})
        else:
            out.append(item.path)  # MkDocs takes the title from the page itself
    return out
