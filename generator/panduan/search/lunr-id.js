/*
 * lunr.id — Indonesian support for Material's search worker, the offline bundle included.
 *
 * Material's worker loads this file with importScripts() when the search index says
 * `lang: ["id"]` (the panduan plugin sets that). It relies on window/self.panduanStemmer, which is
 * defined by the stemmer prepended to this file, so index terms and query terms go through the
 * very same analyzer as the Python side (tests/search/test_stemmer.py checks parity).
 */
(function (root) {
  "use strict";
  var lunr = root.lunr;
  var analyzer = root.panduanStemmer;
  /* Material imports this file again when the index is rebuilt with page bodies: patch once. */
  if (!lunr || !analyzer || lunr.id) return;

  /* Index side: one token in, zero or more stems out (stopwords vanish, "DTKS/DTSEN" splits). */
  function analyzeToken(token) {
    return analyzer.analyze(token.toString()).map(function (stem) {
      return token.clone(function () { return stem; });
    });
  }
  lunr.Pipeline.registerFunction(analyzeToken, "panduanId");

  lunr.id = function () {
    this.pipeline.reset();
    this.pipeline.add(analyzeToken);
    this.searchPipeline.reset(); /* queries are analysed in QueryParser.parse below */
  };
  lunr.id.analyzer = analyzeToken;

  /*
   * Query side. Material appends "*" to every query term, and lunr skips the pipeline for
   * wildcard terms, so "didampingi*" would never meet the stem "damping". We analyse each clause
   * right after parsing. Only the last word keeps its trailing wildcard (it may still be being
   * typed); finished words match whole stems, so "bersama" does not also match "samar...".
   * A stem the index does not know (whole, or as a prefix for the last word) is searched fuzzily
   * instead: edit distance 1, or 2 from 8 letters ("supervsi" finds "supervisi").
   * panduan/search/index.py:query_clauses does the same for `panduan cari`.
   */
  var FUZZY_MIN_LENGTH = 4;
  var FUZZY_LONG = 8;
  var activeIndex = null; /* the index being queried: set by Index.prototype.query below */

  function known(stem, prefix) {
    if (!activeIndex) return true;
    if (!prefix) return Object.prototype.hasOwnProperty.call(activeIndex.invertedIndex, stem);
    return activeIndex.tokenSet.intersect(lunr.TokenSet.fromString(stem + "*")).toArray().length > 0;
  }

  function analyzeClauses(clauses) {
    var out = [];
    var seen = {};
    clauses.forEach(function (clause, position) {
      var term = String(clause.term || "");
      var lead = term.charAt(0) === "*";
      var last = position === clauses.length - 1;
      var trail = last && term.charAt(term.length - 1) === "*";
      var core = term.replace(/^\*+|\*+$/g, "");
      analyzer.analyze(core).forEach(function (stem) {
        var fuzzy = 0;
        if (!lead && stem.length >= FUZZY_MIN_LENGTH && !known(stem, trail)) {
          fuzzy = stem.length >= FUZZY_LONG ? 2 : 1;
        }
        var key = stem + "|" + (fuzzy ? false : trail) + "|" + fuzzy + "|" + clause.presence + "|" + (clause.fields || []).join(",");
        if (seen[key]) return;
        seen[key] = true;
        var copy = {};
        for (var k in clause) if (Object.prototype.hasOwnProperty.call(clause, k)) copy[k] = clause[k];
        if (fuzzy) {
          copy.term = stem;
          copy.editDistance = fuzzy;
        } else {
          copy.term = (lead ? "*" : "") + stem + (trail ? "*" : "");
          delete copy.editDistance;
        }
        copy.usePipeline = false;
        out.push(copy);
      });
    });
    return out;
  }

  var query = lunr.Index.prototype.query;
  lunr.Index.prototype.query = function (fn) {
    var previous = activeIndex;
    activeIndex = this;
    try {
      return query.call(this, fn);
    } finally {
      activeIndex = previous;
    }
  };

  var parse = lunr.QueryParser.prototype.parse;
  lunr.QueryParser.prototype.parse = function () {
    var query = parse.call(this);
    query.clauses = analyzeClauses(query.clauses);
    return query;
  };
  /*
   * Two-stage index (panduan/search/split.py). The index Material hands over holds one document
   * per page; the full documents of a page (sections, recommendations, steps) are in
   * search/badan/<part>.js. After a query, the parts of the pages ranked highest are loaded
   * (all parts when fewer than MIN_PAGES pages were found), Material's own SETUP message is sent
   * again with those pages in full, and the last query is asked again: Material answers it with
   * the new index, and the refined results replace the first ones on screen.
   */
  var SETUP = 0, QUERY = 2;
  var TOP_PAGES = 3, MIN_PAGES = 3, DEBOUNCE_MS = 250;
  var state = {
    config: root.panduanSearchConfig || null,
    docs: null, index: null, captured: [], parts: {}, loading: {},
    query: "", timer: null, rebuilding: false, busy: false, pending: false,
    settled: null /* the last query whose answer includes every part it wanted (tests, bench) */
  };

  function pageOf(location) { return String(location).split("#")[0]; }
  function partOf(location) {
    var page = pageOf(location);
    if (page.indexOf("/") < 0) return "beranda";
    var part = page.split("/")[0].toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "");
    return part || "beranda";
  }
  function copy(doc) {
    var out = {};
    for (var k in doc) if (Object.prototype.hasOwnProperty.call(doc, k) && k !== "parent") out[k] = doc[k];
    return out;
  }

  /* split.py:merge: stage-1 documents, each page of a loaded part replaced by its documents. */
  function mergeBodies(docs, parts) {
    var out = [], done = {};
    docs.forEach(function (doc) {
      var page = pageOf(doc.location);
      var part = parts[partOf(doc.location)];
      var full = part && Object.prototype.hasOwnProperty.call(part, page) ? part[page] : null;
      if (!full) out.push(copy(doc));
      else if (!done[page]) {
        done[page] = true;
        full.forEach(function (d) { out.push(copy(d)); });
      }
    });
    return out;
  }

  var add = lunr.Builder.prototype.add;
  lunr.Builder.prototype.add = function (doc, attributes) {
    if (!state.rebuilding) state.captured.push(copy(doc));
    return add.call(this, doc, attributes);
  };
  var build = lunr.Builder.prototype.build;
  lunr.Builder.prototype.build = function () {
    var index = build.call(this);
    if (state.rebuilding) {
      state.rebuilding = false;
      setTimeout(requery, 0); /* after Material has stored the new index */
    } else {
      state.docs = state.captured;
      state.parts = {};
    }
    state.captured = [];
    state.index = index;
    return index;
  };

  function workerUrl() {
    /* In the iframe shim (file://) the worker is the first script element; else self.location. */
    if (typeof document !== "undefined" && document.querySelector) {
      var script = document.querySelector("script[src]");
      if (script) return script.src;
    }
    return root.location.href;
  }

  function dispatch(data) {
    root.dispatchEvent(new MessageEvent("message", { data: data }));
  }

  root.panduanSearchBodies = function (part, pages) {
    state.parts[part] = pages;
    delete state.loading[part];
  };

  function allParts() {
    var parts = [];
    state.docs.forEach(function (doc) {
      var part = partOf(doc.location);
      if (parts.indexOf(part) < 0) parts.push(part);
    });
    return parts;
  }

  function wantedParts(query) {
    var results;
    try { results = state.index.search(query); } catch (err) { return []; }
    var pages = [];
    results.forEach(function (r) {
      var page = pageOf(r.ref);
      if (pages.indexOf(page) < 0) pages.push(page);
    });
    var parts = pages.length < MIN_PAGES ? allParts() : pages.slice(0, TOP_PAGES).map(partOf);
    return parts.filter(function (part, i) {
      return parts.indexOf(part) === i && !state.parts[part] && !state.loading[part];
    });
  }

  /* A part's script is `self.panduanSearchBodies&&self.panduanSearchBodies("<part>",{...});`
     (split.py body_script): over http its data is read as JSON, without running it. */
  var BODY = /^self\.panduanSearchBodies&&self\.panduanSearchBodies\(("[^"]*"),([\s\S]*)\);\n?$/;

  function fetchPart(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.text();
    }).then(function (text) {
      var found = BODY.exec(text);
      if (!found) throw new Error("not a search body script");
      root.panduanSearchBodies(JSON.parse(found[1]), JSON.parse(found[2]));
    });
  }

  /* Over http all parts are fetched at once: on a slow network each request waits a full round
     trip, and importScripts() would wait for them one after the other. From file:// (the offline
     bundle, where fetch is not allowed) they are imported in turn. */
  function load(parts) {
    var base = workerUrl();
    var parallel = /^https?:/.test(base) && typeof fetch === "function";
    parts.forEach(function (part) { state.loading[part] = true; });
    function failed(part) {
      return function (err) {
        delete state.loading[part];
        console.warn("panduan: search part " + part + " not loaded", err);
      };
    }
    function url(part) { return new URL("../../../search/badan/" + part + ".js", base).href; }
    if (parallel) {
      return Promise.all(parts.map(function (part) { return fetchPart(url(part)).catch(failed(part)); }));
    }
    return parts.reduce(function (done, part) {
      return done.then(function () { return importer.call(root, url(part)); }).catch(failed(part));
    }, Promise.resolve());
  }

  /* Material imports the language scripts on every SETUP. They are here already when this file is
     part of the one-file worker (panduan/search/worker.py), and again while rebuilding; on a slow
     network each import is a round trip, one after the other. Skip those. */
  var importer = root.importScripts;
  var BUNDLED = /\/lunr\/min\/lunr\.(stemmer\.support|id)\.min\.js$/;
  if (typeof importer === "function") {
    root.importScripts = function () {
      if (state.rebuilding) return undefined;
      var urls = Array.prototype.filter.call(arguments, function (url) {
        return !(root.panduanWorkerBundle && BUNDLED.test(String(url).split("?")[0]));
      });
      return urls.length ? importer.apply(root, urls) : undefined;
    };
  }

  function rebuild() {
    if (state.busy) { state.pending = true; return; }
    state.busy = true;
    state.rebuilding = true;
    dispatch({ type: SETUP, data: { config: state.config, docs: mergeBodies(state.docs, state.parts), options: { suggest: false } } });
  }

  function idle() { return !state.busy && !state.pending && !Object.keys(state.loading).length; }

  function requery() {
    state.busy = false;
    dispatch({ type: QUERY, data: state.query, panduan: true });
    if (state.pending) { state.pending = false; rebuild(); }
    if (idle()) state.settled = state.query;
  }

  function refine(query) {
    if (!state.index || !state.docs || !state.config || !String(query).trim()) return;
    var parts = wantedParts(query);
    if (parts.length) load(parts).then(rebuild);
    else if (idle()) state.settled = query; /* the answer on screen is final */
  }

  if (typeof addEventListener === "function" && typeof MessageEvent !== "undefined") {
    addEventListener("message", function (ev) {
      var message = ev.data;
      /* The index's config comes with Material's SETUP; the rebuild sends it back unchanged. */
      if (message && message.type === SETUP && !state.rebuilding && message.data) state.config = message.data.config;
      if (!message || message.type !== QUERY || message.panduan) return;
      state.query = message.data;
      clearTimeout(state.timer);
      state.timer = setTimeout(refine, DEBOUNCE_MS, message.data);
    });
  }
  root.panduanSearchState = state; /* for tests */
})(typeof self !== "undefined" ? self : this);
