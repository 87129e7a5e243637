"""The editor agrees with the check: what VS Code's YAML extension flags as you type is what `register check` refuses.

The editor (yaml-language-server, with the repository's settings) reads YAML 1.1 as PyYAML does,
finds each file's schema from its first line, and judges the file by that JSON Schema alone.
So a JSON Schema validator run the editor's way (Draft 2020-12, the per-file schemas, ECMA-262
patterns, dates kept as the text written) is run here over every case of the bad-input corpus
whose broken file YAML can parse, and its verdict is compared with the check's.

They may differ only where the check knows more than one file's schema can say: the other files
(a force id, a recommendation's number), the as-of date, the file's name, the characters of its
text, and YAML written in ways the check refuses on purpose. Those cases are listed below, each
under its reason, and every listed case's message must give that reason; a new disagreement, or
the editor refusing anything the check accepts, fails the test.

The schema also carries the editor's own messages (``errorMessage`` and ``patternErrorMessage``,
yaml-language-server's vendor keywords, which JSON Schema validators ignore): for a label, a date,
an id or a value that may be "not stated", the editor says what the check says.
"""

from __future__ import annotations

import fnmatch
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, copy_project
from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from register.data.schema import python_pattern
from test_corpus import CASES, CORPUS, apply_case, expected_lines

SCHEMA_DIR = ROOT / "hooks" / "register" / "schema"
REGISTER_SCHEMA = json.loads((SCHEMA_DIR / "register.schema.json").read_text("utf-8"))
SETTINGS = json.loads((ROOT / ".vscode" / "settings.json").read_text("utf-8"))
MODELINE = "# yaml-language-server: $schema="


# The editor's reading of a file -----------------------------------------------------------------


class EditorLoader(yaml.SafeLoader):
    """YAML 1.1 as the editor is set to read it (``yaml.yamlVersion``), with a date kept as the text written, as the editor keeps it."""


EditorLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


