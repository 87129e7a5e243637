"""A synthetic register of any size, to test and benchmark the build on a decade of data.

The real register grows by a few hundred responses a year; within ten years it holds about
200 inspections with 43 bodies each. Performance cannot wait for that data, so this module
writes a whole ``data/`` folder of that shape, deterministically from a seed:

- ``forces.yaml``: the real 43 forces, copied from the repository, plus a few synthetic body
  changes inside the decade (a commissioner replaced by a mayor or a fire and crime
  commissioner), so that the body on a response's date matters;
- ``inspections/*.yaml``: national thematic reports (a third of them joint), reports on one
  or several forces and a few of unstated scope, published between 2017 and the as-of date,
  with 0 to 43 recommendations, addressees and deadlines, some known only in part (a count
  not stated, an audience not stated);
- ``responses/<inspection>/<force>.yaml``: responses on time, late, known only by the date
  on the document (within the period or after it), of unknown date, missing and not yet due,
  with positions and progress in proportions like the real answers; some passages answer two
  or three recommendations at once, a few records are located but not transcribed, a few are
  proposed responses put to a board or press statements that are not the body's response;
- ``coverage/<inspection>.yaml``, for most inspections: where the register looked for the
  responses and when (the inspectorate's report page, showing some of the responses the
  register holds, and a few bodies' own pages), so that every coverage state is present:
  transcribed, located, not found (where, when) and not yet looked for. It is drawn from a
  random generator of its own, so the rest of the data is the same bytes with or without it.

Everything it writes is plainly synthetic: titles start "Synthetic:", the prose comes from a
small vocabulary, web addresses are under ``synthetic.invalid``. It is never written into
the real ``data/`` folder. Run it as::

    .venv/bin/python benchmarks/synthetic.py --inspections 200 --out /tmp/decade/data

The output passes ``load_register`` and builds with the real templates.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml
from register.data.clock import due_date
from register.data.model import Force
from register.data.yamlfile import read_yaml

ROOT = Path(__file__).resolve().parents[1]
REAL_FORCES = ROOT / "data" / "forces.yaml"
DEFAULT_AS_OF = date(2026, 11, 29)
"""The as-of date in mkdocs.yml; responses are never dated after it."""
FIRST_DAY = date(2017, 1, 1)
NOT_STATED = "not stated"
URL_BASE = "https://synthetic.invalid"

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")

# The small vocabulary: (slug, what the report inspects, a short noun for the prose).
TOPICS = (
    ("custody", "the use of police custody", "custody"),
    ("vetting", "vetting and counter-corruption", "vetting"),
    ("stalking", "the police response to stalking and harassment", "stalking cases"),
    ("fraud", "the investigation of fraud", "fraud investigation"),
    ("missing-children", "how the police protect children who go missing", "missing children"),
    ("domestic-abuse", "the police response to domestic abuse", "domestic abuse"),
    ("digital-forensics", "digital forensic capability", "digital forensics"),
    ("firearms-licensing", "firearms licensing", "firearms licensing"),
    ("neighbourhood", "neighbourhood policing", "neighbourhood policing"),
    ("rape", "the investigation of rape and serious sexual offences", "rape investigation"),
    ("call-handling", "how forces answer emergency and non-emergency calls", "call handling"),
    ("roads", "roads policing", "roads policing"),
    ("hate-crime", "the police response to hate crime", "hate crime"),
    ("serious-violence", "the prevention of serious violence", "serious violence"),
    ("disclosure", "the disclosure of unused material", "disclosure"),
    ("cyber", "the response to cyber-dependent crime", "cyber crime"),
    ("modern-slavery", "the response to modern slavery and human trafficking", "modern slavery"),
    ("protest", "the policing of protests", "protest policing"),
    ("mental-health", "how the police respond to people with mental ill health", "mental health"),
    ("online-abuse", "online child sexual abuse and exploitation", "online child abuse"),
    ("race", "race and disproportionality in police powers", "use of police powers"),
    ("counter-terrorism", "counter-terrorism policing", "counter-terrorism"),
    ("victims", "the service given to victims of crime", "victim care"),
    ("workforce", "workforce wellbeing and standards of behaviour", "workforce standards"),
)
OTHER_INSPECTORATES = (
    "HM Inspectorate of Probation",
    "HM Crown Prosecution Service Inspectorate",
    "HM Inspectorate of Prisons",
    "Care Quality Commission",
    "Ofsted",
)
NATIONAL_ADDRESSEES = (
    "the NPCC lead for {noun}",
    "the College of Policing",
    "the Home Office",
    "the National Crime Agency",
    "the NPCC lead for data and digital",
)
FORCE_ADDRESSEES = ("chief constables", "all forces")
VERBS = ("review", "improve", "evaluate", "publish", "introduce", "strengthen", "agree")
OBJECTS = (
    "the arrangements for {noun}",
    "guidance on {noun}",
    "training for officers and staff on {noun}",
    "the quality of data recorded about {noun}",
    "a plan for {noun}",
    "the supervision of {noun}",
    "how performance in {noun} is monitored",
)
PURPOSES = (
    "so that victims receive a consistent service",
    "and report progress to the inspectorate",
    "in line with national guidance",
    "so that supervisors can check compliance",
    "so that the public can see what has changed",
    "with the partner agencies concerned",
)
BOARDS = ("the strategic oversight board", "the force performance board", "the joint audit committee", "the police and crime panel")
OWNERS = ("a chief superintendent", "the head of public protection", "a superintendent", "the head of crime")

# Proportions, loosely following the real responses: national leads are awaited, force-level
# recommendations are mostly accepted, and progress follows the position.
POSITIONS_NATIONAL = {"awaiting national lead": 55, "noted": 15, "accepted": 15, "partly accepted": 3, "not accepted": 2, "not stated": 10}
POSITIONS_FORCE = {"accepted": 60, "partly accepted": 10, "noted": 8, "not accepted": 4, "awaiting national lead": 5, "not stated": 13}
PROGRESS = {
    "accepted": {"completed": 25, "in progress": 45, "planned": 20, "not stated": 10},
    "partly accepted": {"in progress": 40, "planned": 30, "no action proposed": 10, "not stated": 20},
    "not accepted": {"no action proposed": 80, "not stated": 20},
    "awaiting national lead": {"not stated": 60, "planned": 30, "in progress": 10},
    "noted": {"not stated": 85, "no action proposed": 15},
    "not stated": {"not stated": 100},
}
OUTCOMES = {"on time": 57, "late": 22, "dated within": 5, "dated after": 3, "missing": 8, "date unknown": 5}
"""How the register knows when a response came: a publication date, only the document's date, or neither."""
DOCUMENT_KINDS = {"response form": 65, "letter": 10, "board report": 10, "web page": 7, "acknowledgement record": 8}
READINGS = {"the body's response": 95, "unclear": 3, "not the body's response": 2}
WHY = {
    "the body's response": "Synthetic: the body's own response to the report.",
    "unclear": "Synthetic: a paper proposing a response to a board; the response as published is not known.",
    "not the body's response": "Synthetic: a press statement about the report, not the body's response to it.",
}
BODY_CHANGES = (("mayor", "Mayor of the {area} Combined Authority", 3), ("pfcc", "{area} Police, Fire and Crime Commissioner", 2))


