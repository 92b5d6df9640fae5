"""Shared fixtures: small source trees written by each test, so every bad input is one readable case."""

from __future__ import annotations

import logging
import os
import shutil
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LAW_FILE = "uu-2019-14.yaml"  # UU 14/2019, the one regulation every fixture project cites

REGISTRY_PERAN = """\
peran:
  - id: pekerja-sosial
    nama: Pekerja Sosial
    deskripsi: Pemegang sertifikat kompetensi.
    status_hukum: Pekerja Sosial menurut undang-undang.
    adresat: [pekerja-sosial]
  - id: pendamping
    nama: Pendamping
    deskripsi: Pendamping sosial.
    status_hukum: Bukan Pekerja Sosial kecuali bersertifikat.
    tidak_boleh: [asesmen-profesional]
  - id: relawan
    nama: Relawan Sosial
    deskripsi: Relawan.
    status_hukum: Bukan Pekerja Sosial kecuali bersertifikat.
    tidak_boleh: [asesmen-profesional]
  - id: tagana
    nama: Tagana
    induk: relawan
    deskripsi: Taruna Siaga Bencana.
    status_hukum: Relawan sosial.
  - id: supervisor
    nama: Supervisor
    deskripsi: Pembimbing.
    status_hukum: Tergantung sertifikat.
"""

# Editor teams (registry/tim-penyunting.yaml), for tests of `pemilik` and the review dashboard.
REGISTRY_TIM = """\
tim:
  - id: tim-etika
    nama: Tim Penyunting Etika dan Data
    tugas: Menjaga pedoman etika.
    topik: [etika-klien]
"""

REGISTRY_TOPIK = """\
topik:
  - id: etika-klien
    judul: Etika dan Hak Klien
    ringkasan: Etika.
  - id: koordinasi
    judul: Koordinasi
    ringkasan: Koordinasi.
"""

REGISTRY_LAYANAN = """\
layanan:
  - id: slrt
    nama: SLRT
    deskripsi: Sistem layanan dan rujukan terpadu.
"""

REGISTRY_JENIS = """\
jenis_tugas:
  - id: asesmen-profesional
    nama: Asesmen profesional
    deskripsi: Asesmen.
  - id: pencatatan
    nama: Pencatatan
    deskripsi: Catat.
"""

GUIDELINE = """\
---
id: {id}
judul: Menjaga kerahasiaan klien
ringkasan: Simpan data klien dengan aman.
topik: etika-klien
peran: [pekerja-sosial, pendamping]
status: berlaku
versi: "1.0"
berlaku_sejak: 2026-12-01
tinjau_ulang: 2027-12-01
dasar_hukum: [UU14 Pasal 42]
rekomendasi:
  - id: R1
    kekuatan: wajib
    teks: Jaga kerahasiaan klien.
    dasar_hukum: [UU14 Pasal 42 huruf c]
    untuk: [pekerja-sosial]
langkah:
  - peran: pendamping
    teks: Simpan catatan di lemari terkunci.
  - peran: pekerja-sosial
    teks: Periksa catatan setiap bulan.
tugas:
  - id: simpan-catatan
    nama: Menyimpan catatan
    jenis: pencatatan
    pelaksana: [pendamping]
    penanggung_jawab: pekerja-sosial
riwayat:
  - versi: '1.0'
    tanggal: 2026-12-01
    perubahan: Edisi pertama.
    alasan: Pedoman baru.
---
## Mengapa penting

Klien berhak atas kerahasiaan [[UU14 Pasal 43 huruf d]]. Pendamping menyimpan STR rekan di lemari.
"""

TERM_STR = """\
istilah: Surat Tanda Registrasi
singkatan: STR
definisi: Bukti tertulis registrasi Pekerja Sosial.
sumber: [UU14 Pasal 1 angka 13]
"""

TERM_PEKSOS = """\
istilah: Pekerja Sosial
definisi: Orang yang memiliki sertifikat kompetensi.
lihat_juga: [surat-tanda-registrasi]
"""


class Project:
    """A throwaway project tree with valid defaults; tests overwrite single files."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "registry").mkdir(parents=True)
        (root / "law").mkdir()
        (root / "glossary").mkdir()
        (root / "guidelines" / "etika-klien").mkdir(parents=True)
        self.write("registry/peran.yaml", REGISTRY_PERAN)
        self.write("registry/topik.yaml", REGISTRY_TOPIK)
        self.write("registry/layanan.yaml", REGISTRY_LAYANAN)
        self.write("registry/jenis-tugas.yaml", REGISTRY_JENIS)
        shutil.copy(REPO / "law" / LAW_FILE, root / "law" / LAW_FILE)
        self.write("glossary/surat-tanda-registrasi.yaml", TERM_STR)
        self.write("glossary/pekerja-sosial.yaml", TERM_PEKSOS)
        self.write("guidelines/etika-klien/kerahasiaan.md", GUIDELINE.format(id="kerahasiaan"))

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text) if text.startswith("\n") else text, encoding="utf-8")
        return path


@pytest.fixture(autouse=True, scope="session")
def _cache_outside_home(tmp_path_factory: pytest.TempPathFactory):
    """Builds in tests (and the CLI they start) keep their cache in the test's own folder."""
    os.environ["PANDUAN_CACHE_DIR"] = str(tmp_path_factory.mktemp("panduan-cache"))
    yield


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path / "proj")


class _DisallowWarnings(logging.Handler):
    """Any WARNING or ERROR that a test did not expect fails it (mkdocs/tests/__init__.py idea)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def strict_logs():
    """Collects mkdocs warnings; the test asserts the list it expects (usually empty)."""
    handler = _DisallowWarnings()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    yield handler.records
    logger.removeHandler(handler)
