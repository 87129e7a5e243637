"""The built site in a real headless Chromium: accessibility (axe-core, WCAG 2.2 AA), no request
to another host, keyboard use of the table filters and sort buttons, tables without JavaScript,
and print.

axe-core comes from the pinned PyPI package axe-playwright-python, which ships axe.min.js
(MPL-2.0); it is injected into each page and run with the WCAG 2.0, 2.1 and 2.2 A and AA rules.
"""

from __future__ import annotations

from datetime import date
from importlib.resources import files
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import AS_OF, ROOT, served
from register.data.clock import Status
from register.data.load import load_register
from register.data.standing import standing

pytestmark = pytest.mark.browser

PREVENT = "counter-terrorism-prevent-2020"
TERRORIST = "management-of-terrorist-offenders-2023"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# A page of every kind. Pages that another part of the project adds are checked once they exist.
PAGES = {
    "home": "",
    "inspections": "inspections/",
    "inspection": f"inspections/{TERRORIST}/",
    "recommendation": f"inspections/{TERRORIST}/recommendations/20/",
    "forces": "forces/",
    "force": "forces/cumbria/",
    "responses": "responses/",
    "response": f"responses/{PREVENT}/cambridgeshire/",
    "timeliness": "timeliness/",
    "bodies' records": "timeliness/bodies/",
    "method": "method/",
    "about": "about/",
    "accessibility": "accessibility/",
    "help": "help/",
    "data": "data/",
    "file formats": "data/formats/",
    "changelog": "changelog/",
    "not found": "404.html",
}
ADDED_ELSEWHERE = {"data", "changelog"}


def existing(real_site: Path, kind: str) -> str:
    url = PAGES[kind]
    path = real_site / url if url.endswith(".html") else real_site / url / "index.html"
    if not path.is_file():
        if kind in ADDED_ELSEWHERE:
            pytest.skip(f"/{url} is not part of this build yet")
        pytest.fail(f"no page at /{url}")
    return url


@pytest.fixture
def context(browser):
    """A fresh browser context whose requests to any other host are recorded and refused."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.requests = []  # type: ignore[attr-defined]
    context.on("request", lambda request: context.requests.append(request.url))  # type: ignore[attr-defined]

    def refuse_other_hosts(route) -> None:
        if urlsplit(route.request.url).hostname in ("127.0.0.1", None):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", refuse_other_hosts)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


def axe_violations(page) -> list[str]:
    # evaluated rather than added as an inline <script>, which the site's Content-Security-Policy refuses
    page.evaluate(files("axe_playwright_python").joinpath("axe.min.js").read_text("utf-8"))
    violations = page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
            return results.violations.map(v => `${v.id} (${v.impact}): ${v.help}\\n` +
                v.nodes.map(n => `    ${n.target.join(" ")}: ${n.failureSummary.replace(/\\s+/g, " ")}`).join("\\n"));
        }""",
        AXE_TAGS,
    )
    return violations


def search(page, query: str) -> None:
    """Type a query into the site's search with the keyboard and wait for its results."""
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id === 'register-search-input'")
    page.keyboard.type(query)
    page.wait_for_selector(".register-search__result")


def tab_to(page, selector: str, limit: int = 150) -> None:
    """Press Tab until the element matching ``selector`` has focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
    pytest.fail(f"{selector} cannot be reached with the Tab key")


def forces_with(status: Status, year: int | None = None) -> list[str]:
    """The forces, in the matrix's order, whose body has ``status`` on an inspection (of ``year``), read from the data."""
    register = load_register(ROOT)
    inspections = [inspection for inspection in register.inspections if year is None or inspection.published.year == year]
    return [
        force.name
        for force in register.forces
        if any(standing(register, inspection, force, date.fromisoformat(AS_OF)).timeliness.status is status for inspection in inspections)
    ]


def shown_rows(page, table: str) -> list[str]:
    return page.eval_on_selector_all(f"{table} tbody tr:not([hidden])", "rows => rows.map(row => row.cells[0].textContent.trim())")


# Accessibility -------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", PAGES)
def test_page_has_no_accessibility_violations(real_site: Path, site_url: str, page, kind: str) -> None:
    page.goto(site_url + existing(real_site, kind))
    page.wait_for_load_state("networkidle")
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)


