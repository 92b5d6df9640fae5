"""Stage 3: rules over the whole guide — references between files, RACI consistency, glossary clashes.

Each rule is a small function that yields diagnostics; a conflict names every file involved.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping

from panduan.diagnostics import Diagnostic, Location, Severity, suggestion
from panduan.history import check_editorial, check_history
from panduan.latihan import check_latihan
from panduan.law import CitationError, Provision, looks_like_citation
from panduan.markdown_spans import inline_citation_sites
from panduan.model import Guide, addressed_roles
from panduan.privacy import check_personal_data
from panduan.regional_checks import check_regional
from panduan.scaffold import check_placeholders
from panduan.schema import GuidelineSource, Recommendation, Task
from panduan.situations import check_situations
from panduan.untrusted import check_untrusted

Rule = Callable[[Guide], Iterator[Diagnostic]]


def check_guide(guide: Guide) -> list[Diagnostic]:
    return [d for rule in RULES for d in rule(guide)]


def _error(code: str, message: str, *locs: Location, hint: str = "") -> Diagnostic:
    return Diagnostic(code, message, tuple(locs), hint)


def _warning(code: str, message: str, *locs: Location, hint: str = "") -> Diagnostic:
    return Diagnostic(code, message, tuple(locs), hint, Severity.WARNING)


def _unknown(
    kind: str, value: str, known: Mapping[str, object], loc: Location, code: str = "unknown-reference"
) -> Diagnostic:
    return _error(code, f"{kind} `{value}` tidak dikenal.", loc, hint=suggestion(value, known))


# ---------------------------------------------------------------------------------------------
# Registries


def check_registries(guide: Guide) -> Iterator[Diagnostic]:
    for role in guide.roles.values():
        if role.induk and role.induk not in guide.roles:
            yield _unknown("peran induk", role.induk, guide.roles, role.loc("induk"))
        for i, kind in enumerate(role.tidak_boleh):
            if kind not in guide.task_kinds:
                yield _unknown("jenis tugas", kind, guide.task_kinds, role.loc("tidak_boleh", i))
    for comp in guide.competencies.values():
        for i, role_id in enumerate(comp.peran):
            if role_id not in guide.roles:
                yield _unknown("peran", role_id, guide.roles, comp.loc("peran", i), "unknown-role")
    yield from _check_abbreviations(guide)
    yield from _check_stages(guide)


ABBREVIATION_MAX = 12  # a matrix column stays narrow enough for twelve roles on a laptop


def _check_abbreviations(guide: Guide) -> Iterator[Diagnostic]:
    """`singkatan` is a role's column header in the matrices: short, and never shared."""
    seen: dict[str, str] = {}
    for role in guide.roles.values():
        short = role.singkatan
        if short is None:
            continue
        if len(short) > ABBREVIATION_MAX:
            yield _error(
                "abbreviation-too-long",
                f"`singkatan` peran `{role.id}` ({short}) lebih dari {ABBREVIATION_MAX} huruf.",
                role.loc("singkatan"),
                hint="Singkatan menjadi judul kolom matriks; pakai bentuk pendek, misalnya `TKSK` atau `Dinsos`.",
            )
        other = seen.setdefault(short.casefold(), role.id)
        if other != role.id:
            yield _error(
                "duplicate-abbreviation",
                f"`singkatan` `{short}` dipakai oleh peran `{other}` dan `{role.id}`.",
                role.loc("singkatan"),
                guide.roles[other].loc("singkatan"),
                hint="Setiap peran perlu singkatan sendiri agar kolom matriks dapat dibedakan.",
            )


