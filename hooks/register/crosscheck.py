"""Rules that span files or need real dates, checked after each file has passed the schema.

The schema can say that ``body`` is a slug; only here can the register say that the body
exists, belongs to that force and was in office on the response date. Each rule reports at
the line of the field it is about.
"""

from __future__ import annotations

import difflib
from datetime import date

from .model import Force, Inspection, Response
from .problems import Problem
from .yamlfile import YamlDocument, field_name


def _problem(doc: YamlDocument, at: tuple, message: str, hint: str = "", *, key: bool = False) -> Problem:
    line, column = doc.where(at, key=key)
    return Problem(doc.path, line, column, field_name(at), message, hint)


def _suggest(value: str, known) -> str:
    """ "did you mean 'x'? " for a likely typo of a known id; else nothing."""
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.7)
    return f"did you mean '{close[0]}'? " if close else ""


def check_forces(doc: YamlDocument, forces: tuple[Force, ...]) -> list[Problem]:
    """Unique ids, and each force's bodies in order without gaps in the record's logic."""
    problems = []
    seen_forces: dict[str, int] = {}
    seen_bodies: dict[str, int] = {}
    for index, force in enumerate(forces):
        if force.id in seen_forces:
            problems.append(_problem(doc, ("forces", index, "id"), f"force id '{force.id}' is used twice", "each force is listed once"))
        seen_forces.setdefault(force.id, index)
        previous_end: date | None = None
        for number, body in enumerate(force.bodies):
            at = ("forces", index, "bodies", number)
            if body.id in seen_bodies:
                problems.append(_problem(doc, at + ("id",), f"body id '{body.id}' is used twice", "give each body its own id"))
            seen_bodies.setdefault(body.id, index)
            if body.start and body.end and body.end < body.start:
                problems.append(_problem(doc, at + ("to",), f"'to' ({body.end}) is before 'from' ({body.start})", "'to' is the body's last day in office; check both dates"))
            if number < len(force.bodies) - 1 and body.end is None:
                problems.append(
                    _problem(doc, at, "only the latest body may be without a 'to' date", "close this body with the day before its successor took office")
                )
            if previous_end and body.start and body.start <= previous_end:
                problems.append(
                    _problem(doc, at + ("from",), f"starts on {body.start}, before the previous body left office on {previous_end}", "bodies are listed oldest first, without overlap")
                )
            previous_end = body.end
    return problems


def check_inspection(doc: YamlDocument, inspection: Inspection, forces: tuple[Force, ...] | None) -> list[Problem]:
    problems = []
    stem = doc.path.rsplit("/", 1)[-1].removesuffix(".yaml")
    if inspection.id != stem:
        problems.append(_problem(doc, ("id",), f"id '{inspection.id}' does not match the file name '{stem}.yaml'", f"rename the file to {inspection.id}.yaml or change the id"))
    numbers: set[int] = set()
    for index, rec in enumerate(doc.data["recommendations"]):
        if rec["number"] in numbers:
            problems.append(
                _problem(doc, ("recommendations", index, "number"), f"recommendation {rec['number']} is listed twice", "list each recommendation once, with the report's own number")
            )
        numbers.add(rec["number"])
        month = rec["deadline"].get("month")
        if month and rec["deadline"].get("from_publication"):
            problems.append(
                _problem(
                    doc,
                    ("recommendations", index, "deadline"),
                    "give either a month or from_publication, not both",
                    "month is for words like 'By June 2020'; from_publication is for 'With immediate effect'",
                )
            )
    if inspection.recommendation_count < len(inspection.recommendations):
        problems.append(
            _problem(doc, ("recommendation_count",), f"the report is said to make {inspection.recommendation_count} recommendations but {len(inspection.recommendations)} are listed",
                "recommendation_count is how many the whole report makes; correct it, or remove the recommendations it does not make",
            )
        )
    if forces is not None and inspection.respondents:
        known = {force.id for force in forces}
        for index, force_id in enumerate(inspection.respondents):
            if force_id not in known:
                problems.append(_problem(doc, ("respondents", index), f"unknown force '{force_id}'", _suggest(force_id, known) + "force ids are listed in data/forces.yaml"))
    return problems


def response_reference_date(response: Response, inspection: Inspection) -> date:
    """The day on which the responding body must have been in office.

    The publication date where known; else the date the document carries; else the day the
    report was published, when the duty to respond arose.
    """
    return response.published or response.document.date or inspection.published


