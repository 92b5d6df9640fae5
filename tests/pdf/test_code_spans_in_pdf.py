"""A citation or glossary term inside code stays code in the PDF: printed with its brackets, no link."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from panduan.pdf import pdf_command
from tests.unit.test_linked_text import write_code_spans

pytestmark = pytest.mark.slow


def _link_names(reader: PdfReader) -> list[str]:
    names = []
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            action = annot.get("/A")
            dest = annot.get("/Dest") or (action.get_object().get("/D") if action is not None else None)
            if dest is not None:
                names.append(str(dest))
    return names


def test_code_stays_code_in_the_pdf(project: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_code_spans(project)
    out = tmp_path / "dist"
    assert pdf_command(root=project.root, out=out, per_guideline=True, site_url=None, config=None) == 0, (
        capsys.readouterr().err
    )
    reader = PdfReader(out / "pedoman" / "kerahasiaan.pdf")
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
    assert "[[UU14 Pasal 45]]" in text and "[[UU14 Pasal 999]]" in text
    assert "[[UU14 Pasal 45]] dan STR di blok kode" in text
    names = _link_names(reader)
    assert "pasal-uu-2019-14-44" in names  # the citation outside code is a link to the appendix
    assert not any("pasal-uu-2019-14-45" in n for n in names)
    assert "pasal-uu-2019-14-45" not in reader.named_destinations  # not in the appendix either
    assert names.count("istilah-surat-tanda-registrasi") == 1  # the term outside code, once
