"""What characters the register's text may hold: one pass over every string of a schema-checked file.

The YAML reader refuses most raw control characters, but a double-quoted string can still write
any code point as an escape ("\\v", "\\0", "\\u202e", "\\udc80"), and some invisible characters
(zero-width spaces, direction controls) are printable to YAML and arrive raw from pasted text.
They would reach a hundred pages, the downloads and the search index: a lone surrogate cannot
be written as UTF-8 at all, a control character breaks page titles, a direction override shows
a name in another order than it is written, and a zero-width space makes two names that look
the same differ. So:

- Names, titles, ids and every other short field (everything but the document's words) hold no
  control character but tab and newline, no format character (direction marks and overrides,
  zero-width characters, soft hyphens), no line or paragraph separator, no lone surrogate and
  no noncharacter.
- The document's words (fields named ``text``: answers, statements, recommendations, summaries)
  are quoted verbatim, so what a document really carries is kept in a documented way: a
  vertical tab (Word's Shift+Enter), form feed (a PDF page break), carriage return, next-line
  character, line separator or paragraph separator is read as a new line. The joiners and
  direction marks that right-to-left and other scripts need (U+200C, U+200D, U+200E, U+200F,
  U+061C) are kept. Everything else refused in names is refused here too, direction overrides
  and isolates included: the page sets the direction of a right-to-left script itself.
- No field is blank: text of only spaces, no-break spaces or invisible characters is refused.

Each refusal names the field's line and column and the character's place in the text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Any

from register.data.problems import Problem
from register.data.yamlfile import FieldPath, YamlDocument, field_name

VERBATIM_FIELDS = frozenset({"text"})
"""Fields that quote a document's words at length; their line breaks are normalised, not refused."""

LINE_BREAKS = {
    "\x0b": "vertical tab, Word's Shift+Enter",
    "\x0c": "form feed, a page break",
    "\r": "carriage return",
    "\x85": "next-line character",
    "\u2028": "line separator",
    "\u2029": "paragraph separator",
}
"""Characters that end a line in some program; in the document's words each is read as a new line."""

SCRIPT_JOINERS = frozenset("\u200c\u200d\u200e\u200f\u061c")
"""Format characters that scripts need inside words (joiners, direction marks): kept in the document's words."""

DIRECTION_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Embeddings, overrides and isolates: they reorder the text that follows them."""

_NAMES = {
    "\x00": "NUL",
    "\x07": "bell",
    "\x08": "backspace",
    "\x09": "tab",
    "\x1b": "escape",
    "\x7f": "delete",
    "\u00ad": "soft hyphen",
    "\u200b": "zero-width space",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
    "\u200e": "left-to-right mark",
    "\u200f": "right-to-left mark",
    "\u2060": "word joiner",
    "\ufeff": "zero-width no-break space",
    "\u202a": "left-to-right embedding",
    "\u202b": "right-to-left embedding",
    "\u202c": "pop directional formatting",
    "\u202d": "left-to-right override",
    "\u202e": "right-to-left override",
    "\u2066": "left-to-right isolate",
    "\u2067": "right-to-left isolate",
    "\u2068": "first strong isolate",
    "\u2069": "pop directional isolate",
    **LINE_BREAKS,
}

_INVISIBLE = frozenset("\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\u3164\ufeff\uffa0")
"""Characters that show nothing (besides whitespace, which ``str.isspace`` knows): text of only these is blank."""


def normalise_line_breaks(text: str) -> str:
    """The document's words with every kind of line break written as a newline (CR LF as one)."""
    if not any(char in text for char in LINE_BREAKS):
        return text
    text = text.replace("\r\n", "\n")
    for char in LINE_BREAKS:
        text = text.replace(char, "\n")
    return text


def check_text(document: YamlDocument, skip: set[FieldPath] | frozenset[FieldPath] = frozenset()) -> list[Problem]:
    """Every string of ``document`` that breaks the rules above; the document's words are normalised in place.

    ``skip`` holds the fields the schema already refused, so one mistake gives one message.
    """
    problems = []
    for at, value, set_value in _strings(document.data, ()):
        if any(at[: len(place)] == place for place in skip):
            continue
        verbatim = _field(at) in VERBATIM_FIELDS
        if verbatim:
            normalised = normalise_line_breaks(value)
            if normalised != value:
                set_value(normalised)
                value = normalised
        found = first_refused(value, verbatim=verbatim)
        if found is None and is_blank(value):
            found = ("is blank: it holds only spaces or invisible characters", 'copy the document\'s words, or write "not stated" where it is silent')
        if found is not None:
            line, column = document.where(at)
            problems.append(Problem(document.path, line, column, field_name(at), *found))
    return problems


def first_refused(text: str, *, verbatim: bool = False) -> tuple[str, str] | None:
    """(message, hint) for the first character ``text`` may not hold, or None."""
    for index, char in enumerate(text):
        code = ord(char)
        if char in "\n\t" or (32 <= code < 127):
            continue
        place = f"at character {index + 1}"
        if 0xD800 <= code <= 0xDFFF:
            return (
                f"holds half of a character (U+{code:04X}, a lone surrogate) {place}, which no page or download can hold",
                (
                    "an escape such as \\udc80 in double quotes writes half a character: type the character itself, "
                    "or write a character beyond U+FFFF as \\U0001F600, not as two \\u escapes"
                ),
            )
        if char in LINE_BREAKS:
            return (f"holds a line break ({_label(char)}) {place}", "a name or title is one line: put a space there instead")
        category = unicodedata.category(char)
        if category == "Cc":
            return (
                f"holds a control character ({_label(char)}) {place}",
                "delete it; in double quotes an escape such as \\0, \\a or \\x7f writes one",
            )
        if char in DIRECTION_CONTROLS:
            return (
                f"holds an invisible direction control ({_label(char)}) {place}, which shows the text in another order than it is written",
                "delete it: the page sets the direction of a right-to-left script itself",
            )
        if verbatim and char in SCRIPT_JOINERS:
            continue
        if category in ("Cf", "Zl", "Zp"):
            return (
                f"holds an invisible character ({_label(char)}) {place}",
                "delete it: text copied from web pages and PDFs often carries one, and it makes words that look the same differ",
            )
        if category == "Cn" and (0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE):
            return (f"holds a noncharacter ({_label(char)}) {place}", "delete it; it is not text")
    return None


def is_blank(text: str) -> bool:
    """Whether ``text`` shows nothing: only whitespace (no-break spaces included) and invisible characters."""
    return all(char.isspace() or char in _INVISIBLE for char in text)


def _label(char: str) -> str:
    code = ord(char)
    name = _NAMES.get(char) or unicodedata.name(char, "").lower()
    return f"U+{code:04X} {name}" if name else f"U+{code:04X}"


def _field(at: FieldPath) -> str:
    """The name of the field a value is in: its key, or its list's key."""
    return next((part for part in reversed(at) if isinstance(part, str)), "")


def _strings(value: Any, at: FieldPath) -> Iterator[tuple[FieldPath, str, Any]]:
    """Every string in ``value`` with its path and a function that replaces it."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str):
                yield at + (key,), item, lambda new, container=value, key=key: container.__setitem__(key, new)
            else:
                yield from _strings(item, at + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, str):
                yield at + (index,), item, lambda new, container=value, index=index: container.__setitem__(index, new)
            else:
                yield from _strings(item, at + (index,))