def _check_stages(guide: Guide) -> Iterator[Diagnostic]:
    """Every `tahap` names a stage of registry/tahap-praktik.yaml; once stages exist, every task
    kind has one, so no task falls outside the stages on a role page unnoticed."""
    for kind in guide.task_kinds.values():
        if kind.tahap and kind.tahap not in guide.stages:
            yield _unknown("tahap", kind.tahap, guide.stages, kind.loc("tahap"), "unknown-stage")
        elif not kind.tahap and guide.stages:
            yield _warning(
                "kind-without-stage",
                f"jenis tugas `{kind.id}` belum punya `tahap`.",
                kind.loc("id"),
                hint="Tambahkan `tahap:` dengan id dari `registry/tahap-praktik.yaml`, misalnya `tahap: asesmen`.",
            )
    for topic in guide.topics.values():
        if topic.tahap and topic.tahap not in guide.stages:
            yield _unknown("tahap", topic.tahap, guide.stages, topic.loc("tahap"), "unknown-stage")


# ---------------------------------------------------------------------------------------------
# Guidelines: references


def check_references(guide: Guide) -> Iterator[Diagnostic]:
    for g in guide.guidelines.values():
        if g.topik not in guide.topics:
            yield _unknown("topik", g.topik, guide.topics, g.loc("topik"), "unknown-topic")
        elif not g.file.path.startswith(f"guidelines/{g.topik}/"):
            yield _warning(
                "topic-folder",
                f"pedoman bertopik `{g.topik}` disimpan di luar folder `guidelines/{g.topik}/`.",
                g.loc("topik"),
                hint="Pindahkan berkas ke folder topiknya agar mudah ditemukan.",
            )
        for i, role in enumerate(g.peran):
            if role not in guide.roles:
                yield _unknown("peran", role, guide.roles, g.loc("peran", i), "unknown-role")
        for i, comp in enumerate(g.kompetensi):
            if comp not in guide.competencies:
                yield _unknown("kompetensi", comp, guide.competencies, g.loc("kompetensi", i))
        for i, other in enumerate(g.terkait):
            if other not in guide.guidelines:
                yield _unknown("pedoman terkait", other, guide.guidelines, g.loc("terkait", i))
            elif other == g.id:
                yield _warning("self-reference", "pedoman menautkan dirinya sendiri.", g.loc("terkait", i))
        yield from _check_recommendations(g)


def _check_recommendations(g: GuidelineSource) -> Iterator[Diagnostic]:
    seen: dict[str, int] = {}
    for i, rec in enumerate(g.rekomendasi):
        if rec.id in seen:
            yield _error(
                "duplicate-id",
                f"id rekomendasi `{rec.id}` dipakai dua kali dalam pedoman ini.",
                rec.loc("id"),
                g.rekomendasi[seen[rec.id]].loc("id"),
            )
        seen.setdefault(rec.id, i)
        if rec.kekuatan == "wajib" and not rec.dasar_hukum:
            yield _error(
                "obligation-without-law",
                f"rekomendasi `{rec.id}` berkekuatan `wajib` tetapi tidak mencantumkan `dasar_hukum`.",
                rec.loc("kekuatan"),
                hint="Kewajiban hanya ditulis bila undang-undang mewajibkannya: tambahkan `dasar_hukum` "
                "(misalnya `[UU14 Pasal 42 huruf c]`) atau turunkan menjadi `dianjurkan`.",
            )


# ---------------------------------------------------------------------------------------------
# Guidelines: roles, tasks (RACI) and handoffs


def check_roles_and_tasks(guide: Guide) -> Iterator[Diagnostic]:
    for g in guide.guidelines.values():
        yield from _check_steps(guide, g)
        yield from _check_tasks(guide, g)
        yield from _check_handoffs(guide, g)
        yield from _check_role_coverage(guide, g)
    yield from _check_shared_tasks(guide)


def _check_steps(guide: Guide, g: GuidelineSource) -> Iterator[Diagnostic]:
    for _i, step in enumerate(g.langkah):
        if step.peran not in guide.roles:
            yield _unknown("peran langkah", step.peran, guide.roles, step.loc("peran"), "unknown-role")


