"""Read one YAML data file safely, keeping the line and column of every key and value.

PyYAML's ``safe_load`` forgets where values came from and silently keeps the last of two
duplicate keys. The register needs both: messages that point at a line, and duplicates
refused. So the file's parser events are turned into plain data here, one event at a time
(no recursion, so ten thousand levels of nesting cost no more than ten). Dates are kept as
the text written (``2020-03-09``) so that the schema, not the YAML parser, decides what a real
date is and says so in its own words.

What a real record never needs is refused with its position, before it can cost anything:

- a file that is not a regular file of the repository, or larger than ``MAX_FILE_BYTES``
  (``safefile``);
- characters YAML cannot hold (NUL, a vertical tab from Word's Shift+Enter, a form feed from a
  PDF, other control characters, U+2028 and U+2029): refused, not silently changed, so the file
  says exactly what is published;
- nesting deeper than ``MAX_DEPTH``, more than ``MAX_ALIASES`` aliases, aliases that would
  repeat more than ``MAX_REPEATED`` values between them (a file of aliases of aliases grows
  without end), and an alias inside the value it names (a cycle);
- tags (``!!python/object/apply:…``, ``!secret``, ``!!str``) on any value: the register's
  files never need one, and a tag silently dropped would publish something else than written;
- numbers not written in plain decimal digits: YAML 1.1 reads ``0x14``, ``024``, ``2_0``,
  ``1:20`` and ``+20`` as numbers, YAML 1.2 reads ``0o24`` as one, and the schema counts
  ``20.0`` as a whole number, so each is refused with the plain form to write instead.
"""

from __future__ import annotations

import copy
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from yaml.nodes import ScalarNode

from register.data import safefile
from register.data.problems import Problem
from register.data.yamlerrors import explain

MAX_FILE_BYTES = 512 * 1024
"""Larger than any real response by far; a bigger file is a mistake (a pasted PDF, say)."""
MAX_DEPTH = 50
"""Levels of nesting; a real record uses six at most."""
MAX_ALIASES = 100
"""Aliases (``*name``) in one file; the register's records use none."""
MAX_REPEATED = 10_000
"""Values that the aliases of one file may repeat between them."""
MAX_REPORTED = 20
"""Unreadable characters reported one by one in a file; the rest are counted."""

FieldPath = tuple[Any, ...]

_FastLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_YAML_TAG = "tag:yaml.org,2002:"
_INT, _FLOAT, _BOOL, _NULL = (_YAML_TAG + name for name in ("int", "float", "bool", "null"))


@dataclass
class YamlDocument:
    """The plain data of one file and where each part of it was written."""

    path: str
    data: Any
    values: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    lines_like_fields: dict[FieldPath, list[tuple[int, int, str]]] = field(default_factory=dict)
    """For each text written as a block (after ``>-`` or ``|-``), its lines that read ``name: value``:
    (line, column, name). A field indented too far under such a text is read as part of it, and
    the schema check uses these to say so at the line, rather than call the field missing."""

    def where(self, at: FieldPath, *, key: bool = False) -> tuple[int, int]:
        """Line and column of a field, falling back to its nearest written parent."""
        table = self.keys if key else self.values
        probe = tuple(at)
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.values:
                return self.values[probe]
            probe = probe[:-1]
        return self.values.get((), (1, 1))


def field_name(at: FieldPath) -> str:
    """``('answers', 1, 'position')`` → ``answers[2].position`` (items counted from 1)."""
    text = ""
    for part in at:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "(file)"


