"""The `panduan` command: a thin shell over the same core the MkDocs plugin uses.

Every subcommand is a plain function that returns an exit code; `main(argv) -> int` wires them.
Messages are in Indonesian; nothing an editor does should end in a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from contextlib import nullcontext
from pathlib import Path

from panduan.build import BuildResult, build_guide
from panduan.diagnostics import Diagnostic, suggestion
from panduan.gc_policy import fewer_collections
from panduan.publish import Interrupted, interrupted_message, stop_cleanly_on_signals

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _err(message: str) -> None:
    print(f"GALAT: {message}", file=sys.stderr)


def _print_report(result: BuildResult, fmt: str, extra: Sequence[Diagnostic] = ()) -> None:
    for diag in sorted([*result.report.diagnostics, *extra], key=lambda d: (d.primary, d.code)):
        if fmt == "github":
            print(diag.github())
        else:
            print(diag.text(), file=sys.stderr)


def _summary(result: BuildResult, extra: Sequence[Diagnostic] = (), overdue: int = 0) -> str:
    errors = len(result.report.errors) + sum(d.is_error for d in extra)
    warnings = len(result.report.warnings) + sum(not d.is_error for d in extra)
    g = result.guide
    counts = f"{len(g.guidelines)} pedoman, {len(g.terms)} istilah, {sum(len(law.pasal) for law in g.laws)} pasal"
    review = f"; {overdue} pedoman lewat tanggal tinjau ulang" if overdue else ""
    if errors:
        return f"Gagal: {errors} galat, {warnings} peringatan ({counts}){review}."
    return f"Beres: 0 galat, {warnings} peringatan ({counts}){review}."


def _checked(root: Path, fmt: str = "text", strict: bool = False) -> BuildResult | None:
    result = build_guide(root)
    _print_report(result, fmt)
    print(_summary(result), file=sys.stderr)
    failed = result.report.errors or (strict and result.report.warnings)
    return None if failed else result


# ---------------------------------------------------------------------------------------------
# Commands


def check(
    *,
    root: Path,
    fmt: str = "text",
    strict: bool = False,
    law_coverage: bool = False,
    since: str | None = None,
    strict_review: bool = False,
) -> int:
    """Validate every source; print all problems; exit 1 on any error (or warning with --strict).

    `since`: also compare with that git ref (changes without a `riwayat` entry, removed
    recommendation ids). Guidelines past `tinjau_ulang` are reported as warnings that fail only
    with `strict_review`, so a passing date never breaks unrelated pull requests.
    """
    from panduan.history import build_date, review_diagnostics

    result = build_guide(root)
    compared: list[Diagnostic] = []
    if since is not None:
        from panduan.regional_checks import check_overlays_since
        from panduan.since import GitError, check_since

        try:
            compared = check_since(result.guide, root, since)
            compared += check_overlays_since(result.guide, root, since)
        except GitError as exc:
            _err(str(exc))
            return EXIT_USAGE
    from panduan.regional_checks import overlay_review_diagnostics

    overdue = review_diagnostics(result.guide, build_date())
    overdue += overlay_review_diagnostics(result.guide, build_date())
    _print_report(result, fmt, [*compared, *overdue])
    print(_summary(result, compared, len(overdue)), file=sys.stderr)
    failed = result.report.errors or any(d.is_error for d in compared)
    failed = failed or (strict and (result.report.warnings or compared)) or (strict_review and overdue)
    if failed:
        return EXIT_INVALID
    if law_coverage:
        from panduan.render.coverage import coverage_table

        print(coverage_table(result))
    return EXIT_OK


def build(*, root: Path, config: Path, site_dir: Path | None, strict: bool = False) -> int:
    """Check, then build the site; `site/` is replaced only on success.

    The same severity policy as `check`: errors fail, warnings fail only with `--strict`.
    """
    result = _checked(root, strict=strict)
    if result is None:
        print("Build dibatalkan; situs lama tidak diubah.", file=sys.stderr)
        return EXIT_INVALID
    from panduan.site import build_site

    target = site_dir or root / "site"
    if not build_site(config, target, strict=strict, checked=(root, result)):
        return EXIT_INVALID
    print(f"Situs selesai dibangun di {target}.", file=sys.stderr)
    return EXIT_OK


def serve(*, config: Path, dev_addr: str | None) -> int:
    from panduan.site import serve_site

    return serve_site(config, dev_addr=dev_addr)


def new(*, root: Path, title: str, topic: str, role: str, owner: str | None = None) -> int:
    """Write a guideline skeleton that passes `panduan check`."""
    from panduan.history import default_team
    from panduan.loader import load_guide
    from panduan.scaffold import new_guideline, slugify

    guide, _ = load_guide(root)
    if topic not in guide.topics:
        _err(f"topik `{topic}` tidak dikenal. {suggestion(topic, guide.topics)}")
        return EXIT_USAGE
    if role not in guide.roles:
        _err(f"peran `{role}` tidak dikenal. {suggestion(role, guide.roles)}")
        return EXIT_USAGE
    if owner is not None and owner not in guide.teams:
        _err(f"tim penyunting `{owner}` tidak dikenal. {suggestion(owner, guide.teams)}")
        return EXIT_USAGE
    owner = owner or default_team(guide, topic)
    if not slugify(title):
        _err("judul harus memuat paling sedikit satu huruf atau angka.")
        return EXIT_USAGE
    if slugify(title) in guide.guidelines:
        _err(
            f"id `{slugify(title)}` sudah dipakai oleh {guide.guidelines[slugify(title)].file.path}; pilih judul lain."
        )
        return EXIT_USAGE
    try:
        path = new_guideline(root, title, topic, role, owner=owner)
    except FileExistsError as exc:
        _err(f"berkas {exc} sudah ada.")
        return EXIT_USAGE
    print(
        f"Pedoman baru: {path.relative_to(root).as_posix()} (status draf). Isi kolomnya, lalu jalankan `panduan check`."
    )
    return EXIT_OK


def generate(*, root: Path, out: Path, config: Path) -> int:
    """Write the guide as a plain Markdown project (pages, assets, configs) for other builders."""
    import json

    from panduan.downloads import find_downloads
    from panduan.export import PROPERDOCS_CONFIG, ZENSICAL_CONFIG, NotOurFolder, write_markdown
    from panduan.portable import read_settings
    from panduan.render import build_nav, render_pages, section_nav
    from panduan.schema import SCHEMA_PATH, json_schema

    result = _checked(root)
    if result is None:
        return EXIT_INVALID
    settings = read_settings(config)
    downloads = find_downloads(root / settings.downloads_dir)
    pages = render_pages(
        result,
        overrides=root / "overrides" / "panduan",
        downloads=downloads,
        directory_urls=settings.use_directory_urls,
    )
    static = root / settings.docs_dir
    written = sorted(p.relative_to(static).as_posix() for p in static.rglob("*.md")) if static.is_dir() else []
    nav = build_nav(pages, result, section_nav(written, settings.sections))
    files: dict[str, str | Path] = {SCHEMA_PATH: json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"}
    files.update({d["path"]: d["file"] for d in downloads})
    try:
        count = write_markdown(pages, nav, out, static_dir=static, files=files, settings=settings)
    except NotOurFolder:
        _err(f"folder {out} sudah berisi berkas lain; pilih folder kosong agar tidak ada yang tertimpa.")
        return EXIT_USAGE
    print(
        f"{count} halaman Markdown ditulis ke {out / 'docs'}, beserta {PROPERDOCS_CONFIG} dan {ZENSICAL_CONFIG}.\n"
        f"Bangun situsnya dengan `properdocs build` atau `zensical build` di folder {out}.",
        file=sys.stderr,
    )
    return EXIT_OK


def schema(*, out: Path | None) -> int:
    from panduan.schema import json_schema

    text = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    if out is None:
        sys.stdout.write(text)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    return EXIT_OK


# ---------------------------------------------------------------------------------------------
# Wiring


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="panduan", description="Alat bantu Panduan Praktik.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="folder proyek (bawaan: folder kerja)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="PERINTAH")

    p = sub.add_parser("check", help="periksa semua berkas sumber dan laporkan semua masalah")
    p.add_argument("--format", dest="fmt", choices=["text", "github"], default="text")
    p.add_argument("--strict", action="store_true", help="peringatan juga dianggap gagal")
    p.add_argument("--law-coverage", action="store_true", help="cetak tabel cakupan pasal")
    p.add_argument(
        "--since",
        metavar="REF",
        default=None,
        help="bandingkan juga dengan ref git (misalnya origin/main): perubahan tanpa entri riwayat, id rekomendasi yang hilang",
    )
    p.add_argument(
        "--strict-review", action="store_true", help="pedoman yang lewat tanggal tinjau_ulang dianggap gagal"
    )

    p = sub.add_parser("build", help="periksa, lalu bangun situs ke site/")
    p.add_argument("--strict", action="store_true", help="peringatan juga dianggap gagal (sama seperti check --strict)")
    p.add_argument("--config", type=Path, default=None, help="berkas mkdocs.yml")
    p.add_argument("--site-dir", type=Path, default=None)

    p = sub.add_parser("serve", help="pratinjau situs dengan muat ulang otomatis")
    p.add_argument("--config", type=Path, default=None)
    p.add_argument("--dev-addr", default=None, help="alamat, misalnya 127.0.0.1:8000")

    p = sub.add_parser("new", help="buat kerangka pedoman baru")
    p.add_argument("title", metavar="JUDUL")
    p.add_argument("--topik", dest="topic", required=True)
    p.add_argument("--peran", dest="role", default="pendamping")
    p.add_argument("--pemilik", dest="owner", default=None, help="id tim penyunting (bawaan: tim pemilik topik itu)")

    p = sub.add_parser("generate", help="tulis halaman Markdown hasil generator ke folder, untuk pembangun situs lain")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--config", type=Path, default=None, help="berkas mkdocs.yml yang pengaturannya diikuti")

    p = sub.add_parser("schema", help="cetak JSON Schema format pedoman")
    p.add_argument("--out", type=Path, default=None)

    _add_optional_commands(sub)
    return parser


def _add_optional_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Commands whose modules are heavier (PDF, search) register lazily."""
    p = sub.add_parser("pdf", help="buat buku panduan PDF dan buku saku per peran")
    p.add_argument("--out", type=Path, default=None, help="folder hasil (bawaan: dist/)")
    p.add_argument("--per-pedoman", action="store_true", help="juga satu PDF per pedoman")
    p.add_argument(
        "--modul",
        metavar="TOPIK|PEDOMAN",
        default=None,
        help="hanya modul pelatihan satu topik atau pedoman: lembar peserta dan pegangan pelatih "
        "(bawaan --out: modul-pelatihan/)",
    )
    p.add_argument("--site-url", default=None)
    p.add_argument(
        "--wilayah",
        default=None,
        metavar="ID",
        help="edisi wilayah: tambahan wilayah ini disisipkan di tempatnya (bawaan folder: dist-<wilayah>/)",
    )
    p.add_argument(
        "--maks-halaman-saku",
        type=int,
        default=None,
        metavar="N",
        help="halaman terbanyak sebuah buku saku (bawaan: extra.buku_saku_maks_halaman di mkdocs.yml, atau 40)",
    )
    p.add_argument(
        "--maks-pedoman-jilid",
        type=int,
        default=None,
        metavar="N",
        help="pedoman terbanyak dalam satu buku panduan; panduan yang lebih besar terbit dalam beberapa jilid "
        "(bawaan: extra.buku_panduan_maks_pedoman di mkdocs.yml, atau 50)",
    )

    p = sub.add_parser(
        "changes", help="cetak perubahan pedoman sejak suatu edisi, tanggal, atau ref git (untuk pelatih)"
    )
    p.add_argument(
        "--since", required=True, metavar="EDISI|TANGGAL|REF", help="misalnya 2026.1, 2027-03-01, atau origin/main"
    )
    p.add_argument(
        "--pdf", type=Path, default=None, metavar="BERKAS", help='juga tulis sisipan PDF "Perubahan sejak ..."'
    )
    p.add_argument("--site-url", default=None)
    p.add_argument("--config", type=Path, default=None, help="berkas mkdocs.yml (alamat situs)")

    p = sub.add_parser("edisi", help="cetak edisi panduan yang berlaku (untuk skrip rilis)")

    p = sub.add_parser("cari", help="cari pedoman dengan pencarian berbahasa Indonesia")
    p.add_argument("query", metavar="KATA_KUNCI")
    p.add_argument("-n", type=int, default=5, help="jumlah hasil (bawaan: 5)")
    p.add_argument(
        "--config", type=Path, default=None, help="berkas mkdocs.yml (alamat halaman, ekstensi Markdown, docs/)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(list(argv) if argv is not None else None)
    # PDF layout makes cyclic structures that the collector must keep freeing: not measured
    # with the rarer passes yet, so it keeps the default policy (its peak memory has a limit).
    with fewer_collections() if args.command != "pdf" else nullcontext():
        if args.command not in ("build", "pdf", "changes"):
            return _run(args)
        # Writers: a stop signal unwinds the run (its staging folder is removed, workers killed),
        # and the previous outputs stay as they were.
        try:
            with stop_cleanly_on_signals():
                return _run(args)
        except Interrupted as exc:
            print(interrupted_message(exc), file=sys.stderr)
            return exc.exit_code


def _run(args: argparse.Namespace) -> int:
    root = args.root.resolve()
    if not (root / "guidelines").is_dir():
        _err(f"folder `guidelines/` tidak ditemukan di {root}; jalankan dari folder proyek atau pakai --root.")
        return EXIT_USAGE
    config = (getattr(args, "config", None) or root / "mkdocs.yml").resolve()
    if args.command == "check":
        return check(
            root=root,
            fmt=args.fmt,
            strict=args.strict,
            law_coverage=args.law_coverage,
            since=args.since,
            strict_review=args.strict_review,
        )
    if args.command == "build":
        return build(root=root, config=config, site_dir=args.site_dir, strict=args.strict)
    if args.command == "serve":
        return serve(config=config, dev_addr=args.dev_addr)
    if args.command == "new":
        return new(root=root, title=args.title, topic=args.topic, role=args.role, owner=args.owner)
    if args.command == "generate":
        return generate(root=root, out=args.out.resolve(), config=config)
    if args.command == "schema":
        return schema(out=args.out)
    if args.command == "pdf" and args.modul is not None:
        from panduan.pdf import module_command

        return module_command(
            root=root, name=args.modul, out=args.out or root / "modul-pelatihan", site_url=args.site_url, config=config
        )
    if args.command == "pdf":
        from panduan.pdf import pdf_command

        return pdf_command(
            root=root,
            out=args.out or root / (f"dist-{args.wilayah}" if args.wilayah else "dist"),
            per_guideline=args.per_pedoman,
            site_url=args.site_url,
            config=config,
            region=args.wilayah,
            booklet_pages=args.maks_halaman_saku,
            volume_guidelines=args.maks_pedoman_jilid,
        )
    if args.command == "changes":
        from panduan.changes import changes_command

        return changes_command(root=root, since=args.since, pdf=args.pdf, site_url=args.site_url, config=config)
    if args.command == "edisi":
        from panduan.history import read_edition

        edition = read_edition(root)
        if edition is None:
            _err("edisi belum tercatat atau registry/edisi.yaml tidak sah; jalankan `panduan check`.")
            return EXIT_INVALID
        print(edition.id)
        return EXIT_OK
    if args.command == "cari":
        from panduan.search.query import search_command

        if args.config is not None and not config.is_file():
            _err(f"berkas konfigurasi {config} tidak ditemukan.")
            return EXIT_USAGE

        return search_command(root=root, config=config, query=args.query, limit=args.n)
    return EXIT_USAGE  # pragma: no cover - argparse rejects unknown commands first


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
