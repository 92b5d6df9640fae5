"""The source formats as pydantic models, and the translation of their errors into Indonesian.

These models are the single definition of what editors may write: validation, the typed model the
rest of the pipeline reads, and the published JSON Schema (`panduan schema`) all come from them.
Field names are the Indonesian names editors type; that vocabulary is the domain's own.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
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
from pydantic_core import ErrorDetails, PydanticCustomError

from panduan.diagnostics import Diagnostic, Location, suggestion
from panduan.sources import SourceFile

SCHEMA_PATH = "schema/pedoman.schema.json"  # where the site publishes it, so editors' editors can validate
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
VERSION_PATTERN = r"^\d+(?:\.\d+)*$"  # "1.0", "1.2", "2.0.1": compared number by number
EDITION_PATTERN = r"^\d{4}\.\d+$"  # "2026.1": year and number of the edition in that year
RECOMMENDATION_ID = r"^[A-Za-z0-9-]+$"
Slug = Annotated[str, StringConstraints(strip_whitespace=True, pattern=SLUG_PATTERN)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Date = dt.date
Version = Annotated[str, StringConstraints(strip_whitespace=True, pattern=VERSION_PATTERN)]
RecommendationId = Annotated[str, StringConstraints(strip_whitespace=True, pattern=RECOMMENDATION_ID)]

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

    # The two private attributes are read and written through `__pydantic_private__` directly:
    # pydantic's own route (`__getattr__` after a failed lookup) made every `loc()` of a large
    # guide's checks cost about a second in all.

    def located(self, file: SourceFile, path: tuple[str | int, ...] = ()) -> Any:
        private = self.__pydantic_private__
        assert private is not None  # pydantic sets it on every model that declares private attributes
        private["_file"], private["_path"] = file, path
        return self

    @property
    def file(self) -> SourceFile:
        file: SourceFile | None = (self.__pydantic_private__ or {}).get("_file")
        if file is None:  # pragma: no cover - programming error, not editor input
            raise RuntimeError(f"{type(self).__name__} was not attached to its source file")
        return file

    def loc(self, *subpath: str | int, key: bool = False) -> Location:
        """Where this object (or one of its fields) was written."""
        path: tuple[str | int, ...] = (self.__pydantic_private__ or {}).get("_path", ())
        return self.file.location((*path, *subpath), key=key)


# ---------------------------------------------------------------------------------------------
# Guidelines


class Recommendation(Source):
    id: RecommendationId
    kekuatan: Literal["wajib", "dianjurkan", "pertimbangkan"]
    teks: Text
    dasar_hukum: list[Text] = Field(default_factory=list)
    # The roles this recommendation addresses; empty means the guideline's `peran`.
    untuk: list[Slug] = Field(default_factory=list)


class Step(Source):
    peran: Slug
    teks: Text


class NotDuplicate(Source):
    """A reviewed answer to a near-duplicate warning: this task is not the same as `tugas`."""

    tugas: Slug
    alasan: Text
    ditelaah: Date


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
    # Tasks with a similar name that editors reviewed and found different (search/duplicates.py).
    bukan_duplikat_dari: list[NotDuplicate] = Field(default_factory=list)

    @property
    def accountable(self) -> list[str]:
        value = self.penanggung_jawab
        return [value] if isinstance(value, str) else list(value)

    def raci(self) -> Iterator[tuple[str, str, tuple[str | int, ...]]]:
        """(role, RACI letter, path of the role inside the task) for every role the task names,
        in R, A, C, I order. The one place that says which field is which letter."""
        for i, role in enumerate(self.pelaksana):
            yield role, "R", ("pelaksana", i)
        if isinstance(self.penanggung_jawab, str):
            yield self.penanggung_jawab, "A", ("penanggung_jawab",)
        else:
            for i, role in enumerate(self.penanggung_jawab):
                yield role, "A", ("penanggung_jawab", i)
        for i, role in enumerate(self.dikonsultasikan):
            yield role, "C", ("dikonsultasikan", i)
        for i, role in enumerate(self.diinformasikan):
            yield role, "I", ("diinformasikan", i)

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


class ChangeEntry(Source):
    """One entry of a guideline's change history (`riwayat`), oldest first; the last one is the
    current version. `rekomendasi` names the recommendations the change touched."""

    versi: Version
    tanggal: Date
    perubahan: Text
    alasan: Text
    rekomendasi: list[RecommendationId] = Field(default_factory=list)


class WithdrawnRecommendation(Source):
    """A recommendation id that no longer applies. Ids are never reused, so an old printed
    reference ("kerahasiaan-klien R2") still leads to this explanation."""

    id: RecommendationId
    alasan: Text
    sejak: Version  # the `riwayat` version that withdrew it


# ---------------------------------------------------------------------------------------------
# Training material (`latihan`): written by editors, checked by latihan.py, printed as module handouts

TRUE_FALSE = ("benar", "salah")
OPTION_LETTERS = "abcdefgh"


class Objective(Source):
    """A learning objective ("Peserta mampu …"), tied to competencies of registry/kompetensi.yaml."""

    teks: Text
    kompetensi: Annotated[list[Slug], Field(min_length=1)]


class Question(Source):
    """A multiple-choice question (with `pilihan`, answered by a letter) or a true/false statement
    (without `pilihan`, answered `benar` or `salah`). `dasar` is the id of the guideline's own
    recommendation that justifies the answer; `penjelasan` is the trainer's explanation."""

    pertanyaan: Text
    pilihan: list[Text] = Field(default_factory=list)
    jawaban: Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, min_length=1)]
    dasar: RecommendationId
    penjelasan: Text | None = None

    @property
    def true_false(self) -> bool:
        return not self.pilihan