@dataclass(frozen=True)
class Summary:
    """What one run wrote, for the command line and the benchmark."""

    inspections: int
    recommendations: int
    responses: int
    body_changes: int
    coverage_files: int = 0


def generate(out: Path, *, inspections: int, seed: int = 1, as_of: date = DEFAULT_AS_OF, forces_file: Path = REAL_FORCES) -> Summary:
    """Write a complete synthetic data folder into ``out`` (which must be new or empty)."""
    out = Path(out)
    if out.resolve() == (ROOT / "data").resolve():
        raise ValueError("refusing to write synthetic data into the real data/ folder")
    if out.exists() and any(out.iterdir()):
        raise ValueError(f"{out} is not empty; give a new folder")
    if inspections < 1:
        raise ValueError("--inspections must be at least 1")
    rng = random.Random(seed)
    prose = _Prose(rng)
    looking = random.Random(f"{seed}:coverage")  # its own sequence: the other files do not depend on it

    forces_data, changes = _forces(_read_forces(forces_file), rng, as_of)
    forces = [Force.from_data(item) for item in forces_data]
    write_data_file(out / "forces.yaml", {"forces": forces_data})

    recommendations = responses = coverage_files = 0
    dates = _publication_dates(rng, inspections, as_of)
    for index, (published, kind) in enumerate(zip(dates, _kinds(rng, inspections)), start=1):
        inspection = _inspection(rng, prose, index, published, forces, as_of, kind)
        recommendations += len(inspection["recommendations"])
        write_data_file(out / "inspections" / f"{inspection['id']}.yaml", inspection)
        respondents = [f for f in forces if inspection["respondents"] == "all forces" or f.id in inspection["respondents"]]
        held: dict[str, dict[str, Any]] = {}
        for force in respondents:
            response = _response(rng, prose, inspection, force, as_of)
            if response is not None:
                responses += 1
                held[force.id] = response
                write_data_file(out / "responses" / inspection["id"] / f"{force.id}.yaml", response)
        coverage = _coverage(looking, inspection, respondents, held, as_of, newest=index == inspections)
        if coverage is not None:
            coverage_files += 1
            write_data_file(out / "coverage" / f"{inspection['id']}.yaml", coverage)
    return Summary(inspections, recommendations, responses, changes, coverage_files)


