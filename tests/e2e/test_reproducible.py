"""Two builds of the same sources with SOURCE_DATE_EPOCH set are byte-for-byte identical.

Both runs are separate processes with different hash seeds (set and dict order), in different
folders, at different times: the site, every PDF, the manifest and the offline zip must match.

Sources of nondeterminism handled, and where:

* zip entries: sorted order, fixed permissions and system, timestamps from SOURCE_DATE_EPOCH
  (`offline.write_zip`);
* sitemap `<lastmod>` and `sitemap.xml.gz`'s header: MkDocs takes both from SOURCE_DATE_EPOCH;
* PDF /CreationDate and the edition date printed in the PDFs: `pdf.build_date()`; WeasyPrint writes
  no /ModDate and, for PDF/UA-1, no file /ID or XMP document UUID (only PDF/X-4 and later would);
* search index: Material writes pages in nav order and ours (`search/`) follows the guide's order,
  never a set's; the two hash seeds would expose any set or dict order that leaks into output;
* no template prints a build time, and the version folders' names (`.site-builds/<id>`) are not
  part of any output.
"""

from __future__ import annotations

import pytest

from tests.e2e.outputs import commands, copy_project, make_project, outputs, run

pytestmark = pytest.mark.slow

# Files allowed to differ between the two builds, with the reason. Keep this empty unless a
# dependency makes a file impossible to reproduce; every entry needs its reason.
EXCEPTIONS: dict[str, str] = {}


def test_two_builds_are_byte_identical(tmp_path):
    first = make_project(tmp_path / "satu" / "proj").root
    second = copy_project(first, tmp_path / "dua" / "proyek-lain")
    for root, seed in ((first, "1"), (second, "2")):
        for command in commands(root).values():
            run(command, root, PYTHONHASHSEED=seed)

    a, b = outputs(first), outputs(second)
    assert a["site"] and a["dist"], "nothing was built"
    assert {"panduan-praktik.pdf", "manifest.json", "panduan-offline.zip"} <= set(a["dist"])
    for output in ("site", "dist"):
        assert set(a[output]) == set(b[output]), f"{output}: different file sets"
        differing = sorted(
            name for name in a[output] if a[output][name] != b[output][name] and f"{output}/{name}" not in EXCEPTIONS
        )
        assert differing == [], f"{output}: not reproducible: {differing}"
