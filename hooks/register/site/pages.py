"""Render the register's pages as Markdown with Jinja2 templates (one template per page kind).

Text from the data is data, never markup: templates are autoescaped, verbatim text goes into
raw HTML blocks that Markdown leaves alone, and the little data that appears in Markdown
syntax (headings) is escaped for Markdown as well. Python prepares plain values; the HTML
lives in ``templates/``.
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from markupsafe import Markup

from register.data.clock import Status, due_date
from register.data.completeness import completeness
from register.data.coverage import CoverageState
from register.data.model import NOT_STATED, Answer, Body, Force, Inspection, Look, Register, Response
from register.data.standing import Standing, latest_responses, standing, standings_for_force, standings_for_inspection, status_counts
from register.site import urls
from register.site.stats import (
    NO_RESPONSE,
    NOT_ANSWERED,
    POSITIONS,
    PROGRESS,
    WHOLE_REPORT,
    MatrixRow,
    category,
    counted,
    coverage_counts,
    coverage_state,
    force_record,
    missing_coverage,
    position_chart,
    sort_key,
    timeliness_matrix,
)
from register.site.stats import NOT_TRANSCRIBED as LOCATED
from register.site.wording import (
    count_sentence,
    coverage_note,
    covers,
    document_kind,
    duty_counts,
    duty_line,
    duty_rows,
    every_force_answered,
    every_force_sentence,
    held,
    long_date,
    looked_rows,
    missing_groups,
    numbers_phrase,
    on,
    other_places,
    plural,
    searched_words,
    shared,
    shared_looks,
    voice,
)

# Bounds that keep every page's weight independent of the size of the register: index pages
# show the newest few inspections in full and link to per-year or per-inspection pages.
RECENT_INSPECTIONS = 25  # rows on /inspections/, entries on /responses/ and on a force's page
RECENT_RESPONSES = 2  # inspections whose responses are tabled on /responses/ itself
MATRIX_COLUMNS = 6  # inspections (columns) per page of the timeliness matrix
HOME_MARKERS = ("<!-- register:headline -->", "<!-- register:latest -->")


@dataclass(frozen=True)
class GeneratedFile:
    """A file the build adds to the site: its source path (as MkDocs names it) and content."""

    src_uri: str
    content: str


def render_site(register: Register, as_of: date, only: Callable[[str], bool] | None = None) -> list[GeneratedFile]:
    """Every generated page of the register, plus the published transcripts.

    ``only``, given a page's URL, says whether to render it: the local preview re-renders just
    the pages an edit can reach (see ``incremental.affected_by``) and keeps the rest.
    """
    env = template_environment()
    out: list[GeneratedFile] = []

    def wanted(url: str) -> bool:
        return only is None or only(url)

    def page(url: str, template: str, **context: Any) -> None:
        if not wanted(url):
            return
        text = env.get_template(template).render(page_url=url, as_of=as_of, register=register, **context)
        out.append(GeneratedFile(urls.source_file(url), text))

    by_inspection = [(i, standings_for_inspection(register, i, as_of)) for i in register.inspections]
    years = _years(register.inspections)
    if any(inspection.id == "year" for inspection in register.inspections):
        raise ValueError('an inspection id "year" would collide with the address inspections/year/')
    index_rows = [(i, s, status_counts(s)) for i, s in by_inspection]
    page(urls.inspections(), "inspections.md.j2", rows=index_rows[:RECENT_INSPECTIONS], years=years, year=None, total=len(index_rows))
    for year, count in years:
        page(urls.inspections_in(year), "inspections.md.j2", rows=[row for row in index_rows if row[0].published.year == year], years=years, year=year, total=count)
    page(urls.forces(), "forces.md.j2", rows=[(f, standings_for_force(register, f, as_of)) for f in register.forces])
    responded = [(i, [s for s in standings if s.response]) for i, standings in by_inspection]
    page(
        urls.responses(),
        "responses.md.j2",
        inspection=None,
        rows=[s for _, found in responded[:RECENT_RESPONSES] for s in found],
        shown=[i for i, _ in responded[:RECENT_RESPONSES]],
        listed=[(i, sum(1 for s in found if counted(s))) for i, found in responded[:RECENT_INSPECTIONS]],
        years=years,
        total=sum(1 for r in register.responses if r.section_55.counts),
        others=sum(1 for r in register.responses if not r.section_55.counts),
    )
    for inspection, found in responded:
        total = sum(1 for s in found if counted(s))
        page(urls.responses_to(inspection.id), "responses.md.j2", inspection=inspection, rows=found, shown=[inspection], listed=[], years=years, total=total, others=len(found) - total)
    matrix = timeliness_matrix(register, as_of)
    parts = _matrix_parts(register.inspections, years)
    page(urls.timeliness(), "timeliness.md.j2", rows=_columns(matrix, range(min(MATRIX_COLUMNS, len(register.inspections)))), inspections=register.inspections[:MATRIX_COLUMNS], parts=parts, here=None)
    for (year, part), positions in parts.items():
        page(
            urls.timeliness_in(year, part),
            "timeliness.md.j2",
            rows=_columns(matrix, positions),
            inspections=[register.inspections[n] for n in positions],
            parts=parts,
            here=(year, part),
        )
    page(urls.timeliness_bodies(), "timeliness_bodies.md.j2", rows=body_totals(register, [s for _, found in by_inspection for s in found]))
    for inspection, standings in by_inspection:
        if not wanted(urls.inspection(inspection.id)):
            continue  # its recommendation pages change only with it (see incremental.affected_by)
        looked = _looked(register, inspection)
        page(
            urls.inspection(inspection.id),
            "inspection.md.j2",
            inspection=inspection,
            standings=standings,
            counts=status_counts(standings),
            chart=position_chart(inspection, standings) if inspection.recommendations else None,
            related=[_related_link(register, item) for item in register.related(inspection)],
            duty=duty_counts(standings, of_report=True),
            areas_answered=_area_answers(inspection, standings),
            looked=looked,
        )
        for rec in inspection.recommendations:
            groups: dict[str, list[Standing]] = {}
            for item in standings:
                found = category(item, rec.number)
                groups.setdefault(found if found in (WHOLE_REPORT, LOCATED, NOT_ANSWERED, NO_RESPONSE) else "answered", []).append(item)
            page(
                urls.recommendation(inspection.id, rec.number),
                "recommendation.md.j2",
                inspection=inspection,
                rec=rec,
                answered=groups.get("answered", []),
                whole_report=groups.get(WHOLE_REPORT, []),
                located=groups.get(LOCATED, []),
                unanswered=groups.get(NOT_ANSWERED, []),
                missing=groups.get(NO_RESPONSE, []),
                positions=_position_counts(groups.get("answered", []), rec.number),
                looked=looked,
                refers={
                    s.force.id: _refers_to(register, s.response, answer)
                    for s in groups.get("answered", [])
                    for answer in (s.answer_to(rec.number),)
                    if answer.refers_to_inspection or answer.refers_to_title
                },
            )
    for force in register.forces:
        if not wanted(urls.force(force.id)):
            continue  # its year pages change only with it
        standings = standings_for_force(register, force, as_of)
        force_years = _years([s.inspection for s in standings])
        page(
            urls.force(force.id),
            "force.md.j2",
            force=force,
            standings=standings,
            recent=standings[:RECENT_INSPECTIONS],
            years=force_years,
            record=force_record(standings),
            duty=duty_counts(standings, of_report=False),
        )
        for year, _ in force_years:
            page(
                urls.force_year(force.id, year),
                "force_year.md.j2",
                force=force,
                year=year,
                standings=[s for s in standings if s.inspection.published.year == year],
                years=force_years,
            )
    for response in register.responses:
        inspection = register.inspection(response.inspection_id)
        force = register.force(response.force_id)
        if wanted(urls.response(inspection.id, force.id)):
            row = completeness(response, inspection)
            shown = passages(response)
            page(
                urls.response(inspection.id, force.id),
                "response.md.j2",
                inspection=inspection,
                force=force,
                response=response,
                body=register.body(response.body_id),
                standing=standing(register, inspection, force, as_of),
                duty=duty_rows(row, response, inspection),
                unanswered=_unanswered(response, inspection),
                refers={answer: _refers_to(register, response, answer) for answer in response.answers if answer.refers_to_inspection or answer.refers_to_title},
                duty_brief=duty_line(row),
                every_force=every_force_answered(row, response, inspection),
                passages=shown,
                absent_in=_passage_quoting(shown, response.chief_constable_comments_absent),
            )
        if response.document.transcript:
            out.append(GeneratedFile(urls.transcript(inspection.id, force.id), register.transcripts[response.document.transcript]))
    return out


def render_home_blocks(register: Register, as_of: date, markdown: str, page_url: str = "") -> str:
    """Fill the markers in the hand-written home page with figures and the latest responses."""
    env = template_environment()
    blocks = {
        HOME_MARKERS[0]: env.get_template("home_headline.md.j2"),
        HOME_MARKERS[1]: env.get_template("home_latest.md.j2"),
    }
    standings = [s for inspection in register.inspections for s in standings_for_inspection(register, inspection, as_of)]
    recommendations = [rec for inspection in register.inspections for rec in inspection.recommendations]
    newest = [r for r in latest_responses(register, len(register.responses)) if r.section_55.counts][:10]
    for marker, template in blocks.items():
        if marker in markdown:
            block = template.render(
                page_url=page_url,
                as_of=as_of,
                register=register,
                counts=status_counts(standings),
                missing=missing_coverage(standings),
                coverage=coverage_counts(standings),
                identified=sum(1 for item in standings if counted(item)),
                listed=len(recommendations),
                for_every_force=sum(1 for rec in recommendations if rec.for_every_force is True),
                audience_unknown=sum(1 for rec in recommendations if rec.for_every_force is None),
                latest=[(r, register.inspection(r.inspection_id), register.force(r.force_id)) for r in newest],
            )
            markdown = markdown.replace(marker, block)
    return markdown


def _years(inspections: Any) -> list[tuple[int, int]]:
    """Each year with inspections, newest first, and how many were published in it."""
    counts: dict[int, int] = {}
    for inspection in inspections:
        counts[inspection.published.year] = counts.get(inspection.published.year, 0) + 1
    return sorted(counts.items(), reverse=True)


def _matrix_parts(inspections: list, years: list[tuple[int, int]]) -> dict[tuple[int, int], list[int]]:
    """The timeliness pages after the first: each year's inspections (by position in the
    register's newest-first order), in parts of at most MATRIX_COLUMNS columns, so that no
    page grows with the size of the register."""
    parts: dict[tuple[int, int], list[int]] = {}
    for year, _ in years:
        positions = [n for n, inspection in enumerate(inspections) if inspection.published.year == year]
        for start in range(0, len(positions), MATRIX_COLUMNS):
            parts[(year, start // MATRIX_COLUMNS + 1)] = positions[start : start + MATRIX_COLUMNS]
    return parts


def _columns(matrix: list[MatrixRow], positions: Any) -> list[MatrixRow]:
    """The matrix cut down to some of its columns (inspections)."""
    positions = list(positions)
    return [MatrixRow(row.force, tuple(row.cells[n] for n in positions)) for row in matrix]


@dataclass(frozen=True)
class BodyTotals:
    """One local policing body's standings summed across the inspections in the register that called on it."""

    force: Force
    body: Body | None
    """The body of each standing counted (``Standing.body``); None where no body was in office that day."""
    inspections: int
    held: int
    """Standings whose response the register holds and counts (transcribed or located)."""
    transcribed: int
    located: int
    statuses: dict[Status, int]
    """Standings per timeliness status, every status present."""
    not_found: int
    not_looked: int


