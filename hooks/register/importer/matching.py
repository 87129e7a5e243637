"""Find, for each recommendation of the inspection, the document's answer to it.

Bodies lay their answers out in many ways, and the register's seeds show the ones met so far:

- an explicit number, "Recommendation 19:", as a heading over the answer;
- a form that renumbers the report's 19–21 as 1–3: the list's texts are compared with the
  report's, so the document's "1." is read as the report's 19;
- paragraph numbering, "4.7 With immediate effect…", followed by "Force response: …";
- a bullet with no number at all, placed by its text alone;
- a table, a row for each recommendation (read by ``tables``);
- one answer for all the recommendations, in the body's general comments, where it names
  them or answers them together; never a sentence that only points to the answers
  ("set out in the table below"), and never the statutory duty or a paper's purpose.

Every match carries how it was made and a confidence, so the reviewer knows where to look;
a recommendation that cannot be placed says why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from register.data.model import Inspection

from .labels import Proposal
from .layout import Block, Layout
from .tables import TableReading, read_tables
from .texts import ANSWER_LABEL, MARGIN, SAME_TEXT, best_recommendation, boilerplate, normalise, points_elsewhere, similarity

__all__ = ["MARGIN", "SAME_TEXT", "best_recommendation", "normalise", "similarity"]

_EXPLICIT = re.compile(r"^(?:recommendation|rec\.?)\s*(?:no\.?\s*)?(?P<number>\d{1,3})\b\s*[:.\-–—)]?\s*(?P<rest>.*)$", re.IGNORECASE)
_PARAGRAPH_NUMBER = re.compile(r"^(?P<number>\d{1,2}\.\d{1,2})\.?\s+(?P<rest>\S.*)$")
_LIST_NUMBER = re.compile(r"^(?P<number>\d{1,2})[.)]\s+(?P<rest>\S.*)$")
_INLINE_NUMBER = re.compile(r"(?:^|(?<=\s))(\d{1,2})\.\s+")
_ANSWER_LABEL = ANSWER_LABEL
_SPEAKS_OF_RECOMMENDATIONS = re.compile(r"\brecommendations?\b", re.IGNORECASE)
_NAMED = re.compile(r"\brecommendations?\s+(?P<list>\d{1,3}(?:\s*(?:,|and|&|to|-|–)\s*\d{1,3})*)", re.IGNORECASE)


def _named_numbers(text: str) -> set[int]:
    """The recommendations a passage names by number: "recommendation 21", "Recommendations 19, 20 and 21"."""
    found: set[int] = set()
    for match in _NAMED.finditer(text):
        numbers = [int(n) for n in re.findall(r"\d{1,3}", match["list"])]
        if re.search(r"\d\s*(?:to|-|–)\s*\d", match["list"]) and len(numbers) == 2 and numbers[0] < numbers[1] <= numbers[0] + 50:
            numbers = list(range(numbers[0], numbers[1] + 1))
        found.update(numbers)
    return found


_ALL_IN_TERMS = re.compile(r"\b(?:all|each|every one|the|these|its)\s+(?:of\s+the\s+)?(?:[\w-]+\s+){0,2}recommendations\b", re.IGNORECASE)


@dataclass
class Quote:
    """A place where the document restates (or names) one of the report's recommendations."""

    number: int
    blocks: tuple[int, ...]
    """The paragraphs that make up the quotation (a "Recommendation 19:" heading and its text)."""
    shown_as: str | None
    """The document's own number for it, where it shows one: "19", "1", "4.7"."""
    how: str
    confidence: float
    inline: bool = False
    """Inside a longer paragraph or table row, so no answer can follow it directly."""
    text: str = ""
    answer: str = ""
    """Words after "Recommendation 19:" on the same line that are not the recommendation: the start of the answer."""
    label: str = ""
    """The "Recommendation 19:" in front of ``answer``."""


@dataclass
class Match:
    """The document's answer to one recommendation."""

    number: int
    text: str
    blocks: tuple[int, ...]
    how: str
    confidence: float
    shown_as: str | None = None
    label: str | None = None
    """A label in front of the answer that was left out of its text, e.g. "Force response:"."""
    heading: str | None = None
    """The document's heading over the answer, verbatim, where it is a "Recommendation 19: …" line of its own."""
    heading_block: int | None = None
    covers_all: bool = False
    """One general answer taken for every recommendation, where the document lists none: "all"."""
    column: str | None = None
    """For an answer read from a table: the header of its column ("Force response"), which may say who speaks."""
    position: Proposal | None = None
    """A position the table's own column gives ("Accepted"), taken before the answer's words."""
    progress: Proposal | None = None


