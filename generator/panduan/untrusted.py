"""Untrusted content: what editors may write that ends up as HTML, checked at the source.

Every text an editor writes (a guideline body, any front-matter text, a glossary term, registry and
law data) is rendered through Markdown into the site, the PDFs and the search index. Markdown
passes raw HTML through, so this module is the gate: raw HTML is limited to a small allow-list,
Markdown attribute lists (`{: … }`) to `#id` and a few classes, and link destinations to safe URL
schemes. Anything else is an error at its `path:line:col`, with the fix in Indonesian.

Code is exempt: inside code spans and fenced code the same characters are shown, not run.
The sanitizer in `panduan.sanitize` is the backstop behind this check, never a replacement.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from panduan import cache
from panduan.diagnostics import Diagnostic, Location
from panduan.markdown_spans import outside
from panduan.model import Guide
from panduan.sources import SourceFile

# ---------------------------------------------------------------------------------------------
# The allow-lists (documented for editors in docs/kontribusi/index.md and CONTRIBUTING.md)

ALLOWED_TAGS: dict[str, frozenset[str]] = {
    "abbr": frozenset({"title"}),
    "kbd": frozenset(),
    "br": frozenset(),
    "sup": frozenset(),
    "sub": frozenset(),
}
# Classes an editor may give a block with `{: .class }`: presentational ones from docs/assets/panduan.css.
ALLOWED_CLASSES = frozenset({"pp-lead", "pp-kutipan"})
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Front-matter fields that hold a bare URL (rendered as a link by the templates).
URL_FIELDS = frozenset({"tautan_resmi"})

CODES = ("raw-html", "raw-html-attribute", "unsafe-url", "attribute-list")

_ALLOWED_HTML_HINT = (
    'HTML yang diizinkan hanya `<abbr title="…">`, `<kbd>`, `<br>`, `<sup>`, dan `<sub>`, tanpa atribut lain. '
    "Bila tanda `<` memang bagian dari teks, tulis `&lt;` atau apit dengan backtick (`` ` ``)."
)
# What to write instead, for the tags editors reach for most.
_TAG_ADVICE = {
    "a": "Tulis tautan dengan Markdown: `[teks](https://alamat)`.",
    "b": "Tulis teks tebal dengan Markdown: `**teks**`.",
    "strong": "Tulis teks tebal dengan Markdown: `**teks**`.",
    "i": "Tulis teks miring dengan Markdown: `*teks*`.",
    "em": "Tulis teks miring dengan Markdown: `*teks*`.",
    "p": "Pisahkan paragraf dengan satu baris kosong.",
    "div": "Pisahkan bagian dengan baris kosong atau judul `##`.",
    "span": "Tulis teksnya saja, atau pakai `**tebal**`/`*miring*`.",
    "ul": "Tulis daftar dengan Markdown: baris yang diawali `- `.",
    "ol": "Tulis daftar bernomor dengan Markdown: baris yang diawali `1. `.",
    "li": "Tulis daftar dengan Markdown: baris yang diawali `- `.",
    "table": "Tulis tabel dengan Markdown (`| kolom | kolom |`).",
    "img": "Gambar belum dapat dimuat dari teks sumber; jelaskan dengan kata-kata.",
    "h1": "Tulis judul bagian dengan Markdown: `## Judul`.",
    "h2": "Tulis judul bagian dengan Markdown: `## Judul`.",
    "h3": "Tulis judul bagian dengan Markdown: `### Judul`.",
    "details": "Tulis isinya sebagai teks biasa; bagian yang dapat dilipat tidak didukung di sumber.",
    "script": "Skrip tidak pernah diizinkan di teks sumber.",
    "style": "Tampilan diatur oleh situs; hapus tag ini.",
}


# ---------------------------------------------------------------------------------------------
# Findings in one text


@dataclass(frozen=True)
class Finding:
    """One problem in a text: where (offset into the text), what, and the token to point at."""

    offset: int
    code: str
    message: str
    hint: str
    token: str  # the exact characters at `offset`, used to find them again in the raw YAML


# Code never runs: fenced blocks and code spans. Both patterns are narrower than Markdown's, so
# whatever they call code is code to every renderer (site and PDF): a fence opens at column 0 with
# at most a plain info string, a code span stays on one line, and a backslash-escaped backtick
# opens nothing. Anything else is scanned, at worst reporting a tag that was really code.
_CODE = re.compile(
    r"^(?P<fence>```+|~~~+)[ ]*(?:\{[^\n]*\}|\.?[\w#.+-]*)[ ]*\n.*?^(?P=fence)[ ]*$"  # fenced block
    r"|(?<![\\`])(?P<ticks>`+)(?!`)[^\n]+?(?<!`)(?P=ticks)(?!`)",  # inline code, any number of backticks
    re.MULTILINE | re.DOTALL,
)
_MARKUP = re.compile(r"<(?:!--|!|\?|/?[A-Za-z])")
# `&lt;b&gt;` is text to Markdown, but the theme copies titles and tooltips into HTML again.
_ENCODED_MARKUP = re.compile(r"&(?:lt|#0*60|#x0*3c);?(?=/?[A-Za-z!?])", re.IGNORECASE)
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}):[^\s<>]*>")
_AUTOMAIL = re.compile(r"<[^<> !]+@[^@<> ]+>")
_TAG_NAME = re.compile(r"</?([A-Za-z][^\s/>]*)")
_ATTR_NAME = re.compile(r"[^\s/>][^\s/>=]*")
# Link destinations: inline links and images `](url`, reference definitions `[id]: url`.
_LINK_DEST = re.compile(r"\]\([ \t]*(?:<([^>\n]*)>|([^\s)]+))")
# (Indented too: inside a list item or block quote Markdown still reads a definition.)
_REF_DEF = re.compile(r"^[ \t>]*\[[^\]\n]+\]:[ \t]*(?:<([^>\n]*)>|(\S+))", re.MULTILINE)
# attr_list applies to a heading, cell or block ending with the braces, or to the inline element
# (emphasis, link, code, raw HTML …) directly before them.
_ATTR_AFTER = frozenset("*_`)]>~^=}")
_ATTR_TOKEN = re.compile(r"""[^ =}]+="[^"]*"|[^ =}]+='[^']*'|[^ =}]+=[^ =}]+|[^ =}]+""")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f\\]+")


