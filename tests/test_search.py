"""Search that helps, in a real headless Chromium: a force's name, an inspection's title or a
phrase from a recommendation finds the right page first, and search works from the keyboard alone.

Ranking comes from the page boosts in the templates' front matter (force 6, inspection 4,
recommendation 3), the title boost in mkdocs.yml, and the tables left out of the index
(`data-search-exclude`); these tests fail if any of them stops doing its job.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

PREVENT = "counter-terrorism-prevent-2020"
TERRORIST = "management-of-terrorist-offenders-2023"


@pytest.fixture(scope="module")
def search_page(browser, site_url: str):
    """One page with the search index loaded, reused for every query."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url)
    yield page
    context.close()


def results(page, query: str) -> list[str]:
    """The paths of the result links, best first, for ``query`` entered in the search box.

    The box is emptied first and the results of the last query are waited away; the query is
    then entered whole, so the one search made is for all of it and the links read are its own.
    """
    box = page.locator(".md-search__input")
    box.focus()
    box.fill("")
    page.keyboard.press("Backspace")  # the search reacts to keys, not to a value set by a script
    page.wait_for_selector(".md-search-result__item", state="detached")
    box.fill(query[:-1])
    page.keyboard.type(query[-1])
    page.wait_for_selector(".md-search-result__item")
    links = page.eval_on_selector_all(".md-search-result__item > a.md-search-result__link", "links => links.map(a => a.href)")
    return [urlsplit(link).path for link in links]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        # a force's name: the force's page, before its responses
        ("Norfolk", "forces/norfolk/"),
        ("Cumbria", "forces/cumbria/"),
        ("Staffordshire", "forces/staffordshire/"),
        ("Essex", "forces/essex/"),
        # an inspection's title, whole or in part: the inspection's page
        ("Management of terrorist offenders in the wake of terrorist attacks", f"inspections/{TERRORIST}/"),
        ("Management of terrorist offenders", f"inspections/{TERRORIST}/"),
        ("Prevent programme", f"inspections/{PREVENT}/"),
        ("Counter-terrorism policing", f"inspections/{PREVENT}/"),
        # a phrase from a recommendation: that recommendation's page
        ("risk assessment process for those tasked with visiting counter terrorism nominals", f"inspections/{TERRORIST}/recommendations/20/"),
        ("Registered Terrorism Offender Assessment Framework", f"inspections/{TERRORIST}/recommendations/19/"),
        ("ViSOR", f"inspections/{TERRORIST}/recommendations/21/"),
        ("training and awareness package", f"inspections/{PREVENT}/recommendations/1/"),
        ("vulnerability to radicalisation as the 14th core discipline", f"inspections/{PREVENT}/recommendations/2/"),
        ("counter-terrorism local profiles", f"inspections/{PREVENT}/recommendations/8/"),
    ],
)
def test_search_finds_the_right_page_first(search_page, site_url: str, query: str, first: str) -> None:
    found = results(search_page, query)
    assert found, f"no results for {query!r}"
    assert found[0] == urlsplit(site_url).path + first, found[:5]


def test_a_force_name_finds_its_responses_next(search_page, site_url: str) -> None:
    found = results(search_page, "Norfolk")
    assert found[:2] == ["/forces/norfolk/", f"/responses/{TERRORIST}/norfolk/"]


def test_search_with_the_keyboard_only(browser, site_url: str) -> None:
    """Tab to the search box, type, arrow down to the first result and press Enter."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(site_url + "method/")
        for _ in range(20):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('md-search__input')"):
                break
        else:
            pytest.fail("the search box cannot be reached with the Tab key")
        page.keyboard.type("Management of terrorist offenders")
        page.wait_for_selector(".md-search-result__item")
        page.keyboard.press("ArrowDown")
        assert page.evaluate("document.activeElement.classList.contains('md-search-result__link')")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert urlsplit(page.url).path == f"/inspections/{TERRORIST}/"

        # "s" (like "/") is the shortcut to the search box from anywhere on a page
        page.keyboard.press("s")
        page.keyboard.type("Staffordshire")
        page.wait_for_selector(".md-search-result__item")
        page.keyboard.press("ArrowDown")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert urlsplit(page.url).path == "/forces/staffordshire/"
    finally:
        context.close()
