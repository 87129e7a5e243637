"""Comparisons at a glance, in the built HTML: the timeliness matrix, the chart of positions,
a force's record, the tables' filter data, and the help and accessibility pages that describe them."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import AS_OF, ROOT, build
from register.data.load import load_register
from register.data.model import Register
from register.data.standing import standings_for_inspection
from register.site.wording import long_date

PREVENT = "counter-terrorism-prevent-2020"
TERRORIST = "management-of-terrorist-offenders-2023"
STATUSES = {"on time", "late", "dated in period", "not yet due", "no response held", "date unknown"}
LEGEND = STATUSES | {"dated after due date (N days)"}
COUNTED = re.compile(r"late \(\d+ days?\)|dated after due date \(\d+ days?\)")
MISSING_WITH_COVERAGE = re.compile(r"no response held; (not yet looked for|not found (on|in) .+ \(\d{1,2} [A-Z][a-z]+ \d{4}\))")
"""A matrix cell never says "no response held" without where the register looked and when, or that it has not looked."""


@pytest.fixture(scope="module")
def register() -> Register:
    """The real data, to say what the pages must show whether or not it records where the register looked."""
    return load_register(ROOT, as_of=date.fromisoformat(AS_OF))


def coverage_words(register: Register, inspection_id: str, force_id: str) -> str:
    """What a cell must say of a body with no response identified, computed from the data: the places looked, newest first, or not yet looked for."""
    looks = register.looks(inspection_id, force_id)
    if not looks:
        return "not yet looked for"
    return "not found " + " or ".join(f"{'in' if look.where == 'another public copy' else 'on'} {look.where} ({long_date(look.checked)})" for look in looks)


def page(site: Path, url: str) -> BeautifulSoup:
    path = site / url.strip("/") / "index.html"
    assert path.is_file(), f"no page at /{url}"
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def text_of(tag: Tag) -> str:
    return " ".join(tag.get_text(" ").split())


def heading(tag: Tag) -> str:
    """A heading's words, without its permalink sign."""
    return text_of(tag).removesuffix("¶").strip()


def spoken(tag: Tag) -> str:
    """The text a screen reader gets: without the parts hidden with aria-hidden."""
    copy = BeautifulSoup(str(tag), "html.parser")
    for hidden in copy.select('[aria-hidden="true"]'):
        hidden.decompose()
    return text_of(copy)


def visible(tag: Tag) -> str:
    """The text a sighted reader gets: without the parts only for screen readers."""
    copy = BeautifulSoup(str(tag), "html.parser")
    for hidden in copy.select(".register-visually-hidden"):
        hidden.decompose()
    return text_of(copy)


# The timeliness matrix ---------------------------------------------------------------------------


def test_matrix_is_a_table_of_every_force_against_every_inspection(real_site: Path) -> None:
    soup = page(real_site, "timeliness/")
    table = soup.select_one("table.register-matrix")
    assert table is not None
    assert "as of 1 December 2026" in text_of(table.caption)
    headers = table.select("thead th")
    assert all(th.get("scope") == "col" for th in headers)
    # newest inspection first, each heading linking to the inspection
    assert [th.a["href"] for th in headers[1:]] == [f"../inspections/{TERRORIST}/", f"../inspections/{PREVENT}/"]
    rows = table.select("tbody tr")
    assert len(rows) == 43
    for row in rows:
        assert row.th is not None and row.th.get("scope") == "row"
        assert row.th.a["href"].startswith("../forces/")
        assert len(row.find_all("td")) == 2


def test_every_matrix_cell_reads_without_colour(real_site: Path) -> None:
    """A symbol and a label in every cell, for the eye; the full label for a screen reader."""
    table = page(real_site, "timeliness/").select_one("table.register-matrix")
    for cell in table.select("tbody td"):
        mark = cell.select_one(".register-mark")
        assert mark is not None and mark.get("aria-hidden") == "true" and mark.get_text(strip=True), cell
        assert visible(cell).replace(mark.get_text(strip=True), "").strip(), cell  # words beside the symbol
        label = spoken(cell)
        assert label in STATUSES - {"no response held"} or COUNTED.fullmatch(label) or MISSING_WITH_COVERAGE.fullmatch(label), label


