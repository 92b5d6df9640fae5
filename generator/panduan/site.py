"""Front-door helpers that drive MkDocs for `panduan build` and `panduan serve`.

Only this module and plugin.py import mkdocs. A build goes into a fresh version folder first
(`publish.Output.stage()`); its links are checked (`linkcheck`), and only then does `site/` switch
to it in one atomic rename, so a failed or interrupted build never damages the last good site.
MkDocs' own log messages reach the editor in Indonesian (`mkdocs_messages`), located in the source
file where the page comes from one.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any, ClassVar

from panduan.diagnostics import Diagnostic, Location
from panduan.linkcheck import BrokenLink, check_site
from panduan.mkdocs_messages import locate, translate
from panduan.publish import Output, OutputError

# Material prints a multi-line MkDocs 2.0 notice on every run; editors cannot act on it.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

Resolver = Callable[[str], Any]  # docs page → (project root, source file) or None


class _Indonesian(logging.Formatter):
    """Prints MkDocs records in Indonesian; our own diagnostics (already labelled) as they are."""

    LEVELS: ClassVar[dict[str, str]] = {"WARNING": "peringatan", "ERROR": "galat", "CRITICAL": "galat"}

    def __init__(self) -> None:
        super().__init__()
        self.resolve: Resolver | None = None

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if getattr(record, "panduan_diagnostic", False):
            return message
        label = self.LEVELS.get(record.levelname)
        if record.name.startswith("mkdocs.plugins.panduan"):  # ours: Indonesian already
            return f"{label.upper()}: {message}" if label else message
        translated = translate(message, record.levelname)
        if label is None:
            return translated.text
        source = self.resolve(translated.page) if self.resolve and translated.page else None
        if source is not None:
            root, path = source
            return f"{locate(root, path, translated.link)}: {label}: {translated.text}"
        return f"{label.upper()}: {translated.text}"


_FORMATTER = _Indonesian()


class _Stderr(logging.StreamHandler[Any]):
    """Writes to whatever `sys.stderr` is now (tests and callers may swap it)."""

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        pass


def setup_logging(verbose: bool) -> None:
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_panduan", False) for h in logger.handlers):
        handler = _Stderr()
        handler.setFormatter(_FORMATTER)
        handler._panduan = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = False


@contextmanager
def _messages_about(plugin: Any) -> Iterator[None]:
    """While MkDocs runs, messages about a docs page name the source file behind it."""
    if plugin is None:
        yield
        return
    _FORMATTER.resolve = lambda page: (plugin.root, plugin.sources[page]) if page in plugin.sources else None
    try:
        yield
    finally:
        _FORMATTER.resolve = None


def _our_plugin(config: Any) -> Any:
    from panduan.plugin import PanduanPlugin

    return next((p for p in config.plugins.values() if isinstance(p, PanduanPlugin)), None)


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def build_site(
    config_file: Path,
    site_dir: Path,
    *,
    strict: bool = True,
    verbose: bool = False,
    checked: tuple[Path, Any] | None = None,
    **overrides: object,
) -> bool:
    """Build into a new version of `site_dir`, check its links, then swap it in. Returns success.

    `checked` is (project root, BuildResult) when the caller has just validated the sources.
    """
    setup_logging(verbose)
    output = Output(site_dir)
    try:
        with output.stage() as stage:
            if not build_into(
                config_file, stage.path, strict=strict, checked=checked, name=output.target.name, overrides=overrides
            ):
                _say(f"Build gagal; `{output.target.name}/` yang lama tidak diubah.")
                return False
            stage.publish()
    except OutputError as exc:
        _say(f"GALAT: {exc}")
        return False
    except OSError as exc:
        _say(f"GALAT: {output.target} tidak dapat ditulis ({exc.strerror or exc}).")
        _say(f"Build gagal; `{output.target.name}/` yang lama tidak diubah.")
        return False
    return True


def build_into(
    config_file: Path,
    folder: Path,
    *,
    strict: bool = True,
    checked: tuple[Path, Any] | None = None,
    name: str = "site",
    overrides: Mapping[str, Any] | None = None,
) -> bool:
    """Build the site into the empty folder `folder` and check every internal link in it.

    True when the result may be published; problems are printed in Indonesian. `name` is how
    messages call the output (`site/404.html`).
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from panduan.plugin import preloaded, staged

    plugin = None
    try:
        config = load_config(str(config_file), strict=strict, site_dir=str(folder), **(overrides or {}))
        plugin = _our_plugin(config)
        # As `mkdocs build` does: MkDocs keeps plugin instances that have on_startup for the whole
        # process, so each build starts and ends their session (no state left by a preview).
        config.plugins.on_startup(command="build", dirty=False)
        try:
            with preloaded(*checked) if checked else nullcontext(), staged(folder), _messages_about(plugin):
                build(config)
        finally:
            config.plugins.on_shutdown()
    except (MkDocsException, OSError) as exc:
        message = str(exc).strip()
        if message:
            _say(f"GALAT: {translate(message, 'ERROR').text}")
        return False
    broken = check_site(folder, site_url=config.site_url or "", file_urls=not config.use_directory_urls)
    for diag in broken_link_diagnostics(broken, plugin, name):
        _say(diag.text())
    if broken:
        _say(f"{len(broken)} tautan rusak di situs hasil build.")
    return not broken


def broken_link_diagnostics(broken: list[BrokenLink], plugin: Any, name: str = "site") -> list[Diagnostic]:
    """One Indonesian diagnostic per broken link, at the source line where it can be traced."""
    out = []
    for b in broken:
        source = plugin.sources.get(b.page) if plugin is not None else None
        if source:
            location = locate(plugin.root, source, b.link)
            hint = "Perbaiki tautannya di berkas sumber ini, lalu bangun ulang."
        else:
            location = Location(f"{name}/{b.page}", b.line, 1 if b.line else 0)
            hint = "Tautan ini dibuat oleh templat situs (overrides/ atau tema), bukan oleh berkas sumber."
        message = f"halaman `{b.page}` memuat tautan rusak `{b.link}`: {b.reason}."
        out.append(Diagnostic("broken-link", message, (location,), hint))
    return out


class _NoDirtyNotice(logging.Filter):
    """MkDocs warns on every dirty build; in a preview the plugin decides what is rebuilt."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def serve_site(config_file: Path, *, dev_addr: str | None = None) -> int:
    """Preview with live reload. Each save rebuilds only the pages whose output can differ
    (a "dirty" build; the plugin tells MkDocs which pages those are: plugin._mark_unchanged)."""
    from mkdocs.commands.serve import serve

    setup_logging(verbose=True)
    logging.getLogger("mkdocs.commands.build").addFilter(_NoDirtyNotice())
    try:
        # livereload must be explicit with Click > 8.2.1 (mkdocs/mkdocs#4032).
        serve(str(config_file), livereload=True, build_type="dirty", dev_addr=dev_addr)
    except KeyboardInterrupt:
        return 0
    except Exception as exc:
        print(f"GALAT: {translate(str(exc), 'ERROR').text}", file=sys.stderr)
        return 1
    return 0
