"""The typed model of the whole guide, as the later stages (checks, link, render, pdf) read it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from panduan.diagnostics import Location
from panduan.law import Citation, Law, Laws
from panduan.regions import Overlay, Region, RegionalService
from panduan.schema import (
    Competency,
    Edition,
    GuidelineSource,
    Recommendation,
    Role,
    Service,
    Situation,
    Stage,
    TaskKind,
    Team,
    TermSource,
    Topic,
)


@dataclass(frozen=True)
class CitationUse:
    """One place where the guide cites a law; `guideline`/`recommendation`/`term` say who cites."""

    citation: Citation
    law: Law
    location: Location
    guideline: str | None = None
    recommendation: str | None = None
    term: str | None = None
    inline: bool = False


@dataclass
class Term:
    """A glossary term with its id (the file name) and every surface form that links to it."""

    id: str
    source: TermSource

    @property
    def words(self) -> list[str]:
        """Forms matched case-insensitively: the term itself and its aliases."""
        return [self.source.istilah, *self.source.alias]

    @property
    def acronyms(self) -> list[str]:
        """Forms matched case-sensitively."""
        return [self.source.singkatan] if self.source.singkatan else []


@dataclass
class Guide:
    """Everything loaded from the sources, validated, in reading order."""

    root: Path
    topics: dict[str, Topic] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)
    services: dict[str, Service] = field(default_factory=dict)
    task_kinds: dict[str, TaskKind] = field(default_factory=dict)
    competencies: dict[str, Competency] = field(default_factory=dict)
    stages: dict[str, Stage] = field(default_factory=dict)  # practice stages, in reading order
    teams: dict[str, Team] = field(default_factory=dict)
    editions: dict[str, Edition] = field(default_factory=dict)  # oldest first; the last is current
    situations: dict[str, Situation] = field(default_factory=dict)  # registry/situasi.yaml, in its order
    laws: Laws = field(default_factory=lambda: Laws([]))
    guidelines: dict[str, GuidelineSource] = field(default_factory=dict)
    terms: dict[str, Term] = field(default_factory=dict)
    citations: list[CitationUse] = field(default_factory=list)
    # Regional adaptation (regions.py, overlays.py): provinces, each one's services, overlays.
    regions: dict[str, Region] = field(default_factory=dict)
    regional_services: dict[str, dict[str, RegionalService]] = field(default_factory=dict)
    overlays: list[Overlay] = field(default_factory=list)

    @property
    def edition(self) -> Edition | None:
        """The current edition of the guide (the last one in registry/edisi.yaml), if any."""
        return list(self.editions.values())[-1] if self.editions else None

    def in_topic(self, topic_id: str, *, include_withdrawn: bool = True) -> list[GuidelineSource]:
        return [g for g in self.guidelines.values() if g.topik == topic_id and (include_withdrawn or not g.withdrawn)]

    def role_lineage(self, role_id: str) -> list[str]:
        """The role and its ancestors, nearest first (sub-roles inherit their parent's bars)."""
        lineage: list[str] = []
        while role_id and role_id in self.roles and role_id not in lineage:
            lineage.append(role_id)
            role_id = self.roles[role_id].induk
        return lineage

    def barred_kinds(self, role_id: str) -> dict[str, str]:
        """Task kinds the role may not be R or A for → the role (itself or an ancestor) barring it."""
        barred: dict[str, str] = {}
        for ancestor in self.role_lineage(role_id):
            for kind in self.roles[ancestor].tidak_boleh:
                barred.setdefault(kind, ancestor)
        return barred

    def sub_roles(self, role_id: str) -> list[str]:
        return [r.id for r in self.roles.values() if r.induk == role_id]

    def applies_to(self, guideline: GuidelineSource, role_id: str) -> bool:
        """True if the guideline names this role, one of its ancestors, or one of its sub-roles."""
        family = set(self.role_lineage(role_id)) | set(self.sub_roles(role_id))
        return bool(family & set(guideline.peran))

    def overlays_on(self, guideline_id: str) -> list[Overlay]:
        """The overlays attached to a guideline or to one of its parts, in region order."""
        order = {r: i for i, r in enumerate(self.regions)}
        found = [o for o in self.overlays if o.sasaran.pedoman == guideline_id]
        return sorted(found, key=lambda o: order.get(o.wilayah, len(order)))

    def citations_of(self, kode: str, pasal: str) -> list[CitationUse]:
        return [c for c in self.citations if c.law.kode == kode and c.citation.pasal == pasal]


def addressed_roles(g: GuidelineSource, rec: Recommendation) -> list[str]:
    """The roles a recommendation addresses: its `untuk`, or else every role of the guideline."""
    return list(rec.untuk) or list(g.peran)
