"""Write new data files that already pass ``register check``, for staff to fill in.

Starting from a blank file is where most mistakes are made (a missing field, the wrong body
for the date, a recommendation number the report lacks). So ``register new-response`` and
``register new-inspection`` write every required field, choose the body from the forces file,
list the inspection's own recommendation numbers, put "not stated" wherever a fact has still
to be copied from the document, and start each file with the modeline that gives editors the
schema. Nothing is invented: every value is either given by the user, taken from the register
or "not stated".
"""

from __future__ import annotations

import json
import posixpath
import re
import textwrap
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import yaml

from .clock import due_date
from .load import FORCES_FILE, INSPECTIONS_DIR, RESPONSES_DIR
from .model import NOT_STATED, Body, Force, Inspection
from .problems import DataError, Problem
from .schema import check_against_schema, schema_text
from .yamlfile import read_yaml

SCHEMA_FOLDER = "hooks/register/schema"
SCHEMA_FILES = {
    "forcesFile": "forces.schema.json",
    "inspectionFile": "inspection.schema.json",
    "responseFile": "response.schema.json",
}
"""The per-file schemas editors use; each is a ``$ref`` into the one register schema."""

MODELINE_PREFIX = "# yaml-language-server: $schema="
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_WIDTH = 100


class ScaffoldError(Exception):
    """The file cannot be written; says why and how to go on."""

    def __init__(self, message: str, hint: str = ""):
        self.message = message
        self.hint = hint
        super().__init__(message + (f" (hint: {hint})" if hint else ""))


def modeline(file: str, kind: str) -> str:
    """The first line of a data file at ``file`` (root-relative): its schema, relative to the file."""
    schema = posixpath.join(SCHEMA_FOLDER, SCHEMA_FILES[kind])
    return MODELINE_PREFIX + posixpath.relpath(schema, posixpath.dirname(file))


@cache
def _schema_defs() -> dict:
    return json.loads(schema_text())["$defs"]


def document_kinds() -> list[str]:
    """The kinds of source document the schema allows, in its order."""
    return list(_schema_defs()["responseFile"]["properties"]["document"]["properties"]["kind"]["enum"])


def inspection_kinds() -> list[str]:
    return list(_schema_defs()["inspectionFile"]["properties"]["kind"]["enum"])


# Reading what a new file refers to -----------------------------------------------------------


def read_forces(root: Path, data_dir: str) -> dict[str, Force]:
    """The forces file, checked against the schema; its problems stop the scaffolder."""
    document = _read(root, f"{data_dir}/{FORCES_FILE}", "forcesFile")
    return {force.id: force for force in (Force.from_data(item) for item in document.data["forces"])}


def read_inspection(root: Path, data_dir: str, inspection_id: str) -> Inspection:
    path = f"{data_dir}/{INSPECTIONS_DIR}/{inspection_id}.yaml"
    if not (root / path).is_file():
        known = sorted(p.stem for p in (root / data_dir / INSPECTIONS_DIR).glob("*.yaml"))
        raise ScaffoldError(f"no inspection '{inspection_id}' (no file {path})", "inspection ids are: " + (", ".join(known) or "none yet"))
    return Inspection.from_data(_read(root, path, "inspectionFile").data)


def _read(root: Path, relative: str, kind: str):
    document, problems = read_yaml(root / relative, relative)
    if document is not None and not problems:
        problems = check_against_schema(document, kind)
    if problems or document is None:
        raise DataError(problems)
    return document


# Responses ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResponseDraft:
    """What ``new-response`` knows before anyone has read the document."""

    inspection: Inspection
    force: Force
    kind: str = "response form"
    published: date | None = None
    document_date: date | None = None
    url: str | None = None

    @property
    def reference_date(self) -> date:
        """The day the body must have been in office: the same rule ``register check`` applies."""
        return self.published or self.document_date or self.inspection.published

    def body(self) -> Body:
        body = self.force.body_on(self.reference_date)
        if body is None:
            raise ScaffoldError(
                f"data/{FORCES_FILE} has no body of {self.force.name} in office on {self.reference_date}",
                "add the body with its dates to the forces file first",
            )
        return body


def response_path(data_dir: str, inspection_id: str, force_id: str) -> str:
    return f"{data_dir}/{RESPONSES_DIR}/{inspection_id}/{force_id}.yaml"


