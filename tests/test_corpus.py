"""The bad-input corpus: every mistake staff really make gives its own message, at the right file and line.

Each folder of ``tests/corpus/`` is one mistake, laid over a fresh copy of the project:

- ``about.txt``: the mistake, in a sentence;
- ``data/...``: files that replace or join the real data;
- ``delete.txt`` (optional): project files removed first, one path a line (a file moved elsewhere);
- ``expected.txt``: exactly what ``register check`` prints, one problem a line;
  or the single line ``ok`` where the input is accepted;
- ``shown.txt`` (accepted cases): text that the built page must show literally, one a line.

For a refused case the build must fail with the same lines and write nothing; for an accepted
case the build must succeed and show the text as text, with no live script or link.
Refresh the expected files only after reading every changed message:
``REGENERATE_CORPUS=1 .venv/bin/python -m pytest tests/test_corpus.py``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import build, copy_project
from reading_cases import READING_CASES
from register.data.yamlfile import MAX_FILE_BYTES
from register.staff.cli import main
from register.staff.scaffold import ResponseDraft, read_forces, read_inspection, response_path, response_text, write_new

CORPUS = Path(__file__).parent / "corpus"
TERRORIST = "management-of-terrorist-offenders-2023"
NORFOLK = f"data/responses/{TERRORIST}/norfolk.yaml"


def _pasted_document(project: Path) -> None:
    """A whole document pasted into one answer's note: too big to keep in the repository, so it is made here."""
    path = project / NORFOLK
    paragraph = "      I note the joint HMI Probation, HMICFRS and HMIP report on Counter Terrorism published on 20 July 2023.\n\n"
    text = path.read_text("utf-8").rstrip("\n") + "\n    note: >-\n"
    text += paragraph * (MAX_FILE_BYTES // len(paragraph) + 1)
    path.write_text(text, "utf-8")


def _unedited_scaffold(project: Path) -> None:
    """What `register new-response` writes, as written: made by the scaffolder itself, so the case follows it."""
    inspection = read_inspection(project, "data", TERRORIST)
    force = read_forces(project, "data")["kent"]
    relative = response_path("data", TERRORIST, "kent")
    write_new(project, relative, response_text(ResponseDraft(inspection, force), relative))


GENERATED: dict[str, Callable[[Path], None]] = {"huge-file": _pasted_document, "unedited-scaffold": _unedited_scaffold, **READING_CASES}
"""Cases whose broken file is written by code rather than kept as a file."""

CASES = sorted(path.name for path in CORPUS.iterdir() if path.is_dir())


def apply_case(name: str, project: Path) -> None:
    """Lay corpus case ``name`` over the project copy."""
    folder = CORPUS / name
    deletions = folder / "delete.txt"
    if deletions.is_file():
        for relative in deletions.read_text("utf-8").split("\n"):
            if relative.strip():
                (project / relative.strip()).unlink()
    if (folder / "data").is_dir():
        for source in sorted((folder / "data").rglob("*")):
            if source.is_file():
                target = project / source.relative_to(folder)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
    if name in GENERATED:
        GENERATED[name](project)


def expected_lines(name: str) -> list[str]:
    return (CORPUS / name / "expected.txt").read_text("utf-8").splitlines()


def check_output(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], str]:
    capsys.readouterr()
    status = main(["--root", str(project), "check"])
    captured = capsys.readouterr()
    return status, captured.out.splitlines(), captured.err


def test_corpus_is_complete() -> None:
    """Every case says what mistake it is and what the check must say about it."""
    assert len(CASES) >= 30
    for name in CASES:
        folder = CORPUS / name
        assert (folder / "about.txt").read_text("utf-8").strip(), name
        assert expected_lines(name), name
        assert (folder / "data").is_dir() or name in GENERATED, name


@pytest.mark.parametrize("name", CASES)
def test_check_names_each_mistake(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path / "project")
    apply_case(name, project)
    status, lines, summary = check_output(project, capsys)
    if os.environ.get("REGENERATE_CORPUS"):
        (CORPUS / name / "expected.txt").write_text("\n".join(lines if status else ["ok"]) + "\n", "utf-8")
    expected = expected_lines(name)
    if expected == ["ok"]:
        assert status == 0, "\n".join(lines)
        assert lines[0].startswith("ok: "), lines
        return
    assert status == 1
    assert lines == expected
    for line in lines:
        assert " (hint: " in line, f"no hint on how to fix it: {line}"
    assert "will not build until they are fixed" in summary


@pytest.mark.parametrize("name", [name for name in CASES if expected_lines(name) != ["ok"]])
def test_build_refuses_each_mistake_and_writes_nothing(name: str, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    apply_case(name, project)
    result = build(project)
    assert result.returncode != 0
    for line in expected_lines(name):
        assert line in result.output
    assert "Traceback" not in result.output
    assert not result.site.exists()


@pytest.mark.parametrize("name", [name for name in CASES if expected_lines(name) == ["ok"]])
def test_accepted_text_is_shown_literally(name: str, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    apply_case(name, project)
    result = build(project)
    assert result.returncode == 0, result.output
    shown = (CORPUS / name / "shown.txt").read_text("utf-8").splitlines()
    overlays = sorted((CORPUS / name / "data" / "responses").glob("*/*.yaml"))
    pages = [result.site / "responses" / path.parent.name / path.stem / "index.html" for path in overlays]
    assert pages
    for page in pages:
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        text = " ".join(soup.select_one("article").get_text(" ").split())
        for item in shown:
            assert " ".join(item.split()) in text, page
        assert not [s for s in soup.find_all("script") if "alert" in (s.string or "")], page
        assert not [a for a in soup.find_all("a") if "javascript:" in a.get("href", "").lower()], page
        assert not soup.find("img", attrs={"onerror": True}), page
        assert not soup.find("b", string="bold"), page


INERT_IN_A_BROWSER = [name for name in CASES if expected_lines(name) == ["ok"] and name in ("raw-html", "javascript-link", "text-entities-and-markdown-ok", "text-right-to-left-script-in-answer-ok")]
"""The accepted payloads that would act if a page let them: each is opened in a real Chromium."""


@pytest.mark.browser
@pytest.mark.parametrize("name", INERT_IN_A_BROWSER)
def test_accepted_payloads_stay_text_in_a_real_browser(name: str, tmp_path: Path, browser) -> None:
    """No script runs, no dialog opens, no request leaves the site, and the words show as words."""
    from conftest import served

    project = copy_project(tmp_path / "project")
    apply_case(name, project)
    result = build(project)
    assert result.returncode == 0, result.output
    shown = [" ".join(item.split()) for item in (CORPUS / name / "shown.txt").read_text("utf-8").splitlines() if item.strip()]
    overlays = sorted((CORPUS / name / "data" / "responses").glob("*/*.yaml"))
    with served(result.site) as url:
        context = browser.new_context()
        try:
            page = context.new_page()
            dialogs, elsewhere = [], []
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.on("request", lambda request: None if request.url.startswith(url) else elsewhere.append(request.url))
            for path in overlays:
                page.goto(f"{url}responses/{path.parent.name}/{path.stem}/")
                page.wait_for_load_state("networkidle")
                text = " ".join(page.inner_text("article").split())
                for item in shown:
                    assert item in text, (path, item)
                for link in page.locator("article a").all():  # clicking any link in the words runs nothing
                    assert not (link.get_attribute("href") or "").strip().lower().startswith("javascript:")
            assert dialogs == [] and elsewhere == []
        finally:
            context.close()