def read_yaml(file: Path, display_path: str, root: Path | None = None) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse ``file`` (a regular file, inside ``root`` if given); return the document, or None and the problems that stopped it."""

    def whole_file(message: str, hint: str = "", line: int = 1, column: int = 1) -> list[Problem]:
        return [Problem(display_path, line, column, "(file)", message, hint)]

    try:
        raw = safefile.read_bytes(
            file,
            limit=MAX_FILE_BYTES,
            limit_hint="a data file holds one record; keep long source documents in data/transcripts/",
            root=root,
        )
        text = safefile.decode_utf8(raw)
    except safefile.Refused as refused:
        return None, [refused.problem(display_path)]
    text = text.removeprefix("\ufeff")
    if not text.strip() or all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        return None, whole_file("the file is empty", "fill it in or delete it; `register new-response` writes a response to start from")
    unreadable = _unreadable_characters(text, display_path)
    if unreadable:
        return None, unreadable

    # libyaml (when PyYAML has it) parses many times faster, which matters at decade scale; its
    # error texts differ, so a file it refuses is parsed again by the pure-Python parser, whose
    # messages `explain` knows how to put in plain words.
    document, problems = YamlDocument(display_path, None), []
    try:
        document.data = _compose(_FastLoader(text), document, problems)
    except _Stop as stop:
        return None, [*problems, stop.problem]
    except yaml.YAMLError:
        document, problems = YamlDocument(display_path, None), []
        try:
            document.data = _compose(yaml.SafeLoader(text), document, problems)
        except _Stop as stop:
            return None, [*problems, stop.problem]
        except yaml.MarkedYAMLError as error:
            said = explain(error, text)
            return None, whole_file(said.message, said.hint, said.line, said.column)
        except yaml.YAMLError as error:  # pragma: no cover - reader errors are caught above
            return None, whole_file(f"not valid YAML: {error}")
    if document.lines_like_fields:
        _find_lines_like_fields(document, text.split("\n"))
    return document, problems


_LIKE_A_FIELD = re.compile(r"( *)([A-Za-z_][A-Za-z0-9_]*):(?:\s|$)")


def _find_lines_like_fields(document: YamlDocument, lines: list[str]) -> None:
    """Turn the recorded spans of block texts (first and last 0-based line) into their lines that read ``name: value``."""
    for at, [(first, last)] in list(document.lines_like_fields.items()):
        document.lines_like_fields[at] = [
            (index + 1, len(found.group(1)) + 1, found.group(2))
            for index in range(first, min(last, len(lines) - 1) + 1)
            if (found := _LIKE_A_FIELD.match(lines[index]))
        ]


# --- characters YAML cannot hold -----------------------------------------------------------

_UNREADABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
"""What PyYAML refuses to read (all but tab, line feed and carriage return below U+0020, U+007F to U+009F,
surrogates, U+FFFE and U+FFFF), and the two separators it reads as line breaks where editors show none."""
_DELETE_IT = "delete it; it cannot be seen in most editors"
_CHARACTERS = {
    "\x00": ("a NUL character (U+0000)", "delete it; NUL bytes mean a Word document or PDF was saved or pasted as text"),
    "\x0b": (
        "a vertical tab (U+000B), which Word writes for Shift+Enter",
        "replace it with a line break (indented like the text around it) or a space",
    ),
    "\x0c": ("a form feed (U+000C), a page break from a PDF or Word document", "delete it, or replace it with a line break"),
    "\x7f": ("a delete character (U+007F)", _DELETE_IT),
    "\x85": (
        "a next-line character (U+0085), which text converted from Windows-1252 carries in place of '…'",
        "replace it with the character meant, or delete it",
    ),
    "\u2028": ("a line separator (U+2028)", "replace it with an ordinary line break, or a space"),
    "\u2029": ("a paragraph separator (U+2029)", "replace it with an ordinary line break, or a space"),
}


def _unreadable_characters(text: str, display_path: str) -> list[Problem]:
    """Every character PyYAML refuses (or reads as a line break no editor shows), at its line and column."""
    if not _UNREADABLE.search(text):
        return []
    problems: list[Problem] = []
    found = list(_UNREADABLE.finditer(text))
    for match in found[:MAX_REPORTED]:
        character = match.group()
        name, hint = _CHARACTERS.get(character, (f"a control character (U+{ord(character):04X})", _DELETE_IT))
        start = match.start()
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        problems.append(Problem(display_path, line, column, "(file)", f"a data file cannot hold {name}", hint))
    if len(found) > MAX_REPORTED:
        last = problems[-1]
        more = len(found) - MAX_REPORTED
        problems[-1] = Problem(
            last.path, last.line, last.column, last.field, f"{last.message} ({more:,} more such characters follow in this file)", last.hint
        )
    return problems


# --- parser events into data -----------------------------------------------------------


class _Stop(Exception):
    """A limit was reached: reading goes no further."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


