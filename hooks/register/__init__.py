"""The register's core, one folder per stage: data (read, check, model, judge), site (pages and downloads), staff (the command line), importer; no MkDocs import.

The MkDocs hook in ``hooks/register_hook.py`` is a thin adapter over this package, so the
same code serves the build, the tests and the staff command line.
"""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
