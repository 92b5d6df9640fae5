"""Measure the behaviours behind generator/panduan/limits.py (README.md, "Limits").

    .venv/bin/python bench/limits.py            # every case at two sizes, a table on stdout
    .venv/bin/python bench/limits.py lbr 8000   # one case at one size

Each measurement runs in its own process with a time limit, so a quadratic case cannot hang the
run; "RecursionError" and "> N s" are results too. Not part of the tests: timings vary by machine.
"""

from __future__ import annotations

import subprocess
import sys

TIMEOUT = 120
SITE_EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "md_in_html",
    "def_list",
    "tables",
    "toc",
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.tasklist",
]

# name: (what, Python expression of the input for size n, sizes)
MARKDOWN = {
    "lbr": ("unclosed `[` in one paragraph", '"[" * n', (2_000, 4_000)),
    "nest": ("nested `[`…`]`", '"[" * n + "]" * n', (2_000, 4_000)),
    "link_paren": ("`[a](` without `)`", '"[a](" * n', (2_000, 4_000)),
    "open_tag": ("`<a ` without `>`, one per paragraph", '"kata <a kata\\n\\n" * n', (2_000, 8_000)),
    "emphasis": ("`*a*` in one paragraph", '"*a* " * n', (10_000, 40_000)),
    "definitions": ("`:   d` lines in one paragraph", '"t\\n" + ":   d\\n" * n', (2_000, 8_000)),
    "lists": ("nested lists, 4 spaces a level", '"\\n".join("    " * i + "- x" for i in range(n))', (200, 400)),
    "ordered": ("`1. ` repeated on one line", '"1. " * n + "x"', (200, 1_000)),
    "quote_lines": ("one more `>` per line", '"\\n".join(">" * i + " x" for i in range(1, n))', (400, 1_000)),
    "emphasis_nest": ("`*a ` … `* c` nested emphasis", '"*a " * n + "b" + "* c" * n', (300, 1_000)),
    "words": ("a paragraph of words (linear)", '"kata " * n', (20_000, 200_000)),
}
OTHERS = {
    "yaml_flow": (
        "PyYAML nested `[` (the pipeline adds frames: 400 fails there)",
        "import yaml; yaml.compose('a: ' + '[' * n + ']' * n)",
        (300, 600),
    ),
    "weasyprint_ul": (
        "WeasyPrint nested `<ul>`",
        "import warnings; warnings.simplefilter('ignore'); from weasyprint import HTML; "
        "HTML(string='<ul><li>x' * n + '</li></ul>' * n).write_pdf()",
        (40, 70),
    ),
}


def _markdown_code(expression: str) -> str:
    return f"import markdown; markdown.markdown({expression}, extensions={SITE_EXTENSIONS!r})"


def measure(code: str, n: int) -> str:
    """CPU seconds the child spends on `code` (after its imports are warm enough to matter little)."""
    program = f"import time\nn = {n}\n_start = time.process_time()\n{code}\nprint(time.process_time() - _start)\n"
    try:
        proc = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return f"> {TIMEOUT} s"
    if "RecursionError" in proc.stderr:
        return "RecursionError"
    if proc.returncode:
        return "error: " + (proc.stderr.strip().splitlines() or ["?"])[-1]
    return f"{float(proc.stdout.split()[-1]):.2f} s"


def cases() -> dict[str, tuple[str, str, tuple[int, ...]]]:
    out = {name: (what, _markdown_code(expr), sizes) for name, (what, expr, sizes) in MARKDOWN.items()}
    out.update(OTHERS)
    return out


def main(argv: list[str]) -> int:
    table = cases()
    if argv:
        name, n = argv[0], int(argv[1])
        print(f"{name} n={n}: {measure(table[name][1], n)}")
        return 0
    print("| Case | Input | Size | CPU (child process) |\n|---|---|---|---|")
    for name, (what, code, sizes) in table.items():
        for n in sizes:
            print(f"| {name} | {what} | {n:,} | {measure(code, n)} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
