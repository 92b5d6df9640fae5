"""The link checker over built HTML: relative links, anchors, sub-path, offline, 404, search index."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from panduan.linkcheck import _Collector, check_site


def _site(root: Path, pages: dict[str, str]) -> Path:
    for name, body in pages.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body if not name.endswith(".html") else f"<html><body>{body}</body></html>")
    return root


def _broken(site: Path, **kw) -> set[tuple[str, str]]:
    return {(b.page, b.link) for b in check_site(site, **kw)}


def test_working_links_pass(tmp_path):
    site = _site(
        tmp_path,
        {
            "index.html": '<a href="a/">a</a> <a href="a/#bagian">b</a> <a href="#atas" id="atas">c</a>'
            '<a href="https://contoh.org/x">luar</a> <a href="mailto:a@b.c">m</a> <img src="img/x.png">',
            "a/index.html": '<h2 id="bagian">B</h2><a href="../">home</a> <a href="..">home</a> <a href="./">diri</a>',
            "img/x.png": "png",
        },
    )
    assert _broken(site) == set()


def test_missing_targets_anchors_and_escapes_are_broken(tmp_path):
    site = _site(
        tmp_path,
        {
            "index.html": '<a href="tidak-ada/">1</a> <a href="a/#tidak-ada">2</a> <a href="#hilang">3</a>'
            '<a href="../luar.html">4</a> <a href="a\\b.html">5</a>',
            "a/index.html": "<p>a</p>",
        },
    )
    assert _broken(site) == {
        ("index.html", "tidak-ada/"),
        ("index.html", "a/#tidak-ada"),
        ("index.html", "#hilang"),
        ("index.html", "../luar.html"),
        ("index.html", "a\\b.html"),
    }


def test_root_absolute_links_break_under_a_sub_path(tmp_path):
    site = _site(tmp_path, {"index.html": '<a href="/a/">a</a>', "a/index.html": "", "404.html": '<a href="/a/">a</a>'})
    assert _broken(site) == {("index.html", "/a/"), ("404.html", "/a/")}
    # With site_url under a path, only 404.html may use that path (a server shows it at any depth).
    site_url = "https://contoh.org/panduan/"
    for page in ("index.html", "404.html"):
        (site / page).write_text(
            '<a href="/panduan/a/">a</a> <link rel="canonical" href="https://contoh.org/panduan/a/">'
        )
    assert _broken(site, site_url=site_url) == {("index.html", "/panduan/a/")}
    (site / "404.html").write_text('<link rel="canonical" href="https://contoh.org/panduan/hilang/">')
    assert ("404.html", "https://contoh.org/panduan/hilang/") in _broken(site, site_url=site_url)


def test_offline_links_to_folders_are_broken(tmp_path):
    site = _site(tmp_path, {"index.html": '<a href="a/">a</a> <a href="a/index.html">b</a>', "a/index.html": ""})
    assert _broken(site) == set()
    assert _broken(site, file_urls=True) == {("index.html", "a/")}


def test_search_index_locations_must_resolve(tmp_path):
    site = _site(tmp_path, {"index.html": "", "a/index.html": '<h2 id="x">x</h2>'})
    docs = [{"location": ""}, {"location": "a/#x"}, {"location": "a/#y"}, {"location": "b/"}]
    (site / "search").mkdir()
    (site / "search" / "search_index.json").write_text(json.dumps({"docs": docs}))
    assert _broken(site) == {("search/search_index.json", "a/#y"), ("search/search_index.json", "b/")}


class LinkReference(HTMLParser):
    """What the stdlib HTML parser finds: the checker's one-pass scanner must find the same."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"] or "")
        if tag != "base":
            self.links += [(v, self.getpos()[0]) for n, v in attrs if n in ("href", "src") and v is not None]

    handle_startendtag = handle_starttag


def link_reference(text: str) -> tuple[set[str], list[tuple[str, int]]]:
    parser = LinkReference()
    parser.feed(text)
    parser.close()
    return parser.ids, parser.links


TRICKY = [
    '<a href="a/">x</a><!-- <a href="komentar/"> --><a id=polos href=b/>y</a>',
    "<script src='s.js'>if (a<b) { x = '<a href=\"skrip/\">' }</script><a href=\"c/\">z</a>",
    '<p title="a > b" id="judul"><a href="x/?a=1&amp;b=2#bagian">q</a></p>',
    '<A HREF="BESAR/" ID="Id">k</A><img\nsrc="gambar/x.png"\nalt="">',
    '<style>a[href="gaya/"]{}</style><a name="nama"></a><a href="#nama" data-x>n</a>',
    "<base href=\"/dasar/\"><a href='kutip/tunggal/'>t</a><input value=\"&lt;a href='palsu/'&gt;\">",
    '<div id="">kosong</div><a href="">kosong</a><a href>tanpa nilai</a>',
]


@pytest.mark.parametrize("html", TRICKY)
def test_scanner_finds_what_the_html_parser_finds(html):
    collected = _Collector(html)
    assert (collected.ids, collected.links) == link_reference(html)
