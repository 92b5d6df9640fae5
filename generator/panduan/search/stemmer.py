"""Indonesian tokenizer and stemmer for the site's own search index.

Material's search (lunr.js) has no Indonesian stemmer, so the build indexes text that this module
has analysed, and the browser runs `stemmer.js` over the query. The two files are a behavioural
pair: every rule here has a twin there (same names in camelCase, same order), and
tests/search/test_stemmer.py checks that both give identical output. Change one, change both.

The stemmer follows Nazief–Adriani / confix stripping (ECS) without their large root dictionary:

1. exact overrides from the exception list (known traps such as relawan ≠ rawan);
2. a "root pass": every plausible way to remove suffixes and up to three prefixes is listed in a
   fixed order, and the first form that is a known root (a small, domain-tuned list) wins;
3. otherwise a conservative rule-based pass that only removes affixes while the rest still looks
   like an Indonesian root (length, vowels, a pronounceable start and end).

The data (stopwords, exceptions, roots) lives in stemmer-data.json, shared with the JS.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

_HERE = Path(__file__).resolve().parent
_DATA_PATH = _HERE / "stemmer-data.json"
_JS_PATH = _HERE / "stemmer.js"
JS_PLACEHOLDER = "/*STEMMER_DATA*/"


def _load_data() -> dict[str, Any]:
    with _DATA_PATH.open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


_DATA = _load_data()
STOPWORDS: frozenset[str] = frozenset(_DATA["stopwords"])
_EXCEPTIONS: dict[str, str] = dict(_DATA["exceptions"])
_ROOTS: frozenset[str] = frozenset(_DATA["roots"])

VOWELS = "aeiou"
# Two-letter starts that Indonesian roots (native or loan) really have; anything else after
# removing a prefix means the prefix was part of the root (se+rtifikasi, me+rdeka).
_ONSETS = frozenset(
    [
        "bl",
        "br",
        "dr",
        "dw",
        "fl",
        "fr",
        "gl",
        "gr",
        "kh",
        "kl",
        "kr",
        "ng",
        "ny",
        "pl",
        "pr",
        "ps",
        "sk",
        "sl",
        "sm",
        "sn",
        "sp",
        "st",
        "sw",
        "sy",
        "tr",
        "tw",
    ]
)
# Consonant pairs a root may end in; a stem ending in any other pair means a suffix was not one.
_CODAS = frozenset(["ng", "nk", "ks"])
_PARTICLES = ("lah", "kah", "tah", "pun")
_POSSESSIVES = ("nya", "ku", "mu")
# Nazief–Adriani: prefix/suffix pairs that never occur together (first prefix, suffix).
_FORBIDDEN_CONFIXES = frozenset(
    [("be", "i"), ("di", "an"), ("ke", "i"), ("ke", "kan"), ("me", "an"), ("se", "i"), ("se", "kan"), ("te", "an")]
)
# Prefixes that make nouns: with them a final "-kan" is root+"-an" (pendidik-an), not "-kan".
# "per" is not one: per- also makes verbs (perhatikan, pertimbangkan).
_NOMINAL_PREFIXES = frozenset(["ke", "pe", "peN"])
_MAX_PREFIXES = 3

_HYPHENS = "-\u2010"
_APOSTROPHES = "'`\u2018\u2019\u02bc"
_IGNORABLE = "\u00ad\u200c\u200d\u2060\ufeff"  # soft hyphen, joiners, BOM: invisible inside words


# --------------------------------------------------------------------------- text folding


def _drop_marks(text: str) -> str:
    # After NFKD an accent is its own nonspacing mark; dropping it folds "é" to "e".
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn" and ch not in _IGNORABLE)


def fold(text: str) -> str:
    """Lowercase, compatibility-normalise and strip accents, the same way as the JS."""
    text = _drop_marks(unicodedata.normalize("NFKD", text))  # "ﬁ" → "fi", "Ｐ" → "P", "é" → "e"
    text = _drop_marks(unicodedata.normalize("NFKD", text.lower()))  # "İ".lower() adds a mark
    return unicodedata.normalize("NFC", text)


def _is_word_char(ch: str) -> bool:
    # Letters, digits, and the spacing marks left after folding (Indic vowel signs).
    return unicodedata.category(ch)[0] in ("L", "N", "M")


# --------------------------------------------------------------------------- tokenizer


# ASCII text (almost all of the guide) takes a regex path with the same result as the loop below:
# folding is lowercasing, an apostrophe between two letters/digits is dropped, and runs of
# letters, digits and hyphens are the chunks. tests/search/test_stemmer.py compares both paths.
_ASCII_INNER_APOSTROPHE = re.compile(r"(?<=[a-z0-9])['`](?=[a-z0-9])")
_ASCII_CHUNK = re.compile(r"[a-z0-9-]+")


def tokenize(text: str) -> list[str]:
    """Split folded text into word tokens; hyphenated words are resolved, never returned whole."""
    if text.isascii():
        folded = _ASCII_INNER_APOSTROPHE.sub("", text.lower())
        return [token for chunk in _ASCII_CHUNK.findall(folded) for token in _resolve_hyphens(chunk)]
    return _tokenize_chars(text)


def _tokenize_chars(text: str) -> list[str]:
    chars = list(fold(text))
    tokens: list[str] = []
    current = ""
    for i, ch in enumerate(chars):
        if ch in _APOSTROPHES and _apostrophe_inside_word(chars, i, current):
            continue  # "jum'at" → "jumat", "qur'an" → "quran": spellings vary with and without it
        if _is_word_char(ch):
            current += ch
        elif ch in _HYPHENS:
            current += "-"
        else:
            tokens.extend(_resolve_hyphens(current))
            current = ""
    tokens.extend(_resolve_hyphens(current))
    return tokens


def _apostrophe_inside_word(chars: list[str], i: int, current: str) -> bool:
    before = len(current) > 0 and current[-1] != "-"
    after = i + 1 < len(chars) and _is_word_char(chars[i + 1])
    return before and after


def _resolve_hyphens(chunk: str) -> list[str]:
    """A reduplication (anak-anak, sayur-mayur) becomes its first part; other compounds split."""
    parts = [p for p in chunk.split("-") if p]
    if len(parts) == 2 and _is_reduplication(parts[0], parts[1]):
        return [parts[0]]
    return parts


def _is_reduplication(a: str, b: str) -> bool:
    if a == b:
        return True
    if not (_is_ascii_word(a) and _is_ascii_word(b)):
        return False
    if (len(b) >= 3 and a.endswith(b)) or (len(a) >= 3 and b.startswith(a)):
        return True  # affix on one copy only: sehari-hari, anak-anaknya, sayur-sayuran
    # Affixes on both copies still share a stem: tolong-menolong, dibeda-bedakan.
    stem_a = _stem_word(a)
    if stem_a == _stem_word(b) or (len(stem_a) >= 3 and b.startswith(stem_a)):
        return True  # the second test catches kemerah-merahan, whose copy stems badly
    return _is_rhyme(a, b)


def _is_rhyme(a: str, b: str) -> bool:
    # Rhyming reduplication changes one or two letters: sayur-mayur, bolak-balik, gotong-royong.
    if len(a) != len(b) or len(a) < 4:
        return False
    changed = 0
    for i in range(len(a)):
        if a[i] != b[i]:
            changed += 1
    return changed <= 2 and changed * 2 < len(a)


# --------------------------------------------------------------------------- public API


def stem(word: str) -> str:
    """Stem one word (any case; a hyphenated word is resolved like tokenize() does)."""
    folded = fold(word)
    if "-" in folded:
        return "-".join(_stem_word(p) for p in _resolve_hyphens(folded))
    return _stem_word(folded)


def analyze(text: str) -> list[str]:
    """The index/query pipeline: tokenize, drop stopwords, stem."""
    return [_stem_word(t) for t in tokenize(text) if t not in STOPWORDS]


def render_js() -> str:
    """stemmer.js with the shared data inlined, ready to ship (browsers cannot read the JSON)."""
    source = _JS_PATH.read_text(encoding="utf-8")
    if source.count(JS_PLACEHOLDER) != 1:
        raise RuntimeError(f"{_JS_PATH.name} must contain {JS_PLACEHOLDER} exactly once")
    data = json.dumps(_DATA, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    return source.replace(JS_PLACEHOLDER, data.replace("</", "<\\/"))


# --------------------------------------------------------------------------- stemmer core


@functools.lru_cache(maxsize=1 << 16)  # a guide has a few thousand distinct words, each met many times
def _stem_word(word: str) -> str:
    if word in _EXCEPTIONS:
        return _EXCEPTIONS[word]
    if len(word) <= 3 or not _is_ascii_word(word):
        return word  # acronyms with digits, foreign scripts, short words: nothing to strip
    found = _root_pass(word)
    if found is not None:
        return found
    return _rule_pass(word)


def _is_ascii_word(word: str) -> bool:
    for ch in word:
        if ch < "a" or ch > "z":
            return False
    return len(word) > 0


def _known(form: str) -> str | None:
    if form in _EXCEPTIONS:
        return _EXCEPTIONS[form]
    if form in _ROOTS:
        return form
    return None


# --- shape checks: stand in for the dictionary the original algorithm looks words up in


def _vowel_count(s: str) -> int:
    n = 0
    for ch in s:
        if ch in VOWELS:
            n += 1
    return n


def _starts_with_any(s: str, letters: str) -> bool:
    return len(s) > 0 and s[0] in letters


def _onset_ok(s: str) -> bool:
    if _starts_with_any(s, VOWELS) or _starts_with_any(s[1:], VOWELS):
        return True
    return s[:2] in _ONSETS


def _coda_ok(s: str) -> bool:
    if len(s) < 2 or s[-1] in VOWELS or s[-2] in VOWELS:
        return True
    return s[-2:] in _CODAS


def _plausible(s: str) -> bool:
    """Could s be a root? At least 3 letters, two vowels (two syllables), a real start."""
    return len(s) >= 3 and _vowel_count(s) >= 2 and _onset_ok(s)


# --- suffixes


def _strip_if_ending(word: str, endings: tuple[str, ...]) -> str | None:
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return None


def _derivational_endings(word: str) -> list[str]:
    # "-kan" may also be root-final k + "-an" (pendidikan = pendidik-an), so both are listed.
    if word.endswith("kan"):
        return ["kan", "an"]
    if word.endswith("an"):
        return ["an"]
    if word.endswith("i"):
        return ["i"]
    return []


def _suffix_forms(word: str) -> list[str]:
    """Every suffix-stripped form, most stripped first (particle, possessive, derivational)."""
    forms: list[str] = []
    for a in _with_stripped(word, _PARTICLES):
        for b in _with_stripped(a, _POSSESSIVES):
            for ending in _derivational_endings(b):
                if len(b) - len(ending) >= 3:
                    forms.append(b[: -len(ending)])
            forms.append(b)
    return _dedupe(forms)


def _with_stripped(word: str, endings: tuple[str, ...]) -> list[str]:
    stripped = _strip_if_ending(word, endings)
    return [word] if stripped is None else [stripped, word]


def _dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out


# --- prefixes: each rule returns (kind, rest) options, preferred first


def _prefix_options(w: str) -> list[tuple[str, str]]:
    if w.startswith("di"):
        return [("di", w[2:])]
    if w.startswith("ke"):
        return [("ke", w[2:])]
    if w.startswith("se"):
        return [("se", w[2:])]
    if w.startswith("me"):
        return _nasal_options("me", w[2:])
    if w.startswith("pe"):
        return _pe_options(w)
    if w.startswith("be"):
        return _be_options(w)
    if w.startswith("ter"):
        return _r_options("te", w[3:])
    return []


def _r_options(kind: str, rest: str) -> list[tuple[str, str]]:
    # ber-/per-/ter- before a vowel: the r is the prefix's (ber-ada) or the root's (be-rupa).
    if _starts_with_any(rest, VOWELS):
        return [(kind, rest), (kind, "r" + rest)]
    if len(rest) > 0:
        return [(kind, rest)]
    return []


def _nasal_options(kind: str, rest: str) -> list[tuple[str, str]]:
    """meN-/peN-: the nasal replaced the root's first consonant (menulis ← tulis); undo it."""
    if rest.startswith("ng"):
        r = rest[2:]
        if r.startswith("e") and _vowel_count(r) == 2:
            # menge- before a one-syllable root (mengecek ← cek); e-/ke- roots stay preferred.
            return [(kind, r), (kind, "k" + r), (kind, r[1:])]
        if _starts_with_any(r, VOWELS):
            return [(kind, r), (kind, "k" + r)]  # mengambil ← ambil, mengirim ← kirim
        return [(kind, r)] if _starts_with_any(r, "ghkq") else []
    if rest.startswith("ny"):
        r = rest[2:]
        return [(kind, "s" + r), (kind, "ny" + r)] if _starts_with_any(r, VOWELS) else []
    if rest.startswith("m"):
        r = rest[1:]
        if _starts_with_any(r, "bfvp"):
            return [(kind, r)]
        return [(kind, "p" + r), (kind, "m" + r)] if _starts_with_any(r, VOWELS) else []
    if rest.startswith("n"):
        r = rest[1:]
        if _starts_with_any(r, "cdjz") or r.startswith("sy"):
            return [(kind, r)]  # mendampingi, mensyaratkan
        return [(kind, "t" + r), (kind, "n" + r)] if _starts_with_any(r, VOWELS) else []
    if _starts_with_any(rest, "lrwy") and _starts_with_any(rest[1:], VOWELS):
        return [(kind, rest)]  # me-lindungi, pe-latih: no nasal before l, r, w, y
    return []


