"""When each content file last changed, from git: the only code that runs git.

One ``git log`` for the whole root, newest commit first, so that it stays one process
at thousands of sessions (plus one constant-time question: is the clone shallow?).
Anything that goes wrong (no git, not a repository, a repository git refuses to read)
means "no history": pages then show no date.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from generator.vocabulary import CONTENT_FOLDERS

AREAS = CONTENT_FOLDERS
COMMIT = "\x1e"  # starts the line of each commit in the log's output
TIMEOUT_S = 120


def _git(root: Path, *args: str) -> str | None:
    """git's output, or None when it cannot be run or fails."""
    try:
        run = subprocess.run(
            ["git", "-c", "core.quotePath=false", *args],
            cwd=root,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=TIMEOUT_S,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return run.stdout if run.returncode == 0 else None


def last_changed(root: Path) -> dict[str, dt.date]:
    """Path relative to ``root`` (POSIX) -> committer date of the last commit that changed it.

    Empty when ``root`` is not in a git work tree, or git is missing or fails. Uncommitted
    edits are not counted. In a shallow clone the oldest commit seems to add every file,
    so files last changed there (or earlier) get no date rather than a wrong one: build
    from a full clone (``fetch-depth: 0``) to date every page.
    """
    log = _git(
        root,
        "log",
        f"--format={COMMIT}%cs %P",
        "--name-only",
        "--relative",  # names relative to root, and nothing outside it
        "--no-color",
        "--",
        *AREAS,
    )
    if log is None:
        return {}
    shallow = (_git(root, "rev-parse", "--is-shallow-repository") or "").strip() == "true"
    return parse_log(log, shallow=shallow)


def parse_log(output: str, *, shallow: bool = False) -> dict[str, dt.date]:
    """The newest date of each path in ``git log --format=<COMMIT>%cs %P --name-only`` output.

    With ``shallow``, a commit without parents is the clone's boundary, not a real root:
    the files it lists are not dated.
    """
    changed: dict[str, dt.date] = {}
    date: dt.date | None = None
    for line in output.split("\n"):  # not splitlines(): it splits at the marker too
        if line.startswith(COMMIT):
            date_text, *parents = line[len(COMMIT) :].split() or [""]
            try:
                date = dt.date.fromisoformat(date_text)
            except ValueError:
                date = None
            if shallow and not parents:
                date = None
        elif line and date is not None:
            changed.setdefault(line, date)
    return changed


class SinceCommit:
    """``last_changed``, asked of git again only when the commit checked out changed.

    For the live preview: uncommitted edits do not count, so between commits the dates
    are the same, and one ``git rev-parse`` replaces a ``git log`` of the whole history
    on every rebuild.
    """

    def __init__(self) -> None:
        self._at: tuple[Path, str] | None = None
        self._dates: dict[str, dt.date] = {}

    def __call__(self, root: Path) -> dict[str, dt.date]:
        head = _git(root, "rev-parse", "HEAD")
        if head is None:  # no repository, no commit yet, or no git
            return last_changed(root)
        if self._at != (root, head):
            self._dates, self._at = last_changed(root), (root, head)
        return self._dates
