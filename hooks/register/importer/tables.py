"""Read a table of recommendations and answers, row by row, as the body laid it out.

Most bodies list their answers in a table: a row for each recommendation, its number or its
words in the first column(s), the answer beside it, and sometimes columns for the position,
the progress, an owner and a date. A row is read as an answer only on evidence in that row:

- a number: a cell holding "19", "19.", "Rec 19" or "Recommendation 19" (with or without the
  recommendation's words after it), read as the report's number, or, where the table numbers
  the report's recommendations 1 to n in order and the report's own numbers differ, by position;
- the recommendation's own words in a cell, compared with the report's texts. Where the words
  match one recommendation and the number says another, the words decide (a form that
  renumbers), and the document's number is kept as ``numbered_in_document``.

A header row ("No. | Recommendation | Our response | Owner | Date") names the columns; without
one, the cells after the recommendation are the answer. A row with no such evidence is never
read as an answer: it is left for the rest of the importer (a field, or ``unplaced_text``),
except a row that only carries on the answer of the row above over a page break (its first
columns empty). A cell merged down over several rows is one answer to each of their
recommendations, stored once. Every cell of a row read here ends up in the answer's text
(other columns as "Owner: …" lines, in the document's words) or is the recommendation's own
words, so nothing in the table is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from register.data.model import Inspection

from .labels import Proposal
from .layout import Block, Layout
from .texts import MARGIN, SAME_TEXT, best_recommendation, similarity, strip_answer_label

_EXPLICIT = re.compile(
    r"^(?:recommendation|rec\.?)\s*(?:no\.?\s*)?(?P<number>\d{1,3}(?:\.\d{1,2})?)\b\s*[:.\-–—)]?\s*(?P<rest>.*)$", re.IGNORECASE | re.DOTALL
)
_NUMBER_ALONE = re.compile(r"^(?:no\.?\s*|#\s*)?(?P<number>\d{1,3}(?:\.\d{1,2})?)\s*[.):]?$", re.IGNORECASE)
_PARAGRAPH_NUMBER = re.compile(r"^(?P<number>\d{1,2}\.\d{1,2})\.?\s+(?P<rest>\S.*)$", re.DOTALL)
_LIST_NUMBER = re.compile(r"^(?P<number>\d{1,3})[.)]\s+(?P<rest>\S.*)$", re.DOTALL)

_ROLES: tuple[tuple[str, str], ...] = (
    ("number", r"no\.?|number|#|ref\.?|reference|rec\.?(?: no\.?| number| ref\.?)?|recommendation (?:no\.?|number|ref\.?|reference)|item"),
    ("owner", r"(?:action )?owner|lead|(?:lead )?officer|responsible(?: officer| lead)?|who"),
    ("date", r"(?:target |due |completion |review )?date|deadline|timescales?|due|by when|when"),
    ("position", r"position|accepted\??|agreed\??|decision|accept(?:ed)? or not|response type"),
    ("progress", r"progress|status|rag(?: status| rating)?|completion|current status|progress status"),
    ("recommendation", r"(?:hmicfrs |the |inspection |report )?recommendations?(?: text| made| wording)?|areas? for improvement|afi"),
    (
        "answer",
        (
            r"(?:(?:force|constabulary|pcc|pfcc|opcc|commissioner(?:['’]s)?|chief constable(?:['’]s)?|police|our|local|body)\s+)?"
            r"(?:response|responses|update|updates|comments?|answer|actions?(?: taken| proposed| planned)?|commentary|progress update)"
        ),
    ),
)
"""Column titles a header row may use, and what each column holds."""

_POSITION_WORDS = {
    "accepted": "accepted", "accept": "accepted", "agreed": "accepted", "agree": "accepted", "yes": "accepted",
    "partially accepted": "partly accepted", "partly accepted": "partly accepted", "accepted in part": "partly accepted",
    "not accepted": "not accepted", "rejected": "not accepted", "no": "not accepted",
    "noted": "noted",
}  # fmt: skip
_PROGRESS_WORDS = {
    "complete": "completed", "completed": "completed", "implemented": "completed", "discharged": "completed",
    "in progress": "in progress", "ongoing": "in progress", "on-going": "in progress", "underway": "in progress",
    "under way": "in progress", "started": "in progress", "planned": "planned", "not started": "planned",
    "no action": "no action proposed", "no action required": "no action proposed", "no action proposed": "no action proposed",
}  # fmt: skip


@dataclass
class TableAnswer:
    """One recommendation's answer, read from a row (or rows) of a table."""

    number: int
    rows: tuple[int, ...]
    """Every row whose words make up the answer: its own, a continuation, the rows a merged answer cell spans."""
    text: str
    how: str
    confidence: float
    shown_as: str | None = None
    column: str | None = None
    """The header of the answer's column, in the document's words ("Force response")."""
    label: str | None = None
    """A label in front of the answer in its cell, left out of its text ("Force response:")."""
    position: Proposal | None = None
    progress: Proposal | None = None


