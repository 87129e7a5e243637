"""What the pages say in the register's own voice: what an answer covers, who speaks, the count of
a report's recommendations, each part of the section 55 duty, where the register looked.

Each sentence is built only from what the data states or computes. Where a fact is unknown
(None) it says so, and it never prints a count the data does not give: "the report makes 43
recommendations; the register lists none of them", never "0 recommendations". Keeping them in
one module keeps one wording for one fact across the pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from register.data.completeness import NOT_TRANSCRIBED, PRESENT, SAYS_SO, STATED_ABSENT, Completeness, completeness
from register.data.coverage import CoverageState
from register.data.model import NOT_STATED, SEARCH, Answer, Copy, Inspection, Look, Response
from register.data.standing import Standing
from register.site.stats import counted, coverage_state, found_by


def long_date(value: date | None) -> str:
    """20 July 2023; "not stated" for no date."""
    if value is None:
        return NOT_STATED
    return f"{value.day} {value:%B %Y}"


def plural(count: int, singular: str, many: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (many or singular + 's')}"


def numbers_phrase(numbers: Any) -> str:
    """1 → "1"; (19, 20, 21) → "19, 20 and 21"."""
    items = [str(n) for n in numbers]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def covers(answer: Answer) -> str:
    """What one passage answers, as a heading: "Recommendations 19, 20 and 21", "The report as a whole"."""
    parts = []
    if answer.covers_all:
        parts.append("all recommendations")
    elif answer.recommendations:
        parts.append(("recommendation " if len(answer.recommendations) == 1 else "recommendations ") + numbers_phrase(answer.recommendations))
    if answer.covers_all_areas:
        parts.append("all areas for improvement")
    elif answer.areas:
        parts.append(("area for improvement " if len(answer.areas) == 1 else "areas for improvement ") + numbers_phrase(answer.areas))
    text = " and ".join(parts) if parts else "the report as a whole"
    return text[0].upper() + text[1:]


def shared(answer: Answer) -> bool:
    """Whether a passage answers more than one recommendation or area (so each page it appears on says so)."""
    return answer.covers_all or answer.covers_all_areas or len(answer.recommendations) + len(answer.areas) > 1


VOICES = {
    "local policing body": "the local policing body",
    "chief constable": "the chief constable",
    "force": "the force",
    "local policing body and chief constable": "the local policing body and the chief constable together",
}


def voice(by: str) -> str:
    """Who a passage's words are, as the document gives them."""
    return VOICES[by]


def document_kind(kind: str | None) -> str:
    return kind or "kind not stated"


def every_force_sentence(inspection: Inspection) -> str:
    """How many of the listed recommendations are for every force, saying where no source says."""
    listed = len(inspection.recommendations)
    if not listed:
        return ""
    every, unknown = len(inspection.for_every_force), len(inspection.audience_unknown)
    if every == listed:
        out = "It is for every force." if listed == 1 else f"All {listed} are for every force."
    elif every:
        out = f"{every} of the {listed} listed {'is' if every == 1 else 'are'} for every force."
    elif unknown == listed:
        out = "No source the register holds says whether " + ("it is" if listed == 1 else "any of them is") + " for every force."
    elif unknown:
        out = "None of the listed recommendations is stated to be for every force."
    else:
        out = "It is not for every force." if listed == 1 else "None of the listed recommendations is for every force."
    if unknown and unknown < listed:
        out += f" For {unknown} of them, no source says whether {'it is' if unknown == 1 else 'they are'} for every force."
    return out


def count_sentence(inspection: Inspection) -> str:
    """How many recommendations the report makes and how many the register lists: never "0" for not known."""
    count, listed = inspection.recommendation_count, len(inspection.recommendations)
    if count is None:
        first = "The register's sources do not say how many recommendations the report makes."
        second = "The register lists none." if not listed else f"The register lists {plural(listed, 'recommendation')}."
    else:
        first = "The report makes no recommendations." if count == 0 else f"The report makes {plural(count, 'recommendation')}."
        if count == 0:
            second = ""
        elif not listed:
            second = "The register lists none of them: the words of the recommendations are not in the sources it holds." if count > 1 else "The register does not list it: its words are not in the sources it holds."
        elif listed < count:
            second = f"The register lists {listed} of them."
        else:
            second = "The register lists it." if count == 1 else "The register lists all of them."
    return " ".join(part for part in (first, second, every_force_sentence(inspection)) if part)


