"""The open data under /data/: made from the model, documented on the /data/ page, valid against its own package.

Most tests read the files ``export_files`` makes from the real data, written to a scratch
folder as the site publishes them; the few that need the built site (the files are published,
byte for byte, and the page is in the navigation) use the real build.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import AS_OF, ROOT, read_csv, write_export
from frictionless import validate
from register.data.load import load_register
from register.data.schema import schema_text
from register.site.export import TABLES, data_page, export_files

PREVENT = "counter-terrorism-prevent-2020"
TERRORIST = "management-of-terrorist-offenders-2023"
CSV_FILES = ("inspections.csv", "recommendations.csv", "forces.csv", "responses.csv", "answers.csv", "recommendation_answers.csv", "coverage.csv", "standings.csv")
DOWNLOADS = (*CSV_FILES, "register.json", "datapackage.json", "register.schema.json")
LABELS_WRITTEN_OUT = {"position", "progress", "body_comments", "chief_constable_comments", "sent_to_inspectorate", "sent_to_home_secretary"}
"""Where "not stated" is a label of its own (documented on /data/), not a missing value."""


@pytest.fixture(scope="module")
def register():
    return load_register(ROOT, as_of=date.fromisoformat(AS_OF))


@pytest.fixture(scope="module")
def data(register, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The downloads as the site publishes them under /data/, written from the model."""
    return write_export(register, tmp_path_factory.mktemp("export"))


def rows_by(path: Path, *key: str) -> dict[tuple[str, ...], dict[str, str]]:
    return {tuple(row[name] for name in key): row for row in read_csv(path)}


def page_soup(data: Path, page: str = "index.md") -> BeautifulSoup:
    """The /data/ page (or another under it) as made (Markdown whose tables are HTML), parsed."""
    return BeautifulSoup((data / page).read_text("utf-8"), "html.parser")


def page_text(data: Path) -> str:
    return " ".join(page_soup(data).get_text(" ").split())


# On the built site ------------------------------------------------------------------------


def test_site_publishes_exactly_what_the_export_makes(real_site: Path, register) -> None:
    """The files on the site come from the model, not from a copy someone keeps."""
    made = {file.src_uri: file.content for file in export_files(register, date.fromisoformat(AS_OF))}
    for name in DOWNLOADS:
        assert (real_site / "data" / name).read_bytes() == made[f"data/{name}"].encode("utf-8"), name


def test_data_page_is_in_the_navigation_and_links_every_download(real_site: Path) -> None:
    soup = BeautifulSoup((real_site / "index.html").read_text("utf-8"), "html.parser")
    nav = {a.get_text(strip=True): a["href"] for a in soup.select("nav.md-nav--primary a.md-nav__link")}
    assert nav["Open data"] == "data/"
    assert nav["Changelog"] == "changelog/"
    page = BeautifulSoup((real_site / "data" / "index.html").read_text("utf-8"), "html.parser")
    links = {a["href"] for a in page.select("article a")}
    assert set(DOWNLOADS) <= links
    assert "../feed.xml" in links and "../changelog/" in links


# The files as made ------------------------------------------------------------------------


def test_export_is_byte_identical_between_runs(register) -> None:
    as_of = date.fromisoformat(AS_OF)
    first = [(file.src_uri, file.content) for file in export_files(register, as_of)]
    second = [(file.src_uri, file.content) for file in export_files(load_register(ROOT), as_of)]
    assert first == second


