"""`register import` turns each seed response document into a draft that matches the hand-made record.

The five seeds are the plain-text transcripts in data/transcripts/. Word, PDF and web-page
copies are made from the same text inside the tests (none is committed as a binary), with
headings, bold lines, bullets, automatic list numbers and tables, as bodies' files have.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from register.data.load import load_register
from register.data.problems import DataError
from register.importer import main
from register.importer.labels import propose_position, propose_progress
from register.importer.review import UNPLACED_MESSAGE

SEEDS = [
    ("counter-terrorism-prevent-2020", "cambridgeshire"),
    ("counter-terrorism-prevent-2020", "cumbria"),
    ("management-of-terrorist-offenders-2023", "cumbria"),
    ("management-of-terrorist-offenders-2023", "norfolk"),
    ("management-of-terrorist-offenders-2023", "staffordshire"),
]
SEED_IDS = [f"{inspection[:8]}-{force}" for inspection, force in SEEDS]
FORMATS = ["txt", "docx", "pdf", "html"]

DRAFT_MESSAGE = "labels not yet confirmed; remove the draft block when reviewed"


# --- helpers ------------------------------------------------------------------------------


def transcript(inspection: str, force: str) -> str:
    return (ROOT / "data" / "transcripts" / inspection / f"{force}.txt").read_text("utf-8")


def hand_made(inspection: str, force: str) -> dict:
    return yaml.safe_load((ROOT / "data" / "responses" / inspection / f"{force}.yaml").read_text("utf-8"))


def squash(text: str) -> str:
    """White space collapsed and typographic quotes and dashes folded, as a PDF's core font has them."""
    text = text.translate(str.maketrans("’‘“”–—", "''\"\"--"))
    return " ".join(text.split())


def seed_lines(text: str) -> list[tuple[str, str]]:
    """The transcript as (kind, words): heading, bold, bullet, number, row or text; Markdown taken out."""
    lines = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        line = re.sub(r"\[([^\]]+)\]\(#\)", r"\1", line)
        if "\t" in line:
            lines.append(("row", line))
        elif re.match(r"^#+\s", line):  # a Markdown heading, not "#28740" at the start of a title
            lines.append(("heading", line.lstrip("#").strip().strip("*")))
        elif re.fullmatch(r"\*\*.+\*\*", line):
            lines.append(("bold", line.strip("*")))
        elif re.match(r"^[-·]\s", line):
            lines.append(("bullet", line[2:].strip()))
        elif re.match(r"^\d+\.\s", line):
            lines.append(("number", line))
        else:
            lines.append(("text", line))
    return lines


def make_docx(text: str, path: Path) -> None:
    import docx

    document = docx.Document()
    table = None
    for kind, words in seed_lines(text):
        if kind == "row":
            cells = [cell.strip() for cell in words.split("\t")]
            if table is None:
                table = document.add_table(rows=0, cols=2)
            row = table.add_row().cells
            row[0].text, row[1].text = cells[0], " ".join(cells[1:])
            continue
        table = None
        if kind == "heading":
            document.add_heading(words, level=2)
        elif kind == "bold":
            document.add_paragraph().add_run(words).bold = True
        elif kind == "bullet":
            document.add_paragraph(words, style="List Bullet")
        elif kind == "number":
            document.add_paragraph(re.sub(r"^\d+\.\s+", "", words), style="List Number")  # Word numbers it; the number is not in the text
        else:
            document.add_paragraph(words)
    document.save(str(path))


