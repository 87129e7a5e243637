"""Put together a draft response record from what the importer found, and write it as YAML.

The draft has the shape of a response file, so the schema and every cross-file rule check
it as they check a hand-made one. What a person must still decide sits in a ``draft``
block (the proposals, with the words behind each, and the per-recommendation report),
and ``register check`` refuses the file until that block is deleted. Text the importer
could not place goes to ``unplaced_text`` verbatim, so nothing in the source is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..model import NOT_STATED, Force, Inspection
from ..yamlfile import field_name
from . import labels
from .facts import Facts, find_facts, propose_kind
from .layout import Block, Layout, Section, lay_out
from .matching import Matching, cover_remaining, match_answers
from .readers import Paragraph

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
    statement_blocks: list[int] = field(default_factory=list)
    checklist: list[str] = field(default_factory=list)


def build_draft(
    paragraphs: list[Paragraph],
    inspection: Inspection,
    force: Force,
    *,
    source_name: str,
    suffix: str,
    url: str | None = None,
    transcript: str | None = None,
) -> Draft:
    """Read the document's paragraphs into a draft response to ``inspection`` by ``force``'s body."""
    layout = lay_out(paragraphs)
    facts = find_facts(layout, inspection)
    kind = propose_kind(layout, facts, suffix)
    matching = match_answers(layout, inspection)
    placement = _Placement(layout.blocks)
    placement.copied(*matching.answer_blocks())
    _place_facts(facts, placement)
    for quote in matching.quotes:
        for index in quote.blocks:
            numbers = sorted({q.number for q in matching.quotes if index in q.blocks})
            listed = ", ".join(str(number) for number in numbers)
            plural = len(numbers) > 1
            placement.recognise(
                index, f"the report's recommendation{'s' if plural else ''} {listed}, as the document quotes {'them' if plural else 'it'}"
            )
    sections = _read_sections(layout, facts, kind.value == "board report", placement)
    for row in (block for block in layout.blocks if block.role == "row"):
        label = row.paragraph.cells[0]
        if _DESCRIBED.search(label) or re.search(r"\b(?:inspection|inspectorate|summary)\b", label, re.IGNORECASE):
            placement.recognise(row.index, f'the document\'s account of the inspection (its "{label}" row)')
    cover_remaining(matching, layout, sections.statement_blocks, inspection)

    notes = list(facts.notes or []) + list(matching.notes)
    body = force.body_on(facts.document_date[1] if facts.document_date else inspection.published)
    if body is None:
        body = force.current_body
        notes.append(f"no body of {force.name} was in office on the date used; {body.id} is proposed")
    document: dict[str, Any] = {
        "kind": kind.value,
        "title": facts.title[1] if facts.title else NOT_STATED,
        "date": facts.document_date[1].isoformat() if facts.document_date else NOT_STATED,
        "url": url or NOT_STATED,
    }
    if facts.sender:
        document["from"] = facts.sender[1]
    if facts.addressee:
        document["to"] = facts.addressee[1]
    if transcript:
        document["transcript"] = transcript
    record: dict[str, Any] = {
        "inspection": inspection.id,
        "force": force.id,
        "body": body.id,
        "published": NOT_STATED,
        "document": document,
    }
    if facts.named_commissioner:
        record["named_commissioner"] = facts.named_commissioner[1]
    if facts.stated_deadline:
        record["stated_deadline"] = facts.stated_deadline[1].isoformat()
    if sections.checklist:
        record["office_use_checklist"] = sections.checklist
    record["statements"] = sections.statements

    proposals = [{"field": "document.kind", "value": kind.value, "because": kind.because}]
    for number, proposal in enumerate(sections.proposals):
        proposals.append({"field": field_name(("statements", number, "by")), "value": proposal.value, "because": proposal.because})
    record["answers"], answer_proposals, report = _answers(matching, inspection)
    proposals.extend(answer_proposals)

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
    if unplaced:
        lines.append(f"{len(unplaced)} paragraph{'s' if len(unplaced) != 1 else ''} not placed: see unplaced_text")
    lines.extend(f"note: {note}" for note in notes)
    return Draft(record, lines)


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
            found.statement_blocks.extend(block.index for block in free)
            placement.copied(section.heading.index, *(block.index for block in free))  # type: ignore[union-attr]
            continue
        described = bool(heading) and _DESCRIBED.search(heading) is not None
        if described:
            for block in section.body:
                if block.role == "text":
                    placement.recognise(block.index, f'the document\'s account of the inspection, under "{heading}"')
            placement.recognise(section.heading.index, "a heading of the document's account of the inspection")  # type: ignore[union-attr]
        elif section.heading and _holds_answers(section, placement):
            placement.recognise(section.heading.index, "the heading over the answers")
    return found


def _holds_answers(section: Section, placement: _Placement) -> bool:
    """Every paragraph under the heading is placed, and some were copied as answers or statements."""
    found = [placement.placed.get(block.index) for block in section.body]
    return bool(found) and None not in found and "" in found


def _answers(matching: Matching, inspection: Inspection) -> tuple[list[dict[str, Any]], list[dict[str, str]], list[dict[str, Any]]]:
    """The answers with proposed labels, the label proposals, and the per-recommendation report."""
    answers: list[dict[str, Any]] = []
    proposals: list[dict[str, str]] = []
    report: list[dict[str, Any]] = []
    for rec in inspection.recommendations:
        match = matching.matches.get(rec.number)
        if match is None:
            report.append({"recommendation": rec.number, "result": f"not matched: {matching.reasons.get(rec.number, 'no answer found')}"})
            continue
        position, progress = labels.propose_position(match.text), labels.propose_progress(match.text)
        answer: dict[str, Any] = {"recommendation": rec.number}
        if match.shown_as:
            answer["numbered_in_document"] = match.shown_as
        answer.update({"text": match.text, "position": position.value, "progress": progress.value})
        for key, proposal in (("position", position), ("progress", progress)):
            proposals.append({"field": field_name(("answers", len(answers), key)), "value": proposal.value, "because": proposal.because})
        answers.append(answer)
        entry: dict[str, Any] = {"recommendation": rec.number, "result": f"matched by {match.how} (confidence {match.confidence:.2f})"}
        if match.label:
            entry["left_out"] = match.label
        report.append(entry)
    return answers, proposals, report


def _shown(block: Block) -> str:
    """A paragraph as the reviewer reads it: a table row's cells separated by " | "."""
    return " | ".join(block.paragraph.cells) if block.paragraph.cells else block.text


