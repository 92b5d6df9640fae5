"""The `panduan` command: a thin shell over the same core the MkDocs plugin uses.

Every subcommand is a plain function that returns an exit code; `main(argv) -> int` wires them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from panduan.build import BuildResult, build_guide
from panduan.diagnostics import Diagnostic

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _print_diagnostics(diagnostics: list[Diagnostic], fmt: str) -> None:
    for diag in diagnostics:
        print(diag.github() if fmt == "github" else diag.text(), file=sys.stderr if fmt == "text" else sys.stdout)


def _summary(result: BuildResult) -> str:
    errors, warnings = len(result.report.errors), len(result.report.warnings)
    g = result.guide
    counts = f"{len(g.guidelines)} pedoman, {len(g.terms)} istilah, {sum(len(law.pasal) for law in g.laws)} pasal"
    if errors:
        return f"Gagal: {errors} galat, {warnings} peringatan ({counts})."
    return f"Beres: 0 galat, {warnings} peringatan ({counts})."


def check(*, root: Path, fmt: str = "text", strict: bool = False, law_coverage: bool = False) -> int:
    """Validate every source; print all problems; exit 1 on any error (or warning with --strict)."""
    result = build_guide(root)
    _print_diagnostics(result.report.sorted(), fmt)
    if law_coverage:
        from panduan.render.coverage import coverage_table

        print(coverage_table(result))
    print(_summary(result), file=sys.stderr)
    failed = result.report.errors or (strict and result.report.warnings)
    return EXIT_INVALID if failed else EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="panduan",
        description="Alat bantu Panduan Praktik: periksa, bangun, dan pratinjau panduan.",
    )
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="folder proyek (bawaan: folder kerja)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="PERINTAH")

    p = sub.add_parser("check", help="periksa semua berkas sumber dan laporkan semua masalah")
    p.add_argument("--format", dest="fmt", choices=["text", "github"], default="text")
    p.add_argument("--strict", action="store_true", help="peringatan juga dianggap gagal")
    p.add_argument("--law-coverage", action="store_true", help="cetak tabel cakupan pasal UU 14/2019")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(list(argv) if argv is not None else None)
    root = args.root.resolve()
    if args.command == "check":
        return check(root=root, fmt=args.fmt, strict=args.strict, law_coverage=args.law_coverage)
    return EXIT_USAGE  # pragma: no cover - argparse rejects unknown commands first


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
