/*
 * Indonesian tokenizer and stemmer for the Panduan Praktik search (browser and node).
 *
 * This is the twin of generator/panduan/search/stemmer.py: the build indexes text analysed in
 * Python and the browser analyses the query here, so both must behave identically. Every
 * function below has a Python twin with the same name (camelCase here) and the same order of
 * rules; tests/search/test_stemmer.py runs both over a word list and compares. Change one,
 * change both.
 *
 * Plain ES2018 script, no modules: load it with a <script> tag (defines window.panduanStemmer,
 * or self.panduanStemmer in a worker) or require() it from node (module.exports).
 * The shared data (stemmer-data.json) is inlined by panduan.search.render_js() at the marker
 * inside the array below; the unrendered file falls back to require() under node.
 */
(function (root) {
  "use strict";

  var DATA = [/*STEMMER_DATA*/][0];
  if (!DATA && typeof require === "function") {
    DATA = require("./stemmer-data.json");
  }
  if (!DATA) {
    throw new Error("panduanStemmer: data missing; ship the output of panduan.search.render_js()");
  }

  // Sets/Maps, not plain objects: a query word like "constructor" must not hit Object.prototype.
  var STOPWORDS = new Set(DATA.stopwords);
  var EXCEPTIONS = new Map(Object.keys(DATA.exceptions).map(function (k) { return [k, DATA.exceptions[k]]; }));
  var ROOTS = new Set(DATA.roots);

  var VOWELS = "aeiou";
  // Two-letter starts that Indonesian roots really have (see stemmer.py).
  var ONSETS = new Set("bl br dr dw fl fr gl gr kh kl kr ng ny pl pr ps sk sl sm sn sp st sw sy tr tw".split(" "));
  var CODAS = new Set(["ng", "nk", "ks"]);
  var PARTICLES = ["lah", "kah", "tah", "pun"];
  // Nazief-Adriani: prefix/suffix pairs that never occur together (first prefix, suffix).
  var FORBIDDEN_CONFIXES = new Set(["be|i", "di|an", "ke|i", "ke|kan", "me|an", "se|i", "se|kan", "te|an"]);
  // Prefixes that make nouns: with them a final "-kan" is root+"-an" (pendidik-an).
  var NOMINAL_PREFIXES = new Set(["ke", "pe", "peN"]);
  var MAX_PREFIXES = 3;

  var HYPHENS = "-\u2010";
  var APOSTROPHES = "'`\u2018\u2019\u02bc";
  var IGNORABLE = "\u00ad\u200c\u200d\u2060\ufeff";
  var MARK = /^\p{Mn}$/u;
  var WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;

  // ------------------------------------------------------------------------- text folding

  function dropMarks(text) {
    var out = "";
    for (var ch of text) {
      if (!MARK.test(ch) && IGNORABLE.indexOf(ch) < 0) out += ch;
    }
    return out;
  }

  function fold(text) {
    text = dropMarks(String(text).normalize("NFKD"));
    text = dropMarks(text.toLowerCase().normalize("NFKD"));
    return text.normalize("NFC");
  }

  function isWordChar(ch) {
    return WORD_CHAR.test(ch);
  }

  // ------------------------------------------------------------------------- tokenizer

  function tokenize(text) {
    var chars = Array.from(fold(text));
    var tokens = [];
    var current = "";
    for (var i = 0; i < chars.length; i++) {
      var ch = chars[i];
      if (APOSTROPHES.indexOf(ch) >= 0 && apostropheInsideWord(chars, i, current)) continue;
      if (isWordChar(ch)) {
        current += ch;
      } else if (HYPHENS.indexOf(ch) >= 0) {
        current += "-";
      } else {
        pushAll(tokens, resolveHyphens(current));
        current = "";
      }
    }
    pushAll(tokens, resolveHyphens(current));
    return tokens;
  }

  function pushAll(target, items) {
    for (var i = 0; i < items.length; i++) target.push(items[i]);
  }

  function apostropheInsideWord(chars, i, current) {
    var before = current.length > 0 && current[current.length - 1] !== "-";
    var after = i + 1 < chars.length && isWordChar(chars[i + 1]);
    return before && after;
  }

  function resolveHyphens(chunk) {
    var parts = chunk.split("-").filter(function (p) { return p.length > 0; });
    if (parts.length === 2 && isReduplication(parts[0], parts[1])) return [parts[0]];
    return parts;
  }

  function isReduplication(a, b) {
    if (a === b) return true;
    if (!(isAsciiWord(a) && isAsciiWord(b))) return false;
    if ((b.length >= 3 && a.endsWith(b)) || (a.length >= 3 && b.startsWith(a))) return true;
    var stemA = stemWord(a);
    if (stemA === stemWord(b) || (stemA.length >= 3 && b.startsWith(stemA))) return true;
    return isRhyme(a, b);
  }

  function isRhyme(a, b) {
    if (a.length !== b.length || a.length < 4) return false;
    var changed = 0;
    for (var i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) changed += 1;
    }
    return changed <= 2 && changed * 2 < a.length;
  }

  // ------------------------------------------------------------------------- public API

  function stem(word) {
    var folded = fold(word);
    if (folded.indexOf("-") >= 0) return resolveHyphens(folded).map(stemWord).join("-");
    return stemWord(folded);
  }

  function analyze(text) {
    var out = [];
    var tokens = tokenize(text);
    for (var i = 0; i < tokens.length; i++) {
      if (!STOPWORDS.has(tokens[i])) out.push(stemWord(tokens[i]));
    }
    return out;
  }

  // ------------------------------------------------------------------------- stemmer core

  function stemWord(word) {
    if (EXCEPTIONS.has(word)) return EXCEPTIONS.get(word);
    if (word.length <= 3 || !isAsciiWord(word)) return word;
    var found = rootPass(word);
    if (found !== null) return found;
    return rulePass(word);
  }

  function isAsciiWord(word) {
    for (var i = 0; i < word.length; i++) {
      var ch = word[i];
      if (ch < "a" || ch > "z") return false;
    }
    return word.length > 0;
  }

  function known(form) {
    if (EXCEPTIONS.has(form)) return EXCEPTIONS.get(form);
    if (ROOTS.has(form)) return form;
    return null;
  }

  // --- shape checks

  function vowelCount(s) {
    var n = 0;
    for (var i = 0; i < s.length; i++) {
      if (VOWELS.indexOf(s[i]) >= 0) n += 1;
    }
    return n;
  }

  function startsWithAny(s, letters) {
    return s.length > 0 && letters.indexOf(s[0]) >= 0;
  }

  function onsetOk(s) {
    if (startsWithAny(s, VOWELS) || startsWithAny(s.slice(1), VOWELS)) return true;
    return ONSETS.has(s.slice(0, 2));
  }

  function codaOk(s) {
    if (s.length < 2 || VOWELS.indexOf(s[s.length - 1]) >= 0 || VOWELS.indexOf(s[s.length - 2]) >= 0) return true;
    return CODAS.has(s.slice(-2));
  }

  function plausible(s) {
    return s.length >= 3 && vowelCount(s) >= 2 && onsetOk(s);
  }

  // --- suffixes

  function stripIfEnding(word, endings) {
    for (var i = 0; i < endings.length; i++) {
      var ending = endings[i];
      if (word.endsWith(ending) && word.length - ending.length >= 3) return word.slice(0, -ending.length);
    }
    return null;
  }

  function derivationalEndings(word) {
    if (word.endsWith("kan")) return ["kan", "an"];
    if (word.endsWith("an")) return ["an"];
    if (word.endsWith("i")) return ["i"];
    return [];
  }

  function suffixForms(word) {
    var forms = [];
    withStripped(word, PARTICLES).forEach(function (a) {
      withStripped(a, ["nya", "ku", "mu"]).forEach(function (b) {
        derivationalEndings(b).forEach(function (ending) {
          if (b.length - ending.length >= 3) forms.push(b.slice(0, -ending.length));
        });
        forms.push(b);
      });
    });
    return dedupe(forms);
  }

  function withStripped(word, endings) {
    var stripped = stripIfEnding(word, endings);
    return stripped === null ? [word] : [stripped, word];
  }

  function dedupe(items) {
    var seen = new Set();
    var out = [];
    for (var i = 0; i < items.length; i++) {
      if (!seen.has(items[i])) {
        seen.add(items[i]);
        out.push(items[i]);
      }
    }
    return out;
  }

  // --- prefixes: each rule returns [kind, rest] options, preferred first

  function prefixOptions(w) {
    if (w.startsWith("di")) return [["di", w.slice(2)]];
    if (w.startsWith("ke")) return [["ke", w.slice(2)]];
    if (w.startsWith("se")) return [["se", w.slice(2)]];
    if (w.startsWith("me")) return nasalOptions("me", w.slice(2));
    if (w.startsWith("pe")) return peOptions(w);
    if (w.startsWith("be")) return beOptions(w);
    if (w.startsWith("ter")) return rOptions("te", w.slice(3));
    return [];
  }

  function rOptions(kind, rest) {
    if (startsWithAny(rest, VOWELS)) return [[kind, rest], [kind, "r" + rest]];
    if (rest.length > 0) return [[kind, rest]];
    return [];
  }

  function nasalOptions(kind, rest) {
    var r;
    if (rest.startsWith("ng")) {
      r = rest.slice(2);
      if (r.startsWith("e") && vowelCount(r) === 2) return [[kind, r], [kind, "k" + r], [kind, r.slice(1)]];
      if (startsWithAny(r, VOWELS)) return [[kind, r], [kind, "k" + r]];
      return startsWithAny(r, "ghkq") ? [[kind, r]] : [];
    }
    if (rest.startsWith("ny")) {
      r = rest.slice(2);
      return startsWithAny(r, VOWELS) ? [[kind, "s" + r], [kind, "ny" + r]] : [];
    }
    if (rest.startsWith("m")) {
      r = rest.slice(1);
      if (startsWithAny(r, "bfvp")) return [[kind, r]];
      return startsWithAny(r, VOWELS) ? [[kind, "p" + r], [kind, "m" + r]] : [];
    }
    if (rest.startsWith("n")) {
      r = rest.slice(1);
      if (startsWithAny(r, "cdjz") || r.startsWith("sy")) return [[kind, r]];
      return startsWithAny(r, VOWELS) ? [[kind, "t" + r], [kind, "n" + r]] : [];
    }
    if (startsWithAny(rest, "lrwy") && startsWithAny(rest.slice(1), VOWELS)) return [[kind, rest]];
    return [];
  }

  function peOptions(w) {
    if (w.startsWith("pelajar")) return [["pe", w.slice(3)]];
    if (w.startsWith("per")) return rOptions("per", w.slice(3));
    if (startsWithAny(w.slice(2), "mn")) return nasalOptions("peN", w.slice(2));
    if (isCEr(w.slice(2), "lmnrwy")) return [["pe", w.slice(2)]];
    if (startsWithAny(w.slice(2), "lwy") && startsWithAny(w.slice(3), VOWELS)) return [["pe", w.slice(2)]];
    return [];
  }

  function beOptions(w) {
    if (w.startsWith("belajar")) return [["be", w.slice(3)]];
    if (w.startsWith("ber")) return rOptions("be", w.slice(3));
    if (isCEr(w.slice(2), "lr")) return [["be", w.slice(2)]];
    return [];
  }

  function isCEr(rest, excluded) {
    return rest.length >= 4 && VOWELS.indexOf(rest[0]) < 0 && excluded.indexOf(rest[0]) < 0 && rest.slice(1, 3) === "er";
  }

  function mayFollow(kinds, kind, liberal) {
    if (kinds.length === 0) return liberal || kind !== "se";
    if (kinds.indexOf(kind) >= 0 || kinds.length >= MAX_PREFIXES) return false;
    if (kind === "peN") return kinds[kinds.length - 1] === "ke" || kinds[kinds.length - 1] === "be";
    var inner = liberal ? ["be", "per", "pe", "te", "ke", "se"] : ["be", "per", "pe", "te"];
    return inner.indexOf(kind) >= 0;
  }

  // --- pass 1: look for a known root among all analyses

  function rootPass(word) {
    var forms = suffixForms(word);
    var i, j, found;
    for (i = forms.length - 1; i >= 0; i--) {
      found = known(forms[i]);
      if (found !== null) return found;
    }
    for (i = 0; i < forms.length; i++) {
      var candidates = prefixCandidates(forms[i]);
      for (j = 0; j < candidates.length; j++) {
        found = known(candidates[j]);
        if (found !== null) return found;
      }
    }
    return null;
  }

  function prefixCandidates(word) {
    var out = [];
    var frontier = [[word, []]];
    while (frontier.length > 0) {
      var following = [];
      for (var i = 0; i < frontier.length; i++) {
        var form = frontier[i][0];
        var kinds = frontier[i][1];
        var options = prefixOptions(form);
        for (var j = 0; j < options.length; j++) {
          var kind = options[j][0];
          var rest = options[j][1];
          if (rest.length >= 3 && mayFollow(kinds, kind, true)) {
            out.push(rest);
            following.push([rest, kinds.concat([kind])]);
          }
        }
      }
      frontier = following;
    }
    return out;
  }

  // --- pass 2: conservative rules when no known root was found

  function rulePass(word) {
    var w = stripPlausibly(word, PARTICLES, false);
    w = stripPlausibly(w, ["nya"], false);
    w = stripPlausibly(w, ["ku", "mu"], true);
    var greedy = greedyPrefixes(w);
    var kinds = greedy[0];
    var chain = greedy[1];
    var stemmed;
    for (var depth = chain.length; depth > 0; depth--) {
      stemmed = stripDerivational(chain[depth - 1], kinds.slice(0, depth));
      if (stemmed !== null) return stemmed;
    }
    if (kinds.length > 0 && kinds[0] === "ke") {
      stemmed = stripDerivational(w, []);
      if (stemmed !== null && stemmed !== w) return stemmed;
    }
    if (chain.length > 0) return chain[chain.length - 1];
    stemmed = stripDerivational(w, []);
    return stemmed === null ? w : stemmed;
  }

  function stripPlausibly(word, endings, guardPrefix) {
    var stripped = stripIfEnding(word, endings);
    if (stripped === null || !plausible(stripped)) return word;
    if (guardPrefix && hasPrefix(word) && !hasPrefix(stripped)) return word;
    return stripped;
  }

  function hasPrefix(w) {
    return firstPlausiblePrefix(w, []) !== null;
  }

  function greedyPrefixes(w) {
    var kinds = [];
    var chain = [];
    var current = w;
    for (;;) {
      var step = firstPlausiblePrefix(current, kinds);
      if (step === null) return [kinds, chain];
      kinds.push(step[0]);
      chain.push(step[1]);
      current = step[1];
    }
  }

  function firstPlausiblePrefix(w, kinds) {
    var options = prefixOptions(w);
    for (var i = 0; i < options.length; i++) {
      if (mayFollow(kinds, options[i][0], false) && plausible(options[i][1])) return options[i];
    }
    return null;
  }

  function stripDerivational(stemmed, kinds) {
    var endings = derivationalEndings(stemmed);
    if (endings.length === 0) return stemmed;
    if (endings[0] === "kan" && anyNominal(kinds)) endings = ["an"];
    var first = kinds.length > 0 ? kinds[0] : "";
    for (var i = 0; i < endings.length; i++) {
      var rest = stemmed.slice(0, -endings[i].length);
      if (suffixAllowed(rest, endings[i], first)) return rest;
    }
    return null;
  }

  function anyNominal(kinds) {
    for (var i = 0; i < kinds.length; i++) {
      if (NOMINAL_PREFIXES.has(kinds[i])) return true;
    }
    return false;
  }

  function suffixAllowed(rest, ending, first) {
    if (FORBIDDEN_CONFIXES.has(first + "|" + ending)) return false;
    if (!(plausible(rest) && codaOk(rest)) || rest.endsWith("w")) return false;
    if (ending === "i" && rest.endsWith("s")) {
      return (first === "me" || first === "di" || first === "te") && vowelCount(rest) <= 2;
    }
    if (ending === "i" && first === "") return !endsWithVowel(rest) && vowelCount(rest) <= 2;
    return true;
  }

  function endsWithVowel(s) {
    return s.length > 0 && VOWELS.indexOf(s[s.length - 1]) >= 0;
  }

  var api = {
    stem: stem,
    tokenize: tokenize,
    analyze: analyze,
    fold: fold,
    STOPWORDS: STOPWORDS
  };

  if (typeof module === "object" && module && module.exports) {
    module.exports = api;
  } else if (root) {
    root.panduanStemmer = api;
  }
})(typeof globalThis !== "undefined" ? globalThis : typeof self !== "undefined" ? self : this);
