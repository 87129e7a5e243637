"""Where the register looked, as the public sees it: every coverage state on the pages and in the open data.

A body's response is transcribed, located, not found (with where the register looked and when)
or not yet looked for. "No response held" is never printed for a body without
one or the other, so no page claims a search that did not happen. The shape fixtures
(tests/fixtures/shapes, see its README) have a coverage file for the final report only: the
inspectorate's page for every body (it showed Staffordshire's), Kent's own page (nothing there)
and Cumbria's site (its response). The interim report has none, so every body without a record
is "not yet looked for". The last tests read the real site, deciding from the data what it must say.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import AS_OF, ROOT, read_csv, write_export
from register.data.coverage import CoverageState
from register.data.load import load_register
from register.data.model import Register
from register.data.standing import standing, standings_for_inspection
from register.site.feed import feed_entries
from register.site.pages import render_site
from register.site.stats import coverage_state
from register.site.wording import long_date

FINAL = "fixture-final-2023"
INTERIM = "fixture-interim-2022"
INSPECTORATE = "https://www.justiceinspectorates.gov.uk/hmicfrs/fixture-final/"
KENT_PAGE = "https://www.kent-pcc.gov.uk/fixture-inspection-responses/"
CUMBRIA_SITE = "https://www.cumbria-pcc.gov.uk/fixture-responses/"
STAFFORDSHIRE_PDF = "https://www.justiceinspectorates.gov.uk/hmicfrs/fixture-final-staffordshire.pdf"
MISSING = "no response held"
AS_OF_DATE = date.fromisoformat(AS_OF)


@pytest.fixture(scope="module")
def real() -> Register:
    return load_register(ROOT, as_of=AS_OF_DATE)


@pytest.fixture(scope="module")
def data(shapes: Register, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The open data of the shapes, as the site publishes it."""
    return write_export(shapes, tmp_path_factory.mktemp("coverage-data"))


def page(site: Path, url: str) -> BeautifulSoup:
    path = site / url.strip("/") / "index.html"
    assert path.is_file(), f"no page at /{url}"
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def words(tag: Tag | None) -> str:
    assert tag is not None
    return " ".join(tag.get_text(" ").split()).replace(" ,", ",").replace(" .", ".").replace(" ;", ";").replace("( ", "(").replace(" )", ")")


def fact(soup: BeautifulSoup, term: str) -> Tag:
    dt = soup.find("dt", string=term)
    assert dt is not None, term
    return dt.find_next_sibling("dd")


def standings_rows(soup: BeautifulSoup) -> dict[str, Tag]:
    """The inspection page's table of where each body stands, by force name: the last cell of each row."""
    return {words(row.td): row.find_all("td")[-1] for row in soup.select("table.register-standings tbody tr")}


def held_items(soup: BeautifulSoup) -> dict[str, Tag]:
    """The inspection page's list of the responses held, by force name: the record and its document."""
    return {words(li.a): li.select_one(".register-meta") for li in soup.select("ul.register-held li")}


def where_words(register: Register, inspection_id: str, force_id: str) -> list[str]:
    return [look.where for look in register.looks(inspection_id, force_id)]


# The inspection page: the counts, the places looked, every body's state -----------------------------


def test_final_report_counts_every_state_near_the_top(shapes_site: Path, shapes: Register) -> None:
    soup = page(shapes_site, f"inspections/{FINAL}/")
    counts = fact(soup, "Coverage")
    assert counts.find_parent("dl")["class"] == ["register-facts"]  # among the first facts of the page
    assert words(counts) == (
        "transcribed 2; located 1; not found 40, looked for on the inspectorate's report page (28 November 2026) "
        "and at 1 other place and in 1 search of public web pages (see where the register looked); not yet looked for 0 (what these mean)"
    )
    assert counts.find("a", string="the inspectorate's report page")["href"] == INSPECTORATE
    assert counts.find("a", string="where the register looked")["href"] == "#where-the-register-looked"
    # true of the data: the same counts as the model's states, one per body
    states = [coverage_state(item) for item in standings_for_inspection(shapes, shapes.inspection(FINAL), AS_OF_DATE)]
    numbers = [int(n) for n in re.findall(r"(?:transcribed|located|not found|not yet looked for) (\d+)", words(counts))]
    assert numbers == [states.count(state) for state in CoverageState] and sum(numbers) == 43