def test_register_json_holds_the_whole_model(data: Path, register) -> None:
    document = json.loads((data / "register.json").read_text("utf-8"))
    assert document["as_of"] == AS_OF
    assert len(document["forces"]) == len(register.forces) == 43
    assert sum(len(force["bodies"]) for force in document["forces"]) == sum(len(force.bodies) for force in register.forces)
    assert [inspection["id"] for inspection in document["inspections"]] == [inspection.id for inspection in register.inspections]
    responses = [s["response"] for i in document["inspections"] for s in i["standings"] if s["response"]]
    assert len(responses) == len(register.responses)
    assert sorted((r["inspection"], r["force"], r["record"]) for r in responses) == sorted((*r.key, r.record) for r in register.responses)
    assert {r["record"] for r in responses} == {"transcribed", "located"}
    assert not any(r["answers"] for r in responses if r["record"] == "located")  # located: words not transcribed
    assert sum(len(response["answers"]) for response in responses) == sum(len(response.answers) for response in register.responses) == 14
    assert sum(len(i["recommendations"]) for i in document["inspections"]) == 11
    terrorist = next(i for i in document["inspections"] if i["id"] == TERRORIST)
    assert (terrorist["scope"], terrorist["joint"], terrorist["published_by"]) == ("national thematic", True, "HM Inspectorate of Probation")
    assert terrorist["references"] == [{"words": "#28740", "source": "Inspection Title, Cumbria Police, Fire and Crime Commissioner's response form (2023)"}]
    assert terrorist["report_url"] is None  # "not stated" in the YAML
    assert len(terrorist["standings"]) == 43
    norfolk = next(s for s in terrorist["standings"] if s["force"] == "norfolk")
    assert norfolk["timeliness"] == {"status": "date unknown", "due": "2023-09-13", "days_after_due": None, "evidence": None}
    response = norfolk["response"]
    assert response["published"] is None and response["last_checked"] is None  # "not stated" in the YAML
    assert response["document"]["asserts"]["deadline"] == {"words": "14 September 2023", "date": "2023-09-14"}
    assert response["document"]["copies"] == []
    assert (response["record"], response["section_55"]["reading"]) == ("transcribed", "the body's response")
    assert response["chief_constable_comments_absent"].startswith("None were directly applicable to Norfolk")
    [passage] = response["answers"]
    assert (passage["recommendations"], passage["by"], passage["refers_to"]) == ([19, 20, 21], "local policing body", None)
    assert response["completeness"] == {
        "body_comments": "present",
        "chief_constable_comments": "stated absent",
        "every_force_answered": 0,
        "every_force_total": 0,
        "audience_unknown": 0,
        "sent_to_inspectorate": "not stated",
        "sent_to_home_secretary": "not stated",
    }
    cumbria = next(s for s in terrorist["standings"] if s["force"] == "cumbria")["response"]
    assert cumbria["answers"][0]["recommendations"] == "all"
    essex = next(s for s in terrorist["standings"] if s["force"] == "essex")
    assert essex["response"] is None and essex["timeliness"]["status"] == "no response held"


def test_register_json_gives_the_clock_its_evidence(data: Path) -> None:
    document = json.loads((data / "register.json").read_text("utf-8"))
    prevent = next(i for i in document["inspections"] if i["id"] == PREVENT)
    assert prevent["redacted"]["value"] is True and prevent["fieldwork"]["from"] == "2018-10"
    seven = next(rec for rec in prevent["recommendations"] if rec["number"] == 7)
    assert seven["for_every_force"] is True and seven["listed_under"]["words"] == "Only one recommendation was directed towards the police:"
    cambridgeshire = next(s for s in prevent["standings"] if s["force"] == "cambridgeshire")
    assert cambridgeshire["timeliness"] == {"status": "dated after due date", "due": "2020-05-03", "days_after_due": 23, "evidence": "document date"}
    assert cambridgeshire["response"]["document"]["status"] == "proposed"
    assert cambridgeshire["response"]["completeness"]["every_force_answered"] == 1


def test_register_json_writes_not_stated_as_null(data: Path) -> None:
    """As documented on /data/: the literal "not stated" survives only where it is a label."""
    document = json.loads((data / "register.json").read_text("utf-8"))
    found = []

    def walk(node, path):
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, path + (key,))
        elif isinstance(node, list):
            for item in node:
                walk(item, path)
        elif node == "not stated":
            found.append(path[-1])

    walk(document, ())
    assert found and set(found) <= LABELS_WRITTEN_OUT


