"""Killing `panduan build`, `panduan pdf` or the offline step at any moment never damages outputs.

For each command and signal (SIGKILL: no chance to clean up; SIGTERM: the polite stop), the real
command runs on a small fixture project whose sources changed since the last complete run, and is
killed at a few seeded moments. After each kill:

* `site/` and `dist/` are byte-for-byte either the previous complete outputs or the new complete
  ones (a kill after the swap) — never a mix, never partial, never missing; a watcher reading
  `site/index.html` and `dist/manifest.json` during the run never finds them gone;
* no process of the killed run is left (PDF workers die with their parent);
* the next complete run cleans up what the killed ones left behind.

Moments are drawn from the duration of an uninterrupted run, measured in the same test; nothing
here asserts how long anything takes.
"""

from __future__ import annotations

import random
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

from panduan.publish import store_of
from tests.e2e.outputs import commands, copy_project, environment, make_project, outputs, run

pytestmark = pytest.mark.slow

SEED = 20261201
MOMENTS = 3
CHANGE = "\nKalimat baru agar hasil build berikutnya berbeda.\n"


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, float]]:
    """A project with complete outputs, and how long each command took (to place the kills)."""
    root = tmp_path_factory.mktemp("terputus") / "proj"
    make_project(root)
    durations = {}
    for name, command in commands(root).items():
        started = time.monotonic()
        run(command, root)
        durations[name] = time.monotonic() - started
    return root, durations


def _processes() -> dict[tuple[int, int], tuple[int, int]]:
    """(pid, start time) → (parent pid, process group) for every live process, from /proc.

    The start time keeps a recycled pid from passing for a process of the killed run.
    """
    table = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if fields[0] != "Z":  # a zombie has exited already
            table[(int(entry.name), int(fields[19]))] = (int(fields[1]), int(fields[2]))
    return table


def _descendants(pid: int) -> set[tuple[int, int]]:
    table = _processes()
    found: set[tuple[int, int]] = set()
    parents = {pid}
    while parents:
        children = {key for key, (parent, _) in table.items() if parent in parents} - found
        found |= children
        parents = {child for child, _ in children}
    return found


def _left_behind(pgid: int, known: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Processes of the killed run still alive after a grace period (signals take a moment)."""
    deadline = time.monotonic() + 30
    while True:
        table = _processes()
        alive = {key for key, (_, group) in table.items() if group == pgid} | (known & set(table))
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.1)


class _Watcher(threading.Thread):
    """Reads the published outputs over and over while a run is going on."""

    def __init__(self, root: Path) -> None:
        super().__init__(daemon=True)
        self.paths = [root / "site" / "index.html", root / "dist" / "manifest.json"]
        self.missing: list[str] = []
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            for path in self.paths:
                try:
                    path.read_bytes()
                except OSError as exc:
                    self.missing.append(f"{path.name}: {exc}")
            time.sleep(0.005)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
@pytest.mark.parametrize("name", ["build", "pdf", "offline"])
def test_killed_run_leaves_previous_outputs_intact(baseline, tmp_path, name, sig):
    source, durations = baseline
    root = copy_project(source, tmp_path / "proj")
    before = outputs(root)
    guideline = root / "guidelines/etika-klien/kerahasiaan.md"
    guideline.write_text(guideline.read_text(encoding="utf-8") + CHANGE, encoding="utf-8")
    command = commands(root)[name]
    rng = random.Random(f"{SEED}-{name}-{sig.name}")

    seen: list[tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]] = []  # (before the kill, after it)
    for _ in range(MOMENTS):
        previous = outputs(root)
        delay = rng.uniform(0.05, 0.95) * durations[name]
        watcher = _Watcher(root)
        watcher.start()
        process = subprocess.Popen(
            command,
            cwd=root,
            env=environment(),
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        known: set[tuple[int, int]] = set()
        deadline = time.monotonic() + delay
        while time.monotonic() < deadline and process.poll() is None:
            known |= _descendants(process.pid)  # PDF workers, recorded before the kill
            time.sleep(0.02)
        finished_first = process.poll() is not None
        if not finished_first:
            process.send_signal(sig)  # the command itself, not its group: workers must follow on their own
        _, stderr = process.communicate(timeout=300)
        watcher.stop.set()
        watcher.join()

        assert _left_behind(process.pid, known) == set(), f"{name} left processes behind after {sig.name}"
        assert watcher.missing == [], watcher.missing
        assert "Traceback" not in stderr, stderr
        if sig == signal.SIGTERM and not finished_first and process.returncode == 128 + signal.SIGTERM:
            assert "hasil sebelumnya tetap utuh" in stderr, stderr  # unwound by our handler
        # (-SIGTERM: the signal came while Python was still importing, before anything was written)
        seen.append((previous, outputs(root)))

    run(command, root)  # a complete run: the new outputs, and the killed runs' leftovers cleaned
    after = outputs(root)
    assert after != before, "the changed source must change the outputs"
    for previous, state in seen:
        # Old set, or (killed after the swap) the complete new one; never a mix or a part.
        assert state in (previous, after), "outputs after a kill are neither the old nor the new set"
    assert seen[0][0] == before
    for output in ("site", "dist"):
        store = store_of(root / output)
        if store.is_dir():
            assert [p.name for p in store.iterdir()] == [(root / output).resolve().name], f"leftovers in {store.name}"
