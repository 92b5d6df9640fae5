"""Control characters, encoding and size/nesting limits: each is one Indonesian error at path:line:col.

Each pathological input here used to hang the site build, overflow the stack or crash a PDF worker
(README.md, "Limits", has the measurements). The tests assert the diagnostic code and location
that `panduan check` reports, which is also where `panduan build` and the MkDocs plugin stop,
before Python-Markdown, MkDocs or WeasyPrint ever see the file.
"""

from __future__ import annotations

import pytest

from panduan import limits
from panduan.build import build_guide
from panduan.cli import main
from tests.conftest import GUIDELINE, TERM_STR

PATH = "guidelines/etika-klien/kerahasiaan.md"
TERM = "glossary/surat-tanda-registrasi.yaml"
VALID = GUIDELINE.format(id="kerahasiaan")
BODY_LINE = VALID.count("\n") + 1  # the first line after the valid guideline's last line
BODY_BRACKETS = VALID.split("---\n")[2].count("[")  # the valid body already cites with `[[…]]`


def _diagnostics(project, rel: str):
    result = build_guide(project.root)
    return [d for d in result.report.diagnostics if d.primary.path == rel]


def _only(project, rel: str, code: str):
    found = _diagnostics(project, rel)
    assert [d.code for d in found] == [code], [d.text() for d in found]
    return found[0].primary


# ---------------------------------------------------------------------------------------------
# Control characters and encoding

CONTROL = ["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85", "\x9f", "\u2028", "\u2029"]


@pytest.mark.parametrize("char", CONTROL, ids=[f"U+{ord(c):04X}" for c in CONTROL])
def test_control_character_in_body_is_located(project, char):
    project.write(PATH, VALID + f"Paragraf dengan{char} karakter.\n")
    loc = _only(project, PATH, "control-character")
    assert (loc.line, loc.col) == (BODY_LINE, len("Paragraf dengan") + 1)


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x7f", "\u2028"], ids=["NUL", "ESC", "DEL", "LSEP"])
def test_control_character_in_front_matter_and_yaml_files(project, char):
    project.write(PATH, VALID.replace("judul: Menjaga", f"judul: Menj{char}aga"))
    project.write(TERM, TERM_STR.replace("singkatan: STR", f"singkatan: S{char}TR"))
    project.write("registry/topik.yaml", f"topik:\n  - id: etika-klien\n    judul: Etika{char}\n    ringkasan: x\n")
    front = _only(project, PATH, "control-character")
    assert (front.line, front.col) == (3, len("judul: Menj") + 1)
    term = _only(project, TERM, "control-character")
    assert (term.line, term.col) == (2, len("singkatan: S") + 1)
    topic = _only(project, "registry/topik.yaml", "control-character")
    assert (topic.line, topic.col) == (3, len("    judul: Etika") + 1)


def test_control_character_message_names_the_character(project, capsys):
    project.write(PATH, VALID + "a\x00b\n")
    assert main(["--root", str(project.root), "check"]) == 1
    err = capsys.readouterr().err
    assert f"{PATH}:{BODY_LINE}:2: galat: karakter tak terlihat U+0000 (NUL)" in err
    assert "Traceback" not in err


def test_lone_carriage_return_is_rejected_but_crlf_and_tab_are_not(project, capsys):
    project.write(PATH, (VALID + "a\tb\n").replace("\n", "\r\n"))
    assert main(["--root", str(project.root), "check"]) == 0, capsys.readouterr().err
    project.write(PATH, VALID + "baris satu\rbaris dua\n")
    loc = _only(project, PATH, "control-character")
    assert (loc.line, loc.col) == (BODY_LINE, len("baris satu") + 1)


def test_invalid_utf8_column_counts_characters_after_bom(project):
    line = "é" * 3 + "x"  # six bytes before the bad one, but four characters
    project.write(PATH, b"\xef\xbb\xbf" + VALID.encode() + line.encode() + b"\xff rusak\n")
    loc = _only(project, PATH, "invalid-utf8")
    assert (loc.line, loc.col) == (BODY_LINE, len(line) + 1)


def test_invalid_utf8_on_first_line_after_bom(project):
    project.write(TERM, b"\xef\xbb\xbfistilah: S\xc3TR\ndefinisi: x\n")
    loc = _only(project, TERM, "invalid-utf8")
    assert (loc.line, loc.col) == (1, len("istilah: S") + 1)