@dataclass(frozen=True)
class DutyRow:
    """One part of the section 55 duty, as one response's record shows it."""

    part: str
    state: str
    """A short key for the page (present, stated absent, not stated, not transcribed, and so on)."""
    shows: str
    """The register's reading, in its own words."""
    words: str | None = None
    """The document's words behind it, shown as a quotation."""


def every_force_answered(row: Completeness, response: Response, inspection: Inspection) -> str:
    """ "n of m", or why there is no such count: true where m is 0 or some audiences are unknown."""
    if not inspection.recommendations:
        if inspection.recommendation_count == 0:
            return "the report makes no recommendations"
        text = "the register lists none of the report's recommendations"
    elif row.every_force_answered is None:
        return "not known: the register has not transcribed the document's words"
    elif row.every_force_total == 0:
        text = "none of the listed recommendations is " + ("stated to be " if row.audience_unknown else "") + "for every force"
    else:
        text = f"{row.every_force_answered} of {row.every_force_total}"
    if row.audience_unknown and inspection.recommendations:
        text += f", and {plural(row.audience_unknown, 'listed recommendation')} whose audience is not stated"
    if response.whole_report_answers and response.transcribed:
        text += "; the document answers the report as a whole"
    return text


def duty_rows(row: Completeness, response: Response, inspection: Inspection) -> list[DutyRow]:
    """The section 55 completeness of one response, as the rows of its table."""

    def comments(state: str) -> str:
        return {
            PRESENT: "present",
            STATED_ABSENT: "stated absent",
            NOT_TRANSCRIBED: "not known: the register has not transcribed the document's words",
        }.get(state, "not stated in this document")

    def sent(state: str) -> str:
        return {SAYS_SO: "the document says so", NOT_TRANSCRIBED: "not known: the register has not transcribed the document's words"}.get(state, "not stated in this document")

    every = every_force_answered(row, response, inspection)
    return [
        DutyRow("The local policing body's comments", row.body_comments, comments(row.body_comments)),
        DutyRow("The chief constable's comments", row.chief_constable_comments, comments(row.chief_constable_comments), row.chief_constable_absent_words),
        DutyRow("Recommendations for every force answered", "counted" if row.every_force_answered is not None and row.every_force_total else "not counted", every),
        DutyRow("Sent to the inspectorate", row.sent_to_inspectorate, sent(row.sent_to_inspectorate), row.sent_to_inspectorate_words),
        DutyRow("Sent to the Home Secretary", row.sent_to_home_secretary, sent(row.sent_to_home_secretary), row.sent_to_home_secretary_words),
        DutyRow("Published", "stated" if row.published else "not stated", long_date(row.published) if row.published else NOT_STATED),
    ]


def duty_line(row: Completeness) -> str:
    """Section 55 completeness of one response in one line, for the summary at the top of its page
    (the full table, with the document's words, follows the words): each part's state as the record
    shows it, "not known" where the register has not transcribed the document."""

    def state(value: str) -> str:
        return "not known" if value == NOT_TRANSCRIBED else value

    published = f"published {long_date(row.published)}" if row.published else "published: not stated"
    states = (row.body_comments, row.chief_constable_comments, row.sent_to_inspectorate, row.sent_to_home_secretary)
    if all(value == NOT_TRANSCRIBED for value in states):
        return f"Comments and where it was sent not known: the register has not transcribed the document's words; {published}"
    parts = [f"the body's comments {state(row.body_comments)}", f"the chief constable's {state(row.chief_constable_comments)}"]
    if row.sent_to_inspectorate == row.sent_to_home_secretary:
        parts.append(f"sent to the inspectorate and the Home Secretary: {state(row.sent_to_inspectorate)}")
    else:
        parts.append(f"sent to the inspectorate: {state(row.sent_to_inspectorate)}")
        parts.append(f"sent to the Home Secretary: {state(row.sent_to_home_secretary)}")
    parts.append(published)
    text = "; ".join(parts)
    if NOT_TRANSCRIBED in states:
        text += " (not known: the register has not transcribed the document's words)"
    return text[0].upper() + text[1:]


@dataclass(frozen=True)
class DutyCount:
    part: str
    shows: str