def _check_tasks(guide: Guide, g: GuidelineSource) -> Iterator[Diagnostic]:
    seen: dict[str, Task] = {}
    for task in g.tugas:
        if task.id in seen:
            yield _error(
                "duplicate-task",
                f"tugas `{task.id}` ditulis dua kali dalam pedoman ini.",
                task.loc("id"),
                seen[task.id].loc("id"),
            )
        seen.setdefault(task.id, task)
        if len(task.accountable) != 1:
            yield _error(
                "raci-accountable",
                f"tugas `{task.id}` memiliki {len(task.accountable)} penanggung jawab "
                f"({', '.join(task.accountable) or '-'}); RACI hanya mengizinkan satu.",
                task.loc("penanggung_jawab"),
                hint="Pilih satu peran yang bertanggung jawab; peran lain masukkan ke `dikonsultasikan`.",
            )
        if task.jenis and task.jenis not in guide.task_kinds:
            yield _unknown("jenis tugas", task.jenis, guide.task_kinds, task.loc("jenis"))
        for role, letter, path in task.raci():
            if role not in guide.roles:
                yield _unknown("peran", role, guide.roles, task.loc(*path), "unknown-role")
            elif letter in "RA" and task.jenis:
                yield from _check_barred(guide, task, role, letter, path)


def _check_barred(
    guide: Guide, task: Task, role: str, letter: str, path: tuple[str | int, ...]
) -> Iterator[Diagnostic]:
    ancestor = guide.barred_kinds(role).get(task.jenis or "")
    if ancestor is None:
        return
    what = "pelaksana" if letter == "R" else "penanggung jawab"
    kind = guide.task_kinds[task.jenis].nama if task.jenis in guide.task_kinds else task.jenis
    yield _error(
        "raci-forbidden-role",
        f"peran `{role}` dijadikan {what} tugas `{task.id}` ({kind}), padahal registri peran "
        f"melarang `{ancestor}` melakukan jenis tugas ini.",
        task.loc(*path),
        guide.roles[ancestor].loc("tidak_boleh"),
        hint="Serahkan tugas ini kepada Pekerja Sosial bersertifikat; peran ini dapat "
        "dimasukkan ke `dikonsultasikan` atau `diinformasikan`.",
    )


def _check_handoffs(guide: Guide, g: GuidelineSource) -> Iterator[Diagnostic]:
    targets = {**guide.roles, **guide.services}
    for handoff in g.rujukan:
        if handoff.dari not in guide.roles:
            yield _unknown("peran", handoff.dari, guide.roles, handoff.loc("dari"), "unknown-role")
        if handoff.ke not in targets:
            yield _error(
                "unknown-handoff-target",
                f"rujukan ke `{handoff.ke}` tidak dikenal sebagai peran maupun layanan.",
                handoff.loc("ke"),
                hint=suggestion(handoff.ke, targets) + " Layanan baru ditambahkan di `registry/layanan.yaml`.",
            )


def _check_role_coverage(guide: Guide, g: GuidelineSource) -> Iterator[Diagnostic]:
    acting: dict[str, Location] = {}
    for step in g.langkah:
        acting.setdefault(step.peran, step.loc("peran"))
    for task in g.tugas:
        for role, letter, path in task.raci():
            if letter in "RA":
                acting.setdefault(role, task.loc(*path))
    listed = set(g.peran)
    for i, role in enumerate(g.peran):
        if role in guide.roles and role not in acting:
            yield _warning(
                "role-without-task",
                f"peran `{role}` tercantum di `peran` tetapi tidak mendapat langkah atau tugas apa pun.",
                g.loc("peran", i),
                hint="Tambahkan langkah untuk peran ini atau hapus dari `peran`.",
            )
    for role, loc in acting.items():
        if role in guide.roles and role not in listed:
            yield _warning(
                "role-not-listed",
                f"peran `{role}` mendapat langkah atau tugas tetapi tidak tercantum di `peran`.",
                loc,
                g.loc("peran"),
                hint=f"Tambahkan `{role}` ke daftar `peran`.",
            )


