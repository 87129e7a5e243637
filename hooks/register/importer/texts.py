"""Compare the document's words with the report's, and take a speaker's label off an answer.

Shared by ``matching`` (paragraphs) and ``tables`` (table rows), so both read a quotation
and an "Force response:" label the same way.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from register.data.model import Inspection

SAME_TEXT = 0.8
"""Similarity above which a passage is taken to quote a recommendation."""
MARGIN = 0.08
"""How much better the best recommendation must fit than the next, for text alone to decide."""

ANSWER_LABEL = re.compile(
    r"^(?P<label>(?:(?:force|constabulary|pcc|pfcc|opcc|commissioner(?:['’]s)?|chief constable(?:['’]s)?|police|our|local)\s+)?"
    r"(?:response|update|comments?|answer|actions?(?: taken)?))\s*[:\-–—]\s*(?P<rest>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)


def normalise(text: str) -> str:
    """Lower case, straight quotes, letters and digits only: the form compared for similarity."""
    text = text.lower().translate(str.maketrans("’‘“”–—", "''\"\"--"))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def similarity(a: str, b: str) -> float:
    left, right = normalise(a), normalise(b)
    if not left or not right:
        return 0.0
    matcher = SequenceMatcher(None, left, right, autojunk=False)
    if matcher.real_quick_ratio() < SAME_TEXT - 0.2 or matcher.quick_ratio() < SAME_TEXT - 0.2:
        return matcher.quick_ratio() / 2
    return matcher.ratio()


def best_recommendation(text: str, inspection: Inspection) -> tuple[int | None, float, float]:
    """(number, similarity, runner-up similarity) of the recommendation ``text`` is closest to."""
    scores = sorted(((similarity(text, rec.text), rec.number) for rec in inspection.recommendations), reverse=True)
    if not scores:
        return None, 0.0, 0.0
    runner_up = scores[1][0] if len(scores) > 1 else 0.0
    return scores[0][1], scores[0][0], runner_up


def strip_answer_label(text: str) -> tuple[str | None, str]:
    """("Force response:", the rest) for an answer that opens with a speaker's label; else (None, the text)."""
    if labelled := ANSWER_LABEL.match(text):
        return text[: labelled.start("rest")].strip(), labelled["rest"]
    return None, text


_BOILERPLATE = re.compile(
    r"\bwithin 56 days\b|\bmust (?:provide|publish) a response\b|\bwhy no action is proposed\b|"
    r"\brequires? (?:local policing bodies|the (?:local policing body|pcc|commissioner)) to (?:respond|publish)\b|"
    r"\bsection 55(?:\(1\))? of the police act 1996\b.{0,80}\b(?:requires?|duty|duties)\b|"
    r"\bthe purpose of this (?:report|paper) is\b|\bthe board is recommended to\b",
    re.IGNORECASE | re.DOTALL,
)
_POINTS_ELSEWHERE = re.compile(
    r"\b(?:(?:set out|detailed|given|listed|shown|found|included|outlined|provided)\s+(?:in|within)\s+(?:the\s+)?(?:table|appendix|annex|attachment|section)\b|"
    r"(?:in|see)\s+the\s+table\b|(?:table|response|answers?|responses)\s+below\b|below\b[^.]{0,40}$|as follows\b|overleaf\b|the following\b)",
    re.IGNORECASE,
)


def boilerplate(text: str) -> bool:
    """The statutory duty, a paper's purpose or what a board is asked to do: never an answer, never a label's source."""
    return _BOILERPLATE.search(text) is not None


def points_elsewhere(text: str) -> bool:
    """A covering sentence that sends the reader to the answers ("set out in the table below"): not itself an answer."""
    return _POINTS_ELSEWHERE.search(text) is not None
