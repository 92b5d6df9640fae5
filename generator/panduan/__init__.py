"""Panduan Praktik: a build-time generator for a field guide of social-work practice guidelines.

The pipeline runs one way: sources → load & validate → typed model → cross-link → render → outputs.
This facade exports the calls that the two front doors (the CLI and the MkDocs plugin) use.
"""

from __future__ import annotations

import os

__version__ = "0.1.0"


def switched_on(variable: str) -> bool:
    """An on/off environment setting (`PANDUAN_CACHE`, `PANDUAN_PARALEL`): on unless set to 0,
    mati, off, false or no."""
    return os.environ.get(variable, "1").strip().lower() not in {"0", "mati", "off", "false", "no"}
