"""Stage 1 helper: limits on source text that keep every later stage fast, bounded and crash-free.

sources.py applies these before anything expensive runs, so an oversized or pathological file
fails `panduan check` at once with one Indonesian message at `path:line:col` instead of hanging
MkDocs, overflowing Python's stack or killing a PDF worker later.

Each limit answers a behaviour measured on this stack (Python 3.11, Python-Markdown 3.x with the
site's extensions, PyYAML, WeasyPrint); the figures are in README.md ("Limits"). In short:

* Python-Markdown scans from every `[` to the end of its paragraph when the bracket does not
  close (and again for each nested bracket), so a 200 KB paragraph of `[` takes hours.
* Python's HTMLParser (used for raw HTML in Markdown) rescans the rest of the page for every
  `<tag` that never gets its `>`: quadratic in the whole page, across paragraphs.
* Most other block and inline work is quadratic in the length of one paragraph (definition lists,
  emphasis, inline code, links), so paragraphs are capped and the rest stays linear per file.
* Nested blockquotes, lists, admonitions, emphasis and HTML elements recurse (Python-Markdown,
  PyYAML's composer, WeasyPrint's layout) and hit the recursion limit a few hundred levels deep;
  WeasyPrint already takes seconds for 60 nested lists.

The limits are far above anything the real guide uses (see README.md) and are checked in linear
time with regular expressions, so checking a 1 MB file stays cheap.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_LINE_CHARS = 5_000  # longest real line: ~740 characters
MAX_YAML_DEPTH = 20  # deepest real YAML: 5 levels (law: bab → bagian → fields)
MAX_BLOCK_CHARS = 8_000  # longest real paragraph/table: ~1,450 characters
MAX_NESTING = 10  # blockquote/list/indentation levels on one line; real: 2
MAX_EMPHASIS_DEPTH = 50  # `*`/`_` open at once; real: 3 (`***`)
MAX_HTML_DEPTH = 20  # HTML elements open at once
MAX_DEFINITIONS = 50  # `:   definition` lines in one paragraph
MAX_BRACKETS = 1_000  # `[` per file; real maximum: 34
MAX_UNCLOSED_TAGS = 20  # `<letter` without `>` on its line, per file; real: 0


@dataclass(frozen=True)
class Finding:
    """One exceeded limit; `line` and `col` are 1-based within the text that was scanned."""

    code: str
    message: str
    line: int
    col: int
    hint: str = ""


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


# ---------------------------------------------------------------------------------------------
# Characters and lines (every source file)

# C0 controls except TAB and LF, a CR that does not end a CRLF, DEL, the C1 controls, the Unicode
# line/paragraph separators (PyYAML counts them as line breaks, which would shift every line
# number after them) and the two noncharacters PyYAML refuses to read.
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]|\r(?!\n)")
_CHAR_NAMES = {
    "\x00": "NUL",
    "\x08": "BACKSPACE",
    "\x0b": "tab vertikal",
    "\x0c": "form feed (pindah halaman)",
    "\x1b": "ESC",
    "\x7f": "DEL",
    "\x85": "NEL",
    "\u2028": "pemisah baris Unicode",
    "\u2029": "pemisah paragraf Unicode",
}


def check_controls(text: str) -> Finding | None:
    """The first invisible control character, on the decoded text before CRLF is folded."""
    bad = _FORBIDDEN.search(text)
    return _control_character(text, bad.start()) if bad else None


def check_line_length(text: str) -> Finding | None:
    """The first line longer than MAX_LINE_CHARS (text with `\n` line ends only)."""
    long_line = re.search(f"^[^\\n]{{{MAX_LINE_CHARS + 1}}}", text, re.MULTILINE)
    if long_line is None:
        return None
    line, _ = _position(text, long_line.start())
    return Finding(
        "line-too-long",
        f"baris ini lebih panjang dari {_thousands(MAX_LINE_CHARS)} karakter.",
        line,
        MAX_LINE_CHARS + 1,
        "Pecah menjadi beberapa baris atau paragraf; baris yang sangat panjang biasanya hasil tempelan yang rusak.",
    )


def _control_character(text: str, index: int) -> Finding:
    char = text[index]
    line, col = _position(text, index)
    if char == "\r":
        return Finding(
            "control-character",
            "akhir baris hanya berupa CR (format Mac lama); hanya LF atau CRLF yang diterima.",
            line,
            col,
            "Simpan ulang berkas dengan akhir baris LF (Unix) atau CRLF (Windows) di penyunting teks Anda.",
        )
    name = _CHAR_NAMES.get(char) or unicodedata.name(char, "karakter kendali")
    return Finding(
        "control-character",
        f"karakter tak terlihat U+{ord(char):04X} ({name}) tidak boleh ada di berkas sumber.",
        line,
        col,
        "Biasanya terbawa saat menyalin dari PDF, Word, atau terminal. Hapus karakter itu, misalnya "
        "dengan mengetik ulang kata di sekitarnya.",
    )


# ---------------------------------------------------------------------------------------------
# Markdown (guideline bodies and every text value in YAML, which templates render as Markdown)


class Budget:
    """Per-file counters: costs that grow with the whole page, not with one paragraph."""

    def __init__(self) -> None:
        self.brackets = 0
        self.unclosed_tags = 0


_BLANK_LINE = re.compile(r"\n[ \t]*(?=\n)")
_THEMATIC_BREAK = re.compile(r"[ ]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
# Lines whose leading run of container characters is long enough to possibly exceed MAX_NESTING.
_DEEP_CANDIDATE = re.compile(f"^[ \\t>*+\\-0-9.)]{{{MAX_NESTING + 1},}}", re.MULTILINE)
_CONTAINER = re.compile(r"(?:>|[-+*](?=[ \t])|[0-9]{1,9}[.)](?=[ \t]))[ \t]*")
# A backslash-escaped `\*`, `\_` or `\[` is plain text to Python-Markdown and costs nothing.
_EMPHASIS_RUN = re.compile(r"(?<!\\)(?:\*+|_+)")
_BRACKET = re.compile(r"(?<!\\)\[")
_DEFINITION = re.compile(r"^[ ]{0,3}:[ \t]", re.MULTILINE)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?:[\s/][^<>]*)?>")
_TAG_START = re.compile(r"<[A-Za-z]")
_VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def check_markdown(text: str, budget: Budget) -> Finding | None:
    """The first exceeded limit in one Markdown text, or None."""
    for check in (_check_nesting, _check_html_depth, _check_blocks):
        found = check(text)
        if found:
            return found
    return _check_brackets(text, budget) or _check_unclosed_tags(text, budget)


def _check_nesting(text: str) -> Finding | None:
    for candidate in _DEEP_CANDIDATE.finditer(text):
        start = candidate.start()
        end = text.find("\n", start)
        line_text = text[start : end if end >= 0 else len(text)]
        depth, col = _line_nesting(line_text)
        if depth > MAX_NESTING:
            line, _ = _position(text, start)
            return Finding(
                "markdown-too-deep",
                f"kutipan (`>`), daftar, atau indentasi bertingkat terlalu dalam ({depth} tingkat); "
                f"batasnya {MAX_NESTING} tingkat.",
                line,
                col,
                "Ratakan strukturnya: pecah menjadi beberapa daftar atau paragraf.",
            )
    return None


def _line_nesting(line: str) -> tuple[int, int]:
    """Container depth of one line, and the column of the marker that went past MAX_NESTING."""
    if _THEMATIC_BREAK.match(line):  # `* * * *` is a horizontal rule, not nested lists
        return 0, 1
    indent = len(line) - len(line.lstrip(" \t"))
    depth = len(line[:indent].expandtabs(4)) // 4  # four columns of indentation open one level
    col = position = indent
    while depth <= MAX_NESTING:
        marker = _CONTAINER.match(line, position)
        if marker is None:
            break
        depth, col, position = depth + 1, marker.start(), marker.end()
    return depth, col + 1


def _check_html_depth(text: str) -> Finding | None:
    open_tags = 0
    for tag in _TAG.finditer(text):
        closing, name = tag.group(1), tag.group(2).lower()
        if closing:
            open_tags = max(0, open_tags - 1)
        elif name not in _VOID_ELEMENTS and not tag.group(0).endswith("/>"):
            open_tags += 1
            if open_tags > MAX_HTML_DEPTH:
                line, col = _position(text, tag.start())
                return Finding(
                    "html-too-deep",
                    f"elemen HTML bertingkat terlalu dalam (lebih dari {MAX_HTML_DEPTH} tingkat).",
                    line,
                    col,
                    "Tutup setiap tag (`</div>`) dan kurangi tingkatnya; pedoman jarang memerlukan HTML.",
                )
    return None


def _blocks(text: str) -> list[tuple[int, int]]:
    """(start, end) of every paragraph-like block: lines between blank lines."""
    spans, start = [], 0
    for blank in _BLANK_LINE.finditer(text):
        spans.append((start, blank.start()))
        start = blank.end() + 1
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _check_blocks(text: str) -> Finding | None:
    for start, end in _blocks(text):
        found = _check_block(text, start, end)
        if found:
            return found
    return None


def _check_block(text: str, start: int, end: int) -> Finding | None:
    if end - start > MAX_BLOCK_CHARS:
        line, _ = _position(text, start)
        return Finding(
            "paragraph-too-long",
            f"paragraf atau blok ini lebih panjang dari {_thousands(MAX_BLOCK_CHARS)} karakter "
            f"({_thousands(end - start)} karakter tanpa baris kosong).",
            line,
            1,
            "Sisipkan baris kosong untuk memecahnya menjadi beberapa paragraf, atau pecah tabelnya.",
        )
    definitions = list(_DEFINITION.finditer(text, start, end))
    if len(definitions) > MAX_DEFINITIONS:
        line, col = _position(text, definitions[MAX_DEFINITIONS].start())
        return Finding(
            "too-many-definitions",
            f"lebih dari {MAX_DEFINITIONS} baris definisi (`:   `) dalam satu paragraf.",
            line,
            col,
            "Sisipkan baris kosong di antara istilah-istilah definisi.",
        )
    return _check_emphasis(text, start, end)


def _check_emphasis(text: str, start: int, end: int) -> Finding | None:
    """Estimate how deeply `*`/`_` emphasis nests; Python-Markdown recurses once per level."""
    stack: list[int] = []  # lengths of the runs that are still open
    depth = 0
    for run in _EMPHASIS_RUN.finditer(text, start, end):
        before = text[run.start() - 1] if run.start() > start else " "
        after = text[run.end()] if run.end() < end else " "
        opens, closes = not after.isspace(), not before.isspace()
        if run.group()[0] == "_" and before.isalnum() and after.isalnum():
            continue  # snake_case: an underscore inside a word is text
        if closes and stack:
            if depth > MAX_EMPHASIS_DEPTH:
                line, col = _position(text, run.start())
                return Finding(
                    "emphasis-too-deep",
                    f"tanda `*` atau `_` bertumpuk terlalu dalam (lebih dari {MAX_EMPHASIS_DEPTH} tingkat).",
                    line,
                    col,
                    "Periksa pasangan `*`/`_` di paragraf ini; tulis `\\*` untuk bintang biasa.",
                )
            remaining = len(run.group())
            while stack and remaining > 0:
                popped = stack.pop()
                depth -= popped
                remaining -= popped
        elif opens:
            stack.append(len(run.group()))
            depth += len(run.group())
    return None


def _check_brackets(text: str, budget: Budget) -> Finding | None:
    count = text.count("[") - text.count("\\[")
    if budget.brackets + count <= MAX_BRACKETS:
        budget.brackets += count
        return None
    allowed = MAX_BRACKETS - budget.brackets
    over = next(m for i, m in enumerate(_BRACKET.finditer(text)) if i == allowed)
    line, col = _position(text, over.start())
    return Finding(
        "too-many-brackets",
        f"berkas ini memuat lebih dari {_thousands(MAX_BRACKETS)} tanda `[`.",
        line,
        col,
        "Pecah isinya menjadi beberapa pedoman; tulis `\\[` untuk kurung siku biasa.",
    )


def _check_unclosed_tags(text: str, budget: Budget) -> Finding | None:
    line_end, last_gt = -1, -1
    for tag in _TAG_START.finditer(text):
        if tag.start() > line_end:  # first tag on a new line: find that line's last `>` once
            line_start = text.rfind("\n", 0, tag.start()) + 1
            line_end = text.find("\n", tag.start())
            line_end = len(text) if line_end < 0 else line_end
            last_gt = text.rfind(">", line_start, line_end)
        if tag.start() < last_gt:
            continue
        budget.unclosed_tags += 1
        if budget.unclosed_tags > MAX_UNCLOSED_TAGS:
            line, col = _position(text, tag.start())
            return Finding(
                "unclosed-tags",
                f"lebih dari {MAX_UNCLOSED_TAGS} tanda `<` yang diikuti huruf tetapi tidak ditutup `>` pada barisnya.",
                line,
                col,
                "Tulis `&lt;` untuk tanda kurang-dari, atau tutup tag HTML dengan `>` pada baris yang sama.",
            )
    return None
