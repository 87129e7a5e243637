"""The register as open data: ``register.json``, CSV tables, a Frictionless Data Package and the JSON Schema.

Every download is made here, from the same ``Register`` the pages are rendered from, so the
files cannot drift from the site, and nobody keeps them by hand. The CSV tables are declared
once, field by field (name, type, description, constraints); that one declaration writes
the CSV header, the Table Schema in ``datapackage.json`` and the field documentation on the
``/data/`` page. Output is byte-identical for the same data and as-of date: rows in register
order, keys sorted, CRLF record ends as RFC 4180 asks, and no date but the data's own.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any, Iterable

from . import urls
from .clock import STATUTORY_DAYS, Status, due_date
from .model import Body, Force, Inspection, Register, Response
from .render import GeneratedFile, template_environment
from .schema import schema_text
from .standing import Standing, standings_for_inspection

SLUG_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"
LIST_SEPARATOR = "; "
"""Joins the items of a list in one CSV cell (inspectorates, addressees, respondents)."""
PACKAGE_NAME = "inspection-responses-register"
SCHEMA_FILE = "register.schema.json"
JSON_FILE = "register.json"
PACKAGE_FILE = "datapackage.json"

Cell = str | int | bool | date | None


# The tables, declared once --------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """One CSV column: its Table Schema descriptor and its documentation."""

    name: str
    type: str
    """A Table Schema type: string, integer, boolean, date or yearmonth."""
    description: str
    required: bool = False
    enum: tuple[str, ...] | None = None
    pattern: str | None = None
    minimum: int | None = None
    format: str | None = None

    def descriptor(self) -> dict[str, Any]:
        constraints: dict[str, Any] = {}
        if self.required:
            constraints["required"] = True
        if self.enum is not None:
            constraints["enum"] = list(self.enum)
        if self.pattern is not None:
            constraints["pattern"] = self.pattern
        if self.minimum is not None:
            constraints["minimum"] = self.minimum
        descriptor: dict[str, Any] = {"name": self.name, "type": self.type, "description": self.description}
        if self.format:
            descriptor["format"] = self.format
        if constraints:
            descriptor["constraints"] = constraints
        return descriptor

    @property
    def rules(self) -> str:
        """The constraints in words, for the /data/ page."""
        words = ["always filled" if self.required else "may be empty"]
        if self.enum is not None:
            words.append("one of " + ", ".join(f"“{value}”" for value in self.enum))
        if self.pattern == SLUG_PATTERN:
            words.append("a lowercase id")
        if self.minimum is not None:
            words.append(f"at least {self.minimum}")
        return "; ".join(words)


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str
    reference: tuple[str, ...]

    def descriptor(self) -> dict[str, Any]:
        return {"fields": list(self.fields), "reference": {"resource": self.resource, "fields": list(self.reference)}}


@dataclass(frozen=True)
class Table:
    """One CSV file and the Table Schema that describes it."""

    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()

    @property
    def path(self) -> str:
        return f"{self.name}.csv"

    def descriptor(self) -> dict[str, Any]:
        schema: dict[str, Any] = {
            "fields": [field.descriptor() for field in self.fields],
            "missingValues": [""],
            "primaryKey": list(self.primary_key),
        }
        if self.foreign_keys:
            schema["foreignKeys"] = [key.descriptor() for key in self.foreign_keys]
        return {
            "name": self.name,
            "path": self.path,
            "profile": "tabular-data-resource",
            "title": self.title,
            "description": self.description,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": {"delimiter": ",", "doubleQuote": True, "header": True, "lineTerminator": "\r\n", "quoteChar": '"'},
            "schema": schema,
        }


@cache
def _schema() -> dict[str, Any]:
    return json.loads(schema_text())


def _enum(definition: str, *path: str) -> tuple[str, ...]:
    """A label list from the JSON Schema, so the tables cannot allow other labels than the data."""
    node = _schema()["$defs"][definition]
    for key in path:
        node = node["properties"][key]
    return tuple(node["enum"])


def _page(what: str) -> Field:
    return Field("page", "string", f"Address of the {what} on this site, relative to the site's home page, e.g. {_page_example(what)}.", required=True)


def _page_example(what: str) -> str:
    return {
        "inspection's page": urls.inspection("counter-terrorism-prevent-2020"),
        "recommendation's page": urls.recommendation("counter-terrorism-prevent-2020", 7),
        "force's page": urls.force("cumbria"),
        "response's page": urls.response("management-of-terrorist-offenders-2023", "norfolk"),
    }[what]


INSPECTION_ID = Field("inspection_id", "string", "The inspection's id, as in its address /inspections/<inspection_id>/.", required=True, pattern=SLUG_PATTERN)

INSPECTIONS = Table(
    "inspections",
    "Inspections",
    "One row per inspection report the register holds.",
    (
        INSPECTION_ID,
        Field("title", "string", "The report's title.", required=True),
        Field("kind", "string", "Kind of inspection: national thematic, joint (several inspectorates) or force.", required=True, enum=_enum("inspectionFile", "kind")),
        Field("inspectorates", "string", f"The inspectorates that carried it out, separated by “{LIST_SEPARATOR.strip()}”.", required=True),
        Field("published_by", "string", "The inspectorate that published it, where that is one of several; empty otherwise."),
        Field("commissioned_by", "string", "Who commissioned it, where a source says; empty otherwise."),
        Field("published", "date", "Publication date: day 1 of the 56 days.", required=True),
        Field("responses_due", "date", "Last day for a local policing body's response: publication date plus 55 days, computed by the register.", required=True),
        Field("report_url", "string", "Web address of the report; empty where the register's sources do not give it.", format="uri"),
        Field("recommendation_count", "integer", "How many recommendations the whole report makes, including those to bodies other than the police.", required=True, minimum=0),
        Field("recommendations_listed", "integer", "How many of them the register lists (those a local policing body is expected to answer); they are the rows of recommendations.csv.", required=True, minimum=0),
        Field("respondents", "string", f"Whose local policing bodies must respond: “all forces”, or force ids separated by “{LIST_SEPARATOR.strip()}”.", required=True),
        Field("summary", "string", "A short summary, quoted verbatim from the source named in summary_source.", required=True),
        Field("summary_source", "string", "Where the summary is quoted from.", required=True),
        _page("inspection's page"),
    ),
    ("inspection_id",),
)

RECOMMENDATIONS = Table(
    "recommendations",
    "Recommendations",
    "One row per recommendation a local policing body is expected to answer, with the report's own number.",
    (
        INSPECTION_ID,
        Field("recommendation", "integer", "The report's own number for the recommendation.", required=True, minimum=1),
        Field("text", "string", "The recommendation, verbatim.", required=True),
        Field("addressees", "string", f"Who the report addresses it to, in the report's words, separated by “{LIST_SEPARATOR.strip()}”.", required=True),
        Field("deadline_words", "string", "The deadline in the report's words, e.g. “By June 2020”; empty where the report states none."),
        Field("deadline_month", "yearmonth", "The month the deadline words name (YYYY-MM), where they name one."),
        Field("deadline_from_publication", "boolean", "true where the words mean from the day of publication (“With immediate effect”).", required=True),
        Field("for_every_force", "boolean", "true where every force is expected to act on it, not only a national lead.", required=True),
        _page("recommendation's page"),
    ),
    ("inspection_id", "recommendation"),
    (ForeignKey(("inspection_id",), "inspections", ("inspection_id",)),),
)

FORCES = Table(
    "forces",
    "Forces and their local policing bodies",
    "One row per local policing body of each of the 43 forces, oldest body first: the body that must answer for a force depends on the date.",
    (
        Field("force_id", "string", "The force's id, as in its address /forces/<force_id>/.", required=True, pattern=SLUG_PATTERN),
        Field("force_name", "string", "The force's current name.", required=True),
        Field("former_names", "string", f"Names the force used before, each with the date it was used until, separated by “{LIST_SEPARATOR.strip()}”; empty where none."),
        Field("body_id", "string", "The local policing body's id.", required=True, pattern=SLUG_PATTERN),
        Field("body_name", "string", "The body's formal name.", required=True),
        Field(
            "body_kind",
            "string",
            "pcc: police and crime commissioner; pfcc: police, fire and crime commissioner; mayor: a mayor holding the policing functions; police-authority: the Common Council of the City of London.",
            required=True,
            enum=_enum("body", "kind"),
        ),
        Field("body_from", "date", "First day in office; empty where the register's sources give no date."),
        Field("body_to", "date", "Last day in office; empty while the body is in office."),
        Field("body_note", "string", "Anything else the register records about the body; empty where nothing."),
        _page("force's page"),
    ),
    ("body_id",),
)

RESPONSES = Table(
    "responses",
    "Responses, one row per recommendation",
    "One row per response the register holds × each recommendation listed for its inspection. "
    "Where the response does not answer a recommendation, the row is still there, with answered = false and the answer fields empty, "
    "so that no response disappears from the table and “responded, but not to this recommendation” can be told from “no response”. "
    "Bodies with no response identified have no rows: see each inspection's page or the standings in register.json.",
    (
        INSPECTION_ID,
        Field("force_id", "string", "The force whose local policing body responded.", required=True, pattern=SLUG_PATTERN),
        Field("force_name", "string", "The force's current name.", required=True),
        Field("body_id", "string", "The local policing body that responded: the body in office on the response date.", required=True, pattern=SLUG_PATTERN),
        Field("body_name", "string", "The responding body's formal name.", required=True),
        Field("recommendation", "integer", "The report's own number for the recommendation.", required=True, minimum=1),
        Field("answered", "boolean", "true where the response answers this recommendation; false where it says nothing about it.", required=True),
        Field("position", "string", "Editorial label of the body's position (see the method page); empty where not answered.", enum=_enum("answer", "position")),
        Field("progress", "string", "Editorial label of the action reported (see the method page); empty where not answered.", enum=_enum("answer", "progress")),
        Field("answer_text", "string", "The body's answer, verbatim; empty where not answered. Paragraphs are separated by blank lines inside the cell."),
        Field("numbered_in_document", "string", "The number the response document itself uses for this recommendation, where it differs."),
        Field("editor_note", "string", "An editor's note on how the answer was read, where there is one."),
        Field("published", "date", "The day the body published the response, the date the statutory clock uses; empty where the register does not know it."),
        Field("document_kind", "string", "What kind of document the response is.", required=True, enum=_enum("responseFile", "document", "kind")),
        Field("document_title", "string", "The document's own heading, verbatim; empty where it has none."),
        Field("document_date", "date", "The date the document carries, which may differ from publication; empty where it carries none."),
        Field("source_url", "string", "Web address of the published document; empty where the register has not found one.", format="uri"),
        Field("transcript", "string", "Address of the plain-text copy of the document on this site, relative to the site's home page; empty where there is none."),
        Field("stated_deadline", "date", "A response deadline the document itself states, where it states one (the register's own is in due)."),
        Field("last_checked", "date", "The day an editor last checked the record against its source; empty where not recorded."),
        Field("due", "date", "Last day for the response: the report's publication date plus 55 days.", required=True),
        Field(
            "timeliness",
            "string",
            "The response against the 56-day clock as of the as_of date (see the method page): “date unknown” where the publication date is not known.",
            required=True,
            enum=tuple(status.value for status in Status),
        ),
        Field("days_late", "integer", "Days after the due date the response was published, where timeliness is “late”; empty otherwise.", minimum=1),
        Field("as_of", "date", "The date the timeliness is judged on (the register's as-of setting), the same on every row.", required=True),
        _page("response's page"),
        Field("recommendation_page", "string", "Address of the recommendation's page, where every body's answer to it is shown side by side.", required=True),
    ),
    ("inspection_id", "force_id", "recommendation"),
    (
        ForeignKey(("inspection_id",), "inspections", ("inspection_id",)),
        ForeignKey(("inspection_id", "recommendation"), "recommendations", ("inspection_id", "recommendation")),
        ForeignKey(("body_id",), "forces", ("body_id",)),
    ),
)

TABLES = (INSPECTIONS, RECOMMENDATIONS, FORCES, RESPONSES)


# Extra fields of register.json (the rest mirror the YAML formats) -----------------------

JSON_ADDED_FIELDS: tuple[tuple[str, str], ...] = (
    ("as_of", "The date the statutory clock is judged on (the register's as-of setting)."),
    ("statutory_days", f"The period for a response in days ({STATUTORY_DAYS}), counted from and including the day of publication."),
    ("forces[].page, inspections[].page, …page", "Address of the record's page on this site, relative to the site's home page."),
    ("inspections[].responses_due", "Last day for a response: publication date plus 55 days."),
    ("inspections[].standings[]", "One entry per force whose body is expected to respond, in register order, whether or not a response was identified."),
    ("inspections[].standings[].force, .body", "The force id, and the responding body's id (or, with no response, the body in office on the day of publication)."),
    ("inspections[].standings[].timeliness", "status (one of the timeliness labels), due (date) and days_late (a number where late, else null), as of as_of."),
    ("inspections[].standings[].response", "The response as in its YAML file (fields below), or null where no published response has been identified."),
    ("…response.document.transcript", "Address of the plain-text copy on this site (the YAML holds its path under data/transcripts/)."),
)


# Building the files ---------------------------------------------------------------------


def export_files(register: Register, as_of: date) -> list[GeneratedFile]:
    """Every download under /data/, and the /data/ page that documents them."""
    files = [GeneratedFile(urls.data_file(table.path), _csv(table, _rows(table, register, as_of))) for table in TABLES]
    files.append(GeneratedFile(urls.data_file(PACKAGE_FILE), _json(package_descriptor(as_of))))
    files.append(GeneratedFile(urls.data_file(JSON_FILE), _json(register_document(register, as_of))))
    files.append(GeneratedFile(urls.data_file(SCHEMA_FILE), schema_text()))
    sizes = {file.src_uri.rsplit("/", 1)[-1]: len(file.content.encode("utf-8")) for file in files}
    page = template_environment().get_template("data.md.j2").render(
        page_url=urls.data(),
        as_of=as_of,
        tables=TABLES,
        sizes=sizes,
        json_file=JSON_FILE,
        package_file=PACKAGE_FILE,
        schema_file=SCHEMA_FILE,
        separator=LIST_SEPARATOR.strip(),
        json_added=JSON_ADDED_FIELDS,
        yaml_formats=yaml_field_docs(),
        counts=_counts(register),
    )
    files.append(GeneratedFile(urls.source_file(urls.data()), page))
    return files


def package_descriptor(as_of: date) -> dict[str, Any]:
    """The Frictionless Data Package (tabular-data-package profile) describing every CSV."""
    return {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": "Inspection Responses Register",
        "description": (
            "How local policing bodies in England and Wales answer national inspection reports: the reports, their recommendations, "
            f"the forces and their bodies, and each body's answers, with timeliness judged as of {as_of.isoformat()}. "
            "An empty cell means the register has no value (not stated by the source, or not applicable as each field says)."
        ),
        "resources": [table.descriptor() for table in TABLES],
    }


def _counts(register: Register) -> dict[str, int]:
    return {
        "forces": len(register.forces),
        "bodies": sum(len(force.bodies) for force in register.forces),
        "inspections": len(register.inspections),
        "recommendations": sum(len(inspection.recommendations) for inspection in register.inspections),
        "responses": len(register.responses),
        "answers": sum(len(response.answers) for response in register.responses),
    }


def _rows(table: Table, register: Register, as_of: date) -> Iterable[dict[str, Cell]]:
    if table is INSPECTIONS:
        return (_inspection_row(inspection) for inspection in register.inspections)
    if table is RECOMMENDATIONS:
        return (
            {
                "inspection_id": inspection.id,
                "recommendation": rec.number,
                "text": rec.text,
                "addressees": LIST_SEPARATOR.join(rec.addressees),
                "deadline_words": rec.deadline.words,
                "deadline_month": rec.deadline.month,
                "deadline_from_publication": rec.deadline.from_publication,
                "for_every_force": rec.for_every_force,
                "page": urls.recommendation(inspection.id, rec.number),
            }
            for inspection in register.inspections
            for rec in inspection.recommendations
        )
    if table is FORCES:
        return (_body_row(force, body) for force in register.forces for body in force.bodies)
    if table is RESPONSES:
        return (
            row
            for inspection in register.inspections
            for standing in standings_for_inspection(register, inspection, as_of)
            if standing.response is not None
            for row in _response_rows(register, standing, standing.response)
        )
    raise ValueError(table.name)  # pragma: no cover - programming error


def _inspection_row(inspection: Inspection) -> dict[str, Cell]:
    return {
        "inspection_id": inspection.id,
        "title": inspection.title,
        "kind": inspection.kind,
        "inspectorates": LIST_SEPARATOR.join(inspection.inspectorates),
        "published_by": inspection.published_by,
        "commissioned_by": inspection.commissioned_by,
        "published": inspection.published,
        "responses_due": due_date(inspection.published),
        "report_url": inspection.report_url,
        "recommendation_count": inspection.recommendation_count,
        "recommendations_listed": len(inspection.recommendations),
        "respondents": "all forces" if inspection.respondents is None else LIST_SEPARATOR.join(inspection.respondents),
        "summary": inspection.summary.text,
        "summary_source": inspection.summary.source,
        "page": urls.inspection(inspection.id),
    }


def _body_row(force: Force, body: Body) -> dict[str, Cell]:
    return {
        "force_id": force.id,
        "force_name": force.name,
        "former_names": LIST_SEPARATOR.join(f"{former.name} (until {former.until})" for former in force.former_names) or None,
        "body_id": body.id,
        "body_name": body.name,
        "body_kind": body.kind,
        "body_from": body.start,
        "body_to": body.end,
        "body_note": body.note,
        "page": urls.force(force.id),
    }


def _response_rows(register: Register, standing: Standing, response: Response) -> Iterable[dict[str, Cell]]:
    inspection, force = standing.inspection, standing.force
    body = register.body(response.body_id)
    timeliness = standing.timeliness
    for rec in inspection.recommendations:
        answer = response.answer_to(rec.number)
        yield {
            "inspection_id": inspection.id,
            "force_id": force.id,
            "force_name": force.name,
            "body_id": body.id,
            "body_name": body.name,
            "recommendation": rec.number,
            "answered": answer is not None,
            "position": answer.position if answer else None,
            "progress": answer.progress if answer else None,
            "answer_text": answer.text if answer else None,
            "numbered_in_document": answer.numbered_in_document if answer else None,
            "editor_note": answer.note if answer else None,
            "published": response.published,
            "document_kind": response.document.kind,
            "document_title": response.document.title,
            "document_date": response.document.date,
            "source_url": response.document.url,
            "transcript": urls.transcript(inspection.id, force.id) if response.document.transcript else None,
            "stated_deadline": response.stated_deadline,
            "last_checked": response.last_checked,
            "due": timeliness.due,
            "timeliness": timeliness.status.value,
            "days_late": timeliness.days_late,
            "as_of": timeliness.as_of,
            "page": urls.response(inspection.id, force.id),
            "recommendation_page": urls.recommendation(inspection.id, rec.number),
        }


def _cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _csv(table: Table, rows: Iterable[dict[str, Cell]]) -> str:
    """RFC 4180 CSV: a header row, CRLF after each record, quotes only where a cell needs them."""
    names = [field.name for field in table.fields]
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(names)
    for row in rows:
        if list(row) != names:  # pragma: no cover - programming error
            raise ValueError(f"{table.name}: row fields {list(row)} differ from the declared {names}")
        writer.writerow([_cell(row[name]) for name in names])
    return out.getvalue()


def _json(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# register.json: everything, nested ------------------------------------------------------


def register_document(register: Register, as_of: date) -> dict[str, Any]:
    """The whole register as one JSON document; field names follow the YAML formats.

    Where the YAML says "not stated", or leaves an optional field out, the JSON has null, so
    every record of a kind has the same keys.
    """
    return {
        "as_of": as_of.isoformat(),
        "statutory_days": STATUTORY_DAYS,
        "forces": [_force_json(force) for force in register.forces],
        "inspections": [_inspection_json(register, inspection, as_of) for inspection in register.inspections],
    }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _force_json(force: Force) -> dict[str, Any]:
    return {
        "id": force.id,
        "name": force.name,
        "former_names": [{"name": former.name, "until": former.until} for former in force.former_names],
        "bodies": [
            {"id": body.id, "name": body.name, "kind": body.kind, "from": _iso(body.start), "to": _iso(body.end), "note": body.note}
            for body in force.bodies
        ],
        "page": urls.force(force.id),
    }


def _inspection_json(register: Register, inspection: Inspection, as_of: date) -> dict[str, Any]:
    def sourced(item: Any) -> dict[str, str] | None:
        return {"text": item.text, "source": item.source} if item else None

    return {
        "id": inspection.id,
        "title": inspection.title,
        "kind": inspection.kind,
        "inspectorates": list(inspection.inspectorates),
        "published_by": inspection.published_by,
        "commissioned_by": inspection.commissioned_by,
        "published": inspection.published.isoformat(),
        "responses_due": due_date(inspection.published).isoformat(),
        "report_url": inspection.report_url,
        "numbering": inspection.numbering,
        "summary": sourced(inspection.summary),
        "key_findings": sourced(inspection.key_findings),
        "recommendation_count": inspection.recommendation_count,
        "other_recommendations": inspection.other_recommendations,
        "recommendations": [
            {
                "number": rec.number,
                "text": rec.text,
                "addressees": list(rec.addressees),
                "deadline": {"words": rec.deadline.words, "month": rec.deadline.month, "from_publication": rec.deadline.from_publication},
                "for_every_force": rec.for_every_force,
                "page": urls.recommendation(inspection.id, rec.number),
            }
            for rec in inspection.recommendations
        ],
        "areas_for_improvement": None if inspection.areas_for_improvement is None else list(inspection.areas_for_improvement),
        "respondents": "all forces" if inspection.respondents is None else list(inspection.respondents),
        "page": urls.inspection(inspection.id),
        "standings": [
            {
                "force": standing.force.id,
                "body": standing.body.id if standing.body else None,
                "timeliness": {
                    "status": standing.timeliness.status.value,
                    "due": standing.timeliness.due.isoformat(),
                    "days_late": standing.timeliness.days_late,
                },
                "response": _response_json(standing.response) if standing.response else None,
            }
            for standing in standings_for_inspection(register, inspection, as_of)
        ],
    }


def _response_json(response: Response) -> dict[str, Any]:
    document = response.document
    return {
        "inspection": response.inspection_id,
        "force": response.force_id,
        "body": response.body_id,
        "published": _iso(response.published),
        "document": {
            "kind": document.kind,
            "title": document.title,
            "date": _iso(document.date),
            "url": document.url,
            "from": document.sender,
            "to": document.addressee,
            "transcript": urls.transcript(response.inspection_id, response.force_id) if document.transcript else None,
        },
        "named_commissioner": response.named_commissioner,
        "stated_deadline": _iso(response.stated_deadline),
        "office_use_checklist": list(response.office_use_checklist),
        "statements": [{"by": item.by, "heading": item.heading, "text": item.text} for item in response.statements],
        "answers": [
            {
                "recommendation": answer.recommendation,
                "numbered_in_document": answer.numbered_in_document,
                "text": answer.text,
                "position": answer.position,
                "progress": answer.progress,
                "note": answer.note,
            }
            for answer in response.answers
        ],
        "last_checked": _iso(response.last_checked),
        "page": urls.response(response.inspection_id, response.force_id),
    }


# The YAML formats, documented from the JSON Schema --------------------------------------


@dataclass(frozen=True)
class FormatDoc:
    """The fields of one YAML file format, with the schema's own descriptions."""

    title: str
    files: str
    json_path: str
    """Where records of this format sit in register.json."""
    fields: tuple[tuple[str, str], ...]


