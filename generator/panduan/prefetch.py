"""The per-file work of a check, done first and on every core: each source parsed and scanned for
personal data and untrusted markup, by worker processes (workers.py), the results put into the
run's cache (cache.py). The pipeline then runs as before and finds them ready; what a worker
did not do (or did under another key) is simply computed in its place, so a result never
depends on this step.

It runs only when the run has an empty cache (a first check, CI, a new version of the tool) and
the work would really be spread (workers.py: more than one core, no other thread, enough files).
After an edit the cache holds the rest, and the few changed files are done in the pipeline.
"""

from __future__ import annotations

from pathlib import Path

from panduan import cache
from panduan.privacy import Allowlist, allowlist_key, file_diagnostics, load_allowlist, paths_on_disk
from panduan.sources import SourceError, SourceFile, check_kind, load_bytes, read_bytes, source_name
from panduan.untrusted import check_file
from panduan.workers import MIN_ITEMS, map_items, worker_count

Job = tuple[Path, str, bytes, Allowlist, str]


def prefetch(root: Path) -> int:
    """Fill the open cache session with the per-file results of the sources under `root` that
    it lacks; the number of files done."""
    session = cache.current()
    if session is None or not session.empty:
        return 0
    paths = list(paths_on_disk(root))
    if not worker_count(len(paths), MIN_ITEMS):
        return 0  # one core, a thread running (`mkdocs serve`) or a small guide: the pipeline does it
    jobs = _jobs(root, paths)
    for entries in map_items(_prepare, jobs, min_items=MIN_ITEMS):
        session.adopt(entries)
    return len(jobs)


def _jobs(root: Path, paths: list[Path]) -> list[Job]:
    allow, _ = load_allowlist(root)  # its problems are reported by the privacy rule itself
    allowed = allowlist_key(allow)
    jobs: list[Job] = []
    for path in paths:
        try:
            check_kind(path, root)  # never read a FIFO, a device or a symlink out of the guide
            raw = read_bytes(path)
        except (SourceError, OSError):
            continue  # the loader reports it
        jobs.append((root, source_name(path, root), raw, allow, allowed))
    return jobs


def _prepare(job: Job) -> dict[bytes, bytes]:
    """In a worker: one file's parse and scans, as cache entries."""
    root, rel, raw, allow, allowed = job
    with cache.scratch() as scratch:
        loaded = load_bytes(raw, rel)
        if isinstance(loaded, SourceFile):
            file_diagnostics(root, loaded, allow, allowed)
            list(check_file(loaded))
        return scratch.entries()
