"""Rules that span files or need real dates, checked after each file has passed the schema.

The schema can say that ``body`` is a slug; only here can the register say that the body
exists, belongs to that force and was in office on the response date. Each rule reports at
the line of the field it is about.
"""

from __future__ import annotations

import difflib
from datetime import date

from register.data.model import NOT_STATED, SEARCH, Coverage, Force, Inspection, Response
from register.data.problems import Problem
from register.data.yamlfile import YamlDocument, field_name
from register.importer.review import unplaced_problems


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


def check_inspection(
    doc: YamlDocument,
    inspection: Inspection,
    forces: tuple[Force, ...] | None,
    inspection_ids: set[str] | frozenset[str] = frozenset(),
    as_of: date | None = None,
) -> list[Problem]:
    """Rules for one inspection; ``inspection_ids`` (every inspection file's id) lets related reports be checked.

    With ``as_of`` (the clock's date), a publication or a check after it is refused, as for a
    response: a report published after the as-of date would count every body as "not yet due"
    for a report the register cannot yet hold.
    """
    problems = []
    if as_of is not None:
        problems.extend(
            _after_as_of(doc, _inspection_dates(inspection), as_of, published_hint=_FUTURE_HINT + "; if the report really is out, move extra.register.as_of in mkdocs.yml on to its day or later")
        )
    stem = doc.path.rsplit("/", 1)[-1].removesuffix(".yaml")
    if inspection.id != stem:
        problems.append(_problem(doc, ("id",), f"id '{inspection.id}' does not match the file name '{stem}.yaml'", f"rename the file to {inspection.id}.yaml or change the id"))
    if inspection.published_by and inspection.published_by not in inspection.inspectorates:
        problems.append(
            _problem(
                doc,
                ("published_by",),
                f"'{inspection.published_by}' is not one of the inspectorates",
                _suggest(inspection.published_by, inspection.inspectorates) + "published_by names one of the inspectorates listed above it, written the same way",
            )
        )
    numbers: set[int] = set()
    for index, rec in enumerate(doc.data["recommendations"]):
        if rec["number"] in numbers:
            problems.append(
                _problem(doc, ("recommendations", index, "number"), f"recommendation {rec['number']} is listed twice", "list each recommendation once, with the report's own number")
            )
        numbers.add(rec["number"])
        deadline = rec["deadline"]
        if isinstance(deadline, dict):
            given = [name for name in ("day", "month", "from_publication") if deadline.get(name)]
            if len(given) > 1:
                problems.append(
                    _problem(
                        doc,
                        ("recommendations", index, "deadline"),
                        f"give one of day, month or from_publication, not {' and '.join(given)}",
                        "day is for words like 'By 30 April 2023', month for 'By June 2020', from_publication for 'With immediate effect'",
                    )
                )
            if given and deadline["words"] == "not stated":
                problems.append(
                    _problem(doc, ("recommendations", index, "deadline", "words"), f"a {given[0].replace('_', ' ')} is given but the words are \"not stated\"", "copy the report's words for the deadline; the date is read from them")
                )
    count = inspection.recommendation_count
    if count is not None and count < len(inspection.recommendations):
        problems.append(
            _problem(doc, ("recommendation_count",), f"the report is said to make {count} recommendations but {len(inspection.recommendations)} are listed",
                "recommendation_count is how many the whole report makes; correct it, or remove the recommendations it does not make",
            )
        )
    if count is not None and numbers and max(numbers) > count:
        problems.append(
            _problem(doc, ("recommendation_count",), f"recommendation {max(numbers)} is listed but the report is said to make only {count}", "check the count and the numbers")
        )
    areas = doc.data["areas_for_improvement"]
    area_count = inspection.area_for_improvement_count
    if isinstance(areas, list):
        seen: set[int] = set()
        for index, area in enumerate(areas):
            if area["number"] in seen:
                problems.append(_problem(doc, ("areas_for_improvement", index, "number"), f"area for improvement {area['number']} is listed twice", "list each area once"))
            seen.add(area["number"])
        if area_count is not None and area_count < len(areas):
            problems.append(
                _problem(doc, ("area_for_improvement_count",), f"the report is said to make {area_count} areas for improvement but {len(areas)} are listed", "correct the count or the list")
            )
    for index, item in enumerate(doc.data.get("related", [])):
        at = ("related", index)
        has_id, has_title = "inspection" in item, "title" in item
        if has_id == has_title:
            problems.append(
                _problem(doc, at, "give either inspection (an id the register holds) or title (a report it does not hold)", "inspection: for a report in data/inspections/, title: for any other")
            )
        if has_id and item["inspection"] == inspection.id:
            problems.append(_problem(doc, at + ("inspection",), "a report cannot be related to itself", "name the other report's id"))
        elif has_id and inspection_ids and item["inspection"] not in inspection_ids:
            problems.append(
                _problem(doc, at + ("inspection",), f"unknown inspection '{item['inspection']}'", _suggest(item["inspection"], inspection_ids) + "inspection ids are the file names in data/inspections/; for a report the register does not hold, use title:")
            )
        if has_id and "url" in item:
            problems.append(_problem(doc, at + ("url",), "the address of a report the register holds is in its own file", "remove url here; give report_url in that inspection's file", key=True))
    if forces is not None and inspection.respondents:
        known = {force.id for force in forces}
        for index, force_id in enumerate(inspection.respondents):
            if force_id not in known:
                problems.append(_problem(doc, ("respondents", index), f"unknown force '{force_id}'", _suggest(force_id, known) + "force ids are listed in data/forces.yaml"))
    return problems


