"""The changelog page: made from the git history of data/, and still built where there is no history."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from conftest import build
from register.data.load import load_register
from register.site.changelog import read_history, render_changelog

TERRORIST = "management-of-terrorist-offenders-2023"
NORFOLK = f"data/responses/{TERRORIST}/norfolk.yaml"


def git(project: Path, *args: str, day: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.invalid", "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.invalid"}
    if day:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{day}T12:00:00+00:00"
    subprocess.run(["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args], cwd=project, env=env, check=True, capture_output=True)


@pytest.fixture
def history_project(project: Path) -> Path:
    """A copy of the project in its own git repository: the seed data, then a correction, then a page edit."""
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "Seed data", day="2024-01-02")
    norfolk = project / NORFOLK
    norfolk.write_text(norfolk.read_text("utf-8") + "# checked again against the form\n", "utf-8")
    git(project, "commit", "-q", "-am", "Correct Norfolk <record> & note", day="2024-03-05")
    about = project / "content" / "about.md"
    about.write_text(about.read_text("utf-8") + "\nMore about the register.\n", "utf-8")
    git(project, "commit", "-q", "-am", "Edit the about page", day="2024-04-01")
    return project


def changelog(site: Path) -> BeautifulSoup:
    return BeautifulSoup((site / "changelog" / "index.html").read_text("utf-8"), "html.parser")


def test_changelog_lists_each_day_with_links_to_the_pages_changed(history_project: Path) -> None:
    result = build(history_project)
    assert result.returncode == 0, result.output
    soup = changelog(result.site)
    days = [heading["id"] for heading in soup.select("article h2") if heading["id"] != "format-changes"]
    assert days == ["2024-03-05", "2024-01-02"]  # newest first; the about-page commit touched no data
    assert [h.get_text(" ", strip=True).removesuffix("¶").strip() for h in soup.select("article h2")] == ["5 March 2024", "2 January 2024", "Changes to the file formats"]

    correction = soup.find("h2", id="2024-03-05").find_next("section")
    assert "Correct Norfolk <record> & note" in correction.select_one(".register-meta").get_text()  # the commit message, literally, in small print only
    links = [a["href"] for a in correction.select("li a")]
    assert links == [f"../responses/{TERRORIST}/norfolk/"]
    # told from the data: the file changed, what it records did not (only a comment was added)
    said = " ".join(correction.select_one("li").get_text().split())
    assert said == "Edited the file of Norfolk Police and Crime Commissioner's response to “Management of terrorist offenders in the wake of terrorist attacks” without changing what it records."
    assert f"{NORFOLK} (changed)" in correction.get_text()

    seed = soup.find("h2", id="2024-01-02").find_next("section")
    seed_links = {a["href"] for a in seed.select("li a")}
    assert "../forces/" in seed_links
    assert f"../inspections/{TERRORIST}/" in seed_links
    assert f"../responses/{TERRORIST}/norfolk/" in seed_links
    for href in seed_links | set(links):
        assert (result.site / "changelog" / href / "index.html").resolve().is_file(), href
    assert "History not available" not in soup.get_text()


def test_changelog_is_the_same_for_the_same_commit(history_project: Path) -> None:
    register = load_register(history_project)
    first = render_changelog(history_project, "data", register).content
    (history_project / "data" / "forces.yaml").write_text((history_project / "data" / "forces.yaml").read_text() + "# uncommitted\n")
    assert render_changelog(history_project, "data", register).content == first  # only committed history counts


def test_removed_files_are_listed_without_a_dead_link(history_project: Path) -> None:
    git(history_project, "rm", "-q", NORFOLK, f"data/transcripts/{TERRORIST}/norfolk.txt")
    git(history_project, "commit", "-q", "-m", "Remove Norfolk", day="2024-06-01")
    register = load_register(history_project)
    history = read_history(history_project, "data", register)
    removed = history.days[0].commits[0].files
    assert {(change.change, change.page) for change in removed} == {("removed", None)}
    assert all("no longer in the register" in change.label for change in removed)


def test_without_git_history_the_site_still_builds_and_says_so(real_site: Path) -> None:
    """The shared build is of a copy without .git, as from an export or a tarball."""
    soup = changelog(real_site)
    text = " ".join(soup.select_one("article").get_text(" ").split())
    assert "History not available" in text
    assert [heading["id"] for heading in soup.select("article h2")] == ["format-changes"]  # no day of changes, only the formats' own list


def test_without_a_git_program_the_history_is_unavailable(history_project: Path) -> None:
    register = load_register(history_project)
    history = read_history(history_project, "data", register, git=str(history_project / "no-such-git"))
    assert not history.available and history.days == ()
    assert read_history(history_project, "data", register).available


def test_changelog_is_in_the_navigation_and_explained(real_site: Path) -> None:
    soup = changelog(real_site)
    assert soup.select_one("article h1").get_text(strip=True).startswith("Changelog")
    text = " ".join(soup.select_one("article").get_text(" ").split())
    assert "git history" in text or "git repository" in text
    about = BeautifulSoup((real_site / "about" / "index.html").read_text("utf-8"), "html.parser")
    assert about.select_one("article a[href='../changelog/']") is not None
    assert about.select_one("article a[href='../data/']") is not None


def test_the_changelog_lists_changes_to_the_file_formats(real_site) -> None:
    """Data users learn there what changed in the shape of the files, with links to the schema and the field list."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((real_site / "changelog" / "index.html").read_text("utf-8"), "html.parser")
    section = soup.find(id="format-changes")
    assert section is not None and section.name == "h2"
    entry = soup.find(id="format-2026-12-01")
    assert entry is not None and "documents as they are" in entry.get_text()
    text = " ".join(soup.select_one("article").get_text(" ").split())
    for change in ("kind is replaced by scope", "answers.csv", "days_after_due"):
        assert change in text, change
    assert soup.select_one('article a[href="../data/register.schema.json"]') is not None
    assert soup.select_one('article a[href="#format-changes"]') is not None


