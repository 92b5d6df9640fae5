"""Stage 6: render the linked model into a set of Markdown pages (path → Markdown + metadata).

Pages come from Jinja templates in `panduan/render/templates/`; a project overrides any of them by
placing a file with the same name in `overrides/panduan/`. Templates receive the views of
`panduan.present` and format linked text through `md` (render/markdown.py); nothing here looks
for citations or glossary terms. The page set is builder-neutral: the MkDocs plugin serves it from
memory, `panduan generate --out DIR` writes it to a folder.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import jinja2
import markupsafe

from panduan.history import REVIEW_WINDOW_DAYS, build_date, select_changes
from panduan.link import BuildResult
from panduan.present import (
    CHANGES_PAGE,
    COMPARE_DIR,
    DOWNLOADS_PAGE,
    GLOSSARY_PAGE,
    LAW_DIR,
    REVIEW_PAGE,
    ROLE_DIR,
    SITUATION_DIR,
    Page,
    binding_recommendations,
    by_stage,
    by_target,
    change_days,
    change_topics,
    citing,
    compare_roles,
    compared_pairs,
    comparison_page,
    download_groups,
    guideline_page,
    handoff_view,
    history_view,
    law_page,
    must_not,
    pasal_view,
    published,
    raci_matrix,
    review_board,
    role_bars,
    role_page,
    role_stages,
    role_view,
    situation_page,
    situation_view,
    stage_of,
    tanggal,
    template_globals,
    topic_page,
)
from panduan.regional_view import REGION_SECTION, guideline_regions, overlay_reviews, region_page, region_view
from panduan.render import coverage as coverage_mod
from panduan.render.markdown import SiteText, href, link, relative, search_link, tooltip
from panduan.render.nav import DEFAULT_SECTIONS, NavItem, build_nav, nav_to_mkdocs, section_nav
from panduan.schema import GuidelineSource

__all__ = [
    "DEFAULT_SECTIONS",
    "NavItem",
    "Page",
    "Renderer",
    "build_nav",
    "nav_to_mkdocs",
    "render_pages",
    "section_nav",
    "tooltip",
]

COVERAGE_PAGE = f"{LAW_DIR}/cakupan.md"


# How many guidelines a glossary term lists under "Dipakai di" before pointing to search.
GLOSSARY_USERS_SHOWN = 8


class Renderer:
    """Renders every page of the guide from one BuildResult."""

    def __init__(
        self,
        result: BuildResult,
        *,
        overrides: Path | None = None,
        downloads: list[dict[str, Any]] | None = None,
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
        self._all: dict[str, Page] | None = None  # pages by path, once `page()` needed them all
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
        self.env.filters.update(tanggal=tanggal, tooltip=tooltip, e=markupsafe.escape)
        self.env.globals.update(template_globals())
        self.env.globals.update(guide=self.guide, links=self.links, edition=self.guide.edition)
        self.env.globals.update(
            law_page=law_page,
            guideline_page=guideline_page,
            role_page=role_page,
            topic_page=topic_page,
            situation_page=situation_page,
        )
        self.env.globals.update(region_page=region_page, REGION_SECTION=REGION_SECTION)
        self.env.globals.update(stage_of=stage_of, by_stage=by_stage, by_target=by_target)

    # -----------------------------------------------------------------------------------------
    # Link helpers passed to templates

    def _ctx(self, page: str, **extra: Any) -> dict[str, Any]:
        text = SiteText(page, self.guide, self.links)
        return {
            "page": page,
            "md": text,  # md(prose) → Markdown; md(prose, terms=True) links first term uses
            "cite": text.cite,
            "rel": lambda target, anchor="": relative(page, target, anchor),
            "href": lambda target, anchor="": href(page, target, self.directory_urls, anchor),
            "role_link": lambda role_id: self._role_link(page, role_id),
            "party_link": lambda who: self._party_link(page, who),
            "guideline_link": lambda gid: self._guideline_link(page, gid),
            **extra,
        }

    def _role_link(self, page: str, role_id: str) -> str:
        role = self.guide.roles.get(role_id)
        return link(role.nama, relative(page, role_page(role_id))) if role else role_id

    def _party_link(self, page: str, who: Any) -> str:
        """A handoff's role as a link, a service in bold, an unknown id as written."""
        if who.kind == "peran":
            return self._role_link(page, who.id)
        return f"**{who.name}**" if who.kind else who.name

    def _guideline_link(self, page: str, gid: str) -> str:
        g = self.guide.guidelines[gid]
        return link(g.judul, relative(page, guideline_page(g)))

    # -----------------------------------------------------------------------------------------
    # Pages

    def render(self, name: str, page: str, **context: Any) -> str:
        return self.env.get_template(name).render(self._ctx(page, **context))

    def pages(self) -> list[Page]:
        pages = [self._home()]
        pages += self._situation_pages()
        pages += [self._topic(topic_id) for topic_id in self.guide.topics]
        pages += [self._guideline(g) for g in self.guide.guidelines.values()]
        pages += self._law_pages()
        pages.append(self._glossary())
        pages += self._role_pages()
        pages += self._region_pages()
        pages.append(self._downloads())
        pages.append(self._changes())
        pages.append(self._review())
        return pages

    def page_paths(self) -> list[str]:
        """The paths of `pages()`, in the same order, without rendering a page (cheap). A unit
        test keeps the two equal (tests/unit/test_bodylinks.py)."""
        guide = self.guide
        situations = [f"{SITUATION_DIR}/index.md", *(situation_page(s) for s in guide.situations)]
        comparisons = [comparison_page(guide, x, y) for x, y in compared_pairs(guide)]
        comparisons.sort(key=lambda path: not path.endswith("index.md"))  # as _comparison_pages
        return [
            "index.md",
            *(situations if guide.situations else []),
            *(topic_page(t) for t in guide.topics),
            *(guideline_page(g) for g in guide.guidelines.values()),
            *(law_page(law) for law in guide.laws),
            COVERAGE_PAGE,
            GLOSSARY_PAGE,
            f"{ROLE_DIR}/index.md",
            *(role_page(r) for r in guide.roles),
            *(f"{ROLE_DIR}/{name}.md" for name in ("matriks", "sertifikasi", "kompetensi")),
            *comparisons,
            *(region_page(r) for r in guide.regions),
            DOWNLOADS_PAGE,
            CHANGES_PAGE,
            REVIEW_PAGE,
        ]

    def page(self, path: str) -> Page | None:
        """One page of `pages()` by path: a guideline page is rendered alone, another page with
        the whole set (they are few, and some summarise every guideline)."""
        for g in self.guide.guidelines.values():
            if guideline_page(g) == path:
                return self._guideline(g)
        if self._all is None:
            self._all = {p.path: p for p in self.pages()}
        return self._all.get(path)

    def _home(self) -> Page:
        content = self.render("home.md.j2", "index.md", downloads=self.downloads)
        return Page("index.md", "Beranda", content, meta={"hide": ["navigation"]})

    def _situation_pages(self) -> list[Page]:
        """ "Dalam situasi ini": the list, then one page per situation (registry/situasi.yaml)."""
        if not self.guide.situations:
            return []
        source = "registry/situasi.yaml"
        views = [situation_view(self.guide, s) for s in self.guide.situations.values()]
        index = f"{SITUATION_DIR}/index.md"
        pages = [Page(index, "Dalam situasi ini", self.render("situations.md.j2", index, views=views), source=source)]
        for view in views:
            path = situation_page(view.situation.id)
            content = self.render("situation.md.j2", path, view=view)
            pages.append(Page(path, view.situation.judul, content, source=source))
        return pages

    def _topic(self, topic_id: str) -> Page:
        topic = self.guide.topics[topic_id]
        path = topic_page(topic_id)
        content = self.render(
            "topic.md.j2", path, topic=topic, items=self.guide.in_topic(topic_id, include_withdrawn=False)
        )
        return Page(path, topic.judul, content, source="registry/topik.yaml")

    def _guideline(self, g: GuidelineSource) -> Page:
        path = guideline_page(g)
        handoffs = [handoff_view(self.guide, g, h) for h in g.rujukan]
        regional = guideline_regions(self.guide, g, self.today)
        modules = [d for d in self.downloads if d.get("modul") == g.topik]  # its topic's module handouts
        content = self.render(
            "guideline.md.j2",
            path,
            g=g,
            handoffs=handoffs,
            hist=history_view(g, self.today),
            modules=modules,
            regional=regional,
        )
        meta = {"status": g.status, "versi": g.versi, "peran": list(g.peran), "description": g.ringkasan}
        if regional:
            meta["wilayah"] = [r.id for r in regional.regions]
        return Page(path, g.judul, content, source=g.file.path, in_nav=not g.withdrawn, meta=meta)

    def _law_pages(self) -> list[Page]:
        pages = []
        for law in self.guide.laws:
            path = law_page(law)
            content = self.render(
                "law.md.j2", path, law=law, uses=citing(self.guide, law), view=lambda p, law=law: pasal_view(law, p)
            )
            pages.append(Page(path, f"{law.singkatan} {law.source.judul}", content, source=law.source.file.path))
        cov = coverage_mod.coverage(self.result)
        content = self.render("coverage.md.j2", COVERAGE_PAGE, coverage=cov, totals=coverage_mod.law_totals(cov))
        pages.append(Page(COVERAGE_PAGE, "Cakupan pasal", content))
        return pages

    def _glossary(self) -> Page:
        """The glossary page. A term lists at most GLOSSARY_USERS_SHOWN guidelines, with a search
        for the rest: at national scale a common term is used in hundreds of guidelines, and
        listing them all made this one page megabytes (6 MB at 1,000 guidelines)."""
        terms = sorted(self.guide.terms.values(), key=lambda t: t.source.istilah.casefold())
        groups: dict[str, list[Any]] = {}
        for term in terms:
            groups.setdefault(term.source.istilah[0].upper(), []).append(term)
        content = self.render(
            "glossary.md.j2",
            GLOSSARY_PAGE,
            groups=groups,
            edit_url=self.edit_url,
            USERS_SHOWN=GLOSSARY_USERS_SHOWN,
            search_link=lambda words: search_link(GLOSSARY_PAGE, words),
        )
        return Page(GLOSSARY_PAGE, "Glosarium", content, source="glossary/")

    def _role_pages(self) -> list[Page]:
        index = f"{ROLE_DIR}/index.md"
        pairs = compared_pairs(self.guide)
        compare_index = f"{COMPARE_DIR}/index.md" if pairs else None
        content = self.render("roles.md.j2", index, compare_index=compare_index)
        pages = [Page(index, "Peran", content, source="registry/peran.yaml")]
        for role in self.guide.roles.values():
            path = role_page(role.id)
            content = self.render(
                "role.md.j2",
                path,
                role=role,
                view=role_view(self.result, role.id),
                stages=role_stages(self.result, role.id),
                bars=role_bars(self.guide, role.id),
                must_not=must_not(self.guide, role.id),
                binding=binding_recommendations(self.guide, role.id),
                compare_index=compare_index,
                downloads=[d for d in self.downloads if d.get("role") == role.id],
            )
            pages.append(Page(path, role.nama, content, source="registry/peran.yaml"))
        pages += self._matrix_pages(compare_index)
        pages += self._comparison_pages(pairs)
        return pages

    def _matrix_pages(self, compare_index: str | None) -> list[Page]:
        """The task matrix, the certification path and the competency matrix. The matrices hide
        the page's table of contents: the table needs the width, and its filter replaces it."""
        matrix = raci_matrix(self.guide, published(self.guide))
        rows = [(row.guideline, row.task) for table in matrix for row in table.rows]
        used = {stage_of(self.guide, g, task) for g, task in rows}
        stages = [(s.id, s.nama) for s in self.guide.stages.values() if s.id in used]
        if "" in used:
            stages.append(("lain", "Tugas lain"))
        kinds = {c.kelompok for c in self.guide.competencies.values()}
        contexts = {
            "matriks": {"groups": [(t.topic.id, t.topic.judul) for t in matrix], "stages": stages},
            "kompetensi": {
                "groups": [(k, k.capitalize()) for k in ("pengetahuan", "keterampilan", "nilai") if k in kinds],
                "stages": [],
            },
            "sertifikasi": {},
        }
        pages = []
        for name, title in (
            ("matriks", "Matriks tugas (RACI)"),
            ("sertifikasi", "Jalur sertifikasi"),
            ("kompetensi", "Matriks kompetensi"),
        ):
            path = f"{ROLE_DIR}/{name}.md"
            content = self.render(f"{name}.md.j2", path, matrix=matrix, compare_index=compare_index, **contexts[name])
            meta = {"hide": ["toc"]} if name != "sertifikasi" else {}
            pages.append(Page(path, title, content, meta=meta))
        return pages

    def _comparison_pages(self, pairs: list[tuple[str, str]]) -> list[Page]:
        """ "Bandingkan peran": the default pair as the index (in the navigation), one page per
        other pair (reached from the pair list and the switcher)."""
        listed = [(x, y, comparison_page(self.guide, x, y)) for x, y in pairs]
        roles = [self.guide.roles[r] for r in dict.fromkeys(r for pair in pairs for r in pair)]
        pages = []
        for x, y, path in listed:
            cmp = compare_roles(self.result, x, y)
            content = self.render("bandingkan.md.j2", path, cmp=cmp, pairs=listed, pair_roles=roles)
            in_nav = path.endswith("index.md")
            title = "Bandingkan peran" if in_nav else f"Bandingkan: {cmp.a.role.nama} dan {cmp.b.role.nama}"
            # Only the first comparison is searched: the others repeat the same tasks and handoffs.
            meta = {} if in_nav else {"search": {"exclude": True}}
            pages.append(Page(path, title, content, in_nav=in_nav, meta=meta))
        pages.sort(key=lambda page: not page.in_nav)
        return pages

    def _region_pages(self) -> list[Page]:
        pages = []
        for region_id, region in self.guide.regions.items():
            path = region_page(region_id)
            view = region_view(self.guide, region_id, self.today)
            content = self.render("wilayah.md.j2", path, view=view)
            pages.append(Page(path, f"Kearifan lokal: {region.nama}", content, source=f"wilayah/{region_id}/"))
        return pages

    def _downloads(self) -> Page:
        groups = download_groups(self.downloads)
        return Page(DOWNLOADS_PAGE, "Unduhan", self.render("downloads.md.j2", DOWNLOADS_PAGE, groups=groups))

    def _changes(self) -> Page:
        days = [(day, change_topics(self.guide, changes)) for day, changes in change_days(select_changes(self.guide))]
        return Page(CHANGES_PAGE, "Apa yang berubah", self.render("changes.md.j2", CHANGES_PAGE, days=days))

    def _review(self) -> Page:
        overdue, soon = review_board(self.guide, self.today)
        regional = overlay_reviews(self.guide, self.today, REVIEW_WINDOW_DAYS)
        content = self.render(
            "review.md.j2", REVIEW_PAGE, overdue=overdue, soon=soon, today=self.today, regional=regional
        )
        return Page(REVIEW_PAGE, "Jadwal tinjauan", content)


def render_pages(
    result: BuildResult,
    *,
    overrides: Path | None = None,
    downloads: list[dict[str, Any]] | None = None,
    directory_urls: bool = True,
    today: dt.date | None = None,
    edit_url: Any = None,
) -> list[Page]:
    """All pages of the guide, in navigation order; `today` (default: `build_date()`) decides
    which reviews are overdue, `edit_url` (source → URL or None) adds per-term edit links."""
    return Renderer(
        result, overrides=overrides, downloads=downloads, directory_urls=directory_urls, today=today, edit_url=edit_url
    ).pages()
