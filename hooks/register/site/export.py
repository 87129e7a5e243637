"""The register as open data: ``register.json``, CSV tables, a Frictionless Data Package and the JSON Schema.

Every download is made here, from the same ``Register`` the pages are rendered from, so the
files cannot drift from the site, and nobody keeps them by hand. The CSV tables are declared
once, field by field (name, type, description, constraints); that one declaration writes
the CSV header, the Table Schema in ``datapackage.json`` and the field documentation on the
``/data/`` page. Output is byte-identical for the same data and as-of date: rows in register
order, keys sorted, CRLF record ends as RFC 4180 asks, and no date but the data's own.

Responses come in three tables, because a real document does not map one to one onto
recommendations: ``responses.csv`` has one row per document held (so a letter answering the
report as a whole, or a record only located, never disappears), ``answers.csv`` each passage
once as the document gives it, and ``recommendation_answers.csv`` one row per response and
listed recommendation, for comparing every body's answer to one recommendation. ``coverage.csv``
has a row for every report and body, found or not, so that "not found" always carries where
the register looked and when, and "not yet looked for" is told apart from it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from markupsafe import Markup

from register.data import completeness as s55
from register.data.clock import EVIDENCE, STATUTORY_DAYS, Status, due_date
from register.data.coverage import CoverageState
from register.data.model import ALL, NOT_STATED, Answer, Body, Force, Inspection, Look, Recommendation, Register, Related, Response
from register.data.schema import schema_text
from register.data.standing import Standing, standings_for_inspection
from register.site import urls
from register.site.csvtext import csv_text
from register.site.pages import GeneratedFile, template_environment
from register.site.stats import coverage_state, found_by

SLUG_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"
LIST_SEPARATOR = "; "
"""Joins the items of a list in one CSV cell (inspectorates, addressees, respondents, numbers)."""
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
    """A label list from the JSON Schema, so the tables cannot allow other labels than the data.

    "not stated" is left out: where the data says it, the model has None and the cell is empty.
    (It stays a label of its own in position and progress, whose "not stated" the model keeps.)
    """
    node = _schema()["$defs"][definition]
    for key in path:
        node = node["properties"][key]
    keep_not_stated = definition == "answer"
    return tuple(value for value in node["enum"] if keep_not_stated or value != NOT_STATED)


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
FORCE_ID = Field("force_id", "string", "The force whose local policing body the record is for.", required=True, pattern=SLUG_PATTERN)
SEPARATED = f"separated by “{LIST_SEPARATOR.strip()}”"
NUMBERS = f"report numbers {SEPARATED} (e.g. “19{LIST_SEPARATOR}20{LIST_SEPARATOR}21”), or “all”"

INSPECTIONS = Table(
    "inspections",
    "Inspections",
    "One row per inspection report the register holds, including reports it knows only by their counts.",
    (
        INSPECTION_ID,
        Field("title", "string", "The report's title.", required=True),
        Field(
            "scope",
            "string",
            "What the report looks at: policing as a whole (national thematic), one force, or several forces; empty where no source says.",
            enum=_enum("inspectionFile", "scope"),
        ),
        Field("joint", "boolean", "true where more than one inspectorate carried it out (a joint inspection); computed from inspectorates.", required=True),
        Field("inspectorates", "string", f"The inspectorates that carried it out, {SEPARATED}.", required=True),
        Field("published_by", "string", "The inspectorate that published it, where that is one of several; empty otherwise."),
        Field("commissioned_by", "string", "Who commissioned it, where a source says; empty otherwise."),
        Field("published", "date", "Publication date: day 1 of the 56 days.", required=True),
        Field("responses_due", "date", "Last day for a local policing body's response: publication date plus 55 days, computed by the register.", required=True),
        Field("report_url", "string", "Web address of the report; empty where the register has not found one.", format="uri"),
        Field("report_checked", "date", "The day someone opened report_url and found the report there; empty where nobody has recorded a check."),
        Field("announcement_url", "string", "Web address of the inspectorate's press release announcing the report (not the report); empty where none is recorded.", format="uri"),
        Field("announcement_checked", "date", "The day someone found the announcement at announcement_url; empty where none is recorded."),
        Field(
            "recommendation_count",
            "integer",
            "How many recommendations the whole report makes, including those to bodies other than the police, as the source in counts_source says; empty where no source says.",
            minimum=0,
        ),
        Field(
            "area_for_improvement_count",
            "integer",
            "How many areas for improvement the report makes: the count a source gives, else the number listed where a source lists them (0 where a source says there are none); empty where no source says.",
            minimum=0,
        ),
        Field("counts_source", "string", "The document that gives the counts; empty where the register names none."),
        Field(
            "recommendations_listed",
            "integer",
            "How many recommendations the register lists with the report's own numbers: all of the report's or only some (those the register's sources give); they are the rows of recommendations.csv.",
            required=True,
            minimum=0,
        ),
        Field("respondents", "string", f"Whose local policing bodies must respond: “all forces”, or force ids {SEPARATED}.", required=True),
        Field("summary", "string", "A short summary, quoted verbatim from the source named in summary_source; empty where the register has none yet."),
        Field("summary_source", "string", "Where the summary is quoted from; empty where there is no summary."),
        Field("other_titles", "string", f"Other titles documents give the report, verbatim, {SEPARATED}; empty where none. The document giving each is in register.json."),
        Field("references", "string", f"Reference numbers documents give the report, verbatim, {SEPARATED}; empty where none. The document giving each is in register.json."),
        Field("redacted", "boolean", "true where a source says the report was published with parts removed, false where a source says it was not; empty where no source says. The source is in register.json."),
        Field(
            "related",
            "string",
            f"Other reports this one belongs with, each as “relation: inspection_id” for a report the register holds or “relation: title” for one it does not, {SEPARATED}; "
            "the relation says what the other report is to this one (e.g. “interim report: …” on a final report, and “final report: …” on its interim report). Empty where none.",
        ),
        _page("inspection's page"),
    ),
    ("inspection_id",),
)

RECOMMENDATIONS = Table(
    "recommendations",
    "Recommendations",
    "One row per recommendation the register lists, with the report's own number: all of a report's recommendations, or only those its sources give. "
    "A recommendation may be listed for its number alone, with its words, addressees and audience not yet known.",
    (
        INSPECTION_ID,
        Field("recommendation", "integer", "The report's own number for the recommendation.", required=True, minimum=1),
        Field("text", "string", "The recommendation, verbatim; empty where the register knows its number but not yet its words."),
        Field("addressees", "string", f"Who the report addresses it to, in the report's words, {SEPARATED}; empty where no source says."),
        Field("deadline_words", "string", "The deadline in the report's words, e.g. “By June 2020”; empty where no deadline is stated."),
        Field("deadline_day", "date", "The day the deadline words name (“By 30 April 2023”), where they name a day."),
        Field("deadline_month", "yearmonth", "The month the deadline words name (YYYY-MM), where they name a month."),
        Field("deadline_from_publication", "boolean", "true where the words mean from the day of publication (“With immediate effect”).", required=True),
        Field(
            "for_every_force",
            "boolean",
            "true where a source says every force (and so every local policing body) is expected to act on it; false where it is for others only (a national lead, say); empty where no source says.",
        ),
        Field("listed_under", "string", "The heading a source lists the recommendation under, verbatim (e.g. “Recommendations for Counter Terrorism Policing:”); empty where none is recorded."),
        Field("listed_under_source", "string", "The document that gives listed_under; empty where listed_under is."),
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
        Field("former_names", "string", f"Names the force used before, each with the date it was used until, {SEPARATED}; empty where none."),
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

NOT_TRANSCRIBED_NOTE = "“not transcribed” where the record is located"
BODY_COMMENT_STATES = tuple(state for state in s55.COMMENT_STATES if state != s55.STATED_ABSENT)
"""The body's comments cannot be "stated absent": the register records no such words for them."""

