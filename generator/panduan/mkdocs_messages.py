"""MkDocs speaks English; editors read Indonesian. Known MkDocs messages are translated here, the
rest is wrapped as "peringatan dari MkDocs: <original>" so that nothing reaches an editor unlabelled.

`translate(message)` is pure (no mkdocs import); `site.py` applies it to every log record and to the
"Aborted with …" exception text that ends a strict build.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from panduan.diagnostics import Location


@dataclass(frozen=True)
class Translated:
    text: str
    page: str | None = None  # the docs page (`etika-klien/x.md`) the message is about, if any
    link: str | None = None  # the link it is about, to find its line in the source
    known: bool = True


_LINK_TIP = "Tautkan ke berkas `.md` dengan jalur relatif, misalnya `../glosarium.md#klien`."


def _did_you_mean(rest: str) -> str:
    m = re.search(r"Did you mean '([^']*)'\?", rest)
    return f" Maksud Anda `{m.group(1)}`?" if m else ""


def _counts(text: str) -> str:
    words = {"warning": "peringatan", "error": "galat"}
    parts = [f"{n} {words.get(kind, kind)}" for n, kind in re.findall(r"(\d+) (warning|error)s?", text)]
    return " dan ".join(parts) or text


_RULES: list[tuple[re.Pattern[str], Callable[[re.Match[str]], Translated]]] = [
    (
        re.compile(
            r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>.*)', but the target(?: '(?P<target>[^']*)')? is not found among documentation files\.(?P<rest>.*)",
            re.S,
        ),
        lambda m: Translated(
            f"halaman `{m['page']}` memuat tautan `{m['link']}`, tetapi tujuannya"
            + (f" (`{m['target']}`)" if m["target"] else "")
            + " tidak ada di antara halaman situs."
            + (_did_you_mean(m["rest"]) or f" {_LINK_TIP}"),
            m["page"],
            m["link"],
        ),
    ),
    (
        re.compile(
            r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>.*)', but there is no such anchor on this page\.(?P<rest>.*)",
            re.S,
        ),
        lambda m: Translated(
            f"halaman `{m['page']}` memuat tautan `{m['link']}` ke jangkar yang tidak ada di halaman itu.",
            m["page"],
            m["link"],
        ),
    ),
    (
        re.compile(
            r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>.*)', but the doc '(?P<doc>[^']+)' does not contain an anchor '#(?P<anchor>[^']*)'\.(?P<rest>.*)",
            re.S,
        ),
        lambda m: Translated(
            f"halaman `{m['page']}` memuat tautan `{m['link']}`, tetapi halaman `{m['doc']}` tidak punya jangkar `#{m['anchor']}`.",
            m["page"],
            m["link"],
        ),
    ),
    (
        re.compile(
            r"Doc file '(?P<page>[^']+)' contains an unrecognized relative link '(?P<link>.*)', it was left as is\.(?P<rest>.*)",
            re.S,
        ),
        lambda m: Translated(
            f"halaman `{m['page']}` memuat tautan relatif `{m['link']}` yang tidak dikenali.{_did_you_mean(m['rest']) or ' ' + _LINK_TIP}",
            m["page"],
            m["link"],
        ),
    ),
    (
        re.compile(
            r"Doc file '(?P<page>[^']+)' contains an absolute link '(?P<link>.*)', it was left as is\.(?P<rest>.*)",
            re.S,
        ),
        lambda m: Translated(
            f"halaman `{m['page']}` memuat tautan absolut `{m['link']}` (berawal `/`); tautan ini rusak bila situs "
            f"dipasang di sub-folder atau dibuka luring.{_did_you_mean(m['rest']) or ' ' + _LINK_TIP}",
            m["page"],
            m["link"],
        ),
    ),
    (
        re.compile(
            r"Doc file '(?P<page>[^']+)' contains a link to '(?P<target>[^']+)' which is excluded from the built site\."
        ),
        lambda m: Translated(
            f"halaman `{m['page']}` menautkan `{m['target']}`, yang tidak ikut dibangun.", m["page"], m["target"]
        ),
    ),
    (
        re.compile(r"Aborted with (?P<what>.+) in (?:'strict'|strict) mode!"),
        lambda m: Translated(f"dibatalkan: {_counts(m['what'])}; dengan --strict, peringatan dianggap galat."),
    ),
    # Our own plugin's message (already Indonesian) when MkDocs logs the PluginError it raised.
    (re.compile(r"\d+ galat di berkas sumber", re.S), lambda m: Translated(m.string)),
    (re.compile(r"Aborted with a BuildError!"), lambda m: Translated("dibatalkan karena galat saat membangun situs.")),
    (
        re.compile(r"Aborted with a configuration error!"),
        lambda m: Translated("dibatalkan: konfigurasi `mkdocs.yml` tidak sah."),
    ),
    (
        re.compile(
            r"The following pages exist in the docs directory, but are not included in the \"nav\" configuration:\n(?P<list>.*)",
            re.S,
        ),
        lambda m: Translated(f"halaman berikut ada di folder docs tetapi tidak tercantum di navigasi:\n{m['list']}"),
    ),
    (
        re.compile(
            r"A reference to '(?P<path>[^']+)' is included in the 'nav' configuration, which is not found in the documentation files\."
        ),
        lambda m: Translated(f"navigasi menyebut `{m['path']}`, tetapi halaman itu tidak ada."),
    ),
    (
        re.compile(r"Excluding '(?P<a>[^']+)' from the site because it conflicts with '(?P<b>[^']+)'\."),
        lambda m: Translated(f"`{m['a']}` tidak dipakai karena bertabrakan dengan `{m['b']}`."),
    ),
    (
        re.compile(r"Config value '(?P<key>[^']+)': (?P<msg>.*)", re.S),
        lambda m: Translated(f"nilai `{m['key']}` di mkdocs.yml: {m['msg']}", known=False),
    ),
    # Progress messages that `panduan serve` shows.
    (re.compile(r"Building documentation\.\.\."), lambda m: Translated("Membangun situs …")),
    (re.compile(r"Cleaning site directory"), lambda m: Translated("Membersihkan folder situs")),
    (
        re.compile(r"Documentation built in (?P<s>[\d.]+) seconds"),
        lambda m: Translated(f"Situs selesai dibangun dalam {m['s'].replace('.', ',')} detik"),
    ),
    (re.compile(r"Serving on (?P<url>\S+)"), lambda m: Translated(f"Pratinjau tersedia di {m['url']}")),
    (re.compile(r"Detected file changes"), lambda m: Translated("Ada berkas yang berubah")),
    (re.compile(r"Reloading browsers"), lambda m: Translated("Memuat ulang peramban")),
    (re.compile(r"Start watching changes"), lambda m: Translated("Mulai memantau perubahan berkas")),
    (
        re.compile(r"Watching paths for changes: (?P<paths>.*)", re.S),
        lambda m: Translated(f"Memantau perubahan di: {m['paths']}"),
    ),
    (re.compile(r"Start detecting changes"), lambda m: Translated("Mulai mendeteksi perubahan")),
    (re.compile(r"Shutting down\.\.\."), lambda m: Translated("Menghentikan pratinjau …")),
]

_UNKNOWN_PREFIX = {"WARNING": "peringatan dari MkDocs", "ERROR": "galat dari MkDocs", "CRITICAL": "galat dari MkDocs"}


def translate(message: str, level: str = "WARNING") -> Translated:
    """The Indonesian form of a known MkDocs message; unknown ones are wrapped, never dropped."""
    text = message.strip()
    time = re.match(r"\[\d\d:\d\d:\d\d\] ", text)  # the dev server stamps its lines
    if time:
        found = translate(text[time.end() :], level)
        return Translated(time.group(0) + found.text, found.page, found.link, found.known)
    for pattern, make in _RULES:
        m = pattern.match(text)
        if m:
            return make(m)
    return Translated(f"{_UNKNOWN_PREFIX.get(level, 'MkDocs')}: {text}", known=False)


def locate(root: Path, source: str, needle: str | None) -> Location:
    """Where `needle` (a link as written) first occurs in `source` (relative to root); whole file if not found."""
    if needle:
        try:
            text = (root / source).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return Location(source)
        for probe in (f"({needle}", f'"{needle}"', needle):
            at = text.find(probe)
            if at >= 0:
                at += 1 if probe[0] in '("' else 0
                line = text.count("\n", 0, at) + 1
                return Location(source, line, at - (text.rfind("\n", 0, at) + 1) + 1)
    return Location(source)
