"""Personal-data guard: no NIK/KK number, personal phone number, private e-mail address or house
address may reach the published guide.

Every published text is scanned: the whole Markdown body of each guideline and every scalar value
of every YAML source (front matter, glossary, registries, law data). Keys and YAML comments are
not published and are not scanned. Scanning works on the raw source lines, so a hit points at the
exact line and column the editor has to change.

Rules (all errors; `panduan check`, `panduan build`, `panduan pdf` and `panduan serve` report them):

* ``personal-data-nik`` — 16 digits (optionally in groups separated by one kind of space, dot or
  dash) whose structure is that of a NIK or KK number: a Kemendagri province code, a kabupaten/kota
  code, a kecamatan code, a date DDMMYY (women's NIK add 40 to the day), a serial other than 0000.
* ``personal-data-phone`` — an Indonesian phone number: ``08x…`` (10–13 digits), ``+62…`` or
  ``628…``. Years, dates, article numbers, LN/TLN numbers, money amounts and the 3-digit
  hotlines are too short, lack the prefix, or are excluded explicitly.
* ``personal-data-email`` — an e-mail address whose domain is not on the allow-list.
* ``personal-data-address`` — a street address with a house number (``Jl./Jln./Gg.`` + name +
  number, ``Jalan/Gang`` + capitalised name + ``No.`` + number) or an ``RT ../RW ..`` pair with a
  house number on the same line.

Exceptions, both visible to reviewers:

* Official contacts are listed in ``registry/kontak-resmi.yaml`` (e-mail domains or addresses,
  phone numbers, office addresses). Documentation domains (RFC 2606/6761: ``example.org``,
  ``*.example``, ``*.test``, ``*.invalid``) are always allowed: they belong to nobody.
* A clearly fictional example is allowed line by line with a marker carrying a reason:
  ``<!-- fiktif: alasan -->`` on the same line of a Markdown body, ``# fiktif: alasan`` as a YAML
  comment on the same line (for a block scalar ``|``/``>``: on the line of its key).

Known limits: a number broken across two lines of a multi-line YAML value is not recognised, and
landline numbers written without ``+62`` (``(021) …``) are not checked: they are almost always
office numbers.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import Field

from panduan import cache
from panduan.diagnostics import Diagnostic, Location
from panduan.loader import (
    GLOSSARY_DIR,
    GUIDELINES_DIR,
    LAW_DIR,
    REGIONS_DIR,
    REGISTRIES,
    REGISTRY_DIR,
    load_validated,
)
from panduan.model import Guide
from panduan.schema import Source, Text
from panduan.sources import SourceError, SourceFile, load_source, read_text, source_name

ALLOWLIST_FILE = "registry/kontak-resmi.yaml"
_SCANNER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # tokens only: nothing is constructed

# Kemendagri province codes, the first two digits of every NIK and KK number.
# 11–19 Sumatra and Bangka Belitung, 21 Kepulauan Riau, 31–36 Java and Banten, 51–53 Bali and Nusa
# Tenggara, 61–65 Kalimantan (65 Kalimantan Utara, since 2012), 71–76 Sulawesi (76 Sulawesi Barat,
# since 2004), 81–82 Maluku. Papua: Kepmendagri 100.1.1-6117/2022 numbers 91 Papua, 92 Papua Barat,
# 93 Papua Selatan, 94 Papua Tengah, 95 Papua Pegunungan, 96 Papua Barat Daya. Older documents use
# 91 for Papua Barat and 94 for Papua, and a NIK keeps the prefix it was issued with, so 91–96 are
# all accepted whatever the current naming. Not verified against the 2022 decree's text itself; BPS
# numbers the new Papua provinces differently (up to 97), but BPS codes are not used in a NIK.
PROVINCE_CODES = frozenset(
    [*range(11, 20), 21, *range(31, 37), *range(51, 54), *range(61, 66), *range(71, 77), 81, 82, *range(91, 97)]
)

# Reserved for documentation and testing, never anybody's mailbox (RFC 2606, RFC 6761).
RESERVED_EMAIL_DOMAINS = ("example.com", "example.net", "example.org", "example", "test", "invalid", "localhost")

MARKER_HINT = (
    "Untuk contoh fiktif, tulis penanda beralasan di baris yang sama: `<!-- fiktif: alasan -->` "
    "di isi Markdown atau `# fiktif: alasan` di YAML."
)


# ---------------------------------------------------------------------------------------------
# Allow-list (registry/kontak-resmi.yaml)


class OfficialContacts(Source):
    """Contacts of institutions that may be published: e-mail domains or addresses, phone numbers,
    office addresses. Each entry is reviewed like any other change to the guide."""

    surel: list[Text] = Field(default_factory=list)
    telepon: list[Text] = Field(default_factory=list)
    alamat: list[Text] = Field(default_factory=list)


_DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")


@dataclass
class Allowlist:
    email_domains: set[str] = field(default_factory=lambda: set(RESERVED_EMAIL_DOMAINS))
    emails: set[str] = field(default_factory=set)
    phones: set[str] = field(default_factory=set)
    addresses: list[str] = field(default_factory=list)

    def allows_email(self, address: str) -> bool:
        address = address.lower()
        domain = address.rsplit("@", 1)[-1]
        parts = domain.split(".")
        return address in self.emails or any(".".join(parts[i:]) in self.email_domains for i in range(len(parts)))

    def allows_phone(self, digits: str) -> bool:
        return national_number(digits) in self.phones

    def allows_address(self, text: str) -> bool:
        found = _fold(text)  # whole words only: "No. 2" is not "No. 28"
        return any(found in entry or entry in found for entry in self.addresses)


def _fold(text: str) -> str:
    return " " + " ".join(text.replace(",", " ").split()).casefold() + " "


def national_number(digits: str) -> str:
    """`6281234…` and `081234…` are the same number; compare in the national form."""
    return "0" + digits[2:] if digits.startswith("62") else digits


def load_allowlist(root: Path) -> tuple[Allowlist, list[Diagnostic]]:
    """The allow-list under `root`; a missing file means only the documentation domains."""
    allow = Allowlist()
    path = root / ALLOWLIST_FILE
    if not path.is_file():
        return allow, []
    contacts, problems = load_validated(path, root, OfficialContacts)
    if contacts is None:
        return allow, problems
    for i, entry in enumerate(contacts.surel):
        entry = entry.lower()
        local, at, domain = entry.rpartition("@")
        if not _DOMAIN.match(domain) or (at and not local):
            problems.append(
                Diagnostic(
                    "invalid-allowlist",
                    f"`{entry}` bukan domain atau alamat surel yang sah.",
                    (contacts.loc("surel", i),),
                    "Tulis domain seperti `kemensos.go.id` atau alamat lengkap seperti `pengaduan@kemensos.go.id`.",
                )
            )
        elif at:
            allow.emails.add(entry)
        else:
            allow.email_domains.add(entry)
    for i, entry in enumerate(contacts.telepon):
        digits = re.sub(r"\D", "", entry)
        if not 3 <= len(digits) <= 15:
            problems.append(
                Diagnostic(
                    "invalid-allowlist",
                    f"`{entry}` bukan nomor telepon yang sah.",
                    (contacts.loc("telepon", i),),
                    "Tulis nomornya seperti di teks, misalnya `0811-0000-129`.",
                )
            )
            continue
        allow.phones.add(national_number(digits))
    allow.addresses = [_fold(a) for a in contacts.alamat]
    return allow, problems


# ---------------------------------------------------------------------------------------------
# Detectors over one line of text


@dataclass(frozen=True)
class Hit:
    """One suspected piece of personal data: `start`/`end` are offsets in the scanned text."""

    rule: str
    start: int
    end: int
    text: str


# Digits in groups joined by single separators: "3201 0112 0390 0001", "0812-3456-7890", "+62 812…".
_RUN = re.compile(r"(?<![\w+])(\+?)(\d+(?:[ .\-\u00a0]\d+)*)(?!\w)")
_GROUP = re.compile(r"\d+")
_CANDIDATE = re.compile(r"[\d@]")
_MONEY_BEFORE = re.compile(r"(?:rp\.?|idr|usd|us\$|\$|€)\s*$", re.IGNORECASE)
_EMAIL = re.compile(r"(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?![\w-])")

_HOUSE = r"\b(?:No|Nomor|Nmr|Nr)\.?\s*\d+[A-Za-z]?\b"
_WORD = r"[\w'’.\-]+"
_CAP_WORD = r"[A-Z0-9][\w'’.\-]*"
_STREET = re.compile(
    # Abbreviations are unambiguous: any name, then "No. 12" or just "12".
    rf"\b(?:Jl|Jln|Gg)\.\s*{_WORD}(?:\s+{_WORD}){{0,5}}?(?:(?:,\s*|\s+){_HOUSE}|\s+\d+[A-Za-z]?\b)"
    # Whole words are everyday Indonesian ("jalan keluar"): capitalised name and "No." required.
    rf"|\b(?:Jalan|Gang)\s+{_CAP_WORD}(?:\s+{_CAP_WORD}){{0,5}}?,?\s+{_HOUSE}"
)
_RT_RW = re.compile(
    r"\bRT\.?\s*0*\d{1,3}\s*[/,]?\s*RW\.?\s*0*\d{1,3}\b|\bRT\s*/\s*RW\.?\s*0*\d{1,3}\s*/\s*0*\d{1,3}\b",
    re.IGNORECASE,
)
_LAW_NUMBER_AFTER = re.compile(r"\s*(?:Tahun|Thn|/)", re.IGNORECASE)
_HOUSE_NO_RE = re.compile(_HOUSE, re.IGNORECASE)


class _Run:
    """A run of digit groups; `seps[i]` is the separator between group i and i+1."""

    def __init__(self, match: re.Match[str]) -> None:
        self.plus = bool(match.group(1))
        self.start = match.start()
        body_start = match.start(2)
        self.groups = [(body_start + g.start(), body_start + g.end()) for g in _GROUP.finditer(match.group(2))]
        self.seps = [match.string[a[1]] for a in self.groups[:-1]]
        self.text = match.string

    def digits(self, i: int, j: int) -> str:
        return "".join(self.text[a:b] for a, b in self.groups[i : j + 1])

    def size(self, i: int) -> int:
        a, b = self.groups[i]
        return b - a

    def can_start(self, i: int) -> bool:
        return i == 0 or self.seps[i - 1] == " "

    def can_end(self, j: int) -> bool:
        return j == len(self.groups) - 1 or self.seps[j] == " "

    def uniform(self, i: int, j: int, *, from_second: bool = False) -> bool:
        seps = self.seps[i + 1 if from_second else i : j]
        return len(set(seps)) <= 1

    def span(self, i: int, j: int) -> tuple[int, int]:
        start = self.start if (i == 0 and self.plus) else self.groups[i][0]
        return start, self.groups[j][1]


def _valid_date(day: int, month: int, yy: int) -> bool:
    for century in (1900, 2000):
        try:
            dt.date(century + yy, month, day)
            return True
        except ValueError:
            continue
    return False


def looks_like_nik(digits: str) -> bool:
    """16 digits shaped like a NIK or KK number: province, kabupaten/kota, kecamatan, DDMMYY, serial."""
    if len(digits) != 16 or not digits.isdigit():
        return False
    province, regency, district = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
    day, month, yy = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    if province not in PROVINCE_CODES or not 1 <= regency <= 79 or district == 0 or digits[12:] == "0000":
        return False
    if day > 40:  # women's NIK: 40 is added to the day of birth
        day -= 40
    return _valid_date(day, month, yy)


def _nik_hits(run: _Run) -> Iterator[tuple[int, int]]:
    n = len(run.groups)
    i = 0
    while i < n:
        found = None
        if run.can_start(i):
            total = 0
            for j in range(i, n):
                total += run.size(j)
                if total > 16 or not run.uniform(i, j):
                    break
                if total == 16 and run.can_end(j):
                    sizes_ok = i == j or all(run.size(k) >= 2 for k in range(i, j + 1))
                    if sizes_ok and looks_like_nik(run.digits(i, j)):
                        found = j
                    break
        if found is None:
            i += 1
            continue
        yield run.span(i, found)
        i = found + 1


def _phone_kind(run: _Run, i: int, j: int) -> bool:
    """Whether groups i..j of the run form an Indonesian phone number."""
    digits = run.digits(i, j)
    if any(run.size(k) < 2 for k in range(i, j + 1)):
        return False
    if i == 0 and run.plus:  # +62 812-3456-7890: the first separator may differ
        return digits.startswith("62") and 10 <= len(digits) <= 14 and run.uniform(i, j, from_second=True)
    if not run.uniform(i, j):
        return False
    first = run.text[run.groups[i][0] : run.groups[i][1]]
    if digits.startswith("08"):
        # 0800–0809 are toll-free and premium service numbers, never a person's phone
        return len(first) >= 3 and digits[2] != "0" and 10 <= len(digits) <= 13
    if digits.startswith("628"):
        return (first == "62" or len(first) >= 3) and 11 <= len(digits) <= 14
    return False


def _phone_hits(run: _Run) -> Iterator[tuple[int, int, str]]:
    n = len(run.groups)
    i = 0
    while i < n:
        best = None
        if run.can_start(i):
            for j in range(i, n):
                if run.can_end(j) and _phone_kind(run, i, j):
                    best = j
        if best is None:
            i += 1
            continue
        start, end = run.span(i, best)
        yield start, end, run.digits(i, best)
        i = best + 1


def find_personal_data(line: str, allow: Allowlist | None = None) -> list[Hit]:
    """Every suspected piece of personal data in one line of published text, in order."""
    if not _CANDIDATE.search(line):
        return []  # every rule needs a digit or an `@`; most prose lines have neither
    allow = allow or Allowlist()
    hits: list[Hit] = []
    for match in _EMAIL.finditer(line):
        if not allow.allows_email(match.group()):
            hits.append(Hit("email", match.start(), match.end(), match.group()))
    emails = [(h.start, h.end) for h in hits]
    for match in _RUN.finditer(line):
        if _MONEY_BEFORE.search(line, 0, match.start()) or any(a <= match.start() < b for a, b in emails):
            continue
        run = _Run(match)
        taken: list[tuple[int, int]] = []
        for start, end in _nik_hits(run):
            taken.append((start, end))
            hits.append(Hit("nik", start, end, line[start:end]))
        for start, end, digits in _phone_hits(run):
            if any(a < end and start < b for a, b in taken) or allow.allows_phone(digits):
                continue
            hits.append(Hit("phone", start, end, line[start:end]))
    hits.extend(h for h in _address_hits(line) if not allow.allows_address(h.text))
    return sorted(hits, key=lambda h: (h.start, h.rule))


def _address_hits(line: str) -> Iterator[Hit]:
    streets = [(m.start(), m.end()) for m in _STREET.finditer(line)]
    for start, end in streets:
        yield Hit("address", start, end, line[start:end])
    house_numbers = [m for m in _HOUSE_NO_RE.finditer(line) if not _LAW_NUMBER_AFTER.match(line, m.end())]
    if streets or not house_numbers:
        return  # a street address on the line is reported once, RT/RW included
    for match in _RT_RW.finditer(line):
        yield Hit("address", match.start(), match.end(), match.group())


# ---------------------------------------------------------------------------------------------
# Markers for fictional examples

_MD_MARKER = re.compile(r"<!--\s*fiktif\b\s*:?(?P<reason>.*?)-->", re.IGNORECASE)
_YAML_MARKER = re.compile(r"#\s*fiktif\b\s*:?(?P<reason>.*)$", re.IGNORECASE)


def _reasoned(match: re.Match[str] | None) -> bool | None:
    """None: no marker; False: a marker without a reason; True: a marker with a reason."""
    if match is None:
        return None
    return len(re.findall(r"\w", match.group("reason"))) >= 3


# ---------------------------------------------------------------------------------------------
# Scanning the sources


@dataclass(frozen=True)
class _Segment:
    """A piece of one line that is published: line (1-based), column offset (0-based), text."""

    line: int
    col: int
    text: str
    marker: bool | None  # the fictional-example marker that covers this piece, see _reasoned


_MESSAGES = {
    "nik": (
        "personal-data-nik",
        "tampak seperti NIK atau nomor KK (16 angka dengan kode provinsi, kode wilayah, dan tanggal lahir yang sah): `{shown}`.",
        "Hapus data pribadi; bila perlu contoh, samarkan angkanya (misalnya `3201xxxxxxxxxxxx`).",
    ),
    "phone": (
        "personal-data-phone",
        "tampak seperti nomor telepon: `{shown}`.",
        "Hapus nomor pribadi; bila perlu contoh, tulis `0812-xxxx-xxxx`. Nomor layanan resmi didaftarkan di "
        f"`{ALLOWLIST_FILE}`.",
    ),
    "email": (
        "personal-data-email",
        "alamat surel `{shown}` bukan alamat resmi yang diizinkan.",
        f"Hapus alamat pribadi; contoh boleh memakai domain `example.org`. Alamat resmi didaftarkan di `{ALLOWLIST_FILE}`.",
    ),
    "address": (
        "personal-data-address",
        "tampak seperti alamat rumah (jalan atau RT/RW dengan nomor rumah): `{shown}`.",
        "Hapus alamat pribadi; sebut wilayahnya saja (misalnya nama kecamatan). Alamat kantor resmi didaftarkan di "
        f"`{ALLOWLIST_FILE}`.",
    ),
}


def _shown(hit: Hit) -> str:
    """Enough of the value to recognise it, not enough to copy it into a log."""
    text = " ".join(hit.text.split())
    if hit.rule == "email":
        local, _, domain = text.partition("@")
        return f"{local[:1]}…@{domain}"
    if hit.rule == "address":
        return text if len(text) <= 16 else f"{text[:14]}…"
    return f"{text[:4]}…{text[-2:]}"


def _diagnostic(path: str, segment: _Segment, hit: Hit) -> Diagnostic:
    code, message, hint = _MESSAGES[hit.rule]
    if segment.marker is False:
        hint += (
            " Penanda `fiktif` di baris ini belum memuat alasan; tulis alasannya, misalnya `fiktif: contoh pelatihan`."
        )
    else:
        hint += " " + MARKER_HINT
    location = Location(path, segment.line, segment.col + hit.start + 1)
    return Diagnostic(code, message.format(shown=_shown(hit)), (location,), hint)


def check_personal_data(guide: Guide) -> Iterator[Diagnostic]:
    """The whole-guide rule: every published text of every loaded source."""
    allow, problems = load_allowlist(guide.root)
    yield from problems
    allowed = allowlist_key(allow)
    for file in _source_files(guide):
        yield from file_diagnostics(guide.root, file, allow, allowed)


def allowlist_key(allow: Allowlist) -> str:
    """The allow-list as text: part of the cache key of every file's findings."""
    return repr(sorted((k, sorted(v) if isinstance(v, set) else v) for k, v in vars(allow).items()))