RESPONSES = Table(
    "responses",
    "Responses",
    "One row per response document the register holds, transcribed or only located: what the document is, whether the register reads it as the body's section 55 response, "
    "the section 55 completeness row and the statutory clock on the best evidence the record holds. "
    "Every response has a row here, including one that answers no listed recommendation (a letter answering the report as a whole, say). "
    "Bodies with no response held have no rows: see each inspection's page or the standings in register.json.",
    (
        INSPECTION_ID,
        FORCE_ID,
        Field("force_name", "string", "The force's current name.", required=True),
        Field("body_id", "string", "The local policing body that responded: the body in office on the response date.", required=True, pattern=SLUG_PATTERN),
        Field("body_name", "string", "The responding body's formal name.", required=True),
        Field(
            "record",
            "string",
            "transcribed: the register holds the document's words (see answers.csv and recommendation_answers.csv); located: the register knows the document (its kind, date or address) but has not transcribed its words yet, so it has no answers, and the completeness columns that need its words say “not transcribed”.",
            required=True,
            enum=_enum("responseFile", "record"),
        ),
        Field(
            "section_55_reading",
            "string",
            "Whether the register reads the document as the body's response under section 55 (an editorial reading; see the method page). A document read as not the body's response does not count on the clock.",
            required=True,
            enum=_enum("responseFile", "section_55", "reading"),
        ),
        Field("section_55_why", "string", "Why, in the register's words, from facts of the document.", required=True),
        Field("published", "date", "The day the body published the response, the date the statutory clock uses first; empty where the register does not know it."),
        Field("document_kind", "string", "What kind of document the response is; empty where not stated.", enum=_enum("responseFile", "document", "kind")),
        Field("document_status", "string", "The document's status where it says so (final, or proposed for endorsement by a board); empty where it does not.", enum=_enum("responseFile", "document", "status")),
        Field("document_title", "string", "The document's own heading, verbatim; empty where it has none."),
        Field("document_date", "date", "The date the document carries, which may differ from publication; empty where it carries none."),
        Field("document_from", "string", "Who the document says it is from; empty where it does not say."),
        Field("document_to", "string", "Who the document is addressed to; empty where it does not say."),
        Field("source_url", "string", "Web address of the first public copy of the document the register knows (register.json lists every copy); empty where the register has not found one.", format="uri"),
        Field("source_checked", "date", "The day someone opened source_url and found the document there; empty where no check is recorded."),
        Field("transcript", "string", "Address of the plain-text copy of the document on this site, relative to the site's home page; empty where there is none."),
        Field("stated_deadline", "date", "The date of a response deadline the document itself states, where it states one (the register's own is in due)."),
        Field("stated_deadline_words", "string", "That deadline in the document's words; empty where it states none."),
        Field("last_checked", "date", "The day an editor last checked the record against its source document; empty where no check is recorded."),
        Field(
            "body_comments",
            "string",
            f"Section 55 completeness: whether the record holds comments in the body's voice (its statements or answers): “present”, “not stated” where the transcribed document has none, {NOT_TRANSCRIBED_NOTE}.",
            required=True,
            enum=BODY_COMMENT_STATES,
        ),
        Field(
            "chief_constable_comments",
            "string",
            f"Section 55 completeness: the chief constable's (or the force's) comments: “present”, “stated absent” where the document says there are none (its words are in chief_constable_comments_absent), “not stated” where it is silent, {NOT_TRANSCRIBED_NOTE}.",
            required=True,
            enum=s55.COMMENT_STATES,
        ),
        Field("chief_constable_comments_absent", "string", "The document's words saying there are no comments from the chief constable, verbatim; empty where it does not say so."),
        Field(
            "every_force_answered",
            "integer",
            "Section 55 completeness: how many of the every_force_total recommendations the response answers; empty where the record is located (not transcribed).",
            minimum=0,
        ),
        Field("every_force_total", "integer", "How many of the inspection's listed recommendations a source says are for every force.", required=True, minimum=0),
        Field(
            "audience_unknown",
            "integer",
            "How many of the inspection's listed recommendations no source says are, or are not, for every force: where it is more than 0, every_force_answered of every_force_total may not be the whole duty.",
            required=True,
            minimum=0,
        ),
        Field("recommendations_answered", "integer", "How many of the inspection's listed recommendations the response answers (rows of recommendation_answers.csv with answered = true); empty where the record is located.", minimum=0),
        Field(
            "sent_to_inspectorate",
            "string",
            f"Section 55 completeness: “the document says so” where the document says it was sent to the inspectorate (its words are in register.json), “not stated” where it does not say, {NOT_TRANSCRIBED_NOTE}.",
            required=True,
            enum=s55.SENT_STATES,
        ),
        Field(
            "sent_to_home_secretary",
            "string",
            f"Section 55 completeness: the same for the Home Secretary: “the document says so”, “not stated”, {NOT_TRANSCRIBED_NOTE}.",
            required=True,
            enum=s55.SENT_STATES,
        ),
        Field("due", "date", "Last day for the response: the report's publication date plus 55 days.", required=True),
        Field(
            "timeliness",
            "string",
            "The response against the 56-day clock as of the as_of date, on the best evidence the record holds (see the method page): "
            "“on time” or “late” from the publication date; where that is not known, “dated in period” or “dated after due date” from the date the document carries, "
            "which says when it was written, not when it was published; “date unknown” where the record has neither. "
            "For a document read as not the body's response, the clock stands as if no response were held (“not yet due” or “no response held”).",
            required=True,
            enum=tuple(status.value for status in Status),
        ),
        Field(
            "days_after_due",
            "integer",
            "Days after the due date: of the publication date where timeliness is “late”, of the document's date where it is “dated after due date” (evidence says which); empty otherwise.",
            minimum=1,
        ),
        Field(
            "evidence",
            "string",
            "The date the timeliness rests on: “publication date” (on time, late) or “document date” (dated in period, dated after due date); empty where it rests on neither.",
            enum=tuple(dict.fromkeys(EVIDENCE.values())),
        ),
        Field("as_of", "date", "The date the timeliness is judged on (the register's as-of setting), the same on every row.", required=True),
        _page("response's page"),
    ),
    ("inspection_id", "force_id"),
    (
        ForeignKey(("inspection_id",), "inspections", ("inspection_id",)),
        ForeignKey(("body_id",), "forces", ("body_id",)),
    ),
)