def body_totals(register: Register, standings: list[Standing]) -> list[BodyTotals]:
    """Each force's bodies, in register order and then in their order of office, with their standings counted:
    the coverage state (``coverage_of``) and the timeliness (``clock.assess``) of each, never a judgement of its own."""
    grouped: dict[tuple[str, str | None], list[Standing]] = {}
    for item in standings:
        grouped.setdefault((item.force.id, item.body.id if item.body else None), []).append(item)
    out = []
    for force in register.forces:
        for body in (*force.bodies, None):
            found = grouped.get((force.id, body.id if body else None))
            if not found:
                continue
            states = Counter(item.coverage.state for item in found)
            statuses = Counter(item.timeliness.status for item in found)
            out.append(
                BodyTotals(
                    force,
                    body,
                    len(found),
                    states[CoverageState.TRANSCRIBED] + states[CoverageState.LOCATED],
                    states[CoverageState.TRANSCRIBED],
                    states[CoverageState.LOCATED],
                    {status: statuses.get(status, 0) for status in Status},
                    states[CoverageState.NOT_FOUND],
                    states[CoverageState.NOT_LOOKED],
                )
            )
    return out


def _position_counts(answered: list[Standing], number: int) -> list[tuple[str, int]]:
    counts = {position: 0 for position in POSITIONS}
    for item in answered:
        counts[item.answer_to(number).position] += 1
    return list(counts.items())


