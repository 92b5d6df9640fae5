"""The source formats as pydantic models, and the translation of their errors into Indonesian.

These models are the single definition of what editors may write: validation, the typed model the
rest of the pipeline reads, and the published JSON Schema (`panduan schema`) all come from them.
Field names are the Indonesian names editors type; that vocabulary is the domain's own.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    ValidationError,
    model_validator,
)
from pydantic_core import PydanticCustomError

from panduan.diagnostics import Diagnostic, Location, suggestion
from panduan.sources import SourceFile

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(strip_whitespace=True, pattern=SLUG_PATTERN)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Date = dt.date

STATUSES = ("draf", "berlaku", "dicabut")
STRENGTHS = ("wajib", "dianjurkan", "pertimbangkan")
HANDOFF_KINDS = ("rujuk", "lapor", "konsultasi")
COMPETENCY_GROUPS = ("pengetahuan", "keterampilan", "nilai")
VERIFICATION = ("dua-sumber", "satu-sumber")

# Allowed values per field name, for the "maksud Anda …?" hint on a literal error.
CHOICES: dict[str, tuple[str, ...]] = {
    "status": STATUSES,
    "kekuatan": STRENGTHS,
    "jenis": HANDOFF_KINDS,
    "kelompok": COMPETENCY_GROUPS,
    "verifikasi": VERIFICATION,
}


class Source(BaseModel):
    """Base of every source model: unknown fields are errors, and the file travels along."""

    model_config = ConfigDict(extra="forbid", frozen=False)
    _file: SourceFile | None = PrivateAttr(default=None)
    _path: tuple[str | int, ...] = PrivateAttr(default=())

    def located(self, file: SourceFile, path: tuple[str | int, ...] = ()) -> Any:
        self._file, self._path = file, path
        return self

    @property
    def file(self) -> SourceFile:
        if self._file is None:  # pragma: no cover - programming error, not editor input
            raise RuntimeError(f"{type(self).__name__} was not attached to its source file")
        return self._file

    def loc(self, *subpath: str | int, key: bool = False) -> Location:
        """Where this object (or one of its fields) was written."""
        return self.file.location((*self._path, *subpath), key=key)


# ---------------------------------------------------------------------------------------------
# Guidelines


class Recommendation(Source):
    id: Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z0-9-]+$")]
    kekuatan: Literal["wajib", "dianjurkan", "pertimbangkan"]
    teks: Text
    dasar_hukum: list[Text] = Field(default_factory=list)


class Step(Source):
    peran: Slug
    teks: Text


class Task(Source):
    id: Slug
    nama: Text
    jenis: Slug | None = None
    pelaksana: Annotated[list[Slug], Field(min_length=1)]
    # A list is accepted here only so that "two accountable roles" gets its own RACI message
    # (checks.py) instead of a generic type error.
    penanggung_jawab: Slug | list[Slug]
    dikonsultasikan: list[Slug] = Field(default_factory=list)
    diinformasikan: list[Slug] = Field(default_factory=list)

    @property
    def accountable(self) -> list[str]:
        value = self.penanggung_jawab
        return [value] if isinstance(value, str) else list(value)

    def assignment(self) -> tuple[Any, ...]:
        """Everything that must agree when two guidelines describe the same task."""
        return (
            self.nama,
            self.jenis,
            tuple(sorted(self.pelaksana)),
            tuple(sorted(self.accountable)),
            tuple(sorted(self.dikonsultasikan)),
            tuple(sorted(self.diinformasikan)),
        )


class Handoff(Source):
    dari: Slug
    ke: Slug
    jenis: Literal["rujuk", "lapor", "konsultasi"]
    kapan: Text


class LocalNote(Source):
    wilayah: Text
    teks: Text


class GuidelineSource(Source):
    id: Slug
    judul: Text
    ringkasan: Text
    topik: Slug
    peran: Annotated[list[Slug], Field(min_length=1)]
    status: Literal["draf", "berlaku", "dicabut"]
    versi: Text
    berlaku_sejak: Date
    tinjau_ulang: Date
    dasar_hukum: list[Text] = Field(default_factory=list)
    rekomendasi: Annotated[list[Recommendation], Field(min_length=1)]
    langkah: Annotated[list[Step], Field(min_length=1)]
    tugas: list[Task] = Field(default_factory=list)
    rujukan: list[Handoff] = Field(default_factory=list)
    kompetensi: list[Slug] = Field(default_factory=list)
    terkait: list[Slug] = Field(default_factory=list)
    catatan_lokal: list[LocalNote] = Field(default_factory=list)
    sumber: list[Text] = Field(default_factory=list)

    @model_validator(mode="after")
    def _review_after_start(self) -> GuidelineSource:
        if self.tinjau_ulang <= self.berlaku_sejak:
            raise PydanticCustomError(
                "review_before_start",
                "`tinjau_ulang` ({review}) harus sesudah `berlaku_sejak` ({start}).",
                {"review": self.tinjau_ulang.isoformat(), "start": self.berlaku_sejak.isoformat()},
            )
        return self


# ---------------------------------------------------------------------------------------------
# Glossary


class TermSource(Source):
    istilah: Text
    singkatan: Text | None = None
    alias: list[Text] = Field(default_factory=list)
    definisi: Text
    sumber: list[Text] = Field(default_factory=list)
    lihat_juga: list[Slug] = Field(default_factory=list)
    inggris: Text | None = None


# ---------------------------------------------------------------------------------------------
# Registries


class Topic(Source):
    id: Slug
    judul: Text
    ringkasan: Text


class Role(Source):
    id: Slug
    nama: Text
    induk: Annotated[str, StringConstraints(strip_whitespace=True)] = ""
    deskripsi: Text
    status_hukum: Text
    dasar_hukum: list[Text] = Field(default_factory=list)
    regulasi: list[Text] = Field(default_factory=list)
    boleh: list[Text] = Field(default_factory=list)
    tidak_boleh_teks: list[Text] = Field(default_factory=list)
    tidak_boleh: list[Slug] = Field(default_factory=list)
    cara_sertifikasi: str = ""


class Service(Source):
    id: Slug
    nama: Text
    deskripsi: Text
    sumber: list[Text] = Field(default_factory=list)
    dasar_hukum: list[Text] = Field(default_factory=list)


class TaskKind(Source):
    id: Slug
    nama: Text
    deskripsi: Text
    dasar_hukum: list[Text] = Field(default_factory=list)


class Competency(Source):
    id: Slug
    nama: Text
    kelompok: Literal["pengetahuan", "keterampilan", "nilai"]
    deskripsi: Text
    peran: list[Slug] = Field(default_factory=list)


class TopicRegistry(Source):
    topik: Annotated[list[Topic], Field(min_length=1)]


class RoleRegistry(Source):
    peran: Annotated[list[Role], Field(min_length=1)]


class ServiceRegistry(Source):
    layanan: list[Service] = Field(default_factory=list)


class TaskKindRegistry(Source):
    jenis_tugas: list[TaskKind] = Field(default_factory=list)


class CompetencyRegistry(Source):
    kompetensi: list[Competency] = Field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Law

_RANGE = re.compile(r"^\s*(\d+)\s*-\s*(\d+)\s*$")


class PasalRange(Source):
    nomor: Text
    judul: Text
    pasal: Annotated[str, StringConstraints(pattern=r"^\s*\d+\s*-\s*\d+\s*$")]

    @property
    def first(self) -> int:
        return int(_RANGE.match(self.pasal).group(1))  # type: ignore[union-attr]

    @property
    def last(self) -> int:
        return int(_RANGE.match(self.pasal).group(2))  # type: ignore[union-attr]


class Bagian(PasalRange):
    pass


class Bab(PasalRange):
    bagian: list[Bagian] = Field(default_factory=list)


class Pasal(Source):
    nomor: int
    ayat: Annotated[int, Field(ge=0)] = 0
    huruf: Annotated[int, Field(ge=0, le=26)] = 0
    angka: Annotated[int, Field(ge=0)] = 0
    ringkasan: Text
    verifikasi: Literal["dua-sumber", "satu-sumber"]


class LawSource(Source):
    kode: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9]+$")]
    jenis: Text
    nomor: Text
    tahun: Text
    judul: Text
    singkatan: Text
    disahkan: Date
    diundangkan: Date
    mulai_berlaku: Date
    lembaran_negara: Text
    tambahan_lembaran_negara: Text
    tautan_resmi: Text
    catatan_tautan: str = ""
    bab: Annotated[list[Bab], Field(min_length=1)]
    pasal: Annotated[list[Pasal], Field(min_length=1)]


# ---------------------------------------------------------------------------------------------
# Validation with Indonesian diagnostics


def validate(model: type[Source], file: SourceFile) -> tuple[Any, list[Diagnostic]]:
    """Validate a loaded file against `model`; return (object or None, diagnostics)."""
    try:
        obj = model.model_validate(file.doc.data)
    except ValidationError as exc:
        return None, [_diagnostic(model, file, err) for err in exc.errors(include_url=False)]
    _attach(obj, file, ())
    return obj, []


def _attach(obj: Any, file: SourceFile, path: tuple[str | int, ...]) -> None:
    """Give every nested source object its file and path, so later stages can point at it."""
    if isinstance(obj, Source):
        obj.located(file, path)
        for name in type(obj).model_fields:
            _attach(getattr(obj, name), file, (*path, name))
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            _attach(item, file, (*path, i))


def _field_name(loc: tuple[Any, ...]) -> str:
    names = [str(p) for p in loc if isinstance(p, str)]
    return names[-1] if names else ""


def _dotted(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(berkas)"


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names allowed at `loc` (walks nested models and lists)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if hasattr(current, "model_fields") else None
        if field is None:
            return []
        current = _model_of(field.annotation)
        if current is None:
            return []
    return list(current.model_fields) if hasattr(current, "model_fields") else []


def _model_of(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_of(arg)
        if found:
            return found
    meta = getattr(annotation, "__origin__", None)
    return _model_of(meta) if meta and meta is not annotation else None


def _diagnostic(model: type[Source], file: SourceFile, err: dict[str, Any]) -> Diagnostic:
    loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and "[" in p))
    # pydantic appends the union member ("str", "list[...]") to loc; drop those tails.
    loc = tuple(p for p in loc if not (isinstance(p, str) and p in {"str", "function-after"}))
    field = _field_name(loc)
    where = _dotted(loc)
    kind = err["type"]
    value = err.get("input")
    code, message, hint = "invalid-value", f"nilai `{where}` tidak valid.", ""
    location = file.location(loc)

    if kind == "missing":
        code, message = "missing-field", f"kolom wajib `{where}` tidak ada."
        hint = "Tambahkan kolom ini; lihat contoh di CONTRIBUTING.md atau `panduan new`."
        location = file.location(loc[:-1])
    elif kind == "extra_forbidden":
        code, message = "unknown-field", f"kolom `{where}` tidak dikenal."
        hint = suggestion(str(loc[-1]), _fields_at(model, loc[:-1]))
        location = file.location(loc, key=True)
    elif value is None and kind in {"string_type", "list_type", "date_type", "int_type"}:
        code, message = "empty-field", f"kolom `{where}` kosong."
        hint = "Isi nilainya atau hapus kolomnya jika tidak wajib."
    elif kind == "string_pattern_mismatch" and err.get("ctx", {}).get("pattern") == SLUG_PATTERN:
        code = "invalid-id"
        message = f"`{where}` bernilai `{value}`, padahal hanya boleh huruf kecil a–z, angka, dan tanda hubung."
        hint = "Contoh yang benar: `kerahasiaan-data-klien` (tanpa spasi, `/`, atau `..`)."
    elif kind == "string_pattern_mismatch":
        code, message = "invalid-format", f"`{where}` bernilai `{value}` dengan format yang tidak sah."
    elif kind == "string_too_short":
        code, message = "empty-field", f"kolom `{where}` tidak boleh kosong."
    elif kind == "too_short":
        code, message = "empty-list", f"`{where}` harus berisi paling sedikit satu butir."
    elif kind == "literal_error":
        code, message = "invalid-choice", f"nilai `{value}` tidak diizinkan untuk `{where}`."
        hint = suggestion(str(value), CHOICES.get(field, ()))
    elif kind.startswith("date"):
        code = "invalid-date"
        message = f"`{where}` bernilai `{value}`, bukan tanggal yang ada."
        hint = "Tulis tanggal sebagai TTTT-BB-HH, misalnya `2026-12-01`."
    elif kind in {"list_type"}:
        code, message = "wrong-type", f"`{where}` harus berupa daftar, bukan satu nilai."
        hint = f"Tulis sebagai daftar, misalnya `{field}: [{value}]`." if isinstance(value, str) else ""
    elif kind in {"string_type"}:
        code, message = "wrong-type", f"`{where}` harus berupa teks, bukan daftar atau kolom bertingkat."
    elif kind in {"model_type", "model_attributes_type", "dict_type"}:
        code, message = "wrong-type", f"`{where}` harus berupa pasangan `kolom: nilai`."
    elif kind in {"int_parsing", "int_type"}:
        code, message = "wrong-type", f"`{where}` harus berupa bilangan bulat."
    elif kind in {"greater_than_equal", "less_than_equal"}:
        code, message = "out-of-range", f"`{where}` bernilai `{value}`, di luar rentang yang diizinkan."
    elif kind == "review_before_start":
        code, message = "review-before-start", err["msg"]
        hint = "Tanggal tinjau ulang harus jatuh setelah tanggal mulai berlaku."
        location = file.location(("tinjau_ulang",))
    return Diagnostic(code, message, (location,), hint)


def json_schema() -> dict[str, Any]:
    """JSON Schema of the guideline front matter, for editors' autocompletion."""
    schema = GuidelineSource.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Pedoman Panduan Praktik (front matter)"
    return schema
