"""Which bodies to chase: for each inspection, who is late, missing, not yet due or undated.

A response known only by the date on its document is listed as "dated in period"
or "dated after due date", never as on time or late: the register does not know when it
was published.

``register due`` prints this. It reads timeliness from ``standing`` (the same join the pages
use), so for the same day the list staff chase from cannot disagree with what the site says.
Staff chase today, so the command judges on today unless told otherwise, and its first line
says which day it used and which day the site is judged on (a fixed date in ``mkdocs.yml``).
A body whose response the register does not hold is described by its coverage state, as
``register coverage`` lists it: where and when it was looked for and not found, or not yet
looked for.

The default is a summary that fits a screen: per inspection, every body named once, by id,
under its state. ``--full`` gives a line per body with the evidence, ``--format csv`` a row per
inspection and body for a chasing spreadsheet.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from register.data.clock import Status, due_date
from register.data.coverage import CoverageState
from register.data.model import Inspection, Register
from register.data.standing import Standing, standings_for_inspection
from register.site.csvtext import csv_text

CHASE_ORDER = (
    Status.LATE,
    Status.DATED_AFTER,
    Status.MISSING,
    Status.NOT_YET_DUE,
    Status.DATED_WITHIN,
    Status.DATE_UNKNOWN,
    Status.ON_TIME,
)
"""Groups in the order they are listed, most urgent first; every body is named in one of them."""

STATES: dict[str, Status | CoverageState] = {state.value: state for state in (*Status, *CoverageState)}
"""What ``--state`` accepts: a timeliness status or a coverage state, by its words."""

LIST_SEPARATOR = "; "
"""Between the items of a list in one CSV cell, as in the open data's CSV files."""

CSV_FIELDS = (
    "inspection_id",
    "force_id",
    "body",
    "due",
    "status",
    "evidence",
    "days_after_due",
    "coverage",
    "last_looked",
    "looked_where",
    "looked_urls",
    "document_url",
    "as_of",
)
"""One row per inspection and body, named as in the open data's CSV files where they hold the same thing."""


def parse_state(words: str) -> Status | CoverageState:
    """``--state`` words to a state; hyphens may stand for spaces, so no quoting is needed in a shell."""
    state = STATES.get(" ".join(words.replace("-", " ").lower().split()))
    if state is None:
        raise ValueError(words)
    return state


@dataclass(frozen=True)
class InspectionDue:
    """One inspection's due date and its bodies grouped by where they stand."""

    inspection: Inspection
    due: date
    groups: dict[Status, list[Standing]]

    def count(self, status: Status) -> int:
        return len(self.groups.get(status, []))

    @property
    def members(self) -> list[Standing]:
        return [member for status in CHASE_ORDER for member in self.groups[status]]


def due_report(
    register: Register,
    as_of: date,
    only: Iterable[str] = (),
    *,
    forces: Iterable[str] = (),
    states: Iterable[Status | CoverageState] = (),
) -> list[InspectionDue]:
    """Every inspection (newest first, or just those in ``only``), its bodies grouped by status;
    only the bodies of ``forces`` and those in one of ``states``, where given."""
    chosen_inspections, chosen_forces, chosen_states = set(only), set(forces), set(states)
    report = []
    for inspection in register.inspections:
        if chosen_inspections and inspection.id not in chosen_inspections:
            continue
        groups: dict[Status, list[Standing]] = {status: [] for status in Status}
        for item in standings_for_inspection(register, inspection, as_of):
            if chosen_forces and item.force.id not in chosen_forces:
                continue
            if chosen_states and item.timeliness.status not in chosen_states and item.coverage.state not in chosen_states:
                continue
            groups[item.timeliness.status].append(item)
        report.append(InspectionDue(inspection, due_date(inspection.published), groups))
    return report


def judged_line(as_of: date, today: date, site_as_of: date, site_source: str) -> str:
    """The first line: the day the list is judged on, and the site's, loudly where they differ."""
    named = " (today)" if as_of == today else ""
    line = f"Judged as of {as_of.isoformat()}{named}. "
    if site_as_of == as_of:
        line += f"The site is judged on the same day ({site_source})."
    else:
        line += f"NOTE: the site is judged as of {site_as_of.isoformat()} ({site_source}), so it may show other statuses; give --as-of site to judge as the site does."
    return line + " A response is due 56 days from publication, counting the day of publication as day 1."


