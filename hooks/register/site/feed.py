"""The Atom feed (RFC 4287) of the newest inspections and responses, newest first, at /feed.xml.

Each inspection is an entry dated by its publication; each response by the day it was
published, else the date its document carries, else the day the report was published, and
its summary says which, so a reader is never told a date the register does not know.
Every date in the feed comes from the data: the feed's own ``updated`` is its newest entry's,
never the wall clock, so the same data builds the same feed.

Entry ids are ``urn:uuid:`` names derived from the page's address on the site (UUID version
5), not from ``site_url``: RFC 4287 asks that an id never change, even when the site moves.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date

from register.data.clock import due_date
from register.data.crosscheck import response_reference_date
from register.data.model import Inspection, Register, Response
from register.data.standing import standing
from register.site import urls
from register.site.pages import GeneratedFile, template_environment
from register.site.wording import count_sentence, coverage_sentence, long_date, plural

ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:inspection-responses-register")
"""Fixed for ever: changing it would change every id in the feed."""
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Entry:
    """One feed entry, with plain values; the template does the escaping."""

    id: str
    title: str
    link: str
    updated: date
    published: date | None
    """The publication date where the register knows it; else None and no <published>."""
    category: str
    summary: str


def feed_id(path: str) -> str:
    """The stable Atom id of the page (or feed) at ``path`` on the site."""
    return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, path)}"


FEED_ENTRIES = 100
"""Entries in the feed: the newest. A reader polls the feed often, so it stays the same small size
however long the register grows; everything older is on the site and in the data downloads."""


def feed_entries(register: Register, as_of: date, limit: int | None = FEED_ENTRIES) -> list[Entry]:
    """The newest ``limit`` inspections and responses as entries (all with ``None``), newest first,
    ties by address."""
    newest = sorted(
        [(inspection.published, urls.inspection(inspection.id), inspection) for inspection in register.inspections]
        + [
            (response_reference_date(response, register.inspection(response.inspection_id)), urls.response(response.inspection_id, response.force_id), response)
            for response in register.responses
        ],
        key=lambda item: (-item[0].toordinal(), item[1]),
    )[:limit]
    return [_inspection_entry(item) if isinstance(item, Inspection) else _response_entry(register, item, as_of) for _, _, item in newest]


def _inspection_entry(inspection: Inspection) -> Entry:
    url = urls.inspection(inspection.id)
    return Entry(
        id=feed_id(url),
        title=f"Inspection published: {inspection.title}",
        link=url,
        updated=inspection.published,
        published=inspection.published,
        category="inspection",
        summary=(
            f"Published on {long_date(inspection.published)}{' by ' + inspection.published_by if inspection.published_by else ''}. "
            f"{'Inspectorates' if len(inspection.inspectorates) > 1 else 'Inspectorate'}: {', '.join(inspection.inspectorates)}. "
            f"{count_sentence(inspection)} "
            f"Local policing bodies' responses are due by {long_date(due_date(inspection.published))}."
        ),
    )


def _response_entry(register: Register, response: Response, as_of: date) -> Entry:
    inspection = register.inspection(response.inspection_id)
    force = register.force(response.force_id)
    body = register.body(response.body_id)
    url = urls.response(inspection.id, force.id)
    where = standing(register, inspection, force, as_of)
    timeliness = where.timeliness
    reference = response_reference_date(response, inspection)
    if response.published:
        dated = f"Published on {long_date(response.published)}."
    elif response.document.date:
        dated = f"Published: not stated; this entry is dated by the date on the document, {long_date(reference)}."
    else:
        dated = f"Published: not stated, and the document carries no date: this entry is dated by the report's publication, {long_date(reference)}."
    counts = response.section_55.counts
    return Entry(
        id=feed_id(url),
        title=f"{'Response' if counts else 'Document that is not the response'}: {body.name} on {inspection.title}",
        link=url,
        updated=reference,
        published=response.published,
        category="response" if counts else "document",
        summary=(
            f"{body.name} ({force.name}): {_answered(response, inspection)} "
            f"Document: {response.document.kind or 'kind not stated'}. {dated} "
            + ("" if counts else f"The register does not count it as the body's section 55 response: {response.section_55.why} {coverage_sentence(where)} ")
            + f"Timeliness as of {long_date(as_of)}: {timeliness.label}."
        ),
    )


def _answered(response: Response, inspection: Inspection) -> str:
    """What the response answers, in a sentence true of the record: never a count of passages for a count of recommendations."""
    if not response.transcribed:
        return "the register has located this document but not transcribed its words."
    listed = inspection.recommendations
    parts = []
    if listed:
        answered = sum(1 for rec in listed if response.answer_to(rec.number))
        parts.append(f"answers {answered} of the {plural(len(listed), 'recommendation')} the register lists")
    elif any(answer.recommendations or answer.covers_all for answer in response.answers):
        parts.append("answers recommendations the register does not list")
    if response.whole_report_answers:
        parts.append("answers the report as a whole")
    if any(answer.areas or answer.covers_all_areas for answer in response.answers):
        parts.append("answers areas for improvement")
    if not parts:
        return "the register holds no answer from this document."
    return " and ".join(parts) + "."


def render_feed(register: Register, as_of: date, site_url: str | None, site_name: str) -> GeneratedFile:
    """The feed file. Links are absolute under ``site_url``; without one, relative to the feed (the site root)."""
    base = (site_url or "").rstrip("/") + "/" if site_url else ""
    entries = feed_entries(register, as_of)
    updated = max((entry.updated for entry in entries), default=as_of)
    text = (
        template_environment()
        .get_template("feed.xml.j2")
        .render(
            feed_id=feed_id(urls.feed()),
            title=_xml(site_name),
            base=base,
            feed_url=urls.feed(),
            updated=updated,
            entries=[_clean(entry) for entry in entries],
        )
    )
    return GeneratedFile(urls.feed(), text)


def _xml(text: str) -> str:
    """Drop characters XML 1.0 cannot carry (PDF copies bring form feeds), and fold whitespace."""
    return " ".join(_NOT_XML.sub(" ", text).split())


def _clean(entry: Entry) -> Entry:
    return Entry(entry.id, _xml(entry.title), entry.link, entry.updated, entry.published, entry.category, _xml(entry.summary))
