"""Stage 2: find every source file, validate it against its schema, and assemble the Guide.

All files are read and all problems collected before anything fails, so an editor sees every
mistake of a pull request in one run.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from panduan.diagnostics import Diagnostic, Location, Report
from panduan.law import Law, Laws
from panduan.model import Guide, Term
from panduan.schema import (
    SLUG_PATTERN,
    CompetencyRegistry,
    GuidelineSource,
    LawSource,
    RoleRegistry,
    ServiceRegistry,
    Source,
    TaskKindRegistry,
    TermSource,
    TopicRegistry,
    validate,
)
from panduan.sources import SourceFile, load_source

GUIDELINES_DIR = "guidelines"
GLOSSARY_DIR = "glossary"
LAW_DIR = "law"
REGISTRY_DIR = "registry"

REGISTRIES: dict[str, tuple[type[Source], str, str]] = {
    # file name: (schema, list field, Guide attribute)
    "topik.yaml": (TopicRegistry, "topik", "topics"),
    "peran.yaml": (RoleRegistry, "peran", "roles"),
    "layanan.yaml": (ServiceRegistry, "layanan", "services"),
    "jenis-tugas.yaml": (TaskKindRegistry, "jenis_tugas", "task_kinds"),
    "kompetensi.yaml": (CompetencyRegistry, "kompetensi", "competencies"),
}
OPTIONAL_REGISTRIES = {"layanan.yaml", "jenis-tugas.yaml", "kompetensi.yaml"}


def source_dirs(root: Path) -> list[Path]:
    """Folders whose changes must trigger a rebuild (used by `mkdocs serve`)."""
    return [root / d for d in (GUIDELINES_DIR, GLOSSARY_DIR, LAW_DIR, REGISTRY_DIR)]


def load_guide(root: Path) -> tuple[Guide, Report]:
    """Load and validate all sources under `root`; never raises on bad input."""
    guide, report = Guide(root=root), Report()
    _load_registries(guide, report)
    _load_laws(guide, report)
    _load_terms(guide, report)
    _load_guidelines(guide, report)
    return guide, report


def _load(path: Path, root: Path, model: type[Source], report: Report) -> Any:
    loaded = load_source(path, root)
    if isinstance(loaded, Diagnostic):
        report.add(loaded)
        return None
    obj, problems = validate(model, loaded)
    report.extend(problems)
    return obj


def _files(folder: Path, pattern: str) -> list[Path]:
    # README files document a folder for editors; they are not sources.
    return sorted(
        p for p in folder.glob(pattern) if p.is_file() and not p.name.startswith(("_", ".")) and p.name != "README.md"
    )


def _load_registries(guide: Guide, report: Report) -> None:
    folder = guide.root / REGISTRY_DIR
    for name, (model, list_field, attr) in REGISTRIES.items():
        path = folder / name
        if not path.exists():
            if name not in OPTIONAL_REGISTRIES:
                report.error(
                    "missing-registry",
                    f"registri `{REGISTRY_DIR}/{name}` tidak ditemukan.",
                    Location(f"{REGISTRY_DIR}/{name}"),
                    hint="Berkas ini wajib ada; lihat CONTRIBUTING.md.",
                )
            continue
        registry = _load(path, guide.root, model, report)
        if registry is None:
            continue
        target = getattr(guide, attr)
        for item in getattr(registry, list_field):
            if item.id in target:
                report.error(
                    "duplicate-id",
                    f"id `{item.id}` ditulis dua kali di `{REGISTRY_DIR}/{name}`.",
                    item.loc("id"),
                    target[item.id].loc("id"),
                )
                continue
            target[item.id] = item


def _load_laws(guide: Guide, report: Report) -> None:
    laws = []
    for path in _files(guide.root / LAW_DIR, "*.yaml"):
        source = _load(path, guide.root, LawSource, report)
        if source is None:
            continue
        problems = check_law_structure(source)
        report.extend(problems)
        if not problems:
            laws.append(Law(source))
    guide.laws = Laws(laws)


def check_law_structure(source: LawSource) -> list[Diagnostic]:
    """The dataset must be whole: contiguous Pasal, contiguous BAB ranges covering each once."""
    out: list[Diagnostic] = []
    numbers = [p.nomor for p in source.pasal]
    expected = list(range(1, len(numbers) + 1))
    if numbers != expected:
        bad = next(p for p, e in zip(source.pasal, expected) if p.nomor != e)
        out.append(
            Diagnostic(
                "law-numbering",
                f"nomor pasal tidak berurutan: ditemukan Pasal {bad.nomor}, seharusnya Pasal "
                f"{expected[numbers.index(bad.nomor)]}.",
                (bad.loc("nomor"),),
            )
        )
    position = 1
    for bab in source.bab:
        if bab.first != position or bab.last < bab.first:
            out.append(
                Diagnostic(
                    "law-chapters",
                    f"BAB {bab.nomor} mencakup Pasal {bab.pasal}, seharusnya dimulai dari Pasal {position}.",
                    (bab.loc("pasal"),),
                )
            )
        for part in bab.bagian:
            if not bab.first <= part.first <= part.last <= bab.last:
                out.append(
                    Diagnostic(
                        "law-chapters",
                        f"Bagian {part.nomor} BAB {bab.nomor} (Pasal {part.pasal}) keluar dari rentang BAB.",
                        (part.loc("pasal"),),
                    )
                )
        position = bab.last + 1
    if source.bab and position - 1 != len(numbers):
        out.append(
            Diagnostic(
                "law-chapters",
                f"BAB terakhir berakhir di Pasal {position - 1}, padahal ada {len(numbers)} pasal.",
                (source.bab[-1].loc("pasal"),),
            )
        )
    return out


def _load_terms(guide: Guide, report: Report) -> None:
    for path in _files(guide.root / GLOSSARY_DIR, "*.yaml"):
        term_id = path.stem
        if not re.match(SLUG_PATTERN, term_id):
            report.error(
                "invalid-id",
                f"nama berkas istilah `{path.name}` tidak sah; nama berkas menjadi id istilah.",
                Location(f"{GLOSSARY_DIR}/{path.name}"),
                hint="Gunakan huruf kecil, angka, dan tanda hubung, misalnya `surat-tanda-registrasi.yaml`.",
            )
            continue
        source = _load(path, guide.root, TermSource, report)
        if source is not None:
            guide.terms[term_id] = Term(term_id, source)


def _load_guidelines(guide: Guide, report: Report) -> None:
    order = {topic: i for i, topic in enumerate(guide.topics)}
    loaded: list[tuple[SourceFile, GuidelineSource]] = []
    for path in _files(guide.root / GUIDELINES_DIR, "**/*.md"):
        source = _load(path, guide.root, GuidelineSource, report)
        if source is not None:
            loaded.append((source.file, source))
    loaded.sort(key=lambda item: (order.get(item[1].topik, len(order)), item[0].path))
    for file, source in loaded:
        other = guide.guidelines.get(source.id)
        if other is not None:
            report.error(
                "duplicate-id",
                f"id pedoman `{source.id}` sudah dipakai oleh `{other.file.path}`.",
                source.loc("id"),
                other.loc("id"),
                hint="Setiap pedoman harus memiliki id yang unik; ganti salah satunya.",
            )
            continue
        guide.guidelines[source.id] = source
