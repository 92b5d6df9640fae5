"""CLI behaviour that is not about bad inputs: coverage table, schema, usage errors."""

from __future__ import annotations

import json

from panduan.cli import main
from tests.conftest import REPO


def test_law_coverage_table_has_real_figures(project, capsys):
    assert main(["--root", str(project.root), "check", "--law-coverage"]) == 0
    out = capsys.readouterr().out
    # The fixture guideline cites Pasal 42 and 43 (BAB VI, Pasal 41–45): 2 of 5.
    row = next(line for line in out.splitlines() if line.startswith("UU 14/2019  VI "))
    assert "2/5" in row and "40%" in row and "41, 44, 45" in row
    assert any(line.startswith("Total UU 14/2019") and "2/69" in line for line in out.splitlines())
    assert out.splitlines()[-1].startswith("Total") and "2/69" in out


def test_schema_is_valid_json_with_indonesian_fields(tmp_path):
    out = tmp_path / "schema.json"
    assert main(["--root", str(REPO), "schema", "--out", str(out)]) == 0
    schema = json.loads(out.read_text())
    assert {"id", "judul", "rekomendasi", "langkah", "tinjau_ulang"} <= set(schema["properties"])
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) >= {"id", "judul", "ringkasan", "topik", "peran", "status"}


def test_outside_a_project_is_a_usage_error(tmp_path, capsys):
    assert main(["--root", str(tmp_path), "check"]) == 2
    assert "guidelines/" in capsys.readouterr().err


def test_real_guide_has_no_problems(capsys):
    assert main(["--root", str(REPO), "check", "--strict"]) == 0