# Forces ------------------------------------------------------------------------------------


def _read_forces(path: Path) -> list[dict[str, Any]]:
    document, problems = read_yaml(path, path.name)
    if document is None or problems:
        raise ValueError(f"cannot read {path}: " + "; ".join(str(problem) for problem in problems))
    return document.data["forces"]


def _forces(real: list[dict[str, Any]], rng: random.Random, as_of: date) -> tuple[list[dict[str, Any]], int]:
    """The real forces (copied, never changed on disk) with a few synthetic body changes.

    A change closes the latest body the day before its successor takes office, as the
    forces file requires (oldest first, a ``to`` on all but the last).
    """
    forces = [dict(force, bodies=[dict(body) for body in force["bodies"]]) for force in real]
    window_start = as_of - timedelta(days=540)
    candidates = [
        force
        for force in forces
        if force["bodies"][-1]["kind"] == "pcc"
        and force["bodies"][-1]["from"] != NOT_STATED
        and date.fromisoformat(force["bodies"][-1]["from"]) < window_start - timedelta(days=1)
    ]
    count = 0
    for kind, name, how_many in BODY_CHANGES:
        for force in rng.sample(candidates, min(how_many, len(candidates))):
            candidates.remove(force)
            start = window_start + timedelta(days=rng.randrange(0, 480))
            area = force["name"].split(" Police")[0].split(" Constabulary")[0]
            force["bodies"][-1]["to"] = (start - timedelta(days=1)).isoformat()
            force["bodies"].append(
                {
                    "id": f"{force['id']}-synthetic-{kind}",
                    "name": "Synthetic: " + name.format(area=area),
                    "kind": kind,
                    "from": start.isoformat(),
                    "note": "a synthetic change of body, made up for tests and benchmarks",
                }
            )
            count += 1
    return forces, count


# Inspections -------------------------------------------------------------------------------


def _publication_dates(rng: random.Random, count: int, as_of: date) -> list[date]:
    """Spread over 2017 to the as-of date, the newest always inside its 56 days."""
    span = (as_of - FIRST_DAY).days - 60
    days = sorted(FIRST_DAY + timedelta(days=rng.randrange(span)) for _ in range(count - 1))
    return days + [as_of - timedelta(days=rng.randrange(5, 40))]


KINDS = {"national thematic": 60, "joint": 33, "force": 5, "not stated": 2}
"""What the synthetic reports are: national thematic (a third of them joint), on one or a few forces, or of unstated scope."""


def _kinds(rng: random.Random, count: int) -> list[str]:
    """One kind per report, in the proportions of ``KINDS``, every kind present once there are enough reports."""
    kinds = [_weighted(rng, KINDS) for _ in range(count)]
    for wanted in KINDS:
        if count >= len(KINDS) and wanted not in kinds:
            spare = [index for index, kind in enumerate(kinds) if kinds.count(kind) > 1]
            kinds[rng.choice(spare)] = wanted
    return kinds


