"""`register coverage` and `register due`: where each body's response was looked for, and when, as staff chase them.

Run on the shape fixtures (tests/fixtures/shapes): the final report's coverage file says the
inspectorate's page was looked at for every body (showing Staffordshire's response), Kent's
own page (nothing there) and Cumbria's site (its response); the other two reports have no
coverage file, so their bodies without a record are "not yet looked for".
"""

from __future__ import annotations

import csv
import io
import re
import shlex
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from conftest import AS_OF, ROOT, copy_project
from register.data.coverage import CoverageState
from register.data.load import load_register
from register.data.schema import check_against_schema
from register.data.standing import standings_for_inspection
from register.data.yamlfile import read_yaml
from register.staff.cli import main
from register.staff.coverage_report import CSV_FIELDS

FINAL, INTERIM, COUNTS_ONLY = "fixture-final-2023", "fixture-interim-2022", "fixture-counts-only-2022"
REPORT_PAGE = "https://www.justiceinspectorates.gov.uk/hmicfrs/fixture-final/"
KENT_PAGE = "https://www.kent-pcc.gov.uk/fixture-inspection-responses/"
CUMBRIA_SITE = "https://www.cumbria-pcc.gov.uk/fixture-responses/"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def parse_listing(output: str) -> dict[str, dict]:
    """``register coverage`` text as {inspection id: {"lines": [...], "groups": {group: {force id: [look lines]}}}}."""
    parsed: dict[str, dict] = {}
    inspection = group = force = ""
    for line in output.splitlines():
        if found := re.match(r"^([a-z0-9-]+): ", line):
            inspection = found[1]
            parsed[inspection] = {"lines": [], "groups": {}}
        elif found := re.match(r"^  ([a-z ,']+) \((\d+)\):$", line):
            group = found[1]
            parsed[inspection]["groups"][group] = {}
        elif found := re.match(r"^    ([a-z0-9-]+): ", line):
            force = found[1]
            parsed[inspection]["groups"][group][force] = []
        elif line.startswith("      "):
            parsed[inspection]["groups"][group][force].append(line.strip())
        elif line.startswith("  "):
            parsed[inspection]["lines"].append(line.strip())
    return parsed


# the listing ------------------------------------------------------------------------------------


def test_coverage_lists_per_inspection_newest_first_the_bodies_still_to_find(shapes_project: Path, capsys) -> None:
    status, out, err = run(capsys, "--root", str(shapes_project), "coverage")
    assert status == 0, err
    listing = parse_listing(out)
    assert list(listing) == [FINAL, INTERIM, COUNTS_ONLY]  # newest first

    final = listing[FINAL]
    assert final["lines"][:2] == [
        "published 2023-01-10; 43 bodies called on to respond",
        "transcribed 2, located 1, not found 40, not yet looked for 0",
    ]
    not_found = final["groups"]["not found"]
    assert len(not_found) == 40 and "not yet looked for" not in final["groups"]
    # every place that would have shown the body's response, newest first: the first is where it was last looked for
    assert not_found["kent"] == [
        f"last looked on 2026-11-28 at the inspectorate's report page: {REPORT_PAGE}",
        f"looked on 2026-11-27 at the body's page of inspection responses: {KENT_PAGE}",
    ]
    assert not_found["essex"] == [f"last looked on 2026-11-28 at the inspectorate's report page: {REPORT_PAGE}"]
    # transcribed and located responses are counted, not listed body by body
    assert not {"cumbria", "staffordshire", "cambridgeshire"} & set(not_found)
    # a document held that is not the body's response is named, so staff know what they hold
    assert final["groups"]["held, but not counted as the body's response"] == {"norfolk": []}
    assert "    norfolk: Norfolk Police and Crime Commissioner (a press statement, not found)" in out
    assert "norfolk" in not_found  # for the section 55 response itself, the press statement is not it

    interim = listing[INTERIM]
    assert f"no place looked is recorded yet (data/coverage/{INTERIM}.yaml does not exist)" in interim["lines"]
    assert "transcribed 1, located 0, not found 0, not yet looked for 42" in interim["lines"]
    not_looked = interim["groups"]["not yet looked for"]
    assert len(not_looked) == 42 and "cumbria" not in not_looked
    assert all(looks == [] for looks in not_looked.values())  # nowhere to name: none looked
    assert "not found" not in interim["groups"]


