"""Problems found in the data, and the one exception that carries all of them.

Staff fix data from these messages alone, so each names the file, line, column and field,
says what was expected and what was found, and where it helps, how to fix it. Everything is
collected first and reported once, as MkDocs does for its own configuration.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_UNPRINTABLE = ("Cc", "Cf", "Cs", "Zl", "Zp")
"""Control characters (C0, DEL, C1), format characters (bidirectional overrides, zero-width
characters, the byte-order mark), lone surrogates, and the line and paragraph separators."""


def printable(text: str) -> str:
    """``text`` as one line that a terminal or a CI log shows as it is: every character that could
    end the line, move the cursor, recolour or reorder what follows (ESC, a right-to-left
    override), or fail to encode (a lone surrogate) is written as a Python escape (``\\n``,
    ``\\x1b``, ``\\u202e``). A field name or a value quoted from a data file reaches the
    output through here, so it cannot forge a second problem line or a CI command.
    """
    if text.isprintable() and text.isascii():
        return text
    return "".join(_escape(char) if unicodedata.category(char) in _UNPRINTABLE else char for char in text)


def _escape(char: str) -> str:
    if char in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one place of one data file."""

    path: str
    """The file, relative to the project root, with forward slashes."""
    line: int
    """1-based line; 1 where the problem is the file as a whole."""
    column: int
    """1-based column."""
    field: str
    """Dotted path to the field, e.g. ``answers.2.position``; ``(file)`` for the whole file."""
    message: str
    hint: str = ""

    def __str__(self) -> str:
        """The problem as one printable line (see ``printable``), whatever its parts hold."""
        text = f"{self.path}:{self.line}:{self.column}: {self.field}: {self.message}"
        if self.hint:
            text += f" (hint: {self.hint})"
        return printable(text)


class DataError(Exception):
    """The data cannot be published; ``problems`` lists every reason, sorted by place."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"The register's data has {count} {noun}; nothing was built:"]
        lines += [str(problem) for problem in self.problems]
        return "\n".join(lines)
