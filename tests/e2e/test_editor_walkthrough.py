"""The editor's guide (docs/kontribusi/index.md), walked with the CLI on a temporary git repository:
add a guideline with `panduan new`, let `panduan check` lead to a valid file, publish it, then see
`panduan check --since` flag a change without a `riwayat` entry. Every example message the guide
shows must be a line the CLI really prints at that step."""

from __future__ import annotations

import re
import shutil
import textwrap

import pytest

from panduan.cli import main
from tests.conftest import GUIDELINE, REPO
from tests.unit.test_since import git

GUIDE = (REPO / "docs" / "kontribusi" / "index.md").read_text(encoding="utf-8")
TITLE = "Menyampaikan kabar buruk kepada klien"
PATH = "guidelines/etika-klien/menyampaikan-kabar-buruk-kepada-klien.md"


def _blocks(language: str = "") -> list[str]:
    """Fenced code blocks of the guide (also those indented inside list items), dedented."""
    found = re.findall(r"^( *)```(\w*)\n(.*?)^\1```", GUIDE, re.DOTALL | re.MULTILINE)
    return [textwrap.dedent(body) for indent, lang, body in found if lang == language]


def _examples(code: str) -> list[str]:
    """The example lines for one diagnostic code in the guide's code blocks."""
    return [line for block in _blocks() for line in block.splitlines() if line.endswith(f"[{code}]")]


@pytest.fixture
def editor_repo(project):
    for name in ("topik.yaml", "jenis-tugas.yaml", "tahap-praktik.yaml", "tim-penyunting.yaml", "edisi.yaml"):
        shutil.copy(REPO / "registry" / name, project.root / "registry" / name)
    project.write(
        "guidelines/etika-klien/kerahasiaan.md",
        GUIDELINE.format(id="kerahasiaan").replace(
            "tinjau_ulang: 2027-12-01\n", "tinjau_ulang: 2027-12-01\npemilik: tim-etika-dan-data\n"
        ),
    )
    git(project.root, "init", "-q", "-b", "main")
    git(project.root, "add", "-A")
    git(project.root, "commit", "-qm", "Panduan")
    return project


def _check(project, capsys, *args: str) -> tuple[int, list[str]]:
    code = main(["--root", str(project.root), "check", *args])
    return code, capsys.readouterr().err.splitlines()


def _replace(project, *pairs: tuple[str, str]) -> None:
    path = project.root / PATH
    text = path.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def _shown(code: str, lines: list[str]) -> None:
    examples = _examples(code)
    assert examples, f"the editor's guide shows no example of [{code}]"
    for example in examples:
        assert example in lines, f"the guide's example is not what the CLI prints:\n{example}\n---\n" + "\n".join(lines)


def test_the_editor_guide_walkthrough(editor_repo, capsys):
    root = editor_repo.root
    # 1. The command the guide gives creates a draft that passes.
    assert f'panduan new "{TITLE}" --topik etika-klien --peran pendamping' in GUIDE
    assert main(["--root", str(root), "new", TITLE, "--topik", "etika-klien", "--peran", "pendamping"]) == 0
    assert f"Pedoman baru: {PATH} (status draf)" in capsys.readouterr().out
    assert "pemilik: tim-etika-dan-data" in (root / PATH).read_text()  # the topic's team
    assert _check(editor_repo, capsys)[0] == 0

    # 2. Publishing it with the skeleton's sentences still in: one error per sentence.
    _replace(editor_repo, ("status: draf", "status: berlaku"))
    code, lines = _check(editor_repo, capsys)
    assert code == 1
    _shown("template-placeholder", lines)
    assert sum("[template-placeholder]" in line for line in lines) == 5

    # 3. The content written, version 1.0, but riwayat still ends at 0.1.
    _replace(
        editor_repo,
        ('\nversi: "0.1"\n', '\nversi: "1.0"\n'),
        (
            "ringkasan: Tulis satu kalimat yang langsung dapat dipraktikkan petugas di lapangan.",
            "ringkasan: Sampaikan kabar buruk di tempat yang tenang, dengan kata-kata sederhana, dan tawarkan dukungan.",
        ),
        (
            "teks: Tulis rekomendasi pertama. Gunakan `wajib` hanya bila undang-undang mewajibkannya, dengan dasar_hukum.",
            "teks: Siapkan tempat yang tenang dan waktu yang cukup sebelum menyampaikan kabar buruk.",
        ),
        ("teks: Tulis langkah pertama dan siapa yang melakukannya.", "teks: Tanyakan apa yang sudah diketahui klien."),
        (
            "Jelaskan dengan kalimat pendek mengapa pedoman ini dibutuhkan di lapangan.",
            "Kabar buruk yang disampaikan dengan tergesa-gesa membuat klien kehilangan kepercayaan.",
        ),
        (
            "Tulis contoh fiktif tanpa nama asli, nomor identitas, atau nomor telepon.",
            "Seorang pendamping menyampaikan bahwa bantuan ditunda. (Contoh fiktif.)",
        ),
    )
    code, lines = _check(editor_repo, capsys)
    assert code == 1
    _shown("history-version", lines)

    # 4. The entry the guide shows makes it valid.
    entry = next(block for block in _blocks("yaml") if block.startswith("riwayat:\n"))
    assert '  - versi: "1.0"' in entry
    text = (root / PATH).read_text(encoding="utf-8")
    start = text.index("riwayat:\n")
    end = text.index("---\n", start)
    (root / PATH).write_text(text[:start] + entry + text[end:], encoding="utf-8")
    code, lines = _check(editor_repo, capsys, "--strict")
    assert code == 0, lines
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Pedoman baru: kabar buruk")

    # 5. A later change without a new riwayat entry: --since names it, at the riwayat line.
    _replace(editor_repo, ("waktu yang cukup", "waktu paling sedikit setengah jam"))
    assert _check(editor_repo, capsys)[0] == 0  # the file alone is valid
    code, lines = _check(editor_repo, capsys, "--since", "main")
    assert code == 1
    _shown("history-not-updated", lines)

    # 6. A second entry (as the guide describes) and the new version: clean again.
    _replace(
        editor_repo,
        ('\nversi: "1.0"\n', '\nversi: "1.1"\n'),
        (
            "\n---\n## Mengapa",
            '\n  - versi: "1.1"\n    tanggal: 2027-01-15\n    perubahan: R1 menyebut waktu paling sedikit setengah jam.\n'
            "    alasan: Masukan dari pelatihan pendamping.\n    rekomendasi: [R1]\n---\n## Mengapa",
        ),
    )
    code, lines = _check(editor_repo, capsys, "--since", "main")
    assert code == 0, lines
