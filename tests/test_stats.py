"""The figures that compare: a force's record, positions per recommendation, the timeliness matrix."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from conftest import AS_OF, ROOT
from register.data.clock import Status
from register.data.coverage import CoverageState
from register.data.load import load_register
from register.data.model import Register
from register.data.standing import standing, standings_for_force, standings_for_inspection
from register.site.stats import (
    CHART_CATEGORIES,
    NO_RESPONSE,
    NOT_ANSWERED,
    NOT_TRANSCRIBED,
    OCCASIONAL,
    WHOLE_REPORT,
    category,
    counted,
    coverage_counts,
    coverage_state,
    days_to_respond,
    force_record,
    median,
    missing_coverage,
    position_chart,
    recommendation_counts,
    timeliness_matrix,
)

FIXTURES = Path(__file__).parent / "fixtures" / "shapes"

TERRORIST = "management-of-terrorist-offenders-2023"
PREVENT = "counter-terrorism-prevent-2020"


@pytest.fixture(scope="module")
def register() -> Register:
    return load_register(ROOT)


def dated(register: Register, dates: dict[tuple[str, str], date]) -> Register:
    """The register with publication dates given to some responses (the seed data has none)."""
    responses = tuple(replace(r, published=dates.get(r.key, r.published)) for r in register.responses)
    return Register(register.forces, register.inspections, responses, register.transcripts)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([], None),
        ([40], 40.0),
        ([10, 60, 30], 30.0),  # odd count: the middle value, whatever the order
        ([10, 20, 30, 61], 25.0),  # even count: halfway between the two middle values
        ([55, 56], 55.5),
    ],
)
def test_median(values: list[int], expected: float | None) -> None:
    assert median(values) == expected


@pytest.mark.parametrize(
    ("published", "responded", "days"),
    [
        (date(2023, 7, 20), date(2023, 7, 20), 1),  # the day of publication is day 1
        (date(2023, 7, 20), date(2023, 9, 13), 56),  # the last day in time
        (date(2023, 7, 20), date(2023, 9, 14), 57),
        (date(2020, 3, 9), date(2020, 5, 3), 56),
    ],
)
def test_days_to_respond_count_as_the_statute_does(published: date, responded: date, days: int) -> None:
    assert days_to_respond(published, responded) == days


def test_force_record_without_dated_responses_computes_no_share_or_median(register: Register) -> None:
    record = force_record(standings_for_force(register, register.force("cumbria"), date.fromisoformat(AS_OF)))
    assert (record.expected, record.identified, record.dated) == (2, 2, 0)
    assert record.share_on_time is None
    assert record.median_days is None
    assert dict(record.counts)["date unknown"] == 2
    assert [label for label, _ in record.counts] == [status.value for status in Status]


def test_force_record_with_dated_responses(register: Register) -> None:
    # Cumbria: one response on day 56 (on time), one on day 60 (late).
    changed = dated(register, {(TERRORIST, "cumbria"): date(2023, 9, 13), (PREVENT, "cumbria"): date(2020, 5, 7)})
    record = force_record(standings_for_force(changed, changed.force("cumbria"), date.fromisoformat(AS_OF)))
    assert (record.on_time, record.late, record.dated) == (1, 1, 2)
    assert record.share_on_time == 0.5
    assert sorted(record.days) == [56, 60]
    assert record.median_days == 58.0


def test_force_record_ignores_a_response_published_after_the_as_of_date(register: Register) -> None:
    changed = dated(register, {(TERRORIST, "norfolk"): date(2023, 8, 1)})
    record = force_record(standings_for_force(changed, changed.force("norfolk"), date(2023, 7, 31)))
    assert record.dated == 0 and record.median_days is None
    assert dict(record.counts)["not yet due"] == 1


def test_force_record_counts_only_publication_dates_as_on_time_or_late(register: Register) -> None:
    """Cambridgeshire's paper is dated 23 days after the due date; with no publication date it is
    neither late nor a day count, but it is counted as judged on its document's date."""
    record = force_record(standings_for_force(register, register.force("cambridgeshire"), date.fromisoformat(AS_OF)))
    assert (record.identified, record.on_time, record.late, record.dated, record.days) == (1, 0, 0, 0, ())
    assert record.dated_by_document == 1
    assert record.share_on_time is None and record.median_days is None
    assert dict(record.counts)["dated after due date"] == 1
    # a publication date, once known, is the evidence that counts
    changed = dated(register, {(PREVENT, "cambridgeshire"): date(2020, 5, 26)})
    record = force_record(standings_for_force(changed, changed.force("cambridgeshire"), date.fromisoformat(AS_OF)))
    assert (record.late, record.dated, record.dated_by_document, record.days) == (1, 1, 0, (79,))