@dataclass(frozen=True)
class Link:
    """A reference to another report or response: a link where the register holds it, else its words."""

    text: str
    url: str | None = None
    """A page of this site, or None."""
    external: str | None = None
    """An address elsewhere, where the data gives one."""
    relation: str | None = None


def _related_link(register: Register, item: Any) -> Link:
    if item.inspection_id and register.has_inspection(item.inspection_id):
        other = register.inspection(item.inspection_id)
        return Link(other.title, urls.inspection(other.id), relation=item.relation)
    return Link(item.title or item.inspection_id, None, item.url, item.relation)


def _refers_to(register: Register, response: Response, answer: Answer) -> Link:
    """Where a passage points back to: the same force's response to that report, else the report, else its title."""
    if answer.refers_to_inspection and register.has_inspection(answer.refers_to_inspection):
        other = register.inspection(answer.refers_to_inspection)
        earlier = register.response(other.id, response.force_id)
        if earlier is not None:
            return Link(f"{register.body(earlier.body_id).name}'s response to {other.title}", urls.response(other.id, response.force_id))
        return Link(other.title, urls.inspection(other.id))
    return Link(answer.refers_to_title or answer.refers_to_inspection or "")


def _looked(register: Register, inspection: Inspection) -> tuple[Look, ...]:
    """Every place the register looked for the responses to a report, newest first."""
    found = register.coverage.get(inspection.id)
    return tuple(sorted(found.looked, key=lambda look: look.checked, reverse=True)) if found else ()


