"""Put together a draft response record from what the importer found, and write it as YAML.

The draft has the shape of a response file, so the schema and every cross-file rule check
it as they check a hand-made one. What a person must still decide sits in a ``draft``
block (the proposals, with the words behind each, and the per-recommendation report),
and ``register check`` refuses the file until that block is deleted and ``section_55.why``
says, in a person's words, why the document is read as it is. Text the importer could not
place goes to ``unplaced_text`` verbatim, so nothing in the source is lost.

Each passage is stored once: recommendations answered by the same paragraph share one answer
listing them all, and a paragraph of the body's comments taken as a general answer leaves the
statement it was in (taking the statement's heading with it where nothing else is left).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from register.data.model import NOT_STATED, Force, Inspection
from register.data.yamlfile import field_name

from . import consistency, labels
from .facts import Facts, find_facts, propose_kind
from .layout import Block, Layout, Section, lay_out
from .matching import Match, Matching, cover_remaining, match_answers
from .readers import Paragraph
from .texts import normalise, strip_answer_label

_STATEMENT = re.compile(r"\b(?:response|comments?|acknowledgement|statement|reply|foreword)\b", re.IGNORECASE)
_NOT_STATEMENT = re.compile(r"\bdeadline\b|\bresponse form\b", re.IGNORECASE)
_OFFICE_USE = re.compile(r"\boffice use\b", re.IGNORECASE)
_DESCRIBED = re.compile(
    r"^(?:\d+(?:\.\d+)?\.?\s*)?(?:recommendations?\b|key findings|findings|summary|areas? for improvement|inspection title|title of inspection|"
    r"date published|published on|publication types?|type of inspection|police forces?|link to (?:the )?report|inspectorate|grade|force\b|report\b)",
    re.IGNORECASE,
)


@dataclass
class Draft:
    """The draft record, and the lines of the report to print."""

    record: dict[str, Any]
    report: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    """Where the document disagrees with the record it is imported into (another force, another report)."""


@dataclass
class _Placement:
    """Where each paragraph of the document went, so that none is lost on the way."""

    blocks: list[Block]
    placed: dict[int, str] = field(default_factory=dict)
    """Block index → "" where its words were copied into the record, else how it was recognised."""

    def copied(self, *indexes: int) -> None:
        for index in indexes:
            self.placed.setdefault(index, "")

    def recognise(self, index: int, how: str) -> None:
        self.placed.setdefault(index, how)

    def free(self, blocks: list[Block]) -> list[Block]:
        """The text paragraphs among ``blocks`` not yet placed."""
        return [block for block in blocks if block.index not in self.placed and block.role == "text"]

    def recognised(self) -> list[dict[str, str]]:
        return [{"text": _shown(block), "as": self.placed[block.index]} for block in self.blocks if self.placed.get(block.index)]

    def unplaced(self) -> list[str]:
        return [_shown(block) for block in self.blocks if block.index not in self.placed]


@dataclass
class _Sections:
    statements: list[dict[str, Any]] = field(default_factory=list)
    proposals: list[labels.Proposal] = field(default_factory=list)
    """Whose words each statement is, in the order of ``statements``."""
    parts: list[list[Block]] = field(default_factory=list)
    """The paragraphs of each statement's text, in the order of ``statements``."""
    statement_blocks: list[int] = field(default_factory=list)
    checklist: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Voice:
    """Where an answer taken from the body's comments came from: whose words, and the heading it moves with."""

    by: labels.Proposal
    heading: str | None


_ENDORSE = re.compile(r"\b(?:endorse(?:ment)?|approv(?:e|al))\b.{0,80}?\bproposed response\b", re.IGNORECASE)


