"""MkDocs hook: the thin adapter between MkDocs events and the register's core package.

The data is loaded and checked in ``on_config``, before MkDocs cleans or writes the site
directory, so bad data stops the build with every problem listed and nothing written.
Generated pages are handed to MkDocs as virtual files; nothing is written into ``content/``.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from register.changelog import render_changelog
from register.export import export_files
from register.feed import render_feed
from register.load import load_register
from register.model import Register
from register.problems import DataError
from register.render import render_home_blocks, render_site

_state: dict[str, object] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    settings = config.extra.get("register", {})
    root = Path(config.config_file_path).parent
    _state["as_of"] = _as_of(settings.get("as_of"))
    _state["data_dir"] = root / settings.get("data_dir", "data")
    try:
        _state["register"] = load_register(root, settings.get("data_dir", "data"))
    except DataError as error:
        raise PluginError(error.report()) from None
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    register = _register()
    as_of: date = _state["as_of"]  # type: ignore[assignment]
    root = Path(config.config_file_path).parent
    data_dir = config.extra.get("register", {}).get("data_dir", "data")
    generated_files = [
        *render_site(register, as_of),
        *export_files(register, as_of),
        render_feed(register, as_of, config.site_url, config.site_name),
        render_changelog(root, data_dir, register),
    ]
    for generated in generated_files:
        files.append(File.generated(config, generated.src_uri, content=generated.content))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri == "index.md":
        return render_home_blocks(_register(), _state["as_of"], markdown)  # type: ignore[arg-type]
    return markdown


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder) -> LiveReloadServer:
    server.watch(str(_state["data_dir"]))
    return server


def _register() -> Register:
    return _state["register"]  # type: ignore[return-value]


def _as_of(configured: object) -> date:
    """The clock's "as of" date: REGISTER_AS_OF if set, else extra.register.as_of; "today" allowed."""
    value = os.environ.get("REGISTER_AS_OF") or configured
    if value in (None, ""):
        raise PluginError("extra.register.as_of is not set: give the date the clock is judged on (YYYY-MM-DD), or 'today'")
    if isinstance(value, date):
        return value
    if value == "today":
        return date.today()
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise PluginError(f"extra.register.as_of: expected a date written YYYY-MM-DD or 'today', got '{value}'") from None
