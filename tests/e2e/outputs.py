"""Helpers for the tests that run the real commands in subprocesses on a fixture project."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import Project
from tests.e2e.test_site_build import MKDOCS_YML

EPOCH = "1767225600"  # 2026-01-01T00:00:00Z


def make_project(root: Path) -> Project:
    project = Project(root)
    project.write("mkdocs.yml", MKDOCS_YML)
    (root / "docs").mkdir()
    return project


def commands(root: Path) -> dict[str, list[str]]:
    """The three writers, as `make build` runs them (in this order)."""
    return {
        "pdf": [sys.executable, "-m", "panduan", "--root", str(root), "pdf"],
        "offline": [
            sys.executable,
            "-m",
            "panduan.offline",
            "--config",
            str(root / "mkdocs.yml"),
            "--out",
            str(root / "dist" / "panduan-offline.zip"),
        ],
        "build": [sys.executable, "-m", "panduan", "--root", str(root), "build"],
    }


def environment(**extra: str) -> dict[str, str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1", **extra}
    env.pop("PANDUAN_SITE_URL", None)
    return env


def run(command: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(command, cwd=cwd, env=environment(**env), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{command[2:]} failed:\n{done.stderr}"
    return done


def snapshot(folder: Path) -> dict[str, str]:
    """sha256 of every file under `folder` (through the `site`/`dist` links), by relative path."""
    if not folder.exists():
        return {}
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def outputs(root: Path) -> dict[str, dict[str, str]]:
    return {"site": snapshot(root / "site"), "dist": snapshot(root / "dist")}


def copy_project(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, symlinks=True)
    return target
