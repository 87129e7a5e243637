"""`register import` reads tables row by row, places text only on evidence, loses nothing, and says whose document it is.

The documents are built in each test from invented text around the report's own
recommendations (no binary is committed), one behaviour at a time; the layouts of the seed
documents are measured in tests/test_import_layouts.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from register.data.load import load_register
from register.data.problems import DataError
from register.importer.labels import propose_progress
from test_import import ROOT, run_import, squash, strings, transcript
from test_import_layouts import (
    COVERING,
    LAYOUTS,
    MEASURED,
    SEEDS,
    build,
    expected_answers,
    import_document,
    write_docx,
    write_html,
    write_pdf,
)

TERRORIST = "management-of-terrorist-offenders-2023"
PREVENT = "counter-terrorism-prevent-2020"


def recommendations(inspection: str = TERRORIST) -> dict[int, str]:
    data = yaml.safe_load((ROOT / "data" / "inspections" / f"{inspection}.yaml").read_text("utf-8"))
    return {rec["number"]: " ".join(rec["text"].split()) for rec in data["recommendations"]}


REC = recommendations()


def imported(capsys, tmp_path: Path, plan: list, writer=write_docx, suffix: str = ".docx", force: str = "norfolk") -> tuple[dict, str]:
    source = tmp_path / f"response{suffix}"
    writer(plan, source)
    return import_document(capsys, source, TERRORIST, force)


def answers(draft: dict) -> dict[tuple[int, ...], dict]:
    return {tuple(answer["recommendations"]): answer for answer in draft["answers"]}


# --- tables: columns, numbers, merged and multi-paragraph cells ---------------------------


def test_a_header_row_names_the_columns_and_every_cell_is_kept(capsys, tmp_path: Path) -> None:
    header = ["No.", "Recommendation", "Response", "Position", "Progress", "Owner", "Target date"]
    rows = [
        ["19", REC[19], "We have reviewed the framework with the region.", "Accepted", "Complete", "DCI Jones", "March 2024"],
        [
            "20",
            REC[20],
            "A risk assessment for home visits is being written.\n\nIt will be in use by the summer.",
            "Accepted",
            "In progress",
            "Head of CT",
            "June 2024",
        ],
        ["21", REC[21], "We await the national guidance.", "Noted", "", "", ""],
    ]
    draft, _ = imported(capsys, tmp_path, [("heading", "PCC response to the report"), ("table", header, rows)])
    got = answers(draft)
    assert sorted(got) == [(19,), (20,), (21,)]
    assert (
        got[(19,)]["text"]
        == "We have reviewed the framework with the region.\n\nPosition: Accepted\n\nProgress: Complete\n\nOwner: DCI Jones\n\nTarget date: March 2024"
    )
    assert got[(20,)]["text"].startswith(
        "A risk assessment for home visits is being written.\n\nIt will be in use by the summer.\n\n"
    )  # the cell's two paragraphs
    assert [(got[n]["position"], got[n]["progress"]) for n in [(19,), (20,), (21,)]] == [
        ("accepted", "completed"),
        ("accepted", "in progress"),
        ("noted", "not stated"),
    ]
    proposals = {p["field"]: p["because"] for p in draft["draft"]["proposals"]}
    assert proposals["answers[1].position"] == 'the table\'s "Position" column says "Accepted"'
    assert proposals["answers[2].progress"] == 'the table\'s "Progress" column says "In progress"'
    assert "unplaced_text" not in draft
    recognised = {item["text"]: item["as"] for item in draft["draft"]["recognised"]}
    assert recognised[" | ".join(header)].startswith("the header row of a table of answers")


def test_a_table_that_renumbers_the_report_keeps_its_own_numbers(capsys, tmp_path: Path) -> None:
    rows = [[str(n - 18), REC[n], f"Answer to the report's {n}."] for n in (19, 20, 21)]
    draft, _ = imported(capsys, tmp_path, [("table", None, rows)])
    got = [(a["recommendations"], a.get("numbered_in_document"), a["text"]) for a in draft["answers"]]
    assert got == [
        ([19], "1", "Answer to the report's 19."),
        ([20], "2", "Answer to the report's 20."),
        ([21], "3", "Answer to the report's 21."),
    ]


def test_numbers_alone_in_order_are_read_by_position_with_a_note(capsys, tmp_path: Path) -> None:
    rows = [["Recommendation", "Response"], *[[f"Recommendation {n}", f"Answer {n}."] for n in (1, 2, 3)]]
    draft, _ = imported(capsys, tmp_path, [("table", None, rows)])
    assert [(a["recommendations"], a.get("numbered_in_document"), a["text"]) for a in draft["answers"]] == [
        ([19], "1", "Answer 1."),
        ([20], "2", "Answer 2."),
        ([21], "3", "Answer 3."),
    ]
    assert any("taken as the report's 19 to 21 in order" in note for note in draft["draft"]["notes"])


def test_where_the_number_and_the_words_disagree_the_words_decide(capsys, tmp_path: Path) -> None:
    draft, _ = imported(capsys, tmp_path, [("table", None, [["Recommendation 20", REC[19], "We agree."]])])
    (answer,) = draft["answers"]
    assert (answer["recommendations"], answer["numbered_in_document"], answer["text"]) == ([19], "20", "We agree.")


def test_a_cell_merged_over_rows_is_one_answer_to_each(capsys, tmp_path: Path) -> None:
    rows = [[REC[19], "The force will await the national lead's guidance on both."], [REC[20], None], [REC[21], "Work is ongoing."]]
    for writer, suffix in ((write_docx, ".docx"), (write_html, ".html")):
        draft, _ = imported(capsys, tmp_path, [("table", ["Recommendation", "Force response"], rows)], writer, suffix)
        got = answers(draft)
        assert sorted(got) == [(19, 20), (21,)], suffix
        assert got[(19, 20)]["text"] == "The force will await the national lead's guidance on both."
        assert got[(19, 20)]["by"] == "force"  # the column's header says who speaks
        report = {entry["recommendation"]: entry["result"] for entry in draft["draft"]["report"]}
        assert "its answer cell merged with the row above" in report[20] and "in one answer with 19" in report[20]


def test_an_answer_carried_on_in_a_row_with_empty_first_cells_stays_with_it(capsys, tmp_path: Path) -> None:
    rows = [["19", REC[19], "The first part of the answer."], ["", "", "The rest of it, after a page break."], ["21", REC[21], "Noted."]]
    draft, _ = imported(capsys, tmp_path, [("table", None, rows)])
    got = answers(draft)
    assert got[(19,)]["text"] == "The first part of the answer.\n\nThe rest of it, after a page break."
    assert got[(21,)]["text"] == "Noted."


def test_a_pdf_table_is_read_from_its_ruled_cells(capsys, tmp_path: Path) -> None:
    rows = [
        [str(n), REC[n], f"The force's answer to {n}, long enough to wrap over more than one line of its cell in the PDF."]
        for n in (19, 20, 21)
    ]
    draft, _ = imported(
        capsys, tmp_path, [("text", COVERING), ("table", ["No.", "Recommendation", "Force response"], rows)], write_pdf, ".pdf"
    )
    got = answers(draft)
    assert {numbers: squash(answer["text"]) for numbers, answer in got.items()} == {
        (n,): f"The force's answer to {n}, long enough to wrap over more than one line of its cell in the PDF." for n in (19, 20, 21)
    }


# --- only on evidence ---------------------------------------------------------------------


def test_a_row_with_no_number_and_no_recommendation_is_never_an_answer(capsys, tmp_path: Path) -> None:
    rows = [["19", REC[19], "We agree."], ["Other matters", "We will keep the work of the unit under review."]]
    draft, err = imported(capsys, tmp_path, [("table", None, rows)])
    assert [a["recommendations"] for a in draft["answers"]] == [[19]]
    assert draft["unplaced_text"] == ["Other matters | We will keep the work of the unit under review."]
    assert "1 paragraph not placed" in err


def test_a_covering_sentence_is_never_an_answer(capsys, tmp_path: Path) -> None:
    """The web-page failure of issue 12: the chief constable's covering sentence was filed as two answers."""
    plan = [
        ("heading", "Chief Constable's response"),
        ("text", "I welcome the report. Our answers to the recommendations are set out in the table below."),
        (
            "table",
            ["No.", "Recommendation", "Our response"],
            [["19", REC[19], "We have started the review."], ["20", REC[20], ""], ["21", REC[21], ""]],
        ),
    ]
    draft, _ = imported(capsys, tmp_path, plan, write_html, ".html")
    assert [(a["recommendations"], a["text"]) for a in draft["answers"]] == [([19], "We have started the review.")]
    assert draft["not_answered"] == [20, 21]
    assert all("set out in the table below" not in answer["text"] for answer in draft["answers"])
    assert [s["text"] for s in draft["statements"]] == [
        "I welcome the report. Our answers to the recommendations are set out in the table below."
    ]


