"""The statutory clock: 56 days beginning with the publication day, judged as of a set date."""

from __future__ import annotations

from datetime import date

import pytest
from register.data.clock import Status, assess, due_date


@pytest.mark.parametrize(
    ("published", "due"),
    [
        (date(2020, 3, 9), date(2020, 5, 3)),  # Prevent report (seed documents)
        (date(2023, 7, 20), date(2023, 9, 13)),  # terrorist offenders report; one form says 14 September
        (date(2024, 1, 1), date(2024, 2, 25)),
        (date(2023, 12, 31), date(2024, 2, 24)),  # across a year end
        (date(2024, 1, 5), date(2024, 2, 29)),  # lands on a leap day
    ],
)
def test_due_date_is_publication_plus_55_days(published: date, due: date) -> None:
    assert due_date(published) == due


PUBLISHED = date(2023, 7, 20)
DUE = date(2023, 9, 13)


@pytest.mark.parametrize(
    ("has_response", "response_published", "as_of", "status", "days_late"),
    [
        (True, DUE, date(2026, 1, 1), Status.ON_TIME, None),  # the last day is in time
        (True, date(2023, 9, 14), date(2026, 1, 1), Status.LATE, 1),  # the day after is late by one day
        (True, date(2023, 10, 13), date(2026, 1, 1), Status.LATE, 30),
        (True, PUBLISHED, date(2026, 1, 1), Status.ON_TIME, None),  # same-day response
        (True, None, date(2026, 1, 1), Status.DATE_UNKNOWN, None),
        (True, None, date(2023, 8, 1), Status.DATE_UNKNOWN, None),
        (False, None, DUE, Status.NOT_YET_DUE, None),  # on the due date itself, not yet missing
        (False, None, date(2023, 9, 14), Status.MISSING, None),  # the day after, missing
        (False, None, PUBLISHED, Status.NOT_YET_DUE, None),
        (True, date(2023, 9, 1), date(2023, 8, 31), Status.NOT_YET_DUE, None),  # published after the as-of date
        (True, date(2023, 9, 20), date(2023, 9, 15), Status.MISSING, None),
    ],
)
def test_status_against_as_of_date(has_response, response_published, as_of, status, days_late) -> None:
    result = assess(report_published=PUBLISHED, as_of=as_of, has_response=has_response, response_published=response_published)
    assert result.status is status
    assert result.days_late == days_late
    assert result.due == DUE


@pytest.mark.parametrize(
    ("response_published", "label"),
    [(date(2023, 9, 14), "late (1 day)"), (date(2023, 9, 16), "late (3 days)"), (DUE, "on time")],
)
def test_labels_say_days_late(response_published: date, label: str) -> None:
    result = assess(report_published=PUBLISHED, as_of=date(2026, 1, 1), has_response=True, response_published=response_published)
    assert result.label == label


def test_missing_response_label_is_neutral() -> None:
    result = assess(report_published=PUBLISHED, as_of=date(2026, 1, 1), has_response=False, response_published=None)
    assert result.label == "no response held"


@pytest.mark.parametrize(
    ("document_date", "as_of", "status", "days", "label"),
    [
        (date(2023, 9, 4), date(2026, 1, 1), Status.DATED_WITHIN, None, "dated in period"),
        (DUE, date(2026, 1, 1), Status.DATED_WITHIN, None, "dated in period"),
        (date(2023, 9, 14), date(2026, 1, 1), Status.DATED_AFTER, 1, "dated after due date (1 day)"),
        (date(2023, 10, 6), date(2026, 1, 1), Status.DATED_AFTER, 23, "dated after due date (23 days)"),
        (date(2023, 9, 4), date(2023, 9, 1), Status.NOT_YET_DUE, None, "not yet due"),  # not yet written as of then
    ],
)
def test_a_document_date_is_the_evidence_when_publication_is_unknown(document_date, as_of, status, days, label) -> None:
    result = assess(report_published=PUBLISHED, as_of=as_of, has_response=True, response_published=None, document_date=document_date)
    assert (result.status, result.days_late, result.label) == (status, days, label)
    assert result.evidence == ("document date" if status in (Status.DATED_WITHIN, Status.DATED_AFTER) else None)


def test_a_publication_date_outranks_the_document_date() -> None:
    result = assess(report_published=PUBLISHED, as_of=date(2026, 1, 1), has_response=True, response_published=date(2023, 9, 20), document_date=date(2023, 9, 1))
    assert (result.status, result.days_late, result.evidence) == (Status.LATE, 7, "publication date")


def test_with_neither_date_the_register_does_not_guess() -> None:
    result = assess(report_published=PUBLISHED, as_of=date(2026, 1, 1), has_response=True, response_published=None, document_date=None)
    assert (result.status, result.label, result.evidence) == (Status.DATE_UNKNOWN, "date unknown", None)


def test_cambridgeshire_board_paper_is_dated_23_days_after_the_prevent_deadline() -> None:
    """The seed case of the issue: a paper of 26 May 2020 for a report published on 9 March 2020 (due 3 May)."""
    result = assess(report_published=date(2020, 3, 9), as_of=date(2026, 1, 1), has_response=True, response_published=None, document_date=date(2020, 5, 26))
    assert result.label == "dated after due date (23 days)"
