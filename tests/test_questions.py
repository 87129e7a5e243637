"""Pages for the questions people ask (issue 13, point 7): which bodies are most often late
(/timeliness/bodies/, each body's standings added up) and where is my force (/forces/, a finder
that is a complete list without JavaScript and narrows as you type with it)."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import test_browser
from bs4 import BeautifulSoup
from conftest import AS_OF, ROOT
from register.data.clock import Status
from register.data.coverage import CoverageState
from register.data.load import load_register
from register.data.standing import standing

# The browser tests' fixtures: a fresh 1280-pixel context whose requests to other hosts are refused, and its page.
context = test_browser.context
page = test_browser.page

TOTALS = "timeliness/bodies/"
COLUMNS = [
    "Body",
    "Inspections counted",
    "Responses held",
    Status.ON_TIME.value,
    Status.LATE.value,
    Status.DATED_WITHIN.value,
    Status.DATED_AFTER.value,
    Status.DATE_UNKNOWN.value,
    "Not found",
    "Not yet looked for",
]


@pytest.fixture(scope="module")
def register():
    return load_register(ROOT, as_of=date.fromisoformat(AS_OF))


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text("utf-8"), "html.parser")


def words(tag) -> str:
    return " ".join(tag.get_text(" ").split())


def totals_rows(site: Path) -> dict[str, dict[str, str]]:
    """The totals table as {body name: {column heading: cell}}."""
    table = soup(site, TOTALS).select_one("table.register-body-totals")
    headings = [words(th) for th in table.select("thead th")]
    assert [heading.lower() for heading in headings] == [column.lower() for column in COLUMNS]
    rows = {}
    for tr in table.select("tbody tr"):
        name = words(tr.th.a)
        cells = [tr.th, *tr.find_all("td")]
        rows[name] = {heading: words(cell) for heading, cell in zip(COLUMNS, cells)}
    return rows


def expected_totals(register, body_id: str) -> dict[str, int]:
    """The same counts, made here from each standing of the body, one inspection at a time."""
    as_of = date.fromisoformat(AS_OF)
    found = []
    for inspection in register.inspections:
        for force in register.forces:
            if inspection.expects(force.id):
                item = standing(register, inspection, force, as_of)
                if item.body is not None and item.body.id == body_id:
                    found.append(item)
    states = Counter(item.coverage.state for item in found)
    statuses = Counter(item.timeliness.status for item in found)
    return {
        "Inspections counted": len(found),
        "Responses held": states[CoverageState.TRANSCRIBED] + states[CoverageState.LOCATED],
        **{status.value: statuses[status] for status in (Status.ON_TIME, Status.LATE, Status.DATED_WITHIN, Status.DATED_AFTER, Status.DATE_UNKNOWN)},
        "Not found": states[CoverageState.NOT_FOUND],
        "Not yet looked for": states[CoverageState.NOT_LOOKED],
    }


# Bodies' records across inspections ----------------------------------------------------------


@pytest.mark.parametrize(
    "body_id",
    ["cumbria-pcc", "cumbria-pfcc", "cambridgeshire-pcc", "dyfed-powys-pcc", "norfolk-pcc", "staffordshire-pfcc", "avon-and-somerset-pcc"],
)
def test_body_totals_equal_the_counts_of_its_standings(real_site: Path, register, body_id: str) -> None:
    body = register.body(body_id)
    row = totals_rows(real_site)[body.name]
    expected = expected_totals(register, body_id)
    assert expected["Inspections counted"] > 0
    for column, count in expected.items():
        shown = row[column].split(" ")[0]  # "1 (1 transcribed)" reads 1
        assert shown == str(count), (body.name, column, row[column])


def test_every_body_called_on_has_one_row_and_its_counts_add_up(real_site: Path, register) -> None:
    rows = totals_rows(real_site)
    as_of = date.fromisoformat(AS_OF)
    called = {
        standing(register, inspection, force, as_of).body.name for inspection in register.inspections for force in register.forces if inspection.expects(force.id)
    }
    assert set(rows) == called
    assert len(rows) >= 43 and {"Cumbria Police and Crime Commissioner", "Cumbria Police, Fire and Crime Commissioner"} <= set(rows)  # a force whose body changed: a row each
    for name, row in rows.items():
        number = {column: int(value.split(" ")[0]) for column, value in row.items() if column != "Body"}
        assert number["Responses held"] + number["Not found"] + number["Not yet looked for"] == number["Inspections counted"], name
        assert sum(number[status.value] for status in (Status.ON_TIME, Status.LATE, Status.DATED_WITHIN, Status.DATED_AFTER, Status.DATE_UNKNOWN)) == number["Responses held"], name


def test_body_totals_say_what_the_counts_do_and_do_not_show(real_site: Path, register) -> None:
    page = soup(real_site, TOTALS)
    assert words(page.select_one("article h1")).startswith("Bodies' records across inspections")
    caveat = words(page.select_one(".register-caveat"))
    assert f"The register's coverage so far is {len(register.inspections)} inspections" in caveat
    assert "A body with no response found is not proven to have published none" in caveat
    table = page.select_one("table.register-body-totals")
    assert table.has_attr("data-register-table") and table.caption is not None  # sortable with tables.js, complete without it
    for row in table.select("tbody tr"):
        for cell in row.find_all("td"):
            assert cell["data-sort"].isdigit()  # sorts by the count, not its words
    # reached from the timeliness page and the home page's routes
    for url, href in (("timeliness/", "bodies/"), ("", "timeliness/bodies/")):
        assert soup(real_site, url).select_one(f'article a[href="{href}"]') is not None, url


@pytest.mark.browser
def test_body_totals_sort_by_late_and_by_responses_held(site_url: str, page) -> None:
    page.goto(site_url + TOTALS)
    held = page.locator("table.register-body-totals thead th", has_text="Responses held")
    held.locator("button").click()
    held.locator("button").click()
    assert held.get_attribute("aria-sort") == "descending"
    counts = page.eval_on_selector_all("table.register-body-totals tbody tr:not([hidden])", "rows => rows.map(row => parseInt(row.cells[2].textContent))")
    assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1]
    assert "Sorted by Responses held, descending." in page.locator("#body-totals-status").text_content()


# The force finder ---------------------------------------------------------------------------


def finder_items(page) -> list[str]:
    return page.eval_on_selector_all("li.register-finder__item:not([hidden])", "items => items.map(item => item.querySelector('.register-finder__name').textContent.trim())")


def test_finder_without_javascript_lists_every_force_with_its_body_today(real_site: Path, register) -> None:
    items = soup(real_site, "forces/").select("#force-finder li.register-finder__item")
    assert [words(item.select_one(".register-finder__name")) for item in items] == [force.name for force in register.forces]
    for item, force in zip(items, register.forces):
        assert item.select_one("a.register-finder__name")["href"] == f"{force.id}/"
        assert force.current_body.name in words(item)
        for body in force.bodies[:-1]:
            assert body.name in words(item)  # earlier bodies are listed too, so their names find the force
        for former in force.former_names:
            assert former.name in words(item)
    assert soup(real_site, "forces/").select_one("#force-finder input") is None  # the box is the script's


@pytest.mark.browser
def test_finder_is_a_plain_complete_list_without_javascript(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "forces/")
        assert page.locator("li.register-finder__item:visible").count() == 43
        assert page.locator(".register-finder__input").count() == 0
    finally:
        context.close()


@pytest.mark.browser
def test_finder_narrows_to_the_force_of_a_body_name_and_says_how_many(site_url: str, page, register) -> None:
    page.goto(site_url + "forces/")
    status = page.locator(".register-finder__status")
    assert status.get_attribute("aria-live") == "polite"
    assert status.text_content() == "Showing all 43 forces."
    box = page.get_by_label("Find a force by its name, or its commissioner's or body's name")
    box.click()
    page.keyboard.type("Cumbria Police and Crime Commissioner")  # the body before 1 April 2023, not today's
    assert finder_items(page) == ["Cumbria Constabulary"]
    assert status.text_content() == "Showing 1 of 43 forces."

    box.fill("")
    page.keyboard.type("fire & crime")  # "&" reads as "and"
    # any body's name, or today's body's kind ("Staffordshire Commissioner" is a police, fire and crime commissioner)
    expected = [force.name for force in register.forces if any("Fire and Crime" in body.name for body in force.bodies) or force.current_body.kind == "pfcc"]
    assert 1 < len(expected) < 43
    assert finder_items(page) == expected
    assert status.text_content() == f"Showing {len(expected)} of 43 forces."

    box.fill("")
    page.keyboard.type("mayor")
    assert finder_items(page) == [force.name for force in register.forces if force.current_body.kind == "mayor" or any("Mayor" in body.name for body in force.bodies)]

    box.fill("")
    page.keyboard.type("no such force")
    assert finder_items(page) == []
    assert status.text_content().startswith("No force matches")
    page.keyboard.press("Escape")
    assert box.input_value() == "" and len(finder_items(page)) == 43


@pytest.mark.browser
def test_finder_by_keyboard_only_reaches_the_force(site_url: str, page) -> None:
    page.goto(site_url + "forces/")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('register-finder__input')"):
            break
    else:
        pytest.fail("the finder's box cannot be reached with the Tab key")
    page.keyboard.type("Hampshire Constabulary")  # the force's former name
    page.keyboard.press("Enter")  # does not leave the page
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Hampshire and Isle of Wight Constabulary"
    page.keyboard.press("Enter")
    page.wait_for_url("**/forces/hampshire/")
