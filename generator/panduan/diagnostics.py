"""One diagnostic type for every stage.

Stages never raise on bad input: they return `Diagnostic`s, and the front doors (CLI, MkDocs
plugin) decide how to print them and which exit code follows. Messages are in Indonesian because
the people who read them are the editors of the guide.
"""

from __future__ import annotations

import difflib
import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        return "galat" if self is Severity.ERROR else "peringatan"


@dataclass(frozen=True, order=True)
class Location:
    """A place in a source file; `line` and `col` are 1-based, 0 means "whole file"."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.path
        return f"{self.path}:{self.line}:{self.col or 1}"


@dataclass(frozen=True)
class Diagnostic:
    """A problem found in the sources.

    Attributes:
        code: Stable machine-readable code, e.g. ``unknown-field``; tests and docs refer to it.
        message: What is wrong, in Indonesian, naming the field.
        locations: Where; the first is the primary one. A conflict names every file involved.
        hint: How to fix it (allowed values, the closest match).
        severity: Errors fail the build, warnings fail only strict builds.
    """

    code: str
    message: str
    locations: tuple[Location, ...]
    hint: str = ""
    severity: Severity = Severity.ERROR

    @property
    def primary(self) -> Location:
        return self.locations[0]

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def text(self) -> str:
        """`path:line:col: galat: pesan (saran) [kode]`, plus one line per extra location."""
        out = f"{self.primary}: {self.severity.label}: {self.message}"
        if self.hint:
            out += f" {self.hint}"
        out += f" [{self.code}]"
        for other in self.locations[1:]:
            out += f"\n  {other}: lokasi terkait"
        return out

    def github(self) -> str:
        """A GitHub Actions workflow command, so the problem shows up on the pull-request diff."""
        loc = self.primary
        props = [f"file={loc.path}"]
        if loc.line:
            props += [f"line={loc.line}", f"col={loc.col or 1}"]
        props.append(f"title=panduan {self.code}")
        body = self.message + (f" {self.hint}" if self.hint else "")
        body += "".join(f" (lihat juga {other})" for other in self.locations[1:])
        return f"::{self.severity.value} {','.join(props)}::{_escape_github(body)}"


def _escape_github(text: str) -> str:
    # https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts (escapeData)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


@dataclass
class Report:
    """Collects diagnostics from all stages of one run."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        self.diagnostics.append(diagnostic)

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics.extend(diagnostics)

    def error(self, code: str, message: str, *locations: Location, hint: str = "") -> None:
        self.add(Diagnostic(code, message, tuple(locations), hint))

    def warning(self, code: str, message: str, *locations: Location, hint: str = "") -> None:
        self.add(Diagnostic(code, message, tuple(locations), hint, Severity.WARNING))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.diagnostics, key=lambda d: (d.primary, d.code))


def closest(value: str, choices: Iterable[str]) -> str | None:
    """The closest allowed value to a typo, or None when nothing is close."""
    matches = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


def suggestion(value: str, choices: Iterable[str], *, limit: int = 12) -> str:
    """An Indonesian hint: the closest match if any, else the allowed values."""
    choices = sorted(set(choices))
    near = closest(value, choices)
    if near:
        return f"Maksud Anda `{near}`?"
    if not choices:
        return ""
    shown = ", ".join(f"`{c}`" for c in choices[:limit])
    more = f" (dan {len(choices) - limit} lainnya)" if len(choices) > limit else ""
    return f"Nilai yang diizinkan: {shown}{more}."


def relpath(path: Path, root: Path) -> str:
    """Paths in messages are relative to the project root and always `/`-separated."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
