"""The facts a response document states about itself: title, sender, dates, kind, commissioner.

Forms describe the report as well as answering it, so a date is used only for what its
label says: "Date: 26 May 2020" is the document's date, "Section 55 Response Deadline"
is the deadline the body states, and "Date Published: 20/07/2023" on a form is the
report's publication date, not the response's, and is never taken for it.

What a form says of the report and of itself (its title and label for the report, the
deadline it states, the section it cites) is kept in its own words for ``document.asserts``:
the register shows them as the document's words, and never as its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from register.data.model import Inspection

from .labels import Proposal
from .layout import Field, Layout

_MONTHS = {name: number for number, names in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")), start=1) for name in names}  # fmt: skip
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY_MONTH_YEAR = re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>\d{{4}})\b")
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,\s+(?P<year>\d{{4}})\b")
_NUMERIC = re.compile(r"\b(?P<day>\d{1,2})[/.](?P<month>\d{1,2})[/.](?P<year>\d{4})\b")
_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")
_MONTH_YEAR = re.compile(rf"^\s*{_MONTH}\s+(?P<year>\d{{4}})\s*$")

DATE_LABELS = ("date", "dated", "response date", "date of response", "date of report")
REPORT_DATE_LABELS = ("date published", "published on", "published", "date of publication", "publication date")
_COMMISSIONER_LABEL = re.compile(
    r"^(?:police,? (?:fire )?and crime commissioner|police crime and commissioner|p\.?f?\.?c\.?c\.?|commissioner)$", re.IGNORECASE
)
_PERSONAL_NAME = re.compile(r"^(?:(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady)\.? )?[A-Z][a-z'’]+(?:-[A-Z]?[a-z'’]+)?(?: [A-Z][a-z'’]+(?:-[A-Z]?[a-z'’]+)?){1,3}$")
_OFFICE = re.compile(r"\boffice of (?:the )?(?:police|pcc|pfcc|mayor)|^o\.?p\.?f?\.?c\.?c\b", re.IGNORECASE)
_REPORT_TITLE_LABEL = re.compile(r"^(?:inspection title|title of (?:the )?(?:inspection|report)|report title)$", re.IGNORECASE)
_REPORT_LABEL_LABEL = re.compile(r"^(?:type of (?:inspection|report)|inspection type|publication types?)$", re.IGNORECASE)
_SECTION_CITED = re.compile(r"\b[Ss]ection \d+[A-Z]?(?:\(\d+\))? of the (?:[A-Z][a-z]+ )+Act \d{4}(?: \(as amended[^)]*\))?")
_DUTY = re.compile(
    r"requires? (?:local policing bodies|the (?:local policing body|pcc|commissioner)) to (?:respond|publish)", re.IGNORECASE
)


def parse_date(text: str) -> date | None:
    """A full date written in ``text`` (UK day-first for numbers), or None."""
    for pattern in (_ISO, _DAY_MONTH_YEAR, _MONTH_DAY_YEAR, _NUMERIC):
        match = pattern.search(text)
        if not match:
            continue
        month = match["month"]
        number = int(month) if month.isdigit() else _MONTHS.get(month.lower())
        try:
            return date(int(match["year"]), number, int(match["day"])) if number else None
        except ValueError:
            return None
    return None


def parse_month(text: str) -> tuple[int, int] | None:
    """(year, month) where ``text`` is only a month and year, such as "March 2020"."""
    match = _MONTH_YEAR.match(text)
    if match and (number := _MONTHS.get(match["month"].lower())):
        return int(match["year"]), number
    return None


@dataclass
class Facts:
    """What the document says about itself, each with the blocks it came from."""

    title: tuple[int, str] | None = None
    sender: tuple[tuple[int, ...], str] | None = None
    addressee: tuple[tuple[int, ...], str] | None = None
    document_date: tuple[tuple[int, ...], date] | None = None
    stated_deadline: tuple[tuple[int, ...], date, str] | None = None
    """(blocks, the date, the document's words for it)."""
    named_commissioner: tuple[tuple[int, ...], str, str] | None = None
    """(blocks, the name, the document's label for the office)."""
    report_dates: list[tuple[tuple[int, ...], str]] | None = None
    """Blocks that give the report's own publication date."""
    report_title: tuple[tuple[int, ...], str] | None = None
    """The document's title for the report ("Inspection Title:"), in its words."""
    report_label: tuple[tuple[int, ...], str] | None = None
    """The document's label for the kind of report ("Type of Inspection:")."""
    forces_field: tuple[tuple[int, ...], str] | None = None
    """What the document's "Police Forces:" field says."""
    section_cited: tuple[int, str] | None = None
    """The statutory provision the document cites, verbatim, and where."""
    duty: list[int] | None = None
    """Blocks that restate the statutory duty, as forms do in their preamble."""
    notes: list[str] | None = None
    warnings: list[str] | None = None
    """Where the document's own dates disagree with the report's: it may answer another report."""
    signatory: tuple[tuple[int, ...], str, str, str | None] | None = None
    """(blocks, the name, the register's role for it, the document's words for the role) of who signed it."""


def find_facts(layout: Layout, inspection: Inspection) -> Facts:
    facts = Facts(report_dates=[], duty=[], notes=[], warnings=[])
    facts.title = _title(layout)
    first = layout.blocks[0] if layout.blocks else None
    if first is not None and _OFFICE.search(first.text) and len(first.text) <= 100 and (facts.title is None or facts.title[0] != 0):
        facts.sender = ((0,), first.text)
    for field in layout.fields:
        _use_field(field, facts, inspection, layout)
    if facts.report_title is None:
        facts.report_title = _long_report_title(layout)
    facts.duty = [block.index for block in layout.blocks if block.role == "text" and _DUTY.search(block.text)]
    facts.section_cited = next(
        ((block.index, match.group(0)) for block in layout.blocks if (match := _SECTION_CITED.search(block.text))), None
    )
    facts.signatory = _signatory(layout)
    return facts


_SIGN_OFF = re.compile(r"^(?:yours (?:sincerely|faithfully)|kind regards|best wishes|with best wishes)[,.]?$", re.IGNORECASE)
_SIGNED = re.compile(r"^(?:signed|signature|signed by)\s*[:\-]\s*(?P<name>.+)$", re.IGNORECASE)
_ROLES = (
    ("deputy commissioner", re.compile(r"\bdeputy (?:police,? (?:fire )?(?:and|&) crime )?commissioner\b|\bdeputy (?:p\.?f?\.?c\.?c|mayor)\b", re.IGNORECASE)),
    ("commissioner", re.compile(r"\bcommissioner\b|\bp\.?f?\.?c\.?c\b|\bmayor\b", re.IGNORECASE)),
    ("chief constable", re.compile(r"\bchief constable\b", re.IGNORECASE)),
    ("chief executive", re.compile(r"\bchief executive\b", re.IGNORECASE)),
)


def _signatory(layout: Layout) -> tuple[tuple[int, ...], str, str, str | None] | None:
    """Who signed: a name after "Yours sincerely" (or on a "Signed:" line), with the role on the line below it."""
    blocks = layout.blocks
    for block in blocks:
        name_index: int | None = None
        name = ""
        if _SIGN_OFF.match(block.text.strip()):
            following = [b for b in blocks[block.index + 1 : block.index + 3] if not b.paragraph.cells]
            for candidate in following:
                if _PERSONAL_NAME.match(candidate.text.strip()):
                    name_index, name = candidate.index, candidate.text.strip()
                    break
        elif (signed := _SIGNED.match(block.text.strip())) and _PERSONAL_NAME.match(signed["name"].strip()):
            name_index, name = block.index, signed["name"].strip()
        if name_index is None:
            continue
        after = blocks[name_index + 1] if name_index + 1 < len(blocks) else None
        if after is not None and len(after.text) <= 120:
            for role, pattern in _ROLES:
                if pattern.search(after.text):
                    return (name_index, after.index), name, role, after.text.strip()
        return (name_index,), name, "other", None
    return None


def _long_report_title(layout: Layout) -> tuple[tuple[int, ...], str] | None:
    """A title for the report too long to read as a field: the paragraph under an "Inspection Title:" heading."""
    for section in layout.sections:
        if section.heading and _REPORT_TITLE_LABEL.match(section.heading.text.rstrip(": ").strip()) and section.body:
            first = section.body[0]
            if first.role == "text":
                return (section.heading.index, first.index), first.text
    return None


def _use_field(field: Field, facts: Facts, inspection: Inspection, layout: Layout) -> None:
    label = " ".join(field.label.lower().split())
    where = layout.blocks[field.blocks[0]].where
    value = field.value.strip()
    if label == "from" and value:
        facts.sender = (field.blocks, value)
    elif label == "to" and value:
        facts.addressee = (field.blocks, value)
    elif "deadline" in label and (day := parse_date(value)):
        facts.stated_deadline = (field.blocks, day, value)
    elif label in DATE_LABELS and (day := parse_date(value)):
        if day < inspection.published:
            facts.warnings.append(f'{where}: the document\'s date "{value}" is before the report was published ({inspection.published}); it is not used; check --inspection')  # type: ignore[union-attr]
        elif facts.document_date is None:
            facts.document_date = (field.blocks, day)
    elif label in REPORT_DATE_LABELS:
        day, month = parse_date(value), parse_month(value)
        if day == inspection.published or month == (inspection.published.year, inspection.published.month):
            facts.report_dates.append((field.blocks, value))  # type: ignore[union-attr]
        else:
            facts.warnings.append(  # type: ignore[union-attr]
                f'{where}: "{field.label}: {value}" is not the report\'s publication date ({inspection.published}); '
                "check --inspection; if it is the date the body published its response, write it as 'published'"
            )
    elif _COMMISSIONER_LABEL.match(field.label.strip()) and _PERSONAL_NAME.match(value):
        facts.named_commissioner = (field.blocks, value, field.label.strip())
    elif _REPORT_TITLE_LABEL.match(label) and value and facts.report_title is None:
        facts.report_title = (field.blocks, value)
    elif _REPORT_LABEL_LABEL.match(label) and value and facts.report_label is None:
        facts.report_label = (field.blocks, value)
    elif label in ("police forces", "police force", "forces") and value and facts.forces_field is None:
        facts.forces_field = (field.blocks, value)


_TITLE_RULES = (
    re.compile(r"\bresponse to\b.*\b(?:inspections?|report|hmicfrs)\b", re.IGNORECASE),
    re.compile(r"\backnowledgement record\b|\bresponse form\b|\bresponse to (?:the )?hmicfrs\b", re.IGNORECASE),
    re.compile(r"\b(?:hmicfrs|inspection|report)\b", re.IGNORECASE),
)


def _title(layout: Layout) -> tuple[int, str] | None:
    """The document's own heading: a "… response to inspections …" line, or the first heading naming the report."""
    early = [block for block in layout.blocks[:15] if block.role in ("heading", "text") and 8 <= len(block.text) <= 300]
    for number, rule in enumerate(_TITLE_RULES):
        for block in early:
            if block.role != "heading" and (number == 2 or block.index > 3):
                continue
            if rule.search(block.text) and not block.text.endswith(":"):
                return block.index, block.text
    return None


def propose_kind(layout: Layout, facts: Facts, suffix: str) -> Proposal:
    """The kind of document, from cues in its own words; "response form" where nothing says otherwise."""
    sender = facts.sender[1] if facts.sender else ""
    addressee = facts.addressee[1] if facts.addressee else ""
    if re.search(r"\b(?:board|committee|panel|meeting)\b", addressee, re.IGNORECASE) and re.search(
        r"\bchief constable\b", sender, re.IGNORECASE
    ):
        return Proposal("board report", f'"To: {addressee}" and "From: {sender}"')
    opening = " ".join(block.text for block in layout.blocks[:8])
    if match := re.search(r"\backnowledgement record\b", opening, re.IGNORECASE):
        return Proposal("acknowledgement record", f'the words "{match.group(0)}"')
    texts = [block.text for block in layout.blocks]
    if any(text.startswith("Dear ") for text in texts) and any(re.match(r"Yours (?:sincerely|faithfully)", text) for text in texts):
        return Proposal("letter", 'it opens "Dear …" and closes "Yours …"')
    if suffix in (".html", ".htm"):
        return Proposal("web page", f"it was imported from a web page ({suffix})")
    if facts.title and (match := re.search(r"\bresponse (?:form|to)\b", facts.title[1], re.IGNORECASE)):
        return Proposal("response form", f'its title says "{match.group(0)}"')
    return Proposal("response form", "no words suggest a board report, acknowledgement record or letter; a response form is the usual kind")
