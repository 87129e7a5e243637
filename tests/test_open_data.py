"""Open data people can open (issue 13, point 8): a standings CSV of every inspection × body,
licence, version and last-updated date in the data package, schema.org Dataset metadata on the
/data/ page (a data block the Content-Security-Policy allows), and a data dictionary that folds."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import test_browser
from bs4 import BeautifulSoup
from conftest import AS_OF, ROOT, read_csv, shapes_data, write_export
from frictionless import validate
from register.data.load import load_register
from register.data.standing import standings_for_inspection
from register.site.csvtext import BYTE_ORDER_MARK
from register.site.export import TABLES, _json_ld

# The browser tests' fixtures: a fresh 1280-pixel context whose requests to other hosts are refused, and its page.
context = test_browser.context
page = test_browser.page

OGL = {"name": "OGL-UK-3.0", "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/", "title": "Open Government Licence v3.0"}


@pytest.fixture(scope="module")
def register():
    return load_register(ROOT, as_of=date.fromisoformat(AS_OF))


@pytest.fixture(scope="module")
def data(register, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_export(register, tmp_path_factory.mktemp("open-data"))


def test_standings_csv_has_one_row_per_inspection_and_force_and_opens_with_a_byte_order_mark(data: Path, register) -> None:
    raw = (data / "standings.csv").read_bytes()
    assert raw.startswith(BYTE_ORDER_MARK.encode("utf-8")) and not raw[3:].startswith(BYTE_ORDER_MARK.encode("utf-8"))
    rows = read_csv(data / "standings.csv")
    expected = [(inspection.id, force.id) for inspection in register.inspections for force in register.respondents(inspection)]
    assert [(row["inspection_id"], row["force_id"]) for row in rows] == expected
    assert len(rows) == sum(len(register.respondents(inspection)) for inspection in register.inspections)
    as_of = date.fromisoformat(AS_OF)
    by_key = {(row["inspection_id"], row["force_id"]): row for row in rows}
    for inspection in register.inspections:
        for item in standings_for_inspection(register, inspection, as_of):
            row = by_key[(inspection.id, item.force.id)]
            assert row["state"] == item.coverage.state.value
            assert row["timeliness"] == item.timeliness.status.value
            assert row["body_id"] == (item.body.id if item.body else "")
            held = item.response is not None and item.response.section_55.counts
            assert bool(row["response_page"]) == held
            if held:
                assert row["response_page"] == f"responses/{inspection.id}/{item.force.id}/"
    assert "Management of terrorist offenders in the wake of terrorist attacks" in {row["inspection_title"] for row in rows}


def test_standings_csv_is_in_the_package_and_described_on_the_data_page(data: Path) -> None:
    package = json.loads((data / "datapackage.json").read_text("utf-8"))
    standings = next(resource for resource in package["resources"] if resource["name"] == "standings")
    assert standings["path"] == "standings.csv" and standings["schema"]["primaryKey"] == ["inspection_id", "force_id"]
    text = " ".join(BeautifulSoup((data / "index.md").read_text("utf-8"), "html.parser").get_text(" ").split())
    assert "**standings.csv** has one row for every inspection and every body called on to respond, held or not" in text


def test_datapackage_has_a_licence_a_version_and_the_as_of_date(data: Path, tmp_path: Path) -> None:
    package = json.loads((data / "datapackage.json").read_text("utf-8"))
    assert package["licenses"] == [OGL]
    assert package["lastUpdated"] == AS_OF  # the register's as-of date, never the day of the build
    version = package["version"]
    assert version.startswith("2026.12.1+") and len(version.split("+")[1]) == 12
    report = validate(str(data / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])
    # the same data gives the same version; other data another
    again = write_export(load_register(ROOT, as_of=date.fromisoformat(AS_OF)), tmp_path / "again")
    assert json.loads((again / "datapackage.json").read_text("utf-8"))["version"] == version
    shapes_data(tmp_path / "shapes" / "data")
    other = write_export(load_register(tmp_path / "shapes", as_of=date.fromisoformat(AS_OF)), tmp_path / "other")
    assert json.loads((other / "datapackage.json").read_text("utf-8"))["version"] != version


def dataset(site: Path) -> dict:
    soup = BeautifulSoup((site / "data" / "index.html").read_text("utf-8"), "html.parser")
    blocks = soup.select('script[type="application/ld+json"]')
    assert len(blocks) == 1
    return json.loads(blocks[0].string)


def test_data_page_describes_the_dataset_in_json_ld_with_every_download(real_site: Path) -> None:
    found = dataset(real_site)
    assert found["@context"] == "https://schema.org" and found["@type"] == "Dataset"
    assert found["license"] == OGL["path"]
    assert found["dateModified"] == AS_OF
    assert found["name"] and found["description"]
    soup = BeautifulSoup((real_site / "data" / "index.html").read_text("utf-8"), "html.parser")
    downloads = [a["href"] for a in soup.select("table.register-downloads tbody tr td:first-child a")]
    assert sorted(item["contentUrl"] for item in found["distribution"]) == sorted(downloads)
    assert {f"{table.name}.csv" for table in TABLES} <= set(downloads) and "register.json" in downloads
    for item in found["distribution"]:
        assert item["@type"] == "DataDownload"
        assert (real_site / "data" / item["contentUrl"]).is_file(), item["contentUrl"]
        assert item["encodingFormat"] == ("text/csv" if item["contentUrl"].endswith(".csv") else item["encodingFormat"])
        assert item["encodingFormat"] in ("text/csv", "application/json", "application/schema+json")


def test_json_ld_cannot_end_its_script_block() -> None:
    """A title holding "</script>" would end the data block early: it is written as JSON escapes."""
    text = _json_ld({"name": "</script><script>alert(1)</script> & more"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["name"] == "</script><script>alert(1)</script> & more"


@pytest.mark.browser
def test_data_page_json_ld_reports_no_content_security_policy_violation(site_url: str, page) -> None:
    page.add_init_script(
        "window.__violations = []; document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(site_url + "data/")
    page.wait_for_load_state("load")
    assert page.evaluate("JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)['@type']") == "Dataset"
    assert page.evaluate("window.__violations") == []
    assert not [text for text in messages if "Content Security Policy" in text]
    # the listener does hear a violation: an inline script, which the policy refuses, is reported
    page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.ran = true'; document.body.appendChild(s); }")
    page.wait_for_function("window.__violations.length > 0")
    assert page.evaluate("window.ran") is None


@pytest.mark.browser
def test_data_dictionary_folds_per_table_and_is_navigable_on_a_phone(browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        for url, count in (("data/formats/", 5), ("data/", len(TABLES))):
            page.goto(site_url + url)
            assert page.locator("article details.register-fields-details").count() == count, url
            assert page.locator("article details[open]").count() == 0
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, url
            folded = page.evaluate("document.documentElement.scrollHeight")
            page.locator("article details.register-fields-details > summary").first.click()
            assert page.locator("article details.register-fields-details table").first.is_visible()
            assert page.evaluate("document.documentElement.scrollHeight") > folded
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, url
        page.goto(site_url + "data/formats/")
        assert page.evaluate("document.documentElement.scrollHeight") < 8000  # the whole dictionary was some 15,000 pixels
        page.goto(site_url + "data/#standings-csv")
        assert page.locator("#standings-csv").is_visible()  # a table's heading stays outside its fold, so links to it land
    finally:
        context.close()
