"""The register's records as plain dataclasses, built from schema-valid data.

"not stated" in the data becomes ``None`` here, so code cannot mistake it for a real value;
templates print it back as "not stated". A record the register knows only in part (a count
without texts, a document located but not transcribed) is still a whole record: every field
says what is known, and ``None`` says what is not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

NOT_STATED = "not stated"
ALL = "all"

BODY_VOICES = ("local policing body", "local policing body and chief constable")
"""Whose words count as the body's own comments."""
CHIEF_VOICES = ("chief constable", "force", "local policing body and chief constable")
"""Whose words count as the chief constable's comments (a "Force response:" is the force speaking)."""


def _date(value: str | None) -> date | None:
    if value is None or value == NOT_STATED:
        return None
    return date.fromisoformat(value)


def _stated(value: Any) -> Any:
    return None if value is None or value == NOT_STATED else value


@dataclass(frozen=True)
class Holder:
    """A person in an office (a commissioner, a chief constable) for a dated period."""

    name: str
    start: date | None
    end: date | None = None

    def in_office_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Holder:
        return cls(data["name"], _date(data["from"]), _date(data.get("to")))


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
    holders: tuple[Holder, ...] = ()
    """The people who held the office, where the register records them."""

    def in_office_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Body:
        return cls(
            data["id"],
            data["name"],
            data["kind"],
            _date(data["from"]),
            _date(data.get("to")),
            data.get("note"),
            tuple(Holder.from_data(item) for item in data.get("holders", [])),
        )


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
    chief_constables: tuple[Holder, ...] = ()

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
            tuple(Holder.from_data(item) for item in data.get("chief_constables", [])),
        )


@dataclass(frozen=True)
class Deadline:
    """A recommendation's deadline in the report's words, with the date they imply."""

    words: str | None
    month: str | None = None
    day: date | None = None
    from_publication: bool = False

    @classmethod
    def from_data(cls, data: Any) -> Deadline:
        if data == NOT_STATED:
            return cls(None)
        return cls(_stated(data["words"]), data.get("month"), _date(data.get("day")), data.get("from_publication", False))


@dataclass(frozen=True)
class SourcedWords:
    """Words a document gives (a title, a reference, a heading), with the document that gives them."""

    words: str
    source: str


@dataclass(frozen=True)
class Recommendation:
    number: int
    text: str | None
    """None where the register knows the number but not yet the words."""
    addressees: tuple[str, ...] | None
    """None where no source says whom it is addressed to."""
    deadline: Deadline
    for_every_force: bool | None
    """None where no source says whether every force is to act on it."""
    listed_under: SourcedWords | None = None


@dataclass(frozen=True)
class AreaForImprovement:
    number: int
    text: str | None


@dataclass(frozen=True)
class SourcedText:
    text: str
    source: str


@dataclass(frozen=True)
class Related:
    """Another report this one belongs with, in the register or not."""

    relation: str
    inspection_id: str | None = None
    title: str | None = None
    url: str | None = None


RELATION_BACK = {
    "interim report": "final report",
    "final report": "interim report",
    "follow-up review": "inspection followed up",
    "inspection followed up": "follow-up review",
    "earlier inspection": "later inspection",
    "later inspection": "earlier inspection",
}
"""What this report is to the other one, for the link shown on the other report's page."""


@dataclass(frozen=True)
class Fieldwork:
    source: str
    start: str | None = None
    end: str | None = None
    forces: str | None = None


