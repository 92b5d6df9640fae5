"""`panduan new`: write a guideline skeleton that already passes `panduan check`.

The skeleton's instruction sentences ("Tulis rekomendasi pertama. …") are placeholders: a
guideline that still holds one of them cannot leave `draf` (`check_placeholders`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from panduan.diagnostics import Diagnostic, Location
from panduan.model import Guide

# Where a guideline file (guidelines/<topik>/<id>.md) finds the committed JSON Schema, for the
# YAML language server's modeline (autocompletion in VS Code and other editors).
SCHEMA_FILE = "schema/pedoman.schema.json"
MODELINE = f"# yaml-language-server: $schema=../../{SCHEMA_FILE}"

# The instruction sentences of the skeleton, each one a placeholder an editor must replace.
PLACEHOLDERS = {
    "ringkasan": "Tulis satu kalimat yang langsung dapat dipraktikkan petugas di lapangan.",
    "rekomendasi": "Tulis rekomendasi pertama.",
    "langkah": "Tulis langkah pertama dan siapa yang melakukannya.",
    "mengapa": "Jelaskan dengan kalimat pendek mengapa pedoman ini dibutuhkan di lapangan.",
    "contoh": "Tulis contoh fiktif tanpa nama asli, nomor identitas, atau nomor telepon.",
}

TEMPLATE = """---
{modeline}
id: {id}
judul: {judul}
ringkasan: {ringkasan}
topik: {topik}
peran: [{peran}]
status: draf
versi: "0.1"
berlaku_sejak: {mulai}
tinjau_ulang: {tinjau}
{pemilik}dasar_hukum: []
rekomendasi:
  - id: R1
    kekuatan: dianjurkan
    teks: {rekomendasi} Gunakan `wajib` hanya bila undang-undang mewajibkannya, dengan dasar_hukum.
langkah:
  - peran: {peran}
    teks: {langkah}
sumber: []
riwayat:
  - versi: "0.1"
    tanggal: {mulai}
    perubahan: Kerangka pedoman dibuat dengan `panduan new`.
    alasan: Pedoman baru diusulkan.
---
## Mengapa ini penting

{mengapa}

## Contoh kasus (fiktif)

{contoh}
"""


def slugify(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:60].strip("-")


def new_guideline(
    root: Path, title: str, topic: str, role: str, today: dt.date | None = None, owner: str | None = None
) -> Path:
    """Write the skeleton; the caller has checked that topic, role and owner exist."""
    today = today or dt.date.today()
    slug = slugify(title)
    path = root / "guidelines" / topic / f"{slug}.md"
    if path.exists():
        raise FileExistsError(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    judul = title.replace('"', "'")
    path.write_text(
        TEMPLATE.format(
            modeline=MODELINE,
            id=slug,
            judul=f'"{judul}"',
            topik=topic,
            peran=role,
            mulai=today.isoformat(),
            tinjau=today.replace(year=today.year + 1)
            if not (today.month == 2 and today.day == 29)
            else today + dt.timedelta(days=365),
            pemilik=f"pemilik: {owner}\n" if owner else "",
            **PLACEHOLDERS,
        ),
        encoding="utf-8",
    )
    return path


# ---------------------------------------------------------------------------------------------
# A skeleton sentence left in place


def _normal(text: str) -> str:
    return " ".join(text.casefold().split())


_SENTENCES = [(_normal(s), s) for s in PLACEHOLDERS.values()]


def _found(text: str) -> str | None:
    folded = _normal(text)
    return next((original for normal, original in _SENTENCES if normal in folded), None)


def check_placeholders(guide: Guide) -> Iterator[Diagnostic]:
    """A guideline that still holds a sentence of the `panduan new` skeleton must stay `draf`."""
    for g in guide.guidelines.values():
        if g.status == "draf":
            continue
        places: list[tuple[str, Location]] = []
        fields = [(g.ringkasan, g.loc("ringkasan"))]
        fields += [(rec.teks, rec.loc("teks")) for rec in g.rekomendasi]
        fields += [(step.teks, step.loc("teks")) for step in g.langkah]
        for text, location in fields:
            if sentence := _found(text):
                places.append((sentence, location))
        for offset, line in enumerate(g.file.body.split("\n")):
            if sentence := _found(line):
                places.append((sentence, Location(g.file.path, g.file.body_line + offset, 1)))
        for sentence, location in places:
            yield Diagnostic(
                "template-placeholder",
                f'pedoman berstatus `{g.status}` masih memuat kalimat kerangka: "{sentence}"',
                (location, g.loc("status")),
                "Ganti kalimat ini dengan isi pedoman yang sebenarnya. Selama masih ada kalimat kerangka, "
                "pedoman harus tetap berstatus `draf`.",
            )