def _pe_options(w: str) -> list[tuple[str, str]]:
    if w.startswith("pelajar"):
        return [("pe", w[3:])]  # pel-ajar: the one root that takes "pel-"
    if w.startswith("per"):
        return _r_options("per", w[3:])
    if _starts_with_any(w[2:], "mn"):
        return _nasal_options("peN", w[2:])
    if _is_c_er(w[2:], "lmnrwy"):
        return [("pe", w[2:])]  # pe-kerja, pe-serta
    if _starts_with_any(w[2:], "lwy") and _starts_with_any(w[3:], VOWELS):
        return [("pe", w[2:])]  # pe-latih, pe-layan
    return []


def _be_options(w: str) -> list[tuple[str, str]]:
    if w.startswith("belajar"):
        return [("be", w[3:])]  # bel-ajar
    if w.startswith("ber"):
        return _r_options("be", w[3:])
    if _is_c_er(w[2:], "lr"):
        return [("be", w[2:])]  # be-kerja, be-serta
    return []


def _is_c_er(rest: str, excluded: str) -> bool:
    # A consonant then "er": the prefix lost its r before a root like "kerja".
    return len(rest) >= 4 and rest[0] not in VOWELS and rest[0] not in excluded and rest[1:3] == "er"


def _may_follow(kinds: list[str], kind: str, liberal: bool) -> bool:
    """Which prefix may come after which (di-per-, mem-ber-, ke-ter-, ke-pen-...)."""
    if len(kinds) == 0:
        return liberal or kind != "se"  # se- starts too many roots (sehat, sekolah) to guess
    if kind in kinds or len(kinds) >= _MAX_PREFIXES:
        return False
    if kind == "peN":
        return kinds[-1] in ("ke", "be")  # ke-pem-impin-an, ber-pen-didik-an
    inner = ["be", "per", "pe", "te", "ke", "se"] if liberal else ["be", "per", "pe", "te"]
    return kind in inner


