"""Compare the sources with an earlier state in git: `panduan check --since REF` and
`panduan changes --since REF`.

Git is used through its command line (`git` must be on PATH); every failure becomes a `GitError`
with an Indonesian message. The comparison runs from the merge base of REF and HEAD to the
working tree, so on a pull request `--since origin/main` sees exactly the branch's own changes
(committed or not), even when main has moved on.

Rules (errors, at the line to change):

* a guideline that is or was `berlaku` and whose content changed has a new `riwayat` entry
  (changes to `tinjau_ulang`, `pemilik` or `latihan` alone, and YAML comments, do not count);
* a recommendation id present in REF is still in `rekomendasi` or listed in
  `rekomendasi_dicabut`; a withdrawn id stays withdrawn;
* a recommendation whose `kekuatan` changed, or that was withdrawn, is named in a new entry;
* a guideline file is not deleted: it is set to `dicabut` instead.

Drafts may change freely: their ids and strengths are not yet published.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from panduan.diagnostics import Diagnostic, Location
from panduan.history import next_version, parse_version
from panduan.loader import GUIDELINES_DIR
from panduan.model import Guide
from panduan.schema import GuidelineSource, validate
from panduan.sources import load_source

# Fields whose change alone is administrative, not a change of what the guideline says. Training
# material (`latihan`) is not guidance: its answers rest on recommendations, which are versioned.
ADMINISTRATIVE = frozenset({"riwayat", "tinjau_ulang", "pemilik", "latihan"})


class GitError(Exception):
    """A git problem, with a message for editors."""


@dataclass(frozen=True)
class Git:
    """Runs `git` in the project folder."""

    root: Path

    def run(self, *args: str) -> str:
        env = {**os.environ, "LC_ALL": "C", "GIT_OPTIONAL_LOCKS": "0"}
        try:
            proc = subprocess.run(
                ["git", "-C", str(self.root), *args], capture_output=True, env=env, check=False, timeout=120
            )
        except FileNotFoundError:
            raise GitError(
                "perintah `git` tidak ditemukan. Pasang Git (https://git-scm.com/) atau jalankan perintah ini tanpa `--since`."
            ) from None
        except subprocess.TimeoutExpired:
            raise GitError(f"`git {args[0]}` tidak selesai dalam 2 menit.") from None
        if proc.returncode != 0:
            detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            raise GitError(f"`git {args[0]}` gagal: {detail[-1] if detail else f'kode keluar {proc.returncode}'}.")
        return proc.stdout.decode("utf-8", "surrogateescape")

    def check_repository(self) -> None:
        try:
            inside = self.run("rev-parse", "--is-inside-work-tree").strip()
        except GitError as exc:
            if "not a git repository" in str(exc):
                raise GitError(
                    f"folder {self.root} bukan repositori git; `--since` membandingkan dengan riwayat git."
                ) from None
            raise
        if inside != "true":
            raise GitError(f"folder {self.root} bukan repositori git; `--since` membandingkan dengan riwayat git.")

    def commit(self, ref: str) -> str:
        """The commit `ref` names; a clear error when it names none."""
        self.check_repository()
        if not ref.strip() or ref.startswith("-"):
            raise GitError(f"`{ref}` bukan nama ref git.")
        try:
            return self.run("rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}").strip()
        except GitError:
            raise GitError(
                f"ref git `{ref}` tidak ditemukan di repositori ini. Contoh yang sah: `main`, `origin/main`, "
                "`HEAD~1`, nomor commit, atau nama tag. Di CI, ambil riwayatnya dulu (`git fetch`, atau "
                "`fetch-depth: 0` pada actions/checkout)."
            ) from None

    def base(self, ref: str) -> str:
        """The merge base of `ref` and HEAD (just `ref` when HEAD descends from it)."""
        commit = self.commit(ref)
        try:
            return self.run("merge-base", commit, "HEAD").strip() or commit
        except GitError:
            return commit  # unrelated histories, or no HEAD yet: compare with the ref itself

    def changed(self, base: str, folder: str) -> list[tuple[str, str]]:
        """(status letter, path relative to the project) of files under `folder` changed since `base`."""
        out = self.run("diff", "--name-status", "--no-renames", "--relative", "-z", base, "--", folder)
        fields = out.split("\0")
        return [(fields[i][:1], fields[i + 1]) for i in range(0, len(fields) - 1, 2)]

    def files(self, commit: str, folder: str) -> list[str]:
        """Paths (relative to the project) of the files under `folder` at `commit`."""
        return [p for p in self.run("ls-tree", "-r", "--name-only", "-z", commit, "--", folder).split("\0") if p]

    def show(self, commit: str, path: str) -> bytes:
        env = {**os.environ, "LC_ALL": "C"}
        proc = subprocess.run(
            ["git", "-C", str(self.root), "show", f"{commit}:./{path}"], capture_output=True, env=env, check=False
        )
        if proc.returncode != 0:
            raise GitError(f"{path} tidak dapat dibaca dari commit {commit[:10]}.")
        return proc.stdout


def _is_guideline(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    return (
        path.startswith(f"{GUIDELINES_DIR}/")
        and path.endswith(".md")
        and name != "README.md"
        and not name.startswith(("_", "."))
    )


def load_old_guidelines(git: Git, commit: str, paths: list[str]) -> dict[str, GuidelineSource]:
    """Guidelines as they were at `commit`, by path; files that did not validate then are skipped."""
    out: dict[str, GuidelineSource] = {}
    with tempfile.TemporaryDirectory(prefix="panduan-since-") as tmp:
        root = Path(tmp)
        for path in paths:
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(git.show(commit, path))
            loaded = load_source(target, root)
            if isinstance(loaded, Diagnostic):
                continue
            source, problems = validate(GuidelineSource, loaded)
            if source is not None and not problems:
                out[path] = source
    return out


def old_versions(git: Git, commit: str) -> dict[str, set[tuple[int, ...]]]:
    """Guideline id → versions its `riwayat` held at `commit` (for `panduan changes --since REF`)."""
    paths = [p for p in git.files(commit, GUIDELINES_DIR) if _is_guideline(p)]
    return {g.id: {parse_version(e.versi) for e in g.riwayat} for g in load_old_guidelines(git, commit, paths).values()}


# ---------------------------------------------------------------------------------------------
# The comparison


def check_since(guide: Guide, root: Path, ref: str) -> list[Diagnostic]:
    """Diagnostics for changes since `ref` that the history does not record. Raises GitError."""
    git = Git(root)
    base = git.base(ref)
    changed = [(status, path) for status, path in git.changed(base, GUIDELINES_DIR) if _is_guideline(path)]
    old = load_old_guidelines(git, base, [path for status, path in changed if status in "MDT"])
    current = {g.id: g for g in guide.guidelines.values()}
    out: list[Diagnostic] = []
    for path, before in old.items():
        after = current.get(before.id)
        if after is None:
            if (root / path).exists():
                continue  # still there but invalid now: its errors are reported by the other checks
            if before.status != "draf":
                out.append(_removed(before, ref))
            continue
        out.extend(_compare(before, after, ref))
    return out


def _removed(before: GuidelineSource, ref: str) -> Diagnostic:
    return Diagnostic(
        "guideline-removed",
        f"pedoman `{before.id}` (status `{before.status}` di `{ref}`) sudah dihapus.",
        (Location(before.file.path),),
        "Pedoman tidak dihapus, agar tautan, kode QR, dan rujukan lama tetap berfungsi: kembalikan berkasnya, "
        "ubah `status` menjadi `dicabut`, dan catat alasannya di `riwayat`.",
    )


def _content(g: GuidelineSource) -> tuple[Any, str]:
    data = {k: v for k, v in g.file.doc.data.items() if k not in ADMINISTRATIVE}
    return data, g.file.body.strip()


def _compare(before: GuidelineSource, after: GuidelineSource, ref: str) -> Iterator[Diagnostic]:
    known = {parse_version(e.versi) for e in before.riwayat}
    new_entries = [e for e in after.riwayat if parse_version(e.versi) not in known]
    named = {rec_id for e in new_entries for rec_id in e.rekomendasi}
    published = "berlaku" in (before.status, after.status)
    if published and not new_entries and _content(before) != _content(after):
        suggested = next_version(after.riwayat[-1].versi)
        yield Diagnostic(
            "history-not-updated",
            f"pedoman `{after.id}` berubah sejak `{ref}`, tetapi `riwayat` belum mendapat entri baru.",
            (after.loc("riwayat", key=True), after.loc("versi")),
            f'Tambahkan di akhir `riwayat` entri baru: `versi: "{suggested}"`, `tanggal`, `perubahan` (apa yang '
            f'berubah), `alasan`, dan `rekomendasi` (id yang berubah); lalu ubah `versi` pedoman menjadi "{suggested}".',
        )
    if before.status == "draf":
        return
    upcoming = new_entries[-1].versi if new_entries else next_version(after.riwayat[-1].versi)
    now_ids = {r.id for r in after.rekomendasi}
    now_withdrawn = {w.id: w for w in after.rekomendasi_dicabut}
    for rec_id in [r.id for r in before.rekomendasi] + [w.id for w in before.rekomendasi_dicabut]:
        if rec_id in now_ids or rec_id in now_withdrawn:
            continue
        yield Diagnostic(
            "recommendation-removed",
            f"rekomendasi `{rec_id}` ada di `{ref}`, tetapi hilang dari pedoman `{after.id}` tanpa dicatat di `rekomendasi_dicabut`.",
            (after.loc("rekomendasi", key=True),),
            f'Id rekomendasi tetap selamanya, agar rujukan lama (misalnya "{after.id} {rec_id}" di PDF tercetak) tetap '
            f'punya penjelasan. Tambahkan `- {{id: {rec_id}, alasan: ..., sejak: "{upcoming}"}}` ke '
            f"`rekomendasi_dicabut` dan sebut `{rec_id}` di entri `riwayat` yang baru.",
        )
    old_recs = {r.id: r for r in before.rekomendasi}
    for rec in after.rekomendasi:
        old = old_recs.get(rec.id)
        if old is not None and old.kekuatan != rec.kekuatan and rec.id not in named:
            yield Diagnostic(
                "strength-change-unrecorded",
                f"kekuatan rekomendasi `{rec.id}` berubah dari `{old.kekuatan}` menjadi `{rec.kekuatan}` sejak `{ref}`, "
                "tetapi tidak disebut di entri `riwayat` yang baru.",
                (rec.loc("kekuatan"), after.loc("riwayat", key=True)),
                f"Sebut `{rec.id}` di `rekomendasi` entri `riwayat` yang baru dan jelaskan alasannya di `alasan`.",
            )
    for rec_id, withdrawn in now_withdrawn.items():
        if rec_id in old_recs and rec_id not in named:
            yield Diagnostic(
                "withdrawal-unrecorded",
                f"rekomendasi `{rec_id}` dicabut sejak `{ref}`, tetapi tidak disebut di entri `riwayat` yang baru.",
                (withdrawn.loc("id"), after.loc("riwayat", key=True)),
                f"Sebut `{rec_id}` di `rekomendasi` entri `riwayat` yang baru dan catat versinya di `sejak`.",
            )