@dataclass
class Matching:
    quotes: list[Quote] = field(default_factory=list)
    matches: dict[int, Match] = field(default_factory=dict)
    reasons: dict[int, str] = field(default_factory=dict)
    """Why a recommendation is not matched."""
    notes: list[str] = field(default_factory=list)
    tables: TableReading = field(default_factory=TableReading)

    def quoted_blocks(self) -> set[int]:
        return {index for quote in self.quotes if not quote.inline for index in quote.blocks}

    def answer_blocks(self) -> set[int]:
        return {index for match in self.matches.values() if not match.how.startswith("one answer") for index in match.blocks}


def find_quotes(layout: Layout, inspection: Inspection, skip: set[int] = frozenset()) -> tuple[list[Quote], list[str]]:
    """Every place the document restates or names a recommendation, in document order; ``skip``: rows read as a table."""
    numbers = {rec.number for rec in inspection.recommendations}
    quotes: list[Quote] = []
    notes: list[str] = []
    blocks = layout.blocks
    taken: set[int] = set(skip)
    unplaced_explicit: list[tuple[int, int]] = []
    for block in blocks:
        if block.index in taken:
            continue
        text = block.text
        if explicit := _EXPLICIT.match(text):
            number, rest = int(explicit["number"]), explicit["rest"].strip()
            parts: tuple[int, ...] = (block.index,)
            if not rest and block.index + 1 < len(blocks):
                following = blocks[block.index + 1]
                if following.role == "text":
                    candidate, score, _ = best_recommendation(following.text, inspection)
                    if score >= SAME_TEXT:
                        rest, parts = following.text, (block.index, following.index)
            quote = _explicit_quote(number, rest, parts, inspection, numbers)
            if quote is None:
                unplaced_explicit.append((block.index, number))
                continue
            if quote.answer:
                quote.label = text[: explicit.start("rest")].strip()
            quotes.append(quote)
            taken.update(parts)
            continue
        if block.paragraph.cells or _INLINE_NUMBER.search(text):
            inline = _inline_quotes(block, inspection)
            if inline:
                quotes.extend(inline)
                continue
        for pattern, kind in ((_PARAGRAPH_NUMBER, "paragraph number"), (_LIST_NUMBER, "list number")):
            numbered = pattern.match(text)
            if numbered:
                candidate, score, runner_up = best_recommendation(numbered["rest"], inspection)
                if candidate is not None and score >= SAME_TEXT and score - runner_up >= MARGIN:
                    shown = numbered["number"]
                    if kind == "list number" and int(shown) == candidate:
                        how = f'its number "{shown}." and its text (similarity {score:.2f})'
                        shown_as = None
                    elif kind == "list number":
                        how = f"the document's list number {shown}, renumbering the report's {candidate}: its text matches (similarity {score:.2f})"
                        shown_as = shown
                    else:
                        how = f"paragraph number {shown}, whose text matches the recommendation (similarity {score:.2f})"
                        shown_as = shown
                    quotes.append(Quote(candidate, (block.index,), shown_as, how, round(min(0.95, score), 2), text=numbered["rest"]))
                    taken.add(block.index)
                break
        else:
            candidate, score, runner_up = best_recommendation(text, inspection)
            if candidate is not None and score >= SAME_TEXT and score - runner_up >= MARGIN:
                kind = "a bullet" if block.paragraph.bullet else "a paragraph"
                quotes.append(
                    Quote(
                        candidate,
                        (block.index,),
                        None,
                        f"the recommendation's own text, quoted in {kind} with no number (similarity {score:.2f})",
                        round(score * 0.9, 2),
                        text=text,
                    )
                )
                taken.add(block.index)
    quotes.extend(_positional(unplaced_explicit, inspection, notes))
    for index, number in unplaced_explicit:
        if index not in {i for quote in quotes for i in quote.blocks}:
            notes.append(
                f"{blocks[index].where}: the document names recommendation {number}, which the inspection does not list, and its text matches none"
            )
    return sorted(quotes, key=lambda quote: quote.blocks), notes


