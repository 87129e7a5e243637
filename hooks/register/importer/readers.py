"""Turn a response document into plain paragraphs, whatever format the body published it in.

Bodies publish Word files, PDFs, web pages and plain text. Everything after this module
works on one shape: a list of ``Paragraph``, each the words of one paragraph as the document
shows them (list numbers a reader sees included, markup such as Markdown's ``**`` removed),
with a note of where it was. A table row is one ``Paragraph`` whose ``cells`` keep the
table's structure (which table, a header row, a cell merged down from the row above), and
a cell of several paragraphs keeps them apart with a blank line. The readers for Word and
PDF are well-kept libraries (python-docx; pdfplumber, which finds a PDF's ruled tables),
installed with the ``import`` extra; a missing one is named, not guessed at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")
INSTALL_HINT = "install the import extra: pip install -e '.[import]' (or pip install -r requirements.txt)"


class ReadFailure(Exception):
    """The file cannot be read as a response document; the message says why, in one line."""


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the document, in the document's own words."""

    text: str
    """The words, with surrounding white space and markup removed; inner spacing kept."""
    where: str
    """Where it starts, for the report: ``line 12`` or ``paragraph 7``."""
    heading: bool = False
    """Marked as a heading by the format: a Markdown ``#``, a Word heading style, ``<h2>``, a bold line."""
    bullet: bool = False
    """An item of a bulleted list."""
    cells: tuple[str, ...] = field(default=())
    """For a table row: its cells; ``text`` is then the cells joined by tabs."""
    table: int | None = None
    """For a table row: which table of the document it is in (0, 1, …); None for a tab-separated line."""
    header: bool = False
    """A table row the format marks as a header row (``<th>`` cells, Word's "repeat as header row")."""
    continued: tuple[int, ...] = field(default=())
    """Cells (by position) merged down from the row above: their words are the row above's, repeated."""