def test_matrix_cells_link_to_the_responses_the_register_holds(real_site: Path, register: Register) -> None:
    rows = {text_of(row.th): row.find_all("td") for row in page(real_site, "timeliness/").select("table.register-matrix tbody tr")}
    norfolk_2023, norfolk_2020 = rows["Norfolk Constabulary"]
    assert norfolk_2023.a["href"] == f"../responses/{TERRORIST}/norfolk/"
    assert spoken(norfolk_2023) == "date unknown"
    assert norfolk_2020.a is None
    where = coverage_words(register, PREVENT, "norfolk")
    assert spoken(norfolk_2020) == f"no response held; {where}"
    assert visible(norfolk_2020) == f"– no response held; {where}"
    assert [td.a["href"] for td in rows["Cumbria Constabulary"]] == [f"../responses/{TERRORIST}/cumbria/", f"../responses/{PREVENT}/cumbria/"]


def test_matrix_columns_carry_their_year_and_inspectorates(real_site: Path) -> None:
    table = page(real_site, "timeliness/").select_one("table.register-matrix")
    assert table["data-column-filters"].split() == ["year", "inspectorate"]
    columns = table.select("thead th")[1:]
    assert [th["data-year"] for th in columns] == ["2023", "2020"]
    assert [th["data-inspectorate"] for th in columns] == ["HM Inspectorate of Probation|HMICFRS|HM Inspectorate of Prisons", "HMICFRS"]
    cambridgeshire = next(row for row in table.select("tbody tr") if text_of(row.th) == "Cambridgeshire Constabulary")
    assert [td["data-timeliness"] for td in cambridgeshire.find_all("td")] == ["no response held", "dated after due date"]
    # the label names its evidence: the board paper's date, not a publication date
    assert spoken(cambridgeshire.find_all("td")[1]) == "dated after due date (23 days)"
    assert cambridgeshire.find_all("td")[1].a["href"] == "../responses/counter-terrorism-prevent-2020/cambridgeshire/"


def test_matrix_has_a_key_to_its_symbols(real_site: Path) -> None:
    soup = page(real_site, "timeliness/")
    terms = [spoken(dt) for dt in soup.select("dl.register-legend dt")]
    assert set(terms) == LEGEND and len(terms) == len(LEGEND)
    marks = [dt.select_one(".register-mark").get_text(strip=True) for dt in soup.select("dl.register-legend dt")]
    assert len(set(marks)) == len(marks)  # each status its own symbol
    assert marks[:4] == ["✓", "!", "(✓)", "(!)"]  # a document's date wears the publication date's symbol in brackets
    assert all(dt.select_one(".register-mark") for dt in soup.select("dl.register-legend dt"))


def test_matrix_is_in_the_navigation(real_site: Path) -> None:
    soup = page(real_site, "")
    links = {text_of(a): a["href"] for a in soup.select("nav.md-nav--primary a.md-nav__link")}
    assert links["Timeliness"] == "timeliness/"
    assert links["Help"] == "help/"
    assert links["Accessibility"] == "accessibility/"


# The chart of positions on each recommendation ----------------------------------------------------


def chart_table(soup: BeautifulSoup) -> dict[str, dict[str, int]]:
    table = soup.select_one("table.register-chart-table")
    categories = [text_of(th) for th in table.select("thead th")][1:]
    return {text_of(row.th): dict(zip(categories, (int(td.get_text()) for td in row.find_all("td")))) for row in table.select("tbody tr")}


def standings_counts(register: Register, inspection_id: str) -> tuple[int, int]:
    """How many bodies' responses to the inspection are located but not transcribed, and how many have none identified."""
    counted = [r for r in register.responses if r.inspection_id == inspection_id and r.section_55.counts]
    return sum(not r.transcribed for r in counted), 43 - len(counted)