@pytest.mark.parametrize("kind", ["home", "timeliness", "inspection", "recommendation", "force", "response", "help"])
def test_page_on_a_narrow_screen_has_no_accessibility_violations(browser, real_site: Path, site_url: str, kind: str) -> None:
    """On a phone's width wide tables scroll sideways and the navigation folds away: checked too."""
    context = browser.new_context(viewport={"width": 400, "height": 800})
    try:
        page = context.new_page()
        page.goto(site_url + existing(real_site, kind))
        page.wait_for_load_state("networkidle")
        violations = axe_violations(page)
        assert not violations, "\n".join(violations)
    finally:
        context.close()


# The shapes of real documents (tests/fixtures/shapes): the page sections only they have
# (a located record, a proposed paper, a refer-back, areas for improvement, related reports,
# counts without texts, the new timeliness statuses, where the register looked and when).
SHAPE_PAGES = {
    "counts-only inspection": "inspections/fixture-counts-only-2022/",
    "inspection known in part": "inspections/fixture-final-2023/",
    "recommendation without words": "inspections/fixture-final-2023/recommendations/2/",
    "recommendation with a shared passage": "inspections/fixture-final-2023/recommendations/1/",
    "letter answering in prose": "responses/fixture-counts-only-2022/norfolk/",
    "proposed board paper": "responses/fixture-final-2023/cambridgeshire/",
    "refer-back": "responses/fixture-final-2023/cumbria/",
    "located record": "responses/fixture-final-2023/staffordshire/",
    "not the body's response": "responses/fixture-final-2023/norfolk/",
    "timeliness": "timeliness/",
    "force": "forces/norfolk/",
    "force with places looked": "forces/kent/",
    "inspection not yet looked for": "inspections/fixture-interim-2022/",
    "home with coverage": "",
}


@pytest.fixture(scope="module")
def shapes_url(shapes_site: Path):
    """The shape fixtures' site, served."""
    with served(shapes_site) as url:
        yield url


@pytest.mark.parametrize("kind", SHAPE_PAGES)
def test_shape_page_has_no_accessibility_violations(shapes_url: str, page, kind: str) -> None:
    page.goto(shapes_url + SHAPE_PAGES[kind])
    page.wait_for_load_state("networkidle")
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)


def test_search_results_and_filtered_tables_have_no_accessibility_violations(site_url: str, page) -> None:
    page.goto(site_url + "timeliness/")
    page.select_option("#timeliness-matrix-filter-timeliness", "date unknown")
    page.locator("table.register-matrix thead button").first.click()
    search(page, "Norfolk")
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)


# Privacy: nothing leaves the site ------------------------------------------------------------------


@pytest.mark.parametrize("kind", PAGES)
def test_page_requests_nothing_from_another_host(real_site: Path, site_url: str, context, page, kind: str) -> None:
    page.goto(site_url + existing(real_site, kind))
    page.wait_for_load_state("networkidle")
    if kind == "home":
        search(page, "Cumbria")  # loads Pagefind, its index chunks and result fragments
    others = [url for url in context.requests if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).hostname != "127.0.0.1"]
    assert not others, others
    assert any(url.endswith(".css") for url in context.requests)  # the recording works


def test_search_loads_its_index_from_the_site(site_url: str, context, page) -> None:
    page.goto(site_url)
    search(page, "Norfolk")
    fetched = [url.split("?")[0] for url in context.requests]
    assert site_url + "pagefind/pagefind-entry.json" in fetched
    assert any(url.startswith(site_url + "pagefind/index/") for url in fetched)  # a chunk, not the whole index
    assert site_url + "search/search_index.json" not in fetched


def test_search_waits_for_two_letters_before_fetching_any_index(site_url: str, context, page) -> None:
    """One letter would fetch the index of every word starting with it; the box says to type more."""
    page.goto(site_url)
    page.keyboard.press("/")
    page.keyboard.type("N")
    page.wait_for_function("() => document.querySelector('.register-search__status').textContent.includes('at least 2 letters')")
    page.wait_for_timeout(500)  # longer than the search's wait for typing to pause
    assert not [url for url in context.requests if "/pagefind/index/" in url]
    page.keyboard.type("o")
    page.wait_for_selector(".register-search__result")
    assert [url for url in context.requests if "/pagefind/index/" in url]


