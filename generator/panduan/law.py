"""Regulations as data, and legal citations: one grammar for every regulation in `law/`.

    UU14 Pasal 42 huruf c            UU 27/2022 Pasal 65 ayat 2       UU 11/2012 Pasal 19 ayat (1)
    UU14 Pasal 1 angka 13            UU 23/2002 Pasal 76C             UU 23/2002 Pasal 59 versi UU 35/2014

The prefix is a regulation's `kode` (or one of its `alias`) in `law/*.yaml`; adding a regulation
there needs no code change. A citation is checked down to ayat, huruf and angka, and resolves to a
`Provision`: the chain of units it names, which knows whom the provision binds (`mengikat`) and the
exact words it quotes (`kutipan`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from panduan.schema import DUTY_KINDS, Bab, Binding, LawSource, Pasal, Point, Shape

CITATION = re.compile(
    r"^\s*(?P<kode>[A-Za-z][A-Za-z. ]*?(?:\s*\d+[A-Z]?/\d{4}|\d*))\s+Pasal\s+(?P<pasal>\d+[A-Za-z]?|[IVXLC]+)"
    r"(?:\s+ayat\s+\(?(?P<ayat>\d+[a-z]?)\)?)?"
    r"(?:\s+huruf\s+(?P<huruf>[a-z]))?"
    r"(?:\s+angka\s+(?P<angka>\d+[a-z]?))?"
    r"(?:\s+versi\s+(?P<versi>asli|[A-Za-z][A-Za-z. ]*\s*\d+/\d{4}))?\s*$",
    re.IGNORECASE,
)
INLINE_CITATION = re.compile(r"\[\[([^\[\]\n]+)\]\]")
_LAW_NAME = re.compile(r"^\s*[A-Za-z][A-Za-z0-9. /]*?\s+Pasal\b", re.IGNORECASE)
ORIGINAL = "asli"
FORMS = (
    "`UU14 Pasal 42 huruf c`, `UU 27/2022 Pasal 65 ayat 2`, `UU 11/2012 Pasal 19 ayat 1`, "
    "`UU14 Pasal 1 angka 13`, `UU 23/2002 Pasal 59 versi UU 35/2014`"
)


def law_key(text: str) -> str:
    """`UU 27/2022`, `uu27/2022` and `UU  27/2022` are one regulation."""
    return re.sub(r"\s+", "", text).upper()


@dataclass(frozen=True)
class Citation:
    """A parsed reference to a Pasal (and optionally its ayat, huruf, angka and version)."""

    kode: str
    pasal: str
    ayat: str | None = None
    huruf: str | None = None
    angka: str | None = None
    versi: str | None = None

    @property
    def anchor(self) -> str:
        return pasal_anchor(self.pasal)

    def label(self, law: Law | None = None) -> str:
        text = f"{law.singkatan if law else self.kode} Pasal {self.pasal}"
        if self.ayat is not None:
            text += f" ayat ({self.ayat})"
        if self.huruf:
            text += f" huruf {self.huruf}"
        if self.angka is not None:
            text += f" angka {self.angka}"
        if self.versi:
            text += " (versi asli)" if self.versi == ORIGINAL else f" (versi {self.versi})"
        return text


def pasal_anchor(nomor: str) -> str:
    return f"pasal-{nomor.lower()}"


class CitationError(ValueError):
    """A citation that cannot be parsed or points outside the law; message in Indonesian."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


def looks_like_citation(text: str) -> bool:
    """True for text that is meant as a structured citation ("XX Pasal N ...")."""
    return bool(_LAW_NAME.match(text))


def parse_citation(text: str) -> Citation:
    match = CITATION.match(text)
    if not match:
        raise CitationError(f"sitasi `{text}` tidak dikenali.", f"Bentuk yang benar, misalnya: {FORMS}.")
    versi = match["versi"]
    return Citation(
        kode=" ".join(match["kode"].split()),
        pasal=match["pasal"].upper(),
        ayat=match["ayat"].lower() if match["ayat"] else None,
        huruf=match["huruf"].lower() if match["huruf"] else None,
        angka=match["angka"].lower() if match["angka"] else None,
        versi=ORIGINAL if versi and versi.lower() == ORIGINAL else (" ".join(versi.split()) if versi else None),
    )


def count(value: int | list[Point]) -> int:
    """How many ayat/huruf/angka a unit has, whether recorded as a number or as a list."""
    return len(value) if isinstance(value, list) else value