def test_inspection_page_has_a_chart_with_a_text_alternative(real_site: Path, register: Register) -> None:
    soup = page(real_site, f"inspections/{TERRORIST}/")
    figure = soup.select_one("figure.register-chart")
    svg = figure.find("svg")
    assert svg["role"] == "img"
    names = [soup.find(id=ref) for ref in svg["aria-labelledby"].split()]
    assert [tag.name for tag in names] == ["title"]
    # The long description is the caption, which sends readers to the table of the same numbers
    # (one text alternative, not a second copy of every number inside the picture).
    caption = soup.find(id=svg["aria-describedby"])
    assert caption.name == "figcaption" and caption.parent is figure
    assert text_of(caption).endswith("The numbers are in the table below.")
    located, missing = standings_counts(register, TERRORIST)
    assert located  # Warwickshire's and West Mercia's letters
    numbers = chart_table(soup)
    assert numbers["Recommendation 19"] == {
        "accepted": 1, "partly accepted": 0, "not accepted": 0, "awaiting national lead": 1, "noted": 1, "not stated": 0,
        "located, not transcribed": located,
    }  # fmt: skip
    assert "held, not answered" not in numbers["Recommendation 19"]  # no body falls in it
    assert f"{missing} bodies have no response in the register" in text_of(caption)  # stated in words, not drawn
    assert figure.find("script") is None and soup.find("script", src=re.compile("chart", re.IGNORECASE)) is None
    # one bar per recommendation, each segment drawn with a pattern, not a bare colour
    paths = svg.select("g.register-chart__bars > path")
    segments = sum(1 for row in numbers.values() for count in row.values() if count)
    assert len(numbers) == 3 and segments >= 3 * 3
    assert sum(path["d"].count("M") for path in paths) == segments  # each segment a closed subpath: M x y h w v 20 h -w z
    assert all(re.fullmatch(r"(M[\d.]+ \d+h[\d.]+v20h-[\d.]+z)+", path["d"]) for path in paths)
    assert all(path["fill"].startswith("url(#register-fill-") for path in paths)  # a path per category
    assert len({path["fill"] for path in paths}) == len(paths)


def test_chart_numbers_are_in_a_table_beside_it(real_site: Path, register: Register) -> None:
    soup = page(real_site, f"inspections/{PREVENT}/")
    figure = soup.select_one("figure.register-chart")
    assert figure.find_next_sibling("table")["class"] == ["register-table", "register-chart-table", "register-no-cards"]  # a grid of counts: a table on a phone too
    numbers = chart_table(soup)
    assert list(numbers) == [f"Recommendation {n}" for n in range(1, 9)]
    assert all(sum(row.values()) == 43 - standings_counts(register, PREVENT)[1] for row in numbers.values())  # the held responses
    assert numbers["Recommendation 1"]["awaiting national lead"] == 1
    assert numbers["Recommendation 1"]["held, not answered"] == 1
    assert numbers["Recommendation 7"]["accepted"] == 1  # Cambridgeshire's force
    assert numbers["Recommendation 7"]["noted"] == 1  # Cumbria's joint passage
    assert "answered the whole report" not in numbers["Recommendation 7"]  # shown only where a body falls in it
    located, missing = standings_counts(register, PREVENT)
    assert located and all(row["located, not transcribed"] == located for row in numbers.values())
    assert "no response held" not in numbers["Recommendation 7"] and missing == 43 - 2 - located  # not drawn: stated in words
    assert f"{missing} bodies have no response in the register: not found {missing}" in text_of(soup.select_one("p.register-chart-missing"))
    # each column heading carries the key to the chart's patterns
    for th in soup.select("table.register-chart-table thead th")[1:]:
        assert th.find("svg", attrs={"aria-hidden": "true"}).rect["fill"].startswith("url(#register-fill-")


def test_chart_counts_agree_with_the_recommendation_pages(real_site: Path) -> None:
    numbers = chart_table(page(real_site, f"inspections/{TERRORIST}/"))
    for number in (19, 20, 21):
        soup = page(real_site, f"inspections/{TERRORIST}/recommendations/{number}/")
        counts = {text_of(row.find_all("td")[0]): int(text_of(row.find_all("td")[1])) for row in soup.select("table.register-counts tbody tr")}
        chart = numbers[f"Recommendation {number}"]
        for category, count in chart.items():
            assert counts[category] == count, (number, category)  # the same words for the same fact


# A force's record ------------------------------------------------------------------------------


def record(soup: BeautifulSoup) -> dict[str, str]:
    facts = soup.select_one("dl.register-record")
    return {text_of(dt): text_of(dd) for dt, dd in zip(facts.find_all("dt"), facts.find_all("dd"))}


