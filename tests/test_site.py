"""A build of the real data: every page of the design exists, links resolve, answers appear where they should."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, build
from register.data.load import load_register

PREVENT = "counter-terrorism-prevent-2020"
TERRORIST = "management-of-terrorist-offenders-2023"


def page(site: Path, url: str) -> BeautifulSoup:
    path = site / url.strip("/") / "index.html" if not url.endswith(".html") else site / url
    assert path.is_file(), f"no page at /{url}"
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def article_text(soup: BeautifulSoup) -> str:
    return " ".join(soup.select_one("article").get_text(" ").split())


def answer_headings(soup: BeautifulSoup) -> list[str]:
    """The headings of a response page's passages: the h3s under "Answers", up to the next h2."""
    found = []
    for tag in soup.find("h2", id="answers").find_next_siblings(["h2", "h3"]):
        if tag.name == "h2":
            break
        found.append(tag.get_text(" ", strip=True).removesuffix("¶").strip())
    return found


def design_urls() -> list[str]:
    """Every address the design promises for the data in the repository."""
    register = load_register(ROOT)
    urls = ["", "inspections/", "forces/", "responses/", "method/", "about/"]
    for inspection in register.inspections:
        urls.append(f"inspections/{inspection.id}/")
        urls += [f"inspections/{inspection.id}/recommendations/{rec.number}/" for rec in inspection.recommendations]
    urls += [f"forces/{force.id}/" for force in register.forces]
    urls += [f"responses/{r.inspection_id}/{r.force_id}/" for r in register.responses]
    return urls


def test_design_urls_cover_the_seed_data() -> None:
    urls = design_urls()
    assert len([u for u in urls if u.startswith("forces/") and u != "forces/"]) == 43
    assert f"inspections/{PREVENT}/recommendations/8/" in urls
    assert f"inspections/{TERRORIST}/recommendations/21/" in urls
    assert f"inspections/{TERRORIST}/recommendations/1/" not in urls  # 1–18 go to other bodies and are not listed
    # one page for every response file, transcribed or located
    files = {f"responses/{path.parent.name}/{path.stem}/" for path in (ROOT / "data" / "responses").glob("*/*.yaml")}
    assert {f"responses/{PREVENT}/cambridgeshire/", f"responses/{TERRORIST}/norfolk/", f"responses/{TERRORIST}/west-mercia/"} <= files
    assert {u for u in urls if u.startswith("responses/") and u != "responses/"} == files


@pytest.mark.parametrize("url", design_urls())
def test_every_design_page_exists_with_a_title(real_site: Path, url: str) -> None:
    soup = page(real_site, url)
    assert soup.select_one("article h1").get_text(strip=True)


def test_every_internal_link_resolves(real_site: Path) -> None:
    broken = []
    ids: dict[Path, set[str]] = {}

    def anchors(path: Path) -> set[str]:
        if path not in ids:
            soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
            ids[path] = {tag["id"] for tag in soup.find_all(id=True)}
        return ids[path]

    pages = sorted(real_site.rglob("*.html"))
    assert len(pages) > 60
    for html in pages:
        soup = BeautifulSoup(html.read_text("utf-8"), "html.parser")
        for tag, attribute in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for element in soup.find_all(tag):
                target = element.get(attribute)
                if not target:
                    continue
                parts = urlsplit(target)
                if parts.scheme or parts.netloc:
                    continue
                if parts.path.startswith("/"):
                    resolved = (real_site / unquote(parts.path).lstrip("/")).resolve()
                else:
                    resolved = (html.parent / unquote(parts.path)).resolve() if parts.path else html
                if resolved.is_dir():
                    resolved = resolved / "index.html"
                if not resolved.exists():
                    broken.append(f"{html.relative_to(real_site)} → {target}")
                elif parts.fragment and resolved.suffix == ".html" and parts.fragment not in anchors(resolved) and parts.fragment != "__skip":
                    broken.append(f"{html.relative_to(real_site)} → {target} (no such anchor)")
    assert not broken, "\n".join(broken)