def build_draft(
    paragraphs: list[Paragraph],
    inspection: Inspection,
    force: Force,
    *,
    source_name: str,
    suffix: str,
    url: str | None = None,
    transcript: str | None = None,
    forces: tuple[Force, ...] | list[Force] = (),
) -> Draft:
    """Read the document's paragraphs into a draft response to ``inspection`` by ``force``'s body."""
    layout = lay_out(paragraphs)
    facts = find_facts(layout, inspection)
    kind = propose_kind(layout, facts, suffix)
    board_report = kind.value == "board report"
    matching = match_answers(layout, inspection)
    placement = _Placement(layout.blocks)
    for answer in matching.tables.answers:
        for index in answer.rows:
            if index in matching.answer_blocks():
                placement.recognise(
                    index, f"a table row answering recommendation {answer.number}: the report's words for it, and the answer, copied to its answer"
                )
    placement.copied(*matching.answer_blocks())
    placement.copied(*(match.heading_block for match in matching.matches.values() if match.heading_block is not None))
    for index, how in matching.tables.headers.items():
        placement.recognise(index, how)
    _place_facts(facts, placement)
    for quote in matching.quotes:
        for index in quote.blocks:
            if not _only_quotes(layout.blocks[index], [q for q in matching.quotes if index in q.blocks]):
                continue  # words beside the quotation (an answer in the next cell, say) must not hide in the draft
            numbers = sorted({q.number for q in matching.quotes if index in q.blocks})
            listed = ", ".join(str(number) for number in numbers)
            plural = len(numbers) > 1
            placement.recognise(
                index, f"the report's recommendation{'s' if plural else ''} {listed}, as the document quotes {'them' if plural else 'it'}"
            )
    sections = _read_sections(layout, facts, board_report, placement)
    for row in (block for block in layout.blocks if block.role == "row" and block.index not in matching.tables.claimed):
        label = row.paragraph.cells[0]
        if _NAMES_A_RECOMMENDATION.match(label):
            continue  # a row about one recommendation that could not be read: unplaced, for a person to place
        if _DESCRIBED.search(label) or re.search(r"\b(?:inspection|inspectorate|summary)\b", label, re.IGNORECASE):
            placement.recognise(row.index, f'the document\'s account of the inspection (its "{label}" row)')
    cover_remaining(matching, layout, sections.statement_blocks, inspection)
    covering = {index for match in matching.matches.values() if match.how.startswith("one answer") for index in match.blocks}
    statements, statement_proposals, voices = _store_once(sections, covering)

    notes = list(facts.notes or []) + list(matching.notes)
    day = facts.document_date[1] if facts.document_date else inspection.published
    body = force.body_on(day)
    if body is None:
        body = force.current_body
        notes.append(f"no body of {force.name} was in office on the date used; {body.id} is proposed")
    warnings = consistency.warnings(layout, facts, inspection, force, body, forces or (force,), day)
    notes = [f"warning: {warning}" for warning in warnings] + notes
    status = _status(layout)
    document: dict[str, Any] = {
        "kind": kind.value,
        "status": status.value,
        "title": facts.title[1] if facts.title else NOT_STATED,
        "date": facts.document_date[1].isoformat() if facts.document_date else NOT_STATED,
    }
    if facts.sender:
        document["from"] = facts.sender[1]
    if facts.addressee:
        document["to"] = facts.addressee[1]
    if facts.signatory:
        _, name, role, label = facts.signatory
        document["signed_by"] = [{"name": name, "role": role, **({"label": label} if label else {})}]
    if facts.named_commissioner:
        _, name, label = facts.named_commissioner
        document["names"] = [{"name": name, "role": "commissioner", "label": label}]
    document["copies"] = [{"url": url, "checked": NOT_STATED}] if url else []
    if transcript:
        document["transcript"] = transcript
    if asserts := _asserts(facts):
        document["asserts"] = asserts
    reading = _reading(kind, status)
    record: dict[str, Any] = {
        "inspection": inspection.id,
        "force": force.id,
        "body": body.id,
        "record": "transcribed",
        "section_55": {"reading": reading.value, "why": NOT_STATED},
        "published": NOT_STATED,
        "document": document,
    }
    if sections.checklist:
        record["office_use_checklist"] = sections.checklist
    record["statements"] = statements

    proposals = [
        {"field": "document.kind", "value": kind.value, "because": kind.because},
        {"field": "document.status", "value": status.value, "because": status.because},
        {"field": "section_55.reading", "value": reading.value, "because": reading.because},
    ]
    for number, proposal in enumerate(statement_proposals):
        proposals.append({"field": field_name(("statements", number, "by")), "value": proposal.value, "because": proposal.because})
    sender = facts.sender[1] if facts.sender else None
    record["answers"], answer_proposals, report = _answers(matching, inspection, voices, sender, board_report)
    proposals.extend(answer_proposals)
    unanswered = [rec.number for rec in inspection.recommendations if rec.number not in matching.matches]
    if unanswered:
        record["not_answered"] = unanswered
        proposals.append(
            {
                "field": "not_answered",
                "value": ", ".join(map(str, unanswered)),
                "because": "no answer to them was found; confirm on reading the document that it gives none, or add their answers",
            }
        )
    record["last_checked"] = NOT_STATED

    unplaced = placement.unplaced()
    if unplaced:
        record["unplaced_text"] = unplaced
    draft_block: dict[str, Any] = {"status": "draft", "source": source_name, "proposals": proposals, "report": report}
    if recognised := placement.recognised():
        draft_block["recognised"] = recognised
    if notes:
        draft_block["notes"] = notes
    record["draft"] = draft_block

    lines = [f"recommendation {entry['recommendation']}: {entry['result']}" for entry in report]
    undecided = sum(1 for proposal in proposals if proposal["value"] == NOT_STATED)
    lines.append(f"{len(proposals)} proposals to confirm ({undecided} left 'not stated' for you to decide)")
    lines.append("section_55.why is left \"not stated\": say why the register reads the document as it does")
    if unplaced:
        lines.append(
            f"{len(unplaced)} paragraph{'s' if len(unplaced) != 1 else ''} not placed: see unplaced_text "
            "(`register check` refuses the file until each is moved or deleted)"
        )
    lines.extend(note if note.startswith("warning: ") else f"note: {note}" for note in notes)
    return Draft(record, lines, warnings)


