"""Read one YAML data file safely, keeping the line and column of every key and value.

PyYAML's ``safe_load`` forgets where values came from and silently keeps the last of two
duplicate keys. The register needs both: messages that point at a line, and duplicates
refused. So the file is composed into nodes with the safe loader and turned into plain
data here. Dates are kept as the text written (``2020-03-09``) so that the schema, not the
YAML parser, decides what a real date is and says so in its own words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Problem
from .yamlerrors import explain

MAX_FILE_BYTES = 512 * 1024
"""Larger than any real response by far; a bigger file is a mistake (a pasted PDF, say)."""

FieldPath = tuple[Any, ...]

_FastLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_STR = "tag:yaml.org,2002:str"


@dataclass
class YamlDocument:
    """The plain data of one file and where each part of it was written."""

    path: str
    data: Any
    values: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)

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


def read_yaml(file: Path, display_path: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse ``file``; return the document, or None and the problems that stopped it."""

    def whole_file(message: str, hint: str = "", line: int = 1, column: int = 1) -> list[Problem]:
        return [Problem(display_path, line, column, "(file)", message, hint)]

    raw = file.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        return None, whole_file(
            f"the file is {len(raw) / 1024:,.0f} KB; the limit is {MAX_FILE_BYTES // 1024:,} KB",
            "a data file holds one record; keep long source documents in data/transcripts/",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        byte = raw[error.start]
        try:
            seen = f"; in Windows-1252 it would be {bytes([byte]).decode('cp1252')}"
        except UnicodeDecodeError:
            seen = ""
        return None, whole_file(
            f"the file is not UTF-8 text (byte 0x{byte:02x} cannot be read{seen})",
            "save the file with UTF-8 encoding in your editor; text pasted from Word often brings curly quotes and dashes in another encoding",
            line,
            column,
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        return None, whole_file("the file is empty", "fill it in or delete it; `register new-response` writes a response to start from")

    # libyaml (when PyYAML has it) composes about fifty times faster, which matters at decade
    # scale; its error texts differ, so a file it refuses is parsed again by the pure-Python
    # loader, whose messages `explain` knows how to put in plain words.
    loader = _FastLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError:
        loader.dispose()
        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as error:
            said = explain(error, text)
            return None, whole_file(said.message, said.hint, said.line, said.column)
        except yaml.YAMLError as error:  # pragma: no cover - reader errors without a mark
            return None, whole_file(f"not valid YAML: {error}")
        finally:
            loader.dispose()
    else:
        loader.dispose()

    document = YamlDocument(display_path, None)
    problems: list[Problem] = []
    document.data = _plain(node, (), document, problems, loader)
    return document, problems


def _plain(node: Node, at: FieldPath, document: YamlDocument, problems: list[Problem], loader: yaml.SafeLoader) -> Any:
    """Turn a node into dicts, lists and scalars, recording positions and duplicate keys."""
    document.values[at] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_at = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if not isinstance(key_node, ScalarNode):
                problems.append(Problem(document.path, *key_at, field_name(at), "a field name must be plain text"))
                continue
            key = key_node.value
            if key in result:
                first = document.keys[at + (key,)]
                problems.append(
                    Problem(
                        document.path,
                        *key_at,
                        field_name(at + (key,)),
                        f"duplicate key '{key}' (first written on line {first[0]})",
                        "keep one of the two and delete the other",
                    )
                )
                continue
            document.keys[at + (key,)] = key_at
            result[key] = _plain(value_node, at + (key,), document, problems, loader)
        return result
    if isinstance(node, SequenceNode):
        return [_plain(item, at + (index,), document, problems, loader) for index, item in enumerate(node.value)]
    if node.tag in (_TIMESTAMP, _STR):
        return node.value
    try:
        return loader.construct_object(node, deep=True)
    except yaml.YAMLError:
        problems.append(
            Problem(
                document.path,
                *document.values[at],
                field_name(at),
                f"unsupported YAML tag {node.tag}",
                "write plain values; tags starting with ! are not used in the register",
            )
        )
        return None
