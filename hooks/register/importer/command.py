"""``register import``: turn a body's response document into a draft record for review.

The staff command line (``register.staff.cli``) adds this as its ``import`` subcommand with
``add_import_arguments`` and ``run_import``; ``python -m register.importer`` runs it alone.
Errors are one line on standard error and exit status 2, and nothing is written.

Beside the draft it writes the transcript: the text it read from the document, one paragraph
a line apart and a table row's cells apart by tabs, as the site publishes it in its source
links (``data/transcripts/<inspection>/<force>.txt``). A transcript already there is kept:
it may have been corrected by hand.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from register.data.load import DATA_DIR, FORCES_FILE, INSPECTIONS_DIR, RESPONSES_DIR, TRANSCRIPTS_DIR
from register.data.model import Force, Inspection
from register.data.schema import check_against_schema
from register.data.yamlfile import read_yaml

from .draft import build_draft, to_yaml, write_draft
from .readers import SUFFIXES, Paragraph, ReadFailure, read_paragraphs

PROG = "register import"
SCHEMA_FILE = "hooks/register/schema/response.schema.json"
"""The editor's schema for response files, named in the draft's first line as hand-made files do."""


class ImportFailure(Exception):
    """The import cannot go ahead; the message says why in one line."""


def add_import_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments of ``register import`` on ``parser``."""
    parser.add_argument("file", type=Path, help=f"the body's response document ({', '.join(SUFFIXES)})")
    parser.add_argument(
        "--inspection", required=True, metavar="ID", help="the inspection it answers: a file name in data/inspections/ without .yaml"
    )
    parser.add_argument(
        "--force", required=True, metavar="ID", dest="force_id", help="the police force whose body responded: an id in data/forces.yaml"
    )
    parser.add_argument(
        "-o", "--output", metavar="PATH",
        help="where to write the draft; '-' prints it (default: data/responses/<inspection>/<force>.yaml)",
    )  # fmt: skip
    parser.add_argument("--overwrite", action="store_true", help="replace a response file that already exists (never done without it)")
    parser.add_argument(
        "--url", help="the address where the body published the document, for document.copies (its checked date is left \"not stated\")"
    )
    parser.add_argument(
        "--strict", action="store_true",
        help="refuse, writing nothing, where the document names another force, body, commissioner or report than the record's",
    )  # fmt: skip


def run_import(args: argparse.Namespace, root: Path, data_dir: str = DATA_DIR) -> int:
    """Import ``args.file`` into the project at ``root``; report on standard error; return the exit status."""
    try:
        return _run(args, Path(root), data_dir)
    except (ImportFailure, ReadFailure) as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace, root: Path, data_dir: str) -> int:
    inspection = _inspection(root, data_dir, args.inspection)
    force, forces = _force(root, data_dir, args.force_id)
    target = _target(root, data_dir, args)
    if args.url and not args.url.startswith(("http://", "https://")):
        raise ImportFailure(f"--url must start with http:// or https://, got '{args.url}'")
    paragraphs = read_paragraphs(args.file)
    transcript = f"{inspection.id}/{force.id}.txt"
    standard_transcript = root / data_dir / TRANSCRIPTS_DIR / transcript
    standard = root / data_dir / RESPONSES_DIR / inspection.id / f"{force.id}.yaml"
    transcript_target = _transcript_target(target, standard, standard_transcript)
    draft = build_draft(
        paragraphs,
        inspection,
        force,
        source_name=args.file.name,
        suffix=args.file.suffix.lower(),
        url=args.url,
        transcript=transcript if standard_transcript.is_file() or transcript_target is not None else None,
        forces=forces,
    )
    if args.strict and draft.warnings:
        for warning in draft.warnings:
            print(f"{PROG}: warning: {warning}", file=sys.stderr)
        count = len(draft.warnings)
        raise ImportFailure(
            f"--strict: the document disagrees with the record on {count} point{'s' if count != 1 else ''} (above); nothing was written"
        )
    schema = os.path.relpath(root / SCHEMA_FILE, (target or standard).parent).replace(os.sep, "/")
    text = to_yaml(draft.record, args.file.name, schema)
    if target is None:
        sys.stdout.write(text)
        where = "standard output"
    else:
        write_draft(text, target)
        where = _shown(target, root)
    print(f"{PROG}: draft of {inspection.id}/{force.id} written to {where}", file=sys.stderr)
    for line in draft.report:
        print(f"  {line}", file=sys.stderr)
    if transcript_target is not None:
        write_draft(transcript_text(paragraphs), transcript_target)
        moved = "" if transcript_target == standard_transcript else f"; move it to {_shown(standard_transcript, root)} with the record"
        print(f"  the text read from the document is written to {_shown(transcript_target, root)}{moved}", file=sys.stderr)
    elif target is not None and standard_transcript.is_file():
        print(f"  {_shown(standard_transcript, root)} already exists and is kept as it is", file=sys.stderr)
    print("  review it, then delete the draft block; `register check` refuses the file until then", file=sys.stderr)
    return 0


