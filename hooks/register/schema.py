"""Check one data file against the register's JSON Schema and word the errors for staff.

The schema (``schema/register.schema.json``) is the single definition of the file formats;
editors use the same file. jsonschema's own messages are written for programmers
("'x' is not of type 'string'"), so each error is reworded here as what was expected and
what was found, at the line and column where it was written.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from .problems import Problem
from .yamlfile import YamlDocument, field_name

FILE_KINDS = ("forcesFile", "inspectionFile", "responseFile")


def schema_text() -> str:
    """The schema file as shipped, for publishing beside the data."""
    return resources.files(__package__).joinpath("schema/register.schema.json").read_text("utf-8")


@cache
def _validator(kind: str) -> Draft202012Validator:
    schema = json.loads(schema_text())
    schema.pop("oneOf")
    schema["$ref"] = f"#/$defs/{kind}"
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def check_against_schema(document: YamlDocument, kind: str) -> list[Problem]:
    """Every way ``document`` breaks the schema for files of ``kind``."""
    if kind not in FILE_KINDS:  # pragma: no cover - programming error
        raise ValueError(kind)
    problems = []
    for error in _validator(kind).iter_errors(document.data):
        problems.extend(_problems_from(error, document))
    return problems


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
        return f"'{shown}'"
    if isinstance(value, list):
        return "a list"
    return "a set of fields"


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
                "check the spelling; fields allowed here: " + ", ".join(allowed),
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
        return [Problem(path, line, column, name, f"expected {wanted_text}, got {_describe(value)}", hint)]
    if kind == "enum":
        options = ", ".join(f"'{option}'" for option in error.validator_value)
        return [Problem(path, line, column, name, f"expected one of {options}; got {_describe(value)}", "labels are defined on the method page")]
    if kind == "const":
        return [Problem(path, line, column, name, f"expected '{error.validator_value}', got {_describe(value)}")]
    if kind == "format" and error.validator_value == "date":
        return [Problem(path, line, column, name, f"{_describe(value)} is not a real date", "check the day and month exist (YYYY-MM-DD)")]
    if kind in ("anyOf", "oneOf"):
        dated = [sub for sub in error.context or [] if sub.validator == "format"]
        if dated:
            return [Problem(path, line, column, name, f"{_describe(value)} is not a real date", "check the day and month exist (YYYY-MM-DD)")]
        expected = _expected(error.schema) or "a value of another shape"
        return [Problem(path, line, column, name, f"expected {expected}; got {_describe(value)}", _date_hint(value))]
    if kind == "pattern":
        expected = _expected(error.schema) or f"text matching {error.validator_value}"
        return [Problem(path, line, column, name, f"expected {expected}; got {_describe(value)}", _date_hint(value))]
    if kind in ("minItems", "minLength"):
        return [Problem(path, line, column, name, "must not be empty", 'write "not stated" where the source is silent' if kind == "minLength" else "")]
    if kind == "minimum":
        return [Problem(path, line, column, name, f"must be at least {error.validator_value}; got {_describe(value)}")]
    return [Problem(path, line, column, name, error.message)]  # pragma: no cover - keyword unused by the schema


def _required_hint(field: str) -> str:
    return f"add '{field}:'; write \"not stated\" where the source does not say"


def _date_hint(value: Any) -> str:
    if isinstance(value, str) and any(ch.isdigit() for ch in value) and not value.startswith("http"):
        return "dates are written YYYY-MM-DD, e.g. 2023-07-20"
    return ""