def read_paragraphs(path: Path) -> list[Paragraph]:
    """Read ``path`` by its suffix; raise ``ReadFailure`` with a one-line reason if it cannot."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ReadFailure(f"{path.name}: cannot import '{suffix or 'no suffix'}' files; supported: {', '.join(SUFFIXES)}")
    if not path.is_file():
        raise ReadFailure(f"{path}: no such file")
    if suffix in (".txt", ".md"):
        paragraphs = read_text(_decode(path))
    elif suffix in (".html", ".htm"):
        paragraphs = read_html(_decode(path))
    elif suffix == ".docx":
        paragraphs = read_docx(path)
    else:
        paragraphs = read_pdf(path)
    paragraphs = join_broken(paragraphs)
    if not paragraphs:
        hint = " (a scanned PDF needs its text recognised first)" if suffix == ".pdf" else ""
        raise ReadFailure(f"{path.name}: no text found{hint}")
    return paragraphs


def _decode(path: Path) -> str:
    raw = path.read_bytes()
    if b"\x00" in raw:
        raise ReadFailure(f"{path.name}: this is not a text file (it contains binary data)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        # Word's "Save as plain text" writes Windows-1252 unless told otherwise.
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError as error:
            raise ReadFailure(f"{path.name}: the text is neither UTF-8 nor Windows-1252 (byte 0x{raw[error.start]:02x})") from None
    return text.removeprefix("\ufeff")


# --- plain text and Markdown -------------------------------------------------------------

_MD_HEADING = re.compile(r"^#{1,6}\s+")
_BULLET = re.compile(r"^[-*+•·▪◦]\s+")
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_LINK = re.compile(r"\[([^\]]+)\]\([^)\s]*\)")


def clean_markdown(line: str) -> tuple[str, bool, bool]:
    """``line`` without Markdown markup: (words, is a heading, is a bullet).

    Only markup that never occurs in ordinary prose is removed: heading hashes, bold
    markers, link targets and a leading bullet. A line that is bold from end to end is
    read as a heading, as forms use bold for their field names.
    """
    text = line.strip()
    heading = bool(_MD_HEADING.match(text))
    text = _MD_HEADING.sub("", text)
    bullet = bool(_BULLET.match(text))
    text = _BULLET.sub("", text)
    if re.fullmatch(r"(\*\*|__)(.+)\1", text) and not re.search(r"\*\*.*\*\*.*\*\*", text):
        heading = True
    text = _BOLD.sub(lambda m: m.group(1) or m.group(2), text)
    text = _LINK.sub(r"\1", text)
    return text.strip(), heading, bullet


def read_text(text: str) -> list[Paragraph]:
    """One paragraph per non-empty line; a line with a tab after its first words is a table row."""
    paragraphs = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        where = f"line {number}"
        if "\t" in stripped:
            cells = tuple(clean_markdown(cell)[0] for cell in stripped.split("\t"))
            paragraphs.append(Paragraph("\t".join(cells), where, cells=cells))
            continue
        words, heading, bullet = clean_markdown(stripped)
        if words:
            paragraphs.append(Paragraph(words, where, heading, bullet))
    return paragraphs


# --- HTML ---------------------------------------------------------------------------------

_BLOCKS = {
    "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "li", "ul", "ol",
    "table", "tr", "blockquote", "pre", "dt", "dd", "dl", "br", "hr", "caption", "figcaption", "address",
    "h1", "h2", "h3", "h4", "h5", "h6",
}  # fmt: skip
_SKIPPED = {"script", "style", "head", "template", "noscript", "svg", "title"}


class _HtmlCollector(HTMLParser):
    """Collect the text of block elements in order, as a browser would lay them out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[Paragraph] = []
        self._words: list[str] = []
        self._bold_words: list[str] = []
        self._skip = 0
        self._bold = 0
        self._heading = False
        self._bullet = False
        self._label = ""
        self._lists: list[list[int | None]] = []
        self._row: list[str] | None = None
        self._in_cell = False
        self._tables = -1
        self._header_cells = 0
        self._continued: list[int] = []
        self._spans: dict[int, tuple[int, str]] = {}
        """Cell position → (rows still to span, its words), for a ``rowspan`` over the rows below."""
        self._span = 1

    def _flush(self) -> None:
        text = " ".join("".join(self._words).split())
        bold = " ".join("".join(self._bold_words).split())
        if self._in_cell and self._row is not None:
            return
        if text:
            heading = self._heading or (bold == text and len(text) <= 120)
            label = f"{self._label} " if self._label else ""
            self.paragraphs.append(Paragraph(label + text, f"paragraph {len(self.paragraphs) + 1}", heading, self._bullet))
        self._words, self._bold_words = [], []
        self._heading = self._bullet = False
        self._label = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skip += 1
            return
        if tag in ("b", "strong"):
            self._bold += 1
        if tag in ("td", "th"):
            self._end_cell()
            if self._row is None:  # a cell outside any <tr>: a row of its own
                self._flush()
                self._row, self._continued = [], []
            self._fill_spans()
            self._in_cell = True
            self._header_cells += tag == "th"
            span = dict(attrs).get("rowspan") or "1"
            self._span = int(span) if span.strip().isdigit() else 1
            return
        if tag == "tr" and self._row is not None:  # the row before left open: HTML lets </tr> be left out
            self._end_row()
        if tag in _BLOCKS:
            if self._in_cell:
                self._words.append(_CELL_BREAK)
                return
            self._flush()
        if tag == "table":
            self._tables += 1
            self._spans = {}
        if tag == "tr":
            self._row, self._continued, self._header_cells = [], [], 0
        elif tag in ("ul", "ol"):
            start = dict(attrs).get("start") or "1"
            self._lists.append([int(start) - 1 if start.strip().isdigit() else 0] if tag == "ol" else [None])
        elif tag == "li":
            counter = self._lists[-1] if self._lists else [None]
            if counter[0] is None:
                self._bullet = True
            else:
                counter[0] += 1
                self._label = f"{counter[0]}."
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading = True

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skip = max(0, self._skip - 1)
            return
        if tag in ("b", "strong"):
            self._bold = max(0, self._bold - 1)
        if tag in ("td", "th"):
            self._end_cell()
            return
        if tag == "tr":
            self._end_row()
            return
        if tag == "table":
            self._end_row()
        if tag in ("ul", "ol") and self._lists:
            self._flush()
            self._lists.pop()
            return
        if tag in _BLOCKS and not self._in_cell:
            self._flush()

    def _end_cell(self) -> None:
        if self._in_cell and self._row is not None:
            words = cell_text("".join(self._words).split(_CELL_BREAK))
            if self._span > 1:
                self._spans[len(self._row)] = (self._span - 1, words)
            self._row.append(words)
            self._words, self._bold_words = [], []
        self._in_cell = False
        self._span = 1

    def _fill_spans(self) -> None:
        """Put in the cells a ``rowspan`` above carries down into this row, at their positions."""
        assert self._row is not None
        while len(self._row) in self._spans:
            position = len(self._row)
            left, words = self._spans.pop(position)
            if left > 1:
                self._spans[position] = (left - 1, words)
            self._continued.append(position)
            self._row.append(words)

    def _end_row(self) -> None:
        self._end_cell()
        if self._row is None:
            return
        if self._row:
            self._fill_spans()
        if any(self._row):
            cells = tuple(self._row)
            header = self._header_cells > 0 and self._header_cells >= len(cells) - len(self._continued)
            self.paragraphs.append(
                Paragraph(
                    "\t".join(cells), f"paragraph {len(self.paragraphs) + 1}", cells=cells,
                    table=max(self._tables, 0), header=header, continued=tuple(self._continued),
                )
            )  # fmt: skip
        self._row = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self._words.append(data)
        if self._bold:
            self._bold_words.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


