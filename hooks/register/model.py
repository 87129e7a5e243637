"""The register's records as plain dataclasses, built from schema-valid data.

"not stated" in the data becomes ``None`` here, so code cannot mistake it for a real value;
templates print it back as "not stated".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

NOT_STATED = "not stated"


def _date(value: str | None) -> date | None:
    if value is None or value == NOT_STATED:
        return None
    return date.fromisoformat(value)


def _stated(value: str | None) -> str | None:
    return None if value is None or value == NOT_STATED else value


@dataclass(frozen=True)
class Body:
    """One holder of a force's section 55 duty, for a dated period."""

    id: str
    name: str
    kind: str
    start: date | None
    """First day in office; None where the register's sources give no date."""
    end: date | None
    """Last day in office; None while in office."""
    note: str | None = None

    def in_office_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Body:
        return cls(data["id"], data["name"], data["kind"], _date(data["from"]), _date(data.get("to")), data.get("note"))


@dataclass(frozen=True)
class FormerName:
    name: str
    until: str


@dataclass(frozen=True)
class Force:
    id: str
    name: str
    bodies: tuple[Body, ...]
    former_names: tuple[FormerName, ...] = ()

    def body_on(self, day: date) -> Body | None:
        """The body that held the duty on ``day``; the right respondent for that date."""
        return next((body for body in self.bodies if body.in_office_on(day)), None)

    @property
    def current_body(self) -> Body:
        return self.bodies[-1]

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Force:
        return cls(
            data["id"],
            data["name"],
            tuple(Body.from_data(body) for body in data["bodies"]),
            tuple(FormerName(item["name"], item["until"]) for item in data.get("former_names", [])),
        )


@dataclass(frozen=True)
class Deadline:
    """A recommendation's deadline in the report's words, with the date they imply."""

    words: str | None
    month: str | None = None
    from_publication: bool = False


@dataclass(frozen=True)
class Recommendation:
    number: int
    text: str
    addressees: tuple[str, ...]
    deadline: Deadline
    for_every_force: bool


@dataclass(frozen=True)
class SourcedText:
    text: str
    source: str


@dataclass(frozen=True)
class Inspection:
    id: str
    title: str
    kind: str
    inspectorates: tuple[str, ...]
    published: date
    report_url: str | None
    summary: SourcedText
    recommendation_count: int
    recommendations: tuple[Recommendation, ...]
    areas_for_improvement: tuple[str, ...] | None
    """None where no source says; an empty tuple where a source says there are none."""
    respondents: tuple[str, ...] | None
    """Force ids expected to respond; None for every force."""
    published_by: str | None = None
    commissioned_by: str | None = None
    numbering: str | None = None
    key_findings: SourcedText | None = None
    other_recommendations: str | None = None

    def recommendation(self, number: int) -> Recommendation | None:
        return next((rec for rec in self.recommendations if rec.number == number), None)

    def expects(self, force_id: str) -> bool:
        return self.respondents is None or force_id in self.respondents

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Inspection:
        def sourced(item: dict[str, str] | None) -> SourcedText | None:
            return SourcedText(item["text"], item["source"]) if item else None

        areas = data["areas_for_improvement"]
        respondents = data["respondents"]
        return cls(
            id=data["id"],
            title=data["title"],
            kind=data["kind"],
            inspectorates=tuple(data["inspectorates"]),
            published=date.fromisoformat(data["published"]),
            report_url=_stated(data["report_url"]),
            summary=sourced(data["summary"]),  # type: ignore[arg-type]
            recommendation_count=data["recommendation_count"],
            recommendations=tuple(
                Recommendation(
                    rec["number"],
                    rec["text"],
                    tuple(rec["addressees"]),
                    Deadline(
                        _stated(rec["deadline"]["words"]),
                        rec["deadline"].get("month"),
                        rec["deadline"].get("from_publication", False),
                    ),
                    rec["for_every_force"],
                )
                for rec in sorted(data["recommendations"], key=lambda rec: rec["number"])
            ),
            areas_for_improvement=None if areas == NOT_STATED else tuple(areas),
            respondents=None if respondents == "all forces" else tuple(respondents),
            published_by=data.get("published_by"),
            commissioned_by=data.get("commissioned_by"),
            numbering=data.get("numbering"),
            key_findings=sourced(data.get("key_findings")),
            other_recommendations=data.get("other_recommendations"),
        )