def test_a_general_answer_covers_others_only_where_it_names_them(capsys, tmp_path: Path) -> None:
    plan = [
        ("heading", "PCC response"),
        ("text", "I support recommendation 21 and will ask the Chief Constable to report on it."),
        ("table", None, [["19", REC[19], "We agree."]]),
        ("text", f"20. {REC[20]}"),
    ]
    draft, _ = imported(capsys, tmp_path, plan)
    got = answers(draft)
    assert sorted(got) == [(19,), (21,)]
    assert draft["not_answered"] == [20]
    report = {entry["recommendation"]: entry["result"] for entry in draft["draft"]["report"]}
    assert "do not name this one" in report[20]


def test_background_and_statutory_words_never_become_answers_or_labels(capsys, tmp_path: Path) -> None:
    """The Word-table failure of issue 12: recommendation 4 took the background, and "why no action is proposed" a label."""
    seed = SEEDS["cambridgeshire"]()
    source = build("Word table without a header row", seed, tmp_path / "cambridgeshire")
    draft, _ = import_document(capsys, source, PREVENT, "cambridgeshire")
    for answer in draft["answers"]:
        assert "Background" not in answer["text"] and "56 days" not in answer["text"]
        assert answer["progress"] == "not stated"
    assert all("why no action" not in proposal["because"] for proposal in draft["draft"]["proposals"])


