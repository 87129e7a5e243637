"""Which bodies to chase: for each inspection, who is late, missing, not yet due or undated.

``register due`` prints this. It reads timeliness from ``standing`` (the same join the pages
use) and judges it on the same "as of" date as the build, so the list staff chase from
cannot disagree with what the site says.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .clock import Status, due_date
from .model import Inspection, Register
from .standing import Standing, standings_for_inspection

CHASE_ORDER = (Status.LATE, Status.MISSING, Status.NOT_YET_DUE, Status.DATE_UNKNOWN)
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
        for status in CHASE_ORDER:
            members = item.groups[status]
            if not members:
                continue
            lines.append(f"  {status.value} ({len(members)}):")
            lines += [f"    {_describe(member)}" for member in members]
    return "\n".join(lines) + "\n"


def _describe(member: Standing) -> str:
    body = member.body.name if member.body else "no body on record for that date"
    text = f"{member.force.id}: {' '.join(body.split())}"
    timeliness = member.timeliness
    if timeliness.status is Status.LATE and member.response and member.response.published:
        text += f" (published {member.response.published.isoformat()}, {timeliness.label})"
    elif timeliness.status is Status.DATE_UNKNOWN and member.response:
        dated = member.response.document.date
        text += f" (document dated {dated.isoformat()})" if dated else " (no date on the document)"
    return text
