"""The MkDocs adapter: run the core, hand its pages to MkDocs in memory, map diagnostics to logs.

No logic lives here that the CLI lacks; everything is a call into `panduan.build` / `panduan.render`.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from importlib.resources import files as files_in_package
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.nav import Link
from mkdocs.utils import normalize_url

from panduan.build import BuildResult, build_guide
from panduan.diagnostics import relpath
from panduan.downloads import find_downloads
from panduan.forge import Forge, forge_from_settings
from panduan.gc_policy import fewer_collections
from panduan.loader import source_dirs
from panduan.present import page_actions, tanggal, topic_page
from panduan.preview import PreviewState, install, report_to_terminal
from panduan.publish import pinned
from panduan.render import DEFAULT_SECTIONS, NavItem, Page, build_nav, nav_to_mkdocs, render_pages, section_nav
from panduan.sanitize import SanitizeError, ThemeScripts, clean_page, escape_meta, escape_nav
from panduan.schema import SCHEMA_PATH, json_schema
from panduan.search.documents import SiteSettings, handwritten_page, nav_titles, page_location, search_documents
from panduan.search.site import write_search_files, write_suggestions
from panduan.search.worker import MATERIAL_WORKER, STEMMER_SUPPORT_PATH, bundle, bundle_path, point_at_bundle
from panduan.workers import map_items

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page as MkDocsPage

log = logging.getLogger("mkdocs.plugins.panduan")
# Records that already carry their own `path:line:col: galat:` label; front doors print them as is.
DIAGNOSTIC = {"panduan_diagnostic": True}

SHIM_PATH = "assets/javascripts/iframe-worker-shim.js"
SEARCH_INDEX_PATH = "search/search_index.json"
SARAN_SCRIPT_PATH = "assets/javascripts/panduan-saran.js"  # "not found" suggestions (search/saran.js)

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


_staged: set[Path] = set()


@contextmanager
def staged(folder: Path) -> Iterator[None]:
    """Within this block, a build into `folder` (a staging folder that becomes the site only after
    every check, see site.build_into) sanitizes its pages once all are written, several at a
    time (workers.py), instead of one after the other while MkDocs waits. Until then the folder
    is nobody's site: a build that fails is removed with its folder."""
    _staged.add(folder.resolve())
    try:
        yield
    finally:
        _staged.discard(folder.resolve())


def _sanitize_file(job: tuple[str, str, ThemeScripts]) -> str | None:
    """Sanitize one written page in place; the reason it cannot be published, or None."""
    path, url, theme = job
    file = Path(path)
    try:
        file.write_text(clean_page(file.read_text(encoding="utf-8"), url, theme), encoding="utf-8")
    except SanitizeError as exc:
        return f"{url}: {exc}; halaman tidak diterbitkan."
    return None


ALL_TOPICS = "Semua topik"


class PageNav:
    """MkDocs' nav with the top-level items one page shows; everything else is MkDocs' own."""

    def __init__(self, nav: Any, items: list[Any]) -> None:
        self._nav = nav
        self.items = items

    def __getattr__(self, name: str) -> Any:
        return getattr(self._nav, name)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.items)


class PanduanConfig(Config):  # type: ignore[no-untyped-call]  # mkdocs' Config.__init_subclass__ is untyped
    root = c.Optional(c.Dir(exists=True))
    """Project folder holding guidelines/, glossary/, law/ and registry/; default: beside mkdocs.yml."""

    downloads_dir = c.Type(str, default="dist")
    """Folder (relative to the project) where `panduan pdf` leaves PDFs to publish, if any."""

    offline_zip = c.Type(bool, default=True)
    """Publish `panduan-offline.zip` from downloads_dir when it exists (off while building it)."""

    sections = c.Type(dict, default=dict(DEFAULT_SECTIONS))
    """Hand-written docs folders appended to the generated nav, with their section titles."""

    nav_topics_max = c.Type(int, default=12)
    """Up to this many topics, every page's navigation lists them all. Above it a page lists only
    its own topic, and one link to all topics (on the home page): pages stay the same size as the
    guide grows, instead of carrying every topic's title."""

    source_edit_uri = c.Optional(c.Type(str))
    """Edit URL of the project root on the forge (relative to `repo_url`, or absolute), when it
    cannot be derived from `edit_uri` minus the docs folder (see panduan/forge.py)."""


