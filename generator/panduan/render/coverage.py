"""Law coverage: which articles of each chapter the guide cites, per law."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from panduan.build import BuildResult


@dataclass(frozen=True)
class ChapterCoverage:
    law: str
    slug: str  # the law's data file name, which is also its page name
    bab: str
    judul: str
    first: int
    last: int
    cited: tuple[int, ...]
    uncited: tuple[int, ...]

    @property
    def total(self) -> int:
        return self.last - self.first + 1

    @property
    def percent(self) -> int:
        return round(100 * len(self.cited) / self.total) if self.total else 0


def coverage(result: BuildResult) -> list[ChapterCoverage]:
    """Per chapter, the articles cited by at least one guideline in force or in draft."""
    guide = result.guide
    cited_by_law: dict[str, set[int]] = {}
    for use in guide.citations:
        g = guide.guidelines.get(use.guideline or "")
        if g is not None and g.status != "dicabut":
            cited_by_law.setdefault(use.law.kode, set()).add(use.citation.pasal)
    rows = []
    for law in guide.laws:
        cited = cited_by_law.get(law.kode, set())
        for bab in law.source.bab:
            numbers = range(bab.first, bab.last + 1)
            rows.append(
                ChapterCoverage(
                    law.singkatan,
                    Path(law.source.file.path).stem,
                    bab.nomor,
                    bab.judul,
                    bab.first,
                    bab.last,
                    tuple(n for n in numbers if n in cited),
                    tuple(n for n in numbers if n not in cited),
                )
            )
    return rows


def coverage_table(result: BuildResult) -> str:
    """The same figures as the coverage page, as a plain-text table for the terminal."""
    rows = coverage(result)
    lines = [f"{'BAB':<6} {'Judul':<42} {'Dirujuk':>8} {'Persen':>7}  Belum dirujuk"]
    for row in rows:
        missing = ", ".join(map(str, row.uncited)) or "-"
        lines.append(
            f"{row.bab:<6} {row.judul[:42]:<42} {len(row.cited):>3}/{row.total:<4} {row.percent:>6}%  {missing}"
        )
    total = sum(r.total for r in rows)
    cited = sum(len(r.cited) for r in rows)
    if total:
        lines.append(f"{'Total':<49} {cited:>3}/{total:<4} {round(100 * cited / total):>6}%")
    return "\n".join(lines)
