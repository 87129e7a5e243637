"""The changelog page: what changed in the data, by date, read from the git history of ``data/``.

The data is kept in git and changed only through reviewed commits, so the history is the
record of every change; this module reads it rather than asking staff to keep a second list.
It reads committed history only (never the working tree), so a build of the same commit
gives the same page. Where git or the history is not there (a copy of the project, an
export), the page says so and the build goes on.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath

from register.site import urls
from register.data.model import Register
from register.site.pages import GeneratedFile, template_environment

RECORD = "\x1e"
UNIT = "\x1f"
LOG_FORMAT = f"{RECORD}%H{UNIT}%cs{UNIT}%s"
"""Commit hash, committer date (YYYY-MM-DD, the day the change landed) and subject."""
CHANGES = {"A": "added", "M": "changed", "D": "removed", "T": "changed"}


@dataclass(frozen=True)
class FileChange:
    path: str
    """Relative to the project root, e.g. data/responses/<inspection-id>/<force-id>.yaml."""
    change: str
    """added, changed or removed."""
    label: str
    """What the file is, in words."""
    page: str | None
    """The register page the file feeds, where it still exists."""


@dataclass(frozen=True)
class Commit:
    id: str
    day: date
    subject: str
    files: tuple[FileChange, ...]


@dataclass
class Day:
    day: date
    commits: list[Commit] = field(default_factory=list)


@dataclass(frozen=True)
class History:
    """The data's history, or why it could not be read."""

    days: tuple[Day, ...]
    available: bool
    shallow: bool = False
    reason: str = ""


def read_history(root: Path, data_dir: str, register: Register, *, git: str = "git") -> History:
    """Every commit that touched ``data_dir``, newest first, grouped by day."""
    output = _git(root, git, "log", "--no-color", "--no-renames", "--relative", "--name-status", f"--format={LOG_FORMAT}", "--", data_dir)
    if output is None:
        return History((), False, reason="git or the project's git history is not available where this site was built")
    shallow = _git(root, git, "rev-parse", "--is-shallow-repository") == "true\n"
    days: dict[date, Day] = {}
    for record in output.split(RECORD)[1:]:
        header, _, body = record.partition("\n")
        commit_id, day_text, subject = header.split(UNIT, 2)
        day = date.fromisoformat(day_text)
        files = tuple(_file_change(line, data_dir, register) for line in body.splitlines() if "\t" in line)
        days.setdefault(day, Day(day)).commits.append(Commit(commit_id, day, subject, files))
    return History(tuple(sorted(days.values(), key=lambda item: item.day, reverse=True)), True, shallow)


def render_changelog(root: Path, data_dir: str, register: Register, *, git: str = "git") -> GeneratedFile:
    history = read_history(root, data_dir, register, git=git)
    text = template_environment().get_template("changelog.md.j2").render(page_url=urls.changelog(), history=history, data_dir=data_dir.strip("/"))
    return GeneratedFile(urls.source_file(urls.changelog()), text)


def _git(root: Path, git: str, *args: str) -> str | None:
    """Output of a read-only git command in ``root``, or None if git or the repository is missing."""
    command = [git, "-c", "core.quotePath=false", "-c", "log.showSignature=false", "-c", "i18n.logOutputEncoding=UTF-8", *args]
    try:
        completed = subprocess.run(command, cwd=root, capture_output=True, check=False, stdin=subprocess.DEVNULL)
    except OSError:
        return None
    if completed.returncode != 0:
        return None
    return completed.stdout.decode("utf-8", errors="replace")


def _file_change(line: str, data_dir: str, register: Register) -> FileChange:
    status, _, path = line.partition("\t")
    change = CHANGES.get(status[:1], "changed")
    label, page = _describe(PurePosixPath(path), PurePosixPath(data_dir), register)
    return FileChange(path, change, label, page)


def _describe(path: PurePosixPath, data_dir: PurePosixPath, register: Register) -> tuple[str, str | None]:
    """What a data file holds, and the page it feeds if that page is still in the register."""
    try:
        parts = path.relative_to(data_dir).parts
    except ValueError:
        return ("another file", None)
    if parts == ("forces.yaml",):
        return ("the forces and their local policing bodies", urls.forces())
    if len(parts) == 2 and parts[0] == "inspections" and path.suffix == ".yaml":
        inspection_id = path.stem
        known = {inspection.id: inspection for inspection in register.inspections}
        if inspection_id in known:
            return (f"the inspection “{known[inspection_id].title}”", urls.inspection(inspection_id))
        return (f"the inspection {inspection_id}, no longer in the register", None)
    if len(parts) == 3 and parts[0] in ("responses", "transcripts"):
        inspection_id, force_id = parts[1], PurePosixPath(parts[2]).stem
        kind = "response" if parts[0] == "responses" else "transcript of the response"
        response = register.response(inspection_id, force_id)
        if response is not None:
            body = register.body(response.body_id)
            title = register.inspection(inspection_id).title
            return (f"the {kind} of {body.name} to “{title}”", urls.response(inspection_id, force_id))
        return (f"the {kind} {inspection_id}/{force_id}, no longer in the register", None)
    return ("another file", None)
