"""Every bad input an editor can make gets one clear Indonesian error with the right line, exit 1."""

from __future__ import annotations

import time

import pytest

from panduan.cli import main
from tests.conftest import GUIDELINE

PATH = "guidelines/etika-klien/kerahasiaan.md"


def _guideline(**replace: str) -> str:
    text = GUIDELINE.format(id="kerahasiaan")
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


CASES = [
    # (case id, file content, expected "path:line" prefix line or None for whole file, message fragment)
    ("unclosed-quote", _guideline(**{'versi: "1.0"': 'versi: "1.0'}), "versi:", "tanda kutip dibuka"),
    ("tab-indent", _guideline(**{"  - id: R1": "\t- id: R1"}), "- id: R1", "TAB"),
    ("missing-front-matter", "# Judul\n\nIsi tanpa front matter.\n", 1, "front matter YAML tidak ditemukan"),
    ("unknown-field-typo", _guideline(**{"judul:": "judull:"}), "judull:", "Maksud Anda `judul`?"),
    (
        "missing-required",
        _guideline(**{"ringkasan: Simpan data klien dengan aman.\n": ""}),
        2,
        "kolom wajib `ringkasan` tidak ada",
    ),
    (
        "wrong-type",
        _guideline(**{"peran: [pekerja-sosial, pendamping]": "peran: pendamping"}),
        "peran:",
        "harus berupa daftar",
    ),
    (
        "unknown-topic",
        _guideline(**{"topik: etika-klien": "topik: etika-kliem"}),
        "topik:",
        "Maksud Anda `etika-klien`?",
    ),
    (
        "unknown-role",
        _guideline(**{"  - peran: pendamping\n": "  - peran: relawn\n"}),
        "- peran: relawn",
        "Maksud Anda `relawan`?",
    ),
    (
        "id-with-slash",
        _guideline(**{"id: kerahasiaan\n": "id: etika/kerahasiaan\n"}),
        "id: etika",
        "hanya boleh huruf kecil",
    ),
    (
        "id-with-dotdot",
        _guideline(**{"id: kerahasiaan\n": "id: ../kerahasiaan\n"}),
        "id: ..",
        "hanya boleh huruf kecil",
    ),
    (
        "id-with-space",
        _guideline(**{"id: kerahasiaan\n": "id: kerahasiaan klien\n"}),
        "id: kerahasiaan klien",
        "hanya boleh huruf kecil",
    ),
    (
        "impossible-date",
        _guideline(**{"berlaku_sejak: 2026-12-01": "berlaku_sejak: 2026-02-30"}),
        "berlaku_sejak:",
        "bukan tanggal yang ada",
    ),
    (
        "review-before-start",
        _guideline(**{"tinjau_ulang: 2027-12-01": "tinjau_ulang: 2025-01-01"}),
        "tinjau_ulang:",
        "harus sesudah `berlaku_sejak`",
    ),
    ("empty-file", "", None, "berkas kosong"),
    ("python-tag", _guideline(**{'versi: "1.0"': "versi: !!python/object:os.system 1"}), "versi:", "tag YAML"),
    (
        "duplicate-key",
        _guideline(**{"status: berlaku\n": "status: berlaku\nstatus: draf\n"}),
        "status: draf",
        "ditulis dua kali",
    ),
    ("invalid-strength", _guideline(**{"kekuatan: wajib": "kekuatan: wajb"}), "kekuatan: wajb", "Maksud Anda `wajib`?"),
    (
        "pasal-70",
        _guideline(**{"dasar_hukum: [UU14 Pasal 42]": "dasar_hukum: [UU14 Pasal 70]"}),
        "dasar_hukum: [UU14 Pasal 70]",
        "hanya memiliki Pasal 1–69",
    ),
    (
        "ayat-missing",
        _guideline(**{"[UU14 Pasal 43 huruf d]": "[UU14 Pasal 44 ayat 3]"}),
        "Klien berhak atas",
        "tidak memiliki ayat (3)",
    ),
    (
        "wajib-without-law",
        _guideline(**{"    dasar_hukum: [UU14 Pasal 42 huruf c]\n": ""}),
        "kekuatan: wajib",
        "tidak mencantumkan `dasar_hukum`",
    ),
]


def _expected_line(content: str, where: object) -> int | None:
    if where is None or isinstance(where, int):
        return where
    return _line_of(content, str(where))


@pytest.mark.parametrize(("content", "where", "fragment"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_guideline_is_reported_with_line(project, capsys, content, where, fragment):
    project.write(PATH, content)
    code = main(["--root", str(project.root), "check"])
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err
    line = _expected_line(content, where)
    prefix = f"{PATH}:{line}:" if line else f"{PATH}: galat"
    matching = [row for row in err.splitlines() if row.startswith(prefix)]
    assert matching, f"no diagnostic at {prefix}\n{err}"
    assert any(fragment in row for row in matching), err


def test_invalid_utf8_names_line(project, capsys):
    project.write(PATH, GUIDELINE.format(id="kerahasiaan").encode() + b"\nbaris \xff\xfe rusak\n")
    assert main(["--root", str(project.root), "check"]) == 1
    err = capsys.readouterr().err
    line = GUIDELINE.count("\n") + 2
    assert f"{PATH}:{line}:" in err and "UTF-8" in err


def test_file_over_one_megabyte_is_rejected(project, capsys):
    project.write(PATH, GUIDELINE.format(id="kerahasiaan") + "x" * 1_100_000)
    assert main(["--root", str(project.root), "check"]) == 1
    assert "terlalu besar" in capsys.readouterr().err


def test_alias_bomb_is_rejected_quickly(project, capsys):
    bomb = (
        "---\n"
        + "a: &a [x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
            for i in range(9)
        )
        + "---\nisi\n"
    )
    project.write(PATH, bomb)
    started = time.perf_counter()
    assert main(["--root", str(project.root), "check"]) == 1
    assert time.perf_counter() - started < 5  # a generous bound: expansion would take minutes
    err = capsys.readouterr().err
    assert f"{PATH}:3:" in err and "alias YAML" in err


def test_duplicate_id_names_both_files(project, capsys):
    project.write("guidelines/etika-klien/salinan.md", GUIDELINE.format(id="kerahasiaan"))
    assert main(["--root", str(project.root), "check"]) == 1
    err = capsys.readouterr().err
    assert "guidelines/etika-klien/salinan.md:2:" in err
    assert f"  {PATH}:2:" in err  # the other file is named as a related location


def test_bom_and_crlf_are_accepted(project, capsys):
    text = GUIDELINE.format(id="kerahasiaan").replace("\n", "\r\n")
    project.write(PATH, "\ufeff".encode() + text.encode())
    assert main(["--root", str(project.root), "check"]) == 0, capsys.readouterr().err


def test_all_problems_reported_in_one_run(project, capsys):
    project.write(PATH, _guideline(**{"judul:": "judull:", "status: berlaku": "status: aktif"}))
    project.write("guidelines/etika-klien/lain.md", "tanpa front matter\n")
    assert main(["--root", str(project.root), "check"]) == 1
    err = capsys.readouterr().err
    assert "`judull` tidak dikenal" in err and "`aktif` tidak diizinkan" in err and "lain.md:1:1" in err


def test_github_annotations(project, capsys):
    project.write(PATH, _guideline(**{"judul:": "judull:"}))
    assert main(["--root", str(project.root), "check", "--format", "github"]) == 1
    out = capsys.readouterr().out
    assert f"::error file={PATH},line=3,col=1,title=panduan unknown-field::" in out
