"""The Makefile's list of system packages is the only one, and it covers what the code needs."""

from __future__ import annotations

import re

from panduan.pdf import engine
from tests.conftest import REPO


def _make_list(name: str) -> set[str]:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    found = re.search(rf"^{name}\s*:=\s*(.*)$", makefile, re.MULTILINE)
    assert found, f"{name} missing from the Makefile"
    return set(found.group(1).split())


def test_pdf_packages_cover_the_libraries_weasyprint_loads():
    pdf = _make_list("PDF_PACKAGES")
    assert {"libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0", "fonts-noto-core"} <= pdf
    # the packages the PDF stage tells editors to install are the ones `make system-deps` installs,
    # except those that always come with Pango (GLib, HarfBuzz, Fontconfig)
    named = {package for _, package in engine.PACKAGES}
    assert named - pdf <= {"libglib2.0-0", "libharfbuzz0b", "libfontconfig1"}


def test_test_packages_cover_the_tools_the_tests_call():
    tests = _make_list("TEST_PACKAGES")
    assert "chromium" in tests  # tests/browser/conftest.py: /usr/bin/chromium
    assert "nodejs" in tests  # tests/search/test_stemmer.py: shutil.which("node")
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "tests").rglob("*.py"))
    assert "/usr/bin/chromium" in sources and 'which("node")' in sources


def test_ci_installs_nothing_itself_and_ends_with_make_test():
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line.strip() for line in script.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert not any("apt-get" in line for line in commands)
    assert "make check-system-deps" in commands
    assert commands[-1] == "make test"
