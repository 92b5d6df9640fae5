"""Search sections (search/sections.py) are read by a regular expression, not `html.parser`: the
sections must be exactly those the same rules give when `html.parser` sends the events."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from panduan.search.sections import Section, _Parser, _sections_of, sections


class SectionsReference(HTMLParser):
    """The stdlib parser driving the same section rules."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rules = _Parser()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.rules.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.rules.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        self.rules.handle_data(data)


def sections_reference(html: str) -> list[Section]:
    parser = SectionsReference()
    parser.feed(html)
    parser.close()
    return _sections_of(parser.rules)


TRICKY = [
    '<h1 id="judul">Judul <a class="headerlink" href="#judul">¶</a></h1><p>Isi &amp; lanjut</p>',
    "<p>Teks awal</p><h2 id=a>Dua</h2>\n\n  \n<p>a < b dan c<\n\n</p><pre>baris 1\n  baris 2</pre>",
    '<script>if (a<b) { x = "<h2 id=palsu>" }</script><STYLE>h2{}</STYLE><h3 ID="B">Tiga</h3>',
    '<!-- <h2 id="komentar"> --><!DOCTYPE html><?php x ?><div data-search-exclude><p>tidak</p></div><p>ya</p>',
    '<svg><path d="M0 0"/><use href="#x"/></svg><p title="a > b">teks<br/>baru<img src="x.png"></p>',
    '<div><h2 id="dalam">Dalam div</h2><p>satu</p></div><p>kembali</p><ul><li></li><li> </li><li>x</li></ul>',
    "<p>&lt;tag&gt; &#8212; &unknown; &amp</p><code>`kode`</code><sub>2</sub><sup>3</sup>",
    '<table class="linenodiv"><tr><td>1</td></tr></table><p>setelah</p><h4 id="">kosong</h4>tanpa tag <',
]


@pytest.mark.parametrize("html", TRICKY)
def test_sections_are_those_html_parser_events_give(html):
    assert sections(html) == sections_reference(html)


def test_headings_make_sections_with_their_anchor_and_text():
    found = sections(
        '<p>Pembuka</p><h2 id="langkah">Langkah <a class="headerlink" href="#langkah">¶</a></h2><p>Satu</p>'
    )
    assert found == [Section("", "", "<p>Pembuka</p>"), Section("langkah", "Langkah", "<p>Satu</p>")]
