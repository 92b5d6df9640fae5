"""Law coverage: which articles of each chapter the guide cites, per law."""

from __future__ import annotations

from dataclasses import dataclass

from panduan.link import BuildResult
from panduan.present import cited_pasal


@dataclass(frozen=True)
class ChapterCoverage:
    law: str
    slug: str  # the law's data file name, which is also its page name
    bab: str
    judul: str
    first: str
    last: str
    cited: tuple[str, ...]
    uncited: tuple[str, ...]

    @property
    def total(self) -> int:
        return len(self.cited) + len(self.uncited)

    @property
    def percent(self) -> int:
        return round(100 * len(self.cited) / self.total) if self.total else 0


def coverage(result: BuildResult) -> list[ChapterCoverage]:
    """Per regulation and chapter, the articles cited by at least one guideline not withdrawn.
    Deleted articles (`dihapus`) are not counted."""
    guide = result.guide
    rows = []
    for law in guide.laws:
        cited = cited_pasal(guide, law)
        for bab, articles in law.chapters():
            numbers = [p.nomor for p in articles if not p.dihapus]
            if not numbers:
                continue
            rows.append(
                ChapterCoverage(
                    law.singkatan,
                    law.slug,
                    bab.nomor if bab else "-",
                    bab.judul if bab else "Seluruh pasal",
                    numbers[0],
                    numbers[-1],
                    tuple(n for n in numbers if n in cited),
                    tuple(n for n in numbers if n not in cited),
                )
            )
    return rows


def law_totals(rows: list[ChapterCoverage]) -> list[tuple[str, str, int, int]]:
    """(law, slug, cited, total) per regulation, in corpus order."""
    out: dict[str, tuple[str, str, int, int]] = {}
    for row in rows:
        law, slug, cited, total = out.get(row.law, (row.law, row.slug, 0, 0))
        out[row.law] = (law, slug, cited + len(row.cited), total + row.total)
    return list(out.values())


def coverage_table(result: BuildResult) -> str:
    """The same figures as the coverage page, as a plain-text table for the terminal."""
    rows = coverage(result)
    lines = [f"{'Peraturan':<11} {'BAB':<6} {'Judul':<40} {'Dirujuk':>8} {'Persen':>7}  Belum dirujuk"]
    for row in rows:
        missing = ", ".join(row.uncited) or "-"
        lines.append(
            f"{row.law:<11} {row.bab:<6} {row.judul[:40]:<40} {len(row.cited):>3}/{row.total:<4} {row.percent:>6}%  {missing}"
        )
    total = sum(r.total for r in rows)
    cited = sum(len(r.cited) for r in rows)
    if total:
        for law, _, n, t in law_totals(rows):
            lines.append(f"{'Total ' + law:<59} {n:>3}/{t:<4} {round(100 * n / t):>6}%")
        lines.append(f"{'Total':<59} {cited:>3}/{total:<4} {round(100 * cited / total):>6}%")
    return "\n".join(lines)
