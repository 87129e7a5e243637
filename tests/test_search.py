"""Search that helps, in a real headless Chromium: a force's name, an inspection's title or a
phrase from a recommendation finds the right page first, and search works from the keyboard alone.

Search is Pagefind's chunked static index (built by the hook into pagefind/) behind the header's
search box (overrides/partials/register-search.html, assets/search.js). Ranking comes from the
title weights in the templates' front matter (`search_weight`: force and inspection 10, response 5,
recommendation 3, against 7 for other titles), the recommendation's own words weighted 5, the
lists, tables and repeated facts left out of the index (`data-pagefind-ignore`, `search_exclude`:
each body's words are indexed once, on its response page) and the ranking's lighter weight for page
length (assets/search.js); these tests fail if any of them stops doing its job.
"""

from __future__ import annotations

import functools
import shutil
import threading
from datetime import date
from http.server import ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from conftest import AS_OF, _QuietHandler, build, copy_project
from register.data.load import load_register
from synthetic import generate

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

    The box is emptied first; the query is then entered whole, and the links are read once the
    list says it answers this query, so the links read are its own.
    """
    box = page.locator("#register-search-input")
    box.focus()
    box.fill("")
    box.fill(query[:-1])
    page.keyboard.type(query[-1])  # the search reacts to input events, as from a person typing
    page.wait_for_function("(q) => document.querySelector('#register-search-results').dataset.query === q", arg=query)
    links = page.eval_on_selector_all("#register-search-results a.register-search__link", "links => links.map(a => a.href)")
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
            if page.evaluate("document.activeElement.id === 'register-search-input'"):
                break
        else:
            pytest.fail("the search box cannot be reached with the Tab key")
        page.keyboard.type("Management of terrorist offenders")
        page.wait_for_selector(".register-search__result")
        page.keyboard.press("ArrowDown")
        assert page.evaluate("document.activeElement.classList.contains('register-search__link')")
        # Escape closes the results and returns to the box; down again goes back to them
        page.keyboard.press("Escape")
        assert page.evaluate("document.activeElement.id === 'register-search-input'")
        assert not page.locator("#register-search-results").is_visible()
        page.keyboard.press("ArrowDown")  # closed results are not a place focus can go
        assert page.evaluate("document.activeElement.id === 'register-search-input'")
        page.keyboard.type(" ")
        page.wait_for_selector(".register-search__result")
        page.keyboard.press("ArrowDown")
        assert page.evaluate("document.activeElement.classList.contains('register-search__link')")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert urlsplit(page.url).path == f"/inspections/{TERRORIST}/"

        # "s" (like "/") is the shortcut to the search box from anywhere on a page
        page.keyboard.press("s")
        assert page.evaluate("document.activeElement.id === 'register-search-input'")
        page.keyboard.type("Staffordshire")
        page.wait_for_function("() => document.querySelector('#register-search-results').dataset.query === 'Staffordshire'")
        page.keyboard.press("ArrowDown")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert urlsplit(page.url).path == "/forces/staffordshire/"
    finally:
        context.close()


def test_search_without_javascript_offers_the_lists_instead(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "method/")
        assert not page.locator("#register-search-input").is_visible()
        fallback = page.locator("a.register-search__fallback")
        assert fallback.is_visible()
        assert urlsplit(fallback.get_attribute("href")).path.endswith("inspections/")
    finally:
        context.close()


# A small synthetic register: the same search over data the register did not hand-pick --------------


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory):
    """Six synthetic inspections built with the real templates and served over HTTP."""
    root = tmp_path_factory.mktemp("synthetic-search")
    project = copy_project(root / "project")
    shutil.rmtree(project / "data")
    generate(project / "data", inspections=6, seed=1, as_of=date.fromisoformat(AS_OF))
    result = build(project)
    assert result.returncode == 0, result.output
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(result.site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield load_register(project), f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="module")
def synthetic_page(browser, synthetic):
    context = browser.new_context()
    page = context.new_page()
    page.goto(synthetic[1])
    yield page
    context.close()


def test_synthetic_search_finds_a_force_then_its_responses(synthetic, synthetic_page) -> None:
    register, _ = synthetic
    for force_id in ("norfolk", "cumbria"):
        name = register.force(force_id).name.split()[0]
        found = results(synthetic_page, name)
        assert found[0] == f"/forces/{force_id}/", found
        responses = [path for path in found[1:] if path.startswith("/responses/")]
        assert responses and all(path.endswith(f"/{force_id}/") for path in responses), found


def test_synthetic_search_finds_a_recommendation_by_a_phrase(synthetic, synthetic_page) -> None:
    register, _ = synthetic
    for inspection in register.inspections[:3]:
        rec = inspection.recommendations[0]
        found = results(synthetic_page, rec.text)
        assert found[0] == f"/inspections/{inspection.id}/recommendations/{rec.number}/", (rec.text, found)