_EXPECT_KEY, _SKIP = object(), object()


class _Open:
    """A mapping or list whose events are still being read."""

    __slots__ = ("anchor", "at", "key", "record", "size", "value")

    def __init__(self, at: FieldPath, value: dict | list, record: bool, anchor: str | None):
        self.at, self.value, self.record, self.anchor = at, value, record, anchor
        self.size = 1
        self.key: Any = _EXPECT_KEY


def _compose(loader: Any, document: YamlDocument, problems: list[Problem]) -> Any:
    """The data of the loader's one document, positions recorded in ``document``; ``_Stop`` at a limit.

    Parser errors come out as PyYAML raises them; a second document as the ``ComposerError``
    PyYAML's own composer would raise, so that ``explain`` words both.
    """
    path = document.path
    stack: list[_Open] = []
    anchors: dict[str, tuple[Any, int, int]] = {}  # name -> (data, values in it, line written)
    open_anchors: dict[str, int] = {}
    aliases = repeated = 0
    root: Any = None
    first_document = None

    def problem(mark: Any, at: FieldPath, message: str, hint: str) -> Problem:
        return Problem(path, mark.line + 1, mark.column + 1, field_name(at), message, hint)

    get_event, values = loader.get_event, document.values
    try:
        while True:
            event = get_event()
            kind = type(event)
            if kind is StreamEndEvent:
                break
            if kind is DocumentStartEvent:
                if first_document is not None:
                    raise ComposerError(
                        "expected a single document in the stream", first_document, "but found another document", event.start_mark
                    )
                first_document = event.start_mark
                continue
            if kind is StreamStartEvent or kind is DocumentEndEvent:
                continue
            if kind is MappingEndEvent or kind is SequenceEndEvent:
                done = stack.pop()
                if done.anchor is not None:
                    anchors[done.anchor] = (done.value, done.size, open_anchors.pop(done.anchor))
                value, size = done.value, done.size
            else:
                # A value starts: find where it goes.
                mark = event.start_mark
                if not stack:
                    at, record, place = (), True, "root"
                else:
                    top = stack[-1]
                    if type(top.value) is list:
                        at, record, place = top.at + (len(top.value),), top.record, "item"
                    elif top.key is _EXPECT_KEY:
                        at, record, place = top.at, False, "key"
                    elif top.key is _SKIP:
                        at, record, place = top.at, False, "skip"
                    else:
                        at, record, place = top.at + (top.key,), top.record, "value"
                if record:
                    values[at] = (mark.line + 1, mark.column + 1)
                tag = None if kind is AliasEvent else event.tag
                if tag is not None:
                    problems.append(problem(mark, at, f"a YAML tag ({_shown_tag(tag)}) is not used in the register", _TAG_HINT))
                anchor = event.anchor if kind is not AliasEvent else None
                if anchor is not None and (anchor in anchors or anchor in open_anchors):
                    first = anchors[anchor][2] if anchor in anchors else open_anchors[anchor]
                    problems.append(
                        problem(
                            mark, at, f"the anchor &{anchor} is written twice (first on line {first})", "rename or remove one of the two"
                        )
                    )
                if kind is ScalarEvent:
                    if place == "key":
                        key = event.value
                        if key in top.value:
                            if top.record:  # not inside the value of a duplicate, which is dropped unread
                                first_at = document.keys[at + (key,)]
                                problems.append(
                                    problem(
                                        mark,
                                        at + (key,),
                                        f"duplicate key '{key}' (first written on line {first_at[0]})",
                                        "keep one of the two and delete the other",
                                    )
                                )
                            top.key = _SKIP
                        else:
                            if top.record:
                                document.keys[at + (key,)] = (mark.line + 1, mark.column + 1)
                            top.key = key
                        top.size += 1
                        if anchor is not None:
                            anchors[anchor] = (key, 1, mark.line + 1)
                        continue
                    value = None if tag is not None else _scalar(loader, event, at, problems, problem)
                    size = 1
                    if record and event.style in ("|", ">"):  # a block text: its lines, for `_find_lines_like_fields`
                        end = event.end_mark
                        document.lines_like_fields[at] = [(mark.line + 1, end.line if end.column else end.line - 1)]
                    if anchor is not None:
                        anchors[anchor] = (value, 1, mark.line + 1)
                elif kind is AliasEvent:
                    aliases += 1
                    name = event.anchor
                    if aliases > MAX_ALIASES:
                        raise _Stop(
                            problem(
                                mark,
                                at,
                                f"more than {MAX_ALIASES} aliases (*name) in one file",
                                "write the values out in full; the register's records need no aliases",
                            )
                        )
                    if name in open_anchors:
                        raise _Stop(
                            problem(
                                mark,
                                at,
                                f"the alias *{name} is inside the value it names (&{name} on line {open_anchors[name]}), so it would repeat without end",
                                f"write the value out in full instead of *{name}",
                            )
                        )
                    if name not in anchors:
                        raise _Stop(
                            problem(
                                mark,
                                at,
                                f"the alias *{name} names no anchor &{name} written above it",
                                'write the value out in full; text that starts with * must be put in quotes ("*…")',
                            )
                        )
                    value, size, _ = anchors[name]
                    repeated += size
                    if repeated > MAX_REPEATED:
                        raise _Stop(
                            problem(
                                mark,
                                at,
                                f"the aliases (*name) in this file repeat more than {MAX_REPEATED:,} values",
                                "write the values out in full; aliases of aliases grow without end",
                            )
                        )
                    value = copy.deepcopy(value)
                    if place == "key":
                        problems.append(problem(mark, at, "a field name must be plain text", "write the field name itself, not an alias"))
                else:  # the start of a mapping or a list
                    if len(stack) >= MAX_DEPTH:
                        raise _Stop(
                            problem(
                                mark,
                                (),  # the field's name would be fifty levels long
                                f"fields are nested more than {MAX_DEPTH} levels deep",
                                "a record nests its fields a few levels at most: look for a [ or { that is never closed, or lines indented further and further",
                            )
                        )
                    if place == "key":
                        problems.append(
                            problem(mark, at, "a field name must be plain text", "write the field name as text, followed by a colon")
                        )
                    if anchor is not None:
                        open_anchors[anchor] = mark.line + 1
                    stack.append(_Open(at, {} if kind is MappingStartEvent else [], record and place != "skip", anchor))
                    continue
            # A value is complete: put it in its place.
            if not stack:
                root = value
                continue
            top = stack[-1]
            top.size += size
            if type(top.value) is list:
                top.value.append(value)
            elif top.key is _EXPECT_KEY:  # a list, mapping or alias written as a field name
                top.key = _SKIP
            elif top.key is _SKIP:
                top.key = _EXPECT_KEY
            else:
                top.value[top.key] = value
                top.key = _EXPECT_KEY
    finally:
        loader.dispose()
    return root


