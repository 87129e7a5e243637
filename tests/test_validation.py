"""Bad data is refused with every problem named by file, line, column and field."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from conftest import AS_OF, build
from register.data.load import load_register
from register.data.problems import DataError, Problem

AS_OF_DATE = date.fromisoformat(AS_OF)

NORFOLK = "data/responses/management-of-terrorist-offenders-2023/norfolk.yaml"
CUMBRIA_2023 = "data/responses/management-of-terrorist-offenders-2023/cumbria.yaml"
CUMBRIA_2020 = "data/responses/counter-terrorism-prevent-2020/cumbria.yaml"
STAFFORDSHIRE = "data/responses/management-of-terrorist-offenders-2023/staffordshire.yaml"
CAMBRIDGESHIRE = "data/responses/counter-terrorism-prevent-2020/cambridgeshire.yaml"
TERRORIST = "data/inspections/management-of-terrorist-offenders-2023.yaml"
PREVENT = "data/inspections/counter-terrorism-prevent-2020.yaml"
FORCES = "data/forces.yaml"


def edit(project: Path, relative: str, old: str, new: str, count: int = 1) -> int:
    """Replace ``old`` with ``new`` in a data file; return the 1-based line where ``new`` starts."""
    path = project / relative
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {relative}"
    index = text.index(old)
    path.write_text(text.replace(old, new, count), "utf-8")
    return text[:index].count("\n") + 1 + new[: len(new) - len(new.lstrip("\n"))].count("\n")


def problems_of(project: Path) -> list[Problem]:
    with pytest.raises(DataError) as caught:
        load_register(project, as_of=AS_OF_DATE)
    return caught.value.problems


def find(problems: list[Problem], path: str, field: str, pattern: str = "") -> Problem:
    """The problem reported for ``field`` of ``path`` whose message and hint match ``pattern``."""
    matches = [
        p for p in problems if p.path == path and p.field == field and re.search(pattern, p.message + (f" (hint: {p.hint})" if p.hint else ""))
    ]
    assert matches, f"no problem for {path} {field} matching {pattern!r}; got:\n" + "\n".join(map(str, problems))
    return matches[0]


def test_real_data_loads(project: Path) -> None:
    register = load_register(project, as_of=AS_OF_DATE)
    assert len(register.forces) == 43
    assert len(register.responses) == 13
    assert sum(1 for response in register.responses if response.transcribed) == 5  # the seeds; the rest located


CASES = [
    # (id, file, old, new, field, message pattern)
    ("unknown inspection", NORFOLK, "inspection: management-of-terrorist-offenders-2023", "inspection: no-such-report",
     "inspection", r"unknown inspection 'no-such-report'"),
    ("unknown force", NORFOLK, "force: norfolk", "force: narfolk", "force", r"unknown force 'narfolk'"),
    ("recommendation not in the inspection", STAFFORDSHIRE, "recommendations: [20]", "recommendations: [22]",
     "answers[2].recommendations[1]", r"has no recommendation 22.*\(hint: its recommendations are: 19, 20, 21\)"),
    ("recommendation not in the inspection, in a shared answer", NORFOLK, "recommendations: [19, 20, 21]", "recommendations: [19, 20, 23]",
     "answers[1].recommendations[3]", r"has no recommendation 23"),
    ("one recommendation answered by two passages", STAFFORDSHIRE, "recommendations: [20]", "recommendations: [19, 20]",
     "answers[2].recommendations[1]", r"recommendation 19 is answered twice \(also in answers\[1\]\)"),
    ("all and numbers together", CUMBRIA_2023, "last_checked: not stated", "  - recommendations: [19]\n    by: local policing body\n    text: Words.\n    position: noted\n    progress: not stated\nlast_checked: not stated",
     "answers[2].recommendations", r"answers\[1\] answers all recommendations, so no other answer can name some of them"),
    ("answer placeholder left in", NORFOLK, "    text: >-\n      There were three", "    text: not stated\n    heading: >-\n      There were three",
     "answers[1].text", r"\"not stated\" is a placeholder.*list 19, 20, 21 under not_answered"),
    ("section 55 reading without a reason", NORFOLK, "  why: >-\n    The Police and Crime Commissioner's own response form for the report, citing section 55\n    and stating a response deadline.", "  why: not stated",
     "section_55.why", r"\"not stated\" is a placeholder: say why the register reads this document as \"the body's response\""),
    ("located record with words", NORFOLK, "record: transcribed", "record: located", "statements", r"a located record holds no statements", "statements:"),
    ("published by an inspectorate not listed", TERRORIST, "published_by: HM Inspectorate of Probation", "published_by: HM Inspectorate of Probaton",
     "published_by", r"'HM Inspectorate of Probaton' is not one of the inspectorates.*did you mean 'HM Inspectorate of Probation'"),
    ("a deadline with a day and a month", PREVENT, "      words: By June 2020\n      month: \"2020-06\"", "      words: By June 2020\n      day: 2020-06-30\n      month: \"2020-06\"",
     "recommendations[1].deadline", r"give one of day, month or from_publication, not day and month"),
    ("related to an inspection the register lacks", PREVENT, "respondents: all forces", "related:\n  - relation: final report\n    inspection: prevent-final-2021\nrespondents: all forces",
     "related[1].inspection", r"unknown inspection 'prevent-final-2021'", "inspection: prevent-final-2021"),
    ("published after the as-of date", CUMBRIA_2023, "published: not stated", "published: 2026-12-25", "published", r"2026-12-25 is after the register's as-of date \(2026-12-01\)"),
    ("document dated after the as-of date", CAMBRIDGESHIRE, "date: 2020-05-26", "date: 2027-05-26", "document.date", r"after the register's as-of date"),
    ("not answered lists an unknown number", CUMBRIA_2020, "not_answered: [1, 2, 3, 4, 5, 6, 8]", "not_answered: [1, 2, 3, 4, 5, 6, 9]", "not_answered[7]", r"has no recommendation 9"),
    ("answered and listed as not answered", CUMBRIA_2020, "not_answered: [1, 2, 3, 4, 5, 6, 8]", "not_answered: [1, 2, 3, 4, 5, 6, 7, 8]", "answers[1].recommendations[1]", r"answered here and listed under not_answered", "- recommendations: [7]"),
    ("answer refers back to an unknown inspection", NORFOLK, "    position: awaiting national lead", "    refers_to:\n      inspection: prevent-interim-2019\n    position: awaiting national lead",
     "answers[1].refers_to.inspection", r"unknown inspection 'prevent-interim-2019'", "inspection: prevent-interim-2019"),
    ("body not in office on the date", CUMBRIA_2023, "body: cumbria-pfcc", "body: cumbria-pcc",
     "body", r"'cumbria-pcc' was not in office on 2023-07-20; 'cumbria-pfcc' was in office then"),
    ("body of another force", CUMBRIA_2020, "body: cumbria-pcc", "body: norfolk-pcc", "body", r"'norfolk-pcc' is not a body of Cumbria Constabulary"),
    ("impossible date", TERRORIST, "published: 2023-07-20", "published: 2023-02-30", "published", r"'2023-02-30' is not a real date"),
    ("date in the wrong format", TERRORIST, "published: 2023-07-20", "published: 20/07/2023", "published",
     r"expected a date written YYYY-MM-DD; got '20/07/2023'"),
    ("impossible date where not stated is allowed", NORFOLK, "published: not stated", "published: 2023-09-31", "published", r"'2023-09-31' is not a real date"),
    ("duplicate key", NORFOLK, "body: norfolk-pcc", "force: norfolk\nbody: norfolk-pcc", "force", r"duplicate key 'force' \(first written on line 3\)"),
    ("inspection id does not match file name", TERRORIST, "id: management-of-terrorist-offenders-2023", "id: terrorist-offenders",
     "id", r"id 'terrorist-offenders' does not match the file name 'management-of-terrorist-offenders-2023.yaml'"),
    ("response force does not match file name", CUMBRIA_2023, "force: cumbria", "force: norfolk", "force", r"'norfolk' does not match the file name 'cumbria.yaml'"),
    ("unknown field", NORFOLK, "    position: awaiting national lead", "    positon: awaiting national lead", "answers[1].positon", r"unknown field 'positon'"),
    ("label outside the vocabulary", NORFOLK, "    position: awaiting national lead", "    position: agreed",
     "answers[1].position", r"expected one of 'accepted', .*; got 'agreed'"),
    ("wrong type", TERRORIST, "recommendation_count: 21", "recommendation_count: twenty-one", "recommendation_count", r"expected a whole number, or \"not stated\"; got 'twenty-one'"),
    ("yes read as true", NORFOLK, "    progress: not stated", "    progress: no", "answers[1].progress", r"got false"),
    ("response before the report", CUMBRIA_2023, "published: not stated", "published: 2023-07-19", "published", r"2023-07-19 is before the report was published"),
    ("count not stated is allowed but a word is not", TERRORIST, "recommendation_count: 21", "recommendation_count: unknown", "recommendation_count", r"expected a whole number, or \"not stated\"; got 'unknown'"),
    ("body overlap in forces file", FORCES, "        to: 2023-03-31", "        to: 2023-04-02", "forces[7].bodies[2].from", r"before the previous body left office"),
]


@pytest.mark.parametrize(("file", "old", "new", "field", "pattern", "line_of"), [(*case[1:], None)[:6] for case in CASES], ids=[case[0] for case in CASES])
def test_bad_input_is_named_by_file_line_and_field(project: Path, file: str, old: str, new: str, field: str, pattern: str, line_of: str | None) -> None:
    """Each problem at the line of the edit, or, where the problem belongs to another line, at the line holding ``line_of``."""
    line = edit(project, file, old, new)
    if line_of is not None:
        line = next(number for number, text in enumerate((project / file).read_text("utf-8").splitlines(), 1) if text.strip() == line_of)
    problem = find(problems_of(project), file, field, pattern)
    if file != FORCES:
        assert problem.line == line, str(problem)
    assert re.fullmatch(rf"{re.escape(file)}:\d+:\d+: {re.escape(field)}: .+", str(problem))


def test_missing_field_points_at_its_parent(project: Path) -> None:
    edit(project, NORFOLK, "    progress: not stated\n", "", 1)
    lines = (project / NORFOLK).read_text().splitlines()
    opening = lines.index("  - recommendations: [19, 20, 21]") + 1
    problem = find(problems_of(project), NORFOLK, "answers[1].progress")
    assert problem.message == "missing required field"
    assert (problem.line, problem.column) == (opening, 5)  # where the answer missing it starts


def test_yaml_syntax_error_gives_line_and_hint(project: Path) -> None:
    line = edit(project, NORFOLK, "force: norfolk", "force:\tnorfolk\n\tbody: x")
    problem = find(problems_of(project), NORFOLK, "(file)")
    assert (problem.line, problem.column) == (line, 7)
    assert "not valid YAML" in problem.message
    assert "spaces" in problem.hint


def test_every_problem_in_every_file_is_reported_at_once(project: Path) -> None:
    edit(project, NORFOLK, "recommendations: [19, 20, 21]", "recommendations: [19, 22, 21]")
    edit(project, CUMBRIA_2023, "body: cumbria-pfcc", "body: cumbria-pcc")
    edit(project, PREVENT, "published: 2020-03-09", "published: 2020-02-30")
    problems = problems_of(project)
    assert {p.path for p in problems} == {NORFOLK, CUMBRIA_2023, PREVENT}


def test_build_refuses_bad_data_and_writes_nothing(project: Path) -> None:
    line = edit(project, STAFFORDSHIRE, "recommendations: [20]", "recommendations: [22]")
    edit(project, PREVENT, "published: 2020-03-09", "published: 2020-02-30")
    result = build(project)
    assert result.returncode != 0
    assert f"{STAFFORDSHIRE}:{line}:23: answers[2].recommendations[1]: inspection 'management-of-terrorist-offenders-2023' has no recommendation 22" in result.output
    assert re.search(rf"{re.escape(PREVENT)}:\d+:\d+: published: '2020-02-30' is not a real date", result.output)
    assert "Traceback" not in result.output
    assert not result.site.exists()


def test_build_keeps_the_previous_site_when_data_is_bad(project: Path) -> None:
    site = project / "site"
    (site / "inspections").mkdir(parents=True)
    (site / "inspections" / "index.html").write_text("previous build")
    edit(project, NORFOLK, "force: norfolk", "force: narfolk")
    assert build(project, site).returncode != 0
    assert (site / "inspections" / "index.html").read_text() == "previous build"


def test_a_transcribed_record_with_no_words_is_refused(project: Path) -> None:
    path = project / CUMBRIA_2020
    text = path.read_text("utf-8")
    path.write_text(text[: text.index("answers:")] + "answers: []\nlast_checked: not stated\n", "utf-8")
    problem = find(problems_of(project), CUMBRIA_2020, "record", r"says it is transcribed but holds no statements and no answers.*record: located")
    assert problem.line == text.splitlines().index("record: transcribed") + 1


def test_a_located_record_needs_an_address(project: Path) -> None:
    path = project / NORFOLK
    text = path.read_text("utf-8")
    start, end = text.index("office_use_checklist:"), text.index("last_checked:")
    path.write_text(text[:start].replace("record: transcribed", "record: located") + "statements: []\nanswers: []\n" + text[end:], "utf-8")
    find(problems_of(project), NORFOLK, "document.copies", r"a located record needs the address where the document was found")


def test_a_named_commissioner_is_checked_against_the_holders_recorded(project: Path) -> None:
    edit(project, FORCES, "        name: Staffordshire Commissioner", "        name: Staffordshire Commissioner\n        holders:\n          - name: Someone Else\n            from: 2021-05-01")
    problem = find(problems_of(project), STAFFORDSHIRE, "document.names[1].name", r"'Ben Adams' is not recorded as .* on 2023-07-20; Someone Else held it then")
    assert problem.line == (project / STAFFORDSHIRE).read_text("utf-8").splitlines().index("    - name: Ben Adams") + 1


def test_with_no_holders_recorded_a_named_commissioner_is_not_checked(project: Path) -> None:
    register = load_register(project, as_of=AS_OF_DATE)
    names = register.response("management-of-terrorist-offenders-2023", "staffordshire").document.names
    assert [(person.name, person.role, person.label) for person in names] == [("Ben Adams", "commissioner", "Police and Crime Commissioner")]


# Coverage files -------------------------------------------------------------------------------

COVERAGE = "data/coverage/management-of-terrorist-offenders-2023.yaml"
GOOD_COVERAGE = """inspection: management-of-terrorist-offenders-2023
looked:
  - where: the inspectorate's report page
    url: https://www.justiceinspectorates.gov.uk/fixture/
    checked: 2026-11-28
    for: all bodies
    found: [norfolk]
