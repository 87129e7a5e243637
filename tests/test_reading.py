"""Reading files safely: only regular files of the repository, and YAML within limits no real record reaches.

The corpus (``tests/corpus/read-…``) holds one case per hostile or broken file with its exact
message; these tests cover what a corpus case cannot: that nothing of a linked file reaches the
output or the site, that a pipe or a file swapped after the first look never hangs or leaks,
unreadable files (the tests run as root, where permissions do not stop reading), and that files
the old reader accepted are read into exactly the same data.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, build, copy_project
from register.data import safefile
from register.data.load import load_register
from register.data.problems import DataError
from register.data.yamlfile import MAX_ALIASES, MAX_DEPTH, MAX_FILE_BYTES, read_yaml
from register.staff.cli import main

TERRORIST = "management-of-terrorist-offenders-2023"
RESPONSE = f"data/responses/{TERRORIST}/norfolk.yaml"
TRANSCRIPT = f"data/transcripts/{TERRORIST}/norfolk.txt"
SECRET = "SECRET-9f3c1e-not-for-publication"


@contextlib.contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Fail instead of hanging for ever (a pipe read without O_NONBLOCK would)."""

    def expired(signum: int, frame: object) -> None:
        raise TimeoutError(f"still reading after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def check(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    status = main(["--root", str(project), "check"])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def read_text(path: Path, text: str | bytes) -> tuple[object, list[str]]:
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    document, problems = read_yaml(path, path.name)
    return (None if document is None else document.data), [str(problem) for problem in problems]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    """A file of the build machine outside the repository, which must never reach a message or the site."""
    path = tmp_path / "outside" / "credentials.txt"
    path.parent.mkdir()
    path.write_text(f"{SECRET}: yes\nGITHUB_TOKEN={SECRET}\n", "utf-8")
    return path


# --- links, pipes and other files that are not what they claim to be ------------------------


def test_a_linked_transcript_is_refused_and_nothing_of_its_target_is_printed_or_published(
    project: Path, secret_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / TRANSCRIPT).unlink()
    (project / TRANSCRIPT).symlink_to(secret_file)
    status, output = check(project, capsys)
    assert status == 1
    assert f"{TRANSCRIPT}:1:1: (file): this is a symbolic link, not a file" in output
    assert SECRET not in output and str(secret_file) not in output and "credentials" not in output
    result = build(project)
    assert result.returncode != 0
    assert SECRET not in result.output and "credentials" not in result.output
    assert not result.site.exists()


def test_a_linked_data_file_is_refused_without_quoting_its_target(
    project: Path, secret_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before, the message quoted the target's first line ("expected a set of fields, got 'root:x:0:0…'")."""
    link = project / f"data/responses/{TERRORIST}/kent.yaml"
    link.symlink_to(secret_file)
    status, output = check(project, capsys)
    assert status == 1
    assert f"data/responses/{TERRORIST}/kent.yaml:1:1: (file): this is a symbolic link" in output
    assert SECRET not in output and "credentials" not in output


def test_a_link_to_a_file_inside_the_repository_is_refused_too(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / TRANSCRIPT).unlink()
    (project / TRANSCRIPT).symlink_to("cumbria.txt")
    status, output = check(project, capsys)
    assert status == 1
    assert f"{TRANSCRIPT}:1:1: (file): this is a symbolic link, not a file" in output


def test_a_pipe_named_like_a_data_file_is_refused_without_waiting(project: Path) -> None:
    """Run as staff run it, in its own process: a check that waited on the pipe would be killed by the timeout."""
    os.mkfifo(project / f"data/responses/{TERRORIST}/kent.yaml")
    os.mkfifo(project / "data/inspections/notes.yaml")
    completed = subprocess.run(
        [sys.executable, "-m", "register", "--root", str(project), "check"], capture_output=True, text=True, timeout=120, check=False
    )
    assert completed.returncode == 1
    assert f"data/responses/{TERRORIST}/kent.yaml:1:1: (file): this is a named pipe, not a file or folder" in completed.stdout
    assert "data/inspections/notes.yaml:1:1: (file): this is a named pipe" in completed.stdout
    assert "Traceback" not in completed.stderr


def test_a_link_or_pipe_put_in_place_after_the_first_look_is_still_not_followed_or_waited_on(
    tmp_path: Path, secret_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is opened with O_NOFOLLOW and O_NONBLOCK and looked at again once open, so a swap between
    the look and the open (a race a pull request cannot win, but a shared machine might) changes nothing."""
    monkeypatch.setattr(safefile, "check_regular", lambda path, root=None: None)  # as if the first look came before the swap
    link = tmp_path / "link.yaml"
    link.symlink_to(secret_file)
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    with deadline(20):
        with pytest.raises(safefile.Refused, match="this is a symbolic link"):
            safefile.read_bytes(link, limit=MAX_FILE_BYTES, limit_hint="")
        with pytest.raises(safefile.Refused, match="this is a named pipe"):
            safefile.read_bytes(pipe, limit=MAX_FILE_BYTES, limit_hint="")


def test_a_device_is_refused_unread(tmp_path: Path) -> None:
    with deadline(20):
        for device in ("/dev/zero", "/dev/null"):
            with pytest.raises(safefile.Refused, match="this is a device, not a file"):
                safefile.read_bytes(Path(device), limit=MAX_FILE_BYTES, limit_hint="", root=Path("/"))


def test_a_file_outside_the_repository_is_refused(tmp_path: Path, secret_file: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    for path in (secret_file, root / ".." / "outside" / "credentials.txt"):
        with pytest.raises(safefile.Refused, match="this is outside the repository"):
            safefile.read_bytes(path, limit=MAX_FILE_BYTES, limit_hint="", root=root)


def test_a_data_folder_set_outside_the_repository_is_refused(project: Path, tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    with pytest.raises(DataError) as refused:
        load_register(project, "../elsewhere")
    assert [str(problem) for problem in refused.value.problems] == [
        "../elsewhere:1:1: (file): this is outside the repository (hint: the register reads only files inside its own repository)"
    ]


def test_links_and_pipes_in_a_published_folder_are_listed(project: Path, secret_file: Path) -> None:
    """``problems_in`` is what a build can use for folders MkDocs publishes as they are (content/, overrides/)."""
    (project / "content" / "leak.txt").symlink_to(secret_file)
    os.mkfifo(project / "content" / "pipe.md")
    (project / "content" / "linked").symlink_to(project / "content", target_is_directory=True)
    problems = [str(problem) for problem in safefile.problems_in(project / "content", project)]
    assert [line.split(" (hint")[0] for line in problems] == [
        "content/leak.txt:1:1: (file): this is a symbolic link, not a file or folder",
        "content/linked:1:1: (file): this is a symbolic link, not a file or folder",
        "content/pipe.md:1:1: (file): this is a named pipe, not a file or folder",
    ]
    assert not any(SECRET in line or "credentials" in line for line in problems)


def test_a_link_in_the_hand_written_pages_or_the_theme_is_refused_by_check_and_build(
    project: Path, secret_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """MkDocs copies what content/ and overrides/ hold as it finds it: a link there would publish its target."""
    (project / "content" / "leak.txt").symlink_to(secret_file)
    (project / "overrides" / "leak.html").symlink_to(secret_file)
    status, output = check(project, capsys)
    assert status == 1
    assert "content/leak.txt:1:1: (file): this is a symbolic link" in output
    assert "overrides/leak.html:1:1: (file): this is a symbolic link" in output
    assert SECRET not in output and "credentials" not in output
    result = build(project)
    assert result.returncode != 0 and "content/leak.txt:1:1: (file): this is a symbolic link" in result.output
    assert SECRET not in result.output and not result.site.exists()


# --- files the system will not let be read ------------------------------------------------------------


def _refuse_to_open(monkeypatch: pytest.MonkeyPatch, name: str, error: OSError) -> None:
    real_open = os.open

    def opening(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if Path(str(path)).name == name:
            raise error
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(safefile.os, "open", opening)


def test_an_unreadable_data_file_is_named_with_the_reason(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _refuse_to_open(monkeypatch, "norfolk.yaml", PermissionError(errno.EACCES, "Permission denied"))
    status, output = check(project, capsys)
    assert status == 1
    assert (
        f"{RESPONSE}:1:1: (file): the file cannot be read (permission denied) "
        "(hint: give the file read permission (chmod a+r), or check it out of git again)"
    ) in output.splitlines()
    assert "Traceback" not in output


def test_an_unreadable_transcript_and_a_failing_disk_are_named_with_the_reason(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _refuse_to_open(monkeypatch, "norfolk.txt", OSError(errno.EIO, "Input/output error"))
    status, output = check(project, capsys)
    assert status == 1
    assert f"{TRANSCRIPT}:1:1: (file): the file cannot be read (Input/output error)" in output


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its permissions")
def test_a_file_without_read_permission_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / RESPONSE).chmod(0)
    status, output = check(project, capsys)
    assert status == 1
    assert f"{RESPONSE}:1:1: (file): the file cannot be read (permission denied)" in output


def test_an_unreadable_folder_is_named(project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    real_scandir = os.scandir
    folder = project / "data" / "responses" / TERRORIST

    def listing(path: object) -> object:
        if Path(str(path)) == folder:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(safefile.os, "scandir", listing)
    status, output = check(project, capsys)
    assert status == 1
    assert (
        f"data/responses/{TERRORIST}:1:1: (file): the folder cannot be read (permission denied) "
        "(hint: give the folder read permission (chmod a+rx), or check it out of git again)"
    ) in output.splitlines()


# --- YAML limits ------------------------------------------------------------------------------------


def test_an_alias_bomb_is_refused_before_it_grows(tmp_path: Path) -> None:
    """The issue's file: a few hundred bytes whose aliases of aliases would repeat 9**12 values."""
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 9)}]" for level in range(1, 12)]
    with deadline(60):
        data, problems = read_text(tmp_path / "bomb.yaml", "\n".join(lines) + "\n")
    assert data is None
    assert problems == [
        (
            "bomb.yaml:5:10: a4[1]: the aliases (*name) in this file repeat more than 10,000 values "
            "(hint: write the values out in full; aliases of aliases grow without end)"
        )
    ]


