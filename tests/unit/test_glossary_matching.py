"""Glossary linking rules: whole words, case, longest match, protected Markdown, first occurrence."""

from __future__ import annotations

from panduan.glossary import TermMatcher
from panduan.model import Term
from panduan.schema import TermSource
from panduan.segments import FirstUse, TermUse, segment


def _term(term_id: str, istilah: str, singkatan: str | None = None, alias: list[str] | None = None) -> Term:
    return Term(term_id, TermSource(istilah=istilah, singkatan=singkatan, alias=alias or [], definisi="d"))


MATCHER = TermMatcher(
    [
        _term("pekerja-sosial", "Pekerja Sosial"),
        _term("psp", "Pekerja Sosial Profesional"),
        _term("str", "Surat Tanda Registrasi", singkatan="STR"),
        _term("kpm", "Keluarga Penerima Manfaat", singkatan="KPM", alias=["keluarga penerima"]),
        _term("rawan", "rawan"),
    ]
)


def _link(text: str, first: FirstUse | None = None) -> str:
    """The text with each term's first use (on the page `first` tracks) written `<id:words>`."""
    first = first or FirstUse()
    return "".join(
        f"<{s.term}:{s.text}>" if isinstance(s, TermUse) and first.claim(s.term) else s.text
        for s in segment(text, MATCHER)
    )


def test_longest_match_wins():
    assert _link("Seorang pekerja sosial profesional datang.") == "Seorang <psp:pekerja sosial profesional> datang."


def test_words_match_case_insensitively():
    assert _link("PEKERJA SOSIAL hadir") == "<pekerja-sosial:PEKERJA SOSIAL> hadir"


def test_acronyms_are_case_sensitive():
    assert _link("Urus str dulu") == "Urus str dulu"
    assert _link("Urus STR dulu") == "Urus <str:STR> dulu"


def test_whole_words_only():
    assert _link("relawan bukan kerawanan") == "relawan bukan kerawanan"
    assert _link("STRATEGI dan KPMx") == "STRATEGI dan KPMx"


def test_only_first_occurrence_is_linked():
    assert _link("KPM dan KPM lagi") == "<kpm:KPM> dan KPM lagi"


def test_alias_links_to_its_term():
    assert _link("keluarga penerima bantuan") == "<kpm:keluarga penerima> bantuan"


def test_no_match_in_headings_code_links_or_citations():
    text = (
        "## Pekerja Sosial di judul\n\n"
        "`STR` dalam kode dan [STR](x.md) dalam tautan dan [[UU14 Pasal 1 angka 13]].\n\n"
        "```\nKPM di blok kode\n```\n\n"
        '<span title="KPM">html</span> lalu KPM.\n'
    )
    out = _link(text)
    assert out.startswith("## Pekerja Sosial di judul\n")
    assert "`STR`" in out and "[STR](x.md)" in out and "[[UU14 Pasal 1 angka 13]]" in out
    assert "KPM di blok kode" in out and '<span title="KPM">' in out
    assert out.rstrip().endswith("lalu <kpm:KPM>.")


def test_first_use_spans_several_fragments_of_a_page():
    page = FirstUse()
    assert _link("STR pertama", page) == "<str:STR> pertama"
    assert _link("STR kedua", page) == "STR kedua"
    assert segment("STR kedua", MATCHER).terms == ["str"]  # still a use of the term, just not linked