def duty_counts(standings: list[Standing], *, of_report: bool) -> tuple[str, list[DutyCount]]:
    """Section 55 completeness counted across responses (to one report, or from one force's bodies),
    only where computable: a sentence saying which responses are counted, and a row per part of the duty."""
    found = [item for item in standings if counted(item)]
    transcribed = [item for item in found if item.response.transcribed]
    if not found:
        return "", []
    rows = [(item.inspection, completeness(item.response, item.inspection)) for item in transcribed]
    total = len(transcribed)
    located = len(found) - total
    where = " to this report" if of_report else ""
    counted_in = (
        f"Counted across the {plural(total, 'transcribed response')}{where} the register holds."
        if total
        else f"The register holds no transcribed response{where}, so there is nothing to count."
    )
    if located:
        counted_in += f" {plural(located, 'response')} located but not transcribed {'is' if located == 1 else 'are'} not counted, as the register does not hold {'its' if located == 1 else 'their'} words."
    out: list[DutyCount] = []
    if not total:
        return counted_in, out

    def of(count: int) -> str:
        return f"{count} of {total}"

    out.append(DutyCount("Include the local policing body's comments", of(sum(1 for _, row in rows if row.body_comments == PRESENT))))
    chief = [sum(1 for _, row in rows if row.chief_constable_comments == state) for state in (PRESENT, STATED_ABSENT)]
    silent = total - sum(chief)
    out.append(
        DutyCount(
            "Include the chief constable's comments",
            of(chief[0])
            + (f"; {chief[1]} {'says' if chief[1] == 1 else 'say'} there are none" if chief[1] else "")
            + (f"; {silent} {'does' if silent == 1 else 'do'} not say" if silent else ""),
        )
    )
    out.append(DutyCount("Answer every listed recommendation for every force", _every_force_count(rows, of_report)))
    out.append(DutyCount("Say they were sent to the inspectorate", of(sum(1 for _, row in rows if row.sent_to_inspectorate == SAYS_SO))))
    out.append(DutyCount("Say they were sent to the Home Secretary", of(sum(1 for _, row in rows if row.sent_to_home_secretary == SAYS_SO))))
    out.append(DutyCount("Have a publication date the register knows", of(sum(1 for _, row in rows if row.published))))
    return counted_in, out


def _every_force_count(rows: list[tuple[Inspection, Completeness]], of_report: bool) -> str:
    """How many responses answer every listed recommendation for every force, counting only those where it can be told."""
    unlisted = sum(1 for inspection, _ in rows if not inspection.recommendations)
    unknown = sum(1 for inspection, _ in rows if inspection.recommendations and inspection.audience_unknown)
    none_for_every = sum(1 for inspection, _ in rows if inspection.recommendations and not inspection.audience_unknown and not inspection.for_every_force)
    computable = [row for inspection, row in rows if inspection.for_every_force and not inspection.audience_unknown]
    if of_report and not computable:
        inspection = rows[0][0]
        if unlisted:
            return "cannot be counted: the register lists none of the report's recommendations"
        if unknown:
            return f"cannot be counted: for {plural(len(inspection.audience_unknown), 'listed recommendation')}, no source says whether it is for every force"
        return "not applicable: none of the listed recommendations is for every force"
    first = f"{sum(1 for row in computable if row.every_force_complete)} of {len(computable)}" if computable else "none can be counted"
    parts = []
    if none_for_every:
        parts.append(f"{none_for_every} to {'a report' if none_for_every == 1 else 'reports'} none of whose listed recommendations is for every force")
    if unlisted:
        parts.append(f"{unlisted} to {'a report' if unlisted == 1 else 'reports'} whose recommendations the register does not list")
    if unknown:
        parts.append(f"{unknown} to {'a report' if unknown == 1 else 'reports'} where a listed recommendation's audience is not stated")
    return first + (f" (not counted: {'; '.join(parts)})" if parts else "")


# Where the register looked ------------------------------------------------------------------------