def test_no_page_requests_another_host(real_site: Path) -> None:
    """Fonts, scripts and styles all come from the site itself."""
    for html in real_site.rglob("*.html"):
        soup = BeautifulSoup(html.read_text("utf-8"), "html.parser")
        for element in soup.find_all(["link", "script", "img", "iframe"]):
            target = element.get("src") or (element.get("href") if element.name == "link" and "stylesheet" in element.get("rel", []) else None)
            assert not target or not urlsplit(target).netloc, f"{html}: {element}"


def test_norfolk_answer_appears_on_recommendation_20(real_site: Path) -> None:
    soup = page(real_site, f"inspections/{TERRORIST}/recommendations/20/")
    row = soup.find("section", id="norfolk")  # a card: the body's name, its labels and its words together
    assert row is not None and row.find("blockquote") is not None
    text = " ".join(row.get_text(" ").split())
    assert "Norfolk Constabulary" in text
    assert "Norfolk Police and Crime Commissioner" in text
    assert "awaiting national lead" in text
    assert "I will wait to see any guidance that might be issued to forces" in text
    link = row.find("a", string="Full response")
    assert link["href"] == "../../../../responses/management-of-terrorist-offenders-2023/norfolk/"


def test_recommendation_page_lists_every_force(real_site: Path) -> None:
    soup = page(real_site, f"inspections/{TERRORIST}/recommendations/20/")
    responses = [r for r in load_register(ROOT).responses if r.inspection_id == TERRORIST]
    answered = {card["id"] for card in soup.select("section.register-answer")}
    located = {item["id"] for item in soup.select("ul.register-located li")}
    missing = {item["id"] for item in soup.select("ul.register-missing a[id]")}
    assert answered == {r.force_id for r in responses if r.transcribed and r.answer_to(20)} == {"cumbria", "norfolk", "staffordshire"}
    assert located == {r.force_id for r in responses if not r.transcribed} and located  # words not transcribed: listed apart
    assert len(missing) == 43 - len(responses) and not (answered | located) & missing
    assert len(answered) + len(located) + len(missing) == 43
    assert f"{len(missing)} bodies have no response in the register" in article_text(soup)


def test_prevent_recommendation_7_is_for_every_force_with_its_deadline(real_site: Path) -> None:
    text = article_text(page(real_site, f"inspections/{PREVENT}/recommendations/7/"))
    assert "With immediate effect (from 9 March 2020)" in text
    assert "yes: every force is expected to act on it" in text
    assert "Responses due by 3 May 2020" in text
    other = article_text(page(real_site, f"inspections/{PREVENT}/recommendations/1/"))
    assert "By June 2020 (June 2020)" in other
    assert "Cumbria Constabulary: Cumbria Police and Crime Commissioner" in other  # responded, did not answer rec 1


def test_inspection_page_shows_due_date_and_every_body(real_site: Path) -> None:
    soup = page(real_site, f"inspections/{TERRORIST}/")
    text = article_text(soup)
    assert "Responses due by 13 September 2023" in text
    identified = [r for r in load_register(ROOT).responses if r.inspection_id == TERRORIST and r.section_55.counts]
    assert len(identified) > 3  # the transcribed seeds and the located records
    assert f"Responses held {len(identified)} of 43 bodies, as of 1 December 2026" in text
    held = {" ".join(li.a.get_text().split()): " ".join(li.get_text(" ").split()) for li in soup.select("ul.register-held li")}
    rows = soup.select("table.register-standings tbody tr")  # every other body, each once
    assert len(held) == len(identified) and len(rows) == 43 - len(identified)
    by_force = {" ".join(r.find("td").get_text().split()): [" ".join(td.get_text(" ").split()) for td in r.find_all("td")] for r in rows}
    assert not set(held) & set(by_force)
    assert held["Cumbria Constabulary"].startswith("Cumbria Constabulary : Cumbria Police, Fire and Crime Commissioner Date unknown")
    assert by_force["Essex Police"][1:3] == ["Essex Police, Fire and Crime Commissioner", "No response held"]
    assert by_force["North Yorkshire Police"][1] == "North Yorkshire Police, Fire and Crime Commissioner"  # the body then, not the mayor now


