"""What the local preview remembers between rebuilds, so that saving one file does not redo all of them.

A decade of data is some 7,600 files and 9,500 pages: reading and checking every file takes
seconds, and so does rendering every page. The preview (``mkdocs serve --dirty``) runs in one
process, and this module outlives the MkDocs hook (which is imported afresh on each rebuild),
so it holds:

- each data file's checked document, keyed on its size and modification time, so a rebuild
  re-reads and re-checks only the files that changed (the cross-file checks and the model are
  always redone, so the result is exactly what a fresh load would give, refusals included);
- the pages of the last good build, so only the pages a change can reach are rendered again
  and MkDocs is told which pages are unchanged and need not be written again. An edited
  response, or a coverage file edited, added or removed, reaches only some pages
  (``affected_by``); any other change re-renders everything.

A one-off build (``mkdocs build``) never uses it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from register.data.problems import Problem
from register.data.yamlfile import YamlDocument

T = TypeVar("T")
RESPONSES, COVERAGE = "responses", "coverage"
"""The folders of data/ whose files reach only some pages (the names ``load`` reads)."""
Checked = tuple["YamlDocument | None", list[Problem]]


@dataclass
class DocumentCache:
    """Checked documents by file, reused while the file's size and modification time are unchanged."""

    entries: dict[tuple[Path, str], tuple[tuple[int, int], Checked]] = field(default_factory=dict)
    models: dict[int, tuple[YamlDocument, Any]] = field(default_factory=dict)  # id(document) -> (document, model)
    changed: set[Path] = field(default_factory=set)  # files read afresh since the last good build
    seen: set[Path] = field(default_factory=set)  # files the latest load looked at
    previous: set[Path] = field(default_factory=set)  # files the last good build looked at

    def start(self) -> None:
        """Begin a load. What changed keeps adding up until a build succeeds (``settle``), so an
        edit made while the data was refused is not forgotten once the data is put right."""
        self.seen = set()

    def settle(self) -> None:
        """A build succeeded: its files are the ones later loads are compared with."""
        self.previous, self.changed = self.seen, set()

    def read(self, path: Path, kind: str, check: Callable[[], Checked]) -> Checked:
        """The checked document for ``path``; ``check`` runs only if the file is new or has changed."""
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        self.seen.add(path)
        cached = self.entries.get((path, kind))
        if cached is not None and cached[0] == stamp:
            document, problems = cached[1]
            return document, list(problems)
        self.changed.add(path)
        result = check()
        if cached is not None and cached[1][0] is not None:
            self.models.pop(id(cached[1][0]), None)
        self.entries[(path, kind)] = (stamp, (result[0], list(result[1])))
        return result

    def built(self, document: YamlDocument, make: Callable[[Any], T]) -> T:
        """``make(document.data)``, made once per checked document (the model objects are immutable)."""
        stored = self.models.get(id(document))
        if stored is None or stored[0] is not document:
            stored = (document, make(document.data))
            self.models[id(document)] = stored
        return stored[1]

    def changes(self, data_dir: Path) -> Reach | None:
        """What the latest load re-read, as the pages it can reach; None if anything may have changed.

        Edited response files, and coverage files edited, added or removed, reach only some
        pages. None means "anything may have changed": another data file was edited, a
        response or other file was added or removed (so pages may appear or vanish), or no
        data file changed at all (so a template or setting did); then everything is rendered.
        """
        if not self.previous or (not self.changed and self.seen == self.previous):
            return None  # no data changed: a template or setting did, which can reach any page
        responses, coverage = set(), set()
        for path in self.changed | (self.seen ^ self.previous):
            try:
                parts = path.relative_to(data_dir).parts
            except ValueError:
                return None
            if len(parts) == 3 and parts[0] == RESPONSES and path in self.previous and path in self.seen:
                responses.add((parts[1], Path(parts[2]).stem))
            elif len(parts) == 2 and parts[0] == COVERAGE and path.suffix == ".yaml":
                coverage.add(path.stem)  # the file is named after its inspection (the check refuses any other name)
            else:
                return None
        return Reach(frozenset(responses), frozenset(coverage))


@dataclass(frozen=True)
class Reach:
    """The data files a rebuild re-read, by what they are about."""

    responses: frozenset[tuple[str, str]] = frozenset()
    """(inspection id, force id) of each response file edited."""
    coverage: frozenset[str] = frozenset()
    """Inspection ids whose coverage file was edited, added or removed."""


def affected_by(pairs: set[tuple[str, str]] | frozenset[tuple[str, str]], coverage: set[str] | frozenset[str] = frozenset()) -> Callable[[str], bool]:
    """Whether the page at a URL can change when only these responses and coverage files change.

    A response shows on its own page, its inspection's pages (and their recommendations),
    its force's pages and the index pages (lists, timeliness, home); no other page reads it.
    A coverage file says where every body's response to its inspection was looked for: it
    reaches that inspection's pages and its response pages, every force's pages (a look may
    cover every body) and the index pages.
    """
    inspections = {inspection for inspection, _ in pairs} | set(coverage)
    forces = {force for _, force in pairs}
    every_force = bool(coverage)

    def covers(url: str) -> bool:
        parts = url.strip("/").split("/")
        if parts[0] == "inspections" and len(parts) > 1 and parts[1] != "year":
            return parts[1] in inspections
        if parts[0] == "forces" and len(parts) > 1:
            return every_force or parts[1] in forces
        if parts[0] == "responses" and len(parts) > 2:
            return (parts[1], parts[2]) in pairs or parts[1] in coverage
        if parts[0] == "responses" and len(parts) > 1:
            return parts[1] in inspections
        return True

    return covers


@dataclass
class PreviewSession:
    """The state of one preview process: on only when the hook is told the command is ``serve``."""

    serving: bool = False
    dirty: bool = False  # ``serve --dirty``: unchanged pages are left as written, not written again
    documents: DocumentCache = field(default_factory=DocumentCache)
    pages: dict[str, str] = field(default_factory=dict)  # src_uri -> content of the last good build
    pending: dict[str, str] = field(default_factory=dict)  # this build's, kept once it succeeds

    def commit(self) -> None:
        """The build succeeded: its pages and files are what the next rebuild is compared with."""
        self.pages, self.pending = self.pending, {}
        self.documents.settle()

    def failed(self) -> None:
        """A build failed. If it got as far as making pages, the site may hold some of them, so
        the next build makes and writes every page; if the data was refused, nothing was written."""
        if self.pending:
            self.pages, self.pending = {}, {}


SESSION = PreviewSession()
