"""The one way the register writes a CSV: the open data's tables and the staff commands' spreadsheets alike.

Every CSV is opened by someone in a spreadsheet, so every one gets the same three things: a byte-order
mark (so the program reads UTF-8 as UTF-8), RFC 4180 records ended by CR LF, and text that a
spreadsheet would run as a formula neutralised. Keeping them in one place keeps the downloads and
``register coverage --csv`` / ``register due --format csv`` from drifting apart.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

BYTE_ORDER_MARK = "\ufeff"
"""Begins every CSV the register writes: without it, common spreadsheet programs opened by double-click
read UTF-8 as their own legacy encoding and garble curly quotes and accents (“ becomes â€œ)."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""The first characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection")."""


def spreadsheet_safe(text: str) -> str:
    """A text cell that a spreadsheet shows as text, never runs: one that begins with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return gets a leading apostrophe, as spreadsheet-safe
    exporters do, so ``=HYPERLINK(...)`` in a quoted answer is not a live link when a CSV is
    opened. Only text is changed (numbers, dates and booleans are written as they are), and only
    in the CSVs: ``register.json`` keeps the exact text. The data page documents it."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A header row and the rows, as RFC 4180 text behind a byte-order mark, quotes only where a
    cell needs them; text cells are made spreadsheet-safe, other cells are written as they are."""
    out = io.StringIO(newline="")
    out.write(BYTE_ORDER_MARK)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) if isinstance(cell, str) else cell for cell in row])
    return out.getvalue()
