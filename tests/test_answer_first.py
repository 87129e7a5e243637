"""Answer first (issue 13, point 1): a response page opens with a summary a resident can read in five
seconds (who responded, when, on time or not on the best evidence, how many recommendations it
answers, section 55 in one line, where to read the document), then the body's words with each passage
once, then everything else the register records about the document, under "About this record".

The summaries are read from a build of the real data and checked against the data itself (the
clock, the completeness code), so a wrong count or a judgement the clock did not make fails; the
last tests open Norfolk's page in Chromium at a phone's and a desktop's size.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import AS_OF, ROOT
from register.data.load import load_register
from register.data.model import Register, Response
from register.data.standing import standing
from register.site.wording import long_date

PREVENT = "counter-terrorism-prevent-2020"
TERRORIST = "management-of-terrorist-offenders-2023"
NORFOLK = f"responses/{TERRORIST}/norfolk/"
WEST_MERCIA = f"responses/{TERRORIST}/west-mercia/"
CAMBRIDGESHIRE = f"responses/{PREVENT}/cambridgeshire/"
CUMBRIA_2020 = f"responses/{PREVENT}/cumbria/"

# Every fact the page showed before the summary was added, still on the page, now after the words.
RECORD_FACTS = ["Force", "Local policing body", "Inspection", "Record", "Section 55 response", "Response due by", "Published", "Timeliness"]
DOCUMENT_FACTS = ["Kind", "Status", "Title", "Date on the document", "From", "To", "Copies", "Record last checked", "Corrections"]


@pytest.fixture(scope="module")
def register() -> Register:
    return load_register(ROOT, as_of=date.fromisoformat(AS_OF))


def page(site: Path, url: str) -> BeautifulSoup:
    path = site / url / "index.html"
    assert path.is_file(), f"no page at /{url}"
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def words(tag: Tag | None) -> str:
    assert tag is not None
    return " ".join(tag.get_text(" ").split()).replace(" ,", ",").replace(" ;", ";").replace(" :", ":").replace(" )", ")").replace("( ", "(")


def summary(soup: BeautifulSoup) -> dict[str, Tag]:
    """The summary's rows, label → value."""
    box = soup.select_one("article .register-summary")
    assert box is not None, "no summary"
    return {words(dt): dt.find_next_sibling("dd") for dt in box.select("dl dt")}


def position(soup: BeautifulSoup, tag: Tag | None) -> int:
    assert tag is not None
    return list(soup.select_one("article").descendants).index(tag)


def clock(register: Register, inspection_id: str, force_id: str):
    return standing(register, register.inspection(inspection_id), register.force(force_id), date.fromisoformat(AS_OF)).timeliness


def passage_texts(response: Response) -> list[str]:
    return [" ".join(item.text.split()) for item in (*response.statements, *response.answers)]


# The summary's facts ----------------------------------------------------------------------------------


def test_norfolk_summary_says_who_when_on_what_evidence_and_how_much_it_answers(real_site: Path, register: Register) -> None:
    soup = page(real_site, NORFOLK)
    rows = summary(soup)
    assert list(rows) == ["Response from", "Date", "On time?", "Answers", "Section 55", "Document"]
    who = rows["Response from"]
    assert words(who) == "Norfolk Police and Crime Commissioner, for Norfolk Constabulary"
    assert who.a["href"] == "../../../forces/norfolk/"
    # the form carries no date and no publication date is known: the summary says so, and names no date
    assert words(rows["Date"]).lower().startswith("not stated")
    timeliness = clock(register, TERRORIST, "norfolk")
    on_time = rows["On time?"]
    assert words(on_time.select_one(".register-status")).lower() == timeliness.label.lower()  # the clock's own judgement, not a new one
    assert "no date to judge it on" in words(on_time)
    assert long_date(timeliness.due) == "13 September 2023" and "13 September 2023" in words(on_time)
    # one passage answers recommendations 19, 20 and 21, the three the register lists of the report's 21
    assert words(rows["Answers"]) == "3 of the 3 recommendations the register lists (the report makes 21)"
    duty = words(rows["Section 55"])
    assert "the body's comments present" in duty.lower() and "the chief constable's stated absent" in duty
    assert soup.find(id=rows["Section 55"].a["href"].lstrip("#")) is not None  # the link leads to the full table
    document = rows["Document"]
    assert words(document).startswith("No address recorded")  # the form's address is not in the data
    transcript = document.find("a", string="plain-text copy of the document")
    assert (real_site / NORFOLK / transcript["href"]).is_file()