@dataclass
class TableQuote:
    """A row that quotes or numbers a recommendation with no answer beside it."""

    number: int
    row: int
    shown_as: str | None
    how: str
    confidence: float
    text: str = ""


@dataclass
class TableReading:
    answers: list[TableAnswer] = field(default_factory=list)
    quotes: list[TableQuote] = field(default_factory=list)
    headers: dict[int, str] = field(default_factory=dict)
    """Header rows of tables read here → what they were recognised as."""
    notes: list[str] = field(default_factory=list)

    @property
    def claimed(self) -> set[int]:
        """Rows read here: the rest of the importer leaves them alone."""
        return {row for answer in self.answers for row in answer.rows} | {quote.row for quote in self.quotes} | set(self.headers)


@dataclass
class _Column:
    role: str
    title: str = ""


@dataclass
class _Evidence:
    number: int | None
    """The recommendation, where the row settles it (None where only a number the report lacks is shown)."""
    shown: str | None
    """The document's number for it, as the row shows it: "19", "1", "4.7"."""
    how: str
    confidence: float
    used: tuple[int, ...]
    """The cells that name the recommendation (its number, its words)."""
    text: str = ""


def column_role(title: str) -> str | None:
    """What a column holds, from its header ("Our response" → answer); None for a title not known."""
    words = " ".join(title.lower().replace("’", "'").strip(" :*?").split())
    words = re.sub(r"\s*\(.*\)$", "", words)
    for role, pattern in _ROLES:
        if re.fullmatch(pattern, words):
            return role
    return None


def read_tables(layout: Layout, inspection: Inspection) -> TableReading:
    """Every table row that answers or names a recommendation, on the evidence of the row itself."""
    reading = TableReading()
    for rows in _tables(layout):
        _read_table(rows, layout, inspection, reading)
    return reading


def _tables(layout: Layout) -> list[list[Block]]:
    """Rows grouped by table: the reader's table number, or a run of tab-separated lines."""
    groups: list[list[Block]] = []
    for block in layout.blocks:
        if block.role != "row":
            continue
        previous = groups[-1][-1] if groups else None
        same = (
            previous is not None
            and previous.paragraph.table == block.paragraph.table
            and (block.paragraph.table is not None or previous.index == block.index - 1)
        )
        if same:
            groups[-1].append(block)
        else:
            groups.append([block])
    return groups


def _header(rows: list[Block], inspection: Inspection) -> list[_Column] | None:
    first = rows[0].paragraph
    cells = first.cells
    roles = [column_role(cell) for cell in cells]
    if not first.header:
        if any(len(cell) > 60 for cell in cells) or any(_cell_evidence(cell, inspection)[0] for cell in cells):
            return None
        if not any(role in ("answer", "recommendation", "number") for role in roles):
            return None
    return [_Column(role or "other", cell) for role, cell in zip(roles, cells)]


