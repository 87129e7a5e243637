"""Check one data file against the register's JSON Schema and word the errors for staff.

The schema (``schema/register.schema.json``) is the single definition of the file formats;
editors use the same file. jsonschema's own messages are written for programmers
("'x' is not of type 'string'"), so each error is reworded here as what was expected and
what was found, at the line and column where it was written. The characters text may hold
are checked after the schema, in ``textrules``.

JSON Schema patterns are ECMA-262 regular expressions, in which ``$`` ends the text; in
Python's ``re`` it also matches before a final newline, so "cumbria\n" would pass as an id
and be published where no link reaches. Patterns are therefore given ECMA-262's meaning here,
so the check, the build and the editors read the schema the same way.
"""

from __future__ import annotations

import calendar
import copy
import difflib
import json
import re
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError

from register.data.problems import Problem
from register.data.textrules import check_text
from register.data.yamlfile import YamlDocument, field_name

FILE_KINDS = ("forcesFile", "inspectionFile", "responseFile", "coverageFile")


def schema_text() -> str:
    """The schema file as shipped, for publishing beside the data."""
    return resources.files("register").joinpath("schema/register.schema.json").read_text("utf-8")


@cache
def python_pattern(pattern: str) -> re.Pattern[str]:
    """An ECMA-262 pattern as Python reads it: each ``$`` outside a character class ends the text (``\\Z``)."""
    out, escaped, in_class = [], False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "$" and not in_class:
            char = r"\Z"
        out.append(char)
    return re.compile("".join(out))


