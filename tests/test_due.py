"""`register due` as a chasing list: whom to chase today, in one screen or one spreadsheet.

Run on the shape fixtures (tests/fixtures/shapes), judged on the tests' as-of date unless a
test says otherwise, so what it names can be checked against the data itself.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

import pytest
from conftest import AS_OF
from register.data.clock import Status
from register.data.coverage import CoverageState
from register.data.load import load_register
from register.data.standing import standings_for_inspection
from register.staff.chase import CSV_FIELDS
from register.staff.cli import main

FINAL, INTERIM = "fixture-final-2023", "fixture-interim-2022"


def run(capsys: pytest.CaptureFixture[str], project: Path, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    status = main(["--root", str(project), "due", *argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def summary_groups(out: str) -> dict[str, dict[str, set[str]]]:
    """The summary as {inspection: {state: {force ids}}}, joining the wrapped lines of each list."""
    groups: dict[str, dict[str, set[str]]] = {}
    inspection = state = ""
    for line in out.splitlines():
        if found := re.match(r"^([a-z0-9-]+): ", line):
            inspection, state = found[1], ""
            groups[inspection] = {}
        elif re.match(r"^  no response held \(\d+\): ", line):
            state = ""
        elif (found := re.match(r"^  ([a-z ]+) \(\d+\): ([a-z0-9, -]+)$", line)) or (found := re.match(r"^    (not found|not yet looked for): (.*)$", line)):
            state = found[1]
            groups[inspection][state] = {name.strip() for name in found[2].split(",") if name.strip()}
        elif inspection and state and line.startswith("    "):
            groups[inspection][state] |= {name.strip() for name in line.split(",") if name.strip()}
    return groups


def expected(project: Path) -> dict[str, dict[str, set[str]]]:
    """What the data says, as of the tests' date: each body under its status, and the missing ones under their coverage state."""
    register = load_register(project, as_of=date.fromisoformat(AS_OF))
    wanted: dict[str, dict[str, set[str]]] = {}
    for inspection in register.inspections:
        groups = wanted.setdefault(inspection.id, {})
        for item in standings_for_inspection(register, inspection, date.fromisoformat(AS_OF)):
            key = item.coverage.state.value if item.timeliness.status is Status.MISSING else item.timeliness.status.value
            groups.setdefault(key, set()).add(item.force.id)
    return wanted


def test_the_summary_names_every_body_once_under_its_state_in_one_screen(shapes_project: Path, capsys) -> None:
    status, out, _ = run(capsys, shapes_project, "--as-of", "site")
    assert status == 0
    assert summary_groups(out) == expected(shapes_project)
    assert len(out.splitlines()) <= 50  # a screen, for three reports of 43 bodies
    assert out.rstrip().endswith("For each body's evidence and where it was looked for: --full. For a spreadsheet: --format csv.")
    assert "  no response held (40): not found 40" in out.splitlines()


def test_due_judges_on_today_by_default_and_says_so_first(shapes_project: Path, capsys) -> None:
    _, out, _ = run(capsys, shapes_project)
    first = out.splitlines()[0]
    today = date.today()
    if today.isoformat() == AS_OF:
        assert first.startswith(f"Judged as of {AS_OF} (today). The site is judged on the same day (REGISTER_AS_OF).")
    else:
        assert first.startswith(f"Judged as of {today.isoformat()} (today). NOTE: the site is judged as of {AS_OF} (REGISTER_AS_OF)")


def test_filters_by_force_inspection_and_state(shapes_project: Path, capsys) -> None:
    _, out, _ = run(capsys, shapes_project, "--as-of", "site", "--force", "kent", "essex", "--inspection", FINAL)
    assert summary_groups(out) == {FINAL: {"not found": {"essex", "kent"}}}
    _, out, _ = run(capsys, shapes_project, "--as-of", "site", "--state", "not-yet-looked-for")
    everything = expected(shapes_project)
    assert summary_groups(out) == {
        inspection: {"not yet looked for": groups["not yet looked for"]} if "not yet looked for" in groups else {}
        for inspection, groups in everything.items()
    }
    _, out, _ = run(capsys, shapes_project, "--as-of", "site", "--state", "on time", "--full")
    on_time = {inspection: groups.get("on time", set()) for inspection, groups in everything.items()}
    assert any(on_time.values())
    named = {inspection: set(re.findall(r"^    ([a-z0-9-]+): ", section, re.MULTILINE)) for inspection, section in sections(out).items()}
    assert named == on_time


def sections(out: str) -> dict[str, str]:
    return {section.split(":", 1)[0]: section for section in out.split("\n\n")[1:] if re.match(r"^[a-z0-9-]+: ", section)}


def test_the_csv_has_a_row_per_inspection_and_body_for_a_spreadsheet(shapes_project: Path, capsysbinary) -> None:
    main(["--root", str(shapes_project), "due", "--as-of", "site", "--format", "csv"])
    raw = capsysbinary.readouterr().out
    assert raw.count(b"\r\n") == raw.count(b"\n")  # RFC 4180 line ends
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert tuple(rows[0]) == CSV_FIELDS
    register = load_register(shapes_project, as_of=date.fromisoformat(AS_OF))
    assert len(rows) == sum(len(register.respondents(inspection)) for inspection in register.inspections)
    by_key = {(row["inspection_id"], row["force_id"]): row for row in rows}
    kent = by_key[(FINAL, "kent")]
    assert (kent["status"], kent["coverage"], kent["last_looked"], kent["as_of"]) == (
        "no response held",
        "not found",
        "2026-11-28",
        AS_OF,
    )
    lancashire = by_key[(FINAL, "lancashire")]
    assert lancashire["looked_where"] == "the inspectorate's report page; a search of public web pages"
    assert {row["coverage"] for row in rows} <= {state.value for state in CoverageState}


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--state", "overdue"], "--state: no state 'overdue' (hint: states are: on-time, late, "),
        (["--force", "kentt"], "unknown force 'kentt' (hint: did you mean 'kent'? "),
        (["--inspection", "no-such-report"], "no inspection 'no-such-report'"),
    ],
)
def test_due_refuses_filters_it_cannot_use(shapes_project: Path, capsys, argv: list[str], message: str) -> None:
    status, _, err = run(capsys, shapes_project, *argv)
    assert status == 2 and message in err
