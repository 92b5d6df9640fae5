"""The pipeline in one place: sources → load & validate → model → checks → links.

Both front doors (CLI and MkDocs plugin) call `build_guide()` and then `render_pages()`; neither
holds logic the other lacks.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from panduan.checks import check_guide
from panduan.diagnostics import Report
from panduan.glossary import TermMatcher
from panduan.link import Links, build_links, resolve_citations
from panduan.loader import load_guide
from panduan.model import Guide


@dataclass
class BuildResult:
    guide: Guide
    report: Report
    matcher: TermMatcher
    links: Links

    @property
    def ok(self) -> bool:
        return not self.report.errors


def build_guide(root: Path) -> BuildResult:
    """Load, validate and cross-link the whole guide under `root`. Never raises on bad input."""
    guide, report = load_guide(root)
    report.extend(check_guide(guide))
    citations, problems = resolve_citations(guide)
    guide.citations = citations
    report.extend(problems)
    matcher = TermMatcher(guide.terms.values())
    return BuildResult(guide, report, matcher, build_links(guide, matcher))
