"""The staff command line: `register check`, `due`, `new-response` and `new-inspection`, as staff run them."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from register import cli
from register.cli import COMMANDS, main
from register.load import load_register

from conftest import ROOT, build

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
    edit(project, NORFOLK, "recommendation: 20", "recommendation: 22")
    monkeypatch.chdir(project / "data" / "responses" / TERRORIST)
    status, out, err = run(capsys, "check")
    assert status == 1
    problems = out.splitlines()
    assert len(problems) == 1
    found = PROBLEM_LINE.match(problems[0])
    assert found, problems[0]
    assert found["path"] == NORFOLK  # relative to the project root, wherever it is run from
    assert found["field"] == "answers[2].recommendation"
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
    assert any("unknown force 'narfolk' (hint: did you mean 'norfolk'?" in line for line in lines)
    assert any("write body: cumbria-pfcc" in line for line in lines)
    assert any("February 2020 has 29 days" in line for line in lines)


def test_check_with_paths_reports_only_those_files(project: Path, capsys, monkeypatch) -> None:
    edit(project, NORFOLK, "force: norfolk", "force: narfolk")
    edit(project, CUMBRIA_2023, "body: cumbria-pfcc", "body: cumbria-pcc")
    monkeypatch.chdir(project)
    status, out, err = run(capsys, "check", NORFOLK)
    assert status == 1
    in_norfolk = out.splitlines()
    assert len(in_norfolk) == 2  # the unknown force, and the file name it no longer matches
    assert all(line.startswith(NORFOLK + ":") for line in in_norfolk)
    assert "(1 problem in other files: run `register check` to see them)" in err

    status, out, _ = run(capsys, "check", f"data/responses/{PREVENT}")
    assert status == 0
    assert out == f"ok: no problems in data/responses/{PREVENT}; 3 problems in other files (run `register check` to see them)\n"

    status, out, _ = run(capsys, "check", f"data/responses/{TERRORIST}/")
    assert status == 1
    assert len(out.splitlines()) == 3


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
    edit(project, NORFOLK, "recommendation: 20", "recommendation: 22")
    status, out, _ = run(capsys, "--root", str(project), "check", "--format", "github")
    assert status == 1
    plain, annotation = out.splitlines()
    assert PROBLEM_LINE.match(plain)
    assert re.match(
        rf"^::error file={re.escape(NORFOLK)},line=\d+,col=21,title=answers\[2\]\.recommendation::"
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
    assert completed.stdout.startswith(f"{NORFOLK}:5:12: published: expected a real date written YYYY-MM-DD")
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
    status, out, _ = run(capsys, "--root", str(project), "due")
    assert status == 0
    assert out.startswith("As of 2026-11-29.")  # extra.register.as_of in mkdocs.yml
    assert out.index(TERRORIST) < out.index(PREVENT)
    assert "published 2023-07-20; responses due by 2023-09-13" in out
    assert "published 2020-03-09; responses due by 2020-05-03" in out
    groups = due_groups(out)
    assert groups[TERRORIST]["norfolk"] == "date unknown"
    assert groups[TERRORIST]["kent"] == "no published response identified"
    assert "cumbria: Cumbria Police, Fire and Crime Commissioner (no date on the document)" in out
    assert "cambridgeshire: Cambridgeshire Police and Crime Commissioner (document dated 2020-05-26)" in out


def test_due_as_of_an_earlier_date_shows_who_is_not_yet_due(project: Path, capsys) -> None:
    status, out, _ = run(capsys, "--root", str(project), "due", "--as-of", "2023-08-01", TERRORIST)
    assert status == 0
    groups = due_groups(out)
    assert list(groups) == [TERRORIST]
    assert groups[TERRORIST]["kent"] == "not yet due"
    assert "not yet due (40):" in out


def test_due_shows_how_late_a_dated_response_was(project: Path, capsys) -> None:
    edit(project, NORFOLK, "published: not stated", "published: 2023-09-20")
    status, out, _ = run(capsys, "--root", str(project), "due", "--as-of", "2024-01-01", TERRORIST)
    assert status == 0
    assert "  late (1):\n    norfolk: Norfolk Police and Crime Commissioner (published 2023-09-20, late (7 days))" in out


def test_due_reads_the_same_override_as_the_build(project: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("REGISTER_AS_OF", "2023-08-01")
    _, out, _ = run(capsys, "--root", str(project), "due")
    assert out.startswith("As of 2023-08-01.")
    _, out, _ = run(capsys, "--root", str(project), "due", "--as-of", "2020-04-01")
    assert out.startswith("As of 2020-04-01.")


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
    status, out, _ = run(capsys, "--root", str(project), "due", "--as-of", "today")
    assert status == 0
    assert out.startswith(f"As of {__import__('datetime').date.today().isoformat()}.")


def test_due_agrees_with_the_site(real_site: Path, capsys) -> None:
    _, out, _ = run(capsys, "--root", str(ROOT), "due", "--as-of", "2026-11-29")
    groups = due_groups(out)
    register = load_register(ROOT)
    for inspection in register.inspections:
        soup = BeautifulSoup((real_site / "inspections" / inspection.id / "index.html").read_text("utf-8"), "html.parser")
        on_site = {}
        for row in soup.select("tr[data-timeliness]"):
            force_link = row.find("a", href=re.compile(r"forces/[a-z0-9-]+/"))
            force_id = re.search(r"forces/([a-z0-9-]+)/", force_link["href"])[1]
            on_site[force_id] = row["data-timeliness"]
        assert len(on_site) == 43
        listed = groups[inspection.id]
        assert listed == {force: status for force, status in on_site.items() if status != "on time"}


# new-response -----------------------------------------------------------------------------------


def test_new_response_writes_a_file_that_passes_the_check(project: Path, capsys) -> None:
    status, out, err = run(capsys, "--root", str(project), "new-response", PREVENT, "norfolk")
    assert status == 0, err
    relative = f"data/responses/{PREVENT}/norfolk.yaml"
    assert out.startswith(f"wrote {relative}: Norfolk Police and Crime Commissioner's response, with all 8 recommendations")
    text = (project / relative).read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../hooks/register/schema/response.schema.json\n")
    assert (project / relative).parent.joinpath("../../../hooks/register/schema/response.schema.json").resolve().is_file()
    data = yaml.safe_load(text)
    assert (data["inspection"], data["force"], data["body"]) == (PREVENT, "norfolk", "norfolk-pcc")
    assert data["published"] == "not stated"
    assert data["document"] == {"kind": "response form", "title": "not stated", "date": "not stated", "url": "not stated"}
    assert [answer["recommendation"] for answer in data["answers"]] == list(range(1, 9))
    for answer in data["answers"]:
        assert (answer["text"], answer["position"], answer["progress"]) == ("not stated",) * 3
    comments = " ".join(line.strip().removeprefix("#").strip() for line in text.splitlines() if line.lstrip().startswith("#"))
    assert "Recommendation 7 (to NPCC national Prevent lead; each force Prevent lead): With immediate effect, the NPCC" in comments

    status, out, _ = run(capsys, "--root", str(project), "check")
    assert status == 0, out
    assert "6 responses" in out


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
    assert [answer["recommendation"] for answer in data["answers"]] == [19, 20, 21]

    (project / f"data/responses/{PREVENT}/cumbria.yaml").unlink()
    run(
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
    data = yaml.safe_load((project / f"data/responses/{PREVENT}/cumbria.yaml").read_text("utf-8"))
    assert (data["body"], str(data["published"]), data["document"]["url"]) == ("cumbria-pcc", "2020-04-20", "https://example.org/a?b=1#c")
    assert run(capsys, "--root", str(project), "check")[0] == 0


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
        ([PREVENT, "norfolk", "--kind", "email"], "--kind: expected one of response form, board report"),
        ([PREVENT, "norfolk", "--published", "2019-04-01"], "--published: 2019-04-01 is before the report was published (2020-03-09)"),
        ([PREVENT, "norfolk", "--published", "1/4/2020"], "--published: expected a date written YYYY-MM-DD"),
        ([PREVENT, "norfolk", "--url", "www.example.org"], "--url: expected an address starting http:// or https://"),
    ],
)
def test_new_response_refuses_what_the_check_would_refuse(project: Path, capsys, argv: list[str], message: str) -> None:
    status, _, err = run(capsys, "--root", str(project), "new-response", *argv)
    assert status == 2
    assert message in err
    assert not (project / f"data/responses/{PREVENT}/norfolk.yaml").exists()


def test_a_scaffolded_response_filled_in_from_the_document_builds(project: Path, capsys) -> None:
    """The contributing guide's worked example: Norfolk's 2023 form, entered from scratch."""
    original = yaml.safe_load((project / NORFOLK).read_text("utf-8"))
    (project / NORFOLK).unlink()
    assert run(capsys, "--root", str(project), "new-response", TERRORIST, "norfolk")[0] == 0

    text = (project / NORFOLK).read_text("utf-8")
    text = text.replace("  title: not stated", "  title: >-\n    " + original["document"]["title"])
    text = text.replace(
        "statements: []",
        "statements:\n  - by: local policing body\n    heading: "
        + original["statements"][0]["heading"]
        + "\n    text: |-\n"
        + "".join(f"      {line}\n" if line else "\n" for line in original["statements"][0]["text"].split("\n")).rstrip("\n"),
    )
    answer = original["answers"][0]["text"]
    text = text.replace(
        "    text: not stated\n    position: not stated", f"    text: >-\n      {answer}\n    position: awaiting national lead"
    )
    (project / NORFOLK).write_text(text, "utf-8")

    status, out, _ = run(capsys, "--root", str(project), "check", str(project / NORFOLK))
    assert status == 0, out
    result = build(project)
    assert result.returncode == 0, result.output
    page = BeautifulSoup((result.site / f"responses/{TERRORIST}/norfolk/index.html").read_text("utf-8"), "html.parser")
    shown = " ".join(page.select_one("article").get_text(" ").split())
    assert "None were directly applicable to Norfolk" in shown
    assert "awaiting national lead" in shown


# new-inspection ---------------------------------------------------------------------------------

INSPECTION_FLAGS = [
    "--id", "vetting-misconduct-2022",
    "--title", "An inspection of vetting, misconduct, and misogyny in the police service",
    "--kind", "national thematic",
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
    assert (data["kind"], data["inspectorates"], data["respondents"]) == ("national thematic", ["HMICFRS"], "all forces")
    assert str(data["published"]) == "2022-11-02"
    assert [rec["number"] for rec in data["recommendations"]] == [1, 2, 3]
    assert data["recommendation_count"] == 43
    assert run(capsys, "--root", str(project), "check")[0] == 0

    # and a response to it can be started at once
    status, _, err = run(capsys, "--root", str(project), "new-response", "vetting-misconduct-2022", "kent")
    assert status == 0, err
    assert run(capsys, "--root", str(project), "check")[0] == 0


def test_new_inspection_quotes_a_title_with_a_colon(project: Path, capsys) -> None:
    flags = [*INSPECTION_FLAGS, "--respondents", "kent,essex"]
    flags[flags.index("--title") + 1] = "Counter-terrorism policing: a second look"
    assert run(capsys, "--root", str(project), "new-inspection", *flags)[0] == 0
    data = yaml.safe_load((project / "data/inspections/vetting-misconduct-2022.yaml").read_text("utf-8"))
    assert data["title"] == "Counter-terrorism policing: a second look"
    assert data["respondents"] == ["kent", "essex"]
    assert run(capsys, "--root", str(project), "check")[0] == 0


def test_new_inspection_asks_for_what_is_missing_at_a_terminal(project: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(cli, "_stdin_is_terminal", lambda: True)
    answers = ["State of Policing test report", "2024-02-30", "2024-02-29", "", "joint", "eight", "8"]
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(answer + "\n" for answer in answers)))
    status, out, err = run(capsys, "--root", str(project), "new-inspection")
    assert status == 0, err
    assert "'2024-02-30' is not a real date; try again" in out
    assert "write a whole number" in out
    data = yaml.safe_load((project / "data/inspections/state-policing-test-report-2024.yaml").read_text("utf-8"))
    assert (data["id"], data["kind"], data["recommendation_count"]) == ("state-policing-test-report-2024", "joint", 8)


def test_new_inspection_without_a_terminal_names_the_missing_option(project: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(cli, "_stdin_is_terminal", lambda: False)
    status, _, err = run(capsys, "--root", str(project), "new-inspection", "--title", "A report")
    assert status == 2
    assert "--published is required (hint: give --published, or run the command in a terminal to be asked)" in err


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("--id", "Vetting 2022"), "--id: expected a lowercase id of letters, digits and single hyphens; got 'Vetting 2022'"),
        (("--id", PREVENT), f"data/inspections/{PREVENT}.yaml already exists; nothing was written"),
        (("--kind", "thematic"), "--kind: expected one of national thematic, joint, force; got 'thematic'"),
        (("--numbers", "1,2,50,1"), "--numbers: each recommendation number is a whole number from 1, listed once"),
        (("--recommendation-count", "2"), "--numbers lists 3 recommendations but the report makes 2"),
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
    real["answers"] = real["answers"][:1]  # the guide leaves out answers 20 and 21, which repeat 19
    assert yaml.safe_load(example) == real


def test_the_readme_check_command_is_the_one_make_runs() -> None:
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert re.search(r"^check: .*\n\t\$\(BIN\)/register check$", makefile, re.MULTILINE)
    assert "make check" in (ROOT / "README.md").read_text("utf-8")
    assert os.access(Path(sys.executable).parent / "register", os.X_OK)
