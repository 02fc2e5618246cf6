"""What the site configuration carries for the theme, and what an export leaves out.

- Material's templates write a few attributes that HTML does not allow (checked by
  tests/test_valid_html.py); ``overrides/`` wraps the theme's main.html and 404.html
  to take them out, and becomes the theme's ``custom_dir`` in every build, preview and
  export.
- An exported ``mkdocs.yml`` must load in any engine that reads one (MkDocs, ProperDocs,
  Zensical): options written as Python objects (``!!python/name:...``) stay in the
  handover build alone.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar

OVERRIDES = Path(__file__).with_name("overrides")
FOLDER = "overrides"  # beside mkdocs.yml, so that the tree stays relocatable
PYTHON_TAG = "tag:yaml.org,2002:python/"


def add_overrides(config: CommentedMap, base: Path) -> None:
    """Copy the template overrides under ``base`` and make them Material's ``custom_dir``,
    unless the configuration names its own ``custom_dir`` or another theme."""
    theme = config.get("theme")
    if not isinstance(theme, dict) or theme.get("name") != "material" or "custom_dir" in theme:
        return
    shutil.copytree(OVERRIDES, base / FOLDER, dirs_exist_ok=True)
    theme["custom_dir"] = FOLDER


def _is_python(value: Any) -> bool:
    tag = value.tag if isinstance(value, TaggedScalar) else None
    return tag is not None and str(tag).startswith(PYTHON_TAG)


def engine_neutral(config: CommentedMap) -> list[str]:
    """Remove, in place, every plugin option whose value is a Python object, and return
    them as 'plugin.option'. A plugin left with no option is listed by name alone."""
    removed: list[str] = []
    plugins = config.get("plugins")
    if not isinstance(plugins, CommentedSeq):
        return removed
    for i, item in enumerate(plugins):
        if not isinstance(item, dict) or len(item) != 1:
            continue
        name, options = next(iter(item.items()))
        if not isinstance(options, dict):
            continue
        for key in [k for k, v in options.items() if _is_python(v)]:
            del options[key]
            removed.append(f"{name}.{key}")
        if not options:
            plugins[i] = name
    return removed
