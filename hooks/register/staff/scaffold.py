"""Write new data files for staff to fill in from the document, with every required field in place.

Starting from a blank file is where most mistakes are made (a missing field, the wrong body
for the date, a recommendation number the report lacks). So ``register new-response`` and
``register new-inspection`` write every required field, choose the body from the forces file,
list the inspection's own recommendation numbers, put "not stated" wherever a fact has still
to be copied from the document, and start each file with the modeline that gives editors the
schema. Nothing is invented: every value is either given by the user, taken from the register
or "not stated".

A new inspection file is a true record as written: an inspection known only in part is still
an inspection. A new response file is not: its answers are placeholders (``text: not stated``)
and it has no reason yet for reading the document as the body's section 55 response, so
``register check`` and the build refuse it, naming each placeholder, until someone has copied
the document's words in (or listed under ``not_answered`` what the document does not answer).
That way a file written and forgotten can never publish as "answered" with no words at all.
"""

from __future__ import annotations

import difflib
import json
import posixpath
import re
import textwrap
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import yaml

from register.data.clock import due_date
from register.data.load import FORCES_FILE, INSPECTIONS_DIR, RESPONSES_DIR
from register.data.model import NOT_STATED, Body, Force, Inspection
from register.data.problems import DataError, Problem
from register.data.schema import _as_iso_date, check_against_schema, schema_text
from register.data.yamlfile import read_yaml

