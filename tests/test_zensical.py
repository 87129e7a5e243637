"""The same register built two ways from the same data: by MkDocs with the hook (``make build``), and
by Zensical from ``register render`` with no hook at all (``make build-zensical``), compared.

The comparison reads both sites' files and parses their HTML: the same page addresses, the same
downloads byte for byte, the same facts on every page (the article's headings, table cells and
links; the title, the search markers, the Content-Security-Policy). The differences it allows are
named here, each with its reason, and listed in the README ("Building with Zensical").
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import AS_OF, ROOT, build, copy_project, served

ZENSICAL_CONFIG = "mkdocs.zensical.yml"
RENDERED = Path("build/zensical-docs")  # docs_dir of mkdocs.zensical.yml
ZENSICAL_SITE = Path("build/zensical-site")  # its site_dir

ONLY_MKDOCS = {"sitemap.xml.gz"}
"""Files only the MkDocs build writes: Material's gzipped copy of the sitemap (Zensical writes sitemap.xml only)."""
THEME_FOLDERS = ("assets/javascripts/", "assets/stylesheets/", "assets/images/", "pagefind/")
"""Each generator's own theme bundle (its file names are hashes of its content) and each site's search index."""

PREVENT = "counter-terrorism-prevent-2020"
TERRORIST = "management-of-terrorist-offenders-2023"
KINDS = {
    "home": "",
    "inspections": "inspections/",
    "inspections of a year": "inspections/year/2023/",
    "inspection": f"inspections/{TERRORIST}/",
    "recommendation": f"inspections/{TERRORIST}/recommendations/20/",
    "forces": "forces/",
    "force": "forces/cumbria/",
    "responses": "responses/",
    "responses to one inspection": f"responses/{PREVENT}/",
    "response": f"responses/{PREVENT}/cambridgeshire/",
    "timeliness": "timeliness/",
    "data": "data/",
    "file formats": "data/formats/",
    "changelog": "changelog/",
    "method": "method/",
    "contributing": "contributing/",
}


@dataclass(frozen=True)
class Sites:
    mkdocs: Path
    zensical: Path
    rendered: Path


def zensical_installed() -> bool:
    return find_spec("zensical") is not None


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "REGISTER_AS_OF": AS_OF, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)  # both sites under mkdocs.yml's default address, as conftest.build does
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)


def build_with_zensical(project: Path) -> Path:
    """``make build-zensical``'s three steps, in ``project``."""
    steps = [
        [sys.executable, "-m", "register", "--root", str(project), "render", str(project / RENDERED)],
        [sys.executable, "-m", "zensical", "build", "--clean", "--strict", "-f", str(project / ZENSICAL_CONFIG)],
        [sys.executable, "-m", "register.site.generate", "finish", str(project / ZENSICAL_SITE), "--root", str(project)],
    ]
    for step in steps:
        finished = run(step, project)
        assert finished.returncode == 0, f"{' '.join(step[2:4])} failed:\n{finished.stdout}{finished.stderr}"
    return project / ZENSICAL_SITE


@pytest.fixture(scope="session")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Sites:
    """The real data built both ways, from one copy of the project."""
    if not zensical_installed():
        pytest.skip("Zensical is not installed (requirements.txt pins zensical==0.0.73): `make build-zensical` cannot run")
    project = copy_project(tmp_path_factory.mktemp("zensical") / "project")
    shutil.copy2(ROOT / ZENSICAL_CONFIG, project / ZENSICAL_CONFIG)
    result = build(project, project / "site")
    assert result.returncode == 0, result.output
    return Sites(result.site, build_with_zensical(project), project / RENDERED)


def published(site: Path) -> set[str]:
    """Every file of a site but the generator's own theme bundle and the search index."""
    files = {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}
    return {name for name in files if not name.startswith(THEME_FOLDERS)}


