"""Guidelines over time: change history (`riwayat`), withdrawn recommendations, editor teams,
editions, and review dates.

* `check_history`, `check_editorial` are whole-guide rules (registered in `checks.RULES`).
* `select_changes` picks the `riwayat` entries that readers and trainers see ("Apa yang berubah",
  `panduan changes`); comparison with a git ref lives in `since.py`.
* `review_diagnostics` reports guidelines past `tinjau_ulang`. It depends on the date, so it is
  not part of `build_guide`: `panduan check` prints it, and only `--strict-review` fails on it
  (a PR must not fail because a calendar date passed).
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from panduan.diagnostics import Diagnostic, Location, Severity, suggestion
from panduan.model import Guide
from panduan.schema import (
    ChangeEntry,
    Edition,
    EditionRegistry,
    GuidelineSource,
    Recommendation,
    WithdrawnRecommendation,
    validate,
)
from panduan.sources import load_source

REVIEW_WINDOW_DAYS = 90  # "soon due" on the review dashboard


def build_date() -> dt.date:
    """Today, or SOURCE_DATE_EPOCH for reproducible builds: the date outputs are made on, and the
    date review deadlines are measured against."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.date.today()


def parse_version(text: str) -> tuple[int, ...]:
    """`"1.10"` → (1, 10). The schema has already checked the form."""
    return tuple(int(part) for part in text.strip().split("."))


def next_version(text: str) -> str:
    """The version an editor should write next: `1.1` → `1.2`, `2` → `2.1`."""
    parts = list(parse_version(text))
    if len(parts) == 1:
        parts.append(0)
    parts[-1] += 1
    return ".".join(str(p) for p in parts)


def _error(code: str, message: str, *locs: Location, hint: str = "") -> Diagnostic:
    return Diagnostic(code, message, tuple(locs), hint)


def _warning(code: str, message: str, *locs: Location, hint: str = "") -> Diagnostic:
    return Diagnostic(code, message, tuple(locs), hint, Severity.WARNING)


# ---------------------------------------------------------------------------------------------
# Rules on one guideline's history


def check_history(guide: Guide) -> Iterator[Diagnostic]:
    for g in guide.guidelines.values():
        yield from _check_entries(g)
        yield from _check_withdrawn(g)


def _check_entries(g: GuidelineSource) -> Iterator[Diagnostic]:
    order_hint = (
        "Entri `riwayat` ditulis dari yang terlama; entri baru ditambahkan di bawah, dengan versi "
        "yang lebih tinggi dan tanggal yang tidak lebih awal."
    )
    for previous, entry in zip(g.riwayat, g.riwayat[1:], strict=False):
        if parse_version(entry.versi) <= parse_version(previous.versi):
            yield _error(
                "history-order",
                f"versi `{entry.versi}` di `riwayat` harus lebih tinggi dari versi entri sebelumnya (`{previous.versi}`).",
                entry.loc("versi"),
                previous.loc("versi"),
                hint=order_hint,
            )
        if entry.tanggal < previous.tanggal:
            yield _error(
                "history-order",
                f"tanggal `{entry.tanggal.isoformat()}` di `riwayat` lebih awal dari tanggal entri sebelumnya "
                f"(`{previous.tanggal.isoformat()}`).",
                entry.loc("tanggal"),
                previous.loc("tanggal"),
                hint=order_hint,
            )
    latest = g.riwayat[-1]
    if parse_version(latest.versi) != parse_version(g.versi):
        yield _error(
            "history-version",
            f"`versi` pedoman adalah `{g.versi}`, tetapi entri terakhir `riwayat` adalah versi `{latest.versi}`.",
            g.loc("versi"),
            latest.loc("versi"),
            hint=f'Setiap versi dicatat di `riwayat`: tambahkan di akhir `riwayat` entri `versi: "{g.versi}"` '
            "dengan `tanggal`, `perubahan`, dan `alasan`, atau samakan `versi` dengan entri terakhir.",
        )
    known = [r.id for r in g.rekomendasi] + [w.id for w in g.rekomendasi_dicabut]
    for entry in g.riwayat:
        for i, rec_id in enumerate(entry.rekomendasi):
            if rec_id not in known:
                yield _error(
                    "unknown-recommendation",
                    f"entri `riwayat` versi `{entry.versi}` menyebut rekomendasi `{rec_id}`, yang tidak ada di "
                    "`rekomendasi` maupun `rekomendasi_dicabut`.",
                    entry.loc("rekomendasi", i),
                    hint=suggestion(rec_id, known),
                )


