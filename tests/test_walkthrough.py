"""The staff path, walked: start a response as the contributing page does, make the ten commonest mistakes, put each right from the message.

The walk follows content/contributing.md's worked example: its `register new-response` command,
then the filled-in file the page shows. Then each mistake is made on that file, one at a time:
`register check` must give exactly one message, on the line that was changed, with a hint; the
mistake is put right from that message alone (from the hint, where the hint says what to write;
from the document, where only the document knows, as for a mistyped year); and the check is then
clean again. Last, the site is built.

The page's table of the ten mistakes is written from what the check printed here, so it cannot go
stale: after changing a message on purpose, run
``REGENERATE_WALKTHROUGH=1 .venv/bin/python -m pytest tests/test_walkthrough.py`` and read the
changed rows.
"""

from __future__ import annotations

import os
import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT, build, copy_project
from register.staff.cli import main

PAGE = ROOT / "content" / "contributing.md"
INSPECTION = "management-of-terrorist-offenders-2023"
RELATIVE = f"data/responses/{INSPECTION}/norfolk.yaml"
TABLE_START = "<!-- the ten mistakes: written by tests/test_walkthrough.py -->"
TABLE_END = "<!-- end of the ten mistakes -->"
LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<field>[^:]+): (?P<message>.*?)(?: \(hint: (?P<hint>.*)\))?$")


@dataclass(frozen=True)
class Message:
    """One line of `register check`, in its parts."""

    text: str
    line: int
    column: int
    field: str
    message: str
    hint: str

    @classmethod
    def parse(cls, text: str) -> Message:
        parts = LINE.match(text)
        assert parts, f"not one problem a line: {text}"
        return cls(text, int(parts["line"]), int(parts["column"]), parts["field"], parts["message"], parts["hint"] or "")

    @property
    def shown(self) -> str:
        """The line without the file's path, which the page's table names once above it."""
        return self.text.removeprefix(RELATIVE + ":")


def quoted(text: str, before: str) -> str:
    """The text in quotes after ``before`` in a message or hint (``did you mean 'position'?`` gives position)."""
    found = re.search(re.escape(before) + r" '([^']*)'", text)
    assert found, f"no '{before} ...' in: {text}"
    return found.group(1)


# Putting a mistake right from its message ------------------------------------------------------


def replace_at(lines: list[str], at: Message, old: str, new: str) -> list[str]:
    """``old`` at the message's line and column replaced by ``new``: the fix goes where the message points, nowhere else."""
    row = lines[at.line - 1]
    start = at.column - 1
    assert row[start:].startswith(old), f"{old!r} is not at {at.line}:{at.column}: {row!r}"
    return [*lines[: at.line - 1], row[:start] + new + row[start + len(old) :], *lines[at.line :]]


def write_what_the_hint_says(lines: list[str], at: Message) -> list[str]:
    """'... got '14/09/2023' (hint: dates are written YYYY-MM-DD: write 2023-09-14)'."""
    return replace_at(lines, at, quoted(at.message, "got"), re.search(r"write (\S+)\Z", at.hint).group(1))


def take_the_suggestion(lines: list[str], at: Message) -> list[str]:
    """'... got 'Awaiting national lead' (hint: did you mean 'awaiting national lead'? ...)'."""
    return replace_at(lines, at, quoted(at.message, "got"), quoted(at.hint, "did you mean"))


def rename_the_field(lines: list[str], at: Message) -> list[str]:
    """'unknown field 'postion'...' with the new name in the hint ('rename it to' or 'did you mean')."""
    new = quoted(at.hint, "rename it to") if "rename it to" in at.hint else quoted(at.message + " " + at.hint, "did you mean")
    return replace_at(lines, at, quoted(at.message, "unknown field") + ":", new + ":")


def start_in_the_column_named(lines: list[str], at: Message) -> list[str]:
    """'... (hint: start it in column 5, like 'position:' on line 46 ...)'."""
    column = int(re.search(r"column (\d+)", at.hint).group(1))
    row = lines[at.line - 1]
    return [*lines[: at.line - 1], " " * (column - 1) + row.lstrip(" "), *lines[at.line :]]


def add_the_missing_field(lines: list[str], at: Message) -> list[str]:
    """'answers[1].progress: missing required field (hint: add 'progress:'; write "not stated" where the source does not say)'.

    The message points at the first field of the record that lacks it: the new field goes on
    the line below, in that field's column.
    """
    name = quoted(at.hint, "add").removesuffix(":")
    assert 'write "not stated"' in at.hint
    return [*lines[: at.line], " " * (at.column - 1) + f"{name}: not stated", *lines[at.line :]]


