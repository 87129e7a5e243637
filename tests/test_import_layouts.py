"""`register import` places every answer correctly in the layouts bodies use, and none wrongly.

Each document is built here, from the seed transcripts in data/transcripts/ and the answers
of their hand-made records (no binary is committed): Word with headings and in tables (with
and without a header row, with "Recommendation N" in the first column, with a cell merged
over three rows and a position column), PDF as paragraphs and as a ruled table, web pages
with headings and with a numbered table under a covering sentence, and the seeds as plain
text. For each, the test counts the answers placed correctly, wrongly and not at all, and
asserts the counts that content/importing.md publishes in its table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

import pytest
import yaml
from test_import import ROOT, hand_made, make_docx, make_html, make_pdf, run_import, seed_lines, squash, transcript

PREVENT = "counter-terrorism-prevent-2020"
TERRORIST = "management-of-terrorist-offenders-2023"
COVERING = "Our answers to the recommendations are set out in the table below."


# --- the seeds, taken apart ---------------------------------------------------------------


@dataclass
class Seed:
    """A seed document as a preamble, its recommendations and answers, and what follows them."""

    inspection: str
    force: str
    before: list[tuple[str, str]]
    rows: list[tuple[str, str, str]]
    """(the document's number for it, the recommendation as the document quotes it, the answer)."""
    after: list[tuple[str, str]]


def cambridgeshire() -> Seed:
    lines = seed_lines(transcript(PREVENT, "cambridgeshire"))
    start = next(i for i, (_, words) in enumerate(lines) if words.startswith("4. Proposed response"))
    end = next(i for i, (_, words) in enumerate(lines) if words.startswith("5 Recommendation"))
    rows = []
    for (_, quoted), (_, answer) in zip(lines[start + 1 : end : 2], lines[start + 2 : end : 2]):
        number, words = quoted.split(" ", 1)
        rows.append((number, words, answer.removeprefix("Force response: ")))
    return Seed(PREVENT, "cambridgeshire", lines[: start + 1], rows, lines[end:])


def staffordshire() -> Seed:
    lines = seed_lines(transcript(TERRORIST, "staffordshire"))
    starts = [i for i, (_, words) in enumerate(lines) if re.match(r"Recommendation \d+:", words)]
    rows = []
    for first, following in zip(starts, [*starts[1:], len(lines)]):
        label, words = lines[first][1].split(": ", 1)
        rows.append((label.removeprefix("Recommendation "), words, "\n\n".join(words for _, words in lines[first + 1 : following])))
    return Seed(TERRORIST, "staffordshire", lines[: starts[0]], rows, [])


def expected_answers(inspection: str, force: str) -> dict[int, str]:
    """Recommendation → the words of its answer in the hand-made record."""
    numbers = [
        rec["number"]
        for rec in yaml.safe_load((ROOT / "data" / "inspections" / f"{inspection}.yaml").read_text("utf-8"))["recommendations"]
    ]
    found = {}
    for answer in hand_made(inspection, force)["answers"]:
        for number in numbers if answer["recommendations"] == "all" else answer["recommendations"]:
            found[number] = answer["text"]
    return found


# --- documents, built from a plan of parts ------------------------------------------------

# A plan is a list of parts: ("heading" | "text" | "bold", words), or ("table", header or None, rows), where a
# cell is its words (paragraphs apart by a blank line) or None, merged with the cell above it.


def table_plan(seed: Seed, *, header: list[str] | None, row, covering: str | None = None) -> list:
    plan: list = as_tables(seed.before)
    if covering:
        plan.append(("text", covering))
    plan.append(("table", header, [row(number, words, answer) for number, words, answer in seed.rows]))
    return plan + as_tables(seed.after)


def as_tables(lines: list[tuple[str, str]]) -> list:
    """A seed's lines as parts of a plan, its tab-separated lines as a two-column table (a form's fields)."""
    plan: list = []
    for kind, words in lines:
        if kind != "row":
            plan.append((kind, words))
            continue
        cells = [cell.strip() for cell in words.split("\t")]
        cells = [cells[0], " ".join(cells[1:])]
        if plan and plan[-1][0] == "table" and plan[-1][1] == "fields":
            plan[-1][2].append(cells)
        else:
            plan.append(("table", "fields", [cells]))
    return [("table", None, part[2]) if part[0] == "table" else part for part in plan]


def write_docx(plan: list, path: Path) -> None:
    import docx

    document = docx.Document()
    for part in plan:
        if part[0] != "table":
            kind, words = part
            if kind == "heading":
                document.add_heading(words, level=2)
            elif kind == "bold":
                document.add_paragraph().add_run(words).bold = True
            else:
                document.add_paragraph(words)
            continue
        _, header, rows = part
        grid = ([header] if header else []) + rows
        width = max(len(cells) for cells in grid)
        table = document.add_table(rows=len(grid), cols=width)
        table.style = "Table Grid"
        for r, cells in enumerate(grid):
            for c, cell in enumerate(cells):
                if cell is None:
                    continue
                target = table.cell(r, c)
                if c == len(cells) - 1 and c < width - 1:  # a short row: its last cell spans the columns left
                    target = target.merge(table.cell(r, width - 1))
                span = r
                while span + 1 < len(grid) and c < len(grid[span + 1]) and grid[span + 1][c] is None:
                    span += 1
                if span > r:
                    target = target.merge(table.cell(span, c))
                paragraphs = cell.split("\n\n")
                target.text = paragraphs[0]
                for more in paragraphs[1:]:
                    target.add_paragraph(more)
    document.save(str(path))


def write_html(plan: list, path: Path) -> None:
    parts = ["<!doctype html><html><head><title>Response</title></head><body>"]
    for part in plan:
        if part[0] != "table":
            kind, words = part
            parts.append(f"<h2>{escape(words)}</h2>" if kind == "heading" else f"<p>{escape(words)}</p>")
            continue
        _, header, rows = part
        parts.append("<table>")
        if header:
            parts.append("<thead><tr>" + "".join(f"<th>{escape(cell)}</th>" for cell in header) + "</tr></thead><tbody>")
        for r, cells in enumerate(rows):
            shown = []
            for c, cell in enumerate(cells):
                if cell is None:
                    continue
                span = 1
                while r + span < len(rows) and rows[r + span][c] is None:
                    span += 1
                paragraphs = "".join(f"<p>{escape(words)}</p>" for words in cell.split("\n\n"))
                shown.append(f'<td rowspan="{span}">{paragraphs}</td>' if span > 1 else f"<td>{paragraphs}</td>")
            parts.append("<tr>" + "".join(shown) + "</tr>")
        parts.append("</tbody></table>" if header else "</table>")
    parts.append("</body></html>")
    path.write_text("\n".join(parts), "utf-8")


def write_pdf(plan: list, path: Path) -> None:
    from fpdf import FPDF

    def latin(words: str) -> str:
        return squash(words).encode("latin-1", "replace").decode("latin-1")

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for part in plan:
        if part[0] != "table":
            pdf.multi_cell(0, 5, latin(part[1]), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
            continue
        _, header, rows = part
        widths = {3: (15, 75, 100), 2: (80, 110)}.get(len(header or rows[0]), (40, 70, 80))
        with pdf.table(col_widths=widths, first_row_as_headings=bool(header), text_align="LEFT") as table:
            for cells in ([header] if header else []) + rows:
                row = table.row()
                for c, cell in enumerate(cells):
                    if cell is None:
                        continue
                    row.cell(" ".join(latin(words) for words in cell.split("\n\n")))
        pdf.ln(3)
    pdf.output(str(path))


def write_text(text: str, path: Path) -> None:
    path.write_text(text, "utf-8")


# --- the layouts --------------------------------------------------------------------------


def report_number(seed: Seed, shown: str) -> str:
    """The report's number for a row: Cambridgeshire's paper numbers them 4.1 to 4.8, the report 1 to 8."""
    return shown.split(".")[-1] if "." in shown else shown


def three_columns(number: str, words: str, answer: str) -> list:
    return [number, words, answer]


def merged_answers(seed: Seed):
    """Recommendations 3 to 5 of Cambridgeshire's get the same answer: one cell merged down over their rows."""

    def row(number: str, words: str, answer: str) -> list:
        position = "Noted" if "await" in answer else "Accepted"
        if number in ("4.4", "4.5"):
            return [words, None, position]
        return [words, answer, position]

    return row


LAYOUTS = {
    "Word headings": ("docx", lambda seed: None),
    "Word table with a header row": (
        "docx",
        lambda seed: table_plan(seed, header=["Recommendation", "Force response"], row=lambda n, w, a: [w, a], covering=COVERING),
    ),
    "Word table without a header row": ("docx", lambda seed: table_plan(seed, header=None, row=lambda n, w, a: [w, a])),
    'Word table with "Recommendation N"': (
        "docx",
        lambda seed: table_plan(seed, header=None, row=lambda n, w, a: [f"Recommendation {report_number(seed, n)}", w, a]),
    ),
    "Word table: merged answer cell, position column": (
        "docx",
        lambda seed: table_plan(seed, header=["Recommendation", "Response", "Position"], row=merged_answers(seed)),
    ),
    "PDF paragraphs": ("pdf", lambda seed: None),
    "PDF table": (
        "pdf",
        lambda seed: table_plan(seed, header=["No.", "Recommendation", "Force response"], row=three_columns, covering=COVERING),
    ),
    "HTML headings": ("html", lambda seed: None),
    "HTML table": (
        "html",
        lambda seed: table_plan(seed, header=["No.", "Recommendation", "Our response"], row=three_columns, covering=COVERING),
    ),
    "HTML table, merged answer cell": (
        "html",
        lambda seed: table_plan(seed, header=["Recommendation", "Response", "Position"], row=merged_answers(seed)),
    ),
}


def build(layout: str, seed: Seed, path: Path) -> Path:
    fmt, planner = LAYOUTS[layout]
    path = path.with_suffix(f".{fmt}")
    plan = planner(seed)
    if plan is None:  # the seed's own layout: headings and paragraphs, as tests/test_import.py builds it
        {"docx": make_docx, "pdf": make_pdf, "html": make_html}[fmt](transcript(seed.inspection, seed.force), path)
    else:
        {"docx": write_docx, "pdf": write_pdf, "html": write_html}[fmt](plan, path)
    return path


@dataclass
class Count:
    correct: int
    wrong: int
    unplaced: int


def count(draft: dict, inspection: str, force: str) -> Count:
    """Answers placed correctly (the record's words, and no other recommendation's), wrongly, or not at all."""
    expected = expected_answers(inspection, force)
    numbers = list(expected)
    got: dict[int, str] = {}
    for answer in draft["answers"]:
        for number in numbers if answer["recommendations"] == "all" else answer["recommendations"]:
            got[number] = answer["text"]
    correct = wrong = unplaced = 0
    for number, words in expected.items():
        if number not in got:
            unplaced += 1
            continue
        if squash(words) == squash(_without_columns(got[number])):
            correct += 1
        else:
            wrong += 1
    wrong += sum(1 for number in got if number not in expected)
    return Count(correct, wrong, unplaced)


def _without_columns(text: str) -> str:
    """An answer's words without the lines the importer adds from a table's other columns ("Position: Noted")."""
    return "\n\n".join(part for part in text.split("\n\n") if not re.match(r"^(?:Position|Owner|Date|Progress): ", part))


def import_document(capsys, source: Path, inspection: str, force: str) -> tuple[dict, str]:
    code, out, err = run_import(capsys, source, "--inspection", inspection, "--force", force, "-o", "-")
    assert code == 0, err
    return yaml.safe_load(out), err


MEASURED = [
    # (layout, seed, correct, wrong, unplaced): the table in content/importing.md
    ("Word headings", "cambridgeshire", 8, 0, 0),
    ("Word headings", "staffordshire", 3, 0, 0),
    ("Word table with a header row", "cambridgeshire", 8, 0, 0),
    ("Word table with a header row", "staffordshire", 3, 0, 0),
    ("Word table without a header row", "cambridgeshire", 8, 0, 0),
    ("Word table without a header row", "staffordshire", 3, 0, 0),
    ('Word table with "Recommendation N"', "cambridgeshire", 8, 0, 0),
    ('Word table with "Recommendation N"', "staffordshire", 3, 0, 0),
    ("Word table: merged answer cell, position column", "cambridgeshire", 8, 0, 0),
    ("PDF paragraphs", "cambridgeshire", 8, 0, 0),
    ("PDF paragraphs", "staffordshire", 3, 0, 0),
    ("PDF table", "cambridgeshire", 8, 0, 0),
    ("PDF table", "staffordshire", 3, 0, 0),
    ("HTML headings", "cambridgeshire", 8, 0, 0),
    ("HTML headings", "staffordshire", 3, 0, 0),
    ("HTML table", "cambridgeshire", 8, 0, 0),
    ("HTML table", "staffordshire", 3, 0, 0),
    ("HTML table, merged answer cell", "cambridgeshire", 8, 0, 0),
]
SEEDS = {"cambridgeshire": cambridgeshire, "staffordshire": staffordshire}


@pytest.mark.parametrize(("layout", "seed", "correct", "wrong", "unplaced"), MEASURED, ids=[f"{m[0]}-{m[1]}" for m in MEASURED])
def test_every_answer_is_placed_correctly_in_every_layout(capsys, tmp_path: Path, layout, seed, correct, wrong, unplaced) -> None:
    taken = SEEDS[seed]()
    source = build(layout, taken, tmp_path / seed)
    draft, _ = import_document(capsys, source, taken.inspection, taken.force)
    assert count(draft, taken.inspection, taken.force) == Count(correct, wrong, unplaced)


PLAIN_TEXT = [
    (PREVENT, "cambridgeshire", 8, 0, 0),
    (PREVENT, "cumbria", 1, 0, 0),
    (TERRORIST, "cumbria", 3, 0, 0),
    (TERRORIST, "norfolk", 3, 0, 0),
    (TERRORIST, "staffordshire", 3, 0, 0),
]


@pytest.mark.parametrize(
    ("inspection", "force", "correct", "wrong", "unplaced"), PLAIN_TEXT, ids=[f"{m[0][:8]}-{m[1]}" for m in PLAIN_TEXT]
)
def test_every_answer_is_placed_correctly_in_each_plain_text_seed(
    capsys, tmp_path: Path, inspection, force, correct, wrong, unplaced
) -> None:
    source = tmp_path / f"{force}.txt"
    write_text(transcript(inspection, force), source)
    draft, _ = import_document(capsys, source, inspection, force)
    assert count(draft, inspection, force) == Count(correct, wrong, unplaced)


def test_the_guide_publishes_the_measured_counts() -> None:
    """content/importing.md's table says what these tests measure, row for row."""
    guide = (ROOT / "content" / "importing.md").read_text("utf-8")
    section = guide.split("## How well it places answers, layout by layout", 1)[1].split("\n## ", 1)[0]
    rows = [line.strip("|").split("|") for line in section.splitlines() if line.startswith("| ") and not line.startswith("| layout")]
    shown = [(cells[0].strip(), *(int(cell) for cell in cells[2:5])) for cells in rows]
    wanted = [(layout, correct, wrong, unplaced) for layout, _, correct, wrong, unplaced in MEASURED]
    wanted += [("Plain text, as the seed", correct, wrong, unplaced) for _, _, correct, wrong, unplaced in PLAIN_TEXT]
    assert shown == wanted
    assert all(wrong == 0 for _, _, wrong, _ in shown)