def _check_withdrawn(g: GuidelineSource) -> Iterator[Diagnostic]:
    current = {r.id: r for r in g.rekomendasi}
    entries = {parse_version(e.versi): e for e in g.riwayat}
    seen: dict[str, WithdrawnRecommendation] = {}
    for w in g.rekomendasi_dicabut:
        if w.id in seen:
            yield _error(
                "duplicate-id",
                f"rekomendasi `{w.id}` dicatat dua kali di `rekomendasi_dicabut`.",
                w.loc("id"),
                seen[w.id].loc("id"),
            )
            continue
        seen[w.id] = w
        if w.id in current:
            yield _error(
                "withdrawn-id-reused",
                f"rekomendasi `{w.id}` tercatat di `rekomendasi_dicabut`, tetapi id yang sama dipakai lagi di `rekomendasi`.",
                current[w.id].loc("id"),
                w.loc("id"),
                hint="Id rekomendasi tidak pernah dipakai ulang, agar rujukan lama (misalnya di PDF tercetak) "
                "tetap menunjuk penjelasan yang benar. Beri rekomendasi baru id yang belum pernah dipakai.",
            )
        entry = entries.get(parse_version(w.sejak))
        if entry is None:
            yield _error(
                "withdrawn-unknown-version",
                f"rekomendasi `{w.id}` dicabut `sejak` versi `{w.sejak}`, tetapi versi itu tidak ada di `riwayat`.",
                w.loc("sejak"),
                hint="`sejak` menyebut versi entri `riwayat` yang mencabut rekomendasi ini.",
            )
        elif w.id not in entry.rekomendasi:
            yield _error(
                "withdrawn-not-in-history",
                f"rekomendasi `{w.id}` dicabut sejak versi `{w.sejak}`, tetapi entri `riwayat` versi `{w.sejak}` "
                "tidak menyebutnya di `rekomendasi`.",
                w.loc("id"),
                entry.loc("rekomendasi", key=True) if entry.rekomendasi else entry.loc("versi"),
                hint=f"Tambahkan `{w.id}` ke `rekomendasi` entri itu dan jelaskan pencabutannya di `perubahan`.",
            )


# ---------------------------------------------------------------------------------------------
# Editor teams and editions


def check_editorial(guide: Guide) -> Iterator[Diagnostic]:
    for team in guide.teams.values():
        for i, topic in enumerate(team.topik):
            if topic not in guide.topics:
                yield _error(
                    "unknown-topic",
                    f"topik `{topic}` tidak dikenal.",
                    team.loc("topik", i),
                    hint=suggestion(topic, guide.topics),
                )
    for g in guide.guidelines.values():
        if g.pemilik is not None and g.pemilik not in guide.teams:
            yield _error(
                "unknown-team",
                f"tim penyunting `{g.pemilik}` tidak dikenal.",
                g.loc("pemilik"),
                hint=suggestion(g.pemilik, guide.teams)
                + " Tim penyunting terdaftar di `registry/tim-penyunting.yaml`.",
            )
        elif g.pemilik is None and guide.teams and g.status == "berlaku":
            yield _warning(
                "missing-owner",
                "pedoman yang berlaku belum punya `pemilik` (tim penyunting yang menjaganya tetap mutakhir).",
                g.loc("id", key=True),
                hint=f"Tambahkan misalnya `pemilik: {default_team(guide, g.topik) or next(iter(guide.teams))}`; "
                "daftar tim ada di `registry/tim-penyunting.yaml`.",
            )
    editions = list(guide.editions.values())
    for previous, edition in itertools.pairwise(editions):
        if parse_version(edition.id) <= parse_version(previous.id) or edition.tanggal < previous.tanggal:
            yield _error(
                "edition-order",
                f"edisi `{edition.id}` ({edition.tanggal.isoformat()}) harus sesudah edisi `{previous.id}` "
                f"({previous.tanggal.isoformat()}).",
                edition.loc("id"),
                previous.loc("id"),
                hint="Edisi ditulis dari yang terlama; edisi yang berlaku sekarang adalah yang terakhir.",
            )


