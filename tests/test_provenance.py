"""Provenance and trust: each response names its source and how to correct it; every page shows its permanent link."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
from register.data.load import load_register

SITE_URL = "http://127.0.0.1:8000/"


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def facts(soup: BeautifulSoup, heading_id: str) -> dict[str, str]:
    """The definition list under the heading with id ``heading_id``, as term → text."""
    listing = soup.find(["h2", "h3"], id=heading_id).find_next("dl")
    return {dt.get_text(strip=True): " ".join(dt.find_next_sibling("dd").get_text(" ").split()) for dt in listing.find_all("dt")}


@pytest.mark.parametrize("key", [r.key for r in load_register(ROOT).responses], ids="/".join)
def test_every_response_page_shows_its_source_check_date_and_how_to_correct_it(real_site: Path, key: tuple[str, str]) -> None:
    response = load_register(ROOT).response(*key)
    page = real_site / "responses" / key[0] / key[1] / "index.html"
    soup = soup_of(page)
    source = facts(soup, "source-document")
    assert source["Kind"] == (response.document.kind or "not stated")
    copies = soup.find("dt", string="Copies").find_next_sibling("dd")
    if response.document.copies:
        assert [a["href"] for a in copies.find_all("a")] == [copy.url for copy in response.document.copies]
    else:
        assert " ".join(copies.get_text(" ").split()) == "no copy's address recorded"
    # the day someone checked the source, never the day the data was typed: "not stated" where nobody did
    expected = f"{response.last_checked.day} {response.last_checked:%B %Y}" if response.last_checked else "not stated"
    assert source["Record last checked"] == expected
    correction = soup.find("dt", string="Corrections").find_next_sibling("dd")
    link = correction.find("a", string="report a correction")
    corrections = (page.parent / link["href"] / "index.html").resolve()
    assert corrections == (real_site / "corrections" / "index.html").resolve()
    assert "correction" in soup_of(corrections).find("h1").get_text().lower()
    assert correction.find("a", string="changelog")["href"] == "../../../changelog/"


def test_every_page_shows_its_permanent_link(real_site: Path) -> None:
    pages = sorted(real_site.rglob("index.html"))
    assert len(pages) > 60
    for path in pages:
        folder = path.parent.relative_to(real_site).as_posix()
        expected = SITE_URL if folder == "." else f"{SITE_URL}{folder}/"
        link = soup_of(path).select_one("article .register-permalink a")
        assert link is not None, path
        assert link["href"] == expected == link.get_text(strip=True), path


def test_about_page_explains_corrections_data_and_changes(real_site: Path) -> None:
    soup = soup_of(real_site / "about" / "index.html")
    ids = {tag.get("id") for tag in soup.select("article h2")}
    assert {"report-a-correction", "open-data", "changes-to-the-data"} <= ids
