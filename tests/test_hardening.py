"""What the build writes and prints cannot be turned against its readers or its last good site.

- A build that fails half-way (a page that will not render, a warning in strict mode) leaves the
  last good site byte for byte as it was; a build that succeeds replaces it whole.
- Identical data builds identical bytes on any day: ``sitemap.xml`` dates come from the data.
- CSV cells that a spreadsheet would run as a formula are neutralised with a leading apostrophe;
  ``register.json`` keeps the exact text.
- Problems are printed one to a line, free of control characters, and ``--format github`` escapes
  what GitHub Actions' workflow commands require, so a field name cannot forge a command.
- Every page carries a Content-Security-Policy that allows scripts and styles from the site only
  (checked in a real Chromium too), and links to other sites carry ``rel="noopener noreferrer"``.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from conftest import AS_OF, ROOT, build, copy_project, read_csv, served, write_export
from frictionless import validate
from register.data.load import load_register
from register.data.problems import Problem, printable
from register.site.csvtext import spreadsheet_safe
from register.site.links import mark_outbound_links
from register.staff.coverage_report import coverage_csv, coverage_report

PREVENT = "counter-terrorism-prevent-2020"
TERRORIST = "management-of-terrorist-offenders-2023"
SITE_URL = "http://127.0.0.1:8000/"
DATA_BLOCKS = {"application/json", "application/ld+json"}
"""Script elements that hold data for other programs (Material's configuration, the data page's
schema.org description): a browser never runs them, so the Content-Security-Policy does not apply."""
"""mkdocs.yml's default site_url, which the tests' builds use."""


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` and its bytes, and every folder (as ``name/``)."""
    found: dict[str, bytes] = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        found[name + "/" if path.is_dir() else name] = b"" if path.is_dir() else path.read_bytes()
    return found


def leftovers(project: Path) -> list[str]:
    return sorted(path.name for path in project.iterdir() if path.name.startswith(".site."))


