"""Every kind of page on a phone and on a desktop, in a real headless Chromium (issue 13: points 3,
5, 9 and 10): at 320, 390 and 1280 pixels wide nothing scrolls sideways and no word is broken
inside itself; at 320 every table cell shows its column's label (tables become cards); axe-core
finds nothing at 390 and 1280; and every page has the footer with the licence and the phase banner.

Without a browser: the banner's numbers are the data's, and the footer and the corrections page say
who runs the register only when ``extra.register.owner`` in mkdocs.yml says so.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import AS_OF, ROOT, build, copy_project
from register.data.coverage import CoverageState
from register.data.load import load_register
from register.data.standing import standings_for_inspection
from register.site.cards import label_cells, soft_breaks
from register.site.stats import coverage_counts
from register.site.wording import long_date
from test_browser import PREVENT, TERRORIST, axe_violations

# A page of every kind the issue names, and the pages the accessibility statement says are tested.
KINDS = {
    "home": "",
    "inspections": "inspections/",
    "inspection": f"inspections/{TERRORIST}/",
    "recommendation": f"inspections/{TERRORIST}/recommendations/20/",
    "force": "forces/cumbria/",
    "forces": "forces/",
    "response": f"responses/{PREVENT}/cambridgeshire/",
    "responses": "responses/",
    "timeliness": "timeliness/",
    "data": "data/",
    "data formats": "data/formats/",
    "changelog": "changelog/",
    "method": "method/",
    "search": "search/?q=norfolk",
    "not found": "404.html",
    "about": "about/",
    "help": "help/",
    "accessibility": "accessibility/",
    "corrections": "corrections/",
}
WIDTHS = (320, 390, 1280)
LICENCE = "Open Government Licence v3.0"
NOT_PUBLISHED = "Who runs this register and how to contact them are not yet published."

# Words (letters only: a break at a hyphen or a slash is a break between words) whose text is laid out
# on more than one line. Code blocks are left out (they scroll), as are the sidebars (off-screen on a phone).
BROKEN_WORDS = """() => {
  const broken = [];
  const range = document.createRange();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest("pre, script, style, .md-sidebar, .register-visually-hidden, [hidden]")) continue;
    if (!parent.getClientRects().length) continue;  /* not shown */
    for (const word of node.textContent.matchAll(/\\p{L}[\\p{L}'\u2019]+/gu)) {
      range.setStart(node, word.index);
      range.setEnd(node, word.index + word[0].length);
      const lines = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => Math.round(r.bottom)));
      if (lines.size > 1) broken.push(`${word[0]} (in "${node.textContent.trim().slice(0, 60)}")`);
    }
  }
  return broken;
}"""

# At a phone's width, each body cell of a table shown as cards, and what its ::before shows.
CELL_LABELS = """() => Array.from(document.querySelectorAll("article table[data-cards]")).flatMap(table => {
  const headers = Array.from(table.tHead.rows[table.tHead.rows.length - 1].cells).map(th => th.textContent.replace(/[\\u2195\\u25b2\\u25bc]/g, "").replace(/\\s+/g, " ").trim());
  return Array.from(table.tBodies).flatMap(body => Array.from(body.rows)).filter(row => !row.hidden).flatMap(row =>
    Array.from(row.cells).filter(cell => cell.tagName === "TD" && cell.textContent.trim()).map(cell => ({
      header: headers[cell.cellIndex] || "",
      shown: getComputedStyle(cell, "::before").content,
      display: getComputedStyle(table).display,
    })));
})"""


@pytest.fixture
def at(browser, site_url: str):
    """Opens a page of a kind at a given width, settled; its browser context is closed after the test."""
    contexts = []

    def open_at(width: int, kind: str):
        context = browser.new_context(viewport={"width": width, "height": 800 if width < 600 else 900})
        contexts.append(context)
        page = context.new_page()
        page.goto(site_url + KINDS[kind])
        page.wait_for_load_state("networkidle")
        return page

    yield open_at
    for context in contexts:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways_or_breaks_a_word(at, width: int, kind: str) -> None:
    page = at(width, kind)
    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner, f"/{KINDS[kind]} is {scroll} pixels wide on a screen {inner} wide"
    broken = page.evaluate(BROKEN_WORDS)
    assert broken == [], f"words broken inside themselves at {width} pixels: {broken[:10]}"


@pytest.mark.browser
@pytest.mark.parametrize("kind", ["inspections", "inspection", "force", "responses", "home", "data"])
def test_table_cells_on_a_phone_show_their_column_label(at, kind: str) -> None:
    page = at(320, kind)
    cells = page.evaluate(CELL_LABELS)
    assert cells, f"/{KINDS[kind]} has no table shown as cards"
    for cell in cells:
        assert cell["display"] == "block"
        assert cell["header"] and cell["shown"] == f'"{cell["header"]}: "', cell


@pytest.mark.browser
def test_names_in_table_cells_stay_whole_on_a_phone(at) -> None:
    """The issue's example: a force's name breaks only between its words, never inside them."""
    page = at(320, "inspection")
    cell = page.locator("table.register-standings tbody tr", has_text="Avon and Somerset Constabulary").first.locator("a").first
    assert cell.is_visible()
    lines = cell.evaluate(
        """(link) => Array.from(link.textContent.matchAll(/\\S+/g)).map(word => {
            const range = document.createRange();
            const text = link.firstChild;
            range.setStart(text, word.index); range.setEnd(text, word.index + word[0].length);
            return new Set(Array.from(range.getClientRects()).map(r => Math.round(r.bottom))).size;
        })"""
    )
    assert lines and set(lines) == {1}


@pytest.mark.browser
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("width", (390, 1280))
def test_page_has_no_accessibility_violations_at_this_width(at, width: int, kind: str) -> None:
    page = at(width, kind)
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)


@pytest.mark.browser
@pytest.mark.parametrize("kind", KINDS)
def test_every_page_has_the_footer_and_the_phase_banner(at, kind: str) -> None:
    page = at(390, kind)
    footer = page.locator("footer.register-footer")
    assert footer.is_visible()
    assert LICENCE in footer.text_content()
    assert footer.get_by_role("link", name="Open Government Licence v3.0").get_attribute("href") == (
        "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
    )
    assert f"Figures are as of {long_date(date.fromisoformat(AS_OF))}." in footer.text_content()
    banner = page.locator(".register-phase")
    assert banner.is_visible()
    assert banner.locator(".register-phase__tag").text_content() == "Beta"
    assert re.search(r"^BETA\s+\d+ of the \d+ responses expected are held\. Where it looked\.$", banner.inner_text().strip())  # a phone: a few words


@pytest.mark.browser
def test_the_banner_gives_its_whole_sentence_on_a_desktop(at) -> None:
    banner = at(1280, "home").locator(".register-phase")
    assert re.search(r"holds \d+ transcribed and \d+ located responses to \d+ inspection reports; for \d+ of the \d+", banner.inner_text())
    assert not banner.locator(".register-phase__short").is_visible()


@pytest.mark.browser
def test_tables_sort_on_a_phone_from_the_buttons_above_the_cards(at) -> None:
    page = at(390, "inspections")
    published = page.locator("table.register-inspections thead button", has_text="Published")
    assert published.is_visible()
    published.click()
    first = page.locator("table.register-inspections tbody tr").first
    assert first.locator("td").first.text_content().startswith("Counter-terrorism policing")  # 2020 before 2023
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.browser
def test_wide_tables_stay_tables_on_a_desktop(at) -> None:
    page = at(1280, "inspection")
    assert page.evaluate("getComputedStyle(document.querySelector('table.register-standings')).display") == "table"
    assert page.evaluate("getComputedStyle(document.querySelector('table.register-standings td'), '::before').content") in ("none", "normal")


# Without a browser -------------------------------------------------------------------------------


def _soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text("utf-8"), "html.parser")


def _text(element) -> str:
    return " ".join(element.get_text(" ").split())


def test_the_banner_counts_are_the_datas(real_site: Path) -> None:
    register = load_register(ROOT)
    standings = [item for inspection in register.inspections for item in standings_for_inspection(register, inspection, date.fromisoformat(AS_OF))]
    counts = dict(coverage_counts(standings))
    held = counts[CoverageState.TRANSCRIBED] + counts[CoverageState.LOCATED]
    assert 0 < held < len(standings)
    expected = (
        f"The register holds {counts[CoverageState.TRANSCRIBED]} transcribed and {counts[CoverageState.LOCATED]} located responses "
        f"to {len(register.inspections)} inspection reports; for {len(standings) - held} of the {len(standings)} responses "
        "expected from the bodies, none is in the register yet."
    )
    for page in ("index.html", "404.html", f"responses/{PREVENT}/cambridgeshire/index.html", "accessibility/index.html"):
        banner = _soup(real_site, page).select_one(".register-phase")
        assert expected in _text(banner), page
        assert f"{held} of the {len(standings)} responses expected are held." in _text(banner.select_one(".register-phase__short")), page
    unfilled = [path for path in real_site.rglob("*.html") if "<!-- register:" in path.read_text("utf-8")]
    assert unfilled == []


def test_the_footer_says_the_owner_is_not_yet_published(real_site: Path) -> None:
    for page in ("index.html", "404.html", f"responses/{PREVENT}/cambridgeshire/index.html"):
        footer = _soup(real_site, page).select_one("footer.register-footer")
        assert NOT_PUBLISHED in _text(footer)
        assert LICENCE in _text(footer)
        assert "does not cover the bodies' own documents" in _text(footer)
        links = {a.get_text(strip=True): a["href"] for a in footer.select("a")}
        assert links["how to report a correction"].endswith("corrections/")
        assert "For staff: contributing" in links and "For staff: importing" in links
    corrections = _text(_soup(real_site, "corrections/index.html").select_one("article"))
    assert "the address to write to, are not yet published" in corrections
    statement = _text(_soup(real_site, "accessibility/index.html").select_one("article"))
    assert "the address to write to, are not yet published" in statement
    assert "partially compliant" in statement and "prepared on 1 December 2026" in statement


def test_staff_pages_are_out_of_the_navigation_but_published(real_site: Path) -> None:
    home = _soup(real_site, "index.html")
    nav = {a.get_text(strip=True) for a in home.select("nav.md-nav--primary a.md-nav__link")}
    assert "Contributing" not in nav and "Importing" not in nav
    assert (real_site / "contributing" / "index.html").is_file() and (real_site / "importing" / "index.html").is_file()


def test_the_footer_and_corrections_page_show_the_owner_once_set(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    settings = {
        "name": '"Example Register Office & Partners"',
        "contact_url": '"mailto:register@example.org"',
        "corrections_url": '"https://example.org/corrections?form=1&page=2"',
    }
    for key, value in settings.items():
        text, replaced = re.subn(rf"^(\s+{key}:) null\b", rf"\1 {value}", text, flags=re.MULTILINE)
        assert replaced == 1, key
    config.write_text(text, "utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    html = (result.site / "index.html").read_text("utf-8")
    assert "run by Example Register Office &amp; Partners." in html
    footer = _soup(result.site, "index.html").select_one("footer.register-footer")
    assert NOT_PUBLISHED not in _text(footer)
    links = {a.get_text(strip=True): a["href"] for a in footer.select("a")}
    assert links["send a correction"] == "https://example.org/corrections?form=1&page=2"
    assert links["Contact the register"] == "mailto:register@example.org"
    corrections = _soup(result.site, "corrections/index.html").select_one("article")
    assert "The register is run by Example Register Office & Partners." in _text(corrections)
    assert [a["href"] for a in corrections.select("a[href^='mailto:'], a[href^='https://example.org']")] == [
        "https://example.org/corrections?form=1&page=2",
        "mailto:register@example.org",
    ]
    assert "not yet published" not in _text(corrections).split("What to include")[0]


# The cards' labels, on HTML -------------------------------------------------------------------------


def test_body_cells_get_their_column_header_as_a_label() -> None:
    table = (
        '<table class="register-table"><thead><tr><th scope="col">Force &amp; body</th><th colspan="2">Status <span>now</span></th></tr></thead>'
        '<tbody><tr><th scope="row">Avon and Somerset</th><td class="a">on time</td><td>3</td></tr></tbody></table>'
    )
    labelled = BeautifulSoup(label_cells(table), "html.parser")
    assert labelled.table.has_attr("data-cards")
    assert [cell.get("data-label") for cell in labelled.select("tbody th, tbody td")] == ["Force & body", "Status now", "Status now"]
    assert 'data-label="Force &amp; body"' in label_cells(table)


@pytest.mark.parametrize(
    "table",
    [
        '<table class="register-table register-matrix"><thead><tr><th>A</th><th>B</th><th>C</th></tr></thead><tbody><tr><td>1</td><td>2</td><td>3</td></tr></tbody></table>',
        '<table class="register-no-cards"><thead><tr><th>A</th><th>B</th><th>C</th></tr></thead><tbody><tr><td>1</td><td>2</td><td>3</td></tr></tbody></table>',
        "<table><thead><tr><th>Label</th><th>Count</th></tr></thead><tbody><tr><td>on time</td><td>2</td></tr></tbody></table>",
        "<table><tbody><tr><td>no</td><td>header</td><td>row</td></tr></tbody></table>",
        "<!-- <table><thead><tr><th>A</th><th>B</th><th>C</th></tr></thead><tbody><tr><td>1</td><td>2</td><td>3</td></tr></tbody></table> -->",
    ],
    ids=["timeliness matrix", "opted out", "two columns", "no header row", "in a comment"],
)
def test_tables_that_stay_tables_are_left_byte_for_byte(table: str) -> None:
    page = f"<p>before</p>{table}<p>after</p>"
    assert label_cells(page) == page


def test_long_addresses_and_code_names_may_break_only_between_their_parts() -> None:
    """A phone wraps a web address shown as a link's text after a slash, and a long field name after a
    dot or underscore, not inside a word; short texts, other link texts and code blocks are left alone."""
    address = '<a href="https://example.org/reports/a-long-report-name/">https://example.org/reports/a-long-report-name/</a>'
    assert soft_breaks(address) == (
        '<a href="https://example.org/reports/a-long-report-name/">https://<wbr>example.org/<wbr>reports/<wbr>a-long-report-name/</a>'
    )
    assert soft_breaks('<a href="https://example.org/a/b/">the report</a>') == '<a href="https://example.org/a/b/">the report</a>'
    assert soft_breaks("<code>inspections[].recommendations[].deadline</code>") == "<code>inspections[].<wbr>recommendations[].<wbr>deadline</code>"
    assert soft_breaks("<pre><code>inspections[].recommendations[].deadline</code></pre>") == "<pre><code>inspections[].recommendations[].deadline</code></pre>"
