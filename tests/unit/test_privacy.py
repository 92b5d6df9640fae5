"""The personal-data guard: what it catches, what it must leave alone, markers and exact locations."""

from __future__ import annotations

import re

import pytest

from panduan.cli import main
from panduan.privacy import Allowlist, find_personal_data, looks_like_nik
from tests.conftest import GUIDELINE

PATH = "guidelines/etika-klien/kerahasiaan.md"

OFFICIAL = Allowlist(email_domains={"go.id", "example.org"}, phones={"08110000129"})

# (text, rule, the part that must be reported)
TRUE_POSITIVES = [
    ("NIK klien 3201011203900001.", "nik", "3201011203900001"),
    ("NIK perempuan 3201015203900002", "nik", "3201015203900002"),  # day 12 + 40
    ("Nomor KK 3201012501150003 milik keluarga itu", "nik", "3201012501150003"),
    ("ditulis 3201 0112 0390 0001 di formulir", "nik", "3201 0112 0390 0001"),
    ("ditulis 32.01.01.120390.0001 di formulir", "nik", "32.01.01.120390.0001"),
    ("ditulis 3201-01-120390-0001 di formulir", "nik", "3201-01-120390-0001"),
    ("Papua: 9401016505880002", "nik", "9401016505880002"),
    ("Tarakan: 6571014101000001", "nik", "6571014101000001"),
    ("tahun 2019 3201011203900001", "nik", "3201011203900001"),
    ("NIK:3201011203900001", "nik", "3201011203900001"),
    ("hubungi 0812-3456-7890.", "phone", "0812-3456-7890"),
    ("hubungi 0812 3456 7890 sore hari", "phone", "0812 3456 7890"),
    ("hubungi 081234567890", "phone", "081234567890"),
    ("hubungi 0812.3456.789", "phone", "0812.3456.789"),
    ("hubungi 0857-1234-56789", "phone", "0857-1234-56789"),
    ("WA +62 812-3456-7890", "phone", "+62 812-3456-7890"),
    ("WA +6281234567890", "phone", "+6281234567890"),
    ("WA 62 812 3456 7890", "phone", "62 812 3456 7890"),
    ("https://wa.me/6281234567890", "phone", "6281234567890"),
    ("kantor +62 21 3103591", "phone", "+62 21 3103591"),
    ("kirim ke budi.santoso@gmail.com ya", "email", "budi.santoso@gmail.com"),
    ("[surel](mailto:ibu.sari@yahoo.co.id)", "email", "ibu.sari@yahoo.co.id"),
    ("<ani@desa-sukamaju.id>", "email", "ani@desa-sukamaju.id"),
    ("tinggal di Jl. Melati No. 12, Serang", "address", "Jl. Melati No. 12"),
    ("tinggal di Jln. Kenanga Raya 5", "address", "Jln. Kenanga Raya 5"),
    ("tinggal di Jl.Merdeka,No.3", "address", "Jl.Merdeka,No.3"),
    ("tinggal di Jalan Merdeka Nomor 7", "address", "Jalan Merdeka Nomor 7"),
    ("tinggal di Gg. Mawar III No. 3A", "address", "Gg. Mawar III No. 3A"),
    ("tinggal di Gang Buntu No. 4", "address", "Gang Buntu No. 4"),
    ("rumah No. 12 di RT 03/RW 05", "address", "RT 03/RW 05"),
    ("RT 003 RW 002 nomor 8", "address", "RT 003 RW 002"),
]

