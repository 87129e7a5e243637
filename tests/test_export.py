"""The open data under /data/: made from the model, documented on the /data/ page, valid against its own package."""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from frictionless import validate

from register.export import TABLES, export_files
from register.load import load_register
from register.schema import schema_text

from conftest import AS_OF, ROOT

PREVENT = "counter-terrorism-prevent-2020"
TERRORIST = "management-of-terrorist-offenders-2023"
CSV_FILES = ("inspections.csv", "recommendations.csv", "responses.csv", "forces.csv")


@pytest.fixture(scope="module")
def register():
    return load_register(ROOT)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_download_is_published(real_site: Path) -> None:
    for name in (*CSV_FILES, "register.json", "datapackage.json", "register.schema.json"):
        assert (real_site / "data" / name).is_file(), name


def test_site_publishes_exactly_what_the_export_makes(real_site: Path, register) -> None:
    """The files on the site come from the model, not from a copy someone keeps."""
    made = {file.src_uri: file.content for file in export_files(register, date.fromisoformat(AS_OF))}
    for name in (*CSV_FILES, "register.json", "datapackage.json", "register.schema.json"):
        assert (real_site / "data" / name).read_bytes() == made[f"data/{name}"].encode("utf-8"), name


def test_export_is_byte_identical_between_runs(register) -> None:
    as_of = date.fromisoformat(AS_OF)
    first = [(file.src_uri, file.content) for file in export_files(register, as_of)]
    second = [(file.src_uri, file.content) for file in export_files(load_register(ROOT), as_of)]
    assert first == second


def test_register_json_holds_the_whole_model(real_site: Path, register) -> None:
    document = json.loads((real_site / "data" / "register.json").read_text("utf-8"))
    assert document["as_of"] == AS_OF
    assert len(document["forces"]) == len(register.forces) == 43
    assert sum(len(force["bodies"]) for force in document["forces"]) == sum(len(force.bodies) for force in register.forces)
    assert [inspection["id"] for inspection in document["inspections"]] == [inspection.id for inspection in register.inspections]
    responses = [s["response"] for i in document["inspections"] for s in i["standings"] if s["response"]]
    assert len(responses) == len(register.responses) == 5
    assert sum(len(response["answers"]) for response in responses) == sum(len(response.answers) for response in register.responses)
    assert sum(len(i["recommendations"]) for i in document["inspections"]) == 11
    terrorist = next(i for i in document["inspections"] if i["id"] == TERRORIST)
    assert len(terrorist["standings"]) == 43
    norfolk = next(s for s in terrorist["standings"] if s["force"] == "norfolk")
    assert norfolk["timeliness"] == {"status": "date unknown", "due": "2023-09-13", "days_late": None}
    assert norfolk["response"]["published"] is None  # "not stated" in the YAML
    assert norfolk["response"]["stated_deadline"] == "2023-09-14"
    essex = next(s for s in terrorist["standings"] if s["force"] == "essex")
    assert essex["response"] is None and essex["timeliness"]["status"] == "no published response identified"


def test_register_json_writes_not_stated_as_null(real_site: Path) -> None:
    """As documented on /data/: the literal "not stated" survives only as a position or progress label."""
    document = json.loads((real_site / "data" / "register.json").read_text("utf-8"))
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
    assert found and set(found) <= {"position", "progress"}


def test_responses_csv_has_one_row_per_response_and_recommendation(real_site: Path, register) -> None:
    rows = read_csv(real_site / "data" / "responses.csv")
    expected = sum(len(register.inspection(r.inspection_id).recommendations) for r in register.responses)
    assert len(rows) == expected == 8 + 8 + 3 * 3
    assert sum(row["answered"] == "true" for row in rows) == sum(len(r.answers) for r in register.responses)
    norfolk = next(row for row in rows if (row["inspection_id"], row["force_id"], row["recommendation"]) == (TERRORIST, "norfolk", "20"))
    assert norfolk["position"] == "awaiting national lead"
    assert norfolk["progress"] == "not stated"
    assert norfolk["body_id"] == "norfolk-pcc"
    assert norfolk["body_name"] == "Norfolk Police and Crime Commissioner"
    assert "I will wait to see any guidance" in norfolk["answer_text"]
    assert norfolk["published"] == "" and norfolk["document_date"] == "" and norfolk["source_url"] == ""
    assert norfolk["document_kind"] == "response form"
    assert (norfolk["timeliness"], norfolk["days_late"], norfolk["due"], norfolk["as_of"]) == ("date unknown", "", "2023-09-13", AS_OF)
    assert norfolk["page"] == f"responses/{TERRORIST}/norfolk/"
    assert (real_site / norfolk["transcript"]).is_file()
    cambridgeshire = next(row for row in rows if (row["force_id"], row["recommendation"]) == ("cambridgeshire", "1"))
    assert (cambridgeshire["document_kind"], cambridgeshire["document_date"]) == ("board report", "2020-05-26")


def test_responses_csv_keeps_unanswered_recommendations_with_empty_answers(real_site: Path) -> None:
    rows = read_csv(real_site / "data" / "responses.csv")
    cumbria = {row["recommendation"]: row for row in rows if (row["inspection_id"], row["force_id"]) == (PREVENT, "cumbria")}
    assert set(cumbria) == {str(n) for n in range(1, 9)}
    unanswered = [row for row in cumbria.values() if row["answered"] == "false"]
    assert unanswered and all(row["position"] == row["progress"] == row["answer_text"] == "" for row in unanswered)
    assert all(row["body_id"] == "cumbria-pcc" for row in cumbria.values())


