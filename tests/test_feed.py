"""The Atom feed at /feed.xml: valid RFC 4287, stable ids, dates from the data, links that resolve."""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import AS_OF, ROOT
from register.data.load import load_register
from register.site.feed import FEED_ENTRIES, feed_entries, render_feed
from synthetic import generate

ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = "http://127.0.0.1:8000/"
RFC_3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")
TERRORIST = "management-of-terrorist-offenders-2023"


@pytest.fixture(scope="module")
def register():
    return load_register(ROOT)


@pytest.fixture(scope="module")
def feed(real_site: Path) -> ET.Element:
    return ET.parse(real_site / "feed.xml").getroot()


def entries(feed: ET.Element) -> list[ET.Element]:
    return feed.findall(f"{ATOM}entry")


def by_link(feed: ET.Element) -> dict[str, ET.Element]:
    return {entry.find(f"{ATOM}link[@rel='alternate']").get("href"): entry for entry in entries(feed)}


def test_feed_is_atom_with_the_required_feed_elements(feed: ET.Element) -> None:
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert len(feed.findall(f"{ATOM}{name}")) == 1, name
        assert feed.findtext(f"{ATOM}{name}").strip()
    assert RFC_3339.match(feed.findtext(f"{ATOM}updated"))
    assert feed.findtext(f"{ATOM}author/{ATOM}name")  # feed-level author, so entries need none
    self_link = feed.find(f"{ATOM}link[@rel='self']")
    assert self_link is not None and self_link.get("href") == SITE_URL + "feed.xml"
    assert urlsplit(feed.findtext(f"{ATOM}id")).scheme  # an IRI


def test_every_entry_has_the_required_elements(feed: ET.Element) -> None:
    found = entries(feed)
    assert found
    for entry in found:
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, (name, entry.findtext(f"{ATOM}title"))
        assert RFC_3339.match(entry.findtext(f"{ATOM}updated"))
        published = entry.findtext(f"{ATOM}published")
        assert published is None or RFC_3339.match(published)
        alternates = entry.findall(f"{ATOM}link[@rel='alternate']")
        assert len(alternates) == 1 and alternates[0].get("href")
        assert entry.findtext(f"{ATOM}summary")  # no content element, so a summary is required


def test_feed_lists_every_inspection_and_response_newest_first(feed: ET.Element, register) -> None:
    links = by_link(feed)
    assert len(links) == len(entries(feed)) == len(register.inspections) + len(register.responses)
    assert SITE_URL + f"inspections/{TERRORIST}/" in links
    assert SITE_URL + f"responses/{TERRORIST}/norfolk/" in links
    updated = [entry.findtext(f"{ATOM}updated") for entry in entries(feed)]
    assert updated == sorted(updated, reverse=True)
    assert feed.findtext(f"{ATOM}updated") == updated[0]


def test_a_long_register_feeds_only_its_newest_entries(tmp_path: Path) -> None:
    """A feed reader polls the feed often: at decade scale it carries the newest entries, not
    thousands (older ones are on the site and in the downloads)."""
    generate(tmp_path / "data", inspections=6, seed=3, as_of=date.fromisoformat(AS_OF))
    register = load_register(tmp_path)
    assert len(register.inspections) + len(register.responses) > FEED_ENTRIES
    every = feed_entries(register, date.fromisoformat(AS_OF), limit=None)
    feed = ET.fromstring(render_feed(register, date.fromisoformat(AS_OF), SITE_URL, "Register").content)
    assert [entry.findtext(f"{ATOM}id") for entry in entries(feed)] == [entry.id for entry in every[:FEED_ENTRIES]]
    assert feed.findtext(f"{ATOM}updated").startswith(every[0].updated.isoformat())


def test_ids_are_unique_and_stable_across_site_address_and_as_of(feed: ET.Element, register) -> None:
    ids = [entry.findtext(f"{ATOM}id") for entry in entries(feed)]
    assert len(set(ids)) == len(ids)
    assert all(value.startswith("urn:uuid:") for value in ids)
    moved = ET.fromstring(render_feed(register, date(2030, 1, 1), "https://example.org/register/", "Another name").content)
    assert {entry.findtext(f"{ATOM}id") for entry in entries(moved)} == set(ids)
    assert moved.findtext(f"{ATOM}id") == feed.findtext(f"{ATOM}id")
    again = render_feed(load_register(ROOT), date.fromisoformat(AS_OF), SITE_URL, "Inspection Responses Register").content
    assert again == render_feed(register, date.fromisoformat(AS_OF), SITE_URL, "Inspection Responses Register").content


