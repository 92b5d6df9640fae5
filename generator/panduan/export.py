"""`panduan generate --out DIR`: the guide as a plain Markdown project that other builders take.

MkDocs 1.x is frozen and Material reaches end of life in 2027; this keeps the guide portable.
The folder is a complete project for a builder that is not MkDocs + Material + our plugin:

    DIR/.panduan-generated   marker: we only ever overwrite a folder we created
    DIR/properdocs.yml       config for ProperDocs (also a plain MkDocs 1.x config)
    DIR/zensical.toml        config for Zensical
    DIR/docs/                the pages (YAML front matter + Markdown), a `SUMMARY.md` nav in the
                             literate-nav format, the hand-written pages and static assets from the
                             project's docs folder, the JSON Schema, and the downloads (PDFs) found

`cd DIR && properdocs build` or `cd DIR && zensical build` then builds the site into `DIR/site/`.
Tested in `tests/portable/`. Nothing here imports mkdocs.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from panduan.portable import (
    DOCS_DIR,
    SUMMARY,
    SiteSettings,
    dump_toml,
    dump_yaml,
    properdocs_config,
    zensical_config,
)
from panduan.render import NavItem, Page

MARKER = ".panduan-generated"
PROPERDOCS_CONFIG = "properdocs.yml"
ZENSICAL_CONFIG = "zensical.toml"


class NotOurFolder(Exception):
    """The output folder exists, is not empty and was not created by us."""


def write_markdown(
    pages: list[Page],
    nav: list[NavItem],
    out: Path,
    *,
    static_dir: Path | None = None,
    files: dict[str, str | Path] | None = None,
    settings: SiteSettings | None = None,
) -> int:
    """Write the project folder; return the number of generated pages written.

    `static_dir` is the project's hand-written docs folder, copied over the generated pages (a
    hand-written page wins on a clash, as in the MkDocs plugin). `files` maps a docs-relative path
    to text or to a file to copy (the JSON Schema, the downloads).
    """
    if out.exists() and any(out.iterdir()) and not (out / MARKER).exists():
        raise NotOurFolder(out)
    if out.exists():
        shutil.rmtree(out)
    docs = out / DOCS_DIR
    docs.mkdir(parents=True)
    (out / MARKER).write_text(
        "Folder ini dibuat oleh `panduan generate`; isinya ditimpa setiap kali.\n", encoding="utf-8"
    )
    for page in pages:
        target = docs / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        meta = {"title": page.title, **page.meta, **({"sumber_berkas": page.source} if page.source else {})}
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        target.write_text(f"---\n{front}---\n\n{page.content}", encoding="utf-8")
    if static_dir is not None and static_dir.is_dir():
        shutil.copytree(static_dir, docs, dirs_exist_ok=True)
    for rel, content in (files or {}).items():
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            shutil.copyfile(content, target)
        else:
            target.write_text(content, encoding="utf-8")
    (docs / SUMMARY).write_text(summary(nav), encoding="utf-8")
    settings = settings or SiteSettings()
    hidden = [page.path for page in pages if not page.in_nav]
    (out / PROPERDOCS_CONFIG).write_text(
        "# ProperDocs (MkDocs 1.x fork): `properdocs build`. Written by `panduan generate`; edits are overwritten.\n"
        + dump_yaml(properdocs_config(settings, nav, not_in_nav=hidden)),
        encoding="utf-8",
    )
    (out / ZENSICAL_CONFIG).write_text(
        "# Zensical: `zensical build`. Written by `panduan generate`; edits are overwritten.\n"
        + dump_toml(zensical_config(settings, nav, not_in_nav=hidden)),
        encoding="utf-8",
    )
    return len(pages)


def summary(nav: list[NavItem], depth: int = 0) -> str:
    lines = []
    for item in nav:
        indent = "    " * depth
        if item.children:
            lines.append(f"{indent}- {item.title}")
            lines.append(summary(item.children, depth + 1).rstrip("\n"))
        else:
            lines.append(f"{indent}- [{item.title or item.path}]({item.path})")
    return "\n".join(lines) + "\n"