class Exercise(Source):
    """A guideline's `latihan`: objectives, discussion questions about its fictional case (the
    body's "Contoh kasus (fiktif)" section) and questions with answers."""

    tujuan: Annotated[list[Objective], Field(min_length=1)]
    diskusi: Annotated[list[Text], Field(min_length=1)]
    soal: Annotated[list[Question], Field(min_length=1)]


class GuidelineSource(Source):
    id: Slug
    judul: Text
    ringkasan: Text
    topik: Slug
    peran: Annotated[list[Slug], Field(min_length=1)]
    status: Literal["draf", "berlaku", "dicabut"]
    versi: Version
    berlaku_sejak: Date
    tinjau_ulang: Date
    # The editor team that keeps this guideline current (id from registry/tim-penyunting.yaml).
    pemilik: Slug | None = None
    dasar_hukum: list[Text] = Field(default_factory=list)
    rekomendasi: Annotated[list[Recommendation], Field(min_length=1)]
    langkah: Annotated[list[Step], Field(min_length=1)]
    tugas: list[Task] = Field(default_factory=list)
    rujukan: list[Handoff] = Field(default_factory=list)
    kompetensi: list[Slug] = Field(default_factory=list)
    terkait: list[Slug] = Field(default_factory=list)
    catatan_lokal: list[LocalNote] = Field(default_factory=list)
    sumber: list[Text] = Field(default_factory=list)
    # Words people search with that the text does not use (indexed by search, never shown);
    # shared synonyms belong in registry/kosakata.yaml instead.
    kata_kunci: list[Text] = Field(default_factory=list)
    rekomendasi_dicabut: list[WithdrawnRecommendation] = Field(default_factory=list)
    riwayat: Annotated[list[ChangeEntry], Field(min_length=1)]
    # Training material for module handouts (`panduan pdf --modul`); see latihan.py.
    latihan: Exercise | None = None

    @property
    def withdrawn(self) -> bool:
        """A withdrawn guideline stays online as an archive, out of the nav, indexes and print."""
        return self.status == "dicabut"

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
    # The practice stage (registry/tahap-praktik.yaml) of this topic's tasks whose kind has none.
    tahap: Slug | None = None


class Role(Source):
    id: Slug
    nama: Text
    # A short name for narrow places (matrix column headers); checks.py limits its length.
    singkatan: Text | None = None
    induk: Annotated[str, StringConstraints(strip_whitespace=True)] = ""
    deskripsi: Text
    status_hukum: Text
    dasar_hukum: list[Text] = Field(default_factory=list)
    regulasi: list[Text] = Field(default_factory=list)
    boleh: list[Text] = Field(default_factory=list)
    tidak_boleh_teks: list[Text] = Field(default_factory=list)
    tidak_boleh: list[Slug] = Field(default_factory=list)
    cara_sertifikasi: str = ""
    # The classes of people a law addresses that this role falls under (ids from the `adresat`
    # lists in law/*.yaml). A `wajib` for this role must cite a duty on one of them.
    adresat: list[Slug] = Field(default_factory=list)


