"""Run the Nu HTML checker (npm vnu-jar, tests/nu; needs Java) on built pages."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
VNU = REPO / "tests" / "nu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# One page of each kind of the example site.
PAGES = {
    "home": "index.html",
    "start": "start/index.html",
    "free page": "handover-session/index.html",
    "sessions index": "sessions/index.html",
    "year": "sessions/2026/index.html",
    "session": "sessions/2026/2026-11-16-weekly/index.html",
    "debrief": "sessions/2026/2026-11-16-weekly/debrief/sales/index.html",
    "actions": "actions/index.html",
    "person": "people/ana/index.html",
    "people index": "people/index.html",
    "playbooks index": "playbooks/index.html",
    "playbook": "playbooks/university/index.html",
    "mql": "mql/index.html",
    "funnel": "funnel/index.html",
    "glossary": "glossary/index.html",
    "leads": "leads/index.html",
    "tags": "tags/index.html",
    "404": "404.html",
}


def checker() -> list[str]:
    """The command that runs the checker: skip without it, but fail in CI."""
    java = shutil.which("java")
    if java is not None and VNU.is_file():
        return [java, "-jar", str(VNU)]
    missing = "java" if java is None else f"{VNU} (npm ci --prefix tests/nu)"
    if os.environ.get("CI", "").lower() in {"true", "1", "yes"}:
        pytest.fail(f"the Nu HTML checker cannot run: {missing} is missing", pytrace=False)
    pytest.skip(f"the Nu HTML checker is not installed: {missing} is missing")


def errors(pages: list[Path]) -> dict[Path, list[str]]:
    """The checker's errors on each page (one run of the checker), as 'line: message'."""
    run = subprocess.run(
        [*checker(), "--format", "json", "--exit-zero-always", *map(str, pages)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    found: dict[Path, list[str]] = {page: [] for page in pages}
    for m in json.loads(run.stderr or run.stdout)["messages"]:
        if m.get("type") in {"error", "non-document-error"}:
            page = Path(str(m.get("url", "")).removeprefix("file:"))
            found.setdefault(page, []).append(f"{m.get('lastLine', '?')}: {m.get('message')}")
    return found
