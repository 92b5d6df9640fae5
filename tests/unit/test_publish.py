"""Outputs are swapped in whole or not at all; old versions and leftovers of killed runs go away."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from panduan import publish
from panduan.downloads import is_dist_folder
from panduan.publish import Output, OutputError, pinned, scratch


def _publish(target: Path, files: dict[str, str], **kw) -> Path:
    output = Output(target)
    with output.stage() as stage:
        for name, text in files.items():
            (stage.path / name).parent.mkdir(parents=True, exist_ok=True)
            (stage.path / name).write_text(text)
        stage.publish(**kw)
    return stage.path


def _store(target: Path) -> list[str]:
    return sorted(p.name for p in publish.store_of(target).iterdir())


def test_publish_points_the_link_at_a_complete_version(tmp_path):
    site = tmp_path / "site"
    first = _publish(site, {"index.html": "satu"})
    assert site.is_symlink() and os.readlink(site) == f".site-builds/{first.name}"  # relative: the project can move
    assert (site / "index.html").read_text() == "satu"
    second = _publish(site, {"index.html": "dua"})
    assert (site / "index.html").read_text() == "dua"
    assert _store(site) == [second.name]  # the old version is gone


def test_a_failed_run_leaves_the_previous_version_and_no_staging(tmp_path):
    site = tmp_path / "site"
    _publish(site, {"index.html": "lama"})
    before = _store(site)
    with pytest.raises(RuntimeError), Output(site).stage() as stage:
        (stage.path / "index.html").write_text("setengah")
        raise RuntimeError("build gagal")
    assert (site / "index.html").read_text() == "lama"
    assert _store(site) == before


def test_leftovers_of_killed_runs_are_removed_but_running_stages_are_not(tmp_path):
    site = tmp_path / "site"
    current = _publish(site, {"index.html": "x"})
    store = publish.store_of(site)
    (store / "20200101T000000-1-dead01").mkdir()  # a run killed with SIGKILL: unlocked
    (store / "20200101T000000-1-dead01" / "index.html").write_text("setengah")
    (store / f"{publish.LINK_PREFIX}stale").symlink_to("nowhere")
    busy = store / "20200101T000000-2-busy01"
    busy.mkdir()
    held = publish._lock(busy)  # another run still writing
    try:
        Output(site).clean()
        assert _store(site) == sorted([current.name, busy.name])
    finally:
        os.close(held)
    Output(site).clean()
    assert _store(site) == [current.name]


def test_a_plain_folder_from_before_is_adopted_atomically(tmp_path, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("lama")
    exchanged = []
    real = publish._exchange
    monkeypatch.setattr(publish, "_exchange", lambda a, b: exchanged.append(real(a, b)) or exchanged[-1])
    version = _publish(site, {"index.html": "baru"})
    assert site.is_symlink() and (site / "index.html").read_text() == "baru"
    assert _store(site) == [version.name]
    if exchanged != [True]:  # pragma: no cover - a file system without RENAME_EXCHANGE
        pytest.skip("renameat2(RENAME_EXCHANGE) is not supported here; the fallback was used")


def test_adoption_fallback_without_exchange(tmp_path, monkeypatch):
    monkeypatch.setattr(publish, "_exchange", lambda a, b: False)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("lama")
    _publish(site, {"index.html": "baru"})
    assert (site / "index.html").read_text() == "baru"


def test_foreign_folders_and_files_are_not_replaced(tmp_path):
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "catatan-saya.docx").write_text("penting")
    with pytest.raises(OutputError, match="berkas lain"), Output(dist, adoptable=is_dist_folder).stage():
        pass
    assert (dist / "catatan-saya.docx").read_text() == "penting"
    (tmp_path / "berkas").write_text("x")
    with pytest.raises(OutputError, match="bukan folder"), Output(tmp_path / "berkas").stage():
        pass


def test_is_dist_folder_accepts_our_own_products(tmp_path):
    (tmp_path / "pedoman").mkdir()
    for name in ("manifest.json", "panduan-praktik.pdf", "pedoman/a.pdf", "panduan-offline.zip", ".x.pdf.12.tmp"):
        (tmp_path / name).write_text("x")
    assert is_dist_folder(tmp_path)


def test_carry_links_chosen_files_of_the_current_version(tmp_path):
    dist = tmp_path / "dist"
    _publish(dist, {"manifest.json": "[1]", "panduan-offline.zip": "zip", "old.pdf": "lama"})
    _publish(dist, {"manifest.json": "[2]", "new.pdf": "baru"}, carry=lambda rel: rel == "panduan-offline.zip")
    assert sorted(p.name for p in dist.iterdir()) == ["manifest.json", "new.pdf", "panduan-offline.zip"]
    assert (dist / "panduan-offline.zip").read_text() == "zip" and (dist / "manifest.json").read_text() == "[2]"


def test_a_pinned_version_survives_a_newer_publish(tmp_path):
    dist = tmp_path / "dist"
    _publish(dist, {"manifest.json": "lama"})
    with pinned(dist) as version:
        _publish(dist, {"manifest.json": "baru"})
        assert (version / "manifest.json").read_text() == "lama"  # still readable: not cleaned
        assert (dist / "manifest.json").read_text() == "baru"
    Output(dist).clean()
    assert len(_store(dist)) == 1


def test_scratch_removes_stale_partials(tmp_path):
    (tmp_path / ".x.zip.dead.part").mkdir()
    with scratch(tmp_path, ".x.zip") as work:
        assert work.is_dir()
        assert not (tmp_path / ".x.zip.dead.part").exists()
    assert not work.exists()