def check_response_draft(draft: ResponseDraft) -> None:
    """Refuse a draft the check would refuse, with the reason in the check's own terms."""
    inspection, force = draft.inspection, draft.force
    if not inspection.expects(force.id):
        raise ScaffoldError(
            f"inspection '{inspection.id}' does not call on {force.name} to respond", "its respondents are listed in its file"
        )
    if draft.kind not in document_kinds():
        raise ScaffoldError(
            f"--kind: expected one of {', '.join(document_kinds())}; got '{draft.kind}'",
            'on the command line, put a kind of two words in quotes: --kind "board report"',
        )
    for name, day in (("--published", draft.published), ("--document-date", draft.document_date)):
        if day is not None and day < inspection.published:
            raise ScaffoldError(f"{name}: {day} is before the report was published ({inspection.published})", "check the year")
    if draft.url is not None and not re.match(r"^https?://\S+$", draft.url):
        raise ScaffoldError(f"--url: expected an address starting http:// or https://, got '{draft.url}'")
    draft.body()


def response_text(draft: ResponseDraft, file: str) -> str:
    """The YAML of a new response: valid as written, "not stated" wherever the document must be read."""
    inspection, force = draft.inspection, draft.force
    body = draft.body()
    lines = [
        modeline(file, "responseFile"),
        *_comment(
            f'{body.name}\'s response to "{inspection.title}" (published {inspection.published}; '
            f"response due by {due_date(inspection.published)})."
        ),
        *_comment(
            'Written by `register new-response`. Copy the document\'s own words over each "not stated"; '
            'where the document is silent, leave "not stated". Then run `register check`. '
            "The contributing page explains every field."
        ),
        f"inspection: {inspection.id}",
        f"force: {force.id}",
        *_comment(f"{body.name}, in office on {draft.reference_date}."),
        f"body: {body.id}",
        *_comment("The day the body published the response (YYYY-MM-DD): the date the 56-day clock uses."),
        f"published: {_day(draft.published)}",
        "document:",
        *_comment("One of: " + ", ".join(document_kinds()) + ".", indent=2),
        f"  kind: {_scalar(draft.kind)}",
        *_comment("The document's own heading, verbatim.", indent=2),
        f"  title: {NOT_STATED}",
        *_comment("The date printed on the document (YYYY-MM-DD), which may differ from publication.", indent=2),
        f"  date: {_day(draft.document_date)}",
        f"  url: {_scalar(draft.url) if draft.url else NOT_STATED}",
        *_comment(f"Once a plain-text copy is saved as data/transcripts/{inspection.id}/{force.id}.txt, add this line:", indent=2),
        f"  # transcript: {inspection.id}/{force.id}.txt",
        *_comment("The body's and the chief constable's comments, verbatim: replace [] with one item per passage, like this:"),
        "#   - by: local policing body  # or: chief constable, or: local policing body and chief constable",
        "#     heading: the heading over the passage, verbatim (leave this line out where there is none)",
        "#     text: |-",
        "#       The words, verbatim. A blank line starts a new paragraph.",
        "statements: []",
        *_comment(
            "One answer per recommendation the document answers; delete the others. "
            "Labels for position and progress are defined on the method page."
        ),
        "answers:",
    ]
    for rec in inspection.recommendations:
        addressed = "; ".join(rec.addressees)
        lines += _comment(f"Recommendation {rec.number} (to {addressed}): {rec.text}", indent=2)
        lines += [
            f"  - recommendation: {rec.number}",
            f"    text: {NOT_STATED}",
            f"    position: {NOT_STATED}",
            f"    progress: {NOT_STATED}",
        ]
    if not inspection.recommendations:
        lines[-1] = "answers: []"
    return "\n".join(lines) + "\n"


# Inspections ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class InspectionDraft:
    """What ``new-inspection`` is told about a report."""

    id: str
    title: str
    kind: str
    published: date
    recommendation_count: int
    inspectorates: tuple[str, ...] = ("HMICFRS",)
    report_url: str | None = None
    numbers: tuple[int, ...] = ()
    """The recommendations local policing bodies answer; 1..recommendation_count unless given."""
    respondents: tuple[str, ...] | None = None
    """Force ids; None for "all forces"."""

    @property
    def listed(self) -> tuple[int, ...]:
        return self.numbers or tuple(range(1, self.recommendation_count + 1))


def inspection_path(data_dir: str, inspection_id: str) -> str:
    return f"{data_dir}/{INSPECTIONS_DIR}/{inspection_id}.yaml"