def _pattern(validator: Any, pattern: str, instance: Any, schema: dict[str, Any]) -> Any:
    if validator.is_type(instance, "string") and not python_pattern(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


_RegisterValidator = validators.extend(Draft202012Validator, {"pattern": _pattern})


@cache
def _validator(kind: str) -> Draft202012Validator:
    schema = json.loads(schema_text())
    schema.pop("oneOf")
    schema["$ref"] = f"#/$defs/{kind}"
    return _RegisterValidator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def check_against_schema(document: YamlDocument, kind: str) -> list[Problem]:
    """Every way ``document`` breaks the schema for files of ``kind``, then the rules for the characters of its text.

    The text rules normalise the line breaks of a document's words in place (see ``textrules``).
    """
    if kind not in FILE_KINDS:  # pragma: no cover - programming error
        raise ValueError(kind)
    problems = []
    errors = list(_validator(kind).iter_errors(document.data))
    # A date in the wrong shape fails both its pattern and its format; the pattern's message says more.
    misshapen = {tuple(error.absolute_path) for error in errors if error.validator == "pattern"}
    for error in errors:
        if error.validator == "format" and tuple(error.absolute_path) in misshapen:
            continue
        problems.extend(_problems_from(error, document))
    problems = _one_message_per_mistake(problems, errors, document, kind)
    refused = {tuple(error.absolute_path) for error in errors}
    problems.extend(check_text(document, skip=refused))
    return problems


# --- one mistake, one message ----------------------------------------------------------------
# A misspelt field is both unknown and, when required, missing; a field indented too far under a
# text (``text: >-``) is read as part of that text and so is missing too. Each is one slip, so it
# gets one message, at the line to change, and the "missing required field" it causes is dropped.


def _one_message_per_mistake(problems: list[Problem], errors: list[ValidationError], document: YamlDocument, kind: str) -> list[Problem]:
    missing: dict[tuple[Any, ...], set[str]] = {}
    unknown: dict[tuple[Any, ...], list[str]] = {}
    pending = list(errors)
    while pending:
        error = pending.pop()
        at = tuple(error.absolute_path)
        if error.validator == "required":
            missing.setdefault(at, set()).add(error.message.split("'")[1])
        elif error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = error.schema.get("properties", {})
            unknown.setdefault(at, []).extend(key for key in error.instance if key not in allowed)
        pending.extend(error.context or [])

    dropped: set[str] = set()  # field names whose "missing required field" goes
    renamed: dict[str, Problem] = {}  # field name of an unknown field -> its one message
    for at, keys in unknown.items():
        unclaimed = sorted(missing.get(at, set()))
        for key in dict.fromkeys(keys):
            meant = _near_miss(key, unclaimed)
            if meant:
                unclaimed.remove(meant)
                dropped.add(field_name(at + (meant,)))
                name = field_name(at + (key,))
                renamed[name] = Problem(
                    document.path,
                    *document.where(at + (key,), key=True),
                    name,
                    f"unknown field '{key}': did you mean '{meant}'?",
                    f"rename it to '{meant}'",
                )
    swallowed = _swallowed_fields(document, kind, missing, dropped)
    dropped.update(problem.field for problem in swallowed)

    kept = []
    for problem in problems:
        if problem.field in dropped and problem.message == "missing required field":
            continue
        if problem.field in renamed and problem.message.startswith("unknown field '"):
            problem = renamed.pop(problem.field)
        kept.append(problem)
    return kept + swallowed


def _swallowed_fields(document: YamlDocument, kind: str, missing: dict[tuple[Any, ...], set[str]], taken: set[str]) -> list[Problem]:
    """Lines inside a block text that read ``name: value`` for a field its record lacks and may have: a field indented too far."""
    problems: list[Problem] = []
    for block, lines in document.lines_like_fields.items():
        at, text_field = block[:-1], block[-1]
        record = _value_at(document.data, at)
        if not isinstance(record, dict):
            continue
        for line, column, name in lines:
            where = field_name(at + (name,))
            if name in record or where in taken or name not in _field_names():
                continue
            if not (name in missing.get(at, set()) or _allowed_field(document, kind, at, name)):
                continue
            taken.add(where)
            siblings = list(record)
            index = siblings.index(text_field)
            beside = siblings[index - 1 : index + 1] if index else siblings[:2]
            like = " and ".join(f"'{sibling}:'" for sibling in beside)
            start = document.where(block, key=True)[1]
            problems.append(
                Problem(
                    document.path,
                    line,
                    column,
                    where,
                    f"this line reads as a field but is inside the text of '{text_field}' above; indent it like {like}",
                    f"start '{name}:' in column {start}; if these words belong to the text, put the whole text in double quotes",
                )
            )
    return problems


def _allowed_field(document: YamlDocument, kind: str, at: tuple[Any, ...], name: str) -> bool:
    """Whether the schema lets the record at ``at`` have a field ``name``: tried on a copy with it added, beside a name no schema allows."""
    trial = copy.deepcopy(document.data)
    record, never = _value_at(trial, at), "\x00not a field"
    record[name], record[never] = "not stated", "not stated"
    refused: set[str] = set()
    pending = list(_validator(kind).iter_errors(trial))
    while pending:
        error = pending.pop()
        if error.validator == "additionalProperties" and tuple(error.absolute_path) == at and isinstance(error.instance, dict):
            refused.update(key for key in error.instance if key not in error.schema.get("properties", {}))
        pending.extend(error.context or [])
    return never in refused and name not in refused


@cache
def _field_names() -> frozenset[str]:
    """Every field name the schema defines anywhere: words in a text that are none of these need no closer look."""
    names: set[str] = set()
    pending: list[Any] = [json.loads(schema_text())]
    while pending:
        part = pending.pop()
        if isinstance(part, dict):
            names.update(part.get("properties", {}) if isinstance(part.get("properties"), dict) else ())
            pending.extend(part.values())
        elif isinstance(part, list):
            pending.extend(part)
    return frozenset(names)


def _value_at(data: Any, at: tuple[Any, ...]) -> Any:
    for part in at:
        data = data[part]
    return data


_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a set of fields",
    "null": "nothing",
}


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"'{_visible(shown)}'"
    if isinstance(value, list):
        return "a list"
    return "a set of fields"


def _visible(text: str) -> str:
    """``text`` with every character that is not plainly visible written as an escape, so a message shows it and stays one line."""
    return "".join(char if char == " " or (char.isprintable() and not char.isspace()) else char.encode("unicode_escape").decode("ascii") for char in text)


def _expected(schema: dict[str, Any]) -> str | None:
    if "x-expected" in schema:
        return str(schema["x-expected"])
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        target = json.loads(schema_text())["$defs"].get(name, {})
        return target.get("x-expected")
    return None


