"""The one render entry point: every file the register adds to the site, for any generator.

The register's pages are Markdown produced from the data (``render``), its downloads
(``export``), the feed, the changelog and the transcripts; the hand-written home page has
marked blocks filled with the register's figures. Two callers take them from here and
nowhere else, so they cannot drift apart:

- the MkDocs hook (``hooks/register_hook.py``) hands them to MkDocs as virtual files, and fills
  the home page's blocks as MkDocs reads it;
- ``register render OUT`` writes them as plain files beside a copy of ``content/``, so any
  MkDocs-compatible generator (Zensical, ``mkdocs.zensical.yml``) builds the whole site from
  ``OUT`` with no hook at all.

What a generator cannot be asked to do from plain files, ``finish_site`` does over its output
afterwards, as the hook does in MkDocs: links to other sites get ``rel="noopener noreferrer"``,
and Pagefind indexes the pages for the header's search box.
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from register.data.load import load_register
from register.data.model import Register
from register.data.problems import DataError
from register.data.project import CONFIG_FILE, ProjectError, find_project
from register.site.cards import PageFacts, finish_page, page_facts
from register.site.changelog import render_changelog
from register.site.export import export_files
from register.site.feed import render_feed
from register.site.freshsite import FreshSite
from register.site.incremental import DocumentCache
from register.site.links import mark_outbound_links
from register.site.pages import GeneratedFile, render_home_blocks, render_site

HOME_PAGE = "index.md"
"""The hand-written page whose marked blocks are filled from the data (see ``render.HOME_MARKERS``)."""


def hand_back_memory() -> None:
    """Return freed memory to the system between writing the pages and indexing them.

    A decade of pages and downloads is about 900 MB while MkDocs writes them; Python frees it,
    but glibc keeps it mapped unless asked, and Pagefind (a separate process) would then start
    with the build's memory still counted against the machine."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: the memory is returned when the build ends
        pass


@dataclass(frozen=True)
class SiteSettings:
    """What the register's files depend on besides the data: where things are, the clock, the site's name and address."""

    root: Path
    data_dir: str
    as_of: date
    site_url: str | None
    site_name: str
    docs_dir: str = "content"
    custom_dir: str | None = "overrides"

    @property
    def published_dirs(self) -> tuple[str, ...]:
        """The folders a generator publishes or reads as a whole, checked for links and devices as the data is."""
        folders = [self.docs_dir] + ([self.custom_dir] if self.custom_dir else [])
        return tuple(os.path.relpath(self.root / folder, self.root) for folder in folders)


def load(settings: SiteSettings, cache: DocumentCache | None = None) -> Register:
    """The register loaded and checked as the site publishes it; raises ``DataError`` listing every problem."""
    return load_register(settings.root, settings.data_dir, cache, as_of=settings.as_of, published_dirs=settings.published_dirs)


def generated_files(
    register: Register, settings: SiteSettings, *, only: Callable[[str], bool] | None = None, with_downloads: bool = True
) -> list[GeneratedFile]:
    """Every file the register adds to the site: its pages and transcripts, its downloads and
    their page, the feed and the changelog. ``only`` and ``with_downloads`` are the preview's:
    it renders again just the pages an edit reaches, and keeps the downloads of the last build."""
    return [
        *render_site(register, settings.as_of, only=only),
        *(export_files(register, settings.as_of) if with_downloads else []),
        render_feed(register, settings.as_of, settings.site_url, settings.site_name),
        render_changelog(settings.root, settings.data_dir, register),
    ]


def home_page(register: Register, settings: SiteSettings, markdown: str) -> str:
    """The hand-written home page with its marked blocks filled with the register's figures."""
    return render_home_blocks(register, settings.as_of, markdown)


def refused_output(out: Path, settings: SiteSettings) -> str | None:
    """Why ``out`` cannot be rendered into, or None: it is replaced whole, so it must hold none of the project's own folders."""
    target, root = out.resolve(), settings.root.resolve()
    if root.is_relative_to(target):
        return f"{out} holds the register itself"
    for folder in (settings.docs_dir, settings.custom_dir, settings.data_dir, "hooks", ".git"):
        if folder and target.is_relative_to((root / folder).resolve()):
            return f"{out} is inside the project's {folder}/ folder"
    return None


