"""Figures that compare bodies and inspections: a force's record, positions per recommendation, the timeliness matrix,
and how far the register has got in finding each body's response (its coverage state).

They are computed here from standings (``standing.py``), so that the pages only draw them and
cannot disagree with the rest of the site. Nothing is estimated: where the data cannot support
a figure (no dated response, say) the figure is ``None`` and the page says it cannot be counted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from statistics import median as _median

from register.data.clock import Status
from register.data.coverage import CoverageState
from register.data.model import Force, Inspection, Look, Register
from register.data.standing import Standing, standing

POSITIONS = ("accepted", "partly accepted", "not accepted", "awaiting national lead", "noted", "not stated")
PROGRESS = ("completed", "in progress", "planned", "no action proposed", "not stated")
WHOLE_REPORT = "answered the whole report"
"""A response whose only answer is to the report as a whole: not an answer to the number, nor a refusal to answer it."""
NOT_TRANSCRIBED = "located, not transcribed"
"""A response the register knows but has not copied: it cannot say what it answers."""
NOT_ANSWERED = "held, not answered"
NO_RESPONSE = Status.MISSING.value
CATEGORIES = POSITIONS + (WHOLE_REPORT, NOT_TRANSCRIBED, NOT_ANSWERED, NO_RESPONSE)
"""What a body did about one recommendation: its position, or why there is none."""
CHART_CATEGORIES = CATEGORIES[:-1]
"""What a body whose response the register holds did about one recommendation, in the order the chart
stacks them. Bodies with no response held are not drawn: the chart states their count in words."""
OCCASIONAL = (WHOLE_REPORT, NOT_TRANSCRIBED, NOT_ANSWERED)
"""Categories the chart shows only where some body falls in them, so that most charts keep their eight."""

STATUS_ORDER = {status: index for index, status in enumerate(Status)}


def counted(item: Standing) -> bool:
    """Whether the register holds a document it counts as the body's section 55 response.

    A document whose reading is "not the body's response" (a press statement about the report)
    is shown on its own page, but for the clock and every count the body has not responded.
    """
    return item.response is not None and item.response.section_55.counts


def coverage_state(item: Standing) -> CoverageState:
    """How far the register has got in finding the body's section 55 response (``coverage.coverage_of``)."""
    return item.coverage.state


def coverage_counts(standings: Sequence[Standing]) -> tuple[tuple[CoverageState, int], ...]:
    """Bodies per coverage state, in the method page's order, including zeros."""
    counts = Counter(coverage_state(item) for item in standings)
    return tuple((state, counts.get(state, 0)) for state in CoverageState)


def missing_coverage(standings: Sequence[Standing], *, any_status: bool = False) -> tuple[int, int]:
    """Of the bodies with no response held (past the due date, or at any date
    with ``any_status``), how many the register looked for and did not find, and how many it has
    not yet looked for: the label alone would claim a search that may not have happened."""
    missing = [coverage_state(item) for item in standings if any_status or item.timeliness.status is Status.MISSING]
    return missing.count(CoverageState.NOT_FOUND), missing.count(CoverageState.NOT_LOOKED)


def found_by(looks: Sequence[Look], force_id: str) -> tuple[Look, ...]:
    """The places looked that showed this force's body's response."""
    return tuple(look for look in looks if force_id in look.found)


def category(item: Standing, number: int) -> str:
    """What one body did about recommendation ``number``: a position, or why there is none."""
    if not counted(item):
        return NO_RESPONSE
    if not item.response.transcribed:
        return NOT_TRANSCRIBED
    answer = item.response.answer_to(number)
    if answer:
        return answer.position
    if item.response.whole_report_answers:
        return WHOLE_REPORT
    return NOT_ANSWERED


# A force's record ------------------------------------------------------------------------------


def days_to_respond(report_published: date, response_published: date) -> int:
    """Days taken, counting the day of publication as day 1 as the statute does (so day 56 is in time)."""
    return (response_published - report_published).days + 1


def median(values: Sequence[int]) -> float | None:
    """The median, or None for no values: an empty record has no middle, and the register does not invent one."""
    return float(_median(values)) if values else None


@dataclass(frozen=True)
class ForceRecord:
    """One force's bodies across every inspection that called on them to respond."""

    expected: int
    """Inspections in the register that call on the force's body to respond."""
    identified: int
    """Responses the register holds and counts as the body's (not a document it reads as something else)."""
    on_time: int
    late: int
    """On time and late are judged on publication dates only; a document's own date never makes a response on time."""
    counts: tuple[tuple[str, int], ...]
    """Standings per timeliness status, in the method page's order, including zeros."""
    days: tuple[int, ...]
    """Days to respond of each response with a publication date (on or before the as-of date), in inspection order."""
    dated_by_document: int = 0
    """Responses judged only on the date their document carries (dated in period, or dated after due date)."""
    other_documents: int = 0
    """Documents the register holds that it does not count as the body's response."""

    @property
    def dated(self) -> int:
        """Responses whose publication date the register knows (on time or late)."""
        return self.on_time + self.late

    @property
    def share_on_time(self) -> float | None:
        """On time as a share of dated responses; None when there are none to divide by."""
        return self.on_time / self.dated if self.dated else None

    @property
    def median_days(self) -> float | None:
        return median(self.days)