def _inspection_dates(inspection: Inspection) -> list[tuple[tuple, date | None]]:
    """The days an inspection file says something happened: its publication and the checks of its addresses."""
    dated: list[tuple[tuple, date | None]] = [(("published",), inspection.published), (("report_checked",), inspection.report_checked)]
    if inspection.announcement is not None:
        dated.append((("announcement", "checked"), inspection.announcement.checked))
    return dated


_FUTURE_HINT = "a date still to come is a typing error; check the year, month and day"


def _after_as_of(doc: YamlDocument, dated: list[tuple[tuple, date | None]], as_of: date, *, published_hint: str = _FUTURE_HINT) -> list[Problem]:
    """A problem for each day after the as-of date: the register records what has happened."""
    return [
        _problem(doc, at, f"{day} is after the register's as-of date ({as_of})", published_hint if at == ("published",) else _FUTURE_HINT)
        for at, day in dated
        if day is not None and day > as_of
    ]


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
    as_of: date | None = None,
) -> list[Problem]:
    """Rules for one response; ``response_files`` (paths as messages name them) lets a duplicate be named as such.

    With ``as_of`` (the clock's date), a date after it is refused: the register records what
    has happened, and a date still to come is a typing error.
    """
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
    problems.extend(unplaced_problems(doc))  # an imported record's text not yet placed by a person
    problems.extend(_check_record(doc, response, as_of, inspection_files=inspection_files))
    folder, stem = doc.path.split("/")[-2], doc.path.rsplit("/", 1)[-1].removesuffix(".yaml")
    # A typed id that is unknown and differs from the file's own name is one mistake: it is reported
    # once, as the unknown id, pointing at the name the file already gives (norflok in norfolk.yaml).
    unknown_inspection = response.inspection_id not in inspections and response.inspection_id not in inspection_files
    unknown_force = forces is not None and response.force_id not in forces
    if unknown_inspection and response.inspection_id != folder and folder in inspection_files:
        problems.append(
            _problem(
                doc,
                ("inspection",),
                f"unknown inspection '{response.inspection_id}'; the file is in the folder of {folder}",
                f"did you mean '{folder}'? write inspection: {folder}",
            )
        )
    elif response.inspection_id != folder:
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
    elif response.force_id != stem and unknown_force and stem in forces:  # type: ignore[operator]
        problems.append(
            _problem(doc, ("force",), f"unknown force '{response.force_id}'; the file is named {stem}.yaml", f"did you mean '{stem}'? write force: {stem}")
        )
    elif response.force_id != stem:
        problems.append(
            _problem(doc, ("force",), f"'{response.force_id}' does not match the file name '{stem}.yaml'", "each force's response is named <force-id>.yaml; a second file for the same force is a duplicate")
        )

    inspection = inspections.get(response.inspection_id)
    if unknown_inspection and not (response.inspection_id != folder and folder in inspection_files):
        problems.append(
            _problem(
                doc,
                ("inspection",),
                f"unknown inspection '{response.inspection_id}'",
                _suggest(response.inspection_id, inspection_files) + "inspection ids are the file names in data/inspections/",
            )
        )
    force = forces.get(response.force_id) if forces is not None else None
    if forces is not None and force is None and not (response.force_id != stem and stem in forces):
        problems.append(_problem(doc, ("force",), f"unknown force '{response.force_id}'", _suggest(response.force_id, forces) + "force ids are listed in data/forces.yaml"))

    problems.extend(_check_answers(doc, inspection))

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
    stated = response.document.asserts.deadline
    for at, day in (
        (("published",), response.published),
        (("document", "date"), response.document.date),
        (("document", "asserts", "deadline", "date"), stated.date if stated else None),
    ):
        if day is not None and day < inspection.published:
            problems.append(_problem(doc, at, f"{day} is before the report was published ({inspection.published})", "check the year"))
    if force is not None:
        problems.extend(_check_people(doc, response, force, response_reference_date(response, inspection)))
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


