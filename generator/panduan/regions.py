"""Source formats of regional adaptation (kearifan lokal): the region registry, each region's
services registry, and overlays — regional material kept in its own files under `wilayah/<id>/`
and attached to one national guideline, recommendation or step.

The national text never changes through an overlay: outputs show an overlay next to the part it
adapts, in a block labelled with its region. Loading and the rules over overlays live in
`overlays.py`; these are only the models (they belong to the schema stage).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from panduan.schema import (
    CHOICES,
    PROSE,
    ChangeEntry,
    Date,
    Prose,
    RecommendationId,
    Slug,
    Source,
    Task,
    Text,
    Version,
)

# Kemendagri codes: "36" for a province, "36.02" for a kabupaten or kota (kota codes start at 71).
PROVINCE_CODE = r"^\d{2}$"
DISTRICT_CODE = r"^\d{2}\.\d{2}$"
FIRST_CITY_CODE = 71

OVERLAY_KINDS = ("konteks", "layanan", "langkah", "ubah-langkah")
KIND_LABELS = {
    "konteks": "Konteks setempat",
    "layanan": "Layanan dan kontak setempat",
    "langkah": "Langkah tambahan setempat",
    "ubah-langkah": "Rumusan langkah untuk praktik setempat",
}
CHOICES["jenis_wilayah"] = ("kabupaten", "kota")
DistrictCode = Annotated[str, StringConstraints(strip_whitespace=True, pattern=DISTRICT_CODE)]


class District(Source):
    """A kabupaten or kota of a province, with its Kemendagri code."""

    kode: DistrictCode
    nama: Text
    jenis: Literal["kabupaten", "kota"]


class Region(Source):
    """A province: its code, the regional counterpart, and the editor team reviewing its overlays."""

    id: Slug
    nama: Text
    kode: Annotated[str, StringConstraints(strip_whitespace=True, pattern=PROVINCE_CODE)]
    # The regional body the guide works with (for example Dinas Sosial Provinsi Banten).
    mitra: Text
    # Editor team (registry/tim-penyunting.yaml) that reviews this region's overlays.
    tim: Slug
    kabupaten_kota: list[District] = Field(default_factory=list)
    sumber: list[Text] = Field(default_factory=list)


class RegionRegistry(Source):
    wilayah: Annotated[list[Region], Field(min_length=1)]


class RegionalService(Source):
    """A local service or body a worker can refer to. Contacts only when verified: phone
    numbers and e-mail addresses also pass the personal-data check (registry/kontak-resmi.yaml)."""

    id: Slug
    nama: Text
    deskripsi: Text
    # Kemendagri codes of the kabupaten/kota it serves; empty means the whole province.
    cakupan: list[DistrictCode] = Field(default_factory=list)
    alamat: Text | None = None
    situs: Text | None = None
    catatan: Text | None = None  # e.g. "belum diverifikasi beroperasi"
    sumber: Annotated[list[Text], Field(min_length=1)]


class RegionalServiceRegistry(Source):
    layanan: list[RegionalService] = Field(default_factory=list)


class Target(Source):
    """What an overlay attaches to: a guideline, or one of its recommendations or steps."""

    pedoman: Slug
    rekomendasi: RecommendationId | None = None
    langkah: Annotated[int, Field(ge=1, le=500)] | None = None

    @model_validator(mode="after")
    def _one_part(self) -> Target:
        if self.rekomendasi is not None and self.langkah is not None:
            raise PydanticCustomError(
                "overlay_two_targets",
                "`sasaran` menyebut `rekomendasi` dan `langkah` sekaligus; sebuah tambahan wilayah hanya "
                "menempel pada satu bagian.",
            )
        return self


class Overlay(Source):
    """One piece of regional material. Its own review date, reviewer team and history."""

    id: Slug
    wilayah: Slug
    jenis: Literal["konteks", "layanan", "langkah", "ubah-langkah"]
    sasaran: Target
    judul: Text
    teks: Text
    # `langkah`: the role that takes the local step.
    peran: Slug | None = None
    # `layanan`: ids from wilayah/<id>/layanan.yaml.
    layanan: list[Slug] = Field(default_factory=list)
    # Tasks a local step adds (RACI as in guidelines); they join the near-duplicate check.
    tugas: list[Task] = Field(default_factory=list)
    # Kemendagri codes of the kabupaten/kota this applies to; empty means the whole province.
    cakupan: list[DistrictCode] = Field(default_factory=list)
    dasar_hukum: list[Text] = Field(default_factory=list)
    sumber: list[Text] = Field(default_factory=list)
    penelaah: Slug  # editor team that reviewed it
    ditelaah: Date  # when it was last reviewed
    tinjau_ulang: Date
    versi: Version
    riwayat: Annotated[list[ChangeEntry], Field(min_length=1)]

    @model_validator(mode="after")
    def _review_after_reviewed(self) -> Overlay:
        if self.tinjau_ulang <= self.ditelaah:
            raise PydanticCustomError(
                "review_before_start",
                "`tinjau_ulang` ({review}) harus sesudah `ditelaah` ({start}).",
                {"review": self.tinjau_ulang.isoformat(), "start": self.ditelaah.isoformat()},
            )
        return self

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.jenis]


# Overlay text is Markdown for readers, with glossary terms and inline citations like a step's.
PROSE[Overlay] = {"teks": Prose(terms=True, citations=True)}
PROSE[RegionalService] = {"deskripsi": Prose()}