def test_final_report_lists_every_place_looked_with_its_day_and_what_it_showed(shapes_site: Path) -> None:
    soup = page(shapes_site, f"inspections/{FINAL}/")
    assert soup.find("h2", id="where-the-register-looked") is not None
    items = soup.select("ul.register-looked > li")
    assert [words(li) for li in items] == [
        "the inspectorate's report page (28 November 2026), for every body: showed the response for Staffordshire Police. The page links one commissioner's response.",
        "the body's page of inspection responses (27 November 2026), for Kent Police and Crime Commissioner: showed no response.",
        "the body's site (26 November 2026), for Cumbria Police and Crime Commissioner: showed its response.",
        "a search of public web pages (25 November 2026), for Lancashire Police and Crime Commissioner: showed no response. "
        "No page of the body's listing its responses could be reached. The words searched for (2 searches) "
        "Lancashire police and crime commissioner response fixture final report Lancashire commissioner section 55 fixture final",
    ]  # newest first
    assert [li.a["href"] for li in items[:3]] == [INSPECTORATE, KENT_PAGE, CUMBRIA_SITE]
    assert items[3].a is None  # a search has no address to link
    searched = items[3].find("details")
    assert searched.summary.get_text() == "The words searched for (2 searches)"
    assert [li.get_text() for li in searched.select("li")] == [
        "Lancashire police and crime commissioner response fixture final report",
        "Lancashire commissioner section 55 fixture final",
    ]
    assert items[2].find("a", string="its response")["href"] == f"../../responses/{FINAL}/cumbria/"


def test_a_place_that_showed_a_document_that_is_not_the_response_says_so(shapes: Register) -> None:
    """Were Norfolk's press statement linked from the inspectorate's page, the page showed a document, not Norfolk's response."""
    coverage = shapes.coverage[FINAL]
    first = replace(coverage.looked[0], found=("staffordshire", "norfolk"))
    register = Register(shapes.forces, shapes.inspections, shapes.responses, shapes.transcripts, {**shapes.coverage, FINAL: replace(coverage, looked=(first, *coverage.looked[1:]))})
    url = f"inspections/{FINAL}/"
    (rendered,) = [file for file in render_site(register, AS_OF_DATE, only=lambda each: each == url) if file.src_uri == url + "index.md"]
    soup = BeautifulSoup(rendered.content, "html.parser")
    assert words(soup.select_one("ul.register-looked li")) == (
        "the inspectorate's report page (28 November 2026), for every body: showed the response for Staffordshire Police; "
        "and a document for Norfolk Constabulary that the register does not count as a response. The page links one commissioner's response."
    )
    norfolk = next(row for row in soup.select("table.register-standings tbody tr") if words(row.td) == "Norfolk Constabulary")
    assert words(norfolk.find_all("td")[-1]).startswith("not found on the inspectorate's report page; the register holds a document")


def test_final_report_shows_each_bodys_coverage_in_its_row(shapes_site: Path) -> None:
    soup = page(shapes_site, f"inspections/{FINAL}/")
    rows = standings_rows(soup)
    # Kent: not found on the inspectorate's page (its day is above, once) nor on its own page, with that day
    kent = rows["Kent Police"]
    assert words(kent) == "not found on the inspectorate's report page, nor on the body's page of inspection responses (27 November 2026)"
    assert kent.find("a", string="the body's page of inspection responses")["href"] == KENT_PAGE
    assert "28 November 2026" in words(fact(soup, "Coverage")) and "28 November 2026" in words(soup.select_one("ul.register-looked li"))
    # Essex: only the inspectorate's page would have shown it
    assert words(rows["Essex Police"]) == "not found on the inspectorate's report page"
    # Staffordshire: located, with the link to the document and the day it was seen there, among the responses held
    held = held_items(soup)
    assert "Staffordshire Police" not in rows and "Cumbria Constabulary" not in rows  # each body once: held, or in the table
    staffordshire = held["Staffordshire Police"]
    assert words(staffordshire) == "Located: kind not stated, dated 20 February 2023; the document (28 November 2026)"
    assert staffordshire.find("a", string="the document")["href"] == STAFFORDSHIRE_PDF
    assert staffordshire.a["href"] == f"../../responses/{FINAL}/staffordshire/"
    # Cumbria: transcribed
    assert words(held["Cumbria Constabulary"]) == "Transcribed: response form, published 1 February 2023"
    # Norfolk's press statement is not its response: the response was not found where the register looked
    assert words(rows["Norfolk Constabulary"]).startswith("not found on the inspectorate's report page; the register holds a document (press statement)")
    # the one place that covers every body is linked once, above, not in 40 rows
    assert soup.select(f"table.register-standings a[href='{INSPECTORATE}']") == []