def check_inspection_draft(draft: InspectionDraft, forces: dict[str, Force]) -> None:
    if not _SLUG.match(draft.id):
        raise ScaffoldError(
            f"--id: expected a lowercase id of letters, digits and single hyphens; got '{draft.id}'",
            "for example counter-terrorism-prevent-2020: a few words of the title and the year",
        )
    if draft.kind not in inspection_kinds():
        raise ScaffoldError(f"--kind: expected one of {', '.join(inspection_kinds())}; got '{draft.kind}'")
    if not draft.title.strip():
        raise ScaffoldError("--title must not be empty")
    if draft.recommendation_count < 0:
        raise ScaffoldError("--recommendation-count must be 0 or more")
    if len(set(draft.listed)) != len(draft.listed) or any(number < 1 for number in draft.listed):
        raise ScaffoldError("--numbers: each recommendation number is a whole number from 1, listed once")
    if len(draft.listed) > draft.recommendation_count:
        raise ScaffoldError(
            f"--numbers lists {len(draft.listed)} recommendations but the report makes {draft.recommendation_count}",
            "--recommendation-count is how many the whole report makes",
        )
    if draft.report_url is not None and not re.match(r"^https?://\S+$", draft.report_url):
        raise ScaffoldError(f"--report-url: expected an address starting http:// or https://, got '{draft.report_url}'")
    for force_id in draft.respondents or ():
        if force_id not in forces:
            raise ScaffoldError(f"--respondents: unknown force '{force_id}'", "force ids are listed in data/forces.yaml")


def inspection_text(draft: InspectionDraft, file: str) -> str:
    lines = [
        modeline(file, "inspectionFile"),
        *_comment(
            'Written by `register new-inspection`. Copy the report\'s own words over each "not stated"; '
            'where no source says, leave "not stated". Then run `register check`. '
            "The contributing page explains every field."
        ),
        f"id: {draft.id}",
        f"title: {_scalar(draft.title)}",
        *_comment("One of: " + ", ".join(inspection_kinds()) + "."),
        f"kind: {_scalar(draft.kind)}",
        "inspectorates:",
        *[f"  - {_scalar(name)}" for name in draft.inspectorates],
        *_comment("Publication date: day 1 of the 56 days."),
        f"published: {draft.published.isoformat()}",
        f"report_url: {_scalar(draft.report_url) if draft.report_url else NOT_STATED}",
        *_comment("A short summary quoted from a source, and where it is quoted from."),
        "summary:",
        f"  text: {NOT_STATED}",
        f"  source: {NOT_STATED}",
        *_comment("How many recommendations the whole report makes, including those to bodies other than the police."),
        f"recommendation_count: {draft.recommendation_count}",
        *_comment('"all forces" for a national report, or a list of force ids.'),
    ]
    if draft.respondents is None:
        lines.append("respondents: all forces")
    else:
        lines += ["respondents:", *[f"  - {force_id}" for force_id in draft.respondents]]
    lines += [
        *_comment("The report's areas for improvement, one text per item; [] where a source says there are none."),
        f"areas_for_improvement: {NOT_STATED}",
        *_comment("The recommendations a local policing body is expected to answer, with the report's own numbers."),
        *_comment("for_every_force: true where every force is expected to act on it, false where it is for a national lead."),
    ]
    if not draft.listed:
        lines.append("recommendations: []")
    else:
        lines.append("recommendations:")
        for number in draft.listed:
            lines += [
                f"  - number: {number}",
                f"    text: {NOT_STATED}",
                "    addressees:",
                f"      - {NOT_STATED}",
                "    deadline:",
                f"      words: {NOT_STATED}",
                "    for_every_force: false",
            ]
    return "\n".join(lines) + "\n"


def suggest_id(title: str, published: date | None) -> str:
    """A slug from the first words of the title and the year, for the prompt's default."""
    words = re.findall(r"[a-z0-9]+", title.lower())
    stop = {"a", "an", "the", "of", "and", "in", "on", "for", "to", "with"}
    chosen = [word for word in words if word not in stop][:5]
    if published:
        chosen.append(str(published.year))
    return "-".join(chosen)


# Writing ---------------------------------------------------------------------------------------


def write_new(root: Path, relative: str, text: str) -> Path:
    """Create the file; never overwrite one (a response is corrected in place, by hand)."""
    path = root / relative
    if path.exists():
        raise ScaffoldError(
            f"{relative} already exists; nothing was written", "edit the existing file instead, or delete it first if it was a false start"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    return path


def problems_in(problems: list[Problem], relative: str) -> list[Problem]:
    return [problem for problem in problems if problem.path == relative]


def _day(value: date | None) -> str:
    return value.isoformat() if value else NOT_STATED


def _scalar(value: str) -> str:
    """``value`` as a YAML scalar: plain where YAML reads it back unchanged, else double-quoted."""
    text = " ".join(value.split())
    try:
        plain_ok = yaml.safe_load(f"k: {text}") == {"k": text} and "#" not in text
    except yaml.YAMLError:
        plain_ok = False
    return text if plain_ok else json.dumps(text, ensure_ascii=False)


def _comment(text: str, *, indent: int = 0) -> list[str]:
    prefix = " " * indent + "# "
    return textwrap.wrap(" ".join(text.split()), _WIDTH, initial_indent=prefix, subsequent_indent=prefix, break_on_hyphens=False)
