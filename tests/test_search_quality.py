"""Search people can use, in a real headless Chromium over the real data: the ranks recorded on the help
page hold, only public pages and their own words are found, results say what kind of page they are
(with a short title on a phone), the results page lists every result grouped by kind, and the 404
page offers search and the main routes.

The ranks are those of the table under "How well search finds the right page" in content/help.md,
measured before and after the search index was limited to public pages and the pages' own words;
these tests check the "after" column on every build.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from test_browser import axe_violations
from test_search import results

pytestmark = pytest.mark.browser

TERRORIST = "management-of-terrorist-offenders-2023"
PREVENT = "counter-terrorism-prevent-2020"

# query, the right page, its rank, and how many pages match: the "after" columns of the help page's table
RANKS = [
    ("Norfolk", "/forces/norfolk/", 1, 6),
    ("West Mercia", "/forces/west-mercia/", 1, 4),
    ("Dyfed-Powys", "/forces/dyfed-powys/", 1, 4),
    ("Ben Adams", f"/responses/{TERRORIST}/staffordshire/", 1, 2),
    ("Multi-Agency Public Protection Service", f"/responses/{TERRORIST}/staffordshire/", 1, 2),
    ("guidance that might be issued to forces", f"/responses/{TERRORIST}/norfolk/", 1, 1),
    ("ViSOR", f"/inspections/{TERRORIST}/recommendations/21/", 1, 2),
    ("counter-terrorism local profiles", f"/inspections/{PREVENT}/recommendations/8/", 1, 1),
    ("late", "/timeliness/", 3, 7),
]
STAFF = ("/contributing/", "/importing/")


@pytest.fixture(scope="module")
def search_page(browser, site_url: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url)
    yield page
    context.close()


def status(page) -> str:
    """The search box's count line: \"6 pages match.\" or \"1 page matches.\""""
    return page.locator("#register-search-status").inner_text()


def results_page(page, site_url: str, query: str) -> dict[str, list[str]]:
    """The results page for ``query``: each group's kind and the paths of its links, best first."""
    page.goto(site_url + "search/?q=" + query)
    page.wait_for_function("(q) => document.querySelector('.register-search-page__groups').dataset.query === q", arg=query)
    return page.evaluate(
        """() => Object.fromEntries(Array.from(document.querySelectorAll('.register-search-page__group')).map(
            g => [g.dataset.kind, Array.from(g.querySelectorAll('a.register-search__link')).map(a => new URL(a.href).pathname)]))"""
    )


def help_table() -> list[list[str]]:
    text = (Path(__file__).resolve().parents[1] / "content" / "help.md").read_text("utf-8")
    section = text.split("### How well search finds the right page", 1)[1]
    return [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in section.splitlines()
        if line.startswith("| ") and "---" not in line
    ][1:]


@pytest.mark.parametrize(("query", "path", "rank", "total"), RANKS)
def test_the_right_page_has_the_rank_the_help_page_records(search_page, query: str, path: str, rank: int, total: int) -> None:
    found = results(search_page, query)
    assert path in found, (query, found)
    assert found.index(path) + 1 == rank, (query, found)
    # the changelog, built from the project's history, may add a match where the build has no history
    assert int(status(search_page).split()[0]) <= total, status(search_page)


def test_the_help_page_table_is_the_one_the_tests_check() -> None:
    rows = {row[0]: row for row in help_table()}
    assert set(rows) == {query for query, *_ in RANKS}
    for query, _, rank, total in RANKS:
        assert rows[query][4] == str(rank), rows[query]
        assert rows[query][6].split(",")[0] == str(total), rows[query]


def test_a_repeated_label_no_longer_finds_every_force(search_page, site_url: str) -> None:
    """Before, "late" found all 43 force pages for the "late 0" on each one's record."""
    groups = results_page(search_page, site_url, "late")
    assert "force" not in groups, groups.get("force")
    assert sum(len(paths) for paths in groups.values()) <= 7, groups


@pytest.mark.parametrize("query", ["Norfolk", "schema", "register check", "pull request"])
def test_staff_pages_are_not_found(search_page, site_url: str, query: str) -> None:
    groups = results_page(search_page, site_url, query)
    found = [path for paths in groups.values() for path in paths]
    assert not [path for path in found if path.startswith(STAFF)], found


def test_results_are_tagged_by_kind(search_page) -> None:
    results(search_page, "Norfolk")
    kinds = search_page.eval_on_selector_all("#register-search-results .register-search__kind", "tags => tags.map(t => t.textContent)")
    assert kinds[:2] == ["Force", "Response"], kinds


