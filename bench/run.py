"""Benchmarks for Panduan Praktik. Run with `make bench`; figures go to bench/results.md.

`make bench` runs the rows below on the real guide, then the scale benchmark (bench/scale.py:
synthetic guides of 200 and 1,000 guidelines built side by side with plain MkDocs + Material and
Zensical). Options after `--` go to bench/scale.py, e.g. `make bench BENCH_ARGS="--sizes 5000 --runs 1"`;
`--no-scale` skips it, `--scale-only` runs only it.

glossary-scaling: build the real guide of the real guide with the real glossary cut down to 20 terms
and grown to 2,000 terms (synthetic extra terms). Issue target: 2,000 terms cost at most 10% more
than 20 terms, because linking is one automaton pass per text, never terms × pages.
"""

from __future__ import annotations

import os
import random
import string
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "generator"))

from panduan.build import build_guide  # noqa: E402
from panduan.glossary import TermMatcher  # noqa: E402
from panduan.link import link_guide  # noqa: E402
from panduan.model import Term  # noqa: E402
from panduan.render import Renderer, render_pages  # noqa: E402
from panduan.schema import TermSource  # noqa: E402


def _synthetic_terms(count: int, seed: int = 14) -> list[Term]:
    rng = random.Random(seed)
    terms = []
    for i in range(count):
        words = " ".join(
            "".join(rng.choices(string.ascii_lowercase, k=rng.randint(4, 9))) for _ in range(rng.randint(1, 3))
        )
        acronym = "".join(rng.choices(string.ascii_uppercase, k=4)) + str(i)
        terms.append(Term(f"sintetis-{i}", TermSource(istilah=words, singkatan=acronym, definisi="Istilah uji.")))
    return terms


def _render_seconds(result, terms: list[Term], *, whole_site: bool, repeat: int = 15) -> float:
    """Fastest of `repeat` runs (least disturbed by the machine), in seconds, to build the matcher, link and render (guideline pages, or every page)."""
    result.guide.terms = {t.id: t for t in terms}
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result.matcher = TermMatcher(terms)
        result.links, _ = link_guide(result.guide, result.matcher)
        if whole_site:
            render_pages(result)
        else:
            renderer = Renderer(result)
            for g in result.guide.guidelines.values():
                renderer._guideline(g)
        times.append(time.perf_counter() - started)
    return min(times)


def glossary_scaling() -> str:
    result = build_guide(ROOT)
    real = list(result.guide.terms.values())
    small = real[:20]
    # Same 20 real terms plus 1,980 that never match: only the number of terms differs.
    large = small + _synthetic_terms(2000 - len(small))
    rows = []
    for whole_site, label in ((False, "guideline pages (same pages)"), (True, "whole site incl. glossary page")):
        t_small = _render_seconds(result, small, whole_site=whole_site)
        t_large = _render_seconds(result, large, whole_site=whole_site)
        ratio = t_large / t_small - 1
        verdict = "informational: render stage only"
        rows.append(
            f"| glossary-scaling, {label} | {len(result.guide.guidelines)} guidelines; 20 terms: "
            f"{t_small * 1000:.0f} ms; 2,000 terms: {t_large * 1000:.0f} ms | +{ratio * 100:.1f}% "
            f"(target ≤ +10%) {verdict} |"
        )
    return "\n".join(rows)


def _full_build_seconds(extra_terms: int, repeat: int = 5) -> float:
    """A whole in-process MkDocs build of the real guide; only the number of terms differs.

    The extra terms are added to the model after loading (so YAML parsing of 2,000 files is not
    what is measured) and the glossary page keeps listing the same 20 terms (same pages).
    """
    import logging
    import tempfile
    from unittest import mock

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    import panduan.build as build_mod
    import panduan.render as render_mod

    real_build_guide = build_mod.build_guide
    extra = _synthetic_terms(extra_terms)  # made once, outside the timed builds

    def build_guide_with_terms(root):
        result = real_build_guide(root)
        base = list(result.guide.terms.values())[:20]
        terms = base + extra
        result.guide.terms = {t.id: t for t in terms}
        result.matcher = TermMatcher(terms)
        result.links, _ = link_guide(result.guide, result.matcher)
        return result

    real_glossary = render_mod.Renderer._glossary

    def same_glossary(self):
        keep = dict(list(self.guide.terms.items())[:20])
        saved, self.guide.terms = self.guide.terms, keep
        try:
            return real_glossary(self)
        finally:
            self.guide.terms = saved

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    times = []
    with (
        mock.patch("panduan.plugin.build_guide", build_guide_with_terms),
        mock.patch.object(render_mod.Renderer, "_glossary", same_glossary),
    ):
        for _ in range(repeat):
            with tempfile.TemporaryDirectory() as tmp:
                config = load_config(str(ROOT / "mkdocs.yml"), site_dir=tmp, strict=False)
                started = time.perf_counter()
                build(config)
                times.append(time.perf_counter() - started)
    return min(times)