def test_interim_report_says_not_yet_looked_for_where_no_look_covers_a_body(shapes_site: Path, shapes: Register) -> None:
    soup = page(shapes_site, f"inspections/{INTERIM}/")
    assert words(fact(soup, "Coverage")) == "transcribed 1; located 0; not found 0; not yet looked for 42 (what these mean)"
    looked = soup.find("h2", id="where-the-register-looked").find_next_sibling("p")
    assert words(looked) == "The register has not yet recorded looking for the responses to this report anywhere: every body whose response it does not hold is “not yet looked for”."
    assert soup.select("ul.register-looked") == []
    rows, held = standings_rows(soup), held_items(soup)
    for item in standings_for_inspection(shapes, shapes.inspection(INTERIM), AS_OF_DATE):
        if item.response is None:
            assert words(rows[item.force.name]) == "not yet looked for", item.force.id
        else:
            assert words(held[item.force.name]).startswith("Transcribed: "), item.force.id
    assert "not found" not in words(soup.select_one("table.register-standings"))
    assert f"{MISSING} 42 (not yet looked for: 42)" in words(soup.find("h2", id="where-each-body-stands").find_next_sibling("p"))


def test_chart_caption_says_where_the_bodies_without_a_response_stand(shapes_site: Path) -> None:
    final = words(page(shapes_site, f"inspections/{FINAL}/").select_one("figure.register-chart figcaption"))
    assert "40 bodies have no response in the register: not found 40." in final  # not drawn, but counted in words
    interim = words(page(shapes_site, f"inspections/{INTERIM}/").select_one("figure.register-chart figcaption"))
    assert "42 bodies have no response in the register: not yet looked for 42." in interim


# The located response's page --------------------------------------------------------------------------


def test_located_response_leads_with_a_link_to_the_document(shapes_site: Path) -> None:
    soup = page(shapes_site, f"responses/{FINAL}/staffordshire/")
    article = soup.select_one("article")
    source = article.select_one(".register-source")
    assert source is not None
    order = list(article.descendants)
    assert order.index(source) < order.index(article.select_one("dl.register-facts"))  # before every fact: first after the title
    link = source.select_one(".register-source__link a")
    assert link["href"] == STAFFORDSHIRE_PDF and words(link) == "Read the document at its source"
    assert words(source.select_one(".register-source__link")) == "Read the document at its source (www.justiceinspectorates.gov.uk, seen there on 28 November 2026)"
    assert "has located this document but not transcribed it" in words(source)
    found = fact(soup, "Found by the register")
    assert words(found) == "on the inspectorate's report page (28 November 2026); see where the register looked"
    assert found.a["href"] == INSPECTORATE
    # a transcribed response has no such box: its words are on the page
    assert page(shapes_site, f"responses/{FINAL}/cumbria/").select_one(".register-source") is None
    assert words(fact(page(shapes_site, f"responses/{FINAL}/cumbria/"), "Found by the register")).startswith("on the body's site (26 November 2026)")


def test_located_response_shows_the_registers_reading_of_its_copy_as_the_registers(shapes: Register) -> None:
    located = shapes.response(FINAL, "staffordshire")
    reading = "Answers recommendation 1 <b>and</b> accepts it."
    changed = replace(located, reading_of_copy=reading)
    register = Register(shapes.forces, shapes.inspections, tuple(changed if r.key == located.key else r for r in shapes.responses), shapes.transcripts, shapes.coverage)
    url = f"responses/{FINAL}/staffordshire/"
    (rendered,) = [file for file in render_site(register, AS_OF_DATE, only=lambda each: each == url) if file.src_uri == url + "index.md"]
    source = BeautifulSoup(rendered.content, "html.parser").select_one(".register-source")
    shown = source.select_one(".register-reading-of-copy")
    assert words(shown) == f"The register's reading of the copy, in its own words, not the document's: {reading}"  # escaped, never markup
    assert shown.find("b") is None and shown.find("q") is None and shown.find("blockquote") is None  # not quoted as the document's words