def test_the_listing_counts_the_states_the_site_reads(shapes_project: Path, capsys) -> None:
    """One source of the states: the counts are those of Standing.coverage."""
    _, out, _ = run(capsys, "--root", str(shapes_project), "coverage")
    listing = parse_listing(out)
    register = load_register(shapes_project)
    for inspection in register.inspections:
        states = [s.coverage.state for s in standings_for_inspection(register, inspection, date.fromisoformat(AS_OF))]
        counts = ", ".join(f"{state.value} {states.count(state)}" for state in CoverageState)
        assert counts in listing[inspection.id]["lines"]
        for state in (CoverageState.NOT_FOUND, CoverageState.NOT_LOOKED):
            listed = listing[inspection.id]["groups"].get(state.value, {})
            assert len(listed) == states.count(state)


def test_coverage_of_some_inspections_and_some_forces(shapes_project: Path, capsys) -> None:
    status, out, _ = run(capsys, "--root", str(shapes_project), "coverage", FINAL, INTERIM, "--force", "kent", "cumbria", "--force", "essex")
    assert status == 0
    listing = parse_listing(out)
    assert list(listing) == [FINAL, INTERIM]
    assert "published 2023-01-10; 3 of the 43 bodies called on to respond, as asked with --force" in listing[FINAL]["lines"]
    assert "transcribed 1, located 0, not found 2, not yet looked for 0" in listing[FINAL]["lines"]
    assert set(listing[FINAL]["groups"]["not found"]) == {"essex", "kent"}
    assert set(listing[INTERIM]["groups"]["not yet looked for"]) == {"essex", "kent"}


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["coverage", "no-such-report"], f"no inspection 'no-such-report' (hint: inspection ids are: {FINAL}, {INTERIM}, {COUNTS_ONLY})"),
        (["coverage", "--force", "narfolk"], "unknown force 'narfolk' (hint: did you mean 'norfolk'? force ids are listed in data/forces.yaml)"),
        (["coverage", "--csv", "--force"], "expected at least one argument"),
    ],
)
def test_coverage_refuses_what_it_cannot_use(shapes_project: Path, capsys, argv: list[str], message: str) -> None:
    status, out, err = run(capsys, "--root", str(shapes_project), *argv)
    assert status == 2
    assert message in err
    assert out == ""


def test_coverage_refuses_data_the_build_refuses(shapes_project: Path, capsys) -> None:
    path = shapes_project / "data" / "coverage" / f"{FINAL}.yaml"
    text = path.read_text("utf-8").replace("found: []", "found: [kent]")  # kent's response: no record
    path.write_text(text, "utf-8")
    line = text.splitlines().index("    found: [kent]") + 1
    for argv in (["coverage"], ["coverage", "--csv"], ["due"], ["due", "--format", "csv"]):
        status, out, err = run(capsys, "--root", str(shapes_project), *argv)
        assert status == 1
        assert out.startswith(f"data/coverage/{FINAL}.yaml:{line}:13: looked[2].found[1]: a response by kent was found here, but the register has no record of it")
        assert "fix them first" in err