def _status(layout: Layout) -> labels.Proposal:
    """The document's status, only where its words say it is a proposed response put for endorsement."""
    for block in layout.blocks:
        if match := _ENDORSE.search(block.text):
            return labels.Proposal("proposed", f'the words "{match.group(0)}"')
    return labels.Proposal(NOT_STATED, "no words give the document's status")


def _reading(kind: labels.Proposal, status: labels.Proposal) -> labels.Proposal:
    """Whether the register would count the document as the body's section 55 response; a person says why."""
    if status.value == "proposed":
        return labels.Proposal("unclear", f"it proposes a response ({status.because}); whether the body published it so is not known")
    if kind.value == "board report":
        return labels.Proposal("unclear", "a board report, not the body's own response document")
    return labels.Proposal("the body's response", f"the body's own {kind.value}, and nothing in it says otherwise")


def _asserts(facts: Facts) -> dict[str, Any]:
    """What the document says of itself and of the report, in its own words, where the importer recognised it."""
    found: dict[str, Any] = {}
    if facts.section_cited:
        found["section_cited"] = facts.section_cited[1]
    if facts.stated_deadline:
        _, day, words = facts.stated_deadline
        found["deadline"] = {"words": words, "date": day.isoformat()}
    if facts.report_title:
        found["report_title"] = facts.report_title[1]
        if reference := re.match(r"^(#\d+)\b", facts.report_title[1]):
            found["report_reference"] = reference.group(1)
    if facts.report_label:
        found["report_label"] = facts.report_label[1]
    if facts.report_dates:
        found["report_published"] = facts.report_dates[0][1]
    if facts.forces_field:
        found["forces_field"] = facts.forces_field[1]
    return found