def test_alias_cycles_and_deep_nesting_give_a_message_not_a_recursion_error(tmp_path: Path) -> None:
    with deadline(60):
        cycle = read_text(tmp_path / "cycle.yaml", "a: &loop\n  b: *loop\n")
        nested = read_text(tmp_path / "nested.yaml", "a: " + "[" * 500_000 + "\n")  # within the size limit, never closed
        mappings = read_text(tmp_path / "mappings.yaml", "a: " + "{b: " * 10_000 + "1" + "}" * 10_000 + "\n")
    assert cycle == (
        None,
        [
            (
                "cycle.yaml:2:6: a.b: the alias *loop is inside the value it names (&loop on line 1), so it would repeat without end "
                "(hint: write the value out in full instead of *loop)"
            )
        ],
    )
    for name, (data, problems) in (("nested.yaml", nested), ("mappings.yaml", mappings)):
        assert data is None
        assert len(problems) == 1 and problems[0].startswith(f"{name}:1:")
        assert f": (file): fields are nested more than {MAX_DEPTH} levels deep (hint: " in problems[0]


def test_the_limits_leave_room_for_what_a_record_might_use(tmp_path: Path) -> None:
    """Fifty levels and a hundred aliases are accepted; one more of either is not."""
    deep = "a: " + "[" * (MAX_DEPTH - 1) + "1" + "]" * (MAX_DEPTH - 1) + "\n"
    assert read_text(tmp_path / "deep.yaml", deep)[1] == []
    assert "nested more than" in read_text(tmp_path / "deeper.yaml", "a: " + "[" * MAX_DEPTH + "1" + "]" * MAX_DEPTH + "\n")[1][0]
    aliases = "a: &x text\nb: [" + ", ".join(["*x"] * MAX_ALIASES) + "]\n"
    data, problems = read_text(tmp_path / "aliases.yaml", aliases)
    assert problems == [] and data["b"] == ["text"] * MAX_ALIASES  # type: ignore[index]
    more = "a: &x text\nb: [" + ", ".join(["*x"] * (MAX_ALIASES + 1)) + "]\n"
    assert f"more than {MAX_ALIASES} aliases" in read_text(tmp_path / "more.yaml", more)[1][0]


