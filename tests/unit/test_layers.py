"""The pipeline runs one way: each module imports only its own stage or stages before it.

Every module's imports are read with `ast` (including imports inside functions and under
TYPE_CHECKING): a lower stage must not import a higher one, only the MkDocs adapter imports
`mkdocs`, and no output imports another output.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "generator" / "panduan"

# The stages in pipeline order; a module may import modules of its own stage or of earlier ones.
STAGES: list[tuple[str, set[str]]] = [
    (
        "sources",
        {
            "panduan",
            "panduan.cache",
            "panduan.gc_policy",
            "panduan.html_tokens",
            "panduan.workers",
            "panduan.sources",
            "panduan.diagnostics",
            "panduan.limits",
        },
    ),
    ("schema", {"panduan.schema", "panduan.regions"}),
    ("model", {"panduan.law", "panduan.model", "panduan.loader", "panduan.markdown_spans", "panduan.overlays"}),
    (
        "checks",
        {
            "panduan.checks",
            "panduan.privacy",
            "panduan.untrusted",
            "panduan.history",
            "panduan.since",
            "panduan.scaffold",
            "panduan.regional_checks",
            "panduan.latihan",
            "panduan.situations",
            "panduan.prefetch",
        },
    ),
    ("link", {"panduan.glossary", "panduan.segments", "panduan.link"}),
    ("present", {"panduan.present", "panduan.forge", "panduan.regional_view", "panduan.booklet", "panduan.modul"}),
    ("render", {"panduan.render", "panduan.render.coverage", "panduan.render.markdown", "panduan.render.nav"}),
    (
        "outputs",
        {
            "panduan.search",
            "panduan.search.documents",
            "panduan.search.duplicates",
            "panduan.search.index",
            "panduan.search.sections",
            "panduan.search.site",
            "panduan.search.split",
            "panduan.search.stemmer",
            "panduan.search.suggest",
            "panduan.search.vocabulary",
            "panduan.search.worker",
            "panduan.pdf.document",
            "panduan.pdf.engine",
            "panduan.pdf.fetch",
            "panduan.pdf.fonts",
            "panduan.pdf.markup",
            "panduan.pdf.writer",
            "panduan.pdf.imposition",
            "panduan.pdf.handout",
            "panduan.export",
            "panduan.portable",
            "panduan.downloads",
            "panduan.bodylinks",  # checks hand-written links against the rendered page set
            "panduan.sanitize",  # the HTML allow-list every output passes through last
        },
    ),
    # `build_guide()` runs every stage up to checking links against the rendered pages; the
    # stages after `link` name its result type as `link.BuildResult`.
    ("pipeline", {"panduan.build"}),
    # Front doors: commands and the MkDocs adapter. `panduan.pdf` holds `pdf_command`,
    # `search.query` is `panduan cari` and renders the site's pages itself, `offline` drives a
    # whole MkDocs build.
    (
        "front doors",
        {
            "panduan.site",
            "panduan.plugin",
            "panduan.cli",
            "panduan.__main__",
            "panduan.offline",
            "panduan.pdf",
            "panduan.search.query",
            "panduan.preview",
            "panduan.publish",
            "panduan.linkcheck",
            "panduan.mkdocs_messages",
            "panduan.changes",
        },
    ),
]
STAGE = {module: index for index, (_, modules) in enumerate(STAGES) for module in modules}
MKDOCS_ADAPTER = {"panduan.plugin", "panduan.site"}
# Outputs are independent of each other: the site renderer, the PDF and the search index each
# format the present layer's views; none reaches into another.
OUTPUTS = {"render": "panduan.render", "pdf": "panduan.pdf", "search": "panduan.search"}
FRONT_DOORS_INSIDE_OUTPUTS = {"panduan.pdf", "panduan.search.query"}  # commands, not the outputs themselves


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str) -> set[str]:
    """Every module `name` imports, resolved to dotted names (`from x import y` may name a
    submodule: `from panduan.render import coverage`)."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    package = name if MODULES[name].name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else [])
                )
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in MODULES}
    return found


def _panduan_imports(name: str) -> set[str]:
    return {m for m in _imports(name) if m == "panduan" or m.startswith("panduan.")}


def _output_of(module: str) -> str | None:
    if module in FRONT_DOORS_INSIDE_OUTPUTS:
        return None
    for output, prefix in OUTPUTS.items():
        if module == prefix or module.startswith(prefix + "."):
            return output
    return None


def test_every_module_has_a_stage():
    assert set(MODULES) - set(STAGE) == set(), "add new modules to STAGES"
    assert set(STAGE) - set(MODULES) == set(), "STAGES names a module that does not exist"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_imports_a_later_stage(name):
    later = sorted(m for m in _panduan_imports(name) if m in STAGE and STAGE[m] > STAGE[name])
    assert later == [], f"{name} ({STAGES[STAGE[name]][0]}) imports later stages: {later}"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_only_the_mkdocs_adapter_imports_mkdocs(name):
    uses = sorted(m for m in _imports(name) if m == "mkdocs" or m.startswith("mkdocs."))
    if name not in MKDOCS_ADAPTER:
        assert uses == [], f"{name} imports {uses}; only {sorted(MKDOCS_ADAPTER)} may"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_output_imports_another_output(name):
    own = _output_of(name)
    if own is None:
        return
    others = sorted(m for m in _panduan_imports(name) if _output_of(m) not in (None, own))
    assert others == [], f"{name} ({own}) imports another output: {others}"


def test_the_rules_catch_a_violation():
    """The checks above would see the imports that used to break them."""
    assert STAGE["panduan.pdf.document"] > STAGE["panduan.render"]  # allowed by order alone ...
    assert _output_of("panduan.pdf.document") != _output_of("panduan.render")  # ... not by the output rule
    assert "panduan.render.coverage" in _imports("panduan.render")  # `from panduan.render import coverage`
