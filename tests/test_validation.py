"""Bad data is refused with every problem named by file, line, column and field."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from register.load import load_register
from register.problems import DataError, Problem

from conftest import build

NORFOLK = "data/responses/management-of-terrorist-offenders-2023/norfolk.yaml"
CUMBRIA_2023 = "data/responses/management-of-terrorist-offenders-2023/cumbria.yaml"
CUMBRIA_2020 = "data/responses/counter-terrorism-prevent-2020/cumbria.yaml"
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
        load_register(project)
    return caught.value.problems


def find(problems: list[Problem], path: str, field: str, pattern: str = "") -> Problem:
    """The problem reported for ``field`` of ``path`` whose message and hint match ``pattern``."""
    matches = [
        p for p in problems if p.path == path and p.field == field and re.search(pattern, p.message + (f" (hint: {p.hint})" if p.hint else ""))
    ]
    assert matches, f"no problem for {path} {field} matching {pattern!r}; got:\n" + "\n".join(map(str, problems))
    return matches[0]


def test_real_data_loads(project: Path) -> None:
    register = load_register(project)
    assert len(register.forces) == 43
    assert len(register.responses) == 5


CASES = [
    # (id, file, old, new, field, message pattern)
    ("unknown inspection", NORFOLK, "inspection: management-of-terrorist-offenders-2023", "inspection: no-such-report",
     "inspection", r"unknown inspection 'no-such-report'"),
    ("unknown force", NORFOLK, "force: norfolk", "force: narfolk", "force", r"unknown force 'narfolk'"),
    ("recommendation not in the inspection", NORFOLK, "recommendation: 20", "recommendation: 22",
     "answers[2].recommendation", r"has no recommendation 22.*\(hint: its recommendations are: 19, 20, 21\)"),
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
    ("wrong type", TERRORIST, "recommendation_count: 21", "recommendation_count: twenty-one", "recommendation_count", r"expected a whole number, got 'twenty-one'"),
    ("yes read as true", NORFOLK, "    progress: not stated", "    progress: no", "answers[1].progress", r"got false"),
    ("response before the report", CUMBRIA_2023, "published: not stated", "published: 2023-07-19", "published", r"2023-07-19 is before the report was published"),
    ("body overlap in forces file", FORCES, "        to: 2023-03-31", "        to: 2023-04-02", "forces[7].bodies[2].from", r"before the previous body left office"),
]


@pytest.mark.parametrize(("file", "old", "new", "field", "pattern"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_bad_input_is_named_by_file_line_and_field(project: Path, file: str, old: str, new: str, field: str, pattern: str) -> None:
    line = edit(project, file, old, new)
    problem = find(problems_of(project), file, field, pattern)
    if file != FORCES:
        assert problem.line == line, str(problem)
    assert re.fullmatch(rf"{re.escape(file)}:\d+:\d+: {re.escape(field)}: .+", str(problem))


def test_missing_field_points_at_its_parent(project: Path) -> None:
    edit(project, NORFOLK, "    progress: not stated\n", "", 1)
    lines = (project / NORFOLK).read_text().splitlines()
    opening = lines.index("  - recommendation: 19") + 1
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
    edit(project, NORFOLK, "recommendation: 20", "recommendation: 22")
    edit(project, CUMBRIA_2023, "body: cumbria-pfcc", "body: cumbria-pcc")
    edit(project, PREVENT, "published: 2020-03-09", "published: 2020-02-30")
    problems = problems_of(project)
    assert {p.path for p in problems} == {NORFOLK, CUMBRIA_2023, PREVENT}


def test_build_refuses_bad_data_and_writes_nothing(project: Path) -> None:
    line = edit(project, NORFOLK, "recommendation: 20", "recommendation: 22")
    edit(project, PREVENT, "published: 2020-03-09", "published: 2020-02-30")
    result = build(project)
    assert result.returncode != 0
    assert f"{NORFOLK}:{line}:21: answers[2].recommendation: inspection 'management-of-terrorist-offenders-2023' has no recommendation 22" in result.output
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