# --- pass 1: look for a known root among all analyses


def _root_pass(word: str) -> str | None:
    forms = _suffix_forms(word)
    for form in reversed(forms):  # least stripped first: the word, then -nya, -an ...
        found = _known(form)
        if found is not None:
            return found
    for form in forms:  # most stripped first, then suffixes restored (ECS "loop pengembalian")
        for candidate in _prefix_candidates(form):
            found = _known(candidate)
            if found is not None:
                return found
    return None


def _prefix_candidates(word: str) -> list[str]:
    """Breadth-first: every removal of one, then two, then three prefixes."""
    out: list[str] = []
    frontier: list[tuple[str, list[str]]] = [(word, [])]
    while len(frontier) > 0:
        following: list[tuple[str, list[str]]] = []
        for form, kinds in frontier:
            for kind, rest in _prefix_options(form):
                if len(rest) >= 3 and _may_follow(kinds, kind, True):
                    out.append(rest)
                    following.append((rest, [*kinds, kind]))
        frontier = following
    return out


# --- pass 2: conservative rules when no known root was found


def _rule_pass(word: str) -> str:
    w = _strip_plausibly(word, _PARTICLES, False)
    w = _strip_plausibly(w, ("nya",), False)
    w = _strip_plausibly(w, ("ku", "mu"), True)
    kinds, chain = _greedy_prefixes(w)
    # Try the deepest prefix chain first; an inner prefix that blocks the suffix is undone
    # (men-erang-kan: "te-" then leaves "angkan"), but the outermost one always stays.
    for depth in range(len(chain), 0, -1):
        stemmed = _strip_derivational(chain[depth - 1], kinds[:depth])
        if stemmed is not None:
            return stemmed
    if len(kinds) > 0 and kinds[0] == "ke":
        # ke- + -kan/-i never pair: the ke is the root's (kenal-kan, keluar-kan).
        stemmed = _strip_derivational(w, [])
        if stemmed is not None and stemmed != w:
            return stemmed
    if len(chain) > 0:
        return chain[-1]
    stemmed = _strip_derivational(w, [])
    return w if stemmed is None else stemmed


