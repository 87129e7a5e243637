"""MkDocs hook: the thin adapter between MkDocs events and the register's core package.

The data is loaded and checked in ``on_config``, before MkDocs cleans or writes the site
directory, so bad data stops the build with every problem listed and nothing written.
Generated pages are handed to MkDocs as virtual files; nothing is written into ``content/``.
What they are comes from ``register.site.generate``, the one render entry point, which
``register render OUT`` also calls to write them as plain files for a build with no hook (Zensical).
``mkdocs build`` then writes into a fresh folder beside the site, which replaces the site only
once the whole build, search index included, has succeeded (``register.site.freshsite``).
"""

from __future__ import annotations

import logging
import os
from datetime import date
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from register.data.model import Register
from register.data.problems import DataError
from register.site.cards import PageFacts, finish_page, page_facts
from register.site.freshsite import FreshSite
from register.site.generate import (
    HOME_PAGE,
    SearchIndexError,
    SiteSettings,
    generated_files,
    hand_back_memory,
    home_page,
    index_site,
    load,
)
from register.site.incremental import SESSION, affected_by
from register.site.links import mark_outbound_links
from register.site.pages import GeneratedFile

_state: dict[str, object] = {}


def on_startup(command: str, dirty: bool) -> None:
    """In the local preview (``mkdocs serve``), remember checked files and built pages between rebuilds.

    ``--dirty`` (``make preview``) is what makes rebuilds skip unchanged pages; MkDocs warns about
    it on every build, which ``strict: true`` would turn into a refusal, so that one notice is dropped.
    """
    SESSION.serving, SESSION.dirty = command == "serve", dirty
    if dirty:
        logging.getLogger("mkdocs.commands.build").addFilter(_not_the_dirty_notice)


