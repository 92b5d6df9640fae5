"""A synthetic guide of N guidelines, for measuring search and build speed at sizes the real guide does not have.

`make_guide(dest, n, terms=T)` copies the project's sources (registry, glossary, law, docs,
mkdocs.yml, overrides) and the real guidelines into `dest`, then adds synthetic guidelines until
there are `n`, spread over synthetic topics of 25 guidelines each, and synthetic glossary terms
until there are `T` (default: only the real ones). Their text is generated, not copied:
sentences drawn at random from the guide's own word list (tests/search/wordlist.txt) and a few
function words, so the vocabulary is the guide's but every guideline says something different
(random text compresses worse than real prose: the sizes measured are on the safe side).

A synthetic guideline has what a real one has, in the proportions of the real guide: front
matter, recommendations (some with their legal basis and addressed roles), steps for every
role, RACI tasks, handoffs to roles and services, citations of articles across all the laws in
`law/` (in lists and inline in the text), glossary terms in its prose (real and synthetic
ones), competencies, related guidelines, sources and history.
Every citation names an article that exists; `panduan check` passes on the result.

Run alone to write a guide: `.venv/bin/python bench/synthetic_guide.py /tmp/guide 1000 [TERMS]`.
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PER_TOPIC = 25
ROLES = ["pekerja-sosial", "pendamping", "relawan", "tksk", "psm", "pendamping-pkh", "tagana", "dinas-sosial"]
FUNCTION_WORDS = [
    "dan",
    "yang",
    "di",
    "ke",
    "dari",
    "untuk",
    "dengan",
    "atau",
    "bila",
    "agar",
    "oleh",
    "pada",
    "dalam",
    "secara",
    "serta",
    "bagi",
]
COPIED = ["registry", "glossary", "law", "docs", "overrides", "guidelines", "mkdocs.yml"]


def _words() -> list[str]:
    lines = (ROOT / "tests" / "search" / "wordlist.txt").read_text(encoding="utf-8").splitlines()
    return [w.strip() for w in lines if w.strip() and not w.startswith("#") and w.strip().isalpha()]


class _Text:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.words = _words()

    def phrase(self, lo: int, hi: int) -> str:
        out = []
        for _ in range(self.rng.randint(lo, hi)):
            out.append(self.rng.choice(FUNCTION_WORDS) if self.rng.random() < 0.25 else self.rng.choice(self.words))
        return " ".join(out)

    def sentence(self, lo: int = 8, hi: int = 20) -> str:
        text = self.phrase(lo, hi)
        return text[:1].upper() + text[1:] + "."

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 5)))


# Kinds of task that no role in registry/peran.yaml is barred from (RACI checks stay quiet).
TASK_KINDS = ["pendataan", "pendampingan", "pencatatan", "rujukan", "penyuluhan", "koordinasi", "penyaluran-bantuan"]
TEAMS = ["tim-etika-dan-data", "tim-praktik", "tim-kelompok-rentan", "tim-profesi-dan-layanan"]
SERVICES = ["slrt", "puskesos", "lks", "lksa", "lk3", "layanan-kesehatan", "pemerintah-desa"]
COMPETENCIES = [
    "pelindungan-data-pribadi", "perlindungan-anak", "kearifan-lokal", "komunikasi-dengan-klien", "pendekatan-awal",
    "pencatatan-kasus", "rujukan-dan-jejaring", "koordinasi-lintas-program", "tanggap-darurat-bencana",
    "perawatan-diri", "etika-kerahasiaan", "non-diskriminasi", "menghormati-hak-klien",
]  # fmt: skip
SOURCES = [
    "UU No. 14 Tahun 2019 tentang Pekerja Sosial",
    "UU No. 11 Tahun 2009 tentang Kesejahteraan Sosial",
    "UU No. 27 Tahun 2022 tentang Pelindungan Data Pribadi",
    "UU No. 35 Tahun 2014 tentang Perubahan atas UU No. 23 Tahun 2002 tentang Perlindungan Anak",
    "UU No. 8 Tahun 2016 tentang Penyandang Disabilitas",
]


def citation_pool(root: Path = ROOT) -> list[str]:
    """Citations of every article of every law in `root/law/` that the guide resolves (checked
    with the guide's own resolver, so a synthetic guideline never cites what does not exist)."""
    sys.path.insert(0, str(ROOT / "generator"))
    from panduan.link import resolve
    from panduan.loader import load_guide

    guide, _ = load_guide(root)
    pool = []
    for law in guide.laws:
        for pasal in law.source.pasal:
            text = f"{law.singkatan} Pasal {pasal.nomor}"
            if resolve(guide.laws, text) is not None:
                pool.append(text)
    return pool


class _Terms:
    """Glossary forms to write into prose: the real terms' names and synthetic ones."""

    def __init__(self, dest: Path, total: int, text: _Text) -> None:
        import yaml

        real = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((dest / "glossary").glob("*.yaml"))]
        taken = {str(t["istilah"]).casefold() for t in real} | {str(t.get("singkatan") or "") for t in real}
        taken |= {str(a).casefold() for t in real for a in t.get("alias") or []}
        self.forms = [str(t["istilah"]) for t in real]
        self.ids: list[str] = []
        rng = text.rng
        for i in range(max(0, total - len(real))):
            while True:
                name = " ".join(rng.choice(text.words) for _ in range(rng.randint(2, 3)))
                if name.casefold() not in taken:
                    break
            taken.add(name.casefold())
            tid = f"istilah-sintetis-{i + 1:04d}"
            entry = {"istilah": name, "definisi": text.sentence(12, 30)}
            if rng.random() < 0.3:
                entry["singkatan"] = f"IS{i + 1:04d}"
                self.forms.append(entry["singkatan"])
            if rng.random() < 0.3:
                entry["inggris"] = text.phrase(1, 3)
            if self.ids and rng.random() < 0.5:
                entry["lihat_juga"] = rng.sample(self.ids, min(len(self.ids), rng.randint(1, 2)))
            (dest / "glossary" / f"{tid}.yaml").write_text(
                yaml.safe_dump(entry, allow_unicode=True, sort_keys=False), encoding="utf-8"
            )
            self.ids.append(tid)
            self.forms.append(name)


