"""The theme overrides (site_templates/theme): Material's templates that handover changes,
written beside docs/ and named as the configuration's ``theme.custom_dir``.

Today they hold the site search: its box in the header, and the mark on each page's
content that tells Pagefind what to index (see engine/search_index.py).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from generator.render.env import TEMPLATES

SOURCE = TEMPLATES / "theme"
FOLDER = "theme"  # beside docs/ and mkdocs.yml in the export and the build


def write_theme(base: Path) -> None:
    """Copy the overrides to ``base/theme`` (replacing what was there)."""
    target = base / FOLDER
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(SOURCE, target, ignore=shutil.ignore_patterns("__pycache__"))


def use_theme(theme: Any) -> None:
    """Name the overrides in a Material theme configuration, unless it names its own
    (then the site keeps that one, without handover's search box)."""
    if isinstance(theme, dict) and theme.get("name") == "material":
        theme.setdefault("custom_dir", FOLDER)