_CELL_BREAK = "\x00"
"""Marks where a paragraph ends inside a table cell (the HTML parser never passes a NUL on)."""


def cell_text(paragraphs) -> str:
    """A cell's words: each paragraph's white space collapsed, paragraphs kept apart by a blank line."""
    return "\n\n".join(" ".join(part.split()) for part in paragraphs if part.strip())


def read_html(text: str) -> list[Paragraph]:
    """The visible text of a web page, one paragraph per block element, rows as tab-joined cells."""
    collector = _HtmlCollector()
    collector.feed(text)
    collector.close()
    return collector.paragraphs


# --- Word (.docx) -------------------------------------------------------------------------


def read_docx(path: Path) -> list[Paragraph]:
    """Paragraphs and table rows of a Word file in document order, list numbers included.

    Word keeps automatic list numbers out of the paragraph text; a reader sees them, and a
    form that renumbers the report's recommendations says so only through them, so they are
    worked out from the numbering definitions and put back in front of the words.
    """
    try:
        import docx
        from docx.table import Table
    except ImportError:
        raise ReadFailure(f"{path.name}: reading .docx files needs python-docx; {INSTALL_HINT}") from None
    try:
        document = docx.Document(str(path))
        items = list(document.iter_inner_content())
    except Exception as error:  # noqa: BLE001 - python-docx raises several kinds for a broken package
        raise ReadFailure(
            f"{path.name}: not a readable Word .docx file ({type(error).__name__}: {_first_line(error)}); save it again from Word as .docx"
        ) from None
    numbering = _Numbering(document)
    paragraphs: list[Paragraph] = []
    tables = 0
    for item in items:
        where = f"paragraph {len(paragraphs) + 1}"
        if isinstance(item, Table):
            paragraphs.extend(_docx_rows(item, tables, numbering, len(paragraphs)))
            tables += 1
            continue
        style = item.style.name if item.style is not None else ""
        label, bullet = numbering.label(item)
        runs = [run for run in item.runs if run.text.strip()]
        bold = bool(runs) and all(run.bold for run in runs)
        for line in item.text.split("\n"):
            words = line.strip()
            if not words:
                continue
            heading = style.startswith(("Heading", "Title")) or (bold and len(words) <= 120)
            text = f"{label} {words}" if label else words
            paragraphs.append(Paragraph(text, where, heading, bullet or style.startswith("List Bullet")))
            label = ""
    return paragraphs


def _docx_rows(table, number: int, numbering: _Numbering, before: int) -> list[Paragraph]:
    """The rows of one Word table, a merged cell once per row, each cell's paragraphs (and list numbers) kept.

    python-docx gives a cell merged across columns once for each column it spans, and a cell
    merged down over several rows in each of those rows: the first is kept once, the second is
    kept and marked as continued from the row above.
    """
    from docx.oxml.ns import qn

    rows: list[Paragraph] = []
    above: list = []
    for row in table.rows:
        elements, cells, continued = [], [], []
        for cell in row.cells:
            if any(cell._tc is seen for seen in elements):
                continue
            if len(elements) < len(above) and above[len(elements)] is cell._tc:
                continued.append(len(cells))
            elements.append(cell._tc)
            cells.append(cell_text(_cell_paragraphs(cell, numbering)))
        above = elements
        tr_pr = row._tr.trPr
        header = tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None
        if any(cells):
            rows.append(
                Paragraph(
                    "\t".join(cells), f"paragraph {before + len(rows) + 1}", cells=tuple(cells),
                    table=number, header=header, continued=tuple(continued),
                )
            )  # fmt: skip
    return rows


def _cell_paragraphs(cell, numbering: _Numbering) -> list[str]:
    """A cell's paragraphs as a reader sees them, automatic list numbers included; a table inside it row by row."""
    found = []
    for item in cell.iter_inner_content():
        if hasattr(item, "rows"):
            found.extend(" | ".join(" ".join(inner.text.split()) for inner in row.cells) for row in item.rows)
            continue
        label, _ = numbering.label(item)
        found.append(f"{label} {item.text}" if label and item.text.strip() else item.text)
    return found


