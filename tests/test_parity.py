"""One set of rules for the check and the build: what `register check` accepts, the build builds.

The check once passed a 300-character force id (the build then failed with "File name too long"),
an inspection id ``year`` (the address of the list of a year's inspections), a lone surrogate
(which no UTF-8 page can hold) and an id ending in a newline (Python's ``$`` lets one through).
These tests hold data at the very edge of every rule (the longest id, the largest number,
every character the text rules keep) and assert that the check says ok and the real build
publishes it; and that every address the site uses for itself is kept from ids.
"""

from __future__ import annotations

import inspect
import json
import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import AS_OF, build, copy_project
from register.data.load import load_register
from register.data.schema import python_pattern, schema_text
from register.data.textrules import first_refused, is_blank, normalise_line_breaks
from register.site import urls
from register.site.export import export_files
from register.site.feed import render_feed
from register.site.pages import render_site
from register.staff.cli import main

INSPECTION = "i" * 78 + "-1"
"""An inspection id of 80 characters, the most an id may have."""
FORCE = "f" * 80
BODY = "b" * 76 + "-pcc"
ANSWER = "Accepted.\vWe will act on it.\fIn full.\r\nSigned: Avon\u200d and Somerset \u05e9\u05dc\u05d5\u05dd\u200f\tend."
"""Answer text with every line break the text rules read as a new line, a joiner, Hebrew with its mark and a tab."""


def write_generated(root: Path, target: Path, as_of: date) -> list[Path]:
    """Load ``root`` as the build does and write every generated page and download under ``target``.

    Raises whatever the build would meet: a file name too long, text that is not UTF-8, two
    files at one address.
    """
    register = load_register(root, as_of=as_of)
    generated = [*render_site(register, as_of), *export_files(register, as_of), render_feed(register, as_of, "https://register.invalid/", "Register")]
    addresses = [file.src_uri for file in generated]
    assert len(addresses) == len(set(addresses)), "two generated files at one address"
    written = []
    for file in generated:
        path = target / file.src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(file.content.encode("utf-8"))
        written.append(path)
    return written


def _edge_data(project: Path) -> None:
    """A force, a body, an inspection and a response at the edge of every rule."""
    forces = project / "data" / "forces.yaml"
    forces.write_text(
        forces.read_text("utf-8")
        + f"  - id: {FORCE}\n    name: \"Edge\\tConstabulary \u05e9\u05dc\u05d5\u05dd\"\n    bodies:\n"
        + f"      - id: {BODY}\n        name: Edge Police and Crime Commissioner\n        kind: pcc\n        from: 2012-11-22\n",
        "utf-8",
    )
    (project / "data" / "inspections" / f"{INSPECTION}.yaml").write_text(
        f"""id: {INSPECTION}
title: "An inspection at the edge: <b>not bold</b> & \u0645\u0644\u062e\u0635"
scope: national thematic
inspectorates:
  - HMICFRS
published: {AS_OF}
report_url: https://www.justiceinspectorates.gov.uk/hmicfrs/{"x" * 1500}/
summary: not stated
recommendation_count: 999
area_for_improvement_count: 999
counts_source: The edge of every rule
recommendations:
  - number: 999
    text: "Every force should act.\\vNow."
    addressees:
      - every force
    deadline: not stated
    for_every_force: true
areas_for_improvement:
  - number: 999
    text: Forces should improve.
respondents: all forces
""",
        "utf-8",
    )
    folder = project / "data" / "responses" / INSPECTION
    folder.mkdir(parents=True)
    (folder / f"{FORCE}.yaml").write_text(
        f"""inspection: {INSPECTION}
force: {FORCE}
body: {BODY}
record: transcribed
section_55:
  reading: the body's response
  why: The Commissioner's response form for the report.
published: {AS_OF}
document:
  kind: response form
  title: Edge response form
  date: {AS_OF}
  copies:
    - url: https://www.example.org/{"y" * 2000}.pdf
      checked: {AS_OF}
statements:
  - by: local policing body
    text: {json.dumps(ANSWER, ensure_ascii=True)}
answers:
  - recommendations: [999]
    by: local policing body
    text: {json.dumps(ANSWER, ensure_ascii=False)}
    position: accepted
    progress: in progress
  - areas_for_improvement: [999]
    by: local policing body
    text: Improved.
    position: accepted
    progress: completed
last_checked: {AS_OF}
""",
        "utf-8",
    )


@pytest.fixture(scope="module")
def edge_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("edge") / "project")
    _edge_data(project)
    return project


def test_the_edge_of_every_rule_is_accepted_by_the_check(edge_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["--root", str(edge_project), "check"])
    out = capsys.readouterr().out
    assert status == 0, out
    assert out.startswith("ok: ")


def test_what_the_check_accepts_the_build_publishes(edge_project: Path, tmp_path: Path) -> None:
    written = write_generated(edge_project, tmp_path / "generated", date.fromisoformat(AS_OF))
    assert tmp_path / "generated" / "responses" / INSPECTION / FORCE / "index.md" in written
    result = build(edge_project, tmp_path / "site")
    assert result.returncode == 0, result.output
    page = result.site / "responses" / INSPECTION / FORCE / "index.html"
    text = BeautifulSoup(page.read_text("utf-8"), "html.parser").select_one("article").get_text()
    # The line breaks are read as new lines and the words kept, with the joiner, the mark and the Hebrew.
    assert "Accepted." in text and "We will act on it." in text and "In full." in text
    assert "Avon\u200d and Somerset \u05e9\u05dc\u05d5\u05dd\u200f" in text
    assert "\x0b" not in text and "\x0c" not in text and "\r" not in text
    assert (result.site / "inspections" / INSPECTION / "recommendations" / "999" / "index.html").is_file()
    title = BeautifulSoup((result.site / "inspections" / INSPECTION / "index.html").read_text("utf-8"), "html.parser").title.get_text()
    assert "<b>not bold</b> & \u0645\u0644\u062e\u0635" in title