def test_west_mercia_located_letter_says_the_register_holds_its_address_not_its_words(real_site: Path, register: Register) -> None:
    soup = page(real_site, WEST_MERCIA)
    rows = summary(soup)
    assert words(rows["Response from"]) == "West Mercia Police and Crime Commissioner, for West Mercia Police"
    assert words(rows["Date"]).startswith("Dated 4 September 2023")
    assert "published: not stated" in words(rows["Date"])
    timeliness = clock(register, TERRORIST, "west-mercia")
    on_time = words(rows["On time?"])
    assert on_time.lower().startswith(timeliness.label.lower())
    assert "judged on the date on the document, 4 September 2023, not a publication date" in on_time
    assert "13 September 2023" in on_time
    assert words(rows["Answers"]).startswith("Not known")  # no words transcribed, so no count
    assert "Document" not in rows  # the box below leads with the link instead
    source = soup.select_one("article .register-summary .register-source")
    copy = register.response(TERRORIST, "west-mercia").document.copies[0]
    assert source.a["href"] == copy.url
    assert "The register holds this document's address but not its words." in words(source)
    assert soup.select("article blockquote") == []  # and no words are quoted as the letter's


def test_prevent_2020_board_paper_summary(real_site: Path, register: Register) -> None:
    soup = page(real_site, CAMBRIDGESHIRE)
    rows = summary(soup)
    who = words(rows["Response from"])
    assert who.startswith("Cambridgeshire Police and Crime Commissioner, for Cambridgeshire Constabulary")
    assert "unclear" in who  # the register's reading of the paper is shown where it matters
    assert words(rows["Date"]) == "Dated 26 May 2020; published: not stated"
    timeliness = clock(register, PREVENT, "cambridgeshire")
    on_time = words(rows["On time?"])
    assert words(rows["On time?"].select_one(".register-status")).lower() == timeliness.label.lower()
    assert "26 May 2020" in on_time and long_date(timeliness.due) in on_time
    assert "on time" not in on_time.lower() and "late" not in on_time.lower()  # a document's date is never a publication date
    assert words(rows["Answers"]) == "8 of the report's 8 recommendations; for every force: 1 of 1"


def test_prevent_2020_joint_form_answers_one_of_eight(real_site: Path) -> None:
    rows = summary(page(real_site, CUMBRIA_2020))
    assert words(rows["Answers"]) == "1 of the report's 8 recommendations; for every force: 1 of 1"
    assert words(rows["Date"]).lower().startswith("not stated")


# The order: summary, then the words, then the record -------------------------------------------------


@pytest.mark.parametrize("url", [NORFOLK, CAMBRIDGESHIRE, CUMBRIA_2020])
def test_the_words_come_after_the_summary_and_before_the_record(real_site: Path, url: str) -> None:
    soup = page(real_site, url)
    article = soup.select_one("article")
    first_quote = article.select_one("blockquote.register-verbatim")
    about = article.find("h2", id="about-this-record")
    assert position(soup, article.select_one(".register-summary")) < position(soup, first_quote) < position(soup, about)
    for term in RECORD_FACTS + DOCUMENT_FACTS:
        dt = article.find("dt", string=term)
        assert dt is not None, term
        assert position(soup, dt) > position(soup, about), term  # moved, not dropped
    assert position(soup, article.select_one("table.register-duty")) > position(soup, about)


def test_each_passage_is_quoted_once(real_site: Path, register: Register, shapes_site: Path, shapes: Register) -> None:
    """Every statement and answer of every transcribed response, in the real data and the shapes, appears once on its page."""
    checked = 0
    for site, data in ((real_site, register), (shapes_site, shapes)):
        for response in data.responses:
            if not response.transcribed:
                continue
            text = words(page(site, f"responses/{response.inspection_id}/{response.force_id}/").select_one("article"))
            for passage in passage_texts(response):
                assert text.count(passage) == 1, (response.key, passage[:60])
                checked += 1
    assert checked > 20


def test_a_sentence_repeated_for_several_recommendations_is_quoted_once_with_all_of_them(real_site: Path) -> None:
    """Cambridgeshire's paper gives the same words at 4.3, 4.4 and 4.5: one passage, three recommendations."""
    soup = page(real_site, CAMBRIDGESHIRE)
    words_given = "This recommendation is addressed to the NPCC national Prevent lead. The Constabulary will await further information."
    assert words(soup.select_one("article")).count(words_given) == 1
    quote = next(q for q in soup.select("article blockquote.register-verbatim") if words(q) == words_given)
    heading = quote.find_previous("h3")
    assert words(heading).removesuffix("¶").strip() == "Recommendations 3, 4 and 5"
    links = [a["href"] for a in heading.find_next("ul", class_="register-answer-recommendations").find_all("a")]
    assert links == [f"../../../inspections/{PREVENT}/recommendations/{n}/" for n in (3, 4, 5)]
    facts = heading.find_next("dl", class_="register-answer-facts")
    assert words(facts.find("dt", string="Numbered in the document").find_next_sibling("dd")) == "4.3, 4.4 and 4.5"