class _Described(Source):
    """A registry entry with a name, a description and its legal basis."""

    id: Slug
    nama: Text
    deskripsi: Text
    dasar_hukum: list[Text] = Field(default_factory=list)


class TaskKind(_Described):
    # The practice stage (registry/tahap-praktik.yaml) tasks of this kind belong to.
    tahap: Slug | None = None
    """A kind of task; roles may be barred from some (`tidak_boleh`)."""


class Service(_Described):
    """A service or body a handoff may target (not a role)."""

    sumber: list[Text] = Field(default_factory=list)


class Competency(Source):
    id: Slug
    nama: Text
    kelompok: Literal["pengetahuan", "keterampilan", "nilai"]
    deskripsi: Text
    peran: list[Slug] = Field(default_factory=list)


class Stage(Source):
    """A practice stage: the five of UU 14/2019 Pasal 16 ayat (1), plus work that runs through all
    of them (that one has no `dasar_hukum`). Role pages group a role's tasks by stage."""

    id: Slug
    nama: Text
    deskripsi: Text
    dasar_hukum: list[Text] = Field(default_factory=list)


class Team(Source):
    """An editor team: a role-based group that owns guidelines and reviews them on time."""

    id: Slug
    nama: Text
    tugas: Text
    # Topics whose new guidelines this team owns by default (`panduan new`).
    topik: list[Slug] = Field(default_factory=list)


class Edition(Source):
    """One edition of the whole guide (printed on PDFs, the offline bundle and the site)."""

    id: Annotated[str, StringConstraints(strip_whitespace=True, pattern=EDITION_PATTERN)]
    tanggal: Date
    catatan: Text


class SituationDraw(Source):
    """What one role does first in a situation, drawn from one guideline: steps by their number on
    the guideline page (`langkah-3`), handoffs by whom they go to (the handoff's `ke`). Nothing is
    retyped; checks.py makes sure every number and target exists and belongs to this role."""

    peran: Slug
    pedoman: Slug
    langkah: list[Annotated[int, Field(ge=1, le=500)]] = Field(default_factory=list)
    rujukan_ke: list[Slug] = Field(default_factory=list)


class Situation(Source):
    """A situation a worker meets suddenly ("anak dalam bahaya"), leading per role to the first
    steps and the people to contact, as the guidelines say them."""

    id: Slug
    judul: Text
    ringkasan: Text
    langkah_pertama: Annotated[list[SituationDraw], Field(min_length=1)]


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


class StageRegistry(Source):
    tahap: Annotated[list[Stage], Field(min_length=1)]


class TeamRegistry(Source):
    tim: list[Team] = Field(default_factory=list)


class EditionRegistry(Source):
    edisi: Annotated[list[Edition], Field(min_length=1)]


class SituationRegistry(Source):
    situasi: list[Situation] = Field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Law (one file per regulation; format contract in CONTRIBUTING.md, "Law data")

_RANGE = re.compile(r"^\s*(\S+?)\s*-\s*(\S+)\s*$")
PASAL_NUMBER = r"^(?:\d+[A-Z]?|[IVXLC]+)$"
BINDING_KINDS = ("kewajiban", "larangan", "hak", "pengecualian", "kewenangan")
DUTY_KINDS = frozenset({"kewajiban", "larangan"})
CHOICES["sifat"] = BINDING_KINDS
CHOICES["struktur"] = ("terverifikasi", "belum-diverifikasi")


class PasalRange(Source):
    nomor: Text
    judul: Text
    pasal: Annotated[str, StringConstraints(pattern=r"^\s*\S+?\s*-\s*\S+\s*$")]

    @property
    def first(self) -> str:
        return _RANGE.match(self.pasal).group(1)  # type: ignore[union-attr]

    @property
    def last(self) -> str:
        return _RANGE.match(self.pasal).group(2)  # type: ignore[union-attr]


class Bagian(PasalRange):
    pass


class Bab(PasalRange):
    bagian: list[Bagian] = Field(default_factory=list)


class Binding(Source):
    """Whom a provision binds or entitles, and how (a duty, a prohibition, a right, ...)."""

    subjek: Annotated[list[Slug], Field(min_length=1)]
    sifat: Literal["kewajiban", "larangan", "hak", "pengecualian", "kewenangan"]