@dataclass(frozen=True)
class Inspection:
    id: str
    title: str
    scope: str | None
    """national thematic, force or several forces; None where not stated."""
    inspectorates: tuple[str, ...]
    published: date
    report_url: str | None
    summary: SourcedText | None
    recommendation_count: int | None
    """How many recommendations the whole report makes; None where no source says."""
    recommendations: tuple[Recommendation, ...]
    areas_for_improvement: tuple[AreaForImprovement, ...] | None
    """None where no source says; an empty tuple where a source says there are none."""
    respondents: tuple[str, ...] | None
    """Force ids expected to respond; None for every force."""
    published_by: str | None = None
    commissioned_by: str | None = None
    numbering: str | None = None
    key_findings: SourcedText | None = None
    other_recommendations: str | None = None
    area_for_improvement_count: int | None = None
    counts_source: str | None = None
    report_addressees: tuple[tuple[str, ...], str] | None = None
    """(names, source): whom a source says the report's recommendations as a whole go to."""
    other_titles: tuple[SourcedWords, ...] = ()
    references: tuple[SourcedWords, ...] = ()
    report_checked: date | None = None
    redacted: tuple[bool, str] | None = None
    """(value, source) where a source says whether the report was published redacted."""
    fieldwork: Fieldwork | None = None
    related: tuple[Related, ...] = ()
    announcement: Copy | None = None
    """The inspectorate's press release for the report: never the report itself."""

    @property
    def joint(self) -> bool:
        """A joint inspection is one carried out by more than one inspectorate."""
        return len(self.inspectorates) > 1

    @property
    def kind_label(self) -> str:
        """The scope in words, with "joint" where several inspectorates made it: the one label lists and filters use."""
        scope = self.scope or "scope not stated"
        return f"{scope}, joint" if self.joint else scope

    @property
    def areas_count(self) -> int | None:
        """How many areas for improvement the report makes, from the count or else the list, where either is known."""
        if self.area_for_improvement_count is not None:
            return self.area_for_improvement_count
        return None if self.areas_for_improvement is None else len(self.areas_for_improvement)

    @cached_property
    def for_every_force(self) -> tuple[Recommendation, ...]:
        """The listed recommendations a source says every force must act on."""
        return tuple(rec for rec in self.recommendations if rec.for_every_force is True)

    @cached_property
    def audience_unknown(self) -> tuple[Recommendation, ...]:
        """The listed recommendations whose audience (every force or not) no source states."""
        return tuple(rec for rec in self.recommendations if rec.for_every_force is None)

    def recommendation(self, number: int) -> Recommendation | None:
        return self._by_number.get(number)

    def area(self, number: int) -> AreaForImprovement | None:
        return next((area for area in self.areas_for_improvement or () if area.number == number), None)

    @cached_property
    def _by_number(self) -> dict[int, Recommendation]:
        return {rec.number: rec for rec in self.recommendations}

    def expects(self, force_id: str) -> bool:
        return self.respondents is None or force_id in self.respondents

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Inspection:
        def sourced(item: Any) -> SourcedText | None:
            return SourcedText(item["text"], item["source"]) if isinstance(item, dict) else None

        def words(items: Any) -> tuple[SourcedWords, ...]:
            return tuple(SourcedWords(item["words"], item["source"]) for item in items or [])

        areas = data["areas_for_improvement"]
        respondents = data["respondents"]
        addressees = data.get("report_addressees")
        redacted = data.get("redacted")
        fieldwork = data.get("fieldwork")
        return cls(
            id=data["id"],
            title=data["title"],
            scope=_stated(data["scope"]),
            inspectorates=tuple(data["inspectorates"]),
            published=date.fromisoformat(data["published"]),
            report_url=_stated(data["report_url"]),
            summary=sourced(data["summary"]),
            recommendation_count=_stated(data["recommendation_count"]),
            recommendations=tuple(
                Recommendation(
                    rec["number"],
                    _stated(rec["text"]),
                    None if rec["addressees"] == NOT_STATED else tuple(rec["addressees"]),
                    Deadline.from_data(rec["deadline"]),
                    _stated(rec["for_every_force"]),
                    SourcedWords(rec["listed_under"]["words"], rec["listed_under"]["source"]) if rec.get("listed_under") else None,
                )
                for rec in sorted(data["recommendations"], key=lambda rec: rec["number"])
            ),
            areas_for_improvement=None
            if areas == NOT_STATED
            else tuple(AreaForImprovement(area["number"], _stated(area["text"])) for area in sorted(areas, key=lambda area: area["number"])),
            respondents=None if respondents == "all forces" else tuple(respondents),
            published_by=data.get("published_by"),
            commissioned_by=data.get("commissioned_by"),
            numbering=data.get("numbering"),
            key_findings=sourced(data.get("key_findings")),
            other_recommendations=data.get("other_recommendations"),
            area_for_improvement_count=_stated(data.get("area_for_improvement_count")),
            counts_source=data.get("counts_source"),
            report_addressees=(tuple(addressees["names"]), addressees["source"]) if addressees else None,
            other_titles=words(data.get("other_titles")),
            references=words(data.get("references")),
            report_checked=_date(data.get("report_checked")),
            redacted=(redacted["value"], redacted["source"]) if redacted else None,
            fieldwork=Fieldwork(fieldwork["source"], fieldwork.get("from"), fieldwork.get("to"), fieldwork.get("forces")) if fieldwork else None,
            related=tuple(Related(item["relation"], item.get("inspection"), item.get("title"), item.get("url")) for item in data.get("related", [])),
            announcement=Copy(announced["url"], date.fromisoformat(announced["checked"])) if (announced := data.get("announcement")) else None,
        )


