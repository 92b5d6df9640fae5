"""The pipeline in one place: sources → load & validate → model → checks → links, then the
hand-written links checked against the pages the site will have.

Both front doors (CLI and MkDocs plugin) call `build_guide()` and then `render_pages()`; neither
holds logic the other lacks. The result type lives with the link stage (`link.BuildResult`), so
the stages after it can name it without importing this driver.
"""

from __future__ import annotations

from pathlib import Path

from panduan import cache
from panduan.bodylinks import check_links
from panduan.checks import check_guide
from panduan.glossary import TermMatcher
from panduan.link import BuildResult, link_guide
from panduan.loader import load_guide
from panduan.prefetch import prefetch
from panduan.search.duplicates import check_duplicate_tasks
from panduan.search.vocabulary import check_vocabulary

__all__ = ["BuildResult", "build_guide"]


def build_guide(root: Path, *, docs_dir: Path | None = None, downloads_dir: Path | None = None) -> BuildResult:
    """Load, validate and cross-link the whole guide under `root`. Never raises on bad input.

    Once the sources hold no error, the links editors wrote are checked against the pages the
    site will have (`bodylinks`); `docs_dir` and `downloads_dir` default to `docs/` and `dist/`.
    """
    with cache.session(root):  # results of unchanged files come from the last run
        prefetch(root)  # files new to the cache: parsed and scanned on every core first
        guide, report = load_guide(root)
        report.extend(check_guide(guide))
        report.extend(check_vocabulary(guide))
        report.extend(check_duplicate_tasks(guide))  # near-duplicate tasks, by the search analyzer
        matcher = TermMatcher(guide.terms.values())
        links, problems = link_guide(guide, matcher)
        report.extend(problems)
        result = BuildResult(guide, report, matcher, links)
        if not report.errors:  # rendering the page set needs a consistent model
            report.extend(
                check_links(result, docs_dir=docs_dir or root / "docs", downloads_dir=downloads_dir or root / "dist")
            )
    return result