def _place_facts(facts: Facts, placement: _Placement) -> None:
    """Blocks read as the document's own facts: copied where the words are kept, else recognised."""
    if facts.title:
        placement.copied(facts.title[0])
    if facts.sender:
        blocks, sender = facts.sender
        if len(blocks) == 1 and placement.blocks[blocks[0]].text == sender:
            placement.copied(blocks[0])
        for index in blocks:
            placement.recognise(index, "document.from")
    for found, how in (
        (facts.addressee, "document.to"),
        (facts.document_date, "document.date"),
        (facts.stated_deadline, "stated_deadline"),
        (facts.named_commissioner, "named_commissioner"),
    ):
        for index in found[0] if found else ():
            placement.recognise(index, how)
    for blocks, _ in facts.report_dates or []:
        for index in blocks:
            placement.recognise(index, "the report's publication date, as the document gives it (not the date of the response)")
    for index in facts.duty or []:
        placement.recognise(index, "the form's note of the statutory duty to respond")


# --- YAML ---------------------------------------------------------------------------------

HEADER = """\
# DRAFT made by `register import` from {source}. Nothing in it is confirmed yet.
# To review: read each answer against the document; confirm or change every label listed
# under draft.proposals (the words behind each are given); move anything in unplaced_text
# that belongs in the record; then delete the whole `draft:` block at the end.
# Until the block is deleted, `register check` and the build refuse this file.
"""


class _Dumper(yaml.SafeDumper):
    """Block style for text with line breaks, so paragraphs read as they do in the document."""


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else (">" if len(value) > 80 else None)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_text)


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
