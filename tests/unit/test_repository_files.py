"""The files around the code that editors and CI rely on: workflows (valid, and calling the same
commands the README documents), issue forms (valid, with the fields the site prefills), the PR
checklist, the pre-commit hook, and the editor autocompletion settings."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from panduan.cli import _parser
from panduan.forge import FIELD_PAGE, FIELD_SOURCE, ISSUE_FORMS
from panduan.scaffold import MODELINE, SCHEMA_FILE
from panduan.schema import json_schema
from tests.conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
README = (REPO / "README.md").read_text(encoding="utf-8")


def _load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


def _run_lines() -> list[tuple[str, str]]:
    """(workflow, command line) for every `run:` line of every workflow, and of .ci/run."""
    lines = []
    for path in WORKFLOWS:
        for job in _load(path)["jobs"].values():
            for step in job.get("steps", []):
                for line in str(step.get("run", "")).splitlines():
                    lines.append((path.name, line.strip()))
    for line in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines():
        if not line.lstrip().startswith("#"):
            lines.append((".ci/run", line.strip()))
    return lines


_INVOCATION = re.compile(r"(?:^|[\s;&|(=\"])(?:[\w.-]*/)*(make|panduan)\s+([a-z][a-z-]*)([^;&|)]*)")


def _commands(tool: str) -> list[tuple[str, list[str]]]:
    """(workflow, [subcommand or target, --options...]) for every call of `make` or `panduan`."""
    found = []
    for where, line in _run_lines():
        for match in _INVOCATION.finditer(line):
            if match.group(1) == tool:
                options = re.findall(r"(?<!\S)(--[a-z-]+)", match.group(3))
                found.append((where, [match.group(2), *options]))
    return found


# ---------------------------------------------------------------------------------------------
# Workflows


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_is_valid(path):
    data = _load(path)
    assert data.get("name")
    assert True in data or "on" in data  # YAML 1.1 reads the key `on` as true
    assert data["jobs"]
    for job_id, job in data["jobs"].items():
        assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", job_id)
        assert job.get("runs-on") and job.get("steps"), job_id
        for need in [job["needs"]] if isinstance(job.get("needs"), str) else job.get("needs", []):
            assert need in data["jobs"], (job_id, need)
        for step in job["steps"]:
            assert ("uses" in step) != ("run" in step), step
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w./-]+@v\d+", step["uses"]), step["uses"]


def test_workflows_call_the_commands_the_readme_documents():
    make_targets = set(re.findall(r"^([a-z-]+):", (REPO / "Makefile").read_text(encoding="utf-8"), re.MULTILINE))
    for where, argv in _commands("make"):
        target = argv[0]
        assert target in make_targets, (where, target)
        assert f"make {target}" in README, f"{where} runs `make {target}`, which the README does not document"
    subcommands = set(_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    documented = set(re.findall(r"^\| `panduan ([a-z]+)", README, re.MULTILINE))
    for where, argv in _commands("panduan"):
        assert argv[0] in subcommands and argv[0] in documented, (where, argv)
        for option in (a.split("=")[0] for a in argv[1:] if a.startswith("--")):
            assert option in README, f"{where}: `panduan {argv[0]} {option}` is not in the README"
    used = {(w, a[0]) for w, a in _commands("make")} | {(w, a[0]) for w, a in _commands("panduan")}
    assert ("terbitkan.yml", "build") in used  # the published site, PDFs and zip come from `make build`
    assert (".ci/run", "test") in used  # CI runs `make test` (periksa.yml runs .ci/run)
    assert ("periksa.yml", "check") in used and ("terbitkan.yml", "edisi") in used
    since = [a for w, a in _commands("panduan") if w == "periksa.yml" and "--since" in a]
    assert since, "the pull-request workflow compares with the target branch"
    periksa = _load(REPO / ".github/workflows/periksa.yml")
    checkout = next(s for s in periksa["jobs"]["sumber"]["steps"] if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0  # --since needs the base branch's history


def test_publish_workflow_deploys_pages_and_releases_the_edition():
    data = _load(REPO / ".github/workflows/terbitkan.yml")
    on = data.get(True, data.get("on"))
    assert on["push"]["branches"] == ["main"]
    uses = [s.get("uses", "") for job in data["jobs"].values() for s in job["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    release = "\n".join(s.get("run", "") for s in data["jobs"]["rilis"]["steps"])
    assert 'tag="edisi-${EDISI}"' in release and '--title "Panduan Praktik edisi ${EDISI}"' in release
    upload = next(
        s for s in data["jobs"]["bangun"]["steps"] if s.get("uses", "").startswith("actions/upload-artifact@")
    )
    assert "dist/*.pdf" in upload["with"]["path"] and "dist/panduan-offline.zip" in upload["with"]["path"]


# ---------------------------------------------------------------------------------------------
# Issue forms and the PR checklist

FORM_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}


@pytest.mark.parametrize("name", [form for form, _, _ in ISSUE_FORMS])
def test_issue_form_is_valid_and_takes_the_prefilled_fields(name):
    path = REPO / ".github" / "ISSUE_TEMPLATE" / name
    form = _load(path)
    assert isinstance(form["name"], str) and isinstance(form["description"], str) and form["body"]
    assert set(form) <= {"name", "description", "title", "labels", "assignees", "projects", "type", "body"}
    ids = []
    for element in form["body"]:
        assert element["type"] in FORM_TYPES, element
        attributes = element["attributes"]
        if element["type"] == "markdown":
            assert attributes["value"].strip()
            continue
        assert attributes["label"].strip()
        if "id" in element:
            assert re.fullmatch(r"[A-Za-z0-9_-]+", element["id"])
            ids.append(element["id"])
        if element["type"] in ("dropdown", "checkboxes"):
            assert attributes["options"]
        assert set(element.get("validations", {})) <= {"required"}
    assert len(ids) == len(set(ids))
    assert FIELD_PAGE in ids and FIELD_SOURCE in ids  # the site's links fill these


def test_pull_request_template_has_the_checklist():
    text = (REPO / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] (.+)$", text, re.MULTILINE)
    joined = " ".join(items)
    for words in ("naskah asli", "data pribadi", "Bahasa sederhana", "`riwayat` diperbarui"):
        assert words in joined, words


# ---------------------------------------------------------------------------------------------
# Pre-commit and autocompletion


def test_pre_commit_hook_runs_panduan_check_on_changed_sources():
    config = _load(REPO / ".pre-commit-config.yaml")
    (repo,) = config["repos"]
    (hook,) = repo["hooks"]
    assert repo["repo"] == "local"
    assert (
        shlex.split(hook["entry"])[1:3] == ["check", "--since"]
        and Path(shlex.split(hook["entry"])[0]).name == "panduan"
    )
    assert hook["pass_filenames"] is False  # the check is over the whole guide
    files = re.compile(hook["files"])
    for path in ("guidelines/etika-klien/x.md", "glossary/str.yaml", "law/uu-2019-14.yaml", "registry/peran.yaml"):
        assert files.search(path), path
    for path in ("generator/panduan/cli.py", "docs/kontribusi/index.md", "README.md"):
        assert not files.search(path), path


@pytest.mark.skipif(shutil.which("pre-commit") is None, reason="pre-commit is not installed")
def test_pre_commit_accepts_the_config():
    subprocess.run(["pre-commit", "validate-config", str(REPO / ".pre-commit-config.yaml")], check=True)


def test_committed_schema_is_current():
    committed = json.loads((REPO / SCHEMA_FILE).read_text(encoding="utf-8"))
    assert committed == json.loads(json.dumps(json_schema())), "run `panduan schema --out schema/pedoman.schema.json`"
    assert {"riwayat", "rekomendasi_dicabut", "pemilik"} <= set(committed["properties"])


def test_editor_settings_map_the_schema_to_guideline_front_matter():
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"][f"./{SCHEMA_FILE}"] == ["guidelines/**/*.md"]
    # The modeline in `panduan new` files resolves from guidelines/<topik>/ to the same file.
    target = MODELINE.split("$schema=", 1)[1]
    assert (REPO / "guidelines" / "etika-klien" / target).resolve() == (REPO / SCHEMA_FILE).resolve()