# Keyboard use of the tables -----------------------------------------------------------------------


def test_filter_table_with_the_keyboard_only(site_url: str, page) -> None:
    page.goto(site_url + "timeliness/")
    status = page.locator("#timeliness-matrix-status")
    assert status.text_content() == "Showing all 43 rows."
    assert len(shown_rows(page, "table.register-matrix")) == 43

    tab_to(page, "#timeliness-matrix-filter-timeliness")
    page.keyboard.press("ArrowDown")  # "All" → "date unknown"
    assert page.input_value("#timeliness-matrix-filter-timeliness") == "date unknown"
    # the forces with a response of unknown date on an inspection shown, read from the data; Cambridgeshire's
    # paper carries a date (after the due date), so it is not "date unknown"
    unknown = forces_with(Status.DATE_UNKNOWN)
    assert "Cambridgeshire Constabulary" not in unknown and {"Cumbria Constabulary", "Norfolk Constabulary"} <= set(unknown)
    assert shown_rows(page, "table.register-matrix") == unknown
    assert status.text_content() == f"Showing {len(unknown)} of 43 rows."

    tab_to(page, "#timeliness-matrix-filter-text")
    page.keyboard.type("norf")
    assert shown_rows(page, "table.register-matrix") == ["Norfolk Constabulary"]
    assert status.text_content() == "Showing 1 of 43 rows."

    tab_to(page, "button.register-filter-reset")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('#timeliness-matrix-status').textContent === 'Showing all 43 rows.'")
    assert len(shown_rows(page, "table.register-matrix")) == 43
    assert page.input_value("#timeliness-matrix-filter-timeliness") == ""


def test_filter_matrix_columns_by_year(site_url: str, page) -> None:
    """Choosing a year shows only that year's inspections; the timeliness filter then looks at those alone."""
    page.goto(site_url + "timeliness/")
    tab_to(page, "#timeliness-matrix-filter-year")
    page.keyboard.press("ArrowDown")  # "All" → "2023", the newest year first
    page.keyboard.press("ArrowDown")  # → "2020"
    assert page.input_value("#timeliness-matrix-filter-year") == "2020"
    headings = page.eval_on_selector_all("table.register-matrix thead th:not([hidden])", "ths => ths.map(th => th.textContent.trim())")
    assert len(headings) == 2 and headings[1].startswith("Counter-terrorism policing")
    assert page.locator("table.register-matrix tbody tr").first.locator("td:visible").count() == 1
    page.select_option("#timeliness-matrix-filter-timeliness", "date unknown")
    unknown = forces_with(Status.DATE_UNKNOWN, 2020)  # Cumbria's undated joint response and the located records
    assert "Cumbria Constabulary" in unknown and "Cambridgeshire Constabulary" not in unknown
    assert unknown != forces_with(Status.DATE_UNKNOWN)  # the filter looks at 2020's column alone
    assert shown_rows(page, "table.register-matrix") == unknown
    assert page.locator("#timeliness-matrix-status").text_content() == f"Showing {len(unknown)} of 43 rows, 1 of 2 columns."
    page.select_option("#timeliness-matrix-filter-timeliness", "dated after due date")
    assert shown_rows(page, "table.register-matrix") == ["Cambridgeshire Constabulary"]


def test_filter_by_kind_of_body_with_type_ahead(site_url: str, page) -> None:
    page.goto(site_url + "timeliness/")
    tab_to(page, "select[id$='-filter-body-kind']")
    page.keyboard.type("m")  # a closed list jumps to the first option starting with the letter typed
    assert page.evaluate("document.activeElement.value") == "mayor"
    mayors = [force.name for force in load_register(ROOT).forces if force.current_body.kind == "mayor"]
    assert 0 < len(mayors) < 43
    assert shown_rows(page, "table.register-matrix") == mayors


