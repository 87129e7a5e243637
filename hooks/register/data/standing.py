"""Where each expected body stands on each inspection: the join of forces, bodies, responses and the clock.

Every page that shows timeliness (inspection, recommendation, force, indexes, home) reads it
from here, so the pages cannot disagree with each other.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from register.data.clock import Status, Timeliness, assess
from register.data.coverage import CoverageStanding, CoverageState, coverage_of
from register.data.crosscheck import response_reference_date
from register.data.model import Answer, Body, Force, Inspection, Register, Response


@dataclass(frozen=True)
class Standing:
    """One force's body against one inspection."""

    inspection: Inspection
    force: Force
    body: Body | None
    """The responding body, or where none is identified, the body in office on publication day."""
    response: Response | None
    """The document the register holds for this body and report, if any: a record, whether or not it counts as the section 55 response."""
    timeliness: Timeliness
    coverage: CoverageStanding = CoverageStanding(CoverageState.NOT_LOOKED, ())
    """Where the register stands in finding this body's response: transcribed, located, not found (where, when) or not yet looked for."""

    def answer_to(self, number: int) -> Answer | None:
        return self.response.answer_to(number) if self.response else None


def standing(register: Register, inspection: Inspection, force: Force, as_of: date) -> Standing:
    response = register.response(inspection.id, force.id)
    if response is not None:
        body = register.body(response.body_id)
    else:
        body = force.body_on(inspection.published)
    counts = response is not None and response.section_55.counts
    timeliness = assess(
        report_published=inspection.published,
        as_of=as_of,
        has_response=counts,
        response_published=response.published if counts else None,
        document_date=response.document.date if counts else None,
    )
    return Standing(inspection, force, body, response, timeliness, coverage_of(register, inspection.id, force.id, response, as_of))


def standings_for_inspection(register: Register, inspection: Inspection, as_of: date) -> list[Standing]:
    return [standing(register, inspection, force, as_of) for force in register.respondents(inspection)]


def standings_for_force(register: Register, force: Force, as_of: date) -> list[Standing]:
    return [standing(register, inspection, force, as_of) for inspection in register.inspections if inspection.expects(force.id)]


def status_counts(standings: list[Standing]) -> list[tuple[str, int]]:
    """Counts per status, in the method page's order, including zeros."""
    counts = Counter(item.timeliness.status for item in standings)
    return [(status.value, counts.get(status, 0)) for status in Status]


def latest_responses(register: Register, limit: int) -> list[Response]:
    """Responses newest first by the best date the register has for each."""

    def newest_first(response: Response) -> tuple[int, str, str]:
        when = response_reference_date(response, register.inspection(response.inspection_id))
        return (-when.toordinal(), response.inspection_id, response.force_id)

    return sorted(register.responses, key=newest_first)[:limit]
