"""The root's site configuration (mkdocs.yml): read, checked at its lines, and the
built-in default for a root without one. The settings handover itself reads from it
(extra.handover) are in settings.py; what the engine adds to it is engine/config.py."""

from __future__ import annotations

import copy
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from generator.diagnostics import Collector
from generator.discovery import OUTSIDE, leads_outside
from generator.loader import unacceptable_at

DEFAULT = Path(__file__).parent.parent / "engine" / "default_mkdocs.yml"


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    return yaml


def user_config_name(root: Path) -> str | None:
    """The name of the root's site configuration file, if it has one."""
    return next((name for name in ("mkdocs.yml", "mkdocs.yaml") if (root / name).is_file()), None)


def load_user_config(root: Path, diags: Collector) -> CommentedMap | None:
    """The root's mkdocs.yml (round-trip, so custom tags survive), or None when absent."""
    name = user_config_name(root)
    if name is None:
        return None
    if (root / name).is_symlink() and leads_outside(root / name, root.resolve()):
        diags.warning(name, 1, 1, OUTSIDE)  # as for content: nothing from elsewhere
        return None
    try:
        text = (root / name).read_text(encoding="utf-8")
        data = _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        diags.error(name, line, col, f"invalid YAML: {exc.problem}")
        return None
    except YAMLError:  # the reader's: a character YAML refuses
        line, col, code = unacceptable_at(text) or (1, 1, 0)
        diags.error(
            name, line, col, f"invalid YAML: unacceptable character U+{code:04X}: remove it"
        )
        return None
    except (OSError, UnicodeDecodeError) as exc:
        diags.error(name, 1, 1, f"cannot read site configuration: {exc}")
        return None
    if not isinstance(data, CommentedMap):
        diags.error(name, 1, 1, "site configuration must be a mapping")
        return None
    return data if _lists_ok(data, name, diags) else None


# The options site_config extends: MkDocs takes a list for each, and for plugins and
# markdown_extensions also a mapping of name: options.
LISTS = {
    "plugins": True,
    "markdown_extensions": True,
    "extra_css": False,
    "extra_javascript": False,
}


def _lists_ok(data: CommentedMap, name: str, diags: Collector) -> bool:
    """Report, at its line, an option of LISTS that is neither a list nor allowed mapping."""
    ok = True
    for key, mapping_ok in LISTS.items():
        value = data.get(key)
        if value is None or isinstance(value, list) or (mapping_ok and isinstance(value, dict)):
            continue
        line, col = data.lc.value(key)
        shape = "a list, or a mapping of name: options" if mapping_ok else "a list"
        diags.error(name, line + 1, col + 1, f"'{key}' must be {shape}: got {value!r}")
        ok = False
    return ok


def default_config() -> CommentedMap:
    """The built-in site configuration, for a root without mkdocs.yml."""
    config: CommentedMap = _yaml().load(DEFAULT.read_text(encoding="utf-8"))
    return config


def with_site_url(user: CommentedMap | None, site_url: str) -> CommentedMap:
    """The configuration (the root's, else the default) with ``site_url`` set."""
    config = copy.deepcopy(user) if user is not None else default_config()
    config["site_url"] = site_url
    return config