@dataclass(frozen=True)
class Copy:
    """One public copy of a document, and the day someone checked it was there."""

    url: str
    checked: date | None
    note: str | None = None


@dataclass(frozen=True)
class Person:
    name: str
    role: str
    label: str | None = None


@dataclass(frozen=True)
class StatedDeadline:
    words: str
    date: date | None = None


@dataclass(frozen=True)
class Assertions:
    """What a document says of itself and of the report, each in the document's own words."""

    section_cited: str | None = None
    deadline: StatedDeadline | None = None
    report_title: str | None = None
    report_label: str | None = None
    report_reference: str | None = None
    report_published: str | None = None
    forces_field: str | None = None
    sent_to_inspectorate: str | None = None
    sent_to_home_secretary: str | None = None
    published_at: str | None = None

    @classmethod
    def from_data(cls, data: dict[str, Any] | None) -> Assertions:
        data = dict(data or {})
        deadline = data.pop("deadline", None)
        return cls(deadline=StatedDeadline(deadline["words"], _date(deadline.get("date"))) if deadline else None, **data)

    def shown(self) -> list[tuple[str, str]]:
        """(label, the document's words) for each assertion the document makes, in a fixed order."""
        labels = (
            ("section_cited", "Section it cites"),
            ("deadline", "Deadline it states"),
            ("report_title", "Its title for the report"),
            ("report_label", "Its label for the report"),
            ("report_reference", "Its reference for the report"),
            ("report_published", "Its date for the report"),
            ("forces_field", "Its forces field"),
            ("sent_to_inspectorate", "Says it was sent to the inspectorate"),
            ("sent_to_home_secretary", "Says it was sent to the Home Secretary"),
            ("published_at", "Says it was published"),
        )
        out = []
        for name, label in labels:
            value = getattr(self, name)
            if value is not None:
                out.append((label, value.words if isinstance(value, StatedDeadline) else value))
        return out


@dataclass(frozen=True)
class Document:
    """The document a response was published as, and where it can be found."""

    kind: str | None
    title: str | None
    date: date | None
    copies: tuple[Copy, ...] = ()
    sender: str | None = None
    addressee: str | None = None
    transcript: str | None = None
    """Path under data/transcripts/ of a plain-text copy."""
    status: str | None = None
    """final, proposed or draft, where the document says; None where it does not."""
    status_words: str | None = None
    signed_by: tuple[Person, ...] = ()
    names: tuple[Person, ...] = ()
    asserts: Assertions = field(default_factory=Assertions)

    @property
    def url(self) -> str | None:
        """The first copy's address: the one lists link to."""
        return self.copies[0].url if self.copies else None


@dataclass(frozen=True)
class Statement:
    by: str
    text: str
    heading: str | None = None


@dataclass(frozen=True)
class Answer:
    """One passage of a response, answering one, several or all recommendations, areas for improvement, or the report as a whole."""

    recommendations: tuple[int, ...]
    """The report numbers it names; empty where it answers "all" (see ``covers_all``) or none."""
    areas: tuple[int, ...]
    by: str
    text: str
    position: str
    progress: str
    numbered_in_document: str | None = None
    note: str | None = None
    heading: str | None = None
    refers_to_inspection: str | None = None
    refers_to_title: str | None = None
    covers_all: bool = False
    """True where the document answers every recommendation at once ("all")."""
    covers_all_areas: bool = False

    def covers(self, number: int) -> bool:
        return self.covers_all or number in self.recommendations

    def covers_area(self, number: int) -> bool:
        return self.covers_all_areas or number in self.areas

    @property
    def whole_report(self) -> bool:
        """An answer to the report as a whole, naming no recommendation or area."""
        return not (self.recommendations or self.areas or self.covers_all or self.covers_all_areas)



@dataclass(frozen=True)
class Section55:
    reading: str
    why: str

    @property
    def counts(self) -> bool:
        """Whether the document counts on the clock: anything but "not the body's response"."""
        return self.reading != "not the body's response"


