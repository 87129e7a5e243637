"""Does the document belong to the record it is imported into? What it names, against what the command was told.

A records officer importing a year of documents will, sooner or later, give the wrong
``--force`` or ``--inspection`` for a file. The document usually says whose it is: its
force ("Force: Staffordshire", "Norfolk PCC response…"), its commissioner ("Police and
Crime Commissioner: Ben Adams"), the office ("Police, Fire and Crime Commissioner"), the
report's title and publication date, its own date. Each of these is compared with the record:
the force given, the body in office on the day (data/forces.yaml, with its holders where the
register records them), and the inspection. Every mismatch is a warning, in the command's
report and in the draft's notes; ``--strict`` refuses to write a draft that has any.

Only what the document says in terms is compared; a document silent on a point raises nothing.
"""

from __future__ import annotations

import re
from datetime import date

from register.data.model import Body, Force, Inspection

from .facts import Facts
from .layout import Layout
from .texts import normalise, similarity

_FORCE_SUFFIX = re.compile(r"\s+(?:Constabulary|Police Service|Police Force|Police)$")
_FORCE_FIELD = re.compile(r"^(?:force|police force|force area|police force area|constabulary)$", re.IGNORECASE)
_PFCC = re.compile(r"\bP\.?F\.?C\.?C\b|\bPolice,? Fire,? (?:and|&) Crime Commissioner\b", re.IGNORECASE)
_MAYOR = re.compile(r"\b(?:Mayor|Deputy Mayor for Policing)\b")


def place(force: Force) -> str:
    """The words a document uses for a force: "Cambridgeshire" for Cambridgeshire Constabulary."""
    name = _FORCE_SUFFIX.sub("", force.name)
    return "Metropolitan Police" if name == "Metropolitan" else name


def _mentions(text: str, words: str) -> re.Match[str] | None:
    return re.search(rf"(?<![\w-]){re.escape(words)}(?![\w-])", text)


def warnings(
    layout: Layout, facts: Facts, inspection: Inspection, force: Force, body: Body, forces: tuple[Force, ...] | list[Force], day: date
) -> list[str]:
    """Every point on which the document disagrees with the record it is imported into, each in one sentence."""
    found: list[str] = []
    found.extend(_force_warnings(layout, force, forces))
    if found and facts.named_commissioner:
        _, name, label = facts.named_commissioner
        found.append(
            f'the document names "{name}" as {label}: if it is another force\'s document, document.names would publish a wrong commissioner for {body.name}'
        )
    found.extend(_office_warnings(layout, facts, force, body, forces, day))
    found.extend(_report_warnings(facts, inspection, layout))
    return found


def _force_warnings(layout: Layout, force: Force, forces) -> list[str]:
    own = place(force)
    others = [other for other in forces if other.id != force.id and place(other) != own and own not in place(other)]
    found = []
    for field in layout.fields:  # "Force: Staffordshire", a form's own field for the force
        if _FORCE_FIELD.match(field.label.strip(" :")) and field.value and not _mentions(field.value, own):
            named = [other for other in others if _mentions(field.value, place(other))]
            if named:
                where = layout.blocks[field.blocks[0]].where
                found.append(
                    f'{where}: the document\'s "{field.label.strip(" :")}" field says "{field.value}", which is {named[0].name}, '
                    f"not {force.name} (--force {force.id})"
                )
    if found:
        return found
    text = "\n".join(block.text for block in layout.blocks)
    if _mentions(text, own):
        return []
    for block in layout.blocks:
        named = [other for other in others if _mentions(block.text, place(other))]
        if named:
            return [
                (
                    f'{block.where}: the document names {named[0].name} ("{place(named[0])}") and never {own}; '
                    f"is it {named[0].name}'s response, not {force.name}'s (--force {force.id})?"
                )
            ]
    return []


def _office_warnings(layout: Layout, facts: Facts, force: Force, body: Body, forces, day: date) -> list[str]:
    found = []
    opening = " ".join(block.text for block in layout.blocks[:12])
    if (match := _PFCC.search(opening)) and body.kind != "pfcc":
        found.append(
            f'the document speaks of a "{match.group(0)}", but the body in office on {day} is {body.name} ({body.kind}); '
            "check --force, and the document's date"
        )
    if facts.named_commissioner:
        blocks, name, label = facts.named_commissioner
        where = layout.blocks[blocks[0]].where
        holders = [holder for holder in body.holders if holder.in_office_on(day)]
        if holders and not any(_same_person(name, holder.name) for holder in holders):
            found.append(
                f'{where}: the document names "{name}" as {label}; the register records {", ".join(h.name for h in holders)} '
                f"in office at {body.name} on {day}"
            )
        for other in forces:
            if other.id == force.id:
                continue
            for other_body in other.bodies:
                if any(_same_person(name, holder.name) and holder.in_office_on(day) for holder in other_body.holders):
                    found.append(
                        f'{where}: "{name}", whom the document names as {label}, is recorded as commissioner at {other_body.name}, not {body.name}'
                    )
    return found


def _same_person(a: str, b: str) -> bool:
    return normalise(re.sub(r"^(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady)\.?\s+", "", a)) == normalise(
        re.sub(r"^(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady)\.?\s+", "", b)
    )


def _report_warnings(facts: Facts, inspection: Inspection, layout: Layout) -> list[str]:
    found = list(facts.warnings or [])
    if facts.report_title:
        blocks, title = facts.report_title
        if not same_report(title, inspection.title):
            where = layout.blocks[blocks[0]].where
            found.append(
                f'{where}: the document\'s title for the report, "{title}", is not the title of {inspection.id} ("{inspection.title}"); check --inspection'
            )
    return found


def same_report(theirs: str, ours: str) -> bool:
    """The document's title for the report is the inspection's: the one holds the other, or most of its words."""
    left, right = normalise(theirs), normalise(ours)
    if not left or not right or left in right or right in left or similarity(theirs, ours) >= 0.75:
        return True
    words = {word for word in right.split() if len(word) > 3}
    theirs_words = set(left.split())
    return bool(words) and len(words & theirs_words) / len(words) >= 0.7
