"""The PDF stage: a printable handbook, one pocket booklet per role, optionally one PDF per guideline.

    pdf_command(root=..., out=dist, per_guideline=False, site_url=None, config=mkdocs.yml) -> int

Documents are rendered from the model (never by scraping the site) as HTML through the templates
in `templates/`, then laid out by WeasyPrint in worker processes (`writer.py`). The files and a
`manifest.json` are written into a new version of `out` (`publish.Output`), which replaces the
previous set in one atomic step only when every document succeeded: handbook, booklets and manifest
always belong to the same edition. The offline zip of the previous set is carried over.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml
from rich.console import Console
from rich.table import Table

from panduan import __version__
from panduan.build import build_guide
from panduan.downloads import OFFLINE_ZIP, human_size, is_dist_folder, write_manifest
from panduan.history import build_date
from panduan.link import BuildResult
from panduan.modul import ModuleError, module_topics, module_view
from panduan.pdf import engine
from panduan.pdf.document import BOOKLET_SECTIONS, DEFAULT_SUBTITLE, Assembler, Edition, Job
from panduan.pdf.handout import module_jobs
from panduan.pdf.writer import Outcome, describe, write_all
from panduan.publish import Output, OutputError, failure_message

EXIT_OK, EXIT_INVALID = 0, 1
DEFAULT_BOOKLET_PAGES = 40  # a pocket booklet: 10 A4 sheets, folded once
MIN_BOOKLET_PAGES = 4
# Guidelines in one handbook: about 250-300 A4 pages (the real guide: 40 guidelines, 195 pages), a
# book that binds well, and under 1 GB of layout in WeasyPrint (about 2 MB a page). A larger guide
# is printed in volumes, laid out side by side.
DEFAULT_VOLUME_GUIDELINES = 50
ASSESSMENT_ROLES = ("pekerja-sosial", "pendamping", "relawan")  # the roles with a self-assessment sheet
# Where the words of each booklet section come from: the build names them when a booklet is too long.
SHORTEN_HINTS = {
    "tugas-saya": "`tugas` di pedoman yang menjadikan peran ini pelaksana atau penanggung jawab",
    "tidak-boleh": "`tidak_boleh_teks` di registry/peran.yaml dan teks rekomendasi `wajib` yang melarang",
    "merujuk": "`kapan` pada `rujukan` di pedoman",
    "kewajiban": "teks rekomendasi `wajib` yang ditujukan kepada peran ini",
    "daftar-periksa": "`langkah` peran ini di pedoman",
    "lampiran-glosarium": "definisi istilah di glossary/",
    "kontak": "daftar layanan tujuan rujukan",
}


def _checked_guide(root: Path, what: str) -> BuildResult | None:
    """The checked guide, its diagnostics printed; None (with the reason) when it has errors."""
    result = build_guide(root)
    for diag in result.report.sorted():
        print(diag.text(), file=sys.stderr)
    if result.ok:
        return result
    print(
        f"{what} tidak dibuat: {len(result.report.errors)} galat pada berkas sumber. Perbaiki dulu, lalu jalankan lagi.",
        file=sys.stderr,
    )
    return None


def pdf_command(
    *,
    root: Path,
    out: Path,
    per_guideline: bool = False,
    site_url: str | None = None,
    config: Path | None = None,
    region: str | None = None,
    booklet_pages: int | None = None,
    volume_guidelines: int | None = None,
) -> int:
    """Check the sources, then write the PDFs and `manifest.json` to `out`; exit code 0 or 1.

    With `region` (a region id), every document is that region's edition: its overlays printed
    in place next to the national text, which stays as it is, and "Edisi <wilayah>" on the cover.
    `booklet_pages`: the most pages a pocket booklet may have (else mkdocs.yml
    `extra: {buku_saku_maks_halaman: N}`, else 40). A booklet over it fails the run.
    `volume_guidelines`: the most guidelines in one handbook (else `extra.buku_panduan_maks_pedoman`,
    else 50); a larger guide is printed in volumes (`Assembler.handbooks`)."""
    console = Console(stderr=True, highlight=False)
    result = _checked_guide(root, "PDF")
    if result is None:
        return EXIT_INVALID

    if region is not None and region not in result.guide.regions:
        known = ", ".join(f"`{r}`" for r in result.guide.regions) or "(belum ada wilayah terdaftar)"
        print(
            f"GALAT: wilayah `{region}` tidak dikenal. Wilayah yang terdaftar di registry/wilayah.yaml: {known}.",
            file=sys.stderr,
        )
        return EXIT_INVALID

    status = engine.load()  # before any worker starts: one clear cause instead of one per PDF
    for note in status.notes:
        print(f"Catatan: {note}", file=sys.stderr)
    if status.error:
        print(f"GALAT: PDF tidak dapat dibuat: {status.error}", file=sys.stderr)
        return EXIT_INVALID

    settings = site_settings(config)
    limit = booklet_pages if booklet_pages is not None else settings.get("booklet_pages", DEFAULT_BOOKLET_PAGES)
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < MIN_BOOKLET_PAGES:
        print(
            f"GALAT: batas halaman buku saku `{limit}` tidak sah (extra.buku_saku_maks_halaman di {config}); "
            f"tulis bilangan bulat {MIN_BOOKLET_PAGES} atau lebih, misalnya {DEFAULT_BOOKLET_PAGES}.",
            file=sys.stderr,
        )
        return EXIT_INVALID
    per_volume = (
        volume_guidelines
        if volume_guidelines is not None
        else settings.get("volume_guidelines", DEFAULT_VOLUME_GUIDELINES)
    )
    if not isinstance(per_volume, int) or isinstance(per_volume, bool) or per_volume < 1:
        print(
            f"GALAT: batas pedoman per jilid `{per_volume}` tidak sah (extra.buku_panduan_maks_pedoman di {config}); "
            f"tulis bilangan bulat 1 atau lebih, misalnya {DEFAULT_VOLUME_GUIDELINES}.",
            file=sys.stderr,
        )
        return EXIT_INVALID
    edition = run_edition(result, site_url, config, region)
    assembler = Assembler(result, edition)
    roles = assembler.booklet_roles()
    jobs: list[Job] = [
        *assembler.handbooks(per_volume),
        *(assembler.booklet(r) for r in roles),
        *(assembler.self_assessment(r) for r in roles if r in ASSESSMENT_ROLES),
    ]
    jobs += [job for topic in module_topics(result) for job in module_jobs(assembler, module_view(result, topic))]
    if per_guideline:
        jobs += [assembler.single(g) for g in assembler.published()]

    if not edition.site_url:
        print(
            "Catatan: alamat situs belum diatur (PANDUAN_SITE_URL atau --site-url); "
            "alamat daring dan kode QR tidak dicetak.",
            file=sys.stderr,
        )

    output = Output(out, adoptable=is_dist_folder)
    try:
        with output.stage() as stage:
            outcomes = write_all(jobs, stage.path, console=console)
            too_long = [
                o for job, o in zip(jobs, outcomes, strict=True) if job.kind == "buku-saku" and o.ok and o.pages > limit
            ]
            complete = all(o.ok for o in outcomes) and not too_long
            if complete:
                entries = [job.manifest_entry() for job in jobs]
                entries += [print_entry(job, o) for job, o in zip(jobs, outcomes, strict=True) if job.print_file]
                write_manifest(stage.path, entries)
                stage.publish(carry=lambda rel: rel == OFFLINE_ZIP)
    except (OutputError, OSError) as exc:
        print(failure_message(exc, f"folder {out} tidak dapat ditulis"), file=sys.stderr)
        return EXIT_INVALID
    _report(console, outcomes, out, published=complete)
    for outcome in too_long:
        print(f"GALAT: {page_limit_message(outcome, limit)}", file=sys.stderr)
    if not complete:
        print(f"PDF tidak diterbitkan karena ada yang gagal; isi {out} yang lama tidak diubah.", file=sys.stderr)
        return EXIT_INVALID
    return EXIT_OK


def run_edition(result: BuildResult, site_url: str | None, config: Path | None, region: str | None = None) -> Edition:
    """What every document of this run prints: the edition, build date, site URL and subtitle, and
    for a regional edition (`panduan pdf --wilayah`) the region whose overlays are merged in."""
    settings = site_settings(config)
    current = result.guide.edition  # registry/edisi.yaml; the package version for projects without one
    return Edition(
        version=current.id if current else __version__,
        built=build_date(),
        site_url=(site_url or os.environ.get("PANDUAN_SITE_URL") or settings.get("site_url") or None),
        subtitle=settings.get("site_description") or DEFAULT_SUBTITLE,
        region=result.guide.regions[region] if region else None,
        date=current.tanggal if current else None,
    )


def module_command(*, root: Path, name: str, out: Path, site_url: str | None = None, config: Path | None = None) -> int:
    """`panduan pdf --modul <topik|pedoman>`: the participant sheet and the trainer's version of one
    module, written to `out` (each file replaced only when both are complete); exit code 0 or 1."""
    result = _checked_guide(root, "Modul")
    if result is None:
        return EXIT_INVALID
    try:
        module = module_view(result, name)
    except ModuleError as exc:
        print(f"GALAT: {exc}", file=sys.stderr)
        return EXIT_INVALID
    status = engine.load()
    if status.error:
        print(f"GALAT: PDF tidak dapat dibuat: {status.error}", file=sys.stderr)
        return EXIT_INVALID
    jobs = module_jobs(Assembler(result, run_edition(result, site_url, config)), module)
    console = Console(stderr=True, highlight=False)
    out = Path(os.path.abspath(out))
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".panduan-modul-", dir=out) as tmp:
            outcomes = write_all(jobs, Path(tmp), console=console)
            failed = [o for o in outcomes if not o.ok]
            for o in failed:
                print(f"GALAT: {o.file} gagal dibuat: {o.error}", file=sys.stderr)
            if failed:
                return EXIT_INVALID
            for job, o in zip(jobs, outcomes, strict=True):
                target = out / Path(job.file).name
                os.replace(Path(tmp) / job.file, target)
                print(f"{target} ({describe(o)})", file=sys.stderr)
    except OSError as exc:
        print(f"GALAT: {out} tidak dapat ditulis ({exc.strerror or exc}).", file=sys.stderr)
        return EXIT_INVALID
    return EXIT_OK


def print_entry(job: Job, outcome: Outcome) -> dict[str, str]:
    """The manifest entry of a booklet's A4 print version (imposed by the writer, in `cetak/`)."""
    assert job.print_file
    entry = {
        "file": job.print_file,
        "title": f"{job.title}: versi cetak A4",
        "description": f"{outcome.print_sides // 2} lembar A4. Cetak bolak-balik (balik pada sisi pendek), susun "
        "berurutan, lipat dua, dan staples di lipatan: jadi buku saku A5.",
        "kind": "cetak-lipat",
    }
    if job.role:
        entry["role"] = job.role
    return entry


