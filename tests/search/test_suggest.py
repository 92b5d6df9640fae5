"""What "not found" offers: the same suggestions from `panduan cari` and from the site.

suggest.py ranks glossary terms and topics for a query; the site ships the same candidates
(`search/saran.js`) and ranks them in JavaScript (panduan/search/saran.js). Under node, with the
rendered analyzer, both must give the same suggestions with the same scores, and saran.js's port
of difflib's SequenceMatcher.ratio() must equal Python's, long strings (autojunk) included.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
from difflib import SequenceMatcher
from importlib.resources import files
from pathlib import Path

import pytest

from panduan.build import build_guide
from panduan.model import Guide
from panduan.search.stemmer import render_js
from panduan.search.suggest import browser_data, browser_script, candidates, rank, suggestions

REPO = Path(__file__).resolve().parents[2]

QUERIES = [
    "disabilitasss",
    "qwertyuiop",
    "supervsi klinis",
    "kekerasn dalam rumah tanga",
    "pkh",
    "Rumah Singgah",
    "bantuan",
    "posyandu",
    "ojol",
    "di ke yg",  # only short words: nothing to compare
    "",
    "   ",
    "lansia terlantar di jalan",
    "STR",
    "sertifkasi pekerja sosial",
    "DTKS/DTSEN",
    "pengungsi banjir bandang",
    "anak-anak jalanan",
    "Ελλάδα café naïve",
    "constructor __proto__ toString",
    "a" * 250,
    "pemberdayaan masyarakat desa terpencil yang belum punya akses layanan kesehatan dan sekolah",
]

NODE_RUNNER = r"""
const fs = require("fs");
const [, stemmerPath, saranPath, inputPath, outputPath] = process.argv;
const stemmer = require(stemmerPath);
const saran = require(saranPath);
const input = JSON.parse(fs.readFileSync(inputPath, "utf8"));
const out = {
  ranked: input.queries.map((q) => saran.rank(input.data, stemmer, q)),
  ratios: input.pairs.map(([a, b]) => saran.ratio(a, b)),
};
fs.writeFileSync(outputPath, JSON.stringify(out));
"""


@pytest.fixture(scope="module")
def guide() -> Guide:
    result = build_guide(REPO)
    assert not result.report.errors
    return result.guide


@pytest.fixture(scope="module")
def node() -> str:
    path = shutil.which("node")
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("node is required for the Python/JS suggestion parity tests in CI (install nodejs)")
        pytest.skip("node not found: Python/JS suggestion parity not checked")
    return path


def ratio_pairs() -> list[tuple[str, str]]:
    rng = random.Random(19)
    pairs = [("", ""), ("a", ""), ("", "abc"), ("supervsi", "supervisi"), ("abcd", "bcda"), ("kdrt", "kekerasan")]
    for _ in range(300):
        a = "".join(rng.choice("abcde ") for _ in range(rng.randint(0, 12)))
        b = "".join(rng.choice("abcde ") for _ in range(rng.randint(0, 260)))  # >= 200: autojunk
        pairs.append((a, b))
        pairs.append((b[:40], a))
    return pairs


def run_node(node: str, tmp_path: Path, data: dict, queries: list[str], pairs: list[tuple[str, str]]) -> dict:
    (tmp_path / "stemmer.js").write_text(render_js(), encoding="utf-8")
    saran = files("panduan.search").joinpath("saran.js").read_text(encoding="utf-8")
    (tmp_path / "saran.js").write_text(saran, encoding="utf-8")
    (tmp_path / "input.json").write_text(json.dumps({"data": data, "queries": queries, "pairs": pairs}), "utf-8")
    proc = subprocess.run(
        [node, "-e", NODE_RUNNER, *(str(tmp_path / n) for n in ("stemmer.js", "saran.js", "input.json", "out.json"))],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))


def test_browser_ranks_like_cari(guide, node, tmp_path):
    data = browser_data(guide, directory_urls=True)
    out = run_node(node, tmp_path, data, QUERIES, [])
    differing = []
    for query, js in zip(QUERIES, out["ranked"], strict=True):
        py = [{"label": s.label, "location": s.location, "score": s.score} for s in suggestions(guide, query)]
        js = [{k: item[k] for k in ("label", "location", "score")} for item in js]
        if py != js:
            differing.append(f"{query!r}:\n  python {py}\n  js     {js}")
    assert not differing, "\n".join(differing)
    assert any(out["ranked"]), "the queries must produce suggestions"


def test_ratio_is_difflibs(node, tmp_path):
    pairs = ratio_pairs()
    out = run_node(node, tmp_path, {"candidates": []}, [], pairs)
    bad = [
        f"{a!r} vs {b!r}: python {SequenceMatcher(None, a, b).ratio()} js {r}"
        for (a, b), r in zip(pairs, out["ratios"], strict=True)
        if SequenceMatcher(None, a, b).ratio() != r
    ]
    assert not bad, "\n".join(bad[:20])


def test_a_typing_mistake_offers_the_term_and_topics(guide):
    offered = suggestions(guide, "disabilitasss")
    terms = [s for s in offered if s.location.startswith("glosarium/#")]
    topics = [s for s in offered if not s.location.startswith("glosarium/")]
    assert terms and terms[0].location == "glosarium/#penyandang-disabilitas", offered
    assert len(topics) == 3 and topics[0].location == "kelompok-rentan/", offered


def test_offline_locations_are_html_files(guide):
    online = candidates(guide, directory_urls=True)
    offline = candidates(guide, directory_urls=False)
    assert [c.label for c in online] == [c.label for c in offline]
    assert all(c.location.endswith("/") for c in online if c.topic)
    assert all(c.location.endswith("/index.html") for c in offline if c.topic)
    assert all(c.location.startswith("glosarium.html#") for c in offline if not c.topic)


def test_browser_script_hands_over_the_data(guide):
    script = browser_script(guide, directory_urls=True)
    assert script.startswith(render_js())
    call = script[len(render_js()) :].strip()
    assert call.startswith("self.panduanSaranData && self.panduanSaranData(") and call.endswith(");")
    payload = call[len("self.panduanSaranData && self.panduanSaranData(") : -2]
    assert json.loads(payload.replace("<\\/", "</")) == browser_data(guide, directory_urls=True)
    assert "</script" not in script.lower()


def test_rank_of_candidates_is_what_cari_prints(guide):
    for query in QUERIES:
        assert rank(candidates(guide), query) == suggestions(guide, query)