ANSWER_NUMBER = Field(
    "answer_number",
    "integer",
    "The answer's place in its response, 1, 2, …, in the register's order (by the first number it covers; answers to all or to the report as a whole last): "
    "not the document's own numbering, and it may change when the record is edited.",
    required=True,
    minimum=1,
)

ANSWERS = Table(
    "answers",
    "Answers, each passage once",
    "One row per answer a transcribed response gives, as the document gives it: one passage, stored once, answering one, several or all of the recommendations, areas for improvement, or the report as a whole. "
    "A located record has no rows: its words are not transcribed yet.",
    (
        INSPECTION_ID,
        FORCE_ID,
        ANSWER_NUMBER,
        Field("recommendations", "string", f"The recommendations the passage answers: {NUMBERS} where it answers every one at once; empty where it names none."),
        Field("areas_for_improvement", "string", f"The areas for improvement it answers: their numbers {SEPARATED}, or “all”; empty where it names none (their texts are in register.json)."),
        Field("whole_report", "boolean", "true where the passage answers the report as a whole, naming no recommendation or area for improvement.", required=True),
        Field("by", "string", "Who the document says is speaking: the body, the chief constable, the force (“Force response:”), or the body and the chief constable together.", required=True, enum=_enum("answer", "by")),
        Field("heading", "string", "The heading the document puts over the passage, verbatim; empty where none."),
        Field("text", "string", "The answer, verbatim. Paragraphs are separated by blank lines inside the cell.", required=True),
        Field("position", "string", "Editorial label of the body's position on what the passage answers (see the method page).", required=True, enum=_enum("answer", "position")),
        Field("progress", "string", "Editorial label of the action the passage reports (see the method page).", required=True, enum=_enum("answer", "progress")),
        Field("numbered_in_document", "string", "The number the response document itself uses, where it differs from the report's."),
        Field("refers_to_inspection", "string", "The inspection whose response by the same force the passage points back to (“included in my response to the interim report”), where the register holds it.", pattern=SLUG_PATTERN),
        Field("refers_to_title", "string", "The earlier report the passage points back to, in the document's words, where the register does not hold it."),
        Field("editor_note", "string", "An editor's note on how the answer was read, where there is one."),
        _page("response's page"),
    ),
    ("inspection_id", "force_id", "answer_number"),
    (
        ForeignKey(("inspection_id", "force_id"), "responses", ("inspection_id", "force_id")),
        ForeignKey(("refers_to_inspection",), "inspections", ("inspection_id",)),
    ),
)

RECOMMENDATION_ANSWERS = Table(
    "recommendation_answers",
    "Answers, one row per response and recommendation",
    "One row per response the register holds × each recommendation listed for its inspection, to compare every body's answer to one recommendation. "
    "An answer covering several recommendations (or all) appears on the row of each, with the same text and answer_number. "
    "Where the response does not answer a recommendation, the row is still there, with answered = false and the answer fields empty, "
    "so that “responded, but not to this recommendation” can be told from “no response”; for a located record (record = located) answered = false means only that its words are not transcribed yet. "
    "A response to an inspection with no listed recommendations has no rows here, but has its row in responses.csv and its answers in answers.csv.",
    (
        INSPECTION_ID,
        FORCE_ID,
        Field("force_name", "string", "The force's current name.", required=True),
        Field("body_id", "string", "The local policing body that responded.", required=True, pattern=SLUG_PATTERN),
        Field("body_name", "string", "The responding body's formal name.", required=True),
        Field("recommendation", "integer", "The report's own number for the recommendation.", required=True, minimum=1),
        Field("record", "string", "As in responses.csv: transcribed, or located (known but not transcribed, so never answered here).", required=True, enum=_enum("responseFile", "record")),
        Field(
            "answered",
            "boolean",
            "true where the response has a passage answering this recommendation, by its number or as one of “all”; false where the transcribed document says nothing about it, or the record is located.",
            required=True,
        ),
        Field("answer_number", "integer", "The answer's answer_number in answers.csv, where answered: join on inspection_id, force_id and answer_number.", minimum=1),
        Field("answer_covers", "string", f"Every recommendation the same passage answers: {NUMBERS}; empty where not answered."),
        Field("answer_by", "string", "Who is speaking in the passage (see answers.csv); empty where not answered.", enum=_enum("answer", "by")),
        Field("position", "string", "Editorial label of the body's position (see the method page); empty where not answered.", enum=_enum("answer", "position")),
        Field("progress", "string", "Editorial label of the action reported (see the method page); empty where not answered.", enum=_enum("answer", "progress")),
        Field("answer_text", "string", "The body's answer, verbatim; empty where not answered. Paragraphs are separated by blank lines inside the cell."),
        Field("numbered_in_document", "string", "The number the response document itself uses for the passage, where it differs from the report's (a form that renumbers, say)."),
        Field("editor_note", "string", "An editor's note on how the answer was read, where there is one."),
        _page("response's page"),
        Field("recommendation_page", "string", "Address of the recommendation's page, where every body's answer to it is shown side by side.", required=True),
    ),
    ("inspection_id", "force_id", "recommendation"),
    (
        ForeignKey(("inspection_id", "force_id"), "responses", ("inspection_id", "force_id")),
        ForeignKey(("inspection_id", "recommendation"), "recommendations", ("inspection_id", "recommendation")),
        ForeignKey(("body_id",), "forces", ("body_id",)),
    ),
)

COVERAGE = Table(
    "coverage",
    "Where the register looked for each response",
    "One row per inspection × local policing body called on to respond, whether or not a response was found: how far the register has got in finding the body's section 55 response, "
    "where it looked (the places that would have shown this body's response) and on what day. "
    "“not found” always comes with the places and days; “not yet looked for” means no place is recorded, which is not the same as not found, and neither is a finding that no response exists. "
    "The places themselves, with what each showed, are in register.json (inspections[].looked).",
    (
        INSPECTION_ID,
        FORCE_ID,
        Field(
            "body_id",
            "string",
            "The local policing body: the body that responded, or with no response, the body in office on the day the report was published; empty where no body was in office that day.",
            pattern=SLUG_PATTERN,
        ),
        Field(
            "state",
            "string",
            "transcribed: the register holds the response's words; located: it knows the document and its address but has not transcribed it; "
            "not found: it looked (looked_where, looked_on) and did not find the response; not yet looked for: no place is recorded. "
            "A document the register does not count as the body's response (a press statement, say) is not the response found: its row says not found or not yet looked for, and record says what the register holds.",
            required=True,
            enum=tuple(state.value for state in CoverageState),
        ),
        Field(
            "record",
            "string",
            "The record the register holds for this body and report, whether or not it counts as the response (see section_55_reading): transcribed or located; empty where it holds none.",
            enum=_enum("responseFile", "record"),
        ),
        Field(
            "section_55_reading",
            "string",
            "Whether the register reads that record as the body's section 55 response, as in responses.csv; empty where it holds none.",
            enum=_enum("responseFile", "section_55", "reading"),
        ),
        Field("looked_where", "string", f"The places looked that would have shown this body's response, newest first, {SEPARATED}; empty where none.", ),
        Field("looked_urls", "string", f"Their web addresses, in the same order, {SEPARATED}; empty where none, and an empty item for a search, which has no address."),
        Field("searched_for", "string", f"Where one of those places is a search of public web pages: the words of the newest search, each in double quotes, {SEPARATED}; empty where none is a search."),
        Field("looked_on", "string", f"The day each was looked at (YYYY-MM-DD), in the same order, {SEPARATED}; empty where none."),
        Field("last_looked", "date", "The newest of those days; empty where the register has not looked."),
        Field("found_at", "string", f"The web addresses of the places looked that showed the response, {SEPARATED}; empty where none did (the response may have come from elsewhere, as a seed document did)."),
        Field("document_url", "string", "Web address of the first public copy of the response the register knows (as source_url in responses.csv); empty where it knows none.", format="uri"),
        Field("document_checked", "date", "The day someone found the document at document_url; empty where no check is recorded."),
        _page("inspection's page"),
    ),
    ("inspection_id", "force_id"),
    (
        ForeignKey(("inspection_id",), "inspections", ("inspection_id",)),
        ForeignKey(("body_id",), "forces", ("body_id",)),
    ),
)