@dataclass(frozen=True)
class Passage:
    """One text of a response's answers, shown once: the answers that give exactly these words, in
    the document's order. A document may repeat a sentence for several recommendations ("addressed
    to the national lead", numbered 4.3, 4.4 and 4.5); the response page quotes it once and says
    which recommendations it answers, keeping each answer's own labels."""

    answers: tuple[Answer, ...]

    @property
    def answer(self) -> Answer:
        """One answer covering what all of them cover, for the heading and the list of recommendations."""
        first = self.answers[0]
        if len(self.answers) == 1:
            return first
        return replace(
            first,
            recommendations=tuple(dict.fromkeys(n for a in self.answers for n in a.recommendations)),
            areas=tuple(dict.fromkeys(n for a in self.answers for n in a.areas)),
            covers_all=any(a.covers_all for a in self.answers),
            covers_all_areas=any(a.covers_all_areas for a in self.answers),
        )

    def same(self, field: str) -> Any:
        """The answers' value of ``field`` where they all give the same one, else None."""
        values = {getattr(a, field) for a in self.answers}
        return values.pop() if len(values) == 1 else None

    @property
    def numbered(self) -> tuple[str, ...]:
        return tuple(a.numbered_in_document for a in self.answers if a.numbered_in_document)


def passages(response: Response) -> list[Passage]:
    """The response's answers grouped by their words (and whose words they are), first appearance first."""
    groups: dict[tuple[str, str], list[Answer]] = {}
    for answer in response.answers:
        groups.setdefault((answer.by, " ".join(answer.text.split())), []).append(answer)
    return [Passage(tuple(group)) for group in groups.values()]