def test_the_box_links_to_every_result_grouped_by_kind(search_page, site_url: str) -> None:
    results(search_page, "Norfolk")
    link = search_page.locator(".register-search__all")
    assert link.is_visible()
    assert link.inner_text() == "These results on a page of their own, by kind"
    with search_page.expect_navigation():
        link.click()
    assert urlsplit(search_page.url).path == "/search/"
    groups = results_page(search_page, site_url, "Norfolk")
    assert list(groups)[:2] == ["force", "response"], groups
    assert groups["force"][0] == "/forces/norfolk/"
    assert groups["response"] == [f"/responses/{TERRORIST}/norfolk/"]
    headings = search_page.eval_on_selector_all(".register-search-page__group h2", "hs => hs.map(h => h.textContent)")
    assert headings[0] == "Forces (1)", headings  # the list of forces is one of the other pages
    assert search_page.locator("#register-search-page-input").input_value() == "Norfolk"


def test_enter_in_the_box_opens_the_results_page(browser, site_url: str) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(site_url + "method/")
        page.keyboard.press("/")
        page.keyboard.type("Prevent")
        page.wait_for_selector(".register-search__result")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert urlsplit(page.url).path == "/search/"
        groups = results_page(page, site_url, "Prevent")
        assert groups["inspection"][0] == f"/inspections/{PREVENT}/"
        assert "recommendation" in groups and "response" in groups
    finally:
        context.close()


def test_a_long_group_shows_the_rest_on_request(search_page, site_url: str) -> None:
    """Every force's page names its bodies, most of them "Police and Crime Commissioner": ten are listed at first."""
    groups = results_page(search_page, site_url, "Police")
    longest = "force"
    more = search_page.locator(f".register-search-page__group[data-kind={longest}] .register-search-page__more")
    assert more.is_visible()
    shown = len(groups[longest])
    assert shown == 10
    total = int(re.search(r"\((\d+)\)", search_page.locator(f"#kind-{longest}").inner_text()).group(1))
    more.click()
    search_page.wait_for_function(
        "([k, n]) => document.querySelectorAll(`.register-search-page__group[data-kind=${k}] li`).length === n", arg=[longest, total]
    )
    assert total > shown
    assert not more.count()


@pytest.mark.parametrize(("width", "shown"), [(390, "short"), (1280, "long")])
def test_short_result_titles_on_a_phone(browser, site_url: str, width: int, shown: str) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        page.goto(site_url)
        results(page, "ViSOR")
        first = page.locator("#register-search-results .register-search__link").first
        titles = first.locator(".register-search__title")
        visible = [titles.nth(i).inner_text() for i in range(titles.count()) if titles.nth(i).is_visible()]
        assert len(visible) == 1, visible
        if shown == "short":
            assert visible == ["Recommendation 21 – Management of terrorist…"]
        else:
            assert visible == ["Recommendation 21 – Management of terrorist offenders in the wake of terrorist attacks"]
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    finally:
        context.close()


def test_the_results_page_has_no_accessibility_violations(search_page, site_url: str) -> None:
    results_page(search_page, site_url, "Norfolk")
    violations = axe_violations(search_page)
    assert not violations, "\n".join(violations)


def test_the_results_page_without_javascript_points_to_the_lists(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "search/?q=Norfolk")
        note = page.locator(".register-search-page__nojs")
        assert note.is_visible()
        assert note.locator("a").first.get_attribute("href") == "../inspections/"
    finally:
        context.close()


# The 404 page ---------------------------------------------------------------------------------------


def test_the_404_page_has_no_inline_script_or_style(real_site: Path) -> None:
    html = (real_site / "404.html").read_text("utf-8")
    assert "Page not found" in html
    inline = r"<script(?![^>]*\b(?:src=|type=\"application/json\"))[^>]*>"  # Material's configuration is JSON data, not a script
    assert not re.search(inline, html), re.findall(inline, html)
    assert not re.search(r"<style\b|\sstyle=", html)
    assert "data-pagefind-body" not in html  # not a search result


def test_the_404_page_offers_search_and_the_main_routes(browser, site_url: str) -> None:
    context = browser.new_context()
    refused: list[str] = []
    try:
        page = context.new_page()
        page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None)
        page.goto(site_url + "404.html")
        assert page.locator("h1").inner_text() == "Page not found"
        routes = page.eval_on_selector_all(
            ".register-not-found__routes a", "links => links.map(a => [a.textContent, new URL(a.href).pathname])"
        )
        assert routes[:5] == [
            ["Inspections", "/inspections/"],
            ["Forces", "/forces/"],
            ["Responses", "/responses/"],
            ["Timeliness", "/timeliness/"],
            ["Open data", "/data/"],
        ]
        for _, path in routes:
            assert page.request.get(site_url.rstrip("/") + path).ok, path
        assert page.locator("#register-search-input").is_visible()  # the header's search box works here too
        violations = axe_violations(page)
        assert not violations, "\n".join(violations)
        page.fill("#register-not-found-input", "Norfolk")
        with page.expect_navigation():
            page.press("#register-not-found-input", "Enter")
        assert urlsplit(page.url).path == "/search/"
        groups = results_page(page, site_url, "Norfolk")
        assert groups["force"][0] == "/forces/norfolk/"
        assert not refused, refused
    finally:
        context.close()