def check_response(
    doc: YamlDocument,
    response: Response,
    *,
    inspections: dict[str, Inspection],
    forces: dict[str, Force] | None,
    inspection_files: set[str],
    response_files: frozenset[str] | set[str] = frozenset(),
) -> list[Problem]:
    """Rules for one response; ``response_files`` (paths as messages name them) lets a duplicate be named as such."""
    problems = []
    if "draft" in doc.data:  # written by `register import`: its labels are proposals until a person confirms them
        problems.append(
            _problem(
                doc,
                ("draft",),
                "labels not yet confirmed; remove the draft block when reviewed",
                "confirm or change each label listed under draft.proposals, then delete the whole draft: block",
                key=True,
            )
        )
    folder, stem = doc.path.split("/")[-2], doc.path.rsplit("/", 1)[-1].removesuffix(".yaml")
    if response.inspection_id != folder:
        problems.append(
            _problem(doc, ("inspection",), f"'{response.inspection_id}' does not match the folder '{folder}'", f"a response to {response.inspection_id} belongs in data/responses/{response.inspection_id}/")
        )
    original = f"{doc.path.rsplit('/', 1)[0]}/{response.force_id}.yaml"
    if response.force_id != stem and original in response_files:
        problems.append(
            _problem(
                doc,
                ("force",),
                f"'{response.force_id}' does not match the file name '{stem}.yaml', and {original} already holds {response.force_id}'s response",
                f"a force answers an inspection once: merge anything new into {original} and delete this file; "
                "if this is another force's response, change force: to that force's id",
            )
        )
    elif response.force_id != stem:
        problems.append(
            _problem(doc, ("force",), f"'{response.force_id}' does not match the file name '{stem}.yaml'", "each force's response is named <force-id>.yaml; a second file for the same force is a duplicate")
        )

    inspection = inspections.get(response.inspection_id)
    if inspection is None and response.inspection_id not in inspection_files:
        problems.append(
            _problem(
                doc,
                ("inspection",),
                f"unknown inspection '{response.inspection_id}'",
                _suggest(response.inspection_id, inspection_files) + "inspection ids are the file names in data/inspections/",
            )
        )
    force = forces.get(response.force_id) if forces is not None else None
    if forces is not None and force is None:
        problems.append(_problem(doc, ("force",), f"unknown force '{response.force_id}'", _suggest(response.force_id, forces) + "force ids are listed in data/forces.yaml"))

    seen: set[int] = set()
    for index, answer in enumerate(doc.data["answers"]):
        number = answer["recommendation"]
        at = ("answers", index, "recommendation")
        if number in seen:
            problems.append(_problem(doc, at, f"recommendation {number} is answered twice", "merge the two answers into one"))
        seen.add(number)
        if inspection is not None and inspection.recommendation(number) is None:
            listed = ", ".join(str(rec.number) for rec in inspection.recommendations) or "none"
            problems.append(
                _problem(doc, at, f"inspection '{inspection.id}' has no recommendation {number}", f"its recommendations are: {listed}")
            )

    if inspection is None:
        return problems
    if force is not None and not inspection.expects(force.id):
        problems.append(
            _problem(
                doc,
                ("force",),
                f"inspection '{inspection.id}' does not call on {force.name} to respond",
                "check the force id; if the report does call on this force, add it to respondents in the inspection's file",
            )
        )
    for field_, day in (("published", response.published), ("document.date", response.document.date)):
        if day is not None and day < inspection.published:
            at = tuple(field_.split("."))
            problems.append(_problem(doc, at, f"{day} is before the report was published ({inspection.published})", "check the year"))
    if response.stated_deadline and response.stated_deadline < inspection.published:
        problems.append(
            _problem(doc, ("stated_deadline",), f"{response.stated_deadline} is before the report was published ({inspection.published})", "check the year")
        )
    if force is not None:
        bodies = {body.id: body for body in force.bodies}
        body = bodies.get(response.body_id)
        on = response_reference_date(response, inspection)
        in_office = force.body_on(on)
        if body is None:
            problems.append(
                _problem(doc, ("body",), f"'{response.body_id}' is not a body of {force.name}", f"{force.name}'s bodies are: " + ", ".join(bodies))
            )
        elif not body.in_office_on(on):
            expected = f"'{in_office.id}' was" if in_office else "no body was"
            problems.append(
                _problem(
                    doc,
                    ("body",),
                    f"'{body.id}' was not in office on {on}; {expected} in office then",
                    (f"write body: {in_office.id}; " if in_office else "") + "the respondent is the body in office on the response date",
                )
            )
    return problems
