"""``python -m register``: the same as the ``register`` command, for a virtualenv that is not on PATH."""

from __future__ import annotations

import sys

from register.staff.cli import main

sys.exit(main())