def yaml_field_docs() -> tuple[FormatDoc, ...]:
    """Every field of the three YAML formats with its description, walked from the JSON Schema."""
    formats = (
        ("forcesFile", "Forces and bodies", "data/forces.yaml", "forces[]"),
        ("inspectionFile", "Inspections", "data/inspections/<inspection-id>.yaml", "inspections[]"),
        ("responseFile", "Responses", "data/responses/<inspection-id>/<force-id>.yaml", "inspections[].standings[].response"),
    )
    docs = []
    for definition, title, files, json_path in formats:
        rows: list[tuple[str, str]] = []
        _walk(_schema()["$defs"][definition], "", rows)
        if definition == "forcesFile":
            rows = [(name.removeprefix("forces[]."), text) for name, text in rows if name != "forces"]
        docs.append(FormatDoc(title, files, json_path, tuple(rows)))
    return tuple(docs)


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node and "properties" not in node:
        target = _schema()["$defs"][node["$ref"].rsplit("/", 1)[-1]]
        node = {**target, **{key: value for key, value in node.items() if key != "$ref"}}
    return node


def _walk(node: dict[str, Any], prefix: str, rows: list[tuple[str, str]]) -> None:
    node = _resolve(node)
    for name, child in node.get("properties", {}).items():
        child = _resolve(child)
        path = prefix + name
        text = child.get("description") or child.get("title") or ""
        if text == _schema()["$defs"]["text"]["description"]:
            text = "Text, verbatim where it quotes a document."
        rows.append((path, " ".join(text.split())))
        if "properties" in child:
            _walk(child, path + ".", rows)
        items = child.get("items")
        if isinstance(items, dict) and "properties" in _resolve(items):
            _walk(items, path + "[].", rows)