def test_force_record_of_a_force_with_no_responses(register: Register) -> None:
    record = force_record(standings_for_force(register, register.force("essex"), date.fromisoformat(AS_OF)))
    assert (record.expected, record.identified) == (2, 0)
    assert dict(record.counts)["no response held"] == 2
    assert record.share_on_time is None and record.median_days is None


def test_recommendation_counts_cover_every_body(register: Register) -> None:
    inspection = register.inspection(PREVENT)
    standings = standings_for_inspection(register, inspection, date.fromisoformat(AS_OF))
    counts = dict(zip(CHART_CATEGORIES, recommendation_counts(standings, 1)))
    # Bodies whose response is located but not transcribed: what they answer is not known.
    located = sum(1 for item in standings if counted(item) and not item.response.transcribed)
    missing = sum(1 for item in standings if not counted(item))
    assert located and missing
    # Cambridgeshire awaits the national lead; Cumbria's response answers recommendation 7 only.
    assert counts["awaiting national lead"] == 1
    assert counts[NOT_ANSWERED] == 1
    assert counts[NOT_TRANSCRIBED] == located
    # The bodies with no response held are not a category of the chart: it counts the held responses only.
    assert NO_RESPONSE not in counts and missing == 43 - 2 - located
    assert sum(counts.values()) == 43 - missing
    seven = dict(zip(CHART_CATEGORIES, recommendation_counts(standings, 7)))
    # Cambridgeshire's force accepts it; Cumbria's joint passage is labelled noted.
    assert seven["accepted"] == 1 and seven["noted"] == 1 and seven[NOT_TRANSCRIBED] == located and sum(seven.values()) == 43 - missing


def test_position_chart_bars_fill_the_width_in_order(register: Register) -> None:
    inspection = register.inspection(TERRORIST)
    standings = standings_for_inspection(register, inspection, date.fromisoformat(AS_OF))
    missing = sum(1 for item in standings if not counted(item))
    held = 43 - missing
    assert 0 < missing < 43
    chart = position_chart(inspection, standings, left=100, width=43 * held)  # 43 pixels a held response
    assert (chart.total, chart.missing) == (held, missing)
    assert [row.number for row in chart.rows] == [19, 20, 21]
    for row in chart.rows:
        assert sum(segment.count for segment in row.segments) == held
        assert row.segments[0].x == 100
        end = row.segments[-1].x + row.segments[-1].width
        assert end == pytest.approx(100 + 43 * held, abs=0.05)
        for before, after in zip(row.segments, row.segments[1:]):
            assert after.x == pytest.approx(before.x + before.width, abs=0.02)
            assert CHART_CATEGORIES.index(before.category) < CHART_CATEGORIES.index(after.category)
        assert NO_RESPONSE not in [segment.category for segment in row.segments]
    assert chart.ticks[0].value == 0 and chart.ticks[-1].value == held
    assert chart.ticks[-1].x == pytest.approx(100 + 43 * held)


def test_timeliness_matrix_has_every_force_and_inspection(register: Register) -> None:
    rows = timeliness_matrix(register, date.fromisoformat(AS_OF))
    assert len(rows) == 43
    assert all(len(row.cells) == len(register.inspections) for row in rows)
    by_force = {row.force.id: row for row in rows}
    def statuses(force_id: str) -> list[str]:
        return [cell.timeliness.status.value for cell in by_force[force_id].cells if cell]

    assert statuses("cumbria") == ["date unknown", "date unknown"]
    # Cambridgeshire's board paper is dated 26 May 2020, 23 days after the due date; its publication date is not known.
    assert statuses("cambridgeshire") == ["no response held", "dated after due date"]
    assert by_force["cambridgeshire"].cells[1].timeliness.label == "dated after due date (23 days)"
    first = [cell.inspection.id for cell in by_force["essex"].cells]
    assert first == [inspection.id for inspection in register.inspections]  # newest first


# The shapes of real documents (tests/fixtures/shapes) ---------------------------------------------


def test_a_document_that_is_not_the_response_is_not_counted(shapes: Register) -> None:
    """Norfolk's press statement is held and shown, but for every count Norfolk has not responded."""
    inspection = shapes.inspection("fixture-final-2023")
    standings = {item.force.id: item for item in standings_for_inspection(shapes, inspection, date.fromisoformat(AS_OF))}
    norfolk = standings["norfolk"]
    assert norfolk.response is not None and not counted(norfolk)
    assert category(norfolk, 1) == NO_RESPONSE
    record = force_record(standings_for_force(shapes, shapes.force("norfolk"), date.fromisoformat(AS_OF)))
    assert (record.expected, record.identified, record.other_documents) == (3, 1, 1)
    assert dict(record.counts)["no response held"] == 2