STANDINGS = Table(
    "standings",
    "Where every body stands on every inspection",
    "One row per inspection × local policing body called on to respond, whether or not a response is held: the body's coverage state, its timeliness on the best evidence the register holds, "
    "and links to the response where the register holds one. It is the table to count, for any body or report, responses held, on time, late, not found and not yet looked for. "
    "“not found” and “not yet looked for” are not findings that no response exists; where the register looked is in coverage.csv.",
    (
        INSPECTION_ID,
        Field("inspection_title", "string", "The report's title.", required=True),
        Field("published", "date", "The report's publication date: day 1 of the 56 days.", required=True),
        Field("due", "date", "Last day for the body's response: the report's publication date plus 55 days.", required=True),
        FORCE_ID,
        Field("force_name", "string", "The force's current name.", required=True),
        Field(
            "body_id",
            "string",
            "The local policing body: the body that responded, or with no response held, the body in office on the day the report was published; empty where no body was in office that day.",
            pattern=SLUG_PATTERN,
        ),
        Field("body_name", "string", "That body's formal name; empty where body_id is."),
        Field(
            "state",
            "string",
            "How far the register has got in finding the body's section 55 response, as in coverage.csv: transcribed, located, not found (where it looked), or not yet looked for.",
            required=True,
            enum=tuple(state.value for state in CoverageState),
        ),
        Field(
            "timeliness",
            "string",
            "The body's standing against the 56-day clock as of as_of, as in responses.csv, on the best evidence the register holds; for a body with no response held, “not yet due” before the due date and after it the label for no response held.",
            required=True,
            enum=tuple(status.value for status in Status),
        ),
        Field("days_after_due", "integer", "Days after the due date, as in responses.csv (evidence says of which date); empty otherwise.", minimum=1),
        Field("evidence", "string", "The date the timeliness rests on, as in responses.csv; empty where it rests on neither.", enum=tuple(dict.fromkeys(EVIDENCE.values()))),
        Field("response_published", "date", "The day the body published the response, where the register holds the response and knows the day; empty otherwise."),
        Field("document_date", "date", "The date the response document carries, where the register holds the response and the document carries one; empty otherwise."),
        Field("response_page", "string", "Address of the response's page on this site, relative to the site's home page, where the register holds the response; empty otherwise."),
        Field("document_url", "string", "Web address of the first public copy of the response the register knows; empty where it knows none.", format="uri"),
        Field("last_looked", "date", "The newest day the register looked for the response in a place that would have shown it (coverage.csv lists the places); empty where it has not looked."),
        Field("as_of", "date", "The date the timeliness is judged on (the register's as-of setting), the same on every row.", required=True),
        _page("inspection's page"),
    ),
    ("inspection_id", "force_id"),
    (
        ForeignKey(("inspection_id",), "inspections", ("inspection_id",)),
        ForeignKey(("body_id",), "forces", ("body_id",)),
    ),
)

TABLES = (INSPECTIONS, RECOMMENDATIONS, FORCES, RESPONSES, ANSWERS, RECOMMENDATION_ANSWERS, COVERAGE, STANDINGS)


# Extra fields of register.json (the rest mirror the YAML formats) -----------------------

JSON_ADDED_FIELDS: tuple[tuple[str, str], ...] = (
    ("as_of", "The date the statutory clock is judged on (the register's as-of setting)."),
    ("statutory_days", f"The period for a response in days ({STATUTORY_DAYS}), counted from and including the day of publication."),
    ("forces[].page, inspections[].page, …page", "Address of the record's page on this site, relative to the site's home page."),
    ("inspections[].joint", "true where more than one inspectorate carried it out (a joint inspection)."),
    ("inspections[].responses_due", "Last day for a response: publication date plus 55 days."),
    ("inspections[].recommendations[].deadline", "Always an object: words, day and month are null where the report states no deadline (the YAML's “not stated”), and from_publication is false."),
    ("inspections[].related", "The report's related reports as in its YAML file, and also those whose YAML names this one, with the relation turned round (a final report's “interim report” link shows on the interim report as “final report”)."),
    ("inspections[].looked", "Every place the register looked for responses to the report, as in its coverage file (fields below), in the file's order; empty where the register has not recorded looking anywhere."),
    ("inspections[].standings[]", "One entry per force whose body is expected to respond, in register order, whether or not a response is held."),
    (
        "inspections[].standings[].coverage",
        "How far the register has got in finding the body's response: state (transcribed, located, not found, not yet looked for, as in coverage.csv), "
        "looks (the places that would have shown this body's response, newest first, as positions in inspections[].looked counted from 0) and last_looked (the newest of their days, or null).",
    ),
    ("inspections[].standings[].force, .body", "The force id, and the responding body's id (or, with no response, the body in office on the day of publication)."),
    (
        "inspections[].standings[].timeliness",
        "status (one of the timeliness labels), due (date), days_after_due (days after the due date of the publication date where late, of the document's date where dated after due date; else null) "
        "and evidence (“publication date”, “document date”, or null where the status rests on neither), as of as_of.",
    ),
    ("inspections[].standings[].response", "The response as in its YAML file (fields below), or null where the register holds no document for this body and report. A document read as not the body's response is here too, but the timeliness treats the body as not having responded."),
    (
        "…response.completeness",
        "The section 55 completeness row, as on the response page: body_comments, chief_constable_comments, sent_to_inspectorate and sent_to_home_secretary "
        "(the labels of responses.csv), every_force_answered (null where not transcribed), every_force_total and audience_unknown.",
    ),
    ("…response.answers[]", "Each answer once, as in the YAML file; recommendations and areas_for_improvement are a list of numbers, “all”, or null where the answer names none (both null: it answers the report as a whole). A placeholder answer for a number under not_answered is left out."),
    ("…response.document.transcript", "Address of the plain-text copy on this site (the YAML holds its path under data/transcripts/)."),
)
"""Fields register.json adds to the YAML formats, or shapes differently, documented on the /data/ page."""

NOT_PUBLISHED = ("unplaced_text", "draft")
"""Response fields kept in the YAML for editors and never published (see the schema's descriptions)."""


# Building the files ---------------------------------------------------------------------


