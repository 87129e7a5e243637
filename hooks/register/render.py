"""Render the register's pages as Markdown with Jinja2 templates (one template per page kind).

Text from the data is data, never markup: templates are autoescaped, verbatim text goes into
raw HTML blocks that Markdown leaves alone, and the little data that appears in Markdown
syntax (headings) is escaped for Markdown as well. Python prepares plain values; the HTML
lives in ``templates/``.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from markupsafe import Markup

from . import urls
from .clock import Status, due_date
from .model import NOT_STATED, Register
from .standing import latest_responses, standing, standings_for_force, standings_for_inspection, status_counts
from .stats import POSITIONS, PROGRESS, force_record, position_chart, sort_key, timeliness_matrix
HOME_MARKERS = ("<!-- register:headline -->", "<!-- register:latest -->")


@dataclass(frozen=True)
class GeneratedFile:
    """A file the build adds to the site: its source path (as MkDocs names it) and content."""

    src_uri: str
    content: str


def render_site(register: Register, as_of: date) -> list[GeneratedFile]:
    """Every generated page of the register, plus the published transcripts."""
    env = _environment()
    out: list[GeneratedFile] = []

    def page(url: str, template: str, **context: Any) -> None:
        text = env.get_template(template).render(page_url=url, as_of=as_of, register=register, **context)
        out.append(GeneratedFile(urls.source_file(url), text))

    by_inspection = [(i, standings_for_inspection(register, i, as_of)) for i in register.inspections]
    page(urls.inspections(), "inspections.md.j2", rows=[(i, s, status_counts(s)) for i, s in by_inspection])
    page(urls.forces(), "forces.md.j2", rows=[(f, standings_for_force(register, f, as_of)) for f in register.forces])
    page(
        urls.responses(),
        "responses.md.j2",
        rows=[standing(register, register.inspection(r.inspection_id), register.force(r.force_id), as_of) for r in register.responses],
    )
    page(urls.timeliness(), "timeliness.md.j2", rows=timeliness_matrix(register, as_of))
    for inspection in register.inspections:
        standings = standings_for_inspection(register, inspection, as_of)
        page(
            urls.inspection(inspection.id),
            "inspection.md.j2",
            inspection=inspection,
            standings=standings,
            counts=status_counts(standings),
            chart=position_chart(inspection, standings),
        )
        for rec in inspection.recommendations:
            page(
                urls.recommendation(inspection.id, rec.number),
                "recommendation.md.j2",
                inspection=inspection,
                rec=rec,
                answered=[s for s in standings if s.answer_to(rec.number)],
                unanswered=[s for s in standings if s.response and not s.answer_to(rec.number)],
                missing=[s for s in standings if not s.response],
                positions=_position_counts(standings, rec.number),
            )
    for force in register.forces:
        standings = standings_for_force(register, force, as_of)
        page(urls.force(force.id), "force.md.j2", force=force, standings=standings, record=force_record(standings))
    for response in register.responses:
        inspection = register.inspection(response.inspection_id)
        force = register.force(response.force_id)
        page(
            urls.response(inspection.id, force.id),
            "response.md.j2",
            inspection=inspection,
            force=force,
            response=response,
            body=register.body(response.body_id),
            standing=standing(register, inspection, force, as_of),
        )
        if response.document.transcript:
            out.append(GeneratedFile(urls.transcript(inspection.id, force.id), register.transcripts[response.document.transcript]))
    return out


def render_home_blocks(register: Register, as_of: date, markdown: str, page_url: str = "") -> str:
    """Fill the markers in the hand-written home page with figures and the latest responses."""
    env = _environment()
    blocks = {
        HOME_MARKERS[0]: env.get_template("home_headline.md.j2"),
        HOME_MARKERS[1]: env.get_template("home_latest.md.j2"),
    }
    standings = [s for inspection in register.inspections for s in standings_for_inspection(register, inspection, as_of)]
    for marker, template in blocks.items():
        if marker in markdown:
            block = template.render(
                page_url=page_url,
                as_of=as_of,
                register=register,
                counts=status_counts(standings),
                latest=[(r, register.inspection(r.inspection_id), register.force(r.force_id)) for r in latest_responses(register, 10)],
            )
            markdown = markdown.replace(marker, block)
    return markdown


def _position_counts(standings: list, number: int) -> list[tuple[str, int]]:
    counts = {position: 0 for position in POSITIONS}
    for item in standings:
        answer = item.answer_to(number)
        if answer:
            counts[answer.position] += 1
    return list(counts.items())


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


def long_date(value: date | None) -> str:
    if value is None:
        return NOT_STATED
    return f"{value.day} {value:%B %Y}"


def month_name(value: str) -> str:
    return f"{date.fromisoformat(value + '-01'):%B %Y}"


def paragraphs(value: str) -> list[list[str]]:
    """Paragraphs (split on blank lines), each a list of its lines, outer blanks trimmed."""
    blocks = re.split(r"\n\s*\n", value.strip())
    return [[line.strip() for line in block.splitlines() if line.strip()] for block in blocks if block.strip()]


@pass_context
def relative_url(context: Any, target: str) -> str:
    return urls.relative(target, context["page_url"])


def plural(count: int, singular: str, many: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (many or singular + 's')}"


def _environment() -> Environment:
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
        rel=relative_url,
        plural=plural,
        percent=percent,
        number=number,
        status_sort=sort_key,
        stated=lambda value: NOT_STATED if value in (None, "") else value,
        slug=lambda value: re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-"),
    )
    env.globals.update(urls=urls, Status=Status, due_date=due_date, POSITIONS=POSITIONS, PROGRESS=PROGRESS, NOT_STATED=NOT_STATED)
    return env
