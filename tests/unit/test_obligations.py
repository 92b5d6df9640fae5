"""Legal truth: a `wajib` binds exactly the roles its cited provisions bind; quoted words stay exact;
one citation grammar covers every regulation, amended articles included."""

from __future__ import annotations

import pytest

from panduan.build import build_guide
from panduan.cli import main

PATH = "guidelines/etika-klien/kerahasiaan.md"

SYNTH_LAW = """\
kode: UU 99/2030
jenis: Undang-Undang
nomor: "99"
tahun: "2030"
judul: Contoh
singkatan: UU 99/2030
tautan_resmi: https://peraturan.bpk.go.id/
sumber: {repo: contoh/data, berkas: uu/2030/99.md, commit: abcdef1, diperiksa: 2026-12-01}
diubah_oleh:
  - kode: UU 98/2031
adresat:
  - {id: setiap-orang, nama: Setiap Orang, definisi: Orang perseorangan atau korporasi.}
  - {id: pekerja-sosial, nama: Pekerja Sosial, definisi: Pemegang sertifikat.}
bab:
  - {nomor: I, judul: Umum, pasal: "1-5"}
pasal:
  - {nomor: "1", angka: 2, ringkasan: Definisi.}
  - nomor: "2"
    ringkasan: Larangan membuka data.
    ayat:
      - mengikat: [{subjek: [setiap-orang], sifat: larangan}]
        kutipan: secara melawan hukum
        salah_tafsir: [tanpa izin atasan]
      - mengikat: [{subjek: [setiap-orang], sifat: hak}]
  - nomor: "3"
    diubah: UU 98/2031
    ayat: 3
    asli: {ayat: 2}
    ringkasan: Diubah.
  - {nomor: "3A", disisipkan: UU 98/2031, ringkasan: Sisipan.}
  - {nomor: "4", dihapus: UU 98/2031}
  - nomor: "5"
    ringkasan: Kewajiban pada satu huruf saja.
    huruf:
      - {}
      - mengikat: [{subjek: [setiap-orang], sifat: kewajiban}]
"""


def guideline(rec: str, peran: str = "[pekerja-sosial, pendamping, relawan, tagana]") -> str:
    return f"""\
---
id: kerahasiaan
judul: Menjaga kerahasiaan klien
ringkasan: Simpan data klien dengan aman.
topik: etika-klien
peran: {peran}
status: berlaku
versi: "1.0"
berlaku_sejak: 2026-12-01
tinjau_ulang: 2027-12-01
rekomendasi:
{rec}
langkah:
  - peran: pendamping
    teks: Simpan catatan.
  - peran: pekerja-sosial
    teks: Periksa catatan.
  - peran: relawan
    teks: Jangan bercerita.
  - peran: tagana
    teks: Jangan bercerita.
riwayat:
  - versi: "1.0"
    tanggal: 2026-12-01
    perubahan: Edisi pertama.
    alasan: Pedoman baru.
---
Isi.
"""


@pytest.fixture
def corpus(project):
    project.write("law/uu-2030-99.yaml", SYNTH_LAW)
    text = (project.root / "registry/peran.yaml").read_text()
    text = text.replace(
        "    tidak_boleh: [asesmen-profesional]\n  - id: tagana",
        "    tidak_boleh: [asesmen-profesional]\n    adresat: [setiap-orang]\n  - id: tagana",
    )
    project.write("registry/peran.yaml", text)
    return project


def _check(project, capsys, rec: str, **kw) -> tuple[int, str]:
    project.write(PATH, guideline(rec, **kw))
    code = main(["--root", str(project.root), "check"])
    return code, capsys.readouterr().err


def test_planted_relawan_wajib_citing_uu14_pasal_42_fails_naming_line_and_provision(corpus, capsys):
    rec = "  - id: R1\n    kekuatan: wajib\n    teks: Jaga rahasia klien.\n    dasar_hukum: [UU14 Pasal 42 huruf c]\n    untuk: [relawan]"
    code, err = _check(corpus, capsys, rec)
    assert code == 1 and "Traceback" not in err
    line = next(r for r in err.splitlines() if "obligation-wrong-addressee" in r)
    assert line.startswith(f"{PATH}:16:")  # the `untuk` line
    assert "`relawan`" in line and "UU 14/2019 Pasal 42 huruf c (kewajiban bagi pekerja-sosial)" in line


def test_default_untuk_is_every_role_and_names_only_the_uncovered(corpus, capsys):
    rec = "  - id: R1\n    kekuatan: wajib\n    teks: Jaga rahasia klien.\n    dasar_hukum: [UU14 Pasal 42 huruf c]"
    _code, err = _check(corpus, capsys, rec)
    line = next(r for r in err.splitlines() if "obligation-wrong-addressee" in r)
    assert line.startswith(f"{PATH}:13:")  # `kekuatan`, as there is no `untuk`
    assert "`pendamping`, `relawan`, `tagana`" in line and "`pekerja-sosial`" not in line.split("Pasal yang")[0]