def _check_shared_tasks(guide: Guide) -> Iterator[Diagnostic]:
    """The same task id in two guidelines must be assigned identically."""
    by_id: dict[str, list[Task]] = defaultdict(list)
    for g in guide.guidelines.values():
        for task in g.tugas:
            by_id[task.id].append(task)
    for task_id, tasks in by_id.items():
        first = tasks[0]
        for other in tasks[1:]:
            if other.file.path == first.file.path:
                continue
            if other.assignment() != first.assignment():
                yield _error(
                    "raci-conflict",
                    f"tugas `{task_id}` ditugaskan berbeda di dua pedoman ({_describe(first)} vs {_describe(other)}).",
                    other.loc("id"),
                    first.loc("id"),
                    hint="Samakan nama, jenis, dan pembagian RACI-nya, atau beri tugas ini id lain.",
                )


def _describe(task: Task) -> str:
    return f"R={','.join(task.pelaksana)}; A={','.join(task.accountable)}"


# ---------------------------------------------------------------------------------------------
# Glossary


def check_glossary(guide: Guide) -> Iterator[Diagnostic]:
    claimed: dict[str, tuple[str, Location]] = {}
    for term in guide.terms.values():
        src = term.source
        forms = [(src.istilah.casefold(), src.loc("istilah"))]
        forms += [(a.casefold(), src.loc("alias", i)) for i, a in enumerate(src.alias)]
        if src.singkatan:
            forms.append((src.singkatan, src.loc("singkatan")))
        for form, loc in forms:
            owner = claimed.get(form)
            if owner and owner[0] != term.id:
                yield _error(
                    "glossary-clash",
                    f"bentuk `{form}` sudah dipakai oleh istilah `{owner[0]}`.",
                    loc,
                    owner[1],
                    hint="Satu singkatan atau alias hanya boleh menunjuk satu istilah.",
                )
            claimed.setdefault(form, (term.id, loc))
        for i, other in enumerate(src.lihat_juga):
            if other not in guide.terms:
                yield _unknown("istilah", other, guide.terms, src.loc("lihat_juga", i))


# ---------------------------------------------------------------------------------------------
# Obligations: a `wajib` binds exactly the people its cited law binds


def role_addressees(guide: Guide, role_id: str) -> set[str]:
    """The addressee classes a role falls under, its parents' included (a sub-role is also its parent)."""
    return {a for r in guide.role_lineage(role_id) for a in guide.roles[r].adresat}


def _provisions(guide: Guide, texts: list[str]) -> list[Provision]:
    """The cited provisions that resolve; the others are reported by the link stage."""
    out = []
    for text in texts:
        try:
            out.append(guide.laws.provision(text))
        except CitationError:
            continue
    return out


def _describe_provision(p: Provision) -> str:
    bindings = p.bindings()
    if not bindings:
        return f"{p.label} (tidak mencatat siapa yang diikatnya)"
    parts = [f"{b.sifat} bagi {', '.join(b.subjek)}" for b in bindings]
    return f"{p.label} ({'; '.join(dict.fromkeys(parts))})"


def check_obligations(guide: Guide) -> Iterator[Diagnostic]:
    for role in guide.roles.values():
        known = {a for law in guide.laws for a in law.addressees}
        for i, addressee in enumerate(role.adresat):
            if addressee not in known:
                yield _unknown("adresat", addressee, dict.fromkeys(known), role.loc("adresat", i), "unknown-addressee")
    for g in guide.guidelines.values():
        family = {a for r in g.peran if r in guide.roles for a in (*guide.role_lineage(r), *guide.sub_roles(r))}
        for rec in g.rekomendasi:
            for i, role_id in enumerate(rec.untuk):
                if role_id not in guide.roles:
                    yield _unknown("peran", role_id, guide.roles, rec.loc("untuk", i), "unknown-role")
                elif role_id not in family:
                    yield _error(
                        "role-not-listed",
                        f"rekomendasi `{rec.id}` ditujukan `untuk` peran `{role_id}`, yang tidak tercantum di `peran` pedoman.",
                        rec.loc("untuk", i),
                        g.loc("peran"),
                        hint=f"Tambahkan `{role_id}` ke `peran` pedoman, atau hapus dari `untuk`.",
                    )
            if rec.kekuatan == "wajib" and rec.dasar_hukum:
                yield from _check_binding(guide, g, rec)