def test_responses_csv_has_one_row_per_response_with_completeness_and_clock(data: Path, register) -> None:
    rows = rows_by(data / "responses.csv", "inspection_id", "force_id")
    assert set(rows) == {response.key for response in register.responses}
    cambridgeshire = rows[(PREVENT, "cambridgeshire")]
    assert (cambridgeshire["timeliness"], cambridgeshire["days_after_due"], cambridgeshire["evidence"]) == ("dated after due date", "23", "document date")
    assert (cambridgeshire["published"], cambridgeshire["document_date"], cambridgeshire["due"]) == ("", "2020-05-26", "2020-05-03")
    assert (cambridgeshire["document_kind"], cambridgeshire["document_status"], cambridgeshire["section_55_reading"]) == ("board report", "proposed", "unclear")
    assert (cambridgeshire["body_comments"], cambridgeshire["chief_constable_comments"]) == ("not stated", "present")
    assert (cambridgeshire["every_force_answered"], cambridgeshire["every_force_total"], cambridgeshire["audience_unknown"]) == ("1", "1", "0")
    assert cambridgeshire["recommendations_answered"] == "8"
    norfolk = rows[(TERRORIST, "norfolk")]
    assert (norfolk["timeliness"], norfolk["days_after_due"], norfolk["evidence"], norfolk["as_of"]) == ("date unknown", "", "", AS_OF)
    assert (norfolk["stated_deadline"], norfolk["stated_deadline_words"]) == ("2023-09-14", "14 September 2023")
    assert norfolk["chief_constable_comments"] == "stated absent"
    assert norfolk["chief_constable_comments_absent"].startswith("None were directly applicable to Norfolk")
    assert norfolk["source_url"] == norfolk["source_checked"] == norfolk["last_checked"] == ""  # no copy found, no check recorded
    assert (norfolk["body_id"], norfolk["record"], norfolk["page"]) == ("norfolk-pcc", "transcribed", f"responses/{TERRORIST}/norfolk/")
    assert norfolk["transcript"] == f"responses/{TERRORIST}/norfolk/source.txt"
    cumbria = rows[(PREVENT, "cumbria")]
    assert (cumbria["chief_constable_comments"], cumbria["recommendations_answered"]) == ("present", "1")


def test_answers_csv_stores_each_passage_once(data: Path) -> None:
    rows = read_csv(data / "answers.csv")
    assert len(rows) == 14
    norfolk = [row for row in rows if (row["inspection_id"], row["force_id"]) == (TERRORIST, "norfolk")]
    assert [(row["answer_number"], row["recommendations"], row["whole_report"]) for row in norfolk] == [("1", "19; 20; 21", "false")]
    assert "I will wait to see any guidance" in norfolk[0]["text"]
    cumbria = next(row for row in rows if (row["inspection_id"], row["force_id"]) == (TERRORIST, "cumbria"))
    assert (cumbria["recommendations"], cumbria["numbered_in_document"]) == ("all", "1, 2, 3")
    joint = next(row for row in rows if (row["inspection_id"], row["force_id"]) == (PREVENT, "cumbria"))
    assert joint["by"] == "local policing body and chief constable"
    assert joint["heading"] == "PCC & Chief Constable Response to Report and Recommendation:"


def test_recommendation_answers_show_a_shared_passage_on_each_recommendation_it_covers(data: Path, register) -> None:
    rows = read_csv(data / "recommendation_answers.csv")
    expected = sum(len(register.inspection(r.inspection_id).recommendations) for r in register.responses)
    assert len(rows) == expected
    answered = sum(1 for r in register.responses for rec in register.inspection(r.inspection_id).recommendations if r.answer_to(rec.number))
    assert sum(row["answered"] == "true" for row in rows) == answered == 8 + 1 + 3 + 3 + 3  # the transcribed seeds
    assert not any(row["answered"] == "true" for row in rows if row["record"] == "located")
    norfolk = {row["recommendation"]: row for row in rows if (row["inspection_id"], row["force_id"]) == (TERRORIST, "norfolk")}
    assert set(norfolk) == {"19", "20", "21"}
    assert {(row["answered"], row["answer_number"], row["answer_covers"], row["answer_by"]) for row in norfolk.values()} == {
        ("true", "1", "19; 20; 21", "local policing body")
    }
    assert len({row["answer_text"] for row in norfolk.values()}) == 1
    assert (norfolk["20"]["position"], norfolk["20"]["progress"]) == ("awaiting national lead", "not stated")
    cumbria = [row for row in rows if (row["inspection_id"], row["force_id"]) == (TERRORIST, "cumbria")]
    assert [(row["recommendation"], row["answered"], row["answer_covers"]) for row in cumbria] == [("19", "true", "all"), ("20", "true", "all"), ("21", "true", "all")]
    staffordshire = [row["answer_number"] for row in rows if (row["inspection_id"], row["force_id"]) == (TERRORIST, "staffordshire")]
    assert staffordshire == ["1", "2", "3"]