def _check_record(doc: YamlDocument, response: Response, as_of: date | None, *, inspection_files: set[str]) -> list[Problem]:
    """What the record claims about itself: a located record holds no words, a transcribed one no placeholders, no date is in the future."""
    problems = []
    data = doc.data
    if response.record == "located":
        for name in ("statements", "answers"):
            if data[name]:
                problems.append(
                    _problem(doc, (name,), f"a located record holds no {name}", "write record: transcribed once the document's words are copied in, or empty this list: []", key=True)
                )
        if not response.document.copies:
            problems.append(
                _problem(doc, ("document", "copies"), "a located record needs the address where the document was found", "add a copy with its url and the day it was checked")
            )
        for index, copy in enumerate(response.document.copies):
            if copy.checked is None:
                problems.append(
                    _problem(
                        doc,
                        ("document", "copies", index, "checked"),
                        "a located record needs the day someone saw the document at this address",
                        "write the day you opened the address and found the document there, YYYY-MM-DD",
                    )
                )
    if response.record == "transcribed" and "reading_of_copy" in data:
        problems.append(
            _problem(doc, ("reading_of_copy",), "a transcribed record holds the document's own words", "delete reading_of_copy: it is for located records, whose words the register has not copied", key=True)
        )
    if response.record == "transcribed" and not data["statements"] and not data["answers"]:
        problems.append(
            _problem(
                doc,
                ("record",),
                "the record says it is transcribed but holds no statements and no answers",
                "copy the document's words into statements and answers, or write record: located if they are not transcribed yet",
            )
        )
    if data["section_55"]["why"] == NOT_STATED:
        reading = data["section_55"]["reading"]
        problems.append(
            _problem(
                doc,
                ("section_55", "why"),
                f"\"not stated\" is a placeholder: say why the register reads this document as \"{reading}\"",
                "e.g. the body's own response form for the report; or a chief constable's paper proposing a response to a board",
            )
        )
    if response.record == "transcribed" and response.document.kind is None:
        problems.append(
            _problem(doc, ("document", "kind"), "a transcribed document's kind is known: say what it is", "one of response form, letter, board report, acknowledgement record, web page, press statement, meeting minutes, report")
        )
    for index, statement in enumerate(data["statements"]):
        if statement["text"] == NOT_STATED:
            problems.append(
                _problem(doc, ("statements", index, "text"), "\"not stated\" is a placeholder, not the document's words", "copy the passage verbatim, or delete this statement")
            )
    if as_of is not None:
        dated = [(("published",), response.published), (("document", "date"), response.document.date), (("last_checked",), response.last_checked)]
        dated += [(("document", "copies", index, "checked"), copy.checked) for index, copy in enumerate(response.document.copies)]
        problems.extend(_after_as_of(doc, dated, as_of))
    for index, answer in enumerate(data["answers"]):
        refers = answer.get("refers_to")
        if refers is None:
            continue
        at = ("answers", index, "refers_to")
        if ("inspection" in refers) == ("title" in refers):
            problems.append(_problem(doc, at, "give either inspection (an id the register holds) or title (the document's words for a report it does not hold)"))
        elif "inspection" in refers and refers["inspection"] not in inspection_files:
            problems.append(
                _problem(doc, at + ("inspection",), f"unknown inspection '{refers['inspection']}'", _suggest(refers["inspection"], inspection_files) + "for a report the register does not hold, use title:")
            )
        elif refers.get("inspection") == response.inspection_id:
            problems.append(_problem(doc, at + ("inspection",), "an answer cannot refer back to the response it is part of", "name the earlier report"))
    return problems


