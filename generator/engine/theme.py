"""The theme overrides (site_templates/theme), and what an export leaves out.

- The overrides are Material's templates that handover changes, written beside docs/
  and named as the configuration's ``theme.custom_dir`` in every build, preview and
  export: the site search (its box in the header, and the mark on each page's content
  that tells Pagefind what to index, see engine/search_index.py), and the attributes
  that the theme writes but HTML does not allow (``main.html`` renders the page through
  ``handover-valid.html``; checked by tests/test_valid_html.py).
- An exported ``mkdocs.yml`` must load in any engine that reads one (MkDocs, ProperDocs,
  Zensical): options written as Python objects (``!!python/name:...``) stay in the
  handover build alone.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar

from generator.render.env import TEMPLATES

OVERRIDES = TEMPLATES / "theme"
FOLDER = "theme"  # beside docs/ and mkdocs.yml in the export and the build
PYTHON_TAG = "tag:yaml.org,2002:python/"


def write_theme(base: Path) -> None:
    """Copy the overrides to ``base/theme`` (replacing what was there)."""
    target = base / FOLDER
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(OVERRIDES, target, ignore=shutil.ignore_patterns("__pycache__"))


def use_theme(theme: Any) -> None:
    """Name the overrides in a Material theme configuration, unless it names its own
    (then the site keeps that one, without handover's search box and HTML fixes)."""
    if isinstance(theme, dict) and theme.get("name") == "material":
        theme.setdefault("custom_dir", FOLDER)


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