def test_forces_csv_has_cumbrias_two_bodies_with_dates(real_site: Path) -> None:
    rows = [row for row in read_csv(real_site / "data" / "forces.csv") if row["force_id"] == "cumbria"]
    assert [(row["body_id"], row["body_kind"], row["body_from"], row["body_to"]) for row in rows] == [
        ("cumbria-pcc", "pcc", "2012-11-22", "2023-03-31"),
        ("cumbria-pfcc", "pfcc", "2023-04-01", ""),
    ]
    assert {row["force_name"] for row in rows} == {"Cumbria Constabulary"}
    assert len({row["force_id"] for row in read_csv(real_site / "data" / "forces.csv")}) == 43


def test_inspections_and_recommendations_csv(real_site: Path) -> None:
    inspections = {row["inspection_id"]: row for row in read_csv(real_site / "data" / "inspections.csv")}
    assert inspections[PREVENT]["responses_due"] == "2020-05-03"
    assert inspections[TERRORIST]["responses_due"] == "2023-09-13"
    assert (inspections[TERRORIST]["recommendation_count"], inspections[TERRORIST]["recommendations_listed"]) == ("21", "3")
    assert inspections[PREVENT]["report_url"] == ""  # "not stated" in the YAML
    recommendations = read_csv(real_site / "data" / "recommendations.csv")
    seven = next(row for row in recommendations if (row["inspection_id"], row["recommendation"]) == (PREVENT, "7"))
    assert (seven["deadline_words"], seven["deadline_from_publication"], seven["for_every_force"]) == ("With immediate effect", "true", "true")


def test_csv_files_are_rfc_4180_with_the_declared_header(real_site: Path) -> None:
    for table in TABLES:
        raw = (real_site / "data" / table.path).read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf"), "no byte-order mark"
        assert raw.endswith(b"\r\n")
        header = next(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
        assert header == [field.name for field in table.fields]
        assert raw.split(b"\r\n", 1)[0].decode() == ",".join(header)


def test_datapackage_describes_every_csv_with_a_table_schema(real_site: Path) -> None:
    package = json.loads((real_site / "data" / "datapackage.json").read_text("utf-8"))
    assert package["profile"] == "tabular-data-package"
    assert sorted(resource["path"] for resource in package["resources"]) == sorted(CSV_FILES)
    for resource in package["resources"]:
        header = next(csv.reader((real_site / "data" / resource["path"]).open(encoding="utf-8", newline="")))
        assert [field["name"] for field in resource["schema"]["fields"]] == header
        assert all(field["description"] for field in resource["schema"]["fields"])
        assert resource["schema"]["primaryKey"]


def test_datapackage_validates_against_its_own_schema(real_site: Path) -> None:
    report = validate(str(real_site / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])


@pytest.mark.parametrize(
    ("file", "old", "new", "error"),
    [
        ("responses.csv", ",awaiting national lead,", ",awaiting a national lead,", "constraint-error"),
        ("forces.csv", ",2023-04-01,", ",1 April 2023,", "type-error"),
        ("responses.csv", ",norfolk-pcc,", ",norfolk-pfcc,", "foreign-key"),
        ("recommendations.csv", f"{PREVENT},7,", f"{PREVENT},6,", "primary-key"),
    ],
)
def test_datapackage_validation_fails_on_a_corrupted_row(real_site: Path, tmp_path: Path, file: str, old: str, new: str, error: str) -> None:
    data = shutil.copytree(real_site / "data", tmp_path / "data")
    text = (data / file).read_text("utf-8")
    assert old in text
    (data / file).write_bytes(text.replace(old, new, 1).encode("utf-8"))
    report = validate(str(data / "datapackage.json"))
    assert not report.valid
    assert error in {item[0] for item in report.flatten(["type"])}


def test_published_schema_is_the_repository_schema(real_site: Path) -> None:
    assert (real_site / "data" / "register.schema.json").read_text("utf-8") == schema_text()
    assert json.loads(schema_text())["$defs"]["responseFile"]


def test_data_page_documents_every_column_and_download(real_site: Path) -> None:
    soup = BeautifulSoup((real_site / "data" / "index.html").read_text("utf-8"), "html.parser")
    for name in CSV_FILES:
        table = name.removesuffix(".csv")
        header = next(csv.reader((real_site / "data" / name).open(encoding="utf-8", newline="")))
        for column in header:
            row = soup.find("tr", id=f"{table}-{column}")
            assert row is not None, f"{name}: column {column} is not documented"
            assert len(row.find_all("td")[2].get_text(strip=True)) > 10
    links = {a["href"] for a in soup.select("article a")}
    for name in (*CSV_FILES, "register.json", "datapackage.json", "register.schema.json"):
        assert name in links, name
    assert "../feed.xml" in links and "../changelog/" in links
    text = " ".join(soup.select_one("article").get_text(" ").split())
    assert "An empty cell means the register has no value" in text
    assert "answered = false" in text  # the choice to keep unanswered recommendations, documented
    for field in ("answers[].position", "document.url", "bodies[].from", "recommendations[].deadline.month"):
        assert soup.find("code", string=field), field  # register.json fields, from the JSON Schema


def test_data_page_is_in_the_navigation(real_site: Path) -> None:
    soup = BeautifulSoup((real_site / "index.html").read_text("utf-8"), "html.parser")
    nav = {a.get_text(strip=True): a["href"] for a in soup.select("nav.md-nav--primary a.md-nav__link")}
    assert nav["Open data"] == "data/"
    assert nav["Changelog"] == "changelog/"