def add_hook(project: Path, name: str, source: str) -> None:
    """A second MkDocs hook in the project copy, after the register's own."""
    (project / "hooks" / name).write_text(source, "utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "  - hooks/register_hook.py\n" in text
    config.write_text(text.replace("  - hooks/register_hook.py\n", f"  - hooks/register_hook.py\n  - hooks/{name}\n"), "utf-8")


EXPLODING_HOOK = '''
from pathlib import Path

written = 0

def on_post_page(output, page, config):
    """Fail half-way through writing the pages, as a page that will not render would."""
    global written
    written += 1
    if written == 60:
        on_disk = sum(1 for _ in Path(config.site_dir).rglob("*.html"))
        raise RuntimeError(f"exploded with {on_disk} pages written in {config.site_dir}")
    return output
'''

WARNING_HOOK = """
import logging

def on_page_content(html, page, config, files):
    if page.file.src_uri == "about.md":
        logging.getLogger("mkdocs.hooks.warning").warning("a warning that strict mode refuses")
    return html
"""


# A build that fails leaves the last good site -------------------------------------------------


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """A project copy with a good build in its site folder, and what that build wrote."""
    project = copy_project(tmp_path_factory.mktemp("atomic") / "project")
    result = build(project)
    assert result.returncode == 0, result.output
    return project, snapshot(result.site)


def test_a_build_that_fails_half_way_leaves_the_last_good_site(good, tmp_path: Path) -> None:
    project, before = good
    about = project / "content" / "about.md"
    original = about.read_text("utf-8")
    add_hook(project, "explode_hook.py", EXPLODING_HOOK)
    try:
        about.write_text(original + "\nA sentence the failed build must not publish.\n", "utf-8")
        result = build(project)
    finally:
        about.write_text(original, "utf-8")
        (project / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text("utf-8"), "utf-8")
    assert result.returncode != 0
    written = re.search(r"exploded with (\d+) pages written in (\S+)", result.output)
    assert written, result.output
    assert int(written[1]) >= 50  # it really failed half-way, with pages already on disk...
    assert Path(written[2]) != project / "site" and not Path(written[2]).exists()  # ...in a folder now gone
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


def test_a_warning_in_strict_mode_leaves_the_last_good_site(good) -> None:
    """Strict mode refuses a build after its last step has run; the site must not have been replaced by then."""
    project, before = good
    add_hook(project, "warning_hook.py", WARNING_HOOK)
    try:
        result = build(project)
    finally:
        (project / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text("utf-8"), "utf-8")
    assert result.returncode != 0
    assert "a warning that strict mode refuses" in result.output
    assert "1 warning in strict mode: the site in" in result.output and "was left as it was" in result.output
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


def test_refused_data_leaves_the_last_good_site(good) -> None:
    project, before = good
    target = project / "data" / "responses" / PREVENT / "cambridgeshire.yaml"
    original = target.read_text("utf-8")
    try:
        target.write_text(original.replace("record: transcribed", "record: maybe"), "utf-8")
        result = build(project)
    finally:
        target.write_text(original, "utf-8")
    assert result.returncode != 0 and "nothing was built" in result.output
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


def test_a_build_that_succeeds_replaces_the_site_whole(good) -> None:
    """No file of the old site survives beside the new one; the folder keeps its permissions; the
    fresh folders of a killed build are cleared away."""
    project, before = good
    site = project / "site"
    (site / "stale.html").write_text("from an older build", "utf-8")
    os.chmod(site, 0o755)
    dead = _pid_not_running()
    (project / f".site.building-{dead}-abc123").mkdir()  # left by a build that was killed
    (project / f".site.building-{dead}-abc123" / "index.html").write_text("half", "utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    assert not (site / "stale.html").exists()
    assert snapshot(site) == before  # the same inputs: the same site, search index included
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert stat.S_IMODE(site.stat().st_mode) == 0o755
    assert leftovers(project) == []


def test_the_first_build_makes_the_site_folder_readable(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    result = build(project, tmp_path / "deeper" / "site")
    assert result.returncode == 0, result.output
    mode = stat.S_IMODE(result.site.stat().st_mode)
    assert mode == 0o777 & ~_umask()  # as a new folder is made, not mkdtemp's private 0700
    assert (result.site / "index.html").is_file()
    assert sorted(path.name for path in (tmp_path / "deeper").iterdir()) == ["site"]


def _pid_not_running() -> int:
    pid = 999_999
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return pid
        except OSError:
            pass
        pid -= 1


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# The same data builds the same bytes on any day -----------------------------------------------


def test_the_same_data_builds_the_same_bytes_on_any_day(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """MkDocs dates sitemap.xml (and the gzip header of sitemap.xml.gz) by the day of the build,
    or by SOURCE_DATE_EPOCH; the register dates it by its as-of date instead."""
    project = copy_project(tmp_path / "project")
    sites = []
    for day, epoch in (("2030-01-01", 1893456000), ("2031-10-15", 1949961600)):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))  # the build's "today", as MkDocs reads it
        result = build(project, tmp_path / f"site-{day}")
        assert result.returncode == 0, result.output
        sites.append(snapshot(result.site))
    assert sites[0] == sites[1]
    sitemap = ElementTree.fromstring(sites[0]["sitemap.xml"])
    space = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    assert {tag.text for tag in sitemap.findall("s:url/s:lastmod", space)} == {AS_OF}
    assert len(sitemap.findall("s:url", space)) > 100


# CSV downloads are spreadsheet-safe --------------------------------------------------------------

PAYLOADS = {
    "formula": '=HYPERLINK("http://evil.example","click")',
    "plus": "+44 1234 567890 is the office to call",
    "minus": "-1+1 or so the Board said",
    "at": "@SUM(1+1)*cmd|' /C calc'!A0",
    "body": '=HYPERLINK("http://evil.example","Cambridgeshire Police and Crime Commissioner")',
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@A1", "'@A1"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("a=1", "a=1"),
        (" =1", " =1"),
        ("'=1", "'=1"),
        ("", ""),
        ("Recommendation 1", "Recommendation 1"),
    ],
)
def test_spreadsheet_safe(text: str, written: str) -> None:
    assert spreadsheet_safe(text) == written


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project copy whose answer texts and a body's name begin like formulas."""
    project = copy_project(tmp_path_factory.mktemp("formulas") / "project")
    response = project / "data" / "responses" / PREVENT / "cambridgeshire.yaml"
    text = response.read_text("utf-8")
    first = "This recommendation is addressed to the NPCC national Prevent lead"
    assert text.count(first) >= 1
    text = text.replace(first, PAYLOADS["formula"] + " " + first, 1)
    answers = text.index("answers:")
    head, tail = text[:answers], text[answers:]
    blocks = tail.split("    text: >-\n      ")
    assert len(blocks) >= 4, "the response needs three more answers to carry the payloads"
    tail = blocks[0] + "    text: >-\n      " + blocks[1]
    for payload, block in zip((PAYLOADS["plus"], PAYLOADS["minus"], PAYLOADS["at"]), blocks[2:5]):
        tail += "    text: >-\n      " + payload + " " + block
    tail += "".join("    text: >-\n      " + block for block in blocks[5:])
    response.write_text(head + tail, "utf-8")
    forces = project / "data" / "forces.yaml"
    body = "        name: Cambridgeshire Police and Crime Commissioner\n"
    assert body in forces.read_text("utf-8")
    forces.write_text(forces.read_text("utf-8").replace(body, f"        name: '{PAYLOADS['body']}'\n", 1), "utf-8")
    return project


@pytest.fixture(scope="module")
def hostile_export(hostile: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    register = load_register(hostile, as_of=date.fromisoformat(AS_OF))
    return write_export(register, tmp_path_factory.mktemp("formula-export"))


def _csv_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


def test_no_csv_cell_begins_like_a_formula(hostile_export: Path) -> None:
    cells = {path.name: _csv_cells(path.read_text("utf-8")) for path in sorted(hostile_export.glob("*.csv"))}
    assert len(cells) == 8
    live = [(name, cell[:40]) for name, each in cells.items() for cell in each if cell.startswith(FORMULA_STARTS)]
    assert live == []
    everything = [cell for each in cells.values() for cell in each]
    for payload in PAYLOADS.values():  # each payload is there, neutralised, word for word
        assert any(cell.startswith("'" + payload) for cell in everything), payload


def test_numbers_in_the_csv_are_not_changed(hostile_export: Path) -> None:
    rows = read_csv(hostile_export / "recommendation_answers.csv")
    assert rows and all(re.fullmatch(r"\d+", row["recommendation"]) for row in rows)


def test_register_json_keeps_the_exact_text(hostile_export: Path) -> None:
    document = (hostile_export / "register.json").read_text("utf-8")
    for payload in PAYLOADS.values():
        assert json.dumps(payload, ensure_ascii=False)[1:-1] in document
    assert "'" + PAYLOADS["formula"] not in document


def test_the_package_still_validates_with_neutralised_cells(hostile_export: Path) -> None:
    report = validate(str(hostile_export / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])


def test_the_data_page_says_how_cells_are_neutralised(hostile_export: Path) -> None:
    page = " ".join(BeautifulSoup((hostile_export / "index.md").read_text("utf-8"), "html.parser").get_text(" ").split())
    assert "starts with an apostrophe (`'`)" in page
    assert "which `register.json` always has" in page


def test_the_chasing_spreadsheet_is_spreadsheet_safe(hostile: Path) -> None:
    register = load_register(hostile, as_of=date.fromisoformat(AS_OF))
    text = coverage_csv(coverage_report(register, date.fromisoformat(AS_OF), []))
    cells = _csv_cells(text)
    assert "'" + PAYLOADS["body"] in cells
    assert [cell for cell in cells if cell.startswith(FORMULA_STARTS)] == []
    completed = subprocess.run(
        [sys.executable, "-m", "register", "--root", str(hostile), "coverage", "--csv"], capture_output=True, check=False
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.decode("utf-8") == text


# Printed problems are one line each, and cannot forge a CI command -------------------------------

FORGED_KEYS = ('"x\\n::stop-commands::abc"', '"y\\r\\n::error file=evil.yaml::forged"', '"\\e[31mred\\u202e\\x85z%0A"')


@pytest.fixture(scope="module")
def forged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project copy whose response file has field names holding newlines, ESC, a right-to-left override."""
    project = copy_project(tmp_path_factory.mktemp("forged") / "project")
    response = project / "data" / "responses" / PREVENT / "cambridgeshire.yaml"
    response.write_text(response.read_text("utf-8") + "".join(f"{key}: 1\n" for key in FORGED_KEYS), "utf-8")
    return project


def _check(project: Path, *args: str) -> tuple[int, str]:
    completed = subprocess.run([sys.executable, "-m", "register", "--root", str(project), "check", *args], capture_output=True, check=False)
    return completed.returncode, completed.stdout.decode("utf-8")


CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def test_check_prints_each_problem_on_one_clean_line(forged: Path) -> None:
    status, out = _check(forged)
    assert status == 1
    lines = out.split("\n")
    assert lines[-1] == ""
    assert len(lines[:-1]) == 3
    assert all(line.startswith(f"data/responses/{PREVENT}/cambridgeshire.yaml:") for line in lines[:-1])
    assert not CONTROL.search(out.replace("\n", ""))
    assert "x\\n::stop-commands::abc" in out and "\\x1b[31mred\\u202e\\x85z" in out


def test_github_format_forges_no_workflow_command(forged: Path) -> None:
    status, out = _check(forged, "--format", "github")
    assert status == 1
    lines = out.splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert len(commands) == 3 and len(lines) == 6
    assert all(line.startswith(f"::error file=data/responses/{PREVENT}/cambridgeshire.yaml,line=") for line in commands)
    assert not CONTROL.search(out.replace("\n", ""))
    for line in commands:  # the properties: %, : and , escaped; the message: % escaped
        properties, message = line[len("::error ") :].split("::", 1)
        title = properties.split(",title=", 1)[1]
        assert ":" not in title and "," not in title
        assert "%0A" not in message  # a literal "%0A" in the data is written %250A, so it cannot become a line break
    assert any("%250A" in line for line in commands)


def test_the_build_log_shows_each_problem_on_one_clean_line(forged: Path) -> None:
    result = build(forged)
    assert result.returncode != 0
    assert not (forged / "site").exists()
    assert not any(line.startswith("::") for line in result.output.splitlines())
    problem_lines = [line for line in result.output.splitlines() if f"{PREVENT}/cambridgeshire.yaml:" in line]
    assert len(problem_lines) == 3
    assert "x\\n::stop-commands::abc" in result.output
    assert not CONTROL.search(result.output.replace("\n", ""))


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain", "plain"),
        ("a\nb", "a\\nb"),
        ("a\r\nb", "a\\r\\nb"),
        ("tab\there", "tab\\there"),
        ("\x1b[2J", "\\x1b[2J"),
        ("\x00\x7f\x85", "\\x00\\x7f\\x85"),
        ("left\u202eright\u200b", "left\\u202eright\\u200b"),
        ("line\u2028sep", "line\\u2028sep"),
        ("lone \ud800", "lone \\ud800"),
        ("Ynys Môn – café", "Ynys Môn – café"),
    ],
)
def test_printable(text: str, shown: str) -> None:
    assert printable(text) == shown
    assert str(Problem("data/x.yaml", 1, 1, text, text)) == f"data/x.yaml:1:1: {shown}: {shown}"


# Links to other sites ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "marked"),
    [
        ('<a href="https://example.org/">x</a>', '<a rel="noopener noreferrer" href="https://example.org/">x</a>'),
        ('<a href="//example.org/">x</a>', '<a rel="noopener noreferrer" href="//example.org/">x</a>'),
        ('<a href="http://127.0.0.1:8001/">x</a>', '<a rel="noopener noreferrer" href="http://127.0.0.1:8001/">x</a>'),
        ("<A HREF=https://example.org/?a=1&amp;b=2>x</A>", '<A rel="noopener noreferrer" HREF=https://example.org/?a=1&amp;b=2>x</A>'),
        ('<a title="a > b" href="https://example.org/">', '<a rel="noopener noreferrer" title="a > b" href="https://example.org/">'),
        ('<a rel="me" href="https://example.org/">', '<a href="https://example.org/" rel="me noopener noreferrer">'),
        ('<a rel="noreferrer noopener" href="https://example.org/">', '<a rel="noreferrer noopener" href="https://example.org/">'),
        ('<area href="https://example.org/" alt="">', '<area rel="noopener noreferrer" href="https://example.org/" alt="">'),
        ('<a href="http://127.0.0.1:8000/about/">x</a>', None),
        ('<a href="../about/">x</a>', None),
        ('<a href="#top">x</a>', None),
        ('<a href="mailto:someone@example.org">x</a>', None),
        ("<a>no address</a>", None),
        ('<abbr title="https://example.org/">x</abbr>', None),
        ('<!-- <a href="https://example.org/"> -->', None),
        ("<script>let s = '<a href=\"https://example.org/\">';</script>", None),
        ('<a href="https://example.org/"', None),  # not a tag: it never ends
    ],
)
def test_mark_outbound_links(html: str, marked: str | None) -> None:
    assert mark_outbound_links(html, SITE_URL) == (html if marked is None else marked)


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_link_to_another_site_opens_without_opener_or_referrer(real_site: Path) -> None:
    outbound = internal = 0
    for path in _pages(real_site):
        for link in BeautifulSoup(path.read_text("utf-8"), "html.parser").find_all("a", href=True):
            parts = urlsplit(link["href"])
            rel = set(link.get("rel") or [])
            if parts.scheme in ("http", "https") and parts.netloc != "127.0.0.1:8000":
                outbound += 1
                assert {"noopener", "noreferrer"} <= rel, (path, link["href"])
            else:
                internal += 1
                assert "noreferrer" not in rel, (path, link["href"])
    assert outbound > 100 and internal > 1000


# The Content-Security-Policy ---------------------------------------------------------------------

POLICY = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; base-uri 'self'; form-action 'self'"


def test_every_page_has_the_policy_before_anything_it_governs(real_site: Path) -> None:
    pages = _pages(real_site)
    assert len(pages) > 100 and real_site / "404.html" in pages
    for path in pages:
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        policies = soup.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert [meta["content"] for meta in policies] == [POLICY], path
        governed = policies[0].find_all_previous(["script", "link", "style", "img"])
        assert governed == [], path
        head = path.read_bytes()[:1024]
        assert b'<meta charset="utf-8">' in head, path  # the charset is still declared where it must be


def test_no_page_needs_inline_script_or_style(real_site: Path) -> None:
    """What the policy refuses is not on any page: it would fail in the reader's browser."""
    for path in _pages(real_site):
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        inline = [script for script in soup.find_all("script") if not script.get("src") and script.get("type") not in DATA_BLOCKS]
        assert inline == [], path
        assert soup.find_all("style") == [], path
        assert soup.find_all(style=True) == [], path
        handlers = [(tag.name, name) for tag in soup.find_all(True) for name in tag.attrs if name.lower().startswith("on")]
        assert handlers == [], path


# In a real Chromium ------------------------------------------------------------------------------

VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.mark.browser
def test_the_policy_refuses_nothing_the_site_does_in_chromium(browser, real_site: Path) -> None:
    """The home page, an inspection page, a response page and a search, run under the policy: no
    violation is reported, search works (its WebAssembly is allowed), Material's scripts run,
    and a script injected inline is refused, so the policy is really in force."""
    with served(real_site) as url:
        context = browser.new_context()
        context.add_init_script(VIOLATIONS)
        refused: list[str] = []
        try:
            for path in ("", f"inspections/{TERRORIST}/", f"responses/{PREVENT}/cambridgeshire/", "timeliness/"):
                page = context.new_page()
                page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None)
                page.goto(url + path)
                page.wait_for_load_state("networkidle")
                assert page.evaluate("typeof __md_scope") == "object", path  # Material's scope script, now a file, ran
                assert page.evaluate("__md_scope.href") == url
                if path == "":
                    page.locator("#register-search-input").focus()
                    page.keyboard.type("Cumbria")
                    page.wait_for_selector(".register-search__result", timeout=15_000)
                assert page.evaluate("window.__violations") == [], path
                page.close()
            assert refused == []
            page = context.new_page()
            page.goto(url)
            page.evaluate(
                "() => { const s = document.createElement('script'); s.textContent = 'window.__ran = true'; document.head.append(s); }"
            )
            page.wait_for_function("() => window.__violations.length > 0")
            assert page.evaluate("window.__ran === undefined")
            assert page.evaluate("window.__violations")[0].startswith("script-src")
        finally:
            context.close()