def export_files(register: Register, as_of: date) -> list[GeneratedFile]:
    """Every download under /data/, and the /data/ page that documents them."""
    files = [GeneratedFile(urls.data_file(table.path), _csv(table, _rows(table, register, as_of))) for table in TABLES]
    files.append(GeneratedFile(urls.data_file(JSON_FILE), _json(register_document(register, as_of))))
    version = data_version(as_of, [file.content for file in files])
    files.insert(len(TABLES), GeneratedFile(urls.data_file(PACKAGE_FILE), _json(package_descriptor(as_of, version))))
    files.append(GeneratedFile(urls.data_file(SCHEMA_FILE), schema_text()))
    sizes = {file.src_uri.rsplit("/", 1)[-1]: len(file.content.encode("utf-8")) for file in files}
    files.append(GeneratedFile(urls.source_file(urls.data()), data_page(data_counts(register, as_of), sizes, as_of, version)))
    files.append(GeneratedFile(urls.source_file(urls.data_formats()), formats_page()))
    return files


def data_page(counts: dict[str, int], sizes: dict[str, int], as_of: date, version: str | None = None) -> str:
    """The /data/ page (Markdown with HTML tables): the downloads, what the files hold, every field."""
    return template_environment().get_template("data.md.j2").render(
        page_url=urls.data(),
        as_of=as_of,
        tables=TABLES,
        sizes=sizes,
        json_file=JSON_FILE,
        package_file=PACKAGE_FILE,
        schema_file=SCHEMA_FILE,
        separator=LIST_SEPARATOR.strip(),
        counts=counts,
        licence=LICENCE,
        version=version or data_version(as_of, []),
        dataset=Markup(_json_ld(dataset_metadata(as_of, version or data_version(as_of, [])))),
    )


LICENCE = {"name": "OGL-UK-3.0", "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/", "title": "Open Government Licence v3.0"}
"""The licence of the downloads, as a Frictionless ``licenses`` item."""
DOWNLOAD_FORMATS = {JSON_FILE: "application/json", PACKAGE_FILE: "application/json", SCHEMA_FILE: "application/schema+json"}


def data_version(as_of: date, contents: Iterable[str]) -> str:
    """The downloads' version: the as-of date as year.month.day, then (as SemVer build metadata) the
    first 12 hex digits of a SHA-256 over the CSV files and register.json, so the version changes
    whenever the data does, and is the same for the same data: never the wall clock."""
    digest = hashlib.sha256()
    for content in contents:
        digest.update(content.encode("utf-8"))
        digest.update(b"\0")
    return f"{as_of.year}.{as_of.month}.{as_of.day}+{digest.hexdigest()[:12]}"


def dataset_metadata(as_of: date, version: str) -> dict[str, Any]:
    """schema.org ``Dataset`` metadata for the /data/ page: every download, addressed from that page."""
    downloads = [(JSON_FILE, "The whole register in one JSON file.")]
    downloads += [(table.path, table.description.split(". ")[0].rstrip(".") + ".") for table in TABLES]
    downloads += [(PACKAGE_FILE, "The Frictionless Tabular Data Package describing the CSV files."), (SCHEMA_FILE, "The JSON Schema of the register's YAML files.")]
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": "Inspection Responses Register",
        "description": _description(as_of),
        "license": LICENCE["path"],
        "isAccessibleForFree": True,
        "dateModified": as_of.isoformat(),
        "version": version,
        "inLanguage": "en-GB",
        "spatialCoverage": "England and Wales",
        "distribution": [
            {"@type": "DataDownload", "name": name, "description": text, "encodingFormat": DOWNLOAD_FORMATS.get(name, "text/csv"), "contentUrl": urls.relative(urls.data_file(name), urls.data())}
            for name, text in downloads
        ],
    }


def _json_ld(document: dict[str, Any]) -> str:
    """JSON for a ``<script type="application/ld+json">`` data block: one line, and no ``<``, ``>`` or ``&``
    that could end the block or be read as markup (each is written as a JSON escape, which parses the same)."""
    text = json.dumps(document, ensure_ascii=False, sort_keys=True)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def formats_page() -> str:
    """The /data/formats/ page: every field of register.json and of the YAML files, from the schema."""
    return template_environment().get_template("data_formats.md.j2").render(
        page_url=urls.data_formats(),
        json_file=JSON_FILE,
        json_added=JSON_ADDED_FIELDS,
        yaml_formats=yaml_field_docs(),
    )


def _description(as_of: date) -> str:
    return (
        "How local policing bodies in England and Wales answer national inspection reports: the reports, the recommendations the register lists, "
        f"the forces and their bodies, each response the register holds with its answers, section 55 completeness and timeliness judged as of {as_of.isoformat()}, "
        "where every body stands on every report, and for every report and body where the register looked for the response, when, and what it found. "
        "An empty cell means the register has no value (not stated by the source, not yet transcribed, or not applicable as each field says)."
    )


def package_descriptor(as_of: date, version: str | None = None) -> dict[str, Any]:
    """The Frictionless Data Package (tabular-data-package profile) describing every CSV, with its
    licence, its version (``data_version``) and the date it is up to: the as-of date, never the wall clock."""
    return {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": "Inspection Responses Register",
        "description": _description(as_of),
        "licenses": [dict(LICENCE)],
        "version": version or data_version(as_of, []),
        "lastUpdated": as_of.isoformat(),
        "resources": [table.descriptor() for table in TABLES],
    }


def data_counts(register: Register, as_of: date) -> dict[str, int]:
    """The figures of the /data/ page's opening sentence, each computed from the data, unknowns counted apart."""
    recommendations = [rec for inspection in register.inspections for rec in inspection.recommendations]
    readings = [response.section_55.reading for response in register.responses]
    return {
        "forces": len(register.forces),
        "bodies": sum(len(force.bodies) for force in register.forces),
        "inspections": len(register.inspections),
        "recommendations": len(recommendations),
        "for_every_force": sum(1 for rec in recommendations if rec.for_every_force is True),
        "not_for_every_force": sum(1 for rec in recommendations if rec.for_every_force is False),
        "audience_unknown": sum(1 for rec in recommendations if rec.for_every_force is None),
        "responses": len(register.responses),
        "transcribed": sum(1 for response in register.responses if response.transcribed),
        "located": sum(1 for response in register.responses if not response.transcribed),
        "read_as_response": readings.count("the body's response"),
        "read_as_not_response": readings.count("not the body's response"),
        "read_as_unclear": readings.count("unclear"),
        "answers": sum(len(response.answers) for response in register.responses),
        **{f"coverage_{state.name.lower()}": count for state, count in _coverage_totals(register, as_of).items()},
    }


def _coverage_totals(register: Register, as_of: date) -> dict[CoverageState, int]:
    """Inspection × body pairs per coverage state: the rows of coverage.csv."""
    totals = {state: 0 for state in CoverageState}
    for inspection in register.inspections:
        for standing in standings_for_inspection(register, inspection, as_of):
            totals[coverage_state(standing)] += 1
    return totals


