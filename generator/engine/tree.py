"""Writing a generated tree to disk, and replacing a directory only when all went well."""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from functools import partial
from pathlib import Path

from generator.loader import CONTENT_FOLDERS
from generator.refusals import Refused
from generator.render.pages import Pages


class OutputRefused(Refused):
    """A destination that must not be replaced: nothing was touched."""


def refuse_unsafe_destination(dest: Path, root: Path | None) -> None:
    """Raise OutputRefused when replacing ``dest`` could destroy something else.

    Refused: a symbolic link (replacing it would swap the link, not the directory it
    names), something that is not a directory, and, given the content ``root``, the
    root itself or any directory that is, holds or lies inside one of its content
    folders, whether or not that folder exists yet.
    """
    if dest.is_symlink():
        raise OutputRefused(
            f"'{dest}' is a symbolic link: give the directory itself, or another directory"
        )
    if dest.exists() and not dest.is_dir():
        raise OutputRefused(f"'{dest}' exists and is not a directory: choose another directory")
    if root is None:
        return
    try:
        real, real_root = dest.resolve(), root.resolve()
        # A content folder may itself be a link: guard both where it is and where it leads.
        folders = [(n, f) for n in CONTENT_FOLDERS for f in {real_root / n, (root / n).resolve()}]
    except (OSError, RuntimeError) as exc:  # a symlink loop on the way
        raise OutputRefused(f"cannot use '{dest}': {exc}") from None
    if real == real_root:
        raise OutputRefused(f"'{dest}' is the content root itself: choose another directory")
    for name, folder in folders:
        if real == folder:
            where = "is"
        elif folder.is_relative_to(real):
            where = "holds"
        elif real.is_relative_to(folder):
            where = "is inside"
        else:
            continue
        raise OutputRefused(
            f"'{dest}' {where} the content folder {name}/ of the content root '{root}': "
            "choose a directory outside content/, playbooks/ and sessions/"
        )


def write_tree(base: Path, pages: Pages) -> None:
    """Write every page under base. Paths come from the renderer and never leave base.

    A path is plain parts (no empty part, no ``.`` or ``..``), each folder is made once,
    one level at a time, and a link where a folder or a page goes is refused rather than
    followed: nothing is resolved per file (a site of 2,000 sessions writes 8,500 files
    into 6,000 folders)."""
    base.mkdir(parents=True, exist_ok=True)
    folders: dict[str, Path] = {"": base.resolve()}

    def folder(rel: str) -> Path:
        found = folders.get(rel)
        if found is None:
            up, _, name = rel.rpartition("/")
            found = folder(up) / name
            try:
                found.mkdir()
            except FileExistsError:
                if found.is_symlink() or not found.is_dir():
                    raise ValueError(f"refusing to write through a link or file: {rel}") from None
            folders[rel] = found
        return found

    for rel, data in sorted(pages.items()):
        if any(part in ("", ".", "..") for part in rel.split("/")):
            raise ValueError(f"refusing to write outside the output directory: {rel}")
        parent, _, name = rel.rpartition("/")
        target = folder(parent) / name
        if target.is_symlink():
            raise ValueError(f"refusing to write outside the output directory: {rel}")
        payload = data.encode("utf-8") if isinstance(data, str) else data
        target.write_bytes(payload)


PREVIOUS = "previous"  # where replace_dir parks the old tree, inside the scratch directory


@contextmanager
def staging(dest: Path) -> Iterator[Path]:
    """A temporary directory beside dest (same file system), removed afterwards.

    Whatever stops the work inside (an error, Ctrl-C), ``dest`` is left as it was: if
    replace_dir had already moved the old tree aside, it is put back first.
    """
    parent = dest.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.handover-", dir=parent))
    try:
        yield tmp
    finally:
        _put_back(tmp / PREVIOUS, dest)
        shutil.rmtree(tmp, ignore_errors=True)


@contextmanager
def beside(work: Callable[[], object]) -> Iterator[None]:
    """``work()`` on a thread while the work inside goes on; waits for it at the end,
    and raises its error there (after the work inside, whose own error wins)."""
    failed: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as exc:  # raised again in the caller's thread
            failed.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield
    finally:
        thread.join()
    if failed:
        raise failed[0]


def removing(folder: Path) -> AbstractContextManager[None]:
    """Remove ``folder`` on a thread while the work inside goes on (waits for it at the
    end): removing thousands of files is the file system's work, not this process's, and
    a build's staging docs tree is not needed once MkDocs has read it."""
    return beside(partial(shutil.rmtree, folder, ignore_errors=True))


def writing(base: Path, pages: Pages) -> AbstractContextManager[None]:
    """``write_tree(base, pages)`` on a thread while the work inside goes on (``beside``)."""
    return beside(partial(write_tree, base, pages))


def _put_back(previous: Path, dest: Path) -> None:
    """Return the old tree to ``dest`` when a swap stopped between its two renames."""
    if previous.exists() and not (dest.exists() or dest.is_symlink()):
        os.replace(previous, dest)


def replace_dir(new: Path, dest: Path, scratch: Path) -> None:
    """Put ``new`` at ``dest``; the old ``dest`` is moved into ``scratch`` and removed with it.

    Two renames on one file system: ``dest`` is either the old tree or the new one, and
    if the second rename never happens, ``staging`` puts the old tree back.
    """
    if dest.exists() or dest.is_symlink():
        if not dest.is_dir() or dest.is_symlink():
            raise NotADirectoryError(f"{dest} exists and is not a directory")
        os.replace(dest, scratch / PREVIOUS)
    os.replace(new, dest)