def _store_once(sections: _Sections, covering: set[int]) -> tuple[list[dict[str, Any]], list[labels.Proposal], dict[int, _Voice]]:
    """Take the paragraphs that became an answer out of the statements they were in: a passage is stored once.

    A statement left with no paragraphs is dropped, and its heading goes with the answer. Each
    taken paragraph remembers whose words the statement was, for the answer's ``by``.
    """
    statements: list[dict[str, Any]] = []
    proposals: list[labels.Proposal] = []
    voices: dict[int, _Voice] = {}
    for statement, proposal, parts in zip(sections.statements, sections.proposals, sections.parts):
        kept = [block for block in parts if block.index not in covering]
        taken = [block for block in parts if block.index in covering]
        for block in taken:
            voices[block.index] = _Voice(proposal, None if kept else statement.get("heading"))
        if not kept:
            continue
        if taken:
            statement = {**statement, "text": "\n\n".join(block.text for block in kept)}
        statements.append(statement)
        proposals.append(proposal)
    return statements, proposals, voices


def _read_sections(layout: Layout, facts: Facts, board_report: bool, placement: _Placement) -> _Sections:
    """Statements, the office-use checklist and the document's account of the inspection, by section heading.

    A section headed as someone's response or comments is a statement; in a board report
    every section after the title is the sender's. What is left of a section about the
    inspection itself ("Key Findings", "Inspection Title:") is recognised as such.
    """
    found = _Sections()
    sender = facts.sender[1] if facts.sender else None
    title_index = facts.title[0] if facts.title else None
    after_title = title_index is None
    for section in layout.sections:
        heading = section.title
        if title_index in [block.index for block in section.body] + ([section.heading.index] if section.heading else []):
            after_title = True
            continue
        free = placement.free(section.body)
        if _OFFICE_USE.search(heading):
            if any(block.paragraph.bullet for block in free):  # a list of items: what follows the list is not part of it
                free = [block for block in free if block.paragraph.bullet]
            found.checklist.extend(block.text for block in free)
            placement.copied(*(block.index for block in free))
            if section.heading:
                placement.recognise(section.heading.index, "office_use_checklist (its heading)")
            continue
        is_statement = bool(_STATEMENT.search(heading)) and not _NOT_STATEMENT.search(heading)
        if heading and free and (is_statement or (board_report and after_title)):
            proposal = labels.propose_by(heading, sender if board_report else None)
            statement: dict[str, Any] = {"by": proposal.value, "heading": heading, "text": "\n\n".join(block.text for block in free)}
            found.statements.append(statement)
            found.proposals.append(proposal)
            found.parts.append(list(free))
            found.statement_blocks.extend(block.index for block in free)
            placement.copied(section.heading.index, *(block.index for block in free))  # type: ignore[union-attr]
            continue
        described = bool(heading) and _DESCRIBED.search(heading) is not None
        if described:
            for block in section.body:
                if block.role == "text" and not _may_answer(block.text):
                    placement.recognise(block.index, f'the document\'s account of the inspection, under "{heading}"')
            placement.recognise(section.heading.index, "a heading of the document's account of the inspection")  # type: ignore[union-attr]
        elif section.heading and _holds_answers(section, placement):
            placement.recognise(section.heading.index, "the heading over the answers")
    return found


_NAMES_A_RECOMMENDATION = re.compile(r"^\s*(?:recommendation|rec\.?)\s*(?:no\.?\s*)?\d|^\s*\d{1,3}\s*[.):]?\s*$", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|our|Our|my|My)\b")


def _may_answer(text: str) -> bool:
    """Words that could be a body's answer: a speaker's label, the first person, or words a label rule reads.

    Such a paragraph is never filed away as the document's account of the inspection, where
    only the draft block would show it: it stays in ``unplaced_text`` for a person to place.
    """
    if strip_answer_label(text)[0] or _FIRST_PERSON.search(text):
        return True
    return labels.propose_position(text).value != NOT_STATED or labels.propose_progress(text).value != NOT_STATED


