"""Page weight does not grow with the register: long lists are split by year or by inspection,
and every split page is reachable by links.

The bounds in ``render`` are made small here, so a register of a few dozen synthetic
inspections exercises what a decade of real data would (the full-size figures are in
benchmarks/). The pages are rendered without MkDocs, which keeps the tests quick.
"""

from __future__ import annotations

import posixpath
import re
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import AS_OF
from register.data.load import load_register
from register.site import pages as render
from register.site import urls
from synthetic import generate

SMALL, LARGE = 8, 24


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[int, dict[str, str]]:
    """The generated pages (site URL → text) of a small and a three-times larger register."""
    out: dict[int, dict[str, str]] = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(render, "RECENT_INSPECTIONS", 4)
        patch.setattr(render, "RECENT_RESPONSES", 1)
        patch.setattr(render, "MATRIX_COLUMNS", 2)
        for size in (SMALL, LARGE):
            root = tmp_path_factory.mktemp(f"pages-{size}")
            generate(root / "data", inspections=size, seed=1, as_of=date.fromisoformat(AS_OF))
            files = render.render_site(load_register(root), date.fromisoformat(AS_OF))
            out[size] = {_url(file.src_uri): file.content for file in files if file.src_uri.endswith(".md")}
    return out


def _url(src_uri: str) -> str:
    return src_uri.removesuffix("index.md")


def _links(url: str, text: str) -> set[str]:
    """Site URLs that a generated page links to (HTML links and Markdown links to pages)."""
    found = set()
    for href in re.findall(r'href="([^"]*)"', text):  # a regular expression: parsing thousands of pages is slow
        href = href.split("#")[0]
        if not href or "://" in href:
            continue
        target = posixpath.normpath(posixpath.join(url, href))
        found.add("" if target == "." else target.rstrip("/") + "/")
    return found


def test_index_pages_do_not_grow_with_the_number_of_inspections(sites: dict[int, dict[str, str]]) -> None:
    small, large = sites[SMALL], sites[LARGE]
    for url in (urls.inspections(), urls.responses(), urls.timeliness(), urls.force("norfolk")):
        # Three times the inspections; the page grows only by a line or two of year links.
        assert len(large[url]) < 1.25 * len(small[url]), url


def test_no_page_grows_in_proportion_to_the_register(sites: dict[int, dict[str, str]]) -> None:
    heaviest = {size: max(len(text) for text in pages.values()) for size, pages in sites.items()}
    assert heaviest[LARGE] < 2 * heaviest[SMALL]


def test_long_lists_are_split_by_year_and_by_inspection(sites: dict[int, dict[str, str]]) -> None:
    pages = sites[LARGE]
    register_years = {url.split("/")[2] for url in pages if url.startswith("inspections/year/")}
    assert len(register_years) >= 5
    index = BeautifulSoup(pages[urls.inspections()], "html.parser")
    assert len(index.select("table.register-inspections tbody tr")) == 4
    matrix = BeautifulSoup(pages[urls.timeliness()], "html.parser").select_one("table.register-matrix")
    assert len(matrix.select("thead th")) == 1 + 2
    every_column = sum(
        len(BeautifulSoup(text, "html.parser").select("table.register-matrix thead th")) - 1
        for url, text in pages.items()
        if url.startswith("timeliness/") and url not in (urls.timeliness(), urls.timeliness_bodies())
    )
    assert every_column == LARGE  # each inspection appears in exactly one year's part
    responses = BeautifulSoup(pages[urls.responses()], "html.parser")
    shown = {row.select("td a")[1]["href"] for row in responses.select("table.register-responses tbody tr")}
    assert len(shown) == 1
    assert sum(1 for url in pages if url.startswith("responses/") and url.count("/") == 2) == LARGE


def test_every_split_page_is_reachable_from_the_index_pages(sites: dict[int, dict[str, str]]) -> None:
    pages = sites[LARGE]
    seen, queue = set(), [urls.inspections(), urls.responses(), urls.timeliness(), urls.forces()]
    while queue:
        url = queue.pop()
        if url in seen or url not in pages:
            continue
        seen.add(url)
        queue.extend(_links(url, pages[url]))
    assert set(pages) - seen == set()


def test_the_real_register_keeps_everything_on_its_index_pages(real_site: Path) -> None:
    """Two inspections: the index pages hold every row, and the split pages exist as well."""
    inspections = BeautifulSoup((real_site / "inspections/index.html").read_text(encoding="utf-8"), "html.parser")
    assert len(inspections.select("table.register-inspections tbody tr")) == 2
    matrix = BeautifulSoup((real_site / "timeliness/index.html").read_text(encoding="utf-8"), "html.parser")
    assert len(matrix.select("table.register-matrix thead th")) == 3
    for url in ("inspections/year/2020/", "timeliness/2023/", "responses/counter-terrorism-prevent-2020/", "forces/norfolk/2020/"):
        assert (real_site / url / "index.html").is_file(), url
