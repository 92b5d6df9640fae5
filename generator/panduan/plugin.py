"""The MkDocs adapter: run the core, hand its pages to MkDocs in memory, map diagnostics to logs.

No logic lives here that the CLI lacks; everything is a call into `panduan.build` / `panduan.render`.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.resources import files as files_in_package
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, InclusionLevel

from panduan.build import BuildResult, build_guide
from panduan.downloads import find_downloads
from panduan.loader import source_dirs
from panduan.render import DEFAULT_SECTIONS, NavItem, Page, build_nav, nav_to_mkdocs, render_pages, section_nav
from panduan.sanitize import SanitizeError, ThemeScripts, clean_page, escape_meta, escape_nav
from panduan.schema import SCHEMA_PATH, json_schema
from panduan.search.site import write_search_files

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page as MkDocsPage

log = logging.getLogger("mkdocs.plugins.panduan")

SHIM_PATH = "assets/javascripts/iframe-worker-shim.js"

# A front door that has just checked the sources (`panduan build`) hands its result to the build
# it starts, so the sources are not loaded and validated twice. Used once, then forgotten.
_handoff: dict[Path, BuildResult] = {}


@contextmanager
def preloaded(root: Path, result: BuildResult) -> Iterator[None]:
    """Within this block, a plugin for `root` uses `result` instead of loading the sources again."""
    _handoff[root.resolve()] = result
    try:
        yield
    finally:
        _handoff.pop(root.resolve(), None)


class PanduanConfig(Config):
    root = c.Optional(c.Dir(exists=True))
    """Project folder holding guidelines/, glossary/, law/ and registry/; default: beside mkdocs.yml."""

    downloads_dir = c.Type(str, default="dist")
    """Folder (relative to the project) where `panduan pdf` leaves PDFs to publish, if any."""

    offline_zip = c.Type(bool, default=True)
    """Publish `panduan-offline.zip` from downloads_dir when it exists (off while building it)."""

    sections = c.Type(dict, default=dict(DEFAULT_SECTIONS))
    """Hand-written docs folders appended to the generated nav, with their section titles."""


class PanduanPlugin(BasePlugin[PanduanConfig]):
    def __init__(self) -> None:
        self._result: BuildResult | None = None
        self._pages: list[Page] = []
        self._downloads: list[dict[str, Any]] = []
        self._theme_scripts: ThemeScripts | None = None

    @property
    def root(self) -> Path:
        return Path(self.config.root).resolve() if self.config.root else self._config_dir

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Load, validate and render the guide; fail the build with every source problem listed."""
        self._config_dir = Path(config.config_file_path).resolve().parent
        _use_local_worker_shim(config)
        result = _handoff.pop(self.root, None) or build_guide(self.root)
        for diag in result.report.sorted():
            # MkDocs would otherwise drop broken front matter silently (pitfall P7); we stop instead.
            (log.error if diag.is_error else log.warning)(diag.text())
        if result.report.errors:
            raise PluginError(
                f"{len(result.report.errors)} galat di berkas sumber; perbaiki lalu bangun ulang. "
                "Jalankan `panduan check` untuk daftar yang sama."
            )
        self._result = result
        self._downloads = find_downloads(self.root / self.config.downloads_dir, offline_zip=self.config.offline_zip)
        self._pages = render_pages(
            result,
            overrides=self._config_dir / "overrides" / "panduan",
            downloads=self._downloads,
            directory_urls=config.use_directory_urls,
        )
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Inject generated pages and downloads in memory; hand-written files win on a clash."""
        for page in self._pages:
            if files.get_file_from_path(page.path) is not None:
                log.info("Halaman %s ditulis tangan; versi hasil generator tidak dipakai.", page.path)
                continue
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.path, content=_with_meta(page), inclusion=inclusion))
        if SHIM_PATH in config.extra.get("polyfills", []):
            shim = files_in_package("panduan").joinpath("assets", "iframe-worker-shim.js").read_text(encoding="utf-8")
            files.append(File.generated(config, SHIM_PATH, content=shim))
        schema = json.dumps(json_schema(), ensure_ascii=False, indent=2)
        files.append(File.generated(config, SCHEMA_PATH, content=schema))
        for download in self._downloads:
            files.append(File.generated(config, download["path"], abs_src_path=str(download["file"])))
        nav = nav_to_mkdocs(build_nav(self._pages, self._require_result(), self._extra_nav(files)))
        config.nav = escape_nav(nav)  # titles are plain text; the theme prints them as HTML
        return files

    def _extra_nav(self, files: Files) -> list[NavItem]:
        written = [f.src_uri for f in files.documentation_pages() if f.generated_by is None]
        return section_nav(written, self.config.sections)

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> None:
        """Sources live outside docs_dir, so `mkdocs serve` must watch them itself (pitfall P3)."""
        for folder in source_dirs(self.root):
            if folder.is_dir():
                server.watch(str(folder))

    def on_page_markdown(self, markdown: str, /, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        """Titles and descriptions are plain text; the theme writes them into HTML unescaped."""
        escape_meta(page.meta)
        return markdown

    @event_priority(-90)  # last: the page as readers get it (untrusted content, panduan/sanitize.py)
    def on_post_page(self, output: str, /, *, page: MkDocsPage, config: MkDocsConfig) -> str:
        return self._sanitize(output, page.file.dest_uri, config)

    @event_priority(-90)
    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        return self._sanitize(output_content, template_name, config) if template_name.endswith(".html") else output_content

    def _sanitize(self, output: str, url: str, config: MkDocsConfig) -> str:
        if self._theme_scripts is None:
            self._theme_scripts = ThemeScripts.from_theme(config.theme, Path(config.site_dir))
        try:
            return clean_page(output, url, self._theme_scripts)
        except SanitizeError as exc:
            raise PluginError(f"{url}: {exc}; halaman tidak diterbitkan.") from None

    @event_priority(-50)  # After Material's search writes its index (0), before offline packs it (-100).
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Make the search index Indonesian and write the same index for `panduan cari`."""
        site = Path(config.site_dir)
        index_file = site / "search" / "search_index.json"
        if index_file.is_file():
            write_search_files(site, index_file, self._require_result(), directory_urls=config.use_directory_urls)
        self._pages = []
        self._theme_scripts = None

    def _require_result(self) -> BuildResult:
        if self._result is None:  # pragma: no cover - event order guaranteed by MkDocs
            raise RuntimeError("panduan: on_files ran before on_config")
        return self._result


def _use_local_worker_shim(config: MkDocsConfig) -> None:
    """Material's offline plugin adds a search-worker shim from unpkg.com; serve our copy instead,
    so the offline bundle works without internet and makes no third-party request."""
    polyfills = config.extra.get("polyfills") or []
    if any("iframe-worker" in url and "://" in url for url in polyfills):
        config.extra["polyfills"] = [SHIM_PATH if "iframe-worker" in url else url for url in polyfills]


def _with_meta(page: Page) -> str:
    meta = {"title": page.title, **page.meta}
    if page.source:
        meta["sumber_berkas"] = page.source
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + page.content