def _only_quotes(block: Block, quotes: list) -> bool:
    """The block holds the quoted recommendations and little else: at most a label and numbers beside them.

    A table row "recommendation | answer" quotes the recommendation too; recognising the whole
    row as a quotation would leave its answer only in the draft block, so it is not.
    """
    quoted = sum(len(normalise(quote.text)) for quote in quotes if quote.text)
    if not quoted:
        return len(normalise(block.text)) <= 40  # "Recommendation 19:" on its own
    return len(normalise(block.text)) <= quoted * 1.15 + 40


def _holds_answers(section: Section, placement: _Placement) -> bool:
    """Every paragraph under the heading is placed, and some were copied as answers or statements."""
    found = [placement.placed.get(block.index) for block in section.body]
    return bool(found) and None not in found and "" in found


def _answers(
    matching: Matching, inspection: Inspection, voices: dict[int, _Voice], sender: str | None, board_report: bool
) -> tuple[list[dict[str, Any]], list[dict[str, str]], list[dict[str, Any]]]:
    """The answers with proposed labels, the label proposals, and the per-recommendation report.

    Recommendations matched to the same passage share ONE answer that lists them all (or
    says "all", where the document lists none and its general answer is taken for every one).
    """
    groups: dict[tuple[int, ...], list[Match]] = {}
    for rec in inspection.recommendations:
        if (match := matching.matches.get(rec.number)) is not None:
            groups.setdefault(match.blocks, []).append(match)
    answers: list[dict[str, Any]] = []
    proposals: list[dict[str, str]] = []
    shared_with: dict[int, list[int]] = {}
    for group in groups.values():
        first = group[0]
        numbers = [match.number for match in group]
        for number in numbers:
            shared_with[number] = [other for other in numbers if other != number]
        voice = voices.get(first.blocks[0])
        by = voice.by if voice else _answer_by(first, sender, board_report)
        position = first.position or labels.propose_position(first.text)
        progress = first.progress or labels.propose_progress(first.text)
        every = all(match.covers_all for match in group) and len(numbers) == len(inspection.recommendations)
        answer: dict[str, Any] = {"recommendations": "all" if every else numbers, "by": by.value}
        shown = [match.shown_as for match in group]
        if all(shown):
            answer["numbered_in_document"] = ", ".join(shown)  # type: ignore[arg-type]
        heading = first.heading or (voice.heading if voice else None)
        if heading:
            answer["heading"] = heading
        answer.update({"text": first.text, "position": position.value, "progress": progress.value})
        for key, proposal in (("by", by), ("position", position), ("progress", progress)):
            proposals.append({"field": field_name(("answers", len(answers), key)), "value": proposal.value, "because": proposal.because})
        answers.append(answer)
    report: list[dict[str, Any]] = []
    for rec in inspection.recommendations:
        match = matching.matches.get(rec.number)
        if match is None:
            report.append({"recommendation": rec.number, "result": f"not matched: {matching.reasons.get(rec.number, 'no answer found')}"})
            continue
        others = shared_with.get(rec.number)
        together = f", in one answer with {_listed(others)}" if others else ""
        result = f"matched by {match.how}{together} (confidence {match.confidence:.2f})"
        entry: dict[str, Any] = {"recommendation": rec.number, "result": result}
        if match.label:
            entry["left_out"] = match.label
        report.append(entry)
    return answers, proposals, report


def _answer_by(match: Match, sender: str | None, board_report: bool) -> labels.Proposal:
    """Who speaks: the label in front of the answer, else the header of its table column, else the document's voice."""
    if match.label or not match.column:
        return labels.propose_answer_by(match.label, sender, board_report)
    proposal = labels.propose_answer_by(match.column, sender, board_report)
    if proposal.because.startswith("the label"):
        return labels.Proposal(proposal.value, f'the header "{match.column}" of the answer\'s column in the table')
    return proposal