def spaces_for_the_tab(lines: list[str], at: Message) -> list[str]:
    """'a tab character; YAML files use spaces only (hint: replace the tab with spaces ...)'.

    The hint does not say how many: as many as start the field where the field on the line above
    starts (after its '- ', if it is a list item's first field), as the eye lines them up.
    """
    assert "replace the tab with spaces" in at.hint
    above = lines[at.line - 2]
    indent = len(above) - len(above.lstrip(" -"))
    row = lines[at.line - 1]
    assert row[at.column - 1] == "\t"
    return [*lines[: at.line - 1], " " * indent + row.lstrip(" \t"), *lines[at.line :]]


def the_one_the_hint_lists(lines: list[str], at: Message) -> list[str]:
    """'body: 'norfolk-pc' is not a body of Norfolk Constabulary (hint: Norfolk Constabulary's bodies are: norfolk-pcc)'."""
    (only,) = at.hint.rsplit(": ", 1)[1].split(", ")
    return replace_at(lines, at, at.message.split("'")[1], only)


def delete_the_second(lines: list[str], at: Message) -> list[str]:
    """'duplicate key 'position' (first written on line 46) (hint: keep one of the two and delete the other)': the message points at the second."""
    assert "delete the other" in at.hint
    return [*lines[: at.line - 1], *lines[at.line :]]


def from_the_document(value: str) -> Callable[[list[str], Message], list[str]]:
    """Where only the document knows the value (a year mistyped, a number): read it there and write it where the message points."""

    def fix(lines: list[str], at: Message) -> list[str]:
        old = at.message.split(" is after", 1)[0] if " is after" in at.message else quoted(at.message, "got")
        return replace_at(lines, at, old, value)

    return fix


@dataclass(frozen=True)
class Mistake:
    name: str
    line: int
    """The line of the filled-in file the mistake changes (1-based)."""
    typed: str | None
    """The line as typed; None where the line is left out."""
    field: str
    """The field the message must name."""
    fix: Callable[[list[str], Message], list[str]]
    how: str
    """How the fix is found, for the page."""
    insert: bool = False
    reported_at: int | None = None
    """The line the message names, where it is not the line changed (a missing field is named at its record)."""

    def make(self, lines: list[str]) -> list[str]:
        if self.insert:
            return [*lines[: self.line - 1], self.typed or "", *lines[self.line - 1 :]]
        if self.typed is None:
            return [*lines[: self.line - 1], *lines[self.line :]]
        return [*lines[: self.line - 1], self.typed, *lines[self.line :]]


MISTAKES = [
    Mistake(
        "a date written the British way",
        23,
        "      date: 14/09/2023",
        "document.asserts.deadline.date",
        write_what_the_hint_says,
        "write the date the hint gives",
    ),
    Mistake(
        "a misspelt field name",
        46,
        "    postion: awaiting national lead",
        "answers[1].postion",
        rename_the_field,
        "rename the field as the hint says",
    ),
    Mistake(
        "a label not written exactly",
        46,
        "    position: Awaiting national lead",
        "answers[1].position",
        take_the_suggestion,
        "write the label the hint suggests",
    ),
    Mistake(
        "a field indented one space short",
        47,
        "   progress: not stated",
        "(file)",
        start_in_the_column_named,
        "start the field in the column the hint names",
    ),
    Mistake(
        "a required field left out",
        47,
        None,
        "answers[1].progress",
        add_the_missing_field,
        'add the field the hint names, as "not stated" until the document is read',
        reported_at=42,
    ),
    Mistake(
        "a tab used to indent", 43, "\tby: local policing body", "(file)", spaces_for_the_tab, "indent with spaces, like the line above"
    ),
    Mistake("a mistyped id", 4, "body: norfolk-pc", "body", the_one_the_hint_lists, "write the id the hint lists"),
    Mistake(
        "the same field twice",
        47,
        "    position: accepted",
        "answers[1].position",
        delete_the_second,
        "delete the line the message names, keeping the one the document supports",
        insert=True,
    ),
    Mistake(
        "a date still to come",
        51,
        "last_checked: 2027-11-20",
        "last_checked",
        from_the_document("2026-11-20"),
        "check the date and write the right year",
    ),
    Mistake(
        '"not stated" where a number is needed',
        42,
        "  - recommendations: [19, 20, not stated]",
        "answers[1].recommendations[3]",
        from_the_document("21"),
        "write the number the document gives",
    ),
]


# The walk ------------------------------------------------------------------------------------


