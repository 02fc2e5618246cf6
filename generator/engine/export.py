"""The engine-neutral output: a Markdown docs tree plus a config any engine can build."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.engine.config import dump, site_config
from generator.engine.theme import engine_neutral, write_theme
from generator.engine.tree import replace_dir, staging, write_tree
from generator.pipeline import Result
from generator.refusals import Refused
from generator.render.env import TEMPLATES
from generator.render.pages import Pages

MARKER = ".handover-export"
# How to build the exported tree and index it for search (Pagefind or another engine).
README = TEMPLATES / "exports" / "README.md"


class ExportRefused(Refused):
    """The output directory holds something that is not an earlier export."""


def export_tree(result: Result, out: Path) -> None:
    """Write docs/ and mkdocs.yml to ``out``, replacing an earlier export atomically."""
    if out.exists() and any(out.iterdir()) and not (out / MARKER).exists():
        raise ExportRefused(
            f"{out} is not empty and is not an earlier export: choose another --out"
        )
    with staging(out) as tmp:
        new = tmp / "export"
        write_into(result, new, portable=True)
        (new / MARKER).write_text("Written by `handover export`; replaced on the next export.\n")
        shutil.copyfile(README, new / "README.md")
        replace_dir(new, out, tmp)


def write_into(
    result: Result, base: Path, *, portable: bool = False, pages: Pages | None = None
) -> None:
    """docs/, the theme overrides and mkdocs.yml under base (which need not exist yet).
    ``portable``: leave out the options that only MkDocs can load (see engine/theme.py),
    so that every engine that reads mkdocs.yml builds the tree. ``pages``: the files of
    docs/ when not all of ``result.pages`` (a build writes some straight into the site)."""
    write_tree(base / "docs", result.pages if pages is None else pages)
    write_theme(base)
    config = site_config(result.user_config, result.content)
    if portable:
        engine_neutral(config)
    (base / "mkdocs.yml").write_text(dump(config), encoding="utf-8")