def _check_answers(doc: YamlDocument, inspection: Inspection | None) -> list[Problem]:
    """Each recommendation or area answered once, every number known to the inspection, no placeholder published."""
    problems = []
    data = doc.data
    not_answered = set(data.get("not_answered", []))
    answered: dict[int, int] = {}
    areas_answered: set[int] = set()
    every: int | None = None
    for index, answer in enumerate(data["answers"]):
        at = ("answers", index)
        numbers = answer.get("recommendations")
        if numbers == "all":
            if every is not None:
                problems.append(_problem(doc, at + ("recommendations",), "two answers both answer all recommendations", "merge them into one"))
            every = index
            numbers = []
        numbers = numbers or []
        if len(set(numbers)) != len(numbers):
            problems.append(_problem(doc, at + ("recommendations",), "a number is listed twice", "list each recommendation once"))
        if answer["text"] == NOT_STATED:
            unlisted = [n for n in numbers if n not in not_answered]
            if unlisted or not numbers:
                hint = (
                    f"copy the answer verbatim; where the document gives no answer, delete this answer and list {', '.join(map(str, unlisted))} under not_answered"
                    if unlisted
                    else "copy the passage verbatim, or delete this answer"
                )
                problems.append(_problem(doc, at + ("text",), "\"not stated\" is a placeholder, not the document's words", hint))
            continue
        for position, number in enumerate(numbers):
            where = at + ("recommendations", position)  # the number itself, not the list around it
            if number in answered:
                problems.append(
                    _problem(doc, where, f"recommendation {number} is answered twice (also in answers[{answered[number] + 1}])", "one passage answers it: list the number on one answer only, or merge the two")
                )
            answered.setdefault(number, index)
            if number in not_answered:
                problems.append(_problem(doc, where, f"recommendation {number} is answered here and listed under not_answered", "remove it from one of them"))
            if inspection is not None and inspection.recommendation(number) is None:
                listed = ", ".join(str(rec.number) for rec in inspection.recommendations) or "none"
                problems.append(_problem(doc, where, f"inspection '{inspection.id}' has no recommendation {number}", f"its recommendations are: {listed}"))
        areas = answer.get("areas_for_improvement")
        if isinstance(areas, list):
            for position, number in enumerate(areas):
                where = at + ("areas_for_improvement", position)
                if number in areas_answered:
                    problems.append(_problem(doc, where, f"area for improvement {number} is answered twice", "list it on one answer only"))
                areas_answered.add(number)
                if inspection is not None and inspection.area(number) is None:
                    listed = ", ".join(str(area.number) for area in inspection.areas_for_improvement or ()) or "none listed"
                    problems.append(_problem(doc, where, f"inspection '{inspection.id}' has no area for improvement {number}", f"its areas for improvement are: {listed}"))
        elif areas == "all" and inspection is not None and not inspection.areas_for_improvement:
            problems.append(_problem(doc, at + ("areas_for_improvement",), f"inspection '{inspection.id}' lists no areas for improvement", "list them in the inspection's file first"))
    if every is not None:
        for index in sorted(set(answered.values())):
            problems.append(
                _problem(
                    doc,
                    ("answers", index, "recommendations"),
                    f"answers[{every + 1}] answers all recommendations, so no other answer can name some of them",
                    "use all only where one passage answers every recommendation; otherwise list the numbers on each answer",
                )
            )
    for index, number in enumerate(data.get("not_answered", [])):
        if inspection is not None and inspection.recommendation(number) is None:
            problems.append(_problem(doc, ("not_answered", index), f"inspection '{inspection.id}' has no recommendation {number}"))
    return problems


_ROLE_HOLDERS = {"commissioner": "holders", "chief constable": "chief_constables"}