def _inspection(
    rng: random.Random, prose: _Prose, index: int, published: date, forces: Sequence[Force], as_of: date, kind: str
) -> dict[str, Any]:
    slug, subject, noun = rng.choice(TOPICS)
    inspection_id = f"synthetic-{slug}-{published.year}-{index:03d}"
    inspectorates = ["HMICFRS"]
    if kind == "joint":
        inspectorates += rng.sample(OTHER_INSPECTORATES, rng.randint(1, 3))
    respondents: Any = "all forces"
    scope = {"national thematic": "national thematic", "joint": "national thematic", "not stated": NOT_STATED}.get(kind, "force")
    if kind == "force":
        chosen = rng.sample(list(forces), rng.randint(1, 3))
        respondents = [force.id for force in sorted(chosen, key=lambda force: force.id)]
        scope = "force" if len(chosen) == 1 else "several forces"
        where = chosen[0].name if len(chosen) == 1 else f"{len(chosen)} forces"
        title = f"Synthetic: An inspection of {subject} in {where}"
    elif kind == "joint":
        title = f"Synthetic: A joint inspection of {subject}"
    elif kind == "not stated":
        title = f"Synthetic: A report on {subject}"
    else:
        title = f"Synthetic: {subject[0].upper()}{subject[1:]}: a national thematic inspection"

    listed = min(43, int(rng.expovariate(1 / 11)))
    others = rng.choice((0, 0, 3, 6, 12)) if kind == "joint" and listed < 31 else 0
    data: dict[str, Any] = {"id": inspection_id, "title": title, "scope": scope, "inspectorates": inspectorates}
    if kind == "joint" and rng.random() < 0.5:
        data["published_by"] = inspectorates[-1]
    data["published"] = published.isoformat()
    data["report_url"] = f"{URL_BASE}/reports/{inspection_id}/" if rng.random() < 0.7 else NOT_STATED
    if data["report_url"] != NOT_STATED and rng.random() < 0.5:
        data["report_checked"] = min(as_of, published + timedelta(days=rng.randint(0, 300))).isoformat()
    if rng.random() < 0.9:
        data["summary"] = {"text": prose.summary(subject, noun), "source": "Synthetic: made up by benchmarks/synthetic.py"}
    else:
        data["summary"] = NOT_STATED
    if rng.random() < 0.3:
        data["key_findings"] = {"text": prose.findings(noun), "source": "Synthetic: made up by benchmarks/synthetic.py"}
    # A few reports are known only in part: how many recommendations no source yet says.
    data["recommendation_count"] = NOT_STATED if listed and index % 10 == 3 else listed + others
    if others:
        data["other_recommendations"] = (
            f"Synthetic: recommendations 1 to {others} are addressed to bodies other than the police and are not listed."
        )
    data["recommendations"] = [_recommendation(rng, prose, others + number, published, noun, kind) for number in range(1, listed + 1)]
    if kind == "force":
        count = rng.randint(0, 4)
        data["areas_for_improvement"] = [{"number": number, "text": prose.area_for_improvement(noun)} for number in range(1, count + 1)]
    else:
        data["areas_for_improvement"] = [] if rng.random() < 0.7 else NOT_STATED
    data["respondents"] = respondents
    return data


def _recommendation(rng: random.Random, prose: _Prose, number: int, published: date, noun: str, kind: str) -> dict[str, Any]:
    local = rng.random() < (0.8 if kind == "force" else 0.45)
    if local:
        addressees = [rng.choice(FORCE_ADDRESSEES)]
    else:
        addressees = [a.format(noun=noun) for a in rng.sample(NATIONAL_ADDRESSEES, rng.choice((1, 1, 1, 2)))]
    deadline: Any
    choice = rng.random()
    if choice < 0.25:
        by = _add_months(published, rng.randint(3, 18))
        deadline = {"words": f"By {MONTHS[by.month - 1]} {by.year}", "month": f"{by.year:04d}-{by.month:02d}"}
    elif choice < 0.32:
        by = _add_months(published, rng.randint(3, 18)) + timedelta(days=rng.randint(0, 27))
        deadline = {"words": f"By {by.day} {MONTHS[by.month - 1]} {by.year}", "day": by.isoformat()}
    elif choice < 0.45:
        deadline = {"words": "With immediate effect", "from_publication": True}
    elif choice < 0.55:
        deadline = {"words": rng.choice(("Within six months", "Within 12 months", "By the end of the financial year"))}
    elif choice < 0.75:
        deadline = {"words": NOT_STATED}
    else:
        deadline = NOT_STATED
    words = deadline["words"] if isinstance(deadline, dict) else NOT_STATED
    lead = "" if words == NOT_STATED else words + ", "
    text = prose.recommendation(lead, addressees, noun)
    every_force: Any = local if rng.random() < 0.95 else NOT_STATED  # a few: no source says whether every force must act
    return {"number": number, "text": text, "addressees": addressees, "deadline": deadline, "for_every_force": every_force}


