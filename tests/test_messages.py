"""One mistake, one message, at the line to change: indentation slips and misspellings as staff make them.

Each case takes a real data file, makes one slip on one line, and checks that the file's only
problem names that line (not the line where the parser gave up), says what is wrong, and that
doing what the hint says gives a file with no problem at all.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from register.data.problems import Problem
from register.data.schema import check_against_schema
from register.data.yamlfile import read_yaml

ROOT = Path(__file__).resolve().parents[1]
NORFOLK = "data/responses/management-of-terrorist-offenders-2023/norfolk.yaml"
INSPECTION = "data/inspections/management-of-terrorist-offenders-2023.yaml"
KINDS = {NORFOLK: "responseFile", INSPECTION: "inspectionFile"}


def real_lines(relative: str) -> list[str]:
    return (ROOT / relative).read_text("utf-8").split("\n")


def problems_in(lines: list[str], relative: str, tmp_path: Path) -> list[Problem]:
    """What `register check` says about this one file: its reading, then its schema check."""
    path = tmp_path / Path(relative).name
    path.write_text("\n".join(lines), "utf-8")
    document, problems = read_yaml(path, relative)
    if document is None or problems:
        return problems
    return check_against_schema(document, KINDS[relative])


def reindented(lines: list[str], number: int, spaces: int) -> list[str]:
    changed = list(lines)
    changed[number - 1] = " " * spaces + changed[number - 1].lstrip(" ")
    return changed


def test_the_real_files_have_no_problem(tmp_path: Path) -> None:
    for relative in KINDS:
        assert problems_in(real_lines(relative), relative, tmp_path) == []


MOVED = [
    # (file, line moved, its new indentation, the words that say how far it moved)
    (NORFOLK, 13, 1, "'kind:' is indented 1 space less than the fields around it"),  # the issue: reported at the line below
    (NORFOLK, 13, 0, "'kind:' is indented 2 spaces less"),
    (NORFOLK, 16, 0, "'date:' is indented 2 spaces less"),
    (NORFOLK, 17, 0, "'copies:' is indented 2 spaces less"),
    (NORFOLK, 18, 1, "'transcript:' is indented 1 space less"),
    (NORFOLK, 16, 3, "'date:' is indented 1 space more"),
    (NORFOLK, 22, 0, "'words:' is indented 6 spaces less"),  # the parser fails only at 'date:' below it
    (NORFOLK, 22, 4, "'words:' is indented 2 spaces less"),  # reads as a field beside 'deadline:', which would be left empty
    (NORFOLK, 43, 3, "'by:' is indented 1 space less"),
    (NORFOLK, 43, 5, "'by:' is indented 1 space more"),
    (NORFOLK, 47, 6, "'progress:' is indented 2 spaces more"),  # under a one-line value, not a '>-' text
    (NORFOLK, 42, 3, "'- recommendations:' is indented 1 space more"),
    (INSPECTION, 22, 0, "'url:' is indented 2 spaces less"),  # the issue: reported three lines later
]


@pytest.mark.parametrize(("relative", "number", "spaces", "words"), MOVED, ids=[f"{Path(r).stem}-{n}-to-{s}" for r, n, s, _ in MOVED])
def test_a_moved_field_is_reported_at_its_own_line(relative: str, number: int, spaces: int, words: str, tmp_path: Path) -> None:
    original = real_lines(relative)
    [problem] = problems_in(reindented(original, number, spaces), relative, tmp_path)
    assert (problem.line, problem.column) == (number, spaces + 1), str(problem)
    assert words in problem.message, str(problem)
    # The hint alone is enough to put it right: the column it names is the one the line came from.
    column = int(re.search(r"start it in column (\d+)", problem.hint).group(1))
    assert column - 1 == len(original[number - 1]) - len(original[number - 1].lstrip(" "))
    assert problems_in(reindented(original, number, column - 1), relative, tmp_path) == []


def test_the_hint_names_a_field_already_in_that_column(tmp_path: Path) -> None:
    [problem] = problems_in(reindented(real_lines(NORFOLK), 13, 1), NORFOLK, tmp_path)
    assert problem.hint.startswith("start it in column 3, like 'title:' on line 14;"), problem.hint


def test_two_moved_fields_are_found_one_after_the_other(tmp_path: Path) -> None:
    """The parser stops at the first; once that is mended as the hint says, the second is named at its own line."""
    lines = reindented(reindented(real_lines(NORFOLK), 13, 1), 43, 5)
    [first] = problems_in(lines, NORFOLK, tmp_path)
    assert (first.line, first.column) == (13, 2)
    [second] = problems_in(reindented(lines, 13, 2), NORFOLK, tmp_path)
    assert (second.line, second.column) == (43, 6)
    assert "'by:' is indented 1 space more" in second.message


def test_a_slip_that_is_not_indentation_keeps_its_own_message(tmp_path: Path) -> None:
    lines = real_lines(NORFOLK)
    lines[35] = "    heading: PCC response: to report"
    [problem] = problems_in(lines, NORFOLK, tmp_path)
    assert problem.line == 36 and "contains a colon and a space" in problem.message, str(problem)


# --- a field read as part of the text above it ---------------------------------------------------


def _position_under_the_text(lines: list[str]) -> list[str]:
    return reindented(lines, 46, 6)


def _by_after_a_literal_text(lines: list[str]) -> list[str]:
    changed = list(lines)
    del changed[34:36]  # "- by:" and "heading:"
    changed.insert(34, "  - heading: PCC response to report and any Recommendations/Areas for Improvement")
    changed.insert(37, "      by: local policing body")
    return changed


def _note_on_one_line_under_the_text(lines: list[str]) -> list[str]:
    changed = list(lines)
    del changed[47:50]  # the answer's own note
    changed.insert(45, "      note: One paragraph answers the three recommendations together.")
    return changed


SWALLOWED = [
    # (the slip, the line, the field, the text it fell into, the fields to line it up with, its column)
    (_position_under_the_text, 46, "answers[1].position", "text", "'by:' and 'text:'", 5),  # the issue: required, folded (>-)
    (_by_after_a_literal_text, 38, "statements[1].by", "text", "'heading:' and 'text:'", 5),  # required, literal (|-)
    (_note_on_one_line_under_the_text, 46, "answers[1].note", "text", "'by:' and 'text:'", 5),  # optional: nothing else would say
]


@pytest.mark.parametrize(("slip", "number", "field", "text", "like", "column"), SWALLOWED, ids=[case[2] for case in SWALLOWED])
def test_a_field_inside_a_text_is_named_at_its_line_and_not_called_missing(
    slip, number: int, field: str, text: str, like: str, column: int, tmp_path: Path
) -> None:
    lines = slip(real_lines(NORFOLK))
    problems = problems_in(lines, NORFOLK, tmp_path)
    assert [str(problem) for problem in problems if "missing required field" in problem.message] == []
    [problem] = problems
    assert (problem.line, problem.column, problem.field) == (number, 7, field)
    assert problem.message == f"this line reads as a field but is inside the text of '{text}' above; indent it like {like}"
    name = field.rsplit(".", 1)[-1]
    assert problem.hint.startswith(f"start '{name}:' in column {column};"), problem.hint
    assert problems_in(reindented(lines, number, column - 1), NORFOLK, tmp_path) == []


@pytest.mark.parametrize(
    "line",
    [
        "      position: the Commissioner agrees",  # a field the answer already has
        "      Position: the Commissioner agrees",  # not a field name: field names are lower case
        "      Recommendation 19: not applicable",  # words, not a field
        "      outcome: none yet",  # no answer has a field of that name
    ],
)
def test_text_that_only_looks_like_a_field_is_accepted(line: str, tmp_path: Path) -> None:
    lines = real_lines(NORFOLK)
    lines.insert(45, line)  # the last line of the answer's '>-' text
    assert problems_in(lines, NORFOLK, tmp_path) == []


def test_the_hint_for_text_that_is_meant_works(tmp_path: Path) -> None:
    """The hint "put the whole text in double quotes" works: the same words, quoted, are read as text and accepted."""
    lines = _note_on_one_line_under_the_text(real_lines(NORFOLK))
    assert lines[45].startswith("      note: ")
    lines[43:46] = [f'    text: "{lines[44].strip()}', f'      {lines[45].strip()}"']
    assert problems_in(lines, NORFOLK, tmp_path) == []


# --- one misspelling, one message ------------------------------------------------------------------

MISSPELT = [
    # (line, as written, as meant, field)
    (46, "postion", "position", "answers[1].postion"),
    (34, "statments", "statements", "statments"),
    (11, "Published", "published", "Published"),
    (22, "word", "words", "document.asserts.deadline.word"),  # inside a value that may also be "not stated"
]


@pytest.mark.parametrize(("number", "written", "meant", "field"), MISSPELT, ids=[case[1] for case in MISSPELT])
def test_a_misspelt_required_field_is_one_message_with_the_fix(number: int, written: str, meant: str, field: str, tmp_path: Path) -> None:
    lines = real_lines(NORFOLK)
    lines[number - 1] = lines[number - 1].replace(f"{meant}:", f"{written}:", 1)
    [problem] = problems_in(lines, NORFOLK, tmp_path)
    assert (problem.line, problem.field) == (number, field)
    assert problem.message == f"unknown field '{written}': did you mean '{meant}'?"
    assert problem.hint == f"rename it to '{meant}'"


def test_a_misspelt_optional_field_still_lists_the_fields_allowed(tmp_path: Path) -> None:
    """Nothing is missing, so there is nothing to contradict: the unknown field says what may be written."""
    lines = real_lines(NORFOLK)
    lines[47] = lines[47].replace("note:", "nte:")
    [problem] = problems_in(lines, NORFOLK, tmp_path)
    assert problem.message == "unknown field 'nte'"
    assert problem.hint.startswith("did you mean 'note'? check the spelling; fields allowed here: ")


def test_a_misspelling_beside_the_field_itself_drops_nothing(tmp_path: Path) -> None:
    """'postion:' added while 'position:' is there: the field is not missing, and the extra one is only unknown."""
    lines = real_lines(NORFOLK)
    lines.insert(46, "    postion: accepted")
    [problem] = problems_in(lines, NORFOLK, tmp_path)
    assert problem.message == "unknown field 'postion'" and problem.line == 47


def test_two_misspellings_of_one_field_claim_it_once(tmp_path: Path) -> None:
    """Only one of them can be the missing field; the other is reported as unknown, and nothing is called missing."""
    lines = real_lines(NORFOLK)
    lines[45] = lines[45].replace("position:", "postion:")
    lines.insert(46, "    positon: accepted")
    problems = problems_in(lines, NORFOLK, tmp_path)
    assert sorted(problem.message for problem in problems) == [
        "unknown field 'positon'",
        "unknown field 'postion': did you mean 'position'?",
    ]


def test_an_unrelated_missing_field_is_still_reported(tmp_path: Path) -> None:
    """A misspelling far from every missing field is no excuse to drop what really is missing."""
    lines = real_lines(NORFOLK)
    lines[45] = lines[45].replace("position:", "stance:")
    messages = sorted(str(problem) for problem in problems_in(lines, NORFOLK, tmp_path))
    assert len(messages) == 2
    assert "answers[1].position: missing required field" in messages[0]
    assert "answers[1].stance: unknown field 'stance'" in messages[1]
