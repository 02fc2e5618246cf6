"""The import rules of docs/architecture.md: the layers run one way.

input < derive < validate < render < flow < engine < CLI: a module imports only its
own layer and the layers below. Read from the source (ast), so a lazy import inside a
function counts as much as one at the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

GENERATOR = Path(__file__).resolve().parent.parent / "generator"
ORDER = ("input", "derive", "validate", "render", "flow", "engine", "cli")
# Top-level modules and packages of generator/, by layer.
LAYERS = {
    "addresses": "input",
    "vocabulary": "input",
    "policies": "input",
    "refusals": "input",
    "diagnostics": "input",
    "discovery": "input",
    "loader": "input",
    "yaml_hints": "input",
    "models": "input",
    "content": "input",
    "history": "input",
    "derive": "derive",
    "validate": "validate",
    "render": "render",
    "procs": "input",  # no generator imports: loading forks too
    "pipeline": "flow",
    "clock": "flow",
    "engine": "engine",
    "seams": "engine",
    "interrupt": "cli",
    "options": "cli",
    "rootfind": "cli",
    "checkreport": "cli",
    "authoring": "cli",
    "cli": "cli",
    "commands": "cli",
    "__main__": "cli",
    "__init__": "input",
    # The browser editor is one package: its config and page are rendered from Facts;
    # its settings are read with the user's config; its proxy runs beside `serve`.
    "editor": "render",
    "editor.settings": "validate",
    "editor.proxy": "cli",
    "editor.serve": "cli",
    # The new session's defaults are a pure function of the content, shared by the
    # scaffold and the editor's form.
    "authoring.draft": "derive",
}


def _unit(path: Path) -> str:
    """The name in LAYERS that ``path`` belongs to: its module inside a package when
    LAYERS names that module, else the top-level name under generator/."""
    parts = path.relative_to(GENERATOR).with_suffix("").parts
    inner = ".".join(parts[:2])
    return inner if inner in LAYERS else parts[0]


def _named(parts: list[str]) -> str:
    """The name in LAYERS of the module ``generator.<parts>``."""
    inner = ".".join(parts[:2])
    return inner if inner in LAYERS else parts[0]


def _imports(path: Path) -> set[str]:
    """The top-level names under generator/ that the module at ``path`` imports."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            parts = node.module.split(".")
            if parts[0] != "generator":
                continue
            if len(parts) > 2:
                found.add(_named(parts[1:]))
            elif len(parts) == 2:
                found.update(_named([parts[1], alias.name]) for alias in node.names)
            else:
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "generator" and len(parts) > 1:
                    found.add(_named(parts[1:]))
    return found


MODULES = sorted(GENERATOR.rglob("*.py"))


def test_every_module_has_a_layer() -> None:
    units = {_unit(p) for p in MODULES}
    assert units <= set(LAYERS), f"give these a layer in LAYERS: {units - set(LAYERS)}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(GENERATOR)))
def test_imports_only_its_layer_and_below(path: Path) -> None:
    here = ORDER.index(LAYERS[_unit(path)])
    higher = {
        name for name in _imports(path) if name in LAYERS and ORDER.index(LAYERS[name]) > here
    }
    assert not higher, f"{path.name} ({ORDER[here]}) imports a higher layer: {sorted(higher)}"


def test_the_domain_never_imports_the_engine() -> None:
    low = [p for p in MODULES if _unit(p) in {"derive", "validate", "render", "loader", "models"}]
    offenders = [p.name for p in low if {"engine", "seams"} & _imports(p)]
    assert not offenders


def test_render_never_imports_validate() -> None:
    offenders = [p.name for p in MODULES if _unit(p) == "render" and "validate" in _imports(p)]
    assert not offenders


def test_the_rule_catches_an_upward_import(tmp_path: Path) -> None:
    """The reader of imports sees both spellings of an import (so the rules can fail)."""
    module = tmp_path / "m.py"
    module.write_text("from generator.engine.build import x\nimport generator.validate.rules\n")
    assert _imports(module) == {"engine", "validate"}


# Facts is render's one door to the domain: from derive/, render imports Facts and the
# types of what Facts holds, never a derivation to run itself. derive.dates is the
# working-day arithmetic the Gantt chart lays its columns out with, not a derivation.
RENDER_MAY_CALL = {"generator.derive.dates"}


def test_render_reads_only_facts() -> None:
    import importlib

    calls = []
    for path in MODULES:
        if _unit(path) != "render":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom) or not (node.module or "").startswith(
                "generator.derive"
            ):
                continue
            if node.module in RENDER_MAY_CALL:
                continue
            module = importlib.import_module(str(node.module))
            for alias in node.names:
                if not isinstance(getattr(module, alias.name), type):
                    calls.append(f"{path.name}: {node.module}.{alias.name}")
    assert not calls, calls
