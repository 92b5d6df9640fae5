"""`panduan generate --out DIR`: the rendered pages as plain Markdown files, for any builder.

MkDocs 1.x is frozen and Material reaches end of life in 2027; this keeps the guide portable. The
folder gets the pages (with YAML front matter), a `SUMMARY.md` nav in the literate-nav format that
several builders read, and a marker so we only ever overwrite a folder we created.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from panduan.render import NavItem, Page

MARKER = ".panduan-generated"


class NotOurFolder(Exception):
    """The output folder exists, is not empty and was not created by us."""


def write_markdown(pages: list[Page], nav: list[NavItem], out: Path) -> int:
    """Write every page and the nav; return the number of pages written."""
    if out.exists() and any(out.iterdir()) and not (out / MARKER).exists():
        raise NotOurFolder(out)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / MARKER).write_text("Folder ini dibuat oleh `panduan generate`; isinya ditimpa setiap kali.\n", encoding="utf-8")
    for page in pages:
        target = out / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        meta = {"title": page.title, **page.meta, **({"sumber_berkas": page.source} if page.source else {})}
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        target.write_text(f"---\n{front}---\n\n{page.content}", encoding="utf-8")
    (out / "SUMMARY.md").write_text(summary(nav), encoding="utf-8")
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
