"""The last touches to each built page that only the finished HTML can take, done the same way
by the MkDocs hook (``on_post_page``) and by the step after a Zensical build (``finish_site``).

- **Tables as cards.** On a narrow screen (``register.css``) a table becomes a stack of cards,
  one per row, each cell showing its column's label before its value. The label is the
  header's text, copied here onto every body cell as ``data-label`` (HTML-escaped), and the
  table is marked ``data-cards`` for the stylesheet. A table with no header row, or of fewer
  than ``CARD_COLUMNS`` columns, is left as it is, and so is a table with one of the classes in ``NOT_CARDS``: the timeliness matrix is a
  grid read across and down (every force against every inspection), which scrolls sideways
  inside itself with the forces' names kept in view; as cards it would lose that.
- **The phase banner and the footer's date.** ``overrides/main.html`` leaves two marked places,
  filled here from the data: how much of the register is held (``coverage_sentence``) and the
  date the figures are as of. The theme cannot compute them: Zensical builds from plain files
  with no hook, and its configuration has no as-of date.

Like ``links.py``, only the tags concerned change; every other byte of the page stays as it was.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from html import escape, unescape
from typing import Any

from register.data.coverage import CoverageState
from register.data.model import Register
from register.data.standing import standings_for_inspection
from register.site.stats import coverage_counts
from register.site.wording import long_date, plural

NOT_CARDS = ("register-matrix", "register-no-cards")
"""Tables with one of these classes keep their rows and columns on every screen."""
CARD_COLUMNS = 3
"""Tables of fewer columns (a label and a count, a field and its meaning) stay tables: a row of
two already reads as a label and its value, and fits the narrowest screen."""

COVERAGE_MARK = "<!-- register:coverage -->"
COVERAGE_SHORT_MARK = "<!-- register:coverage-short -->"
"""The banner's sentence in a few words, shown instead on a phone, where the whole sentence would
push the page's own first lines down by four lines on every page."""
AS_OF_MARK = "<!-- register:as-of -->"
CONTACT_MARK = "<!-- register:contact -->"
"""In the corrections and accessibility pages: where to send a correction or a problem (``contact_paragraph``)."""