def test_a_document_that_is_not_the_response_says_where_the_response_was_not_found(shapes_site: Path) -> None:
    timeliness = words(fact(page(shapes_site, f"responses/{FINAL}/norfolk/"), "Timeliness"))
    assert timeliness == f"{MISSING.capitalize()}, as of 1 December 2026; the body's response: not found on the inspectorate's report page (28 November 2026)"
    responses = page(shapes_site, f"responses/{FINAL}/")
    row = next(tr for tr in responses.select("table.register-responses tbody tr") if "Norfolk" in words(tr.td))
    assert words(row.find_all("td")[-1]) == f"{MISSING.capitalize()}; the body's response: not found on the inspectorate's report page (28 November 2026)"


# Recommendation pages, force pages, the matrix and the home page ----------------------------------------


def test_recommendation_page_lists_bodies_without_a_response_with_where_and_when(shapes_site: Path) -> None:
    soup = page(shapes_site, f"inspections/{FINAL}/recommendations/1/")
    heading = soup.find("h2", id="no-response-held")
    intro = " ".join(heading.find_next_sibling("p").get_text().split())
    assert intro.startswith("40 bodies have no response in the register: not found 40.")
    groups = {" ".join(li.get_text().split()).split(":")[0]: li for li in soup.select("ul.register-missing > li")}

    def group_of(force_id: str) -> str:
        return next(label for label, li in groups.items() if li.find("a", id=force_id))

    # Kent was looked for on the report page and on its own page: its group says both, with the days, and links its page.
    kent = group_of("kent")
    assert kent == (
        "Not found, 1 body (looked on the inspectorate's report page, 28 November 2026; on the body's page of inspection responses, 27 November 2026)"
    )
    assert [a["href"] for a in groups[kent].find_all("a", href=re.compile("^https"))] == [INSPECTORATE, KENT_PAGE]
    assert group_of("essex").startswith("Not found, 38 bodies (looked on the inspectorate's report page, 28 November 2026)")
    assert "not found 40" in words(soup.find("h2", id="positions-taken").find_next_sibling("p").find_next_sibling("p"))
    interim = page(shapes_site, f"inspections/{INTERIM}/recommendations/1/")
    (only,) = interim.select("ul.register-missing > li")
    assert " ".join(only.get_text().split()).startswith("Not yet looked for, 42 bodies: ") and only.find("a", id="kent")
    assert " ".join(interim.find("h2", id="no-response-held").find_next_sibling("p").get_text().split()).startswith(
        "42 bodies have no response in the register: not yet looked for 42."
    )


def test_force_page_gives_each_inspections_coverage(shapes_site: Path, shapes: Register) -> None:
    soup = page(shapes_site, "forces/kent/")
    cells = {words(row.td): row.find_all("td")[-1] for row in soup.select("table.register-force-responses tbody tr")}
    assert words(cells["Fixture final report"]) == (
        "not found on the inspectorate's report page (28 November 2026) or on the body's page of inspection responses (27 November 2026)"
    )
    assert [a["href"] for a in cells["Fixture final report"].find_all("a")] == [INSPECTORATE, KENT_PAGE]
    assert words(cells["Fixture interim report"]) == "not yet looked for"
    counts = {words(row.find_all("td")[0]): words(row.find_all("td")[1]) for row in soup.select("table.register-record-counts tbody tr")}
    expected = [coverage_state(standing(shapes, inspection, shapes.force("kent"), AS_OF_DATE)) for inspection in shapes.inspections if inspection.expects("kent")]
    assert counts["of which not found where the register looked"] == str(expected.count(CoverageState.NOT_FOUND))
    assert counts["of which not yet looked for"] == str(expected.count(CoverageState.NOT_LOOKED))
    staffordshire = page(shapes_site, "forces/staffordshire/")
    located = next(row for row in staffordshire.select("table.register-force-responses tbody tr") if words(row.td) == "Fixture final report")
    assert words(located.find_all("td")[-1]) == "located: kind not stated; the document (28 November 2026)"
    assert located.find("a", string="the document")["href"] == STAFFORDSHIRE_PDF


