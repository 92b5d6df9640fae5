"""Property: whatever an editor writes, the pipeline reports it; it never raises, hangs or crashes.

The loader and validator run on in-memory files (1,000 examples each, cheap); a smaller number of
examples go through a whole temporary project: `panduan check` (cli.main), and when the check
passes, page rendering and Python-Markdown with the site's extensions, because a source that
passes the check must also build. Examples are derandomized (a fixed seed per test), so CI and
every machine run the same cases; there is no deadline, because timings are never asserted.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from panduan.build import build_guide
from panduan.cli import main
from panduan.diagnostics import Diagnostic
from panduan.render import render_pages
from panduan.schema import GuidelineSource, RoleRegistry, TermSource, validate
from panduan.sources import load_bytes
from tests.conftest import REPO, TERM_STR, Project
from tests.fuzz.strategies import REGISTRY_DATA, encoded, guideline_bytes, renderable_guideline, term_bytes, yaml_text

MANY = settings(max_examples=1_000, derandomize=True, deadline=None, database=None)
FEWER = settings(
    max_examples=150, derandomize=True, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)

GUIDELINE_PATH = "guidelines/etika-klien/fuzz.md"
TERM_PATH = "glossary/surat-tanda-registrasi.yaml"  # replaces the fixture's term in whole projects


def _assert_one_line(diag: Diagnostic) -> None:
    # `path:line:col: galat: …` stays one line per problem, whatever the editor's values contain
    assert diag.code and diag.message.strip(), diag
    assert "\n" not in diag.message and "\n" not in diag.hint, diag
    diag.text(), diag.github()  # both renderings work for any message


def _assert_reported(diag: Diagnostic, raw: bytes, rel: str) -> None:
    _assert_one_line(diag)
    assert diag.primary.path == rel
    lines = raw.count(b"\n") + (b"\r" in raw) + 2  # generous: a mark may sit just past the end
    assert 0 <= diag.primary.line <= lines, (diag.text(), lines)
    assert diag.primary.col >= 0


def _load_and_validate(raw: bytes, rel: str, model: type) -> None:
    loaded = load_bytes(raw, rel)
    if isinstance(loaded, Diagnostic):
        _assert_reported(loaded, raw, rel)
        return
    _, problems = validate(model, loaded)
    for diag in problems:
        _assert_reported(diag, raw, rel)


@MANY
@given(raw=guideline_bytes)
def test_any_guideline_loads_or_is_reported(raw):
    _load_and_validate(raw, GUIDELINE_PATH, GuidelineSource)


@MANY
@given(raw=term_bytes)
def test_any_glossary_term_loads_or_is_reported(raw):
    _load_and_validate(raw, TERM_PATH, TermSource)


@MANY
@given(raw=encoded(yaml_text(REGISTRY_DATA)))
def test_any_role_registry_loads_or_is_reported(raw):
    _load_and_validate(raw, "registry/peran.yaml", RoleRegistry)


# ---------------------------------------------------------------------------------------------
# Whole projects


def _site_markdown() -> markdown.Markdown:
    """Python-Markdown with the extensions and settings of the real mkdocs.yml."""

    class Tolerant(yaml.SafeLoader):
        pass

    Tolerant.add_multi_constructor("", lambda loader, suffix, node: None)  # mkdocs.yml has !ENV
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Tolerant)
    entries = [e if isinstance(e, dict) else {e: {}} for e in config["markdown_extensions"]]
    names = [next(iter(e)) for e in entries]
    return markdown.Markdown(extensions=names, extension_configs={k: v for e in entries for k, v in e.items() if v})


@pytest.fixture(scope="module")
def fuzz_project(tmp_path_factory) -> Project:
    project = Project(tmp_path_factory.mktemp("fuzz") / "proj")
    (project.root / "guidelines/etika-klien/kerahasiaan.md").unlink()  # the generated one has its id
    return project


@pytest.fixture(scope="module")
def site_markdown() -> markdown.Markdown:
    return _site_markdown()


@pytest.mark.slow
@FEWER
@given(
    guideline=st.one_of(guideline_bytes, renderable_guideline()), term=st.one_of(st.just(TERM_STR.encode()), term_bytes)
)
def test_check_and_render_never_raise(fuzz_project, site_markdown, guideline, term):
    fuzz_project.write(GUIDELINE_PATH, guideline)
    fuzz_project.write(TERM_PATH, term)
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["--root", str(fuzz_project.root), "check"])
    assert code in (0, 1), err.getvalue()
    assert "Traceback" not in err.getvalue()
    result = build_guide(Path(fuzz_project.root))
    for diag in result.report.diagnostics:
        _assert_one_line(diag)
    if code == 0:
        # Passed the check, so it must also build: render every page, then run Python-Markdown.
        for page in render_pages(result):
            site_markdown.reset().convert(page.content)
