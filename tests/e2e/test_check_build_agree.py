"""One severity policy: `panduan check` and `panduan build` fail on the same inputs, in Indonesian.

Each former trigger of "check passes, build fails" is a case here: check reports it at the source
line, and build fails the same way (same message, no English, no doubled label, old site intact).
"""

from __future__ import annotations

import re

import pytest

from panduan.cli import main
from panduan.site import build_site
from tests.conftest import GUIDELINE
from tests.e2e.test_site_build import MKDOCS_YML

GUIDELINE_PATH = "guidelines/etika-klien/kerahasiaan.md"
ENGLISH = re.compile(r"\b(?:Aborted|warnings?|Doc file|contains a link|not found|strict mode)\b", re.IGNORECASE)


@pytest.fixture
def built(project, capsys):
    """A fixture project with a good site already built (the "last good site")."""
    project.write("mkdocs.yml", MKDOCS_YML)
    (project.root / "docs").mkdir()
    assert main(["--root", str(project.root), "build"]) == 0
    capsys.readouterr()
    return project


def _run(project, capsys, *args: str) -> tuple[int, str]:
    code = main(["--root", str(project.root), *args])
    return code, capsys.readouterr().err


def _assert_indonesian(err: str) -> None:
    assert "Traceback" not in err
    assert not ENGLISH.search(err), err
    assert not re.search(r"PERINGATAN: \S+: peringatan:|GALAT: \S+: galat:", err), err  # no doubled labels


def _site_bytes(project) -> dict[str, bytes]:
    site = project.root / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    ("body", "column", "words"),
    [
        ("Baca [pasal](..\\hukum\\uu-2019-14.md).", 14, "garis miring terbalik"),
        ("Baca [pedoman](tidak-ada.md).", 16, "tidak ada"),
        ("Baca [bagian](#tidak-ada).", 15, "jangkar `#tidak-ada`"),
        ("Baca [glosarium](/glosarium/).", 18, "sub-folder"),
    ],
)
def test_broken_links_in_a_body_fail_check_and_build_alike(built, capsys, body, column, words):
    before = _site_bytes(built)
    source = GUIDELINE.format(id="kerahasiaan") + "\n" + body + "\n"
    built.write(GUIDELINE_PATH, source)
    line = source.count("\n")
    expected = f"{GUIDELINE_PATH}:{line}:{column}: galat: "

    code, err = _run(built, capsys, "check")
    assert code == 1
    [reported] = [row for row in err.splitlines() if row.startswith(expected)]
    assert words in reported
    _assert_indonesian(err)

    code, err = _run(built, capsys, "build")
    assert code == 1
    assert reported in err.splitlines()  # the same message, at the same place
    assert "Build dibatalkan; situs lama tidak diubah." in err
    _assert_indonesian(err)
    assert _site_bytes(built) == before


def test_glossary_definition_with_quoted_acronym_builds(built, capsys):
    """Formerly: check passed, build stopped on a link MkDocs could not parse."""
    built.write(
        "glossary/pkh.yaml",
        'istilah: Program Keluarga Harapan\nsingkatan: PKH\ndefinisi: Bantuan bersyarat ("PKH") bagi keluarga.\n',
    )
    built.write(GUIDELINE_PATH, GUIDELINE.format(id="kerahasiaan") + "\nKeluarga penerima PKH juga.\n")
    assert _run(built, capsys, "check", "--strict")[0] == 0
    code, err = _run(built, capsys, "build", "--strict")
    assert code == 0, err
    page = (built.root / "site/etika-klien/kerahasiaan/index.html").read_text()
    assert 'title="Bantuan bersyarat (&quot;PKH&quot;) bagi keluarga.">PKH</a>' in page