"""


def write_coverage(project: Path, text: str, relative: str = COVERAGE) -> None:
    path = project / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")


def test_a_coverage_file_loads(project: Path) -> None:
    write_coverage(project, GOOD_COVERAGE)
    register = load_register(project, as_of=AS_OF_DATE)
    (look,) = register.looks("management-of-terrorist-offenders-2023", "kent")
    assert (look.where, look.checked, look.found) == ("the inspectorate's report page", date(2026, 11, 28), ("norfolk",))


@pytest.mark.parametrize(
    ("old", "new", "field", "pattern", "line"),
    [
        ("found: [norfolk]", "found: [kent]", "looked[1].found[1]", r"a response by kent was found here, but the register has no record of it.*record: located", 7),
        ("found: [norfolk]", "found: [narfolk]", "looked[1].found[1]", r"unknown force 'narfolk'.*did you mean 'norfolk'", 7),
        ("for: all bodies", "for: [kent]", "looked[1].found[1]", r"'norfolk' is not among the bodies this place would show", 7),
        ("checked: 2026-11-28", "checked: 2026-12-25", "looked[1].checked", r"2026-12-25 is after the register's as-of date", 5),
        ("where: the inspectorate's report page", "where: a search engine", "looked[1].where", r"expected one of", 3),
        ("inspection: management-of-terrorist-offenders-2023", "inspection: counter-terrorism-prevent-2020", "inspection", r"does not match the file name", 1),
    ],
)
def test_bad_coverage_is_named_by_file_line_and_field(project: Path, old: str, new: str, field: str, pattern: str, line: int) -> None:
    write_coverage(project, GOOD_COVERAGE.replace(old, new))
    assert find(problems_of(project), COVERAGE, field, pattern).line == line


def test_a_coverage_file_for_an_unknown_inspection_is_refused(project: Path) -> None:
    write_coverage(project, GOOD_COVERAGE.replace("management-of-terrorist-offenders-2023", "no-such-report"), "data/coverage/no-such-report.yaml")
    find(problems_of(project), "data/coverage/no-such-report.yaml", "inspection", r"unknown inspection 'no-such-report'")


def test_a_located_record_needs_the_day_its_copy_was_seen(project: Path) -> None:
    path = project / NORFOLK
    text = path.read_text("utf-8")
    start = text.index("office_use_checklist:")
    text = text[:start].replace("record: transcribed", "record: located").replace("  copies: []", "  copies:\n    - url: https://www.norfolk-pcc.gov.uk/fixture.pdf\n      checked: not stated")
    path.write_text(text + "statements: []\nanswers: []\nlast_checked: not stated\n", "utf-8")
    find(problems_of(project), NORFOLK, "document.copies[1].checked", r"a located record needs the day someone saw the document at this address")