def _transcript_target(target: Path | None, standard: Path, standard_transcript: Path) -> Path | None:
    """Where to write the transcript: data/transcripts/… for a draft in its place, beside a draft written elsewhere.

    Never over a transcript already there (it may have been corrected by hand), and not for a draft printed to standard output.
    """
    if target is None:
        return None
    if target.resolve() == standard.resolve():
        return None if standard_transcript.exists() else standard_transcript
    beside = target.with_suffix(".txt")
    return None if beside.exists() else beside


def transcript_text(paragraphs: list[Paragraph]) -> str:
    """The document's text as read: paragraphs a blank line apart, a table row's cells apart by tabs, one row a line."""
    lines = []
    for paragraph in paragraphs:
        if paragraph.cells:
            lines.append("\t".join(" ".join(cell.split()) for cell in paragraph.cells))
        else:
            lines.append(paragraph.text)
    return "\n\n".join(lines) + "\n"


def _target(root: Path, data_dir: str, args: argparse.Namespace) -> Path | None:
    if args.output == "-":
        return None
    target = Path(args.output) if args.output else root / data_dir / RESPONSES_DIR / args.inspection / f"{args.force_id}.yaml"
    if target.exists() and not args.overwrite:
        raise ImportFailure(
            f"{_shown(target, root)} already exists; nothing was written (use --overwrite to replace it, or -o - to print the draft)"
        )
    return target


def _inspection(root: Path, data_dir: str, inspection_id: str) -> Inspection:
    path = root / data_dir / INSPECTIONS_DIR / f"{inspection_id}.yaml"
    if not path.is_file():
        known = sorted(p.stem for p in path.parent.glob("*.yaml")) if path.parent.is_dir() else []
        raise ImportFailure(f"unknown inspection '{inspection_id}'; known: {', '.join(known) or 'none'}")
    document = _checked(path, root, "inspectionFile")
    return Inspection.from_data(document)


def _force(root: Path, data_dir: str, force_id: str) -> tuple[Force, list[Force]]:
    path = root / data_dir / FORCES_FILE
    if not path.is_file():
        raise ImportFailure(f"no {_shown(path, root)}: run the import from the project folder")
    forces = {item["id"]: item for item in _checked(path, root, "forcesFile")["forces"]}
    if force_id not in forces:
        raise ImportFailure(f"unknown force '{force_id}'; force ids are listed in {data_dir}/{FORCES_FILE}")
    return Force.from_data(forces[force_id]), [Force.from_data(item) for item in forces.values()]


def _checked(path: Path, root: Path, kind: str):
    document, problems = read_yaml(path, _shown(path, root))
    if document is not None and not problems:
        problems = check_against_schema(document, kind)
    if problems or document is None:
        raise ImportFailure(f"{problems[0]} (run `register check` for every problem)")
    return document.data


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description="Draft a response record from a body's own document, for a person to review.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder (default: the current folder)")
    add_import_arguments(parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return run_import(args, args.root)
