"""One vocabulary (issue 13, point 4): one short word for each fact, defined on the method page and
used on every page, tag, CSV file, the feed and the staff commands; status tags on one line.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
from register.data.clock import Status
from register.data.coverage import CoverageState
from register.site.wording import RETIRED, TERMS
from register.staff.cli import main

PREVENT = "counter-terrorism-prevent-2020"
TERRORIST = "management-of-terrorist-offenders-2023"
SCANNED = ("*.html", "*.csv", "*.xml", "*.json", "*.txt")


def site_files(real_site: Path) -> list[Path]:
    return sorted(path for pattern in SCANNED for path in real_site.rglob(pattern) if "assets" not in path.parts and "pagefind" not in path.parts)


def retired_in(text: str) -> list[str]:
    lowered = " ".join(text.lower().split())
    return [variant for variant in RETIRED if variant in lowered]


def test_the_retired_variants_are_real_old_wordings() -> None:
    """The check below can fail: each retired variant is a phrase the register used to print."""
    assert retired_in("Timeliness: no published response identified") == ["no published response identified", "response identified"]
    assert retired_in("Share on time: not computable") == ["not computable"]


def test_no_page_csv_or_feed_uses_a_retired_wording(real_site: Path) -> None:
    files = site_files(real_site)
    assert any(path.suffix == ".csv" for path in files) and (real_site / "feed.xml").is_file()
    found = {str(path.relative_to(real_site)): hits for path in files if (hits := retired_in(path.read_text(encoding="utf-8", errors="replace")))}
    assert not found, found


@pytest.mark.parametrize(
    "argv",
    [
        ("due", "--as-of", "site"),
        ("due", "--as-of", "site", "--full"),
        ("due", "--as-of", "site", "--format", "csv"),
        ("coverage",),
        ("due", "--help"),
    ],
)
def test_the_staff_commands_use_the_same_words(capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]) -> None:
    capsys.readouterr()
    try:
        main(["--root", str(ROOT), *argv])
    except SystemExit:  # --help
        pass
    out = capsys.readouterr().out
    assert out.strip()
    assert not retired_in(out), (argv, retired_in(out))
    if argv[:3] == ("due", "--as-of", "site") and "--format" not in argv:
        assert Status.MISSING.value in out


def test_the_method_page_defines_every_word(real_site: Path) -> None:
    soup = BeautifulSoup((real_site / "method" / "index.html").read_text(encoding="utf-8"), "html.parser")
    heading = soup.find(id="words-the-register-uses")
    assert heading is not None, "no 'Words the register uses' section"
    table = heading.find_next("table")
    defined = {" ".join(row.find("td").get_text(" ").split()): row.find_all("td")[1].get_text(" ") for row in table.find("tbody").find_all("tr")}
    words = {term for term, _ in TERMS} | {status.value for status in Status} | {state.value for state in CoverageState}
    assert not words - set(defined), f"used but not defined: {sorted(words - set(defined))}"
    assert "local policing body" in defined and "commissioner" in defined["local policing body"]


def tags(real_site: Path, url: str) -> list[str]:
    soup = BeautifulSoup((real_site / url / "index.html").read_text(encoding="utf-8"), "html.parser")
    return [" ".join(tag.get_text(" ").split()) for tag in soup.select(".register-status")]


@pytest.mark.parametrize("url", [f"inspections/{PREVENT}", f"inspections/{TERRORIST}/recommendations/20", "forces/cumbria", f"responses/{PREVENT}/cambridgeshire"])
def test_status_tags_are_short_sentence_case_words_of_the_vocabulary(real_site: Path, url: str) -> None:
    found = tags(real_site, url)
    assert found, f"no status tag on /{url}/"
    labels = [status.value for status in Status]
    for tag in found:
        word = re.sub(r" \(\d+ days?\)$", "", tag)
        assert word[0].isupper() and word[1:] == word[1:].lower(), f"not sentence case: {tag!r}"
        assert word.lower() in labels, f"not a word of the vocabulary: {tag!r}"
        assert len(tag) <= 32, f"too long for a tag: {tag!r}"


TAG_PAGES = [
    f"inspections/{PREVENT}/",
    f"inspections/{TERRORIST}/",
    f"inspections/{TERRORIST}/recommendations/20/",
    f"inspections/{PREVENT}/recommendations/1/",
    "forces/cumbria/",
    "responses/",
    f"responses/{PREVENT}/cambridgeshire/",
]


@pytest.mark.browser
@pytest.mark.parametrize("url", TAG_PAGES)
def test_every_status_tag_renders_on_one_line_at_390_pixels(browser, site_url: str, url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(site_url + url)
        boxes = page.eval_on_selector_all(
            ".register-status",
            """tags => tags.filter(tag => tag.offsetParent !== null || tag.getClientRects().length).map(tag => {
                const style = getComputedStyle(tag);
                const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.3;
                const box = tag.getBoundingClientRect();
                const padding = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
                return {text: tag.textContent.trim(), rects: tag.getClientRects().length, height: box.height, limit: line + padding + 1,
                        whiteSpace: style.whiteSpace, display: style.display};
            })""",
        )
        assert boxes, f"no status tag on /{url}"
        for box in boxes:
            if not box["height"]:
                continue  # in a collapsed section
            assert box["rects"] == 1 and box["height"] <= box["limit"], f"/{url}: {box['text']!r} wraps ({box})"
            assert box["whiteSpace"] == "nowrap"
    finally:
        context.close()