def test_matrix_cells_say_where_and_when_or_not_yet_looked_for(shapes_site: Path) -> None:
    soup = page(shapes_site, "timeliness/")
    columns = [words(th.a) for th in soup.select("table.register-matrix thead th")[1:]]
    rows = {words(tr.th): dict(zip(columns, tr.find_all("td"))) for tr in soup.select("table.register-matrix tbody tr")}
    kent = rows["Kent Police"]
    assert words(kent["Fixture final report"]) == (
        "– no response held; not found on the inspectorate's report page (28 November 2026) "
        "or on the body's page of inspection responses (27 November 2026)"
    )
    assert "none identified" not in words(kent["Fixture final report"])  # one wording, seen and heard alike
    assert words(kent["Fixture interim report"]).endswith("; not yet looked for")
    assert words(rows["Essex Police"]["Fixture final report"]).endswith("; not found on the inspectorate's report page (28 November 2026)")
    legend = next(words(dt.find_next_sibling("dd")) for dt in soup.select("dl.register-legend dt") if MISSING in words(dt))
    assert "the table says so, then where the register looked and on what day (“not found on …”), or “not yet looked for” where it has not looked" in legend


def test_home_and_index_pages_split_the_bodies_without_a_response(shapes_site: Path, shapes: Register) -> None:
    standings = [item for inspection in shapes.inspections for item in standings_for_inspection(shapes, inspection, AS_OF_DATE)]
    states = [coverage_state(item) for item in standings]
    missing = [coverage_state(item) for item in standings if item.timeliness.status.value == MISSING]
    text = words(page(shapes_site, "").select_one("article"))
    assert (
        f"{MISSING} {len(missing)} (not found where the register looked: {missing.count(CoverageState.NOT_FOUND)}; "
        f"not yet looked for: {missing.count(CoverageState.NOT_LOOKED)})"
    ) in text
    assert "How far the register has got in finding the responses (what this means): " + "; ".join(
        f"{state.value} {states.count(state)}" for state in CoverageState
    ) in text
    index = {words(row.td): words(row.find_all("td")[-1]) for row in page(shapes_site, "inspections/").select("table.register-inspections tbody tr")}
    assert f"{MISSING}: 40 (not found where the register looked: 40)" in index["Fixture final report"]
    assert f"{MISSING}: 42 (not yet looked for: 42)" in index["Fixture interim report"]


# No page claims a look that did not happen --------------------------------------------------------------


def test_no_page_says_no_response_identified_without_where_or_not_yet_looked_for(shapes_site: Path) -> None:
    """Every block that prints the label also says where the register looked and when, or that it has
    not yet looked (or sits beside rows or a caption that split the count so)."""
    generated = [path for path in shapes_site.rglob("*.html") if path.relative_to(shapes_site).parts[0] in ("inspections", "forces", "responses", "timeliness", "index.html")]
    assert len(generated) > 20
    coverage = re.compile(r"not yet looked for|not found (on|in) |not found where the register looked|did not find|has not yet looked|where the register looked")
    checked = 0
    for path in generated:
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        article = soup.select_one("article")
        for text in article.find_all(string=re.compile(MISSING, re.IGNORECASE)):
            block = text.find_parent(["li", "tr", "dt", "dd", "p", "h2", "figure", "table"])
            assert block is not None, f"{path.relative_to(shapes_site)}: {text.parent}"
            context = words(block)
            if block.name == "dt":  # a term is defined beside it
                context = words(block.find_next_sibling("dd"))
            elif block.name == "tr" and block.find_parent("thead"):  # the chart table's column: its caption splits the count
                context = words(block.find_parent("table").find_previous_sibling("figure"))
            elif block.name == "tr":  # a count row is followed by its split
                following = block.find_next_sibling("tr")
                context += " " + (words(following) if following else "")
            elif block.name == "h2":  # a heading is followed by the sentence that says where
                context = words(block.find_next_sibling("p"))
            assert coverage.search(context), f"{path.relative_to(shapes_site)}: {context[:300]}"
            checked += 1
    assert checked > 100


