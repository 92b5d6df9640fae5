"""A citation or glossary term inside code stays code on the built site and in its search index."""

from __future__ import annotations

import json
import re

from panduan.search.split import BODIES_DIR, read_bodies
from tests.e2e.test_site_build import MKDOCS_YML, _build
from tests.unit.test_linked_text import write_code_spans


def test_code_stays_code_on_the_site_and_in_search(project, tmp_path, strict_logs):
    project.write("mkdocs.yml", MKDOCS_YML)
    (project.root / "docs").mkdir()
    write_code_spans(project)
    site = tmp_path / "site"
    _build(project.root, site)
    assert strict_logs == []

    page = (site / "etika-klien/kerahasiaan/index.html").read_text(encoding="utf-8")
    codes = re.findall(r"<code>(.*?)</code>", page, re.DOTALL)
    assert "[[UU14 Pasal 45]]" in codes and "[[UU14 Pasal 999]]" in codes and "STR" in codes
    assert any("[[UU14 Pasal 45]] dan STR di blok kode" in c for c in codes)  # the fenced block
    assert not any("<a " in c for c in codes)
    assert "#pasal-45" not in page
    assert re.search(
        r'<a href="../../hukum/uu-2019-14/#pasal-44" title="[^"]+">UU 14/2019 Pasal 44 ayat \(1\)</a>', page
    )
    assert page.count('href="../../glosarium/#surat-tanda-registrasi"') == 1  # outside code, once

    # The index in two stages (search/split.py): a short document per page, the rest in the bodies.
    first = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    bodies = read_bodies(site / BODIES_DIR)["etika-klien"]["etika-klien/kerahasiaan/"]
    mine = [d for d in first if d["location"].startswith("etika-klien/kerahasiaan/")] + bodies
    texts = " ".join(d.get("text", "") for d in mine)
    assert "<code>[[UU14 Pasal 45]]</code>" in texts and "<code>[[UU14 Pasal 999]]</code>" in texts
    assert "[[UU14 Pasal 45]] dan STR di blok kode" in texts
    rec = next(d for d in mine if d["location"].endswith("#r1"))
    assert rec["text"] == "Jaga kerahasiaan klien; contoh sitasi <code>[[UU14 Pasal 45]]</code>."
    assert "<a " not in texts and "](" not in texts
