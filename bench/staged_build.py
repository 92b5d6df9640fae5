"""`panduan build` with a stopwatch on each of our stages; run by bench/scale.py as a child process.

    .venv/bin/python bench/staged_build.py STAGES.json panduan --root GUIDE build --site-dir SITE

Runs the real CLI (`panduan.cli.main`) in this process, with the pipeline's stage functions
wrapped: each wrapper adds its own time to its stage, minus the time of any wrapped stage it
calls (so `check_links`, which renders pages, does not count that render twice). What no wrapper
covers is MkDocs and Material (reading files, Markdown, theme templates, writing) plus imports.
The wrappers cost a few microseconds per call; the figures are those of an ordinary build.
"""

from __future__ import annotations

import functools
import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "generator"))

STARTED = time.perf_counter()
TIMES: dict[str, float] = defaultdict(float)
CALLS: dict[str, int] = defaultdict(int)
_stack: list[list[float]] = []  # per open stage: [time spent in nested stages]

# (module, attribute, stage): the names each caller looks up, so the wrapper is what it calls.
STAGES = [
    ("panduan.build", "load_guide", "load"),
    ("panduan.build", "check_guide", "validate"),
    ("panduan.build", "check_vocabulary", "validate"),
    ("panduan.build", "check_links", "validate"),
    ("panduan.build", "link_guide", "link"),
    ("panduan.bodylinks", "Renderer", "render"),  # pages whose anchors a hand-written link names
    ("panduan.plugin", "render_pages", "render"),
    ("panduan.plugin", "build_nav", "render"),
    ("panduan.plugin", "clean_page", "sanitize"),  # page by page (`mkdocs build`, `serve`)
    ("panduan.plugin", "PanduanPlugin._sanitize_written", "sanitize"),  # all at once (`panduan build`)
    ("panduan.plugin", "search_documents", "search index"),
    ("panduan.plugin", "write_search_files", "search index"),
    ("panduan.site", "check_site", "site link check"),
]


def _timed(stage: str, fn: Any) -> Any:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        _stack.append([0.0])
        try:
            return fn(*args, **kwargs)
        finally:
            nested = _stack.pop()[0]
            spent = time.perf_counter() - started
            TIMES[stage] += spent - nested
            CALLS[stage] += 1
            if _stack:
                _stack[-1][0] += spent

    return wrapper


def main(argv: list[str]) -> int:
    import importlib

    out, args = Path(argv[0]), argv[2:]  # argv[1] is the program name ("panduan")
    for module, name, stage in STAGES:
        owner: Any = importlib.import_module(module)
        *path, attribute = name.split(".")  # "Class.method" times a method
        for part in path:
            owner = getattr(owner, part, None)
        if hasattr(owner, attribute):  # a stage moved elsewhere is simply not timed on its own
            setattr(owner, attribute, _timed(stage, getattr(owner, attribute)))
    from panduan.cli import main as panduan

    imported = time.perf_counter()
    code = panduan(args)
    total = time.perf_counter() - STARTED
    ours = sum(TIMES.values())
    report = {
        "total": total,
        "imports": imported - STARTED,
        "stages": dict(TIMES),
        "calls": dict(CALLS),
        "mkdocs": total - ours - (imported - STARTED),
        "exit": code,
    }
    out.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