def test_sort_table_with_the_keyboard_only(site_url: str, page) -> None:
    page.goto(site_url + "timeliness/")
    force_header = page.locator("table.register-matrix thead th").first
    tab_to(page, "table.register-matrix thead th:first-child button")
    page.keyboard.press("Enter")
    assert force_header.get_attribute("aria-sort") == "ascending"
    assert shown_rows(page, "table.register-matrix")[0] == "Avon and Somerset Constabulary"
    page.keyboard.press("Enter")
    assert force_header.get_attribute("aria-sort") == "descending"
    assert shown_rows(page, "table.register-matrix")[0] == "Wiltshire Police"
    assert "Sorted by Force, descending." in page.locator("#timeliness-matrix-status").text_content()

    # The newest inspection's column, by timeliness: responses of unknown date sort after those identified as missing.
    tab_to(page, "table.register-matrix thead th:nth-child(2) button")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')").startswith("Sort by Management of terrorist offenders")
    page.keyboard.press("Space")
    page.keyboard.press("Space")
    assert page.locator("table.register-matrix thead th").nth(1).get_attribute("aria-sort") == "descending"
    assert force_header.get_attribute("aria-sort") is None
    assert shown_rows(page, "table.register-matrix")[:3] == ["Cumbria Constabulary", "Norfolk Constabulary", "Staffordshire Police"]


def test_sort_by_date_uses_the_date_not_its_words(site_url: str, page) -> None:
    page.goto(site_url + "inspections/")
    published = page.locator("table.register-inspections thead th", has_text="Published")
    published.locator("button").click()
    assert shown_rows(page, "table.register-inspections")[0].startswith("Counter-terrorism policing")  # 2020 before 2023
    published.locator("button").click()
    assert shown_rows(page, "table.register-inspections")[0].startswith("Management of terrorist offenders")


def test_filter_answers_by_position(site_url: str, page) -> None:
    """The answers are cards, one per body (each body's words under its name), and filter like a table."""
    page.goto(site_url + f"inspections/{TERRORIST}/recommendations/20/")
    cards = page.locator("section.register-answer:visible")
    assert cards.count() == 3
    select = page.locator("select[id$='-filter-position']")
    assert select.locator("option").all_text_contents() == ["All", "accepted", "awaiting national lead", "noted"]
    select.select_option("awaiting national lead")
    assert cards.count() == 1
    assert cards.first.locator("h3").inner_text().startswith("Norfolk Constabulary")
    assert page.locator("#answers-status").inner_text() == "Showing 1 of 3 answers."


# Without JavaScript, and in print ---------------------------------------------------------------


def test_tables_are_complete_without_javascript(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "timeliness/")
        assert page.locator("table.register-matrix tbody tr:visible").count() == 43
        assert page.locator(".register-filters, button.register-sort").count() == 0
        page.goto(site_url + f"inspections/{TERRORIST}/")
        held = sum(1 for r in load_register(ROOT).responses if r.inspection_id == TERRORIST and r.section_55.counts)
        assert page.locator("ul.register-held li:visible").count() == held
        assert page.locator("table.register-standings tbody tr:visible").count() == 43 - held  # every other body
        assert page.locator("figure.register-chart svg").is_visible()
    finally:
        context.close()


def test_a_response_prints_without_the_site_around_it(site_url: str, page) -> None:
    page.goto(site_url + f"responses/{PREVENT}/cambridgeshire/")
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".register-search"):
        assert not page.locator(chrome).first.is_visible(), chrome
    article = page.locator("article")
    assert article.is_visible()
    width = page.evaluate("document.querySelector('article').getBoundingClientRect().width / window.innerWidth")
    assert width > 0.85  # the content uses the page's width
    assert "The Constabulary will await further information." in article.text_content()
    assert page.pdf(format="A4")[:5] == b"%PDF-"


def test_table_controls_do_not_print(site_url: str, page) -> None:
    page.goto(site_url + "timeliness/")
    page.select_option("#timeliness-matrix-filter-timeliness", "date unknown")
    assert page.locator(".register-filters").is_visible()
    page.emulate_media(media="print")
    assert not page.locator(".register-filters").is_visible()
    assert not page.locator("table.register-matrix thead button.register-sort--icon").first.is_visible()
    # what is printed says what it shows
    assert page.locator("#timeliness-matrix-status").is_visible()
    unknown = forces_with(Status.DATE_UNKNOWN)
    assert 0 < len(unknown) < 43
    assert page.locator("#timeliness-matrix-status").text_content() == f"Showing {len(unknown)} of 43 rows."
    assert page.locator("table.register-matrix tbody tr:visible").count() == len(unknown)
