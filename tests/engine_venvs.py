"""Virtual environments with other engines, for tests/test_engines.py.

Each engine gets its own environment under .venv-engines/<name> (git-ignored), created
once and kept while its requirements stay the same; the MkDocs and ProperDocs ones take
the theme's versions from pyproject.toml, so that they build with what handover builds.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HOME = REPO / ".venv-engines"
ZENSICAL = "zensical==0.0.73"  # 0.1.x does not install from the registry yet
PROPERDOCS = "properdocs==1.6.7"
THEME = ("mkdocs-material", "pymdown-extensions")


def pinned(name: str) -> str:
    """The exact requirement pyproject.toml gives for ``name``."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    for requirement in project["project"]["dependencies"]:
        if re.split(r"[=<>!~ \[;]", requirement, maxsplit=1)[0].lower() == name:
            return str(requirement)
    raise LookupError(f"pyproject.toml does not pin {name}")


def requirements() -> dict[str, list[str]]:
    """The packages of each engine's environment."""
    theme = [pinned(name) for name in THEME]
    return {
        "mkdocs": [pinned("mkdocs"), *theme],
        "properdocs": [PROPERDOCS, *theme],
        "zensical": [ZENSICAL],
    }


def start(name: str, packages: list[str]) -> subprocess.Popen[bytes] | None:
    """Start creating the environment ``name``, unless it exists with these packages."""
    stamp = HOME / name / ".installed"
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == _listed(packages):
        return None
    venv = HOME / name
    script = (
        f'"{sys.executable}" -m venv --clear "{venv}" && "{venv}/bin/python" -m pip install '
        "--quiet --disable-pip-version-check --no-compile " + " ".join(f'"{p}"' for p in packages)
    )
    return subprocess.Popen(["sh", "-c", script], stderr=subprocess.PIPE)


def _listed(packages: list[str]) -> str:
    return "\n".join(packages) + "\n"


def ensure() -> dict[str, Path]:
    """Create the missing environments (in parallel); their ``bin`` folder by engine."""
    HOME.mkdir(exist_ok=True)
    (HOME / ".gitignore").write_text("*\n", encoding="utf-8")
    wanted = requirements()
    runs = {name: start(name, packages) for name, packages in wanted.items()}
    for name, run in runs.items():
        if run is None:
            continue
        _, err = run.communicate()
        if run.returncode != 0:
            raise RuntimeError(f"cannot install {name}: {err.decode(errors='replace')}")
        (HOME / name / ".installed").write_text(_listed(wanted[name]), encoding="utf-8")
    return {name: HOME / name / "bin" for name in wanted}
