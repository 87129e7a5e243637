"""Read a file of the repository only if it is what it claims to be: a regular file, inside the repository.

Git stores symbolic links, so a pull request can add one: a transcript linked to the build
machine's ``/proc/self/environ`` or ``/etc/passwd`` would otherwise be read through and
published, and a data file so linked would have its target quoted in a message. A named pipe
would make the check wait for ever, and a device could be read without end. So every part of
the path below the repository's root is looked at without following links (``os.lstat``), and
every link is refused, even one to a file inside the repository: the register's files are kept
as themselves. The file is then opened with ``O_NOFOLLOW`` and ``O_NONBLOCK`` where the system
has them, so a link or a pipe put in its place after the look is still neither followed nor
waited on, and looked at again once open. A refusal names the file and says what it is; nothing
of a link's target, neither its name nor its content, goes into the message.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from register.data.problems import Problem

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
_OPEN_FLAGS |= getattr(os, "O_CLOEXEC", 0)


def link_hint(what: str = "file") -> str:
    return f"replace the link with the {what} itself; the register reads only files kept in the repository, as a link can point anywhere on the machine that builds the site"


class Refused(Exception):
    """The file cannot be read: what it is (or why), where, and how to put it right."""

    def __init__(self, message: str, hint: str = "", line: int = 1, column: int = 1, *, at: str | None = None):
        super().__init__(message)
        self.message, self.hint, self.line, self.column = message, hint, line, column
        self.at = at
        """The path (from the root) of what is refused, where that is not the file asked for: a linked folder."""

    def problem(self, display_path: str, field: str = "(file)") -> Problem:
        return Problem(self.at or display_path, self.line, self.column, field, self.message, self.hint)


class Missing(Refused):
    """There is no such file (or a folder on the way to it is missing); callers may word this one themselves."""

    def __init__(self) -> None:
        super().__init__("the file is missing", "it was moved or deleted while the check ran; run the check again")


def what_it_is(mode: int) -> str | None:
    """What a file of this mode is, in words, if it is not a regular file or a folder; None if it is."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"  # pragma: no cover - door files and the like


def refusal_of(kind: str, what: str = "file") -> Refused:
    """The refusal of what should be a ``what`` but is ``kind`` (from ``what_it_is``), with how to put it right."""
    if kind == "a symbolic link":
        return Refused(f"this is a symbolic link, not a {what}", link_hint(what))
    return Refused(
        f"this is {kind}, not a {what}" if kind.startswith("a ") else f"this is not a regular {what}",
        "delete it; the register reads only ordinary files saved by an editor",
    )


def lstat_kind(path: Path) -> str | None:
    """``what_it_is`` for ``path`` itself, not following a link; None for a regular file, a folder or nothing."""
    try:
        return what_it_is(os.lstat(path).st_mode)
    except OSError:
        return None


def check_inside(path: Path, root: Path, *, itself: bool = False) -> None:
    """Refuse ``path`` unless it is written under ``root`` and no folder between them is a link.

    ``path`` itself is looked at only with ``itself`` (for a folder); ``check_regular`` looks at a file.
    """
    outside = Refused("this is outside the repository", "the register reads only files inside its own repository")
    try:
        relative = Path(path).relative_to(root)
    except ValueError:
        raise outside from None
    if ".." in relative.parts or relative.is_absolute():
        raise outside
    folder = Path(root)
    for part in relative.parts if itself else relative.parts[:-1]:
        folder = folder / part
        try:
            mode = os.lstat(folder).st_mode
        except FileNotFoundError:
            raise Missing() from None
        except OSError as error:
            raise unreadable(error) from None
        if stat.S_ISLNK(mode):
            raise Refused("this is a symbolic link, not a folder", link_hint("folder"), at=folder.relative_to(root).as_posix())
        if not stat.S_ISDIR(mode):
            raise Missing()


def check_regular(path: Path, root: Path | None = None) -> None:
    """Refuse ``path`` unless it is a regular file (inside ``root``, if given), looking without opening it."""
    if root is not None:
        check_inside(path, root)
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        raise Missing() from None
    except OSError as error:
        raise unreadable(error) from None
    kind = what_it_is(mode)
    if kind is not None:
        raise refusal_of(kind)
    if stat.S_ISDIR(mode):
        raise Refused("this is a folder, not a file", "a file is expected here; move the folder's files where they belong")


