"""Stage 2: find every source file, validate it against its schema, and assemble the Guide.

All files are read and all problems collected before anything fails, so an editor sees every
mistake of a pull request in one run.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from panduan.diagnostics import Diagnostic, Location, Report, suggestion
from panduan.law import Law, Laws, law_key
from panduan.model import Guide, Term
from panduan.schema import (
    SLUG_PATTERN,
    CompetencyRegistry,
    EditionRegistry,
    GuidelineSource,
    LawSource,
    Pasal,
    Point,
    RoleRegistry,
    ServiceRegistry,
    SituationRegistry,
    Source,
    StageRegistry,
    TaskKindRegistry,
    TeamRegistry,
    TermSource,
    TopicRegistry,
    validate,
)
from panduan.sources import SourceFile, load_source

GUIDELINES_DIR = "guidelines"
GLOSSARY_DIR = "glossary"
LAW_DIR = "law"
REGISTRY_DIR = "registry"
REGIONS_DIR = "wilayah"  # one folder per region: its services and its overlays (overlays.py)

REGISTRIES: dict[str, tuple[type[Source], str, str]] = {
    # file name: (schema, list field, Guide attribute)
    "topik.yaml": (TopicRegistry, "topik", "topics"),
    "peran.yaml": (RoleRegistry, "peran", "roles"),
    "layanan.yaml": (ServiceRegistry, "layanan", "services"),
    "jenis-tugas.yaml": (TaskKindRegistry, "jenis_tugas", "task_kinds"),
    "kompetensi.yaml": (CompetencyRegistry, "kompetensi", "competencies"),
    "tahap-praktik.yaml": (StageRegistry, "tahap", "stages"),
    "tim-penyunting.yaml": (TeamRegistry, "tim", "teams"),
    "edisi.yaml": (EditionRegistry, "edisi", "editions"),
    "situasi.yaml": (SituationRegistry, "situasi", "situations"),
}
OPTIONAL_REGISTRIES = {
    "layanan.yaml",
    "jenis-tugas.yaml",
    "kompetensi.yaml",
    "tahap-praktik.yaml",
    "tim-penyunting.yaml",
    "edisi.yaml",
    "situasi.yaml",
}


def source_dirs(root: Path) -> list[Path]:
    """Folders whose changes must trigger a rebuild (used by `mkdocs serve`)."""
    return [root / d for d in (GUIDELINES_DIR, GLOSSARY_DIR, LAW_DIR, REGISTRY_DIR, REGIONS_DIR)]


def load_guide(root: Path) -> tuple[Guide, Report]:
    """Load and validate all sources under `root`; never raises on bad input."""
    guide, report = Guide(root=root), Report()
    _load_registries(guide, report)
    _load_laws(guide, report)
    _load_terms(guide, report)
    _load_guidelines(guide, report)
    from panduan.overlays import load_regional  # imports this module's helpers

    load_regional(guide, report)
    return guide, report


def load_validated(path: Path, root: Path, model: type[Source]) -> tuple[Any, list[Diagnostic]]:
    """A source file read safely and validated against `model`: (the object or None, problems)."""
    loaded = load_source(path, root)
    if isinstance(loaded, Diagnostic):
        return None, [loaded]
    return validate(model, loaded)


def _load(path: Path, root: Path, model: type[Source], report: Report) -> Any:
    obj, problems = load_validated(path, root, model)
    report.extend(problems)
    return obj


def _files(folder: Path, pattern: str) -> list[Path]:
    """Every path under `folder` named like a source (`*.md`, or `**/*.md` for nested folders).

    Folders, FIFOs, devices and symlinks named like a source are returned too, so that loading
    reports them instead of skipping them silently. Symlinked folders are not entered.
    """
    recursive = pattern.startswith("**/")
    name_pattern = pattern.rsplit("/", 1)[-1]
    found: list[Path] = []
    if not folder.is_dir():
        return found
    for current, dirs, names in os.walk(folder, followlinks=False):
        here = Path(current)
        for name in [*dirs, *names]:
            path = here / name
            wanted = fnmatch.fnmatchcase(name, name_pattern) or (name in dirs and path.is_symlink())
            # README files document a folder for editors; they are not sources.
            if wanted and not name.startswith(("_", ".")) and name != "README.md":
                found.append(path)
        dirs[:] = [d for d in dirs if recursive and not d.startswith(".")]
    return sorted(found)


def _load_registries(guide: Guide, report: Report) -> None:
    folder = guide.root / REGISTRY_DIR
    for name, (model, list_field, attr) in REGISTRIES.items():
        path = folder / name
        if not path.exists():
            if name not in OPTIONAL_REGISTRIES:
                where = Location(f"{REGISTRY_DIR}/{name}")
                report.error(
                    "missing-registry",
                    f"registri `{where.path}` tidak ditemukan.",
                    where,
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
    laws: list[Law] = []
    claimed: dict[str, Law] = {}
    for path in _files(guide.root / LAW_DIR, "*.yaml"):
        source = _load(path, guide.root, LawSource, report)
        if source is None:
            continue
        problems = check_law_structure(source)
        report.extend(problems)
        if problems:
            continue
        law = Law(source)
        clash = next((claimed[k] for k in (law.key, *law.aliases) if k in claimed), None)
        if clash is not None:
            report.error(
                "duplicate-id",
                f"kode `{law.kode}` (atau aliasnya) sudah dipakai oleh `{clash.source.file.path}`.",
                source.loc("kode"),
                clash.source.loc("kode"),
                hint="Setiap peraturan punya satu berkas dengan kode dan alias yang unik.",
            )
            continue
        claimed.update(dict.fromkeys((law.key, *law.aliases), law))
        laws.append(law)
    # Oldest first, as a statute book lists them; the file names need not sort that way.
    laws.sort(key=lambda law: (law.source.tahun, law.source.nomor.zfill(4), law.kode))
    guide.laws = Laws(laws)


def check_law_structure(source: LawSource) -> list[Diagnostic]:
    """The dataset must be whole: every Pasal once and in order, BAB ranges covering each once,
    and every addressee and amending law it names declared in the same file."""
    return [*_check_numbering(source), *_check_chapters(source), *_check_declarations(source)]


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _pasal_number(nomor: str) -> tuple[int, str]:
    """`59A` → (59, "A"); `II` → (2, "")."""
    digits = re.match(r"\d+", nomor)
    if digits:
        return int(digits.group()), nomor[digits.end() :]
    values = [_ROMAN[c] for c in nomor]
    return sum(-v if v < w else v for v, w in zip(values, [*values[1:], 0], strict=False)), ""


def _check_numbering(source: LawSource) -> Iterator[Diagnostic]:
    seen: dict[str, Pasal] = {}
    previous: tuple[int, str] = (0, "")
    for pasal in source.pasal:
        number = _pasal_number(pasal.nomor)
        if pasal.nomor in seen:
            yield Diagnostic(
                "law-numbering",
                f"Pasal {pasal.nomor} ditulis dua kali.",
                (pasal.loc("nomor"), seen[pasal.nomor].loc("nomor")),
            )
            continue
        seen[pasal.nomor] = pasal
        expected = previous[0] + 1
        if number <= previous or (not number[1] and number[0] != expected):
            yield Diagnostic(
                "law-numbering",
                f"nomor pasal tidak berurutan: ditemukan Pasal {pasal.nomor} sesudah Pasal "
                f"{source.pasal[len(seen) - 2].nomor if len(seen) > 1 else '(awal)'}.",
                (pasal.loc("nomor"),),
                "Setiap pasal harus dicatat tepat satu kali, berurutan; pasal sisipan (misalnya 59A) "
                "diletakkan sesudah pasal induknya.",
            )
        previous = max(previous, number)


def _check_chapters(source: LawSource) -> Iterator[Diagnostic]:
    position = {p.nomor: i for i, p in enumerate(source.pasal)}
    expected = 0
    for bab in source.bab:
        first, last = position.get(bab.first.upper()), position.get(bab.last.upper())
        if first is None or last is None:
            yield Diagnostic(
                "law-chapters", f"BAB {bab.nomor} menyebut pasal yang tidak ada ({bab.pasal}).", (bab.loc("pasal"),)
            )
            return
        if first != expected or last < first:
            start = source.pasal[expected].nomor if expected < len(source.pasal) else "-"
            yield Diagnostic(
                "law-chapters",
                f"BAB {bab.nomor} mencakup Pasal {bab.pasal}, seharusnya dimulai dari Pasal {start}.",
                (bab.loc("pasal"),),
            )
        for part in bab.bagian:
            a, b = position.get(part.first.upper()), position.get(part.last.upper())
            if a is None or b is None or not first <= a <= b <= last:
                yield Diagnostic(
                    "law-chapters",
                    f"Bagian {part.nomor} BAB {bab.nomor} (Pasal {part.pasal}) keluar dari rentang BAB.",
                    (part.loc("pasal"),),
                )
        expected = last + 1
    if source.bab and expected != len(source.pasal):
        yield Diagnostic(
            "law-chapters",
            f"BAB terakhir berakhir di Pasal {source.pasal[expected - 1].nomor}, padahal pasal terakhir adalah "
            f"Pasal {source.pasal[-1].nomor}.",
            (source.bab[-1].loc("pasal"),),
        )


def _check_declarations(source: LawSource) -> Iterator[Diagnostic]:
    declared = {a.id for a in source.adresat}
    amending = {law_key(a.kode) for a in source.diubah_oleh}
    for pasal in source.pasal:
        for field in ("diubah", "disisipkan", "dihapus"):
            value = getattr(pasal, field)
            if value and law_key(value) not in amending:
                yield Diagnostic(
                    "law-amendment",
                    f"Pasal {pasal.nomor} menyebut `{field}: {value}`, tetapi {value} tidak ada di `diubah_oleh`.",
                    (pasal.loc(field),),
                    "Catat peraturan pengubahnya di `diubah_oleh` beserta catatannya.",
                )
        for unit in _units(pasal):
            for _i, binding in enumerate(unit.mengikat):
                for j, subject in enumerate(binding.subjek):
                    if subject not in declared:
                        yield Diagnostic(
                            "unknown-addressee",
                            f"adresat `{subject}` belum dinyatakan di daftar `adresat` peraturan ini.",
                            (binding.loc("subjek", j),),
                            suggestion(subject, declared) + " Tambahkan ke `adresat` dengan definisinya.",
                        )


def _units(unit: Point) -> Iterator[Point]:
    yield unit
    for value in (getattr(unit, "ayat", 0), unit.huruf, unit.angka, getattr(unit, "asli", None)):
        if isinstance(value, list):
            for child in value:
                yield from _units(child)
        elif isinstance(value, Point):
            yield from _units(value)


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
    for _file, source in loaded:
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