@pytest.mark.parametrize("inspection_id", [FINAL, INTERIM, "fixture-counts-only-2022"])
def test_every_body_without_a_response_is_shown_as_the_data_says(shapes_site: Path, shapes: Register, inspection_id: str) -> None:
    """Read from the data: a body no look covers is "not yet looked for", never "not found"; one a look covers names each place."""
    inspection = shapes.inspection(inspection_id)
    rows = standings_rows(page(shapes_site, f"inspections/{inspection_id}/"))
    matrix = page(shapes_site, "timeliness/")
    column = [words(th.a) for th in matrix.select("table.register-matrix thead th")[1:]].index(inspection.title)
    cells = {words(tr.th): tr.find_all("td")[column] for tr in matrix.select("table.register-matrix tbody tr")}
    for item in standings_for_inspection(shapes, inspection, AS_OF_DATE):
        if item.response is not None and item.response.section_55.counts:
            continue
        places = where_words(shapes, inspection_id, item.force.id)
        shown = [words(rows[item.force.name])]
        if item.timeliness.status.value == MISSING:
            shown.append(words(cells[item.force.name]))
        for text in shown:
            if not places:
                assert text.startswith("not yet looked for") or text.endswith("not yet looked for"), (item.force.id, text)
                assert "not found" not in text
            else:
                assert "not found" in text and "not yet looked for" not in text, (item.force.id, text)
                assert all(where in text for where in places), (item.force.id, text)


# The open data ------------------------------------------------------------------------------------------


def test_coverage_csv_has_a_row_for_every_inspection_and_body(data: Path, shapes: Register) -> None:
    rows = read_csv(data / "coverage.csv")
    expected = [(inspection.id, force.id) for inspection in shapes.inspections for force in shapes.respondents(inspection)]
    assert [(row["inspection_id"], row["force_id"]) for row in rows] == expected
    by_key = {(row["inspection_id"], row["force_id"]): row for row in rows}
    kent = by_key[(FINAL, "kent")]
    assert kent["state"] == "not found" and kent["body_id"] == "kent-pcc"
    assert kent["looked_where"] == "the inspectorate's report page; the body's page of inspection responses"
    assert kent["looked_urls"] == f"{INSPECTORATE}; {KENT_PAGE}"
    assert (kent["looked_on"], kent["last_looked"]) == ("2026-11-28; 2026-11-27", "2026-11-28")
    assert kent["found_at"] == kent["record"] == kent["document_url"] == ""
    essex = by_key[(FINAL, "essex")]
    assert (essex["state"], essex["looked_where"], essex["looked_on"]) == ("not found", "the inspectorate's report page", "2026-11-28")
    staffordshire = by_key[(FINAL, "staffordshire")]
    assert (staffordshire["state"], staffordshire["record"], staffordshire["found_at"]) == ("located", "located", INSPECTORATE)
    assert (staffordshire["document_url"], staffordshire["document_checked"]) == (STAFFORDSHIRE_PDF, "2026-11-28")
    cumbria = by_key[(FINAL, "cumbria")]
    assert (cumbria["state"], cumbria["found_at"], cumbria["looked_on"]) == ("transcribed", CUMBRIA_SITE, "2026-11-28; 2026-11-26")
    norfolk = by_key[(FINAL, "norfolk")]
    assert (norfolk["state"], norfolk["record"], norfolk["section_55_reading"], norfolk["found_at"]) == ("not found", "transcribed", "not the body's response", "")
    lancashire = by_key[(FINAL, "lancashire")]
    assert lancashire["looked_where"] == "the inspectorate's report page; a search of public web pages"
    assert lancashire["looked_urls"] == f"{INSPECTORATE}; "  # item for item: a search has no address
    assert lancashire["searched_for"] == '"Lancashire police and crime commissioner response fixture final report"; "Lancashire commissioner section 55 fixture final"'
    assert kent["searched_for"] == ""
    interim = by_key[(INTERIM, "essex")]
    assert (interim["state"], interim["looked_where"], interim["last_looked"]) == ("not yet looked for", "", "")
    assert by_key[(INTERIM, "cumbria")]["state"] == "transcribed"
    assert {row["page"] for row in rows if row["inspection_id"] == FINAL} == {f"inspections/{FINAL}/"}


