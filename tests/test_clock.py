"""The statutory clock: 56 days beginning with the publication day, judged as of a set date."""

from __future__ import annotations

from datetime import date

import pytest

from register.clock import Status, assess, due_date


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
    assert result.label == "no published response identified"