def test_recommendation_answers_keep_unanswered_recommendations_with_empty_answers(data: Path) -> None:
    rows = read_csv(data / "recommendation_answers.csv")
    cumbria = {row["recommendation"]: row for row in rows if (row["inspection_id"], row["force_id"]) == (PREVENT, "cumbria")}
    assert set(cumbria) == {str(n) for n in range(1, 9)}
    unanswered = [row for number, row in cumbria.items() if number != "7"]
    assert all(row["answered"] == "false" for row in unanswered)
    assert all(row["position"] == row["progress"] == row["answer_text"] == row["answer_covers"] == row["answer_number"] == "" for row in unanswered)
    assert all(row["body_id"] == "cumbria-pcc" and row["record"] == "transcribed" for row in cumbria.values())
    assert cumbria["7"]["answered"] == "true"


def test_forces_csv_has_cumbrias_two_bodies_with_dates(data: Path) -> None:
    rows = [row for row in read_csv(data / "forces.csv") if row["force_id"] == "cumbria"]
    assert [(row["body_id"], row["body_kind"], row["body_from"], row["body_to"]) for row in rows] == [
        ("cumbria-pcc", "pcc", "2012-11-22", "2023-03-31"),
        ("cumbria-pfcc", "pfcc", "2023-04-01", ""),
    ]
    assert {row["force_name"] for row in rows} == {"Cumbria Constabulary"}
    assert len({row["force_id"] for row in read_csv(data / "forces.csv")}) == 43


def test_inspections_and_recommendations_csv(data: Path, register) -> None:
    inspections = rows_by(data / "inspections.csv", "inspection_id")
    prevent, terrorist = inspections[(PREVENT,)], inspections[(TERRORIST,)]
    assert (prevent["responses_due"], terrorist["responses_due"]) == ("2020-05-03", "2023-09-13")
    assert (prevent["scope"], prevent["joint"], terrorist["scope"], terrorist["joint"]) == ("national thematic", "false", "national thematic", "true")
    assert (terrorist["recommendation_count"], terrorist["recommendations_listed"], terrorist["area_for_improvement_count"]) == ("21", "3", "0")
    assert (prevent["recommendation_count"], prevent["area_for_improvement_count"]) == ("8", "")  # areas: "not stated"
    assert prevent["report_url"] == register.inspection(PREVENT).report_url
    assert prevent["report_checked"] == register.inspection(PREVENT).report_checked.isoformat()
    assert terrorist["report_url"] == terrorist["report_checked"] == ""  # "not stated" in the YAML
    assert (prevent["redacted"], terrorist["redacted"]) == ("true", "")
    assert terrorist["references"] == "#28740"
    assert terrorist["other_titles"].startswith("Counter Terrorism Joint Inspection")
    assert terrorist["counts_source"].startswith("Norfolk Police and Crime Commissioner's response form (2023)")
    recommendations = rows_by(data / "recommendations.csv", "inspection_id", "recommendation")
    seven = recommendations[(PREVENT, "7")]
    assert (seven["deadline_words"], seven["deadline_day"], seven["deadline_from_publication"], seven["for_every_force"]) == ("With immediate effect", "", "true", "true")
    assert seven["listed_under"] == "Only one recommendation was directed towards the police:"
    one = recommendations[(PREVENT, "1")]
    assert (one["deadline_month"], one["for_every_force"], one["listed_under"]) == ("2020-06", "false", "")
    nineteen = recommendations[(TERRORIST, "19")]
    assert (nineteen["deadline_words"], nineteen["listed_under"]) == ("", "Recommendations for Counter Terrorism Policing:")


