/*
 * "Tidak ditemukan" with suggestions: when a search finds nothing, offer the closest glossary
 * terms and the topic pages, as `panduan cari` does.
 *
 * The ranking is panduan/search/suggest.py's `rank()`, rule for rule, difflib's
 * SequenceMatcher.ratio() included; the candidates (folded term forms, topic stems) come from
 * the same `candidates()`, written by the build to search/saran.js together with the analyzer.
 * That file is loaded, with a script element (file:// allows no fetch), the first time a search
 * finds nothing and keeps finding nothing for SETTLE_MS. tests/search/test_suggest.py checks
 * both sides give the same answers.
 */
(function (root) {
  "use strict";

  var LABELS = { terms: "Istilah yang mirip di glosarium:", topics: "Atau buka topik:", region: "Saran pencarian" };
  var DATA_PATH = "search/saran.js";

  // ------------------------------------------------------------------------- ranking (suggest.py)

  /* difflib.SequenceMatcher(None, a, b): b's index, with autojunk (b of 200+ items: an item seen
     more than 1% + 1 times is "popular" and starts no match; matches may still grow over it). */
  function chainB(b) {
    var b2j = new Map();
    b.forEach(function (item, j) {
      if (!b2j.has(item)) b2j.set(item, []);
      b2j.get(item).push(j);
    });
    if (b.length >= 200) {
      var ntest = Math.floor(b.length / 100) + 1;
      Array.from(b2j.keys()).forEach(function (item) {
        if (b2j.get(item).length > ntest) b2j.delete(item);
      });
    }
    return b2j;
  }

  function longestMatch(a, b, b2j, alo, ahi, blo, bhi) {
    var besti = alo, bestj = blo, bestsize = 0;
    var j2len = new Map();
    for (var i = alo; i < ahi; i++) {
      var next = new Map();
      var js = b2j.get(a[i]) || [];
      for (var n = 0; n < js.length; n++) {
        var j = js[n];
        if (j < blo) continue;
        if (j >= bhi) break;
        var k = (j2len.get(j - 1) || 0) + 1;
        next.set(j, k);
        if (k > bestsize) { besti = i - k + 1; bestj = j - k + 1; bestsize = k; }
      }
      j2len = next;
    }
    while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) { besti--; bestj--; bestsize++; }
    while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] === b[bestj + bestsize]) bestsize++;
    return [besti, bestj, bestsize];
  }

  function ratio(first, second) {
    var a = Array.from(first), b = Array.from(second);
    var total = a.length + b.length;
    if (!total) return 1.0;
    var b2j = chainB(b), queue = [[0, a.length, 0, b.length]], matches = 0;
    while (queue.length) {
      var q = queue.pop();
      var m = longestMatch(a, b, b2j, q[0], q[1], q[2], q[3]);
      var i = m[0], j = m[1], k = m[2];
      if (!k) continue;
      matches += k;
      if (q[0] < i && q[2] < j) queue.push([q[0], i, q[2], j]);
      if (i + k < q[1] && j + k < q[3]) queue.push([i + k, q[1], j + k, q[3]]);
    }
    return 2.0 * matches / total;
  }

  /* Python's str.split(): runs of Unicode whitespace (str.isspace), no empty strings. */
  var SPACE = /[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
  function words(text) { return text.split(SPACE).filter(Boolean); }

  function similarity(queryWords, folded) {
    var best = 0.0, parts = words(folded);
    queryWords.forEach(function (word) {
      best = Math.max(best, ratio(word, folded));
      parts.forEach(function (part) { best = Math.max(best, ratio(word, part)); });
    });
    return best;
  }

  function byScore(x, y) { return y.score - x.score; } /* Array.prototype.sort is stable, as Python's */

  function rank(data, analyzer, query) {
    var queryWords = words(analyzer.fold(query)).filter(function (w) { return Array.from(w).length >= data.minWord; });
    if (!queryWords.length) return [];
    var close = [], topics = [];
    var stems = new Set(analyzer.analyze(query));
    data.candidates.forEach(function (c) {
      if (c.topic) {
        var shared = c.stems.filter(function (s) { return stems.has(s); }).length;
        topics.push({ label: c.label, location: c.location, topic: true, score: shared + similarity(queryWords, c.forms[0]) });
        return;
      }
      var score = Math.max.apply(null, c.forms.map(function (form) { return similarity(queryWords, form); }));
      if (score >= data.minSimilarity) close.push({ label: c.label, location: c.location, topic: false, score: score });
    });
    close.sort(byScore);
    topics.sort(byScore);
    return close.slice(0, data.terms).concat(topics.slice(0, data.topics));
  }

  var api = { ratio: ratio, rank: rank };
  root.panduanSaran = api;
  if (typeof module === "object" && module.exports) module.exports = api;
  if (typeof document === "undefined") return;

  // ------------------------------------------------------------------------- the search dialog

  var SETTLE_MS = 600;
  var state = { data: null, loading: false, shown: null, waiting: null, waitingFor: null };

  function siteConfig() {
    var node = document.getElementById("__config");
    try { return node ? JSON.parse(node.textContent) : null; } catch (err) { return null; }
  }

  function start() {
    var config = siteConfig();
    var result = document.querySelector("[data-md-component=search-result]");
    var input = document.querySelector("[data-md-component=search-query]");
    if (!config || !result || !input) return;
    var base = new URL(String(config.base || ".").replace(/\/?$/, "/"), document.baseURI);
    var none = (config.translations || {})["search.result.none"];
    var box = document.createElement("div");
    box.className = "panduan-saran";
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", LABELS.region);
    box.hidden = true;
    result.appendChild(box);

    function notFound() {
      var meta = result.querySelector(".md-search-result__meta");
      var list = result.querySelector(".md-search-result__list");
      return input.value.trim() && meta && list && !list.children.length && meta.textContent.trim() === none;
    }

    /* "Nothing found" must hold for SETTLE_MS with the same query before anything is offered or
       loaded: while a person types, and while the search is still starting on a slow phone, a
       "nothing found" is often gone a moment later (tests/browser/test_search_suggestions.py). */
    function update() {
      if (!notFound()) {
        clearTimeout(state.waiting);
        state.waiting = null;
        box.hidden = true;
        state.shown = null;
        return;
      }
      var query = input.value.trim();
      if (state.shown === query || state.waitingFor === query) return;
      clearTimeout(state.waiting);
      state.waitingFor = query;
      state.waiting = setTimeout(settled, SETTLE_MS);
    }

    function settled() {
      var query = state.waitingFor;
      state.waiting = state.waitingFor = null;
      if (input.value.trim() !== query) return update(); /* typed on: wait again for the new query */
      offer();
    }

    function offer() {
      if (!notFound()) return;
      var query = input.value.trim();
      if (!state.data) return load(offer);
      if (state.shown === query) return;
      state.shown = query;
      show(rank(state.data, root.panduanStemmer, query));
    }

    function load(done) {
      if (state.loading) return;
      state.loading = true;
      root.panduanSaranData = function (data) { state.data = data; };
      var script = document.createElement("script");
      script.src = new URL(DATA_PATH, base).href;
      script.onload = function () { state.loading = false; done(); };
      script.onerror = function () { console.warn("panduan: " + DATA_PATH + " not loaded"); };
      document.head.appendChild(script);
    }

    function list(title, items) {
      var part = document.createDocumentFragment();
      if (!items.length) return part;
      var heading = document.createElement("p");
      heading.className = "panduan-saran__judul";
      heading.textContent = title;
      var ul = document.createElement("ul");
      items.forEach(function (item) {
        var a = document.createElement("a");
        a.href = new URL(item.location, base).href;
        a.textContent = item.label;
        var li = document.createElement("li");
        li.appendChild(a);
        ul.appendChild(li);
      });
      part.appendChild(heading);
      part.appendChild(ul);
      return part;
    }

    function show(items) {
      box.textContent = "";
      box.appendChild(list(LABELS.terms, items.filter(function (i) { return !i.topic; })));
      box.appendChild(list(LABELS.topics, items.filter(function (i) { return i.topic; })));
      box.hidden = !items.length;
    }

    new MutationObserver(function (records) {
      if (records.every(function (r) { return box.contains(r.target); })) return;
      update();
    }).observe(result, { childList: true, subtree: true, characterData: true });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(typeof self !== "undefined" ? self : this);