def scan_text(text: str) -> list[Finding]:
    """Every disallowed construct in one Markdown text, in order, code excluded."""
    findings: list[Finding] = []
    for start, end in outside(_CODE, text):
        findings += _scan_html(text, start, end)
        findings += [
            Finding(
                m.start(),
                "raw-html",
                f"tag HTML tersamar (`{m.group()}…`) tidak diizinkan: tema situs menampilkan judul dan keterangan sebagai HTML.",
                "Bila teks itu memang harus tampil, apit dengan backtick (`` ` ``) sebagai kode.",
                m.group(),
            )
            for m in _ENCODED_MARKUP.finditer(text, start, end)
        ]
        findings += _scan_links(text, start, end)
        findings += _scan_attr_lists(text, start, end)
    return sorted(findings, key=lambda f: f.offset)


def scan_url(value: str) -> list[Finding]:
    """A field that holds one URL (e.g. `tautan_resmi`)."""
    problem = _bad_scheme(value)
    return [problem(0, value)] if problem else []


# `<!-- fiktif: alasan -->` marks a reviewed fictional example for the personal-data check; it is
# a plain comment (no markup inside) and the sanitizer drops comments from the pages anyway.
_REVIEWER_MARKER = re.compile(r"<!--\s*fiktif\b[^<>]*?-->", re.IGNORECASE)


