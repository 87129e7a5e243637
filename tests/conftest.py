"""Shared fixtures: a scratch copy of the project, and builds of it with the real MkDocs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROJECT_PARTS = ("mkdocs.yml", "content", "data", "hooks", "overrides")
AS_OF = "2026-11-29"


@dataclass
class BuildResult:
    returncode: int
    output: str
    site: Path


def copy_project(target: Path) -> Path:
    """A copy of everything a build reads, so a test can change data without touching the repo."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


def build(project: Path, site: Path | None = None, *, as_of: str = AS_OF) -> BuildResult:
    """Run ``mkdocs build --strict`` as a user would, and return its exit code and output."""
    site = site or project / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "REGISTER_AS_OF": as_of}
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
        env=env,
        cwd=project,
    )
    return BuildResult(completed.returncode, completed.stdout + completed.stderr, site)


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
