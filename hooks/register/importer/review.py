"""What a person must still do to an imported record before `register check` passes it.

`register import` writes what it could not place under ``unplaced_text``, so that nothing in
the document is lost on the way. Left there, such text is lost all the same: it is never
published, and a reviewer who deletes the draft block might never look at it. So the check
refuses a record while any item is left, each at its own line, until a person has moved it
into the field it belongs to, or deleted it as belonging nowhere in the record (the
transcript beside the record keeps the document's full text either way).

The cross-file check (``crosscheck.check_response``) calls ``unplaced_problems``; this module
needs nothing of the importer, so the check does not load it.
"""

from __future__ import annotations

from register.data.problems import Problem
from register.data.yamlfile import YamlDocument, field_name

UNPLACED_MESSAGE = "text from the document not yet placed"
UNPLACED_HINT = (
    "move it into the field it belongs to, or delete the item if it belongs nowhere in the record "
    "(the transcript keeps the document's full text); then delete unplaced_text"
)


def unplaced_problems(doc: YamlDocument) -> list[Problem]:
    """A problem at each item of ``unplaced_text`` still in the record."""
    items = doc.data.get("unplaced_text") if isinstance(doc.data, dict) else None
    if not isinstance(items, list):
        return []
    problems = []
    for index, text in enumerate(items):
        at = ("unplaced_text", index)
        line, column = doc.where(at)
        shown = " ".join(str(text).split())
        shown = shown if len(shown) <= 60 else shown[:57].rstrip() + "…"
        problems.append(Problem(doc.path, line, column, field_name(at), f'{UNPLACED_MESSAGE}: "{shown}"', UNPLACED_HINT))
    return problems