def _scan_html(text: str, start: int, end: int) -> Iterator[Finding]:
    reported: set[str] = set()
    position = start
    while True:
        match = _MARKUP.search(text, position, end)
        if match is None:
            return
        at = match.start()
        opener = match.group()
        if opener == "<!--":
            marker = _REVIEWER_MARKER.match(text, at, end)
            if marker is not None:  # the reviewed fictional-example marker of privacy.py
                position = marker.end()
                continue
            position = at + 4
            yield Finding(
                at,
                "raw-html",
                "komentar HTML (`<!-- … -->`) tidak diizinkan di teks sumber.",
                "Hapus komentarnya; catatan untuk penyunting lain dapat ditulis di deskripsi pull request.",
                "<!--",
            )
            continue
        if opener in ("<!", "<?"):
            position = at + 2
            yield Finding(
                at,
                "raw-html",
                f"deklarasi HTML `{opener}…>` tidak diizinkan di teks sumber.",
                _ALLOWED_HTML_HINT,
                opener,
            )
            continue
        autolink = _AUTOLINK.match(text, at, end)
        if autolink:
            position = autolink.end()
            scheme = autolink.group(1).lower()
            if scheme not in ALLOWED_SCHEMES:
                yield _scheme_finding(at + 1, scheme, autolink.group()[1:-1])
            continue
        if _AUTOMAIL.match(text, at, end):
            position = _AUTOMAIL.match(text, at, end).end()  # type: ignore[union-attr]
            continue
        name_match = _TAG_NAME.match(text, at, end)
        assert name_match is not None  # _MARKUP guarantees a letter after `<` or `</`
        name = name_match.group(1).lower()
        closing = opener.startswith("</")
        attrs, position = _attributes(text, name_match.end(), end)
        if name not in ALLOWED_TAGS:
            if closing and name in reported:
                continue
            reported.add(name)
            advice = _TAG_ADVICE.get(name, "")
            yield Finding(
                at,
                "raw-html",
                f"tag HTML `<{name}>` tidak diizinkan di teks sumber.",
                (advice + " " if advice else "") + _ALLOWED_HTML_HINT,
                name_match.group(),
            )
            continue
        for attr, offset in attrs:
            if attr not in ALLOWED_TAGS[name]:
                yield _attribute_finding(offset, name, attr)


def _attributes(text: str, position: int, end: int) -> tuple[list[tuple[str, int]], int]:
    """(attribute name, offset) of one tag, as an HTML tokenizer splits them; and where the tag ends."""
    attrs: list[tuple[str, int]] = []
    while position < end:
        char = text[position]
        if char == ">":
            return attrs, position + 1
        if char.isspace() or char == "/":
            position += 1
            continue
        if char == "<":  # an unclosed tag: Markdown escapes it, but report what was written
            return attrs, position
        name = _ATTR_NAME.match(text, position, end)
        assert name is not None
        attrs.append((name.group().lower(), position))
        position = name.end()
        while position < end and text[position].isspace():
            position += 1
        if position < end and text[position] == "=":
            position += 1
            while position < end and text[position].isspace():
                position += 1
            if position < end and text[position] in "\"'":
                close = text.find(text[position], position + 1, end)
                position = end if close < 0 else close + 1
            else:
                while position < end and not text[position].isspace() and text[position] != ">":
                    position += 1
    return attrs, position


def _attribute_finding(offset: int, tag: str, attr: str) -> Finding:
    if attr.startswith("on"):
        message = f"atribut penangan peristiwa `{attr}` pada `<{tag}>` tidak diizinkan: atribut ini menjalankan skrip."
    elif attr == "style":
        message = f"atribut `style` pada `<{tag}>` tidak diizinkan; tampilan diatur oleh situs."
    else:
        message = f"atribut `{attr}` tidak diizinkan pada `<{tag}>`."
    allowed = ", ".join(f"`{a}`" for a in sorted(ALLOWED_TAGS[tag]))
    hint = f"Pada `<{tag}>` hanya boleh atribut {allowed}." if allowed else f"`<{tag}>` ditulis tanpa atribut."
    return Finding(offset, "raw-html-attribute", message, hint, attr)