def test_an_aliased_value_is_a_copy_positioned_at_the_alias(tmp_path: Path) -> None:
    path = tmp_path / "alias.yaml"
    path.write_text("first: &same\n  words: here\nsecond: *same\n", "utf-8")
    document, problems = read_yaml(path, path.name)
    assert problems == [] and document is not None
    assert document.data == {"first": {"words": "here"}, "second": {"words": "here"}}
    assert document.data["first"] is not document.data["second"]
    assert document.where(("second", "words")) == (3, 9)
    assert document.where(("first", "words")) == (2, 10)


# --- numbers and tags --------------------------------------------------------------------------


def test_plain_numbers_and_quoted_text_are_read_as_before(tmp_path: Path) -> None:
    data, problems = read_text(
        tmp_path / "plain.yaml",
        'count: 20\nzero: 0\nbelow: -3\nshare: 1.5\nquoted: "0x14"\ntime: "14:30"\ndate: 2023-07-20\nnothing:\nflag: true\n',
    )
    assert problems == []
    assert data == {
        "count": 20,
        "zero": 0,
        "below": -3,
        "share": 1.5,
        "quoted": "0x14",
        "time": "14:30",
        "date": "2023-07-20",
        "nothing": None,
        "flag": True,
    }
    assert type(data["count"]) is int  # type: ignore[index]


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("0x14", "the number 0x14 is written in hexadecimal (hint: write it in plain decimal digits (20), "),
        ("024", "the number 024 starts with 0, so YAML reads it as octal (20) (hint: write 24 without the leading zero, "),
        ("0o24", "the number 0o24 is written in octal (hint: write it in plain decimal digits (20), "),
        ("2_0", "the number 2_0 is written with underscores (hint: write it in plain digits (20), "),
        ("1:20", "YAML reads 1:20 as a number in base 60 (80) (hint: put it in quotes if it is text, such as a time"),
        ("+20", "the number +20 is written with a + sign (hint: write 20, without the sign)"),
        ("20.0", "the number 20.0 is written with a decimal point (hint: write 20, without the decimal point, "),
        ("2.0e+1", "the number 2.0e+1 is written with a decimal point (hint: write 20, "),
        ("-.inf", "YAML reads -.inf as a number written in a form the register does not use (hint: "),
    ],
)
def test_numbers_not_in_plain_decimal_are_refused_with_the_plain_form(tmp_path: Path, written: str, said: str) -> None:
    _, problems = read_text(tmp_path / "number.yaml", f"answers:\n  - recommendation: {written}\n")
    assert len(problems) == 1
    assert problems[0].startswith(f"number.yaml:2:21: answers[1].recommendation: {said}")