def soup(site: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((site / name).read_text("utf-8"), "html.parser")


def search_excluded(rendered: Path, url: str) -> bool:
    """Whether the page's Markdown, as rendered, asks to be left out of the search index (``search_exclude`` front matter)."""
    source = rendered / (f"{url}index.md" if (rendered / f"{url}index.md").is_file() else f"{url.rstrip('/') or 'index'}.md")
    text = source.read_text("utf-8")
    front = yaml.safe_load(text.split("---\n", 2)[1]) if text.startswith("---\n") else {}
    return bool((front or {}).get("search_exclude"))


def page_file(url: str) -> str:
    return url if url.endswith(".html") else f"{url}index.html"


def article_facts(page: BeautifulSoup, address: str) -> dict[str, list[str]]:
    """What a reader gets from the article: its headings, table cells and where its links go."""
    article = page.select_one("article")
    assert article is not None
    for anchor in article.select("a.headerlink"):
        anchor.decompose()
    return {
        "headings": [" ".join(h.get_text(" ").split()) for h in article.select("h1, h2, h3, h4, h5, h6")],
        "cells": [" ".join(c.get_text(" ").split()) for c in article.select("th, td")],
        "links": [urljoin(address, a["href"]) for a in article.select("a[href]")],
        "paragraphs": [" ".join(p.get_text(" ").split()) for p in article.select("p, li, dd, dt, figcaption, caption")],
    }


def page_facts(page: BeautifulSoup, address: str) -> dict[str, object]:
    """What the theme and the hook's last steps put around the article."""
    return {
        "csp": [meta["content"] for meta in page.select('meta[http-equiv="Content-Security-Policy"]')],
        "feed": [urljoin(address, link["href"]) for link in page.select('link[type="application/atom+xml"]')],
        "search indexed": [element.name for element in page.select("[data-pagefind-body]")],
        "search weight": [element.get("data-pagefind-weight") for element in page.select("[data-pagefind-weight]")],
        "search ignored": len(page.select("[data-pagefind-ignore]")),
        "search box": [element.get("id") for element in page.select("#register-search-input")],
        "outbound rel": sorted({" ".join(a.get("rel", [])) for a in page.select("a[href^='http']") if "127.0.0.1" not in a["href"]}),
        "stylesheets": [
            link["href"].rsplit("/", 1)[-1]
            for link in page.select("link[rel=stylesheet]")
            if "/register" in link["href"] or "search" in link["href"]
        ],
        "scripts": [
            script["src"].rsplit("/", 1)[-1]
            for script in page.select("script[src]")
            if "assets/" in script["src"] and "javascripts/bundle" not in script["src"]
        ],
    }


# The render command on its own ---------------------------------------------------------------------


def test_render_writes_every_generated_file_and_the_hand_written_pages(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    out = project / "build" / "docs"
    stale = out / "responses" / "gone" / "index.md"
    stale.parent.mkdir(parents=True)
    stale.write_text("a page of an older render", "utf-8")
    finished = run([sys.executable, "-m", "register", "render", str(out)], project)
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.startswith("ok: wrote ")
    for name in (
        "about.md",
        "contributing.md",
        "assets/register.css",
        "feed.xml",
        "data/index.md",
        "data/register.json",
        "changelog/index.md",
    ):
        assert (out / name).is_file(), name
    assert (out / f"responses/{PREVENT}/cambridgeshire/index.md").is_file()
    assert (out / f"responses/{PREVENT}/cambridgeshire/source.txt").is_file()  # a transcript
    assert not stale.exists()  # the folder is replaced whole
    home = (out / "index.md").read_text("utf-8")
    assert "<!-- register:" not in home  # its generated blocks are filled in
    assert "<!-- register:" in (project / "content" / "index.md").read_text("utf-8")  # and the source is untouched


@pytest.mark.parametrize("folder", ["content", "content/assets", "data", "."])
def test_render_refuses_a_folder_of_the_project(tmp_path: Path, folder: str) -> None:
    project = copy_project(tmp_path / "project")
    before = sorted(path.relative_to(project) for path in project.rglob("*"))
    finished = run([sys.executable, "-m", "register", "render", folder], project)
    assert finished.returncode == 2
    assert finished.stderr.startswith("register: error: ") and "(hint: give a folder of its own" in finished.stderr
    assert sorted(path.relative_to(project) for path in project.rglob("*")) == before


def test_bad_data_stops_the_render_with_the_problems(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    forces = project / "data" / "forces.yaml"
    forces.write_text(forces.read_text("utf-8").replace("id: cumbria", "id: Cumbria!", 1), "utf-8")
    finished = run([sys.executable, "-m", "register", "render", "build/docs"], project)
    assert finished.returncode == 1
    assert "data/forces.yaml:" in finished.stdout + finished.stderr
    assert not (project / "build" / "docs").exists()


# Both builds compared --------------------------------------------------------------------------------


def test_both_builds_publish_the_same_addresses(sites: Sites) -> None:
    mkdocs, zensical = published(sites.mkdocs), published(sites.zensical)
    assert len([name for name in mkdocs if name.endswith("index.html")]) > 150
    assert mkdocs - zensical == ONLY_MKDOCS
    assert zensical - mkdocs == set()
    assert (sites.zensical / "pagefind" / "pagefind-entry.json").is_file()  # indexed after the build, as the hook does
    assert not (sites.zensical / "search.json").exists()  # Zensical's own index, which no page reads


def test_both_builds_publish_the_same_downloads_byte_for_byte(sites: Sites) -> None:
    downloads = sorted(name for name in published(sites.mkdocs) if not name.endswith((".html", ".gz")) and not name.startswith("assets/"))
    assert {"data/register.json", "data/responses.csv", "data/datapackage.json", "feed.xml", "sitemap.xml"} <= set(downloads)
    assert any(name.endswith("/source.txt") for name in downloads)  # the transcripts
    different = [
        name for name in downloads if name != "sitemap.xml" and (sites.mkdocs / name).read_bytes() != (sites.zensical / name).read_bytes()
    ]
    assert different == []


def test_both_sitemaps_list_the_same_pages(sites: Sites) -> None:
    """Zensical's sitemap gives no <lastmod>; MkDocs' gives the as-of date (the hook sets it), so only the addresses compare."""

    def addresses(site: Path) -> list[str]:
        return sorted(loc.get_text() for loc in BeautifulSoup((site / "sitemap.xml").read_text("utf-8"), "xml").select("loc"))

    assert addresses(sites.mkdocs) == addresses(sites.zensical)
    assert len(addresses(sites.mkdocs)) > 150


def test_every_page_says_the_same_in_both_builds(sites: Sites) -> None:
    pages = sorted(name for name in published(sites.mkdocs) if name.endswith(".html") and name != "404.html")
    different = []
    for name in pages:
        address = "http://127.0.0.1:8000/" + name.removesuffix("index.html")
        if article_facts(soup(sites.mkdocs, name), address) != article_facts(soup(sites.zensical, name), address):
            different.append(name)
    assert different == []


@pytest.mark.parametrize("kind", KINDS)
def test_a_page_of_each_kind_is_the_same_in_both_builds(sites: Sites, kind: str) -> None:
    name = page_file(KINDS[kind])
    address = "http://127.0.0.1:8000/" + KINDS[kind]
    mkdocs, zensical = soup(sites.mkdocs, name), soup(sites.zensical, name)
    facts = page_facts(mkdocs, address)
    assert facts == page_facts(zensical, address)
    assert facts["csp"] and facts["feed"] and facts["search box"] == ["register-search-input"]
    assert facts["search indexed"] == ([] if search_excluded(sites.rendered, KINDS[kind]) else ["div"])
    assert mkdocs.title.get_text() == zensical.title.get_text()
    if kind == "home":  # the site's name alone, though Zensical does not set page.is_homepage
        assert mkdocs.title.get_text() == "Inspection Responses Register"
    mkdocs_article, zensical_article = article_facts(mkdocs, address), article_facts(zensical, address)
    assert mkdocs_article == zensical_article
    assert mkdocs_article["headings"]


def test_the_home_page_has_its_figures_in_both_builds(sites: Sites) -> None:
    """The home page's generated blocks: filled in by the hook as MkDocs reads the page, and written by ``register render``."""
    mkdocs, zensical = soup(sites.mkdocs, "index.html"), soup(sites.zensical, "index.html")
    figures = [" ".join(element.get_text(" ").split()) for element in mkdocs.select("article .register-headline, article table td")]
    assert figures
    assert figures == [
        " ".join(element.get_text(" ").split()) for element in zensical.select("article .register-headline, article table td")
    ]


def test_outbound_links_are_marked_in_the_zensical_build(sites: Sites) -> None:
    name = page_file(KINDS["inspection"])
    outbound = soup(sites.zensical, name).select("article a[href^='https://']")
    assert outbound
    assert all({"noopener", "noreferrer"} <= set(a.get("rel", [])) for a in outbound)


# Accessibility of the Zensical build ---------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("kind", ["home", "inspection", "recommendation", "response", "timeliness", "data"])
def test_zensical_page_has_no_accessibility_violations(sites: Sites, browser, kind: str) -> None:
    from test_browser import axe_violations

    with served(sites.zensical) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        failed: list[str] = []
        context.on("requestfailed", lambda request: failed.append(request.url))
        context.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
        try:
            page = context.new_page()
            page.goto(url + KINDS[kind])
            page.wait_for_load_state("networkidle")
            violations = axe_violations(page)
        finally:
            context.close()
    assert violations == [], "\n".join(violations)
    assert failed == []


def test_neither_build_has_a_palette_toggle_or_an_inline_script(sites: Sites) -> None:
    """One colour scheme: Zensical reads it as a list of one, and the header override still adds no toggle
    (a hidden, focusable radio button axe flags) and no inline script (which the Content-Security-Policy refuses)."""
    for site, toggles, inline_scripts in ((sites.mkdocs, 0, 0), (sites.zensical, 0, 0)):
        page = soup(site, "index.html")
        assert len(page.select("input#__palette_0[aria-hidden=true]")) == toggles
        assert (
            len([script for script in page.select("script") if not script.get("src") and script.get("type") != "application/json"])
            == inline_scripts
        )
