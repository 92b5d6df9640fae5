"""The one-file search worker (panduan/search/worker.py): what goes in, in which order, and how
pages are pointed at it. The browser side (one request instead of three, results and deep links)
is checked in tests/browser/test_site.py."""

from __future__ import annotations

from importlib.resources import files

from panduan.search.index import lunr_id_script
from panduan.search.worker import MATERIAL_WORKER, bundle, bundle_path, point_at_bundle

MATERIAL = '"use strict";(()=>{var x=1;self.lunr={};})();\n//# sourceMappingURL=search.a7633da7.min.js.map\n'
SUPPORT = "!function(r,t){t()(r.lunr)}(this,function(){return function(){}});\n"


def test_bundle_keeps_the_import_order_after_the_prelude():
    text = bundle(MATERIAL, SUPPORT)
    prelude = files("panduan.search").joinpath("worker-prelude.js").read_text(encoding="utf-8").strip()
    positions = [text.index(prelude.rstrip(";")), text.index("self.lunr={}"), text.index(SUPPORT.strip().rstrip(";"))]
    positions.append(text.index(lunr_id_script()))
    assert positions == sorted(positions), "prelude, Material's worker, stemmer support, lunr.id"
    assert "var panduanWorkerBundle = true;" in text
    assert "sourceMappingURL" not in text, "the map would describe another file"


def test_materials_use_strict_stays_inside_its_own_function():
    text = bundle(MATERIAL, SUPPORT)
    assert not text.lstrip().startswith('"use strict"')
    assert '(function () {\n"use strict";' in text and "}).call(self)" in text


def test_bundle_name_follows_its_content():
    first, second = bundle(MATERIAL, SUPPORT), bundle(MATERIAL.replace("x=1", "x=2"), SUPPORT)
    assert bundle_path(first) != bundle_path(second)
    assert bundle_path(first) == bundle_path(bundle(MATERIAL, SUPPORT))
    assert bundle_path(first).startswith("assets/javascripts/workers/search.panduan.")
    # Material finds the lunr folder by cutting the worker's address at "/worker" (file://).
    assert bundle_path(first).count("/worker") == 1
    assert MATERIAL_WORKER.match("assets/javascripts/workers/search.a7633da7.min.js")
    assert not MATERIAL_WORKER.match(bundle_path(first))


def test_pages_point_at_the_bundle_in_their_config_only():
    page = (
        "<head></head><body>"
        "<p>assets/javascripts/workers/search.a7633da7.min.js</p>"
        '<script id="__config" type="application/json">{"base": "../..", "features": [], '
        '"search": "../../assets/javascripts/workers/search.a7633da7.min.js", "tags": null}</script>'
        "</body>"
    )
    out = point_at_bundle(page, "assets/javascripts/workers/search.panduan.0123abcd.min.js")
    assert '"search": "../../assets/javascripts/workers/search.panduan.0123abcd.min.js"' in out
    assert "<p>assets/javascripts/workers/search.a7633da7.min.js</p>" in out
    assert out.replace("search.panduan.0123abcd", "search.a7633da7") == page