def _read_table(rows: list[Block], layout: Layout, inspection: Inspection, reading: TableReading) -> None:
    caption: Block | None = None
    if len(rows) > 2 and len(rows[0].paragraph.cells) == 1 and _header(rows[1:], inspection):
        caption, rows = rows[0], rows[1:]  # a title across the whole table, over its header row
    columns = _header(rows, inspection)
    body = rows[1:] if columns else rows
    found: list[tuple[Block, _Evidence | None]] = [(row, _row_evidence(row, columns, inspection)) for row in body]
    _by_position(found, inspection, reading)
    if columns and any(evidence and evidence.number for _, evidence in found):
        titles = " | ".join(column.title for column in columns)
        reading.headers[rows[0].index] = f'the header row of a table of answers ("{titles}")'
        if caption is not None:
            reading.headers[caption.index] = "the caption of a table of answers"
    last: TableAnswer | None = None
    for row, evidence in found:
        cells = row.paragraph.cells
        if evidence is None or evidence.number is None:
            if last is not None and evidence is None and _carries_on(row, columns, last, layout):
                extra = _answer_text(cells, columns, set(), row.paragraph.continued)[0]
                if extra:
                    last.text = f"{last.text}\n\n{extra}"
                    last.rows += (row.index,)
                    last.how += f"; its answer carries on in the next row ({row.where}), whose first columns are empty"
                    continue
            last = None
            if evidence is not None and evidence.shown:
                reading.notes.append(
                    f"{row.where}: the table numbers a row {evidence.shown}, which is not one of the report's recommendations and whose words match none; the row is left unplaced"
                )
            continue
        own = next(rec.text for rec in inspection.recommendations if rec.number == evidence.number)
        quoting = {i for i, cell in enumerate(cells) if i not in evidence.used and cell.strip() and similarity(cell, own) >= SAME_TEXT}
        evidence.used = (*evidence.used, *sorted(quoting))  # a cell that only restates the recommendation is not its answer
        if quoting and not evidence.text:
            evidence.text = cells[min(quoting)]
        text, column, label, position, progress = _answer_text(cells, columns, set(evidence.used), row.paragraph.continued)
        shares = _shared_answer(row, columns, evidence, reading)
        if shares is not None:
            above, merged = shares
            own = _answer_text(cells, columns, set(evidence.used) | {merged}, ())[0] if len(cells) > merged else ""
            extra = [part for part in own.split("\n\n") if part and part not in above.text.split("\n\n")] if own else []
            rows_now = above.rows + (row.index,)
            text_now = "\n\n".join([above.text, *extra])
            for other in reading.answers:
                if other.rows == above.rows:  # every recommendation of the merged cell: one answer, stored once
                    other.rows, other.text = rows_now, text_now
            reading.answers.append(
                TableAnswer(
                    evidence.number, rows_now, text_now, f"{evidence.how} in a table row, its answer cell merged with the row above",
                    round(evidence.confidence * 0.95, 2), evidence.shown, above.column, above.label, above.position, above.progress,
                )
            )  # fmt: skip
            last = None
            continue
        if not text:
            reading.quotes.append(
                TableQuote(
                    evidence.number,
                    row.index,
                    evidence.shown,
                    f"{evidence.how}, in a table row with no answer beside it",
                    evidence.confidence,
                    evidence.text,
                )
            )
            last = None
            continue
        where = f'the "{column}" column' if column else "the cells beside it"
        last = TableAnswer(
            evidence.number, (row.index,), text, f"{evidence.how} in a table row, the answer in {where}", evidence.confidence,
            evidence.shown, column, label, position, progress,
        )  # fmt: skip
        reading.answers.append(last)


