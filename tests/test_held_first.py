"""Inspection and recommendation pages lead with what the register holds (issue 13, point 2).

The responses held (transcribed and located) come first; the bodies without one are one count
and one compact list grouped by where and when the register looked; the chart draws the held
responses only and states the rest in words; a recommendation page keeps every body's answer
under the body's name, as a card, not a column of a wide table.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import AS_OF, ROOT
from register.data.coverage import CoverageState
from register.data.load import load_register
from register.data.standing import standings_for_inspection
from register.site.stats import counted

PREVENT = "counter-terrorism-prevent-2020"


@pytest.fixture(scope="module")
def register():
    return load_register(ROOT, as_of=date.fromisoformat(AS_OF))


def standings(register, inspection_id: str):
    return standings_for_inspection(register, register.inspection(inspection_id), date.fromisoformat(AS_OF))


def page(real_site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((real_site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def main_text(soup: BeautifulSoup) -> str:
    return " ".join(soup.find("article").get_text(" ").split())


def test_prevent_page_shows_the_responses_held_before_any_body_without_one(real_site: Path, register) -> None:
    rows = standings(register, PREVENT)
    held = [item for item in rows if counted(item)]
    missing = [item for item in rows if not counted(item)]
    assert held and missing
    soup = page(real_site, f"inspections/{PREVENT}")
    article = soup.find("article")
    elements = list(article.find_all(True))
    held_list = article.find("ul", class_="register-held")
    assert held_list is not None, "no list of the responses held"
    response_links = {a["href"].rstrip("/").split("/")[-1] for a in held_list.find_all("a", href=re.compile(r"responses/"))}
    assert response_links == {item.force.id for item in held}
    # The first time any body without a response is named on the page comes after the whole held list.
    missing_names = {item.force.name for item in missing}
    first_missing = next(n for n, el in enumerate(elements) if el.name == "a" and el.get_text(" ", strip=True) in missing_names)
    last_held = elements.index(held_list.find_all("li")[-1])
    assert last_held < first_missing
    # And the held list comes before the summary of the report and the full table.
    assert elements.index(held_list) < elements.index(article.find(id="summary"))
    assert elements.index(held_list) < elements.index(article.find("table", class_="register-standings"))


def test_bodies_without_a_response_are_one_count_and_one_compact_list(real_site: Path, register) -> None:
    rows = standings(register, PREVENT)
    missing = [item for item in rows if not counted(item)]
    not_found = sum(1 for item in missing if item.coverage.state is CoverageState.NOT_FOUND)
    not_looked = len(missing) - not_found
    soup = page(real_site, f"inspections/{PREVENT}")
    text = main_text(soup)
    # The old wording, once per body, is gone; the new one is a count.
    assert "no published response identified" not in text.lower()
    assert text.count("no response in the register") <= 3  # the list, the chart's sentence and its caption
    count = soup.find("p", class_="register-missing-count")
    words = " ".join(count.get_text().split())
    expected = f"{len(missing)} bodies have no response in the register: " + "; ".join(
        part for part in ((f"not found {not_found}" if not_found else ""), (f"not yet looked for {not_looked}" if not_looked else "")) if part
    )
    assert words.startswith(expected), words
    compact = soup.find("ul", class_="register-missing")
    groups = compact.find_all("li", recursive=False)
    assert len(groups) < len(missing) / 4, "the compact list should group bodies, not give each a line"
    named = [a.get_text(" ", strip=True) for a in compact.find_all("a", href=re.compile(r"forces/"))]
    assert sorted(named) == sorted(item.force.name for item in missing), "every body without a response, once, linked to its force page"
    for group in groups:
        label = " ".join(group.get_text().split())
        assert re.match(r"(Not found, \d+ bod(y|ies) \(looked on |Not yet looked for, \d+ bod(y|ies): )", label), label
        if label.startswith("Not found"):
            assert re.search(r"\(looked on [^)]*, \d{1,2} [A-Z][a-z]+ \d{4}[;)]", label), f"a not-found group without when the register looked: {label}"
    # Every fact stays, each body once: a held response in the list above, every other body in a
    # row of the table lower down, with the places the register looked for it.
    table = soup.find("table", class_="register-standings")
    in_table = [" ".join(tr.td.get_text().split()) for tr in table.find("tbody").find_all("tr")]
    in_list = [" ".join(li.a.get_text().split()) for li in soup.select("ul.register-held li")]
    assert sorted(in_table) == sorted(item.force.name for item in missing)
    assert sorted(in_table + in_list) == sorted(item.force.name for item in rows)


def test_the_chart_draws_the_held_responses_only(real_site: Path, register) -> None:
    rows = standings(register, PREVENT)
    held = sum(1 for item in rows if counted(item))
    missing = len(rows) - held
    soup = page(real_site, f"inspections/{PREVENT}")
    figure = soup.find("figure", class_="register-chart")
    svg = figure.find("svg")
    patterns = [p["id"] for p in svg.find_all("pattern")]
    assert not [p for p in patterns if "no-response" in p or "identified" in p], patterns
    ticks = [int(t.get_text()) for t in svg.find("g", class_="register-chart__axis").find_all("text") if t.get_text().strip().isdigit()]
    assert max(ticks) == held, "the bars are as long as the responses held, not every body"
    table = soup.find("table", class_="register-chart-table")
    headers = [" ".join(th.get_text(" ").split()) for th in table.find("thead").find_all("th")]
    assert not [h for h in headers if "no response" in h.lower() or "identified" in h.lower()], headers
    for tr in table.find("tbody").find_all("tr"):
        assert sum(int(td.get_text()) for td in tr.find_all("td")) == held
    sentence = " ".join(soup.find("p", class_="register-chart-missing").get_text(" ").split())
    assert f"{missing} bodies have no response in the register: not found" in sentence


def test_each_recommendation_page_keeps_every_held_answer_beside_its_body(real_site: Path, register) -> None:
    checked = 0
    for inspection in register.inspections:
        rows = standings(register, inspection.id)
        for rec in inspection.recommendations:
            answered = [item for item in rows if counted(item) and item.response.transcribed and item.answer_to(rec.number)]
            soup = page(real_site, f"inspections/{inspection.id}/recommendations/{rec.number}")
            assert soup.find("table", class_="register-answers") is None, "answers are cards, not a wide table"
            cards = soup.find_all("section", class_="register-answer")
            assert [card["id"] for card in cards] == [item.force.id for item in answered]
            for card, item in zip(cards, answered):
                who = card.find(["h3", "h2"]).get_text(" ", strip=True)
                assert item.force.name in who and item.body.name in who
                quote = card.find("blockquote")
                assert quote is not None, f"{item.force.id}: the answer is not inside its body's card"
                first_words = " ".join(item.answer_to(rec.number).text.split())[:40]
                assert first_words in " ".join(quote.get_text(" ").split())
                checked += 1
            if any(not counted(item) for item in rows):
                assert soup.find("ul", class_="register-missing") is not None
                assert "no published response identified" not in main_text(soup).lower()
    assert checked, "no recommendation page had an answer to check"