def test_coverage_table_is_declared_in_the_package(data: Path) -> None:
    package = json.loads((data / "datapackage.json").read_text("utf-8"))
    resource = next(item for item in package["resources"] if item["name"] == "coverage")
    schema = resource["schema"]
    assert schema["primaryKey"] == ["inspection_id", "force_id"]
    assert {key["reference"]["resource"] for key in schema["foreignKeys"]} == {"inspections", "forces"}
    fields = {field["name"]: field for field in schema["fields"]}
    assert fields["state"]["constraints"]["enum"] == ["transcribed", "located", "not found", "not yet looked for"]
    assert fields["last_looked"]["type"] == "date"


def test_register_json_carries_the_places_and_each_bodys_state(data: Path) -> None:
    document = json.loads((data / "register.json").read_text("utf-8"))
    inspections = {item["id"]: item for item in document["inspections"]}
    final = inspections[FINAL]
    assert [look["url"] for look in final["looked"]] == [INSPECTORATE, KENT_PAGE, CUMBRIA_SITE, None]  # as in the file
    assert final["looked"][3]["searched_for"] == ["Lancashire police and crime commissioner response fixture final report", "Lancashire commissioner section 55 fixture final"]
    assert final["looked"][0] == {
        "where": "the inspectorate's report page",
        "url": INSPECTORATE,
        "searched_for": None,
        "checked": "2026-11-28",
        "for": "all bodies",
        "found": ["staffordshire"],
        "note": "The page links one commissioner's response.",
    }
    assert final["looked"][1]["for"] == ["kent"] and final["looked"][1]["found"] == []
    standings = {item["force"]: item["coverage"] for item in final["standings"]}
    assert standings["kent"] == {"state": "not found", "looks": [0, 1], "last_looked": "2026-11-28"}
    assert standings["staffordshire"] == {"state": "located", "looks": [0], "last_looked": "2026-11-28"}
    assert standings["norfolk"]["state"] == "not found"
    interim = inspections[INTERIM]
    assert interim["looked"] == []
    assert {item["coverage"]["state"] for item in interim["standings"]} == {"not yet looked for", "transcribed"}
    assert all(item["coverage"]["looks"] == [] and item["coverage"]["last_looked"] is None for item in interim["standings"])


def test_data_page_documents_the_coverage_table_and_file(data: Path, shapes: Register) -> None:
    soup = BeautifulSoup((data / "index.md").read_text("utf-8"), "html.parser")
    for column in ("state", "looked_where", "looked_on", "last_looked", "found_at"):
        assert soup.find("tr", id=f"coverage-{column}") is not None, column
    assert soup.find("a", href="coverage.csv") is not None
    text = " ".join(soup.get_text(" ").split())
    states = [coverage_state(item) for inspection in shapes.inspections for item in standings_for_inspection(shapes, inspection, AS_OF_DATE)]
    assert (
        f"For each of the {len(states)} pairs of an inspection and a body called on to respond, standings.csv says where the body stands "
        "(its coverage state and its timeliness, with a link to the response where the register holds one) and coverage.csv says where the register looked: "
        f"{states.count(CoverageState.TRANSCRIBED)} transcribed, {states.count(CoverageState.LOCATED)} located, "
        f"{states.count(CoverageState.NOT_FOUND)} not found where the register looked (with the places and the days), and {states.count(CoverageState.NOT_LOOKED)} not yet looked for."
    ) in text
    assert states.count(CoverageState.NOT_FOUND) == 40 and states.count(CoverageState.LOCATED) == 1
    formats = BeautifulSoup((data / "formats" / "index.md").read_text("utf-8"), "html.parser")
    for name in ("where", "searched_for", "checked", "for", "found"):
        assert formats.find("code", string=name), name  # the coverage file's fields, from the JSON Schema


# The feed -----------------------------------------------------------------------------------------------


def test_feed_says_where_a_response_was_not_found(shapes: Register) -> None:
    entry = next(entry for entry in feed_entries(shapes, AS_OF_DATE, limit=None) if entry.link == f"responses/{FINAL}/norfolk/")
    assert f"The register looked for the body's response on the inspectorate's report page (28 November 2026, {INSPECTORATE}) and did not find it." in entry.summary
    assert entry.summary.endswith(f"Timeliness as of 1 December 2026: {MISSING}.")