def _cell_evidence(text: str, inspection: Inspection) -> tuple[str | None, str]:
    """(the number the cell shows, the words after it) for a cell that opens with a number; else (None, its words)."""
    stripped = text.strip()
    for pattern in (_EXPLICIT, _NUMBER_ALONE, _PARAGRAPH_NUMBER, _LIST_NUMBER):
        if match := pattern.match(stripped):
            rest = match.groupdict().get("rest") or ""
            return match["number"], rest.strip()
    return None, stripped


def _row_evidence(row: Block, columns: list[_Column] | None, inspection: Inspection) -> _Evidence | None:
    """What in the row names a recommendation: a number, the recommendation's words, or both."""
    cells = row.paragraph.cells
    numbers = {rec.number for rec in inspection.recommendations}
    shown: str | None = None
    used: list[int] = []
    words: list[tuple[int, str]] = []
    if columns:
        for position, column in enumerate(columns[: len(cells)]):
            cell = cells[position]
            if column.role not in ("number", "recommendation") or not cell.strip():
                continue
            number, rest = _cell_evidence(cell, inspection)
            if number and shown is None:
                shown = number
                used.append(position)
                if rest:
                    words.append((position, rest))
            else:
                words.append((position, cell))
    elif len(cells) >= 2 and cells[0].strip():
        # No header: the number, the recommendation's words, or both, in the first cell; where
        # the first cell is a number alone and the row has three cells or more, the words are in the second.
        number, rest = _cell_evidence(cells[0], inspection)
        if number:
            shown, used = number, [0]
        if rest:
            words.append((0, rest))
        elif number and len(cells) >= 3 and cells[1].strip():
            words.append((1, cells[1]))
    recommendation_column = bool(columns) and any(columns[i].role == "recommendation" for i, _ in words if i < len(columns))
    decided: tuple[int, float] | None = None
    text_position: int | None = None
    for position, text in words:
        candidate, score, runner_up = best_recommendation(text, inspection)
        loose = recommendation_column and score >= 0.6 and score - runner_up >= 0.15
        if candidate is not None and ((score >= SAME_TEXT and score - runner_up >= MARGIN) or loose):
            decided, text_position = (candidate, score), position
            break
    if text_position is not None and text_position not in used:
        used.append(text_position)
    quote_text = next((text for position, text in words if position == text_position), "")
    integer = int(shown) if shown and shown.isdigit() else None
    if decided is not None:
        candidate, score = decided
        if shown is None or integer == candidate:
            how = (
                f'its number "{shown}" and its text (similarity {score:.2f})'
                if shown
                else f"the recommendation's own text (similarity {score:.2f})"
            )
            return _Evidence(candidate, None, how, round(min(0.95, score), 2), tuple(used), quote_text)
        if integer is None:
            how = f"paragraph number {shown}, whose text matches the recommendation (similarity {score:.2f})"
        else:
            how = f"its text (similarity {score:.2f}), the document numbering it {shown} where the report numbers it {candidate}"
        return _Evidence(candidate, shown, how, round(min(0.9, score), 2), tuple(used), quote_text)
    if integer is None:
        return None
    if integer in numbers:
        # Words beside the number that neither match another recommendation nor are far from this
        # one's (a paraphrase) are its quotation, not part of the answer.
        own = next(rec.text for rec in inspection.recommendations if rec.number == integer)
        for position, text in words:
            candidate, score, _ = best_recommendation(text, inspection)
            if score >= 0.5 and candidate != integer:
                return _Evidence(None, shown, "", 0.0, tuple(used))  # the number says one, the words lean to another
            if similarity(text, own) >= 0.5 and position not in used:
                used.append(position)
        return _Evidence(integer, None, f'its number "{shown}"', 0.9, tuple(used))
    return _Evidence(None, shown, "", 0.0, tuple(used))


