"""Saddle-stitch imposition: an A5 booklet printed on A4 duplex, folded once, stapled in the fold.

Why A5 and not A6: at the type size a field worker can read (8.4 pt), a role's tasks, bars,
handoffs, rules, checklists and terms fill 30–40 A5 pages; on A6 the same content would need
twice the pages and a cut after folding. A5 is two pages side by side on A4 landscape, so one
fold makes the booklet and no cutting is needed.

The page count is padded with blank pages to a multiple of 4 (one sheet = 4 booklet pages).
Sheet k (from the outside in) holds, for n padded pages numbered from 1:

    front: n - 2k (left)  | 2k + 1 (right)
    back:  2k + 2 (left)  | n - 2k - 1 (right)

Print the output double-sided, flipping on the short edge, then stack the sheets in order, fold
them in half together and staple in the fold.
"""

from __future__ import annotations

from pathlib import Path

from pypdf import PageObject, PdfReader, PdfWriter, Transformation

A4_LANDSCAPE = (841.89, 595.28)  # points


def padded(count: int) -> int:
    """The page count rounded up to a whole number of sheets (4 booklet pages each)."""
    return max(4, -(-count // 4) * 4)


def saddle_stitch_order(count: int) -> list[tuple[int | None, int | None]]:
    """The (left, right) booklet page indices (0-based) of each printed side, front then back of
    each sheet from the outermost; None is a blank page added to fill the last sheet."""
    n = padded(count)
    sides = []
    for k in range(n // 4):
        sides.append((n - 1 - 2 * k, 2 * k))  # front
        sides.append((2 * k + 1, n - 2 - 2 * k))  # back
    return [(_page(left, count), _page(right, count)) for left, right in sides]


def _page(index: int, count: int) -> int | None:
    return index if index < count else None


def impose(source: Path, target: Path) -> int:
    """Write `source` (A5 pages) two-up on A4 landscape in saddle-stitch order; the number of
    printed sides (A4 pages) written."""
    reader = PdfReader(source)
    pages = list(reader.pages)
    width, height = A4_LANDSCAPE
    writer = PdfWriter()
    for left, right in saddle_stitch_order(len(pages)):
        side = PageObject.create_blank_page(width=width, height=height)
        for index, x in ((left, 0.0), (right, width / 2)):
            if index is None:
                continue
            page = pages[index]
            box = page.mediabox
            scale = min((width / 2) / float(box.width), height / float(box.height))
            # Centre the page in its half (an A5 page fills it exactly).
            dx = x + ((width / 2) - float(box.width) * scale) / 2 - float(box.left) * scale
            dy = (height - float(box.height) * scale) / 2 - float(box.bottom) * scale
            side.merge_transformed_page(page, Transformation().scale(scale).translate(dx, dy))
        side.pop("/Annots", None)  # links of a merged page point into the unimposed booklet
        writer.add_page(side).compress_content_streams()  # merging leaves them uncompressed
    compress = getattr(writer, "compress_identical_objects", None)  # pypdf >= 4.3; its keywords changed in 7
    if compress is not None:
        compress()  # one copy of the fonts every side shares
    writer.add_metadata({"/Title": f"{_title(reader)} (cetak A4 bolak-balik, lipat)"})
    with target.open("wb") as out:
        writer.write(out)
    return len(writer.pages)


def _title(reader: PdfReader) -> str:
    metadata = reader.metadata
    return str(metadata.title) if metadata and metadata.title else "Buku saku"