TRUE_NEGATIVES = [
    "UU No. 14 Tahun 2019 tentang Pekerja Sosial",
    "[[UU14 Pasal 1 angka 13]] dan [[UU14 Pasal 44 ayat 2]]; Pasal 42 huruf c; Pasal 97",
    "LN RI Tahun 2019 Nomor 182, TLN RI Nomor 6397",
    "Permensos No. 30/HUK/2011 dan Permensos 15/2018",
    "berlaku sejak 2026-12-01, disahkan 20 Februari 2010, rapat 08-11-2023 dan 08/11/2023",
    "buka pukul 08.00-16.00 WIB",
    "tahun 2013 mencatat 155 TKSK, 1.715 PSM, dan 1.286 anggota Tagana",
    "Renstra 2017–2022; daftar tahun 2019 2020 2021 2022",
    "denda paling banyak Rp500 juta atau Rp 1.500.000.000",
    "IDR 3201011203900001 adalah angka uang, bukan NIK",
    "ISBN 978-602-8397-77-3 dan ISBN 978-623-7000-81-2 dan ISBN 0-8123-4567-8",
    "SAPA 129, darurat 112, polisi 110",
    "bebas pulsa 0800-1-234-567 dan 08001234567",
    "1234567890123456",  # province 12 but day 78 is no date
    "3201013203900001",  # day 32
    "3201011213900001",  # month 13
    "3201011203900000",  # serial 0000
    "9701011203900001",  # 97 is a BPS code, never a NIK prefix
    "3200011203900001",  # kabupaten 00
    "32010112039000012",  # 17 digits
    "08123456789012345",  # too long for a phone
    "0812345",  # too short
    "https://peraturan.bpk.go.id/Details/122743/uu-no-14-tahun-2019",
    "desil 1–4, 0,5%, versi 1.0, kode wilayah 3201",
    "pengaduan@kemensos.go.id dan contoh@example.org",
    "nomor layanan +62 811-0000-129",
    "Jalan keluar terbaik adalah musyawarah, lihat nomor 3",
    "ketua RT/RW, tokoh agama, atau tokoh adat",
    "Keluarga di RT 03/RW 05 didampingi bersama",  # no house number: a neighbourhood, not a house
    "Aula Gedung A Dinas Sosial Provinsi Banten, KP3B Curug, Kota Serang",
    "Untuk contoh, tulis NIK sebagai 3201xxxxxxxxxxxx dan telepon 0812-xxxx-xxxx",
]


@pytest.mark.parametrize(("text", "rule", "part"), TRUE_POSITIVES, ids=[c[0] for c in TRUE_POSITIVES])
def test_true_positive(text, rule, part):
    hits = find_personal_data(text, OFFICIAL)
    assert [(h.rule, h.text) for h in hits] == [(rule, part)]
    assert hits[0].start == text.index(part)


@pytest.mark.parametrize("text", TRUE_NEGATIVES)
def test_true_negative(text):
    assert find_personal_data(text, OFFICIAL) == []


def test_nik_structure():
    assert looks_like_nik("3201011203900001")
    assert looks_like_nik("3201012902000001")  # 29 February 2000
    assert not looks_like_nik("3201013002000001")  # 30 February
    assert all(
        looks_like_nik(f"{p}01011203900001") for p in (11, 19, 21, 31, 36, 51, 53, 61, 65, 71, 76, 81, 82, 91, 96)
    )
    assert not any(
        looks_like_nik(f"{p}01011203900001") for p in (10, 20, 22, 30, 37, 50, 54, 60, 66, 70, 77, 80, 83, 90, 97)
    )


# ---------------------------------------------------------------------------------------------
# Through `panduan check`: exact locations, markers, the allow-list


def _check(project, capsys) -> tuple[int, list[str]]:
    code = main(["--root", str(project.root), "check"])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, [row for row in err.splitlines() if "personal-data" in row or "allowlist" in row]


def _position(text: str, needle: str) -> str:
    before = text[: text.index(needle)]
    return f"{before.count(chr(10)) + 1}:{len(before) - before.rfind(chr(10))}"


def test_body_hit_is_reported_at_its_column(project, capsys):
    text = GUIDELINE.format(id="kerahasiaan") + "\nIbu S. (NIK 3201015203900002) tinggal di sini.\n"
    project.write(PATH, text)
    code, rows = _check(project, capsys)
    assert code == 1
    assert rows == [
        f"{PATH}:{_position(text, '3201015203900002')}: galat: tampak seperti NIK atau nomor KK (16 angka dengan "
        "kode provinsi, kode wilayah, dan tanggal lahir yang sah): `3201…02`. Hapus data pribadi; bila perlu contoh, "
        "samarkan angkanya (misalnya `3201xxxxxxxxxxxx`). Untuk contoh fiktif, tulis penanda beralasan di baris yang "
        "sama: `<!-- fiktif: alasan -->` di isi Markdown atau `# fiktif: alasan` di YAML. [personal-data-nik]"
    ]


