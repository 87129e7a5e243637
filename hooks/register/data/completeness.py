"""Section 55 completeness of one response: the duty in one row, as the record shows it.

Section 55 asks for the body's comments, the chief constable's comments, an answer on every
recommendation for the force, copies to the inspectorate and the Home Secretary, and
publication. Each is judged only on what the record holds: "not stated" where the document is
silent, "not transcribed" where the register has not copied its words yet, and never a guess.
The response page, the inspection and force pages and the CSVs all read it from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from register.data.model import BODY_VOICES, CHIEF_VOICES, Inspection, Response

PRESENT = "present"
STATED_ABSENT = "stated absent"
NOT_STATED = "not stated"
NOT_TRANSCRIBED = "not transcribed"
SAYS_SO = "the document says so"

COMMENT_STATES = (PRESENT, STATED_ABSENT, NOT_STATED, NOT_TRANSCRIBED)
SENT_STATES = (SAYS_SO, NOT_STATED, NOT_TRANSCRIBED)


@dataclass(frozen=True)
class Completeness:
    """What one response shows of each part of the duty."""

    body_comments: str
    """present, not stated, or not transcribed."""
    chief_constable_comments: str
    """present, stated absent, not stated, or not transcribed."""
    chief_constable_absent_words: str | None
    every_force_answered: int | None
    """Recommendations for every force that the response answers; None where not transcribed."""
    every_force_total: int
    """Listed recommendations that a source says are for every force."""
    audience_unknown: int
    """Listed recommendations for which no source says whether they are for every force."""
    sent_to_inspectorate: str
    sent_to_inspectorate_words: str | None
    sent_to_home_secretary: str
    sent_to_home_secretary_words: str | None
    published: date | None

    @property
    def every_force_complete(self) -> bool | None:
        """True where every recommendation for every force is answered and none has an unknown audience; None where it cannot be told."""
        if self.every_force_answered is None or self.audience_unknown:
            return None
        return self.every_force_answered == self.every_force_total


def completeness(response: Response, inspection: Inspection) -> Completeness:
    transcribed = response.transcribed
    voices = [statement.by for statement in response.statements] + [answer.by for answer in response.answers]

    def comments(speakers: tuple[str, ...], absent: str | None = None) -> str:
        if not transcribed:
            return NOT_TRANSCRIBED
        if any(voice in speakers for voice in voices):
            return PRESENT
        return STATED_ABSENT if absent else NOT_STATED

    def sent(words: str | None) -> str:
        if words:
            return SAYS_SO
        return NOT_STATED if transcribed else NOT_TRANSCRIBED

    every_force = inspection.for_every_force
    answered = sum(1 for rec in every_force if response.answer_to(rec.number)) if transcribed else None
    asserts = response.document.asserts
    return Completeness(
        body_comments=comments(BODY_VOICES),
        chief_constable_comments=comments(CHIEF_VOICES, response.chief_constable_comments_absent),
        chief_constable_absent_words=response.chief_constable_comments_absent,
        every_force_answered=answered,
        every_force_total=len(every_force),
        audience_unknown=len(inspection.audience_unknown),
        sent_to_inspectorate=sent(asserts.sent_to_inspectorate),
        sent_to_inspectorate_words=asserts.sent_to_inspectorate,
        sent_to_home_secretary=sent(asserts.sent_to_home_secretary),
        sent_to_home_secretary_words=asserts.sent_to_home_secretary,
        published=response.published,
    )
