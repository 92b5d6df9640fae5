"""The offline bundle: the whole site built for `file://` and zipped, for USB sticks and trainings.

Material's offline plugin makes search work without a server; directory URLs are turned off so
every link points at a real `.html` file. Run as `python -m panduan.offline --out dist/x.zip`.

The site is built and its links checked (for `file://`: no link may point at a folder) inside a
new version of `dist/` (`publish.Output`); the zip is written there, and that version — the zip
plus the current PDFs and manifest, linked over — replaces `dist/` in one atomic rename. If the
zip's folder is not a `dist/`-like output folder, the zip alone is replaced with one `os.replace`.
The bundle never contains itself: its own site build does not publish the offline zip.

The archive is reproducible: entries in sorted order, fixed permissions, and timestamps from
`SOURCE_DATE_EPOCH` when it is set.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
import zipfile
from pathlib import Path

from panduan.downloads import human_size, is_dist_folder
from panduan.history import read_edition
from panduan.publish import (
    Interrupted,
    Output,
    OutputError,
    failure_message,
    interrupted_message,
    scratch,
    stop_cleanly_on_signals,
)
from panduan.site import build_into, setup_logging

ARCHIVE_ROOT = "panduan-praktik"


def _site_overrides() -> dict[str, object]:
    """Fresh on every call: MkDocs consumes the plugin entries while validating them."""
    return {"use_directory_urls": False, "plugins": ["search", "offline", {"panduan": {"offline_zip": False}}]}


def build_offline(config_file: Path, out_zip: Path) -> bool:
    """Build the bundle and put it at `out_zip`; False (old bundle untouched) on any failure."""
    setup_logging(verbose=False)
    out_zip = Path(os.path.abspath(out_zip))
    output = Output(out_zip.parent, adoptable=is_dist_folder)
    try:
        try:
            output.check_replaceable()
        except OutputError:
            return _build_plain(config_file, out_zip)
        with output.stage() as stage:
            work = stage.path / f".{ARCHIVE_ROOT}-situs"
            if not _build_zip(config_file, work, stage.path / out_zip.name):
                return False
            shutil.rmtree(work)
            stage.publish(carry=lambda rel: rel != out_zip.name)
    except (OutputError, OSError) as exc:
        print(failure_message(exc, f"paket luring tidak dapat ditulis ke {out_zip}"), file=sys.stderr)
        return False
    return True


def _build_plain(config_file: Path, out_zip: Path) -> bool:
    """The zip's folder holds other things: replace just the zip, atomically."""
    with scratch(out_zip.parent, f".{out_zip.name}") as work:
        partial = work / out_zip.name
        if not _build_zip(config_file, work / "situs", partial):
            return False
        os.replace(partial, out_zip)
    return True


def _build_zip(config_file: Path, work: Path, target: Path) -> bool:
    site = work / ARCHIVE_ROOT
    if not build_into(config_file, site, name="paket luring", overrides=_site_overrides()):
        print(f"Paket luring tidak dibuat; {target.name} yang lama tidak diubah.", file=sys.stderr)
        return False
    edition = read_edition(config_file.parent)
    label = f"Panduan Praktik edisi {edition.id} ({edition.tanggal.isoformat()})" if edition else "Panduan Praktik"
    write_zip(site, target, comment=f"{label}. Buka panduan-praktik/index.html dengan peramban.")
    return True


def write_zip(site: Path, target: Path, *, comment: str = "") -> None:
    """Zip `site` as `panduan-praktik/…`, byte-for-byte reproducible for the same files. The
    archive comment names the edition (shown by most unzip tools)."""
    stamp = zip_timestamp()
    files = sorted((p.relative_to(site).as_posix(), p) for p in site.rglob("*") if p.is_file())
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.comment = comment.encode("utf-8")
        for relative, path in files:
            if _left_out(relative):
                continue
            info = zipfile.ZipInfo(f"{ARCHIVE_ROOT}/{relative}", date_time=stamp)
            info.create_system = 3  # Unix, whatever system builds it
            info.external_attr = 0o100644 << 16  # regular file, rw-r--r--
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes(), compresslevel=9)


def zip_timestamp() -> tuple[int, int, int, int, int, int]:
    """Entry time: SOURCE_DATE_EPOCH (UTC) when set, else now; never before 1980 (zip's epoch)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    moment = time.gmtime(int(epoch)) if epoch.isdigit() else time.localtime()
    return max(tuple(moment[:6]), (1980, 1, 1, 0, 0, 0))  # type: ignore[return-value]


def _left_out(relative: str) -> bool:
    """Source maps are of no use on a USB stick."""
    return relative.endswith(".map")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m panduan.offline", description="Buat paket situs luring (zip).")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--out", type=Path, default=Path("dist/panduan-offline.zip"))
    args = parser.parse_args(argv)
    try:
        with stop_cleanly_on_signals():
            if not build_offline(args.config.resolve(), Path(os.path.abspath(args.out))):
                return 1
    except Interrupted as exc:
        print(interrupted_message(exc), file=sys.stderr)
        return exc.exit_code
    size = args.out.stat().st_size
    print(f"Paket luring: {args.out} ({human_size(size)}).", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
