"""`panduan changes --since <edisi|tanggal|ref git> [--pdf OUT]`: what changed, for trainers.

`--since` is read, in this order, as an edition id from registry/edisi.yaml (the changes after
that edition's date: an edition includes the changes of its own day), a date `TTTT-BB-HH` (the
changes from that day on), or a git ref (the `riwayat` entries the sources at that commit did not
hold yet). Drafts are left out. The text goes to stdout; `--pdf OUT` also writes a short A4
insert "Perubahan sejak …" through the PDF stage.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path

from panduan.build import BuildResult, build_guide
from panduan.history import Change, select_changes
from panduan.law import INLINE_CITATION
from panduan.present import STRENGTH_LABELS, tanggal

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class SinceError(Exception):
    """`--since` names nothing we know; the message is for the user."""


@dataclass(frozen=True)
class Selection:
    label: str  # "edisi 2026.1 (1 Desember 2026)", "1 Maret 2027", "`origin/main`"
    changes: list[Change]


def select(result: BuildResult, root: Path, since: str) -> Selection:
    guide = result.guide
    if since in guide.editions:
        edition = guide.editions[since]
        return Selection(
            f"edisi {edition.id} ({tanggal(edition.tanggal)})", select_changes(guide, after=edition.tanggal)
        )
    if _DATE.match(since):
        try:
            day = dt.date.fromisoformat(since)
        except ValueError:
            raise SinceError(
                f"`{since}` bukan tanggal yang ada; tulis sebagai TTTT-BB-HH, misalnya 2026-12-01."
            ) from None
        return Selection(tanggal(day), select_changes(guide, on_or_after=day))
    from panduan.since import Git, GitError, old_versions

    git = Git(root)
    try:
        commit = git.commit(since)
        known = old_versions(git, commit)
    except GitError as exc:
        editions = ", ".join(guide.editions) or "belum ada; lihat registry/edisi.yaml"
        raise SinceError(
            f"`{since}` bukan edisi (yang dikenal: {editions}), bukan tanggal TTTT-BB-HH, dan bukan ref git yang dapat dibaca: {exc}"
        ) from None
    return Selection(f"`{since}`", select_changes(guide, known_versions=known))


def as_text(selection: Selection, site_url: str | None) -> str:
    changes = selection.changes
    guidelines = {c.guideline.id for c in changes}
    if not changes:
        return f"Tidak ada perubahan isi pedoman sejak {selection.label}.\n"
    out = [f"Perubahan sejak {selection.label}: {len(changes)} perubahan pada {len(guidelines)} pedoman.", ""]
    day = None
    for c in changes:
        if c.date != day:
            day = c.date
            out += [f"== {tanggal(day)} ==", ""]
        g = c.guideline
        flags = " (pedoman baru)" if c.first else ""
        flags += " (pedoman ini sudah dicabut)" if g.status == "dicabut" else ""
        out.append(f"* {g.judul}, versi {c.entry.versi}{flags}")
        where = f"{site_url.rstrip('/')}/{g.topik}/{g.id}/" if site_url else f"{g.topik}/{g.id}/ (berkas {g.file.path})"
        out.append(f"  {where}")
        out += _wrapped("Perubahan: ", c.entry.perubahan)
        out += _wrapped("Alasan: ", c.entry.alasan)
        for r in c.recommendations:
            if r.current is not None:
                out += _wrapped(f"{r.id} [{STRENGTH_LABELS[r.current.kekuatan]}]: ", r.current.teks)
            elif r.withdrawn is not None:
                out += _wrapped(f"{r.id} [dicabut sejak versi {r.withdrawn.sejak}]: ", r.withdrawn.alasan)
        out.append("")
    return "\n".join(out)


def _wrapped(label: str, text: str) -> list[str]:
    text = INLINE_CITATION.sub(lambda m: m.group(1), text)  # [[UU14 Pasal 42]] → UU14 Pasal 42
    return textwrap.wrap(" ".join(text.split()), width=100, initial_indent=f"  {label}", subsequent_indent="    ")


def changes_command(
    *, root: Path, since: str, pdf: Path | None = None, site_url: str | None = None, config: Path | None = None
) -> int:
    from panduan.pdf import site_settings

    result = build_guide(root)
    if not result.ok:
        for diag in result.report.sorted():
            print(diag.text(), file=sys.stderr)
        print(
            f"Gagal: {len(result.report.errors)} galat pada berkas sumber. Perbaiki dulu, lalu jalankan lagi.",
            file=sys.stderr,
        )
        return EXIT_INVALID
    try:
        selection = select(result, root, since)
    except SinceError as exc:
        print(f"GALAT: {exc}", file=sys.stderr)
        return EXIT_USAGE
    settings = site_settings(config)
    url = site_url or os.environ.get("PANDUAN_SITE_URL") or settings.get("site_url") or None
    sys.stdout.write(as_text(selection, url))
    if pdf is None:
        return EXIT_OK
    return _write_pdf(result, selection, pdf, url, settings.get("site_description"))


def _write_pdf(
    result: BuildResult, selection: Selection, target: Path, site_url: str | None, subtitle: str | None
) -> int:
    """The insert through the PDF stage (same templates, fonts, fetcher and writer as the books)."""
    from rich.console import Console

    from panduan import __version__
    from panduan.history import build_date
    from panduan.pdf.document import DEFAULT_SUBTITLE, Assembler, Edition
    from panduan.pdf.writer import describe, write_all

    current = result.guide.edition
    edition = Edition(
        current.id if current else __version__,
        build_date(),
        site_url,
        subtitle or DEFAULT_SUBTITLE,
        date=current.tanggal if current else None,
    )
    target = Path(os.path.abspath(target))
    job = Assembler(result, edition).changes(selection.label.strip("`"), selection.changes, target.name)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".panduan-sisipan-", dir=target.parent) as tmp:
            (outcome,) = write_all([job], Path(tmp), console=Console(stderr=True, highlight=False))
            if not outcome.ok:
                print(f"GALAT: {target.name} gagal dibuat: {outcome.error}", file=sys.stderr)
                return EXIT_INVALID
            os.replace(Path(tmp) / job.file, target)
    except OSError as exc:
        print(f"GALAT: {target} tidak dapat ditulis ({exc.strerror or exc}).", file=sys.stderr)
        return EXIT_INVALID
    print(f"Sisipan PDF: {target} ({describe(outcome)}).", file=sys.stderr)
    return EXIT_OK