def force_record(standings: Sequence[Standing]) -> ForceRecord:
    counts = Counter(item.timeliness.status for item in standings)
    days = tuple(
        days_to_respond(item.inspection.published, item.response.published)
        for item in standings
        if item.response and item.response.published and item.timeliness.status in (Status.ON_TIME, Status.LATE)
    )
    return ForceRecord(
        expected=len(standings),
        identified=sum(1 for item in standings if counted(item)),
        on_time=counts.get(Status.ON_TIME, 0),
        late=counts.get(Status.LATE, 0),
        counts=tuple((status.value, counts.get(status, 0)) for status in Status),
        days=days,
        dated_by_document=counts.get(Status.DATED_WITHIN, 0) + counts.get(Status.DATED_AFTER, 0),
        other_documents=sum(1 for item in standings if item.response and not counted(item)),
    )


# Positions per recommendation, drawn as stacked bars ---------------------------------------------


@dataclass(frozen=True)
class Segment:
    """One category's part of a bar, in chart units (the template draws it)."""

    category: str
    count: int
    x: float
    width: float

    @property
    def middle(self) -> float:
        return round(self.x + self.width / 2, 2)


@dataclass(frozen=True)
class ChartRow:
    number: int
    counts: tuple[int, ...]
    """Bodies per category, in the order of the chart's ``categories``."""
    segments: tuple[Segment, ...]
    """The categories with at least one body, left to right."""


@dataclass(frozen=True)
class Tick:
    value: int
    x: float


@dataclass(frozen=True)
class PositionChart:
    categories: tuple[str, ...]
    """``CHART_CATEGORIES``, less the occasional ones no body falls in."""
    rows: tuple[ChartRow, ...]
    total: int
    """Bodies whose response the register holds: the length of every bar."""
    left: float
    """Where the bars start, in chart units; the labels sit to its left."""
    width: float
    """The length of a full bar, in chart units."""
    ticks: tuple[Tick, ...]
    missing: int = 0
    """Bodies called on to respond whose response the register does not hold: stated in words, not drawn."""
    not_found: int = 0
    """Of ``missing``, those the register looked for and did not find."""
    not_looked: int = 0
    """Of ``missing``, those it has not yet looked for."""


def recommendation_counts(standings: Sequence[Standing], number: int) -> tuple[int, ...]:
    """Bodies whose response the register holds, per chart category for one recommendation (in
    ``CHART_CATEGORIES`` order): each position, the whole report answered, not transcribed, not answered."""
    counts = Counter(category(item, number) for item in standings)
    return tuple(counts.get(name, 0) for name in CHART_CATEGORIES)


def position_chart(inspection: Inspection, standings: Sequence[Standing], *, left: float = 150, width: float = 470) -> PositionChart:
    """Bars of the bodies whose responses the register holds; ``missing`` counts the rest, which are not drawn."""
    held = [item for item in standings if counted(item)]
    total = len(held)
    not_found, not_looked = missing_coverage([item for item in standings if not counted(item)], any_status=True)
    scale = width / total if total else 0.0
    every = [(rec, recommendation_counts(held, rec.number)) for rec in inspection.recommendations]
    shown = [n for n, name in enumerate(CHART_CATEGORIES) if name not in OCCASIONAL or any(counts[n] for _, counts in every)]
    categories = tuple(CHART_CATEGORIES[n] for n in shown)
    rows = []
    for rec, all_counts in every:
        counts = tuple(all_counts[n] for n in shown)
        segments, offset = [], 0
        for name, count in zip(categories, counts):
            if count:
                segments.append(Segment(name, count, round(left + offset * scale, 2), round(count * scale, 2)))
                offset += count
        rows.append(ChartRow(rec.number, counts, tuple(segments)))
    step = 10 if total > 20 else 5 if total > 5 else 1
    values = sorted(set(range(0, total, step)) | {total})
    if total and len(values) > 1 and total - values[-2] < step / 2:
        values.pop(-2)  # keep the total's label clear of the tick before it
    ticks = tuple(Tick(v, round(left + v * scale, 2)) for v in values) if total else ()
    return PositionChart(categories, tuple(rows), total, left, width, ticks, len(standings) - total, not_found, not_looked)


# The timeliness matrix -------------------------------------------------------------------------


@dataclass(frozen=True)
class MatrixRow:
    force: Force
    cells: tuple[Standing | None, ...]
    """One per inspection (newest first); None where the inspection does not call on this force's body."""


def timeliness_matrix(register: Register, as_of: date) -> list[MatrixRow]:
    return [
        MatrixRow(
            force,
            tuple(standing(register, inspection, force, as_of) if inspection.expects(force.id) else None for inspection in register.inspections),
        )
        for force in register.forces
    ]


def sort_key(item: Standing) -> int:
    """A number that sorts cells by status in the method page's order, then by days late."""
    return STATUS_ORDER[item.timeliness.status] * 10000 + (item.timeliness.days_late or 0)