Count = Annotated[int, Field(ge=0, le=500)]


class Point(Source):
    """An ayat, a lettered point (huruf) or a numbered point (angka); points may nest."""

    # The printed number of an ayat or angka inserted by an amendment ("1a", "15a"); the items
    # after it continue the count. Without it an item's number is its predecessor's plus one.
    nomor: Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, pattern=r"^\d+[a-z]?$")] | None = None
    huruf: Annotated[int, Field(ge=0, le=26)] | list[Point] = 0
    angka: Count | list[Point] = 0
    mengikat: list[Binding] = Field(default_factory=list)
    kutipan: Text | None = None
    salah_tafsir: list[Text] = Field(default_factory=list)
    catatan: str = ""


class Shape(Point):
    """The structure of a Pasal's wording: its ayat and points."""

    ayat: Count | list[Point] = 0


class Pasal(Shape):
    nomor: Annotated[str, StringConstraints(strip_whitespace=True, to_upper=True, pattern=PASAL_NUMBER)]
    ringkasan: Text | None = None
    verifikasi: Literal["dua-sumber", "satu-sumber"] | None = None
    diubah: Text | None = None
    disisipkan: Text | None = None
    dihapus: Text | None = None
    asli: Shape | None = None


class Addressee(Source):
    id: Slug
    nama: Text
    definisi: Text


class Amendment(Source):
    kode: Text
    catatan: str = ""


class Provenance(Source):
    repo: Text
    berkas: Text
    commit: Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[0-9a-f]{7,40}$")]
    diperiksa: Date
    catatan: str = ""


class LawSource(Source):
    kode: Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z][A-Za-z. ]*\s\d+[A-Z]?/\d{4}$")]
    alias: list[Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z0-9]+$")]] = Field(
        default_factory=list
    )
    jenis: Text
    nomor: Text
    tahun: Text
    judul: Text
    singkatan: Text
    # Where the official text is (a generic URL unless verified), and a note on it.
    tautan_resmi: Text
    catatan_tautan: str = ""
    # Read from the text itself (signature block, gazette numbers); omit what cannot be read.
    disahkan: Date | None = None
    diundangkan: Date | None = None
    mulai_berlaku: Date | None = None
    lembaran_negara: Text | None = None
    tambahan_lembaran_negara: Text | None = None
    sumber: Provenance
    struktur: Literal["terverifikasi", "belum-diverifikasi"] = "terverifikasi"
    diubah_oleh: list[Amendment] = Field(default_factory=list)
    mengubah: list[Text] = Field(default_factory=list)
    adresat: list[Addressee] = Field(default_factory=list)
    bab: list[Bab] = Field(default_factory=list)
    pasal: Annotated[list[Pasal], Field(min_length=1)]


# ---------------------------------------------------------------------------------------------
# Prose: which text fields are Markdown for readers, and which may hold legal citations


@dataclass(frozen=True)
class Prose:
    """A text field the link stage cuts into linked text: plain text, code, HTML and links, plus
    glossary terms where `terms` is true (they count as uses of the term in the guideline, the
    glossary's "Dipakai di", and pages may link them) and inline citations `[[UU14 Pasal 42]]`
    where `citations` is true (elsewhere one is an error). Every output formats those segments;
    none reads the field's raw text for terms or citations again."""

    terms: bool = False
    citations: bool = False


@dataclass(frozen=True)
class CitationList:
    """A list field whose items are citations (`dasar_hukum`); with `free_text`, items that do not
    look like a citation ("Permensos 15/2018") are plain text."""

    free_text: bool = False


BODY = "isi"  # the Markdown body of a guideline file, read like a prose field of the guideline

