"""Writing a generated tree to disk, and replacing a directory only when all went well."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.render.pages import Pages


def write_tree(base: Path, pages: Pages) -> None:
    """Write every page under base. Paths come from the renderer and never leave base."""
    base_real = base.resolve()
    for rel, data in sorted(pages.items()):
        target = (base / rel).resolve()
        if not target.is_relative_to(base_real):
            raise ValueError(f"refusing to write outside the output directory: {rel}")
        target.parent.mkdir(parents=True, exist_ok=True)
        payload = data.encode("utf-8") if isinstance(data, str) else data
        target.write_bytes(payload)


@contextmanager
def staging(dest: Path) -> Iterator[Path]:
    """A temporary directory beside dest (same file system), removed afterwards."""
    parent = dest.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.handover-", dir=parent))
    try:
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def replace_dir(new: Path, dest: Path, scratch: Path) -> None:
    """Put ``new`` at ``dest``; the old ``dest`` is moved into ``scratch`` and removed with it.

    Two renames on one file system: ``dest`` is either the old tree or the new one.
    """
    if dest.exists() or dest.is_symlink():
        if not dest.is_dir() or dest.is_symlink():
            raise NotADirectoryError(f"{dest} exists and is not a directory")
        os.replace(dest, scratch / "previous")
    os.replace(new, dest)
