"""Pick locally installed fonts with fontconfig, so every PDF embeds the same files.

`@font-face` rules point at the font files that `fc-match` finds; WeasyPrint embeds subsets of
them. Without fontconfig the family names alone are used and the system picks the files.
"""

from __future__ import annotations

import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

FAMILY = "PP Sans"
MONO = "PP Mono"
# Preferred families, first found wins; Noto Sans covers Indonesian text and typographic marks.
SANS_CANDIDATES = ("Noto Sans", "DejaVu Sans", "Liberation Sans")
MONO_CANDIDATES = ("Noto Sans Mono", "DejaVu Sans Mono", "Liberation Mono")
FACES = (
    ("Regular", "normal", "normal"),
    ("Bold", "bold", "normal"),
    ("Italic", "normal", "italic"),
    ("Bold Italic", "bold", "italic"),
)


def _match(family: str, style: str) -> Path | None:
    """The file fontconfig uses for `family:style`, or None when it would substitute another family."""
    if shutil.which("fc-match") is None:
        return None
    try:
        out = subprocess.run(
            ["fc-match", "-f", "%{family}|%{style}|%{file}", f"{family}:style={style}"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    found_family, found_style, file = ([*out.split("|", 2), "", "", ""])[:3]
    families = [f.strip() for f in found_family.split(",")]
    if family not in families or not file or not Path(file).is_file():
        return None
    wanted = style.replace(" ", "").lower()
    styles = {s.replace(" ", "").lower() for s in found_style.split(",")}
    if wanted == "regular":
        wanted_set = {"regular", "book", "roman", "normal"}
    else:
        wanted_set = {wanted, wanted.replace("italic", "oblique")}
    if not styles & wanted_set:
        return None  # fontconfig substituted another face; WeasyPrint may synthesize it instead
    return Path(file)


def _faces(alias: str, candidates: tuple[str, ...]) -> tuple[str, str]:
    """(@font-face rules, family name list) for the first candidate with a regular face."""
    for family in candidates:
        regular = _match(family, "Regular")
        if regular is None:
            continue
        rules = []
        for style, weight, slant in FACES:
            file = _match(family, style) or regular
            if file == regular and style != "Regular":
                continue  # let WeasyPrint synthesize rather than stretch the regular face twice
            rules.append(
                f'@font-face {{ font-family: "{alias}"; src: url("{file.as_uri()}"); '
                f"font-weight: {weight}; font-style: {slant}; }}"
            )
        return "\n".join(rules), f'"{alias}", "{family}"'
    return "", ", ".join(f'"{name}"' for name in candidates)


@lru_cache(maxsize=1)
def font_css() -> str:
    """@font-face rules and font stacks for body text and code."""
    sans_rules, sans = _faces(FAMILY, SANS_CANDIDATES)
    mono_rules, mono = _faces(MONO, MONO_CANDIDATES)
    return (
        f"{sans_rules}\n{mono_rules}\n"
        f"html {{ font-family: {sans}, sans-serif; }}\n"
        f"code, pre, kbd {{ font-family: {mono}, monospace; }}\n"
    )
