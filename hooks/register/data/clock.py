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
    """The neutral labels defined on the public method page, best evidence first."""

    ON_TIME = "on time"
    LATE = "late"
    DATED_WITHIN = "dated in period"
    DATED_AFTER = "dated after due date"
    NOT_YET_DUE = "not yet due"
    MISSING = "no response held"
    DATE_UNKNOWN = "date unknown"


EVIDENCE = {
    Status.ON_TIME: "publication date",
    Status.LATE: "publication date",
    Status.DATED_WITHIN: "document date",
    Status.DATED_AFTER: "document date",
}
"""Which date each judgement rests on; the pages name it, so a document date is never read as publication."""


@dataclass(frozen=True)
class Timeliness:
    """Where one body stands against the clock for one inspection."""

    status: Status
    due: date
    as_of: date
    days_late: int | None = None
    """Days after the due date: of publication where late, of the document's date where dated after."""

    @property
    def label(self) -> str:
        if self.status is Status.LATE:
            return f"late ({_days(self.days_late)})"
        if self.status is Status.DATED_AFTER:
            return f"dated after due date ({_days(self.days_late)})"
        return self.status.value

    @property
    def evidence(self) -> str | None:
        """The date the judgement rests on ("publication date", "document date"), or None where there is none."""
        return EVIDENCE.get(self.status)


def _days(count: int | None) -> str:
    return f"{count} {'day' if count == 1 else 'days'}"


def assess(
    *,
    report_published: date,
    as_of: date,
    has_response: bool,
    response_published: date | None,
    document_date: date | None = None,
) -> Timeliness:
    """Judge one body's response (or its absence) to one report, as of ``as_of``, on the best evidence.

    A publication date gives on time or late. Without one, the date the document carries says
    only when it was written: "dated in period" or "dated after due date (N days)",
    never on time or late. With neither, the response is ``date unknown``: the register does
    not guess. A date after ``as_of`` has not happened yet as of then: ``register check``
    refuses such dates against the register's own as-of date, and ``register due --as-of``
    with an earlier date shows what the register would have said on that day.
    """
    due = due_date(report_published)
    if response_published is not None and response_published > as_of:
        has_response, response_published, document_date = False, None, None
    if response_published is None and document_date is not None and document_date > as_of:
        has_response, document_date = False, None
    if has_response and response_published is not None:
        if response_published <= due:
            return Timeliness(Status.ON_TIME, due, as_of)
        return Timeliness(Status.LATE, due, as_of, (response_published - due).days)
    if has_response and document_date is not None:
        if document_date <= due:
            return Timeliness(Status.DATED_WITHIN, due, as_of)
        return Timeliness(Status.DATED_AFTER, due, as_of, (document_date - due).days)
    if has_response:
        return Timeliness(Status.DATE_UNKNOWN, due, as_of)
    if as_of <= due:
        return Timeliness(Status.NOT_YET_DUE, due, as_of)
    return Timeliness(Status.MISSING, due, as_of)