def _listed(numbers: list[int]) -> str:
    words = [str(number) for number in numbers]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _shown(block: Block) -> str:
    """A paragraph as the reviewer reads it: a table row's cells separated by " | "."""
    return " | ".join(block.paragraph.cells) if block.paragraph.cells else block.text


def _place_facts(facts: Facts, placement: _Placement) -> None:
    """Blocks read as the document's own facts: copied where the words are kept, else recognised."""
    if facts.title:
        placement.copied(facts.title[0])
    if facts.signatory:
        placement.copied(*facts.signatory[0])  # the name and the role as the document writes them: document.signed_by
    if facts.sender:
        blocks, sender = facts.sender
        if len(blocks) == 1 and placement.blocks[blocks[0]].text == sender:
            placement.copied(blocks[0])
        for index in blocks:
            placement.recognise(index, "document.from")
    for found, how in (
        (facts.addressee, "document.to"),
        (facts.document_date, "document.date"),
        (facts.stated_deadline, "document.asserts.deadline"),
        (facts.named_commissioner, "document.names"),
        (facts.report_title, "document.asserts.report_title: the document's title for the report"),
        (facts.report_label, "document.asserts.report_label: the document's label for the kind of report"),
        (facts.forces_field, "document.asserts.forces_field"),
    ):
        for index in found[0] if found else ():
            placement.recognise(index, how)
    for number, (blocks, _) in enumerate(facts.report_dates or []):
        where = ": document.asserts.report_published" if number == 0 else ""
        for index in blocks:
            placement.recognise(index, f"the report's publication date, as the document gives it (not the date of the response){where}")
    if facts.section_cited and facts.section_cited[0] in (facts.duty or []):
        placement.recognise(
            facts.section_cited[0], "the form's note of the statutory duty to respond; the section it cites: document.asserts.section_cited"
        )
    for index in facts.duty or []:
        placement.recognise(index, "the form's note of the statutory duty to respond")


# --- YAML ---------------------------------------------------------------------------------

HEADER = """\
# DRAFT made by `register import` from {source}. Nothing in it is confirmed yet.
# To review: read each answer against the document; confirm or change every label listed
# under draft.proposals (the words behind each are given), and not_answered where it is
# proposed; write under section_55.why, in your words, why the register reads the document
# as it does; move anything in unplaced_text that belongs in the record; then delete the
# whole `draft:` block at the end.
# Until then, `register check` and the build refuse this file.
"""


class _Dumper(yaml.SafeDumper):
    """Block style for text with line breaks, so paragraphs read as they do in the document."""


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else (">" if len(value) > 80 else None)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_list(dumper: yaml.SafeDumper, value: list) -> yaml.SequenceNode:
    """Lists of numbers on one line, as staff write them: recommendations: [19, 20, 21]."""
    numbers = bool(value) and all(isinstance(item, int) and not isinstance(item, bool) for item in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=numbers)


_Dumper.add_representer(str, _represent_text)
_Dumper.add_representer(list, _represent_list)


def to_yaml(record: dict[str, Any], source: str, schema: str | None = None) -> str:
    """The draft as YAML, with a header saying how to review it; ``schema`` is the editor's schema path."""
    body = yaml.dump(record, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=88, indent=2)
    modeline = f"# yaml-language-server: $schema={schema}\n" if schema else ""
    text = modeline + HEADER.format(source=source) + body
    if yaml.safe_load(text) != record:  # pragma: no cover - a guard against a YAML writer surprise
        raise ValueError("the draft did not survive being written as YAML")
    return text


def write_draft(text: str, target: Path) -> None:
    """Write ``text`` to ``target`` in one step, so a failure never leaves half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.importing")
    temporary.write_text(text, "utf-8")
    temporary.replace(target)
