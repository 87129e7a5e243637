"""A build writes into a fresh folder beside the site, and the site is replaced only when the
whole build has succeeded; a build that fails half-way (a page that will not render, the search
indexer failing, a warning in strict mode) leaves the last good site exactly as it was.

The fresh folder is a sibling (``.site.building-<pid>-<random>``), on the same file system, so
putting it in place is two renames: the old site aside, the new one in, then the old removed.
A folder that cannot be renamed (a mount point, say) has its contents replaced instead, which
happens only after the build has succeeded. Folders left by a build that was killed are
removed by the next build, once the process that made them is gone.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
from pathlib import Path

_LEFTOVER = re.compile(r"\.(?P<site>.+)\.(?:building|old)-(?P<pid>\d+)-[^/]*")


class FreshSite:
    """The folder a build writes into, made beside ``site``; ``publish`` puts it in ``site``'s place."""

    def __init__(self, site: Path):
        self.site = Path(os.path.realpath(site))  # a site folder reached by a symbolic link is replaced where it is
        self.site.parent.mkdir(parents=True, exist_ok=True)
        remove_leftovers(self.site)
        self.path = Path(tempfile.mkdtemp(prefix=f".{self.site.name}.building-{os.getpid()}-", dir=self.site.parent))
        os.chmod(self.path, _mode_of(self.site))  # mkdtemp makes it private; a web server must read the site

    def publish(self) -> None:
        """Put the finished build in the site's place, and remove the old site."""
        if not os.path.lexists(self.site):
            os.rename(self.path, self.site)
            return
        aside = self.site.parent / f".{self.site.name}.old-{os.getpid()}-{self.path.name.rsplit('-', 1)[-1]}"
        try:
            os.rename(self.site, aside)
        except OSError:  # a mount point or a busy folder: replace what is inside it instead
            _replace_contents(self.site, self.path)
            return
        try:
            os.rename(self.path, self.site)
        except OSError:
            os.rename(aside, self.site)
            raise
        _remove(aside)

    def discard(self) -> None:
        """Remove the fresh folder of a build that failed; the site is untouched."""
        _remove(self.path)


def remove_leftovers(site: Path) -> None:
    """Remove fresh and old folders beside ``site`` left by builds whose process has ended."""
    try:
        siblings = list(site.parent.iterdir())
    except OSError:
        return
    for sibling in siblings:
        match = _LEFTOVER.fullmatch(sibling.name)
        if match and match["site"] == site.name and not _alive(int(match["pid"])):
            _remove(sibling)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # this process is starting a build, so no earlier one of its own is running
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: it exists, as another user's process
        return True
    return True


def _mode_of(site: Path) -> int:
    """The old site's permissions, or those a new folder gets under the process's umask."""
    try:
        return stat.S_IMODE(site.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o777 & ~umask


def _replace_contents(site: Path, fresh: Path) -> None:
    for child in list(site.iterdir()):
        _remove(child)
    for child in list(fresh.iterdir()):
        shutil.move(str(child), str(site / child.name))
    fresh.rmdir()


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        try:
            path.unlink()
        except FileNotFoundError:
            pass
