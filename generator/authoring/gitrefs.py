"""Reading an earlier state of a content root out of git.

Only ``git`` itself is used (no library): resolve the revision, find where the
current branch forked from it, and extract the content folders of that commit into
a directory, where the ordinary loader can read them.
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.vocabulary import CONTENT_FOLDERS

CONTENT_DIRS = CONTENT_FOLDERS


class GitError(Exception):
    """Not a git repository, an unknown revision, or git missing: a usage error."""


@dataclass(frozen=True)
class Base:
    ref: str  # as given, e.g. origin/main
    ref_commit: str  # the commit ref names
    commit: str  # the commit compared with: the merge base of ref and HEAD
    date: dt.date  # its committer date


def _git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, check=False, timeout=120
        )
    except FileNotFoundError:
        raise GitError("git is not installed: `handover summary` needs it") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {' '.join(args)} failed")
    return done.stdout.decode("utf-8", "replace").strip()


def _git_bytes(root: Path, *args: str) -> bytes:
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    if done.returncode != 0:
        raise GitError(done.stderr.decode("utf-8", "replace").strip() or "git failed")
    return done.stdout


def locate(root: Path) -> tuple[Path, str]:
    """The repository's top folder, and the root's path inside it ('' or 'sub/dir')."""
    try:
        top = _git(root, "rev-parse", "--show-toplevel")
        where = _git(root, "rev-parse", "--show-prefix")
    except GitError:
        raise GitError(
            f"'{root}' is not inside a git repository: `handover summary` compares "
            "the content with a git revision"
        ) from None
    return Path(top), where.rstrip("/")


def resolve_base(root: Path, ref: str) -> Base:
    """The commit to compare with: where HEAD forked from ``ref`` (``ref`` itself if an ancestor)."""
    locate(root)
    if ref.startswith("-"):  # never let a revision be read as an option
        raise GitError(f"'{ref}' is not a git revision")
    try:
        commit = _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except GitError:
        raise GitError(
            f"unknown git revision '{ref}' (fetch it first, e.g. git fetch origin)"
        ) from None
    try:
        fork = _git(root, "merge-base", commit, "HEAD")
    except GitError:
        fork = commit  # no HEAD yet, or unrelated histories: compare with ref itself
    stamp = _git(root, "show", "-s", "--format=%ct", fork)
    return Base(ref, commit, fork, dt.datetime.fromtimestamp(int(stamp), tz=dt.UTC).date())


def extract(root: Path, commit: str, dest: Path) -> None:
    """Write the content folders of the root as of ``commit`` into ``dest``."""
    top, where = locate(root)
    tree = f"{commit}:{where}"
    try:
        names = set(_git(top, "ls-tree", "--full-tree", "--name-only", tree).splitlines())
    except GitError:
        return  # the root did not exist yet
    folders = [d for d in CONTENT_DIRS if d in names]
    if not folders:
        return
    archive = _git_bytes(top, "archive", "--format=tar", tree, "--", *folders)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        for member in tar:
            parts = PurePosixPath(member.name).parts
            if not member.isfile() or ".." in parts or member.name.startswith("/"):
                continue  # links and odd paths are not content
            handle = tar.extractfile(member)
            if handle is None:  # pragma: no cover - regular files always have data
                continue
            target = dest.joinpath(*parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(handle.read())
