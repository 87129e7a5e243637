"""What staff get while editing: schema help in the editor, and the checks that run before commit and on pull requests."""

from __future__ import annotations

import fnmatch
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, copy_project
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from register.data.yamlfile import read_yaml
from register.staff.scaffold import SCHEMA_FILES, modeline

SCHEMA_DIR = ROOT / "hooks" / "register" / "schema"
REGISTER_SCHEMA = json.loads((SCHEMA_DIR / "register.schema.json").read_text("utf-8"))


def data_files() -> list[tuple[str, str]]:
    """(path relative to the root, schema kind) for every data file."""
    files = [("data/forces.yaml", "forcesFile")]
    files += [(path.relative_to(ROOT).as_posix(), "inspectionFile") for path in sorted((ROOT / "data/inspections").glob("*.yaml"))]
    files += [(path.relative_to(ROOT).as_posix(), "responseFile") for path in sorted((ROOT / "data/responses").glob("*/*.yaml"))]
    files += [(path.relative_to(ROOT).as_posix(), "coverageFile") for path in sorted((ROOT / "data/coverage").glob("*.yaml"))]
    return files


def fields(node: object, where: str = "") -> list[tuple[str, dict]]:
    """Every property declared anywhere in the schema, with where it is; the condition of an
    ``if`` names a field declared elsewhere, so it is not a field of its own."""
    found = []
    if isinstance(node, dict):
        for name, sub in (node.get("properties") or {}).items():
            found.append((f"{where}.{name}", sub))
        for key, value in node.items():
            if key != "if":
                found += fields(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += fields(value, f"{where}[{index}]")
    return found


# The schema as editors show it ---------------------------------------------------------------


@pytest.mark.parametrize(("where", "field"), fields(REGISTER_SCHEMA), ids=[where for where, _ in fields(REGISTER_SCHEMA)])
def test_every_field_has_a_title_description_and_example(where: str, field: dict) -> None:
    for keyword in ("title", "description", "examples"):
        assert field.get(keyword), f"{where} has no {keyword}: editors show it on hover"


def test_every_example_is_valid_for_its_field() -> None:
    for where, field in fields(REGISTER_SCHEMA):
        schema = {**{key: value for key, value in field.items() if key != "examples"}, "$defs": REGISTER_SCHEMA["$defs"]}
        validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
        for example in field.get("examples", []):
            assert not list(validator.iter_errors(example)), f"{where}: example {example!r} is not valid"


@pytest.mark.parametrize(("kind", "name"), SCHEMA_FILES.items())
def test_each_file_kind_has_a_schema_that_points_into_the_one_schema(kind: str, name: str) -> None:
    wrapper = json.loads((SCHEMA_DIR / name).read_text("utf-8"))
    assert wrapper["$ref"] == f"register.schema.json#/$defs/{kind}"
    assert set(wrapper) <= {"$schema", "title", "description", "$ref"}, "the one schema holds every rule"
    assert wrapper["title"] and wrapper["description"]


def _editor_validator(schema_file: Path) -> Draft202012Validator:
    """Validate as an editor does: load the file named by the modeline, follow $ref to files beside it."""

    def retrieve(uri: str) -> Resource:
        return Resource.from_contents(json.loads(Path(uri.removeprefix("file://")).read_text("utf-8")))

    registry = Registry(retrieve=retrieve)  # type: ignore[call-arg]
    schema = {**json.loads(schema_file.read_text("utf-8")), "$id": schema_file.resolve().as_uri()}
    return Draft202012Validator(schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.parametrize(("relative", "kind"), data_files())
def test_every_data_file_names_its_schema_for_editors(relative: str, kind: str) -> None:
    text = (ROOT / relative).read_text("utf-8")
    first = text.splitlines()[0]
    assert first == modeline(relative, kind)
    schema_file = (ROOT / relative).parent / first.split("$schema=", 1)[1]
    assert schema_file.resolve() == (SCHEMA_DIR / SCHEMA_FILES[kind]).resolve()

    document, problems = read_yaml(ROOT / relative, relative)
    assert document is not None and not problems
    assert not [error.message for error in _editor_validator(schema_file).iter_errors(document.data)]


def test_the_editor_schema_flags_a_wrong_label_and_an_unknown_field(tmp_path: Path) -> None:
    relative = "data/responses/management-of-terrorist-offenders-2023/norfolk.yaml"
    broken = tmp_path / "norfolk.yaml"
    text = (ROOT / relative).read_text("utf-8").replace("position: awaiting national lead", "position: agreed", 1)
    broken.write_text(text.replace("  kind: response form\n", "  kind: response form\n  colour: blue\n"), "utf-8")
    document, _ = read_yaml(broken, "norfolk.yaml")
    errors = list(_editor_validator(SCHEMA_DIR / "response.schema.json").iter_errors(document.data))
    messages = " ".join(error.message for error in errors)
    assert "'agreed' is not one of" in messages
    assert "'colour' was unexpected" in messages


def test_vscode_maps_each_kind_of_file_to_its_schema_and_recommends_the_yaml_extension() -> None:
    settings = json.loads((ROOT / ".vscode/settings.json").read_text("utf-8"))
    mapping = settings["yaml.schemas"]
    for relative, kind in data_files():
        matched = [schema for schema, glob in mapping.items() if fnmatch.fnmatch(relative, glob)]
        assert [Path(schema).name for schema in matched] == [SCHEMA_FILES[kind]], relative
    for schema in mapping:
        assert (ROOT / schema).is_file(), schema
    assert settings["[yaml]"]["editor.insertSpaces"] is True
    assert settings["files.encoding"] == "utf8"
    # the check reads YAML 1.1, as PyYAML does (`Yes` is a boolean): the editor is told to read it the same way
    assert settings["yaml.yamlVersion"] == "1.1"
    extensions = json.loads((ROOT / ".vscode/extensions.json").read_text("utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


# Checks before commit and on pull requests ------------------------------------------------------


def test_pre_commit_runs_the_register_check_and_leaves_transcripts_and_the_corpus_alone() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    hooks = {hook["id"]: (repo, hook) for repo in config["repos"] for hook in repo["hooks"]}
    for hook_id in ("check-yaml", "trailing-whitespace", "end-of-file-fixer", "mixed-line-ending", "register-check"):
        assert hook_id in hooks, hook_id
    assert re.fullmatch(r"v\d+\.\d+\.\d+", hooks["check-yaml"][0]["rev"])
    repo, check = hooks["register-check"]
    assert repo["repo"] == "local"
    assert "exec .venv/bin/register check" in check["entry"]  # the check's own exit status, not make's
    assert check["pass_filenames"] is False  # the check always reads the whole register
    assert re.search(check["files"], "data/responses/management-of-terrorist-offenders-2023/norfolk.yaml")

    excluded = re.compile(config["exclude"])
    for transcript in (ROOT / "data/transcripts").rglob("*.txt"):
        assert excluded.search(transcript.relative_to(ROOT).as_posix()), "transcripts are byte-exact copies"
    for broken in (ROOT / "tests/corpus").rglob("*"):
        assert excluded.search(broken.relative_to(ROOT).as_posix())
    for relative, _ in data_files():
        assert not excluded.search(relative)


def test_pre_commit_hook_exits_1_on_bad_data_as_the_contributing_page_says(tmp_path: Path) -> None:
    """The hook's command, run as pre-commit runs it, in a copy whose environment is already set up."""
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    entry = next(hook["entry"] for repo in config["repos"] for hook in repo["hooks"] if hook["id"] == "register-check")
    project = copy_project(tmp_path / "project")
    for name in ("Makefile", "requirements.txt", "pyproject.toml"):
        shutil.copy2(ROOT / name, project / name)  # keeping their times, so make sees .venv as up to date
    (project / ".venv").symlink_to(ROOT / ".venv")
    if not (ROOT / ".venv" / ".installed").is_file() or any(
        (ROOT / name).stat().st_mtime > (ROOT / ".venv" / ".installed").stat().st_mtime for name in ("requirements.txt", "pyproject.toml")
    ):
        pytest.skip("the environment is not set up by make here")
    guide = (ROOT / "content" / "contributing.md").read_text("utf-8")
    assert "1 when it found problems, and 2 when it could not run at all" in guide  # what the guide promises
    ok = subprocess.run(["sh", "-c", entry], cwd=project, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    norfolk = project / "data/responses/management-of-terrorist-offenders-2023/norfolk.yaml"
    norfolk.write_text(norfolk.read_text("utf-8").replace("record: transcribed", "record: transcribd", 1), "utf-8")
    bad = subprocess.run(["sh", "-c", entry], cwd=project, capture_output=True, text=True)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "norfolk.yaml" in bad.stdout and "record" in bad.stdout


def _workflow() -> dict:
    workflow = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text("utf-8"))
    workflow["on"] = workflow.pop(True)  # YAML 1.1 reads the key `on` as true
    return workflow


def test_workflow_checks_builds_and_tests_every_pull_request() -> None:
    workflow = _workflow()
    assert "pull_request" in workflow["on"]
    assert workflow["on"]["push"]["branches"] == ["main"]
    check = workflow["jobs"]["check"]
    assert "if" not in check
    assert "3.11" in check["container"]
    runs = [step.get("run", "") for step in check["steps"]]
    assert any("apt-get install" in run and "chromium chromium-driver" in run for run in runs)
    assert any(run.startswith(".venv/bin/register check") for run in runs)
    assert "make build" in runs and "make test" in runs
    for command in ("make build", "make test", "register check"):
        assert command in (ROOT / "README.md").read_text("utf-8"), f"{command} is not the README's command"


def test_workflow_publishes_main_to_github_pages_after_the_checks() -> None:
    deploy = _workflow()["jobs"]["deploy"]
    assert deploy["needs"] == "check"
    assert deploy["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert deploy["permissions"]["pages"] == "write" and deploy["permissions"]["id-token"] == "write"
    uses = [step.get("uses", "") for step in deploy["steps"]]
    assert any(use.startswith("actions/upload-pages-artifact@") for use in uses)
    assert uses[-1].startswith("actions/deploy-pages@")
    assert {"with": {"python-version": "3.11"}, "uses": "actions/setup-python@v5"} in deploy["steps"]
    assert any(step.get("run") == "make build" for step in deploy["steps"])


def test_workflow_uses_only_official_actions_at_fixed_versions() -> None:
    allowed = {"checkout", "setup-python", "cache", "configure-pages", "upload-pages-artifact", "deploy-pages"}
    for job in _workflow()["jobs"].values():
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(rf"actions/({'|'.join(allowed)})@v\d+", step["uses"]), step["uses"]