CAMBRIDGESHIRE = "data/responses/counter-terrorism-prevent-2020/cambridgeshire.yaml"
WEST_MERCIA = f"data/responses/{TERRORIST}/west-mercia.yaml"


def sentences(soup: BeautifulSoup, day: str) -> list[str]:
    section = soup.find("h2", id=day).find_next("section")
    return [" ".join(item.get_text().split()) for item in section.select("ul.register-change__what li")]


def test_changelog_tells_each_change_from_the_data_not_the_commit_message(project: Path) -> None:
    """A response added, a date corrected, an answer changed, a place looked: each said in the register's words."""
    register = load_register(project)
    held_back = project / WEST_MERCIA
    text = held_back.read_text("utf-8")
    held_back.unlink()
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "Seed", day="2024-01-02")
    held_back.write_text(text, "utf-8")
    git(project, "add", WEST_MERCIA)
    git(project, "commit", "-q", "-m", "wip", day="2024-02-01")
    cambridgeshire = project / CAMBRIDGESHIRE
    original = cambridgeshire.read_text("utf-8")
    assert original.count("  date: 2020-05-26\n") == 1
    cambridgeshire.write_text(original.replace("  date: 2020-05-26\n", "  date: 2020-05-27\n"), "utf-8")
    git(project, "commit", "-q", "-am", "fix", day="2024-03-01")
    norfolk = project / NORFOLK
    answers = norfolk.read_text("utf-8")
    assert "position: awaiting national lead" in answers
    norfolk.write_text(answers.replace("position: awaiting national lead", "position: noted", 1), "utf-8")
    git(project, "commit", "-q", "-am", "labels", day="2024-04-01")

    page = render_changelog(project, "data", register).content
    soup = BeautifulSoup(markdown.markdown(page.split("---\n", 2)[2], extensions=["attr_list", "md_in_html"]), "html.parser")
    terrorist = "“Management of terrorist offenders in the wake of terrorist attacks”"
    assert sentences(soup, "2024-02-01") == [f"Added West Mercia Police and Crime Commissioner's response to {terrorist} (located, not yet transcribed)."]
    assert sentences(soup, "2024-03-01") == [
        (
            "Corrected the date of Cambridgeshire Police and Crime Commissioner's response to “Counter-terrorism policing: An inspection of the police’s contribution to the government’s Prevent programme”: "
            "the date the document carries is 27 May 2020, not 26 May 2020."
        )
    ]
    assert sentences(soup, "2024-04-01") == [f"Changed the record of Norfolk Police and Crime Commissioner's response to {terrorist}: the answers."]
    seed = sentences(soup, "2024-01-02")
    assert "Added the 43 forces and their local policing bodies." in seed
    assert f"Added the inspection {terrorist}." in seed
    assert f"Recorded where the register looked for responses to {terrorist}: " in " ".join(seed)
    assert not any("West Mercia" in sentence for sentence in seed)
    # the sentences link to the pages they concern; the commit's own words are only in small print
    added = soup.find("h2", id="2024-02-01").find_next("section")
    assert added.select_one("li a")["href"] == f"../responses/{TERRORIST}/west-mercia/"
    assert "wip" not in " ".join(added.select_one("ul").get_text().split()) and "wip" in added.select_one(".register-meta").get_text()
    assert render_changelog(project, "data", register).content == render_changelog(project, "data", register).content
