"""Say what a YAML syntax error means in the words of the person who made it.

PyYAML reports what its parser expected ("expected <block end>, but found '<scalar>'"); staff
need to know what they typed wrong and what to type instead. The same parser message can
come from different slips (a colon in a sentence, or a line indented too far), so the line
itself is looked at to tell them apart. Every message keeps the prefix "not valid YAML".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

_KEY_THEN_VALUE = re.compile(r"^(\s*)(?:-\s+)?([^\s:#'\"][^:#]*?):(?:\s+|$)")
_QUOTES = "'\""

_STARTERS = {
    "@": "text cannot start with @",
    "`": "text cannot start with `",
    "*": "text cannot start with *",
    "&": "text cannot start with &",
    "|": "text cannot start with |",
    ">": "text cannot start with >",
    "[": "text that starts with [ is read as a list",
    "{": "text that starts with { is read as a set of fields",
    "%": "text cannot start with %",
}
_QUOTE_IT = (
    'put the whole text in double quotes ("…"), or write ">-" after the colon and the text on the next line, indented two spaces further'
)
_INDENTATION = (
    "fields that belong together start in the same column, and a list item's fields start two spaces after its '-'; "
    "line this one up with the field it belongs beside, using spaces"
)


@dataclass(frozen=True)
class Explanation:
    line: int
    column: int
    message: str
    hint: str


def explain(error: yaml.MarkedYAMLError, text: str) -> Explanation:
    """Where the slip is (1-based line and column), what it is, and how to put it right."""
    problem = (error.problem or error.context or "").strip()
    context = (error.context or "").strip()
    mark = error.problem_mark or error.context_mark
    line_no, column = (mark.line, mark.column) if mark else (0, 0)
    lines = text.splitlines()
    line = lines[line_no] if line_no < len(lines) else ""

    def at(message: str, hint: str, where: yaml.Mark | None = None, col: int | None = None) -> Explanation:
        place = where or mark
        row = place.line if place else line_no
        return Explanation(
            row + 1, (col if col is not None else (place.column if place else column)) + 1, f"not valid YAML: {message}", hint
        )

    if problem.startswith("found character '\\t'"):
        return at(
            "a tab character; YAML files use spaces only",
            "replace the tab with spaces; set your editor to insert spaces when Tab is pressed",
        )

    if problem.startswith("mapping values are not allowed here"):
        first = _KEY_THEN_VALUE.match(line)
        if first and first.end() <= column:
            key = first.group(2).strip()
            return at(
                f"the text after '{key}:' contains a colon and a space (': '), which YAML reads as the start of another field",
                _QUOTE_IT,
            )
        key_match = re.match(r"^(\s*)(?:-\s+)?([^:]+):", line)
        key = key_match.group(2).strip() if key_match else line.strip()
        col = len(key_match.group(1)) if key_match else column
        return at(
            f"'{key}:' is indented further than the field above it, so it cannot start a field here",
            f"if '{key}' is a field, indent it exactly like the field above it; "
            "if this line is part of the text above, put that text in double quotes or after '>-'",
            col=col,
        )

    if problem.startswith("expected <block end>, but found '<scalar>'"):
        value = _value_start(line, column)
        if value and value[0] in _QUOTES:
            return at(
                f"the text goes on after its closing quote mark ({value[0]})",
                "text that begins with a quote mark must end with it: inside '…' write an apostrophe as two (''), "
                'or write ">-" after the colon and the text on the next line, without quotes',
            )
        if value and value[0] in "[{":
            return at(_STARTERS[value[0]], _QUOTE_IT, col=line.index(value))

    if problem.startswith(("expected <block end>", "did not find expected key", "did not find expected '-' indicator")) or (
        problem.startswith("expected <block mapping start>")
    ):
        return at("this line is indented differently from the lines around it", _INDENTATION)

    if problem.startswith("could not find expected ':'"):
        return at(
            "this line has no 'name:' but is not indented as part of the text above",
            "if it continues the text above, indent it like that text; if it is a field, write it as 'name: value'",
            where=error.context_mark,
        )

    if problem.startswith("found unexpected end of stream") and "quoted scalar" in context:
        return at("this quote mark is never closed", "end the text with the same quote mark it starts with", where=error.context_mark)

    starter = re.match(r"found character '(.)' that cannot start any token", problem)
    if starter and starter.group(1) in _STARTERS:
        return at(_STARTERS[starter.group(1)], _QUOTE_IT)
    if context.startswith(("while scanning an alias", "while scanning an anchor", "while scanning a block scalar", "while parsing a flow")):
        where = error.context_mark
        opening = lines[where.line] if where and where.line < len(lines) else ""
        lead = opening[where.column] if where and where.column < len(opening) else ""
        if lead in _STARTERS:
            return at(_STARTERS[lead], _QUOTE_IT, where=where)

    if context.startswith("expected a single document"):
        return at(
            "a second document starts at this line ('---')",
            "a data file holds one record: remove the '---' line, or move what follows into a file of its own",
        )
    if problem.startswith("found unknown escape character"):
        return at(problem, "inside double quotes a backslash starts an escape; write \\\\ for a backslash, or use single quotes")
    if problem.startswith("found duplicate anchor"):
        return at(problem, "remove the repeated & anchor")
    return at(
        problem or "the file could not be read", "check the indentation (spaces only) and the quote marks on this line and the line above"
    )


def _value_start(line: str, column: int) -> str:
    """The value written after ``name:`` on the line, as far as the error."""
    found = _KEY_THEN_VALUE.match(line)
    if not found:
        return line.strip()
    return line[found.end() : column + 1].lstrip()