def test_outside_a_project_coverage_says_where_to_run_it(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    status, out, err = run(capsys, "coverage")
    assert status == 2 and out == ""
    assert "is not inside a copy of the register" in err


# the spreadsheet --------------------------------------------------------------------------------


def csv_output(capsysbinary: pytest.CaptureFixture[bytes], *argv: str) -> tuple[int, bytes]:
    capsysbinary.readouterr()
    status = main(list(argv))
    return status, capsysbinary.readouterr().out


def test_coverage_csv_has_a_row_per_inspection_and_body_for_a_spreadsheet(shapes_project: Path, capsysbinary) -> None:
    status, raw = csv_output(capsysbinary, "--root", str(shapes_project), "coverage", "--csv")
    assert status == 0
    assert raw.endswith(b"\r\n") and raw.count(b"\r\n") == raw.count(b"\n")  # RFC 4180: CRLF after every record
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert tuple(rows[0]) == CSV_FIELDS
    assert len(rows) == 3 * 43
    assert [row["inspection_id"] for row in rows[::43]] == [FINAL, INTERIM, COUNTS_ONLY]
    by = {(row["inspection_id"], row["force_id"]): row for row in rows}

    assert by[FINAL, "kent"] == {
        "inspection_id": FINAL,
        "force_id": "kent",
        "body": "Kent Police and Crime Commissioner",
        "state": "not found",
        "last_looked": "2026-11-28",
        "looked_on": "2026-11-28; 2026-11-27",
        "looked_where": "the inspectorate's report page; the body's page of inspection responses",
        "looked_urls": f"{REPORT_PAGE}; {KENT_PAGE}",
        "found_at": "",
    }
    cumbria = by[FINAL, "cumbria"]
    assert (cumbria["state"], cumbria["body"], cumbria["found_at"]) == ("transcribed", "Cumbria Police and Crime Commissioner", CUMBRIA_SITE)
    assert cumbria["looked_where"] == "the inspectorate's report page; the body's site"
    staffordshire = by[FINAL, "staffordshire"]
    assert (staffordshire["state"], staffordshire["found_at"]) == ("located", REPORT_PAGE)
    essex = by[INTERIM, "essex"]
    assert (essex["state"], essex["last_looked"], essex["looked_on"], essex["looked_where"], essex["looked_urls"]) == ("not yet looked for", "", "", "", "")
    assert f'{INTERIM},essex,"Essex Police, Fire and Crime Commissioner",not yet looked for,,,,,\r\n'.encode() in raw  # a comma is quoted

    register = load_register(shapes_project)
    for inspection in register.inspections:
        for standing in standings_for_inspection(register, inspection, date.fromisoformat(AS_OF)):
            assert by[inspection.id, standing.force.id]["state"] == standing.coverage.state.value


def test_coverage_csv_of_one_force(shapes_project: Path, capsysbinary) -> None:
    status, raw = csv_output(capsysbinary, "--root", str(shapes_project), "coverage", "--csv", "--force", "kent")
    assert status == 0
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [row[:2] for row in rows[1:]] == [[FINAL, "kent"], [INTERIM, "kent"], [COUNTS_ONLY, "kent"]]


# register due uses the same states ----------------------------------------------------------------


def test_due_says_where_and_when_a_response_was_not_found_or_that_it_was_not_looked_for(shapes_project: Path, capsys) -> None:
    status, out, _ = run(capsys, "--root", str(shapes_project), "due", "--full")
    assert status == 0
    assert (
        "    kent: Kent Police and Crime Commissioner (not found at the inspectorate's report page on 2026-11-28, "
        "at the body's page of inspection responses on 2026-11-27)"
    ) in out
    assert (
        "    lancashire: Lancashire Police and Crime Commissioner (not found at the inspectorate's report page on 2026-11-28, "
        "in a search of public web pages on 2026-11-25)"
    ) in out
    assert "    essex: Essex Police, Fire and Crime Commissioner (not found at the inspectorate's report page on 2026-11-28)" in out
    sections = out.split("\n\n")
    final = next(section for section in sections if section.startswith(f"{FINAL}:"))
    interim = next(section for section in sections if section.startswith(f"{INTERIM}:"))
    assert "  coverage: transcribed 2, located 1, not found 40, not yet looked for 0" in final.splitlines()
    assert "  coverage: transcribed 1, located 0, not found 0, not yet looked for 42" in interim.splitlines()
    assert "    essex: Essex Police, Fire and Crime Commissioner (not yet looked for)" in interim
    assert "not yet looked for" not in final.replace("not yet looked for 0", "")
    # a document the register holds that is not the response is named, and the response itself was not found
    assert (
        "norfolk: Norfolk Police and Crime Commissioner (the register holds a press statement that it does not count as the body's response; "
        "not found at the inspectorate's report page on 2026-11-28)"
    ) in final


def test_due_and_coverage_agree_on_every_body_not_found(shapes_project: Path, capsys) -> None:
    _, due, _ = run(capsys, "--root", str(shapes_project), "due", "--full")
    _, listing, _ = run(capsys, "--root", str(shapes_project), "coverage")
    parsed = parse_listing(listing)
    for section in due.split("\n\n")[1:]:
        inspection = section.split(":", 1)[0]
        not_found = {found[1] for found in re.finditer(r"^    ([a-z0-9-]+): .*[(;] ?not found at ", section, re.MULTILINE)}
        not_looked = {found[1] for found in re.finditer(r"^    ([a-z0-9-]+): .*\(not yet looked for\)$", section, re.MULTILINE)}
        assert not_found == set(parsed[inspection]["groups"].get("not found", {}))
        assert not_looked == set(parsed[inspection]["groups"].get("not yet looked for", {}))


# documentation ----------------------------------------------------------------------------------


def guide_coverage_example() -> str:
    guide = (ROOT / "content" / "contributing.md").read_text("utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", guide, re.DOTALL)
    return next(block for block in blocks if "looked:" in block)


def test_the_guides_coverage_example_is_a_coverage_file_the_check_accepts(tmp_path: Path, capsys, monkeypatch) -> None:
    """The example in "Recording where you looked", with a located record, written as the guide says, for each body found."""
    example = guide_coverage_example()
    assert example.startswith("# yaml-language-server: $schema=../../hooks/register/schema/coverage.schema.json\n")
    data = yaml.safe_load(example)
    looks = data["looked"]
    assert {look["where"] for look in looks} >= {"the inspectorate's report page"}
    assert any(look["for"] == "all bodies" for look in looks) and any(isinstance(look["for"], list) and len(look["for"]) == 1 for look in looks)
    project = copy_project(tmp_path / "project")
    shutil.rmtree(project / "data" / "coverage", ignore_errors=True)
    relative = f"data/coverage/{data['inspection']}.yaml"
    (project / relative).parent.mkdir(parents=True)
    (project / relative).write_text(example, "utf-8")
    assert (project / relative).parent.joinpath("../../hooks/register/schema/coverage.schema.json").resolve().is_file()
    document, problems = read_yaml(project / relative, relative)
    assert document is not None and not problems and check_against_schema(document, "coverageFile") == []
    monkeypatch.setenv("REGISTER_AS_OF", max(str(look["checked"]) for look in looks))  # the day the guide's looks were made

    transcribed = {r.force_id for r in load_register(ROOT).responses if r.inspection_id == data["inspection"] and r.transcribed}
    found = sorted({force for look in looks for force in look["found"]} - transcribed)
    for force in found:  # start as before the bodies found were recorded
        (project / "data" / "responses" / data["inspection"] / f"{force}.yaml").unlink(missing_ok=True)
    status, out, _ = run(capsys, "--root", str(project), "check")
    assert status == 1 and found
    assert all(f"a response by {force} was found here, but the register has no record of it" in out for force in found)

    # the guide's command, and the same for each other body found, writes the located record the check then wants
    guide = (ROOT / "content" / "contributing.md").read_text("utf-8")
    documented = [shlex.split(line) for line in guide.splitlines() if line.startswith(f"register new-response {data['inspection']} ") and "--located" in line]
    assert documented and all("--url" in argv and "--checked" in argv for argv in documented)
    for force in found:
        look = next(look for look in looks if force in look["found"])
        argv = next((argv[1:] for argv in documented if argv[3] == force), None)
        argv = argv or ["new-response", data["inspection"], force, "--located", "--url", look["url"], "--checked", str(look["checked"])]
        status, _, err = run(capsys, "--root", str(project), *argv)
        assert status == 0, err
        response = project / "data" / "responses" / data["inspection"] / f"{force}.yaml"
        response.write_text(response.read_text("utf-8").replace("  why: not stated", "  why: Linked as the body's response from the page looked at."), "utf-8")
    status, out, err = run(capsys, "--root", str(project), "check")
    assert status == 0, out + err

    status, out, _ = run(capsys, "--root", str(project), "coverage", data["inspection"])
    listing = parse_listing(out)[data["inspection"]]
    assert not set(found) & set(listing["groups"].get("not found", {}))
    assert "not yet looked for" not in listing["groups"]  # the inspectorate's page covers every body


# a search where no page of the body's could be reached ----------------------------------------------


def test_a_search_is_listed_with_its_words_instead_of_an_address(shapes_project: Path, capsys) -> None:
    status, out, _ = run(capsys, "--root", str(shapes_project), "coverage", FINAL, "--force", "lancashire")
    assert status == 0
    looks = parse_listing(out)[FINAL]["groups"]["not found"]["lancashire"]
    assert looks == [
        f"last looked on 2026-11-28 at the inspectorate's report page: {REPORT_PAGE}",
        'looked on 2026-11-25 in a search of public web pages, for "Lancashire police and crime commissioner response fixture final report", '
        '"Lancashire commissioner section 55 fixture final"',
    ]


@pytest.mark.parametrize(
    ("before", "after", "message"),
    [
        (
            "  - where: a search of public web pages\n    searched_for:",
            "  - where: a search of public web pages\n    url: https://www.lancashire-pcc.gov.uk/\n    searched_for:",
            "looked[4].url: a search has no address of its own (hint: record the page the search led to as a place of its own, or remove url:)",
        ),
        (
            "    for: [lancashire]\n    found: []",
            "    for: [lancashire]\n    found: [lancashire]",
            "looked[4].found: a search shows no response itself (hint: record the page where the response was found as a place of its own, with found: there)",
        ),
        (
            "    for: [kent]\n    found: []",
            "    for: [kent]\n    found: []\n    searched_for: [Kent commissioner responses]",
            "looked[2].searched_for: only a search records what was searched for; this place is the body's page of inspection responses "
            "(hint: write where: a search of public web pages, or remove searched_for:)",
        ),
        (
            "    searched_for:\n      - Lancashire police and crime commissioner response fixture final report\n      - Lancashire commissioner section 55 fixture final\n",
            "",
            "looked[4].searched_for: missing required field",
        ),
    ],
    ids=["search-with-address", "search-found-a-response", "words-on-a-page", "search-without-words"],
)
def test_a_search_is_recorded_as_a_search(shapes_project: Path, capsys, before: str, after: str, message: str) -> None:
    path = shapes_project / "data" / "coverage" / f"{FINAL}.yaml"
    text = path.read_text("utf-8")
    assert before in text
    path.write_text(text.replace(before, after), "utf-8")
    status, out, _ = run(capsys, "--root", str(shapes_project), "check")
    assert status == 1
    assert any(line.split(": ", 1)[1].startswith(message) for line in out.splitlines() if line.startswith("data/coverage/")), out


def test_the_guides_search_example_joins_a_coverage_file_the_check_accepts(shapes_project: Path, capsys) -> None:
    """The guide's example of a search, added under `looked` as the guide says, for the body it names."""
    guide = (ROOT / "content" / "contributing.md").read_text("utf-8")
    search = next(block for block in re.findall(r"```yaml\n(.*?)```", guide, re.DOTALL) if "a search of public web pages" in block)
    path = shapes_project / "data" / "coverage" / f"{FINAL}.yaml"
    path.write_text(path.read_text("utf-8") + search.replace("2026-12-01", "2026-11-20"), "utf-8")
    assert run(capsys, "--root", str(shapes_project), "check")[0] == 0
    status, out, _ = run(capsys, "--root", str(shapes_project), "coverage", FINAL, "--force", "cheshire")
    assert status == 0 and 'looked on 2026-11-20 in a search of public web pages, for "Cheshire police and crime commissioner' in out