def _strip_plausibly(word: str, endings: tuple[str, ...], guard_prefix: bool) -> str:
    stripped = _strip_if_ending(word, endings)
    if stripped is None or not _plausible(stripped):
        return word
    if guard_prefix and _has_prefix(word) and not _has_prefix(stripped):
        return word  # ber-temu, pe-laku: informal -ku/-mu are rarer than roots ending so
    return stripped


def _has_prefix(w: str) -> bool:
    return _first_plausible_prefix(w, []) is not None


def _greedy_prefixes(w: str) -> tuple[list[str], list[str]]:
    """Remove prefixes while the rest stays plausible; returns kinds and each rest."""
    kinds: list[str] = []
    chain: list[str] = []
    current = w
    while True:
        step = _first_plausible_prefix(current, kinds)
        if step is None:
            return kinds, chain
        kinds.append(step[0])
        chain.append(step[1])
        current = step[1]


def _first_plausible_prefix(w: str, kinds: list[str]) -> tuple[str, str] | None:
    for kind, rest in _prefix_options(w):
        if _may_follow(kinds, kind, False) and _plausible(rest):
            return kind, rest
    return None


def _strip_derivational(stem: str, kinds: list[str]) -> str | None:
    """Remove -kan/-an/-i; None when one is there but cannot go (forbidden pair, bad stem)."""
    endings = _derivational_endings(stem)
    if len(endings) == 0:
        return stem
    if endings[0] == "kan" and _any_nominal(kinds):
        endings = ["an"]
    first = kinds[0] if len(kinds) > 0 else ""
    for ending in endings:
        rest = stem[: -len(ending)]
        if _suffix_allowed(rest, ending, first):
            return rest
    return None


def _any_nominal(kinds: list[str]) -> bool:
    return any(kind in _NOMINAL_PREFIXES for kind in kinds)


def _suffix_allowed(rest: str, ending: str, first: str) -> bool:
    if (first, ending) in _FORBIDDEN_CONFIXES:
        return False
    if not (_plausible(rest) and _coda_ok(rest)) or rest.endswith("w"):
        return False  # rest ending in w: the suffix was -wan/-wati (wartawan), not -an/-i
    if ending == "i" and rest.endswith("s"):
        # -si is mostly a loanword ending (rehabilitasi); native awas-i, batas-i need a
        # verbal prefix and a short root.
        return first in ("me", "di", "te") and _vowel_count(rest) <= 2
    if ending == "i" and first == "":
        # A bare imperative (dampingi, hubungi) has a short consonant-final root; nilai,
        # sesuai (vowel before -i) and ekonomi, teknologi (long loanwords) are roots.
        return not _ends_with_vowel(rest) and _vowel_count(rest) <= 2
    return True


def _ends_with_vowel(s: str) -> bool:
    return len(s) > 0 and s[-1] in VOWELS
