"""Loading regional adaptation: `registry/wilayah.yaml`, then for each region the folder
`wilayah/<region id>/` with its services (`layanan.yaml`) and its overlays (every other `*.yaml`).

A province maintains its folder through pull requests without touching national files. The
rules over what was loaded (targets, the `wajib` rule, regional regulations) are in
`regional_checks.py`.
"""

from __future__ import annotations

from pathlib import Path

from panduan.diagnostics import Location, Report, suggestion
from panduan.loader import REGIONS_DIR, REGISTRY_DIR, _files, load_validated
from panduan.model import Guide
from panduan.regions import Overlay, RegionalServiceRegistry, RegionRegistry

REGION_REGISTRY = "wilayah.yaml"
SERVICES_FILE = "layanan.yaml"


def services_path(region_id: str) -> str:
    return f"{REGIONS_DIR}/{region_id}/{SERVICES_FILE}"


def load_regional(guide: Guide, report: Report) -> None:
    """Regions, their services and overlays into `guide`; every problem into `report`."""
    _load_regions(guide, report)
    folder = guide.root / REGIONS_DIR
    if not folder.is_dir():
        return
    for region_dir in sorted(p for p in folder.iterdir() if not p.name.startswith((".", "_"))):
        if not region_dir.is_dir():
            continue  # README.md and other notes for editors
        if region_dir.name not in guide.regions:
            report.error(
                "unknown-region",
                f"folder `{REGIONS_DIR}/{region_dir.name}/` tidak cocok dengan wilayah mana pun di "
                f"`{REGISTRY_DIR}/{REGION_REGISTRY}`.",
                Location(f"{REGIONS_DIR}/{region_dir.name}/"),
                Location(f"{REGISTRY_DIR}/{REGION_REGISTRY}"),
                hint=suggestion(region_dir.name, guide.regions)
                + " Nama folder adalah id wilayah; daftarkan wilayahnya lebih dulu.",
            )
            continue
        _load_services(guide, region_dir, report)
        _load_overlays(guide, region_dir, report)


def _load_regions(guide: Guide, report: Report) -> None:
    path = guide.root / REGISTRY_DIR / REGION_REGISTRY
    if not path.exists():
        return  # a guide without regional material
    registry, problems = load_validated(path, guide.root, RegionRegistry)
    report.extend(problems)
    if registry is None:
        return
    for region in registry.wilayah:
        if region.id in guide.regions:
            report.error(
                "duplicate-id",
                f"id wilayah `{region.id}` ditulis dua kali.",
                region.loc("id"),
                guide.regions[region.id].loc("id"),
            )
            continue
        guide.regions[region.id] = region


def _load_services(guide: Guide, region_dir: Path, report: Report) -> None:
    services = guide.regional_services.setdefault(region_dir.name, {})
    path = region_dir / SERVICES_FILE
    if not path.exists():
        return
    registry, problems = load_validated(path, guide.root, RegionalServiceRegistry)
    report.extend(problems)
    if registry is None:
        return
    for service in registry.layanan:
        if service.id in services:
            report.error(
                "duplicate-id",
                f"id layanan `{service.id}` ditulis dua kali.",
                service.loc("id"),
                services[service.id].loc("id"),
            )
            continue
        services[service.id] = service


def _load_overlays(guide: Guide, region_dir: Path, report: Report) -> None:
    seen = {o.id: o for o in guide.overlays}
    for path in _files(region_dir, "*.yaml"):
        if path.name == SERVICES_FILE:
            continue
        overlay, problems = load_validated(path, guide.root, Overlay)
        report.extend(problems)
        if overlay is None:
            continue
        if overlay.id in seen:
            report.error(
                "duplicate-id",
                f"id tambahan wilayah `{overlay.id}` sudah dipakai oleh `{seen[overlay.id].file.path}`.",
                overlay.loc("id"),
                seen[overlay.id].loc("id"),
                hint="Setiap berkas tambahan wilayah punya id yang unik.",
            )
            continue
        if overlay.wilayah != region_dir.name:
            report.error(
                "overlay-wrong-folder",
                f"tambahan ini ditulis untuk wilayah `{overlay.wilayah}`, tetapi disimpan di folder "
                f"`{REGIONS_DIR}/{region_dir.name}/`.",
                overlay.loc("wilayah"),
                hint=f"Pindahkan berkas ke `{REGIONS_DIR}/{overlay.wilayah}/` atau ubah `wilayah`.",
            )
            continue
        seen[overlay.id] = overlay
        guide.overlays.append(overlay)