def test_dates_come_from_the_data_not_the_clock(feed: ET.Element, register) -> None:
    links = by_link(feed)
    inspection = links[SITE_URL + f"inspections/{TERRORIST}/"]
    assert inspection.findtext(f"{ATOM}published") == inspection.findtext(f"{ATOM}updated") == "2023-07-20T00:00:00Z"
    # Cambridgeshire's publication date is unknown; its board report is dated 26 May 2020.
    cambridgeshire = links[SITE_URL + "responses/counter-terrorism-prevent-2020/cambridgeshire/"]
    assert cambridgeshire.findtext(f"{ATOM}updated") == "2020-05-26T00:00:00Z"
    assert cambridgeshire.find(f"{ATOM}published") is None
    assert "dated by the date on the document" in cambridgeshire.findtext(f"{ATOM}summary")
    # Norfolk's form carries no date at all: the entry falls back to the report's publication, and says so.
    norfolk = links[SITE_URL + f"responses/{TERRORIST}/norfolk/"]
    assert norfolk.findtext(f"{ATOM}updated") == "2023-07-20T00:00:00Z"
    assert "Published: not stated" in norfolk.findtext(f"{ATOM}summary")
    assert "dated by the report's publication" in norfolk.findtext(f"{ATOM}summary")
    # The newest date in the data is West Mercia's located letter, dated 4 September 2023: the feed's own date.
    west_mercia = links[SITE_URL + f"responses/{TERRORIST}/west-mercia/"]
    assert west_mercia.findtext(f"{ATOM}updated") == "2023-09-04T00:00:00Z" and west_mercia.find(f"{ATOM}published") is None
    assert "dated by the date on the document, 4 September 2023" in west_mercia.findtext(f"{ATOM}summary")
    newest = max(
        [inspection.published for inspection in register.inspections]
        + [day for response in register.responses for day in (response.published, response.document.date) if day]
    )
    assert feed.findtext(f"{ATOM}updated") == f"{newest.isoformat()}T00:00:00Z" == "2023-09-04T00:00:00Z"


def test_feed_links_resolve_in_the_built_site(feed: ET.Element, real_site: Path) -> None:
    for href in by_link(feed):
        assert href.startswith(SITE_URL)
        path = real_site / href.removeprefix(SITE_URL) / "index.html"
        assert path.is_file(), href


def test_every_page_announces_the_feed(real_site: Path) -> None:
    for url in ("index.html", "responses/index.html", f"responses/{TERRORIST}/norfolk/index.html", "data/index.html"):
        html = real_site / url
        link = BeautifulSoup(html.read_text("utf-8"), "html.parser").find("link", rel="alternate", type="application/atom+xml")
        assert link is not None, url
        assert (html.parent / link["href"]).resolve() == (real_site / "feed.xml").resolve()


def test_text_from_the_data_is_escaped_and_xml_safe() -> None:
    register = load_register(ROOT)
    hostile = dataclasses.replace(register.inspections[0], title="Fish & <chips>\x0c</title><entry>")
    register.inspections = (hostile, *register.inspections[1:])
    register.__post_init__()
    root = ET.fromstring(render_feed(register, date.fromisoformat(AS_OF), SITE_URL, "A & B").content)
    titles = [entry.findtext(f"{ATOM}title") for entry in entries(root)]
    assert "Inspection published: Fish & <chips> </title><entry>" in titles
    assert root.findtext(f"{ATOM}author/{ATOM}name") == "A & B"


# Entries for records known only in part (tests/fixtures/shapes) -----------------------------------


def summaries(register) -> dict[str, str]:
    return {entry.link: entry.summary for entry in feed_entries(register, date.fromisoformat(AS_OF), limit=None)}


def test_summaries_say_only_what_the_data_says(shapes, register) -> None:
    found = summaries(shapes)
    counts_only = found["inspections/fixture-counts-only-2022/"]
    assert "The report makes 43 recommendations. The register lists none of them" in counts_only
    assert "0 recommendations" not in counts_only and "for the police" not in counts_only
    final = found["inspections/fixture-final-2023/"]
    assert "do not say how many recommendations the report makes" in final and "None" not in final
    assert "answers the report as a whole" in found["responses/fixture-counts-only-2022/norfolk/"]
    assert "located this document but not transcribed its words" in found["responses/fixture-final-2023/staffordshire/"]
    assert "Document: kind not stated." in found["responses/fixture-final-2023/staffordshire/"]
    assert "dated in period" in found["responses/fixture-final-2023/staffordshire/"]
    # Norfolk's one paragraph answers the three listed recommendations: three, not one answer of three
    assert "answers 3 of the 3 recommendations the register lists" in summaries(register)[f"responses/{TERRORIST}/norfolk/"]


def test_a_document_that_is_not_the_response_says_so(shapes) -> None:
    entry = next(entry for entry in feed_entries(shapes, date.fromisoformat(AS_OF), limit=None) if entry.link == "responses/fixture-final-2023/norfolk/")
    assert entry.title.startswith("Document that is not the response: ")
    assert entry.category == "document"
    assert "does not count it as the body's section 55 response" in entry.summary
    assert entry.summary.endswith("Timeliness as of 1 December 2026: no response held.")
