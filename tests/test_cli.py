"""The staff command line: `register check`, `due`, `new-response` and `new-inspection`, as staff run them
(`register coverage` has its own file, tests/test_coverage_cli.py)."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, build
from register.data.load import load_register
from register.staff import cli
from register.staff.cli import COMMANDS, main

TERRORIST = "management-of-terrorist-offenders-2023"
PREVENT = "counter-terrorism-prevent-2020"
NORFOLK = f"data/responses/{TERRORIST}/norfolk.yaml"
CUMBRIA_2023 = f"data/responses/{TERRORIST}/cumbria.yaml"
PREVENT_FILE = f"data/inspections/{PREVENT}.yaml"
OK = re.compile(r"^ok: the register has no problems \(\d+ forces, \d+ inspections, \d+ responses\)$")
PROBLEM_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<field>[^:]+): (?P<message>.+) \(hint: .+\)$")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def edit(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text("utf-8")
    assert old in text, (relative, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


# check ------------------------------------------------------------------------------------------


def test_check_passes_the_real_data(project: Path, capsys) -> None:
    status, out, err = run(capsys, "--root", str(project), "check")
    assert status == 0, out + err
    assert OK.match(out.strip()), out


def test_root_may_follow_the_command_name(project: Path, capsys) -> None:
    status, out, _ = run(capsys, "check", "--root", str(project))
    assert status == 0
    assert OK.match(out.strip())


def test_check_finds_the_project_from_a_subfolder(project: Path, capsys, monkeypatch) -> None:
    edit(project, NORFOLK, "recommendations: [19, 20, 21]", "recommendations: [19, 22, 21]")
    monkeypatch.chdir(project / "data" / "responses" / TERRORIST)
    status, out, err = run(capsys, "check")
    assert status == 1
    problems = out.splitlines()
    assert len(problems) == 1
    found = PROBLEM_LINE.match(problems[0])
    assert found, problems[0]
    assert found["path"] == NORFOLK  # relative to the project root, wherever it is run from
    assert found["field"] == "answers[1].recommendations[2]"
    assert "1 problem in 1 file; the site will not build until they are fixed" in err


def test_check_lists_every_problem_with_file_line_field_and_hint(project: Path, capsys) -> None:
    edit(project, NORFOLK, "force: norfolk", "force: narfolk")
    edit(project, CUMBRIA_2023, "body: cumbria-pfcc", "body: cumbria-pcc")
    edit(project, PREVENT_FILE, "published: 2020-03-09", "published: 2020-02-30")
    status, out, _ = run(capsys, "--root", str(project), "check")
    assert status == 1
    lines = out.splitlines()
    assert all(PROBLEM_LINE.match(line) for line in lines), lines
    assert {PROBLEM_LINE.match(line)["path"] for line in lines} == {NORFOLK, CUMBRIA_2023, PREVENT_FILE}
    assert any("unknown force 'narfolk'; the file is named norfolk.yaml (hint: did you mean 'norfolk'?" in line for line in lines)
    assert any("write body: cumbria-pfcc" in line for line in lines)
    assert any("February 2020 has 29 days" in line for line in lines)


def test_check_with_paths_reports_only_those_files(project: Path, capsys, monkeypatch) -> None:
    edit(project, NORFOLK, "force: norfolk", "force: narfolk")
    edit(project, CUMBRIA_2023, "body: cumbria-pfcc", "body: cumbria-pcc")
    monkeypatch.chdir(project)
    status, out, err = run(capsys, "check", NORFOLK)
    assert status == 1
    in_norfolk = out.splitlines()
    assert len(in_norfolk) == 1  # the unknown force, which names the file it no longer matches: one mistake, one message
    assert all(line.startswith(NORFOLK + ":") for line in in_norfolk)
    assert "(1 problem in other files: run `register check` to see them)" in err

    status, out, _ = run(capsys, "check", f"data/responses/{PREVENT}")
    assert status == 0
    assert out == f"ok: no problems in data/responses/{PREVENT}; 2 problems in other files (run `register check` to see them)\n"

    status, out, _ = run(capsys, "check", f"data/responses/{TERRORIST}/")
    assert status == 1
    assert len(out.splitlines()) == 2


def test_check_names_a_path_that_does_not_exist(project: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(project)
    status, out, _ = run(capsys, "check", "data/responses/no-such-file.yaml")
    assert status == 1
    assert out.splitlines() == ["data/responses/no-such-file.yaml:1:1: (file): no such file or folder (hint: check the path)"]


def test_check_refuses_a_path_outside_the_register(project: Path, tmp_path: Path, capsys) -> None:
    status, _, err = run(capsys, "--root", str(project), "check", str(tmp_path))
    assert status == 2
    assert "is outside the register" in err


def test_check_can_annotate_a_pull_request(project: Path, capsys) -> None:
    edit(project, NORFOLK, "recommendations: [19, 20, 21]", "recommendations: [19, 22, 21]")
    status, out, _ = run(capsys, "--root", str(project), "check", "--format", "github")
    assert status == 1
    plain, annotation = out.splitlines()
    assert PROBLEM_LINE.match(plain)
    assert re.match(
        rf"^::error file={re.escape(NORFOLK)},line=\d+,col=27,title=answers\[1\]\.recommendations\[2\]::"
        rf"inspection '{TERRORIST}' has no recommendation 22 \(hint: ",
        annotation,
    ), annotation


def test_outside_a_project_the_command_says_where_to_run_it(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    status, out, err = run(capsys, "check")
    assert status == 2
    assert "is not inside a copy of the register" in err and "hint: run the command inside your clone" in err
    assert out == ""


def test_installed_command_runs_from_a_shell(project: Path) -> None:
    """The `register` entry point that `make` installs into the virtual environment."""
    command = Path(sys.executable).parent / "register"
    assert command.is_file(), "the register command is not installed: run `make test`, which installs it"
    completed = subprocess.run([str(command), "check"], cwd=project / "data", capture_output=True, text=True)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert OK.match(completed.stdout.strip())

    edit(project, NORFOLK, "published: not stated", "published: 20/09/2023")
    completed = subprocess.run([str(command), "check"], cwd=project, capture_output=True, text=True)
    assert completed.returncode == 1
    line = (project / NORFOLK).read_text("utf-8").splitlines().index("published: 20/09/2023") + 1
    assert completed.stdout.startswith(f"{NORFOLK}:{line}:12: published: expected a real date written YYYY-MM-DD")
    assert "(hint: dates are written YYYY-MM-DD: write 2023-09-20)" in completed.stdout


def test_help_lists_every_command(capsys) -> None:
    status, out, _ = run(capsys, "--help")
    assert status == 0
    for command in COMMANDS:
        assert command.name in out


# due --------------------------------------------------------------------------------------------


def due_groups(output: str) -> dict[str, dict[str, str]]:
    """``register due`` output as {inspection id: {force id: status}}."""
    groups: dict[str, dict[str, str]] = {}
    inspection = status = ""
    for line in output.splitlines():
        if found := re.match(r"^([a-z0-9-]+): ", line):
            inspection = found[1]
            groups[inspection] = {}
        elif found := re.match(r"^  ([a-z ]+) \(\d+\):$", line):
            status = found[1]
        elif found := re.match(r"^    ([a-z0-9-]+): ", line):
            groups[inspection][found[1]] = status
    return groups


def test_due_lists_inspections_newest_first_with_their_due_dates(project: Path, capsys, monkeypatch) -> None:
    monkeypatch.delenv("REGISTER_AS_OF", raising=False)
    status, out, _ = run(capsys, "--root", str(project), "due", "--full", "--as-of", "site")
    assert status == 0
    assert out.startswith("Judged as of 2026-12-01")
    assert "The site is judged on the same day (extra.register.as_of in mkdocs.yml)." in out.splitlines()[0]
    assert out.index(TERRORIST) < out.index(PREVENT)
    assert "published 2023-07-20; responses due by 2023-09-13" in out
    assert "published 2020-03-09; responses due by 2020-05-03" in out
    groups = due_groups(out)
    assert groups[TERRORIST]["norfolk"] == "date unknown"
    assert groups[TERRORIST]["kent"] == "no response held"
    assert "cumbria: Cumbria Police, Fire and Crime Commissioner (no date on the document; published: not stated)" in out
    assert groups[PREVENT]["cambridgeshire"] == "dated after due date"
    assert (
        "cambridgeshire: Cambridgeshire Police and Crime Commissioner (document dated 2020-05-26, dated after due date (23 days); "
        "published: not stated; the register's section 55 reading: unclear)"
    ) in out
    assert "published 2020-05-26" not in out  # a document's date is never given as a publication date


def test_due_as_of_an_earlier_date_shows_who_is_not_yet_due(project: Path, capsys) -> None:
    status, out, _ = run(capsys, "--root", str(project), "due", "--full", "--as-of", "2023-08-01", TERRORIST)
    assert status == 0
    groups = due_groups(out)
    assert list(groups) == [TERRORIST]
    assert groups[TERRORIST]["kent"] == "not yet due"
    # every body is not yet due but those whose record bears no date at all; a date after the as-of date
    # (a letter written later) has not happened yet as of then, so that body is not yet due either
    as_of = date(2023, 8, 1)
    held = {response.force_id: response for response in load_register(project).responses if response.inspection_id == TERRORIST}
    undated = {force for force, response in held.items() if response.published is None and response.document.date is None}
    written_later = {force for force, response in held.items() if (response.published or response.document.date or as_of) > as_of}
    assert written_later  # the real data holds one (West Mercia's letter of 2023-09-04)
    by_status = {status: {force for force, s in groups[TERRORIST].items() if s == status} for status in set(groups[TERRORIST].values())}
    assert by_status == {"not yet due": set(groups[TERRORIST]) - undated, "date unknown": undated}
    assert by_status["not yet due"] >= written_later
    assert f"  not yet due ({len(by_status['not yet due'])}):" in out.splitlines()


def test_due_shows_how_late_a_dated_response_was(project: Path, capsys) -> None:
    edit(project, NORFOLK, "published: not stated", "published: 2023-09-20")
    status, out, _ = run(capsys, "--root", str(project), "due", "--full", "--as-of", "2024-01-01", TERRORIST)
    assert status == 0
    assert "  late (1):\n    norfolk: Norfolk Police and Crime Commissioner (published 2023-09-20, late (7 days))" in out


def test_due_names_a_document_date_as_such(project: Path, capsys) -> None:
    edit(project, NORFOLK, "  date: not stated", "  date: 2023-09-04")
    status, out, _ = run(capsys, "--root", str(project), "due", "--full", TERRORIST)
    assert status == 0
    groups = due_groups(out)[TERRORIST]
    assert groups["norfolk"] == "dated in period"
    lines = out.splitlines()
    assert "    norfolk: Norfolk Police and Crime Commissioner (document dated 2023-09-04, dated in period; published: not stated)" in lines
    assert f"  dated in period ({list(groups.values()).count('dated in period')}):" in lines


def test_due_lists_a_document_that_is_not_the_response_among_those_to_chase(project: Path, capsys) -> None:
    edit(project, NORFOLK, "  reading: the body's response", "  reading: not the body's response")
    status, out, _ = run(capsys, "--root", str(project), "due", "--full", TERRORIST)
    assert status == 0
    assert due_groups(out)[TERRORIST]["norfolk"] == "no response held"
    # described as such, then by its coverage state: the body's own response is still to be found
    looked = load_register(project).looks(TERRORIST, "norfolk")
    assert looked  # the real data looked at Norfolk's page
    where = ", ".join(f"{look.where} on {look.checked.isoformat()}" for look in looked)
    assert (
        "    norfolk: Norfolk Police and Crime Commissioner (the register holds a response form that it does not count "
        f"as the body's response; not found at {where})"
    ) in out.splitlines()

    shutil.rmtree(project / "data" / "coverage")
    _, out, _ = run(capsys, "--root", str(project), "due", "--full", TERRORIST)
    assert (
        "    norfolk: Norfolk Police and Crime Commissioner (the register holds a response form that it does not count "
        "as the body's response; not yet looked for)"
    ) in out.splitlines()


def test_due_says_where_a_missing_response_was_looked_for_or_that_it_was_not(project: Path, capsys) -> None:
    """`register due` describes a body with no response identified by its coverage state, as `register coverage` does."""
    shutil.rmtree(project / "data" / "coverage", ignore_errors=True)
    held = [response for response in load_register(project).responses if response.inspection_id == TERRORIST and response.section_55.counts]
    transcribed = sum(response.transcribed for response in held)
    located = len(held) - transcribed
    assert transcribed and located  # the real data holds both
    status, out, _ = run(capsys, "--root", str(project), "due", "--full", TERRORIST)
    assert status == 0
    bodies = len(due_groups(out)[TERRORIST])
    assert "    kent: Kent Police and Crime Commissioner (not yet looked for)" in out
    not_found, not_looked = 0, bodies - len(held)
    assert f"  coverage: transcribed {transcribed}, located {located}, not found {not_found}, not yet looked for {not_looked}" in out.splitlines()

    (project / "data" / "coverage").mkdir()
    (project / "data" / "coverage" / f"{TERRORIST}.yaml").write_text(
        f"inspection: {TERRORIST}\n"
        "looked:\n"
        "  - where: the body's page of inspection responses\n"
        "    url: https://www.example.org/kent-pcc/inspection-responses/\n"
        "    checked: 2026-11-02\n"
        "    for: [kent]\n"
        "    found: []\n",
        "utf-8",
    )
    status, out, _ = run(capsys, "--root", str(project), "due", "--full", TERRORIST)
    assert status == 0
    assert due_groups(out)[TERRORIST]["kent"] == "no response held"
    assert "    kent: Kent Police and Crime Commissioner (not found at the body's page of inspection responses on 2026-11-02)" in out
    assert "    essex: Essex Police, Fire and Crime Commissioner (not yet looked for)" in out
    not_found, not_looked = 1, bodies - len(held) - 1
    assert f"  coverage: transcribed {transcribed}, located {located}, not found {not_found}, not yet looked for {not_looked}" in out.splitlines()


def test_due_reads_the_same_override_as_the_build(project: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("REGISTER_AS_OF", "2027-01-15")  # later than mkdocs.yml's as-of, and than every date in the data
    _, out, _ = run(capsys, "--root", str(project), "due", "--full", "--as-of", "site")
    assert out.startswith("Judged as of 2027-01-15. The site is judged on the same day (REGISTER_AS_OF).")
    _, out, _ = run(capsys, "--root", str(project), "due")  # staff chase today; the first line says loudly that the site differs
    today = date.today().isoformat()
    assert out.startswith(f"Judged as of {today} (today). NOTE: the site is judged as of 2027-01-15 (REGISTER_AS_OF), so it may show other statuses")
    _, out, _ = run(capsys, "--root", str(project), "due", "--full", "--as-of", "2020-04-01")
    assert out.startswith("Judged as of 2020-04-01. NOTE: the site is judged as of 2027-01-15")
    # and it reads the data as the build would as of then: an earlier override refuses the looks made later
    monkeypatch.setenv("REGISTER_AS_OF", "2023-08-01")
    status, out, err = run(capsys, "--root", str(project), "due", "--full")
    assert status == 1
    later = "checked: 2026-12-01 is after the register's as-of date (2023-08-01)"
    assert any(PROBLEM_LINE.match(line) and later in line for line in out.splitlines()), out
    assert "fix them first" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["due", "--as-of", "01/08/2023"], "--as-of: expected a date written YYYY-MM-DD or 'today', got '01/08/2023'"),
        (["due", "--as-of", "2023-02-30"], "--as-of: '2023-02-30' is not a real date"),
        (["due", "no-such-report"], "no inspection 'no-such-report' (hint: inspection ids are: "),
    ],
)
def test_due_refuses_what_it_cannot_use(project: Path, capsys, argv: list[str], message: str) -> None:
    status, _, err = run(capsys, "--root", str(project), *argv)
    assert status == 2
    assert message in err


def test_due_accepts_today(project: Path, capsys) -> None:
    status, out, _ = run(capsys, "--root", str(project), "due", "--full", "--as-of", "today")
    assert status == 0
    assert out.startswith(f"Judged as of {date.today().isoformat()} (today).")


def test_due_agrees_with_the_site(real_site: Path, capsys) -> None:
    _, out, _ = run(capsys, "--root", str(ROOT), "due", "--full", "--as-of", "2026-12-01")
    groups = due_groups(out)
    register = load_register(ROOT)
    for inspection in register.inspections:
        soup = BeautifulSoup((real_site / "inspections" / inspection.id / "index.html").read_text("utf-8"), "html.parser")
        on_site = {}
        for row in soup.select("ul.register-held li[data-timeliness], tr[data-timeliness]"):  # the responses held, then every other body
            force_link = row.find("a", href=re.compile(r"forces/[a-z0-9-]+/"))
            force_id = re.search(r"forces/([a-z0-9-]+)/", force_link["href"])[1]
            on_site[force_id] = row["data-timeliness"]
        assert len(on_site) == 43
        assert groups[inspection.id] == on_site  # every body, each under the status the site gives it


# new-response -----------------------------------------------------------------------------------


def problem_fields(output: str) -> list[tuple[str, str]]:
    """(field, message) of each problem line in ``output``."""
    return [(found["field"], found["message"]) for line in output.splitlines() if (found := PROBLEM_LINE.match(line))]


PLACEHOLDER = '"not stated" is a placeholder, not the document\'s words'
WHY_PLACEHOLDER = '"not stated" is a placeholder: say why the register reads this document as "the body\'s response"'


def test_new_response_writes_a_file_the_check_refuses_until_it_is_filled_in(project: Path, capsys) -> None:
    status, out, err = run(capsys, "--root", str(project), "new-response", PREVENT, "norfolk")
    assert status == 0, err
    relative = f"data/responses/{PREVENT}/norfolk.yaml"
    assert out.startswith(f"wrote {relative}: Norfolk Police and Crime Commissioner's response, with all 8 recommendations to answer\n")
    text = (project / relative).read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../hooks/register/schema/response.schema.json\n")
    assert (project / relative).parent.joinpath("../../../hooks/register/schema/response.schema.json").resolve().is_file()
    data = yaml.safe_load(text)
    assert (data["inspection"], data["force"], data["body"], data["record"]) == (PREVENT, "norfolk", "norfolk-pcc", "transcribed")
    assert data["section_55"] == {"reading": "the body's response", "why": "not stated"}
    assert data["published"] == "not stated" and data["last_checked"] == "not stated"
    assert data["document"] == {"kind": "not stated", "status": "not stated", "title": "not stated", "date": "not stated", "copies": []}
    assert data["statements"] == [] and "not_answered" not in data
    assert [answer["recommendations"] for answer in data["answers"]] == [[number] for number in range(1, 9)]
    for answer in data["answers"]:
        assert answer == {"recommendations": answer["recommendations"], "by": "local policing body", "text": "not stated", "position": "not stated", "progress": "not stated"}
    comments = " ".join(line.strip().removeprefix("#").strip() for line in text.splitlines() if line.lstrip().startswith("#"))
    assert "Recommendation 7 (to NPCC national Prevent lead; each force Prevent lead): With immediate effect, the NPCC" in comments
    assert "ONE answer listing them all (recommendations: [19, 20, 21])" in comments
    assert "delete its answer and list its number under not_answered" in comments
    assert "leaves the recommendations line out" in comments  # an answer to the report as a whole

    # What it says it wrote is what the check then refuses: the reason for the reading and every placeholder answer.
    wanted = [("section_55.why", WHY_PLACEHOLDER), ("document.kind", "a transcribed document's kind is known: say what it is")]
    wanted += [(f"answers[{number}].text", PLACEHOLDER) for number in range(1, 9)]
    assert "`register check` and the build refuse it until these 10 are put right:" in out
    assert problem_fields(out) == wanted
    assert "next: read the document, copy the document's own words over each placeholder named above" in out
    assert "check document.kind, section_55.reading and each answer's by against it" in out

    status, checked, _ = run(capsys, "--root", str(project), "check")
    assert status == 1
    assert problem_fields(checked) == wanted
    assert [line for line in checked.splitlines()] == [line for line in out.splitlines() if PROBLEM_LINE.match(line)]
    assert "list 7 under not_answered" in checked


def test_placeholders_are_accepted_only_for_what_the_document_does_not_answer(project: Path, capsys) -> None:
    """Cumbria 2020 answers recommendation 7 alone: the other placeholders stand once their numbers are under not_answered."""
    relative = f"data/responses/{PREVENT}/norfolk.yaml"
    assert run(capsys, "--root", str(project), "new-response", PREVENT, "norfolk", "--kind", "response form")[0] == 0
    text = (project / relative).read_text("utf-8")
    text = text.replace("  why: not stated", "  why: The Commissioner's own response form for the report.")
    seventh = "  - recommendations: [7]\n    by: local policing body\n    text: not stated\n"
    assert seventh in text
    text = text.replace(seventh, "  - recommendations: [7]\n    by: local policing body\n    text: The force has reviewed its attendance at Channel panels.\n")
    (project / relative).write_text(text + "not_answered: [1, 2, 3, 4, 5, 6]\n", "utf-8")

    status, out, _ = run(capsys, "--root", str(project), "check")
    assert status == 1
    assert problem_fields(out) == [("answers[8].text", PLACEHOLDER)]  # 8 is neither answered nor listed
    assert "list 8 under not_answered" in out

    (project / relative).write_text(text + "not_answered: [1, 2, 3, 4, 5, 6, 8]\n", "utf-8")
    status, out, _ = run(capsys, "--root", str(project), "check")
    assert status == 0, out
    response = load_register(project).response(PREVENT, "norfolk")
    assert [answer.recommendations for answer in response.answers] == [(7,)]  # the placeholders are not answers
    assert response.not_answered == (1, 2, 3, 4, 5, 6, 8)


def test_new_response_picks_the_body_in_office_on_the_date(project: Path, capsys) -> None:
    (project / CUMBRIA_2023).unlink()
    status, _, err = run(
        capsys, "--root", str(project), "new-response", TERRORIST, "cumbria", "--kind", "letter", "--document-date", "2023-08-01"
    )
    assert status == 0, err
    data = yaml.safe_load((project / CUMBRIA_2023).read_text("utf-8"))
    assert data["body"] == "cumbria-pfcc"
    assert data["document"]["kind"] == "letter"
    assert str(data["document"]["date"]) == "2023-08-01"
    assert [answer["recommendations"] for answer in data["answers"]] == [[19], [20], [21]]

    (project / f"data/responses/{PREVENT}/cumbria.yaml").unlink()
    status, out, err = run(
        capsys,
        "--root",
        str(project),
        "new-response",
        PREVENT,
        "cumbria",
        "--published",
        "2020-04-20",
        "--url",
        "https://example.org/a?b=1#c",
    )
    assert status == 0, err
    data = yaml.safe_load((project / f"data/responses/{PREVENT}/cumbria.yaml").read_text("utf-8"))
    assert (data["body"], str(data["published"])) == ("cumbria-pcc", "2020-04-20")
    assert data["document"]["copies"] == [{"url": "https://example.org/a?b=1#c", "checked": "not stated"}]  # nobody said when it was seen
    status, checked, _ = run(capsys, "--root", str(project), "check")
    assert status == 1
    assert {field for field, _ in problem_fields(checked)} == {"section_55.why", "document.kind"} | {f"answers[{n}].text" for n in range(1, 9)}
    assert f"data/responses/{PREVENT}/cumbria.yaml" in checked and "cumbria.yaml" in out


def test_new_response_records_a_copy_and_the_day_it_was_checked(project: Path, capsys) -> None:
    status, _, err = run(
        capsys, "--root", str(project), "new-response", PREVENT, "kent", "--url", "https://example.org/kent.pdf", "--checked", "2026-11-01"
    )
    assert status == 0, err
    data = yaml.safe_load((project / f"data/responses/{PREVENT}/kent.yaml").read_text("utf-8"))
    assert [(copy["url"], str(copy["checked"])) for copy in data["document"]["copies"]] == [("https://example.org/kent.pdf", "2026-11-01")]
    assert data["last_checked"] == "not stated"  # a copy seen is not a record checked against its source


def test_new_response_writes_a_located_record_with_no_words(project: Path, capsys) -> None:
    flags = ["--located", "--url", "https://example.org/kent.pdf", "--checked", "2026-11-01", "--document-date", "2020-04-01"]
    status, out, err = run(capsys, "--root", str(project), "new-response", PREVENT, "kent", *flags)
    assert status == 0, err
    data = yaml.safe_load((project / f"data/responses/{PREVENT}/kent.yaml").read_text("utf-8"))
    assert (data["record"], data["statements"], data["answers"]) == ("located", [], [])
    assert problem_fields(out) == [("section_55.why", WHY_PLACEHOLDER)]
    assert "a located record" in out.splitlines()[0]

    text = (project / f"data/responses/{PREVENT}/kent.yaml").read_text("utf-8")
    text = text.replace("  why: not stated", "  why: Listed as the Commissioner's response on the inspectorate's page.")
    (project / f"data/responses/{PREVENT}/kent.yaml").write_text(text, "utf-8")
    assert run(capsys, "--root", str(project), "check")[0] == 0
    response = load_register(project).response(PREVENT, "kent")
    assert not response.transcribed and response.document.url == "https://example.org/kent.pdf"


def test_new_response_to_an_inspection_known_only_by_its_counts(project: Path, capsys) -> None:
    flags = ["--id", "counts-only-2022", "--title", "A report known by its counts", "--scope", "national thematic", "--published", "2022-03-01"]
    status, out, err = run(capsys, "--root", str(project), "new-inspection", *flags, "--recommendation-count", "not stated")
    assert status == 0, err
    assert out.startswith("wrote data/inspections/counts-only-2022.yaml with no recommendations to fill in")
    status, out, err = run(capsys, "--root", str(project), "new-response", "counts-only-2022", "kent")
    assert status == 0, err
    assert "with no answers: the inspection lists no recommendations yet" in out
    data = yaml.safe_load((project / "data/responses/counts-only-2022/kent.yaml").read_text("utf-8"))
    assert data["answers"] == [] and data["statements"] == []
    assert [field for field, _ in problem_fields(out)] == ["record", "section_55.why", "document.kind"]
    assert "holds no statements and no answers" in out


def test_new_response_never_overwrites(project: Path, capsys) -> None:
    before = (project / NORFOLK).read_bytes()
    status, _, err = run(capsys, "--root", str(project), "new-response", TERRORIST, "norfolk")
    assert status == 2
    assert f"{NORFOLK} already exists; nothing was written" in err
    assert (project / NORFOLK).read_bytes() == before


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([PREVENT, "narfolk"], "unknown force 'narfolk' (hint: did you mean 'norfolk'?"),
        (["prevent-2020", "norfolk"], "no inspection 'prevent-2020'"),
        ([PREVENT, "norfolk", "--kind", "email"], "--kind: expected one of response form, letter, board report"),
        ([PREVENT, "norfolk", "--reading", "yes"], "--reading: expected one of the body's response, not the body's response, unclear; got 'yes'"),
        ([PREVENT, "norfolk", "--published", "2019-04-01"], "--published: 2019-04-01 is before the report was published (2020-03-09)"),
        ([PREVENT, "norfolk", "--published", "2027-01-04"], "--published: 2027-01-04 is after the register's as-of date (2026-12-01)"),
        ([PREVENT, "norfolk", "--published", "1/4/2020"], "--published: expected a date written YYYY-MM-DD"),
        ([PREVENT, "norfolk", "--url", "www.example.org"], "--url: expected an address starting http:// or https://"),
        ([PREVENT, "norfolk", "--checked", "2026-11-01"], "--checked is the day the --url was opened and the document seen there; give --url too"),
        ([PREVENT, "norfolk", "--located"], "--located needs --url: a located record says where the document was found"),
        (
            [PREVENT, "norfolk", "--located", "--url", "https://example.org/norfolk.pdf"],
            "--located needs --checked: a located record says the day someone saw the document at its address",
        ),
    ],
)
def test_new_response_refuses_what_the_check_would_refuse(project: Path, capsys, monkeypatch, argv: list[str], message: str) -> None:
    monkeypatch.delenv("REGISTER_AS_OF", raising=False)
    status, _, err = run(capsys, "--root", str(project), "new-response", *argv)
    assert status == 2
    assert message in err
    assert not (project / f"data/responses/{PREVENT}/norfolk.yaml").exists()


def test_a_scaffolded_response_filled_in_from_the_document_builds(project: Path, capsys) -> None:
    """The contributing guide's worked example: Norfolk's 2023 form, entered from scratch."""
    original = yaml.safe_load((project / NORFOLK).read_text("utf-8"))
    (project / NORFOLK).unlink()
    assert run(capsys, "--root", str(project), "new-response", TERRORIST, "norfolk", "--kind", "response form")[0] == 0

    text = (project / NORFOLK).read_text("utf-8")
    text = text.replace("  why: not stated", "  why: >-\n    " + original["section_55"]["why"])
    text = text.replace("  title: not stated", "  title: >-\n    " + original["document"]["title"])
    text = text.replace(
        "statements: []",
        "statements:\n  - by: local policing body\n    heading: "
        + original["statements"][0]["heading"]
        + "\n    text: |-\n"
        + "".join(f"      {line}\n" if line else "\n" for line in original["statements"][0]["text"].split("\n")).rstrip("\n"),
    )
    # One paragraph answers all three: the three placeholders become one answer listing them all.
    start = text.index("  - recommendations: [19]")
    end = text.index("# The recommendations the document gives no answer to")
    shared = original["answers"][0]
    text = (
        text[:start]
        + f"  - recommendations: [19, 20, 21]\n    by: local policing body\n    text: >-\n      {shared['text']}\n"
        + f"    position: {shared['position']}\n    progress: {shared['progress']}\n"
        + text[end:]
    )
    (project / NORFOLK).write_text(text, "utf-8")

    status, out, _ = run(capsys, "--root", str(project), "check", str(project / NORFOLK))
    assert status == 0, out
    response = load_register(project).response(TERRORIST, "norfolk")
    assert [answer.recommendations for answer in response.answers] == [(19, 20, 21)]
    assert response.answer_to(19) is response.answer_to(21)
    result = build(project)
    assert result.returncode == 0, result.output
    page = BeautifulSoup((result.site / f"responses/{TERRORIST}/norfolk/index.html").read_text("utf-8"), "html.parser")
    shown = " ".join(page.select_one("article").get_text(" ").split())
    assert "None were directly applicable to Norfolk" in shown
    assert "awaiting national lead" in shown
    assert shown.count("None were directly applicable to Norfolk") == 1  # one passage, shown once


# new-inspection ---------------------------------------------------------------------------------

INSPECTION_FLAGS = [
    "--id", "vetting-misconduct-2022",
    "--title", "An inspection of vetting, misconduct, and misogyny in the police service",
    "--scope", "national thematic",
    "--published", "2022-11-02",
    "--recommendation-count", "43",
    "--numbers", "1,2,3",
]  # fmt: skip


def test_new_inspection_from_options_passes_the_check(project: Path, capsys) -> None:
    status, out, err = run(capsys, "--root", str(project), "new-inspection", *INSPECTION_FLAGS)
    assert status == 0, err
    relative = "data/inspections/vetting-misconduct-2022.yaml"
    assert out.startswith(f"wrote {relative} with 3 recommendations to fill in")
    text = (project / relative).read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../hooks/register/schema/inspection.schema.json\n")
    data = yaml.safe_load(text)
    assert data["title"] == "An inspection of vetting, misconduct, and misogyny in the police service"
    assert (data["scope"], data["inspectorates"], data["respondents"]) == ("national thematic", ["HMICFRS"], "all forces")
    assert "kind" not in data
    assert str(data["published"]) == "2022-11-02"
    assert data["summary"] == "not stated"
    assert data["recommendation_count"] == 43
    for rec in data["recommendations"]:  # nothing the report has not been read for is written as known
        assert rec == {"number": rec["number"], "text": "not stated", "addressees": "not stated", "deadline": "not stated", "for_every_force": "not stated"}
    assert [rec["number"] for rec in data["recommendations"]] == [1, 2, 3]
    assert run(capsys, "--root", str(project), "check")[0] == 0
    inspection = load_register(project).inspection("vetting-misconduct-2022")
    assert inspection.audience_unknown == inspection.recommendations and not inspection.joint

    # and a response to it can be started at once: it names recommendations whose words are not yet known
    status, out, err = run(capsys, "--root", str(project), "new-response", "vetting-misconduct-2022", "kent")
    assert status == 0, err
    assert "# Recommendation 1: its words are not yet in the register" in (project / "data/responses/vetting-misconduct-2022/kent.yaml").read_text("utf-8")
    assert [field for field, _ in problem_fields(out)] == ["section_55.why", "document.kind", "answers[1].text", "answers[2].text", "answers[3].text"]


def test_new_inspection_of_a_joint_report_with_an_unknown_count(project: Path, capsys) -> None:
    flags = [*INSPECTION_FLAGS[:8], "--recommendation-count", "not stated", "--inspectorate", "HMICFRS", "--inspectorate", "HM Inspectorate of Probation"]
    status, out, err = run(capsys, "--root", str(project), "new-inspection", *flags)
    assert status == 0, err
    text = (project / "data/inspections/vetting-misconduct-2022.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    assert (data["recommendation_count"], data["recommendations"], data["inspectorates"]) == ("not stated", [], ["HMICFRS", "HM Inspectorate of Probation"])
    assert "# published_by:" in text  # offered, never filled in: which one published it is for a source to say
    assert run(capsys, "--root", str(project), "check")[0] == 0
    inspection = load_register(project).inspection("vetting-misconduct-2022")
    assert inspection.joint and inspection.recommendation_count is None and inspection.published_by is None


def test_new_inspection_quotes_a_title_with_a_colon(project: Path, capsys) -> None:
    flags = [*INSPECTION_FLAGS, "--respondents", "kent,essex"]
    flags[flags.index("--title") + 1] = "Counter-terrorism policing: a second look"
    flags[flags.index("--scope") + 1] = "several forces"
    assert run(capsys, "--root", str(project), "new-inspection", *flags)[0] == 0
    data = yaml.safe_load((project / "data/inspections/vetting-misconduct-2022.yaml").read_text("utf-8"))
    assert data["title"] == "Counter-terrorism policing: a second look"
    assert (data["scope"], data["respondents"]) == ("several forces", ["kent", "essex"])
    assert run(capsys, "--root", str(project), "check")[0] == 0


def test_new_inspection_asks_for_what_is_missing_at_a_terminal(project: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(cli, "_stdin_is_terminal", lambda: True)
    answers = ["State of Policing test report", "2024-02-30", "2024-02-29", "", "", "eight", "8"]
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(answer + "\n" for answer in answers)))
    status, out, err = run(capsys, "--root", str(project), "new-inspection")
    assert status == 0, err
    assert "'2024-02-30' is not a real date; try again" in out
    assert 'write a whole number, e.g. 8, or "not stated"' in out
    data = yaml.safe_load((project / "data/inspections/state-policing-test-report-2024.yaml").read_text("utf-8"))
    # the scope was not given: it is written "not stated", never guessed
    assert (data["id"], data["scope"], data["recommendation_count"]) == ("state-policing-test-report-2024", "not stated", 8)


def test_new_inspection_checks_each_answer_as_it_is_given_and_offers_the_fix(project: Path, capsys, monkeypatch) -> None:
    """A wrong scope, id or date is asked for again at once, with the corrected value offered; nothing typed is lost."""
    monkeypatch.setattr(cli, "_stdin_is_terminal", lambda: True)
    answers = [
        "Vetting and misconduct test report",
        "20/07/2023",  # the British way: refused, and 2023-07-20 offered
        "",  # Enter takes it
        "Vetting Misconduct 2023",  # not an id: vetting-misconduct-2023 offered
        "",
        "thematic",  # the case: national thematic offered
        "",
        "8",
    ]
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(answer + "\n" for answer in answers)))
    status, out, err = run(capsys, "--root", str(project), "new-inspection")
    assert status == 0, err
    lines = out.splitlines()
    assert "  expected a date written YYYY-MM-DD or 'today', got '20/07/2023'; try again" in out
    assert "  press Enter for 2023-07-20" in lines
    assert "  press Enter for vetting-misconduct-2023" in lines
    assert "  press Enter for national thematic" in lines
    data = yaml.safe_load((project / "data/inspections/vetting-misconduct-2023.yaml").read_text("utf-8"))
    assert (data["title"], str(data["published"]), data["scope"], data["recommendation_count"]) == (
        "Vetting and misconduct test report",
        "2023-07-20",
        "national thematic",
        8,
    )


def test_new_inspection_refuses_a_wrong_option_before_asking_anything(project: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(cli, "_stdin_is_terminal", lambda: True)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # nothing would be typed
    status, out, err = run(capsys, "--root", str(project), "new-inspection", "--scope", "thematic")
    assert status == 2 and out == ""
    assert "--scope: expected one of national thematic, force, several forces, not stated; got 'thematic'" in err


def test_new_inspection_without_a_terminal_names_the_missing_option(project: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(cli, "_stdin_is_terminal", lambda: False)
    status, _, err = run(capsys, "--root", str(project), "new-inspection", "--title", "A report")
    assert status == 2
    assert "--published is required (hint: give --published, or run the command in a terminal to be asked)" in err


def test_new_inspection_says_what_replaced_kind(project: Path, capsys) -> None:
    status, _, err = run(capsys, "--root", str(project), "new-inspection", *INSPECTION_FLAGS, "--kind", "joint")
    assert status == 2
    assert "--kind is gone: an inspection has a scope instead (hint: give --scope, one of national thematic, force, several forces, not stated" in err
    assert "give --inspectorate once for each" in err
    assert not (project / "data/inspections/vetting-misconduct-2022.yaml").exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("--id", "Vetting 2022"), "--id: expected a lowercase id of letters, digits and single hyphens; got 'Vetting 2022'"),
        (("--id", PREVENT), f"data/inspections/{PREVENT}.yaml already exists; nothing was written"),
        (("--scope", "joint"), "--scope: expected one of national thematic, force, several forces, not stated; got 'joint'"),
        (("--numbers", "1,2,50,1"), "--numbers: each recommendation number is a whole number from 1, listed once"),
        (("--numbers", "1,2,50"), "--numbers: recommendation 50 is listed but the report makes only 43"),
        (("--recommendation-count", "2"), "--numbers lists 3 recommendations but the report makes 2"),
        (("--recommendation-count", "many"), "--recommendation-count: expected a whole number or \"not stated\"; got 'many'"),
    ],
)
def test_new_inspection_refuses_bad_options(project: Path, capsys, change: tuple[str, str], message: str) -> None:
    flags = list(INSPECTION_FLAGS)
    flags[flags.index(change[0]) + 1] = change[1]
    before = sorted(path.name for path in (project / "data/inspections").iterdir())
    status, _, err = run(capsys, "--root", str(project), "new-inspection", *flags)
    assert status == 2
    assert message in err
    assert sorted(path.name for path in (project / "data/inspections").iterdir()) == before


# import -----------------------------------------------------------------------------------------


def test_import_is_a_subcommand_whose_draft_the_check_refuses_until_reviewed(project: Path, capsys) -> None:
    target = project / NORFOLK
    target.unlink()
    source = project / "data/transcripts/management-of-terrorist-offenders-2023/norfolk.txt"
    status, _, err = run(
        capsys, "--root", str(project), "import", str(source), "--inspection", "management-of-terrorist-offenders-2023", "--force", "norfolk"
    )
    assert status == 0, err
    assert "recommendation 20" in err.lower()
    assert "inspection: management-of-terrorist-offenders-2023" in target.read_text("utf-8")
    status, out, _ = run(capsys, "--root", str(project), "check")
    assert status == 1
    assert "draft" in out


# documentation ----------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["README.md", "content/contributing.md"])
def test_every_command_is_documented(page: str) -> None:
    text = (ROOT / page).read_text("utf-8")
    for command in COMMANDS:
        assert f"register {command.name}" in text, f"{page} does not mention `register {command.name}`"


def test_the_guides_worked_example_is_the_real_norfolk_record() -> None:
    guide = (ROOT / "content/contributing.md").read_text("utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", guide, re.DOTALL)
    example = next(block for block in blocks if block.startswith("# yaml-language-server:") and "force: norfolk" in block)
    real = yaml.safe_load((ROOT / NORFOLK).read_text("utf-8"))
    assert yaml.safe_load(example) == real  # one passage answers 19, 20 and 21: the guide shows the whole record


def test_the_readme_check_command_is_the_one_make_runs() -> None:
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert re.search(r"^check: .*\n\t\$\(BIN\)/register check$", makefile, re.MULTILINE)
    assert "make check" in (ROOT / "README.md").read_text("utf-8")
    assert os.access(Path(sys.executable).parent / "register", os.X_OK)