def page_limit_message(outcome: Outcome, limit: int) -> str:
    """Which booklet is too long, by how much, and which of its sections to shorten (longest first)."""
    titles = dict(BOOKLET_SECTIONS)
    parts = sorted(outcome.section_pages, key=lambda item: -item[1])
    longest = ", ".join(f"{titles[a]} ({n} halaman: {SHORTEN_HINTS[a]})" for a, n in parts[:3] if a in titles)
    return (
        f"{outcome.file} berisi {outcome.pages} halaman, lebih dari batas {limit} halaman buku saku "
        f"({outcome.pages - limit} halaman terlalu banyak). Bagian terpanjang: {longest}. Persingkat bagian itu di "
        f"berkas sumbernya, atau naikkan batas dengan `panduan pdf --maks-halaman-saku N` atau "
        f"`extra: {{buku_saku_maks_halaman: N}}` di mkdocs.yml. Isi dist/ yang lama tidak diubah."
    )


def site_settings(config: Path | None) -> dict[str, Any]:
    """`site_url` and `site_description` from mkdocs.yml, `booklet_pages` from its
    `extra.buku_saku_maks_halaman` and `volume_guidelines` from `extra.buku_panduan_maks_pedoman`;
    {} when it is missing or unreadable."""
    if config is None or not config.is_file():
        return {}
    try:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    if not isinstance(data, dict):
        return {}
    settings: dict[str, Any] = {
        key: data[key]
        for key in ("site_url", "site_description")
        if isinstance(data.get(key), str) and data[key].strip()
    }
    extra = data.get("extra")
    if isinstance(extra, dict) and extra.get("buku_saku_maks_halaman") is not None:
        settings["booklet_pages"] = extra["buku_saku_maks_halaman"]
    if isinstance(extra, dict) and extra.get("buku_panduan_maks_pedoman") is not None:
        settings["volume_guidelines"] = extra["buku_panduan_maks_pedoman"]
    return settings