@dataclass(frozen=True)
class CoverageNote:
    """What a page says of one body's coverage for one report, as plain values for a template.

    "No response held" is true only with where the register looked and when,
    so a note names every place that would have shown the response, or says the register has
    not yet looked. A page that names the places covering every body once, above a table,
    passes them as ``said_above``; the row then refers to them instead of repeating them.
    """

    state: CoverageState
    places: tuple[Look, ...]
    """The places to name, newest first: those covering the body, less those said above."""
    above: tuple[Look, ...]
    """Places covering the body that the page links and dates once, above: named here, not repeated."""
    found_at: tuple[Look, ...]
    """The places looked that showed the response."""
    copy: Copy | None
    """The first copy of a document the register holds and counts as the response."""


def coverage_note(item: Standing, said_above: tuple[Look, ...] = ()) -> CoverageNote:
    state = coverage_state(item)
    looks = item.coverage.looks
    counts = counted(item)
    return CoverageNote(
        state,
        tuple(look for look in looks if look not in said_above),
        tuple(look for look in looks if look in said_above),
        found_by(looks, item.force.id) if counts else (),
        item.response.document.copies[0] if counts and item.response.document.copies else None,
    )


def shared_looks(looks: tuple[Look, ...]) -> tuple[Look, ...]:
    """The places that would show any body's response (the inspectorate's report page), newest first."""
    return tuple(sorted((look for look in looks if look.for_all), key=lambda look: look.checked, reverse=True))


def on(look: Look) -> str:
    """The preposition for a place: on a page or a site, in another public copy."""
    return "in" if look.where == "another public copy" or look.is_search else "on"


def other_places(standings: list[Standing], looked: tuple[Look, ...], *, searches: bool = False) -> int:
    """How many places (or, with ``searches``, how many searches), besides those that would show any
    body's response, the register looked at for a body whose response it did not find: the count
    line names the first and counts these, a search apart from a page read, as it is weaker."""
    missing = {item.force.id for item in standings if coverage_state(item) is CoverageState.NOT_FOUND}
    return sum(1 for look in looked if not look.for_all and look.is_search == searches and missing.intersection(look.for_forces))


def searched_words(look: Look) -> str:
    """A search's words, each in quotation marks, as the pages and feed show them."""
    return ", ".join(f"“{words}”" for words in look.searched_for)


def _address(look: Look) -> str:
    return f"searching for {searched_words(look)}" if look.is_search else str(look.url)


def coverage_sentence(item: Standing) -> str:
    """Where the register looked for a body's response and did not find it, or that it has not
    looked, as a plain sentence (the feed's summaries are text, not HTML)."""
    note = coverage_note(item)
    if note.state is CoverageState.NOT_FOUND:
        places = " or ".join(f"{on(look)} {look.where} ({long_date(look.checked)}, {_address(look)})" for look in note.places)
        return f"The register looked for the body's response {places} and did not find it."
    if note.state is CoverageState.NOT_LOOKED:
        return "The register has not yet looked for the body's response."
    return ""


@dataclass(frozen=True)
class LookedRow:
    """One place the register looked for a report's responses, as its page lists it."""

    look: Look
    bodies: tuple[str, ...]
    """The bodies whose responses the place would show, by name; empty where it would show any body's."""
    responses: tuple[tuple[str, str], ...]
    """(force id, force name) of each response it showed: the force's name, which is shorter
    than its body's, as the inspectorate's page of a national report may show dozens."""
    documents: tuple[tuple[str, str], ...]
    """(force id, force name) of each document it showed that the register does not count as the body's response."""

    @property
    def only_its_own(self) -> bool:
        """It would show one body's response, and showed it: "showed its response"."""
        return len(self.look.for_forces) == 1 and [force for force, _ in self.responses] == list(self.look.for_forces) and not self.documents


def looked_rows(looks: tuple[Look, ...], standings: list[Standing]) -> list[LookedRow]:
    by_force = {item.force.id: item for item in standings}

    def name(force_id: str) -> str:
        item = by_force.get(force_id)
        if item is None or item.body is None:
            return f"{item.force.name if item else force_id}'s local policing body"
        return item.body.name

    rows = []
    for look in looks:
        shown = [(force_id, by_force[force_id].force.name if force_id in by_force else force_id) for force_id in look.found]
        rows.append(
            LookedRow(
                look,
                tuple(name(force_id) for force_id in look.for_forces),
                tuple(pair for pair in shown if pair[0] in by_force and counted(by_force[pair[0]])),
                tuple(pair for pair in shown if not (pair[0] in by_force and counted(by_force[pair[0]]))),
            )
        )
    return rows


