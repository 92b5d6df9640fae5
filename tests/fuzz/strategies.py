"""Hypothesis strategies for source files: valid-ish structures filled with hostile text.

Documents start from the valid fixtures in tests/conftest.py, so most examples get past the YAML
parser into validation, cross-checks and rendering; then fields are replaced, added or dropped,
and text is mixed from Markdown/YAML syntax, citations, unicode, control characters and long runs
of nesting characters (up to 400, past every limit in panduan.limits).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml
from hypothesis import strategies as st

from tests.conftest import GUIDELINE, REGISTRY_PERAN, TERM_STR

SYNTAX = [
    "[",
    "]",
    "[[",
    "]]",
    "(",
    ")",
    "](",
    "![",
    "`",
    "```",
    "~~~",
    "*",
    "**",
    "_",
    "__",
    ">",
    "> ",
    "- ",
    "* ",
    "1. ",
    "#",
    "## ",
    "<",
    "<div>",
    "</div>",
    '<div markdown="1">',
    "<a ",
    "<br/>",
    "&",
    "&amp;",
    "&#",
    ":",
    ": ",
    ":   ",
    "|",
    "| a | b |",
    "|---|---|",
    "---",
    "...",
    "!!! note",
    "??? info",
    "{: .kelas }",
    "{",
    "}",
    "\\",
    '"',
    "'",
    "%",
    "@",
    "&a",
    "*a",
    "!!str",
    "!tag",
    "? ",
    "- [ ] ",
    "- [x] ",
    "<!--",
    "-->",
    "[^1]",
    "*[STR]: x",
]
WORDS = [
    "Pekerja Sosial",
    "STR",
    "klien",
    "pendamping",
    "UU14 Pasal 42",
    "[[UU14 Pasal 43 huruf b]]",
    "[[UU14 Pasal 99]]",
    "[[UU14 Pasal 44 ayat 9]]",
    "[[UU99 Pasal 1]]",
    "[[ ]]",
    "UU14 Pasal 1 angka 13",
    "surat-tanda-registrasi",
    "etika-klien",
    "pekerja-sosial",
    "2026-12-01",
    "2026-02-30",
    "1.0",
    "no",
    "null",
    "~",
]
UNICODE = ["é", "ß", "İ", "ǅ", "Σ", "漢字", "😀", "\u200b", "\u00a0", "\ufeff", "\u0301", "ﬁ", "\U0001f1ee\U0001f1e9"]
CONTROL = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\x9f", "\u2028", "\u2029", "\r", "\ufffe"]
WHITESPACE = ["\n", "\n\n", " ", "    ", "\t", "\r\n"]
DEEP_UNITS = [
    "[",
    "]",
    "[[",
    "{a: ",
    "{",
    "- ",
    "> ",
    ">",
    "    ",
    "*",
    "_",
    "**",
    "*a ",
    "<div>",
    "`",
    "1. ",
    "[a](",
    "<a ",
]

deep_run = st.builds(lambda unit, n: unit * n, st.sampled_from(DEEP_UNITS), st.integers(1, 400))
# Printable text of any script; control characters are sprinkled separately (`sprinkled`), rarely
# enough that most examples get past the character check into the parsers.
printable = st.text(st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=12)
fragment = st.one_of(
    st.sampled_from(SYNTAX),
    st.sampled_from(SYNTAX),
    st.sampled_from(WORDS),
    st.sampled_from(WORDS),
    st.sampled_from(WHITESPACE),
    st.sampled_from(UNICODE),
    printable,
    deep_run,
)
text = st.lists(fragment, max_size=40).map("".join)
line = st.lists(fragment.filter(lambda f: "\n" not in f), max_size=12).map("".join)
markdown_body = st.lists(st.one_of(line, line, st.just("")), max_size=40).map("\n".join)

scalar = st.one_of(
    text,
    st.sampled_from(WORDS),
    st.none(),
    st.integers(-(10**20), 10**20),
    st.booleans(),
    st.floats(allow_nan=True),
    st.dates(min_value=dt.date(1, 1, 1)),
)
yaml_value = st.recursive(
    scalar,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


def _front_matter(source: str) -> dict:
    return yaml.load(source.split("---\n")[1], Loader=yaml.BaseLoader)  # every scalar as text


GUIDELINE_DATA = _front_matter(GUIDELINE.format(id="kerahasiaan"))
TERM_DATA = yaml.load(TERM_STR, Loader=yaml.BaseLoader)
REGISTRY_DATA = yaml.load(REGISTRY_PERAN, Loader=yaml.BaseLoader)


def _often_none(strategy):
    """Half of the examples keep `base` as it is in this respect, so many stay valid."""
    return st.one_of(st.just(None), strategy)


@st.composite
def mutated(draw, base: dict) -> dict:
    """`base` with some fields replaced, dropped, or added (known or random names)."""
    data = dict(base)
    for key in draw(_often_none(st.lists(st.sampled_from(sorted(base)), max_size=3))) or []:
        data.pop(key, None)
    keys = st.sampled_from(sorted(base)) | printable
    for key, value in (draw(_often_none(st.dictionaries(keys, yaml_value, max_size=3))) or {}).items():
        data[key] = value
    return data


# Fields whose text is rendered (as Markdown) rather than looked up as an id, date or choice.
FREE_TEXT = {
    "judul",
    "ringkasan",
    "teks",
    "nama",
    "kapan",
    "istilah",
    "definisi",
    "inggris",
    "deskripsi",
    "status_hukum",
}


@st.composite
def hostile_texts(draw, data: Any, *, only_free_text: bool, key: Any = None) -> Any:
    """The same structure with some text values replaced by hostile text (still text, so valid-ish)."""
    if isinstance(data, dict):
        return {k: draw(hostile_texts(v, only_free_text=only_free_text, key=k)) for k, v in data.items()}
    if isinstance(data, list):
        return [draw(hostile_texts(v, only_free_text=only_free_text, key=key)) for v in data]
    if isinstance(data, str) and (key in FREE_TEXT or not only_free_text) and draw(st.sampled_from(range(3))) == 1:
        return draw(text)
    return data


@st.composite
def yaml_text(draw, base: dict) -> str:
    """A YAML document: a dump of mutated data, sometimes with hostile text spliced into its lines."""
    data = draw(
        st.one_of(mutated(base), hostile_texts(base, only_free_text=False), hostile_texts(base, only_free_text=True))
    )
    dumped = yaml.safe_dump(
        data,
        allow_unicode=draw(st.booleans()),
        sort_keys=False,
        default_flow_style=draw(st.sampled_from([False, None, True])),
        width=draw(st.sampled_from([80, 10**6])),
    )
    lines = dumped.split("\n")
    for _ in range(draw(_often_none(st.integers(1, 3))) or 0):
        at = draw(st.integers(0, len(lines)))
        lines.insert(at, draw(line))
    return "\n".join(lines)


@st.composite
def guideline_text(draw) -> str:
    front = draw(yaml_text(GUIDELINE_DATA))
    body = draw(markdown_body)
    shape = draw(st.sampled_from(["normal", "normal", "normal", "no-front-matter", "unclosed", "empty-front-matter"]))
    if shape == "no-front-matter":
        return body
    if shape == "unclosed":
        return f"---\n{front}\n{body}"
    if shape == "empty-front-matter":
        return f"---\n---\n{body}"
    return f"---\n{front}\n---\n{body}"


def _rarely(draw, one_in: int) -> bool:
    # Not `integers(0, n) == 0`: Hypothesis favours boundary values, so that would be frequent.
    return draw(st.sampled_from(range(one_in))) == one_in // 2


@st.composite
def sprinkled(draw, text_strategy) -> str:
    """Text with, in about one example in five, a control character at a random place."""
    content = draw(text_strategy)
    if _rarely(draw, 5):
        at = draw(st.integers(0, len(content)))
        content = content[:at] + draw(st.sampled_from(CONTROL)) + content[at:]
    return content


@st.composite
def encoded(draw, text_strategy) -> bytes:
    """Text as a file's bytes: UTF-8, sometimes with a BOM, CRLF, a control character or an invalid byte."""
    content = draw(sprinkled(text_strategy))
    if draw(st.booleans()):
        content = content.replace("\n", "\r\n")
    raw = content.encode("utf-8", "surrogatepass")
    if _rarely(draw, 10):
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.sampled_from([b"\xff", b"\xc3", b"\xe2\x82", b"\xed\xa0\x80", b"\xc0\xaf"])) + raw[at:]
    if draw(st.booleans()):
        raw = b"\xef\xbb\xbf" + raw
    return raw


@st.composite
def renderable_guideline(draw) -> bytes:
    """Valid structure, hostile text only where text is rendered: most of these pass the check."""
    data = draw(hostile_texts(GUIDELINE_DATA, only_free_text=True))
    front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6)
    return f"---\n{front}---\n{draw(markdown_body)}".encode()


guideline_bytes = encoded(guideline_text())
term_bytes = encoded(yaml_text(TERM_DATA))