def _problems_from(error: ValidationError, document: YamlDocument) -> list[Problem]:
    at = tuple(error.absolute_path)
    path = document.path
    value = error.instance
    kind = error.validator

    if kind == "required":
        missing = error.message.split("'")[1]
        line, column = document.where(at)
        return [Problem(path, line, column, field_name(at + (missing,)), "missing required field", _required_hint(missing))]
    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extras = [key for key in value if key not in allowed]
        return [
            Problem(
                path,
                *document.where(at + (key,), key=True),
                field_name(at + (key,)),
                f"unknown field '{key}'",
                _did_you_mean(key, allowed) + "check the spelling; fields allowed here: " + ", ".join(allowed),
            )
            for key in extras
        ]

    line, column = document.where(at)
    name = field_name(at)
    if kind == "type":
        wanted = error.validator_value
        wanted_text = _TYPE_NAMES.get(wanted, str(wanted)) if isinstance(wanted, str) else " or ".join(_TYPE_NAMES.get(w, w) for w in wanted)
        hint = ""
        if wanted == "string" and isinstance(value, bool):
            hint = "YAML reads yes, no, on, off, true and false as true/false; put the text in quotes"
        elif wanted == "string" and value is None:
            hint = 'write the text after the colon, or "not stated" where the source is silent'
        elif wanted == "string" and isinstance(value, (int, float)):
            hint = "put the value in quotes"
        else:
            hint = _TYPE_HINTS.get(wanted, "") if isinstance(wanted, str) else ""
        return [Problem(path, line, column, name, f"expected {wanted_text}, got {_describe(value)}", hint)]
    if kind == "enum":
        options = ", ".join(f"'{option}'" for option in error.validator_value)
        choices = [str(option) for option in error.validator_value]
        where = "labels are defined on the method page" if at and at[-1] in ("position", "progress") else "write one of these exactly, in lower case"
        return [Problem(path, line, column, name, f"expected one of {options}; got {_describe(value)}", _did_you_mean(str(value), choices) + where)]
    if kind == "const":
        return [Problem(path, line, column, name, f"expected '{error.validator_value}', got {_describe(value)}", f"write {error.validator_value} exactly")]
    if kind == "format" and error.validator_value == "date":
        return [Problem(path, line, column, name, f"{_describe(value)} is not a real date", _impossible_date_hint(value))]
    if kind in ("anyOf", "oneOf"):
        branch = _matching_branch(error)
        if branch:
            return [problem for sub in branch for problem in _problems_from(sub, document)]
        bounds = [sub for sub in error.context or [] if sub.validator in ("minimum", "maximum") and sub.absolute_path == error.absolute_path]
        if bounds:  # a whole number out of range, not a value of the wrong kind
            return _problems_from(bounds[0], document)
        dated = [sub for sub in error.context or [] if sub.validator == "format"]
        misshapen = [sub for sub in error.context or [] if sub.validator == "pattern"]
        if dated and not misshapen:
            return [Problem(path, line, column, name, f"{_describe(value)} is not a real date", _impossible_date_hint(value))]
        expected = _expected(error.schema) or "a value of another shape"
        return [Problem(path, line, column, name, f"expected {expected}; got {_describe(value)}", _pattern_hint(value, expected) or _not_stated_hint(value, at))]
    if kind == "pattern":
        expected = _expected(error.schema) or f"text matching {error.validator_value}"
        return [Problem(path, line, column, name, f"expected {expected}; got {_describe(value)}", _pattern_hint(value, expected))]
    if kind == "maxLength":
        return [
            Problem(path, line, column, name, f"is {len(value)} characters long; the limit is {error.validator_value}", "shorten it: it becomes part of a file name and a web address")
        ]
    if kind == "not" and isinstance(value, str):
        return [
            Problem(
                path,
                line,
                column,
                name,
                f"'{_visible(value)}' cannot be an id: the site or Windows keeps the name for its own use",
                "choose another id, e.g. with a word or the year added; the kept names are listed in the schema's definition of an id (slug)",
            )
        ]
    if kind == "maximum":
        return [Problem(path, line, column, name, f"must be at most {error.validator_value}; got {_describe(value)}", "no report comes near that; check the digits")]
    if kind in ("minItems", "minLength"):
        empty_hint = 'write "not stated" where the source is silent' if kind == "minLength" else "add at least one item, each on its own line starting with '- '"
        return [Problem(path, line, column, name, "must not be empty", empty_hint)]
    if kind == "minimum":
        return [Problem(path, line, column, name, f"must be at least {error.validator_value}; got {_describe(value)}", "numbers are written as the report numbers them")]
    return [Problem(path, line, column, name, error.message)]  # pragma: no cover - keyword unused by the schema


