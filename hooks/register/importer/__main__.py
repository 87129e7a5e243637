"""``python -m register.importer FILE --inspection ID --force ID``."""

from __future__ import annotations

import sys

from .command import main

sys.exit(main())
