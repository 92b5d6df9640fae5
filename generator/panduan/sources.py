"""Stage 1: read source files safely and parse their YAML while keeping line marks.

Decisions about YAML's traps, made once here (and tested in tests/sources/):

* Every scalar is read as text. YAML 1.1 implicit typing turns `versi: 1.0` into a float,
  `no` into False and `2026-02-30` into an exception; the schema parses text instead, so the editor
  gets one clear message in the schema's words.
* Aliases (and so merge keys and "billion laughs" bombs) are rejected while composing, before any
  expansion happens. Editors never need them.
* Explicit tags other than YAML's standard ones (`!!python/object`, `!foo`) are rejected: no
  object is ever constructed from a source file.
* A key that appears twice in one mapping is an error (PyYAML keeps the last one silently).
* A UTF-8 BOM and CRLF line endings are accepted; invalid UTF-8 and files over 1 MB are not.
* A source is a regular file inside the repository: a symlink that leads out of it, a folder named
  like a source, a FIFO or a device is an error (reading a FIFO would hang the build).
* Invisible control characters are rejected at their line and column: C0 controls other than TAB
  and LF, a CR that is not part of CRLF, DEL, C1 controls and U+2028/U+2029 (PyYAML counts the
  last ones as line breaks, so every later line number would be wrong).
* Nesting deeper than `limits.MAX_YAML_DEPTH` is rejected while composing, long before PyYAML's
  recursive composer (or ours) can overflow the stack.
* Every text value, like the Markdown body, must stay within the limits in `limits.py`, because
  templates render it as Markdown.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from panduan import cache, limits
from panduan.diagnostics import Diagnostic, Location, relpath

MAX_FILE_BYTES = 1_000_000

Path_ = tuple[str | int, ...]

_STANDARD_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "binary")
}
_NULL_TAG = "tag:yaml.org,2002:null"


class SourceError(Exception):
    """Raised inside this module only; turned into a Diagnostic before it leaves."""

    def __init__(self, code: str, message: str, line: int = 0, col: int = 0, hint: str = "") -> None:
        super().__init__(message)
        self.code, self.message, self.line, self.col, self.hint = code, message, line, col, hint

    @classmethod
    def at(cls, finding: limits.Finding, line: int, col: int) -> SourceError:
        return cls(finding.code, finding.message, line, col, finding.hint)


@dataclass
class YamlDoc:
    """Plain data (dicts, lists, str, None) plus the source position of every value and key."""

    data: Any
    value_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Line/col of `path`, falling back to the nearest enclosing value that has a mark."""
        marks = self.key_marks if key else self.value_marks
        probe = tuple(path)
        while probe:
            if probe in marks:
                return marks[probe]
            if not key and probe in self.key_marks:
                return self.key_marks[probe]
            probe = probe[:-1]
        return self.value_marks.get((), (1, 1))


@dataclass
class SourceFile:
    """One loaded source: its relative path, front-matter/YAML data and (for Markdown) body."""

    path: str
    doc: YamlDoc
    body: str = ""
    body_line: int = 1
    text: str = ""  # the whole file as read (BOM dropped, line endings normalised)

    def location(self, path: Path_ = (), *, key: bool = False) -> Location:
        line, col = self.doc.where(path, key=key)
        return Location(self.path, line, col)


# ---------------------------------------------------------------------------------------------
# Reading bytes