# ---------------------------------------------------------------------------------------------
# Lines and YAML nesting


def test_very_long_line(project):
    project.write(PATH, VALID + "kata " * 2_000 + "\n")
    loc = _only(project, PATH, "line-too-long")
    assert (loc.line, loc.col) == (BODY_LINE, limits.MAX_LINE_CHARS + 1)


def test_long_line_in_yaml_file(project):
    project.write(TERM, TERM_STR.replace("definisi: Bukti", "definisi: " + "x" * limits.MAX_LINE_CHARS + " Bukti"))
    assert _only(project, TERM, "line-too-long").line == 3


def test_line_at_the_limit_is_accepted(project):
    words = ("kata " * 1_000)[: limits.MAX_LINE_CHARS - 1] + "."
    project.write(PATH, VALID + words + "\n")
    assert _diagnostics(project, PATH) == []


def test_400_nested_flow_brackets_in_front_matter(project, capsys):
    project.write(PATH, VALID.replace('versi: "1.0"', "versi: " + "[" * 400 + "]" * 400))
    assert main(["--root", str(project.root), "check"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "RecursionError" not in err
    line = VALID.splitlines().index('versi: "1.0"') + 1
    # the root mapping is level 1, so the 20th `[` opens level 21
    assert f"{PATH}:{line}:{len('versi: ') + limits.MAX_YAML_DEPTH}: galat: isi YAML bertingkat terlalu dalam" in err


def test_deep_block_yaml_in_glossary(project):
    nested = "".join("  " * i + f"k{i}:\n" for i in range(100)) + "  " * 100 + "x\n"
    project.write(TERM, TERM_STR + "tambahan:\n" + "".join("  " + line + "\n" for line in nested.splitlines()))
    assert _only(project, TERM, "yaml-too-deep").line > TERM_STR.count("\n")


def test_deep_flow_mapping_is_rejected(project):
    project.write(TERM, "istilah: " + "{a: " * 300 + "x" + "}" * 300 + "\ndefinisi: x\n")
    loc = _only(project, TERM, "yaml-too-deep")
    assert loc.line == 1


def test_real_depth_is_accepted(project):
    nested = "lampiran:\n" + "".join("  " * i + f"- k{i}:\n" for i in range(1, 8))
    project.write(TERM, TERM_STR + nested)
    assert [d.code for d in _diagnostics(project, TERM)] == ["unknown-field"]  # schema, not limits


# ---------------------------------------------------------------------------------------------
# Markdown


def test_200_kb_of_open_brackets_fails_check_and_build(project, capsys):
    body = ("[" * 100 + "\n\n") * 2_000  # 200 KB; paragraphs short enough to reach the bracket count
    project.write(PATH, VALID + body)
    paragraph, col = divmod(limits.MAX_BRACKETS - BODY_BRACKETS, 100)  # where the 1,001st `[` is
    loc = _only(project, PATH, "too-many-brackets")
    assert (loc.line, loc.col) == (BODY_LINE + 2 * paragraph, col + 1)
    assert main(["--root", str(project.root), "build"]) == 1
    err = capsys.readouterr().err
    assert f"{PATH}:{loc.line}:{loc.col}: galat:" in err and "Build dibatalkan" in err


def test_escaped_brackets_do_not_count(project):
    project.write(PATH, VALID + ("\\[" * 60 + "\n\n") * 30)
    assert _diagnostics(project, PATH) == []


def test_brackets_count_across_front_matter_and_body(project):
    project.write(
        PATH,
        VALID.replace("sumber:", "x:").replace('versi: "1.0"\n', 'versi: "1.0"\nsumber: ["' + "[" * 990 + '"]\n')
        + "[" * 20
        + "\n",
    )
    loc = _only(project, PATH, "too-many-brackets")
    # one front-matter line was added; 990 + the body's own brackets come before the new line
    assert (loc.line, loc.col) == (BODY_LINE + 1, limits.MAX_BRACKETS - 990 - BODY_BRACKETS + 1)


def test_paragraph_without_blank_lines(project):
    project.write(PATH, VALID + "\n" + "Kalimat yang panjang sekali tanpa baris kosong.\n" * 200)
    loc = _only(project, PATH, "paragraph-too-long")
    assert (loc.line, loc.col) == (BODY_LINE + 1, 1)


@pytest.mark.parametrize(
    ("body", "col"),
    [
        ("> " * 11 + "kutipan", 21),
        ("1. " * 11 + "butir", 31),
        ("- " * 11 + "butir", 21),
        (" " * 44 + "- butir", 45),
        ("\t" * 11 + "teks", 12),
        ("> - " * 6 + "campuran", 21),
    ],
    ids=["blockquotes", "ordered", "bullets", "indentation", "tabs", "mixed"],
)
def test_deep_markdown_nesting(project, body, col):
    project.write(PATH, VALID + "\n" + body + "\n")
    loc = _only(project, PATH, "markdown-too-deep")
    assert (loc.line, loc.col) == (BODY_LINE + 1, col)


def test_nested_list_one_level_per_line(project):
    body = "\n".join("    " * i + "- butir" for i in range(300))
    project.write(PATH, VALID + "\n" + body + "\n")
    loc = _only(project, PATH, "markdown-too-deep")
    assert (loc.line, loc.col) == (BODY_LINE + 1 + limits.MAX_NESTING, 4 * limits.MAX_NESTING + 1)


def test_nesting_at_the_limit_and_horizontal_rules_are_accepted(project):
    body = "> " * limits.MAX_NESTING + "kutipan\n\n" + "* " * 30 + "\n\n" + "_" * 80 + "\n\nNama: ________\n"
    project.write(PATH, VALID + "\n" + body)
    assert _diagnostics(project, PATH) == []


@pytest.mark.parametrize(
    "body",
    ["*" * 2_000 + "a" + "*" * 2_000, "*a " * 60 + "b" + "* c" * 60, "_a " * 60 + "b" + "_ c" * 60],
    ids=["star-run", "nested-stars", "nested-underscores"],
)
def test_deep_emphasis(project, body):
    project.write(PATH, VALID + "\n" + body + "\n")
    assert _only(project, PATH, "emphasis-too-deep").line == BODY_LINE + 1


def test_ordinary_emphasis_is_accepted(project):
    body = "- **Nama:** *isi* dan ***penting***, snake_case_name, 2 * 3 * 4\n" * 60
    project.write(PATH, VALID + "\n" + body)
    assert _diagnostics(project, PATH) == []


def test_deep_html(project):
    project.write(PATH, VALID + "\n" + "<div>" * 30 + "x" + "</div>" * 30 + "\n")
    loc = _only(project, PATH, "html-too-deep")
    assert (loc.line, loc.col) == (BODY_LINE + 1, 5 * limits.MAX_HTML_DEPTH + 1)


def test_unclosed_tags(project):
    project.write(PATH, VALID + "\n" + "nilai x <a dan y\n" * 30)
    loc = _only(project, PATH, "unclosed-tags")
    assert (loc.line, loc.col) == (BODY_LINE + 1 + limits.MAX_UNCLOSED_TAGS, len("nilai x ") + 1)


def test_closed_tags_and_less_than_are_accepted(project):
    project.write(PATH, VALID + "\n" + "usia <18 tahun, <sup>teks</sup> dan <https://contoh.id>\n\n" * 40)
    assert _diagnostics(project, PATH) == []


def test_definition_list_in_one_paragraph(project):
    project.write(PATH, VALID + "\nIstilah\n" + ":   definisi\n" * 60)
    loc = _only(project, PATH, "too-many-definitions")
    assert loc.line == BODY_LINE + 2 + limits.MAX_DEFINITIONS


def test_markdown_limits_apply_to_yaml_text_values(project):
    project.write(TERM, TERM_STR.replace("definisi: Bukti", "definisi: |\n  " + "> " * 20 + "Bukti"))
    loc = _only(project, TERM, "markdown-too-deep")
    assert loc.line == 3  # the start of the value: the line of `definisi:`


def test_real_guide_is_within_all_limits():
    from tests.conftest import REPO

    codes = {d.code for d in build_guide(REPO).report.diagnostics}
    assert not codes & {
        "control-character",
        "line-too-long",
        "yaml-too-deep",
        "markdown-too-deep",
        "html-too-deep",
        "emphasis-too-deep",
        "paragraph-too-long",
        "too-many-brackets",
        "too-many-definitions",
        "unclosed-tags",
    }