def _matching_branch(error: ValidationError) -> list[ValidationError]:
    """The errors of the one alternative whose shape the value has (a list, a set of fields), if exactly one has it.

    "a deadline, or \"not stated\"" says little about a deadline with a misspelt field; the errors
    inside the deadline branch say exactly what is wrong, at the field itself.
    """
    if not isinstance(error.instance, (dict, list)):
        return []
    branches: dict[int, list[ValidationError]] = {}
    for sub in error.context or []:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    shaped = [
        errors
        for errors in branches.values()
        if not any(sub.validator in ("type", "const", "enum") and sub.absolute_path == error.absolute_path for sub in errors)
    ]
    return shaped[0] if len(shaped) == 1 else []


def _not_stated_hint(value: Any, at: tuple) -> str:
    """Where "not stated" cannot stand: say so, and where the unknown belongs instead."""
    if value != "not stated":
        return ""
    if at and at[-1] == "recommendations":
        return "an answer lists the numbers it answers; a recommendation the document does not answer goes under not_answered"
    return 'this field cannot be "not stated"; write what the source says'


def _required_hint(field: str) -> str:
    return f"add '{field}:'; write \"not stated\" where the source does not say"


_TYPE_HINTS = {
    "array": "write each item on its own line below, indented, starting with '- '",
    "object": "write its fields on the lines below, each indented two spaces further, as 'name: value'",
    "integer": "write the number in digits only, e.g. 19",
    "boolean": "write true or false",
}


def _impossible_date_hint(value: Any) -> str:
    """Say which part of a YYYY-MM-DD date does not exist."""
    parts = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", str(value))
    if parts:
        year, month, day = (int(part) for part in parts.groups())
        if not 1 <= month <= 12:
            return f"there is no month {month}; dates are written YYYY-MM-DD, year first, then month, then day"
        last = calendar.monthrange(year, month)[1]
        if day > last or day < 1:
            return f"{calendar.month_name[month]} {year} has {last} days; check the day"
    return "check the day and month exist (YYYY-MM-DD)"


def _did_you_mean(value: str, choices: list[str]) -> str:
    """ "did you mean 'x'? " for a near miss (a typo, or the wrong capitals); else nothing."""
    meant = _near_miss(value, choices)
    return f"did you mean '{meant}'? " if meant else ""


def _near_miss(value: str, choices: list[str]) -> str | None:
    """The choice ``value`` was meant to be: the same but for capitals or spaces at either end, or a close spelling."""
    lowered = {choice.lower(): choice for choice in choices}
    if value.lower().strip() in lowered:
        return lowered[value.lower().strip()]
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.75)
    return close[0] if close else None


_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9


def _pattern_hint(value: Any, expected: str) -> str:
    """How to mend text of the wrong shape: a space or line break at either end first, as it hides in the file."""
    if isinstance(value, str) and value and value != value.strip():
        where, char = ("end", value[-1]) if value[-1].isspace() else ("start", value[0])
        kind = "a line break" if char in "\n\r" else "a tab" if char == "\t" else "an invisible space"
        what = "space" if char == " " else f"{_visible(char)} ({kind})"
        return f"remove the {what} at the {where}; in double quotes an escape such as \\n writes one"
    hint = _date_hint(value)
    if not hint and expected.startswith("a lowercase id"):
        hint = "an id uses only lower-case letters a-z, digits and single hyphens, with no space"
    return hint


def _date_hint(value: Any) -> str:
    if isinstance(value, str) and any(ch.isdigit() for ch in value) and not value.startswith("http"):
        suggestion = _as_iso_date(value)
        if suggestion:
            return f"dates are written YYYY-MM-DD: write {suggestion}"
        return "dates are written YYYY-MM-DD, e.g. 2023-07-20"
    return ""


def _as_iso_date(value: str) -> str | None:
    """The YYYY-MM-DD form of a date written the British way (20/07/2023, 20 July 2023), if it is a real date."""
    text = value.strip().lower()
    numeric = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", text)
    worded = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})", text)
    try:
        if numeric:
            day, month, year = (int(part) for part in numeric.groups())
        elif worded and worded.group(2) in _MONTHS:
            day, month, year = int(worded.group(1)), _MONTHS[worded.group(2)], int(worded.group(3))
        else:
            return None
        return date(year, month, day).isoformat()
    except ValueError:
        return None