def _explicit_quote(number: int, rest: str, parts: tuple[int, ...], inspection: Inspection, numbers: set[int]) -> Quote | None:
    candidate, score, runner_up = best_recommendation(rest, inspection) if rest else (None, 0.0, 0.0)
    text_decides = candidate is not None and score >= SAME_TEXT and score - runner_up >= MARGIN
    label = f'"Recommendation {number}"'
    if number in numbers and rest and score < SAME_TEXT / 2:
        how = f"explicit number {label}, with its answer on the same line"
        return Quote(number, parts, None, how, 0.9, answer=rest)
    if number in numbers:
        if not text_decides or candidate == number:
            confirm = f" and its quoted text (similarity {score:.2f})" if text_decides else ""
            return Quote(number, parts, None, f"explicit number {label}{confirm}", 0.95 if text_decides or not rest else 0.9, text=rest)
        how = f"its quoted text (similarity {score:.2f}), although the document labels it {label}"
        return Quote(candidate, parts, str(number), how, 0.7, text=rest)  # type: ignore[arg-type]
    if text_decides:
        how = f"the document's {label}, renumbering the report's {candidate}: its quoted text matches (similarity {score:.2f})"
        return Quote(candidate, parts, str(number), how, round(min(0.95, score), 2), text=rest)  # type: ignore[arg-type]
    return None


def _positional(unplaced: list[tuple[int, int]], inspection: Inspection, notes: list[str]) -> list[Quote]:
    """ "Recommendation 1…n" without texts, where the report's own numbers differ: taken in order."""
    shown = [number for _, number in unplaced]
    recommendations = [rec.number for rec in inspection.recommendations]
    if not unplaced or shown != list(range(1, len(recommendations) + 1)):
        return []
    notes.append(
        f"the document numbers the recommendations 1 to {len(shown)}; they are taken as the report's {recommendations[0]} to {recommendations[-1]} in order"
    )
    return [
        Quote(
            number,
            (index,),
            str(position),
            f"its position: the document's recommendation {position} of {len(shown)}, taken as the report's {number} in order",
            0.6,
        )
        for (index, position), number in zip(unplaced, recommendations)
    ]


def _inline_quotes(block: Block, inspection: Inspection) -> list[Quote]:
    """Several numbered recommendations run together in one paragraph or table cell."""
    text = block.text
    pieces = _INLINE_NUMBER.split(text)
    found = []
    for position in range(1, len(pieces) - 1, 2):
        shown, words = pieces[position], pieces[position + 1].strip()
        candidate, score, runner_up = best_recommendation(words, inspection)
        if candidate is None or score < SAME_TEXT or score - runner_up < MARGIN:
            continue
        renumbered = int(shown) != candidate
        how = f'its number "{shown}." in a list run together in {"a table row" if block.paragraph.cells else "one paragraph"}, and its text (similarity {score:.2f})'
        found.append(
            Quote(candidate, (block.index,), shown if renumbered else None, how, round(min(0.9, score), 2), inline=True, text=words)
        )
    return found if len(found) >= 2 or (found and block.paragraph.cells) else []


def match_answers(layout: Layout, inspection: Inspection) -> Matching:
    """Answers that follow a quotation of their recommendation."""
    tables = read_tables(layout, inspection)
    quotes, notes = find_quotes(layout, inspection, tables.claimed)
    result = Matching(quotes=quotes, notes=notes + tables.notes, tables=tables)
    starts = {quote.blocks[0] for quote in quotes if not quote.inline}
    quoted = result.quoted_blocks()
    for quote in quotes:
        if quote.inline:
            continue
        answer_blocks: list[Block] = []
        for block in layout.blocks[quote.blocks[-1] + 1 :]:
            if block.index in starts or block.index in quoted or block.role != "text" or boilerplate(block.text):
                break
            answer_blocks.append(block)
        texts = [block.text for block in answer_blocks]
        indexes = [block.index for block in answer_blocks]
        label = None
        heading: str | None = None
        heading_block: int | None = None
        if quote.answer:
            texts.insert(0, quote.answer)
            indexes.insert(0, quote.blocks[0])
            label, how = quote.label, quote.how + (f", and {len(answer_blocks)} more under it" if answer_blocks else "")
            confidence = quote.confidence
        elif not answer_blocks:
            continue
        else:
            if _heads_its_answer(quote, layout):
                heading, heading_block = layout.blocks[quote.blocks[0]].text, quote.blocks[0]
            if labelled := _ANSWER_LABEL.match(texts[0]):
                label = texts[0][: labelled.start("rest")].strip()
                texts[0] = labelled["rest"]
            followed = f'"{label}"' if label else f"{len(texts)} paragraph{'s' if len(texts) > 1 else ''} under it"
            how = f"{quote.how}, followed by {followed}"
            confidence = quote.confidence if label else round(quote.confidence * 0.95, 2)
        if quote.number in result.matches:
            where = layout.blocks[indexes[0]].where
            result.notes.append(
                f"recommendation {quote.number} is answered twice ({where}); the first answer is kept and this one left unplaced"
            )
            continue
        result.matches[quote.number] = Match(
            quote.number, "\n\n".join(texts), tuple(indexes), how, confidence, quote.shown_as, label, heading, heading_block
        )
    _add_table_answers(result, tables, layout)
    return result