def file_diagnostics(root: Path, file: SourceFile, allow: Allowlist, allowed: str) -> list[Diagnostic]:
    """One file's findings, kept in the cache by its content and the allow-list (`allowed`)."""
    try:  # the text as loaded; a source built in memory has none and is read
        text = file.text or read_text(root / file.path, file.path)
    except (SourceError, OSError):
        return []  # changed or removed since it was loaded; the next run sees the new file

    def scan() -> list[Diagnostic]:
        return [
            _diagnostic(file.path, segment, hit)
            for segment in _segments(text, file)
            if not segment.marker
            for hit in find_personal_data(segment.text, allow)
        ]

    key = (file.path, cache.content_hash(text), file.body_line, allowed)
    return cache.memo("data-pribadi", key, scan)


def _source_files(guide: Guide) -> list[SourceFile]:
    """Every source the loader read, plus those it rejected for their content (an unknown field,
    a bad value), so that one run shows an editor every problem at once."""
    objects: Iterable[Any] = [
        *guide.topics.values(),
        *guide.roles.values(),
        *guide.services.values(),
        *guide.task_kinds.values(),
        *guide.competencies.values(),
        *guide.stages.values(),
        *(law.source for law in guide.laws),
        *(term.source for term in guide.terms.values()),
        *guide.guidelines.values(),
    ]
    files: dict[str, SourceFile] = {}
    for obj in objects:
        files.setdefault(obj.file.path, obj.file)
    for path in paths_on_disk(guide.root):
        if source_name(path, guide.root) not in files:
            loaded = load_source(path, guide.root)
            if isinstance(loaded, SourceFile):  # unreadable files are reported by the loader
                files[loaded.path] = loaded
    return list(files.values())