def test_force_record_says_not_computable_without_dated_responses(real_site: Path) -> None:
    soup = page(real_site, "forces/cumbria/")
    facts = record(soup)
    assert facts["Responses held"] == "2 of 2"
    assert facts["Share on time"] == "cannot be counted: no publication dates known"
    assert facts["Median days to respond"] == "cannot be counted: no publication dates known"
    counts = {text_of(row.find_all("td")[0]): text_of(row.find_all("td")[1]) for row in soup.select("table.register-record-counts tbody tr")}
    assert counts == {
        "on time": "0",
        "late": "0",
        "dated in period": "0",
        "dated after due date": "0",
        "not yet due": "0",
        "no response held": "0",
        "of which not found where the register looked": "0",
        "of which not yet looked for": "0",
        "date unknown": "2",
    }


def test_force_record_does_not_count_a_document_date_as_publication(real_site: Path) -> None:
    """Cambridgeshire's board paper is dated after due date: not late, and no day count, but said."""
    soup = page(real_site, "forces/cambridgeshire/")
    facts = record(soup)
    assert facts["Responses held"] == "1 of 2"
    assert facts["Share on time"] == "cannot be counted: no publication dates known; 1 response judged only on its document's date is not counted"
    assert facts["Median days to respond"] == "cannot be counted: no publication dates known"
    counts = {text_of(row.find_all("td")[0]): text_of(row.find_all("td")[1]) for row in soup.select("table.register-record-counts tbody tr")}
    assert counts["dated after due date"] == "1" and counts["late"] == "0"
    row = next(tr for tr in soup.select("table.register-force-responses tbody tr") if "Prevent" in text_of(tr))
    assert "Dated after due date (23 days)" in text_of(row)