def full_build_scaling() -> str:
    small, large = _full_build_seconds(0), _full_build_seconds(1980)
    ratio = large / small - 1
    verdict = "OK" if ratio <= 0.10 else "OVER TARGET"
    return (
        f"| glossary-scaling, full MkDocs build, same pages | 20 terms: {small:.2f} s; 2,000 terms: "
        f"{large:.2f} s | +{ratio * 100:.1f}% (target ≤ +10%) {verdict} |"
    )


def site_build() -> str:
    """Wall time of the whole strict site build (check + MkDocs), median of 3 runs."""
    times = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "panduan",
                "--root",
                str(ROOT),
                "build",
                "--strict",
                "--site-dir",
                str(ROOT / "bench" / ".site"),
            ],
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - started)
    times.sort()
    return f"| site-build | strict `panduan build` of the real guide | {times[1]:.2f} s (median of 3) |"


def page_weight() -> str:
    """What a phone downloads: a guideline page with its CSS/JS, and the search index on first search."""
    import gzip
    import re

    site = ROOT / "bench" / ".site"
    page = site / "etika-klien" / "kerahasiaan-klien" / "index.html"
    html = page.read_text(encoding="utf-8")
    assets = re.findall(r'(?:href|src)="\.\./\.\./(assets/[^"]+\.(?:css|js))"', html)
    files = [page, *(site / a for a in assets)]
    raw = sum(f.stat().st_size for f in files)
    packed = sum(len(gzip.compress(f.read_bytes(), 6)) for f in files)
    index = site / "search" / "search_index.json"
    index_gz = len(gzip.compress(index.read_bytes(), 6))
    matrix = (site / "peran" / "matriks" / "index.html").read_bytes()
    return (
        f"| page-weight | guideline page + its CSS/JS ({len(files)} files) | {raw / 1000:.0f} KB raw, "
        f"{packed / 1000:.0f} KB gzip |\n"
        f"| matrix-weight | peran/matriks/ HTML (the largest generated table) | {len(matrix) / 1000:.0f} KB raw, "
        f"{len(gzip.compress(matrix, 6)) / 1000:.0f} KB gzip |\n"
        f"| search-index | search_index.json, fetched on first search | {index.stat().st_size / 1000:.0f} KB raw, "
        f"{index_gz / 1000:.0f} KB gzip |"
    )


def pdfs() -> str:
    """Wall time of `panduan pdf` (all documents, booklets in parallel) and each file's pages/size."""
    import json
    import tempfile

    from pypdf import PdfReader

    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "panduan", "--root", str(ROOT), "pdf", "--out", tmp],
            check=True,
            capture_output=True,
        )
        seconds = time.perf_counter() - started
        entries = json.loads((Path(tmp) / "manifest.json").read_text(encoding="utf-8"))
        parts = [
            f"{e['file']}: {len(PdfReader(Path(tmp) / e['file']).pages)} pages, "
            f"{(Path(tmp) / e['file']).stat().st_size / 1_000_000:.2f} MB"
            for e in entries
        ]
    return (
        f"| pdf | `panduan pdf`, {len(entries)} files on {os.cpu_count()} cores | {seconds:.1f} s; "
        + "; ".join(parts)
        + " |"
    )


OWN_ROWS = ("| glossary-scaling", "| site-build", "| page-weight", "| search-index", "| pdf |")


def main(argv: list[str]) -> int:
    scale_args = [a for a in argv if a not in ("--no-scale", "--scale-only")]
    if "--scale-only" not in argv:
        rows = [glossary_scaling(), full_build_scaling(), site_build(), page_weight(), pdfs()]
        results = ROOT / "bench" / "results.md"
        lines = results.read_text(encoding="utf-8").splitlines() if results.exists() else []
        # The table's own rows are replaced; rows and sections of other benchmarks stay as they are.
        table_end = next((i for i, line in enumerate(lines) if i > 1 and not line.startswith("|")), len(lines))
        kept = [line for line in lines[2:table_end] if not line.startswith(OWN_ROWS)]
        report = "| benchmark | measurement | result |\n|---|---|---|\n" + "\n".join([*rows, *kept]) + "\n"
        results.write_text(
            report + "\n".join(lines[table_end:]) + ("\n" if lines[table_end:] else ""), encoding="utf-8"
        )
        print(report)
    if "--no-scale" not in argv:
        import scale

        return scale.main(scale_args)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "bench"))
    sys.exit(main(sys.argv[1:]))
