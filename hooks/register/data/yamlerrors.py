"""Say what a YAML syntax error means in the words of the person who made it.

PyYAML reports what its parser expected ("expected <block end>, but found '<scalar>'"); staff
need to know what they typed wrong and what to type instead. The same parser message can
come from different slips (a colon in a sentence, or a line indented too far), so the line
itself is looked at to tell them apart. An indentation slip is reported at the line that moved,
which the parser often notices only a line or more below it (see ``_moved_line``). Every message
keeps the prefix "not valid YAML".
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


def _tab_hint(lines: list[str], line_no: int) -> str:
    """Replace the tab with spaces, saying how many: as many as the field line above it uses for a field beside it."""
    general = "replace the tab with spaces; set your editor to insert spaces when Tab is pressed"
    if line_no >= len(lines):
        return general
    key = re.match(r"^[ \t]*(?:- )?([A-Za-z_][\w-]*):", lines[line_no])
    for row in range(line_no - 1, max(-1, line_no - 12), -1):
        above = lines[row]
        if not above.strip() or above.lstrip().startswith("#") or "\t" in above[: len(above) - len(above.lstrip())]:
            continue
        field = re.match(r"^( *)(- )?([A-Za-z_][\w-]*):(.*)$", above)
        if not field:
            continue
        indent = len(field.group(1)) + (2 if field.group(2) else 0)
        if not field.group(4).strip():  # the line above opens a record: its fields go one step in
            indent += 2
        name = f"'{key.group(1)}:' " if key else ""
        return f"replace the tab with spaces: start {name}in column {indent + 1}, like '{field.group(3)}:' on line {row + 1}; set your editor to insert spaces when Tab is pressed"
    return general


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
            _tab_hint(lines, line_no),
        )

    if problem.startswith("mapping values are not allowed here"):
        first = _KEY_THEN_VALUE.match(line)
        if first and first.end() <= column:
            key = first.group(2).strip()
            return at(
                f"the text after '{key}:' contains a colon and a space (': '), which YAML reads as the start of another field",
                _QUOTE_IT,
            )
        moved = _moved_line(text, line_no)
        if moved:
            return moved
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

    if problem.startswith(
        ("expected <block end>", "did not find expected key", "did not find expected '-' indicator", "expected <block mapping start>")
    ):
        return _moved_line(text, line_no) or at("this line is indented differently from the lines around it", _INDENTATION)

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


# --- the line that moved ------------------------------------------------------------------

_FIELD_LINE = re.compile(r"^( *)(?:(- +)(?:([^\s:#'\"][^:#]*?):(?: |$))?|([^\s:#'\"-][^:#]*?):(?: |$))")
"""A line that starts a field (``name:``) or a list item (``- ``, perhaps ``- name:``): the lines whose column carries meaning."""
_LOOK_BACK = 12
"""Lines above the parser's error that may be the one that moved: the parser notices a field
moved left only at the next line that no longer fits, which comments, blank lines or a text
block can push further down."""
_TrialParser = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
_READ_AHEAD = 500
"""Lines past the error a trial reads before counting as read through: far beyond any record, and it keeps a huge file quick."""


def _moved_line(text: str, error_line: int) -> Explanation | None:
    """The one line whose indentation, put back in line with a neighbour, lets the file be read.

    PyYAML reports where it gave up, which is often a line or more after the slip: a field moved
    one space left is read as the start of a new set of fields, and only the correct line below
    it fails. So each field line from the error back a few lines is tried at the columns of the
    field lines around it (a list item's '-' also two columns before them), and of the moves that
    keep the line a field (not a line of a '>-' text above), the one that reads furthest wins; of
    two that read the whole file, the one that leaves no field empty ("name:" with nothing after
    it, which a real record never has) is the line that moved, and then the one nearest the
    error, moved the least.
    """
    lines = text.split("\n")
    fields = {index: found for index, line in enumerate(lines) if (found := _FIELD_LINE.match(line))}
    best: tuple[tuple[int, ...], int, int] | None = None
    for index in range(min(error_line, len(lines) - 1), max(error_line - _LOOK_BACK, 0) - 1, -1):
        if index not in fields:
            continue
        indent, dash = len(fields[index].group(1)), len(fields[index].group(2) or "")
        columns = _neighbour_columns(fields, index)
        for target in sorted({column - shift for column in columns for shift in {0, dash}} - {indent}):
            trial = [*lines[:index], " " * target + lines[index][indent:], *lines[index + 1 :]]
            reached, empty, texts = _trial_parse("\n".join(trial), error_line + _READ_AHEAD)
            if reached > error_line and not any(first <= index <= last for first, last in texts):
                score = (reached, -empty, index - error_line, -abs(target - indent))
                if best is None or score > best[0]:
                    best = (score, index, target)
    if best is None:
        return None
    _, index, target = best
    found = fields[index]
    indent = len(found.group(1))
    name = found.group(3) or found.group(4)
    shown = f"'- {name}:'" if found.group(2) and name else "this list item" if found.group(2) else f"'{name}:'"
    spaces = abs(target - indent)
    direction = "less" if target > indent else "more"
    beside = _beside(fields, index, target)
    return Explanation(
        index + 1,
        indent + 1,
        f"not valid YAML: {shown} is indented {spaces} space{'s' if spaces != 1 else ''} {direction} than the {'fields' if name else 'items'} around it",
        f"start it in column {target + 1}, like {beside}; fields that belong together start in the same column, using spaces",
    )


def _columns(found: re.Match[str]) -> set[int]:
    """Where a field line's fields start: its indentation, and after a '- ' the column of the item's first field."""
    indent = len(found.group(1))
    return {indent, indent + len(found.group(2))} if found.group(2) else {indent}


def _neighbour_columns(fields: dict[int, re.Match[str]], index: int) -> set[int]:
    above = max((other for other in fields if other < index), default=None)
    below = min((other for other in fields if other > index), default=None)
    return set().union(*(_columns(fields[other]) for other in (above, below) if other is not None))


def _beside(fields: dict[int, re.Match[str]], index: int, target: int) -> str:
    """The nearest field line whose field starts at ``target``, named as staff see it."""
    for other in sorted((other for other in fields if other != index), key=lambda other: (abs(other - index), other)):
        found = fields[other]
        if target in _columns(found):
            name = found.group(4) if len(found.group(1)) == target else found.group(3)
            return f"'{name}:' on line {other + 1}" if name else f"the list item on line {other + 1}"
    return "the fields beside it"  # pragma: no cover - the target is always a neighbour's column


def _trial_parse(text: str, enough: int) -> tuple[int, int, list[tuple[int, int]]]:
    """How far ``text`` reads (the 0-based line of its first error; ``enough`` if it reads that far),
    how many fields it leaves empty, and the lines each block text (``>-``, ``|-``) takes."""
    parser, empty, texts = _TrialParser(text), 0, []
    try:
        while True:
            event = parser.get_event()
            if isinstance(event, yaml.StreamEndEvent) or event.start_mark.line >= enough:
                return enough, empty, texts
            if isinstance(event, yaml.ScalarEvent):
                if event.value == "" and event.implicit[0]:
                    empty += 1
                elif event.style in ("|", ">"):
                    end = event.end_mark
                    texts.append((event.start_mark.line + 1, end.line if end.column else end.line - 1))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        return (mark.line if mark else 0), empty, texts
    except yaml.YAMLError:
        return 0, empty, texts
    finally:
        parser.dispose()


def _value_start(line: str, column: int) -> str:
    """The value written after ``name:`` on the line, as far as the error."""
    found = _KEY_THEN_VALUE.match(line)
    if not found:
        return line.strip()
    return line[found.end() : column + 1].lstrip()
