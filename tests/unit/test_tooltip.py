"""Tooltips are Markdown link titles: any quotes or brackets in a summary must leave the link whole."""

from __future__ import annotations

import markdown
import pytest

from panduan.render import tooltip


@pytest.mark.parametrize(
    "summary",
    [
        'Diancam penjara (dalam teks: "pidana penjara paling lama 5 (lima) tahun dan denda").',
        "Kata 'identitas' mencakup nama (Pasal 19 ayat (2)).",
        "Jum'at, Ma'ruf, dan \"kutipan tanpa penutup",
        "Garis miring terbalik \\ dan (kurung (bersarang))",
    ],
)
def test_a_summary_with_quotes_and_brackets_stays_one_link_title(summary):
    html = markdown.markdown(f'[UU 11/2012 Pasal 97](../hukum/uu-2012-11.md#pasal-97 "{tooltip(summary)}")')
    assert html.startswith('<p><a href="../hukum/uu-2012-11.md#pasal-97" title="')
    assert html.endswith(">UU 11/2012 Pasal 97</a></p>")
