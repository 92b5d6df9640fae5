"""`panduan new`: write a guideline skeleton that already passes `panduan check`."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

TEMPLATE = """---
id: {id}
judul: {judul}
ringkasan: Tulis satu kalimat yang langsung dapat dipraktikkan petugas di lapangan.
topik: {topik}
peran: [{peran}]
status: draf
versi: "0.1"
berlaku_sejak: {mulai}
tinjau_ulang: {tinjau}
dasar_hukum: []
rekomendasi:
  - id: R1
    kekuatan: dianjurkan
    teks: Tulis rekomendasi pertama. Gunakan `wajib` hanya bila undang-undang mewajibkannya, dengan dasar_hukum.
langkah:
  - peran: {peran}
    teks: Tulis langkah pertama dan siapa yang melakukannya.
sumber: []
---
## Mengapa ini penting

Jelaskan dengan kalimat pendek mengapa pedoman ini dibutuhkan di lapangan.

## Contoh kasus (fiktif)

Tulis contoh fiktif tanpa nama asli, nomor identitas, atau nomor telepon.
"""


def slugify(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:60].strip("-")


def new_guideline(root: Path, title: str, topic: str, role: str, today: dt.date | None = None) -> Path:
    """Write the skeleton; the caller has checked that topic and role exist."""
    today = today or dt.date.today()
    slug = slugify(title)
    path = root / "guidelines" / topic / f"{slug}.md"
    if path.exists():
        raise FileExistsError(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    judul = title.replace('"', "'")
    path.write_text(
        TEMPLATE.format(
            id=slug,
            judul=f'"{judul}"',
            topik=topic,
            peran=role,
            mulai=today.isoformat(),
            tinjau=today.replace(year=today.year + 1) if not (today.month == 2 and today.day == 29) else today + dt.timedelta(days=365),
        ),
        encoding="utf-8",
    )
    return path
