"""MkDocs' English messages reach editors in Indonesian, located in the source file where possible."""

from __future__ import annotations

import logging

import pytest

from panduan.mkdocs_messages import locate, translate
from panduan.site import _Indonesian

# Message formats as MkDocs 1.6 writes them (mkdocs/structure/pages.py, commands/build.py).
CASES = [
    (
        "Doc file 'etika-klien/x.md' contains a link 'y.md', but the target 'etika-klien/y.md' is not found among documentation files.",
        "halaman `etika-klien/x.md` memuat tautan `y.md`, tetapi tujuannya (`etika-klien/y.md`) tidak ada",
    ),
    ("Doc file 'a.md' contains a link '#z', but there is no such anchor on this page.", "ke jangkar yang tidak ada"),
    (
        "Doc file 'a.md' contains a link 'b.md#z', but the doc 'b.md' does not contain an anchor '#z'.",
        "halaman `b.md` tidak punya jangkar `#z`",
    ),
    (
        "Doc file 'a.md' contains an unrecognized relative link 'b/', it was left as is. Did you mean 'b.md'?",
        "Maksud Anda `b.md`?",
    ),
    ("Doc file 'a.md' contains an absolute link '/b/', it was left as is.", "berawal `/`"),
    ("Aborted with 3 warnings in strict mode!", "dibatalkan: 3 peringatan; dengan --strict"),
    ("Aborted with 1 warnings, 2 errors in strict mode!", "dibatalkan: 1 peringatan dan 2 galat"),
    ("Aborted with a BuildError!", "dibatalkan karena galat"),
    ("Excluding 'k/README.md' from the site because it conflicts with 'k/index.md'.", "bertabrakan"),
    (
        "A reference to 'x.md' is included in the 'nav' configuration, which is not found in the documentation files.",
        "navigasi menyebut `x.md`",
    ),
]


@pytest.mark.parametrize(("english", "indonesian"), CASES)
def test_known_messages_are_translated(english, indonesian):
    translated = translate(english)
    assert translated.known and indonesian in translated.text


def test_unknown_messages_are_wrapped_not_dropped():
    assert translate("Something new.").text == "peringatan dari MkDocs: Something new."
    assert translate("Boom.", "ERROR").text == "galat dari MkDocs: Boom."
    assert (
        translate("[12:00:00] Serving on http://127.0.0.1:8000/", "INFO").text
        == "[12:00:00] Pratinjau tersedia di http://127.0.0.1:8000/"
    )


def test_locate_finds_the_link_in_the_source(tmp_path):
    (tmp_path / "g.md").write_text("---\nid: x\n---\nBaca [ini](y.md) dulu.\n")
    assert str(locate(tmp_path, "g.md", "y.md")) == "g.md:4:12"
    assert str(locate(tmp_path, "g.md", "tidak-ada.md")) == "g.md"


def test_formatter_labels_once_and_names_the_source(tmp_path):
    (tmp_path / "guidelines").mkdir()
    (tmp_path / "guidelines" / "x.md").write_text("Baca [ini](y.md).\n")
    formatter = _Indonesian()
    formatter.resolve = lambda page: (tmp_path, "guidelines/x.md") if page == "t/x.md" else None

    def record(message: str, name: str = "mkdocs.structure.pages", **extra: object) -> str:
        rec = logging.LogRecord(name, logging.WARNING, __file__, 1, message, None, None)
        rec.__dict__.update(extra)
        return formatter.format(rec)

    line = record(
        "Doc file 't/x.md' contains a link 'y.md', but the target 't/y.md' is not found among documentation files."
    )
    assert line.startswith("guidelines/x.md:1:12: peringatan: halaman `t/x.md` memuat tautan `y.md`")
    assert record("Something new.") == "PERINGATAN: peringatan dari MkDocs: Something new."
    # Our own diagnostics already carry `path: peringatan:`; no second label.
    ours = "guidelines/x.md:1:1: peringatan: sesuatu [kode]"
    assert record(ours, "mkdocs.plugins.panduan", panduan_diagnostic=True) == ours
