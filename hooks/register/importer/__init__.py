"""Draft a response record from a body's own document (``register import``).

Reading (``readers``) turns a .docx, .pdf, .html, .md or .txt file into paragraphs and table
rows; ``layout`` finds headings and labelled fields; ``facts`` the document's own title, dates
and kind; ``tables`` the answers in a table, row by row; ``matching`` each recommendation's
answer; ``labels`` cautious label proposals; ``consistency`` what the document names against
the record; ``draft`` the record and its YAML. ``command`` is the command-line face of it all.
``review`` is what `register check` asks of an imported record before it passes it.

The command is loaded only when asked for, so that the check can use ``review`` without
loading the importer.
"""

from __future__ import annotations

__all__ = ["add_import_arguments", "main", "run_import"]


def __getattr__(name: str):
    if name in __all__:
        from . import command

        return getattr(command, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
