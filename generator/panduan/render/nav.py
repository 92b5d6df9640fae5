"""The site's navigation: topics and their guidelines, page kinds, hand-written sections."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from panduan.link import BuildResult
from panduan.present import (
    CHANGES_PAGE,
    DOWNLOADS_PAGE,
    GLOSSARY_PAGE,
    LAW_DIR,
    REVIEW_PAGE,
    ROLE_DIR,
    SITUATION_DIR,
    Page,
    guideline_page,
    topic_page,
)

DEFAULT_SECTIONS = {"kontribusi": "Cara Berkontribusi"}  # hand-written docs folders appended to the nav


@dataclass
class NavItem:
    title: str
    path: str | None = None
    children: list[NavItem] = field(default_factory=list)


def build_nav(pages: list[Page], result: BuildResult, extra: list[NavItem] | None = None) -> list[NavItem]:
    """Navigation from topics and page kinds; withdrawn guidelines stay out of it."""
    nav = [NavItem("Beranda", "index.md")]
    situations = [NavItem(p.title, p.path) for p in pages if p.path.startswith(f"{SITUATION_DIR}/")]
    if situations:
        nav.append(NavItem("Dalam situasi ini", children=situations))
    for topic_id, topic in result.guide.topics.items():
        section = NavItem(topic.judul, children=[NavItem(topic.judul, topic_page(topic_id))])
        for g in result.guide.in_topic(topic_id, include_withdrawn=False):
            section.children.append(NavItem(g.judul, guideline_page(g)))
        nav.append(section)
    role_items = [NavItem("Peran", f"{ROLE_DIR}/index.md")]
    role_items += [
        NavItem(p.title, p.path)
        for p in pages
        if p.path.startswith(f"{ROLE_DIR}/") and p.path != f"{ROLE_DIR}/index.md" and p.in_nav
    ]
    nav.append(NavItem("Peran dan Tugas", children=role_items))
    law_items = [NavItem(p.title, p.path) for p in pages if p.path.startswith(f"{LAW_DIR}/")]
    nav.append(NavItem("Dasar Hukum", children=law_items))
    region_items = [NavItem(p.title, p.path) for p in pages if p.path.startswith("wilayah/")]
    if region_items:
        nav.append(NavItem("Kearifan Lokal", children=region_items))
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
            items.append(
                NavItem(title, children=[NavItem("", p) for p in index + [p for p in pages if p not in index]])
            )
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
