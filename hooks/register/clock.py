"""The statutory clock of section 55 of the Police Act 1996.

A local policing body must publish its comments on an inspection report "within 56 days
beginning with the day on which the report is published". The day of publication is day 1,
so the last day in time is the publication date plus 55 days. The register judges a
response against an "as of" date fixed in configuration, never the wall clock, so that the
same data always builds the same site.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

STATUTORY_DAYS = 56
"""Section 55(1)–(3): the period, counted from and including the day of publication."""


def due_date(published: date) -> date:
    """Last day on which a response is in time: day 56, counting publication day as day 1."""
    return published + timedelta(days=STATUTORY_DAYS - 1)


class Status(str, Enum):
    """The neutral labels defined on the public method page."""

    ON_TIME = "on time"
    LATE = "late"
    NOT_YET_DUE = "not yet due"
    MISSING = "no published response identified"
    DATE_UNKNOWN = "date unknown"


@dataclass(frozen=True)
class Timeliness:
    """Where one body stands against the clock for one inspection."""

    status: Status
    due: date
    as_of: date
    days_late: int | None = None

    @property
    def label(self) -> str:
        if self.status is Status.LATE:
            unit = "day" if self.days_late == 1 else "days"
            return f"late ({self.days_late} {unit})"
        return self.status.value


def assess(*, report_published: date, as_of: date, has_response: bool, response_published: date | None) -> Timeliness:
    """Judge one body's response (or its absence) to one report, as of ``as_of``.

    A response the register holds but whose publication date it does not know is
    ``date unknown``, whatever the as-of date: the register does not guess. A publication
    date after the as-of date is treated as not yet published, so that moving the as-of date
    back reproduces what the register would have said then.
    """
    due = due_date(report_published)
    if has_response and response_published is None:
        return Timeliness(Status.DATE_UNKNOWN, due, as_of)
    if has_response and response_published is not None and response_published <= as_of:
        if response_published <= due:
            return Timeliness(Status.ON_TIME, due, as_of)
        return Timeliness(Status.LATE, due, as_of, (response_published - due).days)
    if as_of <= due:
        return Timeliness(Status.NOT_YET_DUE, due, as_of)
    return Timeliness(Status.MISSING, due, as_of)