def labels(value: int | list[Point], kind: str) -> list[str]:
    """The printed numbers of a unit's ayat/huruf/angka, in order: "1", "1a", "2" ... or "a", "b" ..."""
    if kind == "huruf":
        return [chr(ord("a") + i) for i in range(count(value))]
    if not isinstance(value, list):
        return [str(i) for i in range(1, value + 1)]
    out, number = [], 0
    for unit in value:
        if unit.nomor:
            digits = int(re.match(r"\d+", unit.nomor).group())  # type: ignore[union-attr]
            number = digits if unit.nomor.isdigit() else number
            out.append(unit.nomor)
        else:
            number += 1
            out.append(str(number))
    return out


def _descendants(unit: Point) -> Iterator[Point]:
    for value in (getattr(unit, "ayat", 0), unit.huruf, unit.angka):
        if isinstance(value, list):
            for child in value:
                yield child
                yield from _descendants(child)


@dataclass(frozen=True)
class Provision:
    """What a citation points at: the law, the Pasal, and the chain of recorded units inside it."""

    citation: Citation
    law: Law
    pasal: Pasal
    chain: tuple[Point, ...]  # from the Pasal's shape (original or current) down to the cited unit

    @property
    def label(self) -> str:
        return self.citation.label(self.law)

    @property
    def unit(self) -> Point:
        return self.chain[-1]

    def bindings(self) -> list[Binding]:
        """Whom the cited words bind or entitle: the nearest recorded `mengikat` at or above the
        cited unit, plus everything recorded inside it (citing a whole Pasal cites all its ayat)."""
        inherited: list[Binding] = []
        for unit in reversed(self.chain):
            if unit.mengikat:
                inherited = list(unit.mengikat)
                break
        inside = [b for d in _descendants(self.unit) for b in d.mengikat]
        return inherited + inside

    def duties(self) -> list[Binding]:
        return [b for b in self.bindings() if b.sifat in DUTY_KINDS]

    def quotes(self) -> list[Point]:
        """Units with exact wording on the path to, and inside, the cited unit."""
        units = [*self.chain, *_descendants(self.unit)]
        return [u for u in units if u.kutipan or u.salah_tafsir]