@dataclass(frozen=True)
class Document:
    """The document a response was published as, and where it can be found."""

    kind: str
    title: str | None
    date: date | None
    url: str | None
    sender: str | None = None
    addressee: str | None = None
    transcript: str | None = None
    """Path under data/transcripts/ of a plain-text copy."""


@dataclass(frozen=True)
class Statement:
    by: str
    text: str
    heading: str | None = None


@dataclass(frozen=True)
class Answer:
    recommendation: int
    text: str
    position: str
    progress: str
    numbered_in_document: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Response:
    inspection_id: str
    force_id: str
    body_id: str
    published: date | None
    document: Document
    statements: tuple[Statement, ...]
    answers: tuple[Answer, ...]
    named_commissioner: str | None = None
    stated_deadline: date | None = None
    office_use_checklist: tuple[str, ...] = ()
    last_checked: date | None = None

    def answer_to(self, number: int) -> Answer | None:
        return self._answers_by_number.get(number)

    @cached_property
    def _answers_by_number(self) -> dict[int, Answer]:
        """Answers by recommendation number, built once: pages ask for every answer of every response."""
        return {answer.recommendation: answer for answer in reversed(self.answers)}

    def statements_by(self, who: str) -> tuple[Statement, ...]:
        """Statements whose authors include ``who`` ("local policing body" or "chief constable")."""
        return tuple(statement for statement in self.statements if who in statement.by)

    @property
    def key(self) -> tuple[str, str]:
        return (self.inspection_id, self.force_id)

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Response:
        doc = data["document"]
        return cls(
            inspection_id=data["inspection"],
            force_id=data["force"],
            body_id=data["body"],
            published=_date(data["published"]),
            document=Document(
                doc["kind"],
                _stated(doc["title"]),
                _date(doc["date"]),
                _stated(doc["url"]),
                doc.get("from"),
                doc.get("to"),
                doc.get("transcript"),
            ),
            statements=tuple(Statement(item["by"], item["text"], item.get("heading")) for item in data["statements"]),
            answers=tuple(
                Answer(
                    item["recommendation"],
                    item["text"],
                    item["position"],
                    item["progress"],
                    item.get("numbered_in_document"),
                    item.get("note"),
                )
                for item in sorted(data["answers"], key=lambda item: item["recommendation"])
            ),
            named_commissioner=data.get("named_commissioner"),
            stated_deadline=_date(data.get("stated_deadline")),
            office_use_checklist=tuple(data.get("office_use_checklist", [])),
            last_checked=_date(data.get("last_checked")),
        )


@dataclass
class Register:
    """Everything the register holds, with the look-ups the pages need."""

    forces: tuple[Force, ...]
    inspections: tuple[Inspection, ...]
    """Newest first."""
    responses: tuple[Response, ...]
    transcripts: dict[str, str] = field(default_factory=dict)
    """Transcript path (as in ``Document.transcript``) → text."""

    def __post_init__(self) -> None:
        self._forces = {force.id: force for force in self.forces}
        self._bodies = {body.id: (force, body) for force in self.forces for body in force.bodies}
        self._inspections = {inspection.id: inspection for inspection in self.inspections}
        self._responses = {response.key: response for response in self.responses}

    def force(self, force_id: str) -> Force:
        return self._forces[force_id]

    def body(self, body_id: str) -> Body:
        return self._bodies[body_id][1]

    def inspection(self, inspection_id: str) -> Inspection:
        return self._inspections[inspection_id]

    def response(self, inspection_id: str, force_id: str) -> Response | None:
        return self._responses.get((inspection_id, force_id))

    def respondents(self, inspection: Inspection) -> tuple[Force, ...]:
        """The forces whose bodies the inspection calls on to respond, in register order."""
        return tuple(force for force in self.forces if inspection.expects(force.id))