def test_wajib_for_the_bound_role_passes(corpus, capsys):
    rec = "  - id: R1\n    kekuatan: wajib\n    teks: Jaga rahasia klien.\n    dasar_hukum: [UU14 Pasal 42 huruf c]\n    untuk: [pekerja-sosial]"
    assert _check(corpus, capsys, rec)[0] == 0


@pytest.mark.parametrize(
    ("cite", "shown"),
    [
        ("UU14 Pasal 43 huruf d", "hak bagi klien"),  # a client's right is nobody's duty here
        ("UU 99/2030 Pasal 2 ayat 2", "hak bagi setiap-orang"),  # a right alone never carries wajib
        ("UU14 Pasal 44 ayat 1", "pengecualian bagi pekerja-sosial"),  # an exemption neither
        ("UU 99/2030 Pasal 1 angka 1", "tidak mencatat siapa yang diikatnya"),
        ("UU 99/2030 Pasal 5 huruf a", "tidak mencatat siapa yang diikatnya"),  # duty sits on huruf b only
    ],
)
def test_rights_exemptions_and_unbound_provisions_cannot_carry_wajib(corpus, capsys, cite, shown):
    rec = f"  - id: R1\n    kekuatan: wajib\n    teks: Jaga rahasia klien.\n    dasar_hukum: [{cite}]\n    untuk: [pekerja-sosial]"
    code, err = _check(corpus, capsys, rec)
    assert code == 1 and shown in err and "obligation-wrong-addressee" in err


@pytest.mark.parametrize(
    "cite",
    [
        "UU 99/2030 Pasal 2 ayat 1",  # a prohibition binds like a duty
        "UU 99/2030 Pasal 2",  # citing the whole Pasal cites what its ayat bind
        "UU 99/2030 Pasal 5 huruf b",
        "UU 99/2030 Pasal 5",
    ],
)
def test_duties_on_setiap_orang_bind_relawan_and_its_sub_role(corpus, capsys, cite):
    rec = f"  - id: R1\n    kekuatan: wajib\n    teks: Jangan membuka data.\n    dasar_hukum: [{cite}]\n    untuk: [relawan, tagana]"
    code, err = _check(corpus, capsys, rec)
    assert code == 0, err


def test_dianjurkan_is_not_held_to_the_addressee_rule(corpus, capsys):
    rec = (
        "  - id: R1\n    kekuatan: dianjurkan\n    teks: Jaga rahasia klien.\n    dasar_hukum: [UU14 Pasal 42 huruf c]"
    )
    assert _check(corpus, capsys, rec)[0] == 0


def test_untuk_names_known_roles_of_the_guideline(corpus, capsys):
    rec = "  - id: R1\n    kekuatan: dianjurkan\n    teks: Jaga rahasia.\n    untuk: [relawn, supervisor]"
    code, err = _check(corpus, capsys, rec)
    assert code == 1
    assert "peran `relawn` tidak dikenal" in err and "`relawan`" in err
    assert "`supervisor`, yang tidak tercantum di `peran` pedoman" in err


def test_role_addressee_must_be_defined_by_a_law(corpus, capsys):
    text = (
        (corpus.root / "registry/peran.yaml").read_text().replace("adresat: [setiap-orang]", "adresat: [setiap-orng]")
    )
    corpus.write("registry/peran.yaml", text)
    code = main(["--root", str(corpus.root), "check"])
    err = capsys.readouterr().err
    assert code == 1 and "adresat `setiap-orng` tidak dikenal" in err and "setiap-orang" in err


def test_misquotation_is_an_error_in_recommendations_and_body(corpus, capsys):
    rec = "  - id: R1\n    kekuatan: dianjurkan\n    teks: Buka data hanya tanpa izin atasan.\n    dasar_hukum: [UU 99/2030 Pasal 2]"
    text = guideline(rec).replace("Isi.", "Data boleh dibuka\ntanpa izin atasan [[UU 99/2030 Pasal 2 ayat 1]].")
    corpus.write(PATH, text)
    code = main(["--root", str(corpus.root), "check"])
    err = [r for r in capsys.readouterr().err.splitlines() if "misquoted-law" in r]
    assert code == 1 and len(err) == 2
    assert err[0].startswith(f"{PATH}:14:") and '"secara melawan hukum"' in err[0]
    assert err[1].startswith(f"{PATH}:32:")  # the body paragraph, after the front matter