class Law:
    """A validated regulation: its articles by number and the chapter each belongs to."""

    def __init__(self, source: LawSource) -> None:
        self.source = source
        self.kode = source.kode
        self.key = law_key(source.kode)
        self.aliases = [law_key(a) for a in source.alias]
        self.singkatan = source.singkatan
        self.slug = Path(source.file.path).stem
        self.pasal: dict[str, Pasal] = {p.nomor: p for p in source.pasal}
        self.order: list[str] = [p.nomor for p in source.pasal]
        self.addressees = {a.id: a for a in source.adresat}
        position = {n: i for i, n in enumerate(self.order)}
        self.bab_of: dict[str, Bab] = {}
        for bab in source.bab:
            if bab.first in position and bab.last in position:
                for n in self.order[position[bab.first] : position[bab.last] + 1]:
                    self.bab_of[n] = bab

    @property
    def verified(self) -> bool:
        return self.source.struktur == "terverifikasi"

    @property
    def title(self) -> str:
        s = self.source
        return f"{s.jenis} Nomor {s.nomor} Tahun {s.tahun} tentang {s.judul}"

    def pasal_in(self, bab: Bab) -> list[Pasal]:
        return [self.pasal[n] for n in self.order if self.bab_of.get(n) is bab]

    def chapters(self) -> list[tuple[Bab | None, list[Pasal]]]:
        """(BAB, its Pasal) in order; an amending law without BAB is one unnamed chapter."""
        if not self.source.bab:
            return [(None, list(self.source.pasal))]
        return [(bab, self.pasal_in(bab)) for bab in self.source.bab]

    def check(self, cite: Citation) -> None:
        """Raise CitationError when the citation points at something the law does not have."""
        self.provision(cite)

    def provision(self, cite: Citation) -> Provision:
        name = self.singkatan
        article = self.pasal.get(cite.pasal)
        if article is None:
            raise CitationError(
                f"{name} tidak memiliki Pasal {cite.pasal}.",
                f"{name} hanya memiliki Pasal {self.order[0]}–{self.order[-1]}.",
            )
        if article.dihapus:
            raise CitationError(
                f"{name} Pasal {cite.pasal} sudah dihapus oleh {article.dihapus}.",
                "Rujuk pasal yang kini mengatur hal itu.",
            )
        shape = self._version(cite, article)
        deeper = cite.ayat is not None or cite.huruf is not None or cite.angka is not None
        if deeper and not self.verified:
            raise CitationError(
                f"struktur {name} belum diverifikasi, jadi ayat, huruf, dan angka belum dapat diperiksa.",
                f"Rujuk pasalnya saja: `{self.kode} Pasal {cite.pasal}`.",
            )
        chain: list[Point] = [shape]
        where = f"{name} Pasal {cite.pasal}"
        container: Point | None = shape
        if cite.ayat is not None:
            container = self._step(chain, shape.ayat, cite.ayat, where, "ayat")
            where += f" ayat ({cite.ayat})"
        if cite.huruf is not None:
            container = self._step(chain, container.huruf if container else 0, cite.huruf, where, "huruf")
            where += f" huruf {cite.huruf}"
        if cite.angka is not None:
            self._step(chain, container.angka if container else 0, cite.angka, where, "angka")
        return Provision(cite, self, article, tuple(chain))

    def _version(self, cite: Citation, article: Pasal) -> Shape:
        """The wording a citation means: an amended Pasal must say which version."""
        name, changed = self.singkatan, article.diubah
        if changed is None:
            if cite.versi and (article.disisipkan is None or law_key(cite.versi) != law_key(article.disisipkan)):
                raise CitationError(
                    f"{name} Pasal {cite.pasal} tidak pernah diubah, jadi tidak perlu `versi`.",
                    f"Tulis `{self.kode} Pasal {cite.pasal}`.",
                )
            return article
        both = f"`versi {changed}` (yang berlaku) atau `versi asli`"
        if cite.versi is None:
            raise CitationError(
                f"{name} Pasal {cite.pasal} diubah oleh {changed}; sitasi harus menyebut versi yang dimaksud.",
                f"Tambahkan {both} di akhir sitasi.",
            )
        if cite.versi == ORIGINAL:
            if article.asli is None:
                raise CitationError(
                    f"struktur versi asli {name} Pasal {cite.pasal} belum dicatat.",
                    f"Rujuk `versi {changed}`, atau catat `asli` di data peraturan.",
                )
            return article.asli
        if law_key(cite.versi) != law_key(changed):
            raise CitationError(f"{name} Pasal {cite.pasal} tidak diubah oleh {cite.versi}.", f"Gunakan {both}.")
        return article

    @staticmethod
    def _step(chain: list[Point], value: int | list[Point], label: str, where: str, kind: str) -> Point | None:
        known = labels(value, kind)
        if label not in known:
            shown = f"({label})" if kind == "ayat" else label
            if not known:
                hint = f"{where} tidak dibagi atas {kind}."
            elif kind == "ayat":
                hint = f"{where} hanya memiliki ayat ({known[0]})–({known[-1]})."
            else:
                hint = f"{where} hanya memiliki {kind} {known[0]}–{known[-1]}."
            raise CitationError(f"{where} tidak memiliki {kind} {shown}.", hint)
        if isinstance(value, list):
            unit = value[known.index(label)]
            chain.append(unit)
            return unit
        return None


class Laws:
    """All regulations in `law/`, looked up by code or alias."""

    def __init__(self, laws: list[Law]) -> None:
        self.all = laws
        self.by_code: dict[str, Law] = {}
        for law in laws:
            for key in (law.key, *law.aliases):
                self.by_code.setdefault(key, law)

    def __iter__(self) -> Iterator[Law]:
        return iter(self.all)

    def get(self, kode: str) -> Law | None:
        return self.by_code.get(law_key(kode))

    def addressee(self, addressee_id: str) -> list[tuple[Law, str]]:
        """(law, definition) for every regulation that defines this addressee."""
        return [(law, law.addressees[addressee_id].definisi) for law in self.all if addressee_id in law.addressees]

    def resolve(self, text: str) -> tuple[Citation, Law]:
        """Parse and check a citation; raise CitationError with an Indonesian message."""
        provision = self.provision(text)
        return provision.citation, provision.law

    def provision(self, text: str) -> Provision:
        cite = parse_citation(text)
        law = self.get(cite.kode)
        if law is None:
            from panduan.diagnostics import suggestion

            known = {law.kode: law for law in self.all} | {a: law for law in self.all for a in law.source.alias}
            raise CitationError(f"peraturan `{cite.kode}` tidak dikenal.", suggestion(cite.kode, known))
        return law.provision(cite)
