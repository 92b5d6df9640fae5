"""Front-door helpers that drive MkDocs for `panduan build` and `panduan serve`.

Only this module and plugin.py import mkdocs. A build goes into a fresh folder first and replaces
`site/` only when it succeeded, so a failed build never damages the last good site.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from contextlib import nullcontext
from pathlib import Path
from typing import Any

# Material prints a multi-line MkDocs 2.0 notice on every run; editors cannot act on it.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


class _Plain(logging.Formatter):
    LEVELS = {"WARNING": "PERINGATAN", "ERROR": "GALAT", "INFO": "INFO"}

    def format(self, record: logging.LogRecord) -> str:
        return f"{self.LEVELS.get(record.levelname, record.levelname)}: {record.getMessage()}"


def _setup_logging(verbose: bool) -> None:
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_panduan", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(_Plain())
        handler._panduan = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = False


def build_site(
    config_file: Path,
    site_dir: Path,
    *,
    strict: bool = True,
    verbose: bool = False,
    checked: tuple[Path, Any] | None = None,
    **overrides: object,
) -> bool:
    """Build into a temporary sibling of `site_dir`, then swap it in. Returns success.

    `checked` is (project root, BuildResult) when the caller has just validated the sources.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from panduan.plugin import preloaded

    _setup_logging(verbose)
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-", dir=site_dir.parent))
    try:
        config = load_config(str(config_file), strict=strict, site_dir=str(staging), **overrides)
        with preloaded(*checked) if checked else nullcontext():
            build(config)
    except (MkDocsException, OSError) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        message = str(exc).strip()
        if message:
            print(f"GALAT: {message}", file=sys.stderr)
        print(f"Build gagal; `{site_dir.name}/` yang lama tidak diubah.", file=sys.stderr)
        return False
    _swap(staging, site_dir)
    return True


def _swap(new: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def serve_site(config_file: Path, *, dev_addr: str | None = None) -> int:
    from mkdocs.commands.serve import serve

    _setup_logging(verbose=True)
    try:
        # livereload must be explicit with Click > 8.2.1 (mkdocs/mkdocs#4032).
        serve(str(config_file), livereload=True, dev_addr=dev_addr)
    except KeyboardInterrupt:
        return 0
    except Exception as exc:  # noqa: BLE001 - MkDocs raises many kinds; the editor needs one line
        print(f"GALAT: {exc}", file=sys.stderr)
        return 1
    return 0
