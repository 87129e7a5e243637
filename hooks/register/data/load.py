"""Find, read and check every data file, and build the register, or refuse with every problem.

This is the one entry point the build, the tests and the command line share:
``load_register(project_root)`` either returns a complete, consistent ``Register`` or
raises ``DataError`` listing every problem found, so nothing half-checked reaches a page.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from register.data import crosscheck, safefile
from register.data.model import Coverage, Force, Inspection, Register, Response
from register.data.problems import DataError, Problem
from register.data.schema import check_against_schema
from register.data.yamlfile import YamlDocument, read_yaml
from register.site.incremental import DocumentCache

DATA_DIR = "data"
FORCES_FILE = "forces.yaml"
INSPECTIONS_DIR = "inspections"
RESPONSES_DIR = "responses"
COVERAGE_DIR = "coverage"
TRANSCRIPTS_DIR = "transcripts"
MAX_TRANSCRIPT_BYTES = 2 * 1024 * 1024
"""A transcript is the text of one response document; the longest real one is a few pages."""
T = TypeVar("T")


PUBLISHED_DIRS = ("content", "overrides")
"""Folders MkDocs publishes or reads as a whole (``docs_dir`` and the theme's ``custom_dir``): MkDocs
would read through a link in them, so the register checks them as it checks its data."""


def load_register(
    root: Path,
    data_dir: str = DATA_DIR,
    cache: DocumentCache | None = None,
    as_of: date | None = None,
    published_dirs: tuple[str, ...] = PUBLISHED_DIRS,
) -> Register:
    """Load ``<root>/<data_dir>``; raise ``DataError`` unless every file and reference is sound,
    and no folder in ``published_dirs`` holds a link, a pipe or a device.

    With ``as_of`` (the clock's date, as the build and ``register check`` pass it), a response
    dated after it is refused.

    With a ``cache`` (the local preview's), files unchanged since the last load are not read or
    checked again; every cross-file check still runs, so the outcome is the same as without.
    """
    root = Path(root)
    data = root / data_dir
    problems: list[Problem] = []

    def display(path: Path) -> str:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            return path.as_posix()

    def check(path: Path, kind: str) -> tuple[YamlDocument | None, list[Problem]]:
        document, found = read_yaml(path, display(path))  # its folders were looked at by `read`
        if document is None or found:
            return None, found
        misplaced = _misplaced(document, kind, display(data))
        if misplaced:
            return None, [misplaced]
        schema_problems = check_against_schema(document, kind)
        return (None if schema_problems else document), schema_problems

    def read(path: Path, kind: str) -> YamlDocument | None:
        try:  # before the preview's cache looks at the file: a link or a pipe is never followed
            safefile.check_regular(path, root)
        except safefile.Refused as refused:
            problems.append(refused.problem(display(path)))
            return None
        document, found = cache.read(path, kind, lambda: check(path, kind)) if cache is not None else check(path, kind)
        problems.extend(found)
        return document

    def build(doc: YamlDocument, make: Callable[[Any], T]) -> T:
        """The model object for a checked document (made once per document with a cache)."""
        return cache.built(doc, make) if cache is not None else make(doc.data)

    if cache is not None:
        cache.start()
    try:
        safefile.check_inside(data, root, itself=True)
    except safefile.Missing:
        pass
    except safefile.Refused as refused:
        raise DataError([refused.problem(display(data))]) from None
    if not data.is_dir():
        raise DataError([Problem(display(data), 1, 1, "(file)", "the data folder is missing")])

    forces_doc = None
    if os.path.lexists(data / FORCES_FILE):
        forces_doc = read(data / FORCES_FILE, "forcesFile")
    else:
        problems.append(Problem(display(data / FORCES_FILE), 1, 1, "(file)", "the forces file is missing"))

    inspection_paths = _files(data / INSPECTIONS_DIR, problems, display, depth=1)
    inspection_docs = [doc for path in inspection_paths if (doc := read(path, "inspectionFile"))]
    response_paths = _files(data / RESPONSES_DIR, problems, display, depth=2)
    response_docs = [doc for path in response_paths if (doc := read(path, "responseFile"))]
    coverage_paths = _files(data / COVERAGE_DIR, problems, display, depth=1, where="data/coverage/<inspection-id>.yaml")
    coverage_docs = [doc for path in coverage_paths if (doc := read(path, "coverageFile"))]
    problems.extend(_stray_files(data, display))

    forces: tuple[Force, ...] = ()
    if forces_doc is not None:
        forces = tuple(Force.from_data(item) for item in forces_doc.data["forces"])
        problems.extend(crosscheck.check_forces(forces_doc, forces))
    inspections = tuple(build(doc, Inspection.from_data) for doc in inspection_docs)
    inspection_ids = {path.stem for path in inspection_paths}
    for doc, inspection in zip(inspection_docs, inspections):
        problems.extend(crosscheck.check_inspection(doc, inspection, forces if forces_doc else None, inspection_ids, as_of=as_of))
    responses = tuple(build(doc, Response.from_data) for doc in response_docs)
    transcripts: dict[str, str] = {}
    known_inspections = {inspection.id: inspection for inspection in inspections}
    known_forces = {force.id: force for force in forces} if forces_doc else None
    inspection_files = {path.stem for path in inspection_paths}
    response_files = {display(path) for path in response_paths}
    for doc, response in zip(response_docs, responses):
        problems.extend(
            crosscheck.check_response(
                doc,
                response,
                inspections=known_inspections,
                forces=known_forces,
                inspection_files=inspection_files,
                response_files=response_files,
                as_of=as_of,
            )
        )
        if response.document.transcript:
            transcript = data / TRANSCRIPTS_DIR / response.document.transcript
            try:
                transcripts[response.document.transcript] = _read_transcript(transcript, root)
            except safefile.Missing:
                line, column = doc.where(("document", "transcript"))
                problems.append(
                    Problem(
                        doc.path,
                        line,
                        column,
                        "document.transcript",
                        f"no file {display(transcript)}",
                        "add the transcript or remove the field",
                    )
                )
            except safefile.Refused as refused:
                problems.append(refused.problem(display(transcript)))

    held = {(response.inspection_id, response.force_id): response for response in responses}
    coverage: dict[str, Coverage] = {}
    for doc in coverage_docs:
        item = build(doc, Coverage.from_data)
        problems.extend(crosscheck.check_coverage(doc, item, inspection_ids=inspection_ids, forces=known_forces, held=held, as_of=as_of))
        coverage[item.inspection_id] = item

    for folder in published_dirs:
        problems.extend(safefile.problems_in(root / folder, root))
    if problems:
        raise DataError(problems)
    ordered = tuple(sorted(inspections, key=lambda inspection: (inspection.published, inspection.id), reverse=True))
    return Register(forces, ordered, tuple(sorted(responses, key=lambda r: r.key)), transcripts, coverage)


def _read_transcript(path: Path, root: Path) -> str:
    """A transcript's text, as published: a regular file of the repository, UTF-8, no NUL; line ends made ``\\n``."""
    raw = safefile.read_bytes(
        path,
        limit=MAX_TRANSCRIPT_BYTES,
        limit_hint="a transcript is the text of one response document; check that the right file was saved here",
        root=root,
    )
    text = safefile.decode_utf8(raw)
    nul = text.find("\0")
    if nul >= 0:
        line_start = text.rfind("\n", 0, nul) + 1
        raise safefile.Refused(
            "a transcript cannot hold a NUL character (U+0000)",
            "a NUL byte means a Word document or PDF was saved here; save the document's text as plain UTF-8 text",
            text.count("\n", 0, nul) + 1,
            nul - line_start + 1,
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")  # as reading in text mode did


def _files(folder: Path, problems: list[Problem], display, *, depth: int, where: str | None = None) -> list[Path]:
    """The ``.yaml`` files exactly ``depth`` levels under ``folder``; anything else is a problem."""
    kind = safefile.lstat_kind(folder)
    if kind is not None:
        problems.append(safefile.refusal_of(kind, "folder").problem(display(folder)))
        return []
    if not folder.is_dir():
        return []
    found = []
    for path, refused in safefile.entries(folder):
        if path.name.startswith("."):
            continue
        levels = len(path.relative_to(folder).parts)
        where = where or ("data/inspections/<inspection-id>.yaml" if depth == 1 else "data/responses/<inspection-id>/<force-id>.yaml")
        if refused is not None:
            problems.append(refused.problem(display(path)))
        elif path.suffix == ".yml" and levels == depth:
            problems.append(Problem(display(path), 1, 1, "(file)", "data files end in .yaml, not .yml", f"rename it to {path.stem}.yaml"))
        elif path.suffix.lower() in (".yaml", ".yml") and path.suffix != ".yaml" and levels == depth:
            problems.append(
                Problem(
                    display(path),
                    1,
                    1,
                    "(file)",
                    f"data files end in .yaml, in lower case, not {path.suffix}",
                    f"rename it to {path.stem}.yaml",
                )
            )
        elif path.suffix != ".yaml" or levels != depth:
            target = _belongs_at(path, display(folder.parent))
            hint = f"move it to {target}" if target else f"files here belong at {where}"
            problems.append(Problem(display(path), 1, 1, "(file)", "file in the wrong folder", hint))
        else:
            found.append(path)
    return found


def _misplaced(document: YamlDocument, kind: str, data: str) -> Problem | None:
    """A response saved among the inspections, or the other way round: say where it belongs, not every field that differs."""
    target = _target(document.data, data)
    if kind == "inspectionFile" and target and target.startswith(f"{data}/{RESPONSES_DIR}/"):
        return Problem(document.path, 1, 1, "(file)", "this is a response, but it is in the inspections folder", f"move it to {target}")
    if kind == "responseFile" and target and target.startswith(f"{data}/{INSPECTIONS_DIR}/"):
        return Problem(document.path, 1, 1, "(file)", "this is an inspection, but it is in the responses folder", f"move it to {target}")
    return None


def _belongs_at(path: Path, data: str) -> str | None:
    """Where a data file found in the wrong place belongs, judged from its own ids; None if it cannot tell."""
    if path.suffix not in (".yaml", ".yml") or safefile.lstat_kind(path) is not None or not path.is_file():
        return None
    document, found = read_yaml(path, path.name)
    return _target(document.data, data) if document is not None and not found else None


def _target(fields: object, data: str) -> str | None:
    """The path a file with these fields belongs at: a response names its inspection and force, an inspection its id."""
    if not isinstance(fields, dict):
        return None
    if isinstance(fields.get("inspection"), str) and isinstance(fields.get("force"), str) and "answers" in fields:
        return f"{data}/{RESPONSES_DIR}/{fields['inspection']}/{fields['force']}.yaml"
    if isinstance(fields.get("id"), str) and "recommendations" in fields and "answers" not in fields:
        return f"{data}/{INSPECTIONS_DIR}/{fields['id']}.yaml"
    if isinstance(fields.get("inspection"), str) and "looked" in fields and "answers" not in fields:
        return f"{data}/{COVERAGE_DIR}/{fields['inspection']}.yaml"
    return None


def _stray_files(data: Path, display) -> list[Problem]:
    expected = {FORCES_FILE, INSPECTIONS_DIR, RESPONSES_DIR, TRANSCRIPTS_DIR, COVERAGE_DIR, "README.md"}
    problems = []
    for path in sorted(data.iterdir()):
        if path.name in expected or path.name.startswith("."):
            continue
        kind = safefile.lstat_kind(path)
        if kind is not None:
            problems.append(safefile.refusal_of(kind, "file or folder").problem(display(path)))
            continue
        target = _belongs_at(path, display(data))
        hint = f"move it to {target}" if target else "inspections go in data/inspections/, responses in data/responses/<inspection-id>/"
        problems.append(Problem(display(path), 1, 1, "(file)", "file in the wrong folder", hint))
    return problems