class _Numbering:
    """Work out the number Word shows in front of a list paragraph."""

    def __init__(self, document) -> None:
        from docx.oxml.ns import qn

        self._qn = qn
        self._levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self._counters: dict[tuple[str, int], int] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for node in root.findall(qn("w:abstractNum")):
            levels = {}
            for level in node.findall(qn("w:lvl")):
                fmt = level.find(qn("w:numFmt"))
                text = level.find(qn("w:lvlText"))
                start = level.find(qn("w:start"))
                levels[int(level.get(qn("w:ilvl")))] = (
                    fmt.get(qn("w:val")) if fmt is not None else "decimal",
                    text.get(qn("w:val")) if text is not None else "",
                    int(start.get(qn("w:val"))) if start is not None else 1,
                )
            abstract[node.get(qn("w:abstractNumId"))] = levels
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is not None:
                for ilvl, spec in abstract.get(ref.get(qn("w:val")), {}).items():
                    self._levels[(num.get(qn("w:numId")), ilvl)] = spec

    def _num_pr(self, paragraph):
        pPr = paragraph._p.pPr
        if pPr is not None and pPr.numPr is not None:
            return pPr.numPr
        style = paragraph.style
        while style is not None:
            pPr = style.element.pPr
            if pPr is not None and pPr.numPr is not None:
                return pPr.numPr
            style = style.base_style
        return None

    def label(self, paragraph) -> tuple[str, bool]:
        """(the number as shown, e.g. ``"2."``, or ``""``; whether it is a bullet)."""
        num_pr = self._num_pr(paragraph)
        if num_pr is None or num_pr.numId is None:
            return "", False
        num_id = str(num_pr.numId.val)
        ilvl = num_pr.ilvl.val if num_pr.ilvl is not None else 0
        spec = self._levels.get((num_id, ilvl))
        if spec is None:
            return "", True
        fmt, text, start = spec
        if fmt in ("bullet", "none"):
            return "", fmt == "bullet"
        key = (num_id, ilvl)
        self._counters[key] = self._counters.get(key, start - 1) + 1
        for deeper in [k for k in self._counters if k[0] == num_id and k[1] > ilvl]:
            del self._counters[deeper]
        shown = text  # e.g. "%1." or "%1.%2": each %n is the current number at level n
        for level in range(ilvl + 1):
            level_fmt, _, level_start = self._levels.get((num_id, level), (fmt, "", 1))
            value = self._counters.get((num_id, level), level_start)
            shown = shown.replace(f"%{level + 1}", _format_number(value, level_fmt))
        return shown.strip(), False


