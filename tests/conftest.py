"""Shared fixtures: a scratch copy of the project, and builds of it with the real MkDocs."""

from __future__ import annotations

import contextlib
import csv
import functools
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from register.data.load import load_register
from register.data.model import Register
from register.data.project import copy_project as copy_build_inputs
from register.site.export import export_files

ROOT = Path(__file__).resolve().parents[1]
AS_OF = "2026-12-01"
SHAPES = Path(__file__).resolve().parent / "fixtures" / "shapes"
"""Fictional records in every shape real documents take (see its README)."""


@dataclass
class BuildResult:
    returncode: int
    output: str
    site: Path


def copy_project(target: Path) -> Path:
    """A copy of everything a build reads, so a test can change data without touching the repo."""
    return copy_build_inputs(ROOT, target)


def build(project: Path, site: Path | None = None, *, as_of: str = AS_OF) -> BuildResult:
    """Run ``mkdocs build --strict`` as a user would, and return its exit code and output."""
    site = site or project / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "REGISTER_AS_OF": as_of}
    env.pop("SITE_URL", None)  # the tests check absolute links against mkdocs.yml's default address
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
        env=env,
        cwd=project,
    )
    return BuildResult(completed.returncode, completed.stdout + completed.stderr, site)


@pytest.fixture
def shapes_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project whose data is the shape fixtures, judged on the as-of date of the tests."""
    monkeypatch.setenv("REGISTER_AS_OF", AS_OF)
    project = copy_project(tmp_path / "project")
    shutil.rmtree(project / "data")
    shapes_data(project / "data")
    return project


def shapes_data(target: Path) -> Path:
    """``target`` made into a data folder of the shape fixtures beside the real forces file."""
    shutil.copytree(SHAPES, target, ignore=shutil.ignore_patterns("README.md"))
    shutil.copy(ROOT / "data" / "forces.yaml", target / "forces.yaml")
    return target


@pytest.fixture(scope="session")
def shapes(tmp_path_factory: pytest.TempPathFactory) -> Register:
    """The shape fixtures loaded and checked, once, as of the tests' date."""
    root = tmp_path_factory.mktemp("shapes-data")
    shapes_data(root / "data")
    return load_register(root, as_of=date.fromisoformat(AS_OF))


def write_export(register: Register, target: Path) -> Path:
    """The downloads as the site publishes them, written under ``target``; returns its data folder."""
    for file in export_files(register, date.fromisoformat(AS_OF)):
        path = target / file.src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(file.content.encode("utf-8"))
    return target / "data"


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="session")
def shapes_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shape fixtures built once, with the real templates, in place of the real data."""
    project = copy_project(tmp_path_factory.mktemp("shapes-site") / "project")
    shutil.rmtree(project / "data")
    shapes_data(project / "data")
    result = build(project)
    assert result.returncode == 0, result.output
    return result.site


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real data built once with the real templates; tests read the HTML it wrote."""
    project = copy_project(tmp_path_factory.mktemp("real") / "project")
    result = build(project)
    assert result.returncode == 0, result.output
    return result.site


@pytest.fixture
def project_copy_factory(tmp_path: Path):
    """Make as many fresh copies of the project as a test needs."""
    counter = iter(range(1000))
    return lambda: copy_project(tmp_path / f"project-{next(counter)}")


# Browser tests ---------------------------------------------------------------------------------
# A real headless Chromium: Debian's, at /usr/bin/chromium (CI installs it with apt-get). Playwright
# drives it; `playwright install` is never run, as no browser can be downloaded.

CHROMIUM = Path(os.environ.get("REGISTER_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """``folder`` served over HTTP on 127.0.0.1 at a free port, as a browser meets a site."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def site_url(real_site: Path) -> Iterator[str]:
    """The real build, served."""
    with served(real_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session."""
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.is_file(), f"no Chromium at {CHROMIUM}: install Debian's package (apt-get install chromium) or set REGISTER_CHROMIUM"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