def _bad_scheme(url: str) -> Any:
    """A factory for the finding when `url` uses a scheme outside the allow-list, else None."""
    # Browsers drop tabs and newlines inside URLs and decode entities first: do the same.
    normalized = _INVISIBLE.sub("", html.unescape(url)).lower()
    match = _SCHEME.match(normalized)
    if match is None or match.group(1) in ALLOWED_SCHEMES:
        return None
    return lambda offset, token: _scheme_finding(offset, match.group(1), token)


def _scheme_finding(offset: int, scheme: str, token: str) -> Finding:
    danger = " yang dapat menjalankan skrip" if scheme in ("javascript", "vbscript", "data") else ""
    return Finding(
        offset,
        "unsafe-url",
        f"alamat tautan berskema `{scheme}:`{danger} tidak diizinkan.",
        "Tautan hanya boleh ke `https://…`, `http://…`, `mailto:…`, `tel:…`, atau ke halaman lain di panduan ini.",
        token.split()[0] if token.split() else token,
    )


def _scan_links(text: str, start: int, end: int) -> Iterator[Finding]:
    for pattern in (_LINK_DEST, _REF_DEF):
        for match in pattern.finditer(text, start, end):
            group = 1 if match.group(1) is not None else 2
            url = match.group(group)
            problem = _bad_scheme(url)
            if problem:
                yield problem(match.start(group), url)


def _scan_attr_lists(text: str, start: int, end: int) -> Iterator[Finding]:
    """`{…}` as Python-Markdown's attr_list reads it: from `{` (or `{:`) to the last `}` of the line."""
    position = start
    while True:
        opening = text.find("{", position, end)
        if opening < 0:
            return
        position = opening + 1
        backslashes = len(text[:opening]) - len(text[:opening].rstrip("\\"))
        if backslashes % 2:
            continue  # `\{` is a literal brace
        line_end = text.find("\n", opening, end)
        line_end = end if line_end < 0 else line_end
        closing = text.rfind("}", opening, line_end)
        if closing < 0:
            continue
        content_start = opening + 1
        if text.startswith(":", content_start):
            content_start += 1
        while content_start < closing and text[content_start] == " ":
            content_start += 1
        if content_start >= closing:
            continue
        before = text[opening - 1] if opening > 0 else "\n"
        after = text[closing + 1 : line_end].strip()
        # attr_list applies to a heading, cell or block ending with the braces, and to the inline
        # element (emphasis, link, code, raw HTML …) directly before them.
        if not (before in _ATTR_AFTER or not after or after.startswith("|")):
            continue
        position = closing + 1
        for token in _ATTR_TOKEN.finditer(text, content_start, closing):
            finding = _attr_token_finding(token.group(), token.start())
            if finding:
                yield finding


def _attr_token_finding(token: str, offset: int) -> Finding | None:
    hint = (
        f"Daftar atribut `{{: … }}` hanya boleh berisi `#id` dan kelas {', '.join(f'`.{c}`' for c in sorted(ALLOWED_CLASSES))}. "
        "Bila kurung kurawal itu memang bagian dari teks, tulis `\\{` dan `\\}`."
    )
    if token.startswith("#"):
        if _ID.fullmatch(token[1:]) and not token[1:].startswith("__"):
            return None
        return Finding(
            offset,
            "attribute-list",
            f"id `{token}` pada daftar atribut tidak sah.",
            "Id hanya huruf, angka, dan tanda hubung.",
            token,
        )
    if token.startswith("."):
        if token[1:] in ALLOWED_CLASSES:
            return None
        return Finding(offset, "attribute-list", f"kelas `{token}` pada daftar atribut tidak diizinkan.", hint, token)
    key = token.split("=", 1)[0].lower()
    if key.startswith("on"):
        message = f"daftar atribut memuat penangan peristiwa `{key}`, yang menjalankan skrip."
    elif key == "style":
        message = "daftar atribut memuat `style`; tampilan diatur oleh situs."
    else:
        message = f"daftar atribut memuat `{token}`, yang tidak diizinkan."
    return Finding(offset, "attribute-list", message, hint, token.split("=", 1)[0])