def test_every_front_matter_text_is_scanned(project, capsys):
    text = GUIDELINE.format(id="kerahasiaan")
    text = text.replace("judul: Menjaga kerahasiaan klien", "judul: Kasus budi@gmail.com")
    text = text.replace("teks: Simpan catatan di lemari terkunci.", 'teks: "Telepon dulu: 0812-3456-7890."')
    text = text.replace(
        "    nama: Menyimpan catatan\n", "    nama: >-\n      Menyimpan catatan di\n      Jl. Melati No. 12\n"
    )
    text = text.replace("tugas:\n", "sumber: [UU No. 14 Tahun 2019, WA +62 812 3456 7890]\ntugas:\n")
    project.write(PATH, text)
    code, rows = _check(project, capsys)
    assert code == 1
    where = {row.split(": galat")[0]: row.rsplit("[", 1)[1] for row in rows}
    assert where == {
        f"{PATH}:{_position(text, 'budi@')}": "personal-data-email]",
        f"{PATH}:{_position(text, '0812-3456')}": "personal-data-phone]",
        f"{PATH}:{_position(text, 'Jl. Melati')}": "personal-data-address]",
        f"{PATH}:{_position(text, '+62 812')}": "personal-data-phone]",
    }


def test_glossary_registry_and_law_texts_are_scanned(project, capsys):
    project.write("glossary/klien.yaml", "istilah: Klien\ndefinisi: Misalnya Ibu Ani, 0812-3456-7890.\n")
    registry = (project.root / "registry/layanan.yaml").read_text()
    project.write("registry/layanan.yaml", registry.replace("Sistem layanan", "Kirim ke ani@gmail.com; sistem layanan"))
    law = (project.root / "law/uu-2019-14.yaml").read_text()
    summary = re.search(r"ringkasan: (?![>|])", law).end()  # a plain scalar, not a block
    project.write("law/uu-2019-14.yaml", law[:summary] + "NIK 3201011203900001. " + law[summary:])
    code, rows = _check(project, capsys)
    assert code == 1
    assert {row.split(":")[0] for row in rows} == {
        "glossary/klien.yaml",
        "registry/layanan.yaml",
        "law/uu-2019-14.yaml",
    }
    assert any(row.startswith("glossary/klien.yaml:2:") for row in rows)


def test_file_with_a_schema_error_is_scanned_too(project, capsys):
    text = GUIDELINE.format(id="kerahasiaan").replace("status: berlaku", "status: aktif") + "\nNIK 3201011203900001\n"
    project.write(PATH, text)
    code = main(["--root", str(project.root), "check"])
    err = capsys.readouterr().err
    assert code == 1
    assert "`aktif` tidak diizinkan" in err
    assert f"{PATH}:{_position(text, '3201011203900001')}: galat: tampak seperti NIK" in err


def test_keys_and_comments_are_not_published_so_not_scanned(project, capsys):
    text = GUIDELINE.format(id="kerahasiaan").replace("status: berlaku", "status: berlaku  # tanya Budi 0812-3456-7890")
    project.write(PATH, text)
    assert _check(project, capsys) == (0, [])


MARKED = [
    # (case, text added to the body or replacing a front-matter line, errors expected)
    ("md-marker", "\nContoh NIK: 3201011203900001 <!-- fiktif: nomor karangan untuk latihan -->\n", 0),
    ("md-marker-before", "\n<!-- fiktif: nomor karangan untuk latihan --> Contoh NIK: 3201011203900001\n", 0),
    ("md-marker-other-line", "\n<!-- fiktif: nomor karangan -->\nContoh NIK: 3201011203900001\n", 1),
    ("md-marker-without-reason", "\nContoh NIK: 3201011203900001 <!-- fiktif: -->\n", 1),
    ("md-marker-bare", "\nContoh NIK: 3201011203900001 <!-- fiktif -->\n", 1),
]


