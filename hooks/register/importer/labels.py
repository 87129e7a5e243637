"""Propose position and progress labels, only where the body's words leave no doubt.

Labels are editorial (see the method page): a person decides them. The importer proposes
one only when a phrase settles it, and records that exact phrase, so the reviewer can
confirm it at a glance; anywhere else it proposes "not stated" and says it found no such
words. Where phrases point two ways, it proposes nothing and names both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NOT_STATED = "not stated"


@dataclass(frozen=True)
class Proposal:
    value: str
    because: str
    """The exact words that decided it, or why nothing was decided."""


_ELSEWHERE = r"(?:addressed to|(?:is|are|was|were|none (?:is|are|was|were)) not directly applicable|none (?:is|are|was|were) directly applicable|for the national lead|(?:is|are) a matter for (?:the )?(?:npcc|college|home office|national))"
_WAITING = r"(?:will|shall|we|I)\s+(?:a)?wait\b(?:\s+(?:to see|for))?(?:\s+(?:any|further|the))*\s+(?:information|guidance|direction|outcome|instructions?)\b"

POSITION_RULES: tuple[tuple[str, str], ...] = (
    ("awaiting national lead", rf"\b{_ELSEWHERE}\b.{{0,240}}?\b{_WAITING}"),
    (
        "not accepted",
        r"\b(?:do(?:es)? not|cannot|can ?not) accept (?:this|the|these) recommendations?\b|\breject(?:s|ed)? (?:this|the|these) recommendations?\b",
    ),
    ("partly accepted", r"\b(?:partly|partially) accept(?:s|ed)?\b|\baccept(?:s|ed)? (?:this|the) recommendation in part\b"),
    (
        "accepted",
        r"\bI am supportive of\b|\b(?:fully )?accept(?:s|ed)? (?:this|the|these|all|all the) recommendations?\b|\bagrees? with (?:this|the) recommendation\b|\bsupports? (?:this|the) recommendation\b",
    ),
    ("noted", r"\b(?:acknowledge|note)s? (?:this|the|these|all|all the) recommendations?\b"),
)

PROGRESS_RULES: tuple[tuple[str, str], ...] = (
    # Not the statutory "…or why no action is proposed", which says what a response must explain.
    ("no action proposed", r"(?<!\bwhy )(?<!\bor )\bno (?:further |local )?action (?:is |will be )?(?:proposed|required|needed|planned)\b"),
    ("completed", r"\b(?:has|have) (?:now )?been (?:completed|fully implemented|implemented|discharged)\b|\b(?:is|are) now complete\b"),
    (
        "in progress",
        r"\b(?:is|are) (?:currently )?(?:being (?:implemented|progressed)|under ?way|in progress)\b|\bwork is (?:on-?going|ongoing)\b",
    ),
    ("planned", r"\b(?:is|are) planned\b|\bhas plans to\b|\bplans are in place to\b"),
)


def propose_position(text: str) -> Proposal:
    return _propose(text, POSITION_RULES, "position")


def propose_progress(text: str) -> Proposal:
    return _propose(text, PROGRESS_RULES, "progress")


def _propose(text: str, rules: tuple[tuple[str, str], ...], what: str) -> Proposal:
    flat = " ".join(text.split())
    found: list[tuple[str, re.Match[str]]] = []
    for label, pattern in rules:
        found.extend((label, match) for match in re.finditer(pattern, flat, re.IGNORECASE | re.DOTALL))
    # "do not accept the recommendation" also contains "accept the recommendation": keep the longer reading.
    kept = [
        (label, match)
        for label, match in found
        if not any(
            other is not match and other.start() <= match.start() and match.end() <= other.end() and other_label != label
            for other_label, other in found
        )
    ]
    labels = sorted({label for label, _ in kept})
    if not labels:
        return Proposal(NOT_STATED, f"no words settle the {what}; decide from the text")
    if len(labels) > 1:
        quoted = "; ".join(f'"{match.group(0)}" ({label})' for label, match in kept)
        return Proposal(NOT_STATED, f"the words point two ways: {quoted}; decide from the text")
    return Proposal(labels[0], f'the words "{kept[0][1].group(0)}"')


def propose_by(heading: str, sender: str | None) -> Proposal:
    """Whose words a section is, from its heading, or from the sender of a report."""
    names_chief = re.search(r"\bchief constable", heading, re.IGNORECASE)
    names_body = re.search(r"\b(?:p\.?f?\.?c\.?c|o\.?p\.?c\.?c|commissioner|mayor)\b", heading, re.IGNORECASE)
    if names_chief and names_body:
        return Proposal("local policing body and chief constable", f'the heading "{heading}" names both')
    if names_chief:
        return Proposal("chief constable", f'the heading "{heading}" names the chief constable')
    if sender and re.search(r"\bchief constable\b", sender, re.IGNORECASE) and not names_body:
        return Proposal("chief constable", f'the document is from "{sender}"')
    return Proposal(
        "local policing body", f'the heading "{heading}" does not name the chief constable' if heading else "the body's own document"
    )


def propose_answer_by(label: str | None, sender: str | None, board_report: bool) -> Proposal:
    """Who speaks in an answer: the label in front of it ("Force response:"), else the voice of the whole document."""
    if label:
        if re.search(r"\bchief constable", label, re.IGNORECASE):
            return Proposal("chief constable", f'the label "{label}" in front of the answer')
        if re.search(r"\b(?:force|constabulary|police)\b", label, re.IGNORECASE):
            return Proposal("force", f'the label "{label}" in front of the answer')
        if re.search(r"\b(?:p\.?f?\.?c\.?c|o\.?p\.?f?\.?c\.?c|commissioner)", label, re.IGNORECASE):
            return Proposal("local policing body", f'the label "{label}" in front of the answer')
    if board_report and sender and re.search(r"\bchief constable\b", sender, re.IGNORECASE):
        return Proposal("chief constable", f'the document is from "{sender}", and no label in front of the answer names another speaker')
    return Proposal("local policing body", "the body's own document, and no label in front of the answer names another speaker")