class _TolerantLoader(yaml.SafeLoader):
    """safe_load that reads MkDocs-specific tags (`!!python/name:…`, `!ENV`) as null."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _report(console: Console, outcomes: list[Outcome], out: Path, *, published: bool = True) -> None:
    table = Table(title=f"PDF di {out}", title_justify="left", show_edge=False)
    table.add_column("Berkas")
    table.add_column("Halaman", justify="right")
    table.add_column("Ukuran", justify="right")
    table.add_column("Waktu", justify="right")
    for o in outcomes:
        if o.ok:
            table.add_row(o.file, str(o.pages), human_size(o.size), f"{o.seconds:.1f} dtk".replace(".", ","))
        else:
            table.add_row(o.file, "–", "–", "GAGAL")
    console.print(table)
    for o in outcomes:
        for warning in o.warnings:
            console.print(f"peringatan WeasyPrint ({o.file}): {warning}")
        if o.ok and o.variant is None:
            console.print(f"catatan: {o.file} dibuat tanpa penandaan PDF/UA (tidak didukung oleh WeasyPrint ini).")
        if not o.ok:
            console.print(f"GALAT: {o.file} gagal dibuat: {o.error}")
    ok = [o for o in outcomes if o.ok]
    if ok and published:
        total = sum(o.size for o in ok)
        console.print(f"{len(ok)} PDF ditulis ({human_size(total)}); daftar unduhan: {out / 'manifest.json'}.")
