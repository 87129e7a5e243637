"""The local preview (``make preview``): after an edit, only changed files are read again, the
result is the same as a fresh load (refusals included), and the served page shows the edit."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import register.load
from bs4 import BeautifulSoup
from conftest import AS_OF
from register.incremental import DocumentCache, affected_by
from register.load import load_register
from register.problems import DataError

RESPONSE = Path("data/responses/counter-terrorism-prevent-2020/cumbria.yaml")
ANSWER = "    position: noted\n"


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
    original = register.load.read_yaml

    def counting(path: Path, display: str):
        reads.append(path)
        return original(path, display)

    monkeypatch.setattr(register.load, "read_yaml", counting)
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
    assert cache.changed_responses(project / "data" / "responses") == {("counter-terrorism-prevent-2020", "cumbria")}


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
    assert cache.changed_responses(project / "data" / "responses") == {("counter-terrorism-prevent-2020", "cumbria")}


def test_adding_or_removing_a_file_means_everything_is_rendered_again(project: Path) -> None:
    cache = DocumentCache()
    load_register(project, cache=cache)
    cache.settle()
    (project / RESPONSE).unlink()
    load_register(project, cache=cache)
    assert cache.changed_responses(project / "data" / "responses") is None


def test_a_response_reaches_its_own_inspection_force_and_index_pages_only() -> None:
    covers = affected_by({("insp-a", "force-x")})
    assert covers("responses/insp-a/force-x/")
    assert covers("inspections/insp-a/") and covers("inspections/insp-a/recommendations/2/")
    assert covers("forces/force-x/") and covers("forces/force-x/2024/")
    assert covers("inspections/") and covers("inspections/year/2024/") and covers("timeliness/2024/2/") and covers("responses/insp-a/")
    assert not covers("responses/insp-a/force-y/")
    assert not covers("inspections/insp-b/") and not covers("forces/force-y/") and not covers("responses/insp-b/")


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