def read_bytes(path: Path, *, limit: int, limit_hint: str, root: Path | None = None) -> bytes:
    """The bytes of ``path``, a regular file of at most ``limit`` bytes (inside ``root``, if given); else ``Refused``."""
    check_regular(path, root)
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        if error.errno == errno.ELOOP:  # replaced by a link since the look above
            raise refusal_of("a symbolic link") from None
        if error.errno == errno.ENOENT:
            raise Missing() from None
        raise unreadable(error) from None
    with os.fdopen(descriptor, "rb") as handle:
        opened = os.fstat(handle.fileno())
        kind = what_it_is(opened.st_mode)
        if kind is not None or not stat.S_ISREG(opened.st_mode):
            raise refusal_of(kind or "not a regular file")
        if opened.st_size > limit:
            raise _too_large(opened.st_size, limit, limit_hint)
        try:
            raw = handle.read(limit + 1)
        except OSError as error:
            raise unreadable(error) from None
    if len(raw) > limit:  # it grew since fstat
        raise _too_large(len(raw), limit, limit_hint)
    return raw


def decode_utf8(raw: bytes) -> str:
    """``raw`` as UTF-8 text, or ``Refused`` at the first byte that is not, its column counted in characters."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        line = raw.count(b"\n", 0, error.start) + 1
        column = len(raw[line_start : error.start].decode("utf-8")) + 1
        byte = raw[error.start]
        try:
            seen = f"; in Windows-1252 it would be {bytes([byte]).decode('cp1252')}"
        except UnicodeDecodeError:
            seen = ""
        raise Refused(
            f"the file is not UTF-8 text (byte 0x{byte:02x} cannot be read{seen})",
            "save the file with UTF-8 encoding in your editor; text pasted from Word often brings curly quotes and dashes in another encoding",
            line,
            column,
        ) from None


def _too_large(size: int, limit: int, hint: str) -> Refused:
    return Refused(f"the file is {size / 1024:,.0f} KB; the limit is {limit // 1024:,} KB", hint)


def unreadable(error: OSError, what: str = "file") -> Refused:
    """The refusal of a file (or folder) the system will not let be read, saying why in the system's words."""
    if isinstance(error, PermissionError):
        return Refused(
            f"the {what} cannot be read (permission denied)",
            f"give the {what} read permission (chmod a+r{'x' if what == 'folder' else ''}), or check it out of git again",
        )
    reason = error.strerror or type(error).__name__
    return Refused(f"the {what} cannot be read ({reason})", f"check the {what} out of git again; if that fails, the disk may be at fault")


def entries(folder: Path) -> list[tuple[Path, Refused | None]]:
    """Everything under ``folder`` but its folders, sorted, each with why it cannot be read (None if it can).

    Links are listed, never followed: a linked folder is not looked into. A folder that cannot be
    listed is itself an entry, with its refusal.
    """
    found: list[tuple[Path, Refused | None]] = []
    pending = [Path(folder)]
    while pending:
        here = pending.pop()
        try:
            with os.scandir(here) as listing:
                for entry in listing:
                    mode = entry.stat(follow_symlinks=False).st_mode
                    if stat.S_ISDIR(mode):
                        pending.append(Path(entry.path))
                    else:
                        kind = what_it_is(mode)
                        found.append((Path(entry.path), None if kind is None else refusal_of(kind, "file or folder")))
        except OSError as error:
            found.append((here, unreadable(error, "folder")))
    return sorted(found, key=lambda item: item[0])


def problems_in(folder: Path, root: Path) -> list[Problem]:
    """A problem for every link, pipe, device or unreadable folder under ``folder`` (and for ``folder`` itself
    if it is a link), named by its path from ``root``: for folders a build publishes or reads as a whole,
    such as MkDocs' ``docs_dir`` and theme overrides, which MkDocs would otherwise read through links."""
    try:
        check_inside(folder, root, itself=True)
    except Missing:
        return []
    except Refused as refused:
        return [refused.problem(Path(folder).relative_to(root).as_posix())]
    return [refused.problem(path.relative_to(root).as_posix()) for path, refused in entries(folder) if refused is not None]
