"""Build speed and page weight at national scale: our build side by side with plain MkDocs and Zensical.

    .venv/bin/python bench/scale.py                      # 200 and 1,000 guidelines, 3 runs each
    .venv/bin/python bench/scale.py --sizes 5000 --runs 1
    .venv/bin/python bench/scale.py --sizes 1000 --pdf   # also the PDF handbook

For each size a synthetic guide (bench/synthetic_guide.py) with 2,000 glossary terms is written,
then built, in one process tree, one builder after the other in each round (so a busy machine
slows all three alike), and the medians of the rounds are reported:

* `panduan build` (through bench/staged_build.py: the same CLI, with a stopwatch per stage);
* plain MkDocs + Material, same theme features, on exactly the Markdown `panduan generate` writes
  (its `properdocs.yml`, with Material instead of the `mkdocs` theme, no panduan plugin);
* Zensical on the same Markdown (its `zensical.toml`), installed like tests/portable does it
  (.cache/builders/zensical); skipped with a note when it cannot be installed.

Wall time is what an editor waits; CPU time (user + system, from `wait4`) is what the build
costs and is much less disturbed by other work on a shared machine. Peak RSS is the child's
`ru_maxrss`. The tables are printed and kept in bench/results.md, one block per size.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
RESULTS = ROOT / "bench" / "results.md"
TERMS = 2000
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "generator"))


@dataclass
class Run:
    wall: float
    cpu: float
    rss_mb: float


@dataclass
class Measured:
    runs: list[Run] = field(default_factory=list)
    note: str = ""

    @property
    def wall(self) -> float:
        return statistics.median(r.wall for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def rss(self) -> float:
        return max(r.rss_mb for r in self.runs)


def run(
    cmd: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None, tree: list[float] | None = None
) -> Run:
    """Run `cmd` to its end; its wall time, CPU time and peak RSS (its own `wait4` usage).

    With `tree` (a list), the peak memory of the whole process tree (the command and its
    workers) is appended to it, in MB: PSS, which counts a page shared by forked workers once."""
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        if tree is not None:
            peak = 0
            while True:
                done, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if done:
                    break
                peak = max(peak, _tree_pss(proc.pid))
                time.sleep(0.25)
            tree.append(peak / 1e6)
        else:
            _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            tail = err.read().decode("utf-8", "replace")[-3000:]
            raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{tail}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def _tree_pss(pid: int) -> int:
    """Bytes of memory (PSS, Linux) of `pid` and all its descendants now; 0 where /proc says nothing."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            children.setdefault(int(stat[1]), []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo += children.get(current, [])
        try:
            for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) * 1024
        except (OSError, ValueError):
            continue
    return total


# ---------------------------------------------------------------------------------------------
# The three builders


def material_config(generated: Path) -> Path:
    """Plain MkDocs + Material for the generated Markdown: the project's theme settings and search,
    the generated project's pages, nav and extensions; no panduan plugin, no template overrides."""
    config = yaml.safe_load((generated / "properdocs.yml").read_text(encoding="utf-8"))
    project = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Tolerant)
    theme = {k: v for k, v in project["theme"].items() if k != "custom_dir"}
    config.update(theme=theme, plugins=[{"search": {"lang": "en"}}])
    target = generated / "mkdocs-material.yml"
    target.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


class _Tolerant(yaml.SafeLoader):
    pass


_Tolerant.add_multi_constructor("!", lambda loader, suffix, node: None)


def zensical() -> Path | None:
    sys.path.insert(0, str(ROOT / "tests" / "portable"))
    try:
        from conftest import BUILDERS, BuilderUnavailable, install  # tests/portable: one install recipe
    except ImportError:
        return None
    try:
        return install(BUILDERS["zensical"])
    except BuilderUnavailable as exc:
        print(f"Zensical not measured: {exc}", file=sys.stderr)
        return None


def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(("MKDOCS_", "PROPERDOCS_", "PANDUAN_"))} | {
        "NO_MKDOCS_2_WARNING": "1"
    }


# ---------------------------------------------------------------------------------------------
# What readers download


def guideline_pages(guide: Path, site: Path) -> list[Path]:
    pages = []
    for source in sorted((guide / "guidelines").glob("*/*.md")):
        if source.name != "README.md":
            page = site / source.parent.name / source.stem / "index.html"
            if page.is_file():
                pages.append(page)
    return pages