@pytest.fixture(scope="module")
def dated_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real data with two responses given publication dates: Norfolk on day 53, Cumbria (2020) on day 60."""
    from conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("dated") / "project")
    for path, day in ((f"data/responses/{TERRORIST}/norfolk.yaml", "2023-09-10"), (f"data/responses/{PREVENT}/cumbria.yaml", "2020-05-07")):
        file = project / path
        file.write_text(file.read_text("utf-8").replace("published: not stated", f"published: {day}", 1), "utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    return result.site


def test_force_record_with_dated_responses(dated_site: Path) -> None:
    norfolk = record(page(dated_site, "forces/norfolk/"))
    assert norfolk["Share on time"].startswith("100% (1 of 1 response whose publication date the register knows)")
    assert norfolk["Median days to respond"].startswith("53 days (of 1 response whose publication date the register knows;")
    cumbria = record(page(dated_site, "forces/cumbria/"))
    assert cumbria["Share on time"].startswith("0% (0 of 1 response")
    assert cumbria["Median days to respond"].startswith("60 days ")


def test_matrix_shows_on_time_and_late_from_dated_responses(dated_site: Path) -> None:
    rows = {text_of(row.th): row.find_all("td") for row in page(dated_site, "timeliness/").select("table.register-matrix tbody tr")}
    assert spoken(rows["Norfolk Constabulary"][0]) == "on time"
    assert spoken(rows["Cumbria Constabulary"][1]) == "late (4 days)"
    assert rows["Cumbria Constabulary"][1]["class"] == ["register-cell", "register-cell--late"]


# Sortable, filterable tables ---------------------------------------------------------------------

def _bodies_called_on() -> int:
    """Local policing bodies some inspection in the register calls on: the rows of /timeliness/bodies/."""
    register = load_register(ROOT)
    return len({(s.force.id, s.body.id if s.body else None) for i in register.inspections for s in standings_for_inspection(register, i, date.fromisoformat(AS_OF))})


ENHANCED = [
    ("inspections/", "table.register-inspections", {"inspectorate", "year", "kind"}, 2),
    ("timeliness/bodies/", "table.register-body-totals", {"body-kind"}, _bodies_called_on()),
    ("responses/", "table.register-responses", {"inspectorate", "year", "body-kind", "timeliness", "position"}, len(load_register(ROOT).responses)),
    ("timeliness/", "table.register-matrix", {"body-kind", "timeliness"}, 43),
    (f"inspections/{TERRORIST}/", "table.register-standings", {"body-kind", "timeliness"}, 43 - sum(1 for r in load_register(ROOT).responses if r.inspection_id == TERRORIST and r.section_55.counts)),
    ("forces/cumbria/", "table.register-force-responses", {"inspectorate", "year", "timeliness"}, 2),
]


@pytest.mark.parametrize(("url", "selector", "keys", "count"), ENHANCED)
def test_tables_carry_their_filter_values_and_are_complete_without_javascript(real_site: Path, url: str, selector: str, keys: set[str], count: int) -> None:
    table = page(real_site, url).select_one(selector)
    assert table.has_attr("data-register-table")
    assert set(table["data-filters"].split()) == keys
    assert table.caption is not None
    rows = table.select("tbody tr")
    assert len(rows) == count
    for row in rows:
        assert not row.has_attr("hidden")
        for key in keys:
            if key == "position" and "(located, not transcribed)" in text_of(row):
                # a located record's words are not transcribed: it has no positions to filter on
                assert row.get("data-position") == "", (url, row)
                continue
            # on the row, or (for the matrix's timeliness) on each of its cells
            assert row.get(f"data-{key}") or all(td.get(f"data-{key}") for td in row.find_all("td")), (url, key, row)


def test_responses_table_offers_positions_and_inspectorates(real_site: Path) -> None:
    rows = {text_of(row.td): row for row in page(real_site, "responses/").select("table.register-responses tbody tr")}
    norfolk = rows["Norfolk Constabulary: Norfolk Police and Crime Commissioner"]
    assert norfolk["data-position"] == "awaiting national lead"
    assert norfolk["data-inspectorate"].split("|") == ["HM Inspectorate of Probation", "HMICFRS", "HM Inspectorate of Prisons"]
    assert norfolk["data-year"] == "2023"
    assert norfolk["data-timeliness"] == "date unknown"
    cambridgeshire = rows["Cambridgeshire Constabulary: Cambridgeshire Police and Crime Commissioner"]
    assert cambridgeshire["data-position"].split("|") == ["accepted", "awaiting national lead"]


def test_every_page_loads_the_table_script_from_the_site(real_site: Path) -> None:
    for url in ("", "timeliness/", "forces/norfolk/", f"responses/{TERRORIST}/norfolk/"):
        scripts = [script["src"] for script in page(real_site, url).find_all("script", src=True)]
        assert any(src.endswith("assets/tables.js") for src in scripts), url
    assert (real_site / "assets" / "tables.js").is_file()


# Help and accessibility pages ------------------------------------------------------------------


def test_help_page_describes_each_feature(real_site: Path) -> None:
    soup = page(real_site, "help/")
    headings = [heading(h) for h in soup.select("article h2")]
    for expected in ("Timeliness at a glance", "Positions on each recommendation", "A force's record", "Sorting and filtering tables", "Searching", "Printing"):
        assert any(h.startswith(expected) for h in headings), expected
    text = text_of(soup.select_one("article"))
    assert "cannot be counted: no publication dates known" in text
    assert soup.select_one('article a[href="../timeliness/"]') is not None
    symbols = [text_of(row.find_all("td")[0]) for row in soup.select("article table")[0].select("tbody tr")]  # the key to the symbols
    assert symbols == ["✓", "!", "(✓)", "(!)", "…", "–", "?"]


def test_accessibility_statement(real_site: Path) -> None:
    soup = page(real_site, "accessibility/")
    text = text_of(soup.select_one("article"))
    assert "Web Content Accessibility Guidelines version 2.2" in text and "partially compliant" in text
    headings = [heading(h) for h in soup.select("article h2")]
    model_statement = [  # the sections of the public-sector model statement, in its order
        "How accessible this website is",
        "Feedback and contact information",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Technical information about this website's accessibility",
        "Non-accessible content",
        "What we're doing to improve accessibility",
        "Preparation of this accessibility statement",
    ]
    assert [h for h in headings if h in model_statement] == model_statement
    assert "Compliance status" in [heading(h) for h in soup.select("article h3")]
    assert "Equality and Human Rights Commission" in text and "Equality Advisory and Support Service" in text
    assert "prepared on 1 December 2026" in text and "last reviewed on 1 December 2026" in text
    assert soup.select_one('article a[href="../corrections/"]') is not None
