"""Laws as data, and legal citations: one grammar for front matter, inline text and the glossary.

    UU14 Pasal 42            UU14 Pasal 44 ayat 2          UU14 Pasal 44 ayat (2)
    UU14 Pasal 43 huruf b    UU14 Pasal 6 ayat 2 huruf c   UU14 Pasal 1 angka 13

The prefix is a law's `kode` in `law/*.yaml`; adding a regulation there needs no code change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from panduan.schema import Bab, LawSource, Pasal

CITATION = re.compile(
    r"^\s*(?P<kode>[A-Za-z][A-Za-z0-9]*)\s+Pasal\s+(?P<pasal>\d+)"
    r"(?:\s+ayat\s+\(?(?P<ayat>\d+)\)?)?"
    r"(?:\s+(?:huruf\s+(?P<huruf>[a-z])|angka\s+(?P<angka>\d+)))?\s*$",
    re.IGNORECASE,
)
INLINE_CITATION = re.compile(r"\[\[([^\[\]\n]+)\]\]")
_LAW_NAME = re.compile(r"^\s*[A-Za-z][A-Za-z0-9]*\s+Pasal\b", re.IGNORECASE)


@dataclass(frozen=True)
class Citation:
    """A parsed reference to an article (and optionally its ayat, huruf or angka)."""

    kode: str
    pasal: int
    ayat: int | None = None
    huruf: str | None = None
    angka: int | None = None

    @property
    def anchor(self) -> str:
        return f"pasal-{self.pasal}"

    def label(self, law: Law | None = None) -> str:
        text = f"{law.singkatan if law else self.kode} Pasal {self.pasal}"
        if self.ayat is not None:
            text += f" ayat ({self.ayat})"
        if self.huruf:
            text += f" huruf {self.huruf}"
        if self.angka is not None:
            text += f" angka {self.angka}"
        return text


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
        raise CitationError(
            f"sitasi `{text}` tidak dikenali.",
            "Bentuk yang benar: `UU14 Pasal 42`, `UU14 Pasal 44 ayat 2`, `UU14 Pasal 43 huruf b`, "
            "`UU14 Pasal 1 angka 13`.",
        )
    return Citation(
        kode=match["kode"].upper(),
        pasal=int(match["pasal"]),
        ayat=int(match["ayat"]) if match["ayat"] else None,
        huruf=match["huruf"].lower() if match["huruf"] else None,
        angka=int(match["angka"]) if match["angka"] else None,
    )


class Law:
    """A validated law: its articles by number and the chapter each belongs to."""

    def __init__(self, source: LawSource) -> None:
        self.source = source
        self.kode = source.kode.upper()
        self.singkatan = source.singkatan
        self.pasal: dict[int, Pasal] = {p.nomor: p for p in source.pasal}
        self.bab_of: dict[int, Bab] = {
            n: bab for bab in source.bab for n in range(bab.first, bab.last + 1)
        }

    @property
    def max_pasal(self) -> int:
        return max(self.pasal)

    @property
    def title(self) -> str:
        s = self.source
        return f"{s.jenis} Nomor {s.nomor} Tahun {s.tahun} tentang {s.judul}"

    def check(self, cite: Citation) -> None:
        """Raise CitationError when the citation points at something the law does not have."""
        name = self.singkatan
        article = self.pasal.get(cite.pasal)
        if article is None:
            raise CitationError(
                f"{name} tidak memiliki Pasal {cite.pasal}.",
                f"{name} hanya memiliki Pasal 1–{self.max_pasal}.",
            )
        if cite.ayat is not None:
            if article.ayat == 0:
                raise CitationError(
                    f"{name} Pasal {cite.pasal} tidak dibagi atas ayat bernomor.",
                    f"Tulis `{self.kode} Pasal {cite.pasal}` tanpa ayat.",
                )
            if not 1 <= cite.ayat <= article.ayat:
                raise CitationError(
                    f"{name} Pasal {cite.pasal} tidak memiliki ayat ({cite.ayat}).",
                    f"Pasal {cite.pasal} hanya memiliki ayat (1)–({article.ayat}).",
                )
        if cite.huruf is not None and cite.ayat is None:
            self._check_letter(cite, article)
        if cite.angka is not None and not 1 <= cite.angka <= article.angka:
            hint = (
                f"Pasal {cite.pasal} hanya memiliki angka 1–{article.angka}."
                if article.angka
                else f"Pasal {cite.pasal} tidak memiliki butir angka."
            )
            raise CitationError(f"{name} Pasal {cite.pasal} tidak memiliki angka {cite.angka}.", hint)

    def _check_letter(self, cite: Citation, article: Pasal) -> None:
        # Lettered points are checked only where the data records how many there are; points
        # inside a numbered ayat are not counted in our data, so they are accepted as written.
        index = ord(cite.huruf or "a") - ord("a") + 1
        if article.ayat:
            return
        if not article.huruf or index > article.huruf:
            last = chr(ord("a") + article.huruf - 1) if article.huruf else None
            hint = (
                f"Pasal {cite.pasal} hanya memiliki huruf a–{last}."
                if last
                else f"Pasal {cite.pasal} tidak memiliki butir huruf."
            )
            raise CitationError(
                f"{self.singkatan} Pasal {cite.pasal} tidak memiliki huruf {cite.huruf}.", hint
            )


class Laws:
    """All laws in `law/`, looked up by code."""

    def __init__(self, laws: list[Law]) -> None:
        self.by_code = {law.kode: law for law in laws}

    def __iter__(self):  # noqa: ANN204 - iterator of Law
        return iter(self.by_code.values())

    def resolve(self, text: str) -> tuple[Citation, Law]:
        """Parse and check a citation; raise CitationError with an Indonesian message."""
        cite = parse_citation(text)
        law = self.by_code.get(cite.kode)
        if law is None:
            from panduan.diagnostics import suggestion

            raise CitationError(
                f"peraturan `{cite.kode}` tidak dikenal.", suggestion(cite.kode, self.by_code)
            )
        law.check(cite)
        return cite, law
