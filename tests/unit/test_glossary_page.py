"""The glossary page stays readable and light when a term is used in many guidelines."""

from __future__ import annotations

import datetime as dt
import re

from panduan.build import build_guide
from panduan.render import GLOSSARY_USERS_SHOWN, render_pages
from tests.conftest import GUIDELINE


def _guideline(n: int, str_fields: int) -> str:
    """Guideline `g<n>` (title "Pedoman <n>") that names STR in its body, and in its summary and
    its first step too when `str_fields` asks for more fields."""
    text = GUIDELINE.format(id=f"g{n:02d}").replace("Menjaga kerahasiaan klien", f"Pedoman {n:02d}")
    if str_fields >= 2:
        text = text.replace("Simpan data klien dengan aman.", "Simpan STR dan data klien dengan aman.")
    if str_fields >= 3:
        text = text.replace("Simpan catatan di lemari terkunci.", "Simpan salinan STR di lemari terkunci.")
    return text


def _glossary(project) -> str:
    result = build_guide(project.root)
    assert result.ok, [d.text() for d in result.report.errors]
    pages = {p.path: p.content for p in render_pages(result, today=dt.date(2026, 12, 1))}
    return pages["glosarium.md"]


def _entry(glossary: str, term_id: str) -> str:
    return glossary.split(f"{{ #{term_id} }}", 1)[1].split("\n### ", 1)[0]


def test_a_term_used_everywhere_lists_its_main_guidelines_and_offers_a_search(project):
    project.root.joinpath("guidelines/etika-klien/kerahasiaan.md").unlink()
    heavy = {3: 3, 7: 2, 11: 3}  # guideline number → fields that name STR
    total = GLOSSARY_USERS_SHOWN + 4
    for n in range(1, total + 1):
        project.write(f"guidelines/etika-klien/g{n:02d}.md", _guideline(n, heavy.get(n, 1)))

    entry = _entry(_glossary(project), "surat-tanda-registrasi")

    assert f"Dipakai di {total} pedoman, terutama:" in entry
    listed = [int(n) for n in re.findall(r"\[Pedoman (\d+)\]", entry)]
    assert len(listed) == GLOSSARY_USERS_SHOWN
    # The guidelines that use the term in most fields are chosen; the rest of the places go to
    # the first in guide order, and the list reads in guide order.
    assert listed == [1, 2, 3, 4, 5, 6, 7, 11]
    assert "[Cari pedoman lain yang memakainya](index.md?q=Surat%20Tanda%20Registrasi)" in entry


def test_a_term_used_in_a_few_guidelines_lists_them_all(project):
    for n in range(1, GLOSSARY_USERS_SHOWN):  # with the project's own guideline: exactly the limit
        project.write(f"guidelines/etika-klien/g{n:02d}.md", _guideline(n, 1))

    entry = _entry(_glossary(project), "surat-tanda-registrasi")

    assert "Dipakai di: [Pedoman 01]" in entry and "[Menjaga kerahasiaan klien]" in entry
    assert len(re.findall(r"\[Pedoman \d+\]", entry)) == GLOSSARY_USERS_SHOWN - 1
    assert "Cari pedoman lain" not in entry


def test_each_labelled_line_of_a_term_is_its_own_paragraph(project):
    entry = _entry(_glossary(project), "surat-tanda-registrasi")
    sumber = next(line for line in entry.splitlines() if line.startswith("Sumber:"))
    dipakai = next(line for line in entry.splitlines() if line.startswith("Dipakai di"))
    assert f"{sumber}\n\n{dipakai}" in entry
