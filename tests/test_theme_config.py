"""engine/theme.py: the overrides become custom_dir; an export holds no Python object."""

from __future__ import annotations

import io
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from generator.engine.config import dump
from generator.engine.theme import engine_neutral, use_theme, write_theme


def _load(text: str) -> CommentedMap:
    data: CommentedMap = YAML(typ="rt").load(io.StringIO(text))
    return data


def test_python_objects_leave_the_export_and_other_options_stay() -> None:
    config = _load(
        "plugins:\n"
        "  - search\n"
        "  - tags:\n"
        "      listings_tags_sort_by: !!python/name:material.plugins.tags.tag_name_casefold\n"
        "  - blog:\n"
        "      post_date_format: full\n"
        "      categories_sort_by: !!python/name:material.plugins.blog.view_name\n"
    )
    assert engine_neutral(config) == ["tags.listings_tags_sort_by", "blog.categories_sort_by"]
    text = dump(config)
    assert "!!python" not in text
    assert _load(text)["plugins"] == ["search", "tags", {"blog": {"post_date_format": "full"}}]


def test_the_overrides_become_materials_custom_dir(tmp_path: Path) -> None:
    config = _load("theme:\n  name: material\n")
    use_theme(config["theme"])
    write_theme(tmp_path)
    assert config["theme"]["custom_dir"] == "theme"
    names = {p.name for p in (tmp_path / "theme").iterdir()}
    assert names >= {"main.html", "404.html", "handover-valid.html", "partials"}


def test_a_custom_dir_of_the_sites_own_or_another_theme_is_left_alone() -> None:
    own = _load("theme:\n  name: material\n  custom_dir: mine\n")
    other = _load("theme:\n  name: readthedocs\n")
    for config in (own, other):
        use_theme(config["theme"])
    assert own["theme"]["custom_dir"] == "mine"
    assert "custom_dir" not in other["theme"]


def test_mkdocs_on_the_roots_own_config_uses_the_overrides_too(example_root: Path) -> None:
    """`mkdocs build` in the root runs the handover plugin, which puts them first."""
    from mkdocs.config import load_config

    from generator.engine.theme import OVERRIDES

    config = load_config(config_file=str(example_root / "mkdocs.yml"))
    config.plugins["handover"].config.today = "2026-11-23"
    config = config.plugins.on_config(config)
    assert config.theme.dirs[0] == str(OVERRIDES)
    config.plugins.on_config(config)  # a rebuild of mkdocs serve: still once
    assert config.theme.dirs.count(str(OVERRIDES)) == 1