def test_force_page_shows_bodies_over_time_and_responses(real_site: Path) -> None:
    soup = page(real_site, "forces/cumbria/")
    text = article_text(soup)
    assert "Cumbria Police and Crime Commissioner police and crime commissioner 22 November 2012 31 March 2023" in text
    assert "Cumbria Police, Fire and Crime Commissioner police, fire and crime commissioner 1 April 2023 in office" in text
    responses = {a["href"] for a in soup.select("article a") if "responses/" in a.get("href", "")}
    assert responses == {f"../../responses/{PREVENT}/cumbria/", f"../../responses/{TERRORIST}/cumbria/"}


def test_response_page_carries_the_whole_response(real_site: Path) -> None:
    soup = page(real_site, f"responses/{PREVENT}/cambridgeshire/")
    text = article_text(soup)
    assert "Kind board report" in text
    assert "Date on the document 26 May 2020" in text
    assert "To Business Coordination Board" in text
    status = soup.find("dt", string="Status").find_next_sibling("dd")
    assert status.contents[0].strip() == "proposed:"
    assert status.q.get_text() == "5.1 The Board is recommended to endorse the proposed response to the HMICFRS recommendations"  # its words, quoted
    assert "Dated after due date (23 days)" in text
    assert "judged on the document date, 26 May 2020 (a document's date is not its publication date)" in text
    assert "date unknown" not in text
    voices = {" ".join(dd.get_text(" ").split()) for dt in soup.find_all("dt", string="Whose words") for dd in [dt.find_next_sibling("dd")]}
    assert voices == {"the force"}  # "Force response:" in the paper
    for number in range(1, 9):
        link = soup.find("a", href=f"../../../inspections/{PREVENT}/recommendations/{number}/")
        assert link is not None, number
    # 4.1 to 4.8 answer one recommendation each; 4.3, 4.4 and 4.5 give the same words, quoted once for the three
    assert text.count("The Constabulary will await further information.") == 5
    assert "Recommendations 3, 4 and 5" in answer_headings(soup)
    transcript = soup.find("a", string="plain-text copy of the document")
    assert (real_site / f"responses/{PREVENT}/cambridgeshire" / transcript["href"]).read_text().startswith("\n\n\n\nCreating a safer")


def test_cumbria_answers_as_pcc_in_2020_and_pfcc_in_2023(real_site: Path) -> None:
    assert "Local policing body Cumbria Police and Crime Commissioner (police and crime commissioner)" in article_text(page(real_site, f"responses/{PREVENT}/cumbria/"))
    assert "Local policing body Cumbria Police, Fire and Crime Commissioner (police, fire and crime commissioner)" in article_text(
        page(real_site, f"responses/{TERRORIST}/cumbria/")
    )


def test_navigation_lists_index_pages_only(real_site: Path) -> None:
    soup = page(real_site, f"responses/{TERRORIST}/norfolk/")
    nav_links = {a.get_text(strip=True) for a in soup.select("nav.md-nav--primary a.md-nav__link")}
    assert {"Inspections", "Forces", "Responses", "Method", "About"} <= nav_links
    assert len(nav_links) < 16
    # no page of one force, inspection or response: those are reached from the index pages
    hrefs = [a["href"] for a in soup.select("nav.md-nav--primary a.md-nav__link")]
    assert not [href for href in hrefs if re.search(r"(forces|inspections|responses)/[^/]+/", href.split("../")[-1])], hrefs
    # the register's own pages come first; pages about it and pages for staff are grouped after them
    top = [a.get_text(strip=True) for a in soup.select("nav.md-nav--primary > ul > li:not(.md-nav__item--section) > a.md-nav__link")]
    assert top == ["Home", "Inspections", "Forces", "Responses", "Timeliness", "Open data", "Changelog"]
    sections = {
        li.select_one("label").get_text(strip=True): [a.get_text(strip=True) for a in li.select("a.md-nav__link")]
        for li in soup.select("nav.md-nav--primary li.md-nav__item--section")
    }
    # staff pages are linked from the footer, not the navigation (overrides/partials/footer.html)
    assert sections == {"About this register": ["About", "Method", "Help", "Accessibility", "Corrections"]}


