"""The local preview (``make preview``): after an edit, only changed files are read again, the
result is the same as a fresh load (refusals included), only the pages the edit can reach are
rendered again, and the served page shows the edit. A coverage file (where the register looked
for an inspection's responses) edited, added or removed reaches its inspection's pages, the
force pages and the indexes."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import date
from pathlib import Path

import pytest
import register.data.load
from bs4 import BeautifulSoup
from conftest import AS_OF, build, shapes_data
from register.data.load import load_register
from register.data.problems import DataError
from register.site.incremental import DocumentCache, Reach, affected_by
from register.site.pages import render_site

PREVENT = "counter-terrorism-prevent-2020"
RESPONSE = Path(f"data/responses/{PREVENT}/cumbria.yaml")
ANSWER = "    position: noted\n"
COVERAGE = Path(f"data/coverage/{PREVENT}.yaml")
LOOKED = f"""inspection: {PREVENT}
looked:
  - where: the inspectorate's report page
    url: https://www.example.org/hmicfrs/prevent/
    checked: 2026-11-20
    for: all bodies
    found: [cumbria]
"""
A_BODY_LOOKED = """  - where: the body's page of inspection responses
    url: https://www.example.org/kent-pcc/responses/
    checked: 2026-11-21
    for: [kent]
    found: []
