"""Which content root a command works on: the one given, else the one found upwards.

Like git, a command run anywhere inside a content root (``sessions/2026``, say) works
on that root. A folder is a content root when it holds ``mkdocs.yml``, or both
``content/`` and ``sessions/``. Where no folder from the current one up to the top of
the file system is one, the command refuses (exit 2) rather than check or build an
empty folder and report that all is well.
"""

from __future__ import annotations

from pathlib import Path

import click

MARKER_FILE = "mkdocs.yml"
MARKER_FOLDERS = ("content", "sessions")
NOT_FOUND = (
    "no content root here: {start} and the folders above it hold neither mkdocs.yml "
    "nor content/ and sessions/. Run handover inside your content repository "
    "(the folder with content/ and sessions/), or pass --root DIR."
)


def is_root(folder: Path) -> bool:
    """Whether ``folder`` looks like a content root."""
    if (folder / MARKER_FILE).is_file():
        return True
    return all((folder / name).is_dir() for name in MARKER_FOLDERS)


def find_root(start: Path) -> Path | None:
    """The nearest content root at or above ``start``, or None."""
    here = start.resolve()
    for folder in (here, *here.parents):
        if is_root(folder):
            return folder
    return None


def resolve_root(given: Path | None, start: Path | None = None) -> Path:
    """The root a command works on; says which on stderr when it was found, not given.

    An explicit ``--root`` is used as it is (an empty folder builds a starter site).
    Found at the current folder, the root is ``.``, so that paths printed stay short.
    """
    if given is not None:
        if not given.is_dir():
            raise click.UsageError(f"content root '{given}' is not a directory")
        return given
    here = Path.cwd() if start is None else start
    found = find_root(here)
    if found is None:
        raise click.UsageError(NOT_FOUND.format(start=here.resolve()))
    if found == here.resolve():
        click.echo(f"Content root: {found}", err=True)
        return Path(".") if start is None else here
    click.echo(f"Content root: {found} (found above the current folder)", err=True)
    return found