SCHEMA_FOLDER = "hooks/register/schema"
SCHEMA_FILES = {
    "forcesFile": "forces.schema.json",
    "inspectionFile": "inspection.schema.json",
    "responseFile": "response.schema.json",
    "coverageFile": "coverage.schema.json",
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


def inspection_scopes() -> list[str]:
    """What a report may look at, as the schema lists it: national thematic, force, several forces, not stated."""
    return list(_schema_defs()["inspectionFile"]["properties"]["scope"]["enum"])


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

READINGS = ("the body's response", "not the body's response", "unclear")
"""The register's readings of a document under section 55, as the schema lists them."""


@dataclass(frozen=True)
class ResponseDraft:
    """What ``new-response`` knows before anyone has read the document."""

    inspection: Inspection
    force: Force
    kind: str = NOT_STATED
    published: date | None = None
    document_date: date | None = None
    url: str | None = None
    checked: date | None = None
    """The day someone opened ``url`` and saw the document there."""
    reading: str = "the body's response"
    located: bool = False
    """Known (with its address) but not transcribed: no statements or answers yet."""

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


def check_response_draft(draft: ResponseDraft, as_of: date | None = None) -> None:
    """Refuse a draft the check would refuse for a reason the options give, in the check's own terms.

    The placeholders are left for ``register check`` to name; what is refused here is what
    no amount of filling in would put right (a wrong date, a body not in office, a kind the
    schema does not know).
    """
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
    if draft.reading not in READINGS:
        raise ScaffoldError(
            f"--reading: expected one of {', '.join(READINGS)}; got '{draft.reading}'",
            "on the command line, put the reading in quotes: --reading \"unclear\"",
        )
    for name, day in (("--published", draft.published), ("--document-date", draft.document_date), ("--checked", draft.checked)):
        if day is not None and day < inspection.published and name != "--checked":
            raise ScaffoldError(f"{name}: {day} is before the report was published ({inspection.published})", "check the year")
        if day is not None and as_of is not None and day > as_of:
            raise ScaffoldError(
                f"{name}: {day} is after the register's as-of date ({as_of})",
                "a date still to come is a typing error; check the year, month and day",
            )
    if draft.url is not None and not re.match(r"^https?://\S+$", draft.url):
        raise ScaffoldError(f"--url: expected an address starting http:// or https://, got '{draft.url}'")
    if draft.checked is not None and draft.url is None:
        raise ScaffoldError("--checked is the day the --url was opened and the document seen there; give --url too")
    if draft.located and draft.url is None:
        raise ScaffoldError(
            "--located needs --url: a located record says where the document was found", "give --url, and --checked with the day you saw it there"
        )
    if draft.located and draft.checked is None:
        raise ScaffoldError(
            "--located needs --checked: a located record says the day someone saw the document at its address",
            "give --checked with the day you opened --url and found the document there, YYYY-MM-DD",
        )
    draft.body()


def response_text(draft: ResponseDraft, file: str) -> str:
    """The YAML of a new response: every field in place, each fact still to copy marked "not stated".

    The answers and the reason for the section 55 reading are placeholders that
    ``register check`` refuses, so the file cannot publish until someone has read the document.
    """
    inspection, force = draft.inspection, draft.force
    body = draft.body()
    lines = [
        modeline(file, "responseFile"),
        *_comment(
            f'{body.name}\'s response to "{inspection.title}" (published {inspection.published}; '
            f"response due by {due_date(inspection.published)})."
        ),
        *_comment(
            "Written by `register new-response`. `register check` and the build refuse this file until it is filled "
            "in from the document: copy the document's own words over each \"not stated\" that stands for words "
            "(each answer's text), and say under section_55 why the register reads the document as it does. "
            "Where the document is silent on a fact (a date, a title, a label), leave \"not stated\". "
            "The contributing page explains every field."
        ),
        f"inspection: {inspection.id}",
        f"force: {force.id}",
        *_comment(f"{body.name}, in office on {draft.reference_date}."),
        f"body: {body.id}",
        *_comment(
            "transcribed: the document's words are copied into statements and answers below. "
            "located: the document is known (its address is under document.copies) but its words are not copied yet; "
            "statements and answers are then []."
        ),
        f"record: {'located' if draft.located else 'transcribed'}",
        *_comment("Whether the register counts this document as the body's section 55 response, and why."),
        "section_55:",
        *_comment("One of: " + ", ".join(READINGS) + " (a proposed response put to a board, say).", indent=2),
        f"  reading: {_scalar(draft.reading)}",
        *_comment(
            "Why, in the register's words, from facts of the document: e.g. \"The Commissioner's own response form "
            "for the report.\" `register check` refuses \"not stated\" here.",
            indent=2,
        ),
        f"  why: {NOT_STATED}",
        *_comment("The day the body published the response (YYYY-MM-DD): the date the 56-day clock uses."),
        f"published: {_day(draft.published)}",
        "document:",
        *_comment("One of: " + ", ".join(document_kinds()) + ".", indent=2),
        f"  kind: {_scalar(draft.kind)}",
        *_comment(
            "final, proposed (put to a board for endorsement) or draft, where the document says so; else \"not stated\". "
            "Where it says so, copy its words into status_words: under it.",
            indent=2,
        ),
        f"  status: {NOT_STATED}",
        *_comment("The document's own heading, verbatim.", indent=2),
        f"  title: {NOT_STATED}",
        *_comment("The date printed on the document (YYYY-MM-DD), which may differ from publication.", indent=2),
        f"  date: {_day(draft.document_date)}",
        *_comment("Who the document says it is from and to, where it says (leave the lines out where it does not):", indent=2),
        "  # from: Chief Constable",
        "  # to: Business Coordination Board",
        *_comment(
            "Every public copy of the document, each with the day someone opened the address and saw the document "
            "there (never the day this file was written); [] where none is known.",
            indent=2,
        ),
        *_copies(draft),
        *_comment(f"Once a plain-text copy is saved as data/transcripts/{inspection.id}/{force.id}.txt, add this line:", indent=2),
        f"  # transcript: {inspection.id}/{force.id}.txt",
        *_comment(
            "Who signed it, and people it names in a field of their own, where it does (role: commissioner, "
            "deputy commissioner, chief constable, chief executive or other; label: the document's words):",
            indent=2,
        ),
        "  # signed_by:",
        "  #   - name: the name as written",
        "  #     role: commissioner",
        "  # names:",
        "  #   - name: the name as written",
        "  #     role: commissioner",
        "  #     label: Police and Crime Commissioner",
        *_comment(
            "What the document says of itself and of the report, each in its own words (shown as the document's "
            "words, never the register's); keep the lines it gives and delete the rest:",
            indent=2,
        ),
        "  # asserts:",
        "  #   section_cited: Section 55 of the Police Act 1996",
        "  #   deadline:",
        "  #     words: 14 September 2023",
        "  #     date: 2023-09-14",
        "  #   report_title: its title for the report",
        "  #   report_label: its label for the kind of report",
        "  #   report_reference: its reference number for the report",
        "  #   report_published: its date for the report, as written",
    ]
    if draft.located:
        lines += [
            *_comment("A located record holds no words: once they are copied in, write record: transcribed and fill these in."),
            "statements: []",
            "answers: []",
        ]
    else:
        lines += _statements_and_answers(inspection)
    lines += [
        *_comment("The day an editor last checked this record against the document; \"not stated\" until someone does."),
        f"last_checked: {NOT_STATED}",
    ]
    return "\n".join(lines) + "\n"


def _copies(draft: ResponseDraft) -> list[str]:
    if draft.url is None:
        return ["  copies: []", "  # copies:", "  #   - url: https://www.example.org/the-response.pdf", "  #     checked: 2026-12-01"]
    return ["  copies:", f"    - url: {_scalar(draft.url)}", f"      checked: {_day(draft.checked)}"]


def _statements_and_answers(inspection: Inspection) -> list[str]:
    """The statements (empty, with an example) and one placeholder answer per listed recommendation."""
    lines = [
        *_comment("The body's and the chief constable's comments, verbatim: replace [] with one item per passage, like this:"),
        "#   - by: local policing body  # or: chief constable, force, local policing body and chief constable",
        "#     heading: the heading over the passage, verbatim (leave this line out where there is none)",
        "#     text: |-",
        "#       The words, verbatim. A blank line starts a new paragraph.",
        "statements: []",
        *_comment(
            "Where the document says there are no comments from the chief constable, copy its words here:"
        ),
        "# chief_constable_comments_absent: the document's words",
        *_comment(
            "Answers: one item per passage of the document, with the numbers of the recommendations it answers. "
            "Copy each passage's words over \"not stated\". One passage that answers several recommendations is ONE "
            "answer listing them all (recommendations: [19, 20, 21]), or recommendations: all where it answers every "
            "one at once; merge the placeholders below into it. A passage that answers the report as a whole, naming "
            "no recommendation, leaves the recommendations line out. Where the document gives no answer to a "
            "recommendation, delete its answer and list its number under not_answered at the end."
        ),
        *_comment(
            "by: who the document says is speaking: local policing body, chief constable, force (\"Force response:\") "
            "or local policing body and chief constable. Labels for position and progress are defined on the method page."
        ),
    ]
    if inspection.areas_for_improvement:
        lines += _comment(
            "An answer to areas for improvement lists them as areas_for_improvement: [1, 2] (or all), with or without recommendations."
        )
    if not inspection.recommendations:
        lines += _comment(
            "The inspection lists no recommendations yet. An answer to the report as a whole looks like this:"
        )
        lines += [
            "#   - by: local policing body",
            "#     text: >-",
            "#       The passage, verbatim.",
            "#     position: not stated",
            "#     progress: not stated",
            "answers: []",
        ]
    else:
        lines.append("answers:")
        for rec in inspection.recommendations:
            addressed = f" (to {'; '.join(rec.addressees)})" if rec.addressees else ""
            words = rec.text or "its words are not yet in the register"
            lines += _comment(f"Recommendation {rec.number}{addressed}: {words}", indent=2)
            lines += [
                f"  - recommendations: [{rec.number}]",
                "    by: local policing body",
                f"    text: {NOT_STATED}",
                f"    position: {NOT_STATED}",
                f"    progress: {NOT_STATED}",
            ]
    numbers = ", ".join(str(rec.number) for rec in inspection.recommendations[:3]) or "1, 2"
    lines += [
        *_comment("The recommendations the document gives no answer to, once you have read it through:"),
        f"# not_answered: [{numbers}]",
    ]
    return lines


# Inspections ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class InspectionDraft:
    """What ``new-inspection`` is told about a report."""

    id: str
    title: str
    scope: str
    published: date
    recommendation_count: int | None
    """How many the whole report makes; None where no source says."""
    inspectorates: tuple[str, ...] = ("HMICFRS",)
    report_url: str | None = None
    numbers: tuple[int, ...] = ()
    """The recommendations local policing bodies answer; 1..recommendation_count unless given."""
    respondents: tuple[str, ...] | None = None
    """Force ids; None for "all forces"."""

    @property
    def listed(self) -> tuple[int, ...]:
        if self.numbers or self.recommendation_count is None:
            return self.numbers
        return tuple(range(1, self.recommendation_count + 1))


def inspection_path(data_dir: str, inspection_id: str) -> str:
    return f"{data_dir}/{INSPECTIONS_DIR}/{inspection_id}.yaml"


def check_inspection_id(value: str) -> None:
    """One check per answer, so a prompt can ask again at once instead of failing at the end."""
    if not _SLUG.fullmatch(value):
        raise ScaffoldError(
            f"--id: expected a lowercase id of letters, digits and single hyphens; got '{value}'",
            "for example counter-terrorism-prevent-2020: a few words of the title and the year",
        )


def check_inspection_scope(value: str) -> None:
    if value not in inspection_scopes():
        raise ScaffoldError(
            f"--scope: expected one of {', '.join(inspection_scopes())}; got '{value}'",
            "a joint report is one made by several inspectorates: give --inspectorate once for each",
        )


def check_title(value: str) -> None:
    if not value.strip():
        raise ScaffoldError("--title must not be empty")


def corrected_id(value: str) -> str | None:
    """The id the check would accept for what was typed (``Prevent 2020`` → ``prevent-2020``), if it differs."""
    fixed = "-".join(re.findall(r"[a-z0-9]+", value.lower()))
    return fixed if fixed and fixed != value else None


def corrected_scope(value: str) -> str | None:
    """The scope meant by a near miss or a part of one (``thematic`` → ``national thematic``)."""
    scopes = inspection_scopes()
    words = " ".join(value.lower().split())
    containing = [scope for scope in scopes if words and words in scope and scope != NOT_STATED]
    if len(containing) == 1:
        return containing[0]
    close = difflib.get_close_matches(words, scopes, n=1, cutoff=0.6)
    return close[0] if close and close[0] != value else None


def corrected_day(value: str) -> str | None:
    """The YYYY-MM-DD the check would suggest for a date written another way (2023-7-20, 20/07/2023, 20 July 2023)."""
    padded = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value.strip())
    try:
        if padded:
            return date(*(int(part) for part in padded.groups())).isoformat()
    except ValueError:
        return None
    return _as_iso_date(value)