def read_edition(root: Path) -> Edition | None:
    """The current edition from registry/edisi.yaml alone (for steps that do not load the guide);
    None when the file is missing or invalid (`panduan check` reports why)."""
    path = root / "registry" / "edisi.yaml"
    if not path.is_file():
        return None
    loaded = load_source(path, root)
    if isinstance(loaded, Diagnostic):
        return None
    registry, problems = validate(EditionRegistry, loaded)
    return None if registry is None or problems else registry.edisi[-1]


def default_team(guide: Guide, topic: str) -> str | None:
    """The team that owns new guidelines of `topic` by default (`panduan new`)."""
    return next((t.id for t in guide.teams.values() if topic in t.topik), None)


# ---------------------------------------------------------------------------------------------
# Changes readers see


@dataclass(frozen=True)
class ChangedRecommendation:
    id: str
    current: Recommendation | None  # None when withdrawn or unknown
    withdrawn: WithdrawnRecommendation | None


@dataclass(frozen=True)
class Change:
    """One `riwayat` entry of one guideline, with the recommendations it names resolved."""

    guideline: GuidelineSource
    entry: ChangeEntry
    first: bool  # the guideline's first entry: the guideline itself is new
    recommendations: tuple[ChangedRecommendation, ...]

    @property
    def date(self) -> dt.date:
        return self.entry.tanggal


def resolve_recommendations(g: GuidelineSource, ids: Iterable[str]) -> tuple[ChangedRecommendation, ...]:
    current = {r.id: r for r in g.rekomendasi}
    withdrawn = {w.id: w for w in g.rekomendasi_dicabut}
    return tuple(ChangedRecommendation(i, current.get(i), withdrawn.get(i)) for i in ids)


def select_changes(
    guide: Guide,
    *,
    after: dt.date | None = None,
    on_or_after: dt.date | None = None,
    known_versions: dict[str, set[tuple[int, ...]]] | None = None,
) -> list[Change]:
    """`riwayat` entries of published guidelines (drafts are not "changes" yet), newest first.

    `after`: entries dated after this day (an edition includes the changes of its own date);
    `on_or_after`: entries from this day on; `known_versions`: guideline id → versions already
    present in an earlier state of the sources (a git ref), whose entries are then left out.
    """
    out: list[Change] = []
    for g in guide.guidelines.values():
        if g.status == "draf":
            continue
        seen = known_versions.get(g.id, set()) if known_versions is not None else set()
        for index, entry in enumerate(g.riwayat):
            if after is not None and entry.tanggal <= after:
                continue
            if on_or_after is not None and entry.tanggal < on_or_after:
                continue
            if parse_version(entry.versi) in seen:
                continue
            out.append(Change(g, entry, index == 0, resolve_recommendations(g, entry.rekomendasi)))
    order = {gid: i for i, gid in enumerate(guide.guidelines)}
    out.sort(key=lambda c: (-c.date.toordinal(), order[c.guideline.id], [-n for n in parse_version(c.entry.versi)]))
    return out


# ---------------------------------------------------------------------------------------------
# Review dates


@dataclass(frozen=True)
class Review:
    guideline: GuidelineSource
    days_left: int  # negative when overdue

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def due_soon(self) -> bool:
        return 0 <= self.days_left <= REVIEW_WINDOW_DAYS


def review_of(g: GuidelineSource, today: dt.date) -> Review:
    return Review(g, (g.tinjau_ulang - today).days)


def reviews(guide: Guide, today: dt.date) -> list[Review]:
    """Reviews of the guidelines in force, most urgent first."""
    found = [review_of(g, today) for g in guide.guidelines.values() if g.status == "berlaku"]
    return sorted(found, key=lambda r: (r.days_left, r.guideline.id))


def review_diagnostics(guide: Guide, today: dt.date) -> list[Diagnostic]:
    """One warning per guideline in force whose review date has passed."""
    out = []
    for review in reviews(guide, today):
        if not review.overdue:
            continue
        g = review.guideline
        team = guide.teams[g.pemilik].nama if g.pemilik in guide.teams else None
        out.append(
            _warning(
                "review-overdue",
                f"pedoman `{g.id}` seharusnya ditinjau ulang pada {g.tinjau_ulang.isoformat()} "
                f"({-review.days_left} hari yang lalu){f'; pemilik: {team}' if team else ''}.",
                g.loc("tinjau_ulang"),
                hint="Tinjau isinya terhadap peraturan terbaru, catat hasilnya di `riwayat` bila ada perubahan, "
                "lalu atur `tinjau_ulang` ke tanggal tinjauan berikutnya.",
            )
        )
    return out