def _by_position(found: list[tuple[Block, _Evidence | None]], inspection: Inspection, reading: TableReading) -> None:
    """A table numbering the report's recommendations 1 to n, where the report numbers them otherwise: taken in order."""
    numbered = [evidence for _, evidence in found if evidence is not None and evidence.shown]
    report = [rec.number for rec in inspection.recommendations]
    shown = [evidence.shown for evidence in numbered]
    if not numbered or any(evidence.number is not None for evidence in numbered):
        return
    if shown != [str(n) for n in range(1, len(report) + 1)] or report == list(range(1, len(report) + 1)):
        return
    reading.notes.append(
        f"the table numbers the recommendations 1 to {len(shown)}; they are taken as the report's {report[0]} to {report[-1]} in order"
    )
    for evidence, number in zip(numbered, report):
        evidence.number = number
        evidence.how = f"its position: the table's row {evidence.shown} of {len(shown)}, taken as the report's {number} in order"
        evidence.confidence = 0.6


def _answer_text(
    cells: tuple[str, ...], columns: list[_Column] | None, used: set[int], continued: tuple[int, ...]
) -> tuple[str, str | None, str | None, Proposal | None, Proposal | None]:
    """(the answer's text, its column's title, a label left out of it, a position and a progress its columns give)."""
    parts: list[str] = []
    column_title: str | None = None
    label: str | None = None
    position = progress = None
    answer_seen = False
    for index, cell in enumerate(cells):
        if index in used or not cell.strip():
            continue
        column = columns[index] if columns and index < len(columns) else None
        role = column.role if column else ("answer" if not answer_seen else "other")
        if columns and role in ("number", "recommendation"):
            role = "other"  # a second recommendation column holds words the row's evidence did not use: keep them
        if role == "answer" and not answer_seen:
            answer_seen = True
            column_title = column.title if column else None
            label, text = strip_answer_label(cell)
            parts.append(text)
            continue
        flat = " ".join(cell.lower().split()).strip(" .")
        if role in ("position", "other") and position is None and flat in _POSITION_WORDS:
            position = Proposal(_POSITION_WORDS[flat], _column_because(column, cell))
        if role in ("progress", "other") and progress is None and flat in _PROGRESS_WORDS:
            progress = Proposal(_PROGRESS_WORDS[flat], _column_because(column, cell))
        parts.append(f"{column.title.rstrip(':')}: {cell}" if column and column.title else cell)
    if not answer_seen and columns:
        return "", None, None, None, None
    return "\n\n".join(parts), column_title, label, position, progress


def _column_because(column: _Column | None, cell: str) -> str:
    where = f'the table\'s "{column.title}" column' if column and column.title else "a cell of the row"
    return f'{where} says "{cell}"'


def _carries_on(row: Block, columns: list[_Column] | None, last: TableAnswer, layout: Layout) -> bool:
    """A row with its first columns empty straight after an answer row: the same row, over a page break."""
    cells = row.paragraph.cells
    if not cells or cells[0].strip() or row.index - 1 != last.rows[-1] or row.paragraph.continued:
        return False
    if columns:
        firsts = [i for i, column in enumerate(columns[: len(cells)]) if column.role in ("number", "recommendation")]
        return bool(firsts) and all(not cells[i].strip() for i in firsts)
    return True


def _shared_answer(row: Block, columns: list[_Column] | None, evidence: _Evidence, reading: TableReading) -> tuple[TableAnswer, int] | None:
    """(the answer of the row above, the answer cell's position), where this row's answer cell is that cell merged down."""
    continued = set(row.paragraph.continued)
    if not continued or not reading.answers:
        return None
    above = reading.answers[-1]
    if above.rows[-1] != row.index - 1:
        return None
    cells = row.paragraph.cells
    if columns:
        answer = next((i for i, column in enumerate(columns[: len(cells)]) if column.role == "answer"), None)
    else:
        answer = next((i for i in range(len(cells)) if i not in evidence.used and cells[i].strip()), None)
    return (above, answer) if answer is not None and answer in continued else None
