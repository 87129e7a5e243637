"""Where the register's project is on disk, and the two settings the command line shares with the build.

The command line is run from anywhere inside a clone, so it finds the project by walking up
to the folder that holds both ``mkdocs.yml`` and the data folder. It reads the same
``extra.register`` settings the MkDocs hook reads (``data_dir`` and the clock's ``as_of``),
so that ``register due`` and the site agree about what is late.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from register.data.load import DATA_DIR

CONFIG_FILE = "mkdocs.yml"
AS_OF_VARIABLE = "REGISTER_AS_OF"
"""The environment variable the build also reads to override ``extra.register.as_of``."""

_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


class ProjectError(Exception):
    """The command cannot run: no project here, or a setting it needs is unusable."""

    def __init__(self, message: str, hint: str = ""):
        self.message = message
        self.hint = hint
        super().__init__(message + (f" (hint: {hint})" if hint else ""))


@dataclass(frozen=True)
class Project:
    """A clone of the register: its root folder and the settings in its ``mkdocs.yml``."""

    root: Path
    settings: dict[str, Any]
    """``extra.register`` of ``mkdocs.yml``; empty where it has none."""

    @property
    def data_dir(self) -> str:
        return str(self.settings.get("data_dir", DATA_DIR))

    @property
    def data(self) -> Path:
        return self.root / self.data_dir

    def relative(self, path: Path) -> str:
        """``path`` as the register's messages name files: relative to the root, forward slashes."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def as_of(self, given: str | None = None) -> date:
        """The clock's date: ``given`` (from ``--as-of``), else REGISTER_AS_OF, else ``extra.register.as_of``."""
        if given:
            return parse_day(given, "--as-of")
        if os.environ.get(AS_OF_VARIABLE):
            return parse_day(os.environ[AS_OF_VARIABLE], AS_OF_VARIABLE)
        configured = self.settings.get("as_of")
        if configured in (None, ""):
            raise ProjectError(
                f"{CONFIG_FILE} does not set extra.register.as_of",
                "give the date with --as-of YYYY-MM-DD (or --as-of today)",
            )
        if isinstance(configured, date):
            return configured
        return parse_day(str(configured), f"extra.register.as_of in {CONFIG_FILE}")


def as_of_source() -> str:
    """Where the site's as-of date comes from, in the words ``register due`` prints."""
    return AS_OF_VARIABLE if os.environ.get(AS_OF_VARIABLE) else f"extra.register.as_of in {CONFIG_FILE}"


def parse_day(value: str, where: str) -> date:
    """A date written YYYY-MM-DD, or ``today``; anything else is refused with a hint."""
    if value == "today":
        return date.today()
    if _ISO_DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ProjectError(f"{where}: '{value}' is not a real date", "check the day and month exist (YYYY-MM-DD)") from None
    raise ProjectError(
        f"{where}: expected a date written YYYY-MM-DD or 'today', got '{value}'", "dates are written YYYY-MM-DD, e.g. 2023-07-20"
    )


def find_project(start: Path | None = None, root: Path | None = None) -> Project:
    """The project at ``root`` if given, else the nearest folder at or above ``start`` (the cwd) with mkdocs.yml and data/."""
    if root is not None:
        root = Path(root).resolve()
        if not (root / CONFIG_FILE).is_file():
            raise ProjectError(f"no {CONFIG_FILE} in {root}", "--root names the folder of the register's clone")
        return _project_at(root)
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file() and (folder / DATA_DIR).is_dir():
            return _project_at(folder)
    raise ProjectError(
        f"{here} is not inside a copy of the register (no folder above it holds {CONFIG_FILE} and {DATA_DIR}/)",
        "run the command inside your clone of the repository, or give --root",
    )


def _project_at(root: Path) -> Project:
    return Project(root, read_settings(root / CONFIG_FILE))


class _ConfigLoader(yaml.SafeLoader):
    """A safe loader that reads MkDocs' own tags (``!ENV``, ``!relative``) as nothing, since only ``extra`` matters here."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def read_settings(config: Path) -> dict[str, Any]:
    """``extra.register`` of the MkDocs configuration."""
    try:
        data = yaml.load(config.read_text("utf-8"), Loader=_ConfigLoader)
    except yaml.YAMLError as error:
        raise ProjectError(f"{config.name} cannot be read: {error}") from None
    extra = (data or {}).get("extra") or {}
    settings = extra.get("register") if isinstance(extra, dict) else None
    return settings if isinstance(settings, dict) else {}


BUILD_INPUTS = (CONFIG_FILE, "mkdocs.zensical.yml", "content", "hooks", "overrides")
"""What a build reads besides the data (with Zensical's configuration, which inherits mkdocs.yml)."""


def copy_project(root: Path, target: Path, *, with_data: bool = True) -> Path:
    """A copy in ``target`` of everything a build of the clone at ``root`` reads, its data folder
    too unless ``with_data`` is false: tests and the benchmark change or replace the data in the
    copy, never in the clone."""
    target.mkdir(parents=True, exist_ok=True)
    for part in (*BUILD_INPUTS, DATA_DIR) if with_data else BUILD_INPUTS:
        source = root / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target