_TAG_HINT = "remove the tag and write the value itself; to keep a value as text, put it in quotes"
_PLAIN_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")
_PLAIN_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+(?:[eE][-+]?[0-9]+)?")
_OCTAL_12 = re.compile(r"[-+]?0o[0-7]+")
_QUOTE_TEXT = "or put it in quotes if it is text, such as a reference"


def _shown_tag(tag: str) -> str:
    """A tag as written (``!!str``), printable and short whatever it holds."""
    if tag.startswith(_YAML_TAG):
        tag = "!!" + tag[len(_YAML_TAG) :]
    tag = "".join(character if character.isprintable() else f"\\x{ord(character):02x}" for character in tag)
    return tag if len(tag) <= 60 else tag[:59] + "…"


def _shown_number(text: str) -> str:
    return text if len(text) <= 40 else f"{text[:20]}…{text[-10:]} ({len(text):,} characters)"


def _scalar(loader: Any, event: ScalarEvent, at: FieldPath, problems: list[Problem], problem: Any) -> Any:
    """A scalar's value: text as written, except what YAML reads as a number, a boolean or nothing."""
    text = event.value
    if not event.implicit[0]:  # quoted, or a block of text
        return text
    tag = loader.resolve(ScalarNode, text, (True, False))
    if tag == _INT:
        if _PLAIN_INTEGER.fullmatch(text):
            try:
                return int(text)
            except ValueError:  # more digits than Python reads
                problems.append(
                    problem(
                        event.start_mark,
                        at,
                        f"the number is {len(text):,} digits long",
                        "no number in the register is that long; check what was pasted here",
                    )
                )
                return None
        problems.append(_integer_problem(loader, event, at, problem))
        return None
    if tag == _FLOAT:
        value = loader.construct_yaml_float(ScalarNode(tag, text))
        if _PLAIN_DECIMAL.fullmatch(text) and not value.is_integer():
            return value
        if math.isfinite(value) and value.is_integer():
            hint = f"write {_shown_number(str(int(value)))}, without the decimal point, {_QUOTE_TEXT}"
            problems.append(problem(event.start_mark, at, f"the number {_shown_number(text)} is written with a decimal point", hint))
        else:
            problems.append(
                problem(
                    event.start_mark,
                    at,
                    f"YAML reads {_shown_number(text)} as a number written in a form the register does not use",
                    f"write numbers in plain digits, {_QUOTE_TEXT}",
                )
            )
        return None
    if tag == _BOOL:
        return loader.bool_values[text.lower()]
    if tag == _NULL:
        return None
    if _OCTAL_12.fullmatch(text):
        meant = int(text.replace("0o", ""), 8)
        problems.append(
            problem(
                event.start_mark, at, f"the number {text} is written in octal", f"write it in plain decimal digits ({meant}), {_QUOTE_TEXT}"
            )
        )
        return None
    return text  # text, a date (checked by the schema), or YAML 1.1's '=' and '<<', which are text in YAML 1.2


