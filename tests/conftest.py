"""Shared fixtures: the example content root and its built site."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from generator.pipeline import Result, generate

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 23)

# When content files last changed, as git would say: fixed, so that the golden files and
# the built pages do not depend on this repository's own history.
CHANGED = {
    "content/why-handover.md": dt.date(2026, 11, 2),
    "content/mql.yaml": dt.date(2026, 10, 5),
    "playbooks/university.md": dt.date(2026, 10, 1),
    "sessions/2026/2026-11-16-weekly.yaml": dt.date(2026, 11, 17),
}

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture(scope="session")
def example_root() -> Path:
    return REPO


def edit(root: Path, rel: str, old: str, new: str) -> None:
    """Replace the first ``old`` in the file ``rel`` under ``root``, which must hold it."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    """A writable copy of the example content: content/, playbooks/, sessions/ (no mkdocs.yml)."""
    root = tmp_path / "root"
    for name in ("content", "playbooks", "sessions"):
        shutil.copytree(REPO / name, root / name)
    return root


@pytest.fixture(scope="session")
def example_result() -> Result:
    result = generate(REPO, TODAY, history=lambda _root: CHANGED)
    assert not result.failed, result.diagnostics
    return result


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, example_result: Result) -> Path:
    """The example site, built once per test run with MkDocs in strict mode."""
    from generator.engine.build import build_site

    site = tmp_path_factory.mktemp("built") / "site"
    build_site(example_result, site, strict=True)
    return site
