"""Where the register stands in finding each body's response to a report: the coverage states.

"No published response identified" is only worth something if it says where the register
looked and when. So every body has one of four states for every report: its response is
transcribed (the register holds its words), located (the register knows where it is), not
found (with the places looked and the days), or not yet looked for. Pages, ``register
coverage``, ``register due`` and the open data all read the state from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from register.data.model import Look, Register, Response


class CoverageState(str, Enum):
    """In the method page's order: most known first."""

    TRANSCRIBED = "transcribed"
    LOCATED = "located"
    NOT_FOUND = "not found"
    NOT_LOOKED = "not yet looked for"


@dataclass(frozen=True)
class CoverageStanding:
    state: CoverageState
    looks: tuple[Look, ...]
    """The places looked that would have shown this body's response, newest first."""

    @property
    def last_looked(self) -> Look | None:
        return self.looks[0] if self.looks else None


def coverage_of(register: Register, inspection_id: str, force_id: str, response: Response | None, as_of: date | None = None) -> CoverageStanding:
    """The state for one body and report; ``response`` is the record the register holds, if any.

    A document the register does not count as the body's response (a press statement) is not
    the response found: for the response the state is then not found where a place looked would
    have shown it, else not yet looked for. Looks after ``as_of`` have not happened yet as of
    then, so ``register due --as-of`` with an earlier date does not report them.
    """
    looks = tuple(look for look in register.looks(inspection_id, force_id) if as_of is None or look.checked <= as_of)
    if response is not None and response.section_55.counts:
        return CoverageStanding(CoverageState.TRANSCRIBED if response.transcribed else CoverageState.LOCATED, looks)
    return CoverageStanding(CoverageState.NOT_FOUND if looks else CoverageState.NOT_LOOKED, looks)