@pytest.mark.parametrize(
    "text",
    [
        "the comments should include an explanation of what action is being, or will be taken, or why no action is proposed.",
        "It must say what it will do, or why no action is proposed.",
    ],
)
def test_the_statutory_duty_never_yields_a_progress_label(text: str) -> None:
    assert propose_progress(text).value == "not stated"


# --- nothing lost, nothing hidden ---------------------------------------------------------


def source_texts(plan: list) -> list[str]:
    texts = []
    for part in plan:
        if part[0] == "table":
            _, header, rows = part
            for row in ([header] if header else []) + rows:
                texts.extend(paragraph for cell in row if cell for paragraph in cell.split("\n\n"))
        else:
            texts.append(part[1])
    return [squash(text) for text in texts if text.strip()]


@pytest.mark.parametrize("layout", [name for name in LAYOUTS if LAYOUTS[name][1](SEEDS["cambridgeshire"]()) is not None])
def test_every_paragraph_and_cell_is_in_the_record_or_its_transcript(capsys, tmp_path: Path, layout: str) -> None:
    """In the record's fields or unplaced_text; only the document's structure (headings, the report's own
    recommendations, field labels) may be shown in the draft block alone, and everything is in the transcript."""
    seed = SEEDS["cambridgeshire"]()
    source = build(layout, seed, tmp_path / "cambridgeshire")
    output = tmp_path / "draft.yaml"
    code, _, err = run_import(capsys, source, "--inspection", PREVENT, "--force", "cambridgeshire", "-o", output)
    assert code == 0, err
    draft = yaml.safe_load(output.read_text("utf-8"))
    kept = " ".join(squash(text) for text in strings({key: value for key, value in draft.items() if key != "draft"}))
    recognised = {squash(item["text"]): item["as"] for item in draft["draft"]["recognised"]}
    recognised.update({squash(part): how for text, how in list(recognised.items()) for part in text.split(" | ")})
    answers = [squash(text) for text in expected_answers(PREVENT, "cambridgeshire").values()]
    written = squash(output.with_suffix(".txt").read_text("utf-8"))
    for text in source_texts(LAYOUTS[layout][1](seed)):
        assert text in written, f"not in the transcript: {text!r}"
        if text in kept:
            continue
        assert text in recognised, f"lost: {text!r}"
        assert not any(answer in text or text in answer for answer in answers), f"an answer only in the draft block: {text!r}"
        assert not recognised[text].startswith("the document's account") or "Background" not in text


