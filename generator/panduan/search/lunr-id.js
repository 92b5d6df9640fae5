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
  if (!lunr || !analyzer) return;

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
})(typeof self !== "undefined" ? self : this);
