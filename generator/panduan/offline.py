"""The offline bundle: the whole site built for `file://` and zipped, for USB sticks and trainings.

Material's offline plugin makes search work without a server; directory URLs are turned off so
every link points at a real `.html` file. Run as `python -m panduan.offline --out dist/x.zip`.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

from panduan.site import build_site


def build_offline(config_file: Path, out_zip: Path) -> bool:
    with tempfile.TemporaryDirectory(prefix="panduan-offline-") as tmp:
        site = Path(tmp) / "panduan-praktik"
        ok = build_site(
            config_file,
            site,
            use_directory_urls=False,
            plugins=["search", "offline", {"panduan": {"offline_zip": False}}],
        )
        if not ok:
            return False
        out_zip.parent.mkdir(parents=True, exist_ok=True)
        partial = out_zip.with_suffix(".zip.part")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in sorted(site.rglob("*")):
                if path.is_file() and not _left_out(path.relative_to(site)):
                    archive.write(path, Path("panduan-praktik") / path.relative_to(site))
        partial.replace(out_zip)
    return True


def _left_out(relative: Path) -> bool:
    """Source maps are of no use on a USB stick."""
    return relative.suffix == ".map"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m panduan.offline", description="Buat paket situs luring (zip).")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--out", type=Path, default=Path("dist/panduan-offline.zip"))
    args = parser.parse_args(argv)
    if not build_offline(args.config.resolve(), args.out.resolve()):
        return 1
    size = args.out.stat().st_size
    print(f"Paket luring: {args.out} ({size / 1_000_000:.1f} MB).", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
