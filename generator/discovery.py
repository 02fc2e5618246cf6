"""Which files under a content root are content: the folders walked, the links followed.

A symbolic link is followed only while it stays inside the root. One that leads out
(the whole folder, a sub-folder or a single file) is named in a warning and ignored,
so that a pull request cannot publish, or probe, files from elsewhere on the machine
that builds the site. A folder link that leads back to a folder above it is ignored
too (one to a folder already walked): followed, it would be walked forever.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from generator.diagnostics import Collector
from generator.vocabulary import CONTENT_FOLDERS as CONTENT_FOLDERS

KINDS = {"team", "mql", "funnel", "glossary"}
SESSION_NAME = re.compile(r"^(\d{4})/(\d{4})-(\d{2})-(\d{2})(-[a-z0-9][a-z0-9-]*)?\.ya?ml$")
OUTSIDE = "symbolic link leads outside the content root: ignored"


def leads_outside(path: Path, real_root: Path) -> bool | None:
    """Whether a link leads outside the root; None when it loops or cannot be followed."""
    try:
        return not path.resolve(strict=True).is_relative_to(real_root)
    except (OSError, RuntimeError):  # RuntimeError: a loop, before Python 3.13
        return None


class _Walk:
    """The regular files under one content folder, links followed while they stay inside."""

    def __init__(self, root: Path, diags: Collector) -> None:
        self.root, self.real_root, self.diags = root, root.resolve(), diags
        self.seen: set[Path] = set()  # the real paths of the folders walked

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def link_ok(self, link: Path) -> bool:
        """Whether a symbolic link can be followed and stays inside the root; if not, says so."""
        outside = leads_outside(link, self.real_root)
        if outside is None:
            message = "symbolic link loops or leads nowhere: fix or remove it"
            self.diags.error(self.rel(link), 1, 1, message)
        elif outside:
            self.diags.warning(self.rel(link), 1, 1, OUTSIDE)
        return outside is False

    def enter(self, folder: Path) -> bool:
        """Whether to walk into ``folder``: not hidden, and if a link, one that stays inside
        the root and leads to a folder not walked yet (else the walk would never end)."""
        if folder.name.startswith("."):
            return False
        if not folder.is_symlink():
            return True
        if not self.link_ok(folder):
            return False
        if folder.resolve() in self.seen:
            message = "symbolic link leads back to a folder that is read already: ignored"
            self.diags.warning(self.rel(folder), 1, 1, message)
            return False
        return True

    def file(self, full: Path) -> bool:
        """Whether ``full`` is a regular file to read; what is not is reported."""
        if full.is_symlink() and not self.link_ok(full):
            return False
        if not full.is_file():
            message = "not a regular file (a pipe or device?): ignored"
            self.diags.warning(self.rel(full), 1, 1, message)
            return False
        return True

    def files(self, folder: str) -> Iterator[str]:
        """Relative POSIX paths of the regular files under root/folder, sorted."""
        base = self.root / folder
        if not base.is_dir():
            return
        if base.is_symlink() and leads_outside(base, self.real_root):
            self.diags.warning(folder, 1, 1, OUTSIDE)
            return
        for dirpath, dirnames, filenames in os.walk(base, followlinks=True):
            here = Path(dirpath)
            self.seen.add(here.resolve())
            dirnames[:] = [d for d in sorted(dirnames) if self.enter(here / d)]
            for name in sorted(filenames):
                if not name.startswith(".") and self.file(here / name):
                    yield self.rel(here / name)


def discover(root: Path, diags: Collector) -> list[tuple[str, str]]:
    """(relative path, kind) of every content file under root, in a stable order."""
    walk = _Walk(root, diags)
    found: list[tuple[str, str]] = []
    for rel in walk.files("content"):
        name = rel.removeprefix("content/")
        stem, _, ext = name.rpartition(".")
        if "/" in name or ext not in {"yaml", "yml", "md"}:
            continue
        if ext == "md":
            found.append((rel, "page"))
        elif stem in KINDS:
            found.append((rel, stem))
        else:
            diags.warning(rel, 1, 1, "unknown data file: expected team, mql, funnel or glossary")
    for rel in walk.files("playbooks"):
        if rel.endswith(".md") and rel.count("/") == 1:
            found.append((rel, "playbook"))
    for rel in walk.files("sessions"):
        if SESSION_NAME.fullmatch(rel.removeprefix("sessions/")):
            found.append((rel, "session"))
        else:
            diags.error(
                rel,
                1,
                1,
                "unexpected file in sessions/: name session files "
                "sessions/<YYYY>/<YYYY-MM-DD>[-<slug>].yaml",
            )
    return found
