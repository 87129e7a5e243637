"""The public pages of records known only in part: every shape in tests/fixtures/shapes, built with the
real templates by the real MkDocs, read back as HTML.

Each sentence the register writes in its own voice must be true of the data where a fact is unknown:
an inspection known by its counts says how many recommendations it makes and that none is listed,
never "0 recommendations"; a located record shows its copy and when it was checked, and no words; a
press statement that is not the body's response is shown but counted nowhere. The fixtures are
fictional (see tests/fixtures/shapes/README.md); the last tests read the real seed pages.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import AS_OF
from register.data.model import Register, Section55
from register.site.pages import render_site

COUNTS_ONLY = "fixture-counts-only-2022"
INTERIM = "fixture-interim-2022"
FINAL = "fixture-final-2023"
TERRORIST = "management-of-terrorist-offenders-2023"


@pytest.fixture(scope="module")
def site(shapes_site: Path) -> Path:
    return shapes_site


def page(site: Path, url: str) -> BeautifulSoup:
    path = site / url.strip("/") / "index.html"
    assert path.is_file(), f"no page at /{url}"
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def words(tag: Tag | None) -> str:
    assert tag is not None
    return " ".join(tag.get_text(" ").split())


def article(soup: BeautifulSoup) -> str:
    return words(soup.select_one("article"))


def fact(soup: BeautifulSoup, term: str, within: Tag | None = None) -> str:
    """The text of the definition for ``term`` (the first on the page, or within ``within``)."""
    dt = (within or soup).find("dt", string=term)
    assert dt is not None, term
    return words(dt.find_next_sibling("dd"))


def section(soup: BeautifulSoup, heading_id: str) -> list[Tag]:
    """The elements after the h2 with ``heading_id`` up to the next h2."""
    heading = soup.find("h2", id=heading_id)
    assert heading is not None, heading_id
    out = []
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            break
        out.append(sibling)
    return out


def section_text(soup: BeautifulSoup, heading_id: str) -> str:
    return " ".join(words(tag) for tag in section(soup, heading_id))


def headings(soup: BeautifulSoup, heading_id: str) -> list[str]:
    return [words(tag).removesuffix("¶").strip() for tag in section(soup, heading_id) if tag.name == "h3"]


def table_rows(table: Tag) -> dict[str, str]:
    return {words(row.th): words(row.td) for row in table.select("tbody tr")}


# An inspection known only by its counts ------------------------------------------------------------


def test_counts_only_inspection_says_what_it_knows_and_no_more(site: Path) -> None:
    soup = page(site, f"inspections/{COUNTS_ONLY}/")
    text = article(soup)
    count = words(soup.select_one("p.register-count"))
    assert count.startswith("The report makes 43 recommendations. The register lists none of them")
    assert "Source of the counts: Fixture letter from a commissioner" in text
    assert section_text(soup, "areas-for-improvement") == "The report makes 5 areas for improvement. The register does not list their words: they are not in the sources it holds."
    assert fact(soup, "Scope") == "not stated"
    assert section_text(soup, "summary") == "Not stated in the register's sources."
    # nothing the data does not give: no zero counts, no audience, no chart of no recommendations
    assert not re.search(r"\b0 (recommendations|areas)|makes 0|0 of them|for the police", text)
    assert soup.select_one("figure.register-chart") is None and soup.select_one("ol.register-recommendations") is None
    assert not (site / "inspections" / COUNTS_ONLY / "recommendations").exists()


def test_completeness_is_not_computed_where_no_recommendation_is_listed(site: Path) -> None:
    soup = page(site, f"inspections/{COUNTS_ONLY}/")
    rows = table_rows(soup.select_one("table.register-duty-counts"))
    assert rows["Answer every listed recommendation for every force"] == "cannot be counted: the register lists none of the report's recommendations"
    assert rows["Say they were sent to the Home Secretary"] == "1 of 1"
    assert rows["Say they were sent to the inspectorate"] == "0 of 1"


# A letter answering the report in prose ------------------------------------------------------------


def test_letter_in_prose_is_an_answer_to_the_report_as_a_whole(site: Path) -> None:
    soup = page(site, f"responses/{COUNTS_ONLY}/norfolk/")
    assert headings(soup, "answers") == ["The report as a whole"]
    answer = section(soup, "answers")
    assert fact(soup, "Whose words", answer[1].parent) == "the local policing body and the chief constable together"
    assert "The Chief Constable and I have considered the report as a whole and welcome it." in section_text(soup, "answers")
    duty = table_rows(soup.select_one("table.register-duty"))
    assert duty["Recommendations for every force answered"] == "the register lists none of the report's recommendations; the document answers the report as a whole"
    assert duty["Sent to the Home Secretary"] == "the document says so: I am writing to you, Home Secretary, with my response."
    assert soup.select_one("table.register-duty").find("q", string="I am writing to you, Home Secretary, with my response.") is not None
    assert duty["Published"] == "20 April 2022"
    assert fact(soup, "Signed by") == "Fixture Commissioner (commissioner)"
    assert fact(soup, "To") == "the Home Secretary"
    # no recommendation is listed, so none is said to be unanswered
    assert soup.find("h2", id="recommendations-not-answered") is None


def test_an_answer_to_the_whole_report_is_not_listed_as_not_answering_a_recommendation(shapes: Register) -> None:
    """Were Norfolk's statement on the final report a response answering the report as a whole, each
    recommendation page would list Norfolk under "answered the report as a whole", not as not answered."""
    letter = shapes.response(COUNTS_ONLY, "norfolk")
    statement = shapes.response(FINAL, "norfolk")
    answering = replace(statement, section_55=Section55("the body's response", "Fixture"), answers=letter.answers)
    register = Register(shapes.forces, shapes.inspections, tuple(answering if r.key == statement.key else r for r in shapes.responses), shapes.transcripts)
    url = f"inspections/{FINAL}/recommendations/1/"
    files = render_site(register, date.fromisoformat(AS_OF), only=lambda each: each.startswith(f"inspections/{FINAL}/"))
    (rendered,) = [file for file in files if file.src_uri == url + "index.md"]
    soup = BeautifulSoup(rendered.content, "html.parser")
    assert soup.select_one("ul.register-whole-report li#norfolk") is not None
    assert soup.select_one("ul.register-unanswered li#norfolk") is None and soup.select_one("ul.register-missing a#norfolk") is None
    counts = {words(row.find_all("td")[0]): words(row.find_all("td")[1]) for row in soup.select("table.register-counts tbody tr")}
    assert counts["answered the whole report"] == "1"
    assert counts["held, not answered"] == "0"


# A proposed response put to a board ------------------------------------------------------------------


def test_proposed_board_paper_shows_its_status_and_its_date_as_a_document_date(site: Path) -> None:
    soup = page(site, f"responses/{FINAL}/cambridgeshire/")
    status = soup.find("dt", string="Status").find_next_sibling("dd")
    assert words(status).startswith("proposed:")
    assert status.q.get_text() == "The Board is recommended to endorse the proposed response."
    timeliness = fact(soup, "Timeliness")
    assert timeliness.startswith("Dated after due date (24 days)")
    assert "judged on the document date, 30 March 2023" in timeliness
    assert "late" not in timeliness and "on time" not in timeliness
    assert fact(soup, "Section 55 response").startswith("unclear: A chief constable's paper proposing a response to a board for endorsement.")
    assert fact(soup, "Record last checked") == "not stated"
    # answers in the force's voice; one passage answering two recommendations; an area for improvement
    assert headings(soup, "answers") == ["Recommendations 1 and 3", "Area for improvement 1"]
    voices = [words(dt.find_next_sibling("dd")) for dt in soup.find_all("dt", string="Whose words")]
    assert voices == ["the force", "the force"]
    assert [a.get_text() for a in section(soup, "recommendations-not-answered")[0].find_all("a")] == ["recommendation 2"]
    duty = table_rows(soup.select_one("table.register-duty"))
    assert duty["The chief constable's comments"] == "present"  # "force" counts with the chief constable
    assert duty["The local policing body's comments"] == "not stated in this document"
    assert duty["Recommendations for every force answered"] == "1 of 1, and 1 listed recommendation whose audience is not stated"


def test_shared_passage_is_marked_on_each_recommendation_it_answers(site: Path) -> None:
    for number in (1, 3):
        row = page(site, f"inspections/{FINAL}/recommendations/{number}/").find("section", id="cambridgeshire")
        assert words(row.select_one(".register-shared")) == "This passage answers recommendations 1 and 3."
        assert "In the words of the force:" in words(row)
        assert "Dated after due date (24 days)" in words(row)


# A recommendation and areas known in part ------------------------------------------------------------


def test_recommendation_known_by_its_number_only(site: Path) -> None:
    soup = page(site, f"inspections/{FINAL}/recommendations/2/")
    assert words(soup.select_one(".register-text-unknown")) == "The register knows that the report has a recommendation 2, but not its words: no source it holds gives them."
    assert soup.select_one("blockquote.register-verbatim") is None
    assert fact(soup, "Addressed to") == "not stated"
    assert fact(soup, "Deadline") == "not stated"
    assert fact(soup, "For every force") == "not stated"  # never "no: addressed to the national leads"
    assert [li["id"] for li in soup.select("ul.register-unanswered li")] == ["cambridgeshire", "cumbria"]
    assert [li["id"] for li in soup.select("ul.register-located li")] == ["staffordshire"]


def test_inspection_known_in_part_says_so_sentence_by_sentence(site: Path) -> None:
    soup = page(site, f"inspections/{FINAL}/")
    count = words(soup.select_one("p.register-count"))
    assert count == (
        "The register's sources do not say how many recommendations the report makes. The register lists 3 recommendations. "
        "1 of the 3 listed is for every force. For 1 of them, no source says whether it is for every force."
    )
    items = {li["value"]: words(li).replace(" .", ".") for li in soup.select("ol.register-recommendations > li")}
    assert "Deadline: By 30 April 2023 (30 April 2023). For every force: yes." in items["1"]
    assert items["2"] == "Recommendation 2 : its words are not stated in the register's sources Addressed to: not stated. Deadline: not stated. For every force: not stated."
    assert items["3"].endswith("For every force: no.")
    assert fact(soup, "Scope") == "national thematic; joint inspection by HMICFRS and HM Inspectorate of Probation"
    assert fact(soup, "Published by") == "HMICFRS"
    assert fact(soup, "Report") == "web address not stated in the register's sources"
    assert fact(soup, "Responses held") == (
        "3 of 43 bodies, as of 1 December 2026; the register also holds 1 document from a body that it does not count as a response"
    )
    rows = table_rows(soup.select_one("table.register-duty-counts"))
    assert rows["Answer every listed recommendation for every force"] == "cannot be counted: for 1 listed recommendation, no source says whether it is for every force"
    assert rows["Include the chief constable's comments"] == "1 of 2; 1 says there are none"
    assert "1 response located but not transcribed is not counted" in section_text(soup, "section-55-completeness")


def test_areas_for_improvement_and_who_answered_them(site: Path) -> None:
    soup = page(site, f"inspections/{FINAL}/")
    assert words(section(soup, "areas-for-improvement")[0]) == "The register lists 2 areas for improvement; its sources do not say how many the report makes."
    first, second = soup.select("ul.register-areas > li")
    assert words(first).startswith("Area for improvement 1: Forces should improve their fixture records.")
    assert first.find("a", href="../../responses/fixture-final-2023/cambridgeshire/") is not None
    assert "(accepted)" in words(first)
    assert words(second) == "Area for improvement 2: its words are not stated in the register's sources No response the register holds answers it."
    interim = page(site, f"inspections/{INTERIM}/")
    assert section_text(interim, "areas-for-improvement") == "None: the report makes no areas for improvement."


def test_related_reports_are_linked_both_ways(site: Path) -> None:
    final = page(site, f"inspections/{FINAL}/")
    items = [words(li) for li in final.select("ul.register-related li")]
    assert items == ["Interim report: Fixture interim report", "Follow-up review: Fixture review not yet in the register (not in the register)"]
    assert final.select("ul.register-related li")[0].a["href"] == f"../{INTERIM}/"
    assert final.select("ul.register-related li")[1].a is None
    interim = page(site, f"inspections/{INTERIM}/")
    assert [words(li) for li in interim.select("ul.register-related li")] == ["Final report: Fixture final report"]
    assert interim.select_one("ul.register-related a")["href"] == f"../{FINAL}/"
    report = interim.find("dt", string="Report").find_next_sibling("dd")
    address = "https://www.justiceinspectorates.gov.uk/hmicfrs/fixture-interim/"
    assert report.a["href"] == report.a.get_text() == address  # shown whole (it may wrap at its slashes)
    assert fact(interim, "Report").endswith(", checked 28 November 2026")


# A refer-back, a located record, a press statement ---------------------------------------------------


def test_refer_back_links_to_the_same_bodys_interim_response(site: Path) -> None:
    soup = page(site, f"responses/{FINAL}/cumbria/")
    refers = soup.find("dt", string="Refers to").find_next_sibling("dd")
    assert refers.a["href"] == f"../../{INTERIM}/cumbria/"
    assert words(refers) == "Cumbria Police and Crime Commissioner's response to Fixture interim report"
    assert table_rows(soup.select_one("table.register-duty"))["The chief constable's comments"] == "stated absent: The Chief Constable has no further comment."
    row = page(site, f"inspections/{FINAL}/recommendations/1/").find("section", id="cumbria")
    assert row.select_one(".register-refers a")["href"] == f"../../../../responses/{INTERIM}/cumbria/"


def test_located_record_shows_its_copy_and_checked_date_and_no_words(site: Path) -> None:
    soup = page(site, f"responses/{FINAL}/staffordshire/")
    assert fact(soup, "Record").startswith("located: the register knows this document, where and when it was checked, but has not transcribed its words")
    copies = soup.find("dt", string="Copies").find_next_sibling("dd")
    assert copies.a["href"] == "https://www.justiceinspectorates.gov.uk/hmicfrs/fixture-final-staffordshire.pdf"
    assert "checked 28 November 2026 (PDF linked from the inspectorate's report page)" in words(copies)
    assert fact(soup, "Kind") == "not stated"
    assert soup.select("article blockquote") == []  # no words: nothing quoted
    assert section_text(soup, "comments") == "Not transcribed: the register has not copied this document's words yet."
    assert section_text(soup, "answers").startswith("Not transcribed")
    duty = table_rows(soup.select_one("table.register-duty"))
    assert duty["Recommendations for every force answered"] == "not known: the register has not transcribed the document's words"
    assert fact(soup, "Timeliness").startswith("Dated in period")


def test_a_press_statement_that_is_not_the_response_is_shown_but_not_counted(site: Path) -> None:
    soup = page(site, f"responses/{FINAL}/norfolk/")
    assert words(soup.select_one("article h1")) == "Norfolk Police and Crime Commissioner document (not its response): Fixture final report"
    assert "The register does not count this document as the body's response" in fact(soup, "Section 55 response")
    assert fact(soup, "Timeliness").startswith("No response held")
    # counted nowhere: the inspection, its recommendations, the matrix, the force and the lists
    inspection = page(site, f"inspections/{FINAL}/")
    row = next(tr for tr in inspection.select("table.register-standings tbody tr") if words(tr.td) == "Norfolk Constabulary")
    assert "No response held" in words(row) and "it does not count as the response" in words(row)
    recommendation = page(site, f"inspections/{FINAL}/recommendations/1/")
    assert recommendation.select_one("ul.register-missing a#norfolk") is not None
    assert recommendation.select_one("section.register-answer#norfolk") is None
    matrix = {words(tr.th): tr.find_all("td") for tr in page(site, "timeliness/").select("table.register-matrix tbody tr")}
    assert matrix["Norfolk Constabulary"][0]["data-timeliness"] == "no response held"
    assert matrix["Norfolk Constabulary"][0].a is None
    forces = {words(li.select_one(".register-finder__name")): li.select_one(".register-finder__record") for li in page(site, "forces/").select("li.register-finder__item")}
    norfolk = forces["Norfolk Constabulary"]  # the counted response is linked; the press statement is neither counted nor linked
    assert words(norfolk) == "Responses held: 1 of 3 inspections; the response to “Fixture inspection known only by its counts” (2022)"
    assert [a["href"] for a in norfolk.find_all("a") if f"/{FINAL}/" in a["href"]] == []
    responses = page(site, "responses/")
    assert "The register holds 5 responses, and 1 document that it does not count as a response." in article(responses)
    assert "5 responses held" in article(page(site, ""))


# The clock and the key, with the new statuses ---------------------------------------------------------


def test_matrix_shows_judgements_on_document_dates_with_their_own_symbols(site: Path) -> None:
    matrix = {words(tr.th): tr.find_all("td") for tr in page(site, "timeliness/").select("table.register-matrix tbody tr")}
    staffordshire, cambridgeshire = matrix["Staffordshire Police"][0], matrix["Cambridgeshire Constabulary"][0]
    assert staffordshire.select_one(".register-mark").get_text() == "(✓)"
    assert words(staffordshire.a) == "dated in period"
    assert cambridgeshire.select_one(".register-mark").get_text() == "(!)"
    assert words(cambridgeshire.a) == "dated after due date (24 days)"
    assert cambridgeshire["class"] == ["register-cell", "register-cell--dated-after-due-date"]


def test_home_page_figures_are_true_of_the_shapes(site: Path) -> None:
    text = article(page(site, ""))
    assert "3 inspection reports" in text
    assert "4 recommendations listed, 2 of them stated to be for every force and 1 whose audience is not stated" in text
    assert "dated in period 1; dated after due date 1" in text


# The seeds ------------------------------------------------------------------------------------------


def test_norfolks_one_paragraph_appears_once_on_its_response_page(real_site: Path) -> None:
    paragraph = "There were three recommendations applicable to policing: Recommendations 19, 20 and 21."
    soup = page(real_site, f"responses/{TERRORIST}/norfolk/")
    assert article(soup).count(paragraph) == 1
    assert headings(soup, "answers") == ["Recommendations 19, 20 and 21"]
    for number in (19, 20, 21):
        row = page(real_site, f"inspections/{TERRORIST}/recommendations/{number}/").find("section", id="norfolk")
        assert words(row).count(paragraph) == 1
        assert words(row.select_one(".register-shared")) == "This passage answers recommendations 19, 20 and 21."


def test_force_page_counts_completeness_only_where_it_can_be_told(site: Path) -> None:
    """Cumbria answered the interim report (its one recommendation is for every force) and the final
    report (one recommendation's audience is not stated): only the first can be counted."""
    rows = table_rows(page(site, "forces/cumbria/").select_one("table.register-duty-counts"))
    assert rows["Answer every listed recommendation for every force"] == "1 of 1 (not counted: 1 to a report where a listed recommendation's audience is not stated)"
    assert rows["Include the chief constable's comments"] == "0 of 2; 1 says there are none; 1 does not say"
    # Norfolk's press statement is not a response, so only its letter is counted
    norfolk = page(site, "forces/norfolk/")
    assert "Counted across the 1 transcribed response the register holds." in article(norfolk)
    assert table_rows(norfolk.select_one("table.register-duty-counts"))["Answer every listed recommendation for every force"] == (
        "none can be counted (not counted: 1 to a report whose recommendations the register does not list)"
    )