def test_a_warning_is_a_warning_in_both_and_fatal_with_strict_in_both(built, capsys):
    # `relawan` is listed but has no step or task: a warning.
    built.write(
        GUIDELINE_PATH,
        GUIDELINE.format(id="kerahasiaan").replace(
            "peran: [pekerja-sosial, pendamping]", "peran: [pekerja-sosial, pendamping, relawan]"
        ),
    )
    code, check_err = _run(built, capsys, "check")
    assert code == 0
    [warning] = [row for row in check_err.splitlines() if ": peringatan: " in row]
    assert warning.startswith(f"{GUIDELINE_PATH}:")

    code, err = _run(built, capsys, "build")
    assert code == 0, err
    assert err.count(": peringatan: ") == 1 and warning in err.splitlines()  # printed once, as check prints it
    _assert_indonesian(err)

    before = _site_bytes(built)
    assert _run(built, capsys, "check", "--strict")[0] == 1
    code, err = _run(built, capsys, "build", "--strict")
    assert code == 1 and warning in err.splitlines()
    _assert_indonesian(err)
    assert _site_bytes(built) == before


def test_mkdocs_own_warnings_are_indonesian_and_located(built, capsys):
    """A warning that only MkDocs raises (README.md beside index.md) is translated; with strict,
    MkDocs' English "Aborted with 1 warnings in strict mode!" becomes Indonesian too."""
    section = built.root / "docs" / "kontribusi"
    section.mkdir()
    (section / "index.md").write_text("# Kontribusi\n")
    (section / "README.md").write_text("# Baca saya\n")
    code, err = _run(built, capsys, "build")
    assert code == 0, err
    assert "`kontribusi/README.md` tidak dipakai karena bertabrakan dengan `kontribusi/index.md`." in err
    _assert_indonesian(err)
    # Straight through the plugin (as `mkdocs build --strict` would): ours and MkDocs' warning count.
    assert not build_site(built.root / "mkdocs.yml", built.root / "site", strict=True)
    err = capsys.readouterr().err
    assert "GALAT: dibatalkan: 2 peringatan; dengan --strict, peringatan dianggap galat." in err
    _assert_indonesian(err)


def test_broken_template_links_fail_the_build_naming_page_and_link(built, capsys):
    """A broken link that no source file holds (here from a template override) is caught in the
    built HTML, before the swap."""
    before = _site_bytes(built)
    overrides = built.root / "overrides" / "panduan"
    overrides.mkdir(parents=True)
    from importlib.resources import files

    template = files("panduan.render").joinpath("templates", "downloads.md.j2").read_text(encoding="utf-8")
    (overrides / "downloads.md.j2").write_text(template + '\n<a href="/tidak-ada/">rusak</a>\n')
    code, err = _run(built, capsys, "build")
    assert code == 1
    assert "halaman `unduhan/index.html` memuat tautan rusak `/tidak-ada/`" in err
    _assert_indonesian(err)
    assert _site_bytes(built) == before


def test_404_links_work_under_a_sub_path_and_offline(built, tmp_path):
    """No root-absolute link in 404.html without site_url (sub-path, file://); with a site_url
    under a path, its path (a server shows 404.html at any depth). The link check passes both."""
    page = (built.root / "site" / "404.html").read_text()
    assert not re.search(r'(?:href|src)="/', page)
    assert 'href="./assets/' in page
    assert build_site(built.root / "mkdocs.yml", tmp_path / "sub", site_url="https://contoh.org/panduan/")
    page = (tmp_path / "sub" / "404.html").read_text()
    assert 'href="/panduan/assets/' in page and not re.search(r'(?:href|src)="/(?!panduan/)', page)


def test_offline_bundle_never_contains_itself(built, tmp_path):
    import zipfile

    from panduan.offline import build_offline

    dist = built.root / "dist"
    assert build_offline(built.root / "mkdocs.yml", dist / "panduan-offline.zip")
    assert build_offline(built.root / "mkdocs.yml", dist / "panduan-offline.zip")  # a zip now exists
    names = zipfile.ZipFile(dist / "panduan-offline.zip").namelist()
    assert "panduan-praktik/404.html" in names and not any(n.endswith(".zip") for n in names)
    assert dist.is_symlink()