def _format_number(value: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return chr(ord("a") + (value - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (value - 1) % 26)
    if fmt in ("lowerRoman", "upperRoman"):
        numerals = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
        out, rest = "", value
        for amount, letters in numerals:
            while rest >= amount:
                out, rest = out + letters, rest - amount
        return out if fmt == "lowerRoman" else out.upper()
    return str(value)


# --- PDF ----------------------------------------------------------------------------------


def read_pdf(path: Path) -> list[Paragraph]:
    """The paragraphs and tables of each page, in the order they stand on it.

    pdfplumber finds a table from its ruling lines and gives its cells (a merged cell once,
    ``None`` where it spans); the words outside the tables become lines, and a vertical gap
    wider than half a line starts a new paragraph, as a reader sees it. A single line with a
    wide gap in it (two columns laid out without rules) is kept as a row of cells.
    """
    try:
        import pdfplumber
    except ImportError:
        raise ReadFailure(f"{path.name}: reading .pdf files needs pdfplumber; {INSTALL_HINT}") from None
    paragraphs: list[Paragraph] = []
    tables = [0]
    try:
        with pdfplumber.open(str(path)) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                paragraphs.extend(_pdf_page(page, f"page {number}", tables))
    except ReadFailure:
        raise
    except Exception as error:  # noqa: BLE001 - pdfminer raises many kinds for a broken or locked file
        if "password" in type(error).__name__.lower() or "encrypt" in type(error).__name__.lower():
            raise ReadFailure(f"{path.name}: the PDF is encrypted; ask the body for an unprotected copy") from None
        raise ReadFailure(f"{path.name}: not a readable PDF ({type(error).__name__}: {_first_line(error)})") from None
    return paragraphs  # a paragraph cut by a page break is joined by ``join_broken``, as in text


def _pdf_page(page, where: str, tables: list[int]) -> list[Paragraph]:
    found = page.find_tables()
    boxes = [table.bbox for table in found]

    def outside(obj) -> bool:
        middle_x, middle_y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= middle_x <= x1 and top <= middle_y <= bottom for x0, top, x1, bottom in boxes)

    words = page.filter(lambda obj: obj.get("object_type") != "char" or outside(obj)).extract_words(extra_attrs=["fontname"])
    placed: list[tuple[float, list[Paragraph]]] = []
    for top, lines in _pdf_blocks(_pdf_lines(words)):
        placed.append((top, [_pdf_paragraph(lines, where)]))
    for table in found:
        rows = _pdf_rows(table.extract(), [row.cells for row in table.rows], where, tables[0])
        tables[0] += 1
        placed.append((table.bbox[1], rows))
    placed.sort(key=lambda item: item[0])
    return [paragraph for _, group in placed for paragraph in group]


def _pdf_lines(words: list[dict]) -> list[list[dict]]:
    """Words grouped into lines: the same baseline, give or take a third of their height."""
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(word["top"] - lines[-1][0]["top"]) <= word["height"] / 3:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def _pdf_blocks(lines: list[list[dict]]):
    """Lines grouped into paragraphs at a vertical gap wider than half a line: (top, lines)."""
    block: list[list[dict]] = []
    for line in lines:
        if block:
            last = block[-1]
            gap = line[0]["top"] - max(word["bottom"] for word in last)
            if gap > 0.5 * max(word["height"] for word in last):
                yield block[0][0]["top"], block
                block = []
        block.append(line)
    if block:
        yield block[0][0]["top"], block


def _pdf_paragraph(lines: list[list[dict]], where: str) -> Paragraph:
    cells = _pdf_cells(lines[0]) if len(lines) == 1 else []
    if len(cells) > 1:
        return Paragraph("\t".join(cells), where, cells=tuple(cells))
    words = " ".join(" ".join(word["text"] for word in line) for line in lines)
    bullet = bool(_BULLET.match(words))
    bold = all("bold" in str(word.get("fontname", "")).lower() for line in lines for word in line)
    return Paragraph(_BULLET.sub("", words), where, heading=bold and len(words) <= 120, bullet=bullet)


def _pdf_cells(line: list[dict]) -> list[str]:
    """A line cut where the gap between two words is wider than their height (about four spaces)."""
    cells = [[line[0]["text"]]]
    for before, word in pairwise(line):
        if word["x0"] - before["x1"] > 0.9 * word["height"]:
            cells.append([])
        cells[-1].append(word["text"])
    return [" ".join(cell) for cell in cells]


def _pdf_rows(rows: list[list[str | None]], boxes: list[tuple], where: str, number: int) -> list[Paragraph]:
    """A table's rows as pdfplumber gives them: ``None`` where a merged cell spans, across or down.

    A cell merged across columns is kept once; one merged down over rows is kept in each row
    it spans, marked as continued from the row above, as the Word reader does.
    """
    right_edges: dict[int, float] = {}
    for row in boxes:
        for position, box in enumerate(row):
            if box is not None:
                right_edges.setdefault(position, box[2])
    paragraphs: list[Paragraph] = []
    above: list[str] = []
    for row, row_boxes in zip(rows, boxes):
        cells: list[str] = []
        continued: list[int] = []
        shown: list[str] = []
        for position, cell in enumerate(row):
            if cell is None:
                left = next((row_boxes[i] for i in range(position - 1, -1, -1) if row_boxes[i] is not None), None)
                across = left is not None and left[2] >= right_edges.get(position, float("inf")) - 1
                words = above[position] if not across and position < len(above) else ""
                if words:
                    continued.append(len(cells))
                    cells.append(words)
                shown.append(words)
                continue
            words = " ".join(cell.split())
            cells.append(words)
            shown.append(words)
        above = shown
        if any(cells):
            paragraphs.append(Paragraph("\t".join(cells), where, cells=tuple(cells), table=number, continued=tuple(continued)))
    return paragraphs


def _first_line(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return text[0][:120] if text else "no detail"


# --- shared -------------------------------------------------------------------------------

_ENDS_SENTENCE = re.compile(r"[.!?:;”\"’')\]]$")


def join_broken(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Join a paragraph cut in two by a page break: no closing punctuation, next starts in lower case."""
    joined: list[Paragraph] = []
    for paragraph in paragraphs:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and not previous.cells
            and not paragraph.cells
            and not previous.heading
            and not paragraph.heading
            and not paragraph.bullet
            and paragraph.text[:1].islower()
            and not _ENDS_SENTENCE.search(previous.text)
        ):
            joined[-1] = Paragraph(f"{previous.text} {paragraph.text}", previous.where, False, previous.bullet)
        else:
            joined.append(paragraph)
    return joined
