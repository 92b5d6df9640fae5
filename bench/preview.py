"""Live preview at scale: how long after saving one guideline `panduan serve` shows the change.

    .venv/bin/python bench/preview.py [SIZE] [SAVES]      # default: 1,000 guidelines, 3 saves

Writes a synthetic guide (bench/synthetic_guide.py, 2,000 glossary terms), then, in this process:

1. a full build as `panduan build` makes it (MkDocs `build`, clean), timed;
2. a preview session as `panduan serve` runs it (one plugin instance, `build(dirty=True)` into
   the same folder): the first build, then SAVES times "append a sentence to one guideline and
   rebuild", each timed from the save to the end of the build (what the browser waits for
   before it reloads).

Prints the median save-to-page time and its ratio to the full build (issue target: ≤ 0.5×).
CPU time (`time.process_time`) is printed beside wall time: the machine is shared.
"""

from __future__ import annotations

import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "generator"))
sys.path.insert(0, str(ROOT / "bench"))


def _timed(fn) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def main(argv: list[str]) -> int:
    import os

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from synthetic_guide import make_guide

    size = int(argv[0]) if argv else 1000
    saves = int(argv[1]) if len(argv) > 1 else 3
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="panduan-preview-") as tmp:
        guide = make_guide(Path(tmp) / "guide", size, terms=2000)
        config_file = str(guide / "mkdocs.yml")

        config = load_config(config_file, site_dir=str(Path(tmp) / "full"))
        config.plugins.on_startup(command="build", dirty=False)
        full = _timed(lambda: build(config))
        config.plugins.on_shutdown()

        site = str(Path(tmp) / "preview")
        session = load_config(config_file, site_dir=site)
        session.plugins.on_startup(command="serve", dirty=True)
        first = _timed(lambda: build(load_config(config_file, site_dir=site), dirty=True))
        edited = next(p for p in sorted((guide / "guidelines").glob("*/*.md")) if "sintetis" in p.name)
        times = []
        for i in range(saves):
            with edited.open("a", encoding="utf-8") as handle:
                handle.write(f"\nKalimat tambahan nomor {i + 1} dari penyunting.\n")
            times.append(_timed(lambda: build(load_config(config_file, site_dir=site), dirty=True)))
            page = Path(site) / edited.parent.name / edited.stem / "index.html"
            assert f"Kalimat tambahan nomor {i + 1}" in page.read_text(encoding="utf-8"), "the change must show"
        session.plugins.on_shutdown()
    save_wall = statistics.median(t[0] for t in times)
    save_cpu = statistics.median(t[1] for t in times)
    print(
        f"| preview-save, {size:,} guidelines | full build {full[0]:.1f} s wall / {full[1]:.1f} s CPU; first preview "
        f"build {first[0]:.1f} s / {first[1]:.1f} s; save one guideline → page rebuilt, median of {saves}: "
        f"{save_wall:.1f} s wall / {save_cpu:.1f} s CPU | {save_wall / full[0]:.2f}× wall, "
        f"{save_cpu / full[1]:.2f}× CPU of the full build (target ≤ 0.5×) |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
