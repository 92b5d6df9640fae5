"""The search worker as ONE prebuilt script, so a phone waits for one request, not three in a row.

Material's worker (`assets/javascripts/workers/search.<hash>.min.js`) starts, receives the index,
and only then calls `importScripts(lunr.stemmer.support.min.js, lunr.id.min.js)`: two more
requests, one after the other, each paying the network's full latency (2 s each on a slow 3G
link) before the first query can be answered. We build, at site build time, one file holding
Material's worker (lunr included), lunr's stemmer support and our Indonesian pipeline
(`lunr_id_script()`: analyzer + lunr-id.js), and point every page's `__config` at it. lunr-id.js
knows it is bundled (`panduanWorkerBundle`) and skips Material's `importScripts` of the two
scripts that are already there.

The file name carries a hash of its content, like Material's own assets, so a host may cache it
for long without serving a stale analyzer after an update.
"""

from __future__ import annotations

import hashlib
import re
from importlib.resources import files

from panduan.search.index import lunr_id_script

WORKERS_DIR = "assets/javascripts/workers"
STEMMER_SUPPORT_PATH = "assets/javascripts/lunr/min/lunr.stemmer.support.min.js"
MATERIAL_WORKER = re.compile(r"^assets/javascripts/workers/search\.[0-9a-f]+\.min\.js$")
_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.MULTILINE)
# The worker's address in a page's `<script id="__config">` (relative to the page, JSON-quoted).
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)
_WORKER_IN_CONFIG = re.compile(r'("search":\s*"[^"]*?assets/javascripts/workers/)search\.[0-9a-f]+\.min\.js(")')


def bundle(material_worker: str, stemmer_support: str) -> str:
    """Our prelude (worker-prelude.js: restores what stage 1 leaves out), Material's worker, then
    lunr's stemmer support, then ours: the order `importScripts` had.

    Material's worker sets `self.lunr` as its last statement, which the two scripts after it need.
    Source-map comments go: the map would no longer match the file."""
    # Material's file begins with "use strict", which would make the whole concatenation strict;
    # inside a function the directive covers Material's code alone. `this` stays the global scope.
    prelude = files("panduan.search").joinpath("worker-prelude.js").read_text(encoding="utf-8")
    parts = [
        prelude.rstrip().rstrip(";"),
        "(function () {\n" + _SOURCE_MAP.sub("", material_worker).rstrip() + "\n}).call(self)",
        _SOURCE_MAP.sub("", stemmer_support).rstrip(),
        "var panduanWorkerBundle = true;",
        lunr_id_script(),
    ]
    return ";\n".join(parts) + "\n"


def bundle_path(content: str) -> str:
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:8]
    return f"{WORKERS_DIR}/search.panduan.{digest}.min.js"


def point_at_bundle(html: str, path: str) -> str:
    """The page with its `__config` naming the bundled worker instead of Material's."""
    name = path.rsplit("/", 1)[1]

    def config(found: re.Match[str]) -> str:
        body = _WORKER_IN_CONFIG.sub(lambda m: m.group(1) + name + m.group(2), found.group(2), count=1)
        return found.group(1) + body + found.group(3)

    return _CONFIG.sub(config, html, count=1)
