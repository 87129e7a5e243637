"""The open data holds every shape of real document (tests/fixtures/shapes) without bending a fact.

The fixtures are loaded as a data folder of their own, with the real forces file, and exported
as the site would publish them. Each test reads the files a data user downloads.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import read_csv, write_export
from frictionless import validate
from register.data.model import Register

COUNTS_ONLY = "fixture-counts-only-2022"
FINAL = "fixture-final-2023"
INTERIM = "fixture-interim-2022"


@pytest.fixture(scope="module")
def data(shapes: Register, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_export(shapes, tmp_path_factory.mktemp("shapes-export"))


def rows_for(data: Path, table: str, inspection: str, force: str) -> list[dict[str, str]]:
    return [row for row in read_csv(data / f"{table}.csv") if (row["inspection_id"], row["force_id"]) == (inspection, force)]


def response_row(data: Path, inspection: str, force: str) -> dict[str, str]:
    [row] = rows_for(data, "responses", inspection, force)
    return row


def standing(data: Path, inspection: str, force: str) -> dict:
    document = json.loads((data / "register.json").read_text("utf-8"))
    found = next(item for item in document["inspections"] if item["id"] == inspection)
    return next(item for item in found["standings"] if item["force"] == force)


def test_the_package_of_every_shape_is_valid(data: Path) -> None:
    report = validate(str(data / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])


def test_an_inspection_known_only_by_its_counts(data: Path) -> None:
    inspections = {row["inspection_id"]: row for row in read_csv(data / "inspections.csv")}
    counts = inspections[COUNTS_ONLY]
    assert (counts["recommendation_count"], counts["area_for_improvement_count"], counts["recommendations_listed"]) == ("43", "5", "0")
    assert counts["counts_source"] == "Fixture letter from a commissioner"
    assert counts["scope"] == counts["summary"] == counts["summary_source"] == counts["report_url"] == ""  # all "not stated"
    assert not [row for row in read_csv(data / "recommendations.csv") if row["inspection_id"] == COUNTS_ONLY]
    assert inspections[FINAL]["recommendation_count"] == ""  # "not stated": never 0
    assert inspections[FINAL]["area_for_improvement_count"] == "2"  # counted from the list


def test_a_response_answering_the_report_as_a_whole_does_not_disappear(data: Path) -> None:
    """No listed recommendation, so no comparison rows: the response and its letter are still in the tables."""
    assert rows_for(data, "recommendation_answers", COUNTS_ONLY, "norfolk") == []
    response = response_row(data, COUNTS_ONLY, "norfolk")
    assert (response["document_kind"], response["document_status"], response["record"]) == ("letter", "final", "transcribed")
    assert (response["timeliness"], response["evidence"], response["published"]) == ("on time", "publication date", "2022-04-20")
    assert (response["recommendations_answered"], response["every_force_total"]) == ("0", "0")
    assert (response["sent_to_home_secretary"], response["sent_to_inspectorate"]) == ("the document says so", "not stated")
    assert response["source_url"] == "https://www.norfolk-pcc.gov.uk/fixture-letter.pdf" and response["source_checked"] == "2026-11-28"
    [answer] = rows_for(data, "answers", COUNTS_ONLY, "norfolk")
    assert (answer["whole_report"], answer["recommendations"], answer["areas_for_improvement"]) == ("true", "", "")
    assert answer["by"] == "local policing body and chief constable"
    assert answer["text"].startswith("The Chief Constable and I have considered the report as a whole")
    assert "\n\nWe will act on what it asks of forces." in answer["text"]  # paragraphs kept inside the cell
    passage = standing(data, COUNTS_ONLY, "norfolk")["response"]["answers"][0]
    assert passage["recommendations"] is None and passage["areas_for_improvement"] is None


def test_recommendations_known_in_part(data: Path) -> None:
    rows = {(row["inspection_id"], row["recommendation"]): row for row in read_csv(data / "recommendations.csv")}
    one, two, three = rows[(FINAL, "1")], rows[(FINAL, "2")], rows[(FINAL, "3")]
    assert (one["deadline_words"], one["deadline_day"], one["deadline_month"], one["for_every_force"]) == ("By 30 April 2023", "2023-04-30", "", "true")
    assert two["text"] == two["addressees"] == two["deadline_words"] == two["for_every_force"] == ""  # every one "not stated"
    assert (three["for_every_force"], three["deadline_words"]) == ("false", "")
    document = json.loads((data / "register.json").read_text("utf-8"))
    final = next(item for item in document["inspections"] if item["id"] == FINAL)
    second = final["recommendations"][1]
    assert (second["text"], second["addressees"], second["for_every_force"], second["deadline"]["words"]) == (None, None, None, None)
    assert final["recommendation_count"] is None and final["areas_for_improvement"][1] == {"number": 2, "text": None}


def test_a_joint_report_and_its_related_reports_link_both_ways(data: Path) -> None:
    inspections = {row["inspection_id"]: row for row in read_csv(data / "inspections.csv")}
    assert (inspections[FINAL]["scope"], inspections[FINAL]["joint"], inspections[FINAL]["published_by"]) == ("national thematic", "true", "HMICFRS")
    assert inspections[FINAL]["related"] == f"interim report: {INTERIM}; follow-up review: Fixture review not yet in the register"
    assert inspections[INTERIM]["related"] == f"final report: {FINAL}"
    assert (inspections[INTERIM]["joint"], inspections[INTERIM]["report_checked"]) == ("false", "2026-11-28")


def test_one_passage_answering_several_recommendations_appears_on_each(data: Path) -> None:
    rows = {row["recommendation"]: row for row in rows_for(data, "recommendation_answers", FINAL, "cambridgeshire")}
    assert {number: row["answered"] for number, row in rows.items()} == {"1": "true", "2": "false", "3": "true"}
    assert rows["1"]["answer_text"] == rows["3"]["answer_text"] == "The Constabulary will publish its plan and await the national guidance."
    assert (rows["1"]["answer_covers"], rows["1"]["answer_number"], rows["1"]["answer_by"]) == ("1; 3", "1", "force")
    assert rows["2"]["answer_text"] == rows["2"]["answer_covers"] == ""  # listed under not_answered: no placeholder published
    answers = rows_for(data, "answers", FINAL, "cambridgeshire")
    assert [(row["answer_number"], row["recommendations"], row["areas_for_improvement"]) for row in answers] == [("1", "1; 3", ""), ("2", "", "1")]
    interim = rows_for(data, "recommendation_answers", INTERIM, "cumbria")
    assert [(row["answered"], row["answer_covers"]) for row in interim] == [("true", "all")]


def test_a_proposed_response_dated_after_the_due_date(data: Path) -> None:
    response = response_row(data, FINAL, "cambridgeshire")
    assert (response["section_55_reading"], response["document_status"]) == ("unclear", "proposed")
    assert (response["published"], response["document_date"], response["due"]) == ("", "2023-03-30", "2023-03-06")
    assert (response["timeliness"], response["days_after_due"], response["evidence"]) == ("dated after due date", "24", "document date")
    assert (response["body_comments"], response["chief_constable_comments"]) == ("not stated", "present")
    assert (response["every_force_answered"], response["every_force_total"], response["audience_unknown"]) == ("1", "1", "1")
    assert (response["last_checked"], response["source_url"]) == ("", "")
    clock = standing(data, FINAL, "cambridgeshire")["timeliness"]
    assert clock == {"status": "dated after due date", "due": "2023-03-06", "days_after_due": 24, "evidence": "document date"}


def test_a_located_record_has_no_words_and_says_so(data: Path) -> None:
    response = response_row(data, FINAL, "staffordshire")
    assert response["record"] == "located"
    assert response["source_url"] == "https://www.justiceinspectorates.gov.uk/hmicfrs/fixture-final-staffordshire.pdf"
    assert response["source_checked"] == "2026-11-28"
    assert response["document_kind"] == response["document_title"] == ""  # "not stated"
    for column in ("body_comments", "chief_constable_comments", "sent_to_inspectorate", "sent_to_home_secretary"):
        assert response[column] == "not transcribed", column
    assert response["every_force_answered"] == response["recommendations_answered"] == ""  # not known, not 0
    assert (response["timeliness"], response["evidence"]) == ("dated in period", "document date")
    rows = rows_for(data, "recommendation_answers", FINAL, "staffordshire")
    assert [row["recommendation"] for row in rows] == ["1", "2", "3"]
    assert all(row["record"] == "located" and row["answered"] == "false" for row in rows)
    assert all(row["answer_text"] == row["position"] == row["progress"] == row["answer_by"] == "" for row in rows)
    assert rows_for(data, "answers", FINAL, "staffordshire") == []
    held = standing(data, FINAL, "staffordshire")["response"]
    assert held["record"] == "located" and held["answers"] == [] and held["completeness"]["every_force_answered"] is None
    assert held["document"]["copies"] == [
        {"url": response["source_url"], "checked": "2026-11-28", "note": "PDF linked from the inspectorate's report page"}
    ]


def test_a_press_statement_is_held_but_not_counted_as_the_response(data: Path) -> None:
    response = response_row(data, FINAL, "norfolk")
    assert (response["document_kind"], response["section_55_reading"]) == ("press statement", "not the body's response")
    assert response["published"] == "2023-01-11"
    assert (response["timeliness"], response["days_after_due"], response["evidence"]) == ("no response held", "", "")
    assert all(row["answered"] == "false" for row in rows_for(data, "recommendation_answers", FINAL, "norfolk"))


def test_a_refer_back_and_a_stated_absence(data: Path) -> None:
    [answer] = rows_for(data, "answers", FINAL, "cumbria")
    assert (answer["refers_to_inspection"], answer["refers_to_title"]) == (INTERIM, "")
    response = response_row(data, FINAL, "cumbria")
    assert response["chief_constable_comments"] == "stated absent"
    assert response["chief_constable_comments_absent"] == "The Chief Constable has no further comment."
    passage = standing(data, FINAL, "cumbria")["response"]["answers"][0]
    assert passage["refers_to"] == {"inspection": INTERIM, "title": None}


def test_the_data_page_counts_the_fixtures_without_claiming_more(data: Path) -> None:
    text = " ".join(BeautifulSoup((data / "index.md").read_text("utf-8"), "html.parser").get_text(" ").split())
    assert (
        "The files below hold 3 inspection reports; 4 recommendations listed with the reports' own numbers, "
        "of which, as their sources say, 2 are for every force and 1 is not (for 1, no source says whether it is for every force);"
    ) in text
    assert "and 6 responses, 5 transcribed and 1 located but not yet transcribed, holding 5 answers" in text
    assert "Of these, the register reads 4 as the body's section 55 response, 1 as not the body's response and 1 as unclear." in text