def _integer_problem(loader: Any, event: ScalarEvent, at: FieldPath, problem: Any) -> Problem:
    """Why a number YAML 1.1 reads as a whole number is refused, and the plain digits to write instead."""
    text = event.value
    shown = _shown_number(text)
    try:
        meant = str(loader.construct_yaml_int(ScalarNode(_INT, text)))
    except ValueError:  # pragma: no cover - more digits than Python reads
        meant = ""
    bare = text.lstrip("+-").replace("_", "")
    if ":" in text:
        message = f"YAML reads {shown} as a number in base 60 ({_shown_number(meant)})"
        hint = "put it in quotes if it is text, such as a time or a reference; write a number in plain digits"
    elif bare.startswith(("0x", "0b")):
        base = "hexadecimal" if bare.startswith("0x") else "binary"
        message = f"the number {shown} is written in {base}"
        hint = f"write it in plain decimal digits ({_shown_number(meant)}), {_QUOTE_TEXT}"
    elif bare.startswith("0") and len(bare) > 1:
        digits = bare.lstrip("0") or "0" if bare.isdigit() else meant
        if text.startswith("-"):
            digits = "-" + digits
        message = f"the number {shown} starts with 0, so YAML reads it as octal ({_shown_number(meant)})"
        hint = f"write {_shown_number(digits)} without the leading zero, {_QUOTE_TEXT}"
    elif "_" in text:
        message = f"the number {shown} is written with underscores"
        hint = f"write it in plain digits ({_shown_number(meant)}), {_QUOTE_TEXT}"
    else:
        message = f"the number {shown} is written with a + sign"
        hint = f"write {_shown_number(meant)}, without the sign"
    return problem(event.start_mark, at, message, hint)