def _gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def first_view(page: Path, site: Path) -> tuple[int, int]:
    """Raw and gzip bytes of a page with the CSS and JS it loads (what a first visit downloads)."""
    html = page.read_text(encoding="utf-8")
    files = {page}
    for target in re.findall(r'(?:href|src)="([^"#?]+\.(?:css|js))(?:\?[^"]*)?"', html):
        if "://" in target:
            continue
        path = (page.parent / target).resolve()
        if path.is_file() and site.resolve() in path.parents:
            files.add(path)
    return sum(f.stat().st_size for f in files), sum(_gz(f) for f in files)


def search_first(site: Path) -> int:
    """Gzip bytes the browser fetches for a first search: the index the worker loads at once,
    the worker, and our Indonesian analyzer. (Body parts of the two-stage index come later.)"""
    files = [site / "search" / "search_index.json", site / "search.json"]  # Material's; Zensical's
    files += list((site / "assets" / "javascripts" / "workers").glob("search*.js"))
    files += list((site / "search").glob("*.js"))
    return sum(_gz(f) for f in files if f.is_file())


def page_weight(guide: Path, site: Path) -> dict[str, Any]:
    pages = guideline_pages(guide, site)
    sizes = sorted(p.stat().st_size for p in pages)
    median_page = min(pages, key=lambda p: abs(p.stat().st_size - statistics.median(sizes)))
    raw, packed = first_view(median_page, site)
    return {
        "pages": len(pages),
        "html_median": statistics.median(sizes),
        "html_max": sizes[-1],
        "first_view_raw": raw,
        "first_view_gzip": packed,
        "search_first_gzip": search_first(site),
    }


# ---------------------------------------------------------------------------------------------
# One size


def measure(size: int, runs: int, work: Path, *, pdf: bool, zensical_too: bool = True) -> dict[str, Any]:
    from synthetic_guide import make_guide

    guide = make_guide(work / f"guide-{size}", size, terms=TERMS)
    generated = work / f"generated-{size}"
    env = clean_env()
    panduan = [sys.executable, "-m", "panduan", "--root", str(guide)]
    run([*panduan, "generate", "--out", str(generated)], env=env)
    material = material_config(generated)
    zensical_bin = zensical() if zensical_too else None
    ours, plain, zen, check, saved = Measured(), Measured(), Measured(), Measured(), Measured()
    first = work / f"cache-{size}-first"
    cold = env | {"PANDUAN_CACHE_DIR": str(first)}  # builds and the first check: an empty cache folder

    def empty_cache() -> dict[str, str]:
        """A first run, as on a fresh clone or a CI runner: the cache is on, with nothing in it."""
        shutil.rmtree(first, ignore_errors=True)
        return cold

    warm = env | {"PANDUAN_CACHE_DIR": str(work / f"cache-{size}")}
    edited = next(iter(sorted((guide / "guidelines").glob("sintetis-*/*.md"))))
    run([*panduan, "check"], env=warm)  # fills the cache, as the editor's previous save did
    stages: list[dict[str, Any]] = []
    site = {"ours": work / f"site-ours-{size}", "mkdocs": work / f"site-mkdocs-{size}", "zensical": generated / "site"}
    for i in range(runs):
        print(f"  {size}: round {i + 1}/{runs}", file=sys.stderr, flush=True)
        check.runs.append(run([*panduan, "check"], env=empty_cache()))
        saved.runs.append(_check_after_save(panduan, edited, warm, i))
        for s in site.values():
            shutil.rmtree(s, ignore_errors=True)
        stage_file = work / "stages.json"
        staged = [sys.executable, str(ROOT / "bench" / "staged_build.py"), str(stage_file), "panduan"]
        ours.runs.append(
            run([*staged, "--root", str(guide), "build", "--site-dir", str(site["ours"])], env=empty_cache())
        )
        stages.append(json.loads(stage_file.read_text(encoding="utf-8")))
        plain.runs.append(
            run([str(BIN / "mkdocs"), "build", "-q", "-f", str(material), "-d", str(site["mkdocs"])], env=env)
        )
        if zensical_bin is not None and not zen.note:
            shutil.rmtree(generated / ".cache", ignore_errors=True)  # a full build, not an incremental one
            try:
                zen.runs.append(
                    run([str(zensical_bin), "build", "-f", str(generated / "zensical.toml")], cwd=generated, env=env)
                )
            except SystemExit as failed:  # the reference builder's failure is a finding, not the end of the run
                zen.note = "failed: " + str(failed).strip().splitlines()[-1][:300]
    result: dict[str, Any] = {
        "size": size,
        "runs": runs,
        "ours": ours,
        "mkdocs": plain,
        "zensical": zen,
        "check": check,
        "check_saved": saved,
        "stages": {
            k: statistics.median(s["stages"].get(k, 0.0) for s in stages)
            for k in sorted({k for s in stages for k in s["stages"]})
        },
        "stage_mkdocs": statistics.median(s["mkdocs"] for s in stages),
        "stage_imports": statistics.median(s["imports"] for s in stages),
        "weight": {name: page_weight(guide, s) for name, s in site.items() if s.is_dir()},
    }
    if pdf:
        result["pdf"] = measure_pdf(guide, work / f"pdf-{size}", empty_cache())
    return result