# Responses ---------------------------------------------------------------------------------


def _response(rng: random.Random, prose: _Prose, inspection: dict[str, Any], force: Force, as_of: date) -> dict[str, Any] | None:
    """One body's response, or None where the register has identified none.

    Most are published on a known date; some are known only by the date on the document
    (within the period or after it), some by neither; a few are located but not transcribed,
    a few are proposed responses put to a board, and a few are not the body's response at all.
    """
    published = date.fromisoformat(inspection["published"])
    due = due_date(published)
    if due >= as_of:  # still inside the 56 days: most bodies have not answered yet
        if rng.random() > 0.35 or (as_of - published).days < 3:
            return None
        outcome, response_date = "on time", published + timedelta(days=rng.randint(2, (as_of - published).days))
    else:
        outcome = _weighted(rng, OUTCOMES)
        if outcome == "missing":
            return None
        if outcome in ("on time", "dated within"):
            response_date = published + timedelta(days=rng.randint(14, 55))
        elif outcome in ("late", "dated after"):
            response_date = min(as_of, due + timedelta(days=1 + int(rng.expovariate(1 / 40))))
        else:
            response_date = min(as_of, published + timedelta(days=rng.randint(10, 120)))
    if outcome in ("on time", "late"):
        published_on: date | None = response_date
        document_date = response_date if rng.random() < 0.7 else None
    elif outcome in ("dated within", "dated after"):
        published_on, document_date = None, response_date
    else:  # date unknown: neither date is stated
        published_on, document_date = None, None
    reference = published_on or document_date or published
    body = force.body_on(reference)
    if body is None:  # pragma: no cover - the real forces file covers the whole decade
        return None

    recommendations = inspection["recommendations"]
    kind = _weighted(rng, DOCUMENT_KINDS)
    reading = _weighted(rng, READINGS)
    if reading == "not the body's response":
        kind = "press statement"
    located = reading == "the body's response" and rng.random() < 0.03
    coverage = "none" if kind in ("acknowledgement record", "press statement") or located else _weighted(rng, {"all": 85, "some": 15})
    answered = [rec for rec in recommendations if coverage == "all" or (coverage == "some" and rng.random() < 0.6)]
    renumbered = rng.random() < 0.1

    subject = inspection["title"].removeprefix("Synthetic: ")
    document: dict[str, Any] = {"kind": kind}
    if reading == "unclear":
        document["kind"] = "board report"
        document["status"] = "proposed"
        document["status_words"] = "Synthetic: the board is asked to endorse the proposed response."
    document["title"] = f"Synthetic: {body.name} response to {subject}" if rng.random() < 0.8 else NOT_STATED
    document["date"] = document_date.isoformat() if document_date else NOT_STATED
    if rng.random() < 0.3:
        document["from"] = f"Office of the {body.name}"
    if document["kind"] == "board report":
        document["to"] = rng.choice(BOARDS).removeprefix("the ").capitalize()
    document["copies"] = []
    if located or rng.random() < 0.75:
        checked = min(as_of, reference + timedelta(days=rng.randint(0, 400)))
        url = f"{URL_BASE}/responses/{inspection['id']}/{force.id}/"
        dated = rng.random() < 0.8
        document["copies"].append({"url": url, "checked": checked.isoformat() if dated or located else NOT_STATED})  # a located record says when it was seen
    asserts: dict[str, Any] = {}
    if rng.random() < 0.2:
        asserts["section_cited"] = "Section 55 of the Police Act 1996"
    if rng.random() < 0.05:
        stated = due + timedelta(days=rng.choice((0, 1)))
        asserts["deadline"] = {"words": f"{stated.day} {MONTHS[stated.month - 1]} {stated.year}", "date": stated.isoformat()}
    if asserts:
        document["asserts"] = asserts

    data: dict[str, Any] = {
        "inspection": inspection["id"],
        "force": force.id,
        "body": body.id,
        "record": "located" if located else "transcribed",
        "section_55": {"reading": reading, "why": WHY[reading]},
        "published": published_on.isoformat() if published_on else NOT_STATED,
        "document": document,
    }
    if located:
        data["statements"], data["answers"] = [], []
    else:
        data["statements"] = [_statement(rng, prose, inspection) for _ in range(_weighted(rng, {1: 60, 2: 30, 3: 10}))]
        if rng.random() < 0.03:
            data["chief_constable_comments_absent"] = "Synthetic: the Chief Constable has no further comment."
        data["answers"] = _answers(rng, prose, answered, renumbered, inspection)
        unanswered = [rec["number"] for rec in recommendations if rec not in answered]
        if unanswered and coverage == "some" and rng.random() < 0.5:
            data["not_answered"] = unanswered
    data["last_checked"] = min(as_of, reference + timedelta(days=rng.randint(0, 400))).isoformat() if rng.random() < 0.5 else NOT_STATED
    return data


