"""`panduan pdf --modul`: participant sheets and trainer's versions for a topic and a guideline.

What a trainer hands out must not give the answers away: the participant sheet has the summary,
steps per role, the case, the discussion and the questions; only the trainer's version has the
answers, their explanations and the recommendations that justify them.
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from panduan.build import build_guide
from panduan.modul import module_view
from panduan.pdf import module_command

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
A4 = (595.28, 841.89)


def squeeze(text: str) -> str:
    """Text for containment checks: no whitespace or hyphens (print hyphenates at line ends)."""
    return re.sub(r"[\s\-\u00ad\u2010]", "", text).casefold()


class Module:
    def __init__(self, name: str, out: Path, code: int, stderr: str) -> None:
        self.name, self.out, self.code, self.stderr = name, out, code, stderr
        self.view = module_view(build_guide(REPO), name)

    def reader(self, trainer: bool) -> PdfReader:
        return PdfReader(self.out / f"{self.name}-{'pelatih' if trainer else 'peserta'}.pdf")

    def text(self, trainer: bool) -> str:
        return squeeze(" ".join(page.extract_text() for page in self.reader(trainer).pages))


def _make(tmp_path_factory: pytest.TempPathFactory, name: str) -> Module:
    out = tmp_path_factory.mktemp("modul")
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        code = module_command(root=REPO, name=name, out=out, config=REPO / "mkdocs.yml")
    return Module(name, out, code, stderr.getvalue())


@pytest.fixture(scope="module", params=["etika-klien", "kerahasiaan-klien"], ids=["topik", "pedoman"])
def module(request: Any, tmp_path_factory: pytest.TempPathFactory) -> Module:
    return _make(tmp_path_factory, request.param)


def test_both_handouts_are_written_as_a4(module: Module) -> None:
    assert module.code == 0, module.stderr
    assert "Traceback" not in module.stderr
    assert sorted(p.name for p in module.out.iterdir()) == [f"{module.name}-pelatih.pdf", f"{module.name}-peserta.pdf"]
    for trainer in (False, True):
        for page in module.reader(trainer).pages:
            assert (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)) == A4


def test_participant_sheet_has_summary_steps_case_and_questions(module: Module) -> None:
    text = module.text(trainer=False)
    for ex in module.view.exercises:
        g = ex.guideline
        assert squeeze(g.ringkasan) in text, g.id
        for step in g.langkah:
            assert squeeze(step.teks[:60]) in text, (g.id, step.teks)
        assert ex.case is not None and squeeze(ex.case.source.strip()[:80]) in text, g.id
        for objective in ex.objectives:
            assert squeeze(objective.objective.teks) in text
        for question in ex.discussion:
            assert squeeze(question) in text
        for q in ex.questions:
            assert squeeze(q.question.pertanyaan) in text
            for _, option in q.options:
                assert squeeze(option) in text


def test_answers_appear_only_in_the_trainers_version(module: Module) -> None:
    participant, trainer = module.text(trainer=False), module.text(trainer=True)
    assert "jawaban:" not in participant
    assert "dasar:rekomendasi" not in participant
    for ex in module.view.exercises:
        for q in ex.questions:
            assert squeeze(f"Jawaban: {q.answer}") in trainer
            rec = q.justification
            assert squeeze(f"Dasar: rekomendasi {rec.id}") in trainer
            assert squeeze(rec.teks[:80]) in trainer
            if q.question.penjelasan:
                assert squeeze(q.question.penjelasan) in trainer
                assert squeeze(q.question.penjelasan) not in participant
    assert trainer.count("jawaban:") == sum(len(ex.questions) for ex in module.view.exercises)


def test_every_handout_prints_its_edition_and_date(module: Module) -> None:
    edition = build_guide(REPO).guide.edition
    assert edition is not None
    for trainer in (False, True):
        pages = module.reader(trainer).pages
        assert squeeze(f"Edisi {edition.id} (1 Desember 2026)") in squeeze(pages[0].extract_text())
        assert edition.tanggal.isoformat() == "2026-12-01"
        for page in pages:  # the running footer
            assert squeeze(f"Edisi {edition.id}") in squeeze(page.extract_text())


def test_a_topic_module_lists_its_guidelines_first(tmp_path_factory: pytest.TempPathFactory) -> None:
    module = _make(tmp_path_factory, "catatan-data")
    first = squeeze(module.reader(trainer=False).pages[0].extract_text())
    titles = [ex.guideline.judul for ex in module.view.exercises]
    assert len(titles) >= 2
    positions = [first.index(squeeze(t)) for t in titles]
    assert positions == sorted(positions)