def check(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    capsys.readouterr()
    status = main(["--root", str(project), "check"])
    return status, capsys.readouterr().out.splitlines()


def page_command() -> list[str]:
    """The worked example's `register new-response` command, as the page gives it."""
    worked_example = PAGE.read_text("utf-8").split("### 2. Start the file", 1)[1]
    command = next(line for line in worked_example.splitlines() if line.startswith("register new-response "))
    return shlex.split(command)[1:]


def page_filled_in_file() -> str:
    """The file as the page shows it after filling in."""
    after = PAGE.read_text("utf-8").split("After filling in, the file reads:", 1)[1]
    return re.search(r"```yaml\n(.*?)```", after, re.DOTALL).group(1)


def table(rows: list[tuple[Mistake, Message]]) -> str:
    lines = [
        TABLE_START,
        "",
        "| mistake | typed | `register check` says | put right by |",
        "|---|---|---|---|",
    ]
    for mistake, message in rows:
        typed = "(left out)" if mistake.typed is None else f"`{mistake.typed.strip()}`"
        if mistake.typed and "\t" in mistake.typed:
            typed = "a tab, then `" + mistake.typed.strip() + "`"
        for text in (typed, message.shown):
            assert "|" not in text and "``" not in text, text
        lines.append(f"| {mistake.name} | {typed} | `{message.shown}` | {mistake.how} |")
    lines += ["", TABLE_END]
    return "\n".join(lines)


def test_a_response_walked_through_the_ten_commonest_mistakes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path / "project")
    (project / RELATIVE).unlink()  # the worked example enters Norfolk's response afresh

    # Start the file as the page says: the scaffold is refused until it is filled in.
    assert main(["--root", str(project), *page_command()]) == 0
    assert (project / RELATIVE).is_file()
    status, lines = check(project, capsys)
    assert status == 1 and all(': "not stated" is a placeholder' in line or "is known" in line for line in lines), lines

    # Fill it in from the document, as the page shows.
    filled = page_filled_in_file()
    (project / RELATIVE).write_text(filled, "utf-8")
    status, lines = check(project, capsys)
    assert status == 0 and lines[0].startswith("ok: "), lines
    good = filled.split("\n")

    rows = []
    for mistake in MISTAKES:
        broken = mistake.make(good)
        (project / RELATIVE).write_text("\n".join(broken), "utf-8")
        status, lines = check(project, capsys)
        assert status == 1, f"{mistake.name}: not refused"
        assert len(lines) == 1, f"{mistake.name}: one mistake, one message: {lines}"
        message = Message.parse(lines[0])
        assert message.text.startswith(RELATIVE + ":")
        assert message.line == (mistake.reported_at or mistake.line), f"{mistake.name}: the message names another line: {message.text}"
        assert message.field == mistake.field, message.text
        assert message.hint, f"{mistake.name}: no hint on how to put it right: {message.text}"

        fixed = mistake.fix(broken, message)
        (project / RELATIVE).write_text("\n".join(fixed), "utf-8")
        status, lines = check(project, capsys)
        assert status == 0, f"{mistake.name}: the fix from the message did not put it right: {lines}"
        rows.append((mistake, message))
        (project / RELATIVE).write_text(filled, "utf-8")

    written = table(rows)
    page = PAGE.read_text("utf-8")
    current = page[page.index(TABLE_START) : page.index(TABLE_END) + len(TABLE_END)] if TABLE_START in page else None
    if os.environ.get("REGENERATE_WALKTHROUGH") and current is not None:
        PAGE.write_text(page.replace(current, written), "utf-8")
        current = written
    assert current == written, "the page's table of the ten mistakes is not what the check says; see the docstring to rewrite it"

    # And the site builds with the response in it.
    result = build(project)
    assert result.returncode == 0, result.output
    page_html = (result.site / "responses" / INSPECTION / "norfolk" / "index.html").read_text("utf-8")
    assert "There were three recommendations applicable to policing" in page_html


@pytest.mark.parametrize(
    ("line", "typed"),
    [
        (3, "force: norflok"),  # one typo: the unknown id, pointing at the file's own name (not also "does not match the file name")
        (42, "  - recommendations: not stated"),  # says where an unanswered recommendation goes instead
    ],
    ids=["mistyped-force-id", "not-stated-for-the-numbers"],
)
def test_these_mistakes_also_give_one_message_with_a_hint(
    line: int, typed: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project")
    lines = page_filled_in_file().split("\n")
    (project / RELATIVE).write_text("\n".join([*lines[: line - 1], typed, *lines[line:]]), "utf-8")
    status, printed = check(project, capsys)
    assert status == 1 and len(printed) == 1, printed
    assert Message.parse(printed[0]).hint, printed