@dataclass(frozen=True)
class Response:
    inspection_id: str
    force_id: str
    body_id: str
    record: str
    """transcribed (the register holds its words) or located (known, not yet transcribed)."""
    section_55: Section55
    published: date | None
    document: Document
    statements: tuple[Statement, ...]
    answers: tuple[Answer, ...]
    office_use_checklist: tuple[str, ...] = ()
    chief_constable_comments_absent: str | None = None
    not_answered: tuple[int, ...] = ()
    last_checked: date | None = None
    reading_of_copy: str | None = None
    """A located record's reading of its public copy, in the register's own words."""

    @property
    def transcribed(self) -> bool:
        return self.record == "transcribed"

    def answer_to(self, number: int) -> Answer | None:
        """The passage that answers recommendation ``number``: one naming it, else one answering all."""
        found = self._answers_by_number.get(number)
        if found is None and self._answers_all:
            return self._answers_all[0]
        return found

    def answers_to_area(self, number: int) -> tuple[Answer, ...]:
        return tuple(answer for answer in self.answers if answer.covers_area(number))

    @cached_property
    def _answers_all(self) -> tuple[Answer, ...]:
        return tuple(answer for answer in self.answers if answer.covers_all)

    @property
    def whole_report_answers(self) -> tuple[Answer, ...]:
        return tuple(answer for answer in self.answers if answer.whole_report)

    @cached_property
    def _answers_by_number(self) -> dict[int, Answer]:
        """Answers by recommendation number, built once: pages ask for every answer of every response."""
        return {number: answer for answer in reversed(self.answers) for number in answer.recommendations}

    def statements_by(self, who: str) -> tuple[Statement, ...]:
        """Statements whose authors include ``who`` ("local policing body" or "chief constable")."""
        voices = BODY_VOICES if who == "local policing body" else CHIEF_VOICES
        return tuple(statement for statement in self.statements if statement.by in voices)

    @property
    def key(self) -> tuple[str, str]:
        return (self.inspection_id, self.force_id)

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Response:
        doc = data["document"]
        not_answered = tuple(data.get("not_answered", []))

        def numbers(value: Any) -> tuple[int, ...]:
            return () if value is None or value == ALL else tuple(sorted(set(value)))

        answers = []
        for item in data["answers"]:
            if item["text"] == NOT_STATED:
                continue  # a placeholder the check accepts only for numbers listed under not_answered
            refers = item.get("refers_to") or {}
            answers.append(
                Answer(
                    recommendations=numbers(item.get("recommendations")),
                    areas=numbers(item.get("areas_for_improvement")),
                    by=item["by"],
                    text=item["text"],
                    position=item["position"],
                    progress=item["progress"],
                    numbered_in_document=item.get("numbered_in_document"),
                    note=item.get("note"),
                    heading=item.get("heading"),
                    refers_to_inspection=refers.get("inspection"),
                    refers_to_title=refers.get("title"),
                    covers_all=item.get("recommendations") == ALL,
                    covers_all_areas=item.get("areas_for_improvement") == ALL,
                )
            )
        answers.sort(key=lambda answer: (answer.recommendations[:1] or (10**9,), answer.areas[:1]))
        section = data["section_55"]
        return cls(
            inspection_id=data["inspection"],
            force_id=data["force"],
            body_id=data["body"],
            record=data["record"],
            section_55=Section55(section["reading"], section["why"]),
            published=_date(data["published"]),
            document=Document(
                kind=_stated(doc["kind"]),
                title=_stated(doc["title"]),
                date=_date(doc["date"]),
                copies=tuple(Copy(item["url"], _date(item["checked"]), item.get("note")) for item in doc["copies"]),
                sender=doc.get("from"),
                addressee=doc.get("to"),
                transcript=doc.get("transcript"),
                status=_stated(doc.get("status")),
                status_words=doc.get("status_words"),
                signed_by=tuple(Person(item["name"], item["role"], item.get("label")) for item in doc.get("signed_by", [])),
                names=tuple(Person(item["name"], item["role"], item.get("label")) for item in doc.get("names", [])),
                asserts=Assertions.from_data(doc.get("asserts")),
            ),
            statements=tuple(Statement(item["by"], item["text"], item.get("heading")) for item in data["statements"]),
            answers=tuple(answers),
            office_use_checklist=tuple(data.get("office_use_checklist", [])),
            chief_constable_comments_absent=data.get("chief_constable_comments_absent"),
            not_answered=tuple(sorted(set(not_answered))),
            last_checked=_date(data["last_checked"]),
            reading_of_copy=data.get("reading_of_copy"),
        )


