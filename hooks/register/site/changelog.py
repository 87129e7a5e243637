"""The changelog page: what changed in the data, by date, read from the git history of ``data/``.

The data is kept in git and changed only through reviewed commits, so the history is the
record of every change; this module reads it rather than asking staff to keep a second list.
Each change is told in the register's own words from the data itself, not from the commit
message: the YAML of each file before and after each commit is parsed and compared ("Added
Norfolk's response to …", "Corrected the date of …", "Changed the record of …: the answers").
It reads committed history only (never the working tree), so a build of the same commit
gives the same page. Where git or the history is not there (a copy of the project, an
export), the page says so and the build goes on.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from register.data.model import NOT_STATED, Register
from register.site import urls
from register.site.pages import GeneratedFile, template_environment
from register.site.wording import long_date

RECORD = "\x1e"
UNIT = "\x1f"
LOG_FORMAT = f"{RECORD}%H{UNIT}%cs{UNIT}%s"
"""Commit hash, committer date (YYYY-MM-DD, the day the change landed) and subject."""
CHANGES = {"A": "added", "M": "changed", "D": "removed", "T": "changed"}

RESPONSE_FIELDS = {
    "answers": "the answers",
    "statements": "the comments",
    "not_answered": "the recommendations it leaves unanswered",
    "chief_constable_comments_absent": "the chief constable's comments",
    "section_55": "whether the register counts it as the section 55 response",
    "record": "whether it is transcribed",
    "body": "the body that responded",
    "last_checked": "the day it was last checked",
    "office_use_checklist": "the office-use checklist",
    "reading_of_copy": "the reading of its public copy",
    "published": "the publication date",
    "stated_deadline": "the deadline the document states",
    "named_commissioner": "the names the document gives",
    "unplaced_text": "the text not yet placed",
    "draft": "its draft marks",
}
DOCUMENT_FIELDS = {
    "copies": "where the document can be found",
    "kind": "the kind of document",
    "title": "the document's title",
    "date": "the document's date",
    "from": "who the document is from",
    "to": "who the document is addressed to",
    "transcript": "the transcript",
    "status": "the document's status",
    "status_words": "the document's status",
    "signed_by": "who signed the document",
    "names": "the names the document gives",
    "asserts": "what the document says of itself",
    "url": "the document's address",
    "stated_deadline": "the deadline the document states",
    "named_commissioner": "the names the document gives",
}
INSPECTION_FIELDS = {
    "title": "the title",
    "recommendations": "the recommendations",
    "areas_for_improvement": "the areas for improvement",
    "summary": "the summary",
    "key_findings": "the key findings",
    "report_url": "the report's address",
    "report_checked": "the day the report was checked",
    "announcement": "the announcement",
    "respondents": "who must respond",
    "inspectorates": "the inspectorates",
    "recommendation_count": "the number of recommendations",
    "area_for_improvement_count": "the number of areas for improvement",
    "related": "the related reports",
    "published": "the publication date",
    "scope": "its scope",
    "kind": "its kind",
    "other_titles": "its other titles",
    "references": "its references",
    "redacted": "whether it was published redacted",
    "fieldwork": "its fieldwork",
    "counts_source": "the source of its counts",
    "other_recommendations": "its recommendations to other bodies",
    "report_addressees": "whom its recommendations are addressed to",
    "numbering": "its numbering",
    "published_by": "who published it",
    "commissioned_by": "who commissioned it",
}
BODY_FIELDS = {"name": "its name", "kind": "its kind", "from": "its dates in office", "to": "its dates in office", "holders": "its holders", "note": "its note"}
FORCE_FIELDS = {"name": "its name", "former_names": "its former names", "chief_constables": "its chief constables", "bodies": "its local policing bodies"}
IGNORED = ("$schema",)


@dataclass(frozen=True)
class Sentence:
    """One change told in the register's words, with the page it concerns where that page still exists."""

    text: str
    page: str | None = None


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
    sentences: tuple[Sentence, ...] = ()
    """What changed in the data, from comparing the file before and after."""


