"""Presentation of regional adaptation, shared by the site and the PDF: which overlays sit next
to which part of a guideline, their labels, and the region page's view.

Outputs only lay these views out. An overlay is always shown beside the national text it adapts,
in a block labelled with its region; the national text itself is never replaced.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from panduan.model import Guide
from panduan.regions import District, Overlay, Region, RegionalService
from panduan.schema import GuidelineSource

REGION_DIR = "wilayah"
REGION_SECTION = "Kearifan lokal dan layanan setempat"  # heading of guideline-level overlays
REGION_SECTION_ANCHOR = "kearifan-lokal-dan-layanan-setempat"


def region_page(region_id: str) -> str:
    return f"{REGION_DIR}/{region_id}.md"


def overlay_anchor(o: Overlay) -> str:
    return f"wilayah-{o.wilayah}-{o.id}"


@dataclass(frozen=True)
class OverlayView:
    overlay: Overlay
    region: Region
    services: tuple[RegionalService, ...]
    districts: tuple[District, ...]
    role_name: str | None
    reviewer: str
    days_left: int

    @property
    def anchor(self) -> str:
        return overlay_anchor(self.overlay)

    @property
    def label(self) -> str:
        """The block's title: region, kind and the overlay's own title."""
        return f"{self.region.nama} · {self.overlay.kind_label}: {self.overlay.judul}"

    @property
    def region_short(self) -> str:
        return self.region.nama.removeprefix("Provinsi ").strip()

    @property
    def where(self) -> str:
        """The part of the guideline it adapts, in words."""
        target = self.overlay.sasaran
        if target.rekomendasi:
            return f"rekomendasi {target.rekomendasi}"
        if target.langkah:
            return f"langkah {target.langkah}"
        return "pedoman"

    @property
    def scope(self) -> str:
        """Where it applies: the kabupaten/kota named, or the whole province."""
        return ", ".join(d.nama for d in self.districts) if self.districts else f"seluruh {self.region.nama}"

    @property
    def overdue(self) -> bool:
        return self.days_left < 0


def overlay_view(guide: Guide, o: Overlay, today: dt.date) -> OverlayView:
    region = guide.regions[o.wilayah]
    services = guide.regional_services.get(o.wilayah, {})
    districts = {d.kode: d for d in region.kabupaten_kota}
    role = guide.roles.get(o.peran) if o.peran else None
    team = guide.teams.get(o.penelaah)
    return OverlayView(
        overlay=o,
        region=region,
        services=tuple(services[s] for s in o.layanan if s in services),
        districts=tuple(districts[c] for c in o.cakupan if c in districts),
        role_name=role.nama if role else o.peran,
        reviewer=team.nama if team else o.penelaah,
        days_left=(o.tinjau_ulang - today).days,
    )


@dataclass
class GuidelineRegions:
    """The overlays of one guideline, by the part they sit next to."""

    whole: list[OverlayView] = field(default_factory=list)
    recommendations: dict[str, list[OverlayView]] = field(default_factory=dict)
    steps: dict[int, list[OverlayView]] = field(default_factory=dict)
    regions: list[Region] = field(default_factory=list)  # the regions with material here

    def rec(self, rec_id: str) -> list[OverlayView]:
        return self.recommendations.get(rec_id, [])

    def step(self, number: int) -> list[OverlayView]:
        return self.steps.get(number, [])

    def __bool__(self) -> bool:
        return bool(self.regions)

    def only(self, region_id: str | None) -> GuidelineRegions:
        """The same, for one region (a regional PDF edition); everything for None."""
        if region_id is None:
            return self
        keep = GuidelineRegions()
        for view in self.all():
            if view.region.id == region_id:
                keep.add(view)
        return keep

    def all(self) -> list[OverlayView]:
        out = list(self.whole)
        for views in self.recommendations.values():
            out += views
        for views in self.steps.values():
            out += views
        return out

    def add(self, view: OverlayView) -> None:
        target = view.overlay.sasaran
        if target.rekomendasi:
            self.recommendations.setdefault(target.rekomendasi, []).append(view)
        elif target.langkah:
            self.steps.setdefault(target.langkah, []).append(view)
        else:
            self.whole.append(view)
        if view.region not in self.regions:
            self.regions.append(view.region)


def guideline_regions(guide: Guide, g: GuidelineSource, today: dt.date) -> GuidelineRegions:
    found = GuidelineRegions()
    for o in guide.overlays_on(g.id):
        found.add(overlay_view(guide, o, today))
    return found


@dataclass(frozen=True)
class RegionView:
    """Everything the region page lists."""

    region: Region
    team: str
    services: list[RegionalService]
    by_guideline: list[tuple[GuidelineSource, list[OverlayView]]]

    @property
    def count(self) -> int:
        return sum(len(views) for _, views in self.by_guideline)


def region_view(guide: Guide, region_id: str, today: dt.date) -> RegionView:
    region = guide.regions[region_id]
    team = guide.teams.get(region.tim)
    groups: list[tuple[GuidelineSource, list[OverlayView]]] = []
    for g in guide.guidelines.values():
        views = [overlay_view(guide, o, today) for o in guide.overlays_on(g.id) if o.wilayah == region_id]
        if views:
            groups.append((g, views))
    return RegionView(
        region=region,
        team=team.nama if team else region.tim,
        services=list(guide.regional_services.get(region_id, {}).values()),
        by_guideline=groups,
    )


def overlay_reviews(guide: Guide, today: dt.date, window: int) -> tuple[list[OverlayView], list[OverlayView]]:
    """(overdue, due within `window` days) overlays, most urgent first, for the review dashboard."""
    views = sorted((overlay_view(guide, o, today) for o in guide.overlays), key=lambda v: (v.days_left, v.anchor))
    return [v for v in views if v.overdue], [v for v in views if 0 <= v.days_left <= window]