def _rows(table: Table, register: Register, as_of: date) -> Iterable[dict[str, Cell]]:
    if table is INSPECTIONS:
        return (_inspection_row(register, inspection) for inspection in register.inspections)
    if table is RECOMMENDATIONS:
        return (_recommendation_row(inspection, rec) for inspection in register.inspections for rec in inspection.recommendations)
    if table is FORCES:
        return (_body_row(force, body) for force in register.forces for body in force.bodies)
    held = (standing for inspection in register.inspections for standing in standings_for_inspection(register, inspection, as_of) if standing.response is not None)
    if table is RESPONSES:
        return (_response_row(register, standing) for standing in held)
    if table is ANSWERS:
        return (row for standing in held for row in _answer_rows(standing))
    if table is RECOMMENDATION_ANSWERS:
        return (row for standing in held for row in _recommendation_answer_rows(register, standing))
    if table is COVERAGE:
        return (_coverage_row(standing) for inspection in register.inspections for standing in standings_for_inspection(register, inspection, as_of))
    if table is STANDINGS:
        return (_standing_row(standing) for inspection in register.inspections for standing in standings_for_inspection(register, inspection, as_of))
    raise ValueError(table.name)  # pragma: no cover - programming error


def _search_words(looks: tuple[Look, ...]) -> str | None:
    """The words of the newest search among the looks, quoted so that each can be typed again."""
    search = next((look for look in looks if look.is_search), None)
    return _joined(f'"{words}"' for words in search.searched_for) if search else None


def _joined(items: Iterable[Any]) -> str | None:
    """Items in one cell, or None (an empty cell) where there are none."""
    return LIST_SEPARATOR.join(str(item) for item in items) or None


def _numbers(numbers: tuple[int, ...], covers_all: bool) -> str | None:
    return ALL if covers_all else _joined(numbers)


def _related_cell(item: Related) -> str:
    return f"{item.relation}: {item.inspection_id or item.title}"


def _inspection_row(register: Register, inspection: Inspection) -> dict[str, Cell]:
    return {
        "inspection_id": inspection.id,
        "title": inspection.title,
        "scope": inspection.scope,
        "joint": inspection.joint,
        "inspectorates": LIST_SEPARATOR.join(inspection.inspectorates),
        "published_by": inspection.published_by,
        "commissioned_by": inspection.commissioned_by,
        "published": inspection.published,
        "responses_due": due_date(inspection.published),
        "report_url": inspection.report_url,
        "report_checked": inspection.report_checked,
        "announcement_url": inspection.announcement.url if inspection.announcement else None,
        "announcement_checked": inspection.announcement.checked if inspection.announcement else None,
        "recommendation_count": inspection.recommendation_count,
        "area_for_improvement_count": inspection.areas_count,
        "counts_source": inspection.counts_source,
        "recommendations_listed": len(inspection.recommendations),
        "respondents": "all forces" if inspection.respondents is None else LIST_SEPARATOR.join(inspection.respondents),
        "summary": inspection.summary.text if inspection.summary else None,
        "summary_source": inspection.summary.source if inspection.summary else None,
        "other_titles": _joined(item.words for item in inspection.other_titles),
        "references": _joined(item.words for item in inspection.references),
        "redacted": inspection.redacted[0] if inspection.redacted else None,
        "related": _joined(_related_cell(item) for item in register.related(inspection)),
        "page": urls.inspection(inspection.id),
    }