PROSE: dict[type[Source], dict[str, Prose]] = {
    GuidelineSource: {
        "judul": Prose(terms=True),
        "ringkasan": Prose(terms=True),
        BODY: Prose(terms=True, citations=True),
    },
    Recommendation: {"teks": Prose(terms=True, citations=True)},
    Step: {"teks": Prose(terms=True, citations=True)},
    LocalNote: {"teks": Prose(citations=True)},
    Handoff: {"kapan": Prose()},
    Objective: {"teks": Prose(terms=True)},
    Exercise: {"diskusi": Prose(terms=True)},
    Question: {"pertanyaan": Prose(terms=True), "pilihan": Prose(terms=True), "penjelasan": Prose(terms=True)},
    TermSource: {"definisi": Prose()},
    Topic: {"ringkasan": Prose()},
    Role: {
        "deskripsi": Prose(),
        "status_hukum": Prose(),
        "boleh": Prose(),
        "tidak_boleh_teks": Prose(),
        "cara_sertifikasi": Prose(),
    },
    Service: {"deskripsi": Prose()},
    TaskKind: {"deskripsi": Prose()},
    Stage: {"deskripsi": Prose()},
    Competency: {"deskripsi": Prose()},
    Situation: {"ringkasan": Prose()},
    Pasal: {"ringkasan": Prose()},
    Addressee: {"definisi": Prose()},
}

CITATION_LISTS: dict[type[Source], dict[str, CitationList]] = {
    GuidelineSource: {"dasar_hukum": CitationList()},
    Recommendation: {"dasar_hukum": CitationList()},
    Role: {"dasar_hukum": CitationList()},
    Service: {"dasar_hukum": CitationList()},
    TaskKind: {"dasar_hukum": CitationList()},
    Stage: {"dasar_hukum": CitationList()},
    TermSource: {"sumber": CitationList(free_text=True)},
}


def nested(obj: Source) -> Iterator[Source]:
    """The source objects directly inside `obj` (a guideline's recommendations, a Pasal's ayat)."""
    for name in type(obj).model_fields:
        value = getattr(obj, name)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, Source):
                yield item


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
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{_shown(part)}" if out else _shown(part))
    return out or "(berkas)"


def _shown(value: Any, limit: int = 60) -> str:
    """An editor's value inside a one-line message: line breaks as `⏎`, long text cut with `…`."""
    text = str(value).replace("\r\n", "\n").replace("\n", "⏎")
    return text if len(text) <= limit else text[: limit - 1] + "…"


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


@dataclass(frozen=True)
class _Err:
    """One pydantic error, with the names the Indonesian messages need."""

    model: type[Source]
    loc: tuple[Any, ...]
    kind: str
    value: Any
    ctx: dict[str, Any]
    msg: str

    @property
    def where(self) -> str:
        return _dotted(self.loc)

    @property
    def field(self) -> str:
        return _shown(_field_name(self.loc))

    @property
    def shown(self) -> str:
        return _shown(self.value)


# Each translator returns (code, message, hint, where to point: "value" | "key" | "parent" | field).
_Translated = tuple[str, str, str, Any]


def _missing(e: _Err) -> _Translated:
    hint = "Tambahkan kolom ini; lihat contoh di CONTRIBUTING.md atau `panduan new`."
    return "missing-field", f"kolom wajib `{e.where}` tidak ada.", hint, "parent"


def _unknown_field(e: _Err) -> _Translated:
    hint = suggestion(str(e.loc[-1]), _fields_at(e.model, e.loc[:-1]))
    return "unknown-field", f"kolom `{e.where}` tidak dikenal.", hint, "key"


def _pattern(e: _Err) -> _Translated:
    if e.ctx.get("pattern") == VERSION_PATTERN:
        message = f"`{e.where}` bernilai `{e.shown}`, padahal versi ditulis sebagai angka bertitik."
        return "invalid-version", message, 'Contoh yang benar: `"1.0"`, `"1.1"`, atau `"2.0"`.', "value"
    if e.ctx.get("pattern") == EDITION_PATTERN:
        message = f"`{e.where}` bernilai `{e.shown}`, padahal edisi ditulis sebagai tahun dan nomor."
        return "invalid-edition", message, 'Contoh yang benar: `"2026.1"` (edisi pertama tahun 2026).', "value"
    if e.ctx.get("pattern") == SLUG_PATTERN:
        message = f"`{e.where}` bernilai `{e.shown}`, padahal hanya boleh huruf kecil a–z, angka, dan tanda hubung."
        return (
            "invalid-id",
            message,
            "Contoh yang benar: `kerahasiaan-data-klien` (tanpa spasi, `/`, atau `..`).",
            "value",
        )
    return "invalid-format", f"`{e.where}` bernilai `{e.shown}` dengan format yang tidak sah.", "", "value"


def _choice(e: _Err) -> _Translated:
    hint = suggestion(str(e.value), CHOICES.get(e.field, ()))
    return "invalid-choice", f"nilai `{e.shown}` tidak diizinkan untuk `{e.where}`.", hint, "value"