def test_no_answer_is_left_only_in_the_draft_block(capsys, tmp_path: Path) -> None:
    """A "recommendation | answer" row is never filed away as a mere quotation of the recommendation."""
    rows = [[f"19. {REC[19]}", "Answer that must not hide in the draft."], ["Recommendations", f"19. {REC[19]} 20. {REC[20]}"]]
    draft, _ = imported(capsys, tmp_path, [("table", None, rows)])
    outside = " ".join(strings({key: value for key, value in draft.items() if key != "draft"}))
    assert "Answer that must not hide in the draft." in outside


# --- whose document is it? ----------------------------------------------------------------


def test_a_document_of_another_force_is_warned_of_and_strict_refuses_it(capsys, tmp_path: Path) -> None:
    source = tmp_path / "staffordshire.txt"
    source.write_text(transcript(TERRORIST, "staffordshire"), "utf-8")
    output = tmp_path / "norfolk.yaml"
    code, _, err = run_import(capsys, source, "--inspection", TERRORIST, "--force", "norfolk", "-o", output)
    assert code == 0, err
    warning = 'line 9: the document\'s "Force" field says "Staffordshire", which is Staffordshire Police, not Norfolk Constabulary (--force norfolk)'
    assert f"  warning: {warning}" in err
    notes = yaml.safe_load(output.read_text("utf-8"))["draft"]["notes"]
    assert f"warning: {warning}" in notes
    assert any("would publish a wrong commissioner" in note and "Ben Adams" in note for note in notes)

    strict = tmp_path / "strict.yaml"
    code, out, err = run_import(capsys, source, "--inspection", TERRORIST, "--force", "norfolk", "-o", strict, "--strict")
    assert (code, out) == (2, "")
    assert f"register import: warning: {warning}" in err
    assert err.strip().endswith(
        "register import: error: --strict: the document disagrees with the record on 2 points (above); nothing was written"
    )
    assert not strict.exists() and not strict.with_suffix(".txt").exists()


def test_a_document_for_another_report_is_warned_of(capsys, tmp_path: Path) -> None:
    source = tmp_path / "norfolk.txt"
    source.write_text(transcript(TERRORIST, "norfolk"), "utf-8")
    code, _, err = run_import(capsys, source, "--inspection", PREVENT, "--force", "norfolk", "-o", "-")
    assert code == 0
    assert '"Published on: 20 July 2023" is not the report\'s publication date (2020-03-09); check --inspection' in err
    assert "is not the title of counter-terrorism-prevent-2020" in err


@pytest.mark.parametrize(
    ("inspection", "force"),
    [(PREVENT, "cambridgeshire"), (PREVENT, "cumbria"), (TERRORIST, "cumbria"), (TERRORIST, "norfolk"), (TERRORIST, "staffordshire")],
)
def test_the_seeds_raise_no_warning(capsys, tmp_path: Path, inspection: str, force: str) -> None:
    source = tmp_path / f"{force}.txt"
    source.write_text(transcript(inspection, force), "utf-8")
    code, _, err = run_import(capsys, source, "--inspection", inspection, "--force", force, "-o", "-", "--strict")
    assert code == 0, err
    assert "warning" not in err


# --- the transcript and what the document shows --------------------------------------------