def format_summary(report: list[InspectionDue], first_line: str, width: int = 100) -> str:
    """The default listing: per inspection, its counts, then every body by id under its state."""
    lines = [first_line]
    for item in report:
        lines += ["", *_heading(item)]
        for status in CHASE_ORDER:
            members = item.groups[status]
            if not members:
                continue
            label = f"  {status.value} ({len(members)})"
            if status is Status.MISSING:  # split by coverage: not found (looked) or not yet looked for
                states = Counter(member.coverage.state for member in members)
                lines.append(label + ": " + ", ".join(f"{state.value} {states[state]}" for state in CoverageState if states[state]))
                for state in CoverageState:
                    named = [member.force.id for member in members if member.coverage.state is state]
                    if named:
                        lines += _wrapped(f"{state.value}: " + ", ".join(named), width)
                continue
            lines += _wrapped(f"{label}: " + ", ".join(member.force.id for member in members), width, indent="  ")
    if any(item.members for item in report):
        lines += ["", "For each body's evidence and where it was looked for: --full. For a spreadsheet: --format csv."]
    return "\n".join(lines) + "\n"


def format_due(report: list[InspectionDue], first_line: str) -> str:
    """The full listing (``--full``): a line per body, with the evidence its status rests on."""
    lines = [first_line]
    for item in report:
        lines += ["", *_heading(item)]
        for status in CHASE_ORDER:
            members = item.groups[status]
            if not members:
                continue
            lines.append(f"  {status.value} ({len(members)}):")
            lines += [f"    {_describe(member)}" for member in members]
    return "\n".join(lines) + "\n"


def due_csv(report: list[InspectionDue], as_of: date) -> str:
    """RFC 4180 CSV, one row per inspection and body listed: a header row, CRLF after each record."""
    return csv_text(CSV_FIELDS, (_csv_row(item, member, as_of) for item in report for member in item.members))


def _csv_row(item: InspectionDue, member: Standing, as_of: date) -> list[object]:
    looks = member.coverage.looks
    response = member.response
    counted = response is not None and response.section_55.counts
    copy = response.document.copies[0] if counted and response.document.copies else None  # type: ignore[union-attr]
    return [
        item.inspection.id,
        member.force.id,
        _words(member.body.name) if member.body else "",
        item.due.isoformat(),
        member.timeliness.status.value,
        member.timeliness.evidence or "",
        "" if member.timeliness.days_late is None else member.timeliness.days_late,
        member.coverage.state.value,
        looks[0].checked.isoformat() if looks else "",
        LIST_SEPARATOR.join(look.where for look in looks),
        LIST_SEPARATOR.join(look.url or "" for look in looks),
        copy.url if copy else "",
        as_of.isoformat(),
    ]


def _heading(item: InspectionDue) -> list[str]:
    inspection = item.inspection
    counts = ", ".join(f"{status.value} {item.count(status)}" for status in CHASE_ORDER)
    states = Counter(member.coverage.state for member in item.members)
    return [
        f"{inspection.id}: {_words(inspection.title)}",
        f"  published {inspection.published.isoformat()}; responses due by {item.due.isoformat()}",
        f"  {counts}",
        "  coverage: " + ", ".join(f"{state.value} {states.get(state, 0)}" for state in CoverageState),
    ]


def _wrapped(text: str, width: int, indent: str = "    ") -> list[str]:
    return textwrap.wrap(text.strip(), width=width, initial_indent=indent, subsequent_indent="      ", break_on_hyphens=False)


def _words(text: str) -> str:
    return " ".join(text.split())


def _describe(member: Standing) -> str:
    """One body's line: its name, and the evidence its status rests on, named as such.

    A document's date is never called a publication date; a document the register does not
    count as the body's section 55 response is named, so staff know what they already hold.
    """
    body = member.body.name if member.body else "no body on record for that date"
    text = f"{member.force.id}: {_words(body)}"
    timeliness, response = member.timeliness, member.response
    details: list[str] = []
    if response is not None and not response.section_55.counts:
        kind = response.document.kind or "document"
        details.append(f"the register holds a {kind} that it does not count as the body's response")
    elif timeliness.status in (Status.LATE, Status.ON_TIME) and response and response.published:
        details.append(
            f"published {response.published.isoformat()}" + (f", {timeliness.label}" if timeliness.status is Status.LATE else "")
        )
    elif timeliness.status in (Status.DATED_WITHIN, Status.DATED_AFTER) and response and response.document.date:
        details.append(f"document dated {response.document.date.isoformat()}, {timeliness.label}; published: not stated")
    elif timeliness.status is Status.DATE_UNKNOWN and response:
        details.append("no date on the document; published: not stated")
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
        places = [
            f"{'in' if where.startswith('a search') else 'at'} {where}{f' ({count} pages)' if count > 1 else ''} on {day}"
            for (where, day), count in grouped.items()
        ]
        return "not found " + ", ".join(places)
    return coverage.state.value