def test_csv_files_are_rfc_4180_with_the_declared_header(data: Path) -> None:
    assert sorted(table.path for table in TABLES) == sorted(CSV_FILES)
    for table in TABLES:
        raw = (data / table.path).read_bytes()
        # a byte-order mark, so spreadsheet programs opened by double-click read UTF-8 as UTF-8 (issue 13)
        assert raw.startswith(b"\xef\xbb\xbf") and not raw[3:].startswith(b"\xef\xbb\xbf"), table.path
        assert raw.endswith(b"\r\n")
        header = next(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
        assert header == [field.name for field in table.fields]
        assert raw.split(b"\r\n", 1)[0].decode("utf-8-sig") == ",".join(header)
    assert "government’s Prevent programme".encode() in (data / "inspections.csv").read_bytes()  # curly quotes as written


def test_datapackage_describes_every_csv_with_a_table_schema(data: Path) -> None:
    package = json.loads((data / "datapackage.json").read_text("utf-8"))
    assert package["profile"] == "tabular-data-package"
    assert sorted(resource["path"] for resource in package["resources"]) == sorted(CSV_FILES)
    for resource in package["resources"]:
        header = next(csv.reader((data / resource["path"]).open(encoding="utf-8-sig", newline="")))
        assert [field["name"] for field in resource["schema"]["fields"]] == header
        assert all(field["description"] for field in resource["schema"]["fields"])
        assert resource["schema"]["primaryKey"]
    fields = {resource["name"]: {field["name"]: field for field in resource["schema"]["fields"]} for resource in package["resources"]}
    # Facts that may be unknown are not declared required, and their enums do not offer "not stated".
    for table, name in (("recommendations", "for_every_force"), ("recommendations", "text"), ("inspections", "recommendation_count"), ("inspections", "scope"), ("responses", "document_kind")):
        assert "required" not in fields[table][name].get("constraints", {}), (table, name)
    assert "not stated" not in fields["inspections"]["scope"]["constraints"]["enum"]
    assert fields["responses"]["evidence"]["constraints"]["enum"] == ["publication date", "document date"]
    assert "dated after due date" in fields["responses"]["timeliness"]["constraints"]["enum"]


def test_datapackage_validates_against_its_own_schema(data: Path) -> None:
    report = validate(str(data / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])


@pytest.mark.parametrize(
    ("file", "old", "new", "error"),
    [
        ("recommendation_answers.csv", ",awaiting national lead,", ",awaiting a national lead,", "constraint-error"),
        ("responses.csv", ",dated after due date,", ",dated late,", "constraint-error"),
        ("forces.csv", ",2023-04-01,", ",1 April 2023,", "type-error"),
        ("responses.csv", ",norfolk-pcc,", ",norfolk-pfcc,", "foreign-key"),
        ("answers.csv", f"{TERRORIST},norfolk,1,", f"{TERRORIST},essex,1,", "foreign-key"),
        ("recommendations.csv", f"{PREVENT},7,", f"{PREVENT},6,", "primary-key"),
    ],
)
def test_datapackage_validation_fails_on_a_corrupted_row(data: Path, tmp_path: Path, file: str, old: str, new: str, error: str) -> None:
    copy = shutil.copytree(data, tmp_path / "data")
    text = (copy / file).read_text("utf-8")
    assert old in text
    (copy / file).write_bytes(text.replace(old, new, 1).encode("utf-8"))
    report = validate(str(copy / "datapackage.json"))
    assert not report.valid
    assert error in {item[0] for item in report.flatten(["type"])}


def test_published_schema_is_the_repository_schema(data: Path) -> None:
    assert (data / "register.schema.json").read_text("utf-8") == schema_text()
    assert json.loads(schema_text())["$defs"]["responseFile"]


def test_data_page_documents_every_column_and_download(data: Path) -> None:
    soup = page_soup(data)
    formats = page_soup(data, "formats/index.md")
    for name in CSV_FILES:
        table = name.removesuffix(".csv")
        header = next(csv.reader((data / name).open(encoding="utf-8-sig", newline="")))
        for column in header:
            row = soup.find("tr", id=f"{table}-{column}")
            assert row is not None, f"{name}: column {column} is not documented"
            assert len(row.find_all("td")[2].get_text(strip=True)) > 10
    links = {a["href"] for a in soup.find_all("a")}
    assert set(DOWNLOADS) <= links
    text = page_text(data)
    assert "An empty cell means the register has no value" in text
    assert "answered = false" in text  # the choice to keep unanswered recommendations, documented
    assert "has its row in responses.csv and its answers in answers.csv" in text  # and where a response without them goes
    assert f"describing the {len(CSV_FILES)} CSV files" in text
    for field in (
        "answers[].position",
        "answers[].recommendations",
        "document.copies[].url",
        "document.asserts.deadline.date",
        "bodies[].from",
        "recommendations[].deadline.month",
        "recommendations[].deadline.day",
        "summary.text",
        "…response.completeness",
    ):
        assert soup.find("code", string=field) is None, field  # not here: on a page of their own, so neither page is too long
        assert formats.find("code", string=field), field  # register.json fields, from the JSON Schema and the added list
    assert soup.find("a", string="its fields")["href"] == "formats/"
    assert formats.find("a", string="open data")["href"] == "../"


def test_data_page_says_what_the_files_hold_without_claiming_an_audience(data: Path, register) -> None:
    """Issue 10: the register cannot say the recommendations are "for the police"; it counts what sources say."""
    text = page_text(data)
    assert "for the police" not in text
    transcribed = sum(r.transcribed for r in register.responses)
    located = len(register.responses) - transcribed
    assert transcribed and located  # the sentence below is the one for a mix of both
    assert (
        "The files below hold 2 inspection reports; 11 recommendations listed with the reports' own numbers, "
        "of which, as their sources say, 1 is for every force and 10 are not; 43 forces with 52 local policing bodies; "
        f"and {len(register.responses)} responses, {transcribed} transcribed and {located} located but not yet transcribed, "
        "holding 14 answers in the documents' own words"
    ) in text
    unclear = sum(r.section_55.reading == "unclear" for r in register.responses)
    assert unclear == 1 and not any(r.section_55.reading == "not the body's response" for r in register.responses)
    assert f"Of these, the register reads {len(register.responses) - unclear} as the body's section 55 response and 1 as unclear." in text


COUNTS = {
    "forces": 43,
    "bodies": 52,
    "inspections": 1,
    "recommendations": 0,
    "for_every_force": 0,
    "not_for_every_force": 0,
    "audience_unknown": 0,
    "responses": 1,
    "transcribed": 0,
    "located": 1,
    "read_as_response": 1,
    "read_as_not_response": 0,
    "read_as_unclear": 0,
    "answers": 0,
    "coverage_transcribed": 0,
    "coverage_located": 1,
    "coverage_not_found": 0,
    "coverage_not_looked": 42,
}


@pytest.mark.parametrize(
    ("changes", "says", "never"),
    [
        ({}, ["1 inspection report; no recommendations listed", "and 1 response, located but not yet transcribed, holding no answers", "The register reads it as the body's section 55 response."], ["0 recommendations", "0 answers"]),
        ({"recommendations": 2, "audience_unknown": 2}, ["2 recommendations listed with the reports' own numbers (no source says whether they are for every force);"], ["as their sources say", "0 are"]),
        ({"recommendations": 3, "not_for_every_force": 2, "audience_unknown": 1}, ["of which, as their sources say, 2 are not for every force (for 1, no source says whether it is for every force);"], ["0 are", "none"]),
        ({"responses": 0, "located": 0, "read_as_response": 0}, ["and no responses."], ["register reads", "0 responses"]),
    ],
)
def test_data_page_sentence_is_true_where_facts_are_unknown(changes: dict, says: list[str], never: list[str]) -> None:
    markdown = data_page({**COUNTS, **changes}, {name: 1 for name in DOWNLOADS}, date.fromisoformat(AS_OF))
    text = " ".join(BeautifulSoup(markdown, "html.parser").get_text(" ").split())
    opening = text[text.index("The files below hold") : text.index("Timeliness is judged")]
    for words in says:
        assert words in opening
    for words in never:
        assert words not in opening
