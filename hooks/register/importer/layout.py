"""Find the shape of a response document: its headings, sections and labelled fields.

Forms mark their parts in many ways: Markdown hashes, bold lines, a label ending in a
colon with its value on the next line, "Date: 26 May 2020" on one line, tables of label
and value. Here each paragraph gets one role, and the document is cut into sections
(a heading and what follows it), which the rest of the importer reads by their headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .readers import Paragraph

FIELD_LABELS = (
    "to", "from", "date", "dated", "subject", "author", "report author", "report of", "report by",
    "meeting", "response date", "date of response", "date of publication", "date published",
    "published", "published on", "response deadline", "section 55 response deadline", "deadline",
    "version", "title", "ref", "reference",
)  # fmt: skip
"""Labels read as "label: value" on one line; others ("Force response: …") stay text."""

_FIELD = re.compile(r"^(?P<label>[A-Za-z][A-Za-z0-9 ]{0,40}?)\s*:\s*(?P<value>\S.*)?$")
_ENDS_SENTENCE = re.compile(r"[.!?;,”\"’')\]]$")


@dataclass
class Block:
    """A paragraph with its place and role in the document."""

    index: int
    paragraph: Paragraph
    role: str = "text"
    """``heading``, ``field`` ("Label: value" on one line), ``row`` (a table row) or ``text``."""

    @property
    def text(self) -> str:
        return self.paragraph.text

    @property
    def where(self) -> str:
        return self.paragraph.where


@dataclass
class Section:
    """A heading (None before the first) and the blocks under it."""

    heading: Block | None
    body: list[Block] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.heading.text if self.heading else ""


@dataclass(frozen=True)
class Field:
    """A labelled value: "Date: 26 May 2020", a "Date Published:" heading over "20/07/2023", a table row."""

    label: str
    value: str
    blocks: tuple[int, ...]


@dataclass
class Layout:
    blocks: list[Block]
    sections: list[Section]
    fields: list[Field]

    def section_of(self, index: int) -> Section | None:
        return next((s for s in self.sections if (s.heading and s.heading.index == index) or any(b.index == index for b in s.body)), None)


def field_line(text: str) -> tuple[str, str] | None:
    """``("Date", "26 May 2020")`` for a one-line field with a known label, else None."""
    match = _FIELD.match(text)
    if match and match["label"].strip().lower() in FIELD_LABELS:
        return match["label"].strip(), (match["value"] or "").strip()
    return None


def lay_out(paragraphs: list[Paragraph]) -> Layout:
    blocks = [Block(index, paragraph) for index, paragraph in enumerate(paragraphs)]
    previous: Block | None = None
    for block in blocks:
        block.role = _role(block, previous)
        previous = block
    sections = [Section(None)]
    for block in blocks:
        if block.role == "heading":
            sections.append(Section(block))
        else:
            sections[-1].body.append(block)
    if not sections[0].body:
        sections.pop(0)
    return Layout(blocks, sections, _fields(blocks, sections))


def _role(block: Block, previous: Block | None) -> str:
    paragraph = block.paragraph
    text = paragraph.text
    if paragraph.cells:
        return "row"
    line = field_line(text)
    if line and line[1]:
        return "field"
    if paragraph.heading:
        return "heading"
    if paragraph.bullet:
        return "text"
    if text.endswith(":") and len(text) <= 100 and ": " not in text:
        return "heading"
    after_label = previous is not None and previous.role == "heading" and previous.text.endswith(":")
    short = len(text) <= 80 and len(text.split()) <= 12 and not _ENDS_SENTENCE.search(text)
    if short and not after_label and (text[:1].isupper() or text[:1].isdigit()):
        return "heading"
    return "text"


def _fields(blocks: list[Block], sections: list[Section]) -> list[Field]:
    found: list[Field] = []
    for block in blocks:
        if block.role == "field":
            label, value = field_line(block.text)  # type: ignore[misc]
            found.append(Field(label, value, (block.index,)))
        elif block.role == "row":
            cells = block.paragraph.cells
            found.append(Field(cells[0], " ".join(cell for cell in cells[1:] if cell), (block.index,)))
    for section in sections:
        heading = section.heading
        if heading is None or not heading.text.endswith(":") or not section.body:
            continue
        first = section.body[0]
        if first.role == "text" and len(first.text) <= 150:
            found.append(Field(heading.text.rstrip(":").strip(), first.text, (heading.index, first.index)))
    return sorted(found, key=lambda f: f.blocks)