@dataclass(frozen=True)
class Commit:
    id: str
    day: date
    subject: str
    files: tuple[FileChange, ...]

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return tuple(sentence for change in self.files for sentence in change.sentences)


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
    prefix = _git(root, git, "rev-parse", "--show-prefix")
    prefix = (prefix or "").strip()
    parsed: list[tuple[str, date, str, list[tuple[str, str]]]] = []
    for record in output.split(RECORD)[1:]:
        header, _, body = record.partition("\n")
        commit_id, day_text, subject = header.split(UNIT, 2)
        changes = [(status, path) for status, _, path in (line.partition("\t") for line in body.splitlines() if "\t" in line)]
        parsed.append((commit_id, date.fromisoformat(day_text), subject, changes))
    wanted = [
        spec
        for commit_id, _, _, changes in parsed
        for _, path in changes
        if path.endswith(".yaml")
        for spec in (f"{commit_id}^:{prefix}{path}", f"{commit_id}:{prefix}{path}")
    ]
    blobs = _blobs(root, git, wanted)
    days: dict[date, Day] = {}
    for commit_id, day, subject, changes in parsed:
        files = []
        for status, path in changes:
            before = blobs.get(f"{commit_id}^:{prefix}{path}")
            after = blobs.get(f"{commit_id}:{prefix}{path}")
            files.append(_file_change(status, path, data_dir, register, before, after))
        days.setdefault(day, Day(day)).commits.append(Commit(commit_id, day, subject, tuple(files)))
    return History(tuple(sorted(days.values(), key=lambda item: item.day, reverse=True)), True, shallow)


def render_changelog(root: Path, data_dir: str, register: Register, *, git: str = "git") -> GeneratedFile:
    history = read_history(root, data_dir, register, git=git)
    text = template_environment().get_template("changelog.md.j2").render(page_url=urls.changelog(), history=history, data_dir=data_dir.strip("/"))
    return GeneratedFile(urls.source_file(urls.changelog()), text)


def _command(git: str, *args: str) -> list[str]:
    return [git, "-c", "core.quotePath=false", "-c", "log.showSignature=false", "-c", "i18n.logOutputEncoding=UTF-8", *args]


def _git(root: Path, git: str, *args: str) -> str | None:
    """Output of a read-only git command in ``root``, or None if git or the repository is missing."""
    try:
        completed = subprocess.run(_command(git, *args), cwd=root, capture_output=True, check=False, stdin=subprocess.DEVNULL)
    except OSError:
        return None
    if completed.returncode != 0:
        return None
    return completed.stdout.decode("utf-8", errors="replace")


def _blobs(root: Path, git: str, specs: list[str]) -> dict[str, str]:
    """The text of each ``<commit>:<path>`` that exists, read in one ``git cat-file --batch``; a
    missing one (the file before it was added, or after it was removed) is left out."""
    if not specs:
        return {}
    try:
        completed = subprocess.run(_command(git, "cat-file", "--batch"), cwd=root, capture_output=True, check=False, input="\n".join(specs).encode("utf-8") + b"\n")
    except OSError:
        return {}
    if completed.returncode != 0:
        return {}
    out, data, position = {}, completed.stdout, 0
    for spec in specs:
        end = data.index(b"\n", position)
        header = data[position:end].decode("utf-8", errors="replace").split(" ")
        position = end + 1
        if len(header) != 3 or not header[2].isdigit():
            continue  # "<spec> missing" (or ambiguous): no such file at that commit
        size = int(header[2])
        if header[1] == "blob":
            out[spec] = data[position : position + size].decode("utf-8", errors="replace")
        position += size + 1
    return out


def _parse(text: str | None) -> Any:
    """A file's data as YAML gives it, or None where there is no file or it does not parse."""
    if text is None:
        return None
    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None


def _file_change(status: str, path: str, data_dir: str, register: Register, before: str | None, after: str | None) -> FileChange:
    change = CHANGES.get(status[:1], "changed")
    label, page = _describe(PurePosixPath(path), PurePosixPath(data_dir), register)
    sentences = _sentences(PurePosixPath(path), PurePosixPath(data_dir), register, change, _parse(before), _parse(after), label, page)
    return FileChange(path, change, label, page, sentences)


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
        if register.has_inspection(inspection_id):
            return (f"the inspection “{register.inspection(inspection_id).title}”", urls.inspection(inspection_id))
        return (f"the inspection {inspection_id}, no longer in the register", None)
    if len(parts) == 2 and parts[0] == "coverage" and path.suffix == ".yaml":
        inspection_id = path.stem
        if register.has_inspection(inspection_id):
            return (f"where the register looked for responses to “{register.inspection(inspection_id).title}”", urls.inspection(inspection_id))
        return (f"where the register looked for responses to {inspection_id}, no longer in the register", None)
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


# Telling the change from the data ---------------------------------------------------------------