# ---------------------------------------------------------------------------------------------
# Where: a finding's line and column in the source file


def body_location(file: SourceFile, offset: int) -> Location:
    body = file.body
    line = file.body_line + body.count("\n", 0, offset)
    col = offset - (body.rfind("\n", 0, offset) + 1) + 1
    return Location(file.path, line, col)


def field_location(file: SourceFile, path: tuple[str | int, ...], value: str, finding: Finding) -> Location:
    """The finding inside a YAML value: found again in the raw text after the value's mark.

    The value's text is the raw text with YAML's quoting and folding undone, so the token is looked
    for in the raw text between this value's mark and the next one; when it cannot be found there
    (an escape such as `\\x3c` in a quoted string), the value's own position is reported.
    """
    start = file.location(path)
    raw = file.text
    if not raw or not finding.token:
        return start
    lines = raw.split("\n")
    begin = sum(len(line) + 1 for line in lines[: start.line - 1]) + start.col - 1
    stop = _next_mark(file, (start.line, start.col), raw, lines)
    occurrence = value.count(finding.token, 0, finding.offset)
    at = begin - 1
    for _ in range(occurrence + 1):
        at = raw.find(finding.token, at + 1, stop)
        if at < 0:
            return start
    line = raw.count("\n", 0, at) + 1
    col = at - (raw.rfind("\n", 0, at) + 1) + 1
    return Location(file.path, line, col)


def _next_mark(file: SourceFile, mark: tuple[int, int], raw: str, lines: list[str]) -> int:
    later = [m for m in (*file.doc.value_marks.values(), *file.doc.key_marks.values()) if m > mark]
    if not later:
        return len(raw) if not file.body else len(raw) - len(file.body)
    line, col = min(later)
    return sum(len(text) + 1 for text in lines[: line - 1]) + col - 1


# ---------------------------------------------------------------------------------------------
# The rule over the whole guide


def _strings(data: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, (*path, i))


def source_files(guide: Guide) -> list[SourceFile]:
    """Every loaded source file, once, in a stable order."""
    objects: Iterable[Any] = [
        *guide.topics.values(),
        *guide.roles.values(),
        *guide.services.values(),
        *guide.task_kinds.values(),
        *guide.competencies.values(),
        *guide.stages.values(),
        *guide.teams.values(),
        *guide.editions.values(),
        *guide.situations.values(),
        *(law.source for law in guide.laws),
        *(term.source for term in guide.terms.values()),
        *guide.guidelines.values(),
    ]
    files: dict[str, SourceFile] = {}
    for obj in objects:
        files.setdefault(obj.file.path, obj.file)
    return [files[path] for path in sorted(files)]


def check_file(file: SourceFile) -> Iterator[Diagnostic]:
    """One file's findings, kept in the cache by its content (what the loader made of it is a
    function of that content)."""
    if not file.text:  # built in memory, not read: nothing to key it by
        yield from _scan_file(file)
        return
    key = (file.path, cache.content_hash(file.text), file.body_line)
    yield from cache.memo("teks-mentah", key, lambda: list(_scan_file(file)))


def _scan_file(file: SourceFile) -> Iterator[Diagnostic]:
    for path, value in _strings(file.doc.data):
        field = next((p for p in reversed(path) if isinstance(p, str)), "")
        findings = scan_url(value) if field in URL_FIELDS else scan_text(value)
        for f in findings:
            yield Diagnostic(f.code, f.message, (field_location(file, path, value, f),), f.hint)
    for f in scan_text(file.body):
        yield Diagnostic(f.code, f.message, (body_location(file, f.offset),), f.hint)


def check_untrusted(guide: Guide) -> Iterator[Diagnostic]:
    """Raw HTML, attribute lists and link schemes in every text of every source file."""
    for file in source_files(guide):
        yield from check_file(file)