SEARCH = "a search of public web pages"
"""The ``where`` of a look that is a search rather than a page read."""


@dataclass(frozen=True)
class Look:
    """One place the register looked for responses to a report, and the day it looked."""

    where: str
    url: str | None
    """The page's address; None for a search, which has none (see ``searched_for``)."""
    checked: date
    for_all: bool
    """True where the place would show any body's response (the inspectorate's report page)."""
    for_forces: tuple[str, ...]
    """Otherwise, the forces whose bodies' responses it would show (a body's own site)."""
    found: tuple[str, ...]
    note: str | None = None
    searched_for: tuple[str, ...] = ()
    """For a search, the words searched for, so that someone else can repeat it."""

    @property
    def is_search(self) -> bool:
        """A search stands where no page of the body's could be reached: weaker than a page read, and said so."""
        return self.where == SEARCH

    def covers(self, force_id: str) -> bool:
        return self.for_all or force_id in self.for_forces

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Look:
        scope = data["for"]
        return cls(
            data["where"],
            data.get("url"),
            date.fromisoformat(data["checked"]),
            scope == "all bodies",
            () if scope == "all bodies" else tuple(scope),
            tuple(data["found"]),
            data.get("note"),
            tuple(data.get("searched_for", ())),
        )


@dataclass(frozen=True)
class Coverage:
    """Where the register looked for the responses to one report."""

    inspection_id: str
    looked: tuple[Look, ...]

    def looks_for(self, force_id: str) -> tuple[Look, ...]:
        """The looks that would have shown this force's body's response, newest first."""
        return tuple(sorted((look for look in self.looked if look.covers(force_id)), key=lambda look: look.checked, reverse=True))

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Coverage:
        return cls(data["inspection"], tuple(Look.from_data(item) for item in data["looked"]))


@dataclass
class Register:
    """Everything the register holds, with the look-ups the pages need."""

    forces: tuple[Force, ...]
    inspections: tuple[Inspection, ...]
    """Newest first."""
    responses: tuple[Response, ...]
    transcripts: dict[str, str] = field(default_factory=dict)
    """Transcript path (as in ``Document.transcript``) → text."""
    coverage: dict[str, Coverage] = field(default_factory=dict)
    """Inspection id → where the register looked for its responses; absent where it has not looked."""

    def __post_init__(self) -> None:
        self._forces = {force.id: force for force in self.forces}
        self._bodies = {body.id: (force, body) for force in self.forces for body in force.bodies}
        self._inspections = {inspection.id: inspection for inspection in self.inspections}
        self._responses = {response.key: response for response in self.responses}
        back: dict[str, list[Related]] = {}
        for inspection in self.inspections:
            for item in inspection.related:
                if item.inspection_id in self._inspections:
                    back.setdefault(item.inspection_id, []).append(Related(RELATION_BACK[item.relation], inspection.id))
        self._related_back = back

    def force(self, force_id: str) -> Force:
        return self._forces[force_id]

    def body(self, body_id: str) -> Body:
        return self._bodies[body_id][1]

    def inspection(self, inspection_id: str) -> Inspection:
        return self._inspections[inspection_id]

    def has_inspection(self, inspection_id: str) -> bool:
        return inspection_id in self._inspections

    def response(self, inspection_id: str, force_id: str) -> Response | None:
        return self._responses.get((inspection_id, force_id))

    def related(self, inspection: Inspection) -> list[Related]:
        """The inspection's own related reports, then those that name it, each once."""
        seen = {(item.relation, item.inspection_id) for item in inspection.related if item.inspection_id}
        return list(inspection.related) + [item for item in self._related_back.get(inspection.id, []) if (item.relation, item.inspection_id) not in seen]

    def looks(self, inspection_id: str, force_id: str) -> tuple[Look, ...]:
        """The places looked that would have shown this body's response to the report, newest first."""
        found = self.coverage.get(inspection_id)
        return found.looks_for(force_id) if found else ()

    def respondents(self, inspection: Inspection) -> tuple[Force, ...]:
        """The forces whose bodies the inspection calls on to respond, in register order."""
        return tuple(force for force in self.forces if inspection.expects(force.id))
