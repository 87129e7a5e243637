"""The register's core: load, validate, model, clock and render, with no MkDocs import.

The MkDocs hook in ``hooks/register_hook.py`` is a thin adapter over this package, so the
same code serves the build, the tests and the staff command line.
"""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