# The real site: what it says follows the data, before and after the coverage files are added -------------


def test_real_inspection_pages_say_what_the_data_records(real_site: Path, real: Register) -> None:
    for inspection in real.inspections:
        soup = page(real_site, f"inspections/{inspection.id}/")
        rows, held = standings_rows(soup), held_items(soup)
        states = []
        for item in standings_for_inspection(real, inspection, AS_OF_DATE):
            state = coverage_state(item)
            states.append(state)
            if item.force.name in held:  # a response held is listed once, above the table
                assert item.force.name not in rows and state in (CoverageState.TRANSCRIBED, CoverageState.LOCATED), (inspection.id, item.force.id)
                assert words(held[item.force.name]).startswith(state.value.capitalize() + ": "), (inspection.id, item.force.id)
                continue
            cell = words(rows[item.force.name])
            if state is CoverageState.NOT_LOOKED:
                assert cell.startswith("not yet looked for"), (inspection.id, item.force.id, cell)
            elif state is CoverageState.NOT_FOUND:
                assert cell.startswith("not found ") and all(look.where in cell for look in real.looks(inspection.id, item.force.id) if not look.for_all)
            else:
                assert cell.startswith(state.value + ": "), (inspection.id, item.force.id, cell)
        counts = words(fact(soup, "Coverage"))
        for state in CoverageState:
            assert re.search(rf"\b{state.value} {states.count(state)}\b", counts), (state, counts)
        looked = real.coverage.get(inspection.id)
        assert len(soup.select("ul.register-looked > li")) == (len(looked.looked) if looked else 0)


def test_real_matrix_never_says_none_identified_without_coverage(real_site: Path, real: Register) -> None:
    soup = page(real_site, "timeliness/")
    titles = [words(th.a) for th in soup.select("table.register-matrix thead th")[1:]]
    by_title = {inspection.title: inspection for inspection in real.inspections}
    for tr in soup.select("table.register-matrix tbody tr"):
        force = next(force for force in real.forces if force.name == words(tr.th))
        for title, cell in zip(titles, tr.find_all("td")):
            if cell.get("data-timeliness") != MISSING:
                continue
            inspection = by_title[title]
            looks = real.looks(inspection.id, force.id)
            text = words(cell)
            if looks:
                assert all(f"{look.where} ({long_date(look.checked)})" in text for look in looks), text
            else:
                assert text.endswith("; not yet looked for"), text


# The inspectorate's announcement: a link for readers, never called the report ----------------------------

ANNOUNCED = "https://www.justiceinspectorates.gov.uk/hmicfrs/media/fixture-counts-only-announced/"


def test_an_announcement_is_linked_and_never_called_the_report(shapes_site: Path) -> None:
    soup = page(shapes_site, "inspections/fixture-counts-only-2022/")
    assert words(fact(soup, "Report")) == "web address not stated in the register's sources"
    announced = fact(soup, "Announced")
    assert announced.a["href"] == ANNOUNCED
    assert words(announced) == "the inspectorate's announcement of the report (www.justiceinspectorates.gov.uk, checked 29 November 2026); it is not the report"
    assert page(shapes_site, f"inspections/{INTERIM}/").find("dt", string="Announced") is None  # none recorded


def test_the_open_data_carries_the_announcement_apart_from_the_report(data: Path) -> None:
    rows = {row["inspection_id"]: row for row in read_csv(data / "inspections.csv")}
    counts_only = rows["fixture-counts-only-2022"]
    assert (counts_only["report_url"], counts_only["announcement_url"], counts_only["announcement_checked"]) == ("", ANNOUNCED, "2026-11-29")
    assert rows[INTERIM]["announcement_url"] == rows[INTERIM]["announcement_checked"] == ""
    document = json.loads((data / "register.json").read_text("utf-8"))
    inspections = {item["id"]: item for item in document["inspections"]}
    assert inspections["fixture-counts-only-2022"]["announcement"] == {"url": ANNOUNCED, "checked": "2026-11-29"}
    assert inspections[INTERIM]["announcement"] is None
