"""Saddle-stitch imposition: the order of pages on each printed side, and a real imposed file."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from panduan.pdf.imposition import A4_LANDSCAPE, impose, padded, saddle_stitch_order


def test_eight_pages_fold_into_two_sheets() -> None:
    # Outer sheet: 8|1 on the front, 2|7 on the back; inner sheet: 6|3, then 4|5 (1-based).
    assert saddle_stitch_order(8) == [(7, 0), (1, 6), (5, 2), (3, 4)]


@pytest.mark.parametrize("count", [1, 2, 3, 4, 5, 6, 7, 9, 13, 36, 38, 40])
def test_every_page_once_blanks_at_the_end_and_the_sheets_fold(count: int) -> None:
    n = padded(count)
    assert n % 4 == 0 and n - 4 < count <= n
    full = saddle_stitch_order(n)  # the same sheets with every page present
    assert saddle_stitch_order(count) == [
        tuple(p if p < count else None for p in side)  # type: ignore[operator]
        for side in full
    ]
    assert sorted(p for side in full for p in side) == list(range(n))  # type: ignore[type-var]
    for k in range(n // 4):
        (front_left, front_right), (back_left, back_right) = full[2 * k], full[2 * k + 1]
        # Folded, the two pages of a printed side face each other across the spine…
        assert front_left + front_right == n - 1 and back_left + back_right == n - 1  # type: ignore[operator]
        # …and flipped on the short edge, each page has the next one on its reverse.
        assert back_left == front_right + 1 and back_right + 1 == front_left  # type: ignore[operator]
        # Sheets nest from the outside in: sheet k carries pages k*2 and k*2+1 of the front half.
        assert front_right == 2 * k


def test_blank_pages_fill_the_back_of_the_booklet() -> None:
    # 6 pages → 8: the two blanks are the last two pages (the inside and outside of the back cover).
    sides = saddle_stitch_order(6)
    assert sides[0] == (None, 0)  # outer front: back cover (blank) | front cover
    assert sides[1] == (1, None)


def _numbered_pdf(path: Path, count: int) -> None:
    """An A5 PDF whose page i shows the word `Halaman<i+1>` in Helvetica."""
    writer = PdfWriter()
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
    )
    for i in range(count):
        page = PageObject.create_blank_page(width=419.53, height=595.28)
        stream = DecodedStreamObject()
        stream.set_data(f"BT /F1 20 Tf 60 300 Td (Halaman{i + 1}) Tj ET".encode())
        page[NameObject("/Contents")] = writer._add_object(stream)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        writer.add_page(page)
    with path.open("wb") as out:
        writer.write(out)


def halves(page: PageObject) -> tuple[str, str]:
    """The text on the left and on the right half of an imposed side."""
    left: list[str] = []
    right: list[str] = []
    middle = float(page.mediabox.width) / 2

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            (left if x < middle else right).append(text.strip())

    page.extract_text(visitor_text=visit)
    return " ".join(left), " ".join(right)


def test_imposed_file_has_the_pages_in_folding_order(tmp_path: Path) -> None:
    source, target = tmp_path / "saku.pdf", tmp_path / "saku-a4.pdf"
    _numbered_pdf(source, 6)
    assert impose(source, target) == 4
    reader = PdfReader(target)
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4_LANDSCAPE, abs=0.5)
    found = [halves(page) for page in reader.pages]
    assert found == [
        ("", "Halaman1"),
        ("Halaman2", ""),
        ("Halaman6", "Halaman3"),
        ("Halaman4", "Halaman5"),
    ]
