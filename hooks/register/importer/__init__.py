"""Draft a response record from a body's own document (``register import``).

Reading (``readers``) turns a .docx, .pdf, .html, .md or .txt file into paragraphs;
``layout`` finds headings and labelled fields; ``facts`` the document's own title, dates
and kind; ``matching`` each recommendation's answer; ``labels`` cautious label proposals;
``draft`` the record and its YAML. ``command`` is the command-line face of it all.
"""

from __future__ import annotations

from .command import add_import_arguments, main, run_import

__all__ = ["add_import_arguments", "main", "run_import"]
