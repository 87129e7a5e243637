"""What ``register coverage`` prints: per report, where each body's response was looked for, and when.

Staff keep the coverage going from this list. For every inspection (newest first) it counts
the bodies in each coverage state, then lists the bodies whose response the register has
neither transcribed nor located: those looked for and not found, each with every place
looked and the day (newest first, so the first is where it was last looked for), and, as
their own group, those not yet looked for at all. ``--csv`` gives the same as one row per
inspection and body, every state included, for a chasing spreadsheet.

The states come from ``coverage`` through ``standing`` (the same join the pages use), so
this list cannot disagree with the site.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from register.data.coverage import CoverageState
from register.data.model import Inspection, Look, Register
from register.data.standing import Standing, standings_for_inspection
from register.site.csvtext import csv_text

LIST_SEPARATOR = "; "
"""Between the items of a list in one CSV cell, as in the open data's CSV files."""

CSV_FIELDS = ("inspection_id", "force_id", "body", "state", "last_looked", "looked_on", "looked_where", "looked_urls", "found_at")
"""One row per inspection and body, with the column names of the open data's coverage.csv where they
hold the same thing. ``looked_on``, ``looked_where`` and ``looked_urls`` list every look
that would have shown the body's response, newest first, item for item (a search's address
is empty; ``register coverage`` prints its words); ``found_at`` the addresses of those that showed it."""

LISTED = (CoverageState.NOT_FOUND, CoverageState.NOT_LOOKED)
"""The states listed body by body: a response still to find. The others are only counted."""


@dataclass(frozen=True)
class InspectionCoverage:
    """One inspection's bodies (all of them, or those asked for) with their coverage states."""

    inspection: Inspection
    standings: list[Standing]
    respondents: int
    """How many bodies the report calls on to respond, whether or not all are shown."""
    has_file: bool
    """Whether data/coverage/<inspection-id>.yaml exists (else nobody has recorded a look)."""

    def members(self, state: CoverageState) -> list[Standing]:
        return [item for item in self.standings if item.coverage.state is state]

    def count(self, state: CoverageState) -> int:
        return len(self.members(state))

    @property
    def not_counted(self) -> list[Standing]:
        """Bodies whose document the register holds but does not count as their section 55 response."""
        return [item for item in self.standings if item.response is not None and not item.response.section_55.counts]


def coverage_report(register: Register, as_of: date, inspections: Iterable[str] = (), forces: Iterable[str] = ()) -> list[InspectionCoverage]:
    """Every inspection (newest first, or those named), with every body it calls on (or those named)."""
    only, chosen = set(inspections), set(forces)
    report = []
    for inspection in register.inspections:
        if only and inspection.id not in only:
            continue
        standings = standings_for_inspection(register, inspection, as_of)
        shown = [item for item in standings if not chosen or item.force.id in chosen]
        report.append(InspectionCoverage(inspection, shown, len(standings), inspection.id in register.coverage))
    return report


def describe_look(look: Look) -> str:
    """One look in words: the day, what the place is, and its address (or, for a search, its words)."""
    if look.is_search:
        return f"on {look.checked.isoformat()} in {look.where}, for " + ", ".join(f'"{words}"' for words in look.searched_for)
    return f"on {look.checked.isoformat()} at {look.where}: {look.url}"


def format_coverage(report: list[InspectionCoverage], *, filtered: bool = False) -> str:
    """The plain-text listing ``register coverage`` prints."""
    lines = ["Where the register has looked for each body's response, and when; places are listed newest first."]
    for item in report:
        inspection = item.inspection
        lines += ["", f"{inspection.id}: {_words(inspection.title)}"]
        called = f"{item.respondents} bod{'y' if item.respondents == 1 else 'ies'} called on to respond"
        if filtered:
            called = f"{len(item.standings)} of the {called}, as asked with --force"
        lines.append(f"  published {inspection.published.isoformat()}; {called}")
        if not item.has_file:
            lines.append(f"  no place looked is recorded yet (data/coverage/{inspection.id}.yaml does not exist)")
        lines.append("  " + ", ".join(f"{state.value} {item.count(state)}" for state in CoverageState))
        for state in LISTED:
            members = item.members(state)
            if not members:
                continue
            lines.append(f"  {state.value} ({len(members)}):")
            for member in members:
                lines.append(f"    {_body_line(member)}")
                for position, look in enumerate(member.coverage.looks):
                    lines.append(f"      {'last looked' if position == 0 else 'looked'} {describe_look(look)}")
        held = item.not_counted
        if held:
            lines.append(f"  held, but not counted as the body's response ({len(held)}):")
            for member in held:
                kind = member.response.document.kind or "document"  # type: ignore[union-attr]
                lines.append(f"    {_body_line(member)} (a {kind}, {member.coverage.state.value})")
    return "\n".join(lines) + "\n"


def coverage_csv(report: list[InspectionCoverage]) -> str:
    """RFC 4180 CSV, one row per inspection and body: a header row, CRLF after each record; text
    that a spreadsheet would run as a formula is neutralised as in the open data's CSVs."""
    rows = (
        [
            item.inspection.id,
            member.force.id,
            _words(member.body.name) if member.body else "",
            member.coverage.state.value,
            member.coverage.last_looked.checked.isoformat() if member.coverage.last_looked else "",
            LIST_SEPARATOR.join(look.checked.isoformat() for look in member.coverage.looks),
            LIST_SEPARATOR.join(look.where for look in member.coverage.looks),
            LIST_SEPARATOR.join(look.url or "" for look in member.coverage.looks),
            LIST_SEPARATOR.join(look.url for look in member.coverage.looks if look.url and member.force.id in look.found),
        ]
        for item in report
        for member in item.standings
    )
    return csv_text(CSV_FIELDS, rows)


def _body_line(member: Standing) -> str:
    body = _words(member.body.name) if member.body else "no body on record for that date"
    return f"{member.force.id}: {body}"


def _words(text: str) -> str:
    return " ".join(text.split())
