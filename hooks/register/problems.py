"""Problems found in the data, and the one exception that carries all of them.

Staff fix data from these messages alone, so each names the file, line, column and field,
says what was expected and what was found, and where it helps, how to fix it. Everything is
collected first and reported once, as MkDocs does for its own configuration.
"""

from __future__ import annotations

from dataclasses import dataclass


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
        text = f"{self.path}:{self.line}:{self.column}: {self.field}: {self.message}"
        if self.hint:
            text += f" (hint: {self.hint})"
        return text


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