"""


def edit(path: Path, old: str, new: str) -> None:
    """Replace the last ``old`` in the file, and make sure its modification time moves on."""
    text = path.read_text("utf-8")
    assert old in text
    before = path.stat().st_mtime_ns
    head, _, tail = text.rpartition(old)
    path.write_text(head + new + tail, "utf-8")
    if path.stat().st_mtime_ns == before:
        os.utime(path, ns=(before + 1_000_000, before + 1_000_000))


def count_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    reads: list[Path] = []
    original = register.data.load.read_yaml

    def counting(path: Path, display: str):
        reads.append(path)
        return original(path, display)

    monkeypatch.setattr(register.data.load, "read_yaml", counting)
    return reads


def test_an_edit_rereads_only_the_edited_file_and_loads_what_a_fresh_load_does(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = DocumentCache()
    reads = count_reads(monkeypatch)
    first = load_register(project, cache=cache)
    assert len(reads) == len(list((project / "data").rglob("*.yaml"))) > 2
    cache.settle()

    reads.clear()
    edit(project / RESPONSE, "      Both the Police", "      Edited. Both the Police")
    again = load_register(project, cache=cache)

    assert reads == [project / "data" / RESPONSE.relative_to("data")]
    assert again == load_register(project)
    assert again != first
    assert cache.changes(project / "data") == Reach(frozenset({(PREVENT, "cumbria")}))


def test_a_broken_edit_is_refused_as_a_fresh_load_refuses_it(project: Path) -> None:
    cache = DocumentCache()
    load_register(project, cache=cache)
    cache.settle()
    edit(project / RESPONSE, ANSWER, "    position: notedd\n")

    with pytest.raises(DataError) as cached:
        load_register(project, cache=cache)
    with pytest.raises(DataError) as fresh:
        load_register(project)
    assert cached.value.problems == fresh.value.problems
    assert any(p.path == RESPONSE.as_posix() and p.line > 1 for p in cached.value.problems)

    # Put right, the edit made while refused still counts as changed.
    edit(project / RESPONSE, "    position: notedd\n", ANSWER)
    assert load_register(project, cache=cache) == load_register(project)
    assert cache.changes(project / "data") == Reach(frozenset({(PREVENT, "cumbria")}))


def test_adding_or_removing_a_response_or_editing_another_file_means_everything_is_rendered_again(project: Path) -> None:
    cache = DocumentCache()
    load_register(project, cache=cache)
    cache.settle()
    assert cache.changes(project / "data") is None  # nothing changed: a template or setting did
    (project / RESPONSE).unlink()
    load_register(project, cache=cache)
    assert cache.changes(project / "data") is None
    cache.settle()
    edit(project / "data" / "inspections" / f"{PREVENT}.yaml", "published: 2020-03-09", "published: 2020-03-09  # edited")
    load_register(project, cache=cache)
    assert cache.changes(project / "data") is None


def _without_coverage(project: Path) -> Path:
    """The project with no coverage files but the ones a test writes (the real ones may change)."""
    shutil.rmtree(project / "data" / "coverage", ignore_errors=True)
    return project


def test_a_coverage_file_added_edited_or_removed_reaches_its_inspection(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _without_coverage(project)
    cache = DocumentCache()
    load_register(project, cache=cache)
    cache.settle()
    only_coverage = Reach(coverage=frozenset({PREVENT}))

    (project / COVERAGE).parent.mkdir(parents=True)
    (project / COVERAGE).write_text(LOOKED, "utf-8")
    added = load_register(project, cache=cache)
    assert added == load_register(project) and PREVENT in added.coverage
    assert cache.changes(project / "data") == only_coverage
    cache.settle()

    reads = count_reads(monkeypatch)
    edit(project / COVERAGE, "    found: [cumbria]\n", "    found: [cumbria]\n" + A_BODY_LOOKED)
    edited = load_register(project, cache=cache)
    assert reads == [project / COVERAGE]  # the other files are not read again
    assert edited == load_register(project) and edited.looks(PREVENT, "kent")[0].where == "the body's page of inspection responses"
    assert cache.changes(project / "data") == only_coverage
    cache.settle()

    (project / COVERAGE).unlink()
    removed = load_register(project, cache=cache)
    assert removed == load_register(project) and removed.coverage == {}
    assert cache.changes(project / "data") == only_coverage


def test_a_refused_coverage_file_is_refused_as_a_fresh_load_refuses_it_and_counts_once_put_right(project: Path) -> None:
    _without_coverage(project)
    cache = DocumentCache()
    load_register(project, cache=cache)
    cache.settle()
    (project / COVERAGE).parent.mkdir(parents=True)
    (project / COVERAGE).write_text(LOOKED.replace("found: [cumbria]", "found: [kent]"), "utf-8")  # kent has no record
    with pytest.raises(DataError) as cached:
        load_register(project, cache=cache)
    with pytest.raises(DataError) as fresh:
        load_register(project)
    assert cached.value.problems == fresh.value.problems
    assert [problem.path for problem in cached.value.problems] == [COVERAGE.as_posix()]

    edit(project / COVERAGE, "found: [kent]", "found: []")
    assert load_register(project, cache=cache) == load_register(project)
    assert cache.changes(project / "data") == Reach(coverage=frozenset({PREVENT}))


def test_an_edited_response_and_coverage_file_reach_both() -> None:
    cache = DocumentCache()
    data = Path("/register/data")
    response, coverage = data / "responses" / "insp-a" / "force-x.yaml", data / "coverage" / "insp-b.yaml"
    cache.previous = cache.seen = {response, coverage, data / "forces.yaml"}
    cache.changed = {response, coverage}
    assert cache.changes(data) == Reach(frozenset({("insp-a", "force-x")}), frozenset({"insp-b"}))


def test_a_response_reaches_its_own_inspection_force_and_index_pages_only() -> None:
    covers = affected_by({("insp-a", "force-x")})
    assert covers("responses/insp-a/force-x/")
    assert covers("inspections/insp-a/") and covers("inspections/insp-a/recommendations/2/")
    assert covers("forces/force-x/") and covers("forces/force-x/2024/")
    assert covers("inspections/") and covers("inspections/year/2024/") and covers("timeliness/2024/2/") and covers("responses/insp-a/")
    assert not covers("responses/insp-a/force-y/")
    assert not covers("inspections/insp-b/") and not covers("forces/force-y/") and not covers("responses/insp-b/")


def test_a_coverage_file_reaches_its_inspection_its_responses_every_force_and_the_indexes() -> None:
    covers = affected_by(set(), {"insp-a"})
    assert covers("inspections/insp-a/") and covers("inspections/insp-a/recommendations/2/")
    assert covers("responses/insp-a/") and covers("responses/insp-a/force-x/") and covers("responses/insp-a/force-y/")
    assert covers("forces/force-x/") and covers("forces/force-y/2024/")  # a look may cover every body
    assert covers("inspections/") and covers("forces/") and covers("timeliness/") and covers("") and covers("data/")
    assert not covers("inspections/insp-b/") and not covers("inspections/insp-b/recommendations/1/")
    assert not covers("responses/insp-b/") and not covers("responses/insp-b/force-x/")

    both = affected_by({("insp-b", "force-x")}, {"insp-a"})
    assert both("responses/insp-b/force-x/") and both("inspections/insp-b/") and both("inspections/insp-a/")
    assert not both("responses/insp-b/force-y/") and not both("inspections/insp-c/")


def test_after_a_coverage_edit_the_preview_renders_its_inspection_and_every_force_but_no_other_inspection(tmp_path: Path) -> None:
    """With the real templates: the pages rendered again are exactly those the coverage file can reach."""
    root = tmp_path / "shapes"
    shapes_data(root / "data")
    register = load_register(root)
    as_of = date.fromisoformat(AS_OF)
    (inspection_id,) = register.coverage
    everything = {page.src_uri for page in render_site(register, as_of)}
    again = {page.src_uri for page in render_site(register, as_of, only=affected_by(set(), {inspection_id}))}
    others = [inspection.id for inspection in register.inspections if inspection.id != inspection_id]
    assert others
    assert f"inspections/{inspection_id}/index.md" in again
    assert all(f"forces/{force.id}/index.md" in again for force in register.forces)
    assert {"inspections/index.md", "forces/index.md", "timeliness/index.md"} <= again

    def of_another_inspection(uri: str) -> bool:
        return any(uri.startswith(f"{kind}/{other}/") for other in others for kind in ("inspections", "responses"))

    assert all(of_another_inspection(uri) for uri in everything - again), sorted(everything - again)
    assert not any(of_another_inspection(uri) for uri in again)
    assert any(of_another_inspection(uri) for uri in everything)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch_until(url: str, done, server: subprocess.Popen, timeout: float) -> str | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=30) as reply:
                text = reply.read().decode("utf-8")
            if done(text):
                return text
        except OSError:
            pass
        time.sleep(0.2)
    return None


def test_the_preview_shows_an_edited_answer(project: Path) -> None:
    port = _free_port()
    url = f"http://127.0.0.1:{port}/responses/counter-terrorism-prevent-2020/cumbria/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "REGISTER_AS_OF": AS_OF}
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")]
    log = project.parent / "serve.log"
    with log.open("w") as output:
        server = subprocess.Popen(command, cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        assert _fetch_until(url, lambda text: "</html>" in text, server, 600) is not None, log.read_text("utf-8")
        time.sleep(1.0)  # let the watcher settle after the first build
        edit(project / RESPONSE, "      Both the Police", "      Previewmarker edited. Both the Police")
        page = _fetch_until(url, lambda text: "Previewmarker" in text, server, 600)
        assert page is not None, log.read_text("utf-8")
        main = BeautifulSoup(page, "html.parser").find("article") or BeautifulSoup(page, "html.parser")
        assert "Previewmarker edited." in main.get_text()

        # A broken edit is refused with the file, line and column, and the preview keeps running
        # (MkDocs holds page requests until the data is put right).
        edit(project / RESPONSE, ANSWER, "    position: notedd\n")
        deadline = time.monotonic() + 600
        while f"{RESPONSE.as_posix()}:" not in log.read_text("utf-8") and time.monotonic() < deadline:
            time.sleep(0.2)
        assert f"{RESPONSE.as_posix()}:" in log.read_text("utf-8")
        assert server.poll() is None

        # Put right, the page follows again.
        edit(project / RESPONSE, "    position: notedd\n", ANSWER)
        edit(project / RESPONSE, "Previewmarker edited.", "Secondmarker edited.")
        assert _fetch_until(url, lambda text: "Secondmarker" in text, server, 600) is not None, log.read_text("utf-8")
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _article(html: str, *addresses: str) -> str:
    """A page's article, with the site's own address (which ``mkdocs serve`` sets to its port) taken out
    (the permanent link offers a line break after each slash of it)."""
    text = str(BeautifulSoup(html, "html.parser").find("article")).replace("<wbr/>", "")
    for address in addresses:
        text = text.replace(address.rstrip("/") + "/", "SITE/")
    return text


def test_the_preview_follows_a_coverage_file_as_a_fresh_build_would(project: Path) -> None:
    """A coverage file added is refused with its line while wrong; put right, its inspection's page
    and the force pages are what a fresh build makes of the same data."""
    _without_coverage(project)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "REGISTER_AS_OF": AS_OF}
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")]
    log = project.parent / "serve.log"
    pages = [f"inspections/{PREVENT}/", "forces/kent/", "forces/cumbria/", "inspections/management-of-terrorist-offenders-2023/"]
    with log.open("w") as output:
        server = subprocess.Popen(command, cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        assert _fetch_until(f"{base}/{pages[0]}", lambda text: "</html>" in text, server, 600) is not None, log.read_text("utf-8")
        time.sleep(1.0)  # let the watcher settle after the first build
        (project / COVERAGE).parent.mkdir(parents=True)
        (project / COVERAGE).write_text(LOOKED.replace("found: [cumbria]", "found: [cumbria, kent]"), "utf-8")  # kent has no record
        deadline = time.monotonic() + 600
        while "An error happened during the rebuild" not in log.read_text("utf-8") and time.monotonic() < deadline:
            time.sleep(0.2)
        assert f"{COVERAGE.as_posix()}:7:" in log.read_text("utf-8") and "a response by kent was found here" in log.read_text("utf-8"), log.read_text("utf-8")
        assert server.poll() is None

        rebuilt = log.read_text("utf-8").count("Reloading browsers")
        edit(project / COVERAGE, "found: [cumbria, kent]", "found: [cumbria]")
        (project / COVERAGE).write_text((project / COVERAGE).read_text("utf-8") + A_BODY_LOOKED, "utf-8")
        deadline = time.monotonic() + 600
        while log.read_text("utf-8").count("Reloading browsers") <= rebuilt and time.monotonic() < deadline:
            time.sleep(0.2)
        assert log.read_text("utf-8").count("Reloading browsers") > rebuilt, log.read_text("utf-8")
        served = {}
        for page in pages:
            text = _fetch_until(f"{base}/{page}", lambda text: "</html>" in text, server, 600)
            assert text is not None, log.read_text("utf-8")
            served[page] = _article(text, base)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    fresh = build(project, project.parent / "fresh-site")
    assert fresh.returncode == 0, fresh.output
    for page in pages:
        html = (fresh.site / page / "index.html").read_text("utf-8")
        canonical = BeautifulSoup(html, "html.parser").find("link", rel="canonical")["href"]
        assert canonical.endswith("/" + page)
        assert served[page] == _article(html, canonical.removesuffix(page)), page