def _add_table_answers(result: Matching, tables: TableReading, layout: Layout) -> None:
    for answer in tables.answers:
        if answer.number in result.matches:
            result.notes.append(
                f"recommendation {answer.number} is answered twice ({layout.blocks[answer.rows[0]].where}, a table row); "
                "the first answer is kept and this one left unplaced"
            )
            continue
        result.matches[answer.number] = Match(
            answer.number, answer.text, answer.rows, answer.how, answer.confidence, answer.shown_as, answer.label,
            column=answer.column, position=answer.position, progress=answer.progress,
        )  # fmt: skip
    for quote in tables.quotes:
        result.quotes.append(Quote(quote.number, (quote.row,), quote.shown_as, quote.how, quote.confidence, inline=True, text=quote.text))
    result.quotes.sort(key=lambda quote: quote.blocks)


def _heads_its_answer(quote: Quote, layout: Layout) -> bool:
    """A "Recommendation 19: <its words>" paragraph on its own, over the answer: the document's heading for it."""
    if len(quote.blocks) != 1 or not quote.text or quote.answer:
        return False
    return _EXPLICIT.match(layout.blocks[quote.blocks[0]].text) is not None


def cover_remaining(result: Matching, layout: Layout, statement_blocks: list[int], inspection: Inspection) -> None:
    """Let one general answer stand for the recommendations not answered one by one.

    A body often answers every recommendation at once ("I acknowledge the recommendations…").
    That answer is the paragraph (or paragraphs) of its own comments that speak of
    recommendations; it covers the recommendations the document lists, or, where it lists
    none, all of the inspection's (only where it says so in terms), with a lower confidence.

    It is never a sentence that points to the answers ("set out in the table below"), nor
    the statutory duty; and where the document answers some recommendations one by one, it
    covers only those others it names by number.
    """
    quoted_numbers = list(dict.fromkeys(quote.number for quote in result.quotes))
    waiting = [number for number in quoted_numbers if number not in result.matches]
    listed = bool(quoted_numbers)
    one_by_one = bool(result.matches)
    if not listed:
        waiting = [rec.number for rec in inspection.recommendations if rec.number not in result.matches]
    covering = [
        index
        for index in statement_blocks
        if _SPEAKS_OF_RECOMMENDATIONS.search(layout.blocks[index].text)
        and not boilerplate(layout.blocks[index].text)
        and not points_elsewhere(layout.blocks[index].text)
        and (listed or one_by_one or _ALL_IN_TERMS.search(layout.blocks[index].text))
    ]
    if one_by_one:  # "I support recommendation 21": a number in the body's own comments is evidence too
        named = {number for index in covering for number in _named_numbers(layout.blocks[index].text)}
        known = {rec.number for rec in inspection.recommendations}
        waiting += sorted(number for number in named & known if number not in result.matches and number not in waiting)
    shown = {quote.number: quote.shown_as for quote in result.quotes if quote.shown_as}
    for number in waiting:
        if not covering:
            if listed:
                result.reasons[number] = (
                    "the document quotes it but no answer follows it, and the body's comments do not speak of the recommendations"
                )
            else:
                result.reasons[number] = (
                    "the document neither quotes nor names it, and no paragraph of the body's comments speaks of the recommendations"
                )
            continue
        text = "\n\n".join(layout.blocks[index].text for index in covering)
        names_it = re.search(rf"(?<![\d.]){number}(?![\d.]\d)", text) is not None
        if one_by_one and not names_it:
            result.reasons[number] = (
                "the document answers other recommendations one by one, and its general comments do not name this one"
            )
            continue
        if listed and names_it:
            confidence, why = 0.8, "it lists the recommendation and its general answer names it"
        elif listed:
            confidence, why = (
                0.7,
                "it lists the recommendation, and the only part of the body's comments that speaks of recommendations answers them together",
            )
        else:
            confidence, why = (
                0.5,
                "it does not list the recommendations; the part of the body's comments that speaks of recommendations is taken to answer them all",
            )
        result.matches[number] = Match(
            number, text, tuple(covering), f"one answer covering all the recommendations: {why}", confidence, shown.get(number), covers_all=not listed
        )
    for rec in inspection.recommendations:
        if rec.number not in result.matches and rec.number not in result.reasons:
            result.reasons[rec.number] = "the document does not quote, name or answer it"