def check_inspection_draft(draft: InspectionDraft, forces: dict[str, Force]) -> None:
    check_inspection_id(draft.id)
    check_inspection_scope(draft.scope)
    check_title(draft.title)
    if len(set(draft.inspectorates)) != len(draft.inspectorates) or not all(name.strip() for name in draft.inspectorates):
        raise ScaffoldError("--inspectorate: name each inspectorate once")
    count = draft.recommendation_count
    if count is not None and count < 0:
        raise ScaffoldError("--recommendation-count must be 0 or more, or \"not stated\"")
    if len(set(draft.listed)) != len(draft.listed) or any(number < 1 for number in draft.listed):
        raise ScaffoldError("--numbers: each recommendation number is a whole number from 1, listed once")
    if count is not None and len(draft.listed) > count:
        raise ScaffoldError(
            f"--numbers lists {len(draft.listed)} recommendations but the report makes {count}",
            "--recommendation-count is how many the whole report makes",
        )
    if count is not None and draft.listed and max(draft.listed) > count:
        raise ScaffoldError(
            f"--numbers: recommendation {max(draft.listed)} is listed but the report makes only {count}", "check the count and the numbers"
        )
    if draft.report_url is not None and not re.match(r"^https?://\S+$", draft.report_url):
        raise ScaffoldError(f"--report-url: expected an address starting http:// or https://, got '{draft.report_url}'")
    for force_id in draft.respondents or ():
        if force_id not in forces:
            raise ScaffoldError(f"--respondents: unknown force '{force_id}'", "force ids are listed in data/forces.yaml")


