"""Figures that compare bodies and inspections: a force's record, positions per recommendation, the timeliness matrix.

They are computed here from standings (``standing.py``), so that the pages only draw them and
cannot disagree with the rest of the site. Nothing is estimated: where the data cannot support
a figure (no dated response, say) the figure is ``None`` and the page says it is not computable.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from statistics import median as _median
from typing import Sequence

from .clock import Status
from .model import Force, Inspection, Register
from .standing import Standing, standing

POSITIONS = ("accepted", "partly accepted", "not accepted", "awaiting national lead", "noted", "not stated")
PROGRESS = ("completed", "in progress", "planned", "no action proposed", "not stated")
NOT_ANSWERED = "response identified, not answered"
NO_RESPONSE = Status.MISSING.value
CHART_CATEGORIES = POSITIONS + (NOT_ANSWERED, NO_RESPONSE)
"""What a body did about one recommendation, in the order the chart stacks them."""

STATUS_ORDER = {status: index for index, status in enumerate(Status)}


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
    """Responses the register holds."""
    on_time: int
    late: int
    counts: tuple[tuple[str, int], ...]
    """Standings per timeliness status, in the method page's order, including zeros."""
    days: tuple[int, ...]
    """Days to respond of each dated response (published on or before the as-of date), in inspection order."""

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
        identified=sum(1 for item in standings if item.response),
        on_time=counts.get(Status.ON_TIME, 0),
        late=counts.get(Status.LATE, 0),
        counts=tuple((status.value, counts.get(status, 0)) for status in Status),
        days=days,
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
    """Bodies per category, in ``CHART_CATEGORIES`` order."""
    segments: tuple[Segment, ...]
    """The categories with at least one body, left to right."""


@dataclass(frozen=True)
class Tick:
    value: int
    x: float


@dataclass(frozen=True)
class PositionChart:
    categories: tuple[str, ...]
    rows: tuple[ChartRow, ...]
    total: int
    """Bodies called on to respond: the length of every bar."""
    left: float
    """Where the bars start, in chart units; the labels sit to its left."""
    width: float
    """The length of a full bar, in chart units."""
    ticks: tuple[Tick, ...]


def recommendation_counts(standings: Sequence[Standing], number: int) -> tuple[int, ...]:
    """Bodies per chart category for one recommendation: each position, not answered, no response identified."""
    counts = Counter()
    for item in standings:
        answer = item.answer_to(number)
        if answer:
            counts[answer.position] += 1
        elif item.response:
            counts[NOT_ANSWERED] += 1
        else:
            counts[NO_RESPONSE] += 1
    return tuple(counts.get(category, 0) for category in CHART_CATEGORIES)


def position_chart(inspection: Inspection, standings: Sequence[Standing], *, left: float = 150, width: float = 470) -> PositionChart:
    total = len(standings)
    scale = width / total if total else 0.0
    rows = []
    for rec in inspection.recommendations:
        counts = recommendation_counts(standings, rec.number)
        segments, offset = [], 0
        for category, count in zip(CHART_CATEGORIES, counts):
            if count:
                segments.append(Segment(category, count, round(left + offset * scale, 2), round(count * scale, 2)))
                offset += count
        rows.append(ChartRow(rec.number, counts, tuple(segments)))
    step = 10 if total > 20 else 5 if total > 5 else 1
    values = sorted(set(range(0, total, step)) | {total})
    if total and len(values) > 1 and total - values[-2] < step / 2:
        values.pop(-2)  # keep the total's label clear of the tick before it
    return PositionChart(CHART_CATEGORIES, tuple(rows), total, left, width, tuple(Tick(v, round(left + v * scale, 2)) for v in values))


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