def test_the_transcript_is_written_beside_the_record_and_never_replaced(capsys, project_copy_factory, tmp_path: Path) -> None:
    project = project_copy_factory()
    record = project / "data" / "responses" / PREVENT / "cambridgeshire.yaml"
    text = project / "data" / "transcripts" / PREVENT / "cambridgeshire.txt"
    record.unlink()
    text.unlink()
    seed = SEEDS["cambridgeshire"]()
    source = build("Word table with a header row", seed, tmp_path / "cambridgeshire")
    code, _, err = run_import(capsys, source, "--inspection", PREVENT, "--force", "cambridgeshire", root=project)
    assert code == 0, err
    assert f"the text read from the document is written to data/transcripts/{PREVENT}/cambridgeshire.txt" in err
    written = text.read_text("utf-8")
    assert "Date: 26 May 2020\n\n" in written
    assert f"Recommendation\tForce response\n\n{seed.rows[0][1]}\t{seed.rows[0][2]}" in written  # a table row's cells apart by tabs
    assert yaml.safe_load(record.read_text("utf-8"))["document"]["transcript"] == f"{PREVENT}/cambridgeshire.txt"
    with pytest.raises(DataError) as refused:  # refused for the review still to do, never for the transcript
        load_register(project)
    assert {p.field.split("[")[0] for p in refused.value.problems} == {"draft", "section_55.why", "unplaced_text"}

    text.write_text("Corrected by hand.\n", "utf-8")
    code, _, err = run_import(capsys, source, "--inspection", PREVENT, "--force", "cambridgeshire", "--overwrite", root=project)
    assert code == 0, err
    assert text.read_text("utf-8") == "Corrected by hand.\n"
    assert f"data/transcripts/{PREVENT}/cambridgeshire.txt already exists and is kept as it is" in err


def test_a_letter_gives_its_signatory_and_addressee(capsys, tmp_path: Path) -> None:
    source = tmp_path / "letter.txt"
    source.write_text(
        "Response to the HMICFRS report on terrorist offenders\n\nTo: The Home Secretary\n\nDate: 1 September 2023\n\nDear Home Secretary,\n\n"
        "I acknowledge the recommendations of the report and will monitor the force's progress.\n\n"
        "Yours sincerely,\n\nGiles Orpen-Smellie\n\nPolice and Crime Commissioner for Norfolk\n",
        "utf-8",
    )
    code, out, err = run_import(capsys, source, "--inspection", TERRORIST, "--force", "norfolk", "-o", "-")
    assert code == 0, err
    document = yaml.safe_load(out)["document"]
    assert (document["kind"], document["to"], document["date"]) == ("letter", "The Home Secretary", "2023-09-01")
    assert document["signed_by"] == [
        {"name": "Giles Orpen-Smellie", "role": "commissioner", "label": "Police and Crime Commissioner for Norfolk"}
    ]


@pytest.mark.parametrize(("layout", "seed"), [(m[0], m[1]) for m in MEASURED if m[1] == "staffordshire"])
def test_the_document_facts_survive_every_layout(capsys, tmp_path: Path, layout: str, seed: str) -> None:
    taken = SEEDS[seed]()
    draft, _ = import_document(capsys, build(layout, taken, tmp_path / seed), taken.inspection, taken.force)
    document = draft["document"]
    assert document["names"] == [{"name": "Ben Adams", "role": "commissioner", "label": "Police and Crime Commissioner"}]
    assert document["kind"] == "acknowledgement record"
    assert squash(document["asserts"]["report_title"]) == "Management of terrorist offenders in the wake of terrorist attacks"


def test_a_row_that_only_restates_a_recommendation_is_never_its_answer(capsys, tmp_path: Path) -> None:
    plan = [
        ("table", None, [[f"Recommendation {n}", REC[n]] for n in (19, 20, 21)]),
        ("heading", "PCC response"),
        ("text", "I accept the recommendations and will monitor progress."),
    ]
    draft, _ = imported(capsys, tmp_path, plan)
    assert [(a["recommendations"], a["text"], a["position"]) for a in draft["answers"]] == [
        ([19, 20, 21], "I accept the recommendations and will monitor progress.", "accepted")
    ]
    assert "unplaced_text" not in draft  # the rows are the report's own words, recognised as its quotations
    recognised = [item["as"] for item in draft["draft"]["recognised"]]
    assert recognised.count("the report's recommendation 20, as the document quotes it") == 1
