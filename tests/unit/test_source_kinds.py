"""Sources are regular files inside the repository: symlinks out of it, folders named like sources,
FIFOs and devices are clear errors (never a hang, never a silent skip, never a traceback)."""

from __future__ import annotations

import os
import stat
import threading

import pytest

from panduan.build import build_guide
from panduan.cli import main
from tests.conftest import GUIDELINE, TERM_STR


def _errors(root, code: str | None = None) -> list[str]:
    report = build_guide(root).report
    return [d.text() for d in report.errors if code is None or d.code == code]


def _check(root, capsys) -> tuple[int, str]:
    code = main(["--root", str(root), "check"])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err


def test_symlink_out_of_the_repository_is_refused(project, tmp_path, capsys):
    outside = tmp_path / "rahasia.md"
    outside.write_text(GUIDELINE.format(id="dari-luar"), encoding="utf-8")
    os.symlink(outside, project.root / "guidelines/etika-klien/dari-luar.md")
    code, err = _check(project.root, capsys)
    assert code == 1
    assert (
        "guidelines/etika-klien/dari-luar.md: galat: berkas ini tautan simbolik yang menunjuk ke luar repositori" in err
    )
    assert "[source-outside-repo]" in err


def test_symlinked_glossary_and_registry_out_of_the_repository(project, tmp_path):
    (tmp_path / "istilah.yaml").write_text(TERM_STR, encoding="utf-8")
    os.symlink(tmp_path / "istilah.yaml", project.root / "glossary/luar.yaml")
    secret = tmp_path / "peran.yaml"
    secret.write_text((project.root / "registry/peran.yaml").read_text(), encoding="utf-8")
    (project.root / "registry/peran.yaml").unlink()
    os.symlink(secret, project.root / "registry/peran.yaml")
    errors = _errors(project.root, "source-outside-repo")
    assert any(e.startswith("glossary/luar.yaml:") for e in errors), errors
    assert any(e.startswith("registry/peran.yaml:") for e in errors), errors


def test_symlink_inside_the_repository_is_read(project):
    target = project.write(
        "sumber-bersama/kedua.md", GUIDELINE.format(id="kedua").replace("simpan-catatan", "simpan-catatan-2")
    )
    os.symlink(target, project.root / "guidelines/etika-klien/kedua.md")
    result = build_guide(project.root)
    assert not result.report.errors, [d.text() for d in result.report.errors]
    assert "kedua" in result.guide.guidelines


def test_broken_symlink(project):
    os.symlink(project.root / "tidak-ada.md", project.root / "guidelines/etika-klien/rusak.md")
    assert any("tautan simbolik yang rusak" in e for e in _errors(project.root, "source-symlink"))


def test_symlinked_folder_is_not_entered(project, tmp_path):
    (tmp_path / "luar").mkdir()
    (tmp_path / "luar/x.md").write_text(GUIDELINE.format(id="x"), encoding="utf-8")
    os.symlink(tmp_path / "luar", project.root / "guidelines/etika-klien/luar")
    result = build_guide(project.root)
    assert "x" not in result.guide.guidelines
    assert any(
        d.code == "source-outside-repo" and d.primary.path == "guidelines/etika-klien/luar"
        for d in result.report.errors
    )


@pytest.mark.parametrize(
    "rel",
    ["guidelines/etika-klien/folder.md", "glossary/folder.yaml", "law/uu-2099-1.yaml", "registry/layanan.yaml"],
)
def test_folder_named_like_a_source(project, rel, capsys):
    path = project.root / rel
    if path.exists():
        path.unlink()
    path.mkdir(parents=True)
    code, err = _check(project.root, capsys)
    assert code == 1
    assert f"{rel}: galat: sumber ini sebuah folder, bukan berkas teks." in err, err


@pytest.mark.parametrize("rel", ["guidelines/etika-klien/pipa.md", "registry/peran.yaml", "glossary/pipa.yaml"])
def test_fifo_is_reported_without_hanging(project, rel, capsys):
    path = project.root / rel
    if path.exists():
        path.unlink()
    os.mkfifo(path)
    outcome: dict[str, object] = {}

    def run() -> None:
        outcome["code"], outcome["err"] = _check(project.root, capsys)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(timeout=60)
    if worker.is_alive():  # unblock the reader so the test process can end, then fail
        with open(path, "w"):
            pass
        pytest.fail("reading a FIFO hung the check")
    assert outcome["code"] == 1
    assert f"{rel}: galat: sumber ini sebuah pipa bernama (FIFO), bukan berkas teks." in str(outcome["err"])


def test_device_is_reported(project):
    path = project.root / "guidelines/etika-klien/perangkat.md"
    try:
        os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 3))  # like /dev/null
    except (PermissionError, OSError) as exc:
        pytest.skip(f"cannot create a device node here ({exc})")
    assert any("sebuah berkas perangkat" in e for e in _errors(project.root, "source-not-a-file"))