def make_pdf(text: str, path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for kind, words in seed_lines(text):
        words = squash(words) if kind != "row" else "    ".join(squash(cell) for cell in words.split("\t"))
        shown = f"- {words}" if kind == "bullet" else words
        pdf.multi_cell(0, 5, shown.encode("latin-1", "replace").decode("latin-1"), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    pdf.output(str(path))


def make_html(text: str, path: Path) -> None:
    from html import escape

    parts, in_list, in_table = ["<!doctype html><html><head><title>Response</title></head><body>"], None, False
    for kind, words in seed_lines(text):
        wanted_list = {"bullet": "ul", "number": "ol"}.get(kind)
        if in_list and in_list != wanted_list:
            parts.append(f"</{in_list}>")
            in_list = None
        if in_table and kind != "row":
            parts.append("</table>")
            in_table = False
        if wanted_list and not in_list:
            start = re.match(r"\d+", words)
            parts.append(f'<ol start="{start.group(0)}">' if wanted_list == "ol" and start else f"<{wanted_list}>")
            in_list = wanted_list
        if kind == "row":
            if not in_table:
                parts.append("<table>")
                in_table = True
            cells = "".join(f"<td>{escape(cell.strip())}</td>" for cell in words.split("\t"))
            parts.append(f"<tr>{cells}</tr>")
        elif kind == "heading":
            parts.append(f"<h2>{escape(words)}</h2>")
        elif kind == "bold":
            parts.append(f"<p><strong>{escape(words)}</strong></p>")
        elif wanted_list:
            item = re.sub(r"^\d+\.\s+", "", words)  # an <ol> numbers its items itself
            parts.append(f"<li>{escape(item)}</li>")
        else:
            parts.append(f"<p>{escape(words)}</p>")
    parts.append("</body></html>")
    path.write_text("\n".join(parts), "utf-8")


def source_file(tmp_path: Path, inspection: str, force: str, fmt: str) -> Path:
    path = tmp_path / f"{force}.{fmt}"
    text = transcript(inspection, force)
    if fmt == "txt":
        path.write_text(text, "utf-8")
    else:
        {"docx": make_docx, "pdf": make_pdf, "html": make_html}[fmt](text, path)
    return path


def run_import(capsys, *args: str | Path, root: Path = ROOT) -> tuple[int, str, str]:
    code = main([*(str(arg) for arg in args), "--root", str(root)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def import_seed(capsys, tmp_path: Path, inspection: str, force: str, fmt: str = "txt") -> tuple[dict, str]:
    source = source_file(tmp_path, inspection, force, fmt)
    output = tmp_path / f"draft-{inspection}-{force}-{fmt}.yaml"
    code, _, err = run_import(capsys, source, "--inspection", inspection, "--force", force, "-o", output)
    assert code == 0, err
    return yaml.safe_load(output.read_text("utf-8")), err


def plain(value):
    """``value`` with dates as the strings YAML files write them, to compare a draft with a record."""
    return json.loads(json.dumps(value, default=str))


def strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in strings(item)]
    return []


# --- the seeds, in every format -----------------------------------------------------------


def covered(answer: dict, inspection: str) -> frozenset[int]:
    """The recommendation numbers an answer covers, "all" read as every one the inspection lists."""
    numbers = answer.get("recommendations", [])
    if numbers == "all":
        return frozenset(rec["number"] for rec in inspection_data(inspection)["recommendations"])
    return frozenset(numbers)


def inspection_data(inspection: str) -> dict:
    return yaml.safe_load((ROOT / "data" / "inspections" / f"{inspection}.yaml").read_text("utf-8"))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("inspection", "force"), SEEDS, ids=SEED_IDS)
def test_import_reproduces_the_hand_made_mapping(capsys, tmp_path: Path, inspection: str, force: str, fmt: str) -> None:
    draft, _ = import_seed(capsys, tmp_path, inspection, force, fmt)
    expected = hand_made(inspection, force)

    # The same passages, each answering the same recommendations: a shared passage is one answer, as in the record.
    answers = {covered(answer, inspection): answer for answer in draft["answers"]}
    wanted = {covered(answer, inspection): answer for answer in expected["answers"]}
    assert len(answers) == len(draft["answers"]), "two answers cover the same recommendations"
    assert sorted(map(sorted, answers)) == sorted(map(sorted, wanted))
    for numbers, answer in wanted.items():
        got = answers[numbers]
        assert squash(answer["text"]) in squash(got["text"]), f"recommendations {sorted(numbers)}"
        assert got.get("numbered_in_document") == answer.get("numbered_in_document"), f"recommendations {sorted(numbers)}"
        assert squash(got.get("heading", "")) == squash(answer.get("heading", "")), f"recommendations {sorted(numbers)}"
        assert got["by"] == answer["by"], f"recommendations {sorted(numbers)}"
        for label in ("position", "progress"):
            assert got[label] in ("not stated", answer[label]), (
                f"recommendations {sorted(numbers)} {label}: proposed {got[label]!r}, the record says {answer[label]!r}"
            )
    assert draft.get("not_answered", []) == expected.get("not_answered", [])

    assert draft["body"] == expected["body"]
    assert (draft["record"], draft["section_55"]) == ("transcribed", {"reading": expected["section_55"]["reading"], "why": "not stated"})
    assert (draft["published"], draft["last_checked"]) == ("not stated", "not stated")
    document = draft["document"]
    kind = expected["document"]["kind"]
    assert document["kind"] == ("web page" if fmt == "html" and kind == "response form" else kind)
    assert document["status"] in ("not stated", expected["document"].get("status"))
    assert document["date"] == str(expected["document"]["date"])
    assert squash(document["title"]) == squash(expected["document"]["title"])
    assert document["copies"] == []
    assert document.get("names") == expected["document"].get("names")
    # What the document says of itself, in its own words: each fact found is the record's.
    found, recorded = document.get("asserts", {}), expected["document"].get("asserts", {})
    assert found, "the importer recognised nothing the document asserts"
    for key, value in found.items():
        assert plain(value) == plain(recorded.get(key)) if isinstance(value, dict) else squash(value) == squash(recorded.get(key, "")), key
    assert [squash(item) for item in draft.get("office_use_checklist", [])] == [
        squash(item) for item in expected.get("office_use_checklist", [])
    ]
    assert [statement["by"] for statement in draft["statements"]] == [statement["by"] for statement in expected["statements"]]
    for got, statement in zip(draft["statements"], expected["statements"]):
        assert squash(statement["text"]) == squash(got["text"])
        assert squash(statement.get("heading", "")) == squash(got.get("heading", ""))


@pytest.mark.parametrize(("inspection", "force"), SEEDS, ids=SEED_IDS)
def test_nothing_in_the_source_is_lost(capsys, tmp_path: Path, inspection: str, force: str) -> None:
    """Every line of the document is somewhere in the draft: a field, an answer, the recognised layout or unplaced_text."""
    draft, _ = import_seed(capsys, tmp_path, inspection, force)
    texts = [squash(text) for text in strings(draft)]
    left_out = [entry["left_out"] for entry in draft["draft"]["report"] if "left_out" in entry]
    for kind, words in seed_lines(transcript(inspection, force)):
        if kind == "row":  # the draft shows a table row's cells separated by " | "
            words = " | ".join(cell.strip() for cell in words.split("\t"))
        line = squash(words.replace("*", ""))
        for label in left_out:
            line = line.removeprefix(label).strip()
        assert any(line in text for text in texts), f"not in the draft: {line!r}"


def test_text_it_cannot_place_is_kept_verbatim(capsys, tmp_path: Path) -> None:
    text = transcript("management-of-terrorist-offenders-2023", "norfolk") + "\n\nPrinted copies of this form are uncontrolled.\n"
    source = tmp_path / "norfolk.md"
    source.write_text(text, "utf-8")
    code, out, err = run_import(capsys, source, "--inspection", "management-of-terrorist-offenders-2023", "--force", "norfolk", "-o", "-")
    assert code == 0, err
    assert yaml.safe_load(out)["unplaced_text"] == ["Printed copies of this form are uncontrolled."]
    assert "1 paragraph not placed: see unplaced_text" in err


def test_the_report_says_for_each_recommendation_what_was_matched_and_why(capsys, tmp_path: Path) -> None:
    draft, err = import_seed(capsys, tmp_path, "counter-terrorism-prevent-2020", "cumbria")
    report = {entry["recommendation"]: entry["result"] for entry in draft["draft"]["report"]}
    assert sorted(report) == list(range(1, 9))
    assert report[7].startswith("matched by one answer covering all the recommendations")
    assert re.search(r"\(confidence 0\.\d\d\)$", report[7])
    assert report[1] == "not matched: the document does not quote, name or answer it"
    assert f"recommendation 7: {report[7]}" in err
    assert f"recommendation 1: {report[1]}" in err

    draft, err = import_seed(capsys, tmp_path, "counter-terrorism-prevent-2020", "cambridgeshire")
    first = draft["draft"]["report"][0]
    assert first["result"].startswith("matched by paragraph number 4.1")
    assert first["left_out"] == "Force response:"


def test_proposals_name_the_words_behind_them(capsys, tmp_path: Path) -> None:
    draft, _ = import_seed(capsys, tmp_path, "counter-terrorism-prevent-2020", "cambridgeshire")
    proposals = {item["field"]: item for item in draft["draft"]["proposals"]}
    assert proposals["document.kind"]["value"] == "board report"
    assert proposals["document.kind"]["because"] == '"To: Business Coordination Board" and "From: Chief Constable"'
    assert proposals["answers[1].position"]["value"] == "awaiting national lead"
    assert "will await further information" in proposals["answers[1].position"]["because"]
    assert proposals["answers[7].position"]["value"] == "not stated"
    assert (proposals["answers[1].by"]["value"], proposals["answers[1].by"]["because"]) == (
        "force",
        'the label "Force response:" in front of the answer',
    )
    assert proposals["document.status"]["value"] == "proposed"
    assert proposals["document.status"]["because"] == 'the words "endorsement to the proposed response"'
    assert proposals["section_55.reading"]["value"] == "unclear"
    assert draft["draft"]["status"] == "draft"


def test_the_reports_publication_date_is_not_taken_for_the_responses(capsys, tmp_path: Path) -> None:
    draft, _ = import_seed(capsys, tmp_path, "management-of-terrorist-offenders-2023", "cumbria")
    assert draft["document"]["date"] == "not stated"
    assert draft["published"] == "not stated"
    recognised = {item["text"]: item["as"] for item in draft["draft"]["recognised"]}
    assert recognised["20/07/2023"].startswith("the report's publication date")


# --- review, then check -------------------------------------------------------------------


@pytest.mark.parametrize(("inspection", "force"), SEEDS, ids=SEED_IDS)
def test_a_reviewed_draft_passes_the_check_after_a_few_label_edits(capsys, project_copy_factory, inspection: str, force: str) -> None:
    project = project_copy_factory()
    target = project / "data" / "responses" / inspection / f"{force}.yaml"
    source = project / "data" / "transcripts" / inspection / f"{force}.txt"
    code, _, err = run_import(capsys, source, "--inspection", inspection, "--force", force, "--overwrite", root=project)
    assert code == 0, err

    with pytest.raises(DataError) as refused:
        load_register(project)
    shown = target.relative_to(project).as_posix()
    unplaced = yaml.safe_load(target.read_text("utf-8")).get("unplaced_text", [])
    assert sorted((p.path, p.field, p.message) for p in refused.value.problems) == sorted(
        [
            (shown, "draft", DRAFT_MESSAGE),
            (shown, "section_55.why", f'"not stated" is a placeholder: say why the register reads this document as "{yaml.safe_load(target.read_text("utf-8"))["section_55"]["reading"]}"'),  # a person's reason, never the importer's
            *((shown, f"unplaced_text[{number}]", f'{UNPLACED_MESSAGE}: "{text}"') for number, text in enumerate(unplaced, start=1)),
        ]
    )
    assert f"{shown}:" in str(refused.value) and f"draft: {DRAFT_MESSAGE}" in str(refused.value)
    assert len(unplaced) == UNPLACED[force if inspection.startswith("management") else f"{force}-2020"]

    reviewed = yaml.safe_load(target.read_text("utf-8"))
    reviewed.pop("unplaced_text", None)  # each item read, and found to belong nowhere in the record
    expected = hand_made(inspection, force)
    reviewed["section_55"]["why"] = expected["section_55"]["why"]
    edits = 0
    for key in ("kind", "status"):
        if reviewed["document"][key] != expected["document"].get(key, "not stated"):
            reviewed["document"][key] = expected["document"].get(key, "not stated")
            edits += 1
    if reviewed["section_55"]["reading"] != expected["section_55"]["reading"]:
        reviewed["section_55"]["reading"] = expected["section_55"]["reading"]
        edits += 1
    for got, statement in zip(reviewed["statements"], expected["statements"]):
        if got["by"] != statement["by"]:
            got["by"] = statement["by"]
            edits += 1
    wanted = {covered(answer, inspection): answer for answer in expected["answers"]}
    for answer in reviewed["answers"]:
        for label in ("by", "position", "progress"):
            if answer[label] != wanted[covered(answer, inspection)][label]:
                answer[label] = wanted[covered(answer, inspection)][label]
                edits += 1
    del reviewed["draft"]
    target.write_text(yaml.safe_dump(reviewed, sort_keys=False, allow_unicode=True), "utf-8")

    register = load_register(project)
    response = register.response(inspection, force)
    assert response is not None
    recorded = load_register(ROOT).response(inspection, force)
    for rec in register.inspection(inspection).recommendations:  # each recommendation finds the same words as in the record
        got, want = response.answer_to(rec.number), recorded.answer_to(rec.number)
        assert (got is None) == (want is None), rec.number
        if want is not None:
            assert squash(want.text) in squash(got.text) and (got.by, got.position, got.progress) == (want.by, want.position, want.progress)
    assert response.not_answered == recorded.not_answered
    assert edits == LABEL_EDITS[force if inspection.startswith("management") else f"{force}-2020"] <= 3  # as content/importing.md says


LABEL_EDITS = {"cambridgeshire-2020": 2, "cumbria-2020": 1, "cumbria": 0, "norfolk": 0, "staffordshire": 1}
UNPLACED = {"cambridgeshire-2020": 2, "cumbria-2020": 0, "cumbria": 0, "norfolk": 0, "staffordshire": 1}


def test_the_check_refuses_a_draft_block_at_its_line(project, capsys) -> None:
    path = project / "data" / "responses" / "management-of-terrorist-offenders-2023" / "norfolk.yaml"
    text = path.read_text("utf-8")
    path.write_text(text + "draft:\n  status: draft\n", "utf-8")
    with pytest.raises(DataError) as refused:
        load_register(project)
    (problem,) = refused.value.problems
    assert (problem.field, problem.message, problem.line) == ("draft", DRAFT_MESSAGE, text.count("\n") + 1)


def test_the_check_refuses_text_left_unplaced_at_its_line(project) -> None:
    """Text the importer could not place is never published: left in the file, it would be lost after all."""
    path = project / "data" / "responses" / "management-of-terrorist-offenders-2023" / "norfolk.yaml"
    text = path.read_text("utf-8")
    path.write_text(text + "unplaced_text:\n  - Printed copies are uncontrolled.\n  - 'Version:'\n", "utf-8")
    with pytest.raises(DataError) as refused:
        load_register(project)
    got = [(p.field, p.message, p.line) for p in refused.value.problems]
    lines = text.count("\n")
    assert got == [
        ("unplaced_text[1]", f'{UNPLACED_MESSAGE}: "Printed copies are uncontrolled."', lines + 2),
        ("unplaced_text[2]", f'{UNPLACED_MESSAGE}: "Version:"', lines + 3),
    ]
    assert "delete the item if it belongs nowhere in the record" in str(refused.value)

    path.write_text(text + "unplaced_text: []\n", "utf-8")  # every item moved or dismissed
    assert load_register(project).response("management-of-terrorist-offenders-2023", "norfolk") is not None


# --- what it refuses ----------------------------------------------------------------------

MALFORMED = [
    ("not-a-zip.docx", b"this is not a Word file", r"not-a-zip\.docx: not a readable Word \.docx file"),
    ("garbage.pdf", b"%PDF-1.4\n\x00\x01garbage without objects", r"garbage\.pdf: not a readable PDF"),
    ("binary.txt", b"\x00\x01\x02\x03", r"binary\.txt: this is not a text file"),
    ("old.doc", b"\xd0\xcf\x11\xe0", r"old\.doc: cannot import '\.doc' files; supported: \.txt, \.md, \.html, \.htm, \.docx, \.pdf"),
    ("empty.md", b"\n\n   \n", r"empty\.md: no text found"),
]


@pytest.mark.parametrize(("name", "content", "message"), MALFORMED, ids=[case[0] for case in MALFORMED])
def test_a_malformed_file_gives_one_clear_line_and_writes_nothing(capsys, tmp_path: Path, name: str, content: bytes, message: str) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    output = tmp_path / "out" / "draft.yaml"
    code, out, err = run_import(
        capsys, source, "--inspection", "management-of-terrorist-offenders-2023", "--force", "norfolk", "-o", output
    )
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert re.match(rf"register import: error: {message}", err), err
    assert not output.exists() and not output.parent.exists()


def test_it_never_overwrites_a_record_without_being_told(capsys, project: Path) -> None:
    target = project / "data" / "responses" / "management-of-terrorist-offenders-2023" / "norfolk.yaml"
    before = target.read_bytes()
    source = project / "data" / "transcripts" / "management-of-terrorist-offenders-2023" / "norfolk.txt"
    args = (source, "--inspection", "management-of-terrorist-offenders-2023", "--force", "norfolk")
    code, _, err = run_import(capsys, *args, root=project)
    assert code == 2
    assert err.strip() == (
        "register import: error: data/responses/management-of-terrorist-offenders-2023/norfolk.yaml already exists; "
        "nothing was written (use --overwrite to replace it, or -o - to print the draft)"
    )
    assert target.read_bytes() == before

    code, out, _ = run_import(capsys, *args, "-o", "-", root=project)
    assert code == 0 and out.startswith("# yaml-language-server: $schema=../../../hooks/register/schema/response.schema.json\n# DRAFT")
    assert target.read_bytes() == before

    code, _, err = run_import(capsys, *args, "--overwrite", root=project)
    assert code == 0, err
    assert "draft:\n  status: draft" in target.read_text("utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--inspection", "no-such-report", "--force", "norfolk"),
            "unknown inspection 'no-such-report'; known: counter-terrorism-prevent-2020, management-of-terrorist-offenders-2023",
        ),
        (
            ("--inspection", "management-of-terrorist-offenders-2023", "--force", "narfolk"),
            "unknown force 'narfolk'; force ids are listed in data/forces.yaml",
        ),
    ],
)
def test_unknown_ids_are_named(capsys, tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    source = tmp_path / "x.txt"
    source.write_text("Recommendation 19: we agree.\n", "utf-8")
    code, _, err = run_import(capsys, source, *args, "-o", tmp_path / "draft.yaml")
    assert (code, err.strip()) == (2, f"register import: error: {message}")
    assert not (tmp_path / "draft.yaml").exists()


def test_a_missing_reader_names_the_import_extra(capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pdfplumber", None)  # as if pdfplumber were not installed
    source = tmp_path / "response.pdf"
    source.write_bytes(b"%PDF-1.4\n")
    code, _, err = run_import(capsys, source, "--inspection", "management-of-terrorist-offenders-2023", "--force", "norfolk", "-o", "-")
    assert code == 2
    assert "reading .pdf files needs pdfplumber; install the import extra" in err


# --- matching variants and labels, one at a time -----------------------------------------

TERRORIST = "management-of-terrorist-offenders-2023"


def draft_of(capsys, tmp_path: Path, text: str, suffix: str = ".txt", force: str = "norfolk") -> tuple[dict, str]:
    source = tmp_path / f"response{suffix}"
    source.write_text(text, "utf-8")
    code, out, err = run_import(capsys, source, "--inspection", TERRORIST, "--force", force, "-o", "-")
    assert code == 0, err
    return yaml.safe_load(out), err


def test_numbers_without_texts_are_taken_in_order_when_the_document_renumbers(capsys, tmp_path: Path) -> None:
    draft, _ = draft_of(
        capsys,
        tmp_path,
        "PCC response form\n\nRecommendation 1:\n\nWe will await guidance from the national lead.\n\n"
        "Recommendation 2:\n\nWork is ongoing with the region.\n\nRecommendation 3:\n\nNo action is required.\n",
    )
    got = [(a["recommendations"], a["numbered_in_document"], a["text"], a["progress"]) for a in draft["answers"]]
    assert got == [
        ([19], "1", "We will await guidance from the national lead.", "not stated"),
        ([20], "2", "Work is ongoing with the region.", "in progress"),
        ([21], "3", "No action is required.", "no action proposed"),
    ]
    assert "taken as the report's 19 to 21 in order" in " ".join(draft["draft"]["notes"])


def test_an_answer_on_the_same_line_as_its_number_is_kept(capsys, tmp_path: Path) -> None:
    draft, _ = draft_of(
        capsys,
        tmp_path,
        "Recommendation 19: We accept the recommendation.\nThe review has been completed.\n\nRecommendation 21 - Noted.\n",
    )
    got = [(a["recommendations"], a["text"], a["position"], a["progress"]) for a in draft["answers"]]
    assert got == [
        ([19], "We accept the recommendation.\n\nThe review has been completed.", "accepted", "completed"),
        ([21], "Noted.", "not stated", "not stated"),
    ]
    assert draft["not_answered"] == [20]  # proposed, for the reviewer to confirm
    assert {"field": "not_answered", "value": "20"}.items() <= next(p for p in draft["draft"]["proposals"] if p["field"] == "not_answered").items()
    report = {entry["recommendation"]: entry for entry in draft["draft"]["report"]}
    assert report[19]["left_out"] == "Recommendation 19:" and report[21]["left_out"] == "Recommendation 21 -"
    assert report[20]["result"].startswith("not matched")
    assert "unplaced_text" not in draft


def test_an_unnumbered_bullet_is_placed_by_its_text(capsys, tmp_path: Path) -> None:
    draft, _ = draft_of(
        capsys,
        tmp_path,
        "- The Head of Interventions (Prevent and Nominal Management) should ensure that guidance is issued to regional "
        "Counter Terrorism Nominal Management teams that sets out a consistent use of ViSOR to support Counter Terrorism "
        "Nominal Management in the period before MAPPS is implemented.\n"
        "Response: The force accepts the recommendation and the work is in progress.\n",
    )
    (answer,) = draft["answers"]
    assert (answer["recommendations"], answer["position"], answer["progress"]) == ([21], "accepted", "in progress")
    assert answer["text"] == "The force accepts the recommendation and the work is in progress."
    assert "numbered_in_document" not in answer


def test_a_web_page_keeps_ordered_list_numbers(capsys, tmp_path: Path) -> None:
    rec = "The senior national coordinator should review the Registered Terrorism Offender Assessment Framework process to ensure that it is fit for police led cases."
    draft, _ = draft_of(
        capsys,
        tmp_path,
        f"<html><body><h1>Commissioner's response</h1><ol start=1><li>{rec}</li></ol><p>Update: this <b>has been completed</b>.</p>"
        "<script>var hidden = 'not text';</script></body></html>",
        suffix=".html",
    )
    (answer,) = draft["answers"]
    assert (answer["recommendations"], answer["numbered_in_document"], answer["text"], answer["progress"]) == (
        [19],
        "1",
        "this has been completed.",
        "completed",
    )
    assert "not text" not in str(draft)


@pytest.mark.parametrize(
    ("text", "position"),
    [
        (
            "This recommendation is addressed to the NPCC national Prevent lead. The Constabulary will await further information.",
            "awaiting national lead",
        ),
        (
            "None were directly applicable to Norfolk. Therefore, I will wait to see any guidance that might be issued.",
            "awaiting national lead",
        ),
        ("I am supportive of a review of the RTOAF.", "accepted"),
        ("The force accepts the recommendation.", "accepted"),
        ("We do not accept the recommendation, for the reasons below.", "not accepted"),
        ("The PCC partially accepts this.", "partly accepted"),
        ("I further acknowledge the recommendations set within the report.", "noted"),
        ("I welcome this publication.", "not stated"),
        ("We will await further information.", "not stated"),  # waiting, but not said to be addressed elsewhere
        ("We accept the recommendation. We do not accept the recommendation.", "not stated"),  # two ways
    ],
)
def test_positions_are_proposed_only_on_unambiguous_words(text: str, position: str) -> None:
    proposal = propose_position(text)
    assert proposal.value == position
    if position != "not stated":
        assert proposal.because.startswith('the words "') and proposal.because[len('the words "') : -1] in text


@pytest.mark.parametrize(
    ("text", "progress"),
    [
        ("The review has been completed.", "completed"),
        ("The work is currently in progress.", "in progress"),
        ("No further action is proposed.", "no action proposed"),
        ("The Constabulary has reviewed the attendance at Channel panels.", "not stated"),
        ("recommendations are being addressed", "not stated"),
    ],
)
def test_progress_is_proposed_only_on_unambiguous_words(text: str, progress: str) -> None:
    assert propose_progress(text).value == progress


# --- the guide ----------------------------------------------------------------------------


def test_the_guide_shows_every_option() -> None:
    import argparse

    from register.importer import add_import_arguments

    guide = (ROOT / "content" / "importing.md").read_text("utf-8")
    parser = argparse.ArgumentParser()
    add_import_arguments(parser)
    options = [option for action in parser._actions for option in action.option_strings if option.startswith("--") and option != "--help"]
    assert options
    for option in options:
        assert f"`{option}" in guide, f"{option} is not in content/importing.md"
    for field in ("unplaced_text", "draft", "register check"):
        assert field in guide


def test_the_documents_own_spacing_is_kept(capsys, tmp_path: Path) -> None:
    draft, _ = import_seed(capsys, tmp_path, "counter-terrorism-prevent-2020", "cumbria")
    (answer,) = draft["answers"]
    assert "activity.  The Office" in answer["text"]  # the document's double space is kept verbatim


# --- the new model: passages stored once, who speaks, what the document asserts ----------


def test_one_paragraph_answering_several_recommendations_is_one_answer(capsys, tmp_path: Path) -> None:
    """Norfolk's one paragraph answers 19, 20 and 21: it is written once, and leaves the statement it was in."""
    draft, err = import_seed(capsys, tmp_path, TERRORIST, "norfolk")
    (answer,) = draft["answers"]
    assert answer["recommendations"] == [19, 20, 21]
    shared = "None were directly applicable to Norfolk"
    assert sum(shared in text for text in strings({key: draft[key] for key in ("statements", "answers")})) == 1
    assert [statement["text"] for statement in draft["statements"]] == [
        "I note the joint HMI Probation, HMICFRS and HMIP report on Counter Terrorism published on 20 July 2023."
    ]
    report = {entry["recommendation"]: entry["result"] for entry in draft["draft"]["report"]}
    assert ", in one answer with 20 and 21 (confidence 0.80)" in report[19]
    assert "recommendations: [19, 20, 21]\n" in yaml_text(capsys, tmp_path, TERRORIST, "norfolk")  # written as staff write it
    assert [p["field"] for p in draft["draft"]["proposals"] if p["field"].startswith("answers")] == [
        "answers[1].by",
        "answers[1].position",
        "answers[1].progress",
    ]


def yaml_text(capsys, tmp_path: Path, inspection: str, force: str) -> str:
    source = source_file(tmp_path, inspection, force, "txt")
    code, out, err = run_import(capsys, source, "--inspection", inspection, "--force", force, "-o", "-")
    assert code == 0, err
    return out


def test_a_general_answer_to_a_document_that_lists_no_recommendations_answers_all(capsys, tmp_path: Path) -> None:
    text = (
        "Norfolk PCC response to inspections published by HMICFRS\n\nCommissioner's comments\n\n"
        "I acknowledge all the recommendations in the report and will monitor progress.\n"
    )
    draft, _ = draft_of(capsys, tmp_path, text)
    (answer,) = draft["answers"]
    assert answer["recommendations"] == "all"
    assert (answer["by"], answer["position"]) == ("local policing body", "noted")
    assert answer["heading"] == "Commissioner's comments"
    assert draft["statements"] == []  # the whole statement became the answer, and its heading went with it
    assert "not_answered" not in draft


def test_who_speaks_is_read_from_the_label_in_front_of_the_answer(capsys, tmp_path: Path) -> None:
    draft, _ = draft_of(
        capsys,
        tmp_path,
        "Recommendation 19: The senior national coordinator should review the Registered Terrorism Offender Assessment "
        "Framework process to ensure that it is fit for police led cases.\n\n"
        "Chief Constable's response: We accept the recommendation.\n\n"
        "Recommendation 20: The senior national coordinator should work with the National Security Division and Joint "
        "Extremism Unit to develop and implement a risk assessment process for those tasked with visiting counter "
        "terrorism nominals in the community.\n\n"
        "Work is ongoing with the region.\n",
    )
    got = [(a["recommendations"], a["by"], a["text"]) for a in draft["answers"]]
    assert got == [
        ([19], "chief constable", "We accept the recommendation."),
        ([20], "local policing body", "Work is ongoing with the region."),  # no label: the body's own document speaks
    ]
    proposals = {p["field"]: p["because"] for p in draft["draft"]["proposals"]}
    assert proposals["answers[1].by"] == "the label \"Chief Constable's response:\" in front of the answer"
    assert proposals["answers[2].by"].startswith("the body's own document")
    assert draft["answers"][0]["heading"].startswith("Recommendation 19: The senior national coordinator")
    assert draft["not_answered"] == [21]


def test_what_the_document_asserts_is_kept_in_its_own_words(capsys, tmp_path: Path) -> None:
    draft, _ = import_seed(capsys, tmp_path, TERRORIST, "norfolk")
    asserts = draft["document"]["asserts"]
    assert asserts["deadline"] == {"words": "14 September 2023", "date": "2023-09-14"}  # shown beside the register's own date
    assert asserts["section_cited"].startswith("Section 55 of the Police Act 1996")
    assert (asserts["report_published"], asserts["forces_field"]) == ("20 July 2023", "N/A")
    assert "stated_deadline" not in draft and "named_commissioner" not in draft
    recognised = {item["text"]: item["as"] for item in draft["draft"]["recognised"]}
    assert recognised["14 September 2023"] == "document.asserts.deadline"

    draft, _ = import_seed(capsys, tmp_path, TERRORIST, "staffordshire")
    assert draft["document"]["names"] == [{"name": "Ben Adams", "role": "commissioner", "label": "Police and Crime Commissioner"}]


def test_a_url_is_a_copy_whose_check_is_not_stated(capsys, tmp_path: Path) -> None:
    source = source_file(tmp_path, TERRORIST, "norfolk", "txt")
    code, out, err = run_import(
        capsys, source, "--inspection", TERRORIST, "--force", "norfolk", "-o", "-", "--url", "https://www.norfolk-pcc.gov.uk/response.pdf"
    )
    assert code == 0, err
    draft = yaml.safe_load(out)
    assert draft["document"]["copies"] == [{"url": "https://www.norfolk-pcc.gov.uk/response.pdf", "checked": "not stated"}]
    assert "url" not in draft["document"]