def _check_after_save(panduan: list[str], edited: Path, env: dict[str, str], round_: int) -> Run:
    """`panduan check` as an editor runs it on saving: one guideline changed since the last check."""
    original = edited.read_text(encoding="utf-8")
    try:
        edited.write_text(original + f"\nKalimat tambahan ke-{round_ + 1} dari penyunting.\n", encoding="utf-8")
        return run([*panduan, "check"], env=env)
    finally:
        edited.write_text(original, encoding="utf-8")


def measure_pdf(guide: Path, out: Path, env: dict[str, str]) -> dict[str, Any]:
    from pypdf import PdfReader

    shutil.rmtree(out, ignore_errors=True)
    tree: list[float] = []
    # Pocket booklets of a synthetic guide this large exceed the 40 pages of a real pocket book;
    # the limit is lifted so that the run is timed, not stopped.
    command = ["pdf", "--out", str(out), "--maks-halaman-saku", "100000"]
    r = run([sys.executable, "-m", "panduan", "--root", str(guide), *command], env=env, tree=tree)
    books = sorted(out.glob("panduan-praktik*.pdf"))
    return {
        "run": r,
        "tree_mb": tree[0],
        "volumes": len(books),
        "pages": sum(len(PdfReader(book).pages) for book in books),
        "mb": sum(book.stat().st_size for book in books) / 1e6,
        "files": len(list(out.rglob("*.pdf"))),
    }


# ---------------------------------------------------------------------------------------------
# Report


def _kb(n: float) -> str:
    return f"{n / 1000:.0f} KB"


