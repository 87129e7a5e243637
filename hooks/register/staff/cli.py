"""The staff command line, ``register``: check the data, see who to chase, and start new files.

Records staff, not programmers, keep the register. Each command says in plain words what it
did or what is wrong and how to fix it, and exits 0 when all is well, 1 when it found
problems in the data, and 2 when it could not run (a wrong option, no project here).

Commands are declared in ``COMMANDS``; adding one (say ``import``) is one more ``Command``
in that list, with a function that adds its options and one that runs it.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from register import __version__
from register.data.load import load_register
from register.data.model import NOT_STATED, Register
from register.data.problems import DataError, Problem, printable
from register.data.project import Project, ProjectError, as_of_source, find_project, parse_day
from register.importer.command import add_import_arguments, run_import
from register.site.generate import load, read_site_config, refused_output, render_into, settings_from_config
from register.staff.chase import STATES, due_csv, due_report, format_due, format_summary, judged_line, parse_state
from register.staff.coverage_report import coverage_csv, coverage_report, format_coverage
from register.staff.scaffold import (
    READINGS,
    InspectionDraft,
    ResponseDraft,
    ScaffoldError,
    check_inspection_draft,
    check_inspection_id,
    check_inspection_scope,
    check_response_draft,
    check_title,
    corrected_day,
    corrected_id,
    corrected_scope,
    document_kinds,
    inspection_path,
    inspection_scopes,
    inspection_text,
    problems_in,
    read_forces,
    read_inspection,
    response_path,
    response_text,
    suggest_id,
    write_new,
)

EXIT_OK, EXIT_PROBLEMS, EXIT_CANNOT_RUN = 0, 1, 2


@dataclass(frozen=True)
class Command:
    """One subcommand: its name and help, how it adds its options, and what it does."""

    name: str
    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace, Project], int]
    description: str = ""


class CommandError(Exception):
    """The command could not do what was asked; the message says why, the hint what to do."""

    def __init__(self, message: str, hint: str = ""):
        self.message = message
        self.hint = hint
        super().__init__(message)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the exit status instead of exiting, so tests can call it."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # argparse exits on --help and on usage errors
        return int(stop.code or 0)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_CANNOT_RUN
    try:
        project = find_project(root=args.root) if args.root else find_project()
        return args.command.run(args, project)
    except DataError as error:
        _print_problems(error.problems)
        _say(f"register: the files this command reads have {_count(error.problems)}; fix them first", err=True)
        return EXIT_PROBLEMS
    except (ProjectError, ScaffoldError, CommandError) as error:
        _say(f"register: error: {error.message}" + (f" (hint: {error.hint})" if error.hint else ""), err=True)
        return EXIT_CANNOT_RUN


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="register",
        description="Check and extend the Inspection Responses Register's data. Run it anywhere inside your clone.",
        epilog="Exit status: 0 all well, 1 problems found in the data, 2 the command could not run.",
    )
    root_help = "the register's folder (default: found by walking up from here to mkdocs.yml and data/)"
    parser.add_argument("--root", type=Path, help=root_help)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for command in COMMANDS:
        sub = commands.add_parser(command.name, help=command.help, description=command.description or command.help)
        command.configure(sub)
        sub.add_argument("--root", type=Path, default=argparse.SUPPRESS, help=root_help)  # also after the command name
        sub.set_defaults(command=command)
    return parser


# check -----------------------------------------------------------------------------------------


def _configure_check(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        help="files or folders to report on; the whole register is always checked, since some rules span files",
    )
    parser.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="github: also print each problem as a GitHub Actions annotation, shown on the pull request",
    )


def run_check(args: argparse.Namespace, project: Project) -> int:
    selected = [_selected(path, project) for path in args.paths]
    missing = [Problem(name, 1, 1, "(file)", "no such file or folder", "check the path") for name, exists in selected if not exists]
    try:
        register = load_register(project.root, project.data_dir, as_of=project.as_of())
        problems: list[Problem] = []
    except DataError as error:
        register, problems = None, error.problems
    names = [name for name, _ in selected]
    shown = [problem for problem in problems if not names or any(_within(problem.path, name) for name in names)]
    shown = sorted(missing + shown)
    _print_problems(shown, github=args.format == "github")
    hidden = len(problems) - (len(shown) - len(missing))
    if shown:
        files = len({problem.path for problem in shown})
        message = f"{_count(shown)} in {files} file{'s' if files != 1 else ''}; the site will not build until they are fixed"
        if hidden:
            message += f" ({_count_only(hidden)} in other files: run `register check` to see them)"
        _say(message, err=True)
        return EXIT_PROBLEMS
    if hidden:
        _say(f"ok: no problems in {', '.join(names)}; {_count_only(hidden)} in other files (run `register check` to see them)")
        return EXIT_OK
    assert register is not None
    scope = f"{', '.join(names)} and the rest of the register" if names else "the register"
    _say(f"ok: {scope} has no problems ({_summary(register)})")
    return EXIT_OK


def _selected(path: Path, project: Project) -> tuple[str, bool]:
    """A path from the command line as the register names files, and whether it exists."""
    absolute = (path if path.is_absolute() else Path.cwd() / path).resolve()
    if not absolute.is_relative_to(project.root.resolve()):
        raise CommandError(
            f"{path} is outside the register at {project.root}", "give files or folders inside the clone, such as data/responses"
        )
    return project.relative(absolute), absolute.exists()


def _within(problem_path: str, name: str) -> bool:
    return name in (".", "") or problem_path == name or problem_path.startswith(name.rstrip("/") + "/")


def _summary(register: Register) -> str:
    return f"{len(register.forces)} forces, {len(register.inspections)} inspections, {len(register.responses)} responses"


# due -------------------------------------------------------------------------------------------


def _configure_due(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inspections", nargs="*", metavar="INSPECTION-ID", help="only these inspections (default: all, newest first)")
    parser.add_argument(
        "--inspection", dest="more_inspections", action="extend", nargs="+", default=[], metavar="INSPECTION-ID", help="the same, as an option"
    )
    parser.add_argument(
        "--force", dest="forces", action="extend", nargs="+", default=[], metavar="FORCE-ID", help="only these forces' bodies (ids in data/forces.yaml)"
    )
    parser.add_argument(
        "--state",
        dest="states",
        action="extend",
        nargs="+",
        default=[],
        metavar="STATE",
        help="only bodies in these states: a status (late, on-time, no-response-held, not-yet-due, "
        "dated-in-period, dated-after-due-date, date-unknown) or a coverage state (transcribed, located, "
        "not-found, not-yet-looked-for)",
    )
    parser.add_argument("--full", action="store_true", help="a line per body, with the evidence and where it was looked for")
    parser.add_argument("--format", choices=("text", "csv"), default="text", help="csv: one row per inspection and body, for a spreadsheet")
    parser.add_argument(
        "--as-of",
        metavar="DATE",
        help="judge the clock on this day: YYYY-MM-DD, 'today' (the default), or 'site' for the site's own date "
        "(REGISTER_AS_OF, else extra.register.as_of in mkdocs.yml)",
    )


def run_due(args: argparse.Namespace, project: Project) -> int:
    site_as_of = project.as_of()
    today = date.today()
    as_of = site_as_of if args.as_of == "site" else parse_day(args.as_of, "--as-of") if args.as_of else today
    register = load_register(project.root, project.data_dir, as_of=site_as_of)  # refuses what the build refuses
    inspections = [*args.inspections, *args.more_inspections]
    _refuse_unknown_ids(register, inspections, args.forces)
    states = []
    for words in args.states:
        try:
            states.append(parse_state(words))
        except ValueError:
            raise CommandError(f"--state: no state '{words}'", "states are: " + ", ".join(state.replace(" ", "-") for state in STATES)) from None
    report = due_report(register, as_of, inspections, forces=args.forces, states=states)
    if args.format == "csv":
        _write_exactly(due_csv(report, as_of))
        return EXIT_OK
    first = judged_line(as_of, today, site_as_of, as_of_source())
    sys.stdout.write(format_due(report, first) if args.full else format_summary(report, first))
    return EXIT_OK


def _configure_coverage(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inspections", nargs="*", metavar="INSPECTION-ID", help="only these inspections (default: all, newest first)")
    parser.add_argument(
        "--force",
        dest="forces",
        action="extend",
        nargs="+",
        default=[],
        metavar="FORCE-ID",
        help="only these forces' bodies, e.g. --force kent essex (the ids are in data/forces.yaml)",
    )
    parser.add_argument(
        "--csv",
        action="store_true",
        help="write one row per inspection and body, every state included, as CSV to standard output (for a spreadsheet)",
    )


def _refuse_unknown_ids(register: Register, inspections: Sequence[str], forces: Sequence[str]) -> None:
    """The inspection and force ids a listing command was given, each one the register holds."""
    known = [inspection.id for inspection in register.inspections]
    unknown = [name for name in inspections if name not in known]
    if unknown:
        raise CommandError(f"no inspection '{unknown[0]}'", "inspection ids are: " + ", ".join(known))
    ids = [force.id for force in register.forces]
    for name in forces:
        if name not in ids:
            close = difflib.get_close_matches(name, ids, n=1, cutoff=0.7)
            raise CommandError(f"unknown force '{name}'", (f"did you mean '{close[0]}'? " if close else "") + "force ids are listed in data/forces.yaml")


def run_coverage(args: argparse.Namespace, project: Project) -> int:
    as_of = project.as_of()
    register = load_register(project.root, project.data_dir, as_of=as_of)  # refuses what the build refuses
    _refuse_unknown_ids(register, args.inspections, args.forces)
    report = coverage_report(register, as_of, args.inspections, args.forces)
    if args.csv:
        _write_exactly(coverage_csv(report))
    else:
        sys.stdout.write(format_coverage(report, filtered=bool(args.forces)))
    return EXIT_OK


# new-response ----------------------------------------------------------------------------------


def _configure_new_response(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inspection", metavar="INSPECTION-ID", help="e.g. management-of-terrorist-offenders-2023")
    parser.add_argument("force", metavar="FORCE-ID", help="e.g. norfolk (the ids are in data/forces.yaml)")
    parser.add_argument(
        "--published",
        "--date",
        dest="published",
        metavar="DATE",
        help="the day the body published the response, YYYY-MM-DD; the body in office that day is chosen (default: not stated)",
    )
    parser.add_argument(
        "--document-date",
        metavar="DATE",
        help="the date printed on the document, YYYY-MM-DD, where the publication date is not known (default: not stated)",
    )
    parser.add_argument(
        "--kind",
        default="not stated",
        help="what kind of document it is: " + ", ".join(document_kinds()) + " (default: not stated)",
    )
    parser.add_argument("--url", help="the address of a published copy of the document (default: none known)")
    parser.add_argument(
        "--checked",
        metavar="DATE",
        help="the day you opened --url and saw the document there, YYYY-MM-DD (default: not stated)",
    )
    parser.add_argument(
        "--reading",
        default=READINGS[0],
        help="whether the register counts the document as the body's section 55 response: "
        + ", ".join(READINGS)
        + f" (default: {READINGS[0]}); say why in the file",
    )
    parser.add_argument(
        "--located",
        action="store_true",
        help="the document is known (give --url) but its words are not copied yet: write a located record with no answers",
    )


def run_new_response(args: argparse.Namespace, project: Project) -> int:
    forces = read_forces(project.root, project.data_dir)
    inspection = read_inspection(project.root, project.data_dir, args.inspection)
    force = forces.get(args.force)
    if force is None:
        close = difflib.get_close_matches(args.force, list(forces), n=1, cutoff=0.7)
        raise CommandError(
            f"unknown force '{args.force}'", (f"did you mean '{close[0]}'? " if close else "") + "force ids are listed in data/forces.yaml"
        )
    draft = ResponseDraft(
        inspection,
        force,
        kind=args.kind,
        published=_day_option(args.published, "--published"),
        document_date=_day_option(args.document_date, "--document-date"),
        url=args.url,
        checked=_day_option(args.checked, "--checked"),
        reading=args.reading,
        located=args.located,
    )
    check_response_draft(draft, project.as_of())
    relative = response_path(project.data_dir, inspection.id, force.id)
    write_new(project.root, relative, response_text(draft, relative))
    body = draft.body()
    count = len(inspection.recommendations)
    if draft.located:
        what = "a located record: the document's address, with no words yet"
    elif count:
        what = f"with {'all ' if count > 1 else ''}{count} recommendation{'s' if count != 1 else ''} to answer"
    else:
        what = "with no answers: the inspection lists no recommendations yet"
    _say(f"wrote {relative}: {body.name}'s response, {what}")
    return _after_writing_response(project, relative, draft)


def _after_writing_response(project: Project, relative: str, draft: ResponseDraft) -> int:
    """Say what the new file still lacks, in the check's own words: it is refused until it is filled in."""
    problems = _problems_now(project)
    own = problems_in(problems, relative)
    if own:
        _say(f"`register check` and the build refuse it until {'this is' if len(own) == 1 else f'these {len(own)} are'} put right:")
        _print_problems(own)
    guessed = ["section_55.reading"]
    if draft.kind == NOT_STATED:
        guessed.insert(0, "document.kind")
    if draft.located:
        steps = "say under section_55 why the register reads the document as it does"
    elif draft.inspection.recommendations:
        guessed.append("each answer's by")
        steps = (
            "copy the document's own words over each placeholder named above "
            "(or list under not_answered the recommendations it does not answer)"
        )
    else:
        steps = "copy the document's own words into statements and answers, say under section_55 why the register reads it as it does"
    _say(f"next: read the document, {steps}, check {_and(guessed)} against it, then run `register check`")
    others = len(problems) - len(own)
    if others:
        _say(f"note: `register check` finds {_count_only(others)} in other files", err=True)
    return EXIT_OK


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# new-inspection --------------------------------------------------------------------------------


