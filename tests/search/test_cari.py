"""`panduan cari` on small projects: no site build, no MkDocs, nothing written, --config respected."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from panduan.cli import main

MKDOCS_YML = """\
site_name: Uji
theme:
  name: material
plugins:
  - search
  - panduan
markdown_extensions: [abbr, admonition, attr_list, md_in_html, tables, toc, pymdownx.superfences]
"""

# Runs `panduan cari` in a fresh interpreter where every mkdocs (and Material) import fails.
NO_MKDOCS = textwrap.dedent(
    """
    import sys

    class NoMkDocs:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ("mkdocs", "material"):
                raise ImportError(f"{name} is blocked in this test")
            return None

    sys.meta_path.insert(0, NoMkDocs())
    try:
        import mkdocs  # noqa: F401
    except ImportError:
        pass
    else:
        raise SystemExit("the import hook did not block mkdocs")

    from panduan.cli import main

    code = main(sys.argv[1:])
    loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("mkdocs", "material"))
    assert not loaded, loaded
    sys.exit(code)
    """
)


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


def test_cari_needs_no_build(project, capsys):
    root = project.root
    project.write("mkdocs.yml", MKDOCS_YML)
    before = _files(root)
    # "dirahasiakan" shares its stem with "kerahasiaan" in the title; STR only appears as an acronym.
    assert main(["--root", str(root), "cari", "dirahasiakan"]) == 0
    assert capsys.readouterr().out.startswith("1. Menjaga kerahasiaan klien  →  etika-klien/kerahasiaan/")
    assert main(["--root", str(root), "cari", "surat tanda registrasi"]) == 0
    assert "etika-klien/kerahasiaan/" in capsys.readouterr().out
    assert main(["--root", str(root), "cari", "zzzz"]) == 0
    assert "Tidak ditemukan hasil" in capsys.readouterr().out
    assert _files(root) == before, "cari must not write into the project (no site/, no cache)"


def test_cari_without_mkdocs_leaves_nothing_behind(project, tmp_path):
    root = project.root
    project.write("mkdocs.yml", MKDOCS_YML)
    tmp = tmp_path / "tmp"  # the child's temp folder: anything it puts there is left behind
    tmp.mkdir()
    before = _files(root)
    env = {**os.environ, "TMPDIR": str(tmp), "TEMP": str(tmp), "TMP": str(tmp)}
    done = subprocess.run(
        [sys.executable, "-c", NO_MKDOCS, "--root", str(root), "cari", "dirahasiakan"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("1. Menjaga kerahasiaan klien  →  etika-klien/kerahasiaan/"), done.stdout
    assert _files(tmp) == set()
    assert _files(root) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["proj", "tmp"]


def test_cari_uses_the_given_config(project, tmp_path, capsys):
    """--config decides page addresses, Markdown extensions and the hand-written pages."""
    root = project.root
    elsewhere = tmp_path / "situs"
    (elsewhere / "halaman" / "panduan-lapangan").mkdir(parents=True)
    (elsewhere / "situs.yml").write_text(
        MKDOCS_YML + "use_directory_urls: false\ndocs_dir: halaman\n", encoding="utf-8"
    )
    (elsewhere / "halaman" / "panduan-lapangan" / "index.md").write_text(
        "# Panduan lapangan\n\nBawa senter dan jas hujan saat kunjungan malam.\n", encoding="utf-8"
    )
    config = str(elsewhere / "situs.yml")
    assert main(["--root", str(root), "cari", "--config", config, "dirahasiakan"]) == 0
    assert capsys.readouterr().out.startswith("1. Menjaga kerahasiaan klien  →  etika-klien/kerahasiaan.html")
    assert main(["--root", str(root), "cari", "--config", config, "senter"]) == 0
    assert capsys.readouterr().out.startswith("1. Panduan lapangan  →  panduan-lapangan/index.html")
    # Without --config, root/mkdocs.yml is used (here: none, so MkDocs' defaults and root/docs/).
    assert main(["--root", str(root), "cari", "senter"]) == 0
    assert "Tidak ditemukan hasil" in capsys.readouterr().out


def test_cari_stops_on_source_errors(project, capsys):
    project.write("guidelines/etika-klien/kerahasiaan.md", "rusak\n")
    assert main(["--root", str(project.root), "cari", "klien"]) == 1
    err = capsys.readouterr().err
    assert "GALAT:" in err and "panduan check" in err


def test_cari_reports_an_unreadable_config(project, capsys):
    project.write("mkdocs.yml", "site_name: [tidak ditutup\n")
    assert main(["--root", str(project.root), "cari", "klien"]) == 1
    assert "mkdocs.yml tidak dapat dibaca" in capsys.readouterr().err


def test_cari_reports_a_missing_config_or_unreadable_page(project, capsys):
    root = str(project.root)
    assert main(["--root", root, "cari", "--config", str(project.root / "tidak-ada.yml"), "klien"]) == 2
    assert "tidak-ada.yml tidak ditemukan" in capsys.readouterr().err
    project.write("docs/rusak.md", b"\xff\xfe bukan UTF-8")
    assert main(["--root", root, "cari", "klien"]) == 1
    assert "rusak.md tidak dapat dibaca" in capsys.readouterr().err


def test_cari_help_mentions_config(capsys):
    with pytest.raises(SystemExit):
        main(["cari", "--help"])
    assert "--config" in capsys.readouterr().out


def test_not_found_offers_glossary_terms_and_topics(capsys):
    """On the real guide: a query nothing matches lists the closest glossary terms and topics."""
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    assert main(["--root", str(repo), "cari", "--config", str(repo / "mkdocs.yml"), "gelandangnnnx"]) == 0
    out = capsys.readouterr().out
    assert "Tidak ditemukan hasil" in out and "Mungkin yang Anda cari:" in out
    assert "glosarium/#" in out
