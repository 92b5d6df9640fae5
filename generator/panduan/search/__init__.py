"""Indonesian search text pipeline: one analyzer shared by the Python index build and the browser.

`analyze()` turns text into index terms; `render_js()` returns the same analyzer as a browser
script (stemmer.js with stemmer-data.json inlined) so queries are processed identically.
"""

from __future__ import annotations

from panduan.search.stemmer import STOPWORDS, analyze, render_js, stem, tokenize

__all__ = ["STOPWORDS", "analyze", "render_js", "stem", "tokenize"]