class _GoneOption(argparse.Action):
    """An option the data no longer has: refuse it, and say what replaced it."""

    def __call__(self, parser, namespace, values, option_string=None):
        parser.error(
            f"{option_string} is gone: an inspection has a scope instead (hint: give --scope, one of "
            + ", ".join(inspection_scopes())
            + "; a joint report is one made by several inspectorates: give --inspectorate once for each)"
        )


def _configure_new_inspection(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--id", help="the inspection's id: a few words of the title and the year, e.g. counter-terrorism-prevent-2020")
    parser.add_argument("--title", help="the report's title")
    parser.add_argument("--scope", help="what the report looks at, one of: " + ", ".join(inspection_scopes()))
    parser.add_argument("--kind", action=_GoneOption, help=argparse.SUPPRESS)
    parser.add_argument("--published", metavar="DATE", help="the day the report was published, YYYY-MM-DD")
    parser.add_argument(
        "--recommendation-count",
        metavar="N",
        help="how many recommendations the whole report makes, or \"not stated\" where no source says",
    )
    parser.add_argument(
        "--numbers",
        metavar="N,N,...",
        help="the numbers of the recommendations local policing bodies answer, e.g. 19,20,21 (default: 1 to N)",
    )
    parser.add_argument(
        "--inspectorate",
        action="append",
        dest="inspectorates",
        metavar="NAME",
        help="an inspectorate that carried it out; repeat for a joint report (default: HMICFRS)",
    )
    parser.add_argument("--report-url", metavar="URL", help="the address of the report (default: not stated)")
    parser.add_argument(
        "--respondents", metavar="IDS", help="force ids, comma-separated, for a report on some forces (default: all forces)"
    )


def run_new_inspection(args: argparse.Namespace, project: Project) -> int:
    forces = read_forces(project.root, project.data_dir)
    for value, check in ((args.id, check_inspection_id), (args.scope, check_inspection_scope), (args.title, check_title)):
        if value is not None:
            check(value)  # an option given wrongly is refused before anything is asked
    ask = _Asker()
    title = args.title or ask("Title of the report", "--title", check=check_title)
    published = _day_option(args.published, "--published") or ask.day("Publication date (YYYY-MM-DD)", "--published")
    identifier = args.id or ask("Id for the inspection", "--id", default=suggest_id(title, published), check=check_inspection_id, correct=corrected_id)
    scope = args.scope or ask(
        "Scope (" + ", ".join(inspection_scopes()) + ")", "--scope", default=NOT_STATED, check=check_inspection_scope, correct=corrected_scope
    )
    if args.recommendation_count is not None:
        count = _count_option(args.recommendation_count)
    else:
        count = ask.count("How many recommendations does the report make (a number, or not stated)", "--recommendation-count")
    numbers = _numbers(args.numbers)
    respondents = None
    if args.respondents and args.respondents.strip() != "all forces":
        respondents = tuple(item.strip() for item in args.respondents.split(",") if item.strip())
    draft = InspectionDraft(
        id=identifier,
        title=title,
        scope=scope,
        published=published,
        recommendation_count=count,
        inspectorates=tuple(args.inspectorates or ("HMICFRS",)),
        report_url=args.report_url,
        numbers=numbers,
        respondents=respondents,
    )
    check_inspection_draft(draft, forces)
    relative = inspection_path(project.data_dir, draft.id)
    write_new(project.root, relative, inspection_text(draft, relative))
    listed = len(draft.listed)
    _say(f"wrote {relative} with {listed or 'no'} recommendation{'s' if listed != 1 else ''} to fill in")
    return _after_writing(project, relative, 'next: copy the report\'s own words over each "not stated", then run `register check`')


def _count_option(text: str) -> int | None:
    """--recommendation-count: a whole number, or "not stated"."""
    if text.strip() == NOT_STATED:
        return None
    if not text.strip().isdigit():
        raise CommandError(f"--recommendation-count: expected a whole number or \"not stated\"; got '{text}'")
    return int(text)


class _Asker:
    """Asks for a value the options did not give, when a person is at the keyboard; else refuses.

    Each answer is checked as soon as it is given, and asked for again with the reason, offering
    the corrected value as the default where one can be told: nothing typed before is lost.
    """

    def __call__(
        self,
        prompt: str,
        option: str,
        default: str = "",
        check: Callable[[str], None] | None = None,
        correct: Callable[[str], str | None] | None = None,
    ) -> str:
        if not _stdin_is_terminal():
            raise CommandError(f"{option} is required", f"give {option}, or run the command in a terminal to be asked")
        while True:
            shown = f"{prompt} [{default}]: " if default else f"{prompt}: "
            try:
                answer = input(shown).strip() or default
            except EOFError:
                raise CommandError(f"{option} is required") from None
            if not answer:
                continue
            if check is None:
                return answer
            try:
                check(answer)
                return answer
            except ScaffoldError as error:
                _say(f"  {error.message.removeprefix(option + ': ')}; try again")
                fixed = correct(answer) if correct else None
                if fixed:
                    _say(f"  press Enter for {fixed}")
                    default = fixed

    def day(self, prompt: str, option: str) -> date:
        default = ""
        while True:
            answer = self(prompt, option, default=default)
            try:
                return parse_day(answer, option)
            except ProjectError as error:
                _say(f"  {error.message.removeprefix(option + ': ')}; try again")
                fixed = corrected_day(answer)
                default = fixed or ""
                if fixed:
                    _say(f"  press Enter for {fixed}")

    def count(self, prompt: str, option: str) -> int | None:
        """A whole number, or None for "not stated"."""
        while True:
            answer = self(prompt, option)
            if answer.isdigit():
                return int(answer)
            if answer == NOT_STATED:
                return None
            _say('  write a whole number, e.g. 8, or "not stated"; try again')


def _stdin_is_terminal() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def _numbers(text: str | None) -> tuple[int, ...]:
    if not text:
        return ()
    try:
        return tuple(int(item) for item in text.replace(" ", "").split(",") if item)
    except ValueError:
        raise CommandError(f"--numbers: expected whole numbers separated by commas, e.g. 19,20,21; got '{text}'") from None


def _day_option(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    if value == "today":
        raise CommandError(f"{option}: write the date itself, YYYY-MM-DD")
    return parse_day(value, option)


def _problems_now(project: Project) -> list[Problem]:
    """Every problem ``register check`` finds in the register as it is now."""
    try:
        load_register(project.root, project.data_dir, as_of=project.as_of())
    except DataError as error:
        return error.problems
    return []


def _after_writing(project: Project, relative: str, next_step: str) -> int:
    """Check the whole register with the new file in it, and say what staff do next."""
    problems = _problems_now(project)
    own = problems_in(problems, relative)
    if own:
        _print_problems(own)
        return EXIT_PROBLEMS
    _say(next_step)
    if problems:
        _say(f"note: `register check` finds {_count(problems)} in other files", err=True)
    return EXIT_OK


# Output ----------------------------------------------------------------------------------------


def _print_problems(problems: Sequence[Problem], *, github: bool = False) -> None:
    for problem in problems:
        _say(str(problem))
        if github:
            _say(_annotation(problem))


def _annotation(problem: Problem) -> str:
    """A GitHub Actions workflow command that marks the line on the pull request.

    Each part is first made one printable line (``printable``: a newline in a field name becomes
    ``\\n``), then escaped as workflow commands require (``%``, CR and LF in the message; also
    ``:`` and ``,`` in the properties), so nothing from the data can end the command early or
    start another (``::stop-commands::``)."""

    def escape(text: str, *, prop: bool = False) -> str:
        text = printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if prop else text

    message = problem.message + (f" (hint: {problem.hint})" if problem.hint else "")
    return (
        f"::error file={escape(problem.path, prop=True)},line={problem.line},col={problem.column},"
        f"title={escape(problem.field, prop=True)}::{escape(message)}"
    )


def _count(problems: Sequence[Problem]) -> str:
    return _count_only(len(problems))


def _count_only(number: int) -> str:
    return f"{number} problem{'s' if number != 1 else ''}"


def _write_exactly(text: str) -> None:
    """Standard output as UTF-8 bytes with no newline translation: a CSV's CRLFs stay CRLFs on any system."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
    else:
        buffer.write(text.encode("utf-8"))
        buffer.flush()


# render ----------------------------------------------------------------------------------------


def _configure_render(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", type=Path, metavar="OUT", help="the folder to write into (replaced whole), e.g. build/zensical-docs")
    parser.add_argument("--as-of", metavar="YYYY-MM-DD", help="judge the clock on this date (default: REGISTER_AS_OF, else mkdocs.yml)")


def run_render(args: argparse.Namespace, project: Project) -> int:
    settings = settings_from_config(project.root, read_site_config(project.root), project.as_of(args.as_of))
    refused = refused_output(args.out, settings)
    if refused:
        raise CommandError(refused, "give a folder of its own, such as build/zensical-docs")
    written = render_into(args.out, load(settings), settings)
    _say(f"ok: wrote {written} files into {args.out}, as of {settings.as_of.isoformat()} (`make build-zensical` builds them)")
    return EXIT_OK


def _say(text: str, *, err: bool = False) -> None:
    print(text, file=sys.stderr if err else sys.stdout)


COMMANDS: list[Command] = [
    Command(
        "check",
        "check every data file against the schema and the rules across files",
        _configure_check,
        run_check,
        "Check the whole register and print every problem as path:line:column: field: message (hint: ...). "
        "With paths, only problems in those files or folders are reported.",
    ),
    Command(
        "due",
        "whom to chase today: per inspection, every body under its status and coverage state",
        _configure_due,
        run_due,
        "For each inspection, newest first: its due date and every body by force id under its status "
        "(late, not identified and whether it was looked for, not yet due, of unknown date, on time), "
        "judged on today unless --as-of says otherwise; --full for the evidence, --format csv for a spreadsheet.",
    ),
    Command(
        "coverage",
        "list, per inspection, where each body's response was looked for and when, and who is not yet looked for",
        _configure_coverage,
        run_coverage,
        "For each inspection, newest first: how many bodies' responses are transcribed, located, not found and not yet looked for; "
        "then each body whose response is not found, with every place looked and the day (newest first), "
        "and the bodies not yet looked for. --csv writes one row per inspection and body for a chasing spreadsheet.",
    ),
    Command(
        "new-response",
        "write a response file to fill in, with the right body and every recommendation",
        _configure_new_response,
        run_new_response,
        "Write data/responses/<inspection-id>/<force-id>.yaml with the body in office on the response date, "
        'a placeholder answer for every recommendation of the inspection and "not stated" wherever the document must be read. '
        "`register check` and the build refuse the file until the placeholders are filled in from the document. "
        "Never overwrites a file.",
    ),
    Command(
        "new-inspection",
        "write an inspection file to fill in, from options or questions",
        _configure_new_inspection,
        run_new_inspection,
        "Write data/inspections/<inspection-id>.yaml. Options not given are asked for when run in a terminal. Never overwrites a file.",
    ),
    Command(
        "import",
        "draft a response file from a body's own document (.docx, .pdf, .html, .md, .txt)",
        add_import_arguments,
        lambda args, project: run_import(args, project.root, project.data_dir),
        "Read the document, match its answers to the inspection's recommendations, propose labels where the "
        "words are unambiguous, and write a draft that `register check` refuses until a person has confirmed it. "
        "Never overwrites a file without --overwrite.",
    ),
    Command(
        "render",
        "write the whole site's Markdown, downloads and feed into a folder, for a generator with no hook (Zensical)",
        _configure_render,
        run_render,
        "Check the register, then write into OUT everything the MkDocs hook adds to the site (every generated page, the home page "
        "with its figures, the data downloads, the feed, the changelog, the transcripts) beside a copy of content/, so that "
        "`zensical build -f mkdocs.zensical.yml` (or any MkDocs-compatible generator) builds the full site from OUT. "
        "OUT is replaced whole, and only once everything is written.",
    ),
]
"""The subcommands, in the order ``register --help`` lists them."""


if __name__ == "__main__":  # pragma: no cover - ``python -m register.staff.cli``
    sys.exit(main())