def paths_on_disk(root: Path) -> Iterator[Path]:
    """The files the loader reads (loader.py): registries, law, glossary and guidelines."""
    for name in REGISTRIES:
        if (root / REGISTRY_DIR / name).is_file():
            yield root / REGISTRY_DIR / name
    if (root / REGISTRY_DIR / "wilayah.yaml").is_file():
        yield root / REGISTRY_DIR / "wilayah.yaml"
    folders = ((LAW_DIR, "*.yaml"), (GLOSSARY_DIR, "*.yaml"), (GUIDELINES_DIR, "**/*.md"), (REGIONS_DIR, "**/*.yaml"))
    for folder, pattern in folders:
        for path in sorted((root / folder).glob(pattern)):
            if path.is_file() and not path.name.startswith(("_", ".")) and path.name != "README.md":
                yield path


def _segments(text: str, file: SourceFile) -> Iterator[_Segment]:
    if not _CANDIDATE.search(text):
        return  # every rule needs a digit or an `@` (find_personal_data): nothing here to find
    lines = text.split("\n")
    if file.path.endswith(".md"):
        yaml_lines = lines[1 : max(1, file.body_line - 2)]
        yield from _yaml_segments(yaml_lines, first_line=2)
        for number, line in enumerate(lines[file.body_line - 1 :], start=file.body_line):
            yield _Segment(number, 0, line, _reasoned(_MD_MARKER.search(line)))
    else:
        yield from _yaml_segments(lines, first_line=1)


