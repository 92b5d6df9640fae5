"""Rules over regional adaptation: the region registry, regional services and overlays.

An overlay may add to the national text but never remove or weaken a `wajib` recommendation or
its legal basis, so on a `wajib` only added context (`jenis: konteks`) is accepted. A regional
regulation (Perda, Pergub, Perbup, ...) may be named only once it is in `law/`, like national
ones. Conflicts name both files: the overlay and the national guideline or registry.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

from panduan.diagnostics import Diagnostic, Location, Severity, suggestion
from panduan.history import next_version, parse_version
from panduan.law import CitationError
from panduan.loader import LAW_DIR, REGIONS_DIR, REGISTRY_DIR
from panduan.model import Guide
from panduan.regions import FIRST_CITY_CODE, Overlay, Region
from panduan.schema import validate
from panduan.since import Git
from panduan.sources import load_source

# A regional regulation named with its number and year: "Perda Kabupaten Lebak Nomor 32 Tahun
# 2001", "Perda Lebak 32/2001", "Perdes Kanekes No. 01 Tahun 2007", "Pergub Banten 23/2023".
_REGIONAL_KINDS = {
    "perda": "perda",
    "peraturan daerah": "perda",
    "pergub": "pergub",
    "peraturan gubernur": "pergub",
    "perbup": "perbup",
    "peraturan bupati": "perbup",
    "perwal": "perwal",
    "perwali": "perwal",
    "peraturan walikota": "perwal",
    "peraturan wali kota": "perwal",
    "perdes": "perdes",
    "peraturan desa": "perdes",
}
REGIONAL_REGULATION = re.compile(
    r"\b(?P<kind>peraturan\s+daerah|peraturan\s+gubernur|peraturan\s+bupati|peraturan\s+wali\s?kota|"
    r"peraturan\s+desa|perda|pergub|perbup|perwali|perwal|perdes)\b"
    r"[^.;\n\]]{0,80}?\b(?:nomor|no\.?)?\s*(?P<nomor>\d+[a-z]?)\s*(?:/|tahun|th\.?)\s*(?P<tahun>\d{4})\b",
    re.IGNORECASE,
)


def _error(code: str, message: str, *locs: Location, hint: str = "") -> Diagnostic:
    return Diagnostic(code, message, tuple(locs), hint)


def _warning(code: str, message: str, *locs: Location, hint: str = "") -> Diagnostic:
    return Diagnostic(code, message, tuple(locs), hint, Severity.WARNING)


def check_regional(guide: Guide) -> Iterator[Diagnostic]:
    for region in guide.regions.values():
        yield from _check_region(guide, region)
    for overlay in guide.overlays:
        yield from _check_overlay(guide, overlay)
    yield from _check_legacy_notes(guide)


# ---------------------------------------------------------------------------------------------
# The region registry


def _unknown_team(guide: Guide, role: str, team: str, loc: Location) -> Diagnostic:
    """A region's editor team or an overlay's reviewing team (`role`) that the registry lacks."""
    return _error(
        "unknown-team",
        f"tim {role} `{team}` tidak dikenal.",
        loc,
        hint=suggestion(team, guide.teams) + " Tim penyunting terdaftar di `registry/tim-penyunting.yaml`.",
    )


def _check_region(guide: Guide, region: Region) -> Iterator[Diagnostic]:
    if region.tim not in guide.teams:
        yield _unknown_team(guide, "penyunting", region.tim, region.loc("tim"))
    seen: dict[str, int] = {}
    for i, district in enumerate(region.kabupaten_kota):
        province, number = district.kode.split(".")
        if province != region.kode:
            yield _error(
                "region-code",
                f"kode `{district.kode}` ({district.nama}) tidak diawali kode provinsi `{region.kode}`.",
                district.loc("kode"),
                region.loc("kode"),
                hint="Kode kabupaten/kota Kemendagri terdiri atas kode provinsi, titik, dan dua angka.",
            )
        is_city = int(number) >= FIRST_CITY_CODE
        if is_city != (district.jenis == "kota"):
            yield _error(
                "region-code",
                f"kode `{district.kode}` adalah kode {'kota' if is_city else 'kabupaten'} menurut Kemendagri, "
                f"tetapi `{district.nama}` ditulis sebagai `{district.jenis}`.",
                district.loc("jenis"),
                hint=f"Kode kota dimulai dari {FIRST_CITY_CODE}; kode kabupaten di bawahnya.",
            )
        if district.kode in seen:
            yield _error(
                "duplicate-id",
                f"kode `{district.kode}` ditulis dua kali.",
                district.loc("kode"),
                region.kabupaten_kota[seen[district.kode]].loc("kode"),
            )
        seen.setdefault(district.kode, i)
    for service in guide.regional_services.get(region.id, {}).values():
        yield from _check_coverage(region, service.cakupan, service.loc)


def _check_coverage(region: Region, codes: list[str], loc: object) -> Iterator[Diagnostic]:
    known = {d.kode: d for d in region.kabupaten_kota}
    for i, code in enumerate(codes):
        if code not in known:
            yield _error(
                "unknown-district",
                f"kode kabupaten/kota `{code}` tidak terdaftar untuk wilayah `{region.id}`.",
                loc("cakupan", i),  # type: ignore[operator]
                region.loc("kabupaten_kota", key=True),
                hint=suggestion(code, known),
            )


# ---------------------------------------------------------------------------------------------
# Overlays


def _check_overlay(guide: Guide, o: Overlay) -> Iterator[Diagnostic]:
    region = guide.regions[o.wilayah]  # the loader keeps only overlays of known regions
    yield from _check_target(guide, o)
    yield from _check_kind(guide, o)
    yield from _check_coverage(region, o.cakupan, o.loc)
    if o.penelaah not in guide.teams:
        yield _unknown_team(guide, "penelaah", o.penelaah, o.loc("penelaah"))
    elif o.penelaah != region.tim:
        yield _warning(
            "overlay-reviewer",
            f"tambahan ini ditelaah `{o.penelaah}`, padahal tim penelaah wilayah `{region.id}` adalah `{region.tim}`.",
            o.loc("penelaah"),
            region.loc("tim"),
            hint="Minta tim wilayah menelaahnya, atau ubah `tim` wilayah di `registry/wilayah.yaml`.",
        )
    yield from _check_regulations(guide, o)
    yield from _check_overlay_history(o)


def _check_target(guide: Guide, o: Overlay) -> Iterator[Diagnostic]:
    target = o.sasaran
    g = guide.guidelines.get(target.pedoman)
    if g is None:
        yield _error(
            "unknown-overlay-target",
            f"`sasaran.pedoman` menyebut pedoman `{target.pedoman}`, yang tidak ada.",
            o.loc("sasaran", "pedoman"),
            hint=suggestion(target.pedoman, guide.guidelines) + " Id pedoman tertulis di kolom `id` berkas pedoman.",
        )
        return
    if g.withdrawn:
        yield _warning(
            "overlay-on-withdrawn",
            f"tambahan ini menempel pada pedoman `{g.id}`, yang sudah dicabut.",
            o.loc("sasaran", "pedoman"),
            g.loc("status"),
            hint="Pindahkan tambahan ke pedoman penggantinya atau hapus berkas ini.",
        )
    if target.rekomendasi is not None:
        ids = [r.id for r in g.rekomendasi]
        if target.rekomendasi not in ids:
            withdrawn = any(w.id == target.rekomendasi for w in g.rekomendasi_dicabut)
            yield _error(
                "unknown-overlay-target",
                f"`sasaran.rekomendasi` menyebut `{target.rekomendasi}`, yang "
                f"{'sudah dicabut dari' if withdrawn else 'tidak ada di'} pedoman `{g.id}` ({g.file.path}).",
                o.loc("sasaran", "rekomendasi"),
                g.loc("rekomendasi", key=True),
                hint=suggestion(target.rekomendasi, ids),
            )
    if target.langkah is not None and target.langkah > len(g.langkah):
        yield _error(
            "unknown-overlay-target",
            f"`sasaran.langkah` menyebut langkah {target.langkah}, padahal pedoman `{g.id}` ({g.file.path}) "
            f"hanya punya {len(g.langkah)} langkah.",
            o.loc("sasaran", "langkah"),
            g.loc("langkah", key=True),
            hint="Langkah dihitung dari 1 sesuai urutan `langkah` di pedoman.",
        )


def _check_kind(guide: Guide, o: Overlay) -> Iterator[Diagnostic]:
    g = guide.guidelines.get(o.sasaran.pedoman)
    rec = next((r for r in g.rekomendasi if r.id == o.sasaran.rekomendasi), None) if g else None
    if rec is not None and rec.kekuatan == "wajib":
        added = [name for name in ("peran", "layanan", "tugas") if getattr(o, name)]
        if o.jenis != "konteks" or added:
            what = f"`jenis: {o.jenis}`" if o.jenis != "konteks" else ", ".join(f"`{n}`" for n in added)
            yield _error(
                "overlay-weakens-obligation",
                f"tambahan wilayah ini menempel pada rekomendasi `wajib` `{rec.id}` di {rec.file.path} dengan {what}; "
                "rekomendasi `wajib` dan dasar hukumnya tidak boleh diubah atau dilemahkan oleh tambahan wilayah.",
                o.loc("jenis") if o.jenis != "konteks" else o.loc(added[0], key=True),
                rec.loc("kekuatan"),
                hint="Pada rekomendasi `wajib` hanya `jenis: konteks` (keterangan tambahan) yang diizinkan. "
                "Tempelkan layanan atau langkah setempat pada pedomannya atau pada salah satu langkahnya.",
            )
    if o.jenis == "ubah-langkah" and o.sasaran.langkah is None:
        yield _error(
            "overlay-kind",
            "`jenis: ubah-langkah` menyesuaikan rumusan satu langkah, tetapi `sasaran.langkah` tidak diisi.",
            o.loc("jenis"),
            hint="Tulis nomor langkahnya, misalnya `sasaran: {pedoman: asesmen, langkah: 2}`.",
        )
    if o.jenis == "langkah":
        if o.peran is None:
            yield _error(
                "overlay-kind",
                "`jenis: langkah` menambah langkah untuk satu peran, tetapi `peran` tidak diisi.",
                o.loc("jenis"),
                hint="Tambahkan misalnya `peran: pendamping`.",
            )
        elif o.peran not in guide.roles:
            yield _error(
                "unknown-role",
                f"peran `{o.peran}` tidak dikenal.",
                o.loc("peran"),
                hint=suggestion(o.peran, guide.roles),
            )
    elif o.peran is not None:
        yield _error(
            "overlay-kind",
            f"`peran` hanya dipakai pada `jenis: langkah`, bukan `{o.jenis}`.",
            o.loc("peran", key=True),
            hint="Hapus `peran`, atau ubah jenisnya menjadi `langkah`.",
        )
    if o.tugas and o.jenis != "langkah":
        yield _error(
            "overlay-kind",
            f"`tugas` hanya dipakai pada `jenis: langkah`, bukan `{o.jenis}`.",
            o.loc("tugas", key=True),
        )
    for task in o.tugas:
        for role, _letter, path in task.raci():
            if role not in guide.roles:
                yield _error(
                    "unknown-role",
                    f"peran `{role}` tidak dikenal.",
                    task.loc(*path),
                    hint=suggestion(role, guide.roles),
                )
        if task.jenis and task.jenis not in guide.task_kinds:
            yield _error(
                "unknown-reference",
                f"jenis tugas `{task.jenis}` tidak dikenal.",
                task.loc("jenis"),
                hint=suggestion(task.jenis, guide.task_kinds),
            )
    yield from _check_services(guide, o)


def _check_services(guide: Guide, o: Overlay) -> Iterator[Diagnostic]:
    if o.jenis == "layanan" and not o.layanan:
        yield _error(
            "overlay-kind",
            "`jenis: layanan` harus menyebut paling sedikit satu id di `layanan`.",
            o.loc("jenis"),
            hint=f"Id layanan terdaftar di `{REGIONS_DIR}/{o.wilayah}/layanan.yaml`.",
        )
    known = guide.regional_services.get(o.wilayah, {})
    first = next(iter(known.values()), None)  # point at the registry's `layanan:` line when it exists
    registry = (
        first.file.location(("layanan",), key=True) if first else Location(f"{REGIONS_DIR}/{o.wilayah}/layanan.yaml")
    )
    for i, service_id in enumerate(o.layanan):
        if service_id not in known:
            yield _error(
                "unknown-regional-service",
                f"layanan `{service_id}` tidak terdaftar untuk wilayah `{o.wilayah}`.",
                o.loc("layanan", i),
                registry,
                hint=suggestion(service_id, known)
                + " Daftarkan layanan (dengan sumber yang terverifikasi) di registri layanan wilayah lebih dulu.",
            )


def regional_regulations(text: str) -> Iterator[tuple[re.Match[str], str, int, str]]:
    """Every regional regulation named with number and year: (match, kind, number, year)."""
    for m in REGIONAL_REGULATION.finditer(text):
        kind = _REGIONAL_KINDS[" ".join(m.group("kind").casefold().split())]
        number = int(re.match(r"\d+", m.group("nomor")).group())  # type: ignore[union-attr]
        yield m, kind, number, m.group("tahun")


def _regional_laws(guide: Guide) -> set[tuple[str, int, str]]:
    out = set()
    for law in guide.laws:
        for m in regional_regulations(law.kode):
            out.add((m[1], m[2], m[3]))
    return out


def _check_regulations(guide: Guide, o: Overlay) -> Iterator[Diagnostic]:
    in_corpus = _regional_laws(guide)
    places = [(o.teks, o.loc("teks"))] + [(text, o.loc("dasar_hukum", i)) for i, text in enumerate(o.dasar_hukum)]
    reported: set[int] = set()
    for text, where in places:
        for match, kind, number, year in regional_regulations(text):
            if (kind, number, year) not in in_corpus:
                reported.add(id(text))
                yield _error(
                    "overlay-unknown-regulation",
                    f"tambahan wilayah menyebut peraturan daerah `{' '.join(match.group(0).split())}`, yang belum "
                    f"ada di `{LAW_DIR}/`.",
                    where,
                    Location(f"{LAW_DIR}/"),
                    hint="Peraturan daerah (Perda, Pergub, Perbup, Perdes) boleh dikutip setelah naskahnya dicatat di "
                    f"`{LAW_DIR}/` seperti peraturan nasional (lihat law/README.md). Sampai saat itu, sebut "
                    'isinya tanpa nomor atau tulis "belum diverifikasi".',
                )
    for i, text in enumerate(o.dasar_hukum):
        if id(text) in reported:
            continue
        try:
            guide.laws.provision(text)
        except CitationError as exc:
            yield _error("invalid-citation", exc.message, o.loc("dasar_hukum", i), hint=exc.hint)


def _check_overlay_history(o: Overlay) -> Iterator[Diagnostic]:
    for previous, entry in zip(o.riwayat, o.riwayat[1:], strict=False):
        if parse_version(entry.versi) <= parse_version(previous.versi) or entry.tanggal < previous.tanggal:
            yield _error(
                "history-order",
                f"entri `riwayat` versi `{entry.versi}` ({entry.tanggal.isoformat()}) harus sesudah versi "
                f"`{previous.versi}` ({previous.tanggal.isoformat()}).",
                entry.loc("versi"),
                previous.loc("versi"),
                hint="Entri `riwayat` ditulis dari yang terlama; entri baru ditambahkan di bawah.",
            )
    if parse_version(o.riwayat[-1].versi) != parse_version(o.versi):
        yield _error(
            "history-version",
            f"`versi` tambahan ini adalah `{o.versi}`, tetapi entri terakhir `riwayat` adalah versi `{o.riwayat[-1].versi}`.",
            o.loc("versi"),
            o.riwayat[-1].loc("versi"),
            hint="Setiap versi dicatat di `riwayat` dengan `tanggal`, `perubahan`, dan `alasan`.",
        )


# ---------------------------------------------------------------------------------------------
# The old field


def _check_legacy_notes(guide: Guide) -> Iterator[Diagnostic]:
    for g in guide.guidelines.values():
        if g.catatan_lokal:
            yield _warning(
                "deprecated-field",
                "kolom `catatan_lokal` sudah usang: catatan wilayah kini ditulis di berkasnya sendiri, di "
                f"`{REGIONS_DIR}/<wilayah>/`, dan ditelaah tim wilayah.",
                g.loc("catatan_lokal", key=True),
                Location(f"{REGISTRY_DIR}/wilayah.yaml"),
                hint="Pindahkan setiap catatan menjadi satu berkas tambahan wilayah `jenis: konteks` (lihat "
                f"`{REGIONS_DIR}/README.md`), lalu hapus kolom ini.",
            )


# ---------------------------------------------------------------------------------------------
# Reviews (date-dependent: reported by `panduan check`, like guidelines' reviews)


def overlay_review_diagnostics(guide: Guide, today: dt.date) -> list[Diagnostic]:
    out = []
    for o in sorted(guide.overlays, key=lambda o: (o.tinjau_ulang, o.id)):
        days = (o.tinjau_ulang - today).days
        if days >= 0:
            continue
        team = guide.teams[o.penelaah].nama if o.penelaah in guide.teams else o.penelaah
        out.append(
            _warning(
                "review-overdue",
                f"tambahan wilayah `{o.id}` seharusnya ditinjau ulang pada {o.tinjau_ulang.isoformat()} "
                f"({-days} hari yang lalu); penelaah: {team}.",
                o.loc("tinjau_ulang"),
                hint="Telaah lagi isinya bersama mitra wilayah, catat hasilnya di `riwayat` bila ada perubahan, "
                "lalu perbarui `ditelaah` dan `tinjau_ulang`.",
            )
        )
    return out


# ---------------------------------------------------------------------------------------------
# History against git (`panduan check --since REF`), like guidelines' (since.py)

# Fields whose change alone is the review itself, not a change of what the overlay says.
OVERLAY_ADMINISTRATIVE = frozenset({"riwayat", "tinjau_ulang", "ditelaah", "penelaah"})


def check_overlays_since(guide: Guide, root: Path, ref: str) -> list[Diagnostic]:
    """An overlay whose content changed since `ref` has a new `riwayat` entry. Raises GitError."""
    git = Git(root)
    base = git.base(ref)
    changed = [path for status, path in git.changed(base, REGIONS_DIR) if status in "MT" and path.endswith(".yaml")]
    current = {o.file.path: o for o in guide.overlays}
    out: list[Diagnostic] = []
    with tempfile.TemporaryDirectory(prefix="panduan-since-") as tmp:
        for path in changed:
            after = current.get(path)
            if after is None:
                continue  # a services registry, or an overlay that is invalid now (reported elsewhere)
            target = Path(tmp) / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(git.show(base, path))
            loaded = load_source(target, Path(tmp))
            if isinstance(loaded, Diagnostic):
                continue
            before, problems = validate(Overlay, loaded)
            if before is None or problems:
                continue
            known = {parse_version(e.versi) for e in before.riwayat}
            if any(parse_version(e.versi) not in known for e in after.riwayat):
                continue
            if _overlay_content(before) != _overlay_content(after):
                out.append(
                    _error(
                        "history-not-updated",
                        f"tambahan wilayah `{after.id}` berubah sejak `{ref}`, tetapi `riwayat` belum mendapat entri baru.",
                        after.loc("riwayat", key=True),
                        after.loc("versi"),
                        hint=f'Tambahkan di akhir `riwayat` entri `versi: "{next_version(after.riwayat[-1].versi)}"` '
                        "dengan `tanggal`, `perubahan`, dan `alasan`, lalu naikkan `versi`.",
                    )
                )
    return out


def _overlay_content(o: Overlay) -> dict[str, object]:
    return {k: v for k, v in o.file.doc.data.items() if k not in OVERLAY_ADMINISTRATIVE}