def _ecma_pattern(validator: Any, pattern: str, instance: Any, schema: dict[str, Any]) -> Any:
    """A pattern as the editor runs it: ECMA-262, in which ``$`` ends the text (``register.data.schema`` explains why)."""
    if validator.is_type(instance, "string") and not python_pattern(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


_EditorValidator = validators.extend(Draft202012Validator, {"pattern": _ecma_pattern})


@cache
def editor_validator(schema_file: Path) -> Draft202012Validator:
    """The per-file schema as the editor loads it, following its ``$ref`` into register.schema.json beside it."""

    def retrieve(uri: str) -> Resource:
        return Resource.from_contents(json.loads(Path(uri.removeprefix("file://")).read_text("utf-8")))

    schema = {**json.loads(schema_file.read_text("utf-8")), "$id": schema_file.resolve().as_uri()}
    return _EditorValidator(schema, registry=Registry(retrieve=retrieve), format_checker=Draft202012Validator.FORMAT_CHECKER)  # type: ignore[call-arg]


def schema_for(relative: str, text: str) -> Path | None:
    """The schema the editor applies: the file's first line names it (relative to the file); else the settings' mapping."""
    first = text.split("\n", 1)[0]
    if first.startswith(MODELINE):
        return (ROOT / relative).parent / first.removeprefix(MODELINE).strip()
    matched = [schema for schema, glob in SETTINGS["yaml.schemas"].items() if fnmatch.fnmatch(relative, glob)]
    return ROOT / matched[0] if matched else None


@dataclass
class Verdict:
    case: str
    relative: str
    errors: list[ValidationError]
    schema_missing: bool
    check_lines: list[str]

    @property
    def editor_refuses(self) -> bool:
        return self.schema_missing or bool(self.errors)

    @property
    def check_refuses(self) -> bool:
        return bool(self.check_lines)


def broken_files(name: str, project: Path) -> list[str]:
    """The YAML data files the case writes or changes (regular files only: a link or a pipe is not a file an editor checks)."""
    changed = []
    for path in sorted((project / "data").rglob("*")):
        if path.is_symlink() or not path.is_file() or path.suffix.lower() not in (".yaml", ".yml"):
            continue
        relative = path.relative_to(project).as_posix()
        original = ROOT / relative
        if not original.is_file() or original.read_bytes() != path.read_bytes():
            changed.append(relative)
    return changed


def verdicts(name: str, tmp_path: Path) -> list[Verdict]:
    """The editor's and the check's verdict on each broken file of case ``name`` that YAML can parse.

    The check's verdict is its output kept in the case's expected.txt, which tests/test_corpus.py
    asserts is exactly what `register check` prints.
    """
    project = copy_project(tmp_path / name)
    apply_case(name, project)
    found = []
    lines = expected_lines(name)
    for relative in broken_files(name, project):
        try:
            text = (project / relative).read_bytes().decode("utf-8")
            data = yaml.load(text, Loader=EditorLoader)
        except (UnicodeDecodeError, yaml.YAMLError, ValueError, RecursionError):
            continue  # not YAML: the editor and the check both say so, each in its own words
        schema_file = schema_for(relative, text)
        if schema_file is None:
            continue  # the editor applies no schema to it (a file named .yml outside the settings' globs)
        missing = not schema_file.resolve().is_file()  # the editor says "Unable to load schema"
        errors = [] if missing else list(editor_validator(schema_file.resolve()).iter_errors(data))
        found.append(Verdict(name, relative, errors, missing, [line for line in lines if line.startswith(relative + ":")]))
    return found


# Where they may differ, and why ----------------------------------------------------------------


@dataclass(frozen=True)
class Reason:
    why: str
    says: str
    """Words the check's message about the file gives in every case of this reason."""
    cases: frozenset[str]


KNOWN_DISAGREEMENTS = {
    "other files": Reason(
        "the rule compares the file with other files (forces, inspections, responses), which one file's schema cannot see",
        r"unknown force|unknown inspection|has no recommendation|was not in office|has no record of it|does not match the file name",
        frozenset(
            {
                "unknown-force",
                "mistyped-force-id",
                "mistyped-inspection-id",
                "coverage-unknown-force",
                "recommendation-not-in-inspection",
                "body-not-in-office",
                "coverage-found-without-record",
                "duplicate-response",
            }
        ),
    ),
    "values within the file": Reason(
        "the rule compares two values of the file (a number answered twice, published_by among the inspectorates, what a located record may hold); "
        "JSON Schema cannot compare values, and an if/then for the located record would give the check two messages for one mistake",
        r"is answered twice|is not one of the inspectorates|a located record",
        frozenset({"answer-twice", "published-by-not-an-inspectorate", "located-with-words", "located-without-checked-date"}),
    ),
    "as-of date": Reason(
        "the register's as-of date is set in mkdocs.yml (or REGISTER_AS_OF), not in the schema",
        r"is after the register's as-of date",
        frozenset(
            {
                "future-date",
                "coverage-checked-after-as-of",
                "text-announcement-checked-after-as-of",
                "text-copy-checked-after-as-of",
                "text-inspection-published-after-as-of",
                "text-last-checked-after-as-of",
                "text-response-published-2031",
            }
        ),
    ),
    "YAML the check refuses": Reason(
        "YAML allows it and the check refuses it on purpose (register/yamlfile.py); the editor's own YAML parser flags a duplicate key "
        '("Map keys must be unique"), but a JSON Schema validator never sees one',
        r"duplicate key|the number .* is written|starts with 0, so YAML reads it as octal|a YAML tag|aliases",
        frozenset(
            {
                "duplicate-key",
                "read-alias-too-many",
                "read-number-binary",
                "read-number-decimal-point",
                "read-number-hexadecimal",
                "read-number-leading-zero",
                "read-number-plus-sign",
                "read-number-underscore",
                "read-tag-on-field-name",
            }
        ),
    ),
    "file name": Reason(
        "the file's name is not part of its data",
        r"data files end in \.yaml",
        frozenset({"read-upper-case-extension", "yml-extension"}),
    ),
    "a field inside a text": Reason(
        "the check reads the lines of a folded or literal text for one that looks like a field the record lacks; to the schema it is text",
        r"is inside the text of",
        frozenset({"indent-optional-field-swallowed-by-folded-text"}),
    ),
    "placeholders": Reason(
        '"not stated" is a valid value in the schema; the check refuses it where a transcribed record must say something',
        r"is a placeholder|a transcribed document's kind is known",
        frozenset({"unedited-scaffold"}),
    ),
    "characters of the text": Reason(
        "the rules for the characters text may hold (register/textrules.py: control characters, invisible characters, line breaks in a name, blank text) "
        "are the check's, after the schema",
        r"holds (a|an|half of a) |is blank",
        frozenset(
            {
                "text-bell-in-signed-name",
                "text-blank-answer-no-break-space",
                "text-blank-answer-spaces",
                "text-blank-answer-zero-width-space",
                "text-blank-checklist-item",
                "text-blank-statement-ideographic-space",
                "text-byte-order-mark-in-title",
                "text-c1-control-in-title",
                "text-carriage-return-in-title",
                "text-delete-in-body-name",
                "text-escape-sequence-in-name",
                "text-form-feed-in-heading",
                "text-isolate-in-heading",
                "text-line-separator-in-title",
                "text-next-line-in-report-label",
                "text-noncharacter-in-note",
                "text-nul-in-answer",
                "text-nul-in-document-title",
                "text-right-to-left-override-in-answer",
                "text-right-to-left-override-in-force-name",
                "text-soft-hyphen-in-heading",
                "text-surrogate-in-answer",
                "text-surrogate-pair-escape-in-heading",
                "text-tag-character-in-force-name",
                "text-vertical-tab-in-force-name",
                "text-zero-width-joiner-in-name",
                "text-zero-width-space-in-answer",
                "text-zero-width-space-in-body-name",
            }
        ),
    ),
}
"""Every case where the editor accepts a file the check refuses, under the reason the schema cannot say it."""


@pytest.fixture(scope="module")
def all_verdicts(tmp_path_factory: pytest.TempPathFactory) -> list[Verdict]:
    root = tmp_path_factory.mktemp("agreement")
    return [verdict for name in CASES for verdict in verdicts(name, root)]


def test_the_editor_and_the_check_disagree_only_where_documented(all_verdicts: list[Verdict]) -> None:
    assert len({verdict.case for verdict in all_verdicts}) >= 100, "most cases have a broken YAML file to compare"
    refused_by_editor_only = [
        f"{v.case}: {v.relative}: {v.errors[0].message if v.errors else 'schema not found'}"
        for v in all_verdicts
        if v.editor_refuses and not v.check_refuses
    ]
    assert refused_by_editor_only == [], "the editor flags what the check accepts"
    differ = {verdict.case: verdict for verdict in all_verdicts if verdict.check_refuses and not verdict.editor_refuses}
    documented = {case: reason for reason in KNOWN_DISAGREEMENTS.values() for case in reason.cases}
    assert sorted(set(differ) - set(documented)) == [], "a new disagreement: make the schema say it, or document why it cannot"
    assert sorted(set(documented) - set(differ)) == [], "a documented disagreement is gone: take it off the list"
    for case, verdict in differ.items():
        reason = documented[case]
        assert any(re.search(reason.says, line) for line in verdict.check_lines), (case, reason.why, verdict.check_lines)


def test_every_reason_is_explained_and_its_cases_exist() -> None:
    for name, reason in KNOWN_DISAGREEMENTS.items():
        assert reason.why and reason.cases, name
        for case in reason.cases:
            assert (CORPUS / case).is_dir(), case
    cases = [case for reason in KNOWN_DISAGREEMENTS.values() for case in reason.cases]
    assert len(cases) == len(set(cases)), "each case has one reason"


# The same field, numbered two ways ------------------------------------------------------------


def check_field(line: str) -> str:
    """The field a line of the check names: ``answers[2].position`` in ``path:line:column: answers[2].position: message``."""
    return line.split(": ", 2)[1]


def counted_from_one(path: tuple[Any, ...]) -> str:
    """A JSON Schema path (``/answers/1/position``, counted from 0 as editors count) written as the check writes it (``answers[2].position``)."""
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(file)"


def editor_fields(error: ValidationError) -> set[str]:
    """The fields a schema error is about, in the check's numbering: a missing or unknown field is named with its parent's path."""
    at = tuple(error.absolute_path)
    if error.validator == "required":
        return {counted_from_one((*at, error.message.split("'")[1]))}
    if error.validator == "additionalProperties":
        allowed = error.schema.get("properties", {})
        return {counted_from_one((*at, key)) for key in error.instance if key not in allowed}
    fields = {counted_from_one(at)}
    for sub in error.context or []:
        fields |= editor_fields(sub)
    return fields


SCHEMA_WORDS = re.compile(r"(expected |missing required field|unknown field|'.*' is not a real date|must )")
"""How the check begins a message about a schema error (as opposed to a rule of its own reading, such as an alias refused)."""


def test_the_check_names_the_field_the_editor_flags_with_lists_counted_from_one(all_verdicts: list[Verdict]) -> None:
    """``answers[2]`` in the check is ``/answers/1`` in a JSON Schema validator and ``answers › 1`` in the editor's outline."""
    compared = 0
    for verdict in all_verdicts:
        if not (verdict.errors and verdict.check_refuses):
            continue
        flagged = set().union(*(editor_fields(error) for error in verdict.errors))
        for line in verdict.check_lines:
            if not SCHEMA_WORDS.match(line.split(": ", 2)[2]):
                continue
            assert check_field(line) in flagged, (verdict.case, line, sorted(flagged))
            compared += int("[" in check_field(line))
    assert compared >= 5, "cases inside lists were compared"


# The editor's own messages --------------------------------------------------------------------


def _nodes(node: Any, name: str | None = None, inside: tuple[str, ...] = ()) -> list[tuple[str | None, tuple[str, ...], dict[str, Any]]]:
    """Every schema node with the name of the field it belongs to and the keywords it sits under."""
    found = []
    if isinstance(node, dict):
        found.append((name, inside, node))
        for key, value in node.items():
            if key == "properties":
                for prop, sub in value.items():
                    found += _nodes(sub, prop, inside)
            elif key != "examples":
                found += _nodes(value, name, (*inside, key))
    elif isinstance(node, list):
        for value in node:
            found += _nodes(value, name, inside)
    return found


NODES = _nodes(REGISTER_SCHEMA)


def test_the_schema_with_the_editor_messages_is_still_a_draft_2020_12_schema() -> None:
    Draft202012Validator.check_schema(REGISTER_SCHEMA)
    keywords = {key for _, _, node in NODES for key in node if key.endswith("rrorMessage")}
    assert keywords == {"errorMessage", "patternErrorMessage"}


def test_every_label_says_its_choices_in_the_editor_as_the_check_does() -> None:
    """A wrong label: "expected one of 'accepted', …; labels are defined on the method page", not "Value is not accepted"."""
    labels = [(name, node) for name, inside, node in NODES if "enum" in node and "not" not in inside and "if" not in inside]
    assert len(labels) >= 10
    for name, node in labels:
        options = ", ".join(f"'{value}'" for value in node["enum"])
        where = "labels are defined on the method page" if name in ("position", "progress") else "write one of these exactly, in lower case"
        assert node.get("errorMessage") == f"expected one of {options}; {where}", name


def test_every_shape_the_check_words_is_worded_the_same_in_the_editor() -> None:
    """Each pattern and each written-in alternative of "X, or 'not stated'" says "expected" and the check's own words for the shape."""
    shaped = [(name, node) for name, _, node in NODES if "pattern" in node and "x-expected" in node]
    assert len(shaped) >= 5
    for name, node in shaped:
        assert node["patternErrorMessage"].startswith(f"expected {node['x-expected']}"), name
    alternatives = 0
    for name, definition in REGISTER_SCHEMA["$defs"].items():
        if "x-expected" not in definition or "anyOf" not in definition:
            continue
        for branch in definition["anyOf"]:
            if "$ref" not in branch and branch.get("type") != "object":
                assert branch["errorMessage"] == f"expected {definition['x-expected']}", name
                alternatives += 1
    assert alternatives >= 5
    numbers = [name for name, _, node in NODES if node.get("type") == "integer"]
    assert len(numbers) >= 5
    for name, _, node in NODES:
        if node.get("type") == "integer":
            assert node["errorMessage"].startswith("expected a whole number"), name
    date = REGISTER_SCHEMA["$defs"]["date"]
    assert date["patternErrorMessage"] == date["errorMessage"] == f"expected {date['x-expected']}, e.g. {date['examples'][0]}"


def editor_leaf(error: ValidationError) -> ValidationError:
    """The error yaml-language-server reports for a schema error.

    For a value that may take one of several shapes, the server reports the alternative it judges
    closest; on a tie (a date of the wrong shape fails both "a date" and "not stated" once each)
    it keeps the first, here the written-in one (read from yaml-language-server's baseValidator,
    and seen so with version 2.0.0).
    """
    if error.validator in ("anyOf", "oneOf") and error.context:
        first = min(sub.relative_schema_path[0] for sub in error.context)
        return editor_leaf(next(sub for sub in error.context if sub.relative_schema_path[0] == first))
    return error


def editor_message(error: ValidationError) -> str:
    """What yaml-language-server shows for a schema error: the node's patternErrorMessage or errorMessage where it has one."""
    leaf = editor_leaf(error)
    own = leaf.schema if isinstance(leaf.schema, dict) else {}
    if leaf.validator in ("pattern", "format") and own.get("patternErrorMessage"):
        return own["patternErrorMessage"]
    return own.get("errorMessage") or leaf.message


NORFOLK = "data/responses/management-of-terrorist-offenders-2023/norfolk.yaml"
COMMON = [
    ("date-wrong-format", "published", "expected a date written YYYY-MM-DD, e.g. 2023-07-20", "written YYYY-MM-DD"),
    (
        "label-typo",
        "answers[2].position",
        "expected one of 'accepted', 'partly accepted', 'not accepted', 'awaiting national lead', 'noted', 'not stated'; labels are defined on the method page",
        "labels are defined on the method page",
    ),
    (
        "yes-read-as-true",
        "answers[2].text",
        "expected text; YAML reads yes, no, on, off, true and false as true/false",
        "YAML reads yes, no, on, off, true and false as true/false",
    ),
]
"""(case, field, what the editor says, words the editor and the check both say)."""


@pytest.mark.parametrize(("case", "field", "editor_says", "both_say"), COMMON, ids=[case for case, *_ in COMMON])
def test_the_editor_says_what_the_check_says_for_the_common_mistakes(
    case: str, field: str, editor_says: str, both_say: str, tmp_path: Path
) -> None:
    (verdict,) = [v for v in verdicts(case, tmp_path) if v.relative == NORFOLK]
    messages = {editor_message(error) for error in verdict.errors if counted_from_one(tuple(error.absolute_path)) == field}
    assert len(messages) == 1, messages
    message = messages.pop()
    assert message.startswith(editor_says) and both_say in message
    (line,) = verdict.check_lines
    assert check_field(line) == field and both_say in line


@pytest.mark.parametrize(
    ("change", "field", "says"),
    [
        (("force: norfolk", "force: Norfolk"), "force", "expected a lowercase id of letters, digits and single hyphens, such as cumbria"),
        (
            ("progress: not stated", "progress: done"),
            "answers[1].progress",
            "expected one of 'completed', 'in progress', 'planned', 'no action proposed', 'not stated'",
        ),
        (("kind: response form", "kind: form"), "document.kind", "expected one of 'response form', 'letter'"),
        (("date: 2023-09-14", "date: 14/09/2023"), "document.asserts.deadline.date", "expected a date written YYYY-MM-DD, e.g. 2023-07-20"),
        (("published: not stated", "published: 2023"), "published", "expected a date written YYYY-MM-DD, e.g. 2023-07-20"),
        (("[19, 20, 21]", "[19, 20, not stated]"), "answers[1].recommendations[3]", "expected a whole number, in digits only, e.g. 19"),
    ],
    ids=["id", "progress", "kind", "date", "year-only", "number"],
)
def test_the_editor_words_ids_labels_and_dates_as_the_check(change: tuple[str, str], field: str, says: str) -> None:
    text = (ROOT / NORFOLK).read_text("utf-8")
    assert change[0] in text
    data = yaml.load(text.replace(change[0], change[1], 1), Loader=EditorLoader)
    errors = list(editor_validator((SCHEMA_DIR / "response.schema.json").resolve()).iter_errors(data))
    messages = {editor_message(error) for error in errors}  # the editor shows a message once at one place
    assert {counted_from_one(tuple(editor_leaf(error).absolute_path)) for error in errors} == {field}
    assert len(messages) == 1 and messages.pop().startswith(says), messages


def test_the_contributing_page_says_how_to_read_the_editors_numbering() -> None:
    guide = (ROOT / "content" / "contributing.md").read_text("utf-8")
    assert "`/answers/1`" in guide and "`answers[2]`" in guide