@pytest.mark.parametrize(
    ("written", "shown", "column"),
    [
        ("!!python/object/apply:os.system [ls]", "!!python/object/apply:os.system", 4),
        ("!secret {a: 1}", "!secret", 4),
        ("!!str {a: 1}", "!!str", 4),
        ("!!seq [1]", "!!seq", 4),
        ("[é€, !!str x]", "!!str", 9),
        ("!!binary aGVsbG8=", "!!binary", 4),
        ("!x%0A::error%20file=a::oops y", "!x\\x0a::error file=a::oops", 4),
    ],
)
def test_tags_on_any_value_are_refused_where_written(tmp_path: Path, written: str, shown: str, column: int) -> None:
    """Columns count characters (é and € are one each), and a tag's escapes are never printed raw."""
    _, problems = read_text(tmp_path / "tag.yaml", f"v: {written}\n")
    assert len(problems) == 1
    assert problems[0].startswith(f"tag.yaml:1:{column}: v")
    assert f": a YAML tag ({shown}) is not used in the register (hint: " in problems[0]
    assert "\n" not in problems[0]


# --- the same data as before -----------------------------------------------------------------------


class _DatesAsText(yaml.SafeLoader):
    """PyYAML's own loader, keeping dates as written, as the register's reader does."""


_DatesAsText.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)


def test_every_real_and_fixture_file_reads_as_pyyaml_reads_it() -> None:
    """The reader builds data from parser events itself; what it accepts, it reads as PyYAML does."""
    files = sorted((ROOT / "data").rglob("*.yaml")) + sorted((ROOT / "tests" / "fixtures").rglob("*.yaml"))
    assert len(files) > 20
    for path in files:
        document, problems = read_yaml(path, path.name)
        assert problems == [] and document is not None, path
        assert document.data == yaml.load(path.read_text("utf-8"), Loader=_DatesAsText), path


def test_a_transcript_is_published_with_its_line_ends_made_plain(project: Path) -> None:
    text = (project / TRANSCRIPT).read_text("utf-8")
    (project / TRANSCRIPT).write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    register = load_register(project)
    assert register.transcripts[f"{TERRORIST}/norfolk.txt"] == text


def test_a_missing_transcript_is_still_named_at_the_response(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / TRANSCRIPT).unlink()
    status, output = check(project, capsys)
    assert status == 1
    assert f"{RESPONSE}:18:15: document.transcript: no file {TRANSCRIPT} (hint: add the transcript or remove the field)" in output