def _yaml_segments(lines: list[str], first_line: int) -> Iterator[_Segment]:
    """The published parts of YAML lines: scalar values, not keys and not comments."""
    try:
        tokens = list(yaml.scan("\n".join(lines), Loader=_SCANNER))
    except yaml.YAMLError:
        return  # the loader has reported it already
    scalars: list[tuple[list[tuple[int, int, int]], int | None]] = []  # (pieces, header line)
    previous = None
    for token in tokens:
        if isinstance(token, yaml.ScalarToken) and not isinstance(previous, yaml.KeyToken):
            scalars.append(_pieces(token, lines))
        previous = token
    # Per line, where the values end: a `#` after that starts a comment.
    value_end: dict[int, int] = {}
    for pieces, _ in scalars:
        for line, _, b in pieces:
            value_end[line] = max(value_end.get(line, 0), b)
    for pieces, header in scalars:
        covering = None if header is None else _yaml_marker(lines[header], value_end.get(header, 0))
        for line, a, b in pieces:
            if line == header:
                continue  # the block indicator itself (`|`, `>-`) is not text
            marker = _yaml_marker(lines[line], value_end.get(line, 0))
            yield _Segment(line + first_line, a, lines[line][a:b], covering if marker is None else marker)


def _pieces(token: Any, lines: list[str]) -> tuple[list[tuple[int, int, int]], int | None]:
    """(line, start column, end column) of each line of a scalar, and a block scalar's header line."""
    start, end = token.start_mark, token.end_mark
    block = token.style in ("|", ">")
    # A block scalar ends at the start of the line after its last line.
    last = min(end.line - 1 if block and end.column == 0 else end.line, len(lines) - 1)
    pieces = []
    for line in range(start.line, last + 1):
        a = start.column if line == start.line else 0
        b = end.column if line == end.line else len(lines[line])
        if block and line == start.line:
            indicator = re.match(r"[|>][-+0-9]*", lines[line][a:])
            b = a + len(indicator.group()) if indicator else b
        pieces.append((line, a, b))
    return pieces, start.line if block else None


def _yaml_marker(text: str, cut: int) -> bool | None:
    """The `# fiktif: …` comment on a YAML line, looked for only after the values on it."""
    comment = text.find("#", cut)
    while comment > 0 and not text[comment - 1].isspace():
        comment = text.find("#", comment + 1)
    if comment == -1:
        return None
    return _reasoned(_YAML_MARKER.match(text, comment))