def read_bytes(abs_path: Path) -> bytes:
    """A source's bytes; the size is checked before reading, so a huge file is never loaded."""
    # O_NONBLOCK: should a FIFO appear after the kind check, opening it must not hang the build.
    fd = os.open(abs_path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise _not_a_file(info.st_mode)
        _check_size(info.st_size)
        return handle.read(MAX_FILE_BYTES + 1)


def _check_size(size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise SourceError(
            "file-too-large",
            f"berkas terlalu besar ({size:,} bita); batasnya 1 MB.".replace(",", "."),
            hint="Pecah isinya menjadi beberapa pedoman atau hapus lampiran yang besar.",
        )


def decode_text(raw: bytes) -> str:
    """Bytes to text: size limit, UTF-8, no control characters or huge lines, not empty."""
    _check_size(len(raw))
    text = _decode(raw)
    _raise_if(limits.check_controls(text))
    text = text.replace("\r\n", "\n")
    _raise_if(limits.check_line_length(text))
    if not text.strip():
        raise SourceError("empty-file", "berkas kosong.", hint="Isi berkas atau hapus berkasnya.")
    return text


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # exc.object is the input without the BOM; the column counts characters, not bytes.
        data = exc.object
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        col = len(data[line_start : exc.start].decode("utf-8", "replace")) + 1
        raise SourceError(
            "invalid-utf8",
            f"berkas bukan teks UTF-8 yang sah (bita 0x{data[exc.start]:02X} tidak sah).",
            line,
            col,
            hint="Simpan ulang berkas dengan pengodean UTF-8 di penyunting teks Anda.",
        ) from None


def _raise_if(finding: limits.Finding | None, line_offset: int = 0) -> None:
    if finding is not None:
        raise SourceError.at(finding, finding.line + line_offset, finding.col)


def _not_a_file(mode: int) -> SourceError:
    if stat.S_ISDIR(mode):
        what = "sebuah folder"
        hint = "Folder di dalam folder sumber tidak boleh bernama seperti berkas sumber; ganti namanya."
    elif stat.S_ISFIFO(mode):
        what = "sebuah pipa bernama (FIFO)"
        hint = "Hapus pipa itu dan simpan isinya sebagai berkas teks biasa."
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        what = "sebuah berkas perangkat"
        hint = "Hapus berkas perangkat itu; sumber harus berkas teks biasa."
    else:
        what = "bukan berkas biasa"
        hint = "Sumber harus berkas teks biasa."
    message = (
        f"sumber ini {what}, bukan berkas teks."
        if what != "bukan berkas biasa"
        else "sumber ini bukan berkas teks biasa."
    )
    return SourceError("source-not-a-file", message, hint=hint)


@lru_cache(maxsize=8)
def _resolved(root: Path) -> Path:
    """The repository root without symlinks, resolved once per run instead of once per file."""
    return root.resolve()


def check_kind(abs_path: Path, root: Path) -> None:
    """A source must be a regular file inside the repository; raise SourceError otherwise."""
    try:
        resolved = abs_path.resolve(strict=True)
    except FileNotFoundError:
        raise SourceError(
            "source-symlink",
            "berkas ini tautan simbolik yang rusak (tujuannya tidak ada).",
            hint="Hapus tautan itu atau ganti dengan berkas biasa.",
        ) from None
    except (OSError, RuntimeError):  # a symlink loop
        raise SourceError(
            "source-symlink", "berkas ini tautan simbolik yang berputar.", hint="Hapus tautan itu."
        ) from None
    if not resolved.is_relative_to(_resolved(root)):
        raise SourceError(
            "source-outside-repo",
            "berkas ini tautan simbolik yang menunjuk ke luar repositori; isinya tidak dibaca.",
            hint="Salin isinya ke berkas biasa di dalam repositori, lalu hapus tautannya.",
        )
    mode = resolved.stat().st_mode
    if abs_path.is_symlink() and stat.S_ISDIR(mode):
        raise SourceError(
            "source-symlink",
            "folder ini tautan simbolik; isinya tidak dibaca.",
            hint="Pindahkan berkasnya ke folder biasa di dalam folder sumber.",
        )
    if not stat.S_ISREG(mode):
        raise _not_a_file(mode)


# ---------------------------------------------------------------------------------------------
# Parsing YAML with marks


class _StrictLoader(yaml.SafeLoader):
    """Composes nodes only; refuses aliases before they can be expanded, and deep nesting."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[no-untyped-call]  # untyped in types-PyYAML
        if isinstance(event, yaml.AliasEvent):
            raise SourceError(
                "yaml-alias",
                "alias YAML (`*nama`) tidak diizinkan di berkas sumber.",
                event.start_mark.line + 1 if event.start_mark else 0,
                event.start_mark.column + 1 if event.start_mark else 0,
                hint="Tulis nilainya secara langsung.",
            )
        # Composing recurses once per level (and so does _to_data); stop long before the stack does.
        if self._depth >= limits.MAX_YAML_DEPTH:
            raise SourceError(
                "yaml-too-deep",
                f"isi YAML bertingkat terlalu dalam (lebih dari {limits.MAX_YAML_DEPTH} tingkat).",
                event.start_mark.line + 1,
                event.start_mark.column + 1,
                hint="Periksa tanda `[`, `{` dan indentasi; kolom pedoman tidak pernah sedalam ini.",
            )
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_CLoader = getattr(yaml, "CSafeLoader", None)  # libyaml, when PyYAML was built with it
_NESTING = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_NESTING_END = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _compose_fast(text: str) -> yaml.Node | None:
    """The nodes of `text` composed by libyaml (about ten times faster than PyYAML's Python
    composer), or None when the Python composer must decide: on any YAML problem (it reports them
    in its own words), an alias, or nesting near the limit (libyaml composes by C recursion)."""
    if _CLoader is None:
        return None
    try:
        depth = 0
        for event in yaml.parse(text, Loader=_CLoader):
            if isinstance(event, yaml.AliasEvent):
                return None
            if isinstance(event, _NESTING):
                depth += 1
                if depth >= limits.MAX_YAML_DEPTH - 2:
                    return None
            elif isinstance(event, _NESTING_END):
                depth -= 1
        return yaml.compose(text, Loader=_CLoader)
    except Exception:
        return None


def parse_yaml(text: str, line_offset: int = 0) -> YamlDoc:
    """Parse one YAML document into plain data with marks; raise SourceError on any problem."""
    try:
        node = _compose_fast(text) or yaml.compose(text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as exc:
        raise _translate_yaml_error(exc, line_offset) from None
    except yaml.reader.ReaderError as exc:  # a character YAML cannot read that decode_text let through
        line, col = _line_col(text, exc.position)
        raise SourceError(
            "yaml-syntax", f"karakter U+{exc.character:04X} tidak dapat dibaca YAML.", line + line_offset, col
        ) from None
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML raises marked errors for text input
        raise SourceError("yaml-syntax", f"YAML tidak valid: {exc}") from None
    except SourceError as exc:
        exc.line += line_offset
        raise
    doc = YamlDoc(data=None)
    if node is not None:
        doc.data = _to_data(node, (), doc, line_offset)
    return doc


def _line_col(text: str, index: int) -> tuple[int, int]:
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def _mark(node: yaml.Node, offset: int) -> tuple[int, int]:
    return node.start_mark.line + 1 + offset, node.start_mark.column + 1


def _to_data(node: yaml.Node, path: Path_, doc: YamlDoc, offset: int) -> Any:
    doc.value_marks[path] = _mark(node, offset)
    if node.tag not in _STANDARD_TAGS:
        line, col = _mark(node, offset)
        raise SourceError(
            "yaml-tag",
            f"tag YAML `{node.tag}` tidak diizinkan.",
            line,
            col,
            hint="Hapus tag (tanda `!`) dan tulis nilainya sebagai teks biasa.",
        )
    if isinstance(node, yaml.MappingNode):
        return _mapping(node, path, doc, offset)
    if isinstance(node, yaml.SequenceNode):
        return [_to_data(item, (*path, i), doc, offset) for i, item in enumerate(node.value)]
    if isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG and node.style is None:
        return None
    return node.value


def _mapping(node: yaml.MappingNode, path: Path_, doc: YamlDoc, offset: int) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            line, col = _mark(key_node, offset)
            raise SourceError("yaml-key", "nama kolom harus berupa teks biasa.", line, col)
        key = key_node.value
        bad = limits.check_controls(key)  # an escape in a quoted key (`"a\0": x`)
        if bad is not None:
            raise SourceError.at(bad, *_mark(key_node, offset))
        key_path = (*path, key)
        if key in result:
            line, col = _mark(key_node, offset)
            first_line = doc.key_marks[key_path][0]
            raise SourceError(
                "duplicate-key",
                f"kolom `{key}` ditulis dua kali (pertama di baris {first_line}).",
                line,
                col,
                hint="Hapus salah satunya.",
            )
        doc.key_marks[key_path] = _mark(key_node, offset)
        result[key] = _to_data(value_node, key_path, doc, offset)
    return result


_YAML_PROBLEMS: list[tuple[str, str, str]] = [
    (
        "found character '\\t'",
        "karakter TAB dipakai untuk indentasi; YAML hanya menerima spasi.",
        "Ganti TAB dengan spasi (misalnya dua spasi per tingkat).",
    ),
    (
        "found unexpected end of stream",
        "tanda kutip dibuka tetapi tidak pernah ditutup.",
        "Tutup tanda kutip di akhir nilai.",
    ),
    (
        "mapping values are not allowed here",
        "ada tanda `: ` di tempat yang tidak diharapkan.",
        "Jika nilainya memuat `: `, apit seluruh nilai dengan tanda kutip.",
    ),
    (
        "could not find expected ':'",
        "baris ini tidak berbentuk `kolom: nilai`.",
        "Periksa tanda titik dua dan indentasi baris ini.",
    ),
    (
        "expected <block end>",
        "indentasi tidak konsisten.",
        "Pastikan kolom yang setingkat memakai jumlah spasi yang sama.",
    ),
    (
        "expected a comment or a line break",
        "ada teks tambahan setelah nilai yang bertanda kutip.",
        "Apit seluruh nilai dengan tanda kutip atau hapus teks setelahnya.",
    ),
]


def _translate_yaml_error(exc: yaml.MarkedYAMLError, offset: int) -> SourceError:
    problem = exc.problem or ""
    # For an unclosed quote the problem mark is the end of the file; the context mark is where
    # the quote opened, which is the line the editor must fix.
    mark = exc.problem_mark
    if "end of stream" in problem and exc.context_mark is not None:
        mark = exc.context_mark
    line = (mark.line + 1 + offset) if mark else 0
    col = (mark.column + 1) if mark else 0
    for needle, message, hint in _YAML_PROBLEMS:
        if needle in problem:
            return SourceError("yaml-syntax", message, line, col, hint)
    return SourceError("yaml-syntax", f"YAML tidak valid: {problem or exc}.", line, col)


# ---------------------------------------------------------------------------------------------
# Whole files

_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


def parse_markdown(text: str, rel: str) -> SourceFile:
    """A Markdown file with YAML front matter between `---` lines."""
    if not text.startswith("---\n"):
        raise SourceError(
            "missing-front-matter",
            "front matter YAML tidak ditemukan di awal berkas.",
            1,
            1,
            hint="Baris pertama harus `---`, diikuti kolom pedoman, lalu `---` lagi.",
        )
    closing = _FENCE.search(text, 4)
    if closing is None:
        raise SourceError(
            "unclosed-front-matter",
            "front matter dibuka dengan `---` tetapi tidak ditutup.",
            1,
            1,
            hint="Tambahkan baris `---` setelah kolom terakhir.",
        )
    yaml_text = text[4 : closing.start()]
    doc = parse_yaml(yaml_text, line_offset=1)
    if not isinstance(doc.data, dict):
        raise SourceError(
            "front-matter-not-mapping",
            "front matter harus berisi pasangan `kolom: nilai`.",
            2,
            1,
        )
    body_start = closing.end() + 1
    body_line = text.count("\n", 0, body_start) + 1
    body = text[body_start:]
    budget = limits.Budget()
    _check_values(doc, budget)
    _raise_if(limits.check_markdown(body, budget), line_offset=body_line - 1)
    return SourceFile(rel, doc, body, body_line, text)


def parse_yaml_file(text: str, rel: str) -> SourceFile:
    """A YAML file whose top level is a mapping."""
    doc = parse_yaml(text)
    if not isinstance(doc.data, dict):
        raise SourceError("yaml-not-mapping", "isi berkas harus berupa pasangan `kolom: nilai`.", 1, 1)
    _check_values(doc, limits.Budget())
    return SourceFile(rel, doc, text=text)


def source_name(path: Path, root: Path) -> str:
    """The path as the editor sees it: a symlink is named by its own path, not its target's."""
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return relpath(path, root)


def _check_values(doc: YamlDoc, budget: limits.Budget) -> None:
    """Text values are rendered as Markdown too; a problem points at the start of its value.

    Control characters are checked again because a quoted YAML value can spell one as an escape
    (`"\\0"`, `"\\e"`), which the check on the file's characters cannot see.
    """
    for path, value in _text_values(doc.data, ()):
        finding = limits.check_controls(value) or limits.check_markdown(value, budget)
        if finding is not None:
            raise SourceError.at(finding, *doc.where(path))


def _text_values(data: Any, path: Path_) -> list[tuple[Path_, str]]:
    if isinstance(data, str):
        return [(path, data)]
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    return [found for key, value in items for found in _text_values(value, (*path, key))]


def read_text(abs_path: Path, rel: str) -> str:
    """A source as checked text (size, kind, UTF-8, control characters, line length)."""
    return decode_text(read_bytes(abs_path))


def load_markdown(abs_path: Path, rel: str) -> SourceFile:
    return parse_markdown(decode_text(read_bytes(abs_path)), rel)


def load_yaml(abs_path: Path, rel: str) -> SourceFile:
    return parse_yaml_file(decode_text(read_bytes(abs_path)), rel)


def load_source(abs_path: Path, root: Path) -> SourceFile | Diagnostic:
    """Load any source file; a problem comes back as one Diagnostic instead of an exception."""
    rel = source_name(abs_path, root)
    try:
        check_kind(abs_path, root)
        raw = read_bytes(abs_path)
    except SourceError as exc:
        return _diagnostic(exc, rel)
    except OSError as exc:
        return Diagnostic("unreadable", f"berkas tidak dapat dibaca: {exc.strerror}.", (Location(rel),))
    return load_bytes(raw, rel)


def load_bytes(raw: bytes, rel: str) -> SourceFile | Diagnostic:
    """The same for a file's content in memory; `rel` (its path) decides Markdown or YAML.

    A pure function of (`raw`, `rel`): kept in the cache between runs (cache.py)."""
    return cache.memo("sumber", (rel, cache.content_hash(raw)), lambda: _parse_bytes(raw, rel))


def _parse_bytes(raw: bytes, rel: str) -> SourceFile | Diagnostic:
    parse = parse_markdown if rel.endswith(".md") else parse_yaml_file
    try:
        return parse(decode_text(raw), rel)
    except SourceError as exc:
        return _diagnostic(exc, rel)


def _diagnostic(exc: SourceError, rel: str) -> Diagnostic:
    return Diagnostic(exc.code, exc.message, (Location(rel, exc.line, exc.col),), exc.hint)