def search_body(soup: BeautifulSoup) -> BeautifulSoup | None:
    return soup.select_one("[data-pagefind-body]")


def test_the_site_has_a_chunked_search_index(real_site: Path) -> None:
    """Pagefind's index, not one file of the whole site: an entry file, then many small chunks."""
    entry = json.loads((real_site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert entry["languages"]["en"]["page_count"] > 20
    assert len(list((real_site / "pagefind" / "index").glob("*.pf_index"))) >= 1
    assert len(list((real_site / "pagefind" / "fragment").glob("*.pf_fragment"))) == entry["languages"]["en"]["page_count"]
    assert not (real_site / "search" / "search_index.json").exists()


def test_search_indexes_a_recommendation_by_its_words_without_the_big_tables(real_site: Path) -> None:
    phrase = "risk assessment process for those tasked with visiting counter terrorism nominals"
    body = search_body(page(real_site, f"inspections/{TERRORIST}/recommendations/20/"))
    assert body is not None
    assert phrase in indexed_text(body)
    # the inspection's list of every recommendation and its table of 43 forces are left out
    inspection = search_body(page(real_site, f"inspections/{TERRORIST}/"))
    assert inspection.select_one("ol.register-recommendations[data-pagefind-ignore]")
    assert inspection.select_one("table.register-standings[data-pagefind-ignore]")


def indexed_text(body: BeautifulSoup) -> str:
    """The words Pagefind indexes in a page's search body: all but the parts marked data-pagefind-ignore."""
    ignored = {id(node) for tag in body.select("[data-pagefind-ignore]") for node in tag.descendants}
    return " ".join(" ".join(node.split()) for node in body.find_all(string=True) if id(node) not in ignored)


def test_search_indexes_each_answer_once_on_its_response_page(real_site: Path) -> None:
    """A body's words are indexed on its response page, not again on the recommendation page that
    also shows them: the index (and the memory to build it) would double, and every force's name
    would match every recommendation."""
    answer = "ViSOR is the Violent and Sex Offender register"
    response = search_body(page(real_site, f"responses/{TERRORIST}/staffordshire/"))
    recommendation = search_body(page(real_site, f"inspections/{TERRORIST}/recommendations/21/"))
    assert answer in article_text(page(real_site, f"inspections/{TERRORIST}/recommendations/21/"))  # shown there
    assert answer in indexed_text(response)
    assert answer not in indexed_text(recommendation)
    assert "Staffordshire" not in indexed_text(recommendation)
    # the record's upkeep, the same on every response page, is not indexed either
    assert "report a correction" in article_text(page(real_site, f"responses/{TERRORIST}/staffordshire/"))
    assert "report a correction" not in indexed_text(response)


def test_search_keeps_the_words_of_neighbouring_cells_apart(real_site: Path) -> None:
    """A label and its value (or two table cells) are separate words in the index: "Force" beside
    "Norfolk Constabulary" must not become the one word "ForceNorfolk"."""
    fragments = [json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd")) for path in (real_site / "pagefind" / "fragment").glob("*.pf_fragment")]
    norfolk = next(fragment["content"] for fragment in fragments if fragment["url"].endswith(f"/responses/{TERRORIST}/norfolk/"))
    assert "Force Norfolk Constabulary" in norfolk
    assert not re.search(r"ForceNorfolk|bodyNorfolk|Kindresponse", norfolk)


def test_search_indexes_a_response_under_its_force_name(real_site: Path) -> None:
    for force, name in (("staffordshire", "Staffordshire"), ("norfolk", "Norfolk")):
        body = search_body(page(real_site, f"responses/{TERRORIST}/{force}/"))
        assert body is not None and name in body.h1.get_text()
    # a force's own page outweighs the pages that name it
    force_title = search_body(page(real_site, "forces/norfolk/")).h1
    assert "Norfolk" in force_title.get_text() and float(force_title["data-pagefind-weight"]) > 7


def test_home_page_has_figures_and_latest_responses(real_site: Path) -> None:
    soup = page(real_site, "")
    text = article_text(soup)
    assert "2 inspection reports" in text
    assert "11 recommendations listed, 1 of them for every force" in text  # not "for the police": only one is said to be
    assert "for the police" not in text
    register = load_register(ROOT)
    assert f"{len(register.responses)} responses held" in text
    latest = [a["href"] for a in soup.select("article table a") if a["href"].startswith("responses/")]
    # West Mercia's letter is dated 4 September 2023; undated responses sort by their report's publication
    # date, then by force; Cambridgeshire's document is dated 26 May 2020. The newest ten are shown.
    assert len(register.responses) > 10
    assert latest == [
        f"responses/{TERRORIST}/west-mercia/",
        f"responses/{TERRORIST}/cumbria/",
        f"responses/{TERRORIST}/norfolk/",
        f"responses/{TERRORIST}/staffordshire/",
        f"responses/{TERRORIST}/warwickshire/",
        f"responses/{PREVENT}/cambridgeshire/",
        f"responses/{PREVENT}/cumbria/",
        f"responses/{PREVENT}/dyfed-powys/",
        f"responses/{PREVENT}/gwent/",
        f"responses/{PREVENT}/hampshire/",
    ]


def test_as_of_date_comes_from_configuration(project_copy_factory) -> None:
    project = project_copy_factory()
    result = build(project, as_of="2027-01-15")
    assert result.returncode == 0, result.output
    text = article_text(page(result.site, f"inspections/{TERRORIST}/"))
    assert "as of 15 January 2027" in text and "1 December 2026: on time" not in text
    assert "As of 15 January 2027: on time 0; late 0; dated in period 1;" in text
    # The real data records checks made on 1 December 2026: an earlier as-of date is refused, naming it.
    earlier = build(project_copy_factory(), as_of="2023-09-13")
    assert earlier.returncode != 0
    assert "is after the register's as-of date (2023-09-13)" in earlier.output


def test_build_output_is_byte_identical(real_site: Path, project_copy_factory) -> None:
    again = build(project_copy_factory())
    assert again.returncode == 0
    first = {p.relative_to(real_site): p.read_bytes() for p in real_site.rglob("*") if p.is_file()}
    second = {p.relative_to(again.site): p.read_bytes() for p in again.site.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    differing = [str(path) for path in first if first[path] != second[path]]
    assert not differing, differing


def test_generated_pages_are_not_written_into_content(real_site: Path) -> None:
    assert not (ROOT / "content" / "inspections").exists()
    assert not (ROOT / "content" / "responses").exists()
    assert re.search(r"\.md$", "method.md")


# The reworked model on the seed pages (issue 10) ------------------------------------------------


def test_one_passage_answering_all_recommendations_shows_on_each_of_their_pages(real_site: Path) -> None:
    """Cumbria's 2023 form acknowledges all the recommendations in one sentence: stored once, shown on
    its response page once, and on each recommendation page with a note that it answers all of them."""
    sentence = "I welcome this publication and I further acknowledge the recommendations set within the report."
    response = page(real_site, f"responses/{TERRORIST}/cumbria/")
    assert article_text(response).count(sentence) == 1
    assert answer_headings(response) == ["All recommendations"]
    for number in (19, 20, 21):
        row = page(real_site, f"inspections/{TERRORIST}/recommendations/{number}/").find("section", id="cumbria")
        assert row.select_one(".register-shared").get_text(strip=True) == "This passage answers all recommendations at once."
        assert sentence in row.get_text(" ")


def test_a_section_the_document_cites_is_shown_only_as_its_words(real_site: Path) -> None:
    """Both Cumbria forms cite "Section 33"; the duty is in section 55. The register quotes the form and never says it."""
    for inspection in (PREVENT, TERRORIST):
        soup = page(real_site, f"responses/{inspection}/cumbria/")
        found = [node for node in soup.select_one("article").find_all(string=lambda text: "Section 33" in text)]
        assert found, inspection
        for node in found:
            assert node.find_parent("q", class_="register-quoted") is not None, node
        cited = soup.find("dt", string="Section it cites").find_next_sibling("dd")
        assert cited.q.get_text().startswith("Section 33 of the Police Act 1996")


def test_response_page_shows_the_completeness_of_the_duty(real_site: Path) -> None:
    def duty(url: str) -> dict[str, str]:
        table = page(real_site, url).select_one("table.register-duty")
        return {" ".join(row.th.get_text(" ").split()): " ".join(row.td.get_text(" ").split()) for row in table.select("tbody tr")}

    norfolk = duty(f"responses/{TERRORIST}/norfolk/")
    assert norfolk["The local policing body's comments"] == "present"
    assert norfolk["The chief constable's comments"] == "stated absent: None were directly applicable to Norfolk, hence there is no comment from my Chief Constable."
    assert norfolk["Recommendations for every force answered"] == "none of the listed recommendations is for every force"
    assert norfolk["Sent to the inspectorate"] == "not stated in this document"  # a checklist that does not show what was done
    assert norfolk["Published"] == "not stated"
    cumbria = duty(f"responses/{PREVENT}/cumbria/")
    assert cumbria["Recommendations for every force answered"] == "1 of 1"  # recommendation 7, in a joint passage
    assert cumbria["The chief constable's comments"] == "present"
    cambridgeshire = duty(f"responses/{PREVENT}/cambridgeshire/")
    assert cambridgeshire["The local policing body's comments"] == "not stated in this document"  # a paper from the Chief Constable
    assert cambridgeshire["The chief constable's comments"] == "present"


def test_cumbria_2020_answers_one_recommendation_noted_and_says_which_it_leaves(real_site: Path) -> None:
    soup = page(real_site, f"responses/{PREVENT}/cumbria/")
    assert answer_headings(soup) == ["Recommendation 7"]
    assert soup.find("dt", string="Position").find_next_sibling("dd").get_text(strip=True) == "noted"
    assert soup.find("dt", string="Whose words").find_next_sibling("dd").get_text(strip=True) == "the local policing body and the chief constable together"
    left = soup.find("h2", id="recommendations-not-answered").find_next("p")
    assert [a.get_text() for a in left.find_all("a")] == [f"recommendation {n}" for n in (1, 2, 3, 4, 5, 6, 8)]


def test_inspection_pages_say_what_the_register_knows_of_the_report(real_site: Path) -> None:
    terrorist = page(real_site, f"inspections/{TERRORIST}/")
    count = " ".join(terrorist.select_one("p.register-count").get_text(" ").split())
    assert count.startswith("The report makes 21 recommendations. The register lists 3 of them. None of the listed recommendations is for every force.")
    text = article_text(terrorist)
    assert "for the police" not in text and "0 of them" not in text
    assert "national thematic; joint inspection by HM Inspectorate of Probation, HMICFRS and HM Inspectorate of Prisons" in text
    references = terrorist.find("dt", string="References").find_next_sibling("dd")
    assert references.q.get_text() == "#28740" and "Cumbria Police, Fire and Crime Commissioner's response form (2023)" in references.get_text()
    assert "According to Recommendations, Norfolk Police and Crime Commissioner's response form (2023), the report's recommendations are addressed to" in text
    prevent = article_text(page(real_site, f"inspections/{PREVENT}/"))
    assert "Published redacted yes, according to Paragraph 3.1 of Cambridgeshire Constabulary's report to the Business Coordination Board" in prevent
    assert "Fieldwork October 2018 to February 2019, in all 43 police forces in England and Wales" in prevent
    assert "The report makes 8 recommendations. The register lists all of them. 1 of the 8 listed is for every force." in prevent
    assert "Areas for improvement ¶ Not stated in the register's sources." in prevent


def test_staffordshire_record_names_the_commissioner_as_the_document_does(real_site: Path) -> None:
    names = page(real_site, f"responses/{TERRORIST}/staffordshire/").find("dt", string="Names").find_next_sibling("dd")
    assert names.get_text(strip=True) == "the document names Ben Adams as Police and Crime Commissioner"