def _sentences(
    path: PurePosixPath, data_dir: PurePosixPath, register: Register, change: str, before: Any, after: Any, label: str, page: str | None
) -> tuple[Sentence, ...]:
    try:
        parts = path.relative_to(data_dir).parts
    except ValueError:
        parts = ()
    if len(parts) == 3 and parts[0] == "responses" and path.suffix == ".yaml":
        return _response_sentences(register, parts[1], PurePosixPath(parts[2]).stem, change, before, after, page)
    if len(parts) == 3 and parts[0] == "transcripts":
        who = _response_name(register, parts[1], PurePosixPath(parts[2]).stem, after or before)
        verb = {"added": "Added", "removed": "Removed", "changed": "Changed"}[change]
        return (Sentence(f"{verb} the plain-text copy of {who}", page),)
    if len(parts) == 2 and parts[0] == "inspections" and path.suffix == ".yaml":
        return _inspection_sentences(register, path.stem, change, before, after, page)
    if len(parts) == 2 and parts[0] == "coverage" and path.suffix == ".yaml":
        return _coverage_sentences(register, path.stem, change, before, after, page)
    if parts == ("forces.yaml",):
        return _forces_sentences(register, change, before, after, page)
    return (Sentence(f"{change.capitalize()} {label}", page),)


def _title(register: Register, inspection_id: str, data: Any = None) -> str:
    """The inspection's title: the register's, else the one in the file's own data, else its id."""
    if register.has_inspection(inspection_id):
        return register.inspection(inspection_id).title
    if isinstance(data, dict) and isinstance(data.get("title"), str):
        return data["title"]
    return inspection_id


def _body_name(register: Register, force_id: str, data: Any) -> str:
    body_id = data.get("body") if isinstance(data, dict) else None
    for force in register.forces:
        for body in force.bodies:
            if body.id == body_id:
                return body.name
    if any(force.id == force_id for force in register.forces):
        return f"the local policing body of {register.force(force_id).name}"
    return f"the local policing body of {force_id}"


def _response_name(register: Register, inspection_id: str, force_id: str, data: Any) -> str:
    return f"{_body_name(register, force_id, data)}'s response to “{_title(register, inspection_id)}”"


def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _date_text(value: Any) -> str:
    """A date from the YAML in the register's words; "not stated" where there is none."""
    if value is None or value == NOT_STATED:
        return NOT_STATED
    if isinstance(value, date):
        return long_date(value)
    try:
        return long_date(date.fromisoformat(str(value)))
    except ValueError:
        return str(value)


def _stated(value: Any) -> bool:
    return value is not None and value != NOT_STATED


def _changed_fields(before: dict, after: dict, names: dict[str, str], skip: tuple[str, ...] = ()) -> list[str]:
    """Plain words for the top-level fields that differ, once each, in the order of ``names`` then of the file."""
    keys = [key for key in dict.fromkeys([*names, *before, *after]) if key not in skip and key not in IGNORED]
    words = [names.get(key, "the " + key.replace("_", " ")) for key in keys if before.get(key) != after.get(key)]
    return list(dict.fromkeys(words))


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _response_sentences(register: Register, inspection_id: str, force_id: str, change: str, before: Any, after: Any, page: str | None) -> tuple[Sentence, ...]:
    data = after if change != "removed" else before
    who = _response_name(register, inspection_id, force_id, data)
    if change == "added":
        if _get(after, "section_55", "reading") == "not the body's response":
            return (Sentence(f"Added a document from {_body_name(register, force_id, after)} about “{_title(register, inspection_id)}”, which the register does not count as its response", page),)
        located = " (located, not yet transcribed)" if _get(after, "record") == "located" else ""
        return (Sentence(f"Added {who}{located}", page),)
    if change == "removed":
        return (Sentence(f"Removed {who}", None),)
    if not isinstance(before, dict) or not isinstance(after, dict):
        return (Sentence(f"Changed the record of {who}", page),)
    if before == after:
        return (Sentence(f"Edited the file of {who} without changing what it records", page),)
    out = []
    dates = []
    for words, old, new in (
        ("the date it was published", before.get("published"), after.get("published")),
        ("the date the document carries", _get(before, "document", "date"), _get(after, "document", "date")),
    ):
        if old != new and _stated(new):
            dates.append(f"{words} is {_date_text(new)}" + (f", not {_date_text(old)}" if _stated(old) else ", where it was not stated"))
        elif old != new:
            dates.append(f"{words} is not stated, not {_date_text(old)}")
    if dates:
        corrected = any(_stated(old) for old in (before.get("published"), _get(before, "document", "date")))
        out.append(Sentence(f"{'Corrected' if corrected else 'Added'} the date of {who}: {_and(dates)}", page))
    transcribed = before.get("record") == "located" and after.get("record") == "transcribed"
    if transcribed:
        out.append(Sentence(f"Transcribed {who}", page))
    fields = _changed_fields(before, after, RESPONSE_FIELDS, skip=("published", "document", "record") if transcribed else ("published", "document"))
    old_document, new_document = before.get("document"), after.get("document")
    if isinstance(old_document, dict) and isinstance(new_document, dict):
        fields += [words for words in _changed_fields(old_document, new_document, DOCUMENT_FIELDS, skip=("date",)) if words not in fields]
    elif old_document != new_document:
        fields.append("the document")
    if fields:
        out.append(Sentence(f"Changed the record of {who}: {_and(fields)}", page))
    return tuple(out)


