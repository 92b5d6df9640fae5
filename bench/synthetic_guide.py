"""A synthetic guide of N guidelines, for measuring search at a size the real guide does not have.

`make_guide(dest, n)` copies the project's sources (registry, glossary, law, docs, mkdocs.yml,
overrides) and the real guidelines into `dest`, then adds synthetic guidelines until there are
`n`, spread over synthetic topics of 25 guidelines each. Their text is generated, not copied:
sentences drawn at random from the guide's own word list (tests/search/wordlist.txt) and a few
function words, so the vocabulary is the guide's but every guideline says something different
(random text compresses worse than real prose: the sizes measured are on the safe side).

Run alone to write a guide: `.venv/bin/python bench/synthetic_guide.py /tmp/guide 1000`.
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
# Every guideline needs an editor team and a history (schema); the synthetic ones share these.
OWNER = "tim-etika-dan-data"
HISTORY = (
    'riwayat:\n  - versi: "1.0"\n    tanggal: 2026-12-01\n    perubahan: Edisi pertama pedoman sintetis.\n'
    "    alasan: Pedoman sintetis untuk mengukur pencarian.\n"
)
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


def _guideline(gid: str, topic: str, text: _Text) -> str:
    rng = text.rng
    roles = rng.sample(ROLES, rng.randint(2, 4))
    recs = "\n".join(
        f"  - id: R{i}\n    kekuatan: {rng.choice(['dianjurkan', 'pertimbangkan'])}\n    teks: {text.sentence(10, 30)}"
        for i in range(1, rng.randint(5, 10) + 1)
    )
    actors = roles + [rng.choice(roles) for _ in range(rng.randint(2, 5))]  # every role gets a step
    steps = "\n".join(f"  - peran: {role}\n    teks: {text.sentence(8, 24)}" for role in actors)
    body = "\n\n".join(
        f"## {text.phrase(2, 5).capitalize()}\n\n" + "\n\n".join(text.paragraph() for _ in range(rng.randint(1, 3)))
        for _ in range(rng.randint(2, 5))
    )
    return (
        f"---\nid: {gid}\njudul: {text.phrase(3, 8).capitalize()}\nringkasan: {text.sentence(12, 30)}\n"
        f'topik: {topic}\nperan: [{", ".join(roles)}]\nstatus: berlaku\nversi: "1.0"\n'
        f"berlaku_sejak: 2026-12-01\ntinjau_ulang: 2027-12-01\npemilik: {OWNER}\nrekomendasi:\n{recs}\n"
        f"langkah:\n{steps}\n{HISTORY}---\n{body}\n"
    )


def make_guide(dest: Path, n: int, seed: int = 1000) -> Path:
    """Write a project with `n` guidelines (the real ones included) into `dest`; returns dest."""
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
    registry = (dest / "registry" / "topik.yaml").read_text(encoding="utf-8").rstrip("\n") + "\n"
    for t in range(topics):
        registry += f"  - id: sintetis-{t + 1:03d}\n    judul: {text.phrase(2, 4).capitalize()}\n    ringkasan: {text.sentence(6, 14)}\n"
    (dest / "registry" / "topik.yaml").write_text(registry, encoding="utf-8")
    for i in range(extra):
        topic = f"sintetis-{i // PER_TOPIC + 1:03d}"
        folder = dest / "guidelines" / topic
        folder.mkdir(exist_ok=True)
        gid = f"pedoman-sintetis-{i + 1:04d}"
        (folder / f"{gid}.md").write_text(_guideline(gid, topic, text), encoding="utf-8")
    return dest


if __name__ == "__main__":
    out = make_guide(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1000)
    print(out)