def test_the_words_of_a_document_keep_their_line_breaks_as_new_lines(edge_project: Path) -> None:
    register = load_register(edge_project, as_of=date.fromisoformat(AS_OF))
    response = register.response(INSPECTION, FORCE)
    assert response is not None
    expected = "Accepted.\nWe will act on it.\nIn full.\nSigned: Avon\u200d and Somerset \u05e9\u05dc\u05d5\u05dd\u200f\tend."
    assert response.answers[0].text == expected
    assert response.statements[0].text == expected  # written with \u escapes, read the same
    assert register.inspection(INSPECTION).recommendation(999).text == "Every force should act.\nNow."


def _id_rules() -> dict:
    return json.loads(schema_text())["$defs"]["slug"]


def _names_beside_ids() -> set[str]:
    """The fixed names the site's addresses put where an id also goes (``year`` in /inspections/year/ beside /inspections/<id>/).

    Each function of ``urls`` is called with sample values; a fixed name after the same folders
    as an id in any address is one an id could take.
    """
    variables = {"zz-id", "2099", "zz.csv"}
    addresses = []
    for name, function in inspect.getmembers(urls, inspect.isfunction):
        if function.__module__ != urls.__name__ or name in ("relative", "source_file"):
            continue
        parameters = inspect.signature(function).parameters
        arguments = {key: ("zz-id" if key.endswith("_id") else 2099 if key in ("year", "number", "part") else "zz.csv") for key in parameters}
        addresses.append([part for part in function(**arguments).split("/") if part])
    before_ids = {tuple(parts[:index]) for parts in addresses for index, part in enumerate(parts) if part == "zz-id"}
    return {part.split(".")[0] for parts in addresses for index, part in enumerate(parts) if part not in variables and tuple(parts[:index]) in before_ids}


def test_every_name_the_site_uses_beside_ids_is_kept_from_ids() -> None:
    """An inspection id ``year`` would take /inspections/year/, the list of a year's inspections."""
    beside = _names_beside_ids()
    assert "year" in beside
    kept = set(_id_rules()["not"]["enum"])
    assert beside - kept == set()
    for device in ("con", "nul", "aux", "prn", "com1", "lpt9"):
        assert device in kept  # Windows cannot hold a file of that name, so a clone there would break


@pytest.mark.parametrize("value", ["year", "data", "con", "x" * 81, "norfolk\n", "Norfolk", "a--b", "-a", "a b", "norfolk\u200b"])
def test_an_id_that_the_build_could_not_publish_is_refused(value: str) -> None:
    rules = _id_rules()
    refused = (
        value in rules["not"]["enum"]
        or len(value) > rules["maxLength"]
        or not python_pattern(rules["pattern"]).search(value)
    )
    assert refused


def test_every_pattern_ends_at_the_end_of_the_text() -> None:
    """A pattern ending in ``$`` refuses a value with a newline after it, as ECMA-262 (and so every editor) reads it."""
    patterns = re.findall(r'"pattern": "((?:[^"\\]|\\.)*)"', schema_text())
    assert len(patterns) >= 8
    samples = {"^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "2023-07-20", "^https?://[^\\\\s]+$": "https://example.org/"}
    for written in patterns:
        pattern = json.loads(f'"{written}"')
        compiled = python_pattern(pattern)
        sample = samples.get(written)
        if sample:
            assert compiled.search(sample), pattern
            assert not compiled.search(sample + "\n"), pattern
        if pattern.endswith("$"):
            assert r"\Z" in compiled.pattern
    assert python_pattern("^[$]a$").pattern == r"^[$]a\Z"
    assert python_pattern(r"^a\$$").pattern == r"^a\$\Z"


def test_every_character_a_name_may_hold_can_be_published() -> None:
    """All 1,114,112 code points: what the text rules accept in a name encodes as UTF-8, stays on one line and is visible or plain space."""
    accepted = 0
    for code in range(0x110000):
        char = chr(code)
        text = f"a{char}b"
        if first_refused(text) is not None:
            continue
        accepted += 1
        text.encode("utf-8")
        assert len(text.splitlines()) == 1 or char == "\n", f"U+{code:04X}"
        category = unicodedata.category(char)
        assert category not in ("Cs", "Cf", "Zl", "Zp") and (category != "Cc" or char in "\t\n"), f"U+{code:04X}"
    assert accepted > 1_000_000  # private use and not yet assigned code points are text too


def test_the_words_of_a_document_hold_only_what_a_page_can_show() -> None:
    for code in range(0x110000):
        char = chr(code)
        text = normalise_line_breaks(f"a{char}b")
        if first_refused(text, verbatim=True) is None:
            text.encode("utf-8")
            assert unicodedata.category(char) != "Cc" or char in "\t\n\x0b\x0c\r\x85", f"U+{code:04X}"
            assert char not in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\ufeff\u2060", f"U+{code:04X}"


@pytest.mark.parametrize("text", [" ", "\u00a0", "\u200b", "\u3000\n", "\t", " \u200d "])
def test_blank_text_is_refused(text: str) -> None:
    assert is_blank(text)


def test_text_with_words_is_not_blank() -> None:
    assert not is_blank(" a ")
    assert not is_blank("\u05e9")
