"""`panduan cari`: search the guide from the terminal, as the site's search would.

Editors use it to look for an existing guideline before writing a duplicate. It loads the guide,
makes the same documents the site's search index holds (`documents.search_documents()`, with the
site settings from mkdocs.yml) and indexes them with lunr.py and the same analyzer, at query
time: no site build, no MkDocs, nothing written to disk.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from lunr.index import Index

from panduan.build import BuildResult, build_guide
from panduan.downloads import find_downloads
from panduan.present import Page
from panduan.render import render_pages
from panduan.search.documents import (
    ConfigError,
    SiteSettings,
    handwritten_page,
    nav_titles,
    plain,
    read_settings,
    search_documents,
)
from panduan.search.index import Hit, build_lunr, search
from panduan.search.suggest import suggestions

EXIT_OK, EXIT_INVALID = 0, 1


class GuideError(Exception):
    """The guide cannot be searched; the message is for editors (Indonesian)."""


def load(root: Path, config: Path) -> tuple[Index, dict[str, dict[str, Any]]]:
    index, docs, _ = load_with_guide(root, config)
    return index, docs


def load_with_guide(root: Path, config: Path) -> tuple[Index, dict[str, dict[str, Any]], Any]:
    """The lunr.py index of the site's search documents and the documents by location.

    Raises GuideError when the sources have errors (the same ones `panduan check` lists)."""
    settings = read_settings(config, root)
    result = build_guide(root)
    if result.report.errors:
        for diag in result.report.sorted():
            print(diag.text(), file=sys.stderr)
        raise GuideError(
            f"{len(result.report.errors)} galat di berkas sumber; perbaiki dulu (lihat `panduan check`), lalu cari lagi."
        )
    docs = search_documents(result, site_pages(result, settings), settings)
    return build_lunr(docs), {d["location"]: d for d in docs}, result.guide


def search_command(*, root: Path, config: Path, query: str, limit: int = 5) -> int:
    try:
        index, docs, guide = load_with_guide(root, config)
    except (ConfigError, GuideError) as exc:
        print(f"GALAT: {exc}", file=sys.stderr)
        return EXIT_INVALID
    hits = search(index, docs, query, limit)
    if not hits:
        print(f"Tidak ditemukan hasil untuk “{query}”.")
        offered = suggestions(guide, query)
        if offered:
            print("Mungkin yang Anda cari:")
            for item in offered:
                print(f"  - {item.label}  →  {item.location}")
        return EXIT_OK
    for rank, hit in enumerate(hits, start=1):
        _print_hit(rank, hit, docs)
    return EXIT_OK


def _print_hit(rank: int, hit: Hit, docs: dict[str, dict[str, Any]]) -> None:
    page = docs.get(hit.parent, {})
    title = plain(page.get("title", "")) or hit.title
    print(f"{rank}. {title}  →  {hit.parent or './'}")
    if hit.location != hit.parent:
        print(f"   bagian: {hit.title}  ({hit.location})")


def site_pages(result: BuildResult, settings: SiteSettings) -> list[Page]:
    """Every page the site has, as the MkDocs plugin assembles it: hand-written pages first (in
    MkDocs' file order), then the generated ones; a hand-written page wins on the same path."""
    downloads = (
        find_downloads(settings.downloads_dir, offline_zip=settings.offline_zip) if settings.downloads_dir else []
    )
    generated = render_pages(
        result, overrides=settings.overrides, downloads=downloads, directory_urls=settings.directory_urls
    )
    written = list(_handwritten(settings.docs_dir)) if settings.docs_dir else []
    taken = {path for path, _ in written}
    nav = nav_titles(generated)
    pages = [page for path, text in written if (page := handwritten_page(path, text, nav.get(path))) is not None]
    return pages + [page for page in generated if page.path not in taken]


def _handwritten(docs_dir: Path) -> Iterator[tuple[str, str]]:
    """(path, text) of the Markdown files in docs_dir, skipping what MkDocs skips by default."""
    if not docs_dir.is_dir():
        return
    found = []
    for path in docs_dir.rglob("*.md"):
        relative = PurePosixPath(path.relative_to(docs_dir).as_posix())
        if (
            any(part.startswith(".") for part in relative.parts)
            or relative.parts[0] == "templates"
            or not path.is_file()
        ):
            continue
        found.append(relative)
    found.sort(key=lambda p: (p.parts[:-1], p.stem not in ("index", "README"), p.name))
    for relative in found:
        try:
            text = (docs_dir / relative).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{docs_dir / relative} tidak dapat dibaca: {exc}") from exc
        yield relative.as_posix(), text
