"""Foreign builders, each in its own virtualenv, building the output of `panduan generate --out`.

The builders are installed from `requirements-<builder>.txt` into `.cache/builders/<builder>/`
(never into the project's venv: they may clash with our mkdocs/material pins) and reused while the
requirements and the Python version stay the same. If one cannot be installed (no registry, say),
its tests are skipped locally, but fail under CI (CI=true), where a missing builder must not pass
silently — the same rule as for Chromium in tests/browser/.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from panduan.cli import main

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
CACHE = REPO / ".cache" / "builders"
INSTALL_TIMEOUT = 900  # seconds; a first install on a slow mirror, not a performance bound


@dataclass(frozen=True)
class Builder:
    name: str
    command: str  # the console script in the builder's venv

    @property
    def requirements(self) -> Path:
        return HERE / f"requirements-{self.name}.txt"

    @property
    def venv(self) -> Path:
        return CACHE / self.name

    @property
    def executable(self) -> Path:
        return self.venv / "bin" / self.command

    def build_args(self, project: Path, site: Path) -> list[str]:
        if self.name == "properdocs":
            return [str(self.executable), "build", "--strict", "-f", str(project / "properdocs.yml"), "-d", str(site)]
        # Zensical has no --site-dir; it builds into the config's site_dir (`site/` beside it).
        return [str(self.executable), "build", "--strict", "-f", str(project / "zensical.toml")]


BUILDERS = {b.name: b for b in (Builder("properdocs", "properdocs"), Builder("zensical", "zensical"))}


class BuilderUnavailable(Exception):
    pass


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """One installer at a time: pytest-xdist workers share the cache."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as handle:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX; xdist workers may race, the stamp still guards
            yield
            return
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def install(builder: Builder) -> Path:
    """The builder's executable, installed into its own venv if the cached one is missing or stale."""
    stamp = builder.venv / ".panduan-requirements"
    wanted = f"{sys.version}\n{builder.requirements.read_text(encoding='utf-8')}"
    with _locked(CACHE / f"{builder.name}.lock"):
        if builder.executable.is_file() and stamp.is_file() and stamp.read_text(encoding="utf-8") == wanted:
            return builder.executable
        shutil.rmtree(builder.venv, ignore_errors=True)
        steps = [
            [sys.executable, "-m", "venv", str(builder.venv)],
            [
                str(builder.venv / "bin" / "python"),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--no-input",
                "-r",
                str(builder.requirements),
            ],
        ]
        for step in steps:
            try:
                done = subprocess.run(step, capture_output=True, text=True, timeout=INSTALL_TIMEOUT, check=False)
            except subprocess.TimeoutExpired:
                shutil.rmtree(builder.venv, ignore_errors=True)
                raise BuilderUnavailable(f"installing {builder.name} took over {INSTALL_TIMEOUT} s") from None
            if done.returncode != 0:
                shutil.rmtree(builder.venv, ignore_errors=True)
                errors = [line for line in done.stderr.splitlines() if "ERROR" in line] or done.stderr.splitlines()
                raise BuilderUnavailable(
                    f"cannot install {builder.name} from {builder.requirements.relative_to(REPO)}: "
                    + " | ".join(errors[-3:]).strip()
                )
        stamp.write_text(wanted, encoding="utf-8")
    return builder.executable


_unavailable: dict[str, str] = {}  # tried once per process: no second wait on a dead registry


def require_builder(builder: Builder) -> Path:
    try:
        if builder.name in _unavailable:
            raise BuilderUnavailable(_unavailable[builder.name])
        return install(builder)
    except BuilderUnavailable as exc:
        _unavailable[builder.name] = str(exc)
        reason = f"{exc}; the portable-builder tests need the package registry once, to fill .cache/builders/"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + " (CI=true: these tests must run)", pytrace=False)
        pytest.skip(reason)


def generate(root: Path, out: Path) -> Path:
    assert main(["--root", str(root), "generate", "--out", str(out)]) == 0, "`panduan generate` must succeed"
    return out


def build_with(builder: Builder, generated: Path, workdir: Path) -> Path:
    """Build a copy of the generated project with `builder`; return the site folder."""
    executable = require_builder(builder)
    project = workdir / builder.name
    shutil.copytree(generated, project)
    site = project / "site"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MKDOCS_", "PROPERDOCS_"))}
    done = subprocess.run(
        builder.build_args(project, site), cwd=project, capture_output=True, text=True, env=env, check=False
    )
    output = (done.stdout + done.stderr).strip()
    assert done.returncode == 0, f"{executable.name} build failed:\n{output}"
    assert (site / "index.html").is_file(), f"{executable.name} wrote no site:\n{output}"
    return site


@pytest.fixture(scope="session")
def generated_guide(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`panduan generate --out` of the real guide, written once per session (per xdist worker)."""
    return generate(REPO, tmp_path_factory.mktemp("generated") / "panduan")


@pytest.fixture(scope="session")
def built_sites(generated_guide: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Filled lazily: a worker that only runs one builder's tests installs only that builder."""
    return {}


@pytest.fixture(params=sorted(BUILDERS))
def foreign_site(
    request: pytest.FixtureRequest,
    built_sites: dict[str, Path],
    generated_guide: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[str, Path]:
    name = request.param
    if name not in built_sites:
        built_sites[name] = build_with(BUILDERS[name], generated_guide, tmp_path_factory.mktemp(f"site-{name}"))
    return name, built_sites[name]