def _check_people(doc: YamlDocument, response: Response, force: Force, on: date) -> list[Problem]:
    """A named commissioner or chief constable must be the one in office on the response date, where the forces file records them."""
    problems = []
    body = next((item for item in force.bodies if item.id == response.body_id), None)
    for field_ in ("signed_by", "names"):
        for index, person in enumerate(getattr(response.document, field_)):
            if person.role == "commissioner":
                holders = body.holders if body else ()
                office = body.name if body else force.name
            elif person.role == "chief constable":
                holders = force.chief_constables
                office = f"chief constable of {force.name}"
            else:
                continue
            if not holders:
                continue  # the register does not record who held the office; nothing to check against
            in_office = [holder.name for holder in holders if holder.in_office_on(on)]
            if person.name not in in_office:
                held = f"{' or '.join(in_office)} held it then" if in_office else "nobody recorded held it then"
                problems.append(
                    _problem(
                        doc,
                        ("document", field_, index, "name"),
                        f"'{person.name}' is not recorded as {office} on {on}; {held}",
                        "check the name and the force, or the holders in data/forces.yaml",
                    )
                )
    return problems


def check_coverage(
    doc: YamlDocument,
    coverage: Coverage,
    *,
    inspection_ids: set[str],
    forces: dict[str, Force] | None,
    held: dict[tuple[str, str], Response],
    as_of: date | None,
) -> list[Problem]:
    """A coverage file names a real inspection and real forces, and every response it says was found is in the register."""
    problems = []
    stem = doc.path.rsplit("/", 1)[-1].removesuffix(".yaml")
    if coverage.inspection_id != stem:
        problems.append(_problem(doc, ("inspection",), f"'{coverage.inspection_id}' does not match the file name '{stem}.yaml'", f"the coverage of {coverage.inspection_id} belongs in data/coverage/{coverage.inspection_id}.yaml"))
    known_inspection = coverage.inspection_id in inspection_ids
    if not known_inspection:
        problems.append(_problem(doc, ("inspection",), f"unknown inspection '{coverage.inspection_id}'", _suggest(coverage.inspection_id, inspection_ids) + "inspection ids are the file names in data/inspections/"))
    for index, look in enumerate(coverage.looked):
        at = ("looked", index)
        if as_of is not None and look.checked > as_of:
            problems.append(_problem(doc, at + ("checked",), f"{look.checked} is after the register's as-of date ({as_of})", "a date still to come is a typing error; check the year, month and day"))
        if look.is_search and look.url is not None:
            problems.append(_problem(doc, at + ("url",), "a search has no address of its own", "record the page the search led to as a place of its own, or remove url:"))
        if not look.is_search and look.searched_for:
            problems.append(_problem(doc, at + ("searched_for",), f"only a search records what was searched for; this place is {look.where}", f"write where: {SEARCH}, or remove searched_for:"))
        if look.is_search and look.found:
            problems.append(_problem(doc, at + ("found",), "a search shows no response itself", "record the page where the response was found as a place of its own, with found: there"))
        if forces is not None:
            for position, force_id in enumerate(look.for_forces):
                if force_id not in forces:
                    problems.append(_problem(doc, at + ("for", position), f"unknown force '{force_id}'", _suggest(force_id, forces) + "force ids are listed in data/forces.yaml"))
        for position, force_id in enumerate(look.found):
            where = at + ("found", position)
            if forces is not None and force_id not in forces:
                problems.append(_problem(doc, where, f"unknown force '{force_id}'", _suggest(force_id, forces) + "force ids are listed in data/forces.yaml"))
                continue
            if not look.covers(force_id):
                problems.append(_problem(doc, where, f"'{force_id}' is not among the bodies this place would show", "add it under for:, or check the force id"))
            if known_inspection and (coverage.inspection_id, force_id) not in held:
                problems.append(
                    _problem(
                        doc,
                        where,
                        f"a response by {force_id} was found here, but the register has no record of it",
                        f"add data/responses/{coverage.inspection_id}/{force_id}.yaml (record: located, with this address under document.copies), "
                        f"e.g. with `register new-response {coverage.inspection_id} {force_id} --located --url ADDRESS --checked YYYY-MM-DD`",
                    )
                )
    return problems
