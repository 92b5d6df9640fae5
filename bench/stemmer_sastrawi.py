"""Our stemmer against Sastrawi (PySastrawi, with its root dictionary) on the guide's own words.

Run with `.venv/bin/python bench/stemmer_sastrawi.py` (needs `pip install PySastrawi`; it is a
measuring reference only, nothing of it ships with the site). Words: tests/search/wordlist.txt
(drawn from the guide). Agreement = share of words both stem identically; for the disagreements
the table also tells which side's stem is a root in Sastrawi's dictionary, which is how the
disagreements were reviewed (a root added to stemmer-data.json is a reviewed single word, never a
bulk copy of the dictionary). Writes the "stemmer-sastrawi" row of bench/results.md.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "generator"))

from panduan.search.stemmer import stem  # noqa: E402

RESULTS = ROOT / "bench" / "results.md"
ROW_PREFIX = "| stemmer-sastrawi"


def words() -> list[str]:
    lines = (ROOT / "tests" / "search" / "wordlist.txt").read_text(encoding="utf-8").splitlines()
    return list(dict.fromkeys(w.strip().lower() for w in lines if w.strip() and not w.startswith("#") and "-" not in w))


def main() -> int:
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    factory = StemmerFactory()
    sastrawi = factory.create_stemmer()
    roots = set(factory.get_words_from_file())
    counts: Counter[str] = Counter()
    rows = []
    items = words()
    for w in items:
        ours, theirs = stem(w), sastrawi.stem(w)
        if ours == theirs:
            counts["same"] += 1
            continue
        kind = (
            "both roots"
            if ours in roots and theirs in roots
            else "only Sastrawi's is a root"
            if theirs in roots
            else "only ours is a root"
            if ours in roots
            else "neither is a root"
        )
        counts[kind] += 1
        rows.append((kind, w, ours, theirs))
    n = len(items)
    print(f"{n} words; same stem: {counts['same']} ({counts['same'] / n:.1%})")
    for kind, c in counts.most_common():
        if kind != "same":
            print(f"  {kind}: {c}")
    print("\n| kind | word | ours | Sastrawi |\n|---|---|---|---|")
    for kind, w, o, t in sorted(rows):
        print(f"| {kind} | {w} | {o} | {t} |")
    detail = ", ".join(f"{k} {c}" for k, c in counts.most_common() if k != "same")
    row = (
        f"| stemmer-sastrawi | {n} words from the guide (tests/search/wordlist.txt), our stemmer vs PySastrawi 1.2.0 "
        f"with its root dictionary; disagreements: {detail} | agreement {counts['same'] / n:.1%} ({counts['same']}/{n}) |"
    )
    lines = [
        line
        for line in RESULTS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith(ROW_PREFIX)
    ]
    RESULTS.write_text("\n".join([*lines, row]) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