def table(r: dict[str, Any]) -> str:
    size, base = r["size"], r["mkdocs"]
    lines = [
        f"#### {size:,} guidelines, {TERMS:,} glossary terms (median of {r['runs']} rounds)",
        "",
        "| builder | wall | CPU | peak RSS | wall / plain MkDocs | CPU / plain MkDocs |",
        "|---|---|---|---|---|---|",
    ]
    for key, label in (("ours", "`panduan build`"), ("mkdocs", "plain MkDocs + Material"), ("zensical", "Zensical")):
        m: Measured = r[key]
        if not m.runs:
            lines.append(f"| {label} | {m.note or 'not measured'} | | | | |")
            continue
        lines.append(
            f"| {label} | {m.wall:.1f} s | {m.cpu:.1f} s | {m.rss:.0f} MB | {m.wall / base.wall:.2f}× | {m.cpu / base.cpu:.2f}× |"
        )
    for key, label in (
        ("check", "`panduan check`, first run"),
        ("check_saved", "`panduan check` after saving one guideline"),
    ):
        check: Measured = r[key]
        lines.append(
            f"| {label} | {check.wall:.1f} s | {check.cpu:.1f} s | {check.rss:.0f} MB | "
            f"{check.wall * 1000 / size:.1f} ms wall per guideline | {check.cpu * 1000 / size:.1f} ms CPU per guideline |"
        )
    total = sum(r["stages"].values()) + r["stage_mkdocs"] + r["stage_imports"]
    parts = [f"{k} {v:.1f} s ({v / total:.0%})" for k, v in r["stages"].items()]
    parts.append(f"MkDocs + Material {r['stage_mkdocs']:.1f} s ({r['stage_mkdocs'] / total:.0%})")
    parts.append(f"imports {r['stage_imports']:.1f} s")
    lines += ["", "`panduan build` by stage (wall, in-process): " + "; ".join(parts) + ".", ""]
    lines += [
        "| site | guideline pages | HTML per guideline page, median / max | first view of a guideline page (HTML + CSS + JS), raw / gzip | first search (index + worker + analyzer), gzip |",
        "|---|---|---|---|---|",
    ]
    for key, w in r["weight"].items():
        lines.append(
            f"| {key} | {w['pages']} | {_kb(w['html_median'])} / {_kb(w['html_max'])} | {_kb(w['first_view_raw'])} / "
            f"{_kb(w['first_view_gzip'])} | {_kb(w['search_first_gzip'])} |"
        )
    if "pdf" in r:
        p = r["pdf"]
        lines += [
            "",
            f"PDF (`panduan pdf`: handbook in {p['volumes']} volume(s), booklets, self-assessments and training "
            f"modules, {p['files']} PDF files, {os.cpu_count()} cores): {p['run'].wall:.0f} s wall, "
            f"{p['run'].cpu:.0f} s CPU; peak memory of the process tree {p['tree_mb']:.0f} MB PSS, largest single "
            f"process {p['run'].rss_mb:.0f} MB RSS; handbook {p['pages']} pages, {p['mb']:.1f} MB.",
        ]
    return "\n".join(lines) + "\n"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        model = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
        cpu = model
    except (OSError, StopIteration):
        pass
    try:
        mem = (
            int(
                next(
                    line.split()[1]
                    for line in Path("/proc/meminfo").read_text().splitlines()
                    if line.startswith("MemTotal")
                )
            )
            / 1e6
        )
    except (OSError, StopIteration):
        mem = 0
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GB RAM, Python {platform.python_version()}, "
        f"load average {load:.1f} at the start (the machine is shared: compare ratios, not seconds)"
    )


def write_results(blocks: dict[int, str], header: str) -> None:
    """Keep one block per size in results.md between markers; other sizes' blocks stay."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    begin, end = "<!-- scale:begin -->", "<!-- scale:end -->"
    kept: dict[int, str] = {}
    if begin in text:
        before, rest = text.split(begin, 1)
        inner, after = rest.split(end, 1)
        for m in re.finditer(r"<!-- scale (\d+) -->\n(.*?)<!-- /scale -->\n", inner, re.S):
            kept[int(m.group(1))] = m.group(2)
    else:
        before, after = text.rstrip("\n") + "\n\n", "\n"
    kept.update({size: f"{header}\n\n{block}" for size, block in blocks.items()})
    inner = "".join(f"<!-- scale {s} -->\n{kept[s]}<!-- /scale -->\n" for s in sorted(kept))
    section = "### Scale (bench/scale.py)\n\n" + inner
    RESULTS.write_text(before + begin + "\n" + section + end + after, encoding="utf-8")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,1000", help="comma-separated guideline counts (5000 takes long)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pdf", action="store_true", help="also time the PDF handbook (largest size)")
    parser.add_argument("--work", type=Path, default=None, help="keep the guides and sites here")
    parser.add_argument("--no-zensical", action="store_true", help="leave Zensical out (it fails at 5,000)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    header = f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {machine()}."
    blocks: dict[int, str] = {}
    with tempfile.TemporaryDirectory(prefix="panduan-scale-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        results = [
            measure(size, args.runs, work, pdf=args.pdf and size == max(sizes), zensical_too=not args.no_zensical)
            for size in sizes
        ]
    for r in results:
        blocks[r["size"]] = table(r)
        print(blocks[r["size"]])
    by_size = {r["size"]: r for r in results}
    if 1000 in by_size and 5000 in by_size:
        growth = by_size[5000]["ours"].cpu / by_size[1000]["ours"].cpu
        print(f"Growth 1,000 → 5,000 guidelines (CPU): {growth:.2f}× (target ≤ 5.5×)")
    write_results(blocks, header)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