class _Prose:
    """Sentences with glossary terms and, where the field allows them, inline citations."""

    def __init__(self, text: _Text, terms: _Terms, cites: list[str]) -> None:
        self.text, self.terms, self.cites, self.rng = text, terms, cites, text.rng

    def sentence(self, lo: int = 8, hi: int = 20, *, cite: bool = False) -> str:
        words = self.text.phrase(lo, hi).split(" ")
        for _ in range(self.rng.choice([0, 1, 1, 2])):  # about one glossary term per sentence
            words.insert(self.rng.randrange(1, len(words) + 1), self.rng.choice(self.terms.forms))
        out = " ".join(words)
        if cite and self.rng.random() < 0.15:
            out += f" [[{self.rng.choice(self.cites)}]]"
        return out[:1].upper() + out[1:] + "."

    def paragraph(self, *, cite: bool = True) -> str:
        return " ".join(self.sentence(cite=cite) for _ in range(self.rng.randint(2, 5)))

    def section(self) -> str:
        rng = self.rng
        parts = [self.paragraph() for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.3:
            parts.append("\n".join(f"- {self.sentence(4, 12)}" for _ in range(rng.randint(3, 6))))
        if rng.random() < 0.1:
            rows = "\n".join(
                f"| {self.text.phrase(1, 3)} | {self.text.phrase(3, 8)} |" for _ in range(rng.randint(2, 5))
            )
            parts.append(f"| {self.text.phrase(1, 2).capitalize()} | Keterangan |\n|---|---|\n{rows}")
        return f"## {self.text.phrase(2, 5).capitalize()}\n\n" + "\n\n".join(parts)


def _yaml_list(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


def _guideline(gid: str, topic: str, prose: _Prose, others: list[str]) -> str:
    rng, text = prose.rng, prose.text
    roles = rng.sample(ROLES, rng.randint(2, 4))
    recs = []
    for i in range(1, rng.randint(5, 10) + 1):
        rec = f"  - id: R{i}\n    kekuatan: {rng.choice(['dianjurkan', 'pertimbangkan'])}\n"
        rec += f"    teks: {prose.sentence(10, 30, cite=True)}\n"
        if rng.random() < 0.4:
            rec += f"    dasar_hukum: {_yaml_list(rng.sample(prose.cites, rng.randint(1, 2)))}\n"
        if rng.random() < 0.2:
            rec += f"    untuk: {_yaml_list(rng.sample(roles, 1))}\n"
        recs.append(rec)
    actors = roles + [rng.choice(roles) for _ in range(rng.randint(2, 5))]  # every role gets a step
    steps = "".join(f"  - peran: {role}\n    teks: {prose.sentence(8, 24, cite=True)}\n" for role in actors)
    tasks = ""
    for k in range(rng.randint(0, 3)):
        tasks += (
            f"  - id: {gid}-tugas-{k + 1}\n    nama: {text.phrase(3, 7).capitalize()}\n"
            f"    jenis: {rng.choice(TASK_KINDS)}\n    pelaksana: {_yaml_list(rng.sample(roles, rng.randint(1, 2)))}\n"
            f"    penanggung_jawab: {rng.choice(roles)}\n    diinformasikan: {_yaml_list(rng.sample(ROLES, 2))}\n"
        )
    handoffs = "".join(
        f"  - dari: {rng.choice(roles)}\n    ke: {rng.choice(SERVICES + ROLES)}\n"
        f"    jenis: {rng.choice(['rujuk', 'lapor', 'konsultasi'])}\n    kapan: {text.sentence(6, 16)}\n"
        for _ in range(rng.randint(0, 3))
    )
    body = "\n\n".join(prose.section() for _ in range(rng.randint(2, 5)))
    lines = [
        "---",
        f"id: {gid}",
        f"judul: {text.phrase(3, 8).capitalize()}",
        f"ringkasan: {prose.sentence(12, 30)}",
        f"topik: {topic}",
        f"peran: {_yaml_list(roles)}",
        "status: berlaku",
        'versi: "1.0"',
        "berlaku_sejak: 2026-12-01",
        "tinjau_ulang: 2027-12-01",
        f"pemilik: {rng.choice(TEAMS)}",
        f"dasar_hukum: {_yaml_list(rng.sample(prose.cites, rng.randint(2, 8)))}",
        "rekomendasi:",
        "".join(recs).rstrip("\n"),
        "langkah:",
        steps.rstrip("\n"),
    ]
    if tasks:
        lines += ["tugas:", tasks.rstrip("\n")]
    if handoffs:
        lines += ["rujukan:", handoffs.rstrip("\n")]
    lines.append(f"kompetensi: {_yaml_list(rng.sample(COMPETENCIES, rng.randint(1, 4)))}")
    if others:
        lines.append(f"terkait: {_yaml_list(rng.sample(others, min(len(others), rng.randint(1, 5))))}")
    lines += [
        "sumber:",
        "".join(f"  - {s}\n" for s in rng.sample(SOURCES, rng.randint(1, 3))).rstrip("\n"),
        "riwayat:",
        '  - versi: "1.0"\n    tanggal: 2026-12-01\n    perubahan: Edisi pertama pedoman ini.\n'
        "    alasan: Pedoman diterbitkan dalam edisi pertama Panduan Praktik.",
        "---",
    ]
    return "\n".join(lines) + "\n" + body + "\n"


def make_guide(dest: Path, n: int, seed: int = 1000, *, terms: int = 0) -> Path:
    """Write a project with `n` guidelines (the real ones included) and at least `terms` glossary
    terms (the real ones included) into `dest`; returns dest."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in COPIED:
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, dest / name)
    real = len([p for p in (dest / "guidelines").glob("*/*.md") if p.name != "README.md"])
    extra = max(0, n - real)
    topics = (extra + PER_TOPIC - 1) // PER_TOPIC
    text = _Text(seed)
    prose = _Prose(text, _Terms(dest, terms, text), citation_pool(dest))
    registry = (dest / "registry" / "topik.yaml").read_text(encoding="utf-8").rstrip("\n") + "\n"
    for t in range(topics):
        registry += f"  - id: sintetis-{t + 1:03d}\n    judul: {text.phrase(2, 4).capitalize()}\n    ringkasan: {text.sentence(6, 14)}\n"
    (dest / "registry" / "topik.yaml").write_text(registry, encoding="utf-8")
    ids = [f"pedoman-sintetis-{i + 1:04d}" for i in range(extra)]
    for i, gid in enumerate(ids):
        topic = f"sintetis-{i // PER_TOPIC + 1:03d}"
        folder = dest / "guidelines" / topic
        folder.mkdir(exist_ok=True)
        neighbours = ids[max(0, i - 30) : i] + ids[i + 1 : i + 30]
        (folder / f"{gid}.md").write_text(_guideline(gid, topic, prose, neighbours), encoding="utf-8")
    return dest


if __name__ == "__main__":
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    out = make_guide(Path(sys.argv[1]), size, terms=int(sys.argv[3]) if len(sys.argv) > 3 else 0)
    print(out)