def test_the_chief_constables_stated_absence_points_to_the_passage_rather_than_repeating_it(real_site: Path) -> None:
    soup = page(real_site, NORFOLK)
    sentence = "None were directly applicable to Norfolk, hence there is no comment from my Chief Constable."
    about = soup.find("h2", id="about-this-record")
    before = " ".join(words(tag) for tag in about.find_previous_siblings())
    assert before.count(sentence) == 1  # in the passage; the table under "About this record" quotes it as the duty's evidence
    chief = soup.find("h2", id="the-chief-constables-comments").find_next_sibling("p")
    assert words(chief) == "None: the document says there are none, in its passage on recommendations 19, 20 and 21, quoted below."


# In Chromium -------------------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("width,height", [(390, 844), (1280, 800)])
def test_norfolks_words_start_on_the_first_screen(browser, site_url: str, width: int, height: int) -> None:
    from test_browser import axe_violations

    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        tab = context.new_page()
        tab.goto(site_url + NORFOLK)
        tab.wait_for_load_state("networkidle")
        first = tab.locator("article blockquote.register-verbatim").first
        assert first.inner_text().startswith("I note the joint HMI Probation")  # the body's own first words
        box = first.bounding_box()
        summary_box = tab.locator("article .register-summary").bounding_box()
        assert summary_box["y"] + summary_box["height"] <= box["y"]  # after the summary
        assert box["y"] < height, f"the first quoted word is {box['y'] - height:.0f}px below the first screen"
        assert tab.evaluate("document.documentElement.scrollWidth") <= width  # nothing scrolls sideways
        violations = axe_violations(tab)
        assert not violations, "\n".join(violations)
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("url", [WEST_MERCIA, CAMBRIDGESHIRE])
def test_summaries_are_accessible_at_a_phones_width(browser, site_url: str, url: str) -> None:
    from test_browser import axe_violations

    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        tab = context.new_page()
        tab.goto(site_url + url)
        tab.wait_for_load_state("networkidle")
        assert tab.locator("article .register-summary").is_visible()
        assert tab.evaluate("document.documentElement.scrollWidth") <= 390
        violations = axe_violations(tab)
        assert not violations, "\n".join(violations)
    finally:
        context.close()


def test_joint_comments_are_quoted_once_and_referred_to_under_the_chief_constable(shapes: Register) -> None:
    """Comments made jointly are the body's and the chief constable's: quoted under the first, pointed to under the second."""
    from dataclasses import replace

    from register.data.model import Statement
    from register.site.pages import render_site

    letter = shapes.response("fixture-counts-only-2022", "norfolk")
    joint = "The Commissioner and the Chief Constable welcome the fixture report together."
    changed = replace(letter, statements=(Statement("local policing body and chief constable", joint),))
    register = Register(shapes.forces, shapes.inspections, tuple(changed if r.key == letter.key else r for r in shapes.responses), shapes.transcripts, shapes.coverage)
    url = "responses/fixture-counts-only-2022/norfolk/"
    (rendered,) = [file for file in render_site(register, date.fromisoformat(AS_OF), only=lambda each: each == url) if file.src_uri == url + "index.md"]
    assert rendered.content.count(joint) == 1
    chief = BeautifulSoup(rendered.content.split("## The chief constable", 1)[1].split("## Answers", 1)[0], "html.parser").get_text(" ")
    assert "The joint comments above, made with the local policing body, are the chief constable's comments too." in chief


@pytest.mark.browser
def test_a_resident_on_a_phone_reaches_norfolks_answer_from_the_home_page_in_two_taps(browser, site_url: str) -> None:
    """The issue's measure: at 390 pixels, from the home page, two taps to the body's answer, which
    then starts on the first screen. The first tap is the home page's first link to the finder;
    the second, the response named in Norfolk's entry there."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        tab = context.new_page()
        tab.goto(site_url)
        finder_link = tab.locator("article a", has_text="Find your force").first
        assert finder_link.bounding_box()["y"] < 844  # on the home page's first screen
        finder_link.click()
        tab.wait_for_url(site_url + "forces/")
        tab.locator("#finder-norfolk a", has_text="the response to").first.click()
        tab.wait_for_url(site_url + NORFOLK)
        first = tab.locator("article blockquote.register-verbatim").first
        assert first.inner_text().startswith("I note the joint HMI Probation")
        assert first.bounding_box()["y"] < 844
    finally:
        context.close()