def test_categories_for_located_and_whole_report_responses(shapes: Register) -> None:
    final = shapes.inspection("fixture-final-2023")
    standings = {item.force.id: item for item in standings_for_inspection(shapes, final, date.fromisoformat(AS_OF))}
    assert category(standings["staffordshire"], 1) == NOT_TRANSCRIBED  # located: what it answers is not known
    assert category(standings["cambridgeshire"], 2) == NOT_ANSWERED
    assert category(standings["cambridgeshire"], 3) == "accepted"  # one passage answers 1 and 3
    # a response answering the report as a whole does not answer a number, nor leave it unanswered
    letter = shapes.response("fixture-counts-only-2022", "norfolk")
    whole = replace(standings["cumbria"], response=replace(letter, inspection_id=final.id, force_id="cumbria", body_id="cumbria-pcc"))
    assert category(whole, 1) == WHOLE_REPORT


def test_chart_shows_the_occasional_categories_only_where_a_body_falls_in_them(register: Register, shapes: Register) -> None:
    seeds = register.inspection(PREVENT)
    standings = standings_for_inspection(register, seeds, date.fromisoformat(AS_OF))
    chart = position_chart(seeds, standings)
    # Prevent 2020 has responses located but not transcribed, and none answering the report as a whole.
    assert NOT_TRANSCRIBED in chart.categories and WHOLE_REPORT not in chart.categories
    for occasional in OCCASIONAL:
        falls = any(category(item, rec.number) == occasional for item in standings for rec in seeds.recommendations)
        assert (occasional in chart.categories) == falls, occasional
    final = shapes.inspection("fixture-final-2023")
    chart = position_chart(final, standings_for_inspection(shapes, final, date.fromisoformat(AS_OF)))
    assert NOT_TRANSCRIBED in chart.categories and WHOLE_REPORT not in chart.categories
    for row in chart.rows:
        assert len(row.counts) == len(chart.categories) and sum(row.counts) == chart.total == 43 - chart.missing
        assert dict(zip(chart.categories, row.counts))[NOT_TRANSCRIBED] == 1


# Coverage: how far the register has got in finding each body's response -------------------------------


def test_a_document_that_is_not_the_response_is_not_the_response_found(shapes: Register) -> None:
    """Norfolk's press statement is a record the register holds, but not its response: for the
    response, the state is "not found" where a place looked would have shown it, else "not yet looked for"."""
    as_of = date.fromisoformat(AS_OF)
    final = {item.force.id: item for item in standings_for_inspection(shapes, shapes.inspection("fixture-final-2023"), as_of)}
    assert final["norfolk"].response.transcribed  # the record the register holds
    assert coverage_state(final["norfolk"]) is CoverageState.NOT_FOUND  # the response
    assert coverage_state(final["staffordshire"]) is CoverageState.LOCATED
    assert coverage_state(final["cumbria"]) is CoverageState.TRANSCRIBED
    assert coverage_state(final["kent"]) is CoverageState.NOT_FOUND
    register = replace(shapes, coverage={})
    register.__post_init__()
    unlooked = standing(register, register.inspection("fixture-final-2023"), register.force("norfolk"), as_of)
    assert coverage_state(unlooked) is CoverageState.NOT_LOOKED


def test_coverage_counts_every_body_once_in_order(shapes: Register) -> None:
    as_of = date.fromisoformat(AS_OF)
    final = standings_for_inspection(shapes, shapes.inspection("fixture-final-2023"), as_of)
    assert coverage_counts(final) == (
        (CoverageState.TRANSCRIBED, 2),
        (CoverageState.LOCATED, 1),
        (CoverageState.NOT_FOUND, 40),
        (CoverageState.NOT_LOOKED, 0),
    )
    interim = standings_for_inspection(shapes, shapes.inspection("fixture-interim-2022"), as_of)
    assert dict(coverage_counts(interim))[CoverageState.NOT_LOOKED] == 42


def test_bodies_without_a_response_are_split_by_whether_the_register_looked(shapes: Register) -> None:
    as_of = date.fromisoformat(AS_OF)
    kent = standings_for_force(shapes, shapes.force("kent"), as_of)
    statuses = {item.inspection.id: item.timeliness.status for item in kent}
    assert set(statuses.values()) == {Status.MISSING}
    assert missing_coverage(kent) == (1, len(kent) - 1)  # looked for on the final report only
    # before the due date, "not yet due" is not "no response held": not counted, unless asked
    early = standings_for_inspection(shapes, shapes.inspection("fixture-final-2023"), date(2023, 1, 20))
    assert {item.timeliness.status for item in early if not counted(item)} == {Status.NOT_YET_DUE}
    assert missing_coverage(early) == (0, 0)
    assert missing_coverage(early, any_status=True) == (0, 40)  # as of then, the looks of 2026 had not happened
