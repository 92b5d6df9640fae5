"""Panduan Praktik: a build-time generator for a field guide of social-work practice guidelines.

The pipeline runs one way: sources → load & validate → typed model → cross-link → render → outputs.
This facade exports the calls that the two front doors (the CLI and the MkDocs plugin) use.
"""

from __future__ import annotations

__version__ = "0.1.0"