@dataclass(frozen=True)
class Place:
    """A place a group of bodies' responses was looked for, as a compact list names it."""

    where: str
    url: str | None
    """Linked where one page covers every body of the group."""
    checked: date
    on: str = "on"
    """The preposition: on a page, in a copy or a search."""


@dataclass(frozen=True)
class MissingGroup:
    """Bodies whose response the register does not hold, grouped by where and when it looked: one line of a compact list."""

    state: CoverageState
    """Not found, or not yet looked for."""
    places: tuple[Place, ...]
    """Where and when the register looked, newest first; empty when not yet looked for."""
    items: tuple[Standing, ...]


def missing_groups(standings: list[Standing]) -> list[MissingGroup]:
    """The bodies with no response held (none, or only a document the register does not count), as
    groups that share where and when the register looked: not found first (the largest group
    first), then not yet looked for. In a group of several bodies, a place that covers one body is
    named by its kind, as each body's page; its address is in the table of where each body stands."""
    kinds: dict[str, tuple[tuple[bool, str, str | None, date], ...]] = {}
    for item in standings:
        if not counted(item):
            kinds[item.force.id] = tuple(
                dict.fromkeys((look.for_all, look.where, look.url if look.for_all else None, look.checked) for look in item.coverage.looks)
            )
    groups: dict[tuple[CoverageState, tuple], list[Standing]] = {}
    for item in standings:
        if counted(item):
            continue
        state = coverage_state(item)
        groups.setdefault((state, kinds[item.force.id] if state is CoverageState.NOT_FOUND else ()), []).append(item)
    order = list(CoverageState)
    out = []
    for state, key in sorted(groups, key=lambda k: (order.index(k[0]), -len(groups[k]))):
        items = tuple(groups[(state, key)])
        many = len(items) > 1
        if not many and state is CoverageState.NOT_FOUND:  # one body: its own places, linked
            key = tuple(dict.fromkeys((look.for_all, look.where, look.url, look.checked) for look in items[0].coverage.looks))
        places = []
        for for_all, where, url, checked in key:
            if not for_all and many:
                if where.startswith("the body's "):
                    where = "each body's " + where[len("the body's ") :]
                elif where.startswith("a search"):
                    where = where + " for each body"
            places.append(Place(where, url, checked, "in" if where.startswith(("another public copy", SEARCH)) else "on"))
        out.append(MissingGroup(state, tuple(dict.fromkeys(places)), items))
    return out


def held(standings: list[Standing]) -> list[Standing]:
    """The bodies whose response the register holds (transcribed or located), transcribed first, in table order."""
    found = [item for item in standings if counted(item)]
    return [item for item in found if item.response.transcribed] + [item for item in found if not item.response.transcribed]


# One vocabulary --------------------------------------------------------------------------------

TERMS: tuple[tuple[str, str], ...] = (
    ("on time", "published within the 56 days, on the publication date the register holds"),
    ("late", "published after the due date, with the days late"),
    ("dated in period", "the register does not know when the response was published; the document's own date is on or before the due date"),
    ("dated after due date", "the register does not know when the response was published; the document's own date is after the due date, with the days"),
    ("not yet due", "the register holds no response, and the due date has not passed"),
    ("no response held", "the due date has passed and the register holds no response from the body; it says where it looked and when, or that it has not yet looked"),
    ("date unknown", "the register holds the response, but neither when it was published nor a date on the document"),
    ("transcribed", "the register holds the response and its words"),
    ("located", "the register knows the response and where it is, but has not copied its words"),
    ("not found", "the register looked, in the places and on the days it names, and did not find the response"),
    ("not yet looked for", "the register has not yet looked for the response"),
    ("not stated", "the register's sources do not give this fact"),
    ("held", "transcribed or located: a response the register counts"),
    ("cannot be counted", "the data does not support the figure, for the reason given"),
)
"""Each word the register uses for a fact, and its meaning, as the method page defines them."""

RETIRED: tuple[str, ...] = (
    "no published response identified",
    "none identified",
    "no response identified",
    "response identified",
    "not computable",
    "date not stated",
    "dated within the period",
    "words not transcribed",
    "publication date unknown",
)
"""Old wordings of the same facts: no page, CSV or command prints them (tests/test_vocabulary.py)."""