def _inspection_sentences(register: Register, inspection_id: str, change: str, before: Any, after: Any, page: str | None) -> tuple[Sentence, ...]:
    title = _title(register, inspection_id, after if change != "removed" else before)
    if change == "added":
        return (Sentence(f"Added the inspection “{title}”", page),)
    if change == "removed":
        return (Sentence(f"Removed the inspection “{title}”", None),)
    if not isinstance(before, dict) or not isinstance(after, dict):
        return (Sentence(f"Changed the record of the inspection “{title}”", page),)
    if before == after:
        return (Sentence(f"Edited the file of the inspection “{title}” without changing what it records", page),)
    out = []
    if before.get("published") != after.get("published"):
        out.append(Sentence(f"Corrected the publication date of the inspection “{title}”: {_date_text(after.get('published'))}, not {_date_text(before.get('published'))}", page))
    fields = _changed_fields(before, after, INSPECTION_FIELDS, skip=("published",))
    if fields:
        out.append(Sentence(f"Changed the record of the inspection “{title}”: {_and(fields)}", page))
    return tuple(out)


def _looks(data: Any) -> list[Any]:
    looked = _get(data, "looked")
    return looked if isinstance(looked, list) else []


def _coverage_sentences(register: Register, inspection_id: str, change: str, before: Any, after: Any, page: str | None) -> tuple[Sentence, ...]:
    title = _title(register, inspection_id)
    if change == "removed":
        return (Sentence(f"Removed the record of where the register looked for responses to “{title}”", None),)
    old, new = _looks(before), _looks(after)
    added = [look for look in new if look not in old]
    dropped = [look for look in old if look not in new]
    if change == "added" or (added and not dropped):
        days = sorted({str(look.get("checked")) for look in added if isinstance(look, dict) and look.get("checked")})
        when = f", on {_and([_date_text(day) for day in days])}" if days else ""
        count = len(added)
        return (Sentence(f"Recorded where the register looked for responses to “{title}”: {count} {'place' if count == 1 else 'places'}{when}", page),)
    if before == after:
        return (Sentence(f"Edited the file of where the register looked for responses to “{title}” without changing what it records", page),)
    return (Sentence(f"Changed the record of where the register looked for responses to “{title}”", page),)


def _by_id(items: Any) -> dict[str, dict]:
    return {item["id"]: item for item in items or [] if isinstance(item, dict) and isinstance(item.get("id"), str)}


def _forces_sentences(register: Register, change: str, before: Any, after: Any, page: str | None) -> tuple[Sentence, ...]:
    if change == "added":
        count = len(_get(after, "forces") or [])
        return (Sentence(f"Added the {count} forces and their local policing bodies", page),)
    if change == "removed":
        return (Sentence("Removed the list of forces", None),)
    old, new = _by_id(_get(before, "forces")), _by_id(_get(after, "forces"))
    if not old and not new:
        return (Sentence("Changed the record of the forces and their local policing bodies", page),)
    out = []
    for force_id, force in new.items():
        name = force.get("name", force_id)
        force_page = urls.force(force_id) if any(item.id == force_id for item in register.forces) else None
        if force_id not in old:
            out.append(Sentence(f"Added the force {name}", force_page))
            continue
        previous = old[force_id]
        old_bodies, new_bodies = _by_id(previous.get("bodies")), _by_id(force.get("bodies"))
        for body_id, body in new_bodies.items():
            if body_id not in old_bodies:
                out.append(Sentence(f"Added {body.get('name', body_id)} as a local policing body of {name}", force_page))
            elif old_bodies[body_id] != body:
                out.append(Sentence(f"Changed the record of {body.get('name', body_id)}: {_and(_changed_fields(old_bodies[body_id], body, BODY_FIELDS))}", force_page))
        for body_id, body in old_bodies.items():
            if body_id not in new_bodies:
                out.append(Sentence(f"Removed {body.get('name', body_id)} from the local policing bodies of {name}", force_page))
        fields = [words for words in _changed_fields(previous, force, FORCE_FIELDS, skip=("bodies",))]
        if fields:
            out.append(Sentence(f"Changed the record of {name}: {_and(fields)}", force_page))
    for force_id, force in old.items():
        if force_id not in new:
            out.append(Sentence(f"Removed the force {force.get('name', force_id)}", None))
    return tuple(out) or (Sentence("Edited the file of the forces without changing what it records", page),)