# Coverage ----------------------------------------------------------------------------------

COVERAGE = {"inspectorate and bodies": 70, "inspectorate only": 10, "bodies only": 8, "none": 12}
"""Where the register looked for an inspection's responses: mostly the inspectorate's report
page (which would show any body's response) and a few bodies' own pages; sometimes only one
of those; for some inspections nowhere yet, so their bodies are "not yet looked for"."""
BODY_PLACES = {"the body's page of inspection responses": 60, "the body's site": 30, "another public copy": 10}


def _coverage(
    rng: random.Random, inspection: dict[str, Any], respondents: Sequence[Force], held: dict[str, dict[str, Any]], as_of: date, *, newest: bool
) -> dict[str, Any] | None:
    """Where the register looked for this inspection's responses, or None where it has not looked.

    A place shows only responses the register holds a record of (every ``found`` has one),
    dated no later than the look, and never a document that is not the body's response.
    """
    how = "none" if newest else _weighted(rng, COVERAGE)  # the newest report: nobody has looked yet
    if how == "none":
        return None
    published = date.fromisoformat(inspection["published"])
    inspection_id = inspection["id"]

    def day(low: int, high: int) -> str:
        return min(as_of, published + timedelta(days=rng.randint(low, high))).isoformat()

    def seen_by(force_id: str, checked: str) -> bool:
        """Whether a place looked at on ``checked`` could show this body's response: one is held, dated no later."""
        record = held.get(force_id)
        if record is None or record["section_55"]["reading"] == "not the body's response":
            return False
        dates = [record["published"], record["document"]["date"]]
        return all(when == NOT_STATED or when <= checked for when in dates)

    looked: list[dict[str, Any]] = []
    if how != "bodies only":
        held_ids = [force.id for force in respondents if force.id in held]
        linked = rng.sample(held_ids, round(len(held_ids) * rng.uniform(0.2, 0.6)))  # the responses the page links, in the order it added them
        for checked in sorted({day(120, 900)} | ({day(60, 110)} if rng.random() < 0.25 else set()), reverse=True):
            # the latest look first; an earlier one (some reports were looked at twice) showed the first half of them
            found = sorted(force_id for force_id in linked if seen_by(force_id, checked))
            linked = linked[: len(linked) // 2]
            page = {"where": "the inspectorate's report page", "url": f"{URL_BASE}/reports/{inspection_id}/", "checked": checked, "for": "all bodies", "found": found}
            if rng.random() < 0.3:
                page["note"] = f"Synthetic: the page links {len(found)} {'response' if len(found) == 1 else 'responses'} from bodies."
            looked.append(page)
    if how != "inspectorate only":
        for force in sorted(rng.sample(list(respondents), min(len(respondents), rng.randint(2, 6))), key=lambda force: force.id):
            where = _weighted(rng, BODY_PLACES)
            checked = day(60, 900)
            address = {"the body's page of inspection responses": "inspection-responses", "the body's site": "news"}.get(where, f"copy-{inspection_id}")
            found = [force.id] if seen_by(force.id, checked) and rng.random() < 0.8 else []
            looked.append({"where": where, "url": f"{URL_BASE}/bodies/{force.id}/{address}/", "checked": checked, "for": [force.id], "found": found})
    return {"inspection": inspection_id, "looked": looked}


def _statement(rng: random.Random, prose: _Prose, inspection: dict[str, Any]) -> dict[str, Any]:
    by = _weighted(rng, {"local policing body": 58, "chief constable": 28, "force": 4, "local policing body and chief constable": 10})
    statement: dict[str, Any] = {"by": by}
    if rng.random() < 0.5:
        statement["heading"] = rng.choice(("Response to the report", "Commissioner's comments", "Chief Constable's comments", "Summary"))
    statement["text"] = prose.statement(inspection["title"].removeprefix("Synthetic: "))
    return statement


def _answers(
    rng: random.Random, prose: _Prose, answered: list[dict[str, Any]], renumbered: bool, inspection: dict[str, Any]
) -> list[dict[str, Any]]:
    """One answer per passage: mostly one recommendation each, some passages shared by two or three, rarely all at once."""
    by = _weighted(rng, {"local policing body": 75, "force": 15, "chief constable": 5, "local policing body and chief constable": 5})
    listed = inspection["recommendations"]
    if listed and len(answered) == len(listed) > 1 and rng.random() < 0.03:
        return [_answer(rng, prose, listed, "all", by)]
    answers: list[dict[str, Any]] = []
    position_in_document, index = 1, 0
    while index < len(answered):
        size = rng.choice((2, 2, 3)) if rng.random() < 0.1 else 1
        group = answered[index : index + size]
        answer = _answer(rng, prose, group, [rec["number"] for rec in group], by)
        if renumbered:
            shown = [str(position_in_document + offset) for offset in range(len(group))]
            if shown != [str(rec["number"]) for rec in group]:
                head = {"recommendations": answer.pop("recommendations"), "by": answer.pop("by")}
                answer = {**head, "numbered_in_document": ", ".join(shown), **answer}
        answers.append(answer)
        position_in_document += len(group)
        index += size
    areas = inspection["areas_for_improvement"]
    if isinstance(areas, list) and areas and rng.random() < 0.5:
        answers.append(_answer(rng, prose, [], None, by, areas=[area["number"] for area in areas]))
    return answers


def _answer(
    rng: random.Random, prose: _Prose, recs: list[dict[str, Any]], numbers: Any, by: str, areas: list[int] | None = None
) -> dict[str, Any]:
    local = any(rec["for_every_force"] is True for rec in recs) or areas is not None
    position = _weighted(rng, POSITIONS_FORCE if local else POSITIONS_NATIONAL)
    progress = _weighted(rng, PROGRESS[position])
    answer: dict[str, Any] = {}
    if numbers is not None:
        answer["recommendations"] = numbers
    if areas is not None:
        answer["areas_for_improvement"] = areas
    answer["by"] = by
    addressees = [name for rec in recs if rec["addressees"] != NOT_STATED for name in rec["addressees"]]
    answer["text"] = prose.answer(position, progress, list(dict.fromkeys(addressees)) or ["the national lead"])
    answer["position"] = position
    answer["progress"] = progress
    if rng.random() < 0.03:
        answer["note"] = "Synthetic: an editor's note on how the answer was read."
    return answer


# Prose -------------------------------------------------------------------------------------


class _Prose:
    """Sentences from the small vocabulary; obviously made up, varied enough to search."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def sentences(self, low: int, high: int, make: Callable[[], str]) -> str:
        """Between ``low`` and ``high`` different sentences from ``make``."""
        wanted, chosen = self.rng.randint(low, high), []
        for _ in range(wanted * 3):
            if len(chosen) == wanted:
                break
            sentence = make()
            if sentence not in chosen:
                chosen.append(sentence)
        return " ".join(chosen)

    def summary(self, subject: str, noun: str) -> str:
        first = f"This synthetic inspection examined {subject}."
        return first + " " + self.sentences(1, 3, lambda: self.finding(noun))

    def findings(self, noun: str) -> str:
        return "\n\n".join(self.sentences(2, 4, lambda: self.finding(noun)) for _ in range(self.rng.randint(2, 4)))

    def finding(self, noun: str) -> str:
        r = self.rng
        return r.choice(
            (
                f"Inspectors found that {r.choice(('most', 'some', 'few', 'all'))} forces had {r.choice(('clear', 'inconsistent', 'improving', 'weak'))} arrangements for {noun}.",
                f"The report found {r.choice(('good', 'limited', 'uneven'))} use of data to understand demand in {noun}.",
                f"Leaders {r.choice(('understood', 'did not always understand', 'had started to understand'))} the risks in {noun}.",
                f"Inspectors visited {r.randint(4, 43)} forces and reviewed {r.randint(20, 900)} case files.",
                f"Partnership working on {noun} was {r.choice(('a strength', 'inconsistent', 'developing'))}.",
            )
        )

    def recommendation(self, lead: str, addressees: list[str], noun: str) -> str:
        r = self.rng
        who = " and ".join(addressees)
        verb, obj, purpose = r.choice(VERBS), r.choice(OBJECTS).format(noun=noun), r.choice(PURPOSES)
        text = f"{lead}{who} should {verb} {obj} {purpose}."
        return text[0].upper() + text[1:]

    def area_for_improvement(self, noun: str) -> str:
        return f"The force should {self.rng.choice(VERBS)} {self.rng.choice(OBJECTS).format(noun=noun)}."

    def statement(self, subject: str) -> str:
        r = self.rng
        opening = f"I {r.choice(('welcome', 'note', 'acknowledge'))} the report {subject}."
        paragraphs = [opening + " " + self.sentences(1, 4, self.general)]
        if r.random() < 0.4:
            paragraphs.append(self.sentences(1, 4, self.general))
        return "\n\n".join(paragraphs)

    def general(self) -> str:
        r = self.rng
        return r.choice(
            (
                f"The force will report progress to {r.choice(BOARDS)}.",
                f"I have asked the Chief Constable to provide an update within {r.choice(('three', 'six', 'twelve'))} months.",
                "The findings reflect work already under way in the force.",
                f"Oversight will continue through {r.choice(BOARDS)}.",
                "I will hold the Chief Constable to account for the actions set out below.",
                "The Chief Constable has provided the comments that follow.",
            )
        )

    def answer(self, position: str, progress: str, addressees: list[str]) -> str:
        r = self.rng
        opening = {
            "accepted": "We accept this recommendation.",
            "partly accepted": "We accept part of this recommendation.",
            "not accepted": f"We do not accept this recommendation because {r.choice(('the force already meets it', 'it is a matter for national leads', 'local arrangements differ'))}.",
            "awaiting national lead": f"This recommendation is addressed to {' and '.join(addressees)}; the force awaits national guidance.",
            "noted": "I note this recommendation.",
            "not stated": "The force has considered this recommendation.",
        }[position]
        action = {
            "completed": f"The work was completed and reported to {r.choice(BOARDS)}.",
            "in progress": f"Work is in progress, led by {r.choice(OWNERS)}.",
            "planned": f"Work is planned to start in {r.choice(MONTHS)}.",
            "no action proposed": "No further action is proposed.",
            "not stated": "",
        }[progress]
        extra = self.sentences(0, 4, self.general)
        return " ".join(part for part in (opening, action, extra) if part)


# Writing -----------------------------------------------------------------------------------


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Block style, keys in the order written, paragraphs as literal blocks.

    libyaml's emitter where PyYAML has it (ten times faster for a decade of files); the
    output is the same for the same seed on any one installation.
    """


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_text)


def write_data_file(path: Path, data: dict[str, Any]) -> None:
    """Write one data file as staff would: block style, fields in the register's order."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    path.write_text(text, encoding="utf-8")


def _weighted(rng: random.Random, weights: dict[Any, int]) -> Any:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    return date(day.year + index // 12, index % 12 + 1, 1)


# Command line ------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python benchmarks/synthetic.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--inspections", type=int, default=200, help="how many inspections (200 is about a decade)")
    parser.add_argument("--out", type=Path, required=True, help="the data folder to write: new or empty")
    parser.add_argument("--seed", type=int, default=1, help="the same seed writes the same bytes")
    parser.add_argument("--as-of", type=date.fromisoformat, default=DEFAULT_AS_OF, help="no response is dated after this day (YYYY-MM-DD)")
    args = parser.parse_args(argv)
    try:
        summary = generate(args.out, inspections=args.inspections, seed=args.seed, as_of=args.as_of)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(
        f"wrote {summary.inspections} inspections, {summary.recommendations} recommendations, "
        f"{summary.responses} responses, {summary.coverage_files} coverage files and {summary.body_changes} synthetic body changes to {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
