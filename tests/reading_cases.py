"""The corpus cases of files that are not what they claim to be: made by code, as git keeps them badly.

Symbolic links (git stores them, so a pull request can add one), named pipes and a transcript
too large to keep are laid over the project copy here; ``tests/test_corpus.py`` runs them with
the other cases (``GENERATED``), and each case's folder holds its about.txt and expected.txt.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

from register.data.load import MAX_TRANSCRIPT_BYTES

TERRORIST = "management-of-terrorist-offenders-2023"
RESPONSES = Path("data/responses") / TERRORIST
TRANSCRIPTS = Path("data/transcripts") / TERRORIST


def _link(relative: Path | str, target: str) -> Callable[[Path], None]:
    """Put a symbolic link to ``target`` (absolute, or relative to the link's folder) at ``relative``."""

    def make(project: Path) -> None:
        path = project / relative
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif os.path.lexists(path):
            path.unlink()
        path.symlink_to(target)

    return make


def _moved_and_linked(relative: Path | str, to: str) -> Callable[[Path], None]:
    """Move ``relative`` to ``to`` (both under the project) and leave a link to it in its place."""

    def make(project: Path) -> None:
        (project / relative).rename(project / to)
        (project / relative).symlink_to(project / to)

    return make


def _pipe(relative: Path | str) -> Callable[[Path], None]:
    """Put a named pipe at ``relative``: reading it would wait for ever."""

    def make(project: Path) -> None:
        path = project / relative
        if path.exists():
            path.unlink()
        os.mkfifo(path)

    return make


def _huge_transcript(project: Path) -> None:
    """A transcript over the limit: the document's text pasted again and again."""
    path = project / TRANSCRIPTS / "norfolk.txt"
    text = path.read_bytes()
    path.write_bytes(text * (MAX_TRANSCRIPT_BYTES // len(text) + 1))


READING_CASES: dict[str, Callable[[Path], None]] = {
    "read-link-data-file-outside": _link(RESPONSES / "kent.yaml", "/etc/passwd"),
    "read-link-data-file-inside": _link(RESPONSES / "norfolk.yaml", "../counter-terrorism-prevent-2020/cumbria.yaml"),
    "read-link-data-file-dangling": _link(RESPONSES / "kent.yaml", "kent-draft.yaml"),
    "read-link-stray-file": _link("data/notes.yaml", "/etc/passwd"),
    "read-link-transcript-environ": _link(TRANSCRIPTS / "norfolk.txt", "/proc/self/environ"),
    "read-link-transcript-passwd": _link(TRANSCRIPTS / "norfolk.txt", "/etc/passwd"),
    "read-link-transcript-inside": _link(TRANSCRIPTS / "norfolk.txt", "../counter-terrorism-prevent-2020/cumbria.txt"),
    "read-link-transcript-dangling": _link(TRANSCRIPTS / "norfolk.txt", "norfolk-old.txt"),
    "read-link-transcripts-folder": _link(TRANSCRIPTS, "/etc"),
    "read-link-responses-folder": _link("data/responses/counter-terrorism-prevent-2020-copy", "counter-terrorism-prevent-2020"),
    "read-link-forces-file": _moved_and_linked("data/forces.yaml", "forces-elsewhere.yaml"),
    "read-link-data-folder": _moved_and_linked("data", "data-elsewhere"),
    "read-pipe-data-file": _pipe(RESPONSES / "kent.yaml"),
    "read-pipe-transcript": _pipe(TRANSCRIPTS / "norfolk.txt"),
    "read-pipe-stray-file": _pipe("data/notes.yaml"),
    "read-transcript-too-large": _huge_transcript,
}
"""Each case's name and the code that lays it over a fresh copy of the project."""