_REST_OF_TAG = r"""(?:[^>"']|"[^"]*"|'[^']*')*>"""
_SKIPPED = re.compile(r"<!--.*?-->|<(script|style|textarea)\b" + _REST_OF_TAG + r".*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_TABLE = re.compile(r"<table\b" + _REST_OF_TAG + r".*?</table\s*>", re.DOTALL | re.IGNORECASE)
_ROW = re.compile(r"<tr\b" + _REST_OF_TAG + r".*?</tr\s*>", re.DOTALL | re.IGNORECASE)
_CELL_START = re.compile(r"<(td|th)\b(" + _REST_OF_TAG + ")", re.IGNORECASE)
_CELL = re.compile(r"<(td|th)\b" + _REST_OF_TAG + r"(.*?)</\1\s*>", re.DOTALL | re.IGNORECASE)
_SECTION = re.compile(r"<(thead|tbody|tfoot)\b" + _REST_OF_TAG + r"(.*?)</\1\s*>", re.DOTALL | re.IGNORECASE)
_CLASS = re.compile(r"""\sclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_SPAN = re.compile(r"""\scolspan\s*=\s*["']?(\d+)""", re.IGNORECASE)
_LABELLED = re.compile(r"""\sdata-label\s*=""", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]*>")
_LONG_CODE = re.compile(r"(?<!<pre>)(<code>)([^<\s]{20,})(</code>)")
_BREAK_AFTER = re.compile(r"[._/](?=[^._/])")
_LONG_ADDRESS = re.compile(r"(<a\b" + _REST_OF_TAG + r")(https?://[^<\s]{20,})(</a>)", re.IGNORECASE)
_SLASH = re.compile(r"/(?=[^/])")


@dataclass(frozen=True)
class PageFacts:
    """What every page says about the register as a whole, computed once per build from the data."""

    coverage: str
    """The phase banner's sentence, HTML-escaped."""
    coverage_short: str
    """The same numbers in a few words, for a phone (``coverage_short``)."""
    as_of: str
    """The date the figures are as of, in words."""
    contact: str = ""
    """Who runs the register and where to write, as HTML (``contact_paragraph``)."""


def banner_counts(register: Register, as_of: date) -> dict[CoverageState, int]:
    """The bodies expected to respond to each inspection, counted by coverage state: what both
    forms of the phase banner say, counted once per build."""
    standings = [item for inspection in register.inspections for item in standings_for_inspection(register, inspection, as_of)]
    return dict(coverage_counts(standings))


def coverage_sentence(counts: dict[CoverageState, int], reports: int) -> str:
    """How much of the register is held, in numbers: responses transcribed and located, to how
    many inspection reports, and for how many of the bodies expected to respond none is held."""
    transcribed, located, expected = counts[CoverageState.TRANSCRIBED], counts[CoverageState.LOCATED], sum(counts.values())
    held = f"The register holds {transcribed} transcribed and {plural(located, 'located response')} to {plural(reports, 'inspection report')}"
    if not expected:
        return f"{held}."
    return f"{held}; for {expected - transcribed - located} of the {plural(expected, 'response')} expected from the bodies, none is in the register yet."


def coverage_short(counts: dict[CoverageState, int]) -> str:
    """The banner on a phone: how many of the responses expected are held (transcribed or located)."""
    held, expected = counts[CoverageState.TRANSCRIBED] + counts[CoverageState.LOCATED], sum(counts.values())
    if not expected:
        return f"{plural(held, 'response')} held."
    return f"{held} of the {plural(expected, 'response')} expected are held."


def contact_paragraph(owner: Mapping[str, Any] | None) -> str:
    """Who runs the register and where to send a correction or a problem, from ``extra.register.owner``
    in ``mkdocs.yml``; while none is set, that they are not yet published (nothing is guessed)."""
    owner = owner or {}
    name, contact, corrections = (str(owner.get(key) or "").strip() for key in ("name", "contact_url", "corrections_url"))
    if not (name or contact or corrections):
        return (
            "<p>Who runs the register, and the address to write to, are not yet published. They will be given here, "
            "and in the footer of every page, as soon as they are.</p>"
        )
    sentences = [f"The register is run by {escape(name)}." if name else "Who runs the register is not yet published."]
    if corrections:
        sentences.append(f'Send corrections to <a href="{escape(corrections)}">{escape(_shown(corrections))}</a>.')
    if contact:
        sentences.append(f'To contact the register about anything else: <a href="{escape(contact)}">{escape(_shown(contact))}</a>.')
    elif corrections:
        sentences.append("No other contact address is published yet.")
    else:
        sentences.append("The address to write to is not yet published.")
    return f"<p>{' '.join(sentences)}</p>"


def _shown(address: str) -> str:
    return address[len("mailto:") :] if address.lower().startswith("mailto:") else address


def page_facts(register: Register, as_of: date, owner: Mapping[str, Any] | None = None) -> PageFacts:
    counts = banner_counts(register, as_of)
    return PageFacts(
        coverage=escape(coverage_sentence(counts, len(register.inspections)), quote=False),
        coverage_short=escape(coverage_short(counts), quote=False),
        as_of=escape(long_date(as_of), quote=False),
        contact=contact_paragraph(owner),
    )


def finish_page(html: str, facts: PageFacts | None) -> str:
    """A built page with its tables' cells labelled, long code names given places to break, and,
    where ``facts`` are given, its marked places filled."""
    html = soft_breaks(label_cells(html))
    if facts is not None:
        html = html.replace(COVERAGE_MARK, facts.coverage).replace(COVERAGE_SHORT_MARK, facts.coverage_short).replace(AS_OF_MARK, facts.as_of).replace(CONTACT_MARK, facts.contact)
    return html


def soft_breaks(html: str) -> str:
    """Long names in inline code (``inspections[].recommendations[].deadline``) hold no place a
    line may break, so on a phone the browser would break them anywhere, mid-word. A ``<wbr>``
    after each dot, underscore and slash lets them break there instead; code blocks are left as they are.
    A web address shown as a link's text gets one after each slash, so that it wraps between its parts."""
    html = _LONG_CODE.sub(lambda code: code.group(1) + _BREAK_AFTER.sub(r"\g<0><wbr>", code.group(2)) + code.group(3), html)
    return _LONG_ADDRESS.sub(lambda link: link.group(1) + _SLASH.sub("/<wbr>", link.group(2)) + link.group(3), html)


def label_cells(html: str) -> str:
    """Every table with a header row, except those in ``NOT_CARDS``, marked ``data-cards``, and
    each of its body cells given its column's header text as ``data-label``."""
    if "<table" not in html.lower():
        return html
    pieces: list[str] = []
    written = 0
    skipped = [match.span() for match in _SKIPPED.finditer(html)]
    for table in _TABLE.finditer(html):
        if any(start <= table.start() < end for start, end in skipped):
            continue
        labelled = _labelled_table(table.group())
        if labelled is not None:
            pieces += [html[written : table.start()], labelled]
            written = table.end()
    if not pieces:
        return html
    pieces.append(html[written:])
    return "".join(pieces)


def _labelled_table(table: str) -> str | None:
    start = re.match(r"<table\b" + _REST_OF_TAG, table, re.IGNORECASE)
    assert start is not None
    classes = _classes(start.group())
    if any(name in classes for name in NOT_CARDS) or re.search(r"\sdata-cards[\s=>]", start.group()):
        return None
    inner = table[start.end() :]
    if re.search(r"<table\b", inner, re.IGNORECASE):  # a table inside a table: left as it is
        return None
    sections = {match.group(1).lower(): match for match in _SECTION.finditer(inner)}
    head = sections.get("thead")
    if head is not None:
        header_rows = _ROW.findall(head.group(2))
        body_from = head.end()
    else:  # no <thead>: a first row of header cells alone is the header row
        first = _ROW.search(inner)
        if first is None or any(cell.group(1).lower() != "th" for cell in _CELL.finditer(first.group())):
            return None
        header_rows, body_from = [first.group()], first.end()
    if not header_rows:
        return None
    labels = _labels(header_rows[-1])
    if len(labels) < CARD_COLUMNS or not any(labels):
        return None
    body = inner[body_from:]
    labelled_body = _ROW.sub(lambda row: _labelled_row(row.group(), labels), body)
    return f"{start.group()[:6]} data-cards{start.group()[6:]}{inner[:body_from]}{labelled_body}"


def _labels(row: str) -> list[str]:
    """The text of each column's header, one entry per column (a header spanning columns labels each)."""
    labels: list[str] = []
    for cell in _CELL.finditer(row):
        text = " ".join(unescape(_TAGS.sub(" ", cell.group(2))).split())
        labels += [text] * _span(cell.group())
    return labels


def _labelled_row(row: str, labels: list[str]) -> str:
    column = 0

    def label(cell: re.Match[str]) -> str:
        nonlocal column
        tag = cell.group()
        index, column = column, column + _span(tag)
        if index >= len(labels) or not labels[index] or _LABELLED.search(tag):
            return tag
        return f'<{cell.group(1)} data-label="{escape(labels[index])}"{cell.group(2)}'

    return _CELL_START.sub(label, row)


def _span(tag: str) -> int:
    start = tag[: tag.index(">") + 1]
    match = _SPAN.search(start)
    return max(1, int(match.group(1))) if match else 1


def _classes(tag: str) -> list[str]:
    match = _CLASS.search(tag)
    return next((group for group in match.groups() if group is not None), "").split() if match else []