def _check_binding(guide: Guide, g: GuidelineSource, rec: Recommendation) -> Iterator[Diagnostic]:
    provisions = _provisions(guide, list(rec.dasar_hukum))
    if not provisions:
        return
    uncovered = []
    for role in addressed_roles(g, rec):
        if role not in guide.roles:
            continue
        addressees = role_addressees(guide, role)
        if not any(set(b.subjek) & addressees for p in provisions for b in p.duties()):
            uncovered.append(role)
    if not uncovered:
        return
    where = rec.loc("untuk") if rec.untuk else rec.loc("kekuatan")
    cited = "; ".join(_describe_provision(p) for p in provisions)
    yield _error(
        "obligation-wrong-addressee",
        f"rekomendasi `{rec.id}` berkekuatan `wajib` untuk peran {', '.join(f'`{r}`' for r in uncovered)}, "
        f"tetapi tidak ada pasal yang dikutipnya yang mewajibkan atau melarang peran itu. Pasal yang dikutip: {cited}.",
        where,
        rec.loc("dasar_hukum"),
        hint="Hak atau pengecualian tidak dapat menjadi dasar `wajib`. Batasi `untuk` pada peran yang memang "
        "terikat pasal itu, kutip pasal yang mengikat peran tersebut, atau turunkan menjadi `dianjurkan`. "
        "Peran mana masuk golongan mana tercatat di `adresat` pada registry/peran.yaml.",
    )


# ---------------------------------------------------------------------------------------------
# Quotations: words that matter are not replaced by wider ones


def check_quotations(guide: Guide) -> Iterator[Diagnostic]:
    for g in guide.guidelines.values():
        for rec in g.rekomendasi:
            yield from _misquotes(guide, rec.teks, list(rec.dasar_hukum), rec.loc("teks"), f"rekomendasi `{rec.id}`")
        body = g.file.body
        for text, location in inline_citation_sites(g):
            paragraph = _paragraph_around(body, location, g.file.body_line)
            yield from _misquotes(guide, paragraph, [text], location, "paragraf ini")
    for term in guide.terms.values():
        src = term.source
        cites = [t for t in src.sumber if looks_like_citation(t)]
        yield from _misquotes(guide, src.definisi, cites, src.loc("definisi"), f"definisi istilah `{term.id}`")


def _misquotes(guide: Guide, text: str, cites: list[str], location: Location, what: str) -> Iterator[Diagnostic]:
    folded = " ".join(text.casefold().split())
    for provision in _provisions(guide, cites):
        for unit in provision.quotes():
            for wrong in unit.salah_tafsir:
                if " ".join(wrong.casefold().split()) in folded:
                    words = f'berbunyi "{unit.kutipan}"' if unit.kutipan else "tidak memuat kata-kata itu"
                    yield _error(
                        "misquoted-law",
                        f'{what} memakai "{wrong}", padahal {provision.label} yang dikutipnya {words}.',
                        location,
                        hint="Pakai kata-kata pasal itu sendiri; rumusan yang lebih luas mengubah isi hukumnya.",
                    )


def _paragraph_around(body: str, location: Location, body_line: int) -> str:
    lines = body.split("\n")
    index = (location.line or body_line) - body_line
    start = index
    while start > 0 and lines[start - 1].strip():
        start -= 1
    end = index
    while end + 1 < len(lines) and lines[end + 1].strip():
        end += 1
    return "\n".join(lines[start : end + 1])


RULES: list[Rule] = [
    check_registries,
    check_references,
    check_roles_and_tasks,
    check_glossary,
    check_obligations,
    check_quotations,
    check_personal_data,
    check_untrusted,  # raw HTML, attribute lists and link schemes in every text (untrusted.py)
    check_history,
    check_editorial,
    check_placeholders,
    check_latihan,  # training material: competencies, case, answers, justifications (latihan.py)
    check_situations,  # registry/situasi.yaml points only at steps and handoffs that exist
    check_regional,  # regions, their services and overlays (regional_checks.py)
]