def _passage_quoting(found: list[Passage], words: str | None) -> Passage | None:
    """The first passage whose text contains ``words`` (as the chief constable's stated absence often is),
    so that the page can point to it instead of quoting the same sentence twice."""
    if not words:
        return None
    wanted = " ".join(words.split())
    return next((p for p in found if wanted in " ".join(p.answers[0].text.split())), None)


def _unanswered(response: Response, inspection: Inspection) -> list[int]:
    """Listed recommendations no passage covers, with those the record says the document leaves unanswered."""
    if not response.transcribed:
        return []
    numbers = {rec.number for rec in inspection.recommendations if response.answer_to(rec.number) is None}
    return sorted(numbers | set(response.not_answered))


def _area_answers(inspection: Inspection, standings: list[Standing]) -> dict[int, list[tuple[Standing, Answer]]]:
    """For each listed area for improvement, the responses whose passages answer it."""
    out: dict[int, list[tuple[Standing, Answer]]] = {}
    for area in inspection.areas_for_improvement or ():
        out[area.number] = [
            (item, answer) for item in standings if counted(item) and item.response.transcribed for answer in item.response.answers_to_area(area.number)
        ]
    return out


# Filters -----------------------------------------------------------------------------------



def markdown_text(value: Any) -> Markup:
    """Escape text for an inline Markdown context: HTML first, then Markdown punctuation."""
    escaped = html.escape(str(value), quote=False)
    escaped = re.sub(r"([\\`*_{}\[\]()#+\-.!|])", r"\\\1", escaped)
    return Markup(" ".join(escaped.split()))


def front_matter_title(value: str) -> Markup:
    """A YAML front-matter value holding HTML-escaped text (the theme prints titles as HTML)."""
    return Markup(json.dumps(html.escape(" ".join(value.split()), quote=False), ensure_ascii=False))


def percent(value: float) -> str:
    """A share as a whole percentage, e.g. 0.5 → "50%"."""
    return f"{round(value * 100)}%"


def number(value: float) -> str:
    """A figure without a needless ".0": 40.0 → "40", 40.5 → "40.5"."""
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def month_name(value: str) -> str:
    return f"{date.fromisoformat(value + '-01'):%B %Y}"


def host(url: str) -> str:
    """The site an address is on, so a reader knows where a link leads before following it."""
    return urlsplit(url).hostname or url


def paragraphs(value: str) -> list[list[str]]:
    """Paragraphs (split on blank lines), each a list of its lines, outer blanks trimmed."""
    blocks = re.split(r"\n\s*\n", value.strip())
    return [[line.strip() for line in block.splitlines() if line.strip()] for block in blocks if block.strip()]


@pass_context
def relative_url(context: Any, target: str) -> str:
    return urls.relative(target, context["page_url"])


@functools.cache
def template_environment() -> Environment:
    """One environment per process: compiled templates are kept (the preview rebuilds in one
    process), and ``auto_reload`` still recompiles a template whose file has changed."""
    env = Environment(
        loader=PackageLoader(__package__, "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        md=markdown_text,
        title=front_matter_title,
        day=long_date,
        month=month_name,
        paragraphs=paragraphs,
        host=host,
        rel=relative_url,
        plural=plural,
        percent=percent,
        number=number,
        status_sort=sort_key,
        stated=lambda value: NOT_STATED if value in (None, "") else value,
        covers=covers,
        voice=voice,
        kind=document_kind,
        numbers=numbers_phrase,
        slug=lambda value: re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-"),
    )
    env.tests.update(counted=counted)
    env.globals.update(
        urls=urls,
        Status=Status,
        due_date=due_date,
        POSITIONS=POSITIONS,
        PROGRESS=PROGRESS,
        NOT_STATED=NOT_STATED,
        counted=counted,
        shared=shared,
        count_sentence=count_sentence,
        every_force_sentence=every_force_sentence,
        CoverageState=CoverageState,
        coverage_state=coverage_state,
        coverage_counts=coverage_counts,
        coverage_note=coverage_note,
        missing_coverage=missing_coverage,
        shared_looks=shared_looks,
        other_places=other_places,
        looked_rows=looked_rows,
        missing_groups=missing_groups,
        held=held,
        on=on,
        searched_words=searched_words,
    )
    return env
