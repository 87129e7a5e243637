"""Which bodies to chase: for each inspection, who is late, missing, not yet due or undated.

A response known only by the date on its document is listed as "dated within the period"
or "dated after the due date", never as on time or late: the register does not know when it
was published.

``register due`` prints this. It reads timeliness from ``standing`` (the same join the pages
use) and judges it on the same "as of" date as the build, so the list staff chase from
cannot disagree with what the site says. A body whose response the register has not
identified is described by its coverage state, as ``register coverage`` lists it: where and
when it was looked for and not found, or not yet looked for.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from .clock import Status, due_date
from .coverage import CoverageState
from .model import Inspection, Register
from .standing import Standing, standings_for_inspection
from .wording import plural

CHASE_ORDER = (Status.LATE, Status.DATED_AFTER, Status.MISSING, Status.NOT_YET_DUE, Status.DATED_WITHIN, Status.DATE_UNKNOWN)
"""Groups listed body by body, most urgent first; ``on time`` is only counted."""


@dataclass(frozen=True)
class InspectionDue:
    """One inspection's due date and its bodies grouped by where they stand."""

    inspection: Inspection
    due: date
    groups: dict[Status, list[Standing]]

    def count(self, status: Status) -> int:
        return len(self.groups.get(status, []))


def due_report(register: Register, as_of: date, only: list[str] | None = None) -> list[InspectionDue]:
    """Every inspection (newest first, or just those in ``only``), its bodies grouped by status."""
    report = []
    for inspection in register.inspections:
        if only and inspection.id not in only:
            continue
        groups: dict[Status, list[Standing]] = {status: [] for status in Status}
        for item in standings_for_inspection(register, inspection, as_of):
            groups[item.timeliness.status].append(item)
        report.append(InspectionDue(inspection, due_date(inspection.published), groups))
    return report


def format_due(report: list[InspectionDue], as_of: date) -> str:
    """The plain-text listing ``register due`` prints."""
    lines = [f"As of {as_of.isoformat()}. A response is due 56 days from publication, counting the day of publication as day 1."]
    for item in report:
        inspection = item.inspection
        lines += ["", f"{inspection.id}: {' '.join(inspection.title.split())}"]
        lines.append(f"  published {inspection.published.isoformat()}; responses due by {item.due.isoformat()}")
        counts = ", ".join(f"{status.value} {item.count(status)}" for status in Status)
        lines.append(f"  {counts}")
        states = Counter(member.coverage.state for members in item.groups.values() for member in members)
        lines.append("  coverage: " + ", ".join(f"{state.value} {states.get(state, 0)}" for state in CoverageState))
        for status in CHASE_ORDER:
            members = item.groups[status]
            if not members:
                continue
            lines.append(f"  {status.value} ({len(members)}):")
            lines += [f"    {_describe(member)}" for member in members]
    return "\n".join(lines) + "\n"


def _describe(member: Standing) -> str:
    """One body's line: its name, and the evidence its status rests on, named as such.

    A document's date is never called a publication date; a document the register does not
    count as the body's section 55 response is named, so staff know what they already hold.
    """
    body = member.body.name if member.body else "no body on record for that date"
    text = f"{member.force.id}: {' '.join(body.split())}"
    timeliness, response = member.timeliness, member.response
    details: list[str] = []
    if response is not None and not response.section_55.counts:
        kind = response.document.kind or "document"
        details.append(f"the register holds a {kind} that it does not count as the body's response")
    elif timeliness.status is Status.LATE and response and response.published:
        details.append(f"published {response.published.isoformat()}, {timeliness.label}")
    elif timeliness.status in (Status.DATED_WITHIN, Status.DATED_AFTER) and response and response.document.date:
        when = "within the period" if timeliness.status is Status.DATED_WITHIN else f"{plural(timeliness.days_late or 0, 'day')} after the due date"
        details.append(f"document dated {response.document.date.isoformat()}, {when}; publication date not stated")
    elif timeliness.status is Status.DATE_UNKNOWN and response:
        details.append("no date on the document; publication date not stated")
    if response is not None and response.section_55.counts and response.section_55.reading == "unclear":
        details.append("the register's section 55 reading: unclear")
    if response is not None and not response.transcribed:
        details.append("located, not transcribed")
    if response is None or not response.section_55.counts:
        details.append(_not_held(member))  # for the section 55 response itself: where it was looked for
    return text + (f" ({'; '.join(details)})" if details else "")


def _not_held(member: Standing) -> str:
    """Where and when the register looked for a response it holds no record of, or that it has not looked."""
    coverage = member.coverage
    if coverage.state is CoverageState.NOT_FOUND:
        grouped: dict[tuple[str, str], int] = {}
        for look in coverage.looks:  # two pages of one kind on one day read as one place, counted
            key = (look.where, look.checked.isoformat())
            grouped[key] = grouped.get(key, 0) + 1
        return "not found at " + ", ".join(
            f"{where}{f' ({count} pages)' if count > 1 else ''} on {day}" for (where, day), count in grouped.items()
        )
    return coverage.state.value