def render_into(out: Path, register: Register, settings: SiteSettings) -> int:
    """Write the whole site's sources into ``out``: the hand-written pages of ``docs_dir`` (the home
    page's blocks filled) and every generated file. ``out`` is replaced only once all is written,
    so a failure leaves the last render as it was, and no page left from an older render survives.
    Returns the number of files written."""
    fresh = FreshSite(out)
    try:
        shutil.copytree(settings.root / settings.docs_dir, fresh.path, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
        home = fresh.path / HOME_PAGE
        if home.is_file():
            home.write_text(home_page(register, settings, home.read_text("utf-8")), "utf-8", newline="")
        files = generated_files(register, settings)
        for file in files:
            target = fresh.path / file.src_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(file.content.encode("utf-8"))
        written = sum(1 for path in fresh.path.rglob("*") if path.is_file())
    except BaseException:
        fresh.discard()
        raise
    fresh.publish()
    return written


# Reading the settings from the MkDocs configuration ------------------------------------------


class _ConfigLoader(yaml.SafeLoader):
    """A safe loader that reads MkDocs' ``!ENV`` as MkDocs does (the variable, else the last item as the default)."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = [loader.construct_object(child) for child in node.value]  # type: ignore[attr-defined]
        names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
    return next((os.environ[str(name)] for name in names if str(name) in os.environ), default)


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def read_site_config(root: Path) -> dict[str, Any]:
    """The MkDocs configuration at ``root``, ``!ENV`` resolved; the Zensical build reads the same file."""
    return yaml.load((root / CONFIG_FILE).read_text("utf-8"), Loader=_ConfigLoader) or {}


def settings_from_config(root: Path, config: dict[str, Any], as_of: date) -> SiteSettings:
    """The settings as the hook reads them from MkDocs' configuration, for ``register render``."""
    register_settings = ((config.get("extra") or {}).get("register")) or {}
    theme = config.get("theme") or {}
    return SiteSettings(
        root=root,
        data_dir=str(register_settings.get("data_dir", "data")),
        as_of=as_of,
        site_url=config.get("site_url"),
        site_name=str(config.get("site_name", "")),
        docs_dir=str(config.get("docs_dir", "docs")),
        custom_dir=theme.get("custom_dir") if isinstance(theme, dict) else None,
    )


# After the generator ---------------------------------------------------------------------------


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message says why."""


# Pagefind's Linux binary allocates with jemalloc, which by default keeps freed pages for ten
# seconds and a cache of freed blocks per thread. Returning pages at once and turning the caches
# off lowers its peak memory by about a quarter at decade scale (measured on 10,000 pages: 1,120 MB
# -> 860 MB), for about fifteen seconds more indexing there and nothing measurable on the real data.
PAGEFIND_ALLOCATOR = {"_RJEM_MALLOC_CONF": "dirty_decay_ms:0,muzzy_decay_ms:0,tcache:false"}


def index_site(site_dir: Path | str) -> None:
    """Index the built pages with Pagefind into ``site_dir/pagefind/``: a static index split into
    small chunks, so a search downloads only the words it asks for. Pages opt in with
    ``data-pagefind-body``; large tables opt out with ``data-pagefind-ignore``."""
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site_dir),
        "--output-subdir",
        "pagefind",
        "--exclude-selectors",
        ".headerlink",
        "--quiet",
    ]
    try:
        finished = subprocess.run(command, capture_output=True, text=True, check=False, env={**os.environ, **PAGEFIND_ALLOCATOR})
    except OSError as error:
        raise SearchIndexError(f"the search index could not be built: Pagefind did not start ({error})") from None
    if finished.returncode != 0:
        output = (finished.stderr or finished.stdout).strip()
        raise SearchIndexError(f"the search index could not be built: Pagefind failed (is the 'pagefind' package installed?)\n{output}")


def mark_outbound_links_in(site_dir: Path, site_url: str | None, facts: PageFacts | None = None) -> int:
    """What the hook does to each page as MkDocs writes it, done over a finished site's HTML files:
    outbound links marked, tables' cells labelled, and with ``facts`` the phase banner and footer
    filled (``cards.py``). Returns how many changed."""
    changed = 0
    for page in sorted(site_dir.rglob("*.html")):
        text = page.read_text("utf-8")
        marked = mark_outbound_links(finish_page(text, facts), site_url)
        if marked != text:
            page.write_text(marked, "utf-8", newline="")
            changed += 1
    return changed


NOT_PUBLISHED = ("search.json",)
"""Files Zensical writes that the register does not publish: its own search index, which no page
reads (the header's search box is Pagefind's, and ``mkdocs.yml`` turns MkDocs' search off)."""


def finish_site(site_dir: Path, site_url: str | None, facts: PageFacts | None = None) -> None:
    """After a generator other than MkDocs has built ``site_dir`` from ``register render``: mark the
    outbound links (and label the tables, fill the banner), remove what the register does not publish, then index."""
    mark_outbound_links_in(site_dir, site_url, facts)
    for name in NOT_PUBLISHED:
        (site_dir / name).unlink(missing_ok=True)
    index_site(site_dir)


def main(argv: list[str] | None = None) -> int:
    """``python -m register.site.generate finish SITE``: the step after a Zensical build (see the Makefile)."""
    parser = argparse.ArgumentParser(prog="python -m register.site.generate", description="Finish a site built from `register render`.")
    parser.add_argument("step", choices=("finish",))
    parser.add_argument("site", type=Path, help="the folder the generator wrote the site into")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help=f"the register's folder, whose {CONFIG_FILE} gives site_url")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"register: error: {args.site} holds no built site (no index.html)", file=sys.stderr)
        return 2
    config = read_site_config(args.root)
    try:
        settings = settings_from_config(args.root, config, find_project(root=args.root).as_of())
        facts = page_facts(load(settings), settings.as_of, ((config.get("extra") or {}).get("register") or {}).get("owner"))
    except (ProjectError, DataError) as error:
        print(f"register: error: {error.report() if isinstance(error, DataError) else error}", file=sys.stderr)
        return 1
    try:
        finish_site(args.site, config.get("site_url"), facts)
    except SearchIndexError as error:
        print(f"register: error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
