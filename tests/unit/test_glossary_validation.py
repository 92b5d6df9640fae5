"""Glossary sources: clashes name both files; unknown see-also, empty definitions, unknown fields."""

from __future__ import annotations

from panduan.cli import main


def _check(project, capsys) -> tuple[int, str]:
    code = main(["--root", str(project.root), "check"])
    return code, capsys.readouterr().err


def test_acronym_claimed_by_two_terms_names_both(project, capsys):
    project.write("glossary/sertifikat.yaml", "istilah: Sertifikat Tanda\nsingkatan: STR\ndefinisi: Lain.\n")
    code, err = _check(project, capsys)
    assert code == 1
    assert "glossary/surat-tanda-registrasi.yaml:2:12" in err and "glossary/sertifikat.yaml:2:12" in err


def test_duplicate_term_is_a_clash(project, capsys):
    project.write("glossary/peksos.yaml", "istilah: pekerja sosial\ndefinisi: Duplikat.\n")
    code, err = _check(project, capsys)
    assert code == 1 and "sudah dipakai oleh istilah `pekerja-sosial`" in err


def test_unknown_see_also(project, capsys):
    project.write("glossary/pekerja-sosial.yaml", "istilah: Pekerja Sosial\ndefinisi: D.\nlihat_juga: [registrasii]\n")
    code, err = _check(project, capsys)
    assert code == 1 and "glossary/pekerja-sosial.yaml:3:14" in err


def test_empty_definition_and_unknown_field(project, capsys):
    project.write("glossary/pekerja-sosial.yaml", 'istilah: Pekerja Sosial\ndefinisi: ""\ndefinsi: x\n')
    code, err = _check(project, capsys)
    assert code == 1
    assert "glossary/pekerja-sosial.yaml:2:11" in err and "tidak boleh kosong" in err
    assert "glossary/pekerja-sosial.yaml:3:1" in err and "Maksud Anda `definisi`?" in err


def test_glossary_citation_is_validated(project, capsys):
    project.write(
        "glossary/surat-tanda-registrasi.yaml", "istilah: STR panjang\ndefinisi: D.\nsumber: [UU14 Pasal 1 angka 20]\n"
    )
    code, err = _check(project, capsys)
    assert code == 1 and "hanya memiliki angka 1–19" in err


def test_term_file_name_must_be_a_valid_id(project, capsys):
    project.write("glossary/Surat Tanda.yaml", "istilah: Lain\ndefinisi: D.\n")
    code, err = _check(project, capsys)
    assert code == 1 and "glossary/Surat Tanda.yaml: galat: nama berkas istilah" in err