def test_real_uu14_quote_rejects_widening_undang_undang(project, capsys):
    rec = (
        "  - id: R1\n    kekuatan: dianjurkan\n    teks: Buka rahasia bila diperintahkan peraturan perundang-undangan.\n"
        "    dasar_hukum: [UU14 Pasal 44 ayat 1]"
    )
    code, err = _check(project, capsys, rec, peran="[pekerja-sosial, pendamping, relawan]")
    assert code == 1 and '"perintah undang-undang"' in err and "peraturan perundang-undangan" in err


@pytest.mark.parametrize(
    ("cite", "message"),
    [
        ("UU 99/2030 Pasal 3 ayat 3", "diubah oleh UU 98/2031; sitasi harus menyebut versi"),
        ("UU 99/2030 Pasal 3 ayat 3 versi asli", "tidak memiliki ayat (3)"),
        ("UU 99/2030 Pasal 3 versi UU 97/2032", "tidak diubah oleh UU 97/2032"),
        ("UU 99/2030 Pasal 4", "sudah dihapus oleh UU 98/2031"),
        ("UU 99/2030 Pasal 3B", "tidak memiliki Pasal 3B"),
        ("UU 99/2030 Pasal 1 versi asli", "tidak pernah diubah"),
    ],
)
def test_amended_articles_need_their_version(corpus, cite, message):
    result = build_guide(corpus.root)
    with pytest.raises(Exception) as info:
        result.guide.laws.resolve(cite)
    assert message in str(info.value)


@pytest.mark.parametrize(
    "cite",
    [
        "UU 99/2030 Pasal 3 ayat 3 versi UU 98/2031",
        "UU 99/2030 Pasal 3 ayat 2 versi asli",
        "UU 99/2030 Pasal 3a",
        "uu 99/2030 pasal 2 ayat (1)",
    ],
)
def test_versions_and_inserted_articles_resolve(corpus, cite):
    build_guide(corpus.root).guide.laws.resolve(cite)


def test_unverified_structure_allows_only_whole_articles(corpus):
    corpus.write("law/uu-2030-99.yaml", SYNTH_LAW.replace("diubah_oleh:", "struktur: belum-diverifikasi\ndiubah_oleh:"))
    laws = build_guide(corpus.root).guide.laws
    laws.resolve("UU 99/2030 Pasal 2")
    with pytest.raises(Exception, match="belum diverifikasi"):
        laws.resolve("UU 99/2030 Pasal 2 ayat 1")


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        ('{nomor: "3A", disisipkan', '{nomor: "3", disisipkan', "Pasal 3 ditulis dua kali"),
        ('  - {nomor: "1", angka: 2, ringkasan: Definisi.}\n', "", "tidak berurutan"),
        (
            "subjek: [setiap-orang], sifat: hak",
            "subjek: [setiap-orng], sifat: hak",
            "adresat `setiap-orng` belum dinyatakan",
        ),
        ('{nomor: "4", dihapus: UU 98/2031}', '{nomor: "4", dihapus: UU 97/2032}', "tidak ada di `diubah_oleh`"),
        ('pasal: "1-5"', 'pasal: "1-3A"', "BAB terakhir berakhir di Pasal 3A"),
        ("sifat: larangan", "sifat: larang", "nilai `larang` tidak diizinkan"),
        ("kode: UU 99/2030", "kode: UU14", "tidak sah"),
    ],
)
def test_bad_law_data_is_reported(corpus, capsys, old, new, fragment):
    assert old in SYNTH_LAW
    corpus.write("law/uu-2030-99.yaml", SYNTH_LAW.replace(old, new))
    code = main(["--root", str(corpus.root), "check"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert any(r.startswith("law/uu-2030-99.yaml:") and fragment in r for r in err.splitlines()), err


def test_two_files_may_not_claim_one_code(corpus, capsys):
    corpus.write("law/uu-2030-99-salinan.yaml", SYNTH_LAW)
    assert main(["--root", str(corpus.root), "check"]) == 1
    err = capsys.readouterr().err
    assert "kode `UU 99/2030` (atau aliasnya) sudah dipakai oleh `law/uu-2030-99-salinan.yaml`" in err


def test_a_cited_article_needs_a_summary(corpus, capsys):
    corpus.write("law/uu-2030-99.yaml", SYNTH_LAW.replace("    ringkasan: Kewajiban pada satu huruf saja.\n", ""))
    rec = "  - id: R1\n    kekuatan: dianjurkan\n    teks: Isi.\n    dasar_hukum: [UU 99/2030 Pasal 5 huruf b]"
    code, err = _check(corpus, capsys, rec)
    assert code == 1 and "UU 99/2030 Pasal 5 dirujuk, tetapi belum punya `ringkasan`" in err
