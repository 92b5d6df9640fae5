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
from panduan.link import Links, link_guide
from panduan.loader import load_guide
from panduan.model import Guide
from panduan.search.vocabulary import check_vocabulary


@dataclass
class BuildResult:
    guide: Guide
    report: Report
    matcher: TermMatcher
    links: Links

    @property
    def ok(self) -> bool:
        return not self.report.errors


def build_guide(root: Path, *, docs_dir: Path | None = None, downloads_dir: Path | None = None) -> BuildResult:
    """Load, validate and cross-link the whole guide under `root`. Never raises on bad input.

    Once the sources hold no error, the links editors wrote are checked against the pages the
    site will have (`bodylinks`); `docs_dir` and `downloads_dir` default to `docs/` and `dist/`.
    """
    guide, report = load_guide(root)
    report.extend(check_guide(guide))
    report.extend(check_vocabulary(guide))
    matcher = TermMatcher(guide.terms.values())
    links, problems = link_guide(guide, matcher)
    report.extend(problems)
    result = BuildResult(guide, report, matcher, links)
    if not report.errors:  # rendering the page set needs a consistent model
        from panduan.bodylinks import check_links

        report.extend(
            check_links(result, docs_dir=docs_dir or root / "docs", downloads_dir=downloads_dir or root / "dist")
        )
    return result