class PanduanPlugin(BasePlugin[PanduanConfig]):  # type: ignore[no-untyped-call]  # as above
    def __init__(self) -> None:
        self._result: BuildResult | None = None
        self._pages: list[Page] = []
        self._search_pages: list[Page] = []
        self._indexed: set[str] = set()  # docs paths of `_search_pages`
        self._converted: dict[str, str] = {}  # docs path → the HTML MkDocs made of it, for search
        self._incremental = False  # `panduan serve`: rebuild only pages whose output can differ
        self._cut: dict[str, tuple[str, list[Any]]] = {}  # preview: search sections of unchanged HTML
        self._previous: Rebuilt | None = None  # what the last finished build of a preview wrote
        self._pending: Rebuilt | None = None
        self._downloads: list[dict[str, Any]] = []
        self._preview: PreviewState | None = None  # set while `mkdocs serve` / `panduan serve` runs
        self._last_good: tuple[BuildResult, list[Page], list[dict[str, Any]]] | None = None
        self._pins = ExitStack()
        self._collector = ExitStack()
        self._sanitize_last = False  # a staged build: pages are sanitized in on_post_build
        self._unsanitized: list[tuple[str, str]] = []  # (file, url) of those pages
        self._forge = Forge()
        self.sources: dict[str, str] = {}
        """Docs path (`etika-klien/x.md`) and built file (`etika-klien/x/index.html`) → the source
        file an editor edits (`guidelines/etika-klien/x.md`), for messages about built pages."""
        self._theme_scripts: ThemeScripts | None = None
        self._worker: str | None = None  # the bundled search worker's path in the site (search/worker.py)

    @property
    def root(self) -> Path:
        return Path(self.config.root).resolve() if self.config.root else self._config_dir

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining this hook also keeps one plugin instance for the whole `serve` session.
        self._collector.close()
        self._collector.enter_context(fewer_collections())  # until on_shutdown (gc_policy.py)
        self._preview = PreviewState() if command == "serve" else None
        self._last_good = None
        self._incremental = command == "serve" and dirty
        self._previous = self._pending = None
        self._cut = {}

    def on_shutdown(self) -> None:
        # MkDocs keeps this instance for the whole process (plugins with on_startup are cached by
        # the config schema), so a later build in the same process must not inherit the preview.
        self._preview, self._last_good = None, None
        self._incremental = False
        self._previous = self._pending = None
        self._cut, self._converted = {}, {}
        self._collector.close()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Load, validate and render the guide; fail the build with every source problem listed."""
        self._config_dir = Path(config.config_file_path).resolve().parent
        self._sanitize_last = Path(config.site_dir).resolve() in _staged  # see `staged`
        _use_local_worker_shim(config)
        _add_suggestions_script(config)
        handed = _handoff.pop(self.root, None)
        downloads_dir = self.root / self.config.downloads_dir
        result = handed or build_guide(self.root, docs_dir=Path(config.docs_dir), downloads_dir=downloads_dir)
        self._forge = forge_from_settings(
            repo_url=config.repo_url,
            edit_uri=config.edit_uri,
            docs_dir=relpath(Path(config.docs_dir), self.root),
            email=config.extra.get("surel_penyunting"),
            source_edit_uri=self.config.source_edit_uri,
        )
        edition = result.guide.edition
        if edition is not None:  # the footer (overrides/partials/copyright.html) prints it
            config.extra["panduan_edisi"] = {"id": edition.id, "tanggal": tanggal(edition.tanggal)}
        if self._preview is not None:
            return self._preview_config(config, result, self._preview)
        # A front door that handed its result over has printed the report already (no doubles).
        for diag in () if handed else result.report.sorted():
            # MkDocs would otherwise drop broken front matter silently (pitfall P7); we stop instead.
            (log.error if diag.is_error else log.warning)(diag.text(), extra=DIAGNOSTIC)
        if result.report.errors:
            raise PluginError(
                f"{len(result.report.errors)} galat di berkas sumber; perbaiki lalu bangun ulang. "
                "Jalankan `panduan check` untuk daftar yang sama."
            )
        self._use(result, config)
        return config

    def _preview_config(self, config: MkDocsConfig, result: BuildResult, preview: PreviewState) -> MkDocsConfig:
        """While serving, a source error must not stop the server: the browser lists the errors
        (preview.py) over the last good pages, or over no generated pages before the first one."""
        report_to_terminal(result.report)
        preview.sources_checked(result.report)
        if not result.report.errors:
            self._use(result, config)
            self._last_good = (result, list(self._pages), self._downloads)
        elif self._last_good is not None:
            self._result, pages, self._downloads = self._last_good
            self._pages = list(pages)
        else:
            self._result, self._pages, self._downloads = None, [], []
        return config

    def _use(self, result: BuildResult, config: MkDocsConfig) -> None:
        self._result = result
        # One edition of dist/ for the whole build, kept from clean-up until the files are copied.
        self._pins.close()
        folder = self._pins.enter_context(pinned(self.root / self.config.downloads_dir))
        self._downloads = find_downloads(folder, offline_zip=self.config.offline_zip)
        self._pages = render_pages(
            result,
            overrides=self._config_dir / "overrides" / "panduan",
            downloads=self._downloads,
            directory_urls=config.use_directory_urls,
            edit_url=self._forge.edit_url,
        )

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Inject generated pages and downloads in memory; hand-written files win on a clash."""
        docs_dir = Path(config.docs_dir)
        self.sources = {}
        for f in files.documentation_pages():
            if f.generated_by is None:
                self.sources[f.src_uri] = self.sources[f.dest_uri] = relpath(docs_dir / f.src_uri, self.root)
        generated: dict[str, Page] = {}
        for page in self._pages:
            if files.get_file_from_path(page.path) is not None:
                log.info("Halaman %s ditulis tangan; versi hasil generator tidak dipakai.", page.path)
                continue
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, page.path, content=_with_meta(page), inclusion=inclusion)
            files.append(file)
            generated[page.path] = page
            if page.source:
                self.sources[page.path] = self.sources[file.dest_uri] = page.source
        self._search_pages = _search_pages(files, generated, nav_titles(self._pages))
        self._indexed = {page.path for page in self._search_pages}
        if SHIM_PATH in config.extra.get("polyfills", []):
            shim = (
                files_in_package("panduan")
                .joinpath("assets")
                .joinpath("iframe-worker-shim.js")
                .read_text(encoding="utf-8")
            )
            files.append(File.generated(config, SHIM_PATH, content=shim))
        self._worker = _bundle_search_worker(files, config)
        saran = files_in_package("panduan.search").joinpath("saran.js").read_text(encoding="utf-8")
        files.append(File.generated(config, SARAN_SCRIPT_PATH, content=saran))
        schema = json.dumps(json_schema(), ensure_ascii=False, indent=2)
        files.append(File.generated(config, SCHEMA_PATH, content=schema))
        for download in self._downloads:
            files.append(File.generated(config, download["path"], abs_src_path=str(download["file"])))
        if self._result is not None:  # None only while a preview waits for its first good sources
            nav = nav_to_mkdocs(build_nav(self._pages, self._result, self._extra_nav(files)))
            config.nav = escape_nav(nav)  # titles are plain text; the theme prints them as HTML
        if self._incremental:
            self._mark_unchanged(files, config)
        else:
            self._converted = {}
        return files

    def _mark_unchanged(self, files: Files, config: MkDocsConfig) -> None:
        """In a preview, MkDocs' dirty build skips every page whose `is_modified()` is false.

        A generated page's output depends on its Markdown (the model rendered, keyed by content
        hash) and on the site around it: the nav, the set of files, mkdocs.yml and the templates
        (`_layout_key`). When the layout is the same, only pages whose Markdown changed are
        rebuilt; otherwise all are. Hand-written pages keep MkDocs' own test (file times) unless
        the layout changed. The sources are still loaded and checked whole on every save.
        """
        layout = _layout_key(files, config)
        previous = self._previous if self._previous is not None and self._previous.layout == layout else None
        pages: dict[str, str] = {}
        for file in files.documentation_pages():
            if file.generated_by is not None:
                digest = hashlib.sha256(file.content_bytes).hexdigest()
                pages[file.src_uri] = digest
                changed = previous is None or previous.pages.get(file.src_uri) != digest
            elif previous is None:
                changed = True
            else:
                continue  # MkDocs compares the file's time with the built page's
            file.is_modified = _answer(changed)  # type: ignore[method-assign]
            if changed:
                self._converted.pop(file.src_uri, None)
        if previous is None:
            self._converted = {}
        self._pending = Rebuilt(layout, pages)

    def _extra_nav(self, files: Files) -> list[NavItem]:
        written = [f.src_uri for f in files.documentation_pages() if f.generated_by is None]
        return section_nav(written, self.config.sections)

    def on_page_context(self, context: Any, /, *, page: Any, config: MkDocsConfig, nav: Any) -> Any:
        """Every page links to its source file on the forge and to a prefilled report.

        MkDocs gives generated pages no edit link (or one to a docs path that does not exist);
        ours opens the source an editor changes, and pages made from many sources get none.
        """
        source = self.sources.get(page.file.src_uri)
        if page.content is not None:  # Material's search reads the same HTML at this point
            self._converted[page.file.src_uri] = page.content
        if page.file.generated_by is not None:
            page.edit_url = self._forge.edit_url(source)
        context["nav"] = self._page_nav(nav, page)
        url = page.canonical_url or page.url or "./"
        context["panduan_actions"] = page_actions(
            self._forge, title=page.title or config.site_name, url=url, source=source, page=page.file.src_uri
        )
        return context

    def _page_nav(self, nav: Any, page: Any) -> Any:
        """The nav as `page` shows it: in a guide of many topics, only the page's own topic."""
        topics = self._result.guide.topics if self._result else {}
        if nav is None or len(topics) <= self.config.nav_topics_max:
            return nav
        index_pages = {topic_page(topic_id) for topic_id in topics}
        items: list[Any] = []
        for item in nav.items:
            if not (
                item.is_section
                and any(getattr(child, "file", None) and child.file.src_uri in index_pages for child in item.children)
            ):
                items.append(item)
                continue
            if not any(isinstance(i, Link) and i.title == ALL_TOPICS for i in items):
                # A URL from the site root: Material's `url` filter makes it relative to the page.
                home = nav.homepage.url if nav.homepage and nav.homepage.url else "./"
                items.append(Link(ALL_TOPICS, f"{home}#topik"))
            if item.active:
                items.append(item)
        return PageNav(nav, items)

    def on_template_context(self, context: Any, /, *, template_name: str, config: MkDocsConfig) -> Any:
        """`404.html` gets relative links (offline, or no `site_url`) instead of root-absolute ones.

        MkDocs gives error pages absolute links from `site_url`'s path ("/" without one) because a
        server shows them at any depth. Without `site_url` that "/" breaks under a sub-path, and
        from a USB stick (`file://`) any absolute path breaks; relative links work in both.
        """
        if template_name == "404.html" and (not config.site_url or not config.use_directory_urls):
            base = "."
            context["base_url"] = base
            context["extra_css"] = [normalize_url(path, None, base) for path in config.extra_css]
            context["extra_javascript"] = [normalize_url(str(s), None, base) for s in config.extra_javascript]
        return context

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> None:
        """Sources live outside docs_dir, so `mkdocs serve` must watch them itself (pitfall P3)."""
        for folder in source_dirs(self.root):
            if folder.is_dir():
                server.watch(str(folder))
        if self._preview is not None:
            install(server, self._preview)

    def on_page_markdown(self, markdown: str, /, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        """Titles and descriptions are plain text; the theme writes them into HTML unescaped.

        Pages our search index covers are left out of Material's: its documents for them would be
        parsed from every page's HTML and then dropped (`write_search_files`)."""
        escape_meta(page.meta)
        if page.file.src_uri in self._indexed:
            search = page.meta.get("search")
            page.meta["search"] = {**(search if isinstance(search, dict) else {}), "exclude": True}
        return markdown

    @event_priority(-90)  # last: the page as readers get it (untrusted content, panduan/sanitize.py)
    def on_post_page(self, output: str, /, *, page: MkDocsPage, config: MkDocsConfig) -> str:
        if self._sanitize_last:  # sanitized in on_post_build, see `staged`
            self._unsanitized.append((page.file.abs_dest_path, page.file.dest_uri))
            return self._with_worker(output)
        return self._sanitize(self._with_worker(output), page.file.dest_uri, config)

    @event_priority(-90)
    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        if not template_name.endswith(".html"):
            return output_content
        return self._sanitize(self._with_worker(output_content), template_name, config)

    def _with_worker(self, output: str) -> str:
        return point_at_bundle(output, self._worker) if self._worker else output

    def _theme(self, config: MkDocsConfig) -> ThemeScripts:
        if self._theme_scripts is None:
            self._theme_scripts = ThemeScripts.from_theme(config.theme, Path(config.site_dir))
        return self._theme_scripts

    def _sanitize(self, output: str, url: str, config: MkDocsConfig) -> str:
        try:
            return clean_page(output, url, self._theme(config))
        except SanitizeError as exc:
            raise PluginError(f"{url}: {exc}; halaman tidak diterbitkan.") from None

    def _sanitize_written(self, config: MkDocsConfig) -> None:
        """The pages of a staged build, sanitized in place before anything reads them."""
        written, self._unsanitized = self._unsanitized, []
        theme = self._theme(config)
        problems = [p for p in map_items(_sanitize_file, [(path, url, theme) for path, url in written]) if p]
        if problems:
            raise PluginError(problems[0])

    @event_priority(-50)  # After Material's search writes its index (0), before offline packs it (-100).
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Replace the documents of Material's index with ours (the ones `panduan cari` searches)."""
        self._sanitize_written(config)
        site = Path(config.site_dir)
        index_file = site / SEARCH_INDEX_PATH
        if index_file.is_file() and self._result is not None:
            settings = SiteSettings(
                directory_urls=config.use_directory_urls,
                extensions=tuple(config.markdown_extensions),
                extension_configs=dict(config.mdx_configs),
            )
            docs = search_documents(
                self._require_result(),
                self._search_pages,
                settings,
                converted=self._converted,
                cut=self._cut if self._incremental else None,
            )
            pages = {page_location(page.path, config.use_directory_urls) for page in self._search_pages}
            write_search_files(site, index_file, docs, pages)
            write_suggestions(site, self._require_result().guide, config.use_directory_urls)
        self._pages = []
        self._search_pages = []
        if self._incremental:  # the next save rebuilds only what differs from this build
            self._previous, self._pending = self._pending, None
        else:
            self._converted = {}
        self._pins.close()
        self._theme_scripts = None

    def on_build_error(self, *, error: Exception) -> None:
        self._unsanitized = []
        self._pins.close()

    def _require_result(self) -> BuildResult:
        if self._result is None:  # pragma: no cover - event order guaranteed by MkDocs
            raise RuntimeError("panduan: on_files ran before on_config")
        return self._result


def _answer(value: bool) -> Callable[[], bool]:
    return lambda: value


@dataclass(frozen=True)
class Rebuilt:
    """A finished preview build: its layout key and the content hash of each generated page."""

    layout: str
    pages: dict[str, str]


def _layout_key(files: Files, config: MkDocsConfig) -> str:
    """What every page's HTML depends on besides its own Markdown: the nav (titles and order),
    the files of the site (links resolve against them), `extra` (the footer's edition),
    mkdocs.yml and the theme overrides."""
    digest = hashlib.sha256()
    digest.update(json.dumps([config.nav, config.extra], ensure_ascii=False, default=str).encode())
    digest.update("\n".join(sorted(f.src_uri for f in files)).encode())
    config_file = Path(config.config_file_path or "")
    if config_file.is_file():
        digest.update(config_file.read_bytes())
    custom = config.theme.custom_dir
    if custom and Path(custom).is_dir():
        for path in sorted(Path(custom).rglob("*")):
            if path.is_file():
                stat = path.stat()
                digest.update(f"{path}:{stat.st_mtime_ns}:{stat.st_size}".encode())
    return digest.hexdigest()


def _use_local_worker_shim(config: MkDocsConfig) -> None:
    """Material's offline plugin adds a search-worker shim from unpkg.com; serve our copy instead,
    so the offline bundle works without internet and makes no third-party request."""
    polyfills = config.extra.get("polyfills") or []
    if any("iframe-worker" in url and "://" in url for url in polyfills):
        config.extra["polyfills"] = [SHIM_PATH if "iframe-worker" in url else url for url in polyfills]


def _add_suggestions_script(config: MkDocsConfig) -> None:
    """Every page loads the "not found" suggestions script, last in the body after the theme's."""
    if not any(str(script) == SARAN_SCRIPT_PATH for script in config.extra_javascript):
        config.extra_javascript.append(ExtraScriptValue(SARAN_SCRIPT_PATH))


def _bundle_search_worker(files: Files, config: MkDocsConfig) -> str | None:
    """Add the one-file search worker (search/worker.py) to the site; its path, or None when the
    theme has no search worker (search plugin off, or a theme that is not Material)."""
    worker = next((f for f in files if MATERIAL_WORKER.match(f.src_uri)), None)
    support = files.get_file_from_path(STEMMER_SUPPORT_PATH)
    if worker is None or support is None:
        return None
    content = bundle(worker.content_string, support.content_string)
    path = bundle_path(content)
    files.append(File.generated(config, path, content=content))
    return path


def _search_pages(files: Files, generated: dict[str, Page], nav: dict[str, str]) -> list[Page]:
    """The pages search documents are made from, in MkDocs' order: our generated pages and the
    hand-written Markdown (read the same way `panduan cari` reads docs/)."""
    pages = []
    for file in files.documentation_pages():
        if file.src_uri in generated:
            pages.append(generated[file.src_uri])
        elif (
            file.generated_by is None
            and (page := handwritten_page(file.src_uri, file.content_string, nav.get(file.src_uri))) is not None
        ):
            pages.append(page)
    return pages


def _with_meta(page: Page) -> str:
    meta = {"title": page.title, **page.meta}
    if page.source:
        meta["sumber_berkas"] = page.source
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + page.content