def _recommendation_row(inspection: Inspection, rec: Recommendation) -> dict[str, Cell]:
    return {
        "inspection_id": inspection.id,
        "recommendation": rec.number,
        "text": rec.text,
        "addressees": None if rec.addressees is None else LIST_SEPARATOR.join(rec.addressees),
        "deadline_words": rec.deadline.words,
        "deadline_day": rec.deadline.day,
        "deadline_month": rec.deadline.month,
        "deadline_from_publication": rec.deadline.from_publication,
        "for_every_force": rec.for_every_force,
        "listed_under": rec.listed_under.words if rec.listed_under else None,
        "listed_under_source": rec.listed_under.source if rec.listed_under else None,
        "page": urls.recommendation(inspection.id, rec.number),
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


def _response_row(register: Register, standing: Standing) -> dict[str, Cell]:
    inspection, force, response = standing.inspection, standing.force, standing.response
    assert response is not None
    body = register.body(response.body_id)
    document = response.document
    first_copy = document.copies[0] if document.copies else None
    deadline = document.asserts.deadline
    done = s55.completeness(response, inspection)
    timeliness = standing.timeliness
    return {
        "inspection_id": inspection.id,
        "force_id": force.id,
        "force_name": force.name,
        "body_id": body.id,
        "body_name": body.name,
        "record": response.record,
        "section_55_reading": response.section_55.reading,
        "section_55_why": response.section_55.why,
        "published": response.published,
        "document_kind": document.kind,
        "document_status": document.status,
        "document_title": document.title,
        "document_date": document.date,
        "document_from": document.sender,
        "document_to": document.addressee,
        "source_url": first_copy.url if first_copy else None,
        "source_checked": first_copy.checked if first_copy else None,
        "transcript": urls.transcript(inspection.id, force.id) if document.transcript else None,
        "stated_deadline": deadline.date if deadline else None,
        "stated_deadline_words": deadline.words if deadline else None,
        "last_checked": response.last_checked,
        "body_comments": done.body_comments,
        "chief_constable_comments": done.chief_constable_comments,
        "chief_constable_comments_absent": response.chief_constable_comments_absent,
        "every_force_answered": done.every_force_answered,
        "every_force_total": done.every_force_total,
        "audience_unknown": done.audience_unknown,
        "recommendations_answered": sum(1 for rec in inspection.recommendations if response.answer_to(rec.number)) if response.transcribed else None,
        "sent_to_inspectorate": done.sent_to_inspectorate,
        "sent_to_home_secretary": done.sent_to_home_secretary,
        "due": timeliness.due,
        "timeliness": timeliness.status.value,
        "days_after_due": timeliness.days_late,
        "evidence": timeliness.evidence,
        "as_of": timeliness.as_of,
        "page": urls.response(inspection.id, force.id),
    }


def _standing_row(standing: Standing) -> dict[str, Cell]:
    response = standing.response if standing.response is not None and standing.response.section_55.counts else None
    first_copy = response.document.copies[0] if response and response.document.copies else None
    looks = standing.coverage.looks
    timeliness = standing.timeliness
    return {
        "inspection_id": standing.inspection.id,
        "inspection_title": standing.inspection.title,
        "published": standing.inspection.published,
        "due": timeliness.due,
        "force_id": standing.force.id,
        "force_name": standing.force.name,
        "body_id": standing.body.id if standing.body else None,
        "body_name": standing.body.name if standing.body else None,
        "state": coverage_state(standing).value,
        "timeliness": timeliness.status.value,
        "days_after_due": timeliness.days_late,
        "evidence": timeliness.evidence,
        "response_published": response.published if response else None,
        "document_date": response.document.date if response else None,
        "response_page": urls.response(standing.inspection.id, standing.force.id) if response else None,
        "document_url": first_copy.url if first_copy else None,
        "last_looked": looks[0].checked if looks else None,
        "as_of": timeliness.as_of,
        "page": urls.inspection(standing.inspection.id),
    }


def _coverage_row(standing: Standing) -> dict[str, Cell]:
    looks = standing.coverage.looks
    response = standing.response
    counts = response is not None and response.section_55.counts
    first_copy = response.document.copies[0] if counts and response.document.copies else None
    return {
        "inspection_id": standing.inspection.id,
        "force_id": standing.force.id,
        "body_id": standing.body.id if standing.body else None,
        "state": coverage_state(standing).value,
        "record": response.record if response else None,
        "section_55_reading": response.section_55.reading if response else None,
        "looked_where": _joined(look.where for look in looks),
        "looked_urls": _joined(look.url or "" for look in looks),
        "searched_for": _search_words(looks),
        "looked_on": _joined(look.checked.isoformat() for look in looks),
        "last_looked": looks[0].checked if looks else None,
        "found_at": _joined(look.url for look in found_by(looks, standing.force.id) if look.url) if counts else None,
        "document_url": first_copy.url if first_copy else None,
        "document_checked": first_copy.checked if first_copy else None,
        "page": urls.inspection(standing.inspection.id),
    }


def _answer_numbers(response: Response) -> dict[int, int]:
    """id(answer) → its answer_number, so a passage shared by several recommendations keeps one number."""
    return {id(answer): number for number, answer in enumerate(response.answers, start=1)}


def _answer_rows(standing: Standing) -> Iterable[dict[str, Cell]]:
    inspection, force, response = standing.inspection, standing.force, standing.response
    assert response is not None
    for number, answer in enumerate(response.answers, start=1):
        yield {
            "inspection_id": inspection.id,
            "force_id": force.id,
            "answer_number": number,
            "recommendations": _numbers(answer.recommendations, answer.covers_all),
            "areas_for_improvement": _numbers(answer.areas, answer.covers_all_areas),
            "whole_report": answer.whole_report,
            "by": answer.by,
            "heading": answer.heading,
            "text": answer.text,
            "position": answer.position,
            "progress": answer.progress,
            "numbered_in_document": answer.numbered_in_document,
            "refers_to_inspection": answer.refers_to_inspection,
            "refers_to_title": answer.refers_to_title,
            "editor_note": answer.note,
            "page": urls.response(inspection.id, force.id),
        }


def _recommendation_answer_rows(register: Register, standing: Standing) -> Iterable[dict[str, Cell]]:
    inspection, force, response = standing.inspection, standing.force, standing.response
    assert response is not None
    body = register.body(response.body_id)
    numbers = _answer_numbers(response)
    for rec in inspection.recommendations:
        answer: Answer | None = response.answer_to(rec.number)
        yield {
            "inspection_id": inspection.id,
            "force_id": force.id,
            "force_name": force.name,
            "body_id": body.id,
            "body_name": body.name,
            "recommendation": rec.number,
            "record": response.record,
            "answered": answer is not None,
            "answer_number": numbers[id(answer)] if answer else None,
            "answer_covers": _numbers(answer.recommendations, answer.covers_all) if answer else None,
            "answer_by": answer.by if answer else None,
            "position": answer.position if answer else None,
            "progress": answer.progress if answer else None,
            "answer_text": answer.text if answer else None,
            "numbered_in_document": answer.numbered_in_document if answer else None,
            "editor_note": answer.note if answer else None,
            "page": urls.response(inspection.id, force.id),
            "recommendation_page": urls.recommendation(inspection.id, rec.number),
        }


def _cell(value: Cell) -> object:
    """A cell as the CSV writes it; a number stays a number, so that ``csv_text`` neutralises only text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return value


def _csv(table: Table, rows: Iterable[dict[str, Cell]]) -> str:
    """RFC 4180 CSV: a header row, CRLF after each record, quotes only where a cell needs them."""
    names = [field.name for field in table.fields]

    def cells() -> Iterable[list[str]]:
        for row in rows:
            if list(row) != names:  # pragma: no cover - programming error
                raise ValueError(f"{table.name}: row fields {list(row)} differ from the declared {names}")
            yield [_cell(row[name]) for name in names]

    return csv_text(names, cells())


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


def _holders_json(holders: Iterable[Any]) -> list[dict[str, Any]]:
    return [{"name": holder.name, "from": _iso(holder.start), "to": _iso(holder.end)} for holder in holders]


def _force_json(force: Force) -> dict[str, Any]:
    return {
        "id": force.id,
        "name": force.name,
        "former_names": [{"name": former.name, "until": former.until} for former in force.former_names],
        "bodies": [
            {"id": body.id, "name": body.name, "kind": body.kind, "from": _iso(body.start), "to": _iso(body.end), "note": body.note, "holders": _holders_json(body.holders)}
            for body in force.bodies
        ],
        "chief_constables": _holders_json(force.chief_constables),
        "page": urls.force(force.id),
    }


def _words_json(items: Iterable[Any]) -> list[dict[str, str]]:
    return [{"words": item.words, "source": item.source} for item in items]


def _inspection_json(register: Register, inspection: Inspection, as_of: date) -> dict[str, Any]:
    def sourced(item: Any) -> dict[str, str] | None:
        return {"text": item.text, "source": item.source} if item else None

    fieldwork = inspection.fieldwork
    coverage = register.coverage.get(inspection.id)
    looked = list(coverage.looked) if coverage else []
    return {
        "id": inspection.id,
        "title": inspection.title,
        "other_titles": _words_json(inspection.other_titles),
        "references": _words_json(inspection.references),
        "scope": inspection.scope,
        "joint": inspection.joint,
        "inspectorates": list(inspection.inspectorates),
        "published_by": inspection.published_by,
        "commissioned_by": inspection.commissioned_by,
        "published": inspection.published.isoformat(),
        "responses_due": due_date(inspection.published).isoformat(),
        "report_url": inspection.report_url,
        "report_checked": _iso(inspection.report_checked),
        "announcement": {"url": inspection.announcement.url, "checked": _iso(inspection.announcement.checked)} if inspection.announcement else None,
        "redacted": {"value": inspection.redacted[0], "source": inspection.redacted[1]} if inspection.redacted else None,
        "fieldwork": {"from": fieldwork.start, "to": fieldwork.end, "forces": fieldwork.forces, "source": fieldwork.source} if fieldwork else None,
        "numbering": inspection.numbering,
        "summary": sourced(inspection.summary),
        "key_findings": sourced(inspection.key_findings),
        "recommendation_count": inspection.recommendation_count,
        "area_for_improvement_count": inspection.area_for_improvement_count,
        "counts_source": inspection.counts_source,
        "report_addressees": {"names": list(inspection.report_addressees[0]), "source": inspection.report_addressees[1]} if inspection.report_addressees else None,
        "other_recommendations": inspection.other_recommendations,
        "recommendations": [_recommendation_json(inspection, rec) for rec in inspection.recommendations],
        "areas_for_improvement": None
        if inspection.areas_for_improvement is None
        else [{"number": area.number, "text": area.text} for area in inspection.areas_for_improvement],
        "related": [{"relation": item.relation, "inspection": item.inspection_id, "title": item.title, "url": item.url} for item in register.related(inspection)],
        "respondents": "all forces" if inspection.respondents is None else list(inspection.respondents),
        "page": urls.inspection(inspection.id),
        "looked": [_look_json(look) for look in looked],
        "standings": [
            {
                "force": standing.force.id,
                "body": standing.body.id if standing.body else None,
                "coverage": {
                    "state": coverage_state(standing).value,
                    "looks": [looked.index(look) for look in standing.coverage.looks],
                    "last_looked": _iso(standing.coverage.looks[0].checked) if standing.coverage.looks else None,
                },
                "timeliness": {
                    "status": standing.timeliness.status.value,
                    "due": standing.timeliness.due.isoformat(),
                    "days_after_due": standing.timeliness.days_late,
                    "evidence": standing.timeliness.evidence,
                },
                "response": _response_json(standing.response, inspection) if standing.response else None,
            }
            for standing in standings_for_inspection(register, inspection, as_of)
        ],
    }


def _look_json(look: Look) -> dict[str, Any]:
    return {
        "where": look.where,
        "url": look.url,
        "searched_for": list(look.searched_for) if look.is_search else None,
        "checked": look.checked.isoformat(),
        "for": "all bodies" if look.for_all else list(look.for_forces),
        "found": list(look.found),
        "note": look.note,
    }


def _recommendation_json(inspection: Inspection, rec: Recommendation) -> dict[str, Any]:
    deadline = rec.deadline
    return {
        "number": rec.number,
        "text": rec.text,
        "addressees": None if rec.addressees is None else list(rec.addressees),
        "deadline": {"words": deadline.words, "day": _iso(deadline.day), "month": deadline.month, "from_publication": deadline.from_publication},
        "for_every_force": rec.for_every_force,
        "listed_under": {"words": rec.listed_under.words, "source": rec.listed_under.source} if rec.listed_under else None,
        "page": urls.recommendation(inspection.id, rec.number),
    }


def _people_json(people: Iterable[Any]) -> list[dict[str, Any]]:
    return [{"name": person.name, "role": person.role, "label": person.label} for person in people]


def _numbers_json(numbers: tuple[int, ...], covers_all: bool) -> list[int] | str | None:
    return ALL if covers_all else (list(numbers) or None)


def _response_json(response: Response, inspection: Inspection) -> dict[str, Any]:
    document = response.document
    asserts = document.asserts
    done = s55.completeness(response, inspection)
    return {
        "inspection": response.inspection_id,
        "force": response.force_id,
        "body": response.body_id,
        "record": response.record,
        "section_55": {"reading": response.section_55.reading, "why": response.section_55.why},
        "published": _iso(response.published),
        "document": {
            "kind": document.kind,
            "status": document.status,
            "status_words": document.status_words,
            "title": document.title,
            "date": _iso(document.date),
            "from": document.sender,
            "to": document.addressee,
            "signed_by": _people_json(document.signed_by),
            "names": _people_json(document.names),
            "copies": [{"url": copy.url, "checked": _iso(copy.checked), "note": copy.note} for copy in document.copies],
            "transcript": urls.transcript(response.inspection_id, response.force_id) if document.transcript else None,
            "asserts": {
                "section_cited": asserts.section_cited,
                "deadline": {"words": asserts.deadline.words, "date": _iso(asserts.deadline.date)} if asserts.deadline else None,
                "report_title": asserts.report_title,
                "report_label": asserts.report_label,
                "report_reference": asserts.report_reference,
                "report_published": asserts.report_published,
                "forces_field": asserts.forces_field,
                "sent_to_inspectorate": asserts.sent_to_inspectorate,
                "sent_to_home_secretary": asserts.sent_to_home_secretary,
                "published_at": asserts.published_at,
            },
        },
        "office_use_checklist": list(response.office_use_checklist),
        "statements": [{"by": item.by, "heading": item.heading, "text": item.text} for item in response.statements],
        "chief_constable_comments_absent": response.chief_constable_comments_absent,
        "answers": [
            {
                "recommendations": _numbers_json(answer.recommendations, answer.covers_all),
                "areas_for_improvement": _numbers_json(answer.areas, answer.covers_all_areas),
                "by": answer.by,
                "heading": answer.heading,
                "numbered_in_document": answer.numbered_in_document,
                "text": answer.text,
                "refers_to": {"inspection": answer.refers_to_inspection, "title": answer.refers_to_title}
                if answer.refers_to_inspection or answer.refers_to_title
                else None,
                "position": answer.position,
                "progress": answer.progress,
                "note": answer.note,
            }
            for answer in response.answers
        ],
        "not_answered": list(response.not_answered),
        "last_checked": _iso(response.last_checked),
        "completeness": {
            "body_comments": done.body_comments,
            "chief_constable_comments": done.chief_constable_comments,
            "every_force_answered": done.every_force_answered,
            "every_force_total": done.every_force_total,
            "audience_unknown": done.audience_unknown,
            "sent_to_inspectorate": done.sent_to_inspectorate,
            "sent_to_home_secretary": done.sent_to_home_secretary,
        },
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
        ("coverageFile", "Where the register looked", "data/coverage/<inspection-id>.yaml (each item of looked)", "inspections[].looked[]"),
    )
    docs = []
    for definition, title, files, json_path in formats:
        rows: list[tuple[str, str]] = []
        _walk(_schema()["$defs"][definition], "", rows)
        if definition == "forcesFile":
            rows = [(name.removeprefix("forces[]."), text) for name, text in rows if name != "forces"]
        if definition == "coverageFile":  # the file's inspection is the inspection it sits under
            rows = [(name.removeprefix("looked[]."), text) for name, text in rows if name not in ("inspection", "looked")]
        if definition == "responseFile":
            # Fields for editors only are named once, not field by field: they are never in the downloads.
            rows = [(name, text) for name, text in rows if name.split(".")[0].split("[")[0] not in NOT_PUBLISHED]
            rows.append((
                ", ".join(NOT_PUBLISHED),
                f"Written by `register import` for the editor reviewing a draft, and refused by the check until removed; never published, so not in {JSON_FILE}. The JSON Schema describes them.",
            ))
        docs.append(FormatDoc(title, files, json_path, tuple(rows)))
    return tuple(docs)


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node and "properties" not in node:
        target = _schema()["$defs"][node["$ref"].rsplit("/", 1)[-1]]
        node = {**target, **{key: value for key, value in node.items() if key != "$ref"}}
    return node


def _shapes(node: dict[str, Any]) -> list[dict[str, Any]]:
    """The node and, where it may be one of several shapes ("not stated" or an object, say), each alternative."""
    node = _resolve(node)
    return [node, *(_resolve(option) for option in node.get("anyOf", []) + node.get("oneOf", []))]


def _walk(node: dict[str, Any], prefix: str, rows: list[tuple[str, str]]) -> None:
    node = _resolve(node)
    for name, child in node.get("properties", {}).items():
        child = _resolve(child)
        path = prefix + name
        text = child.get("description") or child.get("title") or ""
        if text == _schema()["$defs"]["text"]["description"]:
            text = "Text, verbatim where it quotes a document."
        rows.append((path, " ".join(text.split())))
        for shape in _shapes(child):
            if "properties" in shape:
                _walk(shape, path + ".", rows)
            items = shape.get("items")
            if isinstance(items, dict) and "properties" in _resolve(items):
                _walk(items, path + "[].", rows)