def inspection_text(draft: InspectionDraft, file: str) -> str:
    """The YAML of a new inspection: a true record as written, "not stated" for every fact still to find."""
    count = NOT_STATED if draft.recommendation_count is None else str(draft.recommendation_count)
    lines = [
        modeline(file, "inspectionFile"),
        *_comment(
            'Written by `register new-inspection`. Copy the report\'s own words over each "not stated"; '
            'where no source says, leave "not stated". Then run `register check`. '
            "The contributing page explains every field."
        ),
        f"id: {draft.id}",
        f"title: {_scalar(draft.title)}",
        *_comment("Other titles and reference numbers documents give it, each with the document that gives it:"),
        "# other_titles:",
        "#   - words: the title as the document writes it",
        "#     source: which document",
        "# references:",
        '#   - words: "#28740"',
        "#     source: which document",
        *_comment(
            "What the report looks at. One of: " + ", ".join(inspection_scopes()) + ". "
            "Joint follows from the inspectorates: more than one makes it a joint inspection."
        ),
        f"scope: {_scalar(draft.scope)}",
        "inspectorates:",
        *[f"  - {_scalar(name)}" for name in draft.inspectorates],
    ]
    if len(draft.inspectorates) > 1:
        lines += _comment("The inspectorate that published it, written as in the list above, where a source says:")
        lines.append(f"# published_by: {_scalar(draft.inspectorates[0])}")
    lines += [
        *_comment("Publication date: day 1 of the 56 days."),
        f"published: {draft.published.isoformat()}",
        f"report_url: {_scalar(draft.report_url) if draft.report_url else NOT_STATED}",
        *_comment("The day someone opened report_url and saw the report there:"),
        "# report_checked: 2026-12-01",
        *_comment("A short summary quoted from a source, with where it is quoted from, in place of \"not stated\":"),
        "#   text: the summary, verbatim",
        "#   source: which document",
        f"summary: {NOT_STATED}",
        *_comment(
            "How many recommendations the whole report makes, including those to bodies other than the police; "
            "\"not stated\" where no source says. Where a source gives the counts, say which in counts_source, and give "
            "the areas for improvement's count where it gives one."
        ),
        f"recommendation_count: {count}",
        "# area_for_improvement_count: 5",
        "# counts_source: which document, and its words",
        *_comment('"all forces" for a national report, or a list of force ids.'),
    ]
    if draft.respondents is None:
        lines.append("respondents: all forces")
    else:
        lines += ["respondents:", *[f"  - {force_id}" for force_id in draft.respondents]]
    lines += [
        *_comment(
            "The report's areas for improvement, each with a number and its text (or \"not stated\"); "
            "[] where a source says there are none; \"not stated\" where no source says."
        ),
        f"areas_for_improvement: {NOT_STATED}",
        *_comment("Other reports this one belongs with (relation: interim report, final report, follow-up review, ...):"),
        "# related:",
        "#   - relation: interim report",
        "#     inspection: the other report's id, where the register holds it (else title: and url:)",
        *_comment("The recommendations a local policing body is expected to answer, with the report's own numbers."),
        *_comment(
            "addressees: whom the report addresses each to, one per item. deadline: the report's words, "
            "with day: (By 30 April 2023), month: (By June 2020) or from_publication: true (With immediate effect). "
            "for_every_force: true where a source says every force is to act on it, false where it is for others "
            "(a national lead, say). Each stays \"not stated\" until a source says."
        ),
    ]
    if not draft.listed:
        lines.append("recommendations: []")
    else:
        lines.append("recommendations:")
        for number in draft.listed:
            lines += [
                f"  - number: {number}",
                f"    text: {NOT_STATED}",
                f"    addressees: {NOT_STATED}",
                f"    deadline: {NOT_STATED}",
                f"    for_every_force: {NOT_STATED}",
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