def _not_the_dirty_notice(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    settings = config.extra.get("register", {})
    root = Path(config.config_file_path).parent
    site = SiteSettings(
        root=root,
        data_dir=settings.get("data_dir", "data"),
        as_of=_as_of(settings.get("as_of")),
        site_url=config.site_url,
        site_name=config.site_name,
        docs_dir=os.path.relpath(config.docs_dir, root),
        custom_dir=os.path.relpath(config.theme.custom_dir, root) if config.theme.custom_dir else None,
    )
    _state["site"], _state["as_of"], _state["data_dir"] = site, site.as_of, root / site.data_dir
    _state["settings"] = settings
    if SESSION.dirty and SESSION.pages:  # a preview rebuild: the sitemap of every page can wait
        config.theme.static_templates.discard("sitemap.xml")
    try:
        _state["register"] = load(site, SESSION.documents if SESSION.serving else None)
    except DataError as error:
        raise PluginError(error.report()) from None
    if not SESSION.serving and not SESSION.dirty:  # `mkdocs serve` builds into its own temporary folder
        _build_into_fresh_folder(config)
    return config


def _build_into_fresh_folder(config: MkDocsConfig) -> None:
    """Point the build at a fresh folder beside the site, and count the warnings that strict
    mode will refuse the build for, so that ``on_post_build`` knows whether to publish it."""
    fresh = FreshSite(Path(config.site_dir))
    _state["fresh"], _state["site_dir"] = fresh, config.site_dir
    config.site_dir = str(fresh.path)
    if config.strict:
        counter = _WarningCounter()
        logging.getLogger("mkdocs").addHandler(counter)
        _state["warnings"] = counter


class _WarningCounter(logging.Handler):
    """Counts the warnings logged during the build, as MkDocs' own strict mode does after ``on_post_build``."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _publish(config: MkDocsConfig) -> None:
    """The last step of a build: the fresh folder becomes the site, unless strict mode will refuse the build."""
    fresh: FreshSite | None = _state.pop("fresh", None)  # type: ignore[assignment]
    counter: _WarningCounter | None = _state.pop("warnings", None)  # type: ignore[assignment]
    if counter is not None:
        logging.getLogger("mkdocs").removeHandler(counter)
    if fresh is None:
        return
    config.site_dir = _state.pop("site_dir")  # type: ignore[assignment] - `mkdocs gh-deploy` reads it next
    if counter is not None and counter.count:
        fresh.discard()
        noun = "warning" if counter.count == 1 else "warnings"
        raise PluginError(f"{counter.count} {noun} in strict mode: the site in {config.site_dir} was left as it was")
    fresh.publish()


def on_build_error(error: Exception) -> None:
    """A failed build leaves the last good site as it was: its fresh folder is removed.
    A failed preview build may have written some pages: then the next one writes every page."""
    fresh: FreshSite | None = _state.pop("fresh", None)  # type: ignore[assignment]
    counter = _state.pop("warnings", None)
    if counter is not None:
        logging.getLogger("mkdocs").removeHandler(counter)  # type: ignore[arg-type]
    if fresh is not None:
        fresh.discard()
    _state.pop("site_dir", None)
    if SESSION.serving:
        SESSION.failed()


def on_files(files: Files, config: MkDocsConfig) -> Files:
    if SESSION.serving:
        _preview_files(files, config, _register(), _site())
        return files
    _state["files"] = files
    for generated in generated_files(_register(), _site()):
        files.append(File.generated(config, generated.src_uri, content=generated.content))
    return files


class _PreviewFile(File):
    """A generated file in the preview; one unchanged since the last good build is not rendered or written again."""

    unchanged = False

    def is_modified(self) -> bool:
        return not self.unchanged and super().is_modified()


def _preview_files(files: Files, config: MkDocsConfig, register: Register, site: SiteSettings) -> None:
    """The generated files of a preview rebuild: after an edit to response files, or to coverage
    files (edited, added or removed), only the pages those files reach are rendered again (the
    rest, and the data downloads, are kept from the last good build); after any other change,
    everything is."""
    reach = SESSION.documents.changes(site.root / site.data_dir) if SESSION.pages else None
    fresh: list[GeneratedFile] = generated_files(
        register,
        site,
        only=None if reach is None else affected_by(reach.responses, reach.coverage),
        with_downloads=reach is None,
    )
    contents = {} if reach is None else dict(SESSION.pages)
    contents.update((generated.src_uri, generated.content) for generated in fresh)
    SESSION.pending = contents
    for src_uri, content in contents.items():
        file = _PreviewFile.generated(config, src_uri, content=content)
        file.unchanged = SESSION.pages.get(src_uri) == content
        files.append(file)
    home = files.get_file_from_path(HOME_PAGE)
    if home is not None:  # its figures come from the data, not from its own source file
        home.is_modified = lambda: True  # type: ignore[method-assign]


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri == HOME_PAGE:
        return home_page(_register(), _site(), markdown)
    return markdown


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Before any page or the sitemap is written: every page's ``lastmod`` in ``sitemap.xml`` (and
    the date inside ``sitemap.xml.gz``) is the as-of date the register is judged on, not the day
    of the build, so the same data builds the same bytes on any day.

    ``register_preview`` tells ``overrides/main.html`` to leave out the Content-Security-Policy
    in ``mkdocs serve``, whose live reload runs an inline script."""
    day = _state["as_of"].isoformat()  # type: ignore[attr-defined]
    for file in files.documentation_pages():
        if file.page is not None:
            file.page.update_date = day
    env.globals["register_preview"] = SESSION.serving
    return env


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Links to other sites get ``rel="noopener noreferrer"``, wherever on the page they come from;
    tables' cells get their column's label, and the phase banner and footer their figures (``cards.py``)."""
    return mark_outbound_links(finish_page(output, _page_facts()), config.site_url)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """The page for an address the site does not have (``404.html``) is finished as every page is."""
    if template_name.endswith(".html"):
        return mark_outbound_links(finish_page(output, _page_facts()), config.site_url)
    return output


def _page_facts() -> PageFacts:
    """The figures every page shows, computed once per build (the register is loaded again for each)."""
    register = _register()
    cached = _state.get("page_facts")
    if cached is None or cached[0] is not register:  # type: ignore[index]
        owner = (_state.get("settings") or {}).get("owner")  # type: ignore[union-attr]
        cached = _state["page_facts"] = (register, page_facts(register, _site().as_of, owner))
    return cached[1]  # type: ignore[index]


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """In a full build, let a page's Markdown go once it is HTML.

    MkDocs converts every page before it writes any, so a decade of pages would otherwise hold
    every page's Markdown source and its HTML in memory at once. The preview keeps the source:
    it compares it between rebuilds."""
    if not SESSION.serving and page.file.generated_by is not None:
        page.markdown = ""  # not None: MkDocs reads None as "not yet read" and gives no title
        page.file.content_string = ""  # still a generated file, so MkDocs still writes its page
    return html


def on_post_build(config: MkDocsConfig) -> None:
    """Index the built pages with Pagefind into ``site/pagefind/``: a static index split into
    small chunks, so a search downloads only the words it asks for, not one file for the whole
    register. Pages opt in with ``data-pagefind-body``; large tables opt out with
    ``data-pagefind-ignore``.

    A ``--dirty`` preview rebuild keeps the first build's index (indexing every page takes many
    seconds; a clean rebuild has emptied the site folder, so it indexes again).

    Last, a ``mkdocs build`` puts its fresh folder in the site's place (``_publish``)."""
    if not SESSION.serving:
        _release_pages()
    else:
        rebuilt = bool(SESSION.pages)
        SESSION.commit()
        if rebuilt and SESSION.dirty:
            return
    try:
        index_site(config.site_dir)
    except SearchIndexError as error:
        raise PluginError(str(error)) from None
    _publish(config)


def _release_pages() -> None:
    """Hand the written pages' memory back before Pagefind starts, so the build and the indexer
    do not hold a decade of pages (and the data downloads, 90 MB of them) in memory at once."""
    _state.pop("register", None)
    _state.pop("page_facts", None)
    files: Files | None = _state.pop("files", None)  # type: ignore[assignment]
    for file in files if files is not None else ():
        if file.page is not None:
            file.page.content, file.page.toc = None, []  # type: ignore[assignment]
        if file.generated_by is not None and file.abs_src_path is None:
            file.content_string = ""  # already written to the site
    hand_back_memory()


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder) -> LiveReloadServer:
    server.watch(str(_state["data_dir"]))
    return server


def _register() -> Register:
    return _state["register"]  # type: ignore[return-value]


def _site() -> SiteSettings:
    return _state["site"]  # type: ignore[return-value]


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