def _date(e: _Err) -> _Translated:
    hint = "Tulis tanggal sebagai TTTT-BB-HH, misalnya `2026-12-01`."
    return "invalid-date", f"`{e.where}` bernilai `{e.shown}`, bukan tanggal yang ada.", hint, "value"


def _list_type(e: _Err) -> _Translated:
    hint = f"Tulis sebagai daftar, misalnya `{e.field}: [{e.shown}]`." if isinstance(e.value, str) else ""
    return "wrong-type", f"`{e.where}` harus berupa daftar, bukan satu nilai.", hint, "value"


def _review_date(e: _Err) -> _Translated:
    return (
        "review-before-start",
        e.msg,
        "Tanggal tinjau ulang harus jatuh setelah tanggal mulai berlaku.",
        "tinjau_ulang",
    )


def _simple(code: str, template: str) -> Any:
    return lambda e: (code, template.format(where=e.where, value=e.shown), "", "value")


_TRANSLATORS: dict[str, Any] = {
    "missing": _missing,
    "extra_forbidden": _unknown_field,
    "string_pattern_mismatch": _pattern,
    "literal_error": _choice,
    "list_type": _list_type,
    "review_before_start": _review_date,
    "string_too_short": _simple("empty-field", "kolom `{where}` tidak boleh kosong."),
    "too_short": _simple("empty-list", "`{where}` harus berisi paling sedikit satu butir."),
    "string_type": _simple("wrong-type", "`{where}` harus berupa teks, bukan daftar atau kolom bertingkat."),
    "model_type": _simple("wrong-type", "`{where}` harus berupa pasangan `kolom: nilai`."),
    "model_attributes_type": _simple("wrong-type", "`{where}` harus berupa pasangan `kolom: nilai`."),
    "dict_type": _simple("wrong-type", "`{where}` harus berupa pasangan `kolom: nilai`."),
    "int_parsing": _simple("wrong-type", "`{where}` harus berupa bilangan bulat."),
    "int_type": _simple("wrong-type", "`{where}` harus berupa bilangan bulat."),
    "greater_than_equal": _simple("out-of-range", "`{where}` bernilai `{value}`, di luar rentang yang diizinkan."),
    "less_than_equal": _simple("out-of-range", "`{where}` bernilai `{value}`, di luar rentang yang diizinkan."),
}
_EMPTY_VALUE_KINDS = {"string_type", "list_type", "date_type", "int_type"}


def _source_loc(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """pydantic's loc without the union members it inserts ("str", "list[...]", "function-after[...]").

    A part that is a key of the data at that point is the editor's own (even a key written `str`
    or `a[1]`); a missing field is kept too. Only union labels that are not keys are dropped.
    """
    out: list[Any] = []
    current = data
    for part in loc:
        if (isinstance(current, dict) and part in current) or (
            isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        ):
            current = current[part]
        elif isinstance(part, str) and ("[" in part or part == "str"):
            continue
        else:
            current = None
        out.append(part)
    return tuple(out)


def _diagnostic(model: type[Source], file: SourceFile, err: ErrorDetails) -> Diagnostic:
    loc = _source_loc(file.doc.data, tuple(err["loc"]))
    e = _Err(model, loc, err["type"], err.get("input"), err.get("ctx") or {}, err["msg"])
    if e.value is None and e.kind in _EMPTY_VALUE_KINDS:
        translated: _Translated = (
            "empty-field",
            f"kolom `{e.where}` kosong.",
            "Isi nilainya atau hapus kolomnya jika tidak wajib.",
            "value",
        )
    elif e.kind.startswith("date"):
        translated = _date(e)
    else:
        default = _simple("invalid-value", "nilai `{where}` tidak valid.")
        translated = _TRANSLATORS.get(e.kind, default)(e)
    code, message, hint, point = translated
    if point == "parent":
        location = file.location(loc[:-1])
    elif point == "key":
        location = file.location(loc, key=True)
    elif point == "value":
        location = file.location(loc)
    else:
        location = file.location((point,))
    return Diagnostic(code, message, (location,), hint)


def json_schema() -> dict[str, Any]:
    """JSON Schema of the guideline front matter, for editors' autocompletion."""
    schema = GuidelineSource.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Pedoman Panduan Praktik (front matter)"
    return schema