@pytest.mark.parametrize(("addition", "errors"), [c[1:] for c in MARKED], ids=[c[0] for c in MARKED])
def test_markdown_marker(project, capsys, addition, errors):
    project.write(PATH, GUIDELINE.format(id="kerahasiaan") + addition)
    code, rows = _check(project, capsys)
    assert (code, len(rows)) == ((1, errors) if errors else (0, 0)), rows
    if "without-reason" in addition or "bare" in addition:
        assert "belum memuat alasan" in rows[0]


YAML_MARKED = [
    ("yaml-marker", "    teks: Telepon 0812-3456-7890 dulu.  # fiktif: nomor contoh untuk pelatihan\n", 0),
    ("yaml-marker-quoted", '    teks: "Telepon 0812-3456-7890 # bukan komentar"\n', 1),
    ("yaml-marker-in-quotes-only", '    teks: "Telepon 0812-3456-7890 # fiktif: di dalam teks"\n', 1),
    ("yaml-marker-without-reason", "    teks: Telepon 0812-3456-7890 dulu.  # fiktif:\n", 1),
    (
        "yaml-block-header-marker",
        "    teks: >-  # fiktif: nomor contoh untuk pelatihan\n      Telepon\n      0812-3456-7890 dulu.\n",
        0,
    ),
    (
        "yaml-block-no-marker",
        "    teks: |\n      Telepon\n      0812-3456-7890 dulu. # fiktif: ini isi teks, bukan komentar\n",
        1,
    ),
]


@pytest.mark.parametrize(("line", "errors"), [c[1:] for c in YAML_MARKED], ids=[c[0] for c in YAML_MARKED])
def test_yaml_marker(project, capsys, line, errors):
    text = GUIDELINE.format(id="kerahasiaan").replace("    teks: Simpan catatan di lemari terkunci.\n", line)
    project.write(PATH, text)
    code, rows = _check(project, capsys)
    assert (code, len(rows)) == ((1, errors) if errors else (0, 0)), rows
    if errors:
        assert rows[0].startswith(f"{PATH}:{_position(text, '0812-3456')}: galat:")


def test_allowlist_in_registry(project, capsys):
    project.write(
        "registry/kontak-resmi.yaml",
        "surel: [go.id, pengaduan@lembaga.or.id]\ntelepon: [0811-0000-129]\nalamat: [Jl. Salemba Raya No. 28]\n",
    )
    body = (
        "\nTulis ke pengaduan@kemensos.go.id atau pengaduan@lembaga.or.id, bukan info@lembaga.or.id.\n"
        "WhatsApp +62 811 0000 129. Kantor: Jl. Salemba Raya No. 28, Jakarta.\n"
        "Rumah: Jl. Salemba Raya No. 2.\n"
    )
    project.write(PATH, GUIDELINE.format(id="kerahasiaan") + body)
    code, rows = _check(project, capsys)
    assert code == 1
    assert len(rows) == 2 and "`i…@lembaga.or.id`" in rows[0] and "`Jl. Salemba Ra…`" in rows[1]


def test_broken_allowlist_is_reported(project, capsys):
    project.write("registry/kontak-resmi.yaml", "surel: [go.id, 'bukan domain']\ntelepon: [abc]\nfax: []\n")
    code = main(["--root", str(project.root), "check"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert "registry/kontak-resmi.yaml:3:1: galat: kolom `fax` tidak dikenal." in err
    project.write("registry/kontak-resmi.yaml", "surel: [go.id, 'bukan domain']\ntelepon: [abc]\n")
    code = main(["--root", str(project.root), "check"])
    err = capsys.readouterr().err
    assert "registry/kontak-resmi.yaml:1:16: galat: `bukan domain` bukan domain" in err
    assert "registry/kontak-resmi.yaml:2:11: galat: `abc` bukan nomor telepon" in err
