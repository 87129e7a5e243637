"""Text in the data is shown literally: HTML is escaped and Markdown syntax is not interpreted."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import build

SCRIPT = '<script>alert("x")</script>'
LINK = "[click me](javascript:alert(1))"
HOSTILE = f"{SCRIPT} {LINK} **not bold** <b>raw</b> & # not a heading"

EDITS = {
    "data/inspections/management-of-terrorist-offenders-2023.yaml": [
        ("title: Management of terrorist offenders in the wake of terrorist attacks", f"title: '{HOSTILE}'"),
        ("  - HMICFRS\n", f"  - '{HOSTILE}'\n"),
        ("      - senior national coordinator\n", f"      - '{HOSTILE}'\n"),
        ('  - words: "#28740"', f"  - words: '{HOSTILE}'"),
        ("counts_source: >-\n", f"counts_source: >-\n  {HOSTILE}\n"),
    ],
    "data/responses/management-of-terrorist-offenders-2023/norfolk.yaml": [
        ("    heading: PCC response to report and any Recommendations/Areas for Improvement", f"    heading: '{HOSTILE}'"),
        ("      One paragraph answers the three recommendations together;", f"      {HOSTILE} One paragraph answers the three recommendations together;"),
        ("      I note the joint HMI Probation", f"      {HOSTILE}\n\n      I note the joint HMI Probation"),
        ("    forces_field: N/A", f"    forces_field: '{HOSTILE}'"),
        ("  why: >-\n", f"  why: >-\n    {HOSTILE}\n"),
    ],
    "data/responses/management-of-terrorist-offenders-2023/staffordshire.yaml": [
        ("      label: Police and Crime Commissioner", f"      label: '{HOSTILE}'"),
    ],
    "data/forces.yaml": [("    name: Norfolk Constabulary", f"    name: '{HOSTILE}'"),
                         ("        name: Norfolk Police and Crime Commissioner", f"        name: '{HOSTILE}'")],
}


def test_html_and_markdown_in_data_are_shown_literally(project: Path) -> None:
    for relative, edits in EDITS.items():
        path = project / relative
        text = path.read_text("utf-8")
        for old, new in edits:
            assert old in text, (relative, old)
            text = text.replace(old, new, 1)
        path.write_text(text, "utf-8")
    coverage = project / "data/coverage/management-of-terrorist-offenders-2023.yaml"
    if not coverage.exists():  # a place looked, whose note is the editor's text: shown literally too
        coverage.parent.mkdir(exist_ok=True)
        coverage.write_text(
            "inspection: management-of-terrorist-offenders-2023\n"
            "looked:\n"
            "  - where: the inspectorate's report page\n"
            "    url: https://www.justiceinspectorates.gov.uk/hmicfrs/escaping/\n"
            "    checked: 2026-11-28\n"
            "    for: all bodies\n"
            "    found: []\n"
            f"    note: '{HOSTILE}'\n",
            "utf-8",
        )

    result = build(project)
    assert result.returncode == 0, result.output

    pages = list(result.site.rglob("*.html"))
    for html in pages:
        raw = html.read_text("utf-8")
        assert SCRIPT not in raw, html
        soup = BeautifulSoup(raw, "html.parser")
        assert not soup.find("b", string="raw"), html
        assert not soup.find("strong", string="not bold"), html
        assert not [a for a in soup.find_all("a") if a.get("href", "").startswith("javascript:")], html
        assert not [s for s in soup.find_all("script") if "alert" in (s.string or "")], html

    norfolk = result.site / "responses/management-of-terrorist-offenders-2023/norfolk/index.html"
    soup = BeautifulSoup(norfolk.read_text("utf-8"), "html.parser")
    shown = soup.select_one("article").get_text()
    assert shown.count(HOSTILE) >= 4  # title, force, body, heading, quotation, note: all literal
    assert soup.title.get_text().startswith(f"{HOSTILE} response: {HOSTILE}")  # body name and inspection title, literal
    assert soup.select_one("article h1").get_text() == f"{HOSTILE} response: {HOSTILE}"
    # the document's words about itself are quoted literally, and so is the register's reading of it
    assert soup.find("dt", string="Its forces field").find_next_sibling("dd").q.get_text() == HOSTILE
    assert HOSTILE in soup.find("dt", string="Section 55 response").find_next_sibling("dd").get_text()
    names = BeautifulSoup((result.site / "responses/management-of-terrorist-offenders-2023/staffordshire/index.html").read_text("utf-8"), "html.parser")
    assert names.find("dt", string="Names").find_next_sibling("dd").get_text() == f"the document names Ben Adams as {HOSTILE}"
    inspection = BeautifulSoup((result.site / "inspections/management-of-terrorist-offenders-2023/index.html").read_text("utf-8"), "html.parser")
    assert inspection.find("dt", string="References").find_next_sibling("dd").q.get_text() == HOSTILE
    assert HOSTILE in inspection.find(string=lambda text: text.startswith("Source of the counts:"))
    if "escaping" in coverage.read_text("utf-8"):
        assert HOSTILE in inspection.select_one("ul.register-looked li").get_text()

    # Pagefind's result fragments (gzipped JSON after a "pagefind_dcd" marker) hold each page's
    # text: the hostile string is there whole, as the characters the page showed, not as markup
    # (a real <b> element would have left only "raw"). Pagefind escapes < and > in excerpts and
    # assets/search.js builds results from text nodes and <mark>s only.
    fragments = {
        fragment["url"]: fragment
        for fragment in (json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd")) for path in (result.site / "pagefind" / "fragment").glob("*.pf_fragment"))
    }
    response = fragments["/responses/management-of-terrorist-offenders-2023/norfolk/"]
    assert HOSTILE in response["content"] and response["meta"]["title"] == f"{HOSTILE} response: {HOSTILE}"
